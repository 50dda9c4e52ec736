//! The pages of the plan's sections (`plan_sections.rs` says what each
//! section is): the fields of a section's page, reading that page back into
//! the plan with an error against each field that is not right, and adding
//! and removing the items of a section that adds them one at a time.

use domain::permanence::plan::{
    AppraisalEntry, AppraisalOutcome, CourtTimetable, Exceptional, Objective, OutcomeArea,
    ParallelPlan, Pathway, PermanenceOption, PermanencePlan, SiblingAssessment, Step, Voice,
};

use super::Section;
use crate::handler::Fields;
use crate::ui::{FieldError, FieldSpec, field, form_date, opt, select, sentence};
use domain::permanence::breakdown::{ReturnSupport, ReturnToFamily};

/// The form id of every section page: its fields are `answer-NAME`.
pub(crate) const FORM: &str = "answer";

/// The six options' fields, in PRIN-001's order.
const OPTION_FIELDS: [(&str, &str); 6] = [
    ("option1", "answer-option1_reasons"),
    ("option2", "answer-option2_reasons"),
    ("option3", "answer-option3_reasons"),
    ("option4", "answer-option4_reasons"),
    ("option5", "answer-option5_reasons"),
    ("option6", "answer-option6_reasons"),
];

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

fn radios(name: &str, label: &str, value: &str, options: &[(&str, &str)]) -> FieldSpec {
    FieldSpec {
        options: options
            .iter()
            .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
            .collect(),
        ..field(name, label, "radios", value)
    }
}

fn hinted(hint: &str, spec: FieldSpec) -> FieldSpec {
    FieldSpec {
        hint: Some(hint.to_owned()),
        ..spec
    }
}

const DATE_HINT: &str = "For example, 27/3/2027";

