//! The bad-input catalogue: odd, broken and hostile journals, each with its expected outcome.
//! Every case either works (valid input, however odd) or gives its located diagnostic;
//! none may panic, hang or take unbounded memory (each run is bounded by a timeout).

mod common;

use std::time::Duration;

use common::Journal;

enum Expect {
    /// Loads with no error (warnings allowed).
    Works,
    /// Fails with this code at this file and line.
    Error(&'static str, &'static str, Option<u64>),
    /// Fails with this code at this file, on a line within the range.
    ErrorNear(&'static str, &'static str, u64, u64),
    /// Loads with no error, warning with this code at this file and line.
    Warns(&'static str, &'static str, Option<u64>),
}

use Expect::*;

const GOAL_TAIL: &str =
    "target: 2026-06-01\nbenchmarks:\n  - { title: Submit, due: 2026-05-01 }\nactions: [Draft]\n";

fn goal(extra: &str) -> String {
    format!("---\ntitle: A goal\n{extra}{GOAL_TAIL}---\nBody.\n")
}

fn meeting(extra: &str) -> String {
    format!(
        "---\nagenda: [Talk]\nagenda_sent: 2026-02-01\noutcomes: [Agreed]\nsummary_sent: 2026-02-02\n{extra}---\nNotes.\n"
    )
}

fn billion_laughs(key: &str) -> String {
    let mut s =
        String::from("---\ntitle: Laughs\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        s.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    s.push_str(&format!("{key}: *a9\n---\n"));
    s
}

fn run(name: &str, setup: impl FnOnce(&Journal), expect: Expect) {
    let j = Journal::new();
    setup(&j);
    let out = j
        .cmd(&["check", "--format", "json"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{name}: panicked: {stderr}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("{name}: no JSON; stderr {stderr}"));
    let diags: Vec<(String, String, Option<u64>)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().into(),
                d["file"].as_str().unwrap().into(),
                d["line"].as_u64(),
            )
        })
        .collect();
    for d in v
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
    {
        assert!(
            !d["file"].as_str().unwrap().is_empty(),
            "{name}: every error names its file: {d}"
        );
    }
    match expect {
        Works => {
            assert_eq!(
                out.status.code(),
                Some(0),
                "{name}: expected to work, got {diags:?}"
            );
        }
        Warns(code, file, line) => {
            assert_eq!(out.status.code(), Some(0), "{name}: {diags:?}");
            assert!(
                diags
                    .iter()
                    .any(|d| d.0 == code && d.1 == file && d.2 == line),
                "{name}: expected {code} at {file}:{line:?}, got {diags:?}"
            );
        }
        Error(code, file, line) => {
            assert_eq!(
                out.status.code(),
                Some(1),
                "{name}: expected failure, got {diags:?}"
            );
            assert!(
                diags
                    .iter()
                    .any(|d| d.0 == code && d.1 == file && d.2 == line),
                "{name}: expected {code} at {file}:{line:?}, got {diags:?}"
            );
        }
        ErrorNear(code, file, from, to) => {
            assert_eq!(
                out.status.code(),
                Some(1),
                "{name}: expected failure, got {diags:?}"
            );
            assert!(
                diags.iter().any(|d| d.0 == code
                    && d.1 == file
                    && d.2.is_some_and(|l| (from..=to).contains(&l))),
                "{name}: expected {code} at {file}:{from}..{to}, got {diags:?}"
            );
        }
    }
}

