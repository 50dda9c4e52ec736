//! Panel referrals (WF-PERM-PANEL): opening one with its pack checklist,
//! each move on it (papers, endorsement, listing, the panel's outcome, the
//! agency decision maker, communication, representations), and referring a
//! permanent foster match (WF-LTF-MATCH).

use super::*;

/// A referral as a stored record.
pub(super) fn referral_record(id: &str, r: &Referral) -> Record<Referral> {
    Record {
        id: id.to_owned(),
        child_id: Some(r.child_id.clone()),
        stage: r.stage.clone(),
        key_date: r.list_by.map(|d| d.to_string()),
        document: r.clone(),
    }
}

pub(super) fn next_referral_id(tx: &mut store::Tx<'_>, child: &str) -> Result<String, StoreError> {
    let n = tx
        .records_of_child::<serde_json::Value>(RecordKind::Referral, child)?
        .len();
    Ok(format!("{child}-R{:02}", n + 1))
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
            .ok_or_else(|| invalid(format!("referral {id} was not found")))?;
        let child = referral.value.document.child_id.clone();
        if !may_see(tx, user, &child)? {
            return Err(AppError::Forbidden("open this child's referral"));
        }
        let r = &referral.value.document;
        let meeting = match &r.meeting {
            Some(m) => tx.record(RecordKind::Meeting, m)?,
            None => None,
        };
        let open_meetings = tx.records(RecordKind::Meeting, Some(&["open"]))?;
        let f = forum(tx, r.forum)?.value;
        tx.append(&audit(
            &actor,
            clock,
            "view_referral".into(),
            crate::CHILD_RECORD,
            &child,
            serde_json::json!({"referral": id}),
        ))?;
        Ok(ReferralView {
            missing: r.missing_papers(),
            required: required_pack(r.item, r.needs),
            referral,
            meeting,
            open_meetings,
            forum: f,
        })
    })
}

/// A move of a referral along WF-PERM-PANEL, with what it needs.
#[derive(Debug, Clone)]
pub enum ReferralAction {
    /// Attach a paper to the pack (moves a new referral to "pack in preparation").
    AttachPaper(PackDoc),
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
    /// A representation about the outcome from the child, a parent or the
    /// carer, through the complaints procedure or the IRO (PANEL-016).
    Representation {
        from: Representer,
        route: RepresentationRoute,
        summary: String,
    },
}

