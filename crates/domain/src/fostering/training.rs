//! A foster carer's training (WF-TRAINING for carers, FOST-024): a course
//! booked, then attended or not; the hours attended count towards the
//! review year. Core training (the TSD standards within 12 months of
//! approval, PATH-021) is a step of the role itself. Fee levels (FOST-025)
//! follow experience and training. A full course puts the carer on its
//! waiting list, free of charge like every booking (TRAIN-003; no charging
//! is modelled for any carer group, PQ-34).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::carers::{FosterCarerFile, FosterError, refuse};
use crate::deadlines::Standing;
use crate::households::deadlines::role_subject;
use crate::households::household::Household;
use crate::subjects::SubjectItem;

/// A place booked on a course, and whether the carer attended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    pub booked: NaiveDate,
    pub course: String,
    pub course_date: NaiveDate,
    pub hours: u32,
    /// None while booked; then attended (completed) or not (no-show).
    pub attended: Option<bool>,
    /// TRAIN-003: the course was full: the carer waits for a place (the
    /// booking is neither refused nor charged).
    #[serde(default)]
    pub waitlisted: bool,
}

impl Booking {
    /// The booking's state in WF-TRAINING's words.
    pub fn state(&self) -> &'static str {
        match self.attended {
            None if self.waitlisted => "Waitlisted",
            None => "Booked",
            Some(true) => "Completed",
            Some(false) => "No-show",
        }
    }
}

impl FosterCarerFile {
    pub(super) fn book(&mut self, mut b: Booking) -> Result<(), FosterError> {
        b.course = b.course.trim().to_owned();
        if b.course.is_empty() {
            return refuse("course", "enter the name of the course");
        }
        if !(1..=40).contains(&b.hours) {
            return refuse("hours", "the course's hours must be from 1 to 40");
        }
        if b.course_date < b.booked {
            return refuse("course_date", "the course cannot be before the booking");
        }
        b.attended = None;
        self.training.push(b);
        Ok(())
    }

    pub(super) fn record_attendance(
        &mut self,
        booking: usize,
        attended: bool,
        on: NaiveDate,
    ) -> Result<(), FosterError> {
        let Some(b) = booking
            .checked_sub(1)
            .and_then(|i| self.training.get_mut(i))
        else {
            return refuse("booking", "choose a booking");
        };
        if b.attended.is_some() {
            return refuse("booking", "attendance at this course is already recorded");
        }
        if b.waitlisted {
            return refuse(
                "booking",
                "the carer is on the waiting list for this course: confirm their place first",
            );
        }
        if on < b.course_date {
            return refuse(
                "date",
                "attendance is recorded on or after the course's date",
            );
        }
        b.attended = Some(attended);
        Ok(())
    }

    /// TRAIN-003: a place on the course comes free for a carer on its
    /// waiting list.
    pub(super) fn confirm_place(&mut self, booking: usize) -> Result<(), FosterError> {
        match booking
            .checked_sub(1)
            .and_then(|i| self.training.get_mut(i))
        {
            Some(b) if b.waitlisted && b.attended.is_none() => {
                b.waitlisted = false;
                Ok(())
            }
            _ => refuse("booking", "choose a booking on the waiting list"),
        }
    }

    /// The bookings on a waiting list, numbered from 1.
    pub fn waitlisted(&self) -> impl Iterator<Item = (usize, &Booking)> {
        self.open_bookings().filter(|(_, b)| b.waitlisted)
    }

    /// Hours of courses attended from `from` (exclusive) to `to` (inclusive).
    pub fn training_hours_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        self.training
            .iter()
            .filter(|b| b.attended == Some(true) && b.course_date > from && b.course_date <= to)
            .map(|b| b.hours)
            .sum()
    }

    /// The bookings still waiting for attendance, numbered from 1.
    pub fn open_bookings(&self) -> impl Iterator<Item = (usize, &Booking)> {
        self.training
            .iter()
            .enumerate()
            .filter(|(_, b)| b.attended.is_none())
            .map(|(i, b)| (i + 1, b))
    }
}

