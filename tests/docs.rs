//! The documentation renders as written: every Markdown file of the repository (README and
//! docs/) is parsed with pulldown-cmark, as GitHub's renderer would, and every fenced block
//! closes before the file ends, and every relative link names a file that exists.

use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};

fn docs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// Whether the fenced block at `range` of `text` ends with its closing fence.
fn closed(text: &str, range: std::ops::Range<usize>) -> bool {
    let block = &text[range];
    let open = block.trim_start();
    let ch = open.chars().next().unwrap_or('`');
    let len = open.chars().take_while(|c| *c == ch).count();
    let last = block.trim_end().lines().last().unwrap_or("").trim();
    block.trim_end().lines().count() > 1 && last.len() >= len && last.chars().all(|c| c == ch)
}

#[test]
fn every_fence_closes_and_every_relative_link_resolves() {
    let files = docs();
    assert!(files.len() >= 4, "{files:?}");
    let mut problems = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        for (event, range) in Parser::new(&text).into_offset_iter() {
            match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_)))
                    if !closed(&text, range.clone()) =>
                {
                    let line = text[..range.start].lines().count() + 1;
                    problems.push(format!("{name}:{line}: a fenced block never closes"));
                }
                Event::Start(Tag::Link { dest_url, .. }) => {
                    let dest = dest_url.split('#').next().unwrap_or("");
                    if dest.is_empty() || dest.contains("://") || dest.starts_with("mailto:") {
                        continue;
                    }
                    let target = file.parent().unwrap().join(dest);
                    if !target.exists() {
                        problems.push(format!("{name}: a link to `{dest_url}`, which is missing"));
                    }
                }
                _ => {}
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_check_finds_an_unclosed_fence() {
    let text = "Intro\n\n````markdown\n```private\nx\n```\n";
    let open: Vec<_> = Parser::new(text)
        .into_offset_iter()
        .filter_map(|(e, r)| match e {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => Some(closed(text, r)),
            _ => None,
        })
        .collect();
    assert_eq!(open, [false]);
}
