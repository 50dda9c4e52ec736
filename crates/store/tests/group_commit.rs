//! Reads' audit events committed together (`Store::append_audit`): none is
//! lost, each is stored before the call returns, and a group that cannot be
//! written fails every event in it.

use domain::audit::AuditEvent;
use store::{AuditFilter, AuditLog};

fn event(id: &str) -> AuditEvent {
    AuditEvent {
        at: chrono::DateTime::parse_from_rfc3339("2026-12-07T08:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc),
        actor: "sw.test".into(),
        action: "view_worklist".into(),
        record_type: "worklist".into(),
        record_id: id.into(),
        details: "{}".into(),
    }
}

fn stored(store: &store::Store, id: Option<&str>) -> usize {
    store
        .read(|tx| {
            tx.events(&AuditFilter {
                record_id: id.map(str::to_owned),
                action: Some("view_worklist".into()),
                limit: Some(100_000),
                ..AuditFilter::default()
            })
        })
        .unwrap()
        .len()
}

test_support::on_both_backends! {
    fn security_every_reads_audit_event_is_stored_before_append_audit_returns(db) {
        let threads: Vec<_> = (0..40)
            .map(|t| {
                let store = db.store.clone();
                std::thread::spawn(move || {
                    for n in 0..10 {
                        let id = format!("T{t}-{n}");
                        store.append_audit(event(&id)).unwrap();
                        // Returned: the event is committed, whoever reads.
                        assert_eq!(stored(&store, Some(&id)), 1, "{id}");
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(stored(&db.store, None), 400);
    }
}

#[test]
fn security_a_group_of_reads_audit_events_that_cannot_be_written_fails_every_caller() {
    let db = test_support::db::sqlite();
    let path = db.url.strip_prefix("sqlite:").unwrap().to_owned();
    let refuse = |sql: &str| {
        rusqlite::Connection::open(&path)
            .unwrap()
            .execute_batch(sql)
            .unwrap()
    };
    refuse(
        "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events
         BEGIN SELECT RAISE(ABORT, 'the disk is full'); END;",
    );
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let store = db.store.clone();
            std::thread::spawn(move || store.append_audit(event(&format!("F{t}"))))
        })
        .collect();
    for t in threads {
        let refused = t.join().unwrap().unwrap_err().to_string();
        assert!(refused.contains("the disk is full"), "{refused}");
    }
    assert_eq!(stored(&db.store, None), 0);
    // Writable again: the next events are stored.
    refuse("DROP TRIGGER refuse_audit");
    db.store.append_audit(event("after")).unwrap();
    assert_eq!(stored(&db.store, Some("after")), 1);
}
