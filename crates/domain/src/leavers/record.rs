//! A care leaver's record: the Pathway Plan and its reviews (LEAVE-004,
//! LEAVE-101, LEAVE-105), the Personal Adviser (LEAVE-005), the 16+ Team
//! allocation (LEAVE-014), education, employment or training and its
//! signposting (LEAVE-106, LEAVE-010), accommodation, keeping in touch
//! (LEAVE-006), support asked for to 25 (LEAVE-002), the vulnerable care
//! leaver panel (LEAVE-003), the UASC age assessment (LEAVE-011) and the
//! Director's letters (LEAVE-009); what each change asks, and the flags the
//! record raises on a date.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::status::{self, Period};
use crate::roles::Role;

/// LEAVE-006: no contact for this many months and the young person is not
/// in touch (configurable here).
pub const IN_TOUCH_MONTHS: u32 = 9;

/// LEAVE-004: the Pathway Plan is updated at least every this many months.
pub const PLAN_MONTHS: u32 = 6;

/// LEAVE-014: the team a care leaver's case may be allocated to and the
/// service that owns it.
pub const TEAMS: &[(&str, &str)] = &[
    ("16+ Team", "Children in Care"),
    ("Care Leavers Team 1", "Children in Care"),
    ("Care Leavers Team 2", "Children in Care"),
    ("UASC Team", "Children in Care"),
];

/// LEAVE-014: the service that owns a team's cases.
pub fn owning_service(team: &str) -> Option<&'static str> {
    TEAMS.iter().find(|(t, _)| *t == team).map(|(_, s)| *s)
}

/// Education, employment or training (LEAVE-106).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Activity {
    Education,
    Employment,
    Training,
    NotInEet,
}

impl Activity {
    pub const ALL: [Activity; 4] = [
        Activity::Education,
        Activity::Employment,
        Activity::Training,
        Activity::NotInEet,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Activity::Education => "education",
            Activity::Employment => "employment",
            Activity::Training => "training",
            Activity::NotInEet => "neet",
        }
    }
    pub fn title(self) -> &'static str {
        match self {
            Activity::Education => "In education",
            Activity::Employment => "In employment",
            Activity::Training => "In training",
            Activity::NotInEet => "Not in education, employment or training (NEET)",
        }
    }
    pub fn parse(code: &str) -> Option<Activity> {
        Activity::ALL.into_iter().find(|a| a.code() == code)
    }
}

/// One review (or the first writing) of the Pathway Plan: LEAVE-105, it is
/// both the assessment of need and the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanReview {
    pub date: NaiveDate,
    /// The assessment of the young person's needs.
    pub assessment: String,
    /// LEAVE-004: the young person's own view, in their words.
    pub voice: String,
    /// LEAVE-004: the SMART outcomes the plan sets.
    pub outcomes: String,
    pub by: String,
}

/// A dated entry: a status, a contact, a signposting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dated<T> {
    pub date: NaiveDate,
    pub what: T,
    pub by: String,
}

/// A care leaver's record (one per young person).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CareLeaverRecord {
    pub child_id: String,
    pub reviews: Vec<PlanReview>,
    pub adviser: Option<Dated<String>>,
    pub team: Option<String>,
    pub activity: Vec<Dated<Activity>>,
    pub signposting: Vec<Dated<String>>,
    /// Accommodation: suitable or not, with what it is.
    pub accommodation: Vec<Dated<(bool, String)>>,
    pub contacts: Vec<Dated<String>>,
    pub support_requested: Option<NaiveDate>,
    pub most_vulnerable: bool,
    pub vulnerable_panel: Option<NaiveDate>,
    pub age_assessment: Option<String>,
    /// LEAVE-009: the Director's letters sent, by the birthday they mark.
    pub letters: Vec<(u32, NaiveDate)>,
    /// LEAVE-010: the identified destination after Key Stage 4.
    pub destination: Option<String>,
    /// LEAVE-010: whether the college's Designated Person was invited to
    /// the summer PEP of Year 11.
    pub college_invited: Option<bool>,
}

/// A change to a care leaver's record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeaverChange {
    ReviewPlan {
        date: NaiveDate,
        assessment: String,
        voice: String,
        outcomes: String,
    },
    AllocateAdviser {
        date: NaiveDate,
        name: String,
    },
    AllocateTeam {
        team: String,
    },
    Activity {
        date: NaiveDate,
        activity: Activity,
    },
    Signpost {
        date: NaiveDate,
        what: String,
    },
    Accommodation {
        date: NaiveDate,
        suitable: bool,
        what: String,
    },
    Contact {
        date: NaiveDate,
        how: String,
    },
    RequestSupport {
        date: NaiveDate,
    },
    Vulnerable {
        panel: Option<NaiveDate>,
    },
    AgeAssessment {
        outcome: String,
    },
    LetterSent {
        age: u32,
        date: NaiveDate,
    },
    Post16 {
        destination: String,
        college_invited: bool,
    },
}

