//! Permanence pages: the tracking list, a child's permanence plan, panel
//! referrals with their pack checklist, panel meetings, and the printable
//! outcome letter and minutes.

use std::collections::HashMap;

use askama::Template;
use axum::Extension;
use axum::extract::{Form, FromRequest, Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use domain::access::Permission;
use domain::permanence::panels::{Attendance, ForumKind};
use domain::permanence::plan::{
    AppraisalEntry, AppraisalOutcome, CourtTimetable, Exceptional, Lifecycle, Objective,
    OutcomeArea, ParallelPlan, Pathway, PermanenceOption, PermanencePlan, SiblingAssessment, Step,
    Voice,
};
use domain::permanence::referrals::{Outcome, PackDoc, ProposedOutcome};
use domain::permanence::workflow;
use serde::Deserialize;

use crate::AppState;
use crate::pages::{
    Cell, Chrome, FieldError, Filter, TablePage, blocking, cell, csv_response, filter_query,
    long_date, message, page_links, render,
};
use crate::session::{Signed, client_address, same_token};

/// A form on a record page, described as data.
pub(crate) struct FormSpec {
    pub id: String,
    /// Sends files (multipart/form-data).
    pub multipart: bool,
    pub action: String,
    pub legend: Option<String>,
    pub button: String,
    pub secondary: bool,
    pub hidden: Vec<(String, String)>,
    pub fields: Vec<FieldSpec>,
}

/// A field of a form: `text`, `date`, `textarea`, `select` or `checkbox`.
pub(crate) struct FieldSpec {
    pub name: String,
    pub label: String,
    pub hint: Option<String>,
    pub kind: &'static str,
    pub value: String,
    pub options: Vec<(String, String)>,
    pub error: Option<String>,
}

pub(crate) fn field(
    name: &str,
    label: &str,
    kind: &'static str,
    value: impl Into<String>,
) -> FieldSpec {
    FieldSpec {
        name: name.to_owned(),
        label: label.to_owned(),
        hint: None,
        kind,
        value: value.into(),
        options: Vec::new(),
        error: None,
    }
}

pub(crate) fn select(
    name: &str,
    label: &str,
    value: &str,
    options: Vec<(String, String)>,
) -> FieldSpec {
    FieldSpec {
        options,
        ..field(name, label, "select", value)
    }
}

fn button_form(id: &str, action: &str, button: &str, hidden: Vec<(&str, String)>) -> FormSpec {
    FormSpec {
        id: id.to_owned(),
        multipart: false,
        action: action.to_owned(),
        legend: None,
        button: button.to_owned(),
        secondary: false,
        hidden: hidden.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        fields: Vec::new(),
    }
}

/// A part of a record page.
#[derive(Default)]
pub(crate) struct Part {
    pub id: String,
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub items: Vec<String>,
    pub rows: Vec<(String, String)>,
    pub table_headers: Vec<String>,
    pub table_rows: Vec<Vec<Cell>>,
    pub links: Vec<(String, String)>,
    pub forms: Vec<FormSpec>,
}

fn part(id: &str, heading: &str) -> Part {
    Part {
        id: id.to_owned(),
        heading: heading.to_owned(),
        ..Part::default()
    }
}

/// A message as the error summary shows it: in sentence case.
fn sentence(message: impl Into<String>) -> String {
    let message = message.into();
    // A message that starts with a file name keeps the name as it is.
    if message
        .split_whitespace()
        .next()
        .is_some_and(|w| w.trim_end_matches(',').contains('.'))
    {
        return message;
    }
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => message,
    }
}

/// Puts each error next to its field, as the GOV.UK pattern asks: an error
/// for `form-field` marks that field of that form.
pub(crate) fn mark_errors(sections: &mut [Part], errors: &mut [FieldError]) {
    for e in errors.iter_mut() {
        e.message = sentence(std::mem::take(&mut e.message));
    }
    for part in sections {
        for form in &mut part.forms {
            for field in &mut form.fields {
                let id = format!("{}-{}", form.id, field.name);
                if let Some(e) = errors.iter().find(|e| e.field == id) {
                    field.error = Some(e.message.clone());
                }
            }
        }
    }
}

impl RecordPage {
    /// The page as a response: each error marked on its field, the title
    /// marked when there are errors, and 422 with them.
    pub(crate) fn respond(mut self) -> Response {
        mark_errors(&mut self.sections, &mut self.errors);
        self.chrome.has_errors = !self.errors.is_empty();
        let status = if self.errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        render(status, &self)
    }
}

#[derive(Template)]
#[template(path = "record.html")]
pub(crate) struct RecordPage {
    pub(crate) chrome: Chrome,
    pub(crate) back: Option<(String, String)>,
    pub(crate) caption: Option<String>,
    pub(crate) status: Option<(String, &'static str)>,
    pub(crate) errors: Vec<FieldError>,
    pub(crate) notices: Vec<String>,
    /// What was just done, in a success banner.
    pub(crate) success: Option<String>,
    pub(crate) sections: Vec<Part>,
}

/// A page of the panels area, back to the panels, with nothing on it yet.
fn panels_page(title: String, signed: &Signed) -> RecordPage {
    RecordPage {
        chrome: Chrome::new(title, Some(signed), "/panels"),
        back: Some(("/panels".into(), "Back to panels".into())),
        caption: None,
        status: None,
        errors: Vec::new(),
        notices: Vec::new(),
        success: None,
        sections: Vec::new(),
    }
}

#[derive(Template)]
#[template(path = "letter.html")]
struct LetterPage {
    chrome: Chrome,
    back: String,
    heading: String,
    paragraphs: Vec<String>,
    rows: Vec<(String, String)>,
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(long_date).unwrap_or_else(|| "Not recorded".into())
}

/// Reads a date typed as 27/3/2026 or 2026-03-27.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .ok()
}

