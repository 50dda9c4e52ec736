//! The young person a Staying Put carer or a Supported Lodgings host
//! looks after (WF-STAYPUT, WF-SL; hosts are households holding the role):
//! who they are, from when, and until when the arrangement's visits
//! (LEAVE-007) and host reviews (LEAVE-008) run. The scheme is for young
//! people aged 16 to 21, to 22 where they are in education (LEAVE-008);
//! Staying Put begins at 18 with the former foster carer (LEAVE-007). On
//! the day the young person reaches the end of that age the worker ends
//! the arrangement, or records the host continuing privately.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::status::age_on;
use crate::access::User;
use crate::households::lifecycle::{HouseholdRole, RoleKind};

/// LEAVE-008: the youngest a scheme placement is for.
pub const SCHEME_FROM_AGE: u32 = 16;
/// LEAVE-007: Staying Put begins at 18.
pub const STAYING_PUT_FROM_AGE: u32 = 18;
/// LEAVE-007, LEAVE-008: the birthday the arrangement's support ends on;
/// one year later where the young person is in education.
pub const SUPPORTED_UNTIL_AGE: u32 = 21;

/// The young person living with the host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostedYoungPerson {
    /// The young person's child identifier.
    pub child: String,
    pub from: NaiveDate,
    pub born: NaiveDate,
    /// In education or training: supported to 22.
    pub in_education: bool,
}

impl HostedYoungPerson {
    /// The birthday the arrangement's support ends on: 21, or 22 in
    /// education.
    pub fn until_age(&self) -> u32 {
        SUPPORTED_UNTIL_AGE + u32::from(self.in_education)
    }

    /// The day the support ends: the arrangement ends, or continues
    /// privately, by then.
    pub fn support_ends(&self) -> NaiveDate {
        birthday(self.born, self.until_age())
    }
}

fn birthday(born: NaiveDate, age: u32) -> NaiveDate {
    let year = born.year() + age as i32;
    NaiveDate::from_ymd_opt(year, born.month(), born.day())
        // 29 February in a year without it: 1 March.
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
        .expect("a date exists")
}

/// The stage a role holds a young person in.
fn hosting_stage(kind: RoleKind) -> Option<&'static str> {
    match kind {
        RoleKind::SupportedLodgingsHost => Some("matched"),
        RoleKind::StayingPutCarer => Some("agreed"),
        _ => None,
    }
}

/// Records the young person `child` (born `born`) living with the host
/// from `on`: a Supported Lodgings host is matched (the role's `match`
/// step), a Staying Put carer's agreement names them. Refuses with
/// `field: problem` a role of another kind, a young person outside the
/// ages the arrangement is for, or one already there.
pub fn host_young_person(
    role: &mut HouseholdRole,
    user: &User,
    young: HostedYoungPerson,
) -> Result<(), String> {
    let Some(stage) = hosting_stage(role.kind) else {
        return Err("role: only a Staying Put carer or a Supported Lodgings host has a young person living with them".into());
    };
    let age = age_on(young.born, young.from);
    let from_age = if role.kind == RoleKind::StayingPutCarer {
        STAYING_PUT_FROM_AGE
    } else {
        SCHEME_FROM_AGE
    };
    if age < from_age || age >= young.until_age() {
        let what = if role.kind == RoleKind::StayingPutCarer {
            "Staying Put"
        } else {
            "a Supported Lodgings scheme placement"
        };
        return Err(format!(
            "child: {what} is for young people from {from_age} until they are {SUPPORTED_UNTIL_AGE} ({} in education): this young person is {age}",
            SUPPORTED_UNTIL_AGE + 1
        ));
    }
    if role.kind == RoleKind::SupportedLodgingsHost {
        role.take(user, "match", young.from)
            .map_err(|r| format!("role: {r}"))?;
    } else if role.stage != stage {
        return Err("role: the Staying Put arrangement has ended".into());
    } else if role.hosting.is_some() {
        return Err("child: the Staying Put arrangement already names its young person".into());
    }
    role.hosting = Some(young);
    Ok(())
}

/// LEAVE-007, LEAVE-008: the day a role's arrangement must end or continue
/// privately, while it holds its young person; None otherwise.
pub fn support_ends(role: &HouseholdRole) -> Option<NaiveDate> {
    let young = role.hosting.as_ref()?;
    (hosting_stage(role.kind) == Some(role.stage.as_str())).then(|| young.support_ends())
}
