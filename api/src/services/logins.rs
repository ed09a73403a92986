//! What every way of creating a customer login shares — registration by phone, sign-up and
//! accepting an invitation: the eligibility check when a link is used, and the new user
//! row. (The shape of an email address is `shared::email::EmailAddress`.)

use shared::auth::UserRole;
use uuid::Uuid;

use crate::db::users::NewUser;
use crate::error::ApiError;
use crate::ids::{CustomerId, UserId};
use crate::state::AppState;

/// Whether the customer is eligible for the portal now. A link is checked again when it is
/// used: the customer may have changed since it went out.
pub(crate) async fn still_eligible(state: &AppState, customer_id: CustomerId) -> Result<bool, ApiError> {
    Ok(crate::db::customers::by_id(&state.db, customer_id)
        .await?
        .is_some_and(|c| crate::domain::eligibility::check(&c.facts()).is_empty()))
}

/// A new customer login (no staff role, no dealer: its accounts come from memberships),
/// with `password` hashed. The caller has checked the password against the policy.
pub(crate) async fn new_customer(
    state: &AppState,
    email: String,
    phone: Option<String>,
    display_name: String,
    password: String,
) -> Result<NewUser, ApiError> {
    let password_hash = state.hasher.hash(password).await?;
    Ok(NewUser {
        id: UserId::new(Uuid::now_v7()),
        email,
        phone_normalized: phone,
        display_name,
        password_hash: Some(password_hash),
        role: UserRole::Customer,
        dealer_id: None,
    })
}
