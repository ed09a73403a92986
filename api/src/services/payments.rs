//! Paying invoices or on account (E4, E8): charged at most once, whatever the retries.
//!
//! 1. [`reserve`](crate::db::payments::reserve) in one write transaction: the payment
//!    (`processing`) under the `(user, account, Idempotency-Key)` unique constraint, its
//!    allocations, and each invoice's `pending_minor` raised by a guarded `UPDATE` that
//!    fails when less is due — a second tab paying the same invoice gets a 422.
//! 2. The gateway's `charge`, outside any transaction, with the payment id as the
//!    gateway's idempotency key: asking again never charges again.
//! 3. [`finalise`](crate::db::payments::finalise) in one write transaction, guarded by
//!    `status = 'processing'`: the outcome, the receipt email (outbox), the staff
//!    notification and the audit record; a decline releases the held amounts.
//!
//! A retry with the same key and body re-drives a payment still `processing` (the gateway
//! answers its first outcome, finalisation happens once) and answers as the first request
//! did. A gateway that does not answer leaves the payment `processing` (503).

use chrono::Utc;
use secrecy::SecretString;
use shared::error::FieldError;
use shared::payments::{PaymentDetail, PaymentInput, PaymentMethod, PaymentStatus};
use uuid::Uuid;

use crate::auth::{AccountAccess, ClientInfo, Integrator};
use crate::db::audit::AuditEvent;
use crate::db::idempotency::Keyed;
use crate::db::notifications::NewNotification;
use crate::db::payments::{ChargeFacts, NewPayment, PostOutcome, ReserveOutcome, Settlement};
use crate::domain::payments as rules;
use crate::email::templates;
use crate::error::ApiError;
use crate::ids::{CustomerId, DealerId};
use crate::payments::{AnyGateway, ChargeOutcome, ChargeRequest, Gateway};
use crate::services::idempotency::{
    Attempt, Idempotent, refuse_or_replay, replay, replay_of_twin, with_fresh_number,
};
use crate::state::AppState;

/// Who pays, from where.
pub(crate) struct Payer<'a> {
    pub state: &'a AppState,
    pub access: &'a AccountAccess,
    pub client: &'a ClientInfo,
}

