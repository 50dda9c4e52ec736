//! A child's missing record (WF-MISSING): episodes reported and their
//! returns (also written to the care journey, for the SSDA903 return),
//! return home interviews (MISS-004), strategy meetings (MISS-001), risk
//! ratings (MISS-002, MISS-003) and exploitation referrals with their
//! screening (MISS-007). One record per child, version 0 before the first
//! entry; a stale version is refused.

use chrono::NaiveDate;
use domain::access::User;
use domain::child::ChildId;
use domain::codes::{CodeList, MissingType};
use domain::contact::missing::{
    Exploitation, HarmOutsideHome, Interview, MissingRecord, RiskRating, may_record,
};
use domain::journey::{CareJourney, MissingEpisode};
use domain::time::Clock;
use store::{AuditLog, ChildRepository, PermanenceRepository, Record, RecordKind, Store};

use crate::AppError;
use crate::permanence::{
    actor_of, audit, child_record, ensure_may_see, invalid, load_journey, stale,
};

/// The record type the audit events name.
pub const MISSING_RECORD: &str = "missing_record";

fn record_id(child: &ChildId) -> String {
    format!("{child}-MIS")
}

fn stored(tx: &mut store::Tx<'_>, child: &ChildId) -> Result<(MissingRecord, i64), AppError> {
    Ok(tx
        .record::<MissingRecord>(RecordKind::MissingRecord, &record_id(child))?
        .map_or_else(
            || (MissingRecord::new(child.clone()), 0),
            |r| (r.value.document, r.version),
        ))
}

/// The child's missing record and its version; the read audited.
pub fn missing_record(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    from: &str,
) -> Result<(MissingRecord, i64), AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(tx, user, child, "see this child's missing episodes")?;
        let found = stored(tx, child)?;
        tx.append(&audit(
            &actor,
            clock,
            "WF-MISSING.view".into(),
            MISSING_RECORD,
            &record_id(child),
            serde_json::json!({ "episodes": found.0.episodes.len() }),
        ))?;
        Ok(found)
    })
}

/// What a person records on a child's missing record.
#[derive(Debug, Clone)]
pub enum MissingEntry {
    Report {
        kind: MissingType,
        started: NaiveDate,
    },
    Return {
        episode: u32,
        date: NaiveDate,
    },
    Interview {
        episode: u32,
        interview: Interview,
    },
    StrategyMeeting {
        held: NaiveDate,
    },
    Rate(RiskRating),
    Refer {
        kind: Exploitation,
        date: NaiveDate,
    },
    Screen {
        referral: u32,
        date: NaiveDate,
        outcome: String,
    },
    CloseReferral {
        referral: u32,
        date: NaiveDate,
    },
    /// MISS-006.
    HarmOutsideHome(HarmOutsideHome),
}

impl MissingEntry {
    fn code(&self) -> &'static str {
        match self {
            MissingEntry::Report { .. } => "report",
            MissingEntry::Return { .. } => "return",
            MissingEntry::Interview { .. } => "interview",
            MissingEntry::StrategyMeeting { .. } => "strategy_meeting",
            MissingEntry::Rate(_) => "rate_risk",
            MissingEntry::Refer { .. } => "refer",
            MissingEntry::Screen { .. } => "screen",
            MissingEntry::CloseReferral { .. } => "close_referral",
            MissingEntry::HarmOutsideHome(_) => "harm_outside_home",
        }
    }
}

/// The child's journey with its missing episodes changed by `change`.
fn write_journey(
    tx: &mut store::Tx<'_>,
    clock: &dyn Clock,
    child: &ChildId,
    change: impl FnOnce(&mut Vec<MissingEpisode>),
) -> Result<(), AppError> {
    let today = clock.today();
    let j = load_journey(tx, child)?;
    let cur = &j.value;
    let mut missing = cur.missing().to_vec();
    change(&mut missing);
    let next = CareJourney::build(
        cur.child().clone(),
        cur.episodes().to_vec(),
        cur.reviews().to_vec(),
        missing,
        cur.social_workers().to_vec(),
        cur.siblings().to_vec(),
        today,
    )?
    .with_activities(cur.activities().to_vec(), today)?;
    tx.update_journey(&next, j.version, clock.now())?;
    Ok(())
}

