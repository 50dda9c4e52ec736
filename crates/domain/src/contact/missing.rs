//! Children missing from care (WF-MISSING): a child's missing and away
//! episodes as the service records them, each missing episode's return
//! home interview (MISS-004), the strategy meeting three missing episodes
//! in 90 days call for (MISS-001), the risk of exploitation the Daily Risk
//! Management Meeting rates (MISS-002) and only FORM may lower (MISS-003),
//! and exploitation referrals, each screened before it closes (MISS-007).
//!
//! The dates of each episode are also written to the child's care journey,
//! where the SSDA903 return reads them; this record keeps what happens
//! around them.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::child::ChildId;
use crate::codes::MissingType;
use crate::roles::Role;
use crate::subjects::SubjectItem;

/// MISS-001: the window within which three missing episodes call for a
/// strategy meeting.
pub const STRATEGY_WINDOW_DAYS: i64 = 90;
/// MISS-001: how many missing episodes within the window.
pub const STRATEGY_EPISODES: usize = 3;
/// MISS-004: the return home interview is offered within 72 hours of the
/// child's return (statutory guidance on children who run away or go
/// missing from home or care, 2014), so by the third day after it.
pub const INTERVIEW_DAYS: u64 = 3;

/// Who records a child's missing episodes and what follows them: the
/// child's social worker, their team manager and the service manager.
pub const RECORDERS: &[Role] = &[Role::SocialWorker, Role::TeamManager, Role::ServiceManager];

/// Whether `user` records missing episodes (the page offers its forms
/// only to them).
pub fn may_record(user: &crate::access::User) -> bool {
    RECORDERS.contains(&user.role)
}

/// The outcome of a return home interview (MISS-004).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Interview {
    Completed(NaiveDate),
    /// Not completed, with the reason (the child's circumstances).
    NotCompleted {
        date: NaiveDate,
        reason: String,
    },
}

/// A missing or away episode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Episode {
    pub number: u32,
    pub kind: MissingType,
    pub started: NaiveDate,
    pub returned: Option<NaiveDate>,
    pub interview: Option<Interview>,
}

/// The risk of exploitation (MISS-002, MISS-003).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Risk {
    Low,
    Medium,
    High,
}

impl Risk {
    pub const ALL: [Risk; 3] = [Risk::Low, Risk::Medium, Risk::High];

    pub fn code(self) -> &'static str {
        match self {
            Risk::Low => "low",
            Risk::Medium => "medium",
            Risk::High => "high",
        }
    }

    pub fn parse(code: &str) -> Option<Risk> {
        Risk::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Risk::Low => "Low",
            Risk::Medium => "Medium",
            Risk::High => "High",
        }
    }
}

/// A risk rating and who holds the child at high risk (MISS-002).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskRating {
    pub risk: Risk,
    pub date: NaiveDate,
    /// Police Child Exploitation team officer (high risk).
    pub police_officer: String,
    /// Child Exploitation team social worker (high risk).
    pub ce_social_worker: String,
    /// Agreed at the Fortnightly Operational Review Meeting.
    pub at_form: bool,
}

/// The kind of exploitation referred (MISS-007).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Exploitation {
    Sexual,
    Criminal,
}

impl Exploitation {
    pub fn code(self) -> &'static str {
        match self {
            Exploitation::Sexual => "cse",
            Exploitation::Criminal => "cce",
        }
    }

    pub fn parse(code: &str) -> Option<Exploitation> {
        [Exploitation::Sexual, Exploitation::Criminal]
            .into_iter()
            .find(|e| e.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Exploitation::Sexual => "Child sexual exploitation (CSE)",
            Exploitation::Criminal => "Child criminal exploitation (CCE)",
        }
    }
}

/// An exploitation referral and its screening (MISS-007).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    pub number: u32,
    pub kind: Exploitation,
    pub referred: NaiveDate,
    /// The date the Child Exploitation Screening tool was completed, and its
    /// outcome.
    pub screened: Option<(NaiveDate, String)>,
    pub closed: Option<NaiveDate>,
}