/// Pays as `input` says under idempotency `key`. `Ok` with the payment when it succeeded
/// or is pending (bank debit); [`ApiError::PaymentDeclined`] with the gateway's message when
/// declined; 422 with nothing written for an invalid payment; 409 for a key used with
/// another body; 503 when the gateway did not answer (retry with the same key).
pub(crate) async fn pay(
    payer: &Payer<'_>,
    key: String,
    input: PaymentInput,
) -> Result<PaymentDetail, ApiError> {
    let hash = rules::payment_hash(&input);
    let token = SecretString::from(input.token.clone());
    let flow = CustomerPayments { payer, token: &token };
    let stored_key = key.clone();
    let key = Some(key.as_str());
    if let Some(payment) = replay(&flow, key, &hash).await? {
        return Ok(payment);
    }
    let mut errors = Vec::new();
    rules::check_shape(&input, &mut errors);
    let mut gateway = None;
    if errors.is_empty() {
        gateway = usable_gateway(payer, input.method).await?;
        if gateway.is_none() {
            errors.push(FieldError {
                field: "method".into(),
                message: format!("{} payments are not available for this account.", input.method.label()),
            });
        }
    }
    // A contract payment becomes the allocations it stands for (the request's hash stays
    // that of the body as sent, so a retry of it replays).
    let paid_contract = input.contract.as_ref().map(|c| c.contract_id);
    let mut input = input;
    if errors.is_empty()
        && let Some(contract) = input.contract.take()
    {
        let customer = payer.access.customer_id;
        let due =
            crate::db::payments::contract_invoice_facts(&payer.state.db, customer, contract.contract_id)
                .await?;
        match rules::contract_allocations(&contract, due.as_deref(), payer.access.currency) {
            Ok(allocations) => input.allocations = allocations,
            Err(error) => errors.push(error),
        }
    }
    if errors.is_empty() {
        let ids: Vec<Uuid> = input.allocations.iter().map(|a| a.invoice_id).collect();
        let found =
            crate::db::payments::invoice_facts(&payer.state.db, payer.access.customer_id, &ids).await?;
        rules::check_allocations(&input, &found, payer.access.currency, &mut errors);
    }
    let (Some(gateway), true) = (gateway, errors.is_empty()) else {
        return refuse_or_replay(&flow, key, &hash, errors).await;
    };
    let amount_minor = rules::total(&input).ok_or_else(|| ApiError::field("allocations", "Too large."))?;
    let mut allocations: Vec<(Option<Uuid>, i64)> =
        input.allocations.iter().map(|a| (Some(a.invoice_id), a.amount_minor)).collect();
    if let Some(on_account) = input.on_account_minor {
        allocations.push((None, on_account));
    }
    with_fresh_number("receipt number", || async {
        let payment = NewPayment {
            id: Uuid::now_v7(),
            dealer_id: payer.access.dealer_id,
            customer_id: payer.access.customer_id,
            created_by: payer.access.user.id(),
            number: rules::receipt_number(),
            method: input.method,
            gateway: gateway.clone(),
            amount_minor,
            currency: payer.access.currency,
            receipt_email: input.receipt_email.trim().to_string(),
            idempotency_key: stored_key.clone(),
            request_hash: hash.clone(),
            allocations: allocations.clone(),
        };
        let audit = crate::db::audit::AuditEvent {
            dealer_id: Some(payer.access.dealer_id),
            customer_id: Some(payer.access.customer_id),
            details: Some(serde_json::json!({
                "payment_id": payment.id,
                "number": payment.number,
                "method": payment.method.as_str(),
                "amount_minor": amount_minor,
                "contract_id": paid_contract,
            })),
            ..payer.client.audit("payment.started", Some(payer.access.user.id()))
        };
        match crate::db::payments::reserve(&payer.state.db, &payment, &audit, Utc::now()).await? {
            ReserveOutcome::Reserved => drive(payer, payment.id, &token).await.map(Attempt::Done),
            ReserveOutcome::KeyTaken(_) => replay_of_twin(&flow, key, &hash).await.map(Attempt::Done),
            ReserveOutcome::NumberTaken => Ok(Attempt::NumberTaken),
            ReserveOutcome::NotDue(i) => {
                // Another payment got there first: say what is due now.
                let errors = if paid_contract.is_some() {
                    vec![FieldError {
                        field: "contract.amount_minor".into(),
                        message: "An invoice of this contract was paid meanwhile. Reload to see what is due."
                            .into(),
                    }]
                } else {
                    paid_meanwhile(payer, &input, i).await?
                };
                refuse_or_replay(&flow, key, &hash, errors).await.map(Attempt::Done)
            }
        }
    })
    .await
}

/// The errors of allocation `i`, whose invoice another payment paid (in part) between the
/// checks and the reservation: what is due on it now.
async fn paid_meanwhile(
    payer: &Payer<'_>,
    input: &PaymentInput,
    i: usize,
) -> Result<Vec<FieldError>, ApiError> {
    let ids = [input.allocations[i].invoice_id];
    let found = crate::db::payments::invoice_facts(&payer.state.db, payer.access.customer_id, &ids).await?;
    let mut errors = Vec::new();
    rules::check_allocations(input, &found, payer.access.currency, &mut errors);
    if errors.is_empty() {
        errors.push(FieldError {
            field: format!("allocations[{i}].amount_minor"),
            message: "This invoice was paid meanwhile. Reload to see what is due.".into(),
        });
    }
    errors.retain(|e| e.field.starts_with(&format!("allocations[{i}]")));
    Ok(errors)
}

/// The gateway of the dealer's `method` when it is enabled and this build knows it.
async fn usable_gateway(payer: &Payer<'_>, method: PaymentMethod) -> Result<Option<String>, ApiError> {
    let name = crate::db::payments::enabled_gateway(&payer.state.db, payer.access.dealer_id, method).await?;
    Ok(name.filter(|n| AnyGateway::by_name(n, &payer.state.db).is_some()))
}

