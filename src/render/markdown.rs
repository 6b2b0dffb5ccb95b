//! Markdown to HTML with pulldown-cmark: tables, footnotes, strikethrough, task lists,
//! heading ids for `#anchors`, and links between journal files turned into links
//! between pages. A link to a journal file that is missing or private becomes plain
//! text, never a broken link (validation reports it as W601, so `check` sees it too).

use foldhash::{HashMap, HashSet};
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd, html};

use super::urls::Urls;
use crate::diagnostics::{Code, Diagnostic};
use crate::journal::links::{self, LinkTarget};
use crate::journal::{Source, privacy};

/// Ids the theme's templates use themselves, kept away from heading ids.
pub const RESERVED_IDS: &[&str] = &["content", "site-nav", "top"];

/// Where each public journal file is published: `goals/talk.md` → `goals/talk/`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkMap {
    pages: HashMap<String, String>,
}

impl LinkMap {
    pub fn insert(&mut self, file: &str, page: String) {
        self.pages.insert(file.to_string(), page);
    }

    pub fn page(&self, file: &str) -> Option<&str> {
        self.pages.get(file).map(String::as_str)
    }
}

/// How to render one body.
pub struct Markdown<'a> {
    pub links: &'a LinkMap,
    pub urls: &'a Urls,
    /// Whether the rendered HTML is sanitised (`safe_html: true`): scripts, event handlers
    /// and `javascript:` URLs are removed, the HTML Markdown makes is kept. Off by default,
    /// since a journal is the mentee's own site and its raw HTML is theirs to write.
    pub safe_html: bool,
}

/// What a link's destination becomes.
enum Target {
    Keep,
    Rewrite(String),
    /// A journal file that will not be published: shown as plain text (validation
    /// reports it as W601).
    Broken,
}

impl Markdown<'_> {
    fn target(&self, file: &str, dest: &str) -> Target {
        match links::target(file, dest) {
            LinkTarget::Outside => Target::Keep,
            LinkTarget::Journal { file, fragment } => match self.links.page(&file) {
                Some(page) => Target::Rewrite(format!("{}{fragment}", self.urls.page(page))),
                None => Target::Broken,
            },
            LinkTarget::Static { asset, rest } => {
                Target::Rewrite(format!("{}{rest}", self.urls.page(&asset)))
            }
        }
    }

    /// Renders `body` (the Markdown of `source`) to HTML. The body's smallest heading
    /// level becomes `top_level`, so headings nest under the page's own.
    pub fn render(&self, body: &str, source: &Source, top_level: u8) -> (String, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(body.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let line_of = |offset: usize| (line_starts.partition_point(|s| *s <= offset) - 1) as u32;
        // Defence in depth: the loader cut every private block; one that is still here means
        // the two disagree, and the page fails rather than publish it.
        let surviving = privacy::private_ranges(body);
        if !surviving.is_empty() {
            for r in surviving {
                diags.push(Diagnostic::new(
                    Code::E009,
                    source.body_at(line_of(r.start)),
                    "a private block reached the Markdown renderer",
                    "this is a bug in mentorfolio, which refused to publish the page; report it with this file",
                ));
            }
            return (String::new(), diags);
        }
        let events: Vec<(Event, std::ops::Range<usize>)> =
            Parser::new_ext(body, privacy::MARKDOWN_OPTIONS)
                .into_offset_iter()
                .collect();
        let min_level = events
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
                _ => None,
            })
            .min()
            .unwrap_or(1);
        let shift = |l: HeadingLevel| -> HeadingLevel {
            let n = (l as u8 + top_level).saturating_sub(min_level).clamp(1, 6);
            HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
        };
        let mut ids: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
        for (e, _) in &events {
            if let Event::Start(Tag::Heading { id: Some(id), .. }) = e {
                ids.insert(id.to_string());
            }
        }
        let mut out: Vec<Event> = Vec::with_capacity(events.len());
        let mut link_kept: Vec<bool> = Vec::new();
        let mut heading: Option<usize> = None;
        let mut heading_text = String::new();
        for (event, _) in events {
            match event {
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    heading = id.is_none().then_some(out.len());
                    heading_text.clear();
                    out.push(Event::Start(Tag::Heading {
                        level: shift(level),
                        id,
                        classes,
                        attrs,
                    }));
                }
                Event::End(TagEnd::Heading(level)) => {
                    if let Some(at) = heading.take() {
                        let id = unique_id(&slug(&heading_text), &mut ids);
                        if let Event::Start(Tag::Heading { id: slot, .. }) = &mut out[at] {
                            *slot = Some(CowStr::from(id));
                        }
                    }
                    out.push(Event::End(TagEnd::Heading(shift(level))));
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => match self.target(&source.file, &dest_url) {
                    Target::Broken => link_kept.push(false),
                    target => {
                        let dest_url = match target {
                            Target::Rewrite(url) => CowStr::from(url),
                            _ => dest_url,
                        };
                        link_kept.push(true);
                        out.push(Event::Start(Tag::Link {
                            link_type,
                            dest_url,
                            title,
                            id,
                        }));
                    }
                },
                Event::End(TagEnd::Link) => {
                    if link_kept.pop().unwrap_or(true) {
                        out.push(Event::End(TagEnd::Link));
                    }
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest_url = match self.target(&source.file, &dest_url) {
                        Target::Rewrite(url) => CowStr::from(url),
                        _ => dest_url,
                    };
                    out.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
                Event::Text(t) => {
                    if heading.is_some() {
                        heading_text.push_str(&t);
                    }
                    out.push(Event::Text(t));
                }
                Event::Code(t) => {
                    if heading.is_some() {
                        heading_text.push_str(&t);
                    }
                    out.push(Event::Code(t));
                }
                other => out.push(other),
            }
        }
        let mut html_out = String::with_capacity(body.len() * 3 / 2);
        html::push_html(&mut html_out, out.into_iter());
        if self.safe_html {
            html_out = SANITISER.clean(&html_out).to_string();
        }
        (html_out, diags)
    }
}