impl FosterCarerFile {
    /// WF-TRAINING: each booked course whose day has passed, or comes
    /// within `horizon` days, without its attendance recorded: a line for
    /// the carer's worker, due on the course's day, that recording the
    /// attendance clears. A waitlisted booking has no line until its place
    /// is confirmed; a closed role has none.
    pub fn attendance_due(
        &self,
        h: &Household,
        as_of: NaiveDate,
        horizon: i64,
    ) -> Vec<SubjectItem> {
        let Some(role) = h.roles.iter().find(|r| r.id == self.role && r.is_open()) else {
            return Vec::new();
        };
        self.open_bookings()
            .filter(|(_, b)| !b.waitlisted)
            .filter(|(_, b)| (b.course_date - as_of).num_days() <= horizon)
            .map(|(_, b)| SubjectItem {
                subject: role_subject(h, role),
                worker: role.worker.clone(),
                team: Some(role.team.clone()),
                rule: Some("WF-TRAINING"),
                title: format!("Record attendance at the training course \"{}\"", b.course),
                due: b.course_date,
                days_left: (b.course_date - as_of).num_days(),
                standing: if b.course_date < as_of {
                    Standing::Overdue
                } else {
                    Standing::DueSoon
                },
                responsible: Some(crate::roles::Role::SupervisingSocialWorker),
            })
            .collect()
    }
}

/// FOST-025: the skills-based fee levels; level 4 (Enhanced Carers) is
/// reached through the progression criteria below.
pub const FEE_LEVELS: &[(u8, &str)] = &[
    (1, "Level 1"),
    (2, "Level 2"),
    (3, "Level 3"),
    (4, "Level 4 (Enhanced Carers)"),
];

/// FOST-025, configured criteria for level 4: approved at least 2 years,
/// the TSD standards completed, and at least 18 hours of training attended
/// in the 12 months to the change.
pub const ENHANCED_YEARS: i32 = 2;
pub const ENHANCED_HOURS: u32 = 18;

impl FosterCarerFile {
    /// FOST-025: moves the carer to a fee level, one level up at a time;
    /// level 4 only when the configured criteria are met.
    pub(super) fn change_fee_level(&mut self, on: NaiveDate, level: u8) -> Result<(), FosterError> {
        if !FEE_LEVELS.iter().any(|(l, _)| *l == level) {
            return refuse("level", "choose a fee level from 1 to 4");
        }
        let current = self.fee_level.unwrap_or(1);
        if level > current + 1 {
            return refuse(
                "level",
                format!(
                    "a carer moves up one fee level at a time: from level {current} the next is {}",
                    current + 1
                ),
            );
        }
        if level == 4 {
            let approved = self.approved_on().unwrap_or(on);
            let long_enough = approved
                .with_year(approved.year() + ENHANCED_YEARS)
                .is_some_and(|d| d <= on);
            let year_ago = on.with_year(on.year() - 1).unwrap_or(on);
            let hours = self.training_hours_between(year_ago, on);
            if !long_enough || self.tsd_completed.is_none() || hours < ENHANCED_HOURS {
                return refuse(
                    "level",
                    format!(
                        "level 4 needs {ENHANCED_YEARS} years since approval, the TSD standards completed and {ENHANCED_HOURS} hours of training in the last year ({hours} recorded)"
                    ),
                );
            }
        }
        self.fee_level = Some(level);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fost_025_level_four_needs_the_configured_criteria() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let mut f = FosterCarerFile::new("H1", "H1-R1");
        f.fee_level = Some(3);
        assert_eq!(
            f.change_fee_level(d("2025-06-01"), 4).unwrap_err().field,
            "level"
        );
        assert!(f.change_fee_level(d("2025-06-01"), 2).is_ok());
        assert!(
            f.change_fee_level(d("2025-06-01"), 4).is_err(),
            "one level at a time"
        );
    }
}
