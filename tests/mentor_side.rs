//! The mentor's side of the journal: fair records of cancellations, as `check`, the site
//! and `summary` show them.

mod common;

use common::Journal;

/// Weekly meetings on 5 January and, after one cancelled by the mentor on 12 January and
/// moved to the 22nd, on the 22nd; the first ran 90 minutes as planned.
fn rescheduled_by_mentor() -> Journal {
    let j = Journal::new();
    j.write(
        "meetings/2026-01-05.md",
        "---\nagenda: [Plan]\nagenda_sent: 2026-01-04\noutcomes: [Start]\nsummary_sent: 2026-01-05\nduration: 90\nplanned_duration: 90\n---\n",
    );
    j.write(
        "meetings/2026-01-12.md",
        "---\ncancellation:\n  by: mentor\n  reason: Mentor on call\n  rescheduled_to: 2026-01-22\n---\n",
    );
    j.write(
        "meetings/2026-01-22.md",
        "---\nagenda: [Plan]\nagenda_sent: 2026-01-21\noutcomes: [Next]\nsummary_sent: 2026-01-22\n---\n",
    );
    j
}

#[test]
fn a_mentor_cancellation_asks_no_notice_and_a_rescheduled_meeting_is_no_gap() {
    let j = rescheduled_by_mentor();
    let codes: Vec<String> = j.diagnostics().into_iter().map(|d| d.0).collect();
    assert!(!codes.contains(&"W205".to_string()), "{codes:?}");
    assert!(!codes.contains(&"W207".to_string()), "{codes:?}");

    // The same journal with the cancellation the mentee's own, unannounced: W205 is back.
    j.write(
        "meetings/2026-01-12.md",
        "---\ncancellation:\n  reason: Ill\n  rescheduled_to: 2026-01-22\n---\n",
    );
    let diags = j.diagnostics();
    assert!(
        diags.contains(&("W205".into(), "meetings/2026-01-12.md".into(), Some(2))),
        "{diags:?}"
    );
}

#[test]
fn an_unknown_canceller_is_an_error_naming_the_choices() {
    let j = rescheduled_by_mentor();
    j.write(
        "meetings/2026-01-12.md",
        "---\ncancellation: { by: boss }\n---\n",
    );
    let out = j.cmd(&["check"]).assert().failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("E004") && err.contains("mentee"), "{err}");
}

#[test]
fn the_checklist_counts_only_the_mentees_cancellations_and_planned_lengths() {
    let j = rescheduled_by_mentor();
    j.cmd(&["build"]).assert().success();
    let page = std::fs::read_to_string(j.path().join("public/checklist/index.html")).unwrap();
    let item = page
        .split("<li id=\"item-10\">")
        .nth(1)
        .expect("the respect item");
    let item = &item[..item.find("</li>").unwrap_or(item.len())];
    assert!(item.contains("2 of 2"), "{item}");
    assert!(!item.contains("ran over"), "{item}");

    let meeting =
        std::fs::read_to_string(j.path().join("public/meetings/2026-01-12/index.html")).unwrap();
    assert!(
        meeting.contains("Cancelled by Grace Hopper, the mentor."),
        "{meeting}"
    );
    assert!(!meeting.contains("No notice was recorded"), "{meeting}");
    // The new date links to the meeting held that day.
    assert!(
        meeting.contains("/meetings/2026-01-22/\">22 January 2026</a>"),
        "{meeting}"
    );
}

#[test]
fn the_summary_of_a_cancelled_meeting_reports_the_cancellation_only() {
    let j = rescheduled_by_mentor();
    let out = j.cmd(&["summary", "2026-01-12"]).assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        text.starts_with("# Our mentoring session on 12 January 2026 was cancelled\n"),
        "{text}"
    );
    assert!(
        text.contains("Cancelled by Grace Hopper: Mentor on call.\n"),
        "{text}"
    );
    assert!(text.contains("22 January 2026 (the new date)"), "{text}");
    assert!(!text.contains("Goals discussed"), "{text}");
    assert!(!text.contains("Agenda covered"), "{text}");
}

