//! Build script:
//! - lists the files of the built-in dataset folder (`data/net-liver-metastases/`) for
//!   `include_str!`, so the folder is embedded as it is, with no list kept by hand;
//! - on Windows targets, gives netliver.exe its icon (Explorer, the taskbar and the Start
//!   menu show the exe's icon resource). Uses MinGW's `windres` (Debian:
//!   binutils-mingw-w64-x86-64) for the GNU target; without it the exe builds without an
//!   icon and a warning says so.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The built-in dataset, relative to the crate.
const DATASET: &str = "data/net-liver-metastases";

fn main() {
    println!("cargo:rerun-if-changed=assets/icon/netliver.ico");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={DATASET}");
    embed_dataset();
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os != "windows" {
        return;
    }
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let ico = root.join("assets/icon/netliver.ico");
    let rc = out.join("netliver.rc");
    let obj = out.join("netliver-icon.o");
    // windres reads forward slashes on every host.
    let ico_path = ico.display().to_string().replace('\\', "/");
    if std::fs::write(&rc, format!("1 ICON \"{ico_path}\"\n")).is_err() {
        println!("cargo:warning=could not write {}", rc.display());
        return;
    }
    if env != "gnu" {
        println!(
            "cargo:warning=netliver.exe gets its icon only with the GNU toolchain (windres); built without one"
        );
        return;
    }
    let windres = std::env::var("WINDRES").unwrap_or_else(|_| {
        if cfg!(windows) {
            "windres".to_owned()
        } else {
            "x86_64-w64-mingw32-windres".to_owned()
        }
    });
    let status = Command::new(&windres)
        .arg("--input")
        .arg(&rc)
        .arg("--output-format=coff")
        .arg("--output")
        .arg(&obj)
        .status();
    match status {
        Ok(s) if s.success() => {
            println!("cargo:rustc-link-arg-bins={}", obj.display());
        }
        _ => println!(
            "cargo:warning={windres} not found or failed: netliver.exe is built without its icon (Debian: apt install binutils-mingw-w64-x86-64)"
        ),
    }
}

/// Every file below `dir`, as paths relative to it with `/`, sorted.
fn files_below(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let rel = format!("{prefix}{name}");
        match entry.file_type() {
            Ok(t) if t.is_dir() => files_below(&entry.path(), &format!("{rel}/"), out),
            Ok(t) if t.is_file() => out.push(rel),
            _ => {}
        }
    }
}

/// Writes `embedded_dataset.rs`: `EMBEDDED_FILES`, each file of the dataset folder with
/// its text.
fn embed_dataset() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let mut files = Vec::new();
    files_below(&root.join(DATASET), "", &mut files);
    files.sort();
    let mut code = String::from(
        "/// The files of the built-in dataset folder, by path relative to it.\npub const EMBEDDED_FILES: &[(&str, &str)] = &[\n",
    );
    for rel in &files {
        let abs = root.join(DATASET).join(rel);
        code.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            abs.display().to_string()
        ));
    }
    code.push_str("];\n");
    if let Err(e) = std::fs::write(out.join("embedded_dataset.rs"), code) {
        panic!("cannot write embedded_dataset.rs: {e}");
    }
}
