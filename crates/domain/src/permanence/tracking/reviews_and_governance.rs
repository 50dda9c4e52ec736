//! Tracking (TRACK-006 onwards): what a review records, outcome totals,
//! ratification timing, the governance calendar, file audit actions and
//! feedback requests. Re-exported by [`super`].

use super::*;

// ---------------------------------------------------------------------------
// TRACK-006, TRACK-011, TRACK-012: what a review must record to be finalised.

/// TRACK-006: progress in one outcome area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    OnTrack,
    SomeConcerns,
    NotOnTrack,
}

impl Progress {
    pub const ALL: [Progress; 3] = [
        Progress::OnTrack,
        Progress::SomeConcerns,
        Progress::NotOnTrack,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Progress::OnTrack => "On track",
            Progress::SomeConcerns => "Some concerns",
            Progress::NotOnTrack => "Not on track",
        }
    }
}

/// TRACK-011: how the child took part in the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChildParticipation {
    Attended,
    ViewsSent,
    Advocate,
    /// Needs a reason.
    NotParticipating,
}

/// TRACK-012: how the IRO dealt with an issue at the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueResolution {
    ResolvedAtReview,
    /// "Open issue – escalate": opens WF-IRO-ESCALATION.
    Escalate,
}

/// TRACK-012: an issue on the review form, pre-filled from an open drift
/// reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewIssue {
    pub code: DriftCode,
    pub issue: String,
    #[serde(default)]
    pub resolution: Option<IssueResolution>,
}

/// TRACK-012: the review form's issues, one for each drift reason open on the
/// day of the review.
pub fn review_issues(reasons: &[DriftReason]) -> Vec<ReviewIssue> {
    reasons
        .iter()
        .map(|r| ReviewIssue {
            code: r.code,
            issue: r.code.label().to_owned(),
            resolution: None,
        })
        .collect()
}

/// The monitoring section of a Review of Arrangements: participation
/// (TRACK-011), outcome progress (TRACK-006) and the IRO's issues
/// (TRACK-012). The rest of the review (the parents' and carer's
/// contributions, the child's voice, the plan outcome, the decisions) is
/// [`super::reviews::ReviewRecord`]; a review is finalised when neither
/// [`super::reviews::finalisation_gaps`] nor [`review_monitoring_gaps`] finds a gap.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReviewMonitoring {
    /// A school-age child must have an Education status (TRACK-006).
    pub school_age: bool,
    pub child_participation: Option<ChildParticipation>,
    /// Why the child is not participating (free text).
    pub non_participation_reason: Option<String>,
    /// Other professionals took part (the parents' and carer's contributions
    /// are on the review record).
    pub professionals_took_part: bool,
    /// The IRO's role was explained to those present (TRACK-011).
    pub iro_role_explained: Option<bool>,
    pub outcome_progress: BTreeMap<OutcomeArea, Progress>,
    pub issues: Vec<ReviewIssue>,
}

/// What in the monitoring section stops a review being finalised:
/// participation (TRACK-011), progress in every outcome area (TRACK-006,
/// Education only for a school-age child) and an answer to every IRO issue
/// (TRACK-012).
pub fn review_monitoring_gaps(review: &ReviewMonitoring) -> Vec<Gap> {
    let mut gaps = Vec::new();
    match review.child_participation {
        None => gaps.push(Gap::block(
            "TRACK-011",
            "child_participation",
            "the child's participation mode is required",
        )),
        Some(ChildParticipation::NotParticipating)
            if review
                .non_participation_reason
                .as_deref()
                .is_none_or(|s| s.trim().is_empty()) =>
        {
            gaps.push(Gap::block(
                "TRACK-011",
                "non_participation_reason",
                "the reason the child is not participating is required",
            ))
        }
        Some(_) => {}
    }
    if review.iro_role_explained.is_none() {
        gaps.push(Gap::block(
            "TRACK-011",
            "iro_role_explained",
            "record whether the IRO's role and responsibility were explained",
        ));
    }
    for area in OutcomeArea::ALL {
        if area == OutcomeArea::Education && !review.school_age {
            continue;
        }
        if !review.outcome_progress.contains_key(&area) {
            gaps.push(Gap::block(
                "TRACK-006",
                "outcome_progress",
                format!("{} status is required", area.label()),
            ));
        }
    }
    for issue in review.issues.iter().filter(|i| i.resolution.is_none()) {
        gaps.push(Gap::block(
            "TRACK-012",
            "issues",
            format!(
                "mark the issue \"{}\" resolved at review or open issue – escalate",
                issue.issue
            ),
        ));
    }
    gaps
}

