//! The dealer's customers as its admins and staff see them (H2-H5): the filtered list and
//! its CSV, a customer's detail, and closing or reopening portal access — of a whole
//! customer or of one user within it — without touching the back office's record.
//!
//! Reads are for the dealer's staff ([`DealerStaff`]: admins and staff alike), scoped by the
//! dealer in their token. Closing and reopening is for admins ([`DealerAdmin`]); a platform
//! admin reaches any dealer's customer, a dealer admin only their own dealer's. A customer
//! out of scope answers 404, as if it did not exist.

use chrono::Utc;
use shared::admin_customers::{
    CustomerContact, CustomerDetail, CustomerFilter, CustomerListRow, EligibilityFilter, LocationKey,
};
use shared::error::FieldError;
use shared::invitations::InvitationSummary;

use crate::auth::{ClientInfo, DealerAdmin, DealerStaff};
use crate::db::admin_customers::{self as db, CustomerQuery, eligibility_of};
use crate::db::audit::AuditEvent;
use crate::error::ApiError;
use crate::ids::{CustomerId, DealerId, UserId};
use crate::services::invitations::customer_in_scope;
use crate::state::AppState;

/// Fewest digits a phone search looks for: fewer would match nearly every number.
const MIN_PHONE_DIGITS: usize = 3;

/// The search text as the database compares it: lower-cased, and, when it reads as a phone
/// number (digits and the usual punctuation only), also its digits — national digits when
/// it is a whole number ("+1 (303) 555-0199" finds 3035550199).
fn search_terms(q: &str) -> (Option<String>, Option<String>) {
    let q = q.trim();
    if q.is_empty() {
        return (None, None);
    }
    let phone_like = q.chars().all(|c| c.is_ascii_digit() || " +-().\u{a0}/".contains(c));
    let digits = phone_like
        .then(|| {
            shared::phone::normalize_phone(q)
                .unwrap_or_else(|| q.chars().filter(char::is_ascii_digit).collect())
        })
        .filter(|d| d.len() >= MIN_PHONE_DIGITS);
    (Some(q.to_lowercase()), digits)
}

/// `filter` as the database applies it: the location's code resolved to its id (a 422
/// naming `location` when the dealer has no such location) and the search split.
pub async fn resolve(
    state: &AppState,
    dealer_id: DealerId,
    filter: &CustomerFilter,
) -> Result<CustomerQuery, ApiError> {
    let location_id = match &filter.location {
        None => None,
        Some(key) => {
            let (id, code) = match key {
                LocationKey::Id(id) => (Some(*id), None),
                LocationKey::Code(code) => (None, Some(code.as_str())),
            };
            let found = db::location_id(&state.db, dealer_id, id, code).await?;
            if found.is_none() {
                return Err(ApiError::Validation(vec![FieldError {
                    field: "location".into(),
                    message: "No location of this dealer has this id or code.".into(),
                }]));
            }
            found
        }
    };
    let (text, digits) = filter.q.as_deref().map(search_terms).unwrap_or_default();
    Ok(CustomerQuery {
        text,
        digits,
        location_id,
        eligible: filter.eligibility.map(|e| e == EligibilityFilter::Eligible),
        portal_status: filter.portal_status,
        sort: filter.sort,
        dir: filter.dir,
    })
}

/// One page of the dealer's customer rows, and how many match.
pub async fn list(
    state: &AppState,
    staff: &DealerStaff,
    query: &CustomerQuery,
    limit: u32,
    offset: u64,
) -> Result<(Vec<CustomerListRow>, u64), ApiError> {
    let items = db::list(&state.db, staff.dealer_id, query, limit, offset).await?;
    let total = match total_of_last_page(limit, offset, items.len()) {
        Some(total) => total,
        None => db::count(&state.db, staff.dealer_id, query).await?,
    };
    Ok((items, total))
}

/// The number of matches when this page shows it: a page that is not full, and not past the
/// end, is the last one. A search that finds one customer then reads the rows once instead
/// of twice (a "contains" search scans every row of the dealer for the page and again for
/// the count).
fn total_of_last_page(limit: u32, offset: u64, shown: usize) -> Option<u64> {
    let shown = u64::try_from(shown).ok()?;
    (shown < u64::from(limit) && (shown > 0 || offset == 0)).then_some(offset + shown)
}