/// Every change's code and the words of its form.
pub const CHANGES: &[(&str, &str)] = &[
    ("review", "Review the Pathway Plan"),
    ("adviser", "Allocate a Personal Adviser"),
    ("team", "Allocate the case to a team"),
    ("activity", "Record education, employment or training"),
    ("signpost", "Record signposting"),
    ("accommodation", "Record accommodation"),
    ("contact", "Record contact"),
    ("support", "Record a request for support (21 to 25)"),
    ("vulnerable", "Most vulnerable care leaver"),
    ("age_assessment", "Record the age assessment outcome"),
    ("letter", "Record the Director's letter"),
    ("post16", "Record the post-16 destination"),
];

fn required(get: &dyn Fn(&str) -> String, name: &str, what: &str) -> Result<String, String> {
    let v = get(name).trim().to_owned();
    if v.is_empty() {
        Err(format!("{name}: enter {what}"))
    } else if v.len() > 4000 {
        Err(format!("{name}: {what} must be 4,000 characters or fewer"))
    } else {
        Ok(v)
    }
}

/// A date written as ISO text (the forms send dates so).
pub fn iso_date(text: &str) -> Result<NaiveDate, chrono::ParseError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
}

fn date_field(
    get: &dyn Fn(&str) -> String,
    name: &str,
    today: NaiveDate,
) -> Result<NaiveDate, String> {
    let v = get(name);
    let d = iso_date(v.trim())
        .map_err(|_| format!("{name}: enter a real date, for example 2026-03-27"))?;
    if d > today {
        return Err(format!("{name}: the date must be today or in the past"));
    }
    Ok(d)
}

impl LeaverChange {
    /// Reads a change from a form's fields (dates as ISO text), naming the
    /// field and the problem when one is missing or wrong.
    pub fn parse(
        code: &str,
        get: &dyn Fn(&str) -> String,
        today: NaiveDate,
    ) -> Result<Self, String> {
        let date = |n: &str| date_field(get, n, today);
        Ok(match code {
            "review" => LeaverChange::ReviewPlan {
                date: date("date")?,
                assessment: required(get, "assessment", "the assessment of needs")?,
                voice: required(get, "voice", "the young person's view")?,
                outcomes: required(get, "outcomes", "the outcomes the plan sets")?,
            },
            "adviser" => LeaverChange::AllocateAdviser {
                date: date("date")?,
                name: required(get, "name", "the Personal Adviser's name")?,
            },
            "team" => {
                let team = required(get, "team", "the team")?;
                if owning_service(&team).is_none() {
                    return Err("team: choose one of the care leavers' teams".into());
                }
                LeaverChange::AllocateTeam { team }
            }
            "activity" => LeaverChange::Activity {
                date: date("date")?,
                activity: Activity::parse(&get("activity"))
                    .ok_or("activity: choose education, employment, training or NEET")?,
            },
            "signpost" => LeaverChange::Signpost {
                date: date("date")?,
                what: required(get, "what", "what the young person was signposted to")?,
            },
            "accommodation" => LeaverChange::Accommodation {
                date: date("date")?,
                suitable: match get("suitable").as_str() {
                    "yes" => true,
                    "no" => false,
                    _ => return Err("suitable: say whether the accommodation is suitable".into()),
                },
                what: required(get, "what", "the accommodation")?,
            },
            "contact" => LeaverChange::Contact {
                date: date("date")?,
                how: required(get, "how", "how the contact was made")?,
            },
            "support" => LeaverChange::RequestSupport {
                date: date("date")?,
            },
            "vulnerable" => LeaverChange::Vulnerable {
                panel: match get("panel").trim() {
                    "" => None,
                    p => Some(
                        iso_date(p)
                            .map_err(|_| "panel: enter a real date, for example 2026-03-27")?,
                    ),
                },
            },
            "age_assessment" => LeaverChange::AgeAssessment {
                outcome: required(get, "outcome", "the age assessment's outcome")?,
            },
            "letter" => LeaverChange::LetterSent {
                age: match get("age").as_str() {
                    "18" => 18,
                    "21" => 21,
                    _ => return Err("age: choose the letter at 18 or at 21".into()),
                },
                date: date("date")?,
            },
            "post16" => LeaverChange::Post16 {
                destination: required(get, "destination", "the destination after Year 11")?,
                college_invited: get("college_invited") == "yes",
            },
            _ => return Err("change: choose what to record".into()),
        })
    }

