//! A plan's answers as people read them: the items of a section's list,
//! each section's answers on the check page, and what a plan no longer
//! edited holds, on its page. Step owners are named, not identifiers.

use app::people::Names;
use domain::permanence::plan::{AppraisalOutcome, PermanenceOption, PermanencePlan};

use super::Section;
use crate::ui::{Part, long_date, opt, part, sentence};

/// The items of a section's list, as its page and the check page show them.
pub(crate) fn items(section: Section, plan: &PermanencePlan, names: &Names) -> Vec<String> {
    match section {
        Section::Outcomes => plan
            .objectives
            .iter()
            .map(|o| format!("{}: {}", o.area.label(), o.text))
            .collect(),
        Section::Steps => plan
            .steps
            .iter()
            .map(|s| {
                format!(
                    "{}, by {} ({}){}",
                    s.description,
                    long_date(s.target),
                    names.name(&s.owner),
                    s.done
                        .map_or(String::new(), |d| format!(", done {}", long_date(d)))
                )
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// A section's answers as the check page lists them: (question, answer).
pub(crate) fn answers(
    section: Section,
    plan: &PermanencePlan,
    names: &Names,
) -> Vec<(String, String)> {
    let none = || "Not answered".to_owned();
    let or_none = |s: &Option<String>| s.clone().filter(|t| !t.is_empty()).unwrap_or_else(none);
    if section.adds_items() {
        let items = items(section, plan, names);
        let value = if items.is_empty() {
            "None added".into()
        } else {
            items.join("; ")
        };
        return vec![(section.name().into(), value)];
    }
    match section {
        Section::Pathway => vec![(
            "Pathway".into(),
            plan.pathway.map_or_else(none, |p| p.label().into()),
        )],
        Section::Route => vec![
            (
                "Legal route or order sought".into(),
                or_none(&plan.legal_route),
            ),
            ("Timeframe".into(), or_none(&plan.timeframe)),
            ("How firm the plan is".into(), plan.firmness.label().into()),
        ],
        Section::Appraisal => PermanenceOption::ALL
            .into_iter()
            .map(|o| {
                let entry = plan.appraisal.iter().find(|e| e.option == o);
                let answer = entry.map_or_else(none, |e| {
                    let outcome = match e.outcome {
                        AppraisalOutcome::RuledIn => "Ruled in",
                        AppraisalOutcome::RuledOut => "Ruled out",
                        AppraisalOutcome::NotApplicable => "Not applicable",
                    };
                    if e.reasons.is_empty() {
                        outcome.into()
                    } else {
                        format!("{outcome}: {}", e.reasons)
                    }
                });
                (format!("Option {}: {}", o.step(), o.label()), answer)
            })
            .collect(),
        Section::Support => vec![(
            "Support plan".into(),
            plan.support_plan
                .as_ref()
                .map_or_else(|| "Not linked yet".into(), |r| format!("Linked ({r})")),
        )],
        Section::Contact => vec![("Contact Agreement".into(), or_none(&plan.contact_agreement))],
        Section::Siblings => vec![(
            "Brothers and sisters".into(),
            plan.sibling_assessment.as_ref().map_or_else(none, |s| {
                format!(
                    "{}: {}",
                    if s.together { "Together" } else { "Apart" },
                    s.reasons
                )
            }),
        )],
        Section::Identity => plan
            .identity
            .headings()
            .into_iter()
            .map(|(k, v)| (sentence(k), or_none(v)))
            .collect(),
        Section::Wishes => vec![(
            "The child's wishes and feelings".into(),
            plan.child_voice.as_ref().map_or_else(none, |v| {
                if v.decision_follows_wishes {
                    format!("{} (the plan follows them)", v.wishes)
                } else {
                    format!(
                        "{} (the plan differs: {})",
                        v.wishes,
                        v.reason_differs.clone().unwrap_or_default()
                    )
                }
            }),
        )],
        Section::Carer => vec![("The carer's views".into(), or_none(&plan.carer_views))],
        Section::ReturnToFamily => {
            let r = plan.return_to_family.as_ref();
            let support: Vec<&str> = r
                .map(|r| r.support.iter().map(|s| s.label()).collect())
                .unwrap_or_default();
            vec![
                (
                    "Support offered for the child's return".into(),
                    if support.is_empty() {
                        none()
                    } else {
                        support.join(", ")
                    },
                ),
                (
                    "Why return is not the plan".into(),
                    r.map(|r| r.not_the_plan.clone())
                        .filter(|t| !t.is_empty())
                        .unwrap_or_else(none),
                ),
            ]
        }
        Section::Exceptional => vec![
            (
                "Exceptional-needs assessment".into(),
                plan.exceptional
                    .as_ref()
                    .map_or_else(none, |e| e.assessment_ref.clone()),
            ),
            (
                "Approved by".into(),
                plan.exceptional
                    .as_ref()
                    .and_then(|e| e.approved_by.as_deref())
                    .map_or_else(
                        || "Not yet: a service manager approves it on the plan page".into(),
                        |by| names.name_and_role(by),
                    ),
            ),
        ],
        Section::Outcomes | Section::Steps => Vec::new(),
    }
}

/// What a plan no longer edited holds, on its page.
pub(crate) fn plan_details(plan: &PermanencePlan, names: &Names) -> Part {
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
