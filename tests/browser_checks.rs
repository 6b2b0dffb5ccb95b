//! The default theme checked by real tools on the built example site: the W3C Nu HTML
//! checker finds no error in any page, and in headless Chromium axe-core finds no serious or
//! critical violation in light or dark mode, nothing is fetched from outside the site, and
//! no console error occurs, and the review page's Reply links decode as RFC 6068 asks.
//! Screenshots of the dashboard and the review page land in `target/screenshots/`.
//!
//! The tools are installed by `.ci/run` (Chromium from Debian, the npm packages of
//! `tests/browser/`). Where they are missing these tests say so and pass, except under CI,
//! where a missing tool is a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// True when the tool is there; under CI a missing tool fails the test.
fn available(what: &str, ok: bool) -> bool {
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "{what} is required under CI; .ci/run installs it"
        );
        eprintln!("skipping: {what} is not installed (see .ci/run)");
    }
    ok
}

fn build_example(out: &Path, base_url: &str) {
    common::example_cmd(&["build", "--quiet", "--base-url", base_url, "--output-dir"])
        .arg(out)
        .assert()
        .success();
}

/// Builds a copy of the example site at `root` into `root/public/`, for the browser at
/// `http://127.0.0.1:PORT/mentoring/`; a protected copy gets the test passphrase.
fn build_copy(root: &Path, port: u16) {
    assert_cmd::Command::cargo_bin("mentorfolio")
        .unwrap()
        .arg("--root")
        .arg(root)
        .args(["--today", common::EXAMPLE_TODAY, "build", "--quiet"])
        .args(["--base-url", &format!("http://127.0.0.1:{port}/mentoring/")])
        .env("MENTORFOLIO_PASSPHRASE", common::PASSPHRASE)
        .assert()
        .success();
}

#[test]
fn every_page_passes_the_nu_html_checker() {
    let jar = browser_dir().join("node_modules/vnu-jar/build/dist/vnu.jar");
    let java = Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !available(
        "the Nu HTML checker (java and tests/browser/node_modules)",
        java && jar.is_file(),
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build_example(&out, "https://example.github.io/mentoring/");
    let run = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html", "--format", "json"])
        .arg(&out)
        .output()
        .unwrap();
    let report: serde_json::Value =
        serde_json::from_slice(&run.stderr).expect("vnu prints a JSON report on stderr");
    let messages = report["messages"].as_array().unwrap();
    let pages = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "html"))
        })
        .count();
    eprintln!("nu html checker: {pages} pages, {} errors", messages.len());
    assert!(pages > 30, "the example site has every page type");
    assert!(
        messages.is_empty(),
        "Nu HTML checker errors: {}",
        serde_json::to_string_pretty(messages).unwrap()
    );
    assert!(run.status.success());
}

#[test]
fn every_page_is_accessible_and_self_contained_in_chromium() {
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let ready = node
        && Path::new("/usr/bin/chromium").exists()
        && browser_dir().join("node_modules/playwright-core").is_dir();
    if !available(
        "headless Chromium with node and tests/browser/node_modules",
        ready,
    ) {
        return;
    }
    let port = free_port();
    // The example with a repository, so the review page has both kinds of Reply link.
    let journal = common::example_copy("repository: priya-raman/mentoring\n");
    let out = journal.path().join("public");
    build_copy(journal.path(), port);
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    let run = Command::new("node")
        .arg(browser_dir().join("run.mjs"))
        .arg(&out)
        .arg(port.to_string())
        .arg("/mentoring/")
        .arg(&shots)
        .args(["priya.raman@example.com", "priya-raman/mentoring"])
        .current_dir(browser_dir())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&run.stderr));
    assert!(run.status.success(), "browser checks failed:\n{stdout}");
    assert!(
        stdout.contains(" 0 serious or critical violations, 0 problems"),
        "{stdout}"
    );
    let replies = stdout
        .lines()
        .find_map(|l| l.strip_prefix("reply links on the review page: "))
        .expect("the reply links' count");
    let numbers: Vec<usize> = replies
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    match numbers[..] {
        [valid, mail, github] => {
            assert!(mail > 10 && github == mail, "{replies}");
            assert_eq!(valid, mail + github, "{replies}");
        }
        _ => panic!("{replies}"),
    }
    for name in ["phone-light", "phone-dark", "desktop-light", "desktop-dark"] {
        for page in ["dashboard", "review"] {
            assert!(
                shots.join(format!("{page}-{name}.png")).is_file(),
                "screenshot {page} {name}"
            );
        }
    }
}

/// The protected example site in Chromium (`tests/browser/protect.mjs`): the lock screen
/// passes axe, a wrong passphrase leaves it locked with a message, the right one unlocks,
/// a second page opens without asking, and "Lock" forgets the key.
#[test]
fn the_protected_site_unlocks_once_per_visit_in_chromium() {
    if !chromium_ready() {
        return;
    }
    let port = free_port();
    let dir = common::protected_example();
    let passphrase = common::PASSPHRASE;
    let out = dir.path().join("public");
    build_copy(dir.path(), port);
    let run = Command::new("node")
        .arg(browser_dir().join("protect.mjs"))
        .arg(&out)
        .arg(port.to_string())
        .arg("/mentoring/")
        .arg(passphrase)
        .current_dir(browser_dir())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&run.stderr));
    assert!(
        run.status.success(),
        "protected site checks failed:\n{stdout}"
    );
    assert!(stdout.contains(", 0 problems"), "{stdout}");
}

