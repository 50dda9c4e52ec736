//! Tracking permanence for each looked-after child (TRACK-): the review
//! schedule, the drift list and what follows from it (management oversight,
//! supervision and the IRO's checks; the IRO's dispute resolution is in
//! [`super::iro_issues`]), trajectories, early warnings of strain, outcome
//! progress and participation at reviews,
//! and the figures and calendars that take permanence to governance (the
//! Permanence Scorecard, governance reports, file audits, feedback).
//!
//! The drift list is worked out afresh from a child's facts on the day it is
//! asked for ([`drift_reasons`]); nothing here keeps state, so the list can be
//! run for any date and clears itself when a reason's condition is met. Facts
//! dated after the run date are ignored, so a run for a past date sees the
//! child as they were then. Timers that need only one event and a due date
//! are deadline rules (`deadline_rules::planning`); what is here needs several
//! facts at once. Free text (issues, actions, reasons) stays in the records:
//! the drift messages and the labels built here hold none.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::{add_days, add_months, add_working_days};
use crate::child::ChildId;
use crate::deadline_rules::timescale;
use crate::permanence::file_audit::{AuditGrade, PermanenceAudit};
use crate::permanence::outcomes::financial_quarter;
use crate::permanence::pathways::FosterPlacement;
use crate::permanence::plan::{Gap, Lifecycle, OutcomeArea, Pathway, PermanencePlan};
use crate::permanence::plan_tasks::parallel_plan_drift;
use crate::roles::Role;

/// ADOPT-009: an adoption plan reaches the ADM within 2 months.
pub const ADOPTION_PLAN_TO_ADM_MONTHS: u32 = 2;
/// ADOPT-016: no link 12 weeks (84 days) after the placement order.
pub const PLACEMENT_ORDER_LINK_DAYS: u32 = 84;
/// TRACK-014: the A3 warning point, 12 months after entering care.
pub const A3_WARNING_MONTHS: u32 = 12;
/// TRACK-014: measure A3's threshold, 14 months from entering care.
pub const A3_THRESHOLD_MONTHS: u32 = 14;
/// TRACK-003: days a drift reason may stay open before a service manager
/// oversight entry is needed (configurable; no source figure).
pub const SERVICE_MANAGER_OVERSIGHT_DAYS: u32 = 30;
/// TRACK-005: working days to hold the placement stability meeting. The spec
/// gives no figure; this is the product's default.
pub const STABILITY_MEETING_WORKING_DAYS: u32 = 5;
/// TRACK-009: working days to complete an audit action. The spec gives no
/// figure; this is the product's default.
pub const AUDIT_ACTION_WORKING_DAYS: u32 = 20;

/// What the drift list needs to know about one looked-after child.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TrackingFacts {
    pub child_id: ChildId,
    /// Start of the current period of care.
    #[serde(default)]
    pub entered_care: Option<NaiveDate>,
    /// Reviews of Arrangements held, in order.
    #[serde(default)]
    pub reviews_held: Vec<NaiveDate>,
    #[serde(default)]
    pub permanence_discussion: Option<NaiveDate>,
    /// The current plan version.
    #[serde(default)]
    pub plan: Option<PermanencePlan>,
    #[serde(default)]
    pub ltf_agreed_at_review: Option<NaiveDate>,
    #[serde(default)]
    pub panel_listed: Option<NaiveDate>,
    #[serde(default)]
    pub match_agreed: Option<NaiveDate>,
    #[serde(default)]
    pub monitoring_heard: Vec<NaiveDate>,
    /// The current placement's start if it is not permanent (FOST-031).
    #[serde(default)]
    pub short_term_placement_start: Option<NaiveDate>,
    #[serde(default)]
    pub adoption_plan: bool,
    #[serde(default)]
    pub placed_for_adoption: Option<NaiveDate>,
    /// Service manager oversight entries (TRACK-003).
    #[serde(default)]
    pub sm_oversight: Vec<NaiveDate>,
    /// Supervision or Pod discussions of the child (TRACK-016).
    #[serde(default)]
    pub supervision_discussions: Vec<NaiveDate>,
    /// The review that agreed adoption as the plan (ADOPT-009).
    #[serde(default)]
    pub adoption_plan_agreed: Option<NaiveDate>,
    /// The agency decision maker's decision on the adoption plan (ADOPT-009).
    #[serde(default)]
    pub adoption_adm_decision: Option<NaiveDate>,
    /// The placement order (ADOPT-016).
    #[serde(default)]
    pub placement_order: Option<NaiveDate>,
    /// The first link with prospective adopters (ADOPT-016).
    #[serde(default)]
    pub adoptive_link: Option<NaiveDate>,
    /// The plan's trajectory (TRACK-004).
    #[serde(default)]
    pub trajectory: Vec<Milestone>,
}

impl TrackingFacts {
    /// A child's facts with nothing known yet.
    pub fn new(child_id: ChildId) -> Self {
        Self {
            child_id,
            entered_care: None,
            reviews_held: Vec::new(),
            permanence_discussion: None,
            plan: None,
            ltf_agreed_at_review: None,
            panel_listed: None,
            match_agreed: None,
            monitoring_heard: Vec::new(),
            short_term_placement_start: None,
            adoption_plan: false,
            placed_for_adoption: None,
            sm_oversight: Vec::new(),
            supervision_discussions: Vec::new(),
            adoption_plan_agreed: None,
            adoption_adm_decision: None,
            placement_order: None,
            adoptive_link: None,
            trajectory: Vec::new(),
        }
    }
}

/// The reasons of TRACK-002, (a) to (j).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DriftCode {
    A,
    B,
    C,
    D,
    E,
    F,
    G,
    H,
    I,
    J,
}

impl DriftCode {
    pub const ALL: [DriftCode; 10] = [
        DriftCode::A,
        DriftCode::B,
        DriftCode::C,
        DriftCode::D,
        DriftCode::E,
        DriftCode::F,
        DriftCode::G,
        DriftCode::H,
        DriftCode::I,
        DriftCode::J,
    ];

    /// The letter TRACK-002 gives the reason.
    pub fn letter(self) -> char {
        match self {
            DriftCode::A => 'a',
            DriftCode::B => 'b',
            DriftCode::C => 'c',
            DriftCode::D => 'd',
            DriftCode::E => 'e',
            DriftCode::F => 'f',
            DriftCode::G => 'g',
            DriftCode::H => 'h',
            DriftCode::I => 'i',
            DriftCode::J => 'j',
        }
    }

    /// A short name for the reason, for filters, totals and the IRO's issue
    /// list (TRACK-012).
    pub fn label(self) -> &'static str {
        match self {
            DriftCode::A => "Permanence not discussed by first review",
            DriftCode::B => "Permanence plan not ratified",
            DriftCode::C => "Parallel plan decision date passed",
            DriftCode::D => "Plan step overdue",
            DriftCode::E => "LTF plan not at Permanence Panel",
            DriftCode::F => "Review overdue",
            DriftCode::G => "Care plan out of date",
            DriftCode::H => "Short-term placement over 2 years",
            DriftCode::I => "Adoption timescale at risk",
            DriftCode::J => "Permanence Panel monitoring overdue",
        }
    }
}

/// One open drift reason of a child (TRACK-002).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DriftReason {
    pub code: DriftCode,
    /// The rule behind it (`PLAN-005`).
    pub rule: &'static str,
    /// The first day the reason is open.
    pub opened: NaiveDate,
    /// The spec's wording; never holds free text.
    pub message: String,
}

impl DriftReason {
    fn new(
        code: DriftCode,
        rule: &'static str,
        opened: NaiveDate,
        message: impl Into<String>,
    ) -> Self {
        Self {
            code,
            rule,
            opened,
            message: message.into(),
        }
    }

    /// Days since the reason opened (TRACK-002: opened 2025-07-01, 62 days on
    /// 2025-09-01).
    pub fn days_open(&self, as_of: NaiveDate) -> i64 {
        (as_of - self.opened).num_days()
    }
}

pub(crate) fn next_day(date: NaiveDate) -> NaiveDate {
    add_days(date, 1)
}

/// The date if it is known on `as_of` (on or before it).
pub(crate) fn known(date: Option<NaiveDate>, as_of: NaiveDate) -> Option<NaiveDate> {
    date.filter(|d| *d <= as_of)
}

/// TRACK-001: the reviews' due dates: one for each review held and, last, the
/// next one. Each is counted from the review before it as actually held.
pub fn review_due_dates(entered_care: NaiveDate, reviews_held: &[NaiveDate]) -> Vec<NaiveDate> {
    let held = reviews_in_care(entered_care, reviews_held);
    let mut dues = vec![timescale::first_review().after(entered_care)];
    for (i, date) in held.iter().enumerate() {
        let period = if i == 0 {
            timescale::second_review()
        } else {
            timescale::later_review()
        };
        dues.push(period.after(*date));
    }
    dues
}

