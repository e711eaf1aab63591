//! Printing from the app, through a stand-in for the print command: the MDT case sheet
//! reaches the printer as a one-page PDF from a click in the Overview's header, and the
//! status bar says so. Its own test binary: it sets the process's `NETLIVER_LP`.

#![allow(clippy::unwrap_used)]
#![cfg(unix)]

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use netliver::dataset::{self, Lang};
use netliver::ui::{AppState, Settings, app_ui, setup_context};

mod common;

#[test]
fn the_case_sheet_prints_from_the_overview() {
    let tools = tempfile::tempdir().unwrap();
    let (lp, received) = common::fake_lp(tools.path());
    #[allow(unsafe_code)]
    unsafe {
        std::env::set_var("NETLIVER_LP", &lp);
    }

    let state = AppState::new(
        dataset::load_embedded().unwrap(),
        Settings {
            lang: Lang::En,
            ..Settings::default()
        },
    );
    let mut h = Harness::builder()
        .with_size([1400.0, 1000.0])
        .with_context_setup(setup_context)
        .build_ui_state(|ui, state: &mut AppState| app_ui(ui, state), state);
    h.run();
    h.get_by_label("Number of liver metastases").type_text("4");
    h.run();
    h.get_by_label("Print MDT case sheet").click();
    let start = Instant::now();
    while h.query_by_label_contains("Sent to the printer").is_none() {
        assert!(start.elapsed() < Duration::from_secs(60), "no message");
        std::thread::sleep(Duration::from_millis(20));
        h.run();
    }
    let pdf = std::fs::read(&received).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
    assert!(text.contains("MDT case"), "{text}");
    assert!(text.contains("Number of liver metastases: 4"), "{text}");
    assert_eq!(
        lopdf::Document::load_mem(&pdf).unwrap().get_pages().len(),
        1
    );
}
