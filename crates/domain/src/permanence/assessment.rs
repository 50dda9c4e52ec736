//! Assessments behind the plan: the chronology an assessment completes with
//! (DATA-004), the options appraisal a pathway is chosen from (DATA-011) and
//! the log of information shared, never edited (DATA-006).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::pathways::DisclosureChecklist;
use super::plan::{AppraisalEntry, AppraisalOutcome, Pathway, PermanenceOption, PermanencePlan};

use crate::child::ChildId;
use crate::roles::Role;

// ---------------------------------------------------------------------------
// Assessments, the options appraisal and the information log (DATA-004,
// DATA-006, DATA-011)
// ---------------------------------------------------------------------------

/// Why an assessment cannot be completed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChronologyError {
    #[error("the child has no chronology: start one before completing the assessment (DATA-004)")]
    NoChronology,
    #[error(
        "the chronology was last updated on {updated}, before the assessment started on {started}: update it first (DATA-004)"
    )]
    OutOfDate {
        updated: NaiveDate,
        started: NaiveDate,
    },
}

/// DATA-004: an assessment completes only when the chronology was updated on
/// or after the day the assessment started.
pub fn validate_assessment_completion(
    started: NaiveDate,
    chronology_updated: Option<NaiveDate>,
) -> Result<(), ChronologyError> {
    match chronology_updated {
        None => Err(ChronologyError::NoChronology),
        Some(updated) if updated < started => Err(ChronologyError::OutOfDate { updated, started }),
        Some(_) => Ok(()),
    }
}

/// The options appraisal behind a plan, with its sign-off (PRIN-001,
/// DATA-011). Its entries are the plan's appraisal lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionsAppraisal {
    pub child_id: ChildId,
    pub entries: Vec<AppraisalEntry>,
    pub author: String,
    pub dated: NaiveDate,
    #[serde(default)]
    pub team_manager_signed_off: Option<NaiveDate>,
}

/// Why a pathway cannot be chosen on the strength of an appraisal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppraisalError {
    #[error("the options appraisal has not been signed off by the Team Manager (DATA-011)")]
    NotSignedOff,
    #[error("the options appraisal lists the options out of the PRIN-001 order")]
    OutOfOrder,
    #[error(
        "the options appraisal did not rule in {option}: a new appraisal is needed before this pathway can be chosen (DATA-011)"
    )]
    NotRuledIn { option: &'static str },
}

/// DATA-011: `pathway` may be set only when the signed-off appraisal, taken
/// in the PRIN-001 order, ruled its option in.
pub fn validate_pathway_choice(
    appraisal: &OptionsAppraisal,
    pathway: Pathway,
) -> Result<(), AppraisalError> {
    if appraisal.team_manager_signed_off.is_none() {
        return Err(AppraisalError::NotSignedOff);
    }
    if !appraisal
        .entries
        .windows(2)
        .all(|w| w[0].option < w[1].option)
    {
        return Err(AppraisalError::OutOfOrder);
    }
    let option: PermanenceOption = pathway.option();
    let ruled_in = appraisal
        .entries
        .iter()
        .any(|e| e.option == option && e.outcome == AppraisalOutcome::RuledIn);
    if ruled_in {
        Ok(())
    } else {
        Err(AppraisalError::NotRuledIn {
            option: option.label(),
        })
    }
}

/// The Team Manager's sign-off of a plan's options appraisal (DATA-011),
/// holding the appraisal as it was signed off: once the appraisal changes,
/// the sign-off no longer covers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppraisalSignOff {
    pub by: String,
    pub on: NaiveDate,
    pub entries: Vec<AppraisalEntry>,
}

/// Who signs off an options appraisal (DATA-011: the Team Manager).
pub const APPRAISAL_SIGNERS: [Role; 1] = [Role::TeamManager];

/// Why a sign-off or a plan's pathway is refused under DATA-011.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignOffError {
    #[error("only a Team Manager signs off the options appraisal (DATA-011)")]
    NotTeamManager,
    #[error("the plan has no options appraisal to sign off")]
    NoAppraisal,
    #[error("{0}")]
    Choice(#[from] AppraisalError),
}

/// The plan's options appraisal `entries`, signed off if `sign_off` covers
/// exactly these entries.
fn appraisal_of(
    plan: &PermanencePlan,
    entries: &[AppraisalEntry],
    sign_off: Option<&AppraisalSignOff>,
) -> OptionsAppraisal {
    OptionsAppraisal {
        child_id: plan.child_id.clone(),
        entries: entries.to_vec(),
        author: plan.owner.clone(),
        dated: sign_off.map_or(plan.created, |s| s.on),
        team_manager_signed_off: sign_off.filter(|s| s.entries == entries).map(|s| s.on),
    }
}

