//! Every interface word of netliver, one catalogue per language: the app ([`Ui`]), the
//! handout ([`Paper`]), the command line ([`Cli`]) and the words the domain's results are
//! said in ([`Say`]). The dataset's own texts stay in the dataset, and the field table's
//! labels in the field table; everything else a user reads comes from here.
//!
//! An entry is a `&'static str`. Texts with values in them are templates with named
//! placeholders, `"{n} of {all} fields entered"`, filled by [`fill`]. The tables are
//! structs, so a catalogue that leaves an entry out does not compile.
//!
//! Adding a language: a variant of [`Lang`], a file beside `da.rs` and `en.rs`, and one arm
//! in [`catalogue`].
//!
//! The pseudo-locale ([`Lang::Pseudo`]) is English with every run of words marked `⟦…⟧`;
//! tests run the app, `assess` and a handout in it, and any unmarked word on screen or
//! paper that is not the dataset's was written outside the catalogue.

mod da;
mod en;
pub mod say;

use std::sync::OnceLock;

use serde::Serialize;

pub use crate::lang::Lang;
pub use say::*;

/// Declares a table of entries: a struct of `&'static str`, and a way to mark each entry
/// for the pseudo-locale and to list them for tests.
macro_rules! table {
    ($(#[$m:meta])* pub struct $name:ident { $($key:ident,)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Serialize)]
        pub struct $name {
            $(pub $key: &'static str,)*
        }

        impl $name {
            /// The same table with every entry marked for the pseudo-locale.
            fn marked(&self) -> $name {
                $name { $($key: crate::lang::mark(self.$key),)* }
            }

            /// Every entry with its key, for tests.
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($key), self.$key),)*]
            }
        }
    };
}

table! {
    /// The app's words.
    pub struct Ui {
        // Top bar and shell
        language_name, overview, compare, handout, sources, light_theme, dark_theme,
        zoom_in, zoom_out, page_only, with_guidelines, scope_hint, no_dataset, focus_hint,
        // Profile
        patient, profile_hint, not_entered, yes, no, new_patient, new_patient_hint,
        guideline_field, to_check_field,
        // Overview
        show, all, not_ruled_out, search, search_hint, clear_search, compare_go, choose_two,
        nothing_matches, aim, source, details, details_hint, interpretation, guidelines_add,
        page_alone, with_guidelines_verdict, set_aside_here, to_check,
        // Compare
        compare_label, remove, remove_hint, add_treatment, clear, choose_for_grid,
        answers_differ, answers_same, not_stated, open_details, template, no_treatment_hint,
        // Detail
        back, in_comparison, assessment, before_for_patient, how, effect, common, rare,
        preparation_all, follow_up, suited, not_suited, criteria_and_rules, criterion, rule,
        grid_answers, patient_questions, sources_on_page, citation, where_sources_differ,
        // Handout
        handout_title, in_handout, handout_language, paper, doctor,
        department, patient_name, save_pdf, print, save_sheet, print_sheet, choose_for_handout, updating, readability,
        readability_hint, follow_interface, follow_comparison,
        // Sources
        publisher, date, no_date, language, checked, about_net, choice_depends, how_verdicts,
        how_verdicts_text, interpretations, literature,
        // Error page
        dataset_broken, at, hint,
        // Templates
        fields_entered, fields_to_check_one, fields_to_check_many, chosen_for_comparison,
        at_most_compared, at_most_in_handout, handout_treatments, pages_one, pages_many,
        page_n, unprintable, dataset_line, dataset_summary, dataset_errors, saved, not_saved,
        no_file_dialog, printed, opened_in_viewer, not_printed, group_marked,
        preview_failed, to_settle, copy_note, note_copied,
    }
}

table! {
    /// The handout's words (the template reads them as `doc.labels`).
    pub struct Paper {
        situation, decision, factors, grid, how, aim, effect, burdens, common, rare,
        silent_harms, before, after, questions, notes, not_stated, nothing_before,
        no_timeframe, not_helped_short, sources, computed, template, for_you, what_matters,
        tick, leaning, not_sure, about, editor, clinical_review, funding, conflicts,
        update_policy, next_review, evidence, readability, clinician, department, patient,
        page, of, source, dataset, after_treatment, intro,
        // Templates
        dataset_line, source_short_two, source_short_many, date, document_id, helped_line,
        not_helped_line,
        month_1, month_2, month_3, month_4, month_5, month_6, month_7, month_8, month_9,
        month_10, month_11, month_12,
        // The bands of the readability scores: LIX for Danish text, Flesch for English.
        lix_very_easy, lix_easy, lix_medium, lix_hard, lix_very_hard, flesch_easy,
        flesch_fairly_easy, flesch_plain, flesch_fairly_difficult, flesch_difficult,
        flesch_very_difficult,
    }
}

table! {
    /// The words of `netliver assess`, `list` and `diff`.
    pub struct Cli {
        title, sources, page_only, with_guidelines, profile, set_aside, waiting_for,
        page_alone, with_guidelines_verdict, interpretation, source, before, to_check, differ,
        page_alone_short, verdicts, workup, would_change, nothing_to_settle, full_hint,
        document_id,
    }
}

