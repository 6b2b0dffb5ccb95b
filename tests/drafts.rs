//! Drafts through the binary: `draft: true` keeps a file out of every byte `build` writes,
//! `build --drafts` publishes it with a "draft" badge, a published reference to a draft
//! is W602 (never a broken link), `check` reports what `build` does, and `serve` shows
//! drafts, serving byte for byte what `build --drafts` writes.

mod common;

use common::Journal;

const CANARIES: &[&str] = &[
    "CANARY-DRAFT-GOAL",
    "CANARY-DRAFT-MEETING",
    "CANARY-DRAFT-ACTIVITY",
];

fn journal() -> Journal {
    let j = Journal::new();
    j.write(
        "goals/talk.md",
        "---\ntitle: Give a talk\ntarget: 2026-06-30\nbenchmarks:\n  - { title: Submit, due: 2026-04-01 }\nactions: [Write]\ntags: [speaking]\n---\nWhy.\n",
    );
    j.write(
        "goals/blog.md",
        "---\ntitle: Start a blog CANARY-DRAFT-GOAL\ndraft: true\ntarget: 2026-06-30\nbenchmarks:\n  - { title: First post, due: 2026-04-01 }\nactions: [Write]\ntags: [writing]\n---\nCANARY-DRAFT-GOAL in the body.\n",
    );
    j.write(
        "meetings/2026-01-07-kickoff.md",
        "---\ndate: 2026-01-07\ngoals: [talk, blog]\nagenda: [Plans]\nagenda_sent: 2026-01-05\noutcomes: [Go]\nactions:\n  - { task: Outline, owner: mentee, due: 2026-01-20, done: 2026-01-18, goal: blog }\nsummary_sent: 2026-01-07\n---\nNotes.\n\nSee [the blog goal](../goals/blog.md) and [the talk](../goals/talk.md).\n",
    );
    j.write(
        "meetings/2026-01-21-drafted.md",
        "---\ndate: 2026-01-21\ndraft: true\nagenda: [CANARY-DRAFT-MEETING agenda]\nagenda_sent: 2026-01-19\noutcomes: [Went well]\nsummary_sent: 2026-01-21\n---\nCANARY-DRAFT-MEETING notes.\n",
    );
    j.write(
        "activities/course.md",
        "---\ntitle: Writing course CANARY-DRAFT-ACTIVITY\ndate: 2026-02-01\nkind: course\nhours: 3\ngoals: [blog]\ndraft: true\n---\nLearnt.\n",
    );
    j.write(
        "activities/workshop.md",
        "---\ntitle: Workshop\ndate: 2026-02-03\nkind: workshop\ngoals: [blog, talk]\n---\nLearnt.\n",
    );
    j
}

fn built(j: &Journal, args: &[&str]) -> Vec<(String, Vec<u8>)> {
    let out = tempfile::tempdir().unwrap();
    let mut c = j.cmd(&["build", "--quiet", "--output-dir"]);
    c.arg(out.path()).args(args).assert().success();
    let mut files = common::served::files(out.path());
    files.retain(|(p, _)| p != mentorfolio::output::MARKER);
    files.sort();
    files
}

#[test]
fn a_draft_is_in_no_byte_of_the_build_and_in_the_build_with_drafts() {
    let j = journal();
    let files = built(&j, &[]);
    assert!(files.len() > 10);
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for canary in CANARIES {
            assert!(!text.contains(canary), "{canary} in {path}");
        }
        for slug in ["blog", "drafted", "course", "writing"] {
            assert!(!path.contains(slug), "draft page {path}");
        }
        assert!(
            !text.contains("/goals/blog/"),
            "{path} links the draft goal"
        );
        assert!(
            !text.contains("<span class=\"status status-draft\">"),
            "{path} shows a draft badge"
        );
    }
    let meeting = files
        .iter()
        .find(|(p, _)| p == "meetings/2026-01-07-kickoff/index.html")
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .unwrap();
    assert!(
        meeting.contains("See the blog goal and <a href=\"/goals/talk/\">the talk</a>"),
        "{meeting}"
    );

    let with = built(&j, &["--drafts"]);
    let all: String = with
        .iter()
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    for canary in CANARIES {
        assert!(all.contains(canary), "{canary} missing with --drafts");
    }
    let page = |rel: &str| {
        with.iter()
            .find(|(p, _)| p == rel)
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_else(|| panic!("no {rel}"))
    };
    let badge = "<span class=\"status status-draft\">draft</span>";
    assert!(page("goals/blog/index.html").contains(badge));
    assert!(page("meetings/2026-01-21-drafted/index.html").contains(badge));
    assert!(page("activities/course/index.html").contains(badge));
    assert!(page("goals/index.html").contains(badge));
    assert!(page("tags/writing/index.html").contains("Start a blog"));
    assert!(!page("goals/talk/index.html").contains(badge));
}

