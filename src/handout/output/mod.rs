//! Getting a finished PDF out of the process: saved where the user chose, or handed to the
//! operating system's printing. Nothing else ever leaves the process.
//!
//! Saving never leaves a file of the patient's behind, whatever happens to the process:
//!
//! - on Linux the PDF is written into a file without a name (`O_TMPFILE`), flushed to disk,
//!   and only then linked in under its name; a kill at any moment leaves either nothing or
//!   the complete handout;
//! - where the filesystem cannot do that (and on other systems) it goes into a temporary file
//!   with a random name beside the target, created exclusively, renamed into place when
//!   complete. A SIGTERM or SIGINT removes it before the process ends ([`stale`]), and the
//!   next start removes any that a SIGKILL or a power cut left.
//!
//! A reader never sees half a PDF; a prepared symlink or a predictable name cannot redirect
//! the write; without `overwrite` nothing that exists (not even a dangling link) is replaced;
//! only a regular file of this user's is ever replaced, keeping its mode and group.

mod print;
pub mod stale;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub use print::{Printed, clean_up, print, print_or_refuse, remove_stale_spools};

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
    #[error("{0} belongs to another user; netliver replaces only your own files")]
    NotYours(PathBuf),
    #[error("could not save {0}: {1}")]
    Io(PathBuf, io::Error),
}

/// What is at a path, without following a symbolic link.
enum Target {
    Nothing,
    File(std::fs::Metadata),
    Link,
    Other,
}

fn target(path: &Path) -> io::Result<Target> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Ok(Target::Link),
        Ok(m) if m.is_file() => Ok(Target::File(m)),
        Ok(_) => Ok(Target::Other),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Target::Nothing),
        Err(e) => Err(e),
    }
}

/// The folder a file is saved in (`.` for a bare name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// What `save(path, _, overwrite)` would meet: the existing file it may replace (`None`
/// for a new name), or why it would be refused. A command checks it before the work of
/// typesetting; `save` checks again as it writes.
fn what_is_at(path: &Path, overwrite: bool) -> Result<Option<std::fs::Metadata>, SaveError> {
    let dir = folder_of(path);
    if !dir.is_dir() {
        return Err(SaveError::NoFolder(dir));
    }
    match target(path).map_err(|e| SaveError::Io(path.to_path_buf(), e))? {
        Target::Nothing => Ok(None),
        Target::Link => Err(SaveError::Symlink(path.to_path_buf())),
        Target::Other => Err(SaveError::NotAFile(path.to_path_buf())),
        Target::File(_) if !overwrite => Err(SaveError::Exists(path.to_path_buf())),
        Target::File(meta) if !stale::is_mine(&meta) => {
            Err(SaveError::NotYours(path.to_path_buf()))
        }
        Target::File(meta) => Ok(Some(meta)),
    }
}

/// Whether `save(path, _, overwrite)` would be refused for what is at `path` now.
pub fn check_target(path: &Path, overwrite: bool) -> Result<(), SaveError> {
    what_is_at(path, overwrite).map(|_| ())
}

/// Writes `bytes` to `path` as one step (see the module's text). A new file is readable by
/// its owner only, since a handout may carry a patient's name; a replaced file keeps its
/// mode and group.
pub fn save(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), SaveError> {
    let keep = what_is_at(path, overwrite)?;
    let dir = folder_of(path);
    #[cfg(target_os = "linux")]
    match unnamed::save(&dir, path, bytes, keep.as_ref(), overwrite) {
        Ok(()) => return Ok(()),
        Err(unnamed::Failed::Refused(e)) => return Err(e),
        // The filesystem has no unnamed files (vfat, some network shares): go on named.
        Err(unnamed::Failed::Unsupported) => {}
    }
    named_save(&dir, path, bytes, keep.as_ref(), overwrite)
}

/// Sets the mode (and on Unix the group) of the replaced file on the new one.
fn keep_attributes(file: &std::fs::File, keep: &std::fs::Metadata) -> io::Result<()> {
    file.set_permissions(keep.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let now = file.metadata()?;
        if now.gid() != keep.gid() {
            let gid = rustix::fs::Gid::from_raw(keep.gid());
            rustix::fs::fchown(file, None, Some(gid)).map_err(io::Error::from)?;
        }
    }
    Ok(())
}

/// The named way: a temporary file beside the target, registered so that a signal or the
/// next start removes it if the process ends before the rename.
fn named_save(
    dir: &Path,
    path: &Path,
    bytes: &[u8],
    keep: Option<&std::fs::Metadata>,
    overwrite: bool,
) -> Result<(), SaveError> {
    let io_err = |e| SaveError::Io(path.to_path_buf(), e);
    let guard = stale::Saving::begin(dir).map_err(io_err)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(&stale::temp_prefix())
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io_err)?;
    guard.holds(tmp.path());
    tmp.write_all(bytes).map_err(io_err)?;
    if let Some(keep) = keep {
        keep_attributes(tmp.as_file(), keep).map_err(io_err)?;
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
    drop(guard);
    Ok(())
}

/// Files without a name until they are complete (Linux `O_TMPFILE`).
#[cfg(target_os = "linux")]
mod unnamed {
    use std::io::Write;
    use std::os::fd::AsRawFd;
    use std::path::Path;

    use rustix::fs::{AtFlags, CWD, Mode, OFlags};
    use rustix::io::Errno;

    use super::SaveError;

    pub enum Failed {
        /// The filesystem cannot: use the named way.
        Unsupported,
        Refused(SaveError),
    }

