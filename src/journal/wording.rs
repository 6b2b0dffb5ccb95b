//! Shape errors in the journal's words. The YAML reader reports, in serde's terms, that
//! `actions[0]` was "invalid type: string, expected struct ActionFront"; a mentee needs to
//! hear that an action is a set of fields, and see one. One table of what each field
//! holds, with an example, serves every such message.

/// What a value of each kind looks like, by the name the reader gives it.
const SHAPES: &[(&str, &str)] = &[
    (
        "a sequence",
        "a list, such as `[a, b]` or one `- item` a line",
    ),
    (
        "a single value (text, number, date or true/false)",
        "a single value: text, a number, a date or true/false",
    ),
    (
        "a mapping of fields",
        "fields, one `key: value` a line, such as `title: A goal`",
    ),
    (
        "struct ActionFront",
        "an action: `{ task: What to do, owner: mentee, due: YYYY-MM-DD }`",
    ),
    (
        "struct BenchmarkFront",
        "a benchmark: `{ title: What will be true, due: YYYY-MM-DD }`",
    ),
    (
        "struct CommitmentFront",
        "a commitment: `{ what: What the mentor offered }`",
    ),
    (
        "struct FeedbackFront",
        "fields `received:` (the mentor's suggestions) and `given:` (your feedback)",
    ),
    (
        "struct SuggestionFront",
        "a suggestion: `{ suggestion: …, reflection: …, decision: considering }`",
    ),
    (
        "struct CancellationFront",
        "fields such as `{ notice_given: YYYY-MM-DD, reason: …, rescheduled_to: YYYY-MM-DD }`",
    ),
    (
        "struct ObjectiveFront",
        "an objective: `{ id: short-name, title: What it means }`",
    ),
    (
        "struct CadencePeriodFront",
        "a period: `{ from: YYYY-MM-DD, every: weekly }`",
    ),
    (
        "untagged enum CadenceFront",
        "a rhythm (`weekly`, `biweekly`, `monthly`, `every 10 days`) or a list of `{ from, every }`",
    ),
];

/// What a value that was found is, in plain words.
fn found(what: &str) -> String {
    match what {
        "map" => "a set of `key: value` fields".into(),
        "sequence" => "a list".into(),
        "unit value" | "null" => "empty".into(),
        "enum" => "a value marked with a `!tag`".into(),
        w if w.starts_with("string ") => format!("the text {}", &w[7..]),
        w if w.starts_with("integer ") => format!("the number {}", w[8..].trim_matches('`')),
        w if w.starts_with("floating point ") => {
            format!("the number {}", w[15..].trim_matches('`'))
        }
        w if w.starts_with("boolean ") => w[8..].trim_matches('`').to_string(),
        w => w.to_string(),
    }
}

/// The expected shape in plain words, when the table knows it.
fn shape(expected: &str) -> Option<&'static str> {
    SHAPES
        .iter()
        .find(|(name, _)| *name == expected)
        .map(|(_, words)| *words)
}

/// `message` from the YAML reader in the journal's words, when it is one of serde's shape
/// errors; otherwise `None`, and the message stays as it was.
pub fn shape_error(message: &str) -> Option<String> {
    if let Some((field, rest)) = message.split_once("data did not match any variant of ") {
        let field = match field.strip_suffix(": ") {
            Some(f) => format!("`{f}`"),
            None => "this value".into(),
        };
        return Some(match shape(rest) {
            Some(s) => format!("{field} should be {s}"),
            None => format!("{field} does not have the shape this field needs"),
        });
    }
    let (field, rest) = match message.split_once(": invalid type: ") {
        Some((field, rest)) => (Some(field), rest),
        None => (None, message.strip_prefix("invalid type: ")?),
    };
    let (what, expected) = rest.rsplit_once(", expected ")?;
    let expected = shape(expected)
        .map(str::to_string)
        .unwrap_or_else(|| expected.to_string());
    let field = field.map_or("this value".to_string(), |f| format!("`{f}`"));
    Some(format!(
        "{field} is {} here, but it should be {expected}",
        found(what)
    ))
}

