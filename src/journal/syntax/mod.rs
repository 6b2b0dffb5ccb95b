//! Broken front matter in the journal's words. The YAML reader says "mapping values are not
//! allowed in this context" or "did not find expected '-' indicator" where it gave up; a
//! mentee needs to hear which line is out of line and by how many spaces, or which value
//! to quote, and to see that line written rightly. [`explain`] words every error the
//! reader gives; none of the reader's own words reach the mentee.

mod lines;
mod shapes;

pub use shapes::{folded_item, wrong_shape};

use super::yaml::YamlError;
use crate::english::count;
use lines::{Mark, Shape, label, levels, line_at, lined_up, misaligned, shape, target};

/// A front matter problem in the journal's words, at the line to fix.
#[derive(Debug, PartialEq, Eq)]
pub struct Explained {
    pub line: u32,
    pub column: u32,
    pub message: String,
    pub hint: String,
}

/// Characters that cannot start a plain value: each means something else to YAML.
const SPECIAL: &[char] = &[
    '*', '&', '!', '|', '>', '%', '@', '`', '[', '{', ']', '}', '#', '?', '-', ',', '"', '\'',
];

/// What each special first character means, for the message.
fn meaning(c: char) -> &'static str {
    match c {
        '*' => "`*` starts a reference to an anchor (`*name`)",
        '&' => "`&` names an anchor (`&name`)",
        '!' => "`!` starts a YAML tag",
        '|' | '>' => "`|` and `>` start a block of text on the lines below",
        '%' => "`%` starts a YAML directive",
        '@' | '`' => "`@` and `` ` `` are reserved by YAML",
        '[' | ']' => "`[` starts a list",
        '{' | '}' => "`{` starts a set of fields",
        '#' => "`#` starts a comment",
        '"' | '\'' => "a quote must enclose the whole value",
        '-' => "`- ` starts a list item",
        '?' => "`? ` starts a complex key",
        ',' => "`,` separates the items of a list",
        _ => "this character means something else to YAML at the start of a value",
    }
}

/// The line with its value quoted, when quoting fixes it.
fn quoted(raw: &str) -> Option<(String, char)> {
    let s = shape(raw)?;
    let value = s.value;
    let first = value.chars().next()?;
    let quoted = serde_json::to_string(value).ok()?;
    Some((format!("{}{quoted}", s.prefix.trim_start()), first))
}

/// A value that YAML reads as something else: quoting the whole value fixes it.
fn quote(line: u32, column: u32, raw: &str, why: Option<&str>) -> Option<Explained> {
    let (fixed, first) = quoted(raw)?;
    let reason = match why {
        Some(why) => why.to_string(),
        None => meaning(first).to_string(),
    };
    Some(Explained {
        line,
        column,
        message: format!("this value cannot be read as written: {reason}"),
        hint: format!("put the whole value in double quotes: `{fixed}`"),
    })
}

/// A tab in the indentation, or after a `:` or `-`: found on the line, or the next line
/// that holds one (the reader may stop at the end of the line before).
fn tab(lines: &[&str], e: &YamlError) -> Explained {
    let from = e.line.max(1);
    let found = (from..=lines.len() as u32).find(|&n| line_at(lines, n).contains('\t'));
    let Some(line) = found else {
        return fallback(e);
    };
    let raw = line_at(lines, line);
    let content = raw.trim_start_matches([' ', '\t']);
    let leading = &raw[..raw.len() - content.len()];
    if !leading.contains('\t') {
        let fixed = raw.trim_end().replace('\t', " ");
        return Explained {
            line,
            column: raw.find('\t').map_or(1, |c| c as u32 + 1),
            message: "a tab separates the parts of this line".into(),
            hint: format!(
                "YAML needs a space here, never a tab: `{}`",
                fixed.trim_start()
            ),
        };
    }
    let index = line as usize - 1;
    let guess = leading.chars().map(|c| if c == '\t' { 2 } else { 1 }).sum();
    let dash = content.starts_with("- ");
    let col = if lined_up(lines, index, guess, dash) {
        guess
    } else {
        target(lines, index, guess, dash).map_or(guess, |l| l.col)
    };
    Explained {
        line,
        column: 1,
        message: "this line is indented with a tab".into(),
        hint: format!(
            "YAML indents with spaces, never tabs: `{}{}`",
            " ".repeat(col),
            content.trim_end()
        ),
    }
}

