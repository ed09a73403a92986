//! Ways in for people who have no login yet, and the rules that decide who may have one.

use serde::{Deserialize, Serialize};

/// `POST /api/v1/auth/register/phone`: first registration by the account's primary phone
/// (seed 000): the phone, the email and ZIP/postal code on record, and a new password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhoneRegistrationRequest {
    /// The account's primary phone, in any common format.
    pub phone: String,
    pub email: String,
    pub postal_code: String,
    pub new_password: String,
}

/// Which number a self sign-up (A3) names the customer by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SignupReferenceKind {
    /// The customer's account number with the store.
    AccountNumber,
    /// The number of one of the customer's contracts (or quotes).
    ContractNumber,
}

/// Which second fact on record a self sign-up (A3) proves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SignupFactKind {
    /// The ZIP/postal code on the customer record.
    PostalCode,
    /// The email address on the customer record.
    Email,
}

/// `POST /api/v1/auth/signup`: self sign-up (A3, seed 001) with an account or contract
/// number plus a second fact on record; a confirmation link goes to `email`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignupRequest {
    pub reference_kind: SignupReferenceKind,
    /// The account number or contract number.
    pub reference: String,
    pub fact_kind: SignupFactKind,
    /// The ZIP/postal code or email on record, as `fact_kind` says.
    pub fact: String,
    /// Where the confirmation link goes; it becomes the login. It must be the customer's
    /// email on record or the email of one of the customer's contacts.
    pub email: String,
}

/// `GET /api/v1/auth/signup/{token}`: what a sign-up confirmation link is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignupPreview {
    pub customer_name: String,
    pub dealer: crate::branding::Branding,
    /// The new login's email.
    pub email: String,
}

/// `POST /api/v1/auth/signup/confirm`: the token from the emailed link and the new password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmSignupRequest {
    pub token: String,
    pub new_password: String,
}

/// Why a customer cannot use the portal (A5). Shown to dealer staff only; the public gets
/// one generic answer whatever the reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IneligibleReason {
    PortalDisabled,
    CashCustomer,
    MissingPhone,
    DuplicatePhone,
    MissingEmail,
    MissingPostalCode,
    NoContracts,
}

impl IneligibleReason {
    /// What an admin reads in the customer list.
    pub fn explain(self) -> &'static str {
        match self {
            IneligibleReason::PortalDisabled => "Portal access is not enabled on the customer record.",
            IneligibleReason::CashCustomer => {
                "Cash customers cannot use the portal; only account customers can."
            }
            IneligibleReason::MissingPhone => "The customer record has no primary phone.",
            IneligibleReason::DuplicatePhone => "Another customer of this dealer has the same primary phone.",
            IneligibleReason::MissingEmail => "The customer record has no email address.",
            IneligibleReason::MissingPostalCode => "The customer record has no ZIP/postal code.",
            IneligibleReason::NoContracts => "The customer has no contract or quote yet.",
        }
    }
}

/// Normalises a ZIP/postal code for comparison: letters and digits only, upper case
/// ("sw11 4nj" matches "SW114NJ"; "80202-1234" keeps its +4).
pub fn normalize_postal_code(code: &str) -> String {
    code.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postal_codes_compare_loosely() {
        assert_eq!(normalize_postal_code(" sw11 4nj "), normalize_postal_code("SW114NJ"));
        assert_eq!(normalize_postal_code("80202"), "80202");
        assert_eq!(normalize_postal_code("80202-1234"), "802021234");
    }
}
