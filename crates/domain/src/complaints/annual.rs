//! What the committee receives about complaints and compliments each
//! financial year: volumes by the date received and speed, outcome and
//! cause by the date resolved (CMPL-013), costs (CMPL-010, CMPL-015), the
//! share of fault-found complaints with a wider action (CMPL-014),
//! compliments by team (CMPL-016), recurring themes and their actions
//! (CMPL-018), the Ombudsman's findings of fault (CMPL-021), figures by
//! service (CMPL-022) and against demand (CMPL-023); the reporting calendar
//! (CMPL-017) and the published report, corrected with a change log
//! (CMPL-021). Corporate complaints are never counted (CMPL-001).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::complaint::{Complaint, ComplaintError};
use super::resolution::{CAUSES, Costs, OmbudsmanDecision, Outcome, System};
use crate::deadlines::EventKind;
use crate::reporting::conventions::Period;

/// CMPL-016: the teams a compliment is tagged with.
pub const COMPLIMENT_TEAMS: &[&str] = &[
    "CHILDREN IN CARE TEAM",
    "FOSTERING",
    "ADOPTION TEAM",
    "SAFEGUARDING UNIT",
    "CHILD PROTECTION LOUGHBOROUGH",
    "CHILD PROTECTION HINCKLEY",
    "16+ TEAM",
];

/// A compliment about staff, forwarded to the Complaints Manager (CMPL-016).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compliment {
    /// `CPL` and five digits.
    pub id: String,
    pub received: NaiveDate,
    /// One of [`COMPLIMENT_TEAMS`].
    pub team: String,
    /// What was said, for the appendix sample (no names).
    pub summary: String,
}

impl Compliment {
    /// CMPL-016: a compliment is tagged with its team.
    pub fn new(
        id: String,
        received: NaiveDate,
        team: &str,
        summary: &str,
        today: NaiveDate,
    ) -> Result<Compliment, ComplaintError> {
        if !COMPLIMENT_TEAMS.contains(&team) {
            return Err(ComplaintError::NoTeam);
        }
        if received > today {
            return Err(ComplaintError::Future);
        }
        Ok(Compliment {
            id,
            received,
            team: team.to_owned(),
            summary: summary.trim().to_owned(),
        })
    }
}

/// Why a theme was refused, naming the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ThemeError {
    #[error("enter the theme")]
    NoTheme,
    #[error("enter who owns the action")]
    NoOwner,
    #[error("enter the action the theme leads to (CMPL-018)")]
    NoAction,
    #[error("enter the date the action is reviewed (CMPL-018)")]
    NoReview,
    #[error("the review date must be after the date the theme was logged")]
    ReviewBeforeLogged,
}

/// A recurring theme and the action it leads to (CMPL-018).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    /// `THM` and five digits.
    pub id: String,
    pub logged: NaiveDate,
    pub theme: String,
    pub owner: String,
    pub action: String,
    pub review: NaiveDate,
}

impl Theme {
    /// CMPL-018: a theme is saved only with its owner, action and review date.
    pub fn new(
        id: String,
        logged: NaiveDate,
        (theme, owner, action): (&str, &str, &str),
        review: Option<NaiveDate>,
    ) -> Result<Theme, ThemeError> {
        let text = |t: &str, e: ThemeError| {
            let t = t.trim();
            if t.is_empty() {
                Err(e)
            } else {
                Ok(t.to_owned())
            }
        };
        let theme = text(theme, ThemeError::NoTheme)?;
        let owner = text(owner, ThemeError::NoOwner)?;
        let action = text(action, ThemeError::NoAction)?;
        let review = review.ok_or(ThemeError::NoReview)?;
        if review <= logged {
            return Err(ThemeError::ReviewBeforeLogged);
        }
        Ok(Theme {
            id,
            logged,
            theme,
            owner,
            action,
            review,
        })
    }
}

