//! Sources: where every claim comes from (the patient page, then the guidelines and
//! studies with their evidence type), how verdicts are made with every interpretation the
//! dataset makes, where sources differ, the general facts; and the page shown instead of the
//! app when the dataset is broken.

use egui::{Id, RichText, Ui};

use super::detail::disagreement_ui;
use crate::dataset::{Lang, Report, Source};
use crate::ui::context::{Action, Consultation, View};
use crate::ui::strings::{self, s};
use crate::ui::widgets::{Footnotes, icon_array, section};

#[derive(Debug, Default)]
pub struct SourcesView {
    /// The view's first control, where F6 puts the focus.
    pub entry: Option<Id>,
}

impl SourcesView {
    pub fn draw(&mut self, ui: &mut Ui, c: &Consultation) -> Vec<Action> {
        let lang = c.lang();
        let t = s(lang);
        let loaded = &c.loaded;
        let d = loaded.data.as_ref();
        let mut notes = Footnotes::default();
        egui::ScrollArea::vertical()
            .id_salt("sources")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.heading(d.title.get(lang));
                ui.label(strings::dataset_summary(lang, d, &loaded.stats));

                section(ui, t.sources);
                let (page, literature): (Vec<&Source>, Vec<&Source>) = d
                    .sources
                    .iter()
                    .partition(|s| !s.evidence().is_literature());
                for src in page {
                    source_ui(ui, src, lang);
                }
                section(ui, t.literature);
                for src in literature {
                    source_ui(ui, src, lang);
                }

                section(ui, t.how_verdicts);
                ui.label(t.how_verdicts_text);
                ui.add_space(4.0);
                ui.label(RichText::new(t.interpretations).strong());
                egui::Grid::new("interpretations")
                    .num_columns(3)
                    .spacing([12.0, 6.0])
                    .striped(true)
                    .show(ui, |ui| {
                        for tr in &d.treatments {
                            let items = tr
                                .criteria
                                .iter()
                                .map(|c| (&c.when.src, &c.interpretation))
                                .chain(tr.rules.iter().map(|r| (&r.when.src, &r.interpretation)));
                            for (when, interp) in items {
                                let Some(i) = interp else { continue };
                                ui.label(tr.short.get(lang));
                                ui.label(RichText::new(when).monospace());
                                ui.label(i.get(lang));
                                ui.end_row();
                            }
                        }
                    });

                if !d.disagreements.is_empty() {
                    section(ui, t.where_sources_differ);
                    for x in &d.disagreements {
                        disagreement_ui(ui, &mut notes, d, x, lang);
                    }
                }

                section(ui, t.about_net);
                for f in &d.facts {
                    ui.horizontal(|ui| {
                        if let Some(freq) = f.freq {
                            icon_array(ui, freq, lang, 4.0);
                        }
                        ui.vertical(|ui| notes.claim(ui, d, f.text.get(lang), &f.cite, lang));
                    });
                }
                section(ui, t.choice_depends);
                for c in &d.choice_factors {
                    notes.claim(ui, d, &format!("• {}", c.text.get(lang)), &c.cite, lang);
                }
                notes.list_ui(ui, d, lang);
            });
        Vec::new()
    }
}

fn source_ui(ui: &mut Ui, src: &Source, lang: Lang) {
    let t = s(lang);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(&src.title).strong());
        ui.label(
            RichText::new(crate::i18n::source_tag(src, lang))
                .small()
                .color(ui.visuals().hyperlink_color),
        );
        if src.evidence().is_literature() {
            ui.label(crate::i18n::citation(src, lang));
        } else {
            ui.label(format!("{}: {}", t.publisher, src.publisher));
        }
        ui.label(format!(
            "{}: {}",
            t.date,
            src.published
                .clone()
                .unwrap_or_else(|| t.no_date.to_owned())
        ));
        ui.label(format!("{}: {}", t.language, src.language));
        if let Some(checked) = &src.checked {
            ui.label(format!("{}: {checked}", t.checked));
        }
        if let Some(url) = &src.url {
            ui.label(RichText::new(url).small());
        }
        if let Some(note) = &src.note {
            ui.label(RichText::new(note.get(lang)).italics());
        }
    });
}

/// Shown instead of the app when the dataset does not validate: every error, none hidden.
pub fn errors_ui(ui: &mut Ui, report: &Report, lang: Lang) {
    let t = s(lang);
    ui.heading(t.dataset_broken);
    ui.label(strings::dataset_errors(
        lang,
        &report.file,
        report.errors.len(),
    ));
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("errors")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for e in &report.errors {
                ui.label(
                    RichText::new(format!("{}:{}:{}", e.file, e.line, e.col))
                        .monospace()
                        .strong(),
                );
                ui.label(RichText::new(&e.message).color(ui.visuals().error_fg_color));
                if !e.path.is_empty() {
                    ui.label(
                        RichText::new(format!("{} {}", t.at, e.path))
                            .monospace()
                            .small(),
                    );
                }
                if let Some(h) = &e.hint {
                    ui.label(format!("{} {h}", t.hint));
                }
                ui.add_space(8.0);
            }
        });
}

impl super::Page for SourcesView {
    fn ui(&mut self, ui: &mut Ui, c: &Consultation, _view: View) -> Vec<Action> {
        self.draw(ui, c)
    }

    fn entry(&self) -> Option<Id> {
        self.entry
    }

    fn tab(&self) -> Option<super::Tab> {
        Some((View::Sources, |t| t.sources))
    }

    fn shows(&self, view: View) -> bool {
        matches!(view, View::Sources)
    }
}
