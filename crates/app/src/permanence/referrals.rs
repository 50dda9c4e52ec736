//! Panel referrals (WF-PERM-PANEL): opening one with its pack checklist,
//! each move on it (papers, endorsement, listing, the panel's outcome, the
//! agency decision maker, communication, representations), and referring a
//! permanent foster match (WF-LTF-MATCH).

use chrono::NaiveDate;
use domain::access::User;
use domain::child::ChildId;
use domain::deadlines::{Event, EventKind};
use domain::permanence::panels::{Forum, Meeting};
use domain::permanence::pathways::{
    LtfAssessment, Search, check_ltf_permissible, check_ltf_referral, check_search_order,
};
use domain::permanence::plan::Lifecycle;
use domain::permanence::referrals::{
    AdmDecision, ItemType, Outcome, PackDoc, PackEntry, ProposedOutcome, Referral, ReferralMove,
    RepresentationRoute, Representer, check_listing, check_match_referral, first_listable_meeting,
    log_representation, record_outcome, required_pack,
};
use domain::permanence::voice::voice_for_panel_pack;
use domain::permanence::workflow::{PERM_PANEL, ReferralStage};
use domain::time::Clock;
use store::{AuditLog, PermanenceRepository, Record, RecordKind, Store, Versioned};

use super::{
    actor_of, audit, create_referral, current_plan, ensure_may_see, forum, invalid, load_journey,
    meeting_record, plan_record, record_activities, record_at, refresh_tracking, refused,
};
use crate::AppError;

/// A referral as a stored record.
pub(super) fn referral_record(id: &str, r: &Referral) -> Record<Referral> {
    super::child_record(
        id,
        &r.child_id,
        r.stage.code(),
        r.list_by.map(|d| d.to_string()),
        r,
    )
}

/// What the referral page shows.
#[derive(Debug, Clone)]
pub struct ReferralView {
    pub referral: Versioned<Record<Referral>>,
    pub missing: Vec<PackDoc>,
    pub required: Vec<PackDoc>,
    pub meeting: Option<Versioned<Record<Meeting>>>,
    pub open_meetings: Vec<Versioned<Record<Meeting>>>,
    pub forum: Forum,
    /// The child's name, for the outcome letter.
    pub child_name: String,
    /// The child's given name, to greet them in a letter.
    pub child_given_name: String,
    /// The first open meeting the item can be listed for now (PANEL-011).
    pub next_listable: Option<String>,
}

/// Opens a referral (audited as a read of the child's record).
pub fn open_referral(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    from: &str,
) -> Result<ReferralView, AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| {
        let referral = tx
            .record::<Referral>(RecordKind::Referral, id)?
            .ok_or_else(|| AppError::NotFound(format!("referral {id}")))?;
        let r = &referral.value.document;
        ensure_may_see(tx, user, &r.child_id, "open this child's referral")?;
        let meeting = match &r.meeting {
            Some(m) => tx.record(RecordKind::Meeting, m)?,
            None => None,
        };
        let open_meetings = tx.records(RecordKind::Meeting, Some(&["open"]))?;
        let f = forum(tx, r.forum)?.value;
        let journey = load_journey(tx, &r.child_id)?;
        let child_name = journey.value.child().name.full();
        let child_given_name = journey.value.child().name.given.clone();
        tx.append(&audit(
            &actor,
            clock,
            "view_referral".into(),
            crate::CHILD_RECORD,
            r.child_id.as_str(),
            serde_json::json!({"referral": id}),
        ))?;
        let dates: Vec<NaiveDate> = open_meetings
            .iter()
            .map(|m: &Versioned<Record<Meeting>>| &m.value.document)
            .filter(|m| m.forum == r.forum && f.cutoff_for(m.date) >= clock.today())
            .map(|m| m.date)
            .collect();
        let next_listable = first_listable_meeting(&f, r, &dates).and_then(|date| {
            open_meetings
                .iter()
                .find(|m| m.value.document.forum == r.forum && m.value.document.date == date)
                .map(|m| m.value.id.clone())
        });
        Ok(ReferralView {
            next_listable,
            missing: r.missing_papers(),
            required: required_pack(r.item, r.needs),
            meeting,
            open_meetings,
            forum: f,
            child_name,
            child_given_name,
            referral,
        })
    })
}

