//! Permanence plans, panel referrals and meetings for a generated council, so
//! the demo and the benchmarks have plans in every state, realistic drift
//! and panel sittings.
//!
//! Plans follow each child's journey: the pathway from their placement and
//! legal status, ratification at the second review (the generator's own
//! ratification events), long-term fostering through the Permanence Panel at
//! monthly meetings. A share of children drift on purpose: no ratified plan
//! after the second review, a parallel plan past its decision date, a
//! long-term fostering plan not yet at panel. The events these records imply
//! (long-term fostering agreed, listed, outcome, decision) are added to the
//! journeys so the deadline engine sees the same story.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use domain::codes::{CodeList, PlacementGroup};
use domain::deadlines::{Event, EventKind};
use domain::journey::CareJourney;
use domain::permanence::iro_issues::IroIssue;
use domain::permanence::panels::Meeting;
use domain::permanence::panels::{Attendance, Forum, ForumKind, Membership, SeatRole};
use domain::permanence::plan::{
    AppraisalEntry, AppraisalOutcome, CourtTimetable, Exceptional, Identity, Lifecycle, Objective,
    OutcomeArea, ParallelPlan, Pathway, PermanenceOption, PermanencePlan, SiblingAssessment, Step,
    Voice,
};
use domain::permanence::referrals::{
    AdmDecision, ItemType, Outcome, PackDoc, PackEntry, Referral, required_pack,
};

use domain::permanence::support::{SupportPlan, SupportPlanTemplate, SupportService};
use domain::permanence::workflow::{IroIssueState, PlanStage, ReferralStage};
use domain::roles::Role;

use crate::rng::Rng;

/// The permanence records of a demo council.
#[derive(Debug, Clone, Default)]
pub struct PermanenceDemo {
    pub forum: Option<Forum>,
    pub plans: Vec<PermanencePlan>,
    /// Referrals with their identifiers.
    pub referrals: Vec<(String, Referral)>,
    pub meetings: Vec<Meeting>,
    /// The agreed support plans the plans link to (PLAN-010).
    pub support_plans: Vec<SupportPlan>,
    /// IRO issues with their identifiers, one at each state of
    /// WF-IRO-ESCALATION (TRACK-013).
    pub iro_issues: Vec<(String, IroIssue)>,
}

/// The Permanence Panel of the demo: the demo users in their seats, with
/// the spec's defaults (monthly, 10 working days' cut-off, quorum of chair,
/// ADM and one more).
pub fn demo_forum(since: NaiveDate) -> Forum {
    let seat = |person: &str, seat: SeatRole| Membership {
        person: person.to_owned(),
        seat,
        from: since,
        to: None,
    };
    let mut forum = Forum::with_defaults(ForumKind::PermanencePanel);
    forum.members = vec![
        seat("head-of-service.demo", SeatRole::Chair),
        seat("service-manager.demo", SeatRole::ViceChair),
        seat("agency-decision-maker.demo", SeatRole::AgencyDecisionMaker),
        seat("independent-reviewing-officer.demo", SeatRole::Member),
        seat("supervising-social-worker.demo", SeatRole::Member),
        seat("panel-adviser.demo", SeatRole::Adviser),
    ];
    forum
}

/// The second Wednesday of a month: the Permanence Panel's sitting day.
fn sitting(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Wed, 2)
        .expect("every month has two Wednesdays")
}

fn month_add(year: i32, month: u32, n: i32) -> (i32, u32) {
    let m = year * 12 + month as i32 - 1 + n;
    (m.div_euclid(12), m.rem_euclid(12) as u32 + 1)
}

