//! HTTP routes, one module per resource. Handlers are thin: parse, call, map.

pub mod account;
pub mod account_users;
pub mod accounts;
pub mod admin;
pub mod admin_customers;
pub mod api_clients;
pub mod audit_log;
pub mod auth;
pub mod branding;
pub mod contract_integrations;
pub mod contract_pdf;
pub mod contracts;
pub mod counter_payments;
pub mod csv_export;
pub mod dealer_settings;
pub mod dev;
pub mod events;
pub mod fallback;
pub mod feedback;
pub mod headers;
pub mod health;
pub mod inbox;
pub mod invitations;
pub mod invoice_integrations;
pub mod invoices;
pub mod json;
pub mod list_params;
pub mod metrics;
pub mod oauth;
pub mod openapi;
pub mod overview;
pub mod password;
pub mod payments;
pub mod pdf_files;
pub mod platform;
pub mod portal_settings;
pub mod rate_limits;
pub mod record_integrations;
pub mod registration;
pub mod rentals;
pub mod request_filing;
pub mod requests;
pub mod signup;
pub mod staff;
pub mod sync_status;
pub mod tracking;
pub mod unstorable;
pub mod view_as;
pub mod webhooks;

use actix_web::web;

/// Mounts every `/api/v1` route and the operational endpoints.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(metrics::metrics);
    cfg.service(health::healthz).service(health::readyz).service(openapi::openapi_json).service(
        web::scope("/api/v1")
            .wrap(actix_web::middleware::from_fn(unstorable::refuse_nul))
            // Read-only views as a customer (A14): one rule for every route, before any of them.
            .wrap(actix_web::middleware::from_fn(crate::auth::view_as::guard))
            .wrap(actix_web::middleware::from_fn(rate_limits::api_budget))
            .service(auth::login)
            .service(auth::refresh)
            .service(auth::logout)
            .service(auth::me)
            .service(account::change_password)
            .service(account::logout_all)
            .service(account::update_profile)
            .service(account::change_email)
            .service(account::confirm_email_change)
            .service(password::forgot)
            .service(password::reset)
            .service(registration::register_by_phone)
            .service(signup::sign_up)
            .service(signup::confirm)
            .service(signup::preview)
            .service(dev::mailbox)
            .service(admin::unlock_user)
            .service(admin::reset_password)
            .service(admin_customers::export_csv)
            .service(admin_customers::list)
            .service(admin_customers::detail)
            .service(admin_customers::deactivate_customer)
            .service(admin_customers::reactivate_customer)
            .service(admin_customers::deactivate_user)
            .service(admin_customers::reactivate_user)
            .service(view_as::start)
            .service(view_as::end)
            .service(dealer_settings::get)
            .service(dealer_settings::update)
            .service(portal_settings::get_branding)
            .service(portal_settings::update_branding)
            .service(portal_settings::upload_logo)
            .service(portal_settings::remove_logo)
            .service(portal_settings::logo)
            .service(portal_settings::store_emails)
            .service(portal_settings::update_store_email)
            .service(portal_settings::payments)
            .service(portal_settings::update_payments)
            .service(staff::list)
            .service(staff::invite)
            .service(staff::detail)
            .service(staff::update)
            .service(staff::deactivate)
            .service(staff::reactivate)
            .service(staff::resend_invitation)
            .service(audit_log::list)
            .service(audit_log::export_csv)
            .service(audit_log::actions)
            .service(audit_log::detail)
            .service(api_clients::list)
            .service(api_clients::create)
            .service(api_clients::rotate)
            .service(api_clients::revoke)
            .service(webhooks::list)
            .service(webhooks::create)
            .service(webhooks::detail)
            .service(webhooks::update)
            .service(webhooks::remove)
            .service(webhooks::rotate)
            .service(webhooks::enable)
            .service(webhooks::disable)
            .service(webhooks::send_test)
            .service(webhooks::deliveries)
            .service(webhooks::delivery)
            .service(webhooks::replay)
            .service(oauth::token)
            .service(platform::list_dealers)
            .service(platform::create_dealer)
            .service(platform::create_admin)
            .service(platform::choose_acting_dealer)
            .service(platform::stop_acting_dealer)
            .service(invitations::admin_invite)
            .service(invitations::admin_list)
            .service(invitations::admin_revoke)
            .service(invitations::accept)
            .service(invitations::preview)
            // A customer's account: the account is matched once for all of its routes,
            // which then match their own (mostly static) rest of the path. Each route
            // tried is a regular expression otherwise: matching a path against every
            // route before it took a fifth of the server's CPU on a contract list page
            // (perf, issue 16). Nothing under it matched: 404 or 405 as elsewhere.
            .service(
                web::scope("/accounts/{account_id}")
                    .service(account_users::list)
                    .service(account_users::invite)
                    .service(account_users::update)
                    .service(account_users::remove)
                    .service(account_users::revoke)
                    .service(accounts::locations)
                    .service(accounts::jobs)
                    .service(contracts::export_csv)
                    .service(contracts::list)
                    .service(contracts::detail)
                    .service(request_filing::call_off)
                    .service(request_filing::service_request)
                    .service(request_filing::extension)
                    .service(request_filing::book_again)
                    .service(requests::list)
                    .service(requests::detail)
                    .service(requests::cancel)
                    .service(feedback::create)
                    .service(feedback::list)
                    .service(contract_pdf::download)
                    .service(rentals::export_csv)
                    .service(rentals::list)
                    .service(tracking::tracking)
                    .service(payments::options)
                    .service(payments::create)
                    .service(payments::list)
                    .service(payments::detail)
                    .service(invoices::export_csv)
                    .service(invoices::list)
                    .service(invoices::pdf)
                    .service(invoices::detail)
                    .service(invoices::balance)
                    .service(overview::overview)
                    .default_service(web::to(not_found)),
            )
            .service(branding::by_slug)
            .service(branding::manifest)
            .service(branding::of_staff)
            .service(inbox::list)
            .service(inbox::detail)
            .service(inbox::act)
            .service(inbox::feedback_list)
            .service(inbox::feedback_handled)
            .service(inbox::notifications)
            .service(inbox::notifications_read)
            .service(inbox::locations)
            .service(payments::integration_feed)
            .service(events::feed)
            .service(payments::mark_posted)
            .service(sync_status::integration_status)
            .service(sync_status::admin_status)
            .service(
                web::resource("/integrations/contracts")
                    .app_data(contract_integrations::batch_json_config())
                    .route(web::put().to(contract_integrations::upsert)),
            )
            .service(contract_integrations::delete_contract)
            .service(
                web::resource("/integrations/contracts/{external_id}/pdf")
                    .app_data(pdf_files::upload_payload_config())
                    .route(web::put().to(contract_pdf::upload)),
            )
            .service(
                web::resource("/integrations/invoices")
                    .app_data(invoice_integrations::invoices_json_config())
                    .route(web::put().to(invoice_integrations::upsert)),
            )
            .service(
                web::resource("/integrations/invoices/{external_id}/pdf")
                    .app_data(pdf_files::upload_payload_config())
                    .route(web::put().to(invoice_integrations::upload_pdf)),
            )
            .service(
                web::resource("/integrations/locations")
                    .app_data(record_integrations::batch_json_config())
                    .route(web::put().to(record_integrations::upsert_locations)),
            )
            .service(record_integrations::delete_location)
            .service(
                web::resource("/integrations/customers")
                    .app_data(record_integrations::batch_json_config())
                    .route(web::put().to(record_integrations::upsert_customers)),
            )
            .service(record_integrations::delete_customer)
            .service(
                web::resource("/integrations/payments")
                    .app_data(counter_payments::batch_json_config())
                    .route(web::put().to(counter_payments::upsert_counter_payments)),
            )
            .service(counter_payments::delete_counter_payment)
            .service(
                web::resource("/integrations/positions")
                    .app_data(tracking::positions_json_config())
                    .route(web::post().to(tracking::report_positions)),
            )
            .default_service(web::to(not_found)),
    );
}

pub use fallback::not_found;
