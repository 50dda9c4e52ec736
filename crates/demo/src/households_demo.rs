//! The demo council's households: about one for every ten children in
//! care, holding every kind of role at every state its lifecycle can reach
//! (each reached by taking the workflow's steps, so its events and
//! deadlines are as a real one's), with members, DBS and medical checks in
//! date, expiring soon and expired, and the children placed with the
//! carers linked. No real person is in it.

use std::collections::VecDeque;

use chrono::{Days, NaiveDate};
use domain::access::User;
use domain::households::CARER_TEAMS;
use domain::households::checks::CheckKind;
use domain::households::household::{Household, LinkKind};
use domain::households::lifecycle::RoleKind;
use domain::households::person::NewPerson;
use domain::journey::CareJourney;
use domain::permanence::workflow::{Transition, Workflow};

use crate::kinship_demo;
use crate::rng::Rng;
use crate::synthetic::{FAMILY, GIVEN_FEMALE, GIVEN_MALE};

/// The team that holds a role of this kind.
fn team_of(kind: RoleKind) -> &'static str {
    match kind {
        RoleKind::Adopter | RoleKind::AdoptionPanelMember => CARER_TEAMS[2],
        RoleKind::FosterCarer | RoleKind::FosteringPanelMember => CARER_TEAMS[0],
        RoleKind::StayingPutCarer | RoleKind::SupportedLodgingsHost => CARER_TEAMS[3],
        _ => CARER_TEAMS[1],
    }
}

