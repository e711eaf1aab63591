//! The clinical dataset: its model, loading from RON, and validation.
//!
//! A [`Dataset`] returned by [`load_str`], [`load_file`] or [`load_embedded`] has passed every
//! check; there is no way to get half a dataset.

pub mod fields;
pub mod model;
pub mod rules;
pub mod spans;
mod validate;

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

pub use model::*;
pub use validate::is_date;

use spans::Spans;

/// The file name shown for the dataset compiled into the binary.
pub const EMBEDDED_NAME: &str = "<built-in>/net-liver-metastases.ron";
/// The dataset compiled into the binary.
pub const EMBEDDED_RON: &str = include_str!("../../data/net-liver-metastases.ron");
/// Source texts compiled into the binary, by their path relative to the dataset.
pub const EMBEDDED_SOURCES: &[(&str, &str)] = &[(
    "sources/kb-net-levermetastaser.da.txt",
    include_str!("../../data/sources/kb-net-levermetastaser.da.txt"),
)];

/// One problem in a dataset, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub col: usize,
    /// The item path, e.g. `treatments[2].rules[0].when`; empty for syntax errors.
    pub path: String,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )?;
        if !self.path.is_empty() {
            write!(f, "\n    at {}", self.path)?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n    hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem found in a dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub file: String,
    pub errors: Vec<Diagnostic>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.errors {
            writeln!(f, "{e}")?;
        }
        let n = self.errors.len();
        write!(
            f,
            "{}: {n} error{}; the dataset was not loaded",
            self.file,
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for Report {}

impl Report {
    fn single(file: &str, message: String, hint: Option<String>) -> Report {
        Report {
            file: file.to_owned(),
            errors: vec![Diagnostic {
                file: file.to_owned(),
                line: 1,
                col: 1,
                path: String::new(),
                message,
                hint,
            }],
        }
    }
}

/// Collapses every run of whitespace to one space, so quotes may wrap differently.
pub fn normalize_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses and validates a dataset. `resolve` gives the text of a source file named
/// relative to the dataset, or `None` if there is none.
pub fn load_str(
    text: &str,
    file: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> Result<Dataset, Report> {
    let mut data: Dataset = match ron::Options::default().from_str(text) {
        Ok(d) => d,
        Err(e) => {
            return Err(Report {
                file: file.to_owned(),
                errors: vec![Diagnostic {
                    file: file.to_owned(),
                    line: e.span.start.line,
                    col: e.span.start.col,
                    path: String::new(),
                    message: e.code.to_string(),
                    hint: Some(syntax_hint(&e.code)),
                }],
            });
        }
    };
    let spans = Spans::scan(text);
    let mut errors = Vec::new();
    let mut texts = HashMap::new();
    for (i, s) in data.sources.iter().enumerate() {
        let Some(rel) = &s.file else { continue };
        match resolve(rel) {
            Some(t) => {
                texts.insert(s.id.clone(), normalize_ws(&t));
            }
            None => {
                let path = format!("sources[{i}].file");
                let pos = spans.find(&path);
                errors.push(Diagnostic {
                    file: file.to_owned(),
                    line: pos.line,
                    col: pos.col,
                    path,
                    message: format!("the source text {rel:?} cannot be read"),
                    hint: Some(
                        "put the source's text at that path, relative to the dataset file, or write `file: None`"
                            .to_owned(),
                    ),
                });
            }
        }
    }
    let mut v = validate::Validator::new(file, &spans, &texts);
    v.dataset(&mut data);
    errors.extend(v.errors);
    if errors.is_empty() {
        Ok(data)
    } else {
        errors.sort_by_key(|e| (e.line, e.col));
        Err(Report {
            file: file.to_owned(),
            errors,
        })
    }
}

fn syntax_hint(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::NoSuchStructField { expected, .. } => {
            format!("check the spelling; the fields here are: {}", expected.join(", "))
        }
        E::NoSuchEnumVariant { expected, .. } => {
            format!("use one of: {}", expected.join(", "))
        }
        E::ExpectedStringEnd => "close the string with `\"`".to_owned(),
        E::Eof => "the file ends early: a bracket or parenthesis is not closed".to_owned(),
        _ => "fix the RON syntax here: look for a missing comma, quote or bracket just before this point".to_owned(),
    }
}

fn embedded_source(rel: &str) -> Option<String> {
    EMBEDDED_SOURCES
        .iter()
        .find(|(name, _)| *name == rel)
        .map(|(_, t)| (*t).to_owned())
}

/// The dataset compiled into the binary.
pub fn load_embedded() -> Result<Dataset, Report> {
    load_str(EMBEDDED_RON, EMBEDDED_NAME, &embedded_source)
}

/// A dataset file on disk. Source files are looked up beside it, then among the built-in
/// copies of the same name.
pub fn load_file(path: &Path) -> Result<Dataset, Report> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        Report::single(
            &name,
            format!("cannot read the dataset: {e}"),
            Some("check the path given with --data".to_owned()),
        )
    })?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let resolve = move |rel: &str| {
        std::fs::read_to_string(dir.join(rel))
            .ok()
            .or_else(|| embedded_source(rel))
    };
    load_str(&text, &name, &resolve)
}

/// `--data FILE` if given, else the built-in dataset.
pub fn load(path: Option<&Path>) -> Result<Dataset, Report> {
    match path {
        Some(p) => load_file(p),
        None => load_embedded(),
    }
}
