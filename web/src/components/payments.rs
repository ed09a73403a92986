//! Pieces the invoice and payment screens share: status badges, "Visa ****4242", the
//! no-permission panel and which invoices the pay form takes.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::invoices::{InvoiceKind, InvoiceStatus, InvoiceSummary};
use shared::payments::{PaymentChannel, PaymentStatus, PaymentSummary, Tender};
use uuid::Uuid;

use crate::components::icons::{Icon, IconSvg};
use crate::paths;

/// Whether the pay form may take this invoice: an open invoice (not a credit memo) with
/// something still due here.
pub fn payable(invoice: &InvoiceSummary) -> bool {
    invoice.kind == InvoiceKind::Invoice
        && invoice.status == InvoiceStatus::Open
        && invoice.amount_due.minor > 0
}

/// Open, overdue, paid, void; a credit memo says so.
#[component]
pub fn InvoiceStatusBadge(invoice: InvoiceSummary) -> impl IntoView {
    let (class, label) = match (invoice.status, invoice.overdue, invoice.kind) {
        (InvoiceStatus::Open, true, _) => ("overdue", "Overdue"),
        (InvoiceStatus::Open, false, InvoiceKind::CreditMemo) => ("credit", "Credit"),
        (InvoiceStatus::Open, false, _) if invoice.pending.minor > 0 && invoice.amount_due.minor == 0 => {
            ("processing", "Payment processing")
        }
        (InvoiceStatus::Open, false, _) => ("open", "Open"),
        (InvoiceStatus::Paid, _, _) => ("paid", "Paid"),
        (InvoiceStatus::Void, _, _) => ("void", "Void"),
    };
    view! {
        <span class=format!("badge badge-inv-{class}") data-testid="invoice-status" data-status=class>{label}</span>
    }
}

#[component]
pub fn PaymentStatusBadge(status: PaymentStatus) -> impl IntoView {
    let label = match status {
        PaymentStatus::Succeeded => "Paid",
        PaymentStatus::Pending => "Bank payment pending",
        PaymentStatus::Processing => "Processing",
        PaymentStatus::Failed => "Declined",
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
            Some(reference) => format!("{} {reference}", payment.method.label()),
            None => payment.method.label().to_string(),
        };
    }
    let brand = match payment.instrument_brand.as_deref() {
        Some("visa") => "Visa".to_string(),
        Some("mastercard") => "Mastercard".to_string(),
        Some("amex") => "American Express".to_string(),
        Some("discover") => "Discover".to_string(),
        Some("bank") | None if payment.method == Tender::Ach => "Bank account".to_string(),
        Some(other) if !other.is_empty() && other != "card" => {
            let mut chars = other.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
        }
        _ => "Card".to_string(),
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
                {channel.label()}
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
                <h1 class="panel-title">"Paying is not available for your login"</h1>
                <p>"You don't have permission to pay for this account — ask the account owner."</p>
                <A href=paths::invoices(account_id) attr:class="btn btn-primary">"See invoices"</A>
            </div>
        </div>
    }
}
