//! A change of a ratified permanence plan over HTTP on both backends: the
//! Children's Rights Officer / advocacy offer the IRO needs recorded before
//! agreeing the change at review (ROLE-010).

mod site;
use site::*;

/// The form with `id` on the plan page of `child` as `session` sees it.
fn form(s: &Site, session: &str, child: &str, id: &str) -> Option<forms::HtmlForm> {
    let page = s.send("GET", &format!("/children/{child}/plan"), session, None);
    assert_eq!(page.status, StatusCode::OK, "{}", excerpt(&page.body));
    forms::post_forms(&page.body)
        .into_iter()
        .find(|f| f.id == id)
}

/// A form's value for `name`.
fn value(f: &forms::HtmlForm, name: &str) -> String {
    f.fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

test_support::on_both_backends! {
    fn role_010_the_iro_agrees_a_change_of_plan_only_after_the_advocacy_offer_and_response(db) {
        let s = site(&db);
        let child = s.plan_child.clone();
        let plan = format!("/children/{child}/plan/change");
        let (sw, csrf) = s.sign_in(&username(Role::SocialWorker));
        // The social worker proposes a change from long-term fostering to a special guardianship order.
        let propose = form(&s, &sw, &child, "change").expect("the social worker may propose a change");
        let body = format!("csrf_token={csrf}&version={}&action=propose&to={}&reasons=Carers+to+apply+for+an+SGO", value(&propose, "version"), domain::permanence::plan::Pathway::SpecialGuardianshipOrder.code());
        s.send("POST", &plan, &sw, Some(&body));
        assert_eq!(s.audit("WF-PLAN-CHANGE.propose"), 1);
        // The team manager agrees; the panel's adviser records the panel's agreement.
        for role in [Role::TeamManager, Role::PanelAdviser] {
            let (session, _) = s.sign_in(&username(role));
            let f = form(&s, &session, &child, "authorise").unwrap_or_else(|| panic!("{role:?} may agree"));
            s.send("POST", &plan, &session, Some(&f.body(|_| String::new())));
        }
        assert_eq!(s.audit("WF-PLAN-CHANGE.authorise") + s.audit("WF-PLAN-CHANGE.tm_agree"), 2);
        // Authorised, but the offer is not recorded: the IRO is not offered the agreement and is refused it.
        let (iro, iro_csrf) = s.sign_in(&username(Role::IndependentReviewingOfficer));
        assert!(form(&s, &iro, &child, "agree").is_none(), "no agreement before the offer");
        let page = s.send("GET", &format!("/children/{child}/plan"), &iro, None).body;
        assert!(page.contains("Not yet offered"), "{}", excerpt(&page));
        let offer = form(&s, &sw, &child, "advocacy").expect("the social worker records the offer");
        let (version, change) = (value(&offer, "version"), value(&offer, "change"));
        let refused = s.send("POST", &plan, &iro, Some(&format!("csrf_token={iro_csrf}&version={version}&action=agree&change={change}&on=")));
        assert!(refused.body.contains("Offer Children&#39;s Rights Officer / advocacy</a>"), "{}", refused.body);
        assert_eq!(s.audit("WF-PLAN-CHANGE.agree_at_review"), 0);
        // No response chosen: the field is named and nothing changes.
        let missing = s.send("POST", &plan, &sw, Some(&format!("csrf_token={csrf}&version={version}&action=advocacy&change={change}&response=")));
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", excerpt(&missing.body));
        assert!(missing.body.contains("href=\"#advocacy-response\""), "{}", missing.body);
        assert_eq!(s.audit("ROLE-010.advocacy_offer"), 0);
        s.send("POST", &plan, &sw, Some(&format!("csrf_token={csrf}&version={version}&action=advocacy&change={change}&response=declined")));
        assert_eq!(s.audit("ROLE-010.advocacy_offer"), 1);
        let page = s.send("GET", &format!("/children/{child}/plan"), &iro, None).body;
        assert!(page.contains(": declined"), "{}", excerpt(&page));
        let agree = form(&s, &iro, &child, "agree").expect("the IRO may now agree the change at review");
        s.send("POST", &plan, &iro, Some(&agree.body(|_| String::new())));
        assert_eq!(s.audit("WF-PLAN-CHANGE.agree_at_review"), 1);
    }
}
