//! Walks over a whole dataset: every citation with the path of its item, every text a
//! patient reads, and the counts the Sources page shows.

use std::collections::BTreeMap;

use super::model::{
    Answer, Cite, Claim, Dataset, FollowUp, Lang, Outcome, Preparation, Rule, Text,
};

/// Counts of what a dataset holds, for summaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub treatments: usize,
    pub questions: usize,
    pub sources: usize,
    /// Criteria and rules.
    pub rules: usize,
    /// Citations whose quoted words are checked against the source's text.
    pub quoted: usize,
    /// Citations of literature, resting on a locator (our own words, nothing to check).
    pub located: usize,
}

impl Dataset {
    /// Calls `f` with every citation as written in the dataset, and the path of the item
    /// that carries it (`treatments[2].rules[0]`, `pathways[1].preparations[3]`). An item a
    /// treatment takes from a pathway is visited once, at the pathway; a treatment's own
    /// items are counted from 0 after those it inherits.
    pub fn visit_cites(&self, f: &mut dyn FnMut(&str, &Cite)) {
        fn claims(p: &str, name: &str, list: &[Claim], f: &mut dyn FnMut(&str, &Cite)) {
            for (k, c) in list.iter().filter(|c| c.from.is_none()).enumerate() {
                f(&format!("{p}{name}[{k}]"), &c.cite);
            }
        }
        fn own<T>(list: &[T], from: impl Fn(&T) -> bool) -> impl Iterator<Item = (usize, &T)> {
            list.iter().filter(move |x| !from(x)).enumerate()
        }
        for (k, x) in self.facts.iter().enumerate() {
            f(&format!("facts[{k}]"), &x.cite);
        }
        claims("", "choice_factors", &self.choice_factors, f);
        claims("", "checks", &self.checks, f);
        for (k, x) in self.settled_by.iter().enumerate() {
            if let Some(c) = &x.cite {
                f(&format!("settled_by[{k}]"), c);
            }
        }
        for (k, x) in self.notices.iter().enumerate() {
            f(&format!("notices[{k}]"), &x.cite);
        }
        for (i, x) in self.disagreements.iter().enumerate() {
            claims(
                &format!("disagreements[{i}]."),
                "positions",
                &x.positions,
                f,
            );
        }
        for (i, pw) in self.pathways.iter().enumerate() {
            let p = format!("pathways[{i}].");
            pw.visit_own_cites(&p, f);
        }
        for (i, t) in self.treatments.iter().enumerate() {
            let p = format!("treatments[{i}].");
            f(&format!("{p}summary"), &t.summary.cite);
            f(&format!("{p}aim"), &t.aim.cite);
            for (name, list) in t.claim_lists() {
                claims(&p, name, list, f);
            }
            claims(&p, "checks", &t.checks, f);
            for (k, x) in own(&t.outcomes, |x| x.from.is_some()) {
                f(&format!("{p}outcomes[{k}]"), &x.cite);
            }
            for (k, x) in own(&t.preparations, |x| x.from.is_some()) {
                f(&format!("{p}preparations[{k}]"), &x.cite);
            }
            for (k, x) in own(&t.follow_up, |x| x.from.is_some()) {
                f(&format!("{p}follow_up[{k}]"), &x.cite);
            }
            for (k, c) in own(&t.criteria, |x| x.from.is_some()) {
                let path = format!("{p}criteria[{k}]");
                f(&path, &c.cite);
                c.also.iter().for_each(|a| f(&path, a));
            }
            for (k, r) in own(&t.rules, |x| x.from.is_some()) {
                let path = format!("{p}rules[{k}]");
                f(&path, &r.cite);
                r.also.iter().for_each(|a| f(&path, a));
            }
            for (q, a) in &t.answers {
                if let Answer::Stated { cite, .. } = a
                    && !t.inherited_answers.contains(q)
                {
                    f(&format!("{p}answers.{q}"), cite);
                }
            }
        }
    }

    /// Every text the dataset gives a patient to read in `lang`: the plain wordings of its
    /// claims (the claim's own words where it has none), the handout's lines on risks, the
    /// "no treatment" answers, "What matters to me" and the questions to ask. Each written
    /// text once.
    pub fn patient_texts(&self, lang: Lang) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut add = |t: &Text| out.push(t.get(lang).to_owned());
        let claims = |list: &[Claim], add: &mut dyn FnMut(&Text)| {
            for c in list.iter().filter(|c| c.from.is_none()) {
                add(c.for_patient());
            }
        };
        for f in &self.facts {
            add(f.plain.as_ref().unwrap_or(&f.text));
        }
        claims(&self.choice_factors, &mut add);
        for t in &self.priorities {
            add(t);
        }
        for t in &self.ask {
            add(t);
        }
        let answers = |a: &BTreeMap<String, Answer>, add: &mut dyn FnMut(&Text)| {
            for x in a.values() {
                if let Some(t) = x.for_patient() {
                    add(t);
                }
            }
        };
        if let Some(x) = &self.no_treatment {
            answers(&x.answers, &mut add);
        }
        let items = |outcomes: &[Outcome],
                     preps: &[Preparation],
                     follow: &[FollowUp],
                     rules: &[Rule],
                     lists: &[&[Claim]],
                     ask: &[Text],
                     add: &mut dyn FnMut(&Text)| {
            for o in outcomes.iter().filter(|o| o.from.is_none()) {
                add(o.plain.as_ref().unwrap_or(&o.text));
            }
            for p in preps.iter().filter(|p| p.from.is_none()) {
                add(p.plain.as_ref().unwrap_or(&p.text));
            }
            for f in follow.iter().filter(|f| f.from.is_none()) {
                add(f.plain.as_ref().unwrap_or(&f.text));
            }
            for r in rules.iter().filter(|r| r.from.is_none()) {
                if let Some(t) = &r.patient {
                    add(t);
                }
            }
            for list in lists {
                claims(list, add);
            }
            for t in ask {
                add(t);
            }
        };
        for p in &self.pathways {
            items(
                &p.outcomes,
                &p.preparations,
                &p.follow_up,
                &p.rules,
                &[&p.procedure, &p.side_effects_common, &p.side_effects_rare],
                &p.ask,
                &mut add,
            );
            answers(&p.answers, &mut add);
        }
        for t in &self.treatments {
            add(t.summary.for_patient());
            add(t.aim.for_patient());
            items(
                &t.outcomes,
                &t.preparations,
                &t.follow_up,
                &t.rules,
                &[&t.procedure, &t.side_effects_common, &t.side_effects_rare],
                &[],
                &mut add,
            );
            let own: BTreeMap<String, Answer> = t
                .answers
                .iter()
                .filter(|(q, _)| !t.inherited_answers.contains(q))
                .map(|(q, a)| (q.clone(), a.clone()))
                .collect();
            answers(&own, &mut add);
        }
        out
    }

    pub fn stats(&self) -> Stats {
        let (mut quoted, mut located) = (0, 0);
        self.visit_cites(&mut |_, c| {
            if self.cites_literature(c) {
                located += 1;
            } else {
                quoted += 1;
            }
        });
        Stats {
            treatments: self.treatments.len(),
            questions: self.questions.len(),
            sources: self.sources.len(),
            rules: self
                .treatments
                .iter()
                .map(|t| {
                    t.rules.iter().filter(|r| r.from.is_none()).count()
                        + t.criteria.iter().filter(|c| c.from.is_none()).count()
                })
                .chain(
                    self.pathways
                        .iter()
                        .map(|p| p.rules.len() + p.criteria.len()),
                )
                .sum(),
            quoted,
            located,
        }
    }
}
