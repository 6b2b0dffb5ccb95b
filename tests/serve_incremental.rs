//! `serve` keeps the journal between rebuilds and renders pages when asked. Whatever the
//! sequence of edits, what it serves must be byte for byte what a build from scratch
//! makes, and a page that cannot be made says why instead of showing stale or private
//! content.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::NaiveDate;
use common::Journal;
use mentorfolio::build::render_site;
use mentorfolio::diagnostics::Code;
use mentorfolio::serve::{Session, Update};

const BASE: &str = "http://127.0.0.1:1111/";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 8, 28).unwrap()
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The example site in a folder of its own, and its canonical path (the watcher's).
fn example() -> (Journal, PathBuf) {
    let j = Journal::new();
    copy_dir(&common::example_site(), j.path());
    let root = j.path().canonicalize().unwrap();
    (j, root)
}

/// Asserts that `update` serves exactly what a build from scratch of `root` makes.
fn assert_same_as_fresh(root: &Path, update: &Update, step: &str) {
    let fresh = render_site(root, today(), Some(BASE));
    let fresh_codes: Vec<_> = fresh
        .diagnostics
        .iter()
        .map(|d| (d.code, &d.file, d.line))
        .collect();
    let codes: Vec<_> = update
        .diagnostics
        .iter()
        .map(|d| (d.code, &d.file, d.line))
        .collect();
    assert_eq!(codes, fresh_codes, "{step}: diagnostics");
    match (&fresh.site, &update.site) {
        (None, None) => {}
        (Some(site), Some(live)) => {
            let paths: Vec<String> = site.files.keys().cloned().collect();
            assert_eq!(live.paths(), paths, "{step}: the same files");
            for (path, bytes) in &site.files {
                let served = live.get(path).unwrap().unwrap();
                assert!(
                    served[..] == bytes[..],
                    "{step}: {path} differs from a fresh build"
                );
            }
        }
        (fresh, live) => panic!(
            "{step}: fresh build has a site: {}, serve has one: {}",
            fresh.is_some(),
            live.is_some()
        ),
    }
}

/// An edit to the journal, returning the paths the watcher would report.
type Edit<'a> = Box<dyn Fn() -> Vec<PathBuf> + 'a>;

#[test]
fn every_edit_serves_what_a_fresh_build_makes() {
    let (j, root) = example();
    let mut session = Session::new(&root, today(), BASE);
    let first = session.update(&[]);
    assert!(first.site.is_some());
    assert_same_as_fresh(&root, &first, "first build");

    let meeting = walkdir::WalkDir::new(root.join("meetings"))
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .unwrap();
    let original = std::fs::read_to_string(&meeting).unwrap();
    let goal = root.join("goals/incremental.md");
    let template = root.join("templates/meeting.html");
    let override_template = || {
        let source = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/meeting.html"),
        )
        .unwrap();
        j.write(
            "templates/meeting.html",
            &source.replacen("<h1", "<p>Overridden template</p><h1", 1),
        );
        vec![template.clone()]
    };
    // A meeting of its own that names `goal`.
    let meeting_naming = |goal: &str| {
        let text = format!("---\ndate: 2026-05-05 10:00\nstatus: held\ngoals: [{goal}]\n---\n");
        let (j, root) = (&j, &root);
        move || {
            j.write("meetings/2026-05-05-unknown.md", &text);
            vec![root.join("meetings/2026-05-05-unknown.md")]
        }
    };
    let steps: Vec<(&str, Edit)> = vec![
        (
            "a meeting's notes change",
            Box::new(|| {
                std::fs::write(
                    &meeting,
                    format!("{original}\nA new paragraph about delegation.\n"),
                )
                .unwrap();
                vec![meeting.clone()]
            }),
        ),
        (
            "a goal is added",
            Box::new(|| {
                j.write("goals/incremental.md", "---\ntitle: Ship incrementally\ntarget: 2026-12-31\nbenchmarks:\n  - { title: First slice, due: 2026-10-01 }\nactions: [Slice the work]\n---\nSmall steps.\n");
                vec![goal.clone()]
            }),
        ),
        (
            "a meeting's front matter breaks",
            Box::new(|| {
                std::fs::write(
                    &meeting,
                    original.replacen("---\n", "---\ndate: [unclosed\n", 1),
                )
                .unwrap();
                vec![meeting.clone()]
            }),
        ),
        (
            "the meeting is fixed",
            Box::new(|| {
                std::fs::write(&meeting, &original).unwrap();
                vec![meeting.clone()]
            }),
        ),
        ("a template is overridden", Box::new(&override_template)),
        (
            "the goal is removed",
            Box::new(|| {
                std::fs::remove_file(&goal).unwrap();
                vec![goal.clone()]
            }),
        ),
        // The rules run beside the analysis: what they find must stop the site and be
        // reported with the loader's and the theme's problems, as a fresh build does.
        (
            "a new meeting names a goal that does not exist",
            Box::new(meeting_naming("no-such-goal")),
        ),
        (
            "a goal's front matter breaks as well",
            Box::new(|| {
                j.write("goals/broken.md", "---\ntitle: [unclosed\n---\n");
                vec![root.join("goals/broken.md")]
            }),
        ),
        (
            "the theme breaks as well",
            Box::new(|| {
                j.write("templates/meeting.html", "{% if %}");
                vec![template.clone()]
            }),
        ),
        (
            "the broken goal is removed, the theme and the meeting stay broken",
            Box::new(|| {
                std::fs::remove_file(root.join("goals/broken.md")).unwrap();
                vec![root.join("goals/broken.md")]
            }),
        ),
        ("the theme is mended", Box::new(&override_template)),
        (
            "the meeting names a goal that exists",
            Box::new(meeting_naming("public-speaking")),
        ),
        (
            "the watcher lost track",
            Box::new(|| {
                j.write("goals/incremental.md", "---\ntitle: Back again\ntarget: 2026-12-31\nbenchmarks:\n  - { title: First slice, due: 2026-10-01 }\nactions: [Slice]\n---\n");
                vec![root.clone()]
            }),
        ),
    ];
    for (step, edit) in &steps {
        let changed = edit();
        let update = session.update(&changed);
        assert_same_as_fresh(&root, &update, step);
    }
    let overridden = session.update(&[]).site.unwrap();
    let page = overridden.get(&format!(
        "meetings/{}/index.html",
        meeting.file_stem().unwrap().to_string_lossy()
    ));
    assert!(String::from_utf8_lossy(&page.unwrap().unwrap()).contains("Overridden template"));
}

