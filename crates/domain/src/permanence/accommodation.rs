//! Enter once (DATA-005): the accommodation record's network of family and
//! friends fills the forms that need it (Pack F), and edits reach them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::child::ChildId;
use crate::codes::LegalStatus;
use crate::permanence::voice::IdentityConsiderations;

// ---------------------------------------------------------------------------
// Enter once (DATA-005)
// ---------------------------------------------------------------------------

/// A member of the child's family network, recorded once (DATA-005).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkMember {
    pub id: u32,
    pub name: String,
    pub relationship: String,
    pub recorded: NaiveDate,
}

/// The data captured when a child is accommodated, which every permanence
/// form reads and edits (DATA-005): the single underlying record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccommodationRecord {
    pub child_id: ChildId,
    #[serde(default)]
    pub family_network: Vec<NetworkMember>,
    #[serde(default)]
    pub identity: IdentityConsiderations,
    pub legal_status: LegalStatus,
    #[serde(default)]
    pub history: Option<String>,
    #[serde(default)]
    pub health: Option<String>,
    #[serde(default)]
    pub education: Option<String>,
}

/// The forms that are filled from the accommodation record (DATA-005).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PermanenceForm {
    PermanencePlan,
    PackA,
    PackF,
    ChildPermanenceReport,
    PanelReport,
}

/// A form opened on a child's record: it holds no copy of the data, so what
/// it shows is always the record's current state.
#[derive(Debug, Clone, Copy)]
pub struct FormView<'a> {
    pub form: PermanenceForm,
    record: &'a AccommodationRecord,
}

impl<'a> FormView<'a> {
    /// Opens `form` on `record`, pre-filled from it.
    pub fn open(form: PermanenceForm, record: &'a AccommodationRecord) -> Self {
        Self { form, record }
    }

    pub fn family_network(&self) -> &'a [NetworkMember] {
        &self.record.family_network
    }

    pub fn identity(&self) -> &'a IdentityConsiderations {
        &self.record.identity
    }

    pub fn legal_status(&self) -> LegalStatus {
        self.record.legal_status
    }
}

/// DATA-005: an edit to a family network member made in any form is written
/// to the one record (matched by id; a new id adds a member).
pub fn edit_network_member(record: &mut AccommodationRecord, member: NetworkMember) {
    match record.family_network.iter_mut().find(|m| m.id == member.id) {
        Some(existing) => *existing = member,
        None => record.family_network.push(member),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("an ISO date")
    }

    // --- Enter once --------------------------------------------------------

    #[test]
    fn data_005_pack_f_is_filled_from_the_accommodation_record_and_edits_reach_it() {
        // The spec's Check: family network entry at accommodation on
        // 2025-03-03; Pack F created on 2025-06-30 is pre-filled, and an edit
        // made in the Pack F shows on the child's record.
        let mut record = AccommodationRecord {
            child_id: "child1".parse().unwrap(),
            family_network: vec![NetworkMember {
                id: 1,
                name: "maternal aunt".into(),
                relationship: "aunt".into(),
                recorded: d("2025-03-03"),
            }],
            identity: IdentityConsiderations::default(),
            legal_status: LegalStatus::SingleAccommodation,
            history: None,
            health: None,
            education: None,
        };
        let pack_f = FormView::open(PermanenceForm::PackF, &record);
        assert_eq!(pack_f.family_network(), record.family_network.as_slice());
        assert_eq!(pack_f.legal_status(), LegalStatus::SingleAccommodation);
        let edited = NetworkMember {
            relationship: "maternal aunt, offers to care".into(),
            recorded: d("2025-06-30"),
            ..pack_f.family_network()[0].clone()
        };
        edit_network_member(&mut record, edited);
        assert_eq!(record.family_network.len(), 1);
        assert_eq!(
            record.family_network[0].relationship,
            "maternal aunt, offers to care"
        );
        let plan_form = FormView::open(PermanenceForm::PermanencePlan, &record);
        assert_eq!(
            plan_form.family_network()[0].relationship,
            "maternal aunt, offers to care"
        );
    }
}
