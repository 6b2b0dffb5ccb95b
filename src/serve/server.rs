//! The HTTP side: a pure `respond` from the current snapshot to a reply, and the
//! tiny_http loop that runs it on a small pool of workers, behind [`super::guard`].

use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;
use std::time::Duration;

use tiny_http::{Header, Method, Response};

use super::live::Files;
use super::overlay::{self, Failure};
use super::path::{self, Target};
use super::reload::{self, Hub};
use super::{guard, upstream};

/// What the server answers from: the last good site, and why the latest rebuild failed, if it did.
#[derive(Clone, Default)]
pub struct Snapshot {
    pub site: Option<Arc<dyn Files>>,
    pub failure: Option<Failure>,
    /// The notes banner of the last good rebuild's warnings ([`overlay::notes`]).
    pub notes: Option<Arc<str>>,
}

/// State shared by the workers, the event streams and the rebuilder.
#[derive(Default)]
pub struct Shared {
    pub snapshot: RwLock<Snapshot>,
    pub hub: Hub,
}

impl Shared {
    pub fn snapshot(&self) -> Snapshot {
        self.snapshot
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Swaps in `snapshot` and returns the one it replaces, so the caller decides when
    /// the old site (possibly large) is freed.
    pub fn set(&self, snapshot: Snapshot) -> Snapshot {
        std::mem::replace(
            &mut *self.snapshot.write().unwrap_or_else(|e| e.into_inner()),
            snapshot,
        )
    }
}

/// An HTTP reply before it meets the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// For redirects.
    pub location: Option<String>,
    /// For 405: the methods that are allowed.
    pub allow: Option<&'static str>,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Self {
        Reply {
            status,
            content_type,
            body: body.into(),
            location: None,
            allow: None,
        }
    }

    fn text(status: u16, body: &str) -> Self {
        Reply::new(status, "text/plain; charset=utf-8", body)
    }
}

const HTML: &str = "text/html; charset=utf-8";

/// Answers one request from a snapshot. HTML gets the live-reload client (and the error
/// overlay when the latest rebuild failed); every other file is sent exactly as built.
pub fn respond(snapshot: &Snapshot, method: &str, target: &str) -> Reply {
    if method != "GET" && method != "HEAD" {
        let mut reply = Reply::text(405, "method not allowed\n");
        reply.allow = Some("GET, HEAD");
        return reply;
    }
    let Some(site) = &snapshot.site else {
        // No build has succeeded yet: every page is the overlay.
        let failure = snapshot
            .failure
            .clone()
            .unwrap_or(Failure::Diagnostics(Vec::new()));
        let page = overlay::page(&failure);
        return Reply::new(503, HTML, decorate(page.as_bytes(), None));
    };
    let failure = snapshot.failure.as_ref();
    match path::resolve(site.as_ref(), target) {
        Target::File(key) => match site.get(&key) {
            Some(Ok(bytes)) => {
                let content_type = path::content_type(&key);
                if path::is_html(&key) {
                    let mut page = decorate(&bytes, failure);
                    if let (None, Some(notes)) = (failure, &snapshot.notes) {
                        page = overlay::inject(&page, notes);
                    }
                    Reply::new(200, content_type, page)
                } else {
                    Reply::new(200, content_type, bytes.to_vec())
                }
            }
            // This page cannot be made (a template error, a private passage): say why.
            Some(Err(d)) => {
                let page = overlay::page(&Failure::Diagnostics(vec![d]));
                Reply::new(500, HTML, decorate(page.as_bytes(), None))
            }
            None => not_found(site.as_ref(), failure),
        },
        Target::Redirect(location) => {
            let mut reply = Reply::text(302, "");
            reply.location = Some(location);
            reply
        }
        Target::NotFound => not_found(site.as_ref(), failure),
        Target::BadRequest => Reply::text(400, "bad request\n"),
    }
}

