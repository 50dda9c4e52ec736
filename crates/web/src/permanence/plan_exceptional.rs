//! The approval of a non-family plan's exceptional needs (PRIN-003): on the
//! plan page, the assessment, who approved it and when, and for a service
//! manager or head of service while the plan is a draft, the button that
//! approves it through `app::permanence::approve_exceptional`.

use app::permanence::PlanView;
use domain::child::ChildId;
use domain::permanence::plan::{EXCEPTIONAL_APPROVERS, Pathway};

use super::plan_after;
use crate::handler::{Caller, Fields, Page};
use crate::ui::{Part, button_form, date_text, part};

/// The plan page's part on the exceptional needs, for a residential plan
/// or one that records them.
pub(crate) fn exceptional_part(caller: &Caller, id: &str, view: &PlanView) -> Option<Part> {
    let plan = &view.plan.value.document;
    if plan.pathway != Some(Pathway::Residential) && plan.exceptional.is_none() {
        return None;
    }
    let mut p = part("exceptional", "Exceptional needs");
    p.rules.push((
        "PRIN-003".into(),
        "a non-family setting only on exceptional needs, approved by a service manager".into(),
    ));
    let Some(e) = &plan.exceptional else {
        p.paragraphs.push(
            "The exceptional-needs assessment is not recorded yet: a service manager approves it once it is.".into(),
        );
        return Some(p);
    };
    p.rows.push((
        "Exceptional-needs assessment".into(),
        e.assessment_ref.clone(),
    ));
    p.rows.push((
        "Why the child's needs cannot be met in a family".into(),
        e.circumstances.clone(),
    ));
    p.rows.push((
        "Approved".into(),
        match &e.approved_by {
            Some(by) => format!(
                "By {} on {}",
                caller.names().name_and_role(by),
                date_text(e.approved_on)
            ),
            None => "Not yet: a service manager approves the exceptional needs".into(),
        },
    ));
    let approver = EXCEPTIONAL_APPROVERS.contains(&caller.user().role);
    if approver && e.approved_by.is_none() && plan.lifecycle.is_editable() {
        p.forms.push(button_form(
            "approve-exceptional",
            &format!("/children/{id}/plan"),
            "Approve the exceptional needs",
            vec![
                ("version", view.plan.version.to_string()),
                ("action", "approve_exceptional".into()),
            ],
        ));
    }
    Some(p)
}

/// Approves the plan's exceptional needs at the version the page showed.
pub(crate) async fn exceptional_post(
    caller: &Caller,
    id: &str,
    child: ChildId,
    fields: &Fields,
) -> Page {
    let version = fields.version();
    let result = caller
        .run(move |c| {
            app::permanence::approve_exceptional(
                &c.store,
                c.user(),
                c.clock(),
                &child,
                version,
                &c.from,
            )
        })
        .await
        .map(|_| "The exceptional needs were approved.".to_owned());
    Ok(plan_after(caller, id, "approve-exceptional-submit", result).await)
}
