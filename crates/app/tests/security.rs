//! Security findings of issue 14 about signing in, kept fixed on both
//! backends: bounded inputs, the race on the failure count, answers that do
//! not tell which accounts exist or are throttled, and a throttle that an
//! attacker elsewhere cannot hold.

use app::auth;
use domain::access::User;
use domain::audit::Actor;
use domain::roles::Role;
use store::{AuditFilter, AuditLog};
use test_support::FixedClock;

fn worker() -> User {
    User {
        username: "sw.melton".into(),
        display_name: "Sam Worker".into(),
        role: Role::SocialWorker,
        team: Some("Melton".into()),
        worker_id: Some("SW00001".into()),
    }
}

const PASSWORD: &str = "correct horse battery";

fn events(db: &test_support::db::TestDatabase) -> Vec<domain::audit::AuditEvent> {
    db.store
        .read(|tx| tx.events(&AuditFilter::default()))
        .unwrap()
}

test_support::on_both_backends! {
    fn security_f2_sign_in_stores_no_unbounded_or_unknown_username(db) {
        let clock = FixedClock::on("2026-01-05");
        auth::add_user(&db.store, &Actor::new("admin"), &clock, &worker(), PASSWORD).unwrap();
        let huge = "x".repeat(1_000_000);
        assert!(auth::sign_in(&db.store, &clock, &huge, PASSWORD, "10.0.0.1").is_err());
        assert!(auth::sign_in(&db.store, &clock, "someone.unknown", PASSWORD, "10.0.0.1").is_err());
        let longest = events(&db)
            .iter()
            .map(|e| e.actor.len() + e.record_id.len() + e.details.len())
            .max()
            .unwrap();
        assert!(longest < 400, "an audit event of {longest} bytes was stored");
        assert!(
            events(&db).iter().all(|e| !e.record_id.contains("someone.unknown") && !e.details.contains("someone.unknown")),
            "a username that is no account is not kept verbatim"
        );
        assert!(events(&db).iter().any(|e| e.action == "sign_in_failed"), "the attempt is still audited");
    }

    fn security_f3_simultaneous_failures_cannot_skip_or_clear_the_throttle(db) {
        let clock = std::sync::Arc::new(FixedClock::on("2026-01-05"));
        auth::add_user(&db.store, &Actor::new("admin"), clock.as_ref(), &worker(), PASSWORD).unwrap();
        std::thread::scope(|s| {
            for _ in 0..12 {
                let (store, clock) = (db.store.clone(), clock.clone());
                s.spawn(move || {
                    let _ = auth::sign_in(&store, clock.as_ref(), "sw.melton", "wrong password!", "10.0.0.1");
                });
            }
        });
        // However the twelve raced, at most five passwords were checked and
        // the throttle holds: the right password from the same place waits.
        let checked = events(&db).iter().filter(|e| e.action == "sign_in_failed").count();
        assert!(checked <= auth::MAX_FAILED_SIGN_INS as usize, "{checked} passwords were checked");
        assert!(auth::sign_in(&db.store, clock.as_ref(), "sw.melton", PASSWORD, "10.0.0.1").is_err());
        clock.advance_days(1);
        assert!(auth::sign_in(&db.store, clock.as_ref(), "sw.melton", PASSWORD, "10.0.0.1").is_ok());
    }

    fn security_f4_throttled_unknown_and_wrong_answer_alike_and_others_can_still_sign_in(db) {
        let clock = FixedClock::on("2026-01-05");
        auth::add_user(&db.store, &Actor::new("admin"), &clock, &worker(), PASSWORD).unwrap();
        let wrong = auth::sign_in(&db.store, &clock, "sw.melton", "wrong password!", "10.0.0.1").unwrap_err().to_string();
        for _ in 0..10 {
            let _ = auth::sign_in(&db.store, &clock, "sw.melton", "wrong password!", "10.0.0.1");
        }
        let throttled = auth::sign_in(&db.store, &clock, "sw.melton", PASSWORD, "10.0.0.1").unwrap_err().to_string();
        let unknown = auth::sign_in(&db.store, &clock, "nobody", PASSWORD, "10.0.0.1").unwrap_err().to_string();
        assert_eq!(throttled, wrong, "a throttled account answers as a wrong password does");
        assert_eq!(unknown, wrong, "an unknown user answers as a wrong password does");
        // The attacker at 10.0.0.1 cannot keep the worker out: from their
        // own desk the right password works.
        assert!(auth::sign_in(&db.store, &clock, "sw.melton", PASSWORD, "10.0.0.2").is_ok());
    }
}
