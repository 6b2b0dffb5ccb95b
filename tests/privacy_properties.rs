//! Property test of private blocks: random CommonMark documents (lists, quotes, footnotes,
//! headings, code, tables, raw HTML, nested at random) with private blocks inserted at
//! random places and depths. Whatever the document, the loader's cut leaves no canary in
//! the HTML the renderer makes, and the renderer never finds a private block the loader
//! missed. CI runs a fixed seed; `PROPTEST_CASES=20000 cargo test --test
//! privacy_properties` runs more.

use std::sync::Arc;

use mentorfolio::journal::privacy::strip_private_blocks;
use mentorfolio::journal::{PrivateLedger, Source};
use mentorfolio::render::markdown::{LinkMap, Markdown};
use mentorfolio::render::urls::Urls;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

const CANARY: &str = "CANARYPROP";

/// A block of a document: its lines, without container prefixes.
fn leaf() -> impl Strategy<Value = Vec<String>> {
    prop_oneof![
        Just(vec!["A plain paragraph with *emphasis*.".to_string()]),
        Just(vec!["## A heading".to_string()]),
        Just(vec!["Setext heading".to_string(), "---".to_string()]),
        Just(vec!["```rust".into(), "fn main() {}".into(), "```".into()]),
        Just(vec!["~~~".into(), "plain code".into(), "~~~".into()]),
        Just(vec!["    indented code".to_string()]),
        Just(vec![
            "| a | b |".into(),
            "|---|---|".into(),
            "| 1 | 2 |".into()
        ]),
        Just(vec!["<div>".into(), "raw html".into(), "</div>".into()]),
        Just(vec!["<!-- a comment -->".to_string()]),
        Just(vec!["Text with a note[^n].".to_string()]),
        Just(vec!["- [ ] a task".to_string()]),
        Just(vec![String::new()]),
        Just(vec!["***".to_string()]),
        private_block(),
    ]
}

/// A private block in any of its spellings, closed or not.
fn private_block() -> impl Strategy<Value = Vec<String>> {
    (
        prop_oneof![Just('`'), Just('~')],
        3usize..6,
        prop_oneof![
            Just("private"),
            Just("PRIVATE"),
            Just("Private"),
            Just("private {.x}"),
            Just(" private"),
            Just("{.private}"),
        ],
        0usize..4,
        1usize..4,
        any::<bool>(),
    )
        .prop_map(|(ch, len, info, indent, lines, closed)| {
            let fence: String = std::iter::repeat_n(ch, len).collect();
            let pad = " ".repeat(indent);
            let mut out = vec![format!("{pad}{fence}{info}")];
            for i in 0..lines {
                out.push(format!("{pad}{CANARY} line {i} of a private passage"));
            }
            if closed {
                out.push(format!("{pad}{fence}"));
            }
            out
        })
}

/// A container around blocks: the prefix of its first line and of the others.
fn container() -> impl Strategy<Value = (&'static str, &'static str)> {
    prop_oneof![
        Just(("> ", "> ")),
        Just(("- ", "  ")),
        Just(("* ", "  ")),
        Just(("+ ", "  ")),
        Just(("1. ", "   ")),
        Just(("2) ", "   ")),
        Just(("[^n]: ", "    ")),
        Just(("", "")),
    ]
}

/// A block: a leaf, or a container holding blocks, nested a few levels deep.
fn block() -> impl Strategy<Value = Vec<String>> {
    leaf().prop_recursive(4, 40, 4, |inner| {
        (container(), prop::collection::vec(inner, 1..4)).prop_map(|((first, rest), blocks)| {
            let mut out = Vec::new();
            for (i, lines) in blocks.into_iter().enumerate() {
                if i > 0 {
                    out.push(rest.trim_end().to_string());
                }
                for line in lines {
                    let prefix = if out.is_empty() { first } else { rest };
                    out.push(format!("{prefix}{line}"));
                }
            }
            out
        })
    })
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(block(), 1..6).prop_map(|blocks| {
        blocks
            .into_iter()
            .map(|lines| lines.join("\n"))
            .collect::<Vec<_>>()
            .join("\n\n")
    })
}

fn config() -> Config {
    Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(512),
        rng_seed: RngSeed::Fixed(0x6d65_6e74_6f72),
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn no_canary_reaches_the_html_and_the_renderer_agrees(doc in document()) {
        let mut ledger = PrivateLedger::default();
        let stripped = strip_private_blocks(&doc, &mut ledger);
        prop_assert_eq!(stripped.matches('\n').count(), doc.matches('\n').count(), "line numbers stay true");
        let urls = Urls::new("https://example.org/");
        let links = LinkMap::default();
        let md = Markdown { links: &links, urls: &urls, safe_html: false };
        let source = Source {
            file: "meetings/2026-01-07.md".into(),
            keys: Arc::default(),
            start_line: 1,
            body_line: 4,
        };
        let (html, diags) = md.render(&stripped, &source, 3);
        prop_assert!(diags.iter().all(|d| d.code.as_str() != "E009"), "the renderer found a private block the loader left: {:?}", diags);
        prop_assert!(!html.contains(CANARY), "the canary reached the page:\n{}\n---\n{}", doc, html);
        prop_assert!(!stripped.contains(CANARY), "the canary stayed in the text:\n{}", doc);
        if doc.contains(CANARY) {
            prop_assert!(ledger.passages > 0);
        }
    }
}
