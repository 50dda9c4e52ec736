//! The complaints list (the complaints manager's list of what is due: each
//! open complaint's next deadline in words), recording a complaint
//! received, and a complaint's page: who complained and about which team,
//! its stage, its deadlines (CMPL-005, CMPL-007) and a form for each step
//! the user may take now.

use app::complaints::StoredComplaint;
use axum::extract::Path;
use axum::response::Response;
use domain::complaints::complaint::{
    COMPLAINANTS, Complaint, EARLY_REFERRAL, NewComplaint, SUBJECTS, cause_label, step_recording,
};
use domain::households::CARER_TEAMS;
use domain::roles::Role;

use super::steps::{field_for, field_id, step_details, step_fields};
use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Cell, Chrome, FieldError, FieldSpec, RecordPage, button_form, cell, field, form_date,
    long_date, part, select,
};

fn page(title: String, caller: &Caller, back: bool) -> RecordPage {
    RecordPage {
        back: back.then(|| ("/complaints".into(), "Back to complaints".into())),
        ..RecordPage::new(Chrome::new(title, Some(&caller.signed), "/complaints"))
    }
}

/// The complaint's next deadline in words: what, when, and how far off.
fn next_due(c: &Complaint, caller: &Caller) -> (String, String) {
    match c.deadlines(caller.today()).first() {
        Some(d) => (
            format!("{} ({})", d.title, d.rule.unwrap_or("")),
            format!(
                "{}: {}",
                long_date(d.due),
                domain::worklist::due_in_words(d.days_left).to_lowercase()
            ),
        ),
        None => ("Nothing due".into(), String::new()),
    }
}

/// The complaints the user sees, with the form recording one.
pub(crate) async fn complaints(caller: Caller) -> Page {
    Ok(show_list(&caller, Vec::new(), None).await)
}

/// The teams a complaint may be about: a team manager's own, else the
/// carers' teams and the user's.
fn teams(caller: &Caller) -> Vec<String> {
    let own = caller.user().team.clone();
    if caller.user().role == Role::TeamManager {
        return own.into_iter().collect();
    }
    let mut teams: Vec<String> = CARER_TEAMS.iter().map(|t| (*t).to_owned()).collect();
    teams.extend(own.filter(|t| !teams.contains(t)));
    teams
}

async fn show_list(caller: &Caller, errors: Vec<FieldError>, done: Option<String>) -> Response {
    let all = match caller
        .page(|c| app::complaints::list_complaints(&c.store, c.user(), c.clock(), &c.from))
        .await
    {
        Ok(all) => all,
        Err(page) => return page,
    };
    let mut list = part("complaints", "Complaints");
    if all.is_empty() {
        list.paragraphs.push("No complaints are recorded.".into());
    } else {
        list.table_headers = [
            "Complaint",
            "About",
            "Received",
            "Stage",
            "Next due",
            "When",
        ]
        .map(String::from)
        .to_vec();
        list.table_rows = all
            .iter()
            .map(|c| {
                let c = &c.value;
                let (what, when) = next_due(c, caller);
                vec![
                    Cell {
                        text: c.name(),
                        href: Some(format!("/complaints/{}", c.id)),
                    },
                    cell(c.team.clone()),
                    cell(long_date(c.received)),
                    cell(c.stage_label()),
                    cell(what),
                    cell(when),
                ]
            })
            .collect();
    }
    let mut add = part("receive", "Record a complaint received");
    let mut f = button_form("receive", "/complaints", "Record the complaint", Vec::new());
    let teams = teams(caller);
    f.fields = vec![
        field("name", "Complainant's name", "text", ""),
        select(
            "complainant_is",
            "Who the complainant is",
            "carer",
            COMPLAINANTS
                .iter()
                .map(|(c, l)| ((*c).to_owned(), (*l).to_owned()))
                .collect(),
        ),
        FieldSpec {
            hint: Some(
                "If the complainant is a member of a household we hold, for example H00012.".into(),
            ),
            ..field("household", "Household (optional)", "text", "")
        },
        select(
            "team",
            "Team the complaint is about",
            teams.first().map_or("", String::as_str),
            teams.iter().map(|t| (t.clone(), t.clone())).collect(),
        ),
        field(
            "date",
            "Date received",
            "date",
            form_date(Some(caller.today())),
        ),
        select(
            "subject",
            "What the complaint is about",
            SUBJECTS[0].0,
            SUBJECTS
                .iter()
                .map(|(c, l)| ((*c).to_owned(), (*l).to_owned()))
                .collect(),
        ),
        field(
            "safeguarding",
            "It raises a safeguarding concern (it goes to First Response now, CMPL-003)",
            "checkbox",
            "",
        ),
    ];
    add.forms.push(f);
    list.links.push((
        "/complaints/annual".into(),
        "The complaints year: figures, compliments, themes and the annual report".into(),
    ));
    let mut p = page("Complaints".into(), caller, false);
    p.caption = Some("Statutory children's complaints (CMPL-005, CMPL-007)".into());
    p.errors = errors;
    p.success = done;
    p.sections = vec![list, add];
    p.respond()
}

