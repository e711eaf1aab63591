//! The patient profile panel: every field of the field table, grouped (Tumour, Liver,
//! Patient, History), each with its unit, its definition on hover and an explicit "not
//! entered". Fields some treatment lists "to check before treatment" are marked.

use std::collections::BTreeMap;

use egui::{Id, RichText, Ui};

use crate::assessment::InputError;
use crate::dataset::Lang;
use crate::dataset::fields::{Field, Group, Kind, Layer};
use crate::ui::context::{Action, Consultation};
use crate::ui::strings::{self, s};

/// What is typed into a number field, kept as typed so a half-typed value is not lost.
#[derive(Debug, Clone, Default)]
struct Typed {
    text: String,
    error: Option<String>,
}

/// The panel's own state: typed text, and where its controls are for the keyboard.
#[derive(Debug, Default)]
pub struct ProfilePanel {
    typed: BTreeMap<Field, Typed>,
    /// The first field, where the keyboard focus goes at start and after New patient.
    pub first: Option<Id>,
    /// Every control of the panel, so the app can tell whether the focus is here (F6).
    pub ids: Vec<Id>,
}

/// Fields with at most this many options are a row of buttons; more, a drop-down list.
const MAX_BUTTONS: usize = 5;

impl ProfilePanel {
    /// The text typed into a field (empty for fields chosen from buttons).
    pub fn text(&self, field: Field) -> &str {
        self.typed.get(&field).map_or("", |t| t.text.as_str())
    }

    /// Why the typed text was refused, if it was.
    pub fn error(&self, field: Field) -> Option<&str> {
        self.typed.get(&field).and_then(|t| t.error.as_deref())
    }

