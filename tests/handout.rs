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
        self.pages
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
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
            for o in t.outcomes.iter().filter_map(|o| o.freq) {
                let words = o.words(lang);
                assert!(
                    text.contains(&words),
                    "{} {lang:?}: key number {words:?}",
                    t.id
                );
            }
            // Two pages of the page's content, and room for what the guidelines add for
            // this patient.
            assert!(
                pdf.pages.len() <= 3,
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

#[test]
fn three_treatments_start_with_a_comparison_table() {
    let d = dataset::load_embedded().unwrap();
    let (h, pdf) = make(
        &d,
        &request(&["rfa", "tace", "sirt"], Lang::Da, small_intestine()),
    );
    let c = h.comparison.as_ref().unwrap();
    assert_eq!(c.columns.len(), 3);
    assert_eq!(c.questions.len(), d.questions.len());
    let first = pdf.pages[0]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(first.contains("Behandlingerne side om side"), "{first}");
    for q in &d.questions {
        assert!(pdf.text().contains(&q.text.da), "row {:?}", q.text.da);
    }
    // The table takes at most two pages, each treatment at most three.
    assert!(pdf.pages.len() <= 2 + 3 * 3, "{} pages", pdf.pages.len());
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
