//! [`TextEnum`]: the enums stored as one fixed word per variant (in database columns), so
//! the server reads them all one way — and refuses a word that names no variant.

use crate::accounts::MembershipRole;
use crate::admin_customers::PortalStatus;
use crate::auth::UserRole;
use crate::branding::{BillingStop, Terminology};
use crate::contracts::{ContractStatus, LineKind, LineStatus};
use crate::feedback::{FeedbackKind, FeedbackStatus};
use crate::invoices::{InvoiceKind, InvoiceStatus};
use crate::money::Currency;
use crate::payments::{PaymentChannel, PaymentMethod, PaymentStatus, SandboxOutcome, Tender};
use crate::records::CustomerKind;
use crate::requests::{ActorKind, RequestKind, RequestStatus, ServiceKind};
use crate::settings::HomeTile;

/// An enum written as one fixed word per variant: `as_str` writes it, `parse` reads it
/// back. Each implementation hands over to the enum's own `as_str` (or `code`) and `parse`.
pub trait TextEnum: Copy + Sized + 'static {
    /// The word of this variant, as stored: `"call_off"`, `"USD"`.
    fn as_str(self) -> &'static str;

    /// The variant `text` names; `None` when it names none.
    fn parse(text: &str) -> Option<Self>;
}

/// `TextEnum` for each `Type => word method`, handing over to the type's inherent methods.
macro_rules! text_enum {
    ($($ty:ty => $as_str:ident),+ $(,)?) => {$(
        impl TextEnum for $ty {
            fn as_str(self) -> &'static str {
                <$ty>::$as_str(self)
            }

            fn parse(text: &str) -> Option<Self> {
                <$ty>::parse(text)
            }
        }
    )+};
}

text_enum! {
    ActorKind => as_str,
    ContractStatus => as_str,
    Currency => code,
    CustomerKind => as_str,
    FeedbackKind => as_str,
    FeedbackStatus => as_str,
    HomeTile => as_str,
    InvoiceKind => as_str,
    InvoiceStatus => as_str,
    LineKind => as_str,
    LineStatus => as_str,
    MembershipRole => as_str,
    PaymentChannel => as_str,
    PaymentMethod => as_str,
    PaymentStatus => as_str,
    PortalStatus => as_str,
    RequestKind => as_str,
    RequestStatus => as_str,
    SandboxOutcome => as_str,
    ServiceKind => as_str,
    Tender => as_str,
    Terminology => as_str,
    BillingStop => as_str,
    UserRole => as_str,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<T: TextEnum + PartialEq + std::fmt::Debug>(variants: &[T]) {
        for &v in variants {
            assert_eq!(<T as TextEnum>::parse(TextEnum::as_str(v)), Some(v), "{v:?}");
        }
        assert_eq!(<T as TextEnum>::parse("no such word"), None);
        assert_eq!(<T as TextEnum>::parse(""), None);
    }

    #[test]
    fn every_word_reads_back_as_its_variant_and_others_as_none() {
        round_trips(&[ActorKind::Customer, ActorKind::Store]);
        round_trips(&ContractStatus::ALL);
        round_trips(&[Currency::Usd, Currency::Gbp, Currency::Aud, Currency::Cad, Currency::Eur]);
        round_trips(&FeedbackKind::ALL);
        round_trips(&[FeedbackStatus::New, FeedbackStatus::Handled]);
        round_trips(&InvoiceKind::ALL);
        round_trips(&InvoiceStatus::ALL);
        round_trips(&[LineKind::Rental, LineKind::Sale, LineKind::Fee]);
        round_trips(&LineStatus::ALL);
        round_trips(&[MembershipRole::Owner, MembershipRole::Member]);
        round_trips(&PaymentChannel::ALL);
        round_trips(&PaymentMethod::ALL);
        round_trips(&Tender::ALL);
        round_trips(&PaymentStatus::ALL);
        round_trips(&RequestKind::ALL);
        round_trips(&RequestStatus::ALL);
        round_trips(&[SandboxOutcome::Approve, SandboxOutcome::Decline, SandboxOutcome::InsufficientFunds]);
        round_trips(&ServiceKind::ALL);
        round_trips(&[Terminology::Rentals, Terminology::Hires]);
        round_trips(&[BillingStop::CallOffDate, BillingStop::PickupDate]);
        round_trips(&[
            UserRole::Customer,
            UserRole::DealerStaff,
            UserRole::DealerAdmin,
            UserRole::PlatformAdmin,
        ]);
    }
}
