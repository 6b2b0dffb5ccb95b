//! The front matter as written: every field optional and every value a [`Scalar`], so that
//! conversion reports each missing or bad value at its own line instead of stopping at the first.
//! The known-key tables drive W501 ("did you mean ...?").

use serde::Deserialize;

use super::yaml::Scalar;

#[derive(Deserialize, Default)]
pub struct ConfigFront {
    pub title: Option<Scalar>,
    pub mentee: Option<PersonFront>,
    pub mentor: Option<MentorsFront>,
    pub base_url: Option<Scalar>,
    pub theme: Option<Scalar>,
    pub timezone: Option<Scalar>,
    pub language: Option<Scalar>,
    pub start: Option<Scalar>,
    pub cadence: Option<CadenceFront>,
    pub meeting_length: Option<Scalar>,
    pub follow_up_days: Option<Scalar>,
    pub feeds: Option<Scalar>,
    pub cname: Option<Scalar>,
    pub safe_html: Option<Scalar>,
    pub protect: Option<Scalar>,
    pub indexable: Option<Scalar>,
    pub search: Option<Scalar>,
    pub repository: Option<Scalar>,
    pub allow: Option<AllowFront>,
}

/// A person as written: just a name, or `{ name, email, id }`. Read by hand rather than as
/// an untagged enum, so a value of the wrong shape is explained in the journal's words.
#[derive(Default)]
pub struct PersonFront {
    pub name: Option<Scalar>,
    pub email: Option<Scalar>,
    pub id: Option<Scalar>,
}

/// What a person looks like, for the messages about a value of another shape.
pub const PERSON_SHAPE: &str =
    "a person: `{ name: Their Name, email: them@example.org }`, or just the name";

/// What `mentor:` looks like: one person or a list of them.
pub const MENTORS_SHAPE: &str = "a person: `{ name: Their Name, email: them@example.org, id: short }`, just the name, or a list of people";