/// Applies an action to a referral, checking the workflow, the user's role
/// and the rules of listing and outcomes; audits it.
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
    let today = clock.today();
    store.write(|tx| {
        let current = record_at::<Referral>(tx, RecordKind::Referral, id, expected_version, "referral")?;
        let mut r = current.value.document.clone();
        if !may_see(tx, user, &r.child_id)? {
            return Err(AppError::Forbidden("work on this child's referral"));
        }
        let wf: &Workflow = &workflow::PERM_PANEL;
        let roles = [user.role];
        let mut events = Vec::new();
        let mut details = serde_json::json!({});
        let name = match &action {
            ReferralAction::AttachPaper(doc) => {
                if *doc == PackDoc::TeamManagerEndorsement {
                    return Err(invalid("the team manager's endorsement is given with \"Endorse\""));
                }
                if !matches!(r.stage.as_str(), "created" | "pack") {
                    return Err(invalid(format!(
                        "papers can be added only while the pack is in preparation (now: {})",
                        wf.label(&r.stage)
                    )));
                }
                let prepare = wf.transition("prepare_pack").expect("WF-PERM-PANEL prepares packs");
                if !prepare.roles.contains(&user.role) && user.role != domain::roles::Role::TeamManager {
                    return Err(AppError::Forbidden("add papers to a panel pack"));
                }
                r.stage = "pack".into();
                r.pack.retain(|e| e.doc != *doc);
                r.pack.push(PackEntry {
                    doc: *doc,
                    received: today,
                    by: user.username.clone(),
                });
                details = serde_json::json!({"paper": doc.code()});
                "attach_paper"
            }
            ReferralAction::Representation { from, route, summary } => {
                if summary.trim().is_empty() {
                    return Err(invalid("say what the representation is about"));
                }
                let logged = log_representation(id, &r, *from, *route, today, summary.trim())
                    .map_err(invalid)?;
                r.representations.push(logged);
                events.push(Event { kind: EventKind::ComplaintsInformationGiven, date: today });
                details = serde_json::json!({"from": format!("{from:?}"), "route": format!("{route:?}")});
                "representation"
            }
            ReferralAction::FamilyFinding(needed) => {
                if !matches!(r.stage.as_str(), "created" | "pack") {
                    return Err(invalid("family finding can be changed only while the pack is in preparation"));
                }
                if !matches!(user.role, domain::roles::Role::SocialWorker | domain::roles::Role::TeamManager | domain::roles::Role::FamilyFinder) {
                    return Err(AppError::Forbidden("decide on family finding"));
                }
                r.needs.family_finding = *needed;
                details = serde_json::json!({"family_finding": needed});
                "family_finding"
            }
            ReferralAction::LocalRationale(text) => {
                if text.trim().is_empty() {
                    return Err(invalid("enter the local-placement rationale"));
                }
                r.local_rationale = Some(text.clone());
                "local_rationale"
            }
            ReferralAction::Endorse => {
                let t = wf.take(&r.stage, "endorse", &roles).map_err(invalid)?;
                let missing: Vec<PackDoc> = r
                    .missing_papers()
                    .into_iter()
                    .filter(|d| *d != PackDoc::TeamManagerEndorsement)
                    .collect();
                if !missing.is_empty() {
                    return Err(invalid(format!(
                        "the pack cannot be endorsed while papers are missing: {}",
                        missing.iter().map(|d| d.label()).collect::<Vec<_>>().join("; ")
                    )));
                }
                r.pack.push(PackEntry {
                    doc: PackDoc::TeamManagerEndorsement,
                    received: today,
                    by: user.username.clone(),
                });
                r.stage = t.to.into();
                t.name
            }
            ReferralAction::List { meeting } => {
                // Listing is refused with the missing papers named, whatever the stage.
                let m = tx
                    .record::<Meeting>(RecordKind::Meeting, meeting)?
                    .ok_or_else(|| invalid(format!("meeting {meeting} was not found")))?;
                let f = forum(tx, m.value.document.forum)?.value;
                check_listing(&f, &r, m.value.document.date).map_err(invalid)?;
                let t = wf.take(&r.stage, "list", &roles).map_err(invalid)?;
                let mut doc = m.value.document.clone();
                if !doc.agenda.contains(&id.to_owned()) {
                    doc.agenda.push(id.to_owned());
                }
                tx.update_record(RecordKind::Meeting, &meeting_record(meeting, &doc), m.version)?;
                r.meeting = Some(meeting.clone());
                r.stage = t.to.into();
                events.push(Event { kind: EventKind::PermanencePanelListed, date: today });
                details = serde_json::json!({"meeting": meeting});
                t.name
            }
            ReferralAction::Outcome(proposed) => {
                let stage = if r.stage == "listed" { "heard" } else { r.stage.as_str() };
                if r.stage == "listed" {
                    wf.take("listed", "hear", &roles).map_err(invalid)?;
                }
                wf.take(stage, "record_outcome", &roles).map_err(invalid)?;
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
                    return Err(invalid(format!("the meeting on {meeting_date} has not happened yet")));
                }
                match record_outcome(&f, &m.value.document.attendees, &mut r, proposed.clone()) {
                    Ok(_) => {}
                    Err(OutcomeError::Inquorate) => {
                        // Saved as discussion only, to be relisted (PANEL-008).
                        let record = referral_record(id, &r);
                        tx.update_record(RecordKind::Referral, &record, expected_version)?;
                        tx.append(&audit(&actor, clock, "WF-PERM-PANEL.relist".into(), "panel_referral", id, serde_json::json!({"reason": "inquorate"})))?;
                        return Err(invalid(OutcomeError::Inquorate));
                    }
                    Err(e) => return Err(invalid(e)),
                }
                events.push(Event { kind: EventKind::PermanencePanelOutcome, date: meeting_date });
                events.push(Event { kind: EventKind::PanelRecommendation, date: meeting_date });
                if r.stage == "outcome" && r.outcome != Some(Outcome::Deferred) {
                    events.extend(decision_events(&r, meeting_date));
                }
                details = serde_json::json!({"outcome": r.outcome.map(Outcome::code), "adm_at_meeting": r.adm_agreed_at_meeting});
                "record_outcome"
            }
            ReferralAction::AdmDecision { agreed, reasons } => {
                let t = wf.take(&r.stage, "adm_decide", &roles).map_err(invalid)?;
                if reasons.trim().is_empty() {
                    return Err(invalid("the reasons for the decision are required"));
                }
                r.adm_decision = Some(AdmDecision {
                    agreed: *agreed,
                    decided_on: today,
                    by: user.username.clone(),
                    reasons: reasons.clone(),
                });
                r.stage = t.to.into();
                events.push(Event { kind: EventKind::AgencyDecision, date: today });
                if *agreed {
                    events.extend(decision_events(&r, today));
                }
                details = serde_json::json!({"agreed": agreed});
                t.name
            }
            ReferralAction::Communicated => {
                let t = wf.take(&r.stage, "communicate", &roles).map_err(invalid)?;
                r.communicated = Some(today);
                r.stage = t.to.into();
                events.push(Event { kind: EventKind::PanelOutcomeCommunicated, date: today });
                t.name
            }
        };
        let record = referral_record(id, &r);
        let version = tx.update_record(RecordKind::Referral, &record, expected_version)?;
        let mut journey = load_journey(tx, &r.child_id)?;
        if !events.is_empty() {
            journey = record_activities(tx, clock, &journey, &events)?;
        }
        // The plan follows the panel: LTF found suitable ratifies it.
        if r.item == ItemType::LtfSuitability
            && r.stage == "outcome"
            && r.outcome == Some(Outcome::LtfSuitable)
            && (r.adm_agreed_at_meeting || r.adm_decision.as_ref().is_some_and(|d| d.agreed))
            && let Some(p) = current_plan(tx, &r.child_id)?
            && p.value.document.lifecycle == Lifecycle::RatifiedSubjectToPanel
        {
            let mut plan = p.value.document.clone();
            plan.lifecycle = Lifecycle::Ratified;
            tx.update_record(RecordKind::Plan, &plan_record(&plan), p.version)?;
        }
        if let serde_json::Value::Object(map) = &mut details {
            map.insert("stage".into(), serde_json::Value::String(r.stage.clone()));
        }
        tx.append(&audit(
            &actor,
            clock,
            format!("{}.{}", wf.id, name),
            "panel_referral",
            id,
            details,
        ))?;
        refresh_tracking(tx, &journey.value)?;
        Ok(Versioned {
            value: record,
            version,
        })
    })
}

