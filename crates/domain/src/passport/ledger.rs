//! The money ledger: every sum the council agrees or pays is an immutable
//! entry in integer pence, with who approved it and why (PAY-027).
//!
//! An account is one fund, one person (a child or a family member) and one
//! financial year. A *credit* is a sum agreed (a panel's decision, a
//! manager's exempt decision, a therapeutic fund allocation, an ASF award);
//! a *payment* draws on one credit; a *reversal* corrects one entry by its
//! opposite, never by editing it. [`post`] is the one check every new entry
//! passes: the account's balance never goes below zero and no credit is paid
//! more than once over.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::access::User;
use crate::child::ChildId;
use crate::reporting::conventions::Period;
use crate::roles::Role;

/// Pence as pounds and pence (£1,200.00, -£5.00).
pub fn pounds(pence: i64) -> String {
    let sign = if pence < 0 { "-" } else { "" };
    let pence = pence.unsigned_abs();
    let whole = (pence / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}£{grouped}.{:02}", pence % 100)
}

/// The financial year (1 April to 31 March) a date falls in, as the year it
/// starts in (2025 for 2025-26): PAY-011 and PAY-021 count by it.
pub fn financial_year(on: NaiveDate) -> i32 {
    Period::year_of(on).year
}

/// A financial year's label: 2025-26.
pub fn year_label(year: i32) -> String {
    format!("{year}-{:02}", (year + 1) % 100)
}

/// Where the money comes from (the data model's "funding source"). The ASF
/// is kept apart from the council's own therapeutic fund (PAY-026).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fund {
    /// The council's discretionary payments: additional payments,
    /// settling-in grants and the exempt payments of PAY-007.
    Discretionary,
    /// The council's therapeutic intervention fund (PAY-017 … PAY-021).
    Therapeutic,
    /// The Adoption Support Fund, an external fund (PAY-022 … PAY-026).
    AdoptionSupportFund,
    /// Allowances and the special payments that follow them (PAY-010,
    /// PAY-011, PAY-014 … PAY-016).
    Allowances,
}

impl Fund {
    pub const ALL: [Fund; 4] = [
        Fund::Discretionary,
        Fund::Therapeutic,
        Fund::AdoptionSupportFund,
        Fund::Allowances,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Fund::Discretionary => "discretionary",
            Fund::Therapeutic => "therapeutic",
            Fund::AdoptionSupportFund => "asf",
            Fund::Allowances => "allowances",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Fund::Discretionary => "Discretionary payments (council)",
            Fund::Therapeutic => "Therapeutic intervention fund (council)",
            Fund::AdoptionSupportFund => "Adoption Support Fund (external)",
            Fund::Allowances => "Allowances and special payments (council)",
        }
    }

    pub fn parse(code: &str) -> Option<Fund> {
        Fund::ALL.into_iter().find(|f| f.code() == code)
    }
}

/// How a type of payment is decided (PAY-027's last column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionRoute {
    /// Due without a decision: allowances and the special payments.
    Automatic,
    /// Social worker, Team Manager, Permanence Panel, appeal (PAY-002 …
    /// PAY-006): the decision names the case and the panel's minute.
    Panel,
    /// Outside the panel route: a manager's decision with a reason (PAY-007).
    ExemptManager,
    /// The Permanence Panel or a designated manager (PAY-020).
    TherapyApprover,
    /// Decided by the external fund (PAY-026).
    ExternalFund,
}

/// PAY-027: the payment type catalogue. The legacy need grant stays only so
/// historic records read (PAY-009).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentType {
    FosteringAllowance,
    BirthdayPayment,
    FestivalPayment,
    HolidayPayment,
    Mileage,
    SettlingInGrant,
    AdditionalPayment,
    EmergencySafety,
    EmergencyAccommodation,
    AdditionalHolidayPayment,
    CapitalLoan,
    SgoCaoAllowance,
    TherapeuticFund,
    AdoptionSupportFund,
    /// PAY-009: the former grants system; no new entries.
    LegacyNeedGrant,
}

impl PaymentType {
    pub const ALL: [PaymentType; 15] = [
        PaymentType::FosteringAllowance,
        PaymentType::BirthdayPayment,
        PaymentType::FestivalPayment,
        PaymentType::HolidayPayment,
        PaymentType::Mileage,
        PaymentType::SettlingInGrant,
        PaymentType::AdditionalPayment,
        PaymentType::EmergencySafety,
        PaymentType::EmergencyAccommodation,
        PaymentType::AdditionalHolidayPayment,
        PaymentType::CapitalLoan,
        PaymentType::SgoCaoAllowance,
        PaymentType::TherapeuticFund,
        PaymentType::AdoptionSupportFund,
        PaymentType::LegacyNeedGrant,
    ];

