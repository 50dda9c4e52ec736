//! What a measure is (its definition, unit, polarity and target, as
//! chapter 40 states them), the records of one child a measure reads, and
//! a measure's figure for a period: its value and every child behind it,
//! counted in the numerator, in the denominator only, or left out, with why.

use chrono::{Months, NaiveDate};
use serde::Serialize;

use super::conventions::{Period, Polarity};
use super::virtual_school::Phase;
use super::{
    adoption, adoption_activity, adoption_decisions, care_leavers, carers, children_in_care,
    complaints, costs, missing_and_reviews, needs, virtual_school, visits_and_health,
};
use crate::census::CensusYear;
use crate::child::ChildId;
use crate::codes::CareExit;
use crate::complaints::complaint::Complaint;
use crate::contact::life_story::LifeStory;
use crate::contact::missing::Exploitation;
use crate::contact::missing::MissingRecord;
use crate::deadlines::EventKind::*;
use crate::deadlines::{Deadline, Event, SubjectFacts};
use crate::education::record::EducationRecord;
use crate::households::lifecycle::{HouseholdRole, RoleKind};
use crate::journey::CareJourney;
use crate::leavers::record::CareLeaverRecord;

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
    /// Pounds avoided: the days counted at this many pence a year (COST-001).
    Avoided(i64),
    /// Pounds spent: the sum of the amounts of the lines counted, each a
    /// thing of this kind ("allocations", "complaints") (COST-005, COST-006).
    Pounds(&'static str),
}

impl Unit {
    /// A value written with its unit: "12 children", "78.8%", "413.4 days".
    pub fn show(self, value: f64) -> String {
        match self {
            Unit::Children => format!("{value:.0}"),
            Unit::Percent => format!("{value:.1}%"),
            Unit::Days => format!("{value:.1} days"),
            Unit::Count(_) => format!("{value:.0}"),
            Unit::Avoided(_) | Unit::Pounds(_) => format!("£{value:.0}"),
        }
    }

    /// What the rows behind a figure are: "children", or the thing counted.
    pub fn counts(self) -> &'static str {
        match self {
            Unit::Count(what) | Unit::Pounds(what) => what,
            Unit::Children | Unit::Percent | Unit::Days | Unit::Avoided(_) => "children",
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
    /// Why the records cannot give the measure, for one of chapter 40 whose
    /// records the service does not keep: it has no figure, and the page
    /// says "Not measured" and why rather than invent one.
    pub not_measured: Option<&'static str>,
}

pub use super::catalogue::{MEASURES, SECTIONS};

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

/// Who a line behind a figure is about: a child, a role a household holds
/// (a carer's or an adopter's), or a complaint.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum Who {
    Child(ChildId),
    /// A household's role, by its identifier (`H00001-R1`).
    Role(String),
    Complaint(String),
}

impl Who {
    /// The identifier people see.
    pub fn id(&self) -> &str {
        match self {
            Who::Child(c) => c.as_str(),
            Who::Role(id) | Who::Complaint(id) => id,
        }
    }

    /// What the line is about, in words (a list's column heading).
    pub fn label(&self) -> &'static str {
        match self {
            Who::Child(_) => "Child",
            Who::Role(_) => "Household role",
            Who::Complaint(_) => "Complaint",
        }
    }

    /// The child, when the line is about one.
    pub fn child(&self) -> Option<&ChildId> {
        match self {
            Who::Child(c) => Some(c),
            Who::Role(_) | Who::Complaint(_) => None,
        }
    }

    /// The page of the record behind the line: the child's, the
    /// household's (for a role) or the complaint's.
    pub fn href(&self) -> String {
        match self {
            Who::Child(c) => format!("/children/{}", c.as_str()),
            Who::Role(id) => format!(
                "/households/{}",
                id.split_once("-R").map_or(id.as_str(), |(h, _)| h)
            ),
            Who::Complaint(id) => format!("/complaints/{id}"),
        }
    }
}

/// One child (or carer's role, or complaint) behind a figure, with why
/// they count as they do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Behind {
    pub who: Who,
    pub counted: Counted,
    pub why: String,
    /// The child's days, for a measure in days.
    pub days: Option<i64>,
    /// The amount of the line in pence, for a measure in pounds.
    pub pence: Option<i64>,
}

