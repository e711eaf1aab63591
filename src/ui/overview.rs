//! Overview: every treatment as a card with its verdict, the decisive reason and its
//! source, its aim and key numbers. Cards have one height so long lists scroll virtually.

use egui::{RichText, Ui};

use super::state::{AppState, Filter, MAX_COMPARE, View};
use super::widgets::{Tr, citation_text, verdict_badge};
use crate::dataset::Lang;

/// Height of one card, in points (at zoom 1).
pub const CARD_HEIGHT: f32 = 122.0;

pub fn overview_ui(ui: &mut Ui, state: &mut AppState) {
    let lang = state.lang();
    if state.data().is_none() {
        return;
    }

    ui.horizontal_wrapped(|ui| {
        ui.label(lang.tr("Vis:", "Show:"));
        ui.selectable_value(&mut state.filter, Filter::All, lang.tr("Alle", "All"));
        ui.selectable_value(
            &mut state.filter,
            Filter::Fitting,
            lang.tr(
                "Egnede (egnet + med forbehold)",
                "Fitting (eligible + caution)",
            ),
        );
        ui.add_space(16.0);
        let label = ui.label(lang.tr("Søg:", "Search:"));
        ui.add(
            egui::TextEdit::singleline(&mut state.search)
                .hint_text(lang.tr("fx feber, 65 grader", "e.g. fever, octreotide"))
                .desired_width(220.0),
        )
        .labelled_by(label.id);
        if !state.search.is_empty() && ui.button(lang.tr("Ryd søgning", "Clear search")).clicked()
        {
            state.search.clear();
        }
    });
    for n in &state.notices {
        ui.label(RichText::new(format!("ℹ {}", n.get(lang))).color(ui.visuals().warn_fg_color));
    }
    let chosen = state.compare.len();
    ui.horizontal(|ui| {
        ui.label(match lang {
            Lang::Da => format!("{chosen} af højst {MAX_COMPARE} valgt til sammenligning"),
            Lang::En => format!("{chosen} of at most {MAX_COMPARE} chosen for comparison"),
        });
        if ui
            .add_enabled(
                chosen >= 2,
                egui::Button::new(lang.tr("Sammenlign ▶", "Compare ▶")),
            )
            .on_disabled_hover_text(
                lang.tr("Vælg mindst 2 behandlinger", "Choose at least 2 treatments"),
            )
            .clicked()
        {
            state.view = View::Compare;
        }
    });
    ui.separator();

    let visible = state.visible();
    if visible.is_empty() {
        ui.label(lang.tr(
            "Ingen behandlinger passer til filter og søgning.",
            "No treatments match the filter and search.",
        ));
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("overview-cards")
        .auto_shrink([false, false])
        .show_rows(ui, CARD_HEIGHT, visible.len(), |ui, rows| {
            for &i in &visible[rows] {
                card_ui(ui, state, i);
            }
        });
}

fn card_ui(ui: &mut Ui, state: &mut AppState, i: usize) {
    let lang = state.lang();
    let Some(d) = state.data() else { return };
    let t = &d.treatments[i];
    let Some(a) = state.assessments.get(i) else {
        return;
    };
    let reason = a.decisive();
    let width = ui.available_width();
    let mut open = false;
    let mut toggle = false;
    let chosen = state.compare.contains(&i);
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
                ui.label(RichText::new(t.name.get(lang)).heading().strong());
                let aims: Vec<&str> = t.aims.iter().map(|a| a.label(lang)).collect();
                ui.label(
                    RichText::new(format!("· {}: {}", lang.tr("Mål", "Aim"), aims.join(", ")))
                        .weak(),
                );
            });
            let mut job = egui::text::LayoutJob::simple(
                reason.text.get(lang).to_owned(),
                egui::TextStyle::Body.resolve(ui.style()),
                ui.visuals().text_color(),
                width - 40.0,
            );
            job.wrap.max_rows = 2;
            job.wrap.overflow_character = Some('…');
            ui.add(egui::Label::new(job)).on_hover_text(format!(
                "{}\n\n{}",
                reason.text.get(lang),
                citation_text(d, &reason.cite, lang)
            ));
            let key: Vec<String> = t
                .outcomes
                .iter()
                .filter_map(|o| {
                    o.freq
                        .map(|f| format!("{}: {}", f.words(lang), o.text.get(lang)))
                })
                .take(2)
                .collect();
            if !key.is_empty() {
                ui.add(egui::Label::new(RichText::new(key.join("  ·  ")).small()).truncate());
            }
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(format!(
                        "{}: {}",
                        lang.tr("Kilde", "Source"),
                        d.source(&reason.cite.source)
                            .map_or("?", |s| s.publisher.as_str())
                    ))
                    .small()
                    .weak(),
                )
                .on_hover_text(citation_text(d, &reason.cite, lang));
                let name = t.short.get(lang);
                if ui
                    .button(lang.tr("Detaljer", "Details"))
                    .on_hover_text(lang.tr(
                        "Alt om behandlingen, med kilder",
                        "Everything on the treatment, with sources",
                    ))
                    .accessible_name(format!("{} {name}", lang.tr("Detaljer:", "Details:")))
                    .clicked()
                {
                    open = true;
                }
                let mut on = chosen;
                if ui
                    .checkbox(&mut on, lang.tr("Sammenlign", "Compare"))
                    .accessible_name(format!("{} {name}", lang.tr("Sammenlign:", "Compare:")))
                    .changed()
                {
                    toggle = true;
                }
            });
        });
    if open {
        state.view = View::Detail(i);
    }
    if toggle {
        state.toggle_compare(i);
    }
}