table! {
    /// The words the assessment's results are said in, and the dataset's vocabulary.
    pub struct Say {
        meets, may_be_considered, with_reservations, does_not_meet, pending, more,
        met, not_entered, no_criteria, depends_on, check_heading, mdt_notice,
        evidence_patient_page, evidence_national_guideline, evidence_consensus,
        evidence_trial, evidence_cohort, evidence_review, evidence_hospital_practice,
        evidence_patient_information, evidence_case_report, evidence_report,
        aim_complete_removal, aim_symptom_relief, aim_disease_control,
        freq_range, freq_average, freq_about, freq_more, freq_fewer,
        day, days, week, weeks, month, months, year, years, interval,
        yes, no, yes_no, nothing_entered, decimal_separator,
        group_key, group_tumour, group_liver, group_patient, group_history, undated,
        or, lever_entered, lever_unknown, alternative, still_pending, between, settles_one,
        settles_many, settled_by, dataset_wording,
    }
}

table! {
    /// The MDT case sheet.
    pub struct Sheet {
        title, facts, not_entered, verdicts, treatment, verdict, reason, source, workup, differ,
        more_to_settle, fact, could_change, settled_by,
    }
}

table! {
    /// The journal note: plain text a clinician pastes into the patient's record.
    pub struct Note {
        title, dataset, entered, options, option, workup, differ, handout, no_handout, mdt,
        page_only, with_guidelines,
    }
}

/// Every word of one language.
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub lang: Lang,
    pub ui: Ui,
    pub paper: Paper,
    pub cli: Cli,
    pub say: Say,
    pub note: Note,
    pub sheet: Sheet,
}

impl Catalogue {
    fn marked(&self, lang: Lang) -> Catalogue {
        Catalogue {
            lang,
            ui: self.ui.marked(),
            paper: self.paper.marked(),
            cli: self.cli.marked(),
            say: self.say.marked(),
            note: self.note.marked(),
            sheet: self.sheet.marked(),
        }
    }

    /// Every entry as `table.key` with its text, for tests.
    pub fn entries(&self) -> Vec<(String, &'static str)> {
        let tables = [
            ("ui", self.ui.entries()),
            ("paper", self.paper.entries()),
            ("cli", self.cli.entries()),
            ("say", self.say.entries()),
            ("note", self.note.entries()),
            ("sheet", self.sheet.entries()),
        ];
        tables
            .into_iter()
            .flat_map(|(t, es)| es.into_iter().map(move |(k, v)| (format!("{t}.{k}"), v)))
            .collect()
    }
}

/// The catalogue of `lang`.
pub fn catalogue(lang: Lang) -> &'static Catalogue {
    static PSEUDO: OnceLock<Catalogue> = OnceLock::new();
    match lang {
        Lang::Da => &da::DA,
        Lang::En => &en::EN,
        Lang::Pseudo => PSEUDO.get_or_init(|| en::EN.marked(Lang::Pseudo)),
    }
}

/// Fills a template's `{name}` placeholders from `args`; a placeholder without a value
/// stays as it is (a test checks that every template's placeholders are filled).
pub fn fill(template: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(&v.to_string()),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[at..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// What of a pseudo-locale text lies outside the `⟦…⟧` marks and the `{placeholders}`:
/// words that did not come from a catalogue (or, in a filled text, the values filled in).
pub fn unmarked(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    let mut in_placeholder = false;
    for c in text.chars() {
        match c {
            '⟦' => depth += 1,
            '⟧' => depth = depth.saturating_sub(1),
            '{' if depth == 0 => in_placeholder = true,
            '}' if in_placeholder => in_placeholder = false,
            _ if depth == 0 && !in_placeholder => out.push(c),
            _ => {}
        }
    }
    out
}

/// The placeholders of a template, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        let after = &rest[at + 1..];
        let Some(end) = after.find('}') else { break };
        out.push(&after[..end]);
        rest = &after[end + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_entry_with_the_same_placeholders() {
        let da = catalogue(Lang::Da).entries();
        let en = catalogue(Lang::En).entries();
        assert_eq!(da.len(), en.len());
        for ((key, d), (_, e)) in da.iter().zip(&en) {
            assert!(
                !d.trim().is_empty() && !e.trim().is_empty(),
                "{key} is empty"
            );
            let (mut pd, mut pe) = (placeholders(d), placeholders(e));
            pd.sort_unstable();
            pe.sort_unstable();
            assert_eq!(pd, pe, "{key}: the two languages fill different values");
        }
    }

    #[test]
    fn the_pseudo_locale_marks_every_entry() {
        for (key, text) in catalogue(Lang::Pseudo).entries() {
            assert!(
                unmarked(text).trim().is_empty(),
                "{key} has words outside the marks: {text}"
            );
        }
    }

    #[test]
    fn templates_are_filled_by_name() {
        assert_eq!(
            fill("{n} of {all} fields", &[("all", &12), ("n", &3)]),
            "3 of 12 fields"
        );
        assert_eq!(fill("{missing} stays", &[]), "{missing} stays");
    }
}