/// The customer's payments, as the `Idempotency-Key` finds them; a replay drives one still
/// `processing` to its end and answers as the first request was.
struct CustomerPayments<'a> {
    payer: &'a Payer<'a>,
    token: &'a SecretString,
}

impl Idempotent for CustomerPayments<'_> {
    const NOUN: &'static str = "payment";
    type Answer = PaymentDetail;

    async fn stored(&self, key: &str) -> Result<Option<(Uuid, Option<String>)>, ApiError> {
        let (db, access) = (&self.payer.state.db, self.payer.access);
        Ok(crate::db::idempotency::stored(db, Keyed::Payments, access.user.id(), access.customer_id, key)
            .await?)
    }

    async fn answer(&self, id: Uuid) -> Result<PaymentDetail, ApiError> {
        drive(self.payer, id, self.token).await
    }
}

/// Steps 2 and 3 for payment `id` if it is still `processing`, then its answer.
async fn drive(payer: &Payer<'_>, id: Uuid, token: &SecretString) -> Result<PaymentDetail, ApiError> {
    let db = &payer.state.db;
    let facts = crate::db::payments::charge_facts(db, payer.access.customer_id, id)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("payment {id} vanished")))?;
    if facts.decoded_status()? == PaymentStatus::Processing {
        let outcome = charge(payer, &facts, token).await?;
        let finaliser = Finaliser {
            state: payer.state,
            dealer_id: payer.access.dealer_id,
            customer_id: payer.access.customer_id,
            audit: payer.client.audit("", Some(payer.access.user.id())),
        };
        settle(&finaliser, &facts, outcome).await?;
    }
    let payment = crate::db::payments::detail(db, payer.access.customer_id, id)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("payment {id} vanished")))?;
    answer(payment)
}

/// Step 2: the gateway call, outside any transaction.
async fn charge(
    payer: &Payer<'_>,
    facts: &ChargeFacts,
    token: &SecretString,
) -> Result<ChargeOutcome, ApiError> {
    let gateway = AnyGateway::by_name(&facts.gateway, &payer.state.db)
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("unknown gateway {}", facts.gateway)))?;
    let method = facts.decoded_method()?;
    let request = ChargeRequest {
        idempotency_key: facts.id.to_string(),
        dealer_id: facts.dealer_id,
        method,
        amount_minor: facts.amount_minor,
        currency: facts.decoded_currency()?,
        token: token.clone(),
    };
    gateway.charge(request).await.map_err(|err| ApiError::Unavailable(err.into()))
}

/// Who records a payment's outcome: the paying customer's request, or the reconciler.
struct Finaliser<'a> {
    state: &'a AppState,
    dealer_id: DealerId,
    customer_id: CustomerId,
    /// The audit event's actor and origin; `settle` names the action and the facts.
    audit: AuditEvent<'a>,
}

