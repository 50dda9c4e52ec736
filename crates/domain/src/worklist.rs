//! Worklists and drift alerts: what is due soon and what is overdue, for a
//! worker, a team or the whole service, and the drift managers must see.

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::add_months;
use crate::deadline_rules::RULES;
use crate::deadlines::{Deadline, Event, EventKind, Standing, SubjectFacts, open_deadlines};
use crate::roles::Role;

/// How far ahead a worklist looks.
pub const HORIZON_DAYS: i64 = 14;

/// A subject of deadlines (a child) with whoever holds the case now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub id: String,
    /// The child's name as lists show it.
    pub name: String,
    pub worker: Option<String>,
    pub team: Option<String>,
    pub facts: SubjectFacts,
    pub events: Vec<Event>,
}

/// One line of a worklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkItem {
    pub case: String,
    /// The child's name, and their date of birth for their age.
    pub name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub worker: Option<String>,
    pub team: Option<String>,
    pub rule: &'static str,
    pub title: &'static str,
    pub due: NaiveDate,
    pub days_left: i64,
    pub standing: Standing,
    pub responsible: Role,
    pub escalate_to: Role,
    /// What meets the deadline (the activity whose form clears the item).
    pub met_by: EventKind,
}

/// Which cases a worklist covers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    Service,
    Team(String),
    Worker(String),
}

impl Scope {
    fn covers(&self, case: &Case) -> bool {
        match self {
            Scope::Service => true,
            Scope::Team(t) => case.team.as_deref() == Some(t.as_str()),
            Scope::Worker(w) => case.worker.as_deref() == Some(w.as_str()),
        }
    }
}

fn item(case: &Case, d: &Deadline, as_of: NaiveDate) -> WorkItem {
    WorkItem {
        case: case.id.clone(),
        name: case.name.clone(),
        date_of_birth: case.facts.date_of_birth,
        worker: case.worker.clone(),
        team: case.team.clone(),
        rule: d.rule.id,
        title: d.rule.title,
        due: d.due,
        days_left: d.days_left(as_of),
        standing: d.standing(as_of),
        responsible: d.rule.responsible,
        escalate_to: d.rule.escalate_to,
        met_by: d.rule.met_by,
    }
}

/// The open deadlines of the cases in scope that are overdue or due within
/// [`HORIZON_DAYS`], most urgent first.
pub fn worklist(cases: &[Case], scope: &Scope, as_of: NaiveDate) -> Vec<WorkItem> {
    review(cases, scope, as_of).0
}

/// The worklist and the drift alerts together, computing each case's
/// deadlines once.
pub fn review(cases: &[Case], scope: &Scope, as_of: NaiveDate) -> (Vec<WorkItem>, Vec<DriftAlert>) {
    // Cases are independent: split them across the machine's cores.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = cases.len().div_ceil(threads).max(1);
    let (mut items, mut alerts) = std::thread::scope(|s| {
        let handles: Vec<_> = cases
            .chunks(chunk)
            .map(|part| s.spawn(move || review_part(part, scope, as_of)))
            .collect();
        let mut items = Vec::new();
        let mut alerts = Vec::new();
        for h in handles {
            let (i, a) = h.join().expect("a worklist thread does not panic");
            items.extend(i);
            alerts.extend(a);
        }
        (items, alerts)
    });
    items.sort_by(|a, b| (a.due, &a.case, a.rule).cmp(&(b.due, &b.case, b.rule)));
    alerts.sort_by(|a, b| (a.since, &a.case).cmp(&(b.since, &b.case)));
    (items, alerts)
}

fn review_part(
    cases: &[Case],
    scope: &Scope,
    as_of: NaiveDate,
) -> (Vec<WorkItem>, Vec<DriftAlert>) {
    let horizon = as_of + chrono::Days::new(HORIZON_DAYS as u64);
    let mut items = Vec::new();
    let mut alerts = Vec::new();
    for case in cases.iter().filter(|c| scope.covers(c)) {
        for d in open_deadlines(&RULES, &case.events, case.facts) {
            if d.met.is_some() {
                continue;
            }
            if d.due <= horizon {
                items.push(item(case, &d, as_of));
            }
            if let Some(alert) = drift_of(case, &d, as_of) {
                alerts.push(alert);
            }
        }
        if let Some(closed) = sg_004_closed_without_support_plan(&case.events) {
            alerts.push(DriftAlert {
                case: case.id.clone(),
                team: case.team.clone(),
                rule: "SG-004",
                reason: "Special guardianship case closed within 3 months of the order without a support plan".into(),
                since: closed,
                escalate_to: Role::ServiceManager,
            });
        }
    }
    (items, alerts)
}

