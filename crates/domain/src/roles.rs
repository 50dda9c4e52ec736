//! The roles people hold in the service, from the seeds' organisation.

use serde::Serialize;

/// A role in the service. Permissions and responsibilities are given to roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    SocialWorker,
    TeamManager,
    ServiceManager,
    HeadOfService,
    IndependentReviewingOfficer,
    PanelAdviser,
    AgencyDecisionMaker,
    FamilyFinder,
    AssessingSocialWorker,
    SupervisingSocialWorker,
    PostOrderSupportWorker,
    VirtualSchool,
    HealthPractitioner,
    ComplaintsManager,
    FinanceOfficer,
    PerformanceAnalyst,
    SystemAdministrator,
    Auditor,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 18] = [
        Role::SocialWorker,
        Role::TeamManager,
        Role::ServiceManager,
        Role::HeadOfService,
        Role::IndependentReviewingOfficer,
        Role::PanelAdviser,
        Role::AgencyDecisionMaker,
        Role::FamilyFinder,
        Role::AssessingSocialWorker,
        Role::SupervisingSocialWorker,
        Role::PostOrderSupportWorker,
        Role::VirtualSchool,
        Role::HealthPractitioner,
        Role::ComplaintsManager,
        Role::FinanceOfficer,
        Role::PerformanceAnalyst,
        Role::SystemAdministrator,
        Role::Auditor,
    ];

    /// The role's stored code (`social_worker`).
    pub fn code(self) -> &'static str {
        match self {
            Role::SocialWorker => "social_worker",
            Role::TeamManager => "team_manager",
            Role::ServiceManager => "service_manager",
            Role::HeadOfService => "head_of_service",
            Role::IndependentReviewingOfficer => "independent_reviewing_officer",
            Role::PanelAdviser => "panel_adviser",
            Role::AgencyDecisionMaker => "agency_decision_maker",
            Role::FamilyFinder => "family_finder",
            Role::AssessingSocialWorker => "assessing_social_worker",
            Role::SupervisingSocialWorker => "supervising_social_worker",
            Role::PostOrderSupportWorker => "post_order_support_worker",
            Role::VirtualSchool => "virtual_school",
            Role::HealthPractitioner => "health_practitioner",
            Role::ComplaintsManager => "complaints_manager",
            Role::FinanceOfficer => "finance_officer",
            Role::PerformanceAnalyst => "performance_analyst",
            Role::SystemAdministrator => "system_administrator",
            Role::Auditor => "auditor",
        }
    }

    /// Reads a stored code.
    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The role's name as people say it.
    pub fn title(self) -> &'static str {
        match self {
            Role::SocialWorker => "Social worker",
            Role::TeamManager => "Team manager",
            Role::ServiceManager => "Service manager",
            Role::HeadOfService => "Head of service",
            Role::IndependentReviewingOfficer => "Independent reviewing officer",
            Role::PanelAdviser => "Panel adviser",
            Role::AgencyDecisionMaker => "Agency decision maker",
            Role::FamilyFinder => "Family finder",
            Role::AssessingSocialWorker => "Assessing social worker",
            Role::SupervisingSocialWorker => "Supervising social worker",
            Role::PostOrderSupportWorker => "Post-order support worker",
            Role::VirtualSchool => "Virtual School",
            Role::HealthPractitioner => "Looked-after children's health practitioner",
            Role::ComplaintsManager => "Complaints manager",
            Role::FinanceOfficer => "Finance officer",
            Role::PerformanceAnalyst => "Performance analyst",
            Role::SystemAdministrator => "System administrator",
            Role::Auditor => "Auditor",
        }
    }
}

/// A social worker and the team they work in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Worker {
    pub id: String,
    pub team: String,
}
