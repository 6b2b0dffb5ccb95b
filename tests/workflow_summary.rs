//! `mentorfolio summary`: the follow-up e-mail of a meeting, never with anything private.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn summary(root: &Path, today: &str, meeting: Option<&str>) -> assert_cmd::assert::Assert {
    let mut cmd = Command::cargo_bin("mentorfolio").unwrap();
    cmd.env_remove("MENTORFOLIO_TODAY")
        .args(["--color=never", "--today", today, "--root"])
        .arg(root)
        .arg("summary");
    if let Some(m) = meeting {
        cmd.arg(m);
    }
    cmd.assert()
}

fn example_site() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/example-site"))
}

/// A journal made by `init` on 2026-09-01, in a temporary folder.
fn new_journal() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    Command::cargo_bin("mentorfolio")
        .unwrap()
        .args(["--today", "2026-09-01", "--quiet", "init"])
        .arg(tmp.path())
        .assert()
        .success();
    tmp
}

fn stdout(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stdout.clone()).unwrap()
}

#[test]
fn the_latest_held_meeting_by_default() {
    let out = summary(example_site(), "2026-08-28", None).success();
    let text = stdout(&out);
    assert!(
        text.starts_with("# Summary of our mentoring session on 26 August 2026 at 10:00\n"),
        "{text}"
    );
    for line in [
        "## Goals discussed\n\n- Run a cross-team design review forum\n- Give a talk at a regional conference\n- Publish four posts on the engineering blog\n- Lead the distributed tracing rollout\n",
        "## Agenda covered\n\n- Six-month review against the plan\n",
        "## Outcomes\n\n- Stay biweekly through the talk in October, then review again\n- Third blog post will be about the tracing rollout, due mid-October\n- Runbook written with the on-call team, with two training sessions in October\n",
        "- Write the facilitator's guide for the design forum: Priya Raman, due 8 September 2026\n",
        "- Watch the recorded run of the talk and send three notes: Helen Achebe, due 4 September 2026\n",
        "## What Helen Achebe offered\n\n- Introduce me to the SRE lead in her org to compare on-call training formats\n",
        "- Run the on-call training as a live incident game rather than a slide walkthrough: considering. I like it but I have never run one.",
        "## Next meeting\n\n9 September 2026 at 10:00\n",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    assert!(!text.contains("CANARY"));
}

#[test]
fn no_meeting_of_the_example_leaks_a_canary() {
    let meetings = example_site().join("meetings/2026");
    let mut names: Vec<String> = fs::read_dir(&meetings)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() > 20);
    for name in names {
        let slug = name.trim_end_matches(".md");
        let out = summary(example_site(), "2026-08-28", Some(slug)).success();
        let text = stdout(&out);
        assert!(
            text.starts_with("# Summary of our mentoring session on ")
                || text.starts_with("# Our mentoring session on "),
            "{slug}"
        );
        assert!(!text.contains("CANARY"), "{slug} leaks:\n{text}");
    }
}

#[test]
fn a_meeting_by_date_and_the_next_date_by_cadence() {
    // The last meeting of the journal, so the next one comes from the biweekly cadence.
    summary(example_site(), "2026-09-10", Some("2026-09-09"))
        .success()
        .stdout(predicate::str::contains(
            "# Summary of our mentoring session on 9 September 2026 at 10:00\n",
        ))
        .stdout(predicate::str::contains(
            "## Next meeting\n\n23 September 2026 (by our biweekly cadence)\n",
        ));
}

#[test]
fn an_unknown_meeting_names_the_nearest() {
    summary(
        example_site(),
        "2026-08-28",
        Some("2026-08-26-sumer-review"),
    )
    .code(1)
    .stdout("")
    .stderr(predicate::str::contains(
        "did you mean `2026-08-26-summer-review`?",
    ));
}

#[test]
fn private_passages_of_a_meeting_stay_out() {
    let tmp = new_journal();
    fs::write(
        tmp.path().join("meetings/2026-09-08-pay.md"),
        "---
date: 2026-09-08
status: held
agenda: [Salary review timing]
agenda_sent: 2026-09-06
outcomes: [Raise it with my manager in October]
actions:
  - { task: Book the conversation, owner: mentee, due: 2026-09-15 }
private_notes: CANARY-TEMP-PRIVATE-NOTES
summary_sent: 2026-09-08
---
Public notes.

```private
CANARY-TEMP-PRIVATE-BLOCK the numbers we discussed
```
",
    )
    .unwrap();
    fs::write(
        tmp.path().join("meetings/2026-09-09-secret.md"),
        "---\ndate: 2026-09-09\nprivate: true\noutcomes: [CANARY-TEMP-PRIVATE-FILE]\n---\n",
    )
    .unwrap();
    let out = summary(tmp.path(), "2026-09-10", None).success();
    let text = stdout(&out);
    assert!(
        text.contains("# Summary of our mentoring session on 8 September 2026\n"),
        "{text}"
    );
    assert!(
        text.contains("- Raise it with my manager in October\n"),
        "{text}"
    );
    assert!(
        text.contains("- Book the conversation: Your Name, due 15 September 2026\n"),
        "{text}"
    );
    assert!(!text.contains("CANARY"), "{text}");

    let out = summary(tmp.path(), "2026-09-10", Some("2026-09-09-secret")).code(1);
    let all = [&out.get_output().stdout[..], &out.get_output().stderr[..]].concat();
    assert!(!String::from_utf8_lossy(&all).contains("CANARY"));
}

#[test]
fn a_summary_that_would_repeat_a_private_line_is_withheld() {
    let tmp = new_journal();
    // The mentee copied a private line into a public outcome by mistake.
    fs::write(
        tmp.path().join("meetings/2026-09-08.md"),
        "---
date: 2026-09-08
agenda: [Team changes]
agenda_sent: 2026-09-07
outcomes: [CANARY-TEMP-COPIED the reorg moves me in November]
summary_sent: 2026-09-08
---
```private
CANARY-TEMP-COPIED the reorg moves me in November
```
",
    )
    .unwrap();
    // Nothing is printed for the mentor; the terminal names the field that repeated it.
    summary(tmp.path(), "2026-09-10", None)
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("error[E009]"))
        .stderr(predicate::str::contains("meetings/2026-09-08.md:5"))
        .stderr(predicate::str::contains(
            "`outcomes.0` repeats a private passage",
        ));
}
