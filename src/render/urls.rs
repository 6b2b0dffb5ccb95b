//! URLs: every link the site contains is built here from the base URL, so the site works
//! at a domain root and under a sub-path (`https://user.github.io/repo/`) alike.

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
        }
    }

    /// The absolute path of a site file or page: `page("goals/x/")` → `/repo/goals/x/`.
    pub fn page(&self, rel: &str) -> String {
        format!("{}{}", self.path, rel.trim_start_matches('/'))
    }

    /// The full URL of a site file or page, for feeds and the sitemap.
    pub fn full(&self, rel: &str) -> String {
        format!("{}{}", self.base, rel.trim_start_matches('/'))
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

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
