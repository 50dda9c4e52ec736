//! The carers' training and events programme the training officer keeps
//! (WF-TRAINING), one record for the service: the live courses every kind
//! of carer may book, each booking under the audience its household's role
//! makes it (TRAIN-001); the newsletters that publicise training and say
//! how to book (TRAIN-005); the community events for foster families, of
//! the kinds the offer names (TRAIN-010), and the adopters' quarterly
//! meet-ups (TRAIN-007); the training needs surveys and the review of the
//! offer at the end of each financial year, which draws on one (TRAIN-004);
//! and the development actions of the offer with their owners and dates,
//! such as bespoke training for special guardians (SG-008).
//!
//! A change is read from a form's named fields (`ProgrammeChange::parse`),
//! refusing with `field: problem`; the record applies it or refuses the
//! same way, and its open tasks are worklist lines about the service.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::deadlines::Standing;
use crate::households::lifecycle::RoleKind;
use crate::passport::ledger::{financial_year, year_label};
use crate::roles::Role;
use crate::subjects::{Subject, SubjectItem, SubjectKind};

/// The programme's one record.
pub const PROGRAMME_ID: &str = "TRAINING";

/// Who a booking is for (TRAIN-001: the training is for all the service's
/// carers and adoptive parents).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    FosterCarer,
    ConnectedCarer,
    SupportedLodgingsProvider,
    SgoCarer,
    CaoCarer,
    AdoptiveParent,
}

impl Audience {
    /// Every audience.
    pub const ALL: [Audience; 6] = [
        Audience::FosterCarer,
        Audience::ConnectedCarer,
        Audience::SupportedLodgingsProvider,
        Audience::SgoCarer,
        Audience::CaoCarer,
        Audience::AdoptiveParent,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Audience::FosterCarer => "foster_carer",
            Audience::ConnectedCarer => "connected_carer",
            Audience::SupportedLodgingsProvider => "supported_lodgings_provider",
            Audience::SgoCarer => "sgo_carer",
            Audience::CaoCarer => "cao_carer",
            Audience::AdoptiveParent => "adoptive_parent",
        }
    }

    /// The audience with this code.
    fn parse(code: &str) -> Option<Audience> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }

    /// The audience in words.
    pub fn label(self) -> &'static str {
        match self {
            Audience::FosterCarer => "foster carer",
            Audience::ConnectedCarer => "connected carer",
            Audience::SupportedLodgingsProvider => "supported lodgings provider",
            Audience::SgoCarer => "SGO carer",
            Audience::CaoCarer => "CAO or Residence Order carer",
            Audience::AdoptiveParent => "adoptive parent",
        }
    }

    /// TRAIN-001: the audience a household's role books under; None for a
    /// role the programme is not for (birth family, panel members, a
    /// Staying Put carer, who books as the foster carer they still are).
    fn of_role(kind: RoleKind) -> Option<Audience> {
        match kind {
            RoleKind::FosterCarer => Some(Audience::FosterCarer),
            RoleKind::ConnectedPersonCarer => Some(Audience::ConnectedCarer),
            RoleKind::SupportedLodgingsHost => Some(Audience::SupportedLodgingsProvider),
            RoleKind::SpecialGuardian => Some(Audience::SgoCarer),
            RoleKind::ChildArrangementsOrderHolder => Some(Audience::CaoCarer),
            RoleKind::Adopter => Some(Audience::AdoptiveParent),
            _ => None,
        }
    }
}

/// A place on a live course.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseBooking {
    pub household: String,
    /// The household's name when it booked.
    pub name: String,
    pub audience: Audience,
    pub booked: NaiveDate,
    /// The course was full: the household waits for a place (TRAIN-003).
    pub waitlisted: bool,
}

/// A live course in a venue the training officer booked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveCourse {
    pub title: String,
    pub date: NaiveDate,
    pub places: u32,
    pub bookings: Vec<CourseBooking>,
}

impl LiveCourse {
    /// Places taken (not waiting).
    pub fn taken(&self) -> usize {
        self.bookings.iter().filter(|b| !b.waitlisted).count()
    }
}

