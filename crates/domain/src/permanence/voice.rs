//! The child's voice and identity: voice records for a panel pack and the
//! identity headings an item needs before it is listed (DATA-002, PRIN-004,
//! PRIN-005, PRIN-006, PRIN-012).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::plan::{Identity, blank};

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

/// Why a pack has no usable voice record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VoiceError {
    #[error("the child's wishes and feelings have not been recorded (DATA-002)")]
    Missing,
    #[error(
        "the latest voice record is dated {latest}: a voice record on or after {required_from} is required (DATA-002)"
    )]
    OutOfDate {
        latest: NaiveDate,
        required_from: NaiveDate,
    },
}

/// DATA-002: the child's voice record a panel pack uses: the latest one, which
/// must be dated on or after the child's last review.
pub fn voice_for_panel_pack<'a>(
    records: &'a [VoiceRecord],
    child_id: &ChildId,
    last_review: Option<NaiveDate>,
) -> Result<&'a VoiceRecord, VoiceError> {
    let latest = records
        .iter()
        .filter(|r| r.child_id == *child_id && r.subject == VoiceSubject::Child)
        .max_by_key(|r| r.date)
        .ok_or(VoiceError::Missing)?;
    match last_review {
        Some(review) if latest.date < review => Err(VoiceError::OutOfDate {
            latest: latest.date,
            required_from: review,
        }),
        _ => Ok(latest),
    }
}

/// One identity heading's entry for a panel item or a family support plan
/// (PRIN-004). "Not applicable" and "not known" need a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum IdentityEntry {
    Considered { how: String },
    NotApplicable { reason: String },
    NotKnown { reason: String },
}

impl IdentityEntry {
    fn text(&self) -> &str {
        match self {
            IdentityEntry::Considered { how } => how,
            IdentityEntry::NotApplicable { reason } | IdentityEntry::NotKnown { reason } => reason,
        }
    }
}

/// The six identity headings for a panel item or support plan (PRIN-004).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityConsiderations {
    #[serde(default)]
    pub ethnic_origin: Option<IdentityEntry>,
    #[serde(default)]
    pub cultural_background: Option<IdentityEntry>,
    #[serde(default)]
    pub language: Option<IdentityEntry>,
    #[serde(default)]
    pub religion: Option<IdentityEntry>,
    #[serde(default)]
    pub disability: Option<IdentityEntry>,
    #[serde(default)]
    pub sexuality: Option<IdentityEntry>,
}

impl IdentityConsiderations {
    /// The plan's view of these entries: a heading counts only when it has
    /// text (a consideration, or the reason for "not applicable"/"not known").
    pub fn as_plan_identity(&self) -> Identity {
        let text = |e: &Option<IdentityEntry>| {
            e.as_ref()
                .map(|e| e.text().trim().to_owned())
                .filter(|t| !t.is_empty())
        };
        Identity {
            ethnic_origin: text(&self.ethnic_origin),
            cultural_background: text(&self.cultural_background),
            language: text(&self.language),
            religion: text(&self.religion),
            disability: text(&self.disability),
            sexuality: text(&self.sexuality),
        }
    }
}

/// Why an item cannot be listed for want of identity entries.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    #[error("identity consideration missing: {} (PRIN-004)", .0.join(", "))]
    Incomplete(Vec<&'static str>),
}

/// PRIN-004: a panel item is listed only when all six identity headings have
/// an entry, "not applicable" or "not known" with a reason.
pub fn check_identity_for_listing(ic: &IdentityConsiderations) -> Result<(), IdentityError> {
    let missing = ic.as_plan_identity().missing();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(IdentityError::Incomplete(missing))
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
    use super::testing::voice;
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("an ISO date")
    }

    // --- Voice and identity ---------------------------------------------

    #[test]
    fn data_002_a_panel_pack_needs_a_voice_record_dated_since_the_last_review() {
        // The spec's Check: panel item on 2025-09-10, last review 2025-06-30,
        // latest voice record 2025-05-01: the pack is incomplete.
        let records = vec![voice("2025-03-20"), voice("2025-05-01")];
        assert_eq!(
            voice_for_panel_pack(&records, &"child1".parse().unwrap(), Some(d("2025-06-30"))),
            Err(VoiceError::OutOfDate {
                latest: d("2025-05-01"),
                required_from: d("2025-06-30")
            })
        );
        let mut records = records;
        records.push(voice("2025-06-30"));
        let used =
            voice_for_panel_pack(&records, &"child1".parse().unwrap(), Some(d("2025-06-30")))
                .unwrap();
        assert_eq!(used.date, d("2025-06-30"));
        assert_eq!(
            voice_for_panel_pack(&records, &"child9".parse().unwrap(), None),
            Err(VoiceError::Missing)
        );
    }

    fn considered(how: &str) -> Option<IdentityEntry> {
        Some(IdentityEntry::Considered { how: how.into() })
    }

    #[test]
    fn prin_004_a_panel_item_is_listed_only_with_all_six_identity_headings() {
        // The spec's Check: a match referred on 2025-08-04 with "religion"
        // empty is refused listing.
        let mut ic = IdentityConsiderations {
            ethnic_origin: considered("carers share the child's heritage"),
            cultural_background: considered("links to community kept"),
            language: considered("English"),
            religion: None,
            disability: Some(IdentityEntry::NotApplicable {
                reason: "no disability assessed".into(),
            }),
            sexuality: Some(IdentityEntry::NotApplicable {
                reason: "age 5".into(),
            }),
        };
        let refused = check_identity_for_listing(&ic).unwrap_err();
        assert_eq!(refused, IdentityError::Incomplete(vec!["religion"]));
        assert_eq!(
            refused.to_string(),
            "identity consideration missing: religion (PRIN-004)"
        );
        // "Not known" needs its reason.
        ic.religion = Some(IdentityEntry::NotKnown { reason: " ".into() });
        assert!(check_identity_for_listing(&ic).is_err());
        ic.religion = Some(IdentityEntry::NotKnown {
            reason: "birth father not yet located".into(),
        });
        assert_eq!(check_identity_for_listing(&ic), Ok(()));
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
