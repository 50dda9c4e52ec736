//! The versions of the permanence policy and the documents it is read with
//! (DATA-001): which version applies to work done on a date.

use chrono::NaiveDate;
use serde::Serialize;

use crate::roles::Role;

// ---------------------------------------------------------------------------
// Policy versions (DATA-001)
// ---------------------------------------------------------------------------

/// One version of the Permanence Policy (DATA-001). A month-only approval
/// takes effect on the 1st of the month (OQ-14); a month-only review date is
/// the last day of its month (ROLE-001's reading, the one
/// `responsibilities::policy_review_alert` counts from).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyVersion {
    pub title: &'static str,
    pub status: &'static str,
    pub label: &'static str,
    pub effective_from: NaiveDate,
    pub next_review: NaiveDate,
    pub owner: Role,
    pub applies_to: &'static str,
    /// Whether the PATH-017 long-term fostering suitability factors apply
    /// (from the May 2020 amendment).
    pub ltf_suitability_factors: bool,
}

/// The documents every version is read with (DATA-001).
pub const READ_WITH: [&str; 6] = [
    "Care Placement Strategy 2018-21",
    "Growing Quality in Social Care 2019",
    "Family and Friends Care Policy 2018",
    "Adoption and Kinship Support Policy 2019",
    "Corporate Parenting Strategy",
    "'Fostering Better Outcomes' DfES 'Knowledge and Skills Statement Achieving Permanence' 2016",
];

const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => panic!("a valid date"),
    }
}

const fn policy(
    label: &'static str,
    effective_from: NaiveDate,
    next_review: NaiveDate,
    ltf_suitability_factors: bool,
) -> PolicyVersion {
    PolicyVersion {
        title: "Permanence Policy",
        status: "Policy (revised)",
        label,
        effective_from,
        next_review,
        owner: Role::HeadOfService,
        applies_to: "Looked after Children",
        ltf_suitability_factors,
    }
}

/// The versions of the policy, oldest first (DATA-001, OQ-14).
pub static PERMANENCE_POLICY_VERSIONS: [PolicyVersion; 3] = [
    policy(
        "SMT approval August 2018",
        ymd(2018, 8, 1),
        ymd(2019, 5, 31),
        false,
    ),
    policy("Review May 2019", ymd(2019, 5, 1), ymd(2020, 5, 31), false),
    policy("Review May 2020", ymd(2020, 5, 1), ymd(2021, 5, 31), true),
];

/// DATA-001: the version in force on the triggering date (CONV-001), if any.
pub fn policy_in_force(on: NaiveDate) -> Option<&'static PolicyVersion> {
    PERMANENCE_POLICY_VERSIONS
        .iter()
        .rev()
        .find(|v| v.effective_from <= on)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("an ISO date")
    }

    // --- Policy versions -----------------------------------------------------

    #[test]
    fn data_001_the_may_2019_version_applies_to_an_assessment_of_april_2020() {
        // The spec's Check: LTF assessment dated 2020-04-15.
        let v = policy_in_force(d("2020-04-15")).unwrap();
        assert_eq!(v.label, "Review May 2019");
        assert!(!v.ltf_suitability_factors);
        let v = policy_in_force(d("2020-05-01")).unwrap();
        assert!(v.ltf_suitability_factors);
        assert_eq!(v.next_review, d("2021-05-31"), "ROLE-001's review date");
        assert_eq!(v.owner, Role::HeadOfService);
        assert_eq!(policy_in_force(d("2018-07-31")), None);
        assert_eq!(READ_WITH.len(), 6);
    }
}