/// The worklist rule the agency decision maker clears on a referral: the
/// decision on a Permanence Panel recommendation (PANEL-006).
pub const ADM_DECISION_RULE: &str = "PANEL-006";

/// Where a worklist item is cleared, when a permanence form clears it: a
/// PANEL-006 item leads to the decision form of the child's referral that
/// awaits it ([`awaiting_decision`]). Decided by the item's rule, so every
/// page listing work items links it the same way.
pub fn work_item_form(item: &domain::worklist::WorkItem) -> Option<String> {
    (item.rule == ADM_DECISION_RULE).then(|| format!("/children/{}/plan/decision", item.case))
}

/// The child's referral awaiting the agency decision maker's decision
/// (PANEL-006), the oldest first, if the user may see the child.
pub fn awaiting_decision(
    store: &Store,
    user: &User,
    child: &ChildId,
) -> Result<Option<String>, AppError> {
    store.read(|tx| {
        ensure_may_see(tx, user, child, "open this child's referral")?;
        Ok(tx
            .records_of_child::<Referral>(RecordKind::Referral, child.as_str())?
            .into_iter()
            .find(|r| r.value.document.stage == ReferralStage::Adm)
            .map(|r| r.value.id))
    })
}

/// A move of a referral along WF-PERM-PANEL, with what it needs.
#[derive(Debug, Clone)]
pub enum ReferralAction {
    /// Attach a paper to the pack (moves a new referral to "pack in preparation").
    AttachPaper(PackDoc),
    /// Attach several papers at once, as they arrived together.
    AttachPapers(Vec<PackDoc>),
    /// The team manager endorses the pack (quality assured).
    Endorse,
    /// The panel adviser lists the item for a meeting.
    List { meeting: String },
    /// The panel's outcome, taken at the listed meeting.
    Outcome(ProposedOutcome),
    /// The agency decision maker's decision on a recommendation.
    AdmDecision { agreed: bool, reasons: String },
    /// The child, carer and IRO were told.
    Communicated,
    /// The carers live outside the area: record the local-placement rationale.
    LocalRationale(String),
    /// Whether the child needs a new family found (Pack F, PATH-019).
    FamilyFinding(bool),
    /// The long-term fostering suitability assessment, recorded (PATH-017):
    /// complete for the policy in force on its date, it is the pack's paper.
    LtfAssessment(LtfAssessment),
    /// A family-finding search, County Council carers before another
    /// provider's (PATH-019).
    FamilyFindingSearch(Search),
    /// A representation about the outcome from the child, a parent or the
    /// carer, through the complaints procedure or the IRO (PANEL-016).
    Representation {
        from: Representer,
        route: RepresentationRoute,
        summary: String,
    },
}

impl ReferralAction {
    /// The move the action takes, as [`Referral::check_move`] knows it.
    pub fn kind(&self) -> ReferralMove {
        match self {
            ReferralAction::AttachPaper(_)
            | ReferralAction::AttachPapers(_)
            | ReferralAction::LtfAssessment(_) => ReferralMove::AttachPaper,
            ReferralAction::Endorse => ReferralMove::Endorse,
            ReferralAction::List { .. } => ReferralMove::List,
            ReferralAction::Outcome(_) => ReferralMove::RecordOutcome,
            ReferralAction::AdmDecision { .. } => ReferralMove::AdmDecision,
            ReferralAction::Communicated => ReferralMove::Communicate,
            ReferralAction::LocalRationale(_) => ReferralMove::LocalRationale,
            ReferralAction::FamilyFinding(_) | ReferralAction::FamilyFindingSearch(_) => {
                ReferralMove::FamilyFinding
            }
            ReferralAction::Representation { .. } => ReferralMove::Representation,
        }
    }
}

/// What a move did: its name in the audit trail, the events it records on
/// the child's journey and the details the audit event carries.
struct Done {
    name: &'static str,
    events: Vec<Event>,
    details: serde_json::Value,
}

impl Done {
    fn named(name: &'static str) -> Self {
        Done {
            name,
            events: Vec::new(),
            details: serde_json::json!({}),
        }
    }

    fn with(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }

    fn on(mut self, kind: EventKind, date: NaiveDate) -> Self {
        self.events.push(Event { kind, date });
        self
    }
}

