//! Validation: every rule of the journal format, each a small function over the [`Journal`],
//! one file per area. Rules only read the journal; they never stop at a first problem.

mod actions;
pub mod cadence;
mod examples;
mod goals;
mod meetings;
mod references;
mod replies;
mod tags;

use foldhash::{HashMap, HashSet};
use std::borrow::Cow;
use std::collections::BTreeSet;

use rayon::prelude::*;

use crate::diagnostics::{self, Code, Diagnostic};
use crate::journal::{Journal, Source};

/// A rule: the code it reports and the function that finds it.
pub type Rule = (Code, fn(&Journal, &mut Vec<Diagnostic>));

/// Every rule, in the order of the contract's table.
pub const RULES: &[Rule] = &[
    (Code::E005, references::e005_unknown_reference),
    (Code::E006, references::e006_duplicate_id),
    (Code::W101, goals::w101_no_benchmark),
    (Code::W102, goals::w102_no_target),
    (Code::W103, goals::w103_no_actions),
    (Code::W104, goals::w104_not_aligned),
    (Code::W201, meetings::w201_no_agenda),
    (Code::W202, meetings::w202_agenda_not_sent),
    (Code::W203, meetings::w203_no_outcomes),
    (Code::W204, meetings::w204_no_summary),
    (Code::W205, meetings::w205_short_notice),
    (Code::W206, meetings::w206_not_rescheduled),
    (Code::W207, cadence::w207_gap_too_long),
    (Code::W301, actions::w301_overdue_action),
    (Code::W302, actions::w302_commitment_not_followed_up),
    (Code::W303, actions::w303_action_without_owner_or_due),
    (Code::W401, actions::w401_suggestion_not_reflected),
    (Code::W502, goals::w502_benchmark_overdue),
    (Code::W503, meetings::w503_held_in_future),
    (Code::W504, meetings::w504_file_name_date),
    (Code::W505, replies::w505_no_reply_address),
    (Code::W506, examples::w506_still_an_example),
    (Code::W507, tags::w507_tag_spellings),
    (Code::W601, references::w601_broken_journal_link),
];

/// The rules about one meeting at a time: what each finds in a meeting depends on that
/// meeting, the configuration and today's date only, never on another document. `serve`
/// keeps their findings by meeting ([`Findings`]).
const PER_MEETING: &[Code] = &[
    Code::W201,
    Code::W202,
    Code::W203,
    Code::W204,
    Code::W205,
    Code::W206,
    Code::W301,
    Code::W302,
    Code::W303,
    Code::W503,
    Code::W504,
];

/// Runs every rule over the whole journal; diagnostics come back sorted by file and line.
/// The bodies' links (W601, the largest part) are read on every core, and the rules run
/// side by side, as [`validate_with`] runs them.
pub fn validate(journal: &Journal) -> Vec<Diagnostic> {
    let mut links = Links::default();
    links.update(journal, None);
    validate_with(journal, &links, None)
}

/// [`validate`], with the bodies' links to journal files (W601) taken from `links`, the
/// findings of the [`PER_MEETING`] rules from `findings` when given, and the rules run
/// side by side: `serve` waits for them before it tells open pages.
pub fn validate_with(
    journal: &Journal,
    links: &Links,
    findings: Option<&Findings>,
) -> Vec<Diagnostic> {
    let found: Vec<Vec<Diagnostic>> = RULES
        .par_iter()
        .map(|(code, rule)| {
            let mut out = Vec::new();
            if *code == Code::W601 {
                references::broken_links(journal, |s, body| links.of(s, body), &mut out);
            } else if findings.is_none() || !PER_MEETING.contains(code) {
                rule(journal, &mut out);
            }
            out
        })
        .collect();
    let mut out: Vec<Diagnostic> = found.into_iter().flatten().collect();
    if let Some(findings) = findings {
        out.extend(findings.by_file.values().flatten().cloned());
    }
    diagnostics::sort(&mut out);
    out
}

