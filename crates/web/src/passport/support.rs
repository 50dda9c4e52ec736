//! A family's support page: requests for an assessment of need and what
//! became of them, the support plan, the support worker's visits and calls
//! on the family's schedule, and the rest of the offer; each form posts
//! here with its name (`form`) and the record's version. The forms are in
//! `support_forms.rs`; what each posted form asks the use case to do is
//! [`action_of`].

use app::passport::support::{SupportAction, SupportView};
use axum::extract::Path;
use domain::access::Permission;
use domain::passport::checkins::{self, CallOutcome, ContactKind, NewCheckIn};
use domain::passport::offer::{Booking, BookingKind, CHECKLIST};
use domain::passport::support::{
    Assessment, ChildCopy, Delivery, NewRequest, Requester, Route, Section,
};

use super::support_forms::{FORMS, forms_part};
use super::support_money;
use crate::handler::{Caller, Fields, Page};
use crate::ui::{Chrome, FieldError, Part, RecordPage, cell, long_date, opt_date, part};

/// The support page of household `id`.
pub(crate) async fn support_page(caller: Caller, Path(id): Path<String>) -> Page {
    show(&caller, &id, Vec::new(), None).await
}

async fn show(caller: &Caller, id: &str, errors: Vec<FieldError>, done: Option<String>) -> Page {
    let hid = id.to_owned();
    let view = caller
        .page(move |c| {
            app::passport::support::open_support(&c.store, (c.user(), c.clock(), &c.from), &hid)
        })
        .await?;
    let today = caller.today();
    let mut offer = offer_part(&view);
    offer.links.push((
        format!("/households/{id}/allowance"),
        "SGO and CAO allowance".into(),
    ));
    let mut sections = vec![
        requests_part(&view),
        plan_part(&view, today),
        checkins_part(&view, today),
        offer,
    ];
    if view.family.is_none() {
        sections[0].paragraphs.push(
            "Record the family's order or care arrangement on the passport's details first.".into(),
        );
    } else if caller.user().may(Permission::WorkOnSupport) {
        sections.insert(0, forms_part(&view, "stability"));
        for (i, name) in ["requests", "plan", "checkins", "offer"].iter().enumerate() {
            let p = forms_part(&view, name);
            sections[i + 1].forms = p.forms;
        }
        sections.extend(support_money::money_part(&view, caller));
    }
    let name = view.household.value.name.clone();
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
            format!("Support: {name}"),
            Some(&caller.signed),
            "/households",
        ))
    }
    .respond())
}

