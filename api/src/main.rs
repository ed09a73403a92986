//! `rental-portal`: the server and its admin commands.

use std::path::PathBuf;

use api::config::Settings;
use api::db::Db;
use api::demo::DemoSize;
use api::startup::Application;
use clap::{Parser, Subcommand};
use secrecy::ExposeSecret;

#[derive(Parser)]
#[command(
    name = "rental-portal",
    version,
    about = "Rental Portal: customer portal for equipment-rental dealers"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API and the web app (the default). Seeds demo data into an empty database.
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Load the demo data set (two dealers, 200 customers, ~2,000 contracts) if the database is empty.
    SeedDemo,
    /// Write the OpenAPI document.
    ExportOpenapi {
        /// Output file; `-` for standard output.
        #[arg(long, default_value = "openapi/openapi.json")]
        output: PathBuf,
    },
}

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let settings = Settings::load()?;
    api::telemetry::init(&settings.log);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let db = connect(&settings).await?;
            if settings.demo.seed_when_empty {
                seed(&db, &settings).await?;
            }
            let app = Application::build_with_db(settings.clone(), db).await?;
            tracing::info!("Rental Portal listening on http://{}:{}", settings.server.host, app.port());
            app.run_until_stopped().await?;
        }
        Command::Migrate => {
            connect(&settings).await?;
            tracing::info!("migrations applied");
        }
        Command::SeedDemo => {
            let db = connect(&settings).await?;
            if !seed(&db, &settings).await? {
                tracing::info!("database already holds data; demo seed skipped");
            }
        }
        Command::ExportOpenapi { output } => {
            let json = api::routes::openapi::document_json()?;
            if output.as_os_str() == "-" {
                print!("{json}");
            } else {
                std::fs::write(&output, json)?;
                eprintln!("wrote {}", output.display());
            }
        }
    }
    Ok(())
}

async fn connect(settings: &Settings) -> anyhow::Result<Db> {
    let url = settings.database.url.expose_secret();
    let is_sqlite_path = !url.contains("://") && !url.starts_with("sqlite:");
    if let Some(parent) =
        std::path::Path::new(url).parent().filter(|p| is_sqlite_path && !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent)?;
    }
    let db = Db::connect(url, settings.database.max_connections).await?;
    db.migrate().await?;
    Ok(db)
}

async fn seed(db: &Db, settings: &Settings) -> anyhow::Result<bool> {
    let hasher = api::auth::PasswordHasher::new(settings.auth.max_concurrent_hashes)?;
    api::demo::seed_if_empty(db, &hasher, DemoSize::full(), chrono::Utc::now().date_naive()).await
}
