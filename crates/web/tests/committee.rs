//! The committee report's layout over HTTP, on both backends: the
//! committee's heading and the cover report (RPT-001, RPT-002), each
//! section's tables as the RPT- entries lay them out, in their sections,
//! each downloading as CSV and XLSX; the waiting list names no child.

mod site;
use site::*;

const HREF: &str = "/performance/report?period=2025-26";

/// The part of the report from `from` to the next heading of that level.
fn part<'a>(body: &'a str, from: &str, until: &str) -> &'a str {
    body.split(from)
        .nth(1)
        .and_then(|rest| rest.split(until).next())
        .unwrap_or_else(|| panic!("no {from}"))
}

test_support::on_both_backends! {
    fn rpt_001_rpt_002_the_report_is_headed_for_the_committee_with_the_cover_report_in_order(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::PerformanceAnalyst));
        let report = s.send("GET", HREF, &session, None);
        assert_eq!(report.status, StatusCode::OK, "{}", excerpt(&report.body));
        assert!(report.body.contains("Children and Families Overview and Scrutiny Committee"));
        assert!(report.body.contains("Joint report of the Chief Executive and the Director of Children and Family Services"));
        let cover = part(&report.body, "id=\"cover\"", "</section>");
        let headings: Vec<&str> = cover
            .split("<h3 class=\"govuk-heading-m app-cover-heading\">")
            .skip(1)
            .map(|h| h.split("</h3>").next().unwrap())
            .collect();
        assert_eq!(headings.first(), Some(&"Purpose of Report"));
        assert_eq!(headings.last(), Some(&"Officers to Contact"));
        let circulation = headings.iter().position(|h| *h == "Circulation under the Local Issues Alert Procedure");
        let papers = headings.iter().position(|h| *h == "Background Papers");
        assert!(papers.unwrap() < circulation.unwrap());
        // Paragraphs numbered 1, 2, 3 ... through the whole cover.
        let numbers: Vec<usize> = cover
            .split("<span class=\"app-cover-number\">")
            .skip(1)
            .map(|n| n.split('.').next().unwrap().parse().unwrap())
            .collect();
        assert_eq!(numbers, (1..=numbers.len()).collect::<Vec<_>>());
        assert!(numbers.len() >= headings.len());
        assert!(cover.contains("Test Performance analyst"), "the officer to contact");
    }

    fn rpt_004_rpt_006_rpt_015_rpt_010_each_section_has_its_tables_and_each_table_downloads(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::PerformanceAnalyst));
        let report = s.send("GET", HREF, &session, None);
        assert_eq!(report.status, StatusCode::OK);
        for (section, table) in [
            ("Children in care", "rpt-004"), ("Children in care", "rpt-022"),
            ("Adoption", "rpt-006"), ("Adoption", "rpt-015"), ("Adoption", "need-008"),
            ("Kinship and connected care", "rpt-008"), ("Complaints", "rpt-010"),
            ("Virtual School", "rpt-013"), ("Costs", "cost-002"), ("Costs", "cost-004"),
            ("Needs analysis", "need-017"), ("Appendices", "rpt-012"), ("Appendices", "rpt-018"),
        ] {
            let body = part(&report.body, &format!(". {section}</h2>"), "<h2 class=\"govuk-heading-l\">");
            assert!(body.contains(&format!("id=\"table-{table}\"")), "{table} in {section}");
        }
        // RPT-006: the 2025 scorecard's rows and columns.
        let scorecard = part(&report.body, "id=\"table-rpt-006\"", "</table>");
        for cell in [">Adoption Score Card</th>", ">2024-25</th>", ">2025-26</th>", ">Commentary</th>", ">A1: ", ">A2: ", ">A20: "] {
            assert!(scorecard.contains(cell), "{cell}");
        }
        // RPT-015: four columns, no child's name or identifier.
        let waiting = part(&report.body, "id=\"table-rpt-015\"", "</table>");
        assert_eq!(waiting.matches("<th scope=\"col\"").count(), 4);
        assert!(!waiting.contains(&s.own_child), "no identifier");
        // RPT-004 as CSV: a header and the eleven indicators; as XLSX.
        let csv = s.send("GET", &format!("{HREF}&table=rpt-004&format=csv"), &session, None);
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.headers[header::CONTENT_DISPOSITION].to_str().unwrap().contains("rpt-004-2025-26.csv"));
        assert_eq!(csv.body.lines().count(), 12, "{}", csv.body);
        assert!(csv.body.contains("Number of children in care"));
        let xlsx = s.send("GET", &format!("{HREF}&table=rpt-010&format=xlsx"), &session, None);
        assert_eq!(xlsx.status, StatusCode::OK);
        assert!(xlsx.headers[header::CONTENT_TYPE].to_str().unwrap().contains("spreadsheetml"));
        assert_eq!(s.audit("export"), 2);
        assert!(report.body.contains(&format!("{HREF}&amp;table=rpt-004&amp;format=csv")), "the link to download");
        // A table the report does not have is named.
        let none = s.send("GET", &format!("{HREF}&table=rpt-999&format=csv"), &session, None);
        assert_eq!(none.status, StatusCode::NOT_FOUND);
        assert!(none.body.contains("The report has no table"));
        assert_eq!(s.audit("view_committee_report"), 4);
    }
}