pub(crate) fn pathway_options() -> Vec<(String, String)> {
    Pathway::ALL
        .iter()
        .map(|p| (p.code().to_owned(), p.label().to_owned()))
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

/// The fields of a section's page (for a list, the fields adding one item).
pub(crate) fn section_fields(section: Section, plan: &PermanencePlan) -> Vec<FieldSpec> {
    let voice = plan.child_voice.as_ref();
    match section {
        Section::Pathway => vec![FieldSpec {
            options: pathway_options(),
            ..field(
                "pathway",
                "Pathway",
                "radios",
                plan.pathway.map_or("", Pathway::code),
            )
        }],
        Section::Route => route_fields(plan),
        Section::Appraisal => appraisal_fields(plan),
        Section::Outcomes => vec![
            FieldSpec {
                options: OutcomeArea::ALL
                    .iter()
                    .map(|a| (area_code(*a).to_owned(), a.label().to_owned()))
                    .collect(),
                ..field("area", "Outcome area", "radios", "")
            },
            field("outcome", "Intended outcome", "textarea", ""),
        ],
        Section::Steps => vec![
            field("description", "Step", "text", ""),
            hinted(
                "The person responsible for the step, by name",
                field("owner", "Who is responsible", "text", ""),
            ),
            hinted(DATE_HINT, field("target", "Target date", "date", "")),
        ],
        Section::Support => Vec::new(),
        Section::Contact => vec![hinted(
            "The reference of the agreed Contact Agreement, for example CA-2026-0088",
            field(
                "contact_agreement",
                "Contact Agreement reference",
                "text",
                opt(&plan.contact_agreement),
            ),
        )],
        Section::Siblings => {
            let s = plan.sibling_assessment.as_ref();
            vec![
                radios(
                    "siblings",
                    "The Sibling assessment Planning Aid concluded",
                    s.map_or("", |s| if s.together { "together" } else { "apart" }),
                    &[("together", "Together"), ("apart", "Apart")],
                ),
                field(
                    "siblings_reasons",
                    "Reasons",
                    "textarea",
                    s.map_or(String::new(), |s| s.reasons.clone()),
                ),
            ]
        }
        Section::Identity => plan
            .identity
            .headings()
            .into_iter()
            .map(|(heading, value)| {
                hinted(
                    "\"Not known\" or \"not applicable\" with a reason is allowed",
                    field(
                        &heading.replace(' ', "_"),
                        &sentence(heading),
                        "text",
                        opt(value),
                    ),
                )
            })
            .collect(),
        Section::Wishes => vec![
            field(
                "wishes",
                "The child's wishes and feelings",
                "textarea",
                voice.map_or(String::new(), |v| v.wishes.clone()),
            ),
            radios(
                "follows_wishes",
                "Does the plan follow the child's wishes?",
                voice.map_or("", |v| yes_no(v.decision_follows_wishes)),
                &[("yes", "Yes"), ("no", "No")],
            ),
            field(
                "reason_differs",
                "If not, why the decision differs from the child's wishes",
                "textarea",
                voice
                    .and_then(|v| v.reason_differs.clone())
                    .unwrap_or_default(),
            ),
        ],
        Section::ReturnToFamily => {
            let r = plan.return_to_family.as_ref();
            let mut fields: Vec<FieldSpec> = ReturnSupport::ALL
                .into_iter()
                .map(|s| {
                    let ticked = r.is_some_and(|r| r.support.contains(&s));
                    field(
                        &format!("support_{}", s.code()),
                        s.label(),
                        "checkbox",
                        if ticked { "yes" } else { "" },
                    )
                })
                .collect();
            fields.push(hinted(
                "Only when return to the family is not the plan.",
                field(
                    "not_the_plan",
                    "Why return to the family is not the plan",
                    "textarea",
                    r.map(|r| r.not_the_plan.clone()).unwrap_or_default(),
                ),
            ));
            fields
        }
        Section::Carer => vec![field(
            "carer_views",
            "The carer's views",
            "textarea",
            opt(&plan.carer_views),
        )],
        Section::Exceptional => {
            let e = plan.exceptional.as_ref();
            vec![
                field(
                    "exceptional",
                    "Exceptional-needs assessment reference",
                    "text",
                    e.map_or(String::new(), |e| e.assessment_ref.clone()),
                ),
                field(
                    "circumstances",
                    "Why the child's needs cannot be met in a family",
                    "textarea",
                    e.map_or(String::new(), |e| e.circumstances.clone()),
                ),
            ]
        }
    }
}

fn route_fields(plan: &PermanencePlan) -> Vec<FieldSpec> {
    let parallel = plan.parallel.as_ref();
    let mut pathways = vec![(String::new(), "No parallel plan".to_owned())];
    pathways.extend(pathway_options());
    vec![
        hinted(
            "For example, Care Order (section 31 Children Act 1989)",
            field(
                "legal_route",
                "Legal route or order sought",
                "text",
                opt(&plan.legal_route),
            ),
        ),
        hinted(
            "For example, matched at the Permanence Panel within 2 months",
            field("timeframe", "Timeframe", "text", opt(&plan.timeframe)),
        ),
        radios(
            "provisional",
            "Is the plan provisional while court proceedings run?",
            yes_no(plan.firmness.provisional),
            &[("yes", "Yes"), ("no", "No")],
        ),
        hinted(
            DATE_HINT,
            field(
                "final_hearing",
                "Final hearing date, for a provisional plan",
                "date",
                form_date(plan.court.as_ref().and_then(|c| c.final_hearing)),
            ),
        ),
        select(
            "parallel_pathway",
            "Parallel plan's pathway",
            parallel.map_or("", |p| p.pathway.code()),
            pathways,
        ),
        hinted(
            DATE_HINT,
            field(
                "parallel_decision",
                "Date by which the parallel plan is decided",
                "date",
                form_date(parallel.map(|p| p.decision_date)),
            ),
        ),
    ]
}

/// The options appraisal: an outcome and the reasons for each option (DATA-011).
fn appraisal_fields(plan: &PermanencePlan) -> Vec<FieldSpec> {
    let mut fields = Vec::new();
    for (o, (name, _)) in PermanenceOption::ALL.into_iter().zip(OPTION_FIELDS) {
        let entry = plan.appraisal.iter().find(|e| e.option == o);
        fields.push(radios(
            name,
            &format!("Option {}: {}", o.step(), o.label()),
            entry.map_or("", |e| appraisal_code(e.outcome)),
            &[
                ("ruled_in", "Ruled in"),
                ("ruled_out", "Ruled out"),
                ("not_applicable", "Not applicable"),
            ],
        ));
        fields.push(field(
            &format!("{name}_reasons"),
            &format!("Reasons for option {}", o.step()),
            "textarea",
            entry.map_or(String::new(), |e| e.reasons.clone()),
        ));
    }
    fields
}

/// A text field's value, or `None` when left blank.
fn text(form: &Fields, name: &str) -> Option<String> {
    Some(form.get(name)).filter(|v| !v.is_empty())
}

fn error(field: &'static str, message: impl Into<String>) -> FieldError {
    FieldError {
        field,
        message: message.into(),
    }
}

/// Reads a section's page into the plan: the plan with the section's
/// answers, or an error against each field that is not right.
pub(crate) fn read_section(
    section: Section,
    form: &Fields,
    base: &PermanencePlan,
) -> Result<PermanencePlan, Vec<FieldError>> {
    let mut plan = base.clone();
    let mut errors = Vec::new();
    match section {
        Section::Pathway => match Pathway::parse(&form.get("pathway")) {
            Some(p) => plan.pathway = Some(p),
            None => errors.push(error("answer-pathway", "Select the plan's pathway")),
        },
        Section::Route => read_route(form, &mut plan, &mut errors),
        Section::Appraisal => plan.appraisal = read_appraisal(form, &mut errors),
        Section::Contact => match text(form, "contact_agreement") {
            Some(r) => plan.contact_agreement = Some(r),
            None => errors.push(error(
                "answer-contact_agreement",
                "Enter the Contact Agreement's reference",
            )),
        },
        Section::Siblings => {
            let together = match form.get("siblings").as_str() {
                "together" => true,
                "apart" => false,
                _ => {
                    errors.push(error(
                        "answer-siblings",
                        "Select whether the child should live with their brothers and sisters",
                    ));
                    false
                }
            };
            plan.sibling_assessment = Some(SiblingAssessment {
                together,
                reasons: form.get("siblings_reasons"),
                completed: base
                    .sibling_assessment
                    .as_ref()
                    .map_or(base.created, |s| s.completed),
            });
        }
        Section::Identity => {
            let i = &mut plan.identity;
            i.ethnic_origin = text(form, "ethnic_origin");
            i.cultural_background = text(form, "cultural_background");
            i.language = text(form, "language");
            i.religion = text(form, "religion");
            i.disability = text(form, "disability");
            i.sexuality = text(form, "sexuality");
        }
        Section::Wishes => read_wishes(form, base, &mut plan, &mut errors),
        Section::ReturnToFamily => {
            let support = ReturnSupport::ALL
                .into_iter()
                .filter(|s| form.ticked(&format!("support_{}", s.code())))
                .collect();
            match ReturnToFamily::answer(support, &form.get("not_the_plan")) {
                Ok(r) => plan.return_to_family = Some(r),
                Err(message) => errors.push(error(
                    "answer-support_social_worker",
                    message
                        .split_once(": ")
                        .map_or(message.as_str(), |(_, m)| m)
                        .to_owned(),
                )),
            }
        }
        Section::Carer => match text(form, "carer_views") {
            Some(v) => plan.carer_views = Some(v),
            None => errors.push(error("answer-carer_views", "Enter the carer's views")),
        },
        Section::Exceptional => match text(form, "exceptional") {
            Some(assessment_ref) => {
                plan.exceptional = Some(Exceptional {
                    assessment_ref,
                    circumstances: form.get("circumstances"),
                    // The approval is kept by `edit_plan` while the
                    // evidence is unchanged (PRIN-003).
                    approved_by: None,
                    approved_on: None,
                });
            }
            None => errors.push(error(
                "answer-exceptional",
                "Enter the exceptional-needs assessment's reference",
            )),
        },
        Section::Outcomes | Section::Steps | Section::Support => {}
    }
    if errors.is_empty() {
        Ok(plan)
    } else {
        Err(errors)
    }
}

/// The legal route, timeframe, court timetable and parallel plan.
fn read_route(form: &Fields, plan: &mut PermanencePlan, errors: &mut Vec<FieldError>) {
    plan.legal_route = text(form, "legal_route");
    plan.timeframe = text(form, "timeframe");
    plan.firmness.provisional = form.ticked("provisional");
    let mut date = |name: &str, field: &'static str| match form.date(name) {
        Ok(d) => d,
        Err(message) => {
            errors.push(error(field, message));
            None
        }
    };
    let final_hearing = date("final_hearing", "answer-final_hearing");
    let decision = date("parallel_decision", "answer-parallel_decision");
    plan.court = (plan.firmness.provisional || final_hearing.is_some()).then(|| CourtTimetable {
        next_hearing: plan.court.as_ref().and_then(|c| c.next_hearing),
        final_hearing,
        final_order: plan.court.as_ref().and_then(|c| c.final_order),
    });
    plan.parallel = match (Pathway::parse(&form.get("parallel_pathway")), decision) {
        (Some(pathway), Some(decision_date)) => Some(ParallelPlan {
            pathway,
            decision_date,
            decided: None,
        }),
        (None, None) => None,
        (Some(_), None) => {
            errors.push(error(
                "answer-parallel_decision",
                "Enter the date by which the parallel plan is decided",
            ));
            None
        }
        (None, Some(_)) => {
            errors.push(error(
                "answer-parallel_pathway",
                "Select the parallel plan's pathway, or remove its date",
            ));
            None
        }
    };
    plan.firmness.parallel = plan.parallel.is_some();
}

