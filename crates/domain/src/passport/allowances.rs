//! Connected foster carers' special payments (PAY-011): a birthday, a
//! festival (Christmas or one other religious festival) and a holiday, each
//! one week's fostering allowance, at most one of each per child per
//! financial year. The weekly rate is configuration (the Foster Carers
//! Handbook), given by whoever records the payment.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::access::User;
use crate::child::ChildId;
use crate::roles::Role;

use super::ledger::{
    AccountKey, EntryKind, Fund, LedgerEntry, LedgerError, PaymentType, live_credits, year_label,
};

/// The occasion of a special payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Occasion {
    Birthday,
    /// Christmas, or the one other religious festival the carer chooses.
    Festival(String),
    Holiday,
}

impl Occasion {
    fn payment_type(&self) -> PaymentType {
        match self {
            Occasion::Birthday => PaymentType::BirthdayPayment,
            Occasion::Festival(_) => PaymentType::FestivalPayment,
            Occasion::Holiday => PaymentType::HolidayPayment,
        }
    }
}

/// PAY-011: the credit for a special payment for `child` on `on`, one
/// week's allowance, refused if the child's allowance account for the year
/// already has one of that kind (one festival a year, whichever it was).
/// Recorded by the supervising social worker or a manager.
pub fn special_payment_credit(
    account: &[LedgerEntry],
    child_id: ChildId,
    occasion: Occasion,
    weekly_allowance_pence: u64,
    user: &User,
    on: NaiveDate,
    id: impl FnOnce(&AccountKey) -> String,
) -> Result<LedgerEntry, LedgerError> {
    if !matches!(
        user.role,
        Role::SupervisingSocialWorker | Role::TeamManager | Role::ServiceManager
    ) {
        return Err(LedgerError::NotAllowed(
            "special payments are recorded by the supervising social worker or a manager".into(),
        ));
    }
    if let Occasion::Festival(name) = &occasion
        && name.trim().is_empty()
    {
        return Err(LedgerError::Field {
            field: "festival",
            problem: "say which festival: Christmas or another religious festival".into(),
        });
    }
    let key = AccountKey::new(Fund::Allowances, child_id.as_str(), on);
    let kind = occasion.payment_type();
    if live_credits(account).any(|e| e.account == key && e.payment_type == kind) {
        return Err(LedgerError::NotAllowed(format!(
            "a {} has already been made for this child in {}: one of each a year (PAY-011)",
            kind.label().to_lowercase(),
            year_label(key.year)
        )));
    }
    let reason = match &occasion {
        Occasion::Festival(name) => format!("{}: one week's allowance", name.trim()),
        other => format!("{}: one week's allowance", other.payment_type().label()),
    };
    Ok(LedgerEntry {
        id: id(&key),
        account: key,
        child_id,
        kind: EntryKind::Credit,
        payment_type: kind,
        amount_pence: weekly_allowance_pence,
        on,
        approved_by: user.username.clone(),
        approver_role: user.role.code().into(),
        reason,
        decision_ref: None,
        against: None,
    })
}

/// Why the council pays an SGO or CAO allowance (WF-SGO-CAO-ALLOWANCE).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderAllowanceBasis {
    /// PAY-014: private proceedings the council was not a party to; the
    /// applicant asked to be means tested; any allowance is discretionary.
    PrivateProceedings,
    /// PAY-015: the child was in the council's care.
    ChildInCare,
}

impl OrderAllowanceBasis {
    pub const ALL: [OrderAllowanceBasis; 2] = [Self::PrivateProceedings, Self::ChildInCare];

    pub fn code(self) -> &'static str {
        match self {
            Self::PrivateProceedings => "private_proceedings",
            Self::ChildInCare => "child_in_care",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::PrivateProceedings => "private proceedings - discretionary",
            Self::ChildInCare => "child in the council's care - means tested",
        }
    }
}

/// A completed means test under the Child Arrangements Order and SGO
/// Allowance Guidance (its rates are configuration): the weekly sums and
/// the weekly allowance it results in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeansTest {
    pub completed: NaiveDate,
    pub weekly_income_pence: u64,
    pub weekly_outgoings_pence: u64,
    pub weekly_allowance_pence: u64,
}

