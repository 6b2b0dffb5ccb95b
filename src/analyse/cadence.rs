//! Cadence adherence: each gap between consecutive held meetings against the rhythm in force.

use crate::journal::{Journal, Meeting};
use crate::validate::cadence::{allowed_gap, held_pairs};

/// The time between two consecutive held meetings.
#[derive(Clone, Copy, Debug)]
pub struct Gap<'a> {
    pub from: &'a Meeting,
    pub to: &'a Meeting,
    pub days: i64,
    /// The planned gap of the cadence in force at the later meeting.
    pub planned: i64,
    /// The planned gap plus half of it: the most the checklist accepts.
    pub allowed: i64,
    pub within: bool,
}

pub fn gaps(j: &Journal) -> Vec<Gap<'_>> {
    held_pairs(j)
        .map(|(from, to)| {
            let days = (to.date - from.date).num_days();
            let allowed = allowed_gap(j, to.date);
            Gap {
                from,
                to,
                days,
                planned: j.config.cadence.on(to.date).days(),
                allowed,
                within: days <= allowed,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::*;

    #[test]
    fn gaps_are_judged_against_cadence_plus_half() {
        let mut j = journal();
        j.meetings = vec![
            meeting("2026-01-05"),
            meeting("2026-01-15"),
            meeting("2026-01-26"),
        ];
        let got: Vec<_> = gaps(&j).iter().map(|g| (g.days, g.within)).collect();
        assert_eq!(got, [(10, true), (11, false)]);
    }
}
