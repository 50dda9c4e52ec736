//! The quarterly missing figures (MISS-005, MISS-008): every missing
//! episode of the council's looked-after children (their sex from their
//! records) and the notifications of other children's, counted by the
//! domain; and recording a notification. The figures name no child and
//! are read with `ViewFigures`; the read is audited.

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::codes::{MissingType, Sex};
use domain::contact::missing::{MissingRecord, may_record};
use domain::contact::missing_figures::{
    Category, Counted, Notification, QuarterFigures, quarter_figures,
};
use domain::reporting::conventions::Period;
use domain::time::Clock;
use store::{AuditLog, ChildRepository, PermanenceRepository, Record, RecordKind, Store};

use crate::AppError;
use crate::permanence::{actor_of, audit, invalid};

const NOTIFICATION_RECORD: &str = "missing_notification";

/// The figures of each quarter of the financial year starting in `year`.
pub fn missing_figures(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    year: i32,
    from: &str,
) -> Result<Vec<QuarterFigures>, AppError> {
    if !user.may(Permission::ViewFigures) {
        return Err(AppError::Forbidden("see the missing figures"));
    }
    store.write(|tx| {
        let mut counted = Vec::new();
        for r in tx.records::<MissingRecord>(RecordKind::MissingRecord, None)? {
            let m = r.value.document;
            let sex = tx
                .journey(&m.child_id)?
                .map_or(Sex::Unknown, |j| j.value.child().sex);
            counted.extend(
                m.episodes
                    .iter()
                    .filter(|e| e.kind == MissingType::Missing)
                    .map(|e| Counted {
                        person: m.child_id.as_str().to_owned(),
                        category: Category::OwnLac,
                        sex,
                        started: e.started,
                    }),
            );
        }
        for r in tx.records::<Notification>(RecordKind::MissingNotification, None)? {
            let n = r.value.document;
            counted.push(Counted {
                person: n.reference,
                category: n.category,
                sex: n.sex,
                started: n.started,
            });
        }
        let quarters: Vec<QuarterFigures> = (1..=4)
            .map(|q| {
                quarter_figures(
                    Period {
                        year,
                        quarter: Some(q),
                    },
                    &counted,
                )
            })
            .collect();
        tx.append(&audit(
            &actor_of(user, from),
            clock,
            "view_missing_figures".into(),
            NOTIFICATION_RECORD,
            &year.to_string(),
            serde_json::json!({ "episodes": counted.len() }),
        ))?;
        Ok(quarters)
    })
}

/// Records a notification of a missing episode of a child the council does
/// not look after (MISS-005, MISS-008); returns its identifier.
pub fn record_missing_notification(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (reference, category, sex): (&str, Category, Sex),
    (started, placing_authority): (NaiveDate, &str),
    from: &str,
) -> Result<String, AppError> {
    if !may_record(user) {
        return Err(AppError::Forbidden("record missing notifications"));
    }
    store.write(|tx| {
        let count = tx
            .records::<serde_json::Value>(RecordKind::MissingNotification, None)?
            .len();
        let id = format!("MN{:05}", count + 1);
        let n = Notification::new(
            id.clone(),
            (reference, category, sex),
            started,
            placing_authority,
            clock.today(),
        )
        .map_err(invalid)?;
        tx.insert_records(RecordKind::MissingNotification, &[row(&n)])?;
        tx.append(&audit(
            &actor_of(user, from),
            clock,
            "record_missing_notification".into(),
            NOTIFICATION_RECORD,
            &id,
            serde_json::json!({ "category": n.category.code(), "started": started }),
        ))?;
        Ok(id)
    })
}

fn row(n: &Notification) -> Record<Notification> {
    Record {
        id: n.id.clone(),
        child_id: None,
        stage: n.category.code().to_owned(),
        key_date: Some(n.started.to_string()),
        document: n.clone(),
    }
}

/// Loads notifications made elsewhere (the demo council's).
pub fn load_missing_notifications(
    store: &Store,
    actor: &domain::audit::Actor,
    clock: &dyn Clock,
    notifications: &[Notification],
) -> Result<usize, AppError> {
    let rows: Vec<_> = notifications.iter().map(row).collect();
    crate::load_records(
        store,
        actor,
        clock,
        RecordKind::MissingNotification,
        &rows,
        (
            "missing_notification.load",
            NOTIFICATION_RECORD,
            "notifications",
        ),
    )
}