/// DATA-011: a Team Manager signs off the plan's options appraisal as it
/// stands; refused if the plan already names a pathway the appraisal did not
/// rule in.
pub fn sign_off_appraisal(
    plan: &PermanencePlan,
    role: Role,
    by: &str,
    on: NaiveDate,
) -> Result<AppraisalSignOff, SignOffError> {
    if !APPRAISAL_SIGNERS.contains(&role) {
        return Err(SignOffError::NotTeamManager);
    }
    if plan.appraisal.is_empty() {
        return Err(SignOffError::NoAppraisal);
    }
    let sign_off = AppraisalSignOff {
        by: by.to_owned(),
        on,
        entries: plan.appraisal.clone(),
    };
    if let Some(pathway) = plan.pathway {
        validate_pathway_choice(
            &appraisal_of(plan, &plan.appraisal, Some(&sign_off)),
            pathway,
        )?;
    }
    Ok(sign_off)
}

/// DATA-011 on an edit of a plan whose appraisal was once signed off: a
/// pathway chosen anew must be one the signed-off appraisal ruled in; a
/// changed appraisal needs a new sign-off before it supports a new pathway
/// (signing off checks the plan's pathway against it). Before any sign-off
/// the plan is being drafted and the pathway is free.
pub fn check_pathway_edit(
    current: &PermanencePlan,
    new: &PermanencePlan,
) -> Result<(), AppraisalError> {
    let (Some(sign_off), Some(pathway)) = (&current.appraisal_sign_off, new.pathway) else {
        return Ok(());
    };
    if new.pathway == current.pathway {
        return Ok(());
    }
    validate_pathway_choice(
        &appraisal_of(current, &new.appraisal, Some(sign_off)),
        pathway,
    )
}

/// Who information was given to (DATA-006).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShareRecipient {
    Carer,
    ProspectiveAdopter,
    Child,
    Parent,
}

/// What was shared (DATA-006).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SharedContent {
    AllKnownInformation,
    SocialMedicalLegal,
    WrittenAdoptionInformation,
    ComplaintsAndAdvocacy,
    InformationSafetyAdvice,
    /// One part of what prospective adopters are given (PATH-026).
    SocialInformation,
    MedicalInformation,
    LegalInformation,
}

/// An entry as it is written to the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareDetails {
    pub recipient_type: ShareRecipient,
    pub recipient: String,
    pub content: SharedContent,
    /// The documents shared, by reference.
    pub documents: Vec<String>,
    pub shared_by: String,
    pub how: String,
    pub on: NaiveDate,
}

/// One entry of the log: never edited once written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareEntry {
    pub id: u64,
    pub details: ShareDetails,
    /// The entry this one corrects.
    #[serde(default)]
    pub corrects: Option<u64>,
}

/// A correction offered in place of an edit: a new entry, prefilled from the
/// one it corrects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub corrects: u64,
    pub details: ShareDetails,
}

/// Why a log operation is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShareLogError {
    #[error("no information-sharing entry {0}")]
    NoSuchEntry(u64),
}

/// A child's information-sharing log (DATA-006): append-only. There is no
/// edit; asking to edit an entry offers a correction entry instead.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InformationShareLog {
    entries: Vec<ShareEntry>,
}

impl InformationShareLog {
    pub fn entries(&self) -> &[ShareEntry] {
        &self.entries
    }

    /// Appends an entry; returns its id.
    pub fn record(&mut self, details: ShareDetails) -> u64 {
        self.push(details, None)
    }

    /// An edit of entry `id` is refused: this offers the correction entry to
    /// complete instead.
    pub fn offer_correction(&self, id: u64) -> Result<Correction, ShareLogError> {
        let entry = self
            .entries
            .iter()
            .find(|e| e.id == id)
            .ok_or(ShareLogError::NoSuchEntry(id))?;
        Ok(Correction {
            corrects: id,
            details: entry.details.clone(),
        })
    }

    /// Appends a completed correction as a new entry; returns its id.
    pub fn record_correction(&mut self, correction: Correction) -> Result<u64, ShareLogError> {
        if !self.entries.iter().any(|e| e.id == correction.corrects) {
            return Err(ShareLogError::NoSuchEntry(correction.corrects));
        }
        Ok(self.push(correction.details, Some(correction.corrects)))
    }

    /// PATH-026: when social, medical and legal information were first given
    /// to prospective adopters, from the log ("social, medical and legal
    /// information" in one entry gives all three). An entry corrected by a
    /// later one counts as the correction says.
    pub fn adopter_disclosure(&self) -> DisclosureChecklist {
        let corrected = |id: u64| self.entries.iter().any(|e| e.corrects == Some(id));
        let first = |parts: &[SharedContent]| {
            self.entries
                .iter()
                .filter(|e| {
                    !corrected(e.id)
                        && e.details.recipient_type == ShareRecipient::ProspectiveAdopter
                        && (e.details.content == SharedContent::SocialMedicalLegal
                            || parts.contains(&e.details.content))
                })
                .map(|e| e.details.on)
                .min()
        };
        DisclosureChecklist {
            social: first(&[SharedContent::SocialInformation]),
            medical: first(&[SharedContent::MedicalInformation]),
            legal: first(&[SharedContent::LegalInformation]),
        }
    }

