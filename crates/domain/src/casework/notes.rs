//! Case notes: what a worker writes on a child's chronology in their own
//! words. The words are the record's alone: no log and no audit event holds
//! them, only that a note was written, by whom and for which day.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The longest note the form takes.
pub const MAX_NOTE_CHARS: usize = 10_000;

/// A note on a child's chronology.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseNote {
    pub child_id: String,
    /// The day the note is about.
    pub date: NaiveDate,
    pub text: String,
    pub by: String,
    pub written_on: NaiveDate,
}

/// The note's words, trimmed, or what is wrong with them, GOV.UK style.
pub fn check_note(text: &str, date: NaiveDate, today: NaiveDate) -> Result<String, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("Enter the case note".into());
    }
    if t.chars().count() > MAX_NOTE_CHARS {
        return Err(format!(
            "The case note must be {MAX_NOTE_CHARS} characters or fewer"
        ));
    }
    if date > today {
        return Err("The date of the case note must be today or in the past".into());
    }
    Ok(t.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_needs_words_within_the_limit_and_a_date_not_in_the_future() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            check_note("  Saw Mia at school ", d("2026-03-30"), d("2026-03-31")).unwrap(),
            "Saw Mia at school"
        );
        assert_eq!(
            check_note(" ", d("2026-03-30"), d("2026-03-31")).unwrap_err(),
            "Enter the case note"
        );
        assert!(check_note("x", d("2026-04-01"), d("2026-03-31")).is_err());
        assert!(
            check_note(
                &"x".repeat(MAX_NOTE_CHARS + 1),
                d("2026-03-30"),
                d("2026-03-31")
            )
            .is_err()
        );
    }
}
