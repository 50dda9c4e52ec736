//! A foster carer the demo's supervising social worker must act on this
//! fortnight, whatever the seed: approved 356 days before the demo's day,
//! not yet reviewed and without the TSD standards, so the first annual
//! review (FOST-012) and core training (PATH-021) are both due within the
//! worklist's 14 days. Reached by taking the workflow's steps, as every
//! demo role is.

use chrono::{Days, NaiveDate};
use domain::access::User;
use domain::households::CARER_TEAMS;
use domain::households::household::Household;
use domain::households::lifecycle::RoleKind;

use crate::households_demo::path_to;

/// Days from the approval to the demo's day.
const APPROVED_AGO: u64 = 356;

/// The household `id`, its foster carer approved `APPROVED_AGO` days
/// before `as_of`.
pub(crate) fn carer_due_this_fortnight(id: String, as_of: NaiveDate) -> Household {
    let worker = Some("SSW001".to_owned());
    let mut h = Household::new(
        id,
        "The Ashworth family",
        CARER_TEAMS[0].to_owned(),
        worker.clone(),
    )
    .expect("a demo household has a name");
    let approved = as_of - Days::new(APPROVED_AGO);
    let path = path_to(RoleKind::FosterCarer.workflow(), "approved")
        .expect("a foster carer can be approved");
    let start = approved - Days::new(30 * path.len() as u64);
    h.move_to("12 Ashby Road", "LE11 3AB", start - Days::new(400))
        .expect("one address");
    let rid = h.add_role(RoleKind::FosterCarer, worker, start);
    let role = h.role_mut(&rid).expect("just added");
    let last = path.len() as u64;
    for (i, step) in path.iter().enumerate() {
        let on = approved - Days::new(30 * (last - 1 - i as u64));
        let taker = User {
            username: "demo".into(),
            display_name: "Demo".into(),
            role: step.roles[0],
            team: None,
            worker_id: None,
        };
        role.take(&taker, step.name, on)
            .expect("a demo step follows its workflow");
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::households::deadlines::household_deadlines;

    #[test]
    fn fost_012_the_carers_first_review_and_core_training_are_due_within_the_fortnight() {
        let as_of: NaiveDate = "2026-12-07".parse().unwrap();
        let h = carer_due_this_fortnight("H09999".into(), as_of);
        assert_eq!(h.roles[0].stage, "approved");
        let due = household_deadlines(&h, as_of);
        for rule in ["FOST-012", "PATH-021"] {
            let line = due
                .iter()
                .find(|d| d.rule == Some(rule))
                .unwrap_or_else(|| panic!("{rule} in {due:?}"));
            assert_eq!(line.due, as_of + Days::new(365 - APPROVED_AGO), "{rule}");
            assert!(line.days_left <= domain::worklist::HORIZON_DAYS, "{rule}");
        }
    }
}