    pub fn save(
        dir: &Path,
        path: &Path,
        bytes: &[u8],
        keep: Option<&std::fs::Metadata>,
        overwrite: bool,
    ) -> Result<(), Failed> {
        let io_err = |e: std::io::Error| Failed::Refused(SaveError::Io(path.to_path_buf(), e));
        let Some(name) = path.file_name() else {
            return Err(Failed::Refused(SaveError::NotAFile(path.to_path_buf())));
        };
        let dirfd = rustix::fs::open(
            dir,
            OFlags::DIRECTORY | OFlags::RDONLY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(|e| io_err(e.into()))?;
        let fd = match rustix::fs::openat(
            &dirfd,
            ".",
            OFlags::TMPFILE | OFlags::WRONLY | OFlags::CLOEXEC,
            Mode::from_raw_mode(0o600),
        ) {
            Ok(fd) => fd,
            Err(Errno::OPNOTSUPP | Errno::ISDIR | Errno::INVAL | Errno::NOSYS) => {
                return Err(Failed::Unsupported);
            }
            Err(e) => return Err(io_err(e.into())),
        };
        let mut file = std::fs::File::from(fd);
        file.write_all(bytes).map_err(io_err)?;
        if let Some(keep) = keep {
            super::keep_attributes(&file, keep).map_err(io_err)?;
        }
        file.sync_all().map_err(io_err)?;
        let proc_path = format!("/proc/self/fd/{}", file.as_raw_fd());
        let link = |at: &std::ffi::OsStr| {
            rustix::fs::linkat(CWD, proc_path.as_str(), &dirfd, at, AtFlags::SYMLINK_FOLLOW)
        };
        if !overwrite {
            return match link(name) {
                Ok(()) => Ok(()),
                Err(Errno::EXIST) => Err(Failed::Refused(SaveError::Exists(path.to_path_buf()))),
                // No /proc to link through: the named way.
                Err(Errno::NOENT | Errno::PERM | Errno::ACCESS) => Err(Failed::Unsupported),
                Err(e) => Err(io_err(e.into())),
            };
        }
        // Replacing: link the complete file in under a private name, then rename it over
        // the target in one step. The name exists for the length of a rename, and is
        // registered so that a signal removes it.
        let guard = super::stale::Saving::begin(dir).map_err(io_err)?;
        let temp = format!("{}{:016x}.tmp", super::stale::temp_prefix(), random());
        guard.holds(&dir.join(&temp));
        match link(std::ffi::OsStr::new(&temp)) {
            Ok(()) => {}
            Err(Errno::NOENT | Errno::PERM | Errno::ACCESS) => return Err(Failed::Unsupported),
            Err(e) => return Err(io_err(e.into())),
        }
        if let Err(e) = rustix::fs::renameat(&dirfd, temp.as_str(), &dirfd, name) {
            let _ = rustix::fs::unlinkat(&dirfd, temp.as_str(), AtFlags::empty());
            return Err(io_err(e.into()));
        }
        drop(guard);
        Ok(())
    }

    /// A name no other save picks at the same moment (the process id is in the prefix).
    fn random() -> u64 {
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        h.finish()
    }
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

    #[cfg(unix)]
    #[test]
    fn another_users_file_is_not_replaced_and_a_replaced_file_keeps_its_group() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("theirs.pdf");
        std::fs::write(&p, b"theirs").unwrap();
        // Only root can give a file to someone else; elsewhere there is nothing to try.
        if rustix::process::geteuid().is_root() {
            let nobody = rustix::fs::Uid::from_raw(65534);
            let nogroup = rustix::fs::Gid::from_raw(65534);
            rustix::fs::chown(&p, Some(nobody), None).unwrap();
            assert!(matches!(
                save(&p, b"mine", true),
                Err(SaveError::NotYours(_))
            ));
            assert!(matches!(
                check_target(&p, true),
                Err(SaveError::NotYours(_))
            ));
            assert_eq!(std::fs::read(&p).unwrap(), b"theirs");
            let shared = dir.path().join("shared.pdf");
            std::fs::write(&shared, b"old").unwrap();
            rustix::fs::chown(&shared, None, Some(nogroup)).unwrap();
            save(&shared, b"new", true).unwrap();
            assert_eq!(std::fs::metadata(&shared).unwrap().gid(), 65534);
            assert_eq!(std::fs::read(&shared).unwrap(), b"new");
        }
        assert_eq!(
            names(dir.path())
                .iter()
                .filter(|n| n.starts_with('.'))
                .count(),
            0
        );
    }

    /// Where the filesystem allows it, nothing has a name until the handout is complete:
    /// the named way is not even tried (no state entry is made).
    #[cfg(target_os = "linux")]
    #[test]
    fn an_unnamed_save_leaves_no_entry_and_no_temporary_name() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.pdf");
        match unnamed::save(dir.path(), &p, b"%PDF-1", None, false) {
            Ok(()) => {
                assert_eq!(std::fs::read(&p).unwrap(), b"%PDF-1");
                assert!(matches!(
                    unnamed::save(dir.path(), &p, b"%PDF-2", None, false),
                    Err(unnamed::Failed::Refused(SaveError::Exists(_)))
                ));
                assert!(unnamed::save(dir.path(), &p, b"%PDF-3", None, true).is_ok());
                assert_eq!(std::fs::read(&p).unwrap(), b"%PDF-3");
                assert_eq!(names(dir.path()), ["a.pdf"]);
            }
            // A temporary folder on a filesystem without O_TMPFILE: nothing to test here.
            Err(unnamed::Failed::Unsupported) => {}
            Err(unnamed::Failed::Refused(e)) => panic!("{e}"),
        }
    }

    #[test]
    fn the_named_way_leaves_nothing_either() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("n.pdf");
        named_save(dir.path(), &p, b"%PDF-", None, false).unwrap();
        named_save(dir.path(), &p, b"%PDF-2", None, true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"%PDF-2");
        assert_eq!(names(dir.path()), ["n.pdf"]);
    }
}
