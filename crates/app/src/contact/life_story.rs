//! Life story work (CONT-001 … CONT-003): a child's life story record
//! (one document per child, read audited, changed at the version seen),
//! what is outstanding from the child's adoption pathway (the task to
//! start, the exception at the order), the report of every such child and
//! the social worker's worklist lines.

use std::collections::HashMap;

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::adoption::child_pathway::{ChildPathway, Milestone};
use domain::adoption::matches::AdoptionMatch;
use domain::child::ChildId;
use domain::contact::life_story::{LifeStory, LifeStoryChange, Outstanding, outstanding};
use domain::journey::CareJourney;
use domain::roles::Role;
use domain::subjects::SubjectItem;
use domain::time::Clock;
use store::{AuditLog, ChildRepository, PermanenceRepository, RecordKind, Store, Versioned};

use crate::AppError;
use crate::child_documents::{self, ChildDocument, Kept};
use crate::permanence::{actor_of, audit, load_journey};

const LIFE_STORY: Kept = Kept {
    kind: RecordKind::LifeStory,
    suffix: "LS",
    record_type: "life_story",
    audit_prefix: "CONT.life_story",
};

impl ChildDocument for LifeStory {
    fn fresh(child: &ChildId) -> Self {
        LifeStory::new(child.as_str())
    }
}

/// What a child's life story page shows.
#[derive(Debug, Clone)]
pub struct LifeStoryView {
    pub journey: Versioned<CareJourney>,
    pub record: LifeStory,
    pub version: i64,
    /// The agency decision maker's first decision for adoption, and the
    /// adoption order, from the child's pathway and matches.
    pub decided: Option<NaiveDate>,
    pub order: Option<NaiveDate>,
    pub outstanding: Vec<Outstanding>,
}

/// The first best-interest decision and the adoption order of a child.
type Decided = (Option<NaiveDate>, Option<NaiveDate>);

/// The first best-interest decision and the adoption order of each child
/// with an adoption pathway or a match that reached the order.
fn adoption_dates(tx: &mut store::Tx<'_>) -> Result<HashMap<String, Decided>, AppError> {
    let mut out = HashMap::new();
    for p in tx.records::<ChildPathway>(RecordKind::AdoptionPathway, None)? {
        let p = p.value.document;
        out.insert(
            p.child_id.clone(),
            (p.first_bid(), p.date(Milestone::AdoptionOrder)),
        );
    }
    for m in tx.records::<AdoptionMatch>(RecordKind::AdoptionMatch, Some(&["adopted"]))? {
        let m = m.value.document;
        for c in &m.children {
            let e = out.entry(c.clone()).or_insert((None, None));
            e.1 = e.1.or(m.order);
        }
    }
    Ok(out)
}

fn dates_of(tx: &mut store::Tx<'_>, child: &ChildId) -> Result<Decided, AppError> {
    let pathway = tx
        .record::<ChildPathway>(
            RecordKind::AdoptionPathway,
            &crate::adoption::pathway_id(child.as_str()),
        )?
        .map(|r| r.value.document);
    let order = tx
        .records::<AdoptionMatch>(RecordKind::AdoptionMatch, Some(&["adopted"]))?
        .into_iter()
        .map(|m| m.value.document)
        .find(|m| m.children.iter().any(|c| c == child.as_str()))
        .and_then(|m| m.order);
    Ok(match pathway {
        Some(p) => (p.first_bid(), p.date(Milestone::AdoptionOrder).or(order)),
        None => (None, order),
    })
}

/// A child's life story record with what is outstanding; the read audited.
pub fn life_story(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    from: &str,
) -> Result<LifeStoryView, AppError> {
    if !user.may(Permission::ViewChild) {
        return Err(AppError::Forbidden("open a child's record"));
    }
    crate::read_child_record(store, (user, clock, from), child, "view_life_story", |tx| {
        let journey = load_journey(tx, child)?;
        let (record, version) = tx
            .record::<LifeStory>(LIFE_STORY.kind, &LIFE_STORY.id(child))?
            .map_or_else(
                || (LifeStory::fresh(child), 0),
                |r| (r.value.document, r.version),
            );
        let (decided, order) = dates_of(tx, child)?;
        Ok(LifeStoryView {
            outstanding: outstanding(Some(&record), decided, order),
            journey,
            record,
            version,
            decided,
            order,
        })
    })
}

/// Makes a change to a child's life story record at the version seen
/// (CONT-001: checked by the domain); audited with its code only.
pub fn change_life_story(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (child, version): (&ChildId, i64),
    change: LifeStoryChange,
    from: &str,
) -> Result<i64, AppError> {
    let code = change.code();
    child_documents::change::<LifeStory>(
        store,
        (user, clock, from),
        LIFE_STORY,
        child,
        version,
        code,
        "change this child's life story record",
        |record, _| {
            record.apply(change)?;
            Ok(serde_json::json!({ "change": code }))
        },
    )
}

