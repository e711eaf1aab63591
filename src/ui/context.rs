//! What every view reads and what a view may ask for: the consultation (dataset, patient,
//! verdicts, comparison, settings), the pages, and the actions. A leaf of the UI: it
//! imports no view; the shell ([`super::app`]) owns the views and applies the actions.
//! No clinical logic: verdicts come from [`crate::assessment`].

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::assessment::{self, Assessment, Profile, Scope};
use crate::dataset::fields::Field;
use crate::dataset::{Dataset, Lang, Stats, Text};

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
    pub loaded: Loaded,
    pub profile: Profile,
    /// Verdicts for the current profile and scope, recomputed when either changes.
    pub assessments: Vec<Assessment>,
    /// The dataset's notices this profile triggers.
    pub notices: Vec<Text>,
    /// What would change each verdict, and the facts to settle before the MDT.
    pub what_if: assessment::WhatIf,
    /// Treatments chosen for comparison, by index, in the order chosen.
    pub compare: Vec<usize>,
    pub settings: Settings,
}

impl Consultation {
    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    pub fn data(&self) -> &Dataset {
        &self.loaded.data
    }

    /// A consultation on `data` with nobody entered yet.
    pub fn new(data: Dataset, settings: Settings) -> Self {
        let mut c = Consultation {
            loaded: Loaded::new(data),
            profile: Profile::default(),
            assessments: Vec::new(),
            notices: Vec::new(),
            what_if: assessment::WhatIf::default(),
            compare: Vec::new(),
            settings,
        };
        c.reassess();
        c
    }

    /// Recomputes the verdicts after the profile or the scope changed.
    pub(super) fn reassess(&mut self) {
        let data = &self.loaded.data;
        self.assessments = assessment::assess_with(data, &self.profile, self.settings.scope);
        self.notices = assessment::notices(data, &self.profile)
            .into_iter()
            .map(|n| n.text.clone())
            .collect();
        self.what_if = assessment::what_if(data, &self.profile, self.settings.scope);
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
        let d = self.data();
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
    /// Save the handout on screen (a file dialog, or the fallback folder).
    SaveHandout,
    /// Print the handout on screen.
    PrintHandout,
    /// Put the journal note on the clipboard.
    CopyNote,
    /// Save the MDT case sheet of this consultation.
    SaveSheet,
    /// Print the MDT case sheet of this consultation.
    PrintSheet,
}
