use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("an ISO date")
}

fn ruled_out(option: PermanenceOption, reasons: &str) -> AppraisalEntry {
    AppraisalEntry {
        option,
        outcome: AppraisalOutcome::RuledOut,
        reasons: reasons.into(),
        assessment_ref: None,
    }
}

/// A long-term fostering plan put forward at the second review on
/// 2025-06-30 with everything in place.
fn ready_plan() -> PermanencePlan {
    let mut plan = PermanencePlan::draft("child1".parse().unwrap(), d("2025-03-03"), "sw-1");
    plan.pathway = Some(Pathway::LongTermFostering);
    plan.legal_route = Some("care order".into());
    plan.timeframe = Some("match confirmed by 2026-03-31".into());
    plan.appraisal = vec![
        ruled_out(
            PermanenceOption::BirthParents,
            "parenting assessment negative",
        ),
        ruled_out(
            PermanenceOption::ExtendedFamily,
            "viability assessments negative",
        ),
        AppraisalEntry {
            option: PermanenceOption::FriendsNetwork,
            outcome: AppraisalOutcome::NotApplicable,
            reasons: String::new(),
            assessment_ref: None,
        },
        ruled_out(
            PermanenceOption::Adoption,
            "age and wishes; strong bond to siblings",
        ),
    ];
    plan.objectives = vec![
        Objective {
            text: "stays with the current carers".into(),
            area: OutcomeArea::Stability,
        },
        Objective {
            text: "attends school every day".into(),
            area: OutcomeArea::Education,
        },
    ];
    plan.steps = vec![Step {
        description: "refer to the Permanence Panel".into(),
        owner: "sw-1".into(),
        target: d("2025-08-29"),
        done: None,
        variance_reason: None,
    }];
    plan.support_plan = Some("sp-1".into());
    plan.contact_agreement = Some("ca-1".into());
    plan.sibling_assessment = Some(SiblingAssessment {
        together: true,
        reasons: "close bond".into(),
        completed: d("2025-05-20"),
    });
    plan.identity = Identity {
        ethnic_origin: Some("White British".into()),
        cultural_background: Some("recorded".into()),
        language: Some("English".into()),
        religion: Some("not known: parents not asked yet".into()),
        disability: Some("none".into()),
        sexuality: Some("not applicable: age 6".into()),
    };
    plan.child_voice = Some(Voice {
        wishes: "wants to stay with her foster carers".into(),
        gathered: d("2025-06-20"),
        decision_follows_wishes: true,
        reason_differs: None,
    });
    plan.carer_views = Some("willing to care long term".into());
    plan
}

fn ready_context() -> RatificationContext {
    RatificationContext {
        has_siblings: true,
        school_age: true,
        assessment_in_progress: false,
        in_proceedings: false,
        education_contribution: true,
        health_contribution: true,
        team_missing: Vec::new(),
        after_breakdown: false,
    }
}

fn rules(gaps: &[Gap]) -> Vec<&'static str> {
    gaps.iter().map(|g| g.rule).collect()
}

fn messages(gaps: &[Gap]) -> Vec<&str> {
    gaps.iter().map(|g| g.message.as_str()).collect()
}

#[test]
fn a_complete_plan_has_no_gaps() {
    assert_eq!(ratification_gaps(&ready_plan(), &ready_context()), vec![]);
}

#[test]
fn plan_001_the_plan_starts_as_a_draft_owned_by_the_allocated_social_worker() {
    // Given a child accommodated under Section 20 on 2025-03-03, the plan
    // is Draft, created that day, owned by the allocated social worker.
    let plan = PermanencePlan::draft("child1".parse().unwrap(), d("2025-03-03"), "sw-1");
    assert_eq!(plan.lifecycle, Lifecycle::Draft);
    assert_eq!(plan.created, d("2025-03-03"));
    assert_eq!(plan.owner, "sw-1");
    assert_eq!(plan.plan_version, 1);
    // A fresh draft cannot be ratified: it holds nothing yet.
    let gaps = ratification_gaps(&plan, &RatificationContext::default());
    assert!(gaps.iter().any(|g| g.field == "pathway" && g.blocking));
    assert_eq!(Lifecycle::parse("draft"), Some(Lifecycle::Draft));
}