/// CMPL-023: the demand the complaints are set against, as the committee
/// report states it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Demand {
    pub referrals: u32,
    pub single_assessments: u32,
    pub children_in_care: u32,
    pub cp_plans: u32,
}

/// CMPL-023: Stage 1 complaints as a percentage of referrals, in hundredths
/// of a percent (134 of 5,214 is 257, 2.57%).
pub fn per_referral_bp(stage_one: usize, referrals: u32) -> Option<u32> {
    (referrals > 0).then(|| {
        let bp =
            (stage_one as u64 * 10_000 * 2 + u64::from(referrals)) / (2 * u64::from(referrals));
        bp as u32
    })
}

/// Hundredths of a percent shown to one place: 257 is "2.6%".
pub fn percent_text(bp: u32) -> String {
    let tenths = (bp + 5) / 10;
    format!("{}.{}%", tenths / 10, tenths % 10)
}

/// A year's figures (or one service's, CMPL-022).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    pub period: String,
    /// CMPL-013: volumes by the date received.
    pub stage_one_received: usize,
    pub stage_two_received: usize,
    pub stage_three_received: usize,
    /// CMPL-001: corporate complaints left out.
    pub corporate_left_out: usize,
    /// CMPL-013: speed, outcome and cause by the date resolved.
    pub resolved: usize,
    pub stage_one_in_time: usize,
    pub stage_one_answered: usize,
    pub outcomes: Vec<(&'static str, usize)>,
    pub causes: Vec<(&'static str, usize)>,
    /// CMPL-014: fault found, and of them with a wider action.
    pub fault_found: usize,
    pub wider_action: usize,
    /// CMPL-010, CMPL-015: costs rounded for reporting.
    pub costs: Costs,
    /// CMPL-021: the Ombudsman's findings of fault with injustice.
    pub ombudsman_fault: usize,
    /// CMPL-016.
    pub compliments: Vec<(String, usize)>,
    /// CMPL-022: Stage 1 complaints received by service.
    pub by_service: Vec<(String, usize)>,
    /// CMPL-023: Stage 1 complaints per referral, hundredths of a percent.
    pub per_referral: Option<u32>,
}

fn in_year(date: NaiveDate, year: i32) -> bool {
    Period::year_of(date).year == year
}

fn count_by<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for k in keys {
        match counts.iter_mut().find(|(c, _)| c == k) {
            Some((_, n)) => *n += 1,
            None => counts.push((k.to_owned(), 1)),
        }
    }
    counts.sort();
    counts
}

fn event_in(c: &Complaint, kind: EventKind, year: i32) -> bool {
    c.events
        .iter()
        .any(|e| e.kind == kind && in_year(e.date, year))
}

