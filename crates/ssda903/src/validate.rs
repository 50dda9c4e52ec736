//! Validation of a return against the DfE's rules.
//!
//! Each rule is a function with its DfE code and message ([`Rule`]), run on
//! the return exactly as read: no rule changes the data another one sees.
//! Rules that compare with last year's return run only when it is given;
//! rules that need reference data (postcodes, Ofsted's provider lists) that
//! was not supplied are reported as not run, never silently passed.

use crate::hash::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, LazyLock, Mutex, OnceLock};

use chrono::NaiveDate;

use crate::by_child::Children;
use crate::ofsted::{Listing, Providers};
use crate::postcodes::{Placement, PostcodeDirectory};
use crate::rules;
use crate::years::Years;
use crate::{CollectionYear, Return, Table, TableData};

/// What a rule needs besides the return itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    Nothing,
    /// Last year's return (`--previous`).
    PreviousReturn,
    /// The ONS postcode directory (placement authority, location, distance).
    Postcodes,
    /// Ofsted's provider lists.
    OfstedProviders,
    /// Both the postcode directory and last year's return (rules comparing
    /// derived placement details with last year's).
    PostcodesAndPreviousReturn,
    /// Both: Ofsted's provider lists and, to place each provider in its
    /// local authority from its postcode, the ONS postcode directory.
    PostcodesAndOfstedProviders,
}

/// One DfE validation rule.
pub struct Rule {
    /// The DfE's code, as the DfE writes it (`103`, `SW01aSTG1`).
    pub code: &'static str,
    /// The DfE's message.
    pub message: &'static str,
    /// The collection years the rule is in force.
    pub years: Years,
    pub needs: Needs,
    pub check: fn(&Context<'_>, &mut Findings),
}

/// What a rule sees.
pub struct Context<'a> {
    pub current: &'a Return,
    pub previous: Option<&'a Return>,
    pub year: CollectionYear,
    /// The council's code (`E10000018`).
    pub la: &'a str,
    /// The ONS postcode directory, if installed ([`Context::with_postcodes`]).
    pub postcodes: Option<&'a PostcodeDirectory>,
    /// Ofsted's provider lists, if given ([`Context::with_providers`], or
    /// still being read: [`Context::with_providers_later`]); rules read them
    /// through [`Context::providers`].
    providers: Ofsted<'a>,
    /// The rows of each table by child, built when a rule first asks and
    /// shared by every rule after (rules run on several threads).
    index: ChildIndex<'a>,
    /// PL_LA, PL_LOCATION and PL_DISTANCE of each episode of this year's
    /// and last year's return, derived once when a rule first asks.
    placements: [OnceLock<Vec<Placement<'a>>>; 2],
    /// Each child's first episode this year with last year's last, likewise.
    first_with_last: OnceLock<Vec<(usize, usize)>>,
    /// What several rules derive from the return, derived once.
    shared: Shared<'a>,
    /// Each episode's URN looked up in Ofsted's lists, likewise.
    listings: OnceLock<Vec<Listing>>,
    /// The codes of the rules to run, if not every rule in force.
    only: Option<Vec<&'static str>>,
}

/// Ofsted's provider lists as a validation is given them.
#[derive(Clone, Copy)]
enum Ofsted<'a> {
    NotGiven,
    Ready(&'a Providers),
    /// Being read on another thread, which sets them (`None` if they could
    /// not be read): the rules that need them wait, the others need not.
    Later(&'a OnceLock<Option<Providers>>),
}

/// A map by child that several rules derive the same way, kept in the
/// context so that the first rule to ask builds it and the rest share it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SharedMap {
    /// Each child's latest episode this year.
    LatestEpisode,
    /// Each child's latest episode last year.
    LatestEpisodeLastYear,
    /// Each child's earliest episode this year.
    EarliestEpisode,
}

/// A set of children several rules derive the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SharedSet {
    /// Looked after continuously for the year, as the OC2 cohort counts it.
    ContinuouslyLookedAfterOc2,
    /// Looked after continuously for the 12 months to 31 March.
    ContinuouslyLookedAfter,
    /// UASC this year or last.
    UascThisOrLastYear,
}

