//! What the SSDA903 returns stated beyond the journeys (AD1,
//! PlacedAdoption, OC2, OC3, PrevPerm), and care leavers held without a
//! journey: read for the child's record and for producing the return.

use std::collections::HashMap;

use domain::census::{CareLeaver, CensusYear};
use domain::child::ChildId;
use domain::time::Clock;

use crate::{AppError, Store};

/// Everything held beyond the journeys: the care leavers and every child's
/// years of the return.
pub type BeyondJourneys = (Vec<CareLeaver>, HashMap<ChildId, Vec<CensusYear>>);

/// Every care leaver held without a journey and every child's years of the
/// return, for producing a return.
pub fn beyond_journeys(store: &Store) -> Result<BeyondJourneys, AppError> {
    store.read(|tx| Ok::<_, AppError>((tx.all_care_leavers()?, tx.all_census()?)))
}

/// A child's years of the return, oldest first: part of the child's record,
/// whose reading [`crate::view_child`] audits.
pub fn child_census(store: &Store, id: &ChildId) -> Result<Vec<CensusYear>, AppError> {
    Ok(store.read(|tx| tx.census_of(id))?)
}

/// Opens a care leaver's record (held without a journey) with their years
/// of the return, for a signed-in user who may see it; every read, and
/// every refusal, is audited.
pub fn open_care_leaver(
    store: &Store,
    user: &domain::access::User,
    clock: &dyn Clock,
    id: &ChildId,
    from: &str,
) -> Result<(CareLeaver, Vec<CensusYear>), AppError> {
    crate::read_child_record(store, (user, clock, from), id, "view_care_leaver", |tx| {
        let leaver = tx
            .care_leaver(id)?
            .ok_or_else(|| AppError::ChildNotFound(id.clone()))?;
        Ok((leaver, tx.census_of(id)?))
    })
}
