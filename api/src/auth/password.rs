//! Password hashing with argon2id (OWASP parameters), off the async executor, bounded: at
//! most `max_concurrent` hashes run at once and at most `queue` more wait for a slot; beyond
//! that a hash is refused at once ([`HashError::Busy`], answered 503 with `Retry-After`)
//! rather than joining an ever longer wait.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use argon2::password_hash::{
    PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString, rand_core::OsRng,
};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

use crate::error::ApiError;

/// Hashes and verifies passwords. Cloning shares the concurrency bound and the queue.
#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    /// Hashes admitted: running or waiting for a permit.
    admitted: Arc<AtomicUsize>,
    /// How many may be admitted at once; `None` for no bound (the CLI's demo seed).
    capacity: Option<usize>,
    /// A real hash of a random password, verified against when the user is unknown so
    /// that "no such user" costs the same time as "wrong password".
    dummy_hash: Arc<String>,
}

/// Why a password could not be hashed or checked.
#[derive(Debug, thiserror::Error)]
pub enum HashError {
    /// Every slot busy and the queue full: try again shortly (nothing was computed).
    #[error("password hashing is saturated")]
    Busy,
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

impl From<HashError> for ApiError {
    fn from(err: HashError) -> Self {
        match err {
            // A hash takes tens of milliseconds: a queue drains within a second.
            HashError::Busy => ApiError::Overloaded { retry_after_secs: 1 },
            HashError::Failed(cause) => ApiError::Internal(cause),
        }
    }
}

/// A place among the admitted hashes, given back when dropped.
struct Admission {
    admitted: Arc<AtomicUsize>,
}

impl Drop for Admission {
    fn drop(&mut self) {
        self.admitted.fetch_sub(1, Ordering::AcqRel);
    }
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
    /// `max_concurrent` hashes at once, any number waiting (the CLI and test fixtures).
    pub fn new(max_concurrent: usize) -> anyhow::Result<Self> {
        Self::build(max_concurrent, None)
    }

    /// `max_concurrent` hashes at once and at most `queue` waiting; more are refused with
    /// [`HashError::Busy`]. The server's hasher.
    pub fn bounded(max_concurrent: usize, queue: usize) -> anyhow::Result<Self> {
        Self::build(max_concurrent, Some(max_concurrent.saturating_add(queue)))
    }

    fn build(max_concurrent: usize, capacity: Option<usize>) -> anyhow::Result<Self> {
        let random = format!("{:x}", rand::random::<u128>());
        let dummy_hash = hash_blocking(&random).map_err(|e| anyhow::anyhow!("argon2: {e}"))?;
        Ok(Self {
            permits: Arc::new(Semaphore::new(max_concurrent)),
            admitted: Arc::new(AtomicUsize::new(0)),
            capacity,
            dummy_hash: Arc::new(dummy_hash),
        })
    }

    /// A place among the admitted hashes, or [`HashError::Busy`] when they are all taken.
    fn admit(&self) -> Result<Admission, HashError> {
        let before = self.admitted.fetch_add(1, Ordering::AcqRel);
        let admission = Admission { admitted: Arc::clone(&self.admitted) };
        match self.capacity {
            Some(capacity) if before >= capacity => Err(HashError::Busy),
            _ => Ok(admission),
        }
    }

    pub async fn hash(&self, password: String) -> Result<String, HashError> {
        let _admission = self.admit()?;
        let _permit = self.permits.acquire().await.map_err(anyhow::Error::from)?;
        tokio::task::spawn_blocking(move || hash_blocking(&password))
            .await
            .map_err(anyhow::Error::from)?
            .map_err(|e| HashError::Failed(anyhow::anyhow!("argon2: {e}")))
    }

    /// Checks `password` against `hash`; with no hash (unknown user, or no password set
    /// yet) the dummy hash is checked instead and the answer is always `false`. Known and
    /// unknown users wait in the same queue and are refused alike when it is full.
    pub async fn verify(&self, hash: Option<String>, password: String) -> Result<bool, HashError> {
        let _admission = self.admit()?;
        let _permit = self.permits.acquire().await.map_err(anyhow::Error::from)?;
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| self.dummy_hash.as_ref().clone());
        let matches = tokio::task::spawn_blocking(move || verify_blocking(&hash, &password))
            .await
            .map_err(anyhow::Error::from)?;
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
    async fn a_full_queue_refuses_at_once_and_frees_up() {
        // One running, one waiting.
        let hasher = PasswordHasher::bounded(1, 1).unwrap();
        let hash = hasher.hash("correct horse".into()).await.unwrap();
        let (running, waiting) = (hasher.admit().unwrap(), hasher.admit().unwrap());
        assert!(matches!(
            hasher.verify(Some(hash.clone()), "correct horse".into()).await,
            Err(HashError::Busy)
        ));
        assert!(matches!(hasher.verify(None, "x".into()).await, Err(HashError::Busy)), "unknown users alike");
        assert!(matches!(hasher.hash("x".into()).await, Err(HashError::Busy)));
        assert!(matches!(ApiError::from(HashError::Busy), ApiError::Overloaded { retry_after_secs: 1 }));
        drop(waiting);
        assert_eq!(hasher.admitted.load(Ordering::Acquire), 1, "refusals hold no place");
        drop(running);
        assert!(hasher.verify(Some(hash), "correct horse".into()).await.unwrap());
        assert_eq!(hasher.admitted.load(Ordering::Acquire), 0);

        // A queue of 0: only what can run at once is admitted.
        let no_queue = PasswordHasher::bounded(1, 0).unwrap();
        let only = no_queue.admit().unwrap();
        assert!(matches!(no_queue.verify(None, "x".into()).await, Err(HashError::Busy)));
        drop(only);
        assert!(!no_queue.verify(None, "x".into()).await.unwrap());
        // Unbounded (the CLI): never refuses.
        let unbounded = PasswordHasher::new(1).unwrap();
        let _held: Vec<_> = (0..100).map(|_| unbounded.admit().unwrap()).collect();
    }

    #[tokio::test]
    async fn unknown_user_never_verifies() {
        let hasher = PasswordHasher::new(1).unwrap();
        assert!(!hasher.verify(None, String::new()).await.unwrap());
    }
}
