//! One diagnostic type for the whole tool: every problem found in a journal,
//! a template or the output carries a stable code, where it happened and a hint.

use std::fmt;
use std::path::Path;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::WriteColor};
use serde::Serialize;

/// How bad a problem is. Errors fail `check` and `build`; warnings only under `--strict`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// The stable codes of the journal format contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    E001,
    E002,
    E003,
    E004,
    E005,
    E006,
    E007,
    E008,
    /// The build found a private passage in its own output and refused to write it.
    E009,
    /// A protected site cannot be made safely: no passphrase, a weak one, or a file that
    /// would be published unencrypted.
    E010,
    W101,
    W102,
    W103,
    W104,
    W201,
    W202,
    W203,
    W204,
    W205,
    W206,
    W207,
    W301,
    W302,
    W303,
    W401,
    W501,
    W502,
    W503,
    /// A meeting's file name gives another date than its `date:`.
    W504,
    /// A Markdown link to a journal file that does not exist or is private.
    W601,
}

impl Code {
    pub fn severity(self) -> Severity {
        if format!("{self:?}").starts_with('E') {
            Severity::Error
        } else {
            Severity::Warning
        }
    }

    pub fn as_str(self) -> String {
        format!("{self:?}")
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A place in a journal file: path relative to the journal root (`/`-separated),
/// 1-based line and column where known.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub file: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
}

impl Location {
    pub fn new(file: impl Into<String>, line: u32, column: u32) -> Self {
        Location {
            file: file.into(),
            line: Some(line),
            column: if column == 0 { None } else { Some(column) },
        }
    }

    /// The file as a whole (line 1), for problems that belong to no single key.
    pub fn file(file: impl Into<String>) -> Self {
        Location::new(file, 1, 0)
    }
}

/// A problem found in a journal, a template or the output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub file: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: String,
    pub hint: String,
    /// Found in a private file: the mentee's terminal shows it in full, but `serve`,
    /// whose pages others may see, shows only its code and place.
    #[serde(skip)]
    pub private: bool,
}

impl Diagnostic {
    pub fn new(
        code: Code,
        at: Location,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            file: at.file,
            line: at.line,
            column: at.column,
            message: message.into(),
            hint: hint.into(),
            private: false,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&str, u32, u32, Code, &str) {
        (
            &self.file,
            self.line.unwrap_or(0),
            self.column.unwrap_or(0),
            self.code,
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{sev}[{}]: {} at {}", self.code, self.message, self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

/// Sorts by file, line and column, the order a reader fixes them in, and drops exact repeats.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags.dedup();
}

pub fn count(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    (errors, diags.len() - errors)
}

/// The JSON array of the contract, one object per diagnostic.
pub fn to_json(diags: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(diags).expect("diagnostics always serialize")
}

/// Prints diagnostics rustc-style: code, `path:line:column`, the source line with a marker, the hint.
/// The source line is read again from `root`, so the model never has to keep file text.
pub fn emit(out: &mut dyn WriteColor, root: &Path, diags: &[Diagnostic]) -> std::io::Result<()> {
    let config = term::Config::default();
    for d in diags {
        let text = std::fs::read(root.join(&d.file))
            .map(|b| String::from_utf8_lossy(&b).replace("\r\n", "\n"))
            .unwrap_or_default();
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
        let file = SimpleFile::new(d.file.clone(), text.clone());
        let mut report = match d.severity {
            Severity::Error => Report::error(),
            Severity::Warning => Report::warning(),
        }
        .with_code(d.code.as_str())
        .with_message(&d.message);
        match byte_range(&text, d.line, d.column) {
            Some(range) => report = report.with_labels(vec![Label::primary((), range)]),
            None => {
                let mut at = d.file.clone();
                if let Some(line) = d.line {
                    at.push_str(&format!(":{line}"));
                }
                report = report.with_notes(vec![format!("in {at}")]);
            }
        }
        if !d.hint.is_empty() {
            report = report.with_notes(vec![format!("hint: {}", d.hint)]);
        }
        term::emit(out, &config, &file, &report).map_err(std::io::Error::other)?;
    }
    Ok(())
}

/// The byte range to underline: from the column to the end of the word, or the whole line.
fn byte_range(
    text: &str,
    line: Option<u32>,
    column: Option<u32>,
) -> Option<std::ops::Range<usize>> {
    let line = line? as usize;
    let start = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum::<usize>();
    let content = text.get(start..)?.split('\n').next()?;
    if line > text.split('\n').count() || (content.trim().is_empty() && start >= text.len()) {
        return None;
    }
    let col = column.map(|c| c as usize).unwrap_or(1);
    let offset = content
        .char_indices()
        .nth(col.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(0);
    let rest = &content[offset..];
    let len = if column.is_some() {
        rest.find([' ', ':', ',', '}', ']'])
            .filter(|&n| n > 0)
            .unwrap_or(rest.len())
    } else {
        rest.len()
    };
    Some(start + offset..start + offset + len.max(usize::from(!rest.is_empty())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_follows_the_code_letter() {
        assert_eq!(Code::E004.severity(), Severity::Error);
        assert_eq!(Code::W303.severity(), Severity::Warning);
    }

    #[test]
    fn json_has_exactly_the_contract_keys() {
        let d = Diagnostic::new(
            Code::W501,
            Location::new("plan.md", 3, 1),
            "unknown key",
            "did you mean `horizon`?",
        );
        let v: serde_json::Value = serde_json::from_str(&to_json(&[d])).unwrap();
        let obj = v[0].as_object().unwrap();
        let mut keys: Vec<_> = obj.keys().cloned().collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "code", "column", "file", "hint", "line", "message", "severity"
            ]
        );
        assert_eq!(obj["code"], "W501");
        assert_eq!(obj["severity"], "warning");
        assert_eq!(obj["line"], 3);
    }

    #[test]
    fn byte_range_points_at_the_column() {
        let text = "a: 1\nstatus: done\n";
        assert_eq!(byte_range(text, Some(2), Some(9)), Some(13..17));
        assert_eq!(byte_range(text, Some(2), None), Some(5..17));
    }
}
