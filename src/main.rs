//! The `netliver` binary: the command line, or the desktop app when no subcommand is given.

use std::io::{self, Write};
use std::process::ExitCode;

use netliver::cli;

/// Writes an error to stderr; a closed or full stderr is not worth a panic.
fn report(msg: &dyn std::fmt::Display) {
    let _ = writeln!(io::stderr().lock(), "error: {msg}");
}

fn main() -> ExitCode {
    let cli = match cli::parse_args() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    if cli.command.is_none() {
        return match netliver::ui::run(cli.data.clone(), cli.exit_after_frames) {
            Ok(()) => ExitCode::SUCCESS,
            Err(msg) => {
                report(&msg);
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
