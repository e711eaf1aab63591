//! The app's state, apart from drawing: what is loaded, the profile being edited, what is
//! selected, and the settings that are remembered. No clinical logic: verdicts come from
//! [`crate::assessment`].

use serde::{Deserialize, Serialize};

use crate::assessment::{self, Assessment, Profile};
use crate::dataset::rules::Field;
use crate::dataset::{Answer, Dataset, Lang, Report, Verdict};

/// At most this many treatments side by side.
pub const MAX_COMPARE: usize = 4;

/// Settings remembered between runs. The patient profile is deliberately not here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    pub zoom: f32,
    pub dark: bool,
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

/// Which treatments the overview lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    All,
    /// Eligible or caution.
    Fitting,
}

/// The profile fields typed as text, kept as typed so a half-typed value is not lost.
#[derive(Debug, Clone, Default)]
pub struct TypedInput {
    pub text: String,
    pub error: Option<String>,
}

/// A loaded, valid dataset with what the app derives from it once.
pub struct Loaded {
    pub data: Dataset,
    /// Lower-cased text of each treatment in both languages, for the search box.
    haystacks: Vec<String>,
}

impl Loaded {
    pub fn new(data: Dataset) -> Self {
        let haystacks = data
            .treatments
            .iter()
            .map(|t| {
                // Everything the dataset says about the treatment, both languages.
                let mut s = ron::to_string(t).unwrap_or_default();
                s.push(' ');
                s.push_str(&t.id);
                s.to_lowercase()
            })
            .collect();
        Loaded { data, haystacks }
    }
}

pub struct AppState {
    pub loaded: Result<Loaded, Report>,
    pub profile: Profile,
    /// Text boxes for the numeric fields (lesions, largest_cm).
    pub lesions_input: TypedInput,
    pub largest_input: TypedInput,
    /// Verdicts for the current profile, recomputed when it changes.
    pub assessments: Vec<Assessment>,
    /// The dataset's notices this profile triggers, in the interface's language order.
    pub notices: Vec<crate::dataset::Text>,
    pub view: View,
    pub filter: Filter,
    pub search: String,
    /// Treatments chosen for comparison, by index, in the order chosen.
    pub compare: Vec<usize>,
    pub settings: Settings,
    /// A message shown once in the status bar (e.g. "at most 4 treatments").
    pub flash: Option<String>,
    /// The handout view's choices and preview.
    pub handout: super::handout::HandoutState,
}

impl AppState {
    pub fn new(loaded: Result<Dataset, Report>, settings: Settings) -> Self {
        let mut s = AppState {
            loaded: loaded.map(Loaded::new),
            profile: Profile::default(),
            lesions_input: TypedInput::default(),
            largest_input: TypedInput::default(),
            assessments: Vec::new(),
            notices: Vec::new(),
            view: View::Overview,
            filter: Filter::All,
            search: String::new(),
            compare: Vec::new(),
            settings,
            flash: None,
            handout: super::handout::HandoutState::default(),
        };
        s.reassess();
        s
    }

    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    pub fn data(&self) -> Option<&Dataset> {
        self.loaded.as_ref().ok().map(|l| &l.data)
    }

    /// Recomputes the verdicts after the profile changed.
    pub fn reassess(&mut self) {
        (self.assessments, self.notices) = match &self.loaded {
            Ok(l) => (
                assessment::assess(&l.data, &self.profile),
                assessment::notices(&l.data, &self.profile)
                    .into_iter()
                    .map(|n| n.text.clone())
                    .collect(),
            ),
            Err(_) => (Vec::new(), Vec::new()),
        };
    }

    /// Sets a field from typed text; keeps the text and its error if it is refused.
    pub fn type_field(&mut self, field: Field, text: String) {
        let mut profile = self.profile.clone();
        let error = profile.set(field, &text).err().map(|e| e.to_string());
        let input = match field {
            Field::Lesions => &mut self.lesions_input,
            _ => &mut self.largest_input,
        };
        input.text = text;
        input.error = error;
        if input.error.is_none() {
            self.profile = profile;
        } else {
            // A refused value leaves the field unknown rather than stale.
            self.profile.clear(field);
        }
        self.reassess();
    }