#[test]
fn prin_001_long_term_fostering_without_a_reason_for_ruling_out_adoption_is_blocked() {
    // The spec's Check: appraisal dated 2025-06-16 selects long-term
    // foster care with no reason recorded for ruling out adoption.
    let mut plan = ready_plan();
    plan.appraisal[3].reasons = "  ".into();
    let gaps = ratification_gaps(&plan, &ready_context());
    assert_eq!(rules(&gaps), vec!["PRIN-001"]);
    assert_eq!(
        messages(&gaps),
        vec!["adoption not considered (PRIN-001 step 4)"]
    );
    assert!(gaps[0].blocking);
    // No entry at all for the extended family: step 2 is named too.
    plan.appraisal.remove(1);
    let gaps = ratification_gaps(&plan, &ready_context());
    assert_eq!(
        messages(&gaps),
        vec![
            "extended family not considered (PRIN-001 step 2)",
            "adoption not considered (PRIN-001 step 4)",
        ]
    );
    // A return home needs no earlier step.
    let mut home = ready_plan();
    home.pathway = Some(Pathway::ReturnHome);
    home.appraisal.clear();
    assert!(!rules(&ratification_gaps(&home, &ready_context())).contains(&"PRIN-001"));
}

#[test]
fn prin_003_a_residential_plan_needs_exceptional_case_evidence() {
    // The spec's Check: pathway "residential" on 2025-07-01 without an
    // exceptional-needs assessment reference fails.
    let mut plan = ready_plan();
    plan.pathway = Some(Pathway::Residential);
    plan.appraisal.push(ruled_out(
        PermanenceOption::PermanentFostering,
        "needs cannot be met in a family",
    ));
    let gaps = ratification_gaps(&plan, &ready_context());
    assert_eq!(messages(&gaps), vec!["exceptional-case evidence required"]);
    // A blank reference is no evidence.
    plan.exceptional = Some(Exceptional {
        assessment_ref: " ".into(),
        circumstances: "specialist therapeutic needs".into(),
        approved_by: Some("sm-1".into()),
        approved_on: None,
    });
    let gaps = ratification_gaps(&plan, &ready_context());
    assert_eq!(messages(&gaps), vec!["exceptional-case evidence required"]);
    // Evidence without the approver still blocks.
    plan.exceptional = Some(Exceptional {
        assessment_ref: "assessment-77".into(),
        circumstances: "specialist therapeutic needs".into(),
        approved_by: None,
        approved_on: None,
    });
    assert_eq!(
        rules(&ratification_gaps(&plan, &ready_context())),
        vec!["PRIN-003"]
    );
    // A social worker does not approve it; a service manager does, once.
    let user = |role: Role| User {
        username: format!("{}.test", role.code()),
        display_name: role.title().into(),
        role,
        team: None,
        worker_id: None,
    };
    let on = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
    assert!(matches!(
        plan.approve_exceptional(&user(Role::SocialWorker), on),
        Err(Refusal::Forbidden(_))
    ));
    let manager = user(Role::ServiceManager);
    plan.approve_exceptional(&manager, on).unwrap();
    assert!(plan.approve_exceptional(&manager, on).is_err());
    assert_eq!(ratification_gaps(&plan, &ready_context()), vec![]);
    // The approval stands for the evidence approved, not a changed one.
    let approved = plan.exceptional.clone();
    let same = approved.clone().unwrap().revised(approved.as_ref());
    assert_eq!(same.approved_on, Some(on));
    let mut changed = approved.clone().unwrap();
    changed.assessment_ref = "assessment-78".into();
    assert_eq!(changed.revised(approved.as_ref()).approved_by, None);
}

#[test]
fn prin_004_every_identity_heading_needs_an_entry() {
    // The spec's Check: the "religion" consideration empty.
    let mut plan = ready_plan();
    plan.identity.religion = None;
    let gaps = ratification_gaps(&plan, &ready_context());
    assert_eq!(rules(&gaps), vec!["PRIN-004"]);
    assert_eq!(
        messages(&gaps),
        vec!["identity consideration missing: religion"]
    );
    plan.identity.sexuality = Some("   ".into());
    assert_eq!(plan.identity.missing(), vec!["religion", "sexuality"]);
}

#[test]
fn prin_005_a_decision_against_the_child_s_wishes_needs_a_reason() {
    // The spec's Check: "I want to live with my nan", decision long-term
    // foster care with unrelated carers.
    let mut plan = ready_plan();
    plan.child_voice = Some(Voice {
        wishes: "I want to live with my nan".into(),
        gathered: d("2025-06-30"),
        decision_follows_wishes: false,
        reason_differs: None,
    });
    let gaps = ratification_gaps(&plan, &ready_context());
    assert_eq!(
        messages(&gaps),
        vec!["reason the decision differs from the child's wishes is required"]
    );
    plan.child_voice.as_mut().unwrap().reason_differs =
        Some("nan's assessment was negative".into());
    assert_eq!(ratification_gaps(&plan, &ready_context()), vec![]);
    // No voice recorded at all blocks too.
    plan.child_voice = None;
    assert_eq!(
        rules(&ratification_gaps(&plan, &ready_context())),
        vec!["PRIN-005"]
    );
}

