//! The child's pathway from the orders on (ADOPT-040, ADOPT-049): the
//! Permanence Team's social worker allocated from the placement order, and
//! the life story book every adopted child is given.

use chrono::NaiveDate;

use super::child_pathway::{ChildPathway, Finding, Milestone, PathwayError, finding, refuse};

impl ChildPathway {
    /// ADOPT-049: adopted, and no life story book recorded.
    pub fn life_story_outstanding(&self) -> bool {
        self.date(Milestone::AdoptionOrder).is_some()
            && self.date(Milestone::LifeStoryBook).is_none()
    }

    /// ADOPT-040: the Permanence Team is allocated from the placement
    /// order, never before it.
    pub(crate) fn check_allocation(
        &self,
        m: Milestone,
        date: NaiveDate,
    ) -> Result<(), PathwayError> {
        if m != Milestone::PermanenceTeamAllocated {
            return Ok(());
        }
        match self.date(Milestone::PlacementOrder) {
            None => Err(refuse(
                m.code(),
                "the Permanence Team is allocated from the placement order: record the order first",
            )),
            Some(order) if date < order => Err(refuse(
                m.code(),
                format!("cannot be before the placement order ({order})"),
            )),
            Some(_) => Ok(()),
        }
    }

    /// ADOPT-040, ADOPT-049: what the orders call for.
    pub(crate) fn order_duties(&self, out: &mut Vec<Finding>) {
        if let Some(order) = self.date(Milestone::PlacementOrder) {
            out.push(match self.date(Milestone::PermanenceTeamAllocated) {
                Some(from) => finding(
                    "ADOPT-040",
                    false,
                    format!("Allocated to the Permanence Team from {from}"),
                ),
                None => finding(
                    "ADOPT-040",
                    true,
                    format!(
                        "Placement order made {order}: allocate the Permanence Team's social worker"
                    ),
                ),
            });
        }
        if self.life_story_outstanding() {
            out.push(finding(
                "ADOPT-049",
                true,
                "Adoption order made with no life story book",
            ));
        }
    }
}