/// What the [`PER_MEETING`] rules found in each meeting, by meeting file. `serve` keeps
/// it between rebuilds, as it keeps [`Links`], so that a save runs those rules over the
/// meetings it changed only.
#[derive(Default)]
pub struct Findings {
    by_file: HashMap<String, Vec<Diagnostic>>,
}

impl Findings {
    /// Checks the meetings of `parsed` (None: every meeting) and those not checked yet;
    /// keeps the others' findings, unless `fresh_basis`: the configuration or the date
    /// may have changed, so every meeting is checked again. O(meetings) cheap steps plus
    /// the rules over the meetings checked. Returns how many meetings were checked.
    pub fn update(
        &mut self,
        j: &Journal,
        parsed: Option<&BTreeSet<String>>,
        fresh_basis: bool,
    ) -> usize {
        if fresh_basis || parsed.is_none() {
            self.by_file.clear();
        }
        let present: HashSet<&str> = j.meetings.iter().map(|m| m.source.file.as_str()).collect();
        self.by_file.retain(|file, _| {
            present.contains(file.as_str()) && parsed.is_none_or(|p| !p.contains(file))
        });
        let due: Vec<_> = j
            .meetings
            .iter()
            .filter(|m| !self.by_file.contains_key(&m.source.file))
            .cloned()
            .collect();
        let count = due.len();
        // The same journal with only the meetings to check: the rules read nothing else
        // of it but the configuration and the date.
        let some = Journal {
            config: j.config.clone(),
            plan: j.plan.clone(),
            goals: Vec::new(),
            meetings: due,
            activities: Vec::new(),
            today: j.today,
            unloaded_goals: Default::default(),
            examples: Default::default(),
            drafts: Default::default(),
            strings: j.strings.clone(),
        };
        for m in &some.meetings {
            self.by_file.insert(m.source.file.clone(), Vec::new());
        }
        let found: Vec<Vec<Diagnostic>> = RULES
            .par_iter()
            .filter(|(code, _)| PER_MEETING.contains(code))
            .map(|(_, rule)| {
                let mut out = Vec::new();
                rule(&some, &mut out);
                out
            })
            .collect();
        for d in found.into_iter().flatten() {
            self.by_file.entry(d.file.clone()).or_default().push(d);
        }
        count
    }
}

/// Each body's links to journal files, by journal file. `serve` keeps them between
/// rebuilds, so that a save parses again only the bodies it changed: reading every
/// body's Markdown is the largest part of validating.
#[derive(Default)]
pub struct Links {
    by_file: HashMap<String, Vec<(u32, String)>>,
}

impl Links {
    /// Reads the links of the bodies of `parsed` (None: of every body) and of the plan,
    /// which is read on every load; keeps the others. O(documents + changed bodies).
    /// Returns how many bodies were read.
    pub fn update(&mut self, j: &Journal, parsed: Option<&BTreeSet<String>>) -> usize {
        let present: HashSet<&str> = j.documents().map(|(s, _)| s.file.as_str()).collect();
        self.by_file.retain(|file, _| {
            present.contains(file.as_str())
                && file != crate::journal::load::PLAN_FILE
                && parsed.is_some_and(|p| !p.contains(file))
        });
        let fresh: Vec<(&Source, &str)> = j
            .documents()
            .filter(|(s, _)| !self.by_file.contains_key(&s.file))
            .collect();
        let read: Vec<(String, Vec<(u32, String)>)> = fresh
            .par_iter()
            .map(|(s, body)| (s.file.clone(), references::journal_links(&s.file, body)))
            .collect();
        let count = read.len();
        self.by_file.extend(read);
        count
    }

