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
