//! Education use cases, with the same names as `domain::education` and
//! `web::education`: a child's education record (the Virtual School's
//! view of one child) and the Virtual School's page across its roll.

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::child::ChildId;
use domain::codes::CareExit;
use domain::education::record::{
    EducationChange, EducationRecord, Pupil, counted_at_census, eypp_window, free_place_at_two,
    information_pack, on_virtual_school_roll, prompts,
};
use domain::journey::CareJourney;
use domain::leavers::record::{Activity, CareLeaverRecord};
use domain::time::Clock;
use store::{AuditLog, ChildRepository, RecordKind, Store, Versioned};

use crate::AppError;
use crate::child_documents::{self, ChildDocument, Kept};
use crate::permanence::{actor_of, audit};

const EDUCATION: Kept = Kept {
    kind: RecordKind::Education,
    suffix: "EDU",
    record_type: "education",
    audit_prefix: "EDU",
};

impl ChildDocument for EducationRecord {
    fn fresh(child: &ChildId) -> Self {
        EducationRecord {
            child_id: child.to_string(),
            ..Default::default()
        }
    }
}

/// EDU-003: the pupil as the education rules read them: looked after
/// today, or adopted from care on the day the adoption order ended care.
pub fn pupil_of(journey: &CareJourney, today: NaiveDate) -> Pupil {
    let adopted_on = journey
        .periods_of_care()
        .into_iter()
        .filter_map(|(_, end)| end)
        .filter(|e| e.reason.exit() == Some(CareExit::Adoption))
        .map(|e| e.date)
        .next_back();
    Pupil {
        dob: journey.child().date_of_birth,
        // Looked after until the day care ceased (an order's day ends it).
        looked_after: journey
            .episodes()
            .iter()
            .any(|e| e.start <= today && e.end.is_none_or(|x| today < x.date)),
        adopted_on,
    }
}

