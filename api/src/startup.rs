//! Builds the application: database, shared state, routes, web app; binds the listener.

use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::Arc;

use actix_web::dev::{Server, ServiceRequest, ServiceResponse, fn_service};
use actix_web::{App, HttpServer, middleware, web};
use secrecy::ExposeSecret;
use tokio::sync::Notify;
use tracing_actix_web::TracingLogger;
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

use crate::config::Settings;
use crate::db::Db;
use crate::email::Mailer;
use crate::error::{ApiError, problem_response};
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
    pub async fn build_with_db(settings: Settings, db: Db) -> anyhow::Result<Self> {
        let listener = TcpListener::bind((settings.server.host.as_str(), settings.server.port))?;
        let port = listener.local_addr()?.port();
        let outbox_wake = Arc::new(Notify::new());
        let mailer = Mailer::new(&settings.email, &settings.smtp)?;
        crate::email::worker::spawn(db.clone(), mailer, settings.email.clone(), outbox_wake.clone());
        let state = web::Data::new(AppState::new(settings, db.clone(), outbox_wake)?);
        crate::services::payments::spawn_reconciler(state.clone().into_inner());
        let server = HttpServer::new(move || {
            let dist = PathBuf::from(&state.settings.web.dist_dir);
            App::new()
                .wrap(crate::routes::fallback::bare_errors_as_problems())
                .wrap(middleware::Compress::default())
                .wrap(security_headers())
                .wrap(TracingLogger::default())
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
                .service(spa(dist))
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

fn security_headers() -> middleware::DefaultHeaders {
    middleware::DefaultHeaders::new()
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("X-Frame-Options", "DENY"))
}

/// The web app: static files from `dist`, and `index.html` for every other path so client
/// routes survive a reload.
fn spa(dist: PathBuf) -> actix_files::Files {
    let index = dist.join("index.html");
    actix_files::Files::new("/", dist).index_file("index.html").default_handler(fn_service(
        move |req: ServiceRequest| {
            let index = index.clone();
            async move {
                let (req, _) = req.into_parts();
                let response = match actix_files::NamedFile::open(&index) {
                    Ok(file) => file.into_response(&req),
                    Err(_) => problem_response(
                        actix_web::http::StatusCode::NOT_FOUND,
                        &shared::error::Problem::new(shared::error::ErrorCode::NotFound)
                            .with_detail("The web app is not built. Run scripts/build-web.sh."),
                        false,
                    ),
                };
                Ok(ServiceResponse::new(req, response))
            }
        },
    ))
}