/// Each child's rows of a table in an order several rules need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SharedOrder {
    /// This year's episodes by start date (DECOM), those without a valid
    /// start last, ties in file order ([`Context::in_start_order`]).
    EpisodesByStart,
    /// Last year's, the same way.
    EpisodesByStartLastYear,
    /// This year's social work episodes in their rules' order.
    SocialWorkEpisodes,
    /// Last year's, the same way.
    SocialWorkEpisodesLastYear,
    /// This year's episodes by start date, then end date (those without a
    /// valid date after those with), then file order.
    EpisodesByStartAndEnd,
}

const SHARED_ORDERS: usize = 5;
const SHARED_MAPS: usize = 3;
const SHARED_SETS: usize = 3;

struct Shared<'a> {
    maps: [OnceLock<HashMap<&'a str, usize>>; SHARED_MAPS],
    sets: [OnceLock<HashSet<&'a str>>; SHARED_SETS],
    births: OnceLock<HashMap<&'a str, (usize, NaiveDate)>>,
    orders: [OnceLock<RowsByChild<'a>>; SHARED_ORDERS],
}

impl Default for Shared<'_> {
    fn default() -> Self {
        Self {
            maps: std::array::from_fn(|_| OnceLock::new()),
            sets: std::array::from_fn(|_| OnceLock::new()),
            births: OnceLock::new(),
            orders: std::array::from_fn(|_| OnceLock::new()),
        }
    }
}

pub use crate::by_child::RowsByChild;

/// The rows by child of each table of this year's and last year's return,
/// each built once, when first asked for, with each year's children
/// numbered once for all its tables.
struct ChildIndex<'a> {
    current: [OnceLock<RowsByChild<'a>>; Table::EVERY.len()],
    previous: [OnceLock<RowsByChild<'a>>; Table::EVERY.len()],
    children: [OnceLock<Arc<Children<'a>>>; 2],
}

impl Default for ChildIndex<'_> {
    fn default() -> Self {
        Self {
            current: std::array::from_fn(|_| OnceLock::new()),
            previous: std::array::from_fn(|_| OnceLock::new()),
            children: [OnceLock::new(), OnceLock::new()],
        }
    }
}

/// The rows by child of a table that was not supplied.
static NO_ROWS: LazyLock<RowsByChild<'static>> = LazyLock::new(RowsByChild::empty);

impl<'a> Context<'a> {
    /// What the rules see: this year's return, last year's if given, the
    /// collection year and the council's code.
    pub fn new(
        current: &'a Return,
        previous: Option<&'a Return>,
        year: CollectionYear,
        la: &'a str,
    ) -> Self {
        Self {
            current,
            previous,
            year,
            la,
            postcodes: None,
            providers: Ofsted::NotGiven,
            index: ChildIndex::default(),
            placements: [OnceLock::new(), OnceLock::new()],
            first_with_last: OnceLock::new(),
            shared: Shared::default(),
            listings: OnceLock::new(),
            only: None,
        }
    }

    /// Only these rules run ([`chosen`] finds them from what a person wrote).
    #[must_use]
    pub fn with_only(mut self, codes: Vec<&'static str>) -> Self {
        self.only = Some(codes);
        self
    }

    /// A map by child that several rules derive: built by `build` for the
    /// first rule that asks, then shared. Every caller must build it the
    /// same way (one function per slot).
    pub fn shared_map(
        &self,
        slot: SharedMap,
        build: impl FnOnce() -> HashMap<&'a str, usize>,
    ) -> &HashMap<&'a str, usize> {
        self.shared.maps[slot as usize].get_or_init(build)
    }

    /// A set of children several rules derive, as [`Context::shared_map`].
    pub fn shared_set(
        &self,
        slot: SharedSet,
        build: impl FnOnce() -> HashSet<&'a str>,
    ) -> &HashSet<&'a str> {
        self.shared.sets[slot as usize].get_or_init(build)
    }

    /// Each child's rows in an order several rules need: built by `build`
    /// for the first rule that asks, then shared, as [`Context::shared_map`].
    pub fn shared_order(
        &self,
        slot: SharedOrder,
        build: impl FnOnce() -> RowsByChild<'a>,
    ) -> &RowsByChild<'a> {
        self.shared.orders[slot as usize].get_or_init(build)
    }

    /// Each child's episodes (this year's or last year's table) in order of
    /// their start dates (DECOM); those without a valid start date last;
    /// ties in file order.
    ///
    /// # Panics
    /// If `episodes` is neither year's Episodes table.
    pub fn in_start_order(&self, episodes: &'a TableData) -> &RowsByChild<'a> {
        let slot = if self
            .table(Table::Episodes)
            .is_some_and(|t| std::ptr::eq(t, episodes))
        {
            SharedOrder::EpisodesByStart
        } else if self
            .previous
            .and_then(|p| p.table(Table::Episodes))
            .is_some_and(|t| std::ptr::eq(t, episodes))
        {
            SharedOrder::EpisodesByStartLastYear
        } else {
            panic!("episodes in start order asked for a table that is neither year's episodes")
        };
        self.shared_order(slot, || {
            self.rows_by_child(episodes).sorted_by_key(|r| {
                let d = episodes.date(r, "DECOM");
                (d.is_none(), d)
            })
        })
    }

    /// Each child's first Header row and its date of birth, where valid.
    pub fn births(&self) -> &HashMap<&'a str, (usize, NaiveDate)> {
        self.shared.births.get_or_init(|| {
            let mut out = HashMap::default();
            if let Some(header) = self.table(Table::Header) {
                for (child, rows) in self.by_child(Table::Header) {
                    if let Some(dob) = header.date(rows[0], "DOB") {
                        out.insert(*child, (rows[0], dob));
                    }
                }
            }
            out
        })
    }

    /// The rules that need the postcode directory run with this one.
    #[must_use]
    pub fn with_postcodes(mut self, postcodes: &'a PostcodeDirectory) -> Self {
        self.postcodes = Some(postcodes);
        self
    }

    /// The rules that need Ofsted's provider lists run with these.
    #[must_use]
    pub fn with_providers(mut self, providers: &'a Providers) -> Self {
        self.providers = Ofsted::Ready(providers);
        self
    }

    /// The rules that need Ofsted's provider lists run with these, which
    /// another thread is still reading: the rules that do not need them
    /// start meanwhile, and those that do wait until `later` is set (`None`
    /// when the lists could not be read: those rules then find nothing, and
    /// the caller reports the lists' errors rather than the failures).
    #[must_use]
    pub fn with_providers_later(mut self, later: &'a OnceLock<Option<Providers>>) -> Self {
        self.providers = Ofsted::Later(later);
        self
    }

    /// Ofsted's provider lists, if given (waiting for them if they are
    /// still being read).
    pub fn providers(&self) -> Option<&'a Providers> {
        match self.providers {
            Ofsted::NotGiven => None,
            Ofsted::Ready(providers) => Some(providers),
            Ofsted::Later(later) => later.wait().as_ref(),
        }
    }

    /// The rows of a table of this year's return by child, in file order
    /// (empty if the table was not supplied). Built once and shared by every
    /// rule: a rule that reorders a child's rows sorts its own copy.
    pub fn by_child(&self, table: Table) -> &RowsByChild<'a> {
        match self.current.table(table) {
            Some(data) => self.index.current[table_slot(table)]
                .get_or_init(|| RowsByChild::new(data, self.children(0, self.current))),
            None => &NO_ROWS,
        }
    }

    /// As [`Context::by_child`], for last year's return (empty if it, or the
    /// table, was not supplied).
    pub fn previous_by_child(&self, table: Table) -> &RowsByChild<'a> {
        match self.previous.and_then(|p| Some((p, p.table(table)?))) {
            Some((previous, data)) => self.index.previous[table_slot(table)]
                .get_or_init(|| RowsByChild::new(data, self.children(1, previous))),
            None => &NO_ROWS,
        }
    }

    /// The children of this year's (0) or last year's (1) return, numbered
    /// once.
    fn children(&self, slot: usize, ret: &'a Return) -> Arc<Children<'a>> {
        self.index.children[slot]
            .get_or_init(|| Arc::new(Children::of(ret)))
            .clone()
    }

    /// The rows by child of `data`, a table of this year's or last year's
    /// return, from the shared index.
    ///
    /// # Panics
    /// If `data` is a table of neither return.
    pub fn rows_by_child(&self, data: &'a TableData) -> &RowsByChild<'a> {
        let table = data.table;
        if self
            .current
            .table(table)
            .is_some_and(|t| std::ptr::eq(t, data))
        {
            self.by_child(table)
        } else if self
            .previous
            .and_then(|p| p.table(table))
            .is_some_and(|t| std::ptr::eq(t, data))
        {
            self.previous_by_child(table)
        } else {
            panic!("rows by child asked for a table of neither return")
        }
    }

    /// What each episode's URN finds in Ofsted's lists, by row of the
    /// Episodes table (empty without the lists or the table). Looked up once
    /// and shared by every rule.
    pub(crate) fn listings(&self) -> &[Listing] {
        let (Some(providers), Some(episodes)) = (self.providers(), self.table(Table::Episodes))
        else {
            return &[];
        };
        self.listings
            .get_or_init(|| crate::ofsted::listings(providers, episodes))
    }

    /// PL_LA, PL_LOCATION and PL_DISTANCE of a row of this year's Episodes,
    /// derived from its postcodes through the postcode directory (nothing
    /// derived without the directory). Derived for every row once, when a
    /// rule first asks, and shared by every rule after.
    pub fn placement(&self, row: usize) -> Placement<'a> {
        self.placements_of(0, self.current)
            .get(row)
            .copied()
            .unwrap_or(Placement::NONE)
    }

    /// As [`Context::placement`], for a row of last year's Episodes.
    pub fn previous_placement(&self, row: usize) -> Placement<'a> {
        match self.previous {
            Some(previous) => self
                .placements_of(1, previous)
                .get(row)
                .copied()
                .unwrap_or(Placement::NONE),
            None => Placement::NONE,
        }
    }

    /// Each child's first episode this year (earliest start, the first such
    /// row on a tie) with last year's last (latest start), for children in
    /// both, as rows of this year's and last year's Episodes, in this year's
    /// row order. Built once, when a rule first asks.
    pub(crate) fn first_with_last_years(&self) -> &[(usize, usize)] {
        self.first_with_last
            .get_or_init(|| crate::rules::placement::first_with_last_years(self))
    }

    fn placements_of(&self, slot: usize, ret: &'a Return) -> &[Placement<'a>] {
        match (self.postcodes, ret.table(Table::Episodes)) {
            (Some(dir), Some(eps)) => {
                self.placements[slot].get_or_init(|| dir.placements(eps, self.la))
            }
            _ => &[],
        }
    }

    /// A table of this year's return, if it was supplied.
    pub fn table(&self, table: Table) -> Option<&'a TableData> {
        self.current.table(table)
    }

    /// The date the collection year starts (1 April).
    pub fn start(&self) -> NaiveDate {
        self.year.first_day()
    }

    /// The date the collection year ends (31 March).
    pub fn end(&self) -> NaiveDate {
        self.year.last_day()
    }
}

