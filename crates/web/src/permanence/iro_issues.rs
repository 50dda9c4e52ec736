//! IRO issues on the plan page (TRACK-012, TRACK-013): the child's issues
//! with their stages and limits, the moves each issue's `moves` in domain
//! gives the user, raising an issue (the IRO), the IRO's answer at a review
//! to each open drift reason, and what those forms post.

use app::permanence::{IssueAction, PlanView, StoredIssue};
use axum::extract::Path;
use domain::permanence::iro_issues::{IroStage, IssueMove, check_raise};
use domain::permanence::pathways::StayingPutIntention;
use domain::permanence::plan::OutcomeArea;
use domain::permanence::tracking::{DriftCode, IssueResolution, Progress, review_issues};

use super::{child_of, plan_after};
use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Cell, FieldSpec, FormSpec, Part, button_form, cell, field, form_date, long_date, part, select,
};

/// The plan page's IRO issues, shown when the child has any or the user is
/// the IRO (who raises them).
pub(crate) fn issues_part(caller: &Caller, id: &str, view: &PlanView) -> Option<Part> {
    let may_raise = check_raise(caller.user()).is_ok();
    if view.issues.is_empty() && !may_raise {
        return None;
    }
    let today = caller.today();
    let mut part = part("issues", "IRO issues");
    part.table_headers = vec![
        "Issue".into(),
        "Stage".into(),
        "Response due".into(),
        "Overall limit".into(),
        "Status".into(),
    ];
    part.table_rows = view.issues.iter().map(|i| issue_row(i, today)).collect();
    let action = format!("/children/{id}/plan/issues");
    for i in &view.issues {
        part.forms.extend(issue_forms(caller, &action, i));
    }
    if may_raise {
        let mut f = button_form(
            "raise",
            &action,
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
            IroStage::ALL
                .iter()
                .map(|s| (s.code().to_owned(), s.label().to_owned()))
                .collect(),
        ));
        part.forms.push(f);
    }
    if may_raise {
        let mut f = review_form(&action, today);
        f.fields.extend(review_questions(view));
        part.forms.push(f);
    }
    Some(part)
}

/// The IRO's review form: the child's progress in each outcome area
/// (TRACK-006), and one question for each drift reason open today,
/// pre-filled as the issue, answered "resolved at review" or "open issue –
/// escalate" (TRACK-012).
fn review_form(action: &str, today: chrono::NaiveDate) -> FormSpec {
    let mut f = button_form(
        "review-issues",
        action,
        "Record the review's monitoring",
        vec![("action", "review".into())],
    );
    f.legend = Some("Monitoring at the review".into());
    f.fields.push(FieldSpec {
        hint: Some("For example, 10/7/2025.".into()),
        ..field("held", "Date of the review", "date", form_date(Some(today)))
    });
    f
}

