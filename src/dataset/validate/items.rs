//! Treatments, pathways and their items: ids, references, answers, the pathways a
//! treatment takes and how their items reach it.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::Validator;
use super::wording::is_date;
use crate::dataset::model::{
    About, Alternative, Answer, Claim, Criterion, Pathway, Preparation, Rule, Treatment,
};
use crate::dataset::rules::Cond;

impl Validator<'_> {
    pub(super) fn treatment(
        &mut self,
        i: usize,
        t: &mut Treatment,
        ids: &[String],
        questions: &[String],
        question_ids: &HashSet<String>,
    ) {
        let p = format!("treatments[{i}]");
        self.text(&format!("{p}.name"), &t.name);
        self.text(&format!("{p}.short"), &t.short);
        if t.aims.is_empty() {
            self.error(
                &format!("{p}.aims"),
                format!("treatment `{}` has no aims", t.id),
                Some("add e.g. `aims: [cure]` (cure, symptom_relief, disease_control)"),
            );
        }
        self.claim(&format!("{p}.summary"), &t.summary);
        self.claim(&format!("{p}.aim"), &t.aim);
        for (field, list) in t.claim_lists() {
            for (k, c) in list.iter().enumerate() {
                self.claim(&format!("{p}.{field}[{k}]"), c);
            }
        }
        if t.eligible_as.is_none() {
            self.error(
                &format!("{p}.eligible_as"),
                format!("treatment `{}` does not say how the source speaks of it", t.id),
                Some("add `eligible_as: Some(criteria_met),` where the source offers it when its criteria hold, or `Some(may_be_considered),` where it only permits it (\"eventuelt\", \"kan også\", \"en nyere mulighed\")"),
            );
        }
        let own = t.id.clone();
        self.items(&p, ItemsMut::of_treatment(t), &ids[..i], &own);
        for (k, q) in t.ask.iter().enumerate() {
            self.text(&format!("{p}.ask[{k}]"), q);
        }
        for (k, c) in t.checks.iter().enumerate() {
            self.claim(&format!("{p}.checks[{k}]"), c);
        }
        self.answers(&p, &t.answers, questions, question_ids);
    }

    /// The items a treatment or a pathway holds: outcomes, follow-up, preparations,
    /// criteria and rules. `earlier` are the treatments whose verdicts they may read.
    pub(super) fn items(&mut self, p: &str, it: ItemsMut<'_>, earlier: &[String], own: &str) {
        for (k, o) in it.outcomes.iter().enumerate() {
            let op = format!("{p}.outcomes[{k}]");
            self.text(&format!("{op}.text"), &o.text);
            self.cite(&op, &o.cite);
            self.plain(&format!("{op}.plain"), o.plain.as_ref(), &o.cite);
            self.plain(&format!("{op}.timeframe"), o.timeframe.as_ref(), &o.cite);
            for (name, words) in [("helped", &o.helped), ("not_helped", &o.not_helped)] {
                if let Some(w) = words {
                    self.text(&format!("{op}.{name}"), w);
                }
            }
            if o.freq.is_some()
                && (o.helped.is_none() || o.not_helped.is_none())
                && !self.literature.contains(&o.cite.source)
            {
                self.error(
                    &op,
                    "an outcome with a frequency says how many are helped but not both ways",
                    Some("add `helped: Some((da: ..., en: ...))` and `not_helped: Some(...)`: the handout says how many it helps and how many it does not"),
                );
            }
            if let Some(freq) = o.freq {
                self.freq(&format!("{op}.freq"), freq);
            }
        }
        for (k, f) in it.follow_up.iter().enumerate() {
            let fp = format!("{p}.follow_up[{k}]");
            self.interval(&format!("{fp}.after"), f.after);
            self.text(&format!("{fp}.text"), &f.text);
            self.cite(&fp, &f.cite);
            self.plain(&format!("{fp}.plain"), f.plain.as_ref(), &f.cite);
        }
        for (k, prep) in it.preparations.iter_mut().enumerate() {
            self.preparation(&format!("{p}.preparations[{k}]"), prep);
        }
        for (k, c) in it.criteria.iter_mut().enumerate() {
            self.criterion(&format!("{p}.criteria[{k}]"), c, earlier, own);
        }
        for (k, r) in it.rules.iter_mut().enumerate() {
            self.rule(&format!("{p}.rules[{k}]"), r, earlier, own);
        }
    }

    /// A pathway: its items, valid for any treatment (the order of verdict references is
    /// checked for each treatment that takes it).
    pub(super) fn pathway(
        &mut self,
        k: usize,
        pw: &mut Pathway,
        ids: &[String],
        questions: &[String],
        question_ids: &HashSet<String>,
    ) {
        let p = format!("pathways[{k}]");
        self.text(&format!("{p}.name"), &pw.name);
        let empty = pw.criteria.is_empty()
            && pw.rules.is_empty()
            && pw.preparations.is_empty()
            && pw.checks.is_empty()
            && pw.procedure.is_empty()
            && pw.outcomes.is_empty()
            && pw.side_effects_common.is_empty()
            && pw.side_effects_rare.is_empty()
            && pw.follow_up.is_empty()
            && pw.suited.is_empty()
            && pw.not_suited.is_empty()
            && pw.answers.is_empty()
            && pw.ask.is_empty();
        if empty {
            self.error(
                &p,
                format!("the pathway `{}` holds nothing", pw.id),
                Some("give it criteria, rules, preparations, checks or texts, or remove it"),
            );
        }
        let lists: [(&str, &[Claim]); 6] = [
            ("checks", &pw.checks),
            ("procedure", &pw.procedure),
            ("side_effects_common", &pw.side_effects_common),
            ("side_effects_rare", &pw.side_effects_rare),
            ("suited", &pw.suited),
            ("not_suited", &pw.not_suited),
        ];
        for (name, list) in lists {
            for (i, c) in list.iter().enumerate() {
                self.claim(&format!("{p}.{name}[{i}]"), c);
            }
        }
        for (i, q) in pw.ask.iter().enumerate() {
            self.text(&format!("{p}.ask[{i}]"), q);
        }
        self.items(&p, ItemsMut::of_pathway(pw), ids, PATHWAY);
        self.answers(&p, &pw.answers, questions, question_ids);
    }

    /// What a treatment takes from its pathways: each exists, is taken once and reads only
    /// the verdicts of treatments listed before it; with them, the treatment has criteria,
    /// answers every grid question once, and its item ids stay unique.
    pub(super) fn taken_pathways(
        &mut self,
        i: usize,
        t: &Treatment,
        pathways: &[Pathway],
        questions: &[String],
    ) {
        let p = format!("treatments[{i}]");
        let known: Vec<&str> = pathways.iter().map(|x| x.id.as_str()).collect();
        let mut taken: Vec<&Pathway> = Vec::new();
        for (k, id) in t.pathways.iter().enumerate() {
            let at = format!("{p}.pathways[{k}]");
            let Some(pw) = pathways.iter().find(|x| x.id == *id) else {
                self.error(
                    &at,
                    format!("`{id}` is not a pathway of this dataset"),
                    Some(&format!(
                        "use one of: {}",
                        if known.is_empty() {
                            "(none)".to_owned()
                        } else {
                            known.join(", ")
                        }
                    )),
                );
                continue;
            };
            if taken.iter().any(|x| x.id == pw.id) {
                self.error(
                    &at,
                    format!("the pathway `{id}` is listed twice"),
                    Some("list it once"),
                );
                continue;
            }
            for r in pathway_verdict_refs(pw) {
                if r == t.id {
                    self.error(
                        &at,
                        format!("the pathway `{id}` reads the verdict of `{r}`, which takes it: a treatment cannot depend on its own verdict"),
                        Some("take the pathway only on treatments listed after the one whose verdict it reads"),
                    );
                } else if !self.earlier(i, &r) {
                    self.error(
                        &at,
                        format!("the pathway `{id}` reads the verdict of `{r}`, which is not listed before `{}`", t.id),
                        Some("a rule may only read the verdicts of treatments listed before the one it applies to"),
                    );
                }
            }
            taken.push(pw);
        }
        if t.criteria.is_empty() && taken.iter().all(|x| x.criteria.is_empty()) {
            self.error(
                &format!("{p}.criteria"),
                format!("treatment `{}` has no criteria, so it could never be eligible", t.id),
                Some("add `criteria: [Criterion(when: ..., requires: ..., otherwise: caution, unmet: ..., cite: ...)]` with what the source requires, or take a pathway that has them"),
            );
        }
        for q in questions {
            if t.answers.contains_key(q) {
                continue;
            }
            let from: Vec<&str> = taken
                .iter()
                .filter(|x| x.answers.contains_key(q))
                .map(|x| x.id.as_str())
                .collect();
            match from.as_slice() {
                [_] => {}
                [] => self.error(
                    &format!("{p}.answers"),
                    format!("treatment `{}` does not answer the grid question `{q}`", t.id),
                    Some(&format!(
                        "add `\"{q}\": Stated(text: (da: ..., en: ...), cite: ...)`, or `\"{q}\": NotStated` if the source does not say"
                    )),
                ),
                several => self.error(
                    &format!("{p}.answers"),
                    format!(
                        "treatment `{}` gets an answer to `{q}` from several pathways: {}",
                        t.id,
                        several.join(", ")
                    ),
                    Some("answer it in the treatment itself, or in one pathway only"),
                ),
            }
        }
        // Ids stay unique across the treatment and what it takes.
        let mut seen: HashMap<&str, &str> = HashMap::new();
        let mut outcome_ids: HashMap<&str, &str> = HashMap::new();
        let own = format!("treatment `{}`", t.id);
        let sources = taken
            .iter()
            .map(|x| (format!("pathway `{}`", x.id), *x))
            .collect::<Vec<_>>();
        let mut dup = Vec::new();
        for (who, pw) in &sources {
            for x in &pw.preparations {
                if let Some(other) = seen.insert(&x.id, who) {
                    dup.push(("preparations", x.id.clone(), other.to_owned(), who.clone()));
                }
            }
            for x in &pw.outcomes {
                if let Some(other) = outcome_ids.insert(&x.id, who) {
                    dup.push(("outcomes", x.id.clone(), other.to_owned(), who.clone()));
                }
            }
        }
        for x in &t.preparations {
            if let Some(other) = seen.insert(&x.id, &own) {
                dup.push(("preparations", x.id.clone(), other.to_owned(), own.clone()));
            }
        }
        for x in &t.outcomes {
            if let Some(other) = outcome_ids.insert(&x.id, &own) {
                dup.push(("outcomes", x.id.clone(), other.to_owned(), own.clone()));
            }
        }
        for (list, id, a, b) in dup {
            let message = if a == b {
                format!("the id `{id}` is used twice in the {list} of {a}")
            } else {
                format!(
                    "the id `{id}` is in the {list} of both {a} and {b}, which `{}` takes together",
                    t.id
                )
            };
            self.error(
                &format!("{p}.{list}"),
                message,
                Some("give each item its own id"),
            );
        }
    }

    /// Whether treatment `r` is listed before treatment `i`.
    pub(super) fn earlier(&self, i: usize, r: &str) -> bool {
        self.treatment_ids
            .iter()
            .position(|x| x == r)
            .is_some_and(|k| k < i)
    }

    pub(super) fn answer(&mut self, ap: &str, a: &Answer) {
        match a {
            Answer::Stated {
                text,
                cite,
                freq,
                plain,
                short,
            } => {
                self.text(&format!("{ap}.text"), text);
                self.cite(ap, cite);
                self.plain(&format!("{ap}.plain"), plain.as_ref(), cite);
                self.plain(&format!("{ap}.short"), short.as_ref(), cite);
                if let Some(freq) = freq {
                    self.freq(&format!("{ap}.freq"), *freq);
                }
            }
            Answer::Template { text, short } => {
                self.text(&format!("{ap}.text"), text);
                if let Some(short) = short {
                    self.text(&format!("{ap}.short"), short);
                }
            }
            Answer::NotStated => {}
        }
    }

    /// The "no liver-directed treatment now" option answers every grid question too.
    pub(super) fn alternative(
        &mut self,
        x: &Alternative,
        questions: &[String],
        question_ids: &HashSet<String>,
    ) {
        let p = "no_treatment";
        self.text(&format!("{p}.name"), &x.name);
        for q in questions {
            if !x.answers.contains_key(q) {
                self.error(
                    &format!("{p}.answers"),
                    format!("\"no liver-directed treatment now\" does not answer the grid question `{q}`"),
                    Some(&format!("add `\"{q}\": NotStated` or `\"{q}\": Template(text: (da: ..., en: ...))`")),
                );
            }
        }
        self.answers(p, &x.answers, questions, question_ids);
    }

    /// The answers of one grid column: each to a question of the grid, each well formed.
    pub(super) fn answers(
        &mut self,
        p: &str,
        answers: &BTreeMap<String, Answer>,
        questions: &[String],
        question_ids: &HashSet<String>,
    ) {
        for (q, a) in answers {
            let ap = format!("{p}.answers.{q}");
            if !question_ids.contains(q) {
                self.error(
                    &ap,
                    format!("`{q}` is not a question of the comparison grid"),
                    Some(&format!("the questions are: {}", questions.join(", "))),
                );
            }
            self.answer(&ap, a);
        }
    }

    /// The "About this leaflet" box: every field, in both languages.
    pub(super) fn about(&mut self, a: &About) {
        for (name, text) in [
            ("editor", &a.editor),
            ("clinical_review", &a.clinical_review),
            ("funding", &a.funding),
            ("conflicts", &a.conflicts),
            ("update_policy", &a.update_policy),
            ("evidence", &a.evidence),
        ] {
            self.text(&format!("about.{name}"), text);
        }
        if !is_date(&a.next_review) {
            self.error(
                "about.next_review",
                format!("the next review {:?} is not a date", a.next_review),
                Some("write `next_review: \"2027-05-28\",` (YYYY-MM-DD)"),
            );
        }
    }
}