#[test]
fn malformed_yaml() {
    run(
        "unclosed flow sequence",
        |j| drop(j.write("goals/g.md", &goal("tags: [a, b\n"))),
        ErrorNear("E002", "goals/g.md", 3, 8),
    );
    run(
        "unclosed quote",
        |j| drop(j.write("goals/g.md", "---\ntitle: \"A goal\n---\n")),
        ErrorNear("E002", "goals/g.md", 2, 3),
    );
    run(
        "colon in a plain value",
        |j| drop(j.write("goals/g.md", "---\ntitle: Goal: the sequel\n---\n")),
        Error("E002", "goals/g.md", Some(2)),
    );
    run(
        "bad indentation",
        |j| drop(j.write("goals/g.md", "---\ntitle: A\n  status: active\n---\n")),
        ErrorNear("E002", "goals/g.md", 2, 3),
    );
    run(
        "tab indentation",
        |j| drop(j.write("goals/g.md", "---\ntitle: A\nactions:\n\t- x\n---\n")),
        ErrorNear("E002", "goals/g.md", 3, 4),
    );
    run(
        "duplicate key",
        |j| drop(j.write("goals/g.md", &goal("status: active\nstatus: paused\n"))),
        Error("E002", "goals/g.md", Some(4)),
    );
    run(
        "duplicate nested key",
        |j| {
            drop(j.write(
                "goals/g.md",
                "---\ntitle: A\nbenchmarks:\n  - title: B\n    title: C\n---\n",
            ))
        },
        Error("E002", "goals/g.md", Some(5)),
    );
    // Control characters are replaced, never parsed or published (W701).
    run(
        "NUL byte in YAML",
        |j| drop(j.write("goals/g.md", "---\ntitle: A\u{0}B\n---\n")),
        Warns("W701", "goals/g.md", Some(2)),
    );
    run(
        "escape made by a YAML escape",
        |j| {
            let text = goal("").replace("title: A goal", "title: \"A \\e[2J goal\"");
            drop(j.write("goals/g.md", &text))
        },
        Warns("W701", "goals/g.md", Some(2)),
    );
    run(
        "form feed in the notes",
        |j| drop(j.write("goals/g.md", &format!("{}Page\u{c}break.\n", goal("")))),
        Warns("W701", "goals/g.md", Some(9)),
    );
    run(
        "a stray document marker",
        |j| drop(j.write("goals/g.md", "---\ntitle: A\n...\nmore: 1\n---\n")),
        ErrorNear("E002", "goals/g.md", 2, 5),
    );
    run(
        "undefined alias",
        |j| drop(j.write("goals/g.md", "---\ntitle: *nowhere\n---\n")),
        ErrorNear("E002", "goals/g.md", 2, 2),
    );
}

#[test]
fn front_matter_shapes() {
    run(
        "empty file",
        |j| drop(j.write("goals/g.md", "")),
        Error("E002", "goals/g.md", Some(1)),
    );
    run(
        "only an opening fence",
        |j| drop(j.write("goals/g.md", "---\n")),
        Error("E002", "goals/g.md", Some(1)),
    );
    run(
        "no front matter",
        |j| drop(j.write("activities/a.md", "Just notes.\n")),
        Error("E002", "activities/a.md", Some(1)),
    );
    run(
        "front matter is a bare word",
        |j| drop(j.write("goals/g.md", "---\njust words\n---\n")),
        Error("E004", "goals/g.md", Some(2)),
    );
    run(
        "front matter is a list",
        |j| drop(j.write("goals/g.md", "---\n- a\n- b\n---\n")),
        Error("E004", "goals/g.md", Some(2)),
    );
    run(
        "empty front matter",
        |j| drop(j.write("goals/g.md", "---\n---\nBody.\n")),
        Error("E003", "goals/g.md", Some(1)),
    );
    run(
        "fences with trailing spaces",
        |j| drop(j.write("goals/g.md", &goal("").replace("---\n", "---  \n"))),
        Works,
    );
    run(
        "a horizontal rule in the body",
        |j| drop(j.write("goals/g.md", &format!("{}\n---\n\nMore.\n", goal("")))),
        Works,
    );
}

