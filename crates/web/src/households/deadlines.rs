//! The households' lines of the worklist page: their roles' deadlines and
//! their members' checks as they expire, as rows of the worklist's table
//! (the household's name linking to its record).

use domain::subjects::SubjectItem;

use crate::handler::Caller;
use crate::ui::{Cell, cell, long_date};

/// The household lines of the user's worklist that the rule and status
/// filters keep, as the worklist's rows.
pub(crate) async fn worklist_rows(
    caller: &Caller,
    team: Option<String>,
    rule: &str,
    status: &str,
) -> Vec<Vec<Cell>> {
    let items = caller
        .run(move |c| app::households::household_worklist(&c.store, c.user(), c.clock(), team))
        .await
        .unwrap_or_default();
    items
        .iter()
        .filter(|i| {
            (rule.is_empty() || i.rule == Some(rule))
                && match status {
                    "overdue" => i.days_left < 0,
                    "due" => i.days_left >= 0,
                    _ => true,
                }
        })
        .map(row)
        .collect()
}

fn row(i: &SubjectItem) -> Vec<Cell> {
    vec![
        Cell {
            text: i.subject.name.clone(),
            href: Some(format!("/households/{}", i.subject.record)),
        },
        cell(i.rule.unwrap_or("")),
        cell(i.title.clone()),
        cell(long_date(i.due)),
        cell(i.days_left.to_string()),
        cell(i.worker.clone().unwrap_or_default()),
        cell(i.team.clone().unwrap_or_default()),
        Cell {
            text: "Open the household".into(),
            href: Some(format!("/households/{}", i.subject.record)),
        },
    ]
}
