//! The desktop app (eframe). A thin shell: it holds what is selected and draws it; every
//! clinical decision comes from [`crate::assessment`].

mod compare;
mod detail;
mod handout;
mod overview;
mod profile;
mod sources;
pub mod state;
pub mod widgets;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use egui::gui_zoom::kb_shortcuts as zoom_keys;
use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

pub use state::{AppState, Settings, View};
use widgets::Tr;

use crate::dataset::{self, Lang};

/// eframe's name for the app: its settings folder (e.g. `~/.local/share/netliver`).
const APP_ID: &str = "netliver";
const SETTINGS_KEY: &str = "netliver.settings";

/// The eframe app: the state plus what only a running window needs.
pub struct NetLiverApp {
    pub state: AppState,
    /// Frames left before closing (`--exit-after-frames`).
    exit_after: Option<u64>,
    frames: u64,
    /// Whether the handout typesetter has been warmed up in the background.
    warmed: bool,
    /// Zoom last given to the egui context (it takes effect on the next pass).
    applied_zoom: Option<f32>,
}

impl NetLiverApp {
    /// Builds the app on a state whose dataset is loaded (a broken one becomes the error
    /// page), with the remembered settings (or the state's own when none are stored).
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        mut state: AppState,
        exit_after: Option<u64>,
    ) -> Self {
        let stored = cc
            .storage
            .and_then(|s| eframe::get_value::<Settings>(s, SETTINGS_KEY));
        state.settings = stored
            .unwrap_or_else(|| state.settings.clone())
            .within_limits();
        // Before the first frame, so it is drawn once, in the remembered zoom and theme.
        // (`run` has done this already on the context it made; tests come here directly.)
        setup_context(&cc.egui_ctx);
        apply_before_first_frame(&cc.egui_ctx, &state.settings);
        NetLiverApp {
            applied_zoom: Some(state.settings.zoom),
            state,
            exit_after,
            frames: 0,
            warmed: false,
        }
    }

    /// Applies the settings that live in the egui context (zoom, theme) where they differ.
    /// Returns whether the theme changed.
    fn apply_settings(&mut self, ctx: &egui::Context) -> bool {
        let zoom = self.state.settings.zoom;
        if self.applied_zoom != Some(zoom) {
            ctx.set_zoom_factor(zoom);
            self.applied_zoom = Some(zoom);
        }
        let theme = self.state.settings.theme();
        let changed = ctx.theme() != theme;
        if changed {
            ctx.set_theme(theme);
        }
        changed
    }

    /// Whether a setting chosen during this frame still waits to be applied.
    fn settings_pending(&self, ctx: &egui::Context) -> bool {
        self.applied_zoom != Some(self.state.settings.zoom)
            || ctx.theme() != self.state.settings.theme()
    }
}

impl eframe::App for NetLiverApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        if let Some(n) = self.exit_after
            && self.frames >= n
        {
            // `--exit-after-frames N`: N frames are drawn. This is the pass egui runs to act
            // on the Close sent after the last one; it is shown blank, if at all, as the
            // window closes.
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        if self.apply_settings(ui.ctx()) {
            // The window's ui took its style before the switch: draw this frame in the new
            // theme. glow cleared the window before this frame, in the old theme's colour,
            // so paint the new backdrop this once; the next frame is cleared to it.
            ui.set_style(ui.ctx().global_style());
            widgets::paint_backdrop(ui);
            ui.ctx().request_repaint();
        }
        window_ui(ui, &mut self.state);
        if self.settings_pending(ui.ctx()) {
            // A theme or zoom chosen in this frame is applied at the start of the next.
            ui.ctx().request_repaint();
        }
        if !self.warmed {
            // After the first frame, so start-up is not slowed: load the handout fonts and
            // typst's library in the background, so the first preview comes quickly.
            self.warmed = true;
            std::thread::spawn(crate::handout::render::warm_up);
        }
        if let Some(n) = self.exit_after
            && !ui.ctx().will_discard()
        {
            // A pass egui discards (to lay out again at once) is not a frame drawn.
            self.frames += 1;
            if self.frames >= n {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            } else {
                ui.ctx().request_repaint();
            }
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        // Only the settings. The patient profile is never written anywhere.
        eframe::set_value(storage, SETTINGS_KEY, &self.state.settings);
    }

    /// The panel colour, so the panels need not paint it (see [`window_ui`]).
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        visuals.panel_fill.to_normalized_gamma_f32()
    }

    fn persist_egui_memory(&self) -> bool {
        // egui's memory can hold widget state; keep nothing that could echo patient input.
        false
    }
}

