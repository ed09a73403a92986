//! Reading requests back: the filtered list (a customer's or a dealer's) and one request
//! with its lines and status history.

use super::*;

const SUMMARY_SELECT: &str = "SELECT r.id, r.number, r.kind, r.status, r.customer_id, \
     cu.account_number, cu.name AS customer_name, r.location_id, l.external_id AS location_external_id, l.name AS location_name, \
     r.service_kind, r.pickup_date, r.scheduled_date, r.created_at, r.updated_at, \
     (SELECT CAST(COUNT(*) AS BIGINT) FROM request_lines rl WHERE rl.request_id = r.id) AS line_count, \
     (SELECT cl.description FROM request_lines rl JOIN contract_lines cl ON cl.id = rl.line_id \
      JOIN contracts k ON k.id = rl.contract_id WHERE rl.request_id = r.id \
      ORDER BY k.number, cl.line_no LIMIT 1) AS first_item";

const FROM: &str = " FROM customer_requests r JOIN customers cu ON cu.id = r.customer_id \
     LEFT JOIN locations l ON l.id = r.location_id WHERE";

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: Uuid,
    number: String,
    kind: String,
    status: String,
    customer_id: Uuid,
    account_number: String,
    customer_name: String,
    location_id: Option<Uuid>,
    location_external_id: Option<String>,
    location_name: Option<String>,
    service_kind: Option<String>,
    pickup_date: Option<NaiveDate>,
    scheduled_date: Option<NaiveDate>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    line_count: i64,
    first_item: Option<String>,
}

