//! Recording what the deadlines ask for, through the pages: every "met by"
//! activity of the rule table has a form that records it, a visit recorded
//! from its worklist row clears the row, and a recorded activity is amended
//! or withdrawn with a reason, never deleted.

mod site;
use site::*;

use domain::casework::activities::{Recorded, how_recorded};
use domain::deadline_rules::RULES;
use domain::deadlines::EventKind;

fn child_id(s: &Site) -> domain::child::ChildId {
    domain::child::ChildId::parse(&s.own_child).unwrap()
}

/// How many events of a kind the child's journey holds.
fn recorded(s: &Site, kind: EventKind) -> usize {
    let id = child_id(s);
    s.store
        .read(|tx| tx.journey(&id))
        .unwrap()
        .unwrap()
        .value
        .activities()
        .iter()
        .filter(|e| e.kind == kind)
        .count()
}

/// The form with this id on a page.
fn form_on(html: &str, id: &str) -> Option<forms::HtmlForm> {
    forms::post_forms(html).into_iter().find(|f| f.id == id)
}

/// Records `kind` for the site's child as `role` through the activity form.
fn record_through_the_page(s: &Site, role: Role, session: &str, kind: EventKind) -> Reply {
    let page = s.send(
        "GET",
        &format!("/children/{}/activities?kind={}", s.own_child, kind.name()),
        session,
        None,
    );
    assert_eq!(page.status, StatusCode::OK, "{role:?} {kind:?}");
    let form = form_on(&page.body, "record")
        .unwrap_or_else(|| panic!("{role:?} is offered no form for {kind:?}"));
    assert!(
        form.fields.contains(&("kind".into(), kind.name().into())),
        "{role:?}: the form records {kind:?}"
    );
    s.send(
        "POST",
        &form.action,
        session,
        Some(&form.body(|n| fill(n, role))),
    )
}

/// The worklist rows' links to the forms that clear them, for a rule.
fn record_links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|h| h.split('"').next())
        .filter(|h| h.contains("/activities?kind="))
        .map(|h| h.replace("&amp;", "&"))
        .collect()
}

