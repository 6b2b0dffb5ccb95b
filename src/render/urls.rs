//! URLs: every link the site contains is built here from the base URL, so the site works
//! at a domain root and under a sub-path (`https://user.github.io/repo/`) alike.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// The site's address, split into what pages link with and what feeds need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Urls {
    /// The full base URL with a trailing slash: `https://user.github.io/repo/`.
    pub base: String,
    /// Its path with leading and trailing slashes: `/repo/`. Pages link with absolute
    /// paths under it, which work on every page, including a 404 page served anywhere.
    pub path: String,
    /// The host, for stable calendar UIDs.
    pub host: String,
    /// Set on a protected site, whose pages live at addresses only the key gives.
    pub key: Option<crate::protect::Key>,
}

impl Urls {
    pub fn new(base_url: &str) -> Urls {
        let trimmed = base_url.trim();
        let (scheme_host, rest) = match trimmed.find("://") {
            Some(i) => {
                let after = &trimmed[i + 3..];
                match after.find('/') {
                    Some(j) => (&trimmed[..i + 3 + j], &after[j..]),
                    None => (trimmed, ""),
                }
            }
            None => ("", trimmed),
        };
        let host = scheme_host
            .split("://")
            .nth(1)
            .unwrap_or("")
            .split(['@'])
            .next_back()
            .unwrap_or("")
            .split(':')
            .next()
            .unwrap_or("")
            .to_string();
        let rest = rest.split(['?', '#']).next().unwrap_or("");
        let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
        let mut path = String::from("/");
        for s in &segments {
            path.push_str(s);
            path.push('/');
        }
        Urls {
            base: format!("{scheme_host}{path}"),
            path,
            host: if host.is_empty() {
                "localhost".into()
            } else {
                host
            },
            key: None,
        }
    }

    /// The same site, protected: every page but the home page at an opaque address.
    pub fn protected(self, key: crate::protect::Key) -> Urls {
        Urls {
            key: Some(key),
            ..self
        }
    }

    pub fn is_protected(&self) -> bool {
        self.key.is_some()
    }

    /// A page folder's published folder (`goals/x/` → `p/<hex>/` when protected); files
    /// and the home page keep their names.
    fn address<'a>(&self, rel: &'a str) -> std::borrow::Cow<'a, str> {
        match &self.key {
            Some(key) if rel.ends_with('/') => key.address(rel).into(),
            _ => rel.into(),
        }
    }

    /// The file a page is written to: `goals/x/index.html` → `p/<hex>/index.html` when
    /// protected.
    pub fn file(&self, page_file: &str) -> String {
        match page_file.strip_suffix("index.html") {
            Some(dir) if !dir.is_empty() => format!("{}index.html", self.address(dir)),
            _ => page_file.to_string(),
        }
    }

    /// The absolute path of a site file or page: `page("goals/x/")` → `/repo/goals/x/`.
    /// Letters beyond ASCII (a slug in Japanese) and characters URLs reserve are
    /// percent-encoded, so the link is a valid URL in HTML, feeds and the sitemap alike.
    pub fn page(&self, rel: &str) -> String {
        let rel = self.address(rel.trim_start_matches('/'));
        format!("{}{}", self.path, utf8_percent_encode(&rel, PATH))
    }

    /// The full URL of a site file or page, for feeds and the sitemap.
    pub fn full(&self, rel: &str) -> String {
        let rel = self.address(rel.trim_start_matches('/'));
        format!("{}{}", self.base, utf8_percent_encode(&rel, PATH))
    }
}

/// What a path segment may not hold as it is (RFC 3986), besides what is not ASCII.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The site path (`goals/ID/`) of each kind of page.
pub fn goal(id: &str) -> String {
    format!("goals/{id}/")
}

pub fn meeting(slug: &str) -> String {
    format!("meetings/{slug}/")
}

pub fn activity(slug: &str) -> String {
    format!("activities/{slug}/")
}

/// A tag's page, by the tag's slug.
pub fn tag(slug: &str) -> String {
    format!("tags/{slug}/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_in_other_scripts_are_percent_encoded() {
        let u = Urls::new("https://u.github.io/repo/");
        assert_eq!(u.page(&goal("発表")), "/repo/goals/%E7%99%BA%E8%A1%A8/");
        assert_eq!(
            u.full("meetings/a b/"),
            "https://u.github.io/repo/meetings/a%20b/"
        );
        assert_eq!(u.page("goals/talk/"), "/repo/goals/talk/");
    }

    #[test]
    fn sub_path_is_kept() {
        let u = Urls::new("https://user.github.io/repo");
        assert_eq!(u.base, "https://user.github.io/repo/");
        assert_eq!(u.path, "/repo/");
        assert_eq!(u.host, "user.github.io");
        assert_eq!(u.page("goals/x/"), "/repo/goals/x/");
        assert_eq!(u.full("feed.xml"), "https://user.github.io/repo/feed.xml");
    }

    #[test]
    fn protected_pages_move_and_files_stay() {
        let key = crate::protect::Key::derive_with("a long passphrase", "/", 1000);
        let u = Urls::new("https://user.github.io/repo").protected(key.clone());
        let goal = format!("/repo/{}", key.address("goals/x/"));
        assert_eq!(u.page("goals/x/"), goal);
        assert_eq!(
            u.file("goals/x/index.html"),
            format!("{}index.html", &goal[6..])
        );
        assert_eq!(u.page(""), "/repo/");
        assert_eq!(u.file("index.html"), "index.html");
        assert_eq!(u.file("404.html"), "404.html");
        assert_eq!(u.page("style.css"), "/repo/style.css");
    }

    #[test]
    fn domain_root_and_ports() {
        let u = Urls::new("http://127.0.0.1:1111/");
        assert_eq!(u.path, "/");
        assert_eq!(u.host, "127.0.0.1");
        assert_eq!(u.page("style.css"), "/style.css");
        let u = Urls::new("/");
        assert_eq!(u.path, "/");
        assert_eq!(u.base, "/");
    }
}