/// The language and the journal's translations are read again on every save: what is
/// served follows `language:` and `i18n/LANG.yaml` as a fresh build does.
#[test]
fn a_change_of_language_or_of_a_translation_serves_what_a_fresh_build_makes() {
    let (j, root) = example();
    let mut session = Session::new(&root, today(), BASE);
    assert!(session.update(&[]).site.is_some());
    let config = root.join("mentorfolio.yaml");
    let english = std::fs::read_to_string(&config).unwrap();
    let words = root.join("i18n/de.yaml");
    let index = |u: &Update| {
        let site = u.site.as_ref().unwrap();
        String::from_utf8(site.get("index.html").unwrap().unwrap().to_vec()).unwrap()
    };

    std::fs::write(&config, english.replace("language: en", "language: de")).unwrap();
    let update = session.update(std::slice::from_ref(&config));
    assert_same_as_fresh(&root, &update, "the language becomes German");
    assert!(index(&update).contains(">Ziele</a>"));

    j.write("i18n/de.yaml", "nav.goals: Vorhaben\n");
    let update = session.update(std::slice::from_ref(&words));
    assert_same_as_fresh(&root, &update, "a German word is overridden");
    assert!(index(&update).contains(">Vorhaben</a>"));

    j.write("i18n/de.yaml", "nav.goals: [broken\n");
    let update = session.update(std::slice::from_ref(&words));
    assert_same_as_fresh(&root, &update, "the translations file breaks");
    assert!(update.diagnostics.iter().any(|d| d.code == Code::E002));

    std::fs::remove_file(&words).unwrap();
    let update = session.update(std::slice::from_ref(&words));
    assert_same_as_fresh(&root, &update, "the translations file is removed");
    assert!(index(&update).contains(">Ziele</a>"));
}

