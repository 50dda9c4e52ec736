//! A match from the adopters' expression of interest to the order
//! (WF-ADOPT-MATCH): recording the interest, opening the match, taking its
//! steps (the link, the adoption panel with its quorum, the ADM's decision,
//! the placement, a disruption), the adoption support plan and the
//! disruption meeting. Each change is one transaction at the version the
//! person saw, with one audit event of codes and dates, never a name.

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::adoption::matches::{AdoptionMatch, MatchError, MatchStep, SupportPlan};
use domain::child::ChildId;
use domain::households::access::{HouseholdScope, household_scope};
use domain::households::household::Household;
use domain::households::lifecycle::RoleKind;
use domain::permanence::panels::{ForumKind, Meeting, is_quorate};
use domain::time::{Clock, age_on};
use store::{
    AuditLog, ChildRepository, HouseholdRepository, PermanenceRepository, Record, RecordKind,
    Versioned,
};

use crate::households::{event, may_see};
use crate::{AppError, Store};

/// The record type a match's audit events name.
pub const MATCH_RECORD: &str = "adoption_match";

/// A match at its version.
pub type StoredMatch = Versioned<Record<AdoptionMatch>>;

fn refused(e: MatchError) -> AppError {
    match e {
        MatchError::Forbidden(what) => AppError::Forbidden(what),
        other => AppError::Invalid(other.to_string()),
    }
}

fn record_of(m: &AdoptionMatch) -> Record<AdoptionMatch> {
    Record {
        id: m.id.clone(),
        child_id: m.children.first().cloned(),
        stage: m.stage.clone(),
        key_date: Some(m.interest.to_string()),
        document: m.clone(),
    }
}

fn audit(
    user: &User,
    clock: &dyn Clock,
    action: &str,
    m: &AdoptionMatch,
    details: serde_json::Value,
    from: &str,
) -> domain::audit::AuditEvent {
    let mut e = event(user, clock, action, &m.id, details, from);
    e.record_type = MATCH_RECORD.into();
    e
}

/// Whether the user may see the adopters of the match: the household's
/// own access, or the panel's and the decision maker's (every match is
/// their paper).
fn sees_adopters(tx: &mut store::Tx<'_>, user: &User, h: &Household) -> Result<bool, AppError> {
    // Every match comes to the adoption panel (ADOPT-033).
    let papers = household_scope(user) == HouseholdScope::Papers;
    Ok(papers || may_see(tx, user, h)?)
}

/// Refuses a user who may not work on matches, or who may not see one of
/// the children or the adopters' household.
fn may_work_on(
    tx: &mut store::Tx<'_>,
    user: &User,
    m: &AdoptionMatch,
    what: &'static str,
) -> Result<Household, AppError> {
    if !user.may(Permission::WorkOnHouseholds) {
        return Err(AppError::Forbidden(what));
    }
    let h = tx
        .household(&m.household_id)?
        .ok_or_else(|| AppError::NotFound(format!("household {}", m.household_id)))?;
    if !sees_adopters(tx, user, &h.value)? {
        return Err(AppError::Forbidden(what));
    }
    for c in &m.children {
        let id = ChildId::parse(c).map_err(|e| AppError::Invalid(e.to_string()))?;
        if !crate::may_see_child(tx, user, &id)? {
            return Err(AppError::Forbidden(what));
        }
    }
    Ok(h.value)
}

fn stored(tx: &mut store::Tx<'_>, id: &str) -> Result<StoredMatch, AppError> {
    tx.record::<AdoptionMatch>(RecordKind::AdoptionMatch, id)?
        .ok_or_else(|| AppError::NotFound(format!("match {id}")))
}

fn at_version(
    tx: &mut store::Tx<'_>,
    (id, version): (&str, i64),
) -> Result<AdoptionMatch, AppError> {
    let m = stored(tx, id)?;
    if m.version != version {
        return Err(store::StoreError::Stale {
            record: format!("match {id}"),
            expected: version,
            found: m.version,
        }
        .into());
    }
    Ok(m.value.document)
}

