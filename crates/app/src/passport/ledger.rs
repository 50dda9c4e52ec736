//! The ledger's use cases: read the ledger or one account, pay from an
//! agreed sum, reverse an entry, and [`post`], through which every other
//! money use case writes: the account read, the domain's check
//! ([`domain::passport::ledger::post`]), the entry appended at the
//! account's next number and its audit event, all in the caller's
//! transaction. Audit details hold codes, identifiers and amounts only.

use std::collections::BTreeMap;

use domain::access::User;
use domain::audit::Actor;
use domain::child::ChildId;
use domain::passport::ledger::{
    self as money, AccountKey, EntryKind, LedgerEntry, LedgerError, balance, entry_id, payment_of,
    reversal_of,
};
use domain::roles::Role;
use domain::time::Clock;
use store::{AuditLog, LedgerRepository, Store};

use crate::AppError;

/// The record type of the ledger's audit events that name no child.
const LEDGER_RECORD: &str = "money_ledger";

/// A refusal of the ledger's rules, as the use case's error.
pub(crate) fn refused(e: LedgerError) -> AppError {
    AppError::Invalid(e.to_string())
}

/// Whether `user` may see the money of `child`: finance sees every
/// account; others the children whose records they may open.
pub(crate) fn may_see_money(
    tx: &mut store::Tx<'_>,
    user: &User,
    child: &ChildId,
) -> Result<bool, AppError> {
    if user.role == Role::FinanceOfficer {
        return Ok(true);
    }
    Ok(crate::may_see_child(tx, user, child)?)
}

/// Refuses a user who may not work with `child`'s money.
pub(crate) fn ensure_money_of(
    tx: &mut store::Tx<'_>,
    user: &User,
    child: &ChildId,
    what: &'static str,
) -> Result<(), AppError> {
    if may_see_money(tx, user, child)? {
        Ok(())
    } else {
        Err(AppError::Forbidden(what))
    }
}

/// Posts one entry made by `make` (given the account's entries and the new
/// entry's identifier) in the caller's transaction: checked against the
/// account, appended at its next number and audited as `money.<kind>`.
/// `expected` is the number of entries the person saw, when they saw the
/// account: a different number now is refused as stale.
pub(crate) fn post(
    tx: &mut store::Tx<'_>,
    actor: &Actor,
    clock: &dyn Clock,
    key: &AccountKey,
    expected: Option<usize>,
    make: impl FnOnce(&[LedgerEntry], String) -> Result<LedgerEntry, AppError>,
) -> Result<LedgerEntry, AppError> {
    let account = tx.ledger_account(key)?;
    if let Some(seen) = expected
        && seen != account.len()
    {
        return Err(store::StoreError::Stale {
            record: format!(
                "the {} account of {} for {}",
                key.fund.label(),
                key.person,
                money::year_label(key.year)
            ),
            expected: seen as i64,
            found: account.len() as i64,
        }
        .into());
    }
    let entry = make(&account, entry_id(key, account.len() + 1))?;
    if &entry.account != key {
        return Err(AppError::Invalid(
            "an entry is posted to its own account".into(),
        ));
    }
    money::post(&account, &entry).map_err(refused)?;
    tx.append_ledger_entry(&entry, account.len() as i64 + 1)?;
    let details = serde_json::json!({
        "entry": entry.id,
        "fund": key.fund.code(),
        "year": key.year,
        "type": entry.payment_type.code(),
        "pence": entry.amount_pence,
        "against": entry.against,
    });
    tx.append(&crate::audit_event(
        actor,
        clock,
        &format!("money.{}", kind_code(entry.kind)),
        &entry.child_id,
        details.to_string(),
    ))?;
    Ok(entry)
}

fn kind_code(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Credit => "credit",
        EntryKind::Payment => "payment",
        EntryKind::Reversal => "reversal",
    }
}

/// Who does a money use case: the user, the clock, and where the request
/// came from.
pub type By<'a> = (&'a User, &'a dyn Clock, &'a str);

/// The actor of a use case: the user and where the request came from.
pub(crate) fn actor(user: &User, from: &str) -> Actor {
    Actor::new(user.username.clone()).from_address(from)
}

/// An account as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountView {
    pub key: AccountKey,
    pub entries: Vec<LedgerEntry>,
    pub balance_pence: i64,
}

impl AccountView {
    /// How many entries the person saw: the version a payment or a
    /// reversal from the page carries.
    pub fn version(&self) -> usize {
        self.entries.len()
    }

    /// What is left to pay of each standing credit.
    pub fn unpaid(&self) -> Vec<(&LedgerEntry, u64)> {
        money::live_credits(&self.entries)
            .map(|c| (c, c.amount_pence - money::paid_from(&self.entries, &c.id)))
            .filter(|(_, left)| *left > 0)
            .collect()
    }
}

