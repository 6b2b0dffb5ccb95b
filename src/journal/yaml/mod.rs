//! YAML front matter, parsed once: yaml-rust2's events build a small [`Tree`] whose nodes
//! know their line and column, and on the same pass a map from every key path
//! (`benchmarks.1.due`) to its position, so diagnostics can point at keys. Typed values are
//! read out of the tree with serde ([`Tree::read`]), worded as serde_yaml worded them.

mod keys;
mod read;
mod schema;

use foldhash::HashSet;
use std::fmt::Write;

pub use keys::KeyMap;
use keys::KeysBuilder;

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// A YAML problem at a line and column of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: u32,
    pub column: u32,
    pub message: String,
    /// True for a value of the wrong shape (E004); false for broken YAML (E002).
    pub wrong_type: bool,
}

/// Deeper than any journal needs, shallow enough for every reader after this one.
const MAX_DEPTH: usize = 64;

/// One parsed front matter. Nodes are kept in a flat list, the root first, so that an
/// alias is just the index of the node it names.
pub struct Tree {
    nodes: Vec<Node>,
    /// How many events the document had: following aliases is bounded by a multiple of it.
    events: usize,
    /// A second document followed the first, which is an error once the first is read.
    more_documents: bool,
    first_line: u32,
}

struct Node {
    value: Value,
    /// The resolved tag (`!foo`, `tag:yaml.org,2002:int`), when one was written.
    tag: Option<Box<str>>,
    line: u32,
    column: u32,
    /// A list item taken out by [`Tree::forget`]: reading skips it, but the items after
    /// it keep their index, so diagnostics still name them rightly.
    forgotten: bool,
}

enum Value {
    /// An empty document: reads as an empty mapping, or as no value.
    Void,
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<usize>),
    /// Keys and values, alternating.
    Map(Vec<usize>),
    /// The node an alias refers to.
    Alias(usize),
}

impl Node {
    fn text(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }
}

/// Parses `text`, `first_line` being the file line of its first line, into its tree and its
/// key positions. Reports broken YAML, nesting beyond [`MAX_DEPTH`] and duplicate keys, which
/// serde would otherwise hide or reject without a line.
pub fn load(text: &str, first_line: u32) -> Result<(Tree, KeyMap), YamlError> {
    let mut b = Builder {
        first_line,
        path: String::new(),
        // About one node per 16 bytes of front matter, so the list rarely grows.
        nodes: Vec::with_capacity(text.len() / 16 + 4),
        stack: Vec::new(),
        anchors: Vec::new(),
        keys: KeysBuilder::default(),
        duplicate: None,
        events: 0,
        documents: 0,
    };
    reject_what_libyaml_rejects(text, first_line)?;
    let mut parser = Parser::new_from_str(text);
    // Events are pulled one by one (the parser's own `load` recurses per nesting level,
    // which a hostile file could use to overflow the stack), and nesting is bounded.
    loop {
        let (ev, mark) = parser.next_token().map_err(|e| YamlError {
            message: format!("invalid YAML: {}", e.info()),
            ..b.error_at(*e.marker())
        })?;
        match ev {
            Event::StreamEnd => break,
            Event::DocumentStart => b.documents += 1,
            Event::Scalar(text, style, anchor, tag) => {
                // A double-quoted escape such as `\e` may make a control character; the
                // loader warns about it (W701), and it never reaches the site.
                let text = if text.contains(super::controls::is_forbidden_control) {
                    text.replace(super::controls::is_forbidden_control, "\u{fffd}")
                } else {
                    text
                };
                let plain = style == TScalarStyle::Plain;
                if plain && text.is_empty() && b.expecting_key() {
                    return Err(YamlError {
                        message: "invalid YAML: did not find expected key".into(),
                        ..b.error_at(mark)
                    });
                }
                b.add(Value::Scalar { text, plain }, anchor, tag, mark);
            }
            Event::Alias(id) => match b.anchors.get(id) {
                Some(&target) => b.add(Value::Alias(target), 0, None, mark),
                None => {
                    return Err(YamlError {
                        message: "invalid YAML: unknown anchor".into(),
                        ..b.error_at(mark)
                    });
                }
            },
            Event::SequenceStart(anchor, tag) => b.open(false, anchor, tag, mark),
            Event::MappingStart(anchor, tag) => b.open(true, anchor, tag, mark),
            Event::SequenceEnd | Event::MappingEnd => b.close(),
            _ => {}
        }
        if b.stack.len() > MAX_DEPTH {
            return Err(YamlError {
                message: format!("invalid YAML: nested more than {MAX_DEPTH} levels deep"),
                ..b.error_at(mark)
            });
        }
    }
    if let Some(err) = b.duplicate {
        return Err(err);
    }
    if b.nodes.is_empty() {
        // Blank front matter is an empty mapping; comments alone are no document at all.
        let blank = text.trim().is_empty();
        b.nodes.push(Node {
            value: if blank {
                Value::Map(Vec::new())
            } else {
                Value::Void
            },
            tag: None,
            line: first_line,
            column: 1,
            forgotten: false,
        });
        b.events = 1;
    }
    let tree = Tree {
        nodes: b.nodes,
        events: b.events,
        more_documents: b.documents > 1,
        first_line,
    };
    Ok((tree, b.keys.finish()))
}

