//! Compare: 2-4 treatments side by side, the dataset's questions as rows, the patient's
//! verdict on top of each column. Rows whose answers differ are tinted and marked.

use egui::{RichText, Ui};

use super::state::{AppState, MAX_COMPARE, View};
use super::widgets::{Footnotes, Tr, cite_marker, highlight_fill, icon_array, verdict_badge};
use crate::dataset::Answer;

pub fn compare_ui(ui: &mut Ui, state: &mut AppState) {
    let lang = state.lang();
    picker_ui(ui, state);
    ui.separator();
    if state.compare.len() < 2 {
        ui.label(lang.tr(
            "Vælg 2–4 behandlinger ovenfor eller på Overblik for at se dem side om side.",
            "Choose 2–4 treatments above or on the Overview to see them side by side.",
        ));
        return;
    }
    let Some(d) = state.data() else { return };
    let cols = state.compare.clone();
    let mut notes = Footnotes::default();
    let dark = ui.visuals().dark_mode;
    let mut open = None;
    egui::ScrollArea::both()
        .id_salt("compare-grid")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            #[allow(clippy::cast_precision_loss)]
            let col_width =
                ((ui.available_width() - 200.0) / cols.len() as f32).clamp(180.0, 420.0);
            egui::Grid::new("compare")
                .num_columns(cols.len() + 1)
                .spacing([14.0, 10.0])
                .min_col_width(120.0)
                .show(ui, |ui| {
                    ui.label("");
                    for &i in &cols {
                        let t = &d.treatments[i];
                        ui.vertical(|ui| {
                            if let Some(a) = state.assessments.get(i) {
                                verdict_badge(ui, a, lang);
                            }
                            if ui
                                .link(RichText::new(t.name.get(lang)).heading())
                                .on_hover_text(lang.tr("Åbn detaljer", "Open details"))
                                .clicked()
                            {
                                open = Some(i);
                            }
                        });
                    }
                    ui.end_row();
                    for q in &d.questions {
                        let differ = state.answers_differ(&q.id);
                        let marker = if differ { "≠ " } else { "= " };
                        let label = RichText::new(format!("{marker}{}", q.text.get(lang))).strong();
                        ui.label(if differ {
                            label.background_color(highlight_fill(dark))
                        } else {
                            label
                        })
                        .on_hover_text(if differ {
                            lang.tr("Svarene er forskellige", "The answers differ")
                        } else {
                            lang.tr("Svarene er ens", "The answers are the same")
                        });
                        for &i in &cols {
                            let t = &d.treatments[i];
                            ui.vertical(|ui| {
                                ui.set_width(col_width);
                                match t.answers.get(&q.id) {
                                    Some(Answer::Stated { text, cite, freq }) => {
                                        if let Some(f) = freq {
                                            ui.horizontal(|ui| {
                                                icon_array(ui, *f, lang, 5.0);
                                                ui.label(
                                                    RichText::new(f.words(lang))
                                                        .strong()
                                                        .size(16.0),
                                                );
                                            });
                                        }
                                        let n = notes.number(cite);
                                        ui.horizontal_wrapped(|ui| {
                                            ui.label(text.get(lang));
                                            cite_marker(ui, d, cite, n, lang);
                                        });
                                    }
                                    Some(Answer::NotStated) | None => {
                                        ui.label(
                                            RichText::new(lang.tr(
                                                "Kilden oplyser det ikke – spørg lægen.",
                                                "The source does not say – ask the doctor.",
                                            ))
                                            .italics()
                                            .weak(),
                                        );
                                    }
                                }
                            });
                        }
                        ui.end_row();
                    }
                });
            notes.list_ui(ui, d, lang);
        });
    if let Some(i) = open {
        state.view = View::Detail(i);
    }
}

/// Chips for the chosen treatments (each removable) and a menu to add one.
fn picker_ui(ui: &mut Ui, state: &mut AppState) {
    let lang = state.lang();
    let Some(d) = state.data() else { return };
    let mut toggle = None;
    let mut clear = false;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(lang.tr("Sammenlign:", "Compare:")).strong());
        for &i in &state.compare {
            let name = d.treatments[i].short.get(lang);
            if ui
                .button(format!("{name} ✖"))
                .on_hover_text(lang.tr("Fjern fra sammenligningen", "Remove from the comparison"))
                .accessible_name(format!("{} {name}", lang.tr("Fjern", "Remove")))
                .clicked()
            {
                toggle = Some(i);
            }
        }
        if state.compare.len() < MAX_COMPARE {
            let r = egui::ComboBox::from_id_salt("compare-add")
                .selected_text(lang.tr("Tilføj behandling…", "Add treatment…"))
                .width(260.0)
                .show_ui(ui, |ui| {
                    for (i, t) in d.treatments.iter().enumerate() {
                        if state.compare.contains(&i) {
                            continue;
                        }
                        let verdict = state
                            .verdict(i)
                            .map_or(String::new(), |v| format!("{} ", v.icon()));
                        if ui
                            .selectable_label(false, format!("{verdict}{}", t.name.get(lang)))
                            .clicked()
                        {
                            toggle = Some(i);
                        }
                    }
                });
            let _ = r
                .response
                .accessible_name(lang.tr("Tilføj behandling", "Add treatment"));
        }
        if !state.compare.is_empty() && ui.button(lang.tr("Ryd", "Clear")).clicked() {
            clear = true;
        }
    });
    if clear {
        state.compare.clear();
    } else if let Some(i) = toggle {
        state.toggle_compare(i);
    }
}