fn not_found(site: &dyn Files, failure: Option<&Failure>) -> Reply {
    let page = match site.get("404.html") {
        Some(Ok(page)) => page,
        _ => Arc::from(
            &b"<!doctype html><title>Not found</title><body><h1>Not found</h1></body>"[..],
        ),
    };
    Reply::new(404, HTML, decorate(&page, failure))
}

/// Adds the overlay (if any) and the live-reload client before `</body>`.
fn decorate(html: &[u8], failure: Option<&Failure>) -> Vec<u8> {
    let mut fragment = String::new();
    if let Some(failure) = failure {
        fragment.push_str(&overlay::render(failure));
    }
    fragment.push_str(reload::CLIENT_SCRIPT);
    overlay::inject(html, &fragment)
}

/// How long a worker waits in `recv_timeout` before checking whether the server is stopping.
const POLL: Duration = Duration::from_millis(100);

/// How many threads answer requests. Event streams get a thread each, so open tabs never
/// hold a worker.
const WORKERS: usize = 4;

/// Serves `shared` on `listener` until `stop` is set: tiny_http answers where only
/// [`guard`], in front of it on `listener`, reaches it. The returned thread ends
/// once the guard has stopped accepting and the workers have returned; connections still
/// open end on their own within their timeouts.
pub fn start(
    listener: TcpListener,
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
) -> std::io::Result<JoinHandle<()>> {
    let (server, upstream, private_dir) = upstream::listen()?;
    let guard = guard::start(listener, upstream, stop.clone())?;
    let server = Arc::new(server);
    let workers: Vec<JoinHandle<()>> = (0..WORKERS)
        .map(|_| {
            let (server, shared, stop) = (server.clone(), shared.clone(), stop.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    match server.recv_timeout(POLL) {
                        Ok(Some(request)) => handle(request, &shared),
                        Ok(None) => {}
                        Err(_) => std::thread::sleep(POLL),
                    }
                }
            })
        })
        .collect();
    Ok(std::thread::spawn(move || {
        let _ = guard.join();
        for worker in workers {
            let _ = worker.join();
        }
        drop(private_dir);
    }))
}

