//! Writes a synthetic mentoring journal of N meetings, and the same pages as a plain Hugo
//! site, for the side-by-side benchmark in `scripts/bench/run.sh` (see docs/performance.md).
//!
//! Usage: `cargo run --release --example bench_journal -- N OUT_DIR`
//!
//! OUT_DIR/journal is a mentorfolio journal that passes `check --today 2026-08-28` without
//! errors; OUT_DIR/hugo is a Hugo site with one page per meeting, goal and activity, with the
//! same Markdown bodies and front matter, and ordinary templates (no theme).
//! The output depends only on N: the text comes from a fixed-seed generator.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};

/// The day the benchmark checks against (`--today`): every meeting is before it.
const TODAY: &str = "2026-08-28";
const GOALS: usize = 50;
const OBJECTIVES: [(&str, &str); 5] = [
    ("influence", "Lead technical decisions across teams"),
    ("visibility", "Be known outside my team"),
    ("depth", "Become the expert on our event platform"),
    ("people", "Grow the engineers around me"),
    ("delivery", "Ship large changes without drama"),
];
const WORDS: &[&str] = &[
    "service",
    "team",
    "review",
    "design",
    "schema",
    "rollout",
    "incident",
    "latency",
    "budget",
    "mentor",
    "feedback",
    "draft",
    "proposal",
    "roadmap",
    "ownership",
    "trade-off",
    "migration",
    "queue",
    "handler",
    "trace",
    "deadline",
    "stakeholder",
    "meeting",
    "decision",
    "risk",
    "clear",
    "slow",
    "careful",
    "shared",
    "written",
    "small",
    "early",
    "honest",
    "next",
    "quarter",
    "week",
    "goal",
    "talk",
    "audience",
    "story",
    "question",
    "answer",
    "plan",
    "step",
    "lesson",
    "habit",
    "practice",
    "signal",
    "metric",
    "alert",
];
const CODE: &[&str] = &[
    "cargo test",
    "retry_after",
    "idempotency_key",
    "git rebase -i",
    "SELECT count(*)",
    "kubectl rollout status",
    "trace_id",
    "Result<T, E>",
];
const KINDS: &[&str] = &[
    "training",
    "course",
    "workshop",
    "conference",
    "reading",
    "project",
];
const DECISIONS: &[&str] = &["adopted", "adapted", "declined", "considering"];

/// A small fixed-seed generator (xorshift64*), so the journal is the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }
    /// A sentence of `n` words, capitalised, with a full stop.
    fn sentence(&mut self, n: usize) -> String {
        let mut s = String::new();
        for i in 0..n {
            let w = self.word();
            if i == 0 {
                let mut c = w.chars();
                s.extend(c.next().map(|c| c.to_ascii_uppercase()));
                s.push_str(c.as_str());
            } else {
                s.push(' ');
                s.push_str(w);
            }
        }
        s.push('.');
        s
    }
    /// A paragraph of about `words` words, wrapped at sentence ends.
    fn paragraph(&mut self, words: usize) -> String {
        let mut out = String::new();
        let mut count = 0;
        while count < words {
            let n = 6 + self.below(8);
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&self.sentence(n));
            count += n;
        }
        out
    }
    fn goal(&mut self) -> usize {
        1 + self.below(GOALS)
    }
}

fn day(d: NaiveDate, delta: i64) -> NaiveDate {
    if delta >= 0 {
        d + Days::new(delta as u64)
    } else {
        d - Days::new(delta.unsigned_abs())
    }
}

/// YAML-safe text: the generated words never need quoting, but a title may start with a capital
/// and contain a colon-free sentence only.
fn item(rng: &mut Rng, words: usize) -> String {
    let s = rng.sentence(words);
    s.trim_end_matches('.').to_string()
}

