//! Handouts read back from the PDF, as a patient's printout would be: titles, numbers,
//! Danish letters, the preparations this patient needs (and none other), page size and
//! length, and the comparison table.

#![allow(clippy::unwrap_used)]

use netliver::assessment::{Profile, Scope};
use netliver::dataset::rules::Field;
use netliver::dataset::{self, Dataset, Lang};
use netliver::handout::{self, Paper, Request, render};

fn request(ids: &[&str], lang: Lang, profile: Profile) -> Request {
    Request {
        treatments: ids.iter().map(|s| (*s).to_owned()).collect(),
        lang,
        paper: Paper::A4,
        profile,
        clinician: Some("Dr. Søren Ærø".to_owned()),
        department: Some("Onkologisk afdeling".to_owned()),
        patient: None,
        date: (2026, 11, 26),
        scope: Scope::WithGuidelines,
    }
}

struct Pdf {
    pages: Vec<String>,
    /// Width and height of each page, in points.
    sizes: Vec<(f32, f32)>,
}

impl Pdf {
    fn text(&self) -> String {
        // Extracted text breaks lines anywhere; compare on single spaces.
        flat(&self.pages.join(" "))
    }
}

/// The reader gives typst's hyphen as a spaced soft hyphen: "70 \u{ad} 90", and a word
/// hyphenated at a line end as "fo \u{ad}\nregår". Undo both.
fn unhyphenate(text: &str) -> String {
    text.replace(" \u{ad}\n", "")
        .replace("\u{ad}\n", "")
        .replace(" \u{ad} ", "-")
        .replace('\u{ad}', "-")
}

fn read(bytes: &[u8]) -> Pdf {
    let pages = pdf_extract::extract_text_from_mem_by_pages(bytes).expect("the PDF reads back");
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let sizes = doc
        .get_pages()
        .values()
        .map(|&id| {
            let mut dict = doc.get_dictionary(id).unwrap();
            loop {
                if let Ok(mb) = dict.get(b"MediaBox") {
                    let v: Vec<f32> = mb
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|o| o.as_float().unwrap_or_else(|_| o.as_i64().unwrap() as f32))
                        .collect();
                    return (v[2] - v[0], v[3] - v[1]);
                }
                let parent = dict.get(b"Parent").unwrap().as_reference().unwrap();
                dict = doc.get_dictionary(parent).unwrap();
            }
        })
        .collect();
    Pdf { pages, sizes }
}

fn make(d: &Dataset, req: &Request) -> (handout::Handout, Pdf) {
    let h = handout::compose(d, req).unwrap();
    let pdf = render::pdf(&h).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    (h, read(&pdf))
}

fn small_intestine() -> Profile {
    let mut p = Profile::default();
    p.set(Field::Primary, "small-intestine").unwrap();
    p
}

fn pancreas() -> Profile {
    let mut p = Profile::default();
    p.set(Field::Primary, "pancreas").unwrap();
    p
}

