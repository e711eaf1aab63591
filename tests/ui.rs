//! The desktop app driven by its accessibility labels, as a user (or a screen reader) would.
//! No GPU needed: these tests only read the accessibility tree.

#![allow(clippy::unwrap_used)]

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use netliver::dataset::fields::Field;
use netliver::dataset::{self, Lang};
mod common;

use netliver::ui::{AppState, Screen, Settings, View, app_ui, screen_ui, setup_context};

fn harness_with(state: AppState) -> Harness<'static, AppState> {
    let mut h = Harness::builder()
        .with_size([1400.0, 1000.0])
        .with_context_setup(setup_context)
        .build_ui_state(|ui, state: &mut AppState| app_ui(ui, state), state);
    h.run();
    h
}

fn harness(lang: Lang) -> Harness<'static, AppState> {
    harness_with(AppState::new(
        dataset::load_embedded().unwrap(),
        Settings {
            lang,
            ..Settings::default()
        },
    ))
}

fn count(h: &Harness<'_, AppState>, text: &str) -> usize {
    h.query_all_by_label_contains(text).count()
}

#[test]
fn typing_a_profile_changes_verdicts_at_once() {
    let mut h = harness(Lang::Da);
    // Nothing entered: every treatment is a caution, waiting for facts; none is ruled out.
    assert_eq!(count(&h, "OPFYLDER IKKE KRITERIERNE"), 0);
    assert!(count(&h, "MED FORBEHOLD") + count(&h, "AFVENTER: ") >= 7);
    assert!(count(&h, "AFVENTER: ") >= 1);

    h.get_by_label("Antal levermetastaser").focus();
    h.run();
    h.get_by_label("Antal levermetastaser").type_text("12");
    h.run();
    assert_eq!(
        h.state().consultation.profile.num(Field::Lesions),
        Some(12.0)
    );
    // 12 metastases: not "few" for surgery, too many for RFA.
    assert!(
        count(&h, "OPFYLDER IKKE KRITERIERNE") >= 2,
        "no verdict changed"
    );
}

#[test]
fn a_bad_number_says_what_is_allowed() {
    let mut h = harness(Lang::En);
    h.get_by_label("Number of liver metastases").focus();
    h.run();
    h.get_by_label("Number of liver metastases")
        .type_text("500");
    h.run();
    assert!(count(&h, "allowed: a whole number from 1 to 200") >= 1);
    assert_eq!(h.state().consultation.profile.num(Field::Lesions), None);
}

#[test]
fn choices_have_named_buttons_and_new_patient_clears() {
    let mut h = harness(Lang::En);
    h.get_by_label("Spread outside the liver: Yes").click();
    h.run();
    assert_eq!(
        h.state().consultation.profile.yes(Field::Extrahepatic),
        Some(true)
    );
    h.get_by_label("Performance status (ECOG): 3").click();
    h.run();
    assert_eq!(h.state().consultation.profile.num(Field::Ecog), Some(3.0));
    h.get_by_label_contains("New patient").click();
    h.run();
    assert_eq!(h.state().consultation.profile.known(), 0);
}

#[test]
fn choosing_treatments_shows_the_grid_with_verdicts_on_top() {
    let mut h = harness(Lang::En);
    h.get_by_label("Compare: RFA").click();
    h.run();
    h.get_by_label("Compare: TACE").click();
    h.run();
    assert_eq!(h.state().consultation.compare.len(), 2);
    h.get_by_label("Compare ▶").click();
    h.run();
    assert_eq!(h.state().view, View::Compare);
    // Every grid question is a row; rows that differ are marked.
    let d = dataset::load_embedded().unwrap();
    for q in &d.questions {
        assert!(
            count(&h, q.text.get(netliver::dataset::Lang::En)) >= 1,
            "row {:?} missing",
            q.text.get(netliver::dataset::Lang::En)
        );
    }
    assert!(count(&h, "≠ ") >= 1, "no differing row is marked");
    assert!(
        count(&h, "WITH RESERVATIONS") + count(&h, "PENDING: ") >= 2,
        "verdicts on top of the columns"
    );
    assert!(count(&h, "of 100") >= 1, "natural frequencies");
}

