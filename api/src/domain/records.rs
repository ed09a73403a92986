//! The back office's location and customer batches (I3): what a batch must satisfy on its
//! own, before the database is asked about stores and account numbers. Every problem is
//! named by its path in the body (`customers[3].contacts[1].email`).

use std::collections::HashSet;

use shared::email::EmailAddress;
use shared::error::FieldError;
use shared::phone::normalize_phone;
use shared::records::{
    ContactUpsert, CustomerUpsert, JobUpsert, LocationUpsert, MAX_CONTACTS, MAX_CUSTOMERS, MAX_JOBS,
    MAX_LOCATIONS,
};

use crate::error::ApiError;

/// Longest ids and numbers, names, and free texts (addresses) accepted, in characters.
const MAX_ID: usize = 100;
const MAX_CODE: usize = 20;
const MAX_NUMBER: usize = 50;
const MAX_NAME: usize = 200;
const MAX_TEXT: usize = 500;

/// A trimmed optional text, blank read as absent: how every optional text is stored.
pub fn text(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// Every problem of a location batch on its own.
pub fn validate_locations(locations: &[LocationUpsert]) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    batch_size(&mut errors, "locations", locations.len(), MAX_LOCATIONS);
    let mut ids = HashSet::new();
    for (i, location) in locations.iter().enumerate() {
        let mut item = Item { errors: &mut errors, path: format!("locations[{i}]") };
        item.external_id(&location.external_id, &mut ids, "location");
        item.required("code", &location.code, MAX_CODE, "Enter the location's short code.");
        item.required("name", &location.name, MAX_NAME, "Enter the location's name.");
        item.phone("phone", &location.phone);
        item.email("email", &location.email);
        item.optional("address", &location.address, MAX_TEXT);
    }
    finish(errors)
}

/// Every problem of a customer batch on its own, its contacts and jobs included; ids and
/// account numbers must not repeat within the batch.
pub fn validate_customers(customers: &[CustomerUpsert]) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    batch_size(&mut errors, "customers", customers.len(), MAX_CUSTOMERS);
    let (mut ids, mut numbers, mut contact_ids, mut job_ids) =
        (HashSet::new(), HashSet::new(), HashSet::new(), HashSet::new());
    for (i, customer) in customers.iter().enumerate() {
        let path = format!("customers[{i}]");
        let mut item = Item { errors: &mut errors, path: path.clone() };
        item.external_id(&customer.external_id, &mut ids, "customer");
        item.required("account_number", &customer.account_number, MAX_NUMBER, "Enter the account number.");
        if !numbers.insert(customer.account_number.trim().to_uppercase()) {
            item.error("account_number", "Two customers in the batch have this account number.");
        }
        item.required("name", &customer.name, MAX_NAME, "Enter the customer's name.");
        item.phone("phone", &customer.phone);
        item.phone("mobile_phone", &customer.mobile_phone);
        item.email("email", &customer.email);
        item.optional("billing_address", &customer.billing_address, MAX_TEXT);
        item.optional("shipping_address", &customer.shipping_address, MAX_TEXT);
        item.optional("postal_code", &customer.postal_code, MAX_CODE);
        item.optional("home_location_external_id", &customer.home_location_external_id, MAX_ID);
        if customer.credit_limit_minor.is_some_and(|limit| limit < 0) {
            item.error("credit_limit_minor", "The credit limit cannot be negative.");
        }
        if let Some(contacts) = &customer.contacts {
            batch_size(&mut errors, &format!("{path}.contacts"), contacts.len(), MAX_CONTACTS);
            validate_contacts(&mut errors, &path, contacts, &mut contact_ids);
        }
        if let Some(jobs) = &customer.jobs {
            batch_size(&mut errors, &format!("{path}.jobs"), jobs.len(), MAX_JOBS);
            validate_jobs(&mut errors, &path, jobs, &mut job_ids);
        }
    }
    finish(errors)
}

fn validate_contacts(
    errors: &mut Vec<FieldError>,
    customer: &str,
    contacts: &[ContactUpsert],
    ids: &mut HashSet<String>,
) {
    let mut primary = false;
    for (j, contact) in contacts.iter().enumerate() {
        let mut item = Item { errors, path: format!("{customer}.contacts[{j}]") };
        item.external_id(&contact.external_id, ids, "contact");
        item.required("name", &contact.name, MAX_NAME, "Enter the contact's name.");
        item.email("email", &contact.email);
        item.phone("phone", &contact.phone);
        if contact.is_primary && std::mem::replace(&mut primary, true) {
            item.error("is_primary", "Only one contact of a customer can be the primary one.");
        }
    }
}

fn validate_jobs(
    errors: &mut Vec<FieldError>,
    customer: &str,
    jobs: &[JobUpsert],
    ids: &mut HashSet<String>,
) {
    for (j, job) in jobs.iter().enumerate() {
        let mut item = Item { errors, path: format!("{customer}.jobs[{j}]") };
        item.external_id(&job.external_id, ids, "job");
        item.optional("number", &job.number, MAX_NUMBER);
        item.required("name", &job.name, MAX_NAME, "Enter the job's name.");
        item.optional("address", &job.address, MAX_TEXT);
    }
}

fn batch_size(errors: &mut Vec<FieldError>, field: &str, len: usize, max: usize) {
    if len > max {
        errors.push(FieldError { field: field.into(), message: format!("Send at most {max} per batch.") });
    }
}

fn finish(errors: Vec<FieldError>) -> Result<(), ApiError> {
    if errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(errors)) }
}

/// The checks of one record's fields, each error named under the record's `path`.
struct Item<'e> {
    errors: &'e mut Vec<FieldError>,
    path: String,
}

