//! Special guardianship support on the household's order-holder role
//! (WF-SG): the order and its child, the support plan with the order
//! (SG-004, SG-005) and the support offered (SG-001). Each entry is one
//! use case: the child checked, the step taken as the workflow allows the
//! user's role, the household saved with its audit event (codes only).

use domain::access::User;
use domain::fostering::special_guardianship::{SgEntry, record_sg};
use domain::time::Clock;

use super::kinship::refused;
use crate::households::{change_household, visible_child};
use crate::{AppError, Store};

/// Records `entry` on the household's order-holder role `role_id`;
/// returns the role's state.
pub fn record_sg_entry(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (id, version): (&str, i64),
    (role_id, entry): (&str, SgEntry),
    from: &str,
) -> Result<String, AppError> {
    let (entry, action) = match entry {
        SgEntry::Order { child, on } => (
            SgEntry::Order {
                child: visible_child(store, user, &child)?.as_str().to_owned(),
                on,
            },
            "WF-SG.record_order",
        ),
        e @ SgEntry::SupportPlan { .. } => (e, "WF-SG.support_plan"),
        e @ SgEntry::Offer { .. } => (e, "WF-SG.offer_support"),
        e @ SgEntry::NewsSignUp { .. } => (e, "WF-SG.sign_up_news"),
        e @ SgEntry::FinancialSupport { .. } => (e, "WF-SG.financial_support"),
    };
    change_household(
        store,
        (user, clock, from),
        (id, version),
        (
            action,
            |stage: &String| serde_json::json!({ "role": role_id, "stage": stage }),
        ),
        |h, today| record_sg(h, role_id, user, entry, today).map_err(refused),
    )
}
