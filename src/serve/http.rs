//! The little HTTP/1.1 the dev server speaks, with hard limits: a request head is read
//! up to [`MAX_HEAD`] bytes within [`HEAD_TIMEOUT`], request bodies are refused unread,
//! and every connection closes after one response. A hostile or idle client can hold one
//! connection slot for a bounded time, never a shared worker or unbounded memory.

use std::io::{self, Read, Write};
use std::time::{Duration, Instant};

/// The largest request head (request line and headers) read; browsers send about 1 KiB.
pub const MAX_HEAD: usize = 16 * 1024;

/// How long a client may take to send its whole request head.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a response may take to be written before the client is given up on.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// A parsed request head.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    pub method: String,
    pub target: String,
}

/// Why a request was refused before it reached the site, with the status to answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Malformed request line or header, or a bad `Content-Length`.
    BadRequest,
    /// The client sent nothing complete within [`HEAD_TIMEOUT`].
    Timeout,
    /// The head is larger than [`MAX_HEAD`].
    HeadTooLarge,
    /// The request carries a body; the server accepts none.
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

/// The reason phrase of the statuses this server sends.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// A socket whose read timeout can be set, so the head has one deadline, not one per read.
pub trait Timed: Read {
    fn set_timeout(&mut self, timeout: Duration) -> io::Result<()>;
}

impl Timed for std::net::TcpStream {
    fn set_timeout(&mut self, timeout: Duration) -> io::Result<()> {
        self.set_read_timeout(Some(timeout))
    }
}

/// Reads one request head from `conn`, never more than [`MAX_HEAD`] bytes and never
/// longer than `timeout` in all (a client dripping one byte a second gains nothing).
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

/// Parses the request line and headers. Any sign of a body is refused: the server serves
/// GET and HEAD only, so it never has a reason to read one.
pub fn parse_head(bytes: &[u8]) -> Result<Head, Refusal> {
    let text = std::str::from_utf8(bytes).map_err(|_| Refusal::BadRequest)?;
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
    if target.is_empty() || target.bytes().any(|b| b.is_ascii_control() || b == b' ') {
        return Err(Refusal::BadRequest);
    }
    if !version.starts_with("HTTP/") {
        return Err(Refusal::BadRequest);
    }
    if version != "HTTP/1.1" && version != "HTTP/1.0" {
        return Err(Refusal::Version);
    }
    let mut length: Option<u64> = None;
    for line in lines.take_while(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':').ok_or(Refusal::BadRequest)?;
        if name.is_empty() || name.bytes().any(|b| b.is_ascii_whitespace()) {
            return Err(Refusal::BadRequest);
        }
        let value = value.trim();
        if name.eq_ignore_ascii_case("Transfer-Encoding") {
            return Err(Refusal::BodyNotAccepted);
        }
        if name.eq_ignore_ascii_case("Content-Length") {
            let n: u64 = value.parse().map_err(|_| Refusal::BadRequest)?;
            if length.is_some_and(|m| m != n) {
                return Err(Refusal::BadRequest);
            }
            length = Some(n);
        }
    }
    if length.unwrap_or(0) > 0 {
        return Err(Refusal::BodyNotAccepted);
    }
    Ok(Head {
        method: method.to_string(),
        target: target.to_string(),
    })
}

/// One complete response, closing the connection after it.
pub struct Response<'a> {
    pub status: u16,
    pub headers: Vec<(&'static str, &'a str)>,
    pub body: &'a [u8],
    /// HEAD: the head says how long the body is, but the body is not sent.
    pub head_only: bool,
}

impl Response<'_> {
    pub fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(name);
            head.push_str(": ");
            head.push_str(value);
            head.push_str("\r\n");
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            self.body.len()
        ));
        out.write_all(head.as_bytes())?;
        if !self.head_only {
            out.write_all(self.body)?;
        }
        out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_plain_get_is_read_even_in_small_pieces() {
        let head = read(b"GET /goals/?x=1 HTTP/1.1\r\nHost: a\r\n\r\n", true).unwrap();
        assert_eq!(
            (head.method.as_str(), head.target.as_str()),
            ("GET", "/goals/?x=1")
        );
        assert!(read(b"HEAD / HTTP/1.0\n\n", true).is_ok());
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
    fn bodies_are_refused_unread() {
        for head in [
            "POST / HTTP/1.1\r\nContent-Length: 104857600\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello",
            "GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
        ] {
            let got = read(head.as_bytes(), true);
            assert!(
                matches!(got, Err(Refusal::BodyNotAccepted | Refusal::BadRequest)),
                "{head:?}: {got:?}"
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
            "GET / HTTP/1.1\r\nContent-Length: 0\r\nContent-Length: 3\r\n\r\n",
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
}