/// Errors for text that yaml-rust2 reads but libyaml (which typed front matter was read
/// with before) rejects: control characters (yaml-rust2 stops reading at a NUL), and a tab
/// before the first line's content or a `...` line before it. Such files keep failing as
/// they did, with their hints.
fn reject_what_libyaml_rejects(text: &str, first_line: u32) -> Result<(), YamlError> {
    let printable = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{d7ff}')
            || matches!(c, '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
    };
    let at = |offset: usize, message: &str| {
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Err(YamlError {
            line: first_line + before.matches('\n').count() as u32,
            column: before[line_start..].chars().count() as u32 + 1,
            message: format!("invalid YAML: {message}"),
            wrong_type: false,
        })
    };
    let plain_ascii = |b: &u8| matches!(b, b'\t' | b'\n' | b'\r' | b' '..=b'~');
    if !text.as_bytes().iter().all(plain_ascii)
        && let Some((offset, _)) = text.char_indices().find(|&(_, c)| !printable(c))
    {
        return at(offset, "control characters are not allowed");
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_start_matches([' ', '\t']).trim_end();
        if line.starts_with('\t') && !content.is_empty() && !content.starts_with('#') {
            return at(
                offset,
                "tabs disallowed within this context (block indentation)",
            );
        }
        if line.trim_end() == "..." || line.starts_with("... ") {
            return at(offset, "a document end marker (`...`) before any document");
        }
        if !content.is_empty() && !content.starts_with('#') && content != "---" {
            break;
        }
        offset += line.len();
    }
    Ok(())
}

/// The key positions of `text` alone (see [`load`]).
pub fn key_map(text: &str, first_line: u32) -> Result<KeyMap, YamlError> {
    load(text, first_line).map(|(_, keys)| keys)
}

/// Parses `text` and reads it as `T` (see [`load`] and [`Tree::read`]).
pub fn parse<T: DeserializeOwned>(text: &str, first_line: u32) -> Result<T, YamlError> {
    load(text, first_line)?.0.read()
}

impl Tree {
    /// Takes the value at `line` and `column` of the file out of the document (a
    /// mapping's entry with its key; a list's item is skipped), so that the next read passes over
    /// a value already reported and finds the problems after it. False when no value
    /// below the root starts there.
    pub fn forget(&mut self, line: u32, column: u32) -> bool {
        let Some(target) = (1..self.nodes.len())
            .find(|&i| self.nodes[i].line == line && self.nodes[i].column == column)
        else {
            return false;
        };
        for node in &mut self.nodes {
            match &mut node.value {
                Value::Seq(items) if items.contains(&target) => {
                    self.nodes[target].forgotten = true;
                    return true;
                }
                Value::Map(entries) => {
                    if let Some(i) = entries.iter().position(|&c| c == target) {
                        let key = i - i % 2;
                        entries.drain(key..key + 2);
                        return true;
                    }
                }
                _ => {}
            }
        }
        false
    }

    /// Reads the document as `T`, with serde_yaml's reading of scalars and its messages;
    /// an error is placed at the innermost node that caused it.
    pub fn read<T: DeserializeOwned>(&self) -> Result<T, YamlError> {
        let value = read::from_tree(self).map_err(|e| {
            let (line, column) = e.at.unwrap_or((self.first_line, 0));
            let wrong_type = ["invalid type", "invalid value", "invalid length"]
                .iter()
                .any(|w| e.message.contains(w))
                || e.message.contains("did not match any variant");
            YamlError {
                line,
                column,
                message: e.message,
                wrong_type,
            }
        })?;
        if self.more_documents {
            return Err(YamlError {
                line: self.first_line,
                column: 0,
                message:
                    "deserializing from YAML containing more than one document is not supported"
                        .into(),
                wrong_type: false,
            });
        }
        Ok(value)
    }
}

/// A mapping or sequence whose end is not yet seen.
struct Frame {
    node: usize,
    map: bool,
    children: Vec<usize>,
    /// The length of [`Builder::path`] that is this collection's key path.
    path_len: usize,
    /// Whether its keys and items are recorded: not inside a key that is itself a
    /// collection, whose paths no diagnostic could name.
    record: bool,
    /// The keys so far, once a mapping is too large to scan them for duplicates.
    seen: Option<HashSet<String>>,
}