/// The dates `written` may mean, read the ways people write dates: `2026/09/08`,
/// `2026.9.8`, `8.9.2026` (day first, as dotted dates are), `8/9/2026` (either way round).
fn dates_meant(written: &str) -> Vec<chrono::NaiveDate> {
    use chrono::NaiveDate;
    let parts: Vec<&str> = written
        .trim()
        .split(['/', '.', '-', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let [a, b, c] = parts[..] else {
        return Vec::new();
    };
    let n = |p: &str| p.parse::<u32>().ok();
    let (Some(x), Some(y), Some(z)) = (n(a), n(b), n(c)) else {
        return Vec::new();
    };
    let ymd = |y: u32, m: u32, d: u32| NaiveDate::from_ymd_opt(y as i32, m, d);
    let mut found: Vec<NaiveDate> = if a.len() == 4 {
        ymd(x, y, z).into_iter().collect()
    } else if c.len() == 4 && written.contains('/') {
        [ymd(z, y, x), ymd(z, x, y)].into_iter().flatten().collect()
    } else if c.len() == 4 {
        ymd(z, y, x).into_iter().collect()
    } else {
        Vec::new()
    };
    found.dedup();
    found
}

/// The hint for `key: written` that is not a YYYY-MM-DD date: the date it means written
/// rightly, when that can be told.
pub fn date_hint(key: &str, written: &str) -> String {
    match dates_meant(written).as_slice() {
        [one] => format!("write the date as YYYY-MM-DD: `{key}: {one}`"),
        [one, other] => format!(
            "write the date as YYYY-MM-DD: `{key}: {one}` or `{key}: {other}`, whichever you mean"
        ),
        _ => format!(
            "write the calendar date as YYYY-MM-DD, for example `{key}: 2026-03-01`; words such as `next tuesday` are not read"
        ),
    }
}

/// The hint for `key: written` that is not a whole number of minutes or days: the number
/// it means, when a unit such as `1h`, `90 min` or `3 days` says so.
pub fn count_hint(key: &str, written: &str) -> String {
    let w = written.trim().to_lowercase();
    let digits = w
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(w.len());
    let (number, unit) = w.split_at(digits);
    let per = match unit.trim() {
        "h" | "hr" | "hrs" | "hour" | "hours" if !key.ends_with("days") => Some(60.0),
        "m" | "min" | "mins" | "minute" | "minutes" if !key.ends_with("days") => Some(1.0),
        "d" | "day" | "days" if key.ends_with("days") => Some(1.0),
        _ => None,
    };
    let unit_name = if key.ends_with("days") {
        "days"
    } else {
        "minutes"
    };
    match (number.parse::<f64>().ok(), per) {
        (Some(n), Some(per)) if (n * per).fract() == 0.0 => {
            format!(
                "write the {unit_name} as a whole number, without a unit: `{key}: {}`",
                n * per
            )
        }
        _ => format!("write the {unit_name} as a whole number, for example `{key}: 60`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_people_write_them_are_written_rightly() {
        assert_eq!(
            date_hint("due", "2026/09/08"),
            "write the date as YYYY-MM-DD: `due: 2026-09-08`"
        );
        assert_eq!(
            date_hint("due", "8.9.2026"),
            "write the date as YYYY-MM-DD: `due: 2026-09-08`"
        );
        assert_eq!(
            date_hint("due", "8/9/2026"),
            "write the date as YYYY-MM-DD: `due: 2026-09-08` or `due: 2026-08-09`, whichever you mean"
        );
        assert_eq!(
            date_hint("due", "13/9/2026"),
            "write the date as YYYY-MM-DD: `due: 2026-09-13`"
        );
        assert!(date_hint("due", "next tuesday").contains("`due: 2026-03-01`"));
    }

    #[test]
    fn durations_with_units_become_minutes() {
        assert!(count_hint("duration", "1h").ends_with("`duration: 60`"));
        assert!(count_hint("duration", "1.5 hours").ends_with("`duration: 90`"));
        assert!(count_hint("duration", "90 min").ends_with("`duration: 90`"));
        assert!(count_hint("follow_up_days", "3 days").ends_with("`follow_up_days: 3`"));
        assert!(count_hint("duration", "an hour").ends_with("`duration: 60`"));
    }

    #[test]
    fn serde_words_become_journal_words() {
        assert_eq!(
            shape_error("actions[0]: invalid type: string \"task\", expected struct ActionFront")
                .unwrap(),
            "`actions[0]` is the text \"task\" here, but it should be an action: `{ task: What to do, owner: mentee, due: YYYY-MM-DD }`"
        );
        assert_eq!(
            shape_error("agenda: invalid type: map, expected a sequence").unwrap(),
            "`agenda` is a set of `key: value` fields here, but it should be a list, such as `[a, b]` or one `- item` a line"
        );
        assert_eq!(
            shape_error("data did not match any variant of untagged enum CadenceFront").unwrap(),
            "this value should be a rhythm (`weekly`, `biweekly`, `monthly`, `every 10 days`) or a list of `{ from, every }`"
        );
        assert_eq!(shape_error("did not find expected key"), None);
    }

    #[test]
    fn no_message_keeps_serde_s_type_names() {
        for (name, _) in SHAPES {
            let m = format!("x: invalid type: integer `5`, expected {name}");
            let words = shape_error(&m).unwrap();
            assert!(
                !words.contains("Front") && !words.contains("invalid type"),
                "{words}"
            );
        }
    }
}
