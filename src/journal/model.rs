//! The mentoring journal as plain data, named as the mentoring world names it.
//! Nothing private is ever stored here: the loader drops it before building these values.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::diagnostics::Location;

/// Where a document came from, and the line of every key in its front matter, so a rule
/// can point at `benchmarks.1.due` without the model wrapping every field.
#[derive(Clone, Debug, Default)]
pub struct Source {
    /// Path relative to the journal root, `/`-separated.
    pub file: String,
    pub keys: Arc<super::yaml::KeyMap>,
    /// The file line where the front matter starts (the line of the opening `---`).
    pub start_line: u32,
    /// The file line where the Markdown body starts.
    pub body_line: u32,
}

impl Source {
    /// The location of a key path such as `benchmarks.1.due`; falls back to the nearest parent
    /// that is present, then to the front matter's opening line.
    pub fn at(&self, path: &str) -> Location {
        let mut p = path;
        loop {
            if let Some(&(line, col)) = self.keys.get(p) {
                return Location::new(self.file.clone(), line, col);
            }
            match p.rfind('.') {
                Some(i) => p = &p[..i],
                None => return Location::new(self.file.clone(), self.start_line.max(1), 0),
            }
        }
    }

    /// The location of the front matter as a whole.
    pub fn whole(&self) -> Location {
        Location::new(self.file.clone(), self.start_line.max(1), 0)
    }

    /// The location of a line of the Markdown body (0-based line within the body).
    pub fn body_at(&self, body_line: u32) -> Location {
        Location::new(self.file.clone(), self.body_line + body_line, 0)
    }
}

/// Warning codes acknowledged with `allow:`, each with its reason when one was given. They
/// are silenced in that file, or in the whole journal when written in `mentorfolio.yaml`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Allow(pub std::collections::BTreeMap<crate::diagnostics::Code, Option<String>>);

/// How often the pair plans to meet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Every {
    Weekly,
    Biweekly,
    Monthly,
    Days(u32),
}

impl Every {
    /// The planned gap between meetings, in days.
    pub fn days(self) -> i64 {
        match self {
            Every::Weekly => 7,
            Every::Biweekly => 14,
            Every::Monthly => 30,
            Every::Days(n) => i64::from(n),
        }
    }

    pub fn label(self) -> String {
        match self {
            Every::Weekly => "weekly".into(),
            Every::Biweekly => "biweekly".into(),
            Every::Monthly => "monthly".into(),
            Every::Days(n) => format!("every {}", crate::english::count(n as usize, "day")),
        }
    }
}

/// A cadence in force from a date on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CadencePeriod {
    pub from: Option<NaiveDate>,
    pub every: Every,
}

/// The planned meeting rhythm, which may change over time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cadence {
    /// Sorted by `from`; a period without `from` applies from the start.
    pub periods: Vec<CadencePeriod>,
}

impl Default for Cadence {
    fn default() -> Self {
        Cadence {
            periods: vec![CadencePeriod {
                from: None,
                every: Every::Weekly,
            }],
        }
    }
}

impl Cadence {
    /// The cadence in force on a date.
    pub fn on(&self, date: NaiveDate) -> Every {
        self.periods
            .iter()
            .rev()
            .find(|p| p.from.is_none_or(|f| f <= date))
            .or(self.periods.first())
            .map(|p| p.every)
            .unwrap_or(Every::Weekly)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub email: Option<String>,
    /// A short name an action's `owner:` may use instead of the full one.
    pub id: Option<String>,
}

/// `mentorfolio.yaml`.
#[derive(Clone, Debug)]
pub struct Config {
    pub title: String,
    pub mentee: Person,
    /// The first mentor: the one `owner: mentor` and `cancellation.by: mentor` mean.
    pub mentor: Person,
    /// Further mentors, when `mentor:` is a list.
    pub co_mentors: Vec<Person>,
    pub base_url: String,
    pub theme: String,
    pub timezone: chrono_tz::Tz,
    pub language: String,
    pub start: Option<NaiveDate>,
    pub cadence: Cadence,
    pub meeting_length: u32,
    pub follow_up_days: u32,
    pub feeds: bool,
    pub cname: Option<String>,
    pub safe_html: bool,
    /// Encrypt every page; the passphrase comes from the environment, never the journal.
    pub protect: bool,
    /// Let search engines in: no `noindex`, and a sitemap.
    pub indexable: bool,
    /// Write the search index and show the search field.
    pub search: bool,
    /// `OWNER/NAME` on GitHub, where the mentor may open an issue to answer.
    pub repository: Option<String>,
    pub allow: Allow,
    pub source: Source,
}

impl Config {
    /// Every mentor, the first one first.
    pub fn mentors(&self) -> impl Iterator<Item = &Person> {
        std::iter::once(&self.mentor).chain(&self.co_mentors)
    }

