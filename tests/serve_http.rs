//! The server's HTTP behaviour over a real socket, with a hand-made in-memory site.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use mentorfolio::serve::server::{self, Shared, Snapshot};
use mentorfolio::serve::{Rendered, rebuild, watch::Change};
use mentorfolio::site::Site;

const TIMEOUT: Duration = Duration::from_secs(10);

struct Running {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
    workers: Vec<std::thread::JoinHandle<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        self.shared.hub.close_all();
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

fn site(title: &str) -> Site {
    let mut s = Site::default();
    s.insert(
        "index.html",
        format!("<html><body><h1>{title}</h1></body></html>"),
    );
    s.insert("404.html", "<html><body>not here</body></html>");
    s.insert("static/site.css", "h1{color:teal}");
    s.insert("meetings.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
    s.insert("goals/index.html", "<html><body>goals</body></html>");
    s
}

fn start(site: Site) -> Running {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let shared = Arc::new(Shared::default());
    shared.set(Snapshot {
        site: Some(Arc::new(site)),
        failure: None,
        notes: None,
    });
    let stop = Arc::new(AtomicBool::new(false));
    let workers = vec![server::start(listener, shared.clone(), stop.clone()).unwrap()];
    Running {
        addr,
        shared,
        stop,
        workers,
    }
}

/// Sends a raw request and reads the whole response (the server closes after `Connection: close`).
fn raw(addr: SocketAddr, method: &str, target: &str) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect_timeout(&addr, TIMEOUT).unwrap();
    s.set_read_timeout(Some(TIMEOUT)).unwrap();
    write!(
        s,
        "{method} {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes).unwrap();
    let split = bytes.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&bytes[..split]).to_string();
    let status = head[9..12].parse().unwrap();
    (status, head, bytes[split + 4..].to_vec())
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

/// Opens the event stream and returns a reader positioned after its head.
fn events(addr: SocketAddr) -> (String, BufReader<TcpStream>) {
    let mut s = TcpStream::connect_timeout(&addr, TIMEOUT).unwrap();
    s.set_read_timeout(Some(TIMEOUT)).unwrap();
    write!(s, "GET /__mentorfolio/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut reader = BufReader::new(s);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line == "\r\n" || line.is_empty() {
            break;
        }
        head.push_str(&line);
    }
    (head, reader)
}

fn next_data(reader: &mut BufReader<TcpStream>) -> String {
    loop {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).unwrap() > 0, "stream closed");
        if let Some(data) = line.strip_prefix("data: ") {
            return data.trim().to_string();
        }
    }
}