    /// Sets a choice field (None = unknown).
    pub fn choose(&mut self, field: Field, value: Option<&str>) {
        let result = match value {
            Some(v) => self.profile.set(field, v),
            None => {
                self.profile.clear(field);
                Ok(())
            }
        };
        debug_assert!(
            result.is_ok(),
            "choice values come from the field's own options"
        );
        self.reassess();
    }

    /// Forgets the patient: every field back to unknown.
    pub fn new_patient(&mut self) {
        self.profile = Profile::default();
        self.lesions_input = TypedInput::default();
        self.largest_input = TypedInput::default();
        self.compare.clear();
        // The patient's name on the handout goes with the patient.
        self.handout = super::handout::HandoutState::default();
        self.reassess();
    }

    pub fn verdict(&self, index: usize) -> Option<Verdict> {
        self.assessments.get(index).map(|a| a.verdict)
    }

    /// The treatments the overview shows, by index, after filter and search.
    pub fn visible(&self) -> Vec<usize> {
        let Ok(l) = &self.loaded else {
            return Vec::new();
        };
        let words: Vec<String> = self
            .search
            .to_lowercase()
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        (0..l.data.treatments.len())
            .filter(|&i| {
                self.filter == Filter::All
                    || self.verdict(i).is_some_and(|v| v != Verdict::NotEligible)
            })
            .filter(|&i| words.iter().all(|w| l.haystacks[i].contains(w.as_str())))
            .collect()
    }

    /// Adds or removes a treatment from the comparison. Refuses a fifth one.
    pub fn toggle_compare(&mut self, index: usize) {
        if let Some(pos) = self.compare.iter().position(|&i| i == index) {
            self.compare.remove(pos);
        } else if self.compare.len() < MAX_COMPARE {
            self.compare.push(index);
        } else {
            self.flash = Some(match self.lang() {
                Lang::Da => format!("Højst {MAX_COMPARE} behandlinger kan sammenlignes ad gangen."),
                Lang::En => format!("At most {MAX_COMPARE} treatments can be compared at a time."),
            });
        }
    }

    /// Whether the answers of the chosen treatments to a question differ.
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

fn same_answer(a: Option<&Answer>, b: Option<&Answer>) -> bool {
    match (a, b) {
        (Some(Answer::Stated { text: x, .. }), Some(Answer::Stated { text: y, .. })) => {
            x.da == y.da
        }
        (Some(Answer::NotStated), Some(Answer::NotStated)) | (None, None) => true,
        _ => false,
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
        s.type_field(Field::Lesions, "12".to_owned());
        assert_eq!(s.profile.num(Field::Lesions), Some(12.0));
        s.type_field(Field::Lesions, "12x".to_owned());
        assert_eq!(s.lesions_input.text, "12x");
        assert!(s.lesions_input.error.is_some());
        assert_eq!(s.profile.num(Field::Lesions), None);
    }

    #[test]
    fn new_patient_forgets_everything() {
        let mut s = state();
        s.type_field(Field::Lesions, "3".to_owned());
        s.choose(Field::Grade, Some("g2"));
        s.toggle_compare(0);
        s.new_patient();
        assert_eq!(s.profile, Profile::default());
        assert!(s.lesions_input.text.is_empty());
        assert!(s.compare.is_empty());
    }

    #[test]
    fn compare_takes_at_most_four() {
        let mut s = state();
        for i in 0..5 {
            s.toggle_compare(i);
        }
        assert_eq!(s.compare, vec![0, 1, 2, 3]);
        assert!(s.flash.is_some());
        s.toggle_compare(1);
        assert_eq!(s.compare, vec![0, 2, 3]);
    }

    #[test]
    fn filter_and_search_narrow_the_list() {
        let mut s = state();
        assert_eq!(s.visible().len(), 7);
        s.choose(Field::Extrahepatic, Some("yes"));
        s.filter = Filter::Fitting;
        assert!(
            !s.visible().contains(&0),
            "resection is not eligible with spread"
        );
        s.filter = Filter::All;
        s.search = "mikrosfær".to_owned();
        let found = s.visible();
        assert!(found.contains(&3), "{found:?}");
        s.search = "zzzz-nothing".to_owned();
        assert!(s.visible().is_empty());
    }
}
