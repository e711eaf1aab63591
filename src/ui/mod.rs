//! The desktop app (eframe). A thin shell: the views draw the consultation and return
//! actions, applied in one place after they have drawn; every clinical decision comes from
//! [`crate::assessment`].

pub mod app;
mod bars;
pub mod context;
pub mod preview;
pub mod strings;
mod tour;
pub mod views;
pub mod widgets;

use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use egui::Ui;

pub use app::{AppState, Broken, Screen, app_ui, screen_ui};
pub use context::{Action, Consultation, FocusTarget, Settings, View};

use crate::dataset;

/// eframe's name for the app: its settings folder (e.g. `~/.local/share/netliver`).
const APP_ID: &str = "netliver";
const SETTINGS_KEY: &str = "netliver.settings";

/// The eframe app: the state plus what only a running window needs.
pub struct NetLiverApp {
    pub state: Screen,
    /// Frames left before closing (`--exit-after-frames`).
    exit_after: Option<u64>,
    frames: u64,
    /// Whether the handout typesetter has been warmed up in the background.
    warmed: bool,
    /// Zoom last given to the egui context (it takes effect on the next pass).
    applied_zoom: Option<f32>,
    /// The frame-time tour (`--frame-tour`), if measuring.
    tour: Option<tour::Tour>,
}

impl NetLiverApp {
    /// Builds the app on a state whose dataset is loaded (a broken one becomes the error
    /// page), with the remembered settings (or the state's own when none are stored).
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        mut state: Screen,
        exit_after: Option<u64>,
    ) -> Self {
        let stored = cc
            .storage
            .and_then(|s| eframe::get_value::<Settings>(s, SETTINGS_KEY));
        let settings = stored
            .unwrap_or_else(|| state.settings().clone())
            .within_limits();
        state.set_settings(settings);
        // Before the first frame, so it is drawn once, in the remembered zoom and theme.
        // (`run` has done this already on the context it made; tests come here directly.)
        setup_context(&cc.egui_ctx);
        apply_before_first_frame(&cc.egui_ctx, state.settings());
        NetLiverApp {
            applied_zoom: Some(state.settings().zoom),
            state,
            exit_after,
            frames: 0,
            warmed: false,
            tour: None,
        }
    }

    /// Applies the settings that live in the egui context (zoom, theme) where they differ.
    /// Returns whether the theme changed.
    fn apply_settings(&mut self, ctx: &egui::Context) -> bool {
        let zoom = self.state.settings().zoom;
        if self.applied_zoom != Some(zoom) {
            ctx.set_zoom_factor(zoom);
            self.applied_zoom = Some(zoom);
        }
        let theme = self.state.settings().theme();
        let changed = ctx.theme() != theme;
        if changed {
            ctx.set_theme(theme);
        }
        changed
    }

    /// Whether a setting chosen during this frame still waits to be applied.
    fn settings_pending(&self, ctx: &egui::Context) -> bool {
        self.applied_zoom != Some(self.state.settings().zoom)
            || ctx.theme() != self.state.settings().theme()
    }
}

impl eframe::App for NetLiverApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        if let Some(tour) = &mut self.tour {
            let done = self.state.ready().is_none_or(|s| tour.step(s));
            if done {
                let _ = writeln!(std::io::stderr(), "{}", tour.report());
                self.tour = None;
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                return;
            }
            ui.ctx().request_repaint();
        }
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
        app::window_ui(ui, &mut self.state);
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
        eframe::set_value(storage, SETTINGS_KEY, self.state.settings());
    }

    /// The panel colour, so the panels need not paint it (see [`app::window_ui`]).
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
        // No text under 11 px at 100 % (egui's small text is 9 px): source tags, outcome
        // lines and hints are read in the consultation room.
        if let Some(small) = style.text_styles.get_mut(&egui::TextStyle::Small) {
            small.size = small.size.max(MIN_TEXT_PX);
        }
        readable_colours(&mut style.visuals);
    });
    // Ctrl +/-/0 are handled as settings (see `shortcuts`), not by egui.
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
}

/// The smallest text the app draws at 100 % zoom, in points (= pixels at 100 %).
pub const MIN_TEXT_PX: f32 = 11.0;

/// Text colours that meet WCAG AA (4.5:1) on the panels of each theme: egui's weak text
/// (60 % of the text colour) and its light theme's warning and error colours do not.
fn readable_colours(v: &mut egui::Visuals) {
    use egui::Color32;
    if v.dark_mode {
        v.weak_text_color = Some(Color32::from_gray(135));
        v.error_fg_color = Color32::from_rgb(255, 110, 110);
    } else {
        v.weak_text_color = Some(Color32::from_gray(105));
        v.warn_fg_color = Color32::from_rgb(170, 70, 0);
        v.error_fg_color = Color32::from_rgb(190, 0, 0);
    }
}

