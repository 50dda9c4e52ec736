//! Who may do what: one table of permissions by role, and which children a
//! user may see.
//!
//! Permissions are named after what a person does. A social worker and a
//! team manager see the children of their team; managers across the service
//! see every child; a performance analyst sees figures, not case records; the
//! auditor reads the audit log and nothing else.

use serde::Serialize;

use crate::roles::Role::{self, *};

/// Something a person may be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// See the caseload home page and the list of children one may see.
    ViewCaseload,
    /// Search for children by name, identifier or date of birth.
    SearchChildren,
    /// Open a child's record.
    ViewChild,
    /// Record a review of a child's care.
    RecordReview,
    /// Record admissions, placement and legal status changes, and leaving care.
    RecordCareEpisode,
    /// See worklists of deadlines and drift alerts.
    ViewWorklist,
    /// See the service's figures (counts, no case records).
    ViewFigures,
    /// Export a list as CSV.
    ExportLists,
    /// Read the audit log.
    ViewAuditLog,
    /// Export everything held about one child (subject access).
    ExportSubjectAccess,
    /// Add users and give them roles.
    ManageUsers,
    /// See the permanence tracking list with its drift flags.
    ViewTracking,
    /// Work on permanence plans and panel referrals (each step is further
    /// limited to the roles its workflow names).
    WorkOnPlans,
    /// See panel meetings, their agendas, outcomes and letters.
    ViewPanels,
    /// Arrange panel meetings, record attendance and approve minutes.
    ManagePanels,
    /// Check an SSDA903 return against the DfE's validation rules.
    CheckReturns,
    /// Import the children of an SSDA903 return into the records.
    ImportReturns,
    /// Record, amend or withdraw the activities the deadlines ask for
    /// (visits, health assessments, PEPs ...), each limited to the roles
    /// that do it ([`crate::casework::activities::may_record`]).
    RecordActivities,
    /// See the households (carers, applicants, birth families) one may see.
    ViewHouseholds,
    /// Add households, their members, checks, roles and linked children,
    /// and take the steps of a role's lifecycle (each step further limited
    /// to the roles its workflow names).
    WorkOnHouseholds,
    /// Keep the agency's own records (the Statements of Purpose, the free
    /// online courses of the training programme) and record their reviews.
    KeepAgencyRecords,
    /// Record complaints received and take their steps (each step further
    /// limited to the roles WF-CMPL names); a team manager sees their
    /// team's.
    WorkOnComplaints,
    /// See the money ledger, its accounts and the payments waiting, and
    /// take the money steps a role may (finance pays; managers decide
    /// exempt payments and reverse entries: each further limited in the
    /// use case).
    ManageMoney,
    /// Work on a family's support: requests for an assessment of need,
    /// support plans, the support worker's visits and calls, bookings on
    /// the rest of the offer (each step further limited to the roles the
    /// rule names).
    WorkOnSupport,
}

use Permission::*;

/// The one table: what each role may do.
pub const PERMISSIONS: &[(Role, &[Permission])] = &[
    (
        SocialWorker,
        &[
            ViewCaseload,
            SearchChildren,
            ViewChild,
            RecordActivities,
            RecordReview,
            RecordCareEpisode,
            ViewWorklist,
            ExportLists,
            ViewTracking,
            WorkOnPlans,
            ViewPanels,
            ViewHouseholds,
            WorkOnSupport,
        ],
    ),
    (
        TeamManager,
        &[
            ViewCaseload,
            SearchChildren,
            ViewChild,
            RecordActivities,
            RecordReview,
            RecordCareEpisode,
            ViewWorklist,
            ExportLists,
            ViewFigures,
            ViewTracking,
            WorkOnPlans,
            ViewPanels,
            ViewHouseholds,
            WorkOnHouseholds,
            KeepAgencyRecords,
            WorkOnComplaints,
            ManageMoney,
            WorkOnSupport,
        ],
    ),
    (
        ServiceManager,
        &[
            ViewCaseload,
            SearchChildren,
            ViewChild,
            RecordActivities,
            ViewWorklist,
            ExportLists,
            ViewFigures,
            ViewTracking,
            WorkOnPlans,
            ViewPanels,
            CheckReturns,
            ViewHouseholds,
            WorkOnHouseholds,
            KeepAgencyRecords,
            WorkOnComplaints,
            ManageMoney,
            WorkOnSupport,
        ],
    ),
    (
        HeadOfService,
        &[
            ViewCaseload,
            SearchChildren,
            ViewChild,
            ViewWorklist,
            ExportLists,
            ViewFigures,
            ViewTracking,
            WorkOnPlans,
            ViewPanels,
            ManagePanels,
            CheckReturns,
            ImportReturns,
            ViewHouseholds,
            WorkOnHouseholds,
            KeepAgencyRecords,
            WorkOnComplaints,
            ManageMoney,
            WorkOnSupport,
        ],
    ),
    (
        IndependentReviewingOfficer,
        &[
            ViewCaseload,
            SearchChildren,
            ViewChild,
            RecordActivities,
            RecordReview,
            ViewWorklist,
            ViewTracking,
            WorkOnPlans,
            ViewPanels,
            ViewHouseholds,
            WorkOnHouseholds,
        ],
    ),
    (
        PanelAdviser,
        &[
            ViewCaseload,
            SearchChildren,
            ViewChild,
            RecordActivities,
            ViewWorklist,
            ViewTracking,
            WorkOnPlans,
            ViewPanels,
            ManagePanels,
            ViewHouseholds,
            WorkOnHouseholds,
        ],
    ),
    (
        AgencyDecisionMaker,
        &[
            ViewCaseload,
            SearchChildren,
            ViewChild,
            ViewWorklist,
            ViewTracking,
            WorkOnPlans,
            ViewPanels,
            ViewHouseholds,
            WorkOnHouseholds,
        ],
    ),
    (
        FamilyFinder,
        &[
            ViewCaseload,
            SearchChildren,
            ViewChild,
            RecordActivities,
            ViewWorklist,
            ViewTracking,
            WorkOnPlans,
            ViewPanels,
            ViewHouseholds,
            WorkOnHouseholds,
        ],
    ),
    (
        AssessingSocialWorker,
        &[
            ViewCaseload,
            SearchChildren,
            ViewChild,
            RecordActivities,
            ViewWorklist,
            ViewHouseholds,
            WorkOnHouseholds,
            WorkOnSupport,
        ],
    ),
    (
        SupervisingSocialWorker,
        &[
            ViewCaseload,
            SearchChildren,
            ViewChild,
            ViewWorklist,
            WorkOnPlans,
            ViewPanels,
            ViewHouseholds,
            WorkOnHouseholds,
            WorkOnSupport,
        ],
    ),
    (
        PostOrderSupportWorker,
        &[
            ViewCaseload,
            SearchChildren,
            ViewChild,
            RecordActivities,
            ViewWorklist,
            ViewHouseholds,
            WorkOnHouseholds,
            WorkOnSupport,
        ],
    ),
    (
        VirtualSchool,
        &[ViewCaseload, SearchChildren, ViewChild, RecordActivities],
    ),
    (
        HealthPractitioner,
        &[ViewCaseload, SearchChildren, ViewChild, RecordActivities],
    ),
    (ComplaintsManager, &[ViewFigures, WorkOnComplaints]),
    (FinanceOfficer, &[ViewFigures, ExportLists, ManageMoney]),
    (
        PerformanceAnalyst,
        &[ViewFigures, ExportLists, CheckReturns],
    ),
    (SystemAdministrator, &[ManageUsers, ImportReturns]),
    (Auditor, &[ViewAuditLog, ExportSubjectAccess]),
];

