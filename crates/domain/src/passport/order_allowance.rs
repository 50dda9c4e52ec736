//! A family's SGO or CAO allowance through its life (WF-SGO-CAO-ALLOWANCE,
//! PAY-014 … PAY-016): asked for, means tested, agreed or not by an
//! authorised manager, reviewed every year with a fresh means test, and
//! ended. Each agreed period is a credit of the child's allowances account
//! in the ledger ([`super::allowances::order_allowance_credit`]); this
//! record keeps the award's stage, its means tests and its review dates.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::allowances::{MeansTest, OrderAllowanceBasis};
use super::support::{SupportError, refuse};
use crate::calendar::add_months;
use crate::child::ChildId;
use crate::roles::Role;

/// Where an award is (WF-SGO-CAO-ALLOWANCE's states; "review due" and
/// "review overdue" are an active award's [`OrderAllowance::status`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AllowanceStage {
    MeansTestPending,
    DecisionPending,
    Active,
    NotAgreed,
    Ended,
}

/// A means test as recorded, with who completed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedMeansTest {
    pub completed: NaiveDate,
    pub weekly_income_pence: u64,
    pub weekly_outgoings_pence: u64,
    pub weekly_allowance_pence: u64,
    pub by: String,
}

impl RecordedMeansTest {
    /// The means test as the ledger's credit reads it.
    pub fn test(&self) -> MeansTest {
        MeansTest {
            completed: self.completed,
            weekly_income_pence: self.weekly_income_pence,
            weekly_outgoings_pence: self.weekly_outgoings_pence,
            weekly_allowance_pence: self.weekly_allowance_pence,
        }
    }
}

/// An annual review as recorded (PAY-016).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllowanceReview {
    pub on: NaiveDate,
    pub by: String,
    pub weekly_allowance_pence: u64,
    /// Continued, changed or ended.
    pub outcome: String,
}

/// One SGO or CAO allowance award for a child of the family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderAllowance {
    pub number: u32,
    pub child_id: ChildId,
    pub basis: OrderAllowanceBasis,
    pub requested: NaiveDate,
    pub requested_by: String,
    pub stage: AllowanceStage,
    #[serde(default)]
    pub means_tests: Vec<RecordedMeansTest>,
    pub weekly_allowance_pence: Option<u64>,
    pub started: Option<NaiveDate>,
    /// Start + 12 months, then 12 months after each review (PAY-016).
    pub next_review: Option<NaiveDate>,
    #[serde(default)]
    pub reviews: Vec<AllowanceReview>,
    pub decided_by: Option<String>,
    /// Why it was not agreed, or why it ended.
    pub reasons: Option<String>,
    pub ended: Option<NaiveDate>,
    /// The ledger entries of the periods agreed.
    #[serde(default)]
    pub entries: Vec<String>,
}

impl OrderAllowance {
    /// PAY-014, PAY-015: a request for a means test (private proceedings)
    /// or an order made for a child in the council's care.
    pub fn request(
        number: u32,
        child_id: ChildId,
        basis: OrderAllowanceBasis,
        on: NaiveDate,
        by: &str,
    ) -> OrderAllowance {
        OrderAllowance {
            number,
            child_id,
            basis,
            requested: on,
            requested_by: by.to_owned(),
            stage: AllowanceStage::MeansTestPending,
            means_tests: Vec::new(),
            weekly_allowance_pence: None,
            started: None,
            next_review: None,
            reviews: Vec::new(),
            decided_by: None,
            reasons: None,
            ended: None,
            entries: Vec::new(),
        }
    }

    /// The award in words on `today`: an active award past its review date
    /// is "review overdue" from the day after it (PAY-016).
    pub fn status(&self, today: NaiveDate) -> String {
        match self.stage {
            AllowanceStage::MeansTestPending => "Means test pending".into(),
            AllowanceStage::DecisionPending => "Decision pending".into(),
            AllowanceStage::NotAgreed => "Closed - not agreed".into(),
            AllowanceStage::Ended => "Ended".into(),
            AllowanceStage::Active => match self.next_review {
                Some(due) if today > due => "Active - review overdue".into(),
                Some(due) if today == due => "Active - review due".into(),
                _ => "Active".into(),
            },
        }
    }

    /// The means test the award rests on now.
    pub fn latest_test(&self) -> Option<&RecordedMeansTest> {
        self.means_tests.last()
    }

    /// The means test completed (by finance or the assessing worker): the
    /// award waits for a manager's decision.
    pub fn means_tested(&mut self, test: RecordedMeansTest) -> Result<(), SupportError> {
        if self.stage != AllowanceStage::MeansTestPending {
            return refuse("allowance", "the means test was already completed");
        }
        check_test(&test, self.requested)?;
        self.means_tests.push(test);
        self.stage = AllowanceStage::DecisionPending;
        Ok(())
    }

    /// An authorised manager agrees the allowance from `on` at the means
    /// test's weekly rate; the review falls due 12 months on (PAY-016).
    pub fn agree(&mut self, role: Role, me: &str, on: NaiveDate) -> Result<u64, SupportError> {
        manager(role)?;
        if self.stage != AllowanceStage::DecisionPending {
            return refuse(
                "allowance",
                "the allowance cannot be agreed without a completed means test (PAY-015)",
            );
        }
        let weekly = self.latest_test().map_or(0, |t| t.weekly_allowance_pence);
        if weekly == 0 {
            return refuse(
                "weekly_allowance",
                "the means test found no allowance payable: record it as not agreed",
            );
        }
        self.stage = AllowanceStage::Active;
        self.weekly_allowance_pence = Some(weekly);
        self.started = Some(on);
        self.next_review = Some(add_months(on, 12));
        self.decided_by = Some(me.to_owned());
        Ok(weekly)
    }