/// Applies an action to a referral, if [`Referral::check_move`] allows the
/// user to take it now and its input keeps the rules of the pack, listing
/// and outcomes; records its events on the child's journey and audits it.
pub fn act_on_referral(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    expected_version: i64,
    action: ReferralAction,
    from: &str,
) -> Result<Versioned<Record<Referral>>, AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| {
        let current =
            record_at::<Referral>(tx, RecordKind::Referral, id, expected_version, "referral")?;
        let mut r = current.value.document;
        ensure_may_see(tx, user, &r.child_id, "work on this child's referral")?;
        let endorsement = match &action {
            ReferralAction::AttachPaper(doc) => *doc == PackDoc::TeamManagerEndorsement,
            ReferralAction::AttachPapers(docs) => docs.contains(&PackDoc::TeamManagerEndorsement),
            _ => false,
        };
        if endorsement {
            return Err(invalid(
                "the team manager's endorsement is given with \"Endorse\"",
            ));
        }
        r.check_move(user, action.kind()).map_err(refused)?;
        let done = apply(tx, user, clock.today(), id, &mut r, action)?;
        let record = referral_record(id, &r);
        let version = tx.update_record(RecordKind::Referral, &record, expected_version)?;
        let mut journey = load_journey(tx, &r.child_id)?;
        if !done.events.is_empty() {
            journey = record_activities(tx, clock, &journey, &done.events)?;
        }
        ratify_after_panel(tx, &r)?;
        let mut details = done.details;
        if let serde_json::Value::Object(map) = &mut details {
            map.insert("stage".into(), r.stage.code().into());
        }
        let action = format!("{}.{}", PERM_PANEL.id, done.name);
        tx.append(&audit(&actor, clock, action, "panel_referral", id, details))?;
        refresh_tracking(tx, &journey.value)?;
        Ok(Versioned {
            value: record,
            version,
        })
    })
}

/// Takes the action on the referral (the move is allowed; its input is
/// checked here).
fn apply(
    tx: &mut store::Tx<'_>,
    user: &User,
    today: NaiveDate,
    id: &str,
    r: &mut Referral,
    action: ReferralAction,
) -> Result<Done, AppError> {
    let to = |name: &str| -> Result<ReferralStage, AppError> {
        Ok(PERM_PANEL
            .take_from(r.stage, name, &[user.role])
            .map_err(invalid)?
            .1)
    };
    Ok(match action {
        ReferralAction::AttachPaper(doc) => {
            ltf_paper_allowed(tx, r, &[doc])?;
            attach(r, user, today, vec![doc])?
        }
        ReferralAction::AttachPapers(docs) => {
            ltf_paper_allowed(tx, r, &docs)?;
            attach(r, user, today, docs)?
        }
        ReferralAction::LtfAssessment(a) => record_ltf_assessment(r, user, today, a)?,
        ReferralAction::FamilyFindingSearch(search) => record_search(r, today, search)?,
        ReferralAction::Representation {
            from,
            route,
            summary,
        } => {
            if summary.trim().is_empty() {
                return Err(invalid("say what the representation is about"));
            }
            let logged =
                log_representation(id, r, from, route, today, summary.trim()).map_err(invalid)?;
            r.representations.push(logged);
            Done::named("representation")
                .with(
                    serde_json::json!({"from": format!("{from:?}"), "route": format!("{route:?}")}),
                )
                .on(EventKind::ComplaintsInformationGiven, today)
        }
        ReferralAction::FamilyFinding(needed) => {
            r.needs.family_finding = needed;
            Done::named("family_finding").with(serde_json::json!({"family_finding": needed}))
        }
        ReferralAction::LocalRationale(text) => {
            if text.trim().is_empty() {
                return Err(invalid("enter the local-placement rationale"));
            }
            r.local_rationale = Some(text);
            Done::named("local_rationale")
        }
        ReferralAction::Endorse => {
            let stage = to("endorse")?;
            let last_review = load_journey(tx, &r.child_id)?
                .value
                .reviews()
                .iter()
                .map(|rv| rv.date)
                .filter(|d| *d <= today)
                .max();
            endorse(r, user, today, stage, last_review)?;
            Done::named("endorse")
        }
        ReferralAction::List { meeting } => list(tx, user, today, id, r, &meeting)?,
        ReferralAction::Outcome(proposed) => outcome(tx, today, r, proposed)?,
        ReferralAction::AdmDecision { agreed, reasons } => {
            adm_decide(r, user, today, to("adm_decide")?, agreed, reasons)?
        }
        ReferralAction::Communicated => {
            r.stage = to("communicate")?;
            r.communicated = Some(today);
            Done::named("communicate").on(EventKind::PanelOutcomeCommunicated, today)
        }
    })
}

