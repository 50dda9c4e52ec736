//! The Team Manager's sign-off of the plan's options appraisal on the plan
//! page (DATA-011): who signed it off and when, whether the appraisal has
//! changed since, and the sign-off button for a Team Manager.

use app::permanence::PlanView;
use domain::child::ChildId;
use domain::permanence::assessment::APPRAISAL_SIGNERS;

use super::plan_after;
use crate::handler::{Caller, Fields, Page};
use crate::ui::{Part, button_form, long_date, part};

/// The plan page's part on the appraisal's sign-off, if the plan has an
/// appraisal or a sign-off to show.
pub(crate) fn appraisal_sign_off_part(caller: &Caller, id: &str, view: &PlanView) -> Option<Part> {
    let plan = &view.plan.value.document;
    if plan.appraisal.is_empty() && plan.appraisal_sign_off.is_none() {
        return None;
    }
    let mut p = part("appraisal-sign-off", "Options appraisal sign-off");
    let current = match &plan.appraisal_sign_off {
        Some(s) => {
            p.rows.push(("Signed off by".into(), caller.name(&s.by)));
            p.rows.push(("Date".into(), long_date(s.on)));
            let current = s.entries == plan.appraisal;
            if !current {
                p.paragraphs.push(
                    "The options appraisal has changed since it was signed off. A new pathway can be chosen from it once the Team Manager signs it off again.".into(),
                );
            }
            current
        }
        None => {
            p.paragraphs.push(
                "The Team Manager has not signed off the options appraisal yet. Once signed off, the plan's pathway can only be changed to an option it ruled in.".into(),
            );
            false
        }
    };
    let manager = APPRAISAL_SIGNERS.contains(&caller.user().role);
    if manager && !current && plan.lifecycle.is_editable() && !plan.appraisal.is_empty() {
        p.forms.push(button_form(
            "sign-off",
            &format!("/children/{id}/plan"),
            "Sign off the options appraisal",
            vec![
                ("version", view.plan.version.to_string()),
                ("action", "sign_off_appraisal".into()),
            ],
        ));
    }
    Some(p)
}

/// A Team Manager signs off the plan's options appraisal.
pub(crate) async fn appraisal_sign_off_post(
    caller: &Caller,
    id: &str,
    child: ChildId,
    fields: &Fields,
) -> Page {
    let version = fields.version();
    let result = caller
        .run(move |c| {
            app::permanence::sign_off_options_appraisal(
                &c.store,
                c.user(),
                c.clock(),
                &child,
                version,
                &c.from,
            )
        })
        .await
        .map(|_| "The options appraisal was signed off.".to_owned());
    Ok(plan_after(caller, id, "sign-off", result).await)
}
