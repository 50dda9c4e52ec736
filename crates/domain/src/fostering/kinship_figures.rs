//! The kinship figures of a financial year, each with the households
//! behind it: the Kinship TAC compliance measures (KPI-KIN-04: target 95%,
//! floor 92%), connected households' share of all active fostering
//! households (KIN-018), connected carers' net growth against the
//! strategy's 25 a year (KIN-017), connected placements and the agency cost
//! each avoids (COST-001), kinship placement breakdowns and the special
//! guardianship orders kinship foster carers obtained (KIN-014, SG-010),
//! the annual kinship series with their change on the year before
//! (KIN-020), the special guardians in the three-year support window by
//! the year of their order (SG-006) and those at the peak of support
//! demand, 10 to 14 months after the order (SG-003).
//!
//! Pure: the households come in, the figures go out; the app loads them,
//! checks the user may see figures and audits the read.

use chrono::NaiveDate;

use crate::calendar::add_months;
use crate::deadlines::EventKind;
use crate::households::checks::CheckKind;
use crate::households::household::Household;
use crate::households::lifecycle::{HouseholdRole, RoleKind};
use crate::reporting::conventions::{Period, Polarity, Rag, rag};

use super::kinship::{KinshipOutcome, adult_missing_check};

/// KPI-KIN-04: each compliance measure's target (2025/26).
pub const COMPLIANCE_TARGET: f64 = 95.0;
/// KPI-KIN-04: the floor the service reported every measure above (92%);
/// between it and the target a measure is amber.
pub const COMPLIANCE_FLOOR: f64 = 92.0;
/// KIN-017: the strategy's growth in connected carers a year.
pub const GROWTH_TARGET: f64 = 25.0;
/// COST-001: the agency (IFA) cost each connected placement avoids a year,
/// in pence (£15,000).
pub const AVOIDED_COST_PENCE: i64 = 1_500_000;

/// How a figure's value reads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Percent(Option<f64>),
    Count(i64),
    Pence(i64),
}

/// A household behind a figure, and what it counts for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub household: String,
    pub name: String,
    pub role: String,
    pub on: Option<NaiveDate>,
    /// Counted in the figure's numerator.
    pub counted: bool,
    pub detail: String,
}

/// One figure of the year.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub key: &'static str,
    pub rule: &'static str,
    pub name: &'static str,
    pub numerator: usize,
    pub denominator: Option<usize>,
    pub value: Value,
    pub target: Option<&'static str>,
    pub rag: Option<Rag>,
    /// The same figure a year before, for the series (KIN-020).
    pub previous: Option<i64>,
    /// Counts inside the figure (SG-006: by order year).
    pub breakdown: Vec<(String, usize)>,
    pub cases: Vec<Case>,
}

impl Figure {
    fn new(key: &'static str, rule: &'static str, name: &'static str) -> Self {
        Figure {
            key,
            rule,
            name,
            numerator: 0,
            denominator: None,
            value: Value::Count(0),
            target: None,
            rag: None,
            previous: None,
            breakdown: Vec::new(),
            cases: Vec::new(),
        }
    }

    fn case(&mut self, h: &Household, r: &HouseholdRole, on: Option<NaiveDate>, detail: String) {
        self.cases.push(Case {
            household: h.id.clone(),
            name: h.name.clone(),
            role: r.id.clone(),
            on,
            counted: true,
            detail,
        });
        self.numerator += 1;
    }

    /// A case in the denominator only.
    fn not_counted(&mut self, h: &Household, r: &HouseholdRole, detail: String) {
        self.case(h, r, None, detail);
        self.numerator -= 1;
        if let Some(c) = self.cases.last_mut() {
            c.counted = false;
        }
    }

    /// The change on the year before, in words (KIN-020).
    pub fn change(&self) -> Option<String> {
        let before = self.previous?;
        let Value::Count(now) = self.value else {
            return None;
        };
        let diff = now - before;
        Some(if before == 0 {
            format!("{diff:+} on {before} the year before")
        } else {
            let pct = diff as f64 * 100.0 / before as f64;
            format!("{diff:+} ({pct:+.1}%) on {before} the year before")
        })
    }
}

fn percent(n: usize, d: usize) -> Option<f64> {
    (d > 0).then(|| n as f64 * 100.0 / d as f64)
}

fn in_period(d: NaiveDate, p: &Period) -> bool {
    d >= p.start() && d <= p.end()
}

