//! A synthetic council: realistic children in care and their journeys, made
//! from a seed, for tests, benchmarks and the demo. No real person is in it.
//!
//! The figures come from the specification (../shared/spec/) where it gives
//! them and from the DfE's national statistics where it does not; each
//! constant below says which. A council of N children in care at the `as_of`
//! date also holds the children who left care in the years before it, so that
//! measures over leavers (time to adoption, reasons for leaving) have data.
//!
//! Figures used (see also `calibration` in the tests below):
//! - age at 31 March, UASC, sex, legal status, placement: DfE national
//!   statistics 2024, with UASC at 4.5% (KPI-CIC-07, 25 of 552 in 2017/18);
//! - kinship fostering about 15% of children in care (83 of 552, KPI-CIC-11);
//! - 3+ placements in a year about 8% (KPI-CIC-12: 7.7% in 2017/18);
//! - reasons for leaving: returned home 26%, adopted 13%, special
//!   guardianship 10% (KPI-CIC-05, 2017/18), the rest national;
//! - entering care to moving in with an adoptive family about 413 days on
//!   average (KPI-ADP-01, the 3-year average to 2018), placement order to
//!   match about 162 days (KPI-ADP-02);
//! - leavers about 0.35 of the children in care a year (KPI-CIC-04).

use chrono::{Datelike, Days, Months, NaiveDate};
use domain::child::{Child, ChildId, PersonName, Postcode, PupilNumber, UascStatus, Upn, Urn};
use domain::codes::{
    CategoryOfNeed as Cin, Ethnicity as Eth, LegalStatus as Ls, MissingType,
    PlacementProvider as Prov, PlacementType as Pt, ReasonEpisodeCeased as Rec,
    ReasonNewEpisode as Rne, ReasonPlacementChange as Rpc, ReviewParticipation as Pn, Sex,
    SocialWorkerChangeReason as Swr,
};
use domain::deadline_rules::RULES;
use domain::deadlines::{DeadlineRule, Event, EventKind, Schedule, SubjectFacts, chain_period};
use domain::journey::{
    CareJourney, Episode, EpisodeEnd, MissingEpisode, Placement, Review, SocialWorkerEpisode,
};
use domain::roles::Worker;
use domain::time::age_on;

use crate::rng::Rng;

/// What council to make.
#[derive(Debug, Clone, Copy)]
pub struct CouncilSpec {
    /// Children looked after on `as_of`.
    pub children_in_care: usize,
    /// The seed: the same seed, size and date give the same council.
    pub seed: u64,
    /// The date the council's records run to ("today" for the demo).
    pub as_of: NaiveDate,
    /// How many years of leavers to include before `as_of`.
    pub leaver_years: u32,
}

impl CouncilSpec {
    pub fn new(children_in_care: usize, seed: u64, as_of: NaiveDate) -> Self {
        Self {
            children_in_care,
            seed,
            as_of,
            leaver_years: 3,
        }
    }
}

/// Leavers a year as a share of the children in care (KPI-CIC-04: about 184
/// left in 2017/18 of about 552 in care; national about 0.38).
pub const LEAVERS_PER_YEAR: f64 = 0.35;

/// Age at the snapshot, as shares (DfE national, 31 March 2024).
pub const AGE_BANDS: &[((u32, u32), f64)] = &[
    ((0, 0), 5.0),
    ((1, 4), 13.0),
    ((5, 9), 17.0),
    ((10, 15), 38.0),
    ((16, 17), 27.0),
];

/// Unaccompanied asylum-seeking children as a share of children in care (KPI-CIC-07).
pub const UASC_SHARE: f64 = 0.045;

