//! The rest of the offer a family is given (GEN-001 … GEN-003, GEN-006,
//! GEN-010, GEN-011): bookings on training, events, support groups, CAMHS
//! consultations and specialist therapy; the disruption checklist and the
//! Dedicated Placement Support Team; concerns about support.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::support::{SupportError, refuse};
use crate::roles::Role;

/// What a family can be booked on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingKind {
    Training,
    SupportGroup,
    FamilyEvent,
    CamhsConsultation,
    /// Specialist therapy for a child using abusive behaviour.
    SpecialistTherapy,
    /// GEN-006: the Permanence Team's projects.
    LifeAppreciationDay,
    Theraplay,
    DyadicDevelopmentalPsychotherapy,
}

impl BookingKind {
    pub const ALL: [BookingKind; 8] = [
        BookingKind::Training,
        BookingKind::SupportGroup,
        BookingKind::FamilyEvent,
        BookingKind::CamhsConsultation,
        BookingKind::SpecialistTherapy,
        BookingKind::LifeAppreciationDay,
        BookingKind::Theraplay,
        BookingKind::DyadicDevelopmentalPsychotherapy,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BookingKind::Training => "training",
            BookingKind::SupportGroup => "support_group",
            BookingKind::FamilyEvent => "event",
            BookingKind::CamhsConsultation => "camhs",
            BookingKind::SpecialistTherapy => "specialist_therapy",
            BookingKind::LifeAppreciationDay => "life_appreciation_day",
            BookingKind::Theraplay => "theraplay",
            BookingKind::DyadicDevelopmentalPsychotherapy => "ddp",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BookingKind::Training => "Training course",
            BookingKind::SupportGroup => "Support group",
            BookingKind::FamilyEvent => "Family event (picnic, party)",
            BookingKind::CamhsConsultation => "CAMHS consultation session",
            BookingKind::SpecialistTherapy => "Specialist therapy (child using abusive behaviour)",
            BookingKind::LifeAppreciationDay => "Life Appreciation Day",
            BookingKind::Theraplay => "Theraplay",
            BookingKind::DyadicDevelopmentalPsychotherapy => "Dyadic Developmental Psychotherapy",
        }
    }

    pub fn parse(code: &str) -> Option<BookingKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether the booking is about one child (and so names them): a
    /// consultation, therapy or a Life Appreciation Day (GEN-006).
    pub fn for_a_child(self) -> bool {
        matches!(
            self,
            BookingKind::CamhsConsultation
                | BookingKind::SpecialistTherapy
                | BookingKind::LifeAppreciationDay
        )
    }
}

/// A booking for the family or one child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    pub kind: BookingKind,
    pub what: String,
    pub on: NaiveDate,
    pub child: Option<String>,
    pub booked_by: String,
}

/// GEN-001: the risk-reduction steps recorded for a placement.
pub const CHECKLIST: [&str; 6] = [
    "Full information about the child shared with the carers",
    "The child prepared for the new home",
    "Emotional risk recognised; therapeutic parenting, life story work and Words and Pictures used",
    "Other advice and support used (support groups, training, therapeutic advice)",
    "Changing need for information as the child grows up recognised",
    "Working with the Virtual School; school moves carefully planned",
];

/// GEN-003: the DPST referral's stages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DpstStage {
    AwaitingAuthorisation,
    Authorised,
}

/// GEN-003: a referral to the Dedicated Placement Support Team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DpstReferral {
    pub referred: NaiveDate,
    pub by: String,
    pub criteria: String,
    pub stage: DpstStage,
    pub authorised_by: Option<String>,
}

/// GEN-010, GEN-011: a concern about support and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Concern {
    pub raised: NaiveDate,
    pub about: String,
    /// "concern - resolved locally" or "complaint" with its identifier.
    pub outcome: Option<String>,
    pub information_given: Option<String>,
    pub advocacy_offered: Option<bool>,
}

/// GEN-011: what the family was given about complaining.
pub const INFORMATION: [(&str, &str); 3] = [
    ("leaflet", "Complaints leaflet"),
    ("online_form", "Link to the online complaint form"),
    ("both", "Leaflet and online form link"),
];

/// The rest of the offer as the household's record holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferRecord {
    #[serde(default)]
    pub bookings: Vec<Booking>,
    /// GEN-001: the checklist items confirmed, by their index in [`CHECKLIST`].
    #[serde(default)]
    pub checklist: Vec<usize>,
    #[serde(default)]
    pub permanence_confirmed: Option<NaiveDate>,
    #[serde(default)]
    pub dpst: Vec<DpstReferral>,
    #[serde(default)]
    pub concerns: Vec<Concern>,
}

