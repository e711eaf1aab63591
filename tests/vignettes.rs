//! Clinical vignettes written from the source page. Each states a patient, the verdict the
//! page implies for each of the seven treatments, and the passage that justifies it.
//! Together they make every rule of the page layer fire at least once. They are judged on
//! the patient page alone (`Scope::PageOnly`); the guideline layer has its own vignettes in
//! `tests/guidelines.rs`.

#![allow(clippy::unwrap_used)]

use std::collections::HashSet;

use netliver::assessment::{Assessment, Origin, Profile, Scope, assess_with, notices};
use netliver::dataset::rules::Field;
use netliver::dataset::{self, Lang, Verdict, normalize_ws};

use common::SOURCE;

use Verdict::{Caution as C, Eligible as E};

mod common;

struct Vignette {
    name: &'static str,
    profile: &'static [(&'static str, &'static str)],
    /// The verdict of each treatment, by id (see `common::verdicts_of`).
    expect: &'static str,
    /// The source's words behind the expected verdicts (parts joined with " … ").
    passage: &'static str,
}

/// A complete profile with the given changes; "-" leaves a field unknown.
const BASE: &[(&str, &str)] = &[
    ("lesions", "2"),
    ("largest_cm", "2"),
    ("extrahepatic", "no"),
    ("ecog", "0"),
    ("grade", "g1"),
    ("primary", "pancreas"),
    ("hormonal_symptoms", "no"),
    ("pressure_symptoms", "no"),
    ("reduce_for_other", "no"),
];

