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

fn main() -> ExitCode {
    if std::env::args_os().len() > 1 {
        netliver::platform::attach_parent_console();
    }
    let cli = match cli::parse_args() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    if cli.command.is_none() {
        return match netliver::ui::run(cli.run_options()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(msg) => {
                report(&msg);
                netliver::platform::show_start_error(&msg);
                ExitCode::from(1)
            }
        };
    }
    match cli::run(&cli, &mut io::stdout().lock(), &mut io::stderr().lock()) {
        Ok(code) => ExitCode::from(code),
        // The reader went away (`netliver assess --json | head`): nothing left to say.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            report(&e);
            ExitCode::from(1)
        }
    }
}
