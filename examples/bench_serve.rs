//! Times one edit in `mentorfolio serve`, from writing a journal file to the reload event
//! on the server's event stream, as an open page would hear it. Part of the benchmark in
//! `scripts/bench/run.sh` (see docs/performance.md).
//!
//! Usage: `cargo run --release --example bench_serve -- MENTORFOLIO_BINARY JOURNAL [EDITS]`
//!
//! The journal is edited in place (a sentence is appended to one goal, then to one meeting,
//! in turn) and restored at the end, so pass a copy. Prints the median, fastest and slowest
//! time in milliseconds.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const TODAY: &str = "2026-08-28";

/// Stops the server however the benchmark ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn first_markdown(dir: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files.into_iter().next().expect("a Markdown file")
}

/// Connects to the event stream once the server answers, and reads past the response head.
fn events(port: u16) -> BufReader<TcpStream> {
    let started = Instant::now();
    let stream = loop {
        match TcpStream::connect(("127.0.0.1", port)) {
            Ok(s) => break s,
            Err(_) if started.elapsed() < Duration::from_secs(120) => {
                std::thread::sleep(Duration::from_millis(50))
            }
            Err(e) => panic!("the server did not start: {e}"),
        }
    };
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut reader = BufReader::new(stream);
    reader
        .get_mut()
        .write_all(b"GET /__mentorfolio/events HTTP/1.1\r\nHost: bench\r\n\r\n")
        .unwrap();
    let mut line = String::new();
    loop {
        line.clear();
        reader.read_line(&mut line).unwrap();
        if line == "\r\n" || line.is_empty() {
            return reader;
        }
    }
}

/// Reads and drops what the stream already holds: an event left over from an earlier
/// rebuild (a save the watcher saw as two writes) would otherwise end the next timing at
/// once.
fn drain(reader: &mut BufReader<TcpStream>) {
    let stream = reader.get_ref().try_clone().unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(20)))
        .unwrap();
    let mut line = String::new();
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) => panic!("the event stream closed"),
            Ok(_) => {}
            Err(_) => break,
        }
    }
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
}

/// Reads the stream until a reload (or stylesheet) event arrives.
fn wait_for_event(reader: &mut BufReader<TcpStream>) {
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap() == 0 {
            panic!("the event stream closed");
        }
        if line.starts_with("data: reload") || line.starts_with("data: css") {
            return;
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (binary, root) = match &args[..] {
        [_, binary, root, ..] => (binary.clone(), PathBuf::from(root)),
        _ => {
            eprintln!("usage: bench_serve MENTORFOLIO_BINARY JOURNAL [EDITS]");
            std::process::exit(2);
        }
    };
    let edits: usize = args
        .get(3)
        .map_or(11, |n| n.parse().expect("EDITS is a number"));
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap();
    let _server = Server(
        Command::new(&binary)
            .args(["--quiet", "--today", TODAY, "--root"])
            .arg(&root)
            .args(["serve", "--port", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("mentorfolio starts"),
    );
    let mut stream = events(port);
    // Let the first full render of every page (which an edit interrupts) settle.
    std::thread::sleep(Duration::from_secs(2));
    let files = [
        first_markdown(&root.join("goals")),
        first_markdown(&root.join("meetings")),
    ];
    let originals: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let mut times = Vec::with_capacity(edits);
    for i in 0..edits {
        let k = i % files.len();
        let text = format!("{}\nEdit number {i} for the benchmark.\n", originals[k]);
        drain(&mut stream);
        let started = Instant::now();
        std::fs::write(&files[k], text).unwrap();
        wait_for_event(&mut stream);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        std::thread::sleep(Duration::from_millis(300));
    }
    for (file, text) in files.iter().zip(&originals) {
        std::fs::write(file, text).unwrap();
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{:.0} {:.0} {:.0}",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
}