fn form_date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn nonblank(s: Option<&String>) -> Option<String> {
    s.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn lifecycle_tag(l: Lifecycle) -> (String, &'static str) {
    let colour = match l {
        Lifecycle::Draft => "grey",
        Lifecycle::Ratified => "green",
        Lifecycle::RatifiedSubjectToPanel => "blue",
        Lifecycle::UnderReview => "orange",
        Lifecycle::Achieved => "purple",
        Lifecycle::Superseded => "grey",
    };
    (l.label().to_owned(), colour)
}

async fn read_form(
    state: &AppState,
    signed: &Signed,
    req: Request,
) -> Result<(HashMap<String, String>, String), Response> {
    let from = client_address(&req);
    let Ok(Form(form)) = Form::<HashMap<String, String>>::from_request(req, state).await else {
        return Err(message(
            StatusCode::BAD_REQUEST,
            "Sorry, that did not work",
            &["The form could not be read. Go back and try again."],
            Some(signed),
        ));
    };
    if !same_token(
        form.get("csrf_token").map_or("", String::as_str),
        &signed.csrf_token,
    ) {
        return Err(message(
            StatusCode::BAD_REQUEST,
            "Sorry, that did not work",
            &["The form was out of date. Go back, reload the page and try again."],
            Some(signed),
        ));
    }
    Ok((form, from))
}

fn failure(e: &app::AppError, signed: &Signed) -> Option<Response> {
    match e {
        app::AppError::Forbidden(what) => Some(message(
            StatusCode::FORBIDDEN,
            "You do not have permission to do that",
            &[&format!("You do not have permission to {what}.")],
            Some(signed),
        )),
        app::AppError::ChildNotFound(_) => Some(message(
            StatusCode::NOT_FOUND,
            "Page not found",
            &["There is no child with that identifier."],
            Some(signed),
        )),
        app::AppError::Invalid(_) | app::AppError::Journey(_) => None,
        app::AppError::Store(store::StoreError::Stale { .. }) => None,
        _ => Some(message(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Sorry, there is a problem with the service",
            &["Try again later. Nothing you entered has been saved."],
            Some(signed),
        )),
    }
}

// ---------------------------------------------------------------- tracking

#[derive(Deserialize, Default)]
pub(crate) struct TrackingQuery {
    #[serde(default)]
    team: String,
    #[serde(default)]
    pathway: String,
    #[serde(default)]
    flag: String,
    #[serde(default)]
    age: String,
    #[serde(default)]
    page: Option<usize>,
    #[serde(default)]
    format: Option<String>,
}

const DRIFT_LETTERS: [(&str, &str); 10] = [
    ("a", "(a) No permanence discussion by the first review"),
    ("b", "(b) No ratified plan by the second review"),
    ("c", "(c) Parallel plan decision date passed"),
    ("d", "(d) Plan step overdue"),
    ("e", "(e) LTF plan not at panel within 2 months"),
    ("f", "(f) Review overdue"),
    ("g", "(g) Care plan over 6 months old"),
    ("h", "(h) Short-term placement over 2 years"),
    ("i", "(i) Adoption timers"),
    ("j", "(j) Panel monitoring overdue"),
];

/// The tracking page: every child in care the user may see, with the plan,
/// time in care, next milestone, days left and drift flags; filtered, paged
/// or as CSV.
pub(crate) async fn tracking(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Query(q): Query<TrackingQuery>,
    req: Request,
) -> Response {
    use domain::access::ChildScope;
    let from = client_address(&req);
    let team_scoped = matches!(signed.user.child_scope(), ChildScope::Team(_));
    let filter = app::permanence::TrackingFilter {
        team: (!q.team.is_empty()).then(|| q.team.clone()),
        pathway: Pathway::parse(&q.pathway),
        flag: (!q.flag.is_empty()).then(|| q.flag.clone()),
    };
    let store = state.store.clone();
    let clock = state.clock.clone();
    let user = signed.user.clone();
    let age = q.age.clone();
    let result = blocking(move || {
        let teams: std::collections::BTreeSet<String> = store
            .read(|tx| store::StaffRepository::workers(tx))?
            .into_iter()
            .map(|w| w.team)
            .collect();
        let lines = app::permanence::tracking_list(&store, &user, clock.as_ref(), &filter, &from)?;
        let ages: HashMap<String, i64> = if q_age_needed(&age) {
            ages_of(&store, &lines, clock.today())?
        } else {
            HashMap::new()
        };
        Ok::<_, app::AppError>((lines, teams, ages))
    })
    .await;
    let (mut lines, teams, ages) = match result {
        Ok(v) => v,
        Err(e) => {
            return failure(&e, &signed).unwrap_or_else(|| {
                message(
                    StatusCode::BAD_REQUEST,
                    "Sorry, that did not work",
                    &[&e.to_string()],
                    Some(&signed),
                )
            });
        }
    };
    if let Some((lo, hi)) = age_band(&q.age) {
        lines.retain(|l| ages.get(&l.child_id).is_some_and(|a| (lo..=hi).contains(a)));
    }
    // Most urgent first: drift, then days left.
    lines.sort_unstable_by(|a, b| {
        (
            std::cmp::Reverse(a.drift.len()),
            a.days_left.unwrap_or(i64::MAX),
            &a.child_id,
        )
            .cmp(&(
                std::cmp::Reverse(b.drift.len()),
                b.days_left.unwrap_or(i64::MAX),
                &b.child_id,
            ))
    });
    let headers = vec![
        "Child",
        "Team",
        "Plan",
        "Status",
        "In care",
        "Next milestone",
        "Due",
        "Days left",
        "Drift",
    ];
    let today = state.clock.today();
    // The CSV carries each reason's words; the page, its letter (the chart
    // and the filter name the letters).
    let row = |l: &app::permanence::TrackingLine, full: bool| {
        vec![
            Cell {
                text: l.child_id.clone(),
                href: Some(format!("/children/{}/plan", l.child_id)),
            },
            cell(l.team.clone().unwrap_or_default()),
            cell(l.pathway.map_or("No pathway yet", Pathway::label)),
            cell(l.lifecycle.map_or("No plan", Lifecycle::label)),
            cell(
                l.days_in_care
                    .map_or_else(String::new, |d| format!("{d} days")),
            ),
            cell(
                l.next_milestone
                    .as_ref()
                    .map_or_else(String::new, |m| m.0.clone()),
            ),
            cell(
                l.next_milestone
                    .as_ref()
                    .map_or_else(String::new, |m| long_date(m.1)),
            ),
            cell(l.days_left.map_or_else(String::new, |d| d.to_string())),
            cell(
                l.drift
                    .iter()
                    .map(|d| {
                        if full {
                            format!(
                                "({}) {} - {} days",
                                d.code.letter(),
                                d.message,
                                d.days_open(today)
                            )
                        } else {
                            format!("({}) {} days", d.code.letter(), d.days_open(today))
                        }
                    })
                    .chain(l.escalated.then(|| {
                        if full {
                            "Escalated to the service manager (TRACK-003)".to_owned()
                        } else {
                            "escalated".to_owned()
                        }
                    }))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ]
    };
    if q.format.as_deref() == Some("csv") {
        let rows: Vec<Vec<Cell>> = lines.iter().map(|l| row(l, true)).collect();
        crate::pages::audited_export(&state, &signed, "tracking", rows.len()).await;
        return csv_response("tracking", &headers, &rows);
    }
    let drifting = lines.iter().filter(|l| !l.drift.is_empty()).count();
    let mut per_code: HashMap<char, usize> = HashMap::new();
    for l in &lines {
        for d in &l.drift {
            *per_code
                .entry(d.code.letter().to_ascii_lowercase())
                .or_default() += 1;
        }
    }
    let mut counts: Vec<(String, usize)> = DRIFT_LETTERS
        .iter()
        .map(|(letter, label)| {
            let n = letter
                .chars()
                .next()
                .and_then(|c| per_code.get(&c))
                .copied()
                .unwrap_or(0);
            (label.to_string(), n)
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let option = |v: &str, l: &str| (v.to_owned(), l.to_owned());
    let mut filters = vec![
        Filter {
            name: "pathway",
            label: "Pathway",
            value: q.pathway.clone(),
            options: std::iter::once(option("", "All pathways"))
                .chain(Pathway::ALL.iter().map(|p| option(p.code(), p.label())))
                .collect(),
        },
        Filter {
            name: "flag",
            label: "Drift",
            value: q.flag.clone(),
            options: std::iter::once(option("", "All children"))
                .chain(std::iter::once(option("any", "Any drift")))
                .chain(DRIFT_LETTERS.iter().map(|(v, l)| option(v, l)))
                .collect(),
        },
        Filter {
            name: "age",
            label: "Age",
            value: q.age.clone(),
            options: vec![
                option("", "All ages"),
                option("0-4", "Under 5"),
                option("5-9", "5 to 9"),
                option("10-15", "10 to 15"),
                option("16-17", "16 and 17"),
            ],
        },
    ];
    if !team_scoped {
        filters.insert(
            0,
            Filter {
                name: "team",
                label: "Team",
                value: q.team.clone(),
                options: std::iter::once(option("", "Whole council"))
                    .chain(teams.iter().map(|t| option(t, t)))
                    .collect(),
            },
        );
    }
    let pages = lines.len().div_ceil(crate::pages::LIST_PAGE).max(1);
    let page = q.page.unwrap_or(1).clamp(1, pages);
    let rows: Vec<Vec<Cell>> = lines
        .iter()
        .skip((page - 1) * crate::pages::LIST_PAGE)
        .take(crate::pages::LIST_PAGE)
        .map(|l| row(l, false))
        .collect();
    let (prev_href, next_href) = page_links("/tracking", &filters, page, pages);
    let scope = if team_scoped {
        format!("the {} team", signed.user.team.clone().unwrap_or_default())
    } else if q.team.is_empty() {
        "the whole council".to_owned()
    } else {
        format!("the {} team", q.team)
    };
    let intro = vec![format!(
        "Children in care in {scope} on {}: {} listed, {drifting} with drift. Page {page} of {pages}.",
        long_date(state.clock.today()),
        lines.len(),
    )];
    let most = counts.iter().map(|c| c.1).max().unwrap_or(1).max(1);
    let chart = counts
        .iter()
        .map(|(label, n)| (label.clone(), *n, (*n * 100 / most) as u32))
        .collect();
    render(
        StatusCode::OK,
        &TablePage {
            chart,
            chrome: Chrome::new("Permanence tracking", Some(&signed), "/tracking"),
            intro,
            action: "/tracking",
            csv_href: Some(format!("/tracking?{}&format=csv", filter_query(&filters))),
            filters,
            headers,
            rows,
            prev_href,
            next_href,
        },
    )
}

fn q_age_needed(age: &str) -> bool {
    age_band(age).is_some()
}

fn age_band(age: &str) -> Option<(i64, i64)> {
    let (lo, hi) = age.split_once('-')?;
    Some((lo.parse().ok()?, hi.parse().ok()?))
}

fn ages_of(
    store: &store::Store,
    lines: &[app::permanence::TrackingLine],
    today: NaiveDate,
) -> Result<HashMap<String, i64>, app::AppError> {
    let ids: Vec<domain::child::ChildId> = lines
        .iter()
        .filter_map(|l| domain::child::ChildId::parse(&l.child_id).ok())
        .collect();
    let journeys = store.read(|tx| store::ChildRepository::journeys(tx, &ids))?;
    Ok(journeys
        .into_iter()
        .map(|j| {
            let age = j
                .value
                .child()
                .date_of_birth
                .years_since(today)
                .unwrap_or(0);
            (j.value.id().as_str().to_owned(), i64::from(age))
        })
        .collect())
}

// ---------------------------------------------------------------- the plan

fn pathway_options() -> Vec<(String, String)> {
    std::iter::once((String::new(), "Not chosen yet".to_owned()))
        .chain(
            Pathway::ALL
                .iter()
                .map(|p| (p.code().to_owned(), p.label().to_owned())),
        )
        .collect()
}

fn appraisal_code(o: AppraisalOutcome) -> &'static str {
    match o {
        AppraisalOutcome::RuledIn => "ruled_in",
        AppraisalOutcome::RuledOut => "ruled_out",
        AppraisalOutcome::NotApplicable => "not_applicable",
    }
}

fn area_code(a: OutcomeArea) -> &'static str {
    match a {
        OutcomeArea::SafetyAndWelfare => "safety",
        OutcomeArea::Stability => "stability",
        OutcomeArea::Education => "education",
        OutcomeArea::Leisure => "leisure",
        OutcomeArea::Transitions => "transitions",
    }
}

fn option_code(o: PermanenceOption) -> String {
    format!("option{}", o.step())
}

/// The plan page for a child.
pub(crate) async fn plan_page(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let from = client_address(&req);
    show_plan(&state, &signed, &id, &from, Vec::new(), None).await
}

async fn show_plan(
    state: &AppState,
    signed: &Signed,
    id: &str,
    from: &str,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let store = state.store.clone();
    let clock = state.clock.clone();
    let user = signed.user.clone();
    let (child, from) = (id.to_owned(), from.to_owned());
    let view = blocking(move || {
        let view = app::permanence::open_plan(&store, &user, clock.as_ref(), &child, &from)?;
        let issues = app::permanence::iro_issues(&store, clock.as_ref(), &child)?;
        let cases = app::permanence::cases_of_child(&store, &child)?;
        Ok::<_, app::AppError>((view, issues, cases))
    })
    .await;
    let (view, issues, cases) = match view {
        Ok(v) => v,
        Err(e) => {
            return failure(&e, signed).unwrap_or_else(|| {
                message(
                    StatusCode::BAD_REQUEST,
                    "Sorry, that did not work",
                    &[&e.to_string()],
                    Some(signed),
                )
            });
        }
    };
    let plan = &view.plan.value.document;
    let name = view.journey.value.child().name.full();
    let action = format!("/children/{id}/plan");
    let version = view.plan.version.to_string();
    let mut sections = Vec::new();
    let mut notices = Vec::new();

    let mut summary = part("summary", "The plan");
    summary.rows = vec![
        (
            "Pathway".into(),
            plan.pathway.map_or("Not chosen yet", Pathway::label).into(),
        ),
        ("Legal route or order sought".into(), opt(&plan.legal_route)),
        ("Timeframe".into(), opt(&plan.timeframe)),
        ("Plan status".into(), plan.firmness.label().into()),
        (
            "Stage".into(),
            workflow::PERM_PLAN.label(&plan.stage).into(),
        ),
        ("Created".into(), long_date(plan.created)),
        ("Ratified".into(), date_text(plan.ratified_on)),
        ("Owner".into(), plan.owner.clone()),
        ("Plan version".into(), plan.plan_version.to_string()),
    ];
    if let Some(p) = &plan.parallel {
        summary.rows.push((
            "Parallel plan".into(),
            format!(
                "{} (decision by {})",
                p.pathway.label(),
                long_date(p.decision_date)
            ),
        ));
    }
    sections.push(summary);

    let today = state.clock.today();
    let mut drift = part("drift", "Drift");
    if let Some((label, due)) = &view.next_milestone {
        drift.rows.push((
            "Next milestone".into(),
            format!(
                "{label}, due {} ({} days)",
                long_date(*due),
                (*due - today).num_days()
            ),
        ));
    }
    if view.drift.is_empty() {
        drift
            .paragraphs
            .push("No drift: the plan is on time.".into());
    } else {
        drift.items = view
            .drift
            .iter()
            .map(|d| {
                format!(
                    "({}) {} ({}), open since {} ({} days)",
                    d.code.letter(),
                    d.message,
                    d.rule,
                    long_date(d.opened),
                    d.days_open(today)
                )
            })
            .collect();
    }
    sections.push(drift);
    let blocking_gaps: Vec<_> = view.gaps.iter().filter(|g| g.blocking).collect();
    let warnings: Vec<_> = view.gaps.iter().filter(|g| !g.blocking).collect();
    if matches!(plan.lifecycle, Lifecycle::Draft | Lifecycle::UnderReview) {
        let mut gate = part("gate", "Ready for ratification?");
        if blocking_gaps.is_empty() {
            gate.paragraphs
                .push("Everything the plan must contain is recorded (PLAN-008).".into());
        } else {
            gate.paragraphs.push(format!(
                "{} things must be recorded before the plan can be ratified:",
                blocking_gaps.len()
            ));
            gate.items = blocking_gaps
                .iter()
                .map(|g| format!("{} ({})", g.message, g.rule))
                .collect();
        }
        sections.push(gate);
    }
    notices.extend(
        warnings
            .iter()
            .map(|g| format!("{} ({})", g.message, g.rule)),
    );

    // The moves this user may take now.
    let moves = workflow::PERM_PLAN.available(&plan.stage, &[signed.user.role]);
    if !moves.is_empty() && signed.user.may(Permission::WorkOnPlans) {
        let mut next = part("next", "What happens next");
        for t in moves {
            let mut f = button_form(
                &format!("step-{}", t.name),
                &action,
                t.label,
                vec![("version", version.clone()), ("action", t.name.to_owned())],
            );
            if matches!(t.name, "ratify" | "hold_first_review" | "achieve") {
                f.fields.push(FieldSpec {
                    hint: Some("For example, 27/3/2026. Leave blank for today.".into()),
                    ..field("on", "Date", "date", "")
                });
            }
            f.secondary = t.name == "withdraw" || t.name == "return_for_work";
            next.forms.push(f);
        }
        sections.push(next);
    }

    if matches!(plan.lifecycle, Lifecycle::Draft | Lifecycle::UnderReview)
        && signed.user.may(Permission::WorkOnPlans)
    {
        sections.push(plan_form(&action, &version, plan));
    } else {
        sections.push(plan_details(plan));
    }

    if !view.referrals.is_empty() {
        let mut r = part("referrals", "Panel referrals");
        r.table_headers = vec![
            "Referral".into(),
            "Item".into(),
            "Stage".into(),
            "List by".into(),
            "Outcome".into(),
        ];
        r.table_rows = view
            .referrals
            .iter()
            .map(|rec| {
                let d = &rec.value.document;
                vec![
                    Cell {
                        text: rec.value.id.clone(),
                        href: Some(format!("/referrals/{}", rec.value.id)),
                    },
                    cell(d.item.label()),
                    cell(workflow::PERM_PANEL.label(&d.stage)),
                    cell(date_text(d.list_by)),
                    cell(d.outcome.map_or("", Outcome::label)),
                ]
            })
            .collect();
        sections.push(r);
    }
    let role = signed.user.role;
    let may_work = signed.user.may(Permission::WorkOnPlans);
    // A change of plan (PLAN-011, WF-PLAN-CHANGE).
    match &view.change {
        Some(change) => {
            let c = &change.value.document;
            let mut part = part("change", "Change of plan");
            part.rows = vec![
                ("From".into(), c.from.label().into()),
                ("To".into(), c.to.label().into()),
                ("Proposed".into(), long_date(c.proposed)),
                ("Reasons".into(), c.reasons.clone()),
                ("Status".into(), sentence(c.status())),
            ];
            part.items = c
                .authorisations
                .iter()
                .map(|a| {
                    format!(
                        "{}: {} on {}",
                        sentence(a.authority.label()),
                        a.by,
                        long_date(a.on)
                    )
                })
                .collect();
            let change_action = format!("/children/{id}/plan/change");
            let cv = change.version.to_string();
            let outstanding = c.outstanding();
            if may_work
                && app::permanence::authority_for(role).is_some_and(|a| outstanding.contains(&a))
            {
                part.forms.push(button_form(
                    "authorise",
                    &change_action,
                    "Agree the change",
                    vec![
                        ("version", cv.clone()),
                        ("action", "authorise".into()),
                        ("change", change.value.id.clone()),
                    ],
                ));
            }
            if outstanding.is_empty() && role == domain::roles::Role::IndependentReviewingOfficer {
                let mut f = button_form(
                    "agree",
                    &change_action,
                    "Agree the change at review",
                    vec![
                        ("version", cv.clone()),
                        ("action", "agree".into()),
                        ("change", change.value.id.clone()),
                    ],
                );
                f.fields.push(FieldSpec {
                    hint: Some(
                        "The review's date, for example 27/3/2026. Leave blank for today.".into(),
                    ),
                    ..field("on", "Review date", "date", "")
                });
                part.forms.push(f);
            }
            sections.push(part);
        }
        None if may_work
            && plan.lifecycle.is_ratified()
            && workflow::PERM_PLAN
                .transition("propose_change")
                .is_some_and(|t| {
                    t.roles.contains(&role) && t.from.contains(&plan.stage.as_str())
                }) =>
        {
            let mut part = part("change", "Change of plan");
            let mut f = button_form(
                "change",
                &format!("/children/{id}/plan/change"),
                "Propose the change",
                vec![("version", version.clone()), ("action", "propose".into())],
            );
            f.secondary = true;
            f.fields.push(select(
                "to",
                "New pathway",
                "",
                Pathway::ALL
                    .iter()
                    .filter(|p| Some(**p) != plan.pathway)
                    .map(|p| (p.code().to_owned(), p.label().to_owned()))
                    .collect(),
            ));
            f.fields.push(field(
                "reasons",
                "Reasons, assessment and views behind the change",
                "textarea",
                "",
            ));
            part.forms.push(f);
            sections.push(part);
        }
        None => {}
    }
    // A match, once the panel found long-term fostering suitable (WF-LTF-MATCH).
    let suitable = view.referrals.iter().any(|r| {
        let d = &r.value.document;
        d.item == domain::permanence::referrals::ItemType::LtfSuitability
            && d.outcome == Some(Outcome::LtfSuitable)
            && (d.adm_agreed_at_meeting || d.adm_decision.as_ref().is_some_and(|a| a.agreed))
    });
    let matching = view
        .referrals
        .iter()
        .any(|r| r.value.document.item == domain::permanence::referrals::ItemType::Match);
    if suitable && !matching && may_work && plan.pathway == Some(Pathway::LongTermFostering) {
        let mut part = part("match", "Permanent foster match");
        part.paragraphs.push("The Permanence Panel found long-term fostering can meet the child's needs. Refer the proposed match to the panel.".into());
        let mut f = button_form(
            "match",
            &format!("/children/{id}/plan/match"),
            "Refer the match to the panel",
            vec![],
        );
        f.fields.push(field(
            "carer",
            "Proposed carers (name or carer reference)",
            "text",
            "",
        ));
        f.fields.push(field(
            "out_of_area",
            "The carers live outside Leicestershire",
            "checkbox",
            "",
        ));
        part.forms.push(f);
        sections.push(part);
    }
    // IRO issues (TRACK-012, TRACK-013).
    if !issues.is_empty() || role == domain::roles::Role::IndependentReviewingOfficer {
        let mut part = part("issues", "IRO issues");
        let today = state.clock.today();
        part.table_headers = vec![
            "Issue".into(),
            "Stage".into(),
            "Response due".into(),
            "Overall limit".into(),
            "Status".into(),
        ];
        part.table_rows = issues
            .iter()
            .map(|i| {
                let d = &i.value.document;
                let status = if let Some(r) = d.resolved {
                    format!("Resolved {}", long_date(r))
                } else if let Some(c) = &d.cafcass {
                    format!("Referred to Cafcass {}", long_date(c.referred))
                } else if d.over_overall_limit(today) {
                    "Over the overall limit (20 working days)".into()
                } else if d.current().automatic {
                    "Escalated automatically: no response in time".into()
                } else {
                    "Open".into()
                };
                vec![
                    cell(d.issue.clone()),
                    cell(d.current().stage.label()),
                    cell(long_date(d.current().response_due)),
                    cell(
                        d.overall_limit()
                            .map_or_else(|| "Informal".into(), long_date),
                    ),
                    cell(status),
                ]
            })
            .collect();
        for i in issues
            .iter()
            .filter(|i| i.value.document.resolved.is_none() && i.value.document.cafcass.is_none())
        {
            let d = &i.value.document;
            let iv = i.version.to_string();
            let action = format!("/children/{id}/plan/issues");
            let hidden = |a: &str| {
                vec![
                    ("version", iv.clone()),
                    ("issue", i.value.id.clone()),
                    ("action", a.to_owned()),
                ]
            };
            if role == app::permanence::responder(d.current().stage)
                && d.current().response.is_none()
            {
                part.forms.push(button_form(
                    &format!("respond-{}", i.value.id),
                    &action,
                    &format!("Record the response to \"{}\"", d.issue),
                    hidden("respond"),
                ));
            }
            if role == domain::roles::Role::IndependentReviewingOfficer {
                if d.current().stage.next().is_some() {
                    let mut f = button_form(
                        &format!("escalate-{}", i.value.id),
                        &action,
                        "Escalate to the next stage",
                        hidden("escalate"),
                    );
                    f.secondary = true;
                    part.forms.push(f);
                }
                part.forms.push(button_form(
                    &format!("resolve-{}", i.value.id),
                    &action,
                    "Record the issue resolved",
                    hidden("resolve"),
                ));
                let mut f = button_form(
                    &format!("cafcass-{}", i.value.id),
                    &action,
                    "Refer to Cafcass",
                    hidden("cafcass"),
                );
                f.secondary = true;
                f.fields.push(field(
                    "grounds",
                    "Grounds for the Cafcass referral",
                    "textarea",
                    "",
                ));
                part.forms.push(f);
            }
        }
        if role == domain::roles::Role::IndependentReviewingOfficer {
            let mut f = button_form(
                "raise",
                &format!("/children/{id}/plan/issues"),
                "Raise the issue",
                vec![("action", "raise".into())],
            );
            f.legend = Some("Raise an issue".into());
            f.fields.push(field("issue", "The issue", "textarea", ""));
            f.fields
                .push(field("action_required", "Action required", "textarea", ""));
            f.fields.push(select(
                "stage",
                "Start at",
                "stage0",
                domain::permanence::iro_issues::IroStage::ALL
                    .iter()
                    .map(|s| (s.code().to_owned(), s.label().to_owned()))
                    .collect(),
            ));
            part.forms.push(f);
        }
        sections.push(part);
    }
    if may_work && view.journey.value.current_episode().is_some() {
        let mut record = part("record", "Record");
        let mut f = button_form(
            "activity",
            &format!("/children/{id}/plan/activity"),
            "Record it",
            vec![],
        );
        f.secondary = true;
        f.fields.push(select(
            "kind",
            "What was done",
            "",
            app::permanence::PLAN_ACTIVITIES
                .iter()
                .map(|(k, rule)| (k.name().to_owned(), format!("{} ({rule})", k.label())))
                .collect(),
        ));
        f.fields.push(FieldSpec {
            hint: Some("For example, 27/3/2026. Leave blank for today.".into()),
            ..field("on", "Date", "date", "")
        });
        record.forms.push(f);
        sections.push(record);
    }
    // The other workflows of the chapter, as cases of their own.
    if may_work && (!cases.is_empty() || view.journey.value.current_episode().is_some()) {
        let mut part = part("cases", "Other work");
        let action = format!("/children/{id}/plan/cases");
        part.table_headers = vec![
            "Case".into(),
            "Workflow".into(),
            "Started".into(),
            "Now".into(),
        ];
        part.table_rows = cases
            .iter()
            .map(|c| {
                let d = &c.value.document;
                let wf = d.workflow();
                vec![
                    cell(c.value.id.clone()),
                    cell(wf.map_or("", |w| w.title)),
                    cell(long_date(d.started)),
                    cell(wf.map_or(d.state.clone(), |w| w.label(&d.state).to_owned())),
                ]
            })
            .collect();
        for c in &cases {
            let d = &c.value.document;
            let Some(wf) = d.workflow() else { continue };
            for t in wf.available(&d.state, &[role]) {
                let mut f = button_form(
                    &format!("case-{}-{}", c.value.id, t.name),
                    &action,
                    &format!("{}: {}", wf.title, t.label),
                    vec![
                        ("version", c.version.to_string()),
                        ("case", c.value.id.clone()),
                        ("action", t.name.to_owned()),
                    ],
                );
                f.secondary = true;
                part.forms.push(f);
            }
        }
        let startable: Vec<(String, String)> = app::permanence::CASE_WORKFLOWS
            .iter()
            .filter(|w| {
                w.states
                    .first()
                    .is_some_and(|s| !w.available(s.code, &[role]).is_empty())
            })
            .map(|w| (w.id.to_owned(), w.title.to_owned()))
            .collect();
        if !startable.is_empty() {
            let mut f = button_form("start", &action, "Start", vec![("action", "start".into())]);
            f.secondary = true;
            f.fields
                .push(select("workflow", "Start a case", "", startable));
            part.forms.push(f);
        }
        if !part.table_rows.is_empty() || !part.forms.is_empty() {
            sections.push(part);
        }
    }
    if !view.history.is_empty() {
        let mut h = part("history", "Earlier versions");
        h.table_headers = vec![
            "Version".into(),
            "Pathway".into(),
            "Status".into(),
            "Ratified".into(),
            "Superseded".into(),
        ];
        h.table_rows = view
            .history
            .iter()
            .map(|p| {
                vec![
                    cell(p.plan_version.to_string()),
                    cell(p.pathway.map_or("", Pathway::label)),
                    cell(p.lifecycle.label()),
                    cell(date_text(p.ratified_on)),
                    cell(date_text(p.superseded_on)),
                ]
            })
            .collect();
        sections.push(h);
    }
    RecordPage {
        chrome: Chrome::new("Permanence plan", Some(signed), "/tracking"),
        back: Some((format!("/children/{id}"), format!("Back to {name}"))),
        caption: Some(name),
        status: Some(lifecycle_tag(plan.lifecycle)),
        errors,
        notices,
        success: done,
        sections,
    }
    .respond()
}

fn plan_details(plan: &PermanencePlan) -> Part {
    let mut d = part("details", "What the plan holds");
    d.rows
        .push(("Support plan".into(), opt(&plan.support_plan)));
    d.rows
        .push(("Contact Agreement".into(), opt(&plan.contact_agreement)));
    d.rows
        .push(("Carer's views".into(), opt(&plan.carer_views)));
    if let Some(v) = &plan.child_voice {
        d.rows.push(("Child's wishes".into(), v.wishes.clone()));
    }
    for (k, v) in plan.identity.headings() {
        d.rows.push((format!("Identity: {k}"), opt(v)));
    }
    d.items = plan
        .steps
        .iter()
        .map(|s| {
            format!(
                "{} - {} by {}{}",
                s.description,
                s.owner,
                long_date(s.target),
                s.done
                    .map_or(String::new(), |d| format!(" (done {})", long_date(d)))
            )
        })
        .collect();
    d
}

fn plan_form(action: &str, version: &str, plan: &PermanencePlan) -> Part {
    let mut p = part("edit", "Edit the plan");
    p.paragraphs.push(
        "Record the pathway and what the plan must contain. Everything here is saved together."
            .into(),
    );
    let mut f = button_form(
        "plan",
        action,
        "Save the plan",
        vec![("version", version.to_owned()), ("action", "edit".into())],
    );
    f.fields.push(select(
        "pathway",
        "Pathway",
        plan.pathway.map_or("", Pathway::code),
        pathway_options(),
    ));
    f.fields.push(field(
        "legal_route",
        "Legal route or order sought",
        "text",
        opt(&plan.legal_route),
    ));
    f.fields.push(field(
        "timeframe",
        "Timeframe",
        "text",
        opt(&plan.timeframe),
    ));
    f.fields.push(field(
        "provisional",
        "Provisional (court proceedings are running)",
        "checkbox",
        if plan.firmness.provisional { "yes" } else { "" },
    ));
    f.fields.push(field(
        "final_hearing",
        "Final hearing date (provisional plans)",
        "date",
        form_date(plan.court.as_ref().and_then(|c| c.final_hearing)),
    ));
    f.fields.push(field(
        "parallel",
        "There is a parallel plan",
        "checkbox",
        if plan.firmness.parallel { "yes" } else { "" },
    ));
    f.fields.push(select(
        "parallel_pathway",
        "Parallel plan pathway",
        plan.parallel.as_ref().map_or("", |p| p.pathway.code()),
        pathway_options(),
    ));
    f.fields.push(field(
        "parallel_decision",
        "Parallel plan decision date",
        "date",
        form_date(plan.parallel.as_ref().map(|p| p.decision_date)),
    ));
    let outcome_options = vec![
        (String::new(), "Not considered yet".to_owned()),
        ("ruled_in".to_owned(), "Ruled in".to_owned()),
        ("ruled_out".to_owned(), "Ruled out".to_owned()),
        ("not_applicable".to_owned(), "Not applicable".to_owned()),
    ];
    for o in PermanenceOption::ALL {
        let entry = plan.appraisal.iter().find(|e| e.option == o);
        f.fields.push(select(
            &option_code(o),
            &format!("Options appraisal, step {}: {}", o.step(), o.label()),
            entry.map_or("", |e| appraisal_code(e.outcome)),
            outcome_options.clone(),
        ));
        f.fields.push(field(
            &format!("{}_reasons", option_code(o)),
            &format!("Reasons (step {})", o.step()),
            "text",
            entry.map_or(String::new(), |e| e.reasons.clone()),
        ));
    }
    f.fields.push(FieldSpec {
        hint: Some("One per line, starting with the outcome area: safety, stability, education, leisure or transitions. For example: stability: stays with her carers until 18".into()),
        ..field("objectives", "Intended outcomes", "textarea", plan.objectives.iter().map(|o| format!("{}: {}", area_code(o.area), o.text)).collect::<Vec<_>>().join("\n"))
    });
    f.fields.push(FieldSpec {
        hint: Some("One per line: target date | owner | step. For example: 30/09/2026 | J Smith | LTF suitability assessment".into()),
        ..field("steps", "Steps", "textarea", plan.steps.iter().map(|s| format!("{} | {} | {}", form_date(Some(s.target)), s.owner, s.description)).collect::<Vec<_>>().join("\n"))
    });
    f.fields.push(field(
        "support_plan",
        "Support plan reference (Growing Safety Support Plan and Agreement)",
        "text",
        opt(&plan.support_plan),
    ));
    f.fields.push(field(
        "contact_agreement",
        "Contact Agreement reference",
        "text",
        opt(&plan.contact_agreement),
    ));
    f.fields.push(select(
        "siblings",
        "Sibling assessment Planning Aid",
        plan.sibling_assessment
            .as_ref()
            .map_or("", |s| if s.together { "together" } else { "apart" }),
        vec![
            (String::new(), "Not done".into()),
            ("together".into(), "Together".into()),
            ("apart".into(), "Apart".into()),
        ],
    ));
    f.fields.push(field(
        "siblings_reasons",
        "Sibling assessment: reasons",
        "text",
        plan.sibling_assessment
            .as_ref()
            .map_or(String::new(), |s| s.reasons.clone()),
    ));
    for (key, label, value) in [
        (
            "ethnic_origin",
            "Identity: ethnic origin",
            &plan.identity.ethnic_origin,
        ),
        (
            "cultural_background",
            "Identity: cultural background",
            &plan.identity.cultural_background,
        ),
        ("language", "Identity: language", &plan.identity.language),
        ("religion", "Identity: religion", &plan.identity.religion),
        (
            "disability",
            "Identity: disability",
            &plan.identity.disability,
        ),
        ("sexuality", "Identity: sexuality", &plan.identity.sexuality),
    ] {
        f.fields.push(FieldSpec {
            hint: Some("\"Not known\" or \"not applicable\" with a reason is allowed".into()),
            ..field(key, label, "text", opt(value))
        });
    }
    f.fields.push(field(
        "wishes",
        "The child's wishes and feelings",
        "textarea",
        plan.child_voice
            .as_ref()
            .map_or(String::new(), |v| v.wishes.clone()),
    ));
    f.fields.push(field(
        "follows_wishes",
        "The plan follows the child's wishes",
        "checkbox",
        if plan
            .child_voice
            .as_ref()
            .is_none_or(|v| v.decision_follows_wishes)
        {
            "yes"
        } else {
            ""
        },
    ));
    f.fields.push(field(
        "reason_differs",
        "If not, why the decision differs from the child's wishes",
        "text",
        plan.child_voice
            .as_ref()
            .and_then(|v| v.reason_differs.clone())
            .unwrap_or_default(),
    ));
    f.fields.push(field(
        "carer_views",
        "The carer's views",
        "textarea",
        opt(&plan.carer_views),
    ));
    f.fields.push(field(
        "exceptional",
        "Exceptional-needs assessment reference (residential plans only)",
        "text",
        plan.exceptional
            .as_ref()
            .map_or(String::new(), |e| e.assessment_ref.clone()),
    ));
    p.forms.push(f);
    p
}

/// Reads the plan form into a plan document, or the errors naming each field.
fn read_plan_form(
    form: &HashMap<String, String>,
    base: &PermanencePlan,
) -> Result<PermanencePlan, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut plan = base.clone();
    let get = |k: &str| form.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    plan.pathway = Pathway::parse(&get("pathway"));
    plan.legal_route = nonblank(form.get("legal_route"));
    plan.timeframe = nonblank(form.get("timeframe"));
    plan.firmness.provisional = get("provisional") == "yes";
    plan.firmness.parallel = get("parallel") == "yes";
    let date = |k: &'static str, errors: &mut Vec<FieldError>| -> Option<NaiveDate> {
        let v = get(k.trim_start_matches("plan-"));
        if v.is_empty() {
            return None;
        }
        let d = parse_date(&v);
        if d.is_none() {
            errors.push(FieldError {
                field: k,
                message: format!("Enter a real date, like 27/3/2026 (\"{v}\" is not one)"),
            });
        }
        d
    };
    let final_hearing = date("plan-final_hearing", &mut errors);
    plan.court = (plan.firmness.provisional || final_hearing.is_some()).then(|| CourtTimetable {
        next_hearing: plan.court.as_ref().and_then(|c| c.next_hearing),
        final_hearing,
        final_order: plan.court.as_ref().and_then(|c| c.final_order),
    });
    let parallel_decision = date("plan-parallel_decision", &mut errors);
    plan.parallel = match (Pathway::parse(&get("parallel_pathway")), parallel_decision) {
        (Some(pathway), Some(decision_date)) => Some(ParallelPlan {
            pathway,
            decision_date,
            decided: None,
        }),
        (None, None) => None,
        _ => {
            errors.push(FieldError {
                field: "plan-parallel_pathway",
                message: "A parallel plan needs both its pathway and its decision date".into(),
            });
            None
        }
    };
    plan.appraisal = PermanenceOption::ALL
        .into_iter()
        .filter_map(|o| {
            let outcome = match get(&option_code(o)).as_str() {
                "ruled_in" => AppraisalOutcome::RuledIn,
                "ruled_out" => AppraisalOutcome::RuledOut,
                "not_applicable" => AppraisalOutcome::NotApplicable,
                _ => return None,
            };
            Some(AppraisalEntry {
                option: o,
                outcome,
                reasons: get(&format!("{}_reasons", option_code(o))),
                assessment_ref: None,
            })
        })
        .collect();
    plan.objectives = Vec::new();
    for (n, line) in get("objectives")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
    {
        let parsed = line.split_once(':').and_then(|(area, text)| {
            let area = OutcomeArea::ALL
                .into_iter()
                .find(|a| area_code(*a) == area.trim().to_lowercase())?;
            Some(Objective {
                area,
                text: text.trim().to_owned(),
            })
        });
        match parsed {
            Some(o) if !o.text.is_empty() => plan.objectives.push(o),
            _ => errors.push(FieldError { field: "plan-objectives", message: format!("Intended outcomes, line {}: start with an outcome area (safety, stability, education, leisure or transitions) and a colon", n + 1) }),
        }
    }
    plan.steps = Vec::new();
    for (n, line) in get("steps")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
    {
        let parts: Vec<&str> = line.splitn(3, '|').map(str::trim).collect();
        match (parts.first().and_then(|d| parse_date(d)), parts.get(1), parts.get(2)) {
            (Some(target), Some(owner), Some(description)) if !owner.is_empty() && !description.is_empty() => {
                let old = base.steps.iter().find(|s| s.description == *description);
                plan.steps.push(Step {
                    description: (*description).to_owned(),
                    owner: (*owner).to_owned(),
                    target,
                    done: old.and_then(|s| s.done),
                    variance_reason: old.and_then(|s| s.variance_reason.clone()),
                });
            }
            _ => errors.push(FieldError { field: "plan-steps", message: format!("Steps, line {}: write target date | owner | step, like 30/09/2026 | J Smith | LTF suitability assessment", n + 1) }),
        }
    }
    plan.support_plan = nonblank(form.get("support_plan"));
    plan.contact_agreement = nonblank(form.get("contact_agreement"));
    plan.sibling_assessment = match get("siblings").as_str() {
        "together" | "apart" => Some(SiblingAssessment {
            together: get("siblings") == "together",
            reasons: get("siblings_reasons"),
            completed: base
                .sibling_assessment
                .as_ref()
                .map_or(base.created, |s| s.completed),
        }),
        _ => None,
    };
    plan.identity.ethnic_origin = nonblank(form.get("ethnic_origin"));
    plan.identity.cultural_background = nonblank(form.get("cultural_background"));
    plan.identity.language = nonblank(form.get("language"));
    plan.identity.religion = nonblank(form.get("religion"));
    plan.identity.disability = nonblank(form.get("disability"));
    plan.identity.sexuality = nonblank(form.get("sexuality"));
    plan.child_voice = nonblank(form.get("wishes")).map(|wishes| Voice {
        wishes,
        gathered: base
            .child_voice
            .as_ref()
            .map_or(base.created, |v| v.gathered),
        decision_follows_wishes: get("follows_wishes") == "yes",
        reason_differs: nonblank(form.get("reason_differs")),
    });
    plan.carer_views = nonblank(form.get("carer_views"));
    plan.exceptional = nonblank(form.get("exceptional")).map(|assessment_ref| Exceptional {
        assessment_ref,
        circumstances: base
            .exceptional
            .as_ref()
            .map_or(String::new(), |e| e.circumstances.clone()),
        approved_by: base
            .exceptional
            .as_ref()
            .and_then(|e| e.approved_by.clone()),
    });
    if errors.is_empty() {
        Ok(plan)
    } else {
        Err(errors)
    }
}