    pub fn code(&self) -> &'static str {
        match self {
            LeaverChange::ReviewPlan { .. } => "review",
            LeaverChange::AllocateAdviser { .. } => "adviser",
            LeaverChange::AllocateTeam { .. } => "team",
            LeaverChange::Activity { .. } => "activity",
            LeaverChange::Signpost { .. } => "signpost",
            LeaverChange::Accommodation { .. } => "accommodation",
            LeaverChange::Contact { .. } => "contact",
            LeaverChange::RequestSupport { .. } => "support",
            LeaverChange::Vulnerable { .. } => "vulnerable",
            LeaverChange::AgeAssessment { .. } => "age_assessment",
            LeaverChange::LetterSent { .. } => "letter",
            LeaverChange::Post16 { .. } => "post16",
        }
    }

    /// Who may make a change (by its code): the young person's social
    /// worker and team manager (who hold the Pathway Plan), and the Virtual
    /// School for education, employment or training (LEAVE-106, LEAVE-010).
    pub fn may_make(code: &str, role: Role) -> bool {
        match role {
            Role::SocialWorker | Role::TeamManager => CHANGES.iter().any(|(c, _)| *c == code),
            Role::VirtualSchool => matches!(code, "activity" | "signpost" | "post16"),
            _ => false,
        }
    }
}

impl CareLeaverRecord {
    /// Makes a change, by a user. A request for support to 25 is refused
    /// for someone who is not a care leaver (LEAVE-001, LEAVE-002); the rest
    /// may be prepared before a status begins (a plan from 15 and 3/4).
    pub fn apply(
        &mut self,
        change: LeaverChange,
        by: &str,
        (dob, periods, _today): (NaiveDate, &[Period], NaiveDate),
    ) -> Result<(), String> {
        let dated = |date, what| Dated {
            date,
            what,
            by: by.to_owned(),
        };
        if let LeaverChange::RequestSupport { date } = change {
            status::check_support_request(dob, periods, date)?;
            self.support_requested = Some(date);
            return Ok(());
        }
        match change {
            LeaverChange::ReviewPlan {
                date,
                assessment,
                voice,
                outcomes,
            } => self.reviews.push(PlanReview {
                date,
                assessment,
                voice,
                outcomes,
                by: by.to_owned(),
            }),
            LeaverChange::AllocateAdviser { date, name } => self.adviser = Some(dated(date, name)),
            LeaverChange::AllocateTeam { team } => self.team = Some(team),
            LeaverChange::Activity { date, activity } => self.activity.push(Dated {
                date,
                what: activity,
                by: by.to_owned(),
            }),
            LeaverChange::Signpost { date, what } => self.signposting.push(dated(date, what)),
            LeaverChange::Accommodation {
                date,
                suitable,
                what,
            } => self.accommodation.push(Dated {
                date,
                what: (suitable, what),
                by: by.to_owned(),
            }),
            LeaverChange::Contact { date, how } => self.contacts.push(dated(date, how)),
            LeaverChange::Vulnerable { panel } => {
                self.most_vulnerable = true;
                self.vulnerable_panel = panel;
            }
            LeaverChange::AgeAssessment { outcome } => self.age_assessment = Some(outcome),
            LeaverChange::LetterSent { age, date } => self.letters.push((age, date)),
            LeaverChange::Post16 {
                destination,
                college_invited,
            } => {
                self.destination = Some(destination);
                self.college_invited = Some(college_invited);
            }
            LeaverChange::RequestSupport { .. } => unreachable!("handled above"),
        }
        self.reviews.sort_by_key(|r| r.date);
        self.activity.sort_by_key(|a| a.date);
        self.contacts.sort_by_key(|c| c.date);
        self.accommodation.sort_by_key(|c| c.date);
        Ok(())
    }

    /// The last Pathway Plan review.
    pub fn last_review(&self) -> Option<&PlanReview> {
        self.reviews.last()
    }

    /// LEAVE-004: the day the Pathway Plan must be updated by (it is out of
    /// date from the day after).
    pub fn plan_due(&self) -> Option<NaiveDate> {
        self.last_review()
            .and_then(|r| r.date.checked_add_months(Months::new(PLAN_MONTHS)))
    }

    /// The current education, employment or training.
    pub fn current_activity(&self) -> Option<&Dated<Activity>> {
        self.activity.last()
    }