/// Step 3: records the outcome once, with the receipt, notification and audit record.
async fn settle(by: &Finaliser<'_>, facts: &ChargeFacts, outcome: ChargeOutcome) -> Result<(), ApiError> {
    let state = by.state;
    let settlement = match outcome {
        ChargeOutcome::Approved(a) => Settlement {
            payment_id: facts.id,
            status: if facts.decoded_method()? == PaymentMethod::Ach {
                PaymentStatus::Pending
            } else {
                PaymentStatus::Succeeded
            },
            brand: a.brand,
            last4: a.last4,
            reference: Some(a.reference),
            failure_code: None,
            failure_message: None,
        },
        ChargeOutcome::Declined(d) => Settlement {
            payment_id: facts.id,
            status: PaymentStatus::Failed,
            brand: d.brand,
            last4: d.last4,
            reference: d.reference,
            failure_code: Some(d.code),
            failure_message: Some(d.message),
        },
    };
    let mut payment = crate::db::payments::detail(&state.db, by.customer_id, facts.id)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("payment {} vanished", facts.id)))?;
    payment.summary.status = settlement.status;
    payment.summary.instrument_brand = settlement.brand.clone();
    payment.summary.instrument_last4 = settlement.last4.clone();
    payment.gateway_reference = settlement.reference.clone();
    payment.failure_message = settlement.failure_message.clone();

    let succeeded = settlement.status != PaymentStatus::Failed;
    let mut emails = Vec::new();
    let mut notification = None;
    if succeeded {
        let customer = crate::db::requests::customer_facts(&state.db, by.customer_id)
            .await?
            .ok_or(ApiError::NotFound)?;
        let branding = crate::db::branding::by_id(&state.db, by.dealer_id).await?;
        // In the payer's language; the reconciler answers no request, and asks for none.
        let chosen = crate::db::users::chosen_language(&state.db, facts.created_by).await?;
        let language = crate::i18n::reader_language(branding.as_ref(), chosen, crate::i18n::asked_language());
        // Only a counter payment has no receipt email, and this is a portal payment.
        let receipt_to = payment.receipt_email.clone().ok_or_else(|| {
            ApiError::Internal(anyhow::anyhow!("portal payment {} has no receipt email", facts.id))
        })?;
        emails.push(templates::payment_receipt(
            branding.as_ref(),
            language,
            &receipt_to,
            &payment,
            &customer.name,
            &customer.account_number,
        ));
        notification = Some(NewNotification {
            dealer_id: by.dealer_id,
            location_id: customer.home_location_id,
            kind: "payment",
            title: format!(
                "{} {} of {} from {}",
                if settlement.status == PaymentStatus::Pending { "Bank payment" } else { "Payment" },
                payment.summary.number,
                payment.summary.amount.display(),
                customer.name
            ),
            request_id: None,
            feedback_id: None,
        });
    }
    let action = match settlement.status {
        PaymentStatus::Succeeded => "payment.succeeded",
        PaymentStatus::Pending => "payment.pending",
        _ => "payment.declined",
    };
    let mut details = serde_json::json!({
        "payment_id": facts.id,
        "number": payment.summary.number,
        "amount_minor": facts.amount_minor,
        "method": facts.method,
        "gateway_reference": settlement.reference,
        "failure_code": settlement.failure_code,
        "invoice_ids": payment.allocations.iter().filter_map(|a| a.invoice_id).collect::<Vec<_>>(),
    });
    if let (Some(extra), Some(details)) =
        (by.audit.details.as_ref().and_then(|d| d.as_object()), details.as_object_mut())
    {
        details.extend(extra.clone());
    }
    let audit = AuditEvent {
        action,
        dealer_id: Some(by.dealer_id),
        customer_id: Some(by.customer_id),
        details: Some(details),
        ..by.audit.clone()
    };
    let finalised = crate::db::payments::finalise(
        &state.db,
        &settlement,
        &emails,
        notification.as_ref(),
        &audit,
        Utc::now(),
    )
    .await?;
    if finalised && !emails.is_empty() {
        state.outbox_wake.notify_one();
    }
    Ok(())
}

/// How long a payment may stay `processing` before the reconciler settles it: longer than
/// any request takes from reserving a payment to recording the gateway's outcome (the
/// gateway call's own timeout included), so it never races a request still running.
pub const RECONCILE_AFTER: chrono::Duration = chrono::Duration::minutes(2);
/// How often the reconciler looks, after its pass at start-up.
const RECONCILE_EVERY: std::time::Duration = std::time::Duration::from_secs(30);
/// Payments settled per pass at most; a full pass goes again at once.
const RECONCILE_BATCH: i64 = 100;

