//! The interface in the journal's language. Every word the pages, the feed, the calendar,
//! `summary` and `agenda` say is a message of one table, looked up by key: English first,
//! then the language's built-in strings, then the theme's and the journal's own
//! `i18n/LANG.yaml`. A key the language lacks falls back to English, so a page is never
//! missing a word. Diagnostics stay in English, as a compiler's do.
//!
//! Messages are plain text with `{name}` placeholders; a message that depends on a number
//! has one form per CLDR plural category (`one`, `other`, …), chosen by ICU's plural rules.
//! Dates follow the language's `date.long` pattern with month names from chrono's locale
//! data, each name computed once per table rather than per date.

mod builtin;
pub mod language;
mod load;
mod table;

use foldhash::HashMap;
use std::fmt::{Display, Write};
use std::sync::{Arc, OnceLock};

use chrono::{Datelike, NaiveDate};
use icu_plurals::{PluralCategory, PluralRules};

pub use builtin::LANGUAGES;
pub use load::load;
pub use table::Message;

/// Every message of one language, with the English ones beneath it.
pub struct Strings {
    /// The tag as the journal wrote it (`pt-BR`), for `<html lang>`.
    tag: String,
    messages: HashMap<String, Message>,
    months: [String; 12],
    short_months: [String; 12],
    plurals: PluralRules,
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Strings")
            .field("tag", &self.tag)
            .field("messages", &self.messages.len())
            .finish()
    }
}

impl PartialEq for Strings {
    fn eq(&self, other: &Self) -> bool {
        self.tag == other.tag && self.messages == other.messages
    }
}

/// A value put into a message's `{name}`.
pub type Arg<'a> = (&'a str, &'a dyn Display);

impl Strings {
    /// The built-in English strings, shared: what a journal without `language:` gets.
    pub fn english() -> Arc<Strings> {
        static EN: OnceLock<Arc<Strings>> = OnceLock::new();
        EN.get_or_init(|| Arc::new(Strings::builtin("en"))).clone()
    }

    /// The built-in strings for `tag` over English, without any journal file.
    pub fn builtin(tag: &str) -> Strings {
        Strings::new(tag, builtin::messages(&language::primary(tag)))
    }

    fn new(tag: &str, messages: HashMap<String, Message>) -> Strings {
        Strings {
            months: language::months(tag),
            short_months: language::short_months(tag),
            plurals: language::plural_rules(tag),
            tag: tag.to_string(),
            messages,
        }
    }

