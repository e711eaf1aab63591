//! Reading a dataset: a folder (a manifest, `dataset.ron`, naming its part files and one
//! file per treatment) or, for older datasets, a single file holding every section.
//!
//! Every file is parsed before anything is validated, so a maintainer sees the syntax
//! errors of all files at once; every later error names the file it is in, with line and
//! column counted in that file.

use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::model::{
    About, Alternative, Claim, Dataset, Disagreement, Fact, Notice, Pathway, Question, SettledBy,
    Source, Text, Treatment,
};
use super::spans::{Pos, Spans};
use super::{Diagnostic, ReadError, Report, read_text};

/// The manifest's file name inside a dataset folder.
pub const MANIFEST: &str = "dataset.ron";

/// A dataset folder's files, by path relative to the folder (`/`-separated).
pub trait Folder {
    /// The folder as messages name it, e.g. `data/net-liver-metastases`.
    fn name(&self) -> String;
    /// The text of one of its files. `rel` has been checked to stay inside the folder.
    fn read(&self, rel: &str) -> Result<String, ReadError>;
}

/// A folder held in memory: the built-in dataset, or a test's edited copy of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemFolder {
    pub name: String,
    pub files: BTreeMap<String, String>,
}

impl MemFolder {
    pub fn new(name: impl Into<String>, files: &[(&str, &str)]) -> Self {
        MemFolder {
            name: name.into(),
            files: files
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }
}

impl Folder for MemFolder {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn read(&self, rel: &str) -> Result<String, ReadError> {
        self.files
            .get(rel)
            .cloned()
            .ok_or_else(|| ReadError::Io("there is no such file in the dataset".to_owned()))
    }
}

/// A folder on disk. A file is read only if it lies inside the folder once links are
/// followed, and only a regular file is read.
#[derive(Debug, Clone)]
pub struct DiskFolder {
    pub dir: PathBuf,
}

impl Folder for DiskFolder {
    fn name(&self) -> String {
        self.dir.display().to_string()
    }

    fn read(&self, rel: &str) -> Result<String, ReadError> {
        let path = self.dir.join(rel);
        let inside = |p: &Path| -> Result<PathBuf, ReadError> {
            p.canonicalize().map_err(|e| ReadError::Io(e.to_string()))
        };
        let (dir, file) = (inside(&self.dir)?, inside(&path)?);
        if !file.starts_with(&dir) {
            return Err(ReadError::OutsideFolder(file.display().to_string()));
        }
        read_text(&file)
    }
}

/// Whether `rel` names a file inside the folder: relative, without `..`.
pub fn is_inside(rel: &str) -> bool {
    use std::path::Component;
    !rel.trim().is_empty()
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

/// The manifest of a dataset folder.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Manifest {
    id: String,
    version: String,
    reviewed: String,
    title: Text,
    /// The files holding the dataset's sections (sources, facts, pathways, …).
    parts: Vec<String>,
    /// One file per treatment, in the order the treatments are shown and assessed.
    treatments: Vec<String>,
}

/// A part file: any of the dataset's sections, each in one file only. A section written
/// in the file is `Some`, whatever its value.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Part {
    #[serde(deserialize_with = "present")]
    sources: Option<Vec<Source>>,
    #[serde(deserialize_with = "present")]
    facts: Option<Vec<Fact>>,
    #[serde(deserialize_with = "present")]
    situation: Option<Vec<String>>,
    #[serde(deserialize_with = "present")]
    choice_factors: Option<Vec<Claim>>,
    #[serde(deserialize_with = "present")]
    notices: Option<Vec<Notice>>,
    #[serde(deserialize_with = "present")]
    disagreements: Option<Vec<Disagreement>>,
    /// Written `Some(Alternative(...))`, as in a dataset in one file.
    #[serde(deserialize_with = "present")]
    no_treatment: Option<Option<Alternative>>,
    #[serde(deserialize_with = "present")]
    priorities: Option<Vec<Text>>,
    #[serde(deserialize_with = "present")]
    about: Option<About>,
    #[serde(deserialize_with = "present")]
    checks: Option<Vec<Claim>>,
    #[serde(deserialize_with = "present")]
    questions: Option<Vec<Question>>,
    #[serde(deserialize_with = "present")]
    pathways: Option<Vec<Pathway>>,
    #[serde(deserialize_with = "present")]
    ask: Option<Vec<Text>>,
    #[serde(deserialize_with = "present")]
    settled_by: Option<Vec<SettledBy>>,
}