/// Builds the records and adds the events they imply to the journeys.
pub fn permanence(journeys: &mut [CareJourney], as_of: NaiveDate, seed: u64) -> PermanenceDemo {
    let mut rng = Rng::new(seed ^ 0x5045_524d);
    let forum = demo_forum(as_of - Days::new(3 * 365));
    // Monthly sittings from a year ago to two months ahead.
    let meetings: Vec<Meeting> = (-12..=2)
        .map(|n| {
            let (y, m) = month_add(as_of.year(), as_of.month(), n);
            Meeting::new(ForumKind::PermanencePanel, sitting(y, m))
        })
        .collect();
    let mut demo = PermanenceDemo {
        forum: Some(forum.clone()),
        plans: Vec::new(),
        referrals: Vec::new(),
        meetings,
        support_plans: Vec::new(),
        iro_issues: Vec::new(),
    };
    for journey in journeys.iter_mut() {
        let mut r = rng.fork(0);
        let added = plan_child(journey, as_of, &mut r, &mut demo);
        if !added.is_empty() {
            let mut activities = journey.activities().to_vec();
            activities.extend(added);
            *journey = journey
                .clone()
                .with_activities(activities, as_of)
                .expect("permanence events keep a journey valid");
        }
    }
    // Attendance and minutes for past sittings (the latest not yet minuted).
    let present = |m: &Membership| Attendance {
        person: m.person.clone(),
        seat: m.seat,
    };
    let last_past = demo
        .meetings
        .iter()
        .filter(|m| m.date <= as_of)
        .map(|m| m.date)
        .max();
    for m in demo.meetings.iter_mut() {
        if m.date > as_of {
            continue;
        }
        m.attendees = forum.members.iter().map(present).collect();
        if Some(m.date) != last_past {
            m.minutes_approved = Some(domain::calendar::add_working_days(m.date, 6));
        }
    }
    let linked: std::collections::BTreeMap<String, SupportPlan> = demo
        .plans
        .iter()
        .filter_map(demo_support_plan)
        .map(|s| (s.id.clone(), s))
        .collect();
    demo.support_plans = linked.into_values().collect();
    demo.iro_issues = iro_issues(journeys, &demo.plans, as_of);
    demo
}

/// The states an IRO issue is shown in, each with the stage it reached
/// (WF-IRO-ESCALATION).
const ISSUE_STATES: [(IroIssueState, usize); 7] = [
    (IroIssueState::Stage0, 0),
    (IroIssueState::Stage1, 1),
    (IroIssueState::Stage2, 2),
    (IroIssueState::Stage3, 3),
    (IroIssueState::Stage4, 4),
    (IroIssueState::Cafcass, 1),
    (IroIssueState::Resolved, 2),
];

/// One IRO issue at each state of WF-IRO-ESCALATION, for the first children
/// in care for two months or more with a plan not yet ratified: raised at Stage 0 a week for each
/// stage ago, answered and escalated by the IRO a week apart, the current
/// stage raised yesterday (so no stage has timed out today). The events they
/// imply are added to the journeys.
fn iro_issues(
    journeys: &mut [CareJourney],
    plans: &[PermanencePlan],
    as_of: NaiveDate,
) -> Vec<(String, IroIssue)> {
    let iro = [Role::IndependentReviewingOfficer];
    let mut issues = Vec::new();
    // In care since before the oldest issue was raised.
    let since = as_of - Days::new(60);
    let drifting = journeys.iter_mut().filter(|j| {
        j.current_episode().is_some()
            && j.periods_of_care().last().is_some_and(|p| p.0 <= since)
            && plans
                .iter()
                .any(|p| p.child_id == *j.id() && p.ratified_on.is_none())
    });
    for (journey, (state, reached)) in drifting.zip(ISSUE_STATES) {
        let day = |stage: usize| as_of - Days::new(7 * (reached - stage) as u64 + 1);
        let mut events = vec![Event {
            kind: EventKind::IroIssueRaised,
            date: day(0),
        }];
        let mut issue = IroIssue::raise(
            journey.id().clone(),
            "Permanence plan not ratified",
            "Put the plan to the next review for ratification",
            domain::permanence::iro_issues::IroStage::Stage0,
            day(0),
        );
        for stage in 1..=reached {
            issue.record_response(day(stage));
            issue
                .escalate(day(stage), &iro)
                .expect("the IRO escalates an open issue");
            events.push(Event {
                kind: EventKind::IroStageResponse,
                date: day(stage),
            });
            events.push(Event {
                kind: EventKind::IroIssueEscalated,
                date: day(stage),
            });
        }
        match state {
            IroIssueState::Cafcass => issue
                .refer_to_cafcass(
                    as_of - Days::new(1),
                    "The plan is not being carried out",
                    &iro,
                )
                .expect("the IRO may refer to Cafcass"),
            IroIssueState::Resolved => {
                issue
                    .resolve(as_of - Days::new(1), &iro)
                    .expect("the IRO resolves an open issue");
                events.push(Event {
                    kind: EventKind::IroIssueResolved,
                    date: as_of - Days::new(1),
                });
            }
            _ => {}
        }
        let mut activities = journey.activities().to_vec();
        activities.extend(events);
        *journey = journey
            .clone()
            .with_activities(activities, as_of)
            .expect("IRO issue events keep a journey valid");
        issues.push((format!("{}-I01", journey.id()), issue));
    }
    issues
}

