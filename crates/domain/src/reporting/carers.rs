//! The measures of carers and adopters (chapter 40 sections 3 to 7: the
//! adopter and foster carer recruitment funnels, losses, closures and
//! approval rate, time to panel, reviews, connected carers, kinship
//! assessments, special guardians, Staying Put and Supported Lodgings,
//! the Assessment Team's approvals, the fostering panel's business and
//! allegations against foster carers),
//! computed from the roles households hold: each role's start, the events
//! its steps record, and its kinship or special guardianship record. Each
//! line behind a figure is a role, linking to its household.

use chrono::NaiveDate;

use super::conventions::Period;
use super::measures::{Behind, Counted, ServiceRecords, Who};
use crate::deadlines::EventKind::{self, *};
use crate::fostering::kinship::KinshipOutcome;
use crate::households::lifecycle::{HouseholdRole, RoleKind};

fn of_kind(s: &ServiceRecords, kind: RoleKind) -> impl Iterator<Item = &HouseholdRole> {
    s.roles.iter().filter(move |r| r.kind == kind)
}

fn line(r: &HouseholdRole, counted: Counted, why: String) -> Behind {
    Behind::about(Who::Role(r.id.clone()), counted, why)
}

fn within(period: &Period, at: NaiveDate, date: NaiveDate) -> bool {
    period.start() <= date && date <= at
}

/// The days `event` was recorded on the role, oldest first.
fn dates(r: &HouseholdRole, event: EventKind) -> impl Iterator<Item = NaiveDate> + '_ {
    r.events
        .iter()
        .filter(move |e| e.kind == event)
        .map(|e| e.date)
}

/// The first day `event` was recorded on the role on or before `on`.
fn first_by(r: &HouseholdRole, event: EventKind, on: NaiveDate) -> Option<NaiveDate> {
    dates(r, event).find(|d| *d <= on)
}

/// KPI-FOS-01, KPI-ADP-08: the roles of `kind` started (an enquiry) in the period.
pub(crate) fn started(
    s: &ServiceRecords,
    kind: RoleKind,
    period: &Period,
    at: NaiveDate,
) -> Vec<Behind> {
    of_kind(s, kind)
        .filter(|r| within(period, at, r.started))
        .map(|r| line(r, Counted::Numerator, format!("Enquiry on {}", r.started)))
        .collect()
}

/// Each time a role of `kind` recorded `event` in the period (an initial
/// visit, an approval, a review), described as `what`.
pub(crate) fn events(
    s: &ServiceRecords,
    kind: RoleKind,
    event: EventKind,
    what: &str,
    period: &Period,
    at: NaiveDate,
) -> Vec<Behind> {
    of_kind(s, kind)
        .flat_map(|r| {
            dates(r, event)
                .filter(|d| within(period, at, *d))
                .map(move |d| line(r, Counted::Numerator, format!("{what} on {d}")))
        })
        .collect()
}

/// The roles of `kind` held on `at`: begun by `since` (an approval; the
/// role's start when `None`) on or before it, and not closed by then.
pub(crate) fn holding(
    s: &ServiceRecords,
    kind: RoleKind,
    since: Option<EventKind>,
    at: NaiveDate,
) -> Vec<Behind> {
    of_kind(s, kind)
        .filter_map(|r| {
            let from = match since {
                Some(event) => first_by(r, event, at)?,
                None => Some(r.started).filter(|d| *d <= at)?,
            };
            if first_by(r, CaseClosed, at).is_some() {
                return None;
            }
            Some(line(
                r,
                Counted::Numerator,
                format!("Since {from}, open on {at}"),
            ))
        })
        .collect()
}

/// KPI-FOS-04: approved foster carers whose role closed in the period
/// (deregistered or resigned).
pub(crate) fn carers_lost(s: &ServiceRecords, period: &Period, at: NaiveDate) -> Vec<Behind> {
    of_kind(s, RoleKind::FosterCarer)
        .filter_map(|r| {
            let closed = dates(r, CaseClosed).find(|d| within(period, at, *d))?;
            let approved = first_by(r, FosterCarerApproved, closed)?;
            Some(line(
                r,
                Counted::Numerator,
                format!("Approved on {approved}, deregistered on {closed}"),
            ))
        })
        .collect()
}

/// KPI-FOS-06: foster carer assessments (a Form F begun) closed or
/// withdrawn in the period before an agency decision.
pub(crate) fn assessments_closed(
    s: &ServiceRecords,
    period: &Period,
    at: NaiveDate,
) -> Vec<Behind> {
    of_kind(s, RoleKind::FosterCarer)
        .filter_map(|r| {
            let closed = dates(r, CaseClosed).find(|d| within(period, at, *d))?;
            let began = first_by(r, FosteringAssessmentStarted, closed)?;
            if first_by(r, AgencyDecision, closed).is_some() {
                return None;
            }
            Some(line(
                r,
                Counted::Numerator,
                format!("Assessment begun on {began}, closed before panel on {closed}"),
            ))
        })
        .collect()
}

