//! What the demo council's workers recorded for its families' passports:
//! each family in turn a different case, so a person running the demo
//! meets every kind of passport (placed by another council, a child
//! adopted from overseas with an education, health and care plan, an
//! order the council was not a party to, a family that moved away, a
//! legacy Residence Order, financial support decided before the order).

use chrono::{Days, NaiveDate};
use domain::households::household::{Household, LinkKind};
use domain::households::lifecycle::RoleKind;
use domain::passport::entitlements::FamilyType;
use domain::passport::passport::{ChildHistory, PassportInputs};

/// The passport details recorded for the demo's families on `as_of`, by
/// household identifier (families with nothing recorded are left out).
pub fn passports(households: &[Household], as_of: NaiveDate) -> Vec<(String, PassportInputs)> {
    let families = households.iter().filter(|h| {
        h.roles
            .iter()
            .any(|r| FamilyType::of_role(r.kind).is_some())
    });
    let mut out = Vec::new();
    for (n, h) in families.enumerate() {
        let child = h
            .links
            .iter()
            .find(|l| matches!(l.kind, LinkKind::PlacedWith | LinkKind::SubjectOfOrder));
        let year_ago = as_of - Days::new(365);
        let inputs = match n % 6 {
            0 => continue,
            1 => PassportInputs {
                placing_authority: Some("Leicester City Council".into()),
                order_made: Some(year_ago),
                ..Default::default()
            },
            2 => PassportInputs {
                children: child
                    .map(|l| ChildHistory {
                        child_id: l.child_id.clone(),
                        previously_looked_after: Some(false),
                        adopted_from_overseas: true,
                        ehc_plan: true,
                    })
                    .into_iter()
                    .collect(),
                ..Default::default()
            },
            3 => PassportInputs {
                council_was_party: Some(false),
                ..Default::default()
            },
            4 => PassportInputs {
                lives_in: Some("Derbyshire".into()),
                order_made: Some(as_of - Days::new(365 * 4)),
                ..Default::default()
            },
            _ if h
                .roles
                .iter()
                .any(|r| r.kind == RoleKind::ChildArrangementsOrderHolder) =>
            {
                PassportInputs {
                    family_type: Some(FamilyType::ResidenceOrder),
                    ..Default::default()
                }
            }
            _ => PassportInputs {
                order_made: Some(year_ago),
                financial_support_decided: Some(year_ago - Days::new(60)),
                ..Default::default()
            },
        };
        out.push((h.id.clone(), inputs));
    }
    out
}

