//! Compare: 2-4 treatments side by side, the dataset's questions as rows, the patient's
//! verdict on top of each column. Rows whose answers differ are tinted and marked.

use egui::{Id, RichText, Ui};

use crate::dataset::Answer;
use crate::ui::context::{Action, Consultation, MAX_COMPARE, View};
use crate::ui::strings::s;
use crate::ui::widgets::{Footnotes, cite_marker, highlight_fill, icon_array, verdict_badge};

#[derive(Debug, Default)]
pub struct CompareView {
    /// The view's first control, where F6 puts the focus.
    pub entry: Option<Id>,
}

impl CompareView {
    pub fn draw(&mut self, ui: &mut Ui, c: &Consultation) -> Vec<Action> {
        let lang = c.lang();
        let t = s(lang);
        let mut actions = self.picker_ui(ui, c);
        ui.separator();
        if c.compare.len() < 2 {
            ui.label(t.choose_for_grid);
            return actions;
        }
        let d = c.data();
        let cols = &c.compare;
        let mut notes = Footnotes::default();
        let dark = ui.visuals().dark_mode;
        egui::ScrollArea::both()
            .id_salt("compare-grid")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let n = cols.len() + usize::from(d.no_treatment.is_some());
                #[allow(clippy::cast_precision_loss)]
                let col_width = ((ui.available_width() - 200.0) / n as f32).clamp(170.0, 420.0);
                egui::Grid::new("compare")
                    .num_columns(cols.len() + 2)
                    .spacing([14.0, 10.0])
                    .min_col_width(120.0)
                    .show(ui, |ui| {
                        ui.label("");
                        for &i in cols {
                            let tr = &d.treatments[i];
                            ui.vertical(|ui| {
                                if let Some(a) = c.assessment(i) {
                                    verdict_badge(ui, a, lang);
                                }
                                if ui
                                    .link(RichText::new(tr.name.get(lang)).heading())
                                    .on_hover_text(t.open_details)
                                    .clicked()
                                {
                                    actions.push(Action::Show(View::Detail(i)));
                                }
                            });
                        }
                        // Beside every comparison: the option of no liver-directed treatment now.
                        if let Some(x) = &d.no_treatment {
                            ui.vertical(|ui| {
                                ui.label(RichText::new(x.name.get(lang)).heading())
                                    .on_hover_text(t.no_treatment_hint);
                            });
                        }
                        ui.end_row();
                        for q in &d.questions {
                            let differ = c.answers_differ(&q.id);
                            let marker = if differ { "≠ " } else { "= " };
                            let label =
                                RichText::new(format!("{marker}{}", q.text.get(lang))).strong();
                            ui.label(if differ {
                                label.background_color(highlight_fill(dark))
                            } else {
                                label
                            })
                            .on_hover_text(if differ {
                                t.answers_differ
                            } else {
                                t.answers_same
                            });
                            for &i in cols {
                                let answer = d.treatments[i].answers.get(&q.id);
                                ui.vertical(|ui| {
                                    ui.set_width(col_width);
                                    answer_ui(ui, d, answer, &mut notes, lang);
                                });
                            }
                            if let Some(x) = &d.no_treatment {
                                ui.vertical(|ui| {
                                    ui.set_width(col_width);
                                    answer_ui(ui, d, x.answers.get(&q.id), &mut notes, lang);
                                });
                            }
                            ui.end_row();
                        }
                    });
                notes.list_ui(ui, d, lang);
            });
        actions
    }

    /// Chips for the chosen treatments (each removable) and a menu to add one.
    fn picker_ui(&mut self, ui: &mut Ui, c: &Consultation) -> Vec<Action> {
        let lang = c.lang();
        let t = s(lang);
        let mut actions = Vec::new();
        let d = c.data();
        self.entry = None;
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(t.compare_label).strong());
            for &i in &c.compare {
                let name = d.treatments[i].short.get(lang);
                let r = ui
                    .button(format!("{name} ✖"))
                    .on_hover_text(t.remove_hint)
                    .accessible_name(format!("{} {name}", t.remove));
                self.entry.get_or_insert(r.id);
                if r.clicked() {
                    actions.push(Action::ToggleCompare(i));
                }
            }
            if c.compare.len() < MAX_COMPARE {
                let r = egui::ComboBox::from_id_salt("compare-add")
                    .selected_text(t.add_treatment)
                    .width(260.0)
                    .show_ui(ui, |ui| {
                        for (i, tr) in d.treatments.iter().enumerate() {
                            if c.compare.contains(&i) {
                                continue;
                            }
                            let verdict = c
                                .assessment(i)
                                .map_or(String::new(), |a| format!("{} ", a.verdict.icon()));
                            if ui
                                .selectable_label(false, format!("{verdict}{}", tr.name.get(lang)))
                                .clicked()
                            {
                                actions.push(Action::ToggleCompare(i));
                            }
                        }
                    });
                let r = r
                    .response
                    .accessible_name(t.add_treatment.trim_end_matches('…'));
                self.entry.get_or_insert(r.id);
            }
            if !c.compare.is_empty() && ui.button(t.clear).clicked() {
                actions.push(Action::ClearCompare);
            }
        });
        actions
    }
}

/// One cell of the grid: the source's answer with its numbers and citation, netliver's own
/// wording marked as such, or "the source does not say".
fn answer_ui(
    ui: &mut Ui,
    d: &crate::dataset::Dataset,
    answer: Option<&Answer>,
    notes: &mut Footnotes,
    lang: crate::dataset::Lang,
) {
    let t = s(lang);
    match answer {
        Some(Answer::Stated {
            text, cite, freq, ..
        }) => {
            if let Some(f) = freq {
                ui.horizontal(|ui| {
                    icon_array(ui, *f, lang, 5.0);
                    ui.label(
                        RichText::new(crate::i18n::freq(*f, lang))
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
        Some(Answer::Template { text, .. }) => {
            ui.label(text.get(lang));
            ui.label(RichText::new(t.template).small().weak());
        }
        Some(Answer::NotStated) | None => {
            ui.label(RichText::new(t.not_stated).italics().weak());
        }
    }
}

impl super::Page for CompareView {
    fn ui(&mut self, ui: &mut Ui, c: &Consultation, _view: View) -> Vec<Action> {
        self.draw(ui, c)
    }

    fn entry(&self) -> Option<Id> {
        self.entry
    }

    fn tab(&self) -> Option<super::Tab> {
        Some((View::Compare, |t| t.compare))
    }

    fn shows(&self, view: View) -> bool {
        matches!(view, View::Compare)
    }
}
