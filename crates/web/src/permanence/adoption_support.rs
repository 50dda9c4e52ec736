//! Support around an adoption plan, on the plan page: the birth parents'
//! own social worker, from outside the team planning for the child
//! (PATH-025), and the adopters' financial support, the judgement on the
//! child's needs before the means assessment (PATH-027).

use app::permanence::{AdoptionSupportAction, PlanView};
use domain::access::Permission;
use domain::child::ChildId;
use domain::permanence::plan::Pathway;

use super::cases::required_date;
use super::plan_after;
use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    FieldError, FieldSpec, FormSpec, Part, button_form, field, long_date, part, select,
};

fn form(id: &str, view: &PlanView, name: &str, button: &str) -> FormSpec {
    let mut f = button_form(
        name,
        &format!("/children/{id}/plan"),
        button,
        vec![
            ("version", view.plan.version.to_string()),
            ("action", name.into()),
        ],
    );
    f.secondary = true;
    f
}

fn date_field(name: &str, label: &str) -> FieldSpec {
    FieldSpec {
        hint: Some("For example, 20/1/2025.".into()),
        ..field(name, label, "date", "")
    }
}

/// The plan page's part on the support around an adoption plan.
pub(crate) fn adoption_support_part(caller: &Caller, id: &str, view: &PlanView) -> Option<Part> {
    let plan = &view.plan.value.document;
    if plan.pathway != Some(Pathway::Adoption) {
        return None;
    }
    let mut p = part(
        "adoption-support",
        "Support for the birth parents and the adopters",
    );
    match &plan.birth_parent_worker {
        Some(w) => {
            p.rows.push((
                "Birth parents' own social worker".into(),
                format!("{} ({}), offered on {}", caller.name(&w.worker), w.team, long_date(w.offered)),
            ));
            p.rows.push(("The birth parents' response".into(), w.response.clone()));
        }
        None => p.paragraphs.push(
            "The birth parents have not yet been offered their own social worker, from outside the team planning for the child.".into(),
        ),
    }
    let support = plan.adoption_financial_support.as_ref();
    let judgement = support.and_then(|c| c.needs_judgement);
    p.rows.push((
        "Could the adopters meet the child's needs".into(),
        match judgement {
            Some((true, on)) => format!("Yes, judged on {}", long_date(on)),
            Some((false, on)) => format!("No, judged on {}", long_date(on)),
            None => "Not judged yet".into(),
        },
    ));
    p.rows.push((
        "Means assessment of the adopters' finances".into(),
        support
            .and_then(|c| c.means_assessment_started)
            .map_or("Not started".into(), |on| {
                format!("Started on {}", long_date(on))
            }),
    ));
    p.rules = vec![
        (
            "PATH-025".into(),
            "a birth parents' worker independent of the planning team".into(),
        ),
        (
            "PATH-027".into(),
            "the needs judgement before the means assessment".into(),
        ),
    ];
    if !caller.user().may(Permission::WorkOnPlans) || plan.superseded_on.is_some() {
        return Some(p);
    }
    let mut worker = form(
        id,
        view,
        "birth_parent_worker",
        "Allocate the birth parents' worker",
    );
    worker.fields = vec![
        date_field(
            "offered",
            "Date the birth parents were offered their own worker",
        ),
        field("response", "Their response", "textarea", ""),
        FieldSpec {
            hint: Some(
                "Their worker ID, for example W12. They must not be in the child's team.".into(),
            ),
            ..field("worker", "The worker allocated", "text", "")
        },
    ];
    let mut needs = form(id, view, "needs_judgement", "Record the judgement");
    needs.fields = vec![
        select(
            "could_meet",
            "Could the adopters meet the child's needs",
            "yes",
            vec![("yes".into(), "Yes".into()), ("no".into(), "No".into())],
        ),
        date_field("on", "Date of the judgement"),
    ];
    let mut means = form(id, view, "means_assessment", "Start the means assessment");
    means.fields = vec![date_field("on", "Date the means assessment started")];
    p.forms.extend([worker, needs, means]);
    Some(p)
}

/// Records one of the adoption plan's support forms.
pub(crate) async fn adoption_support_post(
    caller: &Caller,
    id: &str,
    child: ChildId,
    fields: &Fields,
) -> Page {
    let mut errors: Vec<FieldError> = Vec::new();
    let (action, field) = match fields.get("action").as_str() {
        "birth_parent_worker" => (
            required_date(
                fields,
                "birth_parent_worker-offered",
                "the date of the offer",
                &mut errors,
            )
            .map(|offered| AdoptionSupportAction::BirthParentWorker {
                offered,
                response: fields.get("response"),
                worker: fields.get("worker"),
            }),
            "birth_parent_worker-worker",
        ),
        "needs_judgement" => (
            required_date(
                fields,
                "needs_judgement-on",
                "the date of the judgement",
                &mut errors,
            )
            .map(|on| AdoptionSupportAction::NeedsJudgement {
                could_meet: fields.get("could_meet") != "no",
                on,
            }),
            "needs_judgement-on",
        ),
        _ => (
            required_date(
                fields,
                "means_assessment-on",
                "the date the means assessment started",
                &mut errors,
            )
            .map(|on| AdoptionSupportAction::MeansAssessment { on }),
            "means_assessment-on",
        ),
    };
    let Some(action) = action.filter(|_| errors.is_empty()) else {
        return Ok(super::show_plan(caller, id, errors, None).await);
    };
    let version = fields.version();
    let result = caller
        .run(move |c| {
            app::permanence::record_adoption_support(
                &c.store,
                c.user(),
                c.clock(),
                &child,
                version,
                action,
                &c.from,
            )
        })
        .await
        .map(|_| "The adoption plan's support was saved.".to_owned());
    Ok(plan_after(caller, id, field, result).await)
}
