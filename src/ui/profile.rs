//! The patient profile panel: every field with its unit and an explicit "unknown".

use egui::{RichText, Ui};

use super::state::{AppState, TypedInput};
use super::widgets::Tr;
use crate::dataset::Lang;
use crate::dataset::fields::{Field, Kind};

pub fn profile_ui(ui: &mut Ui, state: &mut AppState) {
    let lang = state.lang();
    ui.add_space(4.0);
    ui.heading(lang.tr("Patient", "Patient"));
    ui.label(
        RichText::new(lang.tr(
            "Tomt felt = ukendt. Gemmes aldrig.",
            "Empty field = unknown. Never saved.",
        ))
        .small()
        .weak(),
    );
    ui.add_space(6.0);

    let lesions = state.lesions_input.clone();
    if let Some(text) = number_field(ui, Field::Lesions, &lesions, "1–200", lang) {
        state.type_field(Field::Lesions, text);
    }
    let largest = state.largest_input.clone();
    if let Some(text) = number_field(ui, Field::LargestCm, &largest, "0,1–30 cm", lang) {
        state.type_field(Field::LargestCm, text);
    }
    // Every other field is chosen from buttons or a list, in the profile's own order.
    for &field in Field::ALL {
        // Until the panel is grouped: the page's fields only.
        if !matches!(field, Field::Lesions | Field::LargestCm)
            && field.spec().layer == crate::dataset::fields::Layer::Page
        {
            choice_field(ui, state, field);
        }
    }

    ui.add_space(10.0);
    let known = state.profile.known();
    ui.label(
        RichText::new(match lang {
            Lang::Da => format!("{known} af {} felter udfyldt", Field::ALL.len()),
            Lang::En => format!("{known} of {} fields entered", Field::ALL.len()),
        })
        .small(),
    );
    let new = ui
        .button(lang.tr("Ny patient", "New patient"))
        .on_hover_text(lang.tr("Rydder alle felter (Ctrl+N)", "Clears every field (Ctrl+N)"));
    if new.clicked() {
        state.new_patient();
    }
}

/// A text box for a number. Returns the new text when it was edited.
fn number_field(
    ui: &mut Ui,
    field: Field,
    input: &TypedInput,
    range: &str,
    lang: Lang,
) -> Option<String> {
    let label = ui.label(RichText::new(field.label(lang)).strong());
    let mut text = input.text.clone();
    let response = ui
        .horizontal(|ui| {
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut text)
                        .hint_text(lang.tr("ukendt", "unknown"))
                        .desired_width(90.0),
                )
                .labelled_by(label.id);
            ui.label(RichText::new(range).weak());
            r
        })
        .inner;
    if let Some(err) = &input.error {
        ui.label(
            RichText::new(format!("⚠ {err}"))
                .small()
                .color(ui.visuals().error_fg_color),
        );
    }
    ui.add_space(4.0);
    response.changed().then_some(text)
}

/// A row of buttons: Unknown, then each option. Each button is named with the field for
/// screen readers ("Spread outside the liver: yes").
fn choice_field(ui: &mut Ui, state: &mut AppState, field: Field) {
    let lang = state.lang();
    let current = state.profile.text(field);
    ui.label(RichText::new(field.label(lang)).strong());
    let options: Vec<(Option<&'static str>, String)> =
        std::iter::once((None, lang.tr("Ikke angivet", "Not entered").to_owned()))
            .chain(match field.kind() {
                Kind::Bool => vec![
                    (Some("yes"), lang.tr("Ja", "Yes").to_owned()),
                    (Some("no"), lang.tr("Nej", "No").to_owned()),
                ],
                Kind::Int { min, max } => (min..=max)
                    .map(|n| (Some(ECOG[usize::try_from(n).unwrap_or(0)]), n.to_string()))
                    .collect(),
                Kind::Choice(opts) => opts
                    .iter()
                    .map(|o| (Some(o.id), o.label.get(lang).to_owned()))
                    .collect(),
                Kind::Float { .. } => Vec::new(),
            })
            .collect();
    let mut chosen = None;
    if matches!(field, Field::Grade | Field::Primary) {
        let selected = options
            .iter()
            .find(|(v, _)| v.map_or(current.is_empty(), |v| v == current))
            .map_or(String::new(), |(_, l)| l.clone());
        let r = egui::ComboBox::from_id_salt(("profile-choice", field.name()))
            .selected_text(selected)
            .width(200.0)
            .show_ui(ui, |ui| {
                for (value, text) in &options {
                    let on = value.map_or(current.is_empty(), |v| v == current);
                    if ui.selectable_label(on, text).clicked() {
                        chosen = Some(*value);
                    }
                }
            });
        let _ = r.response.accessible_name(field.label(lang));
    } else {
        ui.horizontal_wrapped(|ui| {
            for (value, text) in &options {
                let on = value.map_or(current.is_empty(), |v| v == current);
                let r = ui.selectable_label(on, text).accessible_name(format!(
                    "{}: {}",
                    field.label(lang),
                    text
                ));
                if r.clicked() {
                    chosen = Some(*value);
                }
            }
        });
    }
    if let Some(value) = chosen {
        state.choose(field, value);
    }
    ui.add_space(4.0);
}

const ECOG: [&str; 5] = ["0", "1", "2", "3", "4"];
