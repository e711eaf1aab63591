//! The console face of netliver on Windows, shipped as `netliver.com` beside `netliver.exe`.
//!
//! `netliver.exe` is a window program (no console window opens behind the app), so cmd.exe
//! and PowerShell do not wait for it and never see its exit code. Typed in a console,
//! `netliver assess ...` finds `netliver.com` first (PATHEXT lists .COM before .EXE): this
//! small console program runs `netliver.exe` beside it with the same arguments and the
//! console's input and output, waits, and returns its exit code. Without arguments it only
//! starts the app and returns, so the console is not held while the window is open.
//!
//! It runs the sibling `netliver` on any system, which is how it is tested on Linux.

use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let sibling = match std::env::current_exe() {
        Ok(me) => me.with_file_name(format!("netliver{}", std::env::consts::EXE_SUFFIX)),
        Err(e) => return fail(&format!("cannot tell where this program is: {e}")),
    };
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    let mut cmd = Command::new(&sibling);
    cmd.args(&args);
    if args.is_empty() {
        // The app: started and left to run.
        return match cmd.spawn() {
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => fail(&format!("cannot start {}: {e}", sibling.display())),
        };
    }
    match cmd.status() {
        // netliver's codes are 0, 1 and 2; anything else (a crash) still reads as failure.
        Ok(status) => match status.code() {
            Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
            None => ExitCode::from(1),
        },
        Err(e) => fail(&format!("cannot start {}: {e}", sibling.display())),
    }
}

fn fail(msg: &str) -> ExitCode {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "error: {msg}");
    ExitCode::from(1)
}
