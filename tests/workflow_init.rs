//! `mentorfolio init`: a journal that checks without errors at once, whose worked examples
//! stay examples until they are made real, and a GitHub Pages workflow built from GitHub's
//! official actions.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

const TODAY: &str = "2026-09-01";

fn mentorfolio() -> Command {
    let mut cmd = Command::cargo_bin("mentorfolio").unwrap();
    cmd.env_remove("MENTORFOLIO_TODAY").arg("--color=never");
    cmd
}

fn init(dir: &Path) -> assert_cmd::assert::Assert {
    mentorfolio()
        .args(["--today", TODAY, "init"])
        .arg(dir)
        .args(["--mentee", "Ada Lovelace", "--mentor", "Grace Hopper"])
        .assert()
}

fn yaml(path: &Path) -> serde_yaml::Value {
    serde_yaml::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn init_writes_a_journal_whose_only_warnings_are_its_examples() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("my-mentoring");
    init(&dir)
        .success()
        .stdout(predicate::str::contains("meetings/2026-09-01-kickoff.md"));
    for file in [
        "mentorfolio.yaml",
        "plan.md",
        "goals/present-at-a-team-demo.md",
        "meetings/2026-09-01-kickoff.md",
        "activities/2026-09-01-demo-reading.md",
        ".gitignore",
        ".github/workflows/pages.yml",
    ] {
        assert!(dir.join(file).is_file(), "{file} missing");
    }
    let config = yaml(&dir.join("mentorfolio.yaml"));
    assert_eq!(config["mentee"]["name"].as_str(), Some("Ada Lovelace"));
    assert_eq!(config["mentor"]["name"].as_str(), Some("Grace Hopper"));
    assert_eq!(config["start"].as_str(), Some(TODAY));
    assert_eq!(config["timezone"].as_str(), Some("UTC"));
    assert_eq!(config["theme"].as_str(), Some("default"));
    assert_eq!(config["cadence"].as_str(), Some("weekly"));
    assert!(
        fs::read_to_string(dir.join(".gitignore"))
            .unwrap()
            .lines()
            .any(|l| l == "/public/")
    );

    mentorfolio()
        .args(["--today", TODAY, "--root"])
        .arg(&dir)
        .args(["check"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "checked 1 goal, 1 meeting, 1 activity: 0 errors, 3 warnings",
        ));
    // Made real (the marks removed), the examples pass `--strict`.
    for file in [
        "goals/present-at-a-team-demo.md",
        "meetings/2026-09-01-kickoff.md",
        "activities/2026-09-01-demo-reading.md",
    ] {
        let text = fs::read_to_string(dir.join(file)).unwrap();
        fs::write(dir.join(file), text.replace("example: true\n", "")).unwrap();
    }
    mentorfolio()
        .args(["--today", TODAY, "--root"])
        .arg(&dir)
        .args(["check", "--strict"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "checked 1 goal, 1 meeting, 1 activity: 0 errors, 0 warnings",
        ));
}

#[test]
fn the_example_meeting_is_held_and_complete() {
    let tmp = tempfile::tempdir().unwrap();
    init(tmp.path()).success();
    let text = fs::read_to_string(tmp.path().join("meetings/2026-09-01-kickoff.md")).unwrap();
    let front = text.split("---\n").nth(1).unwrap();
    let m: serde_yaml::Value = serde_yaml::from_str(front).unwrap();
    assert_eq!(m["status"].as_str(), Some("held"));
    assert_eq!(m["date"].as_str(), Some(TODAY));
    assert_eq!(m["agenda_sent"].as_str(), Some(TODAY));
    assert_eq!(m["summary_sent"].as_str(), Some(TODAY));
    assert!(!m["outcomes"].as_sequence().unwrap().is_empty());
    for a in m["actions"].as_sequence().unwrap() {
        assert!(a["owner"].is_string() && a["due"].is_string(), "{a:?}");
    }
}

