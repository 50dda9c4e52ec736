//! `permanence 903 validate`: reading a return with last year's, the ONS
//! postcode directory and Ofsted's lists at once, and writing each rule's
//! failures as they are found.

use std::io::Write;
use std::time::Instant;

use anyhow::Result;

use crate::{Format, failures_out};

/// What a validation runs with besides the return: the reference data and
/// the rules a person chose.
pub(crate) struct Reference<'a> {
    pub(crate) providers: &'a [std::path::PathBuf],
    pub(crate) postcodes: Option<&'a std::path::Path>,
    /// The codes given with `--rules`; every rule in force when empty.
    pub(crate) rules: &'a [String],
}

/// What a reading thread read.
fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle.join().expect("a reader does not panic")
}

/// Times since the start of a validation, printed to standard error as
/// each phase ends when `PERMANENCE_903_TIMINGS` is set (for profiling;
/// nothing is printed otherwise).
#[derive(Clone, Copy)]
struct Timings(Option<Instant>);

impl Timings {
    fn from_env() -> Self {
        Self(std::env::var_os("PERMANENCE_903_TIMINGS").map(|_| Instant::now()))
    }

    fn phase(self, what: &str) {
        if let Some(start) = self.0 {
            eprintln!("{:>8.3} s  {what}", start.elapsed().as_secs_f64());
        }
    }
}

/// Problems reading a file, one a line.
fn errors_to_text(errors: &[ssda903::ReadError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Validates a return and prints its failures; returns the exit code.
pub(crate) fn validate_return(
    dir: &std::path::Path,
    previous: Option<&std::path::Path>,
    la: &str,
    year: ssda903::CollectionYear,
    format: Format,
    reference: &Reference<'_>,
) -> Result<i32> {
    let Reference {
        providers,
        postcodes,
        rules,
    } = *reference;
    let only = if rules.is_empty() {
        None
    } else {
        match ssda903::validate::chosen(year, rules) {
            Ok(codes) => Some(codes),
            Err(e) => {
                eprintln!("{e}");
                return Ok(2);
            }
        }
    };
    // This year's return, last year's, the postcode directory and Ofsted's
    // lists are read at the same time, each on a thread of its own.
    let timings = Timings::from_env();
    let read = |d: &std::path::Path| ssda903::read_dir(d).map_err(|errors| errors_to_text(&errors));
    let (postcodes, current, last, providers) = std::thread::scope(|s| {
        let postcodes = s.spawn(|| {
            let loaded = load_postcodes(postcodes).map_err(|e| e.to_string());
            timings.phase("postcode directory loaded");
            loaded
        });
        let last = s.spawn(|| {
            let read = previous.map(read).transpose();
            timings.phase("last year's return read");
            read
        });
        let providers = s.spawn(|| {
            let read = (!providers.is_empty())
                .then(|| {
                    ssda903::ofsted::Providers::read_files(providers)
                        .map_err(|errors| errors_to_text(&errors))
                })
                .transpose();
            timings.phase("Ofsted's lists read");
            read
        });
        let current = read(dir);
        timings.phase("this year's return read");
        (joined(postcodes), current, joined(last), joined(providers))
    });
    let (postcodes, current, last, providers) = match (postcodes, current, last, providers) {
        (Ok(p), Ok(c), Ok(l), Ok(o)) => (p, c, l, o),
        (p, c, l, o) => {
            for problem in [p.err(), c.err(), l.err(), o.err()].into_iter().flatten() {
                eprintln!("{problem}");
            }
            return Ok(2);
        }
    };
    let mut ctx = ssda903::validate::Context::new(&current, last.as_ref(), year, la);
    if let Some(p) = &providers {
        ctx = ctx.with_providers(p);
    }
    if let Some(dir) = &postcodes {
        ctx = ctx.with_postcodes(dir);
    }
    if let Some(codes) = only {
        ctx = ctx.with_only(codes);
    }
    // Failures go straight to standard output as each rule's are ready, in
    // rule order: all England's return can fail millions of times, more
    // than it is worth holding. They are written as text only there, on
    // this thread: a failure's JSON is three times its size in memory, and
    // turned into text on the rules' threads it waited, for the rules before
    // it, as text (a 200 MB return peaked 400 MB higher that way).
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut failed = 0;
    let (report, written) = match format {
        Format::Json => {
            let mut written = out.write_all(b"[");
            let mut json = failures_out::JsonFailures::default();
            let report = ssda903::validate::validate_each(
                &ctx,
                |_, found| found,
                |found| {
                    if written.is_ok() {
                        written = json.write(&mut out, &found);
                    }
                    failed += found.len();
                },
            );
            (report, written.and_then(|()| out.write_all(b"]\n")))
        }
        Format::Csv => {
            let mut written = writeln!(out, "rule,table,child,row,line,message");
            let report = ssda903::validate::validate_each(
                &ctx,
                |_, found| found,
                |found| {
                    if written.is_ok() {
                        written = failures_out::write_csv(&mut out, &found);
                    }
                    failed += found.len();
                },
            );
            (report, written)
        }
        Format::Table => {
            let report = ssda903::validate::validate(&ctx);
            failed = report.failures.len();
            let mut text = String::new();
            write_report_table(&mut text, &report, year)?;
            let written = out.write_all(text.as_bytes());
            (report, written)
        }
    };
    timings.phase("rules run and failures written");
    let written = written.and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    let code = if failed == 0 { 0 } else { 1 };
    // The process ends with this answer: freeing the returns, the rules'
    // shared indexes and the failures (millions of allocations for all
    // England) one by one would only delay it.
    std::mem::forget(ctx);
    std::mem::forget((report, current, last, postcodes, providers));
    Ok(code)
}

/// The failures counted by rule, and the rules not run.
fn write_report_table(
    out: &mut String,
    report: &ssda903::validate::Report,
    year: ssda903::CollectionYear,
) -> std::fmt::Result {
    use std::fmt::Write as _;
    let mut by_rule: std::collections::BTreeMap<&str, (usize, &str)> = Default::default();
    for f in &report.failures {
        by_rule.entry(f.rule).or_insert((0, f.message)).0 += 1;
    }
    writeln!(
        out,
        "{} rules ran on the {year} return; {} failures of {} rules; {} rules not run",
        report.ran,
        report.failures.len(),
        by_rule.len(),
        report.not_run.len()
    )?;
    for (rule, (count, message)) in &by_rule {
        writeln!(out, "{rule:>10} {count:>7}  {message}")?;
    }
    for (rule, why) in &report.not_run {
        writeln!(out, "{rule:>10}     not run: {why}")?;
    }
    Ok(())
}

/// Where the postcode directory is when neither `--postcodes` nor
/// `PERMANENCE_POSTCODES` says: where `scripts/postcodes-903` writes it.
pub(crate) const DEFAULT_POSTCODES: &str = "data/ons-postcodes.bin";

/// The ONS postcode directory: the file given (`--postcodes` or
/// `PERMANENCE_POSTCODES`), which must load; else the default file if it is
/// there; else none, and the rules that need it are reported as not run.
pub(crate) fn load_postcodes(
    given: Option<&std::path::Path>,
) -> Result<Option<ssda903::postcodes::PostcodeDirectory>, ssda903::postcodes::LoadError> {
    let default = std::path::Path::new(DEFAULT_POSTCODES);
    let path = match given {
        Some(path) => path,
        None if default.exists() => default,
        None => return Ok(None),
    };
    ssda903::postcodes::PostcodeDirectory::load(path).map(Some)
}
