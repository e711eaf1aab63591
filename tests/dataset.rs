//! The shipped dataset validates and covers its source; broken datasets fail with errors a
//! content maintainer can act on: where (file:line:col, item path), what, and a hint.

#![allow(clippy::unwrap_used)]

use netliver::dataset::{self, Diagnostic, MemFolder, normalize_ws};

mod common;
use common::{SOURCE, all_ron, broken, edit, errors, position_of, shipped};

#[test]
fn the_shipped_dataset_validates() {
    let d = dataset::load_embedded().unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(d.id, "net-liver-metastases");
    assert!(dataset::is_date(&d.reviewed));
    assert!(!d.version.is_empty());
    let s = d.stats();
    assert_eq!(s.treatments, 7);
    assert!(s.questions >= 10);
    assert!(s.quoted > 150, "{s:?}");
}

#[test]
fn every_sentence_of_the_source_is_quoted_somewhere() {
    // The clinical part of the page: from its title down to "Læs mere:".
    let start = SOURCE
        .find("Behandling af NET med spredning til leveren")
        .unwrap();
    let end = SOURCE.find("Læs mere:").unwrap();
    let ron = all_ron(&shipped());
    let quotes: Vec<String> = ron
        .lines()
        .filter_map(|l| l.trim().strip_prefix("quote: \""))
        .flat_map(|q| {
            q.trim_end_matches("\",")
                .split(" … ")
                .map(normalize_ws)
                .collect::<Vec<_>>()
        })
        .collect();
    let all_quotes = quotes.join("\n");
    let mut uncovered = Vec::new();
    for line in SOURCE[start..end].lines() {
        let line = normalize_ws(line.trim().trim_start_matches('•'));
        if line.is_empty() {
            continue;
        }
        // Split a paragraph into sentences; every one must be inside some quote.
        for sentence in line.split_inclusive(". ").map(str::trim) {
            let s = normalize_ws(sentence);
            if s.len() > 3 && !all_quotes.contains(&s) {
                uncovered.push(s);
            }
        }
    }
    assert!(
        uncovered.is_empty(),
        "not quoted anywhere:\n{}",
        uncovered.join("\n")
    );
}

#[test]
fn every_number_of_the_source_reaches_the_dataset() {
    // Numbers and ranges as the page writes them: 20 pct., 7-8, 3 cm, 6-8 uger, 38 C ...
    let numbers: Vec<&str> = SOURCE
        .split(|c: char| !(c.is_ascii_digit() || c == '-'))
        .map(|s| s.trim_matches('-'))
        .filter(|s| s.chars().any(|c| c.is_ascii_digit()))
        .collect();
    assert!(numbers.len() >= 15, "{numbers:?}");
    let d = dataset::load_embedded().unwrap();
    let text: String = d
        .treatments
        .iter()
        .map(|t| ron::to_string(t).unwrap())
        .chain(d.facts.iter().map(|f| ron::to_string(f).unwrap()))
        .collect();
    let danish_texts: Vec<&str> = text.split("da:").skip(1).collect();
    for n in numbers {
        assert!(
            danish_texts
                .iter()
                .any(|t| t.split("en:").next().unwrap().contains(n)),
            "{n} is not in any Danish text of the dataset"
        );
    }
}

#[test]
fn a_syntax_error_has_line_and_column_and_a_hint() {
    let folder = broken("version: \"1.1.0\",", "version: \"1.1.0\"");
    let e = &errors(&folder)[0];
    let (file, line, _) = position_of(&folder, "version: \"1.1.0\"");
    assert_eq!(e.file, file);
    assert_eq!(e.file, "test/dataset.ron");
    assert!(e.line == line || e.line == line + 1, "{e}");
    assert!(e.col > 0);
    assert!(e.hint.is_some());
}

#[test]
fn syntax_errors_of_every_file_come_at_once_each_in_its_file() {
    let folder = edit(
        broken("summary:", "sumary:"),
        "(\n    pathways: [",
        "(\n    pathway: [",
    );
    let errs = errors(&folder);
    let files: Vec<&str> = errs.iter().map(|e| e.file.as_str()).collect();
    assert!(files.contains(&"test/treatments/resection.ron"), "{errs:?}");
    assert!(files.contains(&"test/pathways.ron"), "{errs:?}");
}

