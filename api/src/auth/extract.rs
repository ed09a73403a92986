//! Request extractors: handlers name the principal they need and never check roles by hand.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use shared::accounts::{MembershipRole, Permission, Permissions};
use shared::auth::UserRole;
use shared::integrations::Scope;
use shared::money::Currency;
use uuid::Uuid;

use super::ClientInfo;
use super::tokens::AccessClaims;
use crate::db::audit::AuditEvent;
use crate::error::ApiError;
use crate::ids::{ApiClientId, CustomerId, DealerId, UserId};
use crate::state::AppState;

fn state(req: &HttpRequest) -> Result<web::Data<AppState>, ApiError> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("AppState missing")))
}

pub(crate) fn bearer(req: &HttpRequest) -> Result<&str, ApiError> {
    let value = req.headers().get(header::AUTHORIZATION).ok_or(ApiError::Unauthenticated)?;
    let value = value.to_str().map_err(|_| ApiError::TokenInvalid)?;
    match value.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() => {
            Ok(token.trim())
        }
        _ => Err(ApiError::Unauthenticated),
    }
}

/// Any signed-in user, from a valid access token — except one who signed in with a
/// temporary password and has not replaced it yet: their token (claim `pcr`) answers 403
/// `password_change_required` here, so every extractor built on this one refuses it too.
#[derive(Debug, Clone)]
pub struct AuthUser(pub AccessClaims);

impl AuthUser {
    pub fn id(&self) -> UserId {
        self.0.sub
    }
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        std::future::ready(PasswordChangeUser::from_request(req, payload).into_inner().and_then(|user| {
            if user.0.pcr { Err(ApiError::PasswordChangeRequired) } else { Ok(AuthUser(user.0)) }
        }))
    }
}

/// Any signed-in user, including one who must change their password first. Only for the
/// few endpoints such a user needs: `GET /me`, changing the password, logging out.
#[derive(Debug, Clone)]
pub struct PasswordChangeUser(pub AccessClaims);

impl PasswordChangeUser {
    pub fn id(&self) -> UserId {
        self.0.sub
    }

    /// The refresh-session family the access token was issued under.
    pub fn session_family(&self) -> Uuid {
        self.0.sid
    }

    /// The token says its bearer signed in with a temporary password.
    pub fn must_change_password(&self) -> bool {
        self.0.pcr
    }
}

impl FromRequest for PasswordChangeUser {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(state(req).and_then(|state| {
            let token = bearer(req)?;
            let claims = state.tokens.verify(token)?;
            // A view as a customer reads only, whichever route it reached (see `view_as`).
            super::view_as::refuse_view_write(&claims, req)?;
            Ok(PasswordChangeUser(claims))
        }))
    }
}

/// A signed-in user acting on the customer account named by the `{account_id}` path
/// segment, through a membership that allows viewing it. Anything else answers 404, so a
/// foreign account id is indistinguishable from a missing one.
#[derive(Debug, Clone)]
pub struct AccountAccess {
    pub user: AuthUser,
    pub customer_id: CustomerId,
    pub dealer_id: DealerId,
    pub currency: Currency,
    /// The dealer's time zone, in which "today" and every due date are reckoned.
    pub time_zone: chrono_tz::Tz,
    pub role: MembershipRole,
    pub permissions: Permissions,
}

impl AccountAccess {
    /// Today at the dealer (see `domain::calendar`).
    pub fn today(&self) -> chrono::NaiveDate {
        crate::domain::calendar::today_in(self.time_zone, chrono::Utc::now())
    }

    /// This access, if its membership allows `permission`; otherwise 403 `forbidden`.
    /// Handlers call it (or take [`AccountOwner`]) instead of looking at permissions.
    pub fn require(self, permission: Permission) -> Result<Self, ApiError> {
        if self.permissions.allows(permission) { Ok(self) } else { Err(ApiError::Forbidden) }
    }

    /// This access, if the user owns the account; otherwise 403 `forbidden`.
    pub fn require_owner(self) -> Result<Self, ApiError> {
        if self.role == MembershipRole::Owner { Ok(self) } else { Err(ApiError::Forbidden) }
    }
}

