//! The demo's money: the approved discretionary payment case paid (a copy
//! of it, so a case waits to be paid too), an emergency payment decided with
//! its reason and paid, a capital loan agreed and not yet paid, therapeutic
//! fund allocations (initial and further) with an invoice paid and one
//! reversed, an Adoption Support Fund award, and a birthday payment. Every
//! entry is made by the domain's own functions, so the ledger loads through
//! the same checks as a person's entries.

use chrono::{Days, NaiveDate};
use domain::access::User;
use domain::child::ChildId;
use domain::passport::allowances::{Occasion, special_payment_credit};
use domain::passport::funds::{SupportOffer, TherapyRequest, asf_award_credit, therapy_credit};
use domain::passport::ledger::{
    AccountKey, LedgerEntry, PaymentType, entry_id, payment_of, reversal_of,
};
use domain::passport::payments::{ExemptDecision, approved_case_credit, exempt_credit};
use domain::permanence::cases::WorkflowCase;
use domain::roles::Role;

fn user(role: Role) -> User {
    User {
        username: format!("{}.demo", role.code().replace('_', "-")),
        display_name: crate::staff::user_name(role),
        role,
        team: None,
        worker_id: None,
    }
}

/// The ledger being made: the next identifier of an account.
struct Ledger(Vec<LedgerEntry>);

impl Ledger {
    fn id(&self, key: &AccountKey) -> String {
        entry_id(key, self.account(key).len() + 1)
    }

    fn account(&self, key: &AccountKey) -> Vec<LedgerEntry> {
        self.0
            .iter()
            .filter(|e| &e.account == key)
            .cloned()
            .collect()
    }

    fn push(&mut self, made: Result<LedgerEntry, impl std::fmt::Debug>) -> Option<LedgerEntry> {
        let e = made.ok()?;
        self.0.push(e.clone());
        Some(e)
    }

    fn pay(
        &mut self,
        credit: &LedgerEntry,
        pence: u64,
        on: NaiveDate,
        why: &str,
    ) -> Option<LedgerEntry> {
        let id = self.id(&credit.account);
        let e = payment_of(credit, id, pence, &user(Role::FinanceOfficer), on, why);
        self.push(Ok::<_, ()>(e))
    }
}

/// The demo ledger, and a paid copy of the first approved discretionary
/// payment case added to `cases`.
pub fn money(cases: &mut Vec<(String, WorkflowCase)>, as_of: NaiveDate) -> Vec<LedgerEntry> {
    let day = |n: u64| as_of.checked_sub_days(Days::new(n)).unwrap_or(as_of);
    let mut ledger = Ledger(Vec::new());
    let approved = cases
        .iter()
        .find(|(_, c)| c.workflow.id == "WF-DISC-PAYMENT" && c.state.code == "approved")
        .cloned();
    let Some((id, mut case)) = approved else {
        return ledger.0;
    };
    let child: ChildId = case.child_id.clone();
    let paid_id = format!("{id}P");
    let finance = user(Role::FinanceOfficer);
    let made = approved_case_credit(
        &mut case,
        &paid_id,
        PaymentType::SettlingInGrant,
        &finance,
        day(20),
        |k| ledger.id(k),
    );
    if let Some(credit) = ledger.push(made) {
        ledger.pay(&credit, credit.amount_pence, day(20), "Paid as approved");
        cases.push((paid_id, case));
    }
    let tm = user(Role::TeamManager);
    let exempt = |t, pence, reason: &str| ExemptDecision {
        child_id: child.clone(),
        person: child.as_str().to_owned(),
        payment_type: t,
        amount_pence: pence,
        reason: reason.into(),
    };
    let e = exempt(
        PaymentType::EmergencySafety,
        35_000,
        "New locks fitted the same day after a threat to the placement",
    );
    let made = exempt_credit(e, &tm, day(15), |k| ledger.id(k));
    if let Some(credit) = ledger.push(made) {
        ledger.pay(&credit, credit.amount_pence, day(15), "Locksmith's invoice");
    }
    let e = exempt(
        PaymentType::CapitalLoan,
        250_000,
        "Loan towards a larger car for a sibling group",
    );
    let made = exempt_credit(e, &user(Role::ServiceManager), day(5), |k| ledger.id(k));
    ledger.push(made);
    let therapy = |person: &str, further: Option<NaiveDate>| TherapyRequest {
        child_id: child.clone(),
        person: person.to_owned(),
        offer: SupportOffer::Connected,
        provider: "Accredited play therapist".into(),
        in_house: false,
        further_recommended: further,
        panel_minute: None,
    };
    for (person, further) in [
        (child.as_str().to_owned(), true),
        (format!("{child}-carer"), false),
    ] {
        let key = AccountKey::new(
            domain::passport::ledger::Fund::Therapeutic,
            &person,
            day(60),
        );
        let made = therapy_credit(
            &ledger.account(&key),
            therapy(&person, None),
            &tm,
            day(60),
            |k| ledger.id(k),
        );
        let Some(first) = ledger.push(made) else {
            continue;
        };
        let invoice = ledger.pay(&first, 30_000, day(40), "Six sessions");
        if further {
            let made = therapy_credit(
                &ledger.account(&key),
                therapy(&person, Some(day(35))),
                &tm,
                day(30),
                |k| ledger.id(k),
            );
            ledger.push(made);
        } else if let Some(invoice) = invoice {
            let id = ledger.id(&key);
            ledger.push(Ok::<_, ()>(reversal_of(
                &invoice,
                id,
                &finance,
                day(38),
                "Invoice keyed against the wrong person",
            )));
        }
    }
    let psw = user(Role::PostOrderSupportWorker);
    ledger.push(Ok::<_, ()>(asf_award_credit(
        child.clone(),
        250_000,
        "ASF-DEMO-0001",
        &psw,
        day(25),
        |k| ledger.id(k),
    )));
    let key = AccountKey::new(
        domain::passport::ledger::Fund::Allowances,
        child.as_str(),
        day(10),
    );
    let made = special_payment_credit(
        &ledger.account(&key),
        child.clone(),
        Occasion::Birthday,
        21_000,
        &user(Role::SupervisingSocialWorker),
        day(10),
        |k| ledger.id(k),
    );
    if let Some(credit) = ledger.push(made) {
        ledger.pay(&credit, credit.amount_pence, day(10), "Due as agreed");
    }
    ledger.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::{CouncilSpec, generate};

    #[test]
    fn the_demo_ledger_passes_the_ledgers_own_checks_in_every_kind() {
        let as_of: NaiveDate = "2026-03-31".parse().unwrap();
        let mut council = generate(&CouncilSpec::new(400, 7, as_of));
        let team = council.workers[0].team.clone();
        let in_team =
            crate::cases_demo::children_of_team(&council.journeys, &council.workers, &team);
        let mut demo = crate::cases_demo::cases(&mut council.journeys, &in_team, &team, as_of);
        let entries = money(&mut demo.cases, as_of);
        assert!(demo.cases.iter().any(|(_, c)| c.state.code == "paid"));
        let mut posted: Vec<LedgerEntry> = Vec::new();
        for e in &entries {
            let account: Vec<_> = posted
                .iter()
                .filter(|p| p.account == e.account)
                .cloned()
                .collect();
            domain::passport::ledger::post(&account, e).unwrap();
            posted.push(e.clone());
        }
        for kind in ["credit", "payment", "reversal"] {
            assert!(
                entries
                    .iter()
                    .any(|e| format!("{:?}", e.kind).to_lowercase() == kind),
                "{kind}"
            );
        }
        assert!(entries.len() >= 12, "{}", entries.len());
    }
}