struct Builder {
    first_line: u32,
    /// The key path of the node being placed, built in one buffer to spare allocations.
    path: String,
    nodes: Vec<Node>,
    stack: Vec<Frame>,
    /// The node of each anchor, by yaml-rust2's anchor id.
    anchors: Vec<usize>,
    /// Key paths and positions, in document order.
    keys: KeysBuilder,
    duplicate: Option<YamlError>,
    events: usize,
    documents: usize,
}

/// Appends a key to a key path.
fn push_segment(path: &mut String, key: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
}

impl Builder {
    fn pos(&self, m: Marker) -> (u32, u32) {
        (
            self.first_line + m.line().saturating_sub(1) as u32,
            m.col() as u32 + 1,
        )
    }

    fn error_at(&self, m: Marker) -> YamlError {
        let (line, column) = self.pos(m);
        YamlError {
            line,
            column,
            message: String::new(),
            wrong_type: false,
        }
    }

    fn expecting_key(&self) -> bool {
        self.stack
            .last()
            .is_some_and(|f| f.map && f.children.len() % 2 == 0)
    }

    /// Sets [`Builder::path`] to the key path of the node that starts now, and records it
    /// in the key map when the node is a key or a list item. Returns whether the node's
    /// own keys and items are to be recorded.
    fn place(&mut self, key_text: Option<&str>, pos: (u32, u32)) -> bool {
        let Some(frame) = self.stack.last_mut() else {
            self.path.clear();
            return true;
        };
        self.path.truncate(frame.path_len);
        let record = if frame.map && frame.children.len() % 2 == 0 {
            let Some(name) = key_text else {
                return false;
            };
            if is_duplicate(&self.nodes, frame, name) && self.duplicate.is_none() {
                self.duplicate = Some(YamlError {
                    line: pos.0,
                    column: pos.1,
                    message: format!("duplicate key `{name}`"),
                    wrong_type: false,
                });
            }
            push_segment(&mut self.path, name);
            true
        } else if frame.map {
            let key = frame.children.last().and_then(|&k| self.nodes[k].text());
            push_segment(&mut self.path, key.unwrap_or("?"));
            false
        } else {
            push_segment(&mut self.path, "");
            let _ = write!(self.path, "{}", frame.children.len());
            true
        };
        if record && frame.record {
            self.keys.push(&self.path, pos);
        }
        frame.record
    }

    fn push(&mut self, value: Value, anchor: usize, tag: Option<Tag>, (line, column): (u32, u32)) {
        let index = self.nodes.len();
        self.events += 1;
        self.nodes.push(Node {
            value,
            tag: tag.map(|t| format!("{}{}", t.handle, t.suffix).into()),
            line,
            column,
            forgotten: false,
        });
        if let Some(frame) = self.stack.last_mut() {
            frame.children.push(index);
        }
        if anchor > 0 {
            if self.anchors.len() <= anchor {
                self.anchors.resize(anchor + 1, usize::MAX);
            }
            self.anchors[anchor] = index;
        }
    }

    fn add(&mut self, value: Value, anchor: usize, tag: Option<Tag>, mark: Marker) {
        let pos = self.pos(mark);
        let key_text = match &value {
            Value::Scalar { text, .. } => Some(text.as_str()),
            _ => None,
        };
        // The path itself is needed only for collections.
        self.place(key_text, pos);
        self.push(value, anchor, tag, pos);
    }

    fn open(&mut self, map: bool, anchor: usize, tag: Option<Tag>, mark: Marker) {
        let pos = self.pos(mark);
        let record = self.place(None, pos);
        let node = self.nodes.len();
        self.push(Value::Void, anchor, tag, pos);
        self.stack.push(Frame {
            node,
            map,
            children: Vec::new(),
            path_len: self.path.len(),
            record,
            seen: None,
        });
    }

    fn close(&mut self) {
        if let Some(frame) = self.stack.pop() {
            self.events += 1;
            // Errors point where libyaml placed collections: yaml-rust2 places a block mapping
            // after its first key, not at it, and a sequence written at its key's indent
            // (`key:\n- item`) at its first item, not at the `-` below the key.
            let at = |n: &Node| (n.line, n.column);
            let start = at(&self.nodes[frame.node]);
            if let Some(&first) = frame.children.first() {
                if frame.map && at(&self.nodes[first]) < start {
                    (self.nodes[frame.node].line, self.nodes[frame.node].column) =
                        at(&self.nodes[first]);
                }
                // The parent's last child is this sequence; the one before is its key.
                let parent = self.stack.last().filter(|p| p.map);
                let parent_key = parent.and_then(|p| p.children.iter().rev().nth(1));
                if let (false, Some(&key)) = (frame.map, parent_key)
                    && at(&self.nodes[first]) == start
                {
                    self.nodes[frame.node].column = self.nodes[key].column;
                }
            }
            self.nodes[frame.node].value = if frame.map {
                Value::Map(frame.children)
            } else {
                Value::Seq(frame.children)
            };
        }
    }
}

