//! The household page's kinship part for its connected-person role
//! (WF-KIN, WF-CONNECTED-TEMP): temporary approval and where it stands,
//! the extension with its reason and approver, the court's direction and
//! filing, the panel's recommendation and the agency decision with their
//! reasons, and the outcome; a form for each entry the user may record now,
//! posted to `/households/{id}/kinship`.

use app::households::HouseholdView;
use axum::extract::Path;
use chrono::NaiveDate;
use domain::fostering::kinship::{
    CourtRoute, Decision, KinshipEntry, KinshipOutcome, KinshipRecord, TemporaryStanding,
};
use domain::households::lifecycle::{HouseholdRole, RoleKind};

use crate::handler::{Caller, Fields, Page};
use crate::households::{after_change, household_form, show_household};
use crate::ui::{FieldSpec, FormSpec, Part, field, form_date, long_date, part, select};

/// The household's open connected-person role, if it holds one.
fn connected_role(view: &HouseholdView) -> Option<&HouseholdRole> {
    view.household
        .value
        .roles
        .iter()
        .find(|r| r.kind == RoleKind::ConnectedPersonCarer && r.is_open())
}

fn standing_text(s: TemporaryStanding) -> String {
    match s {
        TemporaryStanding::Active { ends } => format!("Temporary approval to {}", long_date(ends)),
        TemporaryStanding::Extended { ends } => {
            format!("Temporary approval extended to {}", long_date(ends))
        }
        TemporaryStanding::Expired { since } => {
            format!("Temporary approval expired on {}", long_date(since))
        }
        TemporaryStanding::FullyApproved { on } => format!("Fully approved on {}", long_date(on)),
    }
}

fn decision_text(d: &Decision, yes: &str, no: &str) -> String {
    format!(
        "{} on {}: {}",
        if d.approve { yes } else { no },
        long_date(d.on),
        d.reasons
    )
}

fn rows(k: &KinshipRecord, today: NaiveDate) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    if let Some(t) = &k.temporary_approval {
        rows.push((
            "Child placed".into(),
            format!("{} on {}", t.child, long_date(t.placed)),
        ));
        rows.push(("Temporary approval given by".into(), t.approver.clone()));
    }
    if let Some(s) = k.temporary_standing(today) {
        rows.push(("Temporary approval".into(), standing_text(s)));
    }
    if let Some(e) = &k.extension {
        rows.push((
            "Extension".into(),
            format!(
                "On {} by {}, to {}: {}",
                long_date(e.on),
                e.approver,
                long_date(e.ends),
                e.reason
            ),
        ));
    }
    if let Some(c) = &k.court {
        let filed = c.filed.map_or("not yet filed".into(), |f| {
            format!("filed {}", long_date(f))
        });
        rows.push((
            "Court assessment".into(),
            format!(
                "{}: directed {}, to file by {} (early alert from {}), {filed}",
                c.route.label(),
                long_date(c.directed),
                long_date(c.file_by),
                long_date(c.alert_from)
            ),
        ));
    }
    if let Some(s) = &k.screened {
        rows.push((
            "Team manager screening".into(),
            format!("Signed off on {} by {}", long_date(s.on), s.by),
        ));
    }
    if let Some(p) = &k.panel {
        rows.push((
            "Panel".into(),
            decision_text(p, "Recommended approval", "Did not recommend approval"),
        ));
    }
    if let Some(d) = &k.decision {
        rows.push((
            "Agency decision".into(),
            decision_text(d, "Approved", "Not approved"),
        ));
    }
    if let Some((on, o)) = k.outcome {
        rows.push((
            "Outcome".into(),
            format!("{} ({})", o.label(), long_date(on)),
        ));
    }
    rows
}

fn yes_no(name: &str, label: &str, yes: &str, no: &str) -> FieldSpec {
    select(
        name,
        label,
        "yes",
        vec![("yes".into(), yes.into()), ("no".into(), no.into())],
    )
}

