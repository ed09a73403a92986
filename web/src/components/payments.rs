//! Pieces the invoice and payment screens share: status badges, "Visa ****4242", the
//! no-permission panel and which invoices the pay form takes.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::invoices::{InvoiceKind, InvoiceStatus, InvoiceSummary};
use shared::payments::{PaymentChannel, PaymentStatus, PaymentSummary, Tender};
use uuid::Uuid;

use crate::components::icons::{Icon, IconSvg};
use crate::i18n::{Label, tr};
use crate::paths;

/// Whether the pay form may take this invoice: an open invoice (not a credit memo) with
/// something still due here.
pub fn payable(invoice: &InvoiceSummary) -> bool {
    invoice.kind == InvoiceKind::Invoice
        && invoice.status == InvoiceStatus::Open
        && invoice.amount_due.minor > 0
}

/// "Invoice" or "Credit memo".
pub fn invoice_kind_label(kind: InvoiceKind) -> String {
    match kind {
        InvoiceKind::Invoice => tr("invoice-kind-invoice"),
        InvoiceKind::CreditMemo => tr("invoice-kind-credit-memo"),
    }
}

/// How the money was paid: "Cash", "Check", "Card", "Bank account (ACH)", "Other".
pub fn tender_label(tender: Tender) -> String {
    match tender {
        Tender::Cash => tr("payment-tender-cash"),
        Tender::Check => tr("payment-tender-check"),
        Tender::Card => tr("payment-tender-card"),
        Tender::Ach => tr("payment-tender-ach"),
        Tender::Other => tr("payment-tender-other"),
    }
}

/// "Paid in the portal" or "Paid at the counter".
pub fn channel_label(channel: PaymentChannel) -> String {
    match channel {
        PaymentChannel::Portal => tr("payment-channel-portal"),
        PaymentChannel::Counter => tr("payment-channel-counter"),
    }
}

/// Open, overdue, paid, void; a credit memo says so.
#[component]
pub fn InvoiceStatusBadge(invoice: InvoiceSummary) -> impl IntoView {
    let (class, label): (&str, Label) = match (invoice.status, invoice.overdue, invoice.kind) {
        (InvoiceStatus::Open, true, _) => ("overdue", || tr("invoice-status-overdue")),
        (InvoiceStatus::Open, false, InvoiceKind::CreditMemo) => ("credit", || tr("invoice-status-credit")),
        (InvoiceStatus::Open, false, _) if invoice.pending.minor > 0 && invoice.amount_due.minor == 0 => {
            ("processing", || tr("invoice-status-processing"))
        }
        (InvoiceStatus::Open, false, _) => ("open", || tr("invoice-status-open")),
        (InvoiceStatus::Paid, _, _) => ("paid", || tr("invoice-status-paid")),
        (InvoiceStatus::Void, _, _) => ("void", || tr("invoice-status-void")),
    };
    view! {
        <span class=format!("badge badge-inv-{class}") data-testid="invoice-status" data-status=class>{label}</span>
    }
}

#[component]
pub fn PaymentStatusBadge(status: PaymentStatus) -> impl IntoView {
    let label = move || match status {
        PaymentStatus::Succeeded => tr("payment-status-paid"),
        PaymentStatus::Pending => tr("payment-status-pending"),
        PaymentStatus::Processing => tr("payment-status-processing"),
        PaymentStatus::Failed => tr("payment-status-declined"),
    };
    view! {
        <span class=format!("badge badge-pay-{}", status.as_str()) data-testid="payment-status" data-status=status.as_str()>
            {label}
        </span>
    }
}

/// "Visa ****4242", "Bank ****6789", or the method alone when the gateway named nothing;
/// for a payment received at the counter its method and reference: "Check 1042", "Cash".
pub fn instrument(payment: &PaymentSummary) -> String {
    if payment.channel == PaymentChannel::Counter {
        return match payment.reference.as_deref() {
            Some(reference) => format!("{} {reference}", tender_label(payment.method)),
            None => tender_label(payment.method),
        };
    }
    let brand = match payment.instrument_brand.as_deref() {
        Some("visa") => "Visa".to_string(),
        Some("mastercard") => "Mastercard".to_string(),
        Some("amex") => "American Express".to_string(),
        Some("discover") => "Discover".to_string(),
        Some("bank") | None if payment.method == Tender::Ach => tr("payment-bank-account"),
        Some(other) if !other.is_empty() && other != "card" => {
            let mut chars = other.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
        }
        _ => tr("payment-tender-card"),
    };
    match payment.instrument_last4.as_deref() {
        Some(last4) => format!("{brand} ****{last4}"),
        None => brand,
    }
}

/// "Paid at the counter" under a payment the store received (recorded by the back office);
/// nothing for a portal payment.
#[component]
pub fn PaymentChannelNote(channel: PaymentChannel) -> impl IntoView {
    (channel == PaymentChannel::Counter).then(|| {
        view! {
            <span class="payment-channel muted" data-testid="payment-channel" data-channel=channel.as_str()>
                {move || channel_label(channel)}
            </span>
        }
    })
}

/// The membership may view the account but not pay for it.
#[component]
pub fn PayNotAllowed(account_id: Uuid) -> impl IntoView {
    view! {
        <div class="panel panel-empty" data-testid="pay-not-allowed">
            <IconSvg icon=Icon::Lock class="panel-icon" />
            <div class="panel-body">
                <h1 class="panel-title">{move || tr("pay-not-allowed-title")}</h1>
                <p>{move || tr("pay-not-allowed-text")}</p>
                <A href=paths::invoices(account_id) attr:class="btn btn-primary">{move || tr("payment-see-invoices")}</A>
            </div>
        </div>
    }
}