/// The newsletters training is publicised in.
pub const NEWSLETTERS: &[(&str, &str)] = &[
    ("fostering_news", "Fostering News"),
    ("adoption_newsletter", "Adoption newsletter"),
    ("sgo_news", "Special Guardianship Orders News"),
];

/// An issue of a newsletter, published with its training section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsletterIssue {
    pub newsletter: String,
    pub title: String,
    pub date: NaiveDate,
    /// TRAIN-005: the training on offer.
    pub training: String,
    /// TRAIN-005: how to book it.
    pub how_to_book: String,
}

/// Who an event is for.
pub const EVENT_AUDIENCES: &[(&str, &str)] = &[
    ("fostering", "Foster families"),
    ("adoption", "Adoptive families"),
    ("special_guardianship", "SGO and CAO carers"),
];

/// TRAIN-010: the kinds of event for foster families.
pub const FOSTERING_EVENTS: &[(&str, &str)] = &[
    ("support_group", "Support and information-sharing group"),
    ("family_fun_day", "Family fun day"),
    ("craft_day", "Craft day"),
    ("summer_play_scheme", "Summer play scheme"),
    ("celebration", "Celebration event"),
];

/// TRAIN-007: the adopters' quarterly meet-ups, one a season.
pub const MEET_UPS: &[(&str, &str)] = &[
    ("meet_up_spring", "Spring meet-up"),
    ("meet_up_summer", "Summer holidays meet-up"),
    ("meet_up_autumn", "Autumn meet-up"),
    ("meet_up_christmas", "Christmas meet-up"),
];

/// The kinds of event for adoptive families and for SGO and CAO carers
/// besides the meet-ups (TRAIN-008, TRAIN-011).
pub const OTHER_EVENTS: &[(&str, &str)] = &[
    ("stay_and_play", "Stay and play"),
    ("coffee_morning", "Coffee morning support group"),
    ("support_group", "Support group"),
    ("celebration", "Celebration event"),
];

/// A community event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunityEvent {
    pub audience: String,
    pub kind: String,
    pub title: String,
    pub date: NaiveDate,
}

impl CommunityEvent {
    /// The event's kind in words.
    pub fn kind_label(&self) -> &'static str {
        [FOSTERING_EVENTS, MEET_UPS, OTHER_EVENTS]
            .iter()
            .flat_map(|l| l.iter())
            .find(|(c, _)| *c == self.kind)
            .map_or("", |(_, l)| l)
    }
}

/// A training needs survey's results (TRAIN-004).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Survey {
    pub title: String,
    pub date: NaiveDate,
    pub responses: u32,
    pub findings: String,
}

/// TRAIN-004: a financial year's review of the training offer, with the
/// survey it drew on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferReview {
    /// The financial year, as the year it starts in (2024 for 2024-25).
    pub year: i32,
    pub completed: NaiveDate,
    /// The survey's number, from 1.
    pub survey: usize,
    pub decisions: String,
}

/// A development action of the offer (SG-008: bespoke training for
/// special guardians, owned by the Service Manager and the Post Order
/// Team Manager).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeAction {
    pub title: String,
    pub owners: String,
    pub audience: Audience,
    /// The team whose worklist shows it.
    pub team: String,
    pub due: NaiveDate,
    pub done: Option<NaiveDate>,
}

/// The programme's record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingProgramme {
    pub courses: Vec<LiveCourse>,
    pub newsletters: Vec<NewsletterIssue>,
    pub events: Vec<CommunityEvent>,
    pub surveys: Vec<Survey>,
    pub reviews: Vec<OfferReview>,
    pub actions: Vec<ProgrammeAction>,
}

/// A change to the programme, read from a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgrammeChange {
    Course(LiveCourse),
    /// A household books course `course` (from 1) on `on`.
    Book {
        course: usize,
        household: String,
        on: NaiveDate,
    },
    Newsletter(NewsletterIssue),
    Event(CommunityEvent),
    Survey(Survey),
    Review(OfferReview),
    Action(ProgrammeAction),
    /// Action `action` (from 1) done on `on`.
    ActionDone {
        action: usize,
        on: NaiveDate,
    },
}