/// The figures of the financial year starting in `year` from the
/// complaints and compliments held, for one service if `service` is given.
pub fn figures(
    year: i32,
    complaints: &[Complaint],
    compliments: &[Compliment],
    service: Option<&str>,
    demand: Option<&Demand>,
) -> Figures {
    let ours = |c: &&Complaint| service.is_none_or(|s| c.team == s);
    let corporate_left_out = complaints
        .iter()
        .filter(ours)
        .filter(|c| c.system() == System::Corporate && in_year(c.received, year))
        .count();
    let statutory: Vec<&Complaint> = complaints
        .iter()
        .filter(ours)
        .filter(|c| c.system() == System::ChildrensStatutory && c.in_procedure())
        .collect();
    let received: Vec<&&Complaint> = statutory
        .iter()
        .filter(|c| in_year(c.received, year))
        .collect();
    let resolved: Vec<&&Complaint> = statutory
        .iter()
        .filter(|c| c.resolved().is_some_and(|d| in_year(d, year)))
        .collect();
    let closings: Vec<_> = resolved.iter().filter_map(|c| c.closing.as_ref()).collect();
    let answered: Vec<(NaiveDate, NaiveDate)> = resolved
        .iter()
        .filter_map(|c| {
            let got = c
                .events
                .iter()
                .find(|e| e.kind == EventKind::ComplaintStage1Received)?;
            let sent = c
                .events
                .iter()
                .find(|e| e.kind == EventKind::ComplaintStage1Responded)?;
            Some((got.date, sent.date))
        })
        .collect();
    let mut costs = Costs::default();
    for c in &closings {
        costs.add_reported(&c.costs);
    }
    let fault: Vec<_> = closings
        .iter()
        .filter(|c| c.outcome.is_some_and(Outcome::fault_found))
        .collect();
    let stage_one_received = received.len();
    Figures {
        period: Period::financial_year(year).year_label(),
        stage_one_received,
        stage_two_received: statutory
            .iter()
            .filter(|c| event_in(c, EventKind::ComplaintStage2Requested, year))
            .count(),
        stage_three_received: statutory
            .iter()
            .filter(|c| event_in(c, EventKind::ComplaintStage3Requested, year))
            .count(),
        corporate_left_out,
        resolved: resolved.len(),
        stage_one_answered: answered.len(),
        stage_one_in_time: answered
            .iter()
            .filter(|(got, sent)| *sent <= crate::calendar::add_working_days(*got, 20))
            .count(),
        outcomes: Outcome::ALL
            .iter()
            .map(|o| {
                let n = closings.iter().filter(|c| c.outcome == Some(*o)).count();
                (o.label(), n)
            })
            .collect(),
        causes: CAUSES
            .iter()
            .map(|(code, label)| (*label, closings.iter().filter(|c| c.cause == *code).count()))
            .filter(|(_, n)| *n > 0)
            .collect(),
        fault_found: fault.len(),
        wider_action: fault.iter().filter(|c| c.has_wider_action()).count(),
        costs,
        ombudsman_fault: statutory
            .iter()
            .filter(|c| {
                c.ombudsman.as_ref().is_some_and(|o| {
                    o.decision == Some(OmbudsmanDecision::FaultWithInjustice)
                        && c.resolved().is_some_and(|d| in_year(d, year))
                })
            })
            .count(),
        compliments: count_by(
            compliments
                .iter()
                .filter(|c| in_year(c.received, year))
                .map(|c| c.team.as_str()),
        ),
        by_service: count_by(received.iter().map(|c| c.team.as_str())),
        per_referral: demand.and_then(|d| per_referral_bp(stage_one_received, d.referrals)),
    }
}

impl Figures {
    /// The figures as the report's lines: what, and its value.
    pub fn lines(&self) -> Vec<(String, String)> {
        let mut lines = vec![
            (
                "Stage 1 complaints received".to_owned(),
                self.stage_one_received.to_string(),
            ),
            (
                "Stage 2 investigations requested".to_owned(),
                self.stage_two_received.to_string(),
            ),
            (
                "Stage 3 panels requested".to_owned(),
                self.stage_three_received.to_string(),
            ),
            ("Complaints resolved".to_owned(), self.resolved.to_string()),
            (
                "Stage 1 answered within 20 working days".to_owned(),
                format!("{} of {}", self.stage_one_in_time, self.stage_one_answered),
            ),
        ];
        lines.extend(
            self.outcomes
                .iter()
                .map(|(l, n)| ((*l).to_owned(), n.to_string())),
        );
        lines.push((
            "Fault found with a wider learning action".to_owned(),
            format!("{} of {}", self.wider_action, self.fault_found),
        ));
        lines.push((
            "Ombudsman findings of fault with injustice".to_owned(),
            self.ombudsman_fault.to_string(),
        ));
        lines.extend(
            self.costs
                .lines()
                .iter()
                .map(|(l, p)| (format!("Cost: {l}"), crate::passport::ledger::pounds(*p))),
        );
        let compliments: usize = self.compliments.iter().map(|(_, n)| n).sum();
        lines.push(("Compliments received".to_owned(), compliments.to_string()));
        if let Some(bp) = self.per_referral {
            lines.push((
                "Stage 1 complaints as a share of referrals".to_owned(),
                percent_text(bp),
            ));
        }
        lines
    }
}

