//! What a measure is (its definition, unit, polarity and target, as
//! chapter 40 states them), the records of one child a measure reads, and
//! a measure's figure for a period: its value and every child behind it,
//! counted in the numerator, in the denominator only, or left out, with why.

use chrono::{Months, NaiveDate};
use serde::Serialize;

use super::conventions::{Period, Polarity};
use super::{
    adoption, adoption_activity, care_leavers, children_in_care, missing_and_reviews,
    visits_and_health,
};
use crate::census::CensusYear;
use crate::child::ChildId;
use crate::codes::CareExit;
use crate::deadlines::{Deadline, Event, SubjectFacts};
use crate::journey::CareJourney;

/// What a measure's value counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A number of children.
    Children,
    /// The numerator as a percentage of the denominator.
    Percent,
    /// The mean number of days over the children counted.
    Days,
    /// A number of things other than children ("placements", "episodes").
    Count(&'static str),
}

impl Unit {
    /// A value written with its unit: "12 children", "78.8%", "413.4 days".
    pub fn show(self, value: f64) -> String {
        match self {
            Unit::Children => format!("{value:.0}"),
            Unit::Percent => format!("{value:.1}%"),
            Unit::Days => format!("{value:.1} days"),
            Unit::Count(_) => format!("{value:.0}"),
        }
    }

    /// What the rows behind a figure are: "children", or the thing counted.
    pub fn counts(self) -> &'static str {
        match self {
            Unit::Count(what) => what,
            Unit::Children | Unit::Percent | Unit::Days => "children",
        }
    }
}

/// One measure of chapter 40.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Measure {
    /// The measure's name in links ("cic-08"); a KPI split by outcome has one each.
    pub key: &'static str,
    /// The spec's ID ("KPI-CIC-08").
    pub id: &'static str,
    pub name: &'static str,
    /// How it is computed from the records.
    pub definition: &'static str,
    pub unit: Unit,
    pub polarity: Polarity,
    pub target: Option<f64>,
}

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
    }
}

use Polarity::{Context, HigherBetter, LowerBetter};
use Unit::{Children, Count, Days, Percent};

