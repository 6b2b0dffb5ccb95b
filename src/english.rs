//! English wording in one place: counts ("1 error", "2 errors", never "1 errors") and
//! dates as pages show them ("15 September 2026").

use chrono::{Datelike, NaiveDate};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as people read it: "15 September 2026". Pages show many dates, so it is
/// formatted directly rather than through a strftime pattern; years chrono prints with a
/// sign take chrono's path.
pub fn date(d: NaiveDate) -> String {
    if !(0..=9999).contains(&d.year()) {
        return d.format("%-d %B %Y").to_string();
    }
    format!(
        "{} {} {:04}",
        d.day(),
        MONTHS[d.month0() as usize],
        d.year()
    )
}

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
    fn dates_read_as_day_month_year() {
        let d = NaiveDate::from_ymd_opt(2026, 9, 5).unwrap();
        assert_eq!(date(d), "5 September 2026");
    }

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(count(1, "error"), "1 error");
        assert_eq!(count(0, "error"), "0 errors");
        assert_eq!(count(2, "warning"), "2 warnings");
        assert_eq!(count(1, "activity/activities"), "1 activity");
        assert_eq!(count(3, "activity/activities"), "3 activities");
    }
}
