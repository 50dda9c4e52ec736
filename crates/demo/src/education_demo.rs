//! The demo council's education records (the Virtual School's view of each
//! child in care of school age): a PEP review in each of the last year's
//! terms for most children, one missed for about one in eight; a Pupil
//! Premium Plus allocation for most; an exclusion reported for about one
//! in twenty and a school move planned with the Virtual School for about
//! one in fifteen. Deterministic: chosen by position.

use chrono::{Datelike, Days, NaiveDate};
use domain::child::ChildId;
use domain::education::record::{Allocation, EducationRecord, Pep, SchoolEvent, SchoolMove, Term};
use domain::journey::CareJourney;
use domain::leavers::status::age_on;

/// The education records of the children looked after on `as_of` who are
/// in Reception to Year 13.
pub fn education(journeys: &[CareJourney], as_of: NaiveDate) -> Vec<(ChildId, EducationRecord)> {
    let ago = |days| as_of.checked_sub_days(Days::new(days)).unwrap_or(as_of);
    let year_ago = ago(365);
    let terms: Vec<(i32, Term)> = (as_of.year() - 2..=as_of.year())
        .flat_map(|y| [Term::Autumn, Term::Spring, Term::Summer].map(|t| (y, t)))
        .filter(|(y, t)| year_ago < t.ends(*y) && t.ends(*y) <= as_of)
        .collect();
    journeys
        .iter()
        .filter(|j| j.in_care_on(as_of))
        .filter(|j| (4..=17).contains(&age_on(j.child().date_of_birth, as_of)))
        .enumerate()
        .map(|(i, j)| {
            let dob = j.child().date_of_birth;
            let mut r = EducationRecord {
                child_id: j.id().to_string(),
                school_area: Some("Leicestershire".into()),
                ..Default::default()
            };
            for (n, (year, term)) in terms.iter().enumerate() {
                let on = term.ends(*year) - Days::new(30);
                let august = NaiveDate::from_ymd_opt(*year, 8, 31).unwrap_or(on);
                let due = j.in_care_on(on) && (4..=17).contains(&age_on(dob, august));
                if due && (i + n) % 8 != 7 {
                    r.peps.push(Pep {
                        date: on,
                        careers: (age_on(dob, august) == 15)
                            .then(|| "Careers guidance from the school; college taster day".into()),
                        by: "virtual-school.demo".into(),
                    });
                }
            }
            if i % 5 != 4 && j.in_care_on(ago(150)) {
                r.allocations.push(Allocation {
                    date: ago(150),
                    pence: 45_000 + 5_000 * (i as u64 % 4),
                    used_for: ["tuition", "emotional", "resources", "enrichment"][i % 4].into(),
                    managed_by: "Virtual School".into(),
                });
            }
            if i % 20 == 3 && j.in_care_on(ago(90)) {
                r.events.push(SchoolEvent {
                    date: ago(90),
                    kind: "exclusion".into(),
                    notified: ago(90),
                });
            }
            if i % 15 == 7 && j.in_care_on(ago(200)) {
                r.moves.push(SchoolMove {
                    date: ago(200),
                    school: "Hillside Academy".into(),
                    consulted: true,
                    transition_plan: true,
                });
            }
            (j.id().clone(), r)
        })
        .collect()
}
