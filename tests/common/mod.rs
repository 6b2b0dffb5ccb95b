//! Small journals written into temporary folders, and the binary run over them.
#![allow(dead_code)]

pub mod served;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

pub const TODAY: &str = "2026-03-01";

pub const CONFIG: &str = "title: Test portfolio\nmentee: { name: Ada Lovelace, email: ada@example.org }\nmentor: { name: Grace Hopper }\nbase_url: https://example.org/\nstart: 2026-01-05\n";
pub const PLAN: &str = "---\nobjective: Lead cross-team technical work\n---\nWhy this matters.\n";

/// A journal with a valid config and plan and nothing else.
pub struct Journal {
    pub dir: TempDir,
}

impl Journal {
    pub fn new() -> Self {
        let j = Journal {
            dir: tempfile::tempdir().unwrap(),
        };
        j.write("mentorfolio.yaml", CONFIG);
        j.write("plan.md", PLAN);
        j
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> PathBuf {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        p
    }

    /// `mentorfolio --root <journal> --today TODAY <args>`.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("mentorfolio").unwrap();
        c.arg("--root")
            .arg(self.path())
            .args(["--today", TODAY, "--color", "never"])
            .args(args);
        c.env_remove("MENTORFOLIO_TODAY");
        c
    }

    /// The diagnostics of `check --format json` as (code, file, line).
    pub fn diagnostics(&self) -> Vec<(String, String, Option<u64>)> {
        let out = self.cmd(&["check", "--format", "json"]).output().unwrap();
        let v: serde_json::Value =
            serde_json::from_slice(&out.stdout).expect("stdout is one JSON array");
        v.as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_string(),
                    d["file"].as_str().unwrap().to_string(),
                    d["line"].as_u64(),
                )
            })
            .collect()
    }
}

/// The example site shipped in the repository.
pub fn example_site() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site")
}

pub const EXAMPLE_TODAY: &str = "2026-08-28";

pub const CANARIES: &[&str] = &[
    "CANARY-EXAMPLE-PRIVATE-BLOCK",
    "CANARY-EXAMPLE-PRIVATE-NOTES",
    "CANARY-EXAMPLE-PRIVATE-FOLDER",
];

/// `mentorfolio --root example-site --today EXAMPLE_TODAY <args>`.
pub fn example_cmd(args: &[&str]) -> Command {
    let mut c = Command::cargo_bin("mentorfolio").unwrap();
    c.arg("--root")
        .arg(example_site())
        .args(["--today", EXAMPLE_TODAY, "--color", "never"])
        .args(args);
    c
}

/// A passphrase strong enough for a protected site.
pub const PASSPHRASE: &str = "velvet canyon orbit mulch tangerine";

/// The example site copied into a temporary folder, with `protect: true`.
pub fn protected_example() -> TempDir {
    example_copy("protect: true\n")
}

/// The example site copied into a temporary folder, with `settings` added to its config.
pub fn example_copy(settings: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(example_site()) {
        let entry = entry.unwrap();
        let to = dir
            .path()
            .join(entry.path().strip_prefix(example_site()).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    let config = dir.path().join("mentorfolio.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}{settings}")).unwrap();
    dir
}

/// The example site copied into a temporary folder with its `language:` set to `tag` and
/// `settings` added to its config.
pub fn example_in(tag: &str, settings: &str) -> TempDir {
    let dir = example_copy(settings);
    let config = dir.path().join("mentorfolio.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(
        text.contains("\nlanguage: en\n"),
        "the example sets English"
    );
    let text = text.replace("\nlanguage: en\n", &format!("\nlanguage: {tag}\n"));
    std::fs::write(&config, text).unwrap();
    dir
}
