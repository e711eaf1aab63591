//! Treatment detail: everything the dataset holds on one treatment, each claim with a
//! numbered citation (the quoted passage, or the literature reference and its evidence
//! type) on hover and in the footnotes; the assessment with its interpretations, what is
//! left to check, and where the sources differ.

use egui::{Id, RichText, Ui};

use crate::assessment::{Reader, is_literature};
use crate::dataset::{Answer, Claim, Dataset, Lang};
use crate::ui::context::{Action, Consultation, View};
use crate::ui::strings::{self, s};
use crate::ui::widgets::{
    Footnotes, cite_marker, evidence_tag, icon_array, section, verdict_badge, verdict_color,
};

#[derive(Debug, Default)]
pub struct DetailView {
    /// The view's first control, where F6 puts the focus.
    pub entry: Option<Id>,
}

impl DetailView {
    pub fn draw(&mut self, ui: &mut Ui, c: &Consultation, index: usize) -> Vec<Action> {
        let lang = c.lang();
        let t = s(lang);
        let mut actions = Vec::new();
        let d = c.data();
        let Some(tr) = d.treatments.get(index) else {
            actions.push(Action::Show(View::Overview));
            return actions;
        };
        let chosen = c.compare.contains(&index);
        let mut notes = Footnotes::default();
        // With the patient page only, the guideline layer's content stays out of sight.
        let shown =
            |cite: &crate::dataset::Cite| c.settings.scope.shows(d, cite, Reader::Clinician);
        egui::ScrollArea::vertical()
            .id_salt(("detail", index))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    let back = ui.button(t.back);
                    self.entry = Some(back.id);
                    if back.clicked() {
                        actions.push(Action::Show(View::Overview));
                    }
                    let mut on = chosen;
                    if ui.checkbox(&mut on, t.in_comparison).changed() {
                        actions.push(Action::ToggleCompare(index));
                    }
                });
                ui.horizontal(|ui| {
                    if let Some(a) = c.assessment(index) {
                        verdict_badge(ui, a, lang);
                    }
                    ui.label(RichText::new(tr.name.get(lang)).heading().strong());
                });
                notes.claim(ui, d, tr.summary.text.get(lang), &tr.summary.cite, lang);

                if let Some(a) = c.assessment(index) {
                    section(ui, t.assessment);
                    if let Some(line) = strings::page_alone(lang, a) {
                        ui.label(RichText::new(line).strong());
                    }
                    if let Some(line) = strings::guidelines_line(lang, a) {
                        ui.label(
                            RichText::new(line)
                                .strong()
                                .color(ui.visuals().warn_fg_color),
                        );
                        for r in &a.set_aside {
                            ui.label(format!("  {} {}", r.icon(), crate::i18n::reason(r, lang)))
                                .on_hover_text(crate::ui::widgets::citation_text(d, &r.cite, lang));
                        }
                    }
                    for r in &a.reasons {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(
                                RichText::new(r.icon())
                                    .color(verdict_color(r.verdict, ui.visuals().dark_mode)),
                            );
                            let n = notes.number(&r.cite);
                            ui.label(crate::i18n::reason(r, lang));
                            cite_marker(ui, d, &r.cite, n, lang);
                            evidence_tag(ui, d, &r.cite, lang);
                            for also in &r.also {
                                let n = notes.number(also);
                                cite_marker(ui, d, also, n, lang);
                                evidence_tag(ui, d, also, lang);
                            }
                        });
                        if let Some(i) = &r.interpretation {
                            ui.label(
                                RichText::new(format!("ℹ {}: {}", t.interpretation, i.get(lang)))
                                    .small()
                                    .italics(),
                            );
                        }
                    }
                    if !a.checks.is_empty() {
                        section(ui, &format!("☐ {} ({})", t.to_check, a.checks.len()));
                        for check in &a.checks {
                            notes.claim(
                                ui,
                                d,
                                &format!("☐ {}", check.why.get(lang)),
                                &check.cite,
                                lang,
                            );
                        }
                    }
                    if !a.preparations.is_empty() {
                        section(ui, t.before_for_patient);
                        for p in &a.preparations {
                            notes.claim(ui, d, &crate::i18n::prep(p, lang), &p.cite, lang);
                        }
                    }
                }

                section(ui, t.aim);
                notes.claim(ui, d, tr.aim.text.get(lang), &tr.aim.cite, lang);
                claims(ui, &mut notes, d, t.how, &tr.procedure, lang);

                if !tr.outcomes.is_empty() {
                    section(ui, t.effect);
                    for o in tr.outcomes.iter().filter(|o| shown(&o.cite)) {
                        // The number as people picture it first, then the words and source.
                        if let Some(f) = o.freq {
                            ui.horizontal(|ui| {
                                icon_array(ui, f, lang, 6.0);
                                ui.label(
                                    RichText::new(crate::i18n::freq(f, lang))
                                        .strong()
                                        .size(18.0),
                                );
                            });
                        }
                        notes.claim(ui, d, o.text.get(lang), &o.cite, lang);
                        ui.add_space(4.0);
                    }
                }
                claims(ui, &mut notes, d, t.common, &tr.side_effects_common, lang);
                claims(ui, &mut notes, d, t.rare, &tr.side_effects_rare, lang);

                if !tr.preparations.is_empty() {
                    section(ui, t.preparation_all);
                    for p in tr.preparations.iter().filter(|p| shown(&p.cite)) {
                        notes.claim(ui, d, p.text.get(lang), &p.cite, lang);
                    }
                }
                if !tr.follow_up.is_empty() {
                    section(ui, t.follow_up);
                    for f in &tr.follow_up {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(
                                RichText::new(format!("{}:", crate::i18n::interval(f.after, lang)))
                                    .strong(),
                            );
                            let n = notes.number(&f.cite);
                            ui.label(f.text.get(lang));
                            cite_marker(ui, d, &f.cite, n, lang);
                        });
                    }
                }
                claims(ui, &mut notes, d, t.suited, &tr.suited, lang);
                claims(ui, &mut notes, d, t.not_suited, &tr.not_suited, lang);

                let differ: Vec<_> = d
                    .disagreements
                    .iter()
                    .filter(|x| x.treatments.contains(&tr.id))
                    .filter(|x| c.settings.scope.admits_disagreement(d, x))
                    .collect();
                if !differ.is_empty() {
                    section(ui, t.where_sources_differ);
                    for x in differ {
                        disagreement_ui(ui, &mut notes, d, x, lang);
                    }
                }

                section(ui, t.criteria_and_rules);
                for cr in tr.criteria.iter().filter(|cr| shown(&cr.cite)) {
                    rule_line(
                        ui,
                        &mut notes,
                        d,
                        t.criterion,
                        &cr.when.src,
                        cr.requires.get(lang),
                        &cr.cite,
                        lang,
                    );
                }
                for r in tr.rules.iter().filter(|r| shown(&r.cite)) {
                    let kind = format!("{} {}", r.verdict.icon(), t.rule);
                    rule_line(
                        ui,
                        &mut notes,
                        d,
                        &kind,
                        &r.when.src,
                        r.reason.get(lang),
                        &r.cite,
                        lang,
                    );
                }

                section(ui, t.grid_answers);
                for q in &d.questions {
                    ui.label(RichText::new(q.text.get(lang)).strong());
                    match tr.answers.get(&q.id) {
                        Some(Answer::Stated { text, cite, .. }) => {
                            notes.claim(ui, d, text.get(lang), cite, lang);
                        }
                        _ => {
                            ui.label(RichText::new(t.not_stated).italics().weak());
                        }
                    }
                }
                if !tr.ask.is_empty() {
                    section(ui, t.patient_questions);
                    for q in &tr.ask {
                        ui.label(format!("• {}", q.get(lang)));
                    }
                }
                notes.list_ui(ui, d, lang);
            });
        actions
    }
}