/// Who books: the household's name and its open roles' kinds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booker {
    pub name: String,
    pub roles: Vec<RoleKind>,
}

fn refuse<T>(field: &str, problem: impl std::fmt::Display) -> Result<T, String> {
    Err(format!("{field}: {problem}"))
}

fn text(get: &dyn Fn(&str) -> String, field: &str, what: &str) -> Result<String, String> {
    let v = get(field).trim().to_owned();
    if v.is_empty() {
        return refuse(field, format!("enter {what}"));
    }
    Ok(v)
}

fn date(get: &dyn Fn(&str) -> String, field: &str) -> Result<NaiveDate, String> {
    get(field)
        .trim()
        .parse()
        .or_else(|_| refuse(field, "enter the date, for example 27/3/2026"))
}

fn number(get: &dyn Fn(&str) -> String, field: &str, what: &str) -> Result<u32, String> {
    get(field)
        .trim()
        .parse()
        .or_else(|_| refuse(field, format!("enter {what} as a whole number")))
}

fn not_future(field: &str, on: NaiveDate, today: NaiveDate) -> Result<(), String> {
    if on > today {
        return refuse(field, "the date cannot be in the future");
    }
    Ok(())
}

fn in_list(list: &[(&str, &str)], code: &str) -> bool {
    list.iter().any(|(c, _)| *c == code)
}

/// TRAIN-004: the day a financial year's review of the offer is due, its
/// last day.
fn review_due(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year + 1, 3, 31).expect("31 March exists")
}

impl ProgrammeChange {
    /// The change form `code` asks for, from its named fields (dates in ISO
    /// form), or `field: problem`.
    pub fn parse(
        code: &str,
        get: &dyn Fn(&str) -> String,
        today: NaiveDate,
    ) -> Result<ProgrammeChange, String> {
        Ok(match code {
            "course" => {
                let places = number(get, "places", "the number of places")?;
                if places == 0 {
                    return refuse("places", "a course has at least one place");
                }
                ProgrammeChange::Course(LiveCourse {
                    title: text(get, "title", "the course's title")?,
                    date: date(get, "date")?,
                    places,
                    bookings: Vec::new(),
                })
            }
            "book" => ProgrammeChange::Book {
                course: number(get, "course", "the course")? as usize,
                household: text(
                    get,
                    "household",
                    "the household's reference, for example H00042",
                )?,
                on: {
                    let on = date(get, "date")?;
                    not_future("date", on, today)?;
                    on
                },
            },
            "newsletter" => {
                let newsletter = get("newsletter");
                if !in_list(NEWSLETTERS, &newsletter) {
                    return refuse("newsletter", "choose the newsletter");
                }
                ProgrammeChange::Newsletter(NewsletterIssue {
                    newsletter,
                    title: text(get, "title", "the issue's title")?,
                    date: date(get, "date")?,
                    training: get("training").trim().to_owned(),
                    how_to_book: get("how_to_book").trim().to_owned(),
                })
            }
            "event" => ProgrammeChange::Event(CommunityEvent {
                audience: get("audience"),
                kind: get("kind"),
                // Optional: the kind's name when left empty.
                title: get("title").trim().to_owned(),
                date: date(get, "date")?,
            }),
            "survey" => {
                let on = date(get, "date")?;
                not_future("date", on, today)?;
                ProgrammeChange::Survey(Survey {
                    title: text(get, "title", "the survey's title")?,
                    date: on,
                    responses: number(get, "responses", "the number of responses")?,
                    findings: text(get, "findings", "what the survey found")?,
                })
            }
            "review" => {
                let on = date(get, "date")?;
                not_future("date", on, today)?;
                let year = get("year")
                    .trim()
                    .get(..4)
                    .and_then(|y| y.parse().ok())
                    .map_or_else(
                        || refuse("year", "enter the financial year, for example 2024-25"),
                        Ok,
                    )?;
                ProgrammeChange::Review(OfferReview {
                    year,
                    completed: on,
                    survey: get("survey").trim().parse().unwrap_or(0),
                    decisions: text(get, "decisions", "what the review decided")?,
                })
            }
            "action" => ProgrammeChange::Action(ProgrammeAction {
                title: text(get, "title", "the action")?,
                owners: text(get, "owners", "who owns the action")?,
                audience: Audience::parse(&get("audience"))
                    .map_or_else(|| refuse("audience", "choose who the action is for"), Ok)?,
                team: text(get, "team", "the team whose worklist shows it")?,
                due: date(get, "due")?,
                done: None,
            }),
            "action_done" => {
                let on = date(get, "date")?;
                not_future("date", on, today)?;
                ProgrammeChange::ActionDone {
                    action: number(get, "action", "the action")? as usize,
                    on,
                }
            }
            _ => return refuse("change", "choose what to record"),
        })
    }
}

