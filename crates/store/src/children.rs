//! The care-journey aggregate: a child and everything recorded about their
//! time in care, saved and loaded as one, with a version on every row.

use chrono::NaiveDate;
use domain::census::CensusYear;
use domain::child::{Child, ChildId, PersonName, Postcode, PupilNumber, UascStatus, Urn};
use domain::codes::{CodeList, LegalStatus, PlacementType};
use domain::deadlines::{Event, EventKind};
use domain::journey::{
    CareJourney, Episode, EpisodeEnd, MissingEpisode, Placement, Review, SocialWorkerEpisode,
};
use domain::time::Timestamp;

use crate::sql::{Row, Value, insert_many};
use crate::team::{Which, team_children};
use crate::{StoreError, Tx};

mod join;
mod search;

/// A record with the version it was read at. Saving it back with that
/// version succeeds only if nobody has saved it since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versioned<T> {
    pub value: T,
    pub version: i64,
}

/// A line in a list of children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildSummary {
    pub id: ChildId,
    pub name: PersonName,
    pub date_of_birth: NaiveDate,
    pub in_care: bool,
    pub period_start: Option<NaiveDate>,
    pub legal_status: Option<LegalStatus>,
    pub placement_type: Option<PlacementType>,
    /// The team of the allocated worker, where the query knows it.
    pub team: Option<String>,
    /// The allocated worker's identifier, where the query knows it.
    pub worker: Option<String>,
    /// The next open deadline: its due date, rule and title.
    pub next_deadline: Option<(NaiveDate, String, String)>,
}

/// Which children a list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ChildFilter {
    /// Every child the service holds, in care or not.
    #[default]
    All,
    /// Children looked after now.
    InCare,
}

impl ChildFilter {
    fn condition(self) -> &'static str {
        match self {
            ChildFilter::All => "",
            ChildFilter::InCare => " WHERE c.in_care = 1",
        }
    }
}

/// A search of the children a user may see.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChildSearch {
    /// Name (or part of it), identifier, or date of birth.
    pub text: String,
    /// Only this team's children (from the allocated worker's team).
    pub team: Option<String>,
    /// Only this worker's children ("My cases").
    pub worker: Option<String>,
    pub in_care_only: bool,
    pub sort: ChildSort,
}

/// How a list of children is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ChildSort {
    #[default]
    Name,
    DateOfBirth,
    InCareSince,
    Identifier,
}

impl ChildSort {
    fn order_by(self) -> &'static str {
        match self {
            ChildSort::Name => "c.family_name, c.given_name, c.id",
            ChildSort::DateOfBirth => "c.date_of_birth, c.id",
            ChildSort::InCareSince => "c.period_start, c.id",
            ChildSort::Identifier => "c.id",
        }
    }
}

/// Saving and loading care journeys.
pub trait ChildRepository {
    /// Saves a new child's journey at version 1.
    fn insert_journey(&mut self, journey: &CareJourney, at: Timestamp) -> Result<(), StoreError>;
    /// Saves many new journeys at once (demo data, imports); returns how many.
    fn insert_journeys(
        &mut self,
        journeys: &[CareJourney],
        at: Timestamp,
    ) -> Result<u64, StoreError>;
    /// Loads a child's journey with its version.
    fn journey(&mut self, id: &ChildId) -> Result<Option<Versioned<CareJourney>>, StoreError>;
    /// Loads every journey, in child-identifier order (reports, deadlines).
    fn all_journeys(&mut self) -> Result<Vec<Versioned<CareJourney>>, StoreError>;
    /// Loads the journeys of these children (a page of a list), in identifier order.
    fn journeys(&mut self, ids: &[ChildId]) -> Result<Vec<Versioned<CareJourney>>, StoreError>;
    /// Saves a changed journey if it is still at `expected_version`; returns the new version.
    fn update_journey(
        &mut self,
        journey: &CareJourney,
        expected_version: i64,
        at: Timestamp,
    ) -> Result<i64, StoreError>;
    /// Children in name order, a page at a time.
    fn list_children(
        &mut self,
        filter: ChildFilter,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<ChildSummary>, StoreError>;
    /// How many children match the filter.
    fn count_children(&mut self, filter: ChildFilter) -> Result<i64, StoreError>;
    /// A page of the children matching a search, with the number matching.
    fn search_children(
        &mut self,
        search: &ChildSearch,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<ChildSummary>, i64), StoreError>;
    /// The team of a child's allocated worker.
    fn child_team(&mut self, id: &ChildId) -> Result<Option<String>, StoreError>;
    /// Recomputes every child's next deadline in the summary (after the
    /// deadline rules change); returns how many children were refreshed.
    fn refresh_next_deadlines(&mut self) -> Result<usize, StoreError>;
    /// A stored setting.
    fn setting(&mut self, name: &str) -> Result<Option<String>, StoreError>;
    /// Stores a setting.
    fn set_setting(&mut self, name: &str, value: &str) -> Result<(), StoreError>;
}

/// A child-owned table: its name and columns after `child_id, seq` and before `version`.
struct Table {
    name: &'static str,
    columns: &'static [&'static str],
}

