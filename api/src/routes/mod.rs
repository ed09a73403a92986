//! HTTP routes, one module per resource. Handlers are thin: parse, call, map.

pub mod accounts;
pub mod auth;
pub mod branding;
pub mod contracts;
pub mod csv_export;
pub mod health;
pub mod openapi;

use actix_web::web;

/// Mounts every `/api/v1` route and the operational endpoints.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(health::healthz).service(health::readyz).service(openapi::openapi_json).service(
        web::scope("/api/v1")
            .service(auth::login)
            .service(auth::refresh)
            .service(auth::logout)
            .service(auth::me)
            .service(branding::by_slug)
            .service(accounts::locations)
            // `contracts.csv` before `contracts/{contract_id}` would not matter (different
            // depth), but keep the literal route first for readers.
            .service(contracts::export_csv)
            .service(contracts::list)
            .service(contracts::detail),
    );
}
