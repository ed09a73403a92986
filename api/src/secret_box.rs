//! Secrets we keep for dealers (payment gateway secret keys), sealed at rest with
//! AES-256-GCM under a key from configuration (`APP_SECRETS__KEY`).
//!
//! A sealed value reads `v1:<base64 of 12-byte nonce ‖ ciphertext ‖ tag>`. Each sealing takes a
//! fresh random nonce, and the caller's `context` (e.g. `dealer-id/card`) is bound in as
//! associated data, so a sealed value copied onto another dealer's row does not open there.
//! The version prefix leaves room for key rotation (`v2:` under a new key).

use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use secrecy::{ExposeSecret, SecretString};

const VERSION: &str = "v1:";
const NONCE_BYTES: usize = 12;
/// AES-256: 32 key bytes.
pub const KEY_BYTES: usize = 32;

/// Seals and opens dealer secrets. Its `Debug` never shows the key.
#[derive(Clone)]
pub struct SecretBox {
    cipher: Aes256Gcm,
}

impl std::fmt::Debug for SecretBox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretBox([REDACTED])")
    }
}

/// A sealed value that does not open: another key, another context, or tampered with.
#[derive(Debug, thiserror::Error)]
#[error("sealed secret does not open with this key and context")]
pub struct Unsealable;

/// The 32 key bytes of a configured key: standard base64 (`openssl rand -base64 32`).
pub fn decode_key(key: &str) -> Result<[u8; KEY_BYTES], String> {
    let bytes = STANDARD
        .decode(key.trim())
        .map_err(|_| "must be base64 (e.g. `openssl rand -base64 32`)".to_string())?;
    <[u8; KEY_BYTES]>::try_from(bytes.as_slice())
        .map_err(|_| format!("must decode to {KEY_BYTES} bytes, not {}", bytes.len()))
}

impl SecretBox {
    /// Under the configured key; without one, a random key for this process (a local run:
    /// secrets stored now cannot be opened after a restart, and the log says so).
    pub fn new(key: Option<&SecretString>) -> anyhow::Result<Self> {
        let bytes = match key {
            Some(key) => {
                decode_key(key.expose_secret()).map_err(|e| anyhow::anyhow!("APP_SECRETS__KEY {e}"))?
            }
            None => {
                tracing::warn!(
                    "APP_SECRETS__KEY is not set: gateway secrets are sealed with a random key \
                     that ends with this process"
                );
                let mut bytes = [0u8; KEY_BYTES];
                rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
                bytes
            }
        };
        Ok(Self { cipher: Aes256Gcm::new(&Key::<Aes256Gcm>::from(bytes)) })
    }

    /// Seals `plaintext` for `context`.
    pub fn seal(&self, plaintext: &str, context: &str) -> anyhow::Result<String> {
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let sealed = self
            .cipher
            .encrypt(&nonce, Payload { msg: plaintext.as_bytes(), aad: context.as_bytes() })
            .map_err(|_| anyhow::anyhow!("sealing a secret failed"))?;
        let mut out = Vec::with_capacity(NONCE_BYTES + sealed.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(format!("{VERSION}{}", STANDARD.encode(out)))
    }

    /// Opens what [`SecretBox::seal`] sealed for the same `context`: for the gateway adapter
    /// that signs its requests with the dealer's key.
    pub fn open(&self, sealed: &str, context: &str) -> Result<SecretString, Unsealable> {
        let bytes = sealed.strip_prefix(VERSION).and_then(|b| STANDARD.decode(b).ok()).ok_or(Unsealable)?;
        if bytes.len() <= NONCE_BYTES {
            return Err(Unsealable);
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
        let nonce: [u8; NONCE_BYTES] = nonce.try_into().map_err(|_| Unsealable)?;
        let plain = self
            .cipher
            .decrypt(&Nonce::from(nonce), Payload { msg: ciphertext, aad: context.as_bytes() })
            .map_err(|_| Unsealable)?;
        String::from_utf8(plain).map(SecretString::from).map_err(|_| Unsealable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> SecretString {
        SecretString::from(STANDARD.encode([byte; KEY_BYTES]))
    }

    #[test]
    fn seals_and_opens_under_the_same_key_and_context_only() {
        let secrets = SecretBox::new(Some(&key(7))).unwrap();
        let sealed = secrets.seal("sk_live_abcdef123456", "dealer-1/card").unwrap();
        assert!(sealed.starts_with("v1:"));
        assert!(!sealed.contains("sk_live"), "the plain secret must not show: {sealed}");
        assert_eq!(secrets.open(&sealed, "dealer-1/card").unwrap().expose_secret(), "sk_live_abcdef123456");
        assert!(secrets.open(&sealed, "dealer-2/card").is_err(), "bound to its dealer and method");
        let other = SecretBox::new(Some(&key(8))).unwrap();
        assert!(other.open(&sealed, "dealer-1/card").is_err(), "another key");
        let again = secrets.seal("sk_live_abcdef123456", "dealer-1/card").unwrap();
        assert_ne!(sealed, again, "a fresh nonce each time");
    }

    #[test]
    fn tampered_or_malformed_values_do_not_open() {
        let secrets = SecretBox::new(Some(&key(1))).unwrap();
        let sealed = secrets.seal("secret-value", "x").unwrap();
        let mut bytes = STANDARD.decode(&sealed[3..]).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        let tampered = format!("v1:{}", STANDARD.encode(bytes));
        assert!(secrets.open(&tampered, "x").is_err());
        for bad in ["", "v1:", "v1:!!", "v2:AAAA", "v1:AAAA"] {
            assert!(secrets.open(bad, "x").is_err(), "{bad}");
        }
    }

    #[test]
    fn keys_must_be_32_bytes_of_base64_and_never_print() {
        assert!(decode_key(&STANDARD.encode([0u8; 32])).is_ok());
        assert!(decode_key(&STANDARD.encode([0u8; 16])).unwrap_err().contains("32 bytes"));
        assert!(decode_key("not base64!").unwrap_err().contains("base64"));
        let secrets = SecretBox::new(Some(&key(3))).unwrap();
        assert_eq!(format!("{secrets:?}"), "SecretBox([REDACTED])");
    }
}