/// Records the adopters' (role `role_id`) expression of interest on `date`
/// in the children `children` (a sibling group when more than one): the
/// adopters must be approved and waiting. Returns the match's identifier.
pub fn record_interest(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (role_id, children): (&str, &[ChildId]),
    date: NaiveDate,
    from: &str,
) -> Result<String, AppError> {
    if date > clock.today() {
        return Err(AppError::Invalid(
            "the date of the expression of interest cannot be in the future".into(),
        ));
    }
    if !domain::adoption::matches::records_interest(user.role) {
        return Err(AppError::Invalid(
            "a family finder, social worker or team manager records an expression of interest"
                .into(),
        ));
    }
    let household_id = role_id.split('-').next().unwrap_or_default().to_owned();
    let ids: Vec<String> = children.iter().map(|c| c.as_str().to_owned()).collect();
    let m = AdoptionMatch::interest((role_id, &household_id), ids, date).map_err(refused)?;
    store.write(|tx| {
        let h = may_work_on(tx, user, &m, "record an expression of interest")?;
        let approved = h
            .roles
            .iter()
            .any(|r| r.id == role_id && r.kind == RoleKind::Adopter && r.stage == "approved");
        if !approved {
            return Err(AppError::Invalid(format!(
                "{role_id} are not approved adopters waiting for a match"
            )));
        }
        for c in children {
            tx.journey(c)?
                .ok_or_else(|| AppError::ChildNotFound(c.clone()))?;
        }
        if let Some(old) = tx.record::<AdoptionMatch>(RecordKind::AdoptionMatch, &m.id)? {
            // The same interest recorded again opens the match it made.
            if old.value.document.children == m.children {
                return Ok(m.id.clone());
            }
            return Err(AppError::Invalid(format!(
                "these adopters already have a match with {}",
                m.children[0]
            )));
        }
        tx.insert_records(RecordKind::AdoptionMatch, &[record_of(&m)])?;
        tx.append(&audit(
            user,
            clock,
            "WF-ADOPT-MATCH.interest",
            &m,
            serde_json::json!({ "children": m.children.len(), "date": date }),
            from,
        ))?;
        Ok::<_, AppError>(m.id.clone())
    })
}

/// A match as its page shows it: the record, the adoption panel meetings
/// it may go to, whether its meeting was quorate, and whether the
/// adopters' household has children of its own.
#[derive(Debug, Clone)]
pub struct MatchView {
    pub record: StoredMatch,
    pub meetings: Vec<NaiveDate>,
    pub quorate: Option<bool>,
    pub family_has_children: bool,
}

fn family_has_children(h: &Household, on: NaiveDate) -> bool {
    h.members.iter().any(|m| {
        m.date_of_birth.is_some_and(|d| age_on(d, on) < 18)
            || m.relationship.to_lowercase().contains("child")
    })
}

/// Whether the match's meeting was quorate, once its attendance is in.
fn meeting_quorate(tx: &mut store::Tx<'_>, id: &str) -> Result<Option<bool>, AppError> {
    let Some(m) = tx.record::<Meeting>(RecordKind::Meeting, id)? else {
        return Ok(None);
    };
    let doc = m.value.document;
    if doc.attendees.is_empty() {
        return Ok(None);
    }
    let forum = crate::permanence::panel_forum(tx, doc.forum)?;
    Ok(Some(is_quorate(&forum, &doc.attendees)))
}