#[test]
fn prin_011_siblings_need_the_together_apart_assessment() {
    // The spec's Check: siblings A and B looked after from 2025-03-03, A's
    // plan put forward on 2025-06-30 without the Planning Aid.
    let mut plan = ready_plan();
    plan.sibling_assessment = None;
    let gaps = ratification_gaps(&plan, &ready_context());
    assert_eq!(
        messages(&gaps),
        vec!["sibling together/apart assessment missing"]
    );
    // An only child needs none.
    let only = RatificationContext {
        has_siblings: false,
        ..ready_context()
    };
    assert_eq!(ratification_gaps(&plan, &only), vec![]);
}

#[test]
fn prin_015_a_return_home_plan_needs_a_contact_agreement() {
    // The spec's Check: pathway "return home" with no Contact Agreement.
    let mut plan = ready_plan();
    plan.pathway = Some(Pathway::ReturnHome);
    plan.contact_agreement = None;
    let gaps = ratification_gaps(&plan, &ready_context());
    assert_eq!(rules(&gaps), vec!["PRIN-015"]);
    assert!(gaps[0].blocking);
    plan.contact_agreement = Some("ca-1".into());
    assert_eq!(ratification_gaps(&plan, &ready_context()), vec![]);
}

#[test]
fn prin_019_no_stability_objective_is_a_warning_only() {
    // The spec's Check: four objectives, none mapped to Stability.
    let mut plan = ready_plan();
    plan.objectives = [
        OutcomeArea::SafetyAndWelfare,
        OutcomeArea::Education,
        OutcomeArea::Leisure,
        OutcomeArea::Transitions,
    ]
    .into_iter()
    .map(|area| Objective {
        text: "objective".into(),
        area,
    })
    .collect();
    let gaps = ratification_gaps(&plan, &ready_context());
    assert_eq!(messages(&gaps), vec!["no Stability objective"]);
    assert!(!gaps[0].blocking);
    // Warnings sort after blocking gaps.
    plan.timeframe = None;
    let gaps = ratification_gaps(&plan, &ready_context());
    assert_eq!(rules(&gaps), vec!["PLAN-008", "PRIN-019"]);
}

#[test]
fn plan_003_an_assessment_is_in_progress_from_its_start_until_its_completion() {
    use crate::deadlines::{Event, EventKind};
    let ev = |kind, s: &str| Event { kind, date: d(s) };
    let started = [ev(EventKind::PermanenceAssessmentStarted, "2025-05-12")];
    assert!(!assessment_in_progress(&started, d("2025-05-11")));
    assert!(assessment_in_progress(&started, d("2025-06-30")));
    let done = [
        started[0],
        ev(EventKind::PermanenceAssessmentCompleted, "2025-06-20"),
    ];
    assert!(assessment_in_progress(&done, d("2025-06-19")));
    assert!(!assessment_in_progress(&done, d("2025-06-30")));
    // A second assessment started after the first was completed.
    let again = [
        done[0],
        done[1],
        ev(EventKind::PermanenceAssessmentStarted, "2025-06-25"),
    ];
    assert!(assessment_in_progress(&again, d("2025-06-30")));
}

#[test]
fn plan_003_a_plan_resting_on_an_assessment_in_progress_cannot_be_final() {
    // The spec's Check: assessment still in progress on 2025-06-30.
    let ctx = RatificationContext {
        assessment_in_progress: true,
        in_proceedings: true,
        ..ready_context()
    };
    let plan = ready_plan();
    assert_eq!(rules(&ratification_gaps(&plan, &ctx)), vec!["PLAN-003"]);
    let mut provisional = ready_plan();
    provisional.firmness.provisional = true;
    provisional.court = Some(CourtTimetable {
        next_hearing: Some(d("2025-08-01")),
        final_hearing: Some(d("2025-11-14")),
        final_order: None,
    });
    assert_eq!(ratification_gaps(&provisional, &ctx), vec![]);
    let mut parallel = ready_plan();
    parallel.firmness.parallel = true;
    parallel.parallel = Some(ParallelPlan {
        pathway: Pathway::SpecialGuardianshipOrder,
        decision_date: d("2025-09-30"),
        decided: None,
    });
    assert_eq!(ratification_gaps(&parallel, &ctx), vec![]);
}

#[test]
fn plan_006_a_provisional_plan_is_for_proceedings_and_records_the_court_timetable() {
    let mut plan = ready_plan();
    plan.firmness.provisional = true;
    let gaps = ratification_gaps(&plan, &ready_context());
    assert_eq!(rules(&gaps), vec!["PLAN-006", "PLAN-006"]);
    assert_eq!(
        Firmness {
            provisional: true,
            parallel: false
        }
        .label(),
        "Provisional"
    );
    let ctx = RatificationContext {
        in_proceedings: true,
        ..ready_context()
    };
    let gaps = ratification_gaps(&plan, &ctx);
    assert_eq!(gaps.len(), 1);
    assert_eq!(gaps[0].field, "court");
    plan.court = Some(CourtTimetable {
        next_hearing: Some(d("2025-08-01")),
        final_hearing: Some(d("2025-11-14")),
        final_order: None,
    });
    assert_eq!(ratification_gaps(&plan, &ctx), vec![]);
}

