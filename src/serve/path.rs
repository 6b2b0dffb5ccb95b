//! Safe path resolution: a request target in, a key of the in-memory site out.
//!
//! The server never touches the disk, yet every traversal form is still refused here
//! so that no key outside the site's own namespace can ever be formed.

use super::live::Files;

/// What a request path resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A file of the site, by its key.
    File(String),
    /// A folder asked for without its trailing slash: send the browser here.
    Redirect(String),
    /// A well-formed path that names nothing in the site.
    NotFound,
    /// A malformed or hostile path (`..`, encoded separators, NUL, bad escapes).
    BadRequest,
}

/// Splits a request target into its path, dropping the query string and fragment.
pub fn path_only(target: &str) -> &str {
    let end = target.find(['?', '#']).unwrap_or(target.len());
    &target[..end]
}

/// Decodes and normalises a request path into its segments, or `None` when it is malformed.
///
/// Each raw segment is percent-decoded on its own, so an encoded separator (`%2f`, `%5c`)
/// can never create a new segment; `.` and empty segments are dropped; `..` is refused.
pub fn segments(path: &str) -> Option<Vec<String>> {
    if !path.starts_with('/') || path.contains('\\') || !escapes_well_formed(path) {
        return None;
    }
    let mut out = Vec::new();
    for raw in path.split('/') {
        let bytes: Vec<u8> = percent_encoding::percent_decode_str(raw).collect();
        let segment = String::from_utf8(bytes).ok()?;
        if segment.contains(['/', '\\', '\0']) || segment.chars().any(char::is_control) {
            return None;
        }
        match segment.as_str() {
            "" | "." => {}
            ".." => return None,
            _ => out.push(segment),
        }
    }
    Some(out)
}

/// Every `%` must start a two-digit hex escape.
fn escapes_well_formed(path: &str) -> bool {
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let ok = bytes.len() > i + 2
                && bytes[i + 1].is_ascii_hexdigit()
                && bytes[i + 2].is_ascii_hexdigit();
            if !ok {
                return false;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    true
}

/// Resolves a request target (path and maybe a query) against the site.
pub fn resolve(site: &dyn Files, target: &str) -> Target {
    let path = path_only(target);
    let Some(segments) = segments(path) else {
        return Target::BadRequest;
    };
    let key = segments.join("/");
    let folder_form = path.ends_with('/') || key.is_empty();
    if folder_form {
        let index = if key.is_empty() {
            "index.html".to_string()
        } else {
            format!("{key}/index.html")
        };
        return if site.contains(&index) {
            Target::File(index)
        } else {
            Target::NotFound
        };
    }
    if site.contains(&key) {
        Target::File(key)
    } else if site.contains(&format!("{key}/index.html")) {
        // One leading slash only: `//goals/` would name a host called `goals`.
        Target::Redirect(format!("/{}/", path.trim_start_matches('/')))
    } else {
        Target::NotFound
    }
}

/// The `Content-Type` of a site file, by its extension.
pub fn content_type(key: &str) -> &'static str {
    let name = key.rsplit('/').next().unwrap_or(key);
    let ext = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => return "application/octet-stream",
    };
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "xml" => "application/xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "pdf" => "application/pdf",
        "txt" => "text/plain; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// Whether a file is HTML, the only kind the server injects into.
pub fn is_html(key: &str) -> bool {
    content_type(key).starts_with("text/html")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::Site;

    fn site() -> Site {
        let mut s = Site::default();
        s.insert("index.html", "<p>home</p>");
        s.insert("goals/index.html", "<p>goals</p>");
        s.insert("goals/public-speaking/index.html", "<p>talk</p>");
        s.insert("style.css", "body{}");
        s.insert("a b.txt", "spaced");
        s
    }

    #[test]
    fn plain_paths_resolve() {
        let s = site();
        let cases = [
            ("/", Target::File("index.html".into())),
            ("/index.html", Target::File("index.html".into())),
            ("/goals/", Target::File("goals/index.html".into())),
            ("/goals", Target::Redirect("/goals/".into())),
            ("/goals?x=1", Target::Redirect("/goals/".into())),
            // Never `//goals/`, which a browser reads as the host `goals`.
            ("//goals", Target::Redirect("/goals/".into())),
            ("///goals", Target::Redirect("/goals/".into())),
            ("/\\goals", Target::BadRequest),
            (
                "/goals/public-speaking/",
                Target::File("goals/public-speaking/index.html".into()),
            ),
            (
                "/style.css?mentorfolio-reload=12",
                Target::File("style.css".into()),
            ),
            ("/a%20b.txt", Target::File("a b.txt".into())),
            ("/./goals/./", Target::File("goals/index.html".into())),
            ("//goals//", Target::File("goals/index.html".into())),
            ("/missing", Target::NotFound),
            ("/missing/", Target::NotFound),
            ("/style.css/", Target::NotFound),
        ];
        for (path, want) in cases {
            assert_eq!(resolve(&s, path), want, "{path}");
        }
    }

    #[test]
    fn traversal_forms_never_resolve_to_a_file() {
        let s = site();
        let hostile = [
            "/../etc/passwd",
            "/goals/../../etc/passwd",
            "/..",
            "/goals/..",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2e%2e/etc/passwd",
            "/.%2e/etc/passwd",
            "/%2e./etc/passwd",
            "/goals%2f..%2f..%2fetc%2fpasswd",
            "/goals%2F..%2Findex.html",
            "/..%5c..%5cetc%5cpasswd",
            "/%5c..%5cindex.html",
            "/..\\..\\etc\\passwd",
            "/goals\\index.html",
            "/index.html%00",
            "/index.html%00.css",
            "/%00",
            "/%",
            "/%2",
            "/%zz",
            "/%c0%ae%c0%ae/etc/passwd",
            "/%ff",
            "etc/passwd",
            "C:\\Windows\\win.ini",
            "/%0aindex.html",
        ];
        for path in hostile {
            assert_eq!(resolve(&s, path), Target::BadRequest, "{path}");
        }
        // Absolute-looking paths stay inside the site's namespace and are simply not there.
        for path in [
            "//etc/passwd",
            "/etc/passwd",
            "///root/.ssh/id_rsa",
            "/C:/Windows/win.ini",
        ] {
            assert_eq!(resolve(&s, path), Target::NotFound, "{path}");
        }
    }

    #[test]
    fn content_types_cover_every_kind_of_site_file() {
        let cases = [
            ("index.html", "text/html; charset=utf-8"),
            ("static/style.css", "text/css; charset=utf-8"),
            ("static/app.js", "text/javascript; charset=utf-8"),
            ("chart.svg", "image/svg+xml"),
            ("feed.xml", "application/xml; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("meetings.ics", "text/calendar; charset=utf-8"),
            ("a.png", "image/png"),
            ("a.jpg", "image/jpeg"),
            ("a.JPEG", "image/jpeg"),
            ("a.gif", "image/gif"),
            ("a.webp", "image/webp"),
            ("favicon.ico", "image/x-icon"),
            ("fonts/inter.woff2", "font/woff2"),
            ("cv.pdf", "application/pdf"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("data.json", "application/json"),
            (".nojekyll", "application/octet-stream"),
            ("CNAME", "application/octet-stream"),
            ("archive.tar.zst", "application/octet-stream"),
        ];
        for (key, want) in cases {
            assert_eq!(content_type(key), want, "{key}");
        }
    }
}