/// The agreed support plan a demo plan links to, agreed when the plan was
/// started (PLAN-010, DATA-008).
fn demo_support_plan(plan: &PermanencePlan) -> Option<SupportPlan> {
    let on = plan.created;
    Some(SupportPlan {
        id: plan.support_plan.clone()?,
        child_id: plan.child_id.clone(),
        pathway: plan.pathway?,
        template: SupportPlanTemplate::GrowingSafetySupportPlanAndAgreement,
        child_needs_now: "Therapeutic support to settle and feel safe".into(),
        child_needs_future: "Support with identity and at school transitions".into(),
        carer_needs: "Therapeutic parenting training and regular respite".into(),
        services: vec![SupportService {
            service: "Therapeutic parenting support".into(),
            provider_agency: "CAMHS".into(),
            start: on,
            review: on + Days::new(182),
        }],
        carer_agreed: Some(on),
        la_agreed: Some(on),
        last_reviewed: Some(on),
        review_required_from: None,
    })
}

fn next_meeting_after(meetings: &[Meeting], date: NaiveDate) -> Option<usize> {
    meetings.iter().position(|m| m.date > date)
}

fn full_contents(
    plan: &mut PermanencePlan,
    pathway: Pathway,
    journey: &CareJourney,
    on: NaiveDate,
) {
    plan.pathway = Some(pathway);
    plan.legal_route = Some(
        match pathway {
            Pathway::Adoption => "Placement order, then adoption order",
            Pathway::SpecialGuardianshipOrder => "Special guardianship order",
            Pathway::ChildArrangementsOrder => "Child arrangements order",
            Pathway::ReturnHome => "Discharge of the care order / end of section 20",
            Pathway::LongTermFostering => "Care order; long-term fostering match",
            _ => "Care order",
        }
        .to_owned(),
    );
    plan.timeframe = Some("Within 6 months".to_owned());
    let chosen = pathway.option();
    plan.appraisal = PermanenceOption::ALL
        .into_iter()
        .filter(|o| *o <= chosen)
        .map(|o| AppraisalEntry {
            option: o,
            outcome: if o == chosen {
                AppraisalOutcome::RuledIn
            } else if o == PermanenceOption::FriendsNetwork {
                AppraisalOutcome::NotApplicable
            } else {
                AppraisalOutcome::RuledOut
            },
            reasons: if o == chosen {
                "Best meets the child's assessed needs".into()
            } else {
                "Assessed and ruled out: see the assessment".into()
            },
            assessment_ref: Some(format!("ASSESS-{}-{}", journey.id(), o.step())),
        })
        .collect();
    plan.objectives = vec![
        Objective {
            text: "Settled, secure home until adulthood".into(),
            area: OutcomeArea::Stability,
        },
        Objective {
            text: "Attends school and makes progress".into(),
            area: OutcomeArea::Education,
        },
        Objective {
            text: "Feels safe; emotional health supported".into(),
            area: OutcomeArea::SafetyAndWelfare,
        },
    ];
    plan.steps = vec![Step {
        description: "Complete the support plan review".into(),
        owner: plan.owner.clone(),
        target: on + Days::new(90),
        done: None,
        variance_reason: None,
    }];
    plan.support_plan = Some(format!("SP-{}", journey.id()));
    plan.contact_agreement = Some(format!("CA-{}", journey.id()));
    if !journey.siblings().is_empty() {
        plan.sibling_assessment = Some(SiblingAssessment {
            together: true,
            reasons: "Close relationship; placed together".into(),
            completed: on,
        });
    }
    plan.identity = Identity {
        ethnic_origin: Some(journey.child().ethnicity.description().to_owned()),
        cultural_background: Some("Recorded in the assessment".into()),
        language: Some("English".into()),
        religion: Some("Not known: the child has not said".into()),
        disability: Some("None known".into()),
        sexuality: Some("Not applicable: age".into()),
    };
    plan.child_voice = Some(Voice {
        wishes: "Wants to stay where they are".into(),
        gathered: on,
        decision_follows_wishes: true,
        reason_differs: None,
    });
    plan.carer_views = Some("Carers support the plan".into());
    if pathway == Pathway::Residential {
        plan.exceptional = Some(Exceptional {
            assessment_ref: format!("EXC-{}", journey.id()),
            circumstances: "Assessed needs call for a residential setting".into(),
            approved_by: Some("service-manager.demo".into()),
            approved_on: Some(on),
        });
    }
}