/// TRACK-001: when the next Review of Arrangements is due.
pub fn next_review_due(entered_care: NaiveDate, reviews_held: &[NaiveDate]) -> NaiveDate {
    *review_due_dates(entered_care, reviews_held)
        .last()
        .expect("the first review is always due")
}

/// The reviews of the current period of care, in date order.
fn reviews_in_care(entered_care: NaiveDate, reviews_held: &[NaiveDate]) -> Vec<NaiveDate> {
    let mut held: Vec<NaiveDate> = reviews_held
        .iter()
        .copied()
        .filter(|d| *d >= entered_care)
        .collect();
    held.sort();
    held
}

/// What the facts say on `as_of`: the reviews held by then.
fn reviews_by(facts: &TrackingFacts, as_of: NaiveDate) -> Vec<NaiveDate> {
    let mut held: Vec<NaiveDate> = facts
        .reviews_held
        .iter()
        .copied()
        .filter(|d| *d <= as_of && facts.entered_care.is_none_or(|e| *d >= e))
        .collect();
    held.sort();
    held
}

/// The latest date for the second review, the ratification point (PLAN-005):
/// 3 months after the first review held or, before it is held, after its due
/// date.
fn second_review_due(entered: NaiveDate, held: &[NaiveDate]) -> NaiveDate {
    let first = held
        .first()
        .copied()
        .unwrap_or_else(|| timescale::first_review().after(entered));
    timescale::second_review().after(first)
}

/// The plan was ratified (in either form, or has since been achieved) by `as_of`.
fn plan_ratified(plan: Option<&PermanencePlan>, as_of: NaiveDate) -> bool {
    plan.is_some_and(|p| {
        (p.lifecycle.is_ratified() || p.lifecycle == Lifecycle::Achieved)
            && p.ratified_on.is_none_or(|d| d <= as_of)
    })
}

/// A plan still being worked to: not achieved, not superseded.
fn active_plan(facts: &TrackingFacts) -> Option<&PermanencePlan> {
    facts
        .plan
        .as_ref()
        .filter(|p| !matches!(p.lifecycle, Lifecycle::Achieved | Lifecycle::Superseded))
}

/// TRACK-002: the child's open drift reasons on `as_of`, at most one for each
/// code, in code order. The start date is the first day the condition is not
/// met (the day after a due date), except where the spec's checks open a
/// reason on the day itself: (a) on the day of a first review held without a
/// permanence discussion, and the adoption warnings of (i).
pub fn drift_reasons(facts: &TrackingFacts, as_of: NaiveDate) -> Vec<DriftReason> {
    let mut reasons = Vec::new();
    let held = reviews_by(facts, as_of);
    let plan = facts.plan.as_ref();
    let active = active_plan(facts);

    if let Some(entered) = facts.entered_care {
        // (a) PLAN-002.
        if known(facts.permanence_discussion, as_of).is_none() {
            let first_due = timescale::first_review().after(entered);
            let opened = held
                .first()
                .copied()
                .map_or(next_day(first_due), |h| h.min(next_day(first_due)));
            if opened <= as_of {
                reasons.push(DriftReason::new(
                    DriftCode::A,
                    "PLAN-002",
                    opened,
                    "Permanence not discussed by first review",
                ));
            }
        }
        // (b) PLAN-005.
        let second_due = second_review_due(entered, &held);
        if !plan_ratified(plan, as_of) && as_of > second_due {
            reasons.push(DriftReason::new(
                DriftCode::B,
                "PLAN-005",
                next_day(second_due),
                "Permanence plan not ratified by second review",
            ));
        }
    }

    // (c) PLAN-007, as the plan's record decides it.
    if let Some(p) = plan
        && let Some(message) = parallel_plan_drift(p, as_of)
        && let Some(parallel) = &p.parallel
    {
        reasons.push(DriftReason::new(
            DriftCode::C,
            "PLAN-007",
            next_day(parallel.decision_date),
            message,
        ));
    }

    // (d) plan steps past their target.
    if let Some(p) = active {
        let overdue: Vec<NaiveDate> = p
            .steps
            .iter()
            .filter(|s| known(s.done, as_of).is_none() && as_of > s.target)
            .map(|s| s.target)
            .collect();
        if let Some(earliest) = overdue.iter().min() {
            let message = match overdue.len() {
                1 => "Plan step overdue".to_owned(),
                n => format!("Plan steps overdue ({n})"),
            };
            reasons.push(DriftReason::new(
                DriftCode::D,
                "TRACK-002",
                next_day(*earliest),
                message,
            ));
        }
    }

    // (e) PANEL-010. A plan since changed away from long-term fostering no
    // longer needs the listing.
    let still_ltf = plan
        .and_then(|p| p.pathway)
        .is_none_or(|p| p == Pathway::LongTermFostering);
    if let Some(agreed) = known(facts.ltf_agreed_at_review, as_of)
        && still_ltf
        && known(facts.panel_listed, as_of).is_none()
    {
        let list_by = timescale::ltf_to_panel().after(agreed);
        if as_of > list_by {
            reasons.push(DriftReason::new(
                DriftCode::E,
                "PANEL-010",
                next_day(list_by),
                "LTF plan not at Permanence Panel within 2 months",
            ));
        }
    }

    // (f) TRACK-001.
    if let Some(entered) = facts.entered_care {
        let due = next_review_due(entered, &held);
        if as_of > due {
            reasons.push(DriftReason::new(
                DriftCode::F,
                "TRACK-001",
                next_day(due),
                "Review overdue",
            ));
        }
    }

    // (g) PLAN-015: counted from the last update or, failing one, the
    // ratification, which updates the care plan holding the plan.
    if let Some(updated) = active.and_then(|p| known(p.care_plan_updated.or(p.ratified_on), as_of))
    {
        let due = timescale::care_plan_update().after(updated);
        if as_of > due {
            reasons.push(DriftReason::new(
                DriftCode::G,
                "PLAN-015",
                next_day(due),
                "Care plan over 6 months old",
            ));
        }
    }

    // (h) FOST-031, PATH-016: a foster placement not confirmed as long-term
    // and over 2 years old; a permanence decision is a ratified final plan.
    if let Some(start) = known(facts.short_term_placement_start, as_of) {
        let placement = FosterPlacement {
            child_id: facts.child_id.clone(),
            carer: String::new(),
            started: start,
            ltf_confirmed: None,
            ended: None,
        };
        let decided = plan_ratified(plan, as_of) && plan.is_some_and(|p| p.firmness.is_final());
        if placement.short_term_over_two_years(as_of) && !decided {
            reasons.push(DriftReason::new(
                DriftCode::H,
                "FOST-031",
                placement.flagged_from(),
                "Short-term placement over 2 years with no permanence decision",
            ));
        }
    }

    // (i) the adoption timers: the earliest one open.
    if let Some(reason) = adoption_timer(facts, as_of) {
        reasons.push(reason);
    }

    // (j) PANEL-012: the first monitoring item after the match.
    if let Some(matched) = known(facts.match_agreed, as_of) {
        let due = timescale::panel_monitoring().after(matched);
        let heard = facts
            .monitoring_heard
            .iter()
            .any(|d| *d > matched && *d <= as_of);
        if !heard && as_of > due {
            reasons.push(DriftReason::new(
                DriftCode::J,
                "PANEL-012",
                next_day(due),
                "Permanence Panel monitoring overdue",
            ));
        }
    }

    reasons
}

/// Drift reason (i): ADOPT-009 (plan to the ADM in 2 months), ADOPT-016 (no
/// link 12 weeks after the placement order) and TRACK-014 (A3 watch); the one
/// open longest. None once the child is placed for adoption.
fn adoption_timer(facts: &TrackingFacts, as_of: NaiveDate) -> Option<DriftReason> {
    if !facts.adoption_plan || known(facts.placed_for_adoption, as_of).is_some() {
        return None;
    }
    let mut open = Vec::new();
    if let Some(agreed) = known(facts.adoption_plan_agreed, as_of)
        && known(facts.adoption_adm_decision, as_of).is_none()
    {
        let due = add_months(agreed, ADOPTION_PLAN_TO_ADM_MONTHS);
        if as_of > due {
            open.push(DriftReason::new(
                DriftCode::I,
                "ADOPT-009",
                next_day(due),
                "Adoption plan not at the ADM within 2 months",
            ));
        }
    }
    if let Some(order) = known(facts.placement_order, as_of)
        && known(facts.adoptive_link, as_of).is_none()
    {
        let alert = add_days(order, PLACEMENT_ORDER_LINK_DAYS);
        if as_of >= alert {
            open.push(DriftReason::new(
                DriftCode::I,
                "ADOPT-016",
                alert,
                "No link 12 weeks after the placement order: consider national search",
            ));
        }
    }
    if let Some(watch) = a3_watch(facts, as_of) {
        open.push(DriftReason::new(
            DriftCode::I,
            "TRACK-014",
            watch.flagged,
            watch.message(),
        ));
    }
    open.into_iter().min_by_key(|r| r.opened)
}

