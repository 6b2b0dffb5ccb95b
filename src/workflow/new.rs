//! `mentorfolio new goal|meeting|activity`: a new file from a template, at the path the
//! journal format expects, never over an existing one. A new meeting comes prepared: its
//! agenda already holds what is open from earlier sessions. The comments that explain the
//! fields are in the journal's language; the keys and values stay as the format spells them.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use super::{agenda, fill, slugify, yaml_string};
use crate::console::{self, Globals};
use crate::i18n::Arg;
use crate::journal::{Journal, MeetingStatus};

const GOAL: &str = include_str!("templates/goal.md");
const MEETING: &str = include_str!("templates/meeting.md");
const ACTIVITY: &str = include_str!("templates/activity.md");

/// What `new` creates.
pub enum NewFile {
    Goal {
        title: String,
    },
    Meeting {
        date: Option<NaiveDate>,
        title: Option<String>,
    },
    Activity {
        title: String,
        date: Option<NaiveDate>,
        kind: String,
    },
}

/// A file to write: where, relative to the journal root, and what.
pub struct Planned {
    pub path: String,
    pub slug: String,
    pub text: String,
}

/// The goal file for `title`.
pub fn goal(j: &Journal, title: &str) -> Result<Planned, String> {
    let slug = slug_of(title)?;
    let objective = if j.plan.objectives.is_empty() {
        String::new()
    } else {
        let ids: Vec<&str> = j.plan.objectives.iter().map(|o| o.id.as_str()).collect();
        format!(
            "# {}\n# objective: {}\n",
            note(j, "new.goal.objective", &[("ids", &ids.join(", "))]),
            ids[0]
        )
    };
    let today = j.today.to_string();
    let notes = notes(
        j,
        &[
            ("target_note", "new.goal.target"),
            ("benchmarks_note", "new.goal.benchmarks"),
            ("benchmark_example", "new.goal.benchmark_example"),
            ("actions_note", "new.goal.actions"),
            ("action_example", "new.goal.action_example"),
        ],
    );
    let title = yaml_string(title.trim());
    let mut slots = slots(&notes);
    slots.extend([
        ("title", title.as_str()),
        ("objective", &objective),
        ("today", &today),
    ]);
    let text = fill(GOAL, &slots);
    Ok(Planned {
        path: format!("goals/{slug}.md"),
        slug,
        text,
    })
}

/// The meeting file for `date`, its agenda proposed from the journal. Without a date, the
/// next meeting by cadence after the last one held or planned, and not before today.
/// A meeting dated before today is one being written up after the fact, so it is `held`.
pub fn meeting(
    j: &Journal,
    root: &Path,
    date: Option<NaiveDate>,
    title: Option<&str>,
) -> Result<Planned, String> {
    let date = date.unwrap_or_else(|| {
        let last = j
            .meetings
            .iter()
            .filter(|m| m.status != MeetingStatus::Cancelled)
            .map(|m| m.date)
            .max();
        agenda::next_by_cadence(j, last, j.today)
    });
    if title.is_none()
        && let Some(same_day) = j.meetings.iter().find(|m| m.date == date)
    {
        return Err(format!(
            "{} is already the meeting of {date}; edit it, or pass --title to add a second meeting that day",
            same_day.source.file
        ));
    }
    let slug = match title {
        Some(t) => format!("{date}-{}", slug_of(t)?),
        None => date.to_string(),
    };
    let status = if date < j.today {
        MeetingStatus::Held
    } else {
        MeetingStatus::Planned
    };
    let items = agenda::propose(j, date);
    let agenda = if items.is_empty() {
        "agenda: []\n".to_string()
    } else {
        let mut block = String::from("agenda:\n");
        for item in &items {
            block += &format!("  - {}\n", yaml_string(&item.text));
        }
        block
    };
    let goals = agenda::goals_of(&items).join(", ");
    let mut notes = notes(
        j,
        &[
            ("agenda_sent_note", "new.meeting.agenda_sent"),
            ("after_note", "new.meeting.after"),
            ("outcome_example", "new.meeting.outcome_example"),
            ("action_example", "new.meeting.action_example"),
            ("commitment_example", "new.meeting.commitment_example"),
            ("suggestion_example", "new.meeting.suggestion_example"),
            ("reflection_example", "new.meeting.reflection_example"),
        ],
    );
    notes.push((
        "summary_sent_note",
        note(j, "new.meeting.summary_sent", &[("slug", &slug)]),
    ));
    let mut slots = slots(&notes);
    let date_text = date.to_string();
    slots.extend([
        ("date", date_text.as_str()),
        ("status", status.as_str()),
        ("goals", &goals),
        ("agenda", &agenda),
    ]);
    let text = fill(MEETING, &slots);
    Ok(Planned {
        path: format!("{}/{slug}.md", dated_folder(root, "meetings", date)),
        slug,
        text,
    })
}

