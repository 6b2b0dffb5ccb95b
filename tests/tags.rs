//! Tags through the binary: `tags:` on goals, meetings and activities, the `/tags/` and
//! `/tags/NAME/` pages, tags linked from the tagged pages, W507 for two spellings of one
//! tag, and no tag page for a tag only private files carry.

mod common;

use common::Journal;

fn journal() -> Journal {
    let j = Journal::new();
    j.write(
        "goals/talk.md",
        "---\ntitle: Give a talk\ntarget: 2026-06-30\nbenchmarks:\n  - { title: Submit, due: 2026-04-01 }\nactions: [Write]\ntags: [Rust, Public speaking]\n---\nWhy.\n",
    );
    j.write(
        "meetings/2026-01-07-kickoff.md",
        "---\ndate: 2026-01-07\nagenda: [Plans]\nagenda_sent: 2026-01-05\noutcomes: [Go]\nsummary_sent: 2026-01-07\ntags: rust\n---\nNotes.\n",
    );
    j.write(
        "activities/course.md",
        "---\ntitle: Rust course\ndate: 2026-02-01\nkind: course\ntags:\n  - Public speaking\n  - \"RUST \"\n---\nLearnt.\n",
    );
    j.write(
        "goals/secret.md",
        "---\ntitle: CANARY-TAGGED-PRIVATE-GOAL\nprivate: true\ntags: [CANARY-PRIVATE-TAG, Rust]\n---\nx\n",
    );
    j.write(
        "meetings/2026-01-14.md",
        "---\ndate: 2026-01-14\nprivate: true\ntags: [CANARY-PRIVATE-MEETING-TAG]\n---\nx\n",
    );
    j
}

fn read(j: &Journal, rel: &str) -> String {
    std::fs::read_to_string(j.path().join("public").join(rel)).unwrap()
}

#[test]
fn tag_pages_list_the_tagged_items_and_the_items_link_back() {
    let j = journal();
    j.cmd(&["build"]).assert().success();
    let index = read(&j, "tags/index.html");
    assert!(
        index.contains(
            "<a href=\"/tags/rust/\" rel=\"tag\">Rust</a> <span class=\"meta\">(3)</span>"
        ),
        "{index}"
    );
    assert!(index.contains("<a href=\"/tags/public-speaking/\" rel=\"tag\">Public speaking</a> <span class=\"meta\">(2)</span>"), "{index}");
    let rust = read(&j, "tags/rust/index.html");
    for link in [
        "href=\"/goals/talk/\">Give a talk</a>",
        "href=\"/meetings/2026-01-07-kickoff/\">Meeting of 7 January 2026</a>",
        "href=\"/activities/course/\">Rust course</a>",
        "<a href=\"/tags/\">All tags</a>",
    ] {
        assert!(rust.contains(link), "no {link:?} in\n{rust}");
    }
    let speaking = read(&j, "tags/public-speaking/index.html");
    assert!(
        !speaking.contains("/meetings/2026-01-07-kickoff/"),
        "{speaking}"
    );
    let goal = read(&j, "goals/talk/index.html");
    assert!(
        goal.contains("<a href=\"/tags/rust/\" rel=\"tag\">Rust</a>"),
        "{goal}"
    );
    assert!(goal.contains("<a href=\"/tags/public-speaking/\" rel=\"tag\">Public speaking</a>"));
    let meeting = read(&j, "meetings/2026-01-07-kickoff/index.html");
    assert!(
        meeting.contains("<a href=\"/tags/rust/\" rel=\"tag\">rust</a>"),
        "{meeting}"
    );
    let activity = read(&j, "activities/course/index.html");
    assert!(
        activity.contains("<a href=\"/tags/rust/\" rel=\"tag\">RUST</a>"),
        "{activity}"
    );
    let goals = read(&j, "goals/index.html");
    assert!(
        goals.contains("<ul class=\"tags\" aria-label=\"Tags\"><li><a href=\"/tags/rust/\""),
        "the goal card shows no tags"
    );
}

#[test]
fn two_spellings_of_one_tag_are_w506_at_each_other_spelling() {
    let j = journal();
    let w506: Vec<_> = j
        .diagnostics()
        .into_iter()
        .filter(|(code, _, _)| code == "W507")
        .collect();
    assert_eq!(
        w506,
        [
            (
                "W507".to_string(),
                "activities/course.md".to_string(),
                Some(7)
            ),
            (
                "W507".to_string(),
                "meetings/2026-01-07-kickoff.md".to_string(),
                Some(7)
            ),
        ]
    );
    let out = j.cmd(&["check"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains(
            "the tag `rust` is spelled `Rust` in goals/talk.md:7; both are the tag `rust`"
        ),
        "{text}"
    );
    j.cmd(&["check", "--strict"]).assert().code(1);
    let build = j.cmd(&["build"]).output().unwrap();
    let built = String::from_utf8_lossy(&build.stderr);
    assert_eq!(built.matches("warning[W507]").count(), 2, "{built}");
}

#[test]
fn a_tag_without_letters_is_w506_and_gets_no_page() {
    let j = Journal::new();
    j.write(
        "activities/a.md",
        "---\ntitle: A\ndate: 2026-02-01\nkind: course\ntags: [\"!!!\"]\n---\n",
    );
    assert!(
        j.diagnostics()
            .contains(&("W507".into(), "activities/a.md".into(), Some(5)))
    );
    j.cmd(&["build"]).assert().success();
    assert!(!j.path().join("public/tags").exists());
}

#[test]
fn private_files_contribute_no_tag() {
    let j = journal();
    j.cmd(&["build"]).assert().success();
    let out = j.path().join("public");
    assert!(!out.join("tags/canary-private-tag").exists());
    assert!(!out.join("tags/canary-private-meeting-tag").exists());
    for (path, bytes) in common::served::files(&out) {
        let text = String::from_utf8_lossy(&bytes);
        for canary in [
            "CANARY-PRIVATE-TAG",
            "CANARY-PRIVATE-MEETING-TAG",
            "CANARY-TAGGED-PRIVATE-GOAL",
        ] {
            assert!(!text.contains(canary), "{canary} in {path}");
        }
    }
    assert!(
        read(&j, "tags/index.html").contains("(3)"),
        "the private goal counted"
    );
}
