//! The audit trail's own use cases: reading it (the auditor), a subject
//! access export of everything held about one child, and recording exports
//! and refusals. Reading the trail is itself audited.

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::audit::AuditEvent;
use domain::casework::activities::ActivityRecord;
use domain::casework::notes::CaseNote;
use domain::child::ChildId;
use domain::journey::CareJourney;
use domain::permanence::iro_issues::IroIssue;
use domain::permanence::panels::Meeting;
use domain::permanence::plan::PermanencePlan;
use domain::permanence::plan_change::ChangeOfPlan;
use domain::permanence::referrals::Referral;
use domain::time::Clock;
use store::{
    AuditFilter, AuditLog, ChildRepository, ChildSearch, ChildSummary, PermanenceRepository,
    Record, RecordKind, Store, Versioned,
};

use crate::{AppError, CHILD_RECORD};

/// Records that a user exported a list (what, and how many rows), as every
/// export must be.
pub fn audit_export(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    what: &str,
    rows: usize,
    from: &str,
) -> Result<(), AppError> {
    store.write(|tx| {
        tx.append(&AuditEvent {
            at: clock.now(),
            actor: user.username.clone(),
            action: "export".to_owned(),
            record_type: what.to_owned(),
            record_id: String::new(),
            details: format!("{{\"rows\":{rows},\"from\":\"{from}\"}}"),
        })?;
        Ok(())
    })
}

