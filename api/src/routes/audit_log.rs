//! The dealer's audit log (H12): filtered and paged, one event in full, the actions that
//! occur, and a CSV of the filtered view. Dealer admins only (other roles 403); another
//! dealer's events answer 404.

use actix_web::{HttpResponse, get, web};
use serde::{Deserialize, Serialize};
use shared::audit::{AuditEntry, AuditEntryDetail, AuditFilter};
use shared::error::FieldError;
use shared::paging::Page;
use uuid::Uuid;

use super::csv_export::{CsvWriter, safe_opt, safe_text, stream_csv, write_row};
use super::list_params::{Paging, parse_paging, path_id};
use crate::auth::DealerAdmin;
use crate::error::ApiError;
use crate::services::audit_log;
use crate::state::AppState;

const PROBLEM: &str = "application/problem+json";

/// Query string of the audit log and its CSV.
#[derive(Debug, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// Only events done by this user (who).
    #[param(value_type = Option<Uuid>)]
    actor_user_id: Option<String>,
    /// Only this action, such as `auth.login` (see `/admin/audit/actions`).
    action: Option<String>,
    /// Only events concerning this customer account.
    #[param(value_type = Option<Uuid>)]
    customer_id: Option<String>,
    /// Only events done to this user.
    #[param(value_type = Option<Uuid>)]
    target_user_id: Option<String>,
    /// First day, on the dealer's calendar (`YYYY-MM-DD`, included).
    #[param(value_type = Option<chrono::NaiveDate>)]
    from: Option<String>,
    /// Last day, on the dealer's calendar (`YYYY-MM-DD`, included).
    #[param(value_type = Option<chrono::NaiveDate>)]
    to: Option<String>,
    /// 1-based page number (default 1).
    #[param(value_type = Option<u32>, minimum = 1, default = 1)]
    page: Option<String>,
    /// Page size, 1 to 200 (default 25).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200, default = 25)]
    per_page: Option<String>,
}

fn present(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

fn parse_uuid(field: &str, value: Option<&str>, errors: &mut Vec<FieldError>) -> Option<Uuid> {
    let value = present(value)?;
    value
        .parse()
        .map_err(|_| errors.push(FieldError { field: field.into(), message: "Use an id.".into() }))
        .ok()
}

fn parse_day(field: &str, value: Option<&str>, errors: &mut Vec<FieldError>) -> Option<chrono::NaiveDate> {
    let value = present(value)?;
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| {
            errors.push(FieldError { field: field.into(), message: "Use a date like 2026-03-31.".into() })
        })
        .ok()
}

impl AuditParams {
    /// The filter and page asked for; 422 naming every bad value.
    fn parse(&self) -> Result<(AuditFilter, Paging), ApiError> {
        let mut errors = Vec::new();
        let action = present(self.action.as_deref()).map(str::to_string);
        if action.as_deref().is_some_and(|a| a.chars().count() > 100 || a.chars().any(char::is_control)) {
            errors.push(FieldError {
                field: "action".into(),
                message: "Use an action such as auth.login.".into(),
            });
        }
        let filter = AuditFilter {
            actor_user_id: parse_uuid("actor_user_id", self.actor_user_id.as_deref(), &mut errors),
            action,
            customer_id: parse_uuid("customer_id", self.customer_id.as_deref(), &mut errors),
            target_user_id: parse_uuid("target_user_id", self.target_user_id.as_deref(), &mut errors),
            from: parse_day("from", self.from.as_deref(), &mut errors),
            to: parse_day("to", self.to.as_deref(), &mut errors),
        };
        if let (Some(from), Some(to)) = (filter.from, filter.to)
            && to < from
        {
            errors.push(FieldError {
                field: "to".into(),
                message: "Use a day on or after the first day.".into(),
            });
        }
        let paging = parse_paging(self.page.as_deref(), self.per_page.as_deref(), &mut errors);
        if errors.is_empty() { Ok((filter, paging)) } else { Err(ApiError::Validation(errors)) }
    }
}

/// The dealer's audit log, newest first: customer actions (sign-ins, call-offs, payments,
/// feedback) and staff actions alike, with who did it, to which customer and user. A
/// customer login's own events (sign-in, password change) show in the log of each dealer
/// whose customer it uses.
#[utoipa::path(get, path = "/api/v1/admin/audit", tag = "audit", operation_id = "list_audit_events",
    params(AuditParams),
    security(("bearer" = [])),
    responses(
        (status = 200, body = Page<AuditEntry>, description = "One page of the log"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer admin"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM, description = "Invalid input: `errors` names each field"),
    ))]