/// A form posting one entry (`entry`) on `role` to the household's
/// `/households/{id}/{to}`.
pub(super) fn entry_form(
    (view, role, to): (&HouseholdView, &HouseholdRole, &str),
    (id, entry, legend): (&str, &str, &str),
    fields: Vec<FieldSpec>,
) -> FormSpec {
    let mut f = household_form(view, id, to, legend);
    f.action = format!("/households/{}/{to}", view.household.value.id);
    f.legend = Some(legend.into());
    f.hidden.push(("role".into(), role.id.clone()));
    f.hidden.push(("entry".into(), entry.into()));
    f.fields = fields;
    f
}

/// The kinship part of a household's page, when it holds a connected-person role.
pub(crate) fn kinship_part(caller: &Caller, view: &HouseholdView, works: bool) -> Option<Part> {
    let role = connected_role(view)?;
    let record = role.kinship.clone().unwrap_or_default();
    let mut p = part("kinship", "Connected person assessment");
    p.rows = rows(&record, caller.today());
    if p.rows.is_empty() {
        p.paragraphs
            .push("No temporary approval, court direction or decision is recorded yet.".into());
    }
    p.rules = vec![
        (
            "KIN-102".into(),
            "Temporary approval lasts up to 16 weeks".into(),
        ),
        (
            "KIN-103".into(),
            "An extension needs an exceptional reason and its approver".into(),
        ),
        (
            "KIN-104".into(),
            "Police checks, then the nominated senior officer".into(),
        ),
        (
            "KIN-005".into(),
            "Court assessments in 12 weeks, alert at 8".into(),
        ),
        (
            "KIN-006".into(),
            "Panel and agency decision before filing".into(),
        ),
        (
            "KIN-003".into(),
            "The team manager screens before panel or court".into(),
        ),
        ("KIN-001".into(), "Assessed for a named child".into()),
    ];
    if !works {
        return Some(p);
    }
    let moves: Vec<&str> = role.moves(caller.user()).iter().map(|t| t.name).collect();
    let today = form_date(Some(caller.today()));
    let date = |label: &str| field("date", label, "date", today.clone());
    let reasons = |label: &str| field("reasons", label, "textarea", "");
    if moves.contains(&"temporary_approval") {
        p.forms.push(entry_form(
            (view, role, "kinship"),
            (
                "kin-approval",
                "temporary_approval",
                "Give temporary approval (Regulation 24)",
            ),
            vec![
                field("child", "Child placed (their identifier)", "text", ""),
                date("Date the child was placed"),
            ],
        ));
    }
    if moves.contains(&"extend_temporary_approval")
        && record.temporary_approval.is_some()
        && record.extension.is_none()
    {
        p.forms.push(entry_form(
            (view, role, "kinship"),
            (
                "kin-extension",
                "extension",
                "Extend temporary approval by 8 weeks",
            ),
            vec![
                date("Date of the extension"),
                field("reason", "Exceptional circumstances", "textarea", ""),
            ],
        ));
    }
    if moves.contains(&"court_direction") && record.court.is_none() {
        p.forms.push(entry_form(
            (view, role, "kinship"),
            (
                "kin-court",
                "court_direction",
                "Record a court's direction to assess",
            ),
            vec![
                date("Date of the direction"),
                select(
                    "route",
                    "Proceedings",
                    "care_proceedings",
                    CourtRoute::ALL
                        .iter()
                        .map(|r| (r.code().into(), r.label().into()))
                        .collect(),
                ),
            ],
        ));
    }
    if moves.contains(&"file_with_court")
        && record.court.as_ref().is_some_and(|c| c.filed.is_none())
    {
        p.forms.push(entry_form(
            (view, role, "kinship"),
            (
                "kin-filing",
                "file_with_court",
                "Record the assessment filed with the court",
            ),
            vec![date("Date filed")],
        ));
    }
    if moves.contains(&"screen") && record.screened.is_none() {
        p.forms.push(entry_form(
            (view, role, "kinship"),
            (
                "kin-screen",
                "screen",
                "Record the team manager's screening sign-off",
            ),
            vec![date("Date screened")],
        ));
    }
    if moves.contains(&"recommend") {
        p.forms.push(entry_form(
            (view, role, "kinship"),
            (
                "kin-panel",
                "recommend",
                "Record the fostering panel's recommendation",
            ),
            vec![
                date("Date of the panel"),
                yes_no(
                    "approve",
                    "Recommendation",
                    "Approve as kinship foster carers",
                    "Do not approve",
                ),
                reasons("The panel's reasons"),
            ],
        ));
    }
    if moves.contains(&"approve") {
        p.forms.push(entry_form(
            (view, role, "kinship"),
            ("kin-decision", "decision", "Record the agency decision"),
            vec![
                date("Date of the decision"),
                yes_no(
                    "approve",
                    "Decision",
                    "Approve as kinship foster carers",
                    "Do not approve",
                ),
                reasons("Reasons for the decision"),
            ],
        ));
    }
    if moves.contains(&"order") || moves.contains(&"long_term") {
        p.forms.push(entry_form(
            (view, role, "kinship"),
            ("kin-outcome", "outcome", "Record the assessment's outcome"),
            vec![
                date("Date of the outcome"),
                select(
                    "outcome",
                    "Outcome",
                    "",
                    KinshipOutcome::ALL
                        .iter()
                        .map(|o| (o.code().into(), o.label().into()))
                        .collect(),
                ),
            ],
        ));
    }
    Some(p)
}

