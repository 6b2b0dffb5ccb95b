//! One diagnostic type for the whole tool: every problem found in a journal,
//! a template or the output carries a stable code, where it happened and a hint.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::{self, Files, SimpleFile};
use codespan_reporting::term::{self, termcolor::WriteColor};
use foldhash::fast::FixedState;
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
    /// The mentee has no `email`, so the site offers the mentor no way to reply.
    W505,
    /// A file still marked `example: true`, `init`'s worked example.
    W506,
    /// One tag spelled two ways (`Rust`, `rust`), or a tag with no letter or digit.
    W507,
    /// `language:` names a language with no interface strings, built in or in `i18n/`.
    W508,
    /// A translations file leaves some strings out; they are shown in English.
    W509,
    /// A Markdown link to a journal file that does not exist or is private.
    W601,
    /// A link or goal reference from a published file to a draft, left out of the build.
    W602,
    /// A control character (not tab or line feed) in a journal file, replaced by U+FFFD.
    W701,
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

    /// Every code, in the order of the contract's table.
    pub const ALL: &[Code] = &[
        Code::E001,
        Code::E002,
        Code::E003,
        Code::E004,
        Code::E005,
        Code::E006,
        Code::E007,
        Code::E008,
        Code::E009,
        Code::E010,
        Code::W101,
        Code::W102,
        Code::W103,
        Code::W104,
        Code::W201,
        Code::W202,
        Code::W203,
        Code::W204,
        Code::W205,
        Code::W206,
        Code::W207,
        Code::W301,
        Code::W302,
        Code::W303,
        Code::W401,
        Code::W501,
        Code::W502,
        Code::W503,
        Code::W504,
        Code::W505,
        Code::W506,
        Code::W507,
        Code::W508,
        Code::W509,
        Code::W601,
        Code::W602,
        Code::W701,
    ];

    /// The code named `s` (`W207`, any case), if there is one.
    pub fn parse(s: &str) -> Option<Code> {
        let s = s.trim();
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(s))
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

/// A file's text as diagnostics show it, with the start of each line.
type SourceFile = SimpleFile<String, String>;

/// What is kept of a file for printing its diagnostics; made into a [`SourceFile`]
/// (escaped, lines found) only when a diagnostic of the file is printed, which most files
/// never need.
struct Kept {
    text: Text,
    file: OnceLock<Option<SourceFile>>,
}

enum Text {
    /// The text as read: a template or a translations file, few and small.
    Kept(Box<str>),
    /// A journal file: its length on disk and a fingerprint of its text. A journal has
    /// thousands, and keeping their text was a fifth of `build`'s memory; printing one of
    /// its diagnostics reads it again with `read`, and shows its lines only if the text
    /// is still what was loaded.
    Fingerprint {
        bytes: u64,
        hash: u64,
        read: ReadAgain,
    },
}

/// Reads a journal file again as the loader read it, or None when it is no longer a
/// regular file of `bytes` bytes.
pub type ReadAgain = fn(&Path, u64) -> Option<String>;

fn fingerprint(text: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::default().hash_one(text)
}

/// What is kept of every journal file and template as last read, by the path it was read
/// from. Printing a diagnostic takes its line from here: from the text kept, or from the
/// file read again when it is still byte for byte what was loaded, never from a file that
/// changed since, nor from one that grew or became a pipe. Process-wide so that the model
/// and the many callers of [`emit`] never carry file text around.
static SOURCES: Mutex<HashMap<PathBuf, Arc<Kept>, FixedState>> =
    Mutex::new(HashMap::with_hasher(FixedState::with_seed(0)));

/// Keeps the text just read from `path` for [`emit`], replacing what an earlier read kept.
/// O(text): one copy; escaping and finding lines wait until a diagnostic is printed.
pub fn remember_source(path: &Path, text: &str) {
    remember(path, Text::Kept(text.into()));
}