/// Whether a role may do something.
pub fn allows(role: Role, permission: Permission) -> bool {
    PERMISSIONS
        .iter()
        .find(|(r, _)| *r == role)
        .is_some_and(|(_, ps)| ps.contains(&permission))
}

/// Whether a role sees where a child lives (the placement's address): those
/// who visit the child or manage their care, not every role that may open
/// the record (a child's whereabouts can put them at risk).
pub fn may_see_placement_address(role: Role) -> bool {
    matches!(
        role,
        SocialWorker
            | TeamManager
            | ServiceManager
            | HeadOfService
            | IndependentReviewingOfficer
            | SupervisingSocialWorker
    )
}

/// A person who signs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// The team whose children the user works with, for team-based roles.
    pub team: Option<String>,
    /// The user's identifier as an allocated social worker, if they are one.
    pub worker_id: Option<String>,
}

/// Which children's records a user may open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChildScope {
    Everyone,
    Team(String),
    NoOne,
}

impl User {
    pub fn may(&self, permission: Permission) -> bool {
        allows(self.role, permission)
    }

    /// The children this user may see: their team's for team roles, every
    /// child for service-wide roles, none for roles without case access.
    pub fn child_scope(&self) -> ChildScope {
        if !self.may(ViewChild) {
            return ChildScope::NoOne;
        }
        match self.role {
            SocialWorker | TeamManager => match &self.team {
                Some(team) => ChildScope::Team(team.clone()),
                None => ChildScope::NoOne,
            },
            _ => ChildScope::Everyone,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_a_row_and_only_one() {
        for role in Role::ALL {
            assert_eq!(
                PERMISSIONS.iter().filter(|(r, _)| *r == role).count(),
                1,
                "{role:?}"
            );
        }
    }

    #[test]
    fn the_roles_that_record_activities_are_those_that_record_some_activity_on_a_child() {
        for role in Role::ALL {
            let records = !crate::casework::activities::kinds_for(role).is_empty();
            assert_eq!(
                allows(role, RecordActivities),
                records && allows(role, ViewChild),
                "{role:?}"
            );
        }
    }

    #[test]
    fn the_placement_address_is_for_those_who_visit_or_manage_the_childs_care() {
        assert!(may_see_placement_address(SocialWorker));
        assert!(!may_see_placement_address(VirtualSchool));
        assert!(!may_see_placement_address(HealthPractitioner));
        assert!(!may_see_placement_address(FamilyFinder));
    }

    #[test]
    fn the_auditor_reads_the_audit_log_and_nothing_else() {
        assert!(allows(Auditor, ViewAuditLog));
        assert!(!allows(Auditor, ViewChild));
        assert!(!allows(Auditor, ViewCaseload));
    }

    #[test]
    fn a_performance_analyst_sees_figures_not_case_records() {
        assert!(allows(PerformanceAnalyst, ViewFigures));
        assert!(!allows(PerformanceAnalyst, ViewChild));
        assert!(!allows(PerformanceAnalyst, SearchChildren));
    }

    #[test]
    fn a_social_worker_sees_the_children_of_their_team() {
        let user = User {
            username: "sw".into(),
            display_name: "A Worker".into(),
            role: SocialWorker,
            team: Some("Melton".into()),
            worker_id: Some("SW00001".into()),
        };
        assert_eq!(user.child_scope(), ChildScope::Team("Melton".into()));
        let analyst = User {
            role: PerformanceAnalyst,
            ..user
        };
        assert_eq!(analyst.child_scope(), ChildScope::NoOne);
    }
}