/// Records a complaint received.
pub(crate) async fn receive_post(caller: Caller, fields: Fields) -> Page {
    let Ok(Some(received)) = fields.date("date") else {
        let errors = vec![FieldError {
            field: "receive-date",
            message: "Enter the date the complaint was received, for example 27 3 2026".into(),
        }];
        return Ok(show_list(&caller, errors, None).await);
    };
    let new = NewComplaint {
        complainant: fields.get("name"),
        complainant_is: fields.get("complainant_is"),
        household: Some(fields.get("household")),
        team: fields.get("team"),
        received,
        subject: fields.get("subject"),
        safeguarding: fields.ticked("safeguarding"),
    };
    match caller
        .run(move |c| {
            app::complaints::receive_complaint(&c.store, c.user(), c.clock(), new, &c.from)
        })
        .await
    {
        Ok(id) => Ok(show_list(
            &caller,
            Vec::new(),
            Some(format!("Complaint {id} was recorded.")),
        )
        .await),
        Err(e) => {
            let message = e.to_string();
            let field = if message.contains("name") {
                "receive-name"
            } else if message.contains("who") {
                "receive-complainant_is"
            } else if message.contains("team") {
                "receive-team"
            } else {
                "receive-date"
            };
            let errors = caller.form_errors(&e, field)?;
            Ok(show_list(&caller, errors, None).await)
        }
    }
}

/// A complaint's page.
pub(crate) async fn complaint_page(caller: Caller, Path(id): Path<String>) -> Page {
    Ok(show(&caller, &id, Vec::new(), None).await)
}

async fn show(
    caller: &Caller,
    id: &str,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let cid = id.to_owned();
    let held: StoredComplaint = match caller
        .page(move |c| {
            app::complaints::open_complaint(&c.store, c.user(), c.clock(), &cid, &c.from)
        })
        .await
    {
        Ok(c) => c,
        Err(page) => return page,
    };
    let c = &held.value;
    let mut summary = part("summary", "Summary");
    let who = COMPLAINANTS
        .iter()
        .find(|(k, _)| *k == c.complainant_is)
        .map_or("", |(_, l)| *l);
    summary.rows = vec![
        ("Complainant".into(), format!("{} ({who})", c.complainant)),
        ("About the team".into(), c.team.clone()),
        ("Received".into(), long_date(c.received)),
        ("Stage".into(), c.stage_label().to_owned()),
        ("Complaint system".into(), c.system().label().to_owned()),
        (
            "About".into(),
            SUBJECTS
                .iter()
                .find(|(k, _)| *k == c.subject)
                .map_or("", |(_, l)| *l)
                .to_owned(),
        ),
    ];
    summary.rows.extend(outcome_rows(c));
    if let Some(h) = &c.household {
        summary
            .links
            .push((format!("/households/{h}"), format!("Household {h}")));
    }
    if let Some(s2) = &c.stage_two {
        summary.rows.push((
            "Investigating Officer".into(),
            s2.investigating_officer.clone(),
        ));
        summary
            .rows
            .push(("Independent Person".into(), s2.independent_person.clone()));
    }
    let mut due = part("deadlines", "Deadlines");
    let lines = c.deadlines(caller.today());
    if lines.is_empty() {
        due.paragraphs.push("Nothing is due.".into());
    } else {
        due.table_headers = ["What", "Rule", "Due", "Days left", "Recorded by"]
            .map(String::from)
            .to_vec();
        due.table_rows = lines
            .iter()
            .map(|d| {
                // The step below that meets it.
                let clears = domain::deadline_rules::rules_named(d.rule.unwrap_or(""))
                    .next()
                    .and_then(|r| step_recording(r.met_by))
                    .map_or("", |t| t.label);
                vec![
                    cell(d.title.clone()),
                    cell(d.rule.unwrap_or("")),
                    cell(long_date(d.due)),
                    cell(d.days_left.to_string()),
                    cell(clears),
                ]
            })
            .collect();
    }
    let mut timeline = part("timeline", "Timeline");
    timeline.table_headers = ["Date", "What happened"].map(String::from).to_vec();
    timeline.table_rows = c
        .events
        .iter()
        .map(|e| vec![cell(long_date(e.date)), cell(e.kind.label())])
        .collect();
    let mut steps = part("steps", "What happens next");
    if let Some(route) = c.suggested_route().filter(|_| c.route.is_none()) {
        steps.paragraphs.push(format!(
            "Suggested route: {}. {}",
            route.label(),
            route.letter()
        ));
    }
    if c.offer_stage_two(caller.today()) {
        steps
            .paragraphs
            .push("Offer Stage 2: Stage 1 is overdue with no extension agreed (CMPL-005).".into());
    }
    if c.stage == "stage_three" {
        steps.paragraphs.push(
            "Tell the complainant the panel reviews the Stage 2 report and cannot re-investigate (CMPL-008).".into(),
        );
    }
    let today = form_date(Some(caller.today()));
    for step in c.moves(caller.user()) {
        let mut f = button_form(
            &format!("step-{}", step.name),
            &format!("/complaints/{}", c.id),
            step.label,
            vec![
                ("version", held.version.to_string()),
                ("step", step.name.to_owned()),
            ],
        );
        f.fields = step_fields(step.name, c);
        f.fields.push(field("date", "Date", "date", today.clone()));
        f.secondary = step.name == "withdraw";
        steps.forms.push(f);
    }
    if steps.forms.is_empty() {
        steps
            .paragraphs
            .push("There is nothing for you to record on this complaint now.".into());
    }
    let mut p = page(c.name(), caller, true);
    p.caption = Some(format!("Complaint {}", c.id));
    p.errors = errors;
    p.success = done;
    p.sections = vec![summary, due, steps, timeline];
    p.respond()
}