impl FromRequest for AccountAccess {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let user = AuthUser::from_request(req, payload).into_inner();
        let state = state(req);
        let account_id = req.match_info().get("account_id").map(str::parse::<Uuid>);
        Box::pin(async move {
            let user = user?;
            let state = state?;
            let customer_id = match account_id {
                Some(Ok(id)) => CustomerId::new(id),
                _ => return Err(ApiError::NotFound),
            };
            // A view as a customer (A14) sees only the accounts at the view's dealer.
            let view_dealer = crate::services::view_as::view_dealer(&user.0);
            let grant = crate::db::accounts::grant(&state.db, user.id(), customer_id)
                .await?
                .filter(|g| g.permissions.view && view_dealer.is_none_or(|dealer| dealer == g.dealer_id))
                .ok_or(ApiError::NotFound)?;
            Ok(AccountAccess {
                user,
                customer_id: grant.customer_id,
                dealer_id: grant.dealer_id,
                currency: grant.currency,
                time_zone: grant.time_zone,
                role: grant.role,
                permissions: grant.permissions,
            })
        })
    }
}

/// [`AccountAccess`] of the account's owner, who manages its users (A12). A member who is
/// not an owner gets 403 `forbidden`; no membership at all answers 404 as for
/// [`AccountAccess`]. The membership is read afresh on every request, so a demotion or
/// removal takes effect at once.
#[derive(Debug, Clone)]
pub struct AccountOwner(pub AccountAccess);

impl FromRequest for AccountOwner {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let access = AccountAccess::from_request(req, payload);
        Box::pin(async move { access.await?.require_owner().map(AccountOwner) })
    }
}

/// A staff-side extractor ([`DealerAdmin`], [`DealerStaff`], [`PlatformOperator`]): the token's
/// user and, for a platform admin, the dealer they act for (H1; read from the same row, so
/// choosing or stopping takes effect at the next request), shaped by `admit` (which returns
/// `None` for a role it does not let in; 403 `forbidden`). The token's role and dealer are
/// trusted only while the user row still says the same and the login is active, so a
/// demoted or deactivated admin loses access at once instead of when the 15-minute token
/// expires (403 as well).
fn staff_extractor<T: 'static>(
    req: &HttpRequest,
    payload: &mut Payload,
    admit: fn(AuthUser, Option<DealerId>) -> Option<T>,
) -> Pin<Box<dyn Future<Output = Result<T, ApiError>>>> {
    let user = AuthUser::from_request(req, payload).into_inner();
    let state = state(req);
    Box::pin(async move {
        let user = user?;
        let state = state?;
        // A view token names a customer user; it never opens a staff route (A14).
        if user.0.view.is_some() {
            return Err(ApiError::ReadOnlyView);
        }
        let row = crate::db::users::by_id(&state.db, user.id()).await?;
        let Some(row) = row.filter(|row| row.is_active && row.dealer_id == user.0.dealer_id) else {
            return Err(ApiError::Forbidden);
        };
        if row.decoded_role()? != user.0.role {
            return Err(ApiError::Forbidden);
        }
        let acting = row.acting_dealer().map(|dealer| DealerId::new(dealer.id));
        admit(user, acting).ok_or(ApiError::Forbidden)
    })
}

/// Whose users an administrator may manage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminScope {
    /// A platform admin who acts for no dealer: every dealer's users, and none of the
    /// routes that belong to one dealer (those answer 403).
    Platform,
    /// A dealer admin, or a platform admin acting for the dealer (H1): this dealer's
    /// customers and staff only.
    Dealer(DealerId),
}

/// A dealer admin (scoped to the dealer in their token), a platform admin acting for a
/// dealer (scoped to that dealer, exactly as its own admin), or a platform admin acting for
/// none (unscoped, see [`AdminScope::Platform`]).
///
/// No or a bad token answers 401 as for [`AuthUser`]; any other role, or a dealer admin
/// token without a dealer, answers 403 `forbidden`. What the admin may see inside their
/// scope is for the query to decide: a user or customer outside it answers 404.
#[derive(Debug, Clone)]
pub struct DealerAdmin {
    pub user: AuthUser,
    pub scope: AdminScope,
}

impl DealerAdmin {
    pub fn id(&self) -> UserId {
        self.user.id()
    }

    /// The admin's dealer; `None` for a platform admin.
    pub fn dealer_id(&self) -> Option<DealerId> {
        match self.scope {
            AdminScope::Platform => None,
            AdminScope::Dealer(id) => Some(id),
        }
    }
}

impl FromRequest for DealerAdmin {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        staff_extractor(req, payload, |user, acting| {
            let scope = match (user.0.role, user.0.dealer_id) {
                (UserRole::PlatformAdmin, _) => acting.map_or(AdminScope::Platform, AdminScope::Dealer),
                (UserRole::DealerAdmin, Some(dealer_id)) => AdminScope::Dealer(dealer_id),
                _ => return None,
            };
            Some(DealerAdmin { user, scope })
        })
    }
}

