//! Analysis: what the site shows beyond what the mentee wrote. Plain functions over a
//! [`Journal`], each testable on its own; [`analyse`] runs them all once per build.

pub mod actions;
pub mod cadence;
pub mod checklist;
pub mod goals;
pub mod next;
pub mod phrase;
pub mod progress;
pub mod review;
pub mod timeline;

use crate::journal::{Journal, MeetingStatus};

pub use actions::{ActionRef, ActionState, CommitmentRef};
pub use cadence::{Gap, Week, WeekState};
pub use checklist::ChecklistItem;
pub use goals::GoalRefs;
pub use phrase::{Phrase, Value};
pub use progress::{BenchmarkPoint, BenchmarkState, Progress};
pub use review::Review;
pub use timeline::{Event, EventKind, MonthProgress};

/// Everything derived from a journal, computed once and borrowed by every page.
pub struct Analysis<'a> {
    pub actions: Vec<ActionRef<'a>>,
    /// The same items owner by owner, as the action items page lists them.
    pub actions_by_owner: Vec<ActionRef<'a>>,
    /// Items by owner ([`actions::owner_rank`]) and state.
    pub action_counts: Vec<[usize; 3]>,
    pub commitments: Vec<CommitmentRef<'a>>,
    pub gaps: Vec<Gap<'a>>,
    /// One entry a week from the start to today.
    pub weeks: Vec<Week>,
    pub checklist: Vec<ChecklistItem>,
    pub review: Review<'a>,
    pub timeline: Vec<Event<'a>>,
    pub monthly: Vec<MonthProgress>,
    pub totals: Totals,
    /// What names each goal, by goal id.
    pub by_goal: foldhash::HashMap<&'a str, GoalRefs<'a>>,
}

/// Whole-journal figures that every page of a long list shows, worked out once so that a
/// list of P pages costs O(entries) in all rather than O(P × entries).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Totals {
    pub held: usize,
    pub planned: usize,
    pub cancelled: usize,
    /// Gaps between held meetings within the cadence.
    pub gaps_within: usize,
    /// Hours of all activities, added in journal order.
    pub activity_hours: f64,
}

impl Totals {
    fn of(j: &Journal, gaps: &[Gap]) -> Totals {
        let mut t = Totals {
            gaps_within: gaps.iter().filter(|g| g.within).count(),
            activity_hours: j.activities.iter().filter_map(|a| a.hours).sum(),
            ..Totals::default()
        };
        for m in &j.meetings {
            match m.status {
                MeetingStatus::Held => t.held += 1,
                MeetingStatus::Planned => t.planned += 1,
                MeetingStatus::Cancelled => t.cancelled += 1,
            }
        }
        t
    }
}

/// Runs every analysis. `private_passages` is the number of private passages the loader
/// removed, for the confidentiality item of the checklist.
///
/// Each analysis is O(n log n) at most in the size of what it reads (most sort once), so
/// the whole is linear in the journal but for the sorts. The one product of two sizes is
/// the checklist's "progress monitored", each active goal against the held meetings
/// (goals × meetings), which stays small while goals are few.
/// The two halves run side by side: `serve` waits for the analysis before it tells open
/// pages about a change.
pub fn analyse(j: &Journal, private_passages: usize) -> Analysis<'_> {
    let mentors = j.config.mentors().count();
    let ((all_actions, actions_by_owner, by_goal, commitments, review), (gaps, weeks, checklist)) =
        rayon::join(
            || {
                let all_actions = actions::all_actions(j);
                let actions_by_owner = actions::by_owner(&all_actions, mentors);
                let by_goal = goals::by_goal(j, &all_actions);
                let commitments = actions::open_commitments(j);
                let review = review::since_last_meeting(j, &all_actions);
                (all_actions, actions_by_owner, by_goal, commitments, review)
            },
            || {
                let checklist = checklist::scorecard(j, private_passages);
                (cadence::gaps(j), cadence::weeks(j), checklist)
            },
        );
    let (monthly, timeline) = rayon::join(|| timeline::monthly_progress(j), || timeline::events(j));
    Analysis {
        action_counts: actions::counts_by_owner(&actions_by_owner, mentors),
        actions_by_owner,
        actions: all_actions,
        commitments,
        totals: Totals::of(j, &gaps),
        by_goal,
        gaps,
        weeks,
        checklist,
        review,
        timeline,
        monthly,
    }
}

/// The first day of each month from the month of `from` to the month of `to`, inclusive.
pub fn months(from: chrono::NaiveDate, to: chrono::NaiveDate) -> Vec<chrono::NaiveDate> {
    use chrono::Datelike;
    let mut out = Vec::new();
    let (mut y, mut m) = (from.year(), from.month());
    while (y, m) <= (to.year(), to.month()) {
        if let Some(d) = chrono::NaiveDate::from_ymd_opt(y, m, 1) {
            out.push(d);
        }
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// When the mentoring began: `start`, or else the first meeting, or else today.
pub fn start_of(j: &Journal) -> chrono::NaiveDate {
    j.config
        .start
        .or(j.meetings.first().map(|m| m.date))
        .unwrap_or(j.today)
}

/// `part` of `whole` as a whole percentage, rounded to the nearest (2 of 3 is 67 %), but
/// never 100 % before all is done nor 0 % once something is.
pub fn percent(part: usize, whole: usize) -> u32 {
    if whole == 0 {
        return 0;
    }
    let rounded = ((part * 200 + whole) / (whole * 2)) as u32;
    match part {
        0 => 0,
        p if p >= whole => rounded,
        _ => rounded.clamp(1, 99),
    }
}
