//! The measures of special guardianship (section 5), in the order the page
//! and the committee report show them.

use super::m;
use crate::reporting::conventions::Polarity::Context;
use crate::reporting::measures::Measure;
use crate::reporting::measures::Unit::{Count, Percent};

pub(super) const SPECIAL_GUARDIANSHIP: &[Measure] = &[
    m(
        "sg-01-carers",
        "KPI-SG-01",
        "Carers with special guardianship orders",
        "Special guardians whose order was made by the end of the period and whose role is not closed.",
        Count("households"),
        Context,
        None,
    ),
    m(
        "sg-01-support",
        "KPI-SG-01",
        "Special guardians in the three-year support window",
        "Special guardians whose order was made in the three years to the end of the period (SG-001).",
        Count("households"),
        Context,
        None,
    ),
    m(
        "sg-01-from-kinship",
        "KPI-SG-01",
        "Special guardianship orders from kinship assessments",
        "Kinship assessments whose outcome was a special guardianship order made in the period.",
        Count("households"),
        Context,
        None,
    ),
    m(
        "sg-02",
        "KPI-SG-02",
        "Calls to special guardians leading to support",
        "Calls to special guardians in the period (the six-monthly calls) after which support was offered the same day, as a share of the calls; each call shows the months since the order, the band the need is read by.",
        Percent,
        Context,
        None,
    ),
];
