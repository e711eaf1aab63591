//! The `netliver` binary: the command line, or the desktop app when no subcommand is given.

// On Windows the release program is a window program: started from Explorer or the Start
// menu, no console window opens behind it. Started from a shell with arguments, it borrows
// that shell's console (`platform::attach_parent_console`).
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use std::io::{self, Write};
use std::process::ExitCode;

use netliver::cli;

/// Writes an error to stderr; a closed or full stderr is not worth a panic.
fn report(msg: &dyn std::fmt::Display) {
    let _ = writeln!(io::stderr().lock(), "error: {msg}");
}

/// Whether standard output was closed when netliver started (`netliver list >&-`).
///
/// Rust's runtime reopens a closed descriptor 0-2 on `/dev/null` for reading and writing
/// before `main`, so every write would vanish in silence. A shell's `>/dev/null` opens it for
/// writing only; `/dev/null` open for both on descriptor 1 is the runtime's stand-in.
fn stdout_is_closed() -> bool {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsFd;
        use std::os::unix::fs::MetadataExt;
        let out = io::stdout();
        let fd = out.as_fd();
        let Ok(flags) = rustix::fs::fcntl_getfl(fd) else {
            return true;
        };
        let Ok(null) = std::fs::metadata("/dev/null") else {
            return false;
        };
        let Ok(stat) = rustix::fs::fstat(fd) else {
            return true;
        };
        // `st_rdev` is not u64 on every Linux target.
        #[allow(clippy::useless_conversion)]
        let rdev = u64::from(stat.st_rdev);
        flags.contains(rustix::fs::OFlags::RDWR)
            && rdev == null.rdev()
            && rustix::fs::FileType::from_raw_mode(stat.st_mode)
                == rustix::fs::FileType::CharacterDevice
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

fn main() -> ExitCode {
    if std::env::args_os().len() > 1 {
        netliver::platform::attach_parent_console();
    }
    // Nothing of a patient outlives the process: a signal removes a save in flight, and
    // what a killed run left is removed now.
    netliver::handout::output::stale::install_signal_cleanup();
    netliver::handout::output::stale::sweep();
    netliver::handout::output::remove_stale_spools();
    let cli = match cli::parse_args() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    if cli.command.is_none() {
        let options = match cli.run_options() {
            Ok(o) => o,
            Err(msg) => {
                report(&msg);
                return ExitCode::from(netliver::cli::EXIT_USAGE);
            }
        };
        return match netliver::ui::run(options) {
            Ok(()) => ExitCode::SUCCESS,
            Err(msg) => {
                report(&msg);
                netliver::platform::show_start_error(&msg);
                ExitCode::from(1)
            }
        };
    }
    // A closed standard output would swallow every word in silence (Rust ignores writes to
    // a closed descriptor): say so and stop.
    if stdout_is_closed() {
        report(
            &"standard output is closed: nothing could be printed; run the command without `>&-`",
        );
        return ExitCode::from(1);
    }
    let mut out = io::stdout().lock();
    let result = cli::run(&cli, &mut out, &mut io::stderr().lock())
        .and_then(|code| out.flush().map(|()| code));
    match result {
        Ok(code) => ExitCode::from(code),
        // The reader went away (`netliver assess --json | head`): it has what it wanted.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            report(&format!("cannot write the output: {e}"));
            ExitCode::from(1)
        }
    }
}
