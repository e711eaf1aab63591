//! The patient profile's fields, defined once.
//!
//! Everything about a field lives in its row of the table in [`fields!`]: the name used in
//! rules, JSON and command-line flags, the kind of value and its allowed range, the unit,
//! the group it is shown in, the layer of sources that decides on it, and its label and
//! one-line definition in both languages. The rule parser, the profile, the command-line
//! flags, the app's profile panel and the field list in the README all derive from it, so
//! a new field is one new row.

use std::fmt;

use crate::lang::Lang;
pub use crate::lang::Words;

/// One option of a choice field: its id (used in rules, JSON and flags) and its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opt {
    pub id: &'static str,
    pub label: Words,
}

const fn opt(id: &'static str, da: &'static str, en: &'static str) -> Opt {
    Opt {
        id,
        label: Words::new(da, en),
    }
}

/// What kind of values a field takes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// Whole numbers in `min..=max`.
    Int { min: i64, max: i64 },
    /// Numbers in `min..=max`.
    Float { min: f64, max: f64 },
    /// `yes` or `no`.
    Bool,
    /// One of the listed options.
    Choice(&'static [Opt]),
}

/// Where the app shows a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// The facts that decide most: the patient page's choice factors (number and size of
    /// the metastases, spread outside the liver, the patient's condition), grade and
    /// primary site. First in the panel.
    Key,
    Tumour,
    Liver,
    Patient,
    History,
}

impl Group {
    pub const ALL: [Group; 5] = [
        Group::Key,
        Group::Tumour,
        Group::Liver,
        Group::Patient,
        Group::History,
    ];
}

/// Which layer of sources decides on a field: the patient page, or the guidelines and
/// studies added to it. A guideline field left unknown is a point to check before
/// treatment, not a reservation on the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    Page,
    Guideline,
}

/// Everything about one field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spec {
    /// The name in rules and JSON; the flag is `--` and the name with `-` for `_`.
    pub name: &'static str,
    pub kind: Kind,
    /// The unit, if the value has one.
    pub unit: Option<Words>,
    pub group: Group,
    pub layer: Layer,
    /// What the field is called, starting with a capital.
    pub label: Words,
    /// What exactly is meant, in one line.
    pub help: Words,
}

/// The options of `grade`.
pub const GRADES: &[Opt] = &[
    opt("g1", "G1", "G1"),
    opt("g2", "G2", "G2"),
    opt(
        "g3",
        "NET G3 (veldifferentieret)",
        "NET G3 (well-differentiated)",
    ),
    opt(
        "nec",
        "NEC (neuroendokrint karcinom)",
        "NEC (neuroendocrine carcinoma)",
    ),
];

/// The options of `primary`.
pub const PRIMARIES: &[Opt] = &[
    opt("small-intestine", "Tyndtarm", "Small intestine"),
    opt("pancreas", "Bugspytkirtel", "Pancreas"),
    opt("stomach", "Mavesæk", "Stomach"),
    opt("duodenum", "Tolvfingertarm", "Duodenum"),
    opt("appendix", "Blindtarm", "Appendix"),
    opt("colon", "Tyktarm", "Colon"),
    opt("rectum", "Endetarm", "Rectum"),
    opt("lung", "Lunge", "Lung"),
    opt(
        "unknown",
        "Primærtumor ikke fundet",
        "Primary tumour not found",
    ),
    opt("other", "Andet sted", "Elsewhere"),
];

/// The options of `pancreatic_syndrome`.
pub const PANCREATIC_SYNDROMES: &[Opt] = &[
    opt("none", "Intet", "None"),
    opt("insulinoma", "Insulinom", "Insulinoma"),
    opt("gastrinoma", "Gastrinom", "Gastrinoma"),
    opt("glucagonoma", "Glukagonom", "Glucagonoma"),
    opt("vipoma", "VIPom", "VIPoma"),
    opt("other", "Andet hormon", "Another hormone"),
];

/// The options of `sstr_imaging`.
pub const SSTR: &[Opt] = &[
    opt("positive", "Positiv", "Positive"),
    opt("negative", "Negativ", "Negative"),
];

const CM: Option<Words> = Some(Words::new("cm", "cm"));
const PERCENT: Option<Words> = Some(Words::new("%", "%"));
const YEARS: Option<Words> = Some(Words::new("år", "years"));
const GFR: Option<Words> = Some(Words::new("ml/min/1,73 m²", "ml/min/1.73 m²"));

