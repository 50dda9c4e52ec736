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

mod reviews_and_governance;
pub use reviews_and_governance::*;

#[cfg(test)]
mod tests;
