//! The outcome letter of a panel referral, to print and send: addressed to
//! the carers, the child or the IRO, dated, with the council's reference and
//! signed by the agency decision maker who decided (or the panel's chair
//! while the recommendation awaits a decision), in plain English without
//! rule codes.

use app::permanence::ReferralView;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use domain::permanence::referrals::{Outcome, Referral};

use crate::handler::{Caller, Page};
use crate::ui::{Chrome, LetterPage, date_text, long_date, opt, render};

/// Whom the letter is written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Addressee {
    Carers,
    Child,
    Iro,
}

impl Addressee {
    const ALL: [Addressee; 3] = [Addressee::Carers, Addressee::Child, Addressee::Iro];

    fn code(self) -> &'static str {
        match self {
            Addressee::Carers => "carers",
            Addressee::Child => "child",
            Addressee::Iro => "iro",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Addressee::Carers => "to the carers",
            Addressee::Child => "to the child",
            Addressee::Iro => "to the Independent Reviewing Officer",
        }
    }
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct LetterQuery {
    #[serde(default)]
    to: String,
}

/// The outcome letter for a referral, to print.
pub(crate) async fn letter(
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<LetterQuery>,
) -> Page {
    let rid = id.clone();
    let view = caller
        .page(move |c| app::permanence::open_referral(&c.store, c.user(), c.clock(), &rid, &c.from))
        .await?;
    let names = caller.names();
    let r = &view.referral.value.document;
    let Some(outcome) = r.outcome else {
        return Err(caller.message(
            StatusCode::NOT_FOUND,
            "No outcome yet",
            &["The panel has not recorded an outcome for this item."],
        ));
    };
    let to = Addressee::ALL
        .into_iter()
        .find(|a| a.code() == q.to)
        .unwrap_or(Addressee::Carers);
    let (addressee, greeting) = addressed(&view, to);
    let page = LetterPage {
        chrome: Chrome::new("Permanence Panel letter", Some(&caller.signed), "/panels"),
        back: format!("/referrals/{id}"),
        choices: Addressee::ALL
            .into_iter()
            .filter(|a| *a != to)
            .map(|a| {
                (
                    format!("/referrals/{id}/letter?to={}", a.code()),
                    format!("the letter {}", a.label()),
                )
            })
            .collect(),
        addressee,
        date: long_date(caller.today()),
        reference: id.clone(),
        heading: format!("{}: {}", r.forum.label(), view.child_name),
        greeting: Some(greeting),
        paragraphs: outcome_letter(
            r,
            outcome,
            view.meeting.as_ref().map(|m| m.value.document.date),
            &view.child_name,
            names,
        ),
        rows: Vec::new(),
        signatory: signatory(&view, names),
    };
    Ok(render(StatusCode::OK, &page))
}

/// The addressee's lines and the greeting.
fn addressed(view: &ReferralView, to: Addressee) -> (Vec<String>, String) {
    let r = &view.referral.value.document;
    let child = &view.child_name;
    match to {
        Addressee::Carers => match &r.carer {
            Some(carer) => (
                vec![carer.clone(), format!("Carers of {child}")],
                format!("Dear {carer}"),
            ),
            None => (vec![format!("The carers of {child}")], "Dear carers".into()),
        },
        Addressee::Child => (
            vec![child.clone()],
            format!("Dear {}", view.child_given_name),
        ),
        Addressee::Iro => (
            vec![format!("The Independent Reviewing Officer for {child}")],
            "Dear Independent Reviewing Officer".into(),
        ),
    }
}

/// What the letter says, in plain English. The letter page and subject
/// access both show it.
pub(crate) fn outcome_letter(
    r: &Referral,
    outcome: Outcome,
    meeting_date: Option<chrono::NaiveDate>,
    child_name: &str,
    names: &app::people::Names,
) -> Vec<String> {
    let mut paragraphs = vec![
        format!(
            "The {} met on {} to consider {}: {}.",
            r.forum.label(),
            date_text(meeting_date),
            child_name,
            r.item.label().to_lowercase()
        ),
        format!("The panel's view was: {}.", outcome.label().to_lowercase()),
        format!("The panel's reasons: {}", opt(&r.reasons)),
    ];
    match (&r.adm_decision, r.adm_agreed_at_meeting) {
        (Some(d), _) => paragraphs.push(format!(
            "On {} {}, the agency decision maker, {} with the panel. Their reasons: {}",
            long_date(d.decided_on),
            names.name(&d.by),
            if d.agreed { "agreed" } else { "did not agree" },
            d.reasons
        )),
        (None, true) => paragraphs.push(
            "The agency decision maker was at the meeting and agreed with the panel, so this is the council's decision."
                .into(),
        ),
        (None, false) => paragraphs.push(
            "This is the panel's recommendation. The agency decision maker will decide whether to agree with it and we will write to you again."
                .into(),
        ),
    }
    if !r.further_information.is_empty() {
        paragraphs.push(format!(
            "Before it decides, the panel needs: {}, by {}.",
            r.further_information.join("; "),
            date_text(r.further_information_due)
        ));
    }
    paragraphs.push("If you are unhappy with this, you can tell us through the complaints procedure, or ask the Independent Reviewing Officer or an advocate to help you. Your social worker can explain how.".into());
    paragraphs
}

/// Who signs: the agency decision maker who decided, else the panel's chair.
fn signatory(view: &ReferralView, names: &app::people::Names) -> Vec<String> {
    let r = &view.referral.value.document;
    let named = |id: &str| names.name(id).to_owned();
    if let Some(d) = &r.adm_decision {
        return vec![named(&d.by), "Agency Decision Maker".into()];
    }
    let chair = view
        .meeting
        .as_ref()
        .and_then(|m| view.forum.chair_on(m.value.document.date));
    match chair {
        Some(c) => vec![named(&c.person), format!("Chair, {}", r.forum.label())],
        None => vec![format!("{} adviser", r.forum.label())],
    }
}
