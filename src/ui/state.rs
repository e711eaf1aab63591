//! The app's state, apart from drawing: the consultation every view reads, each view's own
//! state, and the actions views return, applied in one place ([`AppState::apply`]).
//! No clinical logic: verdicts come from [`crate::assessment`].

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::strings;
use super::views::{
    compare::CompareView, detail::DetailView, handout::HandoutView, overview::OverviewView,
    profile::ProfilePanel, sources::SourcesView,
};
use crate::assessment::{self, Assessment, Profile, Scope};
use crate::dataset::fields::Field;
use crate::dataset::{Dataset, Lang, Report, Stats, Text};

/// At most this many treatments side by side.
pub const MAX_COMPARE: usize = 4;

/// Settings remembered between runs. The patient profile is deliberately not here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    pub zoom: f32,
    pub dark: bool,
    /// The patient page alone, or with the guideline layer (the default).
    pub scope: Scope,
    /// The clinician's name and department for handouts (not patient data).
    pub clinician: String,
    pub department: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::Da,
            zoom: 1.0,
            dark: false,
            scope: Scope::WithGuidelines,
            clinician: String::new(),
            department: String::new(),
        }
    }
}

impl Settings {
    /// Zoom limits and step, as fractions of the normal size.
    pub const ZOOM_MIN: f32 = 0.5;
    pub const ZOOM_MAX: f32 = 3.0;
    pub const ZOOM_STEP: f32 = 0.1;

    /// Sets the zoom, kept within the limits and on whole percent.
    pub fn set_zoom(&mut self, zoom: f32) {
        self.zoom = if zoom.is_finite() {
            ((zoom * 100.0).round() / 100.0).clamp(Self::ZOOM_MIN, Self::ZOOM_MAX)
        } else {
            1.0
        };
    }

    /// The same settings with the zoom within its limits (a settings file may have been
    /// edited by hand).
    #[must_use]
    pub fn within_limits(mut self) -> Self {
        let zoom = self.zoom;
        self.set_zoom(zoom);
        self
    }

    /// The egui theme for the chosen light or dark.
    pub fn theme(&self) -> egui::Theme {
        if self.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        }
    }

    /// Zooms in (positive) or out (negative) by whole steps.
    pub fn zoom_by(&mut self, steps: f32) {
        self.set_zoom(self.zoom + steps * Self::ZOOM_STEP);
    }
}

/// The pages of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Overview,
    Compare,
    /// One treatment, by index.
    Detail(usize),
    Handout,
    Sources,
}

/// A loaded, valid dataset with what the app derives from it once.
pub struct Loaded {
    pub data: Arc<Dataset>,
    /// Lower-cased words of each treatment in both languages, for the search box: only
    /// what a person reads (names, texts, answers, questions), never the file's field names.
    haystacks: Vec<String>,
    /// What the dataset holds, counted once for the Sources page.
    pub stats: Stats,
}

impl Loaded {
    pub fn new(data: Dataset) -> Self {
        let haystacks = data
            .treatments
            .iter()
            .map(|t| {
                let mut words: Vec<&Text> = vec![&t.name, &t.short, &t.summary.text, &t.aim.text];
                for (_, list) in t.claim_lists() {
                    words.extend(list.iter().map(|c| &c.text));
                }
                words.extend(t.outcomes.iter().map(|o| &o.text));
                words.extend(t.preparations.iter().map(|p| &p.text));
                words.extend(t.follow_up.iter().map(|f| &f.text));
                words.extend(t.ask.iter());
                words.extend(
                    t.answers
                        .values()
                        .filter_map(crate::dataset::Answer::for_patient),
                );
                let mut s = t.id.clone();
                for (_, w) in words.into_iter().flat_map(|w| w.each()) {
                    s.push('\n');
                    s.push_str(w);
                }
                s.to_lowercase()
            })
            .collect();
        Loaded {
            stats: data.stats(),
            data: Arc::new(data),
            haystacks,
        }
    }

    /// Whether every word of `search` occurs in what the treatment says.
    pub fn matches(&self, index: usize, search: &str) -> bool {
        let hay = &self.haystacks[index];
        search
            .to_lowercase()
            .split_whitespace()
            .all(|w| hay.contains(w))
    }
}

/// What every view reads and none writes: the dataset, the patient, the verdicts, the
/// treatments chosen for comparison and the settings.
pub struct Consultation {
    pub loaded: Result<Loaded, Report>,
    pub profile: Profile,
    /// Verdicts for the current profile and scope, recomputed when either changes.
    pub assessments: Vec<Assessment>,
    /// The dataset's notices this profile triggers.
    pub notices: Vec<Text>,
    /// Treatments chosen for comparison, by index, in the order chosen.
    pub compare: Vec<usize>,
    pub settings: Settings,
}

impl Consultation {
    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    pub fn data(&self) -> Option<&Dataset> {
        self.loaded.as_ref().ok().map(|l| l.data.as_ref())
    }

