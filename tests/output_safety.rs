//! `mentorfolio build` never deletes or overwrites what it did not write: the journal,
//! the user's own folders, places reached through `..` or a symlink. And a build that
//! fails at any stage (journal, template, privacy check, writing) leaves the previous
//! output byte for byte as it was.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::Journal;
use predicates::str::contains;

/// Every file (with its bytes), folder and symlink under `dir`, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let bytes = if e.file_type().is_file() {
                Some(std::fs::read(e.path()).unwrap())
            } else if e.file_type().is_symlink() {
                Some(
                    std::fs::read_link(e.path())
                        .unwrap()
                        .into_os_string()
                        .into_encoded_bytes(),
                )
            } else {
                None
            };
            (rel, bytes)
        })
        .collect()
}

/// A small valid journal with a goal, a meeting with a private block, and an activity.
/// `link`, made a symlink to `target`, and `link/tail`: two more spellings of `target`.
/// None where making a symlink needs a privilege (Windows).
fn via_symlink(target: &Path, link: &Path, tail: &str) -> Vec<PathBuf> {
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(target, link).unwrap();
        vec![link.to_path_buf(), link.join(tail)]
    }
    #[cfg(not(unix))]
    {
        let _ = (target, link, tail);
        Vec::new()
    }
}

fn journal() -> Journal {
    let j = Journal::new();
    j.write(
        "goals/talk.md",
        "---\ntitle: Give a talk\ntarget: 2026-06-30\nbenchmarks:\n  - { title: Submit, due: 2026-02-01, done: 2026-01-30 }\nactions: [Write]\n---\nWhy it matters.\n",
    );
    j.write(
        "meetings/2026-01-07-kickoff.md",
        "---\ndate: 2026-01-07 10:00\nagenda: [Talk]\nagenda_sent: 2026-01-05\noutcomes: [Go]\nsummary_sent: 2026-01-07\ngoals: [talk]\n---\nNotes.\n\n```private\nThe salary figure we discussed stays between us.\n```\n",
    );
    j.write(
        "activities/course.md",
        "---\ntitle: A course\ndate: 2026-01-20\nkind: course\n---\nLearned things.\n",
    );
    j
}

/// A folder of the user's own files, outside the journal.
fn user_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("thesis.txt"), "my own work\n").unwrap();
    std::fs::create_dir(dir.path().join("photos")).unwrap();
    std::fs::write(dir.path().join("photos/cat.jpg"), [0xff, 0xd8, 0xff]).unwrap();
    dir
}

fn build_into(j: &Journal, out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    let mut c = j.cmd(&["build"]);
    c.args(extra).arg("--output-dir").arg(out);
    c.assert()
}

#[test]
fn the_journal_root_is_never_the_output_however_it_is_named() {
    let j = journal();
    let before = tree(j.path());
    let link_dir = tempfile::tempdir().unwrap();
    let link = link_dir.path().join("journal-link");
    let outs = [
        j.path().to_path_buf(),
        j.path().join("."),
        j.path().join("public/.."),
        // `..` after a folder that does not exist: once the folder is made, this is the root.
        j.path().join("not-yet/.."),
    ];
    for out in outs
        .into_iter()
        .chain(via_symlink(j.path(), &link, "goals/.."))
    {
        for force in [&[][..], &["--force"][..]] {
            build_into(&j, &out, force)
                .code(1)
                .stderr(contains("refusing"));
            assert_eq!(tree(j.path()), before, "{} {force:?}", out.display());
        }
    }
}

#[test]
fn the_journals_own_folders_are_never_the_output() {
    let j = journal();
    let before = tree(j.path());
    for out in [
        j.path().join("goals"),
        j.path().join("not-yet/../goals"),
        j.path().join("meetings/site"),
        j.path().join("public/../activities"),
        j.path().join("plan.md"),
        j.path().join("mentorfolio.yaml/site"),
    ] {
        build_into(&j, &out, &["--force"]).code(1);
        assert_eq!(tree(j.path()), before, "{}", out.display());
    }
}

