//! Amending and withdrawing a review of a child's care (TRACK-001), with the
//! reason: the journey's review changes (so the review deadlines and those
//! that follow a review move), what it was is kept as a record of the change,
//! and the audit event names dates and codes, never the reason.

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::casework::activities::check_reason;
use domain::casework::reviews::{
    ReviewChange, amend_review as amended, check_participation, withdraw_review as withdrawn,
};
use domain::child::ChildId;
use domain::codes::CodeList;
use domain::journey::{CareJourney, Review};
use domain::time::Clock;
use store::{
    AuditLog, ChildRepository, PermanenceRepository, Record, RecordKind, Store, StoreError,
    Versioned,
};

use crate::AppError;

/// A change to a review: to another date or participation, or withdrawn.
#[derive(Debug, Clone, Copy)]
pub enum ReviewEdit {
    Amend(Review),
    Withdraw,
}

/// Amends or withdraws the review held on `held`, if the child's record is
/// still at the version the person saw; returns the record's new version.
#[allow(clippy::too_many_arguments)]
pub fn change_review(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    version: i64,
    held: NaiveDate,
    edit: ReviewEdit,
    reason: &str,
    from: &str,
) -> Result<i64, AppError> {
    if !user.may(Permission::RecordReview) {
        return Err(AppError::Forbidden("change a review"));
    }
    let what = match edit {
        ReviewEdit::Amend(_) => "amended",
        ReviewEdit::Withdraw => "withdrawn",
    };
    let reason = check_reason(reason, what)
        .map(|_| reason.trim().to_owned())
        .map_err(|_| AppError::Invalid(format!("Enter why the review is being {what}")))?;
    store.write(|tx| {
        if !crate::may_see_child(tx, user, child)? {
            return Err(AppError::Forbidden("change a review for this child"));
        }
        let journey = tx
            .journey(child)?
            .ok_or_else(|| AppError::ChildNotFound(child.clone()))?;
        if journey.version != version {
            return Err(StoreError::Stale {
                record: format!("child {child}"),
                expected: version,
                found: journey.version,
            }
            .into());
        }
        let before = *journey
            .value
            .reviews()
            .iter()
            .find(|r| r.date == held)
            .ok_or_else(|| AppError::NotFound(format!("the review on {held}")))?;
        let today = clock.today();
        let next = match edit {
            ReviewEdit::Amend(to) => {
                check_participation(
                    journey.value.child().date_of_birth,
                    to.date,
                    to.participation,
                )
                .map_err(AppError::Invalid)?;
                amended(&journey.value, held, to, today)?
            }
            ReviewEdit::Withdraw => withdrawn(&journey.value, held, today)?,
        };
        let new_version = tx.update_journey(&next, version, clock.now())?;
        let change = ReviewChange {
            child_id: child.to_string(),
            what: what.to_owned(),
            held,
            participation: before.participation.code().to_owned(),
            now_held: match edit {
                ReviewEdit::Amend(to) => Some(to.date),
                ReviewEdit::Withdraw => None,
            },
            now_participation: match edit {
                ReviewEdit::Amend(to) => Some(to.participation.code().to_owned()),
                ReviewEdit::Withdraw => None,
            },
            by: user.username.clone(),
            on: today,
            reason,
        };
        let n = tx
            .records_of_child::<serde_json::Value>(RecordKind::ReviewChange, child.as_str())?
            .len();
        tx.insert_records(
            RecordKind::ReviewChange,
            &[Record {
                id: format!("{child}-RC{:02}", n + 1),
                child_id: Some(child.to_string()),
                stage: what.to_owned(),
                key_date: Some(held.to_string()),
                document: change.clone(),
            }],
        )?;
        crate::permanence::refresh_tracking(tx, &next)?;
        let details = serde_json::json!({
            "held": held.to_string(),
            "now_held": change.now_held.map(|d| d.to_string()),
            "participation": change.now_participation,
            "from": from,
        });
        tx.append(&domain::audit::AuditEvent {
            at: clock.now(),
            actor: user.username.clone(),
            action: format!(
                "{}_review",
                if what == "amended" {
                    "amend"
                } else {
                    "withdraw"
                }
            ),
            record_type: crate::CHILD_RECORD.to_owned(),
            record_id: child.to_string(),
            details: details.to_string(),
        })?;
        Ok(new_version)
    })
}

/// A child's journey and the changes made to their reviews, for a user who
/// may see the child; the read is audited.
pub fn child_reviews(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    from: &str,
) -> Result<(Versioned<CareJourney>, Vec<ReviewChange>), AppError> {
    crate::read_child_record(store, (user, clock, from), child, "view_reviews", |tx| {
        let journey = tx
            .journey(child)?
            .ok_or_else(|| AppError::ChildNotFound(child.clone()))?;
        let changes = tx
            .records_of_child::<ReviewChange>(RecordKind::ReviewChange, child.as_str())?
            .into_iter()
            .map(|r| r.value.document)
            .collect();
        Ok((journey, changes))
    })
}
