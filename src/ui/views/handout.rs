//! Handout: choose treatments and language, see the pages as the patient will, save the PDF
//! or print it. Composition and typesetting live in [`crate::handout`] and run on the
//! preview worker ([`crate::ui::preview`]); the file dialog, saving and printing run on
//! threads of their own and report back in the status bar.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};

use egui::{Id, RichText, Ui};

use crate::dataset::Lang;
use crate::handout::{self, MAX_TREATMENTS, Paper, Request, output};
use crate::ui::context::{Action, Consultation, View};
use crate::ui::preview::Preview;
use crate::ui::strings::{self, s};
use crate::ui::widgets::panel_frame;

/// What the handout view keeps between frames.
pub struct HandoutView {
    /// Chosen treatments, by index; `None` follows the comparison until the clinician
    /// chooses (an empty choice stays empty).
    pub chosen: Option<Vec<usize>>,
    /// The handout's language; `None` follows the interface until the clinician chooses.
    pub lang: Option<Lang>,
    pub paper: Paper,
    /// Printed on the handout; never saved.
    pub patient: String,
    pub preview: Preview,
    /// Set when the system has no file dialog: saves go here.
    pub no_dialog_folder: Option<PathBuf>,
    /// Whether a save or print is under way (its button is off meanwhile).
    busy: bool,
    messages: (Sender<String>, Receiver<String>),
    /// The view's first control, where F6 puts the focus.
    pub entry: Option<Id>,
    /// The date printed, read from the clock at most every [`DATE_EVERY`] seconds (a
    /// handout made after midnight carries the new date), not every frame.
    date: (i32, u8, u8),
    date_read_at: f64,
}

/// How often the printed date is read from the clock, in seconds of the app's time.
const DATE_EVERY: f64 = 30.0;

impl Default for HandoutView {
    fn default() -> Self {
        HandoutView {
            chosen: None,
            lang: None,
            paper: Paper::A4,
            patient: String::new(),
            preview: Preview::default(),
            no_dialog_folder: None,
            busy: false,
            messages: mpsc::channel(),
            entry: None,
            date: handout::today(),
            date_read_at: 0.0,
        }
    }
}

impl HandoutView {
    /// The treatments in the handout: the clinician's choice, else the comparison.
    pub fn treatments(&self, c: &Consultation) -> Vec<usize> {
        self.chosen
            .clone()
            .unwrap_or_else(|| c.compare.iter().copied().take(MAX_TREATMENTS).collect())
    }

    /// The handout's language: the clinician's choice, else the interface's.
    pub fn language(&self, c: &Consultation) -> Lang {
        self.lang.unwrap_or(c.lang())
    }

    /// What the handout would print now, if any treatment is chosen.
    pub fn request(&self, c: &Consultation) -> Option<Request> {
        let d = c.data();
        let chosen = self.treatments(c);
        if chosen.is_empty() {
            return None;
        }
        Some(Request {
            treatments: chosen.iter().map(|&i| d.treatments[i].id.clone()).collect(),
            lang: self.language(c),
            paper: self.paper,
            profile: c.profile.clone(),
            clinician: Some(c.settings.clinician.clone()),
            department: Some(c.settings.department.clone()),
            patient: Some(self.patient.clone()),
            date: self.date,
            scope: c.settings.scope,
        })
    }

    /// The PDF ready for saving or printing: made for exactly what is on screen.
    pub fn pdf(&self) -> Option<&[u8]> {
        self.preview.pdf().map(|r| r.pdf.as_slice())
    }

    /// Keeps the preview in step with the request (a cheap comparison; the work is done
    /// on the worker), and takes finished work.
    pub fn refresh(&mut self, ctx: &egui::Context, c: &Consultation) -> Vec<Action> {
        let now = ctx.input(|i| i.time);
        if now - self.date_read_at >= DATE_EVERY || now < self.date_read_at {
            self.date = handout::today();
            self.date_read_at = now;
        }
        let request = self.request(c);
        self.preview.want(ctx, &c.loaded.data, request);
        self.preview.poll(ctx);
        let mut actions = Vec::new();
        while let Ok(msg) = self.messages.1.try_recv() {
            self.busy = false;
            // An empty message: the file dialog was closed without a choice.
            if !msg.is_empty() {
                actions.push(Action::Flash(msg));
            }
        }
        actions
    }