/// The WCAG 2 contrast ratio of two opaque colours.
pub fn contrast(a: egui::Color32, b: egui::Color32) -> f32 {
    fn lum(c: egui::Color32) -> f32 {
        let ch = |x: u8| {
            let x = f32::from(x) / 255.0;
            if x <= 0.040_45 {
                x / 12.92
            } else {
                ((x + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(c.r()) + 0.7152 * ch(c.g()) + 0.0722 * ch(c.b())
    }
    let (la, lb) = (lum(a), lum(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// How the window is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RendererChoice {
    /// glow where the machine has no GPU (Linux: no DRM render node), else wgpu.
    #[default]
    Auto,
    Wgpu,
    Glow,
}

/// What the window needs from the command line.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub data: Option<PathBuf>,
    /// Close after this many frames (smoke tests).
    pub exit_after: Option<u64>,
    pub renderer: RendererChoice,
    /// Walk through the views and print frame times (measurement).
    pub frame_tour: bool,
}

/// Whether this machine draws with a software renderer only. On Linux a GPU driver shows
/// as a DRM render node (`/dev/dri/renderD*`); without one, Mesa's llvmpipe/lavapipe do
/// the drawing, where glow costs a third of wgpu's frame time (measured on this project's
/// CI machine). Elsewhere wgpu stays first: a Windows PC without a GPU driver may offer
/// only OpenGL 1.1, which glow cannot use, while wgpu has Microsoft's WARP.
pub fn software_only() -> bool {
    if !cfg!(target_os = "linux") {
        return false;
    }
    let Ok(entries) = std::fs::read_dir("/dev/dri") else {
        return true;
    };
    !entries
        .flatten()
        .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
}

/// The renderers to try, in order; the second is the fallback.
pub fn renderer_order(choice: RendererChoice, software: bool) -> [eframe::Renderer; 2] {
    use eframe::Renderer::{Glow, Wgpu};
    match choice {
        RendererChoice::Wgpu => [Wgpu, Glow],
        RendererChoice::Glow => [Glow, Wgpu],
        RendererChoice::Auto if software => [Glow, Wgpu],
        RendererChoice::Auto => [Wgpu, Glow],
    }
}

/// The application icon, in the window's title bar and the taskbar.
fn icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon/netliver-256.png")).ok()
}

/// Opens the window with the renderer chosen for this machine, the other as fallback; if
/// neither starts, a message saying so.
pub fn run(options: RunOptions) -> Result<(), String> {
    let result = run_window(options);
    // Whatever happened, no handout spooled for printing outlives the app.
    crate::handout::output::clean_up();
    result
}

fn run_window(run: RunOptions) -> Result<(), String> {
    let started = std::time::Instant::now();
    let preload = Arc::new(Preload::start(run.data.clone()));
    let settings = remembered_settings().unwrap_or_default();
    let mut errors = Vec::new();
    for renderer in renderer_order(run.renderer, software_only()) {
        let mut viewport = egui::ViewportBuilder::default()
            .with_title("netliver")
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([800.0, 560.0]);
        if let Some(icon) = icon() {
            viewport = viewport.with_icon(icon);
        }
        let options = eframe::NativeOptions {
            viewport,
            renderer,
            persist_window: true,
            system_font_fallback: false,
            ..Default::default()
        };
        let preload = Arc::clone(&preload);
        let (exit_after, tour) = (run.exit_after, run.frame_tour);
        if tour {
            let _ = writeln!(std::io::stderr(), "renderer: {renderer:?}");
        }
        let result = eframe::run_native_ext(
            APP_ID,
            options,
            Some(window_context(&settings)),
            Box::new(move |cc| {
                let mut app = NetLiverApp::new(cc, preload.take(), exit_after);
                app.tour = tour.then(|| tour::Tour::new(started));
                Ok(Box::new(app))
            }),
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
    pending: Mutex<Option<JoinHandle<Screen>>>,
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

    fn build(data: Option<&std::path::Path>) -> Screen {
        Screen::new(dataset::load(data), Settings::default())
    }

    /// The state built on the thread; built here if the thread could not start or a
    /// second renderer is tried after the first one took it.
    fn take(&self) -> Screen {
        let handle = self.pending.lock().ok().and_then(|mut h| h.take());
        handle
            .and_then(|h| h.join().ok())
            .unwrap_or_else(|| Self::build(self.data.as_deref()))
    }
}
