//! `permanence`: the service's one binary.
//!
//! Configuration comes from flags, then the environment (`DATABASE_URL`),
//! then defaults that work on a fresh machine: an SQLite file in the current
//! folder and the web server on 127.0.0.1:8080.

use std::io::Write;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use domain::audit::Actor;
use domain::time::Clock;
use store::{ChildFilter, DatabaseUrl, Store};
use test_support::synthetic::{CouncilSpec, generate};

/// Permanence: finding every child in care a permanent home, and supporting
/// the family afterwards.
#[derive(Debug, Parser)]
#[command(name = "permanence", version)]
struct Cli {
    /// Where the data lives: sqlite:PATH or postgres://USER@HOST:PORT/DATABASE.
    #[arg(
        long,
        global = true,
        env = "DATABASE_URL",
        default_value = "sqlite:permanence.sqlite3"
    )]
    database: String,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the web application.
    Serve(ServeArgs),
    /// Fill an empty database with a synthetic council (no real person is in it).
    Demo(DemoArgs),
    /// Bring the database schema up to date.
    Migrate,
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// The port to listen on.
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Fill the database with demo data first, if it holds no children yet.
    #[arg(long)]
    demo: bool,
    /// How many children in care the demo council has.
    #[arg(long, default_value_t = 1500, requires = "demo")]
    demo_children: usize,
}

#[derive(Debug, clap::Args)]
struct DemoArgs {
    /// How many children in care the council has (leavers of the last three years come on top).
    #[arg(long, default_value_t = 1500)]
    children: usize,
    /// The seed: the same seed, size and date make the same council.
    #[arg(long, default_value_t = 2026)]
    seed: u64,
    /// The date the records run to (YYYY-MM-DD); today in England if not given.
    #[arg(long, value_parser = parse_date)]
    as_of: Option<chrono::NaiveDate>,
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    domain::time::parse_iso_date("--as-of", s).map_err(|e| e.to_string())
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let url = DatabaseUrl::parse(&cli.database)?;
    match cli.command {
        Command::Migrate => {
            let store = open(&url)?;
            let ran = store.migrate()?;
            println!(
                "{}: {ran} migration(s) applied; the schema is up to date",
                url.describe()
            );
            Ok(())
        }
        Command::Demo(args) => {
            let store = open(&url)?;
            store.migrate()?;
            load_demo(&store, &url, args.children, args.seed, args.as_of)?;
            Ok(())
        }
        Command::Serve(args) => serve(&url, args),
    }
}

fn open(url: &DatabaseUrl) -> Result<Store> {
    Store::open(url).with_context(|| format!("opening {}", url.describe()))
}

fn load_demo(
    store: &Store,
    url: &DatabaseUrl,
    children: usize,
    seed: u64,
    as_of: Option<chrono::NaiveDate>,
) -> Result<()> {
    if children == 0 {
        bail!("--children must be at least 1");
    }
    let clock = app::SystemClock;
    let as_of = as_of.unwrap_or_else(|| clock.today());
    let started = Instant::now();
    eprint!("Generating a council of {children} children in care as of {as_of}...");
    let journeys = generate(&CouncilSpec::new(children, seed, as_of));
    eprintln!(
        " {} children's journeys in {:.1?}",
        journeys.len(),
        started.elapsed()
    );
    let loading = Instant::now();
    let mut progress = Progress::new("Loading");
    app::load_journeys(
        store,
        &Actor::new("demo"),
        &clock,
        &journeys,
        &mut |done, total| progress.show(done, total),
    )?;
    progress.finish();
    eprintln!(
        "Loaded {} children into {} in {:.1?}",
        journeys.len(),
        url.describe(),
        loading.elapsed()
    );
    Ok(())
}

/// A progress bar on standard error.
struct Progress {
    label: &'static str,
    shown: bool,
}

impl Progress {
    fn new(label: &'static str) -> Self {
        Self {
            label,
            shown: false,
        }
    }

    fn show(&mut self, done: usize, total: usize) {
        let width = 30;
        let filled = (done * width)
            .checked_div(total)
            .unwrap_or(width)
            .min(width);
        eprint!(
            "\r{} [{}{}] {done}/{total}",
            self.label,
            "#".repeat(filled),
            " ".repeat(width - filled)
        );
        let _ = std::io::stderr().flush();
        self.shown = true;
    }

    fn finish(&self) {
        if self.shown {
            eprintln!();
        }
    }
}

fn serve(url: &DatabaseUrl, args: ServeArgs) -> Result<()> {
    let store = open(url)?;
    store.migrate()?;
    let existing = app::list_children(&store, ChildFilter::All, 1, 1)?.1;
    if args.demo && existing == 0 {
        load_demo(&store, url, args.demo_children, 2026, None)?;
    }
    let in_care = app::list_children(&store, ChildFilter::InCare, 1, 1)?.1;
    let state = web::AppState {
        store,
        clock: Arc::new(app::SystemClock),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async move {
        let address = std::net::SocketAddr::new(args.bind, args.port);
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .with_context(|| format!("listening on {address} (is another server using port {}? choose another with --port)", args.port))?;
        println!(
            "permanence is serving http://{address} from {} ({in_care} children in care). Press Ctrl+C to stop.",
            url.describe()
        );
        axum::serve(listener, web::router(state))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .context("serving HTTP")
    })
}