const EPISODES: Table = Table {
    name: "episodes",
    columns: &[
        "start_date",
        "reason_new_episode",
        "legal_status",
        "category_of_need",
        "placement_type",
        "placement_provider",
        "placement_postcode",
        "urn",
        "end_date",
        "reason_episode_ceased",
        "reason_placement_change",
        "home_postcode",
    ],
};
const REVIEWS: Table = Table {
    name: "reviews",
    columns: &["review_date", "participation"],
};
const MISSING: Table = Table {
    name: "missing_episodes",
    columns: &["missing_type", "start_date", "end_date"],
};
const SOCIAL_WORKERS: Table = Table {
    name: "social_worker_episodes",
    columns: &["worker_id", "start_date", "end_date", "change_reason"],
};
const SIBLINGS: Table = Table {
    name: "siblings",
    columns: &["sibling_id"],
};
const ACTIVITIES: Table = Table {
    name: "activities",
    columns: &["kind", "event_date"],
};

/// Every child-owned table, in the order their rows are built.
const OWNED: [&Table; 6] = [
    &EPISODES,
    &REVIEWS,
    &MISSING,
    &SOCIAL_WORKERS,
    &SIBLINGS,
    &ACTIVITIES,
];

const CHILD_COLUMNS: &[&str] = &[
    "id",
    "given_name",
    "family_name",
    "sex",
    "date_of_birth",
    "ethnicity",
    "pupil_number",
    "disabled",
    "uasc",
    "uasc_ceased",
    "in_care",
    "period_start",
    "legal_status",
    "placement_type",
    "worker_id",
    "next_deadline_due",
    "next_deadline_rule",
    "next_deadline_title",
];

fn code<C: CodeList>(c: C) -> Value {
    Value::from(c.code())
}

fn date(d: NaiveDate) -> Value {
    use chrono::Datelike;
    Value::Text(format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
}

pub(crate) fn opt_date(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Null, date)
}

fn read_date(row: &Row, i: usize) -> Result<NaiveDate, StoreError> {
    let s = row.text(i)?;
    parse_stored_date(s)
        .ok_or_else(|| StoreError::Corrupt(format!("column {i}: '{s}' is not an ISO date")))
}

/// A stored `YYYY-MM-DD` date, read without a format parser (lists read
/// thousands of them).
fn parse_stored_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
    NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)
}

fn read_opt_date(row: &Row, i: usize) -> Result<Option<NaiveDate>, StoreError> {
    match row.opt_text(i)? {
        None => Ok(None),
        Some(_) => read_date(row, i).map(Some),
    }
}

