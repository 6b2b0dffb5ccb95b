//! A private passage stays private however it is written: every spelling of a private
//! block a mentee may type (containers, list markers, indents, fence kinds, letter cases,
//! attributes, unclosed forms), and every spelling of the `private` flag, each with its
//! own canary. Not one canary byte reaches anything `build` writes, `summary`, `agenda`
//! or any page `serve` answers; the public text around each block is still published.

mod common;

use common::Journal;
use common::served::{build_then_serve, files, get, serve, target_of};

/// A spelling of a private block: `{C}` stands for its canary. `after` is whether the
/// text after it is public (false where an unclosed block hides the rest of the file).
struct Spelling {
    name: &'static str,
    body: &'static str,
    after: bool,
}

const fn s(name: &'static str, body: &'static str, after: bool) -> Spelling {
    Spelling { name, body, after }
}

const SPELLINGS: &[Spelling] = &[
    s("backticks", "```private\n{C} one\n```", true),
    s("tildes", "~~~private\n{C} one\n~~~", true),
    s("four backticks", "````private\n{C} one\n````", true),
    s("ten tildes", "~~~~~~~~~~private\n{C} one\n~~~~~~~~~~", true),
    s("upper case", "```PRIVATE\n{C} one\n```", true),
    s("mixed case", "```PrIvAtE   \n{C} one\n```", true),
    s("space before the word", "```   private\n{C} one\n```", true),
    s(
        "attributes after",
        "```private {.note title=x}\n{C} one\n```",
        true,
    ),
    s(
        "comma attribute",
        "```Private,confidential\n{C} one\n```",
        true,
    ),
    s("pandoc class", "```{.private}\n{C} one\n```", true),
    s("indented three", "   ```private\n   {C} one\n   ```", true),
    s(
        "interrupting a paragraph",
        "A line.\n```private\n{C} one\n```",
        true,
    ),
    s(
        "after a heading",
        "# Heading\n```private\n{C} one\n```",
        true,
    ),
    s("crlf", "```private\r\n{C} one\r\n```\r", true),
    s(
        "dash item",
        "- first\n- ```private\n  {C} one\n  ```\n- last",
        true,
    ),
    s("star item", "* ```private\n  {C} one\n  ```", true),
    s("plus item", "+ ```private\n  {C} one\n  ```", true),
    s("ordered dot", "1. ```private\n   {C} one\n   ```", true),
    s("ordered paren", "7) ```private\n   {C} one\n   ```", true),
    s(
        "item continuation",
        "- [ ] a task\n\n  ```private\n  {C} one\n  ```",
        true,
    ),
    s(
        "list depth two",
        "- outer\n  - ```private\n    {C} one\n    ```",
        true,
    ),
    s(
        "list depth three",
        "- a\n  - b\n    - ```PRIVATE\n      {C} one\n      ```",
        true,
    ),
    s("quote", "> ```private\n> {C} one\n> ```", true),
    s(
        "quote in quote",
        "> > ~~~private\n> > {C} one\n> > ~~~",
        true,
    ),
    s(
        "list in quote",
        "> - ```private\n>   {C} one\n>   ```",
        true,
    ),
    s(
        "quote in list",
        "- > ```private\n  > {C} one\n  > ```",
        true,
    ),
    s(
        "footnote",
        "Text[^n].\n\n[^n]: ```private\n    {C} one\n    ```",
        true,
    ),
    s(
        "footnote indented",
        "Text[^m].\n\n[^m]:\n    ```private\n    {C} one\n    ```",
        true,
    ),
    s("in a fence", "````md\n```private\n{C} one\n```\n````", true),
    s(
        "in an html block",
        "<div>\n```private\n{C} one\n```\n</div>",
        true,
    ),
    s(
        "indented code",
        "    ```private\n    {C} one\n    ```",
        true,
    ),
    s("tab indent", "\t```private\n\t{C} one\n\t```", true),
    s("unclosed", "```private\n{C} one\n{C} two", false),
    s(
        "unclosed by a shorter fence",
        "~~~~ PRIVATE\n{C} one\n~~~\n{C} two",
        false,
    ),
    s(
        "unclosed in a list",
        "- ```private\n  {C} one\n\n{C} two after the list",
        false,
    ),
    s(
        "unclosed in a quote",
        "> ```private\n> {C} one\n\n{C} two after the quote",
        false,
    ),
    s(
        "backtick lines inside",
        "````private\n```\n{C} one\n```\n````",
        true,
    ),
];

