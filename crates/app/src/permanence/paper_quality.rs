//! The panel's quality assurance of the papers it hears (PANEL-013): the
//! panel adviser records a rating of each assessment and support plan
//! presented, with the amendments asked for, each with a due date; the team
//! manager tracks them to completion, alerted to those overdue.

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::permanence::referrals::{
    Amendment, PackDoc, QualityRating, QualityReview, Referral, overdue_amendments,
    validate_quality_review,
};
use domain::roles::Role;
use domain::time::Clock;
use store::{AuditLog, PermanenceRepository, Record, RecordKind, Store, Versioned};

use super::{actor_of, audit, ensure_may_see, invalid, record_at, referral_record};
use crate::AppError;

/// A rating as the panel adviser records it: the paper, the rating and the
/// amendments asked for (what, and when by).
#[derive(Debug, Clone)]
pub struct PaperRating {
    pub doc: PackDoc,
    pub rating: QualityRating,
    pub amendments: Vec<(String, Option<NaiveDate>)>,
}

/// PANEL-013: records the panel's rating of a paper of a referral the panel
/// has heard, replacing an earlier rating of the same paper. "Requires
/// amendment" needs the amendments, each with a due date not before today.
/// Audited with the paper, the rating and the number of amendments.
pub fn rate_paper(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    expected_version: i64,
    input: PaperRating,
    from: &str,
) -> Result<Versioned<Record<Referral>>, AppError> {
    if user.role != Role::PanelAdviser {
        return Err(AppError::Forbidden("record the panel's quality rating"));
    }
    let today = clock.today();
    let mut amendments = Vec::new();
    for (what, due) in input.amendments {
        let what = what.trim();
        match (what.is_empty(), due) {
            (true, None) => continue,
            (true, Some(_)) => return Err(invalid("say what is to be amended")),
            (false, None) => return Err(invalid("enter the date each amendment is due")),
            (false, Some(due)) if due < today => {
                return Err(invalid("an amendment's due date cannot be in the past"));
            }
            (false, Some(due)) => amendments.push(Amendment {
                what: what.to_owned(),
                due,
                completed: None,
            }),
        }
    }
    let review = QualityReview {
        doc: input.doc,
        rating: input.rating,
        rated_on: today,
        amendments,
    };
    validate_quality_review(&review).map_err(invalid)?;
    let actor = actor_of(user, from);
    store.write(|tx| {
        let current =
            record_at::<Referral>(tx, RecordKind::Referral, id, expected_version, "referral")?;
        let mut r = current.value.document;
        ensure_may_see(tx, user, &r.child_id, "rate this child's papers")?;
        if r.meeting.is_none() {
            return Err(invalid(
                "the panel rates the papers of an item listed for a meeting",
            ));
        }
        if !r.pack.iter().any(|e| e.doc == review.doc) {
            return Err(invalid(format!(
                "the pack has no {} to rate",
                review.doc.label().to_lowercase()
            )));
        }
        r.quality.retain(|q| q.doc != review.doc);
        r.quality.push(review.clone());
        let record = referral_record(id, &r);
        let version = tx.update_record(RecordKind::Referral, &record, expected_version)?;
        tx.append(&audit(
            &actor,
            clock,
            "PANEL-013.rate".into(),
            "panel_referral",
            id,
            serde_json::json!({
                "doc": review.doc.code(),
                "rating": review.rating.code(),
                "amendments": review.amendments.len(),
            }),
        ))?;
        Ok(Versioned {
            value: record,
            version,
        })
    })
}

/// PANEL-013: records the amendments asked for on a paper completed today,
/// for those who work on plans (the team manager tracks them). Audited with
/// the paper.
pub fn complete_amendments(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    expected_version: i64,
    doc: PackDoc,
    from: &str,
) -> Result<Versioned<Record<Referral>>, AppError> {
    if !user.may(Permission::WorkOnPlans) {
        return Err(AppError::Forbidden("record amendments completed"));
    }
    let today = clock.today();
    let actor = actor_of(user, from);
    store.write(|tx| {
        let current =
            record_at::<Referral>(tx, RecordKind::Referral, id, expected_version, "referral")?;
        let mut r = current.value.document;
        ensure_may_see(tx, user, &r.child_id, "record this child's amendments")?;
        let open = r
            .quality
            .iter_mut()
            .filter(|q| q.doc == doc)
            .flat_map(|q| q.amendments.iter_mut())
            .filter(|a| a.completed.is_none());
        let mut n = 0;
        for a in open {
            a.completed = Some(today);
            n += 1;
        }
        if n == 0 {
            return Err(invalid(format!(
                "the {} has no amendments outstanding",
                doc.label().to_lowercase()
            )));
        }
        let record = referral_record(id, &r);
        let version = tx.update_record(RecordKind::Referral, &record, expected_version)?;
        tx.append(&audit(
            &actor,
            clock,
            "PANEL-013.amendments_completed".into(),
            "panel_referral",
            id,
            serde_json::json!({"doc": doc.code(), "amendments": n}),
        ))?;
        Ok(Versioned {
            value: record,
            version,
        })
    })
}

/// PANEL-013: the papers of a referral with an amendment overdue on
/// `today`, each with its earliest missed due date: the team manager's alert.
pub fn amendments_overdue(r: &Referral, today: NaiveDate) -> Vec<(PackDoc, NaiveDate)> {
    overdue_amendments(&r.quality, today)
}
