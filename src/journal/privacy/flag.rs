//! The privacy of a whole file, from its front matter: the `private` flag, which fails
//! closed, and the text of `private_notes`, both keys in any letter case.

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, Visitor};

use crate::journal::yaml::PrivateText;

/// Whether a file whose front matter cannot be read may name a privacy key: a line that
/// starts with `private` in any case. Used only to decide, failing closed, that such a
/// file's problems are shown without their words where others may see them.
pub fn may_name_privacy(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim_start().trim_start_matches(['"', '\'']).as_bytes();
        l.len() >= 7 && l[..7].eq_ignore_ascii_case(b"private")
    })
}

/// Whether a top-level front matter key is one of the privacy keys, in any letter case:
/// `Private:` means what `private:` means, and is never an unknown key.
pub fn is_privacy_key(key: &str) -> bool {
    key.eq_ignore_ascii_case("private") || key.eq_ignore_ascii_case("private_notes")
}

/// A file's own privacy, from its front matter. The flag fails closed: a `private` key in
/// any letter case keeps the file private with any value but an explicit `false` or `no`
/// (an empty value, `null` and `~` included), since a mentee who wrote the key meant it.
#[derive(Debug, Default, PartialEq)]
pub struct FilePrivacy {
    pub private: bool,
    /// Every string under `private_notes`, one a line.
    pub notes: Option<String>,
}

/// The value of a `private` key: public only when it says so.
struct Flag(bool);

impl<'de> de::Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Flag;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("true or false")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Flag, E> {
                let v = v.trim();
                Ok(Flag(
                    !(v.eq_ignore_ascii_case("false") || v.eq_ignore_ascii_case("no")),
                ))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Flag, E> {
                Ok(Flag(true))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Flag, E> {
                Ok(Flag(true))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Flag, E> {
                Ok(Flag(true))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Flag, E> {
                Ok(Flag(true))
            }
            fn visit_none<E: de::Error>(self) -> Result<Flag, E> {
                Ok(Flag(true))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Flag, D::Error> {
                de::Deserialize::deserialize(d)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut a: A) -> Result<Flag, A::Error> {
                while a.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Flag(true))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut a: A) -> Result<Flag, A::Error> {
                while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Flag(true))
            }
            fn visit_enum<A: de::EnumAccess<'de>>(self, a: A) -> Result<Flag, A::Error> {
                let (IgnoredAny, v) = a.variant::<IgnoredAny>()?;
                de::VariantAccess::newtype_variant::<IgnoredAny>(v)?;
                Ok(Flag(true))
            }
        }
        d.deserialize_any(V)
    }
}

/// A top-level key, as far as privacy cares.
enum Key {
    Private,
    Notes,
    Other,
}

impl<'de> de::Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(if v.eq_ignore_ascii_case("private") {
                    Key::Private
                } else if v.eq_ignore_ascii_case("private_notes") {
                    Key::Notes
                } else {
                    Key::Other
                })
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Key, E> {
                Ok(Key::Other)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Key, E> {
                Ok(Key::Other)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Key, E> {
                Ok(Key::Other)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Key, E> {
                Ok(Key::Other)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Key, E> {
                Ok(Key::Other)
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> de::Deserialize<'de> for FilePrivacy {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FilePrivacy;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of fields")
            }
            fn visit_unit<E: de::Error>(self) -> Result<FilePrivacy, E> {
                Ok(FilePrivacy::default())
            }
            fn visit_none<E: de::Error>(self) -> Result<FilePrivacy, E> {
                Ok(FilePrivacy::default())
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut a: A) -> Result<FilePrivacy, A::Error> {
                let mut p = FilePrivacy::default();
                while let Some(key) = a.next_key::<Key>()? {
                    match key {
                        Key::Private => p.private |= a.next_value::<Flag>()?.0,
                        Key::Notes => {
                            let PrivateText(text) = a.next_value()?;
                            p.notes.get_or_insert_with(String::new).push_str(&text);
                        }
                        Key::Other => {
                            a.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(p)
            }
        }
        d.deserialize_any(V)
    }
}
