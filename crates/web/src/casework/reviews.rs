//! A child's reviews: the list with what changed, and one review's page to
//! amend or withdraw it with a reason. Recording a review is the review form
//! on the child's record (`children.rs`).

use app::casework::ReviewEdit;
use axum::extract::Path;
use axum::response::Response;
use chrono::NaiveDate;
use domain::access::Permission;
use domain::casework::reviews::{ReviewChange, participations_for};
use domain::codes::{CodeList, ReviewParticipation};
use domain::journey::{CareJourney, Review};

use crate::handler::*;
use crate::ui::*;

fn changes_part(changes: &[ReviewChange], names: &app::people::Names) -> Option<Part> {
    if changes.is_empty() {
        return None;
    }
    let mut p = part("changes", "Reviews amended or withdrawn");
    p.table_headers = vec![
        "Review held".into(),
        "Change".into(),
        "By".into(),
        "Reason".into(),
    ];
    p.table_rows = changes
        .iter()
        .map(|c| {
            let what = match c.now_held {
                Some(d) if d != c.held => {
                    format!("Amended on {}: now held {}", long_date(c.on), long_date(d))
                }
                Some(_) => format!("Amended on {}", long_date(c.on)),
                None => format!("Withdrawn on {}", long_date(c.on)),
            };
            vec![
                cell(format!(
                    "{} ({})",
                    long_date(c.held),
                    c.participation_text()
                )),
                cell(what),
                cell(names.name_and_role(&c.by)),
                cell(c.reason.clone()),
            ]
        })
        .collect();
    Some(p)
}

/// A child's reviews, each with a link to change it, and what was changed.
pub(crate) async fn reviews(caller: Caller, Path(id): Path<String>) -> Page {
    let child = child_of(&caller, &id)?;
    let (journey, changes) = caller
        .page(move |c| app::casework::child_reviews(&c.store, c.user(), c.clock(), &child, &c.from))
        .await?;
    let j = &journey.value;
    let mut list = part("reviews", "Reviews held");
    list.table_headers = vec!["Held".into(), "How the child took part".into()];
    list.table_rows = j
        .reviews()
        .iter()
        .rev()
        .map(|r| {
            vec![
                Cell {
                    text: long_date(r.date),
                    href: Some(format!("/children/{id}/reviews/{}", r.date)),
                },
                cell(r.participation.description()),
            ]
        })
        .collect();
    if j.reviews().is_empty() {
        list.paragraphs.push("No review is recorded.".into());
    }
    if caller.user().may(Permission::RecordReview) && j.current_episode().is_some() {
        list.links.push((
            format!("/children/{id}/reviews/new"),
            "Record a review".into(),
        ));
    }
    let sections = std::iter::once(list)
        .chain(changes_part(&changes, caller.names()))
        .collect();
    Ok(page_for(
        &caller,
        j,
        "Reviews",
        sections,
        (Vec::new(), None),
    ))
}

fn page_for(
    caller: &Caller,
    j: &CareJourney,
    title: &str,
    sections: Vec<Part>,
    (errors, success): (Vec<FieldError>, Option<String>),
) -> Response {
    let name = j.child().name.full();
    RecordPage {
        back: Some((format!("/children/{}", j.id()), format!("Back to {name}"))),
        caption: Some(name),
        errors,
        success,
        sections,
        ..RecordPage::new(Chrome::new(title, Some(&caller.signed), "/"))
    }
    .respond()
}

fn held_of(caller: &Caller, held: &str) -> Result<NaiveDate, Response> {
    NaiveDate::parse_from_str(held, "%Y-%m-%d")
        .map_err(|_| caller.error_page(&app::AppError::NotFound("review".into())))
}