#[test]
fn every_treatment_in_both_languages() {
    let d = dataset::load_embedded().unwrap();
    for t in &d.treatments {
        for lang in Lang::ALL {
            let (h, pdf) = make(&d, &request(&[&t.id], lang, small_intestine()));
            let text = pdf.text();
            let name = t.name.get(lang);
            assert!(
                text.contains(name),
                "{} {lang:?}: title {name:?} missing",
                t.id
            );
            assert!(
                text.contains(d.title.get(lang)),
                "{} {lang:?}: handout title",
                t.id
            );
            assert!(text.contains(&d.version), "dataset version on the page");
            assert!(text.contains("Kræftens Bekæmpelse"), "source on the page");
            assert!(
                text.contains("Søren Ærø"),
                "{} {lang:?}: æøå do not survive",
                t.id
            );
            let date = if lang == Lang::Da {
                "26. november 2026"
            } else {
                "26 November 2026"
            };
            assert!(text.contains(date), "{} {lang:?}: date", t.id);
            let page_outcomes = t.outcomes.iter().filter(|o| o.cite.source == "kb");
            for o in page_outcomes.filter_map(|o| o.freq) {
                let words = netliver::i18n::freq(o, lang);
                assert!(
                    text.contains(&words),
                    "{} {lang:?}: key number {words:?}",
                    t.id
                );
            }
            // The grid on page 1, the option's own pages, "no treatment now", what
            // matters to me and About.
            assert!(
                pdf.pages.len() <= 6,
                "{} {lang:?}: {} pages for one treatment",
                t.id,
                pdf.pages.len()
            );
            for (w, hgt) in &pdf.sizes {
                assert!(
                    (w - 595.3).abs() < 1.0 && (hgt - 841.9).abs() < 1.0,
                    "not A4: {w}x{hgt}"
                );
            }
            let page_word = if lang == Lang::Da {
                "Side 1 af"
            } else {
                "Page 1 of"
            };
            assert!(text.contains(page_word), "page numbers");
            assert!(h.readability.score.is_finite());
        }
    }
}

#[test]
fn preparations_appear_exactly_when_the_profile_calls_for_them() {
    let d = dataset::load_embedded().unwrap();
    let octreotide = |lang| {
        if lang == Lang::Da {
            "octreotid"
        } else {
            "octreotide"
        }
    };
    for lang in Lang::ALL {
        for id in ["tae", "tace", "sirt"] {
            let (_, pdf) = make(&d, &request(&[id], lang, small_intestine()));
            let text = pdf.text().to_lowercase();
            assert!(
                text.contains(octreotide(lang)),
                "{id} {lang:?}: octreotide missing for a small-intestine primary"
            );
            assert!(text.contains(if lang == Lang::Da {
                "antibiotika"
            } else {
                "antibiotics"
            }));
            let (h, pdf) = make(&d, &request(&[id], lang, pancreas()));
            assert!(
                h.treatments[0]
                    .before
                    .iter()
                    .all(|b| !b.to_lowercase().contains(octreotide(lang)))
            );
            assert!(
                !pdf.text().to_lowercase().contains(octreotide(lang)),
                "{id} {lang:?}: octreotide for a pancreatic primary"
            );
        }
        // The page gives surgery no preparation: with the page only, none is invented.
        let mut req = request(&["resection"], lang, small_intestine());
        req.scope = Scope::PageOnly;
        let (h, _) = make(&d, &req);
        assert!(h.treatments[0].before.is_empty());
        // The guidelines add what this patient's small-intestine primary calls for, and
        // the handout names the guideline it rests on.
        let (h, pdf) = make(&d, &request(&["resection"], lang, small_intestine()));
        assert!(!h.treatments[0].before.is_empty());
        assert!(h.source.contains("Helsedirektoratet"), "{}", h.source);
        assert!(pdf.text().contains("Helsedirektoratet"));
    }
}

