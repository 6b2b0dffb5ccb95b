//! `mentorfolio check` end to end: exit statuses, the summary, the text and JSON formats,
//! and one test per kind of bad input, each asserting its code, file and line.

mod common;

use common::{Journal, example_cmd};
use predicates::prelude::*;

fn goal(title_line: &str) -> String {
    format!(
        "---\n{title_line}\ntarget: 2026-06-01\nbenchmarks:\n  - {{ title: Submit, due: 2026-05-01 }}\nactions:\n  - Draft\n---\nWhy.\n"
    )
}

fn has(diags: &[(String, String, Option<u64>)], code: &str, file: &str, line: Option<u64>) -> bool {
    diags
        .iter()
        .any(|d| d.0 == code && d.1 == file && d.2 == line)
}

#[track_caller]
fn assert_diag(j: &Journal, code: &str, file: &str, line: Option<u64>) {
    let diags = j.diagnostics();
    assert!(
        has(&diags, code, file, line),
        "expected {code} at {file}:{line:?}, got {diags:?}"
    );
}

#[test]
fn example_site_is_clean_even_when_strict() {
    example_cmd(&["check", "--strict"])
        .assert()
        .success()
        .stdout(
            predicate::str::is_match(
                r"^checked 6 goals, 23 meetings, 6 activities: 0 errors, 0 warnings \(\d+ ms\)\n$",
            )
            .unwrap(),
        )
        .stderr("");
}

#[test]
fn json_output_is_only_the_array_on_stdout() {
    let j = Journal::new();
    j.write("goals/speak.md", "---\ntitle: Speak\nstauts: active\n---\n");
    let out = j.cmd(&["check", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "warnings only");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let w501 = v
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "W501")
        .unwrap();
    assert_eq!(w501["severity"], "warning");
    assert_eq!(w501["file"], "goals/speak.md");
    assert_eq!(w501["line"], 3);
    assert_eq!(w501["column"], 1);
    assert_eq!(w501["message"], "unknown key `stauts`");
    assert_eq!(w501["hint"], "did you mean `status`?");
    assert_eq!(w501.as_object().unwrap().len(), 7);
}

#[test]
fn text_output_shows_location_source_line_marker_and_hint() {
    let j = Journal::new();
    j.write("goals/speak.md", "---\ntitle: Speak\nstauts: active\n---\n");
    j.cmd(&["check"]).assert().success().stderr(
        predicate::str::contains("warning[W501]: unknown key `stauts`")
            .and(predicate::str::contains("goals/speak.md:3:1"))
            .and(predicate::str::contains("3 │ stauts: active"))
            .and(predicate::str::contains("^^^^^^"))
            .and(predicate::str::contains("hint: did you mean `status`?")),
    );
}

#[test]
fn warnings_fail_only_under_strict() {
    let j = Journal::new();
    j.write("goals/speak.md", "---\ntitle: Speak\n---\n");
    j.cmd(&["check"]).assert().code(0);
    j.cmd(&["check", "--strict"]).assert().code(1);
}

#[test]
fn bad_usage_exits_2() {
    let j = Journal::new();
    j.cmd(&["check", "--format", "yaml"]).assert().code(2);
    j.cmd(&["frobnicate"]).assert().code(2);
    let mut c = assert_cmd::Command::cargo_bin("mentorfolio").unwrap();
    c.args(["--today", "2026-13-01", "check"]).assert().code(2);
    let mut c = assert_cmd::Command::cargo_bin("mentorfolio").unwrap();
    c.args(["--root", "/nonexistent/journal", "check"])
        .assert()
        .code(2);
}

#[test]
fn today_comes_from_the_environment_too() {
    let j = Journal::new();
    j.write("goals/speak.md", &goal("title: Speak"));
    let mut c = assert_cmd::Command::cargo_bin("mentorfolio").unwrap();
    c.arg("--root")
        .arg(j.path())
        .args(["check", "--format", "json"])
        .env("MENTORFOLIO_TODAY", "2026-05-02");
    let out = c.output().unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("W502"),
        "the benchmark is past due on 2026-05-02"
    );
}

