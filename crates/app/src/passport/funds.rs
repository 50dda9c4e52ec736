//! The therapeutic intervention fund's allocations (WF-THERAPY-FUND,
//! PAY-017 … PAY-021) and the Adoption Support Fund's awards (PAY-026), as
//! agreed sums of the ledger that finance then pays invoices from.

use domain::child::ChildId;
use domain::passport::funds::{TherapyRequest, asf_award_credit, therapy_credit};
use domain::passport::ledger::{AccountKey, Fund, LedgerEntry};
use domain::roles::Role;
use store::Store;

use super::ledger::{By, actor, ensure_money_of, post, refused};
use crate::AppError;

/// Approves an allocation of the therapeutic fund for a child or a family
/// member, by the approver the offer names, within the year's cap.
pub fn allocate_therapy(
    store: &Store,
    (user, clock, from): By<'_>,
    request: TherapyRequest,
) -> Result<LedgerEntry, AppError> {
    let actor = actor(user, from);
    store.write(|tx| {
        ensure_money_of(
            tx,
            user,
            &request.child_id,
            "approve the fund for this child",
        )?;
        let key = AccountKey::new(Fund::Therapeutic, request.person.trim(), clock.today());
        post(tx, &actor, clock, &key, None, |account, id| {
            therapy_credit(account, request, user, clock.today(), |_| id).map_err(refused)
        })
    })
}

/// PAY-026: records an Adoption Support Fund award at the value the fund
/// decided, in the ASF's own account: the Post Adoption Support service
/// (a post-order support worker) or a manager records it.
pub fn record_asf_award(
    store: &Store,
    (user, clock, from): By<'_>,
    child: &ChildId,
    amount_pence: u64,
    award_ref: &str,
) -> Result<LedgerEntry, AppError> {
    if !matches!(
        user.role,
        Role::PostOrderSupportWorker | Role::TeamManager | Role::ServiceManager
    ) {
        return Err(AppError::Forbidden(
            "record Adoption Support Fund awards: the Post Adoption Support service does",
        ));
    }
    let actor = actor(user, from);
    store.write(|tx| {
        ensure_money_of(tx, user, child, "record an award for this child")?;
        let key = AccountKey::new(Fund::AdoptionSupportFund, child.as_str(), clock.today());
        post(tx, &actor, clock, &key, None, |_, id| {
            Ok(asf_award_credit(
                child.clone(),
                amount_pence,
                award_ref,
                user,
                clock.today(),
                |_| id,
            ))
        })
    })
}
