//! The plan form: every field of a plan not yet ratified, and reading the
//! posted form back into a plan, with an error against each field that is
//! not right; and what a ratified plan holds, shown instead of the form.

use domain::permanence::plan::{
    AppraisalEntry, AppraisalOutcome, CourtTimetable, Exceptional, Objective, OutcomeArea,
    ParallelPlan, Pathway, PermanenceOption, PermanencePlan, SiblingAssessment, Step, Voice,
};

use crate::handler::Fields;
use crate::ui::{
    FieldError, FieldSpec, FormSpec, Part, button_form, field, form_date, long_date, opt,
    parse_date, part, select,
};

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

pub(crate) fn plan_details(plan: &PermanencePlan, names: &app::people::Names) -> Part {
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
                names.name(&s.owner),
                long_date(s.target),
                s.done
                    .map_or(String::new(), |d| format!(" (done {})", long_date(d)))
            )
        })
        .collect();
    d
}

/// The plan's form, for a plan not yet ratified: everything it holds,
/// saved together.
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
    appraisal_fields(&mut f, plan);
    content_fields(&mut f, plan);
    identity_fields(&mut f, plan);
    voice_fields(&mut f, plan);
    p.forms.push(f);
    p
}

/// The options appraisal: an outcome and the reasons for each option (DATA-011).
fn appraisal_fields(f: &mut FormSpec, plan: &PermanencePlan) {
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
}

/// The outcomes, steps, support plan, Contact Agreement and siblings.
fn content_fields(f: &mut FormSpec, plan: &PermanencePlan) {
    f.fields.push(FieldSpec {
        hint: Some("One per line, starting with the outcome area: safety, stability, education, leisure or transitions. For example: stability: stays with her carers until 18".into()),
        ..field("objectives", "Intended outcomes", "textarea", plan.objectives.iter().map(|o| format!("{}: {}", area_code(o.area), o.text)).collect::<Vec<_>>().join("\n"))
    });
    f.fields.push(FieldSpec {
        hint: Some("One per line: target date | owner | step. For example: 30/09/2026 | J Smith | LTF suitability assessment".into()),
        ..field("steps", "Steps", "textarea", plan.steps.iter().map(|s| format!("{} | {} | {}", form_date(Some(s.target)), s.owner, s.description)).collect::<Vec<_>>().join("\n"))
    });
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
}

/// The six identity headings (PRIN-004).
fn identity_fields(f: &mut FormSpec, plan: &PermanencePlan) {
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
}

/// The child's wishes, the carer's views and an exceptional plan's assessment.
fn voice_fields(f: &mut FormSpec, plan: &PermanencePlan) {
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
}

/// Reads the plan form into a plan document, or the errors naming each field.
pub(crate) fn read_plan_form(
    form: &Fields,
    base: &PermanencePlan,
) -> Result<PermanencePlan, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut plan = base.clone();
    plan.pathway = Pathway::parse(&form.get("pathway"));
    plan.legal_route = text(form, "legal_route");
    plan.timeframe = text(form, "timeframe");
    plan.firmness.provisional = form.ticked("provisional");
    plan.firmness.parallel = form.ticked("parallel");
    read_court_and_parallel(form, &mut plan, &mut errors);
    plan.appraisal = read_appraisal(form);
    plan.objectives = read_objectives(form, &mut errors);
    plan.steps = read_steps(form, base, &mut errors);
    read_contents(form, base, &mut plan);
    if errors.is_empty() {
        Ok(plan)
    } else {
        Err(errors)
    }
}

/// A text field's value, or `None` when left blank.
fn text(form: &Fields, name: &str) -> Option<String> {
    Some(form.get(name)).filter(|v| !v.is_empty())
}