#[test]
fn a_misspelt_field_lists_the_right_ones() {
    let e = &errors(&broken("summary:", "sumary:"))[0];
    assert!(e.message.contains("sumary"), "{e}");
    assert!(e.hint.as_ref().unwrap().contains("summary"), "{e}");
}

/// (what is broken, from, to, expected message part, expected path)
const CASES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "duplicate id",
        "id: \"debulking\"",
        "id: \"resection\"",
        "the id `resection` is used twice",
        "treatments[1].id",
    ),
    (
        "unknown field in a rule",
        "when: \"largest_cm > 5\"",
        "when: \"tumour_size > 5\"",
        "`tumour_size` is not a profile field",
        "treatments[2].rules[1].when",
    ),
    (
        "unknown option in a criterion",
        "when: \"grade != nec\"",
        "when: \"grade != g5\"",
        "`g5` is not an option of `grade`",
        "pathways[1].criteria[1].when",
    ),
    (
        "inverted range in a rule",
        "when: \"ecog in 2..=3\"",
        "when: \"ecog in 3..=2\"",
        "upside down",
        "treatments[2].rules[4].when",
    ),
    (
        "verdict of a later treatment",
        "when: \"verdict(resection) == eligible\"",
        "when: \"verdict(sirt) == eligible\"",
        "not listed before `debulking`",
        "treatments[1].rules[0].when",
    ),
    (
        "a criterion that leaves a treatment eligible when it fails",
        "otherwise: not_eligible,",
        "otherwise: eligible,",
        "cannot leave the treatment eligible",
        "pathways[1].criteria[2].otherwise",
    ),
    (
        "no word on how the source speaks of a treatment",
        "eligible_as: Some(criteria_met),",
        "eligible_as: None,",
        "does not say how the source speaks of it",
        "treatments[0].eligible_as",
    ),
    (
        "missing translation",
        "en: \"More than half of all patients with NET already have spread to the liver (liver metastases) when the diagnosis is made.\",",
        "en: \"\",",
        "the English text is missing",
        "facts[0].text",
    ),
    (
        "claim without a source",
        "source: \"kb\",\n                quote: \"Over halvdelen",
        "source: \"\",\n                quote: \"Over halvdelen",
        "does not cite a source",
        "facts[0].cite",
    ),
    (
        "unknown source",
        "source: \"kb\",\n                quote: \"Over halvdelen",
        "source: \"dr\",\n                quote: \"Over halvdelen",
        "`dr` is not a source",
        "facts[0].cite.source",
    ),
    (
        "quote not in the source",
        "quote: \"Over halvdelen",
        "quote: \"Mere end halvdelen",
        "does not occur in source `kb`",
        "facts[0].cite.quote",
    ),
    (
        "missing grid answer",
        "\"recovery\":",
        "\"recovry\":",
        "does not answer the grid question `recovery`",
        "no_treatment.answers",
    ),
    (
        "inverted frequency",
        "Range(low: 70, high: 90",
        "Range(low: 90, high: 70",
        "upside down",
        "treatments[2].outcomes",
    ),
    (
        "an incomplete literature citation",
        "container: Some(\"Medicine (Baltimore) 95(17):e3503\"),",
        "container: None,",
        "the citation of `lv-2016` is incomplete: no container",
        "sources[5]",
    ),
    (
        "a literature claim without a locator",
        "locator: \"Abstract\",",
        "locator: \"\",",
        "has no locator",
        "disagreements[1].positions[1].cite",
    ),
    (
        "a literature claim quoted as if it were the page",
        "locator: \"Abstract\",",
        "locator: \"Abstract\", quote: \"the resection criteria\",",
        "written in our own words, not quoted",
        "disagreements[1].positions[1].cite.quote",
    ),
    (
        "a page rule reading a guideline field",
        "when: \"lesions >= 8\",\n            verdict: not_eligible,",
        "when: \"lesions >= 8 || tumour_burden_pct > 50\",\n            verdict: not_eligible,",
        "reads `tumour_burden_pct`, a field the page does not speak of",
        "treatments[0].rules[0].when",
    ),
    (
        "a plain wording with a number its quote lacks",
        "da: \"Hos 70-90 af 100 med NET giver behandlingen færre hormonsymptomer.\"",
        "da: \"Hos 70-95 af 100 med NET giver behandlingen færre hormonsymptomer.\"",
        "the plain wording has numbers its quote does not: 95",
        "treatments[2].outcomes",
    ),
    (
        "an outcome said only one way",
        "not_helped: Some((\n                da: \"får ikke hjælp mod symptomerne\",\n                en: \"do not get help with the symptoms\",\n            )),\n",
        "",
        "says how many are helped but not both ways",
        "treatments[1].outcomes[0]",
    ),
    (
        "the About box without its funding",
        "da: \"Ingen ekstern betaling. Ingen firmaer har betalt for eller haft indflydelse på indholdet.\",",
        "da: \"\",",
        "the Danish text is missing",
        "about.funding",
    ),
    (
        "an unknown pathway",
        "pathways: [\"hormones-and-heart\", \"liver-surgery\"],",
        "pathways: [\"hormones-and-heart\", \"liver-surgry\"],",
        "`liver-surgry` is not a pathway of this dataset",
        "treatments[0].pathways[1]",
    ),
    (
        "a pathway taken twice",
        "pathways: [\"hormones-and-heart\", \"liver-surgery\"],",
        "pathways: [\"hormones-and-heart\", \"hormones-and-heart\", \"liver-surgery\"],",
        "the pathway `hormones-and-heart` is listed twice",
        "treatments[0].pathways[1]",
    ),
    (
        "a pathway that reads the verdict of a treatment it reaches first",
        "pathways: [\"hormones-and-heart\", \"local-treatment\", \"ablation-and-radiotherapy\"],",
        "pathways: [\"hormones-and-heart\", \"local-treatment\", \"ablation-and-radiotherapy\", \"embolisation\"],",
        "reads the verdict of `rfa`, which takes it",
        "treatments[2].pathways[3]",
    ),
    (
        "a preparation covered by one that does not exist",
        "covered_by: [\"octreotide\"],",
        "covered_by: [\"octreotid\"],",
        "is covered by `octreotid`, which is no other preparation",
        "pathways[0].preparations[1]",
    ),
    (
        "an absolute contraindication that only reserves",
        "when: \"tumour_burden_pct > 50\",\n                    verdict: not_eligible,",
        "when: \"tumour_burden_pct > 50\",\n                    verdict: caution,",
        "an absolute contraindication rules the treatment out",
        "pathways[4].rules[2].absolute",
    ),
    (
        "a wording whose number contradicts its rule",
        "en: \"Tumour burden over 50 % of the liver: an absolute contraindication to hepatic artery embolisation.\",",
        "en: \"Tumour burden over 999999 % of the liver: an absolute contraindication to hepatic artery embolisation.\",",
        "the English wording states 999999 but its condition \"tumour_burden_pct > 50\" tests 50",
        "pathways[4].rules[2].reason",
    ),
    (
        "bad review date",
        "reviewed: \"2026-11-26\"",
        "reviewed: \"26/11/2026\"",
        "is not a date",
        "reviewed",
    ),
];

