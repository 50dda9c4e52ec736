//! The approved carer's life on their page: annual reviews with the
//! training hours of each review year and who contributed (FOST-024,
//! FOST-018), the supervising social worker's visits (FOST-022) and the
//! training booked and attended (WF-TRAINING).

use app::fostering::carers::CarerView;
use domain::fostering::reviews::{CONTRIBUTORS, UNANNOUNCED_A_YEAR, VisitCompliance};
use domain::passport::ledger::year_label;

use crate::ui::{Part, cell, long_date, part, pounds};

fn headers(names: &[&str]) -> Vec<String> {
    names.iter().map(|h| (*h).to_owned()).collect()
}

/// The reviews, visits and training parts, each only once it has a line.
pub(crate) fn life_parts(view: &CarerView) -> Vec<Part> {
    let f = &view.file;
    let mut out = Vec::new();
    if !f.reviews.is_empty() {
        let mut p = part("reviews", "Annual reviews");
        p.table_headers = headers(&[
            "Date",
            "Training hours in the year",
            "Contributions",
            "Override note",
        ]);
        p.table_rows = f
            .reviews
            .iter()
            .map(|r| {
                let who: Vec<&str> = CONTRIBUTORS
                    .iter()
                    .filter(|(c, _)| r.contributions.iter().any(|x| x == c))
                    .map(|(_, l)| *l)
                    .collect();
                vec![
                    cell(long_date(r.on)),
                    cell(r.training_hours.to_string()),
                    cell(who.join(", ")),
                    cell(r.override_note.clone()),
                ]
            })
            .collect();
        out.push(p);
    }
    if !f.visits.is_empty() {
        let mut p = part("visits", "Supervising social worker's visits");
        p.table_headers = headers(&["Date", "Kind"]);
        p.table_rows = f
            .visits
            .iter()
            .rev()
            .map(|v| vec![cell(long_date(v.on)), cell(v.kind.label())])
            .collect();
        out.push(p);
    }
    if let Some(c) = &view.visit_compliance {
        out.push(compliance_part(c));
    }
    if !f.training.is_empty() {
        let mut p = part("training", "Training");
        // TRAIN-003: no booking is charged.
        p.table_headers = headers(&["Course", "Date", "Hours", "State", "Charge"]);
        p.table_rows = f
            .training
            .iter()
            .map(|b| {
                vec![
                    cell(b.course.clone()),
                    cell(long_date(b.course_date)),
                    cell(b.hours.to_string()),
                    cell(b.state()),
                    cell(pounds(0)),
                ]
            })
            .collect();
        out.push(p);
    }
    out
}

/// VISIT-008 and VISIT-009: the months with no visit and the unannounced
/// visits of the financial years.
fn compliance_part(c: &VisitCompliance) -> Part {
    let mut p = part("visit-compliance", "Visits against the standard");
    p.paragraphs = vec![
        "At least one visit every month and three unannounced visits every financial year; an unannounced visit counts as the month's visit too.".into(),
    ];
    p.rules = vec![
        (
            "VISIT-008".into(),
            "the supervising social worker visits at least once a month".into(),
        ),
        (
            "VISIT-009".into(),
            "three unannounced visits in each financial year".into(),
        ),
    ];
    let missed = if c.missed_months.is_empty() {
        "None".to_owned()
    } else {
        c.missed_months
            .iter()
            .map(|m| m.format("%B %Y").to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (year, n) = c.this_year;
    p.rows = vec![
        ("Months with no visit".into(), missed),
        (
            format!("Unannounced visits in {} so far", year_label(year)),
            format!("{n} of {UNANNOUNCED_A_YEAR}"),
        ),
    ];
    if let Some((y, n, short)) = c.last_year {
        let verdict = match short {
            0 => format!("{n} of {UNANNOUNCED_A_YEAR}: met"),
            1 => format!("{n} of {UNANNOUNCED_A_YEAR}: one unannounced visit short"),
            s => format!("{n} of {UNANNOUNCED_A_YEAR}: {s} unannounced visits short"),
        };
        p.rows
            .push((format!("Unannounced visits in {}", year_label(y)), verdict));
    }
    p
}
