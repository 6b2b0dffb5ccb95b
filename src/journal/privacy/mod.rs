//! Confidentiality: what is said in mentoring stays in the relationship. Private passages
//! are cut out of the text before anything else sees it ([`blocks`], [`flag`]), and
//! remembered only in a [`PrivateLedger`] that the output check uses to prove none of them
//! was written.

mod blocks;
mod flag;

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

pub use blocks::{MARKDOWN_OPTIONS, is_private_info, private_ranges, strip_private_blocks};
pub use flag::{FilePrivacy, is_privacy_key, may_name_privacy};

/// Every private passage the loader removed, kept apart from the journal model so that
/// rendering never has it, and used only to verify the output.
#[derive(Clone, Debug, Default)]
pub struct PrivateLedger {
    /// The number of private passages removed (blocks, files, `private_notes`).
    pub passages: usize,
    /// Distinctive lines of those passages, searched for in the output. Private, so that
    /// only [`PrivateLedger::add`] and [`PrivateLedger::merge`] change them and the matcher
    /// can never fall behind.
    needles: Vec<String>,
    /// Every needle in all its spellings, searched for in one pass: checking every output
    /// file against every needle one by one grows with pages × needles, which made the
    /// output check dominate `build` on large journals. Built on first use.
    matcher: OnceLock<Option<AhoCorasick>>,
}

/// A line shorter than this is too common ("- yes", "## Notes") to prove a leak.
const MIN_NEEDLE: usize = 12;

impl PrivateLedger {
    /// Records a removed passage.
    pub fn add(&mut self, text: &str) {
        self.passages += 1;
        for line in text.lines() {
            let line = line
                .trim()
                .trim_start_matches(['-', '*', '#', '>', ' '])
                .trim();
            if line.chars().count() >= MIN_NEEDLE {
                self.needles.push(line.to_string());
            }
        }
        self.matcher = OnceLock::new();
    }

    /// The private lines searched for in the output.
    pub fn needles(&self) -> &[String] {
        &self.needles
    }

    pub fn merge(&mut self, other: PrivateLedger) {
        self.passages += other.passages;
        self.needles.extend(other.needles);
        self.matcher = OnceLock::new();
    }

    /// The first private line found in `bytes`, as written, HTML-escaped or JSON-escaped
    /// (the search index).
    pub fn find_leak(&self, bytes: &[u8]) -> Option<&str> {
        // Pages are text, searched as they are; other files (images) as the text their
        // bytes would show, in case a replaced byte completes a needle.
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(bytes),
        };
        let matcher = self.matcher.get_or_init(|| {
            let spellings = self.needles.iter().flat_map(|n| spellings(n));
            AhoCorasick::new(spellings).ok()
        });
        // The one-pass search proves the common case, no leak; the needle to report, the
        // first in the ledger's order, is then found one by one.
        if let Some(m) = matcher
            && !m.is_match(text.as_ref())
        {
            return None;
        }
        self.needles
            .iter()
            .find(|n| spellings(n).iter().any(|s| text.contains(s.as_str())))
            .map(String::as_str)
    }
}

/// Every way an output may spell `needle`.
fn spellings(needle: &str) -> Vec<String> {
    let mut all = vec![
        needle.to_string(),
        escape(needle, false),
        escape(needle, true),
    ];
    let json = serde_json::to_string(needle).unwrap_or_default();
    if let Some(inner) = json.get(1..json.len().saturating_sub(1))
        && inner != needle
    {
        all.push(inner.to_string());
    }
    all
}

