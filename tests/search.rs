//! The search index through the binary: what `build` writes to `search.json`, what it
//! leaves out (private text), `search: false`, and the sealed index of a protected site.

mod common;

use common::Journal;

/// The public words of a goal, a meeting (agenda, outcomes, actions, notes) and an
/// activity, with private passages of each kind beside them.
fn journal() -> Journal {
    let j = Journal::new();
    j.write(
        "goals/talk.md",
        "---\ntitle: Give a talk\nbenchmarks:\n  - { title: Submit the abstract, due: 2026-02-01 }\nactions: [Rehearse with colleagues]\n---\nWhy the talk matters: *visibility* beyond the team.\n",
    );
    j.write(
        "meetings/2026-01-07-kickoff.md",
        "---\ndate: 2026-01-07 10:00\nagenda: [Quarterly roadmap]\noutcomes: [Adopt the flamegraph habit]\nactions:\n  - { task: Draft the \"caching\" RFC, owner: mentee, due: 2026-02-01 }\nprivate_notes: PRIVATE-CANARY-NOTES salary band conversation\n---\nWe talked about **observability** dashboards.\n\n```private\nPRIVATE-CANARY-BLOCK the reorganisation rumour\n```\n",
    );
    j.write(
        "meetings/2026-01-21-second.md",
        "---\ndate: 2026-01-21 10:00\nagenda: [Conference choice]\n---\nNothing else.\n",
    );
    j.write(
        "activities/course.md",
        "---\ntitle: Rust course\ndate: 2026-01-20\nkind: course\n---\nLearned about lifetimes.\n",
    );
    j.write(
        "private/diary.md",
        "PRIVATE-CANARY-FILE what I really think about the team\n",
    );
    j
}

/// Every document of the built index, in the order the browser reads them: the parts
/// the manifest lists, each in turn.
fn index(j: &Journal) -> Vec<serde_json::Value> {
    j.cmd(&["build", "--quiet"]).assert().success();
    let public = j.path().join("public");
    let read = |rel: &str| -> serde_json::Value {
        let bytes = std::fs::read(public.join(rel.trim_start_matches('/'))).unwrap();
        serde_json::from_slice(&bytes).expect("every index file is JSON")
    };
    let manifest = read("search.json");
    let parts = manifest["parts"].as_array().unwrap();
    assert_eq!(
        parts,
        &[
            "/search/meetings-1.json",
            "/search/goals-1.json",
            "/search/activities-1.json"
        ]
    );
    parts
        .iter()
        .flat_map(|p| read(p.as_str().unwrap()).as_array().unwrap().clone())
        .collect()
}

#[test]
fn the_index_holds_every_public_word_once_a_page() {
    let j = journal();
    let docs = index(&j);
    let find = |url: &str| {
        docs.iter()
            .find(|d| d[0] == url)
            .unwrap_or_else(|| panic!("no document for {url} in {docs:?}"))
    };
    let kickoff = find("/meetings/2026-01-07-kickoff/");
    assert_eq!(kickoff[1], "Meeting of 7 January 2026 — Kickoff");
    assert_eq!(kickoff[3], "meeting");
    let text = kickoff[4].as_str().unwrap();
    for words in [
        "Quarterly roadmap",
        "Adopt the flamegraph habit",
        "Draft the \"caching\" RFC",
        "We talked about observability dashboards.",
    ] {
        assert!(text.contains(words), "{words:?} missing from {text:?}");
    }
    let goal = find("/goals/talk/");
    assert_eq!(goal[1], "Give a talk");
    let text = goal[4].as_str().unwrap();
    assert!(text.contains("Submit the abstract") && text.contains("Rehearse with colleagues"));
    assert!(text.contains("Why the talk matters: visibility beyond the team."));
    let course = find("/activities/course/");
    assert_eq!(course[2], "20 January 2026");
    assert!(
        course[4]
            .as_str()
            .unwrap()
            .contains("Learned about lifetimes.")
    );
    // Newest meeting first; one document a page.
    assert_eq!(docs[0][0], "/meetings/2026-01-21-second/");
    assert_eq!(docs.len(), 4);
}