/// The egui context the window is made with, ready before the window exists: eframe
/// restores the window's size in points at the context's zoom, and saves it at the zoom in
/// use, so a context made at 100 % would shrink the window by the zoom on every start.
fn window_context(settings: &Settings) -> egui::Context {
    let ctx = egui::Context::default();
    // As eframe 0.37 sets up a context it makes itself (`create_egui_context`): viewports
    // as real windows, and a second pass allowed when egui asks for one. egui's memory is
    // not restored: netliver never stores it.
    ctx.set_embed_viewports(false);
    ctx.options_mut(|o| o.max_passes = std::num::NonZeroUsize::MIN.saturating_add(1));
    setup_context(&ctx);
    apply_before_first_frame(&ctx, settings);
    ctx
}

/// Zoom and theme on a context that has not drawn yet. The zoom is set at once:
/// `set_zoom_factor` would rescale the previous frame's window size, which does not exist
/// yet, and lay the first frame out for a window thousands of points wide.
fn apply_before_first_frame(ctx: &egui::Context, settings: &Settings) {
    ctx.options_mut(|o| o.zoom_factor = settings.zoom);
    ctx.set_theme(settings.theme());
}

/// The settings eframe stored when the app last closed, read before the window opens
/// (eframe hands its storage to the app only once the window exists).
fn remembered_settings() -> Option<Settings> {
    let file = eframe::storage_dir(APP_ID)?.join("app.ron");
    settings_from_storage(&std::fs::read_to_string(file).ok()?)
}

/// The settings in the text of eframe's storage file: a RON map from keys to RON texts.
pub fn settings_from_storage(text: &str) -> Option<Settings> {
    let entries: std::collections::HashMap<String, String> = ron::from_str(text).ok()?;
    let settings: Settings = ron::from_str(entries.get(SETTINGS_KEY)?).ok()?;
    Some(settings.within_limits())
}

/// What the app sets on egui's context before its first frame. Tests, snapshots and
/// benchmarks that draw [`app_ui`] on a context of their own call it too.
pub fn setup_context(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        // Glyph outlines unhinted, as egui drew them before 0.33. Side by side at 100 % the
        // text looks the same, and laying out the first frame takes half the time (the
        // TrueType hinting interpreter was 40 % of it).
        style.visuals.text_options.font_hinting = false;
    });
    // Ctrl +/-/0 are handled as settings (see `shortcuts`), not by egui.
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
}

/// The whole window, background included: what tests and benchmarks draw.
pub fn app_ui(ui: &mut Ui, state: &mut AppState) {
    widgets::paint_backdrop(ui);
    window_ui(ui, state);
}

/// The whole window on a backdrop that is already the panel colour: top bar, status bar,
/// profile panel and the current view. The panels are not filled (see
/// [`widgets::panel_frame`]); the native app has the renderer clear to the panel colour
/// instead ([`NetLiverApp::clear_color`]), which on a software renderer halves the pixels
/// shaded per frame.
fn window_ui(ui: &mut Ui, state: &mut AppState) {
    shortcuts(ui, state);
    let lang = state.lang();
    egui::Panel::top("top-bar")
        .frame(widgets::panel_frame(ui, false))
        .show(ui, |ui| top_bar_ui(ui, state));
    egui::Panel::bottom("status-bar")
        .frame(widgets::panel_frame(ui, false))
        .show(ui, |ui| status_bar_ui(ui, state));
    if let Err(report) = &state.loaded {
        let report = report.clone();
        egui::CentralPanel::default()
            .frame(widgets::panel_frame(ui, true))
            .show(ui, |ui| sources::errors_ui(ui, &report, lang));
        return;
    }
    egui::Panel::left("profile")
        .frame(widgets::panel_frame(ui, false))
        .resizable(true)
        .default_size(290.0)
        .min_size(240.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("profile-scroll")
                .show(ui, |ui| profile::profile_ui(ui, state));
        });
    egui::CentralPanel::default()
        .frame(widgets::panel_frame(ui, true))
        .show(ui, |ui| match state.view {
            View::Overview => overview::overview_ui(ui, state),
            View::Compare => compare::compare_ui(ui, state),
            View::Detail(i) => detail::detail_ui(ui, state, i),
            View::Handout => handout::handout_ui(ui, state),
            View::Sources => sources::sources_ui(ui, state),
        });
}