/// The activity file for `title` on `date` (today by default).
pub fn activity(
    j: &Journal,
    root: &Path,
    title: &str,
    date: Option<NaiveDate>,
    kind: &str,
) -> Result<Planned, String> {
    let date = date.unwrap_or(j.today);
    let slug = format!("{date}-{}", slug_of(title)?);
    let text = fill(
        ACTIVITY,
        &[
            ("title", &yaml_string(title.trim())),
            ("date", &date.to_string()),
            ("kind", kind),
        ],
    );
    Ok(Planned {
        path: format!("{}/{slug}.md", dated_folder(root, "activities", date)),
        slug,
        text,
    })
}

/// A comment of a new file in the journal's language, on one line whatever a journal's own
/// strings say, so that it cannot spill out of its comment into the front matter.
fn note(j: &Journal, key: &str, args: &[Arg]) -> String {
    j.strings
        .fmt(key, args)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The comments of a template, each slot with its message.
fn notes(j: &Journal, keys: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    keys.iter()
        .map(|(slot, key)| (*slot, note(j, key, &[])))
        .collect()
}

/// The comment slots, filled before the journal's own values so that a title cannot
/// name one.
fn slots<'a>(notes: &'a [(&'static str, String)]) -> Vec<(&'a str, &'a str)> {
    notes
        .iter()
        .map(|(slot, text)| (*slot, text.as_str()))
        .collect()
}

fn slug_of(title: &str) -> Result<String, String> {
    let slug = slugify(title);
    if slug.is_empty() {
        Err(format!(
            "cannot make a file name from \"{title}\": use a title with letters or digits"
        ))
    } else {
        Ok(slug)
    }
}

/// `meetings/2026` when the journal already keeps a folder per year, else `meetings`.
fn dated_folder(root: &Path, kind: &str, date: NaiveDate) -> String {
    let year = format!("{kind}/{}", date.year());
    if root.join(&year).is_dir() {
        year
    } else {
        kind.to_string()
    }
}

/// The file that already uses `slug` as its id in this kind of folder, anywhere below it:
/// ids are file stems, unique across sub-folders.
fn taken(j: &Journal, kind: &str, slug: &str) -> Option<String> {
    match kind {
        "goals" => j.goal(slug).map(|g| g.source.file.clone()),
        "meetings" => j.meeting(slug).map(|m| m.source.file.clone()),
        _ => j
            .activities
            .iter()
            .find(|a| a.slug == slug)
            .map(|a| a.source.file.clone()),
    }
}

/// `mentorfolio new …`.
pub fn run(g: &Globals, what: NewFile) -> i32 {
    let (journal, _) = match super::load_checked(g) {
        Ok(loaded) => loaded,
        Err(status) => return status,
    };
    let (kind, planned) = match &what {
        NewFile::Goal { title } => ("goals", goal(&journal, title)),
        NewFile::Meeting { date, title } => (
            "meetings",
            meeting(&journal, &g.root, *date, title.as_deref()),
        ),
        NewFile::Activity { title, date, kind } => (
            "activities",
            activity(&journal, &g.root, title, *date, kind),
        ),
    };
    let planned = match planned {
        Ok(p) => p,
        Err(message) => {
            eprintln!("error: {message}");
            return console::FAILED;
        }
    };
    let path: PathBuf = g.root.join(&planned.path);
    if let Some(existing) =
        taken(&journal, kind, &planned.slug).or_else(|| path.exists().then(|| planned.path.clone()))
    {
        eprintln!("error: {existing} already exists; mentorfolio never overwrites a file");
        eprintln!("hint: edit that file, or choose another title or date");
        return console::FAILED;
    }
    let created = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
        })
        .and_then(|mut f| std::io::Write::write_all(&mut f, planned.text.as_bytes()));
    match created {
        Ok(()) => {
            println!("{}", planned.path);
            console::OK
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "error: {} already exists; mentorfolio never overwrites a file",
                planned.path
            );
            console::FAILED
        }
        Err(e) => {
            eprintln!("error: cannot write `{}`: {e}", path.display());
            console::FAILED
        }
    }
}
