//! The committee report's cost and needs-analysis tables beyond the
//! measures: the drawdowns of a fund from the money ledger (COST-004 the
//! Adoption Support Fund, COST-003 the therapeutic fund), the savings
//! target the strategy sets (COST-002), the figures the spec gives only as
//! context with their source (COST-012, COST-013, NEED-017), the voice
//! themes (NEED-018), and the cost and needs figures the records cannot
//! give, each with why (COST-007, COST-008, COST-010, COST-011, NEED-001,
//! NEED-008, NEED-014, NEED-016).

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::conventions::Period;
use crate::passport::ledger::{EntryKind, Fund, LedgerEntry};

/// COST-002: the council savings the permanence strategy aims to
/// contribute to, in pence (£2.1M), and where the target is set.
pub const SAVINGS_TARGET_PENCE: i64 = 210_000_000;
pub const SAVINGS_TARGET_SOURCE: &str = "001 Permanence Strategy, Objectives";

/// What one fund paid out in a period, net of reversals, and for how many
/// families (the children it paid for).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Drawdowns {
    pub pence: i64,
    pub families: usize,
}

impl Drawdowns {
    /// COST-004: the mean paid per family, in pence, rounded to the penny.
    pub fn per_family(self) -> Option<i64> {
        (self.families > 0).then(|| (self.pence as f64 / self.families as f64).round() as i64)
    }
}

/// COST-004 (and COST-003 for the therapeutic fund): the payments the
/// ledger made from `fund` from the period's start to `at`, less the
/// reversals of payments in those days; a family counts when the fund paid
/// them something it did not take back.
pub fn fund_drawdowns(
    entries: &[LedgerEntry],
    fund: Fund,
    period: &Period,
    at: NaiveDate,
) -> Drawdowns {
    let within = |e: &&LedgerEntry| e.account.fund == fund && period.start() <= e.on && e.on <= at;
    let kind_of = |id: &str| entries.iter().find(|e| e.id == id).map(|e| e.kind);
    let reversed: BTreeSet<&str> = entries
        .iter()
        .filter(|e| e.kind == EntryKind::Reversal && e.on <= at)
        .filter_map(|e| e.against.as_deref())
        .collect();
    let paid: i64 = entries
        .iter()
        .filter(within)
        .map(|e| match e.kind {
            EntryKind::Payment => e.amount_pence as i64,
            EntryKind::Reversal
                if e.against.as_deref().and_then(kind_of) == Some(EntryKind::Payment) =>
            {
                -(e.amount_pence as i64)
            }
            _ => 0,
        })
        .sum();
    let families: BTreeSet<&str> = entries
        .iter()
        .filter(within)
        .filter(|e| e.kind == EntryKind::Payment && !reversed.contains(e.id.as_str()))
        .map(|e| e.child_id.as_str())
        .collect();
    Drawdowns {
        pence: paid,
        families: families.len(),
    }
}