fn read_code<C: CodeList>(row: &Row, i: usize) -> Result<C, StoreError> {
    C::parse_code(row.text(i)?).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn read_opt_code<C: CodeList>(row: &Row, i: usize) -> Result<Option<C>, StoreError> {
    match row.opt_text(i)? {
        None => Ok(None),
        Some(_) => read_code(row, i).map(Some),
    }
}

fn read_parsed<T, E: std::fmt::Display>(
    row: &Row,
    i: usize,
    parse: impl Fn(&str) -> Result<T, E>,
) -> Result<Option<T>, StoreError> {
    row.opt_text(i)?
        .map(|s| parse(s).map_err(|e| StoreError::Corrupt(e.to_string())))
        .transpose()
}

fn child_row(journey: &CareJourney, census: &[CensusYear]) -> Vec<Value> {
    let c = journey.child();
    let next = next_deadline(journey, census);
    let next = next.as_ref();
    let current = journey.current_episode();
    let period_start = current.and_then(|_| journey.period_start(journey.episodes().len() - 1));
    vec![
        Value::from(c.id.as_str()),
        Value::from(c.name.given.as_str()),
        Value::from(c.name.family.as_str()),
        code(c.sex),
        date(c.date_of_birth),
        code(c.ethnicity),
        Value::from(c.pupil_number.as_ref().map(PupilNumber::as_return_value)),
        Value::from(c.disabled),
        Value::from(c.uasc.is_some()),
        opt_date(c.uasc.and_then(|u| u.ceased)),
        Value::from(current.is_some()),
        opt_date(period_start),
        Value::from(current.map(|e| e.legal_status.code())),
        Value::from(current.map(|e| e.placement.placement_type.code())),
        Value::from(
            journey
                .social_workers()
                .last()
                .map(|s| s.worker_id.as_str()),
        ),
        opt_date(next.map(|d| d.due)),
        Value::from(next.map(|d| d.rule.id)),
        Value::from(next.map(|d| d.rule.title)),
    ]
}

/// A journey's next open deadline: a function of the journey, what its
/// years of the return state (an adoption decision, a match) and the rules
/// alone (how it stands depends on the day, its due date does not).
pub fn next_deadline(
    journey: &CareJourney,
    census: &[CensusYear],
) -> Option<domain::deadlines::Deadline> {
    let mut events = journey.events();
    events.extend(census.iter().flat_map(CensusYear::events));
    events.sort();
    events.dedup();
    let facts = domain::deadlines::SubjectFacts {
        date_of_birth: Some(journey.child().date_of_birth),
    };
    domain::deadlines::open_deadlines(&domain::deadline_rules::RULES, &events, facts)
        .into_iter()
        .min_by_key(|d| d.due)
}

fn episode_row(e: &Episode) -> Vec<Value> {
    vec![
        date(e.start),
        code(e.reason_new_episode),
        code(e.legal_status),
        code(e.category_of_need),
        code(e.placement.placement_type),
        // The column is required; a temporary placement's blank provider is ''.
        Value::from(e.placement.provider.map_or("", CodeList::code)),
        Value::from(e.placement.postcode.as_ref().map(Postcode::as_str)),
        Value::from(e.placement.urn.as_ref().map(Urn::as_str)),
        opt_date(e.end.map(|x| x.date)),
        Value::from(e.end.map(|x| x.reason.code())),
        Value::from(e.reason_placement_change.map(CodeList::code)),
        Value::from(e.home_postcode.as_ref().map(Postcode::as_str)),
    ]
}

fn read_episode(r: &Row) -> Result<Episode, StoreError> {
    let end = match (read_opt_date(r, 8)?, read_opt_code(r, 9)?) {
        (Some(date), Some(reason)) => Some(EpisodeEnd { date, reason }),
        (None, None) => None,
        _ => {
            return Err(StoreError::Corrupt(
                "an episode has an end date without a reason, or a reason without a date".into(),
            ));
        }
    };
    Ok(Episode {
        start: read_date(r, 0)?,
        reason_new_episode: read_code(r, 1)?,
        legal_status: read_code(r, 2)?,
        category_of_need: read_code(r, 3)?,
        placement: Placement {
            placement_type: read_code(r, 4)?,
            provider: match r.text(5)? {
                "" => None,
                _ => Some(read_code(r, 5)?),
            },
            postcode: read_parsed(r, 6, Postcode::parse)?,
            urn: read_parsed(r, 7, Urn::parse)?,
        },
        end,
        reason_placement_change: read_opt_code(r, 10)?,
        home_postcode: read_parsed(r, 11, Postcode::parse)?,
    })
}

fn review_row(r: &Review) -> Vec<Value> {
    vec![date(r.date), code(r.participation)]
}

fn read_review(r: &Row) -> Result<Review, StoreError> {
    Ok(Review {
        date: read_date(r, 0)?,
        participation: read_code(r, 1)?,
    })
}

fn missing_row(m: &MissingEpisode) -> Vec<Value> {
    vec![code(m.kind), date(m.start), opt_date(m.end)]
}

fn read_missing(r: &Row) -> Result<MissingEpisode, StoreError> {
    Ok(MissingEpisode {
        kind: read_code(r, 0)?,
        start: read_date(r, 1)?,
        end: read_opt_date(r, 2)?,
    })
}

fn social_worker_row(s: &SocialWorkerEpisode) -> Vec<Value> {
    vec![
        Value::from(s.worker_id.as_str()),
        date(s.start),
        opt_date(s.end.map(|e| e.0)),
        Value::from(s.end.map(|e| e.1).or(s.open_reason).map(CodeList::code)),
    ]
}

fn read_social_worker(r: &Row) -> Result<SocialWorkerEpisode, StoreError> {
    let mut open_reason = None;
    let end = match (read_opt_date(r, 2)?, read_opt_code(r, 3)?) {
        (Some(d), Some(reason)) => Some((d, reason)),
        (None, reason) => {
            open_reason = reason;
            None
        }
        _ => {
            return Err(StoreError::Corrupt(
                "a social worker episode has an end date without a reason".into(),
            ));
        }
    };
    Ok(SocialWorkerEpisode {
        worker_id: r.text(0)?.to_owned(),
        start: read_date(r, 1)?,
        end,
        open_reason,
    })
}

fn activity_row(a: &Event) -> Vec<Value> {
    vec![Value::from(a.kind.name()), date(a.date)]
}

fn read_activity(r: &Row) -> Result<Event, StoreError> {
    let name = r.text(0)?;
    let kind = EventKind::parse(name)
        .ok_or_else(|| StoreError::Corrupt(format!("'{name}' is not a kind of activity")))?;
    Ok(Event {
        kind,
        date: read_date(r, 1)?,
    })
}

fn sibling_row(s: &ChildId) -> Vec<Value> {
    vec![Value::from(s.as_str())]
}

fn read_sibling(r: &Row) -> Result<ChildId, StoreError> {
    ChildId::parse(r.text(0)?).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// The rows of every child-owned table for one journey, in table order.
fn owned_rows(journey: &CareJourney) -> [(&'static Table, Vec<Vec<Value>>); 6] {
    [
        (
            &EPISODES,
            journey.episodes().iter().map(episode_row).collect(),
        ),
        (&REVIEWS, journey.reviews().iter().map(review_row).collect()),
        (
            &MISSING,
            journey.missing().iter().map(missing_row).collect(),
        ),
        (
            &SOCIAL_WORKERS,
            journey
                .social_workers()
                .iter()
                .map(social_worker_row)
                .collect(),
        ),
        (
            &SIBLINGS,
            journey.siblings().iter().map(sibling_row).collect(),
        ),
        (
            &ACTIVITIES,
            journey.activities().iter().map(activity_row).collect(),
        ),
    ]
}

/// A row keyed by child and position, with version 1, ready to insert.
fn keyed(child: &ChildId, seq: usize, row: Vec<Value>) -> Vec<Value> {
    let mut full = Vec::with_capacity(row.len() + 3);
    full.push(Value::from(child.as_str()));
    full.push(Value::Int(seq as i64 + 1));
    full.extend(row);
    full.push(Value::Int(1));
    full
}

fn full_columns(table: &Table) -> Vec<&'static str> {
    let mut cols = vec!["child_id", "seq"];
    cols.extend_from_slice(table.columns);
    cols.push("version");
    cols
}

impl Tx<'_> {
    /// Journeys of every child, or of the children given, with one query per
    /// table: each child-owned table is read in one pass, ordered like the
    /// children, and merged.
    pub(crate) fn journeys_where(
        &mut self,
        which: Which<'_>,
    ) -> Result<Vec<Versioned<CareJourney>>, StoreError> {
        let params: Vec<Value> = match which {
            Which::All => Vec::new(),
            Which::Ids(ids) => ids.iter().map(|id| Value::from(id.as_str())).collect(),
            Which::Team(team) => vec![Value::from(team)],
        };
        let placeholders: Vec<String> = (1..=params.len()).map(|i| format!("${i}")).collect();
        let filter = |column: &str| match which {
            Which::Ids(_) => format!(" WHERE {column} IN ({})", placeholders.join(", ")),
            Which::Team(_) => format!(" WHERE {column} IN ({})", team_children()),
            Which::All => String::new(),
        };
        let children = self.conn.query(
            &format!(
                "SELECT {CHILD_READ}, id FROM children{} ORDER BY id",
                filter("id")
            ),
            &params,
        )?;
        let mut tables: Vec<(Vec<Row>, usize)> = Vec::with_capacity(OWNED.len());
        for table in OWNED {
            let sql = format!(
                "SELECT {}, child_id FROM {}{} ORDER BY child_id, seq",
                table.columns.join(", "),
                table.name,
                filter("child_id")
            );
            tables.push((self.conn.query(&sql, &params)?, 0));
        }
        let mut out = Vec::with_capacity(children.len());
        for r in &children {
            let id_text = r.text(CHILD_READ_COLUMNS)?;
            let id = ChildId::parse(id_text).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let mut parts = Vec::with_capacity(OWNED.len());
            for (table, (rows, cursor)) in OWNED.iter().zip(tables.iter_mut()) {
                let start = *cursor;
                while *cursor < rows.len() && rows[*cursor].text(table.columns.len())? == id_text {
                    *cursor += 1;
                }
                parts.push(rows[start..*cursor].to_vec());
            }
            out.push(assemble(id, r, parts)?);
        }
        Ok(out)
    }

    fn owned(&mut self, table: &Table, id: &ChildId) -> Result<Vec<Row>, StoreError> {
        let sql = format!(
            "SELECT {} FROM {} WHERE child_id = $1 ORDER BY seq",
            table.columns.join(", "),
            table.name
        );
        self.conn.query(&sql, &[Value::from(id.as_str())])
    }

    /// Brings one child-owned table in line with `rows`: unchanged rows are
    /// left alone, changed rows are updated with their version raised, new
    /// rows are inserted at version 1 and rows no longer present are deleted.
    fn sync_owned(
        &mut self,
        table: &Table,
        id: &ChildId,
        rows: Vec<Vec<Value>>,
    ) -> Result<(), StoreError> {
        let existing = self.owned(table, id)?;
        let assignments: Vec<String> = table
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ${}", i + 3))
            .collect();
        let update = format!(
            "UPDATE {} SET {}, version = version + 1 WHERE child_id = $1 AND seq = $2",
            table.name,
            assignments.join(", ")
        );
        let mut inserts = Vec::new();
        for (seq, row) in rows.into_iter().enumerate() {
            match existing.get(seq) {
                Some(old) if old.0 == row => {}
                Some(_) => {
                    let mut params = vec![Value::from(id.as_str()), Value::Int(seq as i64 + 1)];
                    params.extend(row);
                    self.conn.execute(&update, &params)?;
                }
                None => inserts.push(keyed(id, seq, row)),
            }
        }
        insert_many(self.conn, table.name, &full_columns(table), inserts)?;
        Ok(())
    }

    fn delete_owned_beyond(
        &mut self,
        table: &Table,
        id: &ChildId,
        len: usize,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            &format!(
                "DELETE FROM {} WHERE child_id = $1 AND seq > $2",
                table.name
            ),
            &[Value::from(id.as_str()), Value::Int(len as i64)],
        )?;
        Ok(())
    }

    fn child_version(&mut self, id: &ChildId) -> Result<Option<i64>, StoreError> {
        let rows = self.conn.query(
            "SELECT version FROM children WHERE id = $1",
            &[Value::from(id.as_str())],
        )?;
        rows.first().map(|r| r.int(0)).transpose()
    }
}