#[test]
fn language_switches_interface_and_content() {
    let mut h = harness(Lang::Da);
    assert!(count(&h, "Overblik") >= 1);
    assert!(count(&h, "Radiofrekvensbehandling") >= 1);
    h.get_by_label("English").click();
    h.run();
    assert!(count(&h, "Overview") >= 1);
    assert!(count(&h, "Radiofrequency ablation") >= 1);
    assert_eq!(count(&h, "Radiofrekvensbehandling"), 0);
}

#[test]
fn a_broken_dataset_lists_its_errors_instead_of_the_app() {
    let report = dataset::load_str(
        "Dataset(id: \"x\", version: \"1\", reviewed: \"never\")",
        "broken.ron",
        &|_| Err(String::new()),
    )
    .unwrap_err();
    let mut h = Harness::builder()
        .with_size([1400.0, 1000.0])
        .with_context_setup(setup_context)
        .build_ui_state(
            |ui, s: &mut Screen| screen_ui(ui, s),
            Screen::new(Err(report.clone()), Settings::default()),
        );
    h.run();
    let count = |h: &Harness<'_, Screen>, text: &str| h.query_all_by_label_contains(text).count();
    assert!(count(&h, "Datasættet kunne ikke indlæses") >= 1);
    for e in &report.errors {
        assert!(
            count(&h, &format!("{}:{}:{}", e.file, e.line, e.col)) >= 1,
            "{e}"
        );
        assert!(count(&h, &e.message) >= 1, "{e}");
    }
    // No half a dataset: no profile panel, no treatments.
    assert_eq!(count(&h, "Antal levermetastaser"), 0);
    // The report can be read in English.
    h.get_by_label("English").click();
    h.run();
    assert!(count(&h, "The dataset could not be loaded") >= 1);
}

#[test]
fn details_show_every_section_with_citations() {
    let mut h = harness(Lang::En);
    h.get_by_label("Details: RFA").click();
    h.run();
    let rfa = common::index_of(h.state().consultation.data(), "rfa");
    assert_eq!(h.state().view, View::Detail(rfa));
    assert!(count(&h, "Citation 1") >= 1);
    assert!(count(&h, "Sources on this page") >= 1);
    assert!(count(&h, "70-90 of 100") >= 1);
}

#[test]
fn sources_page_names_publisher_and_dates() {
    let mut h = harness(Lang::En);
    h.get_by_label("Sources").click();
    h.run();
    assert!(count(&h, "Publisher: Kræftens Bekæmpelse") >= 1);
    assert!(count(&h, "last reviewed") >= 1);
    assert!(count(&h, "Date: not stated by the source") >= 1);
}

fn focused_label(h: &Harness<'_, AppState>) -> Option<String> {
    h.query_all_by(|n| n.is_focused())
        .next()
        .and_then(|n| n.accesskit_node().label())
}

/// Presses Tab until the control with this label has the focus.
fn tab_to(h: &mut Harness<'_, AppState>, label: &str) -> bool {
    for _ in 0..150 {
        h.key_press(Key::Tab);
        h.run();
        if focused_label(h).as_deref() == Some(label) {
            return true;
        }
    }
    false
}

#[test]
fn keyboard_only_from_profile_to_compare() {
    let mut h = harness(Lang::En);
    assert!(
        tab_to(&mut h, "Number of liver metastases"),
        "Tab does not reach the first field"
    );
    h.get_by_label("Number of liver metastases").type_text("2");
    h.run();
    assert_eq!(
        h.state().consultation.profile.num(Field::Lesions),
        Some(2.0)
    );
    for label in ["Compare: Surgery", "Compare: RFA"] {
        assert!(tab_to(&mut h, label), "Tab does not reach {label}");
        h.key_press(Key::Space);
        h.run();
    }
    assert_eq!(
        h.state().consultation.compare.len(),
        2,
        "Space on the focused boxes chooses treatments"
    );
    h.key_press_modifiers(egui::Modifiers::ALT, Key::Num2);
    h.run();
    assert_eq!(h.state().view, View::Compare);
}

