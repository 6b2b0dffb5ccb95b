//! `mentorfolio init`: a new journal with a worked example of every kind of file, ready to
//! check, build and publish to GitHub Pages from the first commit.

use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDate};

use super::{fill, yaml_string};
use crate::console;

const CONFIG: &str = include_str!("templates/init/mentorfolio.yaml");
const PLAN: &str = include_str!("templates/init/plan.md");
const GOAL: &str = include_str!("templates/init/goal.md");
const MEETING: &str = include_str!("templates/init/meeting.md");
const ACTIVITY: &str = include_str!("templates/init/activity.md");
const GITIGNORE: &str = include_str!("templates/init/gitignore");
/// The GitHub Actions workflow that builds the site and publishes it to GitHub Pages, or to
/// another repository; `{{version}}` and `{{repository}}` pin the release that wrote it.
pub const PAGES_WORKFLOW: &str = include_str!("templates/init/pages.yml");

/// The names the journal is written for; anything works, the defaults read naturally.
pub struct People {
    pub mentee: String,
    pub mentor: String,
    /// The mentee's address, where the site's Reply links write to.
    pub email: Option<String>,
}

/// Every file of a new journal, as (path relative to the journal, contents), dated from `today`.
pub fn files(people: &People, today: NaiveDate) -> Vec<(String, String)> {
    let day = |n: i64| (today + Duration::days(n)).to_string();
    let title = yaml_string(&format!("{}'s mentoring portfolio", people.mentee));
    let mentee = yaml_string(&people.mentee);
    let mentor = yaml_string(&people.mentor);
    let (email, allow) = match &people.email {
        Some(e) => (format!(", email: {}", yaml_string(e)), String::new()),
        // Without an address the site has no Reply links; W505 says so, acknowledged here
        // so that, once its examples are made real, the journal passes `check --strict`.
        None => (
            String::new(),
            "# Add `email:` under mentee to give the site Reply links, then remove this.\nallow: { W505: \"no e-mail address yet\" }\n".to_string(),
        ),
    };
    let slots: Vec<(&str, String)> = vec![
        ("title", title),
        ("mentee", mentee),
        ("mentor", mentor),
        ("email", email),
        ("allow", allow),
        ("today", day(0)),
        ("plus7", day(7)),
        ("plus14", day(14)),
        ("plus30", day(30)),
        ("plus45", day(45)),
        ("plus60", day(60)),
        ("horizon", day(365)),
        ("version", env!("CARGO_PKG_VERSION").to_string()),
        ("repository", env!("CARGO_PKG_REPOSITORY").to_string()),
    ];
    let slots: Vec<(&str, &str)> = slots.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let filled = |t: &str| fill(t, &slots);
    vec![
        ("mentorfolio.yaml".into(), filled(CONFIG)),
        ("plan.md".into(), filled(PLAN)),
        ("goals/present-at-a-team-demo.md".into(), filled(GOAL)),
        (format!("meetings/{today}-kickoff.md"), filled(MEETING)),
        (
            format!("activities/{today}-demo-reading.md"),
            filled(ACTIVITY),
        ),
        (".gitignore".into(), GITIGNORE.to_string()),
        (".github/workflows/pages.yml".into(), filled(PAGES_WORKFLOW)),
    ]
}

/// Whether a folder is missing or empty, the only places `init` writes without `--force`.
fn is_empty_or_missing(dir: &Path) -> std::io::Result<bool> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(e),
    }
}

/// `mentorfolio init [DIR]`.
pub fn run(dir: &Path, people: &People, today: NaiveDate, force: bool, quiet: bool) -> i32 {
    if dir.exists() && !dir.is_dir() {
        eprintln!("error: `{}` is a file, not a folder", dir.display());
        return console::FAILED;
    }
    match is_empty_or_missing(dir) {
        Ok(true) => {}
        Ok(false) if force => {}
        Ok(false) => {
            eprintln!(
                "error: `{}` is not empty; mentorfolio init starts a journal in an empty folder",
                dir.display()
            );
            eprintln!(
                "hint: pick a new folder, or pass --force to write the journal's files here (files of the same name are replaced)"
            );
            return console::FAILED;
        }
        Err(e) => {
            eprintln!("error: cannot read `{}`: {e}", dir.display());
            return console::FAILED;
        }
    }
    let files = files(people, today);
    for (rel, text) in &files {
        let path: PathBuf = dir.join(rel);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        if let Err(e) = written {
            eprintln!("error: cannot write `{}`: {e}", path.display());
            return console::FAILED;
        }
    }
    if !quiet {
        println!("created a mentoring journal in {}:", dir.display());
        for (rel, _) in &files {
            println!("  {rel}");
        }
        println!();
        println!("next: edit plan.md and the example goal, then run `mentorfolio check`.");
        println!(
            "To publish: push to GitHub and set Settings → Pages → Source to \"GitHub Actions\","
        );
        println!(
            "or run `mentorfolio publish --remote URL` to push only the site to another repository."
        );
    }
    console::OK
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_quotes_and_colons_stay_valid_yaml() {
        let people = People {
            mentee: "O'Brien: \"Sam\"".into(),
            mentor: "Zoë".into(),
            email: None,
        };
        let today = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        let files = files(&people, today);
        let config = &files[0].1;
        let v: serde_yaml::Value = serde_yaml::from_str(config).unwrap();
        assert_eq!(v["mentee"]["name"].as_str(), Some("O'Brien: \"Sam\""));
        assert_eq!(v["mentor"]["name"].as_str(), Some("Zoë"));
        assert_eq!(
            v["title"].as_str(),
            Some("O'Brien: \"Sam\"'s mentoring portfolio")
        );
        assert!(
            files
                .iter()
                .all(|(_, t)| !t.contains("{{") || t.contains("${{"))
        );
    }
}