/// CMPL-017: the reporting calendar of the financial year starting in
/// `year`: a report to the department after each quarter, and the annual
/// report after the year.
pub fn reporting_calendar(year: i32) -> Vec<(NaiveDate, String)> {
    let d = |y: i32, m: u32, day: u32| NaiveDate::from_ymd_opt(y, m, day).expect("a real date");
    let label = Period::financial_year(year).year_label();
    vec![
        (
            d(year, 7, 31),
            format!("Q1 {label} report to the department"),
        ),
        (
            d(year, 10, 31),
            format!("Q2 {label} report to the department"),
        ),
        (
            d(year + 1, 1, 31),
            format!("Q3 {label} report to the department"),
        ),
        (
            d(year + 1, 4, 30),
            format!("Q4 {label} report to the department"),
        ),
        (
            d(year + 1, 6, 30),
            format!("Annual report {label} (Regulation 13(3))"),
        ),
    ]
}

/// A published version of the annual report (CMPL-021).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportVersion {
    pub number: u32,
    pub published: NaiveDate,
    pub demand: Demand,
    pub lines: Vec<(String, String)>,
    /// Why a correction was published (empty for the first).
    pub change_note: String,
}

/// A year's annual complaints report and every version published (CMPL-021).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintsReport {
    /// `CRP` and the year, `CRP2025`.
    pub id: String,
    pub year: i32,
    pub versions: Vec<ReportVersion>,
}

impl ComplaintsReport {
    pub fn id_of(year: i32) -> String {
        format!("CRP{year}")
    }

    pub fn new(year: i32) -> ComplaintsReport {
        ComplaintsReport {
            id: Self::id_of(year),
            year,
            versions: Vec::new(),
        }
    }

    /// Publishes a version; a correction says what changed (CMPL-021).
    pub fn publish(
        &mut self,
        published: NaiveDate,
        demand: Demand,
        figures: &Figures,
        change_note: &str,
    ) -> Result<u32, &'static str> {
        if !self.versions.is_empty() && change_note.trim().is_empty() {
            return Err("say what the corrected version changes (CMPL-021)");
        }
        let number = self.versions.len() as u32 + 1;
        self.versions.push(ReportVersion {
            number,
            published,
            demand,
            lines: figures.lines(),
            change_note: change_note.trim().to_owned(),
        });
        Ok(number)
    }

    /// CMPL-021: what version `number` changed from the one before, line by
    /// line ("Stage 1 complaints received: 3 → 4").
    pub fn changes(&self, number: u32) -> Vec<String> {
        let at = |n: u32| self.versions.iter().find(|v| v.number == n);
        let (Some(before), Some(after)) = (at(number.wrapping_sub(1)), at(number)) else {
            return Vec::new();
        };
        after
            .lines
            .iter()
            .filter_map(|(what, value)| {
                let old = before
                    .lines
                    .iter()
                    .find(|(w, _)| w == what)
                    .map(|(_, v)| v.as_str());
                (old != Some(value.as_str()))
                    .then(|| format!("{what}: {} → {value}", old.unwrap_or("none")))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmpl_023_134_stage_one_complaints_and_5214_referrals_are_2_6_percent() {
        let bp = per_referral_bp(134, 5214).unwrap();
        assert_eq!(bp, 257);
        assert_eq!(percent_text(bp), "2.6%");
    }

    #[test]
    fn cmpl_017_a_year_has_four_quarterly_reports_and_one_annual() {
        let calendar = reporting_calendar(2025);
        assert_eq!(calendar.len(), 5);
        assert_eq!(
            calendar
                .iter()
                .filter(|(_, l)| l.contains("Annual"))
                .count(),
            1
        );
    }
}
