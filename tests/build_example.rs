//! `mentorfolio build` on the example journal: every page type, links, feeds, privacy
//! and determinism, through the binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const TODAY: &str = "2026-08-28";

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site")
}

fn build(out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("mentorfolio")
        .unwrap()
        .arg("--root")
        .arg(example())
        .args(["--today", TODAY, "build", "--output-dir"])
        .arg(out)
        .args(extra)
        .assert()
}

/// Every file of a folder by relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn page(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn built() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&out, &[]).success();
    (tmp, out)
}

#[test]
fn every_page_type_is_written() {
    let (_tmp, out) = built();
    for rel in [
        "index.html",
        "goals/index.html",
        "goals/public-speaking/index.html",
        "goals/engineering-blog/index.html",
        "meetings/index.html",
        "meetings/2026-03-04-kickoff/index.html",
        "actions/index.html",
        "activities/index.html",
        "activities/2026-08-technical-writing/index.html",
        "timeline/index.html",
        "checklist/index.html",
        "review/index.html",
        "plan/index.html",
        "404.html",
        "feed.xml",
        "meetings.ics",
        "robots.txt",
        ".nojekyll",
        "style.css",
    ] {
        assert!(out.join(rel).is_file(), "{rel} is missing");
    }
    assert!(!out.join("CNAME").exists(), "no cname in the config");
    assert!(
        !out.join("sitemap.xml").exists(),
        "no sitemap unless indexable"
    );
}