    /// The exempt types of PAY-007, decided by a manager outside the panel.
    pub const EXEMPT: [PaymentType; 4] = [
        PaymentType::EmergencySafety,
        PaymentType::EmergencyAccommodation,
        PaymentType::AdditionalHolidayPayment,
        PaymentType::CapitalLoan,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PaymentType::FosteringAllowance => "fostering_allowance",
            PaymentType::BirthdayPayment => "birthday_payment",
            PaymentType::FestivalPayment => "festival_payment",
            PaymentType::HolidayPayment => "holiday_payment",
            PaymentType::Mileage => "mileage",
            PaymentType::SettlingInGrant => "settling_in_grant",
            PaymentType::AdditionalPayment => "additional_payment",
            PaymentType::EmergencySafety => "emergency_safety",
            PaymentType::EmergencyAccommodation => "emergency_accommodation",
            PaymentType::AdditionalHolidayPayment => "additional_holiday_payment",
            PaymentType::CapitalLoan => "capital_loan",
            PaymentType::SgoCaoAllowance => "sgo_cao_allowance",
            PaymentType::TherapeuticFund => "therapeutic_fund",
            PaymentType::AdoptionSupportFund => "adoption_support_fund",
            PaymentType::LegacyNeedGrant => "legacy_need_grant",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PaymentType::FosteringAllowance => "Fostering allowance",
            PaymentType::BirthdayPayment => "Birthday payment",
            PaymentType::FestivalPayment => "Festival payment",
            PaymentType::HolidayPayment => "Holiday payment",
            PaymentType::Mileage => "Mileage",
            PaymentType::SettlingInGrant => "Settling-in grant",
            PaymentType::AdditionalPayment => "Additional (discretionary) payment",
            PaymentType::EmergencySafety => "Emergency payment to secure the child's safety",
            PaymentType::EmergencyAccommodation => "Emergency accommodation",
            PaymentType::AdditionalHolidayPayment => "Additional holiday payment (foster carer)",
            PaymentType::CapitalLoan => "Capital loan",
            PaymentType::SgoCaoAllowance => "SGO or CAO allowance",
            PaymentType::TherapeuticFund => "Therapeutic intervention fund",
            PaymentType::AdoptionSupportFund => "Adoption Support Fund",
            PaymentType::LegacyNeedGrant => "Need grant (former grants system)",
        }
    }

    /// PAY-009: reads a type for a new entry; the former grants are
    /// refused, and the additional payment offered instead.
    pub fn parse_new(code: &str) -> Result<PaymentType, LedgerError> {
        match PaymentType::ALL.into_iter().find(|t| t.code() == code) {
            Some(PaymentType::LegacyNeedGrant) => Err(LedgerError::LegacyGrant),
            Some(t) => Ok(t),
            None => Err(LedgerError::Field {
                field: "payment type",
                problem: format!("\"{code}\" is not a payment type"),
            }),
        }
    }

    /// PAY-027: the route this type's decision takes.
    pub fn route(self) -> DecisionRoute {
        match self {
            PaymentType::FosteringAllowance
            | PaymentType::BirthdayPayment
            | PaymentType::FestivalPayment
            | PaymentType::HolidayPayment
            | PaymentType::Mileage
            | PaymentType::SgoCaoAllowance => DecisionRoute::Automatic,
            PaymentType::SettlingInGrant
            | PaymentType::AdditionalPayment
            | PaymentType::LegacyNeedGrant => DecisionRoute::Panel,
            PaymentType::EmergencySafety
            | PaymentType::EmergencyAccommodation
            | PaymentType::AdditionalHolidayPayment
            | PaymentType::CapitalLoan => DecisionRoute::ExemptManager,
            PaymentType::TherapeuticFund => DecisionRoute::TherapyApprover,
            PaymentType::AdoptionSupportFund => DecisionRoute::ExternalFund,
        }
    }

    /// The fund a payment of this type is drawn from.
    pub fn fund(self) -> Fund {
        match self.route() {
            DecisionRoute::Automatic => Fund::Allowances,
            DecisionRoute::Panel | DecisionRoute::ExemptManager => Fund::Discretionary,
            DecisionRoute::TherapyApprover => Fund::Therapeutic,
            DecisionRoute::ExternalFund => Fund::AdoptionSupportFund,
        }
    }
}