/// The entry a kinship form posts, or what is wrong with it.
fn entry_of(fields: &Fields, date: NaiveDate) -> Result<KinshipEntry, app::AppError> {
    let invalid = |m: &str| app::AppError::Invalid(m.into());
    let approve = fields.get("approve") == "yes";
    Ok(match fields.get("entry").as_str() {
        "temporary_approval" => KinshipEntry::TemporaryApproval {
            child: fields.get("child"),
            placed: date,
        },
        "extension" => KinshipEntry::Extension {
            on: date,
            reason: fields.get("reason"),
        },
        "court_direction" => KinshipEntry::CourtDirection {
            on: date,
            route: CourtRoute::parse(&fields.get("route"))
                .ok_or_else(|| invalid("choose the proceedings"))?,
        },
        "file_with_court" => KinshipEntry::CourtFiling { on: date },
        "screen" => KinshipEntry::Screening { on: date },
        "recommend" => KinshipEntry::PanelRecommendation {
            on: date,
            approve,
            reasons: fields.get("reasons"),
        },
        "decision" => KinshipEntry::AgencyDecision {
            on: date,
            approve,
            reasons: fields.get("reasons"),
        },
        "outcome" => KinshipEntry::Outcome {
            on: date,
            outcome: KinshipOutcome::parse(&fields.get("outcome"))
                .ok_or_else(|| invalid("choose the outcome"))?,
        },
        _ => return Err(invalid("choose what to record")),
    })
}

/// The field an entry's error is shown beside.
fn error_field(entry: &str) -> &'static str {
    match entry {
        "temporary_approval" => "kin-approval-child",
        "extension" => "kin-extension-reason",
        "court_direction" => "kin-court-date",
        "file_with_court" => "kin-filing-date",
        "screen" => "kin-screen-date",
        "recommend" => "kin-panel-reasons",
        "decision" => "kin-decision-reasons",
        "outcome" => "kin-outcome-outcome",
        _ => "kinship",
    }
}

/// Records a kinship form's entry on the household, then shows its page.
pub(crate) async fn kinship_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let anchor = error_field(&fields.get("entry"));
    let today = caller.today();
    let entry = match fields.date("date") {
        Ok(date) => entry_of(&fields, date.unwrap_or(today)),
        Err(m) => Err(app::AppError::Invalid(m)),
    };
    let (hid, version, role) = (id.clone(), fields.version(), fields.get("role"));
    let result = match entry {
        Ok(entry) => {
            caller
                .run(move |c| {
                    app::fostering::kinship::record_kinship_entry(
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

/// The household's page after an entry: with the success banner, or the
/// error beside the form's `anchor` field.
pub(super) async fn finish(
    caller: &Caller,
    id: &str,
    result: Result<String, app::AppError>,
    anchor: &'static str,
) -> Page {
    Ok(match result {
        Ok(_) => after_change(caller, id, "Recorded.").await,
        Err(e) => show_household(caller, id, caller.form_errors(&e, anchor)?, None).await,
    })
}
