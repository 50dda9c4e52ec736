//! An adoption plan's timescales on the plan page (PATH-023): the stages
//! with their due dates, and the form giving the day adoption was agreed
//! and the date of every stage after the best interest decision.

use app::permanence::PlanView;
use domain::access::Permission;
use domain::child::ChildId;
use domain::permanence::pathways::AdoptionStage;
use domain::permanence::plan::Pathway;

use super::plan_after;
use crate::handler::{Caller, Fields, Page};
use crate::ui::{FieldError, FieldSpec, Part, button_form, date_text, field, part};

/// The stages the worker dates, with their form field.
const DATED: [(AdoptionStage, &str); 4] = [
    (AdoptionStage::FamilyFinding, "family_finding"),
    (AdoptionStage::Match, "match"),
    (AdoptionStage::Placement, "placement"),
    (AdoptionStage::AdoptionOrderApplication, "order_application"),
];

/// The plan page's part on an adoption plan's timescales.
pub(crate) fn adoption_timescales_part(caller: &Caller, id: &str, view: &PlanView) -> Option<Part> {
    let plan = &view.plan.value.document;
    if plan.pathway != Some(Pathway::Adoption) {
        return None;
    }
    let mut p = part("adoption-timescales", "Adoption plan timescales");
    for s in &plan.adoption_stages {
        p.rows.push((s.stage.label().into(), date_text(s.due)));
    }
    if plan.adoption_stages.is_empty() {
        p.paragraphs.push("Every stage of the adoption plan needs a due date. The best interest decision is due two months after adoption is agreed as the plan.".into());
    }
    if caller.user().may(Permission::WorkOnPlans) && plan.superseded_on.is_none() {
        let mut f = button_form(
            "adoption",
            &format!("/children/{id}/plan"),
            "Save the adoption timescales",
            vec![
                ("version", view.plan.version.to_string()),
                ("action", "adoption_timescales".into()),
            ],
        );
        f.fields.push(FieldSpec {
            hint: Some("For example, 30/6/2025.".into()),
            ..field("agreed", "Date adoption was agreed as the plan", "date", "")
        });
        for (stage, name) in DATED {
            f.fields
                .push(field(name, &format!("{} due", stage.label()), "date", ""));
        }
        p.forms.push(f);
    }
    Some(p)
}

/// Records the adoption plan's timescales.
pub(crate) async fn adoption_timescales_post(
    caller: &Caller,
    id: &str,
    child: ChildId,
    fields: &Fields,
) -> Page {
    let mut errors = Vec::new();
    let agreed = fields.date("agreed").unwrap_or_else(|message| {
        errors.push(FieldError {
            field: "adoption-agreed",
            message,
        });
        None
    });
    let mut due = Vec::new();
    for (stage, name) in DATED {
        match fields.date(name) {
            Ok(Some(d)) => due.push((stage, d)),
            Ok(None) => {}
            Err(message) => errors.push(FieldError {
                field: "adoption-agreed",
                message,
            }),
        }
    }
    let Some(agreed) = agreed.filter(|_| errors.is_empty()) else {
        if errors.is_empty() {
            errors.push(FieldError {
                field: "adoption-agreed",
                message: "Enter the date adoption was agreed as the plan".into(),
            });
        }
        return Ok(super::show_plan(caller, id, errors, None).await);
    };
    let version = fields.version();
    let result = caller
        .run(move |c| {
            app::permanence::record_adoption_timescales(
                &c.store,
                c.user(),
                c.clock(),
                &child,
                version,
                (agreed, &due),
                &c.from,
            )
        })
        .await
        .map(|_| "The adoption plan's timescales were saved.".to_owned());
    Ok(plan_after(caller, id, "adoption-agreed", result).await)
}
