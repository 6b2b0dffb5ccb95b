//! The portfolio page through the binary: the plan, every goal with its benchmarks, what
//! meetings decided, activities with hours and the checklist score on one page; nothing
//! private; and, on a protected site, sealed like every other page.

mod common;

use std::path::Path;

use common::{Journal, PASSPHRASE, protected_example};

fn portfolio(j: &Journal) -> String {
    j.cmd(&["build"]).assert().success();
    std::fs::read_to_string(j.path().join("public/portfolio/index.html")).unwrap()
}

fn journal() -> Journal {
    let j = Journal::new();
    j.write(
        "plan.md",
        "---\nobjective: Lead cross-team technical work\nhorizon: 2026-12-31\nobjectives:\n  - { id: lead, title: Lead decisions across teams }\nprivate_notes: CANARY-PLAN-NOTES\n---\nWhy.\n",
    );
    j.write(
        "goals/talk.md",
        "---\ntitle: Give a talk\nobjective: lead\nstatus: active\ntarget: 2026-06-30\nbenchmarks:\n  - { title: Submit a proposal, due: 2026-02-01, done: 2026-01-30 }\n  - { title: Deliver the talk, due: 2026-06-20 }\nactions: [Write]\nprivate_notes: CANARY-GOAL-NOTES\n---\nWhy.\n",
    );
    j.write(
        "goals/secret.md",
        "---\ntitle: CANARY-PRIVATE-GOAL\nprivate: true\n---\nx\n",
    );
    j.write(
        "meetings/2026-01-07-kickoff.md",
        "---\ndate: 2026-01-07\ngoals: [talk]\nagenda: [Plans]\nagenda_sent: 2026-01-05\noutcomes: [Aim for the spring CFPs]\nfeedback:\n  received:\n    - { suggestion: Lead with the story, reflection: It reads better, decision: adopted }\nsummary_sent: 2026-01-07\n---\nNotes.\n\n```private\nCANARY-MEETING-BLOCK\n```\n",
    );
    j.write(
        "meetings/2026-01-14.md",
        "---\ndate: 2026-01-14\nprivate: true\noutcomes: [CANARY-PRIVATE-OUTCOME]\n---\nx\n",
    );
    j.write(
        "activities/workshop.md",
        "---\ntitle: Facilitation workshop\ndate: 2026-01-20\nkind: workshop\nhours: 6\ngoals: [talk]\n---\nLearnt.\n",
    );
    j.write(
        "activities/reading.md",
        "---\ntitle: Staff Engineer\ndate: 2026-02-10\nkind: reading\nhours: 4.5\n---\nRead.\n",
    );
    j
}

#[test]
fn the_portfolio_gathers_plan_goals_outcomes_activities_and_checklist() {
    let j = journal();
    let page = portfolio(&j);
    for expected in [
        "<h1>Mentoring portfolio</h1>",
        "Lead cross-team technical work",
        "Lead decisions across teams",
        "href=\"/goals/talk/\">Give a talk</a>",
        "serves Lead decisions across teams",
        ">Submit a proposal</td>",
        ">Deliver the talk</td>",
        "50 %",
        "Aim for the spring CFPs",
        "Lead with the story",
        "decision: adopted",
        "It reads better",
        "1 meeting held",
        "10.5 hours in all",
        "href=\"/activities/workshop/\">Facilitation workshop</a>",
        "on average over the ten items",
        "The addresses in brackets are on https://example.org.",
    ] {
        assert!(page.contains(expected), "missing {expected:?} in\n{page}");
    }
    let index = std::fs::read_to_string(j.path().join("public/index.html")).unwrap();
    assert!(
        index.contains("<a href=\"/portfolio/\">Portfolio</a>"),
        "{index}"
    );
}

#[test]
fn nothing_private_reaches_the_portfolio() {
    let page = portfolio(&journal());
    for canary in [
        "CANARY-PLAN-NOTES",
        "CANARY-GOAL-NOTES",
        "CANARY-PRIVATE-GOAL",
        "CANARY-MEETING-BLOCK",
        "CANARY-PRIVATE-OUTCOME",
    ] {
        assert!(!page.contains(canary), "{canary} leaked");
    }
    assert!(
        !page.contains("2026-01-14"),
        "the private meeting is listed"
    );
}

#[test]
fn the_stylesheet_prints_the_portfolio_without_navigation_and_with_addresses() {
    let j = journal();
    j.cmd(&["build"]).assert().success();
    let css = std::fs::read_to_string(j.path().join("public/style.css")).unwrap();
    let print = &css[css.find("@media print").unwrap()..];
    for rule in [
        "@page { size: auto;",
        "nav, .skip",
        ".portfolio-goal, .portfolio-meeting, .portfolio table tr { break-inside: avoid; }",
        ".portfolio a[href^=\"/\"]::after { content: \" (\" attr(href) \")\";",
    ] {
        assert!(print.contains(rule), "print styles lack {rule:?}");
    }
}

/// Every file of a built site by its relative path.
fn files(out: &Path) -> Vec<(String, Vec<u8>)> {
    common::served::files(out)
}

#[test]
fn a_protected_site_seals_the_portfolio_like_every_page() {
    let journal = protected_example();
    let out = tempfile::tempdir().unwrap();
    let mut c = assert_cmd::Command::cargo_bin("mentorfolio").unwrap();
    c.arg("--root")
        .arg(journal.path())
        .args([
            "--today",
            common::EXAMPLE_TODAY,
            "build",
            "--quiet",
            "--output-dir",
        ])
        .arg(out.path())
        .env("MENTORFOLIO_PASSPHRASE", PASSPHRASE)
        .assert()
        .success();
    let built = files(out.path());
    assert!(built.iter().all(|(p, _)| !p.starts_with("portfolio")));
    for (path, bytes) in &built {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("Mentoring portfolio") && !text.contains("Outcomes and decisions"),
            "{path} holds the portfolio in the clear"
        );
    }
    let key = mentorfolio::protect::Key::derive(PASSPHRASE, "https://example.github.io/mentoring/");
    let sealed = format!("{}index.html", key.address("portfolio/"));
    assert!(
        built.iter().any(|(p, _)| *p == sealed),
        "no sealed {sealed}"
    );
}
