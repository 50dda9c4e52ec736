//! A young person's leaving-care page.

use app::leavers::LeaverView;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect};
use domain::child::ChildId;
use domain::leavers::record::LeaverChange;
use domain::leavers::service::LOCAL_OFFER;

use super::forms::{ChildRecord, FormDef, YES_NO, fd};
use crate::handler::{Caller, Fields, Page, child_of};
use crate::ui::{FieldError, Part, cell, long_date, part};

const ACTIVITIES: &[(&str, &str)] = &[
    ("education", "In education"),
    ("employment", "In employment"),
    ("training", "In training"),
    ("neet", "Not in education, employment or training (NEET)"),
];
const TEAM_OPTIONS: &[(&str, &str)] = &[
    ("16+ Team", "16+ Team"),
    ("Care Leavers Team 1", "Care Leavers Team 1"),
    ("Care Leavers Team 2", "Care Leavers Team 2"),
    ("UASC Team", "UASC Team"),
];
const LETTERS: &[(&str, &str)] = &[("18", "At 18"), ("21", "At 21")];

/// The forms of a young person's record.
pub(crate) const LEAVER_FORMS: &[FormDef] = &[
    FormDef {
        code: "review",
        legend: "Review the Pathway Plan",
        fields: &[
            fd!("review", "date", "Date of the review", "date"),
            fd!("review", "assessment", "Assessment of needs", "textarea"),
            fd!(
                "review",
                "voice",
                "The young person's view, in their words",
                "textarea"
            ),
            fd!(
                "review",
                "outcomes",
                "Outcomes (specific, measurable, with dates)",
                "textarea"
            ),
        ],
    },
    FormDef {
        code: "adviser",
        legend: "Allocate a Personal Adviser",
        fields: &[
            fd!("adviser", "name", "Personal Adviser", "text"),
            fd!("adviser", "date", "Allocated from", "date"),
        ],
    },
    FormDef {
        code: "team",
        legend: "Allocate the case to a team",
        fields: &[fd!("team", "team", "Team", "select", TEAM_OPTIONS)],
    },
    FormDef {
        code: "activity",
        legend: "Record education, employment or training",
        fields: &[
            fd!("activity", "activity", "Activity", "select", ACTIVITIES),
            fd!("activity", "date", "From", "date"),
        ],
    },
    FormDef {
        code: "signpost",
        legend: "Record signposting",
        fields: &[
            fd!("signpost", "what", "Signposted to", "text"),
            fd!("signpost", "date", "Date", "date"),
        ],
    },
    FormDef {
        code: "accommodation",
        legend: "Record accommodation",
        fields: &[
            fd!("accommodation", "what", "Accommodation", "text"),
            fd!("accommodation", "suitable", "Suitable", "select", YES_NO),
            fd!("accommodation", "date", "From", "date"),
        ],
    },
    FormDef {
        code: "contact",
        legend: "Record contact",
        fields: &[
            fd!("contact", "how", "How", "text"),
            fd!("contact", "date", "Date", "date"),
        ],
    },
    FormDef {
        code: "support",
        legend: "Record a request for support (21 to 25)",
        fields: &[fd!("support", "date", "Date asked", "date")],
    },
    FormDef {
        code: "vulnerable",
        legend: "Most vulnerable care leaver: the panel",
        fields: &[fd!(
            "vulnerable",
            "panel",
            "Vulnerable care leaver panel date (if set)",
            "text"
        )],
    },
    FormDef {
        code: "age_assessment",
        legend: "Record the age assessment outcome",
        fields: &[fd!("age_assessment", "outcome", "Outcome", "text")],
    },
    FormDef {
        code: "letter",
        legend: "Record the Director's letter",
        fields: &[
            fd!("letter", "age", "Letter", "select", LETTERS),
            fd!("letter", "date", "Sent", "date"),
        ],
    },
    FormDef {
        code: "post16",
        legend: "Record the post-16 destination",
        fields: &[
            fd!("post16", "destination", "Destination after Year 11", "text"),
            fd!(
                "post16",
                "college_invited",
                "College Designated Person invited to the summer PEP",
                "select",
                YES_NO
            ),
        ],
    },
];

