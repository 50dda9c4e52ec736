//! The support plan on the plan page (PLAN-010, DATA-008): the linked
//! support plan as recorded, and for those who prepare the plan the form
//! recording a support plan in the Growing Safety format, which links it;
//! the Contact Agreement the same way (PRIN-015, DATA-009).

use app::permanence::{ContactAgreementInput, PlanView, SupportPlanInput};
use domain::child::ChildId;
use domain::permanence::plan::PlanMove;
use domain::permanence::support::{ContactType, Supervision, SupportService};

use super::plan_after;
use crate::handler::{Caller, Fields, Page};
use crate::ui::{FieldSpec, Part, button_form, field, long_date, part, select};

/// The plan page's support plan part: the linked record, or that there is
/// none; and the form recording one for those who may edit the plan.
pub(crate) fn support_part(caller: &Caller, id: &str, view: &PlanView, moves: &[PlanMove]) -> Part {
    let mut p = part("support", "Support plan");
    match view.support.as_ref().map(|v| &v.value.document) {
        Some(s) => {
            p.rows.push(("Reference".into(), s.id.clone()));
            p.rows.push(("Format".into(), s.template.label().into()));
            p.rows.push(("Status".into(), s.status().label().into()));
            p.rows
                .push(("Child's needs now".into(), s.child_needs_now.clone()));
            p.rows
                .push(("Child's future needs".into(), s.child_needs_future.clone()));
            p.rows
                .push(("Carer's or family's needs".into(), s.carer_needs.clone()));
            for sv in &s.services {
                p.rows.push((
                    "Service".into(),
                    format!(
                        "{} by {}, from {}, review by {}",
                        sv.service,
                        sv.provider_agency,
                        long_date(sv.start),
                        long_date(sv.review)
                    ),
                ));
            }
            let agreed =
                |d: Option<chrono::NaiveDate>| d.map_or_else(|| "Not recorded".into(), long_date);
            p.rows.push(("Carer agreed".into(), agreed(s.carer_agreed)));
            p.rows
                .push(("Local authority agreed".into(), agreed(s.la_agreed)));
        }
        None => p.paragraphs.push(
            "No support plan is linked to this plan yet. The plan cannot be ratified without one."
                .into(),
        ),
    }
    if let Some(v) = &view.support
        && caller.user().may(domain::access::Permission::WorkOnPlans)
    {
        let mut f = button_form(
            "change-of-need",
            &format!("/children/{id}/plan"),
            "Record a change of need",
            vec![
                ("version", v.version.to_string()),
                ("action", "change_of_need".into()),
                ("support_plan", v.value.id.clone()),
            ],
        );
        f.secondary = true;
        f.fields.push(FieldSpec {
            hint: Some(
                "When the child's or carer's needs changed. The support plan then needs a review."
                    .into(),
            ),
            ..field("on", "Date the needs changed", "date", "")
        });
        p.forms.push(f);
    }
    if moves.contains(&PlanMove::Edit) {
        p.forms.push(support_form(id, view));
    }
    p
}

/// Records a change of need against the linked support plan (PRIN-008).
pub(crate) async fn change_of_need_post(
    caller: &Caller,
    id: &str,
    child: ChildId,
    fields: &Fields,
) -> Page {
    let on = match fields.date("on") {
        Ok(on) => on.unwrap_or_else(|| caller.today()),
        Err(message) => {
            let result = Err(app::AppError::Invalid(message));
            return Ok(plan_after(caller, id, "change-of-need", result).await);
        }
    };
    let support = fields.get("support_plan");
    let version = fields.version();
    let result = caller
        .run(move |c| {
            app::permanence::record_change_of_need(
                &c.store,
                c.user(),
                c.clock(),
                &child,
                &support,
                version,
                on,
                &c.from,
            )
        })
        .await
        .map(|_| {
            format!(
                "Recorded: needs changed on {}. The support plan needs a review.",
                long_date(on)
            )
        });
    Ok(plan_after(caller, id, "change-of-need", result).await)
}

