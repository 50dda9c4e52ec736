//! The complaints measures (chapter 40 section 8) computed from the
//! complaints recorded: received by stage, escalation to Stage 2, the
//! Stage 1 and Stage 2 timeliness in working days (the England and Wales
//! calendar), and complaints made by children. Each line behind a figure
//! is a complaint, linking to its record; no complainant is named.

use chrono::NaiveDate;

use super::conventions::Period;
use super::measures::{Behind, Counted, ServiceRecords, Who};
use crate::calendar::working_days_between;
use crate::complaints::complaint::Complaint;
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
