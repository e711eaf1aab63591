//! The pseudo-locale test: netliver run in a test-only language whose every catalogue entry
//! (and every word of the field table) comes back marked `⟦…⟧`, while the dataset's texts
//! come back in English, unmarked. Whatever the app, `assess` or a handout then shows that
//! is neither marked nor the dataset's was written outside the catalogue, and a third
//! language would miss it. The failure names the text.

#![allow(clippy::unwrap_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use netliver::assessment::{Profile, Scope};
use netliver::dataset::{self, Dataset, Lang};
use netliver::handout::{Request, compose};
use netliver::i18n::catalogue;
use netliver::ui::{Action, AppState, Settings, View, app_ui, setup_context};

mod common;

/// Words that are no language's: the program's name, key names, paper formats, file types,
/// the names of the readability scores, the DOI prefix.
const NOT_WORDS: &[&str] = &[
    "netliver",
    "Alt",
    "Ctrl",
    "Ctrl+S",
    "Ctrl+P",
    "Ctrl+J",
    "Ctrl+Shift+S",
    "Ctrl+Shift+P",
    "Shift",
    "Esc",
    "F6",
    "F11",
    "A4",
    "US Letter",
    "PDF",
    "LIX",
    "Flesch",
    "qps",
    "a4",
    "us-letter",
    "doi",
];

/// Words egui itself gives widgets for screen readers; a third language would still read
/// them in English (egui 0.37 has no way to translate them).
const EGUI_WORDS: &[&str] = &["Resize panel"];

/// Every text of the dataset, lower-cased (each language: the pseudo-locale reads English).
fn content(d: &Dataset) -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.to_lowercase()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&serde_json::to_value(d).unwrap(), &mut out);
    // The language names each language gives itself are shown in their own language.
    out.extend(Lang::ALL.map(|l| catalogue(l).ui.language_name.to_lowercase()));
    out
}

/// The runs of a text outside the `⟦…⟧` marks.
fn unmarked_runs(text: &str) -> Vec<String> {
    let mut runs = vec![String::new()];
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '⟦' => {
                depth += 1;
                runs.push(String::new());
            }
            '⟧' => depth = depth.saturating_sub(1),
            _ if depth == 0 => runs.last_mut().unwrap().push(c),
            _ => {}
        }
    }
    runs
}

/// A document id, "K7Q2-9XMD": a code, no word.
fn is_document_id(piece: &str) -> bool {
    let b = piece.as_bytes();
    b.len() == 9
        && b[4] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || c.is_ascii_digit() || c.is_ascii_uppercase())
}