/// A line that is neither `key: value` nor `- item`.
fn not_a_field(lines: &[&str], line: u32) -> Option<Explained> {
    let raw = line_at(lines, line);
    let s = shape(raw)?;
    let index = line as usize - 1;
    if s.key.is_some() || !s.dashes.is_empty() {
        return None;
    }
    let content = raw.trim();
    let in_list = levels(lines, index)
        .iter()
        .any(|l| l.mark == Mark::Dash && l.col == s.indent);
    if in_list {
        return Some(Explained {
            line,
            column: s.indent as u32 + 1,
            message: format!("`{content}` is in a list but does not start with `- `"),
            hint: format!(
                "start every item of the list with `- `: `{}- {content}`",
                " ".repeat(s.indent)
            ),
        });
    }
    let fix = match content.split_once(' ') {
        Some((word, rest)) if word.chars().all(|c| c.is_alphanumeric() || c == '_') => {
            format!(": `{}{word}: {}`", " ".repeat(s.indent), rest.trim())
        }
        _ => String::new(),
    };
    Some(Explained {
        line,
        column: s.indent as u32 + 1,
        message: format!("`{content}` is not a field: it has no `: `"),
        hint: format!(
            "write a field as `key: value`, with a colon and a space{fix}; or, if it continues the value above, indent it under that value"
        ),
    })
}

/// The nearest line at or above `line` whose `[` or `{` is not closed on it.
fn unclosed_bracket(lines: &[&str], line: u32) -> Option<(u32, char)> {
    (1..=line).rev().find_map(|n| {
        let raw = line_at(lines, n);
        let opened = raw.matches(['[', '{']).count();
        let closed = raw.matches([']', '}']).count();
        let close = if raw.rfind('[') > raw.rfind('{') {
            ']'
        } else {
            '}'
        };
        (opened > closed).then_some((n, close))
    })
}

/// Whatever the reader said, in words that name no YAML internals.
fn fallback(e: &YamlError) -> Explained {
    Explained {
        line: e.line,
        column: e.column,
        message: "the fields cannot be read from this line".into(),
        hint: "line this line up with the fields above it, and put in double quotes a value that holds `: ` or starts with one of * & ! | > % @ [ {".into(),
    }
}