test_support::on_both_backends! {
    fn every_met_by_activity_of_the_rule_table_is_recorded_through_a_page(db) {
        let s = site(&db);
        let mut sessions = std::collections::HashMap::new();
        for rule in RULES.iter() {
            let kind = rule.met_by;
            let what = format!("{} {kind:?}", rule.id);
            match how_recorded(kind) {
                None => panic!("{what}: nothing records it"),
                Some(Recorded::Form) => {
                    // The role the rule makes responsible records it, or
                    // the team manager for a role without case records.
                    let role = if allows(rule.responsible, Permission::RecordActivities) {
                        rule.responsible
                    } else {
                        Role::TeamManager
                    };
                    let session = sessions
                        .entry(role)
                        .or_insert_with(|| s.sign_in(&username(role)).0)
                        .clone();
                    let before = recorded(&s, kind);
                    let reply = record_through_the_page(&s, role, &session, kind);
                    assert_eq!(reply.status, StatusCode::OK, "{what}: {}", excerpt(&reply.body));
                    assert!(reply.body.contains("recorded for"), "{what}: {}", excerpt(&reply.body));
                    assert_eq!(recorded(&s, kind), before + 1, "{what}: on the journey");
                }
                Some(Recorded::Review) => {
                    let (session, _) = s.sign_in(&username(rule.responsible));
                    let page = s.send("GET", &format!("/children/{}/reviews/new", s.own_child), &session, None);
                    assert!(page.body.contains(&format!("action=\"/children/{}/reviews\"", s.own_child)), "{what}");
                }
                Some(Recorded::Plan) => {
                    // A workflow step of the plan page records it: its page
                    // is there and takes posts.
                    assert!(ROUTES.iter().any(|r| r.method == "POST" && r.path.starts_with("/children/{id}/plan")), "{what}");
                    assert!(ROUTES.iter().any(|r| r.method == "POST" && r.path == "/referrals/{id}"), "{what}");
                }
            }
        }
    }

    fn track_015_a_visit_recorded_from_its_worklist_row_takes_the_row_off_the_worklist(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::SocialWorker));
        let list = s.send("GET", "/worklist?rule=TRACK-015", &session, None);
        let links = record_links(&list.body);
        let link = links
            .iter()
            .find(|l| l.ends_with("kind=social_worker_visit"))
            .expect("a visit due on the team's worklist")
            .clone();
        let page = s.send("GET", &link, &session, None);
        let form = form_on(&page.body, "record").expect("the visit form");
        assert!(page.body.contains("Was the child seen alone?"));
        assert!(page.body.contains("bedroom seen?"));
        // Without the answers the visit is refused, each problem beside its field.
        let empty = s.send("POST", &form.action, &session, Some(&form.body(|_| String::new())));
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(empty.body.contains("Select yes if the child was seen alone"));
        let done = s.send("POST", &form.action, &session, Some(&form.body(|n| fill(n, Role::SocialWorker))));
        assert_eq!(done.status, StatusCode::OK, "{}", excerpt(&done.body));
        let after = s.send("GET", "/worklist?rule=TRACK-015", &session, None);
        assert!(!record_links(&after.body).contains(&link), "the row left the worklist");
    }

    fn kpi_cic_10_the_health_practitioner_records_a_health_assessment_and_it_shows_on_the_timeline(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::HealthPractitioner));
        let page = s.send("GET", &format!("/children/{}/activities", s.own_child), &session, None);
        // The health assessment is what the health practitioner is offered first.
        let form = form_on(&page.body, "record").expect("a form");
        assert!(form.fields.contains(&("kind".into(), "health_assessment".into())));
        let body = form.body(|n| match n {
            "sdq_score" => "41".into(),
            n => fill(n, Role::HealthPractitioner),
        });
        let refused = s.send("POST", &form.action, &session, Some(&body));
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("The SDQ score must be a whole number from 0 to 40"));
        let before = recorded(&s, EventKind::HealthAssessment);
        let body = form.body(|n| match n {
            "sdq_score" => "14".into(),
            n => fill(n, Role::HealthPractitioner),
        });
        let done = s.send("POST", &form.action, &session, Some(&body));
        assert_eq!(done.status, StatusCode::OK, "{}", excerpt(&done.body));
        assert_eq!(recorded(&s, EventKind::HealthAssessment), before + 1);
        let record = s.send("GET", &format!("/children/{}", s.own_child), &session, None);
        assert!(record.body.contains("Health assessment"), "on the timeline");
        // The health practitioner does not record a social worker's visit.
        let visit = s.send("GET", &format!("/children/{}/activities?kind=social_worker_visit", s.own_child), &session, None);
        let offered = form_on(&visit.body, "record").unwrap();
        assert!(offered.fields.contains(&("kind".into(), "health_assessment".into())));
    }

    fn edu_010_the_virtual_school_records_a_pep_with_its_pupil_premium_plus_plan(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::VirtualSchool));
        let before = recorded(&s, EventKind::PersonalEducationPlan);
        let reply = record_through_the_page(&s, Role::VirtualSchool, &session, EventKind::PersonalEducationPlan);
        assert_eq!(reply.status, StatusCode::OK, "{}", excerpt(&reply.body));
        assert_eq!(recorded(&s, EventKind::PersonalEducationPlan), before + 1);
        assert!(reply.body.contains("Pupil Premium Plus"));
    }

    fn a_recorded_activity_is_amended_then_withdrawn_with_reasons_and_kept(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::SocialWorker));
        let uri = format!("/activities/{}", s.activity);
        let page = s.send("GET", &uri, &session, None);
        let amend = form_on(&page.body, "amend").expect("the amend form");
        // No reason: refused beside the field.
        let no_reason = s.send("POST", &uri, &session, Some(&amend.body(|_| String::new())));
        assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(no_reason.body.contains("Enter why the activity is being amended"));
        let moved = amend.body(|n| if n == "reason" { "Wrong day".into() } else { String::new() })
            .replace("on=30%2F03%2F2026", "on=29%2F03%2F2026");
        let done = s.send("POST", &uri, &session, Some(&moved));
        assert_eq!(done.status, StatusCode::OK, "{}", excerpt(&done.body));
        assert!(done.body.contains("the date was 30 March 2026"));
        let id = child_id(&s);
        let dates: Vec<_> = s.store.read(|tx| tx.journey(&id)).unwrap().unwrap().value.activities().iter()
            .filter(|e| e.kind == EventKind::SocialWorkerVisit).map(|e| e.date.to_string()).collect();
        assert!(dates.contains(&"2026-03-29".to_owned()) && !dates.contains(&"2026-03-30".to_owned()), "{dates:?}");
        // The same form again is stale: refused, nothing changed.
        let stale = s.send("POST", &uri, &session, Some(&moved));
        assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY);
        let page = s.send("GET", &uri, &session, None);
        let withdraw = form_on(&page.body, "withdraw").expect("the withdraw form");
        let before = recorded(&s, EventKind::SocialWorkerVisit);
        let gone = s.send("POST", &uri, &session, Some(&withdraw.body(|n| if n == "reason" { "Recorded on the wrong child".into() } else { String::new() })));
        assert_eq!(gone.status, StatusCode::OK, "{}", excerpt(&gone.body));
        assert_eq!(recorded(&s, EventKind::SocialWorkerVisit), before - 1, "the deadline it met is open again");
        // Kept, marked withdrawn, with no form to change it again.
        let kept = s.send("GET", &uri, &session, None);
        assert!(kept.body.contains("Withdrawn") && kept.body.contains("Recorded on the wrong child"));
        assert!(form_on(&kept.body, "amend").is_none());
        assert_eq!(s.audit("amend_activity"), 1);
        assert_eq!(s.audit("withdraw_activity"), 1);
    }
}
