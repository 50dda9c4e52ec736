//! The draft plan as a GOV.UK task list: the list of the plan's sections
//! with each one's status, a page a section (one question, or a few close
//! ones; "add another" for the outcomes and the steps), and the check of
//! every answer before the plan is put forward for ratification. Each save
//! goes through `app::permanence::edit_plan` at the version the page was
//! shown with; putting forward through `plan_step`.

use app::permanence::PlanView;
use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::child::ChildId;
use domain::permanence::plan::{PermanencePlan, PlanMove};

use super::{Section, Status, child_of, show_plan};
use crate::handler::{Caller, Fields, Page};
use crate::permanence::plan_answers::{answers, items};
use crate::permanence::plan_form::{FORM, add_item, read_section, remove_item, section_fields};
use crate::ui::{Chrome, FieldError, FieldSpec, render, sentence};

/// A line of the task list.
struct Task {
    slug: &'static str,
    name: &'static str,
    /// The section's page, for those who may edit the plan.
    href: Option<String>,
    status: &'static str,
    /// The tag's colour; a completed section is plain text.
    colour: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "plan_tasks.html")]
struct TasksPage {
    chrome: Chrome,
    back: (String, String),
    caption: String,
    tasks: Vec<Task>,
    completed: usize,
    editable: bool,
    check: Option<String>,
    rules: Vec<(&'static str, &'static str)>,
}

#[derive(Template)]
#[template(path = "plan_section.html")]
struct SectionPage {
    chrome: Chrome,
    back: (String, String),
    caption: String,
    errors: Vec<FieldError>,
    intro: Vec<String>,
    /// The list's heading, for a section that adds items one at a time.
    items_heading: Option<String>,
    items: Vec<String>,
    add_heading: String,
    action: String,
    version: String,
    form_action: &'static str,
    fields: Vec<FieldSpec>,
    button: &'static str,
    rules: Vec<(&'static str, &'static str)>,
}

/// One section's answers on the check page.
struct Group {
    slug: &'static str,
    name: &'static str,
    rows: Vec<(String, String)>,
    change: Option<String>,
}

#[derive(Template)]
#[template(path = "plan_check.html")]
struct CheckPage {
    chrome: Chrome,
    back: (String, String),
    caption: String,
    errors: Vec<FieldError>,
    groups: Vec<Group>,
    /// What stops the plan being put forward, each linking to its section.
    blocking: Vec<(String, String)>,
    /// The plan's version, when the user may put it forward now.
    put_forward: Option<String>,
    action: String,
    stage: String,
    rules: Vec<(&'static str, &'static str)>,
}

/// The sections asked of this plan.
fn sections_of(view: &PlanView) -> Vec<Section> {
    let plan = &view.plan.value.document;
    let siblings = !view.journey.value.siblings().is_empty();
    Section::ALL
        .into_iter()
        .filter(|s| s.applies(plan, siblings, &view.gaps))
        .collect()
}

fn may_edit(caller: &Caller, plan: &PermanencePlan) -> bool {
    plan.moves(caller.user()).contains(&PlanMove::Edit)
}

/// The section's page, or the plan page for its support plan.
fn section_href(id: &str, s: Section) -> String {
    if s == Section::Support {
        format!("/children/{id}/plan#support")
    } else {
        format!("/children/{id}/plan/sections/{}", s.slug())
    }
}

async fn open(caller: &Caller, id: &str) -> Result<(ChildId, PlanView), Response> {
    let child = child_of(caller, id)?;
    let opened = child.clone();
    let view = caller
        .page(move |c| app::permanence::open_plan(&c.store, c.user(), c.clock(), &opened, &c.from))
        .await?;
    Ok((child, view))
}

/// The task list of a child's plan.
pub(crate) async fn tasks_page(caller: Caller, Path(id): Path<String>) -> Page {
    let (_, view) = open(&caller, &id).await?;
    let plan = &view.plan.value.document;
    let editable = plan.lifecycle.is_editable();
    let edit = editable && may_edit(&caller, plan);
    let sections = sections_of(&view);
    let tasks: Vec<Task> = sections
        .iter()
        .map(|s| {
            let status = s.status(plan, &view.gaps);
            Task {
                slug: s.slug(),
                name: s.name(),
                href: edit.then(|| section_href(&id, *s)),
                status: status.label(),
                colour: match status {
                    Status::NotStarted => Some("blue"),
                    Status::InProgress => Some("light-blue"),
                    Status::Completed => None,
                },
            }
        })
        .collect();
    let completed = tasks.iter().filter(|t| t.colour.is_none()).count();
    let page = TasksPage {
        chrome: Chrome::new(
            "Complete the permanence plan",
            Some(&caller.signed),
            "/tracking",
        ),
        back: (format!("/children/{id}/plan"), "Back to the plan".into()),
        caption: view.journey.value.child().name.full(),
        tasks,
        completed,
        editable,
        check: editable.then(|| format!("/children/{id}/plan/check")),
        rules: vec![
            (
                "PLAN-001",
                "a draft plan from the start of the child's period of care",
            ),
            (
                "PLAN-008",
                "what a permanence plan must contain before it is ratified",
            ),
        ],
    };
    Ok(render(StatusCode::OK, &page))
}

