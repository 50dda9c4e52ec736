//! A child's placement as permanence planning records it, one record for
//! each placement: its purpose and introductions (PLAN-014, PRIN-021), the
//! placement plan's delegated authority (DATA-003), approval of a placement
//! outside Leicestershire (PRIN-013), the placement-at-risk flag and its
//! response (TRACK-005), its end (PRIN-014) and the learning review an
//! unplanned end of a permanent placement opens (PRIN-023); and the list of
//! children with too many changes of social worker (PRIN-022); whether a
//! placement is commissioned and the compliance report of commissioned
//! placements' annual service reviews (ROLE-009).

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::child::ChildId;
use domain::codes::{CodeList, ReasonNewEpisode, ReasonPlacementChange, SocialWorkerChangeReason};
use domain::journey::CareJourney;
use domain::permanence::placements::{
    Commissioning, DelegatedAuthority, LearningOwner, LearningReview, OUT_OF_AREA_APPROVER,
    OutOfAreaReason, OutOfAreaRequest, ParentAndChild, PlacementEnd, PlacementFlag, PlacementPlan,
    PlacementPurpose, PlacementRecord, WORKER_CHANGE_THRESHOLD, WorkerChange,
    WorkerChangeException, annual_service_review_overdue, approve_out_of_area,
    finalise_placement_plan, learning_review_for, section_22_missing, service_review_standing,
    validate_placement, validate_placement_end, worker_change_exceptions,
};
use domain::permanence::tracking::{
    Action, PlacementRiskFlag, StrainIndicator, raise_placement_risk, risk_response_outstanding,
};
use domain::time::Clock;
use serde::{Deserialize, Serialize};
use store::{
    AuditLog, ChildRepository, PermanenceRepository, Record, RecordKind, Store, Versioned,
};

use super::{
    actor_of, audit, child_record, current_plan, ensure_may_see, invalid, load_journey, next_id,
    record_at,
};
use crate::AppError;

/// PRIN-023: who takes the learning review after a permanent placement
/// breaks down (the IRO or the Family Placement Team, as configured).
pub const LEARNING_REVIEW_OWNER: LearningOwner = LearningOwner::IndependentReviewingOfficer;

/// A placement-at-risk flag with the date its stability meeting is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskEntry {
    pub flag: PlacementRiskFlag,
    /// The stability meeting task's due date (TRACK-005).
    pub meeting_due: NaiveDate,
}

impl RiskEntry {
    /// What the flag's response still lacks (TRACK-005).
    pub fn outstanding(&self) -> Vec<&'static str> {
        risk_response_outstanding(&self.flag)
    }
}

/// One placement's permanence record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementFile {
    pub record: PlacementRecord,
    #[serde(default)]
    pub flags: Vec<PlacementFlag>,
    #[serde(default)]
    pub placement_plan: Option<PlacementPlan>,
    #[serde(default)]
    pub out_of_area: Option<OutOfAreaRequest>,
    #[serde(default)]
    pub risks: Vec<RiskEntry>,
    #[serde(default)]
    pub end: Option<PlacementEnd>,
    #[serde(default)]
    pub learning: Option<LearningReview>,
    /// ROLE-009: commissioned from a provider, and its last service review.
    #[serde(default)]
    pub commissioning: Commissioning,
    /// FOST-027: the date of the child's individual risk assessment in
    /// this placement.
    #[serde(default)]
    pub risk_assessment: Option<NaiveDate>,
    /// FOST-028: each time the child was seen in the placement (a respite
    /// one too), with what they said.
    #[serde(default)]
    pub seen: Vec<(NaiveDate, String)>,
}

impl PlacementFile {
    /// What the placement's record still lacks: without the child's
    /// individual risk assessment it is incomplete (FOST-027).
    pub fn incomplete(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.risk_assessment.is_none() {
            missing.push("individual risk assessment (FOST-027)");
        }
        if self.seen.is_empty() {
            missing.push("child seen in the placement, with their views (FOST-028)");
        }
        missing
    }
}

/// A placement's record with its identifier and version.
pub type StoredPlacement = Versioned<Record<PlacementFile>>;

fn placement_record(id: &str, f: &PlacementFile) -> Record<PlacementFile> {
    let stage = if f.end.is_some() { "ended" } else { "open" };
    child_record(
        id,
        &f.record.child_id,
        stage,
        Some(f.record.start.to_string()),
        f,
    )
}