#[test]
fn each_broken_dataset_gives_its_error_with_path_and_hint() {
    let mut failures = Vec::new();
    for (what, from, to, message, path) in CASES {
        let folder = broken(from, to);
        let errs = errors(&folder);
        let (file, ..) = position_of(&shipped(), from);
        let hit = errs
            .iter()
            .find(|e| e.message.contains(message) && e.path.starts_with(path));
        let Some(e) = hit else {
            failures.push(format!(
                "{what}: no error {message:?} at {path}; got:\n{}",
                errs.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            ));
            continue;
        };
        assert!(e.hint.is_some(), "{what}: no hint: {e}");
        assert!(e.line > 1, "{what}: no line: {e}");
        assert_eq!(e.file, file, "{what}: reported in another file: {e}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_decision_aid_needs_both_ways_and_its_about_box() {
    // A misspelt key is the parser's error, naming the field it expected.
    let e = &errors(&broken("not_helped: Some((", "unhelped: Some(("))[0];
    assert!(e.message.contains("unhelped"), "{e}");
    // Taken away: the validator says what is missing.
    let text = broken("funding: (", "conflicts_too: (");
    assert!(errors(&text)[0].hint.as_ref().unwrap().contains("funding"));
    let without_no_treatment = broken("no_treatment: Some(", "no_treatment_x: Some(");
    assert!(!errors(&without_no_treatment).is_empty());
    let text = broken("next_review: \"2027-05-28\",", "next_review: \"soon\",");
    let errs = errors(&text);
    assert!(
        errs.iter().any(|e| e.path == "about.next_review"),
        "{errs:?}"
    );
}

#[test]
fn an_unknown_evidence_type_lists_the_known_ones() {
    let e = &errors(&broken("kind: Some(cohort),", "kind: Some(blog),"))[0];
    assert!(e.message.contains("blog"), "{e}");
    let hint = e.hint.as_ref().unwrap();
    for kind in [
        "national_guideline",
        "consensus",
        "trial",
        "cohort",
        "review",
        "hospital_practice",
        "report",
    ] {
        assert!(hint.contains(kind), "{hint}");
    }
    let errs = errors(&broken("kind: Some(cohort),", ""));
    assert!(
        errs.iter()
            .any(|e| e.message.contains("does not say what kind of source")),
        "{errs:?}"
    );
}

#[test]
fn a_missing_translation_is_caught_by_the_parser_or_the_validator() {
    // An unknown key is a syntax error; an empty English text is a validation error.
    let text = broken("en: \"More than half", "en: \"\", xx: \"More than half");
    assert!(errors(&text)[0].message.contains("xx"));
    let text = broken(
        "en: \"More than half of all patients with NET already have spread to the liver (liver metastases) when the diagnosis is made.\",",
        "en: \"\",",
    );
    let errs = errors(&text);
    assert!(
        errs.iter()
            .any(|e| e.message == "the English text is missing" && e.path == "facts[0].text"),
        "{errs:?}"
    );
}

#[test]
fn rule_errors_point_at_the_exact_column() {
    let text = broken(
        "when: \"largest_cm > 5\"",
        "when: \"largest_cm > 5 && tumour_size > 3\"",
    );
    let e = errors(&text)
        .into_iter()
        .find(|e| e.message.contains("tumour_size"))
        .unwrap();
    assert_eq!(
        (e.file.clone(), e.line, e.col),
        position_of(&text, "tumour_size"),
        "{e}"
    );
}

#[test]
fn all_errors_are_reported_not_only_the_first() {
    let mut folder = shipped();
    for (_, from, to, _, _) in CASES {
        if !from.starts_with("reviewed") && folder.files.values().any(|t| t.contains(from)) {
            folder = edit(folder, from, to);
        }
    }
    let errs = errors(&folder);
    assert!(
        errs.len() >= 9,
        "only {} errors:\n{}",
        errs.len(),
        errs.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
    // Sorted by file and position, so the maintainer can work down each file.
    assert!(
        errs.windows(2)
            .all(|w| (&w[0].file, w[0].line, w[0].col) <= (&w[1].file, w[1].line, w[1].col))
    );
    assert!(
        errs.iter()
            .map(|e| &e.file)
            .collect::<std::collections::HashSet<_>>()
            .len()
            >= 3
    );
}

#[test]
fn a_missing_source_text_is_an_error() {
    let mut folder = shipped();
    folder.files.remove("sources/kb-net-levermetastaser.da.txt");
    let errs = errors(&folder);
    assert!(errs[0].message.contains("cannot be used"), "{}", errs[0]);
    assert_eq!(errs[0].path, "sources[0].file");
    assert_eq!(errs[0].file, "test/sources.ron");
}

/// A dataset folder written to a fresh folder on disk.
fn write(folder: &MemFolder) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("copy");
    for (name, text) in &folder.files {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
    }
    (dir, root)
}

/// The shipped dataset on disk, with `edit` applied to the text of file `name`.
fn on_disk(name: &str, edit: impl Fn(&str) -> String) -> (tempfile::TempDir, std::path::PathBuf) {
    let mut folder = shipped();
    let text = edit(&folder.files[name]);
    folder.files.insert(name.to_owned(), text);
    write(&folder)
}

fn first_error(file: &std::path::Path) -> Diagnostic {
    match dataset::load_file(file) {
        Ok(_) => panic!("{} was accepted", file.display()),
        Err(r) => r.errors[0].clone(),
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let (_dir, root) = on_disk("dataset.ron", |t| format!("\u{feff}{t}"));
    let bom = |t: &str| format!("\u{feff}{t}");
    std::fs::write(
        root.join("treatments/rfa.ron"),
        bom(&shipped().files["treatments/rfa.ron"]),
    )
    .unwrap();
    assert!(dataset::load_file(&root).is_ok());
    assert!(dataset::load_file(&root.join("dataset.ron")).is_ok());
}

#[test]
fn invalid_utf8_is_reported_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("latin1.ron");
    let mut bytes = b"Dataset(\n  id: \"x\",\n  title: (da: \"K".to_vec();
    bytes.push(0xe6); // "æ" in Latin-1
    bytes.extend_from_slice(b"r\"),\n)");
    std::fs::write(&file, bytes).unwrap();
    let e = first_error(&file);
    assert_eq!((e.line, e.col), (3, 17), "{e}");
    assert!(e.message.contains("not valid UTF-8"), "{e}");
}

#[cfg(unix)]
#[test]
fn pipes_devices_and_huge_files_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.ron");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for path in [fifo.as_path(), std::path::Path::new("/dev/zero")] {
        let e = first_error(path);
        assert!(e.message.contains("not a regular file"), "{e}");
    }
    let big = dir.path().join("big.ron");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(dataset::MAX_TEXT_BYTES + 1).unwrap();
    assert!(first_error(&big).message.contains("larger than 10 MB"));
}

