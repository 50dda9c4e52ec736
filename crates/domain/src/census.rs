//! What a child's SSDA903 return states beyond the care journey, year by
//! year: the adoption dates (AD1), the decisions that the child should be
//! placed for adoption and their reversals (PlacedAdoption), the outcomes of
//! a child in care twelve months (OC2), a care leaver's outcomes (OC3),
//! previous permanence (PrevPerm) and the mother's details of the Header.
//!
//! Each value is kept as the return states it: a decision date is a decision
//! date, a code is the code written, so the return produced from the records
//! is the return that came in. Dates are read as dates (the DfE's form is
//! dd/mm/yyyy) so the timeline and the deadlines can use them.
//!
//! A care leaver the return holds without an episode this year (a Header row
//! and OC3 answers, say) is a [`CareLeaver`]: a record of its own, since a
//! care journey needs an episode.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::child::{Child, ChildId};
use crate::deadlines::{Event, EventKind};

/// What one year's return states about one child beyond the journey.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CensusYear {
    /// The collection year, by the calendar year of its 1 April (2024 for 2024-25).
    pub year: i32,
    /// MOTHER: whether the child is a mother ("1", "0" or blank).
    pub mother: String,
    /// MC_DOB: the date of birth of the child's child, where stated.
    pub mother_child_dob: Option<NaiveDate>,
    pub adoption: Vec<AdoptionDetails>,
    pub placed_for_adoption: Vec<PlacedForAdoption>,
    pub outcomes: Vec<OutcomesInCare>,
    pub leaving_care: Vec<CareLeaverOutcome>,
    pub previous_permanence: Vec<PreviousPermanence>,
}

impl CensusYear {
    /// A year with nothing stated yet.
    pub fn new(year: i32) -> Self {
        Self {
            year,
            ..Self::default()
        }
    }

    /// The dated events of the year, for the timeline and the deadline
    /// engine: decisions to place for adoption and their reversals, the
    /// dates the child should have been placed and was matched.
    pub fn dated(&self) -> Vec<(NaiveDate, &'static str)> {
        let mut out = Vec::new();
        for a in &self.adoption {
            out.extend(a.should_be_placed.map(|d| {
                (
                    d,
                    "Decision that the child should be placed for adoption (AD1)",
                )
            }));
            out.extend(a.matched.map(|d| (d, "Matched with adopters")));
        }
        for p in &self.placed_for_adoption {
            out.extend(p.decided.map(|d| (d, "Decision to place for adoption")));
            out.extend(
                p.ceased
                    .map(|d| (d, "Decision to place for adoption reversed or ended")),
            );
        }
        for p in &self.previous_permanence {
            out.extend(p.date.map(|d| (d, "Previous permanence order")));
        }
        out.sort();
        out
    }

    /// The events the deadline engine counts: the decision that the child
    /// should be placed for adoption (the agency decision maker's best
    /// interest decision: AD1's DATE_INT and PlacedAdoption's DATE_PLACED)
    /// and the match with adopters (DATE_MATCH).
    pub fn events(&self) -> Vec<Event> {
        let decisions = self
            .adoption
            .iter()
            .filter_map(|a| a.should_be_placed)
            .chain(self.placed_for_adoption.iter().filter_map(|p| p.decided))
            .map(|date| Event {
                kind: EventKind::BestInterestDecision,
                date,
            });
        let matches = self
            .adoption
            .iter()
            .filter_map(|a| a.matched)
            .map(|date| Event {
                kind: EventKind::MatchAgreed,
                date,
            });
        let mut out: Vec<Event> = decisions.chain(matches).collect();
        out.sort_by_key(|e| e.date);
        out.dedup();
        out
    }

    /// Whether the year states anything beyond the Header.
    pub fn is_empty(&self) -> bool {
        self.mother.is_empty()
            && self.mother_child_dob.is_none()
            && self.adoption.is_empty()
            && self.placed_for_adoption.is_empty()
            && self.outcomes.is_empty()
            && self.leaving_care.is_empty()
            && self.previous_permanence.is_empty()
    }
}

/// AD1: the adoption of a child adopted or placed for adoption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdoptionDetails {
    /// DATE_INT: the decision that the child should be placed for adoption.
    pub should_be_placed: Option<NaiveDate>,
    /// DATE_MATCH: matched with the prospective adopters.
    pub matched: Option<NaiveDate>,
    /// FOSTER_CARE: adopted by the child's foster carers ("1"/"0").
    pub foster_care: String,
    /// NB_ADOPTR: the number of adopters.
    pub adopters: String,
    /// SEX_ADOPTR: the adopters' sexes (MF, MM, FF, M1, F1).
    pub adopters_sex: String,
    /// LS_ADOPTR: the adopters' legal status (L0, L11, L12, L2, L3, L4).
    pub adopters_legal_status: String,
}

/// PlacedAdoption: a decision that the child should be placed for adoption,
/// and when and why it stopped applying, as the return states them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacedForAdoption {
    /// DATE_PLACED: the date of the decision.
    pub decided: Option<NaiveDate>,
    /// DATE_PLACED_CEASED: when the decision was reversed or ended.
    pub ceased: Option<NaiveDate>,
    /// REASON_PLACED_CEASED: why (RD1 to RD4), blank while it stands.
    pub reason_ceased: String,
}

