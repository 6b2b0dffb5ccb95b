//! Each built-in language says everything in that language. A journal whose own words are
//! all invented ("Zorblat", "Quixmo") is built in Spanish, German, French and
//! Portuguese; every word left on any page, in the feed, the calendar or the search
//! index is then the tool's, and none may be an English word of the interface that the
//! language does not share. `summary` and `agenda` are held to the same rule. A snapshot
//! of the dashboard's and a meeting page's text per language keeps the wording reviewed.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;

const TODAY: &str = "2026-06-15";
const LANGUAGES: &[&str] = &["es", "de", "fr", "pt"];

const PLAN: &str = "---\nobjective: Vlanto prusk gerrib\nhorizon: 2026-12-31\nobjectives:\n  - { id: ovo, title: Krell Dumo }\n---\nPlimsk varno.\n";

const FILES: &[(&str, &str)] = &[
    (
        "goals/snarv.md",
        "---\ntitle: Snarv Plonk\nobjective: ovo\nstatus: active\nstarted: 2026-03-02\ntarget: 2026-09-30\nbenchmarks:\n  - { title: Glimwe Trosk, due: 2026-04-01, done: 2026-03-30 }\n  - { title: Hurv Blenk, due: 2026-05-01 }\n  - { title: Yabbo Twerl, due: 2026-08-01 }\nactions:\n  - Wexil Brone\ntags: [zibbo]\n---\nFrandle morp.\n",
    ),
    (
        "goals/quell.md",
        "---\ntitle: Quell Dravo\nobjective: ovo\nstatus: achieved\nstarted: 2026-03-02\ntarget: 2026-05-30\nbenchmarks:\n  - { title: Omber Vist, due: 2026-05-01, done: 2026-04-20 }\nactions:\n  - Tarbo Quist\n---\nSplee.\n",
    ),
    (
        "goals/mirth.md",
        "---\ntitle: Mirth Kolbo\nobjective: ovo\nstatus: paused\nstarted: 2026-03-02\nbenchmarks:\n  - { title: Fribble Nosk, due: 2026-12-01 }\n---\nGrenk.\n",
    ),
    (
        "meetings/2026-03-04-alpha.md",
        "---\ndate: 2026-03-04 10:00\nduration: 75\nstatus: held\ngoals: [snarv, quell]\nagenda:\n  - Porbel kwint\nagenda_sent: 2026-03-02\noutcomes:\n  - Dablo frinst\nactions:\n  - { task: Zunket morlo, owner: mentee, due: 2026-03-10, done: 2026-03-09, goal: snarv }\n  - { task: Vrimble staf, owner: mentor, due: 2026-03-20 }\n  - { task: Kelpo drunst, owner: Yrsa Kelm, due: 2026-07-01 }\n  - { task: Gwinny porf, owner: mentee, due: 2026-05-01 }\ncommitments:\n  - { what: Plosk introbel, followed_up: 2026-03-08, fulfilled: 2026-03-12 }\n  - { what: Dweemo flact }\nfeedback:\n  received:\n    - { suggestion: Trimbo wexel, reflection: Blaffo gronk, decision: adopted }\n    - { suggestion: Skeevo prunt, reflection: Oxbo trel, decision: adapted }\n    - { suggestion: Wumbo clart, reflection: Nerbo slink, decision: declined }\n    - { suggestion: Zibble frap, reflection: Lunto mosk, decision: considering }\n  given:\n    - Frobny quelt\nsummary_sent: 2026-03-04\ntags: [zibbo]\n---\nGlorp **snibble** vantor.\n",
    ),
    (
        "meetings/2026-03-11-beta.md",
        "---\ndate: 2026-03-11 10:00\nstatus: cancelled\ncancellation:\n  by: mentee\n  notice_given: 2026-03-10\n  reason: Kravo plent\n  rescheduled_to: 2026-03-13\n---\n",
    ),
    (
        "meetings/2026-03-13-gamma.md",
        "---\ndate: 2026-03-13 10:00\nstatus: held\nagenda: [Tweb nork]\noutcomes: [Blins twarp]\n---\nMoxel.\n",
    ),
    (
        "meetings/2026-03-25-delta.md",
        "---\ndate: 2026-03-25 10:00\nstatus: cancelled\ncancellation:\n  by: Brisk Tavol\n  notice_given: 2026-03-24\n---\n",
    ),
    (
        "meetings/2026-05-20-eps.md",
        "---\ndate: 2026-05-20 10:00\nstatus: held\ngoals: [snarv]\nagenda: [Sprell gonk]\noutcomes: [Yarbo kunt]\nfeedback:\n  received:\n    - { suggestion: Hobble snart }\n---\nTwindle.\n",
    ),
    (
        "meetings/2026-06-24-zeta.md",
        "---\ndate: 2026-06-24 10:00\nstatus: planned\ngoals: [snarv]\nagenda: [Quarnel blip, Vosk drindle]\n---\n",
    ),
    (
        "activities/2026-04-kurso.md",
        "---\ntitle: Kurso Plimbit\ndate: 2026-04-10\nkind: course\nhours: 6\ngoals: [snarv]\ntags: [zibbo]\n---\nBrantle.\n",
    ),
    (
        "activities/2026-05-werk.md",
        "---\ntitle: Werkel Drumpf\ndate: 2026-05-12\nkind: workshop\nhours: 3\n---\nSplonk.\n",
    ),
];