#[test]
fn one_broken_file_does_not_hide_problems_in_others() {
    let j = Journal::new();
    j.write("goals/a.md", "---\ntitle: [unclosed\n---\n");
    j.write("meetings/2026-02-02.md", "---\nstatus: finished\n---\n");
    let diags = j.diagnostics();
    assert!(
        has(&diags, "E002", "goals/a.md", Some(2)) || has(&diags, "E002", "goals/a.md", Some(3)),
        "{diags:?}"
    );
    assert!(
        has(&diags, "E004", "meetings/2026-02-02.md", Some(2)),
        "{diags:?}"
    );
}

#[test]
fn diagnostics_are_sorted_by_file_and_line() {
    let j = Journal::new();
    j.write("goals/b.md", "---\ntitle: B\nzzz: 1\naaa: 2\n---\n");
    j.write("goals/a.md", "---\ntitle: A\nqqq: 1\n---\n");
    let diags = j.diagnostics();
    let mut sorted = diags.clone();
    sorted.sort_by(|a, b| (&a.1, a.2).cmp(&(&b.1, b.2)));
    assert_eq!(diags, sorted);
}

// One test per kind of bad input: a diagnostic with file and line, no panic, exit 1.

#[test]
fn empty_file() {
    let j = Journal::new();
    j.write("goals/empty.md", "");
    j.cmd(&["check"]).assert().code(1);
    assert_diag(&j, "E002", "goals/empty.md", Some(1));
}

#[test]
fn no_front_matter() {
    let j = Journal::new();
    j.write("meetings/2026-02-02.md", "# Notes\n\nWe talked.\n");
    j.cmd(&["check"]).assert().code(1);
    assert_diag(&j, "E002", "meetings/2026-02-02.md", Some(1));
}