/// Opens a match, auditing the read as `view_adoption_match`.
pub fn open_match(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    from: &str,
) -> Result<MatchView, AppError> {
    if !user.may(Permission::ViewHouseholds) {
        return Err(AppError::Forbidden("open an adoption match"));
    }
    store.write(|tx| {
        let record = stored(tx, id)?;
        let m = &record.value.document;
        let h = tx
            .household(&m.household_id)?
            .ok_or_else(|| AppError::NotFound(format!("household {}", m.household_id)))?
            .value;
        let mut allowed = sees_adopters(tx, user, &h)?;
        for c in &m.children {
            let cid = ChildId::parse(c).map_err(|e| AppError::Invalid(e.to_string()))?;
            allowed = allowed && crate::may_see_child(tx, user, &cid)?;
        }
        let action = if allowed {
            "view_adoption_match"
        } else {
            "view_adoption_match_denied"
        };
        tx.append(&audit(
            user,
            clock,
            action,
            m,
            serde_json::json!({ "children": m.children.len() }),
            from,
        ))?;
        if !allowed {
            return Ok(Err(AppError::Forbidden("open this adoption match")));
        }
        let meetings = tx
            .records::<Meeting>(RecordKind::Meeting, Some(&["open"]))?
            .into_iter()
            .map(|r| r.value.document)
            .filter(|d| d.forum == ForumKind::AdoptionPanel && d.date >= m.last_step)
            .map(|d| d.date)
            .collect();
        let quorate = match &m.meeting {
            Some(mid) => meeting_quorate(tx, mid)?,
            None => None,
        };
        let family = family_has_children(&h, clock.today());
        Ok::<_, AppError>(Ok(MatchView {
            record,
            meetings,
            quorate,
            family_has_children: family,
        }))
    })?
}

/// Takes the step `step` of a match on `date`, with what its form carried.
/// Taking it to panel lists it on the adoption panel's meeting; the panel's
/// recommendation needs that meeting held and quorate. Returns the new
/// stage.
pub fn take_match_step(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (id, version): (&str, i64),
    (step, date): (&str, NaiveDate),
    form: MatchStep,
    from: &str,
) -> Result<String, AppError> {
    if date > clock.today() {
        return Err(AppError::Invalid(
            "the date of the step cannot be in the future".into(),
        ));
    }
    store.write(|tx| {
        let mut m = at_version(tx, (id, version))?;
        may_work_on(tx, user, &m, "change an adoption match")?;
        let meeting = match (step, &form.meeting) {
            ("to_panel", Some(date)) => Some(listed_meeting(tx, date)?),
            _ => None,
        };
        if step == "recommend" {
            check_meeting_held(tx, &m, date)?;
        }
        let form = MatchStep {
            meeting: meeting.as_ref().map(|(id, _)| id.clone()),
            ..form
        };
        let stage = m
            .take((user.role, &user.username), (step, date), form)
            .map_err(refused)?;
        if step == "to_panel" {
            staying_in_touch_written(tx, &m)?;
        }
        dates_onto_pathways(tx, &m, (step, date), clock.today())?;
        if let Some((mid, v)) = meeting {
            list_on_meeting(tx, (&mid, v), &m.id)?;
        }
        tx.update_record(RecordKind::AdoptionMatch, &record_of(&m), version)?;
        let mut details = serde_json::json!({ "date": date, "stage": stage });
        if let Some(mid) = m.meeting.as_ref().filter(|_| step == "to_panel") {
            details["meeting"] = mid.clone().into();
        }
        tx.append(&audit(
            user,
            clock,
            &format!("WF-ADOPT-MATCH.{step}"),
            &m,
            details,
            from,
        ))?;
        Ok::<_, AppError>(stage)
    })
}

