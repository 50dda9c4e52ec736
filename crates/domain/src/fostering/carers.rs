//! A mainstream foster carer from enquiry to approval and leaving
//! (WF-FOST-APPLICANT, WF-FOST-EXIT): the particulars each step of the
//! household's `FosterCarer` role records, kept in a file beside the role.
//! The role's lifecycle (`households::workflows::FOST_APPLICANT`) says who
//! may take a step and when, and records the events the deadline engine
//! reads (FOST-007, FOST-015, FOST-012 ...); this file says what the step
//! must carry: the enquiry's reply (FOST-002), the initial visit's report
//! (FOST-004), the PTAD outcome (FOST-005), the Stage 1 papers (FOST-006),
//! the panel date fixed at the start of the Form F (FOST-008), Skills to
//! Foster (FOST-010) and the applicant's agreement to the final Form F
//! (FOST-009) before panel, the terms of approval and the sign-up to
//! Fostering News and the Portal (TRAIN-009), and the reason a carer leaves
//! (FOST-029).

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use super::concerns::{Allegation, Concern, ConcernStep};
use super::reviews::{Review, Visit};
use super::training::Booking;
use crate::calendar::is_bank_holiday;

/// A step refused for what it carries: the field and the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{problem}")]
pub struct FosterError {
    /// The form field at fault.
    pub field: &'static str,
    pub problem: String,
}

pub(super) fn refuse<T>(field: &'static str, problem: impl Into<String>) -> Result<T, FosterError> {
    Err(FosterError {
        field,
        problem: problem.into(),
    })
}

/// How an enquiry arrived (FOST-002).
pub const CHANNELS: &[(&str, &str)] = &[
    ("phone", "Telephone"),
    ("email", "Email"),
    ("web", "Web form"),
    ("book_a_chat", "Book a chat"),
    ("event", "Information event"),
    ("text", "Text message"),
];

/// The Stage 1 papers the initial assessment worker checks before the
/// task request to Business Support (FOST-006).
pub const STAGE_ONE_PAPERS: &[(&str, &str)] = &[
    ("application", "Application form"),
    ("referees", "Referees"),
    ("dbs", "DBS checks"),
    ("medical", "Medical"),
    ("local_authority", "Local authority checks"),
];

/// FOST-044: the reference an applicant with a previous partner needs.
pub const EX_PARTNER_REFERENCE: (&str, &str) = ("ex_partner", "Ex-partner reference");

/// The kinds of fostering an approval may cover.
pub const APPROVAL_TYPES: &[(&str, &str)] = &[
    ("short_term", "Short-term"),
    ("long_term", "Long-term"),
    ("emergency", "Emergency"),
    ("respite", "Respite only"),
    ("short_breaks", "Short breaks"),
    ("parent_and_child", "Parent and child"),
];

/// Why a carer leaves (FOST-029).
pub const EXIT_REASONS: &[(&str, &str)] = &[
    ("concerns", "Practice or safeguarding concerns"),
    ("retirement", "Retirement or a change in life"),
    (
        "transfer_ifa",
        "Transfer to an independent fostering agency",
    ),
    (
        "staying_put",
        "Keeping a young person past 18 under Staying Put",
    ),
    ("adoption", "Adopting their foster child"),
    (
        "sgo",
        "Caring for the child under a special guardianship order",
    ),
];

pub(super) fn label_of(list: &[(&'static str, &'static str)], code: &str) -> &'static str {
    list.iter().find(|(c, _)| *c == code).map_or("", |(_, l)| l)
}

/// Whether a moment falls in working hours: 9am to 5pm on a working day.
fn in_working_hours(at: NaiveDateTime) -> bool {
    let day = at.date();
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
        && !is_bank_holiday(day)
        && (NaiveTime::from_hms_opt(9, 0, 0)..NaiveTime::from_hms_opt(17, 0, 0))
            .contains(&Some(at.time()))
}

/// How a timed standard went: met, or missed by so many minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Timed {
    Met,
    MissedBy {
        minutes: i64,
    },
    /// The standard does not apply (an enquiry out of working hours).
    NotApplicable,
}

