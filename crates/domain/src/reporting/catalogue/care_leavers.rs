//! The measures of care leavers (section 3), in the order the page and the
//! committee report show them.

use super::m;
use crate::reporting::conventions::Polarity::{Context, HigherBetter};
use crate::reporting::measures::Measure;
use crate::reporting::measures::Unit::{Count, Percent};

pub(super) const CARE_LEAVERS: &[Measure] = &[
    m(
        "leave-01",
        "KPI-LEAVE-01",
        "Pathway Plans reviewed in the last six months",
        "Young people eligible, relevant or former relevant at the end of the period (or today, if sooner) whose Pathway Plan was reviewed in the six months before, as a share of them.",
        Percent,
        HigherBetter,
        Some(100.0),
    ),
    m(
        "leave-02",
        "KPI-LEAVE-02",
        "Care leavers in education, employment or training",
        "Care leavers in the return of the period's year (OC3) whose main activity is education, employment or training, as a share of those with an activity stated.",
        Percent,
        HigherBetter,
        None,
    ),
    m(
        "leave-03",
        "KPI-LEAVE-03",
        "Care leavers aged 19 or more not in education, employment or training",
        "Care leavers aged 19 or more in the return of the period's year (OC3) not in education, employment or training, as a share of those with an activity stated. The sources leave its polarity unresolved (ANOM-04), so it shows its 50% target without a RAG.",
        Percent,
        Context,
        Some(50.0),
    ),
    m(
        "leave-04",
        "KPI-LEAVE-04",
        "Care leavers in suitable accommodation",
        "Care leavers in the return of the period's year (OC3) whose accommodation is suitable, as a share of those with an accommodation stated.",
        Percent,
        HigherBetter,
        None,
    ),
    m(
        "leave-05",
        "KPI-LEAVE-05",
        "Care leavers in touch",
        "Care leavers in the return of the period's year (OC3) the council is in touch with, as a share of them; those who died, returned home for six months or more or no longer need the service are left out.",
        Percent,
        HigherBetter,
        None,
    ),
    m(
        "leave-06",
        "KPI-LEAVE-06",
        "Young people in Staying Put arrangements",
        "Staying Put arrangements begun by the end of the period and not ended.",
        Count("arrangements"),
        HigherBetter,
        None,
    ),
    m(
        "leave-07",
        "KPI-LEAVE-07",
        "Supported Lodgings hosts",
        "Supported Lodgings hosts approved by the end of the period and not closed.",
        Count("households"),
        HigherBetter,
        None,
    ),
];