/// A missed deadline that is drift a manager must see.
fn drift_of(case: &Case, d: &Deadline, as_of: NaiveDate) -> Option<DriftAlert> {
    let reason = match d.rule.id {
        "PLAN-005" => "No ratified permanence plan by the second review",
        "ADOPT-016" => {
            "No regional link 12 weeks after the placement order: consider a national search"
        }
        _ => return None,
    };
    (d.standing(as_of) == Standing::Overdue).then(|| DriftAlert {
        case: case.id.clone(),
        team: case.team.clone(),
        rule: d.rule.id,
        reason: reason.to_owned(),
        since: d.due,
        escalate_to: d.rule.escalate_to,
    })
}

/// When a deadline falls, in words, from the days left until it: "due
/// today", "due in 5 days", "overdue by 3 days".
pub fn due_in_words(days_left: i64) -> String {
    let days = |n: i64| {
        if n == 1 {
            "1 day".to_owned()
        } else {
            format!("{n} days")
        }
    };
    match days_left {
        0 => "Due today".to_owned(),
        1 => "Due tomorrow".to_owned(),
        n if n > 1 => format!("Due in {}", days(n)),
        n => format!("Overdue by {}", days(-n)),
    }
}

/// A worklist's items grouped by child, each child's items in the order
/// given, the children in the order of their first (most urgent) item.
pub fn by_child<'a>(items: &[&'a WorkItem]) -> Vec<Vec<&'a WorkItem>> {
    let mut groups: Vec<Vec<&WorkItem>> = Vec::new();
    let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for &i in items {
        match at.get(i.case.as_str()) {
            Some(&g) => groups[g].push(i),
            None => {
                at.insert(i.case.as_str(), groups.len());
                groups.push(vec![i]);
            }
        }
    }
    groups
}

/// Counts of a worklist by rule: (rule, title, overdue, due soon).
pub fn by_rule(items: &[WorkItem]) -> Vec<(&'static str, &'static str, usize, usize)> {
    let mut rows: Vec<(&'static str, &'static str, usize, usize)> = Vec::new();
    for i in items {
        let row = match rows.iter_mut().find(|r| r.0 == i.rule && r.1 == i.title) {
            Some(r) => r,
            None => {
                rows.push((i.rule, i.title, 0, 0));
                rows.last_mut().expect("just pushed")
            }
        };
        if i.days_left < 0 {
            row.2 += 1;
        } else {
            row.3 += 1;
        }
    }
    rows.sort();
    rows
}

/// Drift a manager must see, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DriftAlert {
    pub case: String,
    pub team: Option<String>,
    pub rule: &'static str,
    pub reason: String,
    pub since: NaiveDate,
    pub escalate_to: Role,
}

