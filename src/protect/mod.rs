//! Protected sites: every page encrypted with a key only the passphrase gives, at an
//! address only the key gives. The reading side is the lock screen's script (theme
//! template `lock.html`), which repeats the same steps with the browser's WebCrypto.
//!
//! Keys, all from one PBKDF2 run per build (600,000 rounds take a noticeable fraction
//! of a second, so never per page):
//! - `master` = PBKDF2-HMAC-SHA256(passphrase, salt, [`ITERATIONS`]), 32 bytes;
//! - `page` = HMAC-SHA256(master, "mentorfolio page key"), the AES-256-GCM key, and the
//!   only key the browser keeps;
//! - `nonce` = HMAC-SHA256(master, "mentorfolio nonce key");
//! - `address` = HMAC-SHA256(master, "mentorfolio address key").
//!
//! Determinism without nonce reuse: the salt is the first 16 bytes of
//! SHA-256("mentorfolio salt" 0x00 base URL), so it is fixed per site and differs between
//! sites; each nonce is the first 12 bytes of HMAC-SHA256(nonce key, length of path as
//! 8 bytes big-endian, path, plaintext). Two different plaintexts share a nonce only if
//! HMAC-SHA256 collides in 96 bits; the same page rebuilt gives the same bytes.

pub mod lock;
pub mod passphrase;

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// PBKDF2 rounds: OWASP's current figure for PBKDF2-HMAC-SHA256.
pub const ITERATIONS: u32 = 600_000;

// The lock screen is told [`ITERATIONS`]; `Pbkdf2::SHA256` must run exactly that many.
const _: () = assert!(pbkdf2::Params::RECOMMENDED_ROUNDS == ITERATIONS);

/// The keys of one protected site.
#[derive(Clone, PartialEq, Eq)]
pub struct Key {
    salt: [u8; 16],
    page: [u8; 32],
    nonce: [u8; 32],
    address: [u8; 32],
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(..)")
    }
}

/// One page, encrypted: what the lock screen needs besides the passphrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sealed {
    pub salt: String,
    pub nonce: String,
    pub data: String,
}

