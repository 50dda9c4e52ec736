//! A connected person's (kinship carer's) assessment as WF-KIN and
//! WF-CONNECTED-TEMP record it on the household's connected-person role:
//! temporary approval under Regulation 24 when the child is placed (up to
//! 16 weeks, KIN-102, KIN-104), one 8-week extension only with an
//! exceptional reason and its approver (KIN-103), a court's direction and
//! the filing of its assessment (KIN-005, KIN-006, KIN-011), the fostering
//! panel's recommendation and the agency decision with reasons (KIN-009),
//! and the assessment's outcome (KIN-010).
//!
//! Each entry takes the step of the role's workflow that records it, so the
//! deadlines of the rule table (KIN-004, KIN-005, KIN-102, KIN-103) start
//! and stop from the role's events; the dates the record shows are the
//! rule table's own.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::access::User;
use crate::deadline_rules::RULES;
use crate::deadlines::{EventKind, SubjectFacts, deadlines};
use crate::fostering::special_guardianship::SgRecord;
use crate::households::checks::{CheckKind, CheckStanding};
use crate::households::household::{FamilyTask, Household, LinkKind};
use crate::households::lifecycle::{HouseholdRole, RoleKind};
use crate::permanence::workflow::Refusal;
use crate::time::age_on;

/// Who the nominated senior officer is (KIN-103's assumption, PQ-29): the
/// service's senior managers, who alone give and extend temporary approval.
pub const SENIOR_OFFICERS: &[crate::roles::Role] = &[
    crate::roles::Role::ServiceManager,
    crate::roles::Role::HeadOfService,
];

/// Whether a court's direction comes in care proceedings or from a
/// carer's own private-law application for an SGO (KIN-011, counted apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CourtRoute {
    CareProceedings,
    PrivateLawSgo,
}

impl CourtRoute {
    pub const ALL: [CourtRoute; 2] = [CourtRoute::CareProceedings, CourtRoute::PrivateLawSgo];

    pub fn code(self) -> &'static str {
        match self {
            CourtRoute::CareProceedings => "care_proceedings",
            CourtRoute::PrivateLawSgo => "private_law_sgo",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CourtRoute::CareProceedings => "Care proceedings (kinship assessment)",
            CourtRoute::PrivateLawSgo => "Private-law special guardianship application",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Where a completed assessment ended (KIN-010).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KinshipOutcome {
    SpecialGuardianshipOrder,
    ChildArrangementsOrder,
    LongTermKinshipFostering,
    RemainsWithParents,
}

impl KinshipOutcome {
    pub const ALL: [KinshipOutcome; 4] = [
        KinshipOutcome::SpecialGuardianshipOrder,
        KinshipOutcome::ChildArrangementsOrder,
        KinshipOutcome::LongTermKinshipFostering,
        KinshipOutcome::RemainsWithParents,
    ];

    pub fn code(self) -> &'static str {
        match self {
            KinshipOutcome::SpecialGuardianshipOrder => "sgo",
            KinshipOutcome::ChildArrangementsOrder => "cao",
            KinshipOutcome::LongTermKinshipFostering => "long_term_fostering",
            KinshipOutcome::RemainsWithParents => "remains_with_parents",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            KinshipOutcome::SpecialGuardianshipOrder => "Special guardianship order",
            KinshipOutcome::ChildArrangementsOrder => "Child arrangements order",
            KinshipOutcome::LongTermKinshipFostering => "Long-term kinship fostering",
            KinshipOutcome::RemainsWithParents => "Child remains with parents",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == code)
    }
}

/// Temporary approval under Regulation 24: the child placed, the end the
/// rule table gives (KIN-102), and the senior officer who gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemporaryApproval {
    pub child: String,
    pub placed: NaiveDate,
    pub ends: NaiveDate,
    pub approver: String,
}

/// The one extension of temporary approval (KIN-103).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub on: NaiveDate,
    pub reason: String,
    pub approver: String,
    pub ends: NaiveDate,
}

/// A court's direction to assess, and the filing (KIN-005, KIN-006).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourtAssessment {
    pub directed: NaiveDate,
    pub route: CourtRoute,
    pub file_by: NaiveDate,
    /// The early alert, 8 weeks in, if completion looks unlikely.
    pub alert_from: NaiveDate,
    pub filed: Option<NaiveDate>,
}

/// A recommendation or decision with its reasons and who recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub on: NaiveDate,
    pub approve: bool,
    pub reasons: String,
    pub by: String,
}

/// A sign-off: when and by whom (KIN-003's team manager screening).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signoff {
    pub on: NaiveDate,
    pub by: String,
}

