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