/// Declares the fields: the enum, the list in display order, and the table.
macro_rules! fields {
    ($($variant:ident => $spec:expr,)*) => {
        /// A field of the patient profile.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field {
            $($variant,)*
        }

        impl Field {
            /// Every field, in the order of the table.
            pub const ALL: &'static [Field] = &[$(Field::$variant,)*];
            /// How many fields there are.
            pub const COUNT: usize = Field::ALL.len();

            /// Everything about the field.
            pub fn spec(self) -> &'static Spec {
                match self {
                    $(Field::$variant => {
                        const SPEC: Spec = $spec;
                        &SPEC
                    })*
                }
            }
        }
    };
}

fields! {
    Lesions => Spec {
        name: "lesions",
        kind: Kind::Int { min: 1, max: 200 },
        unit: None,
        group: Group::Key,
        layer: Layer::Page,
        label: Words::new("Antal levermetastaser", "Number of liver metastases"),
        help: Words::new(
            "Hvor mange metastaser i leveren scanningerne viser.",
            "How many metastases in the liver the scans show.",
        ),
    },
    LargestCm => Spec {
        name: "largest_cm",
        kind: Kind::Float { min: 0.1, max: 30.0 },
        unit: CM,
        group: Group::Key,
        layer: Layer::Page,
        label: Words::new("Største metastase", "Largest metastasis"),
        help: Words::new(
            "Diameter af den største levermetastase.",
            "Diameter of the largest liver metastasis.",
        ),
    },
    Extrahepatic => Spec {
        name: "extrahepatic",
        kind: Kind::Bool,
        unit: None,
        group: Group::Key,
        layer: Layer::Page,
        label: Words::new("Spredning uden for leveren", "Spread outside the liver"),
        help: Words::new(
            "Fjernspredning andre steder end leveren (fx knogler, lunger, fjerne lymfeknuder); primærtumoren og dens regionale lymfeknuder tæller ikke.",
            "Distant spread elsewhere than the liver (e.g. bone, lung, distant lymph nodes); the primary tumour and its regional lymph nodes do not count.",
        ),
    },
    Grade => Spec {
        name: "grade",
        kind: Kind::Choice(GRADES),
        unit: None,
        group: Group::Key,
        layer: Layer::Page,
        label: Words::new("Grad", "Grade"),
        help: Words::new(
            "WHO-grad: G1-G3 er veldifferentierede NET; NEC er et neuroendokrint karcinom.",
            "WHO grade: G1-G3 are well-differentiated NETs; NEC is a neuroendocrine carcinoma.",
        ),
    },
    Primary => Spec {
        name: "primary",
        kind: Kind::Choice(PRIMARIES),
        unit: None,
        group: Group::Key,
        layer: Layer::Page,
        label: Words::new("Primærtumorens placering", "Primary tumour site"),
        help: Words::new(
            "Hvor kræften udgår fra; 'Primærtumor ikke fundet' når den er søgt, men ikke fundet.",
            "Where the cancer started; 'Primary tumour not found' when it was looked for but not found.",
        ),
    },
    Ki67Pct => Spec {
        name: "ki67_pct",
        kind: Kind::Int { min: 0, max: 100 },
        unit: PERCENT,
        group: Group::Tumour,
        layer: Layer::Guideline,
        label: Words::new("Ki-67", "Ki-67"),
        help: Words::new(
            "Andelen af delende tumorceller i vævsprøven (Ki-67-indeks); over 20 % svarer til grad 3.",
            "The share of dividing tumour cells in the biopsy (Ki-67 index); over 20 % corresponds to grade 3.",
        ),
    },
    TumourBurdenPct => Spec {
        name: "tumour_burden_pct",
        kind: Kind::Int { min: 0, max: 100 },
        unit: PERCENT,
        group: Group::Tumour,
        layer: Layer::Guideline,
        label: Words::new("Tumorbyrde i leveren", "Liver tumour burden"),
        help: Words::new(
            "Hvor stor en del af leverens rumfang tumorvævet fylder, skønnet på scanningen.",
            "How much of the liver's volume the tumour fills, estimated on the scans.",
        ),
    },
    Bilobar => Spec {
        name: "bilobar",
        kind: Kind::Bool,
        unit: None,
        group: Group::Tumour,
        layer: Layer::Guideline,
        label: Words::new("Begge leverlapper", "Both liver lobes"),
        help: Words::new(
            "Metastaser i både højre og venstre leverlap.",
            "Metastases in both the right and the left lobe of the liver.",
        ),
    },
    RemovablePct => Spec {
        name: "removable_pct",
        kind: Kind::Int { min: 0, max: 100 },
        unit: PERCENT,
        group: Group::Tumour,
        layer: Layer::Guideline,
        label: Words::new("Andel, der kan fjernes", "Share that can be removed"),
        help: Words::new(
            "Hvor stor en del af tumormassen i leveren en leverkirurg vurderer kan fjernes ved operation.",
            "How much of the tumour in the liver a liver surgeon judges can be removed by surgery.",
        ),
    },
    LiverProgression => Spec {
        name: "liver_progression",
        kind: Kind::Bool,
        unit: None,
        group: Group::Tumour,
        layer: Layer::Guideline,
        label: Words::new("Vækst i leveren", "Growth in the liver"),
        help: Words::new(
            "Levermetastaserne vokser på de seneste scanninger (progression), mens sygdommen uden for leveren ikke gør.",
            "The liver metastases grow on the latest scans (progression), while the disease outside the liver does not.",
        ),
    },
    SstrImaging => Spec {
        name: "sstr_imaging",
        kind: Kind::Choice(SSTR),
        unit: None,
        group: Group::Tumour,
        layer: Layer::Guideline,
        label: Words::new("Somatostatinreceptor-scanning", "Somatostatin-receptor imaging"),
        help: Words::new(
            "Optag på somatostatinreceptor-scanning (fx 68Ga-DOTATATE PET) i levermetastaserne.",
            "Uptake on somatostatin-receptor imaging (e.g. 68Ga-DOTATATE PET) in the liver metastases.",
        ),
    },
    Ascites => Spec {
        name: "ascites",
        kind: Kind::Bool,
        unit: None,
        group: Group::Liver,
        layer: Layer::Guideline,
        label: Words::new("Ascites", "Ascites"),
        help: Words::new(
            "Væske i bughulen.",
            "Fluid in the abdominal cavity.",
        ),
    },
    LiverFailure => Spec {
        name: "liver_failure",
        kind: Kind::Bool,
        unit: None,
        group: Group::Liver,
        layer: Layer::Guideline,
        label: Words::new("Leversvigt", "Liver failure"),
        help: Words::new(
            "Dekompenseret leverfunktion (fx gulsot, forhøjet bilirubin, nedsat syntese).",
            "Decompensated liver function (e.g. jaundice, raised bilirubin, reduced synthesis).",
        ),
    },
    PortalVein => Spec {
        name: "portal_vein",
        kind: Kind::Bool,
        unit: None,
        group: Group::Liver,
        layer: Layer::Guideline,
        label: Words::new("Nedsat portagennemstrømning", "Reduced portal-vein flow"),
        help: Words::new(
            "Nedsat blodgennemstrømning i portåren eller portåretrombose, som ikke kan rettes.",
            "Reduced blood flow in the portal vein, or portal-vein thrombosis, that cannot be corrected.",
        ),
    },
    Ecog => Spec {
        name: "ecog",
        kind: Kind::Int { min: 0, max: 4 },
        unit: None,
        group: Group::Key,
        layer: Layer::Page,
        label: Words::new("Almentilstand (ECOG)", "Performance status (ECOG)"),
        help: Words::new(
            "ECOG 0 fuldt aktiv, 1 let nedsat, 2 oppegående men uarbejdsdygtig, 3 i seng/stol over halvdelen af dagen, 4 helt sengeliggende.",
            "ECOG 0 fully active, 1 restricted in strenuous activity, 2 up and about but unable to work, 3 in bed or chair over half the day, 4 completely bedbound.",
        ),
    },
    HormonalSymptoms => Spec {
        name: "hormonal_symptoms",
        kind: Kind::Bool,
        unit: None,
        group: Group::Patient,
        layer: Layer::Page,
        label: Words::new("Svære hormonsymptomer", "Severe hormonal symptoms"),
        help: Words::new(
            "Svære gener af hormoner fra tumoren (fx flushing, diarré), som behandling skal mindske.",
            "Severe symptoms from hormones made by the tumour (e.g. flushing, diarrhoea) that treatment should reduce.",
        ),
    },
    PressureSymptoms => Spec {
        name: "pressure_symptoms",
        kind: Kind::Bool,
        unit: None,
        group: Group::Patient,
        layer: Layer::Page,
        label: Words::new("Svære tryksymptomer", "Severe pressure symptoms"),
        help: Words::new(
            "Svære gener af, at tumoren fylder (fx smerter, mæthed), som behandling skal mindske.",
            "Severe symptoms from the bulk of the tumour (e.g. pain, early fullness) that treatment should reduce.",
        ),
    },
    ReduceForOther => Spec {
        name: "reduce_for_other",
        kind: Kind::Bool,
        unit: None,
        group: Group::Patient,
        layer: Layer::Page,
        label: Words::new(
            "Mindske kræften for anden behandling",
            "Reduce the cancer for other treatment",
        ),
        help: Words::new(
            "Holdet ønsker at mindske kræftmængden, så effekten af anden behandling bliver bedre.",
            "The team wants to reduce the amount of cancer so that other treatment works better.",
        ),
    },
    CarcinoidSyndrome => Spec {
        name: "carcinoid_syndrome",
        kind: Kind::Bool,
        unit: None,
        group: Group::Patient,
        layer: Layer::Guideline,
        label: Words::new("Karcinoidt syndrom", "Carcinoid syndrome"),
        help: Words::new(
            "Flushing, diarré og lignende fra serotonin og andre stoffer, som tumoren danner.",
            "Flushing, diarrhoea and the like from serotonin and other substances the tumour makes.",
        ),
    },
    PancreaticSyndrome => Spec {
        name: "pancreatic_syndrome",
        kind: Kind::Choice(PANCREATIC_SYNDROMES),
        unit: None,
        group: Group::Patient,
        layer: Layer::Guideline,
        label: Words::new("Hormonsyndrom fra bugspytkirtlen", "Pancreatic hormone syndrome"),
        help: Words::new(
            "Et funktionelt syndrom fra en NET i bugspytkirtlen (fx insulinom med lavt blodsukker).",
            "A functioning syndrome from a pancreatic NET (e.g. insulinoma with low blood sugar).",
        ),
    },
    CarcinoidHeart => Spec {
        name: "carcinoid_heart",
        kind: Kind::Bool,
        unit: None,
        group: Group::Patient,
        layer: Layer::Guideline,
        label: Words::new("Karcinoid hjertesygdom", "Carcinoid heart disease"),
        help: Words::new(
            "Hjerteklapsygdom fra karcinoidt syndrom, påvist ved ekkokardiografi.",
            "Heart-valve disease from carcinoid syndrome, shown on echocardiography.",
        ),
    },
    Age => Spec {
        name: "age",
        kind: Kind::Int { min: 18, max: 110 },
        unit: YEARS,
        group: Group::Patient,
        layer: Layer::Guideline,
        label: Words::new("Alder", "Age"),
        help: Words::new("Patientens alder.", "The patient's age."),
    },
    Egfr => Spec {
        name: "egfr",
        kind: Kind::Int { min: 0, max: 150 },
        unit: GFR,
        group: Group::Patient,
        layer: Layer::Guideline,
        label: Words::new("Nyrefunktion (eGFR)", "Kidney function (eGFR)"),
        help: Words::new(
            "Estimeret glomerulær filtrationsrate.",
            "Estimated glomerular filtration rate.",
        ),
    },
    SurvivalUnder6m => Spec {
        name: "survival_under_6m",
        kind: Kind::Bool,
        unit: None,
        group: Group::Patient,
        layer: Layer::Guideline,
        label: Words::new("Forventet levetid under 6 måneder", "Expected survival under 6 months"),
        help: Words::new(
            "Holdet forventer, at patienten lever kortere end 6 måneder.",
            "The team expects the patient to live less than 6 months.",
        ),
    },
    BiliaryEnteric => Spec {
        name: "biliary_enteric",
        kind: Kind::Bool,
        unit: None,
        group: Group::History,
        layer: Layer::Guideline,
        label: Words::new(
            "Galdevej-tarm-forbindelse eller galdestent",
            "Bile-duct-to-bowel connection or biliary stent",
        ),
        help: Words::new(
            "Tidligere operation, der forbinder galdevejen med tarmen (fx Whipple, hepaticojejunostomi), eller stent i galdevejen.",
            "Earlier surgery joining the bile duct to the bowel (e.g. Whipple, hepaticojejunostomy), or a stent in the bile duct.",
        ),
    },
}

