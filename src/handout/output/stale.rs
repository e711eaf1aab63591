//! Nothing of the patient's outlives the process: temporary files of a save that did not
//! finish are removed by a SIGTERM/SIGINT/SIGHUP handler before the process ends, and at
//! the next start when the process was killed outright (SIGKILL, a power cut).
//!
//! For the next start to find them, a save that writes a named temporary file leaves a
//! small entry in the user's own state folder while it runs (`…/netliver/saving/PID-N`,
//! holding the folder the handout is saved in, never a name or anything of the patient),
//! removed when the save ends.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Temporary files being written now, for the signal handler.
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The prefix of this process's temporary files: `.netliver-PID-`.
pub fn temp_prefix() -> String {
    format!(".netliver-{}-", std::process::id())
}

/// Where entries of saves in progress live: `NETLIVER_STATE_DIR` (tests), else the user's
/// local data folder.
fn state_dir() -> Option<PathBuf> {
    std::env::var_os("NETLIVER_STATE_DIR")
        .map(PathBuf::from)
        .or_else(|| dirs::data_local_dir().map(|d| d.join("netliver")))
        .map(|d| d.join("saving"))
}

/// A save in progress: its entry in the state folder and its temporary file, both
/// forgotten when it is dropped (the temporary file by then renamed into place or
/// removed by `tempfile`).
pub struct Saving {
    entry: Option<PathBuf>,
    temp: Mutex<Option<PathBuf>>,
}

impl Saving {
    /// Registers a save into `dir`. Without a state folder (a read-only home) the save
    /// goes on; only the next start's clean-up after a SIGKILL is then not possible.
    pub fn begin(dir: &Path) -> io::Result<Saving> {
        static N: AtomicU64 = AtomicU64::new(0);
        let entry = state_dir().and_then(|state| {
            std::fs::create_dir_all(&state).ok()?;
            let name = format!(
                "{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed)
            );
            let path = state.join(name);
            let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .ok()?;
            use std::io::Write;
            f.write_all(abs.as_os_str().as_encoded_bytes()).ok()?;
            Some(path)
        });
        Ok(Saving {
            entry,
            temp: Mutex::new(None),
        })
    }

    /// The temporary file this save writes, for the signal handler.
    pub fn holds(&self, temp: &Path) {
        if let Ok(mut t) = self.temp.lock() {
            *t = Some(temp.to_path_buf());
        }
        if let Ok(mut all) = IN_FLIGHT.lock() {
            all.push(temp.to_path_buf());
        }
    }
}

impl Drop for Saving {
    fn drop(&mut self) {
        if let Ok(Some(temp)) = self.temp.lock().map(|t| t.clone())
            && let Ok(mut all) = IN_FLIGHT.lock()
        {
            all.retain(|p| *p != temp);
        }
        if let Some(entry) = &self.entry {
            let _ = std::fs::remove_file(entry);
        }
    }
}

/// Whether a file belongs to this user (on Windows, every file the user can open).
pub fn is_mine(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.uid() == rustix::process::geteuid().as_raw()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        true
    }
}

/// Whether the process `pid` still runs.
pub fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(raw) = i32::try_from(pid) else {
            return false;
        };
        let Some(pid) = rustix::process::Pid::from_raw(raw) else {
            return false;
        };
        !matches!(
            rustix::process::test_kill_process(pid),
            Err(rustix::io::Errno::SRCH)
        )
    }
    #[cfg(not(unix))]
    {
        // No cheap check here: `sweep` removes another process's entry once it is an hour
        // old.
        pid == std::process::id()
    }
}

/// Removes the temporary files of saves whose process has ended: at start, by the app and
/// by the command line.
pub fn sweep() {
    if let Some(state) = state_dir() {
        sweep_in(&state);
    }
}

fn sweep_in(state: &Path) {
    let Ok(entries) = std::fs::read_dir(state) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.split('-').next())
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > 3600);
        let gone = if cfg!(unix) {
            !alive(pid)
        } else {
            pid != std::process::id() && old
        };
        if !gone {
            continue;
        }
        if let Ok(bytes) = std::fs::read(entry.path()) {
            remove_temps_of(&path_of(bytes), pid);
        }
        let _ = std::fs::remove_file(entry.path());
    }
}

/// The folder an entry names (written from an `OsStr` by [`Saving::begin`]).
fn path_of(bytes: Vec<u8>) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        PathBuf::from(std::ffi::OsString::from_vec(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// Removes `.netliver-PID-*.tmp` in `dir` that belong to this user.
fn remove_temps_of(dir: &Path, pid: u32) {
    let prefix = format!(".netliver-{pid}-");
    let Ok(files) = std::fs::read_dir(dir) else {
        return;
    };
    for f in files.flatten() {
        let ours = f
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".tmp"));
        let Ok(meta) = std::fs::symlink_metadata(f.path()) else {
            continue;
        };
        if ours && meta.is_file() && is_mine(&meta) {
            let _ = std::fs::remove_file(f.path());
        }
    }
}

/// Removes what this process has in flight: temporary files and print folders. Called by
/// the signal handler, and safe to call at any time.
pub fn remove_in_flight() {
    if let Ok(all) = IN_FLIGHT.lock() {
        for p in all.iter() {
            let _ = std::fs::remove_file(p);
        }
    }
    super::clean_up();
}

/// On Unix: a SIGTERM, SIGINT or SIGHUP first removes what a save or a print has in flight,
/// then ends the process as the signal would have. Call once, at start.
pub fn install_signal_cleanup() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("netliver-signals".to_owned())
            .spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    remove_in_flight();
                    let _ = signal_hook::low_level::emulate_default_handler(sig);
                    std::process::exit(128 + sig);
                }
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dead_processs_temp_files_are_removed_and_a_live_ones_kept() {
        let state = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let target = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        // A process id that cannot be running: beyond any pid_max.
        let dead = 99_999_999u32;
        let me = std::process::id();
        for (pid, n) in [(dead, 0), (me, 1)] {
            std::fs::write(
                state.path().join(format!("{pid}-{n}")),
                target.path().as_os_str().as_encoded_bytes(),
            )
            .unwrap_or_else(|e| panic!("{e}"));
            std::fs::write(
                target.path().join(format!(".netliver-{pid}-abc.tmp")),
                b"%PDF- Jens Hansen",
            )
            .unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(target.path().join("handout.pdf"), b"%PDF-")
            .unwrap_or_else(|e| panic!("{e}"));
        sweep_in(state.path());
        let left: Vec<String> = std::fs::read_dir(target.path())
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            !left.contains(&format!(".netliver-{dead}-abc.tmp")),
            "{left:?}"
        );
        assert!(
            left.contains(&format!(".netliver-{me}-abc.tmp")),
            "{left:?}"
        );
        assert!(left.contains(&"handout.pdf".to_owned()));
        assert!(!state.path().join(format!("{dead}-0")).exists());
    }
}
