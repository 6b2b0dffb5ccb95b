//! `summary` and `agenda` speak the journal's language: the example site with
//! `language: de` or `language: pt` gets German or Portuguese headings, sentences and dates,
//! and not one of the English ones.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::{EXAMPLE_TODAY, example_copy, example_in};

/// The Markdown a command prints over `root` on `today`; it must succeed.
fn markdown(root: &Path, today: &str, args: &[&str]) -> String {
    let out = Command::cargo_bin("mentorfolio")
        .unwrap()
        .env_remove("MENTORFOLIO_TODAY")
        .args(["--color=never", "--today", today, "--root"])
        .arg(root)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every interface phrase of the English summary and agenda; the journal's own text (in
/// English in the example) never contains these.
const ENGLISH: &[&str] = &[
    "Summary of our mentoring session",
    "Our mentoring session on",
    "was cancelled",
    "Cancelled by",
    "(the new date)",
    "Goals discussed",
    "Agenda covered",
    "## Outcomes",
    "Action items",
    "owner not agreed",
    "no due date",
    ", due 2026",
    "(done ",
    "What Helen Achebe offered",
    "Suggestions and what I decided",
    ": considering.",
    ": adopted.",
    "Feedback on the mentoring",
    "Next meeting",
    "cadence",
    "Agenda: mentoring session",
    " minutes",
    "Proposed date",
    "Nothing is open",
    "Follow up:",
    "action from",
    "Check on:",
    "mentor's commitment",
    "followed up",
    "Benchmark:",
    "Goal check-in:",
    "last discussed",
    " and Helen",
    "(held)",
    // English dates; German writes "26. August 2026".
    "26 August 2026",
    "4 September 2026",
];

fn assert_no_english(text: &str) {
    assert_no_english_but(text, &[]);
}

/// As [`assert_no_english`], but `shared` are words the language spells as English does.
fn assert_no_english_but(text: &str, shared: &[&str]) {
    for phrase in ENGLISH.iter().filter(|p| !shared.contains(p)) {
        assert!(!text.contains(phrase), "English {phrase:?} left in\n{text}");
    }
}

fn assert_contains_all(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "missing {part:?} in\n{text}");
    }
}

#[test]
fn a_german_summary_of_a_held_meeting() {
    let site = example_in("de", "");
    let text = markdown(site.path(), EXAMPLE_TODAY, &["summary"]);
    assert!(
        text.starts_with(
            "# Zusammenfassung unseres Mentoring-Gesprächs am 26. August 2026 um 10:00\n\n\
             Priya Raman und Helen Achebe, 60 Minuten (stattgefunden).\n"
        ),
        "{text}"
    );
    assert_contains_all(
        &text,
        &[
            "\n## Besprochene Ziele\n\n- Run a cross-team design review forum\n",
            "\n## Behandelte Themen\n\n- Six-month review against the plan\n",
            "\n## Ergebnisse\n\n",
            "\n## Aufgaben\n\n- Write the facilitator's guide for the design forum: Priya Raman, fällig am 8. September 2026\n",
            "\n## Zusagen von Helen Achebe\n\n",
            "\n## Anregungen und meine Entscheidungen\n\n- Run the on-call training as a live incident game rather than a slide walkthrough: noch in Überlegung. I like it",
            ": übernommen. Makes sense.",
            "\n## Rückmeldung zum Mentoring\n\n",
            "\n## Nächstes Gespräch\n\n9. September 2026 um 10:00\n",
        ],
    );
    assert_no_english(&text);
}

#[test]
fn a_german_summary_of_a_cancelled_meeting_and_of_the_last_one() {
    let site = example_in("de", "");
    let text = markdown(
        site.path(),
        EXAMPLE_TODAY,
        &["summary", "2026-04-15-team-offsite-clash"],
    );
    assert!(
        text.starts_with(
            "# Unser Mentoring-Gespräch am 15. April 2026 um 10:00 wurde abgesagt\n\n\
             Abgesagt von Priya Raman: The payments team offsite"
        ),
        "{text}"
    );
    assert!(
        text.ends_with("\n## Nächstes Gespräch\n\n17. April 2026 (neuer Termin)\n"),
        "{text}"
    );
    assert_no_english(&text);

    // Nothing planned after the last meeting: the next date comes from the cadence.
    let text = markdown(site.path(), "2026-09-10", &["summary", "2026-09-09"]);
    assert!(
        text.ends_with(
            "\n## Nächstes Gespräch\n\n23. September 2026 (wir treffen uns alle zwei Wochen)\n"
        ),
        "{text}"
    );
    assert_no_english(&text);
}