/// Runs frames until the handout preview made on its worker has arrived for what is on
/// screen (the worker needs a moment; the frames go on meanwhile).
fn wait_for_preview(h: &mut Harness<'_, AppState>) {
    for _ in 0..1500 {
        h.run();
        if h.state().pages.handout.preview.current() {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("the handout preview did not arrive within 30 s");
}

#[test]
fn handout_view_previews_pages_and_reports_readability() {
    let mut h = harness(Lang::Da);
    h.get_by_label("Patientfolder").click();
    h.run();
    assert_eq!(h.state().view, View::Handout);
    assert!(count(&h, "Vælg en eller flere behandlinger") >= 1);
    h.get_by_label("I folderen: RFA").click();
    wait_for_preview(&mut h);
    assert_eq!(h.state().pages.handout.chosen, Some(vec![2]));
    assert!(count(&h, "Læsbarhed: LIX") >= 1, "readability shown");
    assert!(count(&h, "Side 1") >= 1, "the first page is previewed");
    assert!(
        h.state()
            .pages
            .handout
            .pdf()
            .is_some_and(|p| p.starts_with(b"%PDF"))
    );
    // English handout from a Danish interface.
    h.get_by_label("Folderens sprog: English").click();
    wait_for_preview(&mut h);
    assert!(count(&h, "Læsbarhed: Flesch") >= 1);
}

// The window itself (`NetLiverApp`): theme and zoom, which live in egui's context.

mod window {
    use eframe::App as _;
    use egui::{Color32, Modifiers, Theme};
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use netliver::dataset;
    use netliver::ui::{NetLiverApp, Screen, Settings};

    fn app(settings: Settings) -> Harness<'static, NetLiverApp> {
        let state = Screen::new(dataset::load_embedded(), settings);
        // Built light, as egui starts on a machine that prefers light. Frames run only when
        // a test steps them, so a test sees the frame right after its click.
        Harness::builder()
            .with_size([1400.0, 1000.0])
            .with_theme(Theme::Light)
            .with_max_steps(0)
            .build_eframe(|cc| NetLiverApp::new(cc, state, None))
    }

    /// The colour the last frame drew `text` in.
    fn text_color(h: &Harness<'_, NetLiverApp>, text: &str) -> Color32 {
        h.output()
            .shapes
            .iter()
            .find_map(|s| match &s.shape {
                egui::Shape::Text(t) if t.galley.text() == text => {
                    let format = t.galley.job.sections.first().map(|s| s.format.color);
                    Some(
                        t.override_text_color
                            .or(format.filter(|c| *c != Color32::PLACEHOLDER))
                            .unwrap_or(t.fallback_color),
                    )
                }
                _ => None,
            })
            .unwrap_or_else(|| panic!("{text:?} was not drawn"))
    }

    fn is_light(c: Color32) -> bool {
        u16::from(c.r()) + u16::from(c.g()) + u16::from(c.b()) > 3 * 128
    }

    /// Shapes filling the whole window with the panel colour.
    fn backdrops_painted(h: &Harness<'_, NetLiverApp>) -> usize {
        let screen = h.ctx.content_rect();
        let fill = h.ctx.global_style().visuals.panel_fill;
        h.output()
            .shapes
            .iter()
            .filter(|s| {
                matches!(&s.shape, egui::Shape::Rect(r) if r.fill == fill && r.rect.contains_rect(screen))
            })
            .count()
    }

    /// A theme's panel colour as the renderer is given it.
    fn panel_colour(visuals: &egui::Visuals) -> [f32; 4] {
        visuals.panel_fill.to_normalized_gamma_f32()
    }

    /// The backdrop: what the renderer clears the window to.
    fn backdrop(h: &Harness<'_, NetLiverApp>) -> [f32; 4] {
        h.state().clear_color(&h.ctx.global_style().visuals)
    }

    #[test]
    fn remembered_zoom_and_theme_are_set_before_the_first_frame() {
        let state = Screen::new(
            dataset::load_embedded(),
            Settings {
                dark: true,
                zoom: 1.3,
                ..Settings::default()
            },
        );
        let mut before_first_frame = None;
        let h = Harness::builder()
            .with_size([1400.0, 1000.0])
            .with_max_steps(0)
            .build_eframe(|cc| {
                let app = NetLiverApp::new(cc, state, None);
                before_first_frame = Some((cc.egui_ctx.theme(), cc.egui_ctx.zoom_factor()));
                app
            });
        assert_eq!(before_first_frame, Some((Theme::Dark, 1.3)));
        // Laid out for the window it was given, not for one thousands of points wide.
        assert_eq!(h.ctx.content_rect().size(), egui::vec2(1400.0, 1000.0));
        assert!(is_light(text_color(&h, "Patient")), "not dark");
        assert_eq!(backdrop(&h), panel_colour(&egui::Visuals::dark()));
    }

    #[test]
    fn the_theme_button_turns_the_whole_window_dark_and_back() {
        let mut h = app(Settings::default());
        assert!(!is_light(text_color(&h, "Patient")));
        h.get_by_label_contains("Mørkt tema").click();
        // The frame that sees the click, then the next one: all of it dark.
        h.run_steps(2);
        assert!(is_light(text_color(&h, "Patient")), "text not redrawn dark");
        // That frame also paints its backdrop, for glow, which cleared the window before
        // the switch; the frame after it leaves the backdrop to the clear colour.
        assert_eq!(backdrops_painted(&h), 1);
        h.step();
        assert_eq!(backdrops_painted(&h), 0);
        assert_eq!(backdrop(&h), panel_colour(&egui::Visuals::dark()));
        assert!(h.state().state.settings().dark);
        h.get_by_label_contains("Lyst tema").click();
        h.run_steps(2);
        assert!(!is_light(text_color(&h, "Patient")));
        assert_eq!(backdrop(&h), panel_colour(&egui::Visuals::light()));
    }

    #[test]
    fn zoom_keys_and_buttons_change_one_remembered_zoom() {
        let mut h = app(Settings::default());
        // A key or click, the frame that sees it, and the one where egui's zoom takes effect.
        let settle = |h: &mut Harness<'_, NetLiverApp>| h.run_steps(3);
        h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Plus);
        settle(&mut h);
        h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Plus);
        settle(&mut h);
        assert_eq!(h.state().state.settings().zoom, 1.2);
        assert!((h.ctx.zoom_factor() - 1.2).abs() < 1e-6);
        assert!(h.query_by_label("120 %").is_some());
        h.get_by_label("Formindsk").click();
        settle(&mut h);
        assert_eq!(h.state().state.settings().zoom, 1.1);
        assert!((h.ctx.zoom_factor() - 1.1).abs() < 1e-6);
        h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Num0);
        settle(&mut h);
        assert_eq!(h.state().state.settings().zoom, 1.0);
        assert!((h.ctx.zoom_factor() - 1.0).abs() < 1e-6);
        assert!(h.query_by_label("100 %").is_some());
    }

    #[test]
    fn a_hand_edited_zoom_is_kept_usable() {
        let h = app(Settings {
            zoom: 40.0,
            ..Settings::default()
        });
        assert_eq!(h.state().state.settings().zoom, Settings::ZOOM_MAX);
        let h = app(Settings {
            zoom: f32::NAN,
            ..Settings::default()
        });
        assert_eq!(h.state().state.settings().zoom, 1.0);
    }
}