impl Timed {
    fn within(from: NaiveDateTime, to: NaiveDateTime, minutes: i64) -> Timed {
        let taken = (to - from).num_minutes();
        if taken <= minutes {
            Timed::Met
        } else {
            Timed::MissedBy {
                minutes: taken - minutes,
            }
        }
    }

    /// In words, for the carer's page.
    pub fn words(self) -> String {
        match self {
            Timed::Met => "Met".into(),
            Timed::NotApplicable => "Not applicable (out of working hours)".into(),
            Timed::MissedBy { minutes } if minutes % 60 == 0 => {
                let h = minutes / 60;
                format!("Missed by {h} hour{}", if h == 1 { "" } else { "s" })
            }
            Timed::MissedBy { minutes } => format!("Missed by {minutes} minutes"),
        }
    }
}

/// The enquiry and its first reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enquiry {
    pub channel: String,
    pub received: NaiveDateTime,
    pub replied: NaiveDateTime,
}

impl Enquiry {
    /// FOST-002: an enquiry made in working hours is replied to within 2 hours.
    pub fn reply_standard(&self) -> Timed {
        if !in_working_hours(self.received) {
            return Timed::NotApplicable;
        }
        Timed::within(self.received, self.replied, 120)
    }
}

/// FOST-003: the "Find Out About Fostering" information events, every 3
/// weeks on Thursdays at County Hall, counted from the first of the cycle.
pub const INFORMATION_EVENT_CYCLE_FROM: (i32, u32, u32) = (2018, 4, 12);

/// FOST-003: the next information event on or after `day`.
pub fn next_information_event(day: NaiveDate) -> NaiveDate {
    let (y, m, d) = INFORMATION_EVENT_CYCLE_FROM;
    let first = NaiveDate::from_ymd_opt(y, m, d).expect("the cycle's first event is a date");
    if day <= first {
        return first;
    }
    let cycles = ((day - first).num_days() + 20) / 21;
    first + chrono::Days::new(cycles as u64 * 21)
}

/// The initial (home) visit and its written report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitialVisit {
    pub visited: NaiveDateTime,
    pub report_saved: NaiveDateTime,
}

impl InitialVisit {
    /// FOST-004: the report is on the record within 48 hours of the visit.
    pub fn report_standard(&self) -> Timed {
        Timed::within(self.visited, self.report_saved, 48 * 60)
    }
}

/// The Form F assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub started: NaiveDate,
    pub papers: Vec<String>,
    /// FOST-008: fixed when the assessment starts.
    pub panel_date: NaiveDate,
    pub skills_to_foster: Option<NaiveDate>,
    pub applicant_agreed: Option<NaiveDate>,
    pub completed: Option<NaiveDate>,
}

/// What the agency decision maker approved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalTerms {
    pub age_from: u8,
    pub age_to: u8,
    pub children: u8,
    pub kind: String,
    /// ROLE-007: long-term for this child only (the child's identifier).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub named_child: Option<String>,
    /// GEN-007: a specialist foster carer's kind (a code of
    /// [`SPECIALIST_TYPES`]); none for a mainstream carer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub specialist: Option<String>,
}

/// GEN-007: the kinds of specialist foster carer, recruited through the
/// specialist recruitment scheme.
pub const SPECIALIST_TYPES: &[(&str, &str)] = &[
    ("one2one", "One2One carer"),
    ("pathway", "Pathway carer"),
    ("short_breaks", "Short Breaks carer"),
    ("parent_and_child", "Parent and Child carer"),
];

/// GEN-009: the course a Short Breaks carer's training plan holds from
/// approval (TRAIN-002).
pub const DIANA_TRAINING: &str = "NHS Diana training";

impl ApprovalTerms {
    /// Terms checked: ages 0 to 18, the lower first, 1 to 6 children, a known type.
    pub fn new(age_from: u8, age_to: u8, children: u8, kind: &str) -> Result<Self, FosterError> {
        if age_to > 18 {
            return refuse("age_to", "the oldest age must be 18 or under");
        }
        if age_from > age_to {
            return refuse("age_from", "the youngest age must not be above the oldest");
        }
        if !(1..=6).contains(&children) {
            return refuse("children", "the number of children must be from 1 to 6");
        }
        if label_of(APPROVAL_TYPES, kind).is_empty() {
            return refuse("kind", "choose the type of fostering approved");
        }
        Ok(ApprovalTerms {
            age_from,
            age_to,
            children,
            kind: kind.to_owned(),
            named_child: None,
            specialist: None,
        })
    }

