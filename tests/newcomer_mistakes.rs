//! Mistakes a newcomer makes on a first journal, each run through `check`: the diagnostic
//! has its code, file and line, its hint names the fix (the line written rightly, the key,
//! the number of spaces), and no output of `check` speaks the YAML reader's own words.

mod common;

use common::Journal;

/// Words of the YAML reader and of serde that mean nothing to a mentee.
const INTERNAL: &[&str] = &[
    "did not find expected",
    "simple key",
    "expect ':'",
    "mapping values are not allowed",
    "untagged enum",
    "invalid type",
    "while parsing",
    "while scanning",
    "invalid YAML",
    "struct ",
    "Front",
    "block collection",
    "block mapping",
];

/// A goal's front matter after its title; a goal with it is complete.
const GOAL_TAIL: &str =
    "target: 2026-06-01\nbenchmarks:\n  - { title: Submit, due: 2026-05-01 }\nactions: [Draft]\n";

fn goal(front: &str) -> String {
    format!("---\n{front}---\nBody.\n")
}

/// A held meeting's front matter, sent agenda and summary included, then `extra`.
fn meeting(extra: &str) -> String {
    format!(
        "---\nagenda_sent: 2026-02-01\noutcomes: [Agreed]\nsummary_sent: 2026-02-03\n{extra}---\nNotes.\n"
    )
}

struct Case {
    name: &'static str,
    file: &'static str,
    text: String,
    /// The code and line the mistake is reported with; None when the file is fine.
    expect: Option<(&'static str, Option<u64>)>,
    /// What the hint says, word for word: the fix.
    hint: &'static [&'static str],
}

fn case(
    name: &'static str,
    file: &'static str,
    text: impl Into<String>,
    code: &'static str,
    line: u64,
    hint: &'static [&'static str],
) -> Case {
    Case {
        name,
        file,
        text: text.into(),
        expect: Some((code, Some(line))),
        hint,
    }
}

fn fine(name: &'static str, file: &'static str, text: impl Into<String>) -> Case {
    Case {
        name,
        file,
        text: text.into(),
        expect: None,
        hint: &[],
    }
}