/// A child on the drift list with their open reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DriftListEntry {
    pub child_id: ChildId,
    pub reasons: Vec<DriftReason>,
}

/// TRACK-007: how many children have each drift reason open.
pub fn drift_counts(list: &[DriftListEntry]) -> BTreeMap<DriftCode, usize> {
    let mut counts = BTreeMap::new();
    for reason in list.iter().flat_map(|e| &e.reasons) {
        *counts.entry(reason.code).or_insert(0) += 1;
    }
    counts
}

/// The next milestone of the plan and its due date, for the tracking page:
/// the earliest of the next review, the ratification point, the care plan
/// update, the panel monitoring and the plan's [`open_milestones`], among
/// those not yet met on `as_of` (an overdue one comes first).
pub fn next_milestone(facts: &TrackingFacts, as_of: NaiveDate) -> Option<(String, NaiveDate)> {
    let mut candidates: Vec<(String, NaiveDate)> = Vec::new();
    let held = reviews_by(facts, as_of);
    let plan = facts.plan.as_ref();
    if let Some(entered) = facts.entered_care {
        candidates.push((
            format!("Review of Arrangements {}", held.len() + 1),
            next_review_due(entered, &held),
        ));
        if !plan_ratified(plan, as_of) {
            candidates.push((
                "Permanence plan ratified (second review)".to_owned(),
                second_review_due(entered, &held),
            ));
        }
    }
    if let Some(p) = active_plan(facts)
        && let Some(updated) = known(p.care_plan_updated.or(p.ratified_on), as_of)
    {
        candidates.push((
            "Care plan update".to_owned(),
            timescale::care_plan_update().after(updated),
        ));
    }
    if let Some(matched) = known(facts.match_agreed, as_of)
        && !facts
            .monitoring_heard
            .iter()
            .any(|d| *d > matched && *d <= as_of)
    {
        candidates.push((
            "Permanence Panel monitoring".to_owned(),
            timescale::panel_monitoring().after(matched),
        ));
    }
    candidates.extend(open_milestones(facts, as_of));
    candidates.into_iter().min_by_key(|(_, due)| *due)
}

/// The milestones on the way to permanence still open on `as_of`, each with
/// its due date: the parallel plan's decision, the plan's steps and
/// trajectory, the panel listing of a long-term fostering plan and the
/// adoptive placement (A3). Permanence is not recorded as achieved while one
/// is open, unless a manager overrides (WF-PERM-PLAN step 9). The reviews,
/// the care plan update and panel monitoring recur while the child is in
/// care and are not among them.
pub fn open_milestones(facts: &TrackingFacts, as_of: NaiveDate) -> Vec<(String, NaiveDate)> {
    let mut open: Vec<(String, NaiveDate)> = Vec::new();
    if let Some(p) = active_plan(facts) {
        if let Some(parallel) = &p.parallel
            && known(parallel.decided, as_of).is_none()
        {
            open.push(("Parallel plan decision".to_owned(), parallel.decision_date));
        }
        for step in p.steps.iter().filter(|s| known(s.done, as_of).is_none()) {
            open.push((format!("Plan step: {}", step.description), step.target));
        }
    }
    for m in facts
        .trajectory
        .iter()
        .filter(|m| known(m.actual, as_of).is_none())
    {
        open.push((m.kind.label().to_owned(), m.target));
    }
    if let Some(agreed) = known(facts.ltf_agreed_at_review, as_of)
        && known(facts.panel_listed, as_of).is_none()
    {
        open.push((
            "Listed at the Permanence Panel".to_owned(),
            timescale::ltf_to_panel().after(agreed),
        ));
    }
    if facts.adoption_plan
        && known(facts.placed_for_adoption, as_of).is_none()
        && let Some(entered) = facts.entered_care
    {
        open.push((
            "Placed with the adoptive family (A3: 14 months)".to_owned(),
            add_months(entered, A3_THRESHOLD_MONTHS),
        ));
    }
    open
}

/// TRACK-003: the day a service manager oversight entry becomes due for a
/// reason: 30 days after it opened.
pub fn service_manager_oversight_due(reason: &DriftReason) -> NaiveDate {
    add_days(reason.opened, SERVICE_MANAGER_OVERSIGHT_DAYS)
}

/// TRACK-003 escalation: whether a service manager oversight entry is overdue
/// (reason open >= 30 days without one). An entry counts for a reason when it
/// is dated on or after the day the reason opened.
pub fn needs_service_manager(
    reasons: &[DriftReason],
    facts: &TrackingFacts,
    as_of: NaiveDate,
) -> bool {
    reasons.iter().any(|r| {
        as_of >= service_manager_oversight_due(r)
            && !facts
                .sm_oversight
                .iter()
                .any(|d| *d >= r.opened && *d <= as_of)
    })
}

/// The first and last days of the month holding `date`.
fn month_bounds(date: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = date.with_day(1).expect("every month has a first day");
    let last = add_months(first, 1) - Days::new(1);
    (first, last)
}

/// The flag TRACK-016 raises.
pub const NOT_DISCUSSED_IN_SUPERVISION: &str = "not discussed in supervision";

/// TRACK-016: a child on the drift list at any time in the month holding
/// `month` (a reason opened by its last day) with no supervision or Pod
/// discussion in that month. `reasons` are the child's reasons as at the end
/// of the month, or of the run date if earlier.
pub fn not_discussed_in_supervision(
    reasons: &[DriftReason],
    facts: &TrackingFacts,
    month: NaiveDate,
) -> bool {
    let (first, last) = month_bounds(month);
    let on_list = reasons.iter().any(|r| r.opened <= last);
    let discussed = facts
        .supervision_discussions
        .iter()
        .any(|d| (first..=last).contains(d));
    on_list && !discussed
}

/// TRACK-014: a child with an adoption plan not yet living with their
/// adoptive family 12 months after entering care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct A3Watch {
    /// The warning point: 12 months after entering care.
    pub flagged: NaiveDate,
    /// Measure A3's threshold: 14 months after entering care.
    pub threshold: NaiveDate,
}

impl A3Watch {
    /// "A3 at risk – 14 months on 2025-11-02".
    pub fn message(&self) -> String {
        format!("A3 at risk – 14 months on {}", self.threshold)
    }
}

/// TRACK-014: the A3 watch flag on `as_of`, from the warning point on.
pub fn a3_watch(facts: &TrackingFacts, as_of: NaiveDate) -> Option<A3Watch> {
    let entered = facts.entered_care?;
    if !facts.adoption_plan || known(facts.placed_for_adoption, as_of).is_some() {
        return None;
    }
    let flagged = add_months(entered, A3_WARNING_MONTHS);
    (as_of >= flagged).then(|| A3Watch {
        flagged,
        threshold: add_months(entered, A3_THRESHOLD_MONTHS),
    })
}

// ---------------------------------------------------------------------------
// TRACK-004: trajectories.

/// The milestones a trajectory holds (TRACK-004).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneKind {
    AssessmentComplete,
    FinalHearing,
    PermanencePanel,
    Match,
    Order,
    Placement,
    CeasedLookedAfter,
}

impl MilestoneKind {
    /// Every milestone of a trajectory, in the order a plan meets them.
    pub const ALL: [MilestoneKind; 7] = [
        MilestoneKind::AssessmentComplete,
        MilestoneKind::FinalHearing,
        MilestoneKind::PermanencePanel,
        MilestoneKind::Match,
        MilestoneKind::Order,
        MilestoneKind::Placement,
        MilestoneKind::CeasedLookedAfter,
    ];

    /// The milestone's code in forms and audit details (`permanence_panel`).
    pub fn code(self) -> &'static str {
        match self {
            MilestoneKind::AssessmentComplete => "assessment_complete",
            MilestoneKind::FinalHearing => "final_hearing",
            MilestoneKind::PermanencePanel => "permanence_panel",
            MilestoneKind::Match => "match",
            MilestoneKind::Order => "order",
            MilestoneKind::Placement => "placement",
            MilestoneKind::CeasedLookedAfter => "ceased_looked_after",
        }
    }

    /// The milestone with this code, if any.
    pub fn parse(code: &str) -> Option<MilestoneKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            MilestoneKind::AssessmentComplete => "Assessment complete",
            MilestoneKind::FinalHearing => "Final hearing",
            MilestoneKind::PermanencePanel => "Permanence Panel",
            MilestoneKind::Match => "Match",
            MilestoneKind::Order => "Order",
            MilestoneKind::Placement => "Placement",
            MilestoneKind::CeasedLookedAfter => "Ceasing to be looked after",
        }
    }
}

