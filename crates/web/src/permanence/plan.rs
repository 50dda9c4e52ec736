//! A child's permanence plan page: the plan, its drift, while a draft how
//! many of its sections are complete (the sections themselves are a task
//! list, `plan_tasks.rs`), the moves the user may take (as the plan's
//! `moves` in domain gives them), and what the page records; with the parts the other
//! topics add to it (the change of plan, a match referral, IRO issues and
//! cases).

use app::permanence::PlanView;
use axum::extract::Path;
use axum::response::Response;
use domain::child::ChildId;
use domain::deadlines::EventKind;
use domain::permanence::plan::{Lifecycle, Pathway, PermanencePlan, PlanMove};

use super::{Section, Status};
use domain::permanence::plan_tasks::{Recipient, unsent_distributions};
use domain::permanence::referrals::Outcome;
use domain::permanence::workflow::PERM_PLAN;

use super::{
    achieved_part, achieved_post, cases_part, change_of_need_post, change_part, contact_part,
    contact_post, exceptional_part, exceptional_post, issues_part, match_part, plan_details,
    put_forward_post, support_part, support_post, trajectory_part, trajectory_post,
};
use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Cell, Chrome, FieldError, FieldSpec, Part, RecordPage, button_form, cell, date_text, field,
    long_date, part, select, sentence,
};

/// A plan's lifecycle as the status tag shows it.
pub(crate) fn lifecycle_tag(l: Lifecycle) -> (String, &'static str) {
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

pub(crate) use crate::handler::child_of;

/// The plan page for a child.
pub(crate) async fn plan_page(caller: Caller, Path(id): Path<String>) -> Response {
    show_plan(&caller, &id, Vec::new(), None).await
}

/// The plan page, with errors against their fields or what was just done.
pub(crate) async fn show_plan(
    caller: &Caller,
    id: &str,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let child = match child_of(caller, id) {
        Ok(c) => c,
        Err(page) => return page,
    };
    let view = caller
        .page(move |c| app::permanence::open_plan(&c.store, c.user(), c.clock(), &child, &c.from))
        .await;
    match view {
        Ok(view) => plan_page_of(caller, id, &view, errors, done),
        Err(page) => page,
    }
}

/// The page's parts, in order, for the plan in `view`.
fn plan_page_of(
    caller: &Caller,
    id: &str,
    view: &PlanView,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let plan = &view.plan.value.document;
    let name = view.journey.value.child().name.full();
    let moves = plan.moves(caller.user());
    let mut sections = vec![summary_part(plan, caller.names()), drift_part(caller, view)];
    sections.extend(sections_part(id, view, &moves));
    sections.extend(exceptional_part(caller, id, view));
    sections.extend(next_part(id, view, &moves));
    sections.extend(super::appraisal_sign_off_part(caller, id, view));
    sections.extend(super::adoption_timescales_part(caller, id, view));
    sections.extend(super::adoption_support_part(caller, id, view));
    sections.extend(achieved_part(caller, id, view, &moves));
    sections.extend(trajectory_part(caller, id, view));
    if !plan.lifecycle.is_editable() {
        sections.push(plan_details(plan, caller.names()));
    }
    sections.push(support_part(caller, id, view, &moves));
    sections.push(contact_part(id, view, &moves));
    sections.extend(referrals_part(view));
    sections.extend(change_part(caller, id, view, &moves));
    sections.extend(match_part(caller, id, view));
    sections.extend(issues_part(caller, id, view));
    sections.extend(record_part(caller, id, view));
    sections.extend(distribution_part(caller, id, view));
    sections.extend(cases_part(caller, id, view));
    sections.extend(history_part(view));
    let mut notices: Vec<String> = view
        .gaps
        .iter()
        .filter(|g| !g.blocking)
        .map(|g| format!("{}.", sentence(g.message.clone())))
        .collect();
    notices.extend(view.partner_tasks.iter().map(|t| {
        format!(
            "Asked of the {}: {}.",
            t.role.title().to_lowercase(),
            t.what
        )
    }));
    RecordPage {
        back: Some((format!("/children/{id}"), format!("Back to {name}"))),
        caption: Some(name),
        status: Some(lifecycle_tag(plan.lifecycle)),
        errors,
        notices,
        success: done,
        sections,
        ..RecordPage::new(Chrome::new(
            "Permanence plan",
            Some(&caller.signed),
            "/tracking",
        ))
    }
    .respond()
}

fn summary_part(plan: &PermanencePlan, names: &app::people::Names) -> Part {
    let mut summary = part("summary", "The plan");
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    summary.rows = vec![
        (
            "Pathway".into(),
            plan.pathway.map_or("Not chosen yet", Pathway::label).into(),
        ),
        (
            "Legal route or order sought".into(),
            text(&plan.legal_route),
        ),
        ("Timeframe".into(), text(&plan.timeframe)),
        ("Stage".into(), plan.stage.label().into()),
        ("Created".into(), long_date(plan.created)),
        ("Ratified".into(), date_text(plan.ratified_on)),
        ("Owner".into(), names.name_and_role(&plan.owner)),
        ("Plan version".into(), plan.plan_version.to_string()),
    ];
    if !plan.lifecycle.is_editable() {
        // A draft is not yet final, provisional or parallel: it says so
        // once ratified.
        summary.rows.insert(
            3,
            ("How firm the plan is".into(), plan.firmness.label().into()),
        );
    }
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
    summary
}

fn drift_part(caller: &Caller, view: &PlanView) -> Part {
    let today = caller.today();
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
        // The reason's letter on the tracking list and its rule are in the
        // "Rules that apply" details, not in the wording.
        for d in &view.drift {
            drift.items.push(format!(
                "{}: open since {} ({} days)",
                sentence(d.message.clone()),
                long_date(d.opened),
                d.days_open(today)
            ));
            drift.rules.push((
                d.rule.into(),
                format!("drift reason ({}): {}", d.code.letter(), d.message),
            ));
        }
    }
    drift
}