/// Two held meetings three weeks apart against a weekly cadence: one W207.
fn with_a_gap(allow: &str) -> Journal {
    let j = Journal::new();
    let done =
        "agenda: [Plan]\nagenda_sent: 2026-01-04\noutcomes: [Start]\nsummary_sent: 2026-01-05\n";
    j.write("meetings/2026-01-05.md", &format!("---\n{done}---\n"));
    j.write(
        "meetings/2026-01-26.md",
        &format!("---\n{done}{allow}---\n"),
    );
    j
}

#[test]
fn an_allowed_warning_is_silenced_counted_and_passes_strict() {
    let j = with_a_gap("");
    let diags = j.diagnostics();
    assert!(
        diags.contains(&("W207".into(), "meetings/2026-01-26.md".into(), Some(1))),
        "{diags:?}"
    );
    j.cmd(&["check", "--strict"]).assert().failure();

    let j = with_a_gap("allow: { W207: \"mentor on leave: in July\" }\n");
    assert!(j.diagnostics().is_empty(), "{:?}", j.diagnostics());
    let out = j.cmd(&["check", "--strict"]).assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.contains("0 warnings, 1 allowed"), "{text}");
    let out = j.cmd(&["build", "--strict"]).assert().success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(!err.contains("W207"), "{err}");
}

#[test]
fn the_configs_allow_covers_the_whole_journal_and_unknown_codes_are_warned() {
    let j = with_a_gap("");
    j.write(
        "mentorfolio.yaml",
        &format!("{}allow: [W207, W2O7, E005]\n", common::CONFIG),
    );
    let diags = j.diagnostics();
    assert_eq!(
        diags,
        [
            ("W501".into(), "mentorfolio.yaml".into(), Some(6)),
            ("W501".into(), "mentorfolio.yaml".into(), Some(6)),
        ],
        "{diags:?}"
    );
    let out = j.cmd(&["check"]).assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(text.contains("unknown code `W2O7`"), "{text}");
    assert!(text.contains("did you mean `W207`?"), "{text}");
    assert!(
        text.contains("the error E005, which cannot be allowed"),
        "{text}"
    );
}

/// Phrases that tell the reader to edit the journal, which a published page never holds.
const EDITING: &[&str] = &[
    "meetings/",
    "goals/ ",
    "activities/",
    "front matter",
    "mentorfolio.yaml",
    "under `",
    "record `",
    "status: planned",
    "mentorfolio summary",
    "your mentor",
];

fn pages(root: &std::path::Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(root.join("public"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap();
            (e.path().display().to_string(), text)
        })
        .collect()
}

#[test]
fn an_empty_journal_site_gives_the_reader_no_editing_instructions() {
    let j = Journal::new();
    j.write(
        "meetings/2026-02-16.md",
        "---\nagenda: [Plan]\nagenda_sent: 2026-02-15\n---\n",
    );
    j.write("goals/talk.md", "---\ntitle: Give a talk\n---\n");
    j.write(
        "activities/2026-02-01-course.md",
        "---\ntitle: Course\ndate: 2026-02-01\n---\n",
    );
    j.cmd(&["build"]).assert().success();
    let all = pages(j.path());
    assert!(all.len() > 10, "{}", all.len());
    for (path, text) in all {
        assert!(!text.contains("<code>"), "{path} shows journal syntax");
        let shown = visible(&text);
        for phrase in EDITING {
            assert!(
                !shown.contains(phrase),
                "{path} tells the reader to edit the journal: {phrase:?}"
            );
        }
    }
}

/// The text of a page without its tags (and so without link targets and scripts' URLs).
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn the_dashboard_proposes_the_date_agenda_prepares_for() {
    let j = Journal::new();
    j.write(
        "meetings/2026-02-16.md",
        "---\nagenda: [Plan]\nagenda_sent: 2026-02-15\n---\n",
    );
    let out = j.cmd(&["agenda"]).assert().success();
    let agenda = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(agenda.contains("session on 2 March 2026"), "{agenda}");
    j.cmd(&["build"]).assert().success();
    let index = std::fs::read_to_string(j.path().join("public/index.html")).unwrap();
    assert!(
        index.contains(
            "Not booked yet. Proposed by the cadence (weekly): <time datetime=\"2026-03-02\">2 March 2026</time>."
        ),
        "{index}"
    );
    assert!(
        index.contains("<span class=\"stat-value\">tomorrow</span>"),
        "{index}"
    );
}