#[test]
fn private_text_never_enters_the_index() {
    let j = journal();
    let text = serde_json::to_string(&index(&j)).unwrap();
    assert!(text.contains("observability"));
    for canary in [
        "PRIVATE-CANARY",
        "salary band",
        "reorganisation rumour",
        "really think",
    ] {
        assert!(!text.contains(canary), "{canary} reached search.json");
    }
}

#[test]
fn every_page_has_the_search_field_and_its_fallback() {
    let j = journal();
    j.cmd(&["build", "--quiet"]).assert().success();
    let home = std::fs::read_to_string(j.path().join("public/index.html")).unwrap();
    assert!(home.contains(r#"<form class="site-search" role="search" action="/meetings/" data-index="/search.json" "#), "{home}");
    // The script's sentences come with the form, in the journal's language.
    assert!(home.contains(r#" data-none="No page has all of these words.""#));
    assert!(home.contains(r#" data-many="{n} pages match.""#));
    assert!(home.contains(r#"<script src="/search.js" defer></script>"#));
    assert!(home.contains("without it, this button opens the list of meetings"));
    let script = std::fs::read_to_string(j.path().join("public/search.js")).unwrap();
    assert!(script.contains("data-index") && script.contains("AES-GCM"));
}

#[test]
fn search_false_writes_no_index_and_no_field() {
    let j = journal();
    j.write(
        "mentorfolio.yaml",
        &format!("{}search: false\n", common::CONFIG),
    );
    j.cmd(&["build", "--quiet"]).assert().success();
    assert!(!j.path().join("public/search.json").exists());
    let home = std::fs::read_to_string(j.path().join("public/index.html")).unwrap();
    assert!(!home.contains("site-search"));
}

#[test]
fn a_protected_site_publishes_the_index_sealed() {
    let j = journal();
    j.write(
        "mentorfolio.yaml",
        &format!("{}protect: true\n", common::CONFIG),
    );
    j.cmd(&["build", "--quiet"])
        .env("MENTORFOLIO_PASSPHRASE", common::PASSPHRASE)
        .assert()
        .success();
    for file in [
        "search.json",
        "search/meetings-1.json",
        "search/goals-1.json",
        "search/activities-1.json",
    ] {
        let bytes = std::fs::read(j.path().join("public").join(file)).unwrap();
        let sealed: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert!(sealed["nonce"].is_string() && sealed["data"].is_string());
        let text = String::from_utf8_lossy(&bytes);
        for clear in [
            "observability",
            "Kickoff",
            "meetings",
            "Give a talk",
            "parts",
        ] {
            assert!(!text.contains(clear), "{clear} is readable in {file}");
        }
    }
}

#[test]
fn a_long_journal_is_indexed_in_parts_newest_first() {
    let j = Journal::new();
    let start = chrono::NaiveDate::from_ymd_opt(2021, 1, 4).unwrap();
    for week in 0..251 {
        let date = start + chrono::Duration::weeks(week);
        j.write(
            &format!("meetings/{date}-week.md"),
            &format!("---\ndate: {date} 10:00\nagenda: [Topic of week {week}]\n---\n"),
        );
    }
    j.cmd(&["build", "--quiet"]).assert().success();
    let public = j.path().join("public");
    let read = |rel: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(public.join(rel)).unwrap()).unwrap()
    };
    assert_eq!(
        read("search.json")["parts"],
        serde_json::json!(["/search/meetings-2.json", "/search/meetings-1.json"])
    );
    let newest = read("search/meetings-2.json");
    assert_eq!(newest.as_array().unwrap().len(), 1);
    assert_eq!(newest[0][4], "Topic of week 250");
    let older = read("search/meetings-1.json");
    assert_eq!(older.as_array().unwrap().len(), 250);
    assert_eq!(older[0][4], "Topic of week 249");
    assert_eq!(older[249][4], "Topic of week 0");
}
