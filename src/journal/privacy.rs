//! Confidentiality: what is said in mentoring stays in the relationship. Private passages
//! are cut out of the text before anything else sees it, and remembered only in a
//! [`PrivateLedger`] that the output check uses to prove none of them was written.
//!
//! One definition of a private block, used by the loader to cut and by the renderer to
//! refuse: a fenced code block whose info word is `private` in any letter case, found by
//! the same CommonMark parse (and options) that renders the page, wherever CommonMark opens
//! one: in list items, block quotes and footnotes at any depth. Inside blocks CommonMark
//! shows literally (code, raw HTML), a line that opens a private fence starts a private
//! passage too: a passage that looks private is private.

use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};
use serde::de::{self, Deserializer, IgnoredAny, Visitor};

use super::yaml::PrivateText;

/// The CommonMark extensions of every Markdown body. The renderer parses with exactly
/// these, so the loader and the renderer see the same blocks.
pub const MARKDOWN_OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

/// Whether a fence's info string marks a private block: its first word, before any
/// attributes (`private {.note}`, `{.private}`, `PRIVATE,x`), is `private` in any case.
pub fn is_private_info(info: &str) -> bool {
    let word = info
        .trim_start()
        .trim_start_matches(['{', '.'])
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .next()
        .unwrap_or("");
    word.eq_ignore_ascii_case("private")
}

/// A line that opens a private fence once its container markers (indent, `>`, list
/// markers) are set aside: the fence character and length. Used only inside blocks that
/// CommonMark shows literally, where no parse says where a block starts.
fn private_fence_line(line: &str) -> Option<(u8, usize)> {
    let t = line.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '>' | '-' | '*' | '+' | '.' | ')') || c.is_ascii_digit()
    });
    let ch = *t.as_bytes().first().filter(|c| matches!(c, b'`' | b'~'))?;
    let len = t.bytes().take_while(|c| *c == ch).count();
    (len >= 3 && is_private_info(&t[len..])).then_some((ch, len))
}

/// Whether `line` closes a fence of `ch` repeated `len` times, container markers aside.
fn closes(line: &str, ch: u8, len: usize) -> bool {
    let t = line
        .trim_start_matches(|c: char| c.is_whitespace() || c == '>')
        .trim_end();
    t.len() >= len && t.bytes().all(|c| c == ch)
}

/// Whether the body could hold a private block at all: the word appears somewhere, in any
/// case. Spares the parse for the many bodies that never mention it.
fn mentions_private(body: &str) -> bool {
    body.as_bytes()
        .windows(7)
        .any(|w| w.eq_ignore_ascii_case(b"private"))
}

/// The line starting at `at` and the offset after it (its newline included).
fn line_at(text: &str, at: usize) -> (&str, usize) {
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
    (text[at..end].trim_end_matches(['\n', '\r']), end)
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The byte ranges of every private passage of `body`, in order, possibly overlapping.
/// A fenced private block without its closing fence hides everything after it: where a
/// mentee forgot the fence, the rest of the file is in doubt, and doubt is private.
pub fn private_ranges(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !mentions_private(body) {
        return out;
    }
    for (event, range) in Parser::new_ext(body, MARKDOWN_OPTIONS).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let (first, after_first) = line_at(body, range.start);
                let open = first.trim_start();
                let ch = open.as_bytes().first().copied().unwrap_or(b'`');
                let len = open.bytes().take_while(|c| *c == ch).count().max(3);
                let last = body[..range.end].trim_end_matches(['\n', '\r']);
                let last_line = &last[line_start(last, last.len())..];
                let closed = range.end > after_first
                    && line_start(last, last.len()) >= after_first
                    && closes(last_line, ch, len);
                if is_private_info(&info) {
                    out.push(range.start..if closed { range.end } else { body.len() });
                } else {
                    // The lines between the fences are shown as they are.
                    let inner_end = if closed {
                        line_start(body, last.len())
                    } else {
                        range.end
                    };
                    literal_passages(body, after_first.min(inner_end)..inner_end, &mut out);
                }
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented))
            | Event::Start(Tag::HtmlBlock) => literal_passages(body, range, &mut out),
            _ => {}
        }
    }
    out
}

/// Private passages inside a block shown literally: from a line that opens a private
/// fence to the line that closes it, or to the end of the block.
fn literal_passages(body: &str, block: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut at = block.start;
    while at < block.end {
        let (line, next) = line_at(body, at);
        if let Some((ch, len)) = private_fence_line(line) {
            let mut end = next.min(block.end);
            while end < block.end {
                let (l, n) = line_at(body, end);
                end = n.min(block.end);
                if closes(l, ch, len) {
                    break;
                }
            }
            out.push(at..end);
            at = end;
        } else {
            at = next;
        }
    }
}

