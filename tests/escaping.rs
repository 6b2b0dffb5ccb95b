//! Text a user writes is text in every output: front matter strings full of markup and
//! format delimiters (`<script>`, quotes, `</title>`, `]]>`, `&`, `,;\`, newlines) come
//! out escaped in every page, the Atom feed, the calendar and the sitemap, which still
//! parse with real parsers. Raw HTML in notes is the mentee's own; `safe_html: true`
//! removes the dangerous parts of it.

mod common;

use std::collections::BTreeMap;

use common::Journal;

/// A front matter value that tries to break out of every format the site writes.
fn hostile(tag: &str) -> String {
    format!("{tag} <script>alert(1)</script> \"dq\" 'sq' </title> ]]> & R&D, a;b\\c")
}

/// `hostile(tag)` as a YAML scalar (a JSON string is valid YAML).
fn y(tag: &str) -> String {
    serde_json::to_string(&hostile(tag)).unwrap()
}

/// Every place a journal string is shown, by the tag that marks it.
const FIELDS: &[&str] = &[
    "TITLE",
    "MENTEE",
    "OBJECTIVE",
    "GOAL",
    "BENCHMARK",
    "AGENDA",
    "OUTCOME",
    "TASK",
    "SUGGESTION",
    "ACTIVITY",
];

fn hostile_journal(extra_config: &str) -> Journal {
    let j = Journal::new();
    j.write(
        "mentorfolio.yaml",
        &format!(
            "title: {}\nmentee: {{ name: {} }}\nmentor: {{ name: {} }}\nbase_url: https://example.org/\nstart: 2026-01-05\n{extra_config}",
            y("TITLE"),
            y("MENTEE"),
            y("MENTOR")
        ),
    );
    j.write(
        "plan.md",
        &format!("---\nobjective: {}\n---\nThe plan.\n", y("OBJECTIVE")),
    );
    j.write(
        "goals/r&d.md",
        &format!(
            "---\ntitle: {}\ntarget: 2026-06-30\nbenchmarks:\n  - {{ title: {}, due: 2026-04-01 }}\nactions: [{}]\n---\nWhy.\n",
            y("GOAL"),
            y("BENCHMARK"),
            y("GOAL-ACTION")
        ),
    );
    j.write(
        "meetings/2026-02-04-review.md",
        &format!(
            "---\ndate: 2026-02-04 10:00\ngoals: [\"r&d\"]\nagenda:\n  - {}\n  - \"first line\\nsecond line\"\nagenda_sent: 2026-02-02\noutcomes: [{}]\nactions:\n  - {{ task: {}, owner: mentee, due: 2026-03-20 }}\nfeedback:\n  received:\n    - {{ suggestion: {}, reflection: Tried it., decision: adopted }}\nsummary_sent: 2026-02-04\n---\nNotes.\n",
            y("AGENDA"),
            y("OUTCOME"),
            y("TASK"),
            y("SUGGESTION")
        ),
    );
    j.write(
        "meetings/2026-03-10-next.md",
        &format!(
            "---\ndate: 2026-03-10 10:00\nagenda: [{}]\n---\n",
            y("NEXT-AGENDA")
        ),
    );
    j.write(
        "activities/workshop.md",
        &format!(
            "---\ntitle: {}\ndate: 2026-02-10\nkind: workshop\ngoals: [\"r&d\"]\n---\nLearned.\n",
            y("ACTIVITY")
        ),
    );
    j
}

fn build(j: &Journal) -> BTreeMap<String, String> {
    let out = j.path().join("public");
    j.cmd(&["build"]).assert().success();
    walkdir::WalkDir::new(&out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&out).unwrap();
            (
                rel.to_string_lossy().into_owned(),
                String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned(),
            )
        })
        .collect()
}

#[test]
fn every_page_escapes_every_field() {
    let j = hostile_journal("");
    let files = build(&j);
    let pages: Vec<(&String, &String)> =
        files.iter().filter(|(p, _)| p.ends_with(".html")).collect();
    assert!(pages.len() > 8, "{:?}", files.keys());
    for (path, html) in &pages {
        assert!(
            !html.contains("<script>alert"),
            "{path}: a script got through"
        );
        assert!(!html.contains("]]>"), "{path}: a raw ]]>");
        assert_eq!(
            html.matches("<title").count(),
            html.matches("</title>").count(),
            "{path}: a </title> in the text closes the title early"
        );
        assert!(!html.contains("\"dq\""), "{path}: a raw double quote");
    }
    for field in FIELDS {
        let escaped = format!("{field} &lt;script&gt;alert(1)&lt;");
        let shown: Vec<&str> = pages
            .iter()
            .filter(|(_, html)| html.contains(&escaped))
            .map(|(p, _)| p.as_str())
            .collect();
        assert!(!shown.is_empty(), "{field} is shown escaped on no page");
        for page in &shown {
            let html = &files[*page];
            assert!(html.contains("&amp; R&amp;D"), "{page}: & not escaped");
        }
    }
    // The title is in every page's <title>, escaped.
    let index = &files["index.html"];
    let title = index
        .split("<title>")
        .nth(1)
        .unwrap()
        .split("</title>")
        .next()
        .unwrap();
    assert!(title.contains("TITLE &lt;script&gt;"), "{title}");
    // The goal whose file name has an `&` has its page, and links to it are escaped.
    assert!(
        files.contains_key("goals/r&d/index.html"),
        "{:?}",
        files.keys()
    );
    let goals = &files["goals/index.html"];
    assert!(
        goals.contains("goals/r&amp;d/") || goals.contains("goals/r%26d/"),
        "link to the r&d goal not escaped"
    );
}