/// Where a section's page was opened from: `?from=check`, a "Change" link
/// of the check page, returns there once saved.
#[derive(serde::Deserialize)]
pub(crate) struct Opened {
    #[serde(default)]
    from: String,
}

impl Opened {
    fn checking(&self) -> bool {
        self.from == "check"
    }
}

/// A section's page.
pub(crate) async fn section_page(
    caller: Caller,
    Path((id, slug)): Path<(String, String)>,
    Query(from): Query<Opened>,
) -> Page {
    let section = section_of(&caller, &slug)?;
    let (_, view) = open(&caller, &id).await?;
    let shown = Shown {
        errors: Vec::new(),
        sent: None,
        checking: from.checking(),
    };
    Ok(section_of_view(&caller, &id, section, &view, shown))
}

/// What a section's page is shown with: errors against their fields, the
/// answers as sent after a refused answer, and whether it returns to the
/// check page.
struct Shown<'a> {
    errors: Vec<FieldError>,
    sent: Option<&'a Fields>,
    checking: bool,
}

fn section_of(caller: &Caller, slug: &str) -> Result<Section, Response> {
    Section::parse(slug)
        .ok_or_else(|| caller.error_page(&app::AppError::NotFound("section of the plan".into())))
}

/// The section's page for the plan in `view`: with the errors against their
/// fields and, after a refused answer, the answers as they were sent.
fn section_of_view(
    caller: &Caller,
    id: &str,
    section: Section,
    view: &PlanView,
    shown: Shown<'_>,
) -> Response {
    let Shown {
        mut errors,
        sent,
        checking,
    } = shown;
    let plan = &view.plan.value.document;
    if section == Section::Support || !may_edit(caller, plan) {
        let to = if section == Section::Support {
            section_href(id, section)
        } else {
            format!("/children/{id}/plan/sections")
        };
        return Redirect::to(&to).into_response();
    }
    for e in &mut errors {
        e.message = sentence(std::mem::take(&mut e.message));
    }
    let mut fields = section_fields(section, plan);
    for f in &mut fields {
        if let Some(sent) = sent {
            f.value = sent.get(&f.name);
        }
        let name = format!("{FORM}-{}", f.name);
        f.error = errors
            .iter()
            .find(|e| e.field == name)
            .map(|e| e.message.clone());
    }
    let list = section.adds_items();
    let (noun, intro) = match section {
        Section::Steps => (
            "step",
            "Add each step with who is responsible and its target date.",
        ),
        Section::Outcomes => (
            "outcome",
            "Add each outcome the plan intends for the child, under its area: safety and welfare, stability, education, leisure or transitions.",
        ),
        Section::Exceptional => (
            "",
            "A service manager approves the exceptional needs on the plan page once they are saved. Changing the assessment or the circumstances asks for their approval again.",
        ),
        _ => ("", ""),
    };
    let page = SectionPage {
        chrome: Chrome::new(section.question(), Some(&caller.signed), "/tracking"),
        back: if checking {
            (
                format!("/children/{id}/plan/check"),
                "Back to check your answers".into(),
            )
        } else {
            (
                format!("/children/{id}/plan/sections"),
                "Back to the plan's sections".into(),
            )
        },
        caption: view.journey.value.child().name.full(),
        intro: if intro.is_empty() {
            Vec::new()
        } else {
            vec![intro.into()]
        },
        items_heading: list.then(|| format!("{}s added", sentence(noun))),
        items: items(section, plan, caller.names()),
        add_heading: format!(
            "Add {} {noun}",
            if plan_has_items(section, plan) {
                "another"
            } else {
                "a"
            }
        ),
        action: format!(
            "/children/{id}/plan/sections/{}{}",
            section.slug(),
            if checking { "?from=check" } else { "" }
        ),
        version: view.plan.version.to_string(),
        form_action: if list { "add" } else { "save" },
        fields,
        button: match section {
            Section::Steps => "Add this step",
            Section::Outcomes => "Add this outcome",
            _ => "Save and continue",
        },
        rules: section.rules().to_vec(),
        errors,
    };
    let status = if page.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut page = page;
    page.chrome.has_errors = status != StatusCode::OK;
    render(status, &page)
}

fn plan_has_items(section: Section, plan: &PermanencePlan) -> bool {
    match section {
        Section::Steps => !plan.steps.is_empty(),
        Section::Outcomes => !plan.objectives.is_empty(),
        _ => false,
    }
}

