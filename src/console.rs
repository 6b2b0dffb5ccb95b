//! What every command shares once the arguments are parsed: the options, the exit
//! statuses and the way problems are printed. It lives in the library, not in `cli.rs`,
//! so the commands can be called without the command line.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use codespan_reporting::term::termcolor::{BufferedStandardStream, ColorChoice};

use crate::diagnostics::{self, Diagnostic};

/// Exit status: success.
pub const OK: i32 = 0;
/// Exit status: the journal has errors (or warnings under `--strict`).
pub const FAILED: i32 = 1;
/// Exit status: bad usage.
pub const USAGE: i32 = 2;

/// Options every command shares.
pub struct Globals {
    /// The journal's folder.
    pub root: PathBuf,
    /// The date that "past due" and "in the future" are judged against.
    pub today: NaiveDate,
    /// Print only diagnostics and errors.
    pub quiet: bool,
    /// Whether diagnostics on standard error are coloured.
    pub color: ColorChoice,
}

impl Globals {
    /// Prints diagnostics rustc-style on standard error.
    pub fn report(&self, diags: &[Diagnostic]) {
        // Buffered: a diagnostic is written in dozens of small pieces, and a journal with
        // thousands of them spent seconds in system calls.
        let mut err = BufferedStandardStream::stderr(self.color);
        let _ = diagnostics::emit(&mut err, &self.root, diags);
        let _ = err.flush();
    }
}

/// Whether these diagnostics fail the command.
pub fn fails(diags: &[Diagnostic], strict: bool) -> bool {
    let (errors, warnings) = diagnostics::count(diags);
    errors > 0 || (strict && warnings > 0)
}
