//! The Virtual School measures (chapter 40 section 10) the records hold
//! enough to compute: PEP completion term by term (KPI-VS-01) from the
//! PEP reviews of the education record and the casework form, the
//! exclusions schools reported and the school moves planned with the
//! Virtual School (KPI-VS-08), the Virtual School's roll by phase
//! (KPI-VS-10), the post-16 young people in care in education, employment
//! or training by their care leaver record (KPI-VS-07), and the
//! unaccompanied asylum-seeking students in care by phase (KPI-VS-09),
//! from the children's journeys.

use chrono::{Datelike, NaiveDate};

use super::children_in_care::{looked_after, uasc};
use super::conventions::Period;
use super::measures::{Behind, ChildRecords, Counted};
use crate::deadlines::EventKind;
use crate::education::record::Term;
use crate::leavers::record::Activity;
use crate::leavers::status::age_on;

/// The age from which a young person is past statutory school age.
pub const POST_16: u32 = 16;

/// The age from which a child is of school age (KPI-VS-10's phases).
pub const SCHOOL_AGE: u32 = 5;

/// KPI-VS-01: the ages on 31 August before an academic year of the pupils
/// whose PEP is required each term, Reception (4) to Year 13 (17); Year 14
/// and later PEPs are on request and not counted.
pub const PEP_AGES: std::ops::RangeInclusive<u32> = 4..=17;

/// The phases of the Virtual School's roll (KPI-VS-10).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Under 5.
    EarlyYears,
    /// 5 to 15.
    SchoolAge,
    /// 16 or more.
    Post16,
}

impl Phase {
    fn of(age: u32) -> Self {
        match age {
            a if a < SCHOOL_AGE => Phase::EarlyYears,
            a if a < POST_16 => Phase::SchoolAge,
            _ => Phase::Post16,
        }
    }

    fn words(self) -> &'static str {
        match self {
            Phase::EarlyYears => "early years (under 5)",
            Phase::SchoolAge => "school age (5 to 15)",
            Phase::Post16 => "post-16 (16 or more)",
        }
    }
}

/// KPI-VS-10: a child looked after on `at` (not on a short break) is on
/// the Virtual School's roll (EDU-009), counted in the phase of their age
/// on that day; the others on the roll are left out with their phase.
pub(crate) fn on_roll(c: &ChildRecords<'_>, at: NaiveDate, phase: Phase) -> Vec<Behind> {
    let Some((since, false)) = looked_after(c, at) else {
        return vec![];
    };
    let age = age_on(c.journey.child().date_of_birth, at);
    let theirs = Phase::of(age);
    let (counted, tail) = if theirs == phase {
        (Counted::Numerator, String::new())
    } else {
        (Counted::Excluded, format!(": {}", theirs.words()))
    };
    vec![Behind::new(
        c.id(),
        counted,
        format!("On the roll on {at} (in care since {since}), aged {age}{tail}"),
    )]
}

/// The first day of a term of the academic year starting in `year`.
fn term_starts(term: Term, year: i32) -> NaiveDate {
    let (y, m) = match term {
        Term::Autumn => (year, 9),
        Term::Spring => (year + 1, 1),
        Term::Summer => (year + 1, 4),
    };
    NaiveDate::from_ymd_opt(y, m, 1).expect("a real day")
}

/// The terms ending in the period on or before `at`, as (academic year, term).
fn terms_ending_in(period: &Period, at: NaiveDate) -> Vec<(i32, Term)> {
    (period.start().year() - 1..=at.year())
        .flat_map(|y| [Term::Autumn, Term::Spring, Term::Summer].map(|t| (y, t)))
        .filter(|(y, t)| {
            let end = t.ends(*y);
            period.start() <= end && end <= at
        })
        .collect()
}