/// A failure a rule found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Failure {
    pub rule: &'static str,
    pub table: &'static str,
    /// The CHILD identifier, if the failure is about one child.
    pub child: Option<String>,
    /// The 0-based index of the data row in its table, or `None` for a table-level failure.
    pub row: Option<usize>,
    /// The 1-based line of the file.
    pub line: Option<u64>,
    pub message: &'static str,
}

/// The failures a rule reports, through helpers that fill in the details.
pub struct Findings {
    rule: &'static Rule,
    pub(crate) failures: Vec<Failure>,
}

impl Findings {
    /// A failure on a row of a table.
    pub fn row(&mut self, data: &TableData, row: usize) {
        let child = data
            .table
            .column_index("CHILD")
            .map(|i| data.get(row, i).to_owned());
        self.failures.push(Failure {
            rule: self.rule.code,
            table: data.table.name(),
            child,
            row: Some(row),
            line: Some(data.line(row)),
            message: self.rule.message,
        });
    }

    /// A failure on a table as a whole.
    pub fn table(&mut self, table: Table) {
        self.failures.push(Failure {
            rule: self.rule.code,
            table: table.name(),
            child: None,
            row: None,
            line: None,
            message: self.rule.message,
        });
    }
}

/// What validating a return found.
#[derive(Debug, Default)]
pub struct Report {
    pub failures: Vec<Failure>,
    /// Rules that could not run, with why (missing reference data).
    pub not_run: Vec<(&'static str, &'static str)>,
    /// How many rules ran.
    pub ran: usize,
}

