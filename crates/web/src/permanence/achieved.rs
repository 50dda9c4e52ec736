//! Permanence achieved on the plan page: what was recorded (the order or
//! arrangement, its date, any manager's override), the form to record it
//! (offered to a social worker only when no milestone is open, to a manager
//! with the reason for overriding), and a manager's reversal.

use app::permanence::PlanView;
use domain::child::ChildId;
use domain::permanence::achieved::{
    ACHIEVEMENT_MANAGERS, AchievementInput, Arrangement, open_list,
};
use domain::permanence::plan::PlanMove;

use super::plan_after;
use crate::handler::{Caller, Fields, Page};
use crate::ui::{FieldError, FieldSpec, Part, button_form, field, long_date, part, select};

/// The plan page's part on permanence achieved, if there is anything to
/// show or do.
pub(crate) fn achieved_part(
    caller: &Caller,
    id: &str,
    view: &PlanView,
    moves: &[PlanMove],
) -> Option<Part> {
    let plan = &view.plan.value.document;
    let mut p = part("achieved", "Permanence achieved");
    if let Some(a) = &plan.achievement {
        p.rows.push(("How".into(), a.arrangement.label().into()));
        p.rows.push(("Date".into(), long_date(a.on)));
        if let Some(named) = &a.named {
            p.rows.push(("Named in the order".into(), named.clone()));
        }
        if !a.matches_plan {
            p.paragraphs
                .push("Permanence came by another route than the plan's pathway.".into());
        }
        if let Some(reason) = &a.override_reason {
            p.rows.push((
                "Recorded with milestones open".into(),
                format!("{} (reason: {reason})", a.open_milestones.join("; ")),
            ));
        }
        p.rows.push(("Recorded by".into(), a.recorded_by.clone()));
    }
    for r in &plan.reversals {
        p.items.push(format!(
            "{} on {} reversed on {} by {}: {}",
            r.reversed.arrangement.label(),
            long_date(r.reversed.on),
            long_date(r.on),
            r.by,
            r.reason
        ));
    }
    let action = format!("/children/{id}/plan");
    let version = view.plan.version.to_string();
    if moves.contains(&PlanMove::Step("reverse_achieved")) {
        let mut f = button_form(
            "reverse",
            &action,
            "Reverse permanence achieved",
            vec![
                ("version", version.clone()),
                ("action", "reverse_achieved".into()),
            ],
        );
        f.secondary = true;
        f.fields.push(FieldSpec {
            hint: Some("Say why it was recorded in error. The reason is kept on the plan.".into()),
            ..field("reasons", "Reason for reversing it", "textarea", "")
        });
        p.forms.push(f);
    } else if moves.contains(&PlanMove::Step("achieve")) {
        achieve_form(caller, &mut p, &action, version, view);
    }
    let shown = !p.rows.is_empty() || !p.items.is_empty() || !p.forms.is_empty();
    (shown || !p.paragraphs.is_empty()).then_some(p)
}

/// The form recording permanence achieved, or why it is not offered: while
/// milestones are open only a manager records it, with a reason.
fn achieve_form(caller: &Caller, p: &mut Part, action: &str, version: String, view: &PlanView) {
    let plan = &view.plan.value.document;
    let open = &view.open_milestones;
    let manager = ACHIEVEMENT_MANAGERS.contains(&caller.user().role);
    if !open.is_empty() {
        p.paragraphs.push(format!(
            "These milestones are still open: {}.",
            open_list(open)
        ));
        if !manager {
            p.paragraphs.push(
                "Permanence can be recorded as achieved once they are met, or by a team or service manager who gives the reason.".into(),
            );
            return;
        }
    }
    let mut f = button_form(
        "achieve",
        action,
        "Record permanence achieved",
        vec![("version", version), ("action", "achieve".into())],
    );
    f.fields.push(select(
        "arrangement",
        "The order made or the arrangement confirmed",
        Arrangement::for_pathway(plan.pathway).code(),
        Arrangement::ALL
            .into_iter()
            .map(|a| (a.code().to_owned(), a.label().to_owned()))
            .collect(),
    ));
    f.fields.push(FieldSpec {
        hint: Some("For example, 14/11/2025. Leave blank for today.".into()),
        ..field(
            "on",
            "Date the order was made or the arrangement confirmed",
            "date",
            "",
        )
    });
    f.fields.push(FieldSpec {
        hint: Some(
            "For an order: the special guardian, the adopters or the person the child lives with."
                .into(),
        ),
        ..field("carer", "Who the order names", "text", "")
    });
    if !open.is_empty() {
        f.fields.push(FieldSpec {
            hint: Some("As a manager you may record it with milestones open. Say why.".into()),
            ..field("reasons", "Reason for recording it now", "textarea", "")
        });
    }
    p.forms.push(f);
}

/// Records permanence achieved, or a manager's reversal of it.
pub(crate) async fn achieved_post(
    caller: &Caller,
    id: &str,
    child: ChildId,
    fields: &Fields,
) -> Page {
    let version = fields.version();
    let reasons = fields.get("reasons");
    if fields.get("action") == "reverse_achieved" {
        let result = caller
            .run(move |c| {
                app::permanence::reverse_permanence_achieved(
                    &c.store,
                    c.user(),
                    c.clock(),
                    &child,
                    version,
                    &reasons,
                    &c.from,
                )
            })
            .await
            .map(|_| "Permanence achieved was reversed.".to_owned());
        return Ok(plan_after(caller, id, "reverse-reasons", result).await);
    }
    let on = match fields.date("on") {
        Ok(on) => on.or(Some(caller.today())),
        Err(message) => {
            let errors = vec![FieldError {
                field: "achieve-on",
                message,
            }];
            return Ok(super::show_plan(caller, id, errors, None).await);
        }
    };
    let input = AchievementInput {
        arrangement: Arrangement::parse(&fields.get("arrangement")),
        on,
        named: fields.get("carer"),
        override_reason: reasons,
    };
    let result = caller
        .run(move |c| {
            app::permanence::record_permanence_achieved(
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
        .map(|_| "Permanence achieved was recorded.".to_owned());
    Ok(plan_after(caller, id, "achieve-arrangement", result).await)
}
