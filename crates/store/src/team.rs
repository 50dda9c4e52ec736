//! A team's children at once, for the lists that show one team (the
//! worklist): their journeys, and a stamp that changes whenever any of them
//! is added or saved, so a list computed from them can be kept until then.

use crate::children::Versioned;
use crate::sql::Value;
use crate::{StoreError, Tx};
use domain::journey::CareJourney;

/// The children allocated to a worker of the team `$1`, as a condition on
/// `children`.
const OF_TEAM: &str = "worker_id IN (SELECT id FROM workers WHERE team = $1)";

/// The identifiers of the children allocated to a worker of the team `$1`.
pub(crate) fn team_children() -> String {
    format!("SELECT id FROM children WHERE {OF_TEAM}")
}

/// Which children's journeys to read.
#[derive(Clone, Copy)]
pub(crate) enum Which<'a> {
    All,
    Ids(&'a [domain::child::ChildId]),
    Team(&'a str),
}

/// Reading a team's children together.
pub trait TeamRepository {
    /// The journeys of the children allocated to a worker of the team
    /// (every child's with `None`), in identifier order.
    fn team_journeys(
        &mut self,
        team: Option<&str>,
    ) -> Result<Vec<Versioned<CareJourney>>, StoreError>;
    /// A stamp of the team's children (every child's with `None`): how many
    /// there are, the sum of their versions and their latest save. Saving,
    /// adding or moving a child changes it.
    fn children_stamp(&mut self, team: Option<&str>) -> Result<String, StoreError>;
}

impl TeamRepository for Tx<'_> {
    fn team_journeys(
        &mut self,
        team: Option<&str>,
    ) -> Result<Vec<Versioned<CareJourney>>, StoreError> {
        self.journeys_where(team.map_or(Which::All, Which::Team))
    }

    fn children_stamp(&mut self, team: Option<&str>) -> Result<String, StoreError> {
        let totals = "SELECT COUNT(*), CAST(COALESCE(SUM(version), 0) AS BIGINT), COALESCE(MAX(updated_at), '') FROM children";
        let rows = match team {
            Some(team) => self.conn.query(
                // The team's children through the index by worker, which
                // holds the version and the time of the last save: the
                // stamp is read from the index alone, without the rows.
                &format!("{totals} WHERE {OF_TEAM}"),
                &[Value::from(team)],
            )?,
            None => self.conn.query(totals, &[])?,
        };
        let r = &rows[0];
        Ok(format!("{}:{}:{}", r.int(0)?, r.int(1)?, r.text(2)?))
    }
}
