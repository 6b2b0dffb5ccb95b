//! Watching the journal: notify through a debouncer, and the pure filter that decides
//! whether a batch of changed paths needs a rebuild.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::time::Duration;

use crate::output::MARKER;
use notify::RecursiveMode;
use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// How long the watcher waits for a burst of events (an editor's save) to settle. An
/// editor's save is a burst well under this; a burst split in two costs one extra
/// rebuild, whose result the second replaces.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// How often the watcher looks for settled bursts; also its wake-ups while idle.
const TICK: Duration = Duration::from_millis(5);

/// What a batch of changes asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Nothing that feeds the site changed (editor temp files, the output folder, `.git`).
    Ignore,
    /// Only stylesheets changed: rebuild, then swap stylesheets in open pages.
    Css,
    /// Anything else: rebuild, then reload open pages.
    Full,
}

/// Top-level folders of the journal whose changes never feed the site.
const IGNORED_TOP: &[&str] = &["public", "target", "node_modules"];
/// Folders ignored at any depth.
const IGNORED_ANYWHERE: &[&str] = &[".git", ".hg", ".svn", ".jj", ".idea"];

/// Decides what a batch of changed paths needs. `root` is the journal folder.
pub fn classify(root: &Path, paths: &[PathBuf]) -> Change {
    paths
        .iter()
        .map(|p| classify_one(root, p))
        .max()
        .unwrap_or(Change::Ignore)
}

fn classify_one(root: &Path, path: &Path) -> Change {
    let Ok(rel) = path.strip_prefix(root) else {
        return Change::Ignore;
    };
    let names: Vec<&str> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(n) => n.to_str(),
            _ => None,
        })
        .collect();
    let Some(file) = names.last() else {
        // The root itself: a rename or removal of the journal folder; rebuild to report it.
        return Change::Full;
    };
    if names.first().is_some_and(|top| IGNORED_TOP.contains(top))
        || names
            .iter()
            .any(|n| IGNORED_ANYWHERE.contains(n) || is_build_scratch(n))
        || is_editor_scratch(file)
        || in_build_output(root, &names)
    {
        return Change::Ignore;
    }
    if file.to_ascii_lowercase().ends_with(".css") {
        Change::Css
    } else {
        Change::Full
    }
}

/// What `build` puts beside its output while it runs: the staging folder `.NAME.new-*`,
/// the old site `.NAME.old-*` and the lock file `.NAME.lock`.
pub fn is_build_scratch(name: &str) -> bool {
    name.strip_prefix('.').is_some_and(|rest| {
        rest.ends_with(".lock") || rest.contains(".new-") || rest.contains(".old-")
    })
}

/// Whether the path lies in a folder `build` wrote (marked by [`MARKER`]): an output
/// built into the journal, under any name given with `--output-dir`.
fn in_build_output(root: &Path, names: &[&str]) -> bool {
    let mut dir = root.to_path_buf();
    names.iter().any(|name| {
        dir.push(name);
        dir.join(MARKER).is_file()
    })
}

/// Files editors write beside the real one while saving, locking or backing up.
pub fn is_editor_scratch(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    name == "4913" // vim's probe for whether the folder is writable
        || name == ".DS_Store"
        || name.ends_with('~') // vim, nvim, emacs backups
        || (name.starts_with('#') && name.ends_with('#')) // emacs auto-save
        || name.starts_with(".#") // emacs lock files
        || (ext.len() == 3 && ext.starts_with("sw")) // vim swap files: .swp, .swo, .swx, …
        || ext == "bck" // helix backups
        || ext == "tmp"
        || name.contains("___jb_tmp___") // JetBrains safe-write
        || name.contains("___jb_old___")
}

/// Whether an event can change what a file holds. Opening and reading are events too
/// (the rebuild itself reads every file), and must never start another rebuild.
pub fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        _ => true,
    }
}

