//! The team around the child (ROLE-011) as people meet it, on both
//! backends: who is in it, what a plan needs of it, and changes to it.

mod permanence_fixture;
use permanence_fixture::*;

/// The users a team's staff parts name, signed up.
fn add_users(store: &Store, users: &[User]) {
    let clock = FixedClock::on("2025-06-01");
    for u in users {
        app::auth::add_user(
            store,
            &Actor::new("admin"),
            &clock,
            u,
            "correct horse battery",
        )
        .unwrap();
    }
}

test_support::on_both_backends! {
    fn role_011_a_plan_is_not_put_forward_without_an_iro_in_the_team_around_the_child(db) {
        setup(&db.store);
        let (sw, tm, iro) = (
            user(Role::SocialWorker, Some("Blaby")),
            user(Role::TeamManager, Some("Blaby")),
            user(Role::IndependentReviewingOfficer, None),
        );
        add_users(&db.store, &[tm.clone(), iro.clone()]);
        let clock = FixedClock::on("2025-06-30");
        let c1 = cid("C1");
        let team = perm::team_around_child(&db.store, &sw, &clock, &c1, HERE).unwrap();
        assert!(team.missing.is_empty(), "{:?}", team.missing);
        let member = team.team.members.iter().find(|m| m.role == TeamRole::Iro).unwrap().id;
        let leaves = perm::TeamChange::End { member, on: d("2025-06-27"), reason: "Left the service".into() };
        let version = perm::change_team(&db.store, &sw, &clock, &c1, team.version, leaves.clone(), HERE).unwrap();
        // A stale form is refused.
        let again = perm::change_team(&db.store, &sw, &clock, &c1, team.version, leaves, HERE).unwrap_err();
        assert!(matches!(again, AppError::Store(StoreError::Stale { .. })), "{again:?}");
        // The plan shows the gap and cannot be put forward.
        let view = perm::open_plan(&db.store, &sw, &clock, &c1, HERE).unwrap();
        assert!(view.gaps.iter().any(|g| g.rule == "ROLE-011" && g.message.contains("no IRO")), "{:?}", view.gaps);
        let mut version_plan = perm::edit_plan(&db.store, &sw, &clock, &c1, view.plan.version, complete(view.plan.value.document.clone()), HERE).unwrap().version;
        version_plan = link_support(&db.store, version_plan);
        for step in ["place", "start_assessment"] {
            version_plan = perm::plan_step(&db.store, &sw, &clock, &c1, version_plan, StepInput::named(step), HERE).unwrap().version;
        }
        let refused = perm::plan_step(&db.store, &sw, &clock, &c1, version_plan, StepInput::named("put_forward"), HERE).unwrap_err();
        assert!(refused.to_string().contains("the team around the child has no IRO (ROLE-011)"), "{refused}");
        // A team manager is not an IRO.
        let as_iro = |username: &str| perm::TeamChange::Add(NewMember {
            role: TeamRole::Iro,
            user: Some(username.into()),
            name: String::new(),
            contact: String::new(),
            from: d("2025-06-30"),
        });
        let wrong = perm::change_team(&db.store, &sw, &clock, &c1, version, as_iro(&tm.username), HERE).unwrap_err();
        assert!(wrong.to_string().contains("is not a user who holds the role of Independent Reviewing Officer"), "{wrong}");
        perm::change_team(&db.store, &sw, &clock, &c1, version, as_iro(&iro.username), HERE).unwrap();
        version_plan = perm::plan_step(&db.store, &sw, &clock, &c1, version_plan, StepInput::named("put_forward"), HERE).unwrap().version;
        perm::plan_step(&db.store, &iro, &clock, &c1, version_plan, StepInput::named("ratify"), HERE).unwrap();
        // The team's changes are audited with parts and dates, never a name.
        assert_eq!(audits(&db.store, "ROLE-011.end_member"), 1);
        assert_eq!(audits(&db.store, "ROLE-011.add_member"), 1);
        let text = format!("{:?}", db.store.read(|tx| tx.events(&AuditFilter::default())).unwrap());
        assert!(!text.contains("Pat Carer") && !text.contains("Left the service"), "no names or reasons in the audit");
    }

    fn role_011_a_carer_is_named_and_only_the_childs_team_sees_or_changes_it(db) {
        setup(&db.store);
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let clock = FixedClock::on("2025-06-30");
        let c1 = cid("C1");
        let team = perm::team_around_child(&db.store, &sw, &clock, &c1, HERE).unwrap();
        let carer = team.team.members.iter().find(|m| m.role == TeamRole::Carer).unwrap().id;
        let version = perm::change_team(&db.store, &sw, &clock, &c1, team.version, perm::TeamChange::End { member: carer, on: d("2025-06-30"), reason: "Placement ended".into() }, HERE).unwrap();
        let team = perm::team_around_child(&db.store, &sw, &clock, &c1, HERE).unwrap();
        assert_eq!(team.missing, vec!["the team around the child has no carer"]);
        // A person outside the council is named; blank is refused.
        let named = |name: &str| perm::TeamChange::Add(NewMember {
            role: TeamRole::Carer,
            user: None,
            name: name.into(),
            contact: "07700 900123".into(),
            from: d("2025-06-30"),
        });
        let blank = perm::change_team(&db.store, &sw, &clock, &c1, version, named("  "), HERE).unwrap_err();
        assert!(blank.to_string().contains("enter the name of the child's carer"), "{blank}");
        perm::change_team(&db.store, &sw, &clock, &c1, version, named("Jo Bloggs"), HERE).unwrap();
        let team = perm::team_around_child(&db.store, &sw, &clock, &c1, HERE).unwrap();
        assert!(team.missing.is_empty());
        // Someone outside the child's team may not see or change it.
        let other = user(Role::SocialWorker, Some("Melton"));
        assert!(matches!(perm::team_around_child(&db.store, &other, &clock, &c1, HERE), Err(AppError::Forbidden(_))));
        assert!(matches!(perm::change_team(&db.store, &other, &clock, &c1, team.version, named("X Y"), HERE), Err(AppError::Forbidden(_))));
        // A future date is refused.
        let later = perm::TeamChange::Add(NewMember { role: TeamRole::HealthContact, user: None, name: "Nurse".into(), contact: String::new(), from: d("2025-07-30") });
        assert!(perm::change_team(&db.store, &sw, &clock, &c1, team.version, later, HERE).unwrap_err().to_string().contains("in the future"));
    }
}
