//! People by name on both backends: workers named through the use case
//! (audited), users named by their accounts, and the names kept in memory
//! forgotten when a user is added.

use domain::access::User;
use domain::audit::Actor;
use domain::roles::{Role, Worker};
use store::{AuditFilter, AuditLog, StaffRepository};
use test_support::FixedClock;

test_support::on_both_backends! {
    fn workers_and_users_are_named_and_naming_is_audited(db) {
        let clock = FixedClock::on("2026-12-07");
        let demo = Actor::new("demo");
        db.store
            .write(|tx| {
                tx.insert_workers(&[
                    Worker { id: "SW1".into(), team: "Melton".into() },
                    Worker { id: "SW2".into(), team: "Blaby".into() },
                ])
            })
            .unwrap();
        let names = [
            ("SW1".to_owned(), "Grace Okafor".to_owned()),
            ("SW9".to_owned(), "Nobody Known".to_owned()),
        ];
        assert_eq!(app::people::name_workers(&db.store, &demo, &clock, &names).unwrap(), 1);
        let named = app::people::names(&db.store).unwrap();
        assert_eq!(named.name("SW1"), "Grace Okafor");
        assert_eq!(named.name("SW2"), "SW2", "a worker with no name keeps their identifier");
        let events = db
            .store
            .read(|tx| tx.events(&AuditFilter { action: Some("name_workers".into()), ..Default::default() }))
            .unwrap();
        assert_eq!(events.len(), 1);
        assert!(!events[0].details.contains("Grace"), "no names in the trail: {}", events[0].details);

        let manager = User {
            username: "tm.test".into(),
            display_name: "Joanne Fletcher".into(),
            role: Role::TeamManager,
            team: Some("Melton".into()),
            worker_id: None,
        };
        app::auth::add_user(&db.store, &demo, &clock, &manager, "a long test password").unwrap();
        let named = app::people::names(&db.store).unwrap();
        assert_eq!(named.name("tm.test"), "Joanne Fletcher", "a new user is named at once");
        assert_eq!(named.name_and_role("tm.test"), "Joanne Fletcher, Team manager");
        assert_eq!(named.person("tm.test").unwrap().team.as_deref(), Some("Melton"));
    }
}
