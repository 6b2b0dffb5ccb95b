//! English wording of the tool's own messages (diagnostics and commands, which stay in
//! English): counts, "1 error", "2 errors", never "1 errors". What the site says is in
//! the journal's language, from `crate::i18n`.

/// `n` and the noun, singular for exactly one: `count(1, "meeting")` is "1 meeting".
/// Nouns whose plural is not `+s` give it after a slash: `count(2, "activity/activities")`.
pub fn count(n: usize, noun: &str) -> String {
    let (one, many) = match noun.split_once('/') {
        Some((one, many)) => (one.to_string(), many.to_string()),
        None => (noun.to_string(), format!("{noun}s")),
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(count(1, "error"), "1 error");
        assert_eq!(count(0, "error"), "0 errors");
        assert_eq!(count(2, "warning"), "2 warnings");
        assert_eq!(count(1, "activity/activities"), "1 activity");
        assert_eq!(count(3, "activity/activities"), "3 activities");
    }
}
