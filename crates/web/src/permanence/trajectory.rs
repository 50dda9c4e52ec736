//! The plan's trajectory on the plan page (TRACK-004): each milestone's
//! target and actual dates with its variance, the variances that still need
//! a reason, and the form recording a milestone for those who work on plans.

use app::permanence::{MilestoneInput, PlanView};
use domain::access::Permission;
use domain::child::ChildId;
use domain::permanence::tracking::MilestoneKind;

use super::plan_after;
use crate::handler::{Caller, Fields, Page};
use crate::ui::{FieldError, FieldSpec, Part, button_form, cell, date_text, field, part, select};

/// The plan page's trajectory part: the milestones recorded, what needs a
/// reason, and the form (shown only to those who work on plans).
pub(crate) fn trajectory_part(caller: &Caller, id: &str, view: &PlanView) -> Option<Part> {
    let plan = &view.plan.value.document;
    let may_record = caller.user().may(Permission::WorkOnPlans) && plan.superseded_on.is_none();
    if plan.trajectory.is_empty() && !may_record {
        return None;
    }
    let today = caller.today();
    let mut p = part("trajectory", "Trajectory");
    if plan.trajectory.is_empty() {
        p.paragraphs
            .push("No target dates are recorded for the plan's milestones yet.".into());
    } else {
        p.table_headers = ["Milestone", "Target", "Actual", "Variance", "Reason"]
            .map(String::from)
            .to_vec();
        p.table_rows = plan
            .trajectory
            .iter()
            .map(|m| {
                let variance = match m.variance_days(today) {
                    Some(0) => "On time".to_owned(),
                    Some(d) if d > 0 => format!("{d} days late"),
                    Some(d) => format!("{} days early", -d),
                    None => "Not due yet".to_owned(),
                };
                vec![
                    cell(m.kind.label()),
                    cell(date_text(Some(m.target))),
                    cell(date_text(m.actual)),
                    cell(variance),
                    cell(m.variance_reason.clone().unwrap_or_default()),
                ]
            })
            .collect();
    }
    if !view.trajectory_gaps.is_empty() {
        p.paragraphs.push(
            "Each review compares the actual dates with the targets. These variances need a reason:"
                .into(),
        );
        p.items = view
            .trajectory_gaps
            .iter()
            .map(|g| g.message.clone())
            .collect();
    }
    if may_record {
        p.forms.push(milestone_form(id, view));
    }
    Some(p)
}

/// The form recording one milestone's dates and the reason for any variance.
fn milestone_form(id: &str, view: &PlanView) -> crate::ui::FormSpec {
    let mut f = button_form(
        "trajectory",
        &format!("/children/{id}/plan"),
        "Save milestone",
        vec![
            ("version", view.plan.version.to_string()),
            ("action", "trajectory".into()),
        ],
    );
    f.secondary = true;
    f.fields.push(select(
        "milestone",
        "Milestone",
        MilestoneKind::PermanencePanel.code(),
        MilestoneKind::ALL
            .into_iter()
            .map(|k| (k.code().to_owned(), k.label().to_owned()))
            .collect(),
    ));
    f.fields.push(FieldSpec {
        hint: Some("For example, 30/8/2025.".into()),
        ..field("target", "Target date", "date", "")
    });
    f.fields.push(FieldSpec {
        hint: Some("Leave blank until the milestone is reached.".into()),
        ..field("actual", "Actual date", "date", "")
    });
    f.fields.push(FieldSpec {
        hint: Some(
            "Needed when the actual date differs from the target, or the target has passed.".into(),
        ),
        ..field("variance_reason", "Reason for the variance", "textarea", "")
    });
    f
}

/// Records one milestone of the trajectory.
pub(crate) async fn trajectory_post(
    caller: &Caller,
    id: &str,
    child: ChildId,
    fields: &Fields,
) -> Page {
    let mut errors = Vec::new();
    let mut date = |name: &'static str, field: &'static str| {
        fields.date(name).unwrap_or_else(|message| {
            errors.push(FieldError { field, message });
            None
        })
    };
    let target = date("target", "trajectory-target");
    let actual = date("actual", "trajectory-actual");
    let kind = MilestoneKind::parse(&fields.get("milestone"));
    let Some(kind) = kind.filter(|_| errors.is_empty()) else {
        if errors.is_empty() {
            errors.push(FieldError {
                field: "trajectory-milestone",
                message: "Choose the milestone".into(),
            });
        }
        return Ok(super::show_plan(caller, id, errors, None).await);
    };
    let input = MilestoneInput {
        kind,
        target,
        actual,
        variance_reason: fields.get("variance_reason"),
    };
    let version = fields.version();
    let result = caller
        .run(move |c| {
            app::permanence::record_milestone(
                &c.store,
                c.user(),
                c.clock(),
                &child,
                version,
                input,
                &c.from,
            )
        })
        .await
        .map(|_| format!("{} was saved on the trajectory.", kind.label()));
    Ok(plan_after(caller, id, "trajectory-target", result).await)
}