/// TRACK-006: reviews counted by area and progress, to total across children.
pub fn outcome_totals<'a>(
    reviews: impl IntoIterator<Item = &'a ReviewMonitoring>,
) -> BTreeMap<(OutcomeArea, Progress), usize> {
    let mut totals = BTreeMap::new();
    for review in reviews {
        for (area, progress) in &review.outcome_progress {
            *totals.entry((*area, *progress)).or_insert(0) += 1;
        }
    }
    totals
}

// ---------------------------------------------------------------------------
// TRACK-007: the Permanence Scorecard.

/// One child's second review and when their plan was first ratified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatificationTiming {
    pub child_id: ChildId,
    /// The date of the second review (held).
    pub second_review: NaiveDate,
    #[serde(default)]
    pub first_ratified: Option<NaiveDate>,
}

/// TRACK-007: "% plans ratified by second review": of the children whose
/// second review fell in `from..=to`, the share with a plan ratified at or
/// before it, to one decimal place. None when no child's review fell then.
pub fn percent_ratified_by_second_review(
    children: &[RatificationTiming],
    from: NaiveDate,
    to: NaiveDate,
) -> Option<f64> {
    let cohort: Vec<&RatificationTiming> = children
        .iter()
        .filter(|c| (from..=to).contains(&c.second_review))
        .collect();
    if cohort.is_empty() {
        return None;
    }
    let ratified = cohort
        .iter()
        .filter(|c| c.first_ratified.is_some_and(|r| r <= c.second_review))
        .count();
    let tenths = (ratified * 1000 + cohort.len() / 2) / cohort.len();
    Some(tenths as f64 / 10.0)
}

// ---------------------------------------------------------------------------
// TRACK-008: governance reporting.

/// Who a governance report goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    LeadMember,
    Director,
    Scrutiny,
}

/// The reports of TRACK-008.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GovernanceReportKind {
    PermanenceScorecard,
    IroAnnualReport,
    PeerReview,
    Benchmarking,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::LeadMember, Audience::Director, Audience::Scrutiny];

    pub fn label(self) -> &'static str {
        match self {
            Audience::LeadMember => "Lead Member for Children's Services",
            Audience::Director => "Director of Children's Services",
            Audience::Scrutiny => "Scrutiny body",
        }
    }
}

impl GovernanceReportKind {
    pub const ALL: [GovernanceReportKind; 4] = [
        GovernanceReportKind::PermanenceScorecard,
        GovernanceReportKind::IroAnnualReport,
        GovernanceReportKind::PeerReview,
        GovernanceReportKind::Benchmarking,
    ];

    pub fn label(self) -> &'static str {
        match self {
            GovernanceReportKind::PermanenceScorecard => "Permanence Scorecard",
            GovernanceReportKind::IroAnnualReport => "IRO annual report",
            GovernanceReportKind::PeerReview => "Peer review",
            GovernanceReportKind::Benchmarking => "Benchmarking",
        }
    }
}

/// Who keeps the governance reporting calendar (the product's choice: the
/// spec names no role; RPT-003's quarterly report is the performance team's).
pub const GOVERNANCE_CALENDAR_KEEPERS: [Role; 3] = [
    Role::PerformanceAnalyst,
    Role::ServiceManager,
    Role::HeadOfService,
];

/// A report in the reporting calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GovernanceReport {
    pub kind: GovernanceReportKind,
    pub date: NaiveDate,
    pub audiences: Vec<Audience>,
}