/// Keeps a fingerprint of the text just read from `path`, `bytes` long on disk, for
/// [`emit`], which reads it again with `read`. O(text), without a copy.
pub fn remember_fingerprint(path: &Path, bytes: u64, text: &str, read: ReadAgain) {
    let hash = fingerprint(text);
    remember(path, Text::Fingerprint { bytes, hash, read });
}

fn remember(path: &Path, text: Text) {
    let kept = Arc::new(Kept {
        text,
        file: OnceLock::new(),
    });
    let path = path.to_path_buf();
    let old = SOURCES
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(path, kept);
    // Freed outside the lock, so other threads reading files are not held up.
    drop(old);
}

fn source(path: &Path) -> Option<Arc<Kept>> {
    let sources = SOURCES.lock().unwrap_or_else(|e| e.into_inner());
    sources.get(path).cloned()
}

impl Kept {
    fn file(&self, path: &Path) -> Option<&SourceFile> {
        let shown = |text: &str| SimpleFile::new(String::new(), visible(text).into_owned());
        self.file
            .get_or_init(|| match &self.text {
                Text::Kept(text) => Some(shown(text)),
                Text::Fingerprint { bytes, hash, read } => read(path, *bytes)
                    .filter(|text| fingerprint(text) == *hash)
                    .map(|text| shown(&text)),
            })
            .as_ref()
    }
}

/// `text` with every control character a terminal would act on (C0 but tab and line
/// feed, DEL, and C1) shown as a visible stand-in, one character for one so columns hold.
pub fn visible(text: &str) -> Cow<'_, str> {
    let hidden = |c: char| (c.is_control() && c != '\t' && c != '\n') || c == '\u{2028}';
    if !text.contains(hidden) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                c if !hidden(c) => c,
                // U+2400..U+241F: the Control Pictures block, one per C0 control.
                '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
                '\u{7f}' => '\u{2421}',
                _ => '\u{fffd}',
            })
            .collect(),
    )
}

/// Prints diagnostics rustc-style: code, `path:line:column`, the source line with a marker,
/// the hint. The source line comes from what the loader kept (see [`remember_source`] and
/// [`remember_fingerprint`]); a file it never read, or that changed since, is named without
/// a line. Control characters from the journal are shown escaped, never sent to the
/// terminal.
pub fn emit(out: &mut dyn WriteColor, root: &Path, diags: &[Diagnostic]) -> std::io::Result<()> {
    let config = term::Config::default();
    let empty = SimpleFile::new(String::new(), String::new());
    for d in diags {
        let path = root.join(&d.file);
        let kept = source(&path);
        let file = kept.as_deref().and_then(|k| k.file(&path));
        let name = visible(&d.file).into_owned();
        let mut report = match d.severity {
            Severity::Error => Report::error(),
            Severity::Warning => Report::warning(),
        }
        .with_code(d.code.as_str())
        .with_message(visible(&d.message));
        match file.and_then(|f| byte_range(f, d.line, d.column)) {
            Some(range) => report = report.with_labels(vec![Label::primary((), range)]),
            None => {
                let mut at = name.clone();
                if let Some(line) = d.line {
                    at.push_str(&format!(":{line}"));
                }
                report = report.with_notes(vec![format!("in {at}")]);
            }
        }
        if !d.hint.is_empty() {
            report = report.with_notes(vec![format!("hint: {}", visible(&d.hint))]);
        }
        match file {
            // The kept file's line starts, under this diagnostic's name.
            Some(file) => term::emit(out, &config, &Named(&name, file), &report),
            None => term::emit(out, &config, &empty, &report),
        }
        .map_err(std::io::Error::other)?;
    }
    Ok(())
}

/// A kept file under the name a diagnostic gives it, without copying its text.
struct Named<'a>(&'a str, &'a SourceFile);

impl<'a> Files<'a> for Named<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(self.0)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(self.1.source())
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, files::Error> {
        self.1.line_index((), byte_index)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, files::Error> {
        self.1.line_range((), line_index)
    }
}