impl Item<'_> {
    fn error(&mut self, field: &str, message: &str) {
        self.errors.push(FieldError { field: format!("{}.{field}", self.path), message: message.into() });
    }

    fn too_long(&mut self, field: &str, value: &str, max: usize) -> bool {
        let long = value.chars().count() > max;
        if long {
            self.error(field, &format!("Use at most {max} characters."));
        }
        long
    }

    fn required(&mut self, field: &str, value: &str, max: usize, missing: &str) {
        if value.trim().is_empty() {
            self.error(field, missing);
        } else {
            self.too_long(field, value.trim(), max);
        }
    }

    fn optional(&mut self, field: &str, value: &Option<String>, max: usize) {
        if let Some(value) = text(value) {
            self.too_long(field, value, max);
        }
    }

    /// A back-office id: present, not too long, and not twice in the batch.
    fn external_id(&mut self, value: &str, seen: &mut HashSet<String>, noun: &str) {
        let id = value.trim();
        if id.is_empty() {
            self.error("external_id", &format!("Enter the {noun}'s id in the back office."));
        } else if !self.too_long("external_id", id, MAX_ID) && !seen.insert(id.to_string()) {
            self.error("external_id", &format!("This {noun} is in the batch twice."));
        }
    }

    fn phone(&mut self, field: &str, value: &Option<String>) {
        if text(value).is_some_and(|phone| normalize_phone(phone).is_none()) {
            self.error(field, "Not a phone number: use digits, spaces, + - ( ) . / only, 7 to 15 digits.");
        }
    }

    fn email(&mut self, field: &str, value: &Option<String>) {
        if text(value).is_some_and(|email| !EmailAddress::is_valid(email)) {
            self.error(field, "Not an email address.");
        }
    }
}

#[cfg(test)]
mod tests {
    use shared::records::CustomerKind;

    use super::*;

    fn customer(external_id: &str, number: &str) -> CustomerUpsert {
        CustomerUpsert {
            external_id: external_id.into(),
            account_number: number.into(),
            name: "Acme Builders".into(),
            kind: CustomerKind::Account,
            portal_enabled: true,
            phone: Some("(303) 555-0199".into()),
            mobile_phone: None,
            email: Some("ap@acme.example".into()),
            billing_address: Some("1 Main St\nDenver, CO".into()),
            shipping_address: None,
            postal_code: Some("80202".into()),
            credit_limit_minor: Some(500_000),
            home_location_external_id: Some("LOC-DEN".into()),
            contacts: Some(vec![contact("K1", true)]),
            jobs: Some(vec![JobUpsert {
                external_id: "J1".into(),
                number: Some("J-100".into()),
                name: "Stadium".into(),
                address: None,
                active: true,
            }]),
        }
    }

    fn contact(external_id: &str, is_primary: bool) -> ContactUpsert {
        ContactUpsert {
            external_id: external_id.into(),
            name: "Pat".into(),
            email: Some("pat@acme.example".into()),
            phone: None,
            is_primary,
        }
    }

    fn fields(result: Result<(), ApiError>) -> Vec<String> {
        match result {
            Ok(()) => Vec::new(),
            Err(ApiError::Validation(errors)) => errors.into_iter().map(|e| e.field).collect(),
            Err(other) => panic!("{other:?}"),
        }
    }

    #[test]
    fn each_bad_field_is_named_by_its_path() {
        let mut bad = customer("B", "200");
        bad.phone = Some("call us".into());
        bad.credit_limit_minor = Some(-1);
        bad.contacts = Some(vec![contact("K2", true), contact("K1", true)]);
        if let Some(contact) = bad.contacts.as_mut().and_then(|c| c.get_mut(0)) {
            contact.email = Some("not-an-email".into());
        }
        let mut twin = customer("A", " 100 ");
        twin.name = " ".into();
        twin.contacts = None;
        twin.jobs = None;
        assert_eq!(
            fields(validate_customers(&[customer("A", "100"), bad, twin])),
            [
                "customers[1].phone",
                "customers[1].credit_limit_minor",
                "customers[1].contacts[0].email",
                "customers[1].contacts[1].external_id",
                "customers[1].contacts[1].is_primary",
                "customers[1].jobs[0].external_id",
                "customers[2].external_id",
                "customers[2].account_number",
                "customers[2].name",
            ]
        );
        assert!(fields(validate_customers(&[customer("A", "100")])).is_empty());
    }

    #[test]
    fn batches_over_the_limit_are_refused() {
        let many: Vec<_> = (0..=MAX_CUSTOMERS)
            .map(|i| CustomerUpsert {
                contacts: None,
                jobs: None,
                ..customer(&format!("C{i}"), &format!("{i}"))
            })
            .collect();
        assert_eq!(fields(validate_customers(&many)), ["customers"]);
        let mut crowded = customer("A", "1");
        crowded.contacts = Some((0..=MAX_CONTACTS).map(|j| contact(&format!("K{j}"), false)).collect());
        assert_eq!(fields(validate_customers(&[crowded])), ["customers[0].contacts"]);
        let location = |id: &str| LocationUpsert {
            external_id: id.into(),
            code: "DEN".into(),
            name: "Denver".into(),
            phone: None,
            email: Some("den@dealer.example".into()),
            address: None,
        };
        let locations: Vec<_> = (0..=MAX_LOCATIONS).map(|i| location(&format!("L{i}"))).collect();
        assert_eq!(fields(validate_locations(&locations)), ["locations"]);
        let mut bad = location("L1");
        bad.code = String::new();
        bad.email = Some("den".into());
        assert_eq!(fields(validate_locations(&[bad])), ["locations[0].code", "locations[0].email"]);
    }
}
