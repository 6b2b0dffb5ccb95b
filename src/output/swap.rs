//! Putting a new site in place of the old one, and cleaning up after a build that was
//! killed before it could.
//!
//! On Linux the two folders trade names in one `renameat2(RENAME_EXCHANGE)`, so the
//! output is at every moment the old site or the new one. Elsewhere (or on a file system
//! without it) the swap takes two renames: the old output moves to `.NAME.old-*`, then
//! the new one takes its name. A build killed between them leaves no output but both
//! copies; the next build puts the old one back (see [`recover`]).

use std::path::{Path, PathBuf};

use super::{MARKER, OutputError, fresh_sibling};

/// Puts the folder `new` in place of the existing folder `out` and returns the folder
/// that now holds the old site, for the caller to remove.
pub fn replace(new: &Path, out: &Path) -> Result<PathBuf, OutputError> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, new, CWD, out, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(new.to_path_buf()),
            // Not supported by this kernel or file system: two renames instead.
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(OutputError::Io(out.to_path_buf(), e.into())),
        }
    }
    two_step(new, out)
}

fn two_step(new: &Path, out: &Path) -> Result<PathBuf, OutputError> {
    let old = fresh_sibling(out, "old")?;
    // `old` is an empty folder we made; renaming a folder onto an empty one replaces it.
    if let Err(e) = retrying(|| std::fs::rename(out, &old), BUSY_WAITS) {
        let _ = std::fs::remove_dir(&old);
        return Err(failed(out, e));
    }
    if let Err(e) = retrying(|| std::fs::rename(new, out), BUSY_WAITS) {
        let _ = std::fs::rename(&old, out);
        return Err(failed(out, e));
    }
    Ok(old)
}

/// How long to wait before each new try of a rename that a program holding a file open
/// refused: about two seconds in all, enough for an editor or a virus scanner to let go.
const BUSY_WAITS: &[u64] = &[10, 20, 40, 80, 160, 320, 640, 800];

/// Whether an error means another program holds a file open: on Windows, access denied
/// (5) or a sharing violation (32). Elsewhere a rename is never refused for that.
fn busy(e: &std::io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32))
}

/// Runs `op`, trying again after each of `waits` milliseconds while it fails as [`busy`].
fn retrying(mut op: impl FnMut() -> std::io::Result<()>, waits: &[u64]) -> std::io::Result<()> {
    let mut waits = waits.iter();
    loop {
        match op() {
            Err(e) if busy(&e) => match waits.next() {
                Some(ms) => std::thread::sleep(std::time::Duration::from_millis(*ms)),
                None => return Err(e),
            },
            done => return done,
        }
    }
}

fn failed(out: &Path, e: std::io::Error) -> OutputError {
    if busy(&e) {
        OutputError::InUse(out.to_path_buf())
    } else {
        OutputError::Io(out.to_path_buf(), e)
    }
}

/// Removes what earlier builds of `out` left beside it when they were killed (staging
/// folders `.NAME.new-*`, old sites `.NAME.old-*`) and, when `out` itself is missing,
/// first puts back the old site a two-step swap had moved aside. Called with the output's
/// lock held, so no running build owns these folders. Returns what it did, for the user.
pub fn recover(out: &Path) -> Vec<String> {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return Vec::new();
    };
    let name = name.to_string_lossy();
    let (new_prefix, old_prefix) = (format!(".{name}.new-"), format!(".{name}.old-"));
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut leftovers: Vec<(PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            let old = file.starts_with(&old_prefix);
            (old || file.starts_with(&new_prefix)).then(|| (e.path(), old))
        })
        .collect();
    leftovers.sort();
    let mut notes = Vec::new();
    if std::fs::symlink_metadata(out).is_err() {
        let newest = leftovers
            .iter()
            .filter(|(dir, old)| *old && dir.join(MARKER).is_file())
            .max_by_key(|(dir, _)| {
                std::fs::metadata(dir.join(MARKER))
                    .and_then(|m| m.modified())
                    .ok()
            })
            .map(|(dir, _)| dir.clone());
        if let Some(old) = newest
            && std::fs::rename(&old, out).is_ok()
        {
            notes.push(format!(
                "restored `{}` from `{}`, where an interrupted build had moved it",
                out.display(),
                old.display()
            ));
            leftovers.retain(|(dir, _)| *dir != old);
        }
    }
    for (dir, _) in leftovers {
        super::lock::remove_tree(&dir);
        notes.push(if dir.exists() {
            format!(
                "cannot remove `{}`, left by an interrupted build; remove it by hand",
                dir.display()
            )
        } else {
            format!("removed `{}`, left by an interrupted build", dir.display())
        });
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(dir: &Path, page: &str) {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join(MARKER), "").unwrap();
        std::fs::write(dir.join("index.html"), page).unwrap();
    }

    #[test]
    fn a_rename_refused_for_an_open_file_is_tried_again_only_on_windows() {
        let mut tries = 0;
        let held = std::io::Error::from_raw_os_error(32);
        let result = retrying(
            || {
                tries += 1;
                if tries < 3 {
                    Err(std::io::Error::from_raw_os_error(32))
                } else {
                    Ok(())
                }
            },
            &[0, 0, 0],
        );
        if cfg!(windows) {
            assert!(result.is_ok());
            assert_eq!(tries, 3);
            assert!(matches!(
                failed(Path::new("p"), held),
                OutputError::InUse(_)
            ));
        } else {
            assert!(result.is_err());
            assert_eq!(tries, 1);
            assert!(matches!(failed(Path::new("p"), held), OutputError::Io(..)));
        }
    }

    #[test]
    fn the_two_step_swap_keeps_the_old_site_aside() {
        let tmp = tempfile::tempdir().unwrap();
        let (new, out) = (tmp.path().join("new"), tmp.path().join("public"));
        site(&new, "new");
        site(&out, "old");
        let old = two_step(&new, &out).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "new"
        );
        assert_eq!(
            std::fs::read_to_string(old.join("index.html")).unwrap(),
            "old"
        );
    }

    #[test]
    fn replace_swaps_both_ways() {
        let tmp = tempfile::tempdir().unwrap();
        let (new, out) = (tmp.path().join("new"), tmp.path().join("public"));
        site(&new, "new");
        site(&out, "old");
        let old = replace(&new, &out).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "new"
        );
        assert_eq!(
            std::fs::read_to_string(old.join("index.html")).unwrap(),
            "old"
        );
    }

    #[test]
    fn a_missing_output_is_restored_and_the_rest_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        // A build killed between the two renames of the two-step swap.
        site(&tmp.path().join(".public.old-7-0"), "old");
        site(&tmp.path().join(".public.new-7-0"), "new");
        // A staging folder of another killed build, and a neighbour's leftovers.
        std::fs::create_dir_all(tmp.path().join(".public.new-9-0/goals")).unwrap();
        std::fs::create_dir(tmp.path().join(".site.new-1-0")).unwrap();
        let notes = recover(&out);
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "old"
        );
        assert_eq!(notes.len(), 3, "{notes:?}");
        assert!(notes[0].starts_with("restored"), "{notes:?}");
        let mut names: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, [".site.new-1-0", "public"]);
        assert!(recover(&out).is_empty(), "nothing left to do");
    }
}
