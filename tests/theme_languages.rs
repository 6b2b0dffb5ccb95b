//! The default theme in the journal's language, through the binary: the example site
//! with `language: de` shows German headings and labels on the dashboard, a meeting
//! page and the lock screen of a protected build, and journal text that a message
//! carries stays escaped.

mod common;

use std::path::Path;

use common::{EXAMPLE_TODAY, PASSPHRASE, example_in};

/// The example site in German, with `settings` added to its configuration.
fn german(settings: &str) -> tempfile::TempDir {
    example_in("de", settings)
}

fn build(root: &Path, passphrase: Option<&str>) {
    let mut c = assert_cmd::Command::cargo_bin("mentorfolio").unwrap();
    c.arg("--root").arg(root).args([
        "--today",
        EXAMPLE_TODAY,
        "--color",
        "never",
        "build",
        "--quiet",
    ]);
    c.env_remove("MENTORFOLIO_PASSPHRASE");
    if let Some(p) = passphrase {
        c.env("MENTORFOLIO_PASSPHRASE", p);
    }
    c.assert().success();
}

fn page(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join("public").join(rel)).unwrap()
}

fn assert_all(page: &str, wanted: &[&str], unwanted: &[&str]) {
    for w in wanted {
        assert!(page.contains(w), "missing {w:?} in\n{page}");
    }
    for u in unwanted {
        assert!(!page.contains(u), "English {u:?} left in\n{page}");
    }
}

#[test]
fn the_dashboard_and_a_meeting_speak_german() {
    let journal = german("");
    let goal = journal.path().join("goals/design-reviews.md");
    let text = std::fs::read_to_string(&goal).unwrap();
    std::fs::write(
        &goal,
        text.replace(
            "title: Run a cross-team design review forum",
            "title: Run a <b>cross-team</b> design review forum",
        ),
    )
    .unwrap();
    build(journal.path(), None);

    let home = page(journal.path(), "index.html");
    assert_all(
        &home,
        &[
            r#"<html lang="de">"#,
            r##"<a class="skip" href="#content">Zum Inhalt springen</a>"##,
            r#"<label for="site-search-words">Notizen durchsuchen</label>"#,
            r#" data-none="Keine Seite enthält alle diese Wörter.""#,
            r#"<h2 id="glance-heading">Auf einen Blick</h2>"#,
            r#"<h2 id="goals-heading">Aktive Ziele</h2>"#,
            r#"<h2 id="cadence-heading">Rhythmus der Treffen</h2>"#,
            r#"<span class="status status-active">aktiv</span>"#,
            "Zieltermin <time",
        ],
        &[
            "Skip to content",
            "Search the notes",
            "At a glance",
            "Active goals",
            ">active</span>",
            "target <time",
            "Generated on",
        ],
    );
    // The goal's title goes into a message as an argument, escaped like any other text.
    assert!(
        home.contains(r#"aria-label="Fortschritt bei Run a &lt;b&gt;cross-team&lt;/b&gt; design review forum""#),
        "{home}"
    );
    assert!(!home.contains("<b>cross-team"), "{home}");
    let goal = page(journal.path(), "goals/design-reviews/index.html");
    assert!(
        goal.contains(r#"aria-label="Meilensteine von Run a &lt;b&gt;cross-team&lt;/b&gt; design review forum""#),
        "{goal}"
    );
    assert!(!goal.contains("<b>cross-team"), "{goal}");

    let meeting = page(
        journal.path(),
        "meetings/2026-08-26-summer-review/index.html",
    );
    assert_all(
        &meeting,
        &[
            "<h1>Treffen vom ",
            r#"<span class="status status-held">stattgefunden</span>"#,
            "60 Minuten",
            r#"<h2 id="notes-heading">Notizen</h2>"#,
            r#"<h2 id="outcomes-heading">Ergebnisse</h2>"#,
            r#"<h2 id="actions-heading">Aufgaben</h2>"#,
            r#"<h2 id="commitments-heading">Zusagen des Mentors</h2>"#,
            "<h3>Vorschläge des Mentors</h3>",
            r#"<nav class="pager" aria-label="Weitere Treffen">"#,
        ],
        &[
            "<h1>Meeting of",
            ">held</span>",
            "60 minutes",
            "Outcomes",
            "Suggestions from the mentor",
            "Other meetings",
        ],
    );
}

#[test]
fn the_lock_screen_of_a_protected_build_speaks_german() {
    let journal = german("protect: true\n");
    build(journal.path(), Some(PASSPHRASE));
    let lock = page(journal.path(), "index.html");
    assert_all(
        &lock,
        &[
            r#"<html lang="de">"#,
            "<title>Geschütztes Mentoring-Portfolio</title>",
            "<h1>Geschütztes Mentoring-Portfolio</h1>",
            r#"<label for="mentorfolio-passphrase">Passphrase</label>"#,
            r#"<label for="mentorfolio-remember">Auf diesem Gerät merken</label>"#,
            r#"<button type="submit">Entsperren</button>"#,
            r#"data-wrong="Diese Passphrase stimmt nicht. Bitte prüfen und erneut versuchen.""#,
        ],
        &[
            "Protected mentoring portfolio",
            "Remember on this device",
            ">Unlock<",
            "not right",
            "cannot decrypt",
        ],
    );
}
