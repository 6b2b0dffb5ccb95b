//! Loading: walk the journal, split and parse every file, drop what is private, and build
//! the [`Journal`]. Every file is read even when another is broken, so one error never hides others.

use foldhash::HashMap;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use super::controls::replace_controls;
use super::convert::{self, Ctx};
use super::front::{self, Kind};
use super::frontmatter::{self, SplitError};
use super::listing::{FOLDERS, Listing};
use super::model::*;
use super::privacy::{self, FilePrivacy, PrivateLedger};
use super::yaml::{self, YamlError};
use crate::diagnostics::{self, Code, Diagnostic, Location};

pub const CONFIG_FILE: &str = "mentorfolio.yaml";
pub const PLAN_FILE: &str = "plan.md";

/// What loading produced: the public journal when the config and plan are sound, every
/// diagnostic found on the way, and the ledger of private passages removed.
#[derive(Debug)]
pub struct Loaded {
    pub journal: Option<Journal>,
    pub diagnostics: Vec<Diagnostic>,
    pub ledger: PrivateLedger,
    /// How many goal, meeting and activity files were read, whether they loaded, failed or
    /// are private: what `check` says it checked.
    pub files: FileCounts,
    /// The goal, meeting and activity files parsed by this load, by journal path; every
    /// other document is as the cache held it. None when loaded without a cache.
    pub parsed: Option<BTreeSet<String>>,
}

/// Files read, by kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FileCounts {
    pub goals: usize,
    pub meetings: usize,
    pub activities: usize,
    /// Of those, the private ones: checked, never published.
    pub private: usize,
}

/// Names that are never published: hidden files, `_drafts`, editor backups and swap files.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('_')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || (name.starts_with('#') && name.ends_with('#'))
}

/// `/`-separated path of `path` relative to `root`.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads a file as UTF-8 text with BOM and CRLF normalised; E001 otherwise. Control
/// characters are replaced (see [`replace_controls`]), with a W701 in `warnings` for each
/// line that held one. A fingerprint of the text as read is kept for printing diagnostics
/// (see [`shown_again`]).
fn read_text(path: &Path, rel: &str, warnings: &mut Vec<Diagnostic>) -> Result<String, Diagnostic> {
    let bytes = read_bytes(path, rel)?;
    let len = bytes.len() as u64;
    if std::str::from_utf8(&bytes).is_err() {
        let lossy = String::from_utf8_lossy(&bytes);
        let shown = frontmatter::normalise(&lossy);
        diagnostics::remember_fingerprint(path, len, &shown, shown_again);
    }
    let text = decode(bytes, rel)?;
    diagnostics::remember_fingerprint(path, len, &text, shown_again);
    Ok(replace_controls(text, rel, warnings))
}

/// A journal file read again as [`read_text`] showed it to diagnostics: normalised, with
/// bytes that are not UTF-8 replaced; None unless it is still a regular file of `bytes`
/// bytes, so a file that grew huge or became a pipe is never read.
fn shown_again(path: &Path, bytes: u64) -> Option<String> {
    if std::fs::metadata(path).ok()?.len() != bytes {
        return None;
    }
    let read = read_regular(path).ok()?;
    let lossy = String::from_utf8_lossy(&read);
    Some(frontmatter::normalise(&lossy).into_owned())
}

/// Reads a file's bytes; E001 when it cannot be read or is not a regular file.
fn read_bytes(path: &Path, rel: &str) -> Result<Vec<u8>, Diagnostic> {
    read_regular(path).map_err(|e| {
        let hint = match e {
            ReadError::NotRegular => {
                "replace it with a plain file, or move the pipe, socket or device out of the journal"
            }
            ReadError::Io(_) => "check that the file exists and is readable",
        };
        Diagnostic::new(
            Code::E001,
            Location {
                file: rel.into(),
                line: None,
                column: None,
            },
            e.to_string(),
            hint,
        )
    })
}

/// Why [`read_regular`] read nothing.
#[derive(Debug)]
pub enum ReadError {
    /// A FIFO, socket or device: reading it could block forever or never end.
    NotRegular,
    Io(std::io::Error),
}

/// The message of the E001 every reader of journal and theme files reports.
impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotRegular => f.write_str("not a regular file"),
            ReadError::Io(e) => write!(f, "cannot read the file: {e}"),
        }
    }
}

/// Reads a regular file, never anything else. The metadata is checked before opening,
/// and again on the opened file (opened without blocking), in case the name was swapped
/// for a FIFO in between.
pub fn read_regular(path: &Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    if !std::fs::metadata(path).map_err(ReadError::Io)?.is_file() {
        return Err(ReadError::NotRegular);
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let file = options.open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Through `take`, which reads to the end without asking the file for its size and
    // position again, as `File::read_to_end` does: two system calls a file fewer.
    file.take(u64::MAX)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    Ok(bytes)
}

/// Decodes UTF-8, pointing at the line and column of the first byte that is not. The
/// bytes become the text without a copy unless normalising changes them.
fn decode(bytes: Vec<u8>, rel: &str) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(match frontmatter::normalise(&text) {
            Cow::Borrowed(same) if same.len() == text.len() => text,
            changed => changed.into_owned(),
        }),
        Err(e) => {
            let bytes = e.as_bytes();
            let valid = e.utf8_error().valid_up_to();
            let before = &bytes[..valid];
            let line = before.iter().filter(|b| **b == b'\n').count() as u32 + 1;
            let col = (valid
                - before
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map_or(0, |p| p + 1)) as u32
                + 1;
            Err(Diagnostic::new(
                Code::E001,
                Location::new(rel, line, col),
                "the file is not valid UTF-8 text",
                "save the file as UTF-8, or move files that are not Markdown out of the journal's folders",
            ))
        }
    }
}

