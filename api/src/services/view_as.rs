//! View as customer (A14): a dealer's staff member opens the portal exactly as one of the
//! dealer's customer users sees it, read-only, for `auth.view_as_secs` (30 minutes).
//!
//! The view is a row in `view_sessions` and an access token naming it (claim `view`), whose
//! subject is the customer user: every customer screen answers as it would for them. What
//! makes it read-only is not the handlers but [`crate::auth::view_as`], a middleware on the
//! whole API that checks each request bearing a view token against the view's row: a view
//! that ended answers 401 `view_ended`, a write or a staff route 403 `read_only_view`.
//! Starting, exiting, running out of time and losing the right to view are audited (actor:
//! the staff member; customer; details: the viewed user and the view).

use chrono::{DateTime, Duration, Utc};
use shared::accounts::AccountSummary;
use shared::view_as::{ViewAsSession, ViewAsSubject};

use crate::auth::{AccessClaims, ClientInfo, DealerStaff};
use crate::db::audit::AuditEvent;
use crate::db::view_sessions::{EndReason, NewView, ViewStanding};
use crate::db::{self, Db};
use crate::error::ApiError;
use crate::ids::{CustomerId, DealerId, UserId, ViewId};
use crate::state::AppState;

/// The audit event of something that happened to a view: the staff member is the actor,
/// the customer the target, the viewed user and the view in the details.
fn view_event<'a>(
    client: Option<&'a ClientInfo>,
    action: &'a str,
    view: (ViewId, DealerId, UserId, CustomerId, UserId),
    expires_at: DateTime<Utc>,
) -> AuditEvent<'a> {
    let (view_id, dealer_id, actor, customer_id, user_id) = view;
    AuditEvent {
        actor_user_id: Some(actor),
        dealer_id: Some(dealer_id),
        customer_id: Some(customer_id),
        action,
        ip: client.and_then(|c| c.ip.as_deref()),
        user_agent: client.and_then(|c| c.user_agent.as_deref()),
        details: Some(serde_json::json!({
            "view_id": view_id,
            "user_id": user_id,
            "expires_at": expires_at,
        })),
        ..AuditEvent::default()
    }
}

fn standing_event<'a>(
    client: Option<&'a ClientInfo>,
    action: &'a str,
    view: &ViewStanding,
) -> AuditEvent<'a> {
    view_event(
        client,
        action,
        (view.id, view.dealer_id, view.actor_user_id, view.customer_id, view.user_id),
        view.expires_at,
    )
}

