//! A foster carer's steps with ordinary details, for tests that take a
//! carer through their lifecycle to reach a stage (the carer's page asks
//! for these details; the household's generic step takes only the steps
//! that carry nothing but a date).

use chrono::NaiveDate;
use domain::fostering::carers::{
    ApprovalTerms, Enquiry, Exit, FosterStep, InitialVisit, STAGE_ONE_PAPERS,
};
use domain::fostering::reviews::{Review, Visit, VisitKind};

/// The step `name` on `on` with ordinary details: every Stage 1 paper, the
/// panel 16 weeks after the Form F starts, Skills to Foster and the
/// applicant's agreement on the day the Form F completes, terms of two
/// children aged 0 to 11 short-term, a review with every contribution and
/// a manager's note.
pub fn foster_step(name: &str, on: NaiveDate) -> FosterStep {
    let at = |h| on.and_hms_opt(h, 0, 0).unwrap();
    if let Some(step) = FosterStep::dated(name, on) {
        return step;
    }
    match name {
        "record_enquiry" => FosterStep::Enquiry(Enquiry {
            channel: "phone".into(),
            received: at(10),
            replied: at(11),
        }),
        "visit" => FosterStep::InitialVisit(InitialVisit {
            visited: at(10),
            report_saved: at(15),
        }),
        "start_form_f" => FosterStep::StartFormF {
            on,
            papers: STAGE_ONE_PAPERS
                .iter()
                .map(|(c, _)| (*c).to_owned())
                .collect(),
            panel_date: Some(on + chrono::Days::new(16 * 7)),
            previous_partner: false,
        },
        "complete_form_f" => FosterStep::CompleteFormF {
            on,
            skills_to_foster: Some(on),
            applicant_agreed: Some(on),
        },
        "recommend" => FosterStep::Recommend { on, approval: true },
        "approve" => FosterStep::Approve {
            on,
            terms: ApprovalTerms::new(0, 11, 2, "short_term").unwrap(),
        },
        "review" => FosterStep::Review(Review {
            on,
            training_hours: 0,
            override_note: "Training covered in supervision".into(),
            contributions: vec!["carer".into(), "csw".into()],
        }),
        "ssw_visit" => FosterStep::Visit(Visit {
            on,
            kind: VisitKind::Supervision,
        }),
        "deregister" => FosterStep::Deregister(Exit {
            on,
            reason: "retirement".into(),
            exit_interview_offered: true,
        }),
        other => panic!("no ordinary details for the foster carer's step {other}"),
    }
}
