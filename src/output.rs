//! Writing a rendered site to disk safely: everything goes into a new folder beside the
//! output first, which then takes the old output's place in one atomic swap (see
//! [`swap`]). A failed or interrupted build never touches the previous output, pages of
//! deleted files disappear, nothing outside the output folder is ever removed, and only
//! one build at a time writes an output (see [`lock`]).

mod lock;
mod swap;

use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::site::Site;

pub use lock::{Wait, clean_up_on_interrupt, lock_path};

/// The file that marks a folder as mentorfolio's output, so it may be replaced.
pub const MARKER: &str = ".mentorfolio-output";

const MARKER_TEXT: &str =
    "This folder is written by `mentorfolio build` and replaced on every build.\n";

/// Journal folders the output may never be placed in.
const SOURCE_DIRS: &[&str] = &[
    "goals",
    "meetings",
    "activities",
    "private",
    "static",
    "templates",
    "themes",
];

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("refusing to write the site into the journal's own folder `{0}`")]
    JournalRoot(PathBuf),
    #[error("refusing to write the site into `{0}`: it contains the journal")]
    ContainsJournal(PathBuf),
    #[error("refusing to write the site into the journal's `{1}/` folder (`{0}`)")]
    InsideSources(PathBuf, String),
    #[error(
        "refusing to replace `{0}`: it holds files that mentorfolio did not write (use --force to replace it anyway)"
    )]
    NotOurs(PathBuf),
    #[error("`{0}` exists and is not a folder")]
    NotAFolder(PathBuf),
    #[error("refusing to write `{0}`: a site path must stay inside the output folder")]
    UnsafeSitePath(String),
    #[error(
        "another build is writing `{0}`; run this one again when it has finished, or without --no-wait to wait for it"
    )]
    Busy(PathBuf),
    #[error(
        "cannot replace `{0}`: the folder is not writable, so the old site in it could not be removed"
    )]
    NotWritable(PathBuf),
    #[error(
        "cannot replace `{0}`: a file in it is open in another program; close it and build again"
    )]
    InUse(PathBuf),
    #[error("the new site is in `{0}`, but the old one could not be removed from `{1}`")]
    OldLeft(PathBuf, PathBuf),
    #[error("cannot write `{0}`: {1}")]
    Io(PathBuf, std::io::Error),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
    move |e| OutputError::Io(path.to_path_buf(), e)
}

/// An absolute, symlink-free form of `path`, which may not exist yet. Components are
/// taken one at a time as the kernel would: each existing prefix is canonicalised (so a
/// symlink is followed before a later `..`), and `..` past a missing folder is folded
/// lexically. The result has no `.`, `..` or symlink in it, so comparing it with the
/// journal root and writing to it name the same folder.
fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::Prefix(_) | Component::RootDir => out.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                if let Ok(real) = out.canonicalize() {
                    out = real;
                }
            }
        }
    }
    Ok(out)
}

/// Checks that `out` is a safe place for the site of the journal at `root`.
pub fn check_target(root: &Path, out: &Path, force: bool) -> Result<PathBuf, OutputError> {
    let root = absolute(root).map_err(io(root))?;
    let out = absolute(out).map_err(io(out))?;
    if out == root {
        return Err(OutputError::JournalRoot(out));
    }
    if root.starts_with(&out) {
        return Err(OutputError::ContainsJournal(out));
    }
    if let Some(first) = out
        .strip_prefix(&root)
        .ok()
        .and_then(|rest| rest.components().next())
    {
        let first = first.as_os_str().to_string_lossy().into_owned();
        if SOURCE_DIRS.contains(&first.as_str())
            || first == crate::journal::load::PLAN_FILE
            || first == crate::journal::load::CONFIG_FILE
        {
            return Err(OutputError::InsideSources(out, first));
        }
    }
    if out.exists() || out.is_symlink() {
        if !out.is_dir() || out.is_symlink() {
            return Err(OutputError::NotAFolder(out));
        }
        let empty = std::fs::read_dir(&out).map_err(io(&out))?.next().is_none();
        if !empty && !out.join(MARKER).is_file() && !force {
            return Err(OutputError::NotOurs(out));
        }
    }
    Ok(out)
}

/// `.NAME.WHAT` beside the output `out`: the names of its staging, old and lock files.
fn sibling_name(out: &Path, what: &str) -> PathBuf {
    let parent = out.parent().unwrap_or(Path::new("/"));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    parent.join(format!(".{name}.{what}"))
}

