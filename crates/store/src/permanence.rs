//! Permanence records (plans, panel referrals, meetings, forums, IRO issues)
//! kept as versioned JSON documents, with the columns lists filter on, and
//! the tracking table: one row of facts per child for the tracking page.
//!
//! A document's kind names its record type; its identifier is unique within
//! the kind. Updates carry the version the person saw, as journeys do.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::sql::{Row, Value, insert_many};
use crate::{StoreError, Tx, Versioned};

/// The kinds of permanence record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    Plan,
    Referral,
    Meeting,
    Forum,
    IroIssue,
    PlanChange,
    WorkflowCase,
    /// An activity recorded for a child (a visit, a health assessment ...).
    Activity,
    /// A review amended or withdrawn: what it was, and why it changed.
    ReviewChange,
    /// A case note on a child's chronology.
    CaseNote,
    /// A financial year's governance reporting calendar (TRACK-008).
    GovernanceCalendar,
    /// A support plan for a permanence option (PLAN-010, DATA-008).
    SupportPlan,
    /// A Child Decision Making Panel decision (PANEL-018).
    CdmDecision,
    /// A child's placement as permanence planning records it (PLAN-014,
    /// PRIN-013, PRIN-014, PRIN-023, TRACK-005, DATA-003).
    Placement,
    /// The IRO's monitoring at a Review of Arrangements (TRACK-006,
    /// TRACK-012).
    ReviewMonitoring,
    /// A Pack A or Pack F family-finding request and its record (ROLE-008).
    FamilyFinding,
    /// A Contact Agreement linked to a plan (PRIN-015, DATA-009).
    ContactAgreement,
    /// A record the agency keeps about itself (a Statement of Purpose, a
    /// free online course: GOV-029, TRAIN-002).
    AgencyRecord,
    /// A complaint (WF-CMPL).
    Complaint,
    /// A child's information-sharing log, never edited (DATA-006).
    InformationShareLog,
    /// The team around a child in care (ROLE-011).
    TeamAroundChild,
    /// An adopter's case beside their household's `Adopter` role (WF-ADOPTER).
    AdopterCase,
    /// A family's Permanence Passport: what was recorded for it and every
    /// version written (PASS-001), one per household.
    Passport,
    /// The passport's configured rules with their citations of the legal
    /// framework register (PASS-011), one for the council.
    PassportConfiguration,
    /// A child's Letterbox on their Contact Agreement (WF-LETTERBOX).
    Letterbox,
    /// A child's missing episodes and what follows them (WF-MISSING).
    MissingRecord,
    /// A foster carer's particulars beside their household's role
    /// (WF-FOST-APPLICANT, WF-FOST-REVIEW, FOST-029).
    FosterCarer,
    /// A care leaver's record and Pathway Plan (LEAVE-004, LEAVE-101).
    CareLeaver,
    /// The care leavers' service: SYPAC sessions and feedback (LEAVE-012, LEAVE-013).
    LeavingCareService,
    /// A child's education record kept by the Virtual School (EDU-010).
    Education,
    /// A child's health and therapeutic support referrals (HLTH-002).
    HealthSupport,
    /// A child's adoption pathway and family finding (ADOPT-001 .. 026).
    AdoptionPathway,
    /// The regional adoption agency and the council's records beside it (RAA).
    RegionalAgency,
    /// An adoption match, from the expression of interest to the order
    /// (WF-ADOPT-MATCH).
    AdoptionMatch,
    /// A compliment, a recurring theme or a year's complaints report
    /// (CMPL-016, CMPL-018, CMPL-021): its stage column says which.
    ComplaintsRecord,
    /// A request to the adoption service about contact or identity
    /// (CONT-004, CONT-005, CONT-012 ... CONT-016).
    AdoptionServiceRequest,
    /// A missing episode of a child the council does not look after, as the
    /// police tell it (MISS-005, MISS-008).
    MissingNotification,
    /// A family's assessments of need, support plans, check-ins and the
    /// rest of the offer (WF-ADOPT-ASSESS, WF-SUPPORT-PLAN, WF-CHECKIN),
    /// one per household.
    SupportCase,
    /// A child's life story work and Letter for Life (CONT-001 … CONT-003).
    LifeStory,
    /// The carers' training and events programme: courses, newsletters,
    /// events, surveys and the offer's review (TRAIN-001 … TRAIN-010, SG-008).
    TrainingProgramme,
}

