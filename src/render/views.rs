//! What templates receive: small serialisable views that borrow from the journal and the
//! analysis, with dates already formatted and URLs already built. docs/themes.md lists
//! every field.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::urls::{self, Urls};
use crate::analyse::review::SuggestionRef;
use crate::analyse::timeline::{Event, Subject};
use crate::analyse::{ActionRef, BenchmarkPoint, CommitmentRef, Phrase, Progress, Value};
use crate::i18n::Strings;
use crate::journal::{Activity, Every, Goal, Journal, Meeting, MeetingStatus};

/// A date as `<time datetime="iso">text</time>` wants it.
#[derive(Serialize, Clone, Debug)]
pub struct Day {
    pub iso: String,
    pub text: String,
}

/// `d` as `<time>` wants it, its text in the journal's language.
pub fn day(s: &Strings, d: NaiveDate) -> Day {
    // Every page shows many dates; formatting directly skips parsing a strftime pattern
    // each time. Years chrono prints with a sign take its own path.
    let iso = if (0..=9999).contains(&d.year()) {
        format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    } else {
        d.format("%Y-%m-%d").to_string()
    };
    Day {
        iso,
        text: s.date(d),
    }
}

pub fn day_opt(s: &Strings, d: Option<NaiveDate>) -> Option<Day> {
    d.map(|d| day(s, d))
}

#[derive(Serialize)]
pub struct NavLink<'a> {
    pub key: &'static str,
    pub title: &'a str,
    pub url: String,
}

/// What every page receives as `site`.
#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub mentee: &'a str,
    /// Every mentor's name: "Grace Hopper and Alan Turing".
    pub mentor: String,
    pub objective: &'a str,
    pub language: &'a str,
    /// The site's root path, `/` or `/repo/`.
    pub root: &'a str,
    pub base_url: &'a str,
    pub today: Day,
    pub feeds: bool,
    /// Keep search engines out (`noindex`): every site unless `indexable: true`.
    pub noindex: bool,
    /// The pages are encrypted: the header offers to lock the site again.
    pub protected: bool,
    pub style_url: String,
    pub feed_url: String,
    pub calendar_url: String,
    pub nav: Vec<NavLink<'a>>,
    /// The search field, when the site has a search index.
    pub search: Option<SearchView>,
}

/// What the search field needs: the index, its script, and where to go without script.
#[derive(Serialize)]
pub struct SearchView {
    pub index_url: String,
    pub script_url: String,
    /// The meetings list, where the field leads when script is off.
    pub fallback_url: String,
    /// On a protected site, the storage name of the key that opens the sealed index.
    pub key_name: Option<String>,
}

/// The navigation: each entry's section, the key of its title, and its path.
pub const NAV: &[(&str, &str, &str)] = &[
    ("index", "nav.index", ""),
    ("goals", "nav.goals", "goals/"),
    ("meetings", "nav.meetings", "meetings/"),
    ("actions", "nav.actions", "actions/"),
    ("activities", "nav.activities", "activities/"),
    ("timeline", "nav.timeline", "timeline/"),
    ("checklist", "nav.checklist", "checklist/"),
    ("review", "nav.review", "review/"),
    ("plan", "nav.plan", "plan/"),
    ("portfolio", "nav.portfolio", "portfolio/"),
];

pub fn site<'a>(j: &'a Journal, u: &'a Urls) -> SiteView<'a> {
    let s: &'a Strings = &j.strings;
    SiteView {
        title: &j.config.title,
        mentee: &j.config.mentee.name,
        mentor: j.config.mentor_names(&j.strings),
        objective: &j.plan.objective,
        language: &j.config.language,
        root: &u.path,
        base_url: &u.base,
        today: day(s, j.today),
        feeds: j.config.feeds && !u.is_protected(),
        noindex: !super::indexable(j, u),
        protected: u.is_protected(),
        style_url: u.page("style.css"),
        feed_url: u.page("feed.xml"),
        calendar_url: u.page("meetings.ics"),
        nav: NAV
            .iter()
            .map(|(key, title, path)| NavLink {
                key,
                title: s.t(title),
                url: u.page(path),
            })
            .collect(),
        search: j.config.search.then(|| SearchView {
            index_url: u.page(super::search::PATH),
            script_url: u.page("search.js"),
            fallback_url: u.page("meetings/"),
            key_name: u.key.as_ref().map(|k| k.storage_name()),
        }),
    }
}