/// Broken YAML (`e`, found in `text`, the file's whole text) in the journal's words.
pub fn explain(e: &YamlError, text: &str) -> Explained {
    let lines: Vec<&str> = text.lines().collect();
    let m = e.message.as_str();
    let raw = line_at(&lines, e.line);
    let col = e.column;
    let here = |message: &str, hint: &str| Explained {
        line: e.line,
        column: col,
        message: message.into(),
        hint: hint.into(),
    };
    let found = if m.contains("tab") || m.contains("must be followed by a valid YAML whitespace") {
        Some(tab(&lines, e))
    } else if let Some(key) = m
        .strip_prefix("duplicate key `")
        .and_then(|k| k.strip_suffix('`'))
    {
        let first = (1..e.line).find(|&n| {
            shape(line_at(&lines, n))
                .and_then(|s| s.key)
                .is_some_and(|(c, k)| k == key && c as u32 + 1 == col)
        });
        let first = first.map_or(String::new(), |n| format!(" (first on line {n})"));
        Some(here(
            &format!("`{key}` is written twice{first}"),
            &format!("keep one `{key}:` and delete the other, or rename it"),
        ))
    } else if m.contains("mapping values are not allowed") {
        let key_colon = shape(raw)
            .and_then(|s| s.key)
            .is_some_and(|(c, k)| (c + k.len()) as u32 + 1 == col);
        let why = "a `: ` inside a value starts a new field";
        if key_colon {
            misaligned(&lines, e.line, None).or_else(|| {
                let above = (1..e.line)
                    .rev()
                    .find(|&n| shape(line_at(&lines, n)).is_some())?;
                not_a_field(&lines, above)
            })
        } else {
            quote(e.line, col, raw, Some(why))
        }
    } else if m.contains("did not find expected <document start>") {
        first_indented(&lines, e.line).or_else(|| misaligned(&lines, e.line, None))
    } else if m.contains("simple key expect ':'") {
        let previous = (1..e.line)
            .rev()
            .find(|&n| shape(line_at(&lines, n)).is_some());
        previous
            .and_then(|n| not_a_field(&lines, n))
            .or_else(|| not_a_field(&lines, e.line))
    } else if m.contains("did not find expected '-' indicator") {
        not_a_field(&lines, e.line).or_else(|| misaligned(&lines, e.line, None))
    } else if m.contains("did not find expected key")
        || (m.contains("invalid indentation") && !m.contains("quoted scalar"))
    {
        let dash = |s: &Shape| s.dashes.first() == Some(&s.indent);
        let index = e.line.saturating_sub(1) as usize;
        match shape(raw) {
            Some(s) if !lined_up(&lines, index, s.indent, dash(&s)) => {
                misaligned(&lines, e.line, None)
            }
            Some(s) if col as usize > s.indent + 1 && !m.contains("invalid indentation") => {
                let message = "text follows the end of this value";
                quote(e.line, col, raw, Some(message))
            }
            _ => misaligned(&lines, e.line, None),
        }
    } else if m.contains("unknown anchor")
        || m.contains("unexpected character")
        || m.contains("block scalar")
        || m.contains("not allowed in this context")
        || m.contains("plain scalar cannot start")
        || m.contains("tag")
        || m.contains("handle wasn't declared")
        || m.contains("directive")
        || m.contains("anchor")
    {
        quote(e.line, col, raw, None)
    } else if m.contains("quoted scalar, found unexpected") || m.contains("in quoted scalar") {
        let value = shape(raw).map_or("", |s| s.value);
        let mark = value.chars().next().filter(|c| matches!(c, '"' | '\''));
        mark.map(|q| {
            here(
                "the quote that opens this value is never closed",
                &format!(
                    "close it at the end of the value: `{}{q}`",
                    raw.trim().trim_end_matches(q)
                ),
            )
        })
    } else if m.contains("trailing content after") {
        let why = "text follows its closing quote";
        quote(e.line, col, raw, Some(why))
    } else if m.contains("escape") || m.contains("hexadecimal") {
        let s = shape(raw);
        let inner = s.as_ref().map_or("", |s| s.value.trim_matches('"'));
        let prefix = s.as_ref().map_or("", |s| s.prefix.trim_start());
        Some(here(
            "a backslash in double quotes starts an escape such as `\\n`",
            &format!(
                "use single quotes, in which a backslash is itself: `{prefix}'{}'`",
                inner.replace('\'', "''")
            ),
        ))
    } else if m.contains("flow") || m.contains("illegal placement of ':'") {
        unclosed_bracket(&lines, e.line).map(|(line, close)| Explained {
            line,
            column: 1,
            message: format!("the `{}` opened on this line is not closed", match close {
                ']' => '[',
                _ => '{',
            }),
            hint: format!(
                "close it with `{close}` on the same line, and put in double quotes an item that holds `,` `:` `[` or `]`: `{}{close}`",
                line_at(&lines, line).trim()
            ),
        })
    } else if m.contains("comments must be separated") {
        Some(here(
            "a `#` follows this value without a space",
            "put a space before `#` to start a comment, or put the whole value in double quotes",
        ))
    } else if m.contains("control characters") {
        Some(here(
            "this line holds an invisible control character",
            "delete it; editors show it as a box or a code such as ^[",
        ))
    } else if m.contains("document end marker") {
        Some(here(
            "a `...` line ends the fields early",
            "delete the `...` line; the fields end at the closing `---`",
        ))
    } else if m.contains("nested more than") || m.contains("recursion limit") {
        Some(here(
            "the fields are nested too deeply to read",
            "a journal needs two or three levels: check the brackets and the indentation",
        ))
    } else if m.contains("repetition limit") {
        Some(here(
            "the references (`*name`) here repeat too often to read",
            "write the values out instead of repeating them with `&name` and `*name`",
        ))
    } else if m.contains("more than one document") {
        Some(here(
            "a `---` line splits the fields in two",
            "delete the second `---` line: the fields are one block",
        ))
    } else {
        None
    };
    found.unwrap_or_else(|| fallback(e))
}