/// Records `entry` on the child's missing record seen at `version`;
/// returns what the page says was done and the new version. Audited as
/// `WF-MISSING.<entry>` with numbers, codes and dates only.
pub fn record_missing(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (child, version): (&ChildId, i64),
    entry: MissingEntry,
    from: &str,
) -> Result<(String, i64), AppError> {
    if !may_record(user) {
        return Err(AppError::Forbidden("record missing episodes"));
    }
    let actor = actor_of(user, from);
    let today = clock.today();
    store.write(|tx| {
        ensure_may_see(tx, user, child, "record this child's missing episodes")?;
        let (mut m, held) = stored(tx, child)?;
        if held != version {
            return Err(stale(format!("the missing record of {child}"), version, held));
        }
        let code = entry.code();
        let (details, done) = match entry {
            MissingEntry::Report { kind, started } => {
                let n = m.report(kind, started, today).map_err(invalid)?;
                write_journey(tx, clock, child, |all| {
                    all.push(MissingEpisode {
                        kind,
                        start: started,
                        end: None,
                    })
                })?;
                let alert = m.strategy_meeting_due().is_some();
                let mut done = format!("Episode {n} was recorded.");
                if alert {
                    done.push_str(" Three missing episodes in 90 days: hold a strategy meeting (MISS-001).");
                }
                (serde_json::json!({"episode": n, "kind": kind.code(), "started": started, "strategy_meeting_due": alert}), done)
            }
            MissingEntry::Return { episode, date } => {
                let e = m.record_return(episode, date, today).map_err(invalid)?.clone();
                write_journey(tx, clock, child, |all| {
                    if let Some(j) = all
                        .iter_mut()
                        .find(|j| j.kind == e.kind && j.start == e.started && j.end.is_none())
                    {
                        j.end = Some(date);
                    }
                })?;
                (serde_json::json!({"episode": episode, "returned": date}), format!("The return from episode {episode} was recorded."))
            }
            MissingEntry::Interview { episode, interview } => {
                let completed = matches!(interview, Interview::Completed(_));
                m.record_interview(episode, interview, today).map_err(invalid)?;
                (serde_json::json!({"episode": episode, "completed": completed}), format!("The return home interview of episode {episode} was recorded."))
            }
            MissingEntry::StrategyMeeting { held } => {
                m.record_strategy_meeting(held, today).map_err(invalid)?;
                (serde_json::json!({"held": held}), "The strategy meeting was recorded.".to_owned())
            }
            MissingEntry::Rate(rating) => {
                let (risk, date, at_form) = (rating.risk, rating.date, rating.at_form);
                m.rate(rating, today).map_err(invalid)?;
                (serde_json::json!({"risk": risk.code(), "date": date, "at_form": at_form}), format!("The risk was rated {}.", risk.label().to_lowercase()))
            }
            MissingEntry::Refer { kind, date } => {
                let n = m.refer(kind, date, today).map_err(invalid)?;
                (serde_json::json!({"referral": n, "kind": kind.code(), "date": date}), format!("Referral {n} was recorded."))
            }
            MissingEntry::Screen { referral, date, outcome } => {
                m.screen(referral, date, &outcome, today).map_err(invalid)?;
                (serde_json::json!({"referral": referral, "date": date}), format!("The screening of referral {referral} was recorded."))
            }
            MissingEntry::CloseReferral { referral, date } => {
                m.close_referral(referral, date, today).map_err(invalid)?;
                (serde_json::json!({"referral": referral, "date": date}), format!("Referral {referral} was closed."))
            }
            MissingEntry::HarmOutsideHome(meeting) => {
                let held = meeting.held;
                m.record_harm_outside_home(meeting, today).map_err(invalid)?;
                (serde_json::json!({"held": held}), "The Harm Outside the Home meeting was recorded.".to_owned())
            }
        };
        let record: Record<MissingRecord> = child_record(&m.id, child, "open", None, &m);
        let version = if held == 0 {
            tx.insert_records(RecordKind::MissingRecord, std::slice::from_ref(&record))?;
            1
        } else {
            tx.update_record(RecordKind::MissingRecord, &record, held)?
        };
        tx.append(&audit(
            &actor,
            clock,
            format!("WF-MISSING.{code}"),
            MISSING_RECORD,
            &m.id,
            details,
        ))?;
        Ok((done, version))
    })
}

/// Loads missing records made elsewhere (the demo council's) at version 1.
pub fn load_missing_records(
    store: &Store,
    actor: &domain::audit::Actor,
    clock: &dyn Clock,
    records: &[MissingRecord],
) -> Result<usize, AppError> {
    let rows: Vec<_> = records
        .iter()
        .map(|m| child_record(&m.id, &m.child_id, "open", None, m))
        .collect();
    crate::load_records(
        store,
        actor,
        clock,
        RecordKind::MissingRecord,
        &rows,
        ("WF-MISSING.load", MISSING_RECORD, "missing records"),
    )
}