/// One child's plan (and referrals); returns the events to add.
fn plan_child(
    journey: &CareJourney,
    as_of: NaiveDate,
    rng: &mut Rng,
    demo: &mut PermanenceDemo,
) -> Vec<Event> {
    let child = journey.id().clone();
    let Some(episode) = journey.current_episode() else {
        return achieved_plan(journey, as_of, demo);
    };
    let start = journey
        .periods_of_care()
        .last()
        .map_or(episode.start, |p| p.0);
    let owner = journey
        .social_workers()
        .last()
        .map_or_else(String::new, |s| s.worker_id.clone());
    let age = domain::time::age_on(journey.child().date_of_birth, as_of);
    let reviews: Vec<NaiveDate> = journey
        .reviews()
        .iter()
        .map(|r| r.date)
        .filter(|d| *d >= start)
        .collect();
    let ratified_event = journey
        .activities()
        .iter()
        .filter(|e| e.kind == EventKind::PermanencePlanRatified && e.date >= start)
        .map(|e| e.date)
        .next();
    let legal = episode.legal_status.code();
    let group = episode.placement.placement_type.group();
    let pathway = match group {
        PlacementGroup::PlacedForAdoption => Pathway::Adoption,
        _ if legal == "E1" => Pathway::Adoption,
        PlacementGroup::KinshipFoster if rng.chance(0.4) => Pathway::SpecialGuardianshipOrder,
        PlacementGroup::KinshipFoster => Pathway::ConnectedPersons,
        PlacementGroup::PlacedWithParents => Pathway::ReturnHome,
        PlacementGroup::Residential | PlacementGroup::Secure => Pathway::Residential,
        PlacementGroup::IndependentOrSemiIndependent if age >= 16 => Pathway::StayingPut,
        _ => rng.weighted(&[
            (Pathway::LongTermFostering, 0.55),
            (Pathway::ReturnHome, 0.2),
            (Pathway::SpecialGuardianshipOrder, 0.15),
            (Pathway::ChildArrangementsOrder, 0.1),
        ]),
    };
    let mut plan = PermanencePlan::draft(child.clone(), start, owner);
    let mut events = Vec::new();
    let add = |kind: EventKind, date: NaiveDate, events: &mut Vec<Event>| {
        if date <= as_of && date >= start {
            events.push(Event { kind, date });
        }
    };
    if !journey
        .activities()
        .iter()
        .any(|e| e.kind == EventKind::PermanenceDiscussionRecorded && e.date >= start)
        && rng.chance(0.93)
    {
        add(EventKind::PermanenceDiscussionRecorded, start, &mut events);
    }
    // Not ratified: too early (fewer than two reviews), or drifting.
    let ratified_on = match ratified_event {
        Some(d) if !rng.chance(0.05) => Some(d),
        _ => None,
    };
    let Some(on) = ratified_on else {
        plan.stage = match reviews.len() {
            0 => {
                if journey.episodes().iter().any(|e| e.start >= start) {
                    PlanStage::Assessment
                } else {
                    PlanStage::Placed
                }
            }
            1 => PlanStage::FirstReview,
            _ => PlanStage::PutForward,
        };
        if !reviews.is_empty() && rng.chance(0.6) {
            full_contents(&mut plan, pathway, journey, as_of);
            // A few gaps left for the ratification gate to name.
            if rng.chance(0.5) {
                plan.carer_views = None;
            }
            if rng.chance(0.4) {
                plan.identity.religion = None;
            }
        }
        demo.plans.push(plan);
        return events;
    };
    full_contents(&mut plan, pathway, journey, on);
    // Steps due by now are mostly done; the rest drift (d).
    for step in &mut plan.steps {
        if step.target < as_of && rng.chance(0.93) {
            step.done = Some(step.target - Days::new(rng.between(0, 10) as u64));
        }
    }
    plan.ratified_on = Some(on);
    plan.ratified_at_review = Some(reviews.iter().filter(|d| **d <= on).count() as u32);
    plan.care_plan_updated = journey
        .activities()
        .iter()
        .filter(|e| e.kind == EventKind::CarePlanUpdated && e.date >= start)
        .map(|e| e.date)
        .max()
        .or(Some(on));
    plan.stage = PlanStage::Active;
    plan.lifecycle = Lifecycle::Ratified;
    if legal == "C1" {
        plan.firmness.provisional = true;
        plan.court = Some(CourtTimetable {
            next_hearing: Some(as_of + Days::new(rng.between(7, 60) as u64)),
            final_hearing: Some(as_of + Days::new(rng.between(60, 180) as u64)),
            final_order: None,
        });
    }
    if rng.chance(0.12) && pathway != Pathway::Adoption {
        plan.firmness.parallel = true;
        let decision = on + Days::new(rng.between(60, 240) as u64);
        plan.parallel = Some(ParallelPlan {
            pathway: Pathway::Adoption,
            decision_date: decision,
            decided: (decision < as_of && rng.chance(0.92)).then_some(decision),
        });
    }
    // A change of plan for a few: an earlier return-home plan superseded.
    if rng.chance(0.04) && pathway != Pathway::ReturnHome {
        let mut old = plan.clone();
        old.pathway = Some(Pathway::ReturnHome);
        old.lifecycle = Lifecycle::Superseded;
        old.superseded_on = Some(on);
        old.ratified_on = Some(start.max(on - Days::new(120)));
        old.stage = PlanStage::Changing;
        plan.plan_version = 2;
        demo.plans.push(old);
    }
    if pathway == Pathway::LongTermFostering {
        add(EventKind::LtfPlanAgreed, on, &mut events);
        plan.lifecycle = Lifecycle::RatifiedSubjectToPanel;
        ltf_panel(journey, &mut plan, on, as_of, rng, demo, &mut events);
    }
    demo.plans.push(plan);
    events
}