/// The demo families' support on `as_of`, each family in turn at another
/// point: a request just received, one assessed with a decision and a plan
/// sent for the family's response, one signposted to another council with
/// a final plan under review, the checklist done and the DPST asked for.
pub fn support(
    households: &[Household],
    as_of: NaiveDate,
) -> Vec<domain::passport::support::SupportRecord> {
    use domain::passport::offer::{Booking, BookingKind, Concern, DpstReferral, DpstStage};
    use domain::passport::support::{
        Assessment, AssessmentRequest, ChildCopy, Delivery, PlanStage, Provision, RequestStage,
        Requester, Route, Section, SupportPlan, SupportRecord,
    };
    let ago = |days| as_of - Days::new(days);
    let families = households.iter().filter(|h| {
        h.roles
            .iter()
            .any(|r| r.is_open() && FamilyType::of_role(r.kind).is_some())
    });
    let mut out = Vec::new();
    for (n, h) in families.enumerate() {
        let adopters = h.roles.iter().any(|r| r.kind == RoleKind::Adopter);
        let child = h
            .links
            .iter()
            .find(|l| matches!(l.kind, LinkKind::PlacedWith | LinkKind::SubjectOfOrder))
            .map(|l| l.child_id.clone());
        let request = |stage, received| AssessmentRequest {
            number: 1,
            received,
            requester: if adopters {
                Requester::AdoptiveParent
            } else {
                Requester::SpecialGuardian
            },
            relationship: None,
            route: if adopters {
                Route::SelfReferral
            } else {
                Route::FirstResponse
            },
            consent_on: None,
            responsible: "Leicestershire County Council".into(),
            rule: if adopters { "ASSESS-002" } else { "ASSESS-017" }.into(),
            routed_to: if adopters {
                "First Response to the Permanence Team (adoption social worker)"
            } else {
                "First Response Children's Duty (ASSESS-016)"
            }
            .into(),
            stage,
            assessor: None,
            advice: None,
            assessment: None,
            provision: None,
            asf: None,
        };
        let plan = |stage, sent| SupportPlan {
            number: 1,
            proposed: ago(60),
            emotional_wellbeing: Section::Support(
                "Theraplay sessions with the support worker".into(),
            ),
            education: Section::NotNeeded(
                "Settled at school; the Virtual School keeps in touch".into(),
            ),
            other: String::new(),
            stage,
            approved_by: Some("team-manager.demo".into()),
            sent: Some(sent),
            response: None,
            reviews: Vec::new(),
        };
        let mut record = SupportRecord {
            household_id: h.id.clone(),
            ..Default::default()
        };
        match n % 4 {
            0 => continue,
            1 => {
                let stage = if adopters {
                    RequestStage::Received
                } else {
                    RequestStage::FirstResponse
                };
                record.requests.push(request(stage, ago(20)));
            }
            2 => {
                let mut r = request(RequestStage::Assessed, ago(90));
                r.assessor = Some("post-order-support-worker.demo".into());
                r.assessment = Some(Assessment {
                    completed: ago(40),
                    needs: "Therapeutic parenting support and help with sleep".into(),
                    outcome_told: ago(38),
                    report_to_parents: ago(38),
                    child_copy: ChildCopy::NotAppropriate("Too young to read it".into()),
                });
                r.provision = Some(Provision {
                    decided: ago(30),
                    by: "team-manager.demo".into(),
                    provide: true,
                    reasons: "The assessment found a need the council's own service meets".into(),
                    delivery: Some(Delivery::Direct),
                    notice: "The council will provide the support the assessment found you need. Reasons: the council's own service meets it. If you disagree, contact your social worker or appeal to the Service Manager for the Fostering and Adoption Service.".into(),
                });
                record.requests.push(r);
                record.plans.push(plan(PlanStage::Sent, ago(5)));
                record.offer.bookings.push(Booking {
                    kind: BookingKind::Training,
                    what: "Therapeutic parenting".into(),
                    on: as_of + Days::new(14),
                    child: None,
                    booked_by: "post-order-support-worker.demo".into(),
                });
                record.offer.concerns.push(Concern {
                    raised: ago(12),
                    about: "A late reply to a phone message".into(),
                    outcome: Some("Concern - resolved locally".into()),
                    information_given: None,
                    advocacy_offered: None,
                });
            }
            _ => {
                let mut r = request(RequestStage::Signposted, ago(100));
                r.stage = RequestStage::Signposted;
                r.advice = Some("Leicester City Council's post-adoption support team".into());
                record.requests.push(r);
                let mut p = plan(PlanStage::Final, ago(50));
                p.add_review("The family moved house", ago(10), "ASSESS-014");
                record.plans.push(p);
                record.offer.checklist = (0..domain::passport::offer::CHECKLIST.len()).collect();
                record.offer.permanence_confirmed = Some(ago(45));
                record.offer.dpst.push(DpstReferral {
                    referred: ago(3),
                    by: "social-worker.demo".into(),
                    criteria: "Placement at risk of breakdown".into(),
                    stage: DpstStage::AwaitingAuthorisation,
                    authorised_by: None,
                });
                if let Some(c) = child {
                    record.offer.bookings.push(Booking {
                        kind: BookingKind::LifeAppreciationDay,
                        what: "Life Appreciation Day".into(),
                        on: as_of + Days::new(30),
                        child: Some(c),
                        booked_by: "post-order-support-worker.demo".into(),
                    });
                }
            }
        }
        out.push(record);
    }
    out
}