/// A field that is written is present, whatever its value.
fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

impl Part {
    /// Moves each section this part holds into `d`, and names them (in file order).
    fn move_into(self, d: &mut Dataset) -> Vec<&'static str> {
        let mut names = Vec::new();
        macro_rules! take {
            ($($field:ident),*) => {$(
                if let Some(v) = self.$field {
                    d.$field = v;
                    names.push(stringify!($field));
                }
            )*};
        }
        take!(
            sources,
            facts,
            situation,
            choice_factors,
            notices,
            disagreements,
            no_treatment,
            priorities,
            about,
            checks,
            questions,
            pathways,
            ask,
            settled_by
        );
        names
    }
}

/// One file a dataset was read from, with its text for positions.
#[derive(Debug)]
struct LaidFile {
    name: String,
    text: String,
    spans: OnceCell<Spans>,
}

impl LaidFile {
    fn new(name: String, text: String) -> Self {
        LaidFile {
            name,
            text,
            spans: OnceCell::new(),
        }
    }

    /// Positions, scanned on first use: only an error (or a maintainer's question) needs
    /// one, so a dataset that validates is never scanned.
    fn spans(&self) -> &Spans {
        self.spans.get_or_init(|| Spans::scan(&self.text))
    }
}

/// Which file holds which item of a dataset, so an item path (`treatments[2].rules[0]`)
/// becomes a file, line and column.
#[derive(Debug)]
pub struct Layout {
    files: Vec<LaidFile>,
    /// The file of each top-level section, by name; the others are in file 0.
    sections: HashMap<&'static str, usize>,
    /// The file of each treatment, by index.
    treatments: Vec<usize>,
}

impl Layout {
    /// A dataset in one file.
    pub fn single(name: &str, text: &str) -> Layout {
        Layout {
            files: vec![LaidFile::new(name.to_owned(), text.to_owned())],
            sections: HashMap::new(),
            treatments: Vec::new(),
        }
    }

    /// The file holding `path`, and the path inside that file.
    fn split<'p>(&self, path: &'p str) -> (&LaidFile, &'p str) {
        if let Some(rest) = path.strip_prefix("treatments[")
            && let Some((index, tail)) = rest.split_once(']')
            && let Ok(i) = index.parse::<usize>()
            && let Some(&f) = self.treatments.get(i)
        {
            return (&self.files[f], tail.strip_prefix('.').unwrap_or(tail));
        }
        let section = path.split(['.', '[']).next().unwrap_or_default();
        let f = self.sections.get(section).copied().unwrap_or(0);
        (&self.files[f], path)
    }

    /// The file and position of `path` (or of its nearest recorded ancestor).
    pub fn find(&self, path: &str) -> (&str, Pos) {
        let (file, local) = self.split(path);
        (&file.name, file.spans().find(local))
    }

    /// The file and the position where the value of `path` starts, if recorded.
    pub fn value(&self, path: &str) -> Option<(&str, Pos)> {
        let (file, local) = self.split(path);
        file.spans().value(local).map(|p| (file.name.as_str(), p))
    }

    /// The names of the files read, the manifest first.
    pub fn file_names(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|f| f.name.as_str())
    }
}

/// A syntax error of one file, reported where it is.
fn syntax_error(file: &str, e: &ron::error::SpannedError) -> Diagnostic {
    Diagnostic {
        file: file.to_owned(),
        line: e.span.start.line,
        col: e.span.start.col,
        path: String::new(),
        message: e.code.to_string(),
        hint: Some(super::syntax_hint(&e.code)),
    }
}

fn parse<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, ron::error::SpannedError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    ron::Options::default().from_str(text)
}