/// What is outstanding of the child's life story work, as alerts of the
/// child's record (read with it, whose opening is audited).
pub(crate) fn life_story_alerts(
    tx: &mut store::Tx<'_>,
    child: &ChildId,
) -> Result<Vec<String>, AppError> {
    let (decided, order) = dates_of(tx, child)?;
    if decided.is_none() && order.is_none() {
        return Ok(Vec::new());
    }
    let story = tx
        .record::<LifeStory>(LIFE_STORY.kind, &LIFE_STORY.id(child))?
        .map(|r| r.value.document);
    Ok(outstanding(story.as_ref(), decided, order)
        .into_iter()
        .map(|o| {
            format!(
                "{} ({}, since {})",
                o.text,
                o.rule,
                o.since.format("%-d %B %Y")
            )
        })
        .collect())
}

/// A line of the life story report.
#[derive(Debug, Clone)]
pub struct LifeStoryLine {
    pub child: ChildId,
    pub name: String,
    pub outstanding: Outstanding,
}

/// Every child the user may see with life story work outstanding: the
/// task to start it (CONT-002) and the exception at the order (CONT-003).
fn outstanding_lines(
    tx: &mut store::Tx<'_>,
    user: Option<&User>,
) -> Result<Vec<(LifeStoryLine, Option<String>)>, AppError> {
    let dates = adoption_dates(tx)?;
    let stories = child_documents::all::<LifeStory>(tx, LIFE_STORY)?;
    let mut out = Vec::new();
    let mut children: Vec<_> = dates.into_iter().collect();
    children.sort_by(|a, b| a.0.cmp(&b.0));
    for (child, (decided, order)) in children {
        let story = stories.get(&child).map(|s| &s.0);
        let found = outstanding(story, decided, order);
        if found.is_empty() {
            continue;
        }
        let Ok(id) = ChildId::parse(&child) else {
            continue;
        };
        if let Some(u) = user
            && !crate::may_see_child(tx, u, &id)?
        {
            continue;
        }
        let Some(journey) = tx.journey(&id)? else {
            continue;
        };
        let name = journey.value.child().name.full();
        let team = tx.child_team(&id)?;
        for o in found {
            out.push((
                LifeStoryLine {
                    child: id.clone(),
                    name: name.clone(),
                    outstanding: o,
                },
                team.clone(),
            ));
        }
    }
    Ok(out)
}

/// The life story report: every child the user may see with the work to
/// start since the agency decision (CONT-002) or outstanding at the
/// adoption order (CONT-003). The read is audited.
pub fn life_story_report(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    from: &str,
) -> Result<Vec<LifeStoryLine>, AppError> {
    if !user.may(Permission::ViewCaseload) {
        return Err(AppError::Forbidden("see the life story report"));
    }
    let actor = actor_of(user, from);
    store.write(|tx| {
        let lines: Vec<_> = outstanding_lines(tx, Some(user))?
            .into_iter()
            .map(|(l, _)| l)
            .collect();
        tx.append(&audit(
            &actor,
            clock,
            "CONT.view_life_story_report".into(),
            LIFE_STORY.record_type,
            "",
            serde_json::json!({ "lines": lines.len() }),
        ))?;
        Ok(lines)
    })
}

/// CONT-002: the social worker's task to start life story work, on the
/// worklist from the agency decision until the work starts.
pub(crate) fn life_story_lines(
    tx: &mut store::Tx<'_>,
    today: NaiveDate,
) -> Result<Vec<SubjectItem>, AppError> {
    Ok(outstanding_lines(tx, None)?
        .into_iter()
        .filter(|(l, _)| l.outstanding.rule == "CONT-002")
        .map(|(l, team)| {
            domain::contact::LineOf {
                child_id: &l.child,
                child_name: &l.name,
                record: format!("{}/life-story", l.child),
                team,
                as_of: today,
            }
            .line(
                "CONT-002",
                domain::contact::life_story::START_TASK.into(),
                l.outstanding.since,
                Role::SocialWorker,
            )
        })
        .collect())
}

/// Loads life story records made elsewhere (the demo council's) at
/// version 1.
pub fn load_life_stories(
    store: &Store,
    actor: &domain::audit::Actor,
    clock: &dyn Clock,
    stories: &[(ChildId, LifeStory)],
) -> Result<usize, AppError> {
    child_documents::load(store, actor, clock, LIFE_STORY, stories)
}
