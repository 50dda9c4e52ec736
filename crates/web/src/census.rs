//! What the SSDA903 returns stated beyond the journey, on the child's
//! record: a section per table (AD1, PlacedAdoption, OC2, OC3, PrevPerm)
//! with its collection year, the dated entries on the timeline; and the
//! record of a care leaver held without a journey.

use axum::http::StatusCode;
use chrono::NaiveDate;
use domain::census::{CareLeaver, CensusYear};
use domain::child::ChildId;
use domain::codes::CodeList;

use crate::children::{ChildPage, TimelineItem};
use crate::handler::*;
use crate::ui::*;

/// One table of the return on the child's record.
pub(crate) struct CensusSection {
    pub title: &'static str,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

fn year_text(y: &CensusYear) -> String {
    format!("{}-{:02}", y.year, (y.year + 1) % 100)
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(long_date).unwrap_or_default()
}

/// A section per table the child's years state anything in.
pub(crate) fn sections(years: &[CensusYear]) -> Vec<CensusSection> {
    let mut adoption = CensusSection {
        title: "Adoption (AD1)",
        headers: vec![
            "Return",
            "Decision to place for adoption",
            "Matched",
            "By foster carers",
            "Adopters",
            "Adopters' sex",
            "Adopters' legal status",
        ],
        rows: vec![],
    };
    let mut placed = CensusSection {
        title: "Decisions to place for adoption",
        headers: vec!["Return", "Decision", "Reversed or ended", "Why"],
        rows: vec![],
    };
    let mut outcomes = CensusSection {
        title: "Outcomes after twelve months in care (OC2)",
        headers: std::iter::once("Return")
            .chain(
                domain::census::OutcomesInCare::default()
                    .answers()
                    .map(|(q, _)| q),
            )
            .collect(),
        rows: vec![],
    };
    let mut leaving = CensusSection {
        title: "Care leaver (OC3)",
        headers: vec!["Return", "In touch", "Activity", "Accommodation"],
        rows: vec![],
    };
    let mut previous = CensusSection {
        title: "Previous permanence",
        headers: vec!["Return", "Order", "Council", "Date"],
        rows: vec![],
    };
    for y in years {
        let year = year_text(y);
        for a in &y.adoption {
            adoption.rows.push(vec![
                year.clone(),
                date(a.should_be_placed),
                date(a.matched),
                a.foster_care.clone(),
                a.adopters.clone(),
                a.adopters_sex.clone(),
                a.adopters_legal_status.clone(),
            ]);
        }
        for p in &y.placed_for_adoption {
            placed.rows.push(vec![
                year.clone(),
                date(p.decided),
                date(p.ceased),
                p.reason_ceased.clone(),
            ]);
        }
        for o in &y.outcomes {
            outcomes.rows.push(
                std::iter::once(year.clone())
                    .chain(o.answers().map(|(_, a)| a.to_owned()))
                    .collect(),
            );
        }
        for o in &y.leaving_care {
            leaving.rows.push(vec![
                year.clone(),
                o.in_touch.clone(),
                o.activity.clone(),
                o.accommodation.clone(),
            ]);
        }
        for p in &y.previous_permanence {
            previous.rows.push(vec![
                year.clone(),
                p.kind.clone(),
                p.council.clone(),
                p.date.map(long_date).unwrap_or_else(|| p.date_text.clone()),
            ]);
        }
    }
    [adoption, placed, outcomes, leaving, previous]
        .into_iter()
        .filter(|s| !s.rows.is_empty())
        .collect()
}

/// The dated entries of the child's years, for the timeline.
pub(crate) fn timeline(years: &[CensusYear]) -> Vec<(NaiveDate, TimelineItem)> {
    years
        .iter()
        .flat_map(|y| {
            y.dated().into_iter().map(move |(d, what)| {
                (
                    d,
                    TimelineItem {
                        title: what.to_owned(),
                        date: long_date(d),
                        description: format!("From the {} return", year_text(y)),
                    },
                )
            })
        })
        .collect()
}

/// The record of a care leaver held without a journey (found when no
/// journey has the identifier). Opening it is audited.
pub(crate) async fn care_leaver(caller: &Caller, id: ChildId) -> Page {
    let from = caller.from.clone();
    let (leaver, years): (CareLeaver, Vec<CensusYear>) = caller
        .page(move |c| app::census::open_care_leaver(&c.store, c.user(), c.clock(), &id, &from))
        .await?;
    let c = &leaver.child;
    let details = vec![
        ("Date of birth", long_date(c.date_of_birth)),
        ("Sex", c.sex.description().to_owned()),
        ("Ethnicity", c.ethnicity.description().to_owned()),
        (
            "Care",
            "A care leaver: no episode of care in the returns imported".to_owned(),
        ),
    ];
    let mut items = timeline(&years);
    items.sort_by_key(|item| std::cmp::Reverse(item.0));
    Ok(render(
        StatusCode::OK,
        &ChildPage {
            chrome: Chrome::new(c.name.full(), Some(&caller.signed), "/"),
            id: c.id.to_string(),
            name: c.name.full(),
            in_care: false,
            leaver: true,
            may_record_review: false,
            may_record_activity: false,
            details,
            alerts: Vec::new(),
            timeline: items.into_iter().map(|(_, i)| i).collect(),
            deadlines: vec![],
            sections: sections(&years),
            families: Vec::new(),
            record_links: Vec::new(),
        },
    ))
}
