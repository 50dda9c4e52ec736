//! Subject access (issue 16, item 7): a request found by name and date of
//! birth returns everything held, the plan and the panel letters included;
//! a bad date or a name nobody has is an error in GOV.UK style.

mod site;
use site::*;

/// The child of the site's referral (one with an outcome): their name as a
/// person might type it (family name first, lower case) and date of birth.
fn referred_child(s: &Site) -> (String, String, chrono::NaiveDate) {
    let referral = s.store.read(|tx| {
        use store::PermanenceRepository;
        tx.record::<domain::permanence::referrals::Referral>(
            store::RecordKind::Referral,
            &s.referral,
        )
    });
    let child = referral.unwrap().unwrap().value.document.child_id;
    let journey = s
        .store
        .read(|tx| tx.journey(&child))
        .unwrap()
        .unwrap()
        .value;
    let c = journey.child();
    let typed = format!("{} {}", c.name.family, c.name.given).to_lowercase();
    (child.to_string(), typed, c.date_of_birth)
}

fn query(name: &str, born: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!(
        "/audit/subject-access?name={}&day={}&month={}&year={}",
        url(name),
        born.day(),
        born.month(),
        born.year()
    )
}

test_support::on_both_backends! {
    fn a_subject_access_request_by_name_returns_the_plan_and_the_panel_letters(db) {
        let s = site(&db);
        let (child, typed, born) = referred_child(&s);
        // A visit recorded through the form, with what was seen.
        let worker = User {
            username: username(Role::SocialWorker),
            display_name: "Test Social worker".into(),
            role: Role::SocialWorker,
            team: Some(s.team.clone()),
            worker_id: None,
        };
        let visit = app::casework::ActivityInput {
            kind: domain::deadlines::EventKind::SocialWorkerVisit,
            date: domain::NaiveDate::from_ymd_opt(2026, 3, 30).unwrap(),
            answers: domain::casework::activities::Answers {
                seen_alone: Some(true),
                place: Some("At the carers' home".into()),
                ..Default::default()
            },
        };
        let id = domain::child::ChildId::parse(&child).unwrap();
        app::casework::record_activity(&s.store, &worker, &FixedClock::on("2026-03-31"), &id, visit, "test").unwrap();
        let (auditor, _) = s.sign_in(&username(Role::Auditor));
        let page = s.send("GET", &query(&typed, born), &auditor, None);
        assert_eq!(page.status, StatusCode::OK, "{}", excerpt(&page.body));
        assert!(page.body.contains("Social worker visit") && page.body.contains("Seen alone: yes"), "the visit as recorded");
        assert!(page.body.contains("Test Social worker, Social worker on 31 March 2026"), "who recorded it");
        assert!(page.body.contains(&format!("({child})")), "the child's record: {}", excerpt(&page.body));
        for section in ["Permanence plan, every version", "Panel referrals and outcomes", "Panel letters", "Recorded activities", "Who has read or changed this record"] {
            assert!(page.body.contains(section), "{section}");
        }
        assert!(page.body.contains("view was: "), "the letter's text");
        assert!(page.body.contains(&s.referral));

        let json = s.send("GET", &format!("{}&format=json", query(&typed, born)), &auditor, None);
        let json: serde_json::Value = serde_json::from_str(&json.body).unwrap();
        assert_eq!(json["child"], child.as_str());
        assert!(!json["record"]["Permanence plan, every version"].as_array().unwrap().is_empty(), "the plan");
        assert!(!json["record"]["Panel letters"].as_array().unwrap().is_empty(), "the letters");
        assert!(!json["documents"]["plans"].as_array().unwrap().is_empty(), "the plan in full");
        assert_eq!(s.audit("subject_access_search"), 2);
        assert_eq!(s.audit("subject_access_export"), 2);
        let trail = s.store.read(|tx| tx.events(&AuditFilter { action: Some("subject_access_search".into()), ..Default::default() })).unwrap();
        assert!(trail.iter().all(|e| !e.details.to_lowercase().contains(&typed)), "no name in the trail");
    }

    fn a_subject_access_search_with_a_bad_date_or_an_unknown_name_says_what_is_wrong(db) {
        let s = site(&db);
        let (_, typed, born) = referred_child(&s);
        let (auditor, _) = s.sign_in(&username(Role::Auditor));
        let bad = s.send("GET", &format!("/audit/subject-access?name={}&day=31&month=2&year=2015", url(&typed)), &auditor, None);
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(bad.body.contains("There is a problem") && bad.body.contains("Date of birth must be a real date"), "{}", excerpt(&bad.body));
        assert!(bad.body.contains("<title>Error: Subject access"));
        let nobody = s.send("GET", &query("Nobody Atall", born), &auditor, None);
        assert!(nobody.body.contains("No child with that name and date of birth is recorded"));
        let no_date = s.send("GET", "/audit/subject-access?name=mia", &auditor, None);
        assert!(no_date.body.contains("Enter the child&#39;s date of birth") || no_date.body.contains("Enter the child's date of birth"), "{}", excerpt(&no_date.body));
    }
}
