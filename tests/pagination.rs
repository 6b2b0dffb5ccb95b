//! Long lists are split into pages of 100: the meeting log, the action items, the
//! activities and the timeline, each at `SECTION/page/N/` after the first.

use std::path::Path;

use assert_cmd::Command;
use chrono::{Duration, NaiveDate};

const TODAY: &str = "2026-03-01";

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A journal of `n` weekly meetings from 2022-01-03, each with one action item done.
fn journal(root: &Path, n: i64) {
    write(
        root,
        "mentorfolio.yaml",
        "title: Long journal\nmentee: { name: Ada }\nmentor: { name: Grace }\nbase_url: https://ada.example.org/\nstart: 2022-01-03\nindexable: true\n",
    );
    write(root, "plan.md", "---\nobjective: Grow\n---\nThe plan.\n");
    let first = NaiveDate::from_ymd_opt(2022, 1, 3).unwrap();
    for i in 0..n {
        let day = first + Duration::weeks(i);
        let done = day + Duration::days(2);
        write(
            root,
            &format!("meetings/{day}-week-{i}.md"),
            &format!(
                "---\ndate: {day} 10:00\nagenda: [Review]\nagenda_sent: {day}\noutcomes: [Agreed]\nsummary_sent: {day}\nactions:\n  - {{ task: Task of week {i}, owner: mentee, due: {done}, done: {done} }}\nfeedback:\n  received:\n    - {{ suggestion: Suggestion of week {i}, decision: adopted }}\n---\nNotes of week {i}.\n"
            ),
        );
    }
}

fn build(root: &Path, out: &Path) {
    Command::cargo_bin("mentorfolio")
        .unwrap()
        .arg("--root")
        .arg(root)
        .args(["--today", TODAY, "--quiet", "build", "--output-dir"])
        .arg(out)
        .assert()
        .success();
}

fn page(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn a_long_meeting_log_actions_and_timeline_are_paginated() {
    let tmp = tempfile::tempdir().unwrap();
    let (root, out) = (tmp.path().join("journal"), tmp.path().join("site"));
    journal(&root, 205);
    build(&root, &out);

    // Newest first: page 1 holds weeks 204..105, page 2 weeks 104..5, page 3 weeks 4..0.
    let log = page(&out, "meetings/index.html");
    assert!(log.contains("Week 204") && log.contains("Week 105") && !log.contains("Week 104<"));
    assert!(log.contains(r#"<a rel="next" href="/meetings/page/2/">"#));
    assert!(!log.contains(r#"rel="prev""#));
    let second = page(&out, "meetings/page/2/index.html");
    assert!(second.contains("Week 104") && second.contains("Week 5<"));
    assert!(second.contains("101 to 200 of 205, page 2 of 3."));
    assert!(second.contains(r#"<a rel="prev" href="/meetings/">"#));
    assert!(second.contains(r#"<a href="/meetings/page/2/" aria-current="page">"#));
    let third = page(&out, "meetings/page/3/index.html");
    assert!(third.contains("Week 0<") && !third.contains(r#"rel="next""#));
    assert!(!out.join("meetings/page/1").exists() && !out.join("meetings/page/4").exists());

    // The rhythm is on the first page of the log only.
    assert!(log.contains("rhythm-heading") && !second.contains("rhythm-heading"));

    // Action items keep their totals on every page; done ones run newest first.
    let actions = page(&out, "actions/index.html");
    assert!(actions.contains("Done (205)") && actions.contains("Task of week 105<"));
    assert!(!actions.contains("Task of week 104<"));
    let last = page(&out, "actions/page/3/index.html");
    assert!(last.contains("Done (205)") && last.contains("Task of week 0<"));
    assert!(!last.contains("Task of week 5<") && !last.contains("Nothing overdue"));

    // Two events a week (meeting held, action done): 410 events on five pages; the
    // progress chart and the monthly table only on the first.
    let timeline = page(&out, "timeline/index.html");
    assert!(timeline.contains("progress-heading"));
    let later = page(&out, "timeline/page/5/index.html");
    assert!(!later.contains("progress-heading") && later.contains("401 to 410 of 410"));
    assert!(!out.join("timeline/page/6").exists());

    // The review lists the 50 newest suggestions and counts every decision.
    let review = page(&out, "review/index.html");
    assert!(
        review.contains("Suggestion of week 155<") && !review.contains("Suggestion of week 154<")
    );
    assert!(review.contains("The 50 newest of 205 suggestions"));
    assert!(review.contains("adopted: 205"));

    let sitemap = page(&out, "sitemap.xml");
    assert!(sitemap.contains("https://ada.example.org/meetings/page/3/"));
    assert!(sitemap.contains("https://ada.example.org/timeline/page/5/"));
}

#[test]
fn a_short_journal_has_one_page_per_list_and_no_page_links() {
    let tmp = tempfile::tempdir().unwrap();
    let (root, out) = (tmp.path().join("journal"), tmp.path().join("site"));
    journal(&root, 100);
    build(&root, &out);
    let log = page(&out, "meetings/index.html");
    assert!(log.contains("Week 0<") && log.contains("Week 99"));
    assert!(!log.contains(r#"class="pagination""#));
    assert!(!out.join("meetings/page").exists());
    assert!(out.join("timeline/page/2/index.html").exists());
}
