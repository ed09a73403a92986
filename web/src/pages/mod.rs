//! One module per screen.

pub mod account_users;
pub mod accounts;
pub mod change_password;
pub mod contract_detail;
pub mod contracts;
pub mod dev_mailbox;
pub mod email_confirm;
pub mod forgot_password;
pub mod home;
pub mod invitation;
pub mod login;
pub mod not_found;
pub mod register;
pub mod reset_password;
pub mod signup;