pub(crate) fn yaml_diag(rel: &str, e: YamlError, text: &str) -> Diagnostic {
    let (code, x) = if e.wrong_type {
        (Code::E004, super::syntax::wrong_shape(&e, text))
    } else {
        (Code::E002, super::syntax::explain(&e, text))
    };
    Diagnostic::new(
        code,
        Location::new(rel, x.line, x.column),
        x.message,
        x.hint,
    )
}

/// A Markdown file's front matter, typed, with the key positions and the body.
struct Parsed<T> {
    front: T,
    source: Source,
    body: String,
    private: bool,
    /// Every string of `private_notes`, one a line.
    private_notes: Option<String>,
    /// Some values had the wrong shape and were reported: the rest is still converted, so
    /// its problems are reported too, but the document is not loaded.
    broken: bool,
}

/// W501 for every key the format does not know, with the nearest known key as hint.
/// Keys are judged in any order and only the unknown ones are sorted, which keeps the
/// common case (every key known) free of sorting and allocation.
fn unknown_keys(kind: Kind, source: &Source, diags: &mut Vec<Diagnostic>) {
    let mut unknown: Vec<(&str, String)> = Vec::new();
    let mut pattern = String::new();
    for path in source.keys.keys() {
        let (parent, key) = path.rsplit_once('.').unwrap_or(("", path));
        if key.parse::<usize>().is_ok() || (parent.is_empty() && privacy::is_privacy_key(key)) {
            continue;
        }
        pattern.clear();
        for (i, s) in parent.split('.').enumerate() {
            if i > 0 {
                pattern.push('.');
            }
            pattern.push_str(if s.parse::<usize>().is_ok() { "*" } else { s });
        }
        if front::is_known_key(kind, &pattern, key) == Some(false) {
            unknown.push((path, pattern.clone()));
        }
    }
    unknown.sort_by(|a, b| a.0.cmp(b.0));
    for (path, pattern) in unknown {
        let (_, key) = path.rsplit_once('.').unwrap_or(("", path));
        let known = front::known_keys(kind, &pattern).unwrap_or_default();
        let hint = match front::nearest(key, &known) {
            Some(n) => format!("did you mean `{n}`?"),
            None => format!("known keys here: {}", known.join(", ")),
        };
        diags.push(Diagnostic::new(
            Code::W501,
            source.at(path),
            format!("unknown key `{key}`"),
            hint,
        ));
    }
}

/// Marks the diagnostics from `first` on as found in a private file.
fn mark_private(diags: &mut [Diagnostic], first: usize) {
    for d in diags.iter_mut().skip(first) {
        d.private = true;
    }
}

/// Parses a Markdown file; the diagnostics of a private file, or of one whose privacy
/// cannot be read but may be private, are marked so `serve` never shows their words.
fn parse_markdown<T: DeserializeOwned + Default>(
    text: &str,
    rel: &str,
    kind: Kind,
    diags: &mut Vec<Diagnostic>,
    ledger: &mut PrivateLedger,
) -> Option<Parsed<T>> {
    let first = diags.len();
    let parsed = parse_front::<T>(text, rel, kind, diags, ledger);
    let private = match &parsed {
        Ok(p) => p.private,
        Err(in_doubt) => *in_doubt,
    };
    if private {
        mark_private(diags, first);
    }
    parsed.ok()
}