struct PersonVisitor(&'static str);

impl<'de> serde::de::Visitor<'de> for PersonVisitor {
    type Value = PersonFront;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.0)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<PersonFront, E> {
        Ok(PersonFront {
            name: Some(Scalar(v.to_string())),
            ..PersonFront::default()
        })
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<PersonFront, E> {
        self.visit_str(&v.to_string())
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<PersonFront, E> {
        self.visit_str(&v.to_string())
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<PersonFront, E> {
        self.visit_str(&v.to_string())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<PersonFront, A::Error> {
        let mut p = PersonFront::default();
        while let Some(key) = a.next_key::<Scalar>()? {
            // Unknown keys are W501's to report; their values may be anything.
            match key.0.as_str() {
                "name" => p.name = a.next_value()?,
                "email" => p.email = a.next_value()?,
                "id" => p.id = a.next_value()?,
                _ => drop(a.next_value::<serde::de::IgnoredAny>()?),
            }
        }
        Ok(p)
    }
}

impl<'de> Deserialize<'de> for PersonFront {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(PersonVisitor(PERSON_SHAPE))
    }
}

/// `mentor:` as written: one person, or a list of people (the first is `owner: mentor`).
pub struct MentorsFront(pub Vec<PersonFront>);

impl<'de> Deserialize<'de> for MentorsFront {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{MapAccess, SeqAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = MentorsFront;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(MENTORS_SHAPE)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<MentorsFront, E> {
                PersonVisitor(MENTORS_SHAPE)
                    .visit_str(v)
                    .map(|p| MentorsFront(vec![p]))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<MentorsFront, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<MentorsFront, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<MentorsFront, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_map<A: MapAccess<'de>>(self, a: A) -> Result<MentorsFront, A::Error> {
                PersonVisitor(MENTORS_SHAPE)
                    .visit_map(a)
                    .map(|p| MentorsFront(vec![p]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<MentorsFront, A::Error> {
                let mut out = Vec::new();
                while let Some(p) = a.next_element()? {
                    out.push(p);
                }
                Ok(MentorsFront(out))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
pub enum CadenceFront {
    Word(Scalar),
    Periods(Vec<CadencePeriodFront>),
}

#[derive(Deserialize)]
pub struct CadencePeriodFront {
    pub from: Option<Scalar>,
    pub every: Option<Scalar>,
}

#[derive(Deserialize, Default)]
pub struct PlanFront {
    pub objective: Option<Scalar>,
    pub horizon: Option<Scalar>,
    pub objectives: Option<Vec<ObjectiveFront>>,
    /// Read by the privacy rule ([`super::privacy::FilePrivacy`]), which takes any value.
    pub private: Option<serde::de::IgnoredAny>,
    pub allow: Option<AllowFront>,
}

#[derive(Deserialize)]
pub struct ObjectiveFront {
    pub id: Option<Scalar>,
    pub title: Option<Scalar>,
}

#[derive(Deserialize, Default)]
pub struct GoalFront {
    pub title: Option<Scalar>,
    pub objective: Option<Scalar>,
    pub status: Option<Scalar>,
    pub started: Option<Scalar>,
    pub target: Option<Scalar>,
    pub benchmarks: Option<Vec<BenchmarkFront>>,
    pub actions: Option<Vec<Scalar>>,
    /// Read by the privacy rule ([`super::privacy::FilePrivacy`]), which takes any value.
    pub private: Option<serde::de::IgnoredAny>,
    /// `init`'s worked example: shown, but left out of the record.
    pub example: Option<Scalar>,
    pub allow: Option<AllowFront>,
}

#[derive(Deserialize)]
pub struct BenchmarkFront {
    pub title: Option<Scalar>,
    pub due: Option<Scalar>,
    pub done: Option<Scalar>,
}

#[derive(Deserialize, Default)]
pub struct MeetingFront {
    pub date: Option<Scalar>,
    pub duration: Option<Scalar>,
    pub planned_duration: Option<Scalar>,
    pub status: Option<Scalar>,
    pub goals: Option<Vec<Scalar>>,
    pub agenda: Option<Vec<Scalar>>,
    pub agenda_sent: Option<Scalar>,
    pub outcomes: Option<Vec<Scalar>>,
    pub actions: Option<Vec<ActionFront>>,
    pub commitments: Option<Vec<CommitmentFront>>,
    pub feedback: Option<FeedbackFront>,
    pub summary_sent: Option<Scalar>,
    pub cancellation: Option<CancellationFront>,
    /// Read by the privacy rule ([`super::privacy::FilePrivacy`]), which takes any value.
    pub private: Option<serde::de::IgnoredAny>,
    /// `init`'s worked example: shown, but left out of the record.
    pub example: Option<Scalar>,
    pub allow: Option<AllowFront>,
}

#[derive(Deserialize)]
pub struct ActionFront {
    pub task: Option<Scalar>,
    pub owner: Option<Scalar>,
    pub due: Option<Scalar>,
    pub done: Option<Scalar>,
    pub goal: Option<Scalar>,
}

#[derive(Deserialize)]
pub struct CommitmentFront {
    pub what: Option<Scalar>,
    pub followed_up: Option<Scalar>,
    pub fulfilled: Option<Scalar>,
}

#[derive(Deserialize, Default)]
pub struct FeedbackFront {
    pub received: Option<Vec<SuggestionFront>>,
    pub given: Option<Vec<Scalar>>,
}

#[derive(Deserialize)]
pub struct SuggestionFront {
    pub suggestion: Option<Scalar>,
    pub reflection: Option<Scalar>,
    pub decision: Option<Scalar>,
}

#[derive(Deserialize, Default)]
pub struct CancellationFront {
    pub by: Option<Scalar>,
    pub notice_given: Option<Scalar>,
    pub reason: Option<Scalar>,
    pub rescheduled_to: Option<Scalar>,
}

#[derive(Deserialize, Default)]
pub struct ActivityFront {
    pub title: Option<Scalar>,
    pub date: Option<Scalar>,
    pub kind: Option<Scalar>,
    pub hours: Option<Scalar>,
    pub goals: Option<Vec<Scalar>>,
    /// Read by the privacy rule ([`super::privacy::FilePrivacy`]), which takes any value.
    pub private: Option<serde::de::IgnoredAny>,
    /// `init`'s worked example: shown, but left out of the record.
    pub example: Option<Scalar>,
    pub allow: Option<AllowFront>,
}

/// `allow:` as written: a code, a list of codes, or a mapping of codes to reasons. Each
/// entry is (code, reason, key path), so an unknown code is reported at its own line.
#[derive(Default)]
pub struct AllowFront(pub Vec<(String, Option<String>, String)>);

impl<'de> Deserialize<'de> for AllowFront {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{MapAccess, SeqAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AllowFront;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of warning codes, or codes each with a reason")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<AllowFront, E> {
                Ok(AllowFront(vec![(v.to_string(), None, "allow".into())]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<AllowFront, A::Error> {
                let mut out = Vec::new();
                while let Some(Scalar(code)) = a.next_element()? {
                    out.push((code, None, format!("allow.{}", out.len())));
                }
                Ok(AllowFront(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<AllowFront, A::Error> {
                let mut out = Vec::new();
                while let Some((Scalar(code), reason)) = a.next_entry::<Scalar, Option<Scalar>>()? {
                    let path = format!("allow.{code}");
                    out.push((code, reason.map(|r| r.0), path));
                }
                Ok(AllowFront(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// What kind of file a key path belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Config,
    Plan,
    Goal,
    Meeting,
    Activity,
}

/// Keys every Markdown file may carry.
const COMMON: &[&str] = &["private", "private_notes", "allow"];

/// The known keys of the mapping at `parent` (a key path with list indices as `*`),
/// or None where the mapping is free-form or not a mapping of the format.
pub fn known_keys(kind: Kind, parent: &str) -> Option<Vec<&'static str>> {
    let mut keys = table(kind, parent)?.to_vec();
    if parent.is_empty() && kind != Kind::Config {
        keys.extend_from_slice(COMMON);
    }
    Some(keys)
}

/// Whether `key` is known under `parent` (None when the format leaves that level open).
/// The check every key of every file goes through, so it allocates nothing.
pub fn is_known_key(kind: Kind, parent: &str, key: &str) -> Option<bool> {
    let keys = table(kind, parent)?;
    Some(
        keys.contains(&key) || (parent.is_empty() && kind != Kind::Config && COMMON.contains(&key)),
    )
}

/// The keys the format defines under `parent`, without the keys every document may carry.
fn table(kind: Kind, parent: &str) -> Option<&'static [&'static str]> {
    let keys: &'static [&'static str] = match (kind, parent) {
        (Kind::Config, "") => &[
            "title",
            "mentee",
            "mentor",
            "base_url",
            "theme",
            "timezone",
            "language",
            "start",
            "cadence",
            "meeting_length",
            "follow_up_days",
            "feeds",
            "cname",
            "safe_html",
            "protect",
            "indexable",
            "search",
            "repository",
            "allow",
        ],
        (Kind::Config, "mentee") => &["name", "email"],
        (Kind::Config, "mentor" | "mentor.*") => &["name", "email", "id"],
        (Kind::Config, "cadence.*") => &["from", "every"],
        (Kind::Plan, "") => &["objective", "horizon", "objectives"],
        (Kind::Plan, "objectives.*") => &["id", "title"],
        (Kind::Goal, "") => &[
            "title",
            "objective",
            "status",
            "started",
            "target",
            "benchmarks",
            "actions",
            "example",
        ],
        (Kind::Goal, "benchmarks.*") => &["title", "due", "done"],
        (Kind::Meeting, "") => &[
            "date",
            "duration",
            "planned_duration",
            "status",
            "goals",
            "agenda",
            "agenda_sent",
            "outcomes",
            "actions",
            "commitments",
            "feedback",
            "summary_sent",
            "cancellation",
            "example",
        ],
        (Kind::Meeting, "actions.*") => &["task", "owner", "due", "done", "goal"],
        (Kind::Meeting, "commitments.*") => &["what", "followed_up", "fulfilled"],
        (Kind::Meeting, "feedback") => &["received", "given"],
        (Kind::Meeting, "feedback.received.*") => &["suggestion", "reflection", "decision"],
        (Kind::Meeting, "cancellation") => &["by", "notice_given", "reason", "rescheduled_to"],
        (Kind::Activity, "") => &["title", "date", "kind", "hours", "goals", "example"],
        _ => return None,
    };
    Some(keys)
}

/// The known key nearest to `key` by edit distance, when it is close enough to be a typo.
pub fn nearest<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(key, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min()
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_key_finds_typos_only() {
        let known = known_keys(Kind::Goal, "").unwrap();
        assert_eq!(nearest("stauts", &known), Some("status"));
        assert_eq!(nearest("titel", &known), Some("title"));
        assert_eq!(nearest("colour", &known), None);
    }
}
