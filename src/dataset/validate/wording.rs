//! Wordings and their numbers: texts in each language, plain words beside quotes, numbers
//! against conditions and quotes, citations, frequencies and spans of time.

use std::collections::HashSet;

use super::Validator;
use super::items::PATHWAY;
use crate::dataset::fields::Layer;
use crate::dataset::model::{
    Cite, Claim, Criterion, Freq, Interval, Lang, Preparation, Rule, Text, Verdict,
};
use crate::dataset::normalize_ws;
use crate::dataset::rules::Cond;
use crate::dataset::spans::Pos;

impl Validator<'_> {
    pub(super) fn preparation(&mut self, p: &str, prep: &mut Preparation) {
        if prep.id.trim().is_empty() {
            self.error(
                p,
                "the preparation has no id",
                Some("name the agent, e.g. `id: \"octreotide\"`"),
            );
        }
        self.text(&format!("{p}.text"), &prep.text);
        self.cite(p, &prep.cite);
        self.plain(&format!("{p}.plain"), prep.plain.as_ref(), &prep.cite);
        if let Some(when) = &mut prep.when {
            self.cond(&format!("{p}.when"), when, &[], "");
        }
        if let Some(i) = &prep.interpretation {
            self.text(&format!("{p}.interpretation"), i);
        }
        for c in &prep.covered_by {
            if !self.preparation_ids.contains(c) || *c == prep.id {
                let mut ids: Vec<&str> = self.preparation_ids.iter().map(String::as_str).collect();
                ids.sort_unstable();
                self.error(
                    &format!("{p}.covered_by"),
                    format!("the preparation `{}` is covered by `{c}`, which is no other preparation of the dataset", prep.id),
                    Some(&format!("use the id of one of: {}", ids.join(", "))),
                );
            }
        }
    }

    pub(super) fn rule(&mut self, p: &str, r: &mut Rule, earlier: &[String], own: &str) {
        self.cond(&format!("{p}.when"), &mut r.when, earlier, own);
        self.text(&format!("{p}.reason"), &r.reason);
        self.numbers_agree(&format!("{p}.reason"), &r.when, &r.reason, &r.cite);
        self.cite(p, &r.cite);
        self.page_reads_page_fields(p, &r.when, &r.cite);
        self.also(p, &r.also);
        if let Some(i) = &r.interpretation {
            self.text(&format!("{p}.interpretation"), i);
        }
        if let Some(t) = &r.patient {
            self.text(&format!("{p}.patient"), t);
        }
        if r.absolute {
            if r.verdict != Verdict::NotEligible {
                self.error(
                    &format!("{p}.absolute"),
                    "an absolute contraindication rules the treatment out: its verdict is `not_eligible`",
                    Some("write `verdict: not_eligible`, or remove `absolute: true`"),
                );
            }
            if !self.guidelines.contains(&r.cite.source) {
                self.error(
                    &format!("{p}.absolute"),
                    "only a national guideline's absolute contraindication makes a treatment wait for an unknown fact",
                    Some("cite the national guideline that names it absolute, or remove `absolute: true`"),
                );
            }
        }
    }

    /// The numbers a wording states about its condition (the words before its first `:`,
    /// "Tumour burden over 50 % of the liver:") are the numbers the condition tests, a step
    /// beside them ("8 or more" for `> 7`), the field's own limits, or numbers of the quote.
    pub(super) fn numbers_agree(&mut self, p: &str, when: &Cond, t: &Text, cite: &Cite) {
        let Ok(expr) = &when.parsed else { return };
        let mut tested: Vec<f64> = Vec::new();
        let mut any_number = false;
        numbers_tested(expr, &mut tested, &mut any_number);
        // The fields' own names and units carry digits of their own ("Ki-67", "1,73 m²").
        let mut fields = Vec::new();
        expr.visit_fields(&mut |f| fields.push(f));
        // A choice tested by name may be said by number ("grade 3" for `grade == g3`).
        for f in &fields {
            for o in f.options() {
                tested.extend(numbers(o.id).iter().filter_map(|n| n.parse::<f64>().ok()));
            }
        }
        // A choice tested by name may be said by number ("grade 3" for `grade == g3`).
        for f in &fields {
            for o in f.options() {
                tested.extend(numbers(o.id).iter().filter_map(|n| n.parse::<f64>().ok()));
            }
        }
        if !any_number {
            return;
        }
        let quoted: Vec<String> = numbers(&cite.quote);
        for (lang, text) in t.each() {
            let lang = lang.name();
            let Some((head, _)) = text.split_once(':') else {
                continue;
            };
            let mut head = head.to_owned();
            for f in &fields {
                let spec = f.spec();
                for (_, w) in spec
                    .label
                    .each()
                    .into_iter()
                    .chain(spec.unit.into_iter().flat_map(|u| u.each()))
                {
                    head = head.replace(w, " ");
                }
            }
            let bad: Vec<String> = stated_numbers(&head)
                .into_iter()
                .filter(|n| {
                    let Ok(x) = n.parse::<f64>() else {
                        return false;
                    };
                    !quoted.iter().any(|q| q.parse::<f64>().ok() == Some(x))
                        && !tested.iter().any(|v| (v - x).abs() <= 1.0 + f64::EPSILON)
                })
                .collect();
            if !bad.is_empty() {
                let shown: Vec<String> = tested.iter().map(|v| format!("{v}")).collect();
                self.error(
                    p,
                    format!(
                        "the {lang} wording states {} but its condition {:?} tests {}",
                        bad.join(", "),
                        echo(&when.src),
                        shown.join(", ")
                    ),
                    Some("write the numbers the condition tests, or change the condition"),
                );
            }
        }
    }

    pub(super) fn also(&mut self, p: &str, also: &[Cite]) {
        for (k, c) in also.iter().enumerate() {
            self.cite_at(&format!("{p}.also[{k}]"), c);
        }
    }

    /// A rule resting on the patient page may read only the fields the page speaks of, so
    /// the page-only view needs no guideline field.
    pub(super) fn page_reads_page_fields(&mut self, p: &str, when: &Cond, cite: &Cite) {
        if self.literature.contains(&cite.source) {
            return;
        }
        let Ok(expr) = &when.parsed else { return };
        let mut fields = Vec::new();
        expr.visit_fields(&mut |f| fields.push(f));
        for f in fields {
            if f.spec().layer == Layer::Guideline {
                self.error(
                    &format!("{p}.when"),
                    format!("a rule citing the patient page reads `{f}`, a field the page does not speak of"),
                    Some("cite the guideline or study the rule comes from, or read a page field"),
                );
            }
        }
    }

    pub(super) fn criterion(&mut self, p: &str, c: &mut Criterion, earlier: &[String], own: &str) {
        self.cond(&format!("{p}.when"), &mut c.when, earlier, own);
        self.page_reads_page_fields(p, &c.when, &c.cite);
        self.also(p, &c.also);
        self.text(&format!("{p}.requires"), &c.requires);
        self.text(&format!("{p}.unmet"), &c.unmet);
        self.numbers_agree(&format!("{p}.requires"), &c.when, &c.requires, &c.cite);
        self.numbers_agree(&format!("{p}.unmet"), &c.when, &c.unmet, &c.cite);
        if c.otherwise == Verdict::Eligible {
            self.error(
                &format!("{p}.otherwise"),
                "a criterion that does not hold cannot leave the treatment eligible",
                Some("write `otherwise: caution` or `otherwise: not_eligible`"),
            );
        }
        self.cite(p, &c.cite);
        if let Some(i) = &c.interpretation {
            self.text(&format!("{p}.interpretation"), i);
        }
    }

    /// Reports a parse error at its exact column, and resolves `verdict(id)` references
    /// against the treatments defined before this one.
    pub(super) fn cond(&mut self, p: &str, cond: &mut Cond, earlier: &[String], own: &str) {
        let src = cond.src.clone();
        match &mut cond.parsed {
            Err(e) => {
                let layout = self.layout;
                let at = match layout.value(p) {
                    // +1 for the opening quote; columns count characters.
                    Some((file, v)) => (
                        file,
                        Pos {
                            line: v.line,
                            col: v.col + 1 + src[..e.offset.min(src.len())].chars().count(),
                        },
                    ),
                    None => layout.find(p),
                };
                let msg = format!("in the condition {:?}: {}", echo(&src), e.message);
                let hint = e.hint.clone();
                self.error_at(at, p, msg, hint);
            }
            Ok(expr) => {
                let mut problems = Vec::new();
                expr.visit_verdict_refs(&mut |id, index| {
                    if let Some(k) = earlier.iter().position(|t| t == id) {
                        *index = k;
                    } else if own == PATHWAY {
                        problems.push((
                            format!("`verdict({id})` names no treatment of this dataset"),
                            Some(format!("use one of: {}", earlier.join(", "))),
                        ));
                    } else if earlier.is_empty() && own.is_empty() {
                        problems.push(("`verdict(...)` can only be used in treatment rules".to_owned(), None));
                    } else if id == own {
                        problems.push((
                            format!("a rule of `{own}` cannot depend on the verdict of `{own}` itself"),
                            Some("refer only to treatments listed before this one".to_owned()),
                        ));
                    } else {
                        problems.push((
                            format!("`verdict({id})` refers to a treatment that is not listed before `{own}`"),
                            Some(format!(
                                "use one of: {}; or move `{id}` above `{own}`",
                                if earlier.is_empty() { "(none)".to_owned() } else { earlier.join(", ") }
                            )),
                        ));
                    }
                });
                for (msg, hint) in problems {
                    let layout = self.layout;
                    self.error_at(
                        layout.find(p),
                        p,
                        format!("in the condition {:?}: {msg}", echo(&src)),
                        hint,
                    );
                }
            }
        }
    }

    pub(super) fn unique_ids<'i>(
        &mut self,
        list: &str,
        ids: impl Iterator<Item = &'i str>,
    ) -> HashSet<String> {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            let p = format!("{list}[{i}].id");
            if id.trim().is_empty() {
                self.error(
                    &p,
                    "this item has no id",
                    Some("add `id: \"...\"` with a short, unique name"),
                );
            } else if !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
            {
                self.error(
                    &p,
                    format!("the id {id:?} has characters other than a-z, 0-9, - and _"),
                    Some("ids are stable machine names, e.g. `rfa` or `hormone-symptoms`"),
                );
            } else if !seen.insert(id.to_owned()) {
                self.error(
                    &p,
                    format!("the id `{id}` is used twice in `{list}`"),
                    Some("give each item its own id"),
                );
            }
        }
        seen
    }

    pub(super) fn text(&mut self, p: &str, t: &Text) {
        for (lang, text) in t.each() {
            let n = text.chars().count();
            if n > MAX_WORDING {
                let lang = lang.name();
                self.error(
                    p,
                    format!("the {lang} text is {n} characters long; a wording may have at most {MAX_WORDING}"),
                    Some("split it into several claims, or say it shorter: a card and a leaflet show it whole"),
                );
            }
        }
        let missing = t.missing();
        if missing.len() == Lang::ALL.len() {
            self.error(
                p,
                "the text is missing",
                Some("write `(da: \"...\", en: \"...\")`"),
            );
        } else {
            for lang in missing {
                let (name, code) = (lang.name(), lang.code());
                let hint = if lang == Lang::Da {
                    "faithful to the source's wording".to_owned()
                } else {
                    "beside `da`".to_owned()
                };
                self.error(
                    p,
                    format!("the {name} text is missing"),
                    Some(&format!("add `{code}: \"...\"`, {hint}")),
                );
            }
        }
    }

    pub(super) fn claim(&mut self, p: &str, c: &Claim) {
        self.text(&format!("{p}.text"), &c.text);
        self.cite(p, &c.cite);
        self.plain(&format!("{p}.plain"), c.plain.as_ref(), &c.cite);
    }

    /// A plain wording beside a quote: both languages, and no number the quote lacks (a
    /// plain wording may leave numbers out, never add one).
    pub(super) fn plain(&mut self, p: &str, plain: Option<&Text>, cite: &Cite) {
        let Some(plain) = plain else { return };
        self.text(p, plain);
        if self.literature.contains(&cite.source) || cite.quote.trim().is_empty() {
            return;
        }
        let mut allowed = numbers(&cite.quote);
        // "70-90 pct." is "70-90 af 100": the denominator of a percentage is not a new figure.
        if cite.quote.contains("pct") || cite.quote.contains('%') {
            allowed.push("100".to_owned());
        }
        for (_, lang_text) in plain.each() {
            let extra: Vec<String> = numbers(lang_text)
                .into_iter()
                .filter(|n| !allowed.contains(n))
                .collect();
            if !extra.is_empty() {
                self.error(
                    p,
                    format!(
                        "the plain wording has numbers its quote does not: {}",
                        extra.join(", ")
                    ),
                    Some("a plain wording may leave a number out, never add or change one; copy the numbers from the quote"),
                );
            }
        }
    }

    pub(super) fn cite(&mut self, p: &str, c: &Cite) {
        let cp = format!("{p}.cite");
        self.cite_at(&cp, c);
    }

    pub(super) fn cite_at(&mut self, cp: &str, c: &Cite) {
        if c.source.trim().is_empty() {
            self.error(
                cp,
                "the claim does not cite a source",
                Some("add `cite: (source: \"kb\", quote: \"...the passage, verbatim...\")`, or `(source: ..., locator: ...)` for literature"),
            );
            return;
        }
        if !self.source_ids.contains(&c.source) {
            let mut known: Vec<&str> = self.source_ids.iter().map(String::as_str).collect();
            known.sort_unstable();
            self.error(
                &format!("{cp}.source"),
                format!("`{}` is not a source of this dataset", c.source),
                Some(&format!("use one of: {}", known.join(", "))),
            );
            return;
        }
        if self.literature.contains(&c.source) {
            // Literature: our own words and a locator, never a pasted passage.
            if c.locator.trim().is_empty() {
                self.error(
                    cp,
                    format!("the claim from `{}` has no locator", c.source),
                    Some("add `locator: \"section 6.7\"` (or a table, or \"abstract\") so a reader finds it"),
                );
            }
            if !c.quote.trim().is_empty() {
                self.error(
                    &format!("{cp}.quote"),
                    format!("`{}` is literature: its claims are written in our own words, not quoted", c.source),
                    Some("remove `quote`; put our wording in the claim's text and the place in `locator`"),
                );
            }
            return;
        }
        if c.quote.trim().is_empty() {
            self.error(
                cp,
                "the citation has no quote",
                Some("copy the passage the claim rests on into `quote`, verbatim"),
            );
            return;
        }
        // A page without its text is reported at the source; every quote needs the text.
        if let Some(text) = self.texts.get(&c.source) {
            for part in c.passages() {
                if !text.contains(&normalize_ws(part)) {
                    self.error(
                        &format!("{cp}.quote"),
                        format!("the quote {part:?} does not occur in source `{}`", c.source),
                        Some("quotes are copied verbatim from the source (only whitespace may differ); join separate passages with ` … `"),
                    );
                }
            }
        }
    }

    pub(super) fn freq(&mut self, p: &str, f: Freq) {
        let bad = match f {
            Freq::Range { low, high, average } => {
                if low > high {
                    Some(format!(
                        "the range {low}-{high} is upside down; write `low: {high}, high: {low}`"
                    ))
                } else if high > 100 {
                    Some(format!("{high} of 100 is more than everyone"))
                } else {
                    average
                        .filter(|a| *a < low || *a > high)
                        .map(|a| format!("the average {a} lies outside {low}-{high}"))
                }
            }
            Freq::About(n) | Freq::MoreThan(n) if n > 100 => {
                Some(format!("{n} of 100 is more than everyone"))
            }
            _ => None,
        };
        if let Some(msg) = bad {
            self.error(
                p,
                format!("the frequency is impossible: {msg}"),
                Some("frequencies count people out of 100"),
            );
        }
    }

    pub(super) fn interval(&mut self, p: &str, iv: Interval) {
        if iv.low < 0.0 || !iv.low.is_finite() || !iv.high.is_finite() {
            self.error(p, "the time is negative or not a number", None);
        } else if iv.low > iv.high {
            self.error(
                p,
                format!("the time range {}-{} is upside down", iv.low, iv.high),
                Some(&format!("write `low: {}, high: {}`", iv.high, iv.low)),
            );
        }
    }
}

