//! The performance pages over HTTP, on both backends: an analyst opens the
//! figures of a period, each figure traces to the children behind it (by
//! identifier only for an analyst, by name for a service manager), and the
//! table and each list download as CSV and XLSX; a bad period is named.

mod site;
use domain::reporting::measures::MEASURES;
use site::*;

const PERIOD: &str = "2025-26";

/// The figure's counts as the page states them ("3 of 10", "4 children").
fn counts(page: &str, key: &str) -> (usize, Option<usize>) {
    let after = page
        .split(&format!("id=\"figure-{key}\""))
        .nth(1)
        .unwrap_or_else(|| panic!("no figure for {key}"));
    let hint = after
        .split("<span class=\"govuk-hint\">")
        .nth(1)
        .and_then(|h| h.split("</span>").next())
        .unwrap();
    match hint.split_once(" of ") {
        Some((n, d)) => (n.parse().unwrap(), Some(d.parse().unwrap())),
        // "4 children", "2 placements"
        None => (hint.split(' ').next().unwrap().parse().unwrap(), None),
    }
}

fn cells(page: &str, text: &str) -> usize {
    page.matches(&format!("<td class=\"govuk-table__cell\">{text}</td>"))
        .count()
}

/// The analyst opens the period's figures, follows one to its children and
/// finds as many counted (and in the denominator only) as the figure says,
/// each by identifier only; the list downloads as CSV; each read is audited.
fn figure_traces_to_its_children(s: &Site, key: &str) -> (usize, Option<usize>) {
    let (session, _) = s.sign_in(&username(Role::PerformanceAnalyst));
    let page = s.send(
        "GET",
        &format!("/performance?period={PERIOD}"),
        &session,
        None,
    );
    assert_eq!(page.status, StatusCode::OK, "{}", excerpt(&page.body));
    let (numerator, denominator) = counts(&page.body, key);
    let href = format!("/performance/{key}?period={PERIOD}");
    assert!(page.body.contains(&format!("href=\"{href}\"")));
    let list = s.send("GET", &href, &session, None);
    assert_eq!(list.status, StatusCode::OK, "{}", excerpt(&list.body));
    assert_eq!(cells(&list.body, "Counted"), numerator, "{key}");
    if let Some(d) = denominator {
        assert_eq!(
            cells(&list.body, "In the denominator only"),
            d - numerator,
            "{key}"
        );
    }
    let rows = list.body.matches("<tr class=\"govuk-table__row\">").count() - 1;
    assert_eq!(
        cells(&list.body, "Not shown"),
        rows,
        "{key}: no names for an analyst"
    );
    assert_eq!(s.audit("view_performance"), 1);
    assert_eq!(s.audit("view_measure_children"), 1);
    let csv = s.send("GET", &format!("{href}&format=csv"), &session, None);
    assert!(
        csv.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert_eq!(
        csv.body.lines().count(),
        rows + 1,
        "{key}: a header and a line a row"
    );
    (numerator, denominator)
}

macro_rules! each_measure {
    ($($name:ident => $key:literal),* $(,)?) => {
        test_support::on_both_backends! {
            $(fn $name(db) { figure_traces_to_its_children(&site(&db), $key); })*
        }
    };
}

mod each {
    use super::*;
    each_measure! {
    kpi_cic_03_admissions_trace_to_the_children_admitted => "cic-03",
    kpi_cic_05_discharges_by_adoption_trace_to_the_children_who_left => "cic-05-adopted",
    kpi_cic_05_discharges_by_special_guardianship_trace_to_the_children_who_left => "cic-05-sgo",
    kpi_cic_05_discharges_home_trace_to_the_children_who_left => "cic-05-home",
    kpi_cic_07_uasc_trace_to_the_children => "cic-07",
    kpi_cic_08_visits_in_time_trace_to_each_visit_due => "cic-08",
    kpi_cic_10_health_assessments_trace_to_the_children => "cic-10",
    kpi_cic_11_dental_checks_trace_to_the_children => "cic-11",
    kpi_cic_12_placement_stability_traces_to_the_children => "cic-12",
    kpi_cic_13_sdq_completion_traces_to_the_children => "cic-13",
    kpi_adp_01_a1_traces_to_the_children_adopted => "adp-01",
    kpi_adp_02_a2_traces_to_the_children_matched => "adp-02",
    kpi_adp_04_a3_traces_to_the_children_adopted => "adp-04",
    kpi_cic_16_review_participation_traces_to_the_children_reviewed => "cic-16",
    kpi_adp_03_a20_traces_to_the_children_with_a_placement_order => "adp-03",
    kpi_leave_03_neet_aged_19_traces_to_the_care_leavers => "leave-03",
    kpi_adp_06_ethnic_minority_placements_trace_to_the_children_placed => "adp-06",
    kpi_adp_15_children_waiting_trace_to_the_children => "adp-15",
    kpi_adp_16_children_placed_for_adoption_trace_to_the_children => "adp-16",
    kpi_adp_17_adoption_orders_trace_to_the_children_adopted => "adp-17",
    kpi_adp_19_fostering_for_adoption_traces_to_the_children => "adp-19",
    kpi_adp_20_disruptions_trace_to_each_placement_ended => "adp-20",
    kpi_miss_01_children_missing_trace_to_the_children => "miss-01-children",
    kpi_miss_01_missing_episodes_trace_to_each_episode => "miss-01-episodes",
    kpi_fos_01_foster_carer_enquiries_trace_to_each_households_role => "fos-01-enquiries",
    kpi_fos_04_approved_foster_households_trace_to_each_role => "fos-04-households",
    kpi_fos_20_connected_share_traces_to_each_approved_household => "fos-20",
    kpi_kin_03_approved_connected_carers_trace_to_each_role => "kin-03",
    kpi_sg_01_special_guardians_trace_to_each_role => "sg-01-carers",
    kpi_cmpl_01_complaints_received_trace_to_each_complaint => "cmpl-01-stage-1",
    kpi_cmpl_04_stage_one_timeliness_traces_to_each_complaint_answered => "cmpl-04",
    kpi_vs_09_uasc_students_of_school_age_trace_to_the_children => "vs-09-school-age",
    kpi_vs_09_uasc_students_post_16_trace_to_the_children => "vs-09-post-16",
    cost_001_agency_cost_avoided_traces_to_the_children_with_connected_carers => "cost-01",
    need_004_children_at_approval_for_adoption_aged_0_to_2_trace_to_the_children => "need-004-0-2",
    need_006_children_at_approval_for_adoption_disabled_trace_to_the_children => "need-006",
    kpi_vs_01_pep_completion_traces_to_each_term_a_pep_was_due => "vs-01",
    kpi_cic_09_care_plans_updated_trace_to_the_children_in_care => "cic-09",
    kpi_vs_10_the_school_age_roll_traces_to_the_children => "vs-10-school-age",
    kpi_miss_02_return_interviews_trace_to_each_episode => "miss-02",
    kpi_leave_01_pathway_plans_trace_to_the_young_people => "leave-01",
    kpi_cmpl_07_fault_found_traces_to_each_complaint_resolved => "cmpl-07",
    kpi_fos_08_panel_business_traces_to_each_role => "fos-08",
    cost_014_step_downs_trace_to_each_move => "cost-014",
    need_003_unaccompanied_children_by_sex_trace_to_the_children => "need-003",
    }
}

test_support::on_both_backends! {
    fn kpi_cic_01_children_in_care_trace_to_the_children_named_for_a_manager_not_an_analyst(db) {
        let s = site(&db);
        let (n, _) = figure_traces_to_its_children(&s, "cic-01");
        assert!(n > 0, "the council has children in care");
        let (manager, _) = s.sign_in(&username(Role::ServiceManager));
        let list = s.send("GET", &format!("/performance/cic-01?period={PERIOD}"), &manager, None);
        assert_eq!(list.status, StatusCode::OK);
        assert_eq!(cells(&list.body, "Not shown"), 0, "a service manager sees the names");
        assert_eq!(cells(&list.body, "Counted"), n);
    }

    fn kpi_conv_02_kpi_conv_03_the_page_shows_the_period_targets_rag_in_words_and_trends(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::PerformanceAnalyst));
        // The analyst's landing page links to the figures.
        let home = s.send("GET", "/", &session, None);
        assert!(home.body.contains("href=\"/performance\""), "{}", excerpt(&home.body));
        assert!(!home.body.contains("arrive here as the service grows"));
        let page = s.send("GET", "/performance?period=2025-26-q4", &session, None);
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Performance: Q4 2025-26"));
        assert!(page.body.contains("1 January 2026 to 31 March 2026"));
        // Each measure: its ID, its trend of three quarters as a chart with its table.
        for id in ["KPI-CIC-01", "KPI-CIC-08", "KPI-CIC-10", "KPI-CIC-11", "KPI-ADP-01", "KPI-ADP-04"] {
            assert!(page.body.contains(id), "{id}");
        }
        // A chart for each measure the records give; the others say why.
        let measured = MEASURES.iter().filter(|m| m.not_measured.is_none()).count();
        assert!(measured < MEASURES.len());
        assert_eq!(page.body.matches("<svg role=\"img\"").count(), measured);
        assert_eq!(
            page.body.matches("<p class=\"govuk-body\"><strong>Not measured</strong>: ").count(),
            MEASURES.len() - measured
        );
        assert!(page.body.contains("Q2 2025-26") && page.body.contains("Q3 2025-26"));
        // The dental target (70%) and the health assessments' (95%).
        assert!(page.body.contains("70.0%") && page.body.contains("95.0%"));
        assert!(page.body.contains("Higher is better") && page.body.contains("Lower is better"));
        let tags = page.body.matches("<strong class=\"govuk-tag govuk-tag--").count();
        let targets = MEASURES.iter().filter(|m| m.target.is_some()).count();
        assert!(tags <= targets, "RAG only where there is a target and a figure");
        // A period that cannot be read is named, with the error summary.
        let bad = s.send("GET", "/performance?period=2025-27", &session, None);
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(bad.body.contains("There is a problem"));
        assert!(bad.body.contains("Enter a financial year like 2024-25"));
        assert!(bad.body.contains("href=\"#period\""));
    }

    fn kpi_conv_04_the_table_downloads_as_csv_and_xlsx_with_every_measure(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::PerformanceAnalyst));
        let csv = s.send("GET", &format!("/performance?period={PERIOD}&format=csv"), &session, None);
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.headers[header::CONTENT_DISPOSITION].to_str().unwrap().contains("performance-2025-26.csv"));
        assert_eq!(csv.body.lines().count(), MEASURES.len() + 1, "a header and a line a measure");
        assert!(csv.body.contains("KPI-ADP-02"));
        let xlsx = s.send("GET", &format!("/performance?period={PERIOD}&format=xlsx"), &session, None);
        assert_eq!(xlsx.status, StatusCode::OK);
        assert!(xlsx.headers[header::CONTENT_TYPE].to_str().unwrap().contains("spreadsheetml"));
        assert_eq!(s.audit("export"), 2);
        // A1 and A2 show their three-year mean weighted by children.
        let page = s.send("GET", &format!("/performance?period={PERIOD}"), &session, None);
        let weighted = page.body.matches("Over the three periods, weighted by children").count();
        assert!(weighted <= 3, "A1, A2 and A20 only");
    }

    fn rpt_003_and_rpt_005_the_committee_report_has_each_section_with_headlines_charts_and_tables(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::PerformanceAnalyst));
        let page = s.send("GET", &format!("/performance?period={PERIOD}"), &session, None);
        let href = format!("/performance/report?period={PERIOD}");
        assert!(page.body.contains(&format!("href=\"{href}\"")), "the page links to the report");
        let report = s.send("GET", &href, &session, None);
        assert_eq!(report.status, StatusCode::OK, "{}", excerpt(&report.body));
        assert!(report.body.contains("Performance report for the committee: 2025-26"));
        for section in ["1. Children in care", "2. Care leavers", "3. Adoption", "4. Missing children"] {
            assert!(report.body.contains(section), "{section}");
        }
        // RPT-003: each measure over the three periods with target, RAG and
        // change; its chart with the chart's table; its figure linked to
        // the children behind it.
        assert!(report.body.contains("<th scope=\"col\" class=\"govuk-table__header\">2023-24</th>"));
        let measured = MEASURES.iter().filter(|m| m.not_measured.is_none()).count();
        assert_eq!(report.body.matches("<svg role=\"img\"").count(), measured);
        assert_eq!(report.body.matches(": the chart's figures</caption>").count(), measured);
        for m in MEASURES {
            assert!(report.body.contains(&format!("href=\"/performance/{}?period={PERIOD}\"", m.key)), "{}", m.key);
        }
        // RPT-005: the headline of children in care against the year before.
        let headline = report
            .body
            .split("<li>")
            .find(|l| l.contains(" Children in care compared to "))
            .expect("a headline for children in care");
        assert!(headline.contains(" for 2024-25"), "{headline}");
        assert!(report.body.contains("app-report-section"), "a section to a printed page");
        assert_eq!(s.audit("view_performance"), 2);
        // A period that cannot be read is named; a social worker is refused.
        let bad = s.send("GET", "/performance/report?period=2025-27", &session, None);
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(bad.body.contains("Enter a financial year like 2024-25"));
        let (worker, _) = s.sign_in(&username(Role::SocialWorker));
        let refused = s.send("GET", &href, &worker, None);
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
    }

    fn rpt_019_rpt_020_the_committee_report_has_a_needs_analysis_section_and_the_fostering_and_adoption_recruitment_funnels(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::PerformanceAnalyst));
        let report = s.send("GET", &format!("/performance/report?period={PERIOD}"), &session, None);
        assert_eq!(report.status, StatusCode::OK, "{}", excerpt(&report.body));
        // Adoption's three stages, then fostering's four, each after the
        // first with its conversion from the one before.
        let funnels: Vec<&str> = report.body.split("<p class=\"govuk-body app-report-funnel\">").skip(1).map(|f| f.split("</p>").next().unwrap()).collect();
        assert_eq!(funnels.len(), 2, "{funnels:?}");
        assert!(funnels.iter().all(|f| f.contains(" enquiries → ") && f.contains(" approvals")), "{funnels:?}");
        assert_eq!(funnels[0].matches(" → ").count(), 2);
        assert_eq!(funnels[1].matches(" → ").count(), 3);
        for section in ["Fostering", "Complaints", "Kinship and connected care", "Special guardianship", "Virtual School", "Costs", "Needs analysis"] {
            assert!(report.body.contains(&format!(". {section}</h2>")), "{section}");
        }
    }

    fn rpt_014_the_committee_report_of_a_quarter_has_the_missing_and_exploitation_figures_of_the_quarters_before(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::PerformanceAnalyst));
        // A report made in November 2025 is of Q2 2025-26: its missing
        // section holds missing episodes, return interviews, CSE and CCE
        // referrals, each over Q4 2024-25, Q1 and Q2 2025-26.
        let report = s.send("GET", "/performance/report?period=2025-26-q2", &session, None);
        assert_eq!(report.status, StatusCode::OK, "{}", excerpt(&report.body));
        let missing = report
            .body
            .split(". Missing children</h2>")
            .nth(1)
            .and_then(|rest| rest.split("<h2").next())
            .expect("a missing children section");
        for id in ["KPI-MISS-01", "KPI-MISS-02", "KPI-MISS-03", "KPI-MISS-04"] {
            assert!(missing.contains(id), "{id}");
        }
        for name in ["Return home interviews completed", "Child sexual exploitation (CSE) referrals", "Child criminal exploitation (CCE) referrals"] {
            assert!(missing.contains(name), "{name}");
        }
        for quarter in ["Q4 2024-25", "Q1 2025-26", "Q2 2025-26"] {
            assert!(missing.contains(&format!(">{quarter}</th>")), "{quarter}");
        }
    }

    fn kpi_cic_17_kpi_fos_15_a_measure_the_records_cannot_give_shows_not_measured_and_why_on_the_page_and_in_the_report(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::PerformanceAnalyst));
        let page = s.send("GET", &format!("/performance?period={PERIOD}"), &session, None);
        assert_eq!(page.status, StatusCode::OK, "{}", excerpt(&page.body));
        for (key, why) in [
            ("cic-17", "Who takes part in the Children in Care Council is not recorded."),
            ("fos-15", "Independent Visitors are not recorded: no household role is kept for them."),
        ] {
            let figure = page.body.split(&format!("id=\"figure-{key}\"")).nth(1).unwrap_or_else(|| panic!("{key}"));
            let figure = figure.split("</td>").next().unwrap();
            assert!(figure.contains(">Not measured<span"), "{figure}");
            assert!(figure.contains(why), "{figure}");
            // Its list says the same and lists no one.
            let list = s.send("GET", &format!("/performance/{key}?period={PERIOD}"), &session, None);
            assert_eq!(list.status, StatusCode::OK);
            assert!(list.body.contains(&format!("2025-26: Not measured ({why})")), "{}", excerpt(&list.body));
            assert_eq!(cells(&list.body, "Counted"), 0);
        }
        // KPI-FOS-15 has a target (100 Independent Visitors) but, with no figure, no RAG.
        let row = page.body.split("id=\"figure-fos-15\"").nth(1).unwrap().split("</tr>").next().unwrap();
        assert!(row.contains("No target") || !row.contains("govuk-tag"), "{row}");
        let report = s.send("GET", &format!("/performance/report?period={PERIOD}"), &session, None);
        assert!(report.body.contains("Not measured<span class=\"govuk-visually-hidden\">: the children behind Children in Care Council participation</span></a> (Who takes part in the Children in Care Council is not recorded.)"));
    }
}
