//! The complaints measures (chapter 40 section 8) computed from the
//! complaints recorded: received by stage, escalation to Stage 2, the
//! Stage 1 and Stage 2 timeliness in working days (the England and Wales
//! calendar), and complaints made by children; escalation beyond Stage 2
//! (KPI-CMPL-03) and, of the statutory complaints resolved in the period,
//! those with fault found (KPI-CMPL-07), caused by delay (KPI-CMPL-08),
//! with a wider service improvement (KPI-CMPL-13) and the Ombudsman's
//! findings of fault (KPI-CMPL-10). Each line behind a figure is a
//! complaint, linking to its record; no complainant is named.

use chrono::NaiveDate;

use super::conventions::Period;
use super::measures::{Behind, Counted, ServiceRecords, Who};
use crate::calendar::working_days_between;
use crate::complaints::complaint::Complaint;
use crate::complaints::resolution::{
    Closing, Costs, OmbudsmanDecision, Route, System, cause_label,
};
use crate::deadlines::EventKind::{self, *};

/// KPI-CMPL-04: the working days a Stage 1 response may take.
pub const STAGE_ONE_WORKING_DAYS: i64 = 20;
/// KPI-CMPL-05: the working days a Stage 2 investigation may take.
pub const STAGE_TWO_WORKING_DAYS: i64 = 65;

fn line(c: &Complaint, counted: Counted, why: String) -> Behind {
    Behind::about(Who::Complaint(c.id.clone()), counted, why)
}

fn within(period: &Period, at: NaiveDate, date: NaiveDate) -> bool {
    period.start() <= date && date <= at
}

fn first(c: &Complaint, event: EventKind, by: NaiveDate) -> Option<NaiveDate> {
    c.events
        .iter()
        .find(|e| e.kind == event && e.date <= by)
        .map(|e| e.date)
}

/// KPI-CMPL-01: complaints received at Stage 1 in the period (with
/// `children_only`, KPI-CMPL-09: those the child or young person made).
pub(crate) fn received(
    s: &ServiceRecords,
    period: &Period,
    at: NaiveDate,
    children_only: bool,
) -> Vec<Behind> {
    s.complaints
        .iter()
        .filter(|c| within(period, at, c.received))
        .filter(|c| !children_only || c.complainant_is == "child")
        .map(|c| line(c, Counted::Numerator, format!("Received on {}", c.received)))
        .collect()
}

/// KPI-CMPL-01: Stage 2 investigations requested in the period.
pub(crate) fn stage_two_requests(
    s: &ServiceRecords,
    period: &Period,
    at: NaiveDate,
) -> Vec<Behind> {
    s.complaints
        .iter()
        .filter_map(|c| {
            let asked = c
                .events
                .iter()
                .find(|e| e.kind == ComplaintStage2Requested && within(period, at, e.date))?;
            Some(line(
                c,
                Counted::Numerator,
                format!("Stage 2 requested on {}", asked.date),
            ))
        })
        .collect()
}

/// KPI-CMPL-02: the complaints received in the period that went on to
/// Stage 2 (by the day the figure is as at), as a share of them.
pub(crate) fn escalation(s: &ServiceRecords, period: &Period, at: NaiveDate) -> Vec<Behind> {
    s.complaints
        .iter()
        .filter(|c| within(period, at, c.received))
        .map(|c| match first(c, ComplaintStage2Requested, at) {
            Some(on) => line(
                c,
                Counted::Numerator,
                format!("Received on {}, Stage 2 requested on {on}", c.received),
            ),
            None => line(
                c,
                Counted::DenominatorOnly,
                format!("Received on {}, not escalated to Stage 2", c.received),
            ),
        })
        .collect()
}