impl RecordKind {
    pub fn code(self) -> &'static str {
        match self {
            RecordKind::Plan => "plan",
            RecordKind::Referral => "referral",
            RecordKind::Meeting => "meeting",
            RecordKind::Forum => "forum",
            RecordKind::IroIssue => "iro_issue",
            RecordKind::PlanChange => "plan_change",
            RecordKind::WorkflowCase => "workflow_case",
            RecordKind::Activity => "activity",
            RecordKind::ReviewChange => "review_change",
            RecordKind::CaseNote => "case_note",
            RecordKind::GovernanceCalendar => "governance_calendar",
            RecordKind::SupportPlan => "support_plan",
            RecordKind::CdmDecision => "cdm_decision",
            RecordKind::Placement => "placement",
            RecordKind::ReviewMonitoring => "review_monitoring",
            RecordKind::FamilyFinding => "family_finding",
            RecordKind::ContactAgreement => "contact_agreement",
            RecordKind::AgencyRecord => "agency_record",
            RecordKind::Complaint => "complaint",
            RecordKind::InformationShareLog => "information_share_log",
            RecordKind::TeamAroundChild => "team_around_child",
            RecordKind::AdopterCase => "adopter_case",
            RecordKind::Passport => "passport",
            RecordKind::PassportConfiguration => "passport_configuration",
            RecordKind::Letterbox => "letterbox",
            RecordKind::MissingRecord => "missing_record",
            RecordKind::FosterCarer => "foster_carer",
            RecordKind::CareLeaver => "care_leaver",
            RecordKind::LeavingCareService => "leaving_care_service",
            RecordKind::Education => "education",
            RecordKind::HealthSupport => "health_support",
            RecordKind::AdoptionPathway => "adoption_pathway",
            RecordKind::RegionalAgency => "regional_agency",
            RecordKind::AdoptionMatch => "adoption_match",
            RecordKind::ComplaintsRecord => "complaints_record",
            RecordKind::AdoptionServiceRequest => "adoption_service_request",
            RecordKind::MissingNotification => "missing_notification",
            RecordKind::SupportCase => "support_case",
            RecordKind::LifeStory => "life_story",
            RecordKind::TrainingProgramme => "training_programme",
        }
    }

    /// The kind in words.
    pub fn label(self) -> &'static str {
        match self {
            RecordKind::Plan => "Permanence plan",
            RecordKind::Referral => "Panel referral",
            RecordKind::Meeting => "Panel meeting",
            RecordKind::Forum => "Panel",
            RecordKind::IroIssue => "IRO issue",
            RecordKind::PlanChange => "Change of plan",
            RecordKind::WorkflowCase => "Case",
            RecordKind::Activity => "Activity",
            RecordKind::ReviewChange => "Review change",
            RecordKind::CaseNote => "Case note",
            RecordKind::GovernanceCalendar => "Governance calendar",
            RecordKind::SupportPlan => "Support plan",
            RecordKind::CdmDecision => "CDM decision",
            RecordKind::Placement => "Placement",
            RecordKind::ReviewMonitoring => "Review monitoring",
            RecordKind::FamilyFinding => "Family finding",
            RecordKind::ContactAgreement => "Contact Agreement",
            RecordKind::AgencyRecord => "Agency record",
            RecordKind::Complaint => "Complaint",
            RecordKind::InformationShareLog => "Information-sharing log",
            RecordKind::TeamAroundChild => "Team around the child",
            RecordKind::AdopterCase => "Adopter's case",
            RecordKind::Passport => "Permanence Passport",
            RecordKind::PassportConfiguration => "Passport configuration",
            RecordKind::Letterbox => "Letterbox",
            RecordKind::MissingRecord => "Missing record",
            RecordKind::FosterCarer => "Foster carer",
            RecordKind::CareLeaver => "Care leaver",
            RecordKind::LeavingCareService => "Care leavers' service",
            RecordKind::Education => "Education record",
            RecordKind::HealthSupport => "Health support",
            RecordKind::AdoptionPathway => "Adoption pathway",
            RecordKind::RegionalAgency => "Regional adoption agency",
            RecordKind::AdoptionMatch => "Adoption match",
            RecordKind::ComplaintsRecord => "Compliment, theme or complaints report",
            RecordKind::AdoptionServiceRequest => "Adoption service request",
            RecordKind::MissingNotification => "Missing notification",
            RecordKind::SupportCase => "Family support",
            RecordKind::LifeStory => "Life story work",
            RecordKind::TrainingProgramme => "Training programme",
        }
    }
}