    fn of<'a>(&'a self, source: &Source, body: &str) -> Cow<'a, [(u32, String)]> {
        match self.by_file.get(&source.file) {
            Some(links) => Cow::Borrowed(links),
            None => Cow::Owned(references::journal_links(&source.file, body)),
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Small journals built in code, so each rule is tested on exactly what it reads.
    use std::sync::Arc;

    use chrono::NaiveDate;

    use crate::journal::*;

    pub fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    pub fn source(file: &str, keys: &[(&str, u32)]) -> Source {
        let keys: crate::journal::yaml::KeyMap = keys.iter().map(|(k, l)| (k, (*l, 1))).collect();
        Source {
            file: file.into(),
            keys: Arc::new(keys),
            start_line: 1,
            body_line: 20,
        }
    }

    pub fn journal() -> Journal {
        let src = source("mentorfolio.yaml", &[]);
        Journal {
            config: Config {
                title: "T".into(),
                mentee: Person {
                    name: "Ada".into(),
                    email: None,
                    id: None,
                },
                mentor: Person {
                    name: "Grace".into(),
                    email: None,
                    id: None,
                },
                co_mentors: Vec::new(),
                base_url: "/".into(),
                theme: "default".into(),
                timezone: chrono_tz::UTC,
                language: "en".into(),
                start: Some(date("2026-01-05")),
                cadence: Cadence::default(),
                meeting_length: 60,
                follow_up_days: 7,
                feeds: true,
                cname: None,
                safe_html: false,
                protect: false,
                indexable: false,
                search: true,
                repository: None,
                allow: Default::default(),
                source: src,
            },
            plan: Plan {
                objective: "Grow".into(),
                horizon: None,
                objectives: vec![],
                body: String::new(),
                allow: Default::default(),
                source: source("plan.md", &[]),
            },
            goals: vec![],
            meetings: vec![],
            activities: vec![],
            today: date("2026-03-01"),
            unloaded_goals: Default::default(),
            examples: Default::default(),
            drafts: Default::default(),
            strings: crate::i18n::Strings::english(),
        }
    }

    pub fn goal(id: &str) -> Goal {
        Goal {
            id: id.into(),
            title: "A goal".into(),
            objective: None,
            status: GoalStatus::Active,
            started: None,
            target: Some(date("2026-06-01")),
            benchmarks: vec![Benchmark {
                title: "B".into(),
                due: Some(date("2026-05-01")),
                done: None,
                line: 6,
            }],
            actions: vec!["Do it".into()],
            tags: vec![],
            draft: false,
            body: String::new(),
            allow: Default::default(),
            source: source(
                &format!("goals/{id}.md"),
                &[("title", 2), ("benchmarks", 5), ("benchmarks.0", 6)],
            ),
        }
    }

    pub fn meeting(day: &str) -> Meeting {
        Meeting {
            slug: day.into(),
            date: date(day),
            time: None,
            duration: 60,
            duration_given: false,
            planned_duration: None,
            status: MeetingStatus::Held,
            goals: vec![],
            agenda: vec!["Talk".into()],
            agenda_sent: Some(date(day)),
            outcomes: vec!["Decided".into()],
            actions: vec![],
            commitments: vec![],
            suggestions: vec![],
            feedback_given: vec![],
            summary_sent: Some(date(day)),
            cancellation: None,
            tags: vec![],
            draft: false,
            body: String::new(),
            allow: Default::default(),
            source: source(
                &format!("meetings/{day}.md"),
                &[
                    ("date", 2),
                    ("status", 3),
                    ("agenda_sent", 4),
                    ("goals", 5),
                    ("goals.0", 5),
                    ("cancellation", 9),
                ],
            ),
        }
    }

    pub fn action(task: &str, owner: Owner, due: &str, done: Option<&str>) -> ActionItem {
        ActionItem {
            task: task.into(),
            owner: Some(owner),
            due: Some(date(due)),
            done: done.map(date),
            goal: None,
            line: 7,
        }
    }

    pub fn run(
        rule: fn(&Journal, &mut Vec<crate::diagnostics::Diagnostic>),
        j: &Journal,
    ) -> Vec<(String, String, u32)> {
        let mut out = Vec::new();
        rule(j, &mut out);
        out.into_iter()
            .map(|d| (d.code.to_string(), d.file, d.line.unwrap_or(0)))
            .collect()
    }
}
