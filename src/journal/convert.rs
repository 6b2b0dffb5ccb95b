//! From front matter as written to the domain model: each missing or bad value becomes a
//! located diagnostic (E003, E004) and the rest of the file is still converted.

use chrono::{NaiveDate, NaiveTime};

use super::front::*;
use super::model::*;
use super::yaml::Scalar;
use crate::diagnostics::{Code, Diagnostic};

/// Converts values of one file, collecting diagnostics located at the keys of `source`.
pub struct Ctx<'a> {
    pub source: &'a Source,
    pub diags: &'a mut Vec<Diagnostic>,
}

/// Parses `YYYY-MM-DD`, explaining the two usual mistakes: the wrong shape and a day that does not exist.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let s = s.trim();
    let shaped = s.len() == 10
        && s.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shaped {
        return Err(format!("`{s}` is not a date in the form YYYY-MM-DD"));
    }
    // The shape is checked, so the parts are digits: no format string needs reading.
    let part = |from: usize, to: usize| s[from..to].parse::<u32>().unwrap_or(0);
    NaiveDate::from_ymd_opt(part(0, 4) as i32, part(5, 7), part(8, 10))
        .ok_or_else(|| format!("`{s}` is not a day of the calendar"))
}

/// Parses a meeting's `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` or `YYYY-MM-DDTHH:MM`.
pub fn parse_date_time(s: &str) -> Result<(NaiveDate, Option<NaiveTime>), String> {
    let s = s.trim();
    if s.len() <= 10 {
        return parse_date(s).map(|d| (d, None));
    }
    let (d, t) = s.split_at(10);
    let date = parse_date(d).map_err(|_| format!("`{s}` is not a date in the form YYYY-MM-DD"))?;
    let t = t.strip_prefix([' ', 'T']).unwrap_or(t).trim();
    let time = NaiveTime::parse_from_str(t, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M:%S"))
        .map_err(|_| format!("`{s}` has no valid time; write YYYY-MM-DD HH:MM"))?;
    Ok((date, Some(time)))
}

/// `s` without surrounding whitespace, reusing it when there is none.
fn trimmed(s: String) -> String {
    match s.trim() {
        t if t.len() == s.len() => s,
        t => t.to_string(),
    }
}

impl Ctx<'_> {
    pub fn error(&mut self, code: Code, path: &str, message: String, hint: &str) {
        self.diags
            .push(Diagnostic::new(code, self.source.at(path), message, hint));
    }

    /// A required text value; E003 when absent or empty.
    pub fn required(&mut self, v: Option<Scalar>, path: &str, what: &str) -> Option<String> {
        match v.map(|s| trimmed(s.0)).filter(|s| !s.is_empty()) {
            Some(s) => Some(s),
            None if self.source.keys.contains_key(path) => {
                self.diags.push(Diagnostic::new(
                    Code::E003,
                    self.source.at(path),
                    format!("`{}` is empty: {what}", last(path)),
                    format!("write a value after `{}:`; put a value that starts with `#` or `&` in double quotes, as YAML reads `#` as the start of a comment and `&` as an anchor", last(path)),
                ));
                None
            }
            None => {
                let (at, hint) = match path.rsplit_once('.') {
                    Some((parent, _)) => {
                        (parent, format!("add `{}: ...` to this item", last(path)))
                    }
                    None => ("", format!("add `{path}: ...` to the front matter")),
                };
                self.diags.push(Diagnostic::new(
                    Code::E003,
                    if at.is_empty() {
                        self.source.whole()
                    } else {
                        self.source.at(at)
                    },
                    format!("required field `{}` is missing: {what}", last(path)),
                    hint,
                ));
                None
            }
        }
    }

    pub fn text(&mut self, v: Option<Scalar>) -> Option<String> {
        v.map(|s| trimmed(s.0)).filter(|s| !s.is_empty())
    }

    pub fn date(&mut self, v: Option<Scalar>, path: &str) -> Option<NaiveDate> {
        let v = v?;
        match parse_date(&v.0) {
            Ok(d) => Some(d),
            Err(m) => {
                self.error(
                    Code::E004,
                    path,
                    format!("`{}`: {m}", last(path)),
                    &super::wording::date_hint(last(path), &v.0),
                );
                None
            }
        }
    }

    /// The warning codes of `allow:`. An unknown code, or an error's, is itself a warning:
    /// errors stop the build and cannot be acknowledged away.
    pub fn allow(&mut self, v: Option<AllowFront>) -> Allow {
        let mut allow = Allow::default();
        for (written, reason, path) in v.unwrap_or_default().0 {
            match Code::parse(&written) {
                Some(code) if code.severity() == crate::diagnostics::Severity::Warning => {
                    allow
                        .0
                        .insert(code, reason.filter(|r| !r.trim().is_empty()));
                }
                Some(code) => self.error(
                    Code::W501,
                    &path,
                    format!("`allow:` names the error {code}, which cannot be allowed"),
                    "fix the error instead, and remove it from `allow:`",
                ),
                None => {
                    let codes: Vec<String> = Code::ALL
                        .iter()
                        .filter(|c| c.severity() == crate::diagnostics::Severity::Warning)
                        .map(|c| c.as_str())
                        .collect();
                    let known: Vec<&str> = codes.iter().map(String::as_str).collect();
                    let hint = match nearest(&written.to_uppercase(), &known) {
                        Some(n) => format!("did you mean `{n}`?"),
                        None => "name a warning code such as `W207`".to_string(),
                    };
                    self.error(
                        Code::W501,
                        &path,
                        format!("`allow:` names an unknown code `{}`", written.trim()),
                        &hint,
                    );
                }
            }
        }
        allow
    }

    /// A whole number of at least zero (minutes, days).
    pub fn count(&mut self, v: Option<Scalar>, path: &str) -> Option<u32> {
        let v = v?;
        match v.0.trim().parse::<i64>() {
            Ok(n) if n >= 0 => match u32::try_from(n) {
                Ok(n) => Some(n),
                Err(_) => {
                    self.error(
                        Code::E004,
                        path,
                        format!("`{}` is too large ({n})", last(path)),
                        "use a realistic whole number",
                    );
                    None
                }
            },
            Ok(n) => {
                self.error(
                    Code::E004,
                    path,
                    format!("`{}` is negative ({n})", last(path)),
                    "use a whole number of zero or more",
                );
                None
            }
            Err(_) => {
                self.error(
                    Code::E004,
                    path,
                    format!("`{}` is not a whole number: `{}`", last(path), v.0),
                    &super::wording::count_hint(last(path), &v.0),
                );
                None
            }
        }
    }

    pub fn number(&mut self, v: Option<Scalar>, path: &str) -> Option<f64> {
        let v = v?;
        match v.0.trim().parse::<f64>() {
            Ok(n) if n >= 0.0 && n.is_finite() => Some(n),
            _ => {
                self.error(
                    Code::E004,
                    path,
                    format!(
                        "`{}` is not a number of zero or more: `{}`",
                        last(path),
                        v.0
                    ),
                    "use a number, for example 6 or 1.5",
                );
                None
            }
        }
    }

    pub fn boolean(&mut self, v: Option<Scalar>, path: &str) -> Option<bool> {
        let v = v?;
        match v.0.trim() {
            "true" => Some(true),
            "false" => Some(false),
            other => {
                self.error(
                    Code::E004,
                    path,
                    format!("`{}` must be true or false, not `{other}`", last(path)),
                    &format!("write `{0}: true` or `{0}: false`", last(path)),
                );
                None
            }
        }
    }

    /// One of a fixed set of words; E004 with the nearest word as the hint.
    pub fn choice<T: Copy>(
        &mut self,
        v: Option<Scalar>,
        path: &str,
        options: &[(&str, T)],
    ) -> Option<T> {
        let v = v?;
        let word = v.0.trim().to_lowercase();
        if let Some((_, t)) = options.iter().find(|(w, _)| *w == word) {
            return Some(*t);
        }
        let words: Vec<&str> = options.iter().map(|(w, _)| *w).collect();
        self.unknown_word(path, &v, nearest(&word, &words), &words.join(", "));
        None
    }

    /// E004 for a word that is none of `listed`, suggesting the nearest one.
    fn unknown_word(&mut self, path: &str, v: &Scalar, near: Option<&str>, listed: &str) {
        let hint = match near {
            Some(n) => format!("did you mean `{n}`? (one of {listed})"),
            None => format!("use one of {listed}"),
        };
        self.error(
            Code::E004,
            path,
            format!("unknown {} `{}`", last(path), v.0.trim()),
            &hint,
        );
    }

    /// Whom `owner:` or `cancellation.by:` names; E004 listing the valid owners otherwise.
    pub fn owner(&mut self, v: Option<Scalar>, path: &str, owners: &Owners) -> Option<Owner> {
        let v = v?;
        if let Some(o) = owners.find(&v.0) {
            return Some(o);
        }
        let word = v.0.trim().to_lowercase();
        let lower: Vec<&str> = owners.words().map(|(w, _)| w).collect();
        let near = nearest(&word, &lower).and_then(|n| owners.words().find(|(w, _)| *w == n));
        self.unknown_word(path, &v, near.map(|(_, n)| n), &owners.listed());
        None
    }

    pub fn list(&mut self, v: Option<Vec<Scalar>>) -> Vec<String> {
        v.unwrap_or_default()
            .into_iter()
            .map(|s| trimmed(s.0))
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// `tags:`, one tag or a list; empty tags are dropped.
    pub fn tags(&mut self, v: Option<TagsFront>) -> Vec<String> {
        match v {
            None => Vec::new(),
            Some(TagsFront::One(s)) => self.list(Some(vec![s])),
            Some(TagsFront::Many(list)) => self.list(Some(list)),
        }
    }

    pub fn line(&self, path: &str) -> u32 {
        self.source.at(path).line.unwrap_or(1)
    }
}

/// Key paths of a list's items (`actions.2.due`), written into one reused buffer rather
/// than a new string for every field: they are read only when a diagnostic is made.
#[derive(Default)]
struct ItemPath {
    buf: String,
    item_len: usize,
}

impl ItemPath {
    /// Moves to item `index` of `list`.
    fn start(&mut self, list: &str, index: usize) {
        use std::fmt::Write;
        self.buf.clear();
        let _ = write!(self.buf, "{list}.{index}");
        self.item_len = self.buf.len();
    }

    /// The path of the item.
    fn item(&self) -> &str {
        &self.buf[..self.item_len]
    }

    /// The path of the item's `key`.
    fn field(&mut self, key: &str) -> &str {
        self.buf.truncate(self.item_len);
        self.buf.push('.');
        self.buf.push_str(key);
        &self.buf
    }
}

fn last(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

pub const GOAL_STATUS: &[(&str, GoalStatus)] = &[
    ("active", GoalStatus::Active),
    ("achieved", GoalStatus::Achieved),
    ("paused", GoalStatus::Paused),
    ("dropped", GoalStatus::Dropped),
];

pub const MEETING_STATUS: &[(&str, MeetingStatus)] = &[
    ("planned", MeetingStatus::Planned),
    ("held", MeetingStatus::Held),
    ("cancelled", MeetingStatus::Cancelled),
];

const DECISIONS: &[(&str, Decision)] = &[
    ("adopted", Decision::Adopted),
    ("adapted", Decision::Adapted),
    ("declined", Decision::Declined),
    ("considering", Decision::Considering),
];

const KINDS: &[(&str, ActivityKind)] = &[
    ("training", ActivityKind::Training),
    ("course", ActivityKind::Course),
    ("workshop", ActivityKind::Workshop),
    ("conference", ActivityKind::Conference),
    ("reading", ActivityKind::Reading),
    ("project", ActivityKind::Project),
    ("other", ActivityKind::Other),
];

pub fn goal(cx: &mut Ctx, id: String, f: GoalFront, body: String) -> Option<Goal> {
    let title = cx.required(f.title, "title", "every goal needs a title");
    let objective = cx.text(f.objective);
    let status = cx
        .choice(f.status, "status", GOAL_STATUS)
        .unwrap_or(GoalStatus::Active);
    let started = cx.date(f.started, "started");
    let target = cx.date(f.target, "target");
    let mut benchmarks = Vec::new();
    let mut at = ItemPath::default();
    for (i, b) in f.benchmarks.unwrap_or_default().into_iter().enumerate() {
        at.start("benchmarks", i);
        let title = cx.required(b.title, at.field("title"), "say what will be measured");
        let due = cx.date(b.due, at.field("due"));
        let done = cx.date(b.done, at.field("done"));
        if let Some(title) = title {
            benchmarks.push(Benchmark {
                title,
                due,
                done,
                line: cx.line(at.item()),
            });
        }
    }
    let actions = cx.list(f.actions);
    let tags = cx.tags(f.tags);
    let draft = cx.boolean(f.draft, "draft").unwrap_or(false);
    Some(Goal {
        id,
        title: title?,
        objective,
        status,
        started,
        target,
        benchmarks,
        actions,
        tags,
        draft,
        body,
        allow: cx.allow(f.allow),
        source: cx.source.clone(),
    })
}

pub fn activity(cx: &mut Ctx, slug: String, f: ActivityFront, body: String) -> Option<Activity> {
    let title = cx.required(f.title, "title", "name the training, course or event");
    let date = match f.date {
        Some(d) => cx.date(Some(d), "date"),
        None => {
            cx.required(None, "date", "when the activity took place");
            None
        }
    };
    let kind = cx
        .choice(f.kind, "kind", KINDS)
        .unwrap_or(ActivityKind::Other);
    let hours = cx.number(f.hours, "hours");
    let goals = cx.list(f.goals);
    let tags = cx.tags(f.tags);
    let draft = cx.boolean(f.draft, "draft").unwrap_or(false);
    Some(Activity {
        slug,
        title: title?,
        date: date?,
        kind,
        hours,
        goals,
        tags,
        draft,
        body,
        allow: cx.allow(f.allow),
        source: cx.source.clone(),
    })
}

/// The date in a meeting's file name (`2026-01-07-kickoff` → 2026-01-07), if it has one.
pub fn date_from_stem(stem: &str) -> Option<NaiveDate> {
    stem.get(..10).and_then(|d| parse_date(d).ok())
}

pub fn meeting(
    cx: &mut Ctx,
    slug: String,
    f: MeetingFront,
    body: String,
    today: NaiveDate,
    length: u32,
    owners: &Owners,
) -> Option<Meeting> {
    let when = match f.date {
        Some(v) => match parse_date_time(&v.0) {
            Ok(w) => Some(w),
            Err(m) => {
                cx.error(
                    Code::E004,
                    "date",
                    format!("`date`: {m}"),
                    &format!(
                        "{}, or add the time as YYYY-MM-DD HH:MM",
                        super::wording::date_hint("date", &v.0)
                    ),
                );
                None
            }
        },
        None => match date_from_stem(&slug) {
            Some(d) => Some((d, None)),
            None => {
                cx.required(
                    None,
                    "date",
                    "a meeting needs a date, or a file name that starts with YYYY-MM-DD",
                );
                None
            }
        },
    };
    let duration = cx.count(f.duration.clone(), "duration");
    let planned_duration = cx.count(f.planned_duration, "planned_duration");
    let status = cx.choice(f.status, "status", MEETING_STATUS);
    let goals = cx.list(f.goals);
    let agenda = cx.list(f.agenda);
    let agenda_sent = cx.date(f.agenda_sent, "agenda_sent");
    let outcomes = cx.list(f.outcomes);
    let mut actions = Vec::new();
    let mut at = ItemPath::default();
    for (i, a) in f.actions.unwrap_or_default().into_iter().enumerate() {
        at.start("actions", i);
        let task = cx.required(a.task, at.field("task"), "say what is to be done");
        let owner = cx.owner(a.owner, at.field("owner"), owners);
        let due = cx.date(a.due, at.field("due"));
        let done = cx.date(a.done, at.field("done"));
        let goal = cx.text(a.goal);
        if let Some(task) = task {
            actions.push(ActionItem {
                task,
                owner,
                due,
                done,
                goal,
                line: cx.line(at.item()),
            });
        }
    }
    let mut commitments = Vec::new();
    let mut at = ItemPath::default();
    for (i, c) in f.commitments.unwrap_or_default().into_iter().enumerate() {
        at.start("commitments", i);
        let what = cx.required(c.what, at.field("what"), "say what the mentor offered");
        let followed_up = cx.date(c.followed_up, at.field("followed_up"));
        let fulfilled = cx.date(c.fulfilled, at.field("fulfilled"));
        if let Some(what) = what {
            commitments.push(Commitment {
                what,
                followed_up,
                fulfilled,
                line: cx.line(at.item()),
            });
        }
    }
    let feedback = f.feedback.unwrap_or_default();
    let mut suggestions = Vec::new();
    let mut at = ItemPath::default();
    for (i, s) in feedback
        .received
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        at.start("feedback.received", i);
        let text = cx.required(
            s.suggestion,
            at.field("suggestion"),
            "write down what the mentor suggested",
        );
        let reflection = cx.text(s.reflection);
        let decision = cx.choice(s.decision, at.field("decision"), DECISIONS);
        if let Some(suggestion) = text {
            suggestions.push(Suggestion {
                suggestion,
                reflection,
                decision,
                line: cx.line(at.item()),
            });
        }
    }
    let feedback_given = cx.list(feedback.given);
    let summary_sent = cx.date(f.summary_sent, "summary_sent");
    let tags = cx.tags(f.tags);
    let draft = cx.boolean(f.draft, "draft").unwrap_or(false);
    let cancellation = f.cancellation.map(|c| Cancellation {
        by: cx
            .owner(c.by, "cancellation.by", owners)
            .unwrap_or(Owner::Mentee),
        notice_given: cx.date(c.notice_given, "cancellation.notice_given"),
        reason: cx.text(c.reason),
        rescheduled_to: cx.date(c.rescheduled_to, "cancellation.rescheduled_to"),
        line: cx.line("cancellation"),
    });
    let (date, time) = when?;
    let status = status.unwrap_or(if cancellation.is_some() {
        MeetingStatus::Cancelled
    } else if date <= today {
        MeetingStatus::Held
    } else {
        MeetingStatus::Planned
    });
    Some(Meeting {
        slug,
        date,
        time,
        duration: duration.unwrap_or(length),
        duration_given: f.duration.is_some(),
        planned_duration,
        status,
        goals,
        agenda,
        agenda_sent,
        outcomes,
        actions,
        commitments,
        suggestions,
        feedback_given,
        summary_sent,
        cancellation,
        tags,
        draft,
        body,
        allow: cx.allow(f.allow),
        source: cx.source.clone(),
    })
}

pub fn plan(cx: &mut Ctx, f: PlanFront, body: String) -> Option<Plan> {
    let objective = cx.required(
        f.objective,
        "objective",
        "the career objective the plan serves",
    );
    let horizon = cx.date(f.horizon, "horizon");
    let mut objectives = Vec::new();
    let mut at = ItemPath::default();
    for (i, o) in f.objectives.unwrap_or_default().into_iter().enumerate() {
        at.start("objectives", i);
        let id = cx.required(
            o.id,
            at.field("id"),
            "a short id goals can name in `objective:`",
        );
        let title = cx.required(o.title, at.field("title"), "what the objective is");
        if let (Some(id), Some(title)) = (id, title) {
            objectives.push(Objective {
                id,
                title,
                line: cx.line(at.item()),
            });
        }
    }
    Some(Plan {
        objective: objective?,
        horizon,
        objectives,
        body,
        allow: cx.allow(f.allow),
        source: cx.source.clone(),
    })
}

fn person(cx: &mut Ctx, p: PersonFront, path: &str) -> Option<Person> {
    // A bare name has no `name:` key: its diagnostics fall back to the value's own line.
    let name = cx.required(p.name, &format!("{path}.name"), "a name")?;
    Some(Person {
        name,
        email: cx.text(p.email),
        id: cx.text(p.id),
    })
}

/// `mentor:`: the first mentor, and any others.
fn mentors(cx: &mut Ctx, m: Option<MentorsFront>) -> Option<(Person, Vec<Person>)> {
    let Some(MentorsFront(list)) = m else {
        cx.required(
            None,
            "mentor",
            "who mentors: `{ name: ... }`, or a list of them",
        );
        return None;
    };
    let one = list.len() == 1;
    let mut people = Vec::new();
    let mut ok = true;
    for (i, p) in list.into_iter().enumerate() {
        let path = if one {
            "mentor".to_string()
        } else {
            format!("mentor.{i}")
        };
        match person(cx, p, &path) {
            Some(p) => people.push(p),
            None => ok = false,
        }
    }
    if people.is_empty() && ok {
        cx.error(
            Code::E003,
            "mentor",
            "`mentor` is an empty list".into(),
            "name at least one mentor: `mentor: { name: ... }`",
        );
        return None;
    }
    let mut people = people.into_iter();
    let first = people.next()?;
    ok.then(|| (first, people.collect()))
}

fn every(cx: &mut Ctx, v: Option<Scalar>, path: &str) -> Option<Every> {
    let v = v?;
    let w = v.0.trim().to_lowercase();
    let every = match w.as_str() {
        "weekly" => Some(Every::Weekly),
        "biweekly" | "fortnightly" => Some(Every::Biweekly),
        "monthly" => Some(Every::Monthly),
        _ => w
            .strip_suffix("days")
            .or_else(|| w.strip_suffix("day"))
            .and_then(|n| n.trim().parse::<u32>().ok())
            .filter(|n| *n > 0)
            .map(Every::Days),
    };
    if every.is_none() {
        cx.error(
            Code::E004,
            path,
            format!("unknown cadence `{}`", v.0.trim()),
            "use weekly, biweekly, monthly or \"N days\"",
        );
    }
    every
}

pub fn config(cx: &mut Ctx, f: ConfigFront) -> Option<Config> {
    let title = cx.required(f.title, "title", "the site's title");
    let mentee = match f.mentee {
        Some(p) => person(cx, p, "mentee"),
        None => {
            cx.required(None, "mentee", "who takes part: `{ name: ... }`");
            None
        }
    };
    let (mentor, co_mentors) = match mentors(cx, f.mentor) {
        Some((first, others)) => (Some(first), others),
        None => (None, Vec::new()),
    };
    let base_url = cx.text(f.base_url).unwrap_or_else(|| "/".to_string());
    let theme = cx.text(f.theme).unwrap_or_else(|| "default".to_string());
    let timezone = match f.timezone {
        Some(v) => match v.0.trim().parse::<chrono_tz::Tz>() {
            Ok(tz) => Some(tz),
            Err(_) => {
                cx.error(
                    Code::E004,
                    "timezone",
                    format!("unknown timezone `{}`", v.0.trim()),
                    "use an IANA name such as Europe/London or UTC",
                );
                None
            }
        },
        None => Some(chrono_tz::UTC),
    };
    let language = cx.text(f.language).unwrap_or_else(|| "en".to_string());
    let start = cx.date(f.start, "start");
    let cadence = match f.cadence {
        None => Some(Cadence::default()),
        Some(CadenceFront::Word(w)) => every(cx, Some(w), "cadence").map(|e| Cadence {
            periods: vec![CadencePeriod {
                from: None,
                every: e,
            }],
        }),
        Some(CadenceFront::Periods(ps)) => {
            let mut periods = Vec::new();
            let mut ok = true;
            for (i, p) in ps.into_iter().enumerate() {
                let from = cx.date(p.from, &format!("cadence.{i}.from"));
                match p.every {
                    Some(e) => match every(cx, Some(e), &format!("cadence.{i}.every")) {
                        Some(e) => periods.push(CadencePeriod { from, every: e }),
                        None => ok = false,
                    },
                    None => {
                        cx.required(
                            None,
                            &format!("cadence.{i}.every"),
                            "how often: weekly, biweekly, monthly or \"N days\"",
                        );
                        ok = false;
                    }
                }
            }
            periods.sort_by_key(|p| p.from);
            (ok && !periods.is_empty()).then_some(Cadence { periods })
        }
    };
    let meeting_length = cx.count(f.meeting_length, "meeting_length").unwrap_or(60);
    let follow_up_days = cx.count(f.follow_up_days, "follow_up_days").unwrap_or(7);
    let feeds = cx.boolean(f.feeds, "feeds").unwrap_or(true);
    let cname = cx.text(f.cname);
    let safe_html = cx.boolean(f.safe_html, "safe_html").unwrap_or(false);
    let protect = cx.boolean(f.protect, "protect").unwrap_or(false);
    let indexable = cx.boolean(f.indexable, "indexable").unwrap_or(false);
    let search = cx.boolean(f.search, "search").unwrap_or(true);
    let repository = cx.text(f.repository).filter(|r| {
        let ok = r.split_once('/').is_some_and(|(owner, name)| {
            let part = |p: &str| {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            };
            part(owner) && part(name) && !name.contains('/')
        });
        if !ok {
            cx.error(
                Code::E004,
                "repository",
                format!("`repository`: `{r}` is not a GitHub OWNER/NAME"),
                "write the repository as it appears in its address, for example `ada/mentoring`",
            );
        }
        ok
    });
    Some(Config {
        title: title?,
        mentee: mentee?,
        mentor: mentor?,
        co_mentors,
        base_url,
        theme,
        timezone: timezone?,
        language,
        start,
        cadence: cadence?,
        meeting_length,
        follow_up_days,
        feeds,
        cname,
        safe_html,
        protect,
        indexable,
        search,
        repository,
        allow: cx.allow(f.allow),
        source: cx.source.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_explain_what_is_wrong() {
        assert!(
            parse_date("2026-02-30")
                .unwrap_err()
                .contains("not a day of the calendar")
        );
        assert!(parse_date("2026/02/03").unwrap_err().contains("YYYY-MM-DD"));
        assert_eq!(
            parse_date("2026-02-28").unwrap(),
            NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()
        );
    }

    #[test]
    fn meeting_dates_may_carry_a_time() {
        let (d, t) = parse_date_time("2026-01-07 10:00").unwrap();
        assert_eq!(d.to_string(), "2026-01-07");
        assert_eq!(t.unwrap().to_string(), "10:00:00");
        assert!(parse_date_time("2026-01-07T10:30").unwrap().1.is_some());
        assert!(parse_date_time("2026-01-07 25:00").is_err());
    }
}
