//! `mentorfolio agenda`: the proposed agenda of the next meeting, as Markdown on stdout.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn agenda(root: &Path, today: &str) -> assert_cmd::assert::Assert {
    Command::cargo_bin("mentorfolio")
        .unwrap()
        .env_remove("MENTORFOLIO_TODAY")
        .args(["--color=never", "--today", today, "--root"])
        .arg(root)
        .arg("agenda")
        .assert()
}

fn example_site() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/example-site"))
}

#[test]
fn the_planned_meeting_keeps_its_points_and_gains_the_open_ones() {
    agenda(example_site(), "2026-08-28").success().stdout(
        "# Agenda: mentoring session on 9 September 2026 at 10:00

Priya Raman and Helen Achebe, 60 minutes.

- Helen's notes on the recorded run of the talk
- Runbook structure before I write the rest of it
- Who should chair the first forum session I do not run
- Follow up: Watch the recorded run of the talk and send three notes (Helen Achebe's action from 26 August 2026, due 4 September 2026)
- Follow up: Write the facilitator's guide for the design forum (action from 26 August 2026, due 8 September 2026)
- Follow up: Outline the third blog post (action from 26 August 2026, due 9 September 2026)
- Follow up: First draft of the tracing runbook, built from the last three incident investigations (action from 26 August 2026, due 18 September 2026)
- Check on: Share the promotion evidence template her org uses (mentor's commitment from 12 August 2026, followed up 24 August 2026)
- Check on: Introduce me to the SRE lead in her org to compare on-call training formats (mentor's commitment from 26 August 2026, followed up 27 August 2026)
",
    );
}

#[test]
fn without_a_planned_meeting_the_cadence_gives_the_date() {
    // The planned 2026-09-09 meeting is past; the last held one was 2026-08-26 and the
    // cadence is biweekly: 09-09, 09-23, 10-07 are past, so 10-21.
    agenda(example_site(), "2026-10-08")
        .success()
        .stdout(predicate::str::starts_with(
            "# Agenda: mentoring session on 21 October 2026\n\nPriya Raman and Helen Achebe, 60 minutes. Proposed date by the biweekly cadence.\n",
        ))
        .stdout(predicate::str::contains(
            "- Follow up: Watch the recorded run of the talk and send three notes (Helen Achebe's action from 26 August 2026, due 4 September 2026)\n",
        ))
        .stdout(predicate::str::contains(
            "- Benchmark: Hand facilitation over to a rotating chair (Run a cross-team design review forum, due 30 October 2026)\n",
        ))
        .stdout(predicate::str::contains(
            "- Goal check-in: Lead the distributed tracing rollout (last discussed 26 August 2026)\n",
        ))
        .stdout(predicate::str::contains("CANARY").not());
}

#[test]
fn the_same_journal_and_day_give_the_same_bytes() {
    let a = agenda(example_site(), "2026-08-28")
        .get_output()
        .stdout
        .clone();
    let b = agenda(example_site(), "2026-08-28")
        .get_output()
        .stdout
        .clone();
    assert!(!a.is_empty());
    assert_eq!(a, b);
}

#[test]
fn a_journal_with_errors_gets_its_diagnostics_instead() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("plan.md"), "---\nobjective: Grow\n---\n").unwrap();
    agenda(tmp.path(), "2026-08-28")
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("E007"));
}
