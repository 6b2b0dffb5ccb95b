//! `mentorfolio build`: check, analyse, render each file, verify that no private passage
//! is in it and write it into a new folder, which replaces the old output only when
//! every file was made.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::console::{self, Globals};
use crate::diagnostics::{self, Diagnostic};
use crate::english::count;
use crate::journal::PrivateLedger;
use crate::leak::Origins;
use crate::site::Site;

/// The result of rendering a journal in memory.
pub struct Rendered {
    pub site: Option<Site>,
    pub diagnostics: Vec<Diagnostic>,
}

/// E009 for every output file that contains a private passage.
pub fn leaks(site: &Site, ledger: &PrivateLedger, origins: &Origins) -> Vec<Diagnostic> {
    site.files
        .par_iter()
        .filter_map(|(path, bytes)| crate::leak::check(path, bytes, ledger, origins))
        .collect()
}

/// A checked journal with its theme, ready to render.
struct Ready {
    journal: crate::journal::Journal,
    ledger: PrivateLedger,
    theme: crate::render::theme::Theme,
    urls: crate::render::urls::Urls,
    /// Set on a protected site: the key, derived once for the whole build.
    key: Option<crate::protect::Key>,
    /// Warnings so far.
    diagnostics: Vec<Diagnostic>,
}

/// Load + validate + load the theme; the diagnostics when there are errors.
fn prepare(
    root: &Path,
    today: NaiveDate,
    base_url: Option<&str>,
    drafts: bool,
) -> Result<Ready, Vec<Diagnostic>> {
    let checked = crate::check::check_with(root, today, drafts);
    let mut diags = checked.diagnostics;
    let failed = |mut diags: Vec<Diagnostic>| {
        diagnostics::sort(&mut diags);
        Err(diags)
    };
    let Some(journal) = checked.journal else {
        return failed(diags);
    };
    let theme = match checked.theme {
        Some(Ok(t)) => Some(t),
        Some(Err(d)) => {
            diags.extend(d);
            None
        }
        None => None,
    };
    let (Some(theme), false) = (theme, diags.iter().any(Diagnostic::is_error)) else {
        return failed(diags);
    };
    let mut urls = crate::render::urls::Urls::new(base_url.unwrap_or(&journal.config.base_url));
    let mut key = None;
    if journal.config.protect {
        match crate::protect::key_for(root, &journal, &theme, &urls.base) {
            Ok(k) => {
                urls = urls.protected(k.clone());
                key = Some(k);
            }
            Err(d) => return failed(d.into_iter().chain(diags).collect()),
        }
    }
    Ok(Ready {
        journal,
        ledger: checked.ledger,
        theme,
        urls,
        key,
        diagnostics: diags,
    })
}

/// Load + validate + analyse + render into memory; `site` is None when there are errors.
/// `base_url` overrides the config's base_url when given (e.g. "http://127.0.0.1:1111/").
pub fn render_site(root: &Path, today: NaiveDate, base_url: Option<&str>) -> Rendered {
    let r = match prepare(root, today, base_url, false) {
        Ok(r) => r,
        Err(diagnostics) => {
            return Rendered {
                site: None,
                diagnostics,
            };
        }
    };
    let mut diags = r.diagnostics;
    let analysis = crate::analyse::analyse(&r.journal, r.ledger.passages);
    let (mut site, mut render_diags) =
        crate::render::render(&r.journal, &analysis, &r.theme, &r.urls);
    crate::allow::Allowances::of(&r.journal).apply(&mut render_diags);
    diags.extend(render_diags);
    let origins = Origins {
        root,
        journal: &r.journal,
        theme: Some(&r.theme),
    };
    diags.extend(leaks(&site, &r.ledger, &origins));
    if let Some(key) = &r.key {
        let lock = crate::protect::lock::Lock::new(key, &r.theme, &r.journal, &r.urls);
        for (path, bytes) in site.files.iter_mut() {
            match lock.finish(path, std::mem::take(bytes)) {
                Ok(sealed) => *bytes = sealed,
                Err(d) => diags.push(d),
            }
        }
    }
    diagnostics::sort(&mut diags);
    let ok = !diags.iter().any(Diagnostic::is_error);
    Rendered {
        site: ok.then_some(site),
        diagnostics: diags,
    }
}