#[test]
fn wrong_types_everywhere() {
    run(
        "title is a map",
        |j| drop(j.write("goals/g.md", "---\ntitle: { a: 1 }\n---\n")),
        Error("E004", "goals/g.md", Some(2)),
    );
    run(
        "benchmarks is text",
        |j| drop(j.write("goals/g.md", "---\ntitle: A\nbenchmarks: soon\n---\n")),
        Error("E004", "goals/g.md", Some(3)),
    );
    run(
        "due is a list",
        |j| {
            drop(j.write(
                "goals/g.md",
                "---\ntitle: A\nbenchmarks:\n  - { title: B, due: [1, 2] }\n---\n",
            ))
        },
        Error("E004", "goals/g.md", Some(4)),
    );
    run(
        "meeting actions is a map",
        |j| drop(j.write("meetings/2026-02-02.md", &meeting("actions: { task: x }\n"))),
        Error("E004", "meetings/2026-02-02.md", Some(6)),
    );
    run(
        "agenda items are lists",
        |j| drop(j.write("meetings/2026-02-02.md", "---\nagenda:\n  - [a, b]\n---\n")),
        Error("E004", "meetings/2026-02-02.md", Some(3)),
    );
    run(
        "duration is text",
        |j| drop(j.write("meetings/2026-02-02.md", &meeting("duration: an hour\n"))),
        Error("E004", "meetings/2026-02-02.md", Some(6)),
    );
    run(
        "duration far too large",
        |j| {
            drop(j.write(
                "meetings/2026-02-02.md",
                &meeting("duration: 99999999999\n"),
            ))
        },
        Error("E004", "meetings/2026-02-02.md", Some(6)),
    );
    run(
        "negative hours",
        |j| {
            drop(j.write(
                "activities/a.md",
                "---\ntitle: T\ndate: 2026-02-01\nhours: -3\n---\n",
            ))
        },
        Error("E004", "activities/a.md", Some(4)),
    );
    run(
        "month 13",
        |j| drop(j.write("goals/g.md", &goal("started: 2026-13-01\n"))),
        Error("E004", "goals/g.md", Some(3)),
    );
    run(
        "a time that does not exist",
        |j| {
            drop(j.write(
                "meetings/2026-02-02.md",
                &meeting("date: 2026-02-02 24:61\n"),
            ))
        },
        Error("E004", "meetings/2026-02-02.md", Some(6)),
    );
    run(
        "unknown decision",
        |j| {
            drop(j.write("meetings/2026-02-02.md", &meeting("feedback:\n  received:\n    - { suggestion: S, reflection: R, decision: maybe }\n")))
        },
        Error("E004", "meetings/2026-02-02.md", Some(8)),
    );
    run(
        "unknown owner",
        |j| {
            drop(j.write(
                "meetings/2026-02-02.md",
                &meeting("actions:\n  - { task: T, owner: boss, due: 2026-03-05 }\n"),
            ))
        },
        Error("E004", "meetings/2026-02-02.md", Some(7)),
    );
    run(
        "unknown activity kind",
        |j| {
            drop(j.write(
                "activities/a.md",
                "---\ntitle: T\ndate: 2026-02-01\nkind: party\n---\n",
            ))
        },
        Error("E004", "activities/a.md", Some(4)),
    );
    run(
        "feeds is not a boolean",
        |j| {
            drop(j.write(
                "mentorfolio.yaml",
                &format!("{}feeds: maybe\n", common::CONFIG),
            ))
        },
        Error("E007", "mentorfolio.yaml", Some(6)),
    );
    run(
        "unknown timezone",
        |j| {
            drop(j.write(
                "mentorfolio.yaml",
                &format!("{}timezone: Mars/Olympus\n", common::CONFIG),
            ))
        },
        Error("E007", "mentorfolio.yaml", Some(6)),
    );
    run(
        "unknown cadence",
        |j| {
            drop(j.write(
                "mentorfolio.yaml",
                &format!("{}cadence: sometimes\n", common::CONFIG),
            ))
        },
        Error("E007", "mentorfolio.yaml", Some(6)),
    );
    run(
        "cadence period without every",
        |j| {
            drop(j.write(
                "mentorfolio.yaml",
                &format!("{}cadence:\n  - {{ from: 2026-01-05 }}\n", common::CONFIG),
            ))
        },
        Error("E007", "mentorfolio.yaml", Some(7)),
    );
    run(
        "plan objectives is a map",
        |j| drop(j.write("plan.md", "---\nobjective: O\nobjectives: { id: a }\n---\n")),
        Error("E007", "plan.md", Some(3)),
    );
    run(
        "config is a list",
        |j| drop(j.write("mentorfolio.yaml", "- title\n")),
        Error("E007", "mentorfolio.yaml", Some(1)),
    );
}

