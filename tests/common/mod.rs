//! What several test files share.

/// The built-in dataset's treatments, in its order.
#[allow(dead_code)]
pub const TREATMENT_IDS: [&str; 7] = [
    "resection",
    "debulking",
    "rfa",
    "tae",
    "tace",
    "sirt",
    "sbrt",
];

/// Every field known: 12 small-intestine metastases, confined to the liver, fit, G2 (Ki-67
/// 10 %), with hormonal symptoms; a third of the liver, one lobe, half of it removable,
/// SSTR-negative, not growing, no liver, heart or kidney problem, no earlier bile-duct
/// surgery, no pancreatic hormone syndrome.
// Not every test file that shares this module uses it.
#[allow(dead_code)]
pub const FULL_PROFILE: &[(&str, &str)] = &[
    ("lesions", "12"),
    ("largest_cm", "3"),
    ("extrahepatic", "no"),
    ("ecog", "1"),
    ("grade", "g2"),
    ("primary", "small-intestine"),
    ("hormonal_symptoms", "yes"),
    ("pressure_symptoms", "no"),
    ("reduce_for_other", "no"),
    ("tumour_burden_pct", "30"),
    ("bilobar", "no"),
    ("removable_pct", "50"),
    ("sstr_imaging", "negative"),
    ("ascites", "no"),
    ("liver_failure", "no"),
    ("portal_vein", "no"),
    ("carcinoid_syndrome", "no"),
    ("carcinoid_heart", "no"),
    ("age", "60"),
    ("egfr", "80"),
    ("survival_under_6m", "no"),
    ("biliary_enteric", "no"),
    ("ki67_pct", "10"),
    ("liver_progression", "no"),
    ("pancreatic_syndrome", "none"),
];

/// Verdicts by treatment id, written `"resection=N debulking=C rfa=E …"` (E eligible, C
/// caution, N not eligible; `P` after C: pending, waiting for facts), so a test states
/// what each treatment gets, whatever the order of the dataset.
#[allow(dead_code)]
pub fn verdicts_of(all: &[netliver::assessment::Assessment]) -> String {
    use netliver::dataset::Verdict;
    all.iter()
        .map(|a| {
            let v = match a.verdict {
                Verdict::Eligible => "E",
                Verdict::Caution if !a.pending().is_empty() => "CP",
                Verdict::Caution => "C",
                Verdict::NotEligible => "N",
            };
            format!("{}={v}", a.treatment)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `got` (as [`verdicts_of`] writes it) has every `id=V` of `expect`.
#[allow(dead_code)]
pub fn verdicts_match(got: &str, expect: &str) -> bool {
    expect
        .split_whitespace()
        .all(|want| got.split_whitespace().any(|g| g == want))
        && expect.split_whitespace().count() == got.split_whitespace().count()
}

use netliver::dataset::{self, Dataset, Diagnostic, MemFolder, Report};

/// The built-in dataset's files in reading order: the manifest, then the files it names in
/// its order, then the rest (the source texts).
#[allow(dead_code)]
pub fn files_in_order(f: &MemFolder) -> Vec<String> {
    let manifest = f.files.get("dataset.ron").cloned().unwrap_or_default();
    let mut order = vec!["dataset.ron".to_owned()];
    for piece in manifest.split('"').skip(1).step_by(2) {
        if piece.ends_with(".ron") && f.files.contains_key(piece) {
            order.push(piece.to_owned());
        }
    }
    for name in f.files.keys() {
        if !order.contains(name) {
            order.push(name.clone());
        }
    }
    order
}

/// The shipped dataset, named `test` in messages.
#[allow(dead_code)]
pub fn shipped() -> MemFolder {
    let mut f = dataset::embedded_folder();
    f.name = "test".to_owned();
    f
}

/// `folder` with the first occurrence of `from` (in reading order) replaced by `to`.
#[allow(dead_code)]
pub fn edit(mut folder: MemFolder, from: &str, to: &str) -> MemFolder {
    let Some(name) = files_in_order(&folder)
        .into_iter()
        .find(|n| folder.files[n].contains(from))
    else {
        panic!("the dataset no longer contains {from:?}");
    };
    let text = folder.files[&name].replacen(from, to, 1);
    folder.files.insert(name, text);
    folder
}

/// The shipped dataset with the first occurrence of `from` replaced by `to`.
#[allow(dead_code)]
pub fn broken(from: &str, to: &str) -> MemFolder {
    edit(shipped(), from, to)
}

#[allow(dead_code)]
pub fn load(folder: &MemFolder) -> Result<Dataset, Report> {
    dataset::load_folder(folder).map(|(d, _)| d)
}

/// The errors of a dataset that must not load.
#[allow(dead_code)]
pub fn errors(folder: &MemFolder) -> Vec<Diagnostic> {
    match load(folder) {
        Ok(_) => panic!("the broken dataset was accepted"),
        Err(r) => r.errors,
    }
}

/// The file (as messages name it), line and column (1-based, in characters) of the first
/// occurrence of `needle`.
#[allow(dead_code)]
pub fn position_of(folder: &MemFolder, needle: &str) -> (String, usize, usize) {
    for name in files_in_order(folder) {
        let text = &folder.files[&name];
        if let Some(at) = text.find(needle) {
            let before = &text[..at];
            let line = before.matches('\n').count() + 1;
            let col = before
                .rsplit('\n')
                .next()
                .unwrap_or_default()
                .chars()
                .count()
                + 1;
            return (format!("{}/{name}", folder.name), line, col);
        }
    }
    panic!("{needle:?} is in no file of the dataset");
}

/// Every RON text of the dataset, joined.
#[allow(dead_code)]
pub fn all_ron(folder: &MemFolder) -> String {
    files_in_order(folder)
        .iter()
        .filter(|n| n.ends_with(".ron"))
        .map(|n| folder.files[n].as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The patient page's text.
#[allow(dead_code)]
pub const SOURCE: &str =
    include_str!("../../data/net-liver-metastases/sources/kb-net-levermetastaser.da.txt");

/// The assessment of the treatment `id`, wherever the dataset lists it.
#[allow(dead_code)]
pub fn of<'a>(
    all: &'a [netliver::assessment::Assessment],
    id: &str,
) -> &'a netliver::assessment::Assessment {
    all.iter()
        .find(|a| a.treatment == id)
        .unwrap_or_else(|| panic!("no assessment of {id}"))
}

/// The index of the treatment `id` in the dataset.
#[allow(dead_code)]
pub fn index_of(d: &netliver::dataset::Dataset, id: &str) -> usize {
    d.treatments
        .iter()
        .position(|t| t.id == id)
        .unwrap_or_else(|| panic!("no treatment {id}"))
}

/// A stand-in for CUPS `lp` in `dir`: it keeps the PDF it reads on standard input in
/// `received.pdf` and answers as `lp` does. Returns (the command, the file it writes).
#[cfg(unix)]
#[allow(dead_code)]
pub fn fake_lp(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let received = dir.join("received.pdf");
    let lp = dir.join("lp");
    std::fs::write(
        &lp,
        format!(
            "#!/bin/sh\ncat > '{}'\necho 'request id is Test-1 (1 file(s))'\n",
            received.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&lp, std::fs::Permissions::from_mode(0o755)).unwrap();
    (lp, received)
}