    fn push(&mut self, details: ShareDetails, corrects: Option<u64>) -> u64 {
        let id = self.entries.last().map_or(1, |e| e.id + 1);
        self.entries.push(ShareEntry {
            id,
            details,
            corrects,
        });
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("an ISO date")
    }

    // --- Assessments, appraisal, information log ------------------------------

    #[test]
    fn data_004_an_assessment_completes_only_after_the_chronology_is_updated() {
        // The spec's Check: assessment started 2025-04-01, completion on
        // 2025-05-30, chronology last updated 2025-01-10: blocked.
        assert_eq!(
            validate_assessment_completion(d("2025-04-01"), Some(d("2025-01-10"))),
            Err(ChronologyError::OutOfDate {
                updated: d("2025-01-10"),
                started: d("2025-04-01")
            })
        );
        assert_eq!(
            validate_assessment_completion(d("2025-04-01"), Some(d("2025-05-29"))),
            Ok(())
        );
        assert_eq!(
            validate_assessment_completion(d("2025-04-01"), None),
            Err(ChronologyError::NoChronology)
        );
    }

    fn entry(option: PermanenceOption, outcome: AppraisalOutcome) -> AppraisalEntry {
        AppraisalEntry {
            option,
            outcome,
            reasons: "recorded".into(),
            assessment_ref: None,
        }
    }

    #[test]
    fn data_011_a_pathway_the_appraisal_ruled_out_cannot_be_chosen() {
        // The spec's Check: appraisal signed off on 2025-06-16 ruled out "SGO
        // with maternal aunt"; setting that pathway on 2025-06-30 is refused.
        let mut appraisal = OptionsAppraisal {
            child_id: "child1".parse().unwrap(),
            entries: vec![
                entry(PermanenceOption::BirthParents, AppraisalOutcome::RuledOut),
                entry(PermanenceOption::ExtendedFamily, AppraisalOutcome::RuledOut),
                entry(
                    PermanenceOption::FriendsNetwork,
                    AppraisalOutcome::NotApplicable,
                ),
                entry(PermanenceOption::Adoption, AppraisalOutcome::RuledOut),
                entry(
                    PermanenceOption::PermanentFostering,
                    AppraisalOutcome::RuledIn,
                ),
            ],
            author: "sw-1".into(),
            dated: d("2025-06-16"),
            team_manager_signed_off: Some(d("2025-06-16")),
        };
        assert_eq!(
            validate_pathway_choice(&appraisal, Pathway::SpecialGuardianshipOrder),
            Err(AppraisalError::NotRuledIn {
                option: "extended family"
            })
        );
        assert_eq!(
            validate_pathway_choice(&appraisal, Pathway::LongTermFostering),
            Ok(())
        );
        appraisal.entries.swap(0, 1);
        assert_eq!(
            validate_pathway_choice(&appraisal, Pathway::LongTermFostering),
            Err(AppraisalError::OutOfOrder)
        );
        appraisal.entries.swap(0, 1);
        appraisal.team_manager_signed_off = None;
        assert_eq!(
            validate_pathway_choice(&appraisal, Pathway::LongTermFostering),
            Err(AppraisalError::NotSignedOff)
        );
    }

    #[test]
    fn data_006_log_entries_are_never_edited_and_a_correction_is_offered() {
        // The spec's Check: "medical information shared with prospective
        // adopters" dated 2025-04-30; an edit on 2025-05-02 is refused.
        let mut log = InformationShareLog::default();
        let id = log.record(ShareDetails {
            recipient_type: ShareRecipient::ProspectiveAdopter,
            recipient: "adopters-1".into(),
            content: SharedContent::SocialMedicalLegal,
            documents: vec!["medical-report-3".into()],
            shared_by: "sw-1".into(),
            how: "meeting".into(),
            on: d("2025-04-30"),
        });
        let original = log.entries()[0].clone();
        let mut correction = log.offer_correction(id).unwrap();
        assert_eq!(correction.corrects, id);
        correction.details.documents = vec!["medical-report-4".into()];
        correction.details.on = d("2025-05-02");
        let new_id = log.record_correction(correction).unwrap();
        assert_ne!(new_id, id);
        assert_eq!(log.entries()[0], original);
        assert_eq!(log.entries()[1].corrects, Some(id));
        assert_eq!(
            log.offer_correction(99),
            Err(ShareLogError::NoSuchEntry(99))
        );
    }
}