impl Tx<'_> {
    /// The version of each of a child's rows in a child-owned table, in
    /// order (for checks that only changed rows were rewritten).
    pub fn row_versions(&mut self, table: &str, id: &ChildId) -> Result<Vec<i64>, StoreError> {
        let table =
            OWNED
                .into_iter()
                .find(|t| t.name == table)
                .ok_or_else(|| StoreError::NotFound {
                    record: format!("table {table}"),
                })?;
        let sql = format!(
            "SELECT version FROM {} WHERE child_id = $1 ORDER BY seq",
            table.name
        );
        self.conn
            .query(&sql, &[Value::from(id.as_str())])?
            .iter()
            .map(|r| r.int(0))
            .collect()
    }
}

fn record(id: &ChildId) -> String {
    format!("child {id}")
}

fn child_insert_rows(journey: &CareJourney, at: &Value) -> Vec<Value> {
    let mut row = child_row(journey, &[]);
    row.extend([Value::Int(1), at.clone(), at.clone()]);
    row
}

fn child_insert_columns() -> Vec<&'static str> {
    let mut cols = CHILD_COLUMNS.to_vec();
    cols.extend(["version", "created_at", "updated_at"]);
    cols
}

/// Saves the journeys' episodes, reviews and other owned rows, one
/// statement per table for all of them (new children, or children whose
/// rows were just deleted).
fn insert_owned(tx: &mut Tx<'_>, journeys: &[CareJourney]) -> Result<(), StoreError> {
    let mut tables: Vec<(&Table, Vec<Vec<Value>>)> = Vec::new();
    for journey in journeys {
        for (i, (table, rows)) in owned_rows(journey).into_iter().enumerate() {
            if tables.len() <= i {
                tables.push((table, Vec::new()));
            }
            tables[i].1.extend(
                rows.into_iter()
                    .enumerate()
                    .map(|(seq, r)| keyed(journey.id(), seq, r)),
            );
        }
    }
    for (table, rows) in tables {
        insert_many(tx.conn, table.name, &full_columns(table), rows)?;
    }
    Ok(())
}