#[test]
fn references_and_ids() {
    run(
        "meeting without date or dated name",
        |j| drop(j.write("meetings/kickoff.md", "---\nagenda: [a]\n---\n")),
        Error("E003", "meetings/kickoff.md", Some(1)),
    );
    run(
        "objective that the plan does not list",
        |j| {
            j.write(
                "plan.md",
                "---\nobjective: O\nobjectives:\n  - { id: reach, title: Reach }\n---\n",
            );
            j.write("goals/g.md", &goal("objective: rech\n"));
        },
        Error("E005", "goals/g.md", Some(3)),
    );
    run(
        "action for a missing goal",
        |j| {
            drop(j.write(
                "meetings/2026-02-02.md",
                &meeting("actions:\n  - { task: T, owner: mentee, due: 2026-03-05, goal: nope }\n"),
            ))
        },
        Error("E005", "meetings/2026-02-02.md", Some(7)),
    );
    run(
        "two meetings with one slug",
        |j| {
            j.write("meetings/2025/2026-02-02.md", &meeting(""));
            j.write("meetings/2026/2026-02-02.md", &meeting(""));
        },
        Error("E006", "meetings/2026/2026-02-02.md", Some(1)),
    );
}

#[test]
fn hostile_sizes_are_bounded() {
    run(
        "billion laughs in a typed field",
        |j| drop(j.write("goals/g.md", &billion_laughs("actions"))),
        ErrorNear("E004", "goals/g.md", 2, 13),
    );
    run(
        "billion laughs in private notes",
        |j| drop(j.write("goals/g.md", &billion_laughs("private_notes"))),
        ErrorNear("E002", "goals/g.md", 2, 13),
    );
    run(
        "deep nesting",
        |j| {
            drop(j.write(
                "goals/g.md",
                &format!(
                    "---\ntitle: {}{}\n---\n",
                    "[".repeat(50_000),
                    "]".repeat(50_000)
                ),
            ))
        },
        ErrorNear("E002", "goals/g.md", 2, 2),
    );
    run(
        "deep block nesting",
        |j| {
            let mut s = String::from("---\ntitle: T\nprivate_notes:\n");
            for depth in 1..3000 {
                s.push_str(&format!("{}k:\n", " ".repeat(depth)));
            }
            s.push_str("---\n");
            j.write("goals/g.md", &s);
        },
        ErrorNear("E002", "goals/g.md", 2, 3010),
    );
    run(
        "a 5 MB note",
        |j| {
            drop(j.write(
                "goals/g.md",
                &format!(
                    "{}{}",
                    goal(""),
                    "A paragraph of notes, written at length.\n\n".repeat(120_000)
                ),
            ))
        },
        Works,
    );
    run(
        "a very long title",
        |j| {
            drop(j.write(
                "goals/g.md",
                &format!("---\ntitle: {}\n{GOAL_TAIL}---\n", "Long ".repeat(200_000)),
            ))
        },
        Works,
    );
    run(
        "a very long line in the body",
        |j| {
            drop(j.write(
                "goals/g.md",
                &format!("{}{}\n", goal(""), "x".repeat(2_000_000)),
            ))
        },
        Works,
    );
    run(
        "thousands of list items",
        |j| {
            let items: String = (0..20_000).map(|i| format!("  - Point {i}\n")).collect();
            j.write(
                "meetings/2026-02-02.md",
                &meeting(&format!("outcomes:\n{items}")).replacen("outcomes: [Agreed]\n", "", 1),
            );
        },
        Works,
    );
    run(
        "thousands of files",
        |j| {
            for i in 0..2000 {
                j.write(&format!("goals/g{i}.md"), &goal(""));
            }
        },
        Works,
    );
}