/// The match is where the scorecard's match, placement and order dates
/// are recorded: the agency decision maker's approval, the placement and
/// the order are written onto each child's pathway in the same
/// transaction (a pathway recorded for the child), so they are never typed
/// twice. A placement with the council's own adopters records where they
/// come from if the family finding has not.
fn dates_onto_pathways(
    tx: &mut store::Tx<'_>,
    m: &AdoptionMatch,
    (step, date): (&str, NaiveDate),
    today: NaiveDate,
) -> Result<(), AppError> {
    use domain::adoption::child_pathway::{ChildPathway, Milestone, PathwayStep};
    use domain::adoption::family_finding::{AdopterSource, FindingStep, PlacedWith};
    let milestone = match step {
        "approve" => Milestone::MatchRatified,
        "place" => Milestone::Placed,
        "order" => Milestone::AdoptionOrder,
        _ => return Ok(()),
    };
    for child in &m.children {
        let id = super::child_pathway::pathway_id(child);
        let Some(held) = tx.record::<ChildPathway>(RecordKind::AdoptionPathway, &id)? else {
            continue;
        };
        let mut p = held.value.document;
        if milestone == Milestone::Placed && p.family_finding.placed_with.is_none() {
            if m.interagency.is_some() {
                // Adopters from another agency: the family finder records which.
                continue;
            }
            let own = PlacedWith {
                source: AdopterSource::OwnCouncil,
                early_permanence: None,
            };
            p.apply(
                PathwayStep::FamilyFinding(FindingStep::PlacedWith(own)),
                today,
            )
            .map_err(super::child_pathway::invalid)?;
        }
        p.apply(PathwayStep::Milestone(milestone, date), today)
            .map_err(|e| AppError::Invalid(format!("{child}'s adoption pathway: {e}")))?;
        tx.update_record(
            RecordKind::AdoptionPathway,
            &super::child_pathway::pathway_record(&p),
            held.version,
        )?;
    }
    Ok(())
}

/// ADOPT-048: the Staying in Touch assessment is part of every child's
/// CPR: a match goes to panel only when the CPR of each child recorded on
/// their pathway has its Staying in Touch section.
fn staying_in_touch_written(tx: &mut store::Tx<'_>, m: &AdoptionMatch) -> Result<(), AppError> {
    use domain::adoption::child_pathway::ChildPathway;
    for child in &m.children {
        let id = super::child_pathway::pathway_id(child);
        let Some(p) = tx.record::<ChildPathway>(RecordKind::AdoptionPathway, &id)? else {
            continue;
        };
        if p.value
            .document
            .cpr
            .as_ref()
            .is_some_and(|c| !c.staying_in_touch)
        {
            return Err(AppError::Invalid(format!(
                "{child}'s CPR has no Staying in Touch section: complete it before the match goes to panel (ADOPT-048)"
            )));
        }
    }
    Ok(())
}

/// The adoption panel meeting on `date` (its identifier and version).
fn listed_meeting(tx: &mut store::Tx<'_>, date: &str) -> Result<(String, i64), AppError> {
    let id = format!("{}-{date}", ForumKind::AdoptionPanel.code());
    let m = tx
        .record::<Meeting>(RecordKind::Meeting, &id)?
        .ok_or_else(|| {
            AppError::Invalid(format!("there is no adoption panel meeting on {date}"))
        })?;
    if m.value.document.minutes_approved.is_some() {
        return Err(AppError::Invalid(
            "that meeting's minutes are approved: choose a meeting to come".into(),
        ));
    }
    Ok((id, m.version))
}

fn list_on_meeting(
    tx: &mut store::Tx<'_>,
    (id, version): (&str, i64),
    item: &str,
) -> Result<(), AppError> {
    let m = tx
        .record::<Meeting>(RecordKind::Meeting, id)?
        .ok_or_else(|| AppError::NotFound(format!("meeting {id}")))?;
    let mut record = m.value;
    if !record.document.agenda.iter().any(|a| a == item) {
        record.document.agenda.push(item.to_owned());
    }
    tx.update_record(RecordKind::Meeting, &record, version)?;
    Ok(())
}

/// The panel recommends at its meeting: held by `date`, and quorate
/// (PANEL-008; an inquorate meeting's items are for discussion only).
fn check_meeting_held(
    tx: &mut store::Tx<'_>,
    m: &AdoptionMatch,
    date: NaiveDate,
) -> Result<(), AppError> {
    let Some(mid) = &m.meeting else {
        return Err(AppError::Invalid(
            "the match is not listed at a panel meeting".into(),
        ));
    };
    let meeting = tx
        .record::<Meeting>(RecordKind::Meeting, mid)?
        .ok_or_else(|| AppError::NotFound(format!("meeting {mid}")))?
        .value
        .document;
    if meeting.date > date {
        return Err(AppError::Invalid(
            "the panel cannot recommend before its meeting".into(),
        ));
    }
    match meeting_quorate(tx, mid)? {
        None => Err(AppError::Invalid(
            "record the meeting's attendance before its recommendation".into(),
        )),
        Some(false) => Err(AppError::Invalid(
            "the meeting was not quorate: the match must be relisted (PANEL-008)".into(),
        )),
        Some(true) => Ok(()),
    }
}

