//! Getting a finished PDF out of the process: saved where the user chose, or handed to the
//! operating system's printing. Nothing else ever leaves the process.
//!
//! Saving writes a temporary file with a random name, created exclusively in the target's
//! folder, and renames it into place: a reader never sees half a PDF, a prepared symlink
//! or a predictable name cannot redirect the write, and without `overwrite` nothing that
//! exists (not even a dangling link) is replaced. Only regular files are ever replaced.
//!
//! Printing hands the PDF to CUPS `lp` on its standard input, so no file is written at
//! all. Where that is not possible (no `lp`, or Windows, whose print verb needs a file),
//! the PDF goes into a private folder (0700 on Unix) that is removed when the app exits
//! ([`clean_up`]); folders left by a run that crashed are removed at the next start.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
#[cfg(not(windows))]
use std::process::{Command, Stdio};
use std::sync::Mutex;

/// Why a PDF could not be saved. The target is untouched in every case.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("the folder {0} does not exist")]
    NoFolder(PathBuf),
    #[error("{0} exists already")]
    Exists(PathBuf),
    #[error("{0} is a symbolic link; netliver does not write through links")]
    Symlink(PathBuf),
    #[error("{0} is not a regular file (a folder, device or pipe); choose a file name")]
    NotAFile(PathBuf),
    #[error("could not save {0}: {1}")]
    Io(PathBuf, io::Error),
}

/// What is at a path, without following a symbolic link.
enum Target {
    Nothing,
    File(std::fs::Permissions),
    Link,
    Other,
}

fn target(path: &Path) -> io::Result<Target> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Ok(Target::Link),
        Ok(m) if m.is_file() => Ok(Target::File(m.permissions())),
        Ok(_) => Ok(Target::Other),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Target::Nothing),
        Err(e) => Err(e),
    }
}

/// Whether `save(path, _, overwrite)` would be refused for what is at `path` now (so a
/// command can say so before the work of typesetting). `save` checks again as it writes.
pub fn check_target(path: &Path, overwrite: bool) -> Result<(), SaveError> {
    match target(path).map_err(|e| SaveError::Io(path.to_path_buf(), e))? {
        Target::Nothing => Ok(()),
        Target::Link => Err(SaveError::Symlink(path.to_path_buf())),
        Target::Other => Err(SaveError::NotAFile(path.to_path_buf())),
        Target::File(_) if !overwrite => Err(SaveError::Exists(path.to_path_buf())),
        Target::File(_) => Ok(()),
    }
}

/// Writes `bytes` to `path` as one step: a temporary file beside it (random name, created
/// exclusively, 0600 on Unix), flushed to disk, then renamed into place.
///
/// Without `overwrite`, an existing path of any kind is left alone and reported. With it,
/// only a regular file is replaced, keeping its permissions. A new file is readable by its
/// owner only, since a handout may carry a patient's name.
pub fn save(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), SaveError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(SaveError::NoFolder(dir));
    }
    let io_err = |e| SaveError::Io(path.to_path_buf(), e);
    let keep = match target(path).map_err(io_err)? {
        Target::Nothing => None,
        Target::Link => return Err(SaveError::Symlink(path.to_path_buf())),
        Target::Other => return Err(SaveError::NotAFile(path.to_path_buf())),
        Target::File(_) if !overwrite => return Err(SaveError::Exists(path.to_path_buf())),
        Target::File(perms) => Some(perms),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".netliver-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(io_err)?;
    tmp.write_all(bytes).map_err(io_err)?;
    if let Some(perms) = keep {
        tmp.as_file().set_permissions(perms).map_err(io_err)?;
    }
    tmp.as_file().sync_all().map_err(io_err)?;
    if overwrite {
        // A rename replaces the name itself: a link put there meanwhile is replaced, never
        // followed.
        tmp.persist(path).map_err(|e| io_err(e.error))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                SaveError::Exists(path.to_path_buf())
            } else {
                io_err(e.error)
            }
        })?;
    }
    Ok(())
}

/// Saves into `folder` under `stem.pdf`, or `stem-2.pdf`, … if taken, never replacing a
/// file (two saves at once each get their own name). Returns the path written.
pub fn save_new_in(folder: &Path, stem: &str, bytes: &[u8]) -> Result<PathBuf, SaveError> {
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{stem}.pdf")
        } else {
            format!("{stem}-{n}.pdf")
        };
        let path = folder.join(name);
        match save(&path, bytes, false) {
            Err(SaveError::Exists(_) | SaveError::Symlink(_) | SaveError::NotAFile(_)) => {}
            other => return other.map(|()| path),
        }
    }
    Err(SaveError::Exists(folder.join(format!("{stem}.pdf"))))
}

/// What happened to a print request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Printed {
    /// Sent to the default printer; the spooler's words.
    Sent(String),
    /// No printer could take it: the PDF was opened in the system viewer, to print from
    /// there. The file is in a private folder removed when the app exits.
    OpenedInViewer(PathBuf),
}

/// Prefix of the private folders that hold a PDF for the viewer or the Windows print verb.
const SPOOL_PREFIX: &str = "netliver-print-";

/// Private folders made by this process, removed by [`clean_up`].
static SPOOLS: Mutex<Vec<tempfile::TempDir>> = Mutex::new(Vec::new());