/// While the plan is a draft: how many of its sections are complete, what
/// still stops it being ratified (PLAN-008), and the way to its task list.
fn sections_part(id: &str, view: &PlanView, moves: &[PlanMove]) -> Option<Part> {
    let plan = &view.plan.value.document;
    if !plan.lifecycle.is_editable() {
        return None;
    }
    let siblings = !view.journey.value.siblings().is_empty();
    let sections: Vec<Section> = Section::ALL
        .into_iter()
        .filter(|s| s.applies(plan, siblings, &view.gaps))
        .collect();
    let done = sections
        .iter()
        .filter(|s| s.status(plan, &view.gaps) == Status::Completed)
        .count();
    let blocking = view.gaps.iter().filter(|g| g.blocking).count();
    let mut p = part("gate", "The plan's sections");
    p.paragraphs
        .push(format!("{done} of {} sections completed.", sections.len()));
    p.paragraphs.push(match blocking {
        0 => "Everything the plan must contain is recorded.".into(),
        1 => "1 thing must be recorded before the plan can be ratified.".into(),
        n => format!("{n} things must be recorded before the plan can be ratified."),
    });
    let label = if moves.contains(&PlanMove::Edit) {
        "Complete the plan's sections"
    } else {
        "See the plan's sections"
    };
    p.links
        .push((format!("/children/{id}/plan/sections"), label.into()));
    p.rules.push((
        "PLAN-008".into(),
        "what a permanence plan must contain before it is ratified".into(),
    ));
    // The warnings at the top of the page, by their rules.
    for g in view.gaps.iter().filter(|g| !g.blocking) {
        p.rules.push((g.rule.into(), g.message.clone()));
    }
    Some(p)
}

/// The steps of WF-PERM-PLAN the user may take now, each a button.
fn next_part(id: &str, view: &PlanView, moves: &[PlanMove]) -> Option<Part> {
    let action = format!("/children/{id}/plan");
    let version = view.plan.version.to_string();
    let mut next = part("next", "What happens next");
    for m in moves {
        let PlanMove::Step(name) = *m else { continue };
        if matches!(name, "achieve" | "reverse_achieved") {
            // On the permanence achieved part, with what they need.
            continue;
        }
        if name == "put_forward" {
            // After the check of the plan's answers.
            next.links.push((
                format!("/children/{id}/plan/check"),
                "Check the plan's answers and put it forward for ratification".into(),
            ));
            continue;
        }
        let Some(t) = PERM_PLAN.transition(name) else {
            continue;
        };
        let mut f = button_form(
            &format!("step-{name}"),
            &action,
            t.label,
            vec![("version", version.clone()), ("action", name.to_owned())],
        );
        if matches!(name, "ratify" | "hold_first_review") {
            f.fields.push(FieldSpec {
                hint: Some("For example, 27/3/2026. Leave blank for today.".into()),
                ..field("on", "Date", "date", "")
            });
        }
        f.secondary = name == "withdraw" || name == "return_for_work";
        next.forms.push(f);
    }
    (!next.forms.is_empty() || !next.links.is_empty()).then_some(next)
}