/// Settles every payment left `processing` since before `now - RECONCILE_AFTER` (its
/// request died: a crash, a kill, a lost connection with no retry) by asking the gateway
/// what became of its charge — a lookup by the payment's idempotency key, never a charge.
/// Charged: it succeeds (or is pending) with its receipt and staff notification, and joins
/// the back office's unposted feed. Never received by the gateway: it fails with nothing
/// taken and its holds on the invoices are released. A gateway that does not answer leaves
/// it for the next pass. Audited like any outcome, with `via: reconciler`. Returns how many
/// it settled.
pub async fn reconcile(state: &AppState, now: chrono::DateTime<Utc>) -> Result<usize, ApiError> {
    let db = &state.db;
    let stale = crate::db::payments::stale_processing(db, now - RECONCILE_AFTER, RECONCILE_BATCH).await?;
    let mut settled = 0;
    for (id, customer_id) in stale {
        let Some(facts) = crate::db::payments::charge_facts(db, customer_id, id).await? else { continue };
        if facts.decoded_status()? != PaymentStatus::Processing {
            continue;
        }
        let gateway = AnyGateway::by_name(&facts.gateway, db)
            .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("unknown gateway {}", facts.gateway)))?;
        let outcome = match gateway.lookup(&facts.id.to_string()).await {
            Ok(Some(outcome)) => outcome,
            Ok(None) => ChargeOutcome::Declined(crate::payments::Declined {
                reference: None,
                code: "not_completed".into(),
                message: "The payment was not completed. No money was taken.".into(),
                brand: None,
                last4: None,
            }),
            Err(error) => {
                tracing::warn!(payment_id = %facts.id, ?error, "reconciler: gateway lookup failed; next pass");
                continue;
            }
        };
        let finaliser = Finaliser {
            state,
            dealer_id: facts.dealer_id,
            customer_id,
            audit: AuditEvent {
                details: Some(serde_json::json!({ "via": "reconciler" })),
                ..AuditEvent::default()
            },
        };
        settle(&finaliser, &facts, outcome).await?;
        tracing::info!(payment_id = %facts.id, "reconciler settled a payment left processing");
        settled += 1;
    }
    Ok(settled)
}

/// Runs [`reconcile`] at start-up and then every [`RECONCILE_EVERY`], for as long as the
/// server runs; a failed pass is logged and tried again at the next.
pub fn spawn_reconciler(state: std::sync::Arc<AppState>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match reconcile(&state, Utc::now()).await {
                Ok(n) if n as i64 >= RECONCILE_BATCH => continue,
                Ok(_) => {}
                Err(error) => tracing::error!(?error, "payment reconciler pass failed"),
            }
            tokio::time::sleep(RECONCILE_EVERY).await;
        }
    })
}

/// A payment's answer: itself when taken or submitted, 402 with the gateway's words when
/// declined, 503 while the gateway's answer is unknown.
fn answer(payment: PaymentDetail) -> Result<PaymentDetail, ApiError> {
    match payment.summary.status {
        PaymentStatus::Succeeded | PaymentStatus::Pending => Ok(payment),
        PaymentStatus::Failed => Err(ApiError::PaymentDeclined(
            payment.failure_message.unwrap_or_else(|| "The payment was declined. No money was taken.".into()),
        )),
        PaymentStatus::Processing => {
            Err(ApiError::Unavailable(anyhow::anyhow!("payment {} still processing", payment.summary.id)))
        }
    }
}

/// The back office has posted payment `id`: it leaves the unposted feed and what it held on
/// invoices with a balance newer than the payment is released (the rest when their next
/// balance arrives: `db::payments::mark_posted`); audited as `payment.posted`. Once only: posting it again
/// changes nothing. 404 for another dealer's or an unknown payment, 409 for one that was
/// not taken (processing or declined).
pub(crate) async fn mark_posted(
    state: &AppState,
    integrator: &Integrator,
    client: &ClientInfo,
    id: Uuid,
) -> Result<(), ApiError> {
    let audit = crate::db::audit::AuditEvent {
        details: Some(serde_json::json!({ "payment_id": id })),
        ..integrator.audit(client, "payment.posted")
    };
    match crate::db::payments::mark_posted(&state.db, integrator.dealer_id, id, &audit, Utc::now()).await? {
        PostOutcome::Posted | PostOutcome::AlreadyPosted => Ok(()),
        PostOutcome::NotFound => Err(ApiError::NotFound),
        PostOutcome::NotPostable => Err(ApiError::Conflict(
            "This payment was not taken (processing or declined): nothing to post.".into(),
        )),
    }
}