const VIGNETTES: &[Vignette] = &[
    Vignette {
        name: "few small metastases, confined to the liver, fit patient, small-intestine primary",
        profile: &[("primary", "small-intestine")],
        expect: "resection=E debulking=N rfa=E tae=N tace=N sirt=N sbrt=N",
        passage: "Hvis kræften ikke har spredt sig uden for leveren, og der kun er få levermetastaser, får man tilbudt en operation med henblik på, at metastaserne fjernes helt. … Radiofrekvensbehandling kan kun anvendes, hvis der er mindre end 7-8 metastaser, som er mindre end 3 cm … Metoden har især god effekt på NET i tyndtarmen … Hvis hverken operation eller radiofrekvensbehandling er mulig, kan man eventuelt få foretaget en såkaldt leverembolisering. … Stereotaktisk strålebehandling er en nyere mulighed ved tumorer, der ikke kan opereres.",
    },
    Vignette {
        name: "spread outside the liver rules out curative surgery; two small lesions in a fit patient: SBRT may be considered",
        profile: &[("extrahepatic", "yes"), ("grade", "g2")],
        expect: "resection=N debulking=N rfa=E tae=N tace=N sirt=N sbrt=E",
        passage: "Hvis kræften ikke har spredt sig uden for leveren, og der kun er få levermetastaser, får man tilbudt en operation … Stereotaktisk strålebehandling er en nyere mulighed ved tumorer, der ikke kan opereres. … ind mod et lille afgrænset område i leveren.",
    },
    Vignette {
        name: "12 metastases up to 4 cm with severe hormonal symptoms: debulking and embolisation may be considered",
        profile: &[
            ("lesions", "12"),
            ("largest_cm", "4"),
            ("ecog", "1"),
            ("grade", "g2"),
            ("primary", "small-intestine"),
            ("hormonal_symptoms", "yes"),
        ],
        expect: "resection=N debulking=E rfa=N tae=E tace=E sirt=E sbrt=N",
        passage: "Hvis det ikke er muligt at fjerne levermetastaserne, men der er behov for at mindske svære hormonelle og/eller tryksymptomer, kan man få fjernet en del af leveren. … Radiofrekvensbehandling kan kun anvendes, hvis der er mindre end 7-8 metastaser … Hvis hverken operation eller radiofrekvensbehandling er mulig, kan man eventuelt få foretaget en såkaldt leverembolisering. … Ved mange levermetastaser har behandlingen dog dårligst effekt.",
    },
    Vignette {
        name: "neuroendocrine carcinoma, one metastasis: at most a reservation for every local treatment",
        profile: &[("lesions", "1"), ("grade", "nec")],
        // Debulking: no purpose entered (no symptoms, no wish to reduce the cancer).
        expect: "resection=C debulking=N rfa=N tae=N tace=N sirt=N sbrt=N",
        passage: "Lægen undlader også operation ved neuroendokrine karcinomer (NEC G3), da der næsten altid hurtigt kommer nye metastaser, og desuden vil en operation udsætte starten på kemoterapien. … Operation tilbydes i udvalgte tilfælde.",
    },
    Vignette {
        name: "neuroendocrine carcinoma with 12 metastases",
        profile: &[("lesions", "12"), ("grade", "nec"), ("ecog", "1")],
        expect: "resection=N debulking=N rfa=N tae=N tace=N sirt=N sbrt=N",
        passage: "Lægen undlader også operation ved neuroendokrine karcinomer (NEC G3), da der næsten altid hurtigt kommer nye metastaser … Radiofrekvensbehandling kan kun anvendes, hvis der er mindre end 7-8 metastaser",
    },
    Vignette {
        name: "very weakened (ECOG 3): no surgery; RFA (general anaesthesia) and catheter treatments at most with reservations",
        profile: &[
            ("ecog", "3"),
            ("primary", "small-intestine"),
            ("hormonal_symptoms", "yes"),
        ],
        expect: "resection=N debulking=N rfa=C tae=C tace=C sirt=C sbrt=N",
        passage: "Det gælder, hvis man er meget svækket og ens helbredstilstand ikke er god, her er risikoen ved at operere for stor. … Ved radiofrekvensbehandling varmer lægen kræftvævet op ved hjælp af radiobølger, mens man er under fuld bedøvelse. … Hvis ens helbredstilstand er for dårlig til operation af leveren kan man i stedet for operation få radiofrekvensbehandling, da det er et mindre indgreb.",
    },
    Vignette {
        name: "completely bedbound (ECOG 4): eligible for nothing",
        profile: &[
            ("lesions", "5"),
            ("largest_cm", "3"),
            ("ecog", "4"),
            ("grade", "g2"),
            ("primary", "small-intestine"),
            ("hormonal_symptoms", "yes"),
        ],
        expect: "resection=N debulking=N rfa=N tae=N tace=N sirt=N sbrt=N",
        passage: "Hvilken behandling, du får tilbudt, afhænger af: … Din helbredstilstand i øvrigt … Det gælder, hvis man er meget svækket og ens helbredstilstand ikke er god, her er risikoen ved at operere for stor.",
    },
    Vignette {
        name: "ECOG 2: surgery at the edge of 'health not good'; RFA as the smaller procedure",
        profile: &[("ecog", "2")],
        expect: "resection=C debulking=N rfa=E tae=N tace=N sirt=N sbrt=C",
        passage: "Det gælder, hvis man er meget svækket og ens helbredstilstand ikke er god, her er risikoen ved at operere for stor. … Hvis ens helbredstilstand er for dårlig til operation af leveren kan man i stedet for operation få radiofrekvensbehandling, da det er et mindre indgreb.",
    },
    Vignette {
        name: "seven metastases: the edge of 'fewer than 7-8' for RFA, more than a few for surgery",
        profile: &[
            ("lesions", "7"),
            ("largest_cm", "2.5"),
            ("grade", "g2"),
            ("primary", "small-intestine"),
        ],
        expect: "resection=C debulking=N rfa=C tae=C tace=C sirt=C sbrt=N",
        passage: "Radiofrekvensbehandling kan kun anvendes, hvis der er mindre end 7-8 metastaser … og der kun er få levermetastaser",
    },
    Vignette {
        name: "4 cm metastasis: RFA possible up to 5 cm",
        profile: &[("lesions", "3"), ("largest_cm", "4")],
        expect: "resection=E debulking=N rfa=C tae=N tace=N sirt=N sbrt=N",
        passage: "som er mindre end 3 cm, men man kan behandle op til 5 cm store metastaser.",
    },
    Vignette {
        name: "one 6 cm metastasis: too large for RFA, surgery possible",
        profile: &[
            ("lesions", "1"),
            ("largest_cm", "6"),
            ("ecog", "1"),
            ("grade", "g2"),
        ],
        expect: "resection=E debulking=N rfa=N tae=N tace=N sirt=N sbrt=N",
        passage: "men man kan behandle op til 5 cm store metastaser. … Stereotaktisk strålebehandling … ind mod et lille afgrænset område i leveren.",
    },
    Vignette {
        name: "diffuse disease with spread and symptoms: embolisation is not held back by 'many'",
        profile: &[
            ("lesions", "20"),
            ("largest_cm", "7"),
            ("extrahepatic", "yes"),
            ("ecog", "1"),
            ("grade", "g2"),
            ("primary", "small-intestine"),
            ("hormonal_symptoms", "yes"),
            ("pressure_symptoms", "yes"),
        ],
        expect: "resection=N debulking=E rfa=N tae=E tace=E sirt=E sbrt=N",
        passage: "Hvis det ikke er muligt at fjerne levermetastaserne, men der er behov for at mindske svære hormonelle og/eller tryksymptomer … Ved mange levermetastaser har behandlingen dog dårligst effekt.",
    },
    Vignette {
        name: "nothing entered: every treatment a caution, nothing ruled out",
        profile: &[
            ("lesions", "-"),
            ("largest_cm", "-"),
            ("extrahepatic", "-"),
            ("ecog", "-"),
            ("grade", "-"),
            ("primary", "-"),
            ("hormonal_symptoms", "-"),
            ("pressure_symptoms", "-"),
            ("reduce_for_other", "-"),
        ],
        expect: "resection=CP debulking=CP rfa=CP tae=CP tace=CP sirt=CP sbrt=CP",
        passage: "Hvilken behandling, du får tilbudt, afhænger af: … Størrelsen og antallet af metastaser … Om der også er spredning til andre dele af kroppen … Din helbredstilstand i øvrigt",
    },
    Vignette {
        name: "only the number known: 12 metastases",
        profile: &[
            ("lesions", "12"),
            ("largest_cm", "-"),
            ("extrahepatic", "-"),
            ("ecog", "-"),
            ("grade", "-"),
            ("primary", "-"),
            ("hormonal_symptoms", "-"),
            ("pressure_symptoms", "-"),
            ("reduce_for_other", "-"),
        ],
        expect: "resection=N debulking=CP rfa=N tae=CP tace=CP sirt=CP sbrt=N",
        passage: "Radiofrekvensbehandling kan kun anvendes, hvis der er mindre end 7-8 metastaser … Hvis hverken operation eller radiofrekvensbehandling er mulig, kan man eventuelt få foretaget en såkaldt leverembolisering.",
    },
    Vignette {
        name: "symptoms and the wish to reduce the cancer not entered: debulking cannot be judged",
        profile: &[
            ("lesions", "15"),
            ("extrahepatic", "yes"),
            ("ecog", "1"),
            ("grade", "g2"),
            ("primary", "small-intestine"),
            ("hormonal_symptoms", "-"),
            ("pressure_symptoms", "-"),
            ("reduce_for_other", "-"),
        ],
        expect: "resection=N debulking=CP rfa=N tae=E tace=E sirt=E sbrt=N",
        passage: "Hvis det ikke er muligt at fjerne levermetastaserne, men der er behov for at mindske svære hormonelle og/eller tryksymptomer, kan man få fjernet en del af leveren. … Den lindrende operation kan også anvendes til at reducere kræften (debulking), så effekten af anden behandling bliver bedre.",
    },
    Vignette {
        name: "reducing the cancer so that other treatment works better",
        profile: &[
            ("lesions", "12"),
            ("extrahepatic", "yes"),
            ("ecog", "1"),
            ("grade", "g2"),
            ("reduce_for_other", "yes"),
        ],
        expect: "resection=N debulking=E rfa=N tae=E tace=E sirt=E sbrt=N",
        passage: "Den lindrende operation kan også anvendes til at reducere kræften (debulking), så effekten af anden behandling bliver bedre.",
    },
    Vignette {
        name: "SBRT with nine small lesions: beyond a small, delimited area",
        profile: &[("lesions", "9")],
        expect: "resection=N debulking=N rfa=N tae=E tace=E sirt=E sbrt=N",
        passage: "Ved stereotaktisk strålebehandling får man én enkelt eller få koncentrerede behandlinger med højdosis røntgenstråling fra mange vinkler ind mod et lille afgrænset område i leveren.",
    },
    Vignette {
        name: "neither surgery nor RFA possible, moderate number: embolisation may be considered",
        profile: &[
            ("lesions", "5"),
            ("largest_cm", "6"),
            ("extrahepatic", "yes"),
            ("ecog", "1"),
            ("grade", "g2"),
            ("primary", "small-intestine"),
            ("hormonal_symptoms", "yes"),
        ],
        expect: "resection=N debulking=E rfa=N tae=E tace=E sirt=E sbrt=N",
        passage: "Hvis hverken operation eller radiofrekvensbehandling er mulig, kan man eventuelt få foretaget en såkaldt leverembolisering.",
    },
    Vignette {
        name: "ECOG not entered: no procedure can be judged",
        profile: &[("ecog", "-")],
        expect: "resection=CP debulking=N rfa=CP tae=CP tace=CP sirt=CP sbrt=CP",
        passage: "Det gælder, hvis man er meget svækket og ens helbredstilstand ikke er god, her er risikoen ved at operere for stor.",
    },
    Vignette {
        name: "well-differentiated NET G3 is not NEC; rectal primary",
        profile: &[
            ("lesions", "1"),
            ("largest_cm", "1.5"),
            ("grade", "g3"),
            ("primary", "rectum"),
        ],
        expect: "resection=E debulking=N rfa=E tae=N tace=N sirt=N sbrt=N",
        passage: "Lægen undlader også operation ved neuroendokrine karcinomer (NEC G3) … Spredning til leveren ses dog ekstremt sjældent fra små NET udgået fra mavesæk, tolvfingertarm, blindtarm og endetarm.",
    },
    Vignette {
        name: "grade not entered: NEC cannot be excluded",
        profile: &[("grade", "-")],
        expect: "resection=CP debulking=N rfa=CP tae=CP tace=CP sirt=CP sbrt=CP",
        passage: "Lægen undlader også operation ved neuroendokrine karcinomer (NEC G3)",
    },
    Vignette {
        name: "spread outside the liver not entered",
        profile: &[("extrahepatic", "-")],
        expect: "resection=CP debulking=N rfa=E tae=N tace=N sirt=N sbrt=CP",
        passage: "Hvis kræften ikke har spredt sig uden for leveren, og der kun er få levermetastaser, får man tilbudt en operation",
    },
    Vignette {
        name: "ten metastases with pressure symptoms",
        profile: &[
            ("lesions", "10"),
            ("largest_cm", "3"),
            ("ecog", "1"),
            ("grade", "g2"),
            ("pressure_symptoms", "yes"),
        ],
        expect: "resection=N debulking=E rfa=N tae=E tace=E sirt=E sbrt=N",
        passage: "men der er behov for at mindske svære hormonelle og/eller tryksymptomer, kan man få fjernet en del af leveren.",
    },
    Vignette {
        name: "eight metastases: outside 'fewer than 7-8'",
        profile: &[
            ("lesions", "8"),
            ("largest_cm", "1"),
            ("primary", "small-intestine"),
        ],
        expect: "resection=N debulking=N rfa=N tae=E tace=E sirt=E sbrt=N",
        passage: "Radiofrekvensbehandling kan kun anvendes, hvis der er mindre end 7-8 metastaser",
    },
    Vignette {
        name: "six metastases under 3 cm: RFA fits, surgery uncertain",
        profile: &[
            ("lesions", "6"),
            ("largest_cm", "2.9"),
            ("ecog", "1"),
            ("primary", "small-intestine"),
            ("hormonal_symptoms", "yes"),
        ],
        expect: "resection=C debulking=C rfa=E tae=N tace=N sirt=N sbrt=N",
        passage: "Radiofrekvensbehandling kan kun anvendes, hvis der er mindre end 7-8 metastaser, som er mindre end 3 cm … Radiofrekvensbehandlingen mindsker hormonsymptomerne hos 70-90 pct. af alle med NET.",
    },
    Vignette {
        name: "exactly 3 cm is no longer 'under 3 cm'",
        profile: &[("lesions", "1"), ("largest_cm", "3")],
        expect: "resection=E debulking=N rfa=C tae=N tace=N sirt=N sbrt=N",
        passage: "som er mindre end 3 cm, men man kan behandle op til 5 cm store metastaser.",
    },
    Vignette {
        name: "5.1 cm is beyond 'up to 5 cm'",
        profile: &[("lesions", "1"), ("largest_cm", "5.1")],
        expect: "resection=E debulking=N rfa=N tae=N tace=N sirt=N sbrt=N",
        passage: "men man kan behandle op til 5 cm store metastaser.",
    },
];

