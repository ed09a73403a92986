//! The dealer admin's staff (H10) and audit log (H12) screens.

use shared::audit::{AuditEntry, AuditEntryDetail, AuditFilter};
use shared::staff::{InviteStaffRequest, StaffMember, UpdateStaffRequest};

use super::*;

/// `GET /admin/staff`: the dealer's staff and admins, by name.
pub async fn admin_staff(session: Session) -> Result<Vec<StaffMember>, ApiError> {
    get_json(session, "/admin/staff").await
}

/// Invites someone to the dealer's staff; 422 names each bad field, 409 a taken email.
pub async fn admin_invite_staff(
    session: Session,
    body: &InviteStaffRequest,
) -> Result<StaffMember, ApiError> {
    json_of(post_authed(session, "/admin/staff", Some(body)).await?).await
}

/// Changes a member's role and/or stores; 409 for the dealer's last active admin.
pub async fn admin_update_staff(
    session: Session,
    id: Uuid,
    body: &UpdateStaffRequest,
) -> Result<StaffMember, ApiError> {
    json_of(patch_authed(session, &format!("/admin/staff/{id}"), body).await?).await
}

/// What an admin can do to a member with one click (after confirming).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffAction {
    Deactivate,
    Reactivate,
    ResendInvitation,
}

impl StaffAction {
    fn path(self) -> &'static str {
        match self {
            StaffAction::Deactivate => "deactivate",
            StaffAction::Reactivate => "reactivate",
            StaffAction::ResendInvitation => "resend-invitation",
        }
    }
}

pub async fn admin_staff_action(
    session: Session,
    id: Uuid,
    action: StaffAction,
) -> Result<StaffMember, ApiError> {
    json_of(post_authed::<()>(session, &format!("/admin/staff/{id}/{}", action.path()), None).await?).await
}

/// `GET /admin/audit`: one page of the dealer's log matching `filter`.
pub async fn admin_audit(
    session: Session,
    filter: &AuditFilter,
    page: u32,
    per_page: u32,
) -> Result<Page<AuditEntry>, ApiError> {
    let mut pairs = filter.to_query_pairs();
    pairs.push(("page", page.to_string()));
    pairs.push(("per_page", per_page.to_string()));
    get_json(session, &format!("/admin/audit?{}", query_string(&pairs))).await
}

/// One event in full.
pub async fn admin_audit_event(session: Session, id: Uuid) -> Result<AuditEntryDetail, ApiError> {
    get_json(session, &format!("/admin/audit/{id}")).await
}

/// The actions that occur in the dealer's log.
pub async fn admin_audit_actions(session: Session) -> Result<Vec<String>, ApiError> {
    get_json(session, "/admin/audit/actions").await
}

/// The filtered log as CSV (every page).
pub async fn admin_audit_csv(session: Session, filter: &AuditFilter) -> Result<Download, ApiError> {
    let path = format!("/admin/audit.csv?{}", query_string(&filter.to_query_pairs()));
    text_download(session, &path, "text/csv", "audit.csv").await
}
