//! Connected foster carers' special payments (PAY-011): agreed and paid in
//! one step, since they are due without a decision (PAY-027).

use domain::child::ChildId;
use domain::passport::allowances::{
    MeansTest, MileageClaim, Occasion, OrderAllowanceBasis, mileage_credit, order_allowance_credit,
    special_payment_credit,
};
use domain::passport::ledger::{AccountKey, Fund, LedgerEntry, payment_of};
use store::{AuditLog, Store};

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

/// What a worker or manager does on a family's SGO or CAO allowance
/// (WF-SGO-CAO-ALLOWANCE); `allowance` is the award's number.
#[derive(Debug, Clone)]
pub enum AllowanceAction {
    /// PAY-014, PAY-015: a means test asked for, for a child of the family.
    Request {
        child: String,
        basis: OrderAllowanceBasis,
        on: chrono::NaiveDate,
    },
    /// The means test completed (finance or the assessing worker).
    MeansTested {
        allowance: u32,
        test: MeansTest,
    },
    /// An authorised manager agrees it for `weeks` weeks from today: a
    /// credit of the child's allowances account.
    Agree {
        allowance: u32,
        weeks: u64,
    },
    NotAgreed {
        allowance: u32,
        reasons: String,
    },
    /// PAY-016: the annual review with a fresh means test; a further
    /// `weeks` weeks are agreed at its rate unless none is payable.
    Review {
        allowance: u32,
        test: MeansTest,
        weeks: u64,
    },
    End {
        allowance: u32,
        on: chrono::NaiveDate,
        reason: String,
    },
}

impl AllowanceAction {
    fn code(&self) -> &'static str {
        match self {
            Self::Request { .. } => "request",
            Self::MeansTested { .. } => "means_test",
            Self::Agree { .. } => "agree",
            Self::NotAgreed { .. } => "not_agreed",
            Self::Review { .. } => "review",
            Self::End { .. } => "end",
        }
    }
}

