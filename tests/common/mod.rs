//! What several test files share.

/// The built-in dataset's treatments, in its order.
#[allow(dead_code)]
pub const TREATMENT_IDS: [&str; 7] = [
    "resection",
    "debulking",
    "rfa",
    "tae",
    "tace",
    "sirt",
    "sbrt",
];

/// Every field known: 12 small-intestine metastases, confined to the liver, fit, G2, with
/// hormonal symptoms; a third of the liver, one lobe, half of it removable, SSTR-negative,
/// no liver, heart or kidney problem, no earlier bile-duct surgery.
// Not every test file that shares this module uses it.
#[allow(dead_code)]
pub const FULL_PROFILE: &[(&str, &str)] = &[
    ("lesions", "12"),
    ("largest_cm", "3"),
    ("extrahepatic", "no"),
    ("ecog", "1"),
    ("grade", "g2"),
    ("primary", "small-intestine"),
    ("hormonal_symptoms", "yes"),
    ("pressure_symptoms", "no"),
    ("reduce_for_other", "no"),
    ("tumour_burden_pct", "30"),
    ("bilobar", "no"),
    ("removable_pct", "50"),
    ("sstr_imaging", "negative"),
    ("ascites", "no"),
    ("liver_failure", "no"),
    ("portal_vein", "no"),
    ("carcinoid_syndrome", "no"),
    ("carcinoid_heart", "no"),
    ("age", "60"),
    ("egfr", "80"),
    ("survival_under_6m", "no"),
    ("biliary_enteric", "no"),
];