/// The date the child's current placement began: the start of the latest
/// episode that did not change the legal status only.
pub fn current_placement_start(journey: &CareJourney) -> Option<NaiveDate> {
    journey.current_episode()?;
    journey
        .episodes()
        .iter()
        .rev()
        .find(|e| e.reason_new_episode != ReasonNewEpisode::LegalStatusChange)
        .map(|e| e.start)
}

/// A child's placement records, newest first. Audited as a read of the
/// child's record.
pub fn placements_of(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    from: &str,
) -> Result<Vec<StoredPlacement>, AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(tx, user, child, "see this child's placements")?;
        let mut files: Vec<StoredPlacement> =
            tx.records_of_child(RecordKind::Placement, child.as_str())?;
        files.sort_by_key(|f| std::cmp::Reverse(f.value.document.record.start));
        tx.append(&audit(
            &actor,
            clock,
            "view_placements".into(),
            crate::CHILD_RECORD,
            child.as_str(),
            serde_json::json!({"placements": files.len()}),
        ))?;
        Ok(files)
    })
}

/// PATH-024: an adoptive placement is recorded only once the child was given
/// written adoption information (the information-sharing log) and life story
/// work for the transition started (the journey's activity), both on or
/// before the day of the placement.
fn check_adoptive_placement(
    tx: &mut store::Tx<'_>,
    journey: &CareJourney,
    child: &ChildId,
    start: NaiveDate,
) -> Result<(), AppError> {
    use domain::codes::PlacementGroup;
    use domain::permanence::assessment::{InformationShareLog, ShareRecipient, SharedContent};
    use domain::permanence::pathways::{AdoptionReadiness, placement_readiness_gaps};
    let adoptive = journey.episodes().iter().any(|e| {
        e.start == start && e.placement.placement_type.group() == PlacementGroup::PlacedForAdoption
    });
    if !adoptive {
        return Ok(());
    }
    let log = tx
        .record::<InformationShareLog>(RecordKind::InformationShareLog, &format!("{child}-S01"))?
        .map(|r| r.value.document);
    let readiness = AdoptionReadiness {
        written_information_given: log.and_then(|l| {
            l.entries()
                .iter()
                .filter(|e| {
                    e.details.recipient_type == ShareRecipient::Child
                        && e.details.content == SharedContent::WrittenAdoptionInformation
                })
                .map(|e| e.details.on)
                .min()
        }),
        life_story_work_for_transition: journey
            .activities()
            .iter()
            .filter(|e| e.kind == domain::deadlines::EventKind::LifeStoryWorkStarted)
            .map(|e| e.date)
            .min(),
    };
    let gaps = placement_readiness_gaps(&readiness, start);
    if gaps.is_empty() {
        Ok(())
    } else {
        Err(invalid(format!(
            "the adoptive placement is not ready: {} (PATH-024)",
            gaps.join("; ")
        )))
    }
}

/// What a person records about the current placement (PLAN-014, PRIN-021).
#[derive(Debug, Clone)]
pub struct PlacementInput {
    pub purpose: Option<PlacementPurpose>,
    pub introductions: Option<NaiveDate>,
    pub participation: String,
    /// KIN-101: how a connected-person option was considered and, if not
    /// used, why.
    pub section_22: String,
    /// GEN-008: a One2One placement, and its trajectory's code.
    pub one2one: bool,
    pub trajectory: String,
    /// GEN-009: a Parent and Child placement's parent and assessment.
    pub parent_and_child: Option<ParentAndChild>,
}