/// The forms that amend or withdraw a review, as typed (`typed`) or as held.
fn change_forms(
    j: &CareJourney,
    version: i64,
    review: &Review,
    typed: Option<&Fields>,
    today: NaiveDate,
) -> Vec<FormSpec> {
    let action = format!("/children/{}/reviews/{}", j.id(), review.date);
    let hidden = |a: &str| vec![("action", a.to_owned()), ("version", version.to_string())];
    let mut amend = button_form("amend", &action, "Amend the review", hidden("amend"));
    amend.legend = Some("Amend the review".into());
    let value = |name: &str, held: String| typed.map_or(held, |f| f.get(name));
    amend.fields.push(FieldSpec {
        hint: Some("For example, 3/4/2026.".into()),
        ..field(
            "on",
            "When was the review held?",
            "date",
            value("on", form_date(Some(review.date))),
        )
    });
    let options = participations_for(
        j.child().date_of_birth,
        today.min(review.date.max(j.child().date_of_birth)),
    )
    .into_iter()
    .map(|p| (p.code().to_owned(), p.description().to_owned()))
    .collect();
    amend.fields.push(FieldSpec {
        options,
        ..field(
            "participation",
            "How did the child take part?",
            "radios",
            value("participation", review.participation.code().to_owned()),
        )
    });
    amend.fields.push(field(
        "reason",
        "Why is the review being amended?",
        "textarea",
        value("reason", String::new()),
    ));
    let mut withdraw = button_form(
        "withdraw",
        &action,
        "Withdraw the review",
        hidden("withdraw"),
    );
    withdraw.legend = Some("Withdraw the review (recorded in error)".into());
    withdraw.secondary = true;
    withdraw.fields.push(field(
        "reason",
        "Why is the review being withdrawn?",
        "textarea",
        "",
    ));
    vec![amend, withdraw]
}

fn review_page(
    caller: &Caller,
    j: &CareJourney,
    version: i64,
    review: &Review,
    typed: Option<&Fields>,
    notes: (Vec<FieldError>, Option<String>),
) -> Response {
    let mut what = part("review", "The review");
    what.rows = vec![
        ("Held".into(), long_date(review.date)),
        (
            "How the child took part".into(),
            review.participation.description().to_owned(),
        ),
    ];
    let mut sections = vec![what];
    if caller.user().may(Permission::RecordReview) {
        let mut change = part("change", "Amend or withdraw");
        change.paragraphs.push("The review deadlines and those that follow a review (decisions circulated, record completed) move with it.".into());
        change.forms = change_forms(j, version, review, typed, caller.today());
        sections.push(change);
    }
    let mut links = part("all", "All reviews");
    links.links.push((
        format!("/children/{}/reviews", j.id()),
        "See every review of this child".into(),
    ));
    sections.push(links);
    page_for(
        caller,
        j,
        &format!("Review on {}", long_date(review.date)),
        sections,
        notes,
    )
}

/// One review, with the forms that amend or withdraw it.
pub(crate) async fn review(caller: Caller, Path((id, held)): Path<(String, String)>) -> Page {
    let child = child_of(&caller, &id)?;
    let held = held_of(&caller, &held)?;
    let journey = crate::children::open_for(&caller, child.as_str()).await?;
    let Some(r) = journey
        .value
        .reviews()
        .iter()
        .find(|r| r.date == held)
        .copied()
    else {
        return Err(caller.error_page(&app::AppError::NotFound("review".into())));
    };
    Ok(review_page(
        &caller,
        &journey.value,
        journey.version,
        &r,
        None,
        (Vec::new(), None),
    ))
}

