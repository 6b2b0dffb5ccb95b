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
    if let Some(rest) = message.strip_prefix("data did not match any variant of ") {
        return shape(rest).map(|s| format!("this value should be {s}"));
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

#[cfg(test)]
mod tests {
    use super::*;

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
