//! `mentorfolio build`: check, analyse, render into memory, verify that no private
//! passage is in the result, then write it with an atomic swap.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::cli::{self, Globals};
use crate::diagnostics::{self, Code, Diagnostic, Location};
use crate::journal::PrivateLedger;
use crate::site::Site;

/// The result of rendering a journal in memory.
pub struct Rendered {
    pub site: Option<Site>,
    pub diagnostics: Vec<Diagnostic>,
}

/// E009 for every output file that contains a private passage.
pub fn leaks(site: &Site, ledger: &PrivateLedger) -> Vec<Diagnostic> {
    site.files
        .par_iter()
        .filter_map(|(path, bytes)| ledger.find_leak(bytes).map(|_| leak(path)))
        .collect()
}

/// E009 for one output file.
pub fn leak(path: &str) -> Diagnostic {
    Diagnostic::new(
        Code::E009,
        Location {
            file: path.to_string(),
            line: None,
            column: None,
        },
        format!("the output file `{path}` would contain a private passage"),
        "check overridden templates and static files for private text; nothing was written",
    )
}

/// Load + validate + analyse + render into memory; `site` is None when there are errors.
/// `base_url` overrides the config's base_url when given (e.g. "http://127.0.0.1:1111/").
pub fn render_site(root: &Path, today: NaiveDate, base_url: Option<&str>) -> Rendered {
    let checked = crate::check::check(root, today);
    let mut diags = checked.diagnostics;
    let failed = |diags: &mut Vec<Diagnostic>| {
        diagnostics::sort(diags);
        Rendered {
            site: None,
            diagnostics: std::mem::take(diags),
        }
    };
    let Some(journal) = checked.journal else {
        return failed(&mut diags);
    };
    let theme = match crate::render::theme::load(root, &journal.config) {
        Ok(t) => Some(t),
        Err(d) => {
            diags.extend(d);
            None
        }
    };
    let (Some(theme), false) = (theme, diags.iter().any(Diagnostic::is_error)) else {
        return failed(&mut diags);
    };
    let urls = crate::render::urls::Urls::new(base_url.unwrap_or(&journal.config.base_url));
    let analysis = crate::analyse::analyse(&journal, checked.ledger.passages);
    let (site, render_diags) = crate::render::render(&journal, &analysis, &theme, &urls);
    diags.extend(render_diags);
    diags.extend(leaks(&site, &checked.ledger));
    diagnostics::sort(&mut diags);
    let ok = !diags.iter().any(Diagnostic::is_error);
    Rendered {
        site: ok.then_some(site),
        diagnostics: diags,
    }
}

/// Options of `mentorfolio build`.
pub struct Options {
    pub base_url: Option<String>,
    pub output_dir: Option<PathBuf>,
    pub strict: bool,
    pub force: bool,
}

pub fn run(g: &Globals, o: &Options) -> i32 {
    let started = Instant::now();
    let rendered = render_site(&g.root, g.today, o.base_url.as_deref());
    g.report(&rendered.diagnostics);
    let site = match rendered.site {
        Some(site) if !cli::fails(&rendered.diagnostics, o.strict) => site,
        _ => {
            let (errors, warnings) = diagnostics::count(&rendered.diagnostics);
            eprintln!("build failed: {errors} errors, {warnings} warnings; nothing was written");
            return cli::FAILED;
        }
    };
    let out = o
        .output_dir
        .clone()
        .unwrap_or_else(|| g.root.join("public"));
    match crate::output::write(&g.root, &out, &site, o.force) {
        Ok(n) => {
            if !g.quiet {
                let pages = site.files.keys().filter(|p| p.ends_with(".html")).count();
                println!(
                    "built {pages} pages ({n} files) into {} in {} ms",
                    out.display(),
                    started.elapsed().as_millis()
                );
            }
            cli::OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            cli::FAILED
        }
    }
}
