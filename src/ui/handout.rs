//! Handout: choose treatments and language, see the pages as the patient will, save the PDF
//! or print it. Composition and typesetting live in [`crate::handout`].

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::state::AppState;
use super::widgets::{self, Tr};
use crate::dataset::Lang;
use crate::handout::{self, MAX_TREATMENTS, Paper, Readability, Request, output, render};

/// What the handout view keeps between frames.
#[derive(Default)]
pub struct HandoutState {
    /// Chosen treatments, by index.
    pub chosen: Vec<usize>,
    /// The handout's language, if different from the interface's.
    pub lang: Option<Lang>,
    pub paper: Paper,
    /// Printed on the handout; never saved.
    pub patient: String,
    preview: Option<Preview>,
    /// Set when the system has no file dialog: saves go here.
    pub no_dialog_folder: Option<PathBuf>,
}

/// The request a preview was made for, and what came out.
struct Preview {
    key: String,
    result: Result<Rendered, String>,
}

struct Rendered {
    pdf: Vec<u8>,
    pages: Vec<egui::TextureHandle>,
    readability: Readability,
    file_stem: String,
}

/// Pixels per point of the preview images.
const PREVIEW_SCALE: f32 = 1.3;

impl HandoutState {
    /// The PDF of the current preview, if there is one.
    pub fn pdf(&self) -> Option<&[u8]> {
        self.preview
            .as_ref()
            .and_then(|p| p.result.as_ref().ok())
            .map(|r| r.pdf.as_slice())
    }
}

fn request(state: &AppState) -> Option<Request> {
    let d = state.data()?;
    let h = &state.handout;
    if h.chosen.is_empty() {
        return None;
    }
    Some(Request {
        treatments: h
            .chosen
            .iter()
            .map(|&i| d.treatments[i].id.clone())
            .collect(),
        lang: h.lang.unwrap_or(state.lang()),
        paper: h.paper,
        profile: state.profile.clone(),
        clinician: Some(state.settings.clinician.clone()),
        department: Some(state.settings.department.clone()),
        patient: Some(h.patient.clone()),
        date: handout::today(),
        scope: crate::assessment::Scope::WithGuidelines,
    })
}

/// Composes, typesets and renders the preview when the request changed since last time.
fn refresh(ui: &Ui, state: &mut AppState) {
    let Some(req) = request(state) else {
        state.handout.preview = None;
        return;
    };
    let key = format!("{req:?}");
    if state.handout.preview.as_ref().is_some_and(|p| p.key == key) {
        return;
    }
    let Some(d) = state.data() else { return };
    let result = handout::compose(d, &req)
        .map_err(|e| e.to_string())
        .and_then(|h| {
            let doc = render::typeset(&h).map_err(|e| e.to_string())?;
            let pdf = render::pdf_of(&doc).map_err(|e| e.to_string())?;
            let pages = (0..doc.pages().len())
                .filter_map(|i| render::page_image(&doc, i, PREVIEW_SCALE))
                .enumerate()
                .map(|(i, img)| {
                    let size = [img.width as usize, img.height as usize];
                    let image = egui::ColorImage::from_rgba_premultiplied(size, &img.rgba);
                    ui.ctx().load_texture(
                        format!("handout-page-{i}"),
                        image,
                        egui::TextureOptions::LINEAR,
                    )
                })
                .collect();
            Ok(Rendered {
                pdf,
                pages,
                readability: h.readability.clone(),
                file_stem: format!("netliver-{}-{}", req.treatments.join("-"), h.date),
            })
        });
    state.handout.preview = Some(Preview { key, result });
}

pub fn handout_ui(ui: &mut Ui, state: &mut AppState) {
    let lang = state.lang();
    if state.handout.chosen.is_empty() && !state.compare.is_empty() {
        state.handout.chosen = state.compare.clone();
    }
    egui::Panel::left("handout-options")
        .frame(widgets::panel_frame(ui, false))
        .resizable(false)
        .exact_size(300.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("handout-options-scroll")
                .show(ui, |ui| options_ui(ui, state));
        });
    refresh(ui, state);
    egui::CentralPanel::default()
        .frame(widgets::panel_frame(ui, true))
        .show(ui, |ui| preview_ui(ui, state, lang));
}