/// A document with its list columns, ready to be saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record<T> {
    pub id: String,
    pub child_id: Option<String>,
    /// The workflow state (or lifecycle) code lists filter on.
    pub stage: String,
    /// The date lists sort on (meeting date, list-by date), ISO format.
    pub key_date: Option<String>,
    pub document: T,
}

/// A child's row in the tracking table: their team and the facts the
/// tracking page computes drift from, as JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackingRow {
    pub child_id: String,
    pub team: Option<String>,
    pub facts: String,
    /// Changes whenever the facts are rewritten.
    pub stamp: String,
}

/// A tracking row without its facts: enough to tell whether a copy of the
/// facts held in memory is still current.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackingStamp {
    pub child_id: String,
    pub team: Option<String>,
    pub stamp: String,
}

/// Saving and reading permanence records.
pub trait PermanenceRepository {
    /// Saves new records at version 1; an existing identifier is an error.
    fn insert_records<T: Serialize>(
        &mut self,
        kind: RecordKind,
        records: &[Record<T>],
    ) -> Result<(), StoreError>;
    /// Saves a changed record if it is still at `expected_version`; returns the new version.
    fn update_record<T: Serialize>(
        &mut self,
        kind: RecordKind,
        record: &Record<T>,
        expected_version: i64,
    ) -> Result<i64, StoreError>;
    /// One record with its version.
    fn record<T: DeserializeOwned>(
        &mut self,
        kind: RecordKind,
        id: &str,
    ) -> Result<Option<Versioned<Record<T>>>, StoreError>;
    /// A child's records of a kind, in identifier order.
    fn records_of_child<T: DeserializeOwned>(
        &mut self,
        kind: RecordKind,
        child_id: &str,
    ) -> Result<Vec<Versioned<Record<T>>>, StoreError>;
    /// Every record of a kind, optionally only at some stages, by key date then identifier.
    fn records<T: DeserializeOwned>(
        &mut self,
        kind: RecordKind,
        stages: Option<&[&str]>,
    ) -> Result<Vec<Versioned<Record<T>>>, StoreError>;
    /// A stamp of every record of a kind: it changes when one is added or
    /// saved (how many, and the sum of their versions, from an index).
    fn records_stamp(&mut self, kind: RecordKind) -> Result<String, StoreError>;
    /// How many records of a kind there are (from the index, without reading them).
    fn records_count(&mut self, kind: RecordKind) -> Result<i64, StoreError>;
    /// Replaces children's tracking rows.
    fn put_tracking(&mut self, rows: &[TrackingRow]) -> Result<(), StoreError>;
    /// Removes a child's tracking row (they left care).
    fn remove_tracking(&mut self, child_id: &str) -> Result<(), StoreError>;
    /// Every tracking row, or one team's, in child order.
    fn tracking(&mut self, team: Option<&str>) -> Result<Vec<TrackingRow>, StoreError>;
    /// Every tracking row's stamp, or one team's, in child order.
    fn tracking_stamps(&mut self, team: Option<&str>) -> Result<Vec<TrackingStamp>, StoreError>;
    /// The tracking rows of these children.
    fn tracking_of(&mut self, children: &[String]) -> Result<Vec<TrackingRow>, StoreError>;
}

const COLUMNS: &str = "id, child_id, stage, key_date, document, version";

