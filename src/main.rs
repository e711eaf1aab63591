//! The `netliver` binary: the command line, or the desktop app when no subcommand is given.

use std::io;
use std::process::ExitCode;

use clap::CommandFactory;
use netliver::cli;

fn main() -> ExitCode {
    let cli = match cli::parse_args() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    if cli.command.is_none() {
        // The desktop app is not built yet: show what the command line can do.
        let _ = cli::Cli::command().print_help();
        return ExitCode::SUCCESS;
    }
    match cli::run(&cli, &mut io::stdout().lock(), &mut io::stderr().lock()) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