#[test]
fn plan_007_a_parallel_plan_needs_its_pathway_and_decision_date() {
    let mut plan = ready_plan();
    plan.firmness.parallel = true;
    let gaps = ratification_gaps(&plan, &ready_context());
    assert_eq!(rules(&gaps), vec!["PLAN-007"]);
    plan.parallel = Some(ParallelPlan {
        pathway: Pathway::SpecialGuardianshipOrder,
        decision_date: d("2025-09-30"),
        decided: None,
    });
    assert_eq!(ratification_gaps(&plan, &ready_context()), vec![]);
    assert_eq!(
        Firmness {
            provisional: true,
            parallel: true
        }
        .label(),
        "Provisional and parallel"
    );
}

#[test]
fn plan_008_ratification_lists_what_the_plan_is_missing() {
    // The spec's Check: "timeframe" empty at the review on 2025-06-30.
    let mut plan = ready_plan();
    plan.timeframe = Some(String::new());
    let gaps = ratification_gaps(&plan, &ready_context());
    assert_eq!(gaps.len(), 1);
    assert_eq!(gaps[0].field, "timeframe");
    assert_eq!(gaps[0].message, "timeframe is missing");
    assert!(gaps[0].blocking);
    // Every content heading is named when empty.
    plan.legal_route = None;
    plan.objectives.clear();
    plan.steps.clear();
    plan.carer_views = None;
    let fields: Vec<_> = ratification_gaps(&plan, &ready_context())
        .into_iter()
        .map(|g| g.field)
        .collect();
    assert_eq!(
        fields,
        vec![
            "legal_route",
            "timeframe",
            "objectives",
            "steps",
            "carer_views"
        ]
    );
}

#[test]
fn plan_010_a_plan_without_a_linked_support_plan_is_blocked() {
    // The spec's Check: "CAO to grandparents" on 2025-06-30 with no
    // linked support plan.
    let mut plan = ready_plan();
    plan.pathway = Some(Pathway::ChildArrangementsOrder);
    plan.support_plan = None;
    let gaps = ratification_gaps(&plan, &ready_context());
    assert_eq!(rules(&gaps), vec!["PLAN-010"]);
    assert_eq!(gaps[0].message, "linked support plan is missing");
    plan.support_plan = Some("sp-2".into());
    assert_eq!(ratification_gaps(&plan, &ready_context()), vec![]);
}

#[test]
fn plan_013_missing_education_or_health_input_warns() {
    // The spec's Check: a school-age child ratified on 2025-06-30 with no
    // education contribution carries the warning.
    let plan = ready_plan();
    let ctx = RatificationContext {
        education_contribution: false,
        ..ready_context()
    };
    let gaps = ratification_gaps(&plan, &ctx);
    assert_eq!(messages(&gaps), vec!["education input missing"]);
    assert!(!gaps[0].blocking);
    // Not of school age: no education warning.
    let young = RatificationContext {
        school_age: false,
        ..ctx.clone()
    };
    assert_eq!(ratification_gaps(&plan, &young), vec![]);
    let no_health = RatificationContext {
        health_contribution: false,
        ..ready_context()
    };
    assert_eq!(
        messages(&ratification_gaps(&plan, &no_health)),
        vec!["health input missing"]
    );
}

#[test]
fn plan_011_a_ratified_plan_is_changed_by_a_change_of_plan_not_edited() {
    let user = |role: Role| User {
        username: format!("{}.test", role.code()),
        display_name: role.title().into(),
        role,
        team: None,
        worker_id: None,
    };
    let sw = user(Role::SocialWorker);
    let mut plan = testing::ratified_plan();
    plan.stage = PlanStage::Active;
    assert!(!plan.moves(&sw).contains(&PlanMove::Edit));
    let refusal = plan.check_move(&sw, PlanMove::Edit).unwrap_err();
    assert!(
        refusal
            .to_string()
            .contains("propose a change of plan instead (PLAN-011)"),
        "{refusal}"
    );
    assert!(plan.moves(&sw).contains(&PlanMove::ProposeChange));
    // The change's own moves are not offered as plan steps.
    assert!(!plan.moves(&sw).contains(&PlanMove::Step("propose_change")));
    // A draft is edited by the worker, not by the panel adviser.
    let draft = PermanencePlan::draft("C1".parse().unwrap(), plan.created, "sw-1");
    assert!(draft.moves(&sw).contains(&PlanMove::Edit));
    assert!(
        !draft
            .moves(&user(Role::PanelAdviser))
            .contains(&PlanMove::Edit)
    );
}
