//! Where tiny_http listens behind the guard. On Unix it is a socket file in a folder only
//! the user running `serve` can enter, so no other program reaches tiny_http without
//! going through the guard; elsewhere it is a loopback port.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::time::Duration;

/// The address tiny_http answers on.
#[derive(Clone, Debug)]
pub enum Upstream {
    Tcp(SocketAddr),
    #[cfg(unix)]
    Unix(std::path::PathBuf),
}

/// A connection to tiny_http.
pub enum Connection {
    Tcp(TcpStream),
    #[cfg(unix)]
    Unix(std::os::unix::net::UnixStream),
}

impl Upstream {
    pub fn connect(&self, timeout: Duration) -> io::Result<Connection> {
        match self {
            Upstream::Tcp(addr) => TcpStream::connect_timeout(addr, timeout).map(Connection::Tcp),
            #[cfg(unix)]
            Upstream::Unix(path) => {
                std::os::unix::net::UnixStream::connect(path).map(Connection::Unix)
            }
        }
    }
}

impl Connection {
    pub fn set_timeouts(&self, read: Duration, write: Duration) -> io::Result<()> {
        match self {
            Connection::Tcp(s) => {
                s.set_read_timeout(Some(read))?;
                s.set_write_timeout(Some(write))
            }
            #[cfg(unix)]
            Connection::Unix(s) => {
                s.set_read_timeout(Some(read))?;
                s.set_write_timeout(Some(write))
            }
        }
    }

    /// Says the request is complete, so tiny_http answers it and closes.
    pub fn finish_request(&self) -> io::Result<()> {
        match self {
            Connection::Tcp(s) => s.shutdown(Shutdown::Write),
            #[cfg(unix)]
            Connection::Unix(s) => s.shutdown(Shutdown::Write),
        }
    }
}

impl Read for Connection {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Connection::Tcp(s) => s.read(buf),
            #[cfg(unix)]
            Connection::Unix(s) => s.read(buf),
        }
    }
}

impl Write for Connection {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Connection::Tcp(s) => s.write(buf),
            #[cfg(unix)]
            Connection::Unix(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Connection::Tcp(s) => s.flush(),
            #[cfg(unix)]
            Connection::Unix(s) => s.flush(),
        }
    }
}

/// tiny_http on a socket in a fresh private folder (Unix), kept until the value is dropped.
#[cfg(unix)]
pub fn listen() -> io::Result<(tiny_http::Server, Upstream, Option<tempfile::TempDir>)> {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::Builder::new()
        .prefix("mentorfolio-serve-")
        .permissions(std::fs::Permissions::from_mode(0o700))
        .tempdir()?;
    let path = dir.path().join("http.sock");
    let server = tiny_http::Server::http_unix(&path).map_err(io::Error::other)?;
    Ok((server, Upstream::Unix(path), Some(dir)))
}

/// tiny_http on a loopback port chosen by the system.
#[cfg(not(unix))]
pub fn listen() -> io::Result<(tiny_http::Server, Upstream, Option<tempfile::TempDir>)> {
    let server = tiny_http::Server::http("127.0.0.1:0").map_err(io::Error::other)?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| io::Error::other("tiny_http is not listening on an IP address"))?;
    Ok((server, Upstream::Tcp(addr), None))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn tiny_http_listens_in_a_folder_only_this_user_enters_and_it_goes_with_the_server() {
        let (server, upstream, dir) = listen().unwrap();
        let Upstream::Unix(path) = &upstream else {
            panic!("a socket file on Unix")
        };
        let dir = dir.unwrap();
        let mode = std::fs::metadata(dir.path()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        assert!(server.server_addr().to_ip().is_none(), "no TCP port");
        let mut conn = upstream.connect(Duration::from_secs(5)).unwrap();
        conn.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        conn.finish_request().unwrap();
        let request = server.recv().unwrap();
        assert_eq!(request.url(), "/");
        let (folder, socket) = (dir.path().to_path_buf(), path.clone());
        drop(dir);
        assert!(!socket.exists() && !folder.exists());
    }
}