/// The plan page after an action: with what was done, or with the error
/// against the field it concerns (a refusal of access is its own page).
async fn plan_after(
    state: &AppState,
    signed: &Signed,
    id: &str,
    from: &str,
    field: &'static str,
    result: Result<String, app::AppError>,
) -> Response {
    match result {
        Ok(done) => show_plan(state, signed, id, from, Vec::new(), Some(done)).await,
        Err(e) => match failure(&e, signed) {
            Some(r) => r,
            None => {
                let errors = vec![FieldError {
                    field,
                    message: e.to_string(),
                }];
                show_plan(state, signed, id, from, errors, None).await
            }
        },
    }
}

/// Saves the plan form or takes a workflow step.
pub(crate) async fn plan_post(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let (form, from) = match read_form(&state, &signed, req).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let version: i64 = form
        .get("version")
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1);
    let action = form.get("action").cloned().unwrap_or_default();
    let store = state.store.clone();
    let clock = state.clock.clone();
    let user = signed.user.clone();
    let (child, address) = (id.clone(), from.clone());
    if action == "edit" {
        let base = {
            let (store, clock, user, child, address) = (
                store.clone(),
                clock.clone(),
                user.clone(),
                child.clone(),
                address.clone(),
            );
            blocking(move || {
                app::permanence::open_plan(&store, &user, clock.as_ref(), &child, &address)
            })
            .await
        };
        let base = match base {
            Ok(v) => v.plan.value.document,
            Err(e) => {
                return failure(&e, &signed).unwrap_or_else(|| {
                    message(
                        StatusCode::BAD_REQUEST,
                        "Sorry, that did not work",
                        &[&e.to_string()],
                        Some(&signed),
                    )
                });
            }
        };
        let contents = match read_plan_form(&form, &base) {
            Ok(p) => p,
            Err(errors) => return show_plan(&state, &signed, &id, &from, errors, None).await,
        };
        let saved = blocking(move || {
            app::permanence::edit_plan(
                &store,
                &user,
                clock.as_ref(),
                &child,
                version,
                contents,
                &address,
            )
        })
        .await;
        return match saved {
            Ok(_) => Redirect::to(&format!("/children/{id}/plan")).into_response(),
            Err(e) => match failure(&e, &signed) {
                Some(r) => r,
                None => {
                    show_plan(
                        &state,
                        &signed,
                        &id,
                        &from,
                        vec![FieldError {
                            field: "plan-pathway",
                            message: e.to_string(),
                        }],
                        None,
                    )
                    .await
                }
            },
        };
    }
    let on = match form.get("on").map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => match parse_date(v) {
            Some(d) => Some(d),
            None => {
                return show_plan(
                    &state,
                    &signed,
                    &id,
                    &from,
                    vec![FieldError {
                        field: "next",
                        message: format!("Enter a real date, like 27/3/2026 (\"{v}\" is not one)"),
                    }],
                    None,
                )
                .await;
            }
        },
    };
    let step = action.clone();
    let saved = blocking(move || {
        app::permanence::plan_step(
            &store,
            &user,
            clock.as_ref(),
            &child,
            version,
            app::permanence::StepInput {
                transition: step,
                on,
            },
            &address,
        )
    })
    .await;
    let label = workflow::PERM_PLAN
        .transition(&action)
        .map_or("Done", |t| t.label);
    plan_after(
        &state,
        &signed,
        &id,
        &from,
        "next",
        saved.map(|_| format!("Done: {label}.")),
    )
    .await
}

