//! YAML front matter: serde_yaml for typed values, and a map from every key path
//! (`benchmarks.1.due`) to its line and column in the file, so diagnostics can point at keys.

use std::collections::{HashMap, HashSet};

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Line and column (1-based, in the file) of every key path and sequence item.
pub type KeyMap = HashMap<String, (u32, u32)>;

/// A YAML problem at a line and column of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: u32,
    pub column: u32,
    pub message: String,
    /// True for a value of the wrong shape (E004); false for broken YAML (E002).
    pub wrong_type: bool,
}

/// Maps every key of `text` to its position, `first_line` being the file line of the text's first line.
/// Reports broken YAML and duplicate keys, which serde would otherwise hide or reject without a line.
pub fn key_map(text: &str, first_line: u32) -> Result<KeyMap, YamlError> {
    let mut rec = Recorder {
        first_line,
        ..Recorder::default()
    };
    let mut parser = Parser::new_from_str(text);
    // Events are pulled one by one (the parser's own `load` recurses per nesting level,
    // which a hostile file could use to overflow the stack), and nesting is bounded.
    loop {
        let (ev, mark) = parser.next_token().map_err(|e| {
            let m = e.marker();
            YamlError {
                line: first_line + m.line().saturating_sub(1) as u32,
                column: m.col() as u32 + 1,
                message: format!("invalid YAML: {}", e.info()),
                wrong_type: false,
            }
        })?;
        if ev == Event::StreamEnd {
            break;
        }
        rec.on_event(ev, mark);
        if rec.stack.len() > MAX_DEPTH {
            let (line, column) = rec.pos(mark);
            return Err(YamlError {
                line,
                column,
                message: format!("invalid YAML: nested more than {MAX_DEPTH} levels deep"),
                wrong_type: false,
            });
        }
    }
    match rec.duplicate {
        Some(err) => Err(err),
        None => Ok(rec.keys),
    }
}

/// Deeper than any journal needs, shallow enough for every parser after this one.
const MAX_DEPTH: usize = 64;

/// Deserializes front matter into `T`, mapping error positions to lines of the file.
pub fn parse<T: DeserializeOwned>(text: &str, first_line: u32) -> Result<T, YamlError> {
    let text = if text.trim().is_empty() { "{}" } else { text };
    serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line() as u32, l.column() as u32))
            .unwrap_or((1, 0));
        let message = e.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_string();
        let wrong_type = message.contains("invalid type")
            || message.contains("invalid value")
            || message.contains("invalid length")
            || message.contains("did not match any variant");
        YamlError {
            line: first_line + line.saturating_sub(1),
            column,
            message,
            wrong_type,
        }
    })
}

enum Frame {
    Map {
        key: Option<String>,
        seen: HashSet<String>,
        prefix: String,
    },
    Seq {
        index: usize,
        prefix: String,
    },
}

#[derive(Default)]
struct Recorder {
    first_line: u32,
    stack: Vec<Frame>,
    keys: KeyMap,
    duplicate: Option<YamlError>,
}

fn join(prefix: &str, part: &str) -> String {
    if prefix.is_empty() {
        part.to_string()
    } else {
        format!("{prefix}.{part}")
    }
}

impl Recorder {
    fn pos(&self, m: Marker) -> (u32, u32) {
        (
            self.first_line + m.line().saturating_sub(1) as u32,
            m.col() as u32 + 1,
        )
    }

    /// The path of the value that starts now, or None when a map key is expected
    /// (the scalar is a key, not a value).
    fn value_path(&mut self, mark: Marker) -> Option<String> {
        let pos = self.pos(mark);
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Seq { index, prefix }) => {
                let path = join(prefix, &index.to_string());
                *index += 1;
                self.keys.entry(path.clone()).or_insert(pos);
                Some(path)
            }
            Some(Frame::Map { key, prefix, .. }) => key.take().map(|k| join(prefix, &k)),
        }
    }

    fn on_key(&mut self, name: String, mark: Marker) {
        let pos = self.pos(mark);
        if let Some(Frame::Map { key, seen, prefix }) = self.stack.last_mut() {
            let path = join(prefix, &name);
            if !seen.insert(name.clone()) && self.duplicate.is_none() {
                self.duplicate = Some(YamlError {
                    line: pos.0,
                    column: pos.1,
                    message: format!("duplicate key `{name}`"),
                    wrong_type: false,
                });
            }
            self.keys.entry(path).or_insert(pos);
            *key = Some(name);
        }
    }
}

impl MarkedEventReceiver for Recorder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let expecting_key = matches!(self.stack.last(), Some(Frame::Map { key: None, .. }));
        match ev {
            Event::Scalar(text, ..) if expecting_key => self.on_key(text, mark),
            Event::Scalar(..) | Event::Alias(_) => {
                self.value_path(mark);
            }
            Event::MappingStart(..) if expecting_key => {
                // A complex key: record nothing under it, but keep the stack balanced.
                self.stack.push(Frame::Map {
                    key: None,
                    seen: HashSet::new(),
                    prefix: "?".into(),
                });
                if let Some(Frame::Map { key, .. }) = self.stack.iter_mut().rev().nth(1) {
                    *key = Some("?".into());
                }
            }
            Event::SequenceStart(..) if expecting_key => {
                self.stack.push(Frame::Seq {
                    index: 0,
                    prefix: "?".into(),
                });
                if let Some(Frame::Map { key, .. }) = self.stack.iter_mut().rev().nth(1) {
                    *key = Some("?".into());
                }
            }
            Event::MappingStart(..) => {
                let prefix = self.value_path(mark).unwrap_or_default();
                self.stack.push(Frame::Map {
                    key: None,
                    seen: HashSet::new(),
                    prefix,
                });
            }
            Event::SequenceStart(..) => {
                let prefix = self.value_path(mark).unwrap_or_default();
                self.stack.push(Frame::Seq { index: 0, prefix });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

/// A YAML scalar of any kind, kept as text so that conversion can report a clear,
/// located error for each bad value instead of serde stopping at the first.
#[derive(Clone, Debug, PartialEq)]
pub struct Scalar(pub String);

impl<'de> de::Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a single value (text, number, date or true/false)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_mapped_to_file_lines() {
        let text = "title: T\nbenchmarks:\n  - { title: A, due: 2026-01-01 }\n  - title: B\n    due: 2026-02-01\n";
        let keys = key_map(text, 2).unwrap();
        assert_eq!(keys["title"], (2, 1));
        assert_eq!(keys["benchmarks"], (3, 1));
        assert_eq!(keys["benchmarks.0"].0, 4);
        assert_eq!(keys["benchmarks.0.due"].0, 4);
        assert_eq!(keys["benchmarks.1"].0, 5);
        assert_eq!(keys["benchmarks.1.due"], (6, 5));
    }

    #[test]
    fn duplicate_keys_are_reported_at_the_second() {
        let err = key_map("a: 1\nb: 2\na: 3\n", 2).unwrap_err();
        assert_eq!((err.line, err.column), (4, 1));
        assert!(err.message.contains("duplicate key `a`"));
    }

    #[test]
    fn syntax_errors_are_located_in_the_file() {
        let err = key_map("a: 1\nb: [1, 2\n", 5).unwrap_err();
        assert!(err.line >= 6, "{err:?}");
        assert!(!err.wrong_type);
    }

    #[test]
    fn type_errors_are_located_in_the_file() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            list: Option<Vec<Scalar>>,
        }
        let err = parse::<T>("x: 1\nlist: { a: 1 }\n", 2).unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.wrong_type, "{err:?}");
    }
}