/// Fails with [`OutputError::NotWritable`] when a folder of the existing output cannot be
/// emptied, before anything is written: otherwise the swap would succeed and leave the
/// old site beside the output for good.
#[cfg(unix)]
fn check_writable(out: &Path) -> Result<(), OutputError> {
    use rustix::fs::{Access, access};
    if !out.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.map_err(|e| OutputError::Io(out.to_path_buf(), e.into()))?;
        if entry.file_type().is_dir()
            && access(entry.path(), Access::WRITE_OK | Access::EXEC_OK).is_err()
        {
            return Err(OutputError::NotWritable(entry.into_path()));
        }
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_writable(_: &Path) -> Result<(), OutputError> {
    Ok(())
}

/// A new folder beside `out` with a name no one else uses.
fn fresh_sibling(out: &Path, what: &str) -> Result<PathBuf, OutputError> {
    let parent = out.parent().unwrap_or(Path::new("/"));
    std::fs::create_dir_all(parent).map_err(io(parent))?;
    let base = sibling_name(out, what);
    for n in 0..1000 {
        let candidate = PathBuf::from(format!("{}-{}-{n}", base.display(), std::process::id()));
        match std::fs::create_dir(&candidate) {
            Ok(()) => return Ok(candidate),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(OutputError::Io(candidate, e)),
        }
    }
    Err(OutputError::Io(
        parent.to_path_buf(),
        std::io::Error::other("no free name for a temporary folder"),
    ))
}

/// The new output, written beside the old one: [`Staging::commit`] swaps it in, and
/// dropping it uncommitted removes it, so a failed build leaves the old output as it was.
/// It holds the output's lock until it is dropped.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    committed: bool,
    recovered: Vec<String>,
    _lock: lock::OutputLock,
}

fn site_path(rel: &str) -> Result<&Path, OutputError> {
    let path = Path::new(rel);
    let plain = path.components().all(|c| matches!(c, Component::Normal(_)));
    if !plain || rel.is_empty() {
        return Err(OutputError::UnsafeSitePath(rel.to_string()));
    }
    Ok(path)
}

impl Staging {
    /// Checks `out` (see [`check_target`]), takes its lock (waiting or not, as `wait`
    /// says), cleans up after earlier builds that were killed (see [`Staging::recovered`])
    /// and makes the folder the new output goes in.
    pub fn new(
        root: &Path,
        out: &Path,
        force: bool,
        wait: Wait<'_>,
    ) -> Result<Staging, OutputError> {
        let target = check_target(root, out, force)?;
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        let lock = lock::OutputLock::acquire(&target, wait)?;
        let recovered = swap::recover(&target);
        // Again, now that no other build is writing it and a lost output may be back.
        let out = check_target(root, out, force)?;
        check_writable(&out)?;
        // Made and recorded under the interrupt handler's lock, so an interrupt in between
        // cannot leave the folder behind.
        let mut cleanup = lock::cleanup();
        let dir = fresh_sibling(&out, "new")?;
        cleanup.dir = Some(dir.clone());
        drop(cleanup);
        Ok(Staging {
            out,
            dir,
            committed: false,
            recovered,
            _lock: lock,
        })
    }

    /// What was done about leftovers of interrupted builds, one sentence each.
    pub fn recovered(&self) -> &[String] {
        &self.recovered
    }

    /// Writes one file, making its folder first; safe to call from many threads at once.
    pub fn file(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let Some(_writing) = lock::writing() else {
            return Err(OutputError::Io(
                self.dir.clone(),
                std::io::Error::from(std::io::ErrorKind::Interrupted),
            ));
        };
        let path = self.dir.join(site_path(rel)?);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&path, bytes).map_err(|e| OutputError::Io(path, e))
    }

    /// Marks the new output as ours and puts it in place of the old one, then removes
    /// the old one.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let marker = self.dir.join(MARKER);
        std::fs::write(&marker, MARKER_TEXT).map_err(io(&marker))?;
        let old = {
            // Held through the swap: an interrupt waits until the output is whole again.
            let mut cleanup = lock::cleanup();
            let old = if std::fs::symlink_metadata(&self.out).is_ok() {
                Some(swap::replace(&self.dir, &self.out)?)
            } else {
                std::fs::rename(&self.dir, &self.out).map_err(io(&self.out))?;
                None
            };
            self.committed = true;
            cleanup.dir.clone_from(&old);
            old
        };
        if let Some(old) = old {
            lock::remove_tree(&old);
            lock::cleanup().dir = None;
            if old.exists() {
                return Err(OutputError::OldLeft(self.out.clone(), old));
            }
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let mut cleanup = lock::cleanup();
        if !self.committed {
            lock::remove_tree(&self.dir);
        }
        cleanup.dir = None;
    }
}