fn canary(i: usize) -> String {
    format!("CANARY-SPELLING-{i:02}")
}

/// One meeting per spelling, with public text before and after the block.
fn journal() -> Journal {
    let j = Journal::new();
    for (i, sp) in SPELLINGS.iter().enumerate() {
        let day = 1 + i % 28;
        let month = 1 + i / 28;
        let body = sp.body.replace("{C}", &canary(i));
        j.write(
            &format!("meetings/2026-{month:02}-{day:02}-m{i:02}.md"),
            &format!(
                "---\ndate: 2026-{month:02}-{day:02} 10:00\nagenda: [Topic {i}]\nagenda_sent: 2026-{month:02}-{day:02}\noutcomes: [Outcome {i}]\nsummary_sent: 2026-{month:02}-{day:02}\n---\nPUBLIC-BEFORE-{i:02}\n\n{body}\n\nPUBLIC-AFTER-{i:02}\n"
            ),
        );
    }
    j
}

/// Panics naming the spellings whose canary is in `bytes`.
fn assert_no_canary(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let leaked: Vec<&str> = (0..SPELLINGS.len())
        .filter(|i| text.contains(&canary(*i)))
        .map(|i| SPELLINGS[i].name)
        .collect();
    assert!(leaked.is_empty(), "{what} leaks the spellings {leaked:?}");
    assert!(!text.contains("CANARY"), "{what} leaks a canary");
}

#[test]
fn there_are_at_least_thirty_spellings() {
    assert!(SPELLINGS.len() >= 30);
}

#[test]
fn no_spelling_reaches_the_built_site_and_the_public_text_does() {
    let j = journal();
    j.cmd(&["build"]).assert().success();
    let out = files(&j.path().join("public"));
    for (path, bytes) in &out {
        assert_no_canary(path, bytes);
    }
    for (i, sp) in SPELLINGS.iter().enumerate() {
        let page = out
            .iter()
            .find(|(p, _)| p.ends_with(&format!("-m{i:02}/index.html")))
            .unwrap_or_else(|| panic!("no page for {}", sp.name));
        let html = String::from_utf8_lossy(&page.1);
        assert!(
            html.contains(&format!("PUBLIC-BEFORE-{i:02}")),
            "{}: the text before is gone",
            sp.name
        );
        assert_eq!(
            html.contains(&format!("PUBLIC-AFTER-{i:02}")),
            sp.after,
            "{}: the text after the block",
            sp.name
        );
    }
}

#[test]
fn no_spelling_reaches_a_summary_or_the_agenda() {
    let j = journal();
    for (i, sp) in SPELLINGS.iter().enumerate() {
        let (day, month) = (1 + i % 28, 1 + i / 28);
        let slug = format!("2026-{month:02}-{day:02}-m{i:02}");
        let out = j.cmd(&["summary", &slug]).output().unwrap();
        assert!(
            out.status.success(),
            "{}: {}",
            sp.name,
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("Outcome {i}")));
        assert_no_canary(&format!("summary of {}", sp.name), &out.stdout);
        assert_no_canary(&format!("summary of {}, stderr", sp.name), &out.stderr);
    }
    let out = j.cmd(&["summary"]).output().unwrap();
    assert!(out.status.success());
    assert_no_canary("latest summary", &out.stdout);
    let out = j.cmd(&["agenda"]).output().unwrap();
    assert!(out.status.success());
    assert_no_canary("agenda", &out.stdout);
}

#[test]
fn no_spelling_reaches_a_served_page() {
    let j = journal();
    let (built, server) = build_then_serve(&j);
    for (path, _) in &built {
        let target = target_of(path);
        let (status, body) = get(server.addr, &target);
        assert_eq!(status, 200, "{target}");
        assert_no_canary(&format!("served {target}"), &body);
    }
    let (status, body) = get(server.addr, "/no-such-page/");
    assert_eq!(status, 404);
    assert_no_canary("the 404 page", &body);
}