/// The date of the role's last event of `kind` on or before `on`.
fn last_event(r: &HouseholdRole, kind: EventKind, on: NaiveDate) -> Option<NaiveDate> {
    r.events
        .iter()
        .filter(|e| e.kind == kind && e.date <= on)
        .map(|e| e.date)
        .max()
}

/// The dates of the role's events of `kind` in the period.
fn events_in(r: &HouseholdRole, kind: EventKind, p: &Period) -> Vec<NaiveDate> {
    r.events
        .iter()
        .filter(|e| e.kind == kind && in_period(e.date, p))
        .map(|e| e.date)
        .collect()
}

/// Whether a role is an approved carer's on `on`: approved by then, and
/// neither ended nor become an order holder's since.
fn approved_on(r: &HouseholdRole, on: NaiveDate) -> bool {
    let approval = match r.kind {
        RoleKind::ConnectedPersonCarer => EventKind::ConnectedPersonApproved,
        RoleKind::FosterCarer => EventKind::FosterCarerApproved,
        _ => return false,
    };
    let ordered = r.kinship.as_ref().is_some_and(|k| {
        k.outcome.is_some_and(|(d, o)| {
            d <= on
                && matches!(
                    o,
                    KinshipOutcome::SpecialGuardianshipOrder
                        | KinshipOutcome::ChildArrangementsOrder
                )
        })
    });
    last_event(r, approval, on).is_some()
        && last_event(r, EventKind::CaseClosed, on).is_none()
        && !ordered
}

fn roles(hs: &[Household], kind: RoleKind) -> impl Iterator<Item = (&Household, &HouseholdRole)> {
    hs.iter().flat_map(move |h| {
        h.roles
            .iter()
            .filter(move |r| r.kind == kind)
            .map(move |r| (h, r))
    })
}

/// KPI-KIN-04: one compliance measure over the approved connected carers
/// on `on`: `gap` says why a household is not compliant, or `None`.
fn compliance(
    hs: &[Household],
    on: NaiveDate,
    (key, name): (&'static str, &'static str),
    gap: impl Fn(&Household, &HouseholdRole) -> Option<String>,
) -> Figure {
    let mut f = Figure::new(key, "KPI-KIN-04", name);
    for (h, r) in roles(hs, RoleKind::ConnectedPersonCarer).filter(|(_, r)| approved_on(r, on)) {
        match gap(h, r) {
            None => f.case(h, r, None, "Compliant".into()),
            Some(why) => f.not_counted(h, r, why),
        }
    }
    f.denominator = Some(f.cases.len());
    let value = percent(f.numerator, f.cases.len());
    f.value = Value::Percent(value);
    f.target = Some("95% (floor 92%)");
    f.rag = value.and_then(|v| {
        rag(
            v,
            COMPLIANCE_TARGET,
            Polarity::HigherBetter,
            COMPLIANCE_TARGET - COMPLIANCE_FLOOR,
        )
    });
    f
}

fn check_gap(h: &Household, kind: CheckKind, on: NaiveDate) -> Option<String> {
    adult_missing_check(h, kind, on)
        .map(|_| format!("An adult's {} is missing or out of date", kind.label()))
}

/// Whether the last of `kinds` (or the approval) is within `months` of `on`.
fn within(r: &HouseholdRole, kinds: &[EventKind], months: u32, on: NaiveDate) -> Option<NaiveDate> {
    kinds
        .iter()
        .filter_map(|k| last_event(r, *k, on))
        .max()
        .filter(|last| add_months(*last, months) >= on)
}

/// The compliance measures of KPI-KIN-04 the records hold.
fn compliance_figures(hs: &[Household], on: NaiveDate) -> Vec<Figure> {
    use EventKind::*;
    vec![
        compliance(hs, on, ("kin-dbs", "DBS check records in date"), |h, _| {
            check_gap(h, CheckKind::Dbs, on)
        }),
        compliance(hs, on, ("kin-medicals", "Medicals in date"), |h, _| {
            check_gap(h, CheckKind::Medical, on)
        }),
        compliance(hs, on, ("kin-reviews", "Annual reviews held"), |_, r| {
            within(r, &[ConnectedPersonApproved, FosterCarerReviewed], 12, on)
                .is_none()
                .then(|| "No review in the last 12 months".into())
        }),
        compliance(
            hs,
            on,
            ("kin-tsd", "TSD standards (within 18 months of approval)"),
            |_, r| {
                (last_event(r, TsdStandardsCompleted, on).is_none()
                    && within(r, &[ConnectedPersonApproved], 18, on).is_none())
                .then(|| "TSD standards not completed 18 months after approval".into())
            },
        ),
    ]
}