/// TRACK-008: what the reporting calendar of the financial year starting in
/// April of `year` lacks: a Permanence Scorecard report to both the Lead
/// Member and the Director in each quarter ("regular" = quarterly, RPT-003)
/// and an IRO annual report. Empty when the calendar is valid.
pub fn governance_calendar_problems(reports: &[GovernanceReport], year: i32) -> Vec<String> {
    let label = format!("{}-{:02}", year, (year + 1) % 100);
    let mut problems = Vec::new();
    let quarters: Vec<(NaiveDate, NaiveDate)> =
        (1..=4).filter_map(|q| financial_quarter(year, q)).collect();
    for (q, (from, to)) in quarters.iter().enumerate() {
        let (from, to) = (*from, *to);
        let covered = reports.iter().any(|r| {
            r.kind == GovernanceReportKind::PermanenceScorecard
                && (from..=to).contains(&r.date)
                && r.audiences.contains(&Audience::LeadMember)
                && r.audiences.contains(&Audience::Director)
        });
        if !covered {
            problems.push(format!(
                "no Permanence Scorecard report to the Lead Member and the Director in Q{} {label}",
                q + 1
            ));
        }
    }
    let (start, end) = (quarters[0].0, quarters[3].1);
    if !reports
        .iter()
        .any(|r| r.kind == GovernanceReportKind::IroAnnualReport && (start..=end).contains(&r.date))
    {
        problems.push(format!("no IRO annual report in {label}"));
    }
    problems
}

// ---------------------------------------------------------------------------
// TRACK-009: file audits.

fn grade_label(grade: AuditGrade) -> &'static str {
    match grade {
        AuditGrade::Outstanding => "outstanding",
        AuditGrade::Good => "good",
        AuditGrade::RequiresImprovement => "requires improvement",
        AuditGrade::Inadequate => "inadequate",
    }
}

/// TRACK-009: when a KSS case-file audit (PRIN-017) is completed, an action
/// on the child's record for each standard graded below good, owned by the
/// child's Team Manager and due 20 working days after completion. None
/// before the audit is closed.
pub fn audit_actions(audit: &PermanenceAudit, team_manager: &str) -> Vec<Action> {
    let Some(completed) = audit.closed else {
        return Vec::new();
    };
    let due = add_working_days(completed, AUDIT_ACTION_WORKING_DAYS);
    audit
        .items
        .iter()
        .filter_map(|item| {
            let grade = item.grade?;
            (grade > AuditGrade::Good).then(|| Action {
                what: format!(
                    "Improve: {} (graded {})",
                    item.standard.label(),
                    grade_label(grade)
                ),
                owner: team_manager.to_owned(),
                due,
                done: None,
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------
// TRACK-010: views of children, families and carers.

/// The points at which views are sought.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackTrigger {
    Review,
    PanelItem,
    PlacementMove,
    PermanenceAchieved,
}

/// Who is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Respondent {
    Child,
    Carer,
    Family,
}

/// A request for views, answered in a structured form that can be totalled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackRequest {
    pub child_id: ChildId,
    pub trigger: FeedbackTrigger,
    pub respondent: Respondent,
    /// The person asked (the child is identified by `child_id`).
    #[serde(default)]
    pub person: Option<String>,
    pub created: NaiveDate,
}

/// Who can be asked for their views at a feedback point.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedbackParties {
    pub carer: Option<String>,
    /// The child is of sufficient age and understanding.
    pub child_can_give_views: bool,
    pub family: Vec<String>,
}

/// TRACK-010: the feedback requests a trigger creates: the carer, the child
/// where of sufficient age and understanding, and family members.
pub fn feedback_requests(
    child_id: &ChildId,
    trigger: FeedbackTrigger,
    on: NaiveDate,
    parties: &FeedbackParties,
) -> Vec<FeedbackRequest> {
    let request = |respondent, person: Option<&String>| FeedbackRequest {
        child_id: child_id.clone(),
        trigger,
        respondent,
        person: person.cloned(),
        created: on,
    };
    let mut requests = Vec::new();
    if let Some(carer) = &parties.carer {
        requests.push(request(Respondent::Carer, Some(carer)));
    }
    if parties.child_can_give_views {
        requests.push(request(Respondent::Child, None));
    }
    for member in &parties.family {
        requests.push(request(Respondent::Family, Some(member)));
    }
    requests
}
