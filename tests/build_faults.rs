//! `mentorfolio build` under faults: killed or interrupted at any moment, run twice at
//! once, or pointed at a folder it may not write. The output is always the old site or
//! the new one, whole, and nothing is left beside it once a build has finished.
#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::{Journal, TODAY};
use predicates::str::contains;

/// Every file under `dir` with its bytes, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Names beside the output that a build made: staging, old and lock files.
fn leftovers(j: &Journal) -> Vec<String> {
    std::fs::read_dir(j.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect()
}

/// A journal of many goals, meetings and activities, titled `title`.
fn large_journal(j: &Journal, title: &str) {
    j.write(
        "mentorfolio.yaml",
        &common::CONFIG.replace("Test portfolio", title),
    );
    for n in 0..30 {
        j.write(
            &format!("goals/goal-{n}.md"),
            &format!("---\ntitle: Goal {n}\ntarget: 2026-09-30\nactions: [Plan {n}]\n---\nWhy goal {n} matters.\n"),
        );
        let (month, day) = (1 + n % 2, 1 + n % 28);
        j.write(
            &format!("meetings/2026-0{month}-{day:02}-m{n}.md"),
            &format!("---\ndate: 2026-0{month}-{day:02} 10:00\nagenda: [Goal {n}]\noutcomes: [Agreed {n}]\ngoals: [goal-{n}]\n---\nNotes of meeting {n}.\n"),
        );
        j.write(
            &format!("activities/a{n}.md"),
            &format!("---\ntitle: Course {n}\ndate: 2026-02-{day:02}\nkind: course\ngoals: [goal-{n}]\n---\nLearned {n}.\n"),
        );
    }
}

fn build(j: &Journal) -> Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("mentorfolio"))
        .arg("--root")
        .arg(j.path())
        .args(["--today", TODAY, "--quiet", "build"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// A small fixed-seed generator, so every run interrupts at the same kinds of moments.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below.max(1)
    }
}

#[test]
fn interrupted_builds_leave_the_old_site_or_the_new_one() {
    let j = Journal::new();
    let titles = ["Portfolio A", "Portfolio B"];
    let mut sites = Vec::new();
    let mut longest = Duration::ZERO;
    for title in titles {
        large_journal(&j, title);
        let started = Instant::now();
        assert!(build(&j).wait().unwrap().success());
        longest = longest.max(started.elapsed());
        sites.push(tree(&j.path().join("public")));
    }
    assert_ne!(sites[0], sites[1]);
    let mut rng = Lcg(13);
    let mut current = 1;
    for round in 0..6 {
        let next = 1 - current;
        large_journal(&j, titles[next]);
        let mut child = build(&j);
        std::thread::sleep(Duration::from_micros(
            rng.next(longest.as_micros() as u64 * 5 / 4),
        ));
        let pid = rustix::process::Pid::from_child(&child);
        let signal = match rng.next(3) {
            0 => {
                child.kill().unwrap();
                "SIGKILL"
            }
            1 => {
                let _ = rustix::process::kill_process(pid, rustix::process::Signal::TERM);
                "SIGTERM"
            }
            _ => {
                let _ = rustix::process::kill_process(pid, rustix::process::Signal::INT);
                "SIGINT"
            }
        };
        let status = child.wait().unwrap();
        let now = tree(&j.path().join("public"));
        current = if now == sites[next] {
            next
        } else {
            assert!(
                now == sites[current],
                "round {round} ({signal}, {status}): the output is neither site"
            );
            current
        };
        // A build stopped by SIGINT or SIGTERM removes its own staging folder. (One killed
        // earlier may have left its own, which only the next build that gets as far as
        // its lock removes.)
        if signal != "SIGKILL" && !status.success() {
            let own = format!(".public.new-{}-", child.id());
            let staging: Vec<_> = leftovers(&j)
                .into_iter()
                .filter(|n| n.starts_with(&own))
                .collect();
            assert!(
                staging.is_empty(),
                "round {round} ({signal}, {status}): {staging:?} left"
            );
        }
    }
    let next = 1 - current;
    large_journal(&j, titles[next]);
    assert!(build(&j).wait().unwrap().success());
    assert_eq!(tree(&j.path().join("public")), sites[next]);
    assert_eq!(leftovers(&j), Vec::<String>::new());
}