    /// GEN-007: the carer's category ("mainstream" or "specialist") and,
    /// for a specialist carer, the kind, which is then mandatory.
    pub fn with_category(mut self, category: &str, kind: &str) -> Result<Self, FosterError> {
        match category {
            "mainstream" => self.specialist = None,
            "specialist" => {
                if label_of(SPECIALIST_TYPES, kind).is_empty() {
                    return refuse(
                        "specialist_type",
                        "choose the kind of specialist foster carer: One2One, Pathway, Short Breaks or Parent and Child",
                    );
                }
                self.specialist = Some(kind.to_owned());
            }
            _ => return refuse("category", "choose mainstream or specialist foster carer"),
        }
        Ok(self)
    }

    /// GEN-007: the specialist carer's kind in words.
    pub fn specialist_label(&self) -> Option<&'static str> {
        self.specialist
            .as_deref()
            .map(|k| label_of(SPECIALIST_TYPES, k))
    }

    /// GEN-007: how the carer was recruited.
    pub fn recruitment_route(&self) -> &'static str {
        if self.specialist.is_some() {
            "Specialist recruitment scheme"
        } else {
            "Mainstream recruitment"
        }
    }

    /// GEN-009: the courses the carer's training plan holds from approval.
    pub fn training_plan(&self) -> Vec<&'static str> {
        let short_breaks =
            self.kind == "short_breaks" || self.specialist.as_deref() == Some("short_breaks");
        if short_breaks {
            vec![DIANA_TRAINING]
        } else {
            Vec::new()
        }
    }

    /// The terms in words: "2 children aged 0 to 11, short-term", or
    /// "long-term – named child C00012".
    pub fn words(&self) -> String {
        if let Some(child) = &self.named_child {
            return format!("long-term – named child {child}");
        }
        format!(
            "{} {} aged {} to {}, {}",
            self.children,
            if self.children == 1 {
                "child"
            } else {
                "children"
            },
            self.age_from,
            self.age_to,
            label_of(APPROVAL_TYPES, &self.kind).to_lowercase()
        )
    }
}

/// The agency decision on the application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub on: NaiveDate,
    pub panel: Option<NaiveDate>,
    pub terms: Option<ApprovalTerms>,
    /// TRAIN-009: signed up to Fostering News, and invited to the Portal,
    /// on the day of approval.
    pub fostering_news_from: Option<NaiveDate>,
    pub portal_invited: Option<NaiveDate>,
    /// FOST-040: the locality support group's coordinator told of the new
    /// carers on the day of approval.
    #[serde(default)]
    pub support_group_notified: Option<NaiveDate>,
}

/// A carer leaving (WF-FOST-EXIT).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exit {
    pub on: NaiveDate,
    pub reason: String,
    pub exit_interview_offered: bool,
}

impl Exit {
    /// The reason in words.
    pub fn reason_label(&self) -> &'static str {
        label_of(EXIT_REASONS, &self.reason)
    }
}

/// The panel's recommendation on the application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelHeard {
    pub on: NaiveDate,
    pub recommends_approval: bool,
}

/// ROLE-007: the fostering panel's recommendation to change the carer's
/// approval to long-term for a named child, awaiting the ADM's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermsChange {
    pub recommended: NaiveDate,
    /// The child's identifier.
    pub child: String,
}