/// Every private passage the loader removed, kept apart from the journal model so that
/// rendering never has it, and used only to verify the output.
#[derive(Clone, Debug, Default)]
pub struct PrivateLedger {
    /// The number of private passages removed (blocks, files, `private_notes`).
    pub passages: usize,
    /// Distinctive lines of those passages, searched for in the output. Private, so that
    /// only [`PrivateLedger::add`] and [`PrivateLedger::merge`] change them and the matcher
    /// can never fall behind.
    needles: Vec<String>,
    /// Every needle in all its spellings, searched for in one pass: checking every output
    /// file against every needle one by one grows with pages × needles, which made the
    /// output check dominate `build` on large journals. Built on first use.
    matcher: OnceLock<Option<AhoCorasick>>,
}

/// A line shorter than this is too common ("- yes", "## Notes") to prove a leak.
const MIN_NEEDLE: usize = 12;

impl PrivateLedger {
    /// Records a removed passage.
    pub fn add(&mut self, text: &str) {
        self.passages += 1;
        for line in text.lines() {
            let line = line
                .trim()
                .trim_start_matches(['-', '*', '#', '>', ' '])
                .trim();
            if line.chars().count() >= MIN_NEEDLE {
                self.needles.push(line.to_string());
            }
        }
        self.matcher = OnceLock::new();
    }

    /// The private lines searched for in the output.
    pub fn needles(&self) -> &[String] {
        &self.needles
    }

    pub fn merge(&mut self, other: PrivateLedger) {
        self.passages += other.passages;
        self.needles.extend(other.needles);
        self.matcher = OnceLock::new();
    }

    /// The first private line found in `bytes`, as written or HTML-escaped.
    pub fn find_leak(&self, bytes: &[u8]) -> Option<&str> {
        let text = String::from_utf8_lossy(bytes);
        let matcher = self.matcher.get_or_init(|| {
            let spellings = self
                .needles
                .iter()
                .flat_map(|n| [n.clone(), escape(n, false), escape(n, true)]);
            AhoCorasick::new(spellings).ok()
        });
        // The one-pass search proves the common case, no leak; the needle to report, the
        // first in the ledger's order, is then found one by one.
        if let Some(m) = matcher
            && !m.is_match(text.as_ref())
        {
            return None;
        }
        self.needles
            .iter()
            .find(|n| {
                text.contains(n.as_str())
                    || text.contains(&escape(n, false))
                    || text.contains(&escape(n, true))
            })
            .map(String::as_str)
    }
}

/// HTML escaping as Markdown (`&<>"`) or as Tera and XML (also `'` and `/`) write it.
fn escape(s: &str, full: bool) -> String {
    let s = s
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    if full {
        s.replace('\'', "&#x27;").replace('/', "&#x2F;")
    } else {
        s
    }
}

/// Whether a file whose front matter cannot be read may name a privacy key: a line that
/// starts with `private` in any case. Used only to decide, failing closed, that such a
/// file's problems are shown without their words where others may see them.
pub fn may_name_privacy(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim_start().trim_start_matches(['"', '\'']).as_bytes();
        l.len() >= 7 && l[..7].eq_ignore_ascii_case(b"private")
    })
}

/// Whether a top-level front matter key is one of the privacy keys, in any letter case:
/// `Private:` means what `private:` means, and is never an unknown key.
pub fn is_privacy_key(key: &str) -> bool {
    key.eq_ignore_ascii_case("private") || key.eq_ignore_ascii_case("private_notes")
}

/// A file's own privacy, from its front matter. The flag fails closed: a `private` key in
/// any letter case keeps the file private with any value but an explicit `false` or `no`
/// (an empty value, `null` and `~` included), since a mentee who wrote the key meant it.
#[derive(Debug, Default, PartialEq)]
pub struct FilePrivacy {
    pub private: bool,
    /// Every string under `private_notes`, one a line.
    pub notes: Option<String>,
}

/// The value of a `private` key: public only when it says so.
struct Flag(bool);

impl<'de> de::Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Flag;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("true or false")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Flag, E> {
                let v = v.trim();
                Ok(Flag(
                    !(v.eq_ignore_ascii_case("false") || v.eq_ignore_ascii_case("no")),
                ))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Flag, E> {
                Ok(Flag(true))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Flag, E> {
                Ok(Flag(true))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Flag, E> {
                Ok(Flag(true))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Flag, E> {
                Ok(Flag(true))
            }
            fn visit_none<E: de::Error>(self) -> Result<Flag, E> {
                Ok(Flag(true))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Flag, D::Error> {
                de::Deserialize::deserialize(d)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut a: A) -> Result<Flag, A::Error> {
                while a.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Flag(true))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut a: A) -> Result<Flag, A::Error> {
                while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Flag(true))
            }
            fn visit_enum<A: de::EnumAccess<'de>>(self, a: A) -> Result<Flag, A::Error> {
                let (IgnoredAny, v) = a.variant::<IgnoredAny>()?;
                de::VariantAccess::newtype_variant::<IgnoredAny>(v)?;
                Ok(Flag(true))
            }
        }
        d.deserialize_any(V)
    }
}

/// A top-level key, as far as privacy cares.
enum Key {
    Private,
    Notes,
    Other,
}

