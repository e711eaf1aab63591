//! Printing: CUPS `lp` from memory on Linux and macOS (no file written), the print verb on
//! Windows (which needs a file, kept in a private folder until the app exits). The app falls
//! back to the system's PDF viewer where no printer answers; the command line says so and
//! writes nothing.

#[cfg(not(windows))]
use std::io::{self, Write};
use std::path::{Path, PathBuf};
#[cfg(not(windows))]
use std::process::{Command, Stdio};
use std::sync::Mutex;

use super::save;

/// What happened to a print request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Printed {
    /// Sent to the default printer; the spooler's words.
    Sent(String),
    /// No printer could take it: the PDF was opened in the system viewer, to print from
    /// there. The file is in a private folder removed when the app exits.
    OpenedInViewer(PathBuf),
}

/// Prefix of the private folders that hold a PDF for the viewer or the Windows print verb;
/// the process id follows, so a sweep never takes another running netliver's folder.
const SPOOL_PREFIX: &str = "netliver-print-";

/// Private folders made by this process, removed by [`clean_up`].
static SPOOLS: Mutex<Vec<tempfile::TempDir>> = Mutex::new(Vec::new());

/// Puts the PDF in a new private folder (0700 on Unix) that lives until [`clean_up`].
fn spool(pdf: &[u8]) -> Result<PathBuf, String> {
    let dir = tempfile::Builder::new()
        .prefix(&format!("{SPOOL_PREFIX}{}-", std::process::id()))
        .tempdir()
        .map_err(|e| format!("no private folder for printing: {e}"))?;
    // Readable by this user only, whatever the umask.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700))
            .map_err(|e| format!("no private folder for printing: {e}"))?;
    }
    let file = dir.path().join("handout.pdf");
    save(&file, pdf, false).map_err(|e| e.to_string())?;
    if let Ok(mut spools) = SPOOLS.lock() {
        spools.push(dir);
    } else {
        // Nobody could remove it later: do not leave it behind.
        return Err("the print spool is not available".to_owned());
    }
    Ok(file)
}

/// Removes the private folder of one spooled file, at once.
fn unspool(file: &Path) {
    if let Ok(mut spools) = SPOOLS.lock() {
        spools.retain(|d| !file.starts_with(d.path()));
    }
}

/// Removes every private print folder this process made. The app calls it when it exits.
pub fn clean_up() {
    if let Ok(mut spools) = SPOOLS.lock() {
        spools.clear();
    }
}

/// Removes print folders left in the temporary folder by an earlier run that did not exit
/// cleanly. Only folders of ours: the name's prefix, and on Unix owned by this user.
pub fn remove_stale_spools() {
    remove_stale_spools_in(&std::env::temp_dir());
}