/// Everything a foster carer's steps recorded beyond the lifecycle itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FosterCarerFile {
    /// The household's role (`H00001-R1`).
    pub role: String,
    pub household: String,
    pub enquiry: Option<Enquiry>,
    pub initial_visit: Option<InitialVisit>,
    /// FOST-005: the PTAD's date and whether the applicant proceeds.
    pub ptad: Option<(NaiveDate, bool)>,
    pub assessment: Option<Assessment>,
    pub panel: Option<PanelHeard>,
    pub decision: Option<Decision>,
    pub reviews: Vec<Review>,
    pub visits: Vec<Visit>,
    pub training: Vec<Booking>,
    pub exit: Option<Exit>,
    /// ROLE-007: a change of terms the panel recommended, awaiting the ADM.
    #[serde(default)]
    pub terms_change: Option<TermsChange>,
    /// FOST-020: allegations and their route, oldest first.
    #[serde(default)]
    pub allegations: Vec<Allegation>,
    /// FOST-046: concerns the carer raised informally.
    #[serde(default)]
    pub concerns: Vec<Concern>,
    /// FOST-016: interim reports to the fostering panel.
    #[serde(default)]
    pub interim_reports: Vec<NaiveDate>,
    /// FOST-030: on hold since.
    #[serde(default)]
    pub on_hold: Option<NaiveDate>,
    /// PATH-021: the TSD standards completed on.
    #[serde(default)]
    pub tsd_completed: Option<NaiveDate>,
    /// FOST-014: the pre-panel meeting that reviewed the case.
    #[serde(default)]
    pub pre_panel: Option<NaiveDate>,
    /// FOST-025: the carer's fee level, when recorded.
    #[serde(default)]
    pub fee_level: Option<u8>,
    /// FOST-033: the first day of each short break given (`short_breaks.rs`).
    #[serde(default)]
    pub short_breaks: Vec<NaiveDate>,
}

/// A step of a foster carer's role with what it carries. Its name is the
/// lifecycle's step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FosterStep {
    Enquiry(Enquiry),
    InitialVisit(InitialVisit),
    Ptad {
        on: NaiveDate,
        proceed: bool,
    },
    StartFormF {
        on: NaiveDate,
        papers: Vec<String>,
        panel_date: Option<NaiveDate>,
        /// FOST-044: the applicant has a previous partner.
        previous_partner: bool,
    },
    CompleteFormF {
        on: NaiveDate,
        skills_to_foster: Option<NaiveDate>,
        applicant_agreed: Option<NaiveDate>,
    },
    /// FOST-014: the Panel Adviser and Chair reviewed the case in the week
    /// before the panel.
    PrePanel {
        on: NaiveDate,
    },
    Recommend {
        on: NaiveDate,
        approval: bool,
    },
    Defer {
        on: NaiveDate,
    },
    Approve {
        on: NaiveDate,
        terms: ApprovalTerms,
    },
    Refuse {
        on: NaiveDate,
    },
    Review(Review),
    ReviewDecision {
        on: NaiveDate,
    },
    ReviewAtPanel {
        on: NaiveDate,
    },
    Visit(Visit),
    CompleteTsd {
        on: NaiveDate,
    },
    Book(Booking),
    Attendance {
        on: NaiveDate,
        booking: usize,
        attended: bool,
    },
    Deregister(Exit),
    Withdraw {
        on: NaiveDate,
    },
    /// ROLE-007: the worker refers a change of terms to the panel.
    ReferTerms {
        on: NaiveDate,
    },
    /// ROLE-007: the panel recommends long-term approval for a named child.
    RecommendTerms {
        on: NaiveDate,
        child: String,
    },
    /// ROLE-007: the ADM's decision on the recommended change of terms.
    DecideTerms {
        on: NaiveDate,
        agreed: bool,
    },
    /// An allegation's route, a concern, an interim report or a hold.
    Concern(ConcernStep),
    /// TRAIN-003: a place comes free for a waitlisted booking.
    ConfirmPlace {
        on: NaiveDate,
        booking: usize,
    },
    /// FOST-025: a move to another fee level.
    FeeLevel {
        on: NaiveDate,
        level: u8,
    },
    /// FOST-033: a short break given, from this day.
    ShortBreak {
        on: NaiveDate,
    },
}

