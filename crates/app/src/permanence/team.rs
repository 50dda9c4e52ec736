//! The team around the child (ROLE-011): who is in it, adding a person and
//! recording that one left. Reads and changes audited with the member's
//! part and dates, never a name.

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::audit::Actor;
use domain::child::ChildId;
use domain::permanence::team::{NewMember, TeamAroundChild};
use domain::time::Clock;
use store::{AuditLog, HouseholdRepository, PermanenceRepository, Record, RecordKind, Store};

use super::{actor_of, audit, child_record, ensure_may_see, invalid, stale};
use crate::AppError;

const RECORD: &str = "team_around_child";

fn team_id(child: &ChildId) -> String {
    format!("{child}-T01")
}

/// The child's team as stored, with its version (0 before the first member).
fn team_of(tx: &mut store::Tx<'_>, child: &ChildId) -> Result<(TeamAroundChild, i64), AppError> {
    Ok(tx
        .record::<TeamAroundChild>(RecordKind::TeamAroundChild, &team_id(child))?
        .map_or((TeamAroundChild::default(), 0), |r| {
            (r.value.document, r.version)
        }))
}

/// ROLE-011: what the child's team lacks before a plan may be ratified on
/// `on` (an IRO; a carer, or a household the child is placed with).
pub(super) fn team_missing(
    tx: &mut store::Tx<'_>,
    child: &ChildId,
    on: NaiveDate,
) -> Result<Vec<&'static str>, AppError> {
    let (team, _) = team_of(tx, child)?;
    let placed = tx.households_of_child(child.as_str())?.iter().any(|h| {
        h.value.links.iter().any(|l| {
            l.child_id == child.as_str()
                && l.kind == domain::households::household::LinkKind::PlacedWith
                && l.from <= on
        })
    });
    Ok(team.missing_for_ratification(on, placed))
}

/// The child's team around them, what a plan still needs of it, and its
/// version.
#[derive(Debug, Clone)]
pub struct TeamView {
    pub team: TeamAroundChild,
    pub version: i64,
    /// What the team lacks for ratification today (ROLE-011).
    pub missing: Vec<&'static str>,
}

/// Opens the child's team around them; the read audited as a view of the
/// child's record.
pub fn team_around_child(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    from: &str,
) -> Result<TeamView, AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(tx, user, child, "see this child's team")?;
        let (team, version) = team_of(tx, child)?;
        let missing = team_missing(tx, child, clock.today())?;
        tx.append(&audit(
            &actor,
            clock,
            "ROLE-011.view_team".into(),
            crate::CHILD_RECORD,
            child.as_str(),
            serde_json::json!({"members": team.current(clock.today()).len()}),
        ))?;
        Ok(TeamView {
            team,
            version,
            missing,
        })
    })
}

/// The child's team as the child's record shows it among their details (the
/// record's own read is audited there, so this read is not audited again);
/// empty for a user who may not see the child.
pub fn team_of_child(
    store: &Store,
    user: &User,
    child: &ChildId,
) -> Result<TeamAroundChild, AppError> {
    store.read(|tx| {
        if !crate::may_see_child(tx, user, child)? {
            return Ok(TeamAroundChild::default());
        }
        Ok(team_of(tx, child)?.0)
    })
}

/// A change to the team: a person joins, or one leaves.
#[derive(Debug, Clone)]
pub enum TeamChange {
    Add(NewMember),
    End {
        member: u64,
        on: NaiveDate,
        reason: String,
    },
}

/// Adds a person to the child's team or records that one left (ROLE-011).
/// A part held by staff names a user who holds that role. A stale version
/// is refused. Returns the team's new version.
pub fn change_team(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    expected_version: i64,
    change: TeamChange,
    from: &str,
) -> Result<i64, AppError> {
    if !user.may(Permission::WorkOnPlans) {
        return Err(AppError::Forbidden("change this child's team"));
    }
    let date = match &change {
        TeamChange::Add(m) => m.from,
        TeamChange::End { on, .. } => *on,
    };
    if date > clock.today() {
        return Err(invalid(format!("the date {date} is in the future")));
    }
    if let TeamChange::Add(m) = &change
        && let (Some(role), Some(username)) = (m.role.staff_role(), m.user.as_deref())
    {
        let names = crate::people::names(store)?;
        if !names.all_holders(role).contains(&username) {
            return Err(invalid(format!(
                "{} is not a user who holds the role of {}",
                names.name(username),
                m.role.label()
            )));
        }
    }
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(tx, user, child, "change this child's team")?;
        let (mut team, version) = team_of(tx, child)?;
        if version != expected_version {
            return Err(stale(
                format!("the team around {child}"),
                expected_version,
                version,
            ));
        }
        let (action, details) = match change.clone() {
            TeamChange::Add(m) => {
                let part = m.role.code();
                let on = m.from.to_string();
                let id = team.add(m).map_err(invalid)?;
                (
                    "ROLE-011.add_member",
                    serde_json::json!({"member": id, "part": part, "from": on}),
                )
            }
            TeamChange::End { member, on, reason } => {
                team.end(member, on, &reason).map_err(invalid)?;
                (
                    "ROLE-011.end_member",
                    serde_json::json!({"member": member, "until": on.to_string()}),
                )
            }
        };
        let record = child_record(&team_id(child), child, "open", None, &team);
        let version = save(tx, record, version)?;
        tx.append(&audit(
            &actor,
            clock,
            action.into(),
            RECORD,
            &team_id(child),
            details,
        ))?;
        Ok(version)
    })
}

fn save(
    tx: &mut store::Tx<'_>,
    record: Record<TeamAroundChild>,
    version: i64,
) -> Result<i64, AppError> {
    if version == 0 {
        tx.insert_records(RecordKind::TeamAroundChild, std::slice::from_ref(&record))?;
        Ok(1)
    } else {
        Ok(tx.update_record(RecordKind::TeamAroundChild, &record, version)?)
    }
}

/// Loads the teams of a council (the demo council, an import) in one
/// transaction, audited once with how many.
pub fn load_teams(
    store: &Store,
    actor: &Actor,
    clock: &dyn Clock,
    teams: &[(ChildId, TeamAroundChild)],
) -> Result<usize, AppError> {
    let records: Vec<Record<TeamAroundChild>> = teams
        .iter()
        .map(|(child, team)| child_record(&team_id(child), child, "open", None, team))
        .collect();
    store.write(|tx| {
        for chunk in records.chunks(500) {
            tx.insert_records(RecordKind::TeamAroundChild, chunk)?;
        }
        tx.append(&audit(
            actor,
            clock,
            "ROLE-011.load".into(),
            RECORD,
            "",
            serde_json::json!({"teams": records.len()}),
        ))?;
        Ok(records.len())
    })
}
