//! How the lines of front matter line up: each line's indentation, `- ` and `key:`, the
//! columns the lines above leave open to it, and the column it should start at.

use super::{Explained, SPECIAL};
use crate::english::count;

/// One line of YAML as far as indentation and quoting go.
pub(super) struct Shape<'a> {
    pub(super) indent: usize,
    /// Columns (from 0) of the `- ` of the list items that start on this line.
    pub(super) dashes: Vec<usize>,
    /// The column and text of the line's `key:`.
    pub(super) key: Option<(usize, &'a str)>,
    /// Everything before the value: indentation, `- ` and `key: `.
    pub(super) prefix: &'a str,
    /// What follows the key's `: ` or the item's `- `, without trailing spaces.
    pub(super) value: &'a str,
}

pub(super) fn leading_spaces(s: &str) -> usize {
    s.len() - s.trim_start_matches(' ').len()
}

/// The shape of a line; None for blank lines, comments and fences.
pub(super) fn shape(line: &str) -> Option<Shape<'_>> {
    let content = line.trim_start_matches(' ');
    if content.trim().is_empty() || content.starts_with('#') || line.trim_end() == "---" {
        return None;
    }
    let indent = line.len() - content.len();
    let mut at = indent;
    let mut dashes = Vec::new();
    while line[at..].trim_end() == "-" || line[at..].starts_with("- ") {
        dashes.push(at);
        at += 1;
        at += leading_spaces(&line[at..]);
    }
    let rest = &line[at..];
    let key = key_of(rest).map(|k| (at, k));
    let value_at = match key {
        Some((_, k)) => {
            let after = at + k.len() + 1;
            after + leading_spaces(line.get(after..).unwrap_or(""))
        }
        None => at,
    }
    .min(line.len());
    Some(Shape {
        indent,
        dashes,
        key,
        prefix: &line[..value_at],
        value: line[value_at..].trim_end(),
    })
}

/// The key of `key: value` or `key:`, when written plainly.
pub(super) fn key_of(rest: &str) -> Option<&str> {
    if rest.starts_with(SPECIAL) {
        return None;
    }
    let trimmed = rest.trim_end();
    let end = pair_at(rest, b':', b' ').or_else(|| trimmed.strip_suffix(':').map(str::len))?;
    let key = &rest[..end];
    (!key.trim().is_empty() && pair_at(key, b' ', b'#').is_none()).then_some(key)
}

/// Where `first` followed by `second` first occurs in `s`: a byte search, as every line
/// of every file's front matter is asked.
fn pair_at(s: &str, first: u8, second: u8) -> Option<usize> {
    let bytes = s.as_bytes();
    memchr::memchr_iter(first, bytes).find(|&i| bytes.get(i + 1) == Some(&second))
}

/// What lines up at a column: a key, or the `- ` of a list item.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark<'a> {
    /// A key, and whether it opens a block below it (nothing follows its `:`).
    Key(&'a str, bool),
    Dash,
}

/// A column that a line may line up with, as the lines above leave it open.
pub(super) struct Level<'a> {
    pub(super) col: usize,
    pub(super) line: u32,
    pub(super) mark: Mark<'a>,
}

/// The columns open to line `index` (from 0): every key and `- ` of the nearest line above,
/// then, going up, those of the lines that enclose it. The nearest comes first.
pub(super) fn levels<'a>(lines: &[&'a str], index: usize) -> Vec<Level<'a>> {
    let mut out = Vec::new();
    let mut floor = usize::MAX;
    for i in (0..index.min(lines.len())).rev() {
        if lines[i].trim_end() == "---" {
            break;
        }
        let Some(s) = shape(lines[i]) else {
            continue;
        };
        if s.indent >= floor {
            continue;
        }
        let line = i as u32 + 1;
        if let Some((col, key)) = s.key.filter(|(col, _)| *col < floor) {
            out.push(Level {
                col,
                line,
                mark: Mark::Key(key, s.value.is_empty()),
            });
        }
        for &col in s.dashes.iter().rev().filter(|c| **c < floor) {
            out.push(Level {
                col,
                line,
                mark: Mark::Dash,
            });
        }
        floor = s.indent;
        if floor == 0 {
            break;
        }
    }
    out
}

/// Where the line at `index` should start instead of `indent`: the column of its siblings
/// (keys for a key, `- ` for a list item). Between two open columns the deeper one is
/// meant, as the line follows its siblings; else the nearest one.
pub(super) fn target<'a>(
    lines: &[&'a str],
    index: usize,
    indent: usize,
    dash: bool,
) -> Option<Level<'a>> {
    let open: Vec<Level> = levels(lines, index)
        .into_iter()
        .filter(|l| matches!(l.mark, Mark::Dash) == dash)
        .collect();
    let deeper = open.iter().filter(|l| l.col > indent).min_by_key(|l| l.col);
    let shallower = open.iter().filter(|l| l.col < indent).max_by_key(|l| l.col);
    let (col, line) = deeper.or(shallower).map(|l| (l.col, l.line))?;
    open.into_iter().find(|l| l.col == col && l.line == line)
}

/// Whether `indent` is a column the line at `index` may start at.
pub(super) fn lined_up(lines: &[&str], index: usize, indent: usize, dash: bool) -> bool {
    let open = levels(lines, index);
    if open.is_empty() {
        return true;
    }
    let opens_below =
        matches!(open.first(), Some(l) if matches!(l.mark, Mark::Key(_, true)) && indent > l.col);
    opens_below
        || open
            .iter()
            .any(|l| l.col == indent && matches!(l.mark, Mark::Dash) == dash)
}

/// The line, 1-based, as text; empty past the end.
pub(super) fn line_at<'a>(lines: &[&'a str], line: u32) -> &'a str {
    line.checked_sub(1)
        .and_then(|i| lines.get(i as usize))
        .copied()
        .unwrap_or("")
}

/// What a line is, for the hint: `target:`, or the item `- Two`.
pub(super) fn label(s: &Shape) -> String {
    match s.key {
        Some((_, k)) if s.dashes.is_empty() => format!("`{k}:`"),
        _ => format!("the item `{}`", s.prefix.trim_start().to_string() + s.value),
    }
}

/// The hint and message for a line that is not lined up with its siblings.
pub(super) fn misaligned(lines: &[&str], line: u32, indent: Option<usize>) -> Option<Explained> {
    let index = line.checked_sub(1)? as usize;
    let raw = line_at(lines, line);
    let s = shape(raw)?;
    let indent = indent.unwrap_or(s.indent);
    let dash = s.dashes.first() == Some(&s.indent);
    let to = target(lines, index, indent, dash)?;
    let sibling = match to.mark {
        Mark::Key(k, _) => format!("`{k}:` on line {}", to.line),
        Mark::Dash => format!("the `- ` on line {}", to.line),
    };
    let fixed = format!("{}{}", " ".repeat(to.col), raw.trim_start().trim_end());
    let (by, way) = if to.col > indent {
        (to.col - indent, "more")
    } else {
        (indent - to.col, "fewer")
    };
    let what = label(&s);
    let message = if dash {
        format!("{what} is not lined up with the list's other items")
    } else {
        format!("{what} is not lined up with the fields beside it")
    };
    let spaces = count(by, "space");
    let spaces = match way {
        "more" => spaces.replacen(' ', " more ", 1),
        _ => spaces.replacen(' ', " fewer ", 1),
    };
    Some(Explained {
        line,
        column: indent as u32 + 1,
        message,
        hint: format!("indent it by {spaces}, to line up with {sibling}: `{fixed}`"),
    })
}
