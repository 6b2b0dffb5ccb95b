//! Several mentors: `mentor:` as a list, owners named by role, name or id, names on every
//! page and in `summary` and `agenda`; and wrong shapes of people explained in the
//! journal's words, never the YAML reader's.

mod common;

use common::{CONFIG, Journal};

const TWO_MENTORS: &str = "title: Test portfolio\nmentee: { name: Ada Lovelace, email: ada@example.org }\nmentor:\n  - { name: Grace Hopper, email: grace@example.org, id: gh }\n  - Alan Turing\nbase_url: https://example.org/\nstart: 2026-01-05\n";

/// A journal with two mentors, a held meeting whose actions name their owners every way
/// the format allows, and a meeting the second mentor cancelled.
fn two_mentors() -> Journal {
    let j = Journal::new();
    j.write("mentorfolio.yaml", TWO_MENTORS);
    j.write(
        "meetings/2026-02-16.md",
        "---\nagenda: [Plan]\nagenda_sent: 2026-02-15\noutcomes: [Start]\nsummary_sent: 2026-02-16\nactions:\n  - { task: Draft the outline, owner: mentee, due: 2026-03-20 }\n  - { task: Send the reading list, owner: mentor, due: 2026-03-20 }\n  - { task: Review the slides, owner: GH, due: 2026-03-21 }\n  - { task: Introduce the team lead, owner: alan turing, due: 2026-03-22 }\n---\n",
    );
    j.write(
        "meetings/2026-02-23.md",
        "---\ncancellation: { by: Alan Turing, reason: Travelling, rescheduled_to: 2026-03-02 }\n---\n",
    );
    j
}

fn read(j: &Journal, rel: &str) -> String {
    std::fs::read_to_string(j.path().join(rel)).unwrap()
}

#[test]
fn actions_belong_to_mentors_by_role_name_or_id_and_pages_show_their_names() {
    let j = two_mentors();
    j.cmd(&["check"]).assert().success();
    j.cmd(&["build"]).assert().success();
    let actions = read(&j, "public/actions/index.html");
    for heading in [
        "<h2 id=\"owner-mentee\">Ada Lovelace (mentee)</h2>",
        "<h2 id=\"owner-mentor\">Grace Hopper (mentor)</h2>",
        "<h2 id=\"owner-mentor-2\">Alan Turing (mentor)</h2>",
    ] {
        assert!(actions.contains(heading), "{heading}\n{actions}");
    }
    // Grace's section holds both items written `mentor` and `GH`; Alan's his own.
    let grace = &actions[actions.find("owner-mentor\"").unwrap()..];
    let grace = &grace[..grace.find("owner-mentor-2").unwrap()];
    assert!(grace.contains("Send the reading list"), "{grace}");
    assert!(grace.contains("Review the slides"), "{grace}");
    assert!(!grace.contains("Introduce the team lead"), "{grace}");
    let meeting = read(&j, "public/meetings/2026-02-16/index.html");
    assert!(meeting.contains("Alan Turing · due"), "{meeting}");
    assert!(!meeting.contains(">mentor · due"), "{meeting}");
    let cancelled = read(&j, "public/meetings/2026-02-23/index.html");
    assert!(
        cancelled.contains("Cancelled by Alan Turing, the mentor."),
        "{cancelled}"
    );
    let index = read(&j, "public/index.html");
    assert!(
        index.contains("Ada Lovelace, mentored by Grace Hopper and Alan Turing"),
        "{index}"
    );
}

#[test]
fn summary_and_agenda_name_every_mentor() {
    let j = two_mentors();
    let out = j.cmd(&["summary", "2026-02-16"]).assert().success();
    let summary = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        summary.contains("Ada Lovelace, Grace Hopper and Alan Turing, 60 minutes"),
        "{summary}"
    );
    assert!(
        summary.contains("Introduce the team lead: Alan Turing, due 22 March 2026"),
        "{summary}"
    );
    assert!(
        summary.contains("Review the slides: Grace Hopper"),
        "{summary}"
    );
    let out = j.cmd(&["summary", "2026-02-23"]).assert().success();
    let cancelled = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        cancelled.contains("Cancelled by Alan Turing: Travelling."),
        "{cancelled}"
    );
    let out = j.cmd(&["agenda"]).assert().success();
    let agenda = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        agenda.contains("Follow up: Introduce the team lead (Alan Turing's action from"),
        "{agenda}"
    );
    assert!(
        agenda.contains("Ada Lovelace, Grace Hopper and Alan Turing, 60 minutes."),
        "{agenda}"
    );
}