// ---------------------------------------------------------------- referrals

/// A referral: its pack checklist and the moves the user may take.
pub(crate) async fn referral_page(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let from = client_address(&req);
    show_referral(&state, &signed, &id, &from, Vec::new(), None).await
}

async fn show_referral(
    state: &AppState,
    signed: &Signed,
    id: &str,
    from: &str,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let store = state.store.clone();
    let clock = state.clock.clone();
    let user = signed.user.clone();
    let (rid, from) = (id.to_owned(), from.to_owned());
    let view = blocking(move || {
        app::permanence::open_referral(&store, &user, clock.as_ref(), &rid, &from)
    })
    .await;
    let view = match view {
        Ok(v) => v,
        Err(e) => {
            return failure(&e, signed).unwrap_or_else(|| {
                message(
                    StatusCode::NOT_FOUND,
                    "Page not found",
                    &[&e.to_string()],
                    Some(signed),
                )
            });
        }
    };
    let r = &view.referral.value.document;
    let action = format!("/referrals/{id}");
    let version = view.referral.version.to_string();
    let role = signed.user.role;
    let mut sections = Vec::new();
    let mut notices: Vec<String> = Vec::new();

    let mut summary = part("summary", "Referral");
    summary.rows = vec![
        ("Child".into(), r.child_id.clone()),
        ("Item".into(), r.item.label().into()),
        ("Panel".into(), r.forum.label().into()),
        ("Stage".into(), workflow::PERM_PANEL.label(&r.stage).into()),
        ("Created".into(), long_date(r.created)),
        ("List by".into(), date_text(r.list_by)),
    ];
    if let Some(m) = &view.meeting {
        summary
            .rows
            .push(("Meeting".into(), long_date(m.value.document.date)));
    }
    if let Some(o) = r.outcome {
        summary.rows.push(("Outcome".into(), o.label().into()));
        summary.rows.push(("Reasons".into(), opt(&r.reasons)));
    }
    if !r.further_information.is_empty() {
        summary.rows.push((
            "Further information needed".into(),
            format!(
                "{} (by {})",
                r.further_information.join("; "),
                date_text(r.further_information_due)
            ),
        ));
    }
    if let Some(d) = &r.adm_decision {
        summary.rows.push((
            "Agency decision".into(),
            format!(
                "{} on {} by {}",
                if d.agreed { "Agreed" } else { "Not agreed" },
                long_date(d.decided_on),
                d.by
            ),
        ));
    } else if r.stage == "adm" {
        summary.rows.push((
            "Agency decision due".into(),
            view.meeting.as_ref().map_or_else(String::new, |m| {
                long_date(domain::permanence::referrals::adm_confirmation_due(
                    m.value.document.date,
                ))
            }),
        ));
    }
    summary.links.push((
        format!("/children/{}/plan", r.child_id),
        "The child's permanence plan".into(),
    ));
    if r.outcome.is_some() {
        summary.links.push((
            format!("/referrals/{id}/letter"),
            "Outcome letter (printable)".into(),
        ));
    }
    sections.push(summary);

    let mut pack = part("pack", "Pack checklist");
    if view.missing.is_empty() {
        pack.paragraphs.push("The pack is complete.".into());
    } else {
        pack.paragraphs.push(format!(
            "The item cannot be listed until {} more papers are in the pack:",
            view.missing.len()
        ));
        pack.items = view
            .missing
            .iter()
            .map(|d| format!("Missing: {}", d.label()))
            .collect();
        if matches!(r.stage.as_str(), "created" | "pack" | "endorsed") {
            notices.push(format!("Pack incomplete: {} missing", view.missing.len()));
        }
    }
    pack.table_headers = vec!["Paper".into(), "Received".into(), "By".into()];
    pack.table_rows = view
        .required
        .iter()
        .map(|d| {
            let got = r.pack.iter().find(|e| e.doc == *d);
            vec![
                cell(d.label()),
                cell(got.map_or("Missing".into(), |e| long_date(e.received))),
                cell(got.map_or(String::new(), |e| e.by.clone())),
            ]
        })
        .collect();
    let may_work = signed.user.may(Permission::WorkOnPlans);
    // Who may add papers: those WF-PERM-PANEL lets prepare the pack, and the
    // team manager; who decides on family finding: the child's worker, their
    // manager or a family finder (as the use cases check).
    use domain::roles::Role as R;
    let may_prepare = workflow::PERM_PANEL
        .transition("prepare_pack")
        .is_some_and(|t| t.roles.contains(&role))
        || role == R::TeamManager;
    let may_decide_finding = matches!(role, R::SocialWorker | R::TeamManager | R::FamilyFinder);
    if may_work && may_prepare && matches!(r.stage.as_str(), "created" | "pack") {
        let attachable: Vec<(String, String)> = view
            .missing
            .iter()
            .filter(|d| **d != PackDoc::TeamManagerEndorsement)
            .map(|d| (d.code().to_owned(), d.label().to_owned()))
            .collect();
        if !attachable.is_empty() {
            let mut f = button_form(
                "attach",
                &action,
                "Add to the pack",
                vec![("version", version.clone()), ("action", "attach".into())],
            );
            f.fields
                .push(select("paper", "Paper received", "", attachable));
            pack.forms.push(f);
        }
    }
    if may_work && may_decide_finding && matches!(r.stage.as_str(), "created" | "pack") {
        let mut f = button_form(
            "finding",
            &action,
            "Save",
            vec![
                ("version", version.clone()),
                ("action", "family_finding".into()),
            ],
        );
        f.secondary = true;
        f.legend = Some(if r.needs.family_finding {
            "Family finding is needed: Pack F is in the checklist".into()
        } else {
            "The current carers are the proposed long-term carers".into()
        });
        f.fields.push(field(
            "needed",
            "The child needs a new family found (Pack F to the Permanence Team)",
            "checkbox",
            if r.needs.family_finding { "yes" } else { "" },
        ));
        pack.forms.push(f);
    }
    if r.carer_out_of_area && may_work {
        let mut f = button_form(
            "rationale",
            &action,
            "Save the rationale",
            vec![("version", version.clone()), ("action", "rationale".into())],
        );
        f.secondary = true;
        f.fields.push(field(
            "rationale",
            "Local-placement rationale (the carers live outside Leicestershire)",
            "textarea",
            opt(&r.local_rationale),
        ));
        pack.forms.push(f);
    }
    sections.push(pack);

    let mut next = part("next", "What happens next");
    let wf = &workflow::PERM_PANEL;
    let mut moves = wf.available(&r.stage, &[role]);
    // The panel adviser may try to list an item still in preparation: the
    // refusal names the papers missing (PANEL-005).
    if matches!(r.stage.as_str(), "created" | "pack")
        && let Some(list) = wf.transition("list").filter(|t| t.roles.contains(&role))
    {
        moves.push(list);
    }
    for t in moves {
        match t.name {
            "endorse" => next.forms.push(button_form(
                "endorse",
                &action,
                "Endorse the pack (quality assured)",
                vec![("version", version.clone()), ("action", "endorse".into())],
            )),
            "list" => {
                let mut f = button_form(
                    "list",
                    &action,
                    "List for this meeting",
                    vec![("version", version.clone()), ("action", "list".into())],
                );
                let options: Vec<(String, String)> = view
                    .open_meetings
                    .iter()
                    // Meetings whose papers cut-off has not passed (PANEL-011).
                    .filter(|m| {
                        m.value.document.forum == r.forum
                            && view.forum.cutoff_for(m.value.document.date) >= state.clock.today()
                    })
                    .map(|m| {
                        (
                            m.value.id.clone(),
                            format!(
                                "{} on {} (cut-off {})",
                                m.value.document.forum.label(),
                                long_date(m.value.document.date),
                                long_date(view.forum.cutoff_for(m.value.document.date))
                            ),
                        )
                    })
                    .collect();
                if options.is_empty() {
                    next.paragraphs.push("There is no meeting whose papers cut-off is still open: arrange one on the Panels page.".into());
                } else {
                    f.fields.push(select("meeting", "Meeting", "", options));
                    next.forms.push(f);
                }
            }
            "record_outcome" | "hear" => {
                if next.forms.iter().any(|f| f.id == "outcome") {
                    continue;
                }
                let mut f = button_form(
                    "outcome",
                    &action,
                    "Record the outcome",
                    vec![("version", version.clone()), ("action", "outcome".into())],
                );
                f.fields.push(select(
                    "outcome",
                    "Outcome",
                    "",
                    Outcome::for_item(r.item)
                        .iter()
                        .map(|o| (o.code().to_owned(), o.label().to_owned()))
                        .collect(),
                ));
                f.fields.push(field("reasons", "Reasons", "textarea", ""));
                f.fields.push(FieldSpec {
                    hint: Some("Only for a deferral: one item per line".into()),
                    ..field("further", "Further information needed", "textarea", "")
                });
                f.fields.push(field(
                    "further_due",
                    "Further information due by",
                    "date",
                    "",
                ));
                f.fields.push(field(
                    "adm_agreed",
                    "The agency decision maker was present and agreed",
                    "checkbox",
                    "",
                ));
                next.forms.push(f);
            }
            "adm_decide" => {
                let mut f = button_form(
                    "adm",
                    &action,
                    "Record the agency decision",
                    vec![("version", version.clone()), ("action", "adm".into())],
                );
                f.fields.push(select(
                    "agreed",
                    "Decision",
                    "yes",
                    vec![
                        ("yes".into(), "Agree the recommendation".into()),
                        ("no".into(), "Do not agree".into()),
                    ],
                ));
                f.fields.push(field("reasons", "Reasons", "textarea", ""));
                next.forms.push(f);
            }
            "communicate" => next.forms.push(button_form(
                "communicate",
                &action,
                "Record that the child, carer and IRO were told",
                vec![
                    ("version", version.clone()),
                    ("action", "communicate".into()),
                ],
            )),
            _ => {}
        }
    }
    if r.outcome.is_some_and(|o| o != Outcome::DiscussionOnly) {
        let mut reps = part("representations", "Representations");
        reps.paragraphs.push("The child, a parent or the carer may make representations about the outcome through the complaints procedure or the IRO. The item can be reconsidered only with new information (PANEL-016).".into());
        reps.items = r
            .representations
            .iter()
            .map(|p| {
                format!(
                    "{:?} via {}, received {}",
                    p.from,
                    match p.route {
                        domain::permanence::referrals::RepresentationRoute::Iro => "the IRO",
                        _ => "the complaints procedure",
                    },
                    long_date(p.received)
                )
            })
            .collect();
        if may_work {
            let mut f = button_form(
                "representation",
                &action,
                "Log the representation",
                vec![
                    ("version", version.clone()),
                    ("action", "representation".into()),
                ],
            );
            f.secondary = true;
            f.fields.push(select(
                "from",
                "From",
                "carer",
                vec![
                    ("child".into(), "The child".into()),
                    ("parent".into(), "A parent".into()),
                    ("carer".into(), "The carer".into()),
                ],
            ));
            f.fields.push(select(
                "route",
                "Received through",
                "complaints",
                vec![
                    (
                        "complaints".into(),
                        "The complaints and representations procedure".into(),
                    ),
                    ("iro".into(), "The IRO".into()),
                ],
            ));
            f.fields
                .push(field("summary", "What it is about", "textarea", ""));
            reps.forms.push(f);
        }
        sections.push(reps);
    }
    if r.stage == "outcome"
        && r.adm_decision.is_none()
        && !r.adm_agreed_at_meeting
        && r.outcome != Some(Outcome::Deferred)
    {
        notices.push("The panel's outcome is a recommendation until the agency decision maker confirms it (PANEL-006).".into());
    }
    if !next.forms.is_empty() || !next.paragraphs.is_empty() {
        sections.push(next);
    }
    RecordPage {
        caption: Some(r.item.label().into()),
        status: Some((
            workflow::PERM_PANEL.label(&r.stage).to_owned(),
            if view.missing.is_empty() {
                "green"
            } else {
                "yellow"
            },
        )),
        errors,
        notices,
        success: done,
        sections,
        ..panels_page(format!("Referral {id}"), signed)
    }
    .respond()
}

