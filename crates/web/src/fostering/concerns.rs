//! A foster carer's troubles and history on their page: allegations and
//! their route (WF-FOST-ALLEGATION, FOST-020), informal concerns (FOST-046)
//! and the chronology (FOST-021); the forms of those steps that carry more
//! than a date; and the foster carers list's picture of the service:
//! caseloads (FOST-023), households available (FOST-030) and the child's
//! social worker's contributions to reviews (FOST-018).

use app::fostering::carers::{CarerView, CarersOverview};
use chrono::NaiveDate;
use domain::fostering::carers::FosterStep;
use domain::fostering::concerns::{
    ALLEGATION_OUTCOMES, CASELOAD_CEILING, CONCERN_RAISERS, Concern, ConcernStep,
};

use crate::handler::Fields;
use crate::ui::{FieldSpec, Part, cell, field, long_date, opt_date, part, select};

fn options(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(c, l)| ((*c).to_owned(), (*l).to_owned()))
        .collect()
}

/// The fields of a step of this file beyond its date, if it is one.
pub(super) fn step_fields(name: &str) -> Option<Vec<FieldSpec>> {
    Some(match name {
        "conclude_allegation" => vec![select(
            "outcome",
            "Outcome",
            "",
            std::iter::once((String::new(), "Choose the outcome".to_owned()))
                .chain(options(ALLEGATION_OUTCOMES))
                .collect(),
        )],
        "record_concern" => vec![
            select("raised_by", "Raised by", "carer", options(CONCERN_RAISERS)),
            field("summary", "What the concern is about", "textarea", ""),
        ],
        _ => return None,
    })
}

/// A step of this file read from its form, if it is one.
pub(super) fn read_step(name: &str, on: NaiveDate, fields: &Fields) -> Option<FosterStep> {
    Some(FosterStep::Concern(match name {
        "conclude_allegation" => ConcernStep::ConcludeAllegation {
            on,
            outcome: fields.get("outcome"),
        },
        "record_concern" => ConcernStep::RaiseConcern(Concern {
            on,
            raised_by: fields.get("raised_by"),
            summary: fields.get("summary"),
        }),
        _ => return None,
    }))
}

/// The allegations, concerns and chronology parts of a carer's page.
pub(super) fn parts(view: &CarerView, today: NaiveDate) -> Vec<Part> {
    let f = &view.file;
    let mut out = Vec::new();
    if !f.allegations.is_empty() {
        let mut p = part("allegations", "Allegations");
        if f.awaiting_lado() {
            p.paragraphs.push(
                "The allegation has not been referred to the LADO: nothing else can be recorded on it until it is."
                    .into(),
            );
        }
        p.table_headers = [
            "Logged",
            "Referred to the LADO",
            "Position of Trust meeting",
            "Outcome",
        ]
        .map(String::from)
        .to_vec();
        p.table_rows = f
            .allegations
            .iter()
            .map(|a| {
                vec![
                    cell(long_date(a.logged)),
                    cell(opt_date(a.lado_referred)),
                    cell(opt_date(a.position_of_trust)),
                    cell(a.outcome_label()),
                ]
            })
            .collect();
        out.push(p);
    }
    if f.gives_short_breaks() {
        let mut p = part("short-breaks", "Short breaks");
        p.paragraphs.push(
            "A Short Breaks carer gives at least one weekend's short break every month (FOST-033)."
                .into(),
        );
        if !view.short_breaks_missed.is_empty() {
            p.paragraphs.push(format!(
                "No weekend short break in {}.",
                view.short_breaks_missed
                    .iter()
                    .map(|m| m.format("%B %Y").to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        p.table_headers = vec!["Short break from".into()];
        p.table_rows = f
            .short_breaks
            .iter()
            .map(|d| vec![cell(long_date(*d))])
            .collect();
        out.push(p);
    }
    let chronology = f.chronology(&view.role);
    let mut p = part("chronology", "Chronology");
    if view.role.is_open() && domain::fostering::concerns::chronology_stale(&chronology, today) {
        p.paragraphs
            .push("Nothing has been added to the chronology in the last 12 months.".into());
    }
    p.table_headers = vec!["Date".into(), "What happened".into()];
    p.table_rows = chronology
        .into_iter()
        .map(|(d, what)| vec![cell(long_date(d)), cell(what)])
        .collect();
    out.push(p);
    out
}

/// The foster carers list's picture of the service.
pub(super) fn overview_parts(o: &CarersOverview) -> Vec<Part> {
    let mut load = part("caseloads", "Supervising social workers' caseloads");
    load.paragraphs.push(format!(
        "Approved households each worker supervises; above {CASELOAD_CEILING} is above the ceiling."
    ));
    load.table_headers = vec!["Worker".into(), "Households".into(), "Alert".into()];
    load.table_rows = o
        .caseloads
        .iter()
        .map(|(w, n, over)| {
            vec![
                cell(w.clone()),
                cell(n.to_string()),
                cell(if *over { "Above the ceiling" } else { "" }),
            ]
        })
        .collect();
    let c = &o.capacity;
    let mut capacity = part("capacity", "Households available");
    capacity.rows = vec![
        ("Approved households".into(), c.households.to_string()),
        (
            "Approved for respite only".into(),
            c.respite_only.to_string(),
        ),
        ("On hold".into(), c.on_hold.to_string()),
        ("Available full time".into(), c.available().to_string()),
        (
            "Resigned within 2 years of approval".into(),
            c.early_resignations.to_string(),
        ),
        (
            "Specialist carers' places (One2One, Pathway, Short Breaks, Parent and Child)".into(),
            format!(
                "{} households, {} places, {} children placed, {} vacant",
                o.specialist.households,
                o.specialist.capacity,
                o.specialist.placed,
                o.specialist.vacancies()
            ),
        ),
        (
            "Reviews this month with the child's social worker's contribution".into(),
            format!("{} of {}", o.csw_contributions.0, o.csw_contributions.1),
        ),
    ];
    let mut recruitment = part("recruitment", "Recruitment against target");
    recruitment.paragraphs.push(
        "Carers approved this financial year against its targets (FOST-043); where the service's documents give two targets, both are shown."
            .into(),
    );
    recruitment.table_headers = ["Year", "Scheme", "Approved", "Against target"]
        .map(String::from)
        .to_vec();
    recruitment.table_rows = o
        .recruitment
        .iter()
        .map(|a| {
            vec![
                cell(a.year_words()),
                cell(a.scheme.label()),
                cell(a.approvals.to_string()),
                cell(
                    a.against
                        .iter()
                        .map(|(t, pc)| format!("{pc}% of {t}"))
                        .collect::<Vec<_>>()
                        .join(" or "),
                ),
            ]
        })
        .collect();
    vec![capacity, load, recruitment]
}