/// The first line of the fields, when it is indented and the lines after it are not.
fn first_indented(lines: &[&str], before: u32) -> Option<Explained> {
    let (line, s) = (1..before).find_map(|n| shape(line_at(lines, n)).map(|s| (n, s)))?;
    (s.indent > 0).then(|| Explained {
        line,
        column: 1,
        message: format!("{} is indented, but the fields below it are not", label(&s)),
        hint: format!(
            "indent it by {}: the first fields start at the beginning of the line: `{}`",
            count(s.indent, "space").replacen(' ', " fewer ", 1),
            line_at(lines, line).trim()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::yaml;

    /// The explanation of the first error in `yaml`, a goal's front matter.
    fn explained(yaml: &str) -> Explained {
        let text = format!("---\n{yaml}---\n");
        let e = yaml::load(yaml, 2).err().expect("broken YAML");
        explain(&e, &text)
    }

    #[test]
    fn a_key_indented_less_than_its_siblings_is_told_how_far() {
        let x = explained("title: A\ncancellation:\n    by: mentor\n  reason: ill\n");
        assert_eq!((x.line, x.column), (5, 3));
        assert_eq!(
            x.hint,
            "indent it by 2 more spaces, to line up with `by:` on line 4: `    reason: ill`"
        );
    }

    #[test]
    fn a_key_indented_more_than_its_siblings_is_told_how_far() {
        let x = explained("title: A\nstatus: active\n target: 2026-06-01\n");
        assert_eq!(x.line, 4);
        assert_eq!(
            x.message,
            "`target:` is not lined up with the fields beside it"
        );
        assert!(
            x.hint
                .starts_with("indent it by 1 fewer space, to line up with `status:` on line 3"),
            "{}",
            x.hint
        );
    }

    #[test]
    fn a_list_item_out_of_line() {
        let x = explained("title: A\nactions:\n  - One\n - Two\n");
        assert_eq!(x.line, 5);
        assert!(
            x.hint.contains("by 1 more space") && x.hint.contains("`  - Two`"),
            "{}",
            x.hint
        );
        let x = explained("title: A\nactions:\n  - One\n  Two\n");
        assert_eq!(x.line, 5);
        assert!(x.hint.ends_with("`  - Two`"), "{}", x.hint);
    }

    #[test]
    fn tabs_are_found_on_their_own_line() {
        let x = explained("title: A\n\tstatus: active\n");
        assert_eq!(x.line, 3);
        assert!(x.hint.ends_with("`status: active`"), "{}", x.hint);
    }

    #[test]
    fn special_first_characters_are_quoted() {
        for (value, fixed) in [
            ("*bold* move", "`title: \"*bold* move\"`"),
            ("@ada review", "`title: \"@ada review\"`"),
            ("[draft] plan", "`title: \"[draft] plan\"`"),
            ("| pipe", "`title: \"| pipe\"`"),
        ] {
            let x = explained(&format!("title: {value}\n"));
            assert_eq!(x.line, 2, "{value}");
            assert!(x.hint.ends_with(fixed), "{value}: {}", x.hint);
        }
    }

    /// Every message yaml-rust2's scanner and parser can give, and this reader's own.
    const READER_MESSAGES: &[&str] = &[
        "'-' must be followed by a valid YAML whitespace",
        "':' must be followed by a valid YAML whitespace",
        "a block scalar content cannot start with a tab",
        "block sequence entries are not allowed in this context",
        "comments must be separated from other tokens by whitespace",
        "did not find expected <document start>",
        "did not find expected next token",
        "duplicate version directive",
        "expected whitespace",
        "found incompatible YAML document",
        "illegal placement of ':' indicator",
        "invalid content after document end marker",
        "invalid global tag character",
        "invalid indentation for anchor",
        "invalid indentation in flow construct",
        "invalid indentation in quoted scalar",
        "invalid indentation",
        "invalid trailing content after double-quoted scalar",
        "mapping keys are not allowed in this context",
        "mapping values are not allowed in this context",
        "missing explicit document end marker before directive",
        "plain scalar cannot start with '-' followed by ,[]{}",
        "recursion limit exceeded",
        "simple key expect ':'",
        "simple key expected",
        "tab cannot be used as indentation",
        "tabs disallowed in this context",
        "tabs disallowed within this context (block indentation)",
        "the handle wasn't declared",
        "unexpected character: `@'",
        "unexpected eof",
        "while parsing a block collection, did not find expected '-' indicator",
        "while parsing a block mapping, did not find expected key",
        "while parsing a flow mapping, did not find expected ',' or '}'",
        "while parsing a flow sequence, expected ',' or ']'",
        "while parsing a node, did not find expected node content",
        "while parsing a quoted scalar, found unknown escape character",
        "while parsing a tag, did not find expected tag URI",
        "while parsing anchor, found duplicated anchor",
        "while parsing node, found unknown anchor",
        "while scanning a block scalar, did not find expected comment or line break",
        "while scanning a directive, found unknown directive name",
        "while scanning a plain scalar, found a tab",
        "while scanning a quoted scalar, found unexpected end of stream",
        "while scanning an anchor or alias, did not find expected alphabetic or numeric character",
        "wrongly indented line in block scalar",
        "unknown anchor",
        "nested more than 64 levels deep",
        "control characters are not allowed",
        "a document end marker (`...`) before any document",
        "duplicate key `title`",
        "deserializing from YAML containing more than one document is not supported",
        "repetition limit exceeded",
    ];

    #[test]
    fn no_message_of_the_reader_reaches_the_mentee() {
        let text = "---\ntitle: A\n  status: \"x\n\tactions: [a, b\n---\n";
        for m in READER_MESSAGES {
            for (line, column) in [(2, 1), (3, 9), (4, 2), (9, 0)] {
                let e = YamlError {
                    line,
                    column,
                    message: format!("invalid YAML: {m}"),
                    wrong_type: false,
                };
                let x = explain(&e, text);
                let said = format!("{} {}", x.message, x.hint);
                for word in [
                    "YAML:",
                    "did not find",
                    "simple key",
                    "while ",
                    "expect",
                    "scalar",
                    "mapping",
                    "context",
                ] {
                    assert!(!said.contains(word), "{m}: {said}");
                }
            }
        }
    }
}