#[test]
fn the_pages_workflow_uses_the_official_actions() {
    let tmp = tempfile::tempdir().unwrap();
    init(tmp.path()).success();
    let w = yaml(&tmp.path().join(".github/workflows/pages.yml"));

    assert_eq!(w["on"]["push"]["branches"][0].as_str(), Some("main"));
    assert_eq!(w["permissions"]["contents"].as_str(), Some("read"));
    let build = &w["jobs"]["build"];
    assert_eq!(build["permissions"]["pages"].as_str(), Some("write"));
    assert_eq!(build["permissions"]["id-token"].as_str(), Some("write"));
    assert!(w["concurrency"]["group"].is_string());

    let steps = |job: &str| -> Vec<serde_yaml::Value> {
        w["jobs"][job]["steps"].as_sequence().unwrap().clone()
    };
    let uses = |job: &str| -> Vec<String> {
        steps(job)
            .iter()
            .filter_map(|s| s["uses"].as_str().map(String::from))
            .collect()
    };
    assert_eq!(
        uses("build"),
        [
            "actions/checkout@v4",
            "actions/configure-pages@v5",
            "actions/upload-pages-artifact@v3"
        ]
    );
    assert_eq!(uses("deploy"), ["actions/deploy-pages@v4"]);

    let runs: Vec<String> = steps("build")
        .iter()
        .filter_map(|s| s["run"].as_str().map(String::from))
        .collect();
    assert!(
        runs.iter()
            .any(|r| r
                .contains("mentorfolio build --base-url \"${{ steps.pages.outputs.base_url }}/\"")),
        "{runs:?}"
    );
    let configure = steps("build")
        .into_iter()
        .find(|s| s["uses"].as_str() == Some("actions/configure-pages@v5"))
        .unwrap();
    assert_eq!(configure["id"].as_str(), Some("pages"));
    let upload = steps("build")
        .into_iter()
        .find(|s| s["uses"].as_str() == Some("actions/upload-pages-artifact@v3"))
        .unwrap();
    assert_eq!(upload["with"]["path"].as_str(), Some("public/"));

    let deploy = &w["jobs"]["deploy"];
    assert_eq!(deploy["needs"].as_str(), Some("build"));
    assert_eq!(
        deploy["if"].as_str(),
        Some("needs.build.outputs.pages == 'true'")
    );
    assert_eq!(deploy["environment"]["name"].as_str(), Some("github-pages"));
    assert_eq!(
        deploy["environment"]["url"].as_str(),
        Some("${{ steps.deployment.outputs.page_url }}")
    );
    assert_eq!(steps("deploy")[0]["id"].as_str(), Some("deployment"));
}