/// Whether `key` is already a key of the mapping: small mappings are scanned, large ones
/// keep a set, so a hostile file with many keys stays linear.
fn is_duplicate(nodes: &[Node], frame: &mut Frame, key: &str) -> bool {
    let mut keys = frame.children.iter().step_by(2).map(|&k| nodes[k].text());
    if frame.children.len() < 64 {
        return keys.any(|k| k == Some(key));
    }
    let seen = frame
        .seen
        .get_or_insert_with(|| keys.flatten().map(str::to_string).collect());
    !seen.insert(key.to_string())
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

/// Every string in a YAML value, each followed by a newline: the text of `private_notes`,
/// for the ledger of private passages. Numbers, booleans and keys are left out.
#[derive(Debug, Default, PartialEq)]
pub struct PrivateText(pub String);

impl<'de> de::Deserialize<'de> for PrivateText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PrivateText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PrivateText, E> {
                Ok(PrivateText(format!("{v}\n")))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<PrivateText, E> {
                Ok(PrivateText::default())
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<PrivateText, E> {
                Ok(PrivateText::default())
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<PrivateText, E> {
                Ok(PrivateText::default())
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<PrivateText, E> {
                Ok(PrivateText::default())
            }
            fn visit_unit<E: de::Error>(self) -> Result<PrivateText, E> {
                Ok(PrivateText::default())
            }
            fn visit_none<E: de::Error>(self) -> Result<PrivateText, E> {
                Ok(PrivateText::default())
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<PrivateText, D::Error> {
                de::Deserialize::deserialize(d)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut a: A) -> Result<PrivateText, A::Error> {
                let mut all = String::new();
                while let Some(PrivateText(s)) = a.next_element()? {
                    all.push_str(&s);
                }
                Ok(PrivateText(all))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut a: A) -> Result<PrivateText, A::Error> {
                let mut all = String::new();
                while let Some((PrivateText(_), PrivateText(s))) = a.next_entry()? {
                    all.push_str(&s);
                }
                Ok(PrivateText(all))
            }
            fn visit_enum<A: de::EnumAccess<'de>>(self, a: A) -> Result<PrivateText, A::Error> {
                let (_tag, value): (String, _) = a.variant()?;
                de::VariantAccess::newtype_variant(value)
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

    #[test]
    fn scalars_read_as_serde_yaml_read_them() {
        #[derive(serde::Deserialize)]
        struct T {
            v: Vec<Scalar>,
        }
        let t: T = parse(
            "v: [007, 0x10, +5, 1.50, 1e3, '5', true, yes, 2026-01-01]\n",
            2,
        )
        .unwrap();
        let got: Vec<&str> = t.v.iter().map(|s| s.0.as_str()).collect();
        let want = [
            "007",
            "16",
            "5",
            "1.5",
            "1000",
            "5",
            "true",
            "yes",
            "2026-01-01",
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn errors_name_the_key_path_and_point_at_the_value() {
        let text = "title: A\nbenchmarks:\n  - title: B\n    due: [1, 2]\n";
        let err = parse::<super::super::front::GoalFront>(text, 2)
            .err()
            .unwrap();
        assert_eq!((err.line, err.column), (5, 10));
        assert_eq!(
            err.message,
            "benchmarks[0].due: invalid type: sequence, expected a single value (text, number, date or true/false)"
        );
    }

    #[test]
    fn private_notes_collect_their_text_and_cycles_stop() {
        #[derive(serde::Deserialize)]
        struct T {
            private_notes: PrivateText,
        }
        let t: T = parse("private_notes: { a: x, b: [y, 1, z] }\n", 2).unwrap();
        assert_eq!(t.private_notes.0, "x\ny\nz\n");
        let err = parse::<T>("private_notes: &a [x, *a]\n", 2).err().unwrap();
        assert!(err.message.contains("recursion limit"), "{err:?}");
    }

    #[test]
    fn what_libyaml_rejected_stays_rejected() {
        let err = key_map("title: A\u{0}B\n", 2).unwrap_err();
        assert_eq!((err.line, err.column), (2, 9));
        assert!(key_map("\t- x\n", 2).is_err());
        assert!(key_map(": x\n", 2).is_err());
    }
}