/// Why an entry was refused, naming the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MissingError {
    #[error("the date cannot be in the future")]
    Future,
    #[error("the return cannot be before the episode started")]
    ReturnBeforeStart,
    #[error("there is no episode {0}")]
    NoEpisode(u32),
    #[error("episode {0} has its return recorded already")]
    Returned(u32),
    #[error("episode {0} has not ended: record the return first")]
    NotReturned(u32),
    #[error("a return home interview is for a missing episode, not an away one (MISS-004)")]
    Away,
    #[error("say why the interview was not completed (MISS-004)")]
    NoReason,
    #[error(
        "a high risk needs both a named police officer and a named Child Exploitation social worker (MISS-002)"
    )]
    HighNeedsTwo,
    #[error("a high risk is lowered only by agreement at FORM (MISS-003)")]
    DowngradeOutsideForm,
    #[error("there is no referral {0}")]
    NoReferral(u32),
    #[error(
        "complete the Child Exploitation Screening tool before closing referral {0} (MISS-007)"
    )]
    NotScreened(u32),
    #[error("enter the screening outcome")]
    NoOutcome,
    #[error("another episode is still open: record the child's return first")]
    StillMissing,
    #[error(
        "a Harm Outside the Home meeting is chaired by an independent child protection chair (MISS-006)"
    )]
    NotIndependentChair,
    #[error("attach the Community Safety Plan the meeting agreed (MISS-006)")]
    NoSafetyPlan,
    #[error("name the Child Exploitation Team social worker who holds the case (MISS-006)")]
    NoCeWorker,
}

/// MISS-006: who may chair a Harm Outside the Home meeting, and the others
/// a form may name (refused).
pub const HOTH_CHAIRS: &[(&str, &str)] = &[
    ("independent_cp_chair", "Independent child protection chair"),
    ("team_manager", "Team manager"),
    ("other", "Someone else"),
];

/// A Harm Outside the Home meeting (MISS-006).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HarmOutsideHome {
    pub held: NaiveDate,
    /// A code of [`HOTH_CHAIRS`]: only `independent_cp_chair` is accepted.
    pub chair: String,
    /// The Community Safety Plan: tasks to agencies.
    pub safety_plan: String,
    /// The Child Exploitation Team social worker who holds the case.
    pub ce_social_worker: String,
}

/// A child's missing record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingRecord {
    /// The child's identifier and `-MIS`.
    pub id: String,
    pub child_id: ChildId,
    pub episodes: Vec<Episode>,
    pub strategy_meetings: Vec<NaiveDate>,
    pub ratings: Vec<RiskRating>,
    pub referrals: Vec<Referral>,
    /// MISS-006.
    #[serde(default)]
    pub harm_outside_home: Vec<HarmOutsideHome>,
}

fn not_future(date: NaiveDate, today: NaiveDate) -> Result<(), MissingError> {
    if date > today {
        Err(MissingError::Future)
    } else {
        Ok(())
    }
}

impl MissingRecord {
    /// A child's empty record.
    pub fn new(child_id: ChildId) -> MissingRecord {
        MissingRecord {
            id: format!("{child_id}-MIS"),
            child_id,
            episodes: Vec::new(),
            strategy_meetings: Vec::new(),
            ratings: Vec::new(),
            referrals: Vec::new(),
            harm_outside_home: Vec::new(),
        }
    }

    /// Records an episode that started on `started`; returns its number.
    pub fn report(
        &mut self,
        kind: MissingType,
        started: NaiveDate,
        today: NaiveDate,
    ) -> Result<u32, MissingError> {
        not_future(started, today)?;
        if self.episodes.iter().any(|e| e.returned.is_none()) {
            return Err(MissingError::StillMissing);
        }
        let number = self.episodes.len() as u32 + 1;
        self.episodes.push(Episode {
            number,
            kind,
            started,
            returned: None,
            interview: None,
        });
        Ok(number)
    }

    fn episode_mut(&mut self, number: u32) -> Result<&mut Episode, MissingError> {
        self.episodes
            .iter_mut()
            .find(|e| e.number == number)
            .ok_or(MissingError::NoEpisode(number))
    }

    /// Records the child's return.
    pub fn record_return(
        &mut self,
        number: u32,
        returned: NaiveDate,
        today: NaiveDate,
    ) -> Result<&Episode, MissingError> {
        not_future(returned, today)?;
        let e = self.episode_mut(number)?;
        if e.returned.is_some() {
            return Err(MissingError::Returned(number));
        }
        if returned < e.started {
            return Err(MissingError::ReturnBeforeStart);
        }
        e.returned = Some(returned);
        Ok(e)
    }