fn support_form(id: &str, view: &PlanView) -> crate::ui::FormSpec {
    let title = if view.support.is_some() {
        "Record a new support plan"
    } else {
        "Record the support plan"
    };
    let mut f = button_form(
        "support-plan",
        &format!("/children/{id}/plan"),
        title,
        vec![
            ("version", view.plan.version.to_string()),
            ("action", "support_plan".into()),
        ],
    );
    f.secondary = view.support.is_some();
    f.legend = Some("Growing Safety Support Plan and Agreement".into());
    let date_hint = || Some("For example, 27/3/2026".into());
    f.fields.extend([
        field(
            "child_needs_now",
            "What the child needs now",
            "textarea",
            "",
        ),
        field(
            "child_needs_future",
            "What the child will need as they grow up",
            "textarea",
            "",
        ),
        field(
            "carer_needs",
            "What the carer or family needs",
            "textarea",
            "",
        ),
        field("service", "Service", "text", ""),
        field("provider_agency", "Provider agency", "text", ""),
        FieldSpec {
            hint: date_hint(),
            ..field("start", "Service starts", "date", "")
        },
        FieldSpec {
            hint: date_hint(),
            ..field("review", "Service review date", "date", "")
        },
        FieldSpec {
            hint: Some("The plan stays Draft, and cannot be linked, until both agree.".into()),
            ..field("carer_agreed", "Date the carer agreed", "date", "")
        },
        FieldSpec {
            hint: date_hint(),
            ..field("la_agreed", "Date the local authority agreed", "date", "")
        },
    ]);
    f
}