/// KPI-VS-01: one line for each term ending in the period (on or before
/// `at`) of a child whose PEP was required: looked after from the term's
/// first day to its last (not on a short break) and in Reception to Year
/// 13 ([`PEP_AGES`]). Counted when a PEP review (the education record's or
/// the casework form's) is dated in the term; a child who came into care
/// during the term is left out ("New into Care").
pub(crate) fn pep_terms(c: &ChildRecords<'_>, period: &Period, at: NaiveDate) -> Vec<Behind> {
    let dob = c.journey.child().date_of_birth;
    let mut peps: Vec<NaiveDate> = c
        .journey
        .activities()
        .iter()
        .filter(|e| e.kind == EventKind::PersonalEducationPlan)
        .map(|e| e.date)
        .collect();
    if let Some(record) = c.documents.education {
        peps.extend(record.peps.iter().map(|p| p.date));
    }
    peps.sort();
    terms_ending_in(period, at)
        .into_iter()
        .filter_map(|(year, term)| {
            let (start, end) = (term_starts(term, year), term.ends(year));
            let Some((since, false)) = looked_after(c, end) else {
                return None;
            };
            let august_31 = NaiveDate::from_ymd_opt(year, 8, 31)?;
            if !PEP_AGES.contains(&age_on(dob, august_31)) {
                return None;
            }
            let name = format!("the {} term {}/{:02}", term.title(), year, (year + 1) % 100);
            if since > start {
                return Some(Behind::new(
                    c.id(),
                    Counted::Excluded,
                    format!("New into care on {since}, during {name}"),
                ));
            }
            let held = peps.iter().find(|p| Term::of(**p) == (year, term));
            Some(match held {
                Some(p) => Behind::new(
                    c.id(),
                    Counted::Numerator,
                    format!("PEP held on {p}, in {name}"),
                ),
                None => Behind::new(
                    c.id(),
                    Counted::DenominatorOnly,
                    format!("No PEP in {name}"),
                ),
            })
        })
        .collect()
}

/// KPI-VS-08: each report of `kind` ("exclusion") a school made in the
/// period about a child looked after on its day; one made on a day the
/// child was not looked after is left out.
pub(crate) fn reported(
    c: &ChildRecords<'_>,
    period: &Period,
    at: NaiveDate,
    kind: &str,
) -> Vec<Behind> {
    let Some(record) = c.documents.education else {
        return vec![];
    };
    record
        .events
        .iter()
        .filter(|e| e.kind == kind && period.start() <= e.date && e.date <= at)
        .map(|e| match looked_after(c, e.date) {
            Some((_, false)) => Behind::new(
                c.id(),
                Counted::Numerator,
                format!("The school reported an {kind} on {}", e.date),
            ),
            _ => Behind::new(
                c.id(),
                Counted::Excluded,
                format!(
                    "The school reported an {kind} on {}, when the child was not in care",
                    e.date
                ),
            ),
        })
        .collect()
}

/// KPI-VS-08: each school move planned with the Virtual School (EDU-015)
/// dated in the period.
pub(crate) fn school_moves(c: &ChildRecords<'_>, period: &Period, at: NaiveDate) -> Vec<Behind> {
    let Some(record) = c.documents.education else {
        return vec![];
    };
    record
        .moves
        .iter()
        .filter(|m| period.start() <= m.date && m.date <= at)
        .map(|m| {
            Behind::new(
                c.id(),
                Counted::Numerator,
                format!(
                    "Moved school on {}, planned with the Virtual School",
                    m.date
                ),
            )
        })
        .collect()
}

/// KPI-VS-07: a young person looked after on `at` aged 16 or more is in
/// the post-16 cohort; counted when the latest activity their record holds
/// by then is education, employment or training, in the denominator only
/// when it is NEET, left out when none is recorded.
pub(crate) fn post_16_eet(c: &ChildRecords<'_>, at: NaiveDate) -> Vec<Behind> {
    let Some((_, false)) = looked_after(c, at) else {
        return vec![];
    };
    let age = age_on(c.journey.child().date_of_birth, at);
    if age < POST_16 {
        return vec![];
    }
    let latest = c.documents.leaver.and_then(|l| {
        l.activity
            .iter()
            .filter(|a| a.date <= at)
            .max_by_key(|a| a.date)
    });
    vec![match latest {
        Some(a) if a.what == Activity::NotInEet => Behind::new(
            c.id(),
            Counted::DenominatorOnly,
            format!("Aged {age}: {} since {}", a.what.title(), a.date),
        ),
        Some(a) => Behind::new(
            c.id(),
            Counted::Numerator,
            format!("Aged {age}: {} since {}", a.what.title(), a.date),
        ),
        None => Behind::new(
            c.id(),
            Counted::Excluded,
            format!("Aged {age}: no activity recorded"),
        ),
    }]
}

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

