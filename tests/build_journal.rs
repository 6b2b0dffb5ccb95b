//! `mentorfolio build` on small journals written for each case: privacy, the output
//! folder's safety, template errors, broken journal links and overrides.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::str::contains;

const TODAY: &str = "2026-03-01";

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A small valid journal: one public goal, meeting and activity.
fn journal() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("journal");
    write(
        &root,
        "mentorfolio.yaml",
        "title: Test journal\nmentee: { name: Ada }\nmentor: { name: Grace }\nbase_url: https://ada.example.org/\nstart: 2026-01-05\n",
    );
    write(&root, "plan.md", "---\nobjective: Grow\n---\nThe plan.\n");
    write(
        &root,
        "goals/talk.md",
        "---\ntitle: Give a talk\ntarget: 2026-06-30\nbenchmarks:\n  - { title: Submit, due: 2026-02-01, done: 2026-01-30 }\nactions: [Write]\n---\nWhy it matters. See [the plan](../plan.md).\n",
    );
    write(
        &root,
        "meetings/2026-01-07-kickoff.md",
        "---\ndate: 2026-01-07 10:00\nagenda: [Talk]\nagenda_sent: 2026-01-05\noutcomes: [Go]\nsummary_sent: 2026-01-07\ngoals: [talk]\n---\nNotes about [the talk](../goals/talk.md).\n",
    );
    write(
        &root,
        "activities/course.md",
        "---\ntitle: A course\ndate: 2026-01-20\nkind: course\n---\nLearned things.\n",
    );
    (tmp, root)
}

fn mentorfolio(root: &Path) -> Command {
    let mut c = Command::cargo_bin("mentorfolio").unwrap();
    c.arg("--root")
        .arg(root)
        .args(["--today", TODAY, "--color", "never"]);
    c
}

/// The new and old outputs are hidden folders beside the output; none may be left.
fn assert_no_temporary_folders(root: &Path) {
    let hidden: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "temporary folders left: {hidden:?}");
}

fn all_bytes(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn private_goals_meetings_activities_and_blocks_stay_out() {
    let (_tmp, root) = journal();
    write(
        &root,
        "goals/secret-goal.md",
        "---\ntitle: CANARY-GOAL-TITLE\nprivate: true\n---\nCANARY-GOAL-BODY is here\n",
    );
    write(
        &root,
        "meetings/2026-01-14-secret.md",
        "---\ndate: 2026-01-14\nprivate: true\nagenda: [CANARY-MEETING-AGENDA item]\n---\nCANARY-MEETING-BODY is here\n",
    );
    write(
        &root,
        "activities/secret.md",
        "---\ntitle: CANARY-ACTIVITY-TITLE\ndate: 2026-01-21\nkind: other\nprivate: true\n---\nCANARY-ACTIVITY-BODY\n",
    );
    write(
        &root,
        "meetings/2026-01-21-open.md",
        "---\ndate: 2026-01-21\nagenda: [Public]\nagenda_sent: 2026-01-20\noutcomes: [Fine]\nsummary_sent: 2026-01-21\nprivate_notes: CANARY-NOTES-VALUE stays home\n---\nPublic words.\n\n```private\nCANARY-CLOSED-BLOCK stays home\n```\n\nMore public words.\n\n~~~private\nCANARY-UNCLOSED-BLOCK runs to the end\nand this line too\n",
    );
    mentorfolio(&root).arg("build").assert().success();
    let out = root.join("public");
    let pages = all_bytes(&out);
    assert!(pages.iter().any(|(p, _)| p.contains("2026-01-21-open")));
    for (rel, bytes) in &pages {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("CANARY"), "{rel} leaks private text");
        assert!(!text.contains("secret"), "{rel} names a private file");
    }
    let open = std::fs::read_to_string(out.join("meetings/2026-01-21-open/index.html")).unwrap();
    assert!(open.contains("More public words."));
    let checklist = std::fs::read_to_string(out.join("checklist/index.html")).unwrap();
    assert!(checklist.contains("verified absent from the site: <strong>"));
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let (_tmp, root) = journal();
    mentorfolio(&root).arg("build").assert().success();
    let before = all_bytes(&root.join("public"));
    write(&root, "goals/broken.md", "---\ntitle: [unclosed\n---\n");
    mentorfolio(&root)
        .arg("build")
        .assert()
        .code(1)
        .stderr(contains("E002"))
        .stderr(contains("nothing was written"));
    assert_eq!(all_bytes(&root.join("public")), before);
}