/// A platform operator (J4): a `platform_admin`, who creates dealers and their first
/// administrators. Any other role answers 403 `forbidden`; no or a bad token 401.
#[derive(Debug, Clone)]
pub struct PlatformOperator {
    pub user: AuthUser,
}

impl FromRequest for PlatformOperator {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        staff_extractor(req, payload, |user, _| match user.0.role {
            UserRole::PlatformAdmin => Some(PlatformOperator { user }),
            _ => None,
        })
    }
}

/// A member of a dealer's staff working its inbox (H7, H8): a `dealer_staff` or
/// `dealer_admin` user whose token names the dealer, or a platform admin acting for the
/// dealer (H1). Anything else — customers, platform admins acting for no dealer, a staff
/// token without a dealer — answers 403 `forbidden`; no or a bad token 401 as for
/// [`AuthUser`]. Queries scope by [`DealerStaff::dealer_id`], so another dealer's records
/// answer 404.
#[derive(Debug, Clone)]
pub struct DealerStaff {
    pub user: AuthUser,
    pub dealer_id: DealerId,
}

impl DealerStaff {
    pub fn id(&self) -> UserId {
        self.user.id()
    }

    /// The requests this member of staff works: the dealer's, of their stores (H10).
    pub fn request_scope(&self) -> crate::db::requests::Scope {
        crate::db::requests::Scope::Store { dealer_id: self.dealer_id, staff_id: self.id() }
    }
}

impl FromRequest for DealerStaff {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        staff_extractor(req, payload, |user, acting| match (user.0.role, user.0.dealer_id, acting) {
            (UserRole::DealerStaff | UserRole::DealerAdmin, Some(dealer_id), _)
            | (UserRole::PlatformAdmin, _, Some(dealer_id)) => Some(DealerStaff { user, dealer_id }),
            _ => None,
        })
    }
}

/// The dealer's back office, signed in as one of its API clients (I2) with a token from
/// `POST /oauth/token`. A person's token is refused here (403 `forbidden`): the
/// `/integrations/*` routes take client tokens only. No or a bad token is 401.
///
/// The token is trusted only while its client still stands: every request reads the
/// client's row (one lookup by primary key), so a revoked client, or a token of a secret
/// that has since been rotated, answers 401 `token_invalid` at once — not when the
/// token's 15 minutes run out. The same read keeps "last used" current (written at most
/// once a minute).
#[derive(Debug, Clone)]
pub struct Integrator {
    pub client_id: ApiClientId,
    pub dealer_id: DealerId,
    scopes: Vec<Scope>,
}

/// How often "last used" of an API client is written, at most.
const LAST_USED_RESOLUTION_SECS: i64 = 60;

impl Integrator {
    /// `Ok` when the token carries `scope`; 403 `insufficient_scope` naming it otherwise.
    /// Every `/integrations/*` handler calls this first with the scope its route needs.
    pub fn require(&self, scope: Scope) -> Result<(), ApiError> {
        if self.scopes.contains(&scope) { Ok(()) } else { Err(ApiError::InsufficientScope(scope)) }
    }

    /// An audit event of `action` by this client from `client`; callers fill the rest.
    pub fn audit<'a>(&self, client: &'a ClientInfo, action: &'a str) -> AuditEvent<'a> {
        AuditEvent {
            dealer_id: Some(self.dealer_id),
            actor_client_id: Some(self.client_id),
            ..client.audit(action, None)
        }
    }
}

impl FromRequest for Integrator {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let claims = state(req).and_then(|state| {
            let token = bearer(req)?;
            let claims = state
                .tokens
                .verify_client(token)
                .map_err(|err| if state.tokens.verify(token).is_ok() { ApiError::Forbidden } else { err })?;
            Ok((state, claims))
        });
        Box::pin(async move {
            let (state, claims) = claims?;
            let standing = crate::db::api_clients::standing(&state.db, claims.sub).await?;
            let Some(standing) = standing.filter(|s| {
                s.revoked_at.is_none()
                    && s.secret_generation == claims.generation
                    && s.dealer_id == claims.dealer_id
            }) else {
                return Err(ApiError::TokenInvalid);
            };
            let now = chrono::Utc::now();
            if standing.last_used_at.is_none_or(|at| (now - at).num_seconds() >= LAST_USED_RESOLUTION_SECS) {
                crate::db::api_clients::touch(&state.db, claims.sub, now).await?;
            }
            let scopes =
                shared::integrations::parse_scopes(&claims.scope).map_err(|_| ApiError::TokenInvalid)?;
            Ok(Integrator { client_id: claims.sub, dealer_id: claims.dealer_id, scopes })
        })
    }
}