/// The measures computed from the records, in the order the page shows them.
pub const MEASURES: &[Measure] = &[
    m(
        "cic-01",
        "KPI-CIC-01",
        "Children in care",
        "Children looked after at the end of the period (or today, if sooner); short breaks (V3, V4) are not counted.",
        Children,
        Context,
        None,
    ),
    m(
        "cic-03",
        "KPI-CIC-03",
        "Children admitted to care",
        "Children who started to be looked after during the period.",
        Children,
        Context,
        None,
    ),
    m(
        "cic-05-adopted",
        "KPI-CIC-05",
        "Left care: adopted (% of discharges)",
        "Children whose care ended in the period by adoption (E11, E12), as a share of all children whose care ended in the period.",
        Percent,
        Context,
        None,
    ),
    m(
        "cic-05-sgo",
        "KPI-CIC-05",
        "Left care: special guardianship (% of discharges)",
        "Children whose care ended in the period by a special guardianship order (E45 to E48), as a share of all children whose care ended.",
        Percent,
        Context,
        None,
    ),
    m(
        "cic-05-home",
        "KPI-CIC-05",
        "Left care: returned home (% of discharges)",
        "Children whose care ended in the period by returning home (E4A, E4B, E13), as a share of all children whose care ended.",
        Percent,
        Context,
        None,
    ),
    m(
        "cic-07",
        "KPI-CIC-07",
        "Unaccompanied asylum-seeking children in care",
        "Children in care at the end of the period who are unaccompanied asylum-seeking children (former UASC are not counted).",
        Children,
        Context,
        None,
    ),
    m(
        "cic-08",
        "KPI-CIC-08",
        "Social work visits within timescales",
        "Statutory visits (TRACK-015) due in the period that were made by their due date, as a share of the visits due.",
        Percent,
        HigherBetter,
        None,
    ),
    m(
        "cic-10",
        "KPI-CIC-10",
        "Health assessments in timescale",
        "Children in care at the end of the period whose health assessments due in the period were all made in time, as a share of those with one due.",
        Percent,
        HigherBetter,
        Some(95.0),
    ),
    m(
        "cic-11",
        "KPI-CIC-11",
        "Dental checks",
        "Children in care for 12 months or more at the end of the period with a dental check in the 12 months before it, as a share of those children.",
        Percent,
        HigherBetter,
        Some(70.0),
    ),
    m(
        "cic-12",
        "KPI-CIC-12",
        "Placement stability: 3 or more placements in the last year",
        "Children in care at the end of the period who had three or more placements in the 12 months before it, as a share of children in care.",
        Percent,
        LowerBetter,
        None,
    ),
    m(
        "cic-13",
        "KPI-CIC-13",
        "SDQ completion",
        "Children aged 4 to 16 in care for 12 months or more at the end of the period with a Strengths and Difficulties Questionnaire score in the 12 months before it, as a share of those children.",
        Percent,
        HigherBetter,
        Some(100.0),
    ),
    m(
        "adp-01",
        "KPI-ADP-01",
        "A1: entering care to moving in with the adoptive family",
        "For children adopted in the period, the mean days from entering care to moving in with the family who adopted them.",
        Days,
        LowerBetter,
        None,
    ),
    m(
        "adp-02",
        "KPI-ADP-02",
        "A2: court authority to match",
        "For children matched with adopters in the period, the mean days from the placement order to the match; children without a placement order (relinquished) are left out.",
        Days,
        LowerBetter,
        None,
    ),
    m(
        "adp-04",
        "KPI-ADP-04",
        "A3: adopted within 14 months of entering care",
        "Children adopted in the period who moved in with their adoptive family less than 14 months after entering care, as a share of the children adopted.",
        Percent,
        HigherBetter,
        None,
    ),
    m(
        "cic-16",
        "KPI-CIC-16",
        "Children contributing to their looked-after review",
        "Children in care with a review in the period whose views reached their last review of it (PN1 to PN3, PN5, PN6), as a share of those children; children under 4 (PN0) are left out.",
        Percent,
        HigherBetter,
        None,
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
        "adp-03",
        "KPI-ADP-03",
        "A20: entering care to court authority to place",
        "For children whose placement order was made in the period, the mean days from entering care to the order.",
        Days,
        LowerBetter,
        None,
    ),
    m(
        "adp-06",
        "KPI-ADP-06",
        "Adoptive placements of children from ethnic minority backgrounds",
        "Children placed for adoption in the period who are from an ethnic minority background (any ethnicity but White British), as a share of the children placed whose ethnicity is known.",
        Percent,
        HigherBetter,
        None,
    ),
    m(
        "adp-15",
        "KPI-ADP-15",
        "Children waiting with a placement order",
        "Children in care at the end of the period under a placement order who are not yet placed for adoption.",
        Children,
        LowerBetter,
        None,
    ),
    m(
        "adp-16",
        "KPI-ADP-16",
        "Children placed for adoption",
        "Children placed with prospective adopters (A3 to A6) in the period.",
        Children,
        HigherBetter,
        None,
    ),
    m(
        "adp-17",
        "KPI-ADP-17",
        "Adoption orders granted",
        "Children whose adoption order was made in the period (care ended by adoption, E11 or E12).",
        Children,
        HigherBetter,
        None,
    ),
    m(
        "adp-19",
        "KPI-ADP-19",
        "Fostering for adoption placements",
        "Children placed in the period with foster carers who are also approved adopters (U5).",
        Children,
        HigherBetter,
        None,
    ),
    m(
        "adp-20",
        "KPI-ADP-20",
        "Adoption disruptions",
        "Placements for adoption that ended in the period before an adoption order: the child moved to carers who are not the adopters, or left care other than by adoption.",
        Count("placements"),
        LowerBetter,
        None,
    ),
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
];

/// The sections of chapter 40 the measures fall in, in the committee
/// report's order: (the prefix of the measures' IDs, the section's title).
pub const SECTIONS: &[(&str, &str)] = &[
    ("KPI-CIC-", "Children in care"),
    ("KPI-LEAVE-", "Care leavers"),
    ("KPI-ADP-", "Adoption"),
    ("KPI-MISS-", "Missing children"),
];

impl Measure {
    /// The title of the section of chapter 40 the measure is in.
    pub fn section(&self) -> &'static str {
        SECTIONS
            .iter()
            .find(|(prefix, _)| self.id.starts_with(prefix))
            .map_or("Other measures", |(_, title)| title)
    }
}

/// The measure with this key.
pub fn measure(key: &str) -> Option<&'static Measure> {
    MEASURES.iter().find(|m| m.key == key)
}

/// How a child (or one visit of a child's) counts in a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Counted {
    Numerator,
    DenominatorOnly,
    Excluded,
}

impl Counted {
    /// How the child counts, in words.
    pub fn label(self) -> &'static str {
        match self {
            Counted::Numerator => "Counted",
            Counted::DenominatorOnly => "In the denominator only",
            Counted::Excluded => "Left out",
        }
    }
}

/// One child behind a figure, with why they count as they do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Behind {
    pub child: ChildId,
    pub counted: Counted,
    pub why: String,
    /// The child's days, for a measure in days.
    pub days: Option<i64>,
}

impl Behind {
    pub(crate) fn new(child: &ChildId, counted: Counted, why: String) -> Self {
        Self {
            child: child.clone(),
            counted,
            why,
            days: None,
        }
    }
}

