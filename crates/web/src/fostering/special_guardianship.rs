//! The household page's special guardianship part for an order holder's
//! role (WF-SG): the order and its child, whether the three-year support
//! window is open (SG-001), the support plan with the SGO panel's review
//! (SG-004, SG-005) and the support offered; a form for each, posted to
//! `/households/{id}/special-guardianship`.

use app::households::HouseholdView;
use axum::extract::Path;
use chrono::NaiveDate;
use domain::fostering::special_guardianship::{
    NEWS_CHANNELS, SUPPORT_ORDERS, SgEntry, SgRecord, SgService,
};
use domain::households::lifecycle::{HouseholdRole, RoleKind};

use super::kinship::{entry_form, finish};
use crate::handler::{Caller, Fields, Page};
use crate::ui::{Part, field, form_date, long_date, parse_pence, part, pounds, select};

fn order_holder(view: &HouseholdView) -> Option<&HouseholdRole> {
    view.household.value.roles.iter().find(|r| {
        r.is_open()
            && matches!(
                r.kind,
                RoleKind::SpecialGuardian | RoleKind::ChildArrangementsOrderHolder
            )
    })
}

fn rows(sg: &SgRecord, today: NaiveDate) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    if let Some(order) = sg.order {
        rows.push((
            "Order".into(),
            format!("For {} made {}", sg.child, long_date(order)),
        ));
        let window = if sg.in_support_window(today) {
            "Open"
        } else {
            "Ended"
        };
        rows.push(("Three-year support window".into(), window.into()));
    }
    match &sg.plan {
        Some(p) => rows.push((
            "Support plan".into(),
            format!(
                "Agreed {} (SGO panel {}): needs: {}; future issues: {}",
                long_date(p.agreed),
                long_date(p.panel_reviewed),
                p.needs,
                p.future_plan
            ),
        )),
        None if sg.order.is_some() => rows.push(("Support plan".into(), "Not yet recorded".into())),
        None => {}
    }
    if let Some(n) = &sg.news {
        let how = NEWS_CHANNELS
            .iter()
            .find(|(c, _)| *c == n.channel)
            .map_or("", |(_, l)| l);
        rows.push((
            "Special Guardianship Orders News".into(),
            format!("From {} ({how})", long_date(n.on)),
        ));
    }
    for f in &sg.financial {
        let order = SUPPORT_ORDERS
            .iter()
            .find(|(c, _)| *c == f.order_type)
            .map_or("", |(_, l)| l);
        rows.push((
            format!("Financial support from {}", long_date(f.on)),
            format!(
                "{} a week under the {order}, means-tested {} (KIN-016)",
                pounds(f.weekly_pence.max(0) as u64),
                long_date(f.means_tested)
            ),
        ));
    }
    for o in &sg.offers {
        let services: Vec<&str> = o.services.iter().map(|s| s.label()).collect();
        rows.push((
            format!("Support offered {}", long_date(o.on)),
            services.join(", "),
        ));
    }
    rows
}