impl SummaryRow {
    fn into_summary(self) -> Result<RequestSummary, sqlx::Error> {
        Ok(RequestSummary {
            id: self.id,
            number: self.number,
            kind: enum_text(&self.kind, "customer_requests.kind")?,
            status: enum_text(&self.status, "customer_requests.status")?,
            customer: CustomerRef {
                id: self.customer_id,
                account_number: self.account_number,
                name: self.customer_name,
            },
            location: crate::db::location_ref(
                self.location_id,
                self.location_external_id,
                self.location_name,
            ),
            service_kind: enum_text_opt(self.service_kind.as_deref(), "customer_requests.service_kind")?,
            line_count: u32::try_from(self.line_count).unwrap_or(0),
            first_item: self.first_item,
            pickup_date: self.pickup_date,
            scheduled_date: self.scheduled_date,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// Which requests a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    All,
    /// Neither completed nor cancelled.
    Open,
    Only(RequestStatus),
}

/// Filters of a request list within a [`Scope`].
#[derive(Debug, Clone, Copy)]
pub struct RequestFilter {
    pub status: StatusFilter,
    pub kind: Option<RequestKind>,
    pub location_id: Option<Uuid>,
    /// Oldest first (the store's queue of open requests) instead of newest first.
    pub oldest_first: bool,
}

fn push_filters<DB>(qb: &mut QueryBuilder<DB>, scope: Scope, filter: &RequestFilter)
where
    DB: Database,
    for<'q> Uuid: Encode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Type<DB>,
{
    scope.push(qb);
    match filter.status {
        StatusFilter::All => {}
        StatusFilter::Open => {
            qb.push(" AND r.status NOT IN ('completed', 'cancelled')");
        }
        StatusFilter::Only(status) => {
            qb.push(" AND r.status = ").push_bind(status.as_str().to_string());
        }
    }
    if let Some(kind) = filter.kind {
        qb.push(" AND r.kind = ").push_bind(kind.as_str().to_string());
    }
    if let Some(location_id) = filter.location_id {
        qb.push(" AND r.location_id = ").push_bind(location_id);
    }
}

/// One page of requests in `scope` matching `filter`, and the total.
pub async fn list(
    db: &Db,
    scope: Scope,
    filter: &RequestFilter,
    limit: u32,
    offset: u64,
) -> Result<(Vec<RequestSummary>, u64), sqlx::Error> {
    let order = if filter.oldest_first {
        " ORDER BY r.created_at ASC, r.id ASC"
    } else {
        " ORDER BY r.created_at DESC, r.id DESC"
    };
    let (rows, total): (Vec<SummaryRow>, i64) = db_run!(db, pool => {
        let mut qb = QueryBuilder::new(SUMMARY_SELECT);
        qb.push(FROM);
        push_filters(&mut qb, scope, filter);
        qb.push(order);
        crate::db::sql::push_page(&mut qb, limit, offset);
        let rows = qb.build_query_as().fetch_all(pool).await?;
        let mut qb = QueryBuilder::new("SELECT CAST(COUNT(*) AS BIGINT)");
        qb.push(FROM);
        push_filters(&mut qb, scope, filter);
        let total = qb.build_query_scalar().fetch_one(pool).await?;
        (rows, total)
    });
    let summaries = rows.into_iter().map(SummaryRow::into_summary).collect::<Result<_, _>>()?;
    Ok((summaries, u64::try_from(total).unwrap_or(0)))
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    #[sqlx(flatten)]
    summary: SummaryRow,
    dealer_id: DealerId,
    contract_id: Option<Uuid>,
    pickup_window: Option<String>,
    billing_stop_date: Option<NaiveDate>,
    requested_date: Option<NaiveDate>,
    requested_end_date: Option<NaiveDate>,
    description: Option<String>,
    site_address: Option<String>,
    contact_name: String,
    contact_phone: Option<String>,
    contact_email: String,
    notes: Option<String>,
    cancel_reason: Option<String>,
    created_by_name: String,
    created_by: Uuid,
}

/// The lines of request `$1`, with the back office's ids.
const LINES_SELECT: &str = "SELECT rl.line_id, cl.external_id AS line_external_id, rl.contract_id, \
     k.external_id AS contract_external_id, k.number AS contract_number, cl.description, \
     cl.item_code, cl.serial_number, cl.quantity, cl.start_date, cl.expected_return \
     FROM request_lines rl JOIN contract_lines cl ON cl.id = rl.line_id \
     JOIN contracts k ON k.id = rl.contract_id WHERE rl.request_id = $1 \
     ORDER BY k.number, cl.line_no";

#[derive(sqlx::FromRow)]
pub(crate) struct LineRow {
    line_id: Uuid,
    line_external_id: String,
    contract_id: Uuid,
    contract_external_id: String,
    contract_number: String,
    description: String,
    item_code: Option<String>,
    serial_number: Option<String>,
    quantity: i32,
    start_date: Option<NaiveDate>,
    expected_return: Option<NaiveDate>,
}

impl LineRow {
    fn into_line(self) -> RequestLine {
        RequestLine {
            line_id: self.line_id,
            line_external_id: self.line_external_id,
            contract_id: self.contract_id,
            contract_external_id: self.contract_external_id,
            contract_number: self.contract_number,
            description: self.description,
            item_code: self.item_code,
            serial_number: self.serial_number,
            quantity: self.quantity,
            start_date: self.start_date,
            expected_return: self.expected_return,
        }
    }
}

#[derive(sqlx::FromRow)]
struct EventRow {
    status: String,
    note: Option<String>,
    scheduled_date: Option<NaiveDate>,
    actor_kind: String,
    actor_name: Option<String>,
    occurred_at: DateTime<Utc>,
}

impl EventRow {
    fn into_event(self) -> Result<RequestEvent, sqlx::Error> {
        Ok(RequestEvent {
            status: enum_text(&self.status, "request_events.status")?,
            note: self.note,
            scheduled_date: self.scheduled_date,
            actor: enum_text(&self.actor_kind, "request_events.actor_kind")?,
            actor_name: self.actor_name,
            occurred_at: self.occurred_at,
        })
    }
}

/// A request with its lines and events, as loaded: the DTO and the dealer it belongs to.
#[derive(Debug, Clone)]
pub struct LoadedRequest {
    pub dealer_id: DealerId,
    pub detail: RequestDetail,
}

/// One request within `scope`, or `None` (foreign and unknown ids alike).
pub async fn detail(db: &Db, scope: Scope, request_id: Uuid) -> Result<Option<LoadedRequest>, sqlx::Error> {
    let found: Option<(DetailRow, Vec<LineRow>, Vec<EventRow>)> = db_run!(db, pool => {
        let mut qb = QueryBuilder::new(SUMMARY_SELECT);
        qb.push(
            ", r.dealer_id, r.contract_id, r.pickup_window, r.billing_stop_date, r.requested_date, \
             r.requested_end_date, r.description, r.site_address, r.contact_name, r.contact_phone, \
             r.contact_email, r.notes, r.cancel_reason, u.display_name AS created_by_name, \
             r.created_by",
        );
        qb.push(
            " FROM customer_requests r JOIN customers cu ON cu.id = r.customer_id \
             JOIN users u ON u.id = r.created_by LEFT JOIN locations l ON l.id = r.location_id WHERE",
        );
        scope.push(&mut qb);
        qb.push(" AND r.id = ").push_bind(request_id);
        let row: Option<DetailRow> = qb.build_query_as().fetch_optional(pool).await?;
        match row {
            None => None,
            Some(row) => {
                let lines = sqlx::query_as(LINES_SELECT)
                .bind(request_id)
                .fetch_all(pool)
                .await?;
                let events = sqlx::query_as(
                    "SELECT e.status, e.note, e.scheduled_date, e.actor_kind, u.display_name AS actor_name, \
                     e.occurred_at FROM request_events e LEFT JOIN users u ON u.id = e.actor_user_id \
                     WHERE e.request_id = $1 ORDER BY e.occurred_at, e.id",
                )
                .bind(request_id)
                .fetch_all(pool)
                .await?;
                Some((row, lines, events))
            }
        }
    });
    found.map(|(row, lines, events)| loaded(row, lines, events)).transpose()
}

/// The DTO of a request as [`detail`] read it.
fn loaded(row: DetailRow, lines: Vec<LineRow>, events: Vec<EventRow>) -> Result<LoadedRequest, sqlx::Error> {
    Ok(LoadedRequest {
        dealer_id: row.dealer_id,
        detail: RequestDetail {
            summary: row.summary.into_summary()?,
            lines: lines.into_iter().map(LineRow::into_line).collect(),
            events: events.into_iter().map(EventRow::into_event).collect::<Result<_, _>>()?,
            pickup_window: row.pickup_window,
            billing_stop_date: row.billing_stop_date,
            requested_date: row.requested_date,
            requested_end_date: row.requested_end_date,
            contract_id: row.contract_id,
            description: row.description,
            site_address: row.site_address,
            contact: RequestContact {
                name: row.contact_name,
                phone: row.contact_phone,
                email: row.contact_email,
            },
            notes: row.notes,
            cancel_reason: row.cancel_reason,
            created_by_name: row.created_by_name,
            created_by: row.created_by,
        },
    })
}

/// What a request event says beyond the request as stored: the status it came from, who
/// moved it and their note.
#[derive(Debug, Clone)]
pub struct RequestChange {
    pub previous_status: Option<RequestStatus>,
    pub actor: ActorKind,
    pub note: Option<String>,
}

/// The request, as the change feed reports it, of `$1`.
pub(crate) const EVENT_HEAD_SELECT: &str = "SELECT r.id, r.number, r.kind, r.status, r.dealer_id, r.customer_id, \
     cu.external_id AS customer_external_id, cu.account_number, cu.name AS customer_name, \
     r.location_id, l.external_id AS location_external_id, l.name AS location_name, \
     r.contract_id, k.external_id AS contract_external_id, k.number AS contract_number, \
     r.pickup_date, r.pickup_window, r.billing_stop_date, r.scheduled_date, r.requested_date, \
     r.requested_end_date, r.service_kind, r.description, r.site_address, r.contact_name, \
     r.contact_phone, r.contact_email, r.notes, r.cancel_reason, r.created_at \
     FROM customer_requests r JOIN customers cu ON cu.id = r.customer_id \
     LEFT JOIN locations l ON l.id = r.location_id LEFT JOIN contracts k ON k.id = r.contract_id \
     WHERE r.id = $1";

pub(crate) const EVENT_LINES_SELECT: &str = LINES_SELECT;

#[derive(sqlx::FromRow)]
pub(crate) struct EventHeadRow {
    id: Uuid,
    number: String,
    kind: String,
    status: String,
    dealer_id: DealerId,
    customer_id: CustomerId,
    customer_external_id: String,
    account_number: String,
    customer_name: String,
    location_id: Option<Uuid>,
    location_external_id: Option<String>,
    location_name: Option<String>,
    contract_id: Option<Uuid>,
    contract_external_id: Option<String>,
    contract_number: Option<String>,
    pickup_date: Option<NaiveDate>,
    pickup_window: Option<String>,
    billing_stop_date: Option<NaiveDate>,
    scheduled_date: Option<NaiveDate>,
    requested_date: Option<NaiveDate>,
    requested_end_date: Option<NaiveDate>,
    service_kind: Option<String>,
    description: Option<String>,
    site_address: Option<String>,
    contact_name: String,
    contact_phone: Option<String>,
    contact_email: String,
    notes: Option<String>,
    cancel_reason: Option<String>,
    created_at: DateTime<Utc>,
}

impl EventHeadRow {
    /// The event of this request as it now stands; `created` picks `request.created` over
    /// `request.status_changed`.
    pub(crate) fn into_event(
        self,
        lines: Vec<LineRow>,
        change: RequestChange,
        created: bool,
    ) -> Result<crate::db::events::NewEvent, sqlx::Error> {
        let data = RequestEventV1 {
            request_id: self.id,
            number: self.number,
            kind: enum_text(&self.kind, "customer_requests.kind")?,
            status: enum_text(&self.status, "customer_requests.status")?,
            previous_status: change.previous_status,
            actor: change.actor,
            note: change.note,
            customer: EventCustomer {
                id: self.customer_id.get(),
                external_id: self.customer_external_id,
                account_number: self.account_number,
                name: self.customer_name,
            },
            location: match (self.location_id, self.location_external_id, self.location_name) {
                (Some(id), Some(external_id), Some(name)) => Some(LocationRef { id, external_id, name }),
                _ => None,
            },
            contract: match (self.contract_id, self.contract_external_id, self.contract_number) {
                (Some(id), Some(external_id), Some(number)) => {
                    Some(EventContract { id, external_id, number })
                }
                _ => None,
            },
            lines: lines.into_iter().map(LineRow::into_line).collect(),
            pickup_date: self.pickup_date,
            pickup_window: self.pickup_window,
            billing_stop_date: self.billing_stop_date,
            scheduled_date: self.scheduled_date,
            requested_date: self.requested_date,
            requested_end_date: self.requested_end_date,
            service_kind: enum_text_opt(self.service_kind.as_deref(), "customer_requests.service_kind")?,
            description: self.description,
            site_address: self.site_address,
            contact: RequestContact {
                name: self.contact_name,
                phone: self.contact_phone,
                email: self.contact_email,
            },
            notes: self.notes,
            cancel_reason: self.cancel_reason,
            created_at: self.created_at,
        };
        let event = if created { Event::RequestCreated(data) } else { Event::RequestStatusChanged(data) };
        Ok(crate::db::events::NewEvent::new(self.dealer_id, Some(self.customer_id), event))
    }
}

/// Records, on the transaction `$tx`, the change-feed event of request `$request_id` as it
/// stands in that transaction (after the change): `request.created` when `$created`, else
/// `request.status_changed`, with `$change` ([`RequestChange`]).
macro_rules! record_request_event {
    ($tx:ident, $request_id:expr, $change:expr, $created:expr, $at:expr) => {
        async {
            let request_id: uuid::Uuid = $request_id;
            let head: $crate::db::requests::EventHeadRow =
                sqlx::query_as($crate::db::requests::EVENT_HEAD_SELECT)
                    .bind(request_id)
                    .fetch_one(&mut *$tx)
                    .await?;
            let lines: Vec<$crate::db::requests::LineRow> =
                sqlx::query_as($crate::db::requests::EVENT_LINES_SELECT)
                    .bind(request_id)
                    .fetch_all(&mut *$tx)
                    .await?;
            let event = head.into_event(lines, $change, $created)?;
            $crate::db::events::record_event!(&mut *$tx, &event, $at).await
        }
    };
}
pub(crate) use record_request_event;