/// One milestone of the plan's trajectory: its target and what happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub kind: MilestoneKind,
    pub target: NaiveDate,
    #[serde(default)]
    pub actual: Option<NaiveDate>,
    /// Why the actual date differs from the target (free text).
    #[serde(default)]
    pub variance_reason: Option<String>,
}

impl Milestone {
    /// Days between the target and the actual date (positive when late), or,
    /// for a milestone not reached by `at` whose target has passed, the days
    /// it is late so far. None while a milestone is not yet due.
    pub fn variance_days(&self, at: NaiveDate) -> Option<i64> {
        match known(self.actual, at) {
            Some(actual) => Some((actual - self.target).num_days()),
            None if at > self.target => Some((at - self.target).num_days()),
            None => None,
        }
    }
}

/// TRACK-004: at a review held on `review`, each milestone with a variance
/// and no reason stops the review being finalised.
pub fn trajectory_gaps(trajectory: &[Milestone], review: NaiveDate) -> Vec<Gap> {
    trajectory
        .iter()
        .filter_map(|m| {
            let days = m.variance_days(review).filter(|d| *d != 0)?;
            let explained = m
                .variance_reason
                .as_deref()
                .is_some_and(|s| !s.trim().is_empty());
            (!explained).then(|| {
                let direction = if days > 0 { "late" } else { "early" };
                Gap::block(
                    "TRACK-004",
                    "trajectory",
                    format!(
                        "{}: {} days {direction}; a variance reason is required",
                        m.kind.label(),
                        days.abs()
                    ),
                )
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------
// TRACK-005: early warning that a permanent home is under strain.

/// Signs of strain in a permanent or long-term placement (the product's list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StrainIndicator {
    CarerAskedForHelp,
    MissingEpisode,
    SchoolExclusion,
    Allegation,
    ContactBreakdown,
    CarerNotice,
}

impl StrainIndicator {
    pub const ALL: [StrainIndicator; 6] = [
        StrainIndicator::CarerAskedForHelp,
        StrainIndicator::MissingEpisode,
        StrainIndicator::SchoolExclusion,
        StrainIndicator::Allegation,
        StrainIndicator::ContactBreakdown,
        StrainIndicator::CarerNotice,
    ];

    pub fn code(self) -> &'static str {
        match self {
            StrainIndicator::CarerAskedForHelp => "carer_asked_for_help",
            StrainIndicator::MissingEpisode => "missing_episode",
            StrainIndicator::SchoolExclusion => "school_exclusion",
            StrainIndicator::Allegation => "allegation",
            StrainIndicator::ContactBreakdown => "contact_breakdown",
            StrainIndicator::CarerNotice => "carer_notice",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StrainIndicator::CarerAskedForHelp => "Carer asked for help",
            StrainIndicator::MissingEpisode => "Missing episode",
            StrainIndicator::SchoolExclusion => "School exclusion",
            StrainIndicator::Allegation => "Allegation",
            StrainIndicator::ContactBreakdown => "Contact repeatedly breaking down",
            StrainIndicator::CarerNotice => "Carer has given notice",
        }
    }
}

/// A dated action with an owner (risk action plans, audit findings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    /// What is to be done (free text).
    pub what: String,
    /// The person who owns it.
    pub owner: String,
    pub due: NaiveDate,
    #[serde(default)]
    pub done: Option<NaiveDate>,
}

/// A task the system creates, for a role, with a due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Task {
    pub rule: &'static str,
    pub title: &'static str,
    pub owner: Role,
    pub due: NaiveDate,
}

/// TRACK-005: the "placement at risk" flag and the response it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementRiskFlag {
    pub placement_id: String,
    pub indicator: StrainIndicator,
    /// The flag is set from the day the indicator was recorded.
    pub raised: NaiveDate,
    #[serde(default)]
    pub stability_meeting: Option<NaiveDate>,
    #[serde(default)]
    pub action_plan: Vec<Action>,
}

/// TRACK-005: an indicator recorded on a permanent or long-term placement
/// sets the flag from that day and creates the stability meeting task
/// (FOST-026). Other placements get no flag here.
pub fn raise_placement_risk(
    placement_id: impl Into<String>,
    permanent: bool,
    indicator: StrainIndicator,
    recorded: NaiveDate,
) -> Option<(PlacementRiskFlag, Task)> {
    if !permanent {
        return None;
    }
    let flag = PlacementRiskFlag {
        placement_id: placement_id.into(),
        indicator,
        raised: recorded,
        stability_meeting: None,
        action_plan: Vec::new(),
    };
    let task = Task {
        rule: "TRACK-005",
        title: "Hold a placement stability meeting (Growing Safety)",
        owner: Role::SocialWorker,
        due: add_working_days(recorded, STABILITY_MEETING_WORKING_DAYS),
    };
    Some((flag, task))
}

/// TRACK-005: what the flag's response still lacks: the stability meeting
/// and an action plan whose every action has an owner.
pub fn risk_response_outstanding(flag: &PlacementRiskFlag) -> Vec<&'static str> {
    let mut missing = Vec::new();
    if flag.stability_meeting.is_none() {
        missing.push("placement stability meeting");
    }
    if flag.action_plan.is_empty() {
        missing.push("action plan");
    } else if flag.action_plan.iter().any(|a| a.owner.trim().is_empty()) {
        missing.push("an owner for every action");
    }
    missing
}

// ---------------------------------------------------------------------------
// TRACK-006, TRACK-011, TRACK-012: what a review must record to be finalised.

/// TRACK-006: progress in one outcome area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    OnTrack,
    SomeConcerns,
    NotOnTrack,
}

impl Progress {
    pub const ALL: [Progress; 3] = [
        Progress::OnTrack,
        Progress::SomeConcerns,
        Progress::NotOnTrack,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Progress::OnTrack => "On track",
            Progress::SomeConcerns => "Some concerns",
            Progress::NotOnTrack => "Not on track",
        }
    }
}

/// TRACK-011: how the child took part in the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChildParticipation {
    Attended,
    ViewsSent,
    Advocate,
    /// Needs a reason.
    NotParticipating,
}

/// TRACK-012: how the IRO dealt with an issue at the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueResolution {
    ResolvedAtReview,
    /// "Open issue – escalate": opens WF-IRO-ESCALATION.
    Escalate,
}

/// TRACK-012: an issue on the review form, pre-filled from an open drift
/// reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewIssue {
    pub code: DriftCode,
    pub issue: String,
    #[serde(default)]
    pub resolution: Option<IssueResolution>,
}

/// TRACK-012: the review form's issues, one for each drift reason open on the
/// day of the review.
pub fn review_issues(reasons: &[DriftReason]) -> Vec<ReviewIssue> {
    reasons
        .iter()
        .map(|r| ReviewIssue {
            code: r.code,
            issue: r.code.label().to_owned(),
            resolution: None,
        })
        .collect()
}

/// The monitoring section of a Review of Arrangements: participation
/// (TRACK-011), outcome progress (TRACK-006) and the IRO's issues
/// (TRACK-012). The rest of the review (the parents' and carer's
/// contributions, the child's voice, the plan outcome, the decisions) is
/// [`super::reviews::ReviewRecord`]; a review is finalised when neither
/// [`super::reviews::finalisation_gaps`] nor [`review_monitoring_gaps`] finds a gap.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReviewMonitoring {
    /// A school-age child must have an Education status (TRACK-006).
    pub school_age: bool,
    pub child_participation: Option<ChildParticipation>,
    /// Why the child is not participating (free text).
    pub non_participation_reason: Option<String>,
    /// Other professionals took part (the parents' and carer's contributions
    /// are on the review record).
    pub professionals_took_part: bool,
    /// The IRO's role was explained to those present (TRACK-011).
    pub iro_role_explained: Option<bool>,
    pub outcome_progress: BTreeMap<OutcomeArea, Progress>,
    pub issues: Vec<ReviewIssue>,
}