#[test]
fn settings_are_read_from_eframes_storage_file() {
    // app.ron as eframe 0.37 writes it: a RON map from keys to RON texts.
    let stored = r#"{
    "window": "(normal_geometry:(outer_position_pixels:Some((x:0.0,y:0.0)),scale_factor:1.0,inner_size_points:(x:1280.0,y:820.0)),fullscreen:false,maximized:false)",
    "netliver.settings": "(lang:en,zoom:1.5,dark:true,clinician:\"Dr. Hansen\",department:\"\")",
}"#;
    let s = netliver::ui::settings_from_storage(stored).unwrap();
    assert_eq!(s.lang, Lang::En);
    assert_eq!(s.zoom, 1.5);
    assert!(s.dark);
    assert_eq!(s.clinician, "Dr. Hansen");
    // A zoom no one could use is brought back within limits; an unreadable file is no
    // settings at all (the defaults), never an error.
    let wild = stored.replace("zoom:1.5", "zoom:90.0");
    assert_eq!(
        netliver::ui::settings_from_storage(&wild).unwrap().zoom,
        Settings::ZOOM_MAX
    );
    assert!(netliver::ui::settings_from_storage("{ not ron").is_none());
    assert!(netliver::ui::settings_from_storage("{}").is_none());
}

/// The remembered layer is the one the verdicts come from from the first frame, not only
/// after the first edit.
#[test]
fn remembered_settings_decide_the_verdicts_at_start() {
    use netliver::assessment::{Scope, assess_with};
    let mut state = AppState::new(dataset::load_embedded().unwrap(), Settings::default());
    state.set_settings(Settings {
        scope: Scope::PageOnly,
        ..Settings::default()
    });
    let d = dataset::load_embedded().unwrap();
    let page = assess_with(&d, &state.consultation.profile, Scope::PageOnly);
    assert_eq!(state.consultation.assessments, page);
    assert!(state.consultation.fields_to_check().is_empty());
}

