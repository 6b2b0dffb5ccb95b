//! Values of the wrong shape, and list items YAML reads as more words of the item above.

use super::lines::{Shape, line_at, shape};
use super::{Explained, SPECIAL, meaning, quoted};
use crate::english::count;
use crate::journal::yaml::YamlError;

/// A `- ` item indented deeper than the plain item above it: valid YAML, read as more words
/// of that item ("Demo - Review"), never what was meant. `yaml` is the front matter, its
/// first line being `first_line` of the file; `starts(line)` tells whether a value starts
/// on a line, asked only of the rare line that looks folded.
pub fn folded_item(yaml: &str, first_line: u32, starts: impl Fn(u32) -> bool) -> Option<Explained> {
    let lines: Vec<&str> = yaml.lines().collect();
    let mut above: Option<Shape> = None;
    // The indentation of a `|` or `>` block's key: its lines are text, not items.
    let mut block: Option<usize> = None;
    for (i, raw) in lines.iter().enumerate() {
        let Some(s) = shape(raw) else {
            continue;
        };
        if block.is_some_and(|b| s.indent > b) {
            continue;
        }
        block = None;
        if s.value.starts_with(['|', '>']) && s.value.len() <= 3 {
            block = Some(s.indent);
        }
        let line = first_line + i as u32;
        let plain_item = |a: &Shape| {
            !a.dashes.is_empty()
                && a.key.is_none()
                && !a.value.is_empty()
                && !a.value.starts_with(SPECIAL)
        };
        if let Some(a) = above.as_ref().filter(|a| plain_item(a))
            && s.dashes.first() == Some(&s.indent)
            && s.indent > a.dashes[0]
            && !starts(line)
        {
            let item = format!("{}{}", s.prefix.trim_start(), s.value);
            let fixed = format!("{}{item}", " ".repeat(a.dashes[0]));
            let by = count(s.indent - a.dashes[0], "space").replacen(' ', " fewer ", 1);
            return Some(Explained {
                line,
                column: s.indent as u32 + 1,
                message: format!(
                    "the item `{item}` is indented more than the item above it, so it is read as more words of that item"
                ),
                hint: format!(
                    "indent it by {by}, to line up with the `- ` on line {}: `{fixed}`",
                    line - 1
                        - lines[..i]
                            .iter()
                            .rev()
                            .take_while(|l| shape(l).is_none())
                            .count() as u32
                ),
            });
        }
        above = Some(s);
    }
    None
}

/// A value of the wrong shape (`e`, found in `text`) in the journal's words, with a hint
/// that names the fix where the line shows it.
pub fn wrong_shape(e: &YamlError, text: &str) -> Explained {
    let lines: Vec<&str> = text.lines().collect();
    let m = e.message.as_str();
    let raw = line_at(&lines, e.line);
    let message = crate::journal::wording::shape_error(m).unwrap_or_else(|| {
        match m.split_once(": ").filter(|(f, _)| !f.contains(' ')) {
            Some((field, _)) => format!("`{field}` does not have the shape this field needs"),
            None => "this value does not have the shape this field needs".into(),
        }
    });
    let s = shape(raw);
    // The value the error points at, when it starts right after `key: ` or `- `.
    let at = raw
        .char_indices()
        .nth(e.column.saturating_sub(1) as usize)
        .map_or(raw.len(), |(i, _)| i);
    let (prefix, value) = raw.split_at(at);
    let value = value.trim_end();
    // Inside `[ ]` or `{ }` the value ends at a comma or bracket: no line to show.
    let in_flow = prefix.matches(['[', '{']).count() > prefix.matches([']', '}']).count();
    let at_value = !value.is_empty() && !in_flow && prefix.trim_end().ends_with([':', '-']);
    let quoted_line = serde_json::to_string(value)
        .ok()
        .map(|q| format!("{}{q}", prefix.trim_start()));
    let hint = match quoted_line {
        _ if at_value && m.contains("expected a sequence") && value.starts_with('{') => {
            format!(
                "make it a list of one item: `{}[{value}]`",
                prefix.trim_start()
            )
        }
        Some(q)
            if at_value
                && m.contains("invalid type: map")
                && value.contains(": ")
                && !value.starts_with(['{', '[', '"', '\'']) =>
        {
            format!(
                "a `: ` inside a value starts a new field; put the whole value in double quotes: `{q}`"
            )
        }
        _ if m.contains("invalid type: enum") => match quoted(raw) {
            Some((q, '!')) => format!(
                "{}; put the whole value in double quotes: `{q}`",
                meaning('!')
            ),
            _ => format!("{}; put the whole value in double quotes", meaning('!')),
        },
        Some(q) if at_value && m.contains("invalid type: sequence") && value.starts_with('[') => {
            format!(
                "write one value, without `[ ]`; if the brackets are part of the text, put it in double quotes: `{q}`"
            )
        }
        _ if m.contains("invalid type: map, expected a sequence")
            && s.as_ref().is_some_and(|s| s.indent as u32 + 1 == e.column) =>
        {
            let s = s.as_ref().map_or(0, |s| s.indent);
            format!(
                "start each item of the list with `- `, and indent the item's other fields to line up after it: `{}- {}`",
                " ".repeat(s),
                raw.trim()
            )
        }
        _ => "write it in the shape shown; docs/journal-format.md has an example of every field"
            .into(),
    };
    // A tagged value is placed after its tag: point at the tag, where the fix goes.
    let column = match shape(raw) {
        Some(s) if m.contains("invalid type: enum") && s.value.starts_with('!') => {
            s.prefix.chars().count() as u32 + 1
        }
        _ => e.column,
    };
    Explained {
        line: e.line,
        column,
        message,
        hint,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::yaml;

    #[test]
    fn an_item_indented_under_another_is_not_taken_as_its_words() {
        let yaml = "agenda:\n  - Demo\n    - Review\nnotes: |\n  - a\n    - b\n";
        let (_, keys) = yaml::load(yaml, 2).unwrap();
        let starts = |line| keys.values().any(|(l, _)| *l == line);
        let x = folded_item(yaml, 2, starts).expect("the folded item");
        assert_eq!((x.line, x.column), (4, 5));
        assert_eq!(
            x.hint,
            "indent it by 2 fewer spaces, to line up with the `- ` on line 3: `  - Review`"
        );
        let fine = "agenda:\n  - Demo\n  - Review\nnotes: |\n  - a\n    - b\n";
        let (_, keys) = yaml::load(fine, 2).unwrap();
        let starts = |line| keys.values().any(|(l, _)| *l == line);
        assert_eq!(folded_item(fine, 2, starts), None);
    }
}
