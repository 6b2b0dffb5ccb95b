//! The guard in front of tiny_http. tiny_http 0.12 parses and answers the requests, but
//! it trusts its clients in three ways a hostile one can exploit:
//!
//! 1. it reads header lines byte by byte into an unbounded buffer, so a client can make
//!    it hold as much memory as it cares to send;
//! 2. it sets no read timeout, so a client that connects and says nothing (or stops half
//!    way through its head) holds a connection thread forever;
//! 3. when a request that announced a body (over 1 KiB, or `Expect: 100-continue`) is
//!    dropped unread, it allocates the whole announced length to skip it: a
//!    `Content-Length` of 2^64-1 aborts the process, and a body announced but never sent
//!    blocks forever.
//!
//! So tiny_http listens where only the guard reaches it ([`super::upstream`]) and the
//! public listener is served here. Each connection gets its own thread (at most [`MAX_CONNECTIONS`] at once,
//! and apart from them at most [`MAX_STREAMS`] live-reload streams); its
//! head must arrive within [`HEAD_TIMEOUT`] and [`MAX_HEAD`] bytes, must be HTTP/1.x and
//! must not announce a body. Cookies are dropped unread. A head that passes is forwarded
//! to tiny_http with `Connection: close`, so tiny_http answers exactly one request, and
//! the answer is copied back as it comes (the live-reload stream included) with
//! `Connection: close` in its head: one request per connection, said plainly, so a
//! client that pipelined more knows to send them again. The guard only finds the end of
//! the head and looks at the request line and the few headers above; everything else is
//! tiny_http's.

use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub use super::upstream::Upstream;

/// The largest request head (request line and headers) read; browsers send about 1 KiB.
pub const MAX_HEAD: usize = 16 * 1024;

/// How long a client may take to send its whole request head.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a write to the client may block before the client is given up on.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// How long tiny_http may stay silent before the guard gives up on it. Longer than the
/// live-reload heartbeat, so an idle event stream is never cut.
pub const UPSTREAM_IDLE: Duration = Duration::from_secs(60);

/// The most connections served at once, not counting live-reload streams. Past this
/// limit a new connection gets a 503 and is closed.
pub const MAX_CONNECTIONS: usize = 256;

/// The most live-reload streams open at once. Streams have their own count, so open tabs
/// can never take the places of page requests.
pub const MAX_STREAMS: usize = 256;

/// How often the guard checks whether the server is stopping.
const POLL: Duration = Duration::from_millis(50);

/// A request head that passed, as the guard forwards it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    pub method: String,
    pub target: String,
    pub version: String,
    /// Every header but `Connection`, `Keep-Alive` and `Content-Length` (which is 0 here).
    pub headers: Vec<(String, String)>,
}

impl Head {
    /// The bytes sent to tiny_http: the same request, closing after one answer.
    pub fn forwarded(&self) -> Vec<u8> {
        let mut out = format!("{} {} {}\r\n", self.method, self.target, self.version);
        for (name, value) in &self.headers {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        out.push_str("Connection: close\r\n\r\n");
        out.into_bytes()
    }
}

/// Why a request was refused before it reached tiny_http, with the status to answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Malformed request line or header, or a bad `Content-Length`.
    BadRequest,
    /// The client sent nothing complete within [`HEAD_TIMEOUT`].
    Timeout,
    /// The head is larger than [`MAX_HEAD`].
    HeadTooLarge,
    /// The request announces a body; the site takes none.
    BodyNotAccepted,
    /// Not HTTP/1.0 or HTTP/1.1.
    Version,
    /// The client went away (nothing to answer).
    Gone,
}

