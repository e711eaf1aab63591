//! The dataset's vocabulary: the closed sets of words its files use (kinds of source,
//! verdicts, aims, frequencies, spans of time). A leaf of the dataset layer: the schema
//! ([`super::model`]) and the rule language ([`super::rules`]) both use it, it uses
//! neither.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What kind of source a claim rests on, weakest last. Shown beside every claim that rests
/// on it, so the clinician sees how strong it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// The patient-information page, quoted verbatim.
    PatientPage,
    /// A country's official programme.
    NationalGuideline,
    /// An expert consensus paper.
    Consensus,
    /// A randomised trial or its protocol.
    Trial,
    /// A study of a series of patients.
    Cohort,
    Review,
    /// A hospital's own patient or procedure text.
    HospitalPractice,
    /// Another patient-information page, cited with a locator (its text is not checked).
    PatientInformation,
    /// One or a few patients described (a case report).
    CaseReport,
    /// News of a congress talk: the weakest.
    Report,
}

impl Evidence {
    pub const ALL: [Evidence; 10] = [
        Evidence::PatientPage,
        Evidence::NationalGuideline,
        Evidence::Consensus,
        Evidence::Trial,
        Evidence::Cohort,
        Evidence::Review,
        Evidence::HospitalPractice,
        Evidence::PatientInformation,
        Evidence::CaseReport,
        Evidence::Report,
    ];

    /// The evidence type in words.
    /// The patient page is the first layer; everything else is the guideline layer.
    pub fn is_literature(self) -> bool {
        self != Evidence::PatientPage
    }

    /// The id as written in the dataset and the JSON.
    pub fn id(self) -> &'static str {
        match self {
            Evidence::PatientPage => "patient_page",
            Evidence::NationalGuideline => "national_guideline",
            Evidence::Consensus => "consensus",
            Evidence::Trial => "trial",
            Evidence::Cohort => "cohort",
            Evidence::Review => "review",
            Evidence::HospitalPractice => "hospital_practice",
            Evidence::PatientInformation => "patient_information",
            Evidence::CaseReport => "case_report",
            Evidence::Report => "report",
        }
    }
}

/// A natural frequency: how many out of 100 people.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Freq {
    /// "low-high of 100", optionally with an average.
    Range {
        low: u32,
        high: u32,
        #[serde(default)]
        average: Option<u32>,
    },
    /// "about n of 100".
    About(u32),
    /// "more than n of 100".
    MoreThan(u32),
}

impl Freq {
    /// The part of 100 that is certain, and the upper end of the uncertain part.
    pub fn bounds(self) -> (u32, u32) {
        match self {
            Freq::Range { low, high, .. } => (low, high),
            Freq::About(n) => (n, n),
            Freq::MoreThan(n) => (n, 100),
        }
    }
}

/// What a treatment aims at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aim {
    /// Remove the liver metastases completely (what the page promises; not "cure").
    CompleteRemoval,
    /// Relieve hormonal or pressure symptoms.
    SymptomRelief,
    /// Hold the disease down without removing it.
    DiseaseControl,
}

/// The verdict of the assessment for one treatment. Ordered from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Eligible,
    Caution,
    NotEligible,
}

impl Verdict {
    pub const ALL: [Verdict; 3] = [Verdict::Eligible, Verdict::Caution, Verdict::NotEligible];

    /// The id used in rules and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Verdict::Eligible => "eligible",
            Verdict::Caution => "caution",
            Verdict::NotEligible => "not_eligible",
        }
    }

    pub fn from_id(id: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.id() == id)
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A unit of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    Days,
    Weeks,
    Months,
    Years,
}

/// A span of time, "low-high unit" (low == high for a single point).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interval {
    pub low: f32,
    pub high: f32,
    pub unit: TimeUnit,
}

/// How the source speaks of a treatment whose criteria are all met: it offers it ("får man
/// tilbudt", "kan kun anvendes, hvis"), or it only permits it ("kan man eventuelt", "kan
/// også", "en nyere mulighed"). The badge of an eligible verdict says which, so it never
/// reads as a recommendation the source does not make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EligibleAs {
    /// The source's criteria are met.
    CriteriaMet,
    /// The source says it may be considered.
    MayBeConsidered,
}

impl Verdict {
    /// A symbol that tells the verdicts apart without colour.
    pub fn icon(self) -> &'static str {
        match self {
            Verdict::Eligible => "✔",
            Verdict::Caution => "⚠",
            Verdict::NotEligible => "✖",
        }
    }
}
