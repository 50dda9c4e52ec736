//! The households' lines of a user's worklist: their roles' deadlines and
//! their members' checks as they expire, for the households the user may
//! see, limited to their team (or the team they chose). The worklist keeps
//! them with the other subjects' lines (`crate::worklist`).

use domain::access::User;
use domain::adoption::match_deadlines::match_lines;
use domain::adoption::matches::AdoptionMatch;
use domain::households::deadlines::worklist;
use domain::subjects::SubjectItem;
use domain::worklist::Scope;
use store::{HouseholdRepository, PermanenceRepository, RecordKind};

/// The stages of a match that may have a deadline open.
const MATCH_STAGES_WITH_DEADLINES: &[&str] = &["interest", "adm", "placed", "disrupted"];

use super::household::scope_filter;
use crate::AppError;

/// The households a user's worklist reads, as a key for what is kept of
/// it (`None` for a user who may see no household).
pub(crate) fn household_key(user: &User, chosen_team: Option<String>) -> Option<String> {
    scope_filter(user, chosen_team).map(|f| format!("{f:?}"))
}

/// The worklist lines about households for `user` (none for a user who
/// may see no household).
pub(crate) fn household_lines(
    tx: &mut store::Tx<'_>,
    user: &User,
    chosen_team: Option<String>,
    today: chrono::NaiveDate,
) -> Result<Vec<SubjectItem>, AppError> {
    let Some(filter) = scope_filter(user, chosen_team) else {
        return Ok(Vec::new());
    };
    let scope = filter.team.clone().map_or(Scope::Service, Scope::Team);
    let households: Vec<_> = tx
        .households(&filter)?
        .0
        .into_iter()
        .map(|h| h.value)
        .collect();
    let mut lines = worklist(&households, &scope, today);
    lines.extend(crate::fostering::carers::attendance_lines(
        tx,
        &households,
        &scope,
        today,
    )?);
    // A match's deadlines, on its adopters' role (issue 19).
    // Those who see only the panel's papers see the matches before the
    // agency decision maker, whatever their adopters' stage.
    let stages = if filter.at_panel {
        &["adm"][..]
    } else {
        MATCH_STAGES_WITH_DEADLINES
    };
    let matches: Vec<AdoptionMatch> = tx
        .records::<AdoptionMatch>(RecordKind::AdoptionMatch, Some(stages))?
        .into_iter()
        .map(|r| r.value.document)
        .collect();
    let mut theirs = households;
    if filter.at_panel {
        for m in &matches {
            if !theirs.iter().any(|h| h.id == m.household_id)
                && let Some(h) = tx.household(&m.household_id)?
            {
                theirs.push(h.value);
            }
        }
    }
    lines.extend(match_lines(&matches, &theirs, &scope, today));
    domain::subjects::sort_items(&mut lines);
    Ok(lines)
}