    /// The language tag, as `<html lang>` wants it.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// Every key, for checking a journal's overrides against.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.messages.keys().map(String::as_str)
    }

    pub fn message(&self, key: &str) -> Option<&Message> {
        self.messages.get(key)
    }

    /// The message `key` with no placeholders filled; the key itself when no table has it,
    /// which the tests of the built-in tables rule out for the tool's own keys.
    pub fn t<'a>(&'a self, key: &'a str) -> &'a str {
        match self.messages.get(key) {
            Some(Message::Text(s)) => s,
            Some(Message::Plural(forms)) => forms.other(),
            None => key,
        }
    }

    /// The message `key` with its `{name}`s filled from `args`.
    pub fn fmt(&self, key: &str, args: &[Arg]) -> String {
        fill(self.t(key), args)
    }

    /// The form of `key` for the number `n`, with `{n}` and `args` filled:
    /// `count("meetings", 1)` is "1 meeting", "1 Treffen", "1 reunión".
    pub fn count(&self, key: &str, n: usize, args: &[Arg]) -> String {
        let pattern = self.form(key, n);
        let mut all: Vec<Arg> = Vec::with_capacity(args.len() + 1);
        all.push(("n", &n));
        all.extend_from_slice(args);
        fill(pattern, &all)
    }

    /// The pattern of `key` for the number `n`, unfilled.
    pub fn form<'a>(&'a self, key: &'a str, n: usize) -> &'a str {
        match self.messages.get(key) {
            Some(Message::Plural(forms)) => forms.get(self.category(n)),
            Some(Message::Text(s)) => s,
            None => key,
        }
    }

    fn category(&self, n: usize) -> PluralCategory {
        self.plurals.category_for(n)
    }

    /// A date as the language writes it in running text: "15 September 2026",
    /// "15. September 2026", "15 de septiembre de 2026".
    pub fn date(&self, d: NaiveDate) -> String {
        let month = self.month(d);
        let year = if (0..=9999).contains(&d.year()) {
            format!("{:04}", d.year())
        } else {
            d.year().to_string()
        };
        fill(
            self.t("date.long"),
            &[
                ("day", &self.day_number(d)),
                ("month", &month),
                ("year", &year),
            ],
        )
    }

    /// A date with the time of day when there is one: "9 September 2026 at 10:00".
    pub fn moment(&self, d: NaiveDate, time: Option<chrono::NaiveTime>) -> String {
        match time {
            Some(t) => fill(
                self.t("date.at_time"),
                &[("date", &self.date(d)), ("time", &t.format("%H:%M"))],
            ),
            None => self.date(d),
        }
    }

    /// The day of the month as dates write it: French writes the first "1er".
    pub fn day_number(&self, d: NaiveDate) -> std::borrow::Cow<'_, str> {
        match d.day() {
            1 => self.t("date.first_day").into(),
            n => n.to_string().into(),
        }
    }

    /// The month of `d` as the language names it: "September", "septiembre".
    pub fn month(&self, d: NaiveDate) -> &str {
        &self.months[d.month0() as usize]
    }

    /// The month of `d` abbreviated, for tight spaces such as a chart's axis: "Sep".
    pub fn short_month(&self, d: NaiveDate) -> &str {
        &self.short_months[d.month0() as usize]
    }

    /// Names joined as a sentence: "A, B and C", "A, B y C".
    pub fn list(&self, names: &[&str]) -> String {
        match names {
            [] => String::new(),
            [one] => one.to_string(),
            [init @ .., last] => fill(
                self.t("list.and"),
                &[("init", &init.join(", ")), ("last", last)],
            ),
        }
    }
}

/// `pattern` with every `{name}` of `args` replaced; other braces are kept as written.
pub fn fill(pattern: &str, args: &[Arg]) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}');
        let name = close.map(|c| &after[..c]);
        match name.and_then(|n| args.iter().find(|(k, _)| *k == n)) {
            Some((_, value)) => {
                let _ = write!(out, "{value}");
                rest = &after[close.unwrap_or(0) + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_fill_and_other_braces_stay() {
        assert_eq!(
            fill("{n} of {total}", &[("n", &3), ("total", &5)]),
            "3 of 5"
        );
        assert_eq!(fill("a {b} {c", &[("x", &1)]), "a {b} {c");
        assert_eq!(fill("{}", &[]), "{}");
    }

    #[test]
    fn dates_follow_the_language() {
        let d = NaiveDate::from_ymd_opt(2026, 9, 5).unwrap();
        assert_eq!(Strings::builtin("en").date(d), "5 September 2026");
        assert_eq!(Strings::builtin("de").date(d), "5. September 2026");
        assert_eq!(Strings::builtin("es").date(d), "5 de septiembre de 2026");
        assert_eq!(Strings::builtin("fr").date(d), "5 septembre 2026");
        let first = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        assert_eq!(Strings::builtin("fr").date(first), "1er juillet 2026");
        assert_eq!(Strings::builtin("en").date(first), "1 July 2026");
        assert_eq!(Strings::builtin("pt-BR").date(d), "5 de setembro de 2026");
    }

    #[test]
    fn plural_forms_follow_each_languages_rules() {
        let en = Strings::builtin("en");
        assert_eq!(en.count("count.meetings", 1, &[]), "1 meeting");
        assert_eq!(en.count("count.meetings", 0, &[]), "0 meetings");
        let fr = Strings::builtin("fr");
        // French counts zero as singular.
        assert_eq!(fr.count("count.meetings", 0, &[]), "0 réunion");
        assert_eq!(fr.count("count.meetings", 2, &[]), "2 réunions");
    }

    #[test]
    fn lists_join_with_the_languages_and() {
        assert_eq!(Strings::builtin("en").list(&["A", "B", "C"]), "A, B and C");
        assert_eq!(Strings::builtin("de").list(&["A", "B"]), "A und B");
        assert_eq!(Strings::builtin("es").list(&["A"]), "A");
    }
}