fn hmac(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as hmac::KeyInit>::new_from_slice(key)
        .expect("HMAC takes a key of any length");
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

/// The salt of the site published at `base_url`.
pub fn salt(base_url: &str) -> [u8; 16] {
    let digest = Sha256::new()
        .chain_update(b"mentorfolio salt\0")
        .chain_update(base_url.as_bytes())
        .finalize();
    let mut salt = [0; 16];
    salt.copy_from_slice(&digest[..16]);
    salt
}

impl Key {
    /// Derives every key of the site at `base_url` from the passphrase: the one slow step.
    pub fn derive(passphrase: &str, base_url: &str) -> Key {
        Key::derive_rounds(passphrase, base_url, ITERATIONS)
    }

    /// Fewer rounds, for unit tests only: the binary always uses [`ITERATIONS`].
    #[cfg(test)]
    pub(crate) fn derive_with(passphrase: &str, base_url: &str, rounds: u32) -> Key {
        Key::derive_rounds(passphrase, base_url, rounds)
    }

    fn derive_rounds(passphrase: &str, base_url: &str, rounds: u32) -> Key {
        let salt = salt(base_url);
        let mut master = [0; 32];
        match rounds {
            // Compiled inside `pbkdf2`, so optimised even in debug builds and tests.
            ITERATIONS => {
                pbkdf2::Pbkdf2::SHA256.hash_password_into(passphrase.as_bytes(), &salt, &mut master)
            }
            _ => pbkdf2::pbkdf2_hmac::<Sha256>(passphrase.as_bytes(), &salt, rounds, &mut master),
        }
        Key {
            salt,
            page: hmac(&master, &[b"mentorfolio page key"]),
            nonce: hmac(&master, &[b"mentorfolio nonce key"]),
            address: hmac(&master, &[b"mentorfolio address key"]),
        }
    }

    /// Where the lock screen keeps the page key in the browser's storage, for the theme's
    /// other scripts (search) to find it: one name per site, as sites on one host share
    /// storage.
    pub fn storage_name(&self) -> String {
        format!("mentorfolio-key:{}", BASE64.encode(self.salt))
    }

    /// The opaque folder of a page folder: `goals/x/` → `p/<32 hex digits>/`. Keyed, so
    /// nobody without the passphrase can tell which address belongs to which name.
    pub fn address(&self, dir: &str) -> String {
        let digest = hmac(&self.address, &[dir.as_bytes()]);
        let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
        format!("p/{hex}/")
    }

    /// Encrypts the file at `path` with AES-256-GCM under its deterministic nonce.
    pub fn seal(&self, path: &str, plaintext: &[u8]) -> Sealed {
        let len = (path.len() as u64).to_be_bytes();
        let digest = hmac(&self.nonce, &[&len, path.as_bytes(), plaintext]);
        let nonce = Nonce::try_from(&digest[..12]).expect("12 bytes make a nonce");
        let cipher =
            <Aes256Gcm as KeyInit>::new_from_slice(&self.page).expect("the page key is 32 bytes");
        let data = cipher
            .encrypt(&nonce, plaintext)
            .expect("AES-GCM encrypts any page shorter than 64 GiB");
        Sealed {
            salt: BASE64.encode(self.salt),
            nonce: BASE64.encode(&digest[..12]),
            data: BASE64.encode(data),
        }
    }
}

/// The key of a protected journal: its own static files checked, the passphrase obtained
/// and judged, then the one slow derivation for the site at `base_url`.
pub fn key_for(
    root: &std::path::Path,
    j: &crate::journal::Journal,
    theme: &crate::render::theme::Theme,
    base_url: &str,
) -> Result<Key, Vec<crate::diagnostics::Diagnostic>> {
    let refused = lock::refused_statics(root, theme);
    if !refused.is_empty() {
        return Err(refused);
    }
    let mut known = vec![j.config.title.as_str(), &j.config.mentee.name];
    known.extend(j.config.mentors().map(|p| p.name.as_str()));
    passphrase::obtain()
        .and_then(|pass| passphrase::check(&pass, &known).map(|()| pass))
        .map(|pass| Key::derive(&pass, base_url))
        .map_err(|r| vec![lock::refused(r, j)])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(key: &Key, sealed: &Sealed) -> Option<Vec<u8>> {
        let cipher = <Aes256Gcm as KeyInit>::new_from_slice(&key.page).ok()?;
        let nonce = BASE64.decode(&sealed.nonce).ok()?;
        let data = BASE64.decode(&sealed.data).ok()?;
        let nonce = Nonce::try_from(nonce.as_slice()).ok()?;
        cipher.decrypt(&nonce, data.as_ref()).ok()
    }

    #[test]
    fn sealing_round_trips_and_is_deterministic() {
        let key = Key::derive_with("a long passphrase", "https://example.org/", 1000);
        let a = key.seal("index.html", b"<p>hello</p>");
        assert_eq!(a, key.seal("index.html", b"<p>hello</p>"));
        assert_eq!(open(&key, &a).unwrap(), b"<p>hello</p>");
        // Another path or another plaintext: another nonce.
        assert_ne!(a.nonce, key.seal("other.html", b"<p>hello</p>").nonce);
        assert_ne!(a.nonce, key.seal("index.html", b"<p>hello!</p>").nonce);
        let wrong = Key::derive_with("another passphrase", "https://example.org/", 1000);
        assert_eq!(open(&wrong, &a), None);
    }

    #[test]
    fn salts_and_addresses_differ_by_site_and_key() {
        assert_ne!(salt("https://a.example/"), salt("https://b.example/"));
        let key = Key::derive_with("a long passphrase", "https://example.org/", 1000);
        let address = key.address("goals/x/");
        assert_eq!(address.len(), "p//".len() + 32);
        assert!(!address.contains("goals"));
        assert_ne!(address, key.address("goals/y/"));
        let other = Key::derive_with("another passphrase", "https://example.org/", 1000);
        assert_ne!(address, other.address("goals/x/"));
    }

    /// The vector the lock screen's script is checked against (`tests/protect_vectors.rs`
    /// decrypts it in Node.js with WebCrypto): the full iteration count, fixed inputs.
    #[test]
    fn fixed_vector() {
        let key = Key::derive("correct horse battery staple", "https://example.org/");
        let sealed = key.seal("index.html", b"<p>hello</p>");
        assert_eq!(sealed.salt, "D8lypCTp/HuGiRicGvmmGg==");
        assert_eq!(sealed.nonce, "33uhg+Y3hs02lzeA");
        assert_eq!(sealed.data, "yYMxbrYnDCuMF+BbkpTNp+e90L5LFpe/4kihhA==");
        assert_eq!(open(&key, &sealed).unwrap(), b"<p>hello</p>");
        assert_eq!(sealed, key.seal("index.html", b"<p>hello</p>"));
    }
}
