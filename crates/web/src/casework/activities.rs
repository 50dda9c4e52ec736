//! A child's activities: the form that records what a deadline asks for
//! (reached from the child's record and from each worklist row with the
//! activity chosen), the list of what was recorded, and one activity's page
//! to amend or withdraw it with a reason.

use app::casework::{Activity, ActivityInput};
use axum::extract::{Path, Query};
use axum::response::Response;
use chrono::NaiveDate;
use domain::casework::activities::{
    ActivityRecord, ActivityState, Answers, Problem, Question, Recorded, how_recorded, kinds_for,
    may_record, questions, read_answers,
};
use domain::deadlines::EventKind;
use domain::journey::CareJourney;
use serde::Deserialize;

use crate::handler::*;
use crate::ui::*;

/// Where a person goes to record an activity a deadline is met by: the
/// activity form with it chosen, the review form, or the plan page whose
/// workflow records it.
pub(crate) fn record_href(child: &str, kind: EventKind) -> Option<String> {
    match how_recorded(kind)? {
        Recorded::Form => Some(format!("/children/{child}/activities?kind={}", kind.name())),
        Recorded::Review => Some(format!("/children/{child}/reviews/new")),
        Recorded::Plan => Some(format!("/children/{child}/plan")),
        // Never a child's: recorded on the carer's, the service's or the
        // complaint's page.
        Recorded::Household | Recorded::Agency | Recorded::Complaint => None,
    }
}

#[derive(Deserialize, Default)]
pub(crate) struct KindQuery {
    #[serde(default)]
    kind: Option<String>,
}

/// The id of a form's field, for the error summary and the field.
macro_rules! field_ids {
    ($($f:literal),* $(,)?) => {
        fn field_id(amend: bool, field: &str) -> &'static str {
            match field {
                $( $f => if amend { concat!("amend-", $f) } else { concat!("record-", $f) }, )*
                _ => if amend { "amend-on" } else { "record-on" },
            }
        }
    };
}

field_ids!(
    "seen_alone",
    "not_alone_reason",
    "bedroom_seen",
    "place",
    "assessment_type",
    "sdq_score",
    "dental_check",
    "optical_check",
    "immunisations",
    "pupil_premium_plus_plan",
    "reason",
);

/// The fields that ask an activity's questions, answered as `answers`.
fn question_fields(kind: EventKind, answers: &Answers) -> Vec<FieldSpec> {
    questions(kind)
        .iter()
        .map(|q| {
            let value = q.value(answers);
            if *q == Question::NotAloneReason {
                FieldSpec {
                    hint: Some("Needed when the child was not seen alone: without it the visit is flagged and does not count.".into()),
                    ..field(q.field(), q.label(), "text", value)
                }
            } else if *q == Question::SdqScore {
                FieldSpec {
                    hint: Some("A whole number from 0 to 40.".into()),
                    ..field(q.field(), q.label(), "text", value)
                }
            } else {
                FieldSpec {
                    options: q
                        .choices()
                        .iter()
                        .map(|(v, w)| ((*v).to_owned(), (*w).to_owned()))
                        .collect(),
                    ..field(q.field(), q.label(), "radios", value)
                }
            }
        })
        .collect()
}

fn date_field(value: String) -> FieldSpec {
    FieldSpec {
        hint: Some("For example, 27/3/2026.".into()),
        ..field("on", "Date it took place", "date", value)
    }
}

/// The form that records `kind` for a child.
fn record_form(child: &str, kind: EventKind, today: NaiveDate) -> FormSpec {
    let mut f = button_form(
        "record",
        &format!("/children/{child}/activities"),
        &format!("Record the {}", kind.label().to_lowercase()),
        vec![("kind", kind.name().to_owned())],
    );
    f.legend = Some(kind.label().to_owned());
    f.fields.push(date_field(form_date(Some(today))));
    f.fields.extend(question_fields(kind, &Answers::default()));
    f
}

/// A recorded activity's answers in words.
fn answers_text(kind: EventKind, a: &Answers) -> String {
    questions(kind)
        .iter()
        .filter_map(|q| q.shown(a).map(|s| format!("{} {s}", q.label())))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn label_of(r: &ActivityRecord) -> &'static str {
    r.event_kind().map_or("Activity", EventKind::label)
}