#[test]
fn pages_have_the_right_headers_and_head_has_no_body() {
    let run = start(site("Dashboard"));
    let (status, head, body) = raw(run.addr, "GET", "/");
    assert_eq!(status, 200);
    assert_eq!(
        header(&head, "Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(header(&head, "Cache-Control"), Some("no-store"));
    let text = String::from_utf8(body).unwrap();
    assert!(text.contains("<h1>Dashboard</h1>") && text.contains("/__mentorfolio/events"));

    let (status, head, body) = raw(run.addr, "GET", "/meetings.ics");
    assert_eq!(status, 200);
    assert_eq!(
        header(&head, "Content-Type"),
        Some("text/calendar; charset=utf-8")
    );
    assert_eq!(body, b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");

    let (status, head, body) = raw(run.addr, "HEAD", "/static/site.css");
    assert_eq!(status, 200);
    assert_eq!(
        header(&head, "Content-Type"),
        Some("text/css; charset=utf-8")
    );
    assert!(body.is_empty());

    let (status, head, _) = raw(run.addr, "GET", "/goals");
    assert_eq!((status, header(&head, "Location")), (302, Some("/goals/")));

    let (status, _, body) = raw(run.addr, "GET", "/nope");
    assert_eq!(status, 404);
    assert!(String::from_utf8(body).unwrap().contains("not here"));

    let (status, head, _) = raw(run.addr, "POST", "/");
    assert_eq!((status, header(&head, "Allow")), (405, Some("GET, HEAD")));
}

#[test]
fn traversal_over_the_wire_gets_400_or_404() {
    let run = start(site("x"));
    for target in [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/static%2f..%2f..%2fetc%2fpasswd",
        "/..%5c..%5cetc%5cpasswd",
        "/static/..\\..\\Cargo.toml",
        "/index.html%00.css",
        "//etc/passwd",
        "/Cargo.toml",
        "/src/main.rs",
    ] {
        let (status, _, body) = raw(run.addr, "GET", target);
        assert!(status == 400 || status == 404, "{target}: {status}");
        let text = String::from_utf8_lossy(&body);
        assert!(
            !text.contains("root:") && !text.contains("[package]"),
            "{target}"
        );
    }
}

#[test]
fn events_stream_unbuffered_after_each_rebuild_and_many_tabs_never_starve_pages() {
    let run = start(site("one"));
    // More open streams than workers: pages must still be answered.
    let mut tabs: Vec<_> = (0..8).map(|_| events(run.addr)).collect();
    let (head, _) = &tabs[0];
    assert!(head.starts_with("HTTP/1.1 200"));
    assert_eq!(header(head, "Content-Type"), Some("text/event-stream"));
    assert_eq!(header(head, "Cache-Control"), Some("no-store"));
    assert_eq!(header(head, "Transfer-Encoding"), None);
    // Every stream is subscribed once its head has arrived; rebuild and watch them all.
    let build = || Rendered {
        site: Some(site("two")),
        diagnostics: vec![],
    };
    rebuild(&run.shared, build, Change::Full);
    for (_, reader) in tabs.iter_mut() {
        assert_eq!(next_data(reader), "reload");
    }
    let (_, _, body) = raw(run.addr, "GET", "/");
    assert!(String::from_utf8(body).unwrap().contains("<h1>two</h1>"));
    rebuild(&run.shared, build, Change::Css);
    assert_eq!(next_data(&mut tabs[3].1), "css");
}

/// Sends `request` as it is and reads until the server closes.
fn exchange(addr: SocketAddr, request: &[u8]) -> String {
    let mut s = TcpStream::connect_timeout(&addr, TIMEOUT).unwrap();
    s.set_read_timeout(Some(TIMEOUT)).unwrap();
    s.write_all(request).unwrap();
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes).unwrap();
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn a_doubled_slash_never_redirects_to_another_host() {
    let run = start(site("one"));
    for target in ["//goals", "///goals", "//goals?x=1"] {
        let (status, head, _) = raw(run.addr, "GET", target);
        assert_eq!(status, 302, "{target}");
        assert_eq!(header(&head, "Location"), Some("/goals/"), "{target}");
    }
    for target in ["/\\goals", "/%5cgoals", "/%2f%2fgoals"] {
        let (status, head, _) = raw(run.addr, "GET", target);
        assert!(status == 400 || status == 404, "{target}: {status}");
        assert_eq!(header(&head, "Location"), None, "{target}");
    }
}

#[test]
fn every_answer_closes_and_pipelined_requests_get_one_answer() {
    let run = start(site("one"));
    for request in [
        "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /goals HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n",
        "GET /nowhere HTTP/1.0\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\n\r\n",
    ] {
        let answer = exchange(run.addr, request.as_bytes());
        let head = answer.split("\r\n\r\n").next().unwrap();
        assert_eq!(header(head, "Connection"), Some("close"), "{request:?}");
        assert_eq!(head.matches("onnection:").count(), 1, "{head}");
    }
    let (head, _) = events(run.addr);
    assert_eq!(header(&head, "Connection"), Some("close"));
    let answer = exchange(
        run.addr,
        b"GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /goals/ HTTP/1.1\r\nHost: x\r\n\r\n",
    );
    assert_eq!(answer.matches("HTTP/1.1 ").count(), 1, "{answer}");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("Connection: close\r\n"), "{answer}");
}

#[test]
fn cookies_of_any_kind_are_ignored() {
    let run = start(site("one"));
    let request = "GET / HTTP/1.1\r\nHost: x\r\nCookie: name=Zoë; ☕=1; x=\"a;b\"\r\n\r\n";
    let answer = exchange(run.addr, request.as_bytes());
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("<h1>one</h1>"));
}
