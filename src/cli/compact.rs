//! `assess` as it fits a screen: one line per treatment with its decisive reason, the facts
//! to settle before the MDT, what would change each verdict, and where the sources differ.
//! `assess --full` prints every reason.

use std::io::{self, Write};

use super::assess::header;
use crate::assessment::{self, Profile, Scope};
use crate::dataset::{Dataset, Lang};
use crate::i18n;

/// `assess`: the summary for the terminal.
pub fn assess_compact(
    d: &Dataset,
    p: &Profile,
    lang: Lang,
    scope: Scope,
    out: &mut dyn Write,
) -> io::Result<()> {
    let w = &i18n::catalogue(lang).cli;
    header(d, p, lang, scope, out)?;
    let sum = assessment::summarise(d, p, scope);
    let (all, what) = (&sum.assessments, &sum.what_if);
    writeln!(out)?;
    writeln!(out, "{}", w.verdicts)?;
    for a in all {
        let t = &d.treatments[a.index];
        let r = a.decisive();
        writeln!(
            out,
            "{} {:<27} {} [{}]",
            a.verdict.icon(),
            i18n::badge(a, lang).to_uppercase(),
            t.name.get(lang),
            t.id
        )?;
        writeln!(
            out,
            "    {} [{}]",
            i18n::reason(r, lang),
            i18n::cite_tag(d, &r.cite, lang)
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{}", w.workup)?;
    if what.workup.is_empty() {
        writeln!(out, "  {}", w.nothing_to_settle)?;
    }
    for s in &what.workup {
        // One line each, what settles it after the count: the list stays on a screen.
        match i18n::settled_by(d, s.field, lang) {
            Some(how) => writeln!(out, "  □ {} · {how}", i18n::settle(d, s, lang))?,
            None => writeln!(out, "  □ {}", i18n::settle(d, s, lang))?,
        }
    }
    // The facts entered that would change a verdict (those not entered are above).
    let entered: Vec<(usize, String)> = all
        .iter()
        .filter_map(|a| {
            let lines: Vec<String> = what.levers[a.index]
                .iter()
                .filter(|l| l.entered)
                .map(|l| i18n::lever(p, l, a.eligible_as, lang))
                .collect();
            (!lines.is_empty()).then(|| (a.index, lines.join("; ")))
        })
        .collect();
    if !entered.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", w.would_change)?;
        for (i, line) in entered {
            writeln!(out, "  {}: {line}", d.treatments[i].short.get(lang))?;
        }
    }
    let differ = &sum.differ;
    if !differ.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", w.differ)?;
        for x in differ {
            writeln!(out, "  {}", x.topic.get(lang))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", w.full_hint)?;
    Ok(())
}