/// PLAN-014, PRIN-021: records the current placement's purpose within the
/// plan, the introductions or planning meeting and how the child took part
/// in the choice, refused without a purpose, or for a planned move without
/// introductions, without the child's part; a planned move without
/// introductions is flagged. Creates the placement's record (seen at version
/// 0) or updates it. Audited with the purpose and the flags.
pub fn record_placement(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    expected_version: i64,
    input: PlacementInput,
    from: &str,
) -> Result<StoredPlacement, AppError> {
    if !user.may(Permission::WorkOnPlans) {
        return Err(AppError::Forbidden("record this child's placement"));
    }
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(tx, user, child, "record this child's placement")?;
        let journey = load_journey(tx, child)?;
        let start = current_placement_start(&journey.value)
            .ok_or_else(|| invalid("the child is not in care: there is no placement to record"))?;
        check_adoptive_placement(tx, &journey.value, child, start)?;
        let participation = input.participation.trim();
        let record = PlacementRecord {
            child_id: child.clone(),
            start,
            purpose: input.purpose,
            introductions: input.introductions,
            child_participation: (!participation.is_empty()).then(|| participation.to_owned()),
            section_22: Some(input.section_22.trim().to_owned()).filter(|s| !s.is_empty()),
            one2one: input.one2one,
            trajectory: (input.one2one && !input.trajectory.trim().is_empty())
                .then(|| input.trajectory.trim().to_owned()),
            parent_and_child: input.parent_and_child.map(|pc| ParentAndChild {
                parent: pc.parent.trim().to_owned(),
                assessment: pc.assessment.trim().to_owned(),
            }),
        };
        let mut flags = validate_placement(&record).map_err(invalid)?;
        let placement_type = journey
            .value
            .episodes()
            .last()
            .map(|e| e.placement.placement_type);
        if placement_type.is_some_and(|t| section_22_missing(t, &record)) {
            flags.push(PlacementFlag::Section22ConsiderationMissing);
        }
        let held: Vec<StoredPlacement> =
            tx.records_of_child(RecordKind::Placement, child.as_str())?;
        let existing = held
            .into_iter()
            .find(|f| f.value.document.record.start == start);
        let found = existing.as_ref().map_or(0, |f| f.version);
        if found != expected_version {
            return Err(super::stale(
                format!("the placement of {child}"),
                expected_version,
                found,
            ));
        }
        let (id, version, file) = match existing {
            Some(f) => {
                let mut file = f.value.document;
                file.record = record;
                file.flags = flags;
                let r = placement_record(&f.value.id, &file);
                let version = tx.update_record(RecordKind::Placement, &r, expected_version)?;
                (f.value.id, version, file)
            }
            None => {
                let file = PlacementFile {
                    record,
                    flags,
                    placement_plan: None,
                    out_of_area: None,
                    risks: Vec::new(),
                    end: None,
                    learning: None,
                    commissioning: Commissioning::default(),
                    risk_assessment: None,
                    seen: Vec::new(),
                };
                let id = next_id(tx, RecordKind::Placement, child, 'P')?;
                tx.insert_records(RecordKind::Placement, &[placement_record(&id, &file)])?;
                (id, 1, file)
            }
        };
        tx.append(&audit(
            &actor,
            clock,
            "PLAN-014.record_placement".into(),
            "placement",
            &id,
            serde_json::json!({
                "start": start.to_string(),
                "purpose": file.record.purpose.map(PlacementPurpose::code),
                "flags": file.flags.iter().map(|f| f.label()).collect::<Vec<_>>(),
            }),
        ))?;
        Ok(Versioned {
            value: placement_record(&id, &file),
            version,
        })
    })
}

/// What is done to a placement's record after it is made.
#[derive(Debug, Clone)]
pub enum PlacementAction {
    /// DATA-003: finalise the placement plan with its delegated authority.
    FinalisePlan {
        delegated: Vec<String>,
        held_by_others: Vec<String>,
    },
    /// PRIN-013: ask to place the child outside Leicestershire.
    RequestOutOfArea {
        reason: Option<OutOfAreaReason>,
        reason_text: String,
    },
    /// PRIN-013: the service manager approves the request.
    ApproveOutOfArea,
    /// TRACK-005: a sign of strain recorded on a permanent placement.
    RaiseRisk {
        indicator: StrainIndicator,
        recorded: Option<NaiveDate>,
    },
    /// TRACK-005: the stability meeting held and the action plan, for the
    /// flag at `index`.
    RiskResponse {
        index: usize,
        stability_meeting: Option<NaiveDate>,
        actions: Vec<Action>,
    },
    /// PRIN-014: the placement ended, with the move reason and whether it
    /// was planned; an unplanned end of a permanent placement opens a
    /// learning review (PRIN-023).
    End {
        ended: Option<NaiveDate>,
        reason: Option<ReasonPlacementChange>,
        planned: Option<bool>,
    },
    /// PRIN-023: the learning recorded and shared with the key groups.
    Disseminate {
        learning: String,
        on: Option<NaiveDate>,
        groups: Vec<String>,
    },
    /// ROLE-009: whether the placement is commissioned from an agency or
    /// independent provider, and the provider's last annual service review.
    Commissioning {
        commissioned: Option<bool>,
        last_review: Option<NaiveDate>,
    },
    /// FOST-027: the child's individual risk assessment in the placement.
    RiskAssessment { on: Option<NaiveDate> },
    /// FOST-028: the child seen in the placement, and their views.
    ChildSeen {
        on: Option<NaiveDate>,
        voice: String,
    },
}

