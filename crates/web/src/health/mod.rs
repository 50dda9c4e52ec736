//! The health pages (the same names as `domain::health` and `app::health`):
//! a child's health page, the health team's view: the health assessments
//! the casework form recorded (with the SDQ, dental checks and
//! immunisations), the referrals to support services with their outcomes,
//! and the forms that make, verify and pay them.

use app::health::{HealthChange, HealthView};
use axum::extract::Path;
use domain::child::ChildId;
use domain::health::referrals::{CORAM_PROGRAMMES, SERVICES, THERAPY_OPTIONS};

use crate::handler::{Caller, Fields, Page, child_of};
use crate::leavers::forms::{ChildRecord, FormDef, YES_NO, fd, post_change, values};
use crate::ui::{FieldError, FormSpec, Part, button_form, cell, long_date, part};

const SOURCES: &[(&str, &str)] = &[("self", "Self-referral"), ("agency", "Another agency")];
const CHANNELS: &[(&str, &str)] = &[
    ("telephone", "Telephone"),
    ("in person", "In person"),
    ("referral form", "Referral form"),
];
const INTERVENTIONS: &[(&str, &str)] = &[
    ("group", "Group work"),
    ("individual", "Individual work"),
    ("carers' group", "Carers' group"),
];

const HEALTH_FORMS: &[FormDef] = &[FormDef {
    code: "refer",
    legend: "Make a referral or booking",
    fields: &[
        fd!("refer", "service", "Service", "select", SERVICES),
        fd!("refer", "date", "Date", "date"),
        fd!(
            "refer",
            "need",
            "What it is about (the need or question)",
            "textarea"
        ),
        fd!(
            "refer",
            "option",
            "Therapy: how the need will be met",
            "select",
            THERAPY_OPTIONS
        ),
        fd!(
            "refer",
            "considered",
            "Therapy: the other options considered",
            "textarea"
        ),
        fd!(
            "refer",
            "sdq_considered",
            "Therapy: the child's SDQ score considered",
            "select",
            YES_NO
        ),
        fd!(
            "refer",
            "therapist",
            "Therapy: therapist, accrediting body and number",
            "text"
        ),
        fd!("refer", "team", "Post-adoption: team allocated", "text"),
        fd!(
            "refer",
            "adviser",
            "Post-adoption: Post Adoption Support Worker advising",
            "text"
        ),
        fd!(
            "refer",
            "social_worker",
            "Gateway: social worker receiving the advice",
            "text"
        ),
        fd!(
            "refer",
            "parent",
            "Gateway: parent receiving the advice",
            "text"
        ),
        fd!(
            "refer",
            "programme",
            "Coram: the programme",
            "select",
            CORAM_PROGRAMMES
        ),
        fd!(
            "refer",
            "child_in_need",
            "Abusive behaviour: a Child in Need after assessment",
            "select",
            YES_NO
        ),
        fd!(
            "refer",
            "in_area",
            "Abusive behaviour: lives in Leicestershire",
            "select",
            YES_NO
        ),
        fd!(
            "refer",
            "meeting",
            "Abusive behaviour: the multi-agency meeting",
            "text"
        ),
        fd!(
            "refer",
            "source",
            "Post sexual abuse service: referred by",
            "select",
            SOURCES
        ),
        fd!(
            "refer",
            "channel",
            "Post sexual abuse service: how",
            "select",
            CHANNELS
        ),
        fd!(
            "refer",
            "intervention",
            "Post sexual abuse service: intervention",
            "select",
            INTERVENTIONS
        ),
        fd!(
            "refer",
            "physical",
            "CAMHS: the crisis needs physical medical care",
            "select",
            YES_NO
        ),
    ],
}];

fn assessments_part(v: &HealthView) -> Part {
    let mut p = part("assessments", "Health assessments");
    p.table_headers = ["Date", "SDQ score", "Dental check", "Immunisations"]
        .map(String::from)
        .to_vec();
    let yes = |b: Option<bool>| b.map_or("", |b| if b { "Up to date" } else { "Not up to date" });
    p.table_rows = v
        .assessments
        .iter()
        .map(|a| {
            vec![
                cell(long_date(a.date)),
                cell(a.answers.sdq_score.map_or(String::new(), |s| s.to_string())),
                cell(yes(a.answers.dental_check)),
                cell(yes(a.answers.immunisations)),
            ]
        })
        .collect();
    if p.table_rows.is_empty() {
        p.paragraphs
            .push("No health assessment is recorded.".into());
    }
    p
}

