//! An approved foster carer's life (WF-FOST-REVIEW): the annual review with
//! the training hours of the review year (FOST-024) and who contributed
//! (FOST-018), and the supervising social worker's visits (FOST-022). The
//! timescales (FOST-012 annual, FOST-017 five-yearly panel, FOST-019 the
//! ADM after the reviewing officer, FOST-022 monthly visits) are rows of the
//! deadline rule table, started and met by the role's steps.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::carers::{FosterCarerFile, FosterError, refuse};

/// Who may contribute to an annual review (FOST-018).
pub const CONTRIBUTORS: &[(&str, &str)] = &[
    ("carer", "The foster carer"),
    ("birth_children", "The carer's own children"),
    ("csw", "The child's social worker"),
    ("iro", "The child's IRO"),
    ("child", "The foster child"),
];

/// An annual review completed by the reviewing officer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub on: NaiveDate,
    /// Hours of training attended in the review year, counted from the
    /// carer's bookings when the review is recorded.
    pub training_hours: u32,
    /// FOST-024: a manager's note allowing a review with no training.
    pub override_note: String,
    pub contributions: Vec<String>,
}

/// A supervising social worker's kind of visit (FOST-022).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitKind {
    Supervision,
    Unannounced,
    Joint,
}

impl VisitKind {
    pub const ALL: [VisitKind; 3] = [
        VisitKind::Supervision,
        VisitKind::Unannounced,
        VisitKind::Joint,
    ];

    pub fn code(self) -> &'static str {
        match self {
            VisitKind::Supervision => "supervision",
            VisitKind::Unannounced => "unannounced",
            VisitKind::Joint => "joint",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            VisitKind::Supervision => "Supervision visit",
            VisitKind::Unannounced => "Unannounced visit",
            VisitKind::Joint => "Joint visit with the child's social worker",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// A supervising social worker's visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    pub on: NaiveDate,
    pub kind: VisitKind,
}

impl FosterCarerFile {
    /// The day the current review year began: the last review, else approval.
    pub fn review_year_start(&self) -> Option<NaiveDate> {
        self.reviews.last().map(|r| r.on).or(self.approved_on())
    }

    /// FOST-024: counts the review year's training hours onto the review;
    /// with none, the review is finalised only with a manager's override note.
    pub(super) fn record_review(&mut self, mut review: Review) -> Result<(), FosterError> {
        let from = self.review_year_start().unwrap_or(review.on);
        review.training_hours = self.training_hours_between(from, review.on);
        review.override_note = review.override_note.trim().to_owned();
        if review.training_hours == 0 && review.override_note.is_empty() {
            return refuse(
                "override_note",
                "no training hours are recorded since the last review: a manager's override note is needed to finalise it (FOST-024)",
            );
        }
        if let Some(c) = review
            .contributions
            .iter()
            .find(|c| !CONTRIBUTORS.iter().any(|(k, _)| k == c))
        {
            return refuse("contributions", format!("unknown contributor {c}"));
        }
        self.reviews.push(review);
        Ok(())
    }
}

/// The unannounced visits each fostering household must have in a
/// financial year (VISIT-009, National Minimum Standards 21).
pub const UNANNOUNCED_A_YEAR: usize = 3;

/// How an approved carer's supervising social worker visits measure up on a
/// day: the calendar months with no visit (VISIT-008, at least monthly) and
/// the unannounced visits of the financial years (VISIT-009, three a year;
/// they count towards the monthly minimum too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitCompliance {
    /// The first day of each complete month since approval with no visit.
    pub missed_months: Vec<NaiveDate>,
    /// The financial year so far (its start year, 2025 for 2025-26) and its
    /// unannounced visits.
    pub this_year: (i32, usize),
    /// The last complete financial year the carer was approved throughout,
    /// its unannounced visits and how many short of three it fell.
    pub last_year: Option<(i32, usize, usize)>,
}

fn month_start(on: NaiveDate) -> NaiveDate {
    on.with_day(1).unwrap_or(on)
}

fn next_month(on: NaiveDate) -> NaiveDate {
    crate::calendar::add_months(month_start(on), 1)
}

fn fy_start(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 4, 1).unwrap_or(NaiveDate::MIN)
}

impl FosterCarerFile {
    /// VISIT-008 and VISIT-009 on `today`, for an approved carer: months
    /// count from the first whole month after approval up to the last whole
    /// month before today (or before the carer left).
    pub fn visit_compliance(&self, today: NaiveDate) -> Option<VisitCompliance> {
        let approved = self.approved_on()?;
        let end = self.exit.as_ref().map_or(today, |e| e.on.min(today));
        let mut missed = Vec::new();
        let mut month = next_month(approved);
        while next_month(month) <= month_start(end) {
            let after = next_month(month);
            if !self.visits.iter().any(|v| v.on >= month && v.on < after) {
                missed.push(month);
            }
            month = after;
        }
        let unannounced = |year: i32| {
            self.visits
                .iter()
                .filter(|v| v.kind == VisitKind::Unannounced)
                .filter(|v| v.on >= fy_start(year) && v.on < fy_start(year + 1))
                .count()
        };
        let year = crate::passport::ledger::financial_year(end);
        let last_year = Some(year - 1)
            .filter(|y| approved <= fy_start(*y))
            .map(|y| {
                let n = unannounced(y);
                (y, n, UNANNOUNCED_A_YEAR.saturating_sub(n))
            });
        Some(VisitCompliance {
            missed_months: missed,
            this_year: (year, unannounced(year)),
            last_year,
        })
    }
}
