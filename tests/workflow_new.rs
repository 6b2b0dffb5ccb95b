//! `mentorfolio new`: files from templates at the right paths, never over an existing file,
//! and a new meeting whose agenda is prepared from what is open in the journal.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn mentorfolio(root: &Path, today: &str) -> Command {
    let mut cmd = Command::cargo_bin("mentorfolio").unwrap();
    cmd.env_remove("MENTORFOLIO_TODAY")
        .args(["--color=never", "--today", today, "--root"])
        .arg(root);
    cmd
}

/// A copy of the example journal to write into.
fn example_site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let to = tmp.path().join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&to).unwrap();
        } else {
            fs::copy(entry.path(), &to).unwrap();
        }
    }
    tmp
}

/// The YAML front matter of a Markdown file.
fn front(path: &Path) -> serde_yaml::Value {
    let text = fs::read_to_string(path).unwrap();
    serde_yaml::from_str(text.split("---\n").nth(1).unwrap()).unwrap()
}

fn strings(v: &serde_yaml::Value) -> Vec<String> {
    v.as_sequence()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn new_meeting_on_the_example_prefills_what_is_open() {
    let site = example_site();
    mentorfolio(site.path(), "2026-08-28")
        .args(["new", "meeting"])
        .assert()
        .success()
        // The example plans 9 September; the biweekly cadence gives the one after it.
        .stdout("meetings/2026/2026-09-23.md\n");
    let m = front(&site.path().join("meetings/2026/2026-09-23.md"));
    assert_eq!(m["date"].as_str(), Some("2026-09-23"));
    assert_eq!(m["status"].as_str(), Some("planned"));
    assert_eq!(
        strings(&m["agenda"]),
        [
            "Follow up: Watch the recorded run of the talk and send three notes (Helen Achebe's action from 26 August 2026, due 4 September 2026)",
            "Follow up: Write the facilitator's guide for the design forum (action from 26 August 2026, due 8 September 2026)",
            "Follow up: Outline the third blog post (action from 26 August 2026, due 9 September 2026)",
            "Follow up: First draft of the tracing runbook, built from the last three incident investigations (action from 26 August 2026, due 18 September 2026)",
            "Check on: Share the promotion evidence template her org uses (mentor's commitment from 12 August 2026, followed up 24 August 2026)",
            "Check on: Introduce me to the SRE lead in her org to compare on-call training formats (mentor's commitment from 26 August 2026, followed up 27 August 2026)",
        ]
    );
    assert_eq!(
        strings(&m["goals"]),
        ["design-reviews", "distributed-tracing", "engineering-blog"]
    );
    mentorfolio(site.path(), "2026-08-28")
        .args(["check", "--strict"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "24 meetings, 6 activities: 0 errors, 0 warnings",
        ));
}

#[test]
fn a_later_meeting_brings_benchmarks_due_and_quiet_goals_overdue_first() {
    let site = example_site();
    mentorfolio(site.path(), "2026-09-10")
        .args(["new", "meeting", "2026-10-08", "--title", "Autumn check-in"])
        .assert()
        .success()
        .stdout("meetings/2026/2026-10-08-autumn-check-in.md\n");
    let m = front(
        &site
            .path()
            .join("meetings/2026/2026-10-08-autumn-check-in.md"),
    );
    let agenda = strings(&m["agenda"]);
    assert_eq!(
        agenda[0],
        "Follow up: Watch the recorded run of the talk and send three notes (Helen Achebe's action from 26 August 2026, due 4 September 2026)"
    );
    assert_eq!(
        agenda[3],
        "Follow up: First draft of the tracing runbook, built from the last three incident investigations (action from 26 August 2026, due 18 September 2026)"
    );
    // Biweekly from 2026-10-08: benchmarks due before 2026-10-22.
    let benchmarks: Vec<&String> = agenda
        .iter()
        .filter(|a| a.starts_with("Benchmark:"))
        .collect();
    assert_eq!(
        benchmarks,
        [
            "Benchmark: Deliver the talk at Pennine DevConf (Give a talk at a regional conference, due 15 October 2026)",
            "Benchmark: Third post published (tracing rollout lessons) (Publish four posts on the engineering blog, due 16 October 2026)",
        ]
    );
    // Active goals last discussed on 2026-08-26, more than 28 days before; the paused
    // and the achieved goals stay out.
    let quiet: Vec<&String> = agenda
        .iter()
        .filter(|a| a.starts_with("Goal check-in:"))
        .collect();
    assert_eq!(quiet.len(), 4, "{quiet:?}");
    assert!(
        quiet.contains(
            &&"Goal check-in: Give a talk at a regional conference (last discussed 26 August 2026)"
                .to_string()
        )
    );
    assert!(!agenda.iter().any(|a| a.contains("Mentor a junior")));
    assert!(!agenda.iter().any(|a| a.contains("schema registry")));
    mentorfolio(site.path(), "2026-09-10")
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains(" 0 errors"));
}

