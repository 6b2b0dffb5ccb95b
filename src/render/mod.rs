//! Rendering: the journal and its analysis through the theme's templates into an
//! in-memory [`Site`]. Markdown bodies are rendered once each and pages in parallel,
//! all with one parsed Tera instance.

pub mod feeds;
pub mod markdown;
pub mod pages;
pub mod svg;
pub mod theme;
pub mod urls;
pub mod views;

use std::collections::HashMap;

use rayon::prelude::*;

use crate::analyse::Analysis;
use crate::diagnostics::Diagnostic;
use crate::journal::{Journal, Source};
use crate::site::Site;
use markdown::{LinkMap, Markdown};
use theme::Theme;
use urls::Urls;

/// Where every public journal file is published.
pub fn link_map(j: &Journal) -> LinkMap {
    let mut links = LinkMap::default();
    links.insert(&j.plan.source.file, "plan/".into());
    for g in &j.goals {
        links.insert(&g.source.file, urls::goal(&g.id));
    }
    for m in &j.meetings {
        links.insert(&m.source.file, urls::meeting(&m.slug));
    }
    for a in &j.activities {
        links.insert(&a.source.file, urls::activity(&a.slug));
    }
    links
}

/// Every Markdown body rendered to HTML, by journal file, with the W601s found.
fn bodies(j: &Journal, u: &Urls) -> (HashMap<String, String>, Vec<Diagnostic>) {
    let links = link_map(j);
    let md = Markdown {
        links: &links,
        urls: u,
        safe_html: j.config.safe_html,
    };
    let mut docs: Vec<(&str, &Source, u8)> = vec![(&j.plan.body, &j.plan.source, 2)];
    docs.extend(j.goals.iter().map(|g| (g.body.as_str(), &g.source, 3)));
    docs.extend(j.meetings.iter().map(|m| (m.body.as_str(), &m.source, 3)));
    docs.extend(j.activities.iter().map(|a| (a.body.as_str(), &a.source, 3)));
    let rendered: Vec<(String, String, Vec<Diagnostic>)> = docs
        .par_iter()
        .map(|(body, source, level)| {
            let (html, diags) = md.render(body, source, *level);
            (source.file.clone(), html, diags)
        })
        .collect();
    let mut map = HashMap::with_capacity(rendered.len());
    let mut diags = Vec::new();
    for (file, html, d) in rendered {
        map.insert(file, html);
        diags.extend(d);
    }
    (map, diags)
}

/// Renders the whole site into memory. Diagnostics are W601 for broken journal links and
/// E008 for templates that fail to render.
pub fn render(
    j: &Journal,
    analysis: &Analysis,
    theme: &Theme,
    u: &Urls,
) -> (Site, Vec<Diagnostic>) {
    let (bodies, mut diags) = bodies(j, u);
    let cx = pages::Inputs {
        journal: j,
        analysis,
        urls: u,
        bodies: &bodies,
        site: views::site(j, u),
    };
    let jobs = pages::all(j);
    let results: Vec<(String, Result<String, Diagnostic>)> = jobs
        .par_iter()
        .map(|page| (page.path(), pages::render(&cx, theme, page)))
        .collect();
    let mut site = Site::default();
    for (path, bytes) in &theme.statics {
        site.insert(path.clone(), bytes.clone());
    }
    let mut listed = Vec::new();
    for (path, result) in results {
        match result {
            Ok(html) => {
                if path != "404.html" {
                    listed.push(path.trim_end_matches("index.html").to_string());
                }
                site.insert(path, html);
            }
            Err(d) => diags.push(d),
        }
    }
    if j.config.feeds {
        site.insert("feed.xml", feeds::atom(j, u, &bodies));
        site.insert("meetings.ics", feeds::ics(j, u));
    }
    listed.sort();
    site.insert("sitemap.xml", feeds::sitemap(u, &listed));
    site.insert(".nojekyll", Vec::new());
    if let Some(cname) = j
        .config
        .cname
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        site.insert("CNAME", format!("{cname}\n"));
    }
    (site, diags)
}