/// Takes an action on a referral.
pub(crate) async fn referral_post(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    use app::permanence::ReferralAction as A;
    let (form, from) = match read_form(&state, &signed, req).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let version: i64 = form
        .get("version")
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1);
    let get = |k: &str| form.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let err = |field: &'static str, m: String| vec![FieldError { field, message: m }];
    let action = match get("action").as_str() {
        "attach" => match PackDoc::parse(&get("paper")) {
            Some(d) => A::AttachPaper(d),
            None => {
                return show_referral(
                    &state,
                    &signed,
                    &id,
                    &from,
                    err("attach-paper", "Choose the paper received".into()),
                    None,
                )
                .await;
            }
        },
        "rationale" => A::LocalRationale(get("rationale")),
        "family_finding" => A::FamilyFinding(get("needed") == "yes"),
        "representation" => {
            use domain::permanence::referrals::{RepresentationRoute, Representer};
            let from = match get("from").as_str() {
                "child" => Representer::Child,
                "parent" => Representer::Parent,
                _ => Representer::Carer,
            };
            let route = if get("route") == "iro" {
                RepresentationRoute::Iro
            } else {
                RepresentationRoute::Complaints
            };
            A::Representation {
                from,
                route,
                summary: get("summary"),
            }
        }
        "endorse" => A::Endorse,
        "list" => A::List {
            meeting: get("meeting"),
        },
        "outcome" => {
            let Some(outcome) = Outcome::parse(&get("outcome")) else {
                return show_referral(
                    &state,
                    &signed,
                    &id,
                    &from,
                    err("outcome-outcome", "Choose the outcome".into()),
                    None,
                )
                .await;
            };
            let due = get("further_due");
            let further_information_due = if due.is_empty() {
                None
            } else {
                match parse_date(&due) {
                    Some(d) => Some(d),
                    None => {
                        return show_referral(
                            &state,
                            &signed,
                            &id,
                            &from,
                            err(
                                "outcome-further_due",
                                format!("Enter a real date, like 27/3/2026 (\"{due}\" is not one)"),
                            ),
                            None,
                        )
                        .await;
                    }
                }
            };
            A::Outcome(ProposedOutcome {
                outcome,
                reasons: get("reasons"),
                further_information: get("further")
                    .lines()
                    .map(|l| l.trim().to_owned())
                    .filter(|l| !l.is_empty())
                    .collect(),
                further_information_due,
                adm_agreed: get("adm_agreed") == "yes",
            })
        }
        "adm" => A::AdmDecision {
            agreed: get("agreed") != "no",
            reasons: get("reasons"),
        },
        "communicate" => A::Communicated,
        other => {
            return show_referral(
                &state,
                &signed,
                &id,
                &from,
                err(
                    "next",
                    format!("\"{other}\" is not something that can be done to a referral"),
                ),
                None,
            )
            .await;
        }
    };
    let label = match &action {
        A::AttachPaper(d) => format!("{} added to the pack.", d.label()),
        A::LocalRationale(_) => "Local-placement rationale saved.".into(),
        A::FamilyFinding(true) => "Family finding is needed: Pack F added to the checklist.".into(),
        A::FamilyFinding(false) => "Family finding is not needed.".into(),
        A::Representation { .. } => "Representation logged against the panel item.".into(),
        A::Endorse => "Pack endorsed.".into(),
        A::List { .. } => "Listed for the meeting.".into(),
        A::Outcome(o) => format!("Outcome recorded: {}.", o.outcome.label()),
        A::AdmDecision { .. } => "Agency decision recorded.".into(),
        A::Communicated => "Recorded that the child, carer and IRO were told.".into(),
    };
    let field = match &action {
        A::AttachPaper(_) => "attach-paper",
        A::List { .. } => "list-meeting",
        A::Outcome(_) => "outcome-outcome",
        A::AdmDecision { .. } => "adm-reasons",
        A::Representation { .. } => "representation-summary",
        _ => "next",
    };
    let store = state.store.clone();
    let clock = state.clock.clone();
    let user = signed.user.clone();
    let (rid, address) = (id.clone(), from.clone());
    let saved = blocking(move || {
        app::permanence::act_on_referral(
            &store,
            &user,
            clock.as_ref(),
            &rid,
            version,
            action,
            &address,
        )
    })
    .await;
    match saved {
        Ok(_) => show_referral(&state, &signed, &id, &from, Vec::new(), Some(label)).await,
        Err(e) => match failure(&e, &signed) {
            Some(r) => r,
            None => {
                show_referral(&state, &signed, &id, &from, err(field, e.to_string()), None).await
            }
        },
    }
}

