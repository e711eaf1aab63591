//! Vignettes for the guideline layer: patients whose every fact is entered, the verdict of
//! each treatment with the guidelines, and the sources (evidence type and locator) that
//! must be behind it. Together they make every rule of the guideline layer fire.

#![allow(clippy::unwrap_used)]

use std::collections::HashSet;

use Verdict::{Caution as C, Eligible as E, NotEligible as N};
use netliver::assessment::{Origin, Profile, Scope, assess, assess_with, is_literature};
use netliver::dataset::fields::{Field, Layer};
use netliver::dataset::{self, Dataset, Evidence, Verdict};

mod common;
use common::{verdicts_match, verdicts_of};

struct Vignette {
    name: &'static str,
    profile: &'static [(&'static str, &'static str)],
    /// The verdict of each treatment with the guidelines, by id (see `common::verdicts_of`).
    expect: &'static str,
    /// (treatment, source, verdict): a reason of that verdict from that source must be
    /// among the treatment's reasons.
    cites: &'static [(&'static str, &'static str, Verdict)],
}

const VIGNETTES: &[Vignette] = &[
    Vignette {
        name: "the page's picture: embolisation may be considered; under 70 % removable rules out debulking",
        profile: &[],
        expect: "resection=N debulking=N rfa=N tae=E tace=C sirt=E sbrt=N",
        cites: &[
            ("debulking", "graff-baker-2014", N),
            ("tace", "no-hdir-6-7", E),
            ("tace", "hpb-2015-consensus", E),
            ("tace", "retnet-cirse-2019", C),
            ("sirt", "nice-ipg786", E),
            ("rfa", "no-hdir-6-7", E),
        ],
    },
    Vignette {
        name: "60 % tumour burden, an earlier Whipple and positive SSTR imaging",
        profile: &[
            ("tumour_burden_pct", "60"),
            ("biliary_enteric", "yes"),
            ("sstr_imaging", "positive"),
            ("primary", "pancreas"),
            ("hormonal_symptoms", "no"),
        ],
        expect: "resection=N debulking=N rfa=N tae=N tace=N sirt=N sbrt=N",
        cites: &[
            ("tae", "se-rcc-bilaga3", N),
            ("tace", "se-rcc-bilaga3", N),
            ("tace", "lv-2016", C),
            ("tace", "no-hdir-6-7", C),
            ("sirt", "se-rcc-bilaga3", N),
            ("sirt", "agahi-2022", C),
            ("tace", "sofocleous-2014", E),
            ("debulking", "cloyd-2020", C),
        ],
    },
    Vignette {
        name: "tumour burden near 50 %: smaller, more selective sessions",
        profile: &[("tumour_burden_pct", "45")],
        expect: "resection=N debulking=N rfa=N tae=C tace=C sirt=C sbrt=N",
        cites: &[("tae", "se-rcc-bilaga3", C)],
    },
    Vignette {
        name: "ascites",
        profile: &[("ascites", "yes")],
        expect: "resection=N debulking=N rfa=N tae=N tace=N sirt=N sbrt=N",
        cites: &[
            ("tae", "se-rcc-bilaga3", N),
            ("debulking", "cloyd-2020", C),
            ("resection", "cloyd-2020", C),
            ("rfa", "se-rcc-bilaga3", C),
        ],
    },
    Vignette {
        name: "liver failure with two small metastases",
        profile: &[
            ("liver_failure", "yes"),
            ("lesions", "2"),
            ("removable_pct", "100"),
        ],
        expect: "resection=N debulking=N rfa=C tae=N tace=N sirt=N sbrt=C",
        cites: &[
            ("resection", "cloyd-2020", N),
            ("debulking", "cloyd-2020", N),
            ("rfa", "se-rcc-bilaga3", C),
            ("sirt", "se-rcc-bilaga3", N),
            ("sirt", "kennedy-2014", N),
            ("sbrt", "se-rcc-bilaga3", C),
        ],
    },
    Vignette {
        name: "reduced portal-vein flow that cannot be corrected",
        profile: &[("portal_vein", "yes")],
        expect: "resection=N debulking=N rfa=N tae=N tace=N sirt=N sbrt=N",
        cites: &[("tace", "se-rcc-bilaga3", N)],
    },
    Vignette {
        name: "expected survival under 6 months: no liver surgery, no embolisation",
        profile: &[
            ("survival_under_6m", "yes"),
            ("lesions", "2"),
            ("removable_pct", "100"),
        ],
        expect: "resection=N debulking=N rfa=N tae=N tace=N sirt=N sbrt=N",
        cites: &[
            ("tae", "se-rcc-bilaga3", N),
            ("resection", "se-rcc-bilaga3", N),
            ("debulking", "se-rcc-bilaga3", N),
            ("rfa", "se-rcc-bilaga3", N),
            ("sbrt", "se-rcc-bilaga3", N),
        ],
    },
    Vignette {
        name: "ECOG 2: moderate impairment, a relative contraindication",
        profile: &[("ecog", "2")],
        expect: "resection=N debulking=N rfa=N tae=C tace=C sirt=C sbrt=N",
        cites: &[("tae", "se-rcc-bilaga3", C)],
    },
    Vignette {
        name: "ECOG 3: severe impairment, an absolute contraindication to embolisation",
        profile: &[("ecog", "3")],
        expect: "resection=N debulking=N rfa=N tae=N tace=N sirt=N sbrt=N",
        cites: &[("tae", "se-rcc-bilaga3", N), ("sirt", "kennedy-2014", N)],
    },
    Vignette {
        name: "85 years old with an eGFR of 25",
        profile: &[("age", "85"), ("egfr", "25")],
        expect: "resection=N debulking=N rfa=N tae=C tace=C sirt=C sbrt=N",
        cites: &[("tae", "se-rcc-bilaga3", C)],
    },
    Vignette {
        name: "spread outside the liver in both lobes",
        profile: &[("extrahepatic", "yes"), ("bilobar", "yes")],
        expect: "resection=N debulking=N rfa=N tae=C tace=C sirt=C sbrt=N",
        cites: &[
            ("tae", "se-rcc-bilaga3", C),
            ("tae", "sofocleous-2014", E),
            ("sirt", "su-2017", C),
        ],
    },
    Vignette {
        name: "spread outside the liver, but the liver is what grows",
        profile: &[("extrahepatic", "yes"), ("liver_progression", "yes")],
        expect: "resection=N debulking=N rfa=N tae=C tace=C sirt=C sbrt=N",
        cites: &[("tae", "no-hdir-6-7", E), ("sirt", "se-rcc-bilaga3", C)],
    },
    Vignette {
        name: "well-differentiated G3 with two metastases, all removable: a reservation everywhere",
        profile: &[
            ("grade", "g3"),
            ("ki67_pct", "30"),
            ("lesions", "2"),
            ("removable_pct", "100"),
            ("hormonal_symptoms", "no"),
        ],
        expect: "resection=C debulking=N rfa=C tae=C tace=C sirt=C sbrt=C",
        cites: &[
            ("resection", "no-hdir-10-1", C),
            ("rfa", "no-hdir-10-1", C),
            ("tae", "chen-2017", C),
            ("sbrt", "no-hdir-10-1", C),
        ],
    },
    Vignette {
        name: "a G2 tumour with Ki-67 25 %: the grade does not fit, and G3's reservation applies",
        profile: &[
            ("ki67_pct", "25"),
            ("lesions", "2"),
            ("removable_pct", "100"),
        ],
        expect: "resection=C debulking=N rfa=C tae=C tace=C sirt=C sbrt=C",
        cites: &[("resection", "no-hdir-10-1", C)],
    },
    Vignette {
        name: "two metastases, but only 80 % removable",
        profile: &[("lesions", "2"), ("removable_pct", "80")],
        expect: "resection=N debulking=E rfa=C tae=C tace=C sirt=C sbrt=E",
        cites: &[
            ("resection", "cloyd-2020", N),
            ("debulking", "graff-baker-2014", E),
            ("sbrt", "sabr-nen-2021", E),
        ],
    },
    Vignette {
        name: "debulking with only 30 % removable: no source supports it",
        profile: &[("removable_pct", "30"), ("pressure_symptoms", "yes")],
        expect: "resection=N debulking=N rfa=N tae=E tace=C sirt=E sbrt=N",
        cites: &[("debulking", "graff-baker-2014", N)],
    },
    Vignette {
        name: "carcinoid heart disease: valves first, before any procedure on the liver",
        profile: &[
            ("carcinoid_heart", "yes"),
            ("carcinoid_syndrome", "yes"),
            ("lesions", "2"),
            ("removable_pct", "100"),
        ],
        expect: "resection=C debulking=N rfa=C tae=C tace=C sirt=C sbrt=C",
        cites: &[
            ("resection", "no-hdir-17-4", C),
            ("debulking", "cancerdk-net-tyndtarm", C),
            ("rfa", "no-hdir-17-4", C),
            ("tae", "no-hdir-17-4", C),
            ("sbrt", "no-hdir-17-4", C),
        ],
    },
    Vignette {
        name: "RFA for a 4.5 cm metastasis after a bile-duct-to-bowel operation",
        profile: &[
            ("lesions", "2"),
            ("largest_cm", "4.5"),
            ("removable_pct", "100"),
            ("biliary_enteric", "yes"),
        ],
        expect: "resection=E debulking=N rfa=C tae=N tace=N sirt=N sbrt=N",
        cites: &[("rfa", "no-hdir-6-7", C), ("rfa", "odisio-2016", C)],
    },
    Vignette {
        name: "resectable: RFA is not used when resection is indicated and possible",
        profile: &[
            ("lesions", "2"),
            ("largest_cm", "2"),
            ("removable_pct", "100"),
        ],
        expect: "resection=E debulking=N rfa=C tae=N tace=N sirt=N sbrt=N",
        cites: &[("rfa", "no-hdir-6-7", C)],
    },
    Vignette {
        name: "five metastases all removable: resection has a reservation, RFA one too",
        profile: &[
            ("lesions", "5"),
            ("largest_cm", "2"),
            ("removable_pct", "100"),
        ],
        expect: "resection=C debulking=N rfa=C tae=C tace=C sirt=C sbrt=N",
        cites: &[("rfa", "no-hdir-6-7", C)],
    },
    Vignette {
        name: "RFA meets the criteria: SBRT comes after it",
        profile: &[
            ("lesions", "2"),
            ("largest_cm", "2"),
            ("removable_pct", "50"),
            ("extrahepatic", "yes"),
        ],
        expect: "resection=N debulking=N rfa=E tae=N tace=N sirt=N sbrt=C",
        cites: &[("sbrt", "no-hdir-6-7", C)],
    },
    Vignette {
        name: "80 % of the liver filled, 95 % removable: the liver remnant is in doubt",
        profile: &[
            ("lesions", "2"),
            ("largest_cm", "2"),
            ("tumour_burden_pct", "80"),
            ("removable_pct", "95"),
        ],
        expect: "resection=C debulking=N rfa=C tae=N tace=N sirt=N sbrt=C",
        cites: &[("resection", "cloyd-2020", C), ("tae", "se-rcc-bilaga3", N)],
    },
    Vignette {
        name: "two metastases, the largest 6 cm, spread outside the liver: neither RF nor SBRT (a small area only)",
        profile: &[
            ("lesions", "2"),
            ("largest_cm", "6"),
            ("extrahepatic", "yes"),
        ],
        expect: "resection=N debulking=N rfa=N tae=C tace=C sirt=C sbrt=N",
        cites: &[("sbrt", "no-hdir-6-7", E)],
    },
    Vignette {
        name: "neuroendocrine carcinoma",
        profile: &[("grade", "nec")],
        expect: "resection=N debulking=N rfa=N tae=N tace=N sirt=N sbrt=N",
        cites: &[
            ("resection", "enets-nec-2023", C),
            ("tae", "enets-nec-2023", N),
            ("sbrt", "enets-nec-2023", N),
        ],
    },
    Vignette {
        name: "an insulinoma: a somatostatin analogue can worsen low blood sugar",
        profile: &[
            ("primary", "pancreas"),
            ("pancreatic_syndrome", "insulinoma"),
        ],
        expect: "resection=N debulking=N rfa=N tae=E tace=C sirt=E sbrt=N",
        cites: &[("tae", "gamage-2025", E), ("resection", "gamage-2025", E)],
    },
];

