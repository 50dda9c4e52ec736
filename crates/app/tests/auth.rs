//! Signing in, sessions and lockout, on both backends.

use app::auth::{self, SignInError};
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

test_support::on_both_backends! {
    fn a_user_signs_in_and_out_and_every_step_is_audited(db) {
        let clock = FixedClock::on("2026-01-05");
        auth::add_user(&db.store, &Actor::new("admin"), &clock, &worker(), PASSWORD).unwrap();
        let signed = auth::sign_in(&db.store, &clock, "sw.melton", PASSWORD, "127.0.0.1").unwrap();
        assert_eq!(signed.user, worker());
        let (user, csrf) = auth::session_user(&db.store, &clock, &signed.token).unwrap().unwrap();
        assert_eq!(user.username, "sw.melton");
        assert_eq!(csrf, signed.csrf_token);
        auth::sign_out(&db.store, &clock, &signed.token, "sw.melton").unwrap();
        assert!(auth::session_user(&db.store, &clock, &signed.token).unwrap().is_none());
        let actions: Vec<String> = db.store.read(|tx| tx.events(&AuditFilter { record_type: Some("user".into()), ..Default::default() })).unwrap()
            .into_iter().map(|e| e.action).collect();
        assert_eq!(actions, vec!["sign_out", "sign_in", "add_user"]);
    }

    fn passwords_are_stored_as_argon2id_hashes(db) {
        let clock = FixedClock::on("2026-01-05");
        auth::add_user(&db.store, &Actor::new("admin"), &clock, &worker(), PASSWORD).unwrap();
        let stored = db.store.read(|tx| store::UserRepository::user(tx, "sw.melton")).unwrap().unwrap();
        assert!(stored.password_hash.starts_with("$argon2id$"), "{}", stored.password_hash);
        assert!(!stored.password_hash.contains(PASSWORD));
        let short = auth::add_user(&db.store, &Actor::new("admin"), &clock, &User { username: "x".into(), ..worker() }, "short");
        assert!(short.unwrap_err().to_string().contains("at least 12 characters"));
    }

    fn five_wrong_passwords_make_that_client_wait(db) {
        let clock = FixedClock::on("2026-01-05");
        auth::add_user(&db.store, &Actor::new("admin"), &clock, &worker(), PASSWORD).unwrap();
        for _ in 0..5 {
            assert!(matches!(auth::sign_in(&db.store, &clock, "sw.melton", "wrong password!", "10.0.0.1"), Err(SignInError::WrongCredentials)));
        }
        // Even the right password is refused while that client waits.
        assert!(matches!(auth::sign_in(&db.store, &clock, "sw.melton", PASSWORD, "10.0.0.1"), Err(SignInError::WrongCredentials)));
        assert_eq!(db.store.read(|tx| tx.events(&AuditFilter { action: Some("sign_in_throttled".into()), ..Default::default() })).unwrap().len(), 1);
        clock.advance_days(1);
        assert!(auth::sign_in(&db.store, &clock, "sw.melton", PASSWORD, "10.0.0.1").is_ok());
    }

    fn an_unknown_user_gets_the_same_message_as_a_wrong_password(db) {
        let clock = FixedClock::on("2026-01-05");
        let err = auth::sign_in(&db.store, &clock, "nobody", PASSWORD, "10.0.0.1").unwrap_err();
        assert_eq!(err.to_string(), "Enter a correct username and password");
    }

    fn a_session_ends_after_thirty_idle_minutes(db) {
        let clock = FixedClock::at(chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00Z").unwrap().to_utc());
        auth::add_user(&db.store, &Actor::new("admin"), &clock, &worker(), PASSWORD).unwrap();
        let signed = auth::sign_in(&db.store, &clock, "sw.melton", PASSWORD, "127.0.0.1").unwrap();
        let later = FixedClock::at(chrono::DateTime::parse_from_rfc3339("2026-01-05T09:31:00Z").unwrap().to_utc());
        assert!(auth::session_user(&db.store, &later, &signed.token).unwrap().is_none());
    }

    fn api_tokens_name_their_user_and_are_stored_hashed(db) {
        let clock = FixedClock::on("2026-01-05");
        auth::add_user(&db.store, &Actor::new("admin"), &clock, &worker(), PASSWORD).unwrap();
        let token = auth::issue_api_token(&db.store, &Actor::new("admin"), &clock, "sw.melton", "laptop", None).unwrap();
        assert_eq!(auth::api_user(&db.store, &clock, &token).unwrap().unwrap().username, "sw.melton");
        assert!(auth::api_user(&db.store, &clock, "not-a-token").unwrap().is_none());
    }
}