    /// Records what was entered into a field and whether it was refused.
    pub fn entered(&mut self, field: Field, text: String, error: Option<&InputError>) {
        if is_typed(field) {
            self.typed.insert(
                field,
                Typed {
                    text,
                    error: error.map(ToString::to_string),
                },
            );
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, c: &Consultation) -> Vec<Action> {
        let lang = c.lang();
        let t = s(lang);
        let mut actions = Vec::new();
        self.ids.clear();
        self.first = None;
        ui.add_space(4.0);
        let to_check = c.fields_to_check();
        // The heading, New patient and the counts first, where they stay in view.
        let new = ui
            .horizontal(|ui| {
                ui.heading(t.patient);
                ui.button(t.new_patient).on_hover_text(t.new_patient_hint)
            })
            .inner;
        self.ids.push(new.id);
        if new.clicked() {
            actions.push(Action::NewPatient);
        }
        ui.label(RichText::new(t.profile_hint).small().weak());
        ui.label(
            RichText::new(strings::fields_entered(
                lang,
                c.profile.known(),
                Field::COUNT,
            ))
            .small(),
        );
        if !to_check.is_empty() {
            ui.label(
                RichText::new(format!(
                    "☐ {}",
                    strings::fields_to_check(lang, to_check.len())
                ))
                .small()
                .color(ui.visuals().warn_fg_color),
            );
        }
        ui.add_space(4.0);
        for group in Group::ALL {
            let fields: Vec<Field> = Field::ALL
                .iter()
                .copied()
                .filter(|f| f.spec().group == group)
                .filter(|f| c.settings.scope.asks(*f))
                .collect();
            if fields.is_empty() {
                continue;
            }
            let marked = fields.iter().filter(|f| to_check.contains(f)).count();
            let title = if marked > 0 {
                crate::ui::strings::group_marked(lang, crate::i18n::group(group, lang), marked)
            } else {
                crate::i18n::group(group, lang).to_owned()
            };
            let header = egui::CollapsingHeader::new(RichText::new(title).strong())
                .id_salt(("profile-group", group))
                .default_open(true)
                .show(ui, |ui| {
                    for field in fields {
                        self.field_ui(ui, c, field, to_check.contains(&field), &mut actions);
                    }
                });
            self.ids.push(header.header_response.id);
        }
        actions
    }

    fn field_ui(
        &mut self,
        ui: &mut Ui,
        c: &Consultation,
        field: Field,
        check: bool,
        actions: &mut Vec<Action>,
    ) {
        let lang = c.lang();
        let t = s(lang);
        let spec = field.spec();
        let name = field.label_with_unit(lang);
        let label = ui
            .horizontal(|ui| {
                let l = ui
                    .label(RichText::new(&name).strong())
                    .on_hover_text(spec.help.get(lang));
                if spec.layer == Layer::Guideline {
                    ui.label(RichText::new("ℹ").weak().small())
                        .on_hover_text(t.guideline_field);
                }
                if check {
                    ui.label(
                        RichText::new(format!("☐ {}", t.to_check_field))
                            .small()
                            .color(ui.visuals().warn_fg_color),
                    )
                    .on_hover_text(strings::fields_to_check(lang, 1));
                }
                l
            })
            .inner;
        if is_typed(field) {
            let mut text = self.text(field).to_owned();
            let response = ui
                .horizontal(|ui| {
                    let r = ui
                        .add(
                            egui::TextEdit::singleline(&mut text)
                                .id_salt(("profile-field", field))
                                .hint_text(t.not_entered.to_lowercase())
                                .desired_width(90.0),
                        )
                        .labelled_by(label.id)
                        .on_hover_text(spec.help.get(lang));
                    ui.label(RichText::new(crate::i18n::range(field, lang)).weak());
                    r
                })
                .inner;
            self.track(response.id);
            if response.changed() {
                actions.push(Action::Enter(field, text));
            }
            if let Some(err) = self.error(field) {
                ui.label(
                    RichText::new(format!("⚠ {err}"))
                        .small()
                        .color(ui.visuals().error_fg_color),
                );
            }
        } else {
            let current = c.profile.text(field);
            let options = choices(field, lang);
            let mut chosen = None;
            if options.len() <= MAX_BUTTONS + 1 {
                ui.horizontal_wrapped(|ui| {
                    for (value, text) in &options {
                        let on = value.map_or(current.is_empty(), |v| v == current);
                        let r = ui
                            .selectable_label(on, text)
                            .accessible_name(format!("{name}: {text}"));
                        self.track(r.id);
                        if r.clicked() {
                            chosen = Some(*value);
                        }
                    }
                });
            } else {
                let selected = options
                    .iter()
                    .find(|(v, _)| v.map_or(current.is_empty(), |v| v == current))
                    .map_or(String::new(), |(_, l)| l.clone());
                let r = egui::ComboBox::from_id_salt(("profile-choice", field))
                    .selected_text(selected)
                    .width(220.0)
                    .show_ui(ui, |ui| {
                        for (value, text) in &options {
                            let on = value.map_or(current.is_empty(), |v| v == current);
                            if ui.selectable_label(on, text).clicked() {
                                chosen = Some(*value);
                            }
                        }
                    });
                let r = r.response.accessible_name(&name);
                self.track(r.id);
            }
            if let Some(value) = chosen {
                actions.push(Action::Enter(field, value.unwrap_or("").to_owned()));
            }
        }
        ui.add_space(3.0);
    }

    fn track(&mut self, id: Id) {
        if self.first.is_none() {
            self.first = Some(id);
        }
        self.ids.push(id);
    }
}

/// Whether a field is typed into (a number with a wide range) rather than chosen.
fn is_typed(field: Field) -> bool {
    match field.kind() {
        Kind::Int { min, max } => max - min >= MAX_BUTTONS as i64,
        Kind::Float { .. } => true,
        Kind::Bool | Kind::Choice(_) => false,
    }
}

/// The choices of a field chosen from buttons or a list: not entered, then each value.
fn choices(field: Field, lang: Lang) -> Vec<(Option<&'static str>, String)> {
    let t = s(lang);
    let values: Vec<(Option<&'static str>, String)> = match field.kind() {
        Kind::Bool => vec![
            (Some("yes"), t.yes.to_owned()),
            (Some("no"), t.no.to_owned()),
        ],
        Kind::Int { min, max } => (min..=max)
            .filter_map(|n| {
                INTS.get(usize::try_from(n).ok()?)
                    .map(|s| (Some(*s), n.to_string()))
            })
            .collect(),
        Kind::Choice(opts) => opts
            .iter()
            .map(|o| (Some(o.id), o.label.get(lang).to_owned()))
            .collect(),
        Kind::Float { .. } => Vec::new(),
    };
    std::iter::once((None, t.not_entered.to_owned()))
        .chain(values)
        .collect()
}

/// Small whole numbers as text, for fields chosen from buttons (ECOG 0-4).
const INTS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