impl TrainingProgramme {
    /// Applies a change; a booking needs its `booker`. Refuses with
    /// `field: problem`, the record unchanged.
    pub fn apply(
        &mut self,
        change: ProgrammeChange,
        booker: Option<&Booker>,
    ) -> Result<(), String> {
        match change {
            ProgrammeChange::Course(c) => self.courses.push(c),
            ProgrammeChange::Book {
                course,
                household,
                on,
            } => {
                let Some(booker) = booker else {
                    return refuse("household", "no household has this reference");
                };
                self.book(course, household, booker, on)?;
            }
            ProgrammeChange::Newsletter(n) => self.publish(n)?,
            ProgrammeChange::Event(e) => self.add_event(e)?,
            ProgrammeChange::Survey(s) => self.surveys.push(s),
            ProgrammeChange::Review(r) => self.review(r)?,
            ProgrammeChange::Action(a) => self.actions.push(a),
            ProgrammeChange::ActionDone { action, on } => {
                match action.checked_sub(1).and_then(|i| self.actions.get_mut(i)) {
                    Some(a) if a.done.is_none() => a.done = Some(on),
                    Some(_) => return refuse("action", "this action is already done"),
                    None => return refuse("action", "choose an action"),
                }
            }
        }
        Ok(())
    }

    /// TRAIN-001: a household books a live course under the audience its
    /// open role makes it; a full course puts it on the waiting list
    /// (TRAIN-003).
    fn book(
        &mut self,
        course: usize,
        household: String,
        booker: &Booker,
        on: NaiveDate,
    ) -> Result<(), String> {
        let Some(c) = course.checked_sub(1).and_then(|i| self.courses.get_mut(i)) else {
            return refuse("course", "choose a course");
        };
        if c.date < on {
            return refuse("course", "this course has already run");
        }
        let Some(audience) = booker.roles.iter().find_map(|k| Audience::of_role(*k)) else {
            return refuse(
                "household",
                "the training programme is for foster, connected, supported lodgings, SGO and CAO carers and adoptive parents: this household holds none of those roles",
            );
        };
        if c.bookings.iter().any(|b| b.household == household) {
            return refuse(
                "household",
                "this household is already booked on the course",
            );
        }
        let waitlisted = c.taken() >= c.places as usize;
        c.bookings.push(CourseBooking {
            household,
            name: booker.name.clone(),
            audience,
            booked: on,
            waitlisted,
        });
        Ok(())
    }

    /// TRAIN-005: an issue is published only with its training section
    /// saying how to book.
    fn publish(&mut self, n: NewsletterIssue) -> Result<(), String> {
        if n.training.is_empty() {
            return refuse(
                "training",
                "an issue cannot be published without its training section",
            );
        }
        if n.how_to_book.is_empty() {
            return refuse("how_to_book", "the training section must say how to book");
        }
        self.newsletters.push(n);
        Ok(())
    }

    /// TRAIN-010: an event for foster families is one of the kinds the
    /// offer names; TRAIN-007: the meet-ups are the adopters'.
    fn add_event(&mut self, mut e: CommunityEvent) -> Result<(), String> {
        let allowed: &[&[(&str, &str)]] = match e.audience.as_str() {
            "fostering" => &[FOSTERING_EVENTS],
            "adoption" => &[MEET_UPS, OTHER_EVENTS],
            "special_guardianship" => &[OTHER_EVENTS],
            _ => return refuse("audience", "choose who the event is for"),
        };
        if !allowed.iter().any(|l| in_list(l, &e.kind)) {
            let names: Vec<&str> = allowed
                .iter()
                .flat_map(|l| l.iter().map(|(_, n)| *n))
                .collect();
            return refuse(
                "kind",
                format!("an event for this audience is one of: {}", names.join(", ")),
            );
        }
        if e.title.is_empty() {
            e.title = e.kind_label().to_owned();
        }
        self.events.push(e);
        Ok(())
    }

