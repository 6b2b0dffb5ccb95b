//! Reading the journal's language: the tag is checked, the built-in strings are taken,
//! and the theme's and the journal's `i18n/LANG.yaml` laid over them, each problem a
//! diagnostic at its file and line.

use foldhash::HashMap;
use std::path::Path;
use std::sync::Arc;

use super::builtin::{self, LANGUAGES};
use super::table::{self, Message};
use super::{Strings, language};
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::journal::Config;

/// How many missing keys a W509 names before "and N more".
const NAMED: usize = 5;

/// The strings for the journal's `language:`, and what is wrong with the tag or with the
/// translation files. Never fails: whatever cannot be read leaves English showing.
pub fn load(root: &Path, config: &Config) -> (Arc<Strings>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let written = config.language.trim();
    let at = || config.source.at("language");
    let tag = if language::is_well_formed(written) {
        written
    } else {
        let hint = match language::suggestion(written) {
            Some(s) => format!("did you mean `{s}`? A BCP 47 tag is a language code with an optional region, such as `en`, `de` or `pt-BR`"),
            None => "write a BCP 47 tag: a language code with an optional region, such as `en`, `es`, `de`, `fr`, `pt` or `pt-BR`".to_string(),
        };
        diags.push(Diagnostic::new(
            Code::E004,
            at(),
            format!("`{written}` is not a language tag"),
            hint,
        ));
        "en"
    };
    let lang = language::primary(tag);
    let built_in = LANGUAGES.contains(&lang.as_str());
    let english = builtin::table("en");
    let mut messages = builtin::messages(&lang);
    let mut own: Vec<String> = Vec::new();
    let mut files = Vec::new();
    let theme = Path::new("themes").join(&config.theme).join("i18n");
    for dir in [theme.as_path(), Path::new("i18n")] {
        let Some(rel) = file_for(root, dir, tag, &lang) else {
            continue;
        };
        let layer = read(root, &rel, english, &mut diags);
        own.extend(layer.keys().cloned());
        messages.extend(layer);
        files.push(rel);
    }
    if !built_in {
        let missing = missing(english, &own);
        match files.last() {
            None => diags.push(no_strings(at(), tag, &lang)),
            Some(file) if !missing.is_empty() => diags.push(untranslated(file, &missing)),
            Some(_) => {}
        }
    }
    (Arc::new(Strings::new(tag, messages)), diags)
}

/// `DIR/TAG.yaml` for the tag as written, else `DIR/LANG.yaml`, relative to the root.
fn file_for(root: &Path, dir: &Path, tag: &str, lang: &str) -> Option<String> {
    [tag, lang]
        .iter()
        .map(|name| dir.join(format!("{name}.yaml")))
        .find(|p| root.join(p).is_file())
        .map(|p| p.to_string_lossy().replace('\\', "/"))
}

/// One translations file's messages; its problems go to `diags`.
fn read(
    root: &Path,
    rel: &str,
    english: &HashMap<String, Message>,
    diags: &mut Vec<Diagnostic>,
) -> HashMap<String, Message> {
    // Read as journal files are: never a pipe or a device, even one swapped in after the
    // folder was looked at.
    let text = match crate::journal::load::read_regular(&root.join(rel)) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                diags.push(Diagnostic::new(
                    Code::E001,
                    Location::file(rel),
                    "the file is not UTF-8 text",
                    "save it as UTF-8 in your editor",
                ));
                return HashMap::default();
            }
        },
        Err(e) => {
            diags.push(Diagnostic::new(
                Code::E001,
                Location::file(rel),
                e.to_string(),
                "check that the file is a plain, readable file",
            ));
            return HashMap::default();
        }
    };
    let table = match table::parse(&text) {
        Ok(t) => t,
        Err(e) => {
            diags.push(crate::journal::load::yaml_diag(rel, e, &text));
            return HashMap::default();
        }
    };
    for p in table.problems {
        diags.push(Diagnostic::new(
            Code::E004,
            Location::new(rel, p.line, 0),
            p.message,
            p.hint,
        ));
    }
    let known: Vec<&str> = english.keys().map(String::as_str).collect();
    let mut messages = table.messages;
    let mut unknown: Vec<(u32, String)> = messages
        .keys()
        .filter(|k| !english.contains_key(*k))
        .map(|k| (table.lines.get(k).copied().unwrap_or(1), k.clone()))
        .collect();
    unknown.sort();
    for (line, key) in unknown {
        messages.remove(&key);
        let hint = match crate::journal::front::nearest(&key, &known) {
            Some(n) => format!("did you mean `{n}`?"),
            None => "docs/translations.md lists every key; delete this one".to_string(),
        };
        diags.push(Diagnostic::new(
            Code::W501,
            Location::new(rel, line, 1),
            format!("unknown string `{key}`"),
            hint,
        ));
    }
    messages
}

/// English keys no file of the language gives, sorted.
fn missing(english: &HashMap<String, Message>, own: &[String]) -> Vec<String> {
    let own: foldhash::HashSet<&str> = own.iter().map(String::as_str).collect();
    let mut keys: Vec<String> = english
        .keys()
        .filter(|k| !own.contains(k.as_str()))
        .cloned()
        .collect();
    keys.sort();
    keys
}

fn no_strings(at: Location, tag: &str, lang: &str) -> Diagnostic {
    let mut hint = match language::suggestion(tag) {
        Some(s) => format!("did you mean `{s}`? "),
        None => String::new(),
    };
    hint.push_str(&format!(
        "the built-in languages are {}; for another, translate the strings in `i18n/{lang}.yaml` (docs/translations.md)",
        LANGUAGES.join(", ")
    ));
    Diagnostic::new(
        Code::W508,
        at,
        format!("mentorfolio has no interface strings for `{tag}`: the pages will be in English"),
        hint,
    )
}

fn untranslated(file: &str, missing: &[String]) -> Diagnostic {
    let mut named: Vec<String> = missing
        .iter()
        .take(NAMED)
        .map(|k| format!("`{k}`"))
        .collect();
    if missing.len() > NAMED {
        named.push(format!("{} more", missing.len() - NAMED));
    }
    Diagnostic::new(
        Code::W509,
        Location::file(file),
        format!(
            "{} left untranslated, shown in English",
            crate::english::count(missing.len(), "string")
        ),
        format!(
            "add {} (docs/translations.md lists every key)",
            named.join(", ")
        ),
    )
}