// Keyboard, layers, checks and the handout's choices (issues 8, 9 and 10).

fn harness_sized(state: AppState, size: [f32; 2]) -> Harness<'static, AppState> {
    let mut h = Harness::builder()
        .with_size(size)
        .with_context_setup(setup_context)
        .build_ui_state(|ui, state: &mut AppState| app_ui(ui, state), state);
    h.run();
    h
}

#[test]
fn at_start_typing_goes_into_the_first_field_and_tab_walks_the_profile_in_order() {
    let mut h = harness(Lang::En);
    h.run();
    assert_eq!(
        focused_label(&h).as_deref(),
        Some("Number of liver metastases")
    );
    h.event(egui::Event::Text("12".to_owned()));
    h.run();
    assert_eq!(
        h.state().consultation.profile.num(Field::Lesions),
        Some(12.0),
        "typing at start reaches the first field"
    );
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(
        focused_label(&h).as_deref(),
        Some("Largest metastasis (cm)")
    );
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(
        focused_label(&h).as_deref(),
        Some("Spread outside the liver: Not entered")
    );
}

#[test]
fn f6_moves_between_the_profile_and_the_view_and_new_patient_returns_to_the_first_field() {
    let mut h = harness(Lang::En);
    h.run();
    h.key_press(Key::F6);
    h.run();
    h.run();
    assert_eq!(focused_label(&h).as_deref(), Some("All"), "F6 to the view");
    h.key_press(Key::F6);
    h.run();
    h.run();
    assert_eq!(
        focused_label(&h).as_deref(),
        Some("Number of liver metastases"),
        "F6 back to the profile"
    );
    h.event(egui::Event::Text("5".to_owned()));
    h.run();
    h.key_press(Key::F6);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::N);
    h.run();
    h.run();
    assert_eq!(h.state().consultation.profile.known(), 0);
    assert_eq!(
        focused_label(&h).as_deref(),
        Some("Number of liver metastases")
    );
}

#[test]
fn the_mdt_notice_is_on_every_screen() {
    for lang in Lang::ALL {
        let mut h = harness(lang);
        for view in [
            View::Overview,
            View::Compare,
            View::Detail(3),
            View::Handout,
            View::Sources,
        ] {
            h.state_mut().view = view;
            h.run();
            assert!(
                count(&h, netliver::i18n::mdt_notice(lang)) >= 1,
                "{lang:?} {view:?}: no MDT notice"
            );
        }
    }
}

/// 12 metastases, 60 % of the liver, an earlier Whipple and positive SSTR imaging.
fn guideline_patient(lang: Lang) -> AppState {
    let mut s = AppState::new(
        dataset::load_embedded().unwrap(),
        Settings {
            lang,
            ..Settings::default()
        },
    );
    for (field, value) in [
        (Field::Lesions, "12"),
        (Field::LargestCm, "3"),
        (Field::Extrahepatic, "no"),
        (Field::Ecog, "1"),
        (Field::Grade, "g2"),
        (Field::Primary, "pancreas"),
        (Field::TumourBurdenPct, "60"),
        (Field::BiliaryEnteric, "yes"),
        (Field::SstrImaging, "positive"),
    ] {
        s.type_field(field, value);
    }
    assert_eq!(s.consultation.profile.known(), 9, "a value was refused");
    s
}

