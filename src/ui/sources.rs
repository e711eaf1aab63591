//! Sources: where every claim comes from, the dataset's version and review date, the
//! general facts; and the page shown instead of the app when the dataset is broken.

use egui::{RichText, Ui};

use super::state::AppState;
use super::widgets::{Footnotes, Tr, icon_array, section};
use crate::dataset::{Lang, Report};

pub fn sources_ui(ui: &mut Ui, state: &AppState) {
    let lang = state.lang();
    let Some(d) = state.data() else { return };
    let mut notes = Footnotes::default();
    egui::ScrollArea::vertical()
        .id_salt("sources")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading(d.title.get(lang));
            let s = d.stats();
            ui.label(match lang {
                Lang::Da => format!(
                    "Datasæt {} version {}, senest gennemgået {}. {} behandlinger, {} kriterier og regler, {} citater kontrolleret ord for ord, {} henvisninger til litteratur.",
                    d.id, d.version, d.reviewed, s.treatments, s.rules, s.quoted, s.located
                ),
                Lang::En => format!(
                    "Dataset {} version {}, last reviewed {}. {} treatments, {} criteria and rules, {} quotations checked word for word, {} references to literature.",
                    d.id, d.version, d.reviewed, s.treatments, s.rules, s.quoted, s.located
                ),
            });
            section(ui, lang.tr("Kilder", "Sources"));
            for src in &d.sources {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.label(RichText::new(&src.title).strong());
                    ui.label(format!("{}: {}", lang.tr("Udgiver", "Publisher"), src.publisher));
                    ui.label(format!(
                        "{}: {}",
                        lang.tr("Dato", "Date"),
                        src.published
                            .clone()
                            .unwrap_or_else(|| lang.tr("ikke angivet i kilden", "not stated by the source").to_owned())
                    ));
                    ui.label(format!("{}: {}", lang.tr("Sprog", "Language"), src.language));
                    if let Some(url) = &src.url {
                        ui.label(url);
                    }
                    if let Some(note) = &src.note {
                        ui.label(RichText::new(note.get(lang)).italics());
                    }
                });
            }
            section(ui, lang.tr("Generelt om NET med spredning til leveren", "About NET with spread to the liver"));
            for f in &d.facts {
                ui.horizontal(|ui| {
                    if let Some(freq) = f.freq {
                        icon_array(ui, freq, lang, 4.0);
                    }
                    ui.vertical(|ui| notes.claim(ui, d, f.text.get(lang), &f.cite, lang));
                });
            }
            section(ui, lang.tr("Valget af behandling afhænger af", "The choice of treatment depends on"));
            for c in &d.choice_factors {
                notes.claim(ui, d, &format!("• {}", c.text.get(lang)), &c.cite, lang);
            }
            notes.list_ui(ui, d, lang);
        });
}

/// Shown instead of the app when the dataset does not validate: every error, none hidden.
pub fn errors_ui(ui: &mut Ui, report: &Report, lang: Lang) {
    ui.heading(lang.tr(
        "Datasættet kunne ikke indlæses",
        "The dataset could not be loaded",
    ));
    ui.label(match lang {
        Lang::Da => format!(
            "{}: {} fejl. Ret dem i filen, og kontrollér med `netliver check`. Intet fra datasættet vises, før alle er rettet.",
            report.file,
            report.errors.len()
        ),
        Lang::En => format!(
            "{}: {} error(s). Fix them in the file and check with `netliver check`. Nothing from the dataset is shown until all are fixed.",
            report.file,
            report.errors.len()
        ),
    });
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
                        RichText::new(format!("{} {}", lang.tr("ved", "at"), e.path))
                            .monospace()
                            .small(),
                    );
                }
                if let Some(h) = &e.hint {
                    ui.label(format!("{} {h}", lang.tr("Forslag:", "Hint:")));
                }
                ui.add_space(8.0);
            }
        });
}