    pub fn draw(&mut self, ui: &mut Ui, c: &Consultation) -> Vec<Action> {
        let mut actions = self.refresh(ui.ctx(), c);
        egui::Panel::left("handout-options")
            .frame(panel_frame(ui, false))
            .resizable(false)
            .exact_size(300.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("handout-options-scroll")
                    .show(ui, |ui| actions.extend(self.options_ui(ui, c)));
            });
        egui::CentralPanel::default()
            .frame(panel_frame(ui, true))
            .show(ui, |ui| self.preview_ui(ui, c.lang()));
        actions
    }

    fn options_ui(&mut self, ui: &mut Ui, c: &Consultation) -> Vec<Action> {
        let lang = c.lang();
        let t = s(lang);
        let mut actions = Vec::new();
        let d = c.data();
        ui.heading(t.handout_title);
        ui.label(RichText::new(strings::handout_treatments(lang, MAX_TREATMENTS)).strong())
            .on_hover_text(t.follow_comparison);
        let current = self.treatments(c);
        let mut toggle = None;
        self.entry = None;
        for (i, tr) in d.treatments.iter().enumerate() {
            let mut on = current.contains(&i);
            let verdict = c.assessment(i).map_or("", |a| a.verdict.icon());
            let r = ui
                .checkbox(&mut on, format!("{verdict} {}", tr.name.get(lang)))
                .accessible_name(format!("{} {}", t.in_handout, tr.short.get(lang)));
            self.entry.get_or_insert(r.id);
            if r.changed() {
                toggle = Some(i);
            }
        }
        if let Some(i) = toggle {
            let mut chosen = current;
            if let Some(pos) = chosen.iter().position(|&c| c == i) {
                chosen.remove(pos);
            } else if chosen.len() < MAX_TREATMENTS {
                chosen.push(i);
            } else {
                actions.push(Action::Flash(strings::at_most_in_handout(
                    lang,
                    MAX_TREATMENTS,
                )));
            }
            // From now on the clinician's own choice, even when it is empty.
            self.chosen = Some(chosen);
        }
        ui.add_space(6.0);
        ui.label(RichText::new(t.handout_language).strong())
            .on_hover_text(t.follow_interface);
        let mut hl = self.language(c);
        ui.horizontal(|ui| {
            for l in Lang::ALL {
                let name = s(l).language_name;
                let chosen = ui
                    .selectable_value(&mut hl, l, name)
                    .accessible_name(format!("{}: {name}", t.handout_language));
                if chosen.clicked() {
                    self.lang = Some(hl);
                }
            }
        });
        ui.label(RichText::new(t.paper).strong());
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.paper, Paper::A4, "A4");
            ui.selectable_value(&mut self.paper, Paper::Letter, "US Letter");
        });
        ui.add_space(6.0);
        let mut clinician = c.settings.clinician.clone();
        if text_field(ui, t.doctor, &mut clinician) {
            actions.push(Action::SetClinician(clinician));
        }
        let mut department = c.settings.department.clone();
        if text_field(ui, t.department, &mut department) {
            actions.push(Action::SetDepartment(department));
        }
        text_field(ui, t.patient_name, &mut self.patient);
        let names = [&self.patient, &c.settings.clinician, &c.settings.department];
        let bad: String = handout::unprintable_names(names.map(String::as_str))
            .into_iter()
            .collect();
        if !bad.is_empty() {
            ui.label(
                RichText::new(strings::unprintable(lang, &bad))
                    .small()
                    .color(ui.visuals().warn_fg_color),
            );
        }
        ui.add_space(10.0);
        let ready = self.pdf().is_some() && !self.busy;
        ui.horizontal(|ui| {
            if ui
                .add_enabled(ready, egui::Button::new(t.save_pdf))
                .on_hover_text("Ctrl+S")
                .clicked()
            {
                actions.push(Action::SaveHandout);
            }
            if ui
                .add_enabled(ready, egui::Button::new(t.print))
                .on_hover_text("Ctrl+P")
                .clicked()
            {
                actions.push(Action::PrintHandout);
            }
        });
        if let Some(folder) = &self.no_dialog_folder {
            ui.label(RichText::new(strings::no_file_dialog(lang, folder)).small());
        }
        actions
    }

    fn preview_ui(&self, ui: &mut Ui, lang: Lang) {
        let t = s(lang);
        let Some(shown) = &self.preview.shown else {
            if self.preview.requested.is_some() {
                ui.label(t.updating);
            } else {
                ui.label(t.choose_for_handout);
            }
            return;
        };
        if !self.preview.current() {
            ui.label(RichText::new(t.updating).weak());
        }
        match &shown.result {
            Err(e) => {
                ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
            }
            Ok(r) => {
                ui.horizontal(|ui| {
                    ui.label(strings::pages(lang, r.pages.len()));
                    ui.separator();
                    ui.label(format!("{} {}", t.readability, r.readability.summary()))
                        .on_hover_text(t.readability_hint);
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
                                egui::Image::new((page.id(), size * scale))
                                    .alt_text(strings::page(lang, i + 1)),
                            );
                            ui.add_space(10.0);
                        }
                    });
            }
        }
    }

    /// Saves the current PDF: through the system's file dialog on a thread of its own (the
    /// frame goes on), or into the Documents folder where there is no dialog.
    pub fn save(&mut self, lang: Lang) {
        let Some(r) = self.preview.pdf() else { return };
        let (pdf, stem) = (r.pdf.clone(), r.file_stem.clone());
        self.save_made(lang, stem, move || Ok(pdf));
    }

    /// Saves the PDF that `make` gives (the handout, or the case sheet typeset on this
    /// thread), through the file dialog or into the fallback folder, on a thread of its
    /// own; the outcome reaches the status bar. One save or print at a time.
    pub fn save_made(
        &mut self,
        lang: Lang,
        stem: String,
        make: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static,
    ) {
        if self.busy {
            return;
        }
        let tx = self.messages.0.clone();
        let dialog = has_file_dialog();
        self.no_dialog_folder = (!dialog).then(output::fallback_folder);
        let folder = self.no_dialog_folder.clone();
        self.busy = true;
        let spawned = std::thread::Builder::new()
            .name("netliver-save".to_owned())
            .spawn(move || {
                let pdf = match make() {
                    Ok(pdf) => pdf,
                    Err(e) => {
                        let _ = tx.send(strings::not_saved(lang, &e));
                        return;
                    }
                };
                let saved = match folder {
                    Some(folder) => output::save_new_in(&folder, &stem, &pdf),
                    None => match rfd::FileDialog::new()
                        .add_filter("PDF", &["pdf"])
                        .set_file_name(format!("{stem}.pdf"))
                        .save_file()
                    {
                        // The dialog has asked before replacing a file.
                        Some(path) => output::save(&path, &pdf, true).map(|()| path),
                        None => {
                            let _ = tx.send(String::new());
                            return;
                        }
                    },
                };
                let msg = match saved {
                    Ok(path) => strings::saved(lang, &path),
                    Err(e) => strings::not_saved(lang, &e.to_string()),
                };
                let _ = tx.send(msg);
            });
        if spawned.is_err() {
            self.busy = false;
        }
    }

    /// Prints the current PDF on a thread of its own (a network printer may be slow).
    pub fn print(&mut self, lang: Lang) {
        let Some(pdf) = self.pdf().map(<[u8]>::to_vec) else {
            return;
        };
        self.print_made(lang, move || Ok(pdf));
    }

    /// Prints the PDF that `make` gives, on a thread of its own.
    pub fn print_made(
        &mut self,
        lang: Lang,
        make: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static,
    ) {
        if self.busy {
            return;
        }
        let tx = self.messages.0.clone();
        self.busy = true;
        let spawned = std::thread::Builder::new()
            .name("netliver-print".to_owned())
            .spawn(move || {
                let msg = match make() {
                    Err(e) => strings::not_printed(lang, &e),
                    Ok(pdf) => match output::print(&pdf) {
                        Ok(output::Printed::Sent(spooler)) => strings::printed(lang, &spooler),
                        Ok(output::Printed::OpenedInViewer(_)) => strings::opened_in_viewer(lang),
                        Err(e) => strings::not_printed(lang, &e),
                    },
                };
                let _ = tx.send(msg);
            });
        if spawned.is_err() {
            self.busy = false;
        }
    }
}

/// A labelled one-line text box; returns whether it was edited.
fn text_field(ui: &mut Ui, label: &str, value: &mut String) -> bool {
    let l = ui.label(label);
    ui.add(egui::TextEdit::singleline(value).desired_width(260.0))
        .labelled_by(l.id)
        .changed()
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

impl super::Page for HandoutView {
    fn ui(&mut self, ui: &mut Ui, c: &Consultation, _view: View) -> Vec<Action> {
        self.draw(ui, c)
    }

    fn entry(&self) -> Option<Id> {
        self.entry
    }

    fn tab(&self) -> Option<super::Tab> {
        Some((View::Handout, |t| t.handout))
    }

    fn shows(&self, view: View) -> bool {
        matches!(view, View::Handout)
    }

    fn background(&mut self, ctx: &egui::Context, c: &Consultation) -> Vec<Action> {
        self.refresh(ctx, c)
    }
}
