//! A sentence of the analysis without its words: the key of a message in the translations
//! table and the values it needs. The analysis stays free of any language; the render
//! stage says the phrase in the journal's.

use chrono::NaiveDate;

/// A message key and its arguments; an argument named `n` chooses the plural form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase {
    pub key: &'static str,
    pub args: Vec<(&'static str, Value)>,
}

/// A value put into a phrase, worded when the phrase is said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Number(usize),
    /// Things from the journal by their own words (goal titles, tasks), quoted: the first
    /// three, then how many more.
    Names(Vec<String>),
    /// Months by name and year, quoted like names.
    Months(Vec<NaiveDate>),
    /// A number of things, worded by the plural forms of a key: `("count.meetings", 2)`.
    Counted(&'static str, usize),
}

impl Phrase {
    /// A phrase with no arguments.
    pub fn new(key: &'static str) -> Phrase {
        Phrase {
            key,
            args: Vec::new(),
        }
    }

    /// The phrase with one more argument.
    pub fn with(mut self, name: &'static str, value: Value) -> Phrase {
        self.args.push((name, value));
        self
    }

    /// The number that chooses the plural form, if any.
    pub fn n(&self) -> Option<usize> {
        self.args.iter().find_map(|(name, v)| match v {
            Value::Number(n) if *name == "n" => Some(*n),
            _ => None,
        })
    }
}