#[test]
fn the_pages_workflow_installs_the_pinned_release_daily_with_the_passphrase() {
    let tmp = tempfile::tempdir().unwrap();
    init(tmp.path()).success();
    let w = yaml(&tmp.path().join(".github/workflows/pages.yml"));

    // The project's one address and this release, never a compile from source.
    assert_eq!(
        w["env"]["MENTORFOLIO_REPO"].as_str(),
        Some(env!("CARGO_PKG_REPOSITORY"))
    );
    assert_eq!(
        w["env"]["MENTORFOLIO_VERSION"].as_str(),
        Some(env!("CARGO_PKG_VERSION"))
    );
    let steps = w["jobs"]["build"]["steps"].as_sequence().unwrap();
    let step = |name: &str| {
        steps
            .iter()
            .find(|s| s["name"].as_str() == Some(name))
            .unwrap()
    };
    let install = step("Install mentorfolio")["run"].as_str().unwrap();
    assert!(
        install.contains(
            "$MENTORFOLIO_REPO/releases/download/v$MENTORFOLIO_VERSION/mentorfolio-installer.sh"
        ),
        "{install}"
    );
    let text = std::fs::read_to_string(tmp.path().join(".github/workflows/pages.yml")).unwrap();
    assert!(!text.contains("cargo install"), "no compile on every push");

    // Rebuilt every day as well as on every push.
    let cron = w["on"]["schedule"][0]["cron"].as_str().unwrap();
    assert_eq!(
        cron.split_whitespace().collect::<Vec<_>>()[2..],
        ["*", "*", "*"]
    );

    // The passphrase of a protected site reaches both ways of building.
    let secret = Some("${{ secrets.MENTORFOLIO_PASSPHRASE }}");
    let build = step("Build the site");
    assert_eq!(build["env"]["MENTORFOLIO_PASSPHRASE"].as_str(), secret);
    let other = step("Build the site and push it to the site repository");
    assert_eq!(other["env"]["MENTORFOLIO_PASSPHRASE"].as_str(), secret);

    // Another repository: only when SITE_REPOSITORY names one, with `publish` and a deploy key.
    assert_eq!(w["env"]["SITE_REPOSITORY"].as_str(), Some(""));
    assert_eq!(other["if"].as_str(), Some("env.SITE_REPOSITORY != ''"));
    assert_eq!(
        other["env"]["DEPLOY_KEY"].as_str(),
        Some("${{ secrets.MENTORFOLIO_DEPLOY_KEY }}")
    );
    let push = other["run"].as_str().unwrap();
    assert!(
        push.contains(
            "mentorfolio publish --remote \"git@github.com:$SITE_REPOSITORY.git\" --branch gh-pages"
        ),
        "{push}"
    );
    for name in [
        "Configure GitHub Pages",
        "Build the site",
        "Upload the site",
    ] {
        assert_eq!(
            step(name)["if"].as_str(),
            Some("env.SITE_REPOSITORY == ''"),
            "{name}"
        );
    }
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    init(tmp.path())
        .code(1)
        .stderr(predicate::str::contains("is not empty"))
        .stderr(predicate::str::contains("--force"));
    assert!(!tmp.path().join("mentorfolio.yaml").exists());

    mentorfolio()
        .args(["--today", TODAY, "init", "--force"])
        .arg(tmp.path())
        .assert()
        .success();
    assert!(tmp.path().join("mentorfolio.yaml").is_file());
    assert_eq!(
        fs::read_to_string(tmp.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn init_defaults_to_the_root_and_needs_no_names() {
    let tmp = tempfile::tempdir().unwrap();
    mentorfolio()
        .args(["--today", TODAY, "--quiet", "--root"])
        .arg(tmp.path())
        .arg("init")
        .assert()
        .success()
        .stdout("");
    let config = yaml(&tmp.path().join("mentorfolio.yaml"));
    assert_eq!(config["mentee"]["name"].as_str(), Some("Your Name"));
    mentorfolio()
        .args(["--today", TODAY, "--root"])
        .arg(tmp.path())
        .args(["check"])
        .assert()
        .success();
}

#[test]
fn init_is_deterministic() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    init(&a).success();
    init(&b).success();
    for entry in walkdir::WalkDir::new(&a) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&a).unwrap();
            assert_eq!(
                fs::read(entry.path()).unwrap(),
                fs::read(b.join(rel)).unwrap(),
                "{}",
                rel.display()
            );
        }
    }
}

#[test]
fn a_week_after_init_the_next_meeting_proposes_nothing_from_the_example() {
    let tmp = tempfile::tempdir().unwrap();
    init(tmp.path()).success();
    mentorfolio()
        .args(["--today", "2026-09-08", "--root"])
        .arg(tmp.path())
        .args(["new", "meeting"])
        .assert()
        .success()
        .stdout("meetings/2026-09-08.md\n");
    let text = fs::read_to_string(tmp.path().join("meetings/2026-09-08.md")).unwrap();
    assert!(!text.contains("Follow up:"), "{text}");
    assert!(!text.contains("team demo"), "{text}");
}

#[test]
fn init_output_builds_into_a_site_without_its_private_block() {
    let tmp = tempfile::tempdir().unwrap();
    init(tmp.path()).success();
    mentorfolio()
        .args(["--today", TODAY, "--root"])
        .arg(tmp.path())
        .args(["build", "--base-url", "https://ada.github.io/mentoring/"])
        .assert()
        .success();
    let public = tmp.path().join("public");
    let index = fs::read_to_string(public.join("index.html")).unwrap();
    assert!(index.contains("Ada Lovelace"), "{index}");
    let goals = fs::read_to_string(public.join("goals/index.html")).unwrap();
    assert!(goals.contains("Present my work at a team demo"), "{goals}");
    let meeting =
        fs::read_to_string(public.join("meetings/2026-09-01-kickoff/index.html")).unwrap();
    assert!(meeting.contains("A worked example of a meeting record"));
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let bytes = fs::read(entry.path()).unwrap();
            assert!(
                !String::from_utf8_lossy(&bytes).contains("should remain"),
                "{} shows the private block",
                entry.path().display()
            );
        }
    }
}

