//! KPI-SG-02 (chapter 40 section 5): the six-monthly calls to special
//! guardians that led to support, read from their roles: each call is a
//! step of the role (WF-SG "call"), and support offered the same day
//! (SG-001, SG-007) is the action the call led to. Each line is one call,
//! with the months since the order, the band the spec reads the need by.

use chrono::NaiveDate;

use super::conventions::Period;
use super::measures::{Behind, Counted, ServiceRecords, Who};
use crate::deadlines::EventKind::PostOrderCall;
use crate::households::lifecycle::RoleKind;

/// The whole months from `from` to `to`.
fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    use chrono::Datelike;
    let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    let months = if to.day() < from.day() {
        months - 1
    } else {
        months
    };
    months.max(0) as u32
}

/// KPI-SG-02: each call to a special guardian in the period, counted when
/// support was offered on the day of the call.
pub(super) fn calls(s: &ServiceRecords, period: &Period, at: NaiveDate) -> Vec<Behind> {
    s.roles
        .iter()
        .filter(|r| r.kind == RoleKind::SpecialGuardian)
        .flat_map(|r| {
            let record = r.special_guardianship.as_ref();
            r.events
                .iter()
                .filter(move |e| {
                    e.kind == PostOrderCall && period.start() <= e.date && e.date <= at
                })
                .map(move |e| {
                    let since = record
                        .and_then(|g| g.order)
                        .filter(|o| *o <= e.date)
                        .map_or_else(
                            || "no order recorded".to_owned(),
                            |o| format!("{} months after the order", months_between(o, e.date)),
                        );
                    let offered = record.and_then(|g| g.offers.iter().find(|o| o.on == e.date));
                    let (counted, led) = match offered {
                        Some(o) => (
                            Counted::Numerator,
                            format!(
                                "support offered: {}",
                                o.services
                                    .iter()
                                    .map(|x| x.label())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        ),
                        None => (
                            Counted::DenominatorOnly,
                            "no support offered that day".to_owned(),
                        ),
                    };
                    Behind::about(
                        Who::Role(r.id.clone()),
                        counted,
                        format!("Call on {} ({since}); {led}", e.date),
                    )
                })
        })
        .collect()
}