#[test]
fn new_goal_and_activity_land_at_their_paths_and_pass_check() {
    let site = example_site();
    mentorfolio(site.path(), "2026-08-28")
        .args(["new", "goal", "Écrire", "un", "billet: en français"])
        .assert()
        .success()
        .stdout("goals/ecrire-un-billet-en-francais.md\n");
    let g = front(&site.path().join("goals/ecrire-un-billet-en-francais.md"));
    assert_eq!(g["title"].as_str(), Some("Écrire un billet: en français"));
    assert_eq!(g["started"].as_str(), Some("2026-08-28"));
    assert_eq!(g["status"].as_str(), Some("active"));

    mentorfolio(site.path(), "2026-08-28")
        .args(["new", "activity", "--kind", "course", "Rust for SREs"])
        .assert()
        .success()
        .stdout("activities/2026-08-28-rust-for-sres.md\n");
    let a = front(&site.path().join("activities/2026-08-28-rust-for-sres.md"));
    assert_eq!(a["title"].as_str(), Some("Rust for SREs"));
    assert_eq!(a["date"].as_str(), Some("2026-08-28"));
    assert_eq!(a["kind"].as_str(), Some("course"));

    // A new goal still needs its benchmarks, target and actions: warnings, not errors.
    mentorfolio(site.path(), "2026-08-28")
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "checked 7 goals, 23 meetings, 7 activities: 0 errors",
        ));
}

#[test]
fn new_never_overwrites_a_file() {
    let site = example_site();
    let path = site.path().join("meetings/2026/2026-08-28.md");
    mentorfolio(site.path(), "2026-08-28")
        .args(["new", "meeting"])
        .assert()
        .success();
    fs::write(&path, "---\ndate: 2026-08-28\nagenda: [Mine]\n---\n").unwrap();
    mentorfolio(site.path(), "2026-08-28")
        .args(["new", "meeting", "2026-08-28"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "meetings/2026/2026-08-28.md is already the meeting of 2026-08-28",
        ));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "---\ndate: 2026-08-28\nagenda: [Mine]\n---\n"
    );

    let goal = site.path().join("goals/learn-rust.md");
    mentorfolio(site.path(), "2026-08-28")
        .args(["new", "goal", "Learn Rust"])
        .assert()
        .success();
    fs::write(&goal, "---\ntitle: Learn Rust well\n---\n").unwrap();
    mentorfolio(site.path(), "2026-08-29")
        .args(["new", "goal", "Learn", "Rust"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "goals/learn-rust.md already exists; mentorfolio never overwrites a file",
        ));
    assert_eq!(
        fs::read_to_string(&goal).unwrap(),
        "---\ntitle: Learn Rust well\n---\n"
    );
}

#[test]
fn new_refuses_an_id_already_used_in_a_sub_folder() {
    let site = example_site();
    mentorfolio(site.path(), "2026-08-28")
        .args(["new", "goal", "Engineering blog"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "goals/2026/engineering-blog.md already exists",
        ));
    assert!(!site.path().join("goals/engineering-blog.md").exists());
}

#[test]
fn a_title_without_letters_or_digits_is_refused() {
    let site = example_site();
    mentorfolio(site.path(), "2026-08-28")
        .args(["new", "goal", "!!!"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("letters or digits"));
}

#[test]
fn a_journal_with_errors_is_reported_and_nothing_is_written() {
    let site = example_site();
    fs::write(
        site.path().join("goals/broken.md"),
        "---\ntitle: [unclosed\n---\n",
    )
    .unwrap();
    mentorfolio(site.path(), "2026-08-28")
        .args(["new", "meeting"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("E002"));
    assert!(!site.path().join("meetings/2026/2026-08-28.md").exists());
}

#[test]
fn a_day_that_has_its_meeting_needs_a_title_for_another() {
    let site = example_site();
    mentorfolio(site.path(), "2026-08-28")
        .args(["new", "meeting", "2026-09-09"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "meetings/2026/2026-09-09-autumn-planning.md is already the meeting of 2026-09-09",
        ));
    assert!(!site.path().join("meetings/2026/2026-09-09.md").exists());
    mentorfolio(site.path(), "2026-08-28")
        .args(["new", "meeting", "2026-09-09", "--title", "Extra session"])
        .assert()
        .success()
        .stdout("meetings/2026/2026-09-09-extra-session.md\n");
}

#[test]
fn a_title_in_another_script_keeps_its_letters_and_links_encode_them() {
    let site = example_site();
    mentorfolio(site.path(), "2026-08-28")
        .args(["new", "goal", "日本語で発表する"])
        .assert()
        .success()
        .stdout("goals/日本語で発表する.md\n");
    // A second goal of the same title is refused, never written over the first.
    mentorfolio(site.path(), "2026-08-28")
        .args(["new", "goal", "日本語で発表する"])
        .assert()
        .code(1);
    mentorfolio(site.path(), "2026-08-28")
        .args(["build"])
        .assert()
        .success();
    let public = site.path().join("public");
    assert!(public.join("goals/日本語で発表する/index.html").is_file());
    let goals = fs::read_to_string(public.join("goals/index.html")).unwrap();
    let encoded = "goals/%E6%97%A5%E6%9C%AC%E8%AA%9E%E3%81%A7%E7%99%BA%E8%A1%A8%E3%81%99%E3%82%8B/";
    assert!(goals.contains(encoded), "{goals}");
}