    /// The person an owner names.
    pub fn person(&self, owner: Owner) -> &Person {
        match owner {
            Owner::Mentee => &self.mentee,
            Owner::Mentor(0) => &self.mentor,
            Owner::Mentor(i) => self.co_mentors.get(i - 1).unwrap_or(&self.mentor),
        }
    }

    /// The mentors' names as a sentence in the journal's language says them: "Grace
    /// Hopper and Alan Turing", "Grace Hopper und Alan Turing".
    pub fn mentor_names(&self, s: &crate::i18n::Strings) -> String {
        let names: Vec<&str> = self.mentors().map(|p| p.name.as_str()).collect();
        s.list(&names)
    }

    /// Everyone taking part, the mentee first: "Ada, Grace Hopper and Alan Turing".
    pub fn participants(&self, s: &crate::i18n::Strings) -> String {
        let names: Vec<&str> = std::iter::once(self.mentee.name.as_str())
            .chain(self.mentors().map(|p| p.name.as_str()))
            .collect();
        s.list(&names)
    }

    /// The words an `owner:` may be, each with whom it means.
    pub fn owners(&self) -> Owners {
        let mut words = Owners::default().words;
        words.push(Owners::word(&self.mentee.name, Owner::Mentee));
        for (i, p) in self.mentors().enumerate() {
            words.push(Owners::word(&p.name, Owner::Mentor(i)));
            if let Some(id) = &p.id {
                words.push(Owners::word(id, Owner::Mentor(i)));
            }
        }
        let mut shown = vec!["mentee".to_string(), "mentor".to_string()];
        if self.co_mentors.is_empty() {
            shown.push(self.mentor.name.clone());
        } else {
            for p in self.mentors() {
                shown.push(match &p.id {
                    Some(id) => format!("{} ({id})", p.name),
                    None => p.name.clone(),
                });
            }
        }
        Owners { words, shown }
    }
}

/// What `owner:` and `cancellation.by:` may say: `mentee`, `mentor` (the first mentor), and
/// each person's name or a mentor's id, matched without regard to case. Part of how a
/// meeting is read, so a cached meeting is read again when the mentors change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Owners {
    /// Each word in lower case, as written, and whom it names.
    words: Vec<(String, String, Owner)>,
    /// The choices as an error lists them.
    shown: Vec<String>,
}

impl Default for Owners {
    /// The roles alone, for a meeting read without its journal's config.
    fn default() -> Self {
        Owners {
            words: vec![
                Owners::word("mentee", Owner::Mentee),
                Owners::word("mentor", Owner::Mentor(0)),
            ],
            shown: vec!["mentee".into(), "mentor".into()],
        }
    }
}

impl Owners {
    fn word(w: &str, o: Owner) -> (String, String, Owner) {
        (w.to_lowercase(), w.to_string(), o)
    }

    /// Whom `word` names, if anyone.
    pub fn find(&self, word: &str) -> Option<Owner> {
        let word = word.trim().to_lowercase();
        self.words
            .iter()
            .find(|(w, ..)| *w == word)
            .map(|(.., o)| *o)
    }

    /// Every word `owner:` may be, in lower case and as written, for the nearest-word hint.
    pub fn words(&self) -> impl Iterator<Item = (&str, &str)> {
        self.words
            .iter()
            .map(|(w, shown, _)| (w.as_str(), shown.as_str()))
    }

    /// The valid owners, as a message lists them.
    pub fn listed(&self) -> String {
        self.shown.join(", ")
    }
}

/// A finer career objective of the plan that goals align to.
#[derive(Clone, Debug)]
pub struct Objective {
    pub id: String,
    pub title: String,
    pub line: u32,
}

/// `plan.md`: the development plan.
#[derive(Clone, Debug)]
pub struct Plan {
    pub objective: String,
    pub horizon: Option<NaiveDate>,
    pub objectives: Vec<Objective>,
    pub body: String,
    pub allow: Allow,
    pub source: Source,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GoalStatus {
    Active,
    Achieved,
    Paused,
    Dropped,
}

impl GoalStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            GoalStatus::Active => "active",
            GoalStatus::Achieved => "achieved",
            GoalStatus::Paused => "paused",
            GoalStatus::Dropped => "dropped",
        }
    }
}

/// A measurable target or evaluation point of a goal.
#[derive(Clone, Debug)]
pub struct Benchmark {
    pub title: String,
    pub due: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    pub line: u32,
}

impl Benchmark {
    /// Past its due date and not done.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.done.is_none() && self.due.is_some_and(|due| due < today)
    }
}

