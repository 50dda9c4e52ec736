//! The contact pages over HTTP on both backends: a letter logged on its
//! Letterbox's page is screened, forwarded after redaction, another held
//! with the sender told whom to ask (CONT-007, CONT-011); a social worker
//! records a signed agreement (CONT-008, CONT-009); a third missing episode
//! in 90 days raises the strategy meeting on the missing page, the child's
//! record and the team's worklist until it is held (MISS-001).

mod site;
use site::*;

fn form(html: &str, id: &str) -> site::forms::HtmlForm {
    forms::post_forms(html)
        .into_iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no form {id}: {}", excerpt(html)))
}

test_support::on_both_backends! {
    fn cont_007_a_letter_goes_from_receipt_to_forwarding_and_another_is_held_with_a_reason(db) {
        let s = site(&db);
        let (c, _) = s.sign_in(&username(Role::PostOrderSupportWorker));
        let url = format!("/children/{}/letterbox/{}", s.own_child, s.letterbox);
        let page = s.send("GET", &url, &c, None);
        assert_eq!(page.status, StatusCode::OK);
        let letter = |text: &'static str| move |n: &str| match n {
            "sender" => "The adopters".to_owned(),
            "text" => text.to_owned(),
            _ => String::new(),
        };
        let got = s.send("POST", &url, &c, Some(&form(&page.body, "receive").body(letter("Dear Karen,\nWe are at 14 Beech Road now."))));
        assert!(got.body.contains("The screener flagged 1 thing to check"), "{}", excerpt(&got.body));
        assert!(got.body.contains("An address or a place at line 2, column 11"), "{}", excerpt(&got.body));
        // Forwarding what was flagged needs the redactions said.
        let decide = form(&got.body, "decide-1");
        let reasons = |redactions: &'static str| move |n: &str| match n {
            "reasons" => "Read in full".to_owned(),
            "redactions" => redactions.to_owned(),
            _ => String::new(),
        };
        let bare = decide.body(reasons("")).replace("decision=hold", "decision=forward");
        let refused = s.send("POST", &url, &c, Some(&bare));
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("say what was redacted"), "{}", excerpt(&refused.body));
        let redacted = decide.body(reasons("The street name, blacked out")).replace("decision=hold", "decision=forward");
        let passed = s.send("POST", &url, &c, Some(&redacted));
        assert!(passed.body.contains("Item 1 passed screening"), "{}", excerpt(&passed.body));
        let sent = s.send("POST", &url, &c, Some(&form(&passed.body, "forward-1").body(|_| String::new())));
        assert!(sent.body.contains("Item 1 was forwarded."), "{}", excerpt(&sent.body));
        // Another is held, and the page says what its sender is told.
        let got = s.send("POST", &url, &c, Some(&form(&sent.body, "receive").body(letter("We go to Oakfield Primary now."))));
        let held = s.send("POST", &url, &c, Some(&form(&got.body, "decide-2").body(reasons(""))));
        assert!(held.body.contains("Item 2 is held"), "{}", excerpt(&held.body));
        assert!(held.body.contains("0116 3053052") && held.body.contains("Adoptionsupport@leics.gov.uk"));
        assert_eq!(s.audit("WF-LETTERBOX.hold_item"), 1);
        // The social worker reads the items but does not decide on them.
        let (sw, _) = s.sign_in(&username(Role::SocialWorker));
        let theirs = s.send("GET", &url, &sw, None);
        assert!(theirs.body.contains("Item 2 from The adopters") && !theirs.body.contains("id=\"decide-"));
    }

    fn cont_008_a_social_worker_records_a_signed_agreement_and_a_non_relative_needs_a_reason(db) {
        let s = site(&db);
        let (sw, _) = s.sign_in(&username(Role::SocialWorker));
        let url = format!("/children/{}/letterbox", s.own_child);
        let page = s.send("GET", &url, &sw, None);
        assert!(page.body.contains(&s.letterbox), "{}", excerpt(&page.body));
        let sign = form(&page.body, "sign");
        let body = |relationship: &'static str, reason: &'static str| sign.body(move |n| match n {
            "name" => "Jo".into(),
            "reason" => reason.into(),
            _ => String::new(),
        }).replace("relationship=birth+mother", &format!("relationship={}", relationship.replace(' ', "+")));
        let refused = s.send("POST", &url, &sw, Some(&body("former foster carer", "")));
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("(not a relative) helps the child (CONT-008)"), "{}", excerpt(&refused.body));
        let done = s.send("POST", &url, &sw, Some(&body("former foster carer", "Cared for the child for three years")));
        assert!(done.body.contains("was recorded"), "{}", excerpt(&done.body));
        assert_eq!(s.audit("WF-LETTERBOX.sign"), 2);
        // Another team's child's Letterbox is not theirs.
        let other = s.send("GET", &format!("/children/{}/letterbox", s.other_child), &sw, None);
        assert_eq!(other.status, StatusCode::FORBIDDEN);
    }

    fn miss_001_a_third_missing_episode_in_90_days_raises_the_strategy_meeting_on_the_page_the_record_and_the_worklist(db) {
        let s = site(&db);
        let (sw, _) = s.sign_in(&username(Role::SocialWorker));
        let url = format!("/children/{}/missing", s.own_child);
        let id = domain::child::ChildId::parse(&s.own_child).unwrap();
        let entered = s.store.read(|tx| tx.journey(&id)).unwrap().unwrap().value.current_episode().unwrap().start;
        let first = entered.max("2026-01-01".parse().unwrap());
        let mut page = s.send("GET", &url, &sw, None);
        for days in [0, 5, 10] {
            let on = (first + chrono::Days::new(days)).format("%d/%m/%Y").to_string().replace('/', "%2F");
            let report = form(&page.body, "report").body(|_| String::new()).replace("date=31%2F03%2F2026", &format!("date={on}"));
            let reported = s.send("POST", &url, &sw, Some(&report));
            assert!(reported.body.contains("was recorded"), "{}", excerpt(&reported.body));
            let back = form(&reported.body, "return").body(|_| String::new()).replace("date=31%2F03%2F2026", &format!("date={on}"));
            page = s.send("POST", &url, &sw, Some(&back));
            assert!(page.body.contains("The return from episode"), "{}", excerpt(&page.body));
        }
        let alert = "Three missing episodes in 90 days";
        assert!(page.body.contains(alert), "{}", excerpt(&page.body));
        let record = s.send("GET", &format!("/children/{}", s.own_child), &sw, None);
        assert!(record.body.contains(alert), "{}", excerpt(&record.body));
        let (tm, _) = s.sign_in(&username(Role::TeamManager));
        let line = "Strategy meeting: three missing episodes in 90 days";
        assert!(s.send("GET", "/worklist?view=team", &tm, None).body.contains(line));
        // The interviews are due too (MISS-004); the meeting held clears the alert.
        assert!(page.body.contains("Record the interview after episode 3"));
        let held = s.send("POST", &url, &sw, Some(&form(&page.body, "strategy").body(|_| String::new())));
        assert!(held.body.contains("The strategy meeting was recorded.") && !held.body.contains(alert), "{}", excerpt(&held.body));
        assert!(!s.send("GET", "/worklist?view=team", &tm, None).body.contains(line));
        assert_eq!(s.audit("WF-MISSING.report"), 3);
    }

    fn miss_006_a_harm_outside_the_home_meeting_needs_the_independent_chair_and_its_safety_plan(db) {
        let s = site(&db);
        let (sw, _) = s.sign_in(&username(Role::SocialWorker));
        let url = format!("/children/{}/missing", s.own_child);
        let page = s.send("GET", &url, &sw, None);
        let hoth = form(&page.body, "hoth");
        let with = |plan: &'static str| hoth.body(move |n| match n {
            "ce_social_worker" => "Casey Worker".to_owned(),
            "safety_plan" => plan.to_owned(),
            _ => String::new(),
        });
        let refused = s.send("POST", &url, &sw, Some(&with("")));
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("Community Safety Plan"), "{}", excerpt(&refused.body));
        let planned = with("Tasks to the district council");
        let chaired = planned.replace("chair=independent_cp_chair", "chair=team_manager");
        let wrong = s.send("POST", &url, &sw, Some(&chaired));
        assert!(wrong.body.contains("independent child protection chair"), "{}", excerpt(&wrong.body));
        let good = s.send("POST", &url, &sw, Some(&planned));
        assert!(good.body.contains("The Harm Outside the Home meeting was recorded."), "{}", excerpt(&good.body));
        assert!(good.body.contains("Tasks to the district council"));
    }

    fn miss_005_miss_008_the_missing_figures_count_our_episodes_and_notifications_by_who_and_sex(db) {
        let s = site(&db);
        let (tm, _) = s.sign_in(&username(Role::TeamManager));
        let page = s.send("GET", "/missing?year=2025-26", &tm, None);
        assert_eq!(page.status, StatusCode::OK, "{}", excerpt(&page.body));
        let notify = form(&page.body, "notify");
        let away = |authority: &'static str| notify.body(move |n| match n {
            "reference" => "LP-123".to_owned(),
            "authority" => authority.to_owned(),
            _ => String::new(),
        }).replace("category=not_looked_after", "category=out_of_area_lac");
        let refused = s.send("POST", "/missing", &tm, Some(&away("")));
        assert!(refused.body.contains("placing authority"), "{}", excerpt(&refused.body));
        let done = s.send("POST", "/missing", &tm, Some(&away("Nottingham")));
        assert!(done.body.contains("Notification MN00001 was recorded."), "{}", excerpt(&done.body));
        assert!(done.body.contains("Out-of-area looked-after children placed here"));
        assert!(done.body.contains("Out-of-area share of looked-after episodes"));
        let (sw, _) = s.sign_in(&username(Role::SocialWorker));
        assert_eq!(s.send("GET", "/missing", &sw, None).status, StatusCode::FORBIDDEN);
    }

    fn cont_016_a_contact_register_request_recorded_through_its_page_shows_the_advice_letter(db) {
        let s = site(&db);
        let (sw, _) = s.sign_in(&username(Role::SocialWorker));
        let page = s.send("GET", "/adoption-services", &sw, None);
        assert_eq!(page.status, StatusCode::OK, "{}", excerpt(&page.body));
        let receive = form(&page.body, "receive");
        let records = receive.body(|n| match n {
            "name" => "Robin Adult".to_owned(),
            _ => String::new(),
        }).replace("kind=contact_register", "kind=birth_records");
        let refused = s.send("POST", "/adoption-services", &sw, Some(&records));
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("18 or over"), "{}", excerpt(&refused.body));
        let acr = receive.body(|n| match n {
            "name" => "Robin Adult".to_owned(),
            _ => String::new(),
        });
        let done = s.send("POST", "/adoption-services", &sw, Some(&acr));
        assert!(done.body.contains("was recorded"), "{}", excerpt(&done.body));
        assert!(done.body.contains("form CR part 1") && done.body.contains("Southport, Merseyside, PR8 2HH"), "{}", excerpt(&done.body));
        let close = form(&done.body, "step-close").body(|_| String::new());
        let closed = s.send("POST", "/adoption-services", &sw, Some(&close));
        assert!(closed.body.contains("Closed: Advice letter sent"), "{}", excerpt(&closed.body));
    }
}
