//! The site `serve` answers from. The journal stays in memory between rebuilds: a change
//! parses again only the files whose bytes changed, renders again only the Markdown
//! bodies that changed, and renders a page only when it is first asked for. Open pages
//! therefore hear about a change after loading, checking and analysing, never after a
//! full render, whatever the size of the journal.

use foldhash::HashMap;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use chrono::NaiveDate;
use rayon::prelude::*;
use self_cell::self_cell;

use crate::analyse::{Analysis, analyse};
use crate::build::Rendered;
use crate::diagnostics::{self, Diagnostic};
use crate::journal::load::{FileCache, load_cached};
use crate::journal::{Journal, PrivateLedger};
use crate::leak::Origins;
use crate::render::theme::{self, Theme};
use crate::render::urls::Urls;
use crate::render::{self, Bodies, Catalogue, Sources};
use crate::site::Site;

/// A site the server can answer from: every file by its path, made when it is asked for.
pub trait Files: Send + Sync {
    fn contains(&self, path: &str) -> bool;
    /// Every path of the site, in order.
    fn paths(&self) -> Vec<String>;
    /// The file's bytes, or why it cannot be made (a template error, a private passage).
    fn get(&self, path: &str) -> Option<Result<Arc<[u8]>, Diagnostic>>;
    /// Makes every file not made yet, stopping early when `stop` says so; returns the
    /// errors found.
    fn warm(&self, _stop: &(dyn Fn() -> bool + Sync)) -> Vec<Diagnostic> {
        Vec::new()
    }
}

impl Files for Site {
    fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    fn paths(&self) -> Vec<String> {
        self.files.keys().cloned().collect()
    }

    fn get(&self, path: &str) -> Option<Result<Arc<[u8]>, Diagnostic>> {
        Site::get(self, path).map(|bytes| Ok(Arc::from(bytes)))
    }
}

/// What one rebuild produced for the server: a site when the journal has no errors, and
/// every diagnostic found on the way.
pub struct Update {
    pub site: Option<Arc<dyn Files>>,
    pub diagnostics: Vec<Diagnostic>,
}

impl From<Rendered> for Update {
    fn from(r: Rendered) -> Self {
        Update {
            site: r.site.map(|s| Arc::new(s) as Arc<dyn Files>),
            diagnostics: r.diagnostics,
        }
    }
}

/// What every page of one rebuild is made from.
struct Prepared {
    root: PathBuf,
    journal: Journal,
    ledger: PrivateLedger,
    theme: Arc<Theme>,
    urls: Urls,
    bodies: crate::render::Html,
    /// Set when previewing the protected site.
    key: Option<crate::protect::Key>,
}

/// What is derived from [`Prepared`] and borrows it.
struct Derived<'a> {
    analysis: Analysis<'a>,
    catalogue: Catalogue<'a>,
}

self_cell!(
    struct Cell {
        owner: Prepared,
        #[covariant]
        dependent: Derived,
    }
);

/// One rebuild's site: files are made on first request and kept.
pub struct Live {
    cell: Cell,
    made: RwLock<HashMap<String, Arc<[u8]>>>,
}

impl Live {
    fn make(&self, path: &str) -> Option<Result<Vec<u8>, Diagnostic>> {
        self.cell.with_dependent(|p, d| {
            let sources = Sources {
                journal: &p.journal,
                analysis: &d.analysis,
                theme: &p.theme,
                urls: &p.urls,
                bodies: &p.bodies,
                catalogue: &d.catalogue,
            };
            let made = render::file(&sources, path)?;
            // The same proof `build` gives before writing: no private passage goes out.
            let origins = Origins {
                root: &p.root,
                journal: &p.journal,
                theme: Some(&p.theme),
            };
            let made = made.and_then(|bytes| {
                match crate::leak::check(path, &bytes, &p.ledger, &origins) {
                    Some(leak) => Err(leak),
                    None => Ok(bytes),
                }
            });
            Some(match &p.key {
                Some(key) => made.and_then(|bytes| {
                    crate::protect::lock::Lock::new(key, &p.theme, &p.journal, &p.urls)
                        .finish(path, bytes)
                }),
                None => made,
            })
        })
    }
}

impl Files for Live {
    fn contains(&self, path: &str) -> bool {
        self.cell.borrow_dependent().catalogue.contains(path)
    }

    fn paths(&self) -> Vec<String> {
        let catalogue = &self.cell.borrow_dependent().catalogue;
        catalogue.paths().map(str::to_string).collect()
    }

