//! The dev server under hostile or careless clients, over a real socket: huge heads,
//! bodies it never asked for, clients that connect and say nothing, and a flood of
//! requests. Each is refused or served without the server buffering, hanging or dying,
//! and the server still answers afterwards. Every wait is bounded by a timeout.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use mentorfolio::serve::guard::{HEAD_TIMEOUT, MAX_HEAD};
use mentorfolio::serve::server::{self, Shared, Snapshot};
use mentorfolio::site::Site;

const IO: Duration = Duration::from_secs(10);

struct Running {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
    accept: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        self.shared.hub.close_all();
        if let Some(a) = self.accept.take() {
            let _ = a.join();
        }
    }
}

fn start() -> Running {
    let mut site = Site::default();
    site.insert("index.html", "<html><body><h1>Dashboard</h1></body></html>");
    site.insert("404.html", "<html><body>not here</body></html>");
    site.insert(
        "goals/index.html",
        "<html><body><h1>Goals</h1></body></html>",
    );
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let shared = Arc::new(Shared::default());
    shared.set(Snapshot {
        site: Some(Arc::new(site)),
        failure: None,
        notes: None,
    });
    let stop = Arc::new(AtomicBool::new(false));
    let accept = server::start(listener, shared.clone(), stop.clone()).unwrap();
    Running {
        addr,
        shared,
        stop,
        accept: Some(accept),
    }
}

fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect_timeout(&addr, IO).unwrap();
    s.set_read_timeout(Some(IO)).unwrap();
    s.set_write_timeout(Some(IO)).unwrap();
    s
}

/// A normal page request: status and body. Panics if no answer comes within `IO`.
fn get(addr: SocketAddr, target: &str) -> (u16, String) {
    let mut s = connect(addr);
    write!(s, "GET {target} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes)
        .unwrap_or_else(|e| panic!("no answer to GET {target}: {e}"));
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let status = text
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP response: {text:?}"));
    let body = text
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

/// What a refused request got back: a status, or a closed connection (`None`).
/// A read that times out is a failure: the server must never just sit on the request.
fn outcome(mut s: TcpStream) -> Option<u16> {
    let _ = s.shutdown(Shutdown::Write);
    let mut bytes = Vec::new();
    match s.read_to_end(&mut bytes) {
        Ok(_) => {}
        Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
            panic!("the server held the connection open without answering")
        }
        // A reset after the server closed with our bytes unread: refused, by closing.
        Err(_) if bytes.is_empty() => return None,
        Err(_) => {}
    }
    String::from_utf8_lossy(&bytes)
        .get(9..12)
        .and_then(|s| s.parse().ok())
}

fn assert_still_serving(addr: SocketAddr) {
    let (status, body) = get(addr, "/");
    assert_eq!(status, 200);
    assert!(body.contains("<h1>Dashboard</h1>"), "{body}");
}

#[test]
fn a_megabyte_of_header_lines_is_refused_unbuffered() {
    let run = start();
    let mut s = connect(run.addr);
    let mut head = b"GET / HTTP/1.1\r\nHost: x\r\n".to_vec();
    while head.len() < 1 << 20 {
        head.extend_from_slice(b"X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n");
    }
    head.extend_from_slice(b"\r\n");
    // The server stops reading at its limit, so this write may fail part way: that is fine.
    let _ = s.write_all(&head);
    let got = outcome(s);
    assert!(matches!(got, Some(431) | None), "{got:?}");
    assert_still_serving(run.addr);
}

#[test]
fn one_huge_header_line_and_a_huge_target_are_refused() {
    let run = start();
    for head in [
        format!(
            "GET / HTTP/1.1\r\nX-Big: {}\r\n\r\n",
            "b".repeat(2 * MAX_HEAD)
        ),
        format!("GET /{} HTTP/1.1\r\n\r\n", "c".repeat(2 * MAX_HEAD)),
    ] {
        let mut s = connect(run.addr);
        let _ = s.write_all(head.as_bytes());
        let got = outcome(s);
        assert!(matches!(got, Some(431) | None), "{got:?}");
    }
    assert_still_serving(run.addr);
}

#[test]
fn bodies_are_refused_without_waiting_for_them() {
    let run = start();
    for head in [
        // 100 MB announced, a few bytes sent: the answer must not wait for the rest.
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\nfirst bytes",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 18446744073709551615\r\n\r\n",
        "PUT /goals/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
        "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 1000000\r\n\r\n",
    ] {
        let mut s = connect(run.addr);
        s.write_all(head.as_bytes()).unwrap();
        // Keep the connection open for writing, as a client still uploading would.
        let mut bytes = Vec::new();
        let read = s.read_to_end(&mut bytes);
        assert!(
            !matches!(&read, Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut)),
            "no answer to {head:?}"
        );
        let text = String::from_utf8_lossy(&bytes);
        let status: Option<u16> = text.get(9..12).and_then(|s| s.parse().ok());
        assert!(
            matches!(status, Some(400 | 413) | None),
            "{head:?}: {status:?}"
        );
        assert!(!text.contains("Dashboard"), "{head:?} was served a page");
    }
    assert_still_serving(run.addr);
}