pub const MAX_WORDING: usize = 2000;

/// The numbers written in a text: each run of digits ("70-90 pct." gives 70 and 90).
pub fn numbers(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The numbers a wording states: runs of digits (with a decimal comma or point), leaving out
/// those glued to a letter, which are names ("G3", "Ki-67", "5-HIAA").
pub(super) fn stated_numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || (matches!(chars[i], ',' | '.')
                        && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
            {
                i += 1;
            }
            let glued_before = start > 0
                && (chars[start - 1].is_alphabetic()
                    || (chars[start - 1] == '-' && start > 1 && chars[start - 2].is_alphabetic()));
            let glued_after = chars.get(i).is_some_and(|c| c.is_alphabetic() && *c != 'x');
            if !glued_before && !glued_after {
                out.push(chars[start..i].iter().collect::<String>().replace(',', "."));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The numbers a condition compares fields with, and each number field's limits.
pub(super) fn numbers_tested(e: &crate::dataset::rules::Expr, out: &mut Vec<f64>, any: &mut bool) {
    use crate::dataset::fields::Kind;
    use crate::dataset::rules::{Expr, Value};
    let limits = |field: crate::dataset::fields::Field, out: &mut Vec<f64>| match field.kind() {
        Kind::Int { min, max } => {
            out.push(min as f64);
            out.push(max as f64);
        }
        Kind::Float { min, max } => {
            out.push(min);
            out.push(max);
        }
        Kind::Bool | Kind::Choice(_) => {}
    };
    match e {
        Expr::Not(inner) => numbers_tested(inner, out, any),
        Expr::And(es) | Expr::Or(es) => es.iter().for_each(|x| numbers_tested(x, out, any)),
        Expr::Cmp {
            field,
            value: Value::Num(x),
            ..
        } => {
            *any = true;
            out.push(*x);
            limits(*field, out);
        }
        Expr::InRange { field, low, high } => {
            *any = true;
            out.push(*low);
            out.push(*high);
            limits(*field, out);
        }
        _ => {}
    }
}

/// A condition cut to a readable length for a message (the position says where).
pub(super) fn echo(src: &str) -> String {
    const MAX: usize = 80;
    if src.chars().count() <= MAX {
        src.to_owned()
    } else {
        format!("{}…", src.chars().take(MAX).collect::<String>())
    }
}

/// `YYYY-MM-DD` with a plausible month and day.
pub fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let num = |x: &str, len: usize| {
        (x.len() == len && x.chars().all(|c| c.is_ascii_digit()))
            .then(|| x.parse::<u32>().ok())
            .flatten()
    };
    matches!(
        (num(y, 4), num(m, 2), num(d, 2)),
        (Some(_), Some(1..=12), Some(1..=31))
    )
}
