//! `day` and `status`, the two things every page writes many times, as Tera filters:
//! `{{ meeting.date | day }}` and `{{ meeting.status | status }}`. They write exactly what
//! the macros `m::day` and `m::status` of the default theme write, which themes may keep
//! calling; a filter reads its value where it is, while a macro call copies its arguments
//! and renders a template of its own: the two most called macros cost `build` about 7 %
//! of its CPU time at 10,000 meetings.

use std::collections::HashMap;
use std::sync::Arc;

use tera::{Filter, Value};

use super::theme::escape_html;
use crate::i18n::Strings;

/// A date of the context (`{iso, text}`) as `<time datetime="2026-03-04">4 March
/// 2026</time>`, or the words for no date when there is none.
pub struct Day {
    no_date: String,
}

impl Day {
    pub fn new(strings: &Strings) -> Day {
        Day {
            no_date: escape_html(strings.t("macros.no_date")),
        }
    }
}

/// A value as `{{ value }}` prints it.
fn shown(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => escape_html(s),
        Some(Value::Null) | None => String::new(),
        Some(other) => escape_html(&other.to_string()),
    }
}

impl Filter for Day {
    fn filter(&self, value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
        Ok(Value::String(match value {
            Value::Object(d) if !d.is_empty() => format!(
                "<time datetime=\"{}\">{}</time>",
                shown(d.get("iso")),
                shown(d.get("text"))
            ),
            Value::Null | Value::Object(_) | Value::Bool(false) => self.no_date.clone(),
            other => {
                return Err(format!(
                    "`day` needs a date of the page, such as `meeting.date`, not {other}"
                )
                .into());
            }
        }))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// A status word (`held`, `done late`) as a badge in the journal's language:
/// `<span class="status status-done-late">past due</span>`.
pub struct Status {
    strings: Arc<Strings>,
}

impl Status {
    pub fn new(strings: Arc<Strings>) -> Status {
        Status { strings }
    }
}

impl Filter for Status {
    fn filter(&self, value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
        let Value::String(s) = value else {
            return Err(format!(
                "`status` needs a status word, such as `meeting.status`, not {value}"
            )
            .into());
        };
        let key = format!("status.{}", s.replace(' ', "_"));
        if self.strings.message(&key).is_none() {
            return Err(format!(
                "no message `{key}` in the translations (docs/translations.md lists them)"
            )
            .into());
        }
        Ok(Value::String(format!(
            "<span class=\"status status-{}\">{}</span>",
            escape_html(&s.replace(' ', "-")),
            crate::i18n::fill(&escape_html(self.strings.t(&key)), &[])
        )))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tera::{Context, Tera};

    fn render(strings: Arc<Strings>, template: &str, ctx: &Context) -> tera::Result<String> {
        let mut tera = Tera::default();
        tera.set_escape_fn(escape_html);
        tera.register_filter("day", Day::new(&strings));
        tera.register_filter("status", Status::new(strings));
        tera.add_raw_template("t.html", template)?;
        tera.render("t.html", ctx)
    }

    #[test]
    fn a_day_is_a_time_element_with_its_text_escaped_or_the_words_for_no_date() {
        let mut ctx = Context::new();
        ctx.insert(
            "d",
            &serde_json::json!({"iso": "2026-03-04", "text": "4 <March> & 'so'"}),
        );
        ctx.insert("none", &Option::<String>::None);
        let html = render(Strings::english(), "{{ d | day }}|{{ none | day }}", &ctx).unwrap();
        assert_eq!(
            html,
            "<time datetime=\"2026-03-04\">4 &lt;March&gt; &amp; &#x27;so&#x27;</time>|no date"
        );
    }

    #[test]
    fn a_status_is_a_badge_in_the_journals_language_and_an_unknown_one_is_an_error() {
        let mut ctx = Context::new();
        ctx.insert("s", "done late");
        let de = Arc::new(Strings::builtin("de"));
        let html = render(de.clone(), "{{ s | status }}", &ctx).unwrap();
        let word = escape_html(de.t("status.done_late"));
        assert_eq!(
            html,
            format!("<span class=\"status status-done-late\">{word}</span>")
        );
        assert_ne!(word, "done late");
        ctx.insert("s", "sideways");
        assert!(render(de, "{{ s | status }}", &ctx).is_err());
    }
}
