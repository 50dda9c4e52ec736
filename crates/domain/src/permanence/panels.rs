//! The panels and their sittings: the Permanence Panel and the other
//! decision forums, their membership and quorum (PANEL-007, -008), the date a
//! panel takes effect (PANEL-001), a meeting's attendance, agenda and minutes
//! (PANEL-011, -014), and the Child Decision Making Panel's care-planning
//! decisions (PANEL-018). What is heard at a meeting, a referral with its
//! pack, is in [`super::referrals`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar;
use crate::child::ChildId;
use crate::permanence::plan::PermanenceOption;

/// A decision forum the spec names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForumKind {
    /// Established February 2016 (PANEL-001).
    PermanencePanel,
    /// Child Decision Making Panel (PANEL-018, ADOPT-003).
    ChildDecisionMaking,
    AdoptionPanel,
    FosteringPanel,
}

impl ForumKind {
    pub const ALL: [ForumKind; 4] = [
        ForumKind::PermanencePanel,
        ForumKind::ChildDecisionMaking,
        ForumKind::AdoptionPanel,
        ForumKind::FosteringPanel,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ForumKind::PermanencePanel => "permanence_panel",
            ForumKind::ChildDecisionMaking => "child_decision_making",
            ForumKind::AdoptionPanel => "adoption_panel",
            ForumKind::FosteringPanel => "fostering_panel",
        }
    }

    pub fn parse(code: &str) -> Option<ForumKind> {
        ForumKind::ALL.into_iter().find(|f| f.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            ForumKind::PermanencePanel => "Permanence Panel",
            ForumKind::ChildDecisionMaking => "Child Decision Making Panel",
            ForumKind::AdoptionPanel => "Adoption Panel",
            ForumKind::FosteringPanel => "Fostering Panel",
        }
    }
}

/// A member's role on a panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeatRole {
    Chair,
    ViceChair,
    /// A person holding the agency decision maker role (GOV-010).
    AgencyDecisionMaker,
    Member,
    /// The panel adviser or administrator: attends, does not count to quorum.
    Adviser,
}

impl SeatRole {
    pub fn label(self) -> &'static str {
        match self {
            SeatRole::Chair => "Chair",
            SeatRole::ViceChair => "Vice-chair",
            SeatRole::AgencyDecisionMaker => "Agency decision maker",
            SeatRole::Member => "Member",
            SeatRole::Adviser => "Panel adviser",
        }
    }
}

/// One membership of a panel, from and to a date (PANEL-007).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub person: String,
    pub seat: SeatRole,
    pub from: NaiveDate,
    #[serde(default)]
    pub to: Option<NaiveDate>,
}

impl Membership {
    pub fn current_on(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }
}

/// A forum's configuration, with the spec's defaults (PANEL-007, -008, -011).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forum {
    pub kind: ForumKind,
    pub members: Vec<Membership>,
    /// Meetings a year (12: monthly, PANEL-011's default).
    pub meetings_per_year: u32,
    /// A pack must be complete this many working days before the meeting.
    pub cutoff_working_days: u32,
    /// Members beyond the chair and the ADM needed for quorum (PANEL-008: one).
    pub quorum_others: u32,
}

impl Forum {
    /// A forum with the spec's defaults and no members yet.
    pub fn with_defaults(kind: ForumKind) -> Self {
        Self {
            kind,
            members: Vec::new(),
            meetings_per_year: 12,
            cutoff_working_days: 10,
            quorum_others: 1,
        }
    }

    /// The chair (or vice-chair) on a date.
    pub fn chair_on(&self, date: NaiveDate) -> Option<&Membership> {
        self.members
            .iter()
            .find(|m| m.seat == SeatRole::Chair && m.current_on(date))
    }

    /// The last day a pack may be completed for a meeting on `date` (PANEL-011).
    pub fn cutoff_for(&self, meeting: NaiveDate) -> NaiveDate {
        calendar::Period::WorkingDays(self.cutoff_working_days).before(meeting)
    }
}

/// Why a meeting cannot be created.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ForumError {
    #[error("chair not configured")]
    NoChair,
}

/// PANEL-007: a meeting may be created only with a chair configured.
pub fn check_meeting_can_be_created(forum: &Forum, date: NaiveDate) -> Result<(), ForumError> {
    forum.chair_on(date).map(|_| ()).ok_or(ForumError::NoChair)
}

/// A person at a meeting, in their seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    pub person: String,
    pub seat: SeatRole,
}