fn options_ui(ui: &mut Ui, state: &mut AppState) {
    let lang = state.lang();
    let Some(d) = state.data() else { return };
    ui.heading(lang.tr("Patientfolder", "Patient handout"));
    ui.label(RichText::new(lang.tr("Behandlinger (1–4)", "Treatments (1–4)")).strong());
    let mut toggle = None;
    for (i, t) in d.treatments.iter().enumerate() {
        let mut on = state.handout.chosen.contains(&i);
        let verdict = state.verdict(i).map_or("", |v| v.icon());
        let name = t.name.get(lang);
        if ui
            .checkbox(&mut on, format!("{verdict} {name}"))
            .accessible_name(format!(
                "{} {}",
                lang.tr("I folderen:", "In the handout:"),
                t.short.get(lang)
            ))
            .changed()
        {
            toggle = Some(i);
        }
    }
    if let Some(i) = toggle {
        let chosen = &mut state.handout.chosen;
        if let Some(pos) = chosen.iter().position(|&c| c == i) {
            chosen.remove(pos);
        } else if chosen.len() < MAX_TREATMENTS {
            chosen.push(i);
        } else {
            state.flash = Some(
                lang.tr(
                    "Højst 4 behandlinger i én folder.",
                    "At most 4 treatments in one handout.",
                )
                .to_owned(),
            );
        }
    }
    ui.add_space(6.0);
    ui.label(RichText::new(lang.tr("Folderens sprog", "Handout language")).strong());
    let mut hl = state.handout.lang.unwrap_or(lang);
    ui.horizontal(|ui| {
        ui.selectable_value(&mut hl, Lang::Da, "Dansk")
            .accessible_name(lang.tr("Folder på dansk", "Handout in Danish"));
        ui.selectable_value(&mut hl, Lang::En, "English")
            .accessible_name(lang.tr("Folder på engelsk", "Handout in English"));
    });
    state.handout.lang = Some(hl);
    ui.label(RichText::new(lang.tr("Papir", "Paper")).strong());
    ui.horizontal(|ui| {
        ui.selectable_value(&mut state.handout.paper, Paper::A4, "A4");
        ui.selectable_value(&mut state.handout.paper, Paper::Letter, "US Letter");
    });
    ui.add_space(6.0);
    text_field(ui, lang.tr("Læge", "Doctor"), &mut state.settings.clinician);
    text_field(
        ui,
        lang.tr("Afdeling", "Department"),
        &mut state.settings.department,
    );
    text_field(
        ui,
        lang.tr(
            "Patientens navn (gemmes ikke)",
            "Patient's name (not saved)",
        ),
        &mut state.handout.patient,
    );
    ui.add_space(10.0);
    let ready = state.handout.pdf().is_some();
    ui.horizontal(|ui| {
        if ui
            .add_enabled(ready, egui::Button::new(lang.tr("Gem PDF…", "Save PDF…")))
            .on_hover_text("Ctrl+S")
            .clicked()
        {
            save(state);
        }
        if ui
            .add_enabled(ready, egui::Button::new(lang.tr("Udskriv…", "Print…")))
            .on_hover_text("Ctrl+P")
            .clicked()
        {
            print(state);
        }
    });
    if let Some(folder) = &state.handout.no_dialog_folder {
        ui.label(
            RichText::new(match lang {
                Lang::Da => format!(
                    "Systemet har ingen fildialog; folderen gemmes i {}",
                    folder.display()
                ),
                Lang::En => format!(
                    "This system has no file dialog; handouts are saved in {}",
                    folder.display()
                ),
            })
            .small(),
        );
    }
}

fn text_field(ui: &mut Ui, label: &str, value: &mut String) {
    let l = ui.label(label);
    ui.add(egui::TextEdit::singleline(value).desired_width(260.0))
        .labelled_by(l.id);
}