/// A long-term fostering suitability assessment dated `on`, with every
/// factor of the policy in force answered (PATH-017): the pack's paper.
fn ltf_assessment(on: NaiveDate) -> domain::permanence::pathways::LtfAssessment {
    use domain::permanence::pathways::{FactorAnswer, LtfAssessment, LtfFactor};
    LtfAssessment {
        dated: on,
        clear_assessment: Some("Assessment Framework assessment of the child's needs".into()),
        answers: LtfFactor::ALL
            .into_iter()
            .map(|factor| FactorAnswer {
                factor,
                answer: "Considered with the carers and their supervising social worker".into(),
            })
            .collect(),
    }
}

/// The LTF route through the Permanence Panel for one child.
fn ltf_panel(
    journey: &CareJourney,
    plan: &mut PermanencePlan,
    on: NaiveDate,
    as_of: NaiveDate,
    rng: &mut Rng,
    demo: &mut PermanenceDemo,
    events: &mut Vec<Event>,
) {
    let child = journey.id().clone();
    let list_by = domain::deadline_rules::timescale::ltf_to_panel().after(on);
    let mut referral = Referral::new(
        child.clone(),
        ItemType::LtfSuitability,
        "review_ltf_plan",
        on,
        Some(list_by),
    );
    referral.needs.has_siblings = !journey.siblings().is_empty();
    referral.needs.family_finding = matches!(
        domain::permanence::pathways::family_finding_route(on, journey.placed_since()),
        domain::permanence::pathways::FamilyFindingRoute::PackF { .. }
    );
    let required = required_pack(referral.item, referral.needs);
    let attach = |r: &mut Referral, docs: &[PackDoc], date: NaiveDate| {
        if docs.contains(&PackDoc::LtfSuitabilityAssessment) {
            r.ltf_assessment = Some(ltf_assessment(date));
        }
        for d in docs {
            r.pack.push(PackEntry {
                doc: *d,
                received: date,
                by: if *d == PackDoc::TeamManagerEndorsement {
                    "team-manager.demo".into()
                } else {
                    "social-worker.demo".into()
                },
            });
        }
    };
    let id = format!("{child}-R01");
    // Some are late to panel: drift (e).
    let late = rng.chance(0.1);
    // Late ones still waiting if ratified in the last six months; older ones
    // reached a later sitting.
    let meeting = match (late, as_of - on > chrono::TimeDelta::days(180)) {
        (true, false) => None,
        (true, true) => next_meeting_after(&demo.meetings, on + Days::new(100)),
        (false, _) => next_meeting_after(&demo.meetings, on + Days::new(20)),
    };
    let Some(mi) = meeting else {
        referral.stage = ReferralStage::Pack;
        let half = required.len() / 2;
        attach(&mut referral, &required[..half], on + Days::new(14));
        demo.referrals.push((id, referral));
        return;
    };
    let m_date = demo.meetings[mi].date;
    let cutoff = Forum::with_defaults(ForumKind::PermanencePanel).cutoff_for(m_date);
    let ready = cutoff.min(on + Days::new(25)).max(on);
    if ready > as_of {
        // Still being prepared: papers missing.
        referral.stage = ReferralStage::Pack;
        let some = rng.between(1, required.len() as i64 - 2) as usize;
        attach(&mut referral, &required[..some], on.min(as_of));
        demo.referrals.push((id, referral));
        return;
    }
    attach(&mut referral, &required, ready);
    referral.meeting = Some(demo.meetings[mi].id());
    referral.stage = ReferralStage::Listed;
    events.push(Event {
        kind: EventKind::PermanencePanelListed,
        date: ready,
    });
    demo.meetings[mi].agenda.push(id.clone());
    if m_date > as_of {
        demo.referrals.push((id, referral));
        return;
    }
    // Heard.
    let suitable = rng.chance(0.92);
    referral.outcome = Some(if suitable {
        Outcome::LtfSuitable
    } else {
        Outcome::LtfUnsuitable
    });
    referral.reasons = Some(if suitable {
        "Long-term fostering with the current carers can meet the child's needs now and in future"
            .into()
    } else {
        "The assessment does not show the carers can meet the child's needs in the long term".into()
    });
    events.push(Event {
        kind: EventKind::PermanencePanelOutcome,
        date: m_date,
    });
    // The ADM sat at most meetings. At the last two sittings the ADM took the
    // papers away: the earlier's recommendations were decided within days,
    // the latest's still await a decision today, on the ADM's worklist
    // (PANEL-006; the ADM is in the quorum).
    let mut past: Vec<NaiveDate> = demo
        .meetings
        .iter()
        .map(|m| m.date)
        .filter(|d| *d <= as_of)
        .collect();
    past.sort_unstable();
    let latest = past.last().copied();
    let adm_away = past.iter().rev().take(2).any(|d| *d == m_date);
    let decided = if !adm_away {
        referral.adm_agreed_at_meeting = true;
        // The decision is the meeting's (PANEL-006 met that day).
        events.push(Event {
            kind: EventKind::AgencyDecision,
            date: m_date,
        });
        Some(m_date)
    } else if Some(m_date) == latest {
        None
    } else {
        let d = domain::calendar::add_working_days(m_date, rng.between(2, 7) as u32);
        referral.adm_decision = Some(AdmDecision {
            agreed: true,
            decided_on: d,
            by: "agency-decision-maker.demo".into(),
            reasons: "Agree with the panel's recommendation".into(),
        });
        events.push(Event {
            kind: EventKind::AgencyDecision,
            date: d,
        });
        Some(d)
    };
    let Some(decided) = decided else {
        referral.stage = ReferralStage::Adm;
        demo.referrals.push((id, referral));
        return;
    };
    events.push(Event {
        kind: if suitable {
            EventKind::LtfFoundSuitable
        } else {
            EventKind::LtfFoundUnsuitable
        },
        date: decided,
    });
    let told = domain::calendar::add_working_days(decided, rng.between(1, 5) as u32);
    if told <= as_of {
        referral.communicated = Some(told);
        referral.stage = ReferralStage::Communicated;
        events.push(Event {
            kind: EventKind::PanelOutcomeCommunicated,
            date: told,
        });
    } else {
        referral.stage = ReferralStage::Outcome;
    }
    if suitable {
        plan.lifecycle = Lifecycle::Ratified;
    } else {
        plan.lifecycle = Lifecycle::UnderReview;
        plan.stage = PlanStage::Changing;
    }
    let needs = referral.needs;
    demo.referrals.push((id, referral));
    // Matched with the current carers some months later; monitored a year on.
    if suitable && rng.chance(0.7) {
        let match_date = decided + Days::new(rng.between(30, 120) as u64);
        if let Some(mi) = next_meeting_after(&demo.meetings, match_date)
            .filter(|i| demo.meetings[*i].date <= as_of)
        {
            let md = demo.meetings[mi].date;
            let mut m = Referral::new(
                child.clone(),
                ItemType::Match,
                "match_proposed",
                match_date,
                None,
            );
            m.needs = needs;
            let docs = required_pack(ItemType::Match, m.needs);
            attach(
                &mut m,
                &docs,
                domain::calendar::Period::WorkingDays(12)
                    .before(md)
                    .max(match_date),
            );
            let mid = format!("{child}-R02");
            m.meeting = Some(demo.meetings[mi].id());
            m.outcome = Some(Outcome::MatchAgreed);
            m.reasons = Some("The carers can meet the child's needs until adulthood".into());
            m.adm_agreed_at_meeting = true;
            m.communicated = Some(domain::calendar::add_working_days(md, 3).min(as_of));
            m.stage = ReferralStage::Communicated;
            demo.meetings[mi].agenda.push(mid.clone());
            events.push(Event {
                kind: EventKind::PermanencePanelOutcome,
                date: md,
            });
            // The ADM agreed at the meeting: the decision is that day's.
            events.push(Event {
                kind: EventKind::AgencyDecision,
                date: md,
            });
            events.push(Event {
                kind: EventKind::MatchAgreed,
                date: md,
            });
            demo.referrals.push((mid, m));
        }
    }
}