/// Writes `site` to `out` (after [`check_target`]) and returns the number of files written.
pub fn write(root: &Path, out: &Path, site: &Site, force: bool) -> Result<usize, OutputError> {
    let staging = Staging::new(root, out, force, Wait::Yes(&|| {}))?;
    site.files
        .par_iter()
        .try_for_each(|(rel, bytes)| staging.file(rel, bytes))?;
    staging.commit()?;
    Ok(site.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> Site {
        let mut s = Site::default();
        for (p, b) in files {
            s.insert(*p, *b);
        }
        s
    }

    #[test]
    fn replaces_a_previous_output_and_drops_old_pages() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("journal");
        std::fs::create_dir(&root).unwrap();
        let out = root.join("public");
        write(
            &root,
            &out,
            &site(&[("a/index.html", "A"), ("b.txt", "B")]),
            false,
        )
        .unwrap();
        write(&root, &out, &site(&[("a/index.html", "A2")]), false).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "A2"
        );
        assert!(!out.join("b.txt").exists());
        let siblings: Vec<_> = std::fs::read_dir(&root).unwrap().collect();
        assert_eq!(siblings.len(), 1, "no temporary folders left behind");
    }

    #[test]
    fn refuses_unsafe_targets() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("journal");
        std::fs::create_dir_all(root.join("goals")).unwrap();
        assert!(matches!(
            check_target(&root, &root, true),
            Err(OutputError::JournalRoot(_))
        ));
        assert!(matches!(
            check_target(&root, tmp.path(), true),
            Err(OutputError::ContainsJournal(_))
        ));
        assert!(matches!(
            check_target(&root, &root.join("goals/site"), true),
            Err(OutputError::InsideSources(..))
        ));
        let user = tmp.path().join("docs");
        std::fs::create_dir(&user).unwrap();
        std::fs::write(user.join("thesis.txt"), "mine").unwrap();
        assert!(matches!(
            check_target(&root, &user, false),
            Err(OutputError::NotOurs(_))
        ));
        assert!(check_target(&root, &user, true).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn dot_dot_and_symlinks_are_resolved_before_any_check() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("journal");
        std::fs::create_dir_all(root.join("goals")).unwrap();
        // `..` after a folder that does not exist still names the journal.
        assert!(matches!(
            check_target(&root, &root.join("missing/.."), true),
            Err(OutputError::JournalRoot(_))
        ));
        assert!(matches!(
            check_target(&root, &root.join("missing/../goals/site"), true),
            Err(OutputError::InsideSources(..))
        ));
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&root, &link).unwrap();
        assert!(matches!(
            check_target(&root, &link, true),
            Err(OutputError::JournalRoot(_))
        ));
        // A symlink followed by `..` climbs from where the link points, as the kernel does.
        std::fs::create_dir_all(tmp.path().join("elsewhere/deep")).unwrap();
        let deep = root.join("deep");
        std::os::unix::fs::symlink(tmp.path().join("elsewhere/deep"), &deep).unwrap();
        assert_eq!(
            check_target(&root, &deep.join("../site"), false).unwrap(),
            tmp.path().canonicalize().unwrap().join("elsewhere/site")
        );
    }

    #[test]
    fn site_paths_never_leave_the_output_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("journal");
        std::fs::create_dir(&root).unwrap();
        let out = root.join("public");
        for bad in ["../escaped.html", "/etc/escaped", "a/../../escaped", ""] {
            let got = write(
                &root,
                &out,
                &site(&[("index.html", "ok"), (bad, "x")]),
                false,
            );
            assert!(
                matches!(got, Err(OutputError::UnsafeSitePath(_))),
                "{bad:?}"
            );
        }
        assert!(!root.join("escaped.html").exists());
        assert!(!tmp.path().join("escaped").exists());
        assert!(!out.exists());
        assert_eq!(
            std::fs::read_dir(&root).unwrap().count(),
            0,
            "staging removed"
        );
    }
}