/// The review form's questions: progress in each outcome area, then the
/// reasons open today.
fn review_questions(view: &PlanView) -> Vec<FieldSpec> {
    let progress = OutcomeArea::ALL.into_iter().map(|a| FieldSpec {
        hint: (a == OutcomeArea::Education)
            .then(|| "Leave it out for a child not of school age.".into()),
        options: Progress::ALL
            .into_iter()
            .map(|p| (progress_code(p).to_owned(), p.label().to_owned()))
            .collect(),
        ..field(
            &format!("progress_{}", area_code(a)),
            &format!("Progress: {}", a.label()),
            "radios",
            "",
        )
    });
    let issues = review_issues(&view.drift).into_iter().map(|i| FieldSpec {
        options: vec![
            ("resolved".into(), "Resolved at review".into()),
            ("escalate".into(), "Open issue – escalate".into()),
        ],
        ..field(
            &format!("issue_{}", i.code.letter()),
            &i.issue,
            "radios",
            "",
        )
    });
    let step_down = FieldSpec {
        hint: Some("For a child living in a children's home.".into()),
        ..field(
            "step_down",
            "Step-down to family-based care was considered",
            "checkbox",
            "",
        )
    };
    let staying_put = FieldSpec {
        hint: Some("For a young person of 16 or over in long-term foster care.".into()),
        options: STAYING_PUT
            .iter()
            .map(|(code, _, label)| ((*code).to_owned(), (*label).to_owned()))
            .collect(),
        ..field("staying_put", "Staying Put intention", "radios", "")
    };
    // ASSESS-018: the IRO answers whether the Care Plan reflects the child's
    // current assessment of need, and whether a Children's Rights Officer
    // was offered.
    let yes_no = |name: &str, label: &str, yes: &str, no: &str| {
        select(
            name,
            label,
            "",
            vec![
                (String::new(), "Choose an answer".into()),
                ("yes".into(), yes.into()),
                ("no".into(), no.into()),
            ],
        )
    };
    let reflects = yes_no(
        "care_plan_reflects",
        "Care Plan reflects current assessment",
        "Yes: the Care Plan reflects the child's current assessment of need",
        "No: an action is needed",
    );
    let action = FieldSpec {
        hint: Some("When the Care Plan does not reflect the assessment.".into()),
        ..field("care_plan_action", "Action", "textarea", "")
    };
    let rights = yes_no(
        "rights_officer",
        "Children's Rights Officer offered",
        "Yes: a Children's Rights Officer was offered to the child",
        "No",
    );
    progress
        .chain(issues)
        .chain([step_down, staying_put, reflects, action, rights])
        .collect()
}

/// The Staying Put answers of the review form (PATH-029).
const STAYING_PUT: [(&str, StayingPutIntention, &str); 3] = [
    (
        "intended",
        StayingPutIntention::Intended,
        "Staying Put is intended",
    ),
    (
        "not_intended",
        StayingPutIntention::NotIntended,
        "Staying Put is not intended",
    ),
    (
        "undecided",
        StayingPutIntention::Undecided,
        "Not decided yet",
    ),
];