/// The rows saying how the complaint ended or where it went.
fn outcome_rows(c: &Complaint) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    if let Some(route) = c.route {
        rows.push((
            "Route".into(),
            format!("{}. {}", route.label(), route.letter()),
        ));
    }
    if let Some(told) = c.informed {
        rows.push((
            "Complainant told of First Response's decision".into(),
            long_date(told),
        ));
    }
    if !c.panel.is_empty() {
        rows.push(("Stage 3 panel".into(), c.panel.join(", ")));
    }
    if let Some(o) = &c.ombudsman {
        let mut text = format!("Referred {}", long_date(o.referred));
        if o.early {
            text.push_str(&format!(". {EARLY_REFERRAL}"));
        }
        if let Some(d) = o.decision {
            text.push_str(&format!(". Decision: {}", d.label()));
        }
        if !o.remedy.is_empty() {
            text.push_str(&format!(". Remedy: {}", o.remedy));
        }
        rows.push(("Ombudsman".into(), text));
    }
    if let Some(close) = &c.closing {
        if let Some(outcome) = close.outcome {
            rows.push(("Outcome".into(), outcome.label().to_owned()));
        }
        rows.push((
            "Principal cause".into(),
            cause_label(&close.cause).to_owned(),
        ));
        for (what, text) in [
            ("Redress", &close.redress),
            ("Wider action", &close.wider_action),
        ] {
            if !text.is_empty() {
                rows.push((what.into(), text.clone()));
            }
        }
        let costs: Vec<String> = close
            .costs
            .lines()
            .iter()
            .filter(|(_, p)| *p > 0)
            .map(|(l, p)| format!("{l} {}", crate::ui::pounds(*p as u64)))
            .collect();
        if !costs.is_empty() {
            rows.push(("Costs".into(), costs.join("; ")));
        }
    }
    rows
}

/// Takes a step of the complaint.
pub(crate) async fn complaint_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let step = fields.get("step");
    let Ok(Some(date)) = fields.date("date") else {
        let errors = vec![FieldError {
            field: field_id(&step, "date"),
            message: "Enter the date, for example 27 3 2026".into(),
        }];
        return Ok(show(&caller, &id, errors, None).await);
    };
    let details = match step_details(&step, &fields) {
        Ok(d) => d,
        Err((name, message)) => {
            let errors = vec![FieldError {
                field: field_id(&step, name),
                message,
            }];
            return Ok(show(&caller, &id, errors, None).await);
        }
    };
    let (cid, taken, version) = (id.clone(), step.clone(), fields.version());
    match caller
        .run(move |c| {
            app::complaints::take_complaint_step(
                &c.store,
                c.user(),
                c.clock(),
                (&cid, version),
                (&taken, date, details),
                &c.from,
            )
        })
        .await
    {
        Ok(_) => Ok(show(&caller, &id, Vec::new(), Some("Recorded.".into())).await),
        Err(e) => {
            let errors = caller.form_errors(&e, field_id(&step, field_for(&e.to_string())))?;
            Ok(show(&caller, &id, errors, None).await)
        }
    }
}