impl PlacementAction {
    /// The audit event's name.
    fn name(&self) -> &'static str {
        match self {
            PlacementAction::FinalisePlan { .. } => "DATA-003.finalise_placement_plan",
            PlacementAction::RequestOutOfArea { .. } => "PRIN-013.request_out_of_area",
            PlacementAction::ApproveOutOfArea => "PRIN-013.approve_out_of_area",
            PlacementAction::RaiseRisk { .. } => "TRACK-005.raise_placement_risk",
            PlacementAction::RiskResponse { .. } => "TRACK-005.risk_response",
            PlacementAction::End { .. } => "PRIN-014.end_placement",
            PlacementAction::Disseminate { .. } => "PRIN-023.disseminate",
            PlacementAction::Commissioning { .. } => "ROLE-009.record_commissioning",
            PlacementAction::RiskAssessment { .. } => "FOST-027.risk_assessment",
            PlacementAction::ChildSeen { .. } => "FOST-028.child_seen",
        }
    }
}

/// Acts on a placement's record seen at `expected_version`, for those who
/// work on plans (the approval of a placement outside Leicestershire for
/// the service manager only). One transaction, audited with codes and
/// dates only.
pub fn act_on_placement(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    expected_version: i64,
    action: PlacementAction,
    from: &str,
) -> Result<StoredPlacement, AppError> {
    if !user.may(Permission::WorkOnPlans) {
        return Err(AppError::Forbidden("record this child's placement"));
    }
    let actor = actor_of(user, from);
    let today = clock.today();
    store.write(|tx| {
        let current = record_at::<PlacementFile>(
            tx,
            RecordKind::Placement,
            id,
            expected_version,
            "placement",
        )?;
        let mut file = current.value.document;
        let child = file.record.child_id.clone();
        ensure_may_see(tx, user, &child, "record this child's placement")?;
        let plan_version = current_plan(tx, &child)?.map(|p| p.value.document.plan_version);
        let details = apply(&mut file, user, today, plan_version, id, action.clone())?;
        let record = placement_record(id, &file);
        let version = tx.update_record(RecordKind::Placement, &record, expected_version)?;
        tx.append(&audit(
            &actor,
            clock,
            action.name().into(),
            "placement",
            id,
            details,
        ))?;
        Ok(Versioned {
            value: record,
            version,
        })
    })
}

fn not_future(on: Option<NaiveDate>, today: NaiveDate, what: &str) -> Result<NaiveDate, AppError> {
    let on = on.ok_or_else(|| invalid(format!("enter the date {what}")))?;
    if on > today {
        return Err(invalid(format!("the date {what} is in the future")));
    }
    Ok(on)
}

