//! Recording what the deadlines ask for, through the pages: every "met by"
//! activity of the rule table has a form that records it, a visit recorded
//! from its worklist row clears the row, and a recorded activity is amended
//! or withdrawn with a reason, never deleted.

mod site;
use site::*;
#[path = "site/subjects.rs"]
mod subjects;

use domain::casework::activities::{Recorded, how_met};
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
        let mut done = std::collections::HashSet::new();
        for rule in RULES.iter() {
            let kind = rule.met_by;
            let what = format!("{} {kind:?}", rule.id);
            let how = how_met(rule);
            if matches!(how, Some(Recorded::Household | Recorded::Agency | Recorded::Complaint))
                && !done.insert(kind)
            {
                continue;
            }
            match how {
                None => panic!("{what}: nothing records it"),
                // A rule about a carer, a complaint or the service: on the
                // page of its own subject, not the child's.
                Some(Recorded::Household) => {
                    assert!(subjects::on_a_household(&s, &mut sessions, rule.starts, kind), "{what}: on the household's page");
                }
                Some(Recorded::Agency) => {
                    assert!(subjects::on_an_agency_record(&s, &mut sessions, rule.responsible, kind), "{what}: on the record's page");
                }
                Some(Recorded::Complaint) => {
                    assert!(subjects::on_a_complaint(&s, &mut sessions, kind), "{what}: on the complaint's page");
                }
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

    fn visit_010_a_visit_with_the_child_not_seen_alone_and_no_reason_is_flagged_and_stays_on_the_worklist(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::SocialWorker));
        let list = s.send("GET", "/worklist?rule=TRACK-015", &session, None);
        let link = record_links(&list.body)
            .into_iter()
            .find(|l| l.ends_with("kind=social_worker_visit"))
            .expect("a visit due on the team's worklist");
        let page = s.send("GET", &link, &session, None);
        assert!(page.body.contains("why was the child not seen alone?"), "{}", excerpt(&page.body));
        let form = form_on(&page.body, "record").expect("the visit form");
        let body = form.body(|n| if n == "seen_alone" { "no".into() } else if n == "not_alone_reason" { String::new() } else { fill(n, Role::SocialWorker) });
        let done = s.send("POST", &form.action, &session, Some(&body));
        assert_eq!(done.status, StatusCode::OK, "{}", excerpt(&done.body));
        assert!(done.body.contains("Not seen alone – reason required"), "{}", excerpt(&done.body));
        let after = s.send("GET", "/worklist?rule=TRACK-015", &session, None);
        assert!(record_links(&after.body).contains(&link), "a flagged visit does not count: the row stays");
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
        // Who recorded it by name and role, not by username.
        let who = "Test Social worker, Social worker";
        assert!(page.body.contains(&format!("{who} on ")), "{}", excerpt(&page.body));
        assert!(!page.body.contains(&format!("{} on ", username(Role::SocialWorker))));
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
        assert!(done.body.contains(&format!(">{who}<")), "the change is by name: {}", excerpt(&done.body));
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

/// A social worker who holds the site's child's case, signed in.
fn case_holder(s: &Site) -> (String, String) {
    let id = child_id(s);
    let journey = s.store.read(|tx| tx.journey(&id)).unwrap().unwrap().value;
    let worker = journey.social_workers().last().unwrap().worker_id.clone();
    let user = User {
        username: "holder.test".into(),
        display_name: "Case holder".into(),
        role: Role::SocialWorker,
        team: Some(s.team.clone()),
        worker_id: Some(worker.clone()),
    };
    app::auth::add_user(
        &s.store,
        &Actor::new("test"),
        &FixedClock::on("2026-03-31"),
        &user,
        PASSWORD,
    )
    .unwrap();
    (s.sign_in("holder.test").0, worker)
}

/// The worklist and the caseload, personal and searched.
mod worklists {
    use super::*;

    test_support::on_both_backends! {
        fn a_social_worker_sees_my_cases_grouped_by_child_with_names_ages_and_days_in_words(db) {
            let s = site(&db);
            let (session, worker) = case_holder(&s);
            let mine = s.send("GET", "/worklist", &session, None);
            assert_eq!(mine.status, StatusCode::OK);
            assert!(mine.body.contains("<h1 class=\"govuk-heading-l\">Worklist: my cases</h1>"), "{}", excerpt(&mine.body));
            // Only the worker's own children, each once, by name and age.
            let team = s.send("GET", "/worklist?view=team", &session, None);
            assert!(team.body.contains(&format!("Worklist: {} team", s.team)));
            let groups = |html: &str| html.matches("class=\"app-worklist-child\"").count();
            assert!(groups(&mine.body) >= 1, "the worker's child has something due");
        assert!(groups(&mine.body) < groups(&team.body), "fewer than the team's");
            let names = app::people::names(&s.store).unwrap();
            let named = names.name(&worker);
            assert_ne!(named, worker, "the worker has a name");
            for section in mine.body.split("class=\"app-worklist-child\"").skip(1) {
                // The worker by name, never by identifier.
                assert!(section.contains(&format!("Social worker {named}")), "another worker's child: {}", &section[..300.min(section.len())]);
                assert!(!section.contains(&format!("Social worker {worker}")), "the worker's identifier is not shown");
                assert!(section.contains("Aged "));
                assert!(section.contains("govuk-tag--red") || section.contains("govuk-tag--yellow"));
                assert!(section.contains("Overdue by ") || section.contains("Due "));
            }
            // The caseload is the worker's own cases too.
            let home = s.send("GET", "/", &session, None);
            assert!(home.body.contains("My cases"));
            assert!(home.body.contains(&format!("/children/{}", s.own_child)));
        }

        fn a_team_manager_sees_the_teams_worklist_grouped_by_child(db) {
            let s = site(&db);
            let (session, _) = s.sign_in(&username(Role::TeamManager));
            let page = s.send("GET", "/worklist", &session, None);
            assert!(page.body.contains(&format!("Worklist: {} team", s.team)));
            let names: Vec<&str> = page.body.split("class=\"app-worklist-child\" id=\"child-").skip(1).map(|g| g.split('"').next().unwrap()).collect();
            let unique: std::collections::BTreeSet<_> = names.iter().collect();
            assert!(!names.is_empty());
            assert_eq!(unique.len(), names.len(), "each child once");
            assert!(page.body.contains("app-record-link"), "each row leads to its form");
        }

        fn the_caseload_names_each_childs_next_deadline_with_its_rule_second_and_links_to_the_form_that_clears_it(db) {
            let s = site(&db);
            let (session, _) = s.sign_in(&username(Role::TeamManager));
            let page = s.send("GET", "/", &session, None);
            assert_eq!(page.status, StatusCode::OK);
            let links: Vec<String> = page.body.split("class=\"govuk-link app-record-link\" href=\"").skip(1).map(|h| h.split('"').next().unwrap().replace("&amp;", "&")).collect();
            assert!(!links.is_empty(), "the caseload's rows lead to forms: {}", excerpt(&page.body));
            assert!(page.body.contains("govuk-!-display-inline\">(") , "the rule identifier, second to the words");
            for link in links.iter().take(5) {
                let form = s.send("GET", link, &session, None);
                assert_eq!(form.status, StatusCode::OK, "{link}");
                assert!(!forms::post_forms(&form.body).is_empty(), "{link} offers the form that clears it");
            }
        }

        fn a_child_is_found_by_names_in_any_order_partial_names_identifier_or_date_of_birth(db) {
            let s = site(&db);
            let (session, _) = s.sign_in(&username(Role::TeamManager));
            let id = child_id(&s);
            let child = s.store.read(|tx| tx.journey(&id)).unwrap().unwrap().value.child().clone();
            let (given, family) = (child.name.given.clone(), child.name.family.clone());
            let dob = child.date_of_birth.format("%d/%m/%Y").to_string();
            let partial: String = family.chars().take(3).collect();
            for q in [
                format!("{family} {given}"),
                format!("{given} {family}"),
                format!("{family}, {given}"),
                partial.to_lowercase(),
                s.own_child.to_lowercase(),
                dob,
            ] {
                let found = s.send("GET", &format!("/?q={}", url(&q)), &session, None);
                assert!(found.body.contains(&format!("/children/{}\"", s.own_child)), "{q}: {}", excerpt(&found.body));
            }
            let none = s.send("GET", "/?q=Zzqx+Nobody", &session, None);
            assert!(none.body.contains("No children match"), "{}", excerpt(&none.body));
        }
    }
}

/// Reviews: implausibly soon, options for the child's age, amended and
/// withdrawn with reasons, messages in the GOV.UK style.
mod reviews {
    use super::*;

    fn journey(s: &Site) -> domain::journey::CareJourney {
        let id = child_id(s);
        s.store.read(|tx| tx.journey(&id)).unwrap().unwrap().value
    }

    /// Days from the first review to the due date of DATA-010's decisions.
    fn follow_up_dues(s: &Site) -> Vec<String> {
        app::open_deadlines(&journey(s))
            .iter()
            .filter(|d| d.rule.id == "TRACK-001" || d.rule.id == "DATA-010")
            .map(|d| format!("{} {}", d.rule.id, d.due))
            .collect()
    }

    test_support::on_both_backends! {
        fn track_001_a_review_a_day_after_the_last_is_questioned_before_it_is_recorded(db) {
            let s = site(&db);
            let (session, _) = s.sign_in(&username(Role::SocialWorker));
            let j = journey(&s);
            let last = j.reviews().last().unwrap().date;
            let next = last + chrono::Days::new(1);
            let page = s.send("GET", &format!("/children/{}/reviews/new", s.own_child), &session, None);
            let version = hidden(&page.body, "version");
            let csrf = hidden(&page.body, "csrf_token");
            let participation = domain::casework::reviews::participations_for(j.child().date_of_birth, next)[0];
            let body = format!(
                "csrf_token={csrf}&version={version}&day={}&month={}&year={}&participation={}",
                chrono::Datelike::day(&next), chrono::Datelike::month(&next), chrono::Datelike::year(&next), domain::codes::CodeList::code(participation)
            );
            let asked = s.send("POST", &format!("/children/{}/reviews", s.own_child), &session, Some(&body));
            assert!(asked.body.contains("A review is already recorded on"), "{}", excerpt(&asked.body));
            assert_eq!(journey(&s).reviews().len(), j.reviews().len(), "not recorded yet");
            let confirmed = s.send("POST", &format!("/children/{}/reviews", s.own_child), &session, Some(&format!("{body}&confirm_soon=yes")));
            assert!(confirmed.body.contains("Review recorded"), "{}", excerpt(&confirmed.body));
            assert_eq!(journey(&s).reviews().len(), j.reviews().len() + 1);
        }

        fn track_001_the_review_form_offers_only_the_ways_of_taking_part_that_fit_the_childs_age(db) {
            let s = site(&db);
            let (session, _) = s.sign_in(&username(Role::SocialWorker));
            let j = journey(&s);
            let page = s.send("GET", &format!("/children/{}/reviews/new", s.own_child), &session, None);
            let under_4 = domain::time::age_on(j.child().date_of_birth, chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()) < 4;
            assert_eq!(page.body.contains("value=\"PN0\""), under_4);
            assert_eq!(page.body.contains("value=\"PN1\""), !under_4);
        }

        fn track_001_a_review_outside_care_is_refused_in_plain_words(db) {
            let s = site(&db);
            let (session, _) = s.sign_in(&username(Role::SocialWorker));
            let page = s.send("GET", &format!("/children/{}/reviews/new", s.own_child), &session, None);
            let (version, csrf) = (hidden(&page.body, "version"), hidden(&page.body, "csrf_token"));
            let j = journey(&s);
            let before = j.episodes()[0].start - chrono::Days::new(1);
            let participation = domain::casework::reviews::participations_for(j.child().date_of_birth, before)[0];
            let body = format!(
                "csrf_token={csrf}&version={version}&day={}&month={}&year={}&participation={}&confirm_soon=yes",
                chrono::Datelike::day(&before), chrono::Datelike::month(&before), chrono::Datelike::year(&before), domain::codes::CodeList::code(participation)
            );
            let refused = s.send("POST", &format!("/children/{}/reviews", s.own_child), &session, Some(&body));
            assert!(refused.body.contains("Enter a date during the child&#39;s period of care, for example 3 4 2026") || refused.body.contains("Enter a date during the child&#x27;s period of care, for example 3 4 2026"), "{}", excerpt(&refused.body));
            assert!(!refused.body.contains("is not during a period of care"));
        }

        fn data_010_an_amended_review_moves_its_follow_up_deadlines_and_a_withdrawn_one_is_kept_with_its_reason(db) {
            let s = site(&db);
            let (session, _) = s.sign_in(&username(Role::SocialWorker));
            let j = journey(&s);
            let last = j.reviews().last().unwrap().date;
            let before = follow_up_dues(&s);
            let uri = format!("/children/{}/reviews/{last}", s.own_child);
            let page = s.send("GET", &uri, &session, None);
            let amend = form_on(&page.body, "amend").expect("the amend form");
            let moved_to = last - chrono::Days::new(2);
            let body = amend.body(|n| if n == "reason" { "Typed the wrong day".into() } else { String::new() })
                .replace(&forms::encode(&last.format("%d/%m/%Y").to_string()), &forms::encode(&moved_to.format("%d/%m/%Y").to_string()));
            let done = s.send("POST", &uri, &session, Some(&body));
            assert!(done.body.contains("The review was amended"), "{}", excerpt(&done.body));
            assert_eq!(journey(&s).reviews().last().unwrap().date, moved_to);
            assert_ne!(follow_up_dues(&s), before, "the follow-up deadlines moved");
            // Withdrawn with a reason: gone from the journey, kept in the list of changes.
            let uri = format!("/children/{}/reviews/{moved_to}", s.own_child);
            let page = s.send("GET", &uri, &session, None);
            let withdraw = form_on(&page.body, "withdraw").unwrap();
            let none = s.send("POST", &uri, &session, Some(&withdraw.body(|_| String::new())));
            assert!(none.body.contains("Enter why the review is being withdrawn"), "{}", excerpt(&none.body));
            let gone = s.send("POST", &uri, &session, Some(&withdraw.body(|n| if n == "reason" { "Recorded for the wrong child".into() } else { String::new() })));
            assert_eq!(gone.status, StatusCode::SEE_OTHER);
            assert_eq!(journey(&s).reviews().len(), j.reviews().len() - 1);
            let list = s.send("GET", &format!("/children/{}/reviews", s.own_child), &session, None);
            assert!(list.body.contains("Recorded for the wrong child") && list.body.contains("Typed the wrong day"));
            assert_eq!((s.audit("amend_review"), s.audit("withdraw_review")), (1, 1));
        }
    }
}

/// The child's record: age, placement address for those who may see it,
/// alerts.
mod record {
    use super::*;

    test_support::on_both_backends! {
        fn the_childs_record_shows_their_age_and_the_placement_only_to_those_who_may_see_it(db) {
            let s = site(&db);
            let (worker, _) = s.sign_in(&username(Role::SocialWorker));
            let page = s.send("GET", &format!("/children/{}", s.own_child), &worker, None);
            assert!(page.body.contains(">Age<") && page.body.contains("Aged "), "{}", excerpt(&page.body));
            assert!(page.body.contains("Placement postcode"));
            let (health, _) = s.sign_in(&username(Role::HealthPractitioner));
            let page = s.send("GET", &format!("/children/{}", s.own_child), &health, None);
            assert_eq!(page.status, StatusCode::OK);
            assert!(!page.body.contains("Placement postcode"), "the health practitioner does not see where the child lives");
        }

        fn a_case_note_goes_on_the_chronology_and_its_words_are_in_no_audit_event(db) {
            let s = site(&db);
            let (worker, _) = s.sign_in(&username(Role::SocialWorker));
            let uri = format!("/children/{}/notes", s.own_child);
            let page = s.send("GET", &uri, &worker, None);
            let form = form_on(&page.body, "note").expect("the note form");
            let empty = s.send("POST", &uri, &worker, Some(&form.body(|_| String::new())));
            assert!(empty.body.contains("Enter the case note"), "{}", excerpt(&empty.body));
            let words = "Met Sam after school; Sam was cheerful and talked about football";
            let saved = s.send("POST", &uri, &worker, Some(&form.body(|n| if n == "text" { words.into() } else { String::new() })));
            assert!(saved.body.contains("Case note saved"), "{}", excerpt(&saved.body));
            assert!(saved.body.contains("talked about football"));
            assert!(saved.body.contains("Case note by Test Social worker, Social worker"), "by name, not username");
            let events = s.store.read(|tx| tx.events(&AuditFilter { action: Some("write_case_note".into()), ..Default::default() })).unwrap();
            assert_eq!(events.len(), 2, "the site's note and this one");
            assert!(events.iter().all(|e| !e.details.contains("football")), "the words are not in the audit trail");
        }

        fn a_case_note_is_amended_then_withdrawn_on_its_page_with_reasons_a_stale_form_refused_and_every_version_kept(db) {
            let s = site(&db);
            let (worker, _) = s.sign_in(&username(Role::SocialWorker));
            let (manager, _) = s.sign_in(&username(Role::TeamManager));
            let chronology = s.send("GET", &format!("/children/{}/notes", s.own_child), &worker, None);
            assert!(chronology.body.contains(&format!("href=\"/notes/{}\"", s.note)), "the note links to its page");
            let uri = format!("/notes/{}", s.note);
            let page = s.send("GET", &uri, &worker, None);
            assert_eq!(page.status, StatusCode::OK, "{}", excerpt(&page.body));
            let amend = form_on(&page.body, "amend").expect("the amend form");
            // The manager opens the note before the worker amends it.
            let managers = form_on(&s.send("GET", &uri, &manager, None).body, "withdraw").expect("the withdraw form");
            let with = |form: &forms::HtmlForm, set: &[(&str, &str)]| {
                let mut form = form.clone();
                for (name, value) in &mut form.fields {
                    if let Some((_, v)) = set.iter().find(|(n, _)| n == name) {
                        *value = (*v).to_owned();
                    }
                }
                form.body(|_| String::new())
            };
            let no_reason = s.send("POST", &uri, &worker, Some(&with(&amend, &[("text", "Spoke to the carer about school")])));
            assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(no_reason.body.contains("Enter why the case note is being amended") && no_reason.body.contains("#amend-reason"), "{}", excerpt(&no_reason.body));
            let amended = s.send("POST", &uri, &worker, Some(&with(&amend, &[("text", "Spoke to the carer about school"), ("reason", "It was about school, not contact")])));
            assert_eq!(amended.status, StatusCode::OK, "{}", excerpt(&amended.body));
            assert!(amended.body.contains("The case note was amended"));
            assert!(amended.body.contains("Spoke to the carer about contact"), "the earlier version is shown");
            assert!(amended.body.contains("It was about school, not contact"), "with the reason");
            let stale = s.send("POST", &uri, &manager, Some(&with(&managers, &[("reason", "Wrong child")])));
            assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(stale.body.contains("changed by someone else since you opened it"), "{}", excerpt(&stale.body));
            let fresh = form_on(&stale.body, "withdraw").expect("the withdraw form, at the new version");
            let withdrawn = s.send("POST", &uri, &manager, Some(&with(&fresh, &[("reason", "Written on the wrong child")])));
            assert!(withdrawn.body.contains("The case note was withdrawn"), "{}", excerpt(&withdrawn.body));
            assert!(form_on(&withdrawn.body, "amend").is_none(), "a withdrawn note is not amended");
            let shown = s.send("GET", &format!("/children/{}/notes", s.own_child), &worker, None);
            assert!(shown.body.contains("(withdrawn)") && shown.body.contains("about school"), "kept on the chronology, marked");
            assert_eq!((s.audit("amend_case_note"), s.audit("withdraw_case_note")), (1, 1));
            let trail = s.store.read(|tx| tx.events(&AuditFilter::default())).unwrap();
            for words in ["about school", "about contact", "not contact", "wrong child"] {
                assert!(trail.iter().all(|e| !e.details.contains(words)), "{words} in the audit trail");
            }

            // Subject access holds the note, its earlier version and the reasons, on the page and in the JSON.
            let (auditor, _) = s.sign_in(&username(Role::Auditor));
            let record = s.send("GET", &format!("/audit/subject-access?child={}", s.own_child), &auditor, None);
            assert!(record.body.contains("Case notes"), "{}", excerpt(&record.body));
            assert!(record.body.contains("Spoke to the carer about school") && record.body.contains("Spoke to the carer about contact"));
            assert!(record.body.contains("Written on the wrong child"));
            let json = s.send("GET", &format!("/audit/subject-access?child={}&format=json", s.own_child), &auditor, None);
            let json: serde_json::Value = serde_json::from_str(&json.body).unwrap();
            let notes = json["documents"]["case_notes"].as_array().unwrap();
            assert_eq!(notes.len(), 1);
            assert_eq!(notes[0]["note"]["state"], "withdrawn");
            assert_eq!(notes[0]["note"]["changes"][0]["text_before"], "Spoke to the carer about contact");
            assert_eq!(json["record"]["Case notes"][0]["Case note"], "Spoke to the carer about school");
        }
    }
}
