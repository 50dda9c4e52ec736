//! Health use cases, with the same names as `domain::health` and
//! `web::health`: a child's health page (the health assessments the
//! casework form recorded, with their SDQ, dental checks and immunisations,
//! and the referrals to the support services) and the referrals made,
//! verified and paid there.

use domain::access::User;
use domain::casework::activities::{ActivityRecord, ActivityState};
use domain::child::ChildId;
use domain::codes::CareExit;
use domain::deadlines::EventKind;
use domain::health::referrals::{HealthRecord, Patient, refer};
use domain::journey::CareJourney;
use domain::time::Clock;
use store::{PermanenceRepository, RecordKind, Store, Versioned};

use crate::AppError;
use crate::child_documents::{self, ChildDocument, Kept};

const HEALTH: Kept = Kept {
    kind: RecordKind::HealthSupport,
    suffix: "HLTH",
    record_type: "health_support",
    audit_prefix: "HLTH",
};

impl ChildDocument for HealthRecord {
    fn fresh(child: &ChildId) -> Self {
        HealthRecord {
            child_id: child.to_string(),
            ..Default::default()
        }
    }
}

/// What a child's health page shows.
#[derive(Debug, Clone)]
pub struct HealthView {
    pub journey: Versioned<CareJourney>,
    pub record: HealthRecord,
    pub version: i64,
    /// The health assessments recorded, newest first.
    pub assessments: Vec<ActivityRecord>,
}

fn assessments(tx: &mut store::Tx<'_>, child: &ChildId) -> Result<Vec<ActivityRecord>, AppError> {
    let mut found: Vec<ActivityRecord> = tx
        .records_of_child::<ActivityRecord>(RecordKind::Activity, child.as_str())?
        .into_iter()
        .map(|r| r.value.document)
        .filter(|a| {
            a.state == ActivityState::Recorded
                && a.event_kind() == Some(EventKind::HealthAssessment)
        })
        .collect();
    found.sort_by_key(|a| std::cmp::Reverse(a.date));
    Ok(found)
}

/// A child's health page; the read audited.
pub fn health(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    from: &str,
) -> Result<HealthView, AppError> {
    let (journey, record, version) =
        child_documents::read::<HealthRecord>(store, (user, clock, from), HEALTH, child)?;
    let assessments = store.read(|tx| assessments(tx, child))?;
    Ok(HealthView {
        journey,
        record,
        version,
        assessments,
    })
}

/// A change to the health record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HealthChange {
    /// A referral to a service, its answers read from the form.
    Refer,
    /// HLTH-005: the therapist's accreditation checked.
    Verify(usize),
    /// HLTH-005: the fund pays the therapist.
    Pay(usize),
}

/// Makes a referral (from the form's fields) or verifies or pays one, at
/// the version seen; refused with the field and the problem when the
/// service's rule is not met.
pub fn change_health(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (child, version): (&ChildId, i64),
    (change, service): (HealthChange, &str),
    get: &dyn Fn(&str) -> String,
    from: &str,
) -> Result<i64, AppError> {
    let today = clock.today();
    let sdq = store
        .read(|tx| assessments(tx, child))?
        .iter()
        .find_map(|a| a.answers.sdq_score);
    let code = match change {
        HealthChange::Refer => "refer",
        HealthChange::Verify(_) => "verify",
        HealthChange::Pay(_) => "pay",
    };
    child_documents::change::<HealthRecord>(
        store,
        (user, clock, from),
        HEALTH,
        child,
        version,
        code,
        "change this child's health support",
        |record, journey| {
            match change {
                HealthChange::Refer => {
                    let patient = Patient {
                        dob: journey.child().date_of_birth,
                        looked_after: journey.in_care_on(today),
                        adopted: journey.periods_of_care().iter().any(|(_, e)| {
                            e.is_some_and(|e| e.reason.exit() == Some(CareExit::Adoption))
                        }),
                        sdq,
                    };
                    let r = refer(service, get, (&user.username, user.role), patient, today)?;
                    record.referrals.push(r);
                }
                HealthChange::Verify(i) => record.verify(i, today)?,
                HealthChange::Pay(i) => record.pay(i, today)?,
            }
            Ok(serde_json::json!({ "change": code, "service": service }))
        },
    )
}