#[derive(Clone, Debug)]
pub struct Goal {
    /// The file stem.
    pub id: String,
    pub title: String,
    pub objective: Option<String>,
    pub status: GoalStatus,
    pub started: Option<NaiveDate>,
    pub target: Option<NaiveDate>,
    pub benchmarks: Vec<Benchmark>,
    /// Actionable steps.
    pub actions: Vec<String>,
    /// Tags as written, trimmed; `tags.N` in `source` locates each.
    pub tags: Vec<String>,
    /// `draft: true`: published only by `build --drafts` and `serve`.
    pub draft: bool,
    pub body: String,
    pub allow: Allow,
    pub source: Source,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MeetingStatus {
    Planned,
    Held,
    Cancelled,
}

impl MeetingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingStatus::Planned => "planned",
            MeetingStatus::Held => "held",
            MeetingStatus::Cancelled => "cancelled",
        }
    }
}

/// Who an action or a cancellation belongs to: the mentee, or one of the mentors by their
/// place in `mentor:` (0 is the first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Owner {
    Mentee,
    Mentor(usize),
}

impl Owner {
    /// The role, as the journal writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Owner::Mentee => "mentee",
            Owner::Mentor(_) => "mentor",
        }
    }

    pub fn is_mentor(self) -> bool {
        matches!(self, Owner::Mentor(_))
    }
}

/// A task agreed in a meeting, to be done between sessions.
#[derive(Clone, Debug)]
pub struct ActionItem {
    pub task: String,
    pub owner: Option<Owner>,
    pub due: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    pub goal: Option<String>,
    pub line: u32,
}

impl ActionItem {
    /// Past its due date and not done.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.done.is_none() && self.due.is_some_and(|due| due < today)
    }
}

/// What the mentor offered: a resource, an introduction.
#[derive(Clone, Debug)]
pub struct Commitment {
    pub what: String,
    pub followed_up: Option<NaiveDate>,
    pub fulfilled: Option<NaiveDate>,
    pub line: u32,
}

impl Commitment {
    /// Days since it was offered at a meeting on `offered`, or since the last follow-up,
    /// whichever is later.
    pub fn days_waiting(&self, offered: NaiveDate, today: NaiveDate) -> i64 {
        let last = self.followed_up.unwrap_or(offered).max(offered);
        (today - last).num_days()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Decision {
    Adopted,
    Adapted,
    Declined,
    Considering,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Adopted => "adopted",
            Decision::Adapted => "adapted",
            Decision::Declined => "declined",
            Decision::Considering => "considering",
        }
    }
}

/// A suggestion the mentor made, and the mentee's reflection on it.
#[derive(Clone, Debug)]
pub struct Suggestion {
    pub suggestion: String,
    pub reflection: Option<String>,
    pub decision: Option<Decision>,
    pub line: u32,
}

#[derive(Clone, Debug)]
pub struct Cancellation {
    /// Who called the meeting off; only the mentee's own cancellations are judged for notice.
    pub by: Owner,
    pub notice_given: Option<NaiveDate>,
    pub reason: Option<String>,
    pub rescheduled_to: Option<NaiveDate>,
    pub line: u32,
}

#[derive(Clone, Debug)]
pub struct Meeting {
    /// The file stem.
    pub slug: String,
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    /// Minutes actually held (or planned, before it is held).
    pub duration: u32,
    /// Whether `duration` was written down rather than defaulted.
    pub duration_given: bool,
    /// Minutes this meeting was planned to last, when it differs from `meeting_length`.
    pub planned_duration: Option<u32>,
    pub status: MeetingStatus,
    pub goals: Vec<String>,
    pub agenda: Vec<String>,
    pub agenda_sent: Option<NaiveDate>,
    pub outcomes: Vec<String>,
    pub actions: Vec<ActionItem>,
    pub commitments: Vec<Commitment>,
    pub suggestions: Vec<Suggestion>,
    /// Constructive input the mentee gave the mentor.
    pub feedback_given: Vec<String>,
    pub summary_sent: Option<NaiveDate>,
    pub cancellation: Option<Cancellation>,
    pub tags: Vec<String>,
    /// `draft: true`: published only by `build --drafts` and `serve`.
    pub draft: bool,
    pub body: String,
    pub allow: Allow,
    pub source: Source,
}

impl Meeting {
    /// Start of the meeting; midnight when no time was given.
    pub fn starts(&self) -> NaiveDateTime {
        self.date.and_time(self.time.unwrap_or(NaiveTime::MIN))
    }

    /// Whether it lasted longer than planned: its own planned length, else the journal's.
    pub fn ran_over(&self, meeting_length: u32) -> bool {
        self.duration > self.planned_duration.unwrap_or(meeting_length)
    }