#[test]
fn the_layer_switch_shows_the_pages_verdicts_or_the_guidelines_with_their_sources() {
    let mut h = harness_sized(guideline_patient(Lang::En), [1400.0, 1000.0]);
    let tace =
        |h: &Harness<'_, AppState>| common::of(&h.state().consultation.assessments, "tace").verdict;
    assert_eq!(tace(&h), netliver::dataset::Verdict::NotEligible);
    assert!(count(&h, "The guidelines add:") >= 1);
    assert!(
        count(&h, "National guideline, Sweden") >= 1,
        "evidence type shown"
    );
    let tace_at = common::index_of(h.state().consultation.data(), "tace");
    h.state_mut().view = View::Detail(tace_at);
    h.run();
    assert!(
        count(&h, "Cohort, 2016") >= 1,
        "abscess risk with its cohort"
    );
    assert!(count(&h, "PRRT") >= 1, "consider PRRT first");
    h.get_by_label("Patient page only").click();
    h.run();
    assert_eq!(
        h.state().consultation.settings.scope,
        netliver::assessment::Scope::PageOnly,
        "the switch is a remembered setting"
    );
    assert_eq!(tace(&h), netliver::dataset::Verdict::Eligible);
    assert!(count(&h, "MAY BE CONSIDERED") >= 1);
    assert_eq!(count(&h, "Cohort, 2016"), 0);
}

#[test]
fn guideline_facts_left_unknown_are_a_checklist_and_the_panel_is_grouped() {
    let mut h = harness_sized(
        AppState::new(
            dataset::load_embedded().unwrap(),
            Settings {
                lang: Lang::En,
                ..Settings::default()
            },
        ),
        [1280.0, 800.0],
    );
    for group in ["Tumour", "Liver", "Patient", "History"] {
        assert!(count(&h, group) >= 1, "no group {group}");
    }
    assert!(count(&h, "fields to check before treatment") >= 1);
    assert!(
        count(&h, "To check before treatment (") >= 1,
        "checks on the cards"
    );
    // Fits a 1280 x 800 window at 100 %: nothing in the panel (300 points wide) reaches
    // past it, so it never scrolls sideways.
    let panel_right = 300.0;
    for label in [
        "Number of liver metastases",
        "Primary tumour site",
        "Performance status (ECOG): 4",
        "Somatostatin-receptor imaging: Negative",
        "Bile-duct-to-bowel connection or biliary stent: No",
        "Kidney function (eGFR) (ml/min/1.73 m²)",
    ] {
        h.query_all_by_label(label).next().unwrap().scroll_to_me();
        h.run();
        for node in h.query_all_by_label(label) {
            let r = node.rect();
            assert!(r.right() <= panel_right, "{label} reaches {}", r.right());
        }
    }
    // A group folds away and opens again, by keyboard too.
    h.get_by_label_contains("Liver (").scroll_to_me();
    h.run();
    h.get_by_label_contains("Liver (").click();
    h.run();
    assert_eq!(count(&h, "Ascites: Yes"), 0);
    h.get_by_label_contains("Liver (").focus();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(count(&h, "Ascites: Yes"), 1);
}

#[test]
fn the_sources_page_lists_every_interpretation_and_where_sources_differ() {
    let mut h = harness(Lang::En);
    h.get_by_label("Sources").click();
    h.run();
    assert!(count(&h, "How verdicts are made") >= 1);
    assert!(count(&h, "The dataset's interpretations") >= 1);
    assert!(count(&h, "the dataset reads 'few' as at most 3") >= 1);
    assert!(count(&h, "Where the sources differ") >= 1);
    assert!(count(&h, "National guideline, Norway") >= 1);
}