#[get("/admin/audit")]
pub async fn list(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    params: web::Query<AuditParams>,
) -> Result<HttpResponse, ApiError> {
    let (filter, paging) = params.parse()?;
    let (dealer_id, query) = audit_log::scoped(&state, &admin, &filter).await?;
    let (items, total) = audit_log::page(&state, dealer_id, &query, paging.per_page, paging.offset()).await?;
    let items: Vec<AuditEntry> = items.into_iter().map(|event| event.entry).collect();
    Ok(HttpResponse::Ok().json(paging.of(items, total)))
}

const CSV_HEADER: [&str; 12] = [
    "When (UTC)",
    "Action",
    "Who",
    "Who (email)",
    "API client",
    "Customer",
    "Account number",
    "User acted on",
    "User acted on (email)",
    "IP address",
    "User agent",
    "Details",
];

fn csv_row(e: &AuditEntryDetail, out: &mut CsvWriter) -> Result<(), csv::Error> {
    let entry = &e.entry;
    write_row(
        out,
        &[
            entry.occurred_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true).into(),
            safe_text(&entry.action),
            safe_opt(entry.actor.as_ref().map(|p| p.display_name.as_str())),
            safe_opt(entry.actor.as_ref().map(|p| p.email.as_str())),
            safe_opt(entry.actor_client.as_ref().map(|c| c.name.as_str())),
            safe_opt(entry.customer.as_ref().map(|c| c.name.as_str())),
            safe_opt(entry.customer.as_ref().map(|c| c.account_number.as_str())),
            safe_opt(entry.target_user.as_ref().map(|p| p.display_name.as_str())),
            safe_opt(entry.target_user.as_ref().map(|p| p.email.as_str())),
            safe_opt(e.ip.as_deref()),
            safe_opt(e.user_agent.as_deref()),
            e.details.as_ref().map(|d| safe_text(&d.to_string()).into_owned()).unwrap_or_default().into(),
        ],
    )
}

/// The log matching the filters as CSV (every page, newest first, streamed), with each
/// event's address, user agent and details.
#[utoipa::path(get, path = "/api/v1/admin/audit.csv", tag = "audit", operation_id = "export_audit_csv",
    params(AuditParams),
    security(("bearer" = [])),
    responses(
        (status = 200, body = String, content_type = "text/csv", description = "The filtered log as CSV, one row per event"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer admin"),
        (status = 422, body = shared::error::Problem, content_type = PROBLEM, description = "Invalid input: `errors` names each field"),
    ))]
#[get("/admin/audit.csv")]
pub async fn export_csv(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    params: web::Query<AuditParams>,
) -> Result<HttpResponse, ApiError> {
    let (filter, _) = params.parse()?;
    let (today, rows) = audit_log::export(&state, &admin, &filter).await?;
    Ok(stream_csv(format!("audit-{today}.csv"), &CSV_HEADER, rows, csv_row))
}

/// The actions that occur in the dealer's log, alphabetically (for the action filter).
#[utoipa::path(get, path = "/api/v1/admin/audit/actions", tag = "audit", operation_id = "list_audit_actions",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<String>, description = "Action names"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer admin"),
    ))]
#[get("/admin/audit/actions")]
pub async fn actions(state: web::Data<AppState>, admin: DealerAdmin) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(audit_log::actions(&state, &admin).await?))
}

/// One event of the dealer's log with everything recorded: address, user agent, details.
#[utoipa::path(get, path = "/api/v1/admin/audit/{event_id}", tag = "audit", operation_id = "get_audit_event",
    params(("event_id" = Uuid, Path, description = "The event's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = AuditEntryDetail, description = "OK"),
        (status = 401, body = shared::error::Problem, content_type = PROBLEM, description = "No valid access token"),
        (status = 403, body = shared::error::Problem, content_type = PROBLEM, description = "Not a dealer admin"),
        (status = 404, body = shared::error::Problem, content_type = PROBLEM, description = "No such event in this dealer's log"),
    ))]
#[get("/admin/audit/{event_id}")]
pub async fn detail(
    state: web::Data<AppState>,
    admin: DealerAdmin,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(audit_log::event(&state, &admin, path_id(&path)?).await?))
}