/// One criterion or rule: its kind, its condition as written, its text and source.
#[allow(clippy::too_many_arguments)]
fn rule_line(
    ui: &mut Ui,
    notes: &mut Footnotes,
    d: &Dataset,
    kind: &str,
    when: &str,
    text: &str,
    cite: &crate::dataset::Cite,
    lang: Lang,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(kind).strong());
        ui.label(RichText::new(when).monospace());
        let n = notes.number(cite);
        ui.label(text);
        cite_marker(ui, d, cite, n, lang);
        if is_literature(d, cite) {
            evidence_tag(ui, d, cite, lang);
        }
    });
}

/// What the sources say differently, each position beside the other with its source.
pub fn disagreement_ui(
    ui: &mut Ui,
    notes: &mut Footnotes,
    d: &Dataset,
    x: &crate::dataset::Disagreement,
    lang: Lang,
) {
    ui.label(RichText::new(x.topic.get(lang)).strong());
    egui::Grid::new(("disagreement", &x.id))
        .num_columns(2)
        .spacing([12.0, 6.0])
        .striped(true)
        .show(ui, |ui| {
            for p in &x.positions {
                ui.horizontal(|ui| {
                    let n = notes.number(&p.cite);
                    cite_marker(ui, d, &p.cite, n, lang);
                    evidence_tag(ui, d, &p.cite, lang);
                });
                ui.label(p.text.get(lang));
                ui.end_row();
            }
        });
    ui.add_space(6.0);
}

fn claims(
    ui: &mut Ui,
    notes: &mut Footnotes,
    d: &Dataset,
    title: &str,
    list: &[Claim],
    lang: Lang,
) {
    section(ui, title);
    if list.is_empty() {
        ui.label(RichText::new(s(lang).not_stated).italics().weak());
    }
    for c in list {
        notes.claim(ui, d, &format!("• {}", c.text.get(lang)), &c.cite, lang);
    }
}

impl super::Page for DetailView {
    fn ui(&mut self, ui: &mut Ui, c: &Consultation, view: View) -> Vec<Action> {
        match view {
            View::Detail(i) => self.draw(ui, c, i),
            _ => Vec::new(),
        }
    }

    fn entry(&self) -> Option<Id> {
        self.entry
    }

    fn shows(&self, view: View) -> bool {
        matches!(view, View::Detail(_))
    }
}