/// What a connected-person role's record holds beyond its lifecycle.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KinshipRecord {
    /// KIN-003: the Kinship Team Manager screened the assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub screened: Option<Signoff>,
    pub temporary_approval: Option<TemporaryApproval>,
    pub extension: Option<Extension>,
    pub court: Option<CourtAssessment>,
    pub panel: Option<Decision>,
    pub decision: Option<Decision>,
    pub outcome: Option<(NaiveDate, KinshipOutcome)>,
}

/// Where temporary approval stands on a date (KIN-102, KIN-103).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemporaryStanding {
    Active {
        ends: NaiveDate,
    },
    Extended {
        ends: NaiveDate,
    },
    /// The end date passed with neither full approval nor an extension.
    Expired {
        since: NaiveDate,
    },
    FullyApproved {
        on: NaiveDate,
    },
}

impl KinshipRecord {
    /// Where temporary approval stands on `as_of`, if it was given.
    pub fn temporary_standing(&self, as_of: NaiveDate) -> Option<TemporaryStanding> {
        let t = self.temporary_approval.as_ref()?;
        if let Some(d) = self.decision.as_ref().filter(|d| d.approve) {
            return Some(TemporaryStanding::FullyApproved { on: d.on });
        }
        let (ends, extended) = match &self.extension {
            Some(e) => (e.ends, true),
            None => (t.ends, false),
        };
        Some(if as_of > ends {
            TemporaryStanding::Expired {
                since: ends + chrono::Days::new(1),
            }
        } else if extended {
            TemporaryStanding::Extended { ends }
        } else {
            TemporaryStanding::Active { ends }
        })
    }
}

/// What a person records on a connected-person role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KinshipEntry {
    /// The nominated senior officer gives temporary approval and the child
    /// is placed on `placed` (KIN-102, KIN-104).
    TemporaryApproval { child: String, placed: NaiveDate },
    /// The nominated senior officer extends it for an exceptional reason (KIN-103).
    Extension { on: NaiveDate, reason: String },
    /// A court directs an assessment (KIN-005, KIN-011).
    CourtDirection { on: NaiveDate, route: CourtRoute },
    /// The assessment is filed with the court (KIN-006).
    CourtFiling { on: NaiveDate },
    /// The Kinship Team Manager's screening sign-off (KIN-003).
    Screening { on: NaiveDate },
    /// The fostering panel's recommendation (KIN-009).
    PanelRecommendation {
        on: NaiveDate,
        approve: bool,
        reasons: String,
    },
    /// The agency decision maker's decision (KIN-009).
    AgencyDecision {
        on: NaiveDate,
        approve: bool,
        reasons: String,
    },
    /// Where the assessment ended (KIN-010).
    Outcome {
        on: NaiveDate,
        outcome: KinshipOutcome,
    },
}

/// The steps of WF-KIN only an entry of [`KinshipEntry`] takes (they need
/// their details), never the plain step form.
pub const DETAILED_STEPS: &[&str] = &[
    "temporary_approval",
    "extend_temporary_approval",
    "court_direction",
    "file_with_court",
    "recommend",
    "approve",
    "refuse",
    "order",
    "long_term",
    "screen",
];

/// Whether a step of this kind of role is taken only with its details
/// (a connected person's here, an order holder's in special guardianship).
pub fn needs_details(kind: RoleKind, step: &str) -> bool {
    kind == RoleKind::ConnectedPersonCarer && DETAILED_STEPS.contains(&step)
        || crate::fostering::special_guardianship::needs_details(kind, step)
}

fn refuse(why: impl Into<String>) -> Refusal {
    Refusal::NotNow(why.into())
}

fn required(text: &str, what: &str) -> Result<String, Refusal> {
    let t = text.trim();
    if t.is_empty() {
        Err(refuse(format!("enter {what}")))
    } else {
        Ok(t.to_owned())
    }
}

/// The due date of the rule `id` started by the role's events, met or not.
fn due_of(role: &HouseholdRole, id: &str) -> Option<NaiveDate> {
    deadlines(&RULES, &role.events, SubjectFacts::default())
        .into_iter()
        .filter(|d| d.rule.id == id)
        .map(|d| d.due)
        .max()
}

/// The first adult member of the household without a check of `kind`
/// done by `on` and in date on it, or `None` when every adult has one
/// (KIN-104's police checks; the kinship compliance measures, KPI-KIN-04).
pub fn adult_missing_check(
    h: &Household,
    kind: CheckKind,
    on: NaiveDate,
) -> Option<&crate::households::person::Person> {
    h.members
        .iter()
        .filter(|p| p.date_of_birth.is_none_or(|dob| age_on(dob, on) >= 18))
        .find(|p| {
            !h.checks.iter().any(|c| {
                c.person_id == p.id
                    && c.kind == kind
                    && c.done <= on
                    && c.standing(on) != CheckStanding::Expired
            })
        })
}