fn shortcuts(ui: &Ui, state: &mut AppState) {
    let new_patient = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
    let views = [
        (Key::Num1, View::Overview),
        (Key::Num2, View::Compare),
        (Key::Num3, View::Handout),
        (Key::Num4, View::Sources),
    ];
    let zooms = [
        (zoom_keys::ZOOM_IN, 1.0),
        (zoom_keys::ZOOM_IN_SECONDARY, 1.0),
        (zoom_keys::ZOOM_OUT, -1.0),
    ];
    ui.input_mut(|i| {
        if i.consume_shortcut(&new_patient) {
            state.new_patient();
        }
        // Zoom is a setting like the others (egui's own zoom keys are off, see
        // `setup_context`), so the buttons, the keys and the saved value agree.
        for (shortcut, steps) in zooms {
            if i.consume_shortcut(&shortcut) {
                state.settings.zoom_by(steps);
            }
        }
        if i.consume_shortcut(&zoom_keys::ZOOM_RESET) {
            state.settings.set_zoom(1.0);
        }
        for (key, view) in views {
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::ALT, key)) {
                state.view = view;
            }
        }
    });
    if state.view == View::Handout {
        handout::shortcuts(ui, state);
    }
}

fn top_bar_ui(ui: &mut Ui, state: &mut AppState) {
    let lang = state.lang();
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("netliver").strong().size(18.0));
        ui.separator();
        if state.loaded.is_ok() {
            let tabs = [
                (View::Overview, lang.tr("Overblik", "Overview"), "Alt+1"),
                (View::Compare, lang.tr("Sammenlign", "Compare"), "Alt+2"),
                (View::Handout, lang.tr("Patientfolder", "Handout"), "Alt+3"),
                (View::Sources, lang.tr("Kilder", "Sources"), "Alt+4"),
            ];
            for (view, name, key) in tabs {
                let on = state.view == view;
                if ui.selectable_label(on, name).on_hover_text(key).clicked() {
                    state.view = view;
                }
            }
            if let View::Detail(i) = state.view
                && let Some(t) = state.data().and_then(|d| d.treatments.get(i))
            {
                let _ = ui.selectable_label(true, t.short.get(lang));
            }
        }
        ui.separator();
        let mut lang_now = state.settings.lang;
        ui.selectable_value(&mut lang_now, Lang::Da, "Dansk");
        ui.selectable_value(&mut lang_now, Lang::En, "English");
        state.settings.lang = lang_now;
        ui.separator();
        let theme = if state.settings.dark {
            lang.tr("☀ Lyst tema", "☀ Light theme")
        } else {
            lang.tr("🌙 Mørkt tema", "🌙 Dark theme")
        };
        if ui.button(theme).clicked() {
            state.settings.dark = !state.settings.dark;
        }
        if ui
            .button("−")
            .on_hover_text("Ctrl −")
            .accessible_name(lang.tr("Formindsk", "Zoom out"))
            .clicked()
        {
            state.settings.zoom_by(-1.0);
        }
        ui.label(format!("{:.0} %", state.settings.zoom * 100.0));
        if ui
            .button("+")
            .on_hover_text("Ctrl +")
            .accessible_name(lang.tr("Forstør", "Zoom in"))
            .clicked()
        {
            state.settings.zoom_by(1.0);
        }
    });
}

