//! The approved carer's life on their page: annual reviews with the
//! training hours of each review year and who contributed (FOST-024,
//! FOST-018), the supervising social worker's visits (FOST-022) and the
//! training booked and attended (WF-TRAINING).

use app::fostering::carers::CarerView;
use domain::fostering::reviews::CONTRIBUTORS;

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
