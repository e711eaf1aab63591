//! The desktop app driven by its accessibility labels, as a user (or a screen reader) would.
//! No GPU needed: these tests only read the accessibility tree.

#![allow(clippy::unwrap_used)]

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use netliver::dataset::fields::Field;
use netliver::dataset::{self, Lang};
use netliver::ui::{AppState, Settings, View, app_ui, setup_context};

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
        dataset::load_embedded(),
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
    // Nothing entered: every treatment is a caution, none is ruled out.
    assert_eq!(count(&h, "OPFYLDER IKKE KRITERIERNE"), 0);
    assert!(count(&h, "MED FORBEHOLD") >= 7);

    h.get_by_label("Antal levermetastaser").focus();
    h.run();
    h.get_by_label("Antal levermetastaser").type_text("12");
    h.run();
    assert_eq!(h.state().profile.num(Field::Lesions), Some(12.0));
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
    assert_eq!(h.state().profile.num(Field::Lesions), None);
}

#[test]
fn choices_have_named_buttons_and_new_patient_clears() {
    let mut h = harness(Lang::En);
    h.get_by_label("Spread outside the liver: Yes").click();
    h.run();
    assert_eq!(h.state().profile.yes(Field::Extrahepatic), Some(true));
    h.get_by_label("Performance status (ECOG): 3").click();
    h.run();
    assert_eq!(h.state().profile.num(Field::Ecog), Some(3.0));
    h.get_by_label_contains("New patient").click();
    h.run();
    assert_eq!(h.state().profile.known(), 0);
}

#[test]
fn choosing_treatments_shows_the_grid_with_verdicts_on_top() {
    let mut h = harness(Lang::En);
    h.get_by_label("Compare: RFA").click();
    h.run();
    h.get_by_label("Compare: TACE").click();
    h.run();
    assert_eq!(h.state().compare.len(), 2);
    h.get_by_label("Compare ▶").click();
    h.run();
    assert_eq!(h.state().view, View::Compare);
    // Every grid question is a row; rows that differ are marked.
    let d = dataset::load_embedded().unwrap();
    for q in &d.questions {
        assert!(
            count(&h, q.text.en.as_str()) >= 1,
            "row {:?} missing",
            q.text.en
        );
    }
    assert!(count(&h, "≠ ") >= 1, "no differing row is marked");
    assert!(
        count(&h, "WITH RESERVATIONS") >= 2,
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
    let h = harness_with(AppState::new(Err(report.clone()), Settings::default()));
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
}

#[test]
fn details_show_every_section_with_citations() {
    let mut h = harness(Lang::En);
    h.get_by_label("Details: RFA").click();
    h.run();
    assert!(matches!(h.state().view, View::Detail(2)));
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
    assert_eq!(h.state().profile.num(Field::Lesions), Some(2.0));
    for label in ["Compare: Surgery", "Compare: RFA"] {
        assert!(tab_to(&mut h, label), "Tab does not reach {label}");
        h.key_press(Key::Space);
        h.run();
    }
    assert_eq!(
        h.state().compare.len(),
        2,
        "Space on the focused boxes chooses treatments"
    );
    h.key_press_modifiers(egui::Modifiers::ALT, Key::Num2);
    h.run();
    assert_eq!(h.state().view, View::Compare);
}

#[test]
fn handout_view_previews_pages_and_reports_readability() {
    let mut h = harness(Lang::Da);
    h.get_by_label("Patientfolder").click();
    h.run();
    assert_eq!(h.state().view, View::Handout);
    assert!(count(&h, "Vælg en eller flere behandlinger") >= 1);
    h.get_by_label("I folderen: RFA").click();
    h.run();
    assert_eq!(h.state().handout.chosen, vec![2]);
    assert!(count(&h, "Læsbarhed: LIX") >= 1, "readability shown");
    assert!(count(&h, "Side 1") >= 1, "the first page is previewed");
    assert!(
        h.state()
            .handout
            .pdf()
            .is_some_and(|p| p.starts_with(b"%PDF"))
    );
    // English handout from a Danish interface.
    h.get_by_label("Folder på engelsk").click();
    h.run();
    assert!(count(&h, "Læsbarhed: Flesch") >= 1);
}

// The window itself (`NetLiverApp`): theme and zoom, which live in egui's context.

mod window {
    use eframe::App as _;
    use egui::{Color32, Modifiers, Theme};
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use netliver::dataset;
    use netliver::ui::{AppState, NetLiverApp, Settings};

    fn app(settings: Settings) -> Harness<'static, NetLiverApp> {
        let state = AppState::new(dataset::load_embedded(), settings);
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
        let state = AppState::new(
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
        assert!(h.state().state.settings.dark);
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
        assert_eq!(h.state().state.settings.zoom, 1.2);
        assert!((h.ctx.zoom_factor() - 1.2).abs() < 1e-6);
        assert!(h.query_by_label("120 %").is_some());
        h.get_by_label("Formindsk").click();
        settle(&mut h);
        assert_eq!(h.state().state.settings.zoom, 1.1);
        assert!((h.ctx.zoom_factor() - 1.1).abs() < 1e-6);
        h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Num0);
        settle(&mut h);
        assert_eq!(h.state().state.settings.zoom, 1.0);
        assert!((h.ctx.zoom_factor() - 1.0).abs() < 1e-6);
        assert!(h.query_by_label("100 %").is_some());
    }

    #[test]
    fn a_hand_edited_zoom_is_kept_usable() {
        let h = app(Settings {
            zoom: 40.0,
            ..Settings::default()
        });
        assert_eq!(h.state().state.settings.zoom, Settings::ZOOM_MAX);
        let h = app(Settings {
            zoom: f32::NAN,
            ..Settings::default()
        });
        assert_eq!(h.state().state.settings.zoom, 1.0);
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