    /// LEAVE-006: in touch if contact was made within the last 9 months.
    pub fn in_touch(&self, today: NaiveDate) -> bool {
        self.contacts.last().is_some_and(|c| {
            c.date
                .checked_add_months(Months::new(IN_TOUCH_MONTHS))
                .is_some_and(|until| today <= until)
        })
    }
}

/// Something on a care leaver's record that needs doing, with its rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub rule: &'static str,
    pub text: String,
    pub due: Option<NaiveDate>,
}

fn flag(rule: &'static str, text: impl Into<String>, due: Option<NaiveDate>) -> Flag {
    Flag {
        rule,
        text: text.into(),
        due,
    }
}

/// What a young person needs doing on a date: from their record, their
/// date of birth, their periods of care and whether they are an
/// unaccompanied asylum-seeking child.
pub fn flags(
    record: &CareLeaverRecord,
    (dob, periods, uasc): (NaiveDate, &[Period], bool),
    today: NaiveDate,
) -> Vec<Flag> {
    let mut out = Vec::new();
    let leaver = status::is_care_leaver(dob, periods, today);
    let has_status = status::status_on(dob, periods, today).is_some();
    // LEAVE-101: a Pathway Plan from the day a status begins.
    if has_status && record.reviews.is_empty() {
        let since = status::status_since(dob, periods, today);
        out.push(flag("LEAVE-101", "Pathway Plan missing", since));
    }
    // LEAVE-004: updated within 6 months.
    if let Some(due) = record.plan_due().filter(|due| *due < today) {
        out.push(flag("LEAVE-004", "Pathway Plan out of date", Some(due)));
    }
    // LEAVE-005: a Personal Adviser for every 16+.
    if (leaver || has_status) && record.adviser.is_none() {
        out.push(flag("LEAVE-005", "No Personal Adviser allocated", None));
    }
    // LEAVE-006: left care, and no contact for 9 months.
    let looked_after = periods.iter().any(|(_, e)| e.is_none());
    if leaver && !looked_after && !record.in_touch(today) {
        out.push(flag(
            "LEAVE-006",
            "Not in touch: no contact for 9 months",
            None,
        ));
    }
    // LEAVE-003: the most vulnerable go to the vulnerable care leaver panel.
    if record.most_vulnerable && record.vulnerable_panel.is_none() {
        out.push(flag(
            "LEAVE-003",
            "Vulnerable care leaver panel date required",
            None,
        ));
    }
    // LEAVE-011: UASC care leavers have an age assessment outcome.
    if uasc && record.age_assessment.is_none() {
        out.push(flag("LEAVE-011", "Age assessment outcome missing", None));
    }
    // LEAVE-010: the college's Designated Person at the summer PEP of Year 11.
    if record.destination.is_some() && record.college_invited == Some(false) {
        out.push(flag(
            "LEAVE-010",
            "College Designated Person not invited to the summer PEP",
            None,
        ));
    }
    // LEAVE-106: NEET: the Virtual School's post-16 worker is told and the
    // young person is signposted.
    if let Some(neet) = record
        .current_activity()
        .filter(|a| a.what == Activity::NotInEet)
    {
        if !record.signposting.iter().any(|s| s.date >= neet.date) {
            out.push(flag(
                "LEAVE-106",
                "NEET: signposting to provision required (Virtual School post-16 worker told)",
                Some(neet.date),
            ));
        }
        // LEAVE-010: 19+ NEET young people may join the study programme.
        if status::age_on(dob, today) >= 19 {
            out.push(flag(
                "LEAVE-010",
                "NEET at 19+: offer the 10-week study support programme",
                None,
            ));
        }
    }
    // LEAVE-009: the Director's letters at 18 and 21.
    if leaver {
        for age in [18, 21] {
            let day = status::birthday(dob, age);
            if day <= today && !record.letters.iter().any(|(a, _)| *a == age) {
                out.push(flag(
                    "LEAVE-009",
                    format!("Director's letter at {age}"),
                    Some(day),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn leave_004_out_of_date_six_months_after_the_last_update() {
        let mut r = CareLeaverRecord::default();
        r.reviews.push(PlanReview {
            date: d("2025-01-10"),
            assessment: "a".into(),
            voice: "v".into(),
            outcomes: "o".into(),
            by: "sw".into(),
        });
        assert_eq!(r.plan_due(), Some(d("2025-07-10")));
    }

    #[test]
    fn leave_006_not_in_touch_after_nine_months() {
        let mut r = CareLeaverRecord::default();
        r.contacts.push(Dated {
            date: d("2025-01-01"),
            what: "phone".into(),
            by: "pa".into(),
        });
        assert!(r.in_touch(d("2025-10-01")));
        assert!(!r.in_touch(d("2025-10-02")));
    }
}
