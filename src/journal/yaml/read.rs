//! serde over a [`Tree`]. Each node is read the way serde_yaml reads YAML text (YAML 1.2
//! core schema for plain scalars, quoted scalars always text, `!Tag value` for enums), and
//! errors keep serde_yaml's wording ("invalid type: integer `5`, expected a string", with the
//! key path in front) and point at the innermost node that caused them, so diagnostics
//! read as before while each file is parsed only once.
//!
//! Reading recurses once per nesting level, which the tree bounds, and once per alias
//! followed; aliases may form cycles, so a depth budget and a bound on the aliases followed
//! (both as in serde_yaml) stop a hostile file from overflowing the stack or expanding
//! without end.

use std::cell::Cell;
use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Expected, IntoDeserializer, Unexpected, Visitor,
};

use super::schema::{NULL_TAG, is_null, visit_scalar};
use super::{Node, Tree, Value};

/// A reading error: its message, and its file line and column once known.
#[derive(Debug)]
pub struct Error {
    pub message: String,
    /// None for errors of the document as a whole.
    pub at: Option<(u32, u32)>,
    /// Whether the position and key path are settled (by the innermost node that saw it).
    located: bool,
}

impl Error {
    fn settled(message: &str, at: Option<(u32, u32)>) -> Self {
        Error {
            message: message.into(),
            at,
            located: true,
        }
    }
}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error {
            message: msg.to_string(),
            at: None,
            located: false,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

type Result<T> = std::result::Result<T, Error>;

/// Collections that reading may enter, nested, counting those reached through aliases.
const READ_DEPTH: u8 = 128;
/// Aliases that reading may follow, per event of the document.
const JUMPS_PER_EVENT: usize = 100;

pub fn from_tree<T: DeserializeOwned>(tree: &Tree) -> Result<T> {
    let jumps = Cell::new(0);
    T::deserialize(De {
        tree,
        node: &tree.nodes[0],
        path: Path::Root,
        depth: READ_DEPTH,
        jumps: &jumps,
        tagged: false,
    })
}

/// Where a value is, as messages print it: `benchmarks[0].due`. Built on the stack, and
/// formatted only for an error.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Seq(&'a Path<'a>, usize),
    Map(&'a Path<'a>, &'a str),
    Unknown(&'a Path<'a>),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let parent = |f: &mut fmt::Formatter, p: &Path| match p {
            Path::Root => Ok(()),
            p => write!(f, "{p}."),
        };
        match self {
            Path::Root => f.write_str("."),
            Path::Seq(p, i) => write!(f, "{p}[{i}]"),
            Path::Map(p, k) => parent(f, p).and_then(|_| f.write_str(k)),
            Path::Unknown(p) => parent(f, p).and_then(|_| f.write_str("?")),
        }
    }
}

/// A deserializer for one node.
#[derive(Clone, Copy)]
struct De<'de, 'p> {
    tree: &'de Tree,
    node: &'de Node,
    path: Path<'p>,
    depth: u8,
    jumps: &'p Cell<usize>,
    /// The node's tag was already taken as an enum variant.
    tagged: bool,
}

impl<'de, 'p> De<'de, 'p> {
    fn child<'q>(&'q self, index: usize, path: Path<'q>) -> De<'de, 'q> {
        De {
            tree: self.tree,
            node: &self.tree.nodes[index],
            path,
            depth: self.depth,
            jumps: self.jumps,
            tagged: false,
        }
    }

    /// Gives an error that has no position yet this node's position and key path.
    fn locate(&self, mut e: Error) -> Error {
        if !e.located {
            e.located = true;
            e.at = Some((self.node.line, self.node.column));
            if !matches!(self.path, Path::Root) {
                e.message = format!("{}: {}", self.path, e.message);
            }
        }
        e
    }

    /// The node an alias names (the node itself otherwise).
    fn resolve(self) -> Result<Self> {
        let Value::Alias(target) = self.node.value else {
            return Ok(self);
        };
        self.jumps.set(self.jumps.get() + 1);
        if self.jumps.get() > self.tree.events * JUMPS_PER_EVENT {
            return Err(Error::settled("repetition limit exceeded", None));
        }
        Ok(De {
            node: &self.tree.nodes[target],
            tagged: false,
            ..self
        })
    }

    fn deeper(self) -> Result<Self> {
        match self.depth.checked_sub(1) {
            Some(depth) => Ok(De { depth, ..self }),
            None => Err(Error::settled(
                "recursion limit exceeded",
                Some((self.node.line, self.node.column)),
            )),
        }
    }

    /// The tag, unless already taken as an enum variant.
    fn tag(&self) -> Option<&'de str> {
        self.node.tag.as_deref().filter(|_| !self.tagged)
    }

    /// The variant named by a local tag: `!adopted` names `adopted`.
    fn variant(&self) -> Option<&'de str> {
        let tag = self.tag()?;
        let rest = tag.strip_prefix('!')?;
        Some(if rest.is_empty() { tag } else { rest })
    }

    fn invalid_type(&self, exp: &dyn Expected) -> Error {
        match &self.node.value {
            Value::Scalar { text, plain } => {
                match visit_scalar(Unwanted(exp), text, *plain, self.node.tag.as_deref()) {
                    Ok(never) => match never {},
                    Err(e) => e,
                }
            }
            Value::Seq(_) => de::Error::invalid_type(Unexpected::Seq, exp),
            Value::Map(_) => de::Error::invalid_type(Unexpected::Map, exp),
            Value::Void | Value::Alias(_) => Error::settled("EOF while parsing a value", None),
        }
    }

    fn seq<V: Visitor<'de>>(self, v: V, items: &'de [usize]) -> Result<V::Value> {
        let de = self.deeper()?;
        v.visit_seq(Seq { de, items, next: 0 })
    }

    fn map<V: Visitor<'de>>(self, v: V, items: &'de [usize]) -> Result<V::Value> {
        let de = self.deeper()?;
        v.visit_map(Map {
            de,
            items,
            next: 0,
            key: None,
        })
    }

    /// Whether the node is empty or null, which reads as an empty collection.
    fn is_empty_plain(&self) -> bool {
        match &self.node.value {
            Value::Void => true,
            Value::Scalar { text, plain } => *plain && text.is_empty(),
            _ => false,
        }
    }
}

