//! Confidentiality, defence in depth: a distinct canary in every private place a journal
//! has, and not one canary byte in anything the tool produces: every file `build`
//! writes, every page `serve` answers (and its 404 page), every meeting's `summary`, and
//! the `agenda`. A file made private later disappears from the next build and from the
//! running server.

mod common;

use std::time::{Duration, Instant};

use common::Journal;
use common::served::{REBUILD, build_then_serve, files, get, target_of};

/// One canary for each private place.
const CANARIES: &[&str] = &[
    "CANARY-FOLDER-FILE",
    "CANARY-FOLDER-NESTED",
    "CANARY-PRIVATE-GOAL-TITLE",
    "CANARY-PRIVATE-GOAL-BODY",
    "CANARY-PRIVATE-MEETING-AGENDA",
    "CANARY-PRIVATE-MEETING-BODY",
    "CANARY-PRIVATE-ACTIVITY-TITLE",
    "CANARY-PRIVATE-ACTIVITY-BODY",
    "CANARY-MEETING-BLOCK",
    "CANARY-MEETING-UNCLOSED",
    "CANARY-UNCLOSED-SECOND-LINE",
    "CANARY-GOAL-BLOCK",
    "CANARY-ACTIVITY-BLOCK",
    "CANARY-GOAL-NOTES",
    "CANARY-MEETING-NOTES",
    "CANARY-MEETING-NOTES-NESTED",
    "CANARY-ACTIVITY-NOTES",
    "CANARY-PLAN-NOTES",
    "CANARY-PLAN-BLOCK",
];

/// A journal with public content around every kind of private passage.
fn journal() -> Journal {
    let j = Journal::new();
    j.write(
        "plan.md",
        "---\nobjective: Lead cross-team technical work\nprivate_notes: CANARY-PLAN-NOTES about my manager\n---\nThe public plan.\n\n```private\nCANARY-PLAN-BLOCK what I really think\n```\n\nMore plan.\n",
    );
    j.write(
        "private/reflections.md",
        "---\ntitle: CANARY-FOLDER-FILE\n---\nCANARY-FOLDER-FILE in the body\n",
    );
    j.write("private/deep/raw.txt", "CANARY-FOLDER-NESTED\n");
    j.write(
        "goals/talk.md",
        "---\ntitle: Give a talk\ntarget: 2026-06-30\nbenchmarks:\n  - { title: Submit, due: 2026-02-01, done: 2026-01-30 }\nactions: [Write]\nprivate_notes: CANARY-GOAL-NOTES salary talk\n---\nWhy it matters.\n\n```private\nCANARY-GOAL-BLOCK stays home\n```\n",
    );
    j.write(
        "goals/secret.md",
        "---\ntitle: CANARY-PRIVATE-GOAL-TITLE\nprivate: true\n---\nCANARY-PRIVATE-GOAL-BODY\n",
    );
    j.write(
        "meetings/2026-01-07-kickoff.md",
        "---\ndate: 2026-01-07 10:00\ngoals: [talk]\nagenda: [Talk plans]\nagenda_sent: 2026-01-05\noutcomes: [Go ahead]\nactions:\n  - { task: Draft abstract, owner: mentee, due: 2026-01-20, done: 2026-01-18 }\nsummary_sent: 2026-01-07\nprivate_notes:\n  mood: CANARY-MEETING-NOTES tired\n  more: [CANARY-MEETING-NOTES-NESTED]\n---\nPublic notes.\n\n```private\nCANARY-MEETING-BLOCK what was said\n```\n\nBetween the blocks.\n\n````private\nCANARY-MEETING-UNCLOSED runs to the end\nCANARY-UNCLOSED-SECOND-LINE too\n",
    );
    j.write(
        "meetings/2026-01-14-secret.md",
        "---\ndate: 2026-01-14\nprivate: true\nagenda: [CANARY-PRIVATE-MEETING-AGENDA]\noutcomes: [CANARY-PRIVATE-MEETING-AGENDA outcome]\n---\nCANARY-PRIVATE-MEETING-BODY\n",
    );
    j.write(
        "meetings/2026-02-04-review.md",
        "---\ndate: 2026-02-04 10:00\ngoals: [talk]\nagenda: [Review]\nagenda_sent: 2026-02-02\noutcomes: [Keep going]\nsummary_sent: 2026-02-04\n---\nReview notes.\n",
    );
    j.write(
        "meetings/2026-03-10-next.md",
        "---\ndate: 2026-03-10 10:00\nagenda: [Next steps]\n---\n",
    );
    j.write(
        "activities/course.md",
        "---\ntitle: Soon private course\ndate: 2026-01-20\nkind: course\nprivate_notes: CANARY-ACTIVITY-NOTES cost\n---\nLearned things.\n\n```private\nCANARY-ACTIVITY-BLOCK stays home\n```\n",
    );
    j.write(
        "activities/secret.md",
        "---\ntitle: CANARY-PRIVATE-ACTIVITY-TITLE\ndate: 2026-01-21\nkind: other\nprivate: true\n---\nCANARY-PRIVATE-ACTIVITY-BODY\n",
    );
    j
}

