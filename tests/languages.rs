//! `language:` and the journal's own translations: the tag is checked as BCP 47, a
//! language without strings is a warning that suggests the one meant, and
//! `i18n/LANG.yaml` adds or overrides strings, each mistake reported at its line.

mod common;

use common::{CONFIG, Journal};

fn journal(language: &str) -> Journal {
    let j = Journal::new();
    j.write(
        "mentorfolio.yaml",
        &format!("{CONFIG}language: {language}\n"),
    );
    j
}

/// The JSON of `check`, one diagnostic per entry.
fn check(j: &Journal) -> Vec<serde_json::Value> {
    let out = j.cmd(&["check", "--format", "json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array().unwrap().clone()
}

fn find<'a>(diags: &'a [serde_json::Value], code: &str) -> Vec<&'a serde_json::Value> {
    diags.iter().filter(|d| d["code"] == code).collect()
}

/// The line of `language:` in the config `journal` writes.
fn language_line() -> u64 {
    CONFIG.lines().count() as u64 + 1
}

#[test]
fn a_malformed_tag_is_an_error_at_its_line() {
    let j = journal("klingon-42");
    let diags = check(&j);
    let e = find(&diags, "E004");
    assert_eq!(e.len(), 1, "{diags:?}");
    assert_eq!(e[0]["file"], "mentorfolio.yaml");
    assert_eq!(e[0]["line"].as_u64(), Some(language_line()));
    assert!(e[0]["message"].as_str().unwrap().contains("klingon-42"));
    assert!(e[0]["hint"].as_str().unwrap().contains("BCP 47"));
    j.cmd(&["build"]).assert().failure();
}

#[test]
fn a_language_without_strings_warns_and_suggests_the_one_meant() {
    // `ger` is a well-formed tag (ISO 639-2), for which there are no strings.
    let j = journal("ger");
    let diags = check(&j);
    let w = find(&diags, "W508");
    assert_eq!(w.len(), 1, "{diags:?}");
    assert_eq!(w[0]["line"].as_u64(), Some(language_line()));
    assert!(
        w[0]["hint"]
            .as_str()
            .unwrap()
            .starts_with("did you mean `de`?"),
        "{:?}",
        w[0]
    );

    let j = journal("it");
    let diags = check(&j);
    assert_eq!(find(&diags, "W508").len(), 1);
    assert!(
        !find(&diags, "W508")[0]["hint"]
            .as_str()
            .unwrap()
            .contains("did you mean")
    );
    // Only a warning: the site is built, in English, with the tag as written.
    j.cmd(&["build"]).assert().success();
    let index = std::fs::read_to_string(j.path().join("public/index.html")).unwrap();
    assert!(index.contains("<html lang=\"it\">"), "{index}");
}

#[test]
fn a_language_written_as_a_name_is_an_error_that_names_the_tag() {
    let j = journal("German");
    let diags = check(&j);
    let e = find(&diags, "E004");
    assert_eq!(e.len(), 1, "{diags:?}");
    assert!(
        e[0]["hint"]
            .as_str()
            .unwrap()
            .starts_with("did you mean `de`?"),
        "{:?}",
        e[0]
    );
}

#[test]
fn built_in_languages_and_regional_tags_need_nothing_more() {
    for tag in ["en", "es", "de", "fr", "pt", "pt-BR", "de-AT", "en-US"] {
        let j = journal(tag);
        let diags = check(&j);
        assert!(
            find(&diags, "W508").is_empty() && find(&diags, "E004").is_empty(),
            "{tag}: {diags:?}"
        );
    }
}

#[test]
fn a_journals_translation_fills_a_new_language_and_names_what_is_missing() {
    let j = journal("it");
    j.write("i18n/it.yaml", "list.and: \"{init} e {last}\"\n");
    let diags = check(&j);
    assert!(find(&diags, "W508").is_empty(), "{diags:?}");
    let w = find(&diags, "W509");
    assert_eq!(w.len(), 1, "{diags:?}");
    assert_eq!(w[0]["file"], "i18n/it.yaml");
    let message = w[0]["message"].as_str().unwrap();
    assert!(
        message.contains("left untranslated, shown in English"),
        "{message}"
    );
    // The first missing keys, sorted, are named; `list.and` is given, so never among them.
    let hint = w[0]["hint"].as_str().unwrap();
    assert!(
        hint.starts_with("add `") && !hint.contains("`list.and`"),
        "{hint}"
    );
}

#[test]
fn mistakes_in_a_translation_file_are_reported_at_their_line() {
    let j = journal("de");
    j.write(
        "i18n/de.yaml",
        "# Eigene Wörter\nlist.and: \"{init} sowie {last}\"\nlist.adn: \"{init} und {last}\"\ncount.meetings:\n  one: \"{n} Termin\"\ndate.long: [a, b]\n",
    );
    let diags = check(&j);
    let lines = |code: &str| -> Vec<u64> {
        find(&diags, code)
            .iter()
            .filter(|d| d["file"] == "i18n/de.yaml")
            .map(|d| d["line"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(lines("W501"), [3], "{diags:?}");
    let unknown = find(&diags, "W501");
    assert!(unknown[0]["hint"].as_str().unwrap().contains("`list.and`"));
    // Plural forms without `other`, and a list where a message belongs.
    assert_eq!(lines("E004"), [4, 6], "{diags:?}");
    // German is built in: nothing is missing, so no W509.
    assert!(find(&diags, "W509").is_empty());
}

#[test]
fn broken_yaml_in_a_translation_file_is_e002_at_its_line() {
    let j = journal("fr");
    j.write(
        "i18n/fr.yaml",
        "list.and: \"{init} et {last}\nnav.goals: Objectifs\n",
    );
    let diags = check(&j);
    let e = find(&diags, "E002");
    assert_eq!(e.len(), 1, "{diags:?}");
    assert_eq!(e[0]["file"], "i18n/fr.yaml");
}