/// KPI-CMPL-04 and KPI-CMPL-05: the complaints whose `done` (a Stage 1
/// response, a Stage 2 adjudication) is in the period, counted when it
/// came within `limit` working days of `from` (received, Stage 2
/// requested); the line holds the working days taken.
pub(crate) fn answered_in_time(
    s: &ServiceRecords,
    (from, done): (Option<EventKind>, EventKind),
    limit: i64,
    period: &Period,
    at: NaiveDate,
) -> Vec<Behind> {
    s.complaints
        .iter()
        .filter_map(|c| {
            let answered = c
                .events
                .iter()
                .find(|e| e.kind == done && within(period, at, e.date))?
                .date;
            let began = match from {
                Some(event) => first(c, event, answered)?,
                None => c.received,
            };
            let taken = working_days_between(began, answered);
            let counted = if taken <= limit {
                Counted::Numerator
            } else {
                Counted::DenominatorOnly
            };
            Some(Behind {
                days: Some(taken),
                ..line(
                    c,
                    counted,
                    format!(
                        "{taken} working days from {began} to {answered} (within {limit}: {})",
                        if taken <= limit { "yes" } else { "no" }
                    ),
                )
            })
        })
        .collect()
}

/// KPI-CMPL-03: the complaints whose Stage 2 was requested in the period,
/// counted when they went on to a Stage 3 panel or were referred to the
/// Ombudsman early (before the adjudication), by `at`.
pub(crate) fn beyond_stage_two(s: &ServiceRecords, period: &Period, at: NaiveDate) -> Vec<Behind> {
    s.complaints
        .iter()
        .filter_map(|c| {
            let asked =
                first(c, ComplaintStage2Requested, at).filter(|d| within(period, at, *d))?;
            let early = c
                .ombudsman
                .as_ref()
                .filter(|o| o.early && o.referred <= at)
                .map(|o| o.referred);
            Some(match (first(c, ComplaintStage3Requested, at), early) {
                (Some(on), _) => line(
                    c,
                    Counted::Numerator,
                    format!("Stage 2 requested on {asked}, Stage 3 panel requested on {on}"),
                ),
                (None, Some(on)) => line(
                    c,
                    Counted::Numerator,
                    format!(
                        "Stage 2 requested on {asked}, referred early to the Ombudsman on {on}"
                    ),
                ),
                (None, None) => line(
                    c,
                    Counted::DenominatorOnly,
                    format!("Stage 2 requested on {asked}, not escalated further"),
                ),
            })
        })
        .collect()
}

/// The statutory complaints taken through the procedure and resolved in
/// the period, with their closing and the day.
fn resolved<'a>(
    s: &'a ServiceRecords,
    period: &Period,
    at: NaiveDate,
) -> impl Iterator<Item = (&'a Complaint, Option<&'a Closing>, NaiveDate)> {
    let start = period.start();
    s.complaints.iter().filter_map(move |c| {
        let on = c.resolved().filter(|d| start <= *d && *d <= at)?;
        (c.system() == System::ChildrensStatutory && c.in_procedure()).then_some((
            c,
            c.closing.as_ref(),
            on,
        ))
    })
}

/// KPI-CMPL-07: the statutory complaints resolved in the period with an
/// outcome, counted when fault was found (upheld or partly upheld); one
/// closed without an outcome (withdrawn) is left out.
pub(crate) fn fault_found(s: &ServiceRecords, period: &Period, at: NaiveDate) -> Vec<Behind> {
    resolved(s, period, at)
        .map(|(c, closing, on)| match closing.and_then(|k| k.outcome) {
            Some(o) if o.fault_found() => line(
                c,
                Counted::Numerator,
                format!("Resolved on {on}: {}", o.label()),
            ),
            Some(o) => line(
                c,
                Counted::DenominatorOnly,
                format!("Resolved on {on}: {}", o.label()),
            ),
            None => line(
                c,
                Counted::Excluded,
                format!("Resolved on {on} without an outcome"),
            ),
        })
        .collect()
}

