//! The draft permanence plan as a task list, over HTTP on both backends:
//! each section's page and status, adding and removing steps and outcomes,
//! the check of the answers before the plan is put forward, and a stale
//! edit refused.

mod site;
use site::*;

/// A section's page for the social worker: its form's body with `answers`
/// over what the page sends untouched.
fn answer(s: &Site, session: &str, uri: &str, answers: &[(&str, &str)]) -> String {
    let page = s.send("GET", uri, session, None);
    assert_eq!(
        page.status,
        StatusCode::OK,
        "{uri}: {}",
        excerpt(&page.body)
    );
    let form = forms::post_forms(&page.body)
        .into_iter()
        .find(|f| f.id == "answer")
        .unwrap_or_else(|| panic!("{uri} has its form: {}", excerpt(&page.body)));
    let mut fields = form.fields.clone();
    for (name, value) in answers {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(f) => f.1 = (*value).to_owned(),
            None => fields.push(((*name).to_owned(), (*value).to_owned())),
        }
    }
    fields
        .iter()
        .map(|(n, v)| format!("{}={}", forms::encode(n), forms::encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The status the task list shows for a section (by its slug).
fn status(s: &Site, session: &str, child: &str, slug: &str) -> String {
    let page = s.send(
        "GET",
        &format!("/children/{child}/plan/sections"),
        session,
        None,
    );
    assert_eq!(page.status, StatusCode::OK, "{}", excerpt(&page.body));
    let marker = format!("id=\"task-{slug}-status\">");
    let start = page
        .body
        .find(&marker)
        .unwrap_or_else(|| panic!("no {slug} on the task list: {}", page.body))
        + marker.len();
    let text = &page.body[start..];
    let text = &text[..text.find("</div>").unwrap()];
    text.split('<')
        .map(|t| t.split_once('>').map_or(t, |(_, rest)| rest))
        .collect::<String>()
}

/// The answers that complete each section, by slug.
fn answers_for(slug: &str) -> Vec<(&'static str, &'static str)> {
    match slug {
        "pathway" => vec![("pathway", "long_term_fostering")],
        "legal-route" => vec![
            ("legal_route", "Care Order (section 31 Children Act 1989)"),
            (
                "timeframe",
                "Matched at the Permanence Panel within 2 months",
            ),
            ("provisional", "no"),
        ],
        "appraisal" => vec![
            ("option1", "ruled_out"),
            ("option1_reasons", "Parenting assessment negative"),
            ("option2", "ruled_out"),
            ("option2_reasons", "Grandmother assessed and negative"),
            ("option3", "not_applicable"),
            ("option4", "ruled_out"),
            (
                "option4_reasons",
                "The child wishes to stay with the carers",
            ),
            ("option5", "ruled_in"),
            (
                "option5_reasons",
                "The carers wish to care for the child until 18",
            ),
        ],
        "contact" => vec![("contact_agreement", "CA-2026-0088")],
        "siblings" => vec![
            ("siblings", "apart"),
            ("siblings_reasons", "The brother is adopted"),
        ],
        "identity" => vec![
            ("ethnic_origin", "White British"),
            ("cultural_background", "Grew up in Loughborough"),
            ("language", "English"),
            ("religion", "None"),
            ("disability", "Not applicable: no disability"),
            ("sexuality", "Not known: not discussed at the child's age"),
        ],
        "wishes" => vec![
            ("wishes", "Wants to stay with the carers"),
            ("follows_wishes", "yes"),
        ],
        "carer" => vec![(
            "carer_views",
            "The carers wish to care for the child long-term",
        )],
        _ => Vec::new(),
    }
}

/// Answers sent wrong, the field the error is against and words of its message.
type Wrong = (
    Vec<(&'static str, &'static str)>,
    &'static str,
    &'static str,
);

/// What a section's page may be sent wrong, the field and the words naming it.
fn wrong_answer(slug: &str) -> Option<Wrong> {
    match slug {
        "pathway" => Some((vec![("pathway", "")], "answer-pathway", "Select the plan")),
        "legal-route" => Some((
            vec![
                ("parallel_pathway", "adoption"),
                ("parallel_decision", "soon"),
            ],
            "answer-parallel_decision",
            "Date by which the parallel plan is decided",
        )),
        "appraisal" => Some((
            vec![("option1", "ruled_out"), ("option1_reasons", "")],
            "answer-option1_reasons",
            "Enter why option 1",
        )),
        "contact" => Some((
            vec![("contact_agreement", "")],
            "answer-contact_agreement",
            "Enter the Contact Agreement",
        )),
        "siblings" => Some((
            vec![("siblings", "")],
            "answer-siblings",
            "Select whether the child should live with",
        )),
        "wishes" => Some((
            vec![
                ("wishes", "Wants to stay"),
                ("follows_wishes", "no"),
                ("reason_differs", ""),
            ],
            "answer-reason_differs",
            "Enter why the decision differs",
        )),
        "carer" => Some((
            vec![("carer_views", "")],
            "answer-carer_views",
            "Enter the carer",
        )),
        _ => None,
    }
}

/// The slugs of the sections the task list links to.
fn sections(s: &Site, session: &str, child: &str) -> Vec<String> {
    let page = s.send(
        "GET",
        &format!("/children/{child}/plan/sections"),
        session,
        None,
    );
    let prefix = format!("href=\"/children/{child}/plan/sections/");
    page.body
        .split(&prefix)
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_owned())
        .collect()
}

fn add(s: &Site, session: &str, uri: &str, answers: &[(&str, &str)]) -> Reply {
    let body = answer(s, session, uri, answers);
    s.send("POST", uri, session, Some(&body))
}

/// Completes every section of the child's draft plan with `pathway` and the
/// appraisal that leads to it, its steps, outcomes and support plan, and
/// moves it to the stage it is put forward from.
fn complete_plan(
    s: &Site,
    session: &str,
    child: &str,
    pathway: &'static str,
    appraisal: &[(&'static str, &'static str)],
) {
    let section = |slug: &str| format!("/children/{child}/plan/sections/{slug}");
    add(s, session, &section("pathway"), &[("pathway", pathway)]);
    for slug in sections(s, session, child) {
        let answers = if slug == "appraisal" {
            appraisal.to_vec()
        } else {
            answers_for(&slug)
        };
        if !answers.is_empty() && slug != "pathway" {
            add(s, session, &section(&slug), &answers);
        }
    }
    add(
        s,
        session,
        &section("steps"),
        &[
            ("description", "Placement review"),
            ("owner", "J Smith"),
            ("target", "31/10/2026"),
        ],
    );
    add(
        s,
        session,
        &section("outcomes"),
        &[
            ("area", "stability"),
            ("outcome", "Stays in the home until 18"),
        ],
    );
    let plan = format!("/children/{child}/plan");
    let page = s.send("GET", &plan, session, None).body;
    let support = forms::post_forms(&page)
        .into_iter()
        .find(|f| f.id == "support-plan")
        .expect("the support plan form");
    let body = support.body(|n| match n {
        "child_needs_now" => "Therapeutic support".into(),
        "child_needs_future" => "Support at secondary transfer".into(),
        "carer_needs" => "Respite".into(),
        "service" => "Therapeutic parenting course".into(),
        "provider_agency" => "CAMHS".into(),
        "start" => "1/4/2026".into(),
        "review" => "1/10/2026".into(),
        "carer_agreed" | "la_agreed" => "20/3/2026".into(),
        _ => String::new(),
    });
    assert_eq!(
        s.send("POST", &plan, session, Some(&body)).status,
        StatusCode::OK
    );
    for step in ["place", "start_assessment"] {
        let page = s.send("GET", &plan, session, None).body;
        if let Some(f) = forms::post_forms(&page)
            .into_iter()
            .find(|f| f.id == format!("step-{step}"))
        {
            s.send("POST", &plan, session, Some(&f.body(|_| String::new())));
        }
    }
}

test_support::on_both_backends! {
    fn plan_008_each_section_has_its_page_asks_its_question_and_shows_its_status(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::SocialWorker));
        let child = s.own_child.clone();
        let slugs = sections(&s, &session, &child);
        for slug in ["pathway", "legal-route", "appraisal", "outcomes", "steps", "contact", "identity", "wishes", "carer"] {
            assert!(slugs.iter().any(|s| s == slug), "{slug} is on the task list: {slugs:?}");
        }
        let list = s.send("GET", &format!("/children/{child}/plan/sections"), &session, None).body;
        assert!(list.contains("govuk-task-list") && list.contains("Not yet started"), "{list}");
        for slug in &slugs {
            let uri = format!("/children/{child}/plan/sections/{slug}");
            let page = s.send("GET", &uri, &session, None);
            assert_eq!(page.status, StatusCode::OK, "{slug}");
            // Rule IDs are for those who want them: in the details, not the labels.
            assert!(page.body.contains("Rules that apply"), "{slug}");
            for label in page.body.split("<label").skip(1).chain(page.body.split("<legend").skip(1)) {
                let label = &label[..label.find("</").unwrap()];
                for code in ["PLAN-", "PRIN-", "PATH-", "DATA-", "TRACK-"] {
                    assert!(!label.contains(code), "{slug}: a rule code in a label: {label}");
                }
            }
            if let Some((wrong, field, words)) = wrong_answer(slug) {
                let before = s.audit("WF-PERM-PLAN.edit");
                let refused = add(&s, &session, &uri, &wrong);
                assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{slug}: {}", excerpt(&refused.body));
                assert!(refused.body.contains("There is a problem") && refused.body.contains(&format!("href=\"#{field}\"")), "{slug}: {}", refused.body);
                assert!(refused.body.contains(words), "{slug}: {words} in {}", refused.body);
                assert_eq!(s.audit("WF-PERM-PLAN.edit"), before, "{slug}: nothing saved");
            }
            let answers = answers_for(slug);
            if answers.is_empty() {
                continue;
            }
            let before = s.audit("WF-PERM-PLAN.edit");
            let saved = add(&s, &session, &uri, &answers);
            assert_eq!(saved.status, StatusCode::SEE_OTHER, "{slug}: {}", excerpt(&saved.body));
            assert_eq!(saved.headers[header::LOCATION], format!("/children/{child}/plan/sections").as_str());
            assert_eq!(s.audit("WF-PERM-PLAN.edit"), before + 1, "{slug}: saved and audited");
            assert_eq!(status(&s, &session, &child, slug), "Completed", "{slug}");
        }
        // Identity half answered is in progress.
        let uri = format!("/children/{child}/plan/sections/identity");
        add(&s, &session, &uri, &[("religion", "")]);
        assert_eq!(status(&s, &session, &child, "identity"), "In progress");
        assert_eq!(status(&s, &session, &child, "steps"), "Not yet started");
    }

    fn plan_008_steps_and_outcomes_are_added_one_at_a_time_and_removed(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::SocialWorker));
        let child = s.own_child.clone();
        let uri = format!("/children/{child}/plan/sections/steps");
        // Nothing typed: each field is named.
        let refused = add(&s, &session, &uri, &[("target", "31/9/2026")]);
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        for (field, words) in [("answer-description", "Enter the step"), ("answer-owner", "Enter who is responsible"), ("answer-target", "Target date:")] {
            assert!(refused.body.contains(&format!("href=\"#{field}\"")) && refused.body.contains(words), "{field}: {}", refused.body);
        }
        assert_eq!(s.audit("WF-PERM-PLAN.edit"), 0);
        let first = add(&s, &session, &uri, &[("description", "LTF suitability assessment"), ("owner", "J Smith"), ("target", "30/9/2026")]);
        assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", excerpt(&first.body));
        assert_eq!(first.headers[header::LOCATION], uri.as_str(), "back to the list to add another");
        assert_eq!(status(&s, &session, &child, "steps"), "Completed");
        add(&s, &session, &uri, &[("description", "Permanence Panel"), ("owner", "J Smith"), ("target", "31/10/2026")]);
        let page = s.send("GET", &uri, &session, None).body;
        assert!(page.contains("LTF suitability assessment, by 30 September 2026 (J Smith)"), "{page}");
        assert!(page.contains("Permanence Panel, by 31 October 2026 (J Smith)"), "{page}");
        assert!(page.contains("Add another step"), "{page}");
        assert_eq!(s.audit("WF-PERM-PLAN.edit"), 2);
        // Remove the first.
        let remove = forms::post_forms(&page).into_iter().find(|f| f.id == "remove-0").expect("a remove button");
        let removed = s.send("POST", &uri, &session, Some(&remove.body(|_| String::new())));
        assert_eq!(removed.status, StatusCode::SEE_OTHER);
        let page = s.send("GET", &uri, &session, None).body;
        assert!(!page.contains("LTF suitability assessment") && page.contains("Permanence Panel, by 31 October 2026"), "{page}");
        assert_eq!(s.audit("WF-PERM-PLAN.edit"), 3);
        // Outcomes, under their area.
        let outcomes = format!("/children/{child}/plan/sections/outcomes");
        let refused = add(&s, &session, &outcomes, &[("outcome", "Stays at the same school")]);
        assert!(refused.body.contains("href=\"#answer-area\"") && refused.body.contains("Select the outcome area"), "{}", refused.body);
        add(&s, &session, &outcomes, &[("area", "education"), ("outcome", "Stays at the same school")]);
        // PRIN-019: no Stability objective is a warning, not a block.
        assert_eq!(status(&s, &session, &child, "outcomes"), "Completed");
        let page = s.send("GET", &outcomes, &session, None).body;
        assert!(page.contains("Education: Stays at the same school"), "{page}");
    }

    fn plan_008_check_answers_lists_what_stops_the_plan_then_puts_it_forward(db) {
        let s = site(&db);
        let (session, csrf) = s.sign_in(&username(Role::SocialWorker));
        let child = s.own_child.clone();
        let check = format!("/children/{child}/plan/check");
        let page = s.send("GET", &check, &session, None);
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Check your answers") && page.body.contains("Before the plan can be put forward"), "{}", page.body);
        assert!(page.body.contains("Pathway is missing") && page.body.contains(&format!("href=\"/children/{child}/plan/sections/pathway\"")), "{}", page.body);
        assert!(!page.body.contains("put-forward-submit"), "no button while the plan is incomplete");
        for slug in sections(&s, &session, &child) {
            let answers = answers_for(&slug);
            if !answers.is_empty() {
                add(&s, &session, &format!("/children/{child}/plan/sections/{slug}"), &answers);
            }
        }
        add(&s, &session, &format!("/children/{child}/plan/sections/steps"), &[("description", "Permanence Panel"), ("owner", "J Smith"), ("target", "31/10/2026")]);
        add(&s, &session, &format!("/children/{child}/plan/sections/outcomes"), &[("area", "stability"), ("outcome", "Stays with the carers until 18")]);
        // The support plan is a record of its own, linked from the plan page (PLAN-010).
        let plan = format!("/children/{child}/plan");
        let page = s.send("GET", &plan, &session, None).body;
        let support = forms::post_forms(&page).into_iter().find(|f| f.id == "support-plan").expect("the support plan form");
        let body = support.body(|n| match n {
            "child_needs_now" => "Therapeutic support".into(),
            "child_needs_future" => "Support at secondary transfer".into(),
            "carer_needs" => "Respite".into(),
            "service" => "Therapeutic parenting course".into(),
            "provider_agency" => "CAMHS".into(),
            "start" => "1/4/2026".into(),
            "review" => "1/10/2026".into(),
            "carer_agreed" | "la_agreed" => "20/3/2026".into(),
            _ => String::new(),
        });
        assert_eq!(s.send("POST", &plan, &session, Some(&body)).status, StatusCode::OK);
        assert_eq!(status(&s, &session, &child, "support"), "Completed");
        // The plan is put forward from a stage that allows it.
        for step in ["place", "start_assessment"] {
            let page = s.send("GET", &plan, &session, None).body;
            if let Some(f) = forms::post_forms(&page).into_iter().find(|f| f.id == format!("step-{step}")) {
                s.send("POST", &plan, &session, Some(&f.body(|_| String::new())));
            }
        }
        let page = s.send("GET", &check, &session, None);
        assert!(!page.body.contains("Before the plan can be put forward"), "{}", page.body);
        assert!(page.body.contains("Long-term fostering") && page.body.contains("CA-2026-0088"), "{}", page.body);
        assert!(page.body.contains("Permanence Panel, by 31 October 2026 (J Smith)"), "{}", page.body);
        assert!(page.body.contains("Change<span class=\"govuk-visually-hidden\"> Pathway</span>"), "{}", page.body);
        // "Change" opens the section and returns to the check once saved.
        let change = format!("/children/{child}/plan/sections/carer?from=check");
        assert!(page.body.contains(&format!("href=\"{change}\"")), "{}", page.body);
        let changed = add(&s, &session, &change, &[("carer_views", "The carers are approved and wish to care for the child long-term")]);
        assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", excerpt(&changed.body));
        assert_eq!(changed.headers[header::LOCATION], check.as_str());
        let page = s.send("GET", &check, &session, None);
        assert!(page.body.contains("The carers are approved and wish to care"), "{}", page.body);
        let version = hidden(&page.body, "version");
        // A stale page is refused on the check page, nothing moves.
        let stale = s.send("POST", &plan, &session, Some(&format!("csrf_token={csrf}&version={}&action=put_forward", version.parse::<i64>().unwrap() - 1)));
        assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(stale.body.contains("Check your answers") && stale.body.contains("changed by someone else"), "{}", stale.body);
        assert_eq!(s.audit("WF-PERM-PLAN.put_forward"), 0);
        let done = s.send("POST", &plan, &session, Some(&format!("csrf_token={csrf}&version={version}&action=put_forward")));
        assert_eq!(done.status, StatusCode::OK, "{}", excerpt(&done.body));
        assert!(done.body.contains("The plan was put forward for ratification."), "{}", excerpt(&done.body));
        assert!(done.body.contains("Put forward for ratification"), "the stage");
        assert_eq!(s.audit("WF-PERM-PLAN.put_forward"), 1);
        // The IRO ratifies it on the plan page.
        let (iro, _) = s.sign_in(&username(Role::IndependentReviewingOfficer));
        let page = s.send("GET", &plan, &iro, None).body;
        let ratify = forms::post_forms(&page).into_iter().find(|f| f.id == "step-ratify").expect("the IRO may ratify");
        let ratified = s.send("POST", &plan, &iro, Some(&ratify.body(|_| String::new())));
        assert!(ratified.body.contains("Ratified - subject to Permanence Panel"), "{}", excerpt(&ratified.body));
        // No longer a draft: the sections are read only, and the firmness shows.
        assert!(ratified.body.contains("How firm the plan is"), "{}", excerpt(&ratified.body));
        let list = s.send("GET", &format!("/children/{child}/plan/sections"), &session, None).body;
        assert!(!list.contains(&format!("href=\"/children/{child}/plan/sections/pathway\"")), "{list}");
        let section = s.send("GET", &format!("/children/{child}/plan/sections/pathway"), &session, None);
        assert_eq!(section.status, StatusCode::SEE_OTHER);
    }

    fn plan_008_a_section_saved_from_a_stale_page_is_refused_and_nothing_is_overwritten(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::SocialWorker));
        let child = s.own_child.clone();
        let pathway = format!("/children/{child}/plan/sections/pathway");
        let stale_body = answer(&s, &session, &pathway, &[("pathway", "adoption")]);
        // Someone else saves the plan first.
        let (manager, _) = s.sign_in(&username(Role::TeamManager));
        let saved = add(&s, &manager, &pathway, &[("pathway", "long_term_fostering")]);
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", excerpt(&saved.body));
        let stale = s.send("POST", &pathway, &session, Some(&stale_body));
        assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", excerpt(&stale.body));
        assert!(stale.body.contains("There is a problem") && stale.body.contains("changed by someone else"), "{}", stale.body);
        assert!(stale.body.contains("href=\"#answer-pathway\""), "the error names the question");
        // The page shows what is saved now, to answer again at its version.
        assert!(stale.body.contains("value=\"long_term_fostering\" checked"), "{}", stale.body);
        assert_eq!(s.audit("WF-PERM-PLAN.edit"), 1);
        let again = forms::post_forms(&stale.body).into_iter().find(|f| f.id == "answer").unwrap();
        let mut fields = again.fields.clone();
        fields.iter_mut().find(|(n, _)| n == "pathway").unwrap().1 = "adoption".into();
        let body = fields.iter().map(|(n, v)| format!("{}={}", forms::encode(n), forms::encode(v))).collect::<Vec<_>>().join("&");
        assert_eq!(s.send("POST", &pathway, &session, Some(&body)).status, StatusCode::SEE_OTHER);
        assert_eq!(s.audit("WF-PERM-PLAN.edit"), 2);
    }

    fn plan_008_the_plan_page_shows_the_sections_and_one_way_to_put_it_forward(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::SocialWorker));
        let plan = format!("/children/{}/plan", s.own_child);
        let page = s.send("GET", &plan, &session, None).body;
        assert!(page.contains("sections completed"), "{}", excerpt(&page));
        assert!(page.contains(&format!("href=\"{plan}/sections\"")), "{}", excerpt(&page));
        assert!(!page.contains("id=\"plan-submit\""), "the long form is gone");
        assert!(!page.contains("step-put_forward-submit"), "put forward only after checking the answers");
        // Rule IDs are in the details, not in the labels of what is recorded.
        assert!(page.contains("Rules that apply"), "{}", excerpt(&page));
        let kinds = &page[page.find("id=\"activity-kind\"").expect("the record form")..];
        let kinds = &kinds[..kinds.find("</select>").unwrap()];
        for code in ["PLAN-", "PRIN-", "TRACK-"] {
            assert!(!kinds.contains(code), "a rule code in a label: {kinds}");
        }
        assert!(!page.contains("(PLAN-013)") && !page.contains("(PRIN-019)"), "the warnings name no rule code: {}", excerpt(&page));
        // A draft is not called final.
        assert!(page.contains(">Draft<") && !page.contains(">Final<"), "{}", excerpt(&page));
    }

    fn prin_003_a_residential_plan_goes_forward_only_once_a_service_manager_approves_its_exceptional_needs(db) {
        let s = site(&db);
        let (worker, csrf) = s.sign_in(&username(Role::SocialWorker));
        let child = s.own_child.clone();
        let appraisal = [
            ("option1", "ruled_out"), ("option1_reasons", "Parenting assessment negative"),
            ("option2", "ruled_out"), ("option2_reasons", "No family member can meet the needs"),
            ("option3", "not_applicable"),
            ("option4", "ruled_out"), ("option4_reasons", "Needs cannot be met in a family"),
            ("option5", "ruled_out"), ("option5_reasons", "Three foster placements ended in 2025"),
            ("option6", "ruled_in"), ("option6_reasons", "Specialist therapeutic needs"),
        ];
        complete_plan(&s, &worker, &child, "residential", &appraisal);
        let exceptional = format!("/children/{child}/plan/sections/exceptional");
        let saved = add(&s, &worker, &exceptional, &[("exceptional", "EXC-2026-014"), ("circumstances", "Specialist therapeutic needs")]);
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", excerpt(&saved.body));
        // Before approval: listed on the check page, and putting forward is refused.
        let check = format!("/children/{child}/plan/check");
        let page = s.send("GET", &check, &worker, None).body;
        assert!(page.contains("Exceptional plan needs the Service Manager") && page.contains("Not yet: a service manager approves it"), "{page}");
        let plan = format!("/children/{child}/plan");
        let version = hidden(&s.send("GET", &plan, &worker, None).body, "version");
        let refused = s.send("POST", &plan, &worker, Some(&format!("csrf_token={csrf}&version={version}&action=put_forward")));
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", excerpt(&refused.body));
        assert!(refused.body.contains("cannot be put forward: exceptional plan needs the Service Manager"), "{}", refused.body);
        assert_eq!(s.audit("WF-PERM-PLAN.put_forward"), 0);
        // The social worker is not offered the approval, and is refused it.
        let page = s.send("GET", &plan, &worker, None).body;
        assert!(page.contains("Exceptional needs") && !page.contains("approve-exceptional-submit"), "{}", excerpt(&page));
        let forged = s.send("POST", &plan, &worker, Some(&format!("csrf_token={csrf}&version={version}&action=approve_exceptional")));
        assert_eq!(forged.status, StatusCode::FORBIDDEN, "{}", excerpt(&forged.body));
        assert_eq!(s.audit("WF-PERM-PLAN.approve_exceptional"), 0);
        // The service manager approves it from the plan page.
        let (manager, _) = s.sign_in(&username(Role::ServiceManager));
        let page = s.send("GET", &plan, &manager, None).body;
        let approve = forms::post_forms(&page).into_iter().find(|f| f.id == "approve-exceptional").expect("the service manager may approve");
        let body = approve.body(|_| String::new());
        let approved = s.send("POST", &plan, &manager, Some(&body));
        assert_eq!(approved.status, StatusCode::OK, "{}", excerpt(&approved.body));
        assert!(approved.body.contains("The exceptional needs were approved.") && !approved.body.contains("approve-exceptional-submit"), "{}", excerpt(&approved.body));
        assert_eq!(s.audit("WF-PERM-PLAN.approve_exceptional"), 1);
        // The same page sent again is stale: refused, nothing more recorded.
        let stale = s.send("POST", &plan, &manager, Some(&body));
        assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", excerpt(&stale.body));
        assert!(stale.body.contains("changed by someone else"), "{}", excerpt(&stale.body));
        assert_eq!(s.audit("WF-PERM-PLAN.approve_exceptional"), 1);
        // A changed assessment asks for approval again.
        add(&s, &worker, &exceptional, &[("exceptional", "EXC-2026-015")]);
        assert!(s.send("GET", &check, &worker, None).body.contains("Exceptional plan needs the Service Manager"));
        let page = s.send("GET", &plan, &manager, None).body;
        let approve = forms::post_forms(&page).into_iter().find(|f| f.id == "approve-exceptional").expect("approved again");
        assert_eq!(s.send("POST", &plan, &manager, Some(&approve.body(|_| String::new()))).status, StatusCode::OK);
        // After approval: the plan is put forward.
        let page = s.send("GET", &check, &worker, None).body;
        assert!(!page.contains("Before the plan can be put forward"), "{page}");
        let version = hidden(&page, "version");
        let done = s.send("POST", &plan, &worker, Some(&format!("csrf_token={csrf}&version={version}&action=put_forward")));
        assert_eq!(done.status, StatusCode::OK, "{}", excerpt(&done.body));
        assert!(done.body.contains("The plan was put forward for ratification."), "{}", excerpt(&done.body));
        assert_eq!(s.audit("WF-PERM-PLAN.put_forward"), 1);
    }

    fn track_002_the_plan_page_words_the_drift_and_keeps_its_codes_in_the_details(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::SocialWorker));
        let child = s.own_child.clone();
        // A parallel plan whose decision date has passed drifts (PLAN-007).
        let mut route = answers_for("legal-route");
        route.extend([("parallel_pathway", "adoption"), ("parallel_decision", "2/1/2026")]);
        let saved = add(&s, &session, &format!("/children/{child}/plan/sections/legal-route"), &route);
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", excerpt(&saved.body));
        let page = s.send("GET", &format!("/children/{child}/plan"), &session, None).body;
        let start = page.find("id=\"drift\">Drift</h2>").expect("the drift part");
        let part = &page[start..];
        let part = &part[..part.find("<h2 ").unwrap_or(part.len())];
        let (list, details) = part.split_once("Rules that apply").unwrap_or_else(|| panic!("the drift's rules in the details: {part}"));
        assert!(list.contains("open since") && list.contains(" days)"), "the drift is listed: {part}");
        for code in ["PLAN-", "PRIN-", "TRACK-", "(a)", "(b)", "(c)", "(d)"] {
            assert!(!list.contains(code), "a code in the drift's wording: {list}");
        }
        assert!(details.contains("drift reason (") && (details.contains("PLAN-") || details.contains("TRACK-")), "{details}");
    }

    fn gen_002_the_plan_of_a_child_back_in_care_after_an_adoption_breakdown_asks_for_the_return_to_family_section(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::SocialWorker));
        let child = s.own_child.clone();
        assert!(!sections(&s, &session, &child).iter().any(|slug| slug == "return-to-family"), "not asked of every plan");
        // The child was adopted before this period of care (PREV_PERM P1).
        let mut year = domain::census::CensusYear::new(2025);
        year.previous_permanence.push(domain::census::PreviousPermanence { kind: "P1".into(), council: "E10000018".into(), date_text: "01/03/2021".into(), date: domain::NaiveDate::from_ymd_opt(2021, 3, 1) });
        let id = domain::child::ChildId::parse(&child).unwrap();
        s.store.write(|tx| tx.insert_census(&[(id, year)])).unwrap();
        assert!(sections(&s, &session, &child).iter().any(|slug| slug == "return-to-family"));
        assert_eq!(status(&s, &session, &child, "return-to-family"), "Not yet started");
        let uri = format!("/children/{child}/plan/sections/return-to-family");
        let page = s.send("GET", &uri, &session, None);
        assert!(page.body.contains("What support is offered for the child") && page.body.contains("return to their family?"), "{}", excerpt(&page.body));
        assert!(page.body.contains("GEN-002"), "the rule is in the details");
        // Neither support nor a reason: refused beside the field, nothing saved.
        let before = s.audit("WF-PERM-PLAN.edit");
        let refused = add(&s, &session, &uri, &[]);
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", excerpt(&refused.body));
        assert!(refused.body.contains("href=\"#answer-support_social_worker\""), "{}", refused.body);
        assert_eq!(s.audit("WF-PERM-PLAN.edit"), before);
        let saved = add(&s, &session, &uri, &[("support_support_worker", "yes"), ("support_camhs", "yes")]);
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", excerpt(&saved.body));
        assert_eq!(status(&s, &session, &child, "return-to-family"), "Completed");
        let check = s.send("GET", &format!("/children/{child}/plan/check"), &session, None).body;
        assert!(check.contains("A support worker, CAMHS"), "{}", excerpt(&check));
    }
}
