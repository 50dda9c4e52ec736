//! The households' lines of the worklist page: their roles' deadlines and
//! their members' checks as they expire, in a section of their own above
//! the children's (the household's name linking to its record), and as
//! rows of the worklist's CSV.

use domain::subjects::SubjectItem;

use crate::handler::Caller;
use crate::ui::{Cell, cell, long_date};

/// The household lines of the user's worklist that the rule and status
/// filters keep.
pub(crate) async fn worklist_items(
    caller: &Caller,
    team: Option<String>,
    rule: &str,
    status: &str,
) -> Vec<SubjectItem> {
    let items = caller
        .run(move |c| app::households::household_worklist(&c.store, c.user(), c.clock(), team))
        .await
        .unwrap_or_default();
    items
        .into_iter()
        .filter(|i| {
            (rule.is_empty() || i.rule == Some(rule))
                && match status {
                    "overdue" => i.days_left < 0,
                    "due" => i.days_left >= 0,
                    _ => true,
                }
        })
        .collect()
}

/// The lines as the page's table rows: household, what, due, days left, rule.
pub(crate) fn page_rows(items: &[SubjectItem]) -> Vec<Vec<Cell>> {
    items
        .iter()
        .map(|i| {
            vec![
                Cell {
                    text: i.subject.name.clone(),
                    href: Some(format!("/households/{}", i.subject.record)),
                },
                cell(i.title.clone()),
                cell(long_date(i.due)),
                cell(i.days_left.to_string()),
                cell(i.rule.unwrap_or("")),
            ]
        })
        .collect()
}

/// The lines as rows of the worklist's CSV (its columns: subject, rule,
/// what, due, days, worker, team).
pub(crate) fn csv_rows(items: &[SubjectItem], names: &app::people::Names) -> Vec<Vec<Cell>> {
    items
        .iter()
        .map(|i| {
            vec![
                cell(i.subject.name.clone()),
                cell(i.rule.unwrap_or("")),
                cell(i.title.clone()),
                cell(long_date(i.due)),
                cell(i.days_left.to_string()),
                cell(
                    i.worker
                        .as_deref()
                        .map(|w| names.name(w))
                        .unwrap_or_default(),
                ),
                cell(i.team.clone().unwrap_or_default()),
            ]
        })
        .collect()
}