/// Why a rule needing the postcode directory did not run, and how to install it.
const NEEDS_POSTCODES: &str = "needs the ONS postcode directory: build it with scripts/postcodes-903 (or give --postcodes FILE)";

/// The reference data a validation is given besides this year's return.
#[derive(Debug, Clone, Copy, Default)]
pub struct Given {
    /// Last year's return.
    pub previous: bool,
    /// The ONS postcode directory.
    pub postcodes: bool,
    /// Ofsted's provider lists.
    pub providers: bool,
}

/// Which of `rules` run with what is `given`, and why each other is not run
/// (the rules in force for a year: [`plan_for`]).
pub fn plan(
    rules: impl IntoIterator<Item = &'static Rule>,
    given: Given,
) -> (Vec<&'static Rule>, Vec<(&'static str, &'static str)>) {
    let mut runnable = Vec::new();
    let mut not_run = Vec::new();
    for rule in rules {
        let missing = match rule.needs {
            Needs::Nothing => None,
            Needs::PreviousReturn if !given.previous => {
                Some("needs last year's return (--previous)")
            }
            Needs::PreviousReturn => None,
            Needs::Postcodes if !given.postcodes => Some(NEEDS_POSTCODES),
            Needs::OfstedProviders if !given.providers => {
                Some("needs Ofsted's provider lists (--providers)")
            }
            Needs::PostcodesAndPreviousReturn if !given.postcodes || !given.previous => {
                Some(if given.postcodes {
                    "needs last year's return (--previous)"
                } else {
                    NEEDS_POSTCODES
                })
            }
            Needs::PostcodesAndOfstedProviders if !given.postcodes || !given.providers => {
                Some("needs Ofsted's provider lists and the ONS postcode directory")
            }
            Needs::Postcodes
            | Needs::OfstedProviders
            | Needs::PostcodesAndOfstedProviders
            | Needs::PostcodesAndPreviousReturn => None,
        };
        match missing {
            Some(why) => not_run.push((rule.code, why)),
            None => runnable.push(rule),
        }
    }
    (runnable, not_run)
}

