//! The bars around every screen: the top bar (tabs, layer of sources, language, theme,
//! zoom) and the status bar (the MDT notice, the dataset, the last message).

use egui::{RichText, Ui};

use super::context::{Action, Consultation, Settings, View};
use super::strings::{self, s};
use crate::assessment::Scope;
use crate::dataset::{Dataset, Lang};

/// What the top bar shows of the app on a valid dataset: the consultation, the view shown
/// and the tabs with their names.
pub(super) type TopBarApp<'a> = (&'a Consultation, View, &'a [(View, &'static str)]);

/// The top bar: the tabs (on a valid dataset), the layer of sources, the language, the
/// theme and the zoom.
pub(super) fn top_bar_ui(
    ui: &mut Ui,
    settings: &Settings,
    app: Option<TopBarApp<'_>>,
) -> Vec<Action> {
    let lang = settings.lang;
    let t = s(lang);
    let mut actions = Vec::new();
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("netliver").strong().size(18.0));
        ui.separator();
        if let Some((c, view, tabs)) = app {
            for (k, &(v, name)) in tabs.iter().enumerate() {
                if ui
                    .selectable_label(view == v, name)
                    .on_hover_text(format!("Alt+{}", k + 1))
                    .clicked()
                {
                    actions.push(Action::Show(v));
                }
            }
            if let View::Detail(i) = view
                && let Some(tr) = c.data().treatments.get(i)
            {
                let _ = ui.selectable_label(true, tr.short.get(lang));
            }
            ui.separator();
            let scope = settings.scope;
            for (value, name) in [
                (Scope::PageOnly, t.page_only),
                (Scope::WithGuidelines, t.with_guidelines),
            ] {
                if ui
                    .selectable_label(scope == value, name)
                    .on_hover_text(t.scope_hint)
                    .clicked()
                    && scope != value
                {
                    actions.push(Action::SetScope(value));
                }
            }
        }
        ui.separator();
        for value in Lang::ALL {
            let name = s(value).language_name;
            if ui.selectable_label(lang == value, name).clicked() && lang != value {
                actions.push(Action::SetLang(value));
            }
        }
        ui.separator();
        let theme = if settings.dark {
            t.light_theme
        } else {
            t.dark_theme
        };
        if ui.button(theme).clicked() {
            actions.push(Action::ToggleTheme);
        }
        if ui
            .button("−")
            .on_hover_text("Ctrl −")
            .accessible_name(t.zoom_out)
            .clicked()
        {
            actions.push(Action::ZoomBy(-1.0));
        }
        ui.label(format!("{:.0} %", settings.zoom * 100.0));
        if ui
            .button("+")
            .on_hover_text("Ctrl +")
            .accessible_name(t.zoom_in)
            .clicked()
        {
            actions.push(Action::ZoomBy(1.0));
        }
    });
    actions
}

/// The bottom bar, always visible: that netliver is decision support and the MDT decides;
/// the dataset's version; the last message.
pub(super) fn status_bar_ui(ui: &mut Ui, lang: Lang, data: Option<&Dataset>, flash: Option<&str>) {
    let t = s(lang);
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!("ℹ {}", crate::i18n::mdt_notice(lang)))
                .small()
                .strong(),
        );
        ui.separator();
        match data {
            Some(d) => {
                ui.label(
                    RichText::new(strings::dataset_line(
                        lang,
                        &d.id,
                        &d.version,
                        &d.reviewed,
                        d.sources.len(),
                    ))
                    .small(),
                );
                // F6 moves between the profile and the view, which only a valid dataset has.
                ui.label(RichText::new(t.focus_hint).small().weak());
            }
            None => {
                ui.label(RichText::new(t.no_dataset).small());
            }
        }
        if let Some(msg) = flash {
            ui.separator();
            ui.label(RichText::new(msg).small().color(ui.visuals().warn_fg_color));
        }
    });
}