#[test]
fn source_files_are_found_only_inside_the_datasets_folder() {
    for bad in ["../kb.txt", "/etc/passwd", "sources/../../kb.txt"] {
        let (_dir, root) = on_disk("sources.ron", |t| {
            t.replace(
                "file: Some(\"sources/kb-net-levermetastaser.da.txt\")",
                &format!("file: Some({bad:?})"),
            )
        });
        let e = first_error(&root);
        assert!(
            e.message.contains("not inside the dataset's folder"),
            "{bad}: {e}"
        );
        assert_eq!(e.path, "sources[0].file");
    }
}

#[test]
fn quotes_cannot_be_left_unchecked() {
    // The patient page without its text: every quote would pass unchecked.
    let text = broken(
        "file: Some(\"sources/kb-net-levermetastaser.da.txt\"),",
        "file: None,",
    );
    let errs = errors(&text);
    assert!(
        errs.iter()
            .any(|e| e.message.contains("no text to check its quotes against")),
        "{errs:?}"
    );
}

#[test]
fn a_folder_on_disk_reads_its_source_texts_from_itself_only() {
    let mut folder = shipped();
    folder.files.remove("sources/kb-net-levermetastaser.da.txt");
    let (dir, root) = write(&folder);
    // No sources/ folder: an error, never the built-in copy of the same name.
    let e = first_error(&root);
    assert_eq!(e.path, "sources[0].file", "{e}");
    assert!(e.file.ends_with("sources.ron"), "{e}");
    std::fs::create_dir_all(root.join("sources")).unwrap();
    std::fs::write(
        root.join("sources/kb-net-levermetastaser.da.txt"),
        "another text",
    )
    .unwrap();
    let r = dataset::load_file(&root).unwrap_err();
    assert!(
        r.errors
            .iter()
            .all(|e| e.message.contains("does not occur"))
    );
    assert!(r.to_string().contains("copy/"), "{r}");
    drop(dir);
}

