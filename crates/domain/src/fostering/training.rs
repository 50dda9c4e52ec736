//! A foster carer's training (WF-TRAINING for carers, FOST-024): a course
//! booked, then attended or not; the hours attended count towards the
//! review year. Core training (the TSD standards within 12 months of
//! approval, PATH-021) is a step of the role itself.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::carers::{FosterCarerFile, FosterError, refuse};

/// A place booked on a course, and whether the carer attended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    pub booked: NaiveDate,
    pub course: String,
    pub course_date: NaiveDate,
    pub hours: u32,
    /// None while booked; then attended (completed) or not (no-show).
    pub attended: Option<bool>,
}

impl Booking {
    /// The booking's state in WF-TRAINING's words.
    pub fn state(&self) -> &'static str {
        match self.attended {
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
        if on < b.course_date {
            return refuse(
                "date",
                "attendance is recorded on or after the course's date",
            );
        }
        b.attended = Some(attended);
        Ok(())
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