fn activities_part(activities: &[Activity]) -> Part {
    let mut p = part("recorded", "Recorded activities");
    if activities.is_empty() {
        p.paragraphs.push("Nothing has been recorded yet.".into());
        return p;
    }
    p.table_headers = vec![
        "Date".into(),
        "Activity".into(),
        "Details".into(),
        "Status".into(),
    ];
    p.table_rows = activities
        .iter()
        .map(|a| {
            let r = &a.value.document;
            let details = r.event_kind().map(|k| answers_text(k, &r.answers));
            vec![
                cell(long_date(r.date)),
                Cell {
                    text: label_of(r).to_owned(),
                    href: Some(format!("/activities/{}", a.value.id)),
                },
                cell(details.unwrap_or_default()),
                cell(match (r.state, r.answers.flag()) {
                    (ActivityState::Withdrawn, _) => "Withdrawn",
                    // VISIT-010: recorded, but not counted.
                    (_, Some(flag)) => flag,
                    _ if r.changes.is_empty() => "Recorded",
                    _ => "Amended",
                }),
            ]
        })
        .collect();
    p
}

/// The activities page: the form for the chosen activity (or the first the
/// user records), links to the others, and what was recorded.
fn activities_page(
    caller: &Caller,
    journey: &CareJourney,
    activities: &[Activity],
    chosen: Option<EventKind>,
    form: Option<FormSpec>,
    (errors, success): (Vec<FieldError>, Option<String>),
) -> Response {
    let id = journey.id().to_string();
    let name = journey.child().name.full();
    let kinds = kinds_for(caller.user().role);
    let mut sections = Vec::new();
    if caller
        .user()
        .may(domain::access::Permission::RecordActivities)
        && let Some(kind) = chosen
            .filter(|k| kinds.contains(k))
            .or(kinds.first().copied())
    {
        let mut record = part("record", "Record an activity");
        record
            .forms
            .push(form.unwrap_or_else(|| record_form(&id, kind, caller.today())));
        sections.push(record);
        let mut others = part("others", "Record something else");
        others.links = kinds
            .iter()
            .filter(|k| **k != kind)
            .map(|k| {
                (
                    format!("/children/{id}/activities?kind={}", k.name()),
                    format!("Record a {}", k.label().to_lowercase()),
                )
            })
            .collect();
        if !others.links.is_empty() {
            sections.push(others);
        }
    }
    sections.push(activities_part(activities));
    RecordPage {
        back: Some((format!("/children/{id}"), format!("Back to {name}"))),
        caption: Some(name),
        errors,
        success,
        sections,
        ..RecordPage::new(Chrome::new("Activities", Some(&caller.signed), "/"))
    }
    .respond()
}

/// A child's activities, with the form for the activity asked for.
pub(crate) async fn activities(
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<KindQuery>,
) -> Page {
    let child = child_of(&caller, &id)?;
    let (journey, list) = caller
        .page(move |c| {
            app::casework::child_activities(&c.store, c.user(), c.clock(), &child, &c.from)
        })
        .await?;
    let chosen = q.kind.as_deref().and_then(EventKind::parse);
    Ok(activities_page(
        &caller,
        &journey.value,
        &list,
        chosen,
        None,
        (Vec::new(), None),
    ))
}

fn errors_of(problems: Vec<Problem>, amend: bool) -> Vec<FieldError> {
    problems
        .into_iter()
        .map(|p| FieldError {
            field: field_id(amend, p.field),
            message: p.message,
        })
        .collect()
}

/// The date and answers of a posted form, or the problems with them.
fn read_form(
    fields: &Fields,
    kind: EventKind,
    amend: bool,
) -> Result<(NaiveDate, Answers), Vec<FieldError>> {
    let date = match fields.date("on") {
        Ok(Some(d)) => Ok(d),
        Ok(None) => Err("Enter the date it took place, for example 27/3/2026".to_owned()),
        Err(m) => Err(m),
    };
    let answers = read_answers(kind, |f| fields.get(f));
    match (date, answers) {
        (Ok(d), Ok(a)) => Ok((d, a)),
        (d, a) => {
            let mut errors = Vec::new();
            if let Err(message) = d {
                errors.push(FieldError {
                    field: field_id(amend, "on"),
                    message,
                });
            }
            errors.extend(errors_of(a.err().unwrap_or_default(), amend));
            Err(errors)
        }
    }
}

/// The form as it was posted, with its answers kept, to show again.
fn form_again(id: &str, kind: EventKind, fields: &Fields) -> FormSpec {
    let mut f = record_form(id, kind, NaiveDate::MIN);
    for field in &mut f.fields {
        field.value = fields.get(&field.name);
    }
    f
}