/// The demo's SGO and CAO allowances (WF-SGO-CAO-ALLOWANCE), on the
/// special guardianship and child arrangements order families with a
/// support record, each in turn at another point: a means test asked for,
/// one waiting for the manager's decision, one agreed this spring and one
/// agreed over a year ago whose annual review is overdue (PAY-016). Each
/// agreed allowance's year is a credit of the child's allowances account
/// (returned, numbered after `existing`), and its start an event on the
/// family's role, so its review comes to the worklist.
pub fn allowances(
    households: &mut [Household],
    records: &mut [domain::passport::support::SupportRecord],
    existing: &[domain::passport::ledger::LedgerEntry],
    as_of: NaiveDate,
) -> Vec<domain::passport::ledger::LedgerEntry> {
    use domain::access::User;
    use domain::child::ChildId;
    use domain::deadlines::{Event, EventKind};
    use domain::passport::allowances::{OrderAllowanceBasis, order_allowance_credit};
    use domain::passport::ledger::entry_id;
    use domain::passport::order_allowance::{OrderAllowance, RecordedMeansTest};
    use domain::roles::Role;
    let ago = |days| as_of - Days::new(days);
    let manager = User {
        username: "team-manager.demo".into(),
        display_name: crate::staff::user_name(Role::TeamManager),
        role: Role::TeamManager,
        team: None,
        worker_id: None,
    };
    let mut credits: Vec<domain::passport::ledger::LedgerEntry> = Vec::new();
    let mut n = 0;
    for record in records.iter_mut() {
        let Some(h) = households.iter_mut().find(|h| h.id == record.household_id) else {
            continue;
        };
        let Some(role) = h.roles.iter_mut().rev().find(|r| {
            r.is_open()
                && matches!(
                    r.kind,
                    RoleKind::SpecialGuardian | RoleKind::ChildArrangementsOrderHolder
                )
        }) else {
            continue;
        };
        let Some(child) = h
            .links
            .iter()
            .find(|l| l.kind == LinkKind::SubjectOfOrder)
            .and_then(|l| ChildId::parse(&l.child_id).ok())
        else {
            continue;
        };
        n += 1;
        let (basis, requested) = if n % 2 == 0 {
            (OrderAllowanceBasis::ChildInCare, ago(40 + n % 5 * 100))
        } else {
            (
                OrderAllowanceBasis::PrivateProceedings,
                ago(30 + n % 5 * 100),
            )
        };
        let mut a =
            OrderAllowance::request(1, child.clone(), basis, requested, "social-worker.demo");
        let test = RecordedMeansTest {
            completed: requested + Days::new(14),
            weekly_income_pence: 38_000 + (n % 7) * 2_500,
            weekly_outgoings_pence: 36_000 + (n % 5) * 1_500,
            weekly_allowance_pence: 9_500 + (n % 4) * 1_250,
            by: "finance-officer.demo".into(),
        };
        let stage = n % 4;
        if stage != 1 && test.completed <= as_of {
            let _ = a.means_tested(test.clone());
        }
        if stage >= 2 {
            let on = test.completed + Days::new(7);
            if on <= as_of && a.agree(manager.role, &manager.username, on).is_ok() {
                let key = domain::passport::ledger::AccountKey::new(
                    domain::passport::ledger::Fund::Allowances,
                    child.as_str(),
                    on,
                );
                let seq = existing
                    .iter()
                    .chain(credits.iter())
                    .filter(|e| e.account == key)
                    .count();
                if let Ok(credit) = order_allowance_credit(
                    child.clone(),
                    basis,
                    Some(test.test()),
                    52,
                    &manager,
                    on,
                    |k| entry_id(k, seq + 1),
                ) {
                    a.entries.push(credit.id.clone());
                    credits.push(credit);
                }
                role.events.push(Event {
                    date: on,
                    kind: EventKind::SgoAllowanceStarted,
                });
                role.events.sort_by_key(|e| e.date);
            }
        }
        record.allowances.push(a);
    }
    credits
}