/// The shortest run of steps from the workflow's first state to `state`
/// (none if the state cannot be reached by a step).
pub(crate) fn path_to(w: &'static Workflow, state: &str) -> Option<Vec<&'static Transition>> {
    let start = w.states[0].code;
    let mut seen = vec![start];
    let mut queue: VecDeque<(&str, Vec<&'static Transition>)> = VecDeque::from([(start, vec![])]);
    while let Some((at, path)) = queue.pop_front() {
        if at == state {
            return Some(path);
        }
        for t in w
            .transitions
            .iter()
            .filter(|t| t.from.contains(&at) && !t.to.is_empty())
        {
            if !seen.contains(&t.to) {
                seen.push(t.to);
                let mut next = path.clone();
                next.push(t);
                queue.push_back((t.to, next));
            }
        }
    }
    None
}

/// Whether a role at this state has a child living with the household.
fn cares_for_a_child(kind: RoleKind, stage: &str) -> bool {
    match kind {
        RoleKind::FosterCarer => matches!(stage, "approved" | "review_adm"),
        RoleKind::ConnectedPersonCarer => {
            matches!(
                stage,
                "full_assessment" | "panel" | "adm" | "approved" | "review_adm" | "order"
            )
        }
        RoleKind::Adopter => matches!(stage, "placed" | "adopted"),
        RoleKind::SpecialGuardian
        | RoleKind::ChildArrangementsOrderHolder
        | RoleKind::StayingPutCarer => stage != "withdrawn" && stage != "closed",
        _ => false,
    }
}

/// The demo council's households on `as_of`, about one per ten children in
/// care, the carers' children linked from `journeys`.
pub fn households(journeys: &[CareJourney], as_of: NaiveDate, seed: u64) -> Vec<Household> {
    let mut rng = Rng::new(seed ^ 0x4855_5345);
    let in_care: Vec<&CareJourney> = journeys
        .iter()
        .filter(|j| j.current_episode().is_some())
        .collect();
    let wanted = (in_care.len() / 10).max(1);
    // Every kind's first state, then every kind's second, and so on, so a
    // small council still has every kind of role.
    let mut targets: Vec<(usize, RoleKind, &'static str, Vec<&'static Transition>)> = Vec::new();
    for kind in RoleKind::ALL {
        let w = kind.workflow();
        let reachable = w
            .states
            .iter()
            .filter_map(|s| Some((s.code, path_to(w, s.code)?)));
        for (i, (code, path)) in reachable.enumerate() {
            targets.push((i, kind, code, path));
        }
    }
    targets.sort_by_key(|t| t.0);
    let targets: Vec<_> = targets.into_iter().map(|(_, k, s, p)| (k, s, p)).collect();
    let mut next_child = 0;
    let mut all: Vec<Household> = (0..wanted)
        .map(|n| {
            let (kind, stage, path) = &targets[n % targets.len()];
            let id = format!("H{:05}", n + 1);
            let family = *rng.pick(FAMILY);
            let team = team_of(*kind).to_owned();
            let worker = Some(format!("SSW{:03}", 1 + rng.below(12)));
            let mut h = Household::new(id, &format!("The {family} family"), team, worker.clone())
                .expect("a demo household has a name");
            // The role started some months before its last step.
            let spacing = rng.between(20, 75) as u64;
            let start = as_of - Days::new(spacing * (path.len() as u64 + 1) + rng.below(40));
            let postcode = format!(
                "LE{} {}{}{}",
                1 + rng.below(19),
                rng.below(10),
                (b'A' + rng.below(26) as u8) as char,
                (b'A' + rng.below(26) as u8) as char
            );
            h.move_to(
                &format!("{} {} Road", 1 + rng.below(200), *rng.pick(FAMILY)),
                &postcode,
                start - Days::new(400),
            )
            .expect("one address");
            for m in 0..(1 + rng.below(2)) {
                let given = if m == 0 {
                    *rng.pick(GIVEN_FEMALE)
                } else {
                    *rng.pick(GIVEN_MALE)
                };
                let person = NewPerson {
                    name: format!("{given} {family}"),
                    date_of_birth: Some(as_of - Days::new(365 * rng.between(28, 66) as u64)),
                    relationship: if m == 0 { "applicant" } else { "partner" }.into(),
                    phone: format!("0116 496 {:04}", rng.below(10_000)),
                    email: String::new(),
                    languages: "English".into(),
                    basis: None,
                };
                let pid = h.add_member(person, as_of).expect("a demo member is valid");
                // DBS checks expire three years on: some have, some soon, most not.
                let mut done = as_of - Days::new(rng.between(100, 1200) as u64);
                if *kind == RoleKind::ConnectedPersonCarer {
                    // Police checks come shortly before temporary approval
                    // (KIN-104), so they are still in date when it is given.
                    done = start - Days::new(rng.between(5, 60) as u64);
                }
                let expires = done + Days::new(365 * 3);
                h.record_check(&pid, CheckKind::Dbs, done, Some(expires), as_of)
                    .expect("a demo check is valid");
                h.record_check(&pid, CheckKind::Medical, done, None, as_of)
                    .expect("a demo check is valid");
            }
            let rid = h.add_role(*kind, worker, start);
            let child = (cares_for_a_child(*kind, stage) || kinship_demo::holds_an_order(*kind))
                .then(|| in_care.get(next_child))
                .flatten()
                .map(|j| {
                    next_child += 1;
                    j.id().as_str().to_owned()
                });
            if let Some(child) = child
                .as_deref()
                .filter(|_| kinship_demo::holds_an_order(*kind))
            {
                let first = (start + Days::new(spacing)).min(as_of);
                kinship_demo::order_holder(&mut h, &rid, (stage, start, first), child, &mut rng);
            }
            for (i, step) in path.iter().enumerate() {
                let on = (start + Days::new(spacing * (i as u64 + 1))).min(as_of);
                if kinship_demo::take_with_details(
                    &mut h,
                    &rid,
                    step,
                    on,
                    child.as_deref(),
                    &mut rng,
                ) {
                    continue;
                }
                let taker = User {
                    username: "demo".into(),
                    display_name: "Demo".into(),
                    role: step.roles[0],
                    team: None,
                    worker_id: None,
                };
                h.role_mut(&rid)
                    .expect("just added")
                    .take(&taker, step.name, on)
                    .expect("a demo step follows its workflow");
            }
            kinship_demo::after_path(&mut h, &rid, as_of, &mut rng);
            let role = h.role_mut(&rid).expect("just added");
            // Half the approved carers have completed their TSD standards
            // (PATH-021, KIN-012); the rest have them due or overdue.
            let trained = matches!(kind, RoleKind::FosterCarer | RoleKind::ConnectedPersonCarer)
                && matches!(*stage, "approved" | "review_adm")
                && rng.below(2) == 0;
            if trained {
                let tsd = User {
                    username: "demo".into(),
                    display_name: "Demo".into(),
                    role: domain::roles::Role::SupervisingSocialWorker,
                    team: None,
                    worker_id: None,
                };
                let on = (start + Days::new(spacing * (path.len() as u64 + 1))).min(as_of);
                role.take(&tsd, "complete_tsd", on)
                    .expect("an approved carer completes the TSD standards");
            }
            if let Some(child) = child.filter(|c| !h.links.iter().any(|l| &l.child_id == c)) {
                let link = match kind {
                    RoleKind::SpecialGuardian | RoleKind::ChildArrangementsOrderHolder => {
                        LinkKind::SubjectOfOrder
                    }
                    _ => LinkKind::PlacedWith,
                };
                h.link_child(&child, link, start).expect("a new link");
            }
            if *kind == RoleKind::BirthFamily && next_child < in_care.len() {
                h.link_child(
                    in_care[next_child].id().as_str(),
                    LinkKind::BirthParentOf,
                    start,
                )
                .expect("a new link");
                next_child += 1;
            }
            h
        })
        .collect();
    // One carer whose first review and core training fall due this
    // fortnight, whatever the seed (FOST-012, PATH-021).
    let id = format!("H{:05}", all.len() + 1);
    all.push(crate::supervision_demo::carer_due_this_fortnight(id, as_of));
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reachable_state_of_every_role_is_in_the_demo() {
        let states: usize = RoleKind::ALL
            .iter()
            .map(|k| {
                k.workflow()
                    .states
                    .iter()
                    .filter(|s| path_to(k.workflow(), s.code).is_some())
                    .count()
            })
            .sum();
        let as_of = "2026-12-07".parse().unwrap();
        let council = crate::synthetic::generate(&crate::synthetic::CouncilSpec::new(
            states * 10 + 50,
            3,
            as_of,
        ));
        let hs = households(&council.journeys, as_of, 3);
        assert!(
            hs.len() >= states,
            "{} households for {states} states",
            hs.len()
        );
        for kind in RoleKind::ALL {
            for s in kind
                .workflow()
                .states
                .iter()
                .filter(|s| path_to(kind.workflow(), s.code).is_some())
            {
                assert!(
                    hs.iter()
                        .any(|h| h.roles[0].kind == kind && h.roles[0].stage == s.code),
                    "{kind:?} {}",
                    s.code
                );
            }
        }
        assert!(hs.iter().any(|h| !h.links.is_empty()));
        let checks: Vec<_> = hs
            .iter()
            .flat_map(|h| h.current_checks(as_of))
            .map(|r| r.standing)
            .collect();
        use domain::households::checks::CheckStanding::*;
        for standing in [Expired, ExpiresSoon, InDate] {
            assert!(checks.contains(&standing), "{standing:?}");
        }
    }
}
