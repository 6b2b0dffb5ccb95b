//! `t(key=..., n=..., name=...)`, the templates' way to say anything: the message `key` in
//! the journal's language, its `{name}`s filled from the other arguments, the form for
//! the number `n` when it has plural forms.
//!
//! The function escapes its own output, message and arguments alike, so `{{ t(...) }}`
//! needs no filter and is safe with any journal text; an argument whose name ends in
//! `_html` (a macro's output, such as a `<time>`) goes in as it is. A value built with `t`
//! and printed again later is already HTML: print it with `| safe`.

use std::collections::HashMap;
use std::sync::Arc;

use tera::{Function, Value};

use crate::i18n::Strings;

pub struct Translate {
    strings: Arc<Strings>,
    /// Every message without plural forms, escaped once: most calls name only a key, and
    /// a site of ten thousand pages makes hundreds of thousands of them.
    escaped: HashMap<String, String>,
}

impl Translate {
    pub fn new(strings: Arc<Strings>) -> Translate {
        let escaped = strings
            .keys()
            .filter_map(|k| match strings.message(k) {
                Some(crate::i18n::Message::Text(t)) => {
                    Some((k.to_string(), super::theme::escape_html(t)))
                }
                _ => None,
            })
            .collect();
        Translate { strings, escaped }
    }
}

/// A template argument as the text a message shows.
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

impl Function for Translate {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let key = match args.get("key") {
            Some(Value::String(k)) => k.as_str(),
            _ => return Err("`t` needs `key`, the name of a message: t(key=\"nav.goals\")".into()),
        };
        if args.len() == 1
            && let Some(text) = self.escaped.get(key)
        {
            return Ok(Value::String(text.clone()));
        }
        if self.strings.message(key).is_none() {
            return Err(format!(
                "no message `{key}` in the translations (docs/translations.md lists them)"
            )
            .into());
        }
        let n = match args.get("n") {
            None => None,
            Some(v) => Some(v.as_u64().ok_or_else(|| {
                tera::Error::msg(format!("`n` of `{key}` is {v}, not a whole number"))
            })? as usize),
        };
        let pattern = match n {
            Some(n) => self.strings.form(key, n),
            None => self.strings.t(key),
        };
        let values: Vec<(&str, String)> = args
            .iter()
            .filter(|(name, _)| name.as_str() != "key")
            .map(|(name, v)| {
                let shown = text(v);
                if name.ends_with("_html") {
                    (name.as_str(), shown)
                } else {
                    (name.as_str(), super::theme::escape_html(&shown))
                }
            })
            .collect();
        let filled: Vec<crate::i18n::Arg> = values
            .iter()
            .map(|(name, v)| (*name, v as &dyn std::fmt::Display))
            .collect();
        Ok(Value::String(crate::i18n::fill(
            &super::theme::escape_html(pattern),
            &filled,
        )))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(strings: &Arc<Strings>, args: &[(&str, Value)]) -> tera::Result<Value> {
        let args = args
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        Translate::new(strings.clone()).call(&args)
    }

    #[test]
    fn plural_forms_and_escaping() {
        let de = Arc::new(Strings::builtin("de"));
        let got = call(&de, &[("key", "count.meetings".into()), ("n", 3.into())]).unwrap();
        assert_eq!(got, Value::String("3 Treffen".into()));
        let en = Strings::english();
        let got = call(
            &en,
            &[
                ("key", "list.and".into()),
                ("init", "<b>".into()),
                ("last_html", "<i>x</i>".into()),
            ],
        );
        // `last` is not given, so its placeholder stays; `init` is escaped.
        assert_eq!(got.unwrap(), Value::String("&lt;b&gt; and {last}".into()));
    }

    #[test]
    fn an_unknown_key_is_an_error_naming_it() {
        let err = call(&Strings::english(), &[("key", "nav.nowhere".into())]).unwrap_err();
        assert!(err.to_string().contains("nav.nowhere"), "{err}");
    }
}
