//! Rendering: the journal and its analysis through the theme's templates into an
//! in-memory [`Site`]. Markdown bodies are rendered once each and pages in parallel,
//! all with one parsed Tera instance.

pub mod feeds;
pub mod filters;
pub mod markdown;
pub mod pages;
pub mod paginate;
pub mod reply;
pub mod search;
pub mod svg;
pub mod theme;
pub mod translate;
pub mod urls;
pub mod views;

use foldhash::HashMap;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

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
    let x = &j.examples;
    for g in j.goals.iter().chain(&x.goals) {
        links.insert(&g.source.file, urls::goal(&g.id));
    }
    for m in j.meetings.iter().chain(&x.meetings) {
        links.insert(&m.source.file, urls::meeting(&m.slug));
    }
    for a in j.activities.iter().chain(&x.activities) {
        links.insert(&a.source.file, urls::activity(&a.slug));
    }
    links
}

/// Rendered Markdown by journal file. Shared, so `serve` hands each new site the bodies
/// without copying them.
pub type Html = HashMap<String, Arc<str>>;

/// Every Markdown body rendered to HTML, by journal file, with the diagnostics found there.
/// Kept between rebuilds by `serve`: a body is rendered again only when its text, or
/// anything its links depend on, changed.
#[derive(Default)]
pub struct Bodies {
    pub html: Html,
    /// The Markdown each HTML was rendered from, and its diagnostics.
    seen: HashMap<String, (String, Vec<Diagnostic>)>,
    /// What every body depended on besides its text: where each published file is (a
    /// function of the list of published files, whose names are their ids), the base
    /// URL and whether HTML is sanitised.
    basis: Option<(LinkMap, String, bool)>,
    /// The published files of the last update, in order.
    files: Vec<String>,
    /// How many bodies the last update rendered.
    pub rendered: usize,
    /// Rendered once and never updated (`build`): the Markdown is not kept, since
    /// nothing will be compared with it. A tenth of the build's memory at 10,000 meetings.
    once: bool,
}

impl Bodies {
    /// Bodies rendered by one [`Bodies::update`] only, as `build` renders them.
    pub fn once() -> Self {
        Bodies {
            once: true,
            ..Bodies::default()
        }
    }

    /// Renders the bodies of `j` that changed since the last update; returns every body's
    /// diagnostics. `parsed` names the documents loaded again since then (None: any may
    /// have been); the others are taken as they were, so an update costs O(documents)
    /// cheap steps plus the rendering of what changed.
    pub fn update(
        &mut self,
        j: &Journal,
        u: &Urls,
        parsed: Option<&std::collections::BTreeSet<String>>,
    ) -> Vec<Diagnostic> {
        let mut docs: Vec<(&str, &Source, u8)> = vec![(&j.plan.body, &j.plan.source, 2)];
        let x = &j.examples;
        docs.extend(
            j.goals
                .iter()
                .chain(&x.goals)
                .map(|g| (g.body.as_str(), &g.source, 3)),
        );
        docs.extend(
            (j.meetings.iter().chain(&x.meetings)).map(|m| (m.body.as_str(), &m.source, 3)),
        );
        docs.extend(
            (j.activities.iter().chain(&x.activities)).map(|a| (a.body.as_str(), &a.source, 3)),
        );
        let mut same_files = self.files.len() == docs.len()
            && self.files.iter().zip(&docs).all(|(a, d)| *a == d.1.file);
        let basis = match self.basis.take() {
            Some(b) if same_files && b.1 == u.base && b.2 == j.config.safe_html => b,
            old => {
                let basis = (link_map(j), u.base.clone(), j.config.safe_html);
                if old.as_ref() != Some(&basis) {
                    *self = Bodies {
                        once: self.once,
                        ..Bodies::default()
                    };
                    same_files = false;
                }
                basis
            }
        };
        let md = Markdown {
            links: &basis.0,
            urls: u,
            safe_html: j.config.safe_html,
        };
        let unchanged = |body: &str, file: &str| {
            let known = self.html.contains_key(file);
            let trusted = file != crate::journal::load::PLAN_FILE
                && parsed.is_some_and(|p| !p.contains(file));
            known
                && self
                    .seen
                    .get(file)
                    .is_some_and(|(seen, _)| trusted || seen == body)
        };
        let fresh: Vec<(&str, String, String, Vec<Diagnostic>)> = docs
            .par_iter()
            .filter(|(body, source, _)| !unchanged(body, &source.file))
            .map(|(body, source, level)| {
                let (html, diags) = md.render(body, source, *level);
                (*body, source.file.clone(), html, diags)
            })
            .collect();
        if !same_files {
            let keep: foldhash::HashSet<&str> =
                docs.iter().map(|(_, s, _)| s.file.as_str()).collect();
            self.html.retain(|file, _| keep.contains(file.as_str()));
            self.seen.retain(|file, _| keep.contains(file.as_str()));
            self.files = docs.iter().map(|(_, s, _)| s.file.clone()).collect();
        }
        self.rendered = fresh.len();
        for (body, file, html, diags) in fresh {
            let text = if self.once {
                String::new()
            } else {
                body.to_string()
            };
            self.seen.insert(file.clone(), (text, diags));
            self.html.insert(file, html.into());
        }
        self.basis = Some(basis);
        let mut diags: Vec<Diagnostic> = self
            .seen
            .values()
            .flat_map(|(_, d)| d.iter().cloned())
            .collect();
        crate::diagnostics::sort(&mut diags);
        diags
    }
}