fn referrals_part(v: &HealthView, may: bool) -> Part {
    let mut p = part("referrals", "Referrals and support");
    p.paragraphs.push(
        "Kooth (kooth.com) is free, self-access online counselling: no referral is needed.".into(),
    );
    p.table_headers = ["Date", "Service", "Outcome", "Details"]
        .map(String::from)
        .to_vec();
    for (i, r) in v.record.referrals.iter().enumerate() {
        let name = SERVICES
            .iter()
            .find(|(c, _)| *c == r.service)
            .map_or(r.service.as_str(), |s| s.1);
        let details: Vec<String> = r.answers.iter().map(|(q, a)| format!("{q}: {a}")).collect();
        let mut outcome = r.outcome.clone();
        if let Some(d) = r.verified {
            outcome.push_str(&format!("; accreditation verified {}", long_date(d)));
        }
        if let Some(d) = r.paid {
            outcome.push_str(&format!("; paid {}", long_date(d)));
        }
        p.table_rows.push(vec![
            cell(long_date(r.date)),
            cell(name),
            cell(outcome),
            cell(details.join("; ")),
        ]);
        if may && r.service == "therapy" && r.paid.is_none() {
            for (what, words) in [
                ("verify", "Record the accreditation verified"),
                ("pay", "Pay the therapist"),
            ] {
                if what == "verify" && r.verified.is_some() {
                    continue;
                }
                let mut f: FormSpec = button_form(
                    &format!("{what}-{i}"),
                    &format!("/children/{}/health", v.journey.value.id()),
                    &format!("{words} (referral of {})", long_date(r.date)),
                    vec![
                        ("change", what.to_owned()),
                        ("referral", i.to_string()),
                        ("version", v.version.to_string()),
                    ],
                );
                f.secondary = true;
                p.forms.push(f);
            }
        }
    }
    p
}

async fn show(
    caller: &Caller,
    child: ChildId,
    typed: Option<&Fields>,
    (errors, success): (Vec<FieldError>, Option<String>),
) -> Page {
    let wanted = child.clone();
    let v = caller
        .page(move |c| app::health::health(&c.store, c.user(), c.clock(), &wanted, &c.from))
        .await?;
    let name = v.journey.value.child().name.full();
    let may = caller
        .user()
        .may(domain::access::Permission::RecordActivities);
    Ok(ChildRecord {
        child: &child,
        name,
        title: ("Health and support", "/"),
        path: "health",
        forms: (HEALTH_FORMS, &|_| true),
        version: v.version,
        sections: vec![assessments_part(&v), referrals_part(&v, may)],
        after: Vec::new(),
        notices: Vec::new(),
    }
    .respond(caller, typed, (errors, success)))
}

/// A child's health page.
pub(crate) async fn health_page(caller: Caller, Path(id): Path<String>) -> Page {
    let child = child_of(&caller, &id)?;
    show(&caller, child, None, (Vec::new(), None)).await
}

/// Makes a referral, or verifies or pays one.
pub(crate) async fn health_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let child = child_of(&caller, &id)?;
    let target = child.clone();
    let index = fields
        .get("referral")
        .parse::<usize>()
        .unwrap_or(usize::MAX);
    let service = fields.get("service");
    let typed = values(&fields);
    let done = post_change(
        &caller,
        &fields,
        HEALTH_FORMS,
        |code, _, _| {
            Ok(match code {
                "verify" => HealthChange::Verify(index),
                "pay" => HealthChange::Pay(index),
                _ => HealthChange::Refer,
            })
        },
        move |c, change, version| {
            let get = |n: &str| typed.get(n).cloned().unwrap_or_default();
            app::health::change_health(
                &c.store,
                c.user(),
                c.clock(),
                (&target, version),
                (change, &service),
                &get,
                &c.from,
            )
        },
    )
    .await?;
    show(&caller, child, done.typed(&fields), done.messages()).await
}