impl FosterStep {
    /// The lifecycle's step this is.
    pub fn name(&self) -> &'static str {
        match self {
            FosterStep::Enquiry(_) => "record_enquiry",
            FosterStep::InitialVisit(_) => "visit",
            FosterStep::Ptad { proceed: true, .. } => "proceed",
            FosterStep::Ptad { proceed: false, .. } => "not_proceed",
            FosterStep::StartFormF { .. } => "start_form_f",
            FosterStep::CompleteFormF { .. } => "complete_form_f",
            FosterStep::PrePanel { .. } => "pre_panel",
            FosterStep::Recommend { .. } => "recommend",
            FosterStep::Defer { .. } => "defer",
            FosterStep::Approve { .. } => "approve",
            FosterStep::Refuse { .. } => "refuse",
            FosterStep::Review(_) => "review",
            FosterStep::ReviewDecision { .. } => "review_decision",
            FosterStep::ReviewAtPanel { .. } => "review_at_panel",
            FosterStep::Visit(_) => "ssw_visit",
            FosterStep::CompleteTsd { .. } => "complete_tsd",
            FosterStep::Book(_) => "book_training",
            FosterStep::Attendance { .. } => "record_training",
            FosterStep::Deregister(_) => "deregister",
            FosterStep::Withdraw { .. } => "withdraw",
            FosterStep::ReferTerms { .. } => "refer_terms",
            FosterStep::RecommendTerms { .. } => "recommend_terms",
            FosterStep::DecideTerms { .. } => "decide_terms",
            FosterStep::Concern(c) => c.name(),
            FosterStep::FeeLevel { .. } => "change_fee_level",
            FosterStep::ConfirmPlace { .. } => "confirm_place",
            FosterStep::ShortBreak { .. } => "short_break",
        }
    }

    /// The step `name` when it carries nothing but its date (the
    /// household's generic step may take it), or None when it carries more
    /// and is recorded on the carer's page.
    pub fn dated(name: &str, on: NaiveDate) -> Option<FosterStep> {
        use ConcernStep as C;
        Some(match name {
            "proceed" | "not_proceed" => FosterStep::Ptad {
                on,
                proceed: name == "proceed",
            },
            "defer" => FosterStep::Defer { on },
            "pre_panel" => FosterStep::PrePanel { on },
            "refuse" => FosterStep::Refuse { on },
            "review_decision" => FosterStep::ReviewDecision { on },
            "review_at_panel" => FosterStep::ReviewAtPanel { on },
            "complete_tsd" => FosterStep::CompleteTsd { on },
            "withdraw" => FosterStep::Withdraw { on },
            "refer_terms" => FosterStep::ReferTerms { on },
            "log_allegation" => FosterStep::Concern(C::LogAllegation { on }),
            "refer_lado" => FosterStep::Concern(C::ReferLado { on }),
            "position_of_trust" => FosterStep::Concern(C::PositionOfTrust { on }),
            "interim_report" => FosterStep::Concern(C::InterimReport { on }),
            "put_on_hold" => FosterStep::Concern(C::PutOnHold { on }),
            "resume" => FosterStep::Concern(C::Resume { on }),
            "short_break" => FosterStep::ShortBreak { on },
            _ => return None,
        })
    }

    /// The date the step is recorded as taken on the role.
    pub fn date(&self) -> NaiveDate {
        match self {
            FosterStep::Enquiry(e) => e.received.date(),
            FosterStep::InitialVisit(v) => v.visited.date(),
            FosterStep::Review(r) => r.on,
            FosterStep::Visit(v) => v.on,
            FosterStep::Book(b) => b.booked,
            FosterStep::Deregister(e) => e.on,
            FosterStep::Concern(c) => c.date(),
            FosterStep::Ptad { on, .. }
            | FosterStep::StartFormF { on, .. }
            | FosterStep::CompleteFormF { on, .. }
            | FosterStep::Recommend { on, .. }
            | FosterStep::Defer { on }
            | FosterStep::PrePanel { on }
            | FosterStep::Approve { on, .. }
            | FosterStep::Refuse { on }
            | FosterStep::ReviewDecision { on }
            | FosterStep::ReviewAtPanel { on }
            | FosterStep::CompleteTsd { on }
            | FosterStep::Attendance { on, .. }
            | FosterStep::Withdraw { on }
            | FosterStep::ReferTerms { on }
            | FosterStep::RecommendTerms { on, .. }
            | FosterStep::DecideTerms { on, .. }
            | FosterStep::FeeLevel { on, .. }
            | FosterStep::ConfirmPlace { on, .. }
            | FosterStep::ShortBreak { on } => *on,
        }
    }
}