fn referrals_part(view: &PlanView) -> Option<Part> {
    if view.referrals.is_empty() {
        return None;
    }
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
                cell(d.stage.label()),
                cell(date_text(d.list_by)),
                cell(d.outcome.map_or("", Outcome::label)),
            ]
        })
        .collect();
    Some(r)
}

/// Recording one of the plan's activities, for a child in care.
fn record_part(caller: &Caller, id: &str, view: &PlanView) -> Option<Part> {
    if !caller.user().may(domain::access::Permission::WorkOnPlans)
        || view.journey.value.current_episode().is_none()
    {
        return None;
    }
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
            .filter(|(k, _)| app::permanence::may_record_activity(caller.user(), *k))
            .map(|(k, _)| (k.name().to_owned(), k.label().to_owned()))
            .collect(),
    ));
    record.rules = app::permanence::PLAN_ACTIVITIES
        .iter()
        .map(|(k, rule)| ((*rule).to_owned(), k.label().to_owned()))
        .collect();
    f.fields.push(FieldSpec {
        hint: Some("For example, 27/3/2026. Leave blank for today.".into()),
        ..field("on", "Date", "date", "")
    });
    record.forms.push(f);
    Some(record)
}

/// Who the ratified plan was sent to and when, flagging those not sent in
/// time, with the form recording a sending (PLAN-012).
fn distribution_part(caller: &Caller, id: &str, view: &PlanView) -> Option<Part> {
    let plan = &view.plan.value.document;
    if plan.distribution.is_empty() {
        return None;
    }
    let late = unsent_distributions(&plan.distribution, caller.today());
    let mut p = part("distribution", "Plan sent to");
    p.table_headers = vec!["Who".into(), "Due by".into(), "Sent".into()];
    p.table_rows = plan
        .distribution
        .iter()
        .map(|t| {
            let sent = match t.sent {
                Some(on) => long_date(on),
                None if late.contains(&t.recipient) => "Not sent: overdue".into(),
                None => "Not sent yet".into(),
            };
            vec![
                cell(t.recipient.label()),
                cell(long_date(t.due)),
                cell(sent),
            ]
        })
        .collect();
    let unsent: Vec<_> = plan
        .distribution
        .iter()
        .filter(|t| t.sent.is_none())
        .collect();
    if unsent.is_empty() || !caller.user().may(domain::access::Permission::WorkOnPlans) {
        return Some(p);
    }
    let mut f = button_form(
        "distribute",
        &format!("/children/{id}/plan/activity"),
        "Record that the plan was sent",
        vec![
            ("version", view.plan.version.to_string()),
            ("action", "distribute".into()),
        ],
    );
    f.secondary = true;
    f.legend = Some("Who was the plan sent to?".into());
    for t in unsent {
        f.fields.push(field(
            &format!("to_{}", t.recipient.code()),
            t.recipient.label(),
            "checkbox",
            "",
        ));
    }
    f.fields.push(FieldSpec {
        hint: Some("For example, 27/3/2026. Leave blank for today.".into()),
        ..field("on", "Date sent", "date", "")
    });
    p.forms.push(f);
    Some(p)
}

fn history_part(view: &PlanView) -> Option<Part> {
    if view.history.is_empty() {
        return None;
    }
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
    Some(h)
}

/// The plan page after an action: with what was done, or with the error
/// against the field it concerns (a refusal of access is its own page).
pub(crate) async fn plan_after(
    caller: &Caller,
    id: &str,
    field: &'static str,
    result: Result<String, app::AppError>,
) -> Response {
    match result {
        Ok(done) => show_plan(caller, id, Vec::new(), Some(done)).await,
        Err(e) => match caller.form_errors(&e, field) {
            Ok(errors) => show_plan(caller, id, errors, None).await,
            Err(page) => page,
        },
    }
}

