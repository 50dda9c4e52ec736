//! The education pages (the same names as `domain::education` and
//! `app::education`): a child's education record with the Virtual School's
//! view, its prompts and the family's information pack, and the forms that
//! record it; the Virtual School's page across its roll.

use app::education::EducationView;
use domain::child::ChildId;
use domain::education::record::{EducationChange, PPP_USES, SCHOOL_EVENTS, admission_letter};

use crate::handler::{Caller, Fields, Page};
use crate::leavers::forms::{ChildRecord, FormDef, YES_NO, fd};
use crate::ui::{Cell, Chrome, FieldError, Part, RecordPage, cell, long_date, part, pounds};

const EDUCATION_FORMS: &[FormDef] = &[
    FormDef {
        code: "pep",
        legend: "Record a PEP review",
        fields: &[
            fd!("pep", "date", "Date of the PEP review", "date"),
            fd!(
                "pep",
                "careers",
                "Careers: the school's guidance and the Virtual School's input (Year 11)",
                "textarea"
            ),
        ],
    },
    FormDef {
        code: "allocation",
        legend: "Record a Pupil Premium Plus allocation",
        fields: &[
            fd!("allocation", "pence", "Amount in pence", "text"),
            fd!("allocation", "used_for", "Used for", "select", PPP_USES),
            fd!("allocation", "date", "Date", "date"),
        ],
    },
    FormDef {
        code: "event",
        legend: "Record what the school reported",
        fields: &[
            fd!("event", "kind", "What", "select", SCHOOL_EVENTS),
            fd!("event", "date", "Date", "date"),
        ],
    },
    FormDef {
        code: "area",
        legend: "Record where the child goes to school",
        fields: &[fd!(
            "area",
            "area",
            "The school's local authority area",
            "text"
        )],
    },
    FormDef {
        code: "move",
        legend: "Confirm a school move",
        fields: &[
            fd!("move", "school", "New school", "text"),
            fd!("move", "date", "Date of the move", "date"),
            fd!(
                "move",
                "consulted",
                "Virtual School consulted",
                "select",
                YES_NO
            ),
            fd!(
                "move",
                "transition_plan",
                "School transition plan recorded",
                "select",
                YES_NO
            ),
        ],
    },
    FormDef {
        code: "advice",
        legend: "Log an enquiry for Virtual School advice (adopted child)",
        fields: &[
            fd!(
                "advice",
                "from",
                "Who asked (the school or the parents)",
                "text"
            ),
            fd!(
                "advice",
                "in_area",
                "The child lives in Leicestershire",
                "select",
                YES_NO
            ),
            fd!("advice", "date", "Date", "date"),
        ],
    },
    FormDef {
        code: "ehcp",
        legend: "Education, Health and Care Plan",
        fields: &[fd!(
            "ehcp",
            "ehcp",
            "The child has an EHCP",
            "select",
            YES_NO
        )],
    },
    FormDef {
        code: "told",
        legend: "Record when the provider or the school was told the child is adopted",
        fields: &[
            fd!(
                "told",
                "provider_on",
                "Early years provider told on",
                "text"
            ),
            fd!("told", "school_on", "School told on", "text"),
        ],
    },
    FormDef {
        code: "letter",
        legend: "Write an admissions support letter",
        fields: &[fd!("letter", "date", "Date", "date")],
    },
];