/// How many of the rules in force for `year` run with what is `given`, and
/// why each other is not run: what [`validate`] reports besides failures.
pub fn plan_for(year: CollectionYear, given: Given) -> (usize, Vec<(&'static str, &'static str)>) {
    let (runnable, not_run) = plan(in_force(year), given);
    (runnable.len(), not_run)
}

/// Every rule, in code order.
pub static RULES: LazyLock<Vec<&'static Rule>> = LazyLock::new(|| {
    let mut all: Vec<&'static Rule> = rules::ALL.iter().flat_map(|group| group.iter()).collect();
    all.sort_by_key(|r| natural(r.code));
    all
});

/// Orders codes as numbers where they are numbers (`103` before `1001`).
fn natural(code: &str) -> (u32, String) {
    let digits: String = code.chars().take_while(char::is_ascii_digit).collect();
    (digits.parse().unwrap_or(u32::MAX), code.to_owned())
}

/// The rules in force in a collection year, in code order: for each code
/// its version for that year.
pub fn in_force(year: CollectionYear) -> impl Iterator<Item = &'static Rule> {
    let start = chrono::Datelike::year(&year.first_day());
    RULES
        .iter()
        .copied()
        .filter(move |r| r.years.contains(start))
}

/// The codes of the rules in force in a year that a person named, each
/// matched whatever its case (`392A` or `392a`, `sw01astg1`); an error names
/// the first that is no rule of the year.
pub fn chosen(year: CollectionYear, named: &[String]) -> Result<Vec<&'static str>, String> {
    named
        .iter()
        .map(|name| {
            in_force(year)
                .find(|r| r.code.eq_ignore_ascii_case(name.trim()))
                .map(|r| r.code)
                .ok_or_else(|| {
                    format!(
                        "{name} is not a rule of {year}: see `permanence 903 rules --year {year}`"
                    )
                })
        })
        .collect()
}

/// The report so far (rules not run, and why) and the rules to run.
fn runnable(ctx: &Context<'_>) -> (Report, Vec<&'static Rule>) {
    let mut report = Report::default();
    let wanted = |r: &&Rule| ctx.only.as_ref().is_none_or(|o| o.contains(&r.code));
    let given = Given {
        previous: ctx.previous.is_some(),
        postcodes: ctx.postcodes.is_some(),
        providers: !matches!(ctx.providers, Ofsted::NotGiven),
    };
    let (runnable, not_run) = plan(in_force(ctx.year).filter(wanted), given);
    report.not_run = not_run;
    report.ran = runnable.len();
    (report, runnable)
}