/// What in the monitoring section stops a review being finalised:
/// participation (TRACK-011), progress in every outcome area (TRACK-006,
/// Education only for a school-age child) and an answer to every IRO issue
/// (TRACK-012).
pub fn review_monitoring_gaps(review: &ReviewMonitoring) -> Vec<Gap> {
    let mut gaps = Vec::new();
    match review.child_participation {
        None => gaps.push(Gap::block(
            "TRACK-011",
            "child_participation",
            "the child's participation mode is required",
        )),
        Some(ChildParticipation::NotParticipating)
            if review
                .non_participation_reason
                .as_deref()
                .is_none_or(|s| s.trim().is_empty()) =>
        {
            gaps.push(Gap::block(
                "TRACK-011",
                "non_participation_reason",
                "the reason the child is not participating is required",
            ))
        }
        Some(_) => {}
    }
    if review.iro_role_explained.is_none() {
        gaps.push(Gap::block(
            "TRACK-011",
            "iro_role_explained",
            "record whether the IRO's role and responsibility were explained",
        ));
    }
    for area in OutcomeArea::ALL {
        if area == OutcomeArea::Education && !review.school_age {
            continue;
        }
        if !review.outcome_progress.contains_key(&area) {
            gaps.push(Gap::block(
                "TRACK-006",
                "outcome_progress",
                format!("{} status is required", area.label()),
            ));
        }
    }
    for issue in review.issues.iter().filter(|i| i.resolution.is_none()) {
        gaps.push(Gap::block(
            "TRACK-012",
            "issues",
            format!(
                "mark the issue \"{}\" resolved at review or open issue – escalate",
                issue.issue
            ),
        ));
    }
    gaps
}

/// TRACK-006: reviews counted by area and progress, to total across children.
pub fn outcome_totals<'a>(
    reviews: impl IntoIterator<Item = &'a ReviewMonitoring>,
) -> BTreeMap<(OutcomeArea, Progress), usize> {
    let mut totals = BTreeMap::new();
    for review in reviews {
        for (area, progress) in &review.outcome_progress {
            *totals.entry((*area, *progress)).or_insert(0) += 1;
        }
    }
    totals
}

// ---------------------------------------------------------------------------
// TRACK-007: the Permanence Scorecard.

/// One child's second review and when their plan was first ratified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatificationTiming {
    pub child_id: ChildId,
    /// The date of the second review (held).
    pub second_review: NaiveDate,
    #[serde(default)]
    pub first_ratified: Option<NaiveDate>,
}

/// TRACK-007: "% plans ratified by second review": of the children whose
/// second review fell in `from..=to`, the share with a plan ratified at or
/// before it, to one decimal place. None when no child's review fell then.
pub fn percent_ratified_by_second_review(
    children: &[RatificationTiming],
    from: NaiveDate,
    to: NaiveDate,
) -> Option<f64> {
    let cohort: Vec<&RatificationTiming> = children
        .iter()
        .filter(|c| (from..=to).contains(&c.second_review))
        .collect();
    if cohort.is_empty() {
        return None;
    }
    let ratified = cohort
        .iter()
        .filter(|c| c.first_ratified.is_some_and(|r| r <= c.second_review))
        .count();
    let tenths = (ratified * 1000 + cohort.len() / 2) / cohort.len();
    Some(tenths as f64 / 10.0)
}

// ---------------------------------------------------------------------------
// TRACK-008: governance reporting.

/// Who a governance report goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    LeadMember,
    Director,
    Scrutiny,
}

/// The reports of TRACK-008.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GovernanceReportKind {
    PermanenceScorecard,
    IroAnnualReport,
    PeerReview,
    Benchmarking,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::LeadMember, Audience::Director, Audience::Scrutiny];

    pub fn label(self) -> &'static str {
        match self {
            Audience::LeadMember => "Lead Member for Children's Services",
            Audience::Director => "Director of Children's Services",
            Audience::Scrutiny => "Scrutiny body",
        }
    }
}

impl GovernanceReportKind {
    pub const ALL: [GovernanceReportKind; 4] = [
        GovernanceReportKind::PermanenceScorecard,
        GovernanceReportKind::IroAnnualReport,
        GovernanceReportKind::PeerReview,
        GovernanceReportKind::Benchmarking,
    ];

    pub fn label(self) -> &'static str {
        match self {
            GovernanceReportKind::PermanenceScorecard => "Permanence Scorecard",
            GovernanceReportKind::IroAnnualReport => "IRO annual report",
            GovernanceReportKind::PeerReview => "Peer review",
            GovernanceReportKind::Benchmarking => "Benchmarking",
        }
    }
}

/// Who keeps the governance reporting calendar (the product's choice: the
/// spec names no role; RPT-003's quarterly report is the performance team's).
pub const GOVERNANCE_CALENDAR_KEEPERS: [Role; 3] = [
    Role::PerformanceAnalyst,
    Role::ServiceManager,
    Role::HeadOfService,
];

/// A report in the reporting calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GovernanceReport {
    pub kind: GovernanceReportKind,
    pub date: NaiveDate,
    pub audiences: Vec<Audience>,
}

/// TRACK-008: what the reporting calendar of the financial year starting in
/// April of `year` lacks: a Permanence Scorecard report to both the Lead
/// Member and the Director in each quarter ("regular" = quarterly, RPT-003)
/// and an IRO annual report. Empty when the calendar is valid.
pub fn governance_calendar_problems(reports: &[GovernanceReport], year: i32) -> Vec<String> {
    let label = format!("{}-{:02}", year, (year + 1) % 100);
    let mut problems = Vec::new();
    let quarters: Vec<(NaiveDate, NaiveDate)> =
        (1..=4).filter_map(|q| financial_quarter(year, q)).collect();
    for (q, (from, to)) in quarters.iter().enumerate() {
        let (from, to) = (*from, *to);
        let covered = reports.iter().any(|r| {
            r.kind == GovernanceReportKind::PermanenceScorecard
                && (from..=to).contains(&r.date)
                && r.audiences.contains(&Audience::LeadMember)
                && r.audiences.contains(&Audience::Director)
        });
        if !covered {
            problems.push(format!(
                "no Permanence Scorecard report to the Lead Member and the Director in Q{} {label}",
                q + 1
            ));
        }
    }
    let (start, end) = (quarters[0].0, quarters[3].1);
    if !reports
        .iter()
        .any(|r| r.kind == GovernanceReportKind::IroAnnualReport && (start..=end).contains(&r.date))
    {
        problems.push(format!("no IRO annual report in {label}"));
    }
    problems
}

// ---------------------------------------------------------------------------
// TRACK-009: file audits.

fn grade_label(grade: AuditGrade) -> &'static str {
    match grade {
        AuditGrade::Outstanding => "outstanding",
        AuditGrade::Good => "good",
        AuditGrade::RequiresImprovement => "requires improvement",
        AuditGrade::Inadequate => "inadequate",
    }
}

