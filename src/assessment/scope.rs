//! Which sources speak, and which of their claims each reader sees: the one place that
//! decides it for the verdicts, the clinician's views, the cards and the patient's handout.

use super::{Prep, is_literature};
use crate::dataset::fields::{Field, Layer};
use crate::dataset::{Cite, Dataset, Disagreement};

/// Which sources the assessment listens to: the patient page alone, or the page with the
/// guideline layer (national guidelines, consensus papers and studies).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    PageOnly,
    #[default]
    WithGuidelines,
}

impl Scope {
    /// Whether a claim resting on `cite` speaks in this scope: with the patient page only,
    /// the guideline layer's claims stay out.
    pub fn admits(self, d: &Dataset, cite: &Cite) -> bool {
        self == Scope::WithGuidelines || !is_literature(d, cite)
    }

    /// Whether a disagreement between sources is shown in this scope: only with the
    /// guidelines, since every disagreement sets the page beside other sources (or other
    /// sources beside each other).
    pub fn admits_disagreement(self, _d: &Dataset, _x: &Disagreement) -> bool {
        self == Scope::WithGuidelines
    }

    /// Whether this scope asks for `field`: with the patient page only, the guideline
    /// layer's fields have no say.
    pub fn asks(self, field: Field) -> bool {
        self == Scope::WithGuidelines || field.spec().layer == Layer::Page
    }
}

/// Who reads a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// The clinician's detail view and command line: every claim of the sources in scope.
    Clinician,
    /// A treatment's card in the overview: its figures from the patient page only (the
    /// guidelines' figures need their context, which the detail view gives).
    Card,
    /// The patient's handout: the patient page's words, and of the guideline layer only
    /// what is known to change this patient's preparation.
    Patient,
}

impl Scope {
    /// Whether `reader` sees a claim resting on `cite`.
    pub fn shows(self, d: &Dataset, cite: &Cite, reader: Reader) -> bool {
        match reader {
            Reader::Clinician => self.admits(d, cite),
            Reader::Card | Reader::Patient => !is_literature(d, cite),
        }
    }

    /// Whether `reader` sees a preparation that applies to the patient.
    pub fn shows_prep(self, d: &Dataset, p: &Prep, reader: Reader) -> bool {
        match reader {
            Reader::Patient => !is_literature(d, &p.cite) || (p.tailored && !p.conditional),
            Reader::Clinician | Reader::Card => self.admits(d, &p.cite),
        }
    }
}
