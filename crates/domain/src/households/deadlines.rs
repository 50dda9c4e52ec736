//! A household's deadlines: each role's timescales from the events its
//! steps recorded (ADOPT-029 to ADOPT-033, FOST-007, FOST-011, FOST-012,
//! FOST-017, FOST-019, LEAVE-008 ...), on the worklist of the role's worker
//! and team, and each member's checks as they expire (KIN-013), on the
//! household's worker's.

use chrono::NaiveDate;

use crate::deadlines::Standing;
use crate::fostering::concerns::fost_016_interim_due;
use crate::fostering::special_guardianship::sg_004_plan_due;
use crate::subjects::{Subject, SubjectItem, SubjectKind, sort_items};
use crate::worklist::{HORIZON_DAYS, Scope};

use super::checks::CheckStanding;
use super::household::Household;
use super::lifecycle::HouseholdRole;

/// A role of the household as the subject of a worklist line.
pub fn role_subject(h: &Household, role: &HouseholdRole) -> Subject {
    Subject {
        kind: SubjectKind::Role,
        id: role.id.clone(),
        name: format!("{} ({})", h.name, role.kind.label()),
        record: h.id.clone(),
        role: Some(role.kind),
    }
}

/// Every open deadline of the household's roles and every check that has
/// expired or expires soon, whatever the date (the household's page).
pub fn household_deadlines(h: &Household, as_of: NaiveDate) -> Vec<SubjectItem> {
    let mut out = Vec::new();
    for role in h.roles.iter().filter(|r| r.is_open()) {
        let subject = || role_subject(h, role);
        // SG-004: the order's support plan, against the household.
        if let Some((due, standing)) = sg_004_plan_due(role, as_of) {
            out.push(SubjectItem {
                subject: subject(),
                worker: role.worker.clone(),
                team: Some(role.team.clone()),
                rule: Some("SG-004"),
                title: "Support plan with the special guardianship order".into(),
                due,
                days_left: (due - as_of).num_days(),
                standing,
                responsible: Some(crate::roles::Role::PostOrderSupportWorker),
            });
        }
        // FOST-016: the interim report to panel.
        if let Some((due, standing)) = fost_016_interim_due(role, as_of) {
            out.push(SubjectItem {
                subject: subject(),
                worker: role.worker.clone(),
                team: Some(role.team.clone()),
                rule: Some("FOST-016"),
                title: "Interim report to the fostering panel".into(),
                due,
                days_left: (due - as_of).num_days(),
                standing,
                responsible: Some(crate::roles::Role::SupervisingSocialWorker),
            });
        }
        // LEAVE-007, LEAVE-008: the young person reaches the end of the
        // arrangement's support.
        if let Some(due) = crate::leavers::hosting::support_ends(role) {
            let days_left = (due - as_of).num_days();
            out.push(SubjectItem {
                subject: subject(),
                worker: role.worker.clone(),
                team: Some(role.team.clone()),
                rule: Some(if role.kind == super::lifecycle::RoleKind::StayingPutCarer {
                    "LEAVE-007"
                } else {
                    "LEAVE-008"
                }),
                title: "The young person's support ends: end the arrangement or record it continuing privately".into(),
                due,
                days_left,
                standing: if days_left < 0 {
                    Standing::Overdue
                } else if days_left <= HORIZON_DAYS {
                    Standing::DueSoon
                } else {
                    Standing::Upcoming
                },
                responsible: Some(crate::roles::Role::SupervisingSocialWorker),
            });
        }
        for (d, standing) in role.open_deadlines(as_of) {
            out.push(SubjectItem {
                subject: subject(),
                worker: role.worker.clone(),
                team: Some(role.team.clone()),
                rule: Some(d.rule.id),
                title: d.rule.title.to_owned(),
                due: d.due,
                days_left: d.days_left(as_of),
                standing,
                responsible: Some(d.rule.responsible),
            });
        }
    }
    for row in h.current_checks(as_of) {
        let standing = match row.standing {
            CheckStanding::Expired => Standing::Overdue,
            CheckStanding::ExpiresSoon => Standing::DueSoon,
            CheckStanding::InDate | CheckStanding::NoExpiry => continue,
        };
        let Some(expires) = row.check.expires else {
            continue;
        };
        out.push(SubjectItem {
            subject: Subject {
                kind: SubjectKind::Household,
                id: h.id.clone(),
                name: h.name.clone(),
                record: h.id.clone(),
                role: None,
            },
            worker: h.worker.clone(),
            team: Some(h.team.clone()),
            rule: Some("KIN-013"),
            title: format!("{} of {} expires", row.check.kind.label(), row.person.name),
            due: expires,
            days_left: (expires - as_of).num_days(),
            standing,
            responsible: None,
        });
    }
    sort_items(&mut out);
    out
}

/// The worklist lines of the households in scope: deadlines overdue or due
/// within [`HORIZON_DAYS`], and checks expired or expiring soon.
pub fn worklist(households: &[Household], scope: &Scope, as_of: NaiveDate) -> Vec<SubjectItem> {
    let mut out: Vec<SubjectItem> = households
        .iter()
        .flat_map(|h| household_deadlines(h, as_of))
        .filter(|i| i.in_scope(scope))
        .filter(|i| {
            // A check's expiry, and a court's assessment from its early
            // alert at 8 weeks (KIN-005), show from when they are due soon.
            i.standing == Standing::DueSoon && matches!(i.rule, Some("KIN-013" | "KIN-005"))
                || i.days_left <= HORIZON_DAYS
        })
        .collect();
    sort_items(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::User;
    use crate::households::checks::CheckKind;
    use crate::households::lifecycle::RoleKind;
    use crate::households::person::NewPerson;
    use crate::roles::Role;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_roles_deadline_is_on_its_workers_list_and_a_checks_expiry_on_the_households() {
        let ssw = User {
            username: "ssw".into(),
            display_name: "S".into(),
            role: Role::SupervisingSocialWorker,
            team: Some("Fostering".into()),
            worker_id: Some("SW9".into()),
        };
        let mut h = Household::new(
            "H00001".into(),
            "The Lee family",
            "Fostering".into(),
            Some("SW9".into()),
        )
        .unwrap();
        let p = h
            .add_member(
                NewPerson {
                    name: "Jo Lee".into(),
                    relationship: "carer".into(),
                    ..Default::default()
                },
                d("2025-01-01"),
            )
            .unwrap();
        h.record_check(
            &p,
            CheckKind::Dbs,
            d("2023-03-01"),
            Some(d("2025-03-01")),
            d("2025-01-01"),
        )
        .unwrap();
        let role = h.add_role(
            RoleKind::SupportedLodgingsHost,
            Some("SW9".into()),
            d("2024-01-01"),
        );
        let r = h.role_mut(&role).unwrap();
        r.take(&ssw, "assess", d("2024-01-10")).unwrap();
        r.take(&ssw, "approve", d("2024-02-20")).unwrap();
        let items = worklist(&[h.clone()], &Scope::Worker("SW9".into()), d("2025-02-10"));
        assert_eq!(
            items.iter().map(|i| i.rule).collect::<Vec<_>>(),
            vec![Some("LEAVE-008"), Some("KIN-013")]
        );
        assert_eq!(items[0].standing, Standing::DueSoon);
        assert_eq!(
            items[0].subject.name,
            "The Lee family (Supported Lodgings host)"
        );
        assert_eq!(items[1].title, "DBS check of Jo Lee expires");
        assert!(worklist(&[h], &Scope::Worker("SW1".into()), d("2025-02-10")).is_empty());
    }
}