impl ChildRepository for Tx<'_> {
    fn insert_journey(&mut self, journey: &CareJourney, at: Timestamp) -> Result<(), StoreError> {
        if self.child_version(journey.id())?.is_some() {
            return Err(StoreError::AlreadyExists {
                record: record(journey.id()),
            });
        }
        self.insert_journeys(std::slice::from_ref(journey), at)?;
        Ok(())
    }

    fn insert_journeys(
        &mut self,
        journeys: &[CareJourney],
        at: Timestamp,
    ) -> Result<u64, StoreError> {
        let at = Value::Text(at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
        let n = insert_many(
            self.conn,
            "children",
            &child_insert_columns(),
            journeys.iter().map(|j| child_insert_rows(j, &at)),
        )?;
        insert_owned(self, journeys)?;
        Ok(n)
    }

    fn journey(&mut self, id: &ChildId) -> Result<Option<Versioned<CareJourney>>, StoreError> {
        let sql = format!("SELECT {CHILD_READ} FROM children WHERE id = $1");
        let rows = self.conn.query(&sql, &[Value::from(id.as_str())])?;
        let Some(r) = rows.first() else {
            return Ok(None);
        };
        let mut parts = Vec::with_capacity(OWNED.len());
        for table in OWNED {
            parts.push(self.owned(table, id)?);
        }
        assemble(id.clone(), r, parts).map(Some)
    }

    fn all_journeys(&mut self) -> Result<Vec<Versioned<CareJourney>>, StoreError> {
        self.journeys_where(Which::All)
    }

    fn journeys(&mut self, ids: &[ChildId]) -> Result<Vec<Versioned<CareJourney>>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        self.journeys_where(Which::Ids(ids))
    }

    fn update_journey(
        &mut self,
        journey: &CareJourney,
        expected_version: i64,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        let id = journey.id();
        let assignments: Vec<String> = CHILD_COLUMNS[1..]
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ${}", i + 3))
            .collect();
        let sql = format!(
            "UPDATE children SET {}, version = version + 1, updated_at = ${}
             WHERE id = $1 AND version = $2",
            assignments.join(", "),
            CHILD_COLUMNS.len() + 2
        );
        let mut params = vec![Value::from(id.as_str()), Value::Int(expected_version)];
        let census = self.census_of(id)?;
        params.extend(child_row(journey, &census).into_iter().skip(1));
        params.push(Value::Text(
            at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        ));
        if self.conn.execute(&sql, &params)? == 0 {
            return Err(match self.child_version(id)? {
                Some(found) => StoreError::Stale {
                    record: record(id),
                    expected: expected_version,
                    found,
                },
                None => StoreError::NotFound { record: record(id) },
            });
        }
        for (table, rows) in owned_rows(journey) {
            let len = rows.len();
            self.delete_owned_beyond(table, id, len)?;
            self.sync_owned(table, id, rows)?;
        }
        Ok(expected_version + 1)
    }

    fn list_children(
        &mut self,
        filter: ChildFilter,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<ChildSummary>, StoreError> {
        let sql = format!(
            "SELECT {SUMMARY} FROM children c{} ORDER BY c.family_name, c.given_name, c.id LIMIT $1 OFFSET $2",
            filter.condition()
        );
        let rows = self
            .conn
            .query(&sql, &[Value::Int(limit), Value::Int(offset)])?;
        rows.iter().map(read_summary).collect()
    }

    fn search_children(
        &mut self,
        search: &ChildSearch,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<ChildSummary>, i64), StoreError> {
        search::search(self, search, offset, limit)
    }

    fn child_team(&mut self, id: &ChildId) -> Result<Option<String>, StoreError> {
        let rows = self.conn.query(
            "SELECT w.team FROM children c JOIN workers w ON w.id = c.worker_id WHERE c.id = $1",
            &[Value::from(id.as_str())],
        )?;
        rows.first()
            .map(|r| r.text(0).map(str::to_owned))
            .transpose()
    }

    fn refresh_next_deadlines(&mut self) -> Result<usize, StoreError> {
        let journeys = self.all_journeys()?;
        let census = self.all_census()?;
        for j in &journeys {
            let years = census.get(j.value.id()).map_or(&[][..], Vec::as_slice);
            self.set_next_deadline(j.value.id(), next_deadline(&j.value, years).as_ref())?;
        }
        Ok(journeys.len())
    }

    fn setting(&mut self, name: &str) -> Result<Option<String>, StoreError> {
        let rows = self.conn.query(
            "SELECT value FROM settings WHERE name = $1",
            &[Value::from(name)],
        )?;
        rows.first()
            .map(|r| r.text(0).map(str::to_owned))
            .transpose()
    }

    fn set_setting(&mut self, name: &str, value: &str) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM settings WHERE name = $1", &[Value::from(name)])?;
        self.conn.execute(
            "INSERT INTO settings (name, value) VALUES ($1, $2)",
            &[Value::from(name), Value::from(value)],
        )?;
        Ok(())
    }

    fn count_children(&mut self, filter: ChildFilter) -> Result<i64, StoreError> {
        let sql = format!("SELECT COUNT(*) FROM children c{}", filter.condition());
        self.conn.query(&sql, &[])?[0].int(0)
    }
}

