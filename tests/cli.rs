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
        assert!(
            [
                "Meets the criteria",
                "May be considered",
                "With reservations",
                "Does not meet the criteria"
            ]
            .contains(&a["label"].as_str().unwrap())
        );
        let reasons = a["reasons"].as_array().unwrap();
        assert!(!reasons.is_empty());
        for r in reasons {
            assert!(!r["text"].as_str().unwrap().is_empty());
            assert!(
                r["source"]
                    .as_str()
                    .unwrap()
                    .contains("Kræftens Bekæmpelse")
            );
        }
        assert!(a["preparation"].is_array());
    }
}

#[test]
fn assess_names_the_preparations_by_agent() {
    let v = assess_json(&["--primary", "small-intestine"]);
    let tace = &v["assessments"][4];
    assert_eq!(tace["treatment"], "tace");
    let ids: Vec<&str> = tace["preparation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"octreotide") && ids.contains(&"antibiotics"),
        "{ids:?}"
    );
    let v = assess_json(&["--primary", "pancreas"]);
    let ids: Vec<&str> = v["assessments"][4]["preparation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["antibiotics"]);
}

#[test]
fn assess_table_is_readable_in_danish_and_english() {
    netliver()
        .args(["assess", "--lesions", "12", "--extrahepatic", "yes"])
        .assert()
        .success()
        .stdout(predicate::str::contains("OPFYLDER IKKE KRITERIERNE"))
        .stdout(predicate::str::contains("Kilde: Kræftens Bekæmpelse"))
        .stdout(predicate::str::contains(
            "Den multidisciplinære konference (MDT) træffer beslutningen",
        ));
    netliver()
        .args(["assess", "--lesions", "12", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("DOES NOT MEET THE CRITERIA"))
        .stdout(predicate::str::contains("Source: Kræftens Bekæmpelse"))
        .stdout(predicate::str::contains(
            "The multidisciplinary team (MDT) makes the decision",
        ));
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
        for part in [flag, value, allowed] {
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