/// What an entry does to its account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// A sum agreed: the account's balance goes up.
    Credit,
    /// A sum paid out of one credit: the balance goes down.
    Payment,
    /// The correction of one earlier entry, by its opposite.
    Reversal,
}

impl EntryKind {
    pub fn label(self) -> &'static str {
        match self {
            EntryKind::Credit => "Agreed",
            EntryKind::Payment => "Paid",
            EntryKind::Reversal => "Reversed",
        }
    }
}

/// An account: one fund, one person, one financial year.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AccountKey {
    pub fund: Fund,
    /// The child or family member the money is for.
    pub person: String,
    /// The financial year, as the year it starts in.
    pub year: i32,
}

impl AccountKey {
    pub fn new(fund: Fund, person: &str, on: NaiveDate) -> Self {
        Self {
            fund,
            person: person.to_owned(),
            year: financial_year(on),
        }
    }
}

/// One immutable line of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntry {
    pub id: String,
    pub account: AccountKey,
    /// The child the money is for (or whose family member it is for).
    pub child_id: ChildId,
    pub kind: EntryKind,
    pub payment_type: PaymentType,
    /// Always positive: the kind says which way it moves the balance.
    pub amount_pence: u64,
    pub on: NaiveDate,
    /// Who approved it (a user name), and in which role.
    pub approved_by: String,
    pub approver_role: String,
    /// Why: the decision's reason, or what a correction corrects.
    pub reason: String,
    /// The decision it rests on: a case, a panel minute, a fund's award.
    #[serde(default)]
    pub decision_ref: Option<String>,
    /// A payment: the credit it draws on; a reversal: the entry it reverses.
    #[serde(default)]
    pub against: Option<String>,
}

impl LedgerEntry {
    /// What the entry does to its account's balance, in pence.
    pub fn effect(&self, account: &[LedgerEntry]) -> i64 {
        let amount = self.amount_pence as i64;
        match self.kind {
            EntryKind::Credit => amount,
            EntryKind::Payment => -amount,
            EntryKind::Reversal => {
                let reversed = account
                    .iter()
                    .find(|e| Some(&e.id) == self.against.as_ref());
                match reversed.map(|e| e.kind) {
                    Some(EntryKind::Payment) => amount,
                    _ => -amount,
                }
            }
        }
    }
}

/// Why an entry may not be posted. Nothing is written in any of these cases.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    #[error("{field}: {problem}")]
    Field {
        field: &'static str,
        problem: String,
    },
    #[error(
        "the {fund} for {person} in {year} has {balance} left: a payment of {amount} would take it below zero"
    )]
    Overspent {
        fund: &'static str,
        person: String,
        year: String,
        balance: String,
        amount: String,
    },
    #[error("{credit} has {paid} paid of {agreed} agreed: {amount} more would pay it twice")]
    PaidTwice {
        credit: String,
        paid: String,
        agreed: String,
        amount: String,
    },
    #[error("{0} is already reversed: an entry is corrected once")]
    AlreadyReversed(String),
    #[error("{0} has payments made from it: reverse those first")]
    CreditInUse(String),
    #[error("{0}")]
    NotAllowed(String),
    #[error(
        "need grants from the former grants system have ended (PAY-009): make an additional (discretionary) payment instead"
    )]
    LegacyGrant,
}

fn field(field: &'static str, problem: impl Into<String>) -> LedgerError {
    LedgerError::Field {
        field,
        problem: problem.into(),
    }
}

/// The balance of an account's entries, in pence.
pub fn balance(account: &[LedgerEntry]) -> i64 {
    account.iter().map(|e| e.effect(account)).sum()
}

fn reversed(account: &[LedgerEntry], id: &str) -> bool {
    account
        .iter()
        .any(|e| e.kind == EntryKind::Reversal && e.against.as_deref() == Some(id))
}

/// What has been paid from a credit, less the payments reversed.
pub fn paid_from(account: &[LedgerEntry], credit: &str) -> u64 {
    account
        .iter()
        .filter(|e| e.kind == EntryKind::Payment && e.against.as_deref() == Some(credit))
        .filter(|e| !reversed(account, &e.id))
        .map(|e| e.amount_pence)
        .sum()
}

