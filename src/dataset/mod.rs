//! The clinical dataset: its model, loading from RON, and validation.
//!
//! A [`Dataset`] returned by [`load_str`], [`load_file`] or [`load_embedded`] has passed every
//! check; there is no way to get half a dataset.

pub mod fields;
pub mod load;
pub mod model;
pub mod rules;
pub mod spans;
mod validate;
pub mod vocab;
mod walk;

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

pub use load::{DiskFolder, Folder, Layout, MemFolder};
pub use model::*;
pub use validate::is_date;
pub use walk::Stats;

/// The name messages give the dataset compiled into the binary.
pub const EMBEDDED_NAME: &str = "<built-in>/net-liver-metastases";

// The files of `data/net-liver-metastases/`, listed by the build script.
include!(concat!(env!("OUT_DIR"), "/embedded_dataset.rs"));

/// The built-in dataset's folder, in memory.
pub fn embedded_folder() -> MemFolder {
    MemFolder::new(EMBEDDED_NAME, EMBEDDED_FILES)
}

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
    /// A report of one error that ends loading at `line:col`.
    fn single(file: &str, line: usize, col: usize, message: String, hint: String) -> Report {
        Report {
            file: file.to_owned(),
            errors: vec![Diagnostic {
                file: file.to_owned(),
                line,
                col,
                path: String::new(),
                message,
                hint: Some(hint),
            }],
        }
    }
}

/// Collapses every run of whitespace to one space, so quotes may wrap differently.
pub fn normalize_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The largest dataset or source text netliver reads (the shipped dataset is about 0.2 MB).
pub const MAX_TEXT_BYTES: u64 = 10 * 1024 * 1024;

/// Why a text file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(String),
    #[error("it is not a regular file (a folder, device or pipe)")]
    NotAFile,
    #[error("it is larger than {} MB", MAX_TEXT_BYTES / (1024 * 1024))]
    TooLarge,
    #[error("it is not UTF-8 text: the bytes at {line}:{col} are not valid UTF-8")]
    NotUtf8 { line: usize, col: usize },
    #[error("it leads outside the dataset's folder (to {0})")]
    OutsideFolder(String),
    #[error("it is a file of the system (/proc, /sys or /dev), not a text file")]
    SystemFile,
    #[error("it did not finish reading within {} seconds", READ_TIME_LIMIT.as_secs())]
    TooSlow,
}

/// Reads a text file of at most [`MAX_TEXT_BYTES`], refusing pipes and devices (which
/// could block or never end), accepting a UTF-8 byte-order mark (as Notepad writes) and
/// reporting invalid UTF-8 at its line and column.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    use std::io::Read;
    let io = |e: std::io::Error| ReadError::Io(e.to_string());
    // Look before opening: opening a pipe for reading waits for a writer.
    if !std::fs::metadata(path).map_err(io)?.is_file() {
        return Err(ReadError::NotAFile);
    }
    // The kernel's files (/proc, /sys) call themselves regular but can block or never end.
    if cfg!(target_os = "linux") {
        let real = path.canonicalize().map_err(io)?;
        if ["/proc", "/sys", "/dev"]
            .iter()
            .any(|d| real.starts_with(d))
        {
            return Err(ReadError::SystemFile);
        }
    }
    let file = std::fs::File::open(path).map_err(io)?;
    if !file.metadata().map_err(io)?.is_file() {
        return Err(ReadError::NotAFile);
    }
    // A read that does not end (a network share that hangs, a filesystem in user space)
    // gives up after a while instead of hanging the command or the app.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let r = file.take(MAX_TEXT_BYTES + 1).read_to_end(&mut bytes);
        let _ = tx.send(r.map(|_| bytes));
    });
    let bytes = match rx.recv_timeout(READ_TIME_LIMIT) {
        Ok(r) => r.map_err(io)?,
        Err(_) => return Err(ReadError::TooSlow),
    };
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        return Err(ReadError::TooLarge);
    }
    decode(bytes)
}

/// How long a text file may take to read.
const READ_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(10);

/// UTF-8 text without a leading byte-order mark, or where it stops being UTF-8.
pub fn decode(mut bytes: Vec<u8>) -> Result<String, ReadError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        // The prefix is valid UTF-8 by definition.
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        let line = prefix.matches('\n').count() + 1;
        let col = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        ReadError::NotUtf8 { line, col }
    })
}

