//! Getting a finished PDF out of the process: saved atomically where the user chose, or
//! handed to the operating system's printing. Nothing else ever leaves the process.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Writes `bytes` to `path` atomically: a temporary file beside it, flushed to disk, then
/// renamed over the target. On failure the target is untouched and the temporary removed.
pub fn save_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(format!("the folder {} does not exist", dir.display()));
    }
    let name = path.file_name().map_or_else(
        || "handout.pdf".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("could not save {}: {e}", path.display())
    })
}

/// What happened to a print request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Printed {
    /// Sent to the default printer.
    Sent(String),
    /// No printer: the PDF was opened in the system viewer, to print from there.
    OpenedInViewer(PathBuf),
}

/// Prints a PDF through the operating system: CUPS `lp` on Linux and macOS, the print verb
/// on Windows; if that fails, opens the PDF in the system viewer; if that fails too, says why.
pub fn print(pdf: &[u8]) -> Result<Printed, String> {
    let file = std::env::temp_dir().join(format!("netliver-handout-{}.pdf", std::process::id()));
    save_atomic(&file, pdf)?;
    let system = print_command(&file);
    match system {
        Ok(msg) => Ok(Printed::Sent(msg)),
        Err(print_err) => match open::that_detached(&file) {
            Ok(()) => Ok(Printed::OpenedInViewer(file)),
            Err(e) => Err(format!(
                "no printer could be reached ({print_err}) and the PDF could not be opened ({e}); save it and print it from another program"
            )),
        },
    }
}

#[cfg(not(windows))]
fn print_command(file: &Path) -> Result<String, String> {
    let out = Command::new("lp")
        .arg(file)
        .output()
        .map_err(|e| format!("`lp` is not available: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
    }
}

#[cfg(windows)]
fn print_command(file: &Path) -> Result<String, String> {
    let status = Command::new("powershell")
        .args([
            "-NoProfile",
            "-Command",
            "Start-Process -Verb Print -FilePath",
        ])
        .arg(file)
        .status()
        .map_err(|e| e.to_string())?;
    if status.success() {
        Ok("sent to the default printer".to_owned())
    } else {
        Err(format!("the print verb failed ({status})"))
    }
}

/// Where to save when the system has no file dialog: the user's Documents folder, else home,
/// else the temporary folder.
pub fn fallback_folder() -> PathBuf {
    let home = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from);
    match home {
        Some(h) if h.join("Documents").is_dir() => h.join("Documents"),
        Some(h) if h.is_dir() => h,
        _ => std::env::temp_dir(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_atomically_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.pdf");
        save_atomic(&p, b"one").unwrap();
        save_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        // No temporary files left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_save_says_why_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let err = save_atomic(&dir.path().join("missing/a.pdf"), b"x").unwrap_err();
        assert!(err.contains("does not exist"), "{err}");
        // The target is a directory: rename fails, the temporary is cleaned up.
        std::fs::create_dir(dir.path().join("d.pdf")).unwrap();
        std::fs::write(dir.path().join("d.pdf/keep"), b"k").unwrap();
        assert!(save_atomic(&dir.path().join("d.pdf"), b"x").is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