#[test]
fn the_atom_feed_parses_and_keeps_each_string_exactly() {
    let j = hostile_journal("");
    let files = build(&j);
    let text = &files["feed.xml"];
    assert!(!text.contains("]]>"));
    let doc = roxmltree::Document::parse(text).expect("the feed is well-formed XML");
    let feed = doc.root_element();
    let child = |node: roxmltree::Node<'_, '_>, name: &str| -> Option<String> {
        node.children()
            .find(|n| n.has_tag_name(name))
            .map(|n| n.text().unwrap_or("").to_string())
    };
    assert_eq!(child(feed, "title").unwrap(), hostile("TITLE"));
    assert_eq!(child(feed, "subtitle").unwrap(), hostile("OBJECTIVE"));
    let author = feed.children().find(|n| n.has_tag_name("author")).unwrap();
    assert_eq!(child(author, "name").unwrap(), hostile("MENTEE"));
    let titles: Vec<String> = feed
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| child(e, "title").unwrap())
        .collect();
    assert!(
        titles.contains(&format!("Activity: {}", hostile("ACTIVITY"))),
        "{titles:?}"
    );
    // Entry bodies are HTML carried as text: decoded once, they are the page's HTML.
    let content = feed
        .descendants()
        .find(|n| n.has_tag_name("content"))
        .expect("an entry with content");
    assert_eq!(content.attribute("type"), Some("html"));
    // And the feed-rs Atom parser agrees.
    let parsed = feed_rs::parser::parse(text.as_bytes()).expect("valid Atom");
    assert_eq!(parsed.title.unwrap().content, hostile("TITLE"));
}

#[test]
fn the_sitemap_parses_and_lists_a_file_name_with_an_ampersand() {
    let j = hostile_journal("indexable: true\n");
    let files = build(&j);
    let doc = roxmltree::Document::parse(&files["sitemap.xml"]).expect("well-formed sitemap");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap())
        .collect();
    assert!(locs.contains(&"https://example.org/"), "{locs:?}");
    let goal = locs
        .iter()
        .find(|l| l.starts_with("https://example.org/goals/r"))
        .expect("the r&d goal is listed");
    let decoded = goal.replace("%26", "&");
    assert_eq!(decoded, "https://example.org/goals/r&d/");
}

#[test]
fn the_calendar_escapes_commas_semicolons_backslashes_and_newlines() {
    use icalendar::Component;
    let j = hostile_journal("");
    let files = build(&j);
    let text = &files["meetings.ics"];
    // Unfolded, every content line is one property: no raw newline split a value.
    let unfolded = text.replace("\r\n ", "");
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let name = line.split([':', ';']).next().unwrap();
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '-'),
            "not a property line: {line:?}"
        );
    }
    assert!(unfolded.contains("R&D\\, a\\;b\\\\c"), "{unfolded}");
    assert!(unfolded.contains("first line\\nsecond line"), "{unfolded}");
    let cal: icalendar::Calendar = text.parse().expect("valid iCalendar");
    let events: Vec<_> = cal.events().collect();
    assert_eq!(events.len(), 2);
    let review = events
        .iter()
        .find(|e| {
            e.get_uid()
                .is_some_and(|u| u.starts_with("2026-02-04-review@"))
        })
        .unwrap();
    let summary = review.get_summary().unwrap();
    let description = review.get_description().unwrap();
    // The parser hands back the escaped text; undoing RFC 5545 escaping gives the original.
    let unescape = |s: &str| {
        s.replace("\\n", "\n")
            .replace("\\N", "\n")
            .replace("\\,", ",")
            .replace("\\;", ";")
            .replace("\\\\", "\\")
    };
    assert_eq!(
        unescape(summary),
        format!(
            "Mentoring: Review ({} and {})",
            hostile("MENTEE"),
            hostile("MENTOR")
        )
    );
    let description = unescape(description);
    assert!(description.contains(&hostile("AGENDA")), "{description}");
    assert!(
        description.contains("- first line\nsecond line"),
        "{description}"
    );
}

const NOTES: &str = "Before.\n\n<script>alert(\"note\")</script>\n\n<img src=\"chart.png\" onerror=\"alert('img')\">\n\n[a link](javascript:alert('link'))\n\n<details><summary>Open me</summary>\n\nThe hidden part.\n\n</details>\n\n- [x] a task\n\nAfter.\n";