/// The page layer's verdicts, as the "Patient page only" switch shows them.
fn assess(d: &dataset::Dataset, p: &Profile) -> Vec<Assessment> {
    assess_with(d, p, Scope::PageOnly)
}

fn profile_of(v: &Vignette) -> Profile {
    let mut p = Profile::default();
    for (name, value) in BASE.iter().chain(v.profile) {
        let field = Field::from_name(name).unwrap();
        if *value == "-" {
            p.clear(field);
        } else {
            p.set(field, value).unwrap();
        }
    }
    p
}

#[test]
fn every_vignette_gets_the_verdicts_the_source_implies() {
    let d = dataset::load_embedded().unwrap();
    let ids: Vec<&str> = d.treatments.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, common::TREATMENT_IDS);
    let mut failures = Vec::new();
    for v in VIGNETTES {
        let got = common::verdicts_of(&assess(&d, &profile_of(v)));
        if !common::verdicts_match(&got, v.expect) {
            failures.push(format!(
                "{}:\n   expected {}\n   got      {}",
                v.name, v.expect, got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_vignette_quotes_the_source_verbatim() {
    let source = normalize_ws(SOURCE);
    assert!(VIGNETTES.len() >= 25);
    for v in VIGNETTES {
        for part in v.passage.split(" … ") {
            assert!(
                source.contains(&normalize_ws(part)),
                "{}: {part:?} is not in the source",
                v.name
            );
        }
    }
}

#[test]
fn the_vignettes_make_every_rule_fire_and_every_criterion_hold_and_fail() {
    let d = dataset::load_embedded().unwrap();
    let mut seen: HashSet<(usize, Origin)> = HashSet::new();
    for v in VIGNETTES {
        for a in assess(&d, &profile_of(v)) {
            for r in &a.reasons {
                seen.insert((a.index, r.origin));
            }
        }
    }
    let mut missing = Vec::new();
    let page = |c: &dataset::Cite| !netliver::assessment::is_literature(&d, c);
    for (i, t) in d.treatments.iter().enumerate() {
        for (k, r) in t.rules.iter().enumerate().filter(|(_, r)| page(&r.cite)) {
            if !seen.contains(&(i, Origin::Rule(k))) {
                missing.push(format!("{}: rule {:?} never fires", t.id, r.when.src));
            }
        }
        for (k, c) in t.criteria.iter().enumerate().filter(|(_, c)| page(&c.cite)) {
            for met in [true, false] {
                if !seen.contains(&(i, Origin::Criterion { index: k, met })) {
                    missing.push(format!(
                        "{}: criterion {:?} never {}",
                        t.id,
                        c.when.src,
                        if met { "holds" } else { "fails" }
                    ));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not exercised by any vignette:\n{}",
        missing.join("\n")
    );
}

#[test]
fn missing_facts_are_named_in_the_reason() {
    let d = dataset::load_embedded().unwrap();
    let v = VIGNETTES
        .iter()
        .find(|v| v.name.starts_with("ECOG not entered"))
        .unwrap();
    let all = assess(&d, &profile_of(v));
    let resection = common::of(&all, "resection");
    let named: Vec<&Field> = resection.reasons.iter().flat_map(|r| &r.missing).collect();
    // One caution per missing field, explained by the strictest item that needs it.
    assert_eq!(named, [&Field::Ecog]);
    assert!(
        netliver::i18n::reason(resection.decisive(), Lang::En)
            .starts_with("Not entered: performance status (ECOG)"),
        "{}",
        netliver::i18n::reason(resection.decisive(), Lang::En)
    );
    assert!(
        netliver::i18n::reason(resection.decisive(), Lang::Da)
            .starts_with("Ikke angivet: almentilstand (ECOG)")
    );
}

#[test]
fn debulking_with_its_purpose_unknown_says_so_instead_of_asserting_a_need() {
    let d = dataset::load_embedded().unwrap();
    let v = VIGNETTES
        .iter()
        .find(|v| v.name.starts_with("symptoms and the wish"))
        .unwrap();
    let all = assess(&d, &profile_of(v));
    let debulking = common::of(&all, "debulking");
    assert_eq!(debulking.verdict, C);
    let r = debulking.decisive();
    assert_eq!(
        r.missing,
        [
            Field::HormonalSymptoms,
            Field::PressureSymptoms,
            Field::ReduceForOther
        ]
    );
    assert!(
        netliver::i18n::reason(r, Lang::En)
            .starts_with("Not entered: severe hormonal symptoms, severe pressure symptoms"),
        "{}",
        netliver::i18n::reason(r, Lang::En)
    );
}

#[test]
fn labels_carry_the_sources_hedges() {
    let d = dataset::load_embedded().unwrap();
    let v = VIGNETTES
        .iter()
        .find(|v| v.name.starts_with("diffuse disease"))
        .unwrap();
    let all = assess(&d, &profile_of(v));
    // Debulking and embolisation: the page only permits ("kan også", "eventuelt").
    assert_eq!(
        netliver::i18n::badge(common::of(&all, "debulking"), Lang::Da),
        "Kan komme på tale"
    );
    assert_eq!(
        netliver::i18n::badge(common::of(&all, "tae"), Lang::En),
        "May be considered"
    );
    // The "works least well" sentence qualifies the effect; it is said, not held against it.
    assert!(common::of(&all, "tae").reasons.iter().any(|r| {
        netliver::i18n::reason(r, netliver::dataset::Lang::En).contains("works least well")
            && r.verdict == E
    }));
    let all = assess(&d, &profile_of(&VIGNETTES[0]));
    let first = common::of(&all, "resection");
    assert_eq!(netliver::i18n::badge(first, Lang::En), "Meets the criteria");
    assert_eq!(
        d.treatment("resection").unwrap().name.get(Lang::En),
        "Surgery aiming to remove the metastases completely"
    );
}

#[test]
fn every_reading_of_words_without_numbers_is_marked_as_an_interpretation() {
    // The words the page leaves without a number, and rules that put one on them: a limit
    // the quote does not give, or one of the readings named here.
    let numbers = |text: &str| -> Vec<String> {
        text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .map(|n| n.trim_matches('.'))
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let d = dataset::load_embedded().unwrap();
    let mut readings = 0;
    for t in &d.treatments {
        let conditions = t
            .criteria
            .iter()
            .map(|c| {
                (
                    &c.when.src,
                    &c.interpretation,
                    c.requires.get(Lang::Da),
                    &c.cite,
                )
            })
            .chain(t.rules.iter().map(|r| {
                (
                    &r.when.src,
                    &r.interpretation,
                    r.reason.get(Lang::Da),
                    &r.cite,
                )
            }));
        for (when, interpretation, text, cite) in conditions {
            // A limit the page's quote does not give (literature is not quoted).
            let page = !netliver::assessment::is_literature(&d, cite);
            let given = numbers(&cite.quote);
            // A guideline that itself gives the ECOG limit ("ECOG 0-2") is not a reading.
            let states_ecog = !page && text.contains("ECOG 0-2");
            let reads_words = ["ecog", "lesions <= 3", "lesions >= 8", "lesions in"]
                .iter()
                .any(|w| when.contains(w) && !(states_ecog && *w == "ecog"))
                || text.contains("lille afgrænset")
                || (page && numbers(when).iter().any(|n| !given.contains(n)));
            if reads_words {
                readings += 1;
                assert!(
                    interpretation.is_some(),
                    "{}: {when:?} reads words without a number but has no interpretation",
                    t.id
                );
            }
        }
    }
    assert!(readings > 0, "no reading found: the test no longer looks");
}

#[test]
fn octreotide_exactly_when_the_primary_is_small_intestine_or_unknown() {
    let d = dataset::load_embedded().unwrap();
    for (primary, octreotide, conditional) in [
        ("small-intestine", true, false),
        ("unknown", true, false),
        ("pancreas", false, false),
        ("rectum", false, false),
        ("-", true, true),
    ] {
        let v = Vignette {
            name: "prep",
            profile: Box::leak(Box::new([("primary", primary)])),
            expect: "",
            passage: "",
        };
        let all = assess(&d, &profile_of(&v));
        for a in &all {
            let ids: Vec<&str> = a.preparations.iter().map(|p| p.id.as_str()).collect();
            let embolisation = ["tae", "tace", "sirt"].contains(&a.treatment.as_str());
            assert_eq!(
                ids.contains(&"antibiotics"),
                embolisation,
                "{} {primary}",
                a.treatment
            );
            assert_eq!(
                ids.contains(&"octreotide"),
                embolisation && octreotide,
                "{} {primary}",
                a.treatment
            );
            for p in &a.preparations {
                if p.id == "octreotide" {
                    assert_eq!(p.conditional, conditional);
                    let open: &[Field] = if conditional { &[Field::Primary] } else { &[] };
                    assert_eq!(p.open, open, "{} {primary}", a.treatment);
                }
            }
        }
    }
}

#[test]
fn an_open_preparation_names_what_it_waits_for_and_nothing_entered() {
    // The primary site is entered; carcinoid syndrome is not: a preparation that depends on
    // the syndrome says so, and never claims the entered primary site is missing.
    let d = dataset::load_embedded().unwrap();
    let mut p = Profile::default();
    p.set(Field::Primary, "pancreas").unwrap();
    let all = assess_with(&d, &p, Scope::WithGuidelines);
    let open: Vec<_> = all
        .iter()
        .flat_map(|a| &a.preparations)
        .filter(|p| p.conditional)
        .collect();
    assert!(
        !open.is_empty(),
        "some preparation depends on an unknown fact"
    );
    for prep in open {
        assert!(
            !prep.open.is_empty() && !prep.open.contains(&Field::Primary),
            "{}: {:?}",
            prep.id,
            prep.open
        );
        for lang in [Lang::Da, Lang::En] {
            let text = netliver::i18n::prep(prep, lang);
            for f in &prep.open {
                assert!(text.contains(&f.label_in_sentence(lang)), "{text}");
            }
            assert!(
                !text.contains(&Field::Primary.label_in_sentence(lang)),
                "{text}"
            );
        }
    }
}

#[test]
fn rare_primary_notice() {
    let d = dataset::load_embedded().unwrap();
    for (primary, shown) in [
        ("rectum", true),
        ("stomach", true),
        ("appendix", true),
        ("duodenum", true),
        ("small-intestine", false),
        ("pancreas", false),
    ] {
        let mut p = Profile::default();
        p.set(Field::Primary, primary).unwrap();
        assert_eq!(!notices(&d, &p).is_empty(), shown, "{primary}");
    }
    assert!(notices(&d, &Profile::default()).is_empty());
}