/// `text` with `private: true` as its first front matter key.
fn made_private(text: &str) -> String {
    text.replacen("---\n", "---\nprivate: true\n", 1)
}

#[test]
fn adding_deleting_renaming_and_hiding_files_serves_what_a_fresh_build_makes() {
    let (j, root) = example();
    let mut session = Session::new(&root, today(), BASE);
    assert!(session.update(&[]).site.is_some());
    let dir = root.join("meetings/2026");
    let at = |name: &str| dir.join(name);
    let read = |path: &Path| std::fs::read_to_string(path).unwrap();
    let kickoff = at("2026-03-04-kickoff.md");
    let linked = at("2026-05-13-promotion-path.md");
    let renamed = at("2026-07-20-talk-dry-run.md");
    let goal = root.join("goals/public-speaking.md");
    let steps: Vec<(&str, Edit)> = vec![
        (
            "a meeting links another one",
            Box::new(|| {
                let text = read(&kickoff);
                std::fs::write(
                    &kickoff,
                    format!("{text}\nSee [the promotion talk](2026-05-13-promotion-path.md).\n"),
                )
                .unwrap();
                vec![kickoff.clone()]
            }),
        ),
        (
            "a meeting is added",
            Box::new(|| {
                let text = read(&linked).replace("2026-05-13 10:00", "2026-08-26 10:00");
                vec![j.write("meetings/2026/2026-08-26-added.md", &text)]
            }),
        ),
        (
            "the linked meeting is deleted",
            Box::new(|| {
                std::fs::remove_file(&linked).unwrap();
                vec![linked.clone()]
            }),
        ),
        (
            "a meeting is renamed",
            Box::new(|| {
                let to = at("2026-07-20-dry-run-of-the-talk.md");
                std::fs::rename(&renamed, &to).unwrap();
                vec![renamed.clone(), to]
            }),
        ),
        (
            "a meeting is made private",
            Box::new(|| {
                let added = at("2026-08-26-added.md");
                std::fs::write(&added, made_private(&read(&added))).unwrap();
                vec![added]
            }),
        ),
        (
            "a goal that meetings name and link is made private",
            Box::new(|| {
                std::fs::write(&goal, made_private(&read(&goal))).unwrap();
                vec![goal.clone()]
            }),
        ),
        (
            "a meeting is added in a new folder, and a draft beside it",
            Box::new(|| {
                let text = read(&kickoff).replace("2026-03-04", "2026-08-27");
                let added = j.write("meetings/2026-late/2026-08-27-late.md", &text);
                let draft = j.write("meetings/2026-late/_draft.md", "not yet");
                vec![root.join("meetings/2026-late"), added, draft]
            }),
        ),
        (
            "the configuration changes",
            Box::new(|| {
                let config = root.join("mentorfolio.yaml");
                let text = read(&config).replacen("title:", "title: Renamed -", 1);
                std::fs::write(&config, text).unwrap();
                vec![config]
            }),
        ),
        (
            "the theme's stylesheet is overridden",
            Box::new(|| vec![j.write("static/style.css", "body { color: #123456; }\n")]),
        ),
        (
            "the goal is public again",
            Box::new(|| {
                let text = read(&goal).replacen("private: true\n", "", 1);
                std::fs::write(&goal, text).unwrap();
                vec![goal.clone()]
            }),
        ),
    ];
    for (step, edit) in &steps {
        let changed = edit();
        let update = session.update(&changed);
        assert!(update.site.is_some(), "{step}: {:?}", update.diagnostics);
        assert_same_as_fresh(&root, &update, step);
    }
}

/// A journal of `meetings` weekly meetings, each linking a goal.
fn weekly(meetings: usize) -> (Journal, PathBuf) {
    let j = Journal::new();
    j.write("goals/talk.md", "---\ntitle: Give a talk\ntarget: 2026-12-31\nbenchmarks: [{ title: Submit, due: 2026-09-01 }]\nactions: [Write]\n---\nA talk.\n");
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    for i in 0..meetings {
        let date = start + chrono::Duration::weeks(i as i64);
        j.write(
            &format!("meetings/{date}.md"),
            &format!("---\ndate: {date}\nstatus: held\ngoals: [talk]\nagenda: [Talk]\nagenda_sent: {date}\noutcomes: [Decided]\nsummary_sent: {date}\n---\nNotes on [the talk](../goals/talk.md).\n"),
        );
    }
    let root = j.path().canonicalize().unwrap();
    (j, root)
}