/// The name of the struct a RON document starts with (`Manifest`, `Dataset`), if any.
pub fn root_name(text: &str) -> Option<&str> {
    let mut rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r);
        } else if rest.starts_with("#!") {
            rest = rest.split_once(']').map_or("", |(_, r)| r);
        } else {
            break;
        }
    }
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// Reads every file of a folder dataset and puts the dataset together, unvalidated, with
/// its layout and the texts of its sources. Syntax errors and unreadable files of all
/// files are reported together.
pub(super) fn assemble(folder: &dyn Folder) -> Result<(Dataset, Layout), Report> {
    let shown = |rel: &str| format!("{}/{rel}", folder.name().trim_end_matches('/'));
    let manifest_name = shown(MANIFEST);
    let report = |errors: Vec<Diagnostic>| Report {
        file: folder.name(),
        errors,
    };
    let text = folder.read(MANIFEST).map_err(|e| {
        report(vec![Diagnostic {
            file: manifest_name.clone(),
            line: 1,
            col: 1,
            path: String::new(),
            message: format!("cannot read the dataset's manifest: {e}"),
            hint: Some(format!(
                "a dataset folder holds `{MANIFEST}`, which names its other files; give the folder (or its {MANIFEST}) with --data or to `check`"
            )),
        }])
    })?;
    let manifest: Manifest =
        parse(&text).map_err(|e| report(vec![syntax_error(&manifest_name, &e)]))?;
    let mut layout = Layout {
        files: vec![LaidFile::new(manifest_name, text)],
        sections: HashMap::new(),
        treatments: Vec::new(),
    };
    let mut d = Dataset {
        id: manifest.id,
        version: manifest.version,
        reviewed: manifest.reviewed,
        title: manifest.title,
        ..Dataset::default()
    };
    let mut errors = Vec::new();
    // A file named in the manifest: read it, or say at the manifest why not.
    let mut read = |list: &str, k: usize, rel: &str, layout: &Layout| -> Option<String> {
        let why = if !is_inside(rel) {
            format!("{rel:?} is not a file inside the dataset's folder")
        } else {
            match folder.read(rel) {
                Ok(t) => return Some(t),
                Err(e) => format!("cannot read {rel:?}: {e}"),
            }
        };
        let (file, pos) = layout.find(&format!("{list}[{k}]"));
        errors.push(Diagnostic {
            file: file.to_owned(),
            line: pos.line,
            col: pos.col,
            path: format!("{list}[{k}]"),
            message: why,
            hint: Some(
                "name a file relative to the dataset folder, without `..`, that exists there"
                    .to_owned(),
            ),
        });
        None
    };
    let mut parts = Vec::new();
    for (k, rel) in manifest.parts.iter().enumerate() {
        if let Some(text) = read("parts", k, rel, &layout) {
            parts.push((shown(rel), text));
        }
    }
    let mut treatment_files = Vec::new();
    for (k, rel) in manifest.treatments.iter().enumerate() {
        if let Some(text) = read("treatments", k, rel, &layout) {
            treatment_files.push((shown(rel), text));
        }
    }
    for (name, text) in parts {
        match parse::<Part>(&text) {
            Ok(part) => {
                let index = layout.files.len();
                layout.files.push(LaidFile::new(name, text));
                for section in part.move_into(&mut d) {
                    if let Some(&before) = layout.sections.get(section) {
                        let file = &layout.files[index];
                        let pos = file.spans().find(section);
                        errors.push(Diagnostic {
                            file: file.name.clone(),
                            line: pos.line,
                            col: pos.col,
                            path: section.to_owned(),
                            message: format!(
                                "`{section}` is given here and in {} too",
                                layout.files[before].name
                            ),
                            hint: Some("keep each section in one file".to_owned()),
                        });
                    } else {
                        layout.sections.insert(section, index);
                    }
                }
            }
            Err(e) => errors.push(syntax_error(&name, &e)),
        }
    }
    for (name, text) in treatment_files {
        match parse::<Treatment>(&text) {
            Ok(t) => {
                layout.treatments.push(layout.files.len());
                layout.files.push(LaidFile::new(name, text));
                d.treatments.push(t);
            }
            Err(e) => errors.push(syntax_error(&name, &e)),
        }
    }
    if manifest.treatments.is_empty() {
        let (file, pos) = layout.find("treatments");
        errors.push(Diagnostic {
            file: file.to_owned(),
            line: pos.line,
            col: pos.col,
            path: "treatments".to_owned(),
            message: "the manifest names no treatment files".to_owned(),
            hint: Some("add `treatments: [\"treatments/resection.ron\", ...]`".to_owned()),
        });
    }
    if errors.is_empty() {
        Ok((d, layout))
    } else {
        errors.sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
        Err(report(errors))
    }
}

/// Parses a dataset written in one file.
pub(super) fn single(text: &str, name: &str) -> Result<(Dataset, Layout), Report> {
    match parse::<Dataset>(text) {
        Ok(d) => Ok((d, Layout::single(name, text))),
        Err(e) => Err(Report {
            file: name.to_owned(),
            errors: vec![syntax_error(name, &e)],
        }),
    }
}