#[test]
fn a_german_agenda_with_german_dates() {
    let site = example_in("de", "");
    let text = markdown(site.path(), "2026-10-08", &["agenda"]);
    assert!(
        text.starts_with(
            "# Tagesordnung des Mentoring-Gesprächs am 21. Oktober 2026\n\n\
             Priya Raman und Helen Achebe, 60 Minuten. \
             Terminvorschlag, da wir uns alle zwei Wochen treffen.\n\n"
        ),
        "{text}"
    );
    assert_contains_all(
        &text,
        &[
            "- Offene Aufgabe von Helen Achebe: Watch the recorded run of the talk and send three notes (vom 26. August 2026, fällig am 4. September 2026)\n",
            "- Offene Aufgabe: Write the facilitator's guide for the design forum (vom 26. August 2026, fällig am 8. September 2026)\n",
            "- Offene Zusage: Share the promotion evidence template her org uses (vom 12. August 2026, nachgefragt am 24. August 2026)\n",
            "- Meilenstein: Hand facilitation over to a rotating chair (Run a cross-team design review forum, fällig am 30. Oktober 2026)\n",
            "- Stand des Ziels: Lead the distributed tracing rollout (zuletzt besprochen am 26. August 2026)\n",
        ],
    );
    assert_no_english(&text);
}

#[test]
fn a_portuguese_summary_and_agenda() {
    let site = example_in("pt-BR", "");
    let text = markdown(site.path(), EXAMPLE_TODAY, &["summary"]);
    assert!(
        text.starts_with(
            "# Resumo da nossa sessão de mentoria em 26 de agosto de 2026 às 10:00\n\n\
             Priya Raman e Helen Achebe, 60 minutos (realizada).\n"
        ),
        "{text}"
    );
    assert_contains_all(
        &text,
        &[
            "\n## Objetivos discutidos\n\n",
            "\n## Pauta abordada\n\n",
            "\n## Resultados\n\n",
            "\n## Tarefas\n\n",
            ": Helen Achebe, prazo em 4 de setembro de 2026\n",
            "\n## Compromissos de Helen Achebe\n\n",
            "\n## Sugestões e o que decidi\n\n",
            ": ainda estou pensando. I like it",
            "\n## Comentários sobre a mentoria\n\n",
            "\n## Próxima sessão\n\n9 de setembro de 2026 às 10:00\n",
        ],
    );
    assert_no_english(&text);

    let text = markdown(site.path(), "2026-10-08", &["agenda"]);
    assert!(
        text.starts_with(
            "# Pauta da nossa sessão de mentoria em 21 de outubro de 2026\n\n\
             Priya Raman e Helen Achebe, 60 minutos. \
             Data sugerida porque nos encontramos a cada duas semanas.\n\n"
        ),
        "{text}"
    );
    assert_contains_all(
        &text,
        &[
            "- Tarefa em aberto de Helen Achebe: Watch the recorded run of the talk and send three notes (combinada em 26 de agosto de 2026, prazo em 4 de setembro de 2026)\n",
            "- Compromisso em aberto: Introduce me to the SRE lead in her org to compare on-call training formats (assumido em 26 de agosto de 2026, já lembrei em 27 de agosto de 2026)\n",
            "- Marco: Deliver the talk at Pennine DevConf (Give a talk at a regional conference, prazo em 15 de outubro de 2026)\n",
            "- Revisar objetivo: Give a talk at a regional conference (conversamos sobre ele pela última vez em 26 de agosto de 2026)\n",
        ],
    );
    assert_no_english(&text);
}

/// Spanish and French leave no English phrase either, in any kind of meeting's summary.
#[test]
fn spanish_and_french_too() {
    for (tag, shared, heading) in [
        (
            "es",
            &[][..],
            "# Resumen de nuestra sesión de mentoría del 26 de agosto de 2026 a las 10:00\n",
        ),
        (
            "fr",
            &[" minutes"][..],
            "# Compte rendu de notre séance de mentorat du 26 août 2026 à 10:00\n",
        ),
    ] {
        let site = example_in(tag, "");
        let text = markdown(site.path(), EXAMPLE_TODAY, &["summary"]);
        assert!(text.starts_with(heading), "{text}");
        assert_no_english_but(&text, shared);
        for args in [
            &["summary", "2026-04-15-team-offsite-clash"][..],
            &["agenda"][..],
        ] {
            assert_no_english_but(&markdown(site.path(), "2026-10-08", args), shared);
        }
    }
}