/// What makes one file of the site.
#[derive(Clone, Copy, Debug)]
enum Maker {
    Page(usize),
    Static,
    Search(search::File),
    Feed,
    Calendar,
    Sitemap,
    Robots,
    NoJekyll,
    Cname,
}

/// Every file of a site by its path, and what makes it: `build` makes them all, `serve`
/// each when it is first asked for.
pub struct Catalogue<'a> {
    pages: Vec<pages::Page<'a>>,
    files: BTreeMap<String, Maker>,
}

impl<'a> Catalogue<'a> {
    /// A protected site (`u` has a key) has its pages at opaque addresses, and no feed,
    /// calendar or sitemap, which would list them in the clear.
    pub fn new(j: &'a Journal, analysis: &Analysis, theme: &Theme, u: &Urls) -> Self {
        let pages = pages::all(j, analysis);
        let mut files = BTreeMap::new();
        for path in theme.statics.keys() {
            files.insert(path.clone(), Maker::Static);
        }
        for (i, page) in pages.iter().enumerate() {
            files.insert(u.file(&page.path()), Maker::Page(i));
        }
        if j.config.search {
            let index = std::iter::once(search::File::Manifest).chain(search::parts(j));
            for file in index {
                files.insert(file.path(), Maker::Search(file));
            }
        }
        if j.config.feeds && !u.is_protected() {
            files.insert("feed.xml".into(), Maker::Feed);
            files.insert("meetings.ics".into(), Maker::Calendar);
        }
        if indexable(j, u) {
            files.insert("sitemap.xml".into(), Maker::Sitemap);
        }
        files.insert("robots.txt".into(), Maker::Robots);
        files.insert(".nojekyll".into(), Maker::NoJekyll);
        if cname(j).is_some() {
            files.insert("CNAME".into(), Maker::Cname);
        }
        Catalogue { pages, files }
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// Every path of the site, in order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Whether search engines are let in: only when the config says so, never when protected.
pub fn indexable(j: &Journal, u: &Urls) -> bool {
    j.config.indexable && !u.is_protected()
}

/// Which files a protected build leaves out that the config would have written, for
/// the build's summary line.
pub fn withheld(j: &Journal) -> Vec<&'static str> {
    let mut left = Vec::new();
    if j.config.feeds {
        left.extend(["feed.xml", "meetings.ics"]);
    }
    if j.config.indexable {
        left.push("sitemap.xml");
    }
    left
}

fn cname(j: &Journal) -> Option<&str> {
    j.config
        .cname
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
}

/// Everything a file of the site is made from.
pub struct Sources<'a> {
    pub journal: &'a Journal,
    pub analysis: &'a Analysis<'a>,
    pub theme: &'a Theme,
    pub urls: &'a Urls,
    pub bodies: &'a Html,
    pub catalogue: &'a Catalogue<'a>,
}

