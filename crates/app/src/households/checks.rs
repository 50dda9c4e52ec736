//! Recording a check on a member of a household (DBS, medical,
//! references, local authority checks): when it was done and when it expires.

use chrono::NaiveDate;
use domain::access::User;
use domain::households::checks::CheckKind;
use domain::time::Clock;

use super::{change_household, invalid};
use crate::{AppError, Store};

/// A check as a person records it.
#[derive(Debug, Clone)]
pub struct NewCheck {
    pub person_id: String,
    pub kind: CheckKind,
    pub done: NaiveDate,
    pub expires: Option<NaiveDate>,
}

/// Records a check on a member of the household.
pub fn record_check(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (id, version): (&str, i64),
    check: NewCheck,
    from: &str,
) -> Result<(), AppError> {
    let details = serde_json::json!({
        "person": check.person_id,
        "check": check.kind.code(),
        "done": check.done,
        "expires": check.expires,
    });
    change_household(
        store,
        (user, clock, from),
        (id, version),
        ("household.record_check", |_: &()| details),
        |h, today| {
            h.record_check(
                &check.person_id,
                check.kind,
                check.done,
                check.expires,
                today,
            )
            .map_err(invalid)
        },
    )
}