/// The outcome letter for a referral, to print.
pub(crate) async fn letter(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let from = client_address(&req);
    let store = state.store.clone();
    let clock = state.clock.clone();
    let user = signed.user.clone();
    let rid = id.clone();
    let view = blocking(move || {
        let v = app::permanence::open_referral(&store, &user, clock.as_ref(), &rid, &from)?;
        let child = domain::child::ChildId::parse(&v.referral.value.document.child_id)
            .map_err(|e| app::AppError::Invalid(e.to_string()))?;
        let journey = store.read(|tx| store::ChildRepository::journey(tx, &child))?;
        Ok::<_, app::AppError>((v, journey))
    })
    .await;
    let (view, journey) = match view {
        Ok(v) => v,
        Err(e) => {
            return failure(&e, &signed).unwrap_or_else(|| {
                message(
                    StatusCode::NOT_FOUND,
                    "Page not found",
                    &[&e.to_string()],
                    Some(&signed),
                )
            });
        }
    };
    let r = &view.referral.value.document;
    let Some(outcome) = r.outcome else {
        return message(
            StatusCode::NOT_FOUND,
            "No outcome yet",
            &["The panel has not recorded an outcome for this item."],
            Some(&signed),
        );
    };
    let name = journey
        .map(|j| j.value.child().name.full())
        .unwrap_or_default();
    let meeting_date = view.meeting.as_ref().map(|m| m.value.document.date);
    let mut paragraphs = vec![
        format!(
            "This letter tells you the outcome of the {} meeting on {} about {name}.",
            r.forum.label(),
            date_text(meeting_date)
        ),
        format!("Item: {}. Outcome: {}.", r.item.label(), outcome.label()),
        format!("Reasons: {}", opt(&r.reasons)),
    ];
    match (&r.adm_decision, r.adm_agreed_at_meeting) {
        (Some(d), _) => paragraphs.push(format!(
            "The agency decision maker {} the panel's recommendation on {}. Reasons: {}",
            if d.agreed { "agreed" } else { "did not agree" },
            long_date(d.decided_on),
            d.reasons
        )),
        (None, true) => paragraphs.push("The agency decision maker was present and agreed the outcome at the meeting.".into()),
        (None, false) => paragraphs.push("This is the panel's recommendation. The agency decision maker will confirm or refuse it in writing.".into()),
    }
    if !r.further_information.is_empty() {
        paragraphs.push(format!(
            "The panel asked for: {} by {}.",
            r.further_information.join("; "),
            date_text(r.further_information_due)
        ));
    }
    paragraphs.push("If you are unhappy with this outcome you can make a representation or complaint, or ask for an advocate: your social worker or the Independent Reviewing Officer can help you do this (PANEL-016, PRIN-009).".into());
    render(
        StatusCode::OK,
        &LetterPage {
            chrome: Chrome::new("Permanence Panel outcome", Some(&signed), "/panels"),
            back: format!("/referrals/{id}"),
            heading: format!("{} outcome", r.forum.label()),
            paragraphs,
            rows: vec![
                ("Child".into(), name),
                ("Referral".into(), id.clone()),
                ("Meeting".into(), date_text(meeting_date)),
            ],
        },
    )
}

// ---------------------------------------------------------------- meetings

/// The panels page: meetings past and to come, and arranging a new one.
pub(crate) async fn panels(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
) -> Response {
    show_panels(&state, &signed, Vec::new(), None).await
}

async fn show_panels(
    state: &AppState,
    signed: &Signed,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let store = state.store.clone();
    let referral_store = state.store.clone();
    let list = blocking(move || {
        let meetings = app::permanence::meetings(&store)?;
        let waiting = referral_store.read(|tx| {
            store::PermanenceRepository::records::<domain::permanence::referrals::Referral>(
                tx,
                store::RecordKind::Referral,
                Some(&["created", "pack", "endorsed"]),
            )
        })?;
        Ok::<_, app::AppError>((meetings, waiting))
    })
    .await;
    let (meetings, waiting) = match list {
        Ok(v) => v,
        Err(e) => {
            return failure(&e, signed).unwrap_or_else(|| {
                message(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Sorry, there is a problem with the service",
                    &[],
                    Some(signed),
                )
            });
        }
    };
    let today = state.clock.today();
    let mut sections = Vec::new();
    let mut upcoming = part("meetings", "Meetings");
    upcoming.table_headers = vec![
        "Meeting".into(),
        "Date".into(),
        "Items".into(),
        "Minutes".into(),
    ];
    upcoming.table_rows = meetings
        .iter()
        .rev()
        .map(|m| {
            let d = &m.value.document;
            vec![
                Cell {
                    text: d.forum.label().into(),
                    href: Some(format!("/panels/meetings/{}", m.value.id)),
                },
                cell(long_date(d.date)),
                cell(d.agenda.len().to_string()),
                cell(match (d.minutes_approved, d.date > today) {
                    (Some(a), _) => format!("Approved {}", long_date(a)),
                    (None, true) => "To come".into(),
                    (None, false) => "Not approved".into(),
                }),
            ]
        })
        .collect();
    if signed.user.may(Permission::ManagePanels) {
        let mut f = button_form("meeting", "/panels/meetings", "Arrange the meeting", vec![]);
        f.legend = Some("Arrange a meeting".into());
        f.fields.push(select(
            "forum",
            "Panel",
            "permanence_panel",
            ForumKind::ALL
                .iter()
                .map(|k| (k.code().to_owned(), k.label().to_owned()))
                .collect(),
        ));
        f.fields.push(FieldSpec {
            hint: Some("For example, 10/9/2026".into()),
            ..field("date", "Date", "date", "")
        });
        upcoming.forms.push(f);
    }
    upcoming.links.push((
        "/panels/config/permanence_panel".into(),
        "Permanence Panel members, quorum and cut-off".into(),
    ));
    sections.push(upcoming);
    let mut queue = part("waiting", "Referrals not yet listed");
    queue.table_headers = vec![
        "Referral".into(),
        "Child".into(),
        "Item".into(),
        "Stage".into(),
        "List by".into(),
        "Papers missing".into(),
    ];
    queue.table_rows = waiting
        .iter()
        .map(|r| {
            let d = &r.value.document;
            vec![
                Cell {
                    text: r.value.id.clone(),
                    href: Some(format!("/referrals/{}", r.value.id)),
                },
                cell(d.child_id.clone()),
                cell(d.item.label()),
                cell(workflow::PERM_PANEL.label(&d.stage)),
                cell(date_text(d.list_by)),
                cell(d.missing_papers().len().to_string()),
            ]
        })
        .collect();
    sections.push(queue);
    RecordPage {
        chrome: Chrome::new("Panels", Some(signed), "/panels"),
        back: None,
        caption: None,
        status: None,
        errors,
        notices: Vec::new(),
        success: done,
        sections,
    }
    .respond()
}

