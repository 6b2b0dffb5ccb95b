//! Private blocks. One definition, used by the loader to cut and by the renderer to
//! refuse: a fenced code block whose info word is `private` in any letter case, found by
//! the same CommonMark parse (and options) that renders the page, wherever CommonMark opens
//! one: in list items, block quotes and footnotes at any depth. Inside blocks CommonMark
//! shows literally (code, raw HTML), a line that opens a private fence starts a private
//! passage too: a passage that looks private is private.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};

use super::PrivateLedger;

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
    let bytes = body.as_bytes();
    memchr::memchr2_iter(b'p', b'P', bytes).any(|at| {
        bytes
            .get(at + 1..at + 7)
            .is_some_and(|rest| rest.eq_ignore_ascii_case(b"rivate"))
    })
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
