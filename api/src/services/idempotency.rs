//! Retry safety for the write flows a client may send twice (requests, payments): a
//! retry under the same `Idempotency-Key` answers as the first request did instead of
//! writing again, the same key with another body is a 409, and a 422 is still a replay
//! when the twin under the same key got in first. Also the draw of a fresh confirmation
//! or receipt number when one collides.

use std::future::Future;

use shared::error::FieldError;
use uuid::Uuid;

use crate::error::ApiError;

/// How often a fresh number is drawn when one collides.
const NUMBER_ATTEMPTS: usize = 5;

/// A write flow kept under an `Idempotency-Key`: where it finds what a key already holds
/// and how it answers for that record.
pub(crate) trait Idempotent {
    /// What the flow writes, as the 409 names it ("request", "payment").
    const NOUN: &'static str;
    /// What a replay answers.
    type Answer;

    /// The record written under `key` (by this user for this account): its id and the
    /// hash of the body it was written from.
    fn stored(&self, key: &str) -> impl Future<Output = Result<Option<(Uuid, Option<String>)>, ApiError>>;

    /// The answer for the record `id`, as a retry receives it.
    fn answer(&self, id: Uuid) -> impl Future<Output = Result<Self::Answer, ApiError>>;
}

/// The record under `key`, answered as a replay when `hash` matches what was stored; 409
/// when the key was used for a different body; `None` when there is no key or it is unused.
pub(crate) async fn replay<F: Idempotent>(
    flow: &F,
    key: Option<&str>,
    hash: &str,
) -> Result<Option<F::Answer>, ApiError> {
    let Some(key) = key else { return Ok(None) };
    let Some((id, stored_hash)) = flow.stored(key).await? else { return Ok(None) };
    if stored_hash.as_deref() != Some(hash) {
        let noun = F::NOUN;
        return Err(ApiError::Conflict(format!(
            "This Idempotency-Key was already used for a different {noun}. Use a new key for a new {noun}."
        )));
    }
    flow.answer(id).await.map(Some)
}

/// Field errors become a 422 — unless the record was already written under this key (a
/// retry that lost the race with its twin), which is answered as a replay.
pub(crate) async fn refuse_or_replay<F: Idempotent>(
    flow: &F,
    key: Option<&str>,
    hash: &str,
    errors: Vec<FieldError>,
) -> Result<F::Answer, ApiError> {
    match replay(flow, key, hash).await? {
        Some(answer) => Ok(answer),
        None => Err(ApiError::Validation(errors)),
    }
}

/// The answer after the write found `key` taken by a concurrent twin: the twin's record.
pub(crate) async fn replay_of_twin<F: Idempotent>(
    flow: &F,
    key: Option<&str>,
    hash: &str,
) -> Result<F::Answer, ApiError> {
    replay(flow, key, hash)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("idempotent {} vanished", F::NOUN)))
}

/// What one attempt at a write with a freshly drawn number came to.
pub(crate) enum Attempt<T> {
    /// Written, or refused for a reason a new number would not change.
    Done(T),
    /// The number was taken: draw another.
    NumberTaken,
}

/// Runs `write` with fresh numbers until one is free (a few attempts; numbers are random
/// and collisions rare), naming `what` in the error when all were taken.
pub(crate) async fn with_fresh_number<T, Fut>(
    what: &str,
    mut write: impl FnMut() -> Fut,
) -> Result<T, ApiError>
where
    Fut: Future<Output = Result<Attempt<T>, ApiError>>,
{
    for _ in 0..NUMBER_ATTEMPTS {
        if let Attempt::Done(answer) = write().await? {
            return Ok(answer);
        }
    }
    Err(ApiError::Internal(anyhow::anyhow!("no free {what} after {NUMBER_ATTEMPTS} attempts")))
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    /// A flow holding one record under the key "k" with the body hash "h".
    struct OneRecord {
        answered: Cell<u32>,
    }

    impl Idempotent for OneRecord {
        const NOUN: &'static str = "request";
        type Answer = Uuid;

        async fn stored(&self, key: &str) -> Result<Option<(Uuid, Option<String>)>, ApiError> {
            Ok((key == "k").then(|| (Uuid::nil(), Some("h".to_string()))))
        }

        async fn answer(&self, id: Uuid) -> Result<Uuid, ApiError> {
            self.answered.set(self.answered.get() + 1);
            Ok(id)
        }
    }

    #[tokio::test]
    async fn a_retry_with_the_same_body_replays_the_record() {
        let flow = OneRecord { answered: Cell::new(0) };
        assert_eq!(replay(&flow, Some("k"), "h").await.ok().flatten(), Some(Uuid::nil()));
        assert_eq!(flow.answered.get(), 1);
    }

    #[tokio::test]
    async fn no_key_or_an_unused_key_is_no_replay() {
        let flow = OneRecord { answered: Cell::new(0) };
        assert!(matches!(replay(&flow, None, "h").await, Ok(None)));
        assert!(matches!(replay(&flow, Some("other"), "h").await, Ok(None)));
    }

    #[tokio::test]
    async fn the_same_key_with_another_body_is_a_conflict() {
        let flow = OneRecord { answered: Cell::new(0) };
        let Err(ApiError::Conflict(message)) = replay(&flow, Some("k"), "other body").await else {
            panic!("expected a conflict");
        };
        assert!(message.contains("a different request"), "{message}");
        assert_eq!(flow.answered.get(), 0);
    }

    #[tokio::test]
    async fn field_errors_are_a_422_unless_the_twin_got_in_first() {
        let flow = OneRecord { answered: Cell::new(0) };
        let errors = || vec![FieldError { field: "notes".into(), message: "Too long.".into() }];
        assert_eq!(refuse_or_replay(&flow, Some("k"), "h", errors()).await.ok(), Some(Uuid::nil()));
        assert!(matches!(
            refuse_or_replay(&flow, Some("new"), "h", errors()).await,
            Err(ApiError::Validation(e)) if e.len() == 1
        ));
    }

    #[tokio::test]
    async fn numbers_are_drawn_again_until_one_is_free() {
        let tries = Cell::new(0);
        let written = with_fresh_number("number", || async {
            tries.set(tries.get() + 1);
            Ok(if tries.get() < 3 { Attempt::NumberTaken } else { Attempt::Done(tries.get()) })
        })
        .await;
        assert_eq!(written.ok(), Some(3));
        let never: Result<(), ApiError> =
            with_fresh_number("number", || async { Ok(Attempt::NumberTaken) }).await;
        assert!(matches!(never, Err(ApiError::Internal(_))));
    }
}