impl Field {
    /// The name used in rules and JSON.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.iter().copied().find(|f| f.name() == name)
    }

    pub fn kind(self) -> Kind {
        self.spec().kind
    }

    /// The command-line flag, e.g. `--largest-cm`.
    pub fn flag(self) -> String {
        format!("--{}", self.long())
    }

    /// The flag without its dashes, e.g. `largest-cm`.
    pub fn long(self) -> String {
        self.name().replace('_', "-")
    }

    /// The field's name for people, e.g. "Largest metastasis".
    pub fn label(self, lang: Lang) -> &'static str {
        self.spec().label.get(lang)
    }

    /// The label inside a sentence: the first letter small unless the word is an
    /// abbreviation ("almentilstand (ECOG)", "NEC") or a name with a number ("Ki-67").
    pub fn label_in_sentence(self, lang: Lang) -> String {
        let label = self.label(lang);
        let first_word = label.split(' ').next().unwrap_or("");
        if first_word.chars().any(|c| c.is_ascii_digit()) {
            return label.to_owned();
        }
        let mut chars = label.chars();
        match (chars.next(), chars.next()) {
            (Some(first), Some(second)) if !second.is_uppercase() => first
                .to_lowercase()
                .chain(label[first.len_utf8()..].chars())
                .collect(),
            _ => label.to_owned(),
        }
    }

    /// The label with its unit, e.g. "Largest metastasis (cm)".
    pub fn label_with_unit(self, lang: Lang) -> String {
        match self.spec().unit {
            Some(u) => format!("{} ({})", self.label(lang), u.get(lang)),
            None => self.label(lang).to_owned(),
        }
    }

    /// The options of a choice field (empty for other kinds).
    pub fn options(self) -> &'static [Opt] {
        match self.kind() {
            Kind::Choice(options) => options,
            Kind::Int { .. } | Kind::Float { .. } | Kind::Bool => &[],
        }
    }

    /// The option with this id, if the field has one.
    pub fn option(self, id: &str) -> Option<(usize, &'static Opt)> {
        self.options().iter().enumerate().find(|(_, o)| o.id == id)
    }

    /// What the field allows, in words, for error messages.
    pub fn allowed(self) -> String {
        match self.kind() {
            Kind::Int { min, max } => format!("a whole number from {min} to {max}"),
            Kind::Float { min, max } => format!("a number from {min} to {max}"),
            Kind::Bool => "yes or no".to_owned(),
            Kind::Choice(options) => {
                let ids: Vec<&str> = options.iter().map(|o| o.id).collect();
                format!("one of {}", ids.join(", "))
            }
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The field list as a Markdown table, for the README (a test keeps the two equal).
pub fn markdown_table() -> String {
    let mut out =
        String::from("| flag | allowed | unit | layer | what it means |\n|---|---|---|---|---|\n");
    for &f in Field::ALL {
        let s = f.spec();
        let allowed = match s.kind {
            Kind::Int { min, max } => format!("{min}-{max}"),
            Kind::Float { min, max } => format!("{min}-{max}"),
            Kind::Bool => "yes, no".to_owned(),
            Kind::Choice(options) => options
                .iter()
                .map(|o| format!("`{}`", o.id))
                .collect::<Vec<_>>()
                .join(", "),
        };
        let layer = match s.layer {
            Layer::Page => "page",
            Layer::Guideline => "guideline",
        };
        out.push_str(&format!(
            "| `{}` | {allowed} | {} | {layer} | {} |\n",
            f.flag(),
            s.unit.map_or("", |u| u.en),
            s.help.en
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_well_formed() {
        for (i, a) in Field::ALL.iter().enumerate() {
            assert!(
                a.name()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{a}"
            );
            for b in &Field::ALL[i + 1..] {
                assert_ne!(a.name(), b.name());
            }
            assert_eq!(Field::from_name(a.name()), Some(*a));
            for lang in Lang::ALL {
                assert!(!a.label(lang).is_empty() && !a.spec().help.get(lang).is_empty());
            }
        }
    }

    #[test]
    fn labels_inside_a_sentence_keep_abbreviations_and_names_with_numbers() {
        assert_eq!(Field::Ki67Pct.label_in_sentence(Lang::En), "Ki-67");
        assert_eq!(
            Field::Lesions.label_in_sentence(Lang::En),
            "number of liver metastases"
        );
        assert_eq!(
            Field::Ecog.label_in_sentence(Lang::Da),
            "almentilstand (ECOG)"
        );
    }

    #[test]
    fn ranges_read_as_people_write_them() {
        assert_eq!(Field::LargestCm.flag(), "--largest-cm");
    }
}