/// Everything an admin sees of one of the dealer's customers.
pub async fn detail(
    state: &AppState,
    staff: &DealerStaff,
    customer_id: CustomerId,
) -> Result<CustomerDetail, ApiError> {
    let head = db::head(&state.db, staff.dealer_id, customer_id).await?.ok_or(ApiError::NotFound)?;
    let locations = crate::db::accounts::locations(&state.db, head.dealer_id, customer_id).await?;
    let contact_emails = crate::db::customers::contact_emails(&state.db, customer_id).await?;
    let mut users = db::users(&state.db, customer_id).await?;
    let now = Utc::now();
    let invitations: Vec<InvitationSummary> = crate::db::invitations::for_customer(&state.db, customer_id)
        .await?
        .iter()
        .map(|row| row.summary(now))
        .collect();
    // Invitations are newest first, so the first of an email is its latest.
    let last_invited =
        |email: &str| invitations.iter().find(|i| i.email.eq_ignore_ascii_case(email)).map(|i| i.sent_at);
    let activated = |email: &str| {
        invitations.iter().filter(|i| i.email.eq_ignore_ascii_case(email)).find_map(|i| i.accepted_at)
    };
    for user in &mut users {
        user.last_invited_at = last_invited(&user.login);
    }
    // The people an admin may invite: the customer's own email, then its contacts'.
    let mut people: Vec<(String, String)> = Vec::new();
    if let Some(email) = head.email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        people.push((head.name.clone(), email.to_string()));
    }
    for contact in contact_emails {
        if !people.iter().any(|(_, e)| e.eq_ignore_ascii_case(contact.email.trim())) {
            people.push((contact.name, contact.email.trim().to_string()));
        }
    }
    let contacts = people
        .into_iter()
        .map(|(name, email)| CustomerContact {
            last_invited_at: last_invited(&email),
            activated_at: activated(&email),
            is_user: users.iter().any(|u| u.login.eq_ignore_ascii_case(&email)),
            name,
            email,
        })
        .collect();
    let eligibility = eligibility_of(&head.facts()?);
    Ok(CustomerDetail {
        id: head.id,
        external_id: head.external_id,
        account_number: head.account_number,
        name: head.name,
        kind: head.kind,
        email: head.email,
        phone: head.phone,
        mobile_phone: head.mobile_phone,
        postal_code: head.postal_code,
        address: head.address,
        portal_enabled: head.portal_enabled,
        portal_deactivated_at: head.portal_deactivated_at,
        portal_status: crate::db::decode::enum_text(
            &head.portal_status,
            "admin_customer_rows.portal_status",
        )?,
        eligibility,
        locations: locations
            .into_iter()
            .map(|l| shared::admin_customers::CustomerLocation { id: l.id, code: l.code, name: l.name })
            .collect(),
        home_location_id: head.home_location_id,
        contracts: head.contracts,
        contacts,
        users,
        invitations,
    })
}

/// The audit event of `admin` closing or reopening access at `customer_id` of `dealer_id`.
fn access_event<'a>(
    admin: &DealerAdmin,
    client: &'a ClientInfo,
    action: &'a str,
    dealer_id: DealerId,
    customer_id: CustomerId,
    target: Option<UserId>,
) -> AuditEvent<'a> {
    let mut details = serde_json::json!({ "customer_id": customer_id, "dealer_id": dealer_id });
    if let Some(user_id) = target {
        details["target_user_id"] = serde_json::json!(user_id);
    }
    AuditEvent {
        dealer_id: Some(dealer_id),
        customer_id: Some(customer_id),
        target_user_id: target,
        details: Some(details),
        ..client.audit(action, Some(admin.id()))
    }
}

/// Closes (`deactivate`) or reopens the portal to the whole customer; audited as
/// `admin.customer_deactivated` / `admin.customer_reactivated` in the same transaction.
/// Closing ends every session of the customer's users at once. Both are idempotent.
pub async fn set_customer_access(
    state: &AppState,
    admin: &DealerAdmin,
    customer_id: CustomerId,
    deactivate: bool,
    client: &ClientInfo,
) -> Result<(), ApiError> {
    let customer = customer_in_scope(state, admin, customer_id).await?;
    let action = if deactivate { "admin.customer_deactivated" } else { "admin.customer_reactivated" };
    let event = access_event(admin, client, action, customer.dealer_id, customer.id, None);
    let done = db::set_customer_access(
        &state.db,
        Some(customer.dealer_id),
        customer.id,
        deactivate,
        &event,
        Utc::now(),
    )
    .await?;
    if done { Ok(()) } else { Err(ApiError::NotFound) }
}

/// Closes or reopens the customer account to one of its users; audited as
/// `admin.customer_user_deactivated` / `admin.customer_user_reactivated` in the same
/// transaction. Closing ends every session of the user at once. A user without a
/// membership at the customer answers 404.
pub async fn set_member_access(
    state: &AppState,
    admin: &DealerAdmin,
    customer_id: CustomerId,
    user_id: UserId,
    deactivate: bool,
    client: &ClientInfo,
) -> Result<(), ApiError> {
    let customer = customer_in_scope(state, admin, customer_id).await?;
    let action =
        if deactivate { "admin.customer_user_deactivated" } else { "admin.customer_user_reactivated" };
    let event = access_event(admin, client, action, customer.dealer_id, customer.id, Some(user_id));
    let done = db::set_member_access(
        &state.db,
        Some(customer.dealer_id),
        customer.id,
        user_id,
        deactivate,
        &event,
        Utc::now(),
    )
    .await?;
    if done { Ok(()) } else { Err(ApiError::NotFound) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_in_any_format_searches_its_digits() {
        assert_eq!(
            search_terms(" +1 (303) 555-0199 "),
            (Some("+1 (303) 555-0199".into()), Some("3035550199".into()))
        );
        assert_eq!(search_terms("555-01"), (Some("555-01".into()), Some("55501".into())));
        assert_eq!(search_terms("C-1001"), (Some("c-1001".into()), None), "letters: not a phone");
        assert_eq!(search_terms("12"), (Some("12".into()), None), "too few digits for a phone");
        assert_eq!(search_terms("  "), (None, None));
    }

    #[test]
    fn a_page_that_is_not_full_tells_the_total() {
        assert_eq!(total_of_last_page(25, 0, 0), Some(0), "nothing matches");
        assert_eq!(total_of_last_page(25, 0, 1), Some(1));
        assert_eq!(total_of_last_page(25, 50, 7), Some(57), "the last page of three");
        assert_eq!(total_of_last_page(25, 0, 25), None, "a full page: there may be more");
        assert_eq!(total_of_last_page(25, 75, 0), None, "past the end: count");
    }
}
