//! The measures of chapter 40 the records compute, as rows of
//! [`MEASURES`] (definition, unit, polarity, target), one file a section
//! of the chapter, in the order of the report's [`SECTIONS`].

use super::conventions::Polarity;
use super::measures::{Measure, Unit};

mod adoption;
mod care_leavers;
mod children_in_care;
mod complaints;
mod costs;
mod fostering;
mod kinship;
mod missing;
mod needs;
mod special_guardianship;
mod virtual_school;

const fn m(
    key: &'static str,
    id: &'static str,
    name: &'static str,
    definition: &'static str,
    unit: Unit,
    polarity: Polarity,
    target: Option<f64>,
) -> Measure {
    Measure {
        key,
        id,
        name,
        definition,
        unit,
        polarity,
        target,
        not_measured: None,
    }
}

/// A measure of chapter 40 the records cannot give, with why: what they
/// lack, so the page shows "Not measured" rather than a figure.
const fn unmeasured(measure: Measure, why: &'static str) -> Measure {
    Measure {
        not_measured: Some(why),
        ..measure
    }
}

/// Every section's measures, in the order of [`SECTIONS`].
const PARTS: &[&[Measure]] = &[
    children_in_care::CHILDREN_IN_CARE,
    care_leavers::CARE_LEAVERS,
    adoption::ADOPTION,
    missing::MISSING,
    special_guardianship::SPECIAL_GUARDIANSHIP,
    kinship::KINSHIP,
    fostering::FOSTERING,
    complaints::COMPLAINTS,
    virtual_school::VIRTUAL_SCHOOL,
    costs::COSTS,
    needs::NEEDS,
];

/// How many measures there are.
const COUNT: usize = {
    let (mut n, mut i) = (0, 0);
    while i < PARTS.len() {
        n += PARTS[i].len();
        i += 1;
    }
    n
};

/// The sections' measures one after another.
const fn concat<const N: usize>(parts: &[&[Measure]]) -> [Measure; N] {
    let mut out = [parts[0][0]; N];
    let (mut k, mut i) = (0, 0);
    while i < parts.len() {
        let mut j = 0;
        while j < parts[i].len() {
            out[k] = parts[i][j];
            k += 1;
            j += 1;
        }
        i += 1;
    }
    out
}

/// The measures computed from the records, in the order the page shows them.
pub const MEASURES: &[Measure] = &concat::<COUNT>(PARTS);

/// The sections of chapter 40 the measures fall in, in the committee
/// report's order: (the prefix of the measures' IDs, the section's title).
pub const SECTIONS: &[(&str, &str)] = &[
    ("KPI-CIC-", "Children in care"),
    ("KPI-LEAVE-", "Care leavers"),
    ("KPI-ADP-", "Adoption"),
    ("KPI-MISS-", "Missing children"),
    ("KPI-SG-", "Special guardianship"),
    ("KPI-KIN-", "Kinship and connected care"),
    ("KPI-FOS-", "Fostering"),
    ("KPI-CMPL-", "Complaints"),
    ("KPI-VS-", "Virtual School"),
    ("COST-", "Costs"),
    ("NEED-", "Needs analysis"),
];
