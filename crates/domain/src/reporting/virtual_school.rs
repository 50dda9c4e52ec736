//! The Virtual School measures (chapter 40 section 10) the records hold
//! enough to compute: the unaccompanied asylum-seeking students in care by
//! phase (KPI-VS-09), from the children's journeys.

use chrono::NaiveDate;

use super::children_in_care::uasc;
use super::measures::{Behind, ChildRecords, Counted};

/// The age from which a young person is past statutory school age.
pub const POST_16: u32 = 16;

/// KPI-VS-09: an unaccompanied asylum-seeking child in care on `at` of
/// statutory school age (5 to 15) or, with `post_16`, aged 16 or more;
/// the others of KPI-CIC-07 are left out with their age.
pub(crate) fn uasc_students(c: &ChildRecords<'_>, at: NaiveDate, post_16: bool) -> Vec<Behind> {
    let age = at.years_since(c.journey.child().date_of_birth).unwrap_or(0);
    let in_phase = if post_16 {
        age >= POST_16
    } else {
        (5..POST_16).contains(&age)
    };
    uasc(c, at)
        .into_iter()
        .map(|b| match (b.counted, in_phase) {
            (Counted::Numerator, true) => Behind {
                why: format!("{}, aged {age}", b.why),
                ..b
            },
            (Counted::Numerator, false) => Behind {
                counted: Counted::Excluded,
                why: format!("{}, aged {age}: not in this phase", b.why),
                ..b
            },
            _ => b,
        })
        .collect()
}
