//! How serde_yaml reads a scalar, so that values read from the tree are what they were:
//! by its core tag (`!!int 5`), else, when plain, by the YAML 1.2 core schema (null, booleans,
//! integers in four bases, floats), else as text. Quoted scalars are always text.

use std::num::ParseIntError;

use serde::de::{self, Unexpected, Visitor};

use super::read::Error;

/// The prefix of the core tags (`!!int` is `tag:yaml.org,2002:int`).
const CORE: &str = "tag:yaml.org,2002:";
pub const NULL_TAG: &str = "tag:yaml.org,2002:null";

type Result<T> = std::result::Result<T, Error>;

/// Visits `text` with what it is; `tag` is its tag unless that was taken as an enum variant.
pub fn visit_scalar<'de, V: Visitor<'de>>(
    v: V,
    text: &'de str,
    plain: bool,
    tag: Option<&str>,
) -> Result<V::Value> {
    let Some(tag) = tag else {
        return if plain {
            visit_plain(v, text)
        } else {
            v.visit_borrowed_str(text)
        };
    };
    let invalid = |what| de::Error::invalid_value(Unexpected::Str(text), &what);
    match tag.strip_prefix(CORE) {
        Some("bool") => {
            parse_bool(text).map_or_else(|| Err(invalid("a boolean")), |b| v.visit_bool(b))
        }
        Some("int") => visit_int(v, text).unwrap_or_else(|_| Err(invalid("an integer"))),
        Some("float") => {
            parse_f64(text).map_or_else(|| Err(invalid("a float")), |f| v.visit_f64(f))
        }
        Some("null") if is_null(text) => v.visit_unit(),
        Some("null") => Err(invalid("null")),
        _ if plain && tag.starts_with('!') => visit_plain(v, text),
        _ => v.visit_borrowed_str(text),
    }
}

/// A plain scalar: null (`~`, `null`, nothing), a boolean, an integer, a float, else text.
fn visit_plain<'de, V: Visitor<'de>>(v: V, text: &'de str) -> Result<V::Value> {
    if text.is_empty() || is_null(text) {
        return v.visit_unit();
    }
    if let Some(b) = parse_bool(text) {
        return v.visit_bool(b);
    }
    // Only these characters can start a number; most values are text and skip the tries.
    if !text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) {
        return v.visit_borrowed_str(text);
    }
    let v = match visit_int(v, text) {
        Ok(result) => return result,
        Err(v) => v,
    };
    match parse_f64(text).filter(|_| !leading_zero(text)) {
        Some(f) => v.visit_f64(f),
        None => v.visit_borrowed_str(text),
    }
}

pub fn is_null(text: &str) -> bool {
    matches!(text, "null" | "Null" | "NULL" | "~")
}

fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// The smallest integer type that holds `text`, or the visitor back when it is no integer.
fn visit_int<'de, V: Visitor<'de>>(v: V, text: &str) -> std::result::Result<Result<V::Value>, V> {
    if let Some(i) = parse_int(text, u64::from_str_radix, false) {
        return Ok(v.visit_u64(i));
    }
    if let Some(i) = parse_int(text, i64::from_str_radix, true) {
        return Ok(v.visit_i64(i));
    }
    if let Some(i) = parse_int(text, u128::from_str_radix, false) {
        return Ok(v.visit_u128(i));
    }
    if let Some(i) = parse_int(text, i128::from_str_radix, true) {
        return Ok(v.visit_i128(i));
    }
    Err(v)
}

/// A decimal, `0x`, `0o` or `0b` integer, with a `+` sign when not `negative`, a `-` sign
/// when it is; digits after a leading zero are text, not an octal number (YAML 1.2).
fn parse_int<T>(
    text: &str,
    from: fn(&str, u32) -> std::result::Result<T, ParseIntError>,
    negative: bool,
) -> Option<T> {
    const RADIXES: [(&str, u32); 3] = [("0x", 16), ("0o", 8), ("0b", 2)];
    let unsigned = text.strip_prefix('+').unwrap_or(text);
    for (prefix, radix) in RADIXES {
        if negative {
            let rest = text.strip_prefix('-').and_then(|t| t.strip_prefix(prefix));
            if let Some(Ok(i)) = rest.map(|rest| from(&format!("-{rest}"), radix)) {
                return Some(i);
            }
        } else if let Some(rest) = unsigned.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(i) = from(rest, radix) {
                return Some(i);
            }
        }
    }
    if (!negative && unsigned.starts_with(['+', '-'])) || leading_zero(text) {
        return None;
    }
    from(if negative { text } else { unsigned }, 10).ok()
}

fn parse_f64(text: &str) -> Option<f64> {
    let unsigned = match text.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => text,
    };
    match (unsigned, text) {
        (".inf" | ".Inf" | ".INF", _) => Some(f64::INFINITY),
        (_, "-.inf" | "-.Inf" | "-.INF") => Some(f64::NEG_INFINITY),
        (_, ".nan" | ".NaN" | ".NAN") => Some(f64::NAN),
        _ => unsigned.parse::<f64>().ok().filter(|f| f.is_finite()),
    }
}

/// `007`, `-01`: digits after a leading zero, which YAML 1.2 reads as text.
fn leading_zero(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    digits.len() > 1 && digits.starts_with('0') && digits[1..].bytes().all(|b| b.is_ascii_digit())
}