/// Saves a section's answers, adds an item to its list or removes one, over
/// the plan at the version the page was shown with.
pub(crate) async fn section_post(
    caller: Caller,
    Path((id, slug)): Path<(String, String)>,
    Query(from): Query<Opened>,
    fields: Fields,
) -> Page {
    let checking = from.checking();
    let section = section_of(&caller, &slug)?;
    let (child, view) = open(&caller, &id).await?;
    let base = &view.plan.value.document;
    let action = fields.get("action");
    let contents = match action.as_str() {
        "add" if section.adds_items() => add_item(section, &fields, base),
        "remove" if section.adds_items() => Ok(remove_item(
            section,
            fields.get("index").parse().unwrap_or(usize::MAX),
            base,
        )),
        _ => read_section(section, &fields, base),
    };
    let contents = match contents {
        Ok(c) => c,
        Err(errors) => {
            let shown = Shown {
                errors,
                sent: Some(&fields),
                checking,
            };
            return Ok(section_of_view(&caller, &id, section, &view, shown));
        }
    };
    let version = fields.version();
    let saved = caller
        .run(move |c| {
            app::permanence::edit_plan(
                &c.store,
                c.user(),
                c.clock(),
                &child,
                version,
                contents,
                &c.from,
            )
        })
        .await;
    match saved {
        Ok(_) if section.adds_items() => Ok(Redirect::to(&format!(
            "/children/{id}/plan/sections/{}{}",
            section.slug(),
            if checking { "?from=check" } else { "" }
        ))
        .into_response()),
        Ok(_) if checking => {
            Ok(Redirect::to(&format!("/children/{id}/plan/check")).into_response())
        }
        Ok(_) => Ok(Redirect::to(&format!("/children/{id}/plan/sections")).into_response()),
        Err(e) if !may_edit(&caller, base) => Err(caller.error_page(&e)),
        Err(e) => {
            let errors = caller.form_errors(&e, section.first_field())?;
            // Shown again with what is saved now, at its version.
            let (_, view) = open(&caller, &id).await?;
            let shown = Shown {
                errors,
                sent: None,
                checking,
            };
            Ok(section_of_view(&caller, &id, section, &view, shown))
        }
    }
}

/// The check of every answer before the plan is put forward.
pub(crate) async fn check_page(caller: Caller, Path(id): Path<String>) -> Page {
    let (_, view) = open(&caller, &id).await?;
    Ok(check_of_view(&caller, &id, &view, Vec::new()))
}

fn check_of_view(
    caller: &Caller,
    id: &str,
    view: &PlanView,
    mut errors: Vec<FieldError>,
) -> Response {
    let plan = &view.plan.value.document;
    let edit = plan.lifecycle.is_editable() && may_edit(caller, plan);
    let sections = sections_of(view);
    let groups = sections
        .iter()
        .map(|s| Group {
            slug: s.slug(),
            name: s.name(),
            rows: answers(*s, plan, caller.names()),
            change: edit.then(|| match s {
                Section::Support => section_href(id, *s),
                _ => format!("{}?from=check", section_href(id, *s)),
            }),
        })
        .collect();
    let blocking = view
        .gaps
        .iter()
        .filter(|g| g.blocking)
        .map(|g| {
            let section = Section::ALL
                .into_iter()
                .find(|s| s.holds(g.field))
                .unwrap_or(Section::Pathway);
            (sentence(g.message.clone()), section_href(id, section))
        })
        .collect();
    let may_put_forward = plan
        .moves(caller.user())
        .contains(&PlanMove::Step("put_forward"));
    for e in &mut errors {
        e.message = sentence(std::mem::take(&mut e.message));
    }
    let stage = if plan.lifecycle.is_editable() {
        format!("The plan's stage: {}.", plan.stage.label())
    } else {
        format!("The plan is {}.", plan.lifecycle.label().to_lowercase())
    };
    let mut page = CheckPage {
        chrome: Chrome::new("Check your answers", Some(&caller.signed), "/tracking"),
        back: (
            format!("/children/{id}/plan/sections"),
            "Back to the plan's sections".into(),
        ),
        caption: view.journey.value.child().name.full(),
        groups,
        blocking,
        put_forward: may_put_forward.then(|| view.plan.version.to_string()),
        action: format!("/children/{id}/plan"),
        stage,
        rules: vec![
            (
                "PLAN-008",
                "what a permanence plan must contain before it is ratified",
            ),
            (
                "PLAN-005",
                "ratification at the second Review of Arrangements",
            ),
        ],
        errors,
    };
    page.chrome.has_errors = !page.errors.is_empty();
    let status = if page.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(status, &page)
}

/// Puts the plan forward for ratification from the check page: the plan
/// page when done, the check page with the reason when refused.
pub(crate) async fn put_forward_post(
    caller: &Caller,
    id: &str,
    child: ChildId,
    fields: &Fields,
) -> Page {
    let version = fields.version();
    let saved = caller
        .run(move |c| {
            app::permanence::plan_step(
                &c.store,
                c.user(),
                c.clock(),
                &child,
                version,
                app::permanence::StepInput::named("put_forward"),
                &c.from,
            )
        })
        .await;
    match saved {
        Ok(_) => Ok(show_plan(
            caller,
            id,
            Vec::new(),
            Some("The plan was put forward for ratification.".into()),
        )
        .await),
        Err(e) => {
            let errors = caller.form_errors(&e, "put-forward-submit")?;
            let (_, view) = open(caller, id).await?;
            Ok(check_of_view(caller, id, &view, errors))
        }
    }
}