/// Records the support plan from the plan page's form and links it.
pub(crate) async fn support_post(
    caller: &Caller,
    id: &str,
    child: ChildId,
    fields: &Fields,
) -> Page {
    let refuse = |message: String| Err(app::AppError::Invalid(message));
    let mut dates = Vec::new();
    for (name, what) in [
        ("start", "the date the service starts"),
        ("review", "the service's review date"),
        ("carer_agreed", "the date the carer agreed"),
        ("la_agreed", "the date the local authority agreed"),
    ] {
        match fields.date(name) {
            Ok(d) => dates.push(d),
            Err(message) => {
                return Ok(plan_after(caller, id, "support-plan", refuse(message)).await);
            }
        }
        if matches!(name, "start" | "review") && dates.last().copied().flatten().is_none() {
            let result = refuse(format!("Enter {what}"));
            return Ok(plan_after(caller, id, "support-plan", result).await);
        }
    }
    let input = SupportPlanInput {
        child_needs_now: fields.get("child_needs_now"),
        child_needs_future: fields.get("child_needs_future"),
        carer_needs: fields.get("carer_needs"),
        service: SupportService {
            service: fields.get("service"),
            provider_agency: fields.get("provider_agency"),
            start: dates[0].unwrap_or_default(),
            review: dates[1].unwrap_or_default(),
        },
        carer_agreed: dates[2],
        la_agreed: dates[3],
    };
    let version = fields.version();
    let result = caller
        .run(move |c| {
            app::permanence::record_support_plan(
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
        .map(|saved| {
            format!(
                "Support plan {} recorded and linked to the plan.",
                saved.value.id
            )
        });
    Ok(plan_after(caller, id, "support-plan", result).await)
}

const CONTACT_TYPES: [(ContactType, &str, &str); 4] = [
    (ContactType::FaceToFace, "face_to_face", "Face to face"),
    (ContactType::Phone, "phone", "Phone"),
    (ContactType::Letter, "letter", "Letter"),
    (ContactType::Online, "online", "Online"),
];

const SUPERVISION: [(Supervision, &str, &str); 3] = [
    (Supervision::Unsupervised, "unsupervised", "Unsupervised"),
    (Supervision::Supported, "supported", "Supported"),
    (Supervision::Supervised, "supervised", "Supervised"),
];

/// The plan page's Contact Agreement part (PRIN-015, DATA-009): the linked
/// agreement as recorded, and the form recording one for those who may
/// edit the plan.
pub(crate) fn contact_part(id: &str, view: &PlanView, moves: &[PlanMove]) -> Part {
    let mut p = part("contact", "Contact Agreement");
    match &view.contact {
        Some(a) => {
            let kinds: Vec<&str> = CONTACT_TYPES
                .iter()
                .filter(|(t, _, _)| a.contact_types.contains(t))
                .map(|(_, _, label)| *label)
                .collect();
            let supervision = SUPERVISION
                .iter()
                .find(|(s, _, _)| *s == a.supervision)
                .map_or("", |(_, _, label)| *label);
            p.rows.extend([
                ("Reference".into(), a.id.clone()),
                ("Parties".into(), a.parties.join("; ")),
                ("Type of contact".into(), kinds.join(", ")),
                ("Frequency".into(), a.frequency.clone()),
                ("Supervision".into(), supervision.to_owned()),
                ("Venue".into(), a.venue.clone()),
                ("The carer's role".into(), a.carer_role.clone()),
                (
                    "The professionals' role".into(),
                    a.professionals_role.clone(),
                ),
                ("The family's role".into(), a.family_role.clone()),
                ("Review by".into(), long_date(a.review_date)),
            ]);
        }
        None => p
            .paragraphs
            .push("No Contact Agreement is recorded for this plan yet.".into()),
    }
    if moves.contains(&PlanMove::Edit) {
        p.forms.push(contact_form(id, view));
    }
    p
}

fn contact_form(id: &str, view: &PlanView) -> crate::ui::FormSpec {
    let mut f = button_form(
        "contact",
        &format!("/children/{id}/plan"),
        if view.contact.is_some() {
            "Record a new Contact Agreement"
        } else {
            "Record the Contact Agreement"
        },
        vec![
            ("version", view.plan.version.to_string()),
            ("action", "contact_agreement".into()),
        ],
    );
    f.secondary = view.contact.is_some();
    f.fields.push(FieldSpec {
        hint: Some("One on each line".into()),
        ..field("parties", "Who the contact is between", "textarea", "")
    });
    for (_, code, label) in CONTACT_TYPES {
        f.fields
            .push(field(&format!("type_{code}"), label, "checkbox", ""));
    }
    f.fields.extend([
        field("frequency", "How often", "text", ""),
        select(
            "supervision",
            "Supervision",
            "",
            SUPERVISION
                .iter()
                .map(|(_, code, label)| ((*code).to_owned(), (*label).to_owned()))
                .collect(),
        ),
        field("venue", "Where", "text", ""),
        field("carer_role", "The carer's role", "textarea", ""),
        field(
            "professionals_role",
            "The professionals' role",
            "textarea",
            "",
        ),
        field("family_role", "The family's role", "textarea", ""),
        FieldSpec {
            hint: Some("No later than the child's next review. For example, 27/3/2026".into()),
            ..field("review_date", "Review the agreement by", "date", "")
        },
    ]);
    f
}

/// Records the Contact Agreement from the plan page's form and links it.
pub(crate) async fn contact_post(
    caller: &Caller,
    id: &str,
    child: ChildId,
    fields: &Fields,
) -> Page {
    let review_date = match fields.date("review_date") {
        Ok(d) => d,
        Err(message) => {
            let result = Err(app::AppError::Invalid(message));
            return Ok(plan_after(caller, id, "contact-review_date", result).await);
        }
    };
    let supervision = SUPERVISION
        .iter()
        .find(|(_, code, _)| fields.get("supervision") == *code)
        .map(|(s, _, _)| *s);
    let Some(supervision) = supervision else {
        let result = Err(app::AppError::Invalid("Choose the supervision".into()));
        return Ok(plan_after(caller, id, "contact-supervision", result).await);
    };
    let input = ContactAgreementInput {
        parties: fields.get("parties").lines().map(str::to_owned).collect(),
        contact_types: CONTACT_TYPES
            .iter()
            .filter(|(_, code, _)| fields.ticked(&format!("type_{code}")))
            .map(|(t, _, _)| *t)
            .collect(),
        frequency: fields.get("frequency"),
        supervision,
        venue: fields.get("venue"),
        carer_role: fields.get("carer_role"),
        professionals_role: fields.get("professionals_role"),
        family_role: fields.get("family_role"),
        review_date,
    };
    let version = fields.version();
    let result = caller
        .run(move |c| {
            app::permanence::record_contact_agreement(
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
        .map(|saved| {
            format!(
                "Contact Agreement {} recorded and linked to the plan.",
                saved.value.id
            )
        });
    Ok(plan_after(caller, id, "contact", result).await)
}