/// The byte range to underline: from the column to the end of the word, or the whole line.
/// Found from the file's line starts, so it costs the same at line 1 and line 100,000.
fn byte_range(file: &SourceFile, line: Option<u32>, column: Option<u32>) -> Option<Range<usize>> {
    let text = file.source();
    let index = (line? as usize).checked_sub(1)?;
    let lines = file.line_range((), index).ok()?;
    let start = lines.start;
    let content = text.get(lines)?.split('\n').next()?;
    if content.trim().is_empty() && start >= text.len() {
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

    fn printed(root: &Path, d: Diagnostic) -> String {
        let mut out = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
        emit(&mut out, root, &[d]).unwrap();
        String::from_utf8(out.into_inner()).unwrap()
    }

    #[test]
    fn the_source_line_comes_from_the_kept_text_not_the_disk() {
        let root = Path::new("/nonexistent-journal-for-a-test");
        remember_source(
            &root.join("goals/kept.md"),
            "---\ntitle: Kept\nstatuz: x\n---\n",
        );
        let d = Diagnostic::new(
            Code::W501,
            Location::new("goals/kept.md", 3, 1),
            "unknown key `statuz`",
            "did you mean `status`?",
        );
        let text = printed(root, d);
        assert!(text.contains("statuz: x"), "{text}");
        assert!(text.contains("goals/kept.md:3:1"), "{text}");
    }

    #[test]
    fn a_fingerprinted_file_shows_its_lines_only_while_it_is_what_was_loaded() {
        let dir = tempfile::tempdir().unwrap();
        let read = |path: &Path, bytes: u64| {
            let text = std::fs::read_to_string(path).ok()?;
            (text.len() as u64 == bytes).then_some(text)
        };
        let loaded = "---\ntitle: Kept\nstatuz: x\n---\n";
        let diagnostic = |file: &str| {
            Diagnostic::new(
                Code::W501,
                Location::new(file, 3, 1),
                "unknown key `statuz`",
                "did you mean `status`?",
            )
        };
        for (file, now) in [
            ("same.md", loaded),
            ("edited.md", "---\ntitle: Kept\nstatus: x\n---\n"),
            ("grown.md", "---\ntitle: Kept\nstatuz: x\nmore: y\n---\n"),
        ] {
            std::fs::write(dir.path().join(file), now).unwrap();
            remember_fingerprint(&dir.path().join(file), loaded.len() as u64, loaded, read);
        }
        let same = printed(dir.path(), diagnostic("same.md"));
        assert!(same.contains("statuz: x"), "{same}");
        assert!(same.contains("same.md:3:1"), "{same}");
        for file in ["edited.md", "grown.md"] {
            let text = printed(dir.path(), diagnostic(file));
            assert!(!text.contains(": x"), "{file}: {text}");
            assert!(text.contains(&format!("in {file}:3")), "{file}: {text}");
        }
    }

    #[test]
    fn control_characters_are_shown_escaped_never_raw() {
        let root = Path::new("/nonexistent-journal-for-escapes");
        remember_source(
            &root.join("plan.md"),
            "---\nobjective: \u{1b}[31mred\r\n---\n",
        );
        let d = Diagnostic::new(
            Code::W501,
            Location::new("plan.md", 2, 12),
            "bad value `\u{1b}[31mred\u{7}`",
            "remove the \u{1b}[0m escape",
        );
        let text = printed(root, d);
        assert!(!text.contains(['\u{1b}', '\u{7}', '\r']), "{text:?}");
        assert!(text.contains("\u{241b}[31mred\u{2407}"), "{text}");
        assert!(
            text.contains("objective: \u{241b}[31mred\u{240d}"),
            "{text}"
        );
    }

    #[test]
    fn byte_range_points_at_the_column() {
        let file = SimpleFile::new(String::new(), "a: 1\nstatus: done\n".to_string());
        assert_eq!(byte_range(&file, Some(2), Some(9)), Some(13..17));
        assert_eq!(byte_range(&file, Some(2), None), Some(5..17));
        assert_eq!(byte_range(&file, Some(9), None), None);
    }
}
