//! The adoption measures of decisions and waits (chapter 40 section 4):
//! adoptions as a share of children leaving care (KPI-ADP-07), the
//! children with a best interest decision (KPI-ADP-12), the adoption plan
//! reaching the agency decision maker within two months (KPI-ADP-13), the
//! days from that decision to the placement order (KPI-ADP-14), the life
//! story books given to the adopters (KPI-ADP-26), and the approved
//! adopters still waiting for a child (KPI-ADP-11). The child's
//! are read from the events of the journey and the return (the adoption
//! plan agreed, the decision, the placement order), the adopters' from
//! their roles.

use chrono::NaiveDate;

use super::conventions::Period;
use super::measures::{Behind, ChildRecords, Counted, ServiceRecords, Who};
use crate::calendar::add_months;
use crate::codes::CareExit;
use crate::deadlines::EventKind::{self, *};
use crate::households::lifecycle::RoleKind;

/// The child's measures of this file, by key (none for another key).
pub(super) fn lines(
    key: &str,
    c: &ChildRecords<'_>,
    period: &Period,
    at: NaiveDate,
) -> Vec<Behind> {
    match key {
        "adp-07" => super::children_in_care::left_care(c, period, at, CareExit::Adoption),
        "adp-12" => decisions(c, period, at),
        "adp-13" => plan_to_decision(c, period, at),
        "adp-14" => decision_to_order(c, period, at),
        "adp-26" => life_story_books(c, period, at),
        _ => Vec::new(),
    }
}

/// The days the child's records hold `kind`, oldest first.
fn dates<'a>(c: &'a ChildRecords<'_>, kind: EventKind) -> impl Iterator<Item = NaiveDate> + 'a {
    c.events
        .iter()
        .filter(move |e| e.kind == kind)
        .map(|e| e.date)
}

/// KPI-ADP-12: a child with a best interest decision (the decision that
/// they should be placed for adoption) in the period.
fn decisions(c: &ChildRecords<'_>, period: &Period, at: NaiveDate) -> Vec<Behind> {
    let made: Vec<NaiveDate> = dates(c, BestInterestDecision)
        .filter(|d| period.start() <= *d && *d <= at)
        .collect();
    let Some(first) = made.first() else {
        return vec![];
    };
    let more = match made.len() {
        1 => String::new(),
        n => format!(" (and {} more in the period)", n - 1),
    };
    vec![Behind::new(
        c.id(),
        Counted::Numerator,
        format!("Best interest decision on {first}{more}"),
    )]
}

/// KPI-ADP-13: a child whose adoption was agreed as the plan in the
/// period, counted when the best interest decision followed within two
/// months; one still inside the two months without a decision is left out.
fn plan_to_decision(c: &ChildRecords<'_>, period: &Period, at: NaiveDate) -> Vec<Behind> {
    let Some(agreed) = dates(c, AdoptionPlanAgreed).find(|d| period.start() <= *d && *d <= at)
    else {
        return vec![];
    };
    let due = add_months(agreed, 2);
    let decided = dates(c, BestInterestDecision).find(|d| *d >= agreed);
    let (counted, why) = match decided {
        Some(d) if d <= due => (
            Counted::Numerator,
            format!(
                "Adoption agreed as the plan on {agreed}; decision on {d}, within two months (by {due})"
            ),
        ),
        Some(d) if d <= at => (
            Counted::DenominatorOnly,
            format!(
                "Adoption agreed as the plan on {agreed}; decision on {d}, after two months (due by {due})"
            ),
        ),
        _ if due < at => (
            Counted::DenominatorOnly,
            format!("Adoption agreed as the plan on {agreed}; no decision by {due}"),
        ),
        _ => (
            Counted::Excluded,
            format!("Adoption agreed as the plan on {agreed}; the two months run to {due}"),
        ),
    };
    vec![Behind::new(c.id(), counted, why)]
}

/// KPI-ADP-14: for a child whose placement order was made in the period,
/// the days from the last best interest decision before it to the order; a
/// child without a recorded decision is left out.
fn decision_to_order(c: &ChildRecords<'_>, period: &Period, at: NaiveDate) -> Vec<Behind> {
    let Some(order) = dates(c, PlacementOrderMade).find(|d| period.start() <= *d && *d <= at)
    else {
        return vec![];
    };
    let Some(decided) = dates(c, BestInterestDecision)
        .filter(|d| *d <= order)
        .last()
    else {
        return vec![Behind::new(
            c.id(),
            Counted::Excluded,
            format!("Placement order on {order}; no best interest decision recorded before it"),
        )];
    };
    let days = (order - decided).num_days();
    let mut row = Behind::new(
        c.id(),
        Counted::Numerator,
        format!("Best interest decision on {decided}, placement order on {order}: {days} days"),
    );
    row.days = Some(days);
    vec![row]
}

/// KPI-ADP-26: a child whose life story work was given to the adopters in
/// the period (CONT-003), counted when a life story book is among its
/// formats; work in other formats only is left out.
fn life_story_books(c: &ChildRecords<'_>, period: &Period, at: NaiveDate) -> Vec<Behind> {
    let Some(story) = c.documents.life_story else {
        return vec![];
    };
    let Some(given) = story
        .given_to_adopters
        .filter(|d| period.start() <= *d && *d <= at)
    else {
        return vec![];
    };
    let (counted, what) = if story.formats.iter().any(|f| f == "book") {
        (Counted::Numerator, "Life story book")
    } else {
        (Counted::Excluded, "Life story work without a book")
    };
    vec![Behind::new(
        c.id(),
        counted,
        format!("{what} given to the adopters on {given}"),
    )]
}

/// KPI-ADP-11: adopters approved by `at`, not closed, and not yet linked
/// with a child on it: their role still waits at "Approved", or was linked
/// only after `at` (the link is its last step). Adopters placed with a
/// child or adopting are not waiting.
pub(super) fn adopters_waiting(s: &ServiceRecords, at: NaiveDate) -> Vec<Behind> {
    s.roles
        .iter()
        .filter(|r| r.kind == RoleKind::Adopter)
        .filter_map(|r| {
            let approved = r
                .events
                .iter()
                .find(|e| e.kind == AdopterApproved && e.date <= at)?
                .date;
            let ended = r
                .events
                .iter()
                .any(|e| matches!(e.kind, CaseClosed | AdoptionOrderMade) && e.date <= at);
            let waiting = match r.stage.as_str() {
                "approved" => true,
                "linked" => r.last_step > at,
                _ => false,
            };
            (waiting && !ended).then(|| {
                Behind::about(
                    Who::Role(r.id.clone()),
                    Counted::Numerator,
                    format!("Approved on {approved}; not linked with a child on {at}"),
                )
            })
        })
        .collect()
}