fn cases() -> Vec<Case> {
    let title = |t: &str| goal(&format!("title: {t}\n{GOAL_TAIL}"));
    vec![
        // Quoting.
        case(
            "an unquoted colon in a list item",
            "meetings/2026-02-02.md",
            meeting("agenda:\n  - Topic for the demo: caching\n"),
            "E004",
            6,
            &["`- \"Topic for the demo: caching\"`"],
        ),
        case(
            "an unquoted colon in a title",
            "goals/demo.md",
            title("Demo: caching"),
            "E002",
            2,
            &["`title: \"Demo: caching\"`"],
        ),
        case(
            "a value starting with *",
            "goals/demo.md",
            title("*bold* move"),
            "E002",
            2,
            &["`title: \"*bold* move\"`"],
        ),
        case(
            "a value starting with &",
            "goals/demo.md",
            title("&more"),
            "E003",
            2,
            &["after `title:`", "`&`", "double quotes"],
        ),
        case(
            "a value starting with @",
            "goals/demo.md",
            title("@ada's review"),
            "E002",
            2,
            &["`title: \"@ada's review\"`"],
        ),
        case(
            "a value starting with a backtick",
            "goals/demo.md",
            title("`cargo` talk"),
            "E002",
            2,
            &["`title: \"`cargo` talk\"`"],
        ),
        case(
            "a value starting with %",
            "goals/demo.md",
            title("%100 test coverage"),
            "E002",
            2,
            &["`title: \"%100 test coverage\"`"],
        ),
        case(
            "a value starting with [ and going on",
            "goals/demo.md",
            title("[draft] conference talk"),
            "E002",
            2,
            &["`title: \"[draft] conference talk\"`"],
        ),
        case(
            "a value starting with !",
            "goals/demo.md",
            title("!important talk"),
            "E004",
            2,
            &["`title: \"!important talk\"`"],
        ),
        case(
            "a value starting with #",
            "goals/demo.md",
            title("#1 priority"),
            "E003",
            2,
            &["after `title:`", "`#`", "double quotes"],
        ),
        case(
            "a quote never closed",
            "goals/demo.md",
            goal("title: \"Speak up\ntarget: 2026-06-01\n"),
            "E002",
            2,
            &["`title: \"Speak up\"`"],
        ),
        case(
            "text after a closing quote",
            "goals/demo.md",
            title("\"Speak\" up"),
            "E002",
            2,
            &["`title: \"\\\"Speak\\\" up\"`"],
        ),
        case(
            "a backslash in double quotes",
            "goals/demo.md",
            title("\"Fix C:\\temp\\x\""),
            "E002",
            2,
            &["single quotes", "`title: 'Fix C:\\temp\\x'`"],
        ),
        // Indentation.
        case(
            "a list item one space out of line",
            "meetings/2026-02-02.md",
            meeting("agenda:\n  - Demo\n - Review\n"),
            "E002",
            7,
            &["1 more space", "`  - Review`"],
        ),
        case(
            "a list item indented under the one above",
            "meetings/2026-02-02.md",
            meeting("agenda:\n  - Demo\n    - Review\n"),
            "E002",
            7,
            &["2 fewer spaces", "`  - Review`"],
        ),
        case(
            "a list item without its dash",
            "meetings/2026-02-02.md",
            meeting("agenda:\n  - Demo\n  Review\n"),
            "E002",
            7,
            &["`- `", "`  - Review`"],
        ),
        case(
            "a key indented one space too far",
            "goals/demo.md",
            goal("title: Speak\nstatus: active\n target: 2026-06-01\n"),
            "E002",
            4,
            &[
                "1 fewer space",
                "`status:` on line 3",
                "`target: 2026-06-01`",
            ],
        ),
        case(
            "a key in a list item indented three spaces too far",
            "goals/demo.md",
            goal("title: Speak\nbenchmarks:\n  - title: Submit\n       due: 2026-05-01\n"),
            "E002",
            5,
            &[
                "3 fewer spaces",
                "`title:` on line 4",
                "`    due: 2026-05-01`",
            ],
        ),
        case(
            "a key indented less than its siblings",
            "meetings/2026-02-02.md",
            meeting("status: cancelled\ncancellation:\n    by: mentor\n  reason: ill\n"),
            "E002",
            8,
            &["2 more spaces", "`by:` on line 7", "`    reason: ill`"],
        ),
        case(
            "a key under a list, in line with its dashes",
            "goals/demo.md",
            goal("title: Speak\nactions:\n  - Draft\n  status: active\n"),
            "E002",
            5,
            &["2 fewer spaces", "`actions:` on line 3", "`status: active`"],
        ),
        case(
            "the first key indented",
            "goals/demo.md",
            goal(" title: Speak\nstatus: active\n"),
            "E002",
            2,
            &["1 fewer space", "`title: Speak`"],
        ),
        case(
            "a tab as indentation",
            "goals/demo.md",
            goal("title: Speak\nactions:\n\t- Draft\n"),
            "E002",
            4,
            &["spaces, never tabs", "`  - Draft`"],
        ),
        case(
            "a key without its colon",
            "goals/demo.md",
            goal("title: Speak\nstatus active\ntarget: 2026-06-01\n"),
            "E002",
            3,
            &["`status: active`"],
        ),
        case(
            "a list in brackets left open",
            "goals/demo.md",
            goal("title: Speak\nactions: [Draft, Rehearse\ntarget: 2026-06-01\n"),
            "E002",
            3,
            &["`]`", "`actions: [Draft, Rehearse]`"],
        ),
        // Fences and files.
        case(
            "no closing ---",
            "goals/demo.md",
            "---\ntitle: Speak\n\nBody.\n",
            "E002",
            1,
            &["`---`"],
        ),
        case(
            "no front matter at all",
            "goals/demo.md",
            "# Speak\n\nBody.\n",
            "E002",
            1,
            &["`---` line"],
        ),
        case(
            "an empty file",
            "goals/demo.md",
            "",
            "E002",
            1,
            &["`---` line"],
        ),
        fine(
            "a byte order mark",
            "goals/demo.md",
            format!("\u{feff}{}", title("Speak")),
        ),
        case(
            "CRLF line endings keep their line numbers",
            "goals/demo.md",
            title("Speak")
                .replace("target: 2026-06-01", "target: 2026/06/01")
                .replace('\n', "\r\n"),
            "E004",
            3,
            &["`target: 2026-06-01`"],
        ),
        fine(
            "trailing spaces after ---",
            "goals/demo.md",
            title("Speak").replace("---\n", "---   \n"),
        ),
        // Dates and numbers.
        case(
            "a date with slashes",
            "goals/demo.md",
            title("Speak").replace("target: 2026-06-01", "target: 2026/09/08"),
            "E004",
            3,
            &["`target: 2026-09-08`"],
        ),
        case(
            "a date with dots, day first",
            "goals/demo.md",
            goal(&format!("title: Speak\nstarted: 8.9.2026\n{GOAL_TAIL}")),
            "E004",
            3,
            &["`started: 2026-09-08`"],
        ),
        case(
            "a date in words",
            "meetings/2026-02-02.md",
            meeting("date: next tuesday\n"),
            "E004",
            5,
            &["YYYY-MM-DD", "`date: 2026-03-01`"],
        ),
        case(
            "a duration with a unit",
            "meetings/2026-02-02.md",
            meeting("duration: 1h\n"),
            "E004",
            5,
            &["`duration: 60`"],
        ),
        case(
            "a boolean spelled `yes please`",
            "mentorfolio.yaml",
            format!("{}feeds: yes please\n", common::CONFIG),
            "E007",
            6,
            &["`feeds: true`"],
        ),
        // Names and words.
        case(
            "a status typo",
            "goals/demo.md",
            goal(&format!("title: Speak\nstatus: actve\n{GOAL_TAIL}")),
            "E004",
            3,
            &["did you mean `active`?"],
        ),
        case(
            "an owner typo",
            "meetings/2026-02-02.md",
            meeting("actions:\n  - { task: Draft, owner: mentey, due: 2026-03-05 }\n"),
            "E004",
            6,
            &["did you mean `mentee`?"],
        ),
        case(
            "an unknown key typo",
            "goals/demo.md",
            goal(&format!("title: Speak\nstauts: active\n{GOAL_TAIL}")),
            "W501",
            3,
            &["did you mean `status`?"],
        ),
        case(
            "a duplicate key",
            "goals/demo.md",
            goal(&format!(
                "title: Speak\nstatus: active\n{GOAL_TAIL}status: paused\n"
            )),
            "E002",
            8,
            &["keep one `status:`"],
        ),
        case(
            "a benchmark goal without a target",
            "goals/demo.md",
            goal(
                "title: Speak\nbenchmarks:\n  - { title: Submit, due: 2026-05-01 }\nactions: [Draft]\n",
            ),
            "W102",
            2,
            &["`target: YYYY-MM-DD`"],
        ),
        case(
            "a meeting naming a goal that does not exist",
            "meetings/2026-02-02.md",
            meeting("goals: [speek]\n"),
            "E005",
            5,
            &["did you mean `speak`?"],
        ),
        // Shapes.
        case(
            "a list where one value is expected",
            "goals/demo.md",
            title("[Speak, Write]"),
            "E004",
            2,
            &["`title: \"[Speak, Write]\"`"],
        ),
        case(
            "fields where a list is expected",
            "goals/demo.md",
            goal(
                "title: Speak\ntarget: 2026-06-01\nbenchmarks:\n  title: Submit\n  due: 2026-05-01\n",
            ),
            "E004",
            5,
            &["`- `", "`  - title: Submit`"],
        ),
        case(
            "fields in braces where a list is expected",
            "plan.md",
            "---\nobjective: Lead\nobjectives: { id: reach, title: Reach further }\n---\nWhy.\n",
            "E007",
            3,
            &["`objectives: [{ id: reach, title: Reach further }]`"],
        ),
        case(
            "a person written as a list",
            "mentorfolio.yaml",
            common::CONFIG.replace(
                "mentee: { name: Ada Lovelace, email: ada@example.org }",
                "mentee: [Ada Lovelace]",
            ),
            "E007",
            2,
            &["write one value, without `[ ]`"],
        ),
    ]
}