/// Records an activity for a child; the page again with what was done.
pub(crate) async fn record_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let child = child_of(&caller, &id)?;
    let Some(kind) =
        EventKind::parse(&fields.get("kind")).filter(|k| how_recorded(*k) == Some(Recorded::Form))
    else {
        return Err(caller.error_page(&app::AppError::Invalid(
            "Choose an activity to record".into(),
        )));
    };
    let read = read_form(&fields, kind, false);
    let result = match read {
        Ok((date, answers)) => {
            let c2 = child.clone();
            caller
                .run(move |c| {
                    let input = ActivityInput {
                        kind,
                        date,
                        answers,
                    };
                    app::casework::record_activity(
                        &c.store,
                        c.user(),
                        c.clock(),
                        &c2,
                        input,
                        &c.from,
                    )
                })
                .await
                .map(|_| format!("{} recorded for {}.", kind.label(), long_date(date)))
                .map_err(|e| caller.form_errors(&e, "record-on"))
        }
        Err(errors) => Err(Ok(errors)),
    };
    let (journey, list) = caller
        .page(move |c| {
            app::casework::child_activities(&c.store, c.user(), c.clock(), &child, &c.from)
        })
        .await?;
    match result {
        Ok(done) => Ok(activities_page(
            &caller,
            &journey.value,
            &list,
            Some(kind),
            None,
            (Vec::new(), Some(done)),
        )),
        Err(Ok(errors)) => {
            let form = form_again(&id, kind, &fields);
            Ok(activities_page(
                &caller,
                &journey.value,
                &list,
                Some(kind),
                Some(form),
                (errors, None),
            ))
        }
        Err(Err(page)) => Err(page),
    }
}

/// One activity: what was recorded and every change since, with the forms
/// to amend or withdraw it for those who record it.
fn activity_page(
    caller: &Caller,
    journey: &CareJourney,
    activity: &Activity,
    amend: Option<FormSpec>,
    (errors, success): (Vec<FieldError>, Option<String>),
) -> Response {
    let r = &activity.value.document;
    let kind = r.event_kind();
    let name = journey.child().name.full();
    let mut what = part("what", "What was recorded");
    what.rows.push(("Date".into(), long_date(r.date)));
    if let Some(k) = kind {
        for q in questions(k) {
            what.rows.push((
                q.label().into(),
                q.shown(&r.answers).unwrap_or_else(|| "Not recorded".into()),
            ));
        }
    }
    what.rows.push((
        "Recorded by".into(),
        format!(
            "{} on {}",
            caller.names().name_and_role(&r.recorded_by),
            long_date(r.recorded_on)
        ),
    ));
    if let Some(flag) = r.answers.flag() {
        what.rows.insert(0, ("Flag".into(), flag.into()));
        what.rules.push((
            "VISIT-010".into(),
            "the child is seen alone, or the reason recorded; otherwise the visit does not count"
                .into(),
        ));
    }
    let mut sections = vec![what];
    if !r.changes.is_empty() {
        let mut h = part("changes", "Changes");
        h.table_headers = vec!["Date".into(), "Change".into(), "By".into(), "Reason".into()];
        h.table_rows = r
            .changes
            .iter()
            .map(|c| {
                let what = match c.date_before {
                    Some(before) => format!("Amended (the date was {})", long_date(before)),
                    None => sentence(c.what.clone()),
                };
                vec![
                    cell(long_date(c.on)),
                    cell(what),
                    cell(caller.names().name_and_role(&c.by)),
                    cell(c.reason.clone()),
                ]
            })
            .collect();
        sections.push(h);
    }
    let may = kind.is_some_and(|k| may_record(caller.user().role, k))
        && caller
            .user()
            .may(domain::access::Permission::RecordActivities)
        && r.state == ActivityState::Recorded;
    if let (true, Some(k)) = (may, kind) {
        let action = format!("/activities/{}", activity.value.id);
        let version = activity.version.to_string();
        let mut change = part("change", "Amend or withdraw");
        let mut f = amend.unwrap_or_else(|| {
            let mut f = button_form(
                "amend",
                &action,
                "Amend it",
                vec![("action", "amend".into()), ("version", version.clone())],
            );
            f.fields.push(date_field(form_date(Some(r.date))));
            f.fields.extend(question_fields(k, &r.answers));
            f.fields
                .push(field("reason", "Why is it being amended?", "textarea", ""));
            f
        });
        f.legend = Some("Amend it".into());
        change.forms.push(f);
        let mut w = button_form(
            "withdraw",
            &action,
            "Withdraw it",
            vec![("action", "withdraw".into()), ("version", version)],
        );
        w.legend = Some("Withdraw it (recorded in error)".into());
        w.secondary = true;
        w.fields.push(field(
            "reason",
            "Why is it being withdrawn?",
            "textarea",
            "",
        ));
        change.forms.push(w);
        sections.push(change);
    }
    let status = match r.state {
        ActivityState::Recorded => None,
        ActivityState::Withdrawn => Some(("Withdrawn".to_owned(), "grey")),
    };
    RecordPage {
        back: Some((
            format!("/children/{}/activities", journey.id()),
            format!("Back to {name}'s activities"),
        )),
        caption: Some(name),
        status,
        errors,
        success,
        sections,
        ..RecordPage::new(Chrome::new(label_of(r), Some(&caller.signed), "/"))
    }
    .respond()
}