/// Arranges a meeting.
pub(crate) async fn create_meeting(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    req: Request,
) -> Response {
    let (form, from) = match read_form(&state, &signed, req).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let date_text = form
        .get("date")
        .map(|v| v.trim().to_owned())
        .unwrap_or_default();
    let Some(date) = parse_date(&date_text) else {
        return show_panels(
            &state,
            &signed,
            vec![FieldError {
                field: "meeting-date",
                message: format!(
                    "Enter the meeting's date, like 10/9/2026 (\"{date_text}\" is not one)"
                ),
            }],
            None,
        )
        .await;
    };
    let kind = form
        .get("forum")
        .and_then(|f| ForumKind::parse(f))
        .unwrap_or(ForumKind::PermanencePanel);
    let store = state.store.clone();
    let clock = state.clock.clone();
    let user = signed.user.clone();
    let made = blocking(move || {
        app::permanence::create_meeting(&store, &user, clock.as_ref(), kind, date, &from)
    })
    .await;
    match made {
        Ok(id) => Redirect::to(&format!("/panels/meetings/{id}")).into_response(),
        Err(e) => match failure(&e, &signed) {
            Some(r) => r,
            None => {
                show_panels(
                    &state,
                    &signed,
                    vec![FieldError {
                        field: "meeting-date",
                        message: e.to_string(),
                    }],
                    None,
                )
                .await
            }
        },
    }
}

/// A meeting: its agenda, attendance, outcomes and minutes.
pub(crate) async fn meeting_page(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
) -> Response {
    show_meeting(&state, &signed, &id, Vec::new(), None).await
}

async fn show_meeting(
    state: &AppState,
    signed: &Signed,
    id: &str,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let store = state.store.clone();
    let mid = id.to_owned();
    let found = blocking(move || app::permanence::meeting(&store, &mid)).await;
    let (m, items, forum) = match found {
        Ok(v) => v,
        Err(e) => {
            return message(
                StatusCode::NOT_FOUND,
                "Page not found",
                &[&e.to_string()],
                Some(signed),
            );
        }
    };
    let d = &m.value.document;
    let action = format!("/panels/meetings/{id}");
    let version = m.version.to_string();
    let quorate = domain::permanence::panels::is_quorate(&forum, &d.attendees);
    let mut sections = Vec::new();
    let mut summary = part("summary", "Meeting");
    summary.rows = vec![
        ("Panel".into(), d.forum.label().into()),
        ("Date".into(), long_date(d.date)),
        ("Papers cut-off".into(), long_date(forum.cutoff_for(d.date))),
        (
            "Chair".into(),
            forum
                .chair_on(d.date)
                .map_or("Not configured".into(), |c| c.person.clone()),
        ),
        (
            "Attendance".into(),
            if d.attendees.is_empty() {
                "Not recorded".into()
            } else {
                d.attendees
                    .iter()
                    .map(|a| format!("{} ({})", a.person, a.seat.label()))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        ),
        (
            "Quorate".into(),
            if d.attendees.is_empty() {
                "Not known yet".into()
            } else if quorate {
                "Yes".into()
            } else {
                "No: items are discussion only and must be relisted (PANEL-008)".into()
            },
        ),
        (
            "Minutes".into(),
            d.minutes_approved.map_or("Not approved".into(), |a| {
                format!("Approved {}", long_date(a))
            }),
        ),
    ];
    summary.links.push((
        format!("/panels/meetings/{id}/minutes"),
        "Minutes (printable)".into(),
    ));
    sections.push(summary);
    let mut agenda = part("agenda", "Agenda");
    agenda.table_headers = vec![
        "Item".into(),
        "Child".into(),
        "Type".into(),
        "Stage".into(),
        "Outcome".into(),
    ];
    agenda.table_rows = items
        .iter()
        .enumerate()
        .map(|(n, r)| {
            let doc = &r.value.document;
            vec![
                Cell {
                    text: format!("{}. {}", n + 1, r.value.id),
                    href: Some(format!("/referrals/{}", r.value.id)),
                },
                cell(doc.child_id.clone()),
                cell(doc.item.label()),
                cell(workflow::PERM_PANEL.label(&doc.stage)),
                cell(doc.outcome.map_or("", Outcome::label)),
            ]
        })
        .collect();
    if items.is_empty() {
        agenda.paragraphs.push("No items are listed yet.".into());
    }
    sections.push(agenda);
    if signed.user.may(Permission::ManagePanels) {
        let mut att = part("attendance", "Attendance");
        let mut f = button_form(
            "attendance",
            &action,
            "Save attendance",
            vec![
                ("version", version.clone()),
                ("action", "attendance".into()),
            ],
        );
        for (n, member) in forum
            .members
            .iter()
            .filter(|mm| mm.current_on(d.date))
            .enumerate()
        {
            let present = d.attendees.iter().any(|a| a.person == member.person);
            f.fields.push(field(
                &format!("present{n}"),
                &format!("{} ({}) attended", member.person, member.seat.label()),
                "checkbox",
                if present { "yes" } else { "" },
            ));
        }
        if f.fields.is_empty() {
            att.paragraphs
                .push("The panel has no members configured.".into());
        } else {
            att.forms.push(f);
        }
        if d.minutes_approved.is_none() && d.date <= state.clock.today() {
            let mut mf = button_form(
                "minutes",
                &action,
                "Approve the minutes",
                vec![("version", version.clone()), ("action", "minutes".into())],
            );
            mf.secondary = true;
            att.forms.push(mf);
        }
        sections.push(att);
    }
    RecordPage {
        errors,
        success: done,
        sections,
        ..panels_page(
            format!("{} on {}", d.forum.label(), long_date(d.date)),
            signed,
        )
    }
    .respond()
}

/// Records attendance or approves the minutes of a meeting.
pub(crate) async fn meeting_post(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let (form, from) = match read_form(&state, &signed, req).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let version: i64 = form
        .get("version")
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1);
    let store = state.store.clone();
    let clock = state.clock.clone();
    let user = signed.user.clone();
    let mid = id.clone();
    let action = form.get("action").cloned().unwrap_or_default();
    let result = if action == "minutes" {
        blocking(move || {
            app::permanence::approve_minutes(&store, &user, clock.as_ref(), &mid, version, &from)
        })
        .await
        .map(|_| "Minutes approved.")
    } else {
        let found = {
            let store = store.clone();
            let mid = mid.clone();
            blocking(move || app::permanence::meeting(&store, &mid)).await
        };
        let (m, _, forum) = match found {
            Ok(v) => v,
            Err(e) => {
                return message(
                    StatusCode::NOT_FOUND,
                    "Page not found",
                    &[&e.to_string()],
                    Some(&signed),
                );
            }
        };
        let attendees: Vec<Attendance> = forum
            .members
            .iter()
            .filter(|mm| mm.current_on(m.value.document.date))
            .enumerate()
            .filter(|(n, _)| form.get(&format!("present{n}")).is_some_and(|v| v == "yes"))
            .map(|(_, mm)| Attendance {
                person: mm.person.clone(),
                seat: mm.seat,
            })
            .collect();
        blocking(move || {
            app::permanence::record_attendance(
                &store,
                &user,
                clock.as_ref(),
                &mid,
                version,
                attendees,
                &from,
            )
        })
        .await
        .map(|_| "Attendance saved.")
    };
    match result {
        Ok(done) => show_meeting(&state, &signed, &id, Vec::new(), Some(done.into())).await,
        Err(e) => match failure(&e, &signed) {
            Some(r) => r,
            None => {
                show_meeting(
                    &state,
                    &signed,
                    &id,
                    vec![FieldError {
                        field: "attendance",
                        message: e.to_string(),
                    }],
                    None,
                )
                .await
            }
        },
    }
}

/// A meeting's minutes, to print: each item's outcome, reasons and decision.
pub(crate) async fn minutes(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
) -> Response {
    let store = state.store.clone();
    let mid = id.clone();
    let found = blocking(move || app::permanence::meeting(&store, &mid)).await;
    let (m, items, _) = match found {
        Ok(v) => v,
        Err(e) => {
            return message(
                StatusCode::NOT_FOUND,
                "Page not found",
                &[&e.to_string()],
                Some(&signed),
            );
        }
    };
    let d = &m.value.document;
    let mut paragraphs = vec![format!(
        "Present: {}.",
        if d.attendees.is_empty() {
            "not recorded".to_owned()
        } else {
            d.attendees
                .iter()
                .map(|a| format!("{} ({})", a.person, a.seat.label()))
                .collect::<Vec<_>>()
                .join(", ")
        }
    )];
    for (n, r) in items.iter().enumerate() {
        let doc = &r.value.document;
        paragraphs.push(format!(
            "Item {}: {} for child {}. Outcome: {}. Reasons: {}.{}",
            n + 1,
            doc.item.label(),
            doc.child_id,
            doc.outcome.map_or("not recorded", Outcome::label),
            opt(&doc.reasons),
            match (&doc.adm_decision, doc.adm_agreed_at_meeting) {
                (Some(a), _) => format!(
                    " Agency decision: {} on {}.",
                    if a.agreed { "agreed" } else { "not agreed" },
                    long_date(a.decided_on)
                ),
                (None, true) => " Agreed by the agency decision maker at the meeting.".into(),
                (None, false) => " Awaiting the agency decision maker.".into(),
            }
        ));
    }
    render(
        StatusCode::OK,
        &LetterPage {
            chrome: Chrome::new("Minutes", Some(&signed), "/panels"),
            back: format!("/panels/meetings/{id}"),
            heading: format!(
                "Minutes of the {} on {}",
                d.forum.label(),
                long_date(d.date)
            ),
            paragraphs,
            rows: vec![("Minutes approved".into(), date_text(d.minutes_approved))],
        },
    )
}

/// Proposes, authorises or agrees a change of plan.
pub(crate) async fn change_post(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let (form, from) = match read_form(&state, &signed, req).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let version: i64 = form
        .get("version")
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1);
    let get = |k: &str| form.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let (store, clock, user, child, address) = (
        state.store.clone(),
        state.clock.clone(),
        signed.user.clone(),
        id.clone(),
        from.clone(),
    );
    let (action, change_id, reasons, to) = (
        get("action"),
        get("change"),
        get("reasons"),
        Pathway::parse(&get("to")),
    );
    let on_text = get("on");
    let on = if on_text.is_empty() {
        None
    } else {
        match parse_date(&on_text) {
            Some(d) => Some(d),
            None => {
                return show_plan(
                    &state,
                    &signed,
                    &id,
                    &from,
                    vec![FieldError {
                        field: "agree-on",
                        message: format!(
                            "Enter a real date, like 27/3/2026 (\"{on_text}\" is not one)"
                        ),
                    }],
                    None,
                )
                .await;
            }
        }
    };
    let (field, done) = match action.as_str() {
        "propose" => ("change-reasons", "Change of plan proposed."),
        "authorise" => ("change", "Agreement recorded."),
        _ => (
            "agree-on",
            "Change agreed at review: the new plan is in force.",
        ),
    };
    let result = blocking(move || match action.as_str() {
        "propose" => match to {
            Some(to) => app::permanence::propose_change(
                &store,
                &user,
                clock.as_ref(),
                &child,
                version,
                app::permanence::Proposal { to, reasons },
                &address,
            )
            .map(|_| ()),
            None => Err(app::AppError::Invalid("choose the new pathway".into())),
        },
        "authorise" => app::permanence::authorise_change(
            &store,
            &user,
            clock.as_ref(),
            &change_id,
            version,
            &address,
        )
        .map(|_| ()),
        _ => app::permanence::agree_change_at_review(
            &store,
            &user,
            clock.as_ref(),
            &change_id,
            version,
            on,
            &address,
        )
        .map(|_| ()),
    })
    .await;
    plan_after(
        &state,
        &signed,
        &id,
        &from,
        field,
        result.map(|()| done.to_owned()),
    )
    .await
}