/// Children who left care in the last year by adoption, an order or a return
/// home have an achieved plan.
fn achieved_plan(journey: &CareJourney, as_of: NaiveDate, demo: &mut PermanenceDemo) -> Vec<Event> {
    use domain::codes::CareExit;
    let Some(last) = journey.episodes().last() else {
        return Vec::new();
    };
    let Some(end) = last.end else {
        return Vec::new();
    };
    if (as_of - end.date).num_days() > 365 {
        return Vec::new();
    }
    let pathway = match end.reason.exit() {
        Some(CareExit::Adoption) => Pathway::Adoption,
        Some(CareExit::SpecialGuardianship) => Pathway::SpecialGuardianshipOrder,
        Some(CareExit::ChildArrangementsOrder) => Pathway::ChildArrangementsOrder,
        Some(CareExit::ReturnHome) => Pathway::ReturnHome,
        _ => return Vec::new(),
    };
    let start = journey.periods_of_care().last().map_or(end.date, |p| p.0);
    let owner = journey
        .social_workers()
        .last()
        .map_or_else(String::new, |s| s.worker_id.clone());
    let mut plan = PermanencePlan::draft(journey.id().clone(), start, owner);
    let on = journey
        .activities()
        .iter()
        .filter(|e| e.kind == EventKind::PermanencePlanRatified && e.date >= start)
        .map(|e| e.date)
        .next()
        .unwrap_or(start);
    full_contents(&mut plan, pathway, journey, on);
    plan.ratified_on = Some(on);
    plan.lifecycle = Lifecycle::Achieved;
    plan.stage = PlanStage::Achieved;
    plan.achieved_on = Some(end.date);
    demo.plans.push(plan);
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::{CouncilSpec, generate};

    #[test]
    fn the_demo_has_plans_in_every_state_and_panel_sittings() {
        let as_of = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
        let mut council = generate(&CouncilSpec::new(1500, 7, as_of));
        let demo = permanence(&mut council.journeys, as_of, 7);
        for state in Lifecycle::ALL {
            assert!(
                demo.plans.iter().any(|p| p.lifecycle == state),
                "no plan is {state:?}"
            );
        }
        for stage in [
            ReferralStage::Pack,
            ReferralStage::Listed,
            // Recommendations awaiting the agency decision maker today.
            ReferralStage::Adm,
            ReferralStage::Communicated,
        ] {
            assert!(
                demo.referrals.iter().any(|(_, r)| r.stage == stage),
                "no referral at {}",
                stage.code()
            );
        }
        assert!(
            demo.meetings
                .iter()
                .filter(|m| m.date <= as_of)
                .all(|m| !m.attendees.is_empty())
        );
        assert!(demo.meetings.iter().any(|m| !m.agenda.is_empty()));
        // IRO issues at each stage, referred to Cafcass and resolved, none
        // of them escalated by a timeout on the day.
        for state in IroIssueState::ALL
            .iter()
            .filter(|s| **s != IroIssueState::Closed)
        {
            let at: Vec<_> = demo
                .iro_issues
                .iter()
                .filter(|(_, i)| i.state() == *state)
                .collect();
            assert_eq!(at.len(), 1, "IRO issues at {}", state.code());
            let mut issue = at[0].1.clone();
            assert!(
                issue.apply_timeouts(as_of).is_empty(),
                "{} timed out",
                state.code()
            );
        }
        // The journeys stay valid with the events added.
        assert!(council.journeys.iter().any(|j| {
            j.activities()
                .iter()
                .any(|e| e.kind == EventKind::LtfPlanAgreed)
        }));
    }
}