/// Applies an action to a placement's record; returns the audit details.
fn apply(
    file: &mut PlacementFile,
    user: &User,
    today: NaiveDate,
    plan_version: Option<u32>,
    id: &str,
    action: PlacementAction,
) -> Result<serde_json::Value, AppError> {
    let start = file.record.start;
    let lines = |v: Vec<String>| -> Vec<String> {
        v.into_iter()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect()
    };
    Ok(match action {
        PlacementAction::FinalisePlan {
            delegated,
            held_by_others,
        } => {
            let mut plan = PlacementPlan {
                child_id: file.record.child_id.clone(),
                placement_start: start,
                delegated_authority: Some(DelegatedAuthority {
                    delegated: lines(delegated),
                    held_by_others: lines(held_by_others),
                }),
                finalised: None,
            };
            finalise_placement_plan(&mut plan, today).map_err(invalid)?;
            file.placement_plan = Some(plan);
            serde_json::json!({"finalised": today.to_string()})
        }
        PlacementAction::RequestOutOfArea {
            reason,
            reason_text,
        } => {
            let text = reason_text.trim();
            file.out_of_area = Some(OutOfAreaRequest {
                child_id: file.record.child_id.clone(),
                requested: today,
                reason,
                reason_text: (!text.is_empty()).then(|| text.to_owned()),
                plan_version,
                approved_by: None,
                approved_on: None,
            });
            serde_json::json!({"reason": reason.map(OutOfAreaReason::code), "plan_version": plan_version})
        }
        PlacementAction::ApproveOutOfArea => {
            let req = file.out_of_area.as_mut().ok_or_else(|| {
                invalid("there is no request to place the child outside Leicestershire")
            })?;
            if req.approved_on.is_some() {
                return Err(invalid("the request is already approved"));
            }
            approve_out_of_area(req, &user.username, user.role, OUT_OF_AREA_APPROVER, today)
                .map_err(|e| match e {
                    domain::permanence::placements::OutOfAreaError::WrongApprover { .. } => {
                        AppError::Forbidden("approve a placement outside Leicestershire")
                    }
                    e => invalid(e),
                })?;
            serde_json::json!({"approved_on": today.to_string()})
        }
        PlacementAction::RaiseRisk {
            indicator,
            recorded,
        } => {
            let recorded = not_future(recorded, today, "the sign of strain was recorded")?;
            if recorded < start {
                return Err(invalid(
                    "the sign of strain cannot be before the placement began",
                ));
            }
            let permanent = file.record.purpose == Some(PlacementPurpose::PermanentLongTerm);
            let (flag, task) = raise_placement_risk(id, permanent, indicator, recorded)
                .ok_or_else(|| {
                    invalid("the placement-at-risk flag is for permanent or long-term placements")
                })?;
            file.risks.push(RiskEntry {
                flag,
                meeting_due: task.due,
            });
            serde_json::json!({"indicator": indicator.code(), "raised": recorded.to_string(), "meeting_due": task.due.to_string()})
        }
        PlacementAction::RiskResponse {
            index,
            stability_meeting,
            actions,
        } => {
            let entry = file.risks.get_mut(index).ok_or_else(|| {
                AppError::NotFound(format!("placement-at-risk flag {}", index + 1))
            })?;
            if let Some(m) = stability_meeting
                && (m > today || m < entry.flag.raised)
            {
                return Err(invalid(
                    "the stability meeting's date must be between the flag and today",
                ));
            }
            entry.flag.stability_meeting = stability_meeting.or(entry.flag.stability_meeting);
            if !actions.is_empty() {
                entry.flag.action_plan = actions;
            }
            serde_json::json!({"flag": index + 1, "outstanding": entry.outstanding()})
        }
        PlacementAction::End {
            ended,
            reason,
            planned,
        } => {
            if file.end.is_some() {
                return Err(invalid("the placement's end is already recorded"));
            }
            let ended = not_future(ended, today, "the placement ended")?;
            let end = PlacementEnd {
                child_id: file.record.child_id.clone(),
                placement_start: start,
                purpose: file.record.purpose.ok_or_else(|| {
                    invalid("record the placement's purpose before its end (PLAN-014)")
                })?,
                ended,
                reason,
                planned,
            };
            validate_placement_end(&end).map_err(invalid)?;
            file.learning = learning_review_for(&end, LEARNING_REVIEW_OWNER);
            let details = serde_json::json!({
                "ended": ended.to_string(),
                "reason": reason.map(|r| r.code()),
                "planned": planned,
                "learning_review": file.learning.is_some(),
            });
            file.end = Some(end);
            details
        }
        PlacementAction::Disseminate {
            learning,
            on,
            groups,
        } => {
            let review = file
                .learning
                .as_mut()
                .ok_or_else(|| invalid("this placement has no learning review"))?;
            let on = not_future(on, today, "the learning was shared")?;
            let text = learning.trim();
            let before = review.clone();
            review.learning = (!text.is_empty()).then(|| text.to_owned());
            if let Err(e) = review.record_dissemination(on, lines(groups)) {
                *review = before;
                return Err(invalid(e));
            }
            serde_json::json!({"disseminated": on.to_string(), "groups": review.groups.len()})
        }
        PlacementAction::RiskAssessment { on } => {
            let on = not_future(on, today, "of the individual risk assessment")?;
            file.risk_assessment = Some(on);
            serde_json::json!({ "on": on.to_string() })
        }
        PlacementAction::ChildSeen { on, voice } => {
            let on = not_future(on, today, "the child was seen")?;
            if on < start {
                return Err(invalid(
                    "the child is seen in the placement on or after its start",
                ));
            }
            let voice = voice.trim();
            if voice.is_empty() {
                return Err(invalid(
                    "views: record what the child said, or how their views were gathered (FOST-028)",
                ));
            }
            file.seen.push((on, voice.to_owned()));
            serde_json::json!({ "on": on.to_string() })
        }
        PlacementAction::Commissioning {
            commissioned,
            last_review,
        } => {
            let commissioned = commissioned.ok_or_else(|| {
                invalid("commissioned: say whether the placement is commissioned from a provider")
            })?;
            if last_review.is_some_and(|d| d > today) {
                return Err(invalid(
                    "last annual service review: the date is in the future",
                ));
            }
            file.commissioning = Commissioning {
                commissioned,
                last_service_review: last_review.filter(|_| commissioned),
            };
            serde_json::json!({"commissioned": commissioned, "last_service_review": file.commissioning.last_service_review.map(|d| d.to_string())})
        }
    })
}