fn status_bar_ui(ui: &mut Ui, state: &mut AppState) {
    let lang = state.lang();
    ui.horizontal(|ui| {
        match state.data() {
            Some(d) => {
                let publishers: Vec<&str> =
                    d.sources.iter().map(|s| s.publisher.as_str()).collect();
                ui.label(
                    RichText::new(match lang {
                        Lang::Da => format!(
                            "Datasæt {} · version {} · gennemgået {} · kilde: {}",
                            d.id,
                            d.version,
                            d.reviewed,
                            publishers.join(", ")
                        ),
                        Lang::En => format!(
                            "Dataset {} · version {} · reviewed {} · source: {}",
                            d.id,
                            d.version,
                            d.reviewed,
                            publishers.join(", ")
                        ),
                    })
                    .small(),
                );
            }
            None => {
                ui.label(
                    RichText::new(lang.tr("Intet datasæt indlæst", "No dataset loaded")).small(),
                );
            }
        }
        if let Some(msg) = &state.flash {
            ui.separator();
            ui.label(RichText::new(msg).small().color(ui.visuals().warn_fg_color));
        }
    });
}

/// Opens the window. wgpu first (it copes with remote desktops offering only old OpenGL),
/// then glow; if neither starts, a message saying so.
pub fn run(data: Option<PathBuf>, exit_after: Option<u64>) -> Result<(), String> {
    let result = run_window(data, exit_after);
    // Whatever happened, no handout spooled for printing outlives the app.
    crate::handout::output::clean_up();
    result
}

fn run_window(data: Option<PathBuf>, exit_after: Option<u64>) -> Result<(), String> {
    crate::handout::output::remove_stale_spools();
    let preload = Arc::new(Preload::start(data));
    let settings = remembered_settings().unwrap_or_default();
    let mut errors = Vec::new();
    for renderer in [eframe::Renderer::Wgpu, eframe::Renderer::Glow] {
        let options = eframe::NativeOptions {
            viewport: egui::ViewportBuilder::default()
                .with_title("netliver")
                .with_inner_size([1280.0, 820.0])
                .with_min_inner_size([800.0, 560.0]),
            renderer,
            persist_window: true,
            system_font_fallback: false,
            ..Default::default()
        };
        let preload = Arc::clone(&preload);
        let result = eframe::run_native_ext(
            APP_ID,
            options,
            Some(window_context(&settings)),
            Box::new(move |cc| Ok(Box::new(NetLiverApp::new(cc, preload.take(), exit_after)))),
        );
        match result {
            Ok(()) => return Ok(()),
            Err(e) => errors.push(format!("{renderer:?}: {e}")),
        }
    }
    Err(format!(
        "netliver could not open a window: neither graphics renderer started ({}). \
On a machine without a GPU, install Mesa's software drivers (Debian: mesa-vulkan-drivers, libgl1-mesa-dri); \
the command line (`netliver --help`) works without a screen.",
        errors.join("; ")
    ))
}

/// The app state (dataset loaded, validated and assessed), built on its own thread while
/// the window and renderer start, which takes far longer.
struct Preload {
    data: Option<PathBuf>,
    pending: Mutex<Option<JoinHandle<AppState>>>,
}

impl Preload {
    fn start(data: Option<PathBuf>) -> Self {
        let path = data.clone();
        let handle = std::thread::Builder::new()
            .name("netliver-load".to_owned())
            .spawn(move || Self::build(path.as_deref()))
            .ok();
        Preload {
            data,
            pending: Mutex::new(handle),
        }
    }

    fn build(data: Option<&std::path::Path>) -> AppState {
        AppState::new(dataset::load(data), Settings::default())
    }

    /// The state built on the thread; built here if the thread could not start or a
    /// second renderer is tried after the first one took it.
    fn take(&self) -> AppState {
        let handle = self.pending.lock().ok().and_then(|mut h| h.take());
        handle
            .and_then(|h| h.join().ok())
            .unwrap_or_else(|| Self::build(self.data.as_deref()))
    }
}