/// [`parse_markdown`]'s work; on failure, whether the file is or may be private.
fn parse_front<T: DeserializeOwned + Default>(
    text: &str,
    rel: &str,
    kind: Kind,
    diags: &mut Vec<Diagnostic>,
    ledger: &mut PrivateLedger,
) -> Result<Parsed<T>, bool> {
    let in_doubt = || privacy::may_name_privacy(text);
    let split = match frontmatter::split(text) {
        Ok(s) => s,
        Err(SplitError::Missing) => {
            diags.push(Diagnostic::new(
                Code::E002,
                Location::new(rel, 1, 1),
                "the file has no front matter",
                "start the file with a `---` line, the YAML fields, and another `---` line",
            ));
            return Err(in_doubt());
        }
        Err(SplitError::Unclosed) => {
            diags.push(Diagnostic::new(
                Code::E002,
                Location::new(rel, 1, 1),
                "the front matter is not closed",
                "end the YAML fields with a line of `---`",
            ));
            return Err(in_doubt());
        }
    };
    let (tree, keys) = match yaml::load(split.yaml, split.yaml_line) {
        Ok(parsed) => parsed,
        Err(e) => {
            diags.push(yaml_diag(rel, e, text));
            return Err(in_doubt());
        }
    };
    let starts = |line| keys.values().any(|(l, _)| *l == line);
    if let Some(x) = super::syntax::folded_item(split.yaml, split.yaml_line, starts) {
        let at = Location::new(rel, x.line, x.column);
        diags.push(Diagnostic::new(Code::E002, at, x.message, x.hint));
        return Err(in_doubt());
    }
    let source = Source {
        file: rel.to_string(),
        keys: keys.into(),
        start_line: 1,
        body_line: split.body_line,
    };
    // A file whose privacy cannot be read is not loaded at all: never guess it is public.
    // The privacy keys are read on their own only when the key map shows one of them;
    // otherwise they are absent, and reading them is needed only to report the same error
    // when the typed read fails.
    let privacy_keys = source
        .keys
        .keys()
        .any(|k| !k.contains('.') && privacy::is_privacy_key(k));
    let privacy: FilePrivacy = if privacy_keys {
        match tree.read() {
            Ok(p) => p,
            Err(e) => {
                diags.push(yaml_diag(rel, e, text));
                return Err(true);
            }
        }
    } else {
        FilePrivacy::default()
    };
    let private = privacy.private;
    let mut blocks = PrivateLedger::default();
    let body = privacy::strip_private_blocks(split.body, &mut blocks);
    let mut tree = tree;
    let mut broken = false;
    let front = loop {
        match tree.read::<T>() {
            Ok(f) => break f,
            Err(e) => {
                if !broken
                    && !privacy_keys
                    && let Err(e) = tree.read::<FilePrivacy>()
                {
                    diags.push(yaml_diag(rel, e, text));
                    return Err(true);
                }
                broken = true;
                let (line, column) = (e.line, e.column);
                diags.push(yaml_diag(rel, e, text));
                // One wrong value should not hide the next: empty it and read again, so
                // every independent mistake of the file is reported at once.
                if diags.len() > 64 || column == 0 || !tree.forget(line, column) {
                    ledger.merge(blocks);
                    return Err(private);
                }
            }
        }
    };
    ledger.merge(blocks);
    unknown_keys(kind, &source, diags);
    Ok(Parsed {
        front,
        source,
        body,
        private,
        private_notes: privacy.notes,
        broken,
    })
}

/// One loaded document of the goals, meetings or activities folders. Meetings and
/// activities, the many, are shared between the cache and every journal made from it.
#[derive(Clone)]
enum Doc {
    /// A goal, and whether it is still a worked example.
    Goal(Box<Goal>, bool),
    Meeting(Arc<Meeting>, bool),
    Activity(Arc<Activity>, bool),
    /// A private or unloadable goal: its id is known, its content is not.
    HiddenGoal {
        id: String,
        private: bool,
    },
    /// A private meeting or activity.
    Private,
    Nothing,
}

#[derive(Clone)]
struct FileResult {
    doc: Doc,
    diags: Vec<Diagnostic>,
    ledger: PrivateLedger,
}

/// What became of one document.
enum Outcome<D> {
    Public(D),
    Private,
    Failed,
}

/// Drops the E003 of a value that is missing only because it had the wrong shape, was
/// reported (among `diags[reported..converted]`) and taken out before conversion.
fn not_also_missing(diags: &mut Vec<Diagnostic>, reported: usize, converted: usize) {
    let lines: Vec<Option<u32>> = diags[reported..converted].iter().map(|d| d.line).collect();
    let mut i = converted;
    while i < diags.len() {
        if diags[i].code == Code::E003 && lines.contains(&diags[i].line) {
            diags.remove(i);
        } else {
            i += 1;
        }
    }
}

/// Parses a document's front matter into `T`, records its private parts in the ledger and
/// converts it; a private document is converted too, so its mistakes are still reported.
fn typed<T, D>(
    text: &str,
    rel: &str,
    kind: Kind,
    diags: &mut Vec<Diagnostic>,
    ledger: &mut PrivateLedger,
    conv: impl FnOnce(&mut Ctx, T, String) -> Option<D>,
) -> Outcome<D>
where
    T: DeserializeOwned + Default,
{
    let parsed_from = diags.len();
    let Some(p) = parse_markdown::<T>(text, rel, kind, diags, ledger) else {
        return Outcome::Failed;
    };
    let first = diags.len();
    if let Some(notes) = &p.private_notes {
        ledger.add(notes);
    }
    if p.private {
        ledger.add(&p.body);
    }
    let doc = conv(
        &mut Ctx {
            source: &p.source,
            diags,
        },
        p.front,
        p.body,
    );
    if p.broken {
        not_also_missing(diags, parsed_from, first);
    }
    if p.private {
        mark_private(diags, first);
    }
    match doc {
        Some(_) if p.private => Outcome::Private,
        Some(_) if p.broken => Outcome::Failed,
        Some(d) => Outcome::Public(d),
        None => Outcome::Failed,
    }
}

