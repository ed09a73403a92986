//! Password hashing with argon2id (OWASP parameters), off the async executor, bounded.

use std::sync::Arc;

use argon2::password_hash::{
    PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString, rand_core::OsRng,
};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

/// Hashes and verifies passwords. Cloning shares the concurrency bound.
#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    /// A real hash of a random password, verified against when the user is unknown so
    /// that "no such user" costs the same time as "wrong password".
    dummy_hash: Arc<String>,
}

fn argon2() -> Argon2<'static> {
    // OWASP Password Storage Cheat Sheet: m=19 MiB, t=2, p=1.
    let params = Params::new(19_456, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_blocking(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(argon2().hash_password(password.as_bytes(), &salt)?.to_string())
}

fn verify_blocking(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| argon2().verify_password(password.as_bytes(), &parsed).is_ok())
}

impl PasswordHasher {
    pub fn new(max_concurrent: usize) -> anyhow::Result<Self> {
        let random = format!("{:x}", rand::random::<u128>());
        let dummy_hash = hash_blocking(&random).map_err(|e| anyhow::anyhow!("argon2: {e}"))?;
        Ok(Self { permits: Arc::new(Semaphore::new(max_concurrent)), dummy_hash: Arc::new(dummy_hash) })
    }

    pub async fn hash(&self, password: String) -> anyhow::Result<String> {
        let _permit = self.permits.acquire().await?;
        tokio::task::spawn_blocking(move || hash_blocking(&password))
            .await?
            .map_err(|e| anyhow::anyhow!("argon2: {e}"))
    }

    /// Checks `password` against `hash`; with no hash (unknown user, or no password set
    /// yet) the dummy hash is checked instead and the answer is always `false`.
    pub async fn verify(&self, hash: Option<String>, password: String) -> anyhow::Result<bool> {
        let _permit = self.permits.acquire().await?;
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| self.dummy_hash.as_ref().clone());
        let matches = tokio::task::spawn_blocking(move || verify_blocking(&hash, &password)).await?;
        Ok(known && matches)
    }
}

/// Letters and digits that cannot be mistaken for one another when read from an email
/// (no 0/o, 1/l/i), lower case so that nobody wonders about case.
const TEMPORARY_ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";

/// A temporary password an admin reset sends by email, such as `kq7m-4xtp-9hcw`: three
/// groups of four characters drawn uniformly from the OS random generator (about 59 bits).
pub fn temporary_password() -> String {
    use rand::Rng;
    let mut rng = rand::rngs::OsRng;
    (0..3)
        .map(|_| {
            (0..4)
                .map(|_| char::from(TEMPORARY_ALPHABET[rng.gen_range(0..TEMPORARY_ALPHABET.len())]))
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_passwords_are_long_unambiguous_and_random() {
        let password = temporary_password();
        assert_eq!(password.len(), 14, "{password}");
        let groups: Vec<&str> = password.split('-').collect();
        assert_eq!(groups.len(), 3, "{password}");
        assert!(groups.iter().all(|g| g.len() == 4 && g.bytes().all(|b| TEMPORARY_ALPHABET.contains(&b))));
        assert!(!TEMPORARY_ALPHABET.iter().any(|b| b"01ilo".contains(b)));
        assert_ne!(password, temporary_password());
        assert!(crate::auth::policy::check_new_password(&password, &[]).is_ok());
    }

    #[tokio::test]
    async fn hashes_verify_and_reject() {
        let hasher = PasswordHasher::new(2).unwrap();
        let hash = hasher.hash("correct horse".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(hasher.verify(Some(hash.clone()), "correct horse".into()).await.unwrap());
        assert!(!hasher.verify(Some(hash), "wrong horse".into()).await.unwrap());
    }

    #[tokio::test]
    async fn unknown_user_never_verifies() {
        let hasher = PasswordHasher::new(1).unwrap();
        assert!(!hasher.verify(None, String::new()).await.unwrap());
    }
}
