//! Snapshot images of the views whose look matters, in both languages. They need a wgpu
//! adapter (lavapipe from Debian's mesa-vulkan-drivers works headless), so they run only
//! with `--features snapshots`; `.ci/run` turns it on. Write new images with
//! `UPDATE_SNAPSHOTS=1 cargo test --features snapshots --test snapshots`.
#![cfg(feature = "snapshots")]
#![allow(clippy::unwrap_used)]

use egui_kittest::Harness;
use netliver::dataset::fields::Field;
use netliver::dataset::{self, Lang};
use netliver::ui::{Action, AppState, Settings, View, app_ui, setup_context};

fn harness(lang: Lang, view: View) -> Harness<'static, AppState> {
    let mut state = AppState::new(
        dataset::load_embedded().unwrap(),
        Settings {
            lang,
            ..Settings::default()
        },
    );
    // A patient with five small metastases, confined to the liver, small-intestine primary.
    for (field, value) in [
        (Field::Lesions, "5"),
        (Field::LargestCm, "2,5"),
        (Field::Extrahepatic, "no"),
        (Field::Ecog, "1"),
        (Field::Grade, "g2"),
        (Field::Primary, "small-intestine"),
        (Field::HormonalSymptoms, "yes"),
    ] {
        state.type_field(field, value);
    }
    // Every value was taken (a refused one would be saved into the images unnoticed).
    assert_eq!(state.consultation.profile.known(), 7);
    state.apply(vec![Action::ToggleCompare(2), Action::ToggleCompare(4)]);
    state.view = view;
    let mut h = Harness::builder()
        .with_size([1280.0, 820.0])
        .with_context_setup(setup_context)
        // The app's default theme (kittest's own default is dark).
        .with_theme(egui::Theme::Light)
        .wgpu()
        .build_ui_state(|ui, state: &mut AppState| app_ui(ui, state), state);
    h.run();
    h
}

// One harness per test: kittest checks each test's snapshot results when it ends.
macro_rules! snapshot_tests {
    ($($name:ident: $view:expr, $lang:expr;)*) => {$(
        #[test]
        fn $name() {
            harness($lang, $view).snapshot(stringify!($name));
        }
    )*};
}

snapshot_tests! {
    overview_da: View::Overview, Lang::Da;
    overview_en: View::Overview, Lang::En;
    compare_da: View::Compare, Lang::Da;
    compare_en: View::Compare, Lang::En;
    detail_da: View::Detail(2), Lang::Da;
    detail_en: View::Detail(2), Lang::En;
}
