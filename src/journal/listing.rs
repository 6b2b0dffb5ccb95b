//! The journal's document files as `serve` last listed them, kept up to date from the
//! watcher's list of changed paths: a save then costs a look at the files it names, not a
//! walk of every folder. Whatever cannot be judged from the names alone (a folder, a
//! symbolic link, a name that is not UTF-8) asks for the walk again.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use super::front::Kind;
use super::load::is_ignored_name;

/// The folders that hold documents, in the order the loader reads them.
pub const FOLDERS: [(&str, Kind); 3] = [
    ("goals", Kind::Goal),
    ("meetings", Kind::Meeting),
    ("activities", Kind::Activity),
];

/// Document files in the walk's order: by folder, then by the names on the path, which is
/// the order of a walk that sorts each folder's entries by name.
#[derive(Clone, Debug, Default)]
pub struct Listing {
    files: BTreeMap<(usize, Vec<String>), Kind>,
}

/// The names on `rel` (a path relative to the journal), when all are plain UTF-8 names.
fn names(rel: &Path) -> Option<Vec<&str>> {
    rel.components()
        .map(|c| match c {
            Component::Normal(n) => n.to_str(),
            _ => None,
        })
        .collect()
}

impl Listing {
    /// The listing of a walk's files; None when a name is not UTF-8.
    pub fn of(root: &Path, files: &[(PathBuf, Kind)]) -> Option<Listing> {
        let mut listing = Listing::default();
        for (path, kind) in files {
            let names = names(path.strip_prefix(root).ok()?)?;
            let folder = FOLDERS
                .iter()
                .position(|(dir, _)| Some(dir) == names.first())?;
            let rest = names[1..].iter().map(|n| n.to_string()).collect();
            listing.files.insert((folder, rest), *kind);
        }
        Some(listing)
    }

    /// Every file, in order, under `root`.
    pub fn files(&self, root: &Path) -> Vec<(PathBuf, Kind)> {
        self.files
            .iter()
            .map(|((folder, rest), kind)| {
                let mut path = root.join(FOLDERS[*folder].0);
                path.extend(rest);
                (path, *kind)
            })
            .collect()
    }

    /// Takes in the paths (relative to the journal) that changed. False when one of them
    /// cannot be judged by itself and the folders must be walked again. O(changes × log files).
    pub fn apply(&mut self, root: &Path, canonical_root: &Path, changed: &[PathBuf]) -> bool {
        changed
            .iter()
            .all(|rel| self.apply_one(root, canonical_root, rel))
    }

    fn apply_one(&mut self, root: &Path, canonical_root: &Path, rel: &Path) -> bool {
        let Some(names) = names(rel) else {
            return false;
        };
        let Some(top) = names.first() else {
            return false;
        };
        let Some(folder) = FOLDERS.iter().position(|(dir, _)| dir == top) else {
            // Not a document folder: the loader reads the configuration, the plan and
            // `private/` on every load, and nothing else.
            return true;
        };
        if names.len() == 1 {
            return false;
        }
        if names[1..].iter().any(|n| is_ignored_name(n)) {
            return true;
        }
        let key = (folder, names[1..].iter().map(|n| n.to_string()).collect());
        let path = root.join(rel);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_file() => {
                // A file below a sub-folder is read only when it lies inside the journal.
                let inside = names.len() == 2
                    || path
                        .canonicalize()
                        .is_ok_and(|c| c == canonical_root.join(rel));
                if inside {
                    self.files.insert(key, FOLDERS[folder].1);
                }
                inside
            }
            Ok(_) => false,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                self.files.remove(&key);
                // A folder that went away takes its files with it: walk again.
                let below = self
                    .files
                    .range(&key..)
                    .next()
                    .is_some_and(|((f, rest), _)| {
                        *f == key.0 && rest.len() > key.1.len() && rest.starts_with(&key.1)
                    });
                !below
            }
            Err(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_come_back_in_the_order_of_a_sorted_walk() {
        let root = Path::new("/j");
        let files = [
            ("goals/b.md", Kind::Goal),
            ("meetings/2026/a.md", Kind::Meeting),
            ("meetings/2026-01-01.md", Kind::Meeting),
            ("activities/a.md", Kind::Activity),
        ];
        let files: Vec<(PathBuf, Kind)> = files.iter().map(|(p, k)| (root.join(p), *k)).collect();
        let mut shuffled = files.clone();
        shuffled.reverse();
        let listing = Listing::of(root, &shuffled).unwrap();
        assert_eq!(listing.files(root), files);
    }

    #[test]
    fn a_new_file_is_listed_a_removed_one_dropped_and_a_folder_asks_for_a_walk() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let canonical = root.canonicalize().unwrap();
        std::fs::create_dir_all(root.join("meetings/2026")).unwrap();
        std::fs::write(root.join("meetings/2026/a.md"), "x").unwrap();
        std::fs::write(root.join("meetings/b.md"), "x").unwrap();
        let mut listing = Listing::default();
        let rel = |p: &str| vec![PathBuf::from(p)];
        assert!(listing.apply(root, &canonical, &rel("meetings/2026/a.md")));
        assert!(listing.apply(root, &canonical, &rel("meetings/b.md")));
        assert!(listing.apply(root, &canonical, &rel("meetings/_draft.md")));
        assert!(listing.apply(root, &canonical, &rel("static/site.css")));
        assert_eq!(listing.files(root).len(), 2);
        std::fs::remove_file(root.join("meetings/b.md")).unwrap();
        assert!(listing.apply(root, &canonical, &rel("meetings/b.md")));
        assert_eq!(
            listing.files(root),
            [(root.join("meetings/2026/a.md"), Kind::Meeting)]
        );
        assert!(!listing.apply(root, &canonical, &rel("meetings/2026")));
        assert!(!listing.apply(root, &canonical, &rel("meetings")));
        std::fs::remove_dir_all(root.join("meetings/2026")).unwrap();
        assert!(!listing.apply(root, &canonical, &rel("meetings/2026")));
    }
}