/// About 400 words of Markdown: headings, paragraphs, lists, a table, inline code, goal links.
fn meeting_body(rng: &mut Rng, goals: &[usize], index: usize) -> String {
    let mut b = String::new();
    let g = goals[0];
    let _ = writeln!(
        b,
        "We started with the [goal](../goals/goal-{g}.md) and what moved since last time.\n{}\n",
        rng.paragraph(60)
    );
    let _ = writeln!(b, "## Discussion\n");
    let code = CODE[rng.below(CODE.len())];
    let _ = writeln!(
        b,
        "{} We looked at `{code}` together.\n{}\n",
        rng.paragraph(40),
        rng.paragraph(40)
    );
    for _ in 0..4 {
        let _ = writeln!(b, "- {}", rng.sentence(9));
    }
    let _ = writeln!(b, "\n| option | cost | verdict |\n|---|---|---|");
    for _ in 0..4 {
        let _ = writeln!(
            b,
            "| {} | {} | {} |",
            item(rng, 3),
            item(rng, 2),
            item(rng, 2)
        );
    }
    let other = goals.get(1).copied().unwrap_or(g);
    let _ = writeln!(
        b,
        "\n## Next steps\n\n{} See the [other goal](../goals/goal-{other}.md).\n",
        rng.paragraph(70)
    );
    for i in 1..=3 {
        let _ = writeln!(b, "{i}. {}", rng.sentence(8));
    }
    let _ = writeln!(b, "\n{}", rng.paragraph(60));
    if index % 10 == 3 {
        let _ = writeln!(
            b,
            "\n```private\nPersonal note {index}: {}\n```",
            rng.sentence(12)
        );
    }
    b
}

struct Meeting {
    slug: String,
    front: String,
    body: String,
    title: String,
    date: NaiveDate,
}

fn meeting(rng: &mut Rng, index: usize, date: NaiveDate, catch_up: bool) -> Meeting {
    let goals = [rng.goal(), rng.goal()];
    let slug = if catch_up {
        format!("{date}-catch-up-{index}")
    } else {
        format!("{date}-session-{index}")
    };
    let mut f = String::new();
    let _ = writeln!(f, "date: {date} 10:00\nduration: {}", 45 + rng.below(20));
    let _ = writeln!(f, "goals: [goal-{}, goal-{}]", goals[0], goals[1]);
    let cancelled = index % 50 == 49 && !catch_up;
    if cancelled {
        let _ = writeln!(
            f,
            "status: cancelled\ncancellation:\n  notice_given: {}\n  reason: {}\n  rescheduled_to: {}",
            day(date, -3),
            item(rng, 5),
            day(date, 1)
        );
        return Meeting {
            title: format!("Cancelled meeting {index}"),
            slug,
            front: f,
            body: format!("{}\n", rng.paragraph(30)),
            date,
        };
    }
    let _ = writeln!(f, "status: held\nagenda:");
    for _ in 0..3 {
        let _ = writeln!(f, "  - {}", item(rng, 7));
    }
    let _ = writeln!(f, "agenda_sent: {}\noutcomes:", day(date, -1));
    for _ in 0..2 {
        let _ = writeln!(f, "  - {}", item(rng, 8));
    }
    let _ = writeln!(f, "actions:");
    for (i, owner) in ["mentee", "mentee", "mentor"].iter().enumerate() {
        let due = day(date, 5 + i as i64);
        let _ = writeln!(
            f,
            "  - task: {}\n    owner: {owner}\n    due: {due}\n    done: {}",
            item(rng, 6),
            day(due, -1)
        );
        if *owner == "mentee" {
            let _ = writeln!(f, "    goal: goal-{}", goals[i % 2]);
        }
    }
    let _ = writeln!(
        f,
        "commitments:\n  - what: {}\n    followed_up: {}\n    fulfilled: {}",
        item(rng, 7),
        day(date, 3),
        day(date, 4)
    );
    let _ = writeln!(
        f,
        "feedback:\n  received:\n    - suggestion: {}\n      reflection: {}\n      decision: {}\n  given:\n    - {}",
        item(rng, 8),
        item(rng, 14),
        DECISIONS[rng.below(DECISIONS.len())],
        item(rng, 10)
    );
    let _ = writeln!(f, "summary_sent: {date}");
    if index % 100 == 7 {
        let _ = writeln!(f, "private_notes: {}", item(rng, 10));
    }
    Meeting {
        title: format!("Meeting {index}: {}", item(rng, 4)),
        slug,
        front: f,
        body: meeting_body(rng, &goals, index),
        date,
    }
}