/// Ethnicity of children in care (national mix scaled to the council's population).
pub const ETHNICITY: &[(Eth, f64)] = &[
    (Eth::WhiteBritish, 76.0),
    (Eth::WhiteIrish, 0.5),
    (Eth::WhiteIrishTraveller, 0.5),
    (Eth::WhiteOther, 4.0),
    (Eth::WhiteRoma, 0.5),
    (Eth::MixedWhiteBlackCaribbean, 3.0),
    (Eth::MixedWhiteBlackAfrican, 1.0),
    (Eth::MixedWhiteAsian, 1.5),
    (Eth::MixedOther, 2.5),
    (Eth::AsianIndian, 1.5),
    (Eth::AsianPakistani, 1.0),
    (Eth::AsianBangladeshi, 0.5),
    (Eth::AsianOther, 1.0),
    (Eth::BlackCaribbean, 0.5),
    (Eth::BlackAfrican, 1.0),
    (Eth::BlackOther, 0.5),
    (Eth::Chinese, 0.5),
    (Eth::OtherEthnicGroup, 2.0),
    (Eth::Refused, 0.5),
    (Eth::NotObtained, 1.0),
];

/// How each child left care, as shares of leavers (KPI-CIC-05 for the first
/// three; child arrangements orders, 18+ and other from national figures).
pub const EXITS: &[(Exit, f64)] = &[
    (Exit::ReturnHome, 26.0),
    (Exit::Adoption, 13.0),
    (Exit::SpecialGuardianship, 10.0),
    (Exit::ChildArrangements, 4.0),
    (Exit::Aged18, 32.0),
    (Exit::Other, 15.0),
];

/// Mean days from entering care to moving in with the adoptive family (KPI-ADP-01).
pub const ENTRY_TO_ADOPTIVE_PLACEMENT_DAYS: f64 = 413.0;
/// Mean days from the placement order to the match with adopters (KPI-ADP-02).
pub const PLACEMENT_ORDER_TO_MATCH_DAYS: f64 = 162.0;

/// The routes out of care the generator models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Exit {
    ReturnHome,
    Adoption,
    SpecialGuardianship,
    ChildArrangements,
    Aged18,
    Other,
}

/// The legal route of a child still in care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route {
    InterimOrder,
    CareOrder,
    PlacementOrder,
    Accommodated,
    Remand,
}

pub(crate) const GIVEN_MALE: &[&str] = &[
    "Oliver",
    "George",
    "Harry",
    "Jack",
    "Noah",
    "Leo",
    "Arthur",
    "Muhammad",
    "Oscar",
    "Charlie",
    "Jacob",
    "Thomas",
    "Henry",
    "Freddie",
    "Alfie",
    "Theo",
    "William",
    "Theodore",
    "Archie",
    "Joshua",
    "Alexander",
    "James",
    "Isaac",
    "Edward",
    "Lucas",
    "Tommy",
    "Finley",
    "Max",
    "Logan",
    "Ethan",
    "Mohammed",
    "Teddy",
    "Benjamin",
    "Arlo",
    "Joseph",
    "Sebastian",
    "Daniel",
    "Riley",
    "Hunter",
    "Albie",
    "Reggie",
    "Rory",
    "Jayden",
    "Kai",
    "Tyler",
    "Ahmed",
    "Dawit",
    "Yonas",
    "Ibrahim",
    "Kian",
];
pub(crate) const GIVEN_FEMALE: &[&str] = &[
    "Olivia",
    "Amelia",
    "Isla",
    "Ava",
    "Ivy",
    "Freya",
    "Lily",
    "Florence",
    "Mia",
    "Willow",
    "Rosie",
    "Sophia",
    "Isabella",
    "Grace",
    "Daisy",
    "Sienna",
    "Poppy",
    "Elsie",
    "Emily",
    "Ella",
    "Evelyn",
    "Phoebe",
    "Sofia",
    "Evie",
    "Charlotte",
    "Harper",
    "Millie",
    "Matilda",
    "Ruby",
    "Maisie",
    "Layla",
    "Aria",
    "Maya",
    "Alice",
    "Chloe",
    "Jessica",
    "Erin",
    "Niamh",
    "Amira",
    "Zara",
    "Hannah",
    "Leah",
    "Megan",
    "Keira",
    "Tia",
    "Aisha",
    "Hawa",
    "Selam",
    "Priya",
    "Kayla",
];
pub(crate) const FAMILY: &[&str] = &[
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Robinson",
    "Wright",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Wood",
    "Jackson",
    "Clarke",
    "Patel",
    "Khan",
    "Lewis",
    "James",
    "Phillips",
    "Mason",
    "Mitchell",
    "Rose",
    "Davis",
    "Rodriguez",
    "Cox",
    "Alexander",
    "Morgan",
    "Moore",
    "Mills",
    "King",
    "Hughes",
    "Cooper",
    "Marshall",
    "Ward",
    "Baker",
    "Harrison",
    "Morris",
    "Turner",
    "Price",
    "Bennett",
    "Shaw",
    "Holmes",
    "Palmer",
    "Fisher",
    "Hussain",
    "Begum",
    "Mistry",
    "Kowalski",
    "Nowak",
    "Murphy",
    "Kelly",
    "Stevens",
    "Barker",
    "Chambers",
    "Gill",
    "Sharma",
    "Ali",
    "Tesfay",
    "Haile",
    "Ahmadi",
    "Osei",
    "Mensah",
    "Okafor",
    "Campbell",
];

