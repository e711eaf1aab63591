//! Treatment detail: everything the dataset holds on one treatment, each claim with a
//! numbered citation whose quoted passage shows on hover and in the footnotes.

use egui::{RichText, Ui};

use super::state::{AppState, View};
use super::widgets::{Footnotes, Tr, icon_array, section, verdict_badge};
use crate::dataset::{Answer, Claim, Lang};

pub fn detail_ui(ui: &mut Ui, state: &mut AppState, index: usize) {
    let lang = state.lang();
    let Some(d) = state.data() else { return };
    let Some(t) = d.treatments.get(index) else {
        state.view = View::Overview;
        return;
    };
    let mut back = false;
    let mut toggle = false;
    let chosen = state.compare.contains(&index);
    let mut notes = Footnotes::default();
    egui::ScrollArea::vertical()
        .id_salt(("detail", index))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                if ui.button(lang.tr("◀ Overblik", "◀ Overview")).clicked() {
                    back = true;
                }
                let mut on = chosen;
                if ui
                    .checkbox(
                        &mut on,
                        lang.tr("Med i sammenligningen", "In the comparison"),
                    )
                    .changed()
                {
                    toggle = true;
                }
            });
            ui.horizontal(|ui| {
                if let Some(a) = state.assessments.get(index) {
                    verdict_badge(ui, a, lang);
                }
                ui.label(RichText::new(t.name.get(lang)).heading().strong());
            });
            notes.claim(ui, d, t.summary.text.get(lang), &t.summary.cite, lang);

            if let Some(a) = state.assessments.get(index) {
                section(
                    ui,
                    lang.tr("Vurdering for denne patient", "Assessment for this patient"),
                );
                for r in &a.reasons {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(r.verdict.icon()).color(
                            super::widgets::verdict_color(r.verdict, ui.visuals().dark_mode),
                        ));
                        let n = notes.number(&r.cite);
                        ui.label(r.text.get(lang));
                        super::widgets::cite_marker(ui, d, &r.cite, n, lang);
                    });
                    if let Some(i) = &r.interpretation {
                        ui.label(
                            RichText::new(format!(
                                "{} {}",
                                lang.tr("Fortolkning:", "Interpretation:"),
                                i.get(lang)
                            ))
                            .small()
                            .italics(),
                        );
                    }
                }
                if !a.preparations.is_empty() {
                    section(
                        ui,
                        lang.tr(
                            "Før behandlingen, for denne patient",
                            "Before treatment, for this patient",
                        ),
                    );
                    for p in &a.preparations {
                        notes.claim(ui, d, &p.describe(lang), &p.cite, lang);
                    }
                }
            }

            section(ui, lang.tr("Mål", "Aim"));
            notes.claim(ui, d, t.aim.text.get(lang), &t.aim.cite, lang);
            claims(
                ui,
                &mut notes,
                d,
                lang.tr("Sådan foregår det", "How it is done"),
                &t.procedure,
                lang,
            );

            if !t.outcomes.is_empty() {
                section(ui, lang.tr("Virkning", "Effect"));
                for o in &t.outcomes {
                    // The number as people picture it first, then the words and source.
                    if let Some(f) = o.freq {
                        ui.horizontal(|ui| {
                            icon_array(ui, f, lang, 6.0);
                            ui.label(RichText::new(f.words(lang)).strong().size(18.0));
                        });
                    }
                    notes.claim(ui, d, o.text.get(lang), &o.cite, lang);
                    ui.add_space(4.0);
                }
            }
            claims(
                ui,
                &mut notes,
                d,
                lang.tr("Almindelige bivirkninger", "Common side effects"),
                &t.side_effects_common,
                lang,
            );
            claims(
                ui,
                &mut notes,
                d,
                lang.tr(
                    "Sjældne, alvorlige bivirkninger",
                    "Rare, serious side effects",
                ),
                &t.side_effects_rare,
                lang,
            );

            if !t.preparations.is_empty() {
                section(
                    ui,
                    lang.tr("Forberedelse (alle regler)", "Preparation (all rules)"),
                );
                for p in &t.preparations {
                    notes.claim(ui, d, p.text.get(lang), &p.cite, lang);
                }
            }
            if !t.follow_up.is_empty() {
                section(ui, lang.tr("Kontrol bagefter", "Follow-up"));
                for f in &t.follow_up {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(format!("{}:", f.after.words(lang))).strong());
                        let n = notes.number(&f.cite);
                        ui.label(f.text.get(lang));
                        super::widgets::cite_marker(ui, d, &f.cite, n, lang);
                    });
                }
            }
            claims(
                ui,
                &mut notes,
                d,
                lang.tr("Hvem er behandlingen til", "Who it is for"),
                &t.suited,
                lang,
            );
            claims(
                ui,
                &mut notes,
                d,
                lang.tr("Hvem er den ikke til", "Who it is not for"),
                &t.not_suited,
                lang,
            );

            section(ui, lang.tr("Regler i datasættet", "Rules in the dataset"));
            for r in &t.rules {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(format!(
                            "{} {}",
                            r.verdict.icon(),
                            r.verdict.direction().get(lang)
                        ))
                        .strong(),
                    );
                    ui.label(RichText::new(&r.when.src).monospace());
                    let n = notes.number(&r.cite);
                    ui.label(r.reason.get(lang));
                    super::widgets::cite_marker(ui, d, &r.cite, n, lang);
                });
            }

            section(
                ui,
                lang.tr("Svar i sammenligningen", "Answers in the comparison"),
            );
            for q in &d.questions {
                ui.label(RichText::new(q.text.get(lang)).strong());
                match t.answers.get(&q.id) {
                    Some(Answer::Stated { text, cite, .. }) => {
                        notes.claim(ui, d, text.get(lang), cite, lang)
                    }
                    _ => {
                        ui.label(
                            RichText::new(
                                lang.tr("Kilden oplyser det ikke.", "The source does not say."),
                            )
                            .italics()
                            .weak(),
                        );
                    }
                }
            }
            if !t.ask.is_empty() {
                section(
                    ui,
                    lang.tr(
                        "Spørgsmål patienten kan stille",
                        "Questions the patient may ask",
                    ),
                );
                for q in &t.ask {
                    ui.label(format!("• {}", q.get(lang)));
                }
            }
            notes.list_ui(ui, d, lang);
        });
    if back {
        state.view = View::Overview;
    }
    if toggle {
        state.toggle_compare(index);
    }
}

fn claims(
    ui: &mut Ui,
    notes: &mut Footnotes,
    d: &crate::dataset::Dataset,
    title: &str,
    list: &[Claim],
    lang: Lang,
) {
    section(ui, title);
    if list.is_empty() {
        ui.label(
            RichText::new(lang.tr("Kilden oplyser det ikke.", "The source does not say."))
                .italics()
                .weak(),
        );
    }
    for c in list {
        notes.claim(ui, d, &format!("• {}", c.text.get(lang)), &c.cite, lang);
    }
}