fn summary(v: &EducationView) -> Part {
    let mut p = part("education", "Education");
    let r = &v.record;
    p.rows.push((
        "Virtual School roll".into(),
        if v.on_roll {
            "On the Leicestershire Virtual School's roll"
        } else {
            "Not on the roll"
        }
        .into(),
    ));
    if let Some(area) = &r.school_area {
        p.rows.push(("School's area".into(), area.clone()));
    }
    if let Some(adopted) = v.pupil.adopted_on {
        p.rows.push((
            "Previously looked after".into(),
            format!(
                "Since the adoption order of {}; the PEP schedule closed that day",
                long_date(adopted)
            ),
        ));
    }
    if let Some((from, to)) = v.free_place {
        p.rows.push((
            "Free early education place at two".into(),
            format!("{} to {}", long_date(from), long_date(to)),
        ));
    }
    if let Some((from, to)) = v.eypp {
        p.rows.push((
            "Early Years Pupil Premium".into(),
            format!("{} to {}", long_date(from), long_date(to)),
        ));
    }
    if let Some((census, pence)) = v.census {
        p.rows.push((
            "Pupil Premium Plus".into(),
            format!(
                "Counts at the census of {} ({} a year)",
                long_date(census),
                pounds(pence)
            ),
        ));
    }
    p.rows.push((
        "Education, Health and Care Plan".into(),
        if r.ehcp { "Yes" } else { "No" }.into(),
    ));
    p.table_headers = ["Date", "What"].map(String::from).to_vec();
    let mut rows: Vec<(chrono::NaiveDate, String)> = Vec::new();
    rows.extend(r.peps.iter().map(|x| {
        (
            x.date,
            format!(
                "PEP review{}",
                x.careers
                    .as_ref()
                    .map_or(String::new(), |c| format!(" (careers: {c})"))
            ),
        )
    }));
    rows.extend(r.allocations.iter().map(|a| {
        (
            a.date,
            format!(
                "Pupil Premium Plus {} for {} (managed by the {})",
                pounds(a.pence),
                a.used_for,
                a.managed_by
            ),
        )
    }));
    rows.extend(r.events.iter().map(|e| {
        (
            e.date,
            format!(
                "School reported: {} (Virtual School told {})",
                e.kind,
                long_date(e.notified)
            ),
        )
    }));
    rows.extend(r.moves.iter().map(|m| {
        (
            m.date,
            format!(
                "School move to {} (planned with the Virtual School)",
                m.school
            ),
        )
    }));
    rows.extend(
        r.advice
            .iter()
            .map(|a| (a.date, format!("Enquiry from {}: {}", a.from, a.outcome))),
    );
    rows.sort_by_key(|x| std::cmp::Reverse(x.0));
    p.table_rows = rows
        .into_iter()
        .map(|(d, w)| vec![cell(long_date(d)), cell(w)])
        .collect();
    p
}

fn pack_part(v: &EducationView) -> Part {
    let mut p = part("pack", "The family's information pack");
    p.links = v
        .pack
        .iter()
        .map(|(name, link)| ((*link).to_owned(), (*name).to_owned()))
        .collect();
    if let (Some(adopted), false) = (v.pupil.adopted_on, v.record.admission_letters.is_empty()) {
        p.paragraphs.push(admission_letter(adopted));
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
        .page(move |c| app::education::education(&c.store, c.user(), c.clock(), &wanted, &c.from))
        .await?;
    let name = v.journey.value.child().name.full();
    let notices = v.prompts.iter().map(|(_, t)| format!("{t}.")).collect();
    let role = caller.user().role;
    let allowed = |code: &str| EducationChange::may_make(code, role);
    Ok(ChildRecord {
        child: &child,
        name,
        title: ("Education", "/"),
        path: "education",
        forms: (EDUCATION_FORMS, &allowed),
        version: v.version,
        sections: vec![summary(&v), pack_part(&v)],
        after: Vec::new(),
        notices,
    }
    .respond(caller, typed, (errors, success)))
}

crate::leavers::forms::child_record_handlers!(
    education_page,
    education_post,
    EDUCATION_FORMS,
    EducationChange::parse,
    app::education::change_education
);

/// The Virtual School's page: what to act on across its roll, what schools
/// reported, care leavers now NEET, and its training.
pub(crate) async fn virtual_school(caller: Caller) -> Page {
    let lines = caller
        .page(|c| app::education::virtual_school(&c.store, c.user(), c.clock(), &c.from))
        .await?;
    let mut p = part("act-on", "To act on");
    p.table_headers = ["Child or young person", "Date", "What"]
        .map(String::from)
        .to_vec();
    p.table_rows = lines
        .iter()
        .map(|l| {
            vec![
                Cell {
                    text: l.name.clone(),
                    href: Some(if l.rule == "LEAVE-106" {
                        format!("/children/{}/leaving-care", l.child)
                    } else {
                        format!("/children/{}/education", l.child)
                    }),
                },
                cell(l.date.map_or(String::new(), long_date)),
                cell(l.text.clone()),
            ]
        })
        .collect();
    if p.table_rows.is_empty() {
        p.paragraphs.push("Nothing to act on.".into());
    }
    let mut training = part("training", "Training");
    let (course, audience) = domain::education::record::VS_TRAINING;
    training.rows = vec![(course.to_owned(), format!("For {}", audience.join(", ")))];
    Ok(RecordPage {
        sections: vec![p, training],
        ..RecordPage::new(Chrome::new(
            "Virtual School",
            Some(&caller.signed),
            "/virtual-school",
        ))
    }
    .respond())
}
