//! The kinship figures of a financial year with the households behind
//! each (KPI-KIN-04 compliance, KIN-014, KIN-017, KIN-018, KIN-020,
//! SG-006, SG-010, COST-001): for a user who may see figures, over the
//! households they may see; the read is audited (the year and how many
//! households, never a name).

use domain::access::{Permission, User};
use domain::fostering::kinship_figures::{Figure, kinship_figures};
use domain::reporting::conventions::Period;
use domain::time::Clock;
use store::{AuditLog, HouseholdRepository};

use crate::households::{event, scope_filter};
use crate::{AppError, Store};

/// The figures of the year `period`.
pub fn kinship_compliance(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    period: Period,
    from: &str,
) -> Result<Vec<Figure>, AppError> {
    if !user.may(Permission::ViewFigures) {
        return Err(AppError::Forbidden("see the kinship figures"));
    }
    // The figures are the council's: those who may see figures but no
    // household's record (the complaints manager) see every household's,
    // named by identifier only.
    let filter = scope_filter(user, None).unwrap_or_default();
    store.write(|tx| {
        let (households, _) = tx.households(&filter)?;
        let households: Vec<_> = households.into_iter().map(|h| h.value).collect();
        let figures = kinship_figures(&households, period, clock.today());
        tx.append(&event(
            user,
            clock,
            "kinship_compliance",
            "",
            serde_json::json!({ "period": period.code(), "households": households.len() }),
            from,
        ))?;
        Ok::<_, AppError>(figures)
    })
}