fn progress_code(p: Progress) -> &'static str {
    match p {
        Progress::OnTrack => "on_track",
        Progress::SomeConcerns => "some_concerns",
        Progress::NotOnTrack => "not_on_track",
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

fn issue_row(i: &StoredIssue, today: chrono::NaiveDate) -> Vec<Cell> {
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
}

/// A button for each move the user may take on the issue.
fn issue_forms(caller: &Caller, action: &str, i: &StoredIssue) -> Vec<FormSpec> {
    let d = &i.value.document;
    let iid = &i.value.id;
    let hidden = |a: &str| {
        vec![
            ("version", i.version.to_string()),
            ("issue", iid.clone()),
            ("action", a.to_owned()),
        ]
    };
    let form = |m: IssueMove| -> FormSpec {
        match m {
            IssueMove::Respond => button_form(
                &format!("respond-{iid}"),
                action,
                &format!("Record the response to \"{}\"", d.issue),
                hidden("respond"),
            ),
            IssueMove::Escalate => FormSpec {
                secondary: true,
                ..button_form(
                    &format!("escalate-{iid}"),
                    action,
                    "Escalate to the next stage",
                    hidden("escalate"),
                )
            },
            IssueMove::Resolve => button_form(
                &format!("resolve-{iid}"),
                action,
                "Record the issue resolved",
                hidden("resolve"),
            ),
            IssueMove::ReferToCafcass => {
                let mut f = button_form(
                    &format!("cafcass-{iid}"),
                    action,
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
                f
            }
        }
    };
    d.moves(caller.user()).into_iter().map(form).collect()
}

/// Raises or acts on an IRO issue.
pub(crate) async fn issues_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let child = child_of(&caller, &id)?;
    let action = fields.get("action");
    if action == "review" {
        return review_post(caller, id, child, fields).await;
    }
    let field = if action == "raise" {
        "raise-issue"
    } else {
        "issues"
    };
    let result = if action == "raise" {
        let new = app::permanence::NewIssue {
            issue: fields.get("issue"),
            action_required: fields.get("action_required"),
            stage: IroStage::ALL
                .into_iter()
                .find(|s| s.code() == fields.get("stage"))
                .unwrap_or(IroStage::Stage0),
        };
        caller
            .run(move |c| {
                app::permanence::raise_iro_issue(
                    &c.store,
                    c.user(),
                    c.clock(),
                    &child,
                    new,
                    &c.from,
                )
            })
            .await
            .map(|_| "Issue raised.")
    } else {
        let act = match action.as_str() {
            "escalate" => IssueAction::Escalate,
            "respond" => IssueAction::Respond,
            "resolve" => IssueAction::Resolve,
            _ => IssueAction::ReferToCafcass(fields.get("grounds")),
        };
        let label = match act {
            IssueAction::Escalate => "Issue escalated.",
            IssueAction::Respond => "Response recorded.",
            IssueAction::Resolve => "Issue resolved.",
            IssueAction::ReferToCafcass(_) => "Referred to Cafcass.",
        };
        let (issue, version) = (fields.get("issue"), fields.version());
        caller
            .run(move |c| {
                app::permanence::act_on_issue(
                    &c.store,
                    c.user(),
                    c.clock(),
                    &issue,
                    version,
                    act,
                    &c.from,
                )
            })
            .await
            .map(|_| label)
    };
    Ok(plan_after(&caller, &id, field, result.map(str::to_owned)).await)
}

/// A yes or no answer, none when not chosen.
fn yes_no(answer: &str) -> Option<bool> {
    match answer {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// Records the IRO's monitoring at a review (TRACK-006, TRACK-012,
/// ASSESS-018).
async fn review_post(
    caller: Caller,
    id: String,
    child: domain::child::ChildId,
    fields: Fields,
) -> Page {
    let held = match fields.date("held") {
        Ok(Some(held)) => held,
        Ok(None) => caller.today(),
        Err(message) => {
            let result = Err(app::AppError::Invalid(message));
            return Ok(plan_after(&caller, &id, "review-issues-held", result).await);
        }
    };
    let answers: Vec<(DriftCode, IssueResolution)> = DriftCode::ALL
        .into_iter()
        .filter_map(|code| {
            let answer = match fields.get(&format!("issue_{}", code.letter())).as_str() {
                "resolved" => IssueResolution::ResolvedAtReview,
                "escalate" => IssueResolution::Escalate,
                _ => return None,
            };
            Some((code, answer))
        })
        .collect();
    let progress: Vec<(OutcomeArea, Progress)> = OutcomeArea::ALL
        .into_iter()
        .filter_map(|a| {
            let chosen = fields.get(&format!("progress_{}", area_code(a)));
            let p = Progress::ALL
                .into_iter()
                .find(|p| progress_code(*p) == chosen)?;
            Some((a, p))
        })
        .collect();
    let staying_put = fields.get("staying_put");
    let input = app::permanence::ReviewMonitoringInput {
        held,
        progress,
        answers,
        step_down_considered: !fields.get("step_down").is_empty(),
        care_plan_reflects: yes_no(&fields.get("care_plan_reflects")),
        care_plan_action: fields.get("care_plan_action"),
        rights_officer_offered: yes_no(&fields.get("rights_officer")),
        staying_put: STAYING_PUT
            .iter()
            .find(|(code, _, _)| *code == staying_put)
            .map(|(_, s, _)| *s),
    };
    let result = caller
        .run(move |c| {
            app::permanence::record_review_monitoring(
                &c.store,
                c.user(),
                c.clock(),
                &child,
                input,
                &c.from,
            )
        })
        .await
        .map(|raised| match raised.len() {
            0 => "The review's monitoring was recorded.".to_owned(),
            1 => "The review's monitoring was recorded; 1 issue was raised.".to_owned(),
            n => format!("The review's monitoring was recorded; {n} issues were raised."),
        });
    Ok(plan_after(&caller, &id, "review-issues", result).await)
}