#[test]
fn idle_connections_do_not_block_page_requests() {
    let run = start();
    // Silent clients, and clients that stop half way through their head.
    let silent: Vec<TcpStream> = (0..16).map(|_| connect(run.addr)).collect();
    let partial: Vec<TcpStream> = (0..8)
        .map(|_| {
            let mut s = connect(run.addr);
            s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Wait").unwrap();
            s
        })
        .collect();
    for target in ["/", "/goals/", "/", "/missing/"] {
        let (status, _) = get(run.addr, target);
        assert!(status == 200 || status == 404, "{target}: {status}");
    }
    // And they are not kept forever: each is answered (408) or closed after the head timeout.
    let mut idle = silent.into_iter().next().unwrap();
    idle.set_read_timeout(Some(HEAD_TIMEOUT * 3)).unwrap();
    let mut bytes = Vec::new();
    let read = idle.read_to_end(&mut bytes);
    assert!(
        !matches!(&read, Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut)),
        "an idle connection was kept open past the head timeout"
    );
    if !bytes.is_empty() {
        assert!(
            bytes.starts_with(b"HTTP/1.1 408"),
            "{:?}",
            String::from_utf8_lossy(&bytes)
        );
    }
    drop(partial);
    assert_still_serving(run.addr);
}

#[test]
fn a_flood_of_a_thousand_requests_from_four_clients_is_served() {
    let run = start();
    let addr = run.addr;
    let clients: Vec<_> = (0..4)
        .map(|c| {
            std::thread::spawn(move || {
                let mut errors = Vec::new();
                for i in 0..250 {
                    let target = if (i + c) % 2 == 0 { "/" } else { "/goals/" };
                    let (status, body) = get(addr, target);
                    let want = if target == "/" { "Dashboard" } else { "Goals" };
                    if status != 200 || !body.contains(want) {
                        errors.push(format!("{target}: {status}"));
                    }
                }
                errors
            })
        })
        .collect();
    let errors: Vec<String> = clients
        .into_iter()
        .flat_map(|c| c.join().expect("a client thread panicked"))
        .collect();
    assert!(
        errors.is_empty(),
        "{} failed: {:?}",
        errors.len(),
        &errors[..errors.len().min(5)]
    );
    assert_still_serving(run.addr);
}

#[test]
fn after_every_kind_of_abuse_the_server_still_answers() {
    let run = start();
    // Garbage, a wrong protocol, a half-closed client, an unsupported version.
    for junk in [
        &b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"[..],
        b"HELLO\r\n\r\n",
        b"GET / HTTP/2.0\r\n\r\n",
        b"GET / HTTP/1.1\r\nbroken header\r\n\r\n",
        b"\r\n\r\n",
    ] {
        let mut s = connect(run.addr);
        s.write_all(junk).unwrap();
        let got = outcome(s);
        assert!(matches!(got, Some(400 | 505) | None), "{junk:?}: {got:?}");
    }
    let s = connect(run.addr);
    s.shutdown(Shutdown::Both).unwrap();
    drop(s);
    assert_still_serving(run.addr);
}
