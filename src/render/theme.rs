//! Themes: Tera templates and static files. The default theme is compiled into the
//! binary; a journal picks another with `theme:` (a folder in `themes/`), overrides any
//! template by name in its own `templates/`, and adds or replaces files with `static/`.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use tera::Tera;
use walkdir::WalkDir;

use crate::diagnostics::{Code, Diagnostic, Location};
use crate::i18n::Strings;
use crate::journal::Config;
use crate::journal::load::{ReadError, is_ignored_name, relative};

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// The default theme's templates, by name.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = embedded!(
    "base.html",
    "macros.html",
    "index.html",
    "goals.html",
    "goal.html",
    "meetings.html",
    "meeting.html",
    "actions.html",
    "activities.html",
    "activity.html",
    "timeline.html",
    "checklist.html",
    "review.html",
    "plan.html",
    "portfolio.html",
    "tags.html",
    "tag.html",
    "404.html",
    "lock.html",
);

/// The default theme's static files, by path under `static/`.
pub const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "search.js",
        include_bytes!("../../themes/default/static/search.js"),
    ),
];

pub const DEFAULT_THEME_YAML: &str = include_str!("../../themes/default/theme.yaml");

/// A template's text and where it came from, for E008 locations.
#[derive(Clone, Debug)]
pub struct TemplateSource {
    /// Journal-relative path, or `themes/default/templates/NAME` for the embedded theme.
    pub file: String,
    pub text: String,
}

/// The parsed theme: one Tera instance shared by every page, and the static files.
pub struct Theme {
    pub tera: Tera,
    pub sources: HashMap<String, TemplateSource>,
    /// Site path → bytes, theme first then the journal's own `static/`.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// The strings `t` says; a journal whose strings changed needs the theme loaded again.
    pub strings: Arc<Strings>,
}

/// Escapes the five characters that matter in HTML text and attributes, and leaves `/`
/// alone so URLs stay readable.
pub(crate) fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 16);
    let mut rest = input;
    // The five characters are ASCII, so the text between them is copied a run at a time.
    while let Some(i) = rest
        .bytes()
        .position(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#x27;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
    out
}

/// Files below `dir`, in path order, skipping names that are never published.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        // Pipes, sockets and devices too, so reading them reports E001 rather than skipping.
        .filter(|e| !e.file_type().is_dir())
        .map(|e| e.into_path())
        .collect()
}

fn read_dir_into(
    root: &Path,
    dir: &Path,
    diags: &mut Vec<Diagnostic>,
    mut put: impl FnMut(String, Vec<u8>),
) {
    for path in files_under(dir) {
        let name = relative(dir, &path);
        match crate::journal::load::read_regular(&path) {
            Ok(bytes) => put(name, bytes),
            Err(e) => diags.push(Diagnostic::new(
                Code::E001,
                Location {
                    file: relative(root, &path),
                    line: None,
                    column: None,
                },
                e.to_string(),
                "check that the file is a plain, readable file",
            )),
        }
    }
}

/// The first `--> LINE:COL` of a pest parse error in an error's chain.
fn parse_error_line(e: &tera::Error) -> Option<u32> {
    let mut source: Option<&dyn std::error::Error> = Some(e);
    while let Some(err) = source {
        let text = err.to_string();
        if let Some(i) = text.find("--> ") {
            let digits: String = text[i + 4..]
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            if let Ok(n) = digits.parse() {
                return Some(n);
            }
        }
        source = err.source();
    }
    None
}

/// Every message of an error's chain, joined, for the diagnostic.
pub fn chain(e: &tera::Error) -> Vec<String> {
    let mut out = Vec::new();
    let mut source: Option<&dyn std::error::Error> = Some(e);
    while let Some(err) = source {
        out.push(err.to_string());
        source = err.source();
    }
    out
}

/// The last quoted template name (`'goal.html'`) in the messages, innermost first.
pub fn template_named(
    messages: &[String],
    known: &HashMap<String, TemplateSource>,
) -> Option<String> {
    for m in messages.iter().rev() {
        let mut rest = m.as_str();
        let mut found = None;
        while let Some(i) = rest.find(['\'', '"']) {
            let q = rest.as_bytes()[i] as char;
            let after = &rest[i + 1..];
            match after.find(q) {
                Some(j) => {
                    let name = &after[..j];
                    if known.contains_key(name) {
                        found = Some(name.to_string());
                    }
                    rest = &after[j + 1..];
                }
                None => break,
            }
        }
        if found.is_some() {
            return found;
        }
    }
    None
}

/// An E008 for a template, with its line when known.
pub fn template_error(
    name: &str,
    line: Option<u32>,
    sources: &HashMap<String, TemplateSource>,
    message: String,
) -> Diagnostic {
    let file = sources
        .get(name)
        .map_or_else(|| format!("templates/{name}"), |s| s.file.clone());
    Diagnostic::new(
        Code::E008,
        Location {
            file,
            line,
            column: None,
        },
        message,
        "fix the template, or delete the override to use the theme's own",
    )
}