fn read_appraisal(form: &Fields, errors: &mut Vec<FieldError>) -> Vec<AppraisalEntry> {
    let mut entries = Vec::new();
    for (o, (name, reasons_field)) in PermanenceOption::ALL.into_iter().zip(OPTION_FIELDS) {
        let outcome = match form.get(name).as_str() {
            "ruled_in" => AppraisalOutcome::RuledIn,
            "ruled_out" => AppraisalOutcome::RuledOut,
            "not_applicable" => AppraisalOutcome::NotApplicable,
            _ => continue,
        };
        let reasons = form.get(&format!("{name}_reasons"));
        if outcome == AppraisalOutcome::RuledOut && reasons.is_empty() {
            errors.push(error(
                reasons_field,
                format!(
                    "Enter why option {} ({}) was ruled out",
                    o.step(),
                    o.label()
                ),
            ));
        }
        entries.push(AppraisalEntry {
            option: o,
            outcome,
            reasons,
            assessment_ref: None,
        });
    }
    entries
}

fn read_wishes(
    form: &Fields,
    base: &PermanencePlan,
    plan: &mut PermanencePlan,
    errors: &mut Vec<FieldError>,
) {
    let Some(wishes) = text(form, "wishes") else {
        errors.push(error(
            "answer-wishes",
            "Enter the child's wishes and feelings",
        ));
        return;
    };
    let follows = match form.get("follows_wishes").as_str() {
        "yes" => true,
        "no" => false,
        _ => {
            errors.push(error(
                "answer-follows_wishes",
                "Select whether the plan follows the child's wishes",
            ));
            return;
        }
    };
    let reason_differs = text(form, "reason_differs");
    if !follows && reason_differs.is_none() {
        errors.push(error(
            "answer-reason_differs",
            "Enter why the decision differs from the child's wishes",
        ));
    }
    plan.child_voice = Some(Voice {
        wishes,
        gathered: base
            .child_voice
            .as_ref()
            .map_or(base.created, |v| v.gathered),
        decision_follows_wishes: follows,
        reason_differs: reason_differs.filter(|_| !follows),
    });
}