/// TRACK-009: when a KSS case-file audit (PRIN-017) is completed, an action
/// on the child's record for each standard graded below good, owned by the
/// child's Team Manager and due 20 working days after completion. None
/// before the audit is closed.
pub fn audit_actions(audit: &PermanenceAudit, team_manager: &str) -> Vec<Action> {
    let Some(completed) = audit.closed else {
        return Vec::new();
    };
    let due = add_working_days(completed, AUDIT_ACTION_WORKING_DAYS);
    audit
        .items
        .iter()
        .filter_map(|item| {
            let grade = item.grade?;
            (grade > AuditGrade::Good).then(|| Action {
                what: format!(
                    "Improve: {} (graded {})",
                    item.standard.label(),
                    grade_label(grade)
                ),
                owner: team_manager.to_owned(),
                due,
                done: None,
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------
// TRACK-010: views of children, families and carers.

/// The points at which views are sought.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackTrigger {
    Review,
    PanelItem,
    PlacementMove,
    PermanenceAchieved,
}

/// Who is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Respondent {
    Child,
    Carer,
    Family,
}

/// A request for views, answered in a structured form that can be totalled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackRequest {
    pub child_id: ChildId,
    pub trigger: FeedbackTrigger,
    pub respondent: Respondent,
    /// The person asked (the child is identified by `child_id`).
    #[serde(default)]
    pub person: Option<String>,
    pub created: NaiveDate,
}

/// Who can be asked for their views at a feedback point.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedbackParties {
    pub carer: Option<String>,
    /// The child is of sufficient age and understanding.
    pub child_can_give_views: bool,
    pub family: Vec<String>,
}

/// TRACK-010: the feedback requests a trigger creates: the carer, the child
/// where of sufficient age and understanding, and family members.
pub fn feedback_requests(
    child_id: &ChildId,
    trigger: FeedbackTrigger,
    on: NaiveDate,
    parties: &FeedbackParties,
) -> Vec<FeedbackRequest> {
    let request = |respondent, person: Option<&String>| FeedbackRequest {
        child_id: child_id.clone(),
        trigger,
        respondent,
        person: person.cloned(),
        created: on,
    };
    let mut requests = Vec::new();
    if let Some(carer) = &parties.carer {
        requests.push(request(Respondent::Carer, Some(carer)));
    }
    if parties.child_can_give_views {
        requests.push(request(Respondent::Child, None));
    }
    for member in &parties.family {
        requests.push(request(Respondent::Family, Some(member)));
    }
    requests
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permanence::file_audit::KssStandard;
    use crate::permanence::iro_issues::IroIssue;
    use crate::permanence::plan::{Firmness, ParallelPlan, Step};
    use crate::permanence::workflow::IroIssueState;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("an ISO date")
    }

    fn plan(lifecycle: Lifecycle) -> PermanencePlan {
        let mut p = PermanencePlan::draft("X".parse().unwrap(), d("2025-03-03"), "sw-1");
        p.lifecycle = lifecycle;
        p
    }

    /// Entered care 2025-03-03, first review held 2025-03-31, permanence
    /// discussed at entry, draft plan.
    fn child() -> TrackingFacts {
        TrackingFacts {
            child_id: "X".parse().unwrap(),
            entered_care: Some(d("2025-03-03")),
            reviews_held: vec![d("2025-03-31")],
            permanence_discussion: Some(d("2025-03-03")),
            plan: Some(plan(Lifecycle::Draft)),
            ..TrackingFacts::new("X".parse().unwrap())
        }
    }

    fn codes(reasons: &[DriftReason]) -> Vec<DriftCode> {
        reasons.iter().map(|r| r.code).collect()
    }

    fn reason(code: DriftCode, opened: &str) -> DriftReason {
        DriftReason::new(code, "TRACK-002", d(opened), code.label())
    }

    #[test]
    fn track_001_review_due_dates_count_from_the_review_actually_held() {
        let entered = d("2025-03-03");
        assert_eq!(next_review_due(entered, &[]), d("2025-03-31"));
        assert_eq!(
            review_due_dates(entered, &[d("2025-06-20"), d("2025-03-28")]),
            vec![d("2025-03-31"), d("2025-06-28"), d("2025-12-20")]
        );
        // A review from an earlier period of care does not count.
        assert_eq!(
            next_review_due(entered, &[d("2024-11-01")]),
            d("2025-03-31")
        );
    }

    #[test]
    fn track_002_child_appears_once_with_both_reasons() {
        // Reason (b) open from 2025-07-01 (second review due 2025-06-30, no
        // ratified plan) and reason (e) from 2025-08-31 (LTF agreed at the
        // review on 2025-06-30, not listed by 2025-08-30).
        let mut x = child();
        x.reviews_held.push(d("2025-06-30"));
        x.ltf_agreed_at_review = Some(d("2025-06-30"));
        x.plan.as_mut().unwrap().pathway = Some(Pathway::LongTermFostering);
        let mut settled = child();
        settled.child_id = "Y".parse().unwrap();
        settled.plan = Some(plan(Lifecycle::Ratified));
        settled.reviews_held.push(d("2025-06-30"));
        assert!(drift_reasons(&settled, d("2025-09-01")).is_empty());
        let list = vec![DriftListEntry {
            child_id: x.child_id.clone(),
            reasons: drift_reasons(&x, d("2025-09-01")),
        }];
        assert_eq!(list[0].child_id, "X");
        let reasons = &list[0].reasons;
        assert_eq!(codes(reasons), vec![DriftCode::B, DriftCode::E]);
        assert_eq!(reasons[0].opened, d("2025-07-01"));
        assert_eq!(reasons[0].days_open(d("2025-09-01")), 62);
        assert_eq!(
            reasons[0].message,
            "Permanence plan not ratified by second review"
        );
        assert_eq!(reasons[1].opened, d("2025-08-31"));
        assert_eq!(
            reasons[1].message,
            "LTF plan not at Permanence Panel within 2 months"
        );
        assert_eq!(
            drift_counts(&list),
            BTreeMap::from([(DriftCode::B, 1), (DriftCode::E, 1)])
        );
    }

    #[test]
    fn track_002_reason_b_opens_the_day_after_the_second_review_due_date() {
        // The second review was held but did not ratify the plan.
        let mut x = child();
        x.reviews_held.push(d("2025-06-27"));
        assert!(drift_reasons(&x, d("2025-06-30")).is_empty());
        assert_eq!(
            codes(&drift_reasons(&x, d("2025-07-01"))),
            vec![DriftCode::B]
        );
        // Ratified at the second review: cleared.
        let mut ratified = x.clone();
        let p = ratified.plan.as_mut().unwrap();
        p.lifecycle = Lifecycle::RatifiedSubjectToPanel;
        p.ratified_on = Some(d("2025-06-27"));
        assert!(drift_reasons(&ratified, d("2025-07-01")).is_empty());
    }

    #[test]
    fn track_002_reason_a_permanence_not_discussed_by_first_review() {
        let mut x = child();
        x.permanence_discussion = None;
        let reasons = drift_reasons(&x, d("2025-03-31"));
        assert_eq!(codes(&reasons), vec![DriftCode::A]);
        assert_eq!(reasons[0].opened, d("2025-03-31"));
        assert_eq!(
            reasons[0].message,
            "Permanence not discussed by first review"
        );
        // Not yet held and not yet due: nothing.
        x.reviews_held.clear();
        assert!(drift_reasons(&x, d("2025-03-20")).is_empty());
        // A discussion recorded clears it.
        x.permanence_discussion = Some(d("2025-03-05"));
        assert!(drift_reasons(&x, d("2025-03-31")).is_empty());
    }

    #[test]
    fn track_002_reasons_c_d_and_g_from_the_plan() {
        let mut x = child();
        let p = x.plan.as_mut().unwrap();
        p.lifecycle = Lifecycle::Ratified;
        p.ratified_on = Some(d("2025-06-30"));
        p.firmness = Firmness {
            provisional: false,
            parallel: true,
        };
        p.parallel = Some(ParallelPlan {
            pathway: Pathway::SpecialGuardianshipOrder,
            decision_date: d("2025-09-30"),
            decided: None,
        });
        p.steps = vec![
            Step {
                description: "Viability assessment of the aunt".into(),
                owner: "sw-1".into(),
                target: d("2025-09-15"),
                done: None,
                variance_reason: None,
            },
            Step {
                description: "Contact review".into(),
                owner: "sw-1".into(),
                target: d("2025-08-01"),
                done: Some(d("2025-07-30")),
                variance_reason: None,
            },
        ];
        x.reviews_held.push(d("2025-06-30"));
        assert!(drift_reasons(&x, d("2025-09-15")).is_empty());
        let on = drift_reasons(&x, d("2025-10-01"));
        assert_eq!(codes(&on), vec![DriftCode::C, DriftCode::D]);
        assert_eq!(on[0].message, "Parallel plan decision date passed");
        assert_eq!(on[0].opened, d("2025-10-01"));
        assert_eq!(on[1].opened, d("2025-09-16"));
        assert!(!on[1].message.contains("aunt"), "no free text in messages");
        // Care plan last updated (ratified) 2025-06-30: due 2025-12-30.
        let later = drift_reasons(&x, d("2025-12-31"));
        let g = later.iter().find(|r| r.code == DriftCode::G).unwrap();
        assert_eq!((g.rule, g.opened), ("PLAN-015", d("2025-12-31")));
        assert!(!codes(&drift_reasons(&x, d("2025-12-30"))).contains(&DriftCode::G));
    }

    #[test]
    fn track_002_reason_f_review_overdue() {
        let mut x = child();
        x.plan = Some(plan(Lifecycle::Ratified));
        x.reviews_held.push(d("2025-06-20"));
        assert!(drift_reasons(&x, d("2025-12-20")).is_empty());
        let reasons = drift_reasons(&x, d("2025-12-21"));
        assert_eq!(codes(&reasons), vec![DriftCode::F]);
        assert_eq!(reasons[0].rule, "TRACK-001");
    }

    #[test]
    fn track_002_reason_h_short_term_placement_over_two_years() {
        let mut x = child();
        x.entered_care = None;
        x.short_term_placement_start = Some(d("2023-01-15"));
        assert!(drift_reasons(&x, d("2025-01-15")).is_empty());
        let reasons = drift_reasons(&x, d("2025-01-16"));
        assert_eq!(codes(&reasons), vec![DriftCode::H]);
        // A ratified final plan is a permanence decision.
        let mut decided = plan(Lifecycle::Ratified);
        decided.ratified_on = Some(d("2024-05-01"));
        decided.care_plan_updated = Some(d("2025-01-02"));
        x.plan = Some(decided.clone());
        assert!(drift_reasons(&x, d("2025-01-16")).is_empty());
        // A provisional one is not.
        decided.firmness.provisional = true;
        x.plan = Some(decided);
        assert_eq!(
            codes(&drift_reasons(&x, d("2025-01-16"))),
            vec![DriftCode::H]
        );
    }

    #[test]
    fn track_002_reason_i_takes_the_adoption_timer_open_longest() {
        let mut x = child();
        x.plan = Some(plan(Lifecycle::Ratified));
        x.reviews_held.push(d("2025-06-20"));
        x.adoption_plan = true;
        x.adoption_plan_agreed = Some(d("2025-06-20"));
        // The ADM decision was due 2025-08-20.
        let reasons = drift_reasons(&x, d("2025-08-21"));
        assert_eq!(codes(&reasons), vec![DriftCode::I]);
        assert_eq!(reasons[0].rule, "ADOPT-009");
        x.adoption_adm_decision = Some(d("2025-08-01"));
        assert!(drift_reasons(&x, d("2025-08-21")).is_empty());
        // Placement order 2025-01-06 with no link: alert on 2025-03-31.
        let mut y = TrackingFacts {
            adoption_plan: true,
            placement_order: Some(d("2025-01-06")),
            ..TrackingFacts::new("X".parse().unwrap())
        };
        assert!(drift_reasons(&y, d("2025-03-30")).is_empty());
        assert_eq!(drift_reasons(&y, d("2025-03-31"))[0].rule, "ADOPT-016");
        y.placed_for_adoption = Some(d("2025-03-20"));
        assert!(drift_reasons(&y, d("2025-03-31")).is_empty());
    }

    #[test]
    fn track_002_reason_j_panel_monitoring_overdue() {
        let mut x = child();
        x.plan = Some(plan(Lifecycle::Achieved));
        x.reviews_held = vec![d("2024-03-31"), d("2025-03-20")];
        x.entered_care = Some(d("2024-03-04"));
        x.match_agreed = Some(d("2024-09-11"));
        assert!(drift_reasons(&x, d("2025-09-11")).is_empty());
        let reasons = drift_reasons(&x, d("2025-09-12"));
        assert_eq!(codes(&reasons), vec![DriftCode::J]);
        assert_eq!(reasons[0].message, "Permanence Panel monitoring overdue");
        x.monitoring_heard.push(d("2025-09-10"));
        assert!(drift_reasons(&x, d("2025-09-12")).is_empty());
    }

    #[test]
    fn track_002_facts_after_the_run_date_are_not_known_yet() {
        let mut x = child();
        x.ltf_agreed_at_review = Some(d("2025-06-30"));
        x.reviews_held.push(d("2025-06-30"));
        let mut p = plan(Lifecycle::RatifiedSubjectToPanel);
        p.ratified_on = Some(d("2025-06-30"));
        x.plan = Some(p);
        x.panel_listed = Some(d("2025-09-05"));
        assert_eq!(
            codes(&drift_reasons(&x, d("2025-09-01"))),
            vec![DriftCode::E]
        );
        assert!(drift_reasons(&x, d("2025-09-05")).is_empty());
    }

    #[test]
    fn track_002_next_milestone_is_the_earliest_not_yet_met() {
        let x = child();
        // Second review and ratification both due 2025-06-30; the review
        // comes first in the list.
        assert_eq!(
            next_milestone(&x, d("2025-04-01")),
            Some(("Review of Arrangements 2".to_owned(), d("2025-06-30")))
        );
        let mut y = child();
        y.plan = Some(plan(Lifecycle::Ratified));
        y.reviews_held.push(d("2025-06-30"));
        y.trajectory = vec![Milestone {
            kind: MilestoneKind::PermanencePanel,
            target: d("2025-08-30"),
            actual: None,
            variance_reason: None,
        }];
        assert_eq!(
            next_milestone(&y, d("2025-07-01")),
            Some(("Permanence Panel".to_owned(), d("2025-08-30")))
        );
        assert_eq!(
            next_milestone(&TrackingFacts::new("X".parse().unwrap()), d("2025-07-01")),
            None
        );
    }

    #[test]
    fn track_003_service_manager_oversight_after_thirty_days_on_the_list() {
        let reasons = [reason(DriftCode::B, "2025-07-01")];
        let mut x = child();
        assert_eq!(service_manager_oversight_due(&reasons[0]), d("2025-07-31"));
        assert!(!needs_service_manager(&reasons, &x, d("2025-07-30")));
        assert!(needs_service_manager(&reasons, &x, d("2025-07-31")));
        // An entry from before the reason opened does not count.
        x.sm_oversight.push(d("2025-06-15"));
        assert!(needs_service_manager(&reasons, &x, d("2025-07-31")));
        x.sm_oversight.push(d("2025-07-20"));
        assert!(!needs_service_manager(&reasons, &x, d("2025-07-31")));
    }

    #[test]
    fn track_004_variance_needs_a_reason() {
        let mut panel = Milestone {
            kind: MilestoneKind::PermanencePanel,
            target: d("2025-08-30"),
            actual: Some(d("2025-09-10")),
            variance_reason: None,
        };
        assert_eq!(panel.variance_days(d("2025-10-01")), Some(11));
        let gaps = trajectory_gaps(std::slice::from_ref(&panel), d("2025-10-01"));
        assert_eq!(gaps.len(), 1);
        assert!(gaps[0].blocking);
        assert_eq!(
            gaps[0].message,
            "Permanence Panel: 11 days late; a variance reason is required"
        );
        panel.variance_reason = Some("Panel cancelled in August".into());
        assert!(trajectory_gaps(&[panel], d("2025-10-01")).is_empty());
        // On target, or not yet due: no variance to explain.
        let on_time = Milestone {
            kind: MilestoneKind::Match,
            target: d("2025-11-01"),
            actual: Some(d("2025-11-01")),
            variance_reason: None,
        };
        let not_due = Milestone {
            kind: MilestoneKind::Order,
            target: d("2026-01-15"),
            actual: None,
            variance_reason: None,
        };
        assert_eq!(not_due.variance_days(d("2025-12-01")), None);
        assert!(trajectory_gaps(&[on_time, not_due.clone()], d("2025-12-01")).is_empty());
        // Past its target and not reached: late so far.
        assert_eq!(not_due.variance_days(d("2026-01-20")), Some(5));
    }

    #[test]
    fn track_005_carer_notice_on_a_long_term_placement_sets_the_flag() {
        let (flag, task) =
            raise_placement_risk("pl-7", true, StrainIndicator::CarerNotice, d("2025-10-01"))
                .expect("a long-term placement is flagged");
        assert_eq!(flag.raised, d("2025-10-01"));
        assert_eq!(task.rule, "TRACK-005");
        assert_eq!(task.due, d("2025-10-08"));
        assert_eq!(
            risk_response_outstanding(&flag),
            vec!["placement stability meeting", "action plan"]
        );
        assert!(
            raise_placement_risk("pl-8", false, StrainIndicator::CarerNotice, d("2025-10-01"))
                .is_none()
        );
        let answered = PlacementRiskFlag {
            stability_meeting: Some(d("2025-10-06")),
            action_plan: vec![Action {
                what: "Therapeutic support referral".into(),
                owner: "sw-1".into(),
                due: d("2025-10-20"),
                done: None,
            }],
            ..flag
        };
        assert!(risk_response_outstanding(&answered).is_empty());
    }

    fn finalisable_review() -> ReviewMonitoring {
        ReviewMonitoring {
            school_age: true,
            child_participation: Some(ChildParticipation::Attended),
            iro_role_explained: Some(true),
            outcome_progress: OutcomeArea::ALL
                .into_iter()
                .map(|a| (a, Progress::OnTrack))
                .collect(),
            ..ReviewMonitoring::default()
        }
    }

    #[test]
    fn track_006_school_age_child_needs_an_education_status() {
        assert!(review_monitoring_gaps(&finalisable_review()).is_empty());
        let mut review = finalisable_review();
        review.outcome_progress.remove(&OutcomeArea::Education);
        let gaps = review_monitoring_gaps(&review);
        assert_eq!(gaps.len(), 1);
        assert_eq!((gaps[0].rule, gaps[0].blocking), ("TRACK-006", true));
        assert_eq!(gaps[0].message, "Education status is required");
        review.school_age = false;
        assert!(review_monitoring_gaps(&review).is_empty());
        review.outcome_progress.remove(&OutcomeArea::Stability);
        assert_eq!(review_monitoring_gaps(&review).len(), 1);
    }

    #[test]
    fn track_006_progress_is_totalled_across_children() {
        let a = finalisable_review();
        let mut b = finalisable_review();
        b.outcome_progress
            .insert(OutcomeArea::Education, Progress::NotOnTrack);
        let totals = outcome_totals([&a, &b]);
        assert_eq!(totals[&(OutcomeArea::Education, Progress::OnTrack)], 1);
        assert_eq!(totals[&(OutcomeArea::Education, Progress::NotOnTrack)], 1);
        assert_eq!(totals[&(OutcomeArea::Stability, Progress::OnTrack)], 2);
    }

    #[test]
    fn track_007_percent_of_plans_ratified_by_the_second_review() {
        // Q1 2025-26: 40 children, 34 ratified at or before the review.
        let mut children: Vec<RatificationTiming> = (0..40)
            .map(|i| RatificationTiming {
                child_id: format!("c{i}").parse().unwrap(),
                second_review: d("2025-05-15"),
                first_ratified: (i < 34).then(|| d("2025-05-15")),
            })
            .collect();
        // Ratified late, and a review outside the quarter: neither changes it.
        children[39].first_ratified = Some(d("2025-05-16"));
        children.push(RatificationTiming {
            child_id: "late".parse().unwrap(),
            second_review: d("2025-07-02"),
            first_ratified: None,
        });
        assert_eq!(
            percent_ratified_by_second_review(&children, d("2025-04-01"), d("2025-06-30")),
            Some(85.0)
        );
        assert_eq!(
            percent_ratified_by_second_review(&children, d("2024-04-01"), d("2024-06-30")),
            None
        );
    }

    fn scorecard(date: &str) -> GovernanceReport {
        GovernanceReport {
            kind: GovernanceReportKind::PermanenceScorecard,
            date: d(date),
            audiences: vec![Audience::LeadMember, Audience::Director],
        }
    }

    #[test]
    fn track_008_reporting_calendar_needs_quarterly_scorecards_and_the_iro_report() {
        let mut calendar = vec![
            scorecard("2025-07-10"),
            scorecard("2025-10-09"),
            scorecard("2026-01-15"),
            scorecard("2026-03-12"),
            GovernanceReport {
                kind: GovernanceReportKind::IroAnnualReport,
                date: d("2025-09-18"),
                audiences: vec![Audience::Scrutiny],
            },
        ];
        // Q1 (April to June) has no report yet.
        assert_eq!(
            governance_calendar_problems(&calendar, 2025),
            vec![
                "no Permanence Scorecard report to the Lead Member and the Director in Q1 2025-26"
            ]
        );
        calendar.push(GovernanceReport {
            audiences: vec![Audience::Director],
            ..scorecard("2025-06-12")
        });
        assert_eq!(governance_calendar_problems(&calendar, 2025).len(), 1);
        calendar.push(scorecard("2025-06-12"));
        assert!(governance_calendar_problems(&calendar, 2025).is_empty());
        calendar.retain(|r| r.kind != GovernanceReportKind::IroAnnualReport);
        assert_eq!(
            governance_calendar_problems(&calendar, 2025),
            vec!["no IRO annual report in 2025-26"]
        );
    }

    #[test]
    fn track_009_inadequate_audit_grade_creates_a_team_manager_action() {
        // "Timeliness of planning" is the KSS standard on drift: the right
        // decision at the right time.
        let mut audit = PermanenceAudit::new("X".parse().unwrap(), d("2025-11-03"));
        for standard in KssStandard::ALL {
            audit.grade(standard, AuditGrade::Good);
        }
        audit.grade(KssStandard::EliminateDrift, AuditGrade::Inadequate);
        assert!(
            audit_actions(&audit, "tm-2").is_empty(),
            "not yet completed"
        );
        audit.close(d("2025-11-10")).unwrap();
        let actions = audit_actions(&audit, "tm-2");
        assert_eq!(actions.len(), 1);
        assert_eq!(actions[0].owner, "tm-2");
        assert_eq!(actions[0].due, d("2025-12-08"));
        assert!(actions[0].what.contains("right decision at the right time"));
        assert!(actions[0].what.ends_with("(graded inadequate)"));
        audit.grade(KssStandard::CaseRecords, AuditGrade::RequiresImprovement);
        assert_eq!(audit_actions(&audit, "tm-2").len(), 2);
    }

    #[test]
    fn track_010_permanence_achieved_asks_the_carer_and_the_child() {
        let parties = FeedbackParties {
            carer: Some("carer-4".into()),
            child_can_give_views: true,
            family: Vec::new(),
        };
        let requests = feedback_requests(
            &"X".parse().unwrap(),
            FeedbackTrigger::PermanenceAchieved,
            d("2025-11-14"),
            &parties,
        );
        let who: Vec<Respondent> = requests.iter().map(|r| r.respondent).collect();
        assert_eq!(who, vec![Respondent::Carer, Respondent::Child]);
        assert!(requests.iter().all(|r| r.created == d("2025-11-14")));
        let young = FeedbackParties {
            child_can_give_views: false,
            ..parties
        };
        let requests = feedback_requests(
            &"X".parse().unwrap(),
            FeedbackTrigger::PermanenceAchieved,
            d("2025-11-14"),
            &young,
        );
        assert_eq!(requests.len(), 1);
        assert_eq!(requests[0].respondent, Respondent::Carer);
    }

    #[test]
    fn track_011_review_needs_the_child_participation_mode() {
        let mut review = finalisable_review();
        review.child_participation = None;
        let gaps = review_monitoring_gaps(&review);
        assert_eq!(gaps.len(), 1);
        assert_eq!(
            (gaps[0].rule, gaps[0].field),
            ("TRACK-011", "child_participation")
        );
        review.child_participation = Some(ChildParticipation::NotParticipating);
        assert_eq!(
            review_monitoring_gaps(&review)[0].field,
            "non_participation_reason"
        );
        review.non_participation_reason = Some("Declined to attend".into());
        assert!(review_monitoring_gaps(&review).is_empty());
        review.iro_role_explained = None;
        assert_eq!(
            review_monitoring_gaps(&review)[0].field,
            "iro_role_explained"
        );
    }

    #[test]
    fn track_012_review_form_prefilled_with_open_drift_reasons() {
        // Reason (b) open on the day of the review, 2025-07-10 (the second
        // review, on 2025-06-30, did not ratify the plan).
        let mut x = child();
        x.reviews_held.push(d("2025-06-30"));
        let reasons = drift_reasons(&x, d("2025-07-10"));
        let mut review = finalisable_review();
        review.issues = review_issues(&reasons);
        assert_eq!(review.issues.len(), 1);
        assert_eq!(review.issues[0].issue, "Permanence plan not ratified");
        let gaps = review_monitoring_gaps(&review);
        assert_eq!(gaps.len(), 1);
        assert_eq!(gaps[0].rule, "TRACK-012");
        // Resolved at the review: no IRO issue is raised.
        review.issues[0].resolution = Some(IssueResolution::ResolvedAtReview);
        assert!(review_monitoring_gaps(&review).is_empty());
        assert!(IroIssue::from_review(&"X".parse().unwrap(), d("2025-07-10"), &review).is_empty());
        // "Open issue – escalate" raises it at Stage 0 on the review date.
        review.issues[0].resolution = Some(IssueResolution::Escalate);
        let issues = IroIssue::from_review(&"X".parse().unwrap(), d("2025-07-10"), &review);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].state(), IroIssueState::Stage0);
        assert_eq!(issues[0].current().raised, d("2025-07-10"));
        assert_eq!(issues[0].current().response_due, d("2025-07-17"));
    }

    #[test]
    fn track_014_adoption_plan_flagged_a3_at_risk_at_twelve_months() {
        let mut x = TrackingFacts {
            child_id: "X".parse().unwrap(),
            entered_care: Some(d("2024-09-02")),
            adoption_plan: true,
            ..TrackingFacts::new("X".parse().unwrap())
        };
        assert_eq!(a3_watch(&x, d("2025-09-01")), None);
        let watch = a3_watch(&x, d("2025-09-02")).expect("flagged on the day");
        assert_eq!(watch.message(), "A3 at risk – 14 months on 2025-11-02");
        let i = drift_reasons(&x, d("2025-09-02"))
            .into_iter()
            .find(|r| r.code == DriftCode::I)
            .expect("reason (i)");
        assert_eq!((i.rule, i.opened), ("TRACK-014", d("2025-09-02")));
        x.placed_for_adoption = Some(d("2025-08-20"));
        assert_eq!(a3_watch(&x, d("2025-09-02")), None);
    }

    #[test]
    fn track_016_drifting_child_not_discussed_in_july_is_flagged() {
        let reasons = [reason(DriftCode::B, "2025-07-01")];
        let mut x = child();
        x.supervision_discussions.push(d("2025-06-25"));
        assert!(not_discussed_in_supervision(&reasons, &x, d("2025-07-01")));
        // June: not yet on the list.
        assert!(!not_discussed_in_supervision(&reasons, &x, d("2025-06-01")));
        x.supervision_discussions.push(d("2025-07-15"));
        assert!(!not_discussed_in_supervision(&reasons, &x, d("2025-07-31")));
        assert_eq!(NOT_DISCUSSED_IN_SUPERVISION, "not discussed in supervision");
    }
}