#[test]
fn search_reads_the_treatments_not_the_files_field_names() {
    let mut h = harness(Lang::En);
    h.get_by_label("Search:").focus();
    h.run();
    h.get_by_label("Search:").type_text("quote");
    h.run();
    assert!(count(&h, "No treatments match") >= 1);
    assert!(
        h.state()
            .pages
            .overview
            .visible(&h.state().consultation)
            .is_empty()
    );
}

#[test]
fn rows_differing_only_in_english_are_marked_as_different() {
    let mut d = dataset::load_embedded().unwrap();
    let (tae, tace) = (common::index_of(&d, "tae"), common::index_of(&d, "tace"));
    let a = d.treatments[tae].answers["repeat"].clone();
    let mut b = a.clone();
    if let netliver::dataset::Answer::Stated { text, .. } = &mut b {
        *text.get_mut(netliver::dataset::Lang::En) = "Different in English only.".to_owned();
    }
    d.treatments[tace].answers.insert("repeat".to_owned(), b);
    let mut state = AppState::new(
        d,
        Settings {
            lang: Lang::En,
            ..Settings::default()
        },
    );
    state.apply(vec![
        netliver::ui::Action::ToggleCompare(tae),
        netliver::ui::Action::ToggleCompare(tace),
        netliver::ui::Action::Show(View::Compare),
    ]);
    let h = harness_with(state);
    assert!(count(&h, "≠ Can it be repeated?") >= 1);
}

#[test]
fn a_fifth_comparison_is_refused_with_the_limit_named() {
    let mut h = harness(Lang::Da);
    for name in ["Operation", "Debulking", "RFA", "Embolisering", "TACE"] {
        h.get_by_label(&format!("Sammenlign: {name}"))
            .scroll_to_me();
        h.run();
        h.get_by_label(&format!("Sammenlign: {name}")).click();
        h.run();
    }
    assert_eq!(h.state().consultation.compare.len(), 4);
    let max = netliver::ui::context::MAX_COMPARE.to_string();
    assert!(h.state().flash.as_deref().is_some_and(|f| f.contains(&max)));
}

#[test]
fn the_handout_choice_can_be_cleared_and_its_language_follows_the_interface_until_chosen() {
    let mut h = harness(Lang::Da);
    let d = h.state().consultation.data();
    let (rfa, tace) = (common::index_of(d, "rfa"), common::index_of(d, "tace"));
    h.state_mut().apply(vec![
        netliver::ui::Action::ToggleCompare(rfa),
        netliver::ui::Action::ToggleCompare(tace),
    ]);
    h.get_by_label("Patientfolder").click();
    h.run();
    // The comparison is the starting choice...
    assert_eq!(
        h.state().pages.handout.treatments(&h.state().consultation),
        vec![rfa, tace]
    );
    // ...and every box can be unticked: nothing comes back by itself.
    h.get_by_label("I folderen: RFA").click();
    h.run();
    h.get_by_label("I folderen: TACE").click();
    h.run();
    h.run();
    assert_eq!(h.state().pages.handout.chosen, Some(vec![]));
    assert!(count(&h, "Vælg en eller flere behandlinger") >= 1);
    // The handout's language follows the interface until it is chosen.
    h.get_by_label("English").click();
    h.run();
    assert_eq!(
        h.state().pages.handout.language(&h.state().consultation),
        Lang::En
    );
    h.get_by_label("Handout language: Dansk").click();
    h.run();
    h.get_by_label("Dansk").click();
    h.run();
    h.get_by_label("English").click();
    h.run();
    assert_eq!(
        h.state().pages.handout.language(&h.state().consultation),
        Lang::Da
    );
}

#[test]
fn typing_a_name_never_waits_for_the_typesetter_nor_offers_an_older_pdf() {
    let mut h = harness(Lang::En);
    h.get_by_label("Handout").click();
    h.run();
    h.get_by_label("In the handout: RFA").click();
    wait_for_preview(&mut h);
    assert!(h.state().pages.handout.pdf().is_some());
    h.get_by_label("Patient's name (not saved)").focus();
    h.run();
    h.get_by_label("Patient's name (not saved)")
        .type_text("Jens Testesen");
    h.run();
    // The frame went on without typesetting: the last pages stay on screen, and no PDF
    // is offered until one with the new name exists.
    assert!(h.state().pages.handout.preview.shown.is_some());
    assert!(
        h.state().pages.handout.pdf().is_none(),
        "an older PDF was offered"
    );
    assert!(count(&h, "Updating the preview") >= 1);
    wait_for_preview(&mut h);
    let shown = h.state().pages.handout.preview.shown.as_ref().unwrap();
    assert_eq!(shown.key.patient.as_deref(), Some("Jens Testesen"));
    assert!(h.state().pages.handout.pdf().is_some());
}

