//! Loading a whole council at once (the demo council of `permanence demo`
//! and `serve --demo`): its workers, children, permanence records, tracking
//! list and users in one transaction, so a load that is killed or fails
//! leaves the database as it was, and running it again starts afresh.

use domain::access::User;
use domain::audit::Actor;
use domain::journey::CareJourney;
use domain::permanence::panels::{Forum, Meeting};
use domain::permanence::plan::PermanencePlan;
use domain::permanence::referrals::Referral;
use domain::roles::Worker;
use domain::time::Clock;
use store::Store;

use crate::AppError;

/// Everything a council load writes.
pub struct CouncilLoad<'a> {
    pub workers: &'a [Worker],
    pub journeys: &'a [CareJourney],
    pub forum: Option<&'a Forum>,
    pub plans: &'a [PermanencePlan],
    pub referrals: &'a [(String, Referral)],
    pub meetings: &'a [Meeting],
    /// The support plans the plans link to (PLAN-010).
    pub support_plans: &'a [domain::permanence::support::SupportPlan],
    /// IRO issues with their identifiers (TRACK-013).
    pub iro_issues: &'a [(String, domain::permanence::iro_issues::IroIssue)],
    /// The users, each with their password.
    pub users: &'a [(User, String)],
}

/// Loads a council into an empty store in one transaction: all of it or,
/// if anything fails or the process is stopped, none. The passwords are
/// hashed first, outside the transaction. `progress` hears (done, total)
/// as the children are written. Returns how many children were loaded.
pub fn load_whole_council(
    store: &Store,
    actor: &Actor,
    clock: &dyn Clock,
    load: &CouncilLoad<'_>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<u64, AppError> {
    let hashes = load
        .users
        .iter()
        .map(|(_, password)| crate::auth::hash_password(password))
        .collect::<Result<Vec<_>, _>>()?;
    store.write(|tx| {
        let loaded =
            crate::load_council_in(tx, actor, clock, load.workers, load.journeys, progress)?;
        crate::permanence::load_permanence_in(
            tx,
            actor,
            clock,
            load.forum,
            load.plans,
            load.referrals,
            load.meetings,
        )?;
        crate::permanence::load_support_plans_in(tx, load.support_plans)?;
        crate::permanence::load_iro_issues_in(tx, load.iro_issues)?;
        for ((user, _), hash) in load.users.iter().zip(&hashes) {
            crate::auth::add_user_in(tx, actor, clock, user, hash)?;
        }
        Ok(loaded)
    })
}
