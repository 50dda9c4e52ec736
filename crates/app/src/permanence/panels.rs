//! The panels and their meetings: a panel's configuration (members, cut-off,
//! quorum), arranging a meeting (PANEL-007), its attendance (PANEL-008) and
//! its minutes (PANEL-014).

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::audit::Actor;
use domain::permanence::panels::{
    Attendance, Forum, ForumKind, Meeting, check_meeting_can_be_created, check_meeting_date,
    is_quorate,
};
use domain::permanence::referrals::Referral;
use domain::time::Clock;
use store::{AuditLog, PermanenceRepository, Record, RecordKind, Store, StoreError, Versioned};

use super::{actor_of, audit, invalid, record_at};
use crate::AppError;

pub(crate) fn meeting_record(id: &str, m: &Meeting) -> Record<Meeting> {
    Record {
        id: id.to_owned(),
        child_id: None,
        stage: if m.minutes_approved.is_some() {
            "minuted".into()
        } else {
            "open".into()
        },
        key_date: Some(m.date.to_string()),
        document: m.clone(),
    }
}

/// A panel's configuration, or the spec's defaults with no members when
/// none is stored, within the caller's transaction.
pub(super) fn forum(
    tx: &mut store::Tx<'_>,
    kind: ForumKind,
) -> Result<Versioned<Forum>, StoreError> {
    Ok(match tx.record::<Forum>(RecordKind::Forum, kind.code())? {
        Some(r) => Versioned {
            value: r.value.document,
            version: r.version,
        },
        None => Versioned {
            value: Forum::with_defaults(kind),
            version: 0,
        },
    })
}

/// A panel's configuration within the caller's transaction, for the
/// quorum of an item another capability lists (an adoption match).
pub(crate) fn panel_forum(tx: &mut store::Tx<'_>, kind: ForumKind) -> Result<Forum, StoreError> {
    Ok(forum(tx, kind)?.value)
}

/// A panel's configuration, or the spec's defaults with no members when
/// none is stored.
pub fn panel_configuration(store: &Store, kind: ForumKind) -> Result<Versioned<Forum>, AppError> {
    Ok(store.read(|tx| forum(tx, kind))?)
}

/// Refuses a user whose role may not manage the panels (ManagePanels).
fn may_manage_panels(user: &User, what: &'static str) -> Result<(), AppError> {
    if user.may(Permission::ManagePanels) {
        Ok(())
    } else {
        Err(AppError::Forbidden(what))
    }
}

/// Saves a panel's configuration for a user who manages the panels.
pub fn configure_panel(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    forum: &Forum,
    from: &str,
) -> Result<(), AppError> {
    may_manage_panels(user, "configure the panels")?;
    configure_forum(store, &actor_of(user, from), clock, forum)
}

/// Saves a forum's configuration (membership, frequency, cut-off, quorum).
pub fn configure_forum(
    store: &Store,
    actor: &Actor,
    clock: &dyn Clock,
    forum: &Forum,
) -> Result<(), AppError> {
    store.write(|tx| configure_forum_in(tx, actor, clock, forum))
}

/// [`configure_forum`] within the caller's transaction.
pub(crate) fn configure_forum_in(
    tx: &mut store::Tx<'_>,
    actor: &Actor,
    clock: &dyn Clock,
    forum: &Forum,
) -> Result<(), AppError> {
    {
        let record = Record {
            id: forum.kind.code().to_owned(),
            child_id: None,
            stage: "active".into(),
            key_date: None,
            document: forum.clone(),
        };
        match tx.record::<Forum>(RecordKind::Forum, forum.kind.code())? {
            Some(old) => {
                tx.update_record(RecordKind::Forum, &record, old.version)?;
            }
            None => tx.insert_records(RecordKind::Forum, &[record])?,
        }
        tx.append(&audit(
            actor,
            clock,
            "configure_forum".into(),
            "panel",
            forum.kind.code(),
            serde_json::json!({"members": forum.members.len(), "cutoff_working_days": forum.cutoff_working_days}),
        ))?;
        Ok(())
    }
}

/// Creates a meeting of a forum: not before the panel existed (PANEL-001),
/// only with a chair configured (PANEL-007).
pub fn create_meeting(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    kind: ForumKind,
    date: NaiveDate,
    from: &str,
) -> Result<String, AppError> {
    may_manage_panels(user, "arrange panel meetings")?;
    let actor = actor_of(user, from);
    store.write(|tx| {
        let f = forum(tx, kind)?.value;
        check_meeting_date(kind, date).map_err(invalid)?;
        check_meeting_can_be_created(&f, date).map_err(invalid)?;
        let meeting = Meeting::new(kind, date);
        let id = meeting.id();
        if tx.record::<Meeting>(RecordKind::Meeting, &id)?.is_some() {
            return Err(invalid(format!(
                "there is already a {} meeting on {date}",
                kind.label()
            )));
        }
        tx.insert_records(RecordKind::Meeting, &[meeting_record(&id, &meeting)])?;
        tx.append(&audit(
            &actor,
            clock,
            "create_meeting".into(),
            "panel_meeting",
            &id,
            serde_json::json!({"date": date.to_string()}),
        ))?;
        Ok(id)
    })
}

/// What the panels page shows a user: every meeting, and the referrals not
/// yet listed of the children they may see (their team's, for team roles).
#[derive(Debug, Clone)]
pub struct PanelsView {
    pub meetings: Vec<Versioned<Record<Meeting>>>,
    pub waiting: Vec<Versioned<Record<Referral>>>,
}