fn without_placeholders(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        match rest[at..].find('}') {
            Some(end)
                if rest[at + 1..at + end]
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_') =>
            {
                out.push(' ');
                rest = &rest[at + end + 1..];
            }
            _ => {
                out.push('{');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// What in `text` is neither marked nor the dataset's (nor one of [`NOT_WORDS`]).
fn strays(text: &str, content: &[String]) -> Vec<String> {
    const SEPARATORS: &[&str] = &[
        "\n", ". ", ": ", "; ", ", ", " · ", "(", ")", "[", "]", "«", "»", " – ", " — ", "\"",
        " / ", " | ", "→", "≈", "▶", "◀", "✖", "…", ":",
    ];
    // Icons beside a text (ℹ counts as a letter) and the ends of a run are not words.
    let trim = |s: &str| {
        s.trim_matches(|c: char| !c.is_alphanumeric() || "ℹ✔⚠✖□☐".contains(c))
            .to_owned()
    };
    let known = |piece: &str| {
        let p = piece.to_lowercase();
        // "Alt+1", "Flesch 75": a name with a number.
        let name = piece.trim_end_matches(|c: char| c.is_ascii_digit() || " +-.".contains(c));
        !piece.chars().any(char::is_alphabetic)
            || is_document_id(piece)
            || NOT_WORDS
                .iter()
                .chain(EGUI_WORDS)
                .any(|w| w.eq_ignore_ascii_case(name) || w.eq_ignore_ascii_case(piece))
            || content.iter().any(|c| c.contains(&p))
    };
    let mut out = Vec::new();
    for run in unmarked_runs(text) {
        // An unfilled template (the handout's labels go to the typesetter whole) keeps its
        // placeholders, which are not words either.
        let run = trim(&without_placeholders(&run));
        if known(&run) {
            continue;
        }
        // Composed of several dataset texts (a citation: authors, title, journal): each
        // part must be the dataset's.
        let mut pieces = vec![run];
        for sep in SEPARATORS {
            pieces = pieces
                .iter()
                .flat_map(|p| p.split(sep).map(trim).collect::<Vec<_>>())
                .collect();
        }
        out.extend(pieces.into_iter().filter(|p| !known(p)));
    }
    out
}

fn assert_no_strays(place: &str, texts: impl IntoIterator<Item = String>, content: &[String]) {
    let mut found: Vec<String> = Vec::new();
    for t in texts {
        for s in strays(&t, content) {
            let line = format!("{s:?} in {t:?}");
            if !found.contains(&line) {
                found.push(line);
            }
        }
    }
    assert!(
        found.is_empty(),
        "{place}: {} text(s) written outside the catalogue:\n{}",
        found.len(),
        found.join("\n")
    );
}

fn profile() -> Profile {
    // Some facts entered and some not, so that reasons, pending badges, points to check and
    // preparations all show.
    Profile::from_pairs(&[
        ("lesions", "3"),
        ("largest_cm", "2.5"),
        ("grade", "g2"),
        ("carcinoid_syndrome", "yes"),
        ("extrahepatic", "no"),
    ])
    .unwrap()
}

#[test]
fn the_checker_finds_a_word_outside_the_catalogue() {
    let d = dataset::load_embedded().unwrap();
    let content = content(&d);
    let name = d.treatments[2].name.get(Lang::En);
    assert!(strays(&format!("⟦Met: ⟧{name}⟦ ⟧3"), &content).is_empty());
    assert_eq!(
        strays(
            &format!("⟦Met: ⟧{name}. Sent to the MDT secretary"),
            &content
        ),
        vec!["Sent to the MDT secretary".to_owned()]
    );
    assert_eq!(strays("Saved: /tmp/x.pdf", &content).len(), 2);
    assert!(strays("netliver · 3 ✔ 2,5", &content).is_empty());
}

fn texts_on_screen(h: &Harness<'_, AppState>) -> Vec<String> {
    h.query_all_by(|_| true)
        .flat_map(|n| {
            let n = n.accesskit_node();
            [n.label(), n.value(), n.description()]
        })
        .flatten()
        .filter(|t| !t.trim().is_empty())
        .collect()
}

#[test]
fn every_word_of_the_app_comes_from_the_catalogue() {
    let d = dataset::load_embedded().unwrap();
    let content = content(&d);
    let mut state = AppState::new(
        d,
        Settings {
            lang: Lang::Pseudo,
            ..Settings::default()
        },
    );
    for (name, value) in [
        ("lesions", "3"),
        ("largest_cm", "2.5"),
        ("grade", "g2"),
        ("carcinoid_syndrome", "yes"),
    ] {
        let field = netliver::dataset::fields::Field::from_name(name).unwrap();
        state.type_field(field, value);
    }
    state.apply(vec![Action::ToggleCompare(2), Action::ToggleCompare(4)]);
    let mut h = Harness::builder()
        .with_size([1400.0, 1000.0])
        .with_context_setup(setup_context)
        // The marks are not in the interface's fonts; boxes are fine for reading the tree.
        .allow_missing_glyphs()
        .build_ui_state(|ui, state: &mut AppState| app_ui(ui, state), state);
    h.run();
    let mut texts = Vec::new();
    for view in [
        View::Overview,
        View::Compare,
        View::Detail(2),
        View::Detail(5),
        View::Handout,
        View::Sources,
    ] {
        h.state_mut().view = view;
        h.run();
        texts.extend(texts_on_screen(&h));
    }
    assert!(texts.len() > 100, "the views show text: {}", texts.len());
    assert_no_strays("the app", texts, &content);
}

#[test]
fn every_word_of_assess_comes_from_the_catalogue() {
    let d = dataset::load_embedded().unwrap();
    let content = content(&d);
    for scope in [Scope::WithGuidelines, Scope::PageOnly] {
        let mut out = Vec::new();
        netliver::cli::assess_table(&d, &profile(), Lang::Pseudo, scope, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.lines().count() > 50);
        assert_no_strays("assess", text.lines().map(str::to_owned), &content);
    }
}

#[test]
fn every_word_of_a_handout_comes_from_the_catalogue() {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let d = dataset::load_embedded().unwrap();
    let content = content(&d);
    let mut request = Request::new(&["rfa", "tace", "sirt", "resection"], Lang::Pseudo);
    request.profile = profile();
    request.clinician = None;
    let h = compose(&d, &request).unwrap();
    let mut texts = Vec::new();
    walk(&serde_json::to_value(&h).unwrap(), &mut texts);
    assert!(texts.len() > 100);
    assert_no_strays("the handout", texts, &content);
}