/// Everything held about one child, for a subject access request (UK GDPR
/// Article 15): their care journey, every version of their permanence
/// plan, their panel referrals with the meetings that heard them (the
/// outcome letters are made from these), changes of plan, IRO issues, and
/// every audit event about the child or any of these records: who viewed
/// or changed them.
#[derive(Debug, Clone)]
pub struct SubjectRecords {
    pub journey: CareJourney,
    pub plans: Vec<PermanencePlan>,
    /// Each referral with its identifier and the date of its meeting.
    pub referrals: Vec<(String, Referral, Option<NaiveDate>)>,
    pub changes: Vec<ChangeOfPlan>,
    pub issues: Vec<IroIssue>,
    /// The activities recorded through the forms, with their identifiers,
    /// including those amended or withdrawn.
    pub activities: Vec<(String, ActivityRecord)>,
    /// The case notes on the child's chronology, with their identifiers,
    /// each with its earlier versions; withdrawn ones included.
    pub notes: Vec<(String, CaseNote)>,
    /// The support plans recorded for the child (PLAN-010).
    pub support_plans: Vec<domain::permanence::support::SupportPlan>,
    /// The child's placements as permanence planning records them, with
    /// their identifiers.
    pub placements: Vec<(String, crate::permanence::PlacementFile)>,
    /// The Child Decision Making Panel's decisions about the child (PANEL-018).
    pub cdm_decisions: Vec<domain::permanence::panels::CdmDecision>,
    /// The IRO's monitoring at the child's reviews (TRACK-006, TRACK-012).
    pub review_monitoring: Vec<crate::permanence::MonitoringRecord>,
    /// The Pack A and Pack F family-finding requests (ROLE-008).
    pub family_finding: Vec<domain::permanence::responsibilities::FamilyFindingRecord>,
    /// The Contact Agreements recorded for the child (DATA-009).
    pub contact_agreements: Vec<domain::permanence::support::ContactAgreement>,
    /// The child's information-sharing log (DATA-006).
    pub information_shared: Vec<domain::permanence::assessment::InformationShareLog>,
    /// The team around the child, with everyone who has been in it (ROLE-011).
    pub team: Vec<domain::permanence::team::TeamAroundChild>,
    /// The child's Letterboxes with their items (WF-LETTERBOX).
    pub letterboxes: Vec<domain::contact::letterbox::Letterbox>,
    /// The child's missing record (WF-MISSING).
    pub missing: Vec<domain::contact::missing::MissingRecord>,
    /// Every entry of the money ledger for the child or a member of their
    /// family (PAY-027): what was agreed and paid, and who approved it.
    pub money: Vec<domain::passport::ledger::LedgerEntry>,
    /// The child's documents kept beside the journey, in full: the care
    /// leaver's record, the education and health records, the adoption
    /// pathway, the life story work and the adoption service's requests
    /// (the record's label, its identifier, the document).
    pub documents: Vec<(&'static str, String, serde_json::Value)>,
    /// Newest first.
    pub events: Vec<AuditEvent>,
}

/// The kinds of document kept one or more per child beside the journey.
const CHILD_DOCUMENTS: [RecordKind; 6] = [
    RecordKind::CareLeaver,
    RecordKind::Education,
    RecordKind::HealthSupport,
    RecordKind::AdoptionPathway,
    RecordKind::LifeStory,
    RecordKind::AdoptionServiceRequest,
];

/// Everything held about one child, for a subject access request. The
/// export itself is audited.
pub fn subject_access(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &ChildId,
    from: &str,
) -> Result<SubjectRecords, AppError> {
    if !user.may(Permission::ExportSubjectAccess) {
        return Err(AppError::Forbidden("export a child's records"));
    }
    store.write(|tx| {
        let journey = tx
            .journey(id)?
            .ok_or_else(|| AppError::ChildNotFound(id.clone()))?;
        let child = id.as_str();
        let plans: Vec<Record<PermanencePlan>> = of_child(tx, RecordKind::Plan, child)?;
        let referrals: Vec<Record<Referral>> = of_child(tx, RecordKind::Referral, child)?;
        let changes: Vec<Record<ChangeOfPlan>> = of_child(tx, RecordKind::PlanChange, child)?;
        let issues: Vec<Record<IroIssue>> = of_child(tx, RecordKind::IroIssue, child)?;
        let activities: Vec<Record<ActivityRecord>> = of_child(tx, RecordKind::Activity, child)?;
        let notes: Vec<Record<CaseNote>> = of_child(tx, RecordKind::CaseNote, child)?;
        let support: Vec<Record<domain::permanence::support::SupportPlan>> =
            of_child(tx, RecordKind::SupportPlan, child)?;
        let placements: Vec<Record<crate::permanence::PlacementFile>> =
            of_child(tx, RecordKind::Placement, child)?;
        let cdm: Vec<Record<domain::permanence::panels::CdmDecision>> =
            of_child(tx, RecordKind::CdmDecision, child)?;
        let monitoring: Vec<Record<crate::permanence::MonitoringRecord>> =
            of_child(tx, RecordKind::ReviewMonitoring, child)?;
        let finding: Vec<Record<domain::permanence::responsibilities::FamilyFindingRecord>> =
            of_child(tx, RecordKind::FamilyFinding, child)?;
        let contact: Vec<Record<domain::permanence::support::ContactAgreement>> =
            of_child(tx, RecordKind::ContactAgreement, child)?;
        let sharing: Vec<Record<domain::permanence::assessment::InformationShareLog>> =
            of_child(tx, RecordKind::InformationShareLog, child)?;
        let team: Vec<Record<domain::permanence::team::TeamAroundChild>> =
            of_child(tx, RecordKind::TeamAroundChild, child)?;
        let letterboxes: Vec<Record<domain::contact::letterbox::Letterbox>> =
            of_child(tx, RecordKind::Letterbox, child)?;
        let missing: Vec<Record<domain::contact::missing::MissingRecord>> =
            of_child(tx, RecordKind::MissingRecord, child)?;
        let money = store::LedgerRepository::ledger_entries(tx, Some(child))?;
        let mut documents = Vec::new();
        for kind in CHILD_DOCUMENTS {
            for r in of_child::<serde_json::Value>(tx, kind, child)? {
                documents.push((kind.label(), r.id, r.document));
            }
        }
        let mut heard = Vec::new();
        for r in referrals {
            let date = match &r.document.meeting {
                Some(m) => tx
                    .record::<Meeting>(RecordKind::Meeting, m)?
                    .map(|m| m.value.document.date),
                None => None,
            };
            heard.push((r.id, r.document, date));
        }
        let mut events = events_about(tx, CHILD_RECORD, child)?;
        let ids = plans
            .iter()
            .map(|r| r.id.as_str())
            .chain(heard.iter().map(|r| r.0.as_str()))
            .chain(changes.iter().map(|r| r.id.as_str()))
            .chain(issues.iter().map(|r| r.id.as_str()))
            .chain(activities.iter().map(|r| r.id.as_str()))
            .chain(support.iter().map(|r| r.id.as_str()))
            .chain(placements.iter().map(|r| r.id.as_str()))
            .chain(cdm.iter().map(|r| r.id.as_str()))
            .chain(monitoring.iter().map(|r| r.id.as_str()))
            .chain(finding.iter().map(|r| r.id.as_str()))
            .chain(contact.iter().map(|r| r.id.as_str()))
            .chain(notes.iter().map(|r| r.id.as_str()))
            .chain(sharing.iter().map(|r| r.id.as_str()))
            .chain(team.iter().map(|r| r.id.as_str()))
            .chain(letterboxes.iter().map(|r| r.id.as_str()))
            .chain(missing.iter().map(|r| r.id.as_str()))
            .chain(documents.iter().map(|d| d.1.as_str()));
        for record in ids.collect::<std::collections::BTreeSet<_>>() {
            events.extend(events_about(tx, "", record)?);
        }
        events.sort_by_key(|e| std::cmp::Reverse(e.at));
        events.dedup();
        tx.append(&AuditEvent {
            at: clock.now(),
            actor: user.username.clone(),
            action: "subject_access_export".to_owned(),
            record_type: CHILD_RECORD.to_owned(),
            record_id: child.to_owned(),
            details: format!("{{\"from\":\"{from}\"}}"),
        })?;
        Ok(SubjectRecords {
            journey: journey.value,
            plans: plans.into_iter().map(|r| r.document).collect(),
            referrals: heard,
            changes: changes.into_iter().map(|r| r.document).collect(),
            issues: issues.into_iter().map(|r| r.document).collect(),
            activities: activities.into_iter().map(|r| (r.id, r.document)).collect(),
            notes: notes.into_iter().map(|r| (r.id, r.document)).collect(),
            support_plans: support.into_iter().map(|r| r.document).collect(),
            placements: placements.into_iter().map(|r| (r.id, r.document)).collect(),
            cdm_decisions: cdm.into_iter().map(|r| r.document).collect(),
            review_monitoring: monitoring.into_iter().map(|r| r.document).collect(),
            family_finding: finding.into_iter().map(|r| r.document).collect(),
            contact_agreements: contact.into_iter().map(|r| r.document).collect(),
            information_shared: sharing.into_iter().map(|r| r.document).collect(),
            team: team.into_iter().map(|r| r.document).collect(),
            letterboxes: letterboxes.into_iter().map(|r| r.document).collect(),
            missing: missing.into_iter().map(|r| r.document).collect(),
            money,
            documents,
            events,
        })
    })
}

/// A child's permanence records of a kind, without their versions.
fn of_child<T: serde::de::DeserializeOwned>(
    tx: &mut store::Tx<'_>,
    kind: RecordKind,
    child: &str,
) -> Result<Vec<Record<T>>, AppError> {
    Ok(tx
        .records_of_child(kind, child)?
        .into_iter()
        .map(|r: Versioned<Record<T>>| r.value)
        .collect())
}

/// Every audit event about one record (of any type when `record_type` is empty).
fn events_about(
    tx: &mut store::Tx<'_>,
    record_type: &str,
    record_id: &str,
) -> Result<Vec<AuditEvent>, AppError> {
    Ok(tx.events(&AuditFilter {
        record_type: (!record_type.is_empty()).then(|| record_type.to_owned()),
        record_id: Some(record_id.to_owned()),
        limit: Some(100_000),
        ..Default::default()
    })?)
}

/// The children a subject access request may be about, found by name and
/// date of birth: every child born that day whose name holds every word
/// typed, in any order and any case ("begum mia" finds Mia Begum). The
/// search is audited with how many it found, never what was typed.
pub fn find_subject(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    name: &str,
    born: NaiveDate,
) -> Result<Vec<ChildSummary>, AppError> {
    if !user.may(Permission::ExportSubjectAccess) {
        return Err(AppError::Forbidden("export a child's records"));
    }
    let words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    store.write(|tx| {
        let search = ChildSearch {
            text: born.format("%Y-%m-%d").to_string(),
            ..Default::default()
        };
        let (born_then, _) = tx.search_children(&search, 0, 10_000)?;
        let found: Vec<ChildSummary> = born_then
            .into_iter()
            .filter(|c| c.date_of_birth == born && names_match(&c.name.full(), &words))
            .collect();
        tx.append(&AuditEvent {
            at: clock.now(),
            actor: user.username.clone(),
            action: "subject_access_search".to_owned(),
            record_type: CHILD_RECORD.to_owned(),
            record_id: String::new(),
            details: format!("{{\"found\":{}}}", found.len()),
        })?;
        Ok(found)
    })
}

/// Whether every typed word is the start of some word of the name.
fn names_match(full: &str, words: &[String]) -> bool {
    let parts: Vec<String> = full
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(str::to_lowercase)
        .collect();
    !words.is_empty()
        && words
            .iter()
            .all(|w| parts.iter().any(|p| p.starts_with(w.as_str())))
}

/// The actions the audit trail holds, for the auditor to choose from.
pub fn audit_actions(store: &Store, user: &User) -> Result<Vec<String>, AppError> {
    if !user.may(Permission::ViewAuditLog) {
        return Err(AppError::Forbidden("read the audit log"));
    }
    Ok(store.read(|tx| tx.actions())?)
}

/// A page of the audit trail for the auditor, newest first, as filtered;
/// the reading is itself recorded (how many events it returned).
pub fn audit_log(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    filter: &AuditFilter,
) -> Result<Vec<AuditEvent>, AppError> {
    if !user.may(Permission::ViewAuditLog) {
        return Err(AppError::Forbidden("read the audit log"));
    }
    store.write(|tx| {
        let events = tx.events(filter)?;
        tx.append(&AuditEvent {
            at: clock.now(),
            actor: user.username.clone(),
            action: "view_audit_log".into(),
            record_type: "audit_log".into(),
            record_id: String::new(),
            details: format!("{{\"results\":{}}}", events.len()),
        })?;
        Ok(events)
    })
}

/// Records that a user was refused something their role does not allow (a
/// route, named by its method and path), and where the request came from.
pub fn record_refusal(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    what: &str,
    from: &str,
) -> Result<(), AppError> {
    append_refusal(
        store,
        clock,
        &user.username,
        ("forbidden", "route", what),
        from,
    )
}

/// Records that a use case refused a user: `what` they may not do, as the
/// refusal names it ("open this child's plan"), never which record; every
/// refusal a page or the API shows passes through here.
pub fn record_refused_action(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    what: &str,
    from: &str,
) -> Result<(), AppError> {
    append_refusal(
        store,
        clock,
        &user.username,
        ("refused", "action", what),
        from,
    )
}

/// Records a request refused because it carried no valid credentials (an
/// API call without a known token), by its route pattern, never the token.
pub fn record_unauthenticated(
    store: &Store,
    clock: &dyn Clock,
    route: &str,
    from: &str,
) -> Result<(), AppError> {
    append_refusal(
        store,
        clock,
        "anonymous",
        ("unauthenticated", "route", route),
        from,
    )
}

/// Appends a refusal: (action, record type, what was refused).
fn append_refusal(
    store: &Store,
    clock: &dyn Clock,
    actor: &str,
    (action, record_type, what): (&str, &str, &str),
    from: &str,
) -> Result<(), AppError> {
    let details = serde_json::json!({ "from": from }).to_string();
    store.write(|tx| {
        tx.append(&AuditEvent {
            at: clock.now(),
            actor: actor.to_owned(),
            action: action.to_owned(),
            record_type: record_type.to_owned(),
            record_id: what.to_owned(),
            details,
        })?;
        Ok(())
    })
}