/// Watches `root` recursively (folders, not single files, so an editor that replaces a
/// file on save keeps being seen) and sends each debounced batch's paths to `changes`.
/// The watch lasts as long as the returned debouncer lives.
/// Watches `root`, sending each settled batch of changed paths, and setting `pending` as
/// soon as a batch is sent so that long work in progress can give way.
pub fn watch(
    root: &Path,
    changes: Sender<Vec<PathBuf>>,
    pending: Arc<AtomicBool>,
) -> notify::Result<Debouncer<notify::RecommendedWatcher, RecommendedCache>> {
    let whole = root.to_path_buf();
    let mut debouncer = new_debouncer(DEBOUNCE, Some(TICK), move |result: DebounceEventResult| {
        let paths = match result {
            Ok(events) => events
                .into_iter()
                .filter(|e| changes_content(&e.event.kind))
                .flat_map(|e| e.event.paths)
                .collect(),
            // The watcher lost track (e.g. an overflowing queue): rebuild everything.
            Err(_) => vec![whole.clone()],
        };
        if !paths.is_empty() {
            let _ = changes.send(paths);
            pending.store(true, Ordering::SeqCst);
        }
    })?;
    debouncer.watch(root, RecursiveMode::Recursive)?;
    Ok(debouncer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_a_file_is_not_a_change() {
        use notify::event::{CreateKind, DataChange, MetadataKind, RemoveKind, RenameMode};
        let quiet = [
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
            EventKind::Access(AccessKind::Read),
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)),
        ];
        let loud = [
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            EventKind::Create(CreateKind::File),
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            EventKind::Remove(RemoveKind::File),
            EventKind::Any,
        ];
        assert!(quiet.iter().all(|k| !changes_content(k)));
        assert!(loud.iter().all(changes_content));
    }

    /// One row per kind of editor save: the paths its save touches, and what that needs.
    #[test]
    fn editor_saves_table() {
        let root = Path::new("/j");
        let rows: &[(&str, &[&str], Change)] = &[
            (
                "vim, backupcopy=yes (probe, backup, swap, write in place)",
                &[
                    "/j/goals/4913",
                    "/j/goals/talk.md~",
                    "/j/goals/.talk.md.swp",
                    "/j/goals/talk.md",
                ],
                Change::Full,
            ),
            (
                "vim, swap file only (typing, no save)",
                &["/j/goals/.talk.md.swp", "/j/goals/.talk.md.swx"],
                Change::Ignore,
            ),
            (
                "nvim, backupcopy=auto (rename to backup, write new file)",
                &["/j/plan.md~", "/j/plan.md", "/j/.plan.md.swp"],
                Change::Full,
            ),
            (
                "helix (backup, write, remove backup)",
                &["/j/meetings/2026/a.md.bck", "/j/meetings/2026/a.md"],
                Change::Full,
            ),
            (
                "helix writing only its backup",
                &["/j/meetings/2026/a.md.bck"],
                Change::Ignore,
            ),
            (
                "IntelliJ safe-write",
                &[
                    "/j/goals/talk.md___jb_tmp___",
                    "/j/goals/talk.md___jb_old___",
                    "/j/goals/talk.md",
                ],
                Change::Full,
            ),
            (
                "IntelliJ safe-write of a stylesheet",
                &[
                    "/j/static/site.css___jb_tmp___",
                    "/j/static/site.css___jb_old___",
                    "/j/static/site.css",
                ],
                Change::Css,
            ),
            ("VS Code, in place", &["/j/mentorfolio.yaml"], Change::Full),
            (
                "VS Code, a stylesheet",
                &["/j/static/site.css"],
                Change::Css,
            ),
            (
                "two stylesheets of a theme",
                &["/j/themes/calm/static/a.css", "/j/themes/calm/static/b.CSS"],
                Change::Css,
            ),
            (
                "a stylesheet and a template",
                &["/j/static/site.css", "/j/templates/page.html"],
                Change::Full,
            ),
            (
                "emacs (lock, auto-save, backup, write)",
                &["/j/.#plan.md", "/j/#plan.md#", "/j/plan.md~", "/j/plan.md"],
                Change::Full,
            ),
            (
                "emacs lock and auto-save only",
                &["/j/.#plan.md", "/j/#plan.md#"],
                Change::Ignore,
            ),
            ("macOS Finder", &["/j/goals/.DS_Store"], Change::Ignore),
            ("a temp file", &["/j/goals/x.tmp"], Change::Ignore),
            (
                "the output folder",
                &["/j/public/index.html", "/j/public/static/site.css"],
                Change::Ignore,
            ),
            (
                "git",
                &[
                    "/j/.git/index",
                    "/j/.git/objects/ab/cdef",
                    "/j/themes/calm/.git/HEAD",
                ],
                Change::Ignore,
            ),
            (
                "a folder named public below the root is journal content",
                &["/j/goals/public/x.md"],
                Change::Full,
            ),
            ("outside the root", &["/elsewhere/x.md"], Change::Ignore),
            ("a new folder", &["/j/goals/2027"], Change::Full),
            ("the root itself (a lost watch)", &["/j"], Change::Full),
            (
                "a build's staging, old site and lock",
                &[
                    "/j/.public.new-12-0/goals/index.html",
                    "/j/.public.old-12-0",
                    "/j/.public.lock",
                    "/j/out/.site.new-3-1/style.css",
                ],
                Change::Ignore,
            ),
            ("nothing", &[], Change::Ignore),
        ];
        for (editor, paths, want) in rows {
            let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
            assert_eq!(classify(root, &paths), *want, "{editor}");
        }
    }

    #[test]
    fn an_output_folder_anywhere_in_the_journal_is_ignored() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("out/site");
        std::fs::create_dir_all(site.join("goals")).unwrap();
        let page = site.join("goals/index.html");
        assert_eq!(
            classify(tmp.path(), std::slice::from_ref(&page)),
            Change::Full
        );
        std::fs::write(site.join(MARKER), "").unwrap();
        assert_eq!(classify(tmp.path(), &[page]), Change::Ignore);
    }
}
