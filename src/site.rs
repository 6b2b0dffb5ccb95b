//! A rendered site, held in memory: what `build` writes to disk and `serve` answers from.

use std::collections::BTreeMap;

/// Every file of the site by its path relative to the site root (`/`-separated,
/// `goals/public-speaking/index.html`), so writing and serving share one result.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Site {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Site {
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}