impl Behind {
    pub(crate) fn new(child: &ChildId, counted: Counted, why: String) -> Self {
        Self::about(Who::Child(child.clone()), counted, why)
    }

    /// A line about anyone or anything behind a figure.
    pub(crate) fn about(who: Who, counted: Counted, why: String) -> Self {
        Self {
            who,
            counted,
            why,
            days: None,
            pence: None,
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
            Unit::Avoided(pence_a_year) => {
                let days: i64 = children
                    .iter()
                    .filter(|b| b.counted == Counted::Numerator)
                    .filter_map(|b| b.days)
                    .sum();
                (Some((days * pence_a_year) as f64 / 365.0 / 100.0), None)
            }
            Unit::Pounds(_) => {
                let pence: i64 = children
                    .iter()
                    .filter(|b| b.counted == Counted::Numerator)
                    .filter_map(|b| b.pence)
                    .sum();
                (Some(pence as f64 / 100.0), None)
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

/// The documents kept for a child that measures read besides the journey:
/// the Virtual School's education record (KPI-VS-), the missing record
/// (return interviews and exploitation referrals, KPI-MISS-), the care
/// leaver's record (the Pathway Plan, KPI-LEAVE-01) and the life story
/// record (KPI-ADP-26); `None` when none is kept.
#[derive(Debug, Clone, Copy, Default)]
pub struct ChildDocuments<'a> {
    pub education: Option<&'a EducationRecord>,
    pub missing: Option<&'a MissingRecord>,
    pub leaver: Option<&'a CareLeaverRecord>,
    pub life_story: Option<&'a LifeStory>,
}

/// Everything the measures read of one child: the journey, the years of
/// the return, the health assessments recorded, the child's documents, and
/// the visit and health assessment deadlines worked out once from them.
#[derive(Debug, Clone)]
pub struct ChildRecords<'a> {
    pub journey: &'a CareJourney,
    pub census: &'a [CensusYear],
    pub health: Vec<HealthCheck>,
    pub documents: ChildDocuments<'a>,
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
            documents: ChildDocuments::default(),
            events,
            deadlines,
        }
    }

    /// The same records with the child's documents.
    pub fn with_documents(self, documents: ChildDocuments<'a>) -> Self {
        Self { documents, ..self }
    }

    pub(crate) fn id(&self) -> &ChildId {
        self.journey.id()
    }
}

/// What the measures of carers, adopters and complaints read: every role
/// a household holds (its events, kinship and special guardianship
/// records) and every complaint.
#[derive(Debug, Clone, Default)]
pub struct ServiceRecords {
    pub roles: Vec<HouseholdRole>,
    pub complaints: Vec<Complaint>,
}

