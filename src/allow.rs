//! `allow:`, the acknowledged warnings: applied once, after validation, over every
//! diagnostic, so that `check`, `build` and `serve` silence the same ones.

use std::collections::BTreeMap;

use crate::diagnostics::{Code, Diagnostic};
use crate::journal::{Allow, Journal};

/// The allowances of each file, and of the whole journal (`mentorfolio.yaml`).
pub struct Allowances<'a> {
    journal: &'a Allow,
    files: BTreeMap<&'a str, &'a Allow>,
}

impl<'a> Allowances<'a> {
    pub fn of(j: &'a Journal) -> Self {
        let docs = j
            .goals
            .iter()
            .map(|g| (&g.source, &g.allow))
            .chain(j.meetings.iter().map(|m| (&m.source, &m.allow)))
            .chain(j.activities.iter().map(|a| (&a.source, &a.allow)))
            .chain([(&j.plan.source, &j.plan.allow)]);
        Allowances {
            journal: &j.config.allow,
            files: docs
                .filter(|(_, a)| !a.0.is_empty())
                .map(|(s, a)| (s.file.as_str(), a))
                .collect(),
        }
    }

    /// Whether the warning `code` in `file` was acknowledged.
    pub fn allows(&self, code: Code, file: &str) -> bool {
        self.journal.0.contains_key(&code)
            || self
                .files
                .get(file)
                .is_some_and(|a| a.0.contains_key(&code))
    }

    /// Drops the acknowledged warnings from `diags` (never an error, nor a complaint about
    /// `allow:` itself) and returns how many were dropped.
    pub fn apply(&self, diags: &mut Vec<Diagnostic>) -> usize {
        let before = diags.len();
        diags.retain(|d| d.is_error() || about_allow(d) || !self.allows(d.code, &d.file));
        before - diags.len()
    }
}

/// A warning about `allow:` itself, which allowing W501 must not hide.
fn about_allow(d: &Diagnostic) -> bool {
    d.code == Code::W501 && d.message.starts_with("`allow:`")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Location;
    use crate::validate::testing::*;

    fn warning(code: Code, file: &str) -> Diagnostic {
        Diagnostic::new(code, Location::file(file), "m", "h")
    }

    #[test]
    fn a_files_allowance_silences_that_file_only_and_the_configs_everywhere() {
        let mut j = journal();
        let mut m = meeting("2026-01-26");
        m.allow.0.insert(Code::W207, Some("mentor on leave".into()));
        j.meetings = vec![meeting("2026-01-05"), m]
            .into_iter()
            .map(Into::into)
            .collect();
        j.config.allow.0.insert(Code::W204, None);
        let mut diags = vec![
            warning(Code::W207, "meetings/2026-01-26.md"),
            warning(Code::W207, "meetings/2026-01-05.md"),
            warning(Code::W204, "meetings/2026-01-05.md"),
            Diagnostic::new(Code::E004, Location::file("mentorfolio.yaml"), "m", "h"),
        ];
        assert_eq!(Allowances::of(&j).apply(&mut diags), 2);
        let left: Vec<_> = diags.iter().map(|d| (d.code, d.file.as_str())).collect();
        assert_eq!(
            left,
            [
                (Code::W207, "meetings/2026-01-05.md"),
                (Code::E004, "mentorfolio.yaml")
            ]
        );
    }
}
