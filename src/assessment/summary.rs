//! The summary a clinician reads before the MDT, as data: each treatment's assessment (its
//! decisive reason is [`Assessment::decisive`]), what would change the verdicts and what to
//! settle, the facts entered that the chosen sources read, and where the sources differ on
//! the options still open. The journal note, the case sheet and `assess` word it at the
//! edge; nothing here is a sentence.

use super::{Assessment, Profile, Scope, WhatIf, assess_with, what_if};
use crate::dataset::fields::Field;
use crate::dataset::{Dataset, Disagreement, Verdict};

/// One profile summed up against the dataset.
#[derive(Debug, Clone)]
pub struct Summary<'d> {
    /// Every treatment, in dataset order.
    pub assessments: Vec<Assessment>,
    /// What would change each verdict, and the facts to settle, most verdicts first.
    pub what_if: WhatIf,
    /// The facts entered that the chosen layer reads, in the field table's order.
    pub entered: Vec<Field>,
    /// Where the sources differ, on a treatment not ruled out (or on the condition in
    /// general): a disagreement about an option already out changes nothing for the MDT.
    pub differ: Vec<&'d Disagreement>,
}

/// Sums up `p` against `d` with the sources of `scope`.
pub fn summarise<'d>(d: &'d Dataset, p: &Profile, scope: Scope) -> Summary<'d> {
    let assessments = assess_with(d, p, scope);
    let open = |id: &String| {
        assessments
            .iter()
            .any(|a| &a.treatment == id && a.verdict != Verdict::NotEligible)
    };
    let differ = d
        .disagreements
        .iter()
        .filter(|x| scope.admits_disagreement(d, x))
        .filter(|x| x.treatments.is_empty() || x.treatments.iter().any(open))
        .collect();
    Summary {
        what_if: what_if(d, p, scope),
        entered: Field::ALL
            .iter()
            .copied()
            .filter(|f| p.is_set(*f) && scope.asks(*f))
            .collect(),
        differ,
        assessments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset;

    #[test]
    fn differences_on_options_ruled_out_are_left_out() {
        let d = dataset::load_embedded().unwrap();
        let mut p = Profile::default();
        // NEC with spread and 30 metastases rules out all but palliative surgery: only the
        // disagreements that bear on it (or on the condition in general) are left.
        p.set(Field::Grade, "nec").unwrap();
        p.set(Field::Extrahepatic, "yes").unwrap();
        p.set(Field::Lesions, "30").unwrap();
        let s = summarise(&d, &p, Scope::WithGuidelines);
        let open: Vec<&str> = s
            .assessments
            .iter()
            .filter(|a| a.verdict != Verdict::NotEligible)
            .map(|a| a.treatment.as_str())
            .collect();
        assert_eq!(open, ["debulking"]);
        for x in &s.differ {
            assert!(
                x.treatments.is_empty() || x.treatments.iter().any(|t| t == "debulking"),
                "{}",
                x.id
            );
        }
        assert!(
            s.differ
                .iter()
                .any(|x| x.treatments.iter().any(|t| t == "debulking"))
        );
        // With nothing entered every option is open: every disagreement is shown.
        let all = summarise(&d, &Profile::default(), Scope::WithGuidelines);
        let admitted = d
            .disagreements
            .iter()
            .filter(|x| Scope::WithGuidelines.admits_disagreement(&d, x))
            .count();
        assert_eq!(all.differ.len(), admitted);
        assert!(all.entered.is_empty());
        assert!(s.differ.len() < all.differ.len());
        assert_eq!(
            s.entered,
            vec![Field::Lesions, Field::Extrahepatic, Field::Grade]
        );
    }
}