/// The figure's lines of a measure read from the service's records (not
/// one child's), or `None` for a measure of the children.
fn service_lines(
    key: &str,
    s: &ServiceRecords,
    period: &Period,
    at: NaiveDate,
) -> Option<Vec<Behind>> {
    use RoleKind::*;
    let p = period;
    Some(match key {
        "fos-01-enquiries" => carers::started(s, FosterCarer, p, at),
        "fos-01-visits" => carers::events(
            s,
            FosterCarer,
            FosteringInitialVisit,
            "Initial visit",
            p,
            at,
        ),
        "fos-01-assessments" => carers::events(
            s,
            FosterCarer,
            FosteringAssessmentStarted,
            "Form F begun",
            p,
            at,
        ),
        "fos-01-approved" => carers::events(s, FosterCarer, FosterCarerApproved, "Approved", p, at),
        "fos-04-lost" => carers::carers_lost(s, p, at),
        "fos-04-households" => carers::holding(s, FosterCarer, Some(FosterCarerApproved), at),
        "fos-06-closures" => carers::assessments_closed(s, p, at),
        "fos-06-rate" => carers::approval_rate(s, p, at),
        "fos-07" => carers::span(
            s,
            FosterCarer,
            (FosteringInitialVisit, PanelRecommendation),
            ("Initial visit", "Panel"),
            p,
            at,
        ),
        "fos-10" => carers::events(s, FosterCarer, FosterCarerReviewed, "Review", p, at),
        "fos-20" => carers::connected_share(s, at),
        "fos-03" => carers::assessment_team_approvals(s, p, at),
        "fos-08" => carers::events(
            s,
            FosterCarer,
            PanelRecommendation,
            "Panel recommendation",
            p,
            at,
        ),
        "fos-16" => carers::events(
            s,
            FosterCarer,
            FosterAllegationLogged,
            "Allegation logged",
            p,
            at,
        ),
        "kin-01" => carers::events(
            s,
            ConnectedPersonCarer,
            IvaApproved,
            "Viability assessment positive",
            p,
            at,
        ),
        "kin-02-assessments" => carers::events(
            s,
            ConnectedPersonCarer,
            KinshipAssessmentCompleted,
            "Full assessment completed",
            p,
            at,
        ),
        "kin-02-approved" => carers::events(
            s,
            ConnectedPersonCarer,
            ConnectedPersonApproved,
            "Approved",
            p,
            at,
        ),
        "kin-02-negative" => carers::kinship_negative(s, p, at),
        "kin-03" => carers::holding(s, ConnectedPersonCarer, Some(ConnectedPersonApproved), at),
        "sg-01-carers" => carers::special_guardians(s, at, false),
        "sg-01-support" => carers::special_guardians(s, at, true),
        "sg-01-from-kinship" => carers::sgos_from_kinship(s, p, at),
        "leave-06" => carers::holding(s, StayingPutCarer, Some(StayingPutStarted), at),
        "leave-07" => carers::holding(
            s,
            SupportedLodgingsHost,
            Some(SupportedLodgingsHostApproved),
            at,
        ),
        "adp-08-enquiries" => carers::started(s, Adopter, p, at),
        "adp-08-registrations" => {
            carers::events(s, Adopter, AdopterRegistration, "Registered", p, at)
        }
        "adp-09" => carers::events(s, Adopter, AdopterApproved, "Approved", p, at),
        "adp-10-stage-one" => carers::span(
            s,
            Adopter,
            (AdopterRegistration, AdopterStageOneCompleted),
            ("Registered", "Stage One completed"),
            p,
            at,
        ),
        "adp-10-stage-two" => carers::span(
            s,
            Adopter,
            (AdopterStageTwoStarted, AdopterStageTwoCompleted),
            ("Stage Two begun", "Stage Two completed"),
            p,
            at,
        ),
        "cmpl-01-stage-1" => complaints::received(s, p, at, false),
        "cmpl-01-stage-2" => complaints::stage_two_requests(s, p, at),
        "cmpl-02" => complaints::escalation(s, p, at),
        "cmpl-04" => complaints::answered_in_time(
            s,
            (None, ComplaintStage1Responded),
            complaints::STAGE_ONE_WORKING_DAYS,
            p,
            at,
        ),
        "cmpl-05" => complaints::answered_in_time(
            s,
            (Some(ComplaintStage2Requested), ComplaintStage2Responded),
            complaints::STAGE_TWO_WORKING_DAYS,
            p,
            at,
        ),
        "cmpl-09" => complaints::received(s, p, at, true),
        "cmpl-03" => complaints::beyond_stage_two(s, p, at),
        "cmpl-07" => complaints::fault_found(s, p, at),
        "cmpl-08-delay" => complaints::caused_by(s, p, at, "delay"),
        "cmpl-10" => complaints::ombudsman_fault(s, p, at),
        "cmpl-13" => complaints::wider_action(s, p, at),
        "cmpl-12" => complaints::costs(s, p, at),
        "cmpl-15" => complaints::adopter_approval(s, p, at),
        "adp-11" => adoption_decisions::adopters_waiting(s, at),
        "sg-02" => super::special_guardianship::calls(s, p, at),
        _ => return None,
    })
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
    service: &ServiceRecords,
    period: &Period,
    today: NaiveDate,
) -> Figure {
    if measure.not_measured.is_some() {
        return Figure {
            value: None,
            numerator: 0,
            denominator: None,
            children: Vec::new(),
        };
    }
    let at = as_at(period, today);
    if let Some(mut lines) = service_lines(measure.key, service, period, at) {
        lines.sort_by(|a, b| a.who.id().cmp(b.who.id()));
        return Figure::of(measure.unit, lines);
    }
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
            "cic-09" => missing_and_reviews::care_plan_updated(c, at),
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
            "vs-01" => virtual_school::pep_terms(c, period, at),
            "vs-07" => virtual_school::post_16_eet(c, at),
            "vs-08-exclusions" => virtual_school::reported(c, period, at, "exclusion"),
            "vs-08-moves" => virtual_school::school_moves(c, period, at),
            "vs-10-early-years" => virtual_school::on_roll(c, at, Phase::EarlyYears),
            "vs-10-school-age" => virtual_school::on_roll(c, at, Phase::SchoolAge),
            "vs-10-post-16" => virtual_school::on_roll(c, at, Phase::Post16),
            "miss-02" => missing_and_reviews::return_interviews(c, period, at),
            "miss-03-referrals" => {
                missing_and_reviews::referrals(c, period, at, Exploitation::Sexual)
            }
            "miss-03-screened" => {
                missing_and_reviews::screened(c, period, at, Exploitation::Sexual)
            }
            "miss-04-referrals" => {
                missing_and_reviews::referrals(c, period, at, Exploitation::Criminal)
            }
            "miss-04-children" => {
                missing_and_reviews::referred_children(c, period, at, Exploitation::Criminal)
            }
            "leave-01" => care_leavers::pathway_plans(c, at),
            "vs-09-school-age" => virtual_school::uasc_students(c, at, false),
            "vs-09-post-16" => virtual_school::uasc_students(c, at, true),
            "cost-01" => costs::connected_days(c, period, at),
            "cost-014" => costs::step_downs(c, period, at),
            "cost-005" => costs::pupil_premium_plus(c, period, at),
            "need-004-0-2" => needs::age_at_approval(c, period, at, (0, Some(2))),
            "need-004-3-4" => needs::age_at_approval(c, period, at, (3, Some(4))),
            "need-004-5-6" => needs::age_at_approval(c, period, at, (5, Some(6))),
            "need-004-7-8" => needs::age_at_approval(c, period, at, (7, Some(8))),
            "need-004-9" => needs::age_at_approval(c, period, at, (9, None)),
            "need-006" => needs::disabled_at_approval(c, period, at),
            "need-005" => needs::white_british_at_approval(c, period, at),
            "need-003" => needs::uasc_male(c, at),
            _ => adoption_decisions::lines(measure.key, c, period, at),
        })
        .collect();
    Figure::of(measure.unit, behind)
}