/// Saves the adoption support plan of a match, finalised on `finalise`
/// when given (ADOPT-038: every section the family needs written).
pub fn save_support_plan(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (id, version): (&str, i64),
    plan: SupportPlan,
    finalise: Option<NaiveDate>,
    from: &str,
) -> Result<(), AppError> {
    store.write(|tx| {
        let mut m = at_version(tx, (id, version))?;
        let h = may_work_on(tx, user, &m, "change an adoption match")?;
        let children = family_has_children(&h, clock.today());
        m.finalise_support_plan(plan, children, finalise)
            .map_err(refused)?;
        tx.update_record(RecordKind::AdoptionMatch, &record_of(&m), version)?;
        tx.append(&audit(
            user,
            clock,
            "adoption_match.support_plan",
            &m,
            serde_json::json!({ "final": finalise }),
            from,
        ))?;
        Ok::<_, AppError>(())
    })
}

/// Records the disruption meeting held on `date` (ADOPT-041).
pub fn hold_disruption_meeting(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (id, version): (&str, i64),
    date: NaiveDate,
    from: &str,
) -> Result<(), AppError> {
    store.write(|tx| {
        let mut m = at_version(tx, (id, version))?;
        may_work_on(tx, user, &m, "change an adoption match")?;
        m.hold_disruption_meeting(date).map_err(refused)?;
        tx.update_record(RecordKind::AdoptionMatch, &record_of(&m), version)?;
        tx.append(&audit(
            user,
            clock,
            "adoption_match.disruption_meeting",
            &m,
            serde_json::json!({ "date": date }),
            from,
        ))?;
        Ok::<_, AppError>(())
    })
}

/// Every match the user may see, by the day of interest.
pub fn adoption_matches(store: &Store, user: &User) -> Result<Vec<StoredMatch>, AppError> {
    if !user.may(Permission::ViewHouseholds) {
        return Err(AppError::Forbidden("see adoption matches"));
    }
    store.read(|tx| {
        let mut out = Vec::new();
        for r in tx.records::<AdoptionMatch>(RecordKind::AdoptionMatch, None)? {
            let mut ok = true;
            for c in &r.value.document.children {
                ok = ok
                    && ChildId::parse(c)
                        .map(|id| crate::may_see_child(tx, user, &id))
                        .unwrap_or(Ok(false))?;
            }
            if ok {
                out.push(r);
            }
        }
        Ok::<_, AppError>(out)
    })
}

/// Loads the adoption panel made elsewhere (the demo council's): its
/// configuration, its meetings and the matches, in one transaction with
/// one audit event.
pub fn load_adoption_panel(
    store: &Store,
    actor: &domain::audit::Actor,
    clock: &dyn Clock,
    (forum, meetings, matches): (
        &domain::permanence::panels::Forum,
        &[Meeting],
        &[AdoptionMatch],
    ),
) -> Result<usize, AppError> {
    store.write(|tx| {
        crate::permanence::configure_forum_in(tx, actor, clock, forum)?;
        let rows: Vec<_> = meetings
            .iter()
            .map(|m| crate::permanence::meeting_record(&m.id(), m))
            .collect();
        tx.insert_records(RecordKind::Meeting, &rows)?;
        let rows: Vec<_> = matches.iter().map(record_of).collect();
        tx.insert_records(RecordKind::AdoptionMatch, &rows)?;
        tx.append(&domain::audit::AuditEvent {
            at: clock.now(),
            actor: actor.user_id.clone(),
            action: "WF-ADOPT-MATCH.load".into(),
            record_type: MATCH_RECORD.into(),
            record_id: String::new(),
            details: serde_json::json!({ "meetings": meetings.len(), "matches": matches.len() })
                .to_string(),
        })?;
        Ok::<_, AppError>(matches.len())
    })
}