#[cfg(test)]
mod tests {
    use super::super::measures::fixture::*;
    use super::super::measures::{ChildDocuments, Counted};
    use crate::codes::{LegalStatus, PlacementType, ReasonEpisodeCeased, ReasonNewEpisode};
    use crate::deadlines::{Event, EventKind};
    use crate::education::record::{EducationRecord, Pep, SchoolEvent, SchoolMove};
    use crate::journey::CareJourney;

    fn record(peps: &[&str], events: &[(&str, &str)], moves: &[&str]) -> EducationRecord {
        EducationRecord {
            peps: peps
                .iter()
                .map(|p| Pep {
                    date: d(p),
                    careers: None,
                    by: "vs".into(),
                })
                .collect(),
            events: events
                .iter()
                .map(|(kind, on)| SchoolEvent {
                    date: d(on),
                    kind: (*kind).into(),
                    notified: d(on),
                })
                .collect(),
            moves: moves
                .iter()
                .map(|m| SchoolMove {
                    date: d(m),
                    school: "Next School".into(),
                    consulted: true,
                    transition_plan: true,
                })
                .collect(),
            ..Default::default()
        }
    }

    /// Five children of 2025-26 (terms ending in it: summer 2024/25,
    /// autumn and spring 2025/26) and their education records:
    /// A (aged 9 and 10 on 31 August) a PEP each term, the spring one on
    /// the casework form; B only in the autumn; C aged 2, no PEP due; D
    /// came into care on 20 October 2025, a PEP in the spring; E aged 17
    /// on 31 August 2024, left care at 18 on 15 August 2025, no PEP; F
    /// aged 14 and 15, none.
    fn children() -> (Vec<CareJourney>, Vec<EducationRecord>) {
        let a = open("A", "2015-01-10", "2020-01-01")
            .with_activities(
                vec![Event {
                    kind: EventKind::PersonalEducationPlan,
                    date: d("2026-02-01"),
                }],
                d(TODAY),
            )
            .unwrap();
        let e = journey(
            child("E", "2007-08-15"),
            vec![ep(
                "2020-01-01",
                ReasonNewEpisode::Started,
                LegalStatus::FullCareOrder,
                PlacementType::FosterOther,
                Some(("2025-08-15", ReasonEpisodeCeased::Aged18StayedWithCarers)),
            )],
        );
        let journeys = vec![
            a,
            open("B", "2012-06-01", "2019-03-01"),
            open("C", "2023-01-01", "2024-02-01"),
            open("D", "2014-03-03", "2025-10-20"),
            e,
            open("F", "2009-09-01", "2022-05-05"),
        ];
        let records = vec![
            record(
                &["2025-05-10", "2025-10-01"],
                &[
                    ("exclusion", "2025-06-10"),
                    ("attendance", "2025-06-12"),
                    ("exclusion", "2024-12-01"),
                ],
                &["2026-04-15"],
            ),
            record(&["2025-11-15"], &[], &["2025-09-02"]),
            record(&[], &[], &[]),
            record(&["2026-03-10"], &[("exclusion", "2025-09-15")], &[]),
            record(&[], &[], &[]),
            record(&[], &[], &[]),
        ];
        (journeys, records)
    }

    fn figure_of(key: &str) -> (super::super::measures::Figure, Vec<(String, Counted)>) {
        let (journeys, records) = children();
        let docs: Vec<ChildDocuments<'_>> = records
            .iter()
            .map(|r| ChildDocuments {
                education: Some(r),
                ..Default::default()
            })
            .collect();
        let f = figure_docs(key, &journeys, &docs, "2025-26");
        let c = counted(&f);
        (f, c)
    }

    #[test]
    fn kpi_vs_01_pep_completion_counts_each_term_a_pep_was_required_in_the_period() {
        let (f, lines) = figure_of("vs-01");
        let of =
            |id: &str, how: Counted| lines.iter().filter(|(c, k)| c == id && *k == how).count();
        // A: three terms, three PEPs (one from the casework form).
        assert_eq!(of("A", Counted::Numerator), 3);
        // B: the autumn PEP only.
        assert_eq!(
            (
                of("B", Counted::Numerator),
                of("B", Counted::DenominatorOnly)
            ),
            (1, 2)
        );
        // C is two: no PEP due. F is 14 and 15 on 31 August 2024 and
        // 2025 (Years 10 and 11): due each term, none held.
        assert_eq!(
            of("C", Counted::Numerator) + of("C", Counted::DenominatorOnly),
            0
        );
        assert_eq!(of("F", Counted::DenominatorOnly), 3);
        // D: new into care in the autumn term (left out), a PEP in the spring.
        assert_eq!(
            (of("D", Counted::Excluded), of("D", Counted::Numerator)),
            (1, 1)
        );
        // E: the summer term at 17 only, no PEP.
        assert_eq!(
            (
                of("E", Counted::DenominatorOnly),
                lines.iter().filter(|(c, _)| c == "E").count()
            ),
            (1, 1)
        );
        // 5 held of 5 + 6 required: 45.5%.
        assert_eq!((f.numerator, f.denominator), (5, Some(11)));
        assert_eq!(one(f.value), 45.5);
    }

