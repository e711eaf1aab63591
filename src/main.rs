//! The `netliver` binary: the command line, or the desktop app when no subcommand is given.

use std::io;
use std::process::ExitCode;

use netliver::cli;

fn main() -> ExitCode {
    let cli = match cli::parse_args() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    if cli.command.is_none() {
        return match netliver::ui::run(cli.data.clone(), cli.exit_after_frames) {
            Ok(()) => ExitCode::SUCCESS,
            Err(msg) => {
                eprintln!("error: {msg}");
                ExitCode::from(1)
            }
        };
    }
    match cli::run(&cli, &mut io::stdout().lock(), &mut io::stderr().lock()) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