fn handle(request: tiny_http::Request, shared: &Shared) {
    if *request.method() == Method::Get && path::path_only(request.url()) == reload::EVENTS_PATH {
        let events = shared.hub.subscribe();
        let out = request.into_writer();
        std::thread::spawn(move || reload::stream(out, events, reload::HEARTBEAT));
        return;
    }
    let reply = respond(&shared.snapshot(), request.method().as_str(), request.url());
    // The body is in memory, so its length is always sent rather than chunks.
    let mut response = Response::from_data(reply.body)
        .with_chunked_threshold(usize::MAX)
        .with_status_code(reply.status)
        .with_header(header("Content-Type", reply.content_type))
        .with_header(header("Cache-Control", "no-store"));
    if let Some(location) = &reply.location {
        response = response.with_header(header("Location", location));
    }
    if let Some(allow) = reply.allow {
        response = response.with_header(header("Allow", allow));
    }
    let _ = request.respond(response);
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("header names and values are ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, Diagnostic, Location};
    use crate::site::Site;

    fn site() -> Site {
        let mut s = Site::default();
        s.insert("index.html", "<html><body><h1>Dashboard</h1></body></html>");
        s.insert("404.html", "<html><body><h1>Lost?</h1></body></html>");
        s.insert("static/site.css", "body{color:black}");
        s.insert("feed.xml", "<feed></feed>");
        s.insert("goals/index.html", "<html><body>goals</body></html>");
        s
    }

    fn good() -> Snapshot {
        Snapshot {
            site: Some(Arc::new(site())),
            failure: None,
            notes: None,
        }
    }

    fn broken() -> Failure {
        Failure::Diagnostics(vec![Diagnostic::new(
            Code::E001,
            Location::new("plan.md", 2, 1),
            "invalid YAML <here>",
            "close the quote",
        )])
    }

    #[test]
    fn html_gets_the_live_reload_client_and_nothing_else_does() {
        let snap = good();
        let page = respond(&snap, "GET", "/");
        assert_eq!(page.status, 200);
        assert_eq!(page.content_type, HTML);
        let text = String::from_utf8(page.body).unwrap();
        assert!(text.contains("<h1>Dashboard</h1>"));
        assert!(text.ends_with(&format!("{}</body></html>", reload::CLIENT_SCRIPT)));
        for (target, bytes) in [
            ("/static/site.css", &b"body{color:black}"[..]),
            ("/feed.xml", &b"<feed></feed>"[..]),
        ] {
            let reply = respond(&snap, "GET", target);
            assert_eq!(reply.body, bytes, "{target}");
        }
        // The site itself, what `build` writes, is never touched.
        let served = snap.site.unwrap();
        for (path, bytes) in &site().files {
            assert_eq!(&*served.get(path).unwrap().unwrap(), &bytes[..], "{path}");
        }
    }

    #[test]
    fn unknown_paths_get_the_sites_own_404_page() {
        let reply = respond(&good(), "GET", "/nowhere/");
        assert_eq!(reply.status, 404);
        let text = String::from_utf8(reply.body).unwrap();
        assert!(text.contains("Lost?") && text.contains("mentorfolio-live-reload"));
    }

    #[test]
    fn folders_without_a_slash_redirect_and_bad_paths_are_refused() {
        let reply = respond(&good(), "GET", "/goals");
        assert_eq!(
            (reply.status, reply.location.as_deref()),
            (302, Some("/goals/"))
        );
        assert_eq!(respond(&good(), "GET", "/%2e%2e/etc/passwd").status, 400);
    }

    #[test]
    fn only_get_and_head_are_allowed() {
        assert_eq!(respond(&good(), "HEAD", "/").status, 200);
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
            let reply = respond(&good(), method, "/");
            assert_eq!(
                (reply.status, reply.allow),
                (405, Some("GET, HEAD")),
                "{method}"
            );
        }
    }

    #[test]
    fn a_failed_rebuild_overlays_every_page_but_serves_the_last_good_site() {
        let snap = Snapshot {
            failure: Some(broken()),
            ..good()
        };
        for target in ["/", "/missing"] {
            let text = String::from_utf8(respond(&snap, "GET", target).body).unwrap();
            assert!(text.contains("mentorfolio-error-overlay"), "{target}");
            assert!(text.contains("invalid YAML &lt;here&gt;"), "{target}");
        }
        let css = respond(&snap, "GET", "/static/site.css");
        assert_eq!(css.body, b"body{color:black}");
    }

    #[test]
    fn the_notes_banner_is_on_pages_only_and_gives_way_to_the_overlay() {
        let snap = Snapshot {
            notes: Some(Arc::from(
                "<details id=\"mentorfolio-journal-notes\"></details>",
            )),
            ..good()
        };
        let page = String::from_utf8(respond(&snap, "GET", "/goals/").body).unwrap();
        assert!(page.contains("mentorfolio-journal-notes"), "{page}");
        let css = respond(&snap, "GET", "/static/site.css");
        assert_eq!(css.body, b"body{color:black}");
        let failing = Snapshot {
            failure: Some(broken()),
            ..snap
        };
        let page = String::from_utf8(respond(&failing, "GET", "/goals/").body).unwrap();
        assert!(!page.contains("mentorfolio-journal-notes"), "{page}");
    }

    #[test]
    fn with_no_good_build_every_page_is_the_overlay() {
        let snap = Snapshot {
            site: None,
            failure: Some(broken()),
            notes: None,
        };
        let reply = respond(&snap, "GET", "/goals/");
        assert_eq!(reply.status, 503);
        let text = String::from_utf8(reply.body).unwrap();
        assert!(text.contains("E001") && text.contains("mentorfolio-live-reload"));
    }
}
