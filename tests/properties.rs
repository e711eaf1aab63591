//! Properties that hold for every input: any profile gets seven sourced assessments, no
//! verdict is eligible while a fact it depends on is unknown, every reason rests on what
//! was entered, and no input, however malformed, makes the engine or the loader panic.

#![allow(clippy::unwrap_used)]

use std::sync::LazyLock;

use netliver::assessment::{
    Earlier, Origin, Profile, Scope, Truth, assess, assess_with, eval_cond,
};
use netliver::dataset::fields::{Field, Kind, Layer};
use netliver::dataset::rules::{Cond, Expr, Value, parse};
use netliver::dataset::{self, Lang, Verdict};
use proptest::prelude::*;

mod common;

/// Loaded once: the properties are about the engine, not the loader.
static DATA: LazyLock<dataset::Dataset> = LazyLock::new(|| dataset::load_embedded().unwrap());

/// Every number a condition compares a field with, so refinements probe each threshold.
fn thresholds(field: Field) -> Vec<f64> {
    fn walk(e: &Expr, field: Field, out: &mut Vec<f64>) {
        match e {
            Expr::Not(inner) => walk(inner, field, out),
            Expr::And(items) | Expr::Or(items) => items.iter().for_each(|i| walk(i, field, out)),
            Expr::Cmp {
                field: f,
                value: Value::Num(x),
                ..
            } if *f == field => out.push(*x),
            Expr::InRange {
                field: f,
                low,
                high,
            } if *f == field => out.extend([*low, *high]),
            _ => {}
        }
    }
    let mut out = Vec::new();
    let conds = DATA.treatments.iter().flat_map(|t| {
        t.criteria
            .iter()
            .map(|c| &c.when)
            .chain(t.rules.iter().map(|r| &r.when))
    });
    for c in conds {
        if let Ok(e) = &c.parsed {
            walk(e, field, &mut out);
        }
    }
    out
}

/// Values to try for a field: its ends, and each threshold with its neighbours.
fn probe_values(field: Field) -> Vec<String> {
    match field.kind() {
        Kind::Int { min, max } => {
            #[allow(clippy::cast_possible_truncation)]
            let mut v: Vec<i64> = thresholds(field)
                .into_iter()
                .flat_map(|x| [x as i64 - 1, x as i64, x as i64 + 1])
                .chain([min, max])
                .filter(|n| (min..=max).contains(n))
                .collect();
            v.sort_unstable();
            v.dedup();
            v.iter().map(ToString::to_string).collect()
        }
        Kind::Float { min, max } => thresholds(field)
            .into_iter()
            .flat_map(|x| [x - 0.1, x, x + 0.1])
            .chain([min, max])
            .filter(|x| *x >= min && *x <= max)
            .map(|x| format!("{x:.1}"))
            .collect(),
        Kind::Bool => vec!["yes".to_owned(), "no".to_owned()],
        Kind::Choice(options) => options.iter().map(|o| o.id.to_owned()).collect(),
    }
}

/// A value of a field as typed, or unknown.
fn any_value(field: Field) -> BoxedStrategy<Option<String>> {
    let known: BoxedStrategy<String> = match field.kind() {
        Kind::Int { min, max } => (min..=max).prop_map(|n| n.to_string()).boxed(),
        #[allow(clippy::cast_possible_truncation)]
        Kind::Float { min, max } => ((min * 10.0) as i64..=(max * 10.0) as i64)
            .prop_map(|n| format!("{}", n as f64 / 10.0))
            .boxed(),
        _ => proptest::sample::select(probe_values(field)).boxed(),
    };
    // Thresholds are where verdicts change: pick them often.
    let probes = proptest::sample::select(probe_values(field));
    proptest::option::of(prop_oneof![known, probes]).boxed()
}

fn any_profile() -> impl Strategy<Value = Profile> {
    let fields: Vec<BoxedStrategy<Option<String>>> =
        Field::ALL.iter().map(|f| any_value(*f)).collect();
    fields.prop_map(|values| {
        let mut p = Profile::default();
        for (field, value) in Field::ALL.iter().zip(values) {
            if let Some(v) = value {
                p.set(*field, &v).unwrap();
            }
        }
        p
    })
}