#[test]
fn a_dataset_in_one_file_is_read_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("old.ron");
    std::fs::write(
        &file,
        "Dataset(id: \"x\", version: \"1\", reviewed: \"2026-01-01\",\n  nonsense: 1)",
    )
    .unwrap();
    let e = first_error(&file);
    assert!(
        e.file.ends_with("old.ron") && e.message.contains("nonsense"),
        "{e}"
    );
    // A file whose root is a manifest is its folder's dataset.
    let (_d, root) = write(&shipped());
    assert!(dataset::load_file(&root.join("dataset.ron")).is_ok());
}

#[test]
fn the_manifest_names_files_that_exist_inside_the_folder() {
    let folder = broken("\"treatments/sbrt.ron\"", "\"treatments/sbrt2.ron\"");
    let errs = errors(&folder);
    assert!(
        errs.iter().any(|e| e.file == "test/dataset.ron"
            && e.path == "treatments[6]"
            && e.message.contains("sbrt2.ron")),
        "{errs:?}"
    );
    let folder = broken("\"treatments/sbrt.ron\"", "\"../sbrt.ron\"");
    assert!(
        errors(&folder)
            .iter()
            .any(|e| e.message.contains("not a file inside"))
    );
}

#[test]
fn a_section_lives_in_one_file() {
    let folder = edit(
        shipped(),
        "(\n    pathways: [",
        "(\n    priorities: [],\n    pathways: [",
    );
    let errs = errors(&folder);
    assert!(
        errs.iter().any(|e| e.file == "test/pathways.ron"
            && e.message
                .contains("`priorities` is given here and in test/general.ron too")),
        "{errs:?}"
    );
}

