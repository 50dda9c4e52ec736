//! Where the children in care are placed today (FOST-041, FOST-042): each
//! child in care with their home and placement postcodes and the reason an
//! out-of-area request recorded (PRIN-013), for the sufficiency figures the
//! web derives through the ONS postcode directory. A team's manager sees
//! their team's children; a role that opens no child's record (the
//! complaints manager) sees every child counted but none named; the read is
//! audited with how many were listed, never which children or where.

use std::collections::HashMap;

use domain::access::{ChildScope, Permission, User};
use domain::audit::AuditEvent;
use domain::child::ChildId;
use domain::time::Clock;
use store::{AuditLog, ChildRepository, PermanenceRepository, RecordKind, Store, Versioned};

use crate::AppError;
use crate::permanence::PlacementFile;

/// A child in care today and where they are placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedChild {
    pub child: ChildId,
    /// Whether the user may open the child's record (and so see who it is).
    pub named: bool,
    pub home_postcode: Option<String>,
    pub placement_postcode: Option<String>,
    /// The out-of-area request's reason, where one was recorded.
    pub reason: Option<String>,
}

const WHAT: &str = "see where the children in care are placed";

/// The children in care today the user may see (their team's for a
/// team's manager, everyone's for the service), each with their postcodes
/// and any out-of-area reason; audited as `view_sufficiency`.
pub fn children_placed(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    from: &str,
) -> Result<Vec<PlacedChild>, AppError> {
    if !user.may(Permission::ViewFigures) {
        return Err(AppError::Forbidden(WHAT));
    }
    let (team, named) = match user.child_scope() {
        ChildScope::Team(team) => (Some(team), true),
        ChildScope::Everyone => (None, true),
        ChildScope::NoOne => (None, false),
    };
    let today = clock.today();
    store.write(|tx| {
        let files: Vec<Versioned<store::Record<PlacementFile>>> =
            tx.records(RecordKind::Placement, Some(&["open"]))?;
        let reasons: HashMap<ChildId, String> = files
            .into_iter()
            .filter_map(|f| {
                let file = f.value.document;
                let req = file.out_of_area?;
                let reason = match (req.reason, req.reason_text) {
                    (Some(r), Some(t)) if !t.trim().is_empty() => {
                        format!("{}: {}", r.label(), t.trim())
                    }
                    (Some(r), _) => r.label().to_owned(),
                    (None, Some(t)) if !t.trim().is_empty() => t.trim().to_owned(),
                    _ => return None,
                };
                Some((file.record.child_id, reason))
            })
            .collect();
        let mut out = Vec::new();
        for j in tx.all_journeys()? {
            let j = j.value;
            let Some(episode) = j.current_episode().filter(|e| e.start <= today) else {
                continue;
            };
            if team.is_some() && tx.child_team(j.id())? != team {
                continue;
            }
            out.push(PlacedChild {
                child: j.id().clone(),
                named,
                home_postcode: episode
                    .home_postcode
                    .as_ref()
                    .map(|p| p.as_str().to_owned()),
                placement_postcode: episode
                    .placement
                    .postcode
                    .as_ref()
                    .map(|p| p.as_str().to_owned()),
                reason: reasons.get(j.id()).cloned(),
            });
        }
        out.sort_by(|a, b| a.child.as_str().cmp(b.child.as_str()));
        tx.append(&AuditEvent {
            at: clock.now(),
            actor: user.username.clone(),
            action: "view_sufficiency".into(),
            record_type: "sufficiency".into(),
            record_id: team.clone().unwrap_or_else(|| "council".into()),
            details: serde_json::json!({ "children": out.len(), "from": from }).to_string(),
        })?;
        Ok(out)
    })
}