/// The planned rhythm in words: "weekly", "every 10 days".
pub fn cadence(s: &Strings, every: Every) -> String {
    match every {
        Every::Weekly => s.t("cadence.weekly").to_string(),
        Every::Biweekly => s.t("cadence.biweekly").to_string(),
        Every::Monthly => s.t("cadence.monthly").to_string(),
        Every::Days(n) => s.count("cadence.days", n as usize, &[]),
    }
}

/// A phrase of the analysis in the journal's language.
pub fn say(s: &Strings, p: &Phrase) -> String {
    let values: Vec<(&str, String)> = (p.args.iter())
        .map(|(name, v)| (*name, value(s, v)))
        .collect();
    let args: Vec<crate::i18n::Arg> = (values.iter())
        .map(|(name, v)| (*name, v as &dyn std::fmt::Display))
        .collect();
    let pattern = match p.n() {
        Some(n) => s.form(p.key, n),
        None => s.t(p.key),
    };
    crate::i18n::fill(pattern, &args)
}

fn value(s: &Strings, v: &Value) -> String {
    match v {
        Value::Number(n) => n.to_string(),
        Value::Counted(key, n) => s.count(key, *n, &[]),
        Value::Names(names) => quoted(s, names.iter().map(String::as_str)),
        Value::Months(months) => {
            let named: Vec<String> = (months.iter()).map(|m| month_year(s, *m)).collect();
            quoted(s, named.iter().map(String::as_str))
        }
    }
}

/// Up to three names, quoted, then how many more: `“A”, “B”, “C” and 2 more`.
fn quoted<'a>(s: &Strings, all: impl ExactSizeIterator<Item = &'a str>) -> String {
    let total = all.len();
    let shown = (all.take(3))
        .map(|name| s.fmt("list.quoted", &[("name", &name)]))
        .collect::<Vec<_>>()
        .join(", ");
    if total > 3 {
        s.count("list.more", total - 3, &[("names", &shown)])
    } else {
        shown
    }
}

/// A month and its year: "September 2026", "septiembre de 2026".
pub fn month_year(s: &Strings, d: NaiveDate) -> String {
    s.fmt(
        "date.month_year",
        &[("month", &s.month(d)), ("year", &d.year())],
    )
}

#[derive(Serialize)]
pub struct GoalLink<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: String,
}

pub fn goal_link<'a>(j: &'a Journal, u: &Urls, id: &'a str) -> GoalLink<'a> {
    GoalLink {
        id,
        title: (j.goal(id))
            .or_else(|| j.examples.goals.iter().find(|g| g.id == id))
            .map_or(id, |g| g.title.as_str()),
        url: u.page(&urls::goal(id)),
    }
}

#[derive(Serialize)]
pub struct ProgressView {
    pub done: usize,
    pub total: usize,
    pub percent: u32,
}

impl From<Progress> for ProgressView {
    fn from(p: Progress) -> Self {
        ProgressView {
            done: p.done,
            total: p.total,
            percent: p.percent,
        }
    }
}

/// A goal in a list: the dashboard and `/goals/`.
#[derive(Serialize)]
pub struct GoalCard<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: String,
    pub status: &'static str,
    pub progress: ProgressView,
    pub target: Option<Day>,
    pub overdue: usize,
    /// The next benchmark not done, by due date.
    pub next: Option<BenchmarkView<'a>>,
    /// A worked example, no part of the record.
    pub example: bool,
    pub tags: Vec<TagLink<'a>>,
    /// A draft, shown only by `serve` and `build --drafts`.
    pub draft: bool,
}

/// A tag on a goal, meeting or activity, as written there, linking to the tag's page.
#[derive(Serialize)]
pub struct TagLink<'a> {
    pub name: &'a str,
    pub slug: String,
    pub url: String,
}

