//! Case notes: what a worker writes on a child's chronology in their own
//! words. The words are the record's alone: no log and no audit event holds
//! them, only that a note was written, amended or withdrawn, by whom and
//! for which day.
//!
//! A note is never deleted. Amending it keeps the words and date it had
//! before, with who changed it, when and why; withdrawing it (written on
//! the wrong child, in error) keeps it, marked withdrawn, with the reason.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The longest note the form takes.
pub const MAX_NOTE_CHARS: usize = 10_000;

/// The longest reason for a change the form takes.
pub const MAX_REASON_CHARS: usize = 2_000;

/// A note on a child's chronology.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseNote {
    pub child_id: String,
    /// The day the note is about.
    pub date: NaiveDate,
    pub text: String,
    pub by: String,
    pub written_on: NaiveDate,
    /// Written, or withdrawn (kept, never deleted).
    #[serde(default)]
    pub state: NoteState,
    /// Every amendment and the withdrawal, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<NoteChange>,
}

/// Whether a note stands or was withdrawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteState {
    #[default]
    Written,
    Withdrawn,
}

impl NoteState {
    /// The stage code lists filter on.
    pub fn code(self) -> &'static str {
        match self {
            NoteState::Written => "written",
            NoteState::Withdrawn => "withdrawn",
        }
    }
}

/// One change to a note: what it was before an amendment, who changed it,
/// when and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteChange {
    /// "amended" or "withdrawn".
    pub what: String,
    pub on: NaiveDate,
    pub by: String,
    pub reason: String,
    /// The note's date and words before an amendment (its earlier version).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_before: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_before: Option<String>,
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

impl CaseNote {
    /// The note amended to a new date and words, with the reason: its
    /// earlier date and words kept in the change. A withdrawn note is not
    /// amended.
    pub fn amend(
        &mut self,
        date: NaiveDate,
        text: &str,
        reason: &str,
        (by, today): (&str, NaiveDate),
    ) -> Result<(), String> {
        if self.state == NoteState::Withdrawn {
            return Err("A withdrawn case note cannot be amended".into());
        }
        let text = check_note(text, date, today)?;
        let reason = check_reason(reason, "amended")?;
        self.changes.push(NoteChange {
            what: "amended".into(),
            on: today,
            by: by.to_owned(),
            reason,
            date_before: Some(self.date),
            text_before: Some(std::mem::replace(&mut self.text, text)),
        });
        self.date = date;
        Ok(())
    }

    /// The note withdrawn (written in error), with the reason; it is kept.
    pub fn withdraw(&mut self, reason: &str, (by, today): (&str, NaiveDate)) -> Result<(), String> {
        if self.state == NoteState::Withdrawn {
            return Err("The case note was already withdrawn".into());
        }
        let reason = check_reason(reason, "withdrawn")?;
        self.state = NoteState::Withdrawn;
        self.changes.push(NoteChange {
            what: "withdrawn".into(),
            on: today,
            by: by.to_owned(),
            reason,
            date_before: None,
            text_before: None,
        });
        Ok(())
    }
}

/// The reason for a change, trimmed, or what is wrong with it.
fn check_reason(reason: &str, what: &str) -> Result<String, String> {
    let r = reason.trim();
    if r.is_empty() {
        Err(format!("Enter why the case note is being {what}"))
    } else if r.chars().count() > MAX_REASON_CHARS {
        Err(format!(
            "The reason must be {MAX_REASON_CHARS} characters or fewer"
        ))
    } else {
        Ok(r.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn note() -> CaseNote {
        CaseNote {
            child_id: "C0000001".into(),
            date: d("2026-03-30"),
            text: "Saw Mia at school".into(),
            by: "sw".into(),
            written_on: d("2026-03-30"),
            state: NoteState::Written,
            changes: Vec::new(),
        }
    }

    #[test]
    fn a_note_needs_words_within_the_limit_and_a_date_not_in_the_future() {
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

    #[test]
    fn an_amended_note_keeps_its_earlier_words_and_a_withdrawn_one_is_kept_and_not_amended() {
        let mut n = note();
        let by = ("tm", d("2026-03-31"));
        assert_eq!(
            n.amend(d("2026-03-29"), "Saw Mia at home", " ", by)
                .unwrap_err(),
            "Enter why the case note is being amended"
        );
        n.amend(d("2026-03-29"), "Saw Mia at home", "Wrong place", by)
            .unwrap();
        assert_eq!(
            (n.date, n.text.as_str()),
            (d("2026-03-29"), "Saw Mia at home")
        );
        assert_eq!(
            n.changes[0].text_before.as_deref(),
            Some("Saw Mia at school")
        );
        assert_eq!(n.changes[0].date_before, Some(d("2026-03-30")));
        n.withdraw("Wrong child", by).unwrap();
        assert_eq!(n.state, NoteState::Withdrawn);
        assert!(n.withdraw("Again", by).is_err());
        assert!(n.amend(d("2026-03-28"), "x", "y", by).is_err());
        assert_eq!(n.text, "Saw Mia at home", "the words are kept");
    }
}