/// The citation of the criterion or rule a reason comes from.
fn cite_of(d: &dataset::Dataset, treatment: usize, origin: Origin) -> &dataset::Cite {
    let t = &d.treatments[treatment];
    match origin {
        Origin::Rule(k)
        | Origin::Missing {
            index: k,
            criterion: false,
        } => &t.rules[k].cite,
        Origin::Criterion { index: k, .. }
        | Origin::Missing {
            index: k,
            criterion: true,
        } => &t.criteria[k].cite,
    }
}

/// The condition a reason comes from.
fn cond_of(d: &dataset::Dataset, treatment: usize, origin: Origin) -> &Cond {
    let t = &d.treatments[treatment];
    match origin {
        Origin::Rule(k)
        | Origin::Missing {
            index: k,
            criterion: false,
        } => &t.rules[k].when,
        Origin::Criterion { index: k, .. }
        | Origin::Missing {
            index: k,
            criterion: true,
        } => &t.criteria[k].when,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn the_what_if_search_sees_the_badges_the_assessment_gives(p in any_profile()) {
        // The search assesses without building reasons; for any profile it must give the
        // verdict and the waiting the full assessment gives, in both layers.
        let d = &*DATA;
        for scope in [Scope::WithGuidelines, Scope::PageOnly] {
            let fast = netliver::assessment::whatif::badges(d, &p, scope);
            let full = assess_with(d, &p, scope);
            for (f, a) in fast.iter().zip(&full) {
                prop_assert_eq!(f.verdict, a.verdict, "{} {:?}", a.treatment, scope);
                prop_assert_eq!(f.pending, !a.pending().is_empty(), "{} {:?}", a.treatment, scope);
            }
        }
    }

    #[test]
    fn any_profile_gets_seven_sourced_assessments(p in any_profile()) {
        let d = &*DATA;
        let all = assess(d, &p);
        prop_assert_eq!(all.len(), 7);
        for a in &all {
            prop_assert!(!a.reasons.is_empty());
            // The verdict is the worst of the reasons.
            prop_assert_eq!(a.verdict, a.reasons.iter().map(|r| r.verdict).max().unwrap());
            for r in &a.reasons {
                for lang in Lang::ALL {
                    prop_assert!(!netliver::i18n::reason(r, lang).trim().is_empty());
                }
                // Each reason carries the citation of the criterion or rule it comes from
                // (validation has checked those citations against their sources).
                prop_assert_eq!(&r.cite, cite_of(d, a.index, r.origin));
            }
        }
    }

    /// The page-only verdicts are the page layer's alone: no guideline fact changes them.
    #[test]
    fn page_only_verdicts_ignore_every_guideline_field(p in any_profile()) {
        let d = &*DATA;
        let mut page_fields_only = Profile::default();
        for &f in Field::ALL.iter().filter(|f| f.spec().layer == Layer::Page) {
            if let Some(v) = p.value(f) {
                page_fields_only.set(f, &p.text(f)).unwrap();
                let _ = v;
            }
        }
        let full = assess_with(d, &p, Scope::PageOnly);
        let page = assess_with(d, &page_fields_only, Scope::PageOnly);
        for (a, b) in full.iter().zip(&page) {
            prop_assert_eq!(a.verdict, b.verdict, "{}", a.treatment);
            prop_assert!(a.checks.iter().all(|c| c.fields.is_empty()));
        }
        // With guidelines, each assessment carries the page's verdict beside its own.
        for (a, b) in assess_with(d, &p, Scope::WithGuidelines).iter().zip(&full) {
            prop_assert_eq!(a.page_verdict, Some(b.verdict));
        }
    }

    /// Every reason rests on what was entered: a reason from a rule or a criterion comes
    /// from a condition that holds (or, for an unmet criterion, fails) on the entered
    /// facts; a reason about missing facts names only fields that are unknown.
    #[test]
    fn every_reason_rests_on_entered_facts(p in any_profile()) {
        let d = &*DATA;
        let all = assess(d, &p);
        let verdicts: Vec<Earlier> = all.iter().map(Earlier::from).collect();
        for a in &all {
            for r in &a.reasons {
                let cond = cond_of(d, a.index, r.origin);
                let mut unknown = Vec::new();
                let truth = eval_cond(cond, &p, &verdicts[..a.index], &mut unknown);
                let expected = match r.origin {
                    Origin::Rule(_) | Origin::Criterion { met: true, .. } => Truth::True,
                    Origin::Criterion { met: false, .. } => Truth::False,
                    Origin::Missing { .. } => Truth::Unknown,
                };
                prop_assert_eq!(truth, expected, "{}: {:?} {}", a.treatment, r.origin, cond.src);
                match r.origin {
                    Origin::Missing { .. } => {
                        prop_assert!(!r.missing.is_empty());
                        prop_assert_eq!(r.verdict, Verdict::Caution);
                        for f in &r.missing {
                            prop_assert!(!p.is_set(*f), "{} is named missing but entered", f);
                        }
                    }
                    _ => prop_assert!(r.missing.is_empty()),
                }
            }
        }
    }

    /// What the page says of frailty and NEC holds back every procedure.
    #[test]
    fn frailty_and_nec_hold_back_every_procedure(p in any_profile()) {
        let d = &*DATA;
        let all = assess(d, &p);
        let ecog = p.num(Field::Ecog);
        for a in &all {
            if ecog == Some(4.0) || p.choice(Field::Grade) == Some("nec") {
                prop_assert_ne!(a.verdict, Verdict::Eligible, "{}", a.treatment);
            }
            // Under general anaesthesia, through a catheter or with radiation: at most a
            // reservation at ECOG 3.
            if ecog == Some(3.0) {
                prop_assert_ne!(a.verdict, Verdict::Eligible, "{}", a.treatment);
            }
        }
    }

    #[test]
    fn a_fully_known_profile_never_cautions_for_missing_data(p in any_profile()) {
        let mut full = p.clone();
        for &f in Field::ALL {
            if !full.is_set(f) {
                full.set(f, &probe_values(f)[0]).unwrap();
            }
        }
        prop_assert_eq!(full.known(), Field::COUNT);
        for a in assess(&DATA, &full) {
            prop_assert!(a.reasons.iter().all(|r| r.missing.is_empty()));
            for prep in &a.preparations {
                prop_assert!(!prep.conditional);
            }
        }
    }

    #[test]
    fn typed_input_never_panics(field in proptest::sample::select(Field::ALL), s in "\\PC*") {
        let mut p = Profile::default();
        let _ = p.set(field, &s);
    }

    #[test]
    fn rule_parser_never_panics(s in "\\PC*") {
        let _ = parse(&s);
    }

    #[test]
    fn rule_parser_never_panics_on_near_rules(s in "[a-z_ ()!&|=<>0-9.,\\[\\]-]{0,40}") {
        let _ = parse(&s);
    }

    #[test]
    fn loader_never_panics(s in "\\PC*") {
        let _ = dataset::load_str(&s, "fuzz.ron", &|_| Err(String::new()));
    }
}

#[test]
fn empty_profile_cautions_everything() {
    let d = dataset::load_embedded().unwrap();
    for a in assess(&d, &Profile::default()) {
        assert_eq!(a.verdict, Verdict::Caution, "{}", a.treatment);
    }
}

proptest! {
    // Each case assesses every one-field refinement of the profile, in both scopes.
    #![proptest_config(ProptestConfig::with_cases(600))]

    /// No silent gaps: see [`unknown_never_decides`].
    #[test]
    fn eligible_never_depends_on_an_unknown_fact(p in any_profile()) {
        unknown_never_decides(&DATA, &p).map_err(TestCaseError::fail)?;
    }

}

/// No silent gaps: an eligible verdict never rests on a fact left unknown. On the patient
/// page alone, whatever value any unknown field takes, the treatment stays eligible. With
/// the guidelines, a value that would change it is a guideline fact the card lists "to
/// check before treatment"; a page fact never is. Returns how many (eligible treatment,
/// unknown field) pairs it probed.
///
/// The one exception is a guideline fact every condition reads only behind `known(…)`: it
/// refines a fact already entered (Ki-67 beside the grade) and is consulted only when
/// entered, by design.
fn unknown_never_decides(d: &dataset::Dataset, p: &Profile) -> Result<usize, String> {
    let guarded = |field: Field| guarded_fields(d).contains(&field);
    let mut probed = 0;
    for scope in [Scope::PageOnly, Scope::WithGuidelines] {
        let before = assess_with(d, p, scope);
        for &field in Field::ALL
            .iter()
            .filter(|f| !p.is_set(**f) && !guarded(**f))
        {
            probed += before
                .iter()
                .filter(|a| a.verdict == Verdict::Eligible)
                .count();
            for value in probe_values(field) {
                let mut q = p.clone();
                q.set(field, &value).unwrap();
                let after = assess_with(d, &q, scope);
                for (a, b) in before.iter().zip(&after) {
                    if a.verdict != Verdict::Eligible || b.verdict == Verdict::Eligible {
                        continue;
                    }
                    let listed = a.checks.iter().any(|c| c.is_about(field));
                    let guideline = field.spec().layer == Layer::Guideline;
                    if !(scope == Scope::WithGuidelines && guideline && listed) {
                        return Err(format!(
                            "{scope:?}: {} was eligible with {field} unknown, but {field} = {value} makes it {:?}{}",
                            a.treatment,
                            b.verdict,
                            if listed {
                                ""
                            } else {
                                ", and it is not listed to check"
                            }
                        ));
                    }
                }
            }
        }
    }
    Ok(probed)
}

/// The guideline fields every condition reads only behind `known(…)`.
fn guarded_fields(d: &dataset::Dataset) -> Vec<Field> {
    static GUARDED: std::sync::OnceLock<Vec<Field>> = std::sync::OnceLock::new();
    GUARDED
        .get_or_init(|| {
            Field::ALL
                .iter()
                .copied()
                .filter(|&field| {
                    let guard = format!("known({})", field.name());
                    let conds: Vec<&str> = d
                        .treatments
                        .iter()
                        .flat_map(|t| {
                            t.criteria
                                .iter()
                                .map(|c| c.when.src.as_str())
                                .chain(t.rules.iter().map(|r| r.when.src.as_str()))
                        })
                        .filter(|src| {
                            let mut reads = false;
                            if let Ok(e) = parse(src) {
                                e.visit_fields(&mut |f| reads |= f == field);
                            }
                            reads
                        })
                        .collect();
                    field.spec().layer == Layer::Guideline
                        && !conds.is_empty()
                        && conds.iter().all(|src| src.contains(&guard))
                })
                .collect()
        })
        .clone()
}

/// The same, from profiles that reach eligible: a fully entered patient with each field
/// left out in turn, so the property is tried where it matters, not only where random
/// profiles happen to land.
#[test]
fn no_single_unknown_fact_decides_for_a_fully_entered_patient() {
    let d = &*DATA;
    let mut full = Profile::default();
    for (name, value) in common::FULL_PROFILE {
        full.set(Field::from_name(name).unwrap(), value).unwrap();
    }
    let mut probed = 0;
    for &field in Field::ALL {
        let mut p = full.clone();
        p.clear(field);
        probed += unknown_never_decides(d, &p).unwrap();
    }
    assert!(
        probed > 0,
        "no eligible treatment with a fact left unknown was tried"
    );
}

/// One edit a careless or hostile maintainer could make to the shipped dataset.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    /// Give item `a`'s id to the item at the `b`-th id.
    SwapIds(usize, usize),
    /// Replace the `n`-th digit with another.
    ChangeDigit(usize, char),
    /// Wrap the `n`-th condition in `depth` parentheses.
    NestCondition(usize, usize),
    /// Put `!` before the `n`-th condition `depth` times.
    NegateCondition(usize, usize),
}

