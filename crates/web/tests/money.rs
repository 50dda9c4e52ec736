//! The money pages over HTTP on both backends: a team manager decides an
//! emergency payment with its reason on the ledger page (PAY-007; refused
//! without one, beside the field), finance pays it from the fund's balance
//! page and cannot pay it twice, and the finance export downloads as CSV
//! and XLSX; a social worker is refused the ledger.

mod site;
use site::*;

fn form(html: &str, id: &str) -> site::forms::HtmlForm {
    forms::post_forms(html)
        .into_iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no form {id}: {}", excerpt(html)))
}

test_support::on_both_backends! {
    fn pay_007_an_emergency_payment_is_decided_with_its_reason_and_paid_once_by_finance(db) {
        let s = site(&db);
        let (tm, _) = s.sign_in(&username(Role::TeamManager));
        let page = s.send("GET", "/money", &tm, None);
        assert_eq!(page.status, StatusCode::OK, "{}", excerpt(&page.body));
        let exempt = form(&page.body, "exempt");
        let child = s.own_child.clone();
        let fill_in = |reason: &'static str| {
            let child = child.clone();
            exempt.body(move |n| match n {
                "child" => child.clone(),
                "amount" => "350.00".into(),
                "reason" => reason.into(),
                _ => String::new(),
            })
        };
        let refused = s.send("POST", "/money/exempt", &tm, Some(&fill_in("")));
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("Reason: say why"), "{}", excerpt(&refused.body));
        let done = s.send("POST", "/money/exempt", &tm, Some(&fill_in("New locks after a threat")));
        assert!(done.body.contains("of £350.00 was agreed"), "{}", excerpt(&done.body));
        // Finance pays it from the fund's balance page.
        let (finance, _) = s.sign_in(&username(Role::FinanceOfficer));
        let account = format!("/money/accounts/discretionary/{child}/2025");
        let page = s.send("GET", &account, &finance, None);
        assert_eq!(page.status, StatusCode::OK, "{}", excerpt(&page.body));
        assert!(page.body.contains("New locks after a threat"), "the reason is on the page");
        let pay = form(&page.body, "pay");
        let body = pay.body(|n| match n { "amount" => "350.00".into(), "reason" => "Locksmith".into(), _ => String::new() });
        let paid = s.send("POST", &format!("{account}/pay"), &finance, Some(&body));
        assert!(paid.body.contains("Paid £350.00"), "{}", excerpt(&paid.body));
        // The same form again: the page it came from is out of date.
        let twice = s.send("POST", &format!("{account}/pay"), &finance, Some(&body));
        assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(twice.body.contains("changed by someone else"), "{}", excerpt(&twice.body));
        // The finance export.
        let csv = s.send("GET", "/money?format=csv", &finance, None);
        assert!(csv.body.contains(",Paid,emergency_safety,350,"), "{}", csv.body);
        let xlsx = s.send("GET", "/money?format=xlsx", &finance, None);
        assert_eq!(xlsx.status, StatusCode::OK);
        assert!(xlsx.bytes.starts_with(b"PK"), "an xlsx is a zip");
        // A social worker does not see the ledger; the refusal is audited.
        let (sw, _) = s.sign_in(&username(Role::SocialWorker));
        assert_eq!(s.send("GET", "/money", &sw, None).status, StatusCode::FORBIDDEN);
        assert!(s.audit("forbidden") >= 1);
        // Finance and managers have the ledger in the navigation; others do not.
        assert!(s.send("GET", "/worklist", &tm, None).body.contains("href=\"/money\""));
        assert!(!s.send("GET", "/", &sw, None).body.contains("href=\"/money\""));
        // The ledger is part of the child's subject access record.
        let journey = s.store.read(|tx| tx.journey(&domain::child::ChildId::parse(&child).unwrap())).unwrap().unwrap().value;
        let c = journey.child();
        let born = c.date_of_birth;
        use chrono::Datelike;
        let (auditor, _) = s.sign_in(&username(Role::Auditor));
        let name = format!("{} {}", c.name.family, c.name.given).to_lowercase().replace(' ', "+");
        let query = format!("/audit/subject-access?name={name}&day={}&month={}&year={}", born.day(), born.month(), born.year());
        let record = s.send("GET", &query, &auditor, None);
        assert!(record.body.contains("Money agreed and paid") && record.body.contains("New locks after a threat"), "{}", excerpt(&record.body));
    }
    fn a_social_worker_is_refused_every_money_form_and_the_refusal_is_audited(db) {
        let s = site(&db);
        let (sw, csrf) = s.sign_in(&username(Role::SocialWorker));
        let child = s.own_child.clone();
        // The routes need the permission to manage money: refused before
        // any use case runs, each refusal audited.
        let refused = s.audit("forbidden");
        let account = format!("/money/accounts/discretionary/{child}/2025");
        for path in ["/money/pay".to_owned(), "/money/exempt".to_owned(), format!("{account}/pay"), format!("{account}/reverse")] {
            let body = format!("csrf_token={csrf}&version=0&child={child}&amount=350.00&reason=New+locks&entry=x&case=x&type=emergency_safety");
            let refused = s.send("POST", &path, &sw, Some(&body));
            assert_eq!(refused.status, StatusCode::FORBIDDEN, "{path}: {}", excerpt(&refused.body));
        }
        assert_eq!(s.audit("forbidden"), refused + 4, "each refusal audited");
        // The fund's page too.
        assert_eq!(s.send("GET", &account, &sw, None).status, StatusCode::FORBIDDEN);
        let (finance, _) = s.sign_in(&username(Role::FinanceOfficer));
        let csv = s.send("GET", "/money?format=csv", &finance, None);
        assert!(!csv.body.contains("New locks"), "nothing was written: {}", csv.body);
    }
}
