//! Support around child arrangements and special guardianship orders
//! (PATH-011, PATH-013, PATH-015). Re-exported by [`super`].

use super::*;

// ---------------------------------------------------------------------------
// CAO and SGO support (PATH-011, PATH-013, PATH-015)

/// A task raised on a family's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Task {
    pub kind: &'static str,
    pub created: NaiveDate,
}

/// The task a court's request for a private-law CAO report creates.
pub const COURT_REPORT_PRIVATE_LAW_CAO: &str = "court report – private law CAO";

/// PATH-011: a court's request for a report in a private-law CAO application
/// creates a task on the family record when the family is known to the
/// council; nothing else (no looked-after episode) follows. Logged on a
/// household's page (`Household::log_cao_report_request`).
pub fn private_law_cao_report_task(received: NaiveDate, family_known: bool) -> Option<Task> {
    family_known.then_some(Task {
        kind: COURT_REPORT_PRIVATE_LAW_CAO,
        created: received,
    })
}

/// Why a Child Arrangement Order Allowance may be paid (PATH-013).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AllowanceBasis {
    /// The order was made because the child might otherwise be looked after.
    MightOtherwiseBeLookedAfter,
    ExistingFosterCarers,
}

/// Where an allowance request goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum AllowanceRoute {
    /// Accepted for assessment and means test (KIN-016).
    Assessment,
    /// Neither basis: an exception needing a manager's decision.
    ManagerException,
}

/// PATH-013: routes a CAO allowance request by its basis.
pub fn route_cao_allowance(basis: Option<AllowanceBasis>) -> AllowanceRoute {
    match basis {
        Some(_) => AllowanceRoute::Assessment,
        None => AllowanceRoute::ManagerException,
    }
}

/// Who asked for an SGO support assessment (PATH-015).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Requester {
    Parent,
    Child,
    SpecialGuardian,
    ProspectiveSpecialGuardian,
    /// Someone the LA considers to have a significant and ongoing
    /// relationship with the child.
    SignificantRelationship,
    Other,
}

/// Whether the LA must assess (PATH-015, OQ-08).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RequestType {
    Mandatory,
    Discretionary,
}

/// A request for an SGO support assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SgoSupportRequest {
    pub received: NaiveDate,
    pub requester: Requester,
    /// Made before the order.
    pub pre_order: bool,
    pub child_previously_looked_after: bool,
}

impl SgoSupportRequest {
    /// Mandatory where the child was previously looked after and the special
    /// guardian, the child or a parent asks; or, before the order, where a
    /// parent, the child or a (prospective) special guardian asks. Otherwise
    /// discretionary.
    pub fn request_type(&self) -> RequestType {
        use Requester::*;
        let after_care = self.child_previously_looked_after
            && matches!(self.requester, SpecialGuardian | Child | Parent);
        let before_order = self.pre_order
            && matches!(
                self.requester,
                Parent | Child | SpecialGuardian | ProspectiveSpecialGuardian
            );
        if after_care || before_order {
            RequestType::Mandatory
        } else {
            RequestType::Discretionary
        }
    }
}

/// PATH-015: declining a request. A mandatory one cannot be declined; a
/// discretionary one needs reasons.
pub fn decline_sgo_support_request(
    req: &SgoSupportRequest,
    reasons: &str,
) -> Result<(), PathwayError> {
    match req.request_type() {
        RequestType::Mandatory => Err(PathwayError::MandatoryRequestDeclined),
        RequestType::Discretionary if reasons.trim().is_empty() => {
            Err(PathwayError::DecisionWithoutReasons)
        }
        RequestType::Discretionary => Ok(()),
    }
}