/// Parses one goal, meeting or activity from its text; `stem` is its id or slug.
fn parse_doc(
    kind: Kind,
    rel: &str,
    stem: &str,
    text: &str,
    today: NaiveDate,
    length: u32,
    owners: &Owners,
) -> FileResult {
    let mut diags = Vec::new();
    let mut ledger = PrivateLedger::default();
    let (d, l) = (&mut diags, &mut ledger);
    let id = stem.to_string();
    let outcome = match kind {
        Kind::Goal => typed(text, rel, kind, d, l, |cx, mut f: front::GoalFront, b| {
            let example = cx.boolean(f.example.take(), "example") == Some(true);
            convert::goal(cx, id, f, b).map(|g| Doc::Goal(Box::new(g), example))
        }),
        Kind::Meeting => typed(
            text,
            rel,
            kind,
            d,
            l,
            |cx, mut f: front::MeetingFront, b| {
                let example = cx.boolean(f.example.take(), "example") == Some(true);
                convert::meeting(cx, id, f, b, today, length, owners)
                    .map(|m| Doc::Meeting(m.into(), example))
            },
        ),
        Kind::Activity => typed(
            text,
            rel,
            kind,
            d,
            l,
            |cx, mut f: front::ActivityFront, b| {
                let example = cx.boolean(f.example.take(), "example") == Some(true);
                convert::activity(cx, id, f, b).map(|a| Doc::Activity(a.into(), example))
            },
        ),
        Kind::Config | Kind::Plan => Outcome::Failed,
    };
    let doc = match outcome {
        Outcome::Public(doc) => doc,
        Outcome::Private if kind == Kind::Goal => Doc::HiddenGoal {
            id: stem.to_string(),
            private: true,
        },
        Outcome::Failed if kind == Kind::Goal => Doc::HiddenGoal {
            id: stem.to_string(),
            private: false,
        },
        Outcome::Private => Doc::Private,
        Outcome::Failed => Doc::Nothing,
    };
    FileResult { doc, diags, ledger }
}

/// What became of one document: parsed now, or unchanged since the cache saw it (a copy
/// of the cached result, made on the worker threads rather than one by one afterwards).
enum Loading {
    Parsed(Option<Stamp>, Box<FileResult>),
    Unchanged(Box<FileResult>),
}

/// Reads and parses one document, unless `cache` holds it with the same stamp, or holds
/// it at all when the cache is trusted (the watcher named every file that changed).
fn load_doc(
    root: &Path,
    path: &Path,
    kind: Kind,
    today: NaiveDate,
    length: u32,
    owners: &Owners,
    cache: Option<(&FileCache, bool)>,
) -> Loading {
    let rel = relative(root, path);
    if let Some((cache, true)) = cache
        && let Some((_, result)) = cache.files.get(&rel)
    {
        return Loading::Unchanged(Box::new(result.clone()));
    }
    let cache = cache.map(|(cache, _)| cache);
    let stamp = cache.and_then(|_| Stamp::of(path));
    if let (Some(cache), Some(stamp)) = (cache, stamp)
        && let Some((seen, result)) = cache.files.get(&rel)
        && *seen == stamp
    {
        return Loading::Unchanged(Box::new(result.clone()));
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let failed = |d: Diagnostic| {
        let doc = if kind == Kind::Goal {
            Doc::HiddenGoal {
                id: stem.clone(),
                private: false,
            }
        } else {
            Doc::Nothing
        };
        FileResult {
            doc,
            diags: vec![d],
            ledger: PrivateLedger::default(),
        }
    };
    let result = if path.extension().is_none_or(|e| e != "md") {
        failed(Diagnostic::new(
            Code::E001,
            Location {
                file: rel,
                line: None,
                column: None,
            },
            "not a Markdown file: journal folders hold only `.md` files",
            "move it to static/, or start its name with `_` to keep it out of the journal",
        ))
    } else {
        let mut warnings = Vec::new();
        match read_text(path, &rel, &mut warnings) {
            Ok(text) => {
                let mut result = parse_doc(kind, &rel, &stem, &text, today, length, owners);
                result.diags.extend(warnings);
                result
            }
            Err(d) => failed(d),
        }
    };
    Loading::Parsed(stamp, Box::new(result))
}

/// The diagnostics of one file's bytes as the loader sees them, without a journal around it:
/// for fuzzing and for tools. `kind` says which folder the file belongs to.
pub fn diagnose_bytes(kind: Kind, rel: &str, bytes: &[u8], today: NaiveDate) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let text = match decode(bytes.to_vec(), rel) {
        Ok(t) => replace_controls(t, rel, &mut diags),
        Err(d) => return vec![d],
    };
    match kind {
        Kind::Config => drop(parse_config(&text, &mut diags)),
        Kind::Plan => drop(parse_plan(&text, &mut diags, &mut PrivateLedger::default())),
        _ => {
            let stem = rel
                .rsplit('/')
                .next()
                .unwrap_or(rel)
                .trim_end_matches(".md");
            diags.extend(parse_doc(kind, rel, stem, &text, today, 60, &Owners::default()).diags);
        }
    }
    diags
}

