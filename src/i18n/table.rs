//! One translations file read into messages: nested maps flatten to dotted keys
//! (`nav: {goals: Ziele}` is `nav.goals`), and a map of CLDR plural categories is one
//! message with a form per category.

use foldhash::HashMap;

use icu_plurals::PluralCategory;
use serde_json::Value;

use crate::journal::yaml::{self, KeyMap, YamlError};

/// One message: text, or one text per plural category.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    Text(String),
    Plural(Forms),
}

/// The forms of a message that depends on a number; `other` is always there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Forms {
    /// zero, one, two, few, many, in CLDR's order.
    special: [Option<String>; 5],
    other: String,
}

pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

impl Forms {
    pub fn other(&self) -> &str {
        &self.other
    }

    pub fn get(&self, c: PluralCategory) -> &str {
        let i = match c {
            PluralCategory::Zero => 0,
            PluralCategory::One => 1,
            PluralCategory::Two => 2,
            PluralCategory::Few => 3,
            PluralCategory::Many => 4,
            PluralCategory::Other => return &self.other,
        };
        self.special[i].as_deref().unwrap_or(&self.other)
    }
}

/// Something wrong with one entry of a translations file.
#[derive(Debug, PartialEq, Eq)]
pub struct Problem {
    pub key: String,
    pub line: u32,
    pub message: String,
    pub hint: String,
}

/// A file's messages by key, with the line of each.
pub struct Table {
    pub messages: HashMap<String, Message>,
    pub lines: HashMap<String, u32>,
    pub problems: Vec<Problem>,
}

/// Reads `text`; broken YAML is the error, entries of the wrong shape are problems.
pub fn parse(text: &str) -> Result<Table, YamlError> {
    let (tree, keys) = yaml::load(text, 1)?;
    let root: Value = if text.trim().is_empty() {
        Value::Object(Default::default())
    } else {
        tree.read()?
    };
    let mut table = Table {
        messages: HashMap::default(),
        lines: HashMap::default(),
        problems: Vec::new(),
    };
    match root {
        Value::Object(map) => {
            for (key, value) in map {
                entry(&mut table, &keys, key, value);
            }
        }
        Value::Null => {}
        _ => table.problems.push(Problem {
            key: String::new(),
            line: 1,
            message: "a translations file is a map of keys to messages".into(),
            hint: "write one `key: message` per line, for example `nav.goals: Ziele`".into(),
        }),
    }
    Ok(table)
}

fn entry(table: &mut Table, keys: &KeyMap, key: String, value: Value) {
    let line = keys.get(&key).map_or(1, |(l, _)| *l);
    let problem = |message: String, hint: &str| Problem {
        key: key.clone(),
        line,
        message,
        hint: hint.to_string(),
    };
    let message = match value {
        Value::String(s) => Message::Text(s),
        Value::Number(n) => Message::Text(n.to_string()),
        Value::Bool(b) => Message::Text(b.to_string()),
        Value::Null => {
            let p = problem(
                format!("`{key}` has no message"),
                "write the text after the colon, or delete the line to keep the English",
            );
            table.problems.push(p);
            return;
        }
        Value::Array(_) => {
            let p = problem(
                format!("`{key}` is a list, not a message"),
                "write one line of text; a message that depends on a number is a map of `one:` and `other:`",
            );
            table.problems.push(p);
            return;
        }
        Value::Object(map) if is_plural(&map) => match forms(map) {
            Some(forms) => Message::Plural(forms),
            None => {
                let p = problem(
                    format!("`{key}` has plural forms but no `other:`"),
                    "add `other:`, the form for most numbers",
                );
                table.problems.push(p);
                return;
            }
        },
        Value::Object(map) => {
            for (child, value) in map {
                entry(table, keys, format!("{key}.{child}"), value);
            }
            return;
        }
    };
    table.lines.insert(key.clone(), line);
    table.messages.insert(key, message);
}

fn is_plural(map: &serde_json::Map<String, Value>) -> bool {
    !map.is_empty()
        && map
            .iter()
            .all(|(k, v)| CATEGORIES.contains(&k.as_str()) && v.is_string())
}

fn forms(mut map: serde_json::Map<String, Value>) -> Option<Forms> {
    let mut take = |k: &str| match map.remove(k) {
        Some(Value::String(s)) => Some(s),
        _ => None,
    };
    let special = [
        take("zero"),
        take("one"),
        take("two"),
        take("few"),
        take("many"),
    ];
    Some(Forms {
        special,
        other: take("other")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_maps_flatten_and_plurals_stay_whole() {
        let t = parse("nav:\n  goals: Ziele\nmeetings.count:\n  one: \"{n} Treffen\"\n  other: \"{n} Treffen\"\n").unwrap();
        assert_eq!(t.messages["nav.goals"], Message::Text("Ziele".into()));
        assert!(matches!(t.messages["meetings.count"], Message::Plural(_)));
        assert_eq!(t.lines["nav.goals"], 2);
        assert!(t.problems.is_empty());
    }

    #[test]
    fn wrong_shapes_are_problems_at_their_line() {
        let t = parse("a: ok\nb:\nc: [x, y]\nd:\n  one: x\n").unwrap();
        let lines: Vec<(&str, u32)> = t
            .problems
            .iter()
            .map(|p| (p.key.as_str(), p.line))
            .collect();
        assert_eq!(lines, [("b", 2), ("c", 3), ("d", 4)]);
        assert_eq!(t.messages.len(), 1);
    }
}