impl OfferRecord {
    /// Books the family (or a child) on an item of the offer.
    pub fn book(&mut self, b: Booking) -> Result<(), SupportError> {
        if b.what.trim().is_empty() {
            return refuse("what", "name the course, event, group or session");
        }
        if b.kind.for_a_child() && b.child.is_none() {
            return refuse("child", "choose the child it is for");
        }
        self.bookings.push(b);
        Ok(())
    }

    /// GEN-001: confirms the checklist's items; permanence is confirmed
    /// only when every item is.
    pub fn confirm(
        &mut self,
        items: &[usize],
        permanence_on: Option<NaiveDate>,
    ) -> Result<(), SupportError> {
        for &i in items.iter().filter(|i| **i < CHECKLIST.len()) {
            if !self.checklist.contains(&i) {
                self.checklist.push(i);
            }
        }
        self.checklist.sort_unstable();
        if let Some(on) = permanence_on {
            if let Some(missing) = (0..CHECKLIST.len()).find(|i| !self.checklist.contains(i)) {
                return refuse(
                    "permanence",
                    format!(
                        "permanence cannot be confirmed until this is: {}",
                        CHECKLIST[missing]
                    ),
                );
            }
            self.permanence_confirmed = Some(on);
        }
        Ok(())
    }

    /// GEN-003: the child's social worker refers to the DPST with the
    /// criteria it meets; the Head of Service authorises.
    pub fn refer_to_dpst(
        &mut self,
        role: Role,
        by: &str,
        on: NaiveDate,
        criteria: &str,
    ) -> Result<(), SupportError> {
        if role != Role::SocialWorker {
            return refuse("criteria", "the child's social worker makes the referral");
        }
        if criteria.trim().is_empty() {
            return refuse("criteria", "complete the criteria the referral meets");
        }
        self.dpst.push(DpstReferral {
            referred: on,
            by: by.to_owned(),
            criteria: criteria.trim().to_owned(),
            stage: DpstStage::AwaitingAuthorisation,
            authorised_by: None,
        });
        Ok(())
    }

    /// GEN-003: the Head of Service authorises the waiting referral.
    pub fn authorise_dpst(&mut self, role: Role, by: &str) -> Result<(), SupportError> {
        if role != Role::HeadOfService {
            return refuse("dpst", "the Head of Service authorises DPST support");
        }
        match self
            .dpst
            .iter_mut()
            .find(|r| r.stage == DpstStage::AwaitingAuthorisation)
        {
            Some(r) => {
                r.stage = DpstStage::Authorised;
                r.authorised_by = Some(by.to_owned());
                Ok(())
            }
            None => refuse("dpst", "no referral is waiting for authorisation"),
        }
    }

    /// GEN-010: a concern is raised with the service.
    pub fn raise_concern(&mut self, on: NaiveDate, about: &str) -> Result<(), SupportError> {
        if about.trim().is_empty() {
            return refuse("about", "say what the concern is about");
        }
        self.concerns.push(Concern {
            raised: on,
            about: about.trim().to_owned(),
            outcome: None,
            information_given: None,
            advocacy_offered: None,
        });
        Ok(())
    }

    /// The concern still open.
    pub fn open_concern(&mut self) -> Result<&mut Concern, SupportError> {
        match self.concerns.iter_mut().rev().find(|c| c.outcome.is_none()) {
            Some(c) => Ok(c),
            None => refuse("concern", "no concern is open"),
        }
    }

    /// GEN-010: the team manager resolves the concern locally.
    pub fn resolve_concern(&mut self, role: Role) -> Result<(), SupportError> {
        if !super::support::is_manager(role) {
            return refuse("concern", "a Team Manager or above resolves a concern");
        }
        self.open_concern()?.outcome = Some("Concern - resolved locally".into());
        Ok(())
    }

    /// GEN-010, GEN-011: the family still wants to complain: what they were
    /// given and whether advocacy was offered are recorded, and the
    /// complaint `complaint` it became.
    pub fn escalate_concern(
        &mut self,
        information: &str,
        advocacy: Option<bool>,
        complaint: &str,
    ) -> Result<(), SupportError> {
        let Some((code, _)) = INFORMATION.iter().find(|(c, _)| *c == information) else {
            return refuse(
                "information",
                "say whether the family was given the leaflet, the online form link or both",
            );
        };
        let Some(advocacy) = advocacy else {
            return refuse("advocacy", "say whether advocacy support was offered");
        };
        let c = self.open_concern()?;
        c.information_given = Some((*code).to_owned());
        c.advocacy_offered = Some(advocacy);
        c.outcome = Some(format!("Complaint {complaint}"));
        Ok(())
    }
}
