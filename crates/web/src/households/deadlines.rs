//! The lines of the worklist page about subjects other than children: the
//! households' roles' deadlines and their members' checks as they expire,
//! the agency's records' reviews and the complaints' responses, in a
//! section of their own above the children's (the subject's name linking to
//! the page that records what clears it), and as rows of the worklist's CSV.

use domain::households::lifecycle::RoleKind;
use domain::subjects::{SubjectItem, SubjectKind};

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
        .run(move |c| app::subject_worklist(&c.store, c.user(), c.clock(), team))
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
        .cloned()
        .collect()
}

/// The page of a line's subject, where what clears it is recorded.
fn subject_href(i: &SubjectItem) -> String {
    let record = &i.subject.record;
    match i.subject.kind {
        SubjectKind::Complaint => format!("/complaints/{record}"),
        SubjectKind::Service if record == domain::agency::programme::PROGRAMME_ID => {
            "/training-programme".into()
        }
        SubjectKind::Service => format!("/agency/{record}"),
        SubjectKind::Child => format!("/children/{record}"),
        SubjectKind::Meeting => format!("/panels/meetings/{record}"),
        // A foster carer's and an adopter's lines are cleared on their own page.
        SubjectKind::Role => match i.subject.role {
            Some(RoleKind::FosterCarer) => format!("/fostering/carers/{}", i.subject.id),
            Some(RoleKind::Adopter) => format!("/adopters/{}", i.subject.id),
            _ => format!("/households/{record}"),
        },
        SubjectKind::Household => format!("/households/{record}"),
    }
}

/// The lines as the page's table rows: household, what, due, days left, rule.
pub(crate) fn page_rows(items: &[SubjectItem]) -> Vec<Vec<Cell>> {
    items
        .iter()
        .map(|i| {
            vec![
                Cell {
                    text: i.subject.name.clone(),
                    href: Some(subject_href(i)),
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