fn any_mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0usize..4000).prop_map(Mutation::DeleteLine),
        (0usize..4000).prop_map(Mutation::DuplicateLine),
        (0usize..200, 0usize..200).prop_map(|(a, b)| Mutation::SwapIds(a, b)),
        (0usize..5000, proptest::char::range('0', '9'))
            .prop_map(|(n, c)| Mutation::ChangeDigit(n, c)),
        (0usize..100, 1usize..5000).prop_map(|(n, d)| Mutation::NestCondition(n, d)),
        (0usize..100, 1usize..50_000).prop_map(|(n, d)| Mutation::NegateCondition(n, d)),
    ]
}

fn mutate(text: &str, m: &Mutation) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let pick = |n: usize, len: usize| n % len.max(1);
    match *m {
        Mutation::DeleteLine(n) => {
            let i = pick(n, lines.len());
            lines.remove(i);
        }
        Mutation::DuplicateLine(n) => {
            let i = pick(n, lines.len());
            let l = lines[i].clone();
            lines.insert(i, l);
        }
        Mutation::SwapIds(a, b) => {
            let ids: Vec<usize> = (0..lines.len())
                .filter(|i| lines[*i].trim_start().starts_with("id: \""))
                .collect();
            if ids.is_empty() {
                return text.to_owned();
            }
            let (a, b) = (ids[pick(a, ids.len())], ids[pick(b, ids.len())]);
            let id_b = lines[b].clone();
            lines[a] = id_b;
        }
        Mutation::ChangeDigit(n, c) => {
            let joined = lines.join("\n");
            let digits: Vec<usize> = joined
                .char_indices()
                .filter(|(_, ch)| ch.is_ascii_digit())
                .map(|(i, _)| i)
                .collect();
            if digits.is_empty() {
                return text.to_owned();
            }
            let at = digits[pick(n, digits.len())];
            let mut s = joined;
            s.replace_range(at..=at, &c.to_string());
            return s;
        }
        Mutation::NestCondition(n, depth) | Mutation::NegateCondition(n, depth) => {
            let conds: Vec<usize> = (0..lines.len())
                .filter(|i| lines[*i].trim_start().starts_with("when: \""))
                .collect();
            if conds.is_empty() {
                return text.to_owned();
            }
            let i = conds[pick(n, conds.len())];
            let line = &lines[i];
            let start = line.find("when: \"").map_or(0, |s| s + 7);
            let end = line.rfind('"').unwrap_or(line.len());
            if end > start {
                let cond = &line[start..end];
                let new = match m {
                    Mutation::NestCondition(..) => {
                        format!("{}{cond}{}", "(".repeat(depth), ")".repeat(depth))
                    }
                    _ => format!("{}{cond}", "!".repeat(depth)),
                };
                lines[i] = format!("{}{new}{}", &line[..start], &line[end..]);
            }
        }
    }
    lines.join("\n")
}