/// The columns of a child's summary (table alias `c`), as [`read_summary`] reads them.
const SUMMARY: &str = "c.id, c.given_name, c.family_name, c.date_of_birth, c.in_care, c.period_start, \
     c.legal_status, c.placement_type, c.next_deadline_due, c.next_deadline_rule, c.next_deadline_title";

/// The columns read for a child, in the order [`assemble`] expects.
const CHILD_READ: &str = "given_name, family_name, sex, date_of_birth, ethnicity, pupil_number, disabled, uasc, uasc_ceased, version";
const CHILD_READ_COLUMNS: usize = 10;

/// A journey from its child row and the rows of each child-owned table (in [`OWNED`] order).
fn assemble(
    id: ChildId,
    r: &Row,
    parts: Vec<Vec<Row>>,
) -> Result<Versioned<CareJourney>, StoreError> {
    let child = Child {
        id,
        name: PersonName {
            given: r.text(0)?.to_owned(),
            family: r.text(1)?.to_owned(),
        },
        sex: read_code(r, 2)?,
        date_of_birth: read_date(r, 3)?,
        ethnicity: read_code(r, 4)?,
        pupil_number: read_parsed(r, 5, PupilNumber::parse)?,
        disabled: r.int(6)? != 0,
        uasc: (r.int(7)? != 0)
            .then(|| read_opt_date(r, 8).map(|ceased| UascStatus { ceased }))
            .transpose()?,
    };
    let version = r.int(9)?;
    let [
        episodes,
        reviews,
        missing,
        social_workers,
        siblings,
        activities,
    ]: [Vec<Row>; 6] = parts
        .try_into()
        .map_err(|_| StoreError::Corrupt("a journey needs every child-owned table".into()))?;
    let record_name = record(&child.id);
    // Stored journeys were checked when written; the check of dates against
    // today is not repeated on reading, so no clock is needed here.
    let activities = read_all(activities, read_activity)?;
    let journey = CareJourney::build(
        child,
        read_all(episodes, read_episode)?,
        read_all(reviews, read_review)?,
        read_all(missing, read_missing)?,
        read_all(social_workers, read_social_worker)?,
        read_all(siblings, read_sibling)?,
        NaiveDate::MAX,
    )
    .and_then(|j| j.with_activities(activities, NaiveDate::MAX))
    .map_err(|e| StoreError::Corrupt(format!("{record_name}: {e}")))?;
    Ok(Versioned {
        value: journey,
        version,
    })
}

/// A summary from `id, given_name, family_name, date_of_birth, in_care,
/// period_start, legal_status, placement_type, next_deadline_due,
/// next_deadline_rule, next_deadline_title` (the columns of [`SUMMARY`]).
fn read_summary(r: &Row) -> Result<ChildSummary, StoreError> {
    Ok(ChildSummary {
        id: ChildId::parse(r.text(0)?).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        name: PersonName {
            given: r.text(1)?.to_owned(),
            family: r.text(2)?.to_owned(),
        },
        date_of_birth: read_date(r, 3)?,
        in_care: r.int(4)? != 0,
        period_start: read_opt_date(r, 5)?,
        legal_status: read_opt_code(r, 6)?,
        placement_type: read_opt_code(r, 7)?,
        team: None,
        worker: None,
        next_deadline: match (read_opt_date(r, 8)?, r.opt_text(9)?, r.opt_text(10)?) {
            (Some(due), Some(rule), Some(title)) => Some((due, rule.to_owned(), title.to_owned())),
            _ => None,
        },
    })
}

fn read_all<T>(
    rows: Vec<Row>,
    read: impl Fn(&Row) -> Result<T, StoreError>,
) -> Result<Vec<T>, StoreError> {
    rows.iter().map(read).collect()
}
