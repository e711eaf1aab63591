//! Build script: on Windows targets, give netliver.exe its icon (Explorer, the taskbar and
//! the Start menu show the exe's icon resource). Uses MinGW's `windres` (Debian:
//! binutils-mingw-w64-x86-64) for the GNU target; without it the exe builds without an icon
//! and a warning says so. Other targets: nothing to do.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=assets/icon/netliver.ico");
    println!("cargo:rerun-if-changed=build.rs");
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
