//! The demo council's staff by name: every social worker, and one person
//! for each role who signs in. Names are made up from common British given
//! names and surnames of working-age adults; no real person is meant.

use domain::roles::{Role, Worker};

const GIVEN: &[&str] = &[
    "Sarah", "David", "Priya", "James", "Claire", "Mohammed", "Rachel", "Daniel", "Aisha", "Mark",
    "Emma", "Tomasz", "Joanne", "Imran", "Laura", "Paul", "Funmi", "Richard", "Helen", "Gurpreet",
    "Nicola", "Andrew", "Zainab", "Stephen", "Kelly", "Hassan", "Victoria", "Gareth", "Leanne",
    "Kwame", "Hannah", "Simon", "Shabana", "Neil", "Gemma", "Ravi", "Lucy", "Darren", "Amara",
    "Matthew", "Rebecca",
];

const SURNAME: &[&str] = &[
    "Patel",
    "Hughes",
    "Okafor",
    "Walker",
    "Begum",
    "Thompson",
    "Kowalski",
    "Evans",
    "Ahmed",
    "Clarke",
    "Mistry",
    "Roberts",
    "Mensah",
    "Turner",
    "Hussain",
    "Cooper",
    "Singh",
    "Ward",
    "Bailey",
    "Chowdhury",
    "Morgan",
    "Adeyemi",
    "Bennett",
    "Kaur",
    "Price",
    "Lewis",
    "Nowak",
    "Shah",
    "Harris",
    "Osei",
    "Fletcher",
    "Rahman",
    "Parry",
    "Campbell",
    "Iqbal",
    "Webb",
    "Gill",
    "Marsh",
    "Brennan",
    "Lawson",
    "Akhtar",
    "Fox",
    "Chambers",
];

/// A worker's name, the same for the same position in the list every time;
/// no two of the first few hundred workers share one.
fn name_at(i: usize) -> String {
    let given = GIVEN[i % GIVEN.len()];
    let surname = SURNAME[(i * 7 + i / GIVEN.len()) % SURNAME.len()];
    format!("{given} {surname}")
}

/// A made-up name for someone outside the council's staff (a carer, a
/// school's designated teacher), different for each `i`.
pub fn other_name(i: usize) -> String {
    let given = GIVEN[(i * 13 + 5) % GIVEN.len()];
    let surname = SURNAME[(i * 11 + i / GIVEN.len() + 3) % SURNAME.len()];
    format!("{given} {surname}")
}

/// The social workers' names, as (identifier, name), in the workers' order.
pub fn worker_names(workers: &[Worker]) -> Vec<(String, String)> {
    workers
        .iter()
        .enumerate()
        .map(|(i, w)| (w.id.clone(), name_at(i)))
        .collect()
}

/// The name of the demo user who holds `role`. The social worker is the
/// first worker (their user is linked to that worker); the others are
/// people of their own, not among the workers.
pub fn user_name(role: Role) -> String {
    let others = [
        (Role::TeamManager, "Joanne Fletcher"),
        (Role::ServiceManager, "Richard Osei"),
        (Role::HeadOfService, "Helen Chambers"),
        (Role::IndependentReviewingOfficer, "Gurpreet Kaur"),
        (Role::PanelAdviser, "Nicola Brennan"),
        (Role::AgencyDecisionMaker, "Andrew Lawson"),
        (Role::FamilyFinder, "Zainab Akhtar"),
        (Role::AssessingSocialWorker, "Stephen Marsh"),
        (Role::SupervisingSocialWorker, "Kelly Webb"),
        (Role::PostOrderSupportWorker, "Hassan Iqbal"),
        (Role::VirtualSchool, "Victoria Parry"),
        (Role::HealthPractitioner, "Dr Amara Mensah"),
        (Role::ComplaintsManager, "Gareth Lewis"),
        (Role::FinanceOfficer, "Leanne Price"),
        (Role::PerformanceAnalyst, "Kwame Adeyemi"),
        (Role::SystemAdministrator, "Simon Gill"),
        (Role::Auditor, "Shabana Rahman"),
    ];
    others
        .iter()
        .find(|(r, _)| *r == role)
        .map_or_else(|| name_at(0), |(_, name)| (*name).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workers_have_different_names_and_users_have_names_of_their_own() {
        let workers: Vec<Worker> = (0..300)
            .map(|i| Worker {
                id: format!("SW{i:05}"),
                team: "Melton".into(),
            })
            .collect();
        let names = worker_names(&workers);
        let distinct: std::collections::BTreeSet<_> = names.iter().map(|(_, n)| n).collect();
        assert_eq!(distinct.len(), 300);
        assert_eq!(user_name(Role::SocialWorker), names[0].1);
        let users: std::collections::BTreeSet<_> = Role::ALL.into_iter().map(user_name).collect();
        assert_eq!(users.len(), Role::ALL.len());
    }
}