pub fn tag_links<'a>(tags: &'a [String], u: &Urls) -> Vec<TagLink<'a>> {
    crate::journal::tags::of(tags)
        .into_iter()
        .map(|(slug, name)| TagLink {
            name,
            url: u.page(&urls::tag(&slug)),
            slug,
        })
        .collect()
}

#[derive(Serialize, Clone)]
pub struct BenchmarkView<'a> {
    pub title: &'a str,
    pub due: Option<Day>,
    pub done: Option<Day>,
    pub state: &'static str,
    pub overdue: bool,
}

pub fn benchmark<'a>(s: &Strings, p: &BenchmarkPoint<'a>) -> BenchmarkView<'a> {
    BenchmarkView {
        title: &p.benchmark.title,
        due: day_opt(s, p.benchmark.due),
        done: day_opt(s, p.benchmark.done),
        state: p.state.as_str(),
        overdue: p.state == crate::analyse::BenchmarkState::Overdue,
    }
}

pub fn goal_card<'a>(s: &Strings, g: &'a Goal, u: &Urls, today: NaiveDate) -> GoalCard<'a> {
    let points = crate::analyse::progress::benchmark_timeline(g, today);
    GoalCard {
        id: &g.id,
        title: &g.title,
        url: u.page(&urls::goal(&g.id)),
        status: g.status.as_str(),
        progress: crate::analyse::progress::goal_progress(g).into(),
        target: day_opt(s, g.target),
        overdue: points
            .iter()
            .filter(|p| p.state == crate::analyse::BenchmarkState::Overdue)
            .count(),
        next: points
            .iter()
            .find(|p| p.benchmark.done.is_none())
            .map(|p| benchmark(s, p)),
        example: false,
        tags: tag_links(&g.tags, u),
        draft: g.draft,
    }
}

/// The title of a meeting from its slug: `2026-03-04-kickoff` → `Kickoff`.
pub fn meeting_title(s: &Strings, m: &Meeting) -> String {
    let words = match crate::journal::convert::date_from_stem(&m.slug) {
        Some(_) => m.slug.get(10..).unwrap_or(""),
        None => &m.slug,
    };
    let words = words.trim_matches(['-', '_', ' ']).replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => s.t("title.meeting_untitled").to_string(),
    }
}

/// What a reader calls a meeting: meetings have no title, so their date names them.
pub fn meeting_name(s: &Strings, m: &Meeting) -> String {
    named_by_date(s, &s.date(m.date))
}

/// [`meeting_name`] from the meeting's date already in words.
fn named_by_date(s: &Strings, date: &str) -> String {
    s.fmt("title.meeting", &[("date", &date)])
}

/// The words of the slug after the date, when there are any: `2026-03-04-kickoff` → `Kickoff`.
/// A meeting with a topic has it as its title too.
pub fn meeting_topic(s: &Strings, m: &Meeting) -> Option<String> {
    let bare = crate::journal::convert::date_from_stem(&m.slug).is_some()
        && m.slug
            .get(10..)
            .unwrap_or("")
            .trim_matches(['-', '_', ' '])
            .is_empty();
    (!bare).then(|| meeting_title(s, m))
}

/// A meeting's title and topic, the title worked out once: links to meetings show both,
/// and a site mentions each meeting on several pages.
pub fn title_and_topic(s: &Strings, m: &Meeting) -> (String, Option<String>) {
    let topic = meeting_topic(s, m);
    let title = topic.clone().unwrap_or_else(|| meeting_title(s, m));
    (title, topic)
}

#[derive(Serialize)]
pub struct MeetingLink {
    pub slug: String,
    /// The slug's words (`Kickoff`), or `Meeting` when the slug is only a date.
    pub title: String,
    /// `Meeting of 26 August 2026`: how the theme names a meeting.
    pub name: String,
    /// The slug's words when there are any.
    pub topic: Option<String>,
    pub url: String,
    pub date: Day,
    pub status: &'static str,
    /// A draft, shown only by `serve` and `build --drafts`.
    pub draft: bool,
}

