//! The words the tool itself writes on the site (navigation, dates, checklist sentences,
//! chart descriptions, the feed and the calendar) in the journal's `language:`, through
//! the binary on the example site.

mod common;

use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

use common::{EXAMPLE_TODAY, example_in};

/// The example site in `language`, built into its `public/`.
fn built_in(language: &str) -> TempDir {
    let journal = example_in(language, "");
    Command::cargo_bin("mentorfolio")
        .unwrap()
        .arg("--root")
        .arg(journal.path())
        .args(["--today", EXAMPLE_TODAY, "--color", "never", "build"])
        .assert()
        .success();
    journal
}

fn read(site: &TempDir, file: &str) -> String {
    std::fs::read_to_string(Path::new(site.path()).join("public").join(file)).unwrap()
}

#[test]
fn a_spanish_journal_gets_spanish_navigation_dates_checklist_feed_and_calendar() {
    let site = built_in("es");
    let index = read(&site, "index.html");
    for nav in [
        ">Panel</a>",
        ">Metas</a>",
        ">Reuniones</a>",
        ">Portafolio</a>",
    ] {
        assert!(index.contains(nav), "{nav} missing from the navigation");
    }
    assert!(!index.contains(">Dashboard</a>"));
    // Today's date in the footer, and a due date in September on a goal's page.
    assert!(index.contains(">28 de agosto de 2026</time>"));
    let goal = read(&site, "goals/engineering-blog/index.html");
    assert!(goal.contains(">9 de septiembre de 2026</time>"), "{goal}");

    let checklist = read(&site, "checklist/index.html");
    assert!(checklist.contains(
        "<p>Completa las tareas antes de su fecha límite o acuerda una nueva fecha en la próxima reunión: «Write the tracing rollout plan as a one-page doc», «Update the RFC with the compatibility decision and close comments».</p>"
    ));
    assert!(checklist.contains("Respeto por el tiempo del mentor"));
    assert!(!checklist.contains("Finish tasks by their due date"));

    let feed = read(&site, "feed.xml");
    assert!(feed.contains("<title>Reunión del 26 de agosto de 2026: Summer review</title>"));
    assert!(!feed.contains("<title>Meeting "));
    let calendar = read(&site, "meetings.ics");
    assert!(calendar.contains("SUMMARY:Mentoría: Kickoff (Priya Raman y Helen Achebe)"));
    assert!(!calendar.contains("Mentoring:"));
}

#[test]
fn french_counts_zero_as_singular() {
    let site = built_in("fr");
    let index = read(&site, "index.html");
    assert!(index.contains(">Tableau de bord</a>"));
    // No week was missed in the example: French says "0 manquée", as it says "1 manquée".
    assert!(index.contains(", 0 manquée, "), "{index}");
    assert!(!index.contains("0 manquées"));
}

/// A language changes the interface's words, never which of the journal's words are
/// published: no private canary of the example reaches any file of the site in any
/// built-in language.
#[test]
fn no_language_publishes_a_private_canary() {
    for language in ["es", "de", "fr", "pt"] {
        let site = built_in(language);
        let mut files = 0;
        for entry in walkdir::WalkDir::new(site.path().join("public")) {
            let entry = entry.unwrap();
            if !entry.file_type().is_file() {
                continue;
            }
            files += 1;
            let bytes = std::fs::read(entry.path()).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            for canary in common::CANARIES {
                assert!(
                    !text.contains(canary),
                    "{language}: {} holds {canary}",
                    entry.path().display()
                );
            }
        }
        assert!(files > 50, "{language}: {files} files");
    }
}