fn goal(rng: &mut Rng, id: usize, start: NaiveDate, today: NaiveDate) -> (String, String, String) {
    let (objective, _) = OBJECTIVES[id % OBJECTIVES.len()];
    let title = format!("Goal {id}, {}", item(rng, 5).to_lowercase());
    let mut f = String::new();
    let _ = writeln!(
        f,
        "title: {title}\nobjective: {objective}\nstatus: active\nstarted: {start}\ntarget: {}\nbenchmarks:",
        day(today, 120 + id as i64)
    );
    for (due, done) in [
        (day(today, -90), Some(day(today, -95))),
        (day(today, -30), Some(day(today, -31))),
        (day(today, 60 + id as i64), None),
    ] {
        let _ = writeln!(f, "  - title: {}\n    due: {due}", item(rng, 6));
        if let Some(done) = done {
            let _ = writeln!(f, "    done: {done}");
        }
    }
    let _ = writeln!(f, "actions:");
    for _ in 0..3 {
        let _ = writeln!(f, "  - {}", item(rng, 6));
    }
    let mut body = format!("{}\n\n## Why\n\n", rng.paragraph(80));
    for _ in 0..3 {
        let _ = writeln!(body, "- {}", rng.sentence(8));
    }
    let _ = writeln!(body, "\n{}", rng.paragraph(60));
    (title, f, body)
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).expect("create a folder");
    }
    fs::write(path, text).expect("write a file");
}

fn page(front: &str, body: &str) -> String {
    format!("---\n{front}---\n{body}")
}

/// The Hugo copy of a page: the same front matter and body, plus the title and RFC 3339 date
/// Hugo expects.
fn hugo_page(title: &str, date: NaiveDate, front: &str, body: &str) -> String {
    let front: String = front
        .lines()
        .filter(|l| !l.starts_with("date:"))
        .map(|l| format!("{l}\n"))
        .collect();
    format!("---\ntitle: \"{title}\"\ndate: {date}T10:00:00Z\n{front}---\n{body}")
}

const HUGO_CONFIG: &str = r#"baseURL = "https://example.github.io/mentoring/"
languageCode = "en"
title = "Synthetic mentoring journal"
"#;

const BASEOF: &str = r#"<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head>
<meta charset="utf-8">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ .Site.Title }}</title>
</head>
<body>
<nav><a href="{{ "/" | relURL }}">Home</a> <a href="{{ "/meetings/" | relURL }}">Meetings</a> <a href="{{ "/goals/" | relURL }}">Goals</a> <a href="{{ "/activities/" | relURL }}">Activities</a></nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"#;

const LIST: &str = r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}
</ul>
{{ end }}
"#;

const SINGLE: &str = r#"{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<time>{{ .Date.Format "2006-01-02" }}</time>
{{ with .Params.agenda }}<h2>Agenda</h2><ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.outcomes }}<h2>Outcomes</h2><ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.actions }}<h2>Actions</h2><ul>{{ range . }}<li>{{ if reflect.IsMap . }}{{ .task }} ({{ .owner }}, due {{ .due }}){{ else }}{{ . }}{{ end }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.benchmarks }}<h2>Benchmarks</h2><ul>{{ range . }}<li>{{ .title }} (due {{ .due }})</li>{{ end }}</ul>{{ end }}
{{ .Content }}
</article>
{{ end }}
"#;

