//! `mentorfolio publish`: build the site as `build` does, then push only the built files as
//! one new commit on a branch of a git remote (like `mkdocs gh-deploy` and ghp-import).
//!
//! The commit is made in a temporary repository outside the journal, whose work tree is the
//! freshly built site: nothing of the journal can be staged, and the journal's own
//! repository gains no branch, ref or object, whether the push succeeds or not.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::NaiveDate;

use crate::console::{self, Globals};

/// What the user asked for on the command line.
pub struct Options {
    /// A remote's name in the journal's repository, or a URL or path [default: `origin`].
    pub remote: Option<String>,
    pub branch: String,
    pub message: Option<String>,
    pub base_url: Option<String>,
    pub strict: bool,
}

/// Where to push: a remote of the journal's repository, looked up there, or an address.
#[derive(Debug, PartialEq, Eq)]
pub enum Remote {
    Name(String),
    Url(String),
}

/// A checked publish request, ready to run.
#[derive(Debug, PartialEq, Eq)]
pub struct Plan {
    pub remote: Remote,
    pub branch: String,
    /// The message the user gave, kept as it is.
    pub message: Option<String>,
    /// The message otherwise, to which the journal's commit is added when it has one.
    pub default_message: String,
}

/// Checks the options and fills in the defaults, without touching the disk or git.
pub fn plan(o: &Options, today: NaiveDate) -> Result<Plan, String> {
    check_branch(&o.branch)?;
    let remote = match o.remote.as_deref() {
        None => Remote::Name("origin".into()),
        Some("") => return Err("the remote is empty; give a remote's name or a URL".into()),
        Some(r) if is_remote_name(r) => Remote::Name(r.into()),
        Some(r) => Remote::Url(r.into()),
    };
    if o.message.as_ref().is_some_and(|m| m.trim().is_empty()) {
        return Err("the commit message is empty".into());
    }
    Ok(Plan {
        remote,
        branch: o.branch.clone(),
        message: o.message.clone(),
        default_message: format!(
            "Publish the site of {today} with mentorfolio {}",
            env!("CARGO_PKG_VERSION")
        ),
    })
}