    fn get(&self, path: &str) -> Option<Result<Arc<[u8]>, Diagnostic>> {
        let made = self.made.read().unwrap_or_else(|e| e.into_inner());
        if let Some(bytes) = made.get(path) {
            return Some(Ok(bytes.clone()));
        }
        drop(made);
        Some(self.make(path)?.map(|bytes| {
            let bytes: Arc<[u8]> = bytes.into();
            self.made
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .insert(path.to_string(), bytes.clone());
            bytes
        }))
    }

    fn warm(&self, stop: &(dyn Fn() -> bool + Sync)) -> Vec<Diagnostic> {
        let paths: Vec<&str> = self.cell.borrow_dependent().catalogue.paths().collect();
        let mut errors: Vec<Diagnostic> = paths
            .par_iter()
            .filter_map(|path| match stop() {
                true => None,
                false => self.get(path)?.err(),
            })
            .collect();
        diagnostics::sort(&mut errors);
        errors
    }
}

/// The state `serve` keeps between rebuilds.
pub struct Session {
    root: PathBuf,
    /// The root as the watcher names it, to tell which changes are journal documents.
    canonical: PathBuf,
    today: NaiveDate,
    base_url: String,
    files: FileCache,
    links: crate::validate::Links,
    findings: crate::validate::Findings,
    bodies: Bodies,
    /// The documents parsed since `links` and `bodies` were last brought up to date (a
    /// rebuild that fails before them leaves them behind); None: any may have changed.
    parsed: Option<BTreeSet<String>>,
    /// What the last rebuild did.
    work: Work,
    theme: Option<Arc<Theme>>,
    key: Option<crate::protect::Key>,
}

impl Session {
    pub fn new(root: &Path, today: NaiveDate, base_url: &str) -> Self {
        Session {
            root: root.to_path_buf(),
            canonical: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
            today,
            base_url: base_url.to_string(),
            files: FileCache::default(),
            links: Default::default(),
            findings: Default::default(),
            bodies: Bodies::default(),
            parsed: None,
            work: Work::default(),
            theme: None,
            key: None,
        }
    }

    /// What the last [`Session::update`] did.
    pub fn work(&self) -> Work {
        self.work
    }

    /// Serves the protected site, locked with `key`, instead of the clear one.
    pub fn protected(self, key: crate::protect::Key) -> Self {
        Session {
            key: Some(key),
            ..self
        }
    }