#[test]
fn pages_of_removed_files_disappear() {
    let (_tmp, root) = journal();
    mentorfolio(&root).arg("build").assert().success();
    assert!(root.join("public/activities/course/index.html").exists());
    std::fs::remove_file(root.join("activities/course.md")).unwrap();
    mentorfolio(&root).arg("build").assert().success();
    assert!(!root.join("public/activities/course").exists());
    assert_no_temporary_folders(&root);
}

#[test]
fn output_dir_refuses_the_journal_root_and_user_folders() {
    let (tmp, root) = journal();
    mentorfolio(&root)
        .args(["build", "--output-dir"])
        .arg(&root)
        .assert()
        .code(1)
        .stderr(contains("journal's own folder"));
    mentorfolio(&root)
        .args(["build", "--force", "--output-dir"])
        .arg(root.join("meetings/site"))
        .assert()
        .code(1)
        .stderr(contains("`meetings/` folder"));
    let user = tmp.path().join("my-documents");
    write(&user, "thesis.txt", "my own work");
    mentorfolio(&root)
        .args(["build", "--output-dir"])
        .arg(&user)
        .assert()
        .code(1)
        .stderr(contains("--force"));
    assert_eq!(
        std::fs::read_to_string(user.join("thesis.txt")).unwrap(),
        "my own work"
    );
    mentorfolio(&root)
        .args(["build", "--force", "--output-dir"])
        .arg(&user)
        .assert()
        .success();
    assert!(user.join("index.html").exists());
    // Once it is our output, it is replaced without --force.
    mentorfolio(&root)
        .args(["build", "--output-dir"])
        .arg(&user)
        .assert()
        .success();
}

#[test]
fn a_broken_override_template_is_e008_with_name_and_line() {
    let (_tmp, root) = journal();
    write(
        &root,
        "templates/goal.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ goal.title }</h1>\n{% endblock content %}\n",
    );
    mentorfolio(&root)
        .args(["build", "--color", "never"])
        .assert()
        .code(1)
        .stderr(contains("E008"))
        .stderr(contains("templates/goal.html:3"))
        .stderr(contains("goal.html"));
    assert!(!root.join("public").exists());
}

#[test]
fn a_template_that_fails_to_render_is_e008_with_its_line() {
    let (_tmp, root) = journal();
    write(
        &root,
        "templates/activity.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ activity.title }}</h1>\n<p>{{ activity.no_such_field }}</p>\n{% endblock content %}\n",
    );
    mentorfolio(&root)
        .arg("build")
        .assert()
        .code(1)
        .stderr(contains("E008"))
        .stderr(contains("templates/activity.html:4"));
}

#[test]
fn an_override_replaces_one_template() {
    let (_tmp, root) = journal();
    write(
        &root,
        "templates/activity.html",
        "{% extends \"base.html\" %}\n{% block content %}<h1>Custom: {{ activity.title }}</h1>{% endblock content %}\n",
    );
    write(&root, "static/extra.txt", "extra");
    mentorfolio(&root).arg("build").assert().success();
    let page = std::fs::read_to_string(root.join("public/activities/course/index.html")).unwrap();
    assert!(page.contains("<h1>Custom: A course</h1>"));
    assert!(
        page.contains("Skip to content"),
        "still extends the theme's base"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("public/extra.txt")).unwrap(),
        "extra"
    );
}

#[test]
fn a_link_to_a_missing_journal_file_is_w601_and_plain_text() {
    let (_tmp, root) = journal();
    write(
        &root,
        "activities/course.md",
        "---\ntitle: A course\ndate: 2026-01-20\nkind: course\n---\nLearned things.\n\nSee [the old goal](../goals/gone.md) for more.\n",
    );
    mentorfolio(&root)
        .arg("build")
        .assert()
        .success()
        .stderr(contains("W601"))
        .stderr(contains("activities/course.md:8"));
    let page = std::fs::read_to_string(root.join("public/activities/course/index.html")).unwrap();
    assert!(page.contains("See the old goal for more."));
    mentorfolio(&root)
        .args(["build", "--strict"])
        .assert()
        .code(1);
    // `check` reports what `build` reports: passing `check --strict` means `build --strict`
    // passes.
    mentorfolio(&root)
        .args(["check", "--strict"])
        .assert()
        .code(1)
        .stderr(contains("warning[W601]"))
        .stderr(contains("activities/course.md:8"));
}