/// PRIN-022: the children in care the user may see (their team's, or the
/// team chosen) with more than [`WORKER_CHANGE_THRESHOLD`] changes of
/// social worker in the 12 months to today, most changes first. A change is
/// the start of a new allocation, with the reason the one before ended.
/// Audited as a list view.
pub fn worker_change_list(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    team: Option<String>,
    from: &str,
) -> Result<Vec<WorkerChangeException>, AppError> {
    let team = crate::list_team(user, team, "see the tracking list")?;
    let actor = actor_of(user, from);
    store.write(|tx| {
        let mut changes = Vec::new();
        for j in tx.all_journeys()? {
            let journey = j.value;
            if journey.current_episode().is_none() {
                continue;
            }
            if team.is_some() && tx.child_team(journey.id())? != team {
                continue;
            }
            for pair in journey.social_workers().windows(2) {
                changes.push(WorkerChange {
                    child_id: journey.id().clone(),
                    date: pair[1].start,
                    reason: pair[0]
                        .end
                        .map(|(_, r)| r)
                        .or(pair[1].open_reason)
                        .unwrap_or(SocialWorkerChangeReason::Other),
                    planned_handover: false,
                });
            }
        }
        let list = worker_change_exceptions(&changes, clock.today(), WORKER_CHANGE_THRESHOLD);
        tx.append(&audit(
            &actor,
            clock,
            "view_worker_changes".into(),
            "tracking",
            team.as_deref().unwrap_or("council"),
            serde_json::json!({"children": list.len()}),
        ))?;
        Ok(list)
    })
}

/// ROLE-009: a commissioned placement in the compliance report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommissionedPlacement {
    pub id: String,
    pub child_id: ChildId,
    pub start: NaiveDate,
    pub last_service_review: Option<NaiveDate>,
    pub overdue: bool,
    /// "annual service review overdue" or "... up to date".
    pub standing: &'static str,
}

/// ROLE-009: the open commissioned placements of the children the user may
/// see (their team's, or the council's), with whether the provider's annual
/// service review is overdue today, overdue first. For those who see the
/// tracking lists; audited as a list view.
pub fn commissioning_report(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    from: &str,
) -> Result<Vec<CommissionedPlacement>, AppError> {
    if !user.may(Permission::ViewTracking) {
        return Err(AppError::Forbidden("see the commissioning report"));
    }
    let team = crate::list_team(user, None, "see the commissioning report")?;
    let actor = actor_of(user, from);
    let today = clock.today();
    store.write(|tx| {
        let files: Vec<StoredPlacement> = tx.records(RecordKind::Placement, Some(&["open"]))?;
        let mut list = Vec::new();
        for f in files {
            let file = f.value.document;
            let child = file.record.child_id.clone();
            if !file.commissioning.commissioned
                || (team.is_some() && tx.child_team(&child)? != team)
            {
                continue;
            }
            list.push(CommissionedPlacement {
                id: f.value.id,
                child_id: child,
                start: file.record.start,
                last_service_review: file.commissioning.last_service_review,
                overdue: annual_service_review_overdue(&file.commissioning, today),
                standing: service_review_standing(&file.commissioning, today),
            });
        }
        list.sort_by_key(|l| (!l.overdue, l.last_service_review));
        tx.append(&audit(
            &actor,
            clock,
            "view_commissioning".into(),
            "tracking",
            team.as_deref().unwrap_or("council"),
            serde_json::json!({"placements": list.len(), "overdue": list.iter().filter(|l| l.overdue).count()}),
        ))?;
        Ok(list)
    })
}
