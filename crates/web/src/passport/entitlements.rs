//! A family's entitlements for the worker: every item of the offer with
//! eligible or not, why, its dates and the rule that decides it, and the
//! form that records what the records do not hold yet (a child's history,
//! who placed the child, the order's date, where the family lives).

use app::passport::passport::PassportView;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect};
use domain::access::Permission;
use domain::passport::entitlements::FamilyType;
use domain::passport::passport::{ChildHistory, PassportInputs};

use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Chrome, FieldError, Part, RecordPage, button_form, cell, field, form_date, opt_date, part,
    select,
};

/// The entitlements page of household `id`.
pub(crate) async fn details_page(caller: Caller, Path(id): Path<String>) -> Page {
    show(&caller, &id, Vec::new(), None).await
}

async fn show(caller: &Caller, id: &str, errors: Vec<FieldError>, done: Option<String>) -> Page {
    let hid = id.to_owned();
    let view = caller
        .page(move |c| {
            app::passport::passport::open_passport(&c.store, c.user(), c.clock(), &hid, &c.from)
        })
        .await?;
    let name = view.household.value.name.clone();
    let mut sections = vec![family_part(&view), entitlements_part(&view)];
    if caller.user().may(Permission::WorkOnHouseholds) {
        sections.push(inputs_part(&view));
    }
    Ok(RecordPage {
        back: Some((
            format!("/households/{id}/passport"),
            "Back to the passport".into(),
        )),
        caption: Some(id.to_owned()),
        errors,
        success: done,
        sections,
        ..RecordPage::new(Chrome::new(
            format!("Entitlements: {name}"),
            Some(&caller.signed),
            "/households",
        ))
    }
    .respond())
}

