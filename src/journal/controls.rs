//! Control characters in journal text: C0 controls but tab and line feed, a lone
//! carriage return and DEL never reach an output. The loader replaces each with U+FFFD
//! (visible, and one character for one so every column holds) and warns W701 at its
//! line, whether it was written raw or made by a YAML escape such as `"\e"`.

use crate::diagnostics::{Code, Diagnostic, Location};

/// Whether `c` may not reach any output: C0 controls but tab and line feed (a carriage
/// return left after CRLF is normalised is a bare one), and DEL. XML 1.0 forbids most of
/// them and iCalendar all of them, and in a page they are invisible or act on a terminal.
pub fn is_forbidden_control(c: char) -> bool {
    (c.is_ascii_control() && c != '\t' && c != '\n') || c == '\u{7f}'
}

/// Whether `text` holds a character of [`is_forbidden_control`]. Every one is ASCII, so
/// bytes tell, a block at a time without stopping early, which lets the compiler compare
/// many at once: every file is searched, and few hold one.
fn has_forbidden_control(text: &str) -> bool {
    let forbidden = |b: u8| (b < 0x20 && b != b'\t' && b != b'\n') || b == 0x7f;
    text.as_bytes()
        .chunks(64)
        .any(|block| block.iter().fold(false, |found, b| found | forbidden(*b)))
}

/// The control characters that the YAML escapes of one line make (`\e`, `"\x1b"`,
/// `\f`, ...), by column, in double-quoted scalars that start and end on the line. The
/// YAML reader replaces what they make; this finds them for the warning.
fn yaml_escaped_controls(line: &str) -> Vec<(usize, char)> {
    let chars: Vec<char> = line.chars().collect();
    let (mut found, mut quoted, mut i) = (Vec::new(), false, 0);
    while i < chars.len() {
        match chars[i] {
            '#' if !quoted && (i == 0 || chars[i - 1] == ' ') => break,
            '"' => quoted = !quoted,
            '\\' if quoted && i + 1 < chars.len() => {
                let digits = match chars[i + 1] {
                    'x' => 2,
                    'u' => 4,
                    'U' => 8,
                    _ => 0,
                };
                let made = match chars[i + 1] {
                    '0' => Some('\0'),
                    'a' => Some('\u{7}'),
                    'b' => Some('\u{8}'),
                    'v' => Some('\u{b}'),
                    'f' => Some('\u{c}'),
                    'r' => Some('\r'),
                    'e' => Some('\u{1b}'),
                    _ if digits > 0 => chars
                        .get(i + 2..i + 2 + digits)
                        .and_then(|hex| {
                            u32::from_str_radix(&hex.iter().collect::<String>(), 16).ok()
                        })
                        .and_then(char::from_u32),
                    _ => None,
                };
                if let Some(c) = made.filter(|c| is_forbidden_control(*c)) {
                    found.push((i, c));
                }
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// How many lines from the top of a file are YAML: all of the config, the front matter
/// of the others.
fn yaml_lines(text: &str, rel: &str) -> usize {
    if rel == super::load::CONFIG_FILE {
        return usize::MAX;
    }
    if !text.starts_with("---\n") {
        return 0;
    }
    text.split('\n')
        .skip(1)
        .position(|l| l == "---" || l == "...")
        .map_or(usize::MAX, |end| end + 1)
}

/// `text` with each forbidden control character (see [`is_forbidden_control`]) replaced
/// by U+FFFD, which shows where it was and keeps every column; a W701 for each line that
/// held one or, in YAML, an escape that makes one.
pub fn replace_controls(text: String, rel: &str, warnings: &mut Vec<Diagnostic>) -> String {
    let yaml = yaml_lines(&text, rel);
    let escapes = text.contains('\\') && yaml > 0;
    if !escapes && !has_forbidden_control(&text) {
        return text;
    }
    for (n, line) in text.split('\n').enumerate() {
        let mut found: Vec<(usize, char)> = line
            .chars()
            .enumerate()
            .filter(|(_, c)| is_forbidden_control(*c))
            .collect();
        if escapes && n < yaml && line.contains('\\') {
            found.extend(yaml_escaped_controls(line));
            found.sort();
        }
        let Some(&(column, _)) = found.first() else {
            continue;
        };
        let names: Vec<String> = found
            .iter()
            .map(|(_, c)| format!("U+{:04X}", *c as u32))
            .collect();
        warnings.push(Diagnostic::new(
            Code::W701,
            Location::new(rel, n as u32 + 1, column as u32 + 1),
            format!("control character {} replaced by U+FFFD", names.join(", ")),
            "delete the invisible character; a form feed, escape or lone carriage return has no place in notes",
        ));
    }
    if has_forbidden_control(&text) {
        text.replace(is_forbidden_control, "\u{fffd}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_controls_and_yaml_escapes_are_replaced_and_warned_per_line() {
        let text = "---\ntitle: \"A \\e[2J \\x41\"\nnote: 'single \\e'\n---\nForm\u{c}feed, lone\rreturn.\nTab\tis fine.\n";
        let mut warnings = Vec::new();
        let out = replace_controls(text.to_string(), "goals/g.md", &mut warnings);
        assert_eq!(
            out,
            "---\ntitle: \"A \\e[2J \\x41\"\nnote: 'single \\e'\n---\nForm\u{fffd}feed, lone\u{fffd}return.\nTab\tis fine.\n"
        );
        let lines: Vec<_> = warnings.iter().map(|d| (d.line, d.column)).collect();
        // `\x41` is a letter and single quotes have no escapes: only lines 2 and 5.
        assert_eq!(lines, [(Some(2), Some(11)), (Some(5), Some(5))]);
        assert!(
            warnings[1].message.contains("U+000C, U+000D"),
            "{}",
            warnings[1].message
        );
    }

    #[test]
    fn the_byte_search_finds_what_the_character_test_finds() {
        for c in (0..=0x7f_u8)
            .map(char::from)
            .chain(['\u{80}', '\u{9f}', 'é', '\u{2028}'])
        {
            let text = format!("{}{c}", "x".repeat(70));
            assert_eq!(
                has_forbidden_control(&text),
                is_forbidden_control(c),
                "{:?}",
                c
            );
        }
    }
}
