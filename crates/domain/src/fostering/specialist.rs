//! FOST-032: the specialist carer schemes' places. One2One, Pathway,
//! Short Breaks and Parent and Child carers (GEN-007) are managed by the
//! Dedicated Placement Support Team; the service counts the places their
//! approvals offer, the children placed with them and the vacancies left
//! (capacity 10 with 8 placed leaves 2).

use super::carers::FosterCarerFile;

/// The specialist carers' places on a day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SpecialistPlaces {
    /// Approved specialist households still fostering.
    pub households: usize,
    /// The children their approvals take, together.
    pub capacity: usize,
    /// The children placed with them.
    pub placed: usize,
}

impl SpecialistPlaces {
    /// The places free: the capacity less the children placed (never
    /// below none, when a household takes more than its terms for a time).
    pub fn vacancies(&self) -> usize {
        self.capacity.saturating_sub(self.placed)
    }

    /// Counts a carer in: an approved specialist carer who has not left,
    /// with the children placed with their household.
    pub fn count(&mut self, file: &FosterCarerFile, placed: usize) {
        if file.approved_on().is_none() || file.exit.is_some() {
            return;
        }
        let Some(terms) = file.decision.as_ref().and_then(|d| d.terms.as_ref()) else {
            return;
        };
        if terms.specialist.is_none() {
            return;
        }
        self.households += 1;
        self.capacity += usize::from(terms.children);
        self.placed += placed;
    }
}