/// A remote's name has no path separator, colon or leading dot, so `../site.git`,
/// `/srv/site.git`, `git@host:me/site.git` and `https://…` are addresses.
fn is_remote_name(s: &str) -> bool {
    !s.starts_with('.')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The rules of `git check-ref-format --branch` that a typo can break; git checks the rest.
fn check_branch(b: &str) -> Result<(), String> {
    let bad = b.is_empty()
        || b.starts_with(['-', '/', '.'])
        || b.ends_with(['/', '.'])
        || b.ends_with(".lock")
        || b.contains("..")
        || b.contains("//")
        || b.contains("@{")
        || b.chars()
            .any(|c| c.is_ascii_control() || " ~^:?*[\\".contains(c));
    if bad {
        Err(format!("`{b}` is not a valid branch name"))
    } else {
        Ok(())
    }
}

/// An address git can reach from any folder: a relative local path is made absolute
/// against `base` (the folder it was written relative to); URLs and `host:path` stay.
pub fn absolute_address(address: &str, base: &Path) -> String {
    let scp_like = address
        .split_once(':')
        .is_some_and(|(host, _)| host.len() > 1 && !host.contains(['/', '\\']));
    if address.contains("://") || scp_like || Path::new(address).is_absolute() {
        address.to_string()
    } else {
        base.join(address).to_string_lossy().into_owned()
    }
}

/// The commit message with the journal's commit filled in.
fn message(plan: &Plan, source: Option<&str>) -> String {
    match (&plan.message, source) {
        (Some(m), _) => m.clone(),
        (None, Some(sha)) => format!(
            "{}\n\nBuilt from the journal's commit {sha}.",
            plan.default_message
        ),
        (None, None) => plan.default_message.clone(),
    }
}

/// A failed step: what went wrong, git's own words, and what to do.
struct Failure {
    what: String,
    detail: String,
    hint: &'static str,
}

fn failure(what: impl Into<String>, out: &Output, hint: &'static str) -> Failure {
    Failure {
        what: what.into(),
        detail: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        hint,
    }
}

/// `git` with the caller's repository variables removed, so a hook or an outer repository
/// cannot redirect it; `repo` is the temporary repository, `site` its work tree.
fn git(repo: Option<(&Path, &Path)>) -> Command {
    let mut c = Command::new("git");
    for var in [
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_PREFIX",
    ] {
        c.env_remove(var);
    }
    if let Some((dir, site)) = repo {
        c.env("GIT_DIR", dir).env("GIT_WORK_TREE", site);
    }
    c
}

fn output(mut c: Command) -> Result<Output, Failure> {
    c.output().map_err(|e| Failure {
        what: "cannot run `git`".into(),
        detail: e.to_string(),
        hint: "install git and make sure it is on the PATH",
    })
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The address the remote names, from the journal's repository when it is a name.
fn resolve(remote: &Remote, root: &Path) -> Result<String, Failure> {
    let cwd = std::env::current_dir().unwrap_or_default();
    match remote {
        Remote::Url(url) => Ok(absolute_address(url, &cwd)),
        Remote::Name(name) => {
            let mut c = git(None);
            c.arg("-C").arg(root).args(["remote", "get-url", name]);
            let out = output(c)?;
            if !out.status.success() {
                return Err(failure(
                    format!("the journal's repository has no remote `{name}`"),
                    &out,
                    "add it with `git remote add`, or pass --remote with a URL or a path",
                ));
            }
            // git reads a relative path in a remote from the top of the work tree.
            let mut top = git(None);
            top.arg("-C")
                .arg(root)
                .args(["rev-parse", "--show-toplevel"]);
            let top = output(top).map(|o| PathBuf::from(stdout(&o)))?;
            Ok(absolute_address(&stdout(&out), &cwd.join(root).join(top)))
        }
    }
}

/// Whether the branch exists on the remote; an unreachable remote is a failure.
fn remote_has_branch(url: &str, branch: &str) -> Result<bool, Failure> {
    let mut c = git(None);
    c.args(["ls-remote", "--heads", "--", url])
        .arg(format!("refs/heads/{branch}"));
    let out = output(c)?;
    if !out.status.success() {
        return Err(failure(
            format!("cannot reach the remote `{url}`"),
            &out,
            "check the address and that you may push to it",
        ));
    }
    Ok(!out.stdout.is_empty())
}

/// The journal's current commit, for the message; None outside a repository.
fn source_commit(root: &Path) -> Option<String> {
    let mut c = git(None);
    c.arg("-C")
        .arg(root)
        .args(["rev-parse", "--verify", "--quiet", "HEAD"]);
    let out = c.output().ok()?;
    out.status.success().then(|| stdout(&out))
}

/// Runs one git step in the temporary repository and gives its standard output.
fn step<I, S>(
    repo: (&Path, &Path),
    args: I,
    what: &str,
    hint: &'static str,
) -> Result<String, Failure>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut c = git(Some(repo));
    c.args(args);
    let out = output(c)?;
    if out.status.success() {
        Ok(stdout(&out))
    } else {
        Err(failure(what, &out, hint))
    }
}

/// Commits the site in `site` on top of the remote branch (when `exists`) and pushes it.
/// Gives the new commit's id.
fn commit_and_push(
    url: &str,
    plan: &Plan,
    message: &str,
    exists: bool,
    work: &Path,
    site: &Path,
) -> Result<String, Failure> {
    let dir = work.join("repo.git");
    let mut init = git(None);
    init.args(["init", "--quiet", "--bare"]).arg(&dir);
    let out = output(init)?;
    if !out.status.success() {
        return Err(failure("cannot create a temporary repository", &out, ""));
    }
    let repo = (dir.as_path(), site);
    let fetched = format!("refs/remotes/site/{}", plan.branch);
    let parent = if exists {
        let refspec = format!("refs/heads/{}:{fetched}", plan.branch);
        step(
            repo,
            [
                "fetch",
                "--quiet",
                "--no-tags",
                "--depth=1",
                "--",
                url,
                &refspec,
            ],
            "cannot fetch the remote branch",
            "check the address and that you may read it",
        )?;
        Some(step(
            repo,
            ["rev-parse", "--verify", &fetched],
            "cannot read the fetched branch",
            "",
        )?)
    } else {
        None
    };
    // The marker that tells `build` the folder is its own is no part of the site.
    let marker = format!(":(exclude){}", crate::output::MARKER);
    step(
        repo,
        [
            "-c",
            "core.autocrlf=false",
            "-c",
            "core.safecrlf=false",
            "add",
            "--all",
            "--force",
            "--",
            ".",
            &marker,
        ],
        "cannot stage the built site",
        "",
    )?;
    let tree = step(repo, ["write-tree"], "cannot record the built site", "")?;
    let mut args = vec!["commit-tree".to_string(), tree, "-m".into(), message.into()];
    if let Some(p) = parent {
        args.extend(["-p".into(), p]);
    }
    let mut c = git(Some(repo));
    c.args(&args);
    if !has_identity(repo) {
        // A fresh CI runner has no git identity; the commit still says what made it.
        for (k, v) in [
            ("GIT_AUTHOR_NAME", "mentorfolio"),
            ("GIT_AUTHOR_EMAIL", "mentorfolio@localhost"),
            ("GIT_COMMITTER_NAME", "mentorfolio"),
            ("GIT_COMMITTER_EMAIL", "mentorfolio@localhost"),
        ] {
            c.env(k, v);
        }
    }
    let out = output(c)?;
    if !out.status.success() {
        return Err(failure("cannot commit the built site", &out, ""));
    }
    let commit = stdout(&out);
    step(
        repo,
        [
            "push",
            "--quiet",
            "--",
            url,
            &format!("{commit}:refs/heads/{}", plan.branch),
        ],
        &format!("cannot push to the branch `{}` of `{url}`", plan.branch),
        "if the branch moved while publishing, run publish again; otherwise check that you may push there",
    )?;
    Ok(commit)
}

/// Whether git knows who commits (the user's global or system configuration).
fn has_identity(repo: (&Path, &Path)) -> bool {
    let mut c = git(Some(repo));
    c.args(["var", "GIT_COMMITTER_IDENT"]);
    c.output().is_ok_and(|o| o.status.success())
        && git(Some(repo))
            .args(["var", "GIT_AUTHOR_IDENT"])
            .output()
            .is_ok_and(|o| o.status.success())
}

/// Number of files under `dir`, for the closing line.
fn count_files(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_type().is_file() && e.file_name() != crate::output::MARKER)
        })
        .count()
}