fn remove_stale_spools_in(temp: &Path) {
    let Ok(entries) = std::fs::read_dir(temp) else {
        return;
    };
    let in_use: Vec<PathBuf> = SPOOLS
        .lock()
        .map(|s| s.iter().map(|d| d.path().to_path_buf()).collect())
        .unwrap_or_default();
    for entry in entries.flatten() {
        // `netliver-print-PID-…`: a folder of ours whose process has ended.
        let pid = entry
            .file_name()
            .to_str()
            .and_then(|n| n.strip_prefix(SPOOL_PREFIX))
            .and_then(|rest| rest.split('-').next())
            .and_then(|p| p.parse::<u32>().ok());
        let Some(pid) = pid else { continue };
        let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
            continue;
        };
        let gone = pid != std::process::id() && !super::stale::alive(pid);
        if gone && meta.is_dir() && super::stale::is_mine(&meta) && !in_use.contains(&entry.path())
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Prints a PDF through the operating system: CUPS `lp` from memory on Linux and macOS,
/// the print verb on Windows; if that fails, opens the PDF in the system viewer; if that
/// fails too, says why.
pub fn print(pdf: &[u8]) -> Result<Printed, String> {
    // Where the printer needs a file (Windows), the one file serves the viewer too.
    let mut spooled = None;
    match to_printer(pdf, &mut spooled) {
        Ok(msg) => Ok(Printed::Sent(msg)),
        Err(print_err) => {
            let file = match spooled {
                Some(file) => file,
                None => spool(pdf)?,
            };
            match open::that_detached(&file) {
                Ok(()) => Ok(Printed::OpenedInViewer(file)),
                Err(e) => {
                    unspool(&file);
                    Err(format!(
                        "no printer could be reached ({print_err}) and the PDF could not be opened ({e}); save it and print it from another program"
                    ))
                }
            }
        }
    }
}

/// Prints on the default printer, or says why not; never opens a viewer and, on Linux and
/// macOS, writes no file (the command line's `--print`).
pub fn print_or_refuse(pdf: &[u8]) -> Result<String, String> {
    let mut spooled = None;
    to_printer(pdf, &mut spooled)
}

/// The print command, `lp` unless `NETLIVER_LP` names another (tests use a stand-in).
#[cfg(not(windows))]
fn lp_program() -> std::ffi::OsString {
    std::env::var_os("NETLIVER_LP").unwrap_or_else(|| "lp".into())
}

/// Hands the PDF to `lp` on its standard input: CUPS spools it itself, and no file of
/// ours is ever written.
#[cfg(not(windows))]
fn to_printer(pdf: &[u8], _spooled: &mut Option<PathBuf>) -> Result<String, String> {
    // No file argument: `lp` reads the job from standard input. The job's title is not the
    // patient's name.
    let mut child = Command::new(lp_program())
        .arg("-t")
        .arg("netliver")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("`lp` is not available: {e}"))?;
    let written = child
        .stdin
        .take()
        .map(|mut stdin| stdin.write_all(pdf))
        .unwrap_or_else(|| Err(io::Error::other("no standard input")));
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    match (written, out.status.success()) {
        (Ok(()), true) => Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned()),
        (Err(e), _) => Err(format!("`lp` did not take the PDF: {e}")),
        (Ok(()), false) => Err(String::from_utf8_lossy(&out.stderr).trim().to_owned()),
    }
}

/// Windows prints a file through its print verb; the file is spooled in a private folder
/// removed at exit (the print verb gives no word on when the printer has read it).
#[cfg(windows)]
fn to_printer(pdf: &[u8], spooled: &mut Option<PathBuf>) -> Result<String, String> {
    let file = spooled.insert(spool(pdf)?);
    crate::platform::print_verb(file)?;
    Ok("sent to the default printer".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn print_folders_of_a_crashed_run_are_removed_at_start_and_ours_are_kept() {
        let temp = tempfile::tempdir().unwrap();
        let stale = temp.path().join(format!("{SPOOL_PREFIX}99999999-crashed"));
        std::fs::create_dir(&stale).unwrap();
        std::fs::write(stale.join("handout.pdf"), b"%PDF- a patient's handout").unwrap();
        let other = temp.path().join("someone-elses");
        let running = temp
            .path()
            .join(format!("{SPOOL_PREFIX}{}-running", std::process::id()));
        std::fs::create_dir(&running).unwrap();
        std::fs::create_dir(&other).unwrap();
        let live = spool(b"%PDF- printing now").unwrap();
        let live_folder = live.parent().unwrap().to_path_buf();
        remove_stale_spools_in(temp.path());
        assert!(!stale.exists(), "a crashed run's print folder is left");
        assert!(other.exists(), "a folder not ours was removed");
        assert!(running.exists(), "a running process's folder was removed");
        // In the real temporary folder, this process's own spool survives the sweep...
        remove_stale_spools();
        assert!(live.exists());
        // ...until it is no longer needed.
        unspool(&live);
        assert!(!live_folder.exists());
    }

    #[cfg(unix)]
    #[test]
    fn the_print_folder_is_private_whatever_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let file = spool(b"%PDF-").unwrap();
        let dir = file.parent().unwrap().to_path_buf();
        let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
        unspool(&file);
        assert!(!dir.exists());
    }
}
