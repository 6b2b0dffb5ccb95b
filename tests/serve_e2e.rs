//! `mentorfolio serve` end to end: the real binary on a temp copy of example-site,
//! talked to over loopback with a raw HTTP client. Every wait is bounded.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const TODAY: &str = "2026-08-28";
const STARTUP: Duration = Duration::from_secs(60);
const IO: Duration = Duration::from_secs(10);
const REBUILD: Duration = Duration::from_secs(30);

/// A copy of example-site in a temp folder.
fn journal() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site");
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let to = dir.path().join(entry.path().strip_prefix(&src).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    dir
}

/// A running `mentorfolio serve`, killed when dropped so no test leaves a server behind.
struct Serve {
    child: Child,
    addr: SocketAddr,
    stdout: Receiver<String>,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn(root: &Path, extra: &[&str]) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin("mentorfolio"))
        .arg("--root")
        .arg(root)
        .args(["--today", TODAY, "--color", "never", "serve"])
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn lines(stream: impl Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// A port that was free a moment ago.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts the server on a free port and waits for its address line; retries on a port collision.
fn serve(root: &Path) -> Serve {
    for _ in 0..5 {
        let port = free_port().to_string();
        let mut child = spawn(root, &["--port", &port]);
        let stdout = lines(child.stdout.take().unwrap());
        let deadline = Instant::now() + STARTUP;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match stdout.recv_timeout(left) {
                Ok(line) => {
                    if let Some(at) = line.split(" at http://").nth(1) {
                        let addr = at.split('/').next().unwrap().parse().unwrap();
                        return Serve {
                            child,
                            addr,
                            stdout,
                        };
                    }
                }
                Err(_) => break,
            }
        }
        let _ = child.kill();
        let status = child.wait().unwrap();
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        assert!(
            err.contains("already in use"),
            "server did not start ({status}): {err}"
        );
    }
    panic!("no free port after 5 tries");
}

struct Reply {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

fn request(addr: SocketAddr, method: &str, target: &str) -> Reply {
    let mut s = TcpStream::connect_timeout(&addr, IO).unwrap();
    s.set_read_timeout(Some(IO)).unwrap();
    write!(
        s,
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes).unwrap();
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    Reply {
        status: head[9..12].parse().unwrap(),
        head,
        body: bytes[split + 4..].to_vec(),
    }
}

fn get(addr: SocketAddr, target: &str) -> Reply {
    request(addr, "GET", target)
}

/// An open live-reload stream.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(addr: SocketAddr) -> Events {
        let mut s = TcpStream::connect_timeout(&addr, IO).unwrap();
        write!(
            s,
            "GET /__mentorfolio/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
        )
        .unwrap();
        s.set_read_timeout(Some(IO)).unwrap();
        let mut reader = BufReader::new(s);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert!(line.starts_with("HTTP/1.1 200"), "{line}");
        while line != "\r\n" {
            line.clear();
            assert!(reader.read_line(&mut line).unwrap() > 0);
        }
        Events(reader)
    }

    /// The next event's data, or `None` when none arrives within `within`.
    fn next(&mut self, within: Duration) -> Option<String> {
        let deadline = Instant::now() + within;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            self.0
                .get_ref()
                .set_read_timeout(Some(left.max(Duration::from_millis(1))))
                .unwrap();
            let mut line = String::new();
            match self.0.read_line(&mut line) {
                Ok(0) => return None,
                Ok(_) => {
                    if let Some(data) = line.strip_prefix("data: ") {
                        return Some(data.trim().to_string());
                    }
                }
                Err(_) => return None,
            }
        }
    }
}

/// Rewrites a file the way a plain editor does: truncate and write in place.
fn edit(path: &Path, f: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, f(text)).unwrap();
}

