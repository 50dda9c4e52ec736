//! The measures of needs analysis (NEED-), in the order the page and the
//! committee report show them.

use super::m;
use crate::reporting::conventions::Polarity::Context;
use crate::reporting::measures::Measure;
use crate::reporting::measures::Unit::{Children, Percent};

pub(super) const NEEDS: &[Measure] = &[
    m(
        "need-004-0-2",
        "NEED-004",
        "Children at the point of approval for adoption aged 0 to 2",
        "Children whose placement order was made in the period who were aged 0 to 2 on the day of the order.",
        Children,
        Context,
        None,
    ),
    m(
        "need-004-3-4",
        "NEED-004",
        "Children at the point of approval for adoption aged 3 to 4",
        "Children whose placement order was made in the period who were aged 3 to 4 on the day of the order.",
        Children,
        Context,
        None,
    ),
    m(
        "need-004-5-6",
        "NEED-004",
        "Children at the point of approval for adoption aged 5 to 6",
        "Children whose placement order was made in the period who were aged 5 to 6 on the day of the order.",
        Children,
        Context,
        None,
    ),
    m(
        "need-004-7-8",
        "NEED-004",
        "Children at the point of approval for adoption aged 7 to 8",
        "Children whose placement order was made in the period who were aged 7 to 8 on the day of the order.",
        Children,
        Context,
        None,
    ),
    m(
        "need-004-9",
        "NEED-004",
        "Children at the point of approval for adoption aged 9 or more",
        "Children whose placement order was made in the period who were aged 9 or more on the day of the order.",
        Children,
        Context,
        None,
    ),
    m(
        "need-006",
        "NEED-006",
        "Children at the point of approval for adoption who are disabled",
        "Children whose placement order was made in the period who are disabled, as a share of them.",
        Percent,
        Context,
        None,
    ),
    m(
        "need-005",
        "NEED-005",
        "Children at the point of approval for adoption who are White British",
        "Children whose placement order was made in the period who are White British (WBRI), as a share of them.",
        Percent,
        Context,
        None,
    ),
    m(
        "need-003",
        "NEED-003",
        "Unaccompanied asylum-seeking children in care who are male",
        "Unaccompanied asylum-seeking children in care at the end of the period (or today, if sooner) who are male, as a share of them.",
        Percent,
        Context,
        None,
    ),
];
