//! The complaints and agency records pages over HTTP on both backends: a
//! complaint recorded through its form is on the team manager's worklist
//! (CMPL-005) and leaves it when its response is recorded on its page; the
//! Statement of Purpose's overdue review (GOV-029) is on the service
//! manager's worklist and leaves it when the review is recorded on its page;
//! another team's manager is refused the complaint, and the refusal is
//! audited.

mod site;
use site::*;

fn form(html: &str, id: &str) -> site::forms::HtmlForm {
    forms::post_forms(html)
        .into_iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no form {id}: {}", excerpt(html)))
}

test_support::on_both_backends! {
    fn cmpl_005_a_complaint_recorded_through_its_page_is_on_the_worklist_until_answered(db) {
        let s = site(&db);
        let (tm, _) = s.sign_in(&username(Role::TeamManager));
        let list = s.send("GET", "/complaints", &tm, None);
        assert_eq!(list.status, StatusCode::OK);
        let receive = form(&list.body, "receive");
        // Without a name, nothing is recorded and the field says why.
        let nameless = s.send("POST", "/complaints", &tm, Some(&receive.body(|_| String::new())));
        assert_eq!(nameless.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(nameless.body.contains("Enter the complainant"), "{}", excerpt(&nameless.body));
        let body = receive.body(|n| match n {
            "name" => "Alex Testparent".into(),
            _ => String::new(),
        }).replace("date=31%2F03%2F2026", "date=10%2F03%2F2026");
        let done = s.send("POST", "/complaints", &tm, Some(&body));
        assert!(done.body.contains("was recorded"), "{}", excerpt(&done.body));
        let id = done.body.split("Complaint CMP").nth(1).map(|t| format!("CMP{}", &t[..5])).unwrap();
        let worklist = s.send("GET", "/worklist?view=team", &tm, None);
        let name = format!("Complaint {id} from Alex Testparent");
        assert!(worklist.body.contains(&name), "{}", excerpt(&worklist.body));
        assert!(worklist.body.contains(&format!("href=\"/complaints/{id}\"")));
        // Its page records the response; the line leaves the worklist.
        let page = s.send("GET", &format!("/complaints/{id}"), &tm, None);
        assert!(page.body.contains("Stage 1 complaint response (20 working days)"));
        let respond = form(&page.body, "step-respond_stage_one");
        let answered = s.send("POST", &respond.action, &tm, Some(&respond.body(|n| fill(n, Role::TeamManager))));
        assert!(answered.body.contains("Stage 1 answered"), "{}", excerpt(&answered.body));
        let after = s.send("GET", "/worklist?view=team", &tm, None);
        assert!(!after.body.contains(&name), "the line left the worklist");
        // A complaint about another team is not another team manager's.
        let other = s.store.read(|tx| {
            use store::PermanenceRepository;
            tx.records::<domain::complaints::complaint::Complaint>(store::RecordKind::Complaint, None)
        }).unwrap().len();
        let (cm, _) = s.sign_in(&username(Role::ComplaintsManager));
        let list = s.send("GET", "/complaints", &cm, None);
        let receive = form(&list.body, "receive");
        let body = receive.body(|n| match n {
            "name" => "Jo Otherteam".into(),
            _ => String::new(),
        }).replace("team=Fostering", "team=Kinship");
        assert!(s.send("POST", "/complaints", &cm, Some(&body)).body.contains("was recorded"));
        let theirs = format!("/complaints/CMP{:05}", other + 1);
        let refused = s.send("GET", &theirs, &tm, None);
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert!(!refused.body.contains("Otherteam"));
        assert_eq!(s.audit("view_complaint_denied"), 1);
    }

    fn gov_029_the_statement_of_purpose_review_is_recorded_on_its_page_and_leaves_the_worklist(db) {
        let s = site(&db);
        let (sm, _) = s.sign_in(&username(Role::ServiceManager));
        let worklist = s.send("GET", "/worklist", &sm, None);
        assert!(worklist.body.contains("Annual review of the Statement of Purpose"), "{}", excerpt(&worklist.body));
        assert!(worklist.body.contains(&format!("href=\"/agency/{}\"", s.agency_record)));
        let list = s.send("GET", "/agency", &sm, None);
        assert!(list.body.contains("Adoption Statement of Purpose") && list.body.contains("Overdue by"), "{}", excerpt(&list.body));
        let page = s.send("GET", &format!("/agency/{}", s.agency_record), &sm, None);
        let entry = form(&page.body, "entry");
        // A review in the future is refused, beside its field.
        let future = entry.body(|_| String::new()).replace("date=31%2F03%2F2026", "date=01%2F05%2F2026");
        let refused = s.send("POST", &entry.action, &sm, Some(&future));
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("The date cannot be in the future"), "{}", excerpt(&refused.body));
        let done = s.send("POST", &entry.action, &sm, Some(&entry.body(|_| String::new())));
        assert!(done.body.contains("Recorded."), "{}", excerpt(&done.body));
        assert!(done.body.contains("Reviewed"));
        let after = s.send("GET", "/worklist", &sm, None);
        assert!(!after.body.contains("Annual review of the Statement of Purpose"));
        // A social worker keeps no agency record.
        let (sw, _) = s.sign_in(&username(Role::SocialWorker));
        assert_eq!(s.send("GET", "/agency", &sw, None).status, StatusCode::FORBIDDEN);
    }

    fn fost_045_and_fost_037_the_agency_page_shows_the_fostering_services_calendar_and_the_months_missed(db) {
        let s = site(&db);
        let (sm, _) = s.sign_in(&username(Role::ServiceManager));
        let list = s.send("GET", "/agency", &sm, None);
        assert_eq!(list.status, StatusCode::OK);
        // On 31 March 2026 nothing is recorded: January and February are missed, March is still open.
        assert!(list.body.contains("Monthly return to the Departmental Management Team (FOST-045)"), "{}", excerpt(&list.body));
        assert!(list.body.contains("Missing: January 2026, February 2026<"), "{}", excerpt(&list.body));
        assert!(list.body.contains("Annual foster carer survey (FOST-038)") && list.body.contains("Missing: 1 of 1 in 2025"));
        // The January return recorded through the page's form leaves February missed.
        let publish = form(&list.body, "publish").body(|_| String::new())
            .replace("kind=adoption_statement_of_purpose", "kind=dmt_monthly_return")
            .replace("team=Adoption", "team=Fostering")
            .replace("date=31%2F03%2F2026", "date=28%2F01%2F2026");
        let done = s.send("POST", "/agency", &sm, Some(&publish));
        assert!(done.body.contains("Monthly return to the Departmental Management Team A"), "{}", excerpt(&done.body));
        let calendar = &done.body[done.body.find("id=\"calendar\"").unwrap()..];
        let cells = |c: &[&str]| c.iter().map(|t| format!("<td class=\"govuk-table__cell\">{t}</td>")).collect::<String>();
        let returns = cells(&["2026", "Monthly return to the Departmental Management Team (FOST-045)", "Fostering", "1", "12", "Missing: February 2026"]);
        assert!(calendar.contains(&returns), "{}", &calendar[..calendar.len().min(6000)]);
        // Its page offers the next return.
        let at = done.body.find("Management Team A").unwrap() + "Management Team ".len();
        let page = s.send("GET", &format!("/agency/{}", &done.body[at..at + 4]), &sm, None);
        assert!(page.body.contains("Record the next monthly return") && page.body.contains("Held: "), "{}", excerpt(&page.body));
    }

    fn cmpl_013_the_complaints_year_page_records_a_compliment_and_publishes_and_corrects_the_report(db) {
        let s = site(&db);
        let (cm, _) = s.sign_in(&username(Role::ComplaintsManager));
        let page = s.send("GET", "/complaints/annual?year=2025-26", &cm, None);
        assert_eq!(page.status, StatusCode::OK, "{}", excerpt(&page.body));
        assert!(page.body.contains("Stage 1 complaints received") && page.body.contains("Q4 2025-26 report to the department"));
        let untagged = form(&page.body, "compliment").body(|n| match n {
            "summary" => "Thank you".to_owned(),
            _ => String::new(),
        }).replace("team=CHILDREN+IN+CARE+TEAM", "team=");
        let refused = s.send("POST", "/complaints/annual", &cm, Some(&untagged));
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", excerpt(&refused.body));
        let tagged = untagged.replace("team=", "team=ADOPTION+TEAM");
        let done = s.send("POST", "/complaints/annual", &cm, Some(&tagged));
        assert!(done.body.contains("Compliment CPL00001 was recorded."), "{}", excerpt(&done.body));
        let publish = form(&done.body, "publish").body(|_| String::new()).replace("referrals=0", "referrals=100");
        let v1 = s.send("POST", "/complaints/annual", &cm, Some(&publish));
        assert!(v1.body.contains("Version 1 of the annual report was published."), "{}", excerpt(&v1.body));
        let again = form(&v1.body, "publish").body(|_| String::new());
        let no_note = s.send("POST", "/complaints/annual", &cm, Some(&again));
        assert!(no_note.body.contains("what the corrected version changes"), "{}", excerpt(&no_note.body));
        let v2 = s.send("POST", "/complaints/annual", &cm, Some(&again.replace("referrals=100", "referrals=200").replace("change_note=", "change_note=Referrals+corrected")));
        assert!(v2.body.contains("Version 2 of the annual report was published."), "{}", excerpt(&v2.body));
        assert!(v2.body.contains("Referrals corrected"));
        // A team manager sees the page but publishes nothing.
        let (tm, _) = s.sign_in(&username(Role::TeamManager));
        let theirs = s.send("GET", "/complaints/annual", &tm, None);
        assert!(!theirs.body.contains("id=\"publish"), "{}", excerpt(&theirs.body));
    }

    fn cmpl_011_a_complaint_is_closed_on_its_page_with_its_outcome_cause_and_costs(db) {
        let s = site(&db);
        let (tm, _) = s.sign_in(&username(Role::TeamManager));
        let url = format!("/complaints/{}", s.complaint);
        let page = s.send("GET", &url, &tm, None);
        let answered = s.send("POST", &url, &tm, Some(&form(&page.body, "step-respond_stage_one").body(|_| String::new())));
        assert!(answered.body.contains("Stage 1 answered"), "{}", excerpt(&answered.body));
        let (cm, _) = s.sign_in(&username(Role::ComplaintsManager));
        let page = s.send("GET", &url, &cm, None);
        let close = form(&page.body, "step-close");
        let bare = close.body(|_| String::new());
        let refused = s.send("POST", &url, &cm, Some(&bare));
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("Select the outcome"), "{}", excerpt(&refused.body));
        let good = close.body(|n| match n {
            "redress" => "Apology given".to_owned(),
            "cost_mediation" => "0".to_owned(),
            "outcome" => "partly_upheld".to_owned(),
            "cause" => "delay".to_owned(),
            _ => String::new(),
        });
        let closed = s.send("POST", &url, &cm, Some(&good));
        assert!(closed.body.contains("Fault found: partly upheld") && closed.body.contains("Apology given"), "{}", excerpt(&closed.body));
    }
}
