//! `check` reports everything `build` reports: on the example site and on broken journals,
//! protected ones among them, `check --strict` and `build --strict` name the same
//! (code, file, line) and agree on the exit status, so passing one means passing the other.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{Journal, PASSPHRASE};

type Found = BTreeSet<(String, String, Option<u64>)>;

/// The (code, file, line) of every diagnostic in a command's human output.
fn found(out: &std::process::Output) -> Found {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let mut set = Found::new();
    let mut code: Option<String> = None;
    let mut flush = |code: &mut Option<String>, file: String, line: Option<u64>| {
        if let Some(c) = code.take() {
            set.insert((c, file, line));
        }
    };
    for l in text.lines() {
        if let Some(rest) = l.strip_prefix("error[").or(l.strip_prefix("warning[")) {
            flush(&mut code, String::new(), None);
            code = rest.split(']').next().map(str::to_string);
        } else if let Some(at) = l
            .split_once("┌─ ")
            .map(|(_, at)| at)
            .or(l.trim_start().strip_prefix("= in "))
        {
            let mut parts = at.trim().splitn(3, ':');
            let file = parts.next().unwrap_or_default().to_string();
            let line = parts.next().and_then(|n| n.parse().ok());
            flush(&mut code, file, line);
        }
    }
    flush(&mut code, String::new(), None);
    set
}

/// Runs `check --strict` and `build --strict` on `root` and asserts they agree; returns
/// what they found.
fn agree(name: &str, root: &Path, today: &str, passphrase: Option<&str>) -> Found {
    let out_dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let mut c = assert_cmd::Command::cargo_bin("mentorfolio").unwrap();
        c.arg("--root")
            .arg(root)
            .args(["--today", today, "--color", "never"])
            .args(args)
            .env_remove("MENTORFOLIO_TODAY")
            .env_remove("MENTORFOLIO_PASSPHRASE");
        if let Some(p) = passphrase {
            c.env("MENTORFOLIO_PASSPHRASE", p);
        }
        c.output().unwrap()
    };
    let check = run(&["check", "--strict"]);
    let out = out_dir.path().join("site");
    let build = run(&["build", "--strict", "--output-dir", out.to_str().unwrap()]);
    let (from_check, from_build) = (found(&check), found(&build));
    assert_eq!(
        from_check, from_build,
        "{name}: check and build report differently"
    );
    assert_eq!(
        check.status.code(),
        build.status.code(),
        "{name}: exit statuses differ; check found {from_check:?}"
    );
    from_check
}

const GOAL: &str = "---\ntitle: Speak\ntarget: 2026-06-01\nbenchmarks:\n  - { title: Submit, due: 2026-05-01 }\nactions: [Draft]\n---\nWhy.\n";

#[test]
fn the_example_site_passes_both() {
    let found = agree(
        "example site",
        &common::example_site(),
        common::EXAMPLE_TODAY,
        None,
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn broken_journals_fail_both_alike() {
    let yaml = Journal::new();
    yaml.write(
        "goals/g.md",
        &GOAL.replace("title: Speak", "title: Speak: well"),
    );
    yaml.write(
        "meetings/2026-02-02.md",
        "---\nagenda: [Talk]\nagenda_sent: 2026-01-30\noutcomes: [Go]\nsummary_sent: 2026-02-03\n---\nSee [the old goal](../goals/gone.md).\n",
    );
    let found = agree(
        "a YAML error and a broken link",
        yaml.path(),
        common::TODAY,
        None,
    );
    assert!(found.iter().any(|f| f.0 == "E002"), "{found:?}");

    let link = Journal::new();
    link.write("goals/g.md", GOAL);
    link.write(
        "meetings/2026-02-02.md",
        "---\nagenda: [Talk]\nagenda_sent: 2026-01-30\noutcomes: [Go]\nsummary_sent: 2026-02-03\ngoals: [g]\n---\nSee [the old goal](../goals/gone.md).\n",
    );
    let found = agree("warnings only", link.path(), common::TODAY, None);
    assert!(
        found.contains(&("W601".into(), "meetings/2026-02-02.md".into(), Some(8))),
        "{found:?}"
    );

    let theme = Journal::new();
    theme.write(
        "mentorfolio.yaml",
        &format!("{}theme: nowhere\n", common::CONFIG),
    );
    let found = agree("an unknown theme", theme.path(), common::TODAY, None);
    assert!(found.iter().any(|f| f.0 == "E007"), "{found:?}");
}

#[test]
fn protected_journals_fail_both_alike() {
    let statics = Journal::new();
    statics.write(
        "mentorfolio.yaml",
        &format!("{}protect: true\n", common::CONFIG),
    );
    statics.write("goals/g.md", GOAL);
    statics.write_bytes("static/photo.png", b"\x89PNG\r\n");
    let found = agree(
        "a protected site with an image",
        statics.path(),
        common::TODAY,
        Some(PASSPHRASE),
    );
    assert!(
        found
            .iter()
            .any(|f| f.0 == "E010" && f.1 == "static/photo.png"),
        "{found:?}"
    );

    let weak = common::protected_example();
    let found = agree(
        "a protected site with a weak passphrase",
        weak.path(),
        common::EXAMPLE_TODAY,
        Some("password"),
    );
    assert!(
        found
            .iter()
            .any(|f| f.0 == "E010" && f.1 == "mentorfolio.yaml"),
        "{found:?}"
    );

    let broken = common::protected_example();
    let goal = broken.path().join("goals/broken.md");
    std::fs::write(
        &goal,
        GOAL.replace("target: 2026-06-01", "target: 2026/06/01"),
    )
    .unwrap();
    std::fs::create_dir_all(broken.path().join("static")).unwrap();
    std::fs::write(broken.path().join("static/cv.pdf"), b"%PDF-1.4\n").unwrap();
    let found = agree(
        "a protected site with an error and an image",
        broken.path(),
        common::EXAMPLE_TODAY,
        Some(PASSPHRASE),
    );
    assert!(found.iter().any(|f| f.0 == "E004"), "{found:?}");
}
