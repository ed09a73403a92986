//! Builds the application: database, shared state, routes, web app; binds the listener.

use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::Arc;

use actix_web::dev::{Server, ServiceRequest, ServiceResponse};
use actix_web::{App, HttpServer, middleware, web};
use secrecy::ExposeSecret;
use tokio::sync::Notify;
use tracing_actix_web::TracingLogger;
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

use crate::config::Settings;
use crate::db::Db;
use crate::email::Mailer;
use crate::error::ApiError;
use crate::state::AppState;

/// A bound, not yet running, server.
pub struct Application {
    port: u16,
    server: Server,
    db: Db,
}

impl Application {
    /// Connects to and migrates the database, then binds `server.host:server.port`
    /// (port 0 picks a free one; see [`Application::port`]).
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let db =
            Db::connect(settings.database.url.expose_secret(), settings.database.max_connections).await?;
        db.migrate().await?;
        Self::build_with_db(settings, db).await
    }

    /// Like [`Application::build`] on an already connected and migrated database.
    /// Refuses settings a server must not run with (e.g. the dev mailbox off loopback),
    /// naming the variable.
    pub async fn build_with_db(settings: Settings, db: Db) -> anyhow::Result<Self> {
        settings.validate_for_serving()?;
        let listener = TcpListener::bind((settings.server.host.as_str(), settings.server.port))?;
        let port = listener.local_addr()?.port();
        let outbox_wake = Arc::new(Notify::new());
        let mailer = Mailer::new(&settings.email, &settings.smtp)?;
        crate::email::worker::spawn(db.clone(), mailer, settings.email.clone(), outbox_wake.clone());
        let state = web::Data::new(AppState::new(settings, db.clone(), outbox_wake)?);
        crate::services::payments::spawn_reconciler(state.clone().into_inner());
        crate::services::view_as::spawn_sweeper(db.clone());
        crate::services::events::spawn_pruner(db.clone(), state.settings.events.clone());
        if state.settings.webhooks.worker {
            crate::services::webhook_delivery::spawn(state.clone().into_inner());
        }
        let server = HttpServer::new(move || {
            let dist = PathBuf::from(&state.settings.web.dist_dir);
            App::new()
                .wrap(crate::routes::fallback::bare_errors_as_problems())
                .wrap(middleware::from_fn(crate::i18n::scope_language))
                .wrap(middleware::Compress::default())
                .wrap(middleware::from_fn(docs_policy))
                .wrap(security_headers(&state.settings))
                .wrap(TracingLogger::default())
                .wrap(middleware::from_fn(crate::routes::metrics::track))
                .app_data(state.clone())
                .app_data(crate::routes::json::config(crate::routes::json::DEFAULT_LIMIT))
                .app_data(
                    web::QueryConfig::default()
                        .error_handler(|err, _| ApiError::BadRequest(err.to_string()).into()),
                )
                .configure(crate::routes::configure)
                .service(web::redirect("/api/docs", "/api/docs/"))
                .service(
                    SwaggerUi::new("/api/docs/{_:.*}")
                        .url("/api/docs/openapi.json", crate::routes::openapi::ApiDoc::openapi()),
                )
                .service(web::scope("/api").default_service(web::to(crate::routes::not_found)))
                .service(crate::web_app::service(dist))
        })
        .listen(listener)?
        .shutdown_timeout(10)
        .run();
        Ok(Self { port, server, db })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Runs until stopped (SIGINT/SIGTERM: graceful shutdown).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// The Content-Security-Policy of every answer (the web app, Swagger UI, the API).
///
/// Scripts only from our origin, none inline (the web app's bootstrap is `web/boot.js`);
/// `'wasm-unsafe-eval'` lets the page compile its WebAssembly and allows no `eval`. Style
/// *attributes* stay allowed (the app sets the dealer's colours with `style="--brand-…"`), but
/// `style-src-elem` admits only our style sheets, no inline `<style>` blocks. Nothing may frame
/// us; the dev mailbox shows email HTML in a sandboxed `srcdoc` frame, which inherits this.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self' 'unsafe-inline'; style-src-elem 'self'; img-src 'self' data:; \
     font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
     frame-ancestors 'none'";

/// The policy of Swagger UI (`/api/docs/`): the same, except that its bundle injects a
/// `<style>` element (a CSP violation in the console otherwise). Scripts stay as strict.
pub const DOCS_CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self' 'unsafe-inline'; style-src-elem 'self' 'unsafe-inline'; img-src 'self' data:; \
     font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
     frame-ancestors 'none'";

/// Sets [`DOCS_CONTENT_SECURITY_POLICY`] on Swagger UI's answers; inside
/// [`security_headers`], which then leaves that header alone.
async fn docs_policy(
    req: ServiceRequest,
    next: middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    let docs = req.path().starts_with("/api/docs");
    let mut response = next.call(req).await?;
    if docs {
        response.headers_mut().insert(
            actix_web::http::header::CONTENT_SECURITY_POLICY,
            actix_web::http::header::HeaderValue::from_static(DOCS_CONTENT_SECURITY_POLICY),
        );
    }
    Ok(response)
}

/// Browser features the portal never uses, turned off for it and anything it embeds.
pub const PERMISSIONS_POLICY: &str = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), \
     magnetometer=(), microphone=(), payment=(), usb=()";

/// HSTS, sent only when `server.public_url` is https: a year, this host only (dealers'
/// other hosts are theirs to decide).
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000";

fn security_headers(settings: &Settings) -> middleware::DefaultHeaders {
    let headers = middleware::DefaultHeaders::new()
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
        .add(("Permissions-Policy", PERMISSIONS_POLICY));
    if settings.public_url_is_https() {
        headers.add(("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY))
    } else {
        headers
    }
}
