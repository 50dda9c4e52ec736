//! A match's deadlines on the worklist (issue 19: "the deadlines of each
//! step appear and clear on the worklist"): the reply to the adopters'
//! expression of interest within 7 days (ADOPT-021) while the match waits
//! at its interest, the agency decision maker's decision 7 working days
//! after the panel's recommendation (ADOPT-033) while it waits for it, the
//! disruption meeting (ADOPT-041) until it is held, and the next
//! post-placement contact (ADOPT-042) while the child is placed. Each line
//! is about the adopters' role, on the worklist of the role's worker and
//! team; a step that answers it clears it.

use chrono::{Days, NaiveDate};

use crate::deadlines::Standing;
use crate::households::household::Household;
use crate::households::lifecycle::RoleKind;
use crate::roles::Role;
use crate::subjects::{Subject, SubjectItem, SubjectKind, sort_items};
use crate::worklist::{HORIZON_DAYS, Scope};

use super::matches::AdoptionMatch;

/// ADOPT-021: days to reply to an expression of interest.
pub const INTEREST_REPLY_DAYS: u64 = 7;

/// How a deadline due on `due` stands on `as_of`.
fn standing(due: NaiveDate, as_of: NaiveDate) -> Standing {
    if due < as_of {
        Standing::Overdue
    } else if (due - as_of).num_days() <= HORIZON_DAYS {
        Standing::DueSoon
    } else {
        Standing::Upcoming
    }
}

/// The match's open deadlines: (rule, what, due, who answers it).
pub fn open_deadlines(
    m: &AdoptionMatch,
    as_of: NaiveDate,
) -> Vec<(&'static str, String, NaiveDate, Role)> {
    let mut out = Vec::new();
    if m.stage == "interest" {
        out.push((
            "ADOPT-021",
            "Reply to the adopters' expression of interest".to_owned(),
            m.interest + Days::new(INTEREST_REPLY_DAYS),
            Role::FamilyFinder,
        ));
    }
    if m.stage == "adm"
        && let Some(due) = m.decision_due()
    {
        out.push((
            "ADOPT-033",
            "Agency decision on the match".to_owned(),
            due,
            Role::AgencyDecisionMaker,
        ));
    }
    if let Some(meeting) = m.disruption_meeting.as_ref().filter(|d| d.held.is_none()) {
        out.push((
            "ADOPT-041",
            "Disruption meeting (independent chair)".to_owned(),
            meeting.due,
            Role::FamilyFinder,
        ));
    }
    if let Some(next) = m.contacts_due().into_iter().find(|d| *d >= as_of) {
        out.push((
            "ADOPT-042",
            "Post-placement contact with the adopters".to_owned(),
            next,
            Role::PostOrderSupportWorker,
        ));
    }
    out
}

/// The worklist lines of the matches of the households in `households`
/// that fall in `scope`: overdue or due within [`HORIZON_DAYS`].
pub fn match_lines(
    matches: &[AdoptionMatch],
    households: &[Household],
    scope: &Scope,
    as_of: NaiveDate,
) -> Vec<SubjectItem> {
    let mut out = Vec::new();
    for m in matches {
        let Some(h) = households.iter().find(|h| h.id == m.household_id) else {
            continue;
        };
        let role = h.roles.iter().find(|r| r.id == m.role_id);
        for (rule, title, due, responsible) in open_deadlines(m, as_of) {
            let item = SubjectItem {
                subject: Subject {
                    kind: SubjectKind::Role,
                    id: m.role_id.clone(),
                    name: format!("{} (match for {})", h.name, m.children.join(", ")),
                    record: h.id.clone(),
                    role: Some(RoleKind::Adopter),
                },
                worker: role.and_then(|r| r.worker.clone()).or(h.worker.clone()),
                team: Some(role.map_or(h.team.clone(), |r| r.team.clone())),
                rule: Some(rule),
                title,
                due,
                days_left: (due - as_of).num_days(),
                standing: standing(due, as_of),
                responsible: Some(responsible),
            };
            if item.in_scope(scope) && item.days_left <= HORIZON_DAYS {
                out.push(item);
            }
        }
    }
    sort_items(&mut out);
    out
}