/// Files of a journal folder, in path order. Symlinks are followed inside the journal only;
/// loops and links that leave the journal are reported, never walked.
/// `followed` is set when a symbolic link was followed.
fn walk(root: &Path, dir: &str, diags: &mut Vec<Diagnostic>, followed: &mut bool) -> Vec<PathBuf> {
    let base = root.join(dir);
    if !base.is_dir() {
        return Vec::new();
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let inside = |path: &Path| {
        path.canonicalize()
            .is_ok_and(|c| c.starts_with(&canonical_root))
    };
    // A file reached through no symbolic link below the folder is inside the journal
    // exactly when the folder is: only linked files, and files below a linked folder, are
    // resolved one by one. (Resolving every file of a journal kept in year folders cost
    // six system calls a file.)
    let base_inside = inside(&base);
    let mut linked_folders: Vec<PathBuf> = Vec::new();
    let mut files = Vec::new();
    let walker = WalkDir::new(&base)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    for entry in walker
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()))
    {
        if let Ok(e) = &entry
            && e.path_is_symlink()
        {
            *followed = true;
        }
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let linked = e.path_is_symlink()
                    || linked_folders.iter().any(|folder| e.path().starts_with(folder));
                if linked || e.depth() > 1 {
                    let inside = match linked {
                        true => inside(e.path()),
                        false => base_inside,
                    };
                    if !inside {
                        diags.push(Diagnostic::new(
                            Code::E001,
                            Location {
                                file: relative(root, e.path()),
                                line: None,
                                column: None,
                            },
                            "a symbolic link that leads outside the journal",
                            "copy the file into the journal instead of linking to it",
                        ));
                        continue;
                    }
                }
                files.push(e.into_path());
            }
            Ok(e) if !e.file_type().is_dir() => diags.push(Diagnostic::new(
                Code::E001,
                Location {
                    file: relative(root, e.path()),
                    line: None,
                    column: None,
                },
                "not a regular file",
                "replace it with a plain file, or move the pipe, socket or device out of the journal",
            )),
            Ok(e) => {
                if e.depth() > 0 && e.path_is_symlink() {
                    linked_folders.push(e.into_path());
                }
            }
            Err(err) => {
                let file = err
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| dir.to_string());
                let message = if err.loop_ancestor().is_some() {
                    "a symbolic link loop".to_string()
                } else {
                    format!("cannot read: {err}")
                };
                diags.push(Diagnostic::new(
                    Code::E001,
                    Location {
                        file,
                        line: None,
                        column: None,
                    },
                    message,
                    "remove the link or fix the folder's permissions",
                ));
            }
        }
    }
    files
}

fn load_config(root: &Path, diags: &mut Vec<Diagnostic>) -> Option<Config> {
    let path = root.join(CONFIG_FILE);
    if std::fs::metadata(&path).is_err() {
        diags.push(Diagnostic::new(
            Code::E007,
            Location {
                file: CONFIG_FILE.into(),
                line: None,
                column: None,
            },
            format!("`{CONFIG_FILE}` is missing"),
            "run `mentorfolio init` or create it with title, mentee and mentor",
        ));
        return None;
    }
    let text = read_text(&path, CONFIG_FILE, diags)
        .map_err(|d| diags.push(d))
        .ok()?;
    parse_config(&text, diags)
}

/// Parses the text of `mentorfolio.yaml`.
fn parse_config(text: &str, diags: &mut Vec<Diagnostic>) -> Option<Config> {
    if text.trim().is_empty() {
        diags.push(Diagnostic::new(
            Code::E007,
            Location::new(CONFIG_FILE, 1, 0),
            format!("`{CONFIG_FILE}` is empty"),
            "it needs at least title, mentee and mentor",
        ));
        return None;
    }
    let (tree, keys) = match yaml::load(text, 1) {
        Ok(parsed) => parsed,
        Err(e) => {
            diags.push(yaml_diag(CONFIG_FILE, e, text));
            return None;
        }
    };
    let source = Source {
        file: CONFIG_FILE.into(),
        keys: keys.into(),
        start_line: 1,
        body_line: 1,
    };
    // As in a Markdown file, a value of the wrong shape is reported and taken out, and the
    // rest read again, so one mistake does not hide the next.
    let (mut tree, reported) = (tree, diags.len());
    let mut broken = false;
    let front = loop {
        match tree.read::<front::ConfigFront>() {
            Ok(f) => break f,
            Err(e) => {
                broken = true;
                let (line, column) = (e.line, e.column);
                diags.push(yaml_diag(CONFIG_FILE, e, text));
                if diags.len() > 64 || column == 0 || !tree.forget(line, column) {
                    return None;
                }
            }
        }
    };
    unknown_keys(Kind::Config, &source, diags);
    let converted = diags.len();
    let config = convert::config(
        &mut Ctx {
            source: &source,
            diags,
        },
        front,
    );
    if broken {
        not_also_missing(diags, reported, converted);
    }
    config.filter(|_| !broken)
}

