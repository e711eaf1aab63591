//! CPU time of one frame of each view (layout + tessellation, no GPU), with the built-in
//! dataset and with a synthetic one of 700 treatments. Run with `cargo bench --bench ui`.

use divan::Bencher;
use netliver::dataset::{self, Dataset};
use netliver::ui::{Action, AppState, Settings, View, app_ui, setup_context};

fn main() {
    divan::main();
}

/// The built-in dataset, or 100 copies of each treatment (700) with fresh ids.
fn data(synthetic: bool) -> Dataset {
    let mut d = dataset::load_embedded().expect("the built-in dataset validates");
    if synthetic {
        let base = d.treatments.clone();
        for k in 1..100 {
            d.treatments.extend(base.iter().cloned().map(|mut t| {
                t.id = format!("{}-{k}", t.id);
                let name = format!("{} {k}", t.name.get(netliver::dataset::Lang::Da));
                *t.name.get_mut(netliver::dataset::Lang::Da) = name;
                t
            }));
        }
    }
    d
}

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 820.0),
        )),
        ..Default::default()
    }
}

fn frame(ctx: &egui::Context, state: &mut AppState) -> usize {
    let mut out = ctx.run_ui(input(), |ui| app_ui(ui, state));
    // No renderer takes the textures here; say so, as a renderer would have taken them.
    out.textures_delta.clear();
    ctx.tessellate(out.shapes, out.pixels_per_point).len()
}

fn bench_view(b: Bencher, view: View, synthetic: bool) {
    let mut state = AppState::new(data(synthetic), Settings::default());
    let compare: Vec<Action> = ["resection", "rfa", "tace", "sirt"]
        .iter()
        .filter_map(|id| {
            state
                .consultation
                .data()
                .treatments
                .iter()
                .position(|t| t.id == *id)
        })
        .map(Action::ToggleCompare)
        .collect();
    state.apply(compare);
    state.pages.handout.chosen = Some(vec![2]);
    state.view = view;
    let ctx = egui::Context::default();
    setup_context(&ctx);
    // Warm up: fonts, caches and (for the handout) the one-off typesetting.
    for _ in 0..3 {
        frame(&ctx, &mut state);
    }
    b.bench_local(|| frame(&ctx, &mut state));
}

const VIEWS: [(&str, View); 5] = [
    ("overview", View::Overview),
    ("compare", View::Compare),
    ("detail", View::Detail(2)),
    ("handout", View::Handout),
    ("sources", View::Sources),
];

fn view_named(name: &str) -> View {
    VIEWS
        .iter()
        .find(|v| v.0 == name)
        .map_or(View::Overview, |v| v.1)
}

#[divan::bench(args = VIEWS.map(|v| v.0))]
fn full_dataset(b: Bencher, view: &str) {
    bench_view(b, view_named(view), false);
}

#[divan::bench(args = VIEWS.map(|v| v.0))]
fn synthetic_700(b: Bencher, view: &str) {
    bench_view(b, view_named(view), true);
}

/// One frame of the handout view while the clinician types the patient's name: each
/// iteration adds a letter, as a keystroke would. The preview is made on its worker, so the
/// frame only compares the request and draws the last pages.
#[divan::bench]
fn handout_typing_a_name(b: Bencher) {
    let mut state = AppState::new(data(false), Settings::default());
    state.pages.handout.chosen = Some(vec![2, 4]);
    state.view = View::Handout;
    let ctx = egui::Context::default();
    setup_context(&ctx);
    for _ in 0..3 {
        frame(&ctx, &mut state);
    }
    let mut n = 0u32;
    b.bench_local(|| {
        n += 1;
        state
            .pages
            .handout
            .patient
            .push(char::from(b'a' + (n % 26) as u8));
        if state.pages.handout.patient.len() > 40 {
            state.pages.handout.patient.clear();
        }
        frame(&ctx, &mut state)
    });
}