/// Opens one account (a fund, a person, a year) for a user who may see the
/// child's money; the read is audited against the child, or the refusal.
pub fn account(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    key: &AccountKey,
    from: &str,
) -> Result<AccountView, AppError> {
    if !user.may(domain::access::Permission::ManageMoney) {
        return Err(AppError::Forbidden("see the money ledger"));
    }
    let actor = actor(user, from);
    let result = store.write(|tx| -> Result<Result<AccountView, AppError>, AppError> {
        let entries = tx.ledger_account(key)?;
        let Some(child) = entries.first().map(|e| e.child_id.clone()) else {
            return Ok(Err(AppError::NotFound(format!(
                "an account of {} for {} in {}",
                key.fund.label(),
                key.person,
                money::year_label(key.year)
            ))));
        };
        let seen = may_see_money(tx, user, &child)?;
        let action = if seen {
            "view_money"
        } else {
            "view_money_denied"
        };
        let details = serde_json::json!({"fund": key.fund.code(), "year": key.year});
        tx.append(&crate::audit_event(
            &actor,
            clock,
            action,
            &child,
            details.to_string(),
        ))?;
        if !seen {
            return Ok(Err(AppError::Forbidden("see this child's money")));
        }
        Ok(Ok(AccountView {
            key: key.clone(),
            balance_pence: balance(&entries),
            entries,
        }))
    });
    result?
}

/// A line of the ledger page: an account with its balance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerView {
    /// Every entry the user may see, by date.
    pub entries: Vec<LedgerEntry>,
    /// Each account's balance.
    pub balances: BTreeMap<AccountKey, i64>,
}

/// The ledger: finance and the service's managers see every entry, a team
/// manager their team's children's. The read is audited with its count.
pub fn ledger(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    from: &str,
) -> Result<LedgerView, AppError> {
    if user.role != Role::FinanceOfficer && !money::is_manager(user.role) {
        return Err(AppError::Forbidden("see the ledger"));
    }
    let actor = actor(user, from);
    store.write(|tx| {
        let mut seen: BTreeMap<ChildId, bool> = BTreeMap::new();
        let mut entries = Vec::new();
        for e in tx.ledger_entries(None)? {
            let may = match seen.get(&e.child_id) {
                Some(may) => *may,
                None => {
                    let may = may_see_money(tx, user, &e.child_id)?;
                    seen.insert(e.child_id.clone(), may);
                    may
                }
            };
            if may {
                entries.push(e);
            }
        }
        let mut accounts: BTreeMap<AccountKey, Vec<LedgerEntry>> = BTreeMap::new();
        for e in &entries {
            accounts
                .entry(e.account.clone())
                .or_default()
                .push(e.clone());
        }
        let balances = accounts
            .into_iter()
            .map(|(k, es)| (k, balance(&es)))
            .collect();
        tx.append(&domain::audit::AuditEvent {
            at: clock.now(),
            actor: actor.user_id.clone(),
            action: "view_ledger".into(),
            record_type: LEDGER_RECORD.into(),
            record_id: String::new(),
            details: serde_json::json!({"entries": entries.len(), "from": from}).to_string(),
        })?;
        Ok(LedgerView { entries, balances })
    })
}

/// Finance pays `amount_pence` from the agreed sum `credit` on the account
/// at the version the person saw (WF-ADDITIONAL-PAYMENT, WF-EXEMPT-PAYMENT
/// and WF-THERAPY-FUND's "paid"): refused past what was agreed, below a
/// zero balance, or for anyone but finance.
pub fn pay(
    store: &Store,
    (user, clock, from): By<'_>,
    credit: &str,
    amount_pence: u64,
    reason: &str,
    expected: usize,
) -> Result<LedgerEntry, AppError> {
    if user.role != Role::FinanceOfficer {
        return Err(AppError::Forbidden("make payments: finance makes them"));
    }
    let actor = actor(user, from);
    store.write(|tx| {
        let c = tx
            .ledger_entry(credit)?
            .ok_or_else(|| AppError::NotFound(format!("ledger entry {credit}")))?;
        post(
            tx,
            &actor,
            clock,
            &c.account.clone(),
            Some(expected),
            |_, id| {
                Ok(payment_of(
                    &c,
                    id,
                    amount_pence,
                    user,
                    clock.today(),
                    reason,
                ))
            },
        )
    })
}

/// Corrects an entry by its reversal, never by editing it: finance or a
/// service manager, with the reason, on the account at the version seen.
pub fn reverse(
    store: &Store,
    (user, clock, from): By<'_>,
    entry: &str,
    reason: &str,
    expected: usize,
) -> Result<LedgerEntry, AppError> {
    if !matches!(user.role, Role::FinanceOfficer | Role::ServiceManager) {
        return Err(AppError::Forbidden(
            "correct the ledger: finance or a service manager does",
        ));
    }
    let actor = actor(user, from);
    store.write(|tx| {
        let e = tx
            .ledger_entry(entry)?
            .ok_or_else(|| AppError::NotFound(format!("ledger entry {entry}")))?;
        post(
            tx,
            &actor,
            clock,
            &e.account.clone(),
            Some(expected),
            |_, id| Ok(reversal_of(&e, id, user, clock.today(), reason)),
        )
    })
}

/// Loads a council's ledger (demo data) entry by entry through the same
/// checks, in one transaction, with one audit event counting them.
pub fn load_ledger(
    store: &Store,
    actor: &Actor,
    clock: &dyn Clock,
    entries: &[LedgerEntry],
) -> Result<usize, AppError> {
    store.write(|tx| {
        for e in entries {
            let account = tx.ledger_account(&e.account)?;
            money::post(&account, e).map_err(refused)?;
            tx.append_ledger_entry(e, account.len() as i64 + 1)?;
        }
        tx.append(&domain::audit::AuditEvent {
            at: clock.now(),
            actor: actor.user_id.clone(),
            action: "load_ledger".into(),
            record_type: LEDGER_RECORD.into(),
            record_id: String::new(),
            details: serde_json::json!({"entries": entries.len()}).to_string(),
        })?;
        Ok(entries.len())
    })
}