impl FosterCarerFile {
    /// A new file for a household's role.
    pub fn new(household: &str, role: &str) -> Self {
        FosterCarerFile {
            role: role.to_owned(),
            household: household.to_owned(),
            ..Default::default()
        }
    }

    /// Records what the step carries, or refuses it naming the field; the
    /// lifecycle has already said the step may be taken now.
    pub fn apply(&mut self, step: FosterStep) -> Result<(), FosterError> {
        match step {
            FosterStep::Enquiry(e) => {
                if label_of(CHANNELS, &e.channel).is_empty() {
                    return refuse("channel", "choose how the enquiry arrived");
                }
                if e.replied < e.received {
                    return refuse("replied_time", "the reply cannot be before the enquiry");
                }
                self.enquiry = Some(e);
            }
            FosterStep::InitialVisit(v) => {
                if v.report_saved < v.visited {
                    return refuse("report_time", "the report cannot be saved before the visit");
                }
                self.initial_visit = Some(v);
            }
            FosterStep::Ptad { on, proceed } => self.ptad = Some((on, proceed)),
            FosterStep::StartFormF {
                on,
                papers,
                panel_date,
                previous_partner,
            } => {
                if previous_partner && !papers.iter().any(|p| p == EX_PARTNER_REFERENCE.0) {
                    return refuse(
                        "paper_ex_partner",
                        "the applicant has a previous partner: an ex-partner reference is needed (FOST-044)",
                    );
                }
                self.start_form_f(on, papers, panel_date)?
            }
            FosterStep::CompleteFormF {
                on,
                skills_to_foster,
                applicant_agreed,
            } => self.complete_form_f(on, skills_to_foster, applicant_agreed)?,
            FosterStep::Recommend { on, approval } => {
                self.panel = Some(PanelHeard {
                    on,
                    recommends_approval: approval,
                })
            }
            FosterStep::Defer { .. } => self.panel = None,
            FosterStep::PrePanel { on } => self.pre_panel_meeting(on)?,
            FosterStep::Approve { on, terms } => {
                self.decision = Some(Decision {
                    on,
                    panel: self.panel.as_ref().map(|p| p.on),
                    terms: Some(terms),
                    fostering_news_from: Some(on),
                    portal_invited: Some(on),
                    support_group_notified: Some(on),
                })
            }
            FosterStep::Refuse { on } => {
                self.decision = Some(Decision {
                    on,
                    panel: self.panel.as_ref().map(|p| p.on),
                    terms: None,
                    fostering_news_from: None,
                    portal_invited: None,
                    support_group_notified: None,
                })
            }
            FosterStep::Review(r) => self.record_review(r)?,
            FosterStep::Visit(v) => self.visits.push(v),
            FosterStep::Book(b) => self.book(b)?,
            FosterStep::Attendance {
                booking,
                attended,
                on,
            } => self.record_attendance(booking, attended, on)?,
            FosterStep::Deregister(e) => {
                if self.awaiting_lado() {
                    return refuse(
                        "date",
                        "the allegation has not been referred to the LADO: record the LADO referral first (FOST-020)",
                    );
                }
                if label_of(EXIT_REASONS, &e.reason).is_empty() {
                    return refuse(
                        "reason",
                        "choose the reason the carer is leaving (FOST-029)",
                    );
                }
                self.exit = Some(e);
            }
            FosterStep::RecommendTerms { on, child } => self.recommend_terms(on, child)?,
            FosterStep::DecideTerms { agreed, .. } => self.decide_terms(agreed)?,
            FosterStep::Concern(c) => self.apply_concern(c)?,
            FosterStep::FeeLevel { on, level } => self.change_fee_level(on, level)?,
            FosterStep::ConfirmPlace { booking, .. } => self.confirm_place(booking)?,
            FosterStep::CompleteTsd { on } => self.tsd_completed = Some(on),
            FosterStep::ShortBreak { on } => self.record_short_break(on)?,
            FosterStep::ReviewDecision { .. }
            | FosterStep::ReviewAtPanel { .. }
            | FosterStep::Withdraw { .. }
            | FosterStep::ReferTerms { .. } => {}
        }
        Ok(())
    }

