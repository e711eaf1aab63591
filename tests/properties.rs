//! Properties that hold for every input: any profile gets seven sourced assessments, and no
//! input, however malformed, makes the engine or the loader panic.

#![allow(clippy::unwrap_used)]

use netliver::assessment::{Profile, assess};
use netliver::dataset::rules::{Field, GRADES, PRIMARIES, parse};
use netliver::dataset::{self, Lang, Verdict};
use proptest::prelude::*;
use std::sync::LazyLock;

/// Loaded once: the properties are about the engine, not the loader.
static DATA: LazyLock<dataset::Dataset> = LazyLock::new(|| dataset::load_embedded().unwrap());

fn any_profile() -> impl Strategy<Value = Profile> {
    (
        proptest::option::of(1u32..=200),
        proptest::option::of(1u32..=300).prop_map(|o| o.map(|x| f64::from(x) / 10.0)),
        proptest::option::of(any::<bool>()),
        proptest::option::of(0u8..=4),
        proptest::option::of(proptest::sample::select(GRADES)),
        proptest::option::of(proptest::sample::select(PRIMARIES)),
        proptest::option::of(any::<bool>()),
        proptest::option::of(any::<bool>()),
    )
        .prop_map(
            |(lesions, largest_cm, extrahepatic, ecog, grade, primary, h, p)| Profile {
                lesions,
                largest_cm,
                extrahepatic,
                ecog,
                grade,
                primary,
                hormonal_symptoms: h,
                pressure_symptoms: p,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_profile_gets_seven_sourced_assessments(p in any_profile()) {
        let d = &*DATA;
        let all = assess(d, &p);
        prop_assert_eq!(all.len(), 7);
        for a in &all {
            prop_assert!(!a.reasons.is_empty());
            // The verdict is the worst of the reasons.
            prop_assert_eq!(a.verdict, a.reasons.iter().map(|r| r.verdict).max().unwrap());
            for r in &a.reasons {
                for lang in Lang::ALL {
                    prop_assert!(!r.text.get(lang).trim().is_empty());
                }
                prop_assert!(d.source(&r.cite.source).is_some());
                prop_assert!(!r.cite.quote.is_empty());
                // A caution from missing data names what is missing, and only unknown fields.
                for f in &r.missing {
                    prop_assert!(!p.is_set(*f));
                }
            }
        }
    }

    #[test]
    fn a_fully_known_profile_never_cautions_for_missing_data(p in any_profile()) {
        let full = Profile {
            lesions: p.lesions.or(Some(1)),
            largest_cm: p.largest_cm.or(Some(1.0)),
            extrahepatic: p.extrahepatic.or(Some(false)),
            ecog: p.ecog.or(Some(0)),
            grade: p.grade.or(Some("g1")),
            primary: p.primary.or(Some("pancreas")),
            hormonal_symptoms: p.hormonal_symptoms.or(Some(false)),
            pressure_symptoms: p.pressure_symptoms.or(Some(false)),
        };
        prop_assert_eq!(full.known(), Field::ALL.len());
        for a in assess(&DATA, &full) {
            prop_assert!(a.reasons.iter().all(|r| r.missing.is_empty()));
            for prep in &a.preparations {
                prop_assert!(!prep.conditional);
            }
        }
    }

    #[test]
    fn typed_input_never_panics(field in proptest::sample::select(&Field::ALL[..]), s in "\\PC*") {
        let mut p = Profile::default();
        let _ = p.set(field, &s);
    }

    #[test]
    fn rule_parser_never_panics(s in "\\PC*") {
        let _ = parse(&s);
    }

    #[test]
    fn rule_parser_never_panics_on_near_rules(s in "[a-z_ ()!&|=<>0-9.,\\[\\]-]{0,40}") {
        let _ = parse(&s);
    }

    #[test]
    fn loader_never_panics(s in "\\PC*") {
        let _ = dataset::load_str(&s, "fuzz.ron", &|_| None);
    }
}

#[test]
fn empty_profile_cautions_everything() {
    let d = dataset::load_embedded().unwrap();
    for a in assess(&d, &Profile::default()) {
        assert_eq!(a.verdict, Verdict::Caution, "{}", a.treatment);
    }
}