#[test]
fn a_wording_too_long_for_a_card_is_an_error() {
    let long = "Lang tekst. ".repeat(300);
    let folder = broken("da: \"Hvad er det?\"", &format!("da: \"{long}\""));
    let errs = errors(&folder);
    assert!(
        errs.iter()
            .any(|e| e.message.contains("a wording may have at most 2000")),
        "{errs:?}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn files_of_the_system_that_block_are_refused_at_once() {
    for path in [
        "/proc/kmsg",
        "/proc/self/status",
        "/sys/kernel/mm/transparent_hugepage/enabled",
    ] {
        let p = std::path::Path::new(path);
        if !p.exists() {
            continue;
        }
        let e = first_error(p);
        assert!(e.message.contains("a file of the system"), "{path}: {e}");
    }
}

#[cfg(unix)]
#[test]
fn a_source_text_linked_from_outside_the_folder_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    let copy = outside.path().join("kb.txt");
    std::fs::write(&copy, SOURCE).unwrap();
    let mut folder = shipped();
    folder.files.remove("sources/kb-net-levermetastaser.da.txt");
    let (_dir, root) = write(&folder);
    std::fs::create_dir_all(root.join("sources")).unwrap();
    std::os::unix::fs::symlink(&copy, root.join("sources/kb-net-levermetastaser.da.txt")).unwrap();
    let e = first_error(&root);
    assert!(
        e.message.contains("leads outside the dataset's folder"),
        "{e}"
    );
    // A link that stays inside the folder is fine.
    std::fs::remove_file(root.join("sources/kb-net-levermetastaser.da.txt")).unwrap();
    std::fs::write(root.join("sources/real.txt"), SOURCE).unwrap();
    std::os::unix::fs::symlink(
        "real.txt",
        root.join("sources/kb-net-levermetastaser.da.txt"),
    )
    .unwrap();
    assert!(dataset::load_file(&root).is_ok());
}

/// What settles a fact names a field of the profile, once, and a source that exists.
#[test]
fn what_settles_a_fact_names_a_known_field_and_source() {
    let errs = errors(&broken(
        "field: \"tumour_burden_pct\",",
        "field: \"tumour_load_pct\",",
    ));
    assert!(
        errs.iter()
            .any(|e| e.path.starts_with("settled_by[") && e.message.contains("tumour_load_pct")),
        "{errs:?}"
    );
    let errs = errors(&broken("field: \"lesions\",", "field: \"largest_cm\","));
    assert!(
        errs.iter().any(|e| e.path.starts_with("settled_by")),
        "a field listed twice: {errs:?}"
    );
    let errs = errors(&broken(
        "source: \"retnet-protocol-2018\",\n                locator: \"Table 1 (exclusion criteria)\",\n            )),",
        "source: \"retnet-2099\",\n                locator: \"Table 1 (exclusion criteria)\",\n            )),",
    ));
    assert!(
        errs.iter().any(|e| e.path.starts_with("settled_by[")),
        "an unknown source: {errs:?}"
    );
}