/// Parses and validates a dataset written in one file. `resolve` gives the text of a
/// source file named relative to the dataset, or says why it cannot.
pub fn load_str(
    text: &str,
    file: &str,
    resolve: &dyn Fn(&str) -> Result<String, String>,
) -> Result<Dataset, Report> {
    let (d, layout) = load::single(text, file)?;
    validated(d, layout, resolve).map(|(d, _)| d)
}

/// Reads, puts together and validates a dataset folder.
pub fn load_folder(folder: &dyn Folder) -> Result<(Dataset, Layout), Report> {
    let (d, layout) = load::assemble(folder)?;
    let resolve = |rel: &str| {
        if !load::is_inside(rel) {
            return Err(format!(
                "{rel:?} is not inside the dataset's folder: name a file relative to the dataset, without `..`"
            ));
        }
        folder
            .read(rel)
            .map_err(|e| format!("the source text {rel:?} cannot be used: {e}"))
    };
    validated(d, layout, &resolve)
}

/// Checks a dataset put together from its files: its source texts, then every rule of
/// [`validate`]. Errors are sorted by file, line and column.
fn validated(
    mut data: Dataset,
    layout: Layout,
    resolve: &dyn Fn(&str) -> Result<String, String>,
) -> Result<(Dataset, Layout), Report> {
    let mut errors = Vec::new();
    let mut texts = HashMap::new();
    for (i, s) in data.sources.iter().enumerate() {
        let Some(rel) = &s.file else { continue };
        match resolve(rel) {
            Ok(t) => {
                texts.insert(s.id.clone(), normalize_ws(&t));
            }
            Err(why) => {
                let path = format!("sources[{i}].file");
                let (file, pos) = layout.find(&path);
                errors.push(Diagnostic {
                    file: file.to_owned(),
                    line: pos.line,
                    col: pos.col,
                    path,
                    message: why,
                    hint: Some(
                        "put a copy of the source's text at that path, relative to the dataset: every quote is checked against it"
                            .to_owned(),
                    ),
                });
            }
        }
    }
    let mut v = validate::Validator::new(&layout, &texts);
    v.dataset(&mut data);
    errors.extend(v.errors);
    if errors.is_empty() {
        Ok((data, layout))
    } else {
        let file = layout.file_names().next().unwrap_or_default().to_owned();
        errors.sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
        Err(Report { file, errors })
    }
}

/// FNV-1a, 64 bits.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

pub(crate) fn syntax_hint(code: &ron::Error) -> String {
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

/// The dataset compiled into the binary.
pub fn load_embedded() -> Result<Dataset, Report> {
    load_folder(&embedded_folder()).map(|(d, _)| d)
}

/// A dataset on disk: a folder (or its `dataset.ron`), or a dataset written in one file.
/// Source texts are read from the dataset's own folder only.
pub fn load_path(path: &Path) -> Result<(Dataset, Layout), Report> {
    let name = path.display().to_string();
    let unreadable = |e: ReadError| {
        let ((line, col), hint) = match e {
            ReadError::NotUtf8 { line, col } => (
                (line, col),
                "save the file as UTF-8 (most editors offer it under \"Save as\")",
            ),
            _ => (
                (1, 1),
                "give the dataset's folder (or a dataset file, .ron) with --data or to `check`",
            ),
        };
        let message = format!("cannot read the dataset: {e}");
        Report::single(&name, line, col, message, hint.to_owned())
    };
    if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
        return load_folder(&DiskFolder {
            dir: path.to_path_buf(),
        });
    }
    let text = read_text(path).map_err(unreadable)?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let folder = DiskFolder { dir };
    if load::root_name(&text) == Some("Manifest") {
        return load_folder(&folder);
    }
    let (d, layout) = load::single(&text, &name)?;
    let resolve = |rel: &str| {
        if !load::is_inside(rel) {
            return Err(format!(
                "{rel:?} is not inside the dataset's folder: name a file relative to the dataset, without `..`"
            ));
        }
        folder
            .read(rel)
            .map_err(|e| format!("the source text {rel:?} cannot be used: {e}"))
    };
    validated(d, layout, &resolve)
}

/// A dataset on disk (see [`load_path`]).
pub fn load_file(path: &Path) -> Result<Dataset, Report> {
    load_path(path).map(|(d, _)| d)
}

/// `--data PATH` if given, else the built-in dataset.
pub fn load(path: Option<&Path>) -> Result<Dataset, Report> {
    match path {
        Some(p) => load_file(p),
        None => load_embedded(),
    }
}
