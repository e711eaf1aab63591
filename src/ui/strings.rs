//! The app's words with values in them, filled from the catalogue (`i18n`): views ask for
//! `s(lang).overview` or one of the functions below, never spell a word themselves.

use crate::dataset::Lang;
use crate::i18n::{catalogue, fill};

pub use crate::i18n::Ui as Strings;

/// The app's words in `lang`.
pub fn s(lang: Lang) -> &'static Strings {
    &catalogue(lang).ui
}

/// "3 af 12 felter udfyldt"
pub fn fields_entered(lang: Lang, known: usize, all: usize) -> String {
    fill(s(lang).fields_entered, &[("known", &known), ("all", &all)])
}

/// "5 felter at tjekke før behandling"
pub fn fields_to_check(lang: Lang, n: usize) -> String {
    let t = s(lang);
    if n == 1 {
        t.fields_to_check_one.to_owned()
    } else {
        fill(t.fields_to_check_many, &[("n", &n)])
    }
}

/// "2 af højst 4 valgt til sammenligning"
pub fn chosen_for_comparison(lang: Lang, n: usize, max: usize) -> String {
    fill(s(lang).chosen_for_comparison, &[("n", &n), ("max", &max)])
}

/// The message when one more would exceed the limit.
pub fn at_most_compared(lang: Lang, max: usize) -> String {
    fill(s(lang).at_most_compared, &[("max", &max)])
}

/// The message when one more would exceed the handout's limit.
pub fn at_most_in_handout(lang: Lang, max: usize) -> String {
    fill(s(lang).at_most_in_handout, &[("max", &max)])
}

/// "Behandlinger (1–4)"
pub fn handout_treatments(lang: Lang, max: usize) -> String {
    fill(s(lang).handout_treatments, &[("max", &max)])
}

/// "3 sider"
pub fn pages(lang: Lang, n: usize) -> String {
    let t = s(lang);
    if n == 1 {
        t.pages_one.to_owned()
    } else {
        fill(t.pages_many, &[("n", &n)])
    }
}

/// The alternative text of a previewed page.
pub fn page(lang: Lang, n: usize) -> String {
    fill(s(lang).page_n, &[("n", &n)])
}

/// "The patient page alone: May be considered · The guidelines add:", shown where the
/// guideline layer changes a verdict; `None` where it does not.
pub fn page_alone(lang: Lang, a: &crate::assessment::Assessment) -> Option<String> {
    let page = a.page_verdict_if_changed()?;
    let t = s(lang);
    Some(format!(
        "{} {} · {}",
        t.page_alone,
        crate::i18n::verdict(page, a.eligible_as, lang),
        t.guidelines_add
    ))
}

/// "With the guidelines: Does not meet the criteria · set aside here: ascites", shown with
/// the patient page alone where the guideline facts entered would change the verdict.
pub fn guidelines_line(lang: Lang, a: &crate::assessment::Assessment) -> Option<String> {
    let full = a.guideline_verdict_if_changed()?;
    let t = s(lang);
    let mut fields: Vec<crate::dataset::fields::Field> = a
        .set_aside
        .iter()
        .flat_map(|r| r.reads.iter().copied())
        .filter(|f| f.spec().layer == crate::dataset::fields::Layer::Guideline)
        .collect();
    fields.sort();
    fields.dedup();
    let names: Vec<String> = fields.iter().map(|f| f.label_in_sentence(lang)).collect();
    Some(format!(
        "{} {} · {}: {}",
        t.with_guidelines_verdict,
        crate::i18n::verdict(full, a.eligible_as, lang),
        t.set_aside_here,
        names.join(", ")
    ))
}

/// "Afklares før MDT-konferencen: tumorbyrde, ascites"
pub fn to_settle(lang: Lang, facts: &str) -> String {
    fill(s(lang).to_settle, &[("facts", &facts)])
}

/// Characters in a name that no font of the handout can print.
pub fn unprintable(lang: Lang, chars: &str) -> String {
    fill(s(lang).unprintable, &[("chars", &chars)])
}

/// The status bar's line on the dataset.
pub fn dataset_line(lang: Lang, id: &str, version: &str, reviewed: &str, sources: usize) -> String {
    fill(
        s(lang).dataset_line,
        &[
            ("id", &id),
            ("version", &version),
            ("reviewed", &reviewed),
            ("sources", &sources),
        ],
    )
}

/// The Sources page's summary of the dataset.
pub fn dataset_summary(
    lang: Lang,
    d: &crate::dataset::Dataset,
    st: &crate::dataset::Stats,
) -> String {
    fill(
        s(lang).dataset_summary,
        &[
            ("id", &d.id),
            ("version", &d.version),
            ("reviewed", &d.reviewed),
            ("treatments", &st.treatments),
            ("rules", &st.rules),
            ("quoted", &st.quoted),
            ("located", &st.located),
        ],
    )
}

/// The error page's summary.
pub fn dataset_errors(lang: Lang, file: &str, n: usize) -> String {
    fill(s(lang).dataset_errors, &[("file", &file), ("n", &n)])
}

/// The messages after saving or printing.
pub fn saved(lang: Lang, path: &std::path::Path) -> String {
    fill(s(lang).saved, &[("path", &path.display())])
}

pub fn not_saved(lang: Lang, why: &str) -> String {
    fill(s(lang).not_saved, &[("why", &why)])
}

pub fn no_file_dialog(lang: Lang, folder: &std::path::Path) -> String {
    fill(s(lang).no_file_dialog, &[("folder", &folder.display())])
}

pub fn printed(lang: Lang, spooler: &str) -> String {
    fill(s(lang).printed, &[("spooler", &spooler)])
}

pub fn opened_in_viewer(lang: Lang) -> String {
    s(lang).opened_in_viewer.to_owned()
}

pub fn not_printed(lang: Lang, why: &str) -> String {
    fill(s(lang).not_printed, &[("why", &why)])
}

/// A group's heading with the number of its fields to check, "Lever (☐ 2)".
pub fn group_marked(lang: Lang, group: &str, n: usize) -> String {
    fill(s(lang).group_marked, &[("group", &group), ("n", &n)])
}

/// The preview's message when its worker cannot start.
pub fn preview_failed(lang: Lang, why: &str) -> String {
    fill(s(lang).preview_failed, &[("why", &why)])
}