/// The special guardianship part of a household's page, when it holds an
/// order holder's role.
pub(crate) fn special_guardianship_part(
    caller: &Caller,
    view: &HouseholdView,
    works: bool,
) -> Option<Part> {
    let role = order_holder(view)?;
    let sg = role.special_guardianship.clone().unwrap_or_default();
    let mut p = part("special-guardianship", "Special guardianship support");
    p.rows = rows(&sg, caller.today());
    if p.rows.is_empty() {
        p.paragraphs.push("The order is not recorded yet.".into());
    }
    p.rules = vec![
        (
            "SG-004".into(),
            "No closure without the support plan".into(),
        ),
        (
            "SG-005".into(),
            "The SGO panel reviews the plan first".into(),
        ),
    ];
    let may = |step: &str| works && role.moves(caller.user()).iter().any(|t| t.name == step);
    let today = form_date(Some(caller.today()));
    let date = |label: &str| field("date", label, "date", today.clone());
    let to = (view, role, "special-guardianship");
    if may("record_order") && sg.order.is_none() {
        p.forms.push(entry_form(
            to,
            ("sg-order", "order", "Record the order"),
            vec![
                field(
                    "child",
                    "Child the order names (their identifier)",
                    "text",
                    "",
                ),
                date("Date of the order"),
            ],
        ));
    }
    if may("support_plan") && sg.order.is_some() {
        p.forms.push(entry_form(
            to,
            ("sg-plan", "plan", "Record the support plan"),
            vec![
                date("Date agreed"),
                field("panel", "Date the SGO panel reviewed it", "date", ""),
                field(
                    "needs",
                    "The child's and the carers' future needs",
                    "textarea",
                    "",
                ),
                field(
                    "future_plan",
                    "How future issues will be addressed",
                    "textarea",
                    "",
                ),
            ],
        ));
    }
    if may("sign_up_news") && sg.news.is_none() {
        p.forms.push(entry_form(
            to,
            (
                "sg-news",
                "news",
                "Sign up to Special Guardianship Orders News",
            ),
            vec![
                date("Date the carer asked"),
                select(
                    "channel",
                    "How the carer asked",
                    "email_request",
                    NEWS_CHANNELS
                        .iter()
                        .map(|(c, l)| ((*c).to_owned(), (*l).to_owned()))
                        .collect(),
                ),
            ],
        ));
    }
    if may("financial_support") && sg.order.is_some() {
        p.forms.push(entry_form(
            to,
            (
                "sg-money",
                "financial",
                "Record means-tested financial support",
            ),
            vec![
                date("Date agreed"),
                select(
                    "order_type",
                    "Order it is paid under",
                    if role.kind == RoleKind::SpecialGuardian {
                        "sgo"
                    } else {
                        "cao"
                    },
                    SUPPORT_ORDERS
                        .iter()
                        .map(|(c, l)| ((*c).to_owned(), (*l).to_owned()))
                        .collect(),
                ),
                field("means_tested", "Date of the means test", "date", ""),
                field("weekly", "Weekly amount, in pounds", "text", ""),
            ],
        ));
    }
    if may("offer_support") {
        let mut fields = vec![date("Date offered")];
        fields.extend(
            SgService::ALL
                .iter()
                .map(|s| field(s.code(), s.label(), "checkbox", "")),
        );
        p.forms.push(entry_form(
            to,
            ("sg-offer", "offer", "Record the support offered"),
            fields,
        ));
    }
    Some(p)
}

fn entry_of(fields: &Fields, date: NaiveDate) -> Result<SgEntry, app::AppError> {
    Ok(match fields.get("entry").as_str() {
        "order" => SgEntry::Order {
            child: fields.get("child"),
            on: date,
        },
        "plan" => SgEntry::SupportPlan {
            on: date,
            panel_reviewed: fields.date("panel").map_err(app::AppError::Invalid)?,
            needs: fields.get("needs"),
            future_plan: fields.get("future_plan"),
        },
        "news" => SgEntry::NewsSignUp {
            on: date,
            channel: fields.get("channel"),
        },
        "financial" => SgEntry::FinancialSupport {
            on: date,
            order_type: fields.get("order_type"),
            means_tested: fields
                .date("means_tested")
                .map_err(app::AppError::Invalid)?,
            weekly_pence: match fields.get("weekly").trim() {
                "" => None,
                w => Some(parse_pence(w).ok_or_else(|| {
                    app::AppError::Invalid(
                        "enter the weekly amount in pounds, for example 145.50 (KIN-016)".into(),
                    )
                })? as i64),
            },
        },
        "offer" => SgEntry::Offer {
            on: date,
            services: SgService::ALL
                .into_iter()
                .filter(|s| fields.ticked(s.code()))
                .collect(),
        },
        _ => return Err(app::AppError::Invalid("choose what to record".into())),
    })
}

fn error_field(entry: &str) -> &'static str {
    match entry {
        "order" => "sg-order-child",
        "plan" => "sg-plan-panel",
        "offer" => "sg-offer-date",
        "news" => "sg-news-channel",
        "financial" => "sg-money-means_tested",
        _ => "special-guardianship",
    }
}

/// Records a special guardianship form's entry, then shows the household.
pub(crate) async fn special_guardianship_post(
    caller: Caller,
    Path(id): Path<String>,
    fields: Fields,
) -> Page {
    let anchor = error_field(&fields.get("entry"));
    let entry = match fields.date("date") {
        Ok(date) => entry_of(&fields, date.unwrap_or(caller.today())),
        Err(m) => Err(app::AppError::Invalid(m)),
    };
    let (hid, version, role) = (id.clone(), fields.version(), fields.get("role"));
    let result = match entry {
        Ok(entry) => {
            caller
                .run(move |c| {
                    app::fostering::special_guardianship::record_sg_entry(
                        &c.store,
                        c.user(),
                        c.clock(),
                        (&hid, version),
                        (&role, entry),
                        &c.from,
                    )
                })
                .await
        }
        Err(e) => Err(e),
    };
    finish(&caller, &id, result, anchor).await
}