fn load_plan(root: &Path, diags: &mut Vec<Diagnostic>, ledger: &mut PrivateLedger) -> Option<Plan> {
    let path = root.join(PLAN_FILE);
    if std::fs::metadata(&path).is_err() {
        diags.push(Diagnostic::new(
            Code::E007,
            Location {
                file: PLAN_FILE.into(),
                line: None,
                column: None,
            },
            format!("`{PLAN_FILE}` is missing"),
            "write the development plan: an `objective:` and why it matters",
        ));
        return None;
    }
    let text = read_text(&path, PLAN_FILE, diags)
        .map_err(|d| diags.push(d))
        .ok()?;
    parse_plan(&text, diags, ledger)
}

/// Parses the text of `plan.md`.
fn parse_plan(text: &str, diags: &mut Vec<Diagnostic>, ledger: &mut PrivateLedger) -> Option<Plan> {
    let parsed_from = diags.len();
    let p = parse_markdown::<front::PlanFront>(text, PLAN_FILE, Kind::Plan, diags, ledger)?;
    if let Some(notes) = &p.private_notes {
        ledger.add(notes);
    }
    let first = diags.len();
    let plan = convert::plan(
        &mut Ctx {
            source: &p.source,
            diags,
        },
        p.front,
        p.body,
    );
    if p.broken {
        not_also_missing(diags, parsed_from, first);
    }
    plan.filter(|_| !p.broken)
}

/// Files under `private/` are never read for the site; their syntax is still checked and
/// their text is remembered so the output check can prove it never leaked.
fn load_private(root: &Path, diags: &mut Vec<Diagnostic>, ledger: &mut PrivateLedger) {
    let first = diags.len();
    for path in walk(root, "private", diags, &mut false) {
        let rel = relative(root, &path);
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let mut warnings = Vec::new();
        let read = read_text(&path, &rel, &mut warnings);
        diags.append(&mut warnings);
        let Ok(text) = read.map_err(|d| diags.push(d)) else {
            continue;
        };
        ledger.add(&text);
        if let Ok(split) = frontmatter::split(&text)
            && let Err(e) = yaml::load(split.yaml, split.yaml_line)
        {
            diags.push(yaml_diag(&rel, e, &text));
        }
    }
    mark_private(diags, first);
}

/// Goals, meetings and activities as last parsed, by journal path. `serve` keeps one
/// between rebuilds so that only files that changed are read and parsed again; the
/// result is the same as loading from scratch.
#[derive(Default)]
pub struct FileCache {
    files: HashMap<String, (Stamp, FileResult)>,
    /// What parsing depended on besides the file: today, the default meeting length and
    /// the people an action may belong to.
    basis: Option<(NaiveDate, u32, Owners)>,
    /// The document files of the last walk, when it followed no link and found no
    /// problem to report; with `changed`, the next load lists the files without a walk.
    listing: Option<Listing>,
    /// The paths (relative to the journal) said to have changed since the last load.
    /// None: anything may have, so the next load walks and compares every file's stamp.
    changed: Option<Vec<PathBuf>>,
}

impl FileCache {
    /// Takes the watcher's word that `rel` (relative to the journal) changed, and that
    /// nothing else did: the next load reads it whatever its stamp (a file rewritten twice
    /// within the clock's resolution keeps its stamp) and trusts every other file.
    pub fn changed(&mut self, rel: &Path) {
        self.files.remove(&relative(Path::new(""), rel));
        if let Some(changed) = &mut self.changed {
            changed.push(rel.to_path_buf());
        }
    }

    /// Anything may have changed: the next load walks the folders and compares stamps.
    pub fn rescan(&mut self) {
        self.changed = None;
    }

    /// Forgets everything: the next load reads every file.
    pub fn clear(&mut self) {
        self.files.clear();
        self.changed = None;
    }

    /// The document files, from the last listing and the changes since, when both are
    /// known and every change can be judged by its name.
    fn listed(&mut self, root: &Path) -> Option<Vec<(PathBuf, Kind)>> {
        let changed = self.changed.take()?;
        let canonical = root.canonicalize().ok()?;
        let listing = self.listing.as_mut()?;
        if listing.apply(root, &canonical, &changed) {
            Some(listing.files(root))
        } else {
            self.listing = None;
            None
        }
    }
}

/// When a file was last written and how long it is: a change of either means the file
/// must be read again.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: std::time::SystemTime,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok()?,
        })
    }
}

/// Loads the journal at `root`, judging "past" and "future" against `today`.
pub fn load(root: &Path, today: NaiveDate) -> Loaded {
    load_with(root, today, None)
}

/// [`load`], reusing what `cache` holds for files whose bytes did not change, and leaving
/// in it what this load parsed.
pub fn load_cached(root: &Path, today: NaiveDate, cache: &mut FileCache) -> Loaded {
    load_with(root, today, Some(cache))
}