#[test]
fn each_mistake_is_reported_where_it_is_with_its_fix() {
    let mut failures = Vec::new();
    for c in cases() {
        let j = Journal::new();
        j.write(
            "goals/speak.md",
            &goal(&format!("title: Speak\n{GOAL_TAIL}")),
        );
        j.write(c.file, &c.text);
        // The JSON holds every message and hint the terminal shows, word for word.
        let out = j.cmd(&["check", "--format", "json"]).output().unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        for phrase in INTERNAL {
            if all.contains(phrase) {
                failures.push(format!("{}: output says {phrase:?}:\n{all}", c.name));
            }
        }
        let diags: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)
            .map(|v: serde_json::Value| v.as_array().cloned().unwrap_or_default())
            .unwrap_or_default();
        let Some((code, line)) = c.expect else {
            if out.status.code() != Some(0) || diags.iter().any(|d| d["severity"] == "error") {
                failures.push(format!("{}: expected no error, got {diags:?}", c.name));
            }
            continue;
        };
        let found = diags
            .iter()
            .find(|d| d["code"] == code && d["file"] == c.file && d["line"].as_u64() == line);
        let Some(d) = found else {
            let got: Vec<String> = diags
                .iter()
                .map(|d| format!("{} {}:{} {}", d["code"], d["file"], d["line"], d["message"]))
                .collect();
            failures.push(format!(
                "{}: expected {code} at {}:{line:?}, got {got:#?}",
                c.name, c.file
            ));
            continue;
        };
        let hint = d["hint"].as_str().unwrap_or_default();
        for words in c.hint {
            if !hint.contains(words) {
                failures.push(format!("{}: hint {hint:?} lacks {words:?}", c.name));
            }
        }
        if code.starts_with('E') && out.status.code() != Some(1) {
            failures.push(format!("{}: an error must fail check", c.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_catalogue_holds_at_least_25_mistakes() {
    assert!(cases().len() >= 25);
}
