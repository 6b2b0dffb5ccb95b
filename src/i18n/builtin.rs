//! The strings compiled into the binary: the tool's own (pages' generated sentences,
//! `summary`, `agenda`) and the default theme's, per built-in language. Each table is
//! parsed once per process, on first use.

use foldhash::HashMap;
use std::sync::OnceLock;

use super::table::{self, Message};

/// The languages with a complete built-in table, English first.
pub const LANGUAGES: &[&str] = &["en", "es", "de", "fr", "pt"];

macro_rules! files {
    ($lang:literal) => {
        &[
            (
                concat!("src/i18n/", $lang, "/site.yaml"),
                include_str!(concat!($lang, "/site.yaml")),
            ),
            (
                concat!("src/i18n/", $lang, "/notes.yaml"),
                include_str!(concat!($lang, "/notes.yaml")),
            ),
            (
                concat!("themes/default/i18n/", $lang, ".yaml"),
                include_str!(concat!("../../themes/default/i18n/", $lang, ".yaml")),
            ),
        ]
    };
}

/// Every built-in file, by language, with its path in the repository.
pub const FILES: &[(&str, &[(&str, &str)])] = &[
    ("en", files!("en")),
    ("es", files!("es")),
    ("de", files!("de")),
    ("fr", files!("fr")),
    ("pt", files!("pt")),
];

/// The built-in table of `lang`, if it is one of [`LANGUAGES`].
pub fn table_opt(lang: &str) -> Option<&'static HashMap<String, Message>> {
    static TABLES: [OnceLock<HashMap<String, Message>>; 5] = [const { OnceLock::new() }; 5];
    let i = FILES.iter().position(|(l, _)| *l == lang)?;
    Some(TABLES[i].get_or_init(|| {
        let mut all = HashMap::default();
        for (path, text) in FILES[i].1 {
            // The tables' own tests make this unreachable; an unreadable file would only
            // leave the English beneath it showing.
            if let Ok(t) = table::parse(text) {
                debug_assert!(t.problems.is_empty(), "{path}: {:?}", t.problems);
                all.extend(t.messages);
            } else {
                debug_assert!(false, "{path} does not parse");
            }
        }
        all
    }))
}

/// English with the built-in strings of `lang` over it (English alone for a language
/// that has none): the start of every language's table.
pub fn messages(lang: &str) -> HashMap<String, Message> {
    let mut all = table("en").clone();
    if lang != "en"
        && let Some(own) = table_opt(lang)
    {
        all.extend(own.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    all
}

/// The built-in English table, beneath every language.
pub fn table(lang: &str) -> &'static HashMap<String, Message> {
    table_opt(lang).unwrap_or_else(|| table_opt("en").expect("English is built in"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_file_parses_without_problems() {
        for (_, files) in FILES {
            for (path, text) in *files {
                let t = table::parse(text).unwrap_or_else(|e| panic!("{path}: {e:?}"));
                assert!(t.problems.is_empty(), "{path}: {:?}", t.problems);
            }
        }
    }

    /// A built-in language says everything English says, and nothing English does not.
    #[test]
    fn every_language_has_every_english_key() {
        let en = table("en");
        for lang in &LANGUAGES[1..] {
            let own = table(lang);
            let mut missing: Vec<&String> = en.keys().filter(|k| !own.contains_key(*k)).collect();
            let mut extra: Vec<&String> = own.keys().filter(|k| !en.contains_key(*k)).collect();
            missing.sort();
            extra.sort();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            assert!(extra.is_empty(), "{lang} has keys English lacks: {extra:?}");
        }
    }

    /// A translation is not English copied: the messages a language writes exactly as
    /// English does (placeholders only, "Plan", "Portfolio") stay a small share.
    #[test]
    fn translations_are_not_english_copied() {
        let en = table("en");
        for lang in &LANGUAGES[1..] {
            let own = table(lang);
            let same: Vec<&String> = en.keys().filter(|k| own.get(*k) == en.get(*k)).collect();
            assert!(
                same.len() * 20 < en.len(),
                "{lang} repeats {} of {} English messages: {same:?}",
                same.len(),
                en.len()
            );
        }
    }

    /// Each translation keeps the English message's placeholders, so no value is lost.
    #[test]
    fn translations_keep_the_placeholders() {
        let names = |m: &Message| -> Vec<String> {
            let text = match m {
                Message::Text(s) => s.clone(),
                Message::Plural(f) => f.other().to_string(),
            };
            let mut found: Vec<String> = text
                .split('{')
                .skip(1)
                .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_string()))
                .filter(|n| {
                    !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                })
                .collect();
            found.sort();
            found.dedup();
            found
        };
        let en = table("en");
        for lang in &LANGUAGES[1..] {
            for (key, m) in table(lang) {
                if let Some(e) = en.get(key) {
                    assert_eq!(names(m), names(e), "{lang} {key}");
                }
            }
        }
    }
}