/// The invented journal, in `language`.
fn journal(language: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "mentorfolio.yaml",
        &format!(
            "title: Zorblat Quixmo\nmentee: {{ name: Ulmo Ferrax, email: ulmo@example.org }}\nmentor:\n  - {{ name: Brisk Tavol, email: brisk@example.org }}\n  - {{ name: Yrsa Kelm }}\nbase_url: https://example.org/zorb/\nrepository: zorb/quix\nstart: 2026-03-02\ncadence:\n  - {{ from: 2026-03-02, every: weekly }}\nlanguage: {language}\n"
        ),
    );
    write("plan.md", PLAN);
    for (rel, text) in FILES {
        write(rel, text);
    }
    dir
}

fn run(root: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("mentorfolio")
        .unwrap()
        .arg("--root")
        .arg(root)
        .args(["--today", TODAY, "--color", "never"])
        .args(args)
        .env_remove("MENTORFOLIO_TODAY")
        .output()
        .unwrap()
}

/// The words of a text: runs of letters, lower case, two letters or more; addresses
/// (`https://…`, `/meetings/…`, `a@b`) are not words.
fn words(text: &str, into: &mut BTreeSet<String>) {
    let prose = text
        .split_whitespace()
        .filter(|t| !t.contains("://") && !t.starts_with('/') && !t.contains('@'));
    for token in prose {
        for w in token.split(|c: char| !c.is_alphabetic()) {
            if w.chars().count() >= 2 {
                into.insert(w.to_lowercase());
            }
        }
    }
}

/// The month names of the language, full and abbreviated, from the same locale data the
/// tool uses: they are the language's words, even where English spells one alike.
fn months(lang: &str) -> BTreeSet<String> {
    let locale = match lang {
        "es" => chrono::Locale::es_ES,
        "de" => chrono::Locale::de_DE,
        "fr" => chrono::Locale::fr_FR,
        "pt" => chrono::Locale::pt_BR,
        _ => chrono::Locale::en_GB,
    };
    let mut all = BTreeSet::new();
    for m in 1..=12 {
        let d = chrono::NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
        words(&d.format_localized("%B %b", locale).to_string(), &mut all);
    }
    all
}

/// Every word of the messages of a language's built-in tables, placeholders left out.
fn vocabulary(lang: &str) -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = [
        root.join(format!("src/i18n/{lang}/site.yaml")),
        root.join(format!("src/i18n/{lang}/notes.yaml")),
        root.join(format!("themes/default/i18n/{lang}.yaml")),
    ];
    let mut all = months(lang);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        collect(&value, &mut all);
    }
    all
}

fn collect(v: &serde_yaml::Value, into: &mut BTreeSet<String>) {
    match v {
        serde_yaml::Value::String(s) => {
            let mut text = String::new();
            let mut depth = 0;
            for c in s.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ if depth == 0 => text.push(c),
                    _ => {}
                }
            }
            words(&text, into);
        }
        serde_yaml::Value::Mapping(m) => m.values().for_each(|v| collect(v, into)),
        _ => {}
    }
}