/// The `own` name the items of a pathway are validated under.
pub(super) const PATHWAY: &str = "\u{0}pathway";

/// The items of a treatment or a pathway that the same checks apply to.
pub(super) struct ItemsMut<'a> {
    outcomes: &'a [crate::dataset::model::Outcome],
    follow_up: &'a [crate::dataset::model::FollowUp],
    preparations: &'a mut [Preparation],
    criteria: &'a mut [Criterion],
    rules: &'a mut [Rule],
}

impl<'a> ItemsMut<'a> {
    fn of_treatment(t: &'a mut Treatment) -> Self {
        ItemsMut {
            outcomes: &t.outcomes,
            follow_up: &t.follow_up,
            preparations: &mut t.preparations,
            criteria: &mut t.criteria,
            rules: &mut t.rules,
        }
    }

    fn of_pathway(p: &'a mut Pathway) -> Self {
        ItemsMut {
            outcomes: &p.outcomes,
            follow_up: &p.follow_up,
            preparations: &mut p.preparations,
            criteria: &mut p.criteria,
            rules: &mut p.rules,
        }
    }
}

/// The treatments whose verdicts a pathway's conditions read.
pub(super) fn pathway_verdict_refs(pw: &Pathway) -> Vec<String> {
    let mut out: Vec<String> = pw
        .criteria
        .iter()
        .map(|c| &c.when)
        .chain(pw.rules.iter().map(|r| &r.when))
        .chain(pw.preparations.iter().filter_map(|x| x.when.as_ref()))
        .flat_map(Cond::verdict_refs)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Puts what a treatment takes from its pathways in front of its own items (its criteria
/// after them), each marked with the pathway it comes from; the treatment's own grid
/// answers replace a pathway's.
pub(super) fn flatten(t: &mut Treatment, pathways: &[Pathway]) {
    fn take<T: Clone>(
        own: &mut Vec<T>,
        taken: &[(&str, &Pathway)],
        list: impl Fn(&Pathway) -> &Vec<T>,
        mark: impl Fn(&mut T, &str),
    ) {
        let mut all: Vec<T> = Vec::new();
        for (id, pw) in taken {
            for x in list(pw) {
                let mut x = x.clone();
                mark(&mut x, id);
                all.push(x);
            }
        }
        all.append(own);
        *own = all;
    }
    let taken: Vec<(&str, &Pathway)> = t
        .pathways
        .iter()
        .filter_map(|id| {
            pathways
                .iter()
                .find(|p| p.id == *id)
                .map(|p| (id.as_str(), p))
        })
        .collect();
    let from = |id: &str| Some(id.to_owned());
    take(
        &mut t.criteria,
        &taken,
        |p| &p.criteria,
        |x, id| x.from = from(id),
    );
    // Criteria are the exception: a met criterion is the reason a card shows first, and
    // the treatment's own ("fewer than 7-8 metastases") says more than a shared one.
    let (own, shared): (Vec<_>, Vec<_>) = std::mem::take(&mut t.criteria)
        .into_iter()
        .partition(|c| c.from.is_none());
    t.criteria = own.into_iter().chain(shared).collect();
    take(
        &mut t.rules,
        &taken,
        |p| &p.rules,
        |x, id| x.from = from(id),
    );
    take(
        &mut t.preparations,
        &taken,
        |p| &p.preparations,
        |x, id| x.from = from(id),
    );
    take(
        &mut t.checks,
        &taken,
        |p| &p.checks,
        |x, id| x.from = from(id),
    );
    take(
        &mut t.procedure,
        &taken,
        |p| &p.procedure,
        |x, id| x.from = from(id),
    );
    take(
        &mut t.outcomes,
        &taken,
        |p| &p.outcomes,
        |x, id| x.from = from(id),
    );
    take(
        &mut t.side_effects_common,
        &taken,
        |p| &p.side_effects_common,
        |x, id| {
            x.from = from(id);
        },
    );
    take(
        &mut t.side_effects_rare,
        &taken,
        |p| &p.side_effects_rare,
        |x, id| {
            x.from = from(id);
        },
    );
    take(
        &mut t.follow_up,
        &taken,
        |p| &p.follow_up,
        |x, id| x.from = from(id),
    );
    take(&mut t.ask, &taken, |p| &p.ask, |_, _| {});
    for (_, pw) in &taken {
        for (q, a) in &pw.answers {
            if !t.answers.contains_key(q) {
                t.answers.insert(q.clone(), a.clone());
                t.inherited_answers.push(q.clone());
            }
        }
    }
}
