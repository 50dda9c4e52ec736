//! The child's voice: voice records and the child's wishes a panel pack
//! carries (DATA-002, PRIN-005, PRIN-006). The identity headings are the
//! plan's (PRIN-004, `plan::Identity`), checked at ratification.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::plan::blank;

use crate::child::ChildId;

// ---------------------------------------------------------------------------
// Voice and choice (DATA-002, PRIN-005, PRIN-006)
// ---------------------------------------------------------------------------

/// Whose voice a record holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoiceSubject {
    Child,
    FamilyMember,
}

/// What the voice was gathered for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoiceContext {
    Review,
    PanelItem,
    KeyDecision,
}

/// How the wishes were gathered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoiceMethod {
    Direct,
    Advocate,
    Written,
    OtherTool,
}

/// A voice record (DATA-002).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoiceRecord {
    pub child_id: ChildId,
    pub subject: VoiceSubject,
    pub context: VoiceContext,
    /// Summary or the person's own words.
    pub wishes: String,
    pub method: VoiceMethod,
    pub gathered_by: String,
    pub date: NaiveDate,
    pub how_weighed: String,
    /// Whether the decision follows the wishes.
    pub decision_follows: bool,
    /// Required when it does not (PRIN-005).
    #[serde(default)]
    pub reason_differs: Option<String>,
}

impl VoiceRecord {
    /// PRIN-005: a decision that differs from the wishes needs its reason.
    pub fn lacks_reason(&self) -> bool {
        !self.decision_follows && blank(&self.reason_differs)
    }
}

/// Why a pack has no usable record of the child's wishes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VoiceError {
    #[error("the child's wishes and feelings are not in the pack (DATA-002)")]
    Missing,
    #[error(
        "the child's wishes and feelings in the pack are dated {latest}, before the child's review on {required_from}: add them again, gathered since the review (DATA-002)"
    )]
    OutOfDate {
        latest: NaiveDate,
        required_from: NaiveDate,
    },
}

/// DATA-002: the child's wishes a panel pack carries (its "child's wishes
/// and feelings" paper, received on `wishes_received`) must be dated on or
/// after the child's last review (`last_review`, the latest held by the day
/// the item is listed).
pub fn voice_for_panel_pack(
    wishes_received: Option<NaiveDate>,
    last_review: Option<NaiveDate>,
) -> Result<NaiveDate, VoiceError> {
    let latest = wishes_received.ok_or(VoiceError::Missing)?;
    match last_review {
        Some(review) if latest < review => Err(VoiceError::OutOfDate {
            latest,
            required_from: review,
        }),
        _ => Ok(latest),
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! A voice record, for the tests of what needs one.
    use super::*;

    pub(crate) fn voice(date: &str) -> VoiceRecord {
        let d = |s: &str| -> NaiveDate { s.parse().expect("an ISO date") };
        VoiceRecord {
            child_id: "child1".parse().unwrap(),
            subject: VoiceSubject::Child,
            context: VoiceContext::Review,
            wishes: "I want to stay here".into(),
            method: VoiceMethod::Direct,
            gathered_by: "sw-1".into(),
            date: d(date),
            how_weighed: "followed".into(),
            decision_follows: true,
            reason_differs: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("an ISO date")
    }

    // --- Voice and identity ---------------------------------------------

    #[test]
    fn data_002_a_panel_pack_needs_a_voice_record_dated_since_the_last_review() {
        // The spec's Check: panel item on 2025-09-10, last review 2025-06-30,
        // latest voice record 2025-05-01: the pack is incomplete.
        assert_eq!(
            voice_for_panel_pack(Some(d("2025-05-01")), Some(d("2025-06-30"))),
            Err(VoiceError::OutOfDate {
                latest: d("2025-05-01"),
                required_from: d("2025-06-30")
            })
        );
        assert_eq!(
            voice_for_panel_pack(Some(d("2025-06-30")), Some(d("2025-06-30"))),
            Ok(d("2025-06-30"))
        );
        assert_eq!(
            voice_for_panel_pack(Some(d("2025-05-01")), None),
            Ok(d("2025-05-01"))
        );
        assert_eq!(voice_for_panel_pack(None, None), Err(VoiceError::Missing));
    }

    #[test]
    fn prin_012_carers_outside_leicestershire_need_a_local_placement_rationale() {
        use crate::permanence::panels::{Forum, ForumKind, Membership, SeatRole};
        use crate::permanence::referrals::{
            ItemType, ListingError, PackEntry, Referral, check_listing,
        };
        // The spec's Check: a long-term match with carers outside
        // Leicestershire, referred on 2025-08-04.
        let mut forum = Forum::with_defaults(ForumKind::PermanencePanel);
        forum.members.push(Membership {
            person: "chair-1".into(),
            seat: SeatRole::Chair,
            from: d("2025-01-01"),
            to: None,
        });
        let mut referral = Referral::new(
            "child1".parse().unwrap(),
            ItemType::Match,
            "review_ltf_plan",
            d("2025-08-04"),
            None,
        );
        for doc in referral.missing_papers() {
            referral.pack.push(PackEntry {
                doc,
                received: d("2025-08-04"),
                by: "sw-1".into(),
            });
        }
        referral.carer_out_of_area = true;
        assert_eq!(
            check_listing(&forum, &referral, d("2025-09-10")),
            Err(ListingError::LocalRationaleMissing)
        );
        referral.local_rationale = Some("carers are the child's godparents".into());
        assert_eq!(check_listing(&forum, &referral, d("2025-09-10")), Ok(()));
    }
}
