//! The fostering service's calendar for a year (FOST-037, FOST-038,
//! FOST-045): its annual report, monthly returns, survey and audits,
//! counted from the agency records, for those who keep them.

use std::ops::RangeInclusive;

use domain::access::User;
use domain::agency::calendar::{CalendarLine, calendar};
use domain::agency::records::AgencyRecord;
use domain::time::Clock;
use store::{PermanenceRepository, RecordKind, Store};

use super::records::may_keep;
use crate::AppError;

/// The calendars of `years` as they stand today, a year after another:
/// each kind of report, return, survey and audit the service owes, by the
/// team that keeps it, with the periods ended without one. The records are
/// read once for all the years.
pub fn agency_calendar(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    years: RangeInclusive<i32>,
) -> Result<Vec<CalendarLine>, AppError> {
    may_keep(user)?;
    let records: Vec<AgencyRecord> = store
        .read(|tx| tx.records::<AgencyRecord>(RecordKind::AgencyRecord, None))?
        .into_iter()
        .map(|r| r.value.document)
        .collect();
    let today = clock.today();
    Ok(years
        .flat_map(|year| calendar(&records, year, today))
        .collect())
}