/// Saves the plan form or takes a step of WF-PERM-PLAN.
pub(crate) async fn plan_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let child = child_of(&caller, &id)?;
    let action = fields.get("action");
    if action == "put_forward" {
        return put_forward_post(&caller, &id, child, &fields).await;
    }
    if action == "support_plan" {
        return support_post(&caller, &id, child, &fields).await;
    }
    if action == "contact_agreement" {
        return contact_post(&caller, &id, child, &fields).await;
    }
    if action == "change_of_need" {
        return change_of_need_post(&caller, &id, child, &fields).await;
    }
    if action == "approve_exceptional" {
        return exceptional_post(&caller, &id, child, &fields).await;
    }
    if matches!(action.as_str(), "achieve" | "reverse_achieved") {
        return achieved_post(&caller, &id, child, &fields).await;
    }
    if action == "adoption_timescales" {
        return super::adoption_timescales_post(&caller, &id, child, &fields).await;
    }
    if matches!(
        action.as_str(),
        "birth_parent_worker" | "needs_judgement" | "means_assessment"
    ) {
        return super::adoption_support_post(&caller, &id, child, &fields).await;
    }
    if action == "sign_off_appraisal" {
        return super::appraisal_sign_off_post(&caller, &id, child, &fields).await;
    }
    if action == "trajectory" {
        return trajectory_post(&caller, &id, child, &fields).await;
    }
    let on = match fields.date("on") {
        Ok(on) => on,
        Err(message) => {
            let errors = vec![FieldError {
                field: "next",
                message,
            }];
            return Ok(show_plan(&caller, &id, errors, None).await);
        }
    };
    let version = fields.version();
    let step = app::permanence::StepInput {
        transition: action.clone(),
        on,
    };
    let saved = caller
        .run(move |c| {
            app::permanence::plan_step(
                &c.store,
                c.user(),
                c.clock(),
                &child,
                version,
                step,
                &c.from,
            )
        })
        .await;
    let label = PERM_PLAN.transition(&action).map_or("Done", |t| t.label);
    let result = saved.map(|_| format!("Done: {label}."));
    Ok(plan_after(&caller, &id, "next", result).await)
}

/// Records a plan activity (life story work started, plan distributed ...).
pub(crate) async fn activity_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let child = child_of(&caller, &id)?;
    if fields.get("action") == "distribute" {
        return distribute_post(&caller, &id, child, &fields).await;
    }
    let refuse = |message: String| Err(app::AppError::Invalid(message));
    let Some(kind) = EventKind::parse(&fields.get("kind")) else {
        let result = refuse("Choose what was done".into());
        return Ok(plan_after(&caller, &id, "activity-kind", result).await);
    };
    let on = match fields.date("on") {
        Ok(on) => on.unwrap_or_else(|| caller.today()),
        Err(message) => return Ok(plan_after(&caller, &id, "activity-kind", refuse(message)).await),
    };
    let result = caller
        .run(move |c| {
            app::permanence::record_plan_activity(
                &c.store,
                c.user(),
                c.clock(),
                &child,
                kind,
                on,
                &c.from,
            )
        })
        .await
        .map(|()| format!("Recorded: {} on {}.", kind.label(), long_date(on)));
    Ok(plan_after(&caller, &id, "activity-kind", result).await)
}

/// Records who the plan was sent to (PLAN-012).
async fn distribute_post(caller: &Caller, id: &str, child: ChildId, fields: &Fields) -> Page {
    let refuse = |message: String| Err(app::AppError::Invalid(message));
    let on = match fields.date("on") {
        Ok(on) => on.unwrap_or_else(|| caller.today()),
        Err(message) => return Ok(plan_after(caller, id, "distribution", refuse(message)).await),
    };
    let recipients: Vec<Recipient> = Recipient::ALL
        .into_iter()
        .filter(|r| fields.ticked(&format!("to_{}", r.code())))
        .collect();
    let version = fields.version();
    let result = caller
        .run(move |c| {
            app::permanence::record_distribution(
                &c.store,
                c.user(),
                c.clock(),
                &child,
                version,
                &recipients,
                on,
                &c.from,
            )
        })
        .await
        .map(|_| format!("Recorded: the plan was sent on {}.", long_date(on)));
    Ok(plan_after(caller, id, "distribution", result).await)
}