pub fn meeting_link(s: &Strings, m: &Meeting, u: &Urls) -> MeetingLink {
    let date = day(s, m.date);
    let (title, topic) = title_and_topic(s, m);
    MeetingLink {
        slug: m.slug.clone(),
        name: named_by_date(s, &date.text),
        topic,
        title,
        url: u.page(&urls::meeting(&m.slug)),
        date,
        status: m.status.as_str(),
        draft: m.draft,
    }
}

#[derive(Serialize)]
pub struct ActionView<'a> {
    pub task: &'a str,
    /// The owner's name, or "unassigned".
    pub owner: &'a str,
    pub due: Option<Day>,
    pub done: Option<Day>,
    pub state: &'static str,
    pub overdue: bool,
    pub goal: Option<GoalLink<'a>>,
    pub meeting: MeetingLink,
}

pub fn action<'a>(j: &'a Journal, u: &Urls, a: &ActionRef<'a>) -> ActionView<'a> {
    let s = &j.strings;
    ActionView {
        task: &a.action.task,
        owner: a.action.owner.map_or(s.t("person.unassigned"), |o| {
            j.config.person(o).name.as_str()
        }),
        due: day_opt(s, a.action.due),
        done: day_opt(s, a.action.done),
        state: a.state.as_str(),
        overdue: a.state == crate::analyse::ActionState::Overdue,
        goal: a.action.goal.as_deref().map(|id| goal_link(j, u, id)),
        meeting: meeting_link(s, a.meeting, u),
    }
}

#[derive(Serialize)]
pub struct CommitmentView<'a> {
    pub what: &'a str,
    pub followed_up: Option<Day>,
    pub fulfilled: Option<Day>,
    pub days_waiting: Option<i64>,
    pub awaiting_follow_up: bool,
    pub meeting: MeetingLink,
}

pub fn open_commitment<'a>(s: &Strings, u: &Urls, c: &CommitmentRef<'a>) -> CommitmentView<'a> {
    CommitmentView {
        what: &c.commitment.what,
        followed_up: day_opt(s, c.commitment.followed_up),
        fulfilled: None,
        days_waiting: Some(c.days_waiting),
        awaiting_follow_up: c.awaiting_follow_up,
        meeting: meeting_link(s, c.meeting, u),
    }
}

#[derive(Serialize)]
pub struct SuggestionView<'a> {
    pub suggestion: &'a str,
    pub reflection: Option<&'a str>,
    pub decision: Option<&'static str>,
    pub meeting: MeetingLink,
}

pub fn suggestion<'a>(st: &Strings, u: &Urls, s: &SuggestionRef<'a>) -> SuggestionView<'a> {
    SuggestionView {
        suggestion: &s.suggestion.suggestion,
        reflection: s.suggestion.reflection.as_deref(),
        decision: s.suggestion.decision.map(|d| d.as_str()),
        meeting: meeting_link(st, s.meeting, u),
    }
}

/// The suggestions the mentor made in meeting `m`.
pub fn suggestions_of<'a>(st: &Strings, m: &'a Meeting, u: &Urls) -> Vec<SuggestionView<'a>> {
    (m.suggestions.iter())
        .map(|s| {
            let at = SuggestionRef {
                meeting: m,
                suggestion: s,
            };
            suggestion(st, u, &at)
        })
        .collect()
}

#[derive(Serialize)]
pub struct ActivityLink<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
    pub date: Day,
    pub kind: &'static str,
    pub hours: Option<f64>,
    /// A draft, shown only by `serve` and `build --drafts`.
    pub draft: bool,
}

pub fn activity_link<'a>(s: &Strings, a: &'a Activity, u: &Urls) -> ActivityLink<'a> {
    ActivityLink {
        slug: &a.slug,
        title: &a.title,
        url: u.page(&urls::activity(&a.slug)),
        date: day(s, a.date),
        kind: a.kind.as_str(),
        hours: a.hours,
        draft: a.draft,
    }
}

#[derive(Serialize)]
pub struct EventView<'a> {
    pub date: Day,
    /// `2026-08`, for grouping by month.
    pub month: String,
    pub kind: &'static str,
    pub text: std::borrow::Cow<'a, str>,
    pub title: String,
    pub url: String,
}