/// KIN-018: connected households as a share of all active fostering households.
fn share(hs: &[Household], on: NaiveDate) -> Figure {
    let mut f = Figure::new(
        "kin-share",
        "KIN-018",
        "Connected households' share of active fostering households",
    );
    for h in hs {
        let connected = h
            .roles
            .iter()
            .find(|r| r.kind == RoleKind::ConnectedPersonCarer && approved_on(r, on));
        let fostering = h
            .roles
            .iter()
            .find(|r| r.kind == RoleKind::FosterCarer && approved_on(r, on));
        match (connected, fostering) {
            (Some(r), _) => f.case(h, r, None, "Connected (kinship) foster carers".into()),
            (None, Some(r)) => f.not_counted(h, r, "Mainstream foster carers".into()),
            (None, None) => {}
        }
    }
    f.denominator = Some(f.cases.len());
    f.value = Value::Percent(percent(f.numerator, f.cases.len()));
    f
}

/// KIN-017: connected carers approved less those who ended, in the year.
fn growth(hs: &[Household], p: &Period) -> Figure {
    let mut f = Figure::new("kin-growth", "KIN-017", "Net growth in connected carers");
    let mut net = 0i64;
    for (h, r) in roles(hs, RoleKind::ConnectedPersonCarer) {
        for on in events_in(r, EventKind::ConnectedPersonApproved, p) {
            net += 1;
            f.case(h, r, Some(on), "Approved".into());
        }
        let approved = last_event(r, EventKind::ConnectedPersonApproved, p.end()).is_some();
        for on in events_in(r, EventKind::CaseClosed, p)
            .into_iter()
            .filter(|_| approved)
        {
            net -= 1;
            f.case(h, r, Some(on), "Stopped caring (role closed)".into());
        }
    }
    f.value = Value::Count(net);
    f.target = Some("25 a year");
    f.rag = rag(net as f64, GROWTH_TARGET, Polarity::HigherBetter, 5.0);
    f
}

/// KIN-014, SG-010: kinship placements that ended without a planned
/// outcome (no order, long-term fostering or decision), of those live in the year.
fn breakdowns(hs: &[Household], p: &Period) -> Figure {
    let mut f = Figure::new("kin-breakdowns", "KIN-014", "Kinship placement breakdowns");
    for (h, r) in roles(hs, RoleKind::ConnectedPersonCarer) {
        let Some(placed) = last_event(r, EventKind::Reg24TemporaryApproval, p.end()) else {
            continue;
        };
        let ended = last_event(r, EventKind::CaseClosed, p.end());
        if ended.is_some_and(|e| e < p.start()) {
            continue;
        }
        let planned = r.kinship.as_ref().is_some_and(|k| {
            k.outcome.is_some() || k.decision.as_ref().is_some_and(|d| !d.approve)
        });
        match ended.filter(|_| !planned) {
            Some(on) => f.case(h, r, Some(on), format!("Ended unplanned (placed {placed})")),
            None => f.not_counted(h, r, format!("Placed {placed}")),
        }
    }
    f.denominator = Some(f.cases.len());
    f.value = Value::Percent(percent(f.numerator, f.cases.len()));
    f
}

/// SG-010: kinship foster carers granted a special guardianship order in the year.
fn to_sgo(hs: &[Household], p: &Period) -> Figure {
    let mut f = Figure::new(
        "kin-to-sgo",
        "SG-010",
        "Kinship foster carers moving to special guardianship",
    );
    for (h, r) in roles(hs, RoleKind::ConnectedPersonCarer) {
        if let Some((on, KinshipOutcome::SpecialGuardianshipOrder)) =
            r.kinship.as_ref().and_then(|k| k.outcome)
            && in_period(on, p)
        {
            f.case(h, r, Some(on), "Special guardianship order granted".into());
        }
    }
    f.value = Value::Count(f.numerator as i64);
    f
}

