//! Where the passphrase comes from, and whether it is strong enough. It never lives in
//! the journal: it comes from `MENTORFOLIO_PASSPHRASE` (a repository secret in CI) or,
//! at a terminal, from a prompt that does not echo.

use std::io::IsTerminal;

/// The variable the passphrase is read from.
pub const VARIABLE: &str = "MENTORFOLIO_PASSPHRASE";

/// The lowest zxcvbn score accepted: 4, its highest, "very unguessable" (at least 10^10
/// guesses). The pages are public, so guessing happens offline and unthrottled.
pub const MIN_SCORE: u8 = 4;

/// Why no key could be made.
#[derive(Debug, PartialEq, Eq)]
pub struct Refused {
    pub message: String,
    pub hint: String,
}

/// The passphrase from the environment, else from a prompt when standard input is a
/// terminal.
pub fn obtain() -> Result<String, Refused> {
    if let Ok(pass) = std::env::var(VARIABLE) {
        return Ok(pass);
    }
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password("Passphrase of the protected site: ").map_err(|e| {
            Refused {
                message: format!("could not read the passphrase: {e}"),
                hint: format!("set {VARIABLE} instead"),
            }
        });
    }
    Err(Refused {
        message: "the site is protected (`protect: true`) but no passphrase was given".into(),
        hint: format!(
            "set {VARIABLE}, e.g. from a repository secret, or run the command at a terminal to type it"
        ),
    })
}

/// Refuses a passphrase zxcvbn scores below [`MIN_SCORE`]; `known` are words of the
/// journal (title, names) that make a passphrase easier to guess.
pub fn check(pass: &str, known: &[&str]) -> Result<(), Refused> {
    if pass.trim().is_empty() {
        return Err(Refused {
            message: "the passphrase is empty".into(),
            hint: format!("set {VARIABLE} to a passphrase of five or more random words"),
        });
    }
    let estimate = zxcvbn::zxcvbn(pass, known);
    let score = u8::from(estimate.score());
    if score >= MIN_SCORE {
        return Ok(());
    }
    let advice = estimate
        .feedback()
        .map(|f| {
            let mut parts: Vec<String> = f.warning().map(|w| w.to_string()).into_iter().collect();
            parts.extend(f.suggestions().iter().map(|s| s.to_string()));
            parts.join(" ")
        })
        .unwrap_or_default();
    Err(Refused {
        message: format!(
            "the passphrase is too weak: strength {score} of 4, and a protected site needs {MIN_SCORE}"
        ),
        hint: format!(
            "use five or more random words, not a phrase or a name from the journal. {advice}"
        )
        .trim()
        .to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_passwords_and_names_are_weak() {
        assert!(check("password1", &[]).is_err());
        assert!(check("", &[]).is_err());
        let refused = check("AdaLovelace2026", &["Ada Lovelace"]).unwrap_err();
        assert!(refused.message.contains("too weak"), "{refused:?}");
        assert!(refused.hint.contains("random words"), "{refused:?}");
    }

    #[test]
    fn random_words_are_strong() {
        assert_eq!(check("velvet canyon orbit mulch tangerine", &[]), Ok(()));
    }
}