impl PanelsView {
    /// The meetings held whose minutes were due before `today` and are not
    /// approved, with their due dates: the PANEL-014 alert.
    pub fn minutes_overdue(&self, today: NaiveDate) -> Vec<(&Meeting, NaiveDate)> {
        self.meetings
            .iter()
            .map(|m| &m.value.document)
            .filter_map(|m| m.minutes_due().map(|due| (m, due)))
            .filter(|(_, due)| *due < today)
            .collect()
    }
}

/// Opens the panels page: the meetings and the referrals waiting to be
/// listed, limited to the children the user may see, the read audited.
pub fn panels_overview(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    from: &str,
) -> Result<PanelsView, AppError> {
    if !user.may(Permission::ViewPanels) {
        return Err(AppError::Forbidden("see the panels"));
    }
    let actor = actor_of(user, from);
    store.write(|tx| {
        let meetings = tx.records(RecordKind::Meeting, None)?;
        let mut waiting = Vec::new();
        for r in
            tx.records::<Referral>(RecordKind::Referral, Some(&["created", "pack", "endorsed"]))?
        {
            if crate::may_see_child(tx, user, &r.value.document.child_id)? {
                waiting.push(r);
            }
        }
        tx.append(&audit(
            &actor,
            clock,
            "view_panels".into(),
            "panel",
            "permanence_panel",
            serde_json::json!({"meetings": meetings.len(), "waiting": waiting.len()}),
        ))?;
        Ok(PanelsView { meetings, waiting })
    })
}

/// A meeting, its agenda's referrals and its forum.
pub type MeetingView = (
    Versioned<Record<Meeting>>,
    Vec<Versioned<Record<Referral>>>,
    Forum,
);

/// A meeting with the referrals on its agenda of the children the user may
/// see (their team's, for team roles; others' items are withheld), its
/// forum, and the read audited as `action` (`view_meeting` or
/// `view_minutes`) with how many items were shown and withheld, never which
/// children.
pub fn meeting(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    action: &'static str,
    from: &str,
) -> Result<MeetingView, AppError> {
    if !user.may(Permission::ViewPanels) {
        return Err(AppError::Forbidden("see the panels"));
    }
    let actor = actor_of(user, from);
    store.write(|tx| {
        let m = tx
            .record::<Meeting>(RecordKind::Meeting, id)?
            .ok_or_else(|| AppError::NotFound(format!("meeting {id}")))?;
        let mut items = Vec::new();
        let mut withheld = 0;
        for rid in &m.value.document.agenda {
            if let Some(r) = tx.record::<Referral>(RecordKind::Referral, rid)? {
                if crate::may_see_child(tx, user, &r.value.document.child_id)? {
                    items.push(r);
                } else {
                    withheld += 1;
                }
            }
        }
        let f = forum(tx, m.value.document.forum)?.value;
        tx.append(&audit(
            &actor,
            clock,
            action.into(),
            "panel_meeting",
            id,
            serde_json::json!({"items": items.len(), "withheld": withheld}),
        ))?;
        Ok((m, items, f))
    })
}

/// Records who attended a meeting.
pub fn record_attendance(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    expected_version: i64,
    attendees: Vec<Attendance>,
    from: &str,
) -> Result<i64, AppError> {
    may_manage_panels(user, "record panel attendance")?;
    change_meeting(
        store,
        user,
        clock,
        (id, expected_version),
        from,
        |tx, doc| {
            doc.attendees = attendees;
            let f = forum(tx, doc.forum)?.value;
            let quorate = is_quorate(&f, &doc.attendees);
            Ok((
                "record_attendance",
                serde_json::json!({"attendees": doc.attendees.len(), "quorate": quorate}),
            ))
        },
    )
}

/// Changes a meeting at the version the person saw and audits the change
/// under the action `change` names, with its details.
fn change_meeting(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (id, expected_version): (&str, i64),
    from: &str,
    change: impl FnOnce(
        &mut store::Tx<'_>,
        &mut Meeting,
    ) -> Result<(&'static str, serde_json::Value), AppError>,
) -> Result<i64, AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| {
        let m = record_at::<Meeting>(tx, RecordKind::Meeting, id, expected_version, "meeting")?;
        let mut doc = m.value.document;
        let (action, details) = change(tx, &mut doc)?;
        let record = meeting_record(id, &doc);
        let version = tx.update_record(RecordKind::Meeting, &record, expected_version)?;
        tx.append(&audit(
            &actor,
            clock,
            action.into(),
            "panel_meeting",
            id,
            details,
        ))?;
        Ok(version)
    })
}

/// Approves a meeting's minutes (PANEL-014).
pub fn approve_minutes(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    expected_version: i64,
    from: &str,
) -> Result<i64, AppError> {
    may_manage_panels(user, "approve panel minutes")?;
    change_meeting(
        store,
        user,
        clock,
        (id, expected_version),
        from,
        |_, doc| {
            doc.minutes_approved = Some(clock.today());
            Ok(("approve_minutes", serde_json::json!({})))
        },
    )
}

/// Writes or changes the minute of one item of a meeting, until the minutes
/// are approved (PANEL-014); a blank minute goes back to the item's
/// recorded outcome. Audited without the text.
#[allow(clippy::too_many_arguments)]
pub fn edit_item_minute(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    expected_version: i64,
    item: &str,
    minute: &str,
    from: &str,
) -> Result<i64, AppError> {
    may_manage_panels(user, "write panel minutes")?;
    change_meeting(
        store,
        user,
        clock,
        (id, expected_version),
        from,
        |_, doc| {
            doc.check_minute_edit(item, clock.today())
                .map_err(invalid)?;
            let minute = minute.trim();
            if minute.is_empty() {
                doc.item_minutes.remove(item);
            } else {
                doc.item_minutes.insert(item.to_owned(), minute.to_owned());
            }
            Ok(("edit_minute", serde_json::json!({"item": item})))
        },
    )
}