    /// Records the return home interview, or why it was not completed (MISS-004).
    pub fn record_interview(
        &mut self,
        number: u32,
        interview: Interview,
        today: NaiveDate,
    ) -> Result<(), MissingError> {
        let (date, reason) = match &interview {
            Interview::Completed(d) => (*d, None),
            Interview::NotCompleted { date, reason } => (*date, Some(reason.trim())),
        };
        not_future(date, today)?;
        if reason.is_some_and(str::is_empty) {
            return Err(MissingError::NoReason);
        }
        let e = self.episode_mut(number)?;
        if e.kind == MissingType::Away {
            return Err(MissingError::Away);
        }
        let Some(returned) = e.returned else {
            return Err(MissingError::NotReturned(number));
        };
        if date < returned {
            return Err(MissingError::ReturnBeforeStart);
        }
        e.interview = Some(interview);
        Ok(())
    }

    /// The date of each time three missing episodes fell within 90 days,
    /// with the strategy meeting held for it, if one was (MISS-001). After a
    /// meeting, the count starts again.
    pub fn strategy_triggers(&self) -> Vec<(NaiveDate, Option<NaiveDate>)> {
        let mut missing: Vec<NaiveDate> = self
            .episodes
            .iter()
            .filter(|e| e.kind == MissingType::Missing)
            .map(|e| e.started)
            .collect();
        missing.sort();
        let mut out = Vec::new();
        let mut window: Vec<NaiveDate> = Vec::new();
        for start in missing {
            window.retain(|w| (start - *w).num_days() <= STRATEGY_WINDOW_DAYS);
            window.push(start);
            if window.len() >= STRATEGY_EPISODES {
                let held = self
                    .strategy_meetings
                    .iter()
                    .copied()
                    .filter(|m| *m >= start)
                    .min();
                out.push((start, held));
                window.clear();
            }
        }
        out
    }

    /// The date of the strategy meeting due and not yet held (MISS-001).
    pub fn strategy_meeting_due(&self) -> Option<NaiveDate> {
        self.strategy_triggers()
            .into_iter()
            .find(|(_, held)| held.is_none())
            .map(|(due, _)| due)
    }

    /// Records a strategy meeting held (MISS-001).
    pub fn record_strategy_meeting(
        &mut self,
        held: NaiveDate,
        today: NaiveDate,
    ) -> Result<(), MissingError> {
        not_future(held, today)?;
        self.strategy_meetings.push(held);
        self.strategy_meetings.sort();
        Ok(())
    }

    /// MISS-006: records a Harm Outside the Home meeting, chaired by an
    /// independent child protection chair, with its Community Safety Plan
    /// and the Child Exploitation Team social worker.
    pub fn record_harm_outside_home(
        &mut self,
        meeting: HarmOutsideHome,
        today: NaiveDate,
    ) -> Result<(), MissingError> {
        not_future(meeting.held, today)?;
        if meeting.chair != HOTH_CHAIRS[0].0 {
            return Err(MissingError::NotIndependentChair);
        }
        if meeting.safety_plan.trim().is_empty() {
            return Err(MissingError::NoSafetyPlan);
        }
        if meeting.ce_social_worker.trim().is_empty() {
            return Err(MissingError::NoCeWorker);
        }
        self.harm_outside_home.push(meeting);
        Ok(())
    }

    /// The risk now.
    pub fn risk(&self) -> Option<&RiskRating> {
        self.ratings.last()
    }

    /// Rates the risk of exploitation (MISS-002, MISS-003).
    pub fn rate(&mut self, rating: RiskRating, today: NaiveDate) -> Result<(), MissingError> {
        not_future(rating.date, today)?;
        if rating.risk == Risk::High
            && (rating.police_officer.trim().is_empty()
                || rating.ce_social_worker.trim().is_empty())
        {
            return Err(MissingError::HighNeedsTwo);
        }
        let was_high = self.risk().is_some_and(|r| r.risk == Risk::High);
        if was_high && rating.risk < Risk::High && !rating.at_form {
            return Err(MissingError::DowngradeOutsideForm);
        }
        self.ratings.push(rating);
        Ok(())
    }

    /// Records an exploitation referral; returns its number.
    pub fn refer(
        &mut self,
        kind: Exploitation,
        referred: NaiveDate,
        today: NaiveDate,
    ) -> Result<u32, MissingError> {
        not_future(referred, today)?;
        let number = self.referrals.len() as u32 + 1;
        self.referrals.push(Referral {
            number,
            kind,
            referred,
            screened: None,
            closed: None,
        });
        Ok(number)
    }

