//! A family's SGO or CAO allowances (`/households/{id}/allowance`,
//! WF-SGO-CAO-ALLOWANCE, PAY-014 … PAY-016): each award with its means
//! tests, stage and annual review, and the forms that move it on; each
//! agreed period is a credit of the child's allowances account on the
//! ledger.

use app::passport::allowances::AllowanceAction;
use app::passport::support::SupportView;
use axum::extract::Path;
use domain::access::Permission;
use domain::passport::allowances::{MeansTest, OrderAllowanceBasis};
use domain::passport::order_allowance::{AllowanceStage, OrderAllowance};

use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Chrome, FieldError, FieldSpec, FormSpec, Part, RecordPage, button_form, cell, field, long_date,
    opt_date, parse_pence, part, pounds, select,
};

/// Each form and the field its errors point to.
const FORMS: &[(&str, &str)] = &[
    ("request", "request-child"),
    ("means_test", "means_test-allowance"),
    ("agree", "agree-allowance"),
    ("not_agreed", "not_agreed-allowance"),
    ("review", "review-allowance"),
    ("end", "end-allowance"),
];

/// The allowance page of household `id`.
pub(crate) async fn allowance_page(caller: Caller, Path(id): Path<String>) -> Page {
    show(&caller, &id, Vec::new()).await
}

async fn show(caller: &Caller, id: &str, errors: Vec<FieldError>) -> Page {
    let hid = id.to_owned();
    let view = caller
        .page(move |c| {
            app::passport::support::open_support(&c.store, (c.user(), c.clock(), &c.from), &hid)
        })
        .await?;
    let mut p = awards_part(&view, caller.today());
    if view.family.is_none() {
        p.paragraphs.push(
            "Record the family's order or care arrangement on the passport's details first.".into(),
        );
    } else if caller.user().may(Permission::WorkOnSupport) {
        p.forms = forms(&view);
    }
    let name = view.household.value.name.clone();
    Ok(RecordPage {
        back: Some((
            format!("/households/{id}/support"),
            "Back to the family's support".into(),
        )),
        caption: Some(id.to_owned()),
        errors,
        sections: vec![p],
        ..RecordPage::new(Chrome::new(
            format!("SGO and CAO allowance: {name}"),
            Some(&caller.signed),
            "/households",
        ))
    }
    .respond())
}

