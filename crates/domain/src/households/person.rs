//! A person the service knows other than a child: a carer, an applicant, a
//! member of a carer's household, a birth parent or relative, a panel
//! member. What is held about them is what the service needs to assess,
//! approve, support or contact them, and on what basis it is held.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// On what basis the council holds a person's details (UK GDPR Article 6):
/// what the council may record about them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordingBasis {
    /// A statutory duty (assessing, approving or supporting carers).
    StatutoryDuty,
    /// The person's own consent (an enquiry, support asked for).
    Consent,
}

impl RecordingBasis {
    /// Every basis.
    pub const ALL: [RecordingBasis; 2] = [RecordingBasis::StatutoryDuty, RecordingBasis::Consent];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            RecordingBasis::StatutoryDuty => "statutory_duty",
            RecordingBasis::Consent => "consent",
        }
    }

    /// The basis in words.
    pub fn label(self) -> &'static str {
        match self {
            RecordingBasis::StatutoryDuty => "The council's statutory duty",
            RecordingBasis::Consent => "The person's consent",
        }
    }

    /// The basis with this code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.code() == code)
    }
}

/// A person, as held in their household's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Unique in the service: the household's identifier and a number (`H00001-P1`).
    pub id: String,
    pub name: String,
    pub date_of_birth: Option<NaiveDate>,
    /// How they are related to the household ("applicant", "partner", "birth child").
    pub relationship: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// The languages they speak, the first the one they prefer.
    pub languages: Vec<String>,
    pub basis: RecordingBasis,
}

/// What a person adding someone to a household types.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewPerson {
    pub name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub relationship: String,
    pub phone: String,
    pub email: String,
    /// Comma-separated, as typed.
    pub languages: String,
    pub basis: Option<RecordingBasis>,
}

/// Why a person's details were refused, naming the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PersonError {
    #[error("enter the person's name")]
    NoName,
    #[error("the date of birth must be in the past")]
    BornInFuture,
    #[error("say how the person is related to the household")]
    NoRelationship,
    #[error("the email address must contain an @")]
    BadEmail,
}

fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

impl NewPerson {
    /// The person with identifier `id`, checked as of `today`.
    pub fn into_person(self, id: String, today: NaiveDate) -> Result<Person, PersonError> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(PersonError::NoName);
        }
        if self.date_of_birth.is_some_and(|d| d >= today) {
            return Err(PersonError::BornInFuture);
        }
        let relationship = self.relationship.trim();
        if relationship.is_empty() {
            return Err(PersonError::NoRelationship);
        }
        let email = optional(&self.email);
        if email.as_deref().is_some_and(|e| !e.contains('@')) {
            return Err(PersonError::BadEmail);
        }
        Ok(Person {
            id,
            name: name.to_owned(),
            date_of_birth: self.date_of_birth,
            relationship: relationship.to_owned(),
            phone: optional(&self.phone),
            email,
            languages: self.languages.split(',').filter_map(optional).collect(),
            basis: self.basis.unwrap_or(RecordingBasis::StatutoryDuty),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_person_needs_a_name_a_past_birth_date_and_a_relationship() {
        let new = NewPerson {
            name: " Ann Carer ".into(),
            date_of_birth: Some(d("1970-05-01")),
            relationship: "applicant".into(),
            languages: "English, Punjabi,".into(),
            ..Default::default()
        };
        let p = new
            .clone()
            .into_person("H00001-P1".into(), d("2026-12-07"))
            .unwrap();
        assert_eq!(p.name, "Ann Carer");
        assert_eq!(p.languages, vec!["English", "Punjabi"]);
        assert_eq!(p.basis, RecordingBasis::StatutoryDuty);
        let unnamed = NewPerson {
            name: " ".into(),
            ..new.clone()
        };
        assert_eq!(
            unnamed.into_person("x".into(), d("2026-12-07")),
            Err(PersonError::NoName)
        );
        let unborn = NewPerson {
            date_of_birth: Some(d("2027-01-01")),
            ..new.clone()
        };
        assert_eq!(
            unborn.into_person("x".into(), d("2026-12-07")),
            Err(PersonError::BornInFuture)
        );
        let mail = NewPerson {
            email: "nobody".into(),
            ..new
        };
        assert_eq!(
            mail.into_person("x".into(), d("2026-12-07")),
            Err(PersonError::BadEmail)
        );
    }
}