    fn referral_mut(&mut self, number: u32) -> Result<&mut Referral, MissingError> {
        self.referrals
            .iter_mut()
            .find(|r| r.number == number)
            .ok_or(MissingError::NoReferral(number))
    }

    /// Records the Child Exploitation Screening tool completed (MISS-007).
    pub fn screen(
        &mut self,
        number: u32,
        date: NaiveDate,
        outcome: &str,
        today: NaiveDate,
    ) -> Result<(), MissingError> {
        not_future(date, today)?;
        if outcome.trim().is_empty() {
            return Err(MissingError::NoOutcome);
        }
        self.referral_mut(number)?.screened = Some((date, outcome.trim().to_owned()));
        Ok(())
    }

    /// Closes a referral: only once screened (MISS-007).
    pub fn close_referral(
        &mut self,
        number: u32,
        date: NaiveDate,
        today: NaiveDate,
    ) -> Result<(), MissingError> {
        not_future(date, today)?;
        let r = self.referral_mut(number)?;
        if r.screened.is_none() {
            return Err(MissingError::NotScreened(number));
        }
        r.closed = Some(date);
        Ok(())
    }

    /// What is due: each return home interview not yet recorded (MISS-004)
    /// and the strategy meeting not yet held (MISS-001), as worklist lines
    /// for the child's `team` on `as_of`.
    pub fn lines(
        &self,
        child_name: &str,
        team: Option<String>,
        as_of: NaiveDate,
    ) -> Vec<SubjectItem> {
        let mut out = Vec::new();
        let at = super::LineOf {
            child_id: &self.child_id,
            child_name,
            record: format!("{}/missing", self.child_id),
            team,
            as_of,
        };
        let mut line = |rule, title: String, due: NaiveDate| {
            out.push(at.line(rule, title, due, Role::SocialWorker));
        };
        if let Some(due) = self.strategy_meeting_due() {
            line(
                "MISS-001",
                "Strategy meeting: three missing episodes in 90 days".into(),
                due,
            );
        }
        for e in &self.episodes {
            if let (MissingType::Missing, Some(returned), None) = (e.kind, e.returned, &e.interview)
            {
                line(
                    "MISS-004",
                    format!("Return home interview after missing episode {}", e.number),
                    returned + Days::new(INTERVIEW_DAYS),
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn record(starts: &[&str]) -> MissingRecord {
        let mut m = MissingRecord::new("C1".parse().unwrap());
        for s in starts {
            let n = m
                .report(MissingType::Missing, d(s), d("2025-12-31"))
                .unwrap();
            m.record_return(n, d(s), d("2025-12-31")).unwrap();
        }
        m
    }

    #[test]
    fn miss_001_three_missing_episodes_within_90_days_call_for_a_strategy_meeting_on_the_third() {
        // The spec's check: 86 days from the first to the third.
        let mut m = record(&["2025-01-05", "2025-02-20", "2025-04-01"]);
        assert_eq!(m.strategy_meeting_due(), Some(d("2025-04-01")));
        m.record_strategy_meeting(d("2025-04-03"), d("2025-04-03"))
            .unwrap();
        assert_eq!(m.strategy_meeting_due(), None);
        // 91 days apart: no meeting is called for.
        assert_eq!(
            record(&["2025-01-05", "2025-02-20", "2025-04-06"]).strategy_meeting_due(),
            None
        );
    }

    #[test]
    fn miss_004_the_interview_is_due_three_days_after_the_return_and_a_reason_if_not_completed() {
        let mut m = record(&["2025-03-01"]);
        let lines = m.lines("Sam", None, d("2025-03-02"));
        assert_eq!(
            (lines[0].rule, lines[0].due),
            (Some("MISS-004"), d("2025-03-04"))
        );
        let none = Interview::NotCompleted {
            date: d("2025-03-03"),
            reason: " ".into(),
        };
        assert_eq!(
            m.record_interview(1, none, d("2025-03-03")),
            Err(MissingError::NoReason)
        );
        m.record_interview(1, Interview::Completed(d("2025-03-03")), d("2025-03-03"))
            .unwrap();
        assert!(m.lines("Sam", None, d("2025-03-03")).is_empty());
    }
}