fn requests_part(view: &SupportView) -> Part {
    let mut p = part("requests", "Assessments of need");
    p.table_headers = [
        "No.",
        "Received",
        "Who asked",
        "Responsible",
        "Route",
        "Where",
        "Outcome",
    ]
    .map(String::from)
    .to_vec();
    p.table_rows = view
        .record
        .requests
        .iter()
        .map(|r| {
            let outcome = [
                r.advice.clone(),
                r.assessment
                    .as_ref()
                    .map(|a| format!("Assessed: {}", a.needs)),
                r.provision.as_ref().map(|d| d.notice.clone()),
                r.asf.as_ref().map(|a| {
                    format!(
                        "Adoption Support Fund application ({}), processed by the {}",
                        a.intervention, a.processed_by
                    )
                }),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
            vec![
                cell(r.number.to_string()),
                cell(long_date(r.received)),
                cell(r.requester.label()),
                cell(format!("{} ({})", r.responsible, r.rule)),
                cell(&r.routed_to),
                cell(r.stage.label()),
                cell(outcome),
            ]
        })
        .collect();
    if view.record.requests.is_empty() {
        p.paragraphs
            .push("No request yet: the family can ask at any time, as often as they need.".into());
    }
    p
}

fn plan_part(view: &SupportView, today: chrono::NaiveDate) -> Part {
    let mut p = part("plan", "Support plan");
    match view.record.plans.last() {
        Some(plan) => {
            p.rows = vec![
                ("Plan".into(), plan.number.to_string()),
                ("Status".into(), plan.status(today).into()),
                (
                    "Emotional wellbeing".into(),
                    plan.emotional_wellbeing.text(),
                ),
                ("Education".into(), plan.education.text()),
                ("Other support".into(), plan.other.clone()),
                ("Sent to the family".into(), opt_date(plan.sent)),
                ("Response due by".into(), opt_date(plan.response_due())),
                (
                    "Reviews due".into(),
                    plan.open_reviews().count().to_string(),
                ),
            ];
            p.items = plan
                .reviews
                .iter()
                .map(|r| {
                    format!(
                        "Review ({}): {}, due {}{}",
                        r.rule,
                        r.reason,
                        long_date(r.due),
                        r.held
                            .map(|h| format!(", held {}", long_date(h)))
                            .unwrap_or_default()
                    )
                })
                .collect();
        }
        None => p.paragraphs.push("No support plan yet.".into()),
    }
    p
}

fn checkins_part(view: &SupportView, today: chrono::NaiveDate) -> Part {
    let mut p = part("checkins", "Visits and calls");
    let Some(family) = &view.family else {
        return p;
    };
    let done = &view.record.check_ins;
    p.table_headers = ["Contact", "Due", "Status", "Rule"]
        .map(String::from)
        .to_vec();
    p.table_rows = checkins::standing(family, done, today)
        .into_iter()
        .map(|(d, status)| {
            vec![
                cell(d.title),
                cell(long_date(d.due)),
                cell(status),
                cell(d.rule),
            ]
        })
        .collect();
    if p.table_rows.is_empty() {
        p.paragraphs.push(
            "The family has no support worker schedule: the council was not a party to the order, or the family is not an adoptive, special guardianship or child arrangements order family.".into(),
        );
    } else if checkins::schedule_complete(family, done) {
        p.paragraphs.push(
            "The check-in schedule is complete. The family can still ask for an assessment of need at any time, and keeps newsletters, events and training.".into(),
        );
    }
    p.items = done
        .iter()
        .map(|c| {
            format!(
                "{} on {} by {}: {}{}",
                c.kind.label(),
                long_date(c.made),
                c.worker,
                if c.needs.is_empty() {
                    "no needs raised".to_owned()
                } else {
                    format!("needs raised, action: {}", c.action)
                },
                if c.plan_appropriate {
                    ""
                } else {
                    "; plan no longer appropriate"
                }
            )
        })
        .collect();
    p
}

fn offer_part(view: &SupportView) -> Part {
    let o = &view.record.offer;
    let mut p = part("offer", "The rest of the offer");
    p.table_headers = ["Booked", "What", "On"].map(String::from).to_vec();
    p.table_rows = o
        .bookings
        .iter()
        .map(|b| vec![cell(b.kind.label()), cell(&b.what), cell(long_date(b.on))])
        .collect();
    p.rows = vec![
        (
            "Disruption checklist".into(),
            format!("{} of {} confirmed", o.checklist.len(), CHECKLIST.len()),
        ),
        (
            "Permanence confirmed".into(),
            opt_date(o.permanence_confirmed),
        ),
    ];
    p.rows.extend(o.dpst.iter().map(|r| {
        (
            "Dedicated Placement Support Team".into(),
            format!(
                "Referred {}: {}",
                long_date(r.referred),
                match r.stage {
                    domain::passport::offer::DpstStage::AwaitingAuthorisation =>
                        "awaiting Head of Service authorisation",
                    domain::passport::offer::DpstStage::Authorised => "authorised",
                }
            ),
        )
    }));
    p.rows.extend(view.record.benefits.iter().map(|b| {
        (
            format!("Benefits declared {}", long_date(b.on)),
            match (&b.conflict, b.claimed) {
                (Some(conflict), _) => conflict.clone(),
                (None, true) => "Child benefit or tax credits claimed".into(),
                (None, false) => "No child benefit or tax credits claimed".into(),
            },
        )
    }));
    p.rows.extend(o.concerns.iter().map(|c| {
        (
            format!("Concern raised {}", long_date(c.raised)),
            c.outcome.clone().unwrap_or_else(|| "Open".into()),
        )
    }));
    p
}

/// Records what the posted form asks, then shows the page again.
pub(crate) async fn support_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let form = fields.get("form");
    if support_money::MONEY_FORMS.contains(&form.as_str()) {
        return money_post(&caller, &id, &form, &fields).await;
    }
    let posted = super::household_forms::post_household_form(
        &caller,
        (&id, "support"),
        &fields,
        FORMS,
        action_of,
        app::passport::support::act_on_support,
    )
    .await?;
    match posted {
        Ok(redirect) => Ok(redirect),
        Err(errors) => show(&caller, &id, errors, None).await,
    }
}

