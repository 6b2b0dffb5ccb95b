//! `mentorfolio check`: load and validate, print diagnostics and a one-line summary.

use std::time::Instant;

use crate::allow::Allowances;
use crate::console::{self, Globals};
use crate::diagnostics::{self, Diagnostic};
use crate::english::count;
use crate::journal::load::FileCounts;
use crate::journal::{self, Journal, PrivateLedger};
use crate::validate;

/// The result of loading and validating a journal: what every command starts from.
pub struct Checked {
    pub journal: Option<Journal>,
    pub diagnostics: Vec<Diagnostic>,
    pub ledger: PrivateLedger,
    pub files: FileCounts,
    /// Warnings acknowledged with `allow:`, left out of `diagnostics`.
    pub allowed: usize,
}

/// Loads and validates the journal at `root`.
pub fn check(root: &std::path::Path, today: chrono::NaiveDate) -> Checked {
    let loaded = journal::load(root, today);
    let mut diags = loaded.diagnostics;
    let mut allowed = 0;
    if let Some(j) = &loaded.journal {
        diags.extend(validate::validate(j));
        allowed = Allowances::of(j).apply(&mut diags);
    }
    diagnostics::sort(&mut diags);
    Checked {
        journal: loaded.journal,
        diagnostics: diags,
        ledger: loaded.ledger,
        files: loaded.files,
        allowed,
    }
}

pub fn run(g: &Globals, strict: bool, json: bool) -> i32 {
    let started = Instant::now();
    let checked = check(&g.root, g.today);
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
    if console::fails(&checked.diagnostics, strict) {
        console::FAILED
    } else {
        console::OK
    }
}
