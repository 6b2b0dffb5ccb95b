//! Protected sites through the binary: no passphrase or a weak one writes nothing; the
//! example site, protected, holds no readable title, name, slug, date or body line in
//! any byte or path, builds byte-identically twice, and its pages open with the page's
//! own script (run in Node.js, whose WebCrypto is the browser's) and the passphrase.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{PASSPHRASE, protected_example};

fn build(root: &Path, out: &Path, passphrase: Option<&str>) -> std::process::Output {
    let mut c = assert_cmd::Command::cargo_bin("mentorfolio").unwrap();
    c.arg("--root")
        .arg(root)
        .args([
            "--today",
            common::EXAMPLE_TODAY,
            "--color",
            "never",
            "build",
        ])
        .arg("--output-dir")
        .arg(out);
    c.env_remove("MENTORFOLIO_PASSPHRASE");
    if let Some(p) = passphrase {
        c.env("MENTORFOLIO_PASSPHRASE", p);
    }
    c.output().unwrap()
}

/// Every file of a built site by its path.
fn files(out: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// What must not be readable: each journal file's slug, every date and every line of
/// text of more than a word, and the people's names and the site's title.
fn secrets(root: &Path) -> Vec<String> {
    let mut found = vec![
        "Priya".to_string(),
        "Raman".into(),
        "Helen".into(),
        "Achebe".into(),
        "priya.raman@example.com".into(),
        "mentoring journal".into(),
    ];
    let date = |w: &str| {
        w.len() >= 10 && {
            let b = w.as_bytes();
            b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[7] == b'-'
        }
    };
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "md") || path.starts_with(root.join("private")) {
            continue;
        }
        if path.file_name().is_some_and(|n| n != "plan.md") {
            found.push(path.file_stem().unwrap().to_string_lossy().into_owned());
        }
        for line in std::fs::read_to_string(path).unwrap().lines() {
            let line = line.trim().trim_start_matches(['-', '#', '*', '>', ' ']);
            let value = line.split_once(": ").map_or(line, |(_, v)| v);
            let value = value.trim().trim_matches(['"', '\'']);
            if value.contains(' ') && value.len() >= 12 {
                found.push(value.to_string());
            }
            for word in line.split(|c: char| !(c.is_ascii_digit() || c == '-')) {
                if date(word) {
                    found.push(word[..10].to_string());
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

#[test]
fn without_a_passphrase_or_with_a_weak_one_nothing_is_written() {
    let journal = protected_example();
    let out = journal.path().join("public");
    let run = build(journal.path(), &out, None);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("E010"), "{stderr}");
    assert!(stderr.contains("no passphrase was given"), "{stderr}");
    assert!(stderr.contains("MENTORFOLIO_PASSPHRASE"), "{stderr}");
    assert!(!out.exists());

    let run = build(journal.path(), &out, Some("password1"));
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("too weak"), "{stderr}");
    assert!(stderr.contains("random words"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn a_journal_image_is_refused_rather_than_published_in_the_clear() {
    let journal = protected_example();
    std::fs::create_dir_all(journal.path().join("static")).unwrap();
    std::fs::write(journal.path().join("static/whiteboard.png"), b"\x89PNG").unwrap();
    let out = journal.path().join("public");
    let run = build(journal.path(), &out, Some(PASSPHRASE));
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("E010"), "{stderr}");
    assert!(stderr.contains("static/whiteboard.png"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn the_protected_example_site_holds_nothing_readable_and_builds_identically() {
    let journal = protected_example();
    let (a, b) = (journal.path().join("a"), journal.path().join("b"));
    let run = build(journal.path(), &a, Some(PASSPHRASE));
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let summary = String::from_utf8_lossy(&run.stdout);
    assert!(
        summary.contains("every page and the search index encrypted"),
        "{summary}"
    );
    assert!(
        summary.contains("feed.xml, meetings.ics not written"),
        "{summary}"
    );
    assert!(build(journal.path(), &b, Some(PASSPHRASE)).status.success());
    let site = files(&a);
    assert!(site == files(&b), "two protected builds differ");

    for left_out in ["feed.xml", "meetings.ics", "sitemap.xml"] {
        assert!(!site.contains_key(left_out), "{left_out} was written");
    }
    assert_eq!(site["robots.txt"], b"User-agent: *\nDisallow: /\n");
    let secrets = secrets(journal.path());
    assert!(secrets.len() > 100, "{} secrets", secrets.len());
    let mut seen = Vec::new();
    for (path, bytes) in &site {
        let text = String::from_utf8_lossy(bytes);
        for s in &secrets {
            if path.contains(s.as_str()) || text.contains(s.as_str()) {
                seen.push(format!("{path}: {s}"));
            }
        }
        if path.ends_with(".html") {
            assert!(text.contains("<meta name=\"robots\" content=\"noindex\">"));
            assert!(text.contains("Protected mentoring portfolio"), "{path}");
        }
    }
    assert!(seen.is_empty(), "readable in the protected site: {seen:#?}");
    // The same list, searched in the clear site, finds what it should.
    let clear_out = journal.path().join("clear");
    common::example_cmd(&["build", "--quiet", "--output-dir"])
        .arg(&clear_out)
        .assert()
        .success();
    let clear: String = files(&clear_out)
        .iter()
        .map(|(path, bytes)| format!("{path}\n{}\n", String::from_utf8_lossy(bytes)))
        .collect();
    let found = secrets
        .iter()
        .filter(|s| clear.contains(s.as_str()))
        .count();
    assert!(
        found * 3 > secrets.len() * 2,
        "{found} of {} in the clear site",
        secrets.len()
    );
    let pages = site.keys().filter(|p| p.ends_with(".html")).count();
    let opaque = site.keys().filter(|p| p.starts_with("p/")).count();
    assert!(
        pages > 30 && opaque == pages - 2,
        "{pages} pages, {opaque} opaque"
    );
}

fn node() -> bool {
    let ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "Node.js is required under CI"
        );
        eprintln!("skipping: node is not installed (see .ci/run)");
    }
    ok
}

fn unlock(page: &Path, passphrase: &str) -> (bool, String) {
    let script: PathBuf =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/unlock-node.mjs");
    let run = Command::new("node")
        .arg(script)
        .arg(page)
        .arg(passphrase)
        .output()
        .unwrap();
    (
        run.status.success(),
        String::from_utf8_lossy(&run.stdout).into_owned(),
    )
}

#[test]
fn the_lock_screen_script_opens_what_rust_sealed() {
    if !node() {
        return;
    }
    let journal = protected_example();
    let out = journal.path().join("public");
    assert!(
        build(journal.path(), &out, Some(PASSPHRASE))
            .status
            .success()
    );
    let index = out.join("index.html");

    let (ok, page) = unlock(&index, PASSPHRASE);
    assert!(ok, "{page}");
    assert!(
        page.contains("Priya Raman, mentored by Helen Achebe"),
        "{page}"
    );
    assert!(
        page.contains("data-mentorfolio-lock"),
        "the page offers to lock"
    );
    // Links go to the opaque addresses, which exist.
    let goals = page.split("href=\"/mentoring/p/").nth(1).unwrap();
    let dir = &goals[..goals.find('"').unwrap()];
    assert!(
        out.join("p").join(dir).join("index.html").is_file(),
        "{dir}"
    );

    let (ok, message) = unlock(&index, "velvet canyon orbit mulch tangerines");
    assert!(!ok);
    assert_eq!(
        message.trim(),
        "That passphrase is not right. Check it and try again."
    );

    // The fixed vector of `protect::tests::fixed_vector`, in the page's own script.
    let html = std::fs::read_to_string(&index).unwrap();
    let start = html.find("{\"salt\"").unwrap();
    let end = start + html[start..].find("</script>").unwrap();
    let vector = r#"{"salt":"D8lypCTp/HuGiRicGvmmGg==","iterations":600000,"nonce":"33uhg+Y3hs02lzeA","data":"yYMxbrYnDCuMF+BbkpTNp+e90L5LFpe/4kihhA=="}"#;
    let fixed = journal.path().join("vector.html");
    std::fs::write(
        &fixed,
        format!("{}{vector}{}", &html[..start], &html[end..]),
    )
    .unwrap();
    assert_eq!(
        unlock(&fixed, "correct horse battery staple"),
        (true, "<p>hello</p>".to_string())
    );
}

#[test]
fn serve_previews_the_protected_site_byte_for_byte() {
    let journal = protected_example();
    let out = journal.path().join("public");
    let base = "http://127.0.0.1:1111/";
    let mut c = assert_cmd::Command::cargo_bin("mentorfolio").unwrap();
    c.arg("--root")
        .arg(journal.path())
        .args(["--today", common::EXAMPLE_TODAY, "build", "--quiet"])
        .args(["--base-url", base])
        .env("MENTORFOLIO_PASSPHRASE", PASSPHRASE)
        .assert()
        .success();
    let built = files(&out);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 8, 28).unwrap();
    let key = mentorfolio::protect::Key::derive(PASSPHRASE, base);
    let served = mentorfolio::serve::Session::new(journal.path(), today, base)
        .protected(key)
        .update(&[])
        .site
        .unwrap();
    let paths = served.paths();
    assert!(paths.iter().any(|p| p.starts_with("p/")), "{paths:?}");
    for path in &paths {
        let bytes = served.get(path).unwrap().unwrap();
        assert!(
            built.get(path).is_some_and(|b| b[..] == bytes[..]),
            "{path}"
        );
    }
    let written = built.keys().filter(|p| !p.starts_with(".mentorfolio"));
    assert_eq!(written.count(), paths.len());
}