    /// FOST-006: every Stage 1 paper is present before the task request;
    /// FOST-008: the panel date is fixed when the assessment starts.
    fn start_form_f(
        &mut self,
        on: NaiveDate,
        papers: Vec<String>,
        panel_date: Option<NaiveDate>,
    ) -> Result<(), FosterError> {
        if let Some((_, label)) = STAGE_ONE_PAPERS
            .iter()
            .find(|(code, _)| !papers.iter().any(|p| p == code))
        {
            return refuse(
                "papers",
                format!(
                    "the Stage 1 paper \"{label}\" is missing: the task request cannot be submitted"
                ),
            );
        }
        let Some(panel_date) = panel_date else {
            return refuse(
                "panel_date",
                "enter the panel date agreed at the start of the assessment",
            );
        };
        if panel_date <= on {
            return refuse(
                "panel_date",
                "the panel date must be after the assessment starts",
            );
        }
        self.assessment = Some(Assessment {
            started: on,
            papers,
            panel_date,
            skills_to_foster: None,
            applicant_agreed: None,
            completed: None,
        });
        Ok(())
    }

    /// FOST-014: the pre-panel meeting is held in the week before the
    /// panel date agreed when the Form F started (a panel on 2025-06-18:
    /// from 2025-06-11 to 2025-06-17).
    fn pre_panel_meeting(&mut self, on: NaiveDate) -> Result<(), FosterError> {
        let Some(panel) = self.assessment.as_ref().map(|a| a.panel_date) else {
            return refuse("date", "the Form F assessment has not started");
        };
        let from = panel - chrono::Days::new(7);
        if on < from || on >= panel {
            return refuse(
                "date",
                format!(
                    "the pre-panel meeting is held in the week before the panel on {}: from {} to {}",
                    panel.format("%d/%m/%Y"),
                    from.format("%d/%m/%Y"),
                    panel.pred_opt().unwrap_or(panel).format("%d/%m/%Y")
                ),
            );
        }
        self.pre_panel = Some(on);
        Ok(())
    }

    /// FOST-010: Skills to Foster is completed, and FOST-009: the applicant
    /// has agreed the final Form F, before the case is listed for panel.
    fn complete_form_f(
        &mut self,
        on: NaiveDate,
        skills: Option<NaiveDate>,
        agreed: Option<NaiveDate>,
    ) -> Result<(), FosterError> {
        let Some(skills) = skills.filter(|d| *d <= on) else {
            return refuse(
                "skills_to_foster",
                "enter the date Skills to Foster was completed: panel cannot be booked without it",
            );
        };
        let Some(agreed) = agreed.filter(|d| *d <= on) else {
            return refuse(
                "applicant_agreed",
                "enter the date the applicant agreed the final Form F: it cannot be listed for panel without it",
            );
        };
        let Some(a) = self.assessment.as_mut() else {
            return refuse("date", "the Form F assessment has not started");
        };
        a.skills_to_foster = Some(skills);
        a.applicant_agreed = Some(agreed);
        a.completed = Some(on);
        Ok(())
    }

    /// ROLE-007: the panel's recommendation is recorded; the terms stay as
    /// they are until the ADM decides.
    fn recommend_terms(&mut self, on: NaiveDate, child: String) -> Result<(), FosterError> {
        let child = child.trim();
        if child.is_empty() || child.len() > 20 || child.contains(char::is_whitespace) {
            return refuse("child", "enter the child's identifier, for example C00012");
        }
        if self.approved_on().is_none() {
            return refuse(
                "date",
                "the carer is not approved: there are no terms to change",
            );
        }
        if self.terms_change.is_some() {
            return refuse(
                "date",
                "a change of terms already awaits the ADM's decision",
            );
        }
        self.terms_change = Some(TermsChange {
            recommended: on,
            child: child.to_owned(),
        });
        Ok(())
    }

