//! A Staying Put carer's or Supported Lodgings host's young person
//! (WF-STAYPUT, WF-SL, LEAVE-007, LEAVE-008): recorded on the host's
//! household, the young person's age on the day checked against the
//! arrangement's ages, in one transaction with its audit event.

use chrono::NaiveDate;
use domain::access::User;
use domain::child::ChildId;
use domain::leavers::hosting::{HostedYoungPerson, host_young_person};
use domain::time::Clock;
use store::ChildRepository;

use crate::households::change_household;
use crate::{AppError, Store};

/// What the worker records: the role, the young person, the day they
/// came (or the agreement began) and whether they are in education.
#[derive(Debug, Clone)]
pub struct HostedPerson {
    pub role: String,
    pub child: String,
    pub from: NaiveDate,
    pub in_education: bool,
}

/// Records the young person living with a Staying Put carer or a
/// Supported Lodgings host (matching the host), on the household as seen
/// at `version`, for a user who may see the young person; their age on
/// the day decides whether the arrangement may take them.
pub fn record_hosted_young_person(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (household, version): (&str, i64),
    new: HostedPerson,
    from: &str,
) -> Result<(), AppError> {
    if new.from > clock.today() {
        return Err(AppError::Invalid(
            "from: the date cannot be in the future".into(),
        ));
    }
    let id = ChildId::parse(new.child.trim())
        .map_err(|_| AppError::Invalid("child: enter the young person's identifier".into()))?;
    let born = store.read(|tx| {
        let Some(j) = tx.journey(&id)? else {
            return Err(AppError::Invalid(
                "child: no young person has this identifier".into(),
            ));
        };
        if !crate::may_see_child(tx, user, &id)? {
            return Err(AppError::Forbidden("record this young person with a host"));
        }
        Ok(j.value.child().date_of_birth)
    })?;
    let action = "household.host_young_person";
    let role = new.role.clone();
    let child = id.as_str().to_owned();
    change_household(
        store,
        (user, clock, from),
        (household, version),
        (
            action,
            |_: &()| serde_json::json!({ "role": role, "child": child, "date": new.from }),
        ),
        |h, _| {
            let r = h
                .role_mut(&new.role)
                .map_err(|e| AppError::Invalid(e.to_string()))?;
            host_young_person(
                r,
                user,
                HostedYoungPerson {
                    child: id.as_str().to_owned(),
                    from: new.from,
                    born,
                    in_education: new.in_education,
                },
            )
            .map_err(AppError::Invalid)
        },
    )
}