/// `mentorfolio publish`: plan, build into a temporary folder, commit and push.
pub fn run(g: &Globals, o: &Options) -> i32 {
    let plan = match plan(o, g.today) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return console::USAGE;
        }
    };
    match publish(g, o, &plan) {
        Ok(code) => code,
        Err(f) => {
            eprintln!("error: {}; nothing was published", f.what);
            for line in f.detail.lines() {
                eprintln!("  git: {line}");
            }
            if !f.hint.is_empty() {
                eprintln!("hint: {}", f.hint);
            }
            console::FAILED
        }
    }
}

fn publish(g: &Globals, o: &Options, plan: &Plan) -> Result<i32, Failure> {
    let url = resolve(&plan.remote, &g.root)?;
    let exists = remote_has_branch(&url, &plan.branch)?;
    let work = tempfile::Builder::new()
        .prefix("mentorfolio-publish-")
        .tempdir()
        .map_err(|e| Failure {
            what: "cannot create a temporary folder".into(),
            detail: e.to_string(),
            hint: "",
        })?;
    let site = work.path().join("site");
    let build = crate::build::Options {
        base_url: o.base_url.clone(),
        output_dir: Some(site.clone()),
        strict: o.strict,
        ..Default::default()
    };
    let quiet = Globals {
        root: g.root.clone(),
        today: g.today,
        quiet: true,
        color: g.color,
    };
    if crate::build::run(&quiet, &build) != console::OK {
        eprintln!("error: the build failed; nothing was published");
        return Ok(console::FAILED);
    }
    let message = message(plan, source_commit(&g.root).as_deref());
    let commit = commit_and_push(&url, plan, &message, exists, work.path(), &site)?;
    if !g.quiet {
        let how = if exists {
            "a new commit on"
        } else {
            "the new branch"
        };
        println!(
            "published {} files as {how} `{}` of {url} ({})",
            count_files(&site),
            plan.branch,
            &commit[..commit.len().min(12)]
        );
    }
    Ok(console::OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(remote: Option<&str>, branch: &str) -> Options {
        Options {
            remote: remote.map(str::to_string),
            branch: branch.into(),
            message: None,
            base_url: None,
            strict: false,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
    }

    #[test]
    fn the_default_is_origin_with_a_dated_message() {
        let p = plan(&options(None, "gh-pages"), today()).unwrap();
        assert_eq!(p.remote, Remote::Name("origin".into()));
        assert_eq!(p.branch, "gh-pages");
        assert_eq!(p.message, None);
        assert!(
            p.default_message
                .starts_with("Publish the site of 2026-03-01 with mentorfolio ")
        );
    }

    #[test]
    fn names_and_addresses_are_told_apart() {
        let remote = |r| plan(&options(Some(r), "gh-pages"), today()).unwrap().remote;
        assert_eq!(remote("site"), Remote::Name("site".into()));
        assert_eq!(remote("my_site-2"), Remote::Name("my_site-2".into()));
        for url in [
            "../site.git",
            "./site.git",
            "/srv/site.git",
            "git@github.com:me/site.git",
            "https://github.com/me/site.git",
            "C:\\sites\\site.git",
        ] {
            assert_eq!(remote(url), Remote::Url(url.into()), "{url}");
        }
    }

    #[test]
    fn bad_branches_and_empty_values_are_refused() {
        for b in ["", "-x", "a..b", "a b", "a:b", "x.lock", "a/", "@{u}"] {
            let e = plan(&options(None, b), today()).unwrap_err();
            assert!(e.contains("not a valid branch name"), "{b}: {e}");
        }
        assert!(plan(&options(Some(""), "gh-pages"), today()).is_err());
        let mut o = options(None, "gh-pages");
        o.message = Some("  ".into());
        assert!(plan(&o, today()).is_err());
        assert!(plan(&options(None, "sites/main"), today()).is_ok());
    }

    #[test]
    fn relative_paths_become_absolute_and_urls_stay() {
        let base = Path::new("/home/ada/journal");
        assert_eq!(
            absolute_address("../site.git", base),
            base.join("../site.git").to_string_lossy()
        );
        for url in [
            "https://github.com/me/site.git",
            "ssh://git@host/site.git",
            "git@github.com:me/site.git",
            "/srv/site.git",
        ] {
            assert_eq!(absolute_address(url, base), url);
        }
    }

    #[test]
    fn the_default_message_names_the_journals_commit_and_a_given_one_is_kept() {
        let p = plan(&options(None, "gh-pages"), today()).unwrap();
        let m = message(&p, Some("abc123"));
        assert!(
            m.ends_with("Built from the journal's commit abc123."),
            "{m}"
        );
        assert_eq!(message(&p, None), p.default_message);
        let mut o = options(None, "gh-pages");
        o.message = Some("Site for the review".into());
        let p = plan(&o, today()).unwrap();
        assert_eq!(message(&p, Some("abc123")), "Site for the review");
    }
}