/// A measure's figure for a period: its value and the children behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// `None` when nothing was counted (no denominator, no child).
    pub value: Option<f64>,
    pub numerator: usize,
    /// For a percentage: the numerator and those in the denominator only.
    pub denominator: Option<usize>,
    pub children: Vec<Behind>,
}

impl Figure {
    fn of(unit: Unit, children: Vec<Behind>) -> Self {
        let counted = |c: Counted| children.iter().filter(|b| b.counted == c).count();
        let numerator = counted(Counted::Numerator);
        let (value, denominator) = match unit {
            Unit::Children | Unit::Count(_) => (Some(numerator as f64), None),
            Unit::Percent => {
                let denominator = numerator + counted(Counted::DenominatorOnly);
                (
                    (denominator > 0).then(|| 100.0 * numerator as f64 / denominator as f64),
                    Some(denominator),
                )
            }
            Unit::Days => {
                let days: Vec<i64> = children
                    .iter()
                    .filter(|b| b.counted == Counted::Numerator)
                    .filter_map(|b| b.days)
                    .collect();
                (
                    (!days.is_empty()).then(|| days.iter().sum::<i64>() as f64 / days.len() as f64),
                    None,
                )
            }
        };
        Self {
            value,
            numerator,
            denominator,
            children,
        }
    }
}

/// A health assessment recorded for a child, with what it found that the
/// measures count (KPI-CIC-11 dental check, KPI-CIC-13 SDQ score).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HealthCheck {
    pub date: NaiveDate,
    pub dental: bool,
    pub sdq: bool,
}

/// Everything the measures read of one child: the journey, the years of
/// the return, the health assessments recorded, and the visit and health
/// assessment deadlines worked out once from them.
#[derive(Debug, Clone)]
pub struct ChildRecords<'a> {
    pub journey: &'a CareJourney,
    pub census: &'a [CensusYear],
    pub health: Vec<HealthCheck>,
    pub(crate) events: Vec<Event>,
    pub(crate) deadlines: Vec<Deadline>,
}

/// The deadline rules whose timeliness the measures count (TRACK-015
/// visits, KPI-CIC-10 health assessments): only these are worked out.
static TIMED_RULES: std::sync::LazyLock<Vec<crate::deadlines::DeadlineRule>> =
    std::sync::LazyLock::new(|| {
        crate::deadline_rules::RULES
            .iter()
            .filter(|r| ["TRACK-015", "KPI-CIC-10"].contains(&r.id))
            .copied()
            .collect()
    });

impl<'a> ChildRecords<'a> {
    /// A child's records, with the deadlines of the timed rules worked out.
    pub fn new(
        journey: &'a CareJourney,
        census: &'a [CensusYear],
        health: Vec<HealthCheck>,
    ) -> Self {
        let mut events = journey.events();
        events.extend(census.iter().flat_map(CensusYear::events));
        events.sort();
        events.dedup();
        let deadlines = crate::deadlines::deadlines(
            &TIMED_RULES,
            &events,
            SubjectFacts {
                date_of_birth: Some(journey.child().date_of_birth),
            },
        );
        Self {
            journey,
            census,
            health,
            events,
            deadlines,
        }
    }

    pub(crate) fn id(&self) -> &ChildId {
        self.journey.id()
    }
}

/// The day a period's figures are as at: its last day, or today if sooner.
pub fn as_at(period: &Period, today: NaiveDate) -> NaiveDate {
    period.end().min(today)
}

/// The first day of the twelve months ending on `date`.
pub(crate) fn year_before(date: NaiveDate) -> NaiveDate {
    (date - Months::new(12)).succ_opt().unwrap_or(date)
}