impl Refusal {
    pub fn status(self) -> u16 {
        match self {
            Refusal::BadRequest | Refusal::Gone => 400,
            Refusal::Timeout => 408,
            Refusal::BodyNotAccepted => 413,
            Refusal::HeadTooLarge => 431,
            Refusal::Version => 505,
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        408 => "Request Timeout",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Error",
    }
}

/// Accepts connections on `listener` until `stop` is set and forwards what passes to
/// tiny_http at `upstream`. The accept itself blocks, so a request is taken the moment it
/// arrives; the returned thread watches `stop`, then wakes the accept with a connection of
/// its own and waits for it to end. Connection threads end on their own.
pub fn start(
    listener: TcpListener,
    upstream: Upstream,
    stop: Arc<AtomicBool>,
) -> io::Result<JoinHandle<()>> {
    listener.set_nonblocking(false)?;
    let wake = loopback(listener.local_addr()?);
    let open = Counts::default();
    let accepting = stop.clone();
    let accept = std::thread::spawn(move || {
        while !accepting.load(Ordering::SeqCst) {
            match listener.accept() {
                Ok((conn, _)) if !accepting.load(Ordering::SeqCst) => {
                    admit(conn, upstream.clone(), &open)
                }
                Ok(_) => return,
                // Out of descriptors and the like: wait for connections to close.
                Err(_) => std::thread::sleep(POLL),
            }
        }
    });
    Ok(std::thread::spawn(move || {
        while !stop.load(Ordering::SeqCst) {
            std::thread::sleep(POLL);
        }
        // If even a loopback connection cannot be made, leave the accept thread behind
        // rather than wait on it forever.
        if TcpStream::connect_timeout(&wake, Duration::from_secs(1)).is_ok() {
            let _ = accept.join();
        }
    }))
}

/// Where to reach `addr` from this machine: loopback when bound to all interfaces.
fn loopback(addr: SocketAddr) -> SocketAddr {
    let ip = match addr.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    SocketAddr::new(ip, addr.port())
}

/// Open connections and open live-reload streams, counted apart.
#[derive(Clone, Default)]
struct Counts {
    connections: Arc<AtomicUsize>,
    streams: Arc<AtomicUsize>,
}

/// Counts a connection (or a stream) while it is open.
struct Slot(Arc<AtomicUsize>);

impl Slot {
    /// Takes one of `limit` places, or none when all are taken.
    fn take(count: &Arc<AtomicUsize>, limit: usize) -> Option<Slot> {
        let slot = Slot(count.clone());
        (count.fetch_add(1, Ordering::SeqCst) < limit).then_some(slot)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn admit(mut conn: TcpStream, upstream: Upstream, open: &Counts) {
    let _ = conn.set_nonblocking(false);
    let _ = conn.set_write_timeout(Some(WRITE_TIMEOUT));
    let _ = conn.set_nodelay(true);
    let Some(slot) = Slot::take(&open.connections, MAX_CONNECTIONS) else {
        // Answered on the accept thread without waiting: a short reply fits the send buffer.
        let _ = refuse(&mut conn, 503);
        return;
    };
    let streams = open.streams.clone();
    let spawned = std::thread::Builder::new()
        .name("mentorfolio-guard".into())
        .spawn(move || serve(conn, upstream, slot, &streams));
    // If no thread can be made, the closure (and with it the connection and slot) is dropped.
    let _ = spawned;
}

/// One connection: read and check the head, then let tiny_http answer it. A live-reload
/// stream gives its connection place back and holds a stream place instead.
fn serve(mut conn: TcpStream, upstream: Upstream, slot: Slot, streams: &Arc<AtomicUsize>) {
    let head = match read_head(&mut conn, HEAD_TIMEOUT) {
        Ok(head) => head,
        Err(Refusal::Gone) => return,
        Err(refusal) => return close_after(conn, refusal.status()),
    };
    let _held = if head.method == "GET"
        && super::path::path_only(&head.target) == super::reload::EVENTS_PATH
    {
        let Some(stream) = Slot::take(streams, MAX_STREAMS) else {
            return close_after(conn, 503);
        };
        drop(slot);
        stream
    } else {
        slot
    };
    let Ok(mut up) = upstream.connect(HEAD_TIMEOUT) else {
        return close_after(conn, 503);
    };
    let _ = up.set_timeouts(UPSTREAM_IDLE, WRITE_TIMEOUT);
    if up.write_all(&head.forwarded()).is_err() {
        return close_after(conn, 503);
    }
    let _ = up.finish_request();
    if copy_head(&mut up, &mut conn) {
        copy(&mut up, &mut conn);
    }
    let _ = conn.shutdown(Shutdown::Write);
    drain(&mut conn);
}

/// The largest response head the guard rewrites; tiny_http's are a few hundred bytes.
const MAX_ANSWER_HEAD: usize = 64 * 1024;

/// Copies the head of tiny_http's answer with `Connection: close` in it, as the guard
/// answers one request per connection; whatever came after the head follows. Returns
/// whether there may be more to copy.
fn copy_head(from: &mut impl Read, to: &mut impl Write) -> bool {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    loop {
        match from.read(&mut chunk) {
            Ok(0) => {
                let _ = to.write_all(&buf).and_then(|()| to.flush());
                return false;
            }
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return false,
        }
        let end = buf.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4);
        let out = match end {
            Some(end) => [closing(&buf[..end]), buf[end..].to_vec()].concat(),
            None if buf.len() > MAX_ANSWER_HEAD => std::mem::take(&mut buf),
            None => continue,
        };
        return to.write_all(&out).and_then(|()| to.flush()).is_ok();
    }
}

/// A response head (ending in its blank line) with every `Connection` and `Keep-Alive`
/// header replaced by one `Connection: close`.
pub fn closing(head: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(head.len() + 19);
    let body = head.strip_suffix(b"\r\n\r\n").unwrap_or(head);
    for (i, line) in body.split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let name = line.split(|&b| b == b':').next().unwrap_or_default();
        if i > 0
            && (name.eq_ignore_ascii_case(b"connection")
                || name.eq_ignore_ascii_case(b"keep-alive"))
        {
            continue;
        }
        out.extend_from_slice(line);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"Connection: close\r\n\r\n");
    out
}

/// Copies tiny_http's answer to the client until tiny_http closes, writing each piece as
/// soon as it is read so live-reload events are not held back.
fn copy(from: &mut impl Read, to: &mut impl Write) {
    let mut buf = [0u8; 16 * 1024];
    loop {
        match from.read(&mut buf) {
            Ok(0) => return,
            Ok(n) => {
                if to.write_all(&buf[..n]).is_err() || to.flush().is_err() {
                    return;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return,
        }
    }
}

/// A short plain-text refusal, closing the connection after it.
fn refuse(conn: &mut impl Write, status: u16) -> io::Result<()> {
    let body = format!("{}\n", reason(status).to_ascii_lowercase());
    write!(
        conn,
        "HTTP/1.1 {status} {}\r\nContent-Type: text/plain; charset=utf-8\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        reason(status),
        body.len()
    )?;
    conn.flush()
}

fn close_after(mut conn: TcpStream, status: u16) {
    let _ = refuse(&mut conn, status);
    let _ = conn.shutdown(Shutdown::Write);
    drain(&mut conn);
}

/// Reads and discards what the client still sends, at most [`DRAIN_BYTES`] for at most
/// [`DRAIN_TIME`], so closing does not reset the connection before the answer is read.
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

/// A socket whose read timeout can be set, so the head has one deadline, not one per read.
pub trait Timed: Read {
    fn set_timeout(&mut self, timeout: Duration) -> io::Result<()>;
}

impl Timed for TcpStream {
    fn set_timeout(&mut self, timeout: Duration) -> io::Result<()> {
        self.set_read_timeout(Some(timeout))
    }
}

/// Reads one request head from `conn`, never more than [`MAX_HEAD`] bytes and never
/// longer than `timeout` in all (a client dripping one byte a second gains nothing).
/// Bytes after the head are never read on purpose; any that came along are dropped.
pub fn read_head(conn: &mut impl Timed, timeout: Duration) -> Result<Head, Refusal> {
    let deadline = Instant::now() + timeout;
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    let end = loop {
        if let Some(end) = find_end(&buf) {
            break end;
        }
        if buf.len() >= MAX_HEAD {
            return Err(Refusal::HeadTooLarge);
        }
        let left = deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
            .ok_or(Refusal::Timeout)?;
        conn.set_timeout(left).map_err(|_| Refusal::Gone)?;
        let want = chunk.len().min(MAX_HEAD + 4 - buf.len());
        match conn.read(&mut chunk[..want]) {
            Ok(0) if buf.is_empty() => return Err(Refusal::Gone),
            Ok(0) => return Err(Refusal::BadRequest),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Err(Refusal::Timeout);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return Err(Refusal::Gone),
        }
    };
    if end > MAX_HEAD {
        return Err(Refusal::HeadTooLarge);
    }
    parse_head(&buf[..end])
}

/// The length of the head up to its blank line, accepting bare `\n` line ends as well.
fn find_end(buf: &[u8]) -> Option<usize> {
    let crlf = buf.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4);
    let lf = buf.windows(2).position(|w| w == b"\n\n").map(|i| i + 2);
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Checks the request line and headers. Any sign of a body is refused: the site serves
/// GET and HEAD only, so it never has a reason to read one. Heads are plain ASCII, as
/// tiny_http requires.
pub fn parse_head(bytes: &[u8]) -> Result<Head, Refusal> {
    // Cookies are dropped unread, whatever bytes they hold: the site sets none and reads
    // none, and a browser sends the ones other local servers set for the same host.
    let kept: Vec<&[u8]> = bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .filter(|(i, line)| {
            let name = line.split(|&b| b == b':').next().unwrap_or_default();
            *i == 0 || !name.eq_ignore_ascii_case(b"cookie")
        })
        .map(|(_, line)| line)
        .collect();
    let bytes = kept.join(&b'\n');
    if !bytes
        .iter()
        .all(|&b| b == b'\r' || b == b'\n' || b == b'\t' || (b' '..=b'~').contains(&b))
    {
        return Err(Refusal::BadRequest);
    }
    let text = std::str::from_utf8(&bytes).map_err(|_| Refusal::BadRequest)?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let request_line = lines.next().ok_or(Refusal::BadRequest)?;
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Refusal::BadRequest);
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(Refusal::BadRequest);
    }
    if target.is_empty() || target.bytes().any(|b| b.is_ascii_control()) {
        return Err(Refusal::BadRequest);
    }
    if !version.starts_with("HTTP/") {
        return Err(Refusal::BadRequest);
    }
    if version != "HTTP/1.1" && version != "HTTP/1.0" {
        return Err(Refusal::Version);
    }
    let mut length: Option<u64> = None;
    let mut headers = Vec::new();
    for line in lines.take_while(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':').ok_or(Refusal::BadRequest)?;
        if name.is_empty() || name.bytes().any(|b| b.is_ascii_whitespace()) {
            return Err(Refusal::BadRequest);
        }
        let value = value.trim();
        if name.eq_ignore_ascii_case("Transfer-Encoding") || name.eq_ignore_ascii_case("Expect") {
            return Err(Refusal::BodyNotAccepted);
        }
        if name.eq_ignore_ascii_case("Content-Length") {
            if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Refusal::BadRequest);
            }
            // Digits only, so a failed parse means too large for any body we would take.
            let n: u64 = value.parse().unwrap_or(u64::MAX);
            if length.is_some_and(|m| m != n) {
                return Err(Refusal::BadRequest);
            }
            length = Some(n);
            continue;
        }
        if name.eq_ignore_ascii_case("Connection") || name.eq_ignore_ascii_case("Keep-Alive") {
            continue;
        }
        headers.push((name.to_string(), value.to_string()));
    }
    if length.unwrap_or(0) > 0 {
        return Err(Refusal::BodyNotAccepted);
    }
    Ok(Head {
        method: method.to_string(),
        target: target.to_string(),
        version: version.to_string(),
        headers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_answer_says_connection_close_once() {
        let head = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n";
        assert_eq!(
            String::from_utf8(closing(head)).unwrap(),
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
        );
        let mut out = Vec::new();
        let mut answer = &b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"[..];
        assert!(copy_head(&mut answer, &mut out));
        assert_eq!(
            out,
            b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
        );
    }

    #[test]
    fn cookies_of_any_bytes_are_dropped_unread() {
        let head = "GET / HTTP/1.1\r\nHost: x\r\nCookie: name=Zoë; ☕=1\r\ncookie: \x01\r\n\r\n";
        let parsed = parse_head(head.as_bytes()).unwrap();
        assert_eq!(parsed.headers, [("Host".to_string(), "x".to_string())]);
        // Other headers are still held to plain ASCII.
        let other = "GET / HTTP/1.1\r\nX-Name: Zoë\r\n\r\n";
        assert_eq!(parse_head(other.as_bytes()), Err(Refusal::BadRequest));
    }

    /// A client that hands over its bytes in small pieces, then times out or closes.
    struct Drip {
        data: Vec<u8>,
        at: usize,
        piece: usize,
        then_timeout: bool,
    }

    impl Read for Drip {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.at == self.data.len() {
                return if self.then_timeout {
                    Err(io::ErrorKind::WouldBlock.into())
                } else {
                    Ok(0)
                };
            }
            let n = self.piece.min(buf.len()).min(self.data.len() - self.at);
            buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    impl Timed for Drip {
        fn set_timeout(&mut self, _: Duration) -> io::Result<()> {
            Ok(())
        }
    }

    fn read(data: &[u8], then_timeout: bool) -> Result<Head, Refusal> {
        let mut conn = Drip {
            data: data.to_vec(),
            at: 0,
            piece: 7,
            then_timeout,
        };
        read_head(&mut conn, HEAD_TIMEOUT)
    }

    #[test]
    fn a_plain_get_is_read_even_in_small_pieces_and_forwarded_to_close() {
        let head = read(
            b"GET /goals/?x=1 HTTP/1.1\r\nHost: a\r\nConnection: keep-alive\r\n\
              Keep-Alive: timeout=5\r\nContent-Length: 0\r\nAccept: text/html\r\n\r\n",
            true,
        )
        .unwrap();
        assert_eq!(
            (head.method.as_str(), head.target.as_str()),
            ("GET", "/goals/?x=1")
        );
        assert_eq!(
            String::from_utf8(head.forwarded()).unwrap(),
            "GET /goals/?x=1 HTTP/1.1\r\nHost: a\r\nAccept: text/html\r\nConnection: close\r\n\r\n"
        );
        // Bare line ends are read, and forwarded with the CRLF tiny_http needs.
        let head = read(b"HEAD / HTTP/1.0\nHost: b\n\n", true).unwrap();
        assert_eq!(
            head.forwarded(),
            b"HEAD / HTTP/1.0\r\nHost: b\r\nConnection: close\r\n\r\n"
        );
    }

    #[test]
    fn huge_heads_stop_at_the_limit() {
        let mut big = b"GET / HTTP/1.1\r\n".to_vec();
        while big.len() < 1 << 20 {
            big.extend_from_slice(b"X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n");
        }
        let mut conn = Drip {
            data: big,
            at: 0,
            piece: 1024,
            then_timeout: true,
        };
        assert_eq!(
            read_head(&mut conn, HEAD_TIMEOUT),
            Err(Refusal::HeadTooLarge)
        );
        assert!(conn.at <= MAX_HEAD + 4, "read {} bytes", conn.at);
        let long_line = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_HEAD));
        assert_eq!(read(long_line.as_bytes(), true), Err(Refusal::HeadTooLarge));
    }

    #[test]
    fn any_announced_body_is_refused_unread() {
        for head in [
            "POST / HTTP/1.1\r\nContent-Length: 104857600\r\n\r\n",
            "POST / HTTP/1.1\r\nContent-Length: 18446744073709551615\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello",
            "GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
            "GET / HTTP/1.1\r\ntransfer-encoding: identity\r\n\r\n",
            "GET / HTTP/1.1\r\nExpect: 100-continue\r\n\r\n",
        ] {
            assert_eq!(
                read(head.as_bytes(), true),
                Err(Refusal::BodyNotAccepted),
                "{head:?}"
            );
        }
        assert!(read(b"GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n", true).is_ok());
    }

    #[test]
    fn malformed_or_silent_clients_are_refused() {
        assert_eq!(read(b"", false), Err(Refusal::Gone));
        assert_eq!(read(b"GET / HTTP/1.1\r\n", true), Err(Refusal::Timeout));
        assert_eq!(read(b"GET / HTTP/1.1\r\n", false), Err(Refusal::BadRequest));
        for bad in [
            "GET /\r\n\r\n",
            "get / HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1 extra\r\n\r\n",
            "GET / FTP/1.0\r\n\r\n",
            "GET / HTTP/1.1\r\nno colon here\r\n\r\n",
            "GET / HTTP/1.1\r\n folded: line\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: +0\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: lots\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: 0\r\nContent-Length: 3\r\n\r\n",
            "GET /caf\u{e9} HTTP/1.1\r\n\r\n",
        ] {
            assert_eq!(
                read(bad.as_bytes(), true),
                Err(Refusal::BadRequest),
                "{bad:?}"
            );
        }
        assert_eq!(read(b"GET / HTTP/2.0\r\n\r\n", true), Err(Refusal::Version));
        assert_eq!(
            read(&[0xff, 0xfe, b'\n', b'\n'], true),
            Err(Refusal::BadRequest)
        );
    }

    /// Records what reaches the client, and how often it was flushed.
    #[derive(Default)]
    struct Client {
        bytes: Vec<u8>,
        flushed_at: Vec<usize>,
    }

    impl Write for Client {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.bytes.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            self.flushed_at.push(self.bytes.len());
            Ok(())
        }
    }

    #[test]
    fn each_piece_of_the_answer_is_passed_on_at_once() {
        let stream = b"HTTP/1.1 200 OK\r\n\r\ndata: reload\n\ndata: css\n\n".to_vec();
        let mut upstream = Drip {
            data: stream.clone(),
            at: 0,
            piece: 11,
            then_timeout: false,
        };
        let mut client = Client::default();
        copy(&mut upstream, &mut client);
        assert_eq!(client.bytes, stream);
        // Flushed after every read, not once at the end.
        let expected: Vec<usize> = (1..=stream.len().div_ceil(11))
            .map(|i| (i * 11).min(stream.len()))
            .collect();
        assert_eq!(client.flushed_at, expected);
    }

    /// A stand-in for tiny_http: records each head it is sent and answers `ok`.
    fn upstream() -> (SocketAddr, std::sync::mpsc::Receiver<String>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(mut conn) = conn else { return };
                let mut head = Vec::new();
                let _ = conn.read_to_end(&mut head);
                let _ = conn.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                if tx
                    .send(String::from_utf8_lossy(&head).into_owned())
                    .is_err()
                {
                    return;
                }
            }
        });
        (addr, rx)
    }

    fn exchange(addr: SocketAddr, request: &[u8]) -> String {
        let mut conn = TcpStream::connect(addr).unwrap();
        conn.set_read_timeout(Some(HEAD_TIMEOUT)).unwrap();
        conn.write_all(request).unwrap();
        let mut answer = Vec::new();
        conn.read_to_end(&mut answer).unwrap();
        String::from_utf8_lossy(&answer).into_owned()
    }

    #[test]
    fn good_heads_reach_the_server_behind_and_refused_ones_never_do() {
        let (behind, seen) = upstream();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let front = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let accept = start(listener, Upstream::Tcp(behind), stop.clone()).unwrap();

        let refused = exchange(
            front,
            b"POST / HTTP/1.1\r\nContent-Length: 18446744073709551615\r\n\r\n",
        );
        assert!(refused.starts_with("HTTP/1.1 413 "), "{refused}");
        let answer = exchange(
            front,
            b"GET /goals/ HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n",
        );
        assert!(answer.ends_with("\r\n\r\nok"), "{answer}");
        // The first head tiny_http would see is the good one, closing after one answer.
        let forwarded = seen.recv_timeout(HEAD_TIMEOUT).unwrap();
        assert_eq!(
            forwarded,
            "GET /goals/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        );

        stop.store(true, Ordering::SeqCst);
        accept.join().unwrap();
    }
}