    #[test]
    fn kpi_vs_08_exclusions_of_children_in_care_and_school_moves_in_the_period() {
        // A's exclusion of June 2025 (not the attendance report, nor the
        // exclusion of 2024-25); D's of September 2025 came before care.
        let (f, lines) = figure_of("vs-08-exclusions");
        assert_eq!(f.value, Some(1.0));
        assert_eq!(
            lines,
            vec![
                ("A".to_owned(), Counted::Numerator),
                ("D".to_owned(), Counted::Excluded)
            ]
        );
        // B's move of September 2025; A's of April 2026 is after the year.
        let (f, lines) = figure_of("vs-08-moves");
        assert_eq!(f.value, Some(1.0));
        assert_eq!(lines, vec![("B".to_owned(), Counted::Numerator)]);
    }

    #[test]
    fn kpi_vs_10_need_015_the_roll_on_31_march_by_phase_sums_to_the_children_in_care() {
        // On 31 March 2026: C is 3; A 11, B 13, D 12; F 16; E has left care.
        let value = |key: &str| figure_of(key).0.value.unwrap();
        assert_eq!(value("vs-10-early-years"), 1.0);
        assert_eq!(value("vs-10-school-age"), 3.0);
        assert_eq!(value("vs-10-post-16"), 1.0);
        let (_, lines) = figure_of("vs-10-school-age");
        assert_eq!(
            lines.len(),
            5,
            "every child on the roll is listed, E is not"
        );
        assert_eq!(
            value("vs-10-early-years") + value("vs-10-school-age") + value("vs-10-post-16"),
            figure_of("cic-01").0.value.unwrap()
        );
    }

    #[test]
    fn kpi_vs_07_post_16_in_care_in_education_employment_or_training_by_their_latest_activity() {
        use crate::leavers::record::{Activity, CareLeaverRecord, Dated};
        let activity = |what: &[(&str, Activity)]| CareLeaverRecord {
            activity: what
                .iter()
                .map(|(on, a)| Dated {
                    date: d(on),
                    what: *a,
                    by: "vs".into(),
                })
                .collect(),
            ..Default::default()
        };
        // On 31 March 2026: P (16) in college; Q (17) NEET since January
        // after an apprenticeship; R (16) with nothing recorded; S (15) in
        // school, not post-16; T (16) in college from April 2026, NEET before.
        let children = [
            open("P", "2009-09-01", "2022-01-01"),
            open("Q", "2008-06-01", "2021-01-01"),
            open("R", "2009-10-10", "2023-01-01"),
            open("S", "2010-09-01", "2020-01-01"),
            open("T", "2009-05-05", "2024-01-01"),
        ];
        let records = [
            activity(&[("2025-09-05", Activity::Education)]),
            activity(&[
                ("2025-01-05", Activity::Training),
                ("2026-01-10", Activity::NotInEet),
            ]),
            activity(&[]),
            activity(&[("2025-09-05", Activity::Education)]),
            activity(&[
                ("2025-09-05", Activity::NotInEet),
                ("2026-04-10", Activity::Education),
            ]),
        ];
        let docs: Vec<ChildDocuments<'_>> = records
            .iter()
            .map(|r| ChildDocuments {
                leaver: Some(r),
                ..Default::default()
            })
            .collect();
        let f = figure_docs("vs-07", &children, &docs, "2025-26");
        assert_eq!(
            counted(&f),
            vec![
                ("P".to_owned(), Counted::Numerator),
                ("Q".to_owned(), Counted::DenominatorOnly),
                ("R".to_owned(), Counted::Excluded),
                ("T".to_owned(), Counted::DenominatorOnly),
            ]
        );
        // 1 of 3 in EET: 33.3% (NEET the complement, 66.7%).
        assert_eq!(one(f.value), 33.3);
    }
}
