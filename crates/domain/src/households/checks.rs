//! The checks each member of a carer's household needs (DBS, medical,
//! references, local authority checks), when each was done and when it
//! expires. KIN-013 holds the Kinship TAC to keeping DBS check records in
//! date; the same expiry shows on the worklist for every household.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How long before a check expires the worklist shows it.
pub const EXPIRY_WARNING_DAYS: i64 = 90;

/// A kind of check on a member of a household.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    Dbs,
    Medical,
    References,
    LocalAuthority,
}

impl CheckKind {
    /// Every kind of check.
    pub const ALL: [CheckKind; 4] = [
        CheckKind::Dbs,
        CheckKind::Medical,
        CheckKind::References,
        CheckKind::LocalAuthority,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            CheckKind::Dbs => "dbs",
            CheckKind::Medical => "medical",
            CheckKind::References => "references",
            CheckKind::LocalAuthority => "local_authority",
        }
    }

    /// The check's name as people say it.
    pub fn label(self) -> &'static str {
        match self {
            CheckKind::Dbs => "DBS check",
            CheckKind::Medical => "Medical",
            CheckKind::References => "References",
            CheckKind::LocalAuthority => "Local authority checks",
        }
    }

    /// The kind with this code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One check on one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    pub person_id: String,
    pub kind: CheckKind,
    /// The day the result came back.
    pub done: NaiveDate,
    pub expires: Option<NaiveDate>,
}

/// Where a check stands on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStanding {
    Expired,
    ExpiresSoon,
    InDate,
    /// Recorded without an expiry date.
    NoExpiry,
}

impl CheckStanding {
    /// The standing in words.
    pub fn label(self) -> &'static str {
        match self {
            CheckStanding::Expired => "Expired",
            CheckStanding::ExpiresSoon => "Expires soon",
            CheckStanding::InDate => "In date",
            CheckStanding::NoExpiry => "No expiry",
        }
    }
}

/// Why a check was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckError {
    #[error("the date the check was done cannot be in the future")]
    DoneInFuture,
    #[error("the expiry date must be after the date the check was done")]
    ExpiresBeforeDone,
}

impl Check {
    /// A check as recorded on `today`: done by today, expiring after it was done.
    pub fn new(
        person_id: String,
        kind: CheckKind,
        done: NaiveDate,
        expires: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<Check, CheckError> {
        if done > today {
            return Err(CheckError::DoneInFuture);
        }
        if expires.is_some_and(|e| e <= done) {
            return Err(CheckError::ExpiresBeforeDone);
        }
        Ok(Check {
            person_id,
            kind,
            done,
            expires,
        })
    }

    /// Where the check stands on `as_of`: expired after its expiry date,
    /// expiring soon in the [`EXPIRY_WARNING_DAYS`] before it.
    pub fn standing(&self, as_of: NaiveDate) -> CheckStanding {
        match self.expires {
            None => CheckStanding::NoExpiry,
            Some(e) if e < as_of => CheckStanding::Expired,
            Some(e) if (e - as_of).num_days() <= EXPIRY_WARNING_DAYS => CheckStanding::ExpiresSoon,
            Some(_) => CheckStanding::InDate,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn kin_013_a_dbs_check_is_in_date_then_expires_soon_then_expired() {
        let today = d("2026-12-07");
        let dbs = Check::new(
            "H1-P1".into(),
            CheckKind::Dbs,
            d("2024-01-10"),
            Some(d("2027-01-10")),
            today,
        )
        .unwrap();
        assert_eq!(dbs.standing(d("2026-10-01")), CheckStanding::InDate);
        assert_eq!(dbs.standing(today), CheckStanding::ExpiresSoon);
        assert_eq!(dbs.standing(d("2027-01-10")), CheckStanding::ExpiresSoon);
        assert_eq!(dbs.standing(d("2027-01-11")), CheckStanding::Expired);
        assert_eq!(
            Check::new("H1-P1".into(), CheckKind::Dbs, d("2026-12-08"), None, today),
            Err(CheckError::DoneInFuture)
        );
        assert_eq!(
            Check::new(
                "H1-P1".into(),
                CheckKind::Medical,
                d("2026-12-01"),
                Some(d("2026-12-01")),
                today
            ),
            Err(CheckError::ExpiresBeforeDone)
        );
    }
}
