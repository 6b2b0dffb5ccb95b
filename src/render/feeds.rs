//! Machine-readable files: the Atom feed, the iCalendar file and the sitemap. Built in
//! code rather than templates, since their formats are fixed and strict.

use std::fmt::Write;

use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};

use super::urls::{self, Urls};
use super::views::meeting_title;
use crate::journal::{Journal, Meeting, MeetingStatus};

/// The most entries the feed carries: readers want what is new, not the whole history.
pub const FEED_ENTRIES: usize = 50;

/// Escapes XML text, dropping the characters XML 1.0 does not allow at all (the loader
/// has already replaced those of the journal; this keeps templates and URLs from breaking
/// the feed).
pub fn xml_escape(s: &str) -> String {
    let allowed = |c: char| !c.is_control() || matches!(c, '\t' | '\n' | '\r') || c >= '\u{7f}';
    let s: String = s.chars().filter(|&c| allowed(c)).collect();
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// A local date and time in the journal's timezone, as UTC.
fn to_utc(j: &Journal, local: NaiveDateTime) -> NaiveDateTime {
    let tz = j.config.timezone;
    tz.from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(local + chrono::Duration::hours(1)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc).naive_utc())
        .unwrap_or(local)
}

fn rfc3339(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

struct Entry<'a> {
    date: NaiveDateTime,
    title: String,
    path: String,
    html: &'a str,
}

/// The Atom feed of held and cancelled meetings and of activities, newest first.
/// `bodies` maps a journal file to its rendered HTML.
pub fn atom(j: &Journal, u: &Urls, bodies: &super::Html) -> String {
    let html = |file: &str| bodies.get(file).map_or("", |h| &**h);
    let s = &j.strings;
    let mut entries: Vec<Entry> = Vec::new();
    for m in j.meetings.iter().filter(|m| m.date <= j.today) {
        let key = match m.status {
            MeetingStatus::Cancelled => "feed.meeting_cancelled",
            _ => "feed.meeting",
        };
        entries.push(Entry {
            date: to_utc(j, m.starts()),
            title: s.fmt(
                key,
                &[("date", &s.date(m.date)), ("title", &meeting_title(s, m))],
            ),
            path: urls::meeting(&m.slug),
            html: html(&m.source.file),
        });
    }
    for a in j.activities.iter().filter(|a| a.date <= j.today) {
        entries.push(Entry {
            date: to_utc(j, a.date.and_time(chrono::NaiveTime::MIN)),
            title: s.fmt("feed.activity", &[("title", &a.title)]),
            path: urls::activity(&a.slug),
            html: html(&a.source.file),
        });
    }
    entries.sort_by(|a, b| b.date.cmp(&a.date).then(a.path.cmp(&b.path)));
    entries.truncate(FEED_ENTRIES);
    let updated = entries
        .first()
        .map(|e| e.date)
        .unwrap_or_else(|| j.today.and_time(chrono::NaiveTime::MIN));
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    s.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(s, "  <title>{}</title>", xml_escape(&j.config.title));
    let _ = writeln!(
        s,
        "  <subtitle>{}</subtitle>",
        xml_escape(&j.plan.objective)
    );
    let _ = writeln!(s, "  <id>{}</id>", xml_escape(&u.base));
    let _ = writeln!(
        s,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_escape(&u.base)
    );
    let _ = writeln!(
        s,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml_escape(&u.full("feed.xml"))
    );
    let _ = writeln!(s, "  <updated>{}</updated>", rfc3339(updated));
    let _ = writeln!(
        s,
        "  <author><name>{}</name></author>",
        xml_escape(&j.config.mentee.name)
    );
    s.push_str("  <generator>mentorfolio</generator>\n");
    for e in &entries {
        let url = u.full(&e.path);
        s.push_str("  <entry>\n");
        let _ = writeln!(s, "    <title>{}</title>", xml_escape(&e.title));
        let _ = writeln!(s, "    <id>{}</id>", xml_escape(&url));
        let _ = writeln!(
            s,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            xml_escape(&url)
        );
        let _ = writeln!(s, "    <updated>{}</updated>", rfc3339(e.date));
        let _ = writeln!(s, "    <published>{}</published>", rfc3339(e.date));
        if !e.html.trim().is_empty() {
            let _ = writeln!(
                s,
                "    <content type=\"html\">{}</content>",
                xml_escape(e.html)
            );
        }
        s.push_str("  </entry>\n");
    }
    s.push_str("</feed>\n");
    s
}