/// What a child's education page shows.
#[derive(Debug, Clone)]
pub struct EducationView {
    pub journey: Versioned<CareJourney>,
    pub record: EducationRecord,
    pub version: i64,
    pub pupil: Pupil,
    pub on_roll: bool,
    pub prompts: Vec<(&'static str, String)>,
    pub pack: Vec<(&'static str, &'static str)>,
    pub free_place: Option<(NaiveDate, NaiveDate)>,
    pub eypp: Option<(NaiveDate, NaiveDate)>,
    /// EDU-008: the census the child counts at, with the rate in pence.
    pub census: Option<(NaiveDate, u64)>,
}

/// EDU-010: the PEP reviews the casework form recorded on the journey.
fn recorded_peps(journey: &CareJourney) -> Vec<NaiveDate> {
    journey
        .activities()
        .iter()
        .filter(|e| e.kind == domain::deadlines::EventKind::PersonalEducationPlan)
        .map(|e| e.date)
        .collect()
}

fn view_of(
    journey: Versioned<CareJourney>,
    record: EducationRecord,
    version: i64,
    today: NaiveDate,
) -> EducationView {
    let pupil = pupil_of(&journey.value, today);
    let recorded = recorded_peps(&journey.value);
    let adopted = pupil.adopted_on.is_some();
    EducationView {
        on_roll: on_virtual_school_roll(pupil),
        prompts: prompts(&record, pupil, &recorded, today),
        pack: information_pack(&record, pupil, today),
        free_place: free_place_at_two(pupil),
        eypp: eypp_window(pupil.dob).filter(|_| adopted),
        census: record
            .school_told
            .filter(|_| adopted)
            .and_then(counted_at_census),
        journey,
        record,
        version,
        pupil,
    }
}

/// A child's education record; the read audited.
pub fn education(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    from: &str,
) -> Result<EducationView, AppError> {
    let (journey, record, version) =
        child_documents::read::<EducationRecord>(store, (user, clock, from), EDUCATION, child)?;
    Ok(view_of(journey, record, version, clock.today()))
}

/// Makes a change to a child's education record, if the user's role makes
/// it and the record is at the version they saw.
pub fn change_education(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (child, version): (&ChildId, i64),
    change: EducationChange,
    from: &str,
) -> Result<i64, AppError> {
    if !EducationChange::may_make(change.code(), user.role) {
        return Err(AppError::Forbidden(
            "make this change to a child's education record",
        ));
    }
    let code = change.code();
    let today = clock.today();
    child_documents::change::<EducationRecord>(
        store,
        (user, clock, from),
        EDUCATION,
        child,
        version,
        code,
        "change this child's education record",
        |record, journey| {
            record.apply(change, &user.username, pupil_of(journey, today), today)?;
            Ok(serde_json::json!({ "change": code }))
        },
    )
}

/// Loads the demo council's education records.
pub fn load_education(
    store: &Store,
    actor: &domain::audit::Actor,
    clock: &dyn Clock,
    records: &[(ChildId, EducationRecord)],
) -> Result<usize, AppError> {
    child_documents::load(store, actor, clock, EDUCATION, records)
}

/// A line of the Virtual School's page.
#[derive(Debug, Clone)]
pub struct VirtualSchoolLine {
    pub child: ChildId,
    pub name: String,
    pub date: Option<NaiveDate>,
    pub rule: &'static str,
    pub text: String,
}

/// The Virtual School's page: what to act on for the children on its roll
/// (missing PEP terms, EDU-010), what schools reported (EDU-012, told the
/// day it is recorded), and care leavers now NEET (LEAVE-106, the post-16
/// worker told the day the change is recorded). The read is audited.
pub fn virtual_school(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    from: &str,
) -> Result<Vec<VirtualSchoolLine>, AppError> {
    if !user.may(Permission::RecordActivities) || !user.may(Permission::ViewCaseload) {
        return Err(AppError::Forbidden("see the Virtual School's page"));
    }
    let today = clock.today();
    let actor = actor_of(user, from);
    store.write(|tx| {
        let records = child_documents::all::<EducationRecord>(tx, EDUCATION)?;
        let leavers = child_documents::all::<CareLeaverRecord>(tx, crate::leavers::LEAVER)?;
        let mut out = Vec::new();
        for journey in tx.all_journeys()? {
            let j = &journey.value;
            let pupil = pupil_of(j, today);
            let record = records.get(j.id().as_str()).map(|r| &r.0);
            let leaver = leavers.get(j.id().as_str()).map(|r| &r.0);
            let neet = leaver
                .and_then(|l| l.current_activity())
                .filter(|a| a.what == Activity::NotInEet);
            if !pupil.looked_after && record.is_none() && neet.is_none() {
                continue;
            }
            if !crate::may_see_child(tx, user, j.id())? {
                continue;
            }
            let line = |date, rule, text: String| VirtualSchoolLine {
                child: j.id().clone(),
                name: j.child().name.full(),
                date,
                rule,
                text,
            };
            let fresh = EducationRecord::fresh(j.id());
            let r = record.unwrap_or(&fresh);
            if (5..=16).contains(&domain::leavers::status::age_on(pupil.dob, today))
                || record.is_some()
            {
                out.extend(
                    prompts(r, pupil, &recorded_peps(j), today)
                        .into_iter()
                        .map(|(rule, text)| line(None, rule, text)),
                );
            }
            out.extend(r.events.iter().map(|e| {
                line(
                    Some(e.notified),
                    "EDU-012",
                    format!("School reported: {}", e.kind),
                )
            }));
            if let Some(n) = neet {
                out.push(line(
                    Some(n.date),
                    "LEAVE-106",
                    "Now NEET: signpost to provision".into(),
                ));
            }
        }
        tx.append(&audit(
            &actor,
            clock,
            "EDU.view_virtual_school".into(),
            "education",
            "",
            serde_json::json!({ "lines": out.len() }),
        ))?;
        Ok(out)
    })
}
