//! The README documents what the code does: its field table is the one the CLI, the app and
//! the rule language derive from, and its commands name flags that exist.
//!
//! After adding or changing a field: `UPDATE_README=1 cargo test --test readme`.

#![allow(clippy::unwrap_used)]

use netliver::dataset::fields::markdown_table;

const BEGIN: &str =
    "<!-- fields: begin (generated; UPDATE_README=1 cargo test --test readme) -->\n";
const END: &str = "<!-- fields: end -->";

fn readme_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")
}

#[test]
fn the_readme_field_table_is_the_field_table_of_the_code() {
    let readme = std::fs::read_to_string(readme_path()).unwrap();
    let start = readme
        .find(BEGIN)
        .expect("the README has the field-table markers")
        + BEGIN.len();
    let end = start + readme[start..].find(END).expect("the end marker follows");
    let table = markdown_table();
    if readme[start..end] != table {
        if std::env::var_os("UPDATE_README").is_some() {
            let updated = format!("{}{table}{}", &readme[..start], &readme[end..]);
            std::fs::write(readme_path(), updated).unwrap();
        } else {
            panic!(
                "the README's field table differs from dataset::fields (run UPDATE_README=1 cargo test --test readme):\n{table}"
            );
        }
    }
}

/// Every long flag of netliver and its subcommands, as clap knows them.
fn netliver_flags() -> Vec<String> {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, out: &mut Vec<String>) {
        out.extend(
            cmd.get_arguments()
                .filter_map(|a| a.get_long())
                .map(|l| format!("--{l}")),
        );
        for sub in cmd.get_subcommands() {
            walk(sub, out);
        }
    }
    let mut out = vec!["--help".to_owned(), "--version".to_owned()];
    walk(&netliver::cli::Cli::command(), &mut out);
    out
}

#[test]
fn every_flag_in_the_readme_exists() {
    let readme = std::fs::read_to_string(readme_path()).unwrap();
    let flags = netliver_flags();
    assert!(
        flags.contains(&"--tumour-burden-pct".to_owned()) && flags.contains(&"--print".to_owned())
    );
    // cargo's own flags in the README's build and test commands.
    let cargo = [
        "--release",
        "--features",
        "--target",
        "--bench",
        "--bin",
        "--example",
        "--test",
        "--locked",
    ];
    for word in readme.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')) {
        if let Some(flag) = word.strip_prefix("--")
            && flag.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        {
            let flag = format!("--{flag}");
            assert!(
                flags.contains(&flag) || cargo.contains(&flag.as_str()),
                "the README names {flag}, which netliver does not have"
            );
        }
    }
}