#[test]
fn two_builds_at_once_both_succeed_one_after_the_other() {
    let j = Journal::new();
    large_journal(&j, "Portfolio");
    let (mut a, mut b) = (build(&j), build(&j));
    assert!(a.wait().unwrap().success());
    assert!(b.wait().unwrap().success());
    let built = tree(&j.path().join("public"));
    assert!(built.contains_key("index.html"));
    assert_eq!(leftovers(&j), Vec::<String>::new());
    // The same bytes as a build alone.
    j.cmd(&["build"]).assert().success();
    assert_eq!(tree(&j.path().join("public")), built);
}

#[test]
fn a_second_build_waits_for_the_first_or_fails_under_no_wait() {
    let j = Journal::new();
    j.cmd(&["build"]).assert().success();
    let out = j.path().join("public");
    let before = tree(&out);
    // Hold the lock as a running build would.
    let lock_file = std::fs::File::create(mentorfolio::output::lock_path(&out)).unwrap();
    fs4::FileExt::lock(&lock_file).unwrap();
    j.cmd(&["build", "--no-wait"])
        .assert()
        .code(1)
        .stderr(contains("another build is writing"))
        .stderr(contains("--no-wait"));
    assert_eq!(tree(&out), before);

    let mut waiting = std::process::Command::new(assert_cmd::cargo::cargo_bin("mentorfolio"))
        .arg("--root")
        .arg(j.path())
        .args(["--today", TODAY, "build"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(waiting.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert!(line.contains("waiting for another build"), "{line}");
    assert!(waiting.try_wait().unwrap().is_none(), "it waits");
    fs4::FileExt::unlock(&lock_file).unwrap();
    assert!(waiting.wait().unwrap().success());
    assert_eq!(tree(&out), before);
    drop(lock_file);
    assert_eq!(leftovers(&j), Vec::<String>::new());
}

#[test]
fn leftovers_of_a_killed_build_are_recovered_and_reported() {
    let j = Journal::new();
    j.cmd(&["build"]).assert().success();
    let out = j.path().join("public");
    let site = tree(&out);
    // Killed between the two renames of a two-step swap, with a staging folder beside.
    std::fs::rename(&out, j.path().join(".public.old-1-0")).unwrap();
    std::fs::create_dir_all(j.path().join(".public.new-1-0/goals")).unwrap();
    j.cmd(&["build"])
        .assert()
        .success()
        .stderr(contains("restored"))
        .stderr(contains(".public.new-1-0"));
    assert_eq!(tree(&out), site);
    assert_eq!(leftovers(&j), Vec::<String>::new());
}

/// Runs `mentorfolio build` as a user who is not root: `nobody` when the tests run as root
/// (as in CI), since root may write anywhere; the current user otherwise.
#[test]
fn an_unwritable_output_fails_clearly_and_leaves_nothing() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let j = Journal::new();
    j.cmd(&["build"]).assert().success();
    let out = j.path().join("public");
    let before = tree(&out);
    let root = rustix::process::geteuid().is_root();
    let mode = |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m));
    if root {
        // `nobody` must be able to enter the journal and write beside the output.
        mode(j.path(), 0o777).unwrap();
        for e in walkdir::WalkDir::new(&out) {
            let e = e.unwrap();
            let m = if e.file_type().is_dir() { 0o755 } else { 0o644 };
            mode(e.path(), m).unwrap();
        }
    }
    mode(&out.join("goals"), 0o555).unwrap();
    mode(&out, 0o555).unwrap();
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("mentorfolio"));
    cmd.arg("--root")
        .arg(j.path())
        .args(["--today", TODAY, "--color", "never", "build"]);
    if root {
        cmd.uid(65534).gid(65534);
    }
    let run = match cmd.output() {
        Ok(run) => run,
        Err(e) if root => {
            eprintln!("skipped: cannot run the binary as `nobody` here: {e}");
            return;
        }
        Err(e) => panic!("{e}"),
    };
    let stderr = String::from_utf8_lossy(&run.stderr);
    if root && stderr.contains("does not exist") {
        // The binary's folders are closed to `nobody` here: nothing to learn.
        eprintln!("skipped: `nobody` cannot reach the journal on this machine");
        return;
    }
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("is not writable"), "{stderr}");
    mode(&out, 0o755).unwrap();
    mode(&out.join("goals"), 0o755).unwrap();
    assert_eq!(tree(&out), before);
    assert_eq!(leftovers(&j), Vec::<String>::new());
}