#[test]
fn the_journal_note_goes_to_the_clipboard_with_the_handouts_document_id() {
    let mut h = harness(Lang::En);
    h.get_by_label("Number of liver metastases").type_text("3");
    h.run();
    let d = h.state().consultation.data();
    let (rfa, tace) = (common::index_of(d, "rfa"), common::index_of(d, "tace"));
    h.state_mut().apply(vec![
        netliver::ui::Action::ToggleCompare(rfa),
        netliver::ui::Action::ToggleCompare(tace),
    ]);
    h.run();
    // The work-up list is in the overview's header.
    assert!(count(&h, "To settle before the MDT:") >= 1);
    h.get_by_label_contains("Copy journal note").click();
    h.step();
    let copied: Vec<String> = h
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    let note = copied.first().expect("the note is copied");
    assert!(note.lines().count() <= 25, "{note}");
    assert!(note.contains("number of liver metastases 3"), "{note}");
    let id = netliver::handout::document_id(
        h.state().consultation.data(),
        &["rfa".to_owned(), "tace".to_owned()],
        Lang::En,
        netliver::handout::today(),
    );
    assert!(
        note.contains(&format!(
            "Handout given (English): RFA, TACE; document id {id}"
        )),
        "{note}"
    );
    h.run();
    assert!(count(&h, "The journal note is copied") >= 1);
}

/// A premultiplied colour drawn over an opaque one.
fn over(top: egui::Color32, under: egui::Color32) -> egui::Color32 {
    let k = 1.0 - f32::from(top.a()) / 255.0;
    let mix = |t: u8, u: u8| (f32::from(t) + f32::from(u) * k).round().min(255.0) as u8;
    egui::Color32::from_rgb(
        mix(top.r(), under.r()),
        mix(top.g(), under.g()),
        mix(top.b(), under.b()),
    )
}

/// Every text colour the app draws meets WCAG AA (4.5:1) on every panel background, in
/// both themes, and no text style is under 11 px at 100 %.
#[test]
fn text_is_large_enough_and_meets_wcag_aa_contrast_in_both_themes() {
    use netliver::dataset::Verdict;
    use netliver::ui::{MIN_TEXT_PX, contrast, widgets::verdict_color};
    let ctx = egui::Context::default();
    setup_context(&ctx);
    for theme in [egui::Theme::Light, egui::Theme::Dark] {
        let style = ctx.style_of(theme);
        let v = &style.visuals;
        for (name, font) in &style.text_styles {
            assert!(
                font.size >= MIN_TEXT_PX,
                "{theme:?} {name:?}: {} px",
                font.size
            );
        }
        let dark = theme == egui::Theme::Dark;
        let mut inks = vec![
            ("text", v.text_color()),
            ("weak", v.weak_text_color()),
            ("warn", v.warn_fg_color),
            ("error", v.error_fg_color),
        ];
        for verdict in [Verdict::Eligible, Verdict::Caution, Verdict::NotEligible] {
            inks.push(("verdict", verdict_color(verdict, dark)));
        }
        for (bg_name, bg) in [
            ("panel", v.panel_fill),
            ("window", v.window_fill),
            // A translucent tint: what shows is the tint over the panel.
            ("faint", over(v.faint_bg_color, v.panel_fill)),
            ("window", over(v.faint_bg_color, v.window_fill)),
        ] {
            for (ink_name, ink) in &inks {
                let ratio = contrast(*ink, bg);
                assert!(
                    ratio >= 4.5,
                    "{theme:?}: {ink_name} {ink:?} on {bg_name} {bg:?} is {ratio:.2}:1"
                );
            }
        }
    }
}
