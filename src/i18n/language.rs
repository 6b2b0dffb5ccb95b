//! The journal's `language:`: a BCP 47 tag, read with ICU's parser, and what follows from
//! it: the plural rules, the month names, and the nearest built-in language when the
//! tag names one the tool has no strings for.

use chrono::{Locale, NaiveDate};
use icu_locale_core::Locale as Tag;
use icu_plurals::PluralRules;

/// Whether `tag` is a well-formed BCP 47 language tag (`de`, `pt-BR`, `sr-Latn-RS`).
pub fn is_well_formed(tag: &str) -> bool {
    Tag::try_from_str(tag).is_ok()
}

/// The primary language subtag, lower case: `pt` for `pt-BR`; `en` for a tag that does not
/// parse, so a bad tag still gives readable pages.
pub fn primary(tag: &str) -> String {
    match Tag::try_from_str(tag) {
        Ok(t) => t.id.language.as_str().to_string(),
        Err(_) => "en".to_string(),
    }
}

/// Names people write instead of a tag, in English and in the language itself.
const NAMES: &[(&str, &str)] = &[
    ("english", "en"),
    ("spanish", "es"),
    ("espanol", "es"),
    ("español", "es"),
    ("castellano", "es"),
    ("german", "de"),
    ("deutsch", "de"),
    ("french", "fr"),
    ("francais", "fr"),
    ("français", "fr"),
    ("portuguese", "pt"),
    ("portugues", "pt"),
    ("português", "pt"),
    ("brazilian", "pt-BR"),
    ("ger", "de"),
    ("deu", "de"),
    ("spa", "es"),
    ("fra", "fr"),
    ("fre", "fr"),
    ("por", "pt"),
    ("eng", "en"),
    ("sp", "es"),
    ("ge", "de"),
    ("dk", "da"),
    ("uk", "en-GB"),
    ("br", "pt-BR"),
];

/// The built-in language a tag without strings was most likely meant to be, if any:
/// a language's name (`german`, `Deutsch`), misspelt or not, a three-letter code (`deu`), or
/// a common slip (`sp`).
pub fn suggestion(tag: &str) -> Option<&'static str> {
    let lower = tag.trim().to_lowercase();
    let head = lower.split(['-', '_']).next().unwrap_or("");
    if let Some((_, code)) = NAMES
        .iter()
        .find(|(name, _)| *name == lower || *name == head)
    {
        return Some(code);
    }
    // A misspelt name ("germna"); codes are too short to guess from: `it` is Italian,
    // not a slip for `pt`.
    NAMES
        .iter()
        .filter(|(name, _)| name.chars().count() >= 5)
        .map(|(name, code)| (strsim::damerau_levenshtein(head, name), *code))
        .filter(|(d, _)| *d <= 2 && head.chars().count() >= 5)
        .min()
        .map(|(_, code)| code)
}

/// ICU's cardinal plural rules for the tag, English's when ICU has none.
pub fn plural_rules(tag: &str) -> PluralRules {
    let for_tag = Tag::try_from_str(tag)
        .ok()
        .and_then(|t| PluralRules::try_new_cardinal(t.into()).ok());
    for_tag.unwrap_or_else(|| {
        let en = Tag::try_from_str("en").expect("`en` is a tag");
        PluralRules::try_new_cardinal(en.into()).expect("ICU has English plural rules")
    })
}

/// The region whose month names stand for a language written without one.
const REGIONS: &[(&str, &str)] = &[
    ("en", "GB"),
    ("es", "ES"),
    ("de", "DE"),
    ("fr", "FR"),
    ("pt", "BR"),
    ("da", "DK"),
    ("sv", "SE"),
    ("nb", "NO"),
    ("cs", "CZ"),
    ("el", "GR"),
    ("ja", "JP"),
    ("ko", "KR"),
    ("zh", "CN"),
    ("uk", "UA"),
    ("he", "IL"),
    ("ar", "EG"),
    ("hi", "IN"),
    ("sl", "SI"),
    ("et", "EE"),
    ("ca", "ES"),
    ("eu", "ES"),
    ("gl", "ES"),
];

/// chrono's locale for the tag: its own region when the tag has one chrono knows, else
/// the language's usual region, else POSIX (English names).
fn locale(tag: &str) -> Locale {
    let Ok(t) = Tag::try_from_str(tag) else {
        return Locale::POSIX;
    };
    let lang = t.id.language.as_str();
    let mut candidates = Vec::new();
    if let Some(region) = t.id.region {
        candidates.push(format!("{lang}_{}", region.as_str()));
    }
    if let Some((_, region)) = REGIONS.iter().find(|(l, _)| *l == lang) {
        candidates.push(format!("{lang}_{region}"));
    }
    candidates.push(format!("{lang}_{}", lang.to_uppercase()));
    candidates
        .iter()
        .find_map(|c| Locale::try_from(c.as_str()).ok())
        .unwrap_or(Locale::POSIX)
}

/// The twelve month names as the language writes them inside a date.
pub fn months(tag: &str) -> [String; 12] {
    month_names(tag, "%B")
}

/// The twelve abbreviated month names, for chart labels: "Sep", "sept.", "set".
pub fn short_months(tag: &str) -> [String; 12] {
    month_names(tag, "%b")
}

fn month_names(tag: &str, pattern: &str) -> [String; 12] {
    let locale = locale(tag);
    std::array::from_fn(|i| {
        let d = NaiveDate::from_ymd_opt(2001, i as u32 + 1, 1).expect("a valid month");
        d.format_localized(pattern, locale).to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_checked_as_bcp_47() {
        for good in [
            "en",
            "de",
            "pt-BR",
            "sr-Latn-RS",
            "de-DE-u-co-phonebk",
            "it",
        ] {
            assert!(is_well_formed(good), "{good}");
        }
        for bad in ["klingon-42", "", "de_DE_x", "e", "en--GB", "123"] {
            assert!(!is_well_formed(bad), "{bad}");
        }
    }

    #[test]
    fn names_and_slips_suggest_a_built_in_language() {
        assert_eq!(suggestion("german"), Some("de"));
        assert_eq!(suggestion("Deutsch"), Some("de"));
        assert_eq!(suggestion("sp"), Some("es"));
        assert_eq!(suggestion("germna"), Some("de"));
        assert_eq!(suggestion("pt-XX"), None);
        assert_eq!(suggestion("it"), None);
        assert_eq!(suggestion("japanese"), None);
    }

    #[test]
    fn months_come_from_the_locale() {
        assert_eq!(months("de")[2], "März");
        assert_eq!(months("es")[8], "septiembre");
        assert_eq!(months("pt-PT")[8], "setembro");
        assert_eq!(months("it")[0], "gennaio");
        assert_eq!(months("en")[11], "December");
    }
}