/// KIN-104: every adult member has a DBS (police) check done by `on` and
/// in date on it.
fn police_checks_complete(h: &Household, on: NaiveDate) -> Result<(), Refusal> {
    let adults = h
        .members
        .iter()
        .filter(|p| p.date_of_birth.is_none_or(|dob| age_on(dob, on) >= 18));
    if adults.count() == 0 {
        return Err(refuse(
            "add the carers to the household before temporary approval",
        ));
    }
    match adult_missing_check(h, CheckKind::Dbs, on) {
        Some(p) => Err(refuse(format!(
            "the police (DBS) check of {} is not complete: temporary approval needs every adult's",
            p.name
        ))),
        None => Ok(()),
    }
}

/// KIN-003: the Kinship Team Manager screens an assessment before it goes
/// to panel or to court.
fn screened_first(record: &KinshipRecord) -> Result<(), Refusal> {
    match record.screened {
        Some(_) => Ok(()),
        None => Err(refuse(
            "the kinship team manager screens the assessment before it goes to panel or court (KIN-003)",
        )),
    }
}

/// Why a connected person's plain step `step` cannot be taken yet, if it
/// cannot: the assessment goes to panel only for a named child (KIN-001)
/// and after the team manager's screening (KIN-003).
pub fn step_refused(h: &Household, role_id: &str, step: &str) -> Option<Refusal> {
    let role = h.roles.iter().find(|r| r.id == role_id)?;
    if role.kind != RoleKind::ConnectedPersonCarer || step != "complete_assessment" {
        return None;
    }
    if h.links.is_empty() {
        return Some(refuse(
            "link the child the assessment is for: connected carers are assessed for a named child (KIN-001)",
        ));
    }
    screened_first(&role.kinship.clone().unwrap_or_default()).err()
}

/// The tasks on the family's record a step raises: temporary approval
/// asks for the child's placement plan (KIN-105); the carers' approval for
/// the handover to the Kinship TAC (KIN-008).
pub const PLACEMENT_PLAN_TASK: &str = "Placement plan: the arrangements, what is expected of the carers and the support they can expect (KIN-105)";
pub const HANDOVER_TASKS: [&str; 2] = [
    "Joint visit to the carers by the post-support worker, the assessing and the child's social worker (KIN-008)",
    "Transfer POD: Signs of Safety supervision from assessment to the Kinship TAC (KIN-008)",
];

fn tasks_raised(step: &str) -> Option<&'static [&'static str]> {
    match step {
        "temporary_approval" => Some(std::slice::from_ref(&PLACEMENT_PLAN_TASK)),
        "approve" => Some(&HANDOVER_TASKS),
        _ => None,
    }
}

/// The step an entry takes, given where the role is.
fn step_of(entry: &KinshipEntry, role: &HouseholdRole) -> &'static str {
    match entry {
        KinshipEntry::TemporaryApproval { .. } => "temporary_approval",
        KinshipEntry::Extension { .. } => "extend_temporary_approval",
        KinshipEntry::CourtDirection { .. } => "court_direction",
        KinshipEntry::CourtFiling { .. } => "file_with_court",
        KinshipEntry::Screening { .. } => "screen",
        KinshipEntry::PanelRecommendation { .. } => "recommend",
        KinshipEntry::AgencyDecision { approve: true, .. } => "approve",
        KinshipEntry::AgencyDecision { approve: false, .. } => "refuse",
        KinshipEntry::Outcome { outcome, .. } => match outcome {
            KinshipOutcome::SpecialGuardianshipOrder | KinshipOutcome::ChildArrangementsOrder => {
                "order"
            }
            KinshipOutcome::LongTermKinshipFostering => "long_term",
            KinshipOutcome::RemainsWithParents => {
                let withdraw = role.kind.workflow().transition("withdraw");
                if withdraw.is_some_and(|t| t.from.contains(&role.stage.as_str())) {
                    "withdraw"
                } else {
                    "close"
                }
            }
        },
    }
}

fn entry_date(entry: &KinshipEntry) -> NaiveDate {
    match entry {
        KinshipEntry::TemporaryApproval { placed, .. } => *placed,
        KinshipEntry::Extension { on, .. }
        | KinshipEntry::CourtDirection { on, .. }
        | KinshipEntry::CourtFiling { on }
        | KinshipEntry::Screening { on }
        | KinshipEntry::PanelRecommendation { on, .. }
        | KinshipEntry::AgencyDecision { on, .. }
        | KinshipEntry::Outcome { on, .. } => *on,
    }
}