#[test]
fn odd_but_valid_text() {
    run(
        "CRLF line endings",
        |j| {
            drop(j.write(
                "goals/g.md",
                &goal("status: active\n").replace('\n', "\r\n"),
            ))
        },
        Works,
    );
    run(
        "a byte order mark",
        |j| drop(j.write("goals/g.md", &format!("\u{feff}{}", goal("")))),
        Works,
    );
    run(
        "right-to-left and emoji titles",
        |j| {
            drop(j.write(
                "goals/g.md",
                &goal("").replace("A goal", "\"تحسين مهارات العرض 🎤 — Präsentation\""),
            ))
        },
        Works,
    );
    run(
        "a unicode file name",
        |j| drop(j.write("goals/café-présentation-مرحبا.md", &goal(""))),
        Works,
    );
    run(
        "anchors and aliases used plainly",
        |j| {
            drop(j.write("goals/g.md", "---\ntitle: &t Speak\ntarget: &d 2026-06-01\nbenchmarks:\n  - { title: *t, due: *d }\nactions: [Draft]\n---\n"))
        },
        Works,
    );
    run(
        "empty folders",
        |j| {
            for d in ["goals", "meetings/2026", "activities", "private", "static"] {
                std::fs::create_dir_all(j.path().join(d)).unwrap();
            }
        },
        Works,
    );
    run(
        "a folder named like a file",
        |j| std::fs::create_dir_all(j.path().join("goals/folder.md")).unwrap(),
        Works,
    );
    run(
        "an unclosed private block hides the rest",
        |j| {
            drop(j.write(
                "goals/g.md",
                &format!("{}```private\nall of this is hidden\n", goal("")),
            ))
        },
        Works,
    );
    run(
        "a private file with any content",
        |j| drop(j.write("private/notes.md", "no front matter at all\n")),
        Works,
    );
}

#[test]
fn encodings_and_files() {
    run(
        "latin-1 text",
        |j| drop(j.write_bytes("goals/g.md", b"---\ntitle: Caf\xe9\n---\n")),
        Error("E001", "goals/g.md", Some(2)),
    );
    run(
        "windows-1252 smart quotes on line 5",
        |j| {
            drop(j.write_bytes(
                "meetings/2026-02-02.md",
                b"---\nagenda: [a]\n---\nNotes\n\x93quoted\x94\n",
            ))
        },
        Error("E001", "meetings/2026-02-02.md", Some(5)),
    );
    run(
        "a binary file",
        |j| drop(j.write_bytes("activities/photo.jpg", &[0xff, 0xd8, 0xff, 0xe0, 0, 0x10])),
        Error("E001", "activities/photo.jpg", None),
    );
    #[cfg(unix)]
    {
        run(
            "a symlink loop",
            |j| link(j, j.path().join("goals"), "goals/a/loop"),
            Error("E001", "goals/a/loop", None),
        );
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), goal("")).unwrap();
        let target = outside.path().join("secret.md");
        run(
            "a symlink pointing outside the journal",
            |j| link(j, &target, "goals/secret.md"),
            Error("E001", "goals/secret.md", None),
        );
        let shelf = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(shelf.path().join("old")).unwrap();
        std::fs::write(shelf.path().join("old/secret.md"), goal("")).unwrap();
        run(
            "a symlinked folder pointing outside the journal",
            |j| link(j, shelf.path(), "goals/2026/shelf"),
            Error("E001", "goals/2026/shelf/old/secret.md", None),
        );
        run(
            "a symlinked folder inside the journal",
            |j| {
                j.write("notes/2026/g.md", &goal(""));
                link(j, j.path().join("notes/2026"), "goals/2026");
            },
            Works,
        );
        run(
            "a dangling symlink",
            |j| link(j, j.path().join("nowhere.md"), "goals/gone.md"),
            Error("E001", "goals/gone.md", None),
        );
        run(
            "a symlink inside the journal",
            |j| {
                j.write("notes/g.md", &goal(""));
                link(j, j.path().join("notes/g.md"), "goals/g.md");
            },
            Works,
        );
    }
}

/// A symlink at `at` in the journal, its folder made first, pointing at `target`.
#[cfg(unix)]
fn link(j: &Journal, target: impl AsRef<std::path::Path>, at: &str) {
    let at = j.path().join(at);
    std::fs::create_dir_all(at.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, at).unwrap();
}

/// An unreadable file gives E001. The superuser reads any file, so there the same
/// file must simply load; either way the outcome is asserted.
#[cfg(unix)]
#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let mut readable = true;
    let probe = tempfile::NamedTempFile::new().unwrap();
    std::fs::set_permissions(probe.path(), std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(probe.path()).is_err() {
        readable = false;
    }
    let expect = if readable {
        Works
    } else {
        Error("E001", "goals/g.md", None)
    };
    run(
        "an unreadable file",
        |j| {
            let path = j.write("goals/g.md", &goal(""));
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
        },
        expect,
    );
}