impl<'de> de::Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(if v.eq_ignore_ascii_case("private") {
                    Key::Private
                } else if v.eq_ignore_ascii_case("private_notes") {
                    Key::Notes
                } else {
                    Key::Other
                })
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Key, E> {
                Ok(Key::Other)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Key, E> {
                Ok(Key::Other)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Key, E> {
                Ok(Key::Other)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Key, E> {
                Ok(Key::Other)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Key, E> {
                Ok(Key::Other)
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> de::Deserialize<'de> for FilePrivacy {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FilePrivacy;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of fields")
            }
            fn visit_unit<E: de::Error>(self) -> Result<FilePrivacy, E> {
                Ok(FilePrivacy::default())
            }
            fn visit_none<E: de::Error>(self) -> Result<FilePrivacy, E> {
                Ok(FilePrivacy::default())
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut a: A) -> Result<FilePrivacy, A::Error> {
                let mut p = FilePrivacy::default();
                while let Some(key) = a.next_key::<Key>()? {
                    match key {
                        Key::Private => p.private |= a.next_value::<Flag>()?.0,
                        Key::Notes => {
                            let PrivateText(text) = a.next_value()?;
                            p.notes.get_or_insert_with(String::new).push_str(&text);
                        }
                        Key::Other => {
                            a.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(p)
            }
        }
        d.deserialize_any(V)
    }
}

/// Removes every private passage from a Markdown body and records it in the ledger.
/// Removed text becomes blank, line breaks stay, so body line numbers stay true; the
/// container markers before a removed block (`- `, `> `) stay, so the list or quote around
/// it keeps its shape. Cutting may change how the rest parses, so the body is parsed again
/// until no private passage is left.
pub fn strip_private_blocks(body: &str, ledger: &mut PrivateLedger) -> String {
    let mut text = body.to_string();
    for _ in 0..8 {
        let ranges = private_ranges(&text);
        if ranges.is_empty() {
            return text;
        }
        text = blank(&text, ranges, ledger);
    }
    // Still private-looking after many cuts: hide the whole body rather than guess.
    ledger.add(&text);
    text.chars().filter(|c| *c == '\n').collect()
}

/// `text` with `ranges` blanked (see [`strip_private_blocks`]), each range added to the ledger.
fn blank(text: &str, mut ranges: Vec<Range<usize>>, ledger: &mut PrivateLedger) -> String {
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in merged {
        out.push_str(&text[at..r.start]);
        ledger.add(&text[r.clone()]);
        let column = r.start - line_start(text, r.start);
        let mut first = true;
        for line in text[r.clone()].split_inclusive('\n') {
            if !first {
                let keep = line
                    .bytes()
                    .take(column)
                    .take_while(|c| matches!(c, b' ' | b'\t' | b'>'))
                    .count();
                out.push_str(&line[..keep]);
            }
            first = false;
            if line.ends_with('\n') {
                out.push('\n');
            }
        }
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_blocks_are_removed_and_remembered() {
        let mut ledger = PrivateLedger::default();
        let body = "Public.\n\n```private\nSalary talk with the director\n```\nAfter.\n";
        let out = strip_private_blocks(body, &mut ledger);
        assert_eq!(out, "Public.\n\n\n\n\nAfter.\n");
        assert_eq!(ledger.passages, 1);
        assert_eq!(ledger.needles, ["Salary talk with the director"]);
    }

    #[test]
    fn an_unclosed_block_hides_the_rest() {
        let mut ledger = PrivateLedger::default();
        let out = strip_private_blocks(
            "A\n~~~~ private\nsecret one here\n~~~\nstill secret text\n",
            &mut ledger,
        );
        assert_eq!(out.trim(), "A");
        assert!(ledger.find_leak(b"x still secret text y").is_some());
    }

    #[test]
    fn other_code_blocks_stay() {
        let mut ledger = PrivateLedger::default();
        let body = "```rust\nfn private() {}\n```\n";
        assert_eq!(strip_private_blocks(body, &mut ledger), body);
        assert_eq!(ledger.passages, 0);
    }

    #[test]
    fn leaks_are_found_escaped_too() {
        let mut ledger = PrivateLedger::default();
        ledger.add("Tom & Jerry's <review> notes");
        assert!(
            ledger
                .find_leak(b"<p>Tom &amp; Jerry&#x27;s &lt;review&gt; notes</p>")
                .is_some()
        );
        assert!(ledger.find_leak(b"nothing here").is_none());
    }

    #[test]
    fn needles_added_after_a_search_are_searched_too() {
        let mut ledger = PrivateLedger::default();
        ledger.add("First private line here");
        assert!(ledger.find_leak(b"Second private line here").is_none());
        ledger.add("Second private line here");
        assert_eq!(
            ledger.find_leak(b"x Second private line here y"),
            Some("Second private line here")
        );
        let mut other = PrivateLedger::default();
        other.add("Third private line here");
        ledger.merge(other);
        assert_eq!(
            ledger.find_leak(b"Third private line here"),
            Some("Third private line here")
        );
    }

    #[test]
    fn the_first_needle_in_ledger_order_is_reported() {
        let mut ledger = PrivateLedger::default();
        ledger.add("Alpha private passage\nBravo private passage");
        assert_eq!(
            ledger.find_leak(b"Bravo private passage then Alpha private passage"),
            Some("Alpha private passage")
        );
    }
}