/// Adds papers to the pack, received today (a new referral's pack is then
/// in preparation).
fn attach(
    r: &mut Referral,
    user: &User,
    today: NaiveDate,
    docs: Vec<PackDoc>,
) -> Result<Done, AppError> {
    if docs.is_empty() {
        return Err(invalid("choose the papers received"));
    }
    r.stage = ReferralStage::Pack;
    for doc in &docs {
        r.pack.retain(|e| e.doc != *doc);
        r.pack.push(PackEntry {
            doc: *doc,
            received: today,
            by: user.username.clone(),
        });
    }
    let codes: Vec<&str> = docs.iter().map(|d| d.code()).collect();
    Ok(Done::named("attach_paper").with(serde_json::json!({"papers": codes})))
}

/// PATH-017: the long-term fostering suitability assessment goes into the
/// pack only as the assessment recorded for the child (on this item, or the
/// latest on another of the child's items), with every factor the policy in
/// force on its date asks answered (DATA-001).
fn ltf_paper_allowed(
    tx: &mut store::Tx<'_>,
    r: &mut Referral,
    docs: &[PackDoc],
) -> Result<(), AppError> {
    if !docs.contains(&PackDoc::LtfSuitabilityAssessment) {
        return Ok(());
    }
    let recorded = match &r.ltf_assessment {
        Some(a) => Some(a.clone()),
        None => tx
            .records_of_child::<Referral>(RecordKind::Referral, r.child_id.as_str())?
            .into_iter()
            .filter_map(|o| o.value.document.ltf_assessment)
            .max_by_key(|a| a.dated),
    };
    let a = recorded.ok_or_else(|| {
        invalid("record the long-term fostering suitability assessment first: the paper is the assessment (PATH-017)")
    })?;
    check_ltf_referral(&a).map_err(invalid)?;
    r.ltf_assessment = Some(a);
    Ok(())
}

/// Records the long-term fostering suitability assessment (PATH-017). Once
/// it answers what the policy in force on its date asks (DATA-001), it is
/// the pack's paper of that name, received today; until then that paper is
/// missing.
fn record_ltf_assessment(
    r: &mut Referral,
    user: &User,
    today: NaiveDate,
    a: LtfAssessment,
) -> Result<Done, AppError> {
    if !required_pack(r.item, r.needs).contains(&PackDoc::LtfSuitabilityAssessment) {
        return Err(invalid(
            "this item's pack has no long-term fostering suitability assessment",
        ));
    }
    if a.dated > today {
        return Err(invalid(format!(
            "the date of the assessment, {}, is in the future",
            a.dated
        )));
    }
    let missing = a.missing();
    r.ltf_assessment = Some(a);
    r.stage = ReferralStage::Pack;
    r.pack
        .retain(|e| e.doc != PackDoc::LtfSuitabilityAssessment);
    if missing.is_empty() {
        r.pack.push(PackEntry {
            doc: PackDoc::LtfSuitabilityAssessment,
            received: today,
            by: user.username.clone(),
        });
    }
    Ok(Done::named("ltf_assessment")
        .with(serde_json::json!({"complete": missing.is_empty(), "missing": missing.len()})))
}

/// Logs a family-finding search (PATH-019): only while family finding is
/// needed, and another provider's carers only after the County Council's
/// were searched.
fn record_search(r: &mut Referral, today: NaiveDate, search: Search) -> Result<Done, AppError> {
    if !r.needs.family_finding {
        return Err(invalid(
            "family finding is not needed for this item: there is no search to log",
        ));
    }
    if search.on > today {
        return Err(invalid(format!(
            "the date of the search, {}, is in the future",
            search.on
        )));
    }
    let mut log = r.searches.clone();
    log.push(search);
    check_search_order(&log).map_err(invalid)?;
    r.searches = log;
    Ok(
        Done::named("family_finding_search")
            .with(serde_json::json!({"searches": r.searches.len()})),
    )
}