/// HTML escaping as Markdown (`&<>"`) or as Tera and XML (also `'` and `/`) write it.
fn escape(s: &str, full: bool) -> String {
    let s = s
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    if full {
        s.replace('\'', "&#x27;").replace('/', "&#x2F;")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_blocks_are_removed_and_remembered() {
        let mut ledger = PrivateLedger::default();
        let body = "Public.\n\n```private\nSalary talk with the director\n```\nAfter.\n";
        let out = strip_private_blocks(body, &mut ledger);
        assert_eq!(out, "Public.\n\n\n\n\nAfter.\n");
        assert_eq!(ledger.passages, 1);
        assert_eq!(ledger.needles, ["Salary talk with the director"]);
    }

    #[test]
    fn an_unclosed_block_hides_the_rest() {
        let mut ledger = PrivateLedger::default();
        let out = strip_private_blocks(
            "A\n~~~~ private\nsecret one here\n~~~\nstill secret text\n",
            &mut ledger,
        );
        assert_eq!(out.trim(), "A");
        assert!(ledger.find_leak(b"x still secret text y").is_some());
    }

    #[test]
    fn other_code_blocks_stay() {
        let mut ledger = PrivateLedger::default();
        let body = "```rust\nfn private() {}\n```\n";
        assert_eq!(strip_private_blocks(body, &mut ledger), body);
        assert_eq!(ledger.passages, 0);
    }

    #[test]
    fn leaks_are_found_escaped_too() {
        let mut ledger = PrivateLedger::default();
        ledger.add("Tom & Jerry's <review> notes");
        assert!(
            ledger
                .find_leak(b"<p>Tom &amp; Jerry&#x27;s &lt;review&gt; notes</p>")
                .is_some()
        );
        assert!(ledger.find_leak(b"nothing here").is_none());
        ledger.add("say \"no\" to the C:\\ drive plan");
        assert!(
            ledger
                .find_leak(br#"["/x/","t","","meeting","say \"no\" to the C:\\ drive plan"]"#)
                .is_some()
        );
    }

    #[test]
    fn needles_added_after_a_search_are_searched_too() {
        let mut ledger = PrivateLedger::default();
        ledger.add("First private line here");
        assert!(ledger.find_leak(b"Second private line here").is_none());
        ledger.add("Second private line here");
        assert_eq!(
            ledger.find_leak(b"x Second private line here y"),
            Some("Second private line here")
        );
        let mut other = PrivateLedger::default();
        other.add("Third private line here");
        ledger.merge(other);
        assert_eq!(
            ledger.find_leak(b"Third private line here"),
            Some("Third private line here")
        );
    }

    #[test]
    fn a_file_that_is_not_text_is_searched_as_the_text_its_bytes_show() {
        let mut ledger = PrivateLedger::default();
        ledger.add("Salary talk with \u{fffd} Dana");
        let mut image = b"\x89PNG\r\n\x1a\n".to_vec();
        image.extend_from_slice(b"Salary talk with \xff Dana");
        assert_eq!(
            ledger.find_leak(&image),
            Some("Salary talk with \u{fffd} Dana")
        );
        assert!(ledger.find_leak(b"\x89PNG\xff nothing").is_none());
    }

    #[test]
    fn the_first_needle_in_ledger_order_is_reported() {
        let mut ledger = PrivateLedger::default();
        ledger.add("Alpha private passage\nBravo private passage");
        assert_eq!(
            ledger.find_leak(b"Bravo private passage then Alpha private passage"),
            Some("Alpha private passage")
        );
    }

    #[test]
    fn the_info_word_is_private_in_any_case_with_or_without_attributes() {
        for info in [
            "private",
            "PRIVATE",
            " Private",
            "private {.x}",
            "{.private}",
            "private,a",
        ] {
            assert!(is_private_info(info), "{info}");
        }
        for info in ["", "rust", "privately", "not private", "priv"] {
            assert!(!is_private_info(info), "{info}");
        }
    }

    #[test]
    fn a_block_in_a_quote_leaves_the_quote_whole() {
        let mut ledger = PrivateLedger::default();
        let body = "> Before\n> ```private\n> A private line of text\n> ```\n> After\n";
        let out = strip_private_blocks(body, &mut ledger);
        assert_eq!(out, "> Before\n> \n> \n> \n> After\n");
        assert_eq!(ledger.needles, ["A private line of text"]);
    }

    #[test]
    fn an_unclosed_block_in_a_list_hides_the_rest_of_the_file() {
        let mut ledger = PrivateLedger::default();
        let body = "- ```private\n  hidden text line\n\nAfter the list, still hidden\n";
        let out = strip_private_blocks(body, &mut ledger);
        assert_eq!(out, "- \n  \n\n\n");
    }

    #[test]
    fn the_file_flag_is_public_only_when_it_says_so() {
        let read = |yaml: &str| -> FilePrivacy { crate::journal::yaml::parse(yaml, 2).unwrap() };
        assert!(read("private:\n").private);
        assert!(read("Private: ~\n").private);
        assert!(read("PRIVATE: [x]\n").private);
        assert!(!read("private: NO\n").private);
        assert!(!read("title: x\n").private);
        assert!(read("private: false\nPrivate: true\n").private);
        let notes = read("PRIVATE_NOTES: { a: one, b: [two] }\n").notes.unwrap();
        assert_eq!(notes, "one\ntwo\n");
    }
}
