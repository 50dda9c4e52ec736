//! The therapeutic intervention fund (WF-THERAPY-FUND, PAY-017 … PAY-021)
//! and Adoption Support Fund awards (PAY-026), as credits of the ledger:
//! the fund's allocation is agreed per person and financial year, and the
//! therapist's invoices are paid from it.

use chrono::NaiveDate;

use crate::access::User;
use crate::child::ChildId;
use crate::roles::Role;

use super::ledger::{
    AccountKey, EntryKind, Fund, LedgerEntry, LedgerError, PaymentType, is_manager, live_credits,
    pounds, year_label,
};

/// PAY-018: one allocation of the therapeutic fund.
pub const THERAPY_ALLOCATION_PENCE: u64 = 45_000;
/// PAY-021: at most two allocations per person per financial year.
pub const THERAPY_CAP_PENCE: u64 = 2 * THERAPY_ALLOCATION_PENCE;

/// The offer a family's support comes under (PAY-020).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupportOffer {
    Adoption,
    Connected,
    Fostering,
}

impl SupportOffer {
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "adoption" => Some(Self::Adoption),
            "connected" => Some(Self::Connected),
            "fostering" => Some(Self::Fostering),
            _ => None,
        }
    }
}

/// A request for an allocation of the therapeutic fund, as approved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TherapyRequest {
    pub child_id: ChildId,
    /// The child, or the family member the allocation is for (PAY-018).
    pub person: String,
    pub offer: SupportOffer,
    /// The provider chosen, and whether it is the council's own provision.
    pub provider: String,
    pub in_house: bool,
    /// PAY-019: the date of the therapist's recommendation of further work
    /// (a further allocation only).
    pub further_recommended: Option<NaiveDate>,
    /// The Permanence Panel's minute, when the panel approved it.
    pub panel_minute: Option<String>,
}

/// The allocation `user` approves on `on` for `request`, given the
/// person's therapeutic account for that year: PAY-017 (no in-house
/// provision), PAY-018 (£450 per person), PAY-019 (a further £450 only on
/// the therapist's recommendation, after a first), PAY-020 (the approver the
/// offer names), PAY-021 (at most £900 in a financial year).
pub fn therapy_credit(
    account: &[LedgerEntry],
    request: TherapyRequest,
    user: &User,
    on: NaiveDate,
    id: impl FnOnce(&AccountKey) -> String,
) -> Result<LedgerEntry, LedgerError> {
    if request.in_house {
        return Err(LedgerError::NotAllowed(
            "in-house provision - fund not applicable: the fund pays only for a provider outside the council (PAY-017)".into(),
        ));
    }
    if request.provider.trim().is_empty() {
        return Err(LedgerError::Field {
            field: "provider",
            problem: "name the accredited provider chosen".into(),
        });
    }
    let minute = request
        .panel_minute
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty());
    let approver = match (request.offer, user.role, minute) {
        (_, role, _) if is_manager(role) => "designated manager",
        (SupportOffer::Adoption, Role::PanelAdviser, Some(_)) => "Permanence Panel",
        (SupportOffer::Adoption, Role::PanelAdviser, None) => {
            return Err(LedgerError::Field {
                field: "panel minute",
                problem: "give the Permanence Panel's minute reference".into(),
            });
        }
        (_, Role::PanelAdviser, _) => {
            return Err(LedgerError::NotAllowed(
                "under the connected and fostering offers a designated manager approves the fund; the allocation is held until one does (PAY-020)".into(),
            ));
        }
        _ => {
            return Err(LedgerError::NotAllowed(
                "the therapeutic fund is approved by the Permanence Panel or a designated manager (PAY-020)".into(),
            ));
        }
    };
    let key = AccountKey::new(Fund::Therapeutic, request.person.trim(), on);
    let agreed: Vec<&LedgerEntry> = live_credits(account).filter(|e| e.account == key).collect();
    let used: u64 = agreed.iter().map(|e| e.amount_pence).sum();
    if agreed.len() >= 2 || used + THERAPY_ALLOCATION_PENCE > THERAPY_CAP_PENCE {
        return Err(LedgerError::NotAllowed(format!(
            "{} of {} is already allocated to this person in {}: the fund allows two allocations a year (PAY-021)",
            pounds(used as i64),
            pounds(THERAPY_CAP_PENCE as i64),
            year_label(key.year)
        )));
    }
    let reason = match (agreed.len(), request.further_recommended) {
        (0, _) => format!("Initial allocation approved by the {approver}"),
        (_, Some(recommended)) => format!(
            "Further allocation approved by the {approver} on the therapist's recommendation of {recommended}"
        ),
        (_, None) => {
            return Err(LedgerError::Field {
                field: "therapist's recommendation",
                problem: "a further allocation needs the date the therapist recommended further work (PAY-019)".into(),
            });
        }
    };
    Ok(LedgerEntry {
        id: id(&key),
        account: key,
        child_id: request.child_id,
        kind: EntryKind::Credit,
        payment_type: PaymentType::TherapeuticFund,
        amount_pence: THERAPY_ALLOCATION_PENCE,
        on,
        approved_by: user.username.clone(),
        approver_role: user.role.code().into(),
        reason,
        decision_ref: minute.map(str::to_owned),
        against: None,
    })
}

/// PAY-026: an Adoption Support Fund award, recorded at the value the fund
/// decided, in the ASF's own account (never the council's therapeutic fund).
pub fn asf_award_credit(
    child_id: ChildId,
    amount_pence: u64,
    award_ref: &str,
    user: &User,
    on: NaiveDate,
    id: impl FnOnce(&AccountKey) -> String,
) -> LedgerEntry {
    let key = AccountKey::new(Fund::AdoptionSupportFund, child_id.as_str(), on);
    LedgerEntry {
        id: id(&key),
        account: key,
        child_id,
        kind: EntryKind::Credit,
        payment_type: PaymentType::AdoptionSupportFund,
        amount_pence,
        on,
        approved_by: user.username.clone(),
        approver_role: user.role.code().into(),
        reason: "Award decided by the Adoption Support Fund".into(),
        decision_ref: Some(award_ref.trim().to_owned()).filter(|r| !r.is_empty()),
        against: None,
    }
}
