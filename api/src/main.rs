//! `rental-portal`: the server and its admin commands.

use std::path::PathBuf;

use api::auth::ClientInfo;
use api::config::Settings;
use api::db::Db;
use api::demo::DemoSize;
use api::error::ApiError;
use api::services::platform::{self, AdminOf, Operator};
use api::startup::Application;
use api::state::AppState;
use clap::{Parser, Subcommand};
use secrecy::ExposeSecret;
use shared::branding::Terminology;
use shared::money::Currency;
use shared::platform::{NewAdmin, NewDealer};

/// mimalloc rather than the system's malloc: thread-local free lists, and no lock taken when
/// one thread frees what another allocated (each SQLite row is made on the connection's
/// worker thread and dropped on the request's). Measured in docs/architecture.md
/// ("Benchmarks").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Create a dealer (J4). It starts empty: its back office loads it through an API client.
    CreateDealer {
        /// The dealer's key in URLs: lower-case letters, digits and hyphens (`summit`).
        #[arg(long)]
        slug: String,
        /// The name customers see.
        #[arg(long)]
        name: String,
        /// Two-letter country code (`US`, `GB`, `AU`).
        #[arg(long)]
        country: String,
        /// Currency code: USD, GBP, AUD, CAD or EUR.
        #[arg(long)]
        currency: String,
        /// IANA time zone (`America/Denver`): the dealer's "today".
        #[arg(long)]
        time_zone: String,
        /// Language tag for dates and numbers (`en-US`).
        #[arg(long)]
        locale: String,
        /// `rentals` or `hires`; by default `hires` in GB, IE, AU and NZ, else `rentals`.
        #[arg(long)]
        terminology: Option<String>,
        #[arg(long)]
        support_email: Option<String>,
        #[arg(long)]
        support_phone: Option<String>,
    },
    /// Create an administrator, who gets an emailed one-time link to choose a password
    /// (printed too when email goes to the development mailbox).
    CreateAdmin {
        /// The dealer they administer (its slug).
        #[arg(long, required_unless_present = "platform", conflicts_with = "platform")]
        dealer: Option<String>,
        /// A platform operator instead, who creates dealers and their admins.
        #[arg(long)]
        platform: bool,
        #[arg(long)]
        email: String,
        /// Their name as the portal shows it.
        #[arg(long)]
        name: String,
    },
    /// Probe the local server's `/readyz` (the container's HEALTHCHECK): exit 0 when it
    /// answers 200, 1 otherwise.
    Healthcheck {
        /// Path to GET.
        #[arg(long, default_value = "/readyz")]
        path: String,
    },
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
    let command = cli.command.unwrap_or(Command::Serve);
    // Needs no settings: works in any environment.
    if let Command::ExportOpenapi { output } = &command {
        let json = api::routes::openapi::document_json()?;
        if output.as_os_str() == "-" {
            print!("{json}");
        } else {
            std::fs::write(output, json)?;
            eprintln!("wrote {}", output.display());
        }
        return Ok(());
    }
    // Invalid settings stop every command here, each offending variable named.
    let settings = match Settings::load() {
        Ok(settings) => settings,
        Err(err) => refuse(&err),
    };
    api::telemetry::init(&settings.log);
    match command {
        Command::Serve => {
            if let Err(err) = settings.validate_for_serving() {
                refuse(&err);
            }
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
        Command::CreateDealer {
            slug,
            name,
            country,
            currency,
            time_zone,
            locale,
            terminology,
            support_email,
            support_phone,
        } => {
            let new = NewDealer {
                slug,
                name,
                country,
                currency: Currency::parse(&currency)
                    .ok_or_else(|| anyhow::anyhow!("currency: use USD, GBP, AUD, CAD or EUR"))?,
                time_zone,
                locale,
                terminology: terminology
                    .map(|t| {
                        Terminology::parse(&t).ok_or_else(|| anyhow::anyhow!("terminology: rentals or hires"))
                    })
                    .transpose()?,
                support_email,
                support_phone,
            };
            let state = cli_state(settings).await?;
            let dealer = platform::create_dealer(&state.db, Operator::Cli, &ClientInfo::default(), &new)
                .await
                .map_err(cli_error)?;
            println!("Created dealer {} ({}), id {}", dealer.name, dealer.slug, dealer.id);
        }
        Command::CreateAdmin { dealer, platform: of_platform, email, name } => {
            let state = cli_state(settings).await?;
            let of = match (&dealer, of_platform) {
                (Some(slug), _) => AdminOf::Dealer(slug),
                (None, _) => AdminOf::Platform,
            };
            let new = NewAdmin { email, display_name: name };
            let admin = platform::create_admin(&state, Operator::Cli, &ClientInfo::default(), of, &new)
                .await
                .map_err(cli_error)?;
            println!("Created administrator {} (user id {})", admin.created.email, admin.created.user_id);
            if state.settings.dev_mailbox_enabled() {
                println!("Email goes to the development mailbox; the setup link is:\n{}", admin.setup_link);
            } else if state.settings.email.transport.is_none() {
                println!(
                    "The setup link to {} waits in the outbox until a server runs with \
                     APP_EMAIL__TRANSPORT=smtp.",
                    admin.created.email
                );
            } else {
                println!("A one-time setup link is on its way to {}.", admin.created.email);
            }
            println!("It works until {}.", admin.created.setup_link_expires_at.to_rfc3339());
        }
        Command::Healthcheck { path } => {
            let address = api::healthcheck::probe_address(&settings.server)?;
            match api::healthcheck::check(address, &path, api::healthcheck::TIMEOUT) {
                Ok(status) => println!("{status}"),
                Err(err) => {
                    eprintln!("unhealthy: {err:#}");
                    std::process::exit(1);
                }
            }
        }
        Command::ExportOpenapi { .. } => unreachable!("handled before the settings are loaded"),
    }
    Ok(())
}

/// Stops on settings that cannot be used: the message names each offending variable.
fn refuse(err: &config::ConfigError) -> ! {
    eprintln!("rental-portal: invalid configuration:\n{err}");
    std::process::exit(2);
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

/// The state the admin commands act through, as the server would.
async fn cli_state(settings: Settings) -> anyhow::Result<AppState> {
    let db = connect(&settings).await?;
    AppState::new(settings, db, std::sync::Arc::new(tokio::sync::Notify::new()))
}

/// An API error as a command's failure, naming each bad field.
fn cli_error(err: ApiError) -> anyhow::Error {
    match err {
        ApiError::Validation(errors) => anyhow::anyhow!(
            "{}",
            errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("\n")
        ),
        ApiError::Conflict(detail) => anyhow::anyhow!(detail),
        ApiError::NotFound => anyhow::anyhow!("no such dealer"),
        other => anyhow::Error::new(other),
    }
}

async fn seed(db: &Db, settings: &Settings) -> anyhow::Result<bool> {
    let hasher = api::auth::PasswordHasher::new(settings.auth.max_concurrent_hashes)?;
    api::demo::seed_if_empty(db, &hasher, DemoSize::full(), api::demo::today()).await
}