/// A money form of the page: the therapeutic fund or an Adoption Support
/// Fund award, recorded in the ledger.
async fn money_post(caller: &Caller, id: &str, form: &str, fields: &Fields) -> Page {
    let hid = id.to_owned();
    let view = caller
        .page(move |c| {
            app::passport::support::open_support(&c.store, (c.user(), c.clock(), &c.from), &hid)
        })
        .await?;
    match support_money::post(caller, support_money::offer(&view), form, fields).await {
        Ok(done) => show(caller, id, Vec::new(), Some(done)).await,
        Err(e) => {
            let field = support_money::error_field(form, &e.to_string());
            let errors = caller.form_errors(&e, field)?;
            show(caller, id, errors, None).await
        }
    }
}

fn date(fields: &Fields, name: &str, label: &str) -> Result<chrono::NaiveDate, String> {
    fields
        .date(name)
        .map_err(|e| format!("{label}: {e}"))?
        .ok_or_else(|| format!("{label}: enter the date"))
}

fn number(fields: &Fields) -> Result<u32, String> {
    fields
        .get("request")
        .parse()
        .map_err(|_| "Request: choose the request".to_owned())
}

fn yes_no(fields: &Fields, name: &str) -> Option<bool> {
    match fields.get(name).as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// What a posted form asks the use case to do, or what is wrong with it.
fn action_of(form: &str, f: &Fields, today: chrono::NaiveDate) -> Result<SupportAction, String> {
    let text = |n: &str| f.get(n);
    let on = |n: &str, label: &str| date(f, n, label);
    Ok(match form {
        "request" => SupportAction::Request(NewRequest {
            received: on("received", "Received")?,
            requester: Requester::parse(&text("requester"))
                .ok_or("Who asked: choose who asked for the assessment")?,
            relationship: text("relationship"),
            route: Route::parse(&text("route")).ok_or("Route: choose how the request came")?,
            consent_on: f
                .date("consent_on")
                .map_err(|e| format!("Consent on: {e}"))?,
        }),
        "first_response" => SupportAction::FirstResponse {
            request: number(f)?,
            advice: Some(text("advice")).filter(|a| !a.is_empty()),
        },
        "allocate" => SupportAction::Allocate {
            request: number(f)?,
            worker: text("worker"),
        },
        "signpost" => SupportAction::Signpost {
            request: number(f)?,
            advice: text("advice"),
        },
        "complete" => SupportAction::Complete {
            request: number(f)?,
            assessment: Assessment {
                completed: on("completed", "Completed")?,
                needs: text("needs"),
                outcome_told: on("outcome_told", "Outcome told")?,
                report_to_parents: on("report_to_parents", "Report to parents")?,
                child_copy: match f
                    .date("child_copy_on")
                    .map_err(|e| format!("Child copy: {e}"))?
                {
                    Some(d) => ChildCopy::Sent(d),
                    None => ChildCopy::NotAppropriate(text("child_copy_reason")),
                },
            },
        },
        "decide" => SupportAction::Decide {
            request: number(f)?,
            provide: yes_no(f, "provide")
                .ok_or("Provide: say whether the council will provide it")?,
            reasons: text("reasons"),
            delivery: match text("delivery").as_str() {
                "direct" => Some(Delivery::Direct),
                "commissioned" => Some(Delivery::Commissioned {
                    provider: text("provider"),
                    contract: Some(text("contract")).filter(|c| !c.is_empty()),
                }),
                _ => None,
            },
        },
        "asf" => SupportAction::ApplyToAsf {
            request: number(f)?,
            intervention: text("intervention"),
        },
        "plan" => SupportAction::ProposePlan {
            wellbeing: Section::from_form(&text("wellbeing"), &text("wellbeing_none")),
            education: Section::from_form(&text("education"), &text("education_none")),
            other: text("other"),
        },
        "approve" => SupportAction::ApprovePlan {
            sent: f
                .date("sent")
                .map_err(|e| format!("Sent: {e}"))?
                .unwrap_or(today),
        },
        "respond" => SupportAction::RespondToPlan {
            on: on("on", "Date")?,
            response: text("response"),
        },
        "change" => SupportAction::ChangeNotified {
            on: on("on", "Date")?,
            what: text("what"),
        },
        "reviewed" => SupportAction::ReviewHeld {
            on: on("on", "Date")?,
        },
        "check_in" => SupportAction::CheckIn(check_in(f)?),
        "book" => SupportAction::Book(Booking {
            kind: BookingKind::parse(&text("kind")).ok_or("Kind: choose what to book")?,
            what: text("what"),
            on: on("on", "Date")?,
            child: Some(text("child")).filter(|c| !c.is_empty()),
            booked_by: String::new(),
        }),
        "checklist" => SupportAction::Checklist {
            items: (0..CHECKLIST.len())
                .filter(|i| f.ticked(&format!("item_{i}")))
                .collect(),
            permanence_on: f
                .date("permanence_on")
                .map_err(|e| format!("Permanence confirmed on: {e}"))?,
        },
        "dpst" => SupportAction::ReferToDpst {
            criteria: text("criteria"),
        },
        "authorise" => SupportAction::AuthoriseDpst,
        "concern" => SupportAction::RaiseConcern {
            about: text("about"),
        },
        "resolve" => SupportAction::ResolveConcern,
        "benefits" => SupportAction::DeclareBenefits {
            child: Some(text("child"))
                .filter(|c| !c.is_empty())
                .ok_or("Child: choose the child")?,
            claimed: yes_no(f, "claimed")
                .ok_or("Claimed: say whether the carer claims child benefit or tax credits")?,
            on: on("on", "Declared on")?,
        },
        _ => SupportAction::EscalateConcern {
            information: text("information"),
            advocacy: yes_no(f, "advocacy"),
            complainant: text("complainant"),
        },
    })
}

fn check_in(f: &Fields) -> Result<NewCheckIn, String> {
    let attempts: u32 = f.get("attempts").parse().unwrap_or(0);
    Ok(NewCheckIn {
        kind: if f.get("kind") == "visit" {
            ContactKind::Visit
        } else {
            ContactKind::Call
        },
        made: date(f, "made", "Made on")?,
        outcome: if f.get("outcome") == "no_contact" {
            CallOutcome::NoContact { attempts }
        } else {
            CallOutcome::Completed
        },
        topics: f.get("topics"),
        needs: f.get("needs"),
        action: f.get("action"),
        plan_appropriate: f.get("plan_appropriate") != "no",
        next_contact: f
            .date("next_contact")
            .map_err(|e| format!("Next contact: {e}"))?,
        series_complete: f.ticked("series_complete"),
        assessment_requested: f.ticked("assessment_requested"),
    })
}