/// KPI-FOS-06: approvals in the period as a share of the assessments
/// completed in it (approved, or closed before panel).
pub(crate) fn approval_rate(s: &ServiceRecords, period: &Period, at: NaiveDate) -> Vec<Behind> {
    let mut lines = events(
        s,
        RoleKind::FosterCarer,
        FosterCarerApproved,
        "Approved",
        period,
        at,
    );
    lines.extend(
        assessments_closed(s, period, at)
            .into_iter()
            .map(|b| Behind {
                counted: Counted::DenominatorOnly,
                ..b
            }),
    );
    lines
}

/// The days from `from` to `to` for each role of `kind` whose first `to`
/// is in the period (KPI-FOS-07 initial visit to panel, KPI-ADP-10 the
/// adopters' stages); a role without `from` before it is left out.
pub(crate) fn span(
    s: &ServiceRecords,
    kind: RoleKind,
    (from, to): (EventKind, EventKind),
    (began, ended): (&str, &str),
    period: &Period,
    at: NaiveDate,
) -> Vec<Behind> {
    of_kind(s, kind)
        .filter_map(|r| {
            let end = dates(r, to).next().filter(|d| within(period, at, *d))?;
            Some(match dates(r, from).filter(|d| *d <= end).last() {
                Some(start) => Behind {
                    days: Some((end - start).num_days()),
                    ..line(
                        r,
                        Counted::Numerator,
                        format!("{began} on {start}, {ended} on {end}"),
                    )
                },
                None => line(
                    r,
                    Counted::Excluded,
                    format!(
                        "{ended} on {end}, with no {} recorded",
                        began.to_lowercase()
                    ),
                ),
            })
        })
        .collect()
}

/// KPI-FOS-20, KPI-KIN-03: approved connected-person households as a
/// share of the approved fostering households (connected and mainstream)
/// on `at`.
pub(crate) fn connected_share(s: &ServiceRecords, at: NaiveDate) -> Vec<Behind> {
    let mut lines = holding(
        s,
        RoleKind::ConnectedPersonCarer,
        Some(ConnectedPersonApproved),
        at,
    );
    lines.extend(
        holding(s, RoleKind::FosterCarer, Some(FosterCarerApproved), at)
            .into_iter()
            .map(|b| Behind {
                counted: Counted::DenominatorOnly,
                why: format!("Mainstream foster carer: {}", b.why),
                ..b
            }),
    );
    lines
}

/// KPI-KIN-02: connected-person assessments the agency decision maker did
/// not approve in the period.
pub(crate) fn kinship_negative(s: &ServiceRecords, period: &Period, at: NaiveDate) -> Vec<Behind> {
    of_kind(s, RoleKind::ConnectedPersonCarer)
        .filter_map(|r| {
            let decision = r.kinship.as_ref()?.decision.as_ref()?;
            (!decision.approve && within(period, at, decision.on)).then(|| {
                line(
                    r,
                    Counted::Numerator,
                    format!(
                        "Not approved by the agency decision maker on {}",
                        decision.on
                    ),
                )
            })
        })
        .collect()
}

/// KPI-SG-01: special guardianship orders made in the period directly
/// from a kinship assessment.
pub(crate) fn sgos_from_kinship(s: &ServiceRecords, period: &Period, at: NaiveDate) -> Vec<Behind> {
    of_kind(s, RoleKind::ConnectedPersonCarer)
        .filter_map(|r| {
            let (on, outcome) = r.kinship.as_ref()?.outcome?;
            (outcome == KinshipOutcome::SpecialGuardianshipOrder && within(period, at, on)).then(
                || {
                    line(
                        r,
                        Counted::Numerator,
                        format!("Special guardianship order on {on}"),
                    )
                },
            )
        })
        .collect()
}

/// KPI-SG-01: special guardians with an order on `at` (their role open);
/// with `in_support` only those in the order's three-year support window.
pub(crate) fn special_guardians(
    s: &ServiceRecords,
    at: NaiveDate,
    in_support: bool,
) -> Vec<Behind> {
    of_kind(s, RoleKind::SpecialGuardian)
        .filter_map(|r| {
            let sg = r.special_guardianship.as_ref()?;
            let order = sg.order.filter(|o| *o <= at)?;
            if first_by(r, CaseClosed, at).is_some() || in_support && !sg.in_support_window(at) {
                return None;
            }
            Some(line(
                r,
                Counted::Numerator,
                format!("Special guardianship order made on {order}"),
            ))
        })
        .collect()
}

/// KPI-FOS-03: the approvals the combined Fostering and Adoption
/// Assessment Team made in the period: foster carers and adopters approved.
pub(crate) fn assessment_team_approvals(
    s: &ServiceRecords,
    period: &Period,
    at: NaiveDate,
) -> Vec<Behind> {
    let mut lines = events(
        s,
        RoleKind::FosterCarer,
        FosterCarerApproved,
        "Foster carer approved",
        period,
        at,
    );
    lines.extend(events(
        s,
        RoleKind::Adopter,
        AdopterApproved,
        "Adopter approved",
        period,
        at,
    ));
    lines
}