/// Adds one item to a section's list (an intended outcome, a step).
pub(crate) fn add_item(
    section: Section,
    form: &Fields,
    base: &PermanencePlan,
) -> Result<PermanencePlan, Vec<FieldError>> {
    let mut plan = base.clone();
    let mut errors = Vec::new();
    if section == Section::Outcomes {
        let area = OutcomeArea::ALL
            .into_iter()
            .find(|a| area_code(*a) == form.get("area"));
        let outcome = text(form, "outcome");
        if area.is_none() {
            errors.push(error("answer-area", "Select the outcome area"));
        }
        if outcome.is_none() {
            errors.push(error("answer-outcome", "Enter the intended outcome"));
        }
        if let (Some(area), Some(text)) = (area, outcome) {
            plan.objectives.push(Objective { text, area });
        }
    } else {
        let description = text(form, "description");
        let owner = text(form, "owner");
        if description.is_none() {
            errors.push(error("answer-description", "Enter the step"));
        }
        if owner.is_none() {
            errors.push(error(
                "answer-owner",
                "Enter who is responsible for the step",
            ));
        }
        let target = match form.date("target") {
            Ok(Some(d)) => Some(d),
            Ok(None) => {
                errors.push(error("answer-target", "Enter the step's target date"));
                None
            }
            Err(message) => {
                errors.push(error("answer-target", format!("Target date: {message}")));
                None
            }
        };
        if let (Some(description), Some(owner), Some(target)) = (description, owner, target) {
            plan.steps.push(Step {
                description,
                owner,
                target,
                done: None,
                variance_reason: None,
            });
        }
    }
    if errors.is_empty() {
        Ok(plan)
    } else {
        Err(errors)
    }
}

/// Removes the item at `index` from a section's list, if there is one.
pub(crate) fn remove_item(section: Section, index: usize, base: &PermanencePlan) -> PermanencePlan {
    let mut plan = base.clone();
    match section {
        Section::Outcomes if index < plan.objectives.len() => {
            plan.objectives.remove(index);
        }
        Section::Steps if index < plan.steps.len() => {
            plan.steps.remove(index);
        }
        _ => {}
    }
    plan
}