/// Opens a view of `user_id`'s portal at `customer_id` for `staff`, audited as
/// `view_as.started`. 404 unless the customer is the staff member's dealer's and the user
/// one of its portal users; 409 when that user's portal is switched off (nothing to see).
pub async fn start(
    state: &AppState,
    staff: &DealerStaff,
    customer_id: CustomerId,
    user_id: UserId,
    client: &ClientInfo,
) -> Result<ViewAsSession, ApiError> {
    let target = db::view_sessions::target(&state.db, staff.dealer_id, customer_id, user_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let user = db::users::by_id(&state.db, user_id).await?.ok_or(ApiError::NotFound)?;
    if !user.is_active {
        return Err(ApiError::Conflict(
            "This user's portal access is deactivated, so there is nothing to view. Reactivate it first."
                .into(),
        ));
    }
    let accounts = accounts_at(state, user_id, staff.dealer_id).await?;
    if !accounts.iter().any(|a| a.id == customer_id.get()) {
        return Err(ApiError::Conflict(
            "This customer's portal is switched off for this user, so there is nothing to view.".into(),
        ));
    }
    let now = Utc::now();
    let lasts = i64::try_from(state.settings.auth.view_as_secs).unwrap_or(30 * 60);
    let view = NewView {
        id: ViewId::new(uuid::Uuid::now_v7()),
        dealer_id: staff.dealer_id,
        actor_user_id: staff.id(),
        customer_id,
        user_id,
        expires_at: now + Duration::seconds(lasts),
    };
    let event = view_event(
        Some(client),
        "view_as.started",
        (view.id, view.dealer_id, view.actor_user_id, customer_id, user_id),
        view.expires_at,
    );
    db::view_sessions::start(&state.db, &view, &event, now).await?;
    let access_token = state.tokens.issue_view(
        user_id,
        staff.dealer_id,
        view.id,
        now.timestamp(),
        view.expires_at.timestamp(),
    )?;
    let mut profile = user.profile()?;
    // The view cannot choose a password for the user: it shows their portal instead.
    profile.must_change_password = false;
    Ok(ViewAsSession {
        access_token,
        token_type: "Bearer".into(),
        expires_in: state.settings.auth.view_as_secs,
        view: ViewAsSubject {
            view_id: view.id.get(),
            customer_id: customer_id.get(),
            customer_name: target.customer_name,
            user_id: user_id.get(),
            user_name: target.user_name,
            expires_at: view.expires_at,
        },
        user: profile,
        accounts,
    })
}

/// The accounts `user_id` may open at `dealer_id`: what a view shows. A customer user may
/// hold memberships at other dealers too; those stay behind the tenant wall.
pub async fn accounts_at(
    state: &AppState,
    user_id: UserId,
    dealer_id: DealerId,
) -> Result<Vec<AccountSummary>, ApiError> {
    let mut accounts = db::accounts::for_user(&state.db, user_id).await?;
    accounts.retain(|a| a.dealer.dealer_id == dealer_id.get());
    Ok(accounts)
}

/// The dealer a view token confines its bearer to; `None` for every other token.
pub fn view_dealer(claims: &AccessClaims) -> Option<DealerId> {
    claims.view.and(claims.dealer_id)
}

/// Whether the view `view_id` still stands at `now`; `Err(ViewEnded)` when it does not. A
/// view found past its time, or whose staff member may no longer view, is ended here (and
/// audited, once, however many requests notice together).
pub async fn check_open(
    state: &AppState,
    view_id: ViewId,
    now: DateTime<Utc>,
) -> Result<ViewStanding, ApiError> {
    let view = db::view_sessions::standing(&state.db, view_id).await?.ok_or(ApiError::ViewEnded)?;
    if view.ended_at.is_some() {
        return Err(ApiError::ViewEnded);
    }
    if view.expires_at <= now {
        end_overdue_view(&state.db, &view).await?;
        return Err(ApiError::ViewEnded);
    }
    if !view.actor_may_view() {
        let event = standing_event(None, EndReason::Revoked.audit_action(), &view);
        db::view_sessions::end(&state.db, view.id, EndReason::Revoked, &event, now).await?;
        return Err(ApiError::ViewEnded);
    }
    Ok(view)
}

/// Exits the open view `view_id` (the staff member's "Exit view"), audited as
/// `view_as.exited`. A view that already ended answers 401 `view_ended`.
pub async fn exit(state: &AppState, view_id: ViewId, client: &ClientInfo) -> Result<(), ApiError> {
    let now = Utc::now();
    let view = check_open(state, view_id, now).await?;
    let event = standing_event(Some(client), EndReason::Exited.audit_action(), &view);
    if db::view_sessions::end(&state.db, view.id, EndReason::Exited, &event, now).await? {
        Ok(())
    } else {
        Err(ApiError::ViewEnded)
    }
}

/// Ends `view`, which ran out of time, as of its expiry (when it really ended), audited as
/// `view_as.expired`.
async fn end_overdue_view(db: &Db, view: &ViewStanding) -> Result<bool, sqlx::Error> {
    let event = standing_event(None, EndReason::Expired.audit_action(), view);
    db::view_sessions::end(db, view.id, EndReason::Expired, &event, view.expires_at).await
}

/// How many overdue views one sweep ends at most before looking again.
const SWEEP_BATCH: i64 = 100;

/// Ends every view whose time ran out by `now`, so each expiry is in the audit log even
/// when no request with its token comes back. Returns how many this call ended.
pub async fn end_overdue(db: &Db, now: DateTime<Utc>) -> Result<usize, sqlx::Error> {
    let mut ended = 0;
    loop {
        let batch = db::view_sessions::overdue(db, now, SWEEP_BATCH).await?;
        for view in &batch {
            if end_overdue_view(db, view).await? {
                ended += 1;
            }
        }
        if (batch.len() as i64) < SWEEP_BATCH {
            return Ok(ended);
        }
    }
}

/// How often the server sweeps for overdue views.
const SWEEP_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// Runs [`end_overdue`] every minute for the life of the server.
pub fn spawn_sweeper(db: Db) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match end_overdue(&db, Utc::now()).await {
                Ok(0) => {}
                Ok(ended) => tracing::info!(ended, "views as customers ended by time"),
                Err(error) => tracing::error!(?error, "view-as sweep failed"),
            }
            tokio::time::sleep(SWEEP_EVERY).await;
        }
    })
}