fn load_with(root: &Path, today: NaiveDate, cache: Option<&mut FileCache>) -> Loaded {
    let mut diags = Vec::new();
    let mut ledger = PrivateLedger::default();
    let config = load_config(root, &mut diags);
    let plan = load_plan(root, &mut diags, &mut ledger);
    for d in diags.iter_mut() {
        if d.is_error() && d.code != Code::E001 && (d.file == CONFIG_FILE || d.file == PLAN_FILE) {
            d.code = Code::E007;
        }
    }
    load_private(root, &mut diags, &mut ledger);
    let length = config.as_ref().map_or(60, |c| c.meeting_length);
    let owners = config.as_ref().map(Config::owners).unwrap_or_default();
    let mut cache = cache.map(|c| {
        let basis = (today, length, owners.clone());
        if c.basis.as_ref() != Some(&basis) {
            *c = FileCache {
                basis: Some(basis),
                ..FileCache::default()
            };
        }
        c
    });
    let listed = cache.as_mut().and_then(|c| c.listed(root));
    let trusted = listed.is_some();
    let jobs = match listed {
        Some(jobs) => jobs,
        None => {
            let (mut jobs, mut walk_diags, mut followed) = (Vec::new(), Vec::new(), false);
            for (dir, kind) in FOLDERS {
                let files = walk(root, dir, &mut walk_diags, &mut followed);
                jobs.extend(files.into_iter().map(|p| (p, kind)));
            }
            if let Some(c) = cache.as_mut() {
                let plain = !followed && walk_diags.is_empty();
                c.listing = plain.then(|| Listing::of(root, &jobs)).flatten();
            }
            diags.extend(walk_diags);
            jobs
        }
    };
    if let Some(c) = cache.as_mut() {
        c.changed = Some(Vec::new());
    }
    let of = |kind| jobs.iter().filter(|(_, k)| *k == kind).count();
    let mut files = FileCounts {
        goals: of(Kind::Goal),
        meetings: of(Kind::Meeting),
        activities: of(Kind::Activity),
        private: 0,
    };
    let loaded: Vec<Loading> = jobs
        .par_iter()
        .map(|(p, k)| {
            let cache = cache.as_deref().map(|c| (c, trusted));
            load_doc(root, p, *k, today, length, &owners, cache)
        })
        .collect();
    let mut parsed = cache.as_ref().map(|_| BTreeSet::new());
    let results: Vec<FileResult> = match cache {
        Some(cache) if trusted => {
            // Only the files parsed again change in the cache: O(changes), not O(files).
            let results: Vec<FileResult> = jobs
                .iter()
                .zip(loaded)
                .map(|((path, _), loading)| match loading {
                    Loading::Parsed(stamp, result) => {
                        let rel = relative(root, path);
                        if let Some(parsed) = &mut parsed {
                            parsed.insert(rel.clone());
                        }
                        match stamp {
                            Some(stamp) => cache.files.insert(rel, (stamp, (*result).clone())),
                            None => cache.files.remove(&rel),
                        };
                        *result
                    }
                    Loading::Unchanged(result) => *result,
                })
                .collect();
            if cache.files.len() > jobs.len() {
                let listed: foldhash::HashSet<String> =
                    jobs.iter().map(|(path, _)| relative(root, path)).collect();
                cache.files.retain(|rel, _| listed.contains(rel));
            }
            results
        }
        Some(cache) => {
            let mut old = std::mem::take(&mut cache.files);
            jobs.iter()
                .zip(loaded)
                .map(|((path, _), loading)| {
                    let rel = relative(root, path);
                    match loading {
                        Loading::Parsed(stamp, result) => {
                            if let Some(parsed) = &mut parsed {
                                parsed.insert(rel.clone());
                            }
                            if let Some(stamp) = stamp {
                                cache.files.insert(rel, (stamp, (*result).clone()));
                            }
                            *result
                        }
                        Loading::Unchanged(result) => {
                            if let Some(entry) = old.remove(&rel) {
                                cache.files.insert(rel, entry);
                            }
                            *result
                        }
                    }
                })
                .collect()
        }
        None => loaded
            .into_iter()
            .map(|l| match l {
                Loading::Parsed(_, result) | Loading::Unchanged(result) => *result,
            })
            .collect(),
    };
    let (mut goals, mut meetings, mut activities) = (Vec::new(), Vec::new(), Vec::new());
    let mut examples = Examples::default();
    let (mut private_goals, mut unloaded_goals) = (BTreeSet::new(), BTreeSet::new());
    for r in results {
        diags.extend(r.diags);
        ledger.merge(r.ledger);
        match r.doc {
            Doc::Goal(g, false) => goals.push(*g),
            Doc::Meeting(m, false) => meetings.push(m),
            Doc::Activity(a, false) => activities.push(a),
            // An example is no part of the record, so it has no tag page to link to.
            Doc::Goal(g, true) => examples.goals.push(Goal { tags: vec![], ..*g }),
            Doc::Meeting(mut m, true) => {
                if !m.tags.is_empty() {
                    Arc::make_mut(&mut m).tags.clear();
                }
                examples.meetings.push(m)
            }
            Doc::Activity(mut a, true) => {
                if !a.tags.is_empty() {
                    Arc::make_mut(&mut a).tags.clear();
                }
                examples.activities.push(a)
            }
            Doc::HiddenGoal { id, private: true } => {
                files.private += 1;
                private_goals.insert(id);
            }
            Doc::Private => files.private += 1,
            Doc::HiddenGoal { id, private: false } => {
                unloaded_goals.insert(id);
            }
            Doc::Nothing => {}
        }
    }
    // A reference to a private goal is dropped, so no page names or links it.
    // Only a document that names one is copied out of the cache to be changed.
    let public = |id: &String| !private_goals.contains(id);
    for m in &mut meetings {
        let names = m
            .goals
            .iter()
            .chain(m.actions.iter().filter_map(|a| a.goal.as_ref()));
        if names.clone().all(public) {
            continue;
        }
        let m = Arc::make_mut(m);
        m.goals.retain(public);
        for a in &mut m.actions {
            a.goal = a.goal.take().filter(public);
        }
    }
    for m in &mut examples.meetings {
        let m = Arc::make_mut(m);
        m.goals.retain(public);
        for a in &mut m.actions {
            a.goal = a.goal.take().filter(public);
        }
    }
    for a in activities
        .iter_mut()
        .filter(|a| !a.goals.iter().all(public))
    {
        Arc::make_mut(a).goals.retain(public);
    }
    for a in &mut examples.activities {
        Arc::make_mut(a).goals.retain(public);
    }
    for goals in [&mut goals, &mut examples.goals] {
        goals.sort_by(|a, b| a.id.cmp(&b.id).then(a.source.file.cmp(&b.source.file)));
    }
    for meetings in [&mut meetings, &mut examples.meetings] {
        meetings.sort_by(|a, b| a.starts().cmp(&b.starts()).then(a.slug.cmp(&b.slug)));
    }
    for activities in [&mut activities, &mut examples.activities] {
        activities.sort_by(|a, b| a.date.cmp(&b.date).then(a.slug.cmp(&b.slug)));
    }
    let strings = match &config {
        Some(config) => {
            let (strings, found) = crate::i18n::load(root, config);
            diags.extend(found);
            strings
        }
        None => crate::i18n::Strings::english(),
    };
    diagnostics::sort(&mut diags);
    let journal = match (config, plan) {
        (Some(config), Some(plan)) => Some(Journal {
            config,
            plan,
            goals,
            meetings,
            activities,
            today,
            unloaded_goals,
            examples,
            drafts: Drafts::default(),
            strings,
        }),
        _ => None,
    };
    Loaded {
        journal,
        diagnostics: diags,
        ledger,
        files,
        parsed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(kind: Kind, rel: &str, text: &str) -> Diagnostic {
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let diags = diagnose_bytes(kind, rel, text.as_bytes(), today);
        diags
            .into_iter()
            .find(Diagnostic::is_error)
            .expect("an error")
    }

    #[test]
    fn an_unquoted_colon_in_a_list_item_gets_its_quoted_form() {
        let text = "---\ndate: 2026-01-07\nagenda:\n  - Topic for the demo: caching\n---\n";
        let d = hint(Kind::Meeting, "meetings/2026-01-07.md", text);
        assert_eq!((d.code, d.line), (Code::E004, Some(4)));
        assert!(
            d.hint.contains("`- \"Topic for the demo: caching\"`"),
            "{}",
            d.hint
        );
    }

    #[test]
    fn an_unquoted_colon_in_a_value_gets_its_quoted_form() {
        let text = "---\ntitle: Demo: caching\n---\n";
        let d = hint(Kind::Goal, "goals/demo.md", text);
        assert_eq!((d.code, d.line), (Code::E002, Some(2)));
        assert!(d.hint.contains("`title: \"Demo: caching\"`"), "{}", d.hint);
    }

    #[test]
    fn one_wrong_value_does_not_hide_the_others() {
        let text = "---\ndate: 2026-01-07\nagenda:\n  - Topic: caching\n  - Second: point\nagenda_sent: 2026-13-45\nactions:\n  - task\n---\n";
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let diags = diagnose_bytes(Kind::Meeting, "meetings/m.md", text.as_bytes(), today);
        let mut errors: Vec<(u32, &str)> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| (d.line.unwrap(), d.message.split(' ').next().unwrap()))
            .collect();
        errors.sort();
        assert_eq!(
            errors,
            [
                (4, "`agenda[0]`"),
                (5, "`agenda[1]`"),
                (6, "`agenda_sent`:"),
                (8, "`actions[0]`")
            ]
        );
    }

    #[test]
    fn one_wrong_value_in_the_config_does_not_hide_the_others() {
        let text =
            "title: T\nmentee: [Ada]\nmentor: Grace\ncadence: { every: weekly }\nfeeds: yes\n";
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let diags = diagnose_bytes(Kind::Config, CONFIG_FILE, text.as_bytes(), today);
        let lines: Vec<u32> = diags.iter().filter_map(|d| d.line).collect();
        assert_eq!(lines, [2, 4, 5], "{diags:?}");
    }
}