/// One recorded activity.
pub(crate) async fn activity(caller: Caller, Path(id): Path<String>) -> Page {
    let (journey, activity) = caller
        .page(move |c| app::casework::open_activity(&c.store, c.user(), c.clock(), &id, &c.from))
        .await?;
    Ok(activity_page(
        &caller,
        &journey.value,
        &activity,
        None,
        (Vec::new(), None),
    ))
}

/// Amends or withdraws an activity, with the reason given.
pub(crate) async fn activity_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let action = fields.get("action");
    if action != "amend" && action != "withdraw" {
        return Err(caller.error_page(&app::AppError::Invalid(
            "Choose to amend or withdraw the activity".into(),
        )));
    }
    let wanted = id.clone();
    let (journey, activity) = caller
        .page(move |c| {
            app::casework::open_activity(&c.store, c.user(), c.clock(), &wanted, &c.from)
        })
        .await?;
    let Some(kind) = activity.value.document.event_kind() else {
        return Err(caller.error_page(&app::AppError::Invalid("Unknown activity".into())));
    };
    let (version, reason) = (fields.version(), fields.get("reason"));
    let amend = action == "amend";
    let (target, read) = (
        id.clone(),
        if amend {
            Some(read_form(&fields, kind, true))
        } else {
            None
        },
    );
    let result = match read {
        Some(Err(errors)) => Err(Ok(errors)),
        Some(Ok((date, answers))) => caller
            .run(move |c| {
                app::casework::amend_activity(
                    &c.store,
                    c.user(),
                    c.clock(),
                    &target,
                    version,
                    date,
                    answers,
                    &reason,
                    &c.from,
                )
            })
            .await
            .map(|_| "The activity was amended.".to_owned())
            .map_err(|e| {
                caller.form_errors(
                    &e,
                    if e.to_string().contains("why") {
                        "amend-reason"
                    } else {
                        "amend-on"
                    },
                )
            }),
        None => caller
            .run(move |c| {
                app::casework::withdraw_activity(
                    &c.store,
                    c.user(),
                    c.clock(),
                    &target,
                    version,
                    &reason,
                    &c.from,
                )
            })
            .await
            .map(|_| "The activity was withdrawn.".to_owned())
            .map_err(|e| caller.form_errors(&e, "withdraw-reason")),
    };
    let reread = id.clone();
    let (journey, now) = match &result {
        Ok(_) => {
            caller
                .page(move |c| {
                    app::casework::open_activity(&c.store, c.user(), c.clock(), &reread, &c.from)
                })
                .await?
        }
        Err(_) => (journey, activity),
    };
    match result {
        Ok(done) => Ok(activity_page(
            &caller,
            &journey.value,
            &now,
            None,
            (Vec::new(), Some(done)),
        )),
        Err(Ok(errors)) => {
            let amend_form = amend.then(|| {
                let mut f = button_form(
                    "amend",
                    &format!("/activities/{id}"),
                    "Amend it",
                    vec![
                        ("action", "amend".into()),
                        ("version", now.version.to_string()),
                    ],
                );
                f.fields.push(date_field(fields.get("on")));
                f.fields.extend(question_fields(kind, &Answers::default()));
                f.fields
                    .push(field("reason", "Why is it being amended?", "textarea", ""));
                for field in &mut f.fields {
                    field.value = fields.get(&field.name);
                }
                f
            });
            Ok(activity_page(
                &caller,
                &journey.value,
                &now,
                amend_form,
                (errors, None),
            ))
        }
        Err(Err(page)) => Err(page),
    }
}
