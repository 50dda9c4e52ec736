//! A connected person's assessment on the household's role (WF-KIN,
//! WF-CONNECTED-TEMP): temporary approval with the child placed, its
//! extension with the exceptional reason and approver, a court's direction
//! and the filing, the panel's recommendation and the agency decision with
//! reasons, and the outcome. One use case records each entry: it checks
//! the child, takes the entry's step as the workflow allows the user's
//! role, and saves the household with its audit event (codes and dates,
//! never the reasons) in one transaction, at the version the person saw.

use domain::access::User;
use domain::fostering::kinship::{KinshipEntry, record_kinship};
use domain::permanence::workflow::Refusal;
use domain::time::Clock;

use crate::households::{change_household, visible_child};
use crate::{AppError, Store};

/// Records `entry` on the household's connected-person role `role_id`;
/// returns the role's new state.
pub fn record_kinship_entry(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (id, version): (&str, i64),
    (role_id, entry): (&str, KinshipEntry),
    from: &str,
) -> Result<String, AppError> {
    let entry = match entry {
        KinshipEntry::TemporaryApproval { child, placed } => KinshipEntry::TemporaryApproval {
            child: visible_child(store, user, &child)?.as_str().to_owned(),
            placed,
        },
        other => other,
    };
    let step = kinship_action(&entry);
    change_household(
        store,
        (user, clock, from),
        (id, version),
        (
            &format!("WF-KIN.{step}"),
            |stage: &String| serde_json::json!({ "role": role_id, "stage": stage }),
        ),
        |h, today| record_kinship(h, role_id, user, entry, today).map_err(refused),
    )
}

/// A refusal of the domain as the use cases report it.
pub(crate) fn refused(r: Refusal) -> AppError {
    match r {
        Refusal::Forbidden(what) => AppError::Forbidden(what),
        Refusal::NotNow(why) => AppError::Invalid(why),
    }
}

/// The audit action's name for an entry.
fn kinship_action(entry: &KinshipEntry) -> &'static str {
    match entry {
        KinshipEntry::TemporaryApproval { .. } => "temporary_approval",
        KinshipEntry::Extension { .. } => "extend_temporary_approval",
        KinshipEntry::CourtDirection { .. } => "court_direction",
        KinshipEntry::CourtFiling { .. } => "file_with_court",
        KinshipEntry::Screening { .. } => "screen",
        KinshipEntry::PanelRecommendation { .. } => "recommend",
        KinshipEntry::AgencyDecision { .. } => "agency_decision",
        KinshipEntry::Outcome { .. } => "outcome",
    }
}
