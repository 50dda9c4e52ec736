//! The long-term fostering suitability assessment on a referral's page
//! (PATH-017): what is recorded and what it still lacks for the version of
//! the Permanence Policy in force on its date (DATA-001), and the form that
//! records it. Complete, it is the pack's paper of that name.

use app::permanence::{ReferralAction, ReferralView};
use domain::permanence::pathways::{FactorAnswer, LtfAssessment, LtfFactor};
use domain::permanence::referrals::{PackDoc, ReferralMove};

use crate::handler::Fields;
use crate::ui::{FieldSpec, FormSpec, Part, button_form, field, form_date, long_date, part};

/// The assessment's part of the referral page, for an item whose pack
/// holds the assessment; with its form while papers may be added.
pub(crate) fn ltf_part(id: &str, view: &ReferralView, moves: &[ReferralMove]) -> Option<Part> {
    if !view.required.contains(&PackDoc::LtfSuitabilityAssessment) {
        return None;
    }
    let r = &view.referral.value.document;
    let mut p = part("ltf", "Long-term fostering suitability assessment");
    match &r.ltf_assessment {
        Some(a) => {
            p.rows.push(("Date of the assessment".into(), long_date(a.dated)));
            let missing = a.missing();
            p.rows.push((
                "Status".into(),
                if missing.is_empty() {
                    "Complete: it is in the pack".into()
                } else {
                    format!("Not complete. Still to answer: {}", missing.join("; "))
                },
            ));
        }
        None => p.paragraphs.push(
            "Not recorded yet. The pack's suitability assessment is this record: it goes into the pack once every question is answered."
                .into(),
        ),
    }
    if moves.contains(&ReferralMove::AttachPaper) {
        p.forms.push(form(id, view, r.ltf_assessment.as_ref()));
    }
    Some(p)
}

fn form(id: &str, view: &ReferralView, recorded: Option<&LtfAssessment>) -> FormSpec {
    let mut f = button_form(
        "ltf",
        &format!("/referrals/{id}"),
        "Save the assessment",
        vec![
            ("version", view.referral.version.to_string()),
            ("action", "ltf_assessment".into()),
        ],
    );
    f.secondary = recorded.is_some_and(|a| a.missing().is_empty());
    let answer = |factor: LtfFactor| {
        recorded
            .and_then(|a| a.answers.iter().find(|x| x.factor == factor))
            .map_or_else(String::new, |x| x.answer.clone())
    };
    f.fields.push(FieldSpec {
        hint: Some("For example, 27/3/2026".into()),
        ..field(
            "dated",
            "Date of the assessment",
            "date",
            form_date(recorded.map(|a| a.dated)),
        )
    });
    f.fields.push(field(
        "clear_assessment",
        "The assessment of the child's needs it rests on",
        "textarea",
        recorded
            .and_then(|a| a.clear_assessment.clone())
            .unwrap_or_default(),
    ));
    for (i, factor) in LtfFactor::ALL.into_iter().enumerate() {
        let mut spec = field(
            &format!("factor_{i}"),
            &capitalised(factor.label()),
            "textarea",
            answer(factor),
        );
        if i == 0 {
            spec.hint = Some(
                "An assessment dated from 1 May 2020 answers each of these questions (the Permanence Policy as reviewed in May 2020)."
                    .into(),
            );
        }
        f.fields.push(spec);
    }
    f
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|first| first.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The assessment the form sends, or the field whose input is wrong.
pub(crate) fn read_ltf(fields: &Fields) -> Result<ReferralAction, (&'static str, String)> {
    let dated = fields
        .date("dated")
        .map_err(|message| ("ltf-dated", message))?
        .ok_or(("ltf-dated", "Enter the date of the assessment".to_owned()))?;
    let clear = fields.get("clear_assessment");
    let answers = LtfFactor::ALL
        .into_iter()
        .enumerate()
        .map(|(i, factor)| FactorAnswer {
            factor,
            answer: fields.get(&format!("factor_{i}")),
        })
        .filter(|a| !a.answer.is_empty())
        .collect();
    Ok(ReferralAction::LtfAssessment(LtfAssessment {
        dated,
        clear_assessment: (!clear.is_empty()).then_some(clear),
        answers,
    }))
}

/// What the page says once the assessment is saved.
pub(crate) fn ltf_saved(a: &LtfAssessment) -> String {
    let missing = a.missing();
    if missing.is_empty() {
        "Suitability assessment recorded: it is in the pack.".into()
    } else {
        format!(
            "Suitability assessment saved. It goes into the pack once these are answered: {}.",
            missing.join("; ")
        )
    }
}