/// An SGO or CAO allowance agreed by a manager for `weeks` weeks from `on`
/// (PAY-014, PAY-015, PAY-016): never without a completed means test, and
/// the reason says its basis and the annual review due 12 months on.
pub fn order_allowance_credit(
    child_id: ChildId,
    basis: OrderAllowanceBasis,
    means_test: Option<MeansTest>,
    weeks: u64,
    user: &User,
    on: NaiveDate,
    id: impl FnOnce(&AccountKey) -> String,
) -> Result<LedgerEntry, LedgerError> {
    if !super::ledger::is_manager(user.role) {
        return Err(LedgerError::NotAllowed(
            "an SGO or CAO allowance is agreed by an authorised manager".into(),
        ));
    }
    let test = means_test.ok_or_else(|| {
        LedgerError::NotAllowed(
            "the allowance cannot be agreed without a completed means test (PAY-015)".into(),
        )
    })?;
    if test.completed > on {
        return Err(LedgerError::Field {
            field: "means test",
            problem: "the means test must be completed before the allowance is agreed".into(),
        });
    }
    if !(1..=52).contains(&weeks) {
        return Err(LedgerError::Field {
            field: "weeks",
            problem: "agree between 1 and 52 weeks at a time".into(),
        });
    }
    let review = on.checked_add_months(chrono::Months::new(12)).unwrap_or(on);
    let key = AccountKey::new(Fund::Allowances, child_id.as_str(), on);
    Ok(LedgerEntry {
        id: id(&key),
        account: key,
        child_id,
        kind: EntryKind::Credit,
        payment_type: PaymentType::SgoCaoAllowance,
        amount_pence: test.weekly_allowance_pence * weeks,
        on,
        approved_by: user.username.clone(),
        approver_role: user.role.code().into(),
        reason: format!(
            "SGO or CAO allowance ({}): {weeks} weeks at {} a week after the means test of {}; annual review due {review} (PAY-016)",
            basis.label(),
            super::ledger::pounds(test.weekly_allowance_pence as i64),
            test.completed
        ),
        decision_ref: Some(format!("means test {}", test.completed)),
        against: None,
    })
}

/// A mileage claim as the supervising social worker confirms it (PAY-012):
/// the miles beyond what the allowance covers, and what the journey was for
/// (contact with birth parents, say); the rate per mile is configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MileageClaim {
    pub child_id: ChildId,
    pub miles: u64,
    pub purpose: String,
    pub pence_per_mile: u64,
}

/// PAY-012: the credit for a confirmed mileage claim: refused without a
/// purpose or miles, or unless the supervising social worker (or a manager)
/// confirms it.
pub fn mileage_credit(
    claim: MileageClaim,
    user: &User,
    on: NaiveDate,
    id: impl FnOnce(&AccountKey) -> String,
) -> Result<LedgerEntry, LedgerError> {
    if !matches!(user.role, Role::SupervisingSocialWorker) && !super::ledger::is_manager(user.role)
    {
        return Err(LedgerError::NotAllowed(
            "a mileage claim is confirmed by the supervising social worker".into(),
        ));
    }
    if claim.purpose.trim().is_empty() {
        return Err(LedgerError::Field {
            field: "purpose",
            problem: "say what the journey was for, for example contact with birth parents".into(),
        });
    }
    if claim.miles == 0 {
        return Err(LedgerError::Field {
            field: "miles",
            problem: "enter the miles claimed".into(),
        });
    }
    let key = AccountKey::new(Fund::Allowances, claim.child_id.as_str(), on);
    Ok(LedgerEntry {
        id: id(&key),
        account: key,
        child_id: claim.child_id,
        kind: EntryKind::Credit,
        payment_type: PaymentType::Mileage,
        amount_pence: claim.miles * claim.pence_per_mile,
        on,
        approved_by: user.username.clone(),
        approver_role: user.role.code().into(),
        reason: format!("Mileage: {} miles, {}", claim.miles, claim.purpose.trim()),
        decision_ref: None,
        against: None,
    })
}

/// PAY-013: what a carer declared of child benefit or tax credits for a
/// child, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenefitDeclaration {
    pub child_id: String,
    /// Child benefit or tax credits claimed for the child.
    pub claimed: bool,
    pub on: NaiveDate,
    pub recorded_by: String,
    /// The conflict the supervising social worker must resolve, if any.
    pub conflict: Option<String>,
}

/// PAY-013: a carer paid fostering allowance for a child (a connected
/// person or other foster carer, from the day of placement: PAY-010) may
/// not also claim child benefit or tax credits for that child; the
/// conflict, in words, or `None`. Special guardians and adopters may claim.
pub fn benefit_conflict(family: &super::entitlements::Family, claimed: bool) -> Option<String> {
    use super::entitlements::FamilyType;
    let fostering = matches!(
        family.family_type,
        FamilyType::ConnectedPersonFoster | FamilyType::LongTermFoster
    ) && family.placed.is_some();
    (claimed && fostering).then(|| {
        "Child benefit or tax credits declared while fostering allowance is paid for the child: the supervising social worker must resolve it (PAY-013)".to_owned()
    })
}