fn waits_for(mut ok: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + REBUILD;
    while Instant::now() < deadline {
        if ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

fn goal(root: &Path) -> PathBuf {
    root.join("goals/public-speaking.md")
}

#[test]
fn serves_the_site_from_memory_with_its_own_address_as_base_url() {
    let dir = journal();
    let srv = serve(dir.path());
    let home = get(srv.addr, "/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("Cache-Control"), Some("no-store"));
    let html = home.text();
    assert!(html.contains("Priya Raman"));
    assert!(
        html.contains("/__mentorfolio/events"),
        "live-reload client injected"
    );
    // The config's base_url has a sub-path (/mentoring/); served links use the server's own root.
    assert!(!html.contains("example.github.io/mentoring"));
    assert!(!html.contains("\"/mentoring/"));
    assert!(html.contains("href=\"/goals/\""));
    let css = get(srv.addr, "/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("Content-Type"), Some("text/css; charset=utf-8"));
    let goal = get(srv.addr, "/goals/public-speaking/");
    assert_eq!(goal.status, 200);
    assert!(goal.text().contains("Give a talk at a regional conference"));
    assert_eq!(get(srv.addr, "/goals/public-speaking").status, 302);

    let ics = get(srv.addr, "/meetings.ics");
    assert_eq!(
        ics.header("Content-Type"),
        Some("text/calendar; charset=utf-8")
    );
    assert!(ics.text().starts_with("BEGIN:VCALENDAR"));
    assert!(!ics.text().contains("mentorfolio-live-reload"));
    let nojekyll = get(srv.addr, "/.nojekyll");
    assert_eq!(
        nojekyll.header("Content-Type"),
        Some("application/octet-stream")
    );

    let head = request(srv.addr, "HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(request(srv.addr, "DELETE", "/").status, 405);

    let missing = get(srv.addr, "/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("mentorfolio-live-reload"));
}

#[test]
fn an_edit_sends_a_reload_after_the_rebuild_and_the_new_content_is_served() {
    let dir = journal();
    let srv = serve(dir.path());
    let mut events = Events::open(srv.addr);
    edit(&goal(dir.path()), |t| {
        t.replacen(
            "Give a talk at a regional conference",
            "Give a keynote at Pennine DevConf",
            1,
        )
    });
    assert_eq!(events.next(REBUILD).as_deref(), Some("reload"));
    let page = get(srv.addr, "/goals/public-speaking/").text();
    assert!(page.contains("Give a keynote at Pennine DevConf"));
    assert!(!page.contains("Give a talk at a regional conference"));
}

#[test]
fn a_stylesheet_edit_swaps_stylesheets_without_a_reload() {
    let dir = journal();
    let css = dir.path().join("static/style.css");
    std::fs::create_dir_all(css.parent().unwrap()).unwrap();
    std::fs::write(&css, "body { color: teal; }\n").unwrap();
    let srv = serve(dir.path());
    assert!(get(srv.addr, "/style.css").text().contains("teal"));
    let mut events = Events::open(srv.addr);
    std::fs::write(&css, "body { color: rebeccapurple; }\n").unwrap();
    assert_eq!(events.next(REBUILD).as_deref(), Some("css"));
    let served = get(srv.addr, "/style.css?mentorfolio-reload=1");
    assert_eq!(served.text(), "body { color: rebeccapurple; }\n");
}

/// Builds the journal at `root` into `root/site-out` and reads back every file written,
/// as text.
fn built_files(root: &std::path::Path) -> Vec<(std::path::PathBuf, String)> {
    let out = root.join("site-out");
    let status = Command::new(assert_cmd::cargo::cargo_bin("mentorfolio"))
        .arg("--root")
        .arg(root)
        .args(["--today", TODAY, "--quiet", "build", "--output-dir"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    walkdir::WalkDir::new(&out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let text = String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned();
            (e.into_path(), text)
        })
        .collect()
}

#[test]
fn build_output_never_holds_the_live_reload_client() {
    let dir = journal();
    let mut pages = 0;
    for (path, text) in built_files(dir.path()) {
        assert!(!text.contains("__mentorfolio"), "{}", path.display());
        assert!(!text.contains("mentorfolio-error-overlay"));
        pages += path.extension().is_some_and(|e| e == "html") as usize;
    }
    assert!(pages > 10);
}

#[test]
fn editor_scratch_files_trigger_no_rebuild() {
    let dir = journal();
    let srv = serve(dir.path());
    let mut events = Events::open(srv.addr);
    std::fs::write(dir.path().join("goals/.public-speaking.md.swp"), "swap").unwrap();
    // vim's probe: created and removed at once.
    std::fs::write(dir.path().join("goals/4913"), "").unwrap();
    std::fs::remove_file(dir.path().join("goals/4913")).unwrap();
    std::fs::write(dir.path().join("plan.md~"), "backup").unwrap();
    std::fs::create_dir_all(dir.path().join("public")).unwrap();
    std::fs::write(dir.path().join("public/index.html"), "old output").unwrap();
    assert_eq!(events.next(Duration::from_secs(2)), None);
    // The stream is still alive: a real edit still arrives.
    edit(&goal(dir.path()), |t| t + "\nOne more line.\n");
    assert_eq!(events.next(REBUILD).as_deref(), Some("reload"));
}

#[test]
fn a_broken_edit_shows_the_overlay_and_the_next_good_save_removes_it() {
    let dir = journal();
    let srv = serve(dir.path());
    let mut events = Events::open(srv.addr);
    let path = goal(dir.path());
    let good = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        good.replacen("status: active", "status: [active\n  <b>oops", 1),
    )
    .unwrap();
    assert_eq!(events.next(REBUILD).as_deref(), Some("reload"));

    let home = get(srv.addr, "/");
    assert_eq!(home.status, 200, "the last good site is still served");
    let html = home.text();
    assert!(html.contains("Priya Raman"));
    assert!(html.contains("mentorfolio-error-overlay"));
    assert!(html.contains("goals/public-speaking.md"));
    assert!(!html.contains("<b>oops"), "diagnostics are escaped");
    let missing = get(srv.addr, "/nowhere");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("mentorfolio-error-overlay"));

    std::fs::write(&path, good).unwrap();
    assert_eq!(events.next(REBUILD).as_deref(), Some("reload"));
    assert!(
        !get(srv.addr, "/")
            .text()
            .contains("mentorfolio-error-overlay")
    );
}

#[test]
fn a_journal_that_never_built_is_served_as_the_overlay_until_fixed() {
    let dir = journal();
    let config = dir.path().join("mentorfolio.yaml");
    let good = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, "title: [unclosed\n").unwrap();
    let srv = serve(dir.path());
    let page = get(srv.addr, "/");
    assert_eq!(page.status, 503);
    assert!(page.text().contains("mentorfolio-error-overlay"));
    assert!(page.text().contains("mentorfolio.yaml"));
    let mut events = Events::open(srv.addr);
    std::fs::write(&config, good).unwrap();
    assert_eq!(events.next(REBUILD).as_deref(), Some("reload"));
    let page = get(srv.addr, "/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Priya Raman"));
}

#[test]
fn a_burst_of_writes_ends_with_the_final_content_served() {
    let dir = journal();
    let srv = serve(dir.path());
    let path = goal(dir.path());
    let base = std::fs::read_to_string(&path).unwrap();
    for i in 0..25 {
        let text = base.replacen(
            "Give a talk at a regional conference",
            &format!("Give a talk, draft {i}"),
            1,
        );
        std::fs::write(&path, text).unwrap();
    }
    assert!(waits_for(|| get(srv.addr, "/goals/public-speaking/")
        .text()
        .contains("Give a talk, draft 24")));
    // And it stays final: no late rebuild from an earlier write replaces it.
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        get(srv.addr, "/goals/public-speaking/")
            .text()
            .contains("Give a talk, draft 24")
    );
}

#[test]
fn traversal_forms_get_400_or_404_and_never_a_byte_from_outside() {
    let dir = journal();
    // Something outside the served site, right next to it.
    std::fs::write(dir.path().join("secret.txt"), "OUTSIDE-THE-SITE").unwrap();
    let srv = serve(dir.path());
    for target in [
        "/../secret.txt",
        "/../../../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/goals/..%2f..%2fsecret.txt",
        "/goals%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/goals\\..\\..\\secret.txt",
        "/secret.txt%00.html",
        "/%00",
        "//etc/passwd",
        "/secret.txt",
        "/mentorfolio.yaml",
        "/plan.md",
        "/private/reflections-on-team-move.md",
        "/%c0%ae%c0%ae/secret.txt",
    ] {
        let reply = get(srv.addr, target);
        assert!(
            reply.status == 400 || reply.status == 404,
            "{target}: {}",
            reply.status
        );
        let text = reply.text();
        for outside in [
            "OUTSIDE-THE-SITE",
            "root:x:0",
            "base_url:",
            "CANARY-EXAMPLE",
        ] {
            assert!(!text.contains(outside), "{target} leaked {outside}");
        }
    }
}

#[test]
fn a_private_block_added_while_serving_is_never_served() {
    let dir = journal();
    let srv = serve(dir.path());
    let mut events = Events::open(srv.addr);
    edit(&goal(dir.path()), |t| {
        t + "\nA public line added while serving.\n\n```private\nCANARY-SERVE-PRIVATE-BLOCK\n```\n"
    });
    assert_eq!(events.next(REBUILD).as_deref(), Some("reload"));
    let page = get(srv.addr, "/goals/public-speaking/").text();
    assert!(page.contains("A public line added while serving."));
    for target in [
        "/",
        "/goals/",
        "/goals/public-speaking/",
        "/timeline/",
        "/review/",
        "/actions/",
        "/feed.xml",
        "/meetings.ics",
        "/robots.txt",
        "/404.html",
    ] {
        let text = get(srv.addr, target).text();
        assert!(!text.contains("CANARY-SERVE-PRIVATE-BLOCK"), "{target}");
        assert!(!text.contains("CANARY-EXAMPLE"), "{target}");
    }
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let dir = journal();
    let out = spawn(dir.path(), &["--port", &port])
        .wait_with_output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("port {port}")) && err.contains("--port"),
        "{err}"
    );
}