    /// ROLE-007: the ADM's decision changes the terms to long-term for the
    /// named child, or, refused, keeps them.
    fn decide_terms(&mut self, agreed: bool) -> Result<(), FosterError> {
        let Some(change) = self.terms_change.take() else {
            return refuse("date", "no change of terms awaits the ADM's decision");
        };
        if agreed && let Some(t) = self.decision.as_mut().and_then(|d| d.terms.as_mut()) {
            t.kind = "long_term".into();
            t.named_child = Some(change.child);
        }
        Ok(())
    }

    /// The date of approval, if approved.
    pub fn approved_on(&self) -> Option<NaiveDate> {
        self.decision
            .as_ref()
            .filter(|d| d.terms.is_some())
            .map(|d| d.on)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn fost_014_a_panel_on_2025_06_18_has_its_pre_panel_meeting_from_06_11_to_06_17() {
        let mut f = FosterCarerFile::new("H1", "H1-R1");
        assert!(
            f.apply(FosterStep::PrePanel {
                on: d("2025-06-11")
            })
            .is_err(),
            "no Form F"
        );
        f.assessment = Some(Assessment {
            started: d("2025-02-03"),
            papers: Vec::new(),
            panel_date: d("2025-06-18"),
            skills_to_foster: None,
            applicant_agreed: None,
            completed: None,
        });
        for day in ["2025-06-10", "2025-06-18"] {
            let err = f.apply(FosterStep::PrePanel { on: d(day) }).unwrap_err();
            assert_eq!(err.field, "date", "{day}");
        }
        for day in ["2025-06-11", "2025-06-17"] {
            assert!(
                f.apply(FosterStep::PrePanel { on: d(day) }).is_ok(),
                "{day}"
            );
        }
        assert_eq!(f.pre_panel, Some(d("2025-06-17")));
    }

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn fost_002_an_enquiry_in_working_hours_is_answered_within_two_hours() {
        let e = Enquiry {
            channel: "phone".into(),
            received: at("2019-06-04 10:00"),
            replied: at("2019-06-04 12:30"),
        };
        assert_eq!(e.reply_standard(), Timed::MissedBy { minutes: 30 });
        let evening = Enquiry {
            received: at("2019-06-04 19:00"),
            replied: at("2019-06-05 10:00"),
            ..e
        };
        assert_eq!(evening.reply_standard(), Timed::NotApplicable);
    }

    #[test]
    fn fost_003_information_events_are_three_weeks_apart() {
        assert_eq!(next_information_event(d("2018-05-04")), d("2018-05-24"));
        assert_eq!(next_information_event(d("2018-05-03")), d("2018-05-03"));
    }

    #[test]
    fn fost_004_the_initial_visit_report_is_saved_within_48_hours() {
        let v = InitialVisit {
            visited: at("2019-03-05 14:00"),
            report_saved: at("2019-03-07 15:00"),
        };
        assert_eq!(v.report_standard().words(), "Missed by 1 hour");
    }

    #[test]
    fn fost_006_and_fost_008_form_f_needs_the_stage_one_papers_and_a_panel_date() {
        let mut f = FosterCarerFile::new("H1", "H1-R1");
        let all: Vec<String> = STAGE_ONE_PAPERS
            .iter()
            .map(|(c, _)| (*c).to_owned())
            .collect();
        let some: Vec<String> = all.iter().filter(|p| *p != "referees").cloned().collect();
        let err = f
            .start_form_f(d("2019-01-07"), some, Some(d("2019-05-01")))
            .unwrap_err();
        assert!(err.problem.contains("Referees"), "{err}");
        let err = f
            .start_form_f(d("2019-01-07"), all.clone(), None)
            .unwrap_err();
        assert_eq!(err.field, "panel_date");
        f.start_form_f(d("2019-01-07"), all, Some(d("2019-05-01")))
            .unwrap();
        assert_eq!(f.assessment.unwrap().panel_date, d("2019-05-01"));
    }

    #[test]
    fn approval_terms_are_checked_and_said_in_words() {
        assert!(ApprovalTerms::new(12, 4, 1, "short_term").is_err());
        assert!(ApprovalTerms::new(0, 11, 0, "short_term").is_err());
        assert_eq!(
            ApprovalTerms::new(0, 11, 2, "short_term").unwrap().words(),
            "2 children aged 0 to 11, short-term"
        );
    }
}