/// KPI-CMPL-08: the statutory complaints resolved in the period with a
/// principal cause, counted when the cause is `cause` ("delay").
pub(crate) fn caused_by(
    s: &ServiceRecords,
    period: &Period,
    at: NaiveDate,
    cause: &str,
) -> Vec<Behind> {
    resolved(s, period, at)
        .filter_map(|(c, closing, on)| {
            let theirs = closing
                .map(|k| k.cause.as_str())
                .filter(|k| !k.is_empty())?;
            let counted = if theirs == cause {
                Counted::Numerator
            } else {
                Counted::DenominatorOnly
            };
            Some(line(
                c,
                counted,
                format!("Resolved on {on}: {}", cause_label(theirs)),
            ))
        })
        .collect()
}

/// KPI-CMPL-13: the statutory complaints resolved in the period with fault
/// found, counted when a wider service improvement was recorded (CMPL-014).
pub(crate) fn wider_action(s: &ServiceRecords, period: &Period, at: NaiveDate) -> Vec<Behind> {
    resolved(s, period, at)
        .filter_map(|(c, closing, on)| {
            let k = closing.filter(|k| k.outcome.is_some_and(|o| o.fault_found()))?;
            Some(if k.has_wider_action() {
                line(
                    c,
                    Counted::Numerator,
                    format!(
                        "Fault found, resolved on {on}: wider action: {}",
                        k.wider_action.trim()
                    ),
                )
            } else {
                line(
                    c,
                    Counted::DenominatorOnly,
                    format!("Fault found, resolved on {on}: individual redress only"),
                )
            })
        })
        .collect()
}

/// KPI-CMPL-10: the complaints the Ombudsman decided that were resolved in
/// the period, counted when the Ombudsman found fault with injustice.
pub(crate) fn ombudsman_fault(s: &ServiceRecords, period: &Period, at: NaiveDate) -> Vec<Behind> {
    resolved(s, period, at)
        .filter_map(|(c, _, on)| {
            let decision = c.ombudsman.as_ref()?.decision?;
            let counted = if decision == OmbudsmanDecision::FaultWithInjustice {
                Counted::Numerator
            } else {
                Counted::DenominatorOnly
            };
            Some(line(
                c,
                counted,
                format!(
                    "Resolved on {on}: the Ombudsman decided {}",
                    decision.label().to_lowercase()
                ),
            ))
        })
        .collect()
}

/// KPI-CMPL-12 (COST-006): the statutory complaints resolved in the period
/// with a cost recorded at closing, each line its cost as reported (each
/// of Stage 2, Stage 3, mediation and redress rounded up to the nearest
/// £10, CMPL-015).
pub(crate) fn costs(s: &ServiceRecords, period: &Period, at: NaiveDate) -> Vec<Behind> {
    resolved(s, period, at)
        .filter_map(|(c, closing, on)| {
            let mut reported = Costs::default();
            reported.add_reported(&closing?.costs);
            let pence: i64 = reported.lines().iter().map(|(_, p)| p).sum();
            let parts: Vec<String> = reported
                .lines()
                .iter()
                .filter(|(_, p)| *p > 0)
                .map(|(what, p)| format!("{what} £{}", p / 100))
                .collect();
            (pence > 0).then(|| Behind {
                pence: Some(pence),
                ..line(
                    c,
                    Counted::Numerator,
                    format!("Resolved on {on}: {}", parts.join(", ")),
                )
            })
        })
        .collect()
}

/// KPI-CMPL-15: complaints received in the period about being refused
/// approval as an adopter (a qualifying determination), which go to the
/// Independent Review Mechanism rather than the complaints procedure.
pub(crate) fn adopter_approval(s: &ServiceRecords, period: &Period, at: NaiveDate) -> Vec<Behind> {
    s.complaints
        .iter()
        .filter(|c| c.subject == "adopter_approval" && within(period, at, c.received))
        .map(|c| {
            let routed = if c.route == Some(Route::Irm) {
                ", redirected to the Independent Review Mechanism"
            } else {
                ""
            };
            line(
                c,
                Counted::Numerator,
                format!("Received on {}{routed}", c.received),
            )
        })
        .collect()
}