/// Loads the theme named in the config, with the journal's overrides, and parses every
/// template once.
pub fn load(
    root: &Path,
    config: &Config,
    strings: &Arc<Strings>,
) -> Result<Theme, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut sources: HashMap<String, TemplateSource> = DEFAULT_TEMPLATES
        .iter()
        .map(|(name, text)| {
            (
                name.to_string(),
                TemplateSource {
                    file: format!("themes/default/templates/{name}"),
                    text: text.to_string(),
                },
            )
        })
        .collect();
    let mut statics: BTreeMap<String, Vec<u8>> = DEFAULT_STATIC
        .iter()
        .map(|(p, b)| (p.to_string(), b.to_vec()))
        .collect();
    let theme_dir = root.join("themes").join(&config.theme);
    if theme_dir.is_dir() {
        // A local theme replaces the default template by template.
        statics.clear();
        read_dir_into(root, &theme_dir.join("static"), &mut diags, |p, b| {
            statics.insert(p, b);
        });
        layer(root, &theme_dir.join("templates"), &mut sources, &mut diags);
    } else if config.theme != "default" {
        diags.push(Diagnostic::new(
            Code::E007,
            config.source.at("theme"),
            format!("unknown theme `{}`", config.theme),
            format!(
                "use `default`, or put the theme in themes/{}/ (templates/, static/, theme.yaml)",
                config.theme
            ),
        ));
    }
    layer(root, &root.join("templates"), &mut sources, &mut diags);
    read_dir_into(root, &root.join("static"), &mut diags, |p, b| {
        statics.insert(p, b);
    });
    if !diags.is_empty() {
        return Err(diags);
    }
    let mut tera = Tera::default();
    tera.set_escape_fn(escape_html);
    tera.register_function("t", super::translate::Translate::new(strings.clone()));
    tera.register_filter("day", super::filters::Day::new(strings));
    tera.register_filter("status", super::filters::Status::new(strings.clone()));
    let mut all: Vec<(&str, &str)> = sources
        .iter()
        .map(|(n, s)| (n.as_str(), s.text.as_str()))
        .collect();
    all.sort();
    if let Err(e) = tera.add_raw_templates(all) {
        let messages = chain(&e);
        let name = template_named(&messages, &sources).unwrap_or_else(|| "base.html".into());
        let line = parse_error_line(&e);
        let message = messages
            .iter()
            .map(|m| m.lines().next().unwrap_or("").trim())
            .rfind(|m| !m.is_empty())
            .unwrap_or("the template is invalid")
            .to_string();
        let detail = messages.iter().rev().find_map(|m| {
            m.lines()
                .find(|l| l.trim_start().starts_with('='))
                .map(|l| l.trim().trim_start_matches('=').trim().to_string())
        });
        let message = match detail {
            Some(d) => format!("template `{name}` does not parse: {d}"),
            None => format!("template `{name}` does not parse: {message}"),
        };
        return Err(vec![template_error(&name, line, &sources, message)]);
    }
    Ok(Theme {
        tera,
        sources,
        statics,
        strings: strings.clone(),
    })
}

/// Adds or replaces templates with the `.html` files of `dir`.
fn layer(
    root: &Path,
    dir: &Path,
    sources: &mut HashMap<String, TemplateSource>,
    diags: &mut Vec<Diagnostic>,
) {
    for path in files_under(dir) {
        let name = relative(dir, &path);
        if !name.ends_with(".html") {
            continue;
        }
        let file = relative(root, &path);
        match crate::journal::load::read_regular(&path).map(String::from_utf8) {
            Ok(Ok(text)) => {
                crate::diagnostics::remember_source(&path, &text);
                sources.insert(name, TemplateSource { file, text });
            }
            failed => diags.push(Diagnostic::new(
                Code::E001,
                Location {
                    file,
                    line: None,
                    column: None,
                },
                if matches!(failed, Err(ReadError::NotRegular)) {
                    "not a regular file"
                } else {
                    "cannot read the template as UTF-8 text"
                },
                "save the template as a plain UTF-8 file",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_slashes() {
        assert_eq!(
            escape_html("a/b <c> & \"d\" 'e'"),
            "a/b &lt;c&gt; &amp; &quot;d&quot; &#x27;e&#x27;"
        );
    }

    #[test]
    fn the_default_theme_parses() {
        let mut tera = Tera::default();
        tera.add_raw_templates(DEFAULT_TEMPLATES.iter().copied())
            .unwrap();
        assert!(DEFAULT_THEME_YAML.contains("name:"));
    }
}