/// Validates a return. Every applicable rule runs on the data as read;
/// rules are independent, so they run across the machine's cores.
pub fn validate(ctx: &Context<'_>) -> Report {
    let mut failures = Vec::new();
    let mut report = validate_each(ctx, |_, found| found, |found| failures.extend(found));
    report.failures = failures;
    report
}

/// Validates a return as [`validate`] does, handing over each rule's
/// failures as it goes rather than keeping them all: `each` turns a rule's
/// failures into what `emit` takes (text to write, a count), on the thread
/// that ran the rule; `emit` gets one for each rule that ran, in rule
/// order, on the calling thread, as soon as it and every rule before it
/// have run. All England's return can fail millions of times; kept as
/// [`Failure`]s until the end they would take more memory than the return.
/// The report's `failures` is empty.
pub fn validate_each<T: Send>(
    ctx: &Context<'_>,
    each: impl Fn(&'static Rule, Vec<Failure>) -> T + Sync,
    mut emit: impl FnMut(T),
) -> Report {
    let (report, runnable) = runnable(ctx);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
        .min(runnable.len().max(1));
    // Rules take very different times, so each thread takes the next rule
    // not yet started rather than a fixed share of them.
    let next = AtomicUsize::new(0);
    // PERMANENCE_903_TIMINGS: each rule's time to standard error (the
    // first rule to ask for something shared pays for building it).
    let timings = std::env::var_os("PERMANENCE_903_TIMINGS").is_some();
    // What each rule's failures became, by the rule's place in `runnable`,
    // until `emit` has taken it.
    let slots = Mutex::new(Slots {
        made: (0..runnable.len()).map(|_| None).collect(),
        handed: 0,
    });
    let ready = Condvar::new();
    // Set, with `slots` locked, when a rule (its slot then stays empty) or
    // `emit` panics.
    let panicked = AtomicBool::new(false);
    std::thread::scope(|s| {
        for _ in 0..threads {
            let (runnable, next, slots, ready, each) = (&runnable, &next, &slots, &ready, &each);
            let panicked = &panicked;
            s.spawn(move || {
                let _tell = OnPanic(|| {
                    let _slots = slots.lock().unwrap_or_else(|e| e.into_inner());
                    panicked.store(true, Ordering::Relaxed);
                    ready.notify_all();
                });
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    let Some(rule) = runnable.get(n) else {
                        break;
                    };
                    // Not too far ahead of what has been handed over, so
                    // that what waits to be handed over stays small.
                    let mut ahead = slots.lock().expect("no thread panics holding it");
                    while n >= ahead.handed + AHEAD && !panicked.load(Ordering::Relaxed) {
                        ahead = ready.wait(ahead).expect("no thread panics holding it");
                    }
                    drop(ahead);
                    let started = timings.then(|| (std::time::Instant::now(), thread_cpu()));
                    let failures = run_rule(rule, ctx);
                    if let Some((started, cpu)) = started {
                        let took = started.elapsed().as_secs_f64();
                        let cpu = thread_cpu().zip(cpu).map_or(f64::NAN, |(b, a)| b - a);
                        eprintln!("{cpu:>8.4} s CPU {took:>8.4} s  rule {}", rule.code);
                    }
                    let made = each(rule, failures);
                    slots.lock().expect("no thread panics holding it").made[n] = Some(made);
                    ready.notify_all();
                }
            });
        }
        // Should `emit` panic, no thread waits for it any longer.
        let _tell = OnPanic(|| {
            let _slots = slots.lock().unwrap_or_else(|e| e.into_inner());
            panicked.store(true, Ordering::Relaxed);
            ready.notify_all();
        });
        // Hand over in rule order, whatever thread ran the rule.
        for n in 0..runnable.len() {
            let mut done = slots.lock().expect("no thread panics holding it");
            let made = loop {
                match done.made[n].take() {
                    Some(made) => break made,
                    None if panicked.load(Ordering::Relaxed) => panic!("a rule panicked"),
                    None => done = ready.wait(done).expect("no thread panics holding it"),
                }
            };
            done.handed = n + 1;
            ready.notify_all();
            // `emit` may write: the rules go on meanwhile.
            drop(done);
            emit(made);
        }
    });
    report
}