fn notes_journal(safe_html: bool) -> Journal {
    let j = Journal::new();
    if safe_html {
        j.write(
            "mentorfolio.yaml",
            &format!("{}safe_html: true\n", common::CONFIG),
        );
    }
    j.write(
        "meetings/2026-02-04-review.md",
        &format!(
            "---\ndate: 2026-02-04\nagenda: [Plans]\nagenda_sent: 2026-02-02\noutcomes: [Fine]\nsummary_sent: 2026-02-04\n---\n{NOTES}"
        ),
    );
    j
}

#[test]
fn raw_html_in_notes_passes_through_by_default() {
    let files = build(&notes_journal(false));
    let page = &files["meetings/2026-02-04-review/index.html"];
    assert!(page.contains("<script>alert(\"note\")</script>"), "{page}");
    assert!(page.contains("onerror="));
    assert!(page.contains("javascript:alert"));
    assert!(page.contains("<details><summary>Open me</summary>"));
}

#[test]
fn safe_html_removes_scripts_handlers_and_script_urls_everywhere() {
    let files = build(&notes_journal(true));
    let page = &files["meetings/2026-02-04-review/index.html"];
    for (path, text) in &files {
        for gone in ["alert(", "onerror", "javascript:"] {
            assert!(!text.contains(gone), "{path} keeps {gone}");
        }
    }
    for kept in [
        "Before.",
        "After.",
        "<img src=\"chart.png\">",
        ">a link</a>",
        "<details><summary>Open me</summary>",
        "The hidden part.",
        "type=\"checkbox\"",
    ] {
        assert!(page.contains(kept), "{kept} missing: {page}");
    }
    // The feed carries the sanitised body too.
    let feed = &files["feed.xml"];
    assert!(feed.contains("The hidden part."));
    roxmltree::Document::parse(feed).expect("well-formed feed");
}

/// A journal whose notes and values hold control characters: raw bytes (form feed, 0x01,
/// ESC, DEL, a lone CR) and YAML escapes that make them.
fn control_journal() -> Journal {
    let j = Journal::new();
    j.write(
        "meetings/2026-02-04-review.md",
        "---\ndate: 2026-02-04 10:00\nagenda: [\"Plan \\e]0;pwned\\a it\"]\nagenda_sent: 2026-02-02\noutcomes: [Agreed\u{1}]\nsummary_sent: 2026-02-04\n---\nNotes with a form\u{c}feed.\nA lone\rreturn and \u{1b}[31mred\u{7f}.\n",
    );
    j.write(
        "activities/course.md",
        "---\ntitle: \"Course \\x01 one\"\ndate: 2026-02-10\nkind: course\n---\nLearned\u{c}.\n",
    );
    j
}

#[test]
fn control_characters_never_reach_any_output_and_each_line_is_warned() {
    let j = control_journal();
    let mut warned: Vec<(String, Option<u64>)> = j
        .diagnostics()
        .into_iter()
        .filter(|(code, ..)| code == "W701")
        .map(|(_, file, line)| (file, line))
        .collect();
    warned.sort();
    let at = |file: &str, line| (file.to_string(), Some(line));
    assert_eq!(
        warned,
        [
            at("activities/course.md", 2),
            at("activities/course.md", 6),
            at("meetings/2026-02-04-review.md", 3),
            at("meetings/2026-02-04-review.md", 5),
            at("meetings/2026-02-04-review.md", 8),
            at("meetings/2026-02-04-review.md", 9),
        ]
    );
    let out = j.path().join("public");
    j.cmd(&["build"]).assert().success();
    for e in walkdir::WalkDir::new(&out) {
        let e = e.unwrap();
        if !e.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(e.path()).unwrap();
        let name = e.path().display().to_string();
        let forbidden = |&b: &u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f;
        assert!(!bytes.iter().any(forbidden), "{name} holds a control byte");
        if !name.ends_with(".ics") {
            assert!(!bytes.contains(&b'\r'), "{name} holds a carriage return");
        }
    }
    let feed = std::fs::read_to_string(out.join("feed.xml")).unwrap();
    roxmltree::Document::parse(&feed).expect("the feed is well-formed XML 1.0");
    feed_rs::parser::parse(feed.as_bytes()).expect("valid Atom");
    let ics = std::fs::read_to_string(out.join("meetings.ics")).unwrap();
    let unfolded = ics.replace("\r\n ", "");
    assert!(
        unfolded.split("\r\n").all(|l| !l.contains('\r')),
        "only CRLF line ends in the calendar"
    );
    let cal: icalendar::Calendar = ics.parse().expect("valid iCalendar");
    assert_eq!(cal.events().count(), 1);
}

#[test]
fn text_diagnostics_show_control_characters_escaped_whatever_the_colour() {
    let j = control_journal();
    // A YAML value that the status check quotes back in its message.
    j.write(
        "goals/g.md",
        "---\ntitle: G\nstatus: \"\\e]0;pwned\\a\"\n---\n",
    );
    for color in ["never", "always"] {
        let out = j.cmd(&["check", "--color", color]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("\u{1b}]0;"), "--color {color}: {stderr:?}");
        assert!(!stderr.contains('\u{7}'), "--color {color}");
        assert!(!stderr.contains('\u{c}'), "--color {color}");
        assert!(!stderr.contains('\r'), "--color {color}");
        assert!(stderr.contains("W701"), "--color {color}");
    }
}