#[test]
fn an_unknown_owner_is_an_error_listing_the_valid_owners() {
    let j = two_mentors();
    j.write(
        "meetings/2026-03-02.md",
        "---\nactions:\n  - { task: Book a room, owner: Alan Turin }\n---\n",
    );
    let out = j.cmd(&["check"]).assert().failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("error[E004]: unknown owner `Alan Turin`"),
        "{err}"
    );
    assert!(
        err.contains(
            "did you mean `Alan Turing`? (one of mentee, mentor, Grace Hopper (gh), Alan Turing)"
        ),
        "{err}"
    );
    assert!(
        j.diagnostics()
            .contains(&("E004".into(), "meetings/2026-03-02.md".into(), Some(3))),
    );
}

/// Words of the YAML reader and of serde that mean nothing to someone keeping a journal.
const READER_WORDS: &[&str] = &[
    "untagged enum",
    "invalid type",
    "did not match any variant",
    "expected a",
    "expected struct",
    "Front",
    "unit value",
    "sequence",
    " enum ",
    "newtype",
];

/// Config lines that give `mentee:` or `mentor:` a wrong shape.
const WRONG_PEOPLE: &[&str] = &[
    "mentor: [Grace Hopper, [Alan Turing]]",
    "mentor: { name: [Grace] }",
    "mentor: { name: { first: Grace } }",
    "mentor: []",
    "mentor: [~]",
    "mentor: true",
    "mentor: !person Grace",
    "mentor: [{ name: Grace, email: [a, b] }]",
    "mentor: { nam: Grace }",
    "mentor:",
    "mentor: [{ id: gh }]",
];

/// Meeting front matter that gives an owner or a canceller a wrong shape.
const WRONG_OWNERS: &[&str] = &[
    "actions: [{ task: x, owner: [mentee] }]",
    "actions: [{ task: x, owner: { name: Grace } }]",
    "actions: [{ task: x, owner: !mentor x }]",
    "actions: [{ task: x, owner: boss }]",
    "actions: [Draft the outline]",
    "actions: { task: x }",
    "cancellation: { by: [mentor] }",
    "cancellation: { by: { name: Grace } }",
    "cancellation: mentor",
    "cancellation: { by: nobody }",
];

/// `check`'s words on the journal, as people read them and as JSON.
fn both_outputs(j: &Journal) -> String {
    let human = j.cmd(&["check"]).output().unwrap();
    let json = j.cmd(&["check", "--format", "json"]).output().unwrap();
    [human.stdout, human.stderr, json.stdout, json.stderr]
        .iter()
        .map(|b| String::from_utf8_lossy(b).to_string())
        .collect()
}

#[test]
fn wrong_shapes_of_people_are_explained_in_the_journals_words() {
    let j = Journal::new();
    for line in WRONG_PEOPLE {
        for config in [
            CONFIG.replace("mentor: { name: Grace Hopper }", line),
            CONFIG.replace(
                "mentee: { name: Ada Lovelace, email: ada@example.org }",
                &line.replacen("mentor", "mentee", 1),
            ),
        ] {
            j.write("mentorfolio.yaml", &config);
            let out = both_outputs(&j);
            assert!(out.contains("E007"), "{line}: {out}");
            for words in READER_WORDS {
                assert!(!out.contains(words), "{line} gives {words:?}: {out}");
            }
        }
    }
    j.write("mentorfolio.yaml", TWO_MENTORS);
    for front in WRONG_OWNERS {
        j.write("meetings/2026-02-16.md", &format!("---\n{front}\n---\n"));
        let out = both_outputs(&j);
        assert!(out.contains("E004"), "{front}: {out}");
        for words in READER_WORDS {
            assert!(!out.contains(words), "{front} gives {words:?}: {out}");
        }
    }
}