fn preview_ui(ui: &mut Ui, state: &AppState, lang: Lang) {
    let Some(preview) = &state.handout.preview else {
        ui.label(lang.tr(
            "Vælg en eller flere behandlinger til venstre for at se folderen.",
            "Choose one or more treatments on the left to see the handout.",
        ));
        return;
    };
    match &preview.result {
        Err(e) => {
            ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
        }
        Ok(r) => {
            ui.horizontal(|ui| {
                ui.label(match lang {
                    Lang::Da => format!("{} sider", r.pages.len()),
                    Lang::En => format!("{} pages", r.pages.len()),
                });
                ui.separator();
                ui.label(format!(
                    "{} {}",
                    lang.tr("Læsbarhed:", "Readability:"),
                    r.readability.summary()
                ))
                .on_hover_text(lang.tr(
                    "LIX for dansk (under 35 er let, 35–45 middel), Flesch for engelsk (over 60 er let). Kun til orientering.",
                    "LIX for Danish (under 35 easy, 35–45 average), Flesch for English (over 60 easy). For information only.",
                ));
            });
            egui::ScrollArea::vertical()
                .id_salt("handout-preview")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let width = (ui.available_width() - 16.0).min(800.0);
                    for (i, page) in r.pages.iter().enumerate() {
                        let size = page.size_vec2();
                        let scale = width / size.x;
                        ui.add(
                            egui::Image::new((page.id(), size * scale)).alt_text(match lang {
                                Lang::Da => format!("Side {}", i + 1),
                                Lang::En => format!("Page {}", i + 1),
                            }),
                        );
                        ui.add_space(10.0);
                    }
                });
        }
    }
}

/// Whether a native file dialog can be shown (Linux needs the XDG portal or zenity).
fn has_file_dialog() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() || which("zenity")
}

fn which(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|p| p.join(program).is_file()))
}

fn save(state: &mut AppState) {
    let lang = state.lang();
    let Some(Preview { result: Ok(r), .. }) = &state.handout.preview else {
        return;
    };
    let saved = if has_file_dialog() {
        state.handout.no_dialog_folder = None;
        match rfd::FileDialog::new()
            .add_filter("PDF", &["pdf"])
            .set_file_name(format!("{}.pdf", r.file_stem))
            .save_file()
        {
            // The dialog has asked before replacing a file.
            Some(p) => output::save(&p, &r.pdf, true).map(|()| p),
            None => return,
        }
    } else {
        let folder = output::fallback_folder();
        state.handout.no_dialog_folder = Some(folder.clone());
        output::save_new_in(&folder, &r.file_stem, &r.pdf)
    };
    state.flash = Some(match saved {
        Ok(target) => match lang {
            Lang::Da => format!("Gemt: {}", target.display()),
            Lang::En => format!("Saved: {}", target.display()),
        },
        Err(e) => match lang {
            Lang::Da => format!("Ikke gemt: {e}. Folderen er ikke tabt; prøv en anden mappe."),
            Lang::En => format!("Not saved: {e}. The handout is not lost; try another folder."),
        },
    });
}

fn print(state: &mut AppState) {
    let lang = state.lang();
    let Some(pdf) = state.handout.pdf() else {
        return;
    };
    state.flash = Some(match output::print(pdf) {
        Ok(output::Printed::Sent(msg)) => match lang {
            Lang::Da => format!("Sendt til printeren. {msg}"),
            Lang::En => format!("Sent to the printer. {msg}"),
        },
        Ok(output::Printed::OpenedInViewer(p)) => match lang {
            Lang::Da => format!(
                "Ingen printer fundet; PDF'en er åbnet i fremviseren ({}), udskriv derfra.",
                p.display()
            ),
            Lang::En => format!(
                "No printer found; the PDF is open in the viewer ({}), print from there.",
                p.display()
            ),
        },
        Err(e) => match lang {
            Lang::Da => format!("Kunne ikke udskrive: {e}"),
            Lang::En => format!("Could not print: {e}"),
        },
    });
}

/// Ctrl+S and Ctrl+P on the handout view.
pub fn shortcuts(ui: &Ui, state: &mut AppState) {
    let (s, p) = ui.input_mut(|i| {
        (
            i.consume_shortcut(&egui::KeyboardShortcut::new(
                egui::Modifiers::COMMAND,
                egui::Key::S,
            )),
            i.consume_shortcut(&egui::KeyboardShortcut::new(
                egui::Modifiers::COMMAND,
                egui::Key::P,
            )),
        )
    });
    if s && state.handout.pdf().is_some() {
        save(state);
    }
    if p && state.handout.pdf().is_some() {
        print(state);
    }
}