/// A held meeting with a suggestion, an offer and an action for the mentor, each with
/// characters a URL must encode.
fn with_items_to_answer(config_extra: &str) -> Journal {
    let j = Journal::new();
    j.write(
        "mentorfolio.yaml",
        &format!("{}{config_extra}", common::CONFIG),
    );
    j.write(
        "meetings/2026-02-16.md",
        "---\nagenda: [Plan]\nagenda_sent: 2026-02-15\noutcomes: [Start]\nsummary_sent: 2026-02-16\nactions:\n  - { task: \"Send Q&A notes\", owner: mentor, due: 2026-03-20 }\ncommitments:\n  - { what: \"Intro to Zoë #1\", followed_up: 2026-02-28 }\nfeedback:\n  received:\n    - { suggestion: \"Try 50% less & ask?\", reflection: Fair, decision: adopted }\n---\n",
    );
    j
}

#[test]
fn the_review_page_answers_each_item_by_mail_and_on_github() {
    let j = with_items_to_answer("repository: ada/mentoring\n");
    j.cmd(&["build", "--strict"]).assert().success();
    let review = std::fs::read_to_string(j.path().join("public/review/index.html")).unwrap();
    let suggestion = "mailto:ada@example.org?subject=Re%3A%20suggestion%20%E2%80%9CTry%2050%25%20less%20%26%20ask%3F%E2%80%9D%20%28meeting%20of%202026-02-16%29&amp;body=%3E%20Try%2050%25%20less%20%26%20ask%3F%0D%0A%0D%0A";
    assert!(review.contains(suggestion), "{review}");
    assert!(
        review.contains("subject=Re%3A%20action%20%E2%80%9CSend%20Q%26A%20notes%E2%80%9D%20%28meeting%20of%202026-02-16%29"),
        "{review}"
    );
    assert!(
        review.contains("subject=Re%3A%20offer%20%E2%80%9CIntro%20to%20Zo%C3%AB%20%231%E2%80%9D"),
        "{review}"
    );
    assert!(
        review.contains("mailto:ada@example.org?subject=Re%3A%20our%20meeting%20of%202026-02-16"),
        "{review}"
    );
    assert!(
        review.contains(
            "href=\"https://github.com/ada/mentoring/issues/new?title=Re%3A%20suggestion%20"
        ),
        "{review}"
    );
    assert!(review.contains(">Discuss on GitHub</a>"), "{review}");
    let meeting =
        std::fs::read_to_string(j.path().join("public/meetings/2026-02-16/index.html")).unwrap();
    assert!(
        meeting.contains("mailto:ada@example.org?subject=Re%3A%20our%20meeting%20of%202026-02-16"),
        "{meeting}"
    );
}

#[test]
fn without_an_address_there_are_no_empty_links_and_a_warning_says_so() {
    let j = with_items_to_answer("");
    j.write(
        "mentorfolio.yaml",
        &common::CONFIG.replace(", email: ada@example.org", ""),
    );
    let diags = j.diagnostics();
    assert_eq!(
        diags,
        [("W505".into(), "mentorfolio.yaml".into(), Some(2))],
        "{diags:?}"
    );
    j.cmd(&["build"]).assert().success();
    for (path, text) in pages(j.path()) {
        assert!(!text.contains("mailto:"), "{path}");
        assert!(!text.contains("class=\"reply\""), "{path}");
    }
}

#[test]
fn a_repository_that_is_not_owner_slash_name_is_an_error() {
    let j = with_items_to_answer("repository: https://github.com/ada/mentoring\n");
    let diags = j.diagnostics();
    assert!(
        diags.contains(&("E007".into(), "mentorfolio.yaml".into(), Some(6))),
        "{diags:?}"
    );
}