const HOME: &str = r#"{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
<h2>Recent meetings</h2>
<ul>
{{ range first 10 (where .Site.RegularPages "Section" "meetings") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}
</ul>
{{ end }}
"#;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(out)) = (
        args.first().and_then(|a| a.parse::<usize>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: bench_journal N OUT_DIR");
        std::process::exit(2);
    };
    let out = PathBuf::from(out);
    let journal = out.join("journal");
    let hugo = out.join("hugo");
    for dir in [&journal, &hugo] {
        if dir.exists() {
            fs::remove_dir_all(dir).expect("remove the old copy");
        }
    }
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").expect("a date");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ n as u64);

    // Meetings every two days up to yesterday; every 50th is cancelled and caught up the next day.
    let mut dates = Vec::with_capacity(n);
    let mut d = day(today, -1);
    while dates.len() < n {
        dates.push(d);
        d = day(d, -2);
    }
    dates.reverse();
    let start = dates[0];
    let mut meetings = Vec::with_capacity(n);
    let mut i = 0;
    while meetings.len() < n {
        let m = meeting(&mut rng, i, dates[i.min(n - 1)], false);
        let cancelled = m.front.contains("status: cancelled");
        let date = m.date;
        meetings.push(m);
        if cancelled && meetings.len() < n {
            meetings.push(meeting(&mut rng, i, day(date, 1), true));
        }
        i += 1;
    }

    write(
        &journal.join("mentorfolio.yaml"),
        &format!(
            "title: \"Synthetic mentoring journal\"\nmentee: {{ name: Ada Lovelace, email: ada@example.org }}\nmentor: {{ name: Grace Hopper }}\nbase_url: https://example.github.io/mentoring/\ntheme: default\ntimezone: Europe/London\nlanguage: en\nstart: {start}\ncadence: \"2 days\"\nmeeting_length: 60\nfollow_up_days: 7\nfeeds: true\n"
        ),
    );
    let mut plan = format!(
        "---\nobjective: Become a staff engineer who leads cross-team technical work\nhorizon: {}\nobjectives:\n",
        day(today, 365)
    );
    for (id, title) in OBJECTIVES {
        let _ = writeln!(plan, "  - id: {id}\n    title: {title}");
    }
    let _ = writeln!(plan, "---\n{}", rng.paragraph(120));
    write(&journal.join("plan.md"), &plan);

    for id in 1..=GOALS {
        let (title, front, body) = goal(&mut rng, id, start, today);
        let file = format!("goal-{id}.md");
        write(&journal.join("goals").join(&file), &page(&front, &body));
        write(
            &hugo.join("content/goals").join(&file),
            &hugo_page(&title, start, &front, &body),
        );
    }
    for m in &meetings {
        let file = format!("{}.md", m.slug);
        write(
            &journal.join("meetings").join(&file),
            &page(&m.front, &m.body),
        );
        write(
            &hugo.join("content/meetings").join(&file),
            &hugo_page(&m.title, m.date, &m.front, &m.body),
        );
    }
    for k in 0..n / 10 {
        let date = dates[(k * 10 + 5).min(n - 1)];
        let goal = rng.goal();
        let title = format!("Activity {k}, {}", item(&mut rng, 4).to_lowercase());
        let front = format!(
            "title: {title}\ndate: {date}\nkind: {}\nhours: {}\ngoals: [goal-{goal}]\n",
            KINDS[rng.below(KINDS.len())],
            1 + rng.below(12)
        );
        let body = format!(
            "{}\n\nIt served the [goal](../goals/goal-{goal}.md).\n\n{}\n",
            rng.paragraph(80),
            rng.paragraph(60)
        );
        let file = format!("{date}-activity-{k}.md");
        write(
            &journal.join("activities").join(&file),
            &page(&front, &body),
        );
        write(
            &hugo.join("content/activities").join(&file),
            &hugo_page(&title, date, &front, &body),
        );
    }

    write(&hugo.join("config.toml"), HUGO_CONFIG);
    write(&hugo.join("layouts/_default/baseof.html"), BASEOF);
    write(&hugo.join("layouts/_default/list.html"), LIST);
    write(&hugo.join("layouts/_default/single.html"), SINGLE);
    write(&hugo.join("layouts/index.html"), HOME);
    for (section, title) in [
        ("meetings", "Meetings"),
        ("goals", "Goals"),
        ("activities", "Activities"),
    ] {
        write(
            &hugo.join("content").join(section).join("_index.md"),
            &format!("---\ntitle: {title}\n---\n"),
        );
    }
    println!(
        "wrote {} meetings, {GOALS} goals, {} activities to {}",
        meetings.len(),
        n / 10,
        out.display()
    );
}