#[test]
fn unclosed_front_matter() {
    let j = Journal::new();
    j.write(
        "goals/open.md",
        "---\ntitle: Open\n\nNotes that never end.\n",
    );
    j.cmd(&["check"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not closed"));
    assert_diag(&j, "E002", "goals/open.md", Some(1));
}

#[test]
fn tabs_in_yaml() {
    let j = Journal::new();
    j.write(
        "goals/tabs.md",
        "---\ntitle: Tabs\nbenchmarks:\n\t- title: One\n---\n",
    );
    j.cmd(&["check"]).assert().code(1);
    let diags = j.diagnostics();
    assert!(
        diags.iter().any(|d| d.0 == "E002"
            && d.1 == "goals/tabs.md"
            && d.2.is_some_and(|l| (3..=4).contains(&l))),
        "{diags:?}"
    );
}

#[test]
fn list_where_a_map_is_expected() {
    let j = Journal::new();
    j.write(
        "meetings/2026-02-02.md",
        "---\nagenda: [Talk]\ncancellation:\n  - notice_given: 2026-02-01\n---\n",
    );
    j.cmd(&["check"]).assert().code(1);
    assert_diag(&j, "E004", "meetings/2026-02-02.md", Some(4));
}

#[test]
fn a_day_that_does_not_exist() {
    let j = Journal::new();
    j.write("goals/speak.md", &goal("title: Speak\nstarted: 2026-02-30"));
    j.cmd(&["check"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a day of the calendar"));
    assert_diag(&j, "E004", "goals/speak.md", Some(3));
}

#[test]
fn unknown_status() {
    let j = Journal::new();
    j.write("goals/speak.md", &goal("title: Speak\nstatus: finished"));
    j.cmd(&["check"]).assert().code(1);
    assert_diag(&j, "E004", "goals/speak.md", Some(3));
}

#[test]
fn negative_duration() {
    let j = Journal::new();
    j.write(
        "meetings/2026-02-02.md",
        "---\nduration: -30\n---\nNotes.\n",
    );
    j.cmd(&["check"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("negative"));
    assert_diag(&j, "E004", "meetings/2026-02-02.md", Some(2));
}

#[test]
fn reference_to_a_missing_goal() {
    let j = Journal::new();
    j.write("goals/public-speaking.md", &goal("title: Speak"));
    j.write(
        "meetings/2026-02-02.md",
        "---\ngoals:\n  - public-speaking\n  - public-speeking\n---\nNotes.\n",
    );
    j.cmd(&["check"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean `public-speaking`?"));
    assert_diag(&j, "E005", "meetings/2026-02-02.md", Some(4));
}

#[test]
fn same_goal_id_in_two_sub_folders() {
    let j = Journal::new();
    j.write("goals/2025/speak.md", &goal("title: Speak"));
    j.write("goals/2026/speak.md", &goal("title: Speak again"));
    j.cmd(&["check"]).assert().code(1);
    assert_diag(&j, "E006", "goals/2026/speak.md", Some(1));
}

#[test]
fn a_file_that_is_not_utf8() {
    let j = Journal::new();
    j.write_bytes("goals/latin1.md", b"---\ntitle: Caf\xe9\n---\n");
    j.cmd(&["check"]).assert().code(1);
    assert_diag(&j, "E001", "goals/latin1.md", Some(2));
}

#[test]
fn an_empty_config() {
    let j = Journal::new();
    j.write("mentorfolio.yaml", "");
    j.cmd(&["check"]).assert().code(1);
    assert_diag(&j, "E007", "mentorfolio.yaml", Some(1));
}

#[test]
fn a_config_missing_a_required_field() {
    let j = Journal::new();
    j.write("mentorfolio.yaml", "title: T\nmentee: { name: Ada }\n");
    j.cmd(&["check"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`mentor`"));
    assert_diag(&j, "E007", "mentorfolio.yaml", Some(1));
}

#[test]
fn a_missing_plan() {
    let j = Journal::new();
    std::fs::remove_file(j.path().join("plan.md")).unwrap();
    j.cmd(&["check"]).assert().code(1);
    assert_diag(&j, "E007", "plan.md", None);
}

#[test]
fn a_binary_file_in_meetings() {
    let j = Journal::new();
    j.write_bytes(
        "meetings/photo.png",
        &[0x89, b'P', b'N', b'G', 0, 0, 0xff, 0xfe],
    );
    j.write_bytes("meetings/2026-02-02.md", &[0x00, 0x9f, 0x92, 0x96, 0xff]);
    j.cmd(&["check"]).assert().code(1);
    let diags = j.diagnostics();
    assert!(has(&diags, "E001", "meetings/photo.png", None), "{diags:?}");
    assert!(
        has(&diags, "E001", "meetings/2026-02-02.md", Some(1)),
        "{diags:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_does_not_hang() {
    let j = Journal::new();
    std::fs::create_dir_all(j.path().join("meetings/2026")).unwrap();
    std::os::unix::fs::symlink(
        j.path().join("meetings"),
        j.path().join("meetings/2026/again"),
    )
    .unwrap();
    j.cmd(&["check"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("loop"));
    let diags = j.diagnostics();
    assert!(
        diags
            .iter()
            .any(|d| d.0 == "E001" && d.1.starts_with("meetings/2026/again")),
        "{diags:?}"
    );
}

#[test]
fn a_duplicate_yaml_key() {
    let j = Journal::new();
    j.write("goals/speak.md", &goal("title: Speak\ntitle: Speak twice"));
    j.cmd(&["check"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`title` is written twice"));
    assert_diag(&j, "E002", "goals/speak.md", Some(3));
}

#[test]
fn a_missing_required_field() {
    let j = Journal::new();
    j.write("activities/talk.md", "---\nkind: workshop\n---\n");
    j.cmd(&["check"]).assert().code(1);
    let diags = j.diagnostics();
    assert_eq!(
        diags
            .iter()
            .filter(|d| d.0 == "E003" && d.1 == "activities/talk.md")
            .count(),
        2,
        "title and date: {diags:?}"
    );
}

#[test]
fn hidden_and_backup_files_are_never_read() {
    let j = Journal::new();
    j.write("goals/.draft.md", "not front matter");
    j.write("goals/_notes.md", "not front matter");
    j.write("goals/speak.md~", "not front matter");
    j.write("goals/.speak.md.swp", "binary\0junk");
    j.write("goals/#speak.md#", "not front matter");
    j.cmd(&["check"]).assert().code(0);
}

#[test]
fn crlf_and_bom_are_accepted() {
    let j = Journal::new();
    j.write(
        "goals/speak.md",
        &format!("\u{feff}{}", goal("title: Speak").replace('\n', "\r\n")),
    );
    j.cmd(&["check", "--strict"]).assert().code(0);
}

#[test]
fn private_files_are_checked_but_not_loaded() {
    let j = Journal::new();
    j.write(
        "goals/secret.md",
        "---\ntitle: Leave the company\nprivate: true\n---\nSecret plans.\n",
    );
    j.write("meetings/2026-02-02.md", "---\ngoals: [secret]\nagenda: [Talk]\nagenda_sent: 2026-02-01\noutcomes: [Done]\nsummary_sent: 2026-02-02\n---\nNotes.\n");
    j.cmd(&["check", "--strict"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "checked 1 goal, 1 meeting, 0 activities (1 private)",
        ));
    j.write("private/diary.md", "---\ntitle: [broken\n---\n");
    j.cmd(&["check"]).assert().code(1);
}

#[test]
fn any_private_value_but_an_explicit_no_keeps_a_file_private() {
    let j = Journal::new();
    j.write("goals/a.md", &goal("title: A\nprivate: yes"));
    j.write("goals/b.md", &goal("title: B\nprivate: \"True\""));
    j.write("goals/c.md", &goal("title: C\nprivate: false"));
    j.cmd(&["check"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "checked 3 goals, 0 meetings, 0 activities (2 private)",
        ));
}

/// A named pipe at `rel` in the journal: reading it would block until someone writes.
#[cfg(unix)]
fn fifo(j: &Journal, rel: &str) {
    use rustix::fs::{CWD, FileType, Mode, mknodat};
    let path = j.path().join(rel);
    let _ = std::fs::remove_file(&path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    mknodat(CWD, &path, FileType::Fifo, Mode::from(0o644), 0).unwrap();
}

#[cfg(unix)]
#[test]
fn pipes_and_sockets_are_e001_not_a_regular_file_and_never_block() {
    let j = Journal::new();
    j.write("goals/talk.md", &goal("title: Talk"));
    fifo(&j, "plan.md");
    fifo(&j, "mentorfolio.yaml");
    fifo(&j, "goals/pipe.md");
    fifo(&j, "private/notes.md");
    fifo(&j, "static/feed.txt");
    let _socket = std::os::unix::net::UnixListener::bind(j.path().join("meetings/sock.md"))
        .or_else(|_| {
            std::fs::create_dir_all(j.path().join("meetings")).unwrap();
            std::os::unix::net::UnixListener::bind(j.path().join("meetings/sock.md"))
        })
        .unwrap();
    let timeout = std::time::Duration::from_secs(60);
    let out = j
        .cmd(&["check", "--format", "json"])
        .timeout(timeout)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "finished, with errors");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for file in [
        "plan.md",
        "mentorfolio.yaml",
        "goals/pipe.md",
        "private/notes.md",
        "meetings/sock.md",
    ] {
        assert!(
            v.as_array().unwrap().iter().any(|d| d["code"] == "E001"
                && d["file"] == file
                && d["message"] == "not a regular file"),
            "{file}: {v:#}"
        );
    }
    // The text printer shows them without opening them either.
    j.cmd(&["check"])
        .timeout(timeout)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a regular file"));
    // With a sound config and plan, the build reaches the theme's static files.
    for rel in [
        "plan.md",
        "mentorfolio.yaml",
        "goals/pipe.md",
        "meetings/sock.md",
    ] {
        std::fs::remove_file(j.path().join(rel)).unwrap();
    }
    j.write("plan.md", common::PLAN);
    j.write("mentorfolio.yaml", common::CONFIG);
    j.cmd(&["build"])
        .timeout(timeout)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("static/feed.txt"))
        .stderr(predicate::str::contains("not a regular file"));
}