    /// TRAIN-004: a year's review is completed only with the survey of that
    /// year it drew on, once.
    fn review(&mut self, r: OfferReview) -> Result<(), String> {
        if self.reviews.iter().any(|x| x.year == r.year) {
            return refuse("year", "this year's review is already recorded");
        }
        let Some(s) = r.survey.checked_sub(1).and_then(|i| self.surveys.get(i)) else {
            return refuse(
                "survey",
                "link the training needs survey the review drew on: record its results first",
            );
        };
        if financial_year(s.date) != r.year {
            return refuse(
                "survey",
                format!(
                    "the survey must be one of the year's: this one is from {}",
                    year_label(financial_year(s.date))
                ),
            );
        }
        self.reviews.push(r);
        Ok(())
    }

    /// TRAIN-007: the seasons of `year` without an adopters' meet-up.
    pub fn missing_meet_ups(&self, year: i32) -> Vec<&'static str> {
        MEET_UPS
            .iter()
            .filter(|(code, _)| {
                !self
                    .events
                    .iter()
                    .any(|e| e.audience == "adoption" && e.kind == *code && e.date.year() == year)
            })
            .map(|(_, label)| *label)
            .collect()
    }

    /// The programme's open tasks on `as_of` as worklist lines about the
    /// service: each financial year's review of the offer not yet done
    /// (TRAIN-004, from the first year the programme holds, the service's
    /// line), and each open action (SG-008 when for special guardians, on
    /// its team's list).
    pub fn deadlines(&self, as_of: NaiveDate) -> Vec<SubjectItem> {
        let first = self
            .surveys
            .iter()
            .map(|s| s.date)
            .chain(self.courses.iter().map(|c| c.date))
            .chain(self.newsletters.iter().map(|n| n.date))
            .min()
            .map_or(financial_year(as_of), financial_year)
            .min(financial_year(as_of));
        let subject = Subject {
            kind: SubjectKind::Service,
            id: PROGRAMME_ID.to_owned(),
            name: "Training programme".to_owned(),
            record: PROGRAMME_ID.to_owned(),
            role: None,
        };
        let line = |rule, title: String, due: NaiveDate, team: Option<String>, who| SubjectItem {
            subject: subject.clone(),
            worker: None,
            team,
            rule: Some(rule),
            title,
            due,
            days_left: (due - as_of).num_days(),
            standing: if due < as_of {
                Standing::Overdue
            } else {
                Standing::DueSoon
            },
            responsible: Some(who),
        };
        let mut out: Vec<SubjectItem> = (first..=financial_year(as_of))
            .filter(|y| !self.reviews.iter().any(|r| r.year == *y))
            .map(|y| {
                line(
                    "TRAIN-004",
                    format!("Review the training offer for {}", year_label(y)),
                    review_due(y),
                    None,
                    Role::ServiceManager,
                )
            })
            .collect();
        out.extend(self.actions.iter().filter(|a| a.done.is_none()).map(|a| {
            line(
                if a.audience == Audience::SgoCarer {
                    "SG-008"
                } else {
                    "TRAIN-004"
                },
                format!("{} (owners: {})", a.title, a.owners),
                a.due,
                Some(a.team.clone()),
                Role::ServiceManager,
            )
        }));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn train_004_the_review_is_due_on_the_last_day_of_the_financial_year() {
        assert_eq!(financial_year(d("2025-03-31")), 2024);
        assert_eq!(financial_year(d("2025-04-01")), 2025);
        assert_eq!(review_due(2024), d("2025-03-31"));
        let p = TrainingProgramme::default();
        let due = p.deadlines(d("2025-03-20"));
        assert_eq!(
            (due[0].rule, due[0].due),
            (Some("TRAIN-004"), d("2025-03-31"))
        );
    }
}
