//! Feedback and questions to the store (G1) and the store's feedback inbox (H8).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::contracts::LocationRef;
use crate::requests::CustomerRef;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeedbackKind {
    Question,
    Feedback,
    Complaint,
}

impl FeedbackKind {
    pub const ALL: [FeedbackKind; 3] =
        [FeedbackKind::Question, FeedbackKind::Feedback, FeedbackKind::Complaint];

    pub fn as_str(self) -> &'static str {
        match self {
            FeedbackKind::Question => "question",
            FeedbackKind::Feedback => "feedback",
            FeedbackKind::Complaint => "complaint",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            FeedbackKind::Question => "Question",
            FeedbackKind::Feedback => "Feedback",
            FeedbackKind::Complaint => "Complaint",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeedbackStatus {
    New,
    Handled,
}

impl FeedbackStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FeedbackStatus::New => "new",
            FeedbackStatus::Handled => "handled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [FeedbackStatus::New, FeedbackStatus::Handled].into_iter().find(|k| k.as_str() == s)
    }
}

/// `POST /accounts/{id}/feedback`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackInput {
    pub kind: FeedbackKind,
    pub subject: String,
    pub message: String,
    /// The store it is for; default: the account's home store.
    pub location_id: Option<Uuid>,
    /// Where the answer goes; default on the form: the user's email.
    pub contact_email: String,
    pub contact_phone: Option<String>,
}

/// A feedback message as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Feedback {
    pub id: Uuid,
    pub kind: FeedbackKind,
    pub status: FeedbackStatus,
    pub subject: String,
    pub message: String,
    pub customer: CustomerRef,
    pub location: Option<LocationRef>,
    pub contact_email: String,
    pub contact_phone: Option<String>,
    pub created_by_name: String,
    pub created_at: DateTime<Utc>,
    pub handled_at: Option<DateTime<Utc>>,
    pub handled_note: Option<String>,
}

/// `POST /admin/feedback/{id}/handled`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HandleFeedbackInput {
    pub note: Option<String>,
}