/// The English summary and agenda are what they were before the tables: the same bytes
/// with `language: en` as without a `language:` at all.
#[test]
fn english_is_the_same_with_or_without_the_language() {
    let without = example_copy("");
    let config = without.path().join("mentorfolio.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, text.replace("\nlanguage: en\n", "\n")).unwrap();
    let with = example_in("en", "");
    for args in [&["summary"][..], &["agenda"][..]] {
        assert_eq!(
            markdown(with.path(), EXAMPLE_TODAY, args),
            markdown(without.path(), EXAMPLE_TODAY, args)
        );
    }
}

/// The front matter of a file `new` wrote, and its comment lines.
fn written(root: &Path, rel: &str) -> (serde_yaml::Value, Vec<String>) {
    let text = std::fs::read_to_string(root.join(rel)).unwrap();
    let front = text.split("---\n").nth(1).unwrap();
    let comments = front
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(str::to_string)
        .collect();
    (serde_yaml::from_str(front).unwrap(), comments)
}

fn run_ok(root: &Path, args: &[&str]) -> String {
    markdown(root, EXAMPLE_TODAY, args)
}

/// `new meeting` prepares the agenda and explains the fields in German; the keys and
/// values stay as the journal format spells them, and `agenda` does not repeat a point.
#[test]
fn a_new_german_meeting_and_goal() {
    let site = example_in("de", "");
    let root = site.path();
    assert_eq!(
        run_ok(root, &["new", "meeting"]),
        "meetings/2026/2026-09-23.md\n"
    );
    let (m, comments) = written(root, "meetings/2026/2026-09-23.md");
    assert_eq!(m["status"].as_str(), Some("planned"));
    assert_eq!(
        m["agenda"][1].as_str(),
        Some(
            "Offene Aufgabe: Write the facilitator's guide for the design forum (vom 26. August 2026, fällig am 8. September 2026)"
        )
    );
    assert_contains_all(
        &comments.join("\n"),
        &[
            "# Nach dem Gespräch `status: held` setzen und die Ergebnisse ergänzen:\n# outcomes:\n#   - Was wir beschlossen haben\n",
            "#   - { task: Was zu tun ist, owner: mentee, due: YYYY-MM-DD }\n",
            "# `mentorfolio summary 2026-09-23` gibt die Zusammenfassung aus; den Tag des Versands eintragen:\n# summary_sent: YYYY-MM-DD",
        ],
    );
    for english in [
        "Record the day",
        "After the meeting",
        "What we decided",
        "prints",
    ] {
        assert!(!comments.join("\n").contains(english), "{comments:?}");
    }

    assert_eq!(
        run_ok(root, &["new", "goal", "Rust lernen"]),
        "goals/rust-lernen.md\n"
    );
    let (g, comments) = written(root, "goals/rust-lernen.md");
    assert_eq!(g["status"].as_str(), Some("active"));
    assert_eq!(
        comments,
        [
            "# Zugehöriges Planziel: influence, visibility, craft",
            "# objective: influence",
            "# Bis wann das Ziel erreicht sein soll:",
            "# target: YYYY-MM-DD",
            "# Messbare Ergebnisse mit je einem Datum, eines pro Zeile (zum Verwenden das # entfernen):",
            "#  - { title: Was dann erreicht ist, due: YYYY-MM-DD }",
            "# Die nächsten konkreten Schritte, einer pro Zeile:",
            "#  - Was ich als Nächstes tue",
        ]
    );

    // Both files read back without an error, and the prepared points are not proposed twice.
    let agenda = markdown(root, "2026-09-10", &["agenda"]);
    assert!(
        agenda.starts_with("# Tagesordnung des Mentoring-Gesprächs am 23. September 2026\n"),
        "{agenda}"
    );
    assert_eq!(
        agenda.matches("Write the facilitator's guide").count(),
        1,
        "{agenda}"
    );
}

/// A journal's own wording of a comment stays on its comment line, even over several.
#[test]
fn a_journals_own_comment_wording_cannot_break_the_new_file() {
    let site = example_in("de", "");
    let root = site.path();
    std::fs::create_dir_all(root.join("i18n")).unwrap();
    std::fs::write(
        root.join("i18n/de.yaml"),
        "new.meeting.after: \"Nach dem Gespräch:\\n---\\nstatus: held\"\n",
    )
    .unwrap();
    run_ok(root, &["new", "meeting"]);
    let (m, comments) = written(root, "meetings/2026/2026-09-23.md");
    assert_eq!(m["status"].as_str(), Some("planned"));
    assert!(
        comments.contains(&"# Nach dem Gespräch: --- status: held".to_string()),
        "{comments:?}"
    );
}