/// A measure's figure for a period, computed from every child's records;
/// `today` bounds what can have happened (a visit due tomorrow is not late).
pub fn compute(
    measure: &Measure,
    children: &[ChildRecords<'_>],
    period: &Period,
    today: NaiveDate,
) -> Figure {
    let at = as_at(period, today);
    let behind: Vec<Behind> = children
        .iter()
        .flat_map(|c| match measure.key {
            "cic-01" => children_in_care::in_care(c, at),
            "cic-03" => children_in_care::admitted(c, period, at),
            "cic-05-adopted" => children_in_care::left_care(c, period, at, CareExit::Adoption),
            "cic-05-sgo" => {
                children_in_care::left_care(c, period, at, CareExit::SpecialGuardianship)
            }
            "cic-05-home" => children_in_care::left_care(c, period, at, CareExit::ReturnHome),
            "cic-07" => children_in_care::uasc(c, at),
            "cic-08" => visits_and_health::visits(c, period, at),
            "cic-10" => visits_and_health::health_assessments(c, period, at),
            "cic-11" => visits_and_health::dental_checks(c, period, at),
            "cic-12" => children_in_care::placement_stability(c, at),
            "cic-13" => visits_and_health::sdq(c, period, at),
            "adp-01" => adoption::a1(c, period, at),
            "adp-02" => adoption::a2(c, period, at),
            "adp-04" => adoption::a3(c, period, at),
            "cic-16" => missing_and_reviews::review_participation(c, period, at),
            "leave-02" => care_leavers::eet(c, period),
            "leave-03" => care_leavers::neet_aged_19(c, period, at),
            "leave-04" => care_leavers::suitable_accommodation(c, period),
            "leave-05" => care_leavers::in_touch(c, period),
            "adp-03" => adoption_activity::a20(c, period, at),
            "adp-06" => adoption_activity::minority_placements(c, period, at),
            "adp-15" => adoption_activity::waiting(c, at),
            "adp-16" => adoption_activity::placed(c, period, at),
            "adp-17" => adoption_activity::orders(c, period, at),
            "adp-19" => adoption_activity::fostering_for_adoption(c, period, at),
            "adp-20" => adoption_activity::disruptions(c, period, at),
            "miss-01-children" => missing_and_reviews::missing_children(c, period, at),
            "miss-01-episodes" => missing_and_reviews::missing_episodes(c, period, at),
            _ => Vec::new(),
        })
        .collect();
    Figure::of(measure.unit, behind)
}

#[cfg(test)]
pub(crate) mod fixture {
    //! Hand-made children for the measures' tests.
    use chrono::NaiveDate;

    use super::{ChildRecords, Counted, Figure, HealthCheck, compute, measure};
    use crate::census::CensusYear;
    use crate::child::{Child, ChildId, PersonName, UascStatus};
    use crate::codes::*;
    use crate::journey::{CareJourney, Episode, EpisodeEnd, Placement};
    use crate::reporting::conventions::Period;

    pub fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    pub fn child(id: &str, born: &str) -> Child {
        Child {
            id: ChildId::parse(id).unwrap(),
            name: PersonName::parse("Test", id).unwrap(),
            sex: Sex::Female,
            date_of_birth: d(born),
            ethnicity: Ethnicity::WhiteBritish,
            pupil_number: None,
            disabled: false,
            uasc: None,
        }
    }

    pub fn as_uasc(mut c: Child, ceased: Option<&str>) -> Child {
        c.uasc = Some(UascStatus {
            ceased: ceased.map(d),
        });
        c
    }

    pub fn placement(t: PlacementType) -> Placement {
        Placement {
            placement_type: t,
            provider: (!t.code().starts_with('T')).then_some(PlacementProvider::OwnProvision),
            postcode: None,
            urn: None,
        }
    }

    /// An episode: start, RNE, legal status, placement type, and end (date, reason).
    pub fn ep(
        start: &str,
        rne: ReasonNewEpisode,
        ls: LegalStatus,
        t: PlacementType,
        end: Option<(&str, ReasonEpisodeCeased)>,
    ) -> Episode {
        Episode {
            start: d(start),
            reason_new_episode: rne,
            legal_status: ls,
            category_of_need: CategoryOfNeed::AbuseOrNeglect,
            placement: placement(t),
            end: end.map(|(e, reason)| EpisodeEnd { date: d(e), reason }),
            reason_placement_change: None,
            home_postcode: None,
        }
    }

    pub fn journey(c: Child, episodes: Vec<Episode>) -> CareJourney {
        CareJourney::build(c, episodes, vec![], vec![], vec![], vec![], d("2026-11-30")).unwrap()
    }

    pub const TODAY: &str = "2026-11-30";

    pub fn figure(key: &str, journeys: &[CareJourney], period: &str) -> Figure {
        figure_with(key, journeys, &[], period)
    }

    pub fn figure_with(
        key: &str,
        journeys: &[CareJourney],
        health: &[Vec<HealthCheck>],
        period: &str,
    ) -> Figure {
        let census: Vec<CensusYear> = Vec::new();
        let records: Vec<ChildRecords<'_>> = journeys
            .iter()
            .enumerate()
            .map(|(i, j)| ChildRecords::new(j, &census, health.get(i).cloned().unwrap_or_default()))
            .collect();
        compute(
            measure(key).unwrap(),
            &records,
            &Period::parse(period).unwrap(),
            d(TODAY),
        )
    }

    pub fn counted(f: &Figure) -> Vec<(String, Counted)> {
        f.children
            .iter()
            .map(|b| (b.child.as_str().to_owned(), b.counted))
            .collect()
    }

    pub fn open(id: &str, born: &str, start: &str) -> CareJourney {
        journey(
            child(id, born),
            vec![ep(
                start,
                ReasonNewEpisode::Started,
                LegalStatus::FullCareOrder,
                PlacementType::FosterOther,
                None,
            )],
        )
    }

    pub fn one(v: Option<f64>) -> f64 {
        crate::reporting::conventions::one_decimal(v.unwrap())
    }
}