/// The summary line's word on a protected site, and on what it leaves out and why.
fn protected_note(protected: bool, j: &crate::journal::Journal) -> String {
    if !protected {
        return String::new();
    }
    let sealed = match j.config.search {
        true => "; every page and the search index encrypted",
        false => "; every page encrypted",
    };
    match crate::render::withheld(j).as_slice() {
        [] => sealed.into(),
        left => format!(
            "{sealed}; {} not written, as they would list the pages in the clear",
            left.join(", ")
        ),
    }
}

/// Options of `mentorfolio build`.
#[derive(Default)]
pub struct Options {
    pub base_url: Option<String>,
    pub output_dir: Option<PathBuf>,
    pub strict: bool,
    pub force: bool,
    /// Fail at once, rather than wait, when another build is writing the same output.
    pub no_wait: bool,
    /// Publish the files marked `draft: true` too.
    pub drafts: bool,
}

/// Checks the journal, then renders every file and writes it into a new folder beside
/// the output as soon as it is made, after searching it for private passages. Only when
/// every file is made, and nothing failed, does the new folder replace the old output.
pub fn run(g: &Globals, o: &Options) -> i32 {
    let started = Instant::now();
    let failed = |diags: &[Diagnostic]| {
        let (errors, warnings) = diagnostics::count(diags);
        eprintln!(
            "build failed: {}, {}; nothing was written",
            count(errors, "error"),
            count(warnings, "warning")
        );
        console::FAILED
    };
    let r = match prepare(&g.root, g.today, o.base_url.as_deref(), o.drafts) {
        Ok(r) => r,
        Err(diags) => {
            g.report(&diags);
            return failed(&diags);
        }
    };
    let out = o
        .output_dir
        .clone()
        .unwrap_or_else(|| g.root.join("public"));
    if let Err(e) = crate::output::clean_up_on_interrupt() {
        eprintln!("warning: cannot catch Ctrl-C: {e}");
    }
    let tell = || eprintln!("waiting for another build of {} to finish…", out.display());
    let wait = if o.no_wait {
        crate::output::Wait::No
    } else {
        crate::output::Wait::Yes(&tell)
    };
    let staging = match crate::output::Staging::new(&g.root, &out, o.force, wait) {
        Ok(staging) => {
            for note in staging.recovered() {
                eprintln!("note: {note}");
            }
            staging
        }
        Err(e) => {
            g.report(&r.diagnostics);
            eprintln!("error: {e}");
            return console::FAILED;
        }
    };
    let analysis = crate::analyse::analyse(&r.journal, r.ledger.passages);
    let write_error = Mutex::new(None);
    let (files, pages) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let mut diags = r.diagnostics;
    let origins = Origins {
        root: &g.root,
        journal: &r.journal,
        theme: Some(&r.theme),
    };
    let lock = r
        .key
        .as_ref()
        .map(|key| crate::protect::lock::Lock::new(key, &r.theme, &r.journal, &r.urls));
    diags.extend(crate::render::each(
        &r.journal,
        &analysis,
        &r.theme,
        &r.urls,
        |path, bytes| {
            if let Some(leak) = crate::leak::check(path, &bytes, &r.ledger, &origins) {
                return Some(leak);
            }
            let bytes = match &lock {
                Some(lock) => match lock.finish(path, bytes) {
                    Ok(sealed) => sealed,
                    Err(d) => return Some(d),
                },
                None => bytes,
            };
            match staging.file(path, &bytes) {
                Ok(()) => {
                    files.fetch_add(1, Ordering::Relaxed);
                    if path.ends_with(".html") {
                        pages.fetch_add(1, Ordering::Relaxed);
                    }
                }
                Err(e) => {
                    write_error
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .get_or_insert(e);
                }
            }
            None
        },
    ));
    crate::allow::Allowances::of(&r.journal).apply(&mut diags);
    diagnostics::sort(&mut diags);
    g.report(&diags);
    if diags.iter().any(Diagnostic::is_error) || console::fails(&diags, o.strict) {
        return failed(&diags);
    }
    let written = match write_error.into_inner().unwrap_or_else(|e| e.into_inner()) {
        Some(e) => Err(e),
        None => staging.commit(),
    };
    match written {
        Ok(()) => {
            if !g.quiet {
                println!(
                    "built {} ({}) into {} in {} ms{}",
                    count(pages.into_inner(), "page"),
                    count(files.into_inner(), "file"),
                    out.display(),
                    started.elapsed().as_millis(),
                    protected_note(r.key.is_some(), &r.journal)
                );
            }
            console::OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            console::FAILED
        }
    }
}