/// Makes the file at `path`: None when the site has no such file, E008 when a template
/// fails to render it.
pub fn file(s: &Sources, path: &str) -> Option<Result<Vec<u8>, Diagnostic>> {
    let j = s.journal;
    let made = match *s.catalogue.files.get(path)? {
        Maker::Page(i) => {
            let cx = pages::Inputs {
                journal: j,
                analysis: s.analysis,
                urls: s.urls,
                bodies: s.bodies,
                site: views::site(j, s.urls),
            };
            return Some(
                pages::render(&cx, s.theme, &s.catalogue.pages[i]).map(String::into_bytes),
            );
        }
        Maker::Static => s.theme.statics.get(path).cloned().unwrap_or_default(),
        Maker::Search(file) => search::file(j, s.urls, file),
        Maker::Feed => feeds::atom(j, s.urls, s.bodies).into_bytes(),
        Maker::Calendar => feeds::ics(j, s.urls).into_bytes(),
        Maker::Sitemap => {
            let mut listed: Vec<String> = s
                .catalogue
                .files
                .iter()
                .filter(|(path, maker)| matches!(maker, Maker::Page(_)) && *path != "404.html")
                .map(|(path, _)| path.trim_end_matches("index.html").to_string())
                .collect();
            listed.sort();
            feeds::sitemap(s.urls, &listed).into_bytes()
        }
        Maker::Robots => feeds::robots(s.urls, indexable(j, s.urls)).into_bytes(),
        Maker::NoJekyll => Vec::new(),
        Maker::Cname => format!("{}\n", cname(j).unwrap_or_default()).into_bytes(),
    };
    Some(Ok(made))
}

/// Renders the whole site into memory. Diagnostics are W601 for broken journal links and
/// E008 for templates that fail to render.
pub fn render(
    j: &Journal,
    analysis: &Analysis,
    theme: &Theme,
    u: &Urls,
) -> (Site, Vec<Diagnostic>) {
    let site = Mutex::new(Site::default());
    let diags = each(j, analysis, theme, u, |path, bytes| {
        site.lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path, bytes);
        None
    });
    (site.into_inner().unwrap_or_else(|e| e.into_inner()), diags)
}

/// Makes every file of the site, in parallel, handing each to `take` as soon as it is
/// made, so `build` writes files while others still render and never holds the whole
/// site in memory. Returns W601s, E008s and whatever `take` reports.
pub fn each(
    j: &Journal,
    analysis: &Analysis,
    theme: &Theme,
    u: &Urls,
    take: impl Fn(&str, Vec<u8>) -> Option<Diagnostic> + Sync,
) -> Vec<Diagnostic> {
    let mut bodies = Bodies::once();
    let mut diags = bodies.update(j, u, None);
    let catalogue = Catalogue::new(j, analysis, theme, u);
    let sources = Sources {
        journal: j,
        analysis,
        theme,
        urls: u,
        bodies: &bodies.html,
        catalogue: &catalogue,
    };
    let paths: Vec<&str> = catalogue.paths().collect();
    let reported: Vec<Diagnostic> = paths
        .par_iter()
        .filter_map(|path| match file(&sources, path)? {
            Ok(bytes) => take(path, bytes),
            Err(d) => Some(d),
        })
        .collect();
    diags.extend(reported);
    diags
}