#[test]
fn binding_beyond_loopback_warns() {
    let dir = journal();
    let port = free_port().to_string();
    let mut child = spawn(
        dir.path(),
        &["--port", &port, "--interface", "0.0.0.0", "--quiet"],
    );
    let stderr = lines(child.stderr.take().unwrap());
    let line = stderr.recv_timeout(STARTUP);
    let _ = child.kill();
    let _ = child.wait();
    assert!(line.unwrap().contains("warning: serving on 0.0.0.0"));
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let dir = journal();
    let mut srv = serve(dir.path());
    let _events = Events::open(srv.addr);
    let pid = srv.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let deadline = Instant::now() + Duration::from_secs(5);
    let status = loop {
        if let Some(status) = srv.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0));
    let said: Vec<String> = srv.stdout.try_iter().collect();
    assert!(said.iter().any(|l| l == "stopped"), "{said:?}");
}

/// Median time from a file write to the reload event, on example-site.
/// `cargo test --release --test serve_e2e -- --ignored --nocapture write_to_reload`
#[test]
#[ignore]
fn write_to_reload_latency() {
    let dir = journal();
    let srv = serve(dir.path());
    let mut events = Events::open(srv.addr);
    let path = goal(dir.path());
    let mut times = Vec::new();
    for i in 0..15 {
        let text = std::fs::read_to_string(&path).unwrap();
        let started = Instant::now();
        std::fs::write(&path, format!("{text}\nedit {i}\n")).unwrap();
        assert_eq!(events.next(REBUILD).as_deref(), Some("reload"));
        times.push(started.elapsed());
        std::thread::sleep(Duration::from_millis(200));
    }
    times.sort();
    println!(
        "write → reload on example-site: median {} ms (min {} ms, max {} ms, n={})",
        times[times.len() / 2].as_millis(),
        times[0].as_millis(),
        times[times.len() - 1].as_millis(),
        times.len()
    );
}

