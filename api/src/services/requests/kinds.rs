//! What sets each kind of request apart — its checks, the lines it is about and the
//! fields it fills — as [`Filing`] impls of the customers' inputs.

use chrono::NaiveDate;
use shared::accounts::Permission;
use shared::contracts::LineStatus;
use shared::error::FieldError;
use shared::requests::{
    BookAgainInput, CallOffInput, ExtensionInput, RequestContact, RequestKind, ServiceRequestInput,
};

use super::filing::{Draft, Filing, customer_lines};
use crate::auth::AccountAccess;
use crate::domain::requests::{self as rules, LineFacts, MAX_ADDRESS, MAX_SHORT, MAX_TEXT};
use crate::error::ApiError;
use crate::state::AppState;

/// Call-off (D2): lines out, pickup date today or later and not before an item's start;
/// billing stops on the pickup date (or the call-off day, as the dealer's setting says: see
/// `filing::file`).
impl Filing for CallOffInput {
    const KIND: RequestKind = RequestKind::CallOff;
    const PERMISSION: Option<Permission> = Some(Permission::CallOff);

    fn contact(&self) -> &RequestContact {
        &self.contact
    }

    fn check_shape(&self, errors: &mut Vec<FieldError>, today: NaiveDate) {
        rules::check_line_ids(errors, &self.line_ids, true);
        rules::check_site_address(errors, &self.site_address);
        rules::check_contact(errors, &self.contact);
        rules::check_text(errors, "pickup_window", self.pickup_window.as_deref(), MAX_SHORT);
        rules::check_text(errors, "notes", self.notes.as_deref(), MAX_TEXT);
        if self.pickup_date < today {
            rules::check_pickup_date(errors, self.pickup_date, &[], today);
        }
    }

    async fn lines(
        &self,
        state: &AppState,
        access: &AccountAccess,
        errors: &mut Vec<FieldError>,
        today: NaiveDate,
    ) -> Result<Vec<LineFacts>, ApiError> {
        let lines =
            customer_lines(state, access, &self.line_ids, errors, &[LineStatus::Out], "called off").await?;
        rules::check_pickup_date(errors, self.pickup_date, &lines, today);
        Ok(lines)
    }

    fn fill(self, draft: &mut Draft) {
        draft.pickup_date = Some(self.pickup_date);
        draft.billing_stop_date = Some(self.pickup_date);
        draft.pickup_window = rules::clean(self.pickup_window.as_deref());
        draft.site_address = rules::clean(Some(&self.site_address));
        draft.notes = rules::clean(self.notes.as_deref());
    }
}

/// Service (D4): a description; lines optional, out or called off.
impl Filing for ServiceRequestInput {
    const KIND: RequestKind = RequestKind::Service;
    const PERMISSION: Option<Permission> = None;

    fn contact(&self) -> &RequestContact {
        &self.contact
    }

    fn check_shape(&self, errors: &mut Vec<FieldError>, _today: NaiveDate) {
        rules::check_line_ids(errors, &self.line_ids, false);
        if self.description.trim().is_empty() {
            errors.push(FieldError {
                field: "description".into(),
                message: "Describe what is wrong or needed.".into(),
            });
        }
        rules::check_text(errors, "description", Some(&self.description), MAX_TEXT);
        rules::check_text(errors, "site_address", self.site_address.as_deref(), MAX_ADDRESS);
        rules::check_contact(errors, &self.contact);
    }

    async fn lines(
        &self,
        state: &AppState,
        access: &AccountAccess,
        errors: &mut Vec<FieldError>,
        _today: NaiveDate,
    ) -> Result<Vec<LineFacts>, ApiError> {
        let statuses = [LineStatus::Out, LineStatus::CalledOff];
        customer_lines(state, access, &self.line_ids, errors, &statuses, "serviced").await
    }

    fn fill(self, draft: &mut Draft) {
        draft.service_kind = Some(self.service_kind);
        draft.description = rules::clean(Some(&self.description));
        draft.site_address = rules::clean(self.site_address.as_deref());
    }
}

/// Extension (C7): lines out or reserved, a new return date after today and each item's.
impl Filing for ExtensionInput {
    const KIND: RequestKind = RequestKind::Extension;
    const PERMISSION: Option<Permission> = Some(Permission::CallOff);

    fn contact(&self) -> &RequestContact {
        &self.contact
    }

    fn check_shape(&self, errors: &mut Vec<FieldError>, _today: NaiveDate) {
        rules::check_line_ids(errors, &self.line_ids, true);
        rules::check_contact(errors, &self.contact);
        rules::check_text(errors, "notes", self.notes.as_deref(), MAX_TEXT);
    }

    async fn lines(
        &self,
        state: &AppState,
        access: &AccountAccess,
        errors: &mut Vec<FieldError>,
        today: NaiveDate,
    ) -> Result<Vec<LineFacts>, ApiError> {
        let statuses = [LineStatus::Out, LineStatus::Reserved];
        let lines = customer_lines(state, access, &self.line_ids, errors, &statuses, "extended").await?;
        rules::check_new_return_date(errors, self.new_return_date, &lines, today);
        Ok(lines)
    }

    fn fill(self, draft: &mut Draft) {
        draft.requested_date = Some(self.new_return_date);
        draft.notes = rules::clean(self.notes.as_deref());
    }
}

/// Book again (C7): the lines come from one of the account's contracts, not from what is
/// out, so they are looked up by contract (all its rental lines when none are picked).
impl Filing for BookAgainInput {
    const KIND: RequestKind = RequestKind::BookAgain;
    const PERMISSION: Option<Permission> = Some(Permission::Order);

    fn contact(&self) -> &RequestContact {
        &self.contact
    }

    fn check_shape(&self, errors: &mut Vec<FieldError>, today: NaiveDate) {
        rules::check_line_ids(errors, &self.line_ids, false);
        rules::check_booking_dates(errors, self.start_date, self.end_date, today);
        rules::check_site_address(errors, &self.site_address);
        rules::check_contact(errors, &self.contact);
        rules::check_text(errors, "notes", self.notes.as_deref(), MAX_TEXT);
    }

    async fn lines(
        &self,
        state: &AppState,
        access: &AccountAccess,
        errors: &mut Vec<FieldError>,
        _today: NaiveDate,
    ) -> Result<Vec<LineFacts>, ApiError> {
        let Some(contract_lines) =
            crate::db::requests::rental_lines_of_contract(&state.db, access.customer_id, self.contract_id)
                .await?
        else {
            errors.push(FieldError {
                field: "contract_id".into(),
                message: "This contract is not on this account.".into(),
            });
            return Ok(Vec::new());
        };
        let lines: Vec<LineFacts> = if self.line_ids.is_empty() {
            contract_lines
        } else {
            rules::check_lines_found(errors, &self.line_ids, &contract_lines);
            contract_lines.into_iter().filter(|l| self.line_ids.contains(&l.id)).collect()
        };
        if lines.is_empty() && errors.is_empty() {
            errors.push(FieldError {
                field: "line_ids".into(),
                message: "This contract has no rented items to book again.".into(),
            });
        }
        Ok(lines)
    }

    fn fill(self, draft: &mut Draft) {
        draft.contract_id = Some(self.contract_id);
        draft.requested_date = Some(self.start_date);
        draft.requested_end_date = self.end_date;
        draft.site_address = rules::clean(Some(&self.site_address));
        draft.notes = rules::clean(self.notes.as_deref());
    }
}
