//! The `finish` step of a protected site: each HTML page becomes the theme's lock screen
//! (`lock.html`) carrying the page's ciphertext; the theme's stylesheet and other static
//! files pass unchanged, as they hold nothing of the journal.

use std::path::Path;

use serde::Serialize;
use tera::Context;

use super::{ITERATIONS, Key};
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::journal::Journal;
use crate::render::theme::Theme;
use crate::render::urls::Urls;

/// What `lock.html` is given: nothing about the journal but its language.
#[derive(Serialize)]
struct LockView<'a> {
    language: &'a str,
    style_url: String,
    salt: &'a str,
    iterations: u32,
    nonce: &'a str,
    data: &'a str,
}

/// Seals the files of one protected site.
pub struct Lock<'a> {
    key: &'a Key,
    theme: &'a Theme,
    language: &'a str,
    style_url: String,
}

impl<'a> Lock<'a> {
    pub fn new(key: &'a Key, theme: &'a Theme, j: &'a Journal, urls: &Urls) -> Self {
        Lock {
            key,
            theme,
            language: &j.config.language,
            style_url: urls.page("style.css"),
        }
    }

    /// The file as published: an HTML page becomes its lock screen; the theme's static
    /// files and the files only servers read (`robots.txt`, `.nojekyll`, `CNAME`) stay as
    /// they are; anything else (the search index) becomes its ciphertext, so a new kind of
    /// output is sealed without being named here. Runs after the leak check, which needs
    /// the clear text.
    pub fn finish(&self, path: &str, bytes: Vec<u8>) -> Result<Vec<u8>, Diagnostic> {
        if !path.ends_with(".html") {
            if self.theme.statics.contains_key(path)
                || matches!(path, "robots.txt" | ".nojekyll" | "CNAME")
            {
                return Ok(bytes);
            }
            let sealed = self.key.seal(path, &bytes);
            let json = serde_json::json!({"nonce": sealed.nonce, "data": sealed.data});
            return Ok(format!("{json}\n").into_bytes());
        }
        let sealed = self.key.seal(path, &bytes);
        let view = LockView {
            language: self.language,
            style_url: self.style_url.clone(),
            salt: &sealed.salt,
            iterations: ITERATIONS,
            nonce: &sealed.nonce,
            data: &sealed.data,
        };
        let mut ctx = Context::new();
        ctx.insert("lock", &view);
        self.theme
            .tera
            .render("lock.html", &ctx)
            .map(String::into_bytes)
            .map_err(|e| crate::render::pages::render_error(self.theme, "lock.html", &e))
    }
}

/// Kinds of file in the journal's own `static/` that say nothing of the journal.
const PLAIN: &[&str] = &["css", "woff", "woff2", "ttf", "otf", "ico"];

/// E010 for each file of the journal's own `static/` folder a protected site would
/// publish in the clear: images and documents are refused rather than left readable.
pub fn refused_statics(root: &Path, theme: &Theme) -> Vec<Diagnostic> {
    theme
        .statics
        .keys()
        .filter(|path| root.join("static").join(path).is_file())
        .filter(|path| {
            let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
            !ext.is_some_and(|e| PLAIN.contains(&e.as_str()))
        })
        .map(|path| {
            let file = format!("static/{path}");
            Diagnostic::new(
                Code::E010,
                Location::file(file.clone()),
                format!("`{file}` would be published unencrypted on a protected site"),
                "move it out of static/ (a protected site encrypts pages, not files), or turn `protect` off",
            )
        })
        .collect()
}

/// The diagnostic when a protected build cannot have its passphrase, at `protect:`.
pub fn refused(r: super::passphrase::Refused, j: &Journal) -> Diagnostic {
    Diagnostic::new(Code::E010, j.config.source.at("protect"), r.message, r.hint)
}
