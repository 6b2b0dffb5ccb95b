//! A running `mentorfolio serve` over a journal, and the files a build wrote, for tests
//! that compare what is served with what is built.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// Every file under `dir`, by its `/`-separated relative path.
pub fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

pub const IO: Duration = Duration::from_secs(10);
pub const STARTUP: Duration = Duration::from_secs(60);
pub const REBUILD: Duration = Duration::from_secs(30);

/// A running `mentorfolio serve`, killed when dropped.
pub struct Serve {
    child: Child,
    pub addr: SocketAddr,
    _stdout: Receiver<String>,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Builds the journal, keeps what `build` wrote (its output marker aside, which only
/// `build` writes), removes the output so the server cannot read from it, and serves the
/// journal: the built files, to ask the server for, and the server.
pub fn build_then_serve(j: &super::Journal) -> (Vec<(String, Vec<u8>)>, Serve) {
    j.cmd(&["build"]).assert().success();
    let mut built = files(&j.path().join("public"));
    built.retain(|(p, _)| p != mentorfolio::output::MARKER);
    std::fs::remove_dir_all(j.path().join("public")).unwrap();
    (built, serve(j.path()))
}

pub fn serve(root: &Path) -> Serve {
    for _ in 0..5 {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
            .to_string();
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("mentorfolio"))
            .arg("--root")
            .arg(root)
            .args([
                "--today",
                super::TODAY,
                "--color",
                "never",
                "serve",
                "--port",
                &port,
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let (tx, rx) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let deadline = Instant::now() + STARTUP;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            let Ok(line) = rx.recv_timeout(left) else {
                break;
            };
            if let Some(at) = line.split(" at http://").nth(1) {
                let addr = at.split('/').next().unwrap().parse().unwrap();
                return Serve {
                    child,
                    addr,
                    _stdout: rx,
                };
            }
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    panic!("the server did not start");
}

pub fn get(addr: SocketAddr, target: &str) -> (u16, Vec<u8>) {
    let mut s = TcpStream::connect_timeout(&addr, IO).unwrap();
    s.set_read_timeout(Some(IO)).unwrap();
    write!(
        s,
        "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes).unwrap();
    let split = bytes.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let status = String::from_utf8_lossy(&bytes[9..12]).parse().unwrap();
    (status, bytes[split + 4..].to_vec())
}

/// The request target for a built file: folders for pages, the file itself otherwise.
pub fn target_of(path: &str) -> String {
    let encoded: String = path
        .split('/')
        .map(|s| {
            percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
        })
        .collect::<Vec<_>>()
        .join("/");
    format!(
        "/{}",
        encoded.strip_suffix("index.html").unwrap_or(&encoded)
    )
}