    /// Recomputes the verdicts after the profile or the scope changed.
    fn reassess(&mut self) {
        (self.assessments, self.notices) = match &self.loaded {
            Ok(l) => (
                assessment::assess_with(&l.data, &self.profile, self.settings.scope),
                assessment::notices(&l.data, &self.profile)
                    .into_iter()
                    .map(|n| n.text.clone())
                    .collect(),
            ),
            Err(_) => (Vec::new(), Vec::new()),
        };
    }

    pub fn assessment(&self, index: usize) -> Option<&Assessment> {
        self.assessments.get(index)
    }

    /// The fields some treatment lists "to check before treatment", in table order.
    pub fn fields_to_check(&self) -> Vec<Field> {
        Field::ALL
            .iter()
            .copied()
            .filter(|f| {
                self.assessments
                    .iter()
                    .any(|a| a.checks.iter().any(|c| c.is_about(*f)))
            })
            .collect()
    }

    /// Whether the answers of the chosen treatments to a question differ, in either
    /// language or in their numbers.
    pub fn answers_differ(&self, question: &str) -> bool {
        let Some(d) = self.data() else { return false };
        let mut answers = self
            .compare
            .iter()
            .map(|&i| d.treatments[i].answers.get(question));
        let Some(first) = answers.next() else {
            return false;
        };
        answers.any(|a| !same_answer(a, first))
    }
}

/// Two answers say the same when their texts (both languages) and numbers are equal; the
/// citation does not matter.
fn same_answer(a: Option<&crate::dataset::Answer>, b: Option<&crate::dataset::Answer>) -> bool {
    use crate::dataset::Answer;
    match (a, b) {
        (
            Some(Answer::Stated {
                text: x, freq: fx, ..
            }),
            Some(Answer::Stated {
                text: y, freq: fy, ..
            }),
        ) => x == y && fx == fy,
        (Some(Answer::NotStated) | None, Some(Answer::NotStated) | None) => true,
        _ => false,
    }
}

/// Where the keyboard focus should go at the next frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FocusTarget {
    /// The first field of the patient profile.
    Profile,
    /// The first control of the current view.
    View,
}

/// What a view asks the app to do. Applied after the views have drawn, in one place.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A field typed or chosen, as text ("" = not entered).
    Enter(Field, String),
    NewPatient,
    Show(View),
    ToggleCompare(usize),
    ClearCompare,
    SetLang(Lang),
    SetScope(Scope),
    ToggleTheme,
    ZoomBy(f32),
    ZoomReset,
    Focus(FocusTarget),
    /// The clinician's name and department printed on handouts (remembered settings).
    SetClinician(String),
    SetDepartment(String),
    /// A message shown once in the status bar.
    Flash(String),
}

/// The whole app apart from the window: the consultation and each view's state.
pub struct AppState {
    pub consultation: Consultation,
    pub view: View,
    pub profile: ProfilePanel,
    pub overview: OverviewView,
    pub compare: CompareView,
    pub detail: DetailView,
    pub handout: HandoutView,
    pub sources: SourcesView,
    /// A message shown in the status bar until the next one.
    pub flash: Option<String>,
    /// Where the keyboard focus goes next frame (at start: the first patient field).
    pub focus: Option<FocusTarget>,
}

impl AppState {
    pub fn new(loaded: Result<Dataset, Report>, settings: Settings) -> Self {
        let mut consultation = Consultation {
            loaded: loaded.map(Loaded::new),
            profile: Profile::default(),
            assessments: Vec::new(),
            notices: Vec::new(),
            compare: Vec::new(),
            settings,
        };
        consultation.reassess();
        AppState {
            consultation,
            view: View::Overview,
            profile: ProfilePanel::default(),
            overview: OverviewView::default(),
            compare: CompareView::default(),
            detail: DetailView::default(),
            handout: HandoutView::default(),
            sources: SourcesView::default(),
            flash: None,
            focus: Some(FocusTarget::Profile),
        }
    }

    pub fn lang(&self) -> Lang {
        self.consultation.lang()
    }

    pub fn settings(&self) -> &Settings {
        &self.consultation.settings
    }

    /// Replaces the settings (the remembered ones at start); the verdicts follow a change
    /// of layer at once.
    pub fn set_settings(&mut self, settings: Settings) {
        let c = &mut self.consultation;
        let rescope = c.settings.scope != settings.scope;
        c.settings = settings;
        if rescope {
            c.reassess();
        }
    }

    /// Does what the views asked, in order.
    pub fn apply(&mut self, actions: Vec<Action>) {
        for action in actions {
            self.apply_one(action);
        }
    }

