//! Overview: every treatment as a card with its verdict, the decisive reason with its
//! source and evidence type, what the guidelines add, what is left to check, its aim and
//! key numbers. Cards have one height so long lists scroll virtually.

use egui::{Id, RichText, Ui};

use crate::dataset::Verdict;
use crate::ui::context::{Action, Consultation, MAX_COMPARE, View};
use crate::ui::strings::{self, s};
use crate::ui::widgets::{checks_hover, citation_text, evidence_tag, verdict_badge};

/// Height of one card, in points (at zoom 1).
pub const CARD_HEIGHT: f32 = 146.0;

/// Which treatments the overview lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    /// Eligible or with reservations.
    NotRuledOut,
}

#[derive(Debug, Default)]
pub struct OverviewView {
    pub filter: Filter,
    pub search: String,
    /// The view's first control, where F6 puts the focus.
    pub entry: Option<Id>,
    /// A scroll position to jump to (the frame-time tour scrolls with it).
    pub scroll_to: Option<f32>,
}

impl OverviewView {
    /// The treatments listed, by index, after filter and search.
    pub fn visible(&self, c: &Consultation) -> Vec<usize> {
        let l = &c.loaded;
        (0..l.data.treatments.len())
            .filter(|&i| {
                self.filter == Filter::All
                    || c.assessment(i)
                        .is_some_and(|a| a.verdict != Verdict::NotEligible)
            })
            .filter(|&i| l.matches(i, &self.search))
            .collect()
    }

    pub fn draw(&mut self, ui: &mut Ui, c: &Consultation) -> Vec<Action> {
        let lang = c.lang();
        let t = s(lang);
        let mut actions = Vec::new();
        ui.horizontal_wrapped(|ui| {
            ui.label(t.show);
            let r = ui.selectable_value(&mut self.filter, Filter::All, t.all);
            self.entry = Some(r.id);
            ui.selectable_value(&mut self.filter, Filter::NotRuledOut, t.not_ruled_out);
            ui.add_space(16.0);
            let label = ui.label(t.search);
            ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .hint_text(t.search_hint)
                    .desired_width(220.0),
            )
            .labelled_by(label.id);
            if !self.search.is_empty() && ui.button(t.clear_search).clicked() {
                self.search.clear();
            }
        });
        for n in &c.notices {
            ui.label(RichText::new(format!("ℹ {}", n.get(lang))).color(ui.visuals().warn_fg_color));
        }
        // The facts to settle before the MDT, most verdicts first, and the journal note.
        ui.horizontal_wrapped(|ui| {
            let workup = &c.what_if.workup;
            if !workup.is_empty() {
                let facts: Vec<String> = workup
                    .iter()
                    .map(|s| s.field.label_in_sentence(lang))
                    .collect();
                // The detail is worded only while the pointer is on the line, not every frame.
                ui.label(strings::to_settle(lang, &facts.join(", ")))
                    .on_hover_ui(|ui| {
                        let d = c.data();
                        for s in workup {
                            ui.label(crate::i18n::settle(d, s, lang));
                            if let Some(how) = crate::i18n::settled_by(d, s.field, lang) {
                                ui.label(format!("    {how}"));
                            }
                        }
                    });
            }
            if ui.button(t.copy_note).on_hover_text("Ctrl+J").clicked() {
                actions.push(Action::CopyNote);
            }
            if ui
                .button(t.save_sheet)
                .on_hover_text("Ctrl+Shift+S")
                .clicked()
            {
                actions.push(Action::SaveSheet);
            }
            if ui
                .button(t.print_sheet)
                .on_hover_text("Ctrl+Shift+P")
                .clicked()
            {
                actions.push(Action::PrintSheet);
            }
        });
        let chosen = c.compare.len();
        ui.horizontal(|ui| {
            ui.label(strings::chosen_for_comparison(lang, chosen, MAX_COMPARE));
            if ui
                .add_enabled(chosen >= 2, egui::Button::new(t.compare_go))
                .on_disabled_hover_text(t.choose_two)
                .clicked()
            {
                actions.push(Action::Show(View::Compare));
            }
        });
        ui.separator();
        let visible = self.visible(c);
        if visible.is_empty() {
            ui.label(t.nothing_matches);
            return actions;
        }
        let mut area = egui::ScrollArea::vertical()
            .id_salt("overview-cards")
            .auto_shrink([false, false]);
        if let Some(offset) = self.scroll_to.take() {
            area = area.vertical_scroll_offset(offset);
        }
        area.show_rows(ui, CARD_HEIGHT, visible.len(), |ui, rows| {
            for &i in &visible[rows] {
                card_ui(ui, c, i, &mut actions);
            }
        });
        actions
    }
}