#[test]
fn builds_into_the_journal_trigger_no_rebuild() {
    let dir = journal();
    let srv = serve(dir.path());
    let mut events = Events::open(srv.addr);
    let site = dir.path().join("site");
    for out in [None, Some(&site), None, Some(&site)] {
        let mut build = Command::new(assert_cmd::cargo::cargo_bin("mentorfolio"));
        build
            .arg("--root")
            .arg(dir.path())
            .args(["--today", TODAY, "--quiet", "build"]);
        if let Some(out) = out {
            build.arg("--output-dir").arg(out);
        }
        assert!(build.status().unwrap().success());
    }
    assert_eq!(events.next(Duration::from_secs(2)), None);
    edit(&goal(dir.path()), |t| t + "\nOne more line.\n");
    assert_eq!(events.next(REBUILD).as_deref(), Some("reload"));
}

#[test]
fn pages_are_served_while_reload_streams_are_at_their_cap() {
    use mentorfolio::serve::guard::MAX_STREAMS;
    let dir = journal();
    let srv = serve(dir.path());
    let tabs: Vec<Events> = (0..MAX_STREAMS).map(|_| Events::open(srv.addr)).collect();
    for _ in 0..3 {
        assert_eq!(get(srv.addr, "/").status, 200);
    }
    // One stream more is refused; the pages still are not.
    let mut s = TcpStream::connect_timeout(&srv.addr, IO).unwrap();
    s.set_read_timeout(Some(IO)).unwrap();
    write!(s, "GET /__mentorfolio/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert_eq!(get(srv.addr, "/goals/").status, 200);
    drop(tabs);
}

#[test]
fn serve_shows_check_s_hints_in_a_banner_that_build_never_writes() {
    let dir = journal();
    std::fs::write(
        dir.path().join("goals/unplanned.md"),
        "---\ntitle: An unplanned goal\n---\n",
    )
    .unwrap();
    let server = serve(dir.path());
    let page = get(server.addr, "/").text();
    assert!(page.contains("id=\"mentorfolio-journal-notes\""), "{page}");
    assert!(page.contains("<strong>W101</strong>"), "{page}");
    assert!(page.contains("hint: "), "{page}");
    drop(server);

    for (path, text) in built_files(dir.path()) {
        assert!(!text.contains("mentorfolio-journal-notes"));
        assert!(!text.contains("hint: "), "{}", path.display());
    }
}
