//! The HTTP side: a pure `respond` from the current snapshot to a reply, and the accept
//! loop that runs it, one bounded thread per connection (see [`super::http`]).

use std::io::Read;
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::http;
use super::overlay::{self, Failure};
use super::path::{self, Target};
use super::reload::{self, Hub};
use crate::site::Site;

/// What the server answers from: the last good site, and why the latest rebuild failed, if it did.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    pub site: Option<Arc<Site>>,
    pub failure: Option<Failure>,
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

    pub fn set(&self, snapshot: Snapshot) {
        *self.snapshot.write().unwrap_or_else(|e| e.into_inner()) = snapshot;
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
    match path::resolve(site, target) {
        Target::File(key) => {
            let bytes = site.get(&key).unwrap_or_default();
            let content_type = path::content_type(&key);
            if path::is_html(&key) {
                Reply::new(200, content_type, decorate(bytes, failure))
            } else {
                Reply::new(200, content_type, bytes)
            }
        }
        Target::Redirect(location) => {
            let mut reply = Reply::text(302, "");
            reply.location = Some(location);
            reply
        }
        Target::NotFound => {
            let page = site.get("404.html").unwrap_or(
                b"<!doctype html><title>Not found</title><body><h1>Not found</h1></body>",
            );
            Reply::new(404, HTML, decorate(page, failure))
        }
        Target::BadRequest => Reply::text(400, "bad request\n"),
    }
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

/// How often the accept loop checks whether the server is stopping.
const POLL: Duration = Duration::from_millis(20);

/// The most connections served at once (open event streams included). Each has its own
/// thread and a bounded life, so a slow or silent client never holds up anyone else;
/// past this limit a new connection gets a 503 and is closed.
pub const MAX_CONNECTIONS: usize = 256;

/// Accepts connections on `listener` until `stop` is set, each on its own thread. Returns
/// the accept thread; connection threads end on their own within their timeouts.
pub fn start(
    listener: TcpListener,
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
) -> std::io::Result<JoinHandle<()>> {
    listener.set_nonblocking(true)?;
    let open = Arc::new(AtomicUsize::new(0));
    Ok(std::thread::spawn(move || {
        while !stop.load(Ordering::SeqCst) {
            match listener.accept() {
                Ok((conn, _)) => admit(conn, &shared, &open),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => std::thread::sleep(POLL),
                // Out of descriptors and the like: wait for connections to close.
                Err(_) => std::thread::sleep(POLL),
            }
        }
    }))
}

/// Counts a connection while its thread runs.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn admit(conn: TcpStream, shared: &Arc<Shared>, open: &Arc<AtomicUsize>) {
    let _ = conn.set_nonblocking(false);
    let _ = conn.set_write_timeout(Some(http::WRITE_TIMEOUT));
    let _ = conn.set_nodelay(true);
    if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
        drop(Slot(open.clone()));
        // Answered on the accept thread without waiting: a short reply fits the send buffer.
        let reply = Reply::text(503, "too many connections\n");
        let mut conn = conn;
        let _ = http::Response {
            status: reply.status,
            headers: vec![("Content-Type", reply.content_type)],
            body: &reply.body,
            head_only: false,
        }
        .write_to(&mut conn);
        return;
    }
    let slot = Slot(open.clone());
    let shared = shared.clone();
    let spawned = std::thread::Builder::new()
        .name("mentorfolio-http".into())
        .spawn(move || {
            let _slot = slot;
            serve_connection(conn, &shared);
        });
    // If no thread can be made, the closure (and with it the connection and slot) is dropped.
    let _ = spawned;
}

/// Reads one request, answers it, closes.
fn serve_connection(mut conn: TcpStream, shared: &Shared) {
    let head = match http::read_head(&mut conn, http::HEAD_TIMEOUT) {
        Ok(head) => head,
        Err(http::Refusal::Gone) => return,
        Err(refusal) => {
            let status = refusal.status();
            let _ = reply_to(conn, "GET", &Reply::text(status, http::reason(status)));
            return;
        }
    };
    if head.method == "GET" && path::path_only(&head.target) == reload::EVENTS_PATH {
        let events = shared.hub.subscribe();
        reload::stream(conn, events, reload::HEARTBEAT);
        return;
    }
    let reply = respond(&shared.snapshot(), &head.method, &head.target);
    let _ = reply_to(conn, &head.method, &reply);
}

/// Writes `reply` and closes the connection. Unread request bytes are drained briefly
/// first, so that the client sees the answer rather than a reset.
fn reply_to(mut conn: TcpStream, method: &str, reply: &Reply) -> std::io::Result<()> {
    let mut headers = vec![
        ("Content-Type", reply.content_type),
        ("Cache-Control", "no-store"),
    ];
    if let Some(location) = &reply.location {
        headers.push(("Location", location));
    }
    if let Some(allow) = reply.allow {
        headers.push(("Allow", allow));
    }
    let response = http::Response {
        status: reply.status,
        headers,
        body: &reply.body,
        head_only: method == "HEAD",
    };
    let written = response.write_to(&mut conn);
    let _ = conn.shutdown(Shutdown::Write);
    drain(&mut conn);
    written
}

/// Reads and discards what the client still sends, at most [`DRAIN_BYTES`] for at most
/// [`DRAIN_TIME`], so closing does not reset the connection before the reply is read.
fn drain(conn: &mut TcpStream) {
    let deadline = Instant::now() + DRAIN_TIME;
    let mut left = DRAIN_BYTES;
    let mut buf = [0u8; 8192];
    while left > 0 {
        let Some(wait) = deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
        else {
            return;
        };
        if conn.set_read_timeout(Some(wait)).is_err() {
            return;
        }
        match conn.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

const DRAIN_BYTES: usize = 256 * 1024;
const DRAIN_TIME: Duration = Duration::from_millis(500);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, Diagnostic, Location};

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
        assert_eq!(*snap.site.unwrap(), site());
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
    fn with_no_good_build_every_page_is_the_overlay() {
        let snap = Snapshot {
            site: None,
            failure: Some(broken()),
        };
        let reply = respond(&snap, "GET", "/goals/");
        assert_eq!(reply.status, 503);
        let text = String::from_utf8(reply.body).unwrap();
        assert!(text.contains("E001") && text.contains("mentorfolio-live-reload"));
    }
}
