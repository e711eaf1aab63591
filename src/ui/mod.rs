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

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

pub use state::{AppState, Settings, View};
use widgets::Tr;

use crate::dataset::{self, Lang};

const SETTINGS_KEY: &str = "netliver.settings";

/// The eframe app: the state plus what only a running window needs.
pub struct NetLiverApp {
    pub state: AppState,
    /// Frames left before closing (`--exit-after-frames`).
    exit_after: Option<u64>,
    frames: u64,
    /// Whether the handout typesetter has been warmed up in the background.
    warmed: bool,
    /// Zoom and theme last applied to the egui context.
    applied: Option<(f32, bool)>,
}

impl NetLiverApp {
    /// Builds the app: loads the dataset (a broken one becomes the error page) and restores
    /// the remembered settings.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        data: Option<PathBuf>,
        exit_after: Option<u64>,
    ) -> Self {
        let settings = cc
            .storage
            .and_then(|s| eframe::get_value::<Settings>(s, SETTINGS_KEY))
            .unwrap_or_default();
        Self::with_state(
            AppState::new(dataset::load(data.as_deref()), settings),
            exit_after,
        )
    }

    pub fn with_state(state: AppState, exit_after: Option<u64>) -> Self {
        NetLiverApp {
            state,
            exit_after,
            frames: 0,
            warmed: false,
            applied: None,
        }
    }

    /// Applies settings that live in the egui context (zoom, theme) when they change.
    fn apply_settings(&mut self, ctx: &egui::Context) {
        let wanted = (self.state.settings.zoom, self.state.settings.dark);
        if self.applied != Some(wanted) {
            ctx.set_zoom_factor(wanted.0);
            ctx.set_theme(if wanted.1 {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            self.applied = Some(wanted);
        }
        // Ctrl +/-/0 changes the zoom inside egui; keep the setting in step.
        let zoom = ctx.zoom_factor();
        if (zoom - self.state.settings.zoom).abs() > f32::EPSILON {
            self.state.settings.zoom = zoom;
            self.applied = Some((zoom, wanted.1));
        }
    }
}

impl eframe::App for NetLiverApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.apply_settings(ui.ctx());
        app_ui(ui, &mut self.state);
        if !self.warmed {
            // After the first frame, so start-up is not slowed: load the handout fonts and
            // typst's library in the background, so the first preview comes quickly.
            self.warmed = true;
            std::thread::spawn(crate::handout::render::warm_up);
        }
        if let Some(n) = self.exit_after {
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

    fn persist_egui_memory(&self) -> bool {
        // egui's memory can hold widget state; keep nothing that could echo patient input.
        false
    }
}

/// The whole window: top bar, status bar, profile panel and the current view.
pub fn app_ui(ui: &mut Ui, state: &mut AppState) {
    shortcuts(ui, state);
    let lang = state.lang();
    egui::Panel::top("top-bar").show(ui, |ui| top_bar_ui(ui, state));
    egui::Panel::bottom("status-bar").show(ui, |ui| status_bar_ui(ui, state));
    if let Err(report) = &state.loaded {
        let report = report.clone();
        egui::CentralPanel::default().show(ui, |ui| sources::errors_ui(ui, &report, lang));
        return;
    }
    egui::Panel::left("profile")
        .resizable(true)
        .default_size(290.0)
        .min_size(240.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("profile-scroll")
                .show(ui, |ui| profile::profile_ui(ui, state));
        });
    egui::CentralPanel::default().show(ui, |ui| match state.view {
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
    ui.input_mut(|i| {
        if i.consume_shortcut(&new_patient) {
            state.new_patient();
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
            state.settings.zoom = (state.settings.zoom - 0.1).max(0.5);
        }
        ui.label(format!("{:.0} %", state.settings.zoom * 100.0));
        if ui
            .button("+")
            .on_hover_text("Ctrl +")
            .accessible_name(lang.tr("Forstør", "Zoom in"))
            .clicked()
        {
            state.settings.zoom = (state.settings.zoom + 0.1).min(3.0);
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
        let data = data.clone();
        let result = eframe::run_native(
            "netliver",
            options,
            Box::new(move |cc| Ok(Box::new(NetLiverApp::new(cc, data, exit_after)))),
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
