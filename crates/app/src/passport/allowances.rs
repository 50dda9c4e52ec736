//! Connected foster carers' special payments (PAY-011): agreed and paid in
//! one step, since they are due without a decision (PAY-027).

use domain::child::ChildId;
use domain::passport::allowances::{
    MeansTest, MileageClaim, Occasion, OrderAllowanceBasis, mileage_credit, order_allowance_credit,
    special_payment_credit,
};
use domain::passport::ledger::{AccountKey, Fund, LedgerEntry, payment_of};
use store::Store;

use super::ledger::{By, actor, ensure_money_of, post, refused};
use crate::AppError;

/// Records a birthday, festival or holiday payment of one week's allowance
/// for a child, refused if one of that kind was already made this
/// financial year; the sum and its payment are two entries of the ledger.
pub fn special_payment(
    store: &Store,
    (user, clock, from): By<'_>,
    child: &ChildId,
    occasion: Occasion,
    weekly_allowance_pence: u64,
) -> Result<LedgerEntry, AppError> {
    let actor = actor(user, from);
    store.write(|tx| {
        ensure_money_of(tx, user, child, "record payments for this child")?;
        let today = clock.today();
        let key = AccountKey::new(Fund::Allowances, child.as_str(), today);
        let credit = post(tx, &actor, clock, &key, None, |account, id| {
            special_payment_credit(
                account,
                child.clone(),
                occasion,
                weekly_allowance_pence,
                user,
                today,
                |_| id,
            )
            .map_err(refused)
        })?;
        post(tx, &actor, clock, &key, None, |_, id| {
            Ok(payment_of(
                &credit,
                id,
                credit.amount_pence,
                user,
                today,
                "Due as agreed",
            ))
        })
    })
}

/// An authorised manager agrees an SGO or CAO allowance for a period, on a
/// completed means test (WF-SGO-CAO-ALLOWANCE); finance pays it from the
/// child's allowances account.
pub fn agree_order_allowance(
    store: &Store,
    (user, clock, from): By<'_>,
    child: &ChildId,
    basis: OrderAllowanceBasis,
    means_test: Option<MeansTest>,
    weeks: u64,
) -> Result<LedgerEntry, AppError> {
    let actor = actor(user, from);
    store.write(|tx| {
        ensure_money_of(tx, user, child, "agree an allowance for this child")?;
        let today = clock.today();
        let key = AccountKey::new(Fund::Allowances, child.as_str(), today);
        post(tx, &actor, clock, &key, None, |_, id| {
            order_allowance_credit(child.clone(), basis, means_test, weeks, user, today, |_| id)
                .map_err(refused)
        })
    })
}

/// The supervising social worker confirms a carer's mileage claim
/// (PAY-012); finance pays it from the child's allowances account.
pub fn confirm_mileage(
    store: &Store,
    (user, clock, from): By<'_>,
    claim: MileageClaim,
) -> Result<LedgerEntry, AppError> {
    let actor = actor(user, from);
    store.write(|tx| {
        ensure_money_of(tx, user, &claim.child_id, "confirm claims for this child")?;
        let today = clock.today();
        let key = AccountKey::new(Fund::Allowances, claim.child_id.as_str(), today);
        post(tx, &actor, clock, &key, None, |_, id| {
            mileage_credit(claim, user, today, |_| id).map_err(refused)
        })
    })
}
