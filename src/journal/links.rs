//! Links between journal files: which file a Markdown link in a body names. One reading,
//! used by validation (W601 for a link to a file that is missing or private) and by the
//! renderer (which turns the link into one to the file's page).

use percent_encoding::percent_decode_str;

/// What a link's destination names.
#[derive(Debug, PartialEq, Eq)]
pub enum LinkTarget<'a> {
    /// Another site, a fragment of this page, or a path that leaves the journal.
    Outside,
    /// A journal Markdown file (`goals/talk.md`), and the `#fragment` after it, if any.
    Journal { file: String, fragment: &'a str },
    /// A file of the journal's `static/` folder, as a site path, and what followed the
    /// path (`?query#fragment`).
    Static { asset: String, rest: &'a str },
}

/// What the link `dest`, written in the journal file `file`, names.
pub fn target<'a>(file: &str, dest: &'a str) -> LinkTarget<'a> {
    if dest.is_empty() || dest.starts_with('#') || has_scheme(dest) {
        return LinkTarget::Outside;
    }
    let cut = dest.find(['#', '?']).unwrap_or(dest.len());
    let (path, rest) = dest.split_at(cut);
    let fragment = rest.find('#').map_or("", |i| &rest[i..]);
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let Some(resolved) = resolve(file, &decoded) else {
        return LinkTarget::Outside;
    };
    if path.ends_with(".md") {
        return LinkTarget::Journal {
            file: resolved,
            fragment,
        };
    }
    match resolved.strip_prefix("static/") {
        Some(asset) => LinkTarget::Static {
            asset: asset.to_string(),
            rest,
        },
        None => LinkTarget::Outside,
    }
}

/// Joins `link` onto the folder of `file` and folds `.` and `..`; `None` when the
/// path climbs above the journal root.
fn resolve(file: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = if link.starts_with('/') {
        Vec::new()
    } else {
        let mut p: Vec<&str> = file.split('/').collect();
        p.pop();
        p
    };
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

fn has_scheme(url: &str) -> bool {
    url.starts_with("//")
        || url
            .split_once(':')
            .is_some_and(|(s, _)| !s.is_empty() && !s.contains('/') && !s.contains('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_name_journal_files_static_files_or_nothing_of_the_journal() {
        let from = "meetings/2026/m.md";
        assert_eq!(
            target(from, "../../goals/talk.md#plan"),
            LinkTarget::Journal {
                file: "goals/talk.md".into(),
                fragment: "#plan"
            }
        );
        assert_eq!(
            target(from, "/goals/a%20b.md"),
            LinkTarget::Journal {
                file: "goals/a b.md".into(),
                fragment: ""
            }
        );
        assert_eq!(
            target(from, "/static/img/x.png?v=1"),
            LinkTarget::Static {
                asset: "img/x.png".into(),
                rest: "?v=1"
            }
        );
        for outside in [
            "https://x.org/a.md",
            "#top",
            "",
            "../../../../x.md",
            "mailto:a@b",
        ] {
            assert_eq!(target(from, outside), LinkTarget::Outside, "{outside}");
        }
    }
}
