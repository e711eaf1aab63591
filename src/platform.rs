//! What differs between operating systems, in one place: the console of a Windows program
//! started from a shell, the Windows print verb, and where documents live. The only
//! `unsafe` code of netliver is here, in two small Windows calls.

use std::path::{Path, PathBuf};

/// Where handouts are saved when the system has no file dialog: the user's Documents
/// folder as the system knows it (on Windows the known folder, which IT may have moved to
/// OneDrive or a network share), else home, else the temporary folder.
pub fn documents_folder() -> PathBuf {
    dirs::document_dir()
        .filter(|d| d.is_dir())
        .or_else(|| dirs::home_dir().filter(|h| h.is_dir()))
        .unwrap_or_else(std::env::temp_dir)
}

/// On Windows, a program built for the window (no console of its own) that was started
/// from cmd.exe or PowerShell with a command borrows that shell's console, so its output
/// and errors appear there. Elsewhere, and when output is redirected, nothing to do.
#[cfg(windows)]
pub fn attach_parent_console() {
    use std::os::windows::io::AsRawHandle;
    // Redirected to a file or a pipe: the handles the parent gave already work.
    if !std::io::stdout().as_raw_handle().is_null() && !std::io::stderr().as_raw_handle().is_null()
    {
        return;
    }
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    // SAFETY: takes a process id and no pointers; without a parent console (started from
    // Explorer) it fails, which is what we want.
    #[allow(unsafe_code)]
    let _ = unsafe { AttachConsole(ATTACH_PARENT_PROCESS) };
}

#[cfg(not(windows))]
pub fn attach_parent_console() {}

/// Hands a file to the Windows print verb of its registered application. Fails where none
/// registers one (Edge, the default PDF viewer, does not): the caller then opens the PDF.
#[cfg(windows)]
pub fn print_verb(file: &Path) -> Result<(), String> {
    use std::os::windows::ffi::OsStrExt;
    use windows_sys::Win32::UI::Shell::ShellExecuteW;
    use windows_sys::Win32::UI::WindowsAndMessaging::SW_HIDE;
    let wide = |s: &std::ffi::OsStr| {
        s.encode_wide()
            .chain(std::iter::once(0))
            .collect::<Vec<u16>>()
    };
    let verb = wide(std::ffi::OsStr::new("print"));
    let path = wide(file.as_os_str());
    // SAFETY: both strings are NUL-terminated UTF-16 that live across the call; the other
    // pointers are null, which the function allows.
    #[allow(unsafe_code)]
    let code = unsafe {
        ShellExecuteW(
            std::ptr::null_mut(),
            verb.as_ptr(),
            path.as_ptr(),
            std::ptr::null(),
            std::ptr::null(),
            SW_HIDE,
        )
    } as isize;
    if code > 32 {
        Ok(())
    } else {
        Err(format!(
            "no program offers to print PDF files (ShellExecute code {code})"
        ))
    }
}

#[cfg(not(windows))]
pub fn print_verb(_file: &Path) -> Result<(), String> {
    Err("the print verb exists only on Windows".to_owned())
}

/// Shows an error that stopped the window from opening. On Windows the program has no
/// console when started from the Start menu, so the message appears in a dialog too.
pub fn show_start_error(msg: &str) {
    #[cfg(windows)]
    {
        let _ = rfd::MessageDialog::new()
            .set_title("netliver")
            .set_description(msg)
            .set_level(rfd::MessageLevel::Error)
            .show();
    }
    let _ = msg;
}
