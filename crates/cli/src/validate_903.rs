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
    // lists are read at the same time, each on a thread of its own. The
    // rules start as soon as all but Ofsted's lists are read (the workbooks
    // take the longest): those that need the lists wait for them, and no
    // failure is written until the lists are known to have been read.
    let timings = Timings::from_env();
    let read = |d: &std::path::Path| ssda903::read_dir(d).map_err(|errors| errors_to_text(&errors));
    let given_providers = !providers.is_empty();
    let ofsted = std::sync::OnceLock::<Option<ssda903::ofsted::Providers>>::new();
    let code = std::thread::scope(|s| {
        let providers = s.spawn(|| {
            // Should reading panic, the rules waiting for the lists go on.
            let unblock = SetOnDrop(&ofsted);
            let read = given_providers
                .then(|| {
                    ssda903::ofsted::Providers::read_files(providers)
                        .map_err(|errors| errors_to_text(&errors))
                })
                .transpose();
            timings.phase("Ofsted's lists read");
            let (lists, problem) = match read {
                Ok(lists) => (lists, None),
                Err(problem) => (None, Some(problem)),
            };
            let _ = ofsted.set(lists);
            drop(unblock);
            problem
        });
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
        let current = read(dir);
        timings.phase("this year's return read");
        let (postcodes, last) = (joined(postcodes), joined(last));
        let (postcodes, current, last) = match (postcodes, current, last) {
            (Ok(p), Ok(c), Ok(l)) => (p, c, l),
            (p, c, l) => {
                let problems = [p.err(), c.err(), l.err()];
                for problem in problems.into_iter().flatten().chain(joined(providers)) {
                    eprintln!("{problem}");
                }
                return Ok(2);
            }
        };
        let mut ctx = ssda903::validate::Context::new(&current, last.as_ref(), year, la);
        if given_providers {
            ctx = ctx.with_providers_later(&ofsted);
        }
        if let Some(dir) = &postcodes {
            ctx = ctx.with_postcodes(dir);
        }
        if let Some(codes) = only {
            ctx = ctx.with_only(codes);
        }
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        let mut failed = 0;
        // Each rule's failures, held until Ofsted's lists are known to have
        // been read (then written, and every rule's after them as they come)
        // or not (then none is).
        let mut gate = Gate::new(&ofsted, given_providers);
        let (report, written) = match format {
            Format::Json => {
                let mut written = Ok(());
                let mut started = false;
                let mut json = failures_out::JsonFailures::default();
                let mut write = |found: Vec<ssda903::validate::Failure>| {
                    if !started && written.is_ok() {
                        written = out.write_all(b"[");
                        started = true;
                    }
                    if written.is_ok() {
                        written = json.write(&mut out, &found);
                    }
                    failed += found.len();
                };
                let report = ssda903::validate::validate_each(
                    &ctx,
                    |_, found| found,
                    |found| gate.pass(found, &mut write),
                );
                gate.finish(&mut write);
                let written = written.and_then(|()| {
                    if !gate.opened() {
                        return Ok(());
                    }
                    if !started {
                        out.write_all(b"[")?;
                    }
                    out.write_all(b"]\n")
                });
                (report, written)
            }
            Format::Csv => {
                let mut written = Ok(());
                let mut headed = false;
                let mut write = |found: Vec<ssda903::validate::Failure>| {
                    if !headed && written.is_ok() {
                        written = writeln!(out, "rule,table,child,row,line,message");
                        headed = true;
                    }
                    if written.is_ok() {
                        written = failures_out::write_csv(&mut out, &found);
                    }
                    failed += found.len();
                };
                let report = ssda903::validate::validate_each(
                    &ctx,
                    |_, found| found,
                    |found| gate.pass(found, &mut write),
                );
                gate.finish(&mut write);
                let written = if headed || written.is_err() || !gate.opened() {
                    written
                } else {
                    writeln!(out, "rule,table,child,row,line,message")
                };
                (report, written)
            }
            Format::Table => {
                let report = ssda903::validate::validate(&ctx);
                gate.finish(&mut |_| {});
                failed = report.failures.len();
                let mut text = String::new();
                write_report_table(&mut text, &report, year)?;
                let written = if gate.opened() {
                    out.write_all(text.as_bytes())
                } else {
                    Ok(())
                };
                (report, written)
            }
        };
        if let Some(problem) = joined(providers) {
            eprintln!("{problem}");
            return Ok(2);
        }
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
        std::mem::forget((report, current, last, postcodes));
        Ok(code)
    });
    std::mem::forget(ofsted);
    code
}

/// Sets the lists to none when dropped, unless they were set.
struct SetOnDrop<'o>(&'o std::sync::OnceLock<Option<ssda903::ofsted::Providers>>);

impl Drop for SetOnDrop<'_> {
    fn drop(&mut self) {
        let _ = self.0.set(None);
    }
}

/// Holds each rule's failures until Ofsted's lists are known to have been
/// read, or not: then hands them on in order, or drops them.
struct Gate<'o> {
    ofsted: &'o std::sync::OnceLock<Option<ssda903::ofsted::Providers>>,
    held: Vec<Vec<ssda903::validate::Failure>>,
    /// Whether the lists were read (`Some(true)`) or could not be.
    known: Option<bool>,
}

impl<'o> Gate<'o> {
    /// Without lists `given`, nothing is held.
    fn new(
        ofsted: &'o std::sync::OnceLock<Option<ssda903::ofsted::Providers>>,
        given: bool,
    ) -> Self {
        Self {
            ofsted,
            held: Vec::new(),
            known: (!given).then_some(true),
        }
    }

    /// Whether what was held was handed on.
    fn opened(&self) -> bool {
        self.known == Some(true)
    }

    fn pass(
        &mut self,
        found: Vec<ssda903::validate::Failure>,
        write: &mut impl FnMut(Vec<ssda903::validate::Failure>),
    ) {
        if self.known.is_none() {
            match self.ofsted.get() {
                None => {
                    self.held.push(found);
                    return;
                }
                Some(lists) => self.open(lists.is_some(), write),
            }
        }
        if self.known == Some(true) {
            write(found);
        }
    }

    /// After the last rule: waits for the lists if need be.
    fn finish(&mut self, write: &mut impl FnMut(Vec<ssda903::validate::Failure>)) {
        if self.known.is_none() {
            let read = self.ofsted.wait().is_some();
            self.open(read, write);
        }
    }

    fn open(&mut self, read: bool, write: &mut impl FnMut(Vec<ssda903::validate::Failure>)) {
        self.known = Some(read);
        for found in std::mem::take(&mut self.held) {
            if read {
                write(found);
            }
        }
    }
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