/// OC2: the outcomes of a child in care twelve months at 31 March.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomesInCare {
    pub sdq_score: String,
    pub sdq_reason: String,
    pub convicted: String,
    pub health_check: String,
    pub immunisations: String,
    pub teeth_check: String,
    pub health_assessment: String,
    pub substance_misuse: String,
    pub intervention_received: String,
    pub intervention_offered: String,
}

impl OutcomesInCare {
    /// The answers, each with its question, for the child's record.
    pub fn answers(&self) -> [(&'static str, &str); 10] {
        [
            ("Strengths and difficulties score (SDQ)", &self.sdq_score),
            ("Reason no SDQ score", &self.sdq_reason),
            ("Convicted during the year", &self.convicted),
            ("Health surveillance checks up to date", &self.health_check),
            ("Immunisations up to date", &self.immunisations),
            ("Teeth checked", &self.teeth_check),
            ("Annual health assessment", &self.health_assessment),
            ("Substance misuse problem", &self.substance_misuse),
            ("Intervention received", &self.intervention_received),
            ("Intervention offered", &self.intervention_offered),
        ]
    }
}

/// OC3: a care leaver's outcomes around their birthday in the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CareLeaverOutcome {
    /// IN_TOUCH: whether the council is in touch (YES, NO, DIED, REFU, NREQ, RHOM).
    pub in_touch: String,
    /// ACTIV: the main activity (F1, P1, F2, P2, F4, P4, F5, P5, G4, G5, G6).
    pub activity: String,
    /// ACCOM: the accommodation (a letter, with Y or N for its suitability).
    pub accommodation: String,
}

/// PrevPerm: the permanence the child had before this period of care.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousPermanence {
    /// PREV_PERM: the kind of order (P1 adoption, P2 SGO, P3 CAO, Z1 none or unknown).
    pub kind: String,
    /// LA_PERM: the council that made it.
    pub council: String,
    /// DATE_PERM: when, as stated (the DfE allows a day or month unknown,
    /// written zz, so the text is kept).
    pub date_text: String,
    /// DATE_PERM read as a date, where it is one.
    pub date: Option<NaiveDate>,
}

/// A care leaver held without a care journey: the return states their
/// details (and their OC3 answers) but no episode of care in the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CareLeaver {
    pub child: Child,
}

impl CareLeaver {
    pub fn id(&self) -> &ChildId {
        &self.child.id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_year_dates_its_decisions_matches_and_reversals_as_stated() {
        let mut y = CensusYear::new(2024);
        assert!(y.is_empty());
        y.adoption.push(AdoptionDetails {
            should_be_placed: Some(d("2023-06-01")),
            matched: Some(d("2025-01-15")),
            foster_care: "0".into(),
            adopters: "2".into(),
            adopters_sex: "MF".into(),
            adopters_legal_status: "L0".into(),
        });
        y.placed_for_adoption.push(PlacedForAdoption {
            decided: Some(d("2023-11-10")),
            ceased: Some(d("2024-09-01")),
            reason_ceased: "RD1".into(),
        });
        assert!(!y.is_empty());
        let dates: Vec<NaiveDate> = y.dated().into_iter().map(|(d, _)| d).collect();
        assert_eq!(
            dates,
            vec![
                d("2023-06-01"),
                d("2023-11-10"),
                d("2024-09-01"),
                d("2025-01-15")
            ]
        );
        let events: Vec<(EventKind, NaiveDate)> =
            y.events().into_iter().map(|e| (e.kind, e.date)).collect();
        assert_eq!(
            events,
            vec![
                (EventKind::BestInterestDecision, d("2023-06-01")),
                (EventKind::BestInterestDecision, d("2023-11-10")),
                (EventKind::MatchAgreed, d("2025-01-15")),
            ]
        );
    }
    #[test]
    fn adopt_009_the_decision_a_return_states_meets_the_deadline_to_reach_the_adm() {
        // Adoption agreed as the plan on 10 April 2024; the AD1 row of the
        // return states the decision that the child should be placed for
        // adoption on 1 May 2024: ADOPT-009 is met by it.
        use crate::deadlines::{SubjectFacts, deadlines};
        let facts = SubjectFacts {
            date_of_birth: Some(d("2020-01-01")),
        };
        let adopt_009 = |events: &[Event]| {
            deadlines(&crate::deadline_rules::RULES, events, facts)
                .into_iter()
                .find(|x| x.rule.id == "ADOPT-009")
                .map(|x| x.met)
        };
        let mut events = vec![Event {
            kind: EventKind::AdoptionPlanAgreed,
            date: d("2024-04-10"),
        }];
        assert_eq!(adopt_009(&events), Some(None));
        let mut y = CensusYear::new(2024);
        y.adoption.push(AdoptionDetails {
            should_be_placed: Some(d("2024-05-01")),
            matched: None,
            foster_care: "0".into(),
            adopters: "2".into(),
            adopters_sex: "MF".into(),
            adopters_legal_status: "L3".into(),
        });
        events.extend(y.events());
        events.sort();
        assert_eq!(adopt_009(&events), Some(Some(d("2024-05-01"))));
    }
}