fn card_ui(ui: &mut Ui, c: &Consultation, i: usize, actions: &mut Vec<Action>) {
    let lang = c.lang();
    let t = s(lang);
    let d = c.data();
    let Some(a) = c.assessment(i) else {
        return;
    };
    let tr = &d.treatments[i];
    let reason = a.decisive();
    let width = ui.available_width();
    let chosen = c.compare.contains(&i);
    let card_inner = CARD_HEIGHT - 18.0;
    egui::Frame::group(ui.style())
        .corner_radius(6.0)
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_width(width - 20.0);
            ui.set_height(card_inner);
            ui.set_max_height(card_inner);
            ui.horizontal(|ui| {
                verdict_badge(ui, a, lang);
                ui.label(RichText::new(tr.name.get(lang)).heading().strong());
                let aims: Vec<&str> = tr.aims.iter().map(|a| crate::i18n::aim(*a, lang)).collect();
                ui.label(RichText::new(format!("· {}: {}", t.aim, aims.join(", "))).weak());
            });
            let mut job = egui::text::LayoutJob::simple(
                format!("{} {}", reason.icon(), crate::i18n::reason(reason, lang)),
                egui::TextStyle::Body.resolve(ui.style()),
                ui.visuals().text_color(),
                width - 40.0,
            );
            job.wrap.max_rows = 2;
            job.wrap.overflow_character = Some('…');
            ui.add(egui::Label::new(job)).on_hover_text(format!(
                "{}\n\n{}",
                crate::i18n::reason(reason, lang),
                citation_text(d, &reason.cite, lang)
            ));
            ui.horizontal(|ui| {
                evidence_tag(ui, d, &reason.cite, lang);
                if let Some(i) = &reason.interpretation {
                    ui.label(
                        RichText::new(format!("ℹ {}", t.interpretation))
                            .small()
                            .italics(),
                    )
                    .on_hover_text(i.get(lang));
                }
                if let Some(line) = strings::page_alone(lang, a) {
                    ui.label(RichText::new(line).small());
                }
                if let Some(line) = strings::guidelines_line(lang, a) {
                    ui.label(
                        RichText::new(line)
                            .small()
                            .color(ui.visuals().warn_fg_color),
                    );
                }
            });
            let key: Vec<String> = tr
                .outcomes
                .iter()
                .filter(|o| {
                    c.settings
                        .scope
                        .shows(d, &o.cite, crate::assessment::Reader::Card)
                })
                .filter_map(|o| {
                    o.freq
                        .map(|f| format!("{}: {}", crate::i18n::freq(f, lang), o.text.get(lang)))
                })
                .take(2)
                .collect();
            if !key.is_empty() {
                ui.add(egui::Label::new(RichText::new(key.join("  ·  ")).small()).truncate());
            }
            ui.horizontal(|ui| {
                if !a.checks.is_empty() {
                    ui.label(
                        RichText::new(format!("☐ {} ({})", t.to_check, a.checks.len()))
                            .small()
                            .color(ui.visuals().warn_fg_color),
                    )
                    .on_hover_text(checks_hover(d, &a.checks, lang));
                }
                let name = tr.short.get(lang);
                if ui
                    .button(t.details)
                    .on_hover_text(t.details_hint)
                    .accessible_name(format!("{}: {name}", t.details))
                    .clicked()
                {
                    actions.push(Action::Show(View::Detail(i)));
                }
                let mut on = chosen;
                if ui
                    .checkbox(&mut on, t.compare)
                    .accessible_name(format!("{}: {name}", t.compare))
                    .changed()
                {
                    actions.push(Action::ToggleCompare(i));
                }
            });
        });
}

impl super::Page for OverviewView {
    fn ui(&mut self, ui: &mut Ui, c: &Consultation, _view: View) -> Vec<Action> {
        self.draw(ui, c)
    }

    fn entry(&self) -> Option<Id> {
        self.entry
    }

    fn tab(&self) -> Option<super::Tab> {
        Some((View::Overview, |t| t.overview))
    }

    fn shows(&self, view: View) -> bool {
        matches!(view, View::Overview)
    }
}