/// The agency decision maker's decision on a recommendation (PANEL-006),
/// with its reasons.
fn adm_decide(
    r: &mut Referral,
    user: &User,
    today: NaiveDate,
    to: ReferralStage,
    agreed: bool,
    reasons: String,
) -> Result<Done, AppError> {
    if reasons.trim().is_empty() {
        return Err(invalid("the reasons for the decision are required"));
    }
    r.adm_decision = Some(AdmDecision {
        agreed,
        decided_on: today,
        by: user.username.clone(),
        reasons,
    });
    r.stage = to;
    let mut done = Done::named("adm_decide")
        .with(serde_json::json!({"agreed": agreed}))
        .on(EventKind::AgencyDecision, today);
    if agreed {
        done.events.extend(decision_events(r, today));
    }
    Ok(done)
}

/// The team manager endorses a complete pack (ROLE-005) whose record of
/// the child's wishes is dated on or after the child's `last_review`
/// (DATA-002; a discretionary payment item is about the payment).
fn endorse(
    r: &mut Referral,
    user: &User,
    today: NaiveDate,
    to: ReferralStage,
    last_review: Option<NaiveDate>,
) -> Result<(), AppError> {
    let missing: Vec<PackDoc> = r
        .missing_papers()
        .into_iter()
        .filter(|d| *d != PackDoc::TeamManagerEndorsement)
        .collect();
    if !missing.is_empty() {
        return Err(invalid(format!(
            "the pack cannot be endorsed while papers are missing: {}",
            missing
                .iter()
                .map(|d| d.label())
                .collect::<Vec<_>>()
                .join("; ")
        )));
    }
    if r.item != ItemType::DiscretionaryPayment {
        let wishes = r
            .pack
            .iter()
            .filter(|e| e.doc == PackDoc::ChildWishes)
            .map(|e| e.received)
            .max();
        voice_for_panel_pack(wishes, last_review).map_err(invalid)?;
    }
    r.pack.push(PackEntry {
        doc: PackDoc::TeamManagerEndorsement,
        received: today,
        by: user.username.clone(),
    });
    r.stage = to;
    Ok(())
}

/// Lists the item for a meeting: refused with the missing papers named,
/// whatever the stage (PANEL-005), or after the meeting's cut-off (PANEL-011).
fn list(
    tx: &mut store::Tx<'_>,
    user: &User,
    today: NaiveDate,
    id: &str,
    r: &mut Referral,
    meeting: &str,
) -> Result<Done, AppError> {
    let m = tx
        .record::<Meeting>(RecordKind::Meeting, meeting)?
        .ok_or_else(|| invalid(format!("meeting {meeting} was not found")))?;
    let f = forum(tx, m.value.document.forum)?.value;
    check_listing(&f, r, m.value.document.date).map_err(invalid)?;
    // ROLE-003 and PATH-020: a carer household without an SSW, or whose
    // approval is not current or annual review overdue, cannot be listed.
    if r.item == ItemType::Match
        && let Some(carer) = r.carer.as_deref()
    {
        crate::households::check_match_carer_in(tx, carer, today)?;
    }
    let (_, to) = PERM_PANEL
        .take_from(r.stage, "list", &[user.role])
        .map_err(invalid)?;
    let mut doc = m.value.document.clone();
    if !doc.agenda.iter().any(|a| a == id) {
        doc.agenda.push(id.to_owned());
    }
    tx.update_record(
        RecordKind::Meeting,
        &meeting_record(meeting, &doc),
        m.version,
    )?;
    r.meeting = Some(meeting.to_owned());
    r.stage = to;
    Ok(Done::named("list")
        .with(serde_json::json!({"meeting": meeting}))
        .on(EventKind::PermanencePanelListed, today))
}