/// The credits of an account still standing (not reversed).
pub fn live_credits(account: &[LedgerEntry]) -> impl Iterator<Item = &LedgerEntry> {
    account
        .iter()
        .filter(|e| e.kind == EntryKind::Credit && !reversed(account, &e.id))
}

/// Whether `role` is a manager (Team Manager or above): PAY-007's deciders
/// and PAY-020's designated managers.
pub fn is_manager(role: Role) -> bool {
    matches!(
        role,
        Role::TeamManager | Role::ServiceManager | Role::HeadOfService
    )
}

/// The one check for a new entry against its account's entries (PAY-002,
/// PAY-007, PAY-027): a positive amount and a reason; a credit carries the
/// decision its type's route asks for; a payment draws on one standing
/// credit, never past what was agreed nor below a zero balance; a reversal
/// corrects one entry once.
pub fn post(account: &[LedgerEntry], new: &LedgerEntry) -> Result<(), LedgerError> {
    if new.amount_pence == 0 {
        return Err(field("amount", "enter an amount of more than £0.00"));
    }
    if new.reason.trim().is_empty() {
        return Err(field("reason", "say why"));
    }
    if new.payment_type == PaymentType::LegacyNeedGrant {
        return Err(LedgerError::LegacyGrant);
    }
    if new.payment_type.fund() != new.account.fund {
        return Err(field(
            "fund",
            format!(
                "a {} is paid from {}",
                new.payment_type.label(),
                new.payment_type.fund().label()
            ),
        ));
    }
    let role = Role::parse(&new.approver_role);
    match new.kind {
        EntryKind::Credit => check_credit(new, role),
        EntryKind::Payment => check_payment(account, new),
        EntryKind::Reversal => check_reversal(account, new),
    }
}

fn check_credit(new: &LedgerEntry, role: Option<Role>) -> Result<(), LedgerError> {
    let decision = new.decision_ref.as_deref().unwrap_or("").trim();
    match new.payment_type.route() {
        DecisionRoute::Panel if decision.is_empty() => Err(LedgerError::NotAllowed(
            "a discretionary payment is decided by the Permanence Panel: give the panel's minute reference (PAY-002)".into(),
        )),
        DecisionRoute::ExemptManager if !role.is_some_and(is_manager) => {
            Err(LedgerError::NotAllowed(
                "an exempt payment is decided by a Team Manager or above (PAY-007)".into(),
            ))
        }
        DecisionRoute::ExternalFund if decision.is_empty() => Err(field(
            "award reference",
            "give the Adoption Support Fund's award reference",
        )),
        _ => Ok(()),
    }
}

fn check_payment(account: &[LedgerEntry], new: &LedgerEntry) -> Result<(), LedgerError> {
    let credit = account
        .iter()
        .find(|e| e.kind == EntryKind::Credit && Some(&e.id) == new.against.as_ref())
        .ok_or_else(|| field("credit", "choose an agreed sum of this account to pay from"))?;
    if reversed(account, &credit.id) {
        return Err(LedgerError::AlreadyReversed(credit.id.clone()));
    }
    let paid = paid_from(account, &credit.id);
    if paid + new.amount_pence > credit.amount_pence {
        return Err(LedgerError::PaidTwice {
            credit: credit.id.clone(),
            paid: pounds(paid as i64),
            agreed: pounds(credit.amount_pence as i64),
            amount: pounds(new.amount_pence as i64),
        });
    }
    let left = balance(account);
    if left < new.amount_pence as i64 {
        return Err(LedgerError::Overspent {
            fund: new.account.fund.label(),
            person: new.account.person.clone(),
            year: year_label(new.account.year),
            balance: pounds(left),
            amount: pounds(new.amount_pence as i64),
        });
    }
    Ok(())
}

fn check_reversal(account: &[LedgerEntry], new: &LedgerEntry) -> Result<(), LedgerError> {
    let target = account
        .iter()
        .find(|e| Some(&e.id) == new.against.as_ref())
        .ok_or_else(|| field("entry", "choose an entry of this account to reverse"))?;
    if target.kind == EntryKind::Reversal {
        return Err(field(
            "entry",
            "a reversal is not reversed: record a new entry",
        ));
    }
    if reversed(account, &target.id) {
        return Err(LedgerError::AlreadyReversed(target.id.clone()));
    }
    if new.amount_pence != target.amount_pence {
        return Err(field("amount", "a reversal is for the whole of the entry"));
    }
    if target.kind == EntryKind::Credit && paid_from(account, &target.id) > 0 {
        return Err(LedgerError::CreditInUse(target.id.clone()));
    }
    Ok(())
}

