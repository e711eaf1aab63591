//! A bare eframe window showing one label, with the same renderer and options as netliver:
//! the baseline for netliver's start-up time. `bare_window N` renders N frames and exits.

fn main() -> eframe::Result {
    let frames: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_inner_size([1280.0, 820.0]),
        renderer: eframe::Renderer::Wgpu,
        persist_window: false,
        system_font_fallback: false,
        ..Default::default()
    };
    let mut seen = 0;
    eframe::run_ui_native("bare", options, move |ui, _frame| {
        if seen >= frames {
            // The pass egui runs to act on Close: drawn by neither this nor netliver.
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        ui.label("Hello");
        seen += 1;
        if seen >= frames {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        } else {
            ui.ctx().request_repaint();
        }
    })
}