fn profile_of(changes: &[(&str, &str)]) -> Profile {
    let mut p = Profile::default();
    for (name, value) in common::FULL_PROFILE.iter().chain(changes) {
        p.set(Field::from_name(name).unwrap(), value).unwrap();
    }
    p
}

#[test]
fn the_base_profile_enters_every_field() {
    assert_eq!(profile_of(&[]).known(), Field::COUNT);
}

#[test]
fn every_vignette_gets_its_verdicts_and_sources() {
    let d = dataset::load_embedded().unwrap();
    let mut failures = Vec::new();
    for v in VIGNETTES {
        let all = assess(&d, &profile_of(v.profile));
        let got = verdicts_of(&all);
        if !verdicts_match(&got, v.expect) {
            failures.push(format!(
                "{}:\n   expected {}\n   got      {}",
                v.name, v.expect, got
            ));
        }
        for (treatment, source, verdict) in v.cites {
            let a = all.iter().find(|a| a.treatment == *treatment).unwrap();
            if !a.reasons.iter().any(|r| {
                r.verdict == *verdict
                    && std::iter::once(&r.cite)
                        .chain(&r.also)
                        .any(|c| c.source == *source)
            }) {
                failures.push(format!(
                    "{}: {treatment} has no {verdict:?} reason from {source}",
                    v.name
                ));
            }
        }
        // Every fact entered: nothing left to check but what no field covers.
        for a in &all {
            assert!(
                a.checks.iter().all(|c| c.fields.is_empty()),
                "{}: {}",
                v.name,
                a.treatment
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_vignettes_make_every_guideline_rule_fire() {
    let d = dataset::load_embedded().unwrap();
    // A rule is identified where it is written: its pathway, or its treatment.
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let key = |t: &dataset::Treatment, k: usize| {
        let r = &t.rules[k];
        (
            r.from.clone().unwrap_or_else(|| t.id.clone()),
            r.when.src.clone() + &r.cite.source,
        )
    };
    for v in VIGNETTES {
        for a in assess(&d, &profile_of(v.profile)) {
            for r in &a.reasons {
                if let Origin::Rule(k) = r.origin {
                    seen.insert(key(&d.treatments[a.index], k));
                }
            }
        }
    }
    let mut missing = Vec::new();
    for t in &d.treatments {
        for (k, r) in t.rules.iter().enumerate() {
            if is_literature(&d, &r.cite) && !seen.contains(&key(t, k)) {
                missing.push(format!(
                    "{}: {:?} ({})",
                    key(t, k).0,
                    r.when.src,
                    r.cite.source
                ));
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "guideline rules no vignette exercises:\n{}",
        missing.join("\n")
    );
}

#[test]
fn a_reason_to_check_is_listed_once_naming_every_fact_it_waits_for() {
    let d = dataset::load_embedded().unwrap();
    let p = profile_of(&[]);
    // With no guideline fact entered, some items read two of them (ascites or liver failure).
    let mut blank = Profile::default();
    for f in Field::ALL.iter().filter(|f| f.spec().layer == Layer::Page) {
        if p.is_set(*f) {
            blank.set(*f, &p.text(*f)).unwrap();
        }
    }
    let all = assess(&d, &blank);
    let mut shared = 0;
    for a in &all {
        for (i, c) in a.checks.iter().enumerate() {
            assert!(
                !a.checks[i + 1..]
                    .iter()
                    .any(|o| o.why == c.why && o.cite == c.cite),
                "{}: listed twice: {}",
                a.treatment,
                c.why.get(netliver::dataset::Lang::En)
            );
            if c.fields.len() > 1 {
                shared += 1;
            }
        }
    }
    assert!(shared > 0, "no check names two facts");
    // A card's first met reason is the treatment's own criterion, not a shared one.
    let rfa = all.iter().find(|a| a.treatment == "rfa").unwrap();
    let t = d.treatments.iter().find(|t| t.id == "rfa").unwrap();
    let first_met = rfa
        .reasons
        .iter()
        .find_map(|r| match r.origin {
            Origin::Criterion { index, met: true } => Some(index),
            _ => None,
        })
        .expect("RFA meets some criterion");
    assert!(t.criteria[first_met].from.is_none());
}

#[test]
fn a_guideline_fact_left_unknown_is_a_point_to_check_not_a_reservation() {
    let d = dataset::load_embedded().unwrap();
    let mut p = profile_of(&[]);
    let page = assess_with(&d, &p, Scope::PageOnly);
    for f in Field::ALL
        .iter()
        .filter(|f| f.spec().layer == Layer::Guideline)
    {
        p.clear(*f);
    }
    let all = assess(&d, &p);
    for (a, page) in all.iter().zip(&page) {
        // Unknown guideline facts do not change the page's verdict by themselves...
        assert_eq!(a.page_verdict, Some(page.verdict), "{}", a.treatment);
        assert!(a.verdict >= page.verdict);
        // ...they are listed to check, each with its source.
        assert!(
            a.checks.iter().any(|c| !c.fields.is_empty()),
            "{}: nothing to check",
            a.treatment
        );
        for c in &a.checks {
            assert!(d.source(&c.cite.source).is_some());
        }
    }
    let tace = all.iter().find(|a| a.treatment == "tace").unwrap();
    let fields: Vec<Field> = tace
        .checks
        .iter()
        .flat_map(|c| c.fields.iter().copied())
        .collect();
    for f in [Field::SstrImaging, Field::BiliaryEnteric, Field::Egfr] {
        assert!(fields.contains(&f), "TACE does not ask to check {f}");
    }
}

/// An absolute contraindication of a national guideline does not go to the checklist: the
/// embolisations wait for its facts, and say so in their label.
#[test]
fn an_absolute_contraindication_left_unknown_makes_the_verdict_pending() {
    let d = dataset::load_embedded().unwrap();
    let mut p = profile_of(&[]);
    for f in [
        Field::TumourBurdenPct,
        Field::Ascites,
        Field::LiverFailure,
        Field::PortalVein,
        Field::SurvivalUnder6m,
    ] {
        p.clear(f);
    }
    let all = assess(&d, &p);
    for id in ["tae", "sirt"] {
        let a = all.iter().find(|a| a.treatment == id).unwrap();
        assert_eq!(a.verdict, C, "{id}");
        let pending = a.pending();
        for f in [
            Field::TumourBurdenPct,
            Field::Ascites,
            Field::LiverFailure,
            Field::PortalVein,
            Field::SurvivalUnder6m,
        ] {
            assert!(
                pending.contains(&f),
                "{id} does not wait for {f}: {pending:?}"
            );
            assert!(
                !a.checks.iter().any(|c| c.is_about(f)),
                "{id}: {f} still a check"
            );
        }
        assert!(
            netliver::i18n::badge(a, netliver::dataset::Lang::En)
                .starts_with("Pending: liver tumour burden"),
            "{}",
            netliver::i18n::badge(a, netliver::dataset::Lang::En)
        );
        assert!(netliver::i18n::badge(a, netliver::dataset::Lang::Da).starts_with("Afventer: "));
        assert!(a.reasons.iter().any(|r| r.pending));
    }
    // TACE has a reservation of its own (the bead variant): not only pending.
    let tace = all.iter().find(|a| a.treatment == "tace").unwrap();
    assert_eq!(tace.verdict, C);
    assert!(tace.pending().is_empty());
    assert_eq!(
        netliver::i18n::badge(tace, netliver::dataset::Lang::En),
        "With reservations"
    );
    // Surgery has no absolute contraindication of a national guideline: its guideline
    // facts stay on the checklist.
    let resection = all.iter().find(|a| a.treatment == "resection").unwrap();
    assert!(resection.checks.iter().any(|c| c.is_about(Field::Ascites)));
}

/// With the patient page alone, the guideline facts entered are never dropped in silence:
/// each card names what the guidelines say on them, with their verdict.
#[test]
fn the_page_layer_names_the_guideline_facts_it_sets_aside() {
    let d = dataset::load_embedded().unwrap();
    let p = Profile::from_pairs(&[
        ("lesions", "12"),
        ("largest_cm", "3"),
        ("extrahepatic", "no"),
        ("ecog", "1"),
        ("grade", "g2"),
        ("primary", "small-intestine"),
        ("hormonal_symptoms", "yes"),
        ("ascites", "yes"),
        ("tumour_burden_pct", "70"),
    ])
    .unwrap();
    let page = assess_with(&d, &p, Scope::PageOnly);
    let tae = page.iter().find(|a| a.treatment == "tae").unwrap();
    assert_eq!(tae.verdict, E, "the page alone");
    assert_eq!(tae.guideline_verdict_if_changed(), Some(N));
    let reads: Vec<Field> = tae.set_aside.iter().flat_map(|r| r.reads.clone()).collect();
    assert!(
        reads.contains(&Field::Ascites) && reads.contains(&Field::TumourBurdenPct),
        "{reads:?}"
    );
    assert_eq!(
        netliver::assessment::set_aside_fields(&p, Scope::PageOnly),
        [Field::TumourBurdenPct, Field::Ascites]
    );
    assert!(netliver::assessment::set_aside_fields(&p, Scope::WithGuidelines).is_empty());
}

/// The exception is only for guideline facts: a patient-page fact left unknown stays a
/// reservation, also when a guideline item is the one that reads it. Here the Swedish
/// programme's "spread outside the liver" contraindication would otherwise let every
/// embolisation read "may be considered" with the spread not entered.
#[test]
fn a_page_fact_left_unknown_is_a_reservation_even_when_a_guideline_reads_it() {
    let d = dataset::load_embedded().unwrap();
    let mut p = profile_of(&[
        ("lesions", "12"),
        ("largest_cm", "3"),
        ("ecog", "0"),
        ("grade", "g1"),
        ("removable_pct", "50"),
    ]);
    p.clear(Field::Extrahepatic);
    let all = assess(&d, &p);
    for a in all
        .iter()
        .filter(|a| ["tae", "tace", "sirt"].contains(&a.treatment.as_str()))
    {
        assert_eq!(
            a.page_verdict,
            Some(E),
            "{}: the page alone does not ask",
            a.treatment
        );
        assert_eq!(a.verdict, C, "{}", a.treatment);
        assert!(
            a.reasons.iter().any(|r| r.missing == [Field::Extrahepatic]),
            "{}: the missing spread is not named",
            a.treatment
        );
        assert!(!a.checks.iter().any(|c| c.is_about(Field::Extrahepatic)));
    }
}

#[test]
fn tailored_preparations_follow_the_profile() {
    let d = dataset::load_embedded().unwrap();
    let preps = |changes: &[(&str, &str)], treatment: &str| -> Vec<String> {
        assess(&d, &profile_of(changes))
            .iter()
            .find(|a| a.treatment == treatment)
            .unwrap()
            .preparations
            .iter()
            .map(|p| p.id.clone())
            .collect()
    };
    let has = |v: &[String], id: &str| v.iter().any(|x| x == id);
    // Extended antibiotics after bile-duct-to-bowel surgery, before ablation and every
    // embolisation.
    for t in ["rfa", "tae", "tace", "sirt"] {
        assert!(
            has(
                &preps(&[("biliary_enteric", "yes")], t),
                "extended-antibiotics"
            ),
            "{t}"
        );
        assert!(!has(&preps(&[], t), "extended-antibiotics"), "{t}");
    }
    // The heart assessed before every procedure in carcinoid heart disease.
    for t in common::TREATMENT_IDS {
        let heart = preps(&[("carcinoid_heart", "yes"), ("primary", "pancreas")], t);
        assert!(has(&heart, "heart-assessment"), "{t}: {heart:?}");
    }
    // A somatostatin analogue around every procedure for carcinoid syndrome from any
    // primary; before embolisation of a small-intestine NET the page's octreotide covers it.
    for t in common::TREATMENT_IDS {
        let ssa = preps(&[("carcinoid_syndrome", "yes"), ("primary", "pancreas")], t);
        assert!(has(&ssa, "somatostatin-analogue"), "{t}: {ssa:?}");
    }
    let tae = preps(&[("carcinoid_syndrome", "yes")], "tae");
    assert!(
        has(&tae, "octreotide") && !has(&tae, "somatostatin-analogue"),
        "{tae:?}"
    );
    let rfa = preps(&[], "rfa");
    assert!(
        has(&rfa, "somatostatin-analogue"),
        "small intestine: {rfa:?}"
    );
    // The pancreatic marker beside chromogranin A before embolisation.
    let pan = preps(&[("primary", "pancreas")], "sirt");
    assert!(
        has(&pan, "pancreatic-marker") && has(&pan, "chromogranin-a"),
        "{pan:?}"
    );
    assert!(!has(&preps(&[], "sirt"), "pancreatic-marker"));
    // The work-up before embolisation; none of it with the page only.
    assert!(has(&preps(&[], "tace"), "ct-three-phase"));
    let page_only: Vec<String> = assess_with(&d, &profile_of(&[]), Scope::PageOnly)
        .iter()
        .find(|a| a.treatment == "tace")
        .unwrap()
        .preparations
        .iter()
        .map(|p| p.id.clone())
        .collect();
    assert_eq!(page_only, ["antibiotics", "octreotide"]);
}

#[test]
fn every_guideline_claim_is_cited_with_a_locator_and_its_evidence_type() {
    let d: Dataset = dataset::load_embedded().unwrap();
    let mut kinds = HashSet::new();
    d.visit_cites(&mut |_, c| {
        let s = d.source(&c.source).unwrap();
        if s.evidence().is_literature() {
            assert!(!c.locator.is_empty(), "{}", c.source);
            assert!(c.quote.is_empty(), "{}", c.source);
            kinds.insert(s.evidence());
        }
    });
    for k in [
        Evidence::NationalGuideline,
        Evidence::Consensus,
        Evidence::Trial,
        Evidence::Cohort,
        Evidence::Review,
        Evidence::HospitalPractice,
        Evidence::Report,
    ] {
        assert!(kinds.contains(&k), "no claim rests on {k:?}");
    }
}

#[test]
fn disagreements_show_each_source_side_by_side() {
    let d = dataset::load_embedded().unwrap();
    let find = |id: &str| d.disagreements.iter().find(|x| x.id == id).unwrap();
    for (id, sources) in [
        (
            "rfa-limits",
            vec![
                "kb",
                "rigshospitalet-rf",
                "cancerdk-net-tyndtarm",
                "no-hdir-6-7",
            ],
        ),
        (
            "embolisation-intervals",
            vec!["kb", "se-rcc-bilaga3", "no-hdir-6-7"],
        ),
        ("operable-share", vec!["kb", "no-hdir-6-1"]),
        (
            "debulking-threshold",
            vec!["no-hdir-6-1", "graff-baker-2014"],
        ),
    ] {
        let x = find(id);
        let cited: Vec<&str> = x.positions.iter().map(|p| p.cite.source.as_str()).collect();
        assert_eq!(cited, sources, "{id}");
    }
    // Never merged: each figure stays with its own source.
    let rfa = find("rfa-limits");
    assert!(
        rfa.positions[0]
            .text
            .get(netliver::dataset::Lang::En)
            .contains("7-8")
    );
    assert!(
        rfa.positions[3]
            .text
            .get(netliver::dataset::Lang::En)
            .contains("4 cm")
    );
}
