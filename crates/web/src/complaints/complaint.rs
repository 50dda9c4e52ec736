//! The complaints list (the complaints manager's list of what is due: each
//! open complaint's next deadline in words), recording a complaint
//! received, and a complaint's page: who complained and about which team,
//! its stage, its deadlines (CMPL-005, CMPL-007) and a form for each step
//! the user may take now.

use app::complaints::StoredComplaint;
use axum::extract::Path;
use axum::response::Response;
use domain::complaints::complaint::{
    COMPLAINANTS, Complaint, NewComplaint, Stage2, step_recording,
};
use domain::households::CARER_TEAMS;
use domain::roles::Role;

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
    ];
    add.forms.push(f);
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
    ];
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
        if step.name == "request_stage_two" {
            f.fields.push(field(
                "investigating_officer",
                "Investigating Officer (external)",
                "text",
                "",
            ));
            f.fields.push(field(
                "independent_person",
                "Independent Person",
                "text",
                "",
            ));
        }
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

/// Takes a step of the complaint.
pub(crate) async fn complaint_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let step = fields.get("step");
    let field_of = |name: &str| -> &'static str {
        match (step.as_str(), name) {
            ("request_stage_two", "people") => "step-request_stage_two-investigating_officer",
            ("request_stage_two", _) => "step-request_stage_two-date",
            ("respond_stage_one", _) => "step-respond_stage_one-date",
            ("agree_extension", _) => "step-agree_extension-date",
            ("refuse_stage_two", _) => "step-refuse_stage_two-date",
            ("adjudicate", _) => "step-adjudicate-date",
            ("close", _) => "step-close-date",
            ("withdraw", _) => "step-withdraw-date",
            _ => "steps",
        }
    };
    let Ok(Some(date)) = fields.date("date") else {
        let errors = vec![FieldError {
            field: field_of("date"),
            message: "Enter the date, for example 27 3 2026".into(),
        }];
        return Ok(show(&caller, &id, errors, None).await);
    };
    let stage_two = (step == "request_stage_two").then(|| Stage2 {
        investigating_officer: fields.get("investigating_officer"),
        independent_person: fields.get("independent_person"),
    });
    let (cid, taken, version) = (id.clone(), step.clone(), fields.version());
    match caller
        .run(move |c| {
            app::complaints::take_complaint_step(
                &c.store,
                c.user(),
                c.clock(),
                (&cid, version),
                (&taken, date, stage_two),
                &c.from,
            )
        })
        .await
    {
        Ok(_) => Ok(show(&caller, &id, Vec::new(), Some("Recorded.".into())).await),
        Err(e) => {
            let which = if e.to_string().contains("Independent Person") {
                "people"
            } else {
                "date"
            };
            let errors = caller.form_errors(&e, field_of(which))?;
            Ok(show(&caller, &id, errors, None).await)
        }
    }
}