#[test]
fn a_save_costs_the_same_work_whatever_the_size_of_the_journal() {
    let (small, large) = (weekly(40), weekly(80));
    let mut work = Vec::new();
    for (j, root) in [&small, &large] {
        let mut session = Session::new(root, today(), BASE);
        assert!(session.update(&[]).site.is_some());
        let first = session.work();
        let meeting = root.join("meetings/2024-01-08.md");
        let text = std::fs::read_to_string(&meeting).unwrap();
        std::fs::write(&meeting, format!("{text}More notes.\n")).unwrap();
        let update = session.update(std::slice::from_ref(&meeting));
        assert_same_as_fresh(root, &update, "an edit");
        let edit = session.work();
        let added = j.write(
            "meetings/2027-01-04.md",
            &text.replace("2024-01-08", "2027-01-04"),
        );
        let update = session.update(&[added]);
        assert_same_as_fresh(root, &update, "an addition");
        let add = session.work();
        // A save that breaks the meeting serves nothing; mending it costs one document
        // again, not the whole journal.
        std::fs::write(
            &meeting,
            text.replacen("---\n", "---\ndate: [unclosed\n", 1),
        )
        .unwrap();
        let update = session.update(std::slice::from_ref(&meeting));
        assert_same_as_fresh(root, &update, "a broken meeting");
        std::fs::write(&meeting, &text).unwrap();
        let update = session.update(std::slice::from_ref(&meeting));
        assert_same_as_fresh(root, &update, "the meeting mended");
        work.push((first, edit, add, session.work()));
    }
    let [
        (first_small, edit_small, add_small, mended_small),
        (first_large, edit_large, add_large, mended_large),
    ] = work[..]
    else {
        unreachable!()
    };
    // The first build reads everything: twice the journal, about twice the work.
    assert_eq!(first_small.parsed, 41);
    assert!(first_large.parsed * 10 <= first_small.parsed * 22);
    assert!(first_large.bodies_rendered * 10 <= first_small.bodies_rendered * 22);
    assert_eq!(first_small.meetings_checked, 40);
    assert_eq!(first_large.meetings_checked, 80);
    // A save parses, reads, checks and renders the one document it changed (and reads
    // the plan, which is read on every load), at any size.
    let one = mentorfolio::serve::Work {
        parsed: 1,
        links_read: 2,
        meetings_checked: 1,
        bodies_rendered: 1,
    };
    assert_eq!((edit_small, edit_large), (one, one));
    assert_eq!((mended_small, mended_large), (one, one));
    assert_eq!(add_small.parsed, 1);
    assert_eq!(add_large.parsed, 1);
    assert_eq!(add_small.meetings_checked, 1);
    assert_eq!(add_large.meetings_checked, 1);
}

#[test]
fn a_file_rewritten_within_the_clock_tick_is_read_again_when_the_watcher_names_it() {
    let j = Journal::new();
    let goal = j.write("goals/talk.md", "---\ntitle: Give a talk AAAA\ntarget: 2026-12-31\nbenchmarks: [{ title: Submit, due: 2026-09-01 }]\nactions: [Write]\n---\n");
    let root = j.path().canonicalize().unwrap();
    let mut session = Session::new(&root, today(), BASE);
    assert!(session.update(&[]).site.is_some());
    let stamp = std::fs::metadata(&goal).unwrap().modified().unwrap();
    // Same length, same modification time: only the watcher knows it changed.
    std::fs::write(&goal, "---\ntitle: Give a talk BBBB\ntarget: 2026-12-31\nbenchmarks: [{ title: Submit, due: 2026-09-01 }]\nactions: [Write]\n---\n").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&goal)
        .unwrap()
        .set_modified(stamp)
        .unwrap();
    let site = session.update(&[root.join("goals/talk.md")]).site.unwrap();
    let page = site.get("goals/talk/index.html").unwrap().unwrap();
    let text = String::from_utf8_lossy(&page);
    assert!(text.contains("Give a talk BBBB") && !text.contains("AAAA"));
    // A change the watcher did not report is still seen once the stamp moves.
    std::fs::write(&goal, "---\ntitle: Give a talk CCCC\ntarget: 2026-12-31\nbenchmarks: [{ title: Submit, due: 2026-09-01 }]\nactions: [Write]\n---\n").unwrap();
    let later = SystemTime::now() + Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(&goal)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let site = session.update(&[]).site.unwrap();
    let page = site.get("goals/talk/index.html").unwrap().unwrap();
    assert!(String::from_utf8_lossy(&page).contains("Give a talk CCCC"));
}