/// What each rule's failures became, by the rule's place among the rules
/// run, until handed over; and how many have been.
struct Slots<T> {
    made: Vec<Option<T>>,
    handed: usize,
}

/// How many rules a thread may start beyond the last handed over (with
/// two cores, four keeps both busy; each rule ahead holds its failures,
/// which on a large return run to a million or more).
const AHEAD: usize = 4;

/// Runs a function if dropped while its thread panics.
struct OnPanic<F: FnMut()>(F);

impl<F: FnMut()> Drop for OnPanic<F> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            (self.0)();
        }
    }
}

/// The CPU time of the calling thread so far, in seconds, where Linux
/// tells it (`/proc/thread-self/schedstat`), for PERMANENCE_903_TIMINGS: on
/// a busy machine it says what a rule cost where wall-clock time does not.
fn thread_cpu() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanoseconds: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(nanoseconds as f64 / 1e9)
}

/// Trimming as rules need it: most values have no surrounding space, and
/// `str::trim` looks at them character by character to find that out.
pub trait Trimmed {
    /// The value without leading or trailing white space.
    fn trimmed(&self) -> &str;
}

impl Trimmed for str {
    #[inline]
    fn trimmed(&self) -> &str {
        match self.as_bytes() {
            [] => self,
            [first, .., last] | [first @ last]
                if first.is_ascii_graphic() && last.is_ascii_graphic() =>
            {
                self
            }
            _ => self.trim(),
        }
    }
}

/// Reads a return date: the DfE's `dd/mm/yyyy`, the day and month of one
/// or two digits and the year of exactly four (as the public reference reads
/// it: `1/1/20` is no date, not the year 20), with surrounding white space
/// ignored; `None` when blank or not a date. The one reader of every date
/// column of the return: rules read dates through it
/// ([`crate::TableData::date`]), and so do the readers of the return.
pub fn date(value: &str) -> Option<NaiveDate> {
    // Read by hand: rules read millions of dates, and a format parser is
    // many times slower than this.
    let v = match value.as_bytes() {
        [first, .., last] if first.is_ascii_digit() && last.is_ascii_digit() => value,
        _ => value.trim(),
    };
    let digits = |b: &[u8]| -> Option<u32> {
        b.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let (day, month, year) = match v.as_bytes() {
        [d1, d2, b'/', m1, m2, b'/', y @ ..] => (digits(&[*d1, *d2])?, digits(&[*m1, *m2])?, y),
        [d1, b'/', m1, m2, b'/', y @ ..] => (digits(&[*d1])?, digits(&[*m1, *m2])?, y),
        [d1, d2, b'/', m1, b'/', y @ ..] => (digits(&[*d1, *d2])?, digits(&[*m1])?, y),
        [d1, b'/', m1, b'/', y @ ..] => (digits(&[*d1])?, digits(&[*m1])?, y),
        _ => return None,
    };
    if year.len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(year)? as i32, month, day)
}

/// Whether a value is blank.
pub fn blank(value: &str) -> bool {
    match value.as_bytes().first() {
        None => true,
        // Most values start with a letter or digit: not blank, no need to trim.
        Some(b) if b.is_ascii_alphanumeric() => false,
        Some(_) => value.trim().is_empty(),
    }
}

/// Where a table's index is kept in [`ChildIndex`].
fn table_slot(table: Table) -> usize {
    table as usize
}

/// Applies a check to every row of a table, reporting the rows it fails.
pub fn each_row(
    ctx: &Context<'_>,
    out: &mut Findings,
    table: Table,
    fails: impl Fn(&TableData, usize) -> bool,
) {
    if let Some(data) = ctx.table(table) {
        for row in 0..data.len() {
            if fails(data, row) {
                out.row(data, row);
            }
        }
    }
}

/// Runs one rule on its own (for timing and tests).
pub fn run_rule(rule: &'static Rule, ctx: &Context<'_>) -> Vec<Failure> {
    let mut findings = Findings {
        rule,
        failures: Vec::new(),
    };
    (rule.check)(ctx, &mut findings);
    findings.failures
}

/// Test helpers for the rules: a return built from CSV text.
#[cfg(test)]
pub(crate) mod testing;

#[cfg(test)]
mod tests;