/// A generated council: its social workers and its children's journeys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Council {
    pub workers: Vec<Worker>,
    pub journeys: Vec<CareJourney>,
}

/// Area teams, after the council's localities.
const TEAMS: &[&str] = &[
    "Charnwood",
    "Melton",
    "Hinckley",
    "Coalville",
    "Loughborough",
    "Market Harborough",
    "Blaby",
    "Oadby and Wigston",
    "Lutterworth",
    "Ashby",
    "Syston",
    "Shepshed",
];

/// Children per social worker, and social workers per team.
const CASELOAD: usize = 12;
const TEAM_SIZE: usize = 8;

fn workers_for(children_in_care: usize) -> Vec<Worker> {
    // At least two teams, so that team boundaries can be seen even in a small council.
    let n = (children_in_care / CASELOAD).max(2 * TEAM_SIZE);
    (0..n)
        .map(|i| {
            let team = i / TEAM_SIZE;
            let name = TEAMS[team % TEAMS.len()];
            let round = team / TEAMS.len();
            Worker {
                id: format!("SW{:05}", i + 1),
                team: if round == 0 {
                    name.to_owned()
                } else {
                    format!("{name} {}", round + 1)
                },
            }
        })
        .collect()
}

/// Makes the council: every child's journey, in child-identifier order.
pub fn generate(spec: &CouncilSpec) -> Council {
    let workers = workers_for(spec.children_in_care);
    let mut g = Generator {
        rng: Rng::new(spec.seed),
        as_of: spec.as_of,
        next_id: 1,
        workers: workers.len(),
        out: Vec::with_capacity(spec.children_in_care * 2),
    };
    let mut in_care = 0;
    while in_care < spec.children_in_care {
        in_care += g.family_in_care(spec.children_in_care - in_care);
    }
    // Leavers fill the window so that every period of care that ended in it,
    // including the earlier periods of children now back in care, follows EXITS.
    let window_days = i64::from(spec.leaver_years) * 365;
    let window_start = spec.as_of - days(window_days);
    let total =
        (spec.children_in_care as f64 * LEAVERS_PER_YEAR * f64::from(spec.leaver_years)).round();
    let mut already: std::collections::HashMap<Exit, usize> = Default::default();
    for j in &g.out {
        for end in j.periods_of_care().into_iter().filter_map(|p| p.1) {
            if end.date > window_start {
                *already.entry(exit_of(end.reason)).or_default() += 1;
            }
        }
    }
    let mut exits: Vec<Exit> = Vec::new();
    for &(exit, share) in EXITS {
        let quota = (total * share / 100.0).round() as usize;
        exits.extend(std::iter::repeat_n(
            exit,
            quota.saturating_sub(already.get(&exit).copied().unwrap_or(0)),
        ));
    }
    for i in (1..exits.len()).rev() {
        exits.swap(i, g.rng.below(i as u64 + 1) as usize);
    }
    for exit in exits {
        g.leaver(exit, window_days);
    }
    Council {
        workers,
        journeys: g.out,
    }
}