#[test]
fn a_folder_of_the_users_files_is_never_replaced_without_force() {
    let j = journal();
    let user = user_folder();
    let before = tree(user.path());
    let links = tempfile::tempdir().unwrap();
    let link = links.path().join("site");
    let name = user.path().file_name().unwrap();
    let outs = [
        user.path().to_path_buf(),
        // Walking out of the journal through `..`, from a folder that exists and one that does not.
        j.path().join("goals/../..").join(name),
        j.path().join("public/../..").join(name),
    ];
    // An output folder that is a symlink to the user's folder.
    for out in outs
        .into_iter()
        .chain(via_symlink(user.path(), &link, "photos/.."))
    {
        build_into(&j, &out, &[])
            .code(1)
            .stderr(contains("did not write"));
        assert_eq!(tree(user.path()), before, "{}", out.display());
    }
    #[cfg(unix)]
    assert!(
        std::fs::symlink_metadata(&link).unwrap().is_symlink(),
        "the symlink itself is left alone"
    );
}

#[cfg(unix)]
#[test]
fn an_output_symlink_to_an_empty_folder_is_written_through_and_kept() {
    let j = journal();
    let target = tempfile::tempdir().unwrap();
    let site = target.path().join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(target.path().join("neighbour.txt"), "next door").unwrap();
    let link = j.path().join("public");
    std::os::unix::fs::symlink(&site, &link).unwrap();
    build_into(&j, &link, &[]).success();
    assert!(site.join("index.html").is_file());
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    // A second build replaces only what the first one wrote.
    build_into(&j, &link, &[]).success();
    assert_eq!(
        std::fs::read_to_string(target.path().join("neighbour.txt")).unwrap(),
        "next door"
    );
    let names: Vec<String> = std::fs::read_dir(target.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary folders left: {names:?}");
}

/// Builds once into `public/`, breaks the journal with `break_it`, builds again, and
/// checks that the second build failed with `code` and changed no byte of the output.
fn failed_build_keeps_output(break_it: impl FnOnce(&Journal), code: &str) {
    let j = journal();
    j.cmd(&["build"]).assert().success();
    let out = j.path().join("public");
    let before = tree(&out);
    assert!(before.contains_key("index.html"));
    let siblings = std::fs::read_dir(j.path()).unwrap().count();
    break_it(&j);
    j.cmd(&["build"]).assert().code(1).stderr(contains(code));
    assert_eq!(tree(&out), before, "{code}: the output changed");
    let after = std::fs::read_dir(j.path()).unwrap().count();
    assert!(
        after <= siblings + 1,
        "{code}: temporary folders left behind"
    );
}

#[test]
fn a_journal_error_keeps_the_previous_output() {
    failed_build_keeps_output(
        |j| {
            j.write("goals/broken.md", "---\ntitle: [unclosed\n---\n");
        },
        "E002",
    );
}

#[test]
fn a_template_render_error_keeps_the_previous_output() {
    failed_build_keeps_output(
        |j| {
            j.write(
                "templates/goal.html",
                "{% extends \"base.html\" %}\n{% block content %}\n{{ goal.no_such_field }}\n{% endblock content %}\n",
            );
        },
        "E008",
    );
}

#[test]
fn a_private_leak_keeps_the_previous_output() {
    // A static file that repeats a private passage: the output check must stop the build.
    failed_build_keeps_output(
        |j| {
            j.write(
                "static/notes.txt",
                "The salary figure we discussed stays between us.\n",
            );
        },
        "E009",
    );
}

#[test]
fn a_write_error_keeps_the_previous_output() {
    // A static file named like a page folder: `goals` cannot be both a file and a folder,
    // so writing the new site fails part way.
    failed_build_keeps_output(
        |j| {
            j.write("static/goals", "a file where a folder must go\n");
        },
        "cannot write",
    );
}

#[test]
fn an_output_whose_parent_is_a_file_fails_cleanly() {
    let j = journal();
    let holder = tempfile::tempdir().unwrap();
    let file = holder.path().join("not-a-folder");
    std::fs::write(&file, "plain file\n").unwrap();
    build_into(&j, &file.join("public"), &[])
        .code(1)
        .stderr(contains("cannot write"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "plain file\n");
    assert_eq!(std::fs::read_dir(holder.path()).unwrap().count(), 1);
    // And an output that is itself a file is refused, not replaced.
    build_into(&j, &file, &["--force"]).code(1);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "plain file\n");
}
