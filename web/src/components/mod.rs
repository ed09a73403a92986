//! Building blocks shared by the screens.

pub mod auth_card;
pub mod contracts_table;
pub mod downloads;
pub mod filter_bar;
pub mod form;
pub mod header;
pub mod icons;
pub mod layout;
pub mod list_page;
pub mod notifications;
pub mod pager;
pub mod password_fields;
pub mod payments;
pub mod request_form;
pub mod requests;
pub mod selection_bar;
pub mod status;
pub mod token_link;
pub mod view_as;