/// Raises or acts on an IRO issue.
pub(crate) async fn issues_post(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    use app::permanence::IssueAction;
    let (form, from) = match read_form(&state, &signed, req).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let version: i64 = form
        .get("version")
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1);
    let get = |k: &str| form.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let (store, clock, user, child, address) = (
        state.store.clone(),
        state.clock.clone(),
        signed.user.clone(),
        id.clone(),
        from.clone(),
    );
    let action = get("action");
    let issue_id = get("issue");
    let (issue, required, grounds) = (get("issue"), get("action_required"), get("grounds"));
    let stage = domain::permanence::iro_issues::IroStage::ALL
        .into_iter()
        .find(|s| s.code() == get("stage"))
        .unwrap_or(domain::permanence::iro_issues::IroStage::Stage0);
    let field = if action == "raise" {
        "raise-issue"
    } else {
        "issues"
    };
    let result = blocking(move || match action.as_str() {
        "raise" => app::permanence::raise_iro_issue(
            &store,
            &user,
            clock.as_ref(),
            &child,
            app::permanence::NewIssue {
                issue,
                action_required: required,
                stage,
            },
            &address,
        )
        .map(|_| "Issue raised."),
        other => {
            let act = match other {
                "escalate" => IssueAction::Escalate,
                "respond" => IssueAction::Respond,
                "resolve" => IssueAction::Resolve,
                _ => IssueAction::ReferToCafcass(grounds),
            };
            let label = match act {
                IssueAction::Escalate => "Issue escalated.",
                IssueAction::Respond => "Response recorded.",
                IssueAction::Resolve => "Issue resolved.",
                IssueAction::ReferToCafcass(_) => "Referred to Cafcass.",
            };
            app::permanence::act_on_issue(
                &store,
                &user,
                clock.as_ref(),
                &issue_id,
                version,
                act,
                &address,
            )
            .map(|_| label)
        }
    })
    .await;
    plan_after(
        &state,
        &signed,
        &id,
        &from,
        field,
        result.map(str::to_owned),
    )
    .await
}

/// Refers a permanent foster match to the panel.
pub(crate) async fn match_post(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let (form, from) = match read_form(&state, &signed, req).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let carer = form
        .get("carer")
        .map(|v| v.trim().to_owned())
        .unwrap_or_default();
    let out_of_area = form.get("out_of_area").is_some_and(|v| v == "yes");
    let (store, clock, user, child, address) = (
        state.store.clone(),
        state.clock.clone(),
        signed.user.clone(),
        id.clone(),
        from.clone(),
    );
    let result = blocking(move || {
        app::permanence::refer_match(
            &store,
            &user,
            clock.as_ref(),
            &child,
            &carer,
            out_of_area,
            &address,
        )
    })
    .await;
    match result {
        Ok(rid) => Redirect::to(&format!("/referrals/{rid}")).into_response(),
        Err(e) => plan_after(&state, &signed, &id, &from, "match-carer", Err(e)).await,
    }
}

fn seat_code(seat: domain::permanence::panels::SeatRole) -> &'static str {
    use domain::permanence::panels::SeatRole::*;
    match seat {
        Chair => "chair",
        ViceChair => "vice-chair",
        AgencyDecisionMaker => "adm",
        Member => "member",
        Adviser => "adviser",
    }
}

fn parse_seat(code: &str) -> Option<domain::permanence::panels::SeatRole> {
    use domain::permanence::panels::SeatRole::*;
    [Chair, ViceChair, AgencyDecisionMaker, Member, Adviser]
        .into_iter()
        .find(|s| seat_code(*s) == code.trim().to_lowercase())
}

/// A panel's configuration: members and their seats, frequency, papers
/// cut-off and quorum (PANEL-007, PANEL-008, PANEL-011).
pub(crate) async fn forum_page(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(kind): Path<String>,
) -> Response {
    show_forum(&state, &signed, &kind, Vec::new(), None, None).await
}

async fn show_forum(
    state: &AppState,
    signed: &Signed,
    kind: &str,
    errors: Vec<FieldError>,
    done: Option<String>,
    typed: Option<HashMap<String, String>>,
) -> Response {
    let Some(kind) = ForumKind::parse(kind) else {
        return message(
            StatusCode::NOT_FOUND,
            "Page not found",
            &["There is no panel with that name."],
            Some(signed),
        );
    };
    let store = state.store.clone();
    let forum = blocking(move || store.read(|tx| app::permanence::forum(tx, kind))).await;
    let forum = match forum {
        Ok(f) => f.value,
        Err(e) => {
            return message(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Sorry, there is a problem with the service",
                &[&e.to_string()],
                Some(signed),
            );
        }
    };
    let today = state.clock.today();
    let mut sections = Vec::new();
    let mut current = part("members", "Members");
    current.rows = vec![
        (
            "Chair".into(),
            forum.chair_on(today).map_or(
                "Not configured: meetings cannot be arranged (PANEL-007)".into(),
                |c| c.person.clone(),
            ),
        ),
        (
            "Meetings a year".into(),
            forum.meetings_per_year.to_string(),
        ),
        (
            "Papers cut-off".into(),
            format!(
                "{} working days before the meeting",
                forum.cutoff_working_days
            ),
        ),
        (
            "Quorum".into(),
            format!(
                "Chair or vice-chair, an agency decision maker and {} other member(s)",
                forum.quorum_others
            ),
        ),
    ];
    current.table_headers = vec!["Person".into(), "Seat".into(), "From".into(), "To".into()];
    current.table_rows = forum
        .members
        .iter()
        .map(|m| {
            vec![
                cell(m.person.clone()),
                cell(m.seat.label()),
                cell(long_date(m.from)),
                cell(m.to.map_or(String::new(), long_date)),
            ]
        })
        .collect();
    sections.push(current);
    if signed.user.may(Permission::ManagePanels) {
        let mut edit = part("edit", "Change the configuration");
        let typed = typed.unwrap_or_default();
        let value = |k: &str, default: String| typed.get(k).cloned().unwrap_or(default);
        let mut f = button_form(
            "forum",
            &format!("/panels/config/{}", kind.code()),
            "Save the configuration",
            vec![],
        );
        f.fields.push(FieldSpec {
            hint: Some("One member per line: person | seat | from | to (to may be left out). Seats: chair, vice-chair, adm, member, adviser. For example: head-of-service.demo | chair | 01/04/2026".into()),
            ..field("members", "Members", "textarea", value("members", forum.members.iter().map(|m| format!("{} | {} | {}{}", m.person, seat_code(m.seat), form_date(Some(m.from)), m.to.map_or(String::new(), |t| format!(" | {}", form_date(Some(t)))))).collect::<Vec<_>>().join("\n")))
        });
        f.fields.push(field(
            "meetings_per_year",
            "Meetings a year",
            "text",
            value("meetings_per_year", forum.meetings_per_year.to_string()),
        ));
        f.fields.push(field(
            "cutoff",
            "Papers cut-off (working days before the meeting)",
            "text",
            value("cutoff", forum.cutoff_working_days.to_string()),
        ));
        f.fields.push(field(
            "quorum_others",
            "Members needed besides the chair and the agency decision maker",
            "text",
            value("quorum_others", forum.quorum_others.to_string()),
        ));
        edit.forms.push(f);
        sections.push(edit);
    }
    RecordPage {
        errors,
        success: done,
        sections,
        ..panels_page(format!("{} configuration", kind.label()), signed)
    }
    .respond()
}

/// Saves a panel's configuration.
pub(crate) async fn forum_post(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(kind_code): Path<String>,
    req: Request,
) -> Response {
    let (form, from) = match read_form(&state, &signed, req).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let Some(kind) = ForumKind::parse(&kind_code) else {
        return message(
            StatusCode::NOT_FOUND,
            "Page not found",
            &["There is no panel with that name."],
            Some(&signed),
        );
    };
    let get = |k: &str| form.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let mut errors = Vec::new();
    let mut forum = domain::permanence::panels::Forum::with_defaults(kind);
    for (n, line) in get("members")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
    {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let member = match parts.as_slice() {
            [person, seat, start, rest @ ..] if !person.is_empty() && rest.len() <= 1 => {
                match (
                    parse_seat(seat),
                    parse_date(start),
                    rest.first().map(|t| parse_date(t)),
                ) {
                    (Some(seat), Some(from), None) => {
                        Some(domain::permanence::panels::Membership {
                            person: (*person).into(),
                            seat,
                            from,
                            to: None,
                        })
                    }
                    (Some(seat), Some(from), Some(Some(to))) if to >= from => {
                        Some(domain::permanence::panels::Membership {
                            person: (*person).into(),
                            seat,
                            from,
                            to: Some(to),
                        })
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        match member {
            Some(m) => forum.members.push(m),
            None => errors.push(FieldError { field: "forum-members", message: format!("Members, line {}: write person | seat | from | to, with a seat of chair, vice-chair, adm, member or adviser and real dates", n + 1) }),
        }
    }
    let number =
        |k: &'static str, label: &str, lo: u32, hi: u32, errors: &mut Vec<FieldError>| -> u32 {
            match get(k).parse::<u32>() {
                Ok(v) if (lo..=hi).contains(&v) => v,
                _ => {
                    errors.push(FieldError {
                        field: match k {
                            "meetings_per_year" => "forum-meetings_per_year",
                            "cutoff" => "forum-cutoff",
                            _ => "forum-quorum_others",
                        },
                        message: format!("{label} must be a whole number from {lo} to {hi}"),
                    });
                    0
                }
            }
        };
    forum.meetings_per_year = number("meetings_per_year", "Meetings a year", 1, 52, &mut errors);
    forum.cutoff_working_days = number("cutoff", "The papers cut-off", 0, 40, &mut errors);
    forum.quorum_others = number(
        "quorum_others",
        "The members needed for quorum",
        0,
        20,
        &mut errors,
    );
    if !errors.is_empty() {
        return show_forum(&state, &signed, &kind_code, errors, None, Some(form)).await;
    }
    let store = state.store.clone();
    let clock = state.clock.clone();
    let actor = domain::audit::Actor::new(signed.user.username.clone()).from_address(from);
    let saved =
        blocking(move || app::permanence::configure_forum(&store, &actor, clock.as_ref(), &forum))
            .await;
    match saved {
        Ok(()) => {
            show_forum(
                &state,
                &signed,
                &kind_code,
                Vec::new(),
                Some("Configuration saved.".into()),
                None,
            )
            .await
        }
        Err(e) => {
            show_forum(
                &state,
                &signed,
                &kind_code,
                vec![FieldError {
                    field: "forum-members",
                    message: e.to_string(),
                }],
                None,
                Some(HashMap::new()),
            )
            .await
        }
    }
}

/// Records a plan activity (life story work started, plan distributed ...).
pub(crate) async fn activity_post(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let (form, from) = match read_form(&state, &signed, req).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let kind = form
        .get("kind")
        .and_then(|k| domain::deadlines::EventKind::parse(k));
    let on_text = form
        .get("on")
        .map(|v| v.trim().to_owned())
        .unwrap_or_default();
    let on = if on_text.is_empty() {
        Some(state.clock.today())
    } else {
        parse_date(&on_text)
    };
    let (Some(kind), Some(on)) = (kind, on) else {
        let message = if kind.is_none() {
            "Choose what was done".to_owned()
        } else {
            format!("Enter a real date, like 27/3/2026 (\"{on_text}\" is not one)")
        };
        return plan_after(
            &state,
            &signed,
            &id,
            &from,
            "activity-kind",
            Err(app::AppError::Invalid(message)),
        )
        .await;
    };
    let (store, clock, user, child, address) = (
        state.store.clone(),
        state.clock.clone(),
        signed.user.clone(),
        id.clone(),
        from.clone(),
    );
    let result = blocking(move || {
        app::permanence::record_plan_activity(
            &store,
            &user,
            clock.as_ref(),
            &child,
            kind,
            on,
            &address,
        )
    })
    .await;
    plan_after(
        &state,
        &signed,
        &id,
        &from,
        "activity-kind",
        result.map(|()| format!("Recorded: {} on {}.", kind.label(), long_date(on))),
    )
    .await
}

/// Starts a case or takes a move in one.
pub(crate) async fn cases_post(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let (form, from) = match read_form(&state, &signed, req).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let get = |k: &str| form.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let version: i64 = get("version").parse().unwrap_or(-1);
    let (action, case, workflow_id) = (get("action"), get("case"), get("workflow"));
    let (store, clock, user, child, address) = (
        state.store.clone(),
        state.clock.clone(),
        signed.user.clone(),
        id.clone(),
        from.clone(),
    );
    let result = blocking(move || {
        if action == "start" {
            app::permanence::start_case(
                &store,
                &user,
                clock.as_ref(),
                &child,
                &workflow_id,
                &address,
            )
            .map(|case| format!("Case {case} started."))
        } else {
            app::permanence::take_case_step(
                &store,
                &user,
                clock.as_ref(),
                &case,
                version,
                &action,
                &address,
            )
            .map(|c| {
                let d = &c.value.document;
                format!(
                    "Done: the case is now at \"{}\".",
                    d.workflow().map_or(d.state.as_str(), |w| w.label(&d.state))
                )
            })
        }
    })
    .await;
    plan_after(&state, &signed, &id, &from, "cases", result).await
}