#[test]
fn dashboard_shows_goals_next_meeting_and_score() {
    let (_tmp, out) = built();
    let html = page(&out, "index.html");
    assert!(html.contains("Give a talk at a regional conference"));
    assert!(
        html.contains(r#"<progress max="100" value="75""#),
        "goal progress bar"
    );
    // The next planned meeting and its agenda.
    assert!(html.contains("/mentoring/meetings/2026-09-09-autumn-planning/"));
    assert!(html.contains("Runbook structure before I write the rest of it"));
    assert!(html.contains("Checklist score"));
    // A paused goal is not among the active goals.
    assert!(!html.contains("Mentor a junior engineer through their first on-call rotation"));
    assert_eq!(html.matches("<h1>").count(), 1);
}

#[test]
fn goal_page_has_chart_table_and_links() {
    let (_tmp, out) = built();
    let html = page(&out, "goals/public-speaking/index.html");
    assert!(html.contains("<svg"));
    assert!(html.contains("3 of 4 benchmarks done"));
    assert!(html.contains("Deliver the talk at Pennine DevConf"));
    assert!(html.contains("upcoming"));
    assert!(html.contains(r#"href="/mentoring/activities/2026-07-northern-tech-day/""#));
    assert!(html.contains(r#"href="/mentoring/plan/#objective-visibility""#));
}

#[test]
fn meeting_pages_show_cancellations_agendas_and_journal_links() {
    let (_tmp, out) = built();
    let cancelled = page(&out, "meetings/2026-04-15-team-offsite-clash/index.html");
    assert!(cancelled.contains("Cancelled"));
    assert!(cancelled.contains("The payments team offsite in Bristol"));
    assert!(cancelled.contains(r#"href="/mentoring/meetings/2026-04-17-rescheduled-catch-up/""#));
    let planned = page(&out, "meetings/2026-09-09-autumn-planning/index.html");
    assert!(planned.contains("Who should chair the first forum session I do not run"));
    assert!(
        !planned.contains("outcomes-heading"),
        "a planned meeting has no outcomes yet"
    );
    let held = page(&out, "meetings/2026-07-01-talk-accepted/index.html");
    // `[talk](../../goals/public-speaking.md)` becomes a page link.
    assert!(held.contains(r#"<a href="/mentoring/goals/public-speaking/">talk</a>"#));
    assert!(held.contains("Build the whole talk around the one incident"));
    assert!(held.contains("adopted"));
    let table = page(&out, "meetings/2026-07-20-talk-dry-run/index.html");
    assert!(table.contains("<table>"), "Markdown tables render");
}

#[test]
fn actions_review_checklist_timeline_and_plan() {
    let (_tmp, out) = built();
    let actions = page(&out, "actions/index.html");
    assert!(actions.contains("Priya Raman (mentee)"));
    assert!(actions.contains("Helen Achebe (mentor)"));
    assert!(actions.contains("Overdue ("));
    assert!(actions.contains("/mentoring/meetings/2026-07-29-second-post/"));
    let review = page(&out, "review/index.html");
    assert!(review.contains("Summer review"), "the last held meeting");
    assert!(review.contains("Waiting on the mentor"));
    let checklist = page(&out, "checklist/index.html");
    for n in 1..=10 {
        assert!(checklist.contains(&format!(r#"id="item-{n}""#)), "item {n}");
    }
    assert!(checklist.contains("Confidentiality"));
    assert!(checklist.contains(
        "private passages removed and verified absent from the site: <strong>4 of 4</strong>"
    ));
    let timeline = page(&out, "timeline/index.html");
    assert!(timeline.contains("<svg"));
    assert!(timeline.contains("March 2026"));
    let plan = page(&out, "plan/index.html");
    assert!(plan.contains(r#"id="objective-visibility""#));
    assert!(plan.contains(r#"<h2 id="where-i-am-strong">"#));
}

#[test]
fn private_content_reaches_no_output_byte() {
    let (_tmp, out) = built();
    for (rel, bytes) in files(&out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("CANARY-EXAMPLE"), "{rel} leaks a canary");
        assert!(
            !text.contains("reflections-on-team-move"),
            "{rel} names a private file"
        );
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build(&a, &[]).success();
    build(&b, &[]).success();
    assert_eq!(files(&a), files(&b));
}

#[test]
fn feed_parses_as_atom() {
    let (_tmp, out) = built();
    let feed = feed_rs::parser::parse(std::fs::read(out.join("feed.xml")).unwrap().as_slice())
        .expect("valid Atom");
    assert_eq!(feed.title.unwrap().content, "Priya's mentoring journal");
    assert!(feed.entries.len() > 20);
    let first = &feed.entries[0];
    assert!(
        first
            .title
            .as_ref()
            .unwrap()
            .content
            .contains("Summer review")
    );
    assert_eq!(
        first.links[0].href,
        "https://example.github.io/mentoring/meetings/2026-08-26-summer-review/"
    );
}

#[test]
fn calendar_parses_with_one_event_per_meeting() {
    use icalendar::Component;
    let (_tmp, out) = built();
    let text = page(&out, "meetings.ics");
    assert!(text.contains("\r\n"));
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "every line ends with CRLF"
    );
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line}");
    }
    let cal: icalendar::Calendar = text.parse().expect("valid iCalendar");
    let events: Vec<_> = cal.events().collect();
    assert_eq!(events.len(), 23);
    let cancelled = events
        .iter()
        .find(|e| e.get_uid() == Some("2026-04-15-team-offsite-clash@example.github.io"))
        .unwrap();
    assert_eq!(
        cancelled.get_status(),
        Some(icalendar::EventStatus::Cancelled)
    );
    assert!(
        cancelled
            .get_summary()
            .unwrap()
            .contains("Team offsite clash")
    );
    // 10:00 in London in April is 09:00 UTC.
    assert!(text.contains("DTSTART:20260415T090000Z"));
}

#[test]
fn feeds_off_means_no_feed_or_calendar() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("journal");
    copy_dir(&example(), &root);
    let config = std::fs::read_to_string(root.join("mentorfolio.yaml")).unwrap();
    std::fs::write(
        root.join("mentorfolio.yaml"),
        config.replace("feeds: true", "feeds: false\ncname: mentoring.example.org"),
    )
    .unwrap();
    Command::cargo_bin("mentorfolio")
        .unwrap()
        .arg("--root")
        .arg(&root)
        .args(["--today", TODAY, "build"])
        .assert()
        .success();
    let out = root.join("public");
    assert!(!out.join("feed.xml").exists());
    assert!(!out.join("meetings.ics").exists());
    assert_eq!(page(&out, "CNAME"), "mentoring.example.org\n");
    assert!(!page(&out, "index.html").contains("feed.xml"));
}

pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e.path().strip_prefix(from).unwrap();
        if rel.starts_with("public") {
            continue;
        }
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// Every `href="…"` and `src="…"` value of a page.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap();
            out.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    out
}

fn ids(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(" id=\"") {
        rest = &rest[i + 5..];
        let end = rest.find('"').unwrap();
        out.push(rest[..end].to_string());
        rest = &rest[end..];
    }
    out
}

#[test]
fn every_internal_link_resolves_under_a_sub_path() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&out, &["--base-url", "https://user.github.io/repo/"]).success();
    let all = files(&out);
    let mut checked = 0;
    for (rel, bytes) in all.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        let own_ids = ids(&html);
        let mut seen = std::collections::HashSet::new();
        for id in &own_ids {
            assert!(seen.insert(id), "{rel}: duplicate id {id}");
        }
        for link in links(&html) {
            if link.starts_with("https://")
                || link.starts_with("http://")
                || link.starts_with("mailto:")
            {
                assert!(
                    !html.contains(&format!("src=\"{link}\"")),
                    "{rel}: external asset {link}"
                );
                continue;
            }
            let (path, fragment) = link.split_once('#').unwrap_or((&link, ""));
            let target = if path.is_empty() {
                rel.clone()
            } else {
                let inner = path
                    .strip_prefix("/repo/")
                    .unwrap_or_else(|| panic!("{rel}: link {link} is not under /repo/"));
                if inner.is_empty() || inner.ends_with('/') {
                    format!("{inner}index.html")
                } else {
                    inner.to_string()
                }
            };
            let bytes = all
                .get(&target)
                .unwrap_or_else(|| panic!("{rel}: link {link} has no file {target}"));
            if !fragment.is_empty() {
                let target_ids = ids(&String::from_utf8_lossy(bytes));
                assert!(
                    target_ids.iter().any(|i| i == fragment),
                    "{rel}: link {link} has no element with id {fragment}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} links checked");
    // Search engines are kept out of every page and, at a host's root, by robots.txt.
    assert_eq!(all["robots.txt"], b"User-agent: *\nDisallow: /\n");
    for (rel, bytes) in all.iter().filter(|(rel, _)| rel.ends_with(".html")) {
        let page = String::from_utf8_lossy(bytes);
        assert!(
            page.contains("<meta name=\"robots\" content=\"noindex\">"),
            "{rel}"
        );
    }
}