    /// An authorised manager does not agree it, with reasons for the
    /// decision notice (GEN-012).
    pub fn not_agreed(&mut self, role: Role, me: &str, reasons: &str) -> Result<(), SupportError> {
        manager(role)?;
        if self.stage != AllowanceStage::DecisionPending {
            return refuse("allowance", "only an allowance waiting for a decision");
        }
        if reasons.trim().is_empty() {
            return refuse("reasons", "give the reasons for the decision notice");
        }
        self.stage = AllowanceStage::NotAgreed;
        self.decided_by = Some(me.to_owned());
        self.reasons = Some(reasons.trim().to_owned());
        Ok(())
    }

    /// PAY-016: the annual review re-runs the means test; the allowance
    /// continues (at the new rate, if it changed) with its next review 12
    /// months after this one, or ends when nothing is payable.
    pub fn review(
        &mut self,
        role: Role,
        test: RecordedMeansTest,
        on: NaiveDate,
    ) -> Result<&'static str, SupportError> {
        manager(role)?;
        if self.stage != AllowanceStage::Active {
            return refuse("allowance", "only an active allowance is reviewed");
        }
        check_test(&test, self.started.unwrap_or(self.requested))?;
        if test.completed > on {
            return refuse(
                "completed",
                "the fresh means test must be completed by the review",
            );
        }
        let weekly = test.weekly_allowance_pence;
        let outcome = if weekly == 0 {
            "ended"
        } else if Some(weekly) == self.weekly_allowance_pence {
            "continued"
        } else {
            "changed"
        };
        self.reviews.push(AllowanceReview {
            on,
            by: test.by.clone(),
            weekly_allowance_pence: weekly,
            outcome: outcome.into(),
        });
        self.means_tests.push(test);
        if weekly == 0 {
            self.stage = AllowanceStage::Ended;
            self.ended = Some(on);
            self.reasons = Some("The annual review's means test found none payable".into());
            self.next_review = None;
        } else {
            self.weekly_allowance_pence = Some(weekly);
            self.next_review = Some(add_months(on, 12));
        }
        Ok(outcome)
    }

    /// The child no longer lives with the carer, or the order ended.
    pub fn end(&mut self, on: NaiveDate, reason: &str) -> Result<(), SupportError> {
        if self.stage != AllowanceStage::Active {
            return refuse("allowance", "only an active allowance is ended");
        }
        if reason.trim().is_empty() {
            return refuse("reason", "say why the allowance ends");
        }
        if self.started.is_some_and(|s| on < s) {
            return refuse("on", "the allowance cannot end before it started");
        }
        self.stage = AllowanceStage::Ended;
        self.ended = Some(on);
        self.reasons = Some(reason.trim().to_owned());
        self.next_review = None;
        Ok(())
    }
}

fn manager(role: Role) -> Result<(), SupportError> {
    if super::ledger::is_manager(role) {
        Ok(())
    } else {
        refuse(
            "allowance",
            "an SGO or CAO allowance is decided by an authorised manager",
        )
    }
}

fn check_test(test: &RecordedMeansTest, not_before: NaiveDate) -> Result<(), SupportError> {
    if test.completed < not_before {
        return refuse(
            "completed",
            "the means test cannot be completed before the allowance was asked for",
        );
    }
    if test.weekly_income_pence == 0 && test.weekly_outgoings_pence == 0 {
        return refuse("income", "enter the weekly income and outgoings");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn test(on: &str, weekly: u64) -> RecordedMeansTest {
        RecordedMeansTest {
            completed: d(on),
            weekly_income_pence: 45_000,
            weekly_outgoings_pence: 40_000,
            weekly_allowance_pence: weekly,
            by: "finance".into(),
        }
    }

    fn child() -> ChildId {
        ChildId::parse("C000001").unwrap()
    }

    #[test]
    fn pay_016_an_allowance_started_2024_09_02_is_due_for_review_2025_09_02_and_overdue_the_day_after()
     {
        let mut a = OrderAllowance::request(
            1,
            child(),
            OrderAllowanceBasis::ChildInCare,
            d("2024-08-01"),
            "sw",
        );
        assert!(
            a.agree(Role::TeamManager, "tm", d("2024-09-02")).is_err(),
            "not without a means test"
        );
        a.means_tested(test("2024-08-20", 12_000)).unwrap();
        assert!(a.agree(Role::SocialWorker, "sw", d("2024-09-02")).is_err());
        assert_eq!(
            a.agree(Role::TeamManager, "tm", d("2024-09-02")).unwrap(),
            12_000
        );
        assert_eq!(a.next_review, Some(d("2025-09-02")));
        assert_eq!(a.status(d("2025-09-01")), "Active");
        assert_eq!(a.status(d("2025-09-02")), "Active - review due");
        assert_eq!(a.status(d("2025-09-03")), "Active - review overdue");
        assert_eq!(
            a.review(
                Role::TeamManager,
                test("2025-09-04", 10_000),
                d("2025-09-05")
            )
            .unwrap(),
            "changed"
        );
        assert_eq!(a.next_review, Some(d("2026-09-05")));
        assert_eq!(a.status(d("2025-09-06")), "Active");
        assert_eq!(
            a.review(Role::TeamManager, test("2026-09-01", 0), d("2026-09-05"))
                .unwrap(),
            "ended"
        );
        assert_eq!(a.stage, AllowanceStage::Ended);
    }
}