/// Text with every run of whitespace made one space.
fn flat(text: &str) -> String {
    unhyphenate(text)
        .replace('\u{200b}', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text without spaces and hyphens, so a phrase is found wherever typst broke or
/// hyphenated its lines.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{ad}' | '\u{200b}'))
        .collect()
}

/// Whether a phrase is in the text, however its lines were broken.
fn has(text: &str, phrase: &str) -> bool {
    squash(text).contains(&squash(phrase))
}

/// Whether every word of a phrase is in the text: for table cells, whose lines come out of
/// the PDF interleaved with the neighbouring cells'.
fn has_words(text: &str, phrase: &str) -> bool {
    let hay = squash(text);
    phrase.split_whitespace().all(|w| hay.contains(&squash(w)))
}

/// The handout's words for one language.
struct Words {
    decision: &'static str,
    no_treatment: &'static str,
    effect: &'static str,
    burdens: &'static str,
    after: &'static str,
    computed: &'static str,
    what_matters: &'static str,
    leaning: &'static str,
    notes: &'static str,
    about: &'static str,
    update: &'static str,
    funding: &'static str,
    conflicts: &'static str,
    review: &'static str,
    silent_harms: &'static str,
    of_100: &'static str,
}

const DA: Words = Words {
    decision: "Du og din læge skal vælge, hvilken behandling af leveren – om nogen – du skal have nu.",
    no_treatment: "Ingen behandling af leveren nu",
    effect: "Hvor godt virker det?",
    burdens: "Ulemper og belastninger",
    after: "Efter behandlingen",
    computed: "Regnet ud af netliver: 100 minus kildens tal.",
    what_matters: "Hvad er vigtigt for mig?",
    leaning: "Lige nu hælder jeg mod:",
    notes: "Mine noter og spørgsmål",
    about: "Om denne folder",
    update: "Opdatering",
    funding: "Betaling",
    conflicts: "Interessekonflikter",
    review: "Næste gennemgang",
    silent_harms: "At kilden ikke beskriver bivirkninger, betyder ikke, at der ikke er nogen.",
    of_100: "af 100",
};

const EN: Words = Words {
    decision: "You and your doctor are choosing which liver treatment, if any, to have now.",
    no_treatment: "No liver-directed treatment now",
    effect: "How well does it work?",
    burdens: "Disadvantages and burdens",
    after: "After the treatment",
    computed: "Worked out by netliver: 100 minus the source's figure.",
    what_matters: "What matters to me?",
    leaning: "Right now I am leaning towards:",
    notes: "My notes and questions",
    about: "About this leaflet",
    update: "Updates",
    funding: "Funding",
    conflicts: "Conflicts of interest",
    review: "Next review",
    silent_harms: "That the source does not describe side effects does not mean there are none.",
    of_100: "of 100",
};

/// IPDAS 2014 (Joseph-Williams et al.): the 6 qualifying criteria and the 6 certifying
/// criteria that apply to a treatment decision, as a reader of the PDF would score them.
#[test]
fn every_handout_is_a_patient_decision_aid_in_both_languages() {
    let d = dataset::load_embedded().unwrap();
    for lang in Lang::ALL {
        let w = if lang == Lang::Da { &DA } else { &EN };
        for ids in [
            &["rfa"][..],
            &["resection", "debulking"][..],
            &["tae", "sbrt", "rfa"][..],
            &["resection", "rfa", "tace", "sirt"][..],
        ] {
            let label = format!("{ids:?} {lang:?}");
            let (h, pdf) = make(&d, &request(ids, lang, small_intestine()));
            let page1 = flat(&pdf.pages[0]);
            let all = flat(&pdf.text());
            // Q1 the condition, from the page's general facts, on page 1.
            for id in &d.situation {
                let fact = d.facts.iter().find(|f| f.id == *id).unwrap();
                let plain = fact.plain.as_ref().unwrap().get(lang);
                assert!(has(&page1, plain), "{label}: situation {id} not on page 1");
            }
            // Q2 the decision, on page 1.
            assert!(
                has(&page1, w.decision),
                "{label}: no decision sentence on page 1"
            );
            // Q3 every option on page 1, "no liver-directed treatment now" among them.
            assert!(
                has_words(&page1, w.no_treatment),
                "{label}: no 'no treatment' option"
            );
            for id in ids {
                let name = d.treatment(id).unwrap().name.get(lang);
                assert!(has_words(&page1, name), "{label}: {name} not on page 1");
            }
            assert_eq!(h.grid.columns.len(), ids.len() + 1);
            // Q4-Q6 with equal detail (C1): benefits, harms and burdens, and what it is like
            // afterwards, under the same headings for every option.
            for heading in [w.effect, w.burdens, w.after] {
                assert!(
                    squash(&all).matches(&squash(heading)).count() >= ids.len(),
                    "{label}: {heading:?} not for every option"
                );
            }
            for t in &h.treatments {
                assert!(!t.burdens.is_empty(), "{label}: {} has no burdens", t.id);
                if t.harms_silent {
                    assert!(
                        has(&all, w.silent_harms),
                        "{label}: silence on harms not said"
                    );
                }
            }
            // C5 uncertainty: ranges, both ways, on one denominator, the arithmetic marked.
            let framed = h
                .treatments
                .iter()
                .flat_map(|t| &t.effects)
                .filter(|e| e.not_helped.is_some());
            for e in framed {
                assert!(e.helped.as_ref().unwrap().contains(w.of_100));
                assert!(e.not_helped.as_ref().unwrap().contains(w.of_100));
                assert!(
                    e.timeframe.is_some(),
                    "{label}: no time frame or its absence"
                );
            }
            assert!(
                has(&all, w.computed),
                "{label}: computed complements not marked"
            );
            // Values: what matters to me, the leaning line, the renamed notes box.
            for part in [w.what_matters, w.leaning, w.notes] {
                assert!(has(&all, part), "{label}: {part:?} missing");
            }
            assert!(h.priorities.len() >= 5);
            // C2 citations, C3 date, C4 update policy, C6 funding; conflicts and review too.
            assert!(has(&all, "Kræftens Bekæmpelse"), "{label}: no source");
            assert!(has(&all, &h.date_text), "{label}: no date");
            for part in [w.about, w.update, w.funding, w.conflicts, w.review] {
                assert!(has(&all, part), "{label}: About box lacks {part:?}");
            }
            assert!(
                has(&all, &d.about.next_review),
                "{label}: next review not printed"
            );
            assert!(
                has(&all, &h.readability.summary()),
                "{label}: readability not printed"
            );
            // Neutral questions: nothing assumes a recommendation.
            for q in &h.general_questions {
                assert!(
                    !q.to_lowercase().contains("anbefal")
                        && !q.to_lowercase().contains("recommend"),
                    "{q}"
                );
            }
        }
    }
}

#[test]
fn page_one_is_a_one_page_grid_for_any_number_of_options() {
    let d = dataset::load_embedded().unwrap();
    for lang in Lang::ALL {
        for ids in [
            &["sbrt"][..],
            &["rfa", "tace"][..],
            &["debulking", "tace", "sirt"][..],
            &["resection", "rfa", "tace", "sirt"][..],
        ] {
            let (h, pdf) = make(&d, &request(ids, lang, small_intestine()));
            let page1 = flat(&pdf.pages[0]);
            let page2 = flat(&pdf.pages[1]);
            // Every row of the grid is on page 1, and page 2 starts with the first option.
            // (A table's cells come out of the PDF interleaved: look for every word.)
            for q in &h.grid.questions {
                assert!(
                    has_words(&page1, q),
                    "{ids:?} {lang:?}: row {q:?} not on page 1"
                );
            }
            // Page 2 is the first option's own page: after the running header comes its name,
            // not a continued grid.
            let first = &h.treatments[0].name;
            let body = squash(&page2).replacen(&squash(&h.title), "", 1).replacen(
                &squash(&h.date_text),
                "",
                1,
            );
            assert!(
                body.starts_with(&squash(first)),
                "{ids:?} {lang:?}: the grid ran over to page 2"
            );
            // Four or more columns turn page 1 sideways, so the text stays at 11 pt.
            let (w, hgt) = pdf.sizes[0];
            assert_eq!(w > hgt, ids.len() + 1 >= 4, "{ids:?}: page 1 {w}x{hgt}");
            assert!(pdf.sizes[1].0 < pdf.sizes[1].1, "page 2 is upright");
        }
    }
}

#[test]
fn readability_meets_the_plain_language_targets_for_every_handout() {
    let d = dataset::load_embedded().unwrap();
    let ids: Vec<&str> = d.treatments.iter().map(|t| t.id.as_str()).collect();
    // Every single treatment, and every pair, in both languages.
    let mut sets: Vec<Vec<&str>> = ids.iter().map(|t| vec![*t]).collect();
    for (i, a) in ids.iter().enumerate() {
        for b in &ids[i + 1..] {
            sets.push(vec![a, b]);
        }
    }
    sets.push(vec!["resection", "rfa", "tace", "sirt"]);
    for set in &sets {
        for profile in [Profile::default(), small_intestine()] {
            let da = handout::compose(&d, &request(set, Lang::Da, profile.clone())).unwrap();
            assert!(
                da.readability.score <= 38.0,
                "{set:?}: LIX {:.1}",
                da.readability.score
            );
            let en = handout::compose(&d, &request(set, Lang::En, profile)).unwrap();
            assert!(
                en.readability.score >= 65.0,
                "{set:?}: Flesch {:.1}",
                en.readability.score
            );
        }
    }
}

#[test]
fn us_letter_on_request() {
    let d = dataset::load_embedded().unwrap();
    let mut req = request(&["rfa"], Lang::En, Profile::default());
    req.paper = Paper::Letter;
    let (_, pdf) = make(&d, &req);
    for (w, h) in &pdf.sizes {
        assert!(
            (w - 612.0).abs() < 1.0 && (h - 792.0).abs() < 1.0,
            "{w}x{h}"
        );
    }
}

#[test]
fn the_patient_name_is_printed_when_given() {
    let d = dataset::load_embedded().unwrap();
    let mut req = request(&["sbrt"], Lang::Da, Profile::default());
    req.patient = Some("Åse Østergård".to_owned());
    let (_, pdf) = make(&d, &req);
    assert!(pdf.text().contains("Åse Østergård"));
}

#[test]
fn refuses_unknown_empty_and_too_many() {
    let d = dataset::load_embedded().unwrap();
    let e = handout::compose(&d, &request(&["laser"], Lang::Da, Profile::default())).unwrap_err();
    assert!(e.to_string().contains("unknown treatment \"laser\""));
    assert!(e.to_string().contains("resection, debulking"));
    assert!(handout::compose(&d, &request(&[], Lang::Da, Profile::default())).is_err());
    let five = ["resection", "debulking", "rfa", "tae", "tace"];
    assert!(handout::compose(&d, &request(&five, Lang::Da, Profile::default())).is_err());
}

#[test]
fn readability_is_lix_for_danish_and_flesch_for_english() {
    let d = dataset::load_embedded().unwrap();
    let da = handout::compose(&d, &request(&["tae"], Lang::Da, Profile::default())).unwrap();
    let en = handout::compose(&d, &request(&["tae"], Lang::En, Profile::default())).unwrap();
    assert_eq!(da.readability.measure, "LIX");
    assert_eq!(en.readability.measure, "Flesch");
    assert!(da.readability.words > 100);
    assert!(
        (10.0..80.0).contains(&da.readability.score),
        "{:?}",
        da.readability
    );
    assert!(
        (0.0..100.0).contains(&en.readability.score),
        "{:?}",
        en.readability
    );
}

#[test]
fn a_preview_page_renders_to_an_image() {
    let d = dataset::load_embedded().unwrap();
    let h = handout::compose(&d, &request(&["rfa"], Lang::Da, Profile::default())).unwrap();
    let doc = render::typeset(&h).unwrap();
    let img = render::page_image(&doc, 0, 1.0).unwrap();
    assert_eq!((img.width, img.height), (595, 842));
    assert_eq!(img.rgba.len(), (img.width * img.height * 4) as usize);
    // Not blank: some pixels are dark (text).
    assert!(img.rgba.chunks(4).any(|p| p[0] < 80));
}

/// A dataset can pass `check` and still carry far more text than a leaflet: typesetting it
/// stops at once with a clear error instead of running for minutes on gigabytes.
#[test]
fn a_run_away_handout_is_refused_before_typesetting() {
    let mut d = dataset::load_embedded().unwrap();
    let rfa = d.treatments.iter_mut().find(|t| t.id == "rfa").unwrap();
    let claim = rfa.procedure[0].clone();
    let mut long = claim.clone();
    long.text = netliver::dataset::Text::new(
        "Meget lang tekst om behandlingen. ".repeat(55),
        "A very long text about the treatment. ".repeat(50),
    );
    long.plain = None;
    rfa.procedure = vec![long; 400];
    let h = handout::compose(&d, &request(&["rfa"], Lang::En, Profile::default())).unwrap();
    let Err(err) = handout::render::typeset(&h) else {
        panic!("a run-away handout was typeset");
    };
    assert!(
        matches!(err, handout::render::RenderError::TooLong(_)),
        "{err}"
    );
    assert!(err.to_string().contains("too long for a leaflet"), "{err}");
}

/// The shipped dataset's largest handouts are far inside the limits.
#[test]
fn the_largest_handouts_are_inside_the_limits() {
    let d = dataset::load_embedded().unwrap();
    let ids = ["resection", "rfa", "tace", "sirt"];
    let h = handout::compose(&d, &request(&ids, Lang::Da, small_intestine())).unwrap();
    let json = serde_json::to_vec(&h).unwrap();
    assert!(
        json.len() * 4 < handout::render::MAX_HANDOUT_BYTES,
        "{} bytes",
        json.len()
    );
}

#[test]
fn the_handout_and_the_journal_note_carry_the_same_document_id() {
    let d = dataset::load_embedded().unwrap();
    let mut req = Request::new(&["rfa", "tace"], Lang::Da);
    req.date = (2026, 12, 5);
    let h = handout::compose(&d, &req).unwrap();
    let id = netliver::handout::document_id(&d, &req.treatments, Lang::Da, req.date);
    assert_eq!(h.document_id, format!("Dokument-id: {id}"));
    let note = netliver::handout::note::journal_note(
        &d,
        &netliver::handout::note::CaseRequest {
            profile: req.profile.clone(),
            scope: req.scope,
            lang: Lang::Da,
            handout: req.treatments.clone(),
            handout_lang: Lang::Da,
            date: req.date,
        },
    );
    assert!(note.contains(&id), "{note}");
    // Nothing of the patient goes into the id: a name changes nothing.
    req.patient = Some("Jens Testesen".to_owned());
    assert_eq!(
        handout::compose(&d, &req).unwrap().document_id,
        h.document_id
    );
}

fn case(profile: Profile, lang: Lang) -> handout::note::CaseRequest {
    handout::note::CaseRequest {
        profile,
        scope: Scope::WithGuidelines,
        lang,
        handout: vec!["rfa".to_owned(), "tace".to_owned()],
        handout_lang: lang,
        date: (2026, 12, 5),
    }
}

/// Every field set, to values that make the reasons long: the most text a sheet can hold.
fn every_field_set() -> Profile {
    use netliver::dataset::fields::Kind;
    let mut p = Profile::default();
    for f in Field::ALL {
        let value = match f.spec().kind {
            Kind::Int { min, max } => ((min + max) / 2).to_string(),
            Kind::Float { min, max } => format!("{:.1}", (min + max) / 2.0),
            Kind::Bool => "yes".to_owned(),
            Kind::Choice(opts) => opts[opts.len() - 1].id.to_owned(),
        };
        p.set(*f, &value).unwrap();
    }
    p
}

fn typical() -> Profile {
    let mut p = small_intestine();
    for (f, v) in [
        (Field::Lesions, "4"),
        (Field::LargestCm, "3"),
        (Field::Extrahepatic, "no"),
        (Field::Grade, "g2"),
        (Field::Ecog, "1"),
        (Field::CarcinoidSyndrome, "yes"),
        (Field::HormonalSymptoms, "yes"),
    ] {
        p.set(f, v).unwrap();
    }
    p
}

/// The MDT case sheet is one landscape A4 page whatever was entered: nothing entered (the
/// longest list of facts to settle), a typical patient, every field set, with a name; in
/// both languages. It names every treatment, the handout's document id and that the MDT
/// decides.
#[test]
fn the_case_sheet_is_one_a4_page_for_any_profile_in_both_languages() {
    let d = dataset::load_embedded().unwrap();
    for lang in [Lang::Da, Lang::En] {
        for (what, profile, patient) in [
            ("empty", Profile::default(), None),
            ("typical", typical(), None),
            ("full", every_field_set(), Some("Jens Ærø Testesen")),
        ] {
            let req = case(profile, lang);
            let s = handout::sheet::compose_sheet(&d, &req, patient);
            let doc = render::typeset_sheet(&s).unwrap();
            let pdf = read(&render::pdf_of(&doc).unwrap());
            assert_eq!(
                pdf.pages.len(),
                1,
                "{what} {lang:?}: {} pages",
                pdf.pages.len()
            );
            let (w, h) = pdf.sizes[0];
            assert!(
                (w - 841.9).abs() < 1.0 && (h - 595.3).abs() < 1.0,
                "{what}: {w}×{h}"
            );
            let text = pdf.text();
            for t in &d.treatments {
                assert!(text.contains(t.short.get(lang)), "{what}: {} missing", t.id);
            }
            let id = handout::document_id(&d, &req.handout, lang, req.date);
            assert!(text.contains(&id), "{what} {lang:?}: no document id {id}");
            let mdt = match lang {
                Lang::Da => "MDT-konferencen træffer beslutningen",
                _ => "the MDT makes the decision",
            };
            assert!(text.contains(mdt), "{what} {lang:?}: {text}");
            assert_eq!(
                text.contains("Testesen"),
                patient.is_some(),
                "{what}: the name is printed exactly when typed"
            );
        }
    }
}

/// What the sheet says about a typical patient: the facts entered, what to settle ranked,
/// what would change each verdict, and where the sources differ.
#[test]
fn the_case_sheet_lists_what_to_settle_and_what_would_change() {
    let d = dataset::load_embedded().unwrap();
    let s = handout::sheet::compose_sheet(&d, &case(typical(), Lang::En), None);
    assert_eq!(s.rows.len(), d.treatments.len());
    assert!(
        s.facts.iter().any(|f| f == "Number of liver metastases: 4"),
        "{:?}",
        s.facts
    );
    assert!(!s.workup.is_empty());
    // Ranked: the first could change the most verdicts.
    let first = s.workup[0].could_change.split(", ").count();
    assert!(
        s.workup
            .iter()
            .all(|w| w.could_change.split(", ").count() <= first)
    );
    // What settles a fact, with its source, or marked as the dataset's own wording.
    let burden = s
        .workup
        .iter()
        .find(|w| w.fact == "Liver tumour burden")
        .unwrap();
    assert!(
        burden
            .settled_by
            .starts_with("Contrast CT of the liver in 3 phases, no older than 3 months")
    );
    assert_eq!(burden.tag, "National guideline, Sweden");
    assert_eq!(burden.could_change, "TAE, TACE, SIRT");
    assert!(
        s.workup.iter().any(|w| w.tag == "the dataset's wording"),
        "{:?}",
        s.workup
    );
    let rfa = s.rows.iter().find(|r| r.name == "RFA").unwrap();
    assert!(
        rfa.would_change
            .iter()
            .any(|w| w.contains("Largest metastasis 3 cm")),
        "{:?}",
        rfa.would_change
    );
    assert!(!s.differ.is_empty());
    assert_eq!(
        s.handout,
        format!(
            "Handout given (English): RFA, TACE; document id {}.",
            handout::document_id(&d, &s_treatments(), Lang::En, (2026, 12, 5))
        )
    );
}

fn s_treatments() -> Vec<String> {
    vec!["rfa".to_owned(), "tace".to_owned()]
}
