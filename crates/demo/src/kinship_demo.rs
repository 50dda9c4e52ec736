//! The demo's connected-person carers and special guardians with the
//! details their steps record: temporary approval with the child placed,
//! extensions with their reason and approver, court directions, the panel
//! and the agency decision with reasons, outcomes; and each order holder's
//! order with, for most, its support plan and the support offered (the
//! rest have SG-004's plan due or overdue).

use chrono::{Days, NaiveDate};
use domain::access::User;
use domain::fostering::kinship::{CourtRoute, KinshipEntry, KinshipOutcome, record_kinship};
use domain::fostering::special_guardianship::{SgEntry, SgService, record_sg};
use domain::households::household::Household;
use domain::households::lifecycle::RoleKind;
use domain::permanence::workflow::Transition;
use domain::roles::Role;

use crate::rng::Rng;

fn demo_user(role: Role) -> User {
    User {
        username: "demo".into(),
        display_name: "Demo".into(),
        role,
        team: None,
        worker_id: None,
    }
}

const REASONS: &[&str] = &[
    "The carers meet the child's needs and the bond is strong",
    "Checks and references are complete; the household is safe",
    "The family have shown they can work with the child's plan",
];

/// Takes a connected person's step that needs its details, with them;
/// `false` when `step` is not one (the caller takes it plainly).
pub(crate) fn take_with_details(
    h: &mut Household,
    rid: &str,
    step: &Transition,
    on: NaiveDate,
    child: Option<&str>,
    rng: &mut Rng,
) -> bool {
    let Some(kind) = h.roles.iter().find(|r| r.id == rid).map(|r| r.kind) else {
        return false;
    };
    if kind == RoleKind::ConnectedPersonCarer && step.name == "complete_assessment" {
        // KIN-003: the team manager screens before the panel.
        record_kinship(
            h,
            rid,
            &demo_user(Role::TeamManager),
            KinshipEntry::Screening { on },
            on,
        )
        .expect("a demo screening");
        return false;
    }
    if !domain::fostering::kinship::needs_details(kind, step.name) {
        return false;
    }
    let reasons = (*rng.pick(REASONS)).to_owned();
    let entry = match step.name {
        "temporary_approval" => KinshipEntry::TemporaryApproval {
            child: child.unwrap_or_default().to_owned(),
            placed: on,
        },
        "recommend" => KinshipEntry::PanelRecommendation {
            on,
            approve: true,
            reasons,
        },
        "approve" => KinshipEntry::AgencyDecision {
            on,
            approve: true,
            reasons,
        },
        "refuse" => KinshipEntry::AgencyDecision {
            on,
            approve: false,
            reasons,
        },
        "order" => KinshipEntry::Outcome {
            on,
            outcome: KinshipOutcome::SpecialGuardianshipOrder,
        },
        _ => return false,
    };
    record_kinship(h, rid, &demo_user(step.roles[0]), entry, on)
        .expect("a demo kinship step has its details");
    true
}

/// After its path: some connected persons in assessment have a court's
/// direction, and some under temporary approval have had it extended.
pub(crate) fn after_path(h: &mut Household, rid: &str, as_of: NaiveDate, rng: &mut Rng) {
    let Some(role) = h.roles.iter().find(|r| r.id == rid) else {
        return;
    };
    if role.kind != RoleKind::ConnectedPersonCarer || role.stage != "full_assessment" {
        return;
    }
    let last = role.last_step;
    let on = (last + Days::new(rng.between(1, 20) as u64)).min(as_of);
    let entry = if rng.below(2) == 0 {
        KinshipEntry::Extension {
            on,
            reason: "A referee's medical report is delayed".into(),
        }
    } else {
        KinshipEntry::CourtDirection {
            on,
            route: if rng.below(3) == 0 {
                CourtRoute::PrivateLawSgo
            } else {
                CourtRoute::CareProceedings
            },
        }
    };
    // An extension after the temporary approval ended is refused, as it
    // would be for a person: such a household simply has none.
    let _ = record_kinship(h, rid, &demo_user(Role::ServiceManager), entry, as_of);
}

/// Before its path: an order holder's order for `child` on `start`, and
/// for most the support plan and an offer (none for some still in the
/// support window, whose SG-004 plan is due or overdue).
pub(crate) fn order_holder(
    h: &mut Household,
    rid: &str,
    (stage, start, first_step): (&str, NaiveDate, NaiveDate),
    child: &str,
    rng: &mut Rng,
) {
    let worker = demo_user(Role::PostOrderSupportWorker);
    let order = SgEntry::Order {
        child: child.to_owned(),
        on: start,
    };
    record_sg(h, rid, &worker, order, start).expect("a demo order");
    if stage == "support_window" && rng.below(2) == 0 {
        return;
    }
    let agreed = start + Days::new((first_step - start).num_days().max(2) as u64 / 2);
    let plan = SgEntry::SupportPlan {
        on: agreed,
        panel_reviewed: Some(agreed - Days::new(1)),
        needs: "Contact with birth family; school support".into(),
        future_plan: "Advice line, six-monthly calls, review at school transition".into(),
    };
    record_sg(h, rid, &worker, plan, agreed).expect("a demo support plan");
    let offer = SgEntry::Offer {
        on: agreed,
        services: vec![SgService::Advice, SgService::NewslettersAndEvents],
    };
    record_sg(h, rid, &worker, offer, agreed).expect("a demo offer");
}

/// Whether a role of this kind names a child in its order.
pub(crate) fn holds_an_order(kind: RoleKind) -> bool {
    matches!(
        kind,
        RoleKind::SpecialGuardian | RoleKind::ChildArrangementsOrderHolder
    )
}