/// A new entry's identifier: the account's and its place in it
/// (`therapeutic-C1-2025-03`).
pub fn entry_id(key: &AccountKey, seq: usize) -> String {
    format!("{}-{}-{}-{:02}", key.fund.code(), key.person, key.year, seq)
}

/// A payment of `amount_pence` from `credit` by `user` on `on`, for [`post`].
pub fn payment_of(
    credit: &LedgerEntry,
    id: String,
    amount_pence: u64,
    user: &User,
    on: NaiveDate,
    reason: &str,
) -> LedgerEntry {
    LedgerEntry {
        id,
        kind: EntryKind::Payment,
        amount_pence,
        on,
        approved_by: user.username.clone(),
        approver_role: user.role.code().into(),
        reason: reason.to_owned(),
        against: Some(credit.id.clone()),
        ..credit.clone()
    }
}

/// The reversal of `entry` by `user` on `on`, for [`post`].
pub fn reversal_of(
    entry: &LedgerEntry,
    id: String,
    user: &User,
    on: NaiveDate,
    reason: &str,
) -> LedgerEntry {
    LedgerEntry {
        id,
        kind: EntryKind::Reversal,
        on,
        approved_by: user.username.clone(),
        approver_role: user.role.code().into(),
        reason: reason.to_owned(),
        against: Some(entry.id.clone()),
        ..entry.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        crate::time::parse_iso_date("test", s).unwrap()
    }

    fn finance() -> User {
        User {
            username: "finance".into(),
            display_name: "Finance".into(),
            role: Role::FinanceOfficer,
            team: None,
            worker_id: None,
        }
    }

    fn credit(account: &[LedgerEntry], amount: u64) -> LedgerEntry {
        let key = AccountKey::new(Fund::Discretionary, "C1", d("2025-07-01"));
        LedgerEntry {
            id: entry_id(&key, account.len() + 1),
            account: key,
            child_id: ChildId::parse("C1").unwrap(),
            kind: EntryKind::Credit,
            payment_type: PaymentType::EmergencySafety,
            amount_pence: amount,
            on: d("2025-07-01"),
            approved_by: "tm".into(),
            approver_role: Role::TeamManager.code().into(),
            reason: "Safety".into(),
            decision_ref: None,
            against: None,
        }
    }

    #[test]
    fn pounds_group_thousands_and_keep_the_sign() {
        assert_eq!(pounds(120_000), "£1,200.00");
        assert_eq!(pounds(-500), "-£5.00");
        assert_eq!(year_label(2025), "2025-26");
    }

    /// One request of the property test: agree a sum, pay part of a credit,
    /// or reverse an entry.
    #[derive(Debug, Clone)]
    enum Request {
        Agree(u64),
        Pay(usize, u64),
        Reverse(usize),
    }

    fn request() -> impl Strategy<Value = Request> {
        prop_oneof![
            (1u64..50_000).prop_map(Request::Agree),
            (0usize..8, 1u64..60_000).prop_map(|(i, a)| Request::Pay(i, a)),
            (0usize..8).prop_map(Request::Reverse),
        ]
    }

    proptest! {
        /// No sequence of requests overspends an account or pays a credit
        /// twice: whatever [`post`] accepts keeps the balance at or above
        /// zero and every credit's payments within what it agreed.
        #[test]
        fn no_sequence_of_requests_overspends_a_fund_or_pays_twice(
            requests in proptest::collection::vec(request(), 1..40)
        ) {
            let mut account: Vec<LedgerEntry> = Vec::new();
            for r in requests {
                let new = match r {
                    Request::Agree(a) => credit(&account, a),
                    Request::Pay(i, a) => match account.get(i) {
                        Some(c) => payment_of(c, entry_id(&c.account, account.len() + 1), a, &finance(), d("2025-07-02"), "Invoice"),
                        None => continue,
                    },
                    Request::Reverse(i) => match account.get(i) {
                        Some(e) => reversal_of(e, entry_id(&e.account, account.len() + 1), &finance(), d("2025-07-03"), "Keyed twice"),
                        None => continue,
                    },
                };
                if post(&account, &new).is_ok() {
                    account.push(new);
                }
                prop_assert!(balance(&account) >= 0);
                for c in live_credits(&account) {
                    prop_assert!(paid_from(&account, &c.id) <= c.amount_pence);
                }
            }
        }
    }
}