/// What a reader sees of an HTML page: its text and the attributes read aloud or shown.
fn html_text(html: &str) -> String {
    let mut s = html.to_string();
    for tag in ["script", "style"] {
        while let Some(start) = s.find(&format!("<{tag}")) {
            let end = s[start..]
                .find(&format!("</{tag}>"))
                .map_or(s.len(), |e| start + e + tag.len() + 3);
            // A script's strings for the reader live in data- attributes, read below.
            s.replace_range(start..end, " ");
        }
    }
    let mut out = String::new();
    let attrs = regex_lite(&s);
    out.push_str(&attrs);
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The values of the attributes a reader meets: labels, titles, alt texts, meta
/// descriptions, and data- attributes that scripts show.
fn regex_lite(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(eq) = rest.find("=\"") {
        let name: String = rest[..eq]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after = &rest[eq + 2..];
        let end = after.find('"').unwrap_or(after.len());
        let description = name == "content" && rest[..eq].ends_with("name=\"description\" content");
        let shown = ["aria-label", "title", "alt", "placeholder"].contains(&name.as_str())
            || description
            || name.starts_with("data-")
                && !name.ends_with("url")
                && name != "data-index"
                && name != "data-key";
        if shown && !after[..end].contains("://") {
            out.push_str(&after[..end]);
            out.push(' ');
        }
        rest = &after[end..];
    }
    out
}

/// Every file of the built site as the text a reader meets in it.
fn site_text(public: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(public) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(public)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let Ok(raw) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let text = if rel.ends_with(".html") {
            html_text(&raw)
        } else if rel.ends_with(".xml") && rel != "sitemap.xml" {
            let unescaped = raw
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            html_text(&unescaped)
        } else if rel.ends_with(".ics") {
            raw.lines()
                .filter_map(|l| l.split_once(':'))
                .filter(|(k, _)| {
                    ["SUMMARY", "DESCRIPTION", "LOCATION"]
                        .contains(&k.split(';').next().unwrap_or(""))
                })
                .map(|(_, v)| v.replace("\\n", " "))
                .collect::<Vec<_>>()
                .join("\n")
        } else if rel.ends_with(".json") {
            let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
            let mut strings = Vec::new();
            json_strings(&v, &mut strings);
            strings.join("\n")
        } else {
            continue;
        };
        files.push((rel, text));
    }
    files
}

fn json_strings(v: &serde_json::Value, into: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) if !s.starts_with('/') && !s.contains("://") => {
            into.push(s.clone())
        }
        serde_json::Value::Array(a) => a.iter().for_each(|v| json_strings(v, into)),
        serde_json::Value::Object(o) => o.values().for_each(|v| json_strings(v, into)),
        _ => {}
    }
}

/// Words of English's interface that `lang` does not share, found in `text`.
fn english_in(text: &str, english_only: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    words(text, &mut found);
    found.retain(|w| english_only.contains(w));
    found
}

#[test]
fn every_language_leaves_no_english_interface_word() {
    let english = vocabulary("en");
    let mut problems = Vec::new();
    for lang in LANGUAGES {
        let own = vocabulary(lang);
        let english_only: BTreeSet<String> = english.difference(&own).cloned().collect();
        let dir = journal(lang);
        let out = run(dir.path(), &["build"]);
        assert!(
            out.status.success(),
            "{lang}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let files = site_text(&dir.path().join("public"));
        assert!(files.len() > 20, "{lang}: {} files", files.len());
        for (rel, text) in files {
            let found = english_in(&text, &english_only);
            if !found.is_empty() {
                problems.push(format!("{lang} {rel}: {found:?}"));
            }
        }
        for command in [&["summary", "2026-03-04-alpha"][..], &["agenda"][..]] {
            let out = run(dir.path(), command);
            assert!(out.status.success(), "{lang} {command:?}");
            let found = english_in(&String::from_utf8_lossy(&out.stdout), &english_only);
            if !found.is_empty() {
                problems.push(format!("{lang} {command:?}: {found:?}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "English left:\n{}",
        problems.join("\n")
    );
}

/// The same invented journal in English shows the English words, so the test above
/// would see them if a language forgot one.
#[test]
fn the_english_site_is_made_of_english_interface_words() {
    let english = vocabulary("en");
    let dir = journal("en");
    assert!(run(dir.path(), &["build"]).status.success());
    let index = std::fs::read_to_string(dir.path().join("public/index.html")).unwrap();
    let found = english_in(&html_text(&index), &english);
    assert!(found.len() > 30, "{found:?}");
}

/// The text of a page, one line per line of text, for a reviewed snapshot.
fn visible(html: &str) -> String {
    html_text(html)
        .split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn each_language_reads_as_reviewed() {
    for lang in ["en", "es", "de", "fr", "pt"] {
        let dir = journal(lang);
        assert!(run(dir.path(), &["build"]).status.success());
        let public = dir.path().join("public");
        for (name, page) in [
            ("dashboard", "index.html"),
            ("meeting", "meetings/2026-03-04-alpha/index.html"),
            ("checklist", "checklist/index.html"),
        ] {
            let html = std::fs::read_to_string(public.join(page)).unwrap();
            insta::assert_snapshot!(format!("{lang}_{name}"), visible(&html));
        }
        let agenda = run(dir.path(), &["agenda"]);
        insta::assert_snapshot!(
            format!("{lang}_agenda"),
            String::from_utf8_lossy(&agenda.stdout)
        );
    }
}
