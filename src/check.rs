//! `mentorfolio check`: load and validate, print diagnostics and a one-line summary.

use std::time::Instant;

use crate::allow::Allowances;
use crate::console::{self, Globals};
use crate::diagnostics::{self, Diagnostic};
use crate::english::count;
use crate::journal::load::FileCounts;
use crate::journal::{self, Journal, PrivateLedger};
use crate::render::theme::Theme;
use crate::validate;

/// The result of loading and validating a journal: what every command starts from.
pub struct Checked {
    pub journal: Option<Journal>,
    pub diagnostics: Vec<Diagnostic>,
    pub ledger: PrivateLedger,
    pub files: FileCounts,
    /// Warnings acknowledged with `allow:`, left out of `diagnostics`.
    pub allowed: usize,
    /// The theme the configuration names, loaded beside the rules, or why it does not
    /// load; None when the journal did not load, or for commands that render nothing.
    pub theme: Option<Result<Theme, Vec<Diagnostic>>>,
}

/// Loads and validates the journal at `root`, without its drafts and without the theme:
/// what the commands that render no page start from.
pub fn check(root: &std::path::Path, today: chrono::NaiveDate) -> Checked {
    checked(root, today, false, false)
}

/// Loads and validates the journal at `root`, and loads its theme on another core while
/// the rules run (both only read the journal); its drafts are left out unless `drafts`,
/// as `build` leaves them out, so `check` and `build` report the same.
pub fn check_with(root: &std::path::Path, today: chrono::NaiveDate, drafts: bool) -> Checked {
    checked(root, today, drafts, true)
}

fn checked(
    root: &std::path::Path,
    today: chrono::NaiveDate,
    drafts: bool,
    with_theme: bool,
) -> Checked {
    let mut loaded = journal::load(root, today);
    let mut diags = loaded.diagnostics;
    let mut allowed = 0;
    let mut theme = None;
    if let Some(j) = &mut loaded.journal {
        if !drafts {
            diags.extend(journal::drafts::withhold(j));
        }
        let j = &*j;
        let (found, loaded) = rayon::join(
            || validate::validate(j),
            || with_theme.then(|| crate::render::theme::load(root, &j.config, &j.strings)),
        );
        diags.extend(found);
        theme = loaded;
        allowed = Allowances::of(j).apply(&mut diags);
    }
    diagnostics::sort(&mut diags);
    Checked {
        journal: loaded.journal,
        diagnostics: diags,
        ledger: loaded.ledger,
        files: loaded.files,
        allowed,
        theme,
    }
}

/// What `build` finds before it renders, beyond [`check`]: a theme that does not load and,
/// on a protected site, what the lock would refuse. Found in the same order as `build`
/// finds it, only once the journal itself has no error, so that the two report the same.
pub fn before_render(root: &std::path::Path, checked: &mut Checked) {
    let Some(j) = &checked.journal else {
        return;
    };
    let found = match &checked.theme {
        Some(Err(d)) => d.clone(),
        Some(Ok(_)) if checked.diagnostics.iter().any(Diagnostic::is_error) => Vec::new(),
        Some(Ok(theme)) if j.config.protect => crate::protect::preflight(root, j, theme),
        _ => Vec::new(),
    };
    checked.diagnostics.extend(found);
    diagnostics::sort(&mut checked.diagnostics);
}

pub fn run(g: &Globals, strict: bool, json: bool, drafts: bool) -> i32 {
    let started = Instant::now();
    let mut checked = check_with(&g.root, g.today, drafts);
    before_render(&g.root, &mut checked);
    let (errors, warnings) = diagnostics::count(&checked.diagnostics);
    if json {
        println!("{}", diagnostics::to_json(&checked.diagnostics));
    } else {
        g.report(&checked.diagnostics);
    }
    if !g.quiet {
        let FileCounts {
            goals,
            meetings,
            activities,
            private,
        } = checked.files;
        let private = if private > 0 {
            format!(" ({private} private)")
        } else {
            String::new()
        };
        let allowed = match checked.allowed {
            0 => String::new(),
            n => format!(", {n} allowed"),
        };
        let line = format!(
            "checked {}, {}, {}{private}: {}, {}{allowed} ({} ms)",
            count(goals, "goal"),
            count(meetings, "meeting"),
            count(activities, "activity/activities"),
            count(errors, "error"),
            count(warnings, "warning"),
            started.elapsed().as_millis()
        );
        if json {
            eprintln!("{line}")
        } else {
            println!("{line}")
        }
    }
    let status = if console::fails(&checked.diagnostics, strict) {
        console::FAILED
    } else {
        console::OK
    };
    // The process ends with this command: its exit returns the journal's memory at once,
    // where dropping it would free every string one by one (a tenth of the wall time at
    // 10,000 meetings).
    std::mem::forget(checked);
    status
}
