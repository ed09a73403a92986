//! The platform operator (H1): the dealers, and the dealer whose admin view they work in.

use shared::platform::{ActingDealer, ChooseActingDealer, DealerSummary};

use super::*;

/// `GET /platform/dealers`: every dealer, by name, for the dealer picker.
pub async fn platform_dealers(session: Session) -> Result<Vec<DealerSummary>, ApiError> {
    get_json(session, "/platform/dealers").await
}

/// Works inside `dealer_id`'s admin view from now on; answers the dealer. Refresh the
/// user after ([`crate::session::Session::reload_user`]) so the screens follow.
pub async fn choose_acting_dealer(session: Session, dealer_id: Uuid) -> Result<ActingDealer, ApiError> {
    json_of(put_authed(session, "/platform/acting-dealer", &ChooseActingDealer { dealer_id }).await?).await
}

/// Stops working inside a dealer's admin view (204).
pub async fn stop_acting_dealer(session: Session) -> Result<(), ApiError> {
    no_content(delete_authed(session, "/platform/acting-dealer").await?).await
}
