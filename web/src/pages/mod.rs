//! One module per screen.

pub mod account_users;
pub mod accounts;
pub mod admin;
pub mod book_again;
pub mod call_off;
pub mod change_password;
pub mod contract_detail;
pub mod contracts;
pub mod dev_mailbox;
pub mod email_confirm;
pub mod extension;
pub mod feedback;
pub mod forgot_password;
pub mod home;
pub mod invitation;
pub mod login;
pub mod not_found;
pub mod profile;
pub mod register;
pub mod rentals;
pub mod requests;
pub mod reset_password;
pub mod service_request;
pub mod signup;
pub mod tracking;