#[test]
fn references_to_drafts_are_w602_in_check_and_build_alike() {
    let j = journal();
    let w602: Vec<_> = j
        .diagnostics()
        .into_iter()
        .filter(|(code, _, _)| code == "W602")
        .collect();
    let at = |file: &str, line| ("W602".to_string(), file.to_string(), Some(line));
    assert_eq!(
        w602,
        [
            at("activities/workshop.md", 5),
            at("meetings/2026-01-07-kickoff.md", 3),
            at("meetings/2026-01-07-kickoff.md", 8),
            at("meetings/2026-01-07-kickoff.md", 13),
        ]
    );
    assert!(
        !j.diagnostics()
            .iter()
            .any(|(c, _, _)| c == "E005" || c == "W601")
    );
    let check = j.cmd(&["check"]).output().unwrap();
    assert!(check.status.success());
    let build = j.cmd(&["build"]).output().unwrap();
    assert!(build.status.success());
    let warnings = |bytes: &[u8]| {
        String::from_utf8_lossy(bytes)
            .lines()
            .filter(|l| l.starts_with("warning[") || l.starts_with("error["))
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(warnings(&check.stderr), warnings(&build.stderr));
    let text = String::from_utf8_lossy(&check.stderr);
    assert!(
        text.contains("a link to `goals/blog.md`, a draft, which is not published"),
        "{text}"
    );
    j.cmd(&["check", "--strict"]).assert().code(1);
    j.cmd(&["build", "--strict"]).assert().code(1);
    // With the drafts, nothing refers to a missing file.
    let drafts = j
        .cmd(&["check", "--drafts", "--format", "json"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&drafts.stdout).contains("W602"));
}

#[test]
fn a_private_draft_stays_private_with_drafts() {
    let j = journal();
    j.write(
        "goals/secret.md",
        "---\ntitle: CANARY-PRIVATE-DRAFT\nprivate: true\ndraft: true\n---\nCANARY-PRIVATE-DRAFT\n",
    );
    j.write(
        "meetings/2026-01-28.md",
        "---\ndate: 2026-01-28\ndraft: true\nprivate_notes: CANARY-DRAFT-PRIVATE-NOTES\n---\nShown.\n\n```private\nCANARY-DRAFT-PRIVATE-BLOCK\n```\n",
    );
    for (path, bytes) in built(&j, &["--drafts"]) {
        let text = String::from_utf8_lossy(&bytes);
        for canary in [
            "CANARY-PRIVATE-DRAFT",
            "CANARY-DRAFT-PRIVATE-NOTES",
            "CANARY-DRAFT-PRIVATE-BLOCK",
        ] {
            assert!(!text.contains(canary), "{canary} in {path}");
        }
    }
}

#[test]
fn serve_shows_drafts_byte_for_byte_as_build_with_drafts() {
    let j = journal();
    let base = "http://127.0.0.1:1111/";
    let files = built(&j, &["--drafts", "--base-url", base]);
    let today = chrono::NaiveDate::parse_from_str(common::TODAY, "%Y-%m-%d").unwrap();
    let site = mentorfolio::serve::Session::new(j.path(), today, base)
        .update(&[])
        .site
        .expect("the journal serves");
    let paths = site.paths();
    let built_paths: Vec<&String> = files.iter().map(|(p, _)| p).collect();
    assert_eq!(paths.iter().collect::<Vec<_>>(), built_paths);
    for (path, bytes) in &files {
        let served = site.get(path).unwrap().unwrap();
        assert!(served[..] == bytes[..], "{path} differs");
    }
    assert!(paths.iter().any(|p| p == "goals/blog/index.html"));
}
