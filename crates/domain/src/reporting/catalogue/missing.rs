//! The measures of missing children, in the order the page and the
//! committee report show them.

use super::m;
use crate::reporting::conventions::Polarity::{Context, HigherBetter, LowerBetter};
use crate::reporting::measures::Measure;
use crate::reporting::measures::Unit::{Children, Count, Percent};

pub(super) const MISSING: &[Measure] = &[
    m(
        "miss-01-children",
        "KPI-MISS-01",
        "Children in care who went missing",
        "Children in care who went missing (not away from placement without authorisation) at least once in the period.",
        Children,
        LowerBetter,
        None,
    ),
    m(
        "miss-01-episodes",
        "KPI-MISS-01",
        "Missing episodes of children in care",
        "The times children in care went missing (not away from placement without authorisation) in the period.",
        Count("episodes"),
        LowerBetter,
        None,
    ),
    m(
        "miss-02",
        "KPI-MISS-02",
        "Return home interviews completed",
        "Missing episodes (not away) whose return fell in the period with a return home interview completed, as a share of them; an episode whose 72 hours have not run out is left out.",
        Percent,
        HigherBetter,
        None,
    ),
    m(
        "miss-03-referrals",
        "KPI-MISS-03",
        "Child sexual exploitation (CSE) referrals",
        "Referrals for child sexual exploitation made in the period.",
        Count("referrals"),
        Context,
        None,
    ),
    m(
        "miss-03-screened",
        "KPI-MISS-03",
        "CSE referrals with the screening tool completed",
        "Referrals for child sexual exploitation made in the period with the Child Exploitation Screening tool completed, as a share of them.",
        Percent,
        HigherBetter,
        Some(100.0),
    ),
    m(
        "miss-04-referrals",
        "KPI-MISS-04",
        "Child criminal exploitation (CCE) referrals",
        "Referrals for child criminal exploitation made in the period.",
        Count("referrals"),
        Context,
        None,
    ),
    m(
        "miss-04-children",
        "KPI-MISS-04",
        "Children referred for criminal exploitation",
        "Children with at least one referral for child criminal exploitation made in the period.",
        Children,
        Context,
        None,
    ),
];