/// PANEL-008: chair (or vice-chair), an ADM-role holder and `others` more members.
pub fn is_quorate(forum: &Forum, attendees: &[Attendance]) -> bool {
    let chair = attendees
        .iter()
        .any(|a| matches!(a.seat, SeatRole::Chair | SeatRole::ViceChair));
    let adm = attendees
        .iter()
        .any(|a| a.seat == SeatRole::AgencyDecisionMaker);
    let others = attendees
        .iter()
        .filter(|a| a.seat == SeatRole::Member)
        .count() as u32
        + attendees
            .iter()
            .filter(|a| matches!(a.seat, SeatRole::Chair | SeatRole::ViceChair))
            .count()
            .saturating_sub(1) as u32;
    chair && adm && others >= forum.quorum_others
}
/// A panel meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub forum: ForumKind,
    pub date: NaiveDate,
    #[serde(default)]
    pub attendees: Vec<Attendance>,
    /// The referrals listed, by identifier, in agenda order.
    #[serde(default)]
    pub agenda: Vec<String>,
    #[serde(default)]
    pub minutes_approved: Option<NaiveDate>,
    /// Each item's minute, by referral, as the adviser wrote it (PANEL-014);
    /// an item without one is minuted from its recorded outcome.
    #[serde(default)]
    pub item_minutes: std::collections::BTreeMap<String, String>,
}

impl Meeting {
    /// A meeting with nobody recorded and nothing listed yet.
    pub fn new(forum: ForumKind, date: NaiveDate) -> Self {
        Self {
            forum,
            date,
            attendees: Vec::new(),
            agenda: Vec::new(),
            minutes_approved: None,
            item_minutes: Default::default(),
        }
    }

    /// The identifier a meeting is stored under: the forum and the date.
    pub fn id(&self) -> String {
        format!("{}-{}", self.forum.code(), self.date)
    }

    /// PANEL-014: an item's minute may be written or changed once the
    /// meeting was held, until the minutes are approved.
    pub fn check_minute_edit(&self, item: &str, today: NaiveDate) -> Result<(), String> {
        if let Some(on) = self.minutes_approved {
            return Err(format!(
                "the minutes were approved on {}: they can no longer be changed",
                on.format("%-d %B %Y")
            ));
        }
        if self.date > today {
            return Err("the meeting has not happened yet".into());
        }
        if !self.agenda.iter().any(|a| a == item) {
            return Err(format!("{item} is not on this meeting's agenda"));
        }
        Ok(())
    }

    /// PANEL-014: when the minutes are due (10 working days after the
    /// meeting was held, attendance recorded) while not yet approved; the
    /// panels page alerts the adviser and the chair from the day after.
    pub fn minutes_due(&self) -> Option<NaiveDate> {
        use crate::deadlines::{Event, EventKind, SubjectFacts, open_deadlines};
        if self.attendees.is_empty() {
            return None;
        }
        let mut events = vec![Event {
            kind: EventKind::PanelMeetingHeld,
            date: self.date,
        }];
        events.extend(self.minutes_approved.map(|date| Event {
            kind: EventKind::PanelMinutesApproved,
            date,
        }));
        open_deadlines(
            &crate::deadline_rules::RULES,
            &events,
            SubjectFacts {
                date_of_birth: None,
            },
        )
        .into_iter()
        .find(|d| d.rule.id == "PANEL-014" && d.met.is_none())
        .map(|d| d.due)
    }

    /// The minutes' state on `today`, in the one wording every page uses
    /// (PANEL-014): approved on a date, awaiting approval once the meeting
    /// was held, or to come.
    pub fn minutes_state(&self, today: NaiveDate) -> String {
        match self.minutes_approved {
            Some(on) => format!("Approved on {}", on.format("%-d %B %Y")),
            None if self.date <= today => "Awaiting approval".into(),
            None => "To come after the meeting".into(),
        }
    }
}

// ---------------------------------------------------------------------------
// PANEL-001: when the Permanence Panel exists.

impl ForumKind {
    /// The first day a meeting of this kind may be held: the Permanence Panel
    /// was set up in February 2016 (PANEL-001; the 1st is assumed, the source
    /// gives the month). None for forums with no such date.
    pub fn effective_from(self) -> Option<NaiveDate> {
        match self {
            ForumKind::PermanencePanel => NaiveDate::from_ymd_opt(2016, 2, 1),
            ForumKind::ChildDecisionMaking
            | ForumKind::AdoptionPanel
            | ForumKind::FosteringPanel => None,
        }
    }
}