/// The shipped dataset with mutation `m` applied to its `n`-th RON file.
fn mutant(mut folder: dataset::MemFolder, n: usize, m: &Mutation) -> dataset::MemFolder {
    let names: Vec<String> = folder
        .files
        .keys()
        .filter(|k| k.ends_with(".ron"))
        .cloned()
        .collect();
    let name = &names[n % names.len()];
    let text = mutate(&folder.files[name], m);
    folder.files.insert(name.clone(), text);
    folder
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Mutants of the shipped dataset get past the parser into the validator, and every
    /// outcome is a clean answer: the dataset, or errors each with a file, a line and a
    /// column inside that file.
    #[test]
    fn mutated_datasets_never_panic_and_every_error_has_a_position(
        mutations in proptest::collection::vec((0usize..100, any_mutation()), 1..4)
    ) {
        let mut folder = common::shipped();
        for (n, m) in &mutations {
            folder = mutant(folder, *n, m);
        }
        match common::load(&folder) {
            Ok(d) => prop_assert!(!d.treatments.is_empty()),
            Err(report) => {
                prop_assert!(!report.errors.is_empty());
                for e in &report.errors {
                    let name = e.file.strip_prefix("test/").unwrap_or(&e.file);
                    let text = folder.files.get(name);
                    prop_assert!(text.is_some(), "an error in no file of the dataset: {e}");
                    let lines = text.map_or(1, |t| t.lines().count().max(1));
                    prop_assert!(e.line >= 1 && e.line <= lines + 1, "{e}");
                    prop_assert!(e.col >= 1, "{e}");
                    prop_assert!(e.to_string().len() < 2_000, "an error message of {} bytes", e.to_string().len());
                }
            }
        }
    }
}

/// The mutations reach past the first token: most mutants are parsed and then judged by
/// the validator (or accepted), not stopped by the syntax check.
#[test]
fn mutants_reach_the_validator() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut validated, total) = (0, 200);
    for k in 0..total {
        let m = any_mutation().new_tree(&mut runner).unwrap().current();
        let folder = mutant(common::shipped(), k, &m);
        match common::load(&folder) {
            Ok(_) => validated += 1,
            Err(r) if r.errors.iter().any(|e| !e.path.is_empty()) => validated += 1,
            Err(_) => {}
        }
    }
    assert!(
        validated * 2 >= total,
        "only {validated} of {total} mutants reached the validator"
    );
}