struct Generator {
    rng: Rng,
    as_of: NaiveDate,
    next_id: u32,
    workers: usize,
    out: Vec<CareJourney>,
}

/// A child's journey under construction.
struct Draft {
    child: Child,
    episodes: Vec<Episode>,
    reviews: Vec<Review>,
    missing: Vec<MissingEpisode>,
    social_workers: Vec<SocialWorkerEpisode>,
}

fn days(n: i64) -> Days {
    Days::new(n.max(0) as u64)
}

impl Generator {
    fn new_id(&mut self) -> ChildId {
        let id = ChildId::parse(&format!("C{:07}", self.next_id)).expect("generated ids are valid");
        self.next_id += 1;
        id
    }

    fn postcode(&mut self) -> Postcode {
        let district = self.rng.between(1, 19);
        let sector = self.rng.between(0, 9);
        let letters = b"ABDEFGHJLNPQRSTUWXYZ";
        let a = letters[self.rng.below(letters.len() as u64) as usize] as char;
        let b = letters[self.rng.below(letters.len() as u64) as usize] as char;
        Postcode::parse(&format!("LE{district} {sector}{a}{b}"))
            .expect("generated postcodes are valid")
    }

    fn sex(&mut self, uasc: bool) -> Sex {
        let male = if uasc { 0.9 } else { 0.53 };
        if self.rng.chance(male) {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    fn given_name(&mut self, sex: Sex) -> String {
        let names = if sex == Sex::Male {
            GIVEN_MALE
        } else {
            GIVEN_FEMALE
        };
        (*self.rng.pick(names)).to_owned()
    }

    fn date_of_birth_for_age(&mut self, age: u32, on: NaiveDate) -> NaiveDate {
        let birthday = on - Months::new(12 * age);
        birthday - days(self.rng.between(0, 364))
    }

    fn pupil_number(&mut self, dob: NaiveDate, uasc: bool) -> Option<PupilNumber> {
        if age_on(dob, self.as_of) < 5 {
            return Some(PupilNumber::NotRecorded(
                domain::codes::UpnUnknownReason::NotSchoolAge,
            ));
        }
        if uasc && self.rng.chance(0.5) {
            return Some(PupilNumber::NotRecorded(
                domain::codes::UpnUnknownReason::NeverAttendedInEngland,
            ));
        }
        let school = self.rng.between(2000, 7999);
        let year = (dob.year() + 5) % 100;
        let serial = self.rng.between(0, 999);
        Upn::with_check_letter(&format!("855{school:04}{year:02}{serial:03}"))
            .ok()
            .map(PupilNumber::Known)
    }

    fn child(
        &mut self,
        family: &str,
        sex: Sex,
        dob: NaiveDate,
        ethnicity: Eth,
        uasc: bool,
    ) -> Child {
        let given = self.given_name(sex);
        let disabled = self.rng.chance(0.08);
        let uasc = uasc.then(|| UascStatus {
            ceased: Some(dob + Months::new(12 * 18)).filter(|d| *d <= self.as_of),
        });
        Child {
            id: self.new_id(),
            name: PersonName {
                given,
                family: family.to_owned(),
            },
            sex,
            date_of_birth: dob,
            ethnicity,
            pupil_number: self.pupil_number(dob, uasc.is_some()),
            disabled,
            uasc,
        }
    }

    fn category_of_need(&mut self, uasc: bool) -> Cin {
        if uasc {
            return Cin::AbsentParenting;
        }
        self.rng.weighted(&[
            (Cin::AbuseOrNeglect, 65.0),
            (Cin::ChildsDisability, 3.0),
            (Cin::ParentalIllnessOrDisability, 3.0),
            (Cin::FamilyInAcuteStress, 7.0),
            (Cin::FamilyDysfunction, 15.0),
            (Cin::SociallyUnacceptableBehaviour, 1.0),
            (Cin::LowIncome, 0.2),
            (Cin::AbsentParenting, 5.8),
        ])
    }

    /// A short earlier period of care that ended with a return home.
    fn previous_period(&mut self, d: &mut Draft, next_entry: NaiveDate, home: &Postcode, cin: Cin) {
        let dob = d.child.date_of_birth;
        let length = self.rng.between(30, 400);
        let gap = self.rng.between(60, 700);
        let start = next_entry - days(length + gap);
        if start <= dob {
            return;
        }
        let end = start + days(length);
        let reason = self.rng.weighted(&[
            (Rec::ReturnedHomePlanned, 80.0),
            (Rec::ReturnedHomeUnplanned, 20.0),
        ]);
        let age_then = age_on(dob, start);
        let pt = self.earlier_placement_type(age_then);
        let placement = self.placement(pt);
        d.episodes.push(Episode {
            start,
            reason_new_episode: Rne::Started,
            legal_status: Ls::SingleAccommodation,
            category_of_need: cin,
            placement,
            end: Some(EpisodeEnd { date: end, reason }),
            reason_placement_change: None,
            home_postcode: Some(home.clone()),
        });
        self.reviews(d, start, end);
        self.social_workers(d, start, Some(end));
    }

    /// The period of care the child is in now, from `entry` to today.
    fn current_period(
        &mut self,
        d: &mut Draft,
        entry: NaiveDate,
        route: Route,
        home: &Postcode,
        cin: Cin,
    ) {
        let as_of = self.as_of;
        let in_care_days = (as_of - entry).num_days();
        // Legal status changes: (date, status), after the first.
        let mut first_status = match route {
            Route::InterimOrder | Route::PlacementOrder => Ls::InterimCareOrder,
            Route::CareOrder => {
                if self.rng.chance(0.7) {
                    Ls::InterimCareOrder
                } else {
                    Ls::SingleAccommodation
                }
            }
            Route::Accommodated => Ls::SingleAccommodation,
            Route::Remand => {
                if age_on(d.child.date_of_birth, entry) >= 10 {
                    Ls::RemandedToAccommodation
                } else {
                    Ls::EmergencyProtectionOrder
                }
            }
        };
        let mut status_changes: Vec<(NaiveDate, Ls)> = Vec::new();
        let mut placed_for_adoption_on = None;
        match route {
            Route::CareOrder => {
                let when = self.rng.between(120, 330).min(in_care_days);
                if when > 0 {
                    status_changes.push((entry + days(when), Ls::FullCareOrder));
                } else {
                    first_status = Ls::FullCareOrder;
                }
            }
            Route::PlacementOrder => {
                let when = self.rng.between(200, 330).min(in_care_days);
                let order = entry + days(when);
                status_changes.push((order, Ls::PlacementOrder));
                let to_match = self
                    .rng
                    .lognormal_with_mean(PLACEMENT_ORDER_TO_MATCH_DAYS, 0.45)
                    as i64;
                let placed = order + days(to_match + self.rng.between(14, 35));
                if placed <= as_of {
                    placed_for_adoption_on = Some(placed);
                }
            }
            _ => {}
        }
        let age_now = age_on(d.child.date_of_birth, as_of);
        let final_type =
            self.current_placement_type(age_now, route, placed_for_adoption_on.is_some());

        // Placement moves: some in the last year (3+ placements for about 8%), some before.
        let year_ago = as_of - days(365);
        let window_start = entry.max(year_ago);
        let moves_last_year = self
            .rng
            .weighted(&[(0usize, 68.5), (1, 22.0), (2, 7.0), (3, 2.5)]);
        let mut moves: Vec<NaiveDate> = (0..moves_last_year)
            .filter_map(|_| {
                let span = (as_of - window_start).num_days();
                (span > 2).then(|| window_start + days(self.rng.between(1, span - 1)))
            })
            .collect();
        let earlier_span = (year_ago - entry).num_days();
        if earlier_span > 30 {
            let expected = earlier_span as f64 / 365.0 * 0.3;
            let n = expected.floor() as usize + usize::from(self.rng.chance(expected.fract()));
            for _ in 0..n {
                moves.push(entry + days(self.rng.between(1, earlier_span - 1)));
            }
        }
        if let Some(placed) = placed_for_adoption_on {
            moves.retain(|m| *m < placed);
            moves.push(placed);
        }
        moves.sort();
        moves.dedup();
        let mut changes: Vec<NaiveDate> = moves
            .iter()
            .copied()
            .chain(status_changes.iter().map(|c| c.0))
            .collect();
        changes.sort();
        changes.dedup();

        let mut status = first_status;
        let first_type = if changes.is_empty() {
            final_type
        } else {
            self.earlier_placement_type(age_on(d.child.date_of_birth, entry))
        };
        let first_placement = self.placement(first_type);
        d.episodes.push(Episode {
            start: entry,
            reason_new_episode: Rne::Started,
            legal_status: status,
            category_of_need: cin,
            placement: first_placement,
            end: None,
            reason_placement_change: None,
            home_postcode: Some(home.clone()),
        });
        let last_move = moves.last().copied();
        for date in changes {
            let moved = moves.contains(&date);
            let new_status = status_changes.iter().find(|c| c.0 == date).map(|c| c.1);
            let previous = d.episodes.last_mut().expect("an episode");
            previous.end = Some(EpisodeEnd {
                date,
                reason: Rec::NewEpisodeSameDay,
            });
            let mut placement = previous.placement.clone();
            if moved {
                let pt = if Some(date) == last_move {
                    final_type
                } else {
                    self.earlier_placement_type(age_on(d.child.date_of_birth, date))
                };
                placement = self.placement(pt);
            }
            let changed_status = new_status.filter(|s| *s != status);
            if let Some(s) = changed_status {
                status = s;
            }
            let rne = match (changed_status.is_some(), moved) {
                (true, true) => Rne::LegalStatusAndPlacementChange,
                (true, false) => Rne::LegalStatusChange,
                _ => Rne::PlacementChange,
            };
            let reason_placement_change = moved.then(|| {
                if placed_for_adoption_on == Some(date) {
                    Rpc::CarerApprovalChange
                } else {
                    self.reason_for_move()
                }
            });
            d.episodes.push(Episode {
                start: date,
                reason_new_episode: rne,
                legal_status: status,
                category_of_need: cin,
                placement,
                end: None,
                reason_placement_change,
                home_postcode: Some(home.clone()),
            });
        }
        self.reviews(d, entry, as_of);
        self.missing(d, entry);
        self.social_workers(d, entry, None);
    }

    fn link_siblings(&mut self, first_index: usize, ids: &[ChildId]) {
        if ids.len() < 2 {
            return;
        }
        let rebuilt: Vec<CareJourney> = self.out[first_index..]
            .iter()
            .map(|j| {
                let siblings = ids.iter().filter(|s| *s != j.id()).cloned().collect();
                CareJourney::build(
                    j.child().clone(),
                    j.episodes().to_vec(),
                    j.reviews().to_vec(),
                    j.missing().to_vec(),
                    j.social_workers().to_vec(),
                    siblings,
                    self.as_of,
                )
                .and_then(|built| built.with_activities(j.activities().to_vec(), self.as_of))
                .expect("adding siblings keeps a journey valid")
            })
            .collect();
        self.out.truncate(first_index);
        self.out.extend(rebuilt);
    }

    fn push(&mut self, d: Draft) {
        let journey = CareJourney::build(
            d.child,
            d.episodes,
            d.reviews,
            d.missing,
            d.social_workers,
            vec![],
            self.as_of,
        )
        .unwrap_or_else(|e| panic!("the generator made an invalid journey: {e}"));
        let activities = self.activities(&journey);
        let journey = journey
            .with_activities(activities, self.as_of)
            .unwrap_or_else(|e| panic!("the generator made an invalid activity: {e}"));
        self.out.push(journey);
    }
}

impl Draft {
    fn new(child: Child) -> Self {
        Self {
            child,
            episodes: Vec::new(),
            reviews: Vec::new(),
            missing: Vec::new(),
            social_workers: Vec::new(),
        }
    }
}

mod activities;
mod histories;
mod leavers;
mod placements;
mod profile;
use profile::exit_of;
pub use profile::{Profile, profile};

#[cfg(test)]
mod tests;