fn status_part(v: &LeaverView) -> Part {
    let mut p = part("status", "Leaving care");
    let status = v.status.map_or_else(
        || {
            if v.care_leaver {
                "Care leaver".to_owned()
            } else {
                "No leaving-care status".to_owned()
            }
        },
        |s| s.title().to_owned(),
    );
    p.rows.push(("Status".into(), status));
    if let Some(since) = v.since {
        p.rows
            .push(("Pathway Plan needed since".into(), long_date(since)));
    }
    let r = &v.record;
    p.rows.push((
        "Personal Adviser".into(),
        r.adviser.as_ref().map_or("Not allocated".into(), |a| {
            format!("{} from {}", a.what, long_date(a.date))
        }),
    ));
    p.rows.push((
        "Team".into(),
        match (&r.team, v.service) {
            (Some(t), Some(s)) => format!("{t} ({s} service)"),
            _ => "Not allocated".into(),
        },
    ));
    p.rows.push((
        "Education, employment or training".into(),
        r.current_activity().map_or("Not recorded".into(), |a| {
            format!("{} from {}", a.what.title(), long_date(a.date))
        }),
    ));
    p.rows.push((
        "Accommodation".into(),
        r.accommodation.last().map_or("Not recorded".into(), |a| {
            format!(
                "{} ({}) from {}",
                a.what.1,
                if a.what.0 { "suitable" } else { "not suitable" },
                long_date(a.date)
            )
        }),
    ));
    p.rows.push((
        "Last contact".into(),
        r.contacts.last().map_or("None recorded".into(), |c| {
            format!("{} ({})", long_date(c.date), c.what)
        }),
    ));
    if let Some(d) = r.support_requested {
        p.rows
            .push(("Support asked for (21 to 25)".into(), long_date(d)));
    }
    if r.most_vulnerable {
        p.rows.push((
            "Vulnerable care leaver panel".into(),
            r.vulnerable_panel.map_or("Date required".into(), long_date),
        ));
    }
    if let Some(d) = &r.destination {
        p.rows.push(("Post-16 destination".into(), d.clone()));
    }
    if v.pathway_carer {
        p.rows.push((
            "Pathway Carer".into(),
            "May be matched with a Pathway Carer".into(),
        ));
    }
    p
}

fn plan_part(v: &LeaverView) -> Part {
    let mut p = part("pathway-plan", "Pathway Plan");
    p.paragraphs.push("The Pathway Plan is both the assessment of needs and the plan: there is no separate leaving-care assessment.".into());
    match v.record.plan_due() {
        Some(due) => p.rows.push(("Next update due by".into(), long_date(due))),
        None => p
            .rows
            .push(("Pathway Plan".into(), "None recorded yet".into())),
    }
    p.table_headers = [
        "Reviewed",
        "Assessment of needs",
        "The young person's view",
        "Outcomes",
    ]
    .map(String::from)
    .to_vec();
    p.table_rows = v
        .record
        .reviews
        .iter()
        .rev()
        .map(|r| {
            vec![
                cell(long_date(r.date)),
                cell(r.assessment.clone()),
                cell(r.voice.clone()),
                cell(r.outcomes.clone()),
            ]
        })
        .collect();
    p
}

fn offer_part() -> Part {
    let mut p = part("local-offer", "The local offer");
    p.rows = LOCAL_OFFER
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
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
        .page(move |c| app::leavers::care_leaver(&c.store, c.user(), c.clock(), &wanted, &c.from))
        .await?;
    let name = v.journey.value.child().name.full();
    let notices = v
        .flags
        .iter()
        .map(|f| match f.due {
            Some(d) => format!("{} (since {}).", f.text, long_date(d)),
            None => format!("{}.", f.text),
        })
        .collect();
    let role = caller.user().role;
    let allowed = |code: &str| LeaverChange::may_make(code, role);
    Ok(ChildRecord {
        child: &child,
        name,
        title: ("Leaving care and Pathway Plan", "/leavers"),
        path: "leaving-care",
        forms: (LEAVER_FORMS, &allowed),
        version: v.version,
        sections: vec![status_part(&v), plan_part(&v)],
        after: vec![offer_part()],
        notices,
    }
    .respond(caller, typed, (errors, success)))
}

/// LEAVE-105: a leaving-care needs assessment is the Pathway Plan's
/// assessment: asking for one opens the plan.
pub(crate) async fn needs_assessment(caller: Caller, Path(id): Path<String>) -> Page {
    let child = child_of(&caller, &id)?;
    Ok(Redirect::to(&format!("/children/{child}/leaving-care#pathway-plan")).into_response())
}

super::forms::child_record_handlers!(
    leaver_page,
    leaver_post,
    LEAVER_FORMS,
    LeaverChange::parse,
    app::leavers::change_care_leaver
);