    fn apply_one(&mut self, action: Action) {
        let c = &mut self.consultation;
        match action {
            Action::Enter(field, text) => {
                let mut profile = c.profile.clone();
                let result = profile.set(field, &text);
                self.profile.entered(field, text, result.as_ref().err());
                match result {
                    Ok(()) => c.profile = profile,
                    // A refused value leaves the field unknown rather than stale.
                    Err(_) => c.profile.clear(field),
                }
                c.reassess();
            }
            Action::NewPatient => {
                c.profile = Profile::default();
                c.compare.clear();
                c.reassess();
                self.profile = ProfilePanel::default();
                // The patient's name and choices on the handout go with the patient.
                self.handout = HandoutView::default();
                self.focus = Some(FocusTarget::Profile);
            }
            Action::Show(view) => self.view = view,
            Action::ToggleCompare(index) => {
                if let Some(pos) = c.compare.iter().position(|&i| i == index) {
                    c.compare.remove(pos);
                } else if c.compare.len() < MAX_COMPARE {
                    c.compare.push(index);
                } else {
                    self.flash = Some(strings::at_most_compared(c.lang(), MAX_COMPARE));
                }
            }
            Action::ClearCompare => c.compare.clear(),
            Action::SetLang(lang) => c.settings.lang = lang,
            Action::SetScope(scope) => {
                c.settings.scope = scope;
                c.reassess();
            }
            Action::ToggleTheme => c.settings.dark = !c.settings.dark,
            Action::ZoomBy(steps) => c.settings.zoom_by(steps),
            Action::ZoomReset => c.settings.set_zoom(1.0),
            Action::Focus(target) => self.focus = Some(target),
            Action::SetClinician(name) => c.settings.clinician = name,
            Action::SetDepartment(name) => c.settings.department = name,
            Action::Flash(msg) => self.flash = Some(msg),
        }
    }

    /// Sets a field from typed text, as the profile panel does (for tests and benches).
    pub fn type_field(&mut self, field: Field, text: &str) {
        self.apply(vec![Action::Enter(field, text.to_owned())]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset;

    fn state() -> AppState {
        AppState::new(dataset::load_embedded(), Settings::default())
    }

    #[test]
    fn a_typed_value_updates_verdicts_and_a_bad_one_keeps_its_text() {
        let mut s = state();
        s.type_field(Field::Lesions, "12");
        assert_eq!(s.consultation.profile.num(Field::Lesions), Some(12.0));
        s.type_field(Field::Lesions, "12x");
        assert_eq!(s.profile.text(Field::Lesions), "12x");
        assert!(s.profile.error(Field::Lesions).is_some());
        assert_eq!(s.consultation.profile.num(Field::Lesions), None);
    }

    #[test]
    fn new_patient_forgets_everything() {
        let mut s = state();
        s.type_field(Field::Lesions, "3");
        s.type_field(Field::Grade, "g2");
        s.apply(vec![Action::ToggleCompare(0)]);
        s.handout.patient = "Jens".to_owned();
        s.apply(vec![Action::NewPatient]);
        assert_eq!(s.consultation.profile, Profile::default());
        assert!(s.profile.text(Field::Lesions).is_empty());
        assert!(s.consultation.compare.is_empty());
        assert!(s.handout.patient.is_empty());
        assert_eq!(s.focus, Some(FocusTarget::Profile));
    }

    #[test]
    fn compare_takes_at_most_four() {
        let mut s = state();
        s.apply((0..5).map(Action::ToggleCompare).collect());
        assert_eq!(s.consultation.compare, vec![0, 1, 2, 3]);
        assert!(
            s.flash
                .as_deref()
                .is_some_and(|f| f.contains(&MAX_COMPARE.to_string()))
        );
        s.apply(vec![Action::ToggleCompare(1)]);
        assert_eq!(s.consultation.compare, vec![0, 2, 3]);
    }

    #[test]
    fn search_reads_what_people_read_not_the_files_field_names() {
        let s = state();
        let Ok(l) = &s.consultation.loaded else {
            unreachable!()
        };
        let found = |w: &str| (0..7).filter(|&i| l.matches(i, w)).count();
        for field_name in ["quote", "locator", "cite", "side_effects_common", "verdict"] {
            assert_eq!(found(field_name), 0, "{field_name}");
        }
        assert_eq!(found("mikrosfær"), 1);
        assert!(found("feber") >= 3);
    }

    #[test]
    fn answers_differ_in_either_language() {
        let mut d = dataset::load_embedded().unwrap_or_default();
        // Same Danish, different English: still different.
        let q = "repeat";
        let a = d.treatments[3].answers[q].clone();
        let mut b = a.clone();
        if let crate::dataset::Answer::Stated { text, .. } = &mut b {
            text.get_mut(crate::dataset::Lang::En)
                .push_str(" (not quite)");
        }
        d.treatments[4].answers.insert(q.to_owned(), b);
        d.treatments[3].answers.insert(q.to_owned(), a.clone());
        let mut s = AppState::new(Ok(d), Settings::default());
        s.apply(vec![Action::ToggleCompare(3), Action::ToggleCompare(4)]);
        assert!(s.consultation.answers_differ(q));
    }
}
