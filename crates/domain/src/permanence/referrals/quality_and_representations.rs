//! After the panel: the quality assurance of its papers (PANEL-013) and
//! representations against its outcome. Re-exported by [`super`].

use super::*;

// ---------------------------------------------------------------------------
// PANEL-013: quality assurance of the papers.

/// The panel's rating of an assessment or support plan (the fostering
/// panel's scale, KPI-FOS-18, plus "requires amendment").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QualityRating {
    Excellent,
    Good,
    Adequate,
    RequiresAmendment,
}

impl QualityRating {
    pub const ALL: [QualityRating; 4] = [
        QualityRating::Excellent,
        QualityRating::Good,
        QualityRating::Adequate,
        QualityRating::RequiresAmendment,
    ];

    pub fn code(self) -> &'static str {
        match self {
            QualityRating::Excellent => "excellent",
            QualityRating::Good => "good",
            QualityRating::Adequate => "adequate",
            QualityRating::RequiresAmendment => "requires_amendment",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            QualityRating::Excellent => "Excellent",
            QualityRating::Good => "Good",
            QualityRating::Adequate => "Adequate",
            QualityRating::RequiresAmendment => "Requires amendment",
        }
    }
}

/// An amendment the panel asked for, with its due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amendment {
    /// What is to be changed (free text).
    pub what: String,
    pub due: NaiveDate,
    #[serde(default)]
    pub completed: Option<NaiveDate>,
}

/// The panel's quality rating of one paper (PANEL-013).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualityReview {
    pub doc: PackDoc,
    pub rating: QualityRating,
    pub rated_on: NaiveDate,
    #[serde(default)]
    pub amendments: Vec<Amendment>,
}

/// Why a quality rating cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QualityError {
    #[error("\"requires amendment\" needs the amendments, each with a due date")]
    AmendmentsMissing,
}

/// PANEL-013: a paper rated "requires amendment" lists its amendments.
pub fn validate_quality_review(review: &QualityReview) -> Result<(), QualityError> {
    if review.rating == QualityRating::RequiresAmendment
        && review.amendments.iter().all(|a| a.what.trim().is_empty())
    {
        return Err(QualityError::AmendmentsMissing);
    }
    Ok(())
}

/// PANEL-013: the papers with an amendment not completed by its due date on
/// `as_of`, with the earliest such due date, for the Team Manager's alert.
pub fn overdue_amendments(
    reviews: &[QualityReview],
    as_of: NaiveDate,
) -> Vec<(PackDoc, NaiveDate)> {
    reviews
        .iter()
        .filter_map(|r| {
            r.amendments
                .iter()
                .filter(|a| a.completed.is_none_or(|c| c > as_of) && as_of > a.due)
                .map(|a| a.due)
                .min()
                .map(|due| (r.doc, due))
        })
        .collect()
}

// ---------------------------------------------------------------------------
// PANEL-016: representations and reconsideration.

/// Who makes a representation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Representer {
    Child,
    Parent,
    Carer,
}

/// The route a representation comes by: the complaints and representations
/// procedure (CMPL-001) or the IRO (TRACK-013).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepresentationRoute {
    Complaints,
    Iro,
}

/// A representation about a panel outcome, linked to the panel item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Representation {
    /// The panel item's record identifier.
    pub referral_id: String,
    pub from: Representer,
    pub route: RepresentationRoute,
    pub received: NaiveDate,
    /// What is said (free text).
    pub summary: String,
}

/// Why a representation or reconsideration is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RepresentationError {
    #[error("the panel has not reached an outcome on this item")]
    NoOutcome,
    #[error("a reconsideration can be listed only with new information attached")]
    NoNewInformation,
}

fn has_outcome(referral: &Referral) -> bool {
    referral.has_outcome()
}

/// PANEL-016: logs a representation against the panel item `referral_id`,
/// which must have an outcome.
pub fn log_representation(
    referral_id: impl Into<String>,
    referral: &Referral,
    from: Representer,
    route: RepresentationRoute,
    received: NaiveDate,
    summary: impl Into<String>,
) -> Result<Representation, RepresentationError> {
    if !has_outcome(referral) {
        return Err(RepresentationError::NoOutcome);
    }
    Ok(Representation {
        referral_id: referral_id.into(),
        from,
        route,
        received,
        summary: summary.into(),
    })
}

/// PANEL-016: a new listing to reconsider an item, only with new information
/// attached; it carries the original pack plus the new papers.
pub fn reconsideration(
    original: &Referral,
    new_information: Vec<PackEntry>,
    on: NaiveDate,
) -> Result<Referral, RepresentationError> {
    if !has_outcome(original) {
        return Err(RepresentationError::NoOutcome);
    }
    if new_information.is_empty() {
        return Err(RepresentationError::NoNewInformation);
    }
    let mut referral = Referral::new(
        original.child_id.clone(),
        original.item,
        "reconsideration",
        on,
        None,
    );
    referral.forum = original.forum;
    referral.needs = original.needs;
    referral.carer = original.carer.clone();
    referral.carer_out_of_area = original.carer_out_of_area;
    referral.local_rationale = original.local_rationale.clone();
    referral.pack = original.pack.clone();
    referral.pack.extend(new_information);
    Ok(referral)
}