/// Does `action` on household `id`'s allowances at the support record's
/// `version`, in one transaction: the award's stage, the ledger's credit
/// for a period agreed, the event on the family's role the annual review
/// (PAY-016) runs from, and the audit event. Returns what was done.
pub fn act_on_allowance(
    store: &Store,
    who: By<'_>,
    (id, version): (&str, i64),
    action: AllowanceAction,
) -> Result<String, AppError> {
    use domain::access::Permission;
    use domain::deadlines::EventKind::{
        SgoAllowanceEnded, SgoAllowanceReviewed, SgoAllowanceStarted,
    };
    use domain::passport::order_allowance::{OrderAllowance, RecordedMeansTest};

    use super::support::{invalid, load, record_on_role, save};
    let (user, clock, from) = who;
    if !user.may(Permission::WorkOnSupport) {
        return Err(AppError::Forbidden("work on this family's allowance"));
    }
    let code = action.code();
    let actor = actor(user, from);
    super::passport::with_passport(
        store,
        who,
        id,
        "work on this family's allowance",
        |tx, h, _, _| {
            let (mut record, found) = load(tx, id)?;
            if found != version {
                return Err(store::StoreError::Stale {
                    record: format!("the support of household {id}"),
                    expected: version,
                    found,
                }
                .into());
            }
            let today = clock.today();
            let me = user.username.as_str();
            let recorded = |t: MeansTest| RecordedMeansTest {
                completed: t.completed,
                weekly_income_pence: t.weekly_income_pence,
                weekly_outgoings_pence: t.weekly_outgoings_pence,
                weekly_allowance_pence: t.weekly_allowance_pence,
                by: me.to_owned(),
            };
            let number = match &action {
                AllowanceAction::Request { .. } => record.allowances.len() as u32 + 1,
                AllowanceAction::MeansTested { allowance, .. }
                | AllowanceAction::Agree { allowance, .. }
                | AllowanceAction::NotAgreed { allowance, .. }
                | AllowanceAction::Review { allowance, .. }
                | AllowanceAction::End { allowance, .. } => *allowance,
            };
            let done = match action.clone() {
                AllowanceAction::Request { child, basis, on } => {
                    not_future(on, today)?;
                    let child = h
                        .value
                        .links
                        .iter()
                        .find(|l| l.child_id == child)
                        .and_then(|l| ChildId::parse(&l.child_id).ok())
                        .ok_or_else(|| {
                            AppError::Invalid(
                                "Child: choose a child placed with the family or subject of its order"
                                    .into(),
                            )
                        })?;
                    record
                        .allowances
                        .push(OrderAllowance::request(number, child, basis, on, me));
                    format!("Allowance {number}: the means test was asked for")
                }
                AllowanceAction::MeansTested { test, .. } => {
                    not_future(test.completed, today)?;
                    award(&mut record.allowances, number)?
                        .means_tested(recorded(test))
                        .map_err(invalid)?;
                    format!("Allowance {number}: the means test was recorded; a manager decides")
                }
                AllowanceAction::Agree { weeks, .. } => {
                    let a = award(&mut record.allowances, number)?;
                    a.agree(user.role, me, today).map_err(invalid)?;
                    let test = a.latest_test().map(|t| t.test());
                    let entry = credit(tx, (&actor, who), a, test, weeks)?;
                    a.entries.push(entry);
                    let review = a.next_review;
                    record_on_role(tx, &h, &[SgoAllowanceStarted], today)?;
                    format!(
                        "Allowance {number} was agreed for {weeks} weeks; its annual review is due {}",
                        review
                            .map(|d| d.format("%-d %B %Y").to_string())
                            .unwrap_or_default()
                    )
                }
                AllowanceAction::NotAgreed { reasons, .. } => {
                    award(&mut record.allowances, number)?
                        .not_agreed(user.role, me, &reasons)
                        .map_err(invalid)?;
                    format!("Allowance {number} was not agreed")
                }
                AllowanceAction::Review { test, weeks, .. } => {
                    not_future(test.completed, today)?;
                    let a = award(&mut record.allowances, number)?;
                    let outcome = a
                        .review(user.role, recorded(test), today)
                        .map_err(invalid)?;
                    if outcome == "ended" {
                        record_on_role(tx, &h, &[SgoAllowanceReviewed, SgoAllowanceEnded], today)?;
                    } else {
                        let entry = credit(tx, (&actor, who), a, Some(test), weeks)?;
                        a.entries.push(entry);
                        record_on_role(tx, &h, &[SgoAllowanceReviewed], today)?;
                    }
                    format!("Allowance {number} was reviewed: {outcome}")
                }
                AllowanceAction::End { on, reason, .. } => {
                    not_future(on, today)?;
                    award(&mut record.allowances, number)?
                        .end(on, &reason)
                        .map_err(invalid)?;
                    record_on_role(tx, &h, &[SgoAllowanceEnded], on)?;
                    format!("Allowance {number} ended")
                }
            };
            save(tx, &record, version)?;
            tx.append(&super::passport::audit(
                who,
                &format!("allowance.{code}"),
                id,
                serde_json::json!({ "allowance": number }),
            ))?;
            Ok(done)
        },
    )
}

fn not_future(on: chrono::NaiveDate, today: chrono::NaiveDate) -> Result<(), AppError> {
    if on > today {
        return Err(AppError::Invalid(
            "Date: the date cannot be in the future".into(),
        ));
    }
    Ok(())
}

fn award(
    all: &mut [domain::passport::order_allowance::OrderAllowance],
    number: u32,
) -> Result<&mut domain::passport::order_allowance::OrderAllowance, AppError> {
    all.iter_mut()
        .find(|a| a.number == number)
        .ok_or_else(|| AppError::Invalid("Allowance: choose the allowance".into()))
}

/// The credit of `weeks` weeks of `a`'s allowance in its child's account.
fn credit(
    tx: &mut store::Tx<'_>,
    (actor, (user, clock, _)): (&domain::audit::Actor, By<'_>),
    a: &domain::passport::order_allowance::OrderAllowance,
    test: Option<MeansTest>,
    weeks: u64,
) -> Result<String, AppError> {
    ensure_money_of(tx, user, &a.child_id, "agree an allowance for this child")?;
    let today = clock.today();
    let key = AccountKey::new(Fund::Allowances, a.child_id.as_str(), today);
    let entry = post(tx, actor, clock, &key, None, |_, id| {
        order_allowance_credit(
            a.child_id.clone(),
            a.basis,
            test,
            weeks,
            user,
            today,
            |_| id,
        )
        .map_err(refused)
    })?;
    Ok(entry.id)
}
