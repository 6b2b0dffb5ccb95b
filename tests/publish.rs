//! `mentorfolio publish` with real git and local bare repositories: the pushed branch holds
//! the built site and nothing of the journal, each publish adds one commit, and a failed
//! build or push changes no repository.

use std::path::{Path, PathBuf};
use std::process::Command as Git;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

const TODAY: &str = "2026-09-01";
/// A line of the private block that `init` writes into its example meeting.
const PRIVATE: &str = "should remain";

fn mentorfolio(root: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mentorfolio").unwrap();
    cmd.env_remove("MENTORFOLIO_TODAY")
        .args(["--color=never", "--today", TODAY, "--root"])
        .arg(root);
    cmd
}

/// `git ARGS` in `dir`, which must succeed; its standard output.
fn git(dir: &Path, args: &[&str]) -> String {
    String::from_utf8(git_bytes(dir, args)).unwrap()
}

fn git_bytes(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = Git::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Ada", "-c", "user.email=ada@example.org"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// A journal from `init`, committed in its own repository, whose `origin` is an empty
/// bare repository beside it.
struct Setup {
    _tmp: TempDir,
    journal: PathBuf,
    remote: PathBuf,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let journal = tmp.path().join("journal");
    let remote = tmp.path().join("site.git");
    mentorfolio(&journal)
        .args(["init", "--quiet", "--mentee", "Ada Lovelace"])
        .assert()
        .success();
    git(tmp.path(), &["init", "--quiet", "--bare", "site.git"]);
    git(&journal, &["init", "--quiet", "-b", "main"]);
    git(&journal, &["add", "-A"]);
    git(&journal, &["commit", "--quiet", "-m", "Start the journal"]);
    git(&journal, &["remote", "add", "origin", "../site.git"]);
    Setup {
        _tmp: tmp,
        journal,
        remote,
    }
}

/// Files of a branch of a repository, by path.
fn tree(repo: &Path, branch: &str) -> Vec<String> {
    git(repo, &["ls-tree", "-r", "--name-only", branch])
        .lines()
        .map(str::to_string)
        .collect()
}

fn has_branch(repo: &Path, branch: &str) -> bool {
    Git::new("git")
        .arg("-C")
        .arg(repo)
        .args(["rev-parse", "--verify", "--quiet"])
        .arg(format!("refs/heads/{branch}"))
        .output()
        .unwrap()
        .status
        .success()
}

fn commits(repo: &Path, branch: &str) -> Vec<String> {
    git(repo, &["rev-list", branch])
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn publish_pushes_the_built_site_and_nothing_of_the_journal() {
    let s = setup();
    let before = git(&s.journal, &["for-each-ref"]);
    mentorfolio(&s.journal)
        .args(["publish", "--base-url", "https://ada.github.io/mentoring/"])
        .assert()
        .success()
        .stdout(predicate::str::contains("as the new branch `gh-pages`"));

    // The same files, byte for byte, as `build` writes.
    let built = tempfile::tempdir().unwrap();
    mentorfolio(&s.journal)
        .args([
            "build",
            "--quiet",
            "--base-url",
            "https://ada.github.io/mentoring/",
        ])
        .arg("--output-dir")
        .arg(built.path().join("site"))
        .assert()
        .success();
    let pushed = tree(&s.remote, "gh-pages");
    assert!(pushed.contains(&"index.html".to_string()), "{pushed:?}");
    assert!(pushed.contains(&".nojekyll".to_string()), "{pushed:?}");
    for path in &pushed {
        assert!(
            !path.ends_with(".md")
                && !path.ends_with(".yaml")
                && !path.starts_with(".github")
                && path != ".gitignore"
                && path != ".mentorfolio-output",
            "a journal file was pushed: {path}"
        );
        let blob = git_bytes(&s.remote, &["show", &format!("gh-pages:{path}")]);
        let text = String::from_utf8_lossy(&blob);
        assert!(!text.contains(PRIVATE), "{path} holds the private block");
        let file = std::fs::read(built.path().join("site").join(path)).unwrap();
        assert!(blob == file, "{path} differs from the built file");
    }
    let on_disk = walkdir::WalkDir::new(built.path().join("site"))
        .into_iter()
        .filter(|e| e.as_ref().unwrap().file_type().is_file())
        .count();
    assert_eq!(pushed.len(), on_disk - 1, "every file but build's marker");
    let feed = git(&s.remote, &["show", "gh-pages:feed.xml"]);
    assert!(
        feed.contains("href=\"https://ada.github.io/mentoring/feed.xml\""),
        "--base-url is honoured: {feed}"
    );

    // A fresh branch: one commit, no parent; the journal's repository is as it was.
    assert_eq!(commits(&s.remote, "gh-pages").len(), 1);
    assert!(
        !has_branch(&s.remote, "main"),
        "the journal's branch is not pushed"
    );
    assert_eq!(git(&s.journal, &["for-each-ref"]), before);
    assert_eq!(git(&s.journal, &["status", "--porcelain"]), "");
    assert!(!s.journal.join("public").exists());
}

#[test]
fn a_second_publish_adds_one_commit_on_top_of_the_first() {
    let s = setup();
    mentorfolio(&s.journal)
        .args(["publish", "--quiet"])
        .assert()
        .success()
        .stdout("");
    let first = commits(&s.remote, "gh-pages");
    let log = git(&s.remote, &["log", "-1", "--format=%B", "gh-pages"]);
    assert!(
        log.starts_with("Publish the site of 2026-09-01 with mentorfolio "),
        "{log}"
    );
    let head = git(&s.journal, &["rev-parse", "HEAD"]);
    assert!(
        log.contains(head.trim()),
        "the message names the journal's commit: {log}"
    );

    mentorfolio(&s.journal)
        .args(["publish", "--message", "Site for the review"])
        .assert()
        .success()
        .stdout(predicate::str::contains("as a new commit on `gh-pages`"));
    let second = commits(&s.remote, "gh-pages");
    assert_eq!(second.len(), 2);
    assert_eq!(
        second[1], first[0],
        "the new commit's parent is the old tip"
    );
    let log = git(&s.remote, &["log", "-1", "--format=%s", "gh-pages"]);
    assert_eq!(log.trim(), "Site for the review");
}

#[test]
fn a_failed_build_pushes_nothing() {
    let s = setup();
    let meeting = s.journal.join(format!("meetings/{TODAY}-kickoff.md"));
    let text = std::fs::read_to_string(&meeting).unwrap();
    std::fs::write(
        &meeting,
        text.replacen("date:", "date: not-a-date\nwas:", 1),
    )
    .unwrap();
    mentorfolio(&s.journal)
        .arg("publish")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the build failed; nothing was published",
        ));
    assert!(!has_branch(&s.remote, "gh-pages"));
    assert_eq!(git(&s.remote, &["for-each-ref"]), "");
}