/// Escapes iCalendar TEXT: backslash, semicolon, comma and newlines; drops the other
/// controls, which RFC 5545 does not allow in TEXT.
fn ics_text(s: &str) -> String {
    let s: String = s
        .replace("\r\n", "\n")
        .chars()
        .filter(|&c| !c.is_ascii_control() || c == '\n' || c == '\t')
        .collect();
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets, never inside a UTF-8 character, and ends it with CRLF.
fn fold(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

fn ics_utc(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn ics_date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

fn vevent(j: &Journal, u: &Urls, m: &Meeting, stamp: &str, people: &str, out: &mut String) {
    let s = &j.strings;
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}@{}", m.slug, u.host),
        format!("DTSTAMP:{stamp}"),
    ];
    match m.time {
        Some(_) => {
            let start = to_utc(j, m.starts());
            let end = start + chrono::Duration::minutes(i64::from(m.duration.max(1)));
            lines.push(format!("DTSTART:{}", ics_utc(start)));
            lines.push(format!("DTEND:{}", ics_utc(end)));
        }
        None => {
            lines.push(format!("DTSTART;VALUE=DATE:{}", ics_date(m.date)));
            lines.push(format!(
                "DTEND;VALUE=DATE:{}",
                ics_date(m.date.succ_opt().unwrap_or(m.date))
            ));
        }
    }
    lines.push(format!(
        "SUMMARY:{}",
        ics_text(&s.fmt(
            "calendar.summary",
            &[("title", &meeting_title(s, m)), ("people", &people)]
        ))
    ));
    let mut description = String::new();
    if let Some(c) = m
        .cancellation
        .as_ref()
        .filter(|_| m.status == MeetingStatus::Cancelled)
    {
        description.push_str(s.t("calendar.cancelled"));
        if let Some(to) = c.rescheduled_to {
            description.push(' ');
            description.push_str(&s.fmt("calendar.moved", &[("date", &s.date(to))]));
        }
        description.push('\n');
    }
    if !m.agenda.is_empty() {
        description.push_str(s.t("calendar.agenda"));
        description.push('\n');
        for a in &m.agenda {
            let _ = writeln!(description, "- {a}");
        }
    }
    if !description.is_empty() {
        lines.push(format!("DESCRIPTION:{}", ics_text(description.trim_end())));
    }
    lines.push(format!("URL:{}", u.full(&urls::meeting(&m.slug))));
    lines.push(format!(
        "STATUS:{}",
        match m.status {
            MeetingStatus::Cancelled => "CANCELLED",
            MeetingStatus::Held | MeetingStatus::Planned => "CONFIRMED",
        }
    ));
    lines.push("END:VEVENT".to_string());
    for l in lines {
        fold(&l, out);
    }
}

/// The iCalendar file (RFC 5545) of every meeting, past and planned, in UTC times.
pub fn ics(j: &Journal, u: &Urls) -> String {
    let mut out = String::new();
    for l in [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//mentorfolio//mentoring journal//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        format!("X-WR-CALNAME:{}", ics_text(&j.config.title)),
    ] {
        fold(&l, &mut out);
    }
    let stamp = ics_utc(j.today.and_time(chrono::NaiveTime::MIN));
    let people = j.config.participants(&j.strings);
    for m in &j.meetings {
        vevent(j, u, m, &stamp, &people, &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    out
}

/// The sitemap of every page (site paths ending in `/`).
pub fn sitemap(u: &Urls, pages: &[String]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in pages {
        let _ = writeln!(s, "  <url><loc>{}</loc></url>", xml_escape(&u.full(p)));
    }
    s.push_str("</urlset>\n");
    s
}

/// `robots.txt`: everything disallowed unless the site is indexable, then everything
/// allowed and the sitemap named. Crawlers read it only at a host's root, so on a
/// sub-path site each page's `noindex` is what keeps them out.
pub fn robots(u: &Urls, indexable: bool) -> String {
    match indexable {
        true => format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            u.full("sitemap.xml")
        ),
        false => "User-agent: *\nDisallow: /\n".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fold_at_75_octets_between_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "é".repeat(60));
        fold(&line, &mut out);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), line);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(ics_text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