pub fn event<'a>(s: &Strings, u: &Urls, e: &'a Event<'_>) -> EventView<'a> {
    let (title, url) = match e.subject {
        Subject::Goal(g) => (g.title.clone(), u.page(&urls::goal(&g.id))),
        Subject::Meeting(m) => (
            meeting_topic(s, m).unwrap_or_else(|| meeting_name(s, m)),
            u.page(&urls::meeting(&m.slug)),
        ),
        Subject::Activity(a) => (a.title.clone(), u.page(&urls::activity(&a.slug))),
    };
    let text = match (e.kind, e.subject) {
        // A meeting's event says which meeting and whether it happened.
        (crate::analyse::timeline::EventKind::Meeting, Subject::Meeting(m)) => {
            let key = match m.status {
                MeetingStatus::Held => "meeting_text.held",
                MeetingStatus::Planned => "meeting_text.planned",
                MeetingStatus::Cancelled => "meeting_text.cancelled",
            };
            s.fmt(key, &[("date", &s.date(m.date))]).into()
        }
        _ => (&*e.text).into(),
    };
    EventView {
        date: day(s, e.date),
        month: e.date.format("%Y-%m").to_string(),
        kind: e.kind.as_str(),
        text,
        title,
        url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_read_as_chrono_would_print_them() {
        let en = Strings::english();
        let mut d = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
        while d.year() < 2100 {
            let got = day(&en, d);
            assert_eq!(got.iso, d.format("%Y-%m-%d").to_string());
            assert_eq!(got.text, d.format("%-d %B %Y").to_string());
            d += chrono::Duration::days(97);
        }
        let far = NaiveDate::from_ymd_opt(12345, 6, 7).unwrap();
        assert_eq!(day(&en, far).iso, "+12345-06-07");
    }
    use crate::validate::testing::*;

    #[test]
    fn meeting_titles_come_from_the_slug() {
        let en = Strings::english();
        let mut m = meeting("2026-03-04");
        assert_eq!(meeting_title(&en, &m), "Meeting");
        assert_eq!(meeting_topic(&en, &m), None);
        assert_eq!(meeting_name(&en, &m), "Meeting of 4 March 2026");
        let es = Strings::builtin("es");
        assert_eq!(meeting_name(&es, &m), "Reunión del 4 de marzo de 2026");
        m.slug = "2026-03-04-plan-review".into();
        assert_eq!(meeting_topic(&en, &m).as_deref(), Some("Plan review"));
        assert_eq!(meeting_title(&en, &m), "Plan review");
        m.slug = "kickoff".into();
        assert_eq!(meeting_title(&en, &m), "Kickoff");
    }

    #[test]
    fn phrases_are_said_in_the_journals_language() {
        let names = Value::Names(["a", "b", "c", "d", "e"].map(String::from).to_vec());
        let p = Phrase::new("score.plan.raise").with("names", names);
        assert_eq!(
            say(&Strings::english(), &p),
            "Give a benchmark and a target date to “a”, “b”, “c” and 2 more."
        );
        let months = Value::Months(vec![date("2026-09-01")]);
        let p = Phrase::new("score.activities.raise").with("months", months);
        assert_eq!(
            say(&Strings::builtin("es"), &p),
            "Ninguna formación, curso ni lectura en «septiembre de 2026»."
        );
        // The plural form follows `n` by the language's rules: French counts 0 as one.
        let gaps = |n| Phrase::new("score.rhythm.raise").with("n", Value::Number(n));
        let fr = Strings::builtin("fr");
        assert!(say(&fr, &gaps(0)).starts_with("0 intervalle a été trop long"));
        assert!(say(&fr, &gaps(2)).starts_with("2 intervalles ont été trop longs"));
        assert!(say(&Strings::english(), &gaps(1)).starts_with("1 gap ran long;"));
    }

    #[test]
    fn days_are_written_out() {
        let d = date("2026-07-01");
        assert_eq!(day(&Strings::english(), d).text, "1 July 2026");
        assert_eq!(day(&Strings::builtin("de"), d).text, "1. Juli 2026");
    }
}