/// Why a meeting's date is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MeetingDateError {
    #[error("the {forum} is effective from {from}: a meeting on {date} cannot be saved")]
    BeforeEffective {
        forum: &'static str,
        from: NaiveDate,
        date: NaiveDate,
    },
}

/// PANEL-001: a meeting of `kind` can be saved only on or after the date the
/// panel type took effect.
pub fn check_meeting_date(kind: ForumKind, date: NaiveDate) -> Result<(), MeetingDateError> {
    match kind.effective_from() {
        Some(from) if date < from => Err(MeetingDateError::BeforeEffective {
            forum: kind.label(),
            from,
            date,
        }),
        _ => Ok(()),
    }
}

// ---------------------------------------------------------------------------
// PANEL-018: the Child Decision Making Panel's care-planning decisions.

/// What CDM decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CdmDecisionKind {
    PreProceedings,
    IssueProceedings,
    Accommodate,
    AlternativeToCare,
    NoFurtherAction,
}

impl CdmDecisionKind {
    pub const ALL: [CdmDecisionKind; 5] = [
        CdmDecisionKind::PreProceedings,
        CdmDecisionKind::IssueProceedings,
        CdmDecisionKind::Accommodate,
        CdmDecisionKind::AlternativeToCare,
        CdmDecisionKind::NoFurtherAction,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CdmDecisionKind::PreProceedings => "pre_proceedings",
            CdmDecisionKind::IssueProceedings => "issue_proceedings",
            CdmDecisionKind::Accommodate => "accommodate",
            CdmDecisionKind::AlternativeToCare => "alternative_to_care",
            CdmDecisionKind::NoFurtherAction => "no_further_action",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CdmDecisionKind::PreProceedings => "Pre-proceedings",
            CdmDecisionKind::IssueProceedings => "Issue proceedings",
            CdmDecisionKind::Accommodate => "Accommodate",
            CdmDecisionKind::AlternativeToCare => "Alternative to care",
            CdmDecisionKind::NoFurtherAction => "No further action",
        }
    }
}

/// A CDM decision and the permanence thinking behind it (PANEL-018).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CdmDecision {
    pub child_id: ChildId,
    pub decided_on: NaiveDate,
    pub decision: CdmDecisionKind,
    #[serde(default)]
    pub options_under_consideration: Vec<PermanenceOption>,
    #[serde(default)]
    pub parallel_plan: Option<crate::permanence::plan::Pathway>,
    /// When the permanence decision it looked for was made.
    #[serde(default)]
    pub permanence_decided: Option<NaiveDate>,
}

/// Why a CDM decision cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CdmError {
    #[error("the permanence options under consideration are required")]
    NoOptions,
}

/// PANEL-018: every CDM decision records the permanence options under
/// consideration.
pub fn validate_cdm_decision(decision: &CdmDecision) -> Result<(), CdmError> {
    if decision.options_under_consideration.is_empty() {
        return Err(CdmError::NoOptions);
    }
    Ok(())
}

/// PANEL-018: CDM's list of children with an outstanding permanence
/// decision: each child's latest decision, where no permanence decision has
/// followed, oldest first.
pub fn outstanding_permanence_decisions(decisions: &[CdmDecision]) -> Vec<&CdmDecision> {
    let mut latest: std::collections::BTreeMap<&str, &CdmDecision> = Default::default();
    for d in decisions {
        let entry = latest.entry(d.child_id.as_str()).or_insert(d);
        if d.decided_on > entry.decided_on {
            *entry = d;
        }
    }
    let mut list: Vec<&CdmDecision> = latest
        .into_values()
        .filter(|d| d.permanence_decided.is_none())
        .collect();
    list.sort_by_key(|d| d.decided_on);
    list
}

#[cfg(test)]
pub(crate) mod testing {
    //! A configured Permanence Panel and a quorate attendance, for the tests
    //! of the panels and of what they hear.
    use super::*;

    pub(crate) fn d(s: &str) -> NaiveDate {
        s.parse().expect("an ISO date")
    }

    pub(crate) fn member(person: &str, seat: SeatRole) -> Membership {
        Membership {
            person: person.into(),
            seat,
            from: d("2024-01-01"),
            to: None,
        }
    }