/// The events a decision (the ADM's or the panel's with the ADM present) records.
pub(super) fn decision_events(r: &Referral, on: NaiveDate) -> Vec<Event> {
    match r.outcome {
        Some(Outcome::LtfSuitable) => vec![Event {
            kind: EventKind::LtfFoundSuitable,
            date: on,
        }],
        Some(Outcome::LtfUnsuitable) => vec![Event {
            kind: EventKind::LtfFoundUnsuitable,
            date: on,
        }],
        Some(Outcome::MatchAgreed) => vec![Event {
            kind: EventKind::MatchAgreed,
            date: on,
        }],
        _ => Vec::new(),
    }
}

/// Refers a permanent foster match to the Permanence Panel (PANEL-009 (2),
/// WF-LTF-MATCH): only once the panel has found long-term fostering suitable.
pub fn refer_match(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &str,
    carer: &str,
    carer_out_of_area: bool,
    from: &str,
) -> Result<String, AppError> {
    use domain::roles::Role::*;
    if !matches!(user.role, SocialWorker | TeamManager | FamilyFinder) {
        return Err(invalid(
            "a match is referred by the child's social worker, their team manager or a family finder",
        ));
    }
    if carer.trim().is_empty() {
        return Err(invalid("name the proposed carers"));
    }
    let actor = actor_of(user, from);
    let today = clock.today();
    store.write(|tx| {
        if !may_see(tx, user, child)? {
            return Err(AppError::Forbidden("refer this child's match"));
        }
        let plan = current_plan(tx, child)?.ok_or_else(|| invalid("this child has no permanence plan"))?;
        let referrals: Vec<Referral> = tx
            .records_of_child::<Referral>(RecordKind::Referral, child)?
            .into_iter()
            .map(|r| r.value.document)
            .collect();
        let suitable = referrals.iter().find(|r| {
            r.item == ItemType::LtfSuitability
                && r.outcome == Some(Outcome::LtfSuitable)
                && (r.adm_agreed_at_meeting || r.adm_decision.as_ref().is_some_and(|d| d.agreed))
        });
        let Some(suitable) = suitable else {
            return Err(invalid("the Permanence Panel has not yet found long-term fostering suitable for this child (PANEL-003)"));
        };
        if plan.value.document.pathway != Some(Pathway::LongTermFostering) {
            return Err(invalid("the plan is not long-term fostering"));
        }
        if referrals.iter().any(|r| r.item == ItemType::Match && !matches!(r.stage.as_str(), "closed" | "communicated" | "withdrawn")) {
            return Err(invalid("a match referral is already in progress"));
        }
        let mut r = Referral::new(child, ItemType::Match, "match_proposed", today, None);
        r.needs = suitable.needs;
        r.carer = Some(carer.trim().to_owned());
        r.carer_out_of_area = carer_out_of_area;
        let id = next_referral_id(tx, child)?;
        tx.insert_records(RecordKind::Referral, &[referral_record(&id, &r)])?;
        tx.append(&audit(
            &actor,
            clock,
            "WF-PERM-PANEL.create".into(),
            "panel_referral",
            &id,
            serde_json::json!({"item": "match", "out_of_area": carer_out_of_area}),
        ))?;
        let journey = load_journey(tx, child)?;
        refresh_tracking(tx, &journey.value)?;
        Ok(id)
    })
}
