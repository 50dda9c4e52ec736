//! The measures of kinship and connected care (section 6), in the order the
//! page and the committee report show them.

use super::{m, unmeasured};
use crate::reporting::conventions::Polarity::{Context, HigherBetter};
use crate::reporting::measures::Measure;
use crate::reporting::measures::Unit::Count;

pub(super) const KINSHIP: &[Measure] = &[
    m(
        "kin-01",
        "KPI-KIN-01",
        "Positive initial viability assessments",
        "Initial viability assessments of connected persons recorded positive in the period (a negative one records no event, so it is not counted).",
        Count("assessments"),
        Context,
        None,
    ),
    m(
        "kin-02-assessments",
        "KPI-KIN-02",
        "Kinship full assessments completed",
        "Full assessments of connected persons completed in the period.",
        Count("assessments"),
        Context,
        None,
    ),
    m(
        "kin-02-approved",
        "KPI-KIN-02",
        "Kinship carers approved",
        "Connected persons approved as foster carers by the agency decision maker in the period.",
        Count("households"),
        Context,
        None,
    ),
    m(
        "kin-02-negative",
        "KPI-KIN-02",
        "Kinship assessments not approved",
        "Connected-person assessments the agency decision maker did not approve in the period.",
        Count("households"),
        Context,
        None,
    ),
    m(
        "kin-03",
        "KPI-KIN-03",
        "Approved connected carers",
        "Connected-person households approved and not closed at the end of the period.",
        Count("households"),
        HigherBetter,
        None,
    ),
    unmeasured(
        m(
            "kin-06",
            "KPI-KIN-06",
            "Kinship support groups and family events",
            "Kinship support groups running in the period and family events held.",
            Count("groups"),
            HigherBetter,
            None,
        ),
        "Kinship support groups and family events are not recorded; a special guardian offered the support group is (KPI-SG-01).",
    ),
];
