//! The command line as a user runs it: exit codes, one-line errors, JSON shape.

#![allow(clippy::unwrap_used)]

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

mod common;

fn netliver() -> Command {
    Command::cargo_bin("netliver").unwrap()
}

fn assess_json(args: &[&str]) -> Value {
    let out = netliver()
        .arg("assess")
        .args(args)
        .arg("--json")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn check_passes_on_the_built_in_dataset() {
    netliver()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("ok: net-liver-metastases"))
        .stdout(predicate::str::contains("7 treatments"));
}

#[test]
fn check_fails_on_a_broken_file_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.ron");
    std::fs::write(&file, "Dataset(\n  id: \"x\",\n  version: 1.0.0,\n)").unwrap();
    netliver()
        .arg("check")
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("broken.ron:3:"))
        .stderr(predicate::str::contains("hint:"));
}

#[test]
fn check_reports_a_missing_file() {
    netliver()
        .args(["check", "/nonexistent/dataset.ron"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read the dataset"));
}

#[test]
fn list_prints_the_seven_treatments_in_both_languages() {
    let out = netliver().args(["list", "--lang", "en"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for id in common::TREATMENT_IDS {
        assert!(text.contains(id), "{id} missing from\n{text}");
    }
    let json: Value = serde_json::from_slice(
        &netliver()
            .args(["list", "--json", "--lang", "da"])
            .assert()
            .success()
            .get_output()
            .stdout,
    )
    .unwrap();
    assert_eq!(json.as_array().unwrap().len(), 7);
    assert_eq!(json[2]["id"], "rfa");
    assert!(json[2]["name"].as_str().unwrap().contains("Radiofrekvens"));
}

#[test]
fn assess_json_has_the_documented_shape() {
    let v = assess_json(&["--lesions", "2", "--largest-cm", "2.5", "--lang", "en"]);
    assert_eq!(v["dataset"]["id"], "net-liver-metastases");
    assert!(v["dataset"]["version"].is_string());
    assert!(v["dataset"]["reviewed"].is_string());
    assert_eq!(v["profile"]["lesions"], 2);
    assert_eq!(v["profile"]["largest_cm"], 2.5);
    assert!(v["profile"]["grade"].is_null());
    let list = v["assessments"].as_array().unwrap();
    let ids: Vec<&str> = list
        .iter()
        .map(|a| a["treatment"].as_str().unwrap())
        .collect();
    assert_eq!(ids, common::TREATMENT_IDS);
    for a in list {
        assert!(a["name"].is_string());
        assert!(["eligible", "caution", "not_eligible"].contains(&a["verdict"].as_str().unwrap()));
        let label = a["label"].as_str().unwrap();
        let pending: Vec<&str> = a["pending"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        if pending.is_empty() {
            assert!(
                [
                    "Meets the criteria",
                    "May be considered",
                    "With reservations",
                    "Does not meet the criteria"
                ]
                .contains(&label),
                "{label}"
            );
        } else {
            // Waiting for facts: the label names them, in the output language.
            assert_eq!(a["verdict"], "caution");
            assert!(label.starts_with("Pending: "), "{label}");
        }
        assert!(a["guideline_verdict"].is_null(), "only with --layer page");
        assert!(a["set_aside"].as_array().unwrap().is_empty());
        let reasons = a["reasons"].as_array().unwrap();
        assert!(!reasons.is_empty());
        for r in reasons {
            assert!(!r["text"].as_str().unwrap().is_empty());
            assert!(!r["source"].as_str().unwrap().is_empty());
            assert!(!r["tag"].as_str().unwrap().is_empty());
            // The page is quoted verbatim; literature is cited with a locator.
            if r["evidence"] == "patient_page" {
                assert!(
                    r["source"]
                        .as_str()
                        .unwrap()
                        .contains("Kræftens Bekæmpelse")
                );
                assert!(!r["quote"].as_str().unwrap().is_empty());
            } else {
                assert!(!r["locator"].as_str().unwrap().is_empty());
                assert_eq!(r["quote"], "");
            }
        }
        assert!(a["preparation"].is_array());
        for c in a["checks"].as_array().unwrap() {
            assert!(
                c["fields"]
                    .as_array()
                    .is_some_and(|f| f.iter().all(|x| x.is_string()))
            );
            assert!(!c["why"].as_str().unwrap().is_empty());
        }
        assert!(a["page_verdict"].is_string());
    }
    // Where the sources differ, each position with its source.
    let differ = v["disagreements"].as_array().unwrap();
    assert!(differ.len() >= 4);
    for x in differ {
        assert!(x["positions"].as_array().unwrap().len() >= 2);
    }
    assert!(v["set_aside_fields"].as_array().unwrap().is_empty());
}

#[test]
fn the_page_layer_in_json_names_the_guideline_verdict_and_what_it_sets_aside() {
    let v = assess_json(&[
        "--lesions",
        "12",
        "--largest-cm",
        "3",
        "--extrahepatic",
        "no",
        "--ecog",
        "1",
        "--grade",
        "g2",
        "--primary",
        "small-intestine",
        "--ascites",
        "yes",
        "--tumour-burden-pct",
        "70",
        "--layer",
        "page",
        "--lang",
        "en",
    ]);
    assert_eq!(
        v["set_aside_fields"],
        serde_json::json!(["tumour_burden_pct", "ascites"])
    );
    let tae = v["assessments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["treatment"] == "tae")
        .unwrap();
    assert_eq!(tae["verdict"], "eligible");
    assert_eq!(tae["guideline_verdict"], "not_eligible");
    assert!(!tae["set_aside"].as_array().unwrap().is_empty());
    assert!(v["disagreements"].as_array().unwrap().is_empty());
}

/// The ids of an assessment's preparations, in order.
fn prep_ids(assessment: &Value) -> Vec<&str> {
    assessment["preparation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect()
}

#[test]
fn assess_names_the_preparations_by_agent() {
    let v = assess_json(&["--primary", "small-intestine"]);
    let tace = &v["assessments"][4];
    assert_eq!(tace["treatment"], "tace");
    let ids = prep_ids(tace);
    assert!(
        ids.contains(&"octreotide") && ids.contains(&"antibiotics"),
        "{ids:?}"
    );
    let v = assess_json(&["--primary", "pancreas", "--layer", "page"]);
    assert_eq!(v["layer"], "page");
    let ids = prep_ids(&v["assessments"][4]);
    assert_eq!(ids, ["antibiotics"]);
    // With the guidelines: the Swedish programme's work-up before embolisation too.
    let v = assess_json(&["--primary", "pancreas"]);
    assert_eq!(v["layer"], "all");
    let ids = prep_ids(&v["assessments"][4]);
    assert!(ids.contains(&"antibiotics") && ids.len() > 1, "{ids:?}");
}

#[test]
fn the_example_patient_of_the_guideline_layer() {
    // 60 % tumour burden, an earlier Whipple and positive SSTR imaging.
    let args = [
        "--lesions",
        "12",
        "--largest-cm",
        "3",
        "--extrahepatic",
        "no",
        "--ecog",
        "1",
        "--grade",
        "g2",
        "--primary",
        "pancreas",
        "--tumour-burden-pct",
        "60",
        "--biliary-enteric",
        "yes",
        "--sstr-imaging",
        "positive",
        "--lang",
        "en",
    ];
    let v = assess_json(&args);
    let tace = &v["assessments"][4];
    assert_eq!(tace["verdict"], "not_eligible");
    assert_eq!(tace["page_verdict"], "eligible");
    let reasons = tace["reasons"].as_array().unwrap();
    let decisive = &reasons[0];
    assert!(
        decisive["text"].as_str().unwrap().contains("50 %"),
        "{decisive}"
    );
    assert_eq!(decisive["evidence"], "national_guideline");
    assert_eq!(decisive["tag"], "National guideline, Sweden");
    let has = |evidence: &str, words: &str| {
        reasons.iter().any(|r| {
            r["evidence"] == evidence
                && r["verdict"] == "caution"
                && r["text"].as_str().unwrap().contains(words)
        })
    };
    assert!(has("cohort", "abscess"), "{reasons:?}");
    assert!(has("national_guideline", "PRRT"), "{reasons:?}");
    // With the page only, the page's verdict and no guideline reason.
    let mut page = args.to_vec();
    page.extend(["--layer", "page"]);
    let v = assess_json(&page);
    let tace = &v["assessments"][4];
    assert_eq!(tace["verdict"], "eligible");
    assert!(
        tace["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["evidence"] == "patient_page")
    );
}

#[test]
fn assess_full_is_readable_in_danish_and_english() {
    netliver()
        .args([
            "assess",
            "--full",
            "--lesions",
            "12",
            "--extrahepatic",
            "yes",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("OPFYLDER IKKE KRITERIERNE"))
        .stdout(predicate::str::contains("Kilde: Kræftens Bekæmpelse"))
        .stdout(predicate::str::contains(
            "Den multidisciplinære konference (MDT) træffer beslutningen",
        ));
    netliver()
        .args(["assess", "--full", "--lesions", "12", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("DOES NOT MEET THE CRITERIA"))
        .stdout(predicate::str::contains("Source: Kræftens Bekæmpelse"))
        .stdout(predicate::str::contains(
            "The multidisciplinary team (MDT) makes the decision",
        ));
}

#[test]
fn assess_fits_a_screen_with_what_to_settle_and_what_would_change() {
    let out = netliver()
        .args([
            "assess",
            "--lesions",
            "15",
            "--largest-cm",
            "2",
            "--extrahepatic",
            "no",
            "--grade",
            "g2",
            "--primary",
            "small-intestine",
            "--ecog",
            "1",
            "--hormonal-symptoms",
            "yes",
            "--lang",
            "en",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines = text.lines().count();
    assert!(lines <= 60, "{lines} lines:\n{text}");
    // One line per treatment with its decisive reason and source tag.
    for id in common::TREATMENT_IDS {
        assert!(text.contains(&format!("[{id}]")), "{id}");
    }
    assert!(text.contains("TO SETTLE BEFORE THE MDT"));
    assert!(text.contains("Liver tumour burden: could change"), "{text}");
    assert!(
        text.contains("Settled by: Contrast CT of the liver in 3 phases"),
        "{text}"
    );
    // Computed, not written: 15 metastases rule RFA out, 6 or fewer would not.
    assert!(
        text.contains("RFA: Number of liver metastases 15, but if ≤ 6: meets the criteria"),
        "{text}"
    );
    assert!(text.contains("netliver assess --full"));
}

#[test]
fn symptom_switches_take_an_optional_value() {
    let v = assess_json(&["--hormonal-symptoms", "--pressure-symptoms=no"]);
    assert_eq!(v["profile"]["hormonal_symptoms"], true);
    assert_eq!(v["profile"]["pressure_symptoms"], false);
}

#[test]
fn bad_input_exits_2_with_one_line_naming_flag_value_and_allowed() {
    for (args, flag, value, allowed) in [
        (vec!["--lesions", "0"], "--lesions", "0", "1 to 200"),
        (vec!["--lesions", "-3"], "--lesions", "-3", "1 to 200"),
        (vec!["--lesions", "abc"], "--lesions", "abc", "1 to 200"),
        (vec!["--lesions", "2.5"], "--lesions", "2.5", "whole number"),
        (
            vec!["--largest-cm", "NaN"],
            "--largest-cm",
            "NaN",
            "0.1 to 30",
        ),
        (
            vec!["--largest-cm", "-1"],
            "--largest-cm",
            "-1",
            "0.1 to 30",
        ),
        (
            vec!["--largest-cm", "45"],
            "--largest-cm",
            "45",
            "0.1 to 30",
        ),
        (vec!["--ecog", "5"], "--ecog", "5", "0 to 4"),
        (
            vec!["--extrahepatic", "maybe"],
            "--extrahepatic",
            "maybe",
            "yes or no",
        ),
        (vec!["--grade", "g4"], "--grade", "g4", "g1, g2, g3, nec"),
        (
            vec!["--primary", "liver"],
            "--primary",
            "liver",
            "small-intestine",
        ),
        (
            vec!["--hormonal-symptoms=sometimes"],
            "--hormonal-symptoms",
            "sometimes",
            "yes or no",
        ),
    ] {
        let out = netliver().arg("assess").args(&args).assert().code(2);
        let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        // The value as typed, quoted after its flag (a bare "0" would match "0 to 4").
        let typed = format!("{flag} \"{value}\"");
        for part in [typed.as_str(), allowed] {
            assert!(stderr.contains(part), "{args:?}: {stderr:?} lacks {part:?}");
        }
        assert!(out.get_output().stdout.is_empty());
    }
}

#[test]
fn unknown_flags_and_languages_exit_2_with_one_line() {
    for args in [
        vec!["assess", "--tumours", "3"],
        vec!["assess", "--lang", "de"],
        vec!["list", "--lang", "sv"],
        vec!["frobnicate"],
    ] {
        let out = netliver().args(&args).assert().code(2);
        let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("error:"), "{stderr}");
    }
}

#[test]
fn every_command_has_help() {
    for args in [
        vec!["--help"],
        vec!["check", "--help"],
        vec!["list", "--help"],
        vec!["assess", "--help"],
        vec!["handout", "--help"],
    ] {
        netliver()
            .args(&args)
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage:"));
    }
}

#[test]
fn a_broken_data_file_stops_assess_with_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("d.ron");
    std::fs::write(&file, "(").unwrap();
    netliver()
        .args(["assess", "--data"])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("d.ron:"));
}

#[test]
fn handout_writes_a_pdf_and_reports_pages_and_readability() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rfa.pdf");
    netliver()
        .args([
            "handout",
            "--treatment",
            "rfa",
            "--lang",
            "en",
            "--clinician",
            "Dr. Ærø",
            "-o",
        ])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("page"))
        .stdout(predicate::str::contains("readability Flesch"));
    assert!(std::fs::read(&file).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn handout_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("keep.pdf");
    std::fs::write(&file, b"the doctor's earlier handout").unwrap();
    let out = netliver()
        .args(["handout", "--treatment", "tace", "-o"])
        .arg(&file)
        .assert()
        .code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        b"the doctor's earlier handout"
    );
    netliver()
        .args(["handout", "--treatment", "tace", "--force", "-o"])
        .arg(&file)
        .assert()
        .success();
    assert!(std::fs::read(&file).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn handout_refuses_unknown_treatments_and_bad_flags_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.pdf");
    for args in [
        vec!["handout", "--treatment", "laser"],
        vec!["handout", "--treatment", "rfa", "--ecog", "9"],
        vec!["handout", "--treatment", "rfa", "--paper", "a3"],
        vec!["handout", "--treatment", "rfa", "--lang", "de"],
    ] {
        let out = netliver().args(&args).arg("-o").arg(&file).assert().code(2);
        let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
        assert!(!file.exists(), "{args:?} wrote a file");
    }
    let out = netliver()
        .args(["handout", "--treatment", "laser", "-o"])
        .arg(&file)
        .assert()
        .code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("laser") && stderr.contains("resection"),
        "{stderr}"
    );
    // Without -o or --treatment: clap's one-line refusal.
    netliver()
        .args(["handout", "--treatment", "rfa"])
        .assert()
        .code(2);
    netliver().args(["handout", "-o", "x.pdf"]).assert().code(2);
}

#[test]
fn usage_errors_keep_the_flag_the_allowed_values_and_a_suggestion() {
    for (args, parts) in [
        (
            vec!["assess", "--lang", "de"],
            vec!["--lang", "'de'", "possible values: da, en"],
        ),
        (
            vec!["assess", "--layer", "guidelines"],
            vec!["--layer", "possible values: page, all"],
        ),
        (
            vec!["assess", "--lesion", "3"],
            vec!["'--lesion'", "'--lesions'"],
        ),
        (
            vec!["assess", "--extrahepatic", "-1"],
            vec!["--extrahepatic", "-1", "yes or no"],
        ),
        (
            vec!["assess", "--lesions", "99999999999999999999"],
            vec!["--lesions", "out of range", "1 to 200"],
        ),
        (
            vec!["assess", "--egfr", "-5"],
            vec!["--egfr", "out of range", "0 to 150"],
        ),
    ] {
        let out = netliver().args(&args).assert().code(2);
        let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
        for part in parts {
            assert!(stderr.contains(part), "{args:?}: {stderr:?} lacks {part:?}");
        }
    }
}

#[test]
fn a_huge_value_is_not_echoed_whole() {
    let huge = "9".repeat(100_000);
    let out = netliver()
        .args(["assess", "--lesions", &huge])
        .assert()
        .code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.len() < 200, "{} bytes", stderr.len());
    assert!(stderr.contains("out of range"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_closed_reader_or_a_full_stderr_ends_quietly() {
    use std::process::{Command as Std, Stdio};
    let bin = assert_cmd::cargo::cargo_bin("netliver");
    // `netliver assess --json | head -c 10`: the reader goes away; no error, exit 0.
    let mut child = Std::new(&bin)
        .args(["assess", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A full stderr never turns into a panic (101): the exit code still says what happened.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let status = Std::new(&bin)
        .args(["assess", "--lang", "xx"])
        .stderr(full.try_clone().unwrap())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
    let status = Std::new(&bin)
        .args(["check", "/nonexistent.ron"])
        .stderr(full)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
}

#[cfg(unix)]
#[test]
fn handout_never_writes_through_links_devices_or_folders() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, b"keep").unwrap();
    let link = dir.path().join("link.pdf");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let dangling = dir.path().join("dangling.pdf");
    std::os::unix::fs::symlink(dir.path().join("nowhere.pdf"), &dangling).unwrap();
    let folder = dir.path().join("folder.pdf");
    std::fs::create_dir(&folder).unwrap();
    for (target, force) in [
        (link.as_path(), true),
        (dangling.as_path(), false),
        (folder.as_path(), true),
        (std::path::Path::new("/dev/null"), true),
    ] {
        let mut cmd = netliver();
        cmd.args(["handout", "--treatment", "rfa", "-o"])
            .arg(target);
        if force {
            cmd.arg("--force");
        }
        let out = cmd.assert().code(2);
        let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{}: {stderr}", target.display());
    }
    assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
    assert!(!dir.path().join("nowhere.pdf").exists());
}

#[test]
fn check_counts_quotations_checked_and_literature_references() {
    netliver()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("checked word for word"))
        .stdout(predicate::str::contains(
            "resting on a locator in literature",
        ));
}

/// A handout with a patient's name, to the printer.
#[cfg(unix)]
const PRINT_ARGS: [&str; 6] = [
    "handout",
    "--treatment",
    "rfa",
    "--patient",
    "Jens Testesen",
    "--print",
];

#[cfg(unix)]
#[test]
fn printing_leaves_no_file_behind() {
    // A stand-in for CUPS `lp` that keeps what it reads on standard input elsewhere.
    let tools = tempfile::tempdir().unwrap();
    let (lp, received) = common::fake_lp(tools.path());
    let tmp = tempfile::tempdir().unwrap();
    netliver()
        .args(PRINT_ARGS)
        .env("NETLIVER_LP", &lp)
        .env("TMPDIR", tmp.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("sent to the printer"));
    assert!(std::fs::read(&received).unwrap().starts_with(b"%PDF-"));
    // Nothing was written to the temporary folder, during printing or after.
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
    // Without a printer: says so, exits 1, and writes nothing (no viewer is opened on a
    // file that would have to outlive the command).
    netliver()
        .args(PRINT_ARGS)
        .env("NETLIVER_LP", tools.path().join("no-such-lp"))
        .env("TMPDIR", tmp.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "nothing was printed and no file was written",
        ));
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}

#[test]
fn the_handout_is_dated_in_the_workstations_time_zone() {
    // Fourteen hours ahead of UTC and twelve behind: at most times of day the two dates
    // differ, and each must be the local one, not the UTC date. POSIX zone strings (the
    // sign is west-positive), so the test needs no tz database on the machine.
    let dir = tempfile::tempdir().unwrap();
    for (tz, hours) in [("NLV-14", 14), ("NLV+12", -12)] {
        let file = dir.path().join(format!("{hours}.pdf"));
        let expected = (chrono::Utc::now() + chrono::Duration::hours(hours)).date_naive();
        netliver()
            .args(["handout", "--treatment", "rfa", "--lang", "en", "-o"])
            .arg(&file)
            .env("TZ", tz)
            .assert()
            .success();
        let text = pdf_extract::extract_text_from_mem(&std::fs::read(&file).unwrap()).unwrap();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let words = expected.format("%-d %B %Y").to_string();
        assert!(text.contains(&words), "{tz}: {words:?} not in the handout");
    }
}

/// `netliver.com` on Windows: the console launcher runs the netliver beside it with the
/// same arguments and the console's streams, and hands back its exit code.
#[test]
fn the_console_launcher_passes_arguments_output_and_exit_code_through() {
    let launcher = || Command::cargo_bin("netliver-console").unwrap();
    let args = ["assess", "--lesions", "3", "--grade", "nec", "--json"];
    let direct = netliver().args(args).output().unwrap();
    let through = launcher().args(args).output().unwrap();
    assert!(direct.status.success() && through.status.success());
    assert_eq!(through.stdout, direct.stdout);

    let bad = launcher()
        .args(["assess", "--lesions", "0"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--lesions \"0\" is out of range"));
    launcher()
        .args(["check", "no-such-dataset.ron"])
        .assert()
        .code(1);
}

#[test]
fn check_cites_lists_every_place_resting_on_a_source() {
    let out = netliver()
        .args(["check", "--cites", "no-hdir-17-4"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.starts_with("no-hdir-17-4: Helsedirektoratet."), "{out}");
    // Written once per wording, in the pathways (surgery, local treatment), though seven
    // treatments take them.
    let pathway = out.lines().filter(|l| l.contains("pathways.ron:")).count();
    assert_eq!(pathway, 2, "{out}");
    assert!(
        out.contains("general.ron:") && out.contains("disagreements["),
        "{out}"
    );
    netliver()
        .args(["check", "--cites", "no-such-source"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a source").and(predicate::str::contains("kb")));
}

/// `diff` with an edited copy: only the patients the edit reaches change, and the summary
/// counts them.
#[test]
fn diff_shows_what_an_edit_changes_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("edited");
    let folder = common::shipped();
    for (name, text) in &folder.files {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        // RFA's count limit tightened from "fewer than 7-8" to at most 3.
        let text = if name == "treatments/rfa.ron" {
            text.replacen("when: \"lesions <= 6\"", "when: \"lesions <= 3\"", 1)
        } else {
            text.clone()
        };
        std::fs::write(&path, text).unwrap();
    }
    let same = netliver()
        .args(["diff", "built-in", "built-in"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let same = String::from_utf8(same).unwrap();
    assert!(same.contains("0 changed; 0 verdicts changed"), "{same}");
    let out = netliver()
        .args(["diff", "built-in"])
        .arg(&root)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("── si-six-rfa:"), "{out}");
    assert!(
        !out.contains("── si-two-small-fit:"),
        "two metastases are not reached: {out}"
    );
    let changed: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("   ") && l.contains(": ") && !l.starts_with("     "))
        .collect();
    // RFA, and what reads RFA's verdict (SBRT, the embolisations); surgery never.
    assert!(
        changed
            .iter()
            .all(|l| ["rfa", "sbrt", "tae", "tace", "sirt"]
                .iter()
                .any(|id| l.starts_with(&format!("   {id}:")))),
        "{changed:?}"
    );
    assert!(out.contains(" → "), "a verdict changed: {out}");
}

/// A kill at any moment of a save leaves nothing of the patient but, at most, the complete
/// handout: SIGTERM and SIGKILL at spread moments of `handout -o`, then the next start.
#[cfg(unix)]
#[test]
fn a_kill_at_any_moment_of_a_save_leaves_nothing_of_the_patient() {
    let bin = assert_cmd::cargo::cargo_bin("netliver");
    let state = tempfile::tempdir().unwrap();
    for (k, signal) in (0..10).flat_map(|k| [(k, "TERM"), (k, "KILL")]) {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("h.pdf");
        let mut child = std::process::Command::new(&bin)
            .args([
                "handout",
                "--treatment",
                "tace",
                "--patient",
                "Jens Testesen",
                "-o",
            ])
            .arg(&out)
            .env("NETLIVER_STATE_DIR", state.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(150 * k));
        let _ = std::process::Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status();
        let _ = child.wait();
        // The next start sweeps what a killed run left.
        netliver()
            .args(["list"])
            .env("NETLIVER_STATE_DIR", state.path())
            .assert()
            .success();
        for entry in std::fs::read_dir(dir.path()).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            assert_eq!(name, "h.pdf", "after SIG{signal} at {k}: {name} was left");
            let bytes = std::fs::read(entry.path()).unwrap();
            assert!(
                bytes.ends_with(b"%%EOF\n") || bytes.ends_with(b"%%EOF"),
                "a partial handout"
            );
        }
    }
    // The state folder holds no entry of a save that ended.
    assert_eq!(std::fs::read_dir(state.path()).map_or(0, |d| d.count()), 0);
}

#[test]
fn an_output_folder_that_does_not_exist_is_refused_before_typesetting() {
    let dir = tempfile::tempdir().unwrap();
    // Exit 2 is the check before the work; a failure to write after typesetting is exit 1.
    netliver()
        .args(["handout", "--treatment", "rfa", "-o"])
        .arg(dir.path().join("missing/h.pdf"))
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("does not exist"));
}

/// Every command-line error names the flag, the value (cut, control characters escaped)
/// and what is allowed, on one line.
#[test]
fn every_usage_error_names_the_flag_the_value_and_what_is_allowed() {
    let long = "9".repeat(300);
    let long_id = "x".repeat(100_000);
    for (args, must) in [
        (
            vec!["assess", "--lang", "-nan"],
            vec!["'-nan'", "--lang", "da, en"],
        ),
        (
            vec!["assess", "--layer", "-x"],
            vec!["'-x'", "--layer", "page, all"],
        ),
        (
            vec!["assess", "--lesions"],
            vec!["--lesions", "allowed: a whole number from 1 to 200"],
        ),
        (
            vec!["assess", "--primary"],
            vec!["--primary", "small-intestine"],
        ),
        (
            vec!["assess", "--lesions", long.as_str()],
            vec!["--lesions", "…", "1 to 200"],
        ),
        (
            vec![
                "handout",
                "--treatment",
                long_id.as_str(),
                "-o",
                "/tmp/never.pdf",
            ],
            vec!["--treatment", "…", "resection"],
        ),
        (
            vec!["assess", "--primary", "\u{202e}evil"],
            vec!["--primary", "\\u{202e}evil", "small-intestine"],
        ),
        (
            vec!["assess", "--lang", "\u{202e}en"],
            vec!["--lang", "\\u{202e}en", "da, en"],
        ),
    ] {
        let out = netliver().args(&args).assert().code(2);
        let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.len() < 600, "{} bytes: {stderr}", stderr.len());
        assert!(
            !stderr.contains('\u{202e}'),
            "a raw bidi character: {stderr}"
        );
        for part in must {
            assert!(stderr.contains(part), "{stderr:?} lacks {part:?}");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_value_that_is_not_utf8_names_its_flag() {
    use std::os::unix::ffi::OsStrExt;
    let bad = std::ffi::OsStr::from_bytes(b"\xff\xfe");
    let out = netliver()
        .args(["handout", "--treatment", "rfa", "--patient"])
        .arg(bad)
        .args(["-o", "/tmp/never.pdf"])
        .assert()
        .code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("--patient") && stderr.contains("not UTF-8"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);
}

/// The renderer setting is read only when a window opens: the headless commands work
/// whatever it says, and the window says what is wrong with it.
#[test]
fn the_renderer_setting_does_not_break_the_headless_commands() {
    for args in [
        vec!["list"],
        vec!["check"],
        vec!["assess", "--lesions", "2"],
    ] {
        netliver()
            .args(&args)
            .env("NETLIVER_RENDERER", "vulkan")
            .assert()
            .success();
    }
    netliver()
        .args(["--exit-after-frames", "1"])
        .env("NETLIVER_RENDERER", "vulkan")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("NETLIVER_RENDERER=\"vulkan\"")
                .and(predicate::str::contains("auto, wgpu, glow")),
        );
}

/// A closed or full standard output is an error: exit 1 and one line on stderr (a reader
/// that goes away, `| head`, is not: it has what it wanted).
#[cfg(target_os = "linux")]
#[test]
fn a_closed_or_full_stdout_is_an_error() {
    use std::process::{Command as Std, Stdio};
    let bin = assert_cmd::cargo::cargo_bin("netliver");
    let out = Std::new("sh")
        .arg("-c")
        .arg(format!("'{}' list >&-", bin.display()))
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("standard output is closed"), "{stderr}");
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Std::new(&bin)
        .args(["assess", "--json"])
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("cannot write the output"), "{stderr}");
    // Written to /dev/null on purpose: fine.
    Std::new(&bin)
        .arg("list")
        .stdout(Stdio::null())
        .status()
        .map(|s| assert!(s.success()))
        .unwrap();
}

#[test]
fn note_prints_a_journal_note_of_at_most_25_lines() {
    let out = netliver()
        .args([
            "note",
            "--lesions",
            "3",
            "--grade",
            "g2",
            "--treatment",
            "rfa",
            "--lang",
            "en",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.lines().count() <= 25, "{text}");
    assert!(text.contains("Document id: "), "{text}");
    assert!(text.contains("Handout given (English): RFA"), "{text}");
    assert!(text.contains("the MDT makes the decision"), "{text}");
    netliver()
        .args(["note", "--treatment", "liver-transplant"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown treatment"));
}

#[test]
fn summary_writes_a_one_page_case_sheet_or_its_json() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("case.pdf");
    let typical = ["--lesions", "4", "--largest-cm", "3", "--grade", "g2"];
    netliver()
        .arg("summary")
        .args(typical)
        .args(["--treatment", "rfa", "-o"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains(": 1 page, "));
    assert!(std::fs::read(&file).unwrap().starts_with(b"%PDF-"));
    let out = netliver()
        .arg("summary")
        .args(typical)
        .args(["--treatment", "rfa", "--lang", "en", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["rows"].as_array().unwrap().len(), 7);
    assert!(!v["workup"].as_array().unwrap().is_empty());
    // The note for the same handout on the same day carries the same id.
    let id = v["document_id"]
        .as_str()
        .unwrap()
        .trim_start_matches("Document id: ");
    netliver()
        .arg("note")
        .args(typical)
        .args(["--treatment", "rfa", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains(id));
    // Neither a file nor JSON: a usage error, not a silent success.
    netliver()
        .args(["summary", "--lesions", "4"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--output"));
    netliver()
        .arg("summary")
        .args(["-o"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
}