/// Panics naming every canary found in `bytes`.
fn assert_no_canary(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let found: Vec<&str> = CANARIES
        .iter()
        .copied()
        .filter(|c| text.contains(c))
        .collect();
    assert!(found.is_empty(), "{what} leaks {found:?}");
    assert!(!text.contains("CANARY"), "{what} leaks a canary");
}

#[test]
fn no_canary_in_anything_build_writes() {
    let j = journal();
    j.cmd(&["build"]).assert().success();
    let out = files(&j.path().join("public"));
    assert!(out.len() > 10);
    // The public parts around the private ones are there.
    let kickoff = &out
        .iter()
        .find(|(p, _)| p == "meetings/2026-01-07-kickoff/index.html")
        .unwrap()
        .1;
    let kickoff = String::from_utf8_lossy(kickoff);
    assert!(kickoff.contains("Public notes.") && kickoff.contains("Between the blocks."));
    for (path, bytes) in &out {
        assert_no_canary(path, bytes);
    }
}

#[test]
fn no_canary_in_any_summary_or_the_agenda() {
    let j = journal();
    for meeting in [
        None,
        Some("2026-01-07-kickoff"),
        Some("2026-02-04-review"),
        Some("2026-03-10-next"),
        Some("2026-01-14-secret"),
        Some("2026-01-14"),
    ] {
        let mut args = vec!["summary"];
        args.extend(meeting);
        let out = j.cmd(&args).output().unwrap();
        assert_no_canary(&format!("summary {meeting:?} stdout"), &out.stdout);
        assert_no_canary(&format!("summary {meeting:?} stderr"), &out.stderr);
        if meeting == Some("2026-01-07-kickoff") {
            assert!(out.status.success());
            assert!(String::from_utf8_lossy(&out.stdout).contains("Go ahead"));
        }
    }
    let out = j.cmd(&["agenda"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_no_canary("agenda stdout", &out.stdout);
    assert_no_canary("agenda stderr", &out.stderr);
    let out = j.cmd(&["check"]).output().unwrap();
    assert_no_canary("check stdout", &out.stdout);
    assert_no_canary("check stderr", &out.stderr);
}

#[test]
fn no_canary_on_any_served_page_and_a_file_made_private_disappears() {
    let j = journal();
    let (built, server) = build_then_serve(&j);
    let mut served = 0;
    for (path, _) in &built {
        let target = target_of(path);
        let (status, body) = get(server.addr, &target);
        assert_eq!(status, 200, "{target}");
        assert_no_canary(&format!("served {target}"), &body);
        served += 1;
    }
    assert!(served > 10);
    for missing in [
        "/no-such-page/",
        "/goals/secret/",
        "/meetings/2026-01-14-secret/",
        "/private/reflections/",
    ] {
        let (status, body) = get(server.addr, missing);
        assert_eq!(status, 404, "{missing}");
        assert_no_canary(&format!("404 for {missing}"), &body);
    }

    // Before: the course is published.
    let (status, body) = get(server.addr, "/activities/course/");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("Soon private course"));

    // Make it private: the server drops it after its rebuild, and so does the next build.
    j.write(
        "activities/course.md",
        "---\ntitle: Soon private course\ndate: 2026-01-20\nkind: course\nprivate: true\n---\nLearned things.\n",
    );
    let deadline = Instant::now() + REBUILD;
    loop {
        let (status, _) = get(server.addr, "/activities/course/");
        if status == 404 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the server still serves the private page"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    for (path, _) in &built {
        let (_, body) = get(server.addr, &target_of(path));
        let text = String::from_utf8_lossy(&body);
        assert!(
            !text.contains("Soon private course"),
            "{path} still names it"
        );
        assert_no_canary(path, &body);
    }
    drop(server);

    j.cmd(&["build"]).assert().success();
    let rebuilt = files(&j.path().join("public"));
    assert!(
        !rebuilt
            .iter()
            .any(|(p, _)| p.starts_with("activities/course/"))
    );
    for (path, bytes) in &rebuilt {
        assert!(
            !String::from_utf8_lossy(bytes).contains("Soon private course"),
            "{path} still names the private activity"
        );
        assert_no_canary(path, bytes);
    }
}