fn family_part(view: &PassportView) -> Part {
    let mut p = part("family", "The family");
    match &view.family {
        Some(f) => {
            p.rows = vec![
                ("Family".into(), f.family_type.label().into()),
                (
                    "Offers".into(),
                    f.family_type
                        .offers()
                        .iter()
                        .map(|o| o.label())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                ("Placed".into(), opt_date(f.placed)),
                ("Order made".into(), opt_date(f.order_made)),
                ("Placing authority".into(), f.placing_authority.clone()),
                (
                    "Lives in".into(),
                    f.lives_in.clone().unwrap_or_else(|| "Not known".into()),
                ),
            ];
        }
        None => p.paragraphs.push(
            "The household holds no role the passport covers: choose the family's order or care arrangement below."
                .into(),
        ),
    }
    p
}

fn entitlements_part(view: &PassportView) -> Part {
    let mut p = part("entitlements", "Entitlements today");
    p.table_headers = ["What", "For", "Eligible", "Why", "From", "Until", "Rule"]
        .map(String::from)
        .to_vec();
    let children = view
        .family
        .as_ref()
        .map(|f| f.children.as_slice())
        .unwrap_or_default();
    p.table_rows = view
        .entitlements
        .iter()
        .map(|e| {
            let whom = e
                .child
                .as_ref()
                .and_then(|c| children.iter().find(|k| &k.child_id == c))
                .map_or("The family".to_owned(), |k| k.name.clone());
            vec![
                cell(e.item.title()),
                cell(whom),
                cell(if e.eligible { "Yes" } else { "No" }),
                cell(e.reason.clone()),
                cell(opt_date(e.starts)),
                cell(opt_date(e.ends)),
                cell(e.rule),
            ]
        })
        .collect();
    p
}

fn yes_no(value: Option<bool>) -> String {
    match value {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    }
    .into()
}

fn inputs_part(view: &PassportView) -> Part {
    let i = &view.record.inputs;
    let id = &view.household.value.id;
    let mut f = button_form(
        "inputs",
        &format!("/households/{id}/passport/details"),
        "Save and write the passport again",
        vec![("version", view.version.to_string())],
    );
    f.legend = Some("What the records do not hold".into());
    let mut types = vec![(String::new(), "As the household's role says".to_owned())];
    types.extend(
        FamilyType::ALL
            .iter()
            .map(|t| (t.code().to_owned(), t.label().to_owned())),
    );
    let choice = |name: &str, label: &str, value: Option<bool>, unset: &str| {
        select(
            name,
            label,
            &yes_no(value),
            vec![
                (String::new(), unset.to_owned()),
                ("yes".into(), "Yes".into()),
                ("no".into(), "No".into()),
            ],
        )
    };
    f.fields = vec![
        select(
            "family_type",
            "The family's order or care arrangement",
            i.family_type.map_or("", |t| t.code()),
            types,
        ),
        field(
            "placing_authority",
            "Council that placed the child (leave blank for Leicestershire)",
            "text",
            i.placing_authority.clone().unwrap_or_default(),
        ),
        choice(
            "council_was_party",
            "Was the council a party to the court proceedings?",
            i.council_was_party,
            "Yes (not recorded otherwise)",
        ),
        field(
            "lives_in",
            "Council area where the family lives (blank: judged from the postcode)",
            "text",
            i.lives_in.clone().unwrap_or_default(),
        ),
        field(
            "order_made",
            "Date the order was made",
            "date",
            form_date(i.order_made),
        ),
        field(
            "financial_support_decided",
            "Date financial support was decided (if before the order)",
            "date",
            form_date(i.financial_support_decided),
        ),
    ];
    for child in view.family.iter().flat_map(|f| &f.children) {
        let h = i.history(&child.child_id).cloned().unwrap_or_default();
        let c = &child.child_id;
        f.fields.push(choice(
            &format!("looked_after_{c}"),
            &format!("{}: looked after before the order or adoption?", child.name),
            h.previously_looked_after,
            "As the records say",
        ));
        f.fields.push(field(
            &format!("overseas_{c}"),
            &format!("{}: adopted from overseas", child.name),
            "checkbox",
            if h.adopted_from_overseas { "yes" } else { "" },
        ));
        f.fields.push(field(
            &format!("ehcp_{c}"),
            &format!("{}: has an education, health and care plan", child.name),
            "checkbox",
            if h.ehc_plan { "yes" } else { "" },
        ));
    }
    let mut p = part("inputs", "The family's details");
    p.forms.push(f);
    p
}

fn text(fields: &Fields, name: &str) -> Option<String> {
    Some(fields.get(name)).filter(|v| !v.is_empty())
}

fn choice(fields: &Fields, name: &str) -> Option<bool> {
    match fields.get(name).as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// Records the family's details, then shows the entitlements again.
pub(crate) async fn details_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let (order, decided) = match (
        fields.date("order_made"),
        fields.date("financial_support_decided"),
    ) {
        (Ok(o), Ok(d)) => (o, d),
        (Err(e), _) => {
            let e = app::AppError::Invalid(e);
            return show(
                &caller,
                &id,
                caller.form_errors(&e, "inputs-order_made")?,
                None,
            )
            .await;
        }
        (_, Err(e)) => {
            let e = app::AppError::Invalid(e);
            let errors = caller.form_errors(&e, "inputs-financial_support_decided")?;
            return show(&caller, &id, errors, None).await;
        }
    };
    let children: Vec<ChildHistory> = fields
        .0
        .keys()
        .filter_map(|k| k.strip_prefix("looked_after_"))
        .map(|c| ChildHistory {
            child_id: c.to_owned(),
            previously_looked_after: choice(&fields, &format!("looked_after_{c}")),
            adopted_from_overseas: fields.ticked(&format!("overseas_{c}")),
            ehc_plan: fields.ticked(&format!("ehcp_{c}")),
        })
        .collect();
    let inputs = PassportInputs {
        family_type: FamilyType::parse(&fields.get("family_type")),
        placing_authority: text(&fields, "placing_authority"),
        council_was_party: choice(&fields, "council_was_party"),
        lives_in: text(&fields, "lives_in"),
        order_made: order,
        financial_support_decided: decided,
        children,
    };
    let version = fields.version();
    let hid = id.clone();
    let result = caller
        .run(move |c| {
            app::passport::entitlements::record_passport_inputs(
                &c.store,
                c.user(),
                c.clock(),
                (&hid, version),
                inputs,
                &c.from,
            )
        })
        .await;
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/households/{id}/passport")).into_response()),
        Err(e) => {
            let errors = caller.form_errors(&e, "inputs-family_type")?;
            show(&caller, &id, errors, None).await
        }
    }
}