/// SG-004: the date a special guardianship case was closed within 3 months of
/// the order with no support plan agreed, if it was.
pub fn sg_004_closed_without_support_plan(events: &[Event]) -> Option<NaiveDate> {
    let order = events
        .iter()
        .find(|e| e.kind == EventKind::SpecialGuardianshipOrderMade)?
        .date;
    let closed = events
        .iter()
        .find(|e| e.kind == EventKind::CaseClosed && e.date >= order)?
        .date;
    let planned = events
        .iter()
        .any(|e| e.kind == EventKind::SupportPlanAgreed && e.date <= closed);
    (closed <= add_months(order, 3) && !planned).then_some(closed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn case(id: &str, team: &str, events: &[(EventKind, &str)]) -> Case {
        let mut events: Vec<Event> = events
            .iter()
            .map(|&(kind, date)| Event {
                kind,
                date: d(date),
            })
            .collect();
        events.sort();
        Case {
            id: id.into(),
            name: format!("Child {id}"),
            worker: Some(format!("sw-{team}")),
            team: Some(team.into()),
            facts: SubjectFacts::default(),
            events,
        }
    }

    #[test]
    fn a_worklist_holds_what_is_overdue_and_due_in_the_next_fortnight() {
        use EventKind::*;
        let cases = [
            // First review due 2026-01-15: due soon on 2026-01-05.
            case("C1", "North", &[(EnteredCare, "2025-12-15")]),
            // Entered long ago, reviews stopped: the next review is overdue.
            case(
                "C2",
                "South",
                &[(EnteredCare, "2025-03-03"), (ReviewHeld, "2025-03-28")],
            ),
            // Due far ahead: not on the list.
            case(
                "C3",
                "North",
                &[(EnteredCare, "2025-12-15"), (ReviewHeld, "2025-12-20")],
            ),
        ];
        let list = worklist(&cases, &Scope::Service, d("2026-01-05"));
        let reviews: Vec<(&str, i64)> = list
            .iter()
            .filter(|i| i.rule == "TRACK-001")
            .map(|i| (i.case.as_str(), i.days_left))
            .collect();
        assert_eq!(reviews, vec![("C2", -191), ("C1", 10)]);
        let north = worklist(&cases, &Scope::Team("North".into()), d("2026-01-05"));
        assert!(north.iter().all(|i| i.team.as_deref() == Some("North")));
        let counts = by_rule(&list);
        assert!(
            counts
                .iter()
                .any(|r| r.0 == "TRACK-001" && r.2 == 1 && r.3 == 1),
            "{counts:?}"
        );
    }

    #[test]
    fn drift_alerts_name_their_rule_and_go_to_the_service_manager() {
        use EventKind::*;
        let cases = [
            case(
                "C1",
                "North",
                &[
                    (EnteredCare, "2025-03-03"),
                    (ReviewHeld, "2025-03-28"),
                    (ReviewHeld, "2025-06-20"),
                ],
            ),
            case(
                "C2",
                "North",
                &[
                    (EnteredCare, "2024-01-08"),
                    (PlacementOrderMade, "2025-01-06"),
                ],
            ),
        ];
        let (_, alerts) = review(&cases, &Scope::Service, d("2025-07-01"));
        let rules: Vec<(&str, &str)> = alerts.iter().map(|a| (a.case.as_str(), a.rule)).collect();
        assert!(rules.contains(&("C1", "PLAN-005")));
        assert!(rules.contains(&("C2", "ADOPT-016")));
        assert!(alerts.iter().all(|a| a.escalate_to == Role::ServiceManager));
    }

    #[test]
    fn sg_004_an_sgo_case_closed_within_three_months_without_a_support_plan_is_drift() {
        use EventKind::*;
        let closed = case(
            "C1",
            "Post-order",
            &[
                (SpecialGuardianshipOrderMade, "2025-01-20"),
                (CaseClosed, "2025-04-14"),
            ],
        );
        assert_eq!(
            sg_004_closed_without_support_plan(&closed.events),
            Some(d("2025-04-14"))
        );
        let planned = case(
            "C2",
            "Post-order",
            &[
                (SpecialGuardianshipOrderMade, "2025-01-20"),
                (SupportPlanAgreed, "2025-02-01"),
                (CaseClosed, "2025-04-14"),
            ],
        );
        assert_eq!(sg_004_closed_without_support_plan(&planned.events), None);
        let later = case(
            "C3",
            "Post-order",
            &[
                (SpecialGuardianshipOrderMade, "2025-01-20"),
                (CaseClosed, "2025-05-01"),
            ],
        );
        assert_eq!(sg_004_closed_without_support_plan(&later.events), None);
    }

    #[test]
    fn days_left_are_said_in_words_and_items_grouped_by_child_most_urgent_first() {
        assert_eq!(due_in_words(-3), "Overdue by 3 days");
        assert_eq!(due_in_words(-1), "Overdue by 1 day");
        assert_eq!(due_in_words(0), "Due today");
        assert_eq!(due_in_words(5), "Due in 5 days");
        let cases = [
            case("C1", "Blaby", &[(EventKind::EnteredCare, "2025-01-06")]),
            case("C2", "Blaby", &[(EventKind::EnteredCare, "2025-01-02")]),
        ];
        let items = worklist(&cases, &Scope::Service, d("2026-01-05"));
        let refs: Vec<&WorkItem> = items.iter().collect();
        let groups = by_child(&refs);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0][0].case, items[0].case);
        assert!(groups.iter().all(|g| g.iter().all(|i| i.case == g[0].case)));
        assert_eq!(groups.iter().map(Vec::len).sum::<usize>(), items.len());
        assert_eq!(groups[0][0].name, format!("Child {}", groups[0][0].case));
    }
}