fn awards_part(view: &SupportView, today: chrono::NaiveDate) -> Part {
    let mut p = part("allowances", "Allowances");
    p.paragraphs.push(
        "A special guardianship or child arrangements order allowance is means tested, agreed by an authorised manager and reviewed every year with a fresh means test.".into(),
    );
    p.table_headers = [
        "No.",
        "Child",
        "Basis",
        "Status",
        "Weekly",
        "Started",
        "Next review",
        "Means tests",
    ]
    .map(String::from)
    .to_vec();
    p.table_rows = view
        .record
        .allowances
        .iter()
        .map(|a| {
            vec![
                cell(a.number.to_string()),
                cell(child_name(view, a)),
                cell(a.basis.label()),
                cell(a.status(today)),
                cell(a.weekly_allowance_pence.map(pounds).unwrap_or_default()),
                cell(opt_date(a.started)),
                cell(opt_date(a.next_review)),
                cell(
                    a.means_tests
                        .iter()
                        .map(|t| {
                            format!(
                                "{}: income {}, outgoings {}, allowance {} a week",
                                long_date(t.completed),
                                pounds(t.weekly_income_pence),
                                pounds(t.weekly_outgoings_pence),
                                pounds(t.weekly_allowance_pence)
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            ]
        })
        .collect();
    p.items = view
        .record
        .allowances
        .iter()
        .filter_map(|a| {
            a.reasons
                .as_ref()
                .map(|r| format!("Allowance {}: {r}", a.number))
        })
        .collect();
    if view.record.allowances.is_empty() {
        p.paragraphs.push("No allowance asked for yet.".into());
    }
    p
}

fn child_name(view: &SupportView, a: &OrderAllowance) -> String {
    view.family
        .as_ref()
        .and_then(|f| {
            f.children
                .iter()
                .find(|c| c.child_id == a.child_id.as_str())
        })
        .map_or_else(
            || a.child_id.to_string(),
            |c| format!("{} ({})", c.name, c.child_id),
        )
}

fn form(view: &SupportView, name: &str, legend: &str, fields: Vec<FieldSpec>) -> FormSpec {
    let id = &view.household.value.id;
    let button = match name {
        "request" => "Ask for the means test",
        "means_test" => "Record the means test",
        "agree" => "Agree the allowance",
        "not_agreed" => "Record the decision",
        "review" => "Record the review",
        _ => "End the allowance",
    };
    let mut f = button_form(
        name,
        &format!("/households/{id}/allowance"),
        button,
        vec![
            ("form", name.to_owned()),
            ("version", view.version.to_string()),
        ],
    );
    f.legend = Some(legend.into());
    f.fields = fields;
    f
}

/// The awards at `stages`, to choose from.
fn awards(view: &SupportView, stages: &[AllowanceStage]) -> FieldSpec {
    let mut o = vec![(String::new(), "Choose".to_owned())];
    o.extend(
        view.record
            .allowances
            .iter()
            .filter(|a| stages.contains(&a.stage))
            .map(|a| (a.number.to_string(), format!("Allowance {}", a.number))),
    );
    select("allowance", "Allowance", "", o)
}

fn means_fields() -> Vec<FieldSpec> {
    vec![
        field("completed", "Means test completed on", "date", ""),
        field("income", "Weekly income (£)", "text", ""),
        field("outgoings", "Weekly outgoings (£)", "text", ""),
        field(
            "weekly",
            "Weekly allowance the guidance gives (£)",
            "text",
            "",
        ),
    ]
}

fn forms(view: &SupportView) -> Vec<FormSpec> {
    use AllowanceStage::*;
    let mut children = vec![(String::new(), "Choose".to_owned())];
    // The family's only child, and the basis its order gives (PAY-014: the
    // council was not a party; PAY-015: the child was in its care), are
    // chosen already.
    let (mut child, mut basis) = (String::new(), "");
    if let Some(f) = &view.family {
        children.extend(
            f.children
                .iter()
                .map(|c| (c.child_id.clone(), format!("{} ({})", c.name, c.child_id))),
        );
        if let [only] = f.children.as_slice() {
            child = only.child_id.clone();
        }
        basis = if f.council_was_party {
            OrderAllowanceBasis::ChildInCare.code()
        } else {
            OrderAllowanceBasis::PrivateProceedings.code()
        };
    }
    let mut bases = vec![(String::new(), "Choose".to_owned())];
    bases.extend(
        OrderAllowanceBasis::ALL
            .iter()
            .map(|b| (b.code().to_owned(), b.label().to_owned())),
    );
    let mut means = vec![awards(view, &[MeansTestPending])];
    means.extend(means_fields());
    let mut review = vec![awards(view, &[Active])];
    review.extend(means_fields());
    review.push(field("weeks", "Further weeks agreed", "text", "52"));
    vec![
        form(
            view,
            "request",
            "Ask for a means test",
            vec![
                select("child", "Child", &child, children),
                select("basis", "Basis", basis, bases),
                field("on", "Asked for on (blank: today)", "date", ""),
            ],
        ),
        form(view, "means_test", "The means test", means),
        form(
            view,
            "agree",
            "Agree the allowance (authorised manager)",
            vec![
                awards(view, &[DecisionPending]),
                field("weeks", "Weeks agreed", "text", "52"),
            ],
        ),
        form(
            view,
            "not_agreed",
            "Do not agree the allowance (authorised manager)",
            vec![
                awards(view, &[DecisionPending]),
                field("reasons", "Reasons for the decision notice", "textarea", ""),
            ],
        ),
        form(
            view,
            "review",
            "Annual review with a fresh means test",
            review,
        ),
        form(
            view,
            "end",
            "End the allowance",
            vec![
                awards(view, &[Active]),
                field("on", "Ends on", "date", ""),
                field("reason", "Why it ends", "text", ""),
            ],
        ),
    ]
}

/// Records what the posted form asks, then shows the page again.
pub(crate) async fn allowance_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let posted = super::household_forms::post_household_form(
        &caller,
        (&id, "allowance"),
        &fields,
        FORMS,
        action_of,
        app::passport::allowances::act_on_allowance,
    )
    .await?;
    match posted {
        Ok(redirect) => Ok(redirect),
        Err(errors) => show(&caller, &id, errors).await,
    }
}

fn number(f: &Fields) -> Result<u32, String> {
    f.get("allowance")
        .parse()
        .map_err(|_| "Allowance: choose the allowance".to_owned())
}

fn date(f: &Fields, name: &str, label: &str) -> Result<chrono::NaiveDate, String> {
    f.date(name)
        .map_err(|e| format!("{label}: {e}"))?
        .ok_or_else(|| format!("{label}: enter the date"))
}

fn amount(f: &Fields, name: &str, label: &str) -> Result<u64, String> {
    parse_pence(&f.get(name))
        .ok_or_else(|| format!("{label}: enter the amount in pounds, for example 120.00"))
}

fn weeks(f: &Fields) -> Result<u64, String> {
    f.get("weeks")
        .trim()
        .parse()
        .map_err(|_| "Weeks: enter a number of weeks, 1 to 52".to_owned())
}

fn means_test(f: &Fields) -> Result<MeansTest, String> {
    Ok(MeansTest {
        completed: date(f, "completed", "Completed")?,
        weekly_income_pence: amount(f, "income", "Income")?,
        weekly_outgoings_pence: amount(f, "outgoings", "Outgoings")?,
        weekly_allowance_pence: amount(f, "weekly", "Weekly allowance")?,
    })
}

/// What a posted form asks the use case to do, or what is wrong with it.
fn action_of(form: &str, f: &Fields, today: chrono::NaiveDate) -> Result<AllowanceAction, String> {
    Ok(match form {
        "request" => AllowanceAction::Request {
            child: Some(f.get("child"))
                .filter(|c| !c.is_empty())
                .ok_or("Child: choose the child")?,
            basis: OrderAllowanceBasis::parse(&f.get("basis"))
                .ok_or("Basis: choose why the council would pay it")?,
            on: f
                .date("on")
                .map_err(|e| format!("Asked for on: {e}"))?
                .unwrap_or(today),
        },
        "means_test" => AllowanceAction::MeansTested {
            allowance: number(f)?,
            test: means_test(f)?,
        },
        "agree" => AllowanceAction::Agree {
            allowance: number(f)?,
            weeks: weeks(f)?,
        },
        "not_agreed" => AllowanceAction::NotAgreed {
            allowance: number(f)?,
            reasons: f.get("reasons"),
        },
        "review" => AllowanceAction::Review {
            allowance: number(f)?,
            test: means_test(f)?,
            weeks: weeks(f)?,
        },
        _ => AllowanceAction::End {
            allowance: number(f)?,
            on: date(f, "on", "Ends on")?,
            reason: f.get("reason"),
        },
    })
}