/// Records the panel's outcome at the meeting the item was listed for, once
/// the meeting has happened: a recommendation the ADM confirms unless the
/// ADM agreed at the meeting (PANEL-006). An inquorate meeting reaches no
/// outcome (PANEL-008). It records the Permanence Panel's outcome only:
/// the fostering panel's recommendation (and its FOST-015 agency decision
/// within 7 days) is another panel's event.
fn outcome(
    tx: &mut store::Tx<'_>,
    today: NaiveDate,
    r: &mut Referral,
    proposed: ProposedOutcome,
) -> Result<Done, AppError> {
    let meeting_id = r
        .meeting
        .clone()
        .ok_or_else(|| invalid("the item is not listed for a meeting"))?;
    let m = tx
        .record::<Meeting>(RecordKind::Meeting, &meeting_id)?
        .ok_or_else(|| invalid(format!("meeting {meeting_id} was not found")))?;
    let f = forum(tx, m.value.document.forum)?.value;
    let meeting_date = m.value.document.date;
    if meeting_date > today {
        return Err(invalid(format!(
            "the meeting on {meeting_date} has not happened yet"
        )));
    }
    record_outcome(&f, &m.value.document.attendees, r, proposed).map_err(invalid)?;
    let mut done = Done::named("record_outcome")
        .with(serde_json::json!({"outcome": r.outcome.map(Outcome::code), "adm_at_meeting": r.adm_agreed_at_meeting}))
        .on(EventKind::PermanencePanelOutcome, meeting_date);
    if r.stage == ReferralStage::Outcome && r.outcome != Some(Outcome::Deferred) {
        done.events.extend(decision_events(r, meeting_date));
    }
    if r.adm_agreed_at_meeting {
        // The agency decision maker agreed at the meeting: PANEL-006 is met
        // that day.
        done = done.on(EventKind::AgencyDecision, meeting_date);
    }
    Ok(done)
}

/// The plan follows the panel: long-term fostering found suitable on a
/// complete suitability assessment (PATH-017), with the agency decision
/// maker agreeing, ratifies a plan "subject to panel".
fn ratify_after_panel(tx: &mut store::Tx<'_>, r: &Referral) -> Result<(), AppError> {
    if r.item == ItemType::LtfSuitability
        && r.stage == ReferralStage::Outcome
        && r.ltf_assessment
            .as_ref()
            .is_some_and(|a| check_ltf_permissible(a, r.outcome).is_ok())
        && r.adm_agreed()
        && let Some(p) = current_plan(tx, &r.child_id)?
        && p.value.document.lifecycle == Lifecycle::RatifiedSubjectToPanel
    {
        let mut plan = p.value.document;
        plan.lifecycle = Lifecycle::Ratified;
        tx.update_record(RecordKind::Plan, &plan_record(&plan), p.version)?;
    }
    Ok(())
}

/// The events a decision (the ADM's or the panel's with the ADM present) records.
fn decision_events(r: &Referral, on: NaiveDate) -> Vec<Event> {
    let kind = match r.outcome {
        Some(Outcome::LtfSuitable) => EventKind::LtfFoundSuitable,
        Some(Outcome::LtfUnsuitable) => EventKind::LtfFoundUnsuitable,
        Some(Outcome::MatchAgreed) => EventKind::MatchAgreed,
        _ => return Vec::new(),
    };
    vec![Event { kind, date: on }]
}

/// Refers a permanent foster match to the Permanence Panel (PANEL-009 (2),
/// WF-LTF-MATCH): only once the panel has found long-term fostering suitable.
pub fn refer_match(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    carer: &str,
    carer_out_of_area: bool,
    from: &str,
) -> Result<String, AppError> {
    let actor = actor_of(user, from);
    let today = clock.today();
    store.write(|tx| {
        ensure_may_see(tx, user, child, "refer this child's match")?;
        let plan =
            current_plan(tx, child)?.ok_or_else(|| invalid("this child has no permanence plan"))?;
        let referrals: Vec<Referral> = tx
            .records_of_child::<Referral>(RecordKind::Referral, child.as_str())?
            .into_iter()
            .map(|r| r.value.document)
            .collect();
        check_match_referral(user, &plan.value.document, &referrals).map_err(refused)?;
        if carer.trim().is_empty() {
            return Err(invalid("name the proposed carers"));
        }
        let suitable = domain::permanence::referrals::ltf_found_suitable(&referrals)
            .ok_or_else(|| invalid("long-term fostering has not been found suitable"))?;
        let mut r = Referral::new(
            child.clone(),
            ItemType::Match,
            "match_proposed",
            today,
            None,
        );
        r.needs = suitable.needs;
        // The assessment the panel found suitable is the match pack's too,
        // entered once (DATA-005).
        r.ltf_assessment = suitable.ltf_assessment.clone();
        r.carer = Some(carer.trim().to_owned());
        r.carer_out_of_area = carer_out_of_area;
        let id = create_referral(tx, &actor, clock, &r)?;
        let journey = load_journey(tx, child)?;
        refresh_tracking(tx, &journey.value)?;
        Ok(id)
    })
}