/// A figure the spec gives as context for the report, not computed from
/// the records: (what, value, source).
pub type Context = (&'static str, &'static str, &'static str);

/// COST-012 and COST-013: the funding figures the report sets the costs
/// against.
pub const FUNDING_CONTEXT: &[Context] = &[
    (
        "MTFS allocation for SEND capital (2019)",
        "£22.3m",
        "003 SEND report para 29",
    ),
    (
        "High Needs Block cumulative deficit, forecast peak (2021/22)",
        "about £13.5m",
        "003 SEND report paras 42–45",
    ),
    (
        "Notional SEND funding per pupil (unchanged since 2014)",
        "£6,000",
        "004 minutes item 24",
    ),
    (
        "Domestic Abuse duty spend plan",
        "£1.1 million",
        "004 Department overview para 25",
    ),
    (
        "Leicestershire Music core grant change since 2015-16",
        "+4.61%",
        "004 minutes item 27",
    ),
];

/// NEED-017: the national and regional figures the needs analysis sets
/// the council's against.
pub const NATIONAL_CONTEXT: &[Context] = &[
    (
        "Placement orders granted nationally per year (2017)",
        "about 4,000",
        "001 Permanence Strategy",
    ),
    (
        "Approvals assumed from Stage 1 starts in national modelling",
        "80%",
        "001 Permanence Strategy",
    ),
    (
        "Children with a placement order for each available adopter (2025)",
        "3",
        "004 Adoption annual report",
    ),
    (
        "National shortage of foster carers (Fostering Network)",
        "over 2,000",
        "004 Fostering annual report",
    ),
    (
        "Children electively home educated nationally (Autumn 2023 to Autumn 2024)",
        "92,000 to 111,700",
        "004 Inclusion report",
    ),
];

/// NEED-018: what care leavers and carers told the service they want.
pub const VOICE_THEMES: &[(&str, &str)] = &[
    ("Care leavers", "help with CVs"),
    ("Care leavers", "employment with the council"),
    ("Care leavers", "awareness of the support on offer"),
    ("Care leavers", "Leaving Care Grant information before 16"),
    ("Care leavers", "a push towards training"),
    ("Care leavers", "benefits information"),
    ("Care leavers", "local-area and health information"),
    ("Care leavers", "budgeting advice"),
    ("Care leavers", "remaining in foster care"),
    ("Care leavers", "peer mentoring"),
    ("Carers", "low supervising social worker caseloads"),
    ("Carers", "relevant training"),
    ("Carers", "being listened to"),
];

/// The cost and needs figures the report names but the records cannot
/// give: (rule, figure, why not measured).
pub const NOT_MEASURED: &[Context] = &[
    (
        "COST-007",
        "Ombudsman remedy payments",
        "a complaint records the Ombudsman's remedy in words, not an amount paid",
    ),
    (
        "COST-008",
        "Interagency adopter households sold and bought",
        "the product holds no interagency fee records",
    ),
    (
        "COST-010",
        "Agency social workers (FTE) covering vacancies",
        "the product holds no staffing or agency records",
    ),
    (
        "COST-011",
        "Marketing spend against budget",
        "the product holds no marketing budget or spend lines",
    ),
    (
        "NEED-001",
        "Child population, poverty, ethnicity and language of the county",
        "the product holds records of the children it works with, not the county's population",
    ),
    (
        "NEED-008",
        "Children with a best interest decision for adoption",
        "the product records placement orders, not the agency decision maker's best interest decisions",
    ),
    (
        "NEED-014",
        "Missing episodes out of the county",
        "a missing episode records no place, so the out-of-area share cannot be counted",
    ),
    (
        "NEED-016",
        "Elective home education, children missing education and SEND context",
        "the product holds no school roll, EHE or CME records",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::child::ChildId;
    use crate::passport::ledger::{AccountKey, PaymentType};

    fn entry(id: &str, child: &str, kind: EntryKind, pence: u64, on: &str) -> LedgerEntry {
        let on: NaiveDate = on.parse().unwrap();
        LedgerEntry {
            id: id.into(),
            account: AccountKey::new(Fund::AdoptionSupportFund, child, on),
            child_id: ChildId::parse(child).unwrap(),
            kind,
            payment_type: PaymentType::AdditionalPayment,
            amount_pence: pence,
            on,
            approved_by: "finance".into(),
            approver_role: "Finance officer".into(),
            reason: "ASF award".into(),
            decision_ref: None,
            against: None,
        }
    }

    /// COST-004's Check: £1,622,481.01 over 547 families is £2,966.14 each.
    #[test]
    fn cost_004_the_support_fund_average_per_family() {
        let d = Drawdowns {
            pence: 162_248_101,
            families: 547,
        };
        assert_eq!(d.per_family(), Some(296_614));
        let mut reversal = entry("E4", "C2", EntryKind::Reversal, 10_000, "2025-03-01");
        reversal.against = Some("E3".into());
        let entries = [
            entry("E1", "C1", EntryKind::Credit, 90_000, "2024-05-01"),
            entry("E2", "C1", EntryKind::Payment, 45_000, "2024-05-02"),
            entry("E3", "C2", EntryKind::Payment, 10_000, "2024-06-01"),
            reversal,
            entry("E5", "C3", EntryKind::Payment, 5_000, "2025-04-01"),
        ];
        let p = Period::parse("2024-25").unwrap();
        let d = fund_drawdowns(&entries, Fund::AdoptionSupportFund, &p, p.end());
        assert_eq!(
            d,
            Drawdowns {
                pence: 45_000,
                families: 1
            }
        );
    }
}