    /// Who cancelled it, when it was cancelled.
    pub fn cancelled_by(&self) -> Option<Owner> {
        match self.status {
            MeetingStatus::Cancelled => {
                Some(self.cancellation.as_ref().map_or(Owner::Mentee, |c| c.by))
            }
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActivityKind {
    Training,
    Course,
    Workshop,
    Conference,
    Reading,
    Project,
    Other,
}

impl ActivityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActivityKind::Training => "training",
            ActivityKind::Course => "course",
            ActivityKind::Workshop => "workshop",
            ActivityKind::Conference => "conference",
            ActivityKind::Reading => "reading",
            ActivityKind::Project => "project",
            ActivityKind::Other => "other",
        }
    }
}

/// A skill-building activity: training, course, workshop, talk.
#[derive(Clone, Debug)]
pub struct Activity {
    /// The file stem.
    pub slug: String,
    pub title: String,
    pub date: NaiveDate,
    pub kind: ActivityKind,
    pub hours: Option<f64>,
    pub goals: Vec<String>,
    pub tags: Vec<String>,
    /// `draft: true`: published only by `build --drafts` and `serve`.
    pub draft: bool,
    pub body: String,
    pub allow: Allow,
    pub source: Source,
}

/// The whole public journal. Goals are sorted by id, meetings and activities by date.
#[derive(Clone, Debug)]
pub struct Journal {
    pub config: Config,
    pub plan: Plan,
    pub goals: Vec<Goal>,
    pub meetings: Vec<Arc<Meeting>>,
    pub activities: Vec<Arc<Activity>>,
    pub today: NaiveDate,
    /// Ids of goal files that exist but failed to load, so references to them are not
    /// reported a second time as missing.
    pub unloaded_goals: std::collections::BTreeSet<String>,
    /// Files still marked `example: true`: published with a badge, but no part of the
    /// record, so nothing is checked, counted, analysed or proposed from them.
    pub examples: Examples,
    /// Drafts left out of this journal, so links to them are told apart from broken ones.
    pub drafts: Drafts,
    /// The interface's words in the journal's language.
    pub strings: std::sync::Arc<crate::i18n::Strings>,
}

/// `init`'s worked examples, in the order the journal's own documents are kept.
#[derive(Clone, Debug, Default)]
pub struct Examples {
    pub goals: Vec<Goal>,
    pub meetings: Vec<Arc<Meeting>>,
    pub activities: Vec<Arc<Activity>>,
}

impl Examples {
    /// Each example's file, for its one reminder.
    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        self.goals
            .iter()
            .map(|g| &g.source)
            .chain(self.meetings.iter().map(|m| &m.source))
            .chain(self.activities.iter().map(|a| &a.source))
    }
}

/// The drafts a journal was published without.
#[derive(Clone, Debug, Default)]
pub struct Drafts {
    /// Their files, relative to the journal root.
    pub files: std::collections::BTreeSet<String>,
    /// The ids of the draft goals.
    pub goals: std::collections::BTreeSet<String>,
}

impl Journal {
    /// Every published document with its Markdown body: the plan, goals, meetings and
    /// activities, then the worked examples, in that order.
    pub fn documents(&self) -> impl Iterator<Item = (&Source, &str)> {
        std::iter::once((&self.plan.source, self.plan.body.as_str()))
            .chain(self.goals.iter().map(|g| (&g.source, g.body.as_str())))
            .chain(self.meetings.iter().map(|m| (&m.source, m.body.as_str())))
            .chain(self.activities.iter().map(|a| (&a.source, a.body.as_str())))
            .chain(
                self.examples
                    .goals
                    .iter()
                    .map(|g| (&g.source, g.body.as_str())),
            )
            .chain(
                self.examples
                    .meetings
                    .iter()
                    .map(|m| (&m.source, m.body.as_str())),
            )
            .chain(
                self.examples
                    .activities
                    .iter()
                    .map(|a| (&a.source, a.body.as_str())),
            )
    }

    /// The goal `id`. Goals are in order of id, so this is a binary search: pages look up
    /// the goal of every action they list.
    pub fn goal(&self, id: &str) -> Option<&Goal> {
        let i = self.goals.partition_point(|g| g.id.as_str() < id);
        self.goals.get(i).filter(|g| g.id == id)
    }

    pub fn meeting(&self, slug: &str) -> Option<&Meeting> {
        self.meetings.iter().find(|m| m.slug == slug).map(|m| &**m)
    }

    /// The meetings on `day`. The list is in order of start, so this is a binary search,
    /// O(log meetings), where each cancelled meeting's page looks up its new date.
    pub fn meetings_on(&self, day: NaiveDate) -> &[Arc<Meeting>] {
        let from = self.meetings.partition_point(|m| m.date < day);
        let to = from + self.meetings[from..].partition_point(|m| m.date == day);
        &self.meetings[from..to]
    }
}
