//! A child's permanence plan page: the plan, its drift and ratification
//! gate, the moves the user may take, the plan form, and what the page
//! records (activities); with the parts the other topics add to it.

use std::collections::HashMap;

use axum::Extension;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use domain::access::Permission;
use domain::permanence::plan::{
    AppraisalEntry, AppraisalOutcome, CourtTimetable, Exceptional, Lifecycle, Objective,
    OutcomeArea, ParallelPlan, Pathway, PermanenceOption, PermanencePlan, SiblingAssessment, Step,
    Voice,
};
use domain::permanence::referrals::Outcome;
use domain::permanence::workflow;

use crate::AppState;
use crate::handler::*;
use crate::session::{Signed, client_address};
use crate::ui::*;

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

pub(crate) fn pathway_options() -> Vec<(String, String)> {
    std::iter::once((String::new(), "Not chosen yet".to_owned()))
        .chain(
            Pathway::ALL
                .iter()
                .map(|p| (p.code().to_owned(), p.label().to_owned())),
        )
        .collect()
}

pub(crate) fn appraisal_code(o: AppraisalOutcome) -> &'static str {
    match o {
        AppraisalOutcome::RuledIn => "ruled_in",
        AppraisalOutcome::RuledOut => "ruled_out",
        AppraisalOutcome::NotApplicable => "not_applicable",
    }
}

pub(crate) fn area_code(a: OutcomeArea) -> &'static str {
    match a {
        OutcomeArea::SafetyAndWelfare => "safety",
        OutcomeArea::Stability => "stability",
        OutcomeArea::Education => "education",
        OutcomeArea::Leisure => "leisure",
        OutcomeArea::Transitions => "transitions",
    }
}

pub(crate) fn option_code(o: PermanenceOption) -> String {
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

pub(crate) async fn show_plan(
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

pub(crate) fn plan_details(plan: &PermanencePlan) -> Part {
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

pub(crate) fn plan_form(action: &str, version: &str, plan: &PermanencePlan) -> Part {
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
pub(crate) fn read_plan_form(
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
pub(crate) async fn plan_after(
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