/// The sanitiser for `safe_html`: ammonia's safe defaults (no `script`, `style` or
/// `iframe`, no `on*` attributes, only web URL schemes), widened to keep what the
/// Markdown renderer itself writes: ids (heading anchors, footnotes), classes, task-list
/// checkboxes and table cell alignment. Links are left without an added `rel`.
static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class"])
        .add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .filter_style_properties(["text-align"].into_iter().collect())
        .link_rel(None);
    b
});

/// A heading's text as an id: lower case letters and digits joined by hyphens.
pub fn slug(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-').to_string();
    if s.is_empty() { "section".into() } else { s }
}

fn unique_id(base: &str, taken: &mut HashSet<String>) -> String {
    let mut id = base.to_string();
    let mut n = 1;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(body: &str) -> (String, Vec<Diagnostic>) {
        md_with(body, false)
    }

    fn md_with(body: &str, safe_html: bool) -> (String, Vec<Diagnostic>) {
        let mut links = LinkMap::default();
        links.insert("goals/talk.md", "goals/talk/".into());
        links.insert("plan.md", "plan/".into());
        let urls = Urls::new("https://u.github.io/repo/");
        let source = Source {
            file: "meetings/2026/m.md".into(),
            body_line: 10,
            ..Source::default()
        };
        Markdown {
            links: &links,
            urls: &urls,
            safe_html,
        }
        .render(body, &source, 3)
    }

    #[test]
    fn a_private_block_that_reaches_the_renderer_fails_the_page() {
        for (body, line) in [
            (
                "Public.\n\n> ```PRIVATE\n> Salary review notes\n> ```\n",
                12,
            ),
            (
                "Public.\n\n<div>\n~~~private\nSalary review notes\n~~~\n</div>\n",
                13,
            ),
        ] {
            let (html, diags) = md(body);
            assert!(html.is_empty(), "{html}");
            assert_eq!(diags.len(), 1);
            assert_eq!(diags[0].code, Code::E009);
            assert_eq!(diags[0].line, Some(line));
        }
    }

    #[test]
    fn journal_links_become_page_links() {
        let (html, diags) = md("See [the talk](../../goals/talk.md#plan) and [plan](/plan.md).\n");
        assert!(
            html.contains(r##"href="/repo/goals/talk/#plan""##),
            "{html}"
        );
        assert!(html.contains(r#"href="/repo/plan/""#), "{html}");
        assert!(diags.is_empty());
    }

    #[test]
    fn a_missing_journal_file_is_plain_text() {
        let (html, diags) = md("One\n\nTwo [gone](../../goals/gone.md) here.\n");
        assert!(!html.contains("<a"), "{html}");
        assert!(html.contains("Two gone here."));
        assert!(diags.is_empty());
    }

    #[test]
    fn headings_get_ids_and_nest_under_the_page() {
        let (html, _) = md("## Sampling at the forum\n\n## Sampling at the forum\n\n### Content\n");
        assert!(
            html.contains(r#"<h3 id="sampling-at-the-forum">"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<h3 id="sampling-at-the-forum-1">"#),
            "{html}"
        );
        assert!(html.contains(r#"<h4 id="content-1">"#), "{html}");
    }

    #[test]
    fn extensions_are_on() {
        let (html, _) = md(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~\n\n- [x] done\n\nNote[^1].\n\n[^1]: The note.\n",
        );
        assert!(html.contains("<table>"));
        assert!(html.contains("<del>old</del>"));
        assert!(html.contains("checkbox"));
        assert!(html.contains("footnote-definition"));
    }

    #[test]
    fn static_assets_and_external_links() {
        let (html, _) = md("![d](../../static/d.png) [x](https://example.com/a.md)\n");
        assert!(html.contains(r#"src="/repo/d.png""#), "{html}");
        assert!(
            html.contains(r#"href="https://example.com/a.md""#),
            "{html}"
        );
    }

    const HOSTILE: &str = "Hi <script>alert(1)</script> there.\n\n<img src=\"x.png\" onerror=\"alert(2)\">\n\n[click](javascript:alert(3)) and <a href=\"javascript:alert(4)\">this</a>\n\n## Plan {onclick=alert(5)}\n\n<details><summary>More</summary>\n\nHidden <b>detail</b>.\n\n</details>\n\n<iframe src=\"https://evil.example/\"></iframe>\n";

    #[test]
    fn raw_html_passes_through_by_default() {
        let (html, _) = md(HOSTILE);
        for kept in [
            "<script>alert(1)</script>",
            "onerror=\"alert(2)\"",
            "javascript:alert(3)",
            "javascript:alert(4)",
            "<details>",
            "<iframe",
        ] {
            assert!(html.contains(kept), "{kept} missing: {html}");
        }
    }

    #[test]
    fn safe_html_removes_scripts_handlers_and_script_urls() {
        let (html, _) = md_with(HOSTILE, true);
        for gone in [
            "<script",
            "alert(",
            "onerror",
            "onclick",
            "javascript:",
            "<iframe",
        ] {
            assert!(!html.contains(gone), "{gone} kept: {html}");
        }
        for kept in [
            "Hi  there.",
            "<img src=\"x.png\">",
            ">click</a>",
            "<details><summary>More</summary>",
            "<b>detail</b>",
            "<h3 id=\"plan\">Plan</h3>",
        ] {
            assert!(html.contains(kept), "{kept} missing: {html}");
        }
    }

    #[test]
    fn safe_html_keeps_what_markdown_makes() {
        let body = "## Steps\n\n- [x] done\n- [ ] open\n\n| a | b |\n|:--|:-:|\n| 1 | 2 |\n\nNote[^n].\n\n[^n]: The note.\n\n```rust\nfn main() {}\n```\n\n[talk](../../goals/talk.md#plan)\n";
        let (plain, _) = md_with(body, false);
        let (safe, _) = md_with(body, true);
        for kept in [
            "<h3 id=\"steps\">",
            "type=\"checkbox\"",
            "checked",
            "text-align",
            "class=\"footnote-definition\"",
            "id=\"n\"",
            "href=\"#n\"",
            "class=\"language-rust\"",
            "href=\"/repo/goals/talk/#plan\"",
            "<table>",
        ] {
            assert!(plain.contains(kept), "{kept} not made: {plain}");
            assert!(safe.contains(kept), "{kept} removed: {safe}");
        }
    }
}