#[test]
fn a_warning_under_strict_pushes_nothing_on_top_of_the_last_site() {
    let s = setup();
    mentorfolio(&s.journal).arg("publish").assert().success();
    let tip = commits(&s.remote, "gh-pages");
    let plan = s.journal.join("plan.md");
    let text = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(&plan, text.replacen("---\n", "---\nstauts: draft\n", 1)).unwrap();
    mentorfolio(&s.journal)
        .args(["publish", "--strict"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("W501"));
    assert_eq!(commits(&s.remote, "gh-pages"), tip);
}

#[test]
fn any_remote_and_branch_work_without_a_journal_repository() {
    let tmp = tempfile::tempdir().unwrap();
    let journal = tmp.path().join("journal");
    mentorfolio(&journal)
        .args(["init", "--quiet"])
        .assert()
        .success();
    git(tmp.path(), &["init", "--quiet", "--bare", "elsewhere.git"]);
    let remote = tmp.path().join("elsewhere.git");
    mentorfolio(&journal)
        .args(["publish", "--branch", "site", "--remote"])
        .arg(&remote)
        .assert()
        .success();
    assert!(tree(&remote, "site").contains(&"index.html".to_string()));
    assert!(!has_branch(&remote, "gh-pages"));
}

#[test]
fn an_unreachable_remote_fails_with_a_clear_message_and_leaves_nothing() {
    let s = setup();
    let missing = s.remote.with_file_name("missing.git");
    mentorfolio(&s.journal)
        .arg("publish")
        .arg("--remote")
        .arg(&missing)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error: cannot reach the remote"))
        .stderr(predicate::str::contains("nothing was published"))
        .stderr(predicate::str::contains("hint: check the address"));
    mentorfolio(&s.journal)
        .args(["publish", "--remote", "upstream"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the journal's repository has no remote `upstream`",
        ));
    assert!(!missing.exists());
    assert_eq!(git(&s.journal, &["status", "--porcelain"]), "");
    assert!(!s.journal.join("public").exists());
}

#[test]
fn a_push_the_remote_refuses_changes_nothing() {
    let s = setup();
    mentorfolio(&s.journal).arg("publish").assert().success();
    let tip = commits(&s.remote, "gh-pages");
    // The remote refuses every push, as a protected branch does.
    let hook = s.remote.join("hooks/pre-receive");
    std::fs::write(&hook, "#!/bin/sh\necho 'branch is protected' >&2\nexit 1\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    mentorfolio(&s.journal)
        .arg("publish")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "cannot push to the branch `gh-pages`",
        ))
        .stderr(predicate::str::contains("branch is protected"));
    assert_eq!(commits(&s.remote, "gh-pages"), tip);
    assert_eq!(git(&s.journal, &["status", "--porcelain"]), "");
}

#[test]
fn bad_options_are_usage_errors() {
    let s = setup();
    mentorfolio(&s.journal)
        .args(["publish", "--branch", "a..b"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`a..b` is not a valid branch name",
        ));
    assert_eq!(git(&s.remote, &["for-each-ref"]), "");
}

#[test]
fn publish_commits_where_git_has_no_identity_as_on_a_fresh_ci_runner() {
    let s = setup();
    let empty = s.journal.with_file_name("empty.gitconfig");
    std::fs::write(&empty, "").unwrap();
    let mut cmd = mentorfolio(&s.journal);
    cmd.env("GIT_CONFIG_GLOBAL", &empty)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_COUNT", "1")
        .env("GIT_CONFIG_KEY_0", "user.useConfigOnly")
        .env("GIT_CONFIG_VALUE_0", "true");
    for var in [
        "EMAIL",
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
    ] {
        cmd.env_remove(var);
    }
    cmd.arg("publish").assert().success();
    let author = git(&s.remote, &["log", "-1", "--format=%an <%ae>", "gh-pages"]);
    assert_eq!(author.trim(), "mentorfolio <mentorfolio@localhost>");
}