/// The text of every file of the built site, with its path.
fn site_files(public: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(public)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let text = String::from_utf8_lossy(&fs::read(e.path()).unwrap()).to_string();
            (e.path().display().to_string(), text)
        })
        .collect()
}

#[test]
fn eight_weeks_after_init_the_examples_have_not_become_a_record() {
    let tmp = tempfile::tempdir().unwrap();
    init(tmp.path()).success();
    let later = "2026-10-27";
    let run = |args: &[&str]| {
        mentorfolio()
            .args(["--today", later, "--root"])
            .arg(tmp.path())
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["check", "--format", "json"]);
    let diags: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diags: Vec<(&str, &str, &str)> = diags
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap();
            (s("code"), s("file"), s("message"))
        })
        .collect();
    let reminder = "still the worked example: edit it or delete it";
    assert_eq!(
        diags,
        [
            ("W506", "activities/2026-09-01-demo-reading.md", reminder),
            ("W506", "goals/present-at-a-team-demo.md", reminder),
            ("W506", "meetings/2026-09-01-kickoff.md", reminder),
        ]
    );

    assert!(run(&["build"]).status.success());
    let public = tmp.path().join("public");
    let page = |rel: &str| fs::read_to_string(public.join(rel)).unwrap();
    let index = page("index.html");
    // Eight weeks without a meeting of its own are late, and nothing else is.
    assert!(
        index.contains("<strong>Needs attention:</strong> a meeting is overdue.</p>"),
        "{index}"
    );
    assert!(!index.contains("Present my work at a team demo"), "{index}");
    for (path, text) in site_files(&public) {
        let html = path.ends_with(".html");
        assert!(
            !(html && (text.contains("status-overdue") || text.contains(" overdue</strong>"))),
            "{path} shows an overdue item"
        );
        if !path.contains("kickoff") {
            assert!(
                !text.contains("Finish the first draft"),
                "{path} counts the example's action"
            );
        }
    }
    for rel in ["timeline/index.html", "feed.xml", "meetings.ics"] {
        assert!(
            !page(rel).contains("Kickoff"),
            "{rel} has the example in its history"
        );
    }

    // Each example is still published, marked as one, with nothing to answer.
    let badge = "<span class=\"status status-example\">example</span>";
    for rel in [
        "goals/index.html",
        "goals/present-at-a-team-demo/index.html",
        "meetings/index.html",
        "meetings/2026-09-01-kickoff/index.html",
        "activities/index.html",
        "activities/2026-09-01-demo-reading/index.html",
    ] {
        assert!(page(rel).contains(badge), "{rel} has no example badge");
    }
    let meeting = page("meetings/2026-09-01-kickoff/index.html");
    assert!(meeting.contains("A worked example that came with the journal"));
    assert!(!meeting.contains("mailto:"), "{meeting}");

    let agenda = String::from_utf8(run(&["agenda"]).stdout).unwrap();
    assert!(agenda.contains("Nothing is open"), "{agenda}");
    let summary = run(&["summary"]);
    assert!(!summary.status.success());
    assert!(
        String::from_utf8_lossy(&summary.stderr).contains("no held meeting"),
        "{summary:?}"
    );
}

#[test]
fn an_example_marked_private_stays_private() {
    let tmp = tempfile::tempdir().unwrap();
    init(tmp.path()).success();
    fs::write(
        tmp.path().join("goals/secret.md"),
        "---\ntitle: CANARY-EXAMPLE-TITLE\nexample: true\nprivate: true\n---\nCANARY-EXAMPLE-BODY\n",
    )
    .unwrap();
    fs::write(
        tmp.path().join("meetings/2026-09-02.md"),
        "---\nexample: true\nprivate_notes: CANARY-EXAMPLE-NOTES\n---\nShared.\n\n```private\nCANARY-EXAMPLE-BLOCK\n```\n",
    )
    .unwrap();
    mentorfolio()
        .args(["--today", TODAY, "--root"])
        .arg(tmp.path())
        .arg("build")
        .assert()
        .success();
    let public = tmp.path().join("public");
    assert!(public.join("meetings/2026-09-02/index.html").is_file());
    for (path, text) in site_files(&public) {
        assert!(!text.contains("CANARY-EXAMPLE"), "{path} leaks");
    }
}