    /// Rebuilds from the journal on disk; `changed` are the paths that changed since the
    /// last rebuild (empty: anything may have). The result is what a build from scratch
    /// would serve. A panic on the way leaves the session empty, never half updated.
    pub fn update(&mut self, changed: &[PathBuf]) -> Update {
        let mut files = std::mem::take(&mut self.files);
        if changed.is_empty() {
            files.rescan();
        }
        for path in changed {
            match path.strip_prefix(&self.canonical) {
                Ok(rel) if !rel.as_os_str().is_empty() => files.changed(rel),
                // The watcher lost track of what changed: read everything again.
                _ => files.clear(),
            }
        }
        let mut bodies = std::mem::take(&mut self.bodies);
        let documents_only = journal_only(&self.canonical, changed);
        let theme = self.theme.take().filter(|_| documents_only);
        let loaded = load_cached(&self.root, self.today, &mut files);
        self.files = files;
        self.work = Work {
            parsed: loaded.parsed.as_ref().map_or(
                loaded.files.goals + loaded.files.meetings + loaded.files.activities,
                BTreeSet::len,
            ),
            ..Work::default()
        };
        self.parsed = match (self.parsed.take(), loaded.parsed) {
            (Some(mut before), Some(now)) => {
                before.extend(now);
                Some(before)
            }
            _ => None,
        };
        let mut diags = loaded.diagnostics;
        let failed = |mut diags: Vec<Diagnostic>| {
            diagnostics::sort(&mut diags);
            Update {
                site: None,
                diagnostics: diags,
            }
        };
        let Some(journal) = loaded.journal else {
            // Kept as they are: `parsed` still names what they have to catch up with.
            self.bodies = bodies;
            return failed(diags);
        };
        let theme = match theme {
            Some(theme) => Ok(theme),
            None => theme::load(&self.root, &journal.config, &journal.strings).map(Arc::new),
        };
        let mut rules = Rules {
            links: &mut self.links,
            findings: &mut self.findings,
            parsed: self.parsed.take(),
            fresh_basis: !documents_only,
        };
        let theme = match theme {
            Ok(theme) if !diags.iter().any(Diagnostic::is_error) => theme,
            theme => {
                // Nothing will be served: the journal's own problems are reported with
                // the loader's and the theme's.
                self.theme = theme.as_ref().ok().cloned();
                let (checked, work) = rules.run(&journal);
                self.work = Work {
                    parsed: self.work.parsed,
                    ..work
                };
                self.parsed = rules.parsed;
                self.bodies = bodies;
                diags.extend(checked);
                diags.extend(theme.err().unwrap_or_default());
                return failed(diags);
            }
        };
        self.theme = Some(theme.clone());
        let mut urls = Urls::new(&self.base_url);
        if let Some(key) = &self.key {
            urls = urls.protected(key.clone());
        }
        let mut found = bodies.update(&journal, &urls, rules.parsed.as_ref());
        crate::allow::Allowances::of(&journal).apply(&mut found);
        let prepared = Prepared {
            root: self.root.clone(),
            bodies: bodies.html.clone(),
            journal,
            ledger: loaded.ledger,
            theme,
            urls,
            key: self.key.clone(),
        };
        // The rules and the analysis run side by side: both only read the journal, and
        // open pages hear of the change once both are done. The analysis of a journal
        // the rules find wrong is thrown away.
        let mut checked = (Vec::new(), Work::default());
        let cell = Cell::try_new(prepared, |p| {
            let derived;
            (checked, derived) = rayon::join(
                || rules.run(&p.journal),
                || {
                    let analysis = analyse(&p.journal, p.ledger.passages);
                    let catalogue = Catalogue::new(&p.journal, &analysis, &p.theme, &p.urls);
                    Derived {
                        analysis,
                        catalogue,
                    }
                },
            );
            match checked.0.iter().any(Diagnostic::is_error) {
                true => Err(()),
                false => Ok(derived),
            }
        });
        let (checked, work) = checked;
        self.work = Work {
            parsed: self.work.parsed,
            bodies_rendered: bodies.rendered,
            ..work
        };
        self.bodies = bodies;
        // The links, the findings and the bodies are all up to date.
        self.parsed = Some(BTreeSet::new());
        diags.extend(checked);
        let Ok(cell) = cell else {
            return failed(diags);
        };
        diags.extend(found);
        if diags.iter().any(Diagnostic::is_error) {
            return failed(diags);
        }
        diagnostics::sort(&mut diags);
        Update {
            site: Some(Arc::new(Live {
                cell,
                made: RwLock::default(),
            })),
            diagnostics: diags,
        }
    }
}

/// The rules as `serve` runs them: with the bodies' links and the per-meeting findings
/// kept from the last rebuild, brought up to date with the documents parsed since.
struct Rules<'s> {
    links: &'s mut crate::validate::Links,
    findings: &'s mut crate::validate::Findings,
    /// The documents parsed since the last rebuild that ran the rules; None: any.
    parsed: Option<BTreeSet<String>>,
    /// The configuration or the date may have changed: every meeting is checked again.
    fresh_basis: bool,
}

impl Rules<'_> {
    /// The diagnostics left after `allow:`, and how many bodies were read and meetings
    /// checked.
    fn run(&mut self, journal: &Journal) -> (Vec<Diagnostic>, Work) {
        let parsed = self.parsed.as_ref();
        let work = Work {
            links_read: self.links.update(journal, parsed),
            meetings_checked: self.findings.update(journal, parsed, self.fresh_basis),
            ..Work::default()
        };
        let mut diags = crate::validate::validate_with(journal, self.links, Some(self.findings));
        crate::allow::Allowances::of(journal).apply(&mut diags);
        (diags, work)
    }
}

/// What one rebuild did, counted: what a change costs grows with the change, and these
/// say so without a clock.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Work {
    /// Goal, meeting and activity files parsed.
    pub parsed: usize,
    /// Bodies whose links to journal files were read.
    pub links_read: usize,
    /// Meetings the rules about one meeting at a time were run over.
    pub meetings_checked: usize,
    /// Markdown bodies rendered to HTML.
    pub bodies_rendered: usize,
}

/// Whether every changed path is a journal document, which the theme never depends on.
fn journal_only(root: &Path, changed: &[PathBuf]) -> bool {
    !changed.is_empty()
        && changed.iter().all(|path| {
            let top = path
                .strip_prefix(root)
                .ok()
                .and_then(|rel| rel.components().next());
            top.is_some_and(|t| {
                ["goals", "meetings", "activities", "private", "plan.md"]
                    .iter()
                    .any(|name| t.as_os_str() == *name)
            })
        })
}
