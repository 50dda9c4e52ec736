//! The care leavers' service as a whole: the published local offer
//! (LEAVE-003), the SYPAC forum's monthly sessions (LEAVE-012) and what care
//! leavers say about the offer, tagged by theme (LEAVE-013). One record.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// LEAVE-003: the care leavers' local offer, as published: what the
/// multi-agency corporate parenting support covers.
pub const LOCAL_OFFER: &[(&str, &str)] = &[
    (
        "Accommodation",
        "Somewhere suitable and sustainable to live, including challenging intentionality decisions.",
    ),
    (
        "Education, employment and training",
        "Help into and through college, apprenticeships, work and university.",
    ),
    (
        "Emotional wellbeing",
        "Support for your emotional and mental health.",
    ),
    (
        "Financial stability",
        "Help with money, benefits and budgeting.",
    ),
    (
        "Member champions",
        "Councillors who champion education, training and work; housing and accommodation; and health.",
    ),
    (
        "Vulnerable care leavers panel",
        "A panel that looks at the support for the most vulnerable care leavers.",
    ),
];

/// LEAVE-013: the seeded themes a feedback item is tagged with.
pub const THEMES: &[&str] = &[
    "CV help",
    "Jobs with the council",
    "Leaving Care Grant information before 16",
    "Benefits and budgeting advice",
    "Local area information",
    "Peer mentoring",
];

/// A care leaver's feedback on the local offer, with its theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    pub date: NaiveDate,
    pub text: String,
    pub theme: String,
}

/// The service's record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceRecord {
    /// LEAVE-012: the dates SYPAC met.
    pub sypac: Vec<NaiveDate>,
    pub feedback: Vec<Feedback>,
}

impl ServiceRecord {
    /// LEAVE-012: records a SYPAC session.
    pub fn record_session(&mut self, date: NaiveDate, today: NaiveDate) -> Result<(), String> {
        if date > today {
            return Err("date: a session is recorded once it has met".into());
        }
        if !self.sypac.contains(&date) {
            self.sypac.push(date);
            self.sypac.sort();
        }
        Ok(())
    }

    /// LEAVE-013: records a feedback item tagged with a seeded theme.
    pub fn record_feedback(
        &mut self,
        date: NaiveDate,
        text: &str,
        theme: &str,
    ) -> Result<(), String> {
        if text.trim().is_empty() {
            return Err("text: enter what the care leaver said".into());
        }
        if !THEMES.contains(&theme) {
            return Err("theme: choose a theme from the list".into());
        }
        self.feedback.push(Feedback {
            date,
            text: text.trim().to_owned(),
            theme: theme.to_owned(),
        });
        Ok(())
    }
}

/// LEAVE-012: the months of a year, up to a date, in which SYPAC did not meet.
pub fn missing_sypac_months(sessions: &[NaiveDate], year: i32, today: NaiveDate) -> Vec<u32> {
    (1..=12)
        .filter(|m| {
            let last_day = NaiveDate::from_ymd_opt(year + (*m == 12) as i32, m % 12 + 1, 1)
                .and_then(|d| d.pred_opt());
            last_day.is_some_and(|l| l < today)
                && !sessions.iter().any(|s| s.year() == year && s.month() == *m)
        })
        .collect()
}

/// LEAVE-013: the theme a feedback text suggests, from the seeded list.
pub fn suggested_theme(text: &str) -> Option<&'static str> {
    let t = text.to_lowercase();
    let words: &[(&str, &str)] = &[
        ("cv", "CV help"),
        ("job", "Jobs with the council"),
        ("grant", "Leaving Care Grant information before 16"),
        ("benefit", "Benefits and budgeting advice"),
        ("budget", "Benefits and budgeting advice"),
        ("area", "Local area information"),
        ("mentor", "Peer mentoring"),
    ];
    words
        .iter()
        .find(|(w, _)| {
            t.split(|c: char| !c.is_alphanumeric())
                .any(|x| x.starts_with(w))
        })
        .map(|(_, theme)| *theme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leave_012_eleven_sessions_flag_the_missing_month() {
        let sessions: Vec<NaiveDate> = (1..=12)
            .filter(|m| *m != 7)
            .map(|m| NaiveDate::from_ymd_opt(2025, m, 10).unwrap())
            .collect();
        let today = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        assert_eq!(missing_sypac_months(&sessions, 2025, today), vec![7]);
    }

    #[test]
    fn leave_013_a_cv_comment_suggests_cv_help() {
        assert_eq!(suggested_theme("I want help writing a CV"), Some("CV help"));
    }
}