#[test]
fn a_page_that_cannot_be_made_says_why_and_others_still_serve() {
    let j = Journal::new();
    j.write("goals/talk.md", "---\ntitle: Give a talk\ntarget: 2026-12-31\nbenchmarks: [{ title: Submit, due: 2026-09-01 }]\nactions: [Write]\n---\n```private\nCANARY-LIVE-PRIVATE\n```\n");
    // A goal template that fails, and a static file that would publish the private passage.
    j.write("templates/goal.html", "{% extends \"base.html\" %}{% block content %}{{ goal.no_such_field | upper }}{% endblock %}");
    j.write("static/notes.txt", "CANARY-LIVE-PRIVATE\n");
    let root = j.path().canonicalize().unwrap();
    let site = Session::new(&root, today(), BASE).update(&[]).site.unwrap();
    let failed = site.get("goals/talk/index.html").unwrap().unwrap_err();
    assert_eq!(failed.code, Code::E008);
    assert_eq!(failed.file, "templates/goal.html");
    let leaked = site.get("notes.txt").unwrap().unwrap_err();
    assert_eq!(leaked.code, Code::E009);
    assert!(site.get("index.html").unwrap().is_ok());
    let mut codes: Vec<Code> = site.warm(&|| false).iter().map(|d| d.code).collect();
    codes.sort();
    assert_eq!(codes, [Code::E008, Code::E009]);
}

#[test]
fn a_meetings_warnings_follow_its_saves_and_the_configuration() {
    let (j, root) = weekly(6);
    let mut session = Session::new(&root, today(), BASE);
    assert!(session.update(&[]).site.is_some());
    let meeting = root.join("meetings/2024-01-08.md");
    let text = std::fs::read_to_string(&meeting).unwrap();
    let codes = |update: &Update| -> Vec<(Code, String)> {
        (update.diagnostics.iter())
            .map(|d| (d.code, d.file.clone()))
            .collect()
    };
    let w204 = (Code::W204, "meetings/2024-01-08.md".to_string());
    // No summary sent: the saved meeting warns, and only its own rules ran again.
    std::fs::write(&meeting, text.replace("summary_sent: 2024-01-08\n", "")).unwrap();
    let update = session.update(std::slice::from_ref(&meeting));
    assert_same_as_fresh(&root, &update, "a summary removed");
    assert!(codes(&update).contains(&w204), "{:?}", update.diagnostics);
    assert_eq!(session.work().meetings_checked, 1);
    // Another meeting saved: the first one's warning is kept, not lost.
    let other = root.join("meetings/2024-01-15.md");
    let other_text = std::fs::read_to_string(&other).unwrap();
    std::fs::write(&other, format!("{other_text}More.\n")).unwrap();
    let update = session.update(std::slice::from_ref(&other));
    assert_same_as_fresh(&root, &update, "another meeting saved");
    assert!(codes(&update).contains(&w204), "{:?}", update.diagnostics);
    // The configuration changed: every meeting is checked again.
    let config = j.write(
        "mentorfolio.yaml",
        &std::fs::read_to_string(root.join("mentorfolio.yaml"))
            .unwrap()
            .replace("Ada", "Augusta Ada"),
    );
    let update = session.update(&[config]);
    assert_same_as_fresh(&root, &update, "the configuration");
    assert_eq!(session.work().meetings_checked, 6);
    // Sent after all: the warning goes.
    std::fs::write(&meeting, &text).unwrap();
    let update = session.update(std::slice::from_ref(&meeting));
    assert_same_as_fresh(&root, &update, "the summary sent");
    assert!(!codes(&update).contains(&w204), "{:?}", update.diagnostics);
}