/// One of KIN-020's annual series: the dates `dates` gives for each role
/// of `kind`, counted in the year and the year before.
fn series(
    hs: &[Household],
    p: &Period,
    (key, name, kind): (&'static str, &'static str, RoleKind),
    dates: impl Fn(&HouseholdRole) -> Vec<NaiveDate>,
) -> Figure {
    let mut f = Figure::new(key, "KIN-020", name);
    let mut before = 0;
    for (h, r) in roles(hs, kind) {
        for on in dates(r) {
            if in_period(on, p) {
                f.case(h, r, Some(on), name.to_owned());
            } else if in_period(on, &p.previous()) {
                before += 1;
            }
        }
    }
    f.value = Value::Count(f.numerator as i64);
    f.previous = Some(before);
    f
}

/// The dates of the role's events of `kind`, whenever.
fn all_events(r: &HouseholdRole, kind: EventKind) -> Vec<NaiveDate> {
    r.events
        .iter()
        .filter(|e| e.kind == kind)
        .map(|e| e.date)
        .collect()
}

/// SG-006: special guardians in the three-year support window on `on`, by
/// the year of their order.
fn in_window(hs: &[Household], on: NaiveDate) -> Figure {
    let mut f = Figure::new(
        "sg-window",
        "SG-006",
        "Special guardians in the three-year support window",
    );
    let mut years: std::collections::BTreeMap<i32, usize> = Default::default();
    for (h, r) in roles(hs, RoleKind::SpecialGuardian) {
        let Some(sg) = r.special_guardianship.as_ref() else {
            continue;
        };
        if let Some(order) = sg.order.filter(|_| sg.in_support_window(on)) {
            *years.entry(chrono::Datelike::year(&order)).or_default() += 1;
            f.case(
                h,
                r,
                Some(order),
                format!("Order made in {}", chrono::Datelike::year(&order)),
            );
        }
    }
    f.breakdown = years.into_iter().map(|(y, n)| (y.to_string(), n)).collect();
    f.value = Value::Count(f.numerator as i64);
    f
}

/// SG-003: support peaks about 12 months after the order, so special
/// guardians whose order is 10 to 14 months old on `on` come first for
/// follow-up.
fn follow_up_first(hs: &[Household], on: NaiveDate) -> Figure {
    let mut f = Figure::new(
        "sg-priority",
        "SG-003",
        "Special guardians at the peak of support demand (10 to 14 months after the order)",
    );
    for (h, r) in roles(hs, RoleKind::SpecialGuardian).filter(|(_, r)| r.is_open()) {
        let Some(order) = r.special_guardianship.as_ref().and_then(|s| s.order) else {
            continue;
        };
        if add_months(order, 10) <= on && on <= add_months(order, 14) {
            f.case(h, r, Some(order), "Highest follow-up priority".into());
        }
    }
    f.value = Value::Count(f.numerator as i64);
    f
}

/// Every kinship figure of the year `p`, as it stood on `as_of` (the
/// year's end, or today within it).
pub fn kinship_figures(hs: &[Household], p: Period, today: NaiveDate) -> Vec<Figure> {
    let on = today.min(p.end());
    let mut out = compliance_figures(hs, on);
    out.push(share(hs, on));
    out.push(growth(hs, &p));
    let placed = series(
        hs,
        &p,
        (
            "kin-placements",
            "Connected placements (Regulation 24)",
            RoleKind::ConnectedPersonCarer,
        ),
        |r| all_events(r, EventKind::Reg24TemporaryApproval),
    );
    let mut cost = Figure::new(
        "kin-cost",
        "COST-001",
        "Agency cost avoided by connected placements",
    );
    cost.numerator = placed.numerator;
    cost.cases = placed.cases.clone();
    cost.value = Value::Pence(placed.numerator as i64 * AVOIDED_COST_PENCE);
    cost.target = Some("£15,000 a placement");
    out.push(placed);
    out.push(cost);
    out.push(breakdowns(hs, &p));
    out.push(to_sgo(hs, &p));
    use RoleKind::{ConnectedPersonCarer as Kin, SpecialGuardian as Sg};
    out.push(series(
        hs,
        &p,
        ("kin-ivas", "Viability assessments approved", Kin),
        |r| all_events(r, EventKind::IvaApproved),
    ));
    out.push(series(
        hs,
        &p,
        ("kin-approvals", "Kinship approvals", Kin),
        |r| all_events(r, EventKind::ConnectedPersonApproved),
    ));
    out.push(series(
        hs,
        &p,
        ("sg-orders", "Special guardianship orders", Sg),
        |r| {
            r.special_guardianship
                .as_ref()
                .and_then(|s| s.order)
                .into_iter()
                .collect()
        },
    ));
    out.push(in_window(hs, on));
    out.push(follow_up_first(hs, on));
    out
}
