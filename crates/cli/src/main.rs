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
use demo::synthetic::{CouncilSpec, generate};
use domain::audit::Actor;
use domain::time::Clock;
use store::{ChildFilter, DatabaseUrl, Store};

mod failures_out;
mod report;
mod users;
mod validate_903;

use validate_903::{DEFAULT_POSTCODES, Reference, load_postcodes, validate_return};

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
    /// What is due in the next 14 days and what is overdue, with drift alerts.
    Deadlines(DeadlinesArgs),
    /// The calendar of England: bank holidays and working days.
    #[command(subcommand)]
    Calendar(CalendarCommand),
    /// Manage the people who sign in.
    #[command(subcommand)]
    User(users::UserCommand),
    /// The DfE's SSDA903 children-looked-after return.
    #[command(name = "903", subcommand)]
    Ssda903(ReturnCommand),
    /// Write the committee report of a period (HTML for printing), or the
    /// measures' table as CSV or XLSX.
    Report(report::ReportArgs),
}

/// The password of every demo user, given in the README.
pub const DEMO_PASSWORD: &str = "permanence-demo";

#[derive(Debug, Subcommand)]
enum ReturnCommand {
    /// List the DfE validation rules this service checks for a year (code, message).
    Rules {
        /// The collection year.
        #[arg(long, value_parser = ssda903::CollectionYear::parse, default_value = "2024-25")]
        year: ssda903::CollectionYear,
    },
    /// Check a return (a folder of CSV files, or of one XML file) against
    /// the DfE's validation rules. Exits 0 when valid, 1 when any rule fails, 2 when the files
    /// cannot be read.
    Validate {
        /// The folder holding this year's tables as CSV, or the return as one .xml file.
        dir: std::path::PathBuf,
        /// The folder holding last year's return, for the rules that compare years.
        #[arg(long)]
        previous: Option<std::path::PathBuf>,
        /// The council's code.
        #[arg(long, env = "PERMANENCE_LA", default_value = "E10000018")]
        la: String,
        /// The collection year.
        #[arg(long, value_parser = ssda903::CollectionYear::parse, default_value = "2024-25")]
        year: ssda903::CollectionYear,
        /// One of Ofsted's provider lists, as Ofsted publishes it (.xlsx) or a
        /// sheet saved as CSV, for the rules that look URNs up (219, 221, 224,
        /// 227, 228, 1008). Give it once per file: the children's homes list
        /// and the social care providers list (current and closed providers),
        /// or Ofsted's combined list. Each is recognised by its columns. Without them those rules are
        /// reported as not run.
        #[arg(long = "providers", value_name = "FILE")]
        providers: Vec<std::path::PathBuf>,
        /// How to print the failures.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// The ONS postcode directory built by scripts/postcodes-903, for the
        /// rules on placement authority, location and distance [default:
        /// data/ons-postcodes.bin if present; without it those rules are not run].
        #[arg(long, env = "PERMANENCE_POSTCODES")]
        postcodes: Option<std::path::PathBuf>,
        /// Run only these rules (codes separated by commas, in either case:
        /// 392a or 392A) rather than every rule in force.
        #[arg(long, value_delimiter = ',', value_name = "CODES")]
        rules: Vec<String>,
    },
    /// Import the children of a return (a folder of CSV files) into the
    /// records: all of them, or none if anything is wrong.
    Import {
        /// The folder holding the return's tables as CSV.
        dir: std::path::PathBuf,
        /// The collection year of the return.
        #[arg(long, value_parser = ssda903::CollectionYear::parse, default_value = "2024-25")]
        year: ssda903::CollectionYear,
    },
    /// Produce the return for a collection year from the records, as CSV files in DIR.
    Export {
        /// The collection year, for example 2024-25.
        #[arg(long, value_parser = ssda903::CollectionYear::parse)]
        year: ssda903::CollectionYear,
        /// The folder to write the tables to (created if absent).
        dir: std::path::PathBuf,
        /// CSV tables, or the return's XML form (return.xml).
        #[arg(long, value_enum, default_value_t = ReturnFormat::Csv)]
        format: ReturnFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ReturnFormat {
    Csv,
    Xml,
}

#[derive(Debug, clap::Args)]
struct DeadlinesArgs {
    /// The date to judge deadlines on (YYYY-MM-DD); today in England if not given.
    #[arg(long, value_parser = parse_date)]
    as_of: Option<chrono::NaiveDate>,
    /// Only this team's cases.
    #[arg(long, conflicts_with = "worker")]
    team: Option<String>,
    /// Only this social worker's cases.
    #[arg(long)]
    worker: Option<String>,
    /// How to print the result.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Subcommand)]
enum CalendarCommand {
    /// The bank holidays of England and Wales in a year, one ISO date a line.
    BankHolidays {
        /// The year (1995 to 2100 from tables; others are computed the same way).
        #[arg(long, value_parser = clap::value_parser!(i32).range(1900..=2200))]
        year: i32,
    },
    /// The date a number of working days after another (ISO date).
    AddWorkingDays {
        /// The date to count from (YYYY-MM-DD); counting starts the next working day.
        #[arg(long, value_parser = parse_date)]
        from: chrono::NaiveDate,
        /// How many working days.
        #[arg(long)]
        days: u32,
    },
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
    /// Mark cookies Secure: set this whenever users reach the service over
    /// HTTPS (behind a TLS proxy), as they must outside a test machine.
    #[arg(long)]
    secure_cookies: bool,
    /// The address of the reverse proxy in front of the service: only from
    /// it is `X-Forwarded-For` read for the client's address (the audit
    /// trail and the sign-in limits); from anywhere else it is ignored.
    #[arg(long, env = "PERMANENCE_TRUSTED_PROXY")]
    trusted_proxy: Option<IpAddr>,
    /// Run as if today were this date (YYYY-MM-DD), for training,
    /// demonstrations and tests: deadlines, drift and new records use it;
    /// timestamps keep the time of day.
    #[arg(long)]
    today: Option<chrono::NaiveDate>,
    /// The ONS postcode directory built by scripts/postcodes-903, for the
    /// SSDA903 check [default: data/ons-postcodes.bin if present].
    #[arg(long, env = "PERMANENCE_POSTCODES")]
    postcodes: Option<std::path::PathBuf>,
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
        Command::Deadlines(args) => {
            let store = open(&url)?;
            store.migrate()?;
            deadlines(&store, args)
        }
        Command::Calendar(command) => {
            calendar(command);
            Ok(())
        }
        Command::User(command) => {
            let store = open(&url)?;
            store.migrate()?;
            users::run(&store, command)
        }
        Command::Report(args) => {
            let store = open(&url)?;
            store.migrate()?;
            report::run(&store, args)
        }
        Command::Ssda903(ReturnCommand::Rules { year }) => {
            let mut out = String::new();
            for rule in ssda903::validate::in_force(year) {
                out.push_str(&format!("{}\t{}\n", rule.code, rule.message));
            }
            emit(&out)
        }
        Command::Ssda903(ReturnCommand::Validate {
            dir,
            previous,
            la,
            year,
            providers,
            format,
            postcodes,
            rules,
        }) => std::process::exit(validate_return(
            &dir,
            previous.as_deref(),
            &la,
            year,
            format,
            &Reference {
                providers: &providers,
                postcodes: postcodes.as_deref(),
                rules: &rules,
            },
        )?),
        Command::Ssda903(ReturnCommand::Import { dir, year }) => {
            std::process::exit(import_return(&url, &dir, year)?)
        }
        Command::Ssda903(ReturnCommand::Export { year, dir, format }) => {
            let store = open(&url)?;
            store.migrate()?;
            let journeys: Vec<_> = app::cases_journeys(&store)?;
            let (leavers, census) = app::census::beyond_journeys(&store)?;
            let ret = ssda903::export_held(&journeys, &ssda903::Held { leavers, census }, year);
            match format {
                ReturnFormat::Csv => ssda903::write_dir(&ret, &dir),
                ReturnFormat::Xml => std::fs::create_dir_all(&dir).and_then(|()| {
                    ssda903::write_xml(&ret, std::fs::File::create(dir.join("return.xml"))?)
                }),
            }
            .with_context(|| format!("writing the return to {}", dir.display()))?;
            for data in ret.tables.values() {
                println!("{:<16} {:>7} rows", data.table.file_name(), data.len());
            }
            println!("The {year} return is in {}", dir.display());
            Ok(())
        }
    }
}

/// Reads a return and imports its children; exit 0 when imported, 2 when
/// the files cannot be read or hold a problem (nothing is imported then).
fn import_return(
    url: &DatabaseUrl,
    dir: &std::path::Path,
    year: ssda903::CollectionYear,
) -> Result<i32> {
    let report = |errors: &[ssda903::ReadError]| {
        for e in errors.iter().take(200) {
            eprintln!("{e}");
        }
        if errors.len() > 200 {
            eprintln!("... and {} more problems", errors.len() - 200);
        }
        eprintln!("Nothing was imported.");
    };
    let ret = match ssda903::read_dir(dir) {
        Ok(r) => r,
        Err(errors) => {
            report(&errors);
            return Ok(2);
        }
    };
    let clock = app::SystemClock;
    let imported = match ssda903::import::journeys(&ret, year, clock.today()) {
        Ok(i) => i,
        Err(errors) => {
            report(&errors);
            return Ok(2);
        }
    };
    let store = open(url)?;
    store.migrate()?;
    let mut progress = Progress::new("Importing");
    let loaded = app::import_records(
        &store,
        &Actor::new("import").from_address("cli"),
        &clock,
        app::ImportRecords {
            journeys: &imported.journeys,
            leavers: &imported.leavers,
            census: &imported.census,
            year_start: Some(year.first_day()),
        },
        &mut |done, total| progress.show(done, total),
    );
    progress.finish();
    match loaded {
        Ok(n) => {
            println!(
                "Imported {n} children from the {year} return into {}",
                url.describe()
            );
            for (table, rows) in &imported.not_held {
                println!(
                    "Not imported: {rows} rows of {table}, which the service does not hold yet"
                );
            }
            Ok(0)
        }
        Err(e) => {
            eprintln!("{e}");
            Ok(2)
        }
    }
}

fn calendar(command: CalendarCommand) {
    match command {
        CalendarCommand::BankHolidays { year } => {
            for holiday in domain::calendar::bank_holidays(year) {
                println!("{}", holiday.date);
            }
        }
        CalendarCommand::AddWorkingDays { from, days } => {
            println!("{}", domain::calendar::add_working_days(from, days));
        }
    }
}

/// Writes to standard output; a reader that stops early (`| head`) is not an error.
fn emit(text: &str) -> Result<()> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

fn deadlines(store: &Store, args: DeadlinesArgs) -> Result<()> {
    use domain::worklist::{Scope, by_rule};
    use std::fmt::Write as _;
    let as_of = args.as_of.unwrap_or_else(|| app::SystemClock.today());
    let scope = match (args.team, args.worker) {
        (Some(team), _) => Scope::Team(team),
        (_, Some(worker)) => Scope::Worker(worker),
        _ => Scope::Service,
    };
    let (items, drift) = app::worklist(store, &scope, as_of)?;
    let mut out = String::new();
    match args.format {
        Format::Json => {
            let counts: Vec<serde_json::Value> = by_rule(&items)
                .into_iter()
                .map(|(rule, title, overdue, due_soon)| {
                    serde_json::json!({ "rule": rule, "title": title, "overdue": overdue, "due_soon": due_soon })
                })
                .collect();
            let json = serde_json::json!({
                "as_of": as_of,
                "scope": format!("{scope:?}"),
                "by_rule": counts,
                "worklist": items,
                "drift": drift,
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&json)?)?;
        }
        Format::Csv => {
            writeln!(
                out,
                "list,case,worker,team,rule,title,due,days_left,standing,responsible,escalate_to"
            )?;
            for i in &items {
                writeln!(
                    out,
                    "worklist,{},{},{},{},{},{},{},{:?},{:?},{:?}",
                    web::csv_field(&i.case),
                    web::csv_field(i.worker.as_deref().unwrap_or("")),
                    web::csv_field(i.team.as_deref().unwrap_or("")),
                    i.rule,
                    web::csv_field(i.title),
                    i.due,
                    i.days_left,
                    i.standing,
                    i.responsible,
                    i.escalate_to
                )?;
            }
            for a in &drift {
                writeln!(
                    out,
                    "drift,{},,{},{},{},{},{},Overdue,,{:?}",
                    web::csv_field(&a.case),
                    web::csv_field(a.team.as_deref().unwrap_or("")),
                    a.rule,
                    web::csv_field(&a.reason),
                    a.since,
                    (a.since - as_of).num_days(),
                    a.escalate_to
                )?;
            }
        }
        Format::Table => {
            let overdue = items.iter().filter(|i| i.days_left < 0).count();
            writeln!(
                out,
                "Deadlines on {as_of} ({scope:?}): {overdue} overdue, {} due in the next 14 days, {} drift alerts",
                items.len() - overdue,
                drift.len()
            )?;
            out.push('\n');
            writeln!(
                out,
                "{:<11} {:>8} {:>8}  what",
                "rule", "overdue", "due soon"
            )?;
            for (rule, title, overdue, due_soon) in by_rule(&items) {
                writeln!(out, "{rule:<11} {overdue:>8} {due_soon:>8}  {title}")?;
            }
            out.push('\n');
            writeln!(
                out,
                "{:<10} {:<8} {:<18} {:<11} {:<10} {:>5}  what",
                "case", "worker", "team", "rule", "due", "days"
            )?;
            for i in &items {
                writeln!(
                    out,
                    "{:<10} {:<8} {:<18} {:<11} {:<10} {:>5}  {}",
                    i.case,
                    i.worker.as_deref().unwrap_or("-"),
                    i.team.as_deref().unwrap_or("-"),
                    i.rule,
                    i.due,
                    i.days_left,
                    i.title
                )?;
            }
            if !drift.is_empty() {
                out.push('\n');
                writeln!(out, "Drift alerts")?;
                for a in &drift {
                    writeln!(
                        out,
                        "{:<10} {:<18} {:<11} since {}  {} (to the {})",
                        a.case,
                        a.team.as_deref().unwrap_or("-"),
                        a.rule,
                        a.since,
                        a.reason,
                        a.escalate_to.title().to_lowercase()
                    )?;
                }
            }
        }
    }
    emit(&out)
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
    let mut council = generate(&CouncilSpec::new(children, seed, as_of));
    let permanence = demo::permanence_demo::permanence(&mut council.journeys, as_of, seed);
    demo::monday::bring_up_to_date(&mut council.journeys, as_of, seed);
    let team = council
        .workers
        .first()
        .map(|w| w.team.clone())
        .unwrap_or_default();
    let in_team = demo::cases_demo::children_of_team(&council.journeys, &council.workers, &team);
    let mut cases = demo::cases_demo::cases(&mut council.journeys, &in_team, &team, as_of);
    let money = demo::money_demo::money(&mut cases.cases, as_of);
    let journeys = &council.journeys;
    eprintln!(
        " {} children's journeys in {:.1?}",
        journeys.len(),
        started.elapsed()
    );
    let loading = Instant::now();
    let users = demo_users(&council.workers);
    let mut progress = Progress::new("Loading");
    // One transaction: a load that is killed leaves an empty database, so
    // running `demo` again starts afresh.
    app::load_whole_council(
        store,
        &Actor::new("demo"),
        &clock,
        &app::CouncilLoad {
            workers: &council.workers,
            journeys,
            forum: permanence.forum.as_ref(),
            plans: &permanence.plans,
            referrals: &permanence.referrals,
            meetings: &permanence.meetings,
            support_plans: &permanence.support_plans,
            iro_issues: &permanence.iro_issues,
            users: &users,
        },
        &mut |done, total| progress.show(done, total),
    )?;
    progress.finish();
    app::people::name_workers(
        store,
        &Actor::new("demo"),
        &clock,
        &demo::staff::worker_names(&council.workers),
    )?;
    app::permanence::load_cases(
        store,
        &Actor::new("demo"),
        &clock,
        &cases.cases,
        &cases.referrals,
    )?;
    app::passport::ledger::load_ledger(store, &Actor::new("demo"), &clock, &money)?;
    let mut households = demo::households_demo::households(journeys, as_of, seed);
    let foster_carers = demo::fostering_demo::foster_carers(&mut households, as_of);
    let mut support = demo::passport_demo::support(&households, as_of);
    let allowances = demo::passport_demo::allowances(&mut households, &mut support, &money, as_of);
    app::passport::ledger::load_ledger(store, &Actor::new("demo"), &clock, &allowances)?;
    app::households::load_households(store, &Actor::new("demo"), &clock, &households)?;
    app::fostering::carers::load_carer_files(store, &Actor::new("demo"), &clock, &foster_carers)?;
    let teams = demo::team_demo::teams(journeys, as_of, seed);
    app::permanence::load_teams(store, &Actor::new("demo"), &clock, &teams)?;
    let adopters = demo::adoption_demo::adopter_cases(&households, seed);
    app::adoption::load_adopter_cases(
        store,
        &Actor::new("demo"),
        &clock,
        (&households, &adopters),
    )?;
    let panel = demo::adoption_demo::adoption_panel(&households, &adopters, journeys, as_of);
    app::adoption::load_adoption_panel(
        store,
        &Actor::new("demo"),
        &clock,
        (&panel.forum, &panel.meetings, &panel.matches),
    )?;
    eprintln!("Households: {}", households.len());
    let passports = demo::passport_demo::passports(&households, as_of);
    app::passport::passport::load_passports(store, &Actor::new("demo"), &clock, &passports)?;
    app::passport::support::load_support(store, &Actor::new("demo"), &clock, &support)?;
    let records = demo::service_demo::agency_records(as_of);
    app::agency::load_agency_records(store, &Actor::new("demo"), &clock, &records)?;
    let agency = demo::adoption_child_demo::regional_agency(as_of);
    app::adoption::load_regional_agency(store, &Actor::new("demo"), &clock, &agency)?;
    let pathways = demo::adoption_child_demo::pathways(journeys, as_of);
    app::adoption::load_adoption_pathways(store, &Actor::new("demo"), &clock, &pathways)?;
    let stories = demo::contact_demo::life_stories(&pathways, as_of);
    app::contact::load_life_stories(store, &Actor::new("demo"), &clock, &stories)?;
    let mut teams: Vec<String> = council.workers.iter().map(|w| w.team.clone()).collect();
    teams.dedup();
    let complaints = demo::service_demo::complaints(as_of, &teams, seed);
    app::complaints::load_complaints(store, &Actor::new("demo"), &clock, &complaints)?;
    let (compliments, themes) = demo::service_demo::compliments_and_themes(as_of);
    app::complaints::load_complaints_records(
        store,
        &Actor::new("demo"),
        &clock,
        (&compliments, &themes),
    )?;
    let requests = demo::service_demo::adoption_service_requests(as_of);
    app::contact::load_service_requests(store, &Actor::new("demo"), &clock, &requests)?;
    let notifications = demo::service_demo::missing_notifications(as_of);
    app::contact::load_missing_notifications(store, &Actor::new("demo"), &clock, &notifications)?;
    let contact = demo::contact_demo::contact(journeys, &permanence.plans, as_of);
    app::contact::load_contact(
        store,
        &Actor::new("demo"),
        &clock,
        (&contact.agreements, &contact.letterboxes, &contact.missing),
    )?;
    let leavers = demo::leavers_demo::care_leavers(journeys, &in_team, as_of);
    app::leavers::load_care_leavers(store, &Actor::new("demo"), &clock, &leavers)?;
    let education = demo::education_demo::education(journeys, as_of);
    app::education::load_education(store, &Actor::new("demo"), &clock, &education)?;
    eprintln!(
        "Agency records: {}; complaints: {}",
        records.len(),
        complaints.len()
    );
    eprintln!(
        "Permanence: {} plans, {} panel referrals, {} Permanence Panel meetings, {} cases",
        permanence.plans.len(),
        permanence.referrals.len(),
        permanence.meetings.len(),
        cases.cases.len()
    );
    eprintln!(
        "Demo users: social-worker.demo, team-manager.demo, service-manager.demo, auditor.demo and one for each other role; password {DEMO_PASSWORD}"
    );
    eprintln!(
        "Loaded {} children into {} in {:.1?}",
        journeys.len(),
        url.describe(),
        loading.elapsed()
    );
    Ok(())
}

/// One demo user for each role, all with [`DEMO_PASSWORD`]; the social
/// worker and team manager work in the first team.
fn demo_users(workers: &[domain::roles::Worker]) -> Vec<(domain::access::User, String)> {
    use domain::roles::Role;
    let first = workers.first();
    let team = first.map(|w| w.team.clone());
    Role::ALL
        .into_iter()
        .map(|role| {
            let username = format!("{}.demo", role.code().replace('_', "-"));
            let team_role = matches!(role, Role::SocialWorker | Role::TeamManager);
            let user = domain::access::User {
                username,
                display_name: demo::staff::user_name(role),
                role,
                team: if team_role { team.clone() } else { None },
                worker_id: if role == Role::SocialWorker {
                    first.map(|w| w.id.clone())
                } else {
                    None
                },
            };
            (user, DEMO_PASSWORD.to_owned())
        })
        .collect()
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

/// The check page checks a return in a child process of this executable,
/// given the postcode directory this server loaded (if any), so a large
/// return never takes the server's memory.
fn checker(given: Option<&std::path::Path>, loaded: bool) -> Result<web::Checker> {
    let program = std::env::current_exe().context("finding this program to check returns")?;
    let postcodes = match given {
        Some(path) => Some(path.to_owned()),
        None if loaded => Some(std::path::PathBuf::from(DEFAULT_POSTCODES)),
        None => None,
    };
    let postcodes = postcodes
        .map(|p| std::path::absolute(&p).unwrap_or(p))
        .filter(|_| loaded);
    Ok(web::Checker::Subprocess { program, postcodes })
}

fn serve(url: &DatabaseUrl, args: ServeArgs) -> Result<()> {
    let store = open(url)?;
    store.migrate()?;
    let existing = app::list_children(&store, ChildFilter::All, 1, 1)?.1;
    let clock: Arc<dyn domain::time::Clock> = match args.today {
        Some(today) => Arc::new(app::ShiftedClock::to(today)),
        None => Arc::new(app::SystemClock),
    };
    if args.demo && existing == 0 {
        load_demo(&store, url, args.demo_children, 2026, Some(clock.today()))?;
    }
    let refreshed = app::refresh_deadlines_if_rules_changed(&store)?;
    if refreshed > 0 {
        eprintln!(
            "The deadline rules have changed: next deadlines recomputed for {refreshed} children"
        );
    }
    let removed = web::remove_stale_uploads();
    if removed > 0 {
        eprintln!("Removed {removed} upload files a stopped server left behind");
    }
    if let Some(rows) = app::permanence::rebuild_tracking_if_stale(&store)? {
        eprintln!(
            "The tracking list did not match the children in care: rebuilt ({rows} children)"
        );
    }
    let in_care = app::list_children(&store, ChildFilter::InCare, 1, 1)?.1;
    // Read every child's tracking facts once in the background, so the first
    // tracking page after a start is as quick as the rest.
    let warm = store.clone();
    std::thread::spawn(move || {
        if let Err(e) = app::permanence::current_facts(&warm, None) {
            eprintln!("Could not read the tracking facts ahead of time: {e}");
        }
    });
    let started = Instant::now();
    let postcodes = load_postcodes(args.postcodes.as_deref())?;
    match &postcodes {
        Some(dir) => eprintln!(
            "The ONS postcode directory: {} postcodes ({}), loaded in {:.0?}",
            dir.len(),
            dir.source(),
            started.elapsed()
        ),
        None => eprintln!(
            "No ONS postcode directory at {DEFAULT_POSTCODES}: the SSDA903 check reports the rules on placement authority, location and distance as not run (build it with scripts/postcodes-903)"
        ),
    }
    let mut state = web::AppState::new(store, clock);
    state.secure_cookies = args.secure_cookies;
    state.trusted_proxy = args.trusted_proxy;
    state.postcodes = postcodes.map(Arc::new);
    state.checker = checker(args.postcodes.as_deref(), state.postcodes.is_some())?;
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
        let app = web::router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .context("serving HTTP")
    })
}