#[test]
fn unknown_theme_is_an_error() {
    let (_tmp, root) = journal();
    let config = std::fs::read_to_string(root.join("mentorfolio.yaml")).unwrap();
    write(
        &root,
        "mentorfolio.yaml",
        &format!("{config}theme: fancy\n"),
    );
    mentorfolio(&root)
        .arg("build")
        .assert()
        .code(1)
        .stderr(contains("unknown theme `fancy`"));
}

#[test]
fn cname_nojekyll_and_summary_line() {
    let (_tmp, root) = journal();
    let config = std::fs::read_to_string(root.join("mentorfolio.yaml")).unwrap();
    write(
        &root,
        "mentorfolio.yaml",
        &format!("{config}cname: ada.example.org\n"),
    );
    mentorfolio(&root)
        .arg("build")
        .assert()
        .success()
        .stdout(contains("built "))
        .stdout(contains(" pages"));
    assert_eq!(
        std::fs::read_to_string(root.join("public/CNAME")).unwrap(),
        "ada.example.org\n"
    );
    assert!(root.join("public/.nojekyll").is_file());
    mentorfolio(&root)
        .args(["--quiet", "build"])
        .assert()
        .success()
        .stdout("");
}

#[test]
fn empty_states_say_so_without_editing_instructions() {
    let (_tmp, root) = journal();
    std::fs::remove_file(root.join("activities/course.md")).unwrap();
    mentorfolio(&root).arg("build").assert().success();
    let page = std::fs::read_to_string(root.join("public/activities/index.html")).unwrap();
    assert!(page.contains("<p class=\"empty\">No activities yet.</p>"));
    assert!(!page.contains("activities/."));
}

#[test]
fn render_site_is_the_library_entry_point() {
    let (_tmp, root) = journal();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let r = mentorfolio::build::render_site(&root, today, Some("http://127.0.0.1:1111/"));
    let site = r.site.expect("renders");
    let index = String::from_utf8_lossy(site.get("index.html").unwrap()).into_owned();
    assert!(index.contains(r#"href="/goals/talk/""#));
    let goal = String::from_utf8_lossy(site.get("goals/talk/index.html").unwrap()).into_owned();
    assert!(goal.contains(r#"<a href="/plan/">the plan</a>"#));
    write(&root, "plan.md", "no front matter\n");
    let r = mentorfolio::build::render_site(&root, today, None);
    assert!(r.site.is_none());
    assert!(r.diagnostics.iter().any(|d| d.is_error()));
}

#[test]
fn a_private_passage_in_the_output_is_e009_and_nothing_is_written() {
    let (_tmp, root) = journal();
    write(
        &root,
        "meetings/2026-01-21-open.md",
        "---\ndate: 2026-01-21\n---\nPublic.\n\n```private\nThe salary figure we discussed\n```\n",
    );
    write(
        &root,
        "static/notes.txt",
        "copied by mistake: The salary figure we discussed\n",
    );
    mentorfolio(&root)
        .arg("build")
        .assert()
        .code(1)
        .stderr(contains("E009"))
        .stderr(contains("notes.txt"));
    assert!(!root.join("public").exists());
}

#[test]
fn a_build_that_fails_while_rendering_leaves_the_output_and_no_partial_folder() {
    let (_tmp, root) = journal();
    mentorfolio(&root).arg("build").assert().success();
    let before = all_bytes(&root.join("public"));
    // Other pages render and are written into the new folder before this one fails.
    write(
        &root,
        "templates/meeting.html",
        "{% extends \"base.html\" %}{% block content %}{{ no_such_value.field }}{% endblock content %}",
    );
    mentorfolio(&root)
        .arg("build")
        .assert()
        .code(1)
        .stderr(contains("E008"))
        .stderr(contains("nothing was written"));
    assert_eq!(all_bytes(&root.join("public")), before);
    assert_no_temporary_folders(&root);
}
