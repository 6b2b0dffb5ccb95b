//! The position of every key path of a document (`benchmarks.1.due`), kept compact: one
//! text buffer holding every path and one sorted list of entries. A journal has some fifty
//! paths per meeting, so a map of owned strings cost 50 allocations and ~70 bytes a path,
//! a large part of the memory and time of loading 10,000 meetings; this costs two
//! allocations and ~30 bytes a path, and a look-up is a binary search.

/// Key paths and their `(line, column)`, sorted by path.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyMap {
    text: String,
    entries: Vec<Entry>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    start: u32,
    end: u32,
    pos: (u32, u32),
}

impl KeyMap {
    /// The position of `path`, if the document has it.
    pub fn get(&self, path: &str) -> Option<&(u32, u32)> {
        let i = self
            .entries
            .binary_search_by(|e| self.path(e).cmp(path))
            .ok()?;
        Some(&self.entries[i].pos)
    }

    pub fn contains_key(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    /// Every path with its position, in the order of the paths.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &(u32, u32))> {
        self.entries.iter().map(|e| (self.path(e), &e.pos))
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| self.path(e))
    }

    pub fn values(&self) -> impl Iterator<Item = &(u32, u32)> {
        self.entries.iter().map(|e| &e.pos)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn path(&self, e: &Entry) -> &str {
        &self.text[e.start as usize..e.end as usize]
    }
}

impl std::ops::Index<&str> for KeyMap {
    type Output = (u32, u32);

    fn index(&self, path: &str) -> &(u32, u32) {
        self.get(path)
            .unwrap_or_else(|| panic!("no key path `{path}`"))
    }
}

/// Gathers paths in document order; where a path repeats (only in a file that fails
/// anyway), the first position stands.
#[derive(Default)]
pub struct KeysBuilder {
    map: KeyMap,
}

impl KeysBuilder {
    /// Paths past 4 GiB of them in one document are not recorded: a diagnostic about
    /// one points at its parent or at the front matter instead.
    pub fn push(&mut self, path: &str, pos: (u32, u32)) {
        let start = self.map.text.len();
        let Ok(end) = u32::try_from(start + path.len()) else {
            return;
        };
        self.map.text.push_str(path);
        self.map.entries.push(Entry {
            start: start as u32,
            end,
            pos,
        });
    }

    /// O(k log k) in the number of paths.
    pub fn finish(self) -> KeyMap {
        let KeyMap { text, mut entries } = self.map;
        let path = |e: &Entry| &text[e.start as usize..e.end as usize];
        // Of equal paths the first in the document (the lower offset) comes first and is
        // kept.
        entries.sort_unstable_by(|a, b| path(a).cmp(path(b)).then(a.start.cmp(&b.start)));
        entries.dedup_by(|later, first| path(later) == path(first));
        KeyMap { text, entries }
    }
}

impl<S: AsRef<str>> FromIterator<(S, (u32, u32))> for KeyMap {
    fn from_iter<I: IntoIterator<Item = (S, (u32, u32))>>(pairs: I) -> Self {
        let mut b = KeysBuilder::default();
        for (path, pos) in pairs {
            b.push(path.as_ref(), pos);
        }
        b.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_found_by_binary_search_and_the_first_of_a_repeated_path_stands() {
        let keys: KeyMap = [
            ("title", (2, 1)),
            ("benchmarks.1.due", (6, 5)),
            ("benchmarks", (3, 1)),
            ("title", (9, 1)),
            ("benchmarks.0", (4, 3)),
        ]
        .into_iter()
        .collect();
        assert_eq!(keys.len(), 4);
        assert_eq!(keys["title"], (2, 1));
        assert_eq!(keys.get("benchmarks.1.due"), Some(&(6, 5)));
        assert_eq!(keys.get("benchmarks.1"), None);
        assert!(keys.contains_key("benchmarks.0"));
        assert!(!keys.contains_key("bench"));
        let paths: Vec<&str> = keys.keys().collect();
        assert_eq!(
            paths,
            ["benchmarks", "benchmarks.0", "benchmarks.1.due", "title"]
        );
        assert!(KeyMap::default().get("title").is_none());
    }
}