/// `serve --protected` (`tests/browser/protect-live.mjs`): an unlocked page reloads on a
/// journal edit and opens again without asking.
#[test]
fn the_protected_preview_reloads_on_an_edit_in_chromium() {
    if !chromium_ready() {
        return;
    }
    let dir = common::protected_example();
    let port = free_port();
    let mut serve = Command::new(assert_cmd::cargo::cargo_bin("mentorfolio"))
        .arg("--root")
        .arg(dir.path())
        .args(["--today", common::EXAMPLE_TODAY, "--quiet", "serve"])
        .args(["--protected", "--port", &port.to_string()])
        .env("MENTORFOLIO_PASSPHRASE", common::PASSPHRASE)
        .stdin(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let up = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    let run = up.then(|| {
        Command::new("node")
            .arg(browser_dir().join("protect-live.mjs"))
            .arg(format!("http://127.0.0.1:{port}/"))
            .arg(common::PASSPHRASE)
            .arg(dir.path().join("plan.md"))
            .current_dir(browser_dir())
            .output()
            .unwrap()
    });
    let _ = serve.kill();
    let _ = serve.wait();
    let run = run.expect("serve --protected started within 10 s");
    let stdout = String::from_utf8_lossy(&run.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&run.stderr));
    assert!(
        run.status.success(),
        "protected serve checks failed:\n{stdout}"
    );
}

/// Headless Chromium and the browser tests' node packages are there (required under CI).
fn chromium_ready() -> bool {
    let ready = Path::new("/usr/bin/chromium").exists()
        && browser_dir().join("node_modules/playwright-core").is_dir();
    available("headless Chromium and tests/browser/node_modules", ready)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Runs `tests/browser/search.mjs` on a built site: typing a word from one old meeting
/// (the kickoff of March) lists a link to that meeting.
fn search_in_chromium(out: &Path, port: u16, passphrase: Option<&str>) {
    let run = Command::new("node")
        .arg(browser_dir().join("search.mjs"))
        .arg(out)
        .arg(port.to_string())
        .arg("/mentoring/")
        .args(["afternoons", "Meeting of 4 March 2026 — Kickoff"])
        .args(passphrase)
        .current_dir(browser_dir())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&run.stderr));
    assert!(run.status.success(), "search checks failed:\n{stdout}");
    assert!(stdout.contains("\"afternoons\", 0 problems"), "{stdout}");
}

#[test]
fn searching_a_word_finds_its_old_meeting_in_chromium() {
    if !chromium_ready() {
        return;
    }
    let port = free_port();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build_example(&out, &format!("http://127.0.0.1:{port}/mentoring/"));
    search_in_chromium(&out, port, None);
}

#[test]
fn a_protected_site_searches_its_sealed_index_once_unlocked_in_chromium() {
    if !chromium_ready() {
        return;
    }
    let port = free_port();
    let dir = common::protected_example();
    let out = dir.path().join("public");
    build_copy(dir.path(), port);
    search_in_chromium(&out, port, Some(common::PASSPHRASE));
}

/// The error overlay of `serve` (`tests/browser/overlay.mjs`): drawn over a served page
/// after an edit breaks the journal, its text passes axe's colour contrast rule (4.5:1)
/// in the light and the dark colour scheme.
#[test]
fn the_serve_overlay_is_readable_in_light_and_dark() {
    let ready = Path::new("/usr/bin/chromium").exists()
        && browser_dir().join("node_modules/axe-core").is_dir();
    if !available("headless Chromium and tests/browser/node_modules", ready) {
        return;
    }
    let j = common::Journal::new();
    let goal = "---\ntitle: Speak\ntarget: 2026-06-01\nbenchmarks:\n  - { title: Submit, due: 2026-05-01 }\nactions: [Draft]\n---\nWhy.\n";
    j.write("goals/speak.md", goal);
    let serve = common::served::serve(j.path());
    j.write(
        "goals/speak.md",
        &goal.replace("title: Speak", "title: Speak: well"),
    );
    let broken = (0..200).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        let (_, body) = common::served::get(serve.addr, "/");
        String::from_utf8_lossy(&body).contains("mentorfolio-error-overlay")
    });
    assert!(broken, "the overlay appeared within 20 s of the edit");
    let run = Command::new("node")
        .arg(browser_dir().join("overlay.mjs"))
        .arg(format!("http://{}/", serve.addr))
        .current_dir(browser_dir())
        .output()
        .unwrap();
    drop(serve);
    let stdout = String::from_utf8_lossy(&run.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&run.stderr));
    assert!(run.status.success(), "overlay contrast failed:\n{stdout}");
    assert!(stdout.contains(", 0 problems"), "{stdout}");
}
