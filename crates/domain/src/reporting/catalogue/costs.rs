//! The measures of costs (COST-), in the order the page and the committee
//! report show them.

use super::m;
use crate::reporting::conventions::Polarity::{Context, HigherBetter};
use crate::reporting::measures::Measure;
use crate::reporting::measures::Unit::{self, Count, Pounds};

pub(super) const COSTS: &[Measure] = &[
    m(
        "cost-01",
        "COST-001",
        "Agency cost avoided by connected-carer placements",
        "The days children were placed with relatives or friends (U1 to U3) in the period, at the £15,000 a year an independent fostering agency placement would have cost more.",
        Unit::Avoided(crate::reporting::costs::CONNECTED_AVOIDED_PENCE_A_YEAR),
        HigherBetter,
        None,
    ),
    m(
        "cost-005",
        "COST-005",
        "Pupil Premium Plus allocated",
        "Pupil Premium Plus the Virtual School allocated in the period for children in care on the day, in pounds.",
        Pounds("allocations"),
        Context,
        None,
    ),
    m(
        "cost-014",
        "COST-014",
        "Steps down from residential care",
        "Moves in the period straight from a residential placement (a children's home, residential care home, health or family centre, residential school) to foster, kinship or adoptive carers, parents, or independent or semi-independent living: a cost avoided with no unit cost published.",
        Count("moves"),
        HigherBetter,
        None,
    ),
];