/// Amends or withdraws a review, with the reason given.
pub(crate) async fn review_post(
    caller: Caller,
    Path((id, held)): Path<(String, String)>,
    fields: Fields,
) -> Page {
    let child = child_of(&caller, &id)?;
    let held = held_of(&caller, &held)?;
    let action = fields.get("action");
    let edit = match action.as_str() {
        "withdraw" => Ok(ReviewEdit::Withdraw),
        "amend" => read_amendment(&fields),
        _ => {
            return Err(caller.error_page(&app::AppError::Invalid(
                "Choose to amend or withdraw the review".into(),
            )));
        }
    };
    let (version, reason) = (fields.version(), fields.get("reason"));
    let result = match edit {
        Err(errors) => Err(Ok(errors)),
        Ok(edit) => {
            let c2 = child.clone();
            caller
                .run(move |c| {
                    app::casework::change_review(
                        &c.store,
                        c.user(),
                        c.clock(),
                        &c2,
                        version,
                        held,
                        edit,
                        &reason,
                        &c.from,
                    )
                })
                .await
                .map(|_| edit)
                .map_err(|e| {
                    let e = review_error(e);
                    let field = match (&e, action.as_str()) {
                        (app::AppError::Invalid(m), "withdraw") if m.contains("why") => {
                            "withdraw-reason"
                        }
                        (app::AppError::Invalid(m), _) if m.contains("why") => "amend-reason",
                        (app::AppError::Invalid(m), _)
                            if m.contains("took part") || m.contains("under 4") =>
                        {
                            "amend-participation"
                        }
                        _ => "amend-on",
                    };
                    caller.form_errors(&e, field)
                })
        }
    };
    let journey = crate::children::open_for(&caller, child.as_str()).await?;
    let j = &journey.value;
    match result {
        Ok(ReviewEdit::Amend(to)) => Ok(review_page(
            &caller,
            j,
            journey.version,
            &to,
            None,
            (
                Vec::new(),
                Some("The review was amended. Its deadlines have moved with it.".into()),
            ),
        )),
        Ok(ReviewEdit::Withdraw) => Ok(axum::response::IntoResponse::into_response(
            axum::response::Redirect::to(&format!("/children/{id}/reviews")),
        )),
        Err(Ok(errors)) => {
            let r = j
                .reviews()
                .iter()
                .find(|r| r.date == held)
                .copied()
                .unwrap_or(Review {
                    date: held,
                    participation: ReviewParticipation::AttendsAndSpeaks,
                });
            Ok(review_page(
                &caller,
                j,
                journey.version,
                &r,
                Some(&fields),
                (errors, None),
            ))
        }
        Err(Err(page)) => Err(page),
    }
}

fn read_amendment(fields: &Fields) -> Result<ReviewEdit, Vec<FieldError>> {
    let mut errors = Vec::new();
    let date = match fields.date("on") {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            errors.push(FieldError {
                field: "amend-on",
                message: "Enter the date the review was held, for example 3/4/2026".into(),
            });
            None
        }
        Err(m) => {
            errors.push(FieldError {
                field: "amend-on",
                message: m,
            });
            None
        }
    };
    let participation = fields
        .get("participation")
        .parse::<ReviewParticipation>()
        .ok();
    if participation.is_none() {
        errors.push(FieldError {
            field: "amend-participation",
            message: "Select how the child took part in the review".into(),
        });
    }
    match (date, participation) {
        (Some(date), Some(participation)) => Ok(ReviewEdit::Amend(Review {
            date,
            participation,
        })),
        _ => Err(errors),
    }
}

/// A journey's refusal of a review in the GOV.UK style: what to enter, with
/// an example.
pub(crate) fn review_error(e: app::AppError) -> app::AppError {
    use domain::journey::JourneyError::*;
    let message = match &e {
        app::AppError::Journey(ReviewOutsideCare { .. }) => {
            "Enter a date during the child's period of care, for example 3 4 2026".to_owned()
        }
        app::AppError::Journey(DuplicateReview { date }) => format!(
            "A review on {} is already recorded. Enter a different date, or change that review",
            long_date(*date)
        ),
        app::AppError::Journey(DateInFuture { .. }) => {
            "The date the review was held must be today or in the past".to_owned()
        }
        app::AppError::Journey(BeforeBirth { .. }) => {
            "The date the review was held must be after the child's date of birth".to_owned()
        }
        _ => return e,
    };
    app::AppError::Invalid(message)
}