fn to_json<T: Serialize>(doc: &T) -> Result<String, StoreError> {
    serde_json::to_string(doc).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn from_row<T: DeserializeOwned>(
    kind: RecordKind,
    r: &Row,
) -> Result<Versioned<Record<T>>, StoreError> {
    let id = r.text(0)?.to_owned();
    let document = serde_json::from_str(r.text(4)?)
        .map_err(|e| StoreError::Corrupt(format!("{} {id}: {e}", kind.label())))?;
    Ok(Versioned {
        value: Record {
            id,
            child_id: r.opt_text(1)?.map(str::to_owned),
            stage: r.text(2)?.to_owned(),
            key_date: r.opt_text(3)?.map(str::to_owned),
            document,
        },
        version: r.int(5)?,
    })
}

impl PermanenceRepository for Tx<'_> {
    fn insert_records<T: Serialize>(
        &mut self,
        kind: RecordKind,
        records: &[Record<T>],
    ) -> Result<(), StoreError> {
        if let [one] = records
            && self.record::<serde_json::Value>(kind, &one.id)?.is_some()
        {
            return Err(StoreError::AlreadyExists {
                record: format!("{} {}", kind.label(), one.id),
            });
        }
        let rows = records
            .iter()
            .map(|r| {
                Ok(vec![
                    Value::from(kind.code()),
                    Value::from(r.id.as_str()),
                    Value::from(r.child_id.clone()),
                    Value::from(r.stage.as_str()),
                    Value::from(r.key_date.clone()),
                    Value::from(to_json(&r.document)?),
                    Value::Int(1),
                ])
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        insert_many(
            self.conn,
            "permanence_records",
            &[
                "kind", "id", "child_id", "stage", "key_date", "document", "version",
            ],
            rows,
        )?;
        Ok(())
    }

    fn update_record<T: Serialize>(
        &mut self,
        kind: RecordKind,
        record: &Record<T>,
        expected_version: i64,
    ) -> Result<i64, StoreError> {
        let changed = self.conn.execute(
            "UPDATE permanence_records SET child_id = $3, stage = $4, key_date = $5, document = $6, version = version + 1
             WHERE kind = $1 AND id = $2 AND version = $7",
            &[
                Value::from(kind.code()),
                Value::from(record.id.as_str()),
                Value::from(record.child_id.clone()),
                Value::from(record.stage.as_str()),
                Value::from(record.key_date.clone()),
                Value::from(to_json(&record.document)?),
                Value::Int(expected_version),
            ],
        )?;
        if changed == 1 {
            return Ok(expected_version + 1);
        }
        let found = self.conn.query(
            "SELECT version FROM permanence_records WHERE kind = $1 AND id = $2",
            &[Value::from(kind.code()), Value::from(record.id.as_str())],
        )?;
        match found.first() {
            None => Err(StoreError::NotFound {
                record: format!("{} {}", kind.label(), record.id),
            }),
            Some(row) => Err(StoreError::Stale {
                record: format!("{} {}", kind.label(), record.id),
                expected: expected_version,
                found: row.int(0)?,
            }),
        }
    }

    fn record<T: DeserializeOwned>(
        &mut self,
        kind: RecordKind,
        id: &str,
    ) -> Result<Option<Versioned<Record<T>>>, StoreError> {
        let rows = self.conn.query(
            &format!("SELECT {COLUMNS} FROM permanence_records WHERE kind = $1 AND id = $2"),
            &[Value::from(kind.code()), Value::from(id)],
        )?;
        rows.first().map(|r| from_row(kind, r)).transpose()
    }

    fn records_of_child<T: DeserializeOwned>(
        &mut self,
        kind: RecordKind,
        child_id: &str,
    ) -> Result<Vec<Versioned<Record<T>>>, StoreError> {
        self.conn
            .query(
                &format!(
                    "SELECT {COLUMNS} FROM permanence_records WHERE child_id = $1 AND kind = $2 ORDER BY id"
                ),
                &[Value::from(child_id), Value::from(kind.code())],
            )?
            .iter()
            .map(|r| from_row(kind, r))
            .collect()
    }

    fn records<T: DeserializeOwned>(
        &mut self,
        kind: RecordKind,
        stages: Option<&[&str]>,
    ) -> Result<Vec<Versioned<Record<T>>>, StoreError> {
        let mut params = vec![Value::from(kind.code())];
        let mut sql = format!("SELECT {COLUMNS} FROM permanence_records WHERE kind = $1");
        if let Some(stages) = stages {
            if stages.is_empty() {
                return Ok(Vec::new());
            }
            let marks: Vec<String> = (0..stages.len()).map(|i| format!("${}", i + 2)).collect();
            sql.push_str(&format!(" AND stage IN ({})", marks.join(", ")));
            params.extend(stages.iter().map(|s| Value::from(*s)));
        }
        sql.push_str(" ORDER BY key_date, id");
        self.conn
            .query(&sql, &params)?
            .iter()
            .map(|r| from_row(kind, r))
            .collect()
    }

    fn records_stamp(&mut self, kind: RecordKind) -> Result<String, StoreError> {
        let rows = self.conn.query(
            "SELECT COUNT(*), CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM permanence_records WHERE kind = $1",
            &[Value::from(kind.code())],
        )?;
        let r = &rows[0];
        Ok(format!("{}:{}", r.int(0)?, r.int(1)?))
    }

    fn records_count(&mut self, kind: RecordKind) -> Result<i64, StoreError> {
        let rows = self.conn.query(
            "SELECT COUNT(*) FROM permanence_records WHERE kind = $1",
            &[Value::from(kind.code())],
        )?;
        rows[0].int(0)
    }

    fn put_tracking(&mut self, rows: &[TrackingRow]) -> Result<(), StoreError> {
        if let [one] = rows {
            self.remove_tracking(&one.child_id)?;
        } else if !rows.is_empty() {
            self.conn.execute("DELETE FROM permanence_tracking", &[])?;
        }
        insert_many(
            self.conn,
            "permanence_tracking",
            &["child_id", "team", "facts", "stamp"],
            rows.iter().map(|r| {
                vec![
                    Value::from(r.child_id.as_str()),
                    Value::from(r.team.clone()),
                    Value::from(r.facts.as_str()),
                    Value::from(r.stamp.as_str()),
                ]
            }),
        )?;
        Ok(())
    }

    fn remove_tracking(&mut self, child_id: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM permanence_tracking WHERE child_id = $1",
            &[Value::from(child_id)],
        )?;
        Ok(())
    }

    fn tracking(&mut self, team: Option<&str>) -> Result<Vec<TrackingRow>, StoreError> {
        let rows = match team {
            Some(team) => self.conn.query(
                "SELECT child_id, team, facts, stamp FROM permanence_tracking WHERE team = $1 ORDER BY child_id",
                &[Value::from(team)],
            )?,
            None => self.conn.query(
                "SELECT child_id, team, facts, stamp FROM permanence_tracking ORDER BY child_id",
                &[],
            )?,
        };
        rows.iter()
            .map(|r| {
                Ok(TrackingRow {
                    child_id: r.text(0)?.to_owned(),
                    team: r.opt_text(1)?.map(str::to_owned),
                    facts: r.text(2)?.to_owned(),
                    stamp: r.text(3)?.to_owned(),
                })
            })
            .collect()
    }

    fn tracking_stamps(&mut self, team: Option<&str>) -> Result<Vec<TrackingStamp>, StoreError> {
        let rows = match team {
            Some(team) => self.conn.query(
                "SELECT child_id, team, stamp FROM permanence_tracking WHERE team = $1 ORDER BY child_id",
                &[Value::from(team)],
            )?,
            None => self.conn.query(
                "SELECT child_id, team, stamp FROM permanence_tracking ORDER BY child_id",
                &[],
            )?,
        };
        rows.iter()
            .map(|r| {
                Ok(TrackingStamp {
                    child_id: r.text(0)?.to_owned(),
                    team: r.opt_text(1)?.map(str::to_owned),
                    stamp: r.text(2)?.to_owned(),
                })
            })
            .collect()
    }

    fn tracking_of(&mut self, children: &[String]) -> Result<Vec<TrackingRow>, StoreError> {
        let mut out = Vec::with_capacity(children.len());
        for chunk in children.chunks(500) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let params: Vec<Value> = chunk.iter().map(|c| Value::from(c.as_str())).collect();
            for r in self.conn.query(
                &format!(
                    "SELECT child_id, team, facts, stamp FROM permanence_tracking WHERE child_id IN ({})",
                    marks.join(", ")
                ),
                &params,
            )? {
                out.push(TrackingRow {
                    child_id: r.text(0)?.to_owned(),
                    team: r.opt_text(1)?.map(str::to_owned),
                    facts: r.text(2)?.to_owned(),
                    stamp: r.text(3)?.to_owned(),
                });
            }
        }
        Ok(out)
    }
}
