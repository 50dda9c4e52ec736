//! The Virtual School's measures, in the order the page and the committee
//! report show them.

use super::m;
use crate::reporting::conventions::Polarity::{Context, HigherBetter, LowerBetter};
use crate::reporting::measures::Measure;
use crate::reporting::measures::Unit::{Children, Count, Percent};

pub(super) const VIRTUAL_SCHOOL: &[Measure] = &[
    m(
        "vs-01",
        "KPI-VS-01",
        "PEPs held each term",
        "For each term ending in the period, children looked after through the term in Reception to Year 13 with a PEP review dated in it, as a share of them; a child new into care during the term is left out.",
        Percent,
        HigherBetter,
        None,
    ),
    m(
        "vs-09-school-age",
        "KPI-VS-09",
        "UASC students of statutory school age",
        "Unaccompanied asylum-seeking children in care at the end of the period aged 5 to 15.",
        Children,
        Context,
        None,
    ),
    m(
        "vs-09-post-16",
        "KPI-VS-09",
        "UASC students post-16",
        "Unaccompanied asylum-seeking children in care at the end of the period aged 16 or more.",
        Children,
        Context,
        None,
    ),
    m(
        "vs-07",
        "KPI-VS-07",
        "Post-16 children in care in education, employment or training",
        "Young people in care aged 16 or more at the end of the period (or today, if sooner) whose latest recorded activity is education, employment or training, as a share of those with an activity recorded.",
        Percent,
        HigherBetter,
        None,
    ),
    m(
        "vs-08-exclusions",
        "KPI-VS-08",
        "Exclusions of children in care",
        "Exclusions schools reported in the period of children in care on the day.",
        Count("exclusions"),
        LowerBetter,
        None,
    ),
    m(
        "vs-08-moves",
        "KPI-VS-08",
        "School moves planned with the Virtual School",
        "School moves of children in care in the period, planned with the Virtual School with a transition plan.",
        Count("school moves"),
        Context,
        None,
    ),
    m(
        "vs-10-early-years",
        "KPI-VS-10",
        "Virtual School roll: early years",
        "Children in care at the end of the period (or today, if sooner) aged under 5.",
        Children,
        Context,
        None,
    ),
    m(
        "vs-10-school-age",
        "KPI-VS-10",
        "Virtual School roll: school age",
        "Children in care at the end of the period (or today, if sooner) aged 5 to 15.",
        Children,
        Context,
        None,
    ),
    m(
        "vs-10-post-16",
        "KPI-VS-10",
        "Virtual School roll: post-16",
        "Children in care at the end of the period (or today, if sooner) aged 16 or more.",
        Children,
        Context,
        None,
    ),
];