/// Puts the PDF in a new private folder (0700 on Unix) that lives until [`clean_up`].
fn spool(pdf: &[u8]) -> Result<PathBuf, String> {
    let dir = tempfile::Builder::new()
        .prefix(SPOOL_PREFIX)
        .tempdir()
        .map_err(|e| format!("no private folder for printing: {e}"))?;
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
    let owner = Owner::me();
    for entry in entries.flatten() {
        let ours = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(SPOOL_PREFIX));
        let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
            continue;
        };
        if ours && meta.is_dir() && owner.owns(&meta) && !in_use.contains(&entry.path()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Who this process is, for telling our folders from other users' in a shared /tmp.
struct Owner(#[cfg(unix)] Option<u32>);

impl Owner {
    #[cfg(unix)]
    fn me() -> Owner {
        use std::os::unix::fs::MetadataExt;
        // A file we own for certain: our own private temporary file.
        Owner(
            tempfile::tempfile()
                .and_then(|f| f.metadata())
                .ok()
                .map(|m| m.uid()),
        )
    }

    #[cfg(unix)]
    fn owns(&self, meta: &std::fs::Metadata) -> bool {
        use std::os::unix::fs::MetadataExt;
        self.0 == Some(meta.uid())
    }

    #[cfg(not(unix))]
    fn me() -> Owner {
        Owner()
    }

    #[cfg(not(unix))]
    fn owns(&self, _meta: &std::fs::Metadata) -> bool {
        // %TEMP% is the user's own folder on Windows.
        true
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

/// Where to save when the system has no file dialog: the user's Documents folder, else
/// home, else the temporary folder.
pub fn fallback_folder() -> PathBuf {
    crate::platform::documents_folder()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn saves_new_files_and_replaces_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.pdf");
        save(&p, b"one", false).unwrap();
        assert!(matches!(save(&p, b"two", false), Err(SaveError::Exists(_))));
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        save(&p, b"two", true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        // No temporary files left behind.
        assert_eq!(names(dir.path()), ["a.pdf"]);
    }

    #[test]
    fn a_failed_save_says_why_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let err = save(&dir.path().join("missing/a.pdf"), b"x", true).unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
        std::fs::create_dir(dir.path().join("d.pdf")).unwrap();
        let err = save(&dir.path().join("d.pdf"), b"x", true).unwrap_err();
        assert!(matches!(err, SaveError::NotAFile(_)), "{err}");
        assert_eq!(names(dir.path()), ["d.pdf"]);
    }

    #[cfg(unix)]
    #[test]
    fn links_devices_and_dangling_links_are_never_written_through() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"keep").unwrap();
        let link = dir.path().join("link.pdf");
        symlink(&victim, &link).unwrap();
        for overwrite in [false, true] {
            assert!(matches!(
                save(&link, b"evil", overwrite),
                Err(SaveError::Symlink(_))
            ));
        }
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
        // A dangling link is not replaced either, with or without overwrite.
        let dangling = dir.path().join("dangling.pdf");
        symlink(dir.path().join("nowhere"), &dangling).unwrap();
        assert!(save(&dangling, b"x", false).is_err());
        assert!(!dir.path().join("nowhere").exists());
        // A device.
        assert!(matches!(
            save(Path::new("/dev/null"), b"x", true),
            Err(SaveError::NotAFile(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn new_handouts_are_private_and_replaced_ones_keep_their_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.pdf");
        save(&new, b"x", false).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&new), 0o600);
        let shared = dir.path().join("shared.pdf");
        std::fs::write(&shared, b"old").unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o640)).unwrap();
        save(&shared, b"new", true).unwrap();
        assert_eq!(mode(&shared), 0o640);
        let private = dir.path().join("private.pdf");
        std::fs::write(&private, b"old").unwrap();
        std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
        save(&private, b"new", true).unwrap();
        assert_eq!(mode(&private), 0o600, "a 0600 file is not widened");
    }

    #[test]
    fn concurrent_saves_without_overwrite_never_both_succeed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("race.pdf");
        let results: Vec<bool> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|i| {
                    let p = &p;
                    s.spawn(move || save(p, format!("{i}").as_bytes(), false).is_ok())
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(results.iter().filter(|ok| **ok).count(), 1);
        assert_eq!(names(dir.path()), ["race.pdf"]);
    }

    #[test]
    fn save_new_in_picks_a_free_name() {
        let dir = tempfile::tempdir().unwrap();
        let a = save_new_in(dir.path(), "h", b"1").unwrap();
        let b = save_new_in(dir.path(), "h", b"2").unwrap();
        assert_eq!(a.file_name().unwrap(), "h.pdf");
        assert_eq!(b.file_name().unwrap(), "h-2.pdf");
        assert_eq!(std::fs::read(&a).unwrap(), b"1");
    }

    #[test]
    fn print_folders_of_a_crashed_run_are_removed_at_start_and_ours_are_kept() {
        let temp = tempfile::tempdir().unwrap();
        let stale = temp.path().join(format!("{SPOOL_PREFIX}crashed"));
        std::fs::create_dir(&stale).unwrap();
        std::fs::write(stale.join("handout.pdf"), b"%PDF- a patient's handout").unwrap();
        let other = temp.path().join("someone-elses");
        std::fs::create_dir(&other).unwrap();
        let live = spool(b"%PDF- printing now").unwrap();
        let live_folder = live.parent().unwrap().to_path_buf();
        remove_stale_spools_in(temp.path());
        assert!(!stale.exists(), "a crashed run's print folder is left");
        assert!(other.exists(), "a folder not ours was removed");
        // In the real temporary folder, this process's own spool survives the sweep...
        remove_stale_spools();
        assert!(live.exists());
        // ...until it is no longer needed.
        unspool(&live);
        assert!(!live_folder.exists());
    }
}