/// Records `entry` on the household's connected-person role `role_id` as
/// `user` on `today`: checks it, takes its step and keeps its details.
/// Returns the role's new state.
pub fn record_kinship(
    h: &mut Household,
    role_id: &str,
    user: &User,
    entry: KinshipEntry,
    today: NaiveDate,
) -> Result<String, Refusal> {
    let date = entry_date(&entry);
    if date > today {
        return Err(refuse("the date cannot be in the future"));
    }
    let role = h
        .roles
        .iter()
        .find(|r| r.id == role_id)
        .ok_or_else(|| refuse(format!("the household has no role {role_id}")))?;
    if role.kind != RoleKind::ConnectedPersonCarer {
        return Err(refuse("this role is not a connected-person carer's"));
    }
    let mut record = role.kinship.clone().unwrap_or_default();
    let step = step_of(&entry, role);
    // What each entry needs before its step (the step checks who and when).
    match &entry {
        KinshipEntry::TemporaryApproval { child, .. } => {
            required(child, "the child placed (their identifier)")?;
            if role.stage == "screening" {
                police_checks_complete(h, date)?;
            }
        }
        KinshipEntry::Extension { reason, .. } => {
            let Some(t) = &record.temporary_approval else {
                return Err(refuse("there is no temporary approval to extend"));
            };
            if record.extension.is_some() {
                return Err(refuse("temporary approval has been extended once already"));
            }
            if date > t.ends {
                return Err(refuse(format!(
                    "temporary approval ended on {}: it cannot be extended after it ends",
                    t.ends
                )));
            }
            required(
                reason,
                "the exceptional circumstances that justify the extension",
            )?;
        }
        KinshipEntry::CourtFiling { .. } => {
            if record.court.is_none() {
                return Err(refuse("no court has directed an assessment"));
            }
            screened_first(&record)?;
            // KIN-006: the panel and the agency decision before filing.
            if record.decision.as_ref().is_none_or(|d| d.on > date) {
                return Err(refuse(
                    "the assessment goes to the fostering panel and the agency decision maker before it is filed",
                ));
            }
        }
        KinshipEntry::PanelRecommendation { reasons, .. } => {
            required(reasons, "the panel's reasons")?;
        }
        KinshipEntry::AgencyDecision { reasons, .. } => {
            required(reasons, "the reasons for the decision")?;
        }
        KinshipEntry::Outcome { outcome, .. } => {
            if *outcome == KinshipOutcome::LongTermKinshipFostering && role.stage != "approved" {
                return Err(refuse(
                    "long-term kinship fostering follows the carers' approval",
                ));
            }
        }
        KinshipEntry::Screening { .. } => {
            if record.screened.is_some() {
                return Err(refuse(
                    "the team manager has screened this assessment already",
                ));
            }
        }
        KinshipEntry::CourtDirection { .. } => {}
    }
    let role = h.role_mut(role_id).map_err(|e| refuse(e.to_string()))?;
    role.take(user, step, date)?;
    let by = user.username.clone();
    match entry {
        KinshipEntry::TemporaryApproval { child, placed } => {
            record.temporary_approval = Some(TemporaryApproval {
                ends: due_of(role, "KIN-102").unwrap_or(placed),
                child: child.trim().to_owned(),
                placed,
                approver: by,
            });
        }
        KinshipEntry::Extension { on, reason } => {
            // The extension runs on from the day the first approval ends
            // (KIN-004's Check: 8 weeks on from that end date).
            let from = record.temporary_approval.as_ref().map_or(on, |t| t.ends);
            if let Some(e) = role
                .events
                .iter_mut()
                .rev()
                .find(|e| e.kind == EventKind::Reg24Extended)
            {
                e.date = from;
            }
            record.extension = Some(Extension {
                on,
                reason: reason.trim().to_owned(),
                approver: by,
                ends: due_of(role, "KIN-103").unwrap_or(on),
            });
        }
        KinshipEntry::CourtDirection { on, route } => {
            record.court = Some(CourtAssessment {
                directed: on,
                route,
                file_by: due_of(role, "KIN-005").unwrap_or(on),
                alert_from: on + chrono::Days::new(8 * 7),
                filed: None,
            });
        }
        KinshipEntry::CourtFiling { on } => {
            if let Some(c) = record.court.as_mut() {
                c.filed = Some(on);
            }
        }
        KinshipEntry::Screening { on } => record.screened = Some(Signoff { on, by }),
        KinshipEntry::PanelRecommendation {
            on,
            approve,
            reasons,
        } => {
            record.panel = Some(Decision {
                on,
                approve,
                reasons: reasons.trim().to_owned(),
                by,
            });
        }
        KinshipEntry::AgencyDecision {
            on,
            approve,
            reasons,
        } => {
            record.decision = Some(Decision {
                on,
                approve,
                reasons: reasons.trim().to_owned(),
                by,
            });
        }
        KinshipEntry::Outcome { on, outcome } => record.outcome = Some((on, outcome)),
    }
    let placed = record
        .temporary_approval
        .as_ref()
        .filter(|_| step == "temporary_approval")
        .map(|t| (t.child.clone(), t.placed));
    let order = match record.outcome {
        Some((on, KinshipOutcome::SpecialGuardianshipOrder)) if step == "order" => {
            Some((RoleKind::SpecialGuardian, on))
        }
        Some((on, KinshipOutcome::ChildArrangementsOrder)) if step == "order" => {
            Some((RoleKind::ChildArrangementsOrderHolder, on))
        }
        _ => None,
    };
    let child = record.temporary_approval.as_ref().map(|t| t.child.clone());
    let worker = role.worker.clone();
    role.kinship = Some(record);
    let stage = role.stage.clone();
    if let Some((kind, on)) = order {
        // KIN-109, SG-010: the carers now hold the order; its support starts.
        let rid = h.add_role(kind, worker, on);
        let sg = h.role_mut(&rid).map_err(|e| refuse(e.to_string()))?;
        sg.special_guardianship = Some(SgRecord {
            child: child.unwrap_or_default(),
            order: Some(on),
            ..SgRecord::default()
        });
        crate::fostering::special_guardianship::order_made(sg, on);
    }
    if let Some(tasks) = tasks_raised(step) {
        // KIN-105, KIN-008: what the step asks of the workers next.
        h.tasks.extend(tasks.iter().map(|kind| FamilyTask {
            kind: (*kind).to_owned(),
            created: date,
            reference: String::new(),
            done: None,
        }));
    }
    if let Some((child, on)) = placed {
        // The child lives with the household from the placement.
        match h.link_child(&child, LinkKind::PlacedWith, on) {
            Ok(()) | Err(crate::households::household::HouseholdError::AlreadyLinked) => {}
            Err(e) => return Err(refuse(e.to_string())),
        }
    }
    Ok(stage)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::households::person::NewPerson;
    use crate::roles::Role;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn user(role: Role) -> User {
        User {
            username: role.code().into(),
            display_name: "U".into(),
            role,
            team: Some("Fostering".into()),
            worker_id: None,
        }
    }

    fn screened() -> (Household, String) {
        let mut h =
            Household::new("H1".into(), "The Ode family", "Fostering".into(), None).unwrap();
        let p = h
            .add_member(
                NewPerson {
                    name: "Ada Ode".into(),
                    relationship: "aunt".into(),
                    date_of_birth: Some(d("1970-01-01")),
                    ..Default::default()
                },
                d("2024-12-01"),
            )
            .unwrap();
        h.record_check(
            &p,
            CheckKind::Dbs,
            d("2024-12-10"),
            Some(d("2027-12-10")),
            d("2025-01-01"),
        )
        .unwrap();
        let r = h.add_role(RoleKind::ConnectedPersonCarer, None, d("2024-12-01"));
        let sw = user(Role::AssessingSocialWorker);
        let role = h.role_mut(&r).unwrap();
        role.take(&sw, "start_iva", d("2024-12-02")).unwrap();
        role.take(&sw, "iva_positive", d("2024-12-20")).unwrap();
        (h, r)
    }

    #[test]
    fn temporary_approval_ends_on_the_rule_tables_date_and_expires_the_day_after() {
        let (mut h, r) = screened();
        let sm = user(Role::ServiceManager);
        let entry = KinshipEntry::TemporaryApproval {
            child: "C1".into(),
            placed: d("2025-01-06"),
        };
        record_kinship(&mut h, &r, &sm, entry, d("2025-01-06")).unwrap();
        let k = h.roles[0].kinship.clone().unwrap();
        assert_eq!(k.temporary_approval.as_ref().unwrap().ends, d("2025-04-28"));
        assert_eq!(
            k.temporary_standing(d("2025-04-29")),
            Some(TemporaryStanding::Expired {
                since: d("2025-04-29")
            })
        );
        assert_eq!(h.links[0].child_id, "C1");
    }
}
