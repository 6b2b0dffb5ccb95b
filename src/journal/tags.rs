//! Tags: the free labels of goals, meetings and activities, grouped by their slug, so
//! `Rust`, `rust` and `RUST` are one tag with one page at `/tags/rust/`.

use std::collections::BTreeMap;

use super::model::{Activity, Goal, Journal, Meeting, Source};
use crate::diagnostics::Location;

/// One tag and everything that carries it, each list in journal order.
#[derive(Debug)]
pub struct Tag<'a> {
    pub slug: String,
    /// The first spelling met, goals first, then meetings, then activities.
    pub name: &'a str,
    pub goals: Vec<&'a Goal>,
    pub meetings: Vec<&'a Meeting>,
    pub activities: Vec<&'a Activity>,
}

impl Tag<'_> {
    pub fn count(&self) -> usize {
        self.goals.len() + self.meetings.len() + self.activities.len()
    }
}

/// One tag as written on one document.
pub struct Use<'a> {
    pub written: &'a str,
    pub slug: String,
    pub at: Location,
}

/// A tag's slug: its page's name. Empty for a tag with no letter or digit.
pub fn slug(name: &str) -> String {
    crate::workflow::slugify(name)
}

fn uses_of<'a>(tags: &'a [String], source: &Source) -> impl Iterator<Item = Use<'a>> {
    tags.iter().enumerate().map(move |(i, t)| Use {
        written: t,
        slug: slug(t),
        at: source.at(&format!("tags.{i}")),
    })
}

/// Every tag written in the journal, goals first, then meetings, then activities.
pub fn uses(j: &Journal) -> Vec<Use<'_>> {
    let goals = j.goals.iter().flat_map(|g| uses_of(&g.tags, &g.source));
    let meetings = j.meetings.iter().flat_map(|m| uses_of(&m.tags, &m.source));
    let activities = (j.activities.iter()).flat_map(|a| uses_of(&a.tags, &a.source));
    goals.chain(meetings).chain(activities).collect()
}

/// A document's tags as (slug, first spelling), each slug once, in the order written;
/// tags with no letter or digit, which could have no page, are left out.
pub fn of(tags: &[String]) -> Vec<(String, &str)> {
    let mut out: Vec<(String, &str)> = Vec::new();
    for t in tags {
        let s = slug(t);
        if !s.is_empty() && !out.iter().any(|(seen, _)| *seen == s) {
            out.push((s, t));
        }
    }
    out
}

fn group<'a, 'm>(
    by_slug: &'m mut BTreeMap<String, Tag<'a>>,
    slug: String,
    name: &'a str,
) -> &'m mut Tag<'a> {
    by_slug.entry(slug.clone()).or_insert_with(|| Tag {
        slug,
        name,
        goals: Vec::new(),
        meetings: Vec::new(),
        activities: Vec::new(),
    })
}

/// Every tag with a page, by slug. Only published documents carry tags, so a tag written
/// only on private files has no page.
pub fn collect(j: &Journal) -> Vec<Tag<'_>> {
    let mut by_slug: BTreeMap<String, Tag> = BTreeMap::new();
    for g in &j.goals {
        for (s, name) in of(&g.tags) {
            group(&mut by_slug, s, name).goals.push(g);
        }
    }
    for m in &j.meetings {
        for (s, name) in of(&m.tags) {
            group(&mut by_slug, s, name).meetings.push(m);
        }
    }
    for a in &j.activities {
        for (s, name) in of(&a.tags) {
            group(&mut by_slug, s, name).activities.push(a);
        }
    }
    by_slug.into_values().collect()
}
