//! The support worker's visits and calls after placement or the order
//! (WF-CHECKIN, VISIT-001 … VISIT-007, VISIT-011): the schedule a family
//! is owed and each contact as the worker records it against the plan.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::entitlements::{Family, FamilyType};
use super::support::{SupportError, refuse};
use crate::calendar::{add_days, add_months};

/// A visit or a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    Visit,
    Call,
}

impl ContactKind {
    pub fn label(self) -> &'static str {
        match self {
            ContactKind::Visit => "Visit",
            ContactKind::Call => "Telephone call",
        }
    }
}

/// A contact the schedule says is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueContact {
    pub kind: ContactKind,
    pub title: &'static str,
    pub due: NaiveDate,
    pub rule: &'static str,
}

const CALL_MONTHS: [u32; 6] = [6, 12, 18, 24, 30, 36];

/// The family's check-in schedule: for adopters a visit 6 weeks after the
/// placement (VISIT-001) and calls 6 to 36 months after it (VISIT-003);
/// for special guardians and child arrangements order carers, only where
/// the council was a party (VISIT-004), a visit 6 weeks after the final
/// order (VISIT-005) and calls 6 to 36 months after it (VISIT-006).
/// Other families have none.
pub fn schedule(family: &Family) -> Vec<DueContact> {
    let (anchor, visit_rule, call_rule) = match family.family_type {
        FamilyType::Adoptive => (family.placed, "VISIT-001", "VISIT-003"),
        FamilyType::SpecialGuardianship
        | FamilyType::ChildArrangementsOrder
        | FamilyType::ResidenceOrder
            if family.council_was_party =>
        {
            (family.order_made, "VISIT-005", "VISIT-006")
        }
        _ => (None, "", ""),
    };
    let Some(from) = anchor else {
        return Vec::new();
    };
    let mut out = vec![DueContact {
        kind: ContactKind::Visit,
        title: "Visit 6 weeks after",
        due: add_days(from, 42),
        rule: visit_rule,
    }];
    out.extend(CALL_MONTHS.iter().map(|&m| DueContact {
        kind: ContactKind::Call,
        title: call_title(m),
        due: add_months(from, m),
        rule: call_rule,
    }));
    out
}

fn call_title(months: u32) -> &'static str {
    match months {
        6 => "6-month call",
        12 => "12-month call",
        18 => "18-month call",
        24 => "24-month call",
        30 => "30-month call",
        _ => "36-month call",
    }
}

/// VISIT-007: how a call went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallOutcome {
    Completed,
    NoContact { attempts: u32 },
}

/// A visit or call the support worker recorded against the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    pub kind: ContactKind,
    /// The due date of the scheduled contact it meets, if it meets one.
    pub due: Option<NaiveDate>,
    pub made: NaiveDate,
    pub worker: String,
    pub outcome: CallOutcome,
    /// Services, training and meet-ups offered (VISIT-007).
    pub topics: String,
    pub needs: String,
    pub action: String,
    /// ASSESS-019: whether the support plan is still appropriate.
    pub plan_appropriate: bool,
    /// VISIT-002, VISIT-005: the next planned contact, or the series ends.
    pub next_contact: Option<NaiveDate>,
    pub series_complete: bool,
}

/// What a worker records of a contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCheckIn {
    pub kind: ContactKind,
    pub made: NaiveDate,
    pub outcome: CallOutcome,
    pub topics: String,
    pub needs: String,
    pub action: String,
    pub plan_appropriate: bool,
    pub next_contact: Option<NaiveDate>,
    pub series_complete: bool,
    /// VISIT-007: the action is a request for an assessment of need.
    pub assessment_requested: bool,
}

/// Checks a contact before it is recorded: a visit sets the next planned
/// contact or ends the series (VISIT-002, VISIT-005); a call that raised a
/// need records the action taken (VISIT-007).
pub fn check(new: &NewCheckIn) -> Result<(), SupportError> {
    if new.kind == ContactKind::Visit && new.next_contact.is_none() && !new.series_complete {
        return refuse(
            "next_contact",
            "give the date of the next planned contact, or record that the series is complete",
        );
    }
    if new.next_contact.is_some_and(|n| n <= new.made) {
        return refuse("next_contact", "the next contact is after this one");
    }
    if !new.needs.trim().is_empty() && new.action.trim().is_empty() && !new.assessment_requested {
        return refuse(
            "action",
            "a contact that raised a need records the action taken",
        );
    }
    if let CallOutcome::NoContact { attempts: 0 } = new.outcome {
        return refuse("attempts", "say how many attempts were made");
    }
    Ok(())
}

/// The scheduled contact a new contact of `kind` made on `made` meets: the
/// one not met yet whose due date is nearest (a call made on the 18-month
/// date meets that call, and the missed ones stay overdue).
pub fn meets(
    family: &Family,
    done: &[CheckIn],
    kind: ContactKind,
    made: NaiveDate,
) -> Option<NaiveDate> {
    schedule(family)
        .into_iter()
        .filter(|d| d.kind == kind)
        .map(|d| d.due)
        .filter(|due| !done.iter().any(|c| c.kind == kind && c.due == Some(*due)))
        .min_by_key(|due| (*due - made).num_days().abs())
}

/// A scheduled contact with whether it is met, due or overdue on `today`.
pub fn standing(family: &Family, done: &[CheckIn], today: NaiveDate) -> Vec<(DueContact, String)> {
    schedule(family)
        .into_iter()
        .map(|d| {
            let status = match done
                .iter()
                .find(|c| c.due == Some(d.due) && c.kind == d.kind)
            {
                Some(c) => format!("Made {}", c.made.format("%-d %B %Y")),
                None if today > d.due => "Overdue".to_owned(),
                None => "Due".to_owned(),
            };
            (d, status)
        })
        .collect()
}

/// VISIT-011: the schedule ends after the 36-month call (the family keeps
/// the right to ask for an assessment, newsletters, events and training).
pub fn schedule_complete(family: &Family, done: &[CheckIn]) -> bool {
    let all = schedule(family);
    all.last().is_some_and(|last| {
        done.iter()
            .any(|c| c.due == Some(last.due) && c.kind == last.kind)
    })
}