#[cfg(test)]
pub(crate) mod fixture {
    //! Hand-made children for the measures' tests.
    use chrono::NaiveDate;

    use super::{ChildDocuments, ChildRecords, Counted, Figure, HealthCheck, compute, measure};
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
        figure_of(key, journeys, health, &[], period)
    }

    /// A figure over children with their documents (the i-th child's the
    /// i-th of `documents`).
    pub fn figure_docs(
        key: &str,
        journeys: &[CareJourney],
        documents: &[ChildDocuments<'_>],
        period: &str,
    ) -> Figure {
        figure_of(key, journeys, &[], documents, period)
    }

    fn figure_of(
        key: &str,
        journeys: &[CareJourney],
        health: &[Vec<HealthCheck>],
        documents: &[ChildDocuments<'_>],
        period: &str,
    ) -> Figure {
        let census: Vec<CensusYear> = Vec::new();
        let records: Vec<ChildRecords<'_>> = journeys
            .iter()
            .enumerate()
            .map(|(i, j)| {
                ChildRecords::new(j, &census, health.get(i).cloned().unwrap_or_default())
                    .with_documents(documents.get(i).copied().unwrap_or_default())
            })
            .collect();
        compute(
            measure(key).unwrap(),
            &records,
            &super::ServiceRecords::default(),
            &Period::parse(period).unwrap(),
            d(TODAY),
        )
    }

    pub fn counted(f: &Figure) -> Vec<(String, Counted)> {
        f.children
            .iter()
            .map(|b| (b.who.id().to_owned(), b.counted))
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