impl<'de> de::Deserializer<'de> for De<'de, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        let de = self.resolve()?;
        if let Some(tag) = de.variant() {
            return v.visit_enum(Enum { de, tag }).map_err(|e| de.locate(e));
        }
        match &de.node.value {
            Value::Void | Value::Alias(_) => v.visit_none(),
            Value::Scalar { text, plain } => visit_scalar(v, text, *plain, de.tag()),
            Value::Seq(items) => de.seq(v, items),
            Value::Map(items) => de.map(v, items),
        }
        .map_err(|e| de.locate(e))
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        let de = self.resolve()?;
        let some = match &de.node.value {
            Value::Void => false,
            Value::Scalar { plain: false, .. } => true,
            Value::Scalar { text, .. } => match de.tag() {
                Some(NULL_TAG) if is_null(text) => false,
                Some(NULL_TAG) => {
                    return Err(de::Error::invalid_value(Unexpected::Str(text), &"null"));
                }
                Some(_) => true,
                None => !text.is_empty() && !is_null(text),
            },
            _ => true,
        };
        if some {
            v.visit_some(de)
        } else {
            v.visit_none()
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        let de = self.resolve()?;
        match &de.node.value {
            Value::Scalar { text, .. } => v.visit_borrowed_str(text),
            _ => Err(de.invalid_type(&v)),
        }
        .map_err(|e| de.locate(e))
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        self.deserialize_str(v)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        self.deserialize_str(v)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        let de = self.resolve()?;
        match &de.node.value {
            Value::Seq(items) => de.seq(v, items),
            _ if de.is_empty_plain() => de.seq(v, &[]),
            _ => Err(de.invalid_type(&v)),
        }
        .map_err(|e| de.locate(e))
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        let de = self.resolve()?;
        match &de.node.value {
            Value::Map(items) => de.map(v, items),
            _ if de.is_empty_plain() => de.map(v, &[]),
            _ => Err(de.invalid_type(&v)),
        }
        .map_err(|e| de.locate(e))
    }

    fn deserialize_struct<V: Visitor<'de>>(self, _: &str, _: &[&str], v: V) -> Result<V::Value> {
        self.deserialize_map(v)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &str, v: V) -> Result<V::Value> {
        v.visit_newtype_struct(self.deeper()?)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        v.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf unit
        unit_struct tuple tuple_struct enum
    }
}

struct Seq<'de, 'p> {
    de: De<'de, 'p>,
    items: &'de [usize],
    next: usize,
}

impl<'de> de::SeqAccess<'de> for Seq<'de, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        let item = loop {
            let Some(&item) = self.items.get(self.next) else {
                return Ok(None);
            };
            self.next += 1;
            if !self.de.tree.nodes[item].forgotten {
                break item;
            }
        };
        let path = Path::Seq(&self.de.path, self.next - 1);
        let child = self.de.child(item, path);
        // An untagged enum words its error after the node is read: place it at the node.
        seed.deserialize(child)
            .map(Some)
            .map_err(|e| child.locate(e))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.next)
    }
}

struct Map<'de, 'p> {
    de: De<'de, 'p>,
    /// Keys and values, alternating; `next` is the next key's index.
    items: &'de [usize],
    next: usize,
    key: Option<&'de str>,
}

impl<'de> de::MapAccess<'de> for Map<'de, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some(&key) = self.items.get(self.next) else {
            return Ok(None);
        };
        self.next += 2;
        self.key = self.de.tree.nodes[key].text();
        seed.deserialize(self.de.child(key, self.de.path)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let path = match self.key {
            Some(key) => Path::Map(&self.de.path, key),
            None => Path::Unknown(&self.de.path),
        };
        let child = self.de.child(self.items[self.next - 1], path);
        seed.deserialize(child).map_err(|e| child.locate(e))
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.items.len() - self.next) / 2)
    }
}

/// A tagged node as an enum: the tag names the variant, the node is its value.
struct Enum<'de, 'p> {
    de: De<'de, 'p>,
    tag: &'de str,
}

impl<'de, 'p> de::EnumAccess<'de> for Enum<'de, 'p> {
    type Error = Error;
    type Variant = De<'de, 'p>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, De<'de, 'p>)> {
        let variant = seed.deserialize(self.tag.into_deserializer())?;
        Ok((
            variant,
            De {
                tagged: true,
                ..self.de
            },
        ))
    }
}

impl<'de> de::VariantAccess<'de> for De<'de, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<()> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value> {
        de::Deserializer::deserialize_seq(self, v)
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &[&str], v: V) -> Result<V::Value> {
        de::Deserializer::deserialize_map(self, v)
    }
}

/// A visitor that accepts nothing, so that visiting a scalar words the error for `.0`.
struct Unwanted<'a>(&'a dyn Expected);
enum Never {}

impl Visitor<'_> for Unwanted<'_> {
    type Value = Never;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.fmt(f)
    }
}