/// The court timetable's final hearing and the parallel plan.
fn read_court_and_parallel(form: &Fields, plan: &mut PermanencePlan, errors: &mut Vec<FieldError>) {
    let mut date = |name: &str, field: &'static str| match form.date(name) {
        Ok(d) => d,
        Err(message) => {
            errors.push(FieldError { field, message });
            None
        }
    };
    let final_hearing = date("final_hearing", "plan-final_hearing");
    let parallel_decision = date("parallel_decision", "plan-parallel_decision");
    plan.court = (plan.firmness.provisional || final_hearing.is_some()).then(|| CourtTimetable {
        next_hearing: plan.court.as_ref().and_then(|c| c.next_hearing),
        final_hearing,
        final_order: plan.court.as_ref().and_then(|c| c.final_order),
    });
    plan.parallel = match (
        Pathway::parse(&form.get("parallel_pathway")),
        parallel_decision,
    ) {
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
}

fn read_appraisal(form: &Fields) -> Vec<AppraisalEntry> {
    PermanenceOption::ALL
        .into_iter()
        .filter_map(|o| {
            let outcome = match form.get(&option_code(o)).as_str() {
                "ruled_in" => AppraisalOutcome::RuledIn,
                "ruled_out" => AppraisalOutcome::RuledOut,
                "not_applicable" => AppraisalOutcome::NotApplicable,
                _ => return None,
            };
            Some(AppraisalEntry {
                option: o,
                outcome,
                reasons: form.get(&format!("{}_reasons", option_code(o))),
                assessment_ref: None,
            })
        })
        .collect()
}

/// The intended outcomes, one a line: "area: outcome" (PRIN-019).
fn read_objectives(form: &Fields, errors: &mut Vec<FieldError>) -> Vec<Objective> {
    let mut objectives = Vec::new();
    for (n, line) in form
        .get("objectives")
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
            Some(o) if !o.text.is_empty() => objectives.push(o),
            _ => errors.push(FieldError { field: "plan-objectives", message: format!("Intended outcomes, line {}: start with an outcome area (safety, stability, education, leisure or transitions) and a colon", n + 1) }),
        }
    }
    objectives
}

/// The plan's steps, one a line: "target date | owner | step"; a step kept
/// from before keeps when it was done and why it varied.
fn read_steps(form: &Fields, base: &PermanencePlan, errors: &mut Vec<FieldError>) -> Vec<Step> {
    let mut steps = Vec::new();
    for (n, line) in form
        .get("steps")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
    {
        let parts: Vec<&str> = line.splitn(3, '|').map(str::trim).collect();
        match (parts.first().and_then(|d| parse_date(d)), parts.get(1), parts.get(2)) {
            (Some(target), Some(owner), Some(description)) if !owner.is_empty() && !description.is_empty() => {
                let old = base.steps.iter().find(|s| s.description == *description);
                steps.push(Step {
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
    steps
}

/// The support plan, Contact Agreement, siblings, identity, the child's
/// voice, the carer's views and an exceptional plan's assessment.
fn read_contents(form: &Fields, base: &PermanencePlan, plan: &mut PermanencePlan) {
    plan.contact_agreement = text(form, "contact_agreement");
    plan.sibling_assessment = match form.get("siblings").as_str() {
        "together" | "apart" => Some(SiblingAssessment {
            together: form.get("siblings") == "together",
            reasons: form.get("siblings_reasons"),
            completed: base
                .sibling_assessment
                .as_ref()
                .map_or(base.created, |s| s.completed),
        }),
        _ => None,
    };
    plan.identity.ethnic_origin = text(form, "ethnic_origin");
    plan.identity.cultural_background = text(form, "cultural_background");
    plan.identity.language = text(form, "language");
    plan.identity.religion = text(form, "religion");
    plan.identity.disability = text(form, "disability");
    plan.identity.sexuality = text(form, "sexuality");
    plan.child_voice = text(form, "wishes").map(|wishes| Voice {
        wishes,
        gathered: base
            .child_voice
            .as_ref()
            .map_or(base.created, |v| v.gathered),
        decision_follows_wishes: form.ticked("follows_wishes"),
        reason_differs: text(form, "reason_differs"),
    });
    plan.carer_views = text(form, "carer_views");
    plan.exceptional = text(form, "exceptional").map(|assessment_ref| Exceptional {
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
}