    pub(crate) fn forum() -> Forum {
        let mut f = Forum::with_defaults(ForumKind::PermanencePanel);
        f.members = vec![
            member("chair", SeatRole::Chair),
            member("adm", SeatRole::AgencyDecisionMaker),
            member("sw-member", SeatRole::Member),
        ];
        f
    }

    pub(crate) fn at(person: &str, seat: SeatRole) -> Attendance {
        Attendance {
            person: person.into(),
            seat,
        }
    }

    pub(crate) fn quorate() -> Vec<Attendance> {
        vec![
            at("chair", SeatRole::Chair),
            at("adm", SeatRole::AgencyDecisionMaker),
            at("sw-member", SeatRole::Member),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    #[test]
    fn panel_014_minutes_are_due_ten_working_days_after_the_meeting_was_held() {
        // The spec's Check: a meeting on 2025-09-10, minutes not approved by 2025-09-24.
        let mut m = Meeting::new(ForumKind::PermanencePanel, d("2025-09-10"));
        assert_eq!(m.minutes_due(), None, "not held: no attendance recorded");
        m.attendees = quorate();
        assert_eq!(m.minutes_due(), Some(d("2025-09-24")));
        m.minutes_approved = Some(d("2025-09-22"));
        assert_eq!(m.minutes_due(), None);
    }

    #[test]
    fn panel_014_an_items_minute_changes_until_the_minutes_are_approved() {
        let mut m = Meeting::new(ForumKind::PermanencePanel, d("2025-09-10"));
        m.agenda.push("C1-R01".into());
        assert!(
            m.check_minute_edit("C1-R01", d("2025-09-09"))
                .unwrap_err()
                .contains("not happened")
        );
        assert!(
            m.check_minute_edit("C2-R01", d("2025-09-10"))
                .unwrap_err()
                .contains("not on this meeting's agenda")
        );
        assert_eq!(m.check_minute_edit("C1-R01", d("2025-09-10")), Ok(()));
        m.minutes_approved = Some(d("2025-09-18"));
        assert!(
            m.check_minute_edit("C1-R01", d("2025-09-19"))
                .unwrap_err()
                .contains("approved on 18 September 2025")
        );
    }

    #[test]
    fn panel_014_the_minutes_state_has_one_wording() {
        let mut m = Meeting::new(ForumKind::PermanencePanel, d("2025-09-10"));
        assert_eq!(
            m.minutes_state(d("2025-09-09")),
            "To come after the meeting"
        );
        assert_eq!(m.minutes_state(d("2025-09-10")), "Awaiting approval");
        m.minutes_approved = Some(d("2025-09-18"));
        assert_eq!(
            m.minutes_state(d("2025-09-30")),
            "Approved on 18 September 2025"
        );
    }

    #[test]
    fn panel_001_permanence_panel_meetings_only_from_february_2016() {
        let err = check_meeting_date(ForumKind::PermanencePanel, d("2016-01-15")).unwrap_err();
        assert!(
            err.to_string().contains("effective from 2016-02-01"),
            "{err}"
        );
        assert!(check_meeting_date(ForumKind::PermanencePanel, d("2016-02-01")).is_ok());
        assert!(check_meeting_date(ForumKind::FosteringPanel, d("2010-05-05")).is_ok());
    }

    #[test]
    fn panel_018_cdm_decision_records_the_permanence_options() {
        let mut decision = CdmDecision {
            child_id: "X".parse().unwrap(),
            decided_on: d("2025-04-07"),
            decision: CdmDecisionKind::IssueProceedings,
            options_under_consideration: Vec::new(),
            parallel_plan: None,
            permanence_decided: None,
        };
        let err = validate_cdm_decision(&decision).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the permanence options under consideration are required"
        );
        decision.options_under_consideration = vec![
            PermanenceOption::BirthParents,
            PermanenceOption::ExtendedFamily,
        ];
        assert_eq!(validate_cdm_decision(&decision), Ok(()));
        // CDM's list: each child's latest decision still waiting.
        let earlier = CdmDecision {
            decided_on: d("2025-02-03"),
            decision: CdmDecisionKind::PreProceedings,
            ..decision.clone()
        };
        let decided = CdmDecision {
            child_id: "Y".parse().unwrap(),
            permanence_decided: Some(d("2025-06-30")),
            ..decision.clone()
        };
        let all = [earlier, decision.clone(), decided];
        let list = outstanding_permanence_decisions(&all);
        assert_eq!(list, vec![&decision]);
    }
}
