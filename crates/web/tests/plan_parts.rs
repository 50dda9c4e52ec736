//! Parts of the plan page over HTTP on both backends: the Team Manager's
//! sign-off of the options appraisal (DATA-011) and an adoption plan's
//! timescales (PATH-023); and the child's information-sharing log, with
//! what prospective adopters still need before a listing (DATA-006,
//! PATH-026).

mod site;
use site::*;

/// Posts the section page at `uri` with `answers` over what it sends.
fn answer(s: &Site, session: &str, uri: &str, answers: &[(&str, &str)]) -> Reply {
    let page = s.send("GET", uri, session, None);
    assert_eq!(
        page.status,
        StatusCode::OK,
        "{uri}: {}",
        excerpt(&page.body)
    );
    post_form(s, session, &page.body, "answer", answers, uri)
}

/// Posts the form `id` of `html` with `answers` over what it sends.
fn post_form(
    s: &Site,
    session: &str,
    html: &str,
    id: &str,
    answers: &[(&str, &str)],
    fallback: &str,
) -> Reply {
    let form = forms::post_forms(html)
        .into_iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no form {id}: {}", excerpt(html)));
    let mut fields = form.fields.clone();
    for (name, value) in answers {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(f) => f.1 = (*value).to_owned(),
            None => fields.push(((*name).to_owned(), (*value).to_owned())),
        }
    }
    let body = fields
        .iter()
        .map(|(n, v)| format!("{}={}", forms::encode(n), forms::encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let action = if form.action.is_empty() {
        fallback.to_owned()
    } else {
        form.action.clone()
    };
    s.send("POST", &action, session, Some(&body))
}

test_support::on_both_backends! {
    fn data_011_a_team_manager_signs_off_the_appraisal_and_a_ruled_out_pathway_is_then_refused(db) {
        let s = site(&db);
        let (sw, _) = s.sign_in(&username(Role::SocialWorker));
        let child = s.own_child.clone();
        let section = |slug: &str| format!("/children/{child}/plan/sections/{slug}");
        let appraisal = [
            ("option1", "ruled_out"),
            ("option1_reasons", "Parenting assessment negative"),
            ("option2", "ruled_out"),
            ("option2_reasons", "Maternal aunt assessed and negative"),
            ("option3", "not_applicable"),
            ("option4", "ruled_out"),
            ("option4_reasons", "The child wishes to stay with the carers"),
            ("option5", "ruled_in"),
            ("option5_reasons", "The carers wish to care for the child until 18"),
        ];
        assert_eq!(answer(&s, &sw, &section("appraisal"), &appraisal).status, StatusCode::SEE_OTHER);
        assert_eq!(answer(&s, &sw, &section("pathway"), &[("pathway", "long_term_fostering")]).status, StatusCode::SEE_OTHER);
        let plan = format!("/children/{child}/plan");
        // The social worker is not offered the sign-off.
        let page = s.send("GET", &plan, &sw, None).body;
        assert!(page.contains("has not signed off the options appraisal"), "{}", excerpt(&page));
        assert!(!page.contains("Sign off the options appraisal</button>"), "{page}");
        let (tm, _) = s.sign_in(&username(Role::TeamManager));
        let page = s.send("GET", &plan, &tm, None).body;
        let signed = post_form(&s, &tm, &page, "sign-off", &[], &plan);
        assert_eq!(signed.status, StatusCode::OK, "{}", excerpt(&signed.body));
        assert!(signed.body.contains("The options appraisal was signed off."), "{}", excerpt(&signed.body));
        assert_eq!(s.audit("DATA-011.sign_off_appraisal"), 1);
        // The worker now sets the pathway to an SGO the appraisal ruled out.
        let before = s.audit("WF-PERM-PLAN.edit");
        let refused = answer(&s, &sw, &section("pathway"), &[("pathway", "special_guardianship_order")]);
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", excerpt(&refused.body));
        assert!(refused.body.contains("There is a problem") && refused.body.contains("did not rule in"), "{}", refused.body);
        assert_eq!(s.audit("WF-PERM-PLAN.edit"), before, "nothing saved");
    }

    fn path_023_the_adoption_plans_timescales_are_saved_from_the_plan_page_only_with_every_stage_dated(db) {
        let s = site(&db);
        let (sw, _) = s.sign_in(&username(Role::SocialWorker));
        let child = s.own_child.clone();
        let section = format!("/children/{child}/plan/sections/pathway");
        assert_eq!(answer(&s, &sw, &section, &[("pathway", "adoption")]).status, StatusCode::SEE_OTHER);
        let plan = format!("/children/{child}/plan");
        let page = s.send("GET", &plan, &sw, None).body;
        assert!(page.contains("Adoption plan timescales"), "{}", excerpt(&page));
        let some = [("agreed", "30/6/2025"), ("family_finding", "30/9/2025")];
        let refused = post_form(&s, &sw, &page, "adoption", &some, &plan);
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", excerpt(&refused.body));
        assert!(refused.body.contains("Every open stage needs a due date: match, placement"), "{}", refused.body);
        assert_eq!(s.audit("PATH-023.adoption_timescales"), 0);
        let page = s.send("GET", &plan, &sw, None).body;
        let all = [("agreed", "30/6/2025"), ("family_finding", "30/9/2025"), ("match", "31/12/2025"), ("placement", "28/2/2026"), ("order_application", "30/6/2026")];
        let saved = post_form(&s, &sw, &page, "adoption", &all, &plan);
        assert_eq!(saved.status, StatusCode::OK, "{}", excerpt(&saved.body));
        assert!(saved.body.contains("30 August 2025"), "the BID two months on: {}", saved.body);
        assert_eq!(s.audit("PATH-023.adoption_timescales"), 1);
    }

    fn data_006_path_026_the_information_sharing_log_is_listed_added_to_and_corrected_by_a_new_entry(db) {
        let s = site(&db);
        let (sw, _) = s.sign_in(&username(Role::SocialWorker));
        let child = s.own_child.clone();
        let log = format!("/children/{child}/information-shared");
        let page = s.send("GET", &log, &sw, None);
        assert_eq!(page.status, StatusCode::OK, "{}", excerpt(&page.body));
        assert!(page.body.contains("No information shared is recorded yet."), "{}", excerpt(&page.body));
        let social = [
            ("recipient_type", "prospective_adopter"),
            ("recipient", "The prospective adopters"),
            ("content", "social"),
            ("documents", "Child's permanence report\nLife story book"),
            ("shared_by", "The child's social worker"),
            ("how", "In person"),
            ("on", "30/4/2025"),
        ];
        // Bad input: the date is named, nothing saved.
        let mut undated = social;
        undated[6] = ("on", "");
        let refused = post_form(&s, &sw, &page.body, "share", &undated, &log);
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", excerpt(&refused.body));
        assert!(refused.body.contains("href=\"#share-on\"") && refused.body.contains("Enter the date it was shared"), "{}", refused.body);
        assert_eq!(s.audit("DATA-006.record"), 0, "nothing saved");
        let added = post_form(&s, &sw, &page.body, "share", &social, &log);
        assert_eq!(added.status, StatusCode::OK, "{}", excerpt(&added.body));
        assert!(added.body.contains("Entry 1 was added to the log."), "{}", excerpt(&added.body));
        // PATH-026: only social information given, so no listing yet.
        assert!(added.body.contains("A match cannot be listed for the Adoption Panel"), "{}", added.body);
        assert!(added.body.contains("Medical information provided") && added.body.contains("Legal information provided"), "{}", added.body);
        assert_eq!(s.audit("DATA-006.record"), 1);
        // The entry is never edited: its page offers a correction, prefilled.
        let entry = s.send("GET", &format!("{log}?correct=1"), &sw, None);
        assert_eq!(entry.status, StatusCode::OK, "{}", excerpt(&entry.body));
        assert!(entry.body.contains("cannot be changed") && entry.body.contains("Life story book"), "{}", entry.body);
        let corrected = post_form(&s, &sw, &entry.body, "share", &[("content", "social_medical_legal")], &log);
        assert_eq!(corrected.status, StatusCode::OK, "{}", excerpt(&corrected.body));
        assert!(corrected.body.contains("Entry 2 was added, correcting entry 1."), "{}", excerpt(&corrected.body));
        assert!(corrected.body.contains("Corrects entry 1"), "both entries listed: {}", corrected.body);
        assert!(corrected.body.contains("a match can be listed for the Adoption Panel"), "{}", corrected.body);
        assert_eq!((s.audit("DATA-006.record"), s.audit("DATA-006.correct")), (1, 1));
        // The log is the child's record: another team's worker cannot read it.
        let (melton, _) = s.sign_in(&username(Role::SocialWorker));
        let other = s.send("GET", &format!("/children/{}/information-shared", s.other_child), &melton, None);
        assert!(other.status.is_client_error(), "{}", excerpt(&other.body));
    }
}