/// A `private` key spelled as a mentee may spell it, and whether the file stays private.
const FLAGS: &[(&str, bool)] = &[
    ("private: true", true),
    ("private: yes", true),
    ("private:", true),
    ("private: null", true),
    ("private: ~", true),
    ("private: \"\"", true),
    ("Private: true", true),
    ("PRIVATE: yes", true),
    ("pRiVaTe: on", true),
    ("private: off", true),
    ("private: 1", true),
    ("private: 0", true),
    ("private: [a]", true),
    ("private: { why: salary }", true),
    ("private: \"true\"", true),
    ("private: TRUE", true),
    ("private: false", false),
    ("private: no", false),
    ("Private: False", false),
    ("PRIVATE: NO", false),
    ("private: \"false\"", false),
];

#[test]
fn the_private_flag_fails_closed_in_every_spelling() {
    let j = Journal::new();
    for (i, (flag, _)) in FLAGS.iter().enumerate() {
        j.write(
            &format!("activities/a{i:02}.md"),
            &format!(
                "---\ntitle: FLAG-TITLE-{i:02}\ndate: 2026-01-{:02}\nkind: course\n{flag}\n---\nFLAG-BODY-{i:02}\n",
                1 + i
            ),
        );
    }
    // No spelling of the key is an unknown key.
    let codes: Vec<String> = j.diagnostics().into_iter().map(|d| d.0).collect();
    assert!(!codes.contains(&"W501".to_string()), "{codes:?}");
    j.cmd(&["build"]).assert().success();
    let out = files(&j.path().join("public"));
    let all: String = out
        .iter()
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    for (i, (flag, private)) in FLAGS.iter().enumerate() {
        let published = all.contains(&format!("FLAG-TITLE-{i:02}"));
        assert_eq!(published, !private, "`{flag}`");
        assert_eq!(
            all.contains(&format!("FLAG-BODY-{i:02}")),
            !private,
            "`{flag}`"
        );
    }
}

#[test]
fn serve_shows_a_private_file_s_problem_without_its_words() {
    let j = Journal::new();
    j.write(
        "meetings/2026-01-07.md",
        "---\ndate: 2026-01-07\nPrivate: ~\nstatus: CANARY-STATUS-VALUE\nactions:\n  - { task: T, owner: CANARY-OWNER-VALUE }\n---\nNotes.\n",
    );
    let server = serve(j.path());
    for target in ["/", "/goals/", "/no-such-page/"] {
        let (_, body) = get(server.addr, target);
        let text = String::from_utf8_lossy(&body);
        assert!(text.contains("mentorfolio-error-overlay"), "{target}");
        assert!(
            text.contains("meetings/2026-01-07.md:4"),
            "{target}: {text}"
        );
        assert!(text.contains("E004"), "{target}");
        assert!(!text.contains("CANARY"), "{target} shows a private value");
    }
    drop(server);
    // The mentee's own terminal shows the value, so the problem can be fixed.
    let out = j.cmd(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("CANARY-STATUS-VALUE"));
}

#[test]
fn a_public_field_repeating_a_private_line_is_named_and_nothing_is_written() {
    let j = Journal::new();
    let goal = |actions: &str| {
        format!(
            "---\ntitle: Give a talk\ntarget: 2026-06-30\nbenchmarks: [{{ title: B, due: 2026-05-01 }}]\nactions:\n  - {actions}\n---\nPublic.\n"
        )
    };
    j.write("goals/talk.md", &goal("Rehearse twice"));
    j.write(
        "goals/other.md",
        "---\ntitle: Another goal\ntarget: 2026-06-30\nbenchmarks: [{ title: B, due: 2026-05-01 }]\nactions: [A]\n---\n```private\nAsk about the reorg rumour in finance\n```\n",
    );
    j.cmd(&["build"]).assert().success();
    let before = files(&j.path().join("public"));
    // The mentee copies the private line into a public action step.
    j.write(
        "goals/talk.md",
        &goal("Ask about the reorg rumour in finance"),
    );
    let out = j.cmd(&["build"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error[E009]"), "{stderr}");
    assert!(
        stderr.contains("`actions.0` repeats a private passage"),
        "{stderr}"
    );
    assert!(stderr.contains("goals/talk.md:6"), "{stderr}");
    assert!(stderr.contains("goals/talk/index.html"), "{stderr}");
    assert_eq!(
        files(&j.path().join("public")),
        before,
        "the old site is untouched"
    );
}
