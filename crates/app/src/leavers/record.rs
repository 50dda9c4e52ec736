//! A young person's leaving-care record: opened with their status on the
//! day (LEAVE-001, LEAVE-101 to LEAVE-104), its flags and whether a Pathway
//! Carer may be matched (LEAVE-107); changed one entry at a time, each in
//! one transaction with its audit event (the entry's kind and date only).

use chrono::NaiveDate;
use domain::access::User;
use domain::child::ChildId;
use domain::journey::CareJourney;
use domain::leavers::record::{CareLeaverRecord, Flag, LeaverChange, flags};
use domain::leavers::status::{self, LeavingCareStatus, periods_of};
use domain::time::Clock;
use store::{RecordKind, Store, Versioned};

use crate::AppError;
use crate::child_documents::{self, ChildDocument, Kept};

pub(crate) const LEAVER: Kept = Kept {
    kind: RecordKind::CareLeaver,
    suffix: "LEAVE",
    record_type: "care_leaver",
    audit_prefix: "LEAVE",
};

impl ChildDocument for CareLeaverRecord {
    fn fresh(child: &ChildId) -> Self {
        CareLeaverRecord {
            child_id: child.to_string(),
            ..Default::default()
        }
    }
}

/// What a young person's leaving-care page shows.
#[derive(Debug, Clone)]
pub struct LeaverView {
    pub journey: Versioned<CareJourney>,
    pub record: CareLeaverRecord,
    pub version: i64,
    pub status: Option<LeavingCareStatus>,
    /// LEAVE-101: the day the Pathway Plan requirement began.
    pub since: Option<NaiveDate>,
    pub care_leaver: bool,
    pub flags: Vec<Flag>,
    /// LEAVE-107: a Pathway Carer may be matched today.
    pub pathway_carer: bool,
    /// LEAVE-014: the service that owns the allocated team.
    pub service: Option<&'static str>,
}

/// The leaving-care facts of a journey and record on a day.
pub(crate) fn view_of(
    journey: Versioned<CareJourney>,
    record: CareLeaverRecord,
    version: i64,
    today: NaiveDate,
) -> LeaverView {
    let j = &journey.value;
    let dob = j.child().date_of_birth;
    let periods = periods_of(j);
    let uasc = j.child().uasc.is_some();
    LeaverView {
        status: status::status_on(dob, &periods, today),
        since: status::status_since(dob, &periods, today),
        care_leaver: status::is_care_leaver(dob, &periods, today),
        flags: flags(&record, (dob, &periods, uasc), today),
        pathway_carer: j.in_care_on(today) && status::may_match_pathway_carer(dob, today),
        service: record
            .team
            .as_deref()
            .and_then(domain::leavers::record::owning_service),
        journey,
        record,
        version,
    }
}

/// A young person's leaving-care record; the read audited.
pub fn care_leaver(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    from: &str,
) -> Result<LeaverView, AppError> {
    let (journey, record, version) =
        child_documents::read::<CareLeaverRecord>(store, (user, clock, from), LEAVER, child)?;
    Ok(view_of(journey, record, version, clock.today()))
}

/// Makes a change to a young person's leaving-care record, if the user's
/// role makes it and the record is at the version they saw.
pub fn change_care_leaver(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (child, version): (&ChildId, i64),
    change: LeaverChange,
    from: &str,
) -> Result<i64, AppError> {
    if !LeaverChange::may_make(change.code(), user.role) {
        return Err(AppError::Forbidden(
            "make this change to a care leaver's record",
        ));
    }
    let code = change.code();
    let today = clock.today();
    child_documents::change::<CareLeaverRecord>(
        store,
        (user, clock, from),
        LEAVER,
        child,
        version,
        code,
        "change this care leaver's record",
        |record, journey| {
            let dob = journey.child().date_of_birth;
            let periods = periods_of(journey);
            record.apply(change, &user.username, (dob, &periods, today))?;
            Ok(serde_json::json!({ "change": code }))
        },
    )
}

/// Loads the demo council's care leaver records.
pub fn load_care_leavers(
    store: &Store,
    actor: &domain::audit::Actor,
    clock: &dyn Clock,
    records: &[(ChildId, CareLeaverRecord)],
) -> Result<usize, AppError> {
    child_documents::load(store, actor, clock, LEAVER, records)
}
