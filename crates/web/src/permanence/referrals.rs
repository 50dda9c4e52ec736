//! A panel referral's page: its pack checklist and the moves the referral's
//! `moves` in domain gives the user, the printable outcome letter, and
//! referring a permanent foster match from the plan page.

use app::permanence::{PlanView, ReferralAction as A, ReferralView};
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use domain::permanence::referrals::{
    Outcome, PackDoc, ProposedOutcome, Referral, ReferralMove, RepresentationRoute, Representer,
    check_match_referral,
};
use domain::permanence::workflow::ReferralStage;

use super::{child_of, panels_page, plan_after};
use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    FieldError, FieldSpec, FormSpec, Part, RecordPage, button_form, cell, date_text, field,
    long_date, opt, part, select,
};

/// The decision awaiting the agency decision maker for a child (the
/// worklist's PANEL-006 item): the referral's decision form, or the child's
/// plan when none awaits any more.
pub(crate) async fn decision_page(caller: Caller, Path(id): Path<String>) -> Response {
    let child = match child_of(&caller, &id) {
        Ok(c) => c,
        Err(page) => return page,
    };
    let found = caller
        .page(move |c| app::permanence::awaiting_decision(&c.store, c.user(), &child))
        .await;
    match found {
        Ok(Some(referral)) => Redirect::to(&format!("/referrals/{referral}#next")).into_response(),
        Ok(None) => Redirect::to(&format!("/children/{id}/plan")).into_response(),
        Err(page) => page,
    }
}

/// A referral: its pack checklist and the moves the user may take.
pub(crate) async fn referral_page(caller: Caller, Path(id): Path<String>) -> Response {
    show_referral(&caller, &id, Vec::new(), None).await
}

/// The referral's page, with errors against their fields or what was just done.
async fn show_referral(
    caller: &Caller,
    id: &str,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let rid = id.to_owned();
    let view = caller
        .page(move |c| app::permanence::open_referral(&c.store, c.user(), c.clock(), &rid, &c.from))
        .await;
    let view = match view {
        Ok(v) => v,
        Err(page) => return page,
    };
    let r = &view.referral.value.document;
    let moves = r.moves(caller.user());
    let mut notices = Vec::new();
    let mut sections = vec![
        referral_summary(id, &view, caller.names()),
        pack_part(id, &view, &moves, &mut notices, caller.names()),
    ];
    // The panel's ratings of the papers and any amendments overdue (PANEL-013).
    sections[0].links.push((
        format!("/referrals/{id}/quality"),
        "Quality of the papers".into(),
    ));
    for (doc, due) in app::permanence::amendments_overdue(r, caller.today()) {
        notices.push(format!(
            "Amendments to the {} are overdue: they were due by {}.",
            doc.label().to_lowercase(),
            long_date(due)
        ));
    }
    sections.extend(super::ltf_part(id, &view, &moves));
    sections.extend(super::searches_part(id, &view, &moves));
    if r.has_outcome() {
        sections.push(representations_part(id, &view, &moves));
    }
    if r.stage == ReferralStage::Outcome
        && r.adm_decision.is_none()
        && !r.adm_agreed_at_meeting
        && r.outcome != Some(Outcome::Deferred)
    {
        notices.push("The panel's outcome is a recommendation until the agency decision maker confirms it (PANEL-006).".into());
    }
    sections.extend(next_part(caller, id, &view, &moves));
    RecordPage {
        caption: Some(r.item.label().into()),
        status: Some((
            r.stage.label().to_owned(),
            if view.missing.is_empty() {
                "green"
            } else {
                "yellow"
            },
        )),
        errors,
        notices,
        success: done,
        sections,
        ..panels_page(format!("Referral {id}"), &caller.signed)
    }
    .respond()
}

fn referral_summary(id: &str, view: &ReferralView, names: &app::people::Names) -> Part {
    let r = &view.referral.value.document;
    let mut summary = part("summary", "Referral");
    summary.rows = vec![
        ("Child".into(), r.child_id.to_string()),
        ("Item".into(), r.item.label().into()),
        ("Panel".into(), r.forum.label().into()),
        ("Stage".into(), r.stage.label().into()),
        ("Created".into(), long_date(r.created)),
        ("List by".into(), date_text(r.list_by)),
    ];
    if let Some(m) = &view.meeting {
        summary
            .rows
            .push(("Meeting".into(), long_date(m.value.document.date)));
    }
    if let Some(o) = r.outcome {
        summary.rows.push(("Outcome".into(), o.label().into()));
        summary.rows.push(("Reasons".into(), opt(&r.reasons)));
    }
    if !r.further_information.is_empty() {
        summary.rows.push((
            "Further information needed".into(),
            format!(
                "{} (by {})",
                r.further_information.join("; "),
                date_text(r.further_information_due)
            ),
        ));
    }
    summary.rows.extend(decision_row(view, names));
    summary.links.push((
        format!("/children/{}/plan", r.child_id),
        "The child's permanence plan".into(),
    ));
    if r.outcome.is_some() {
        let which = if r.adm_decision.is_some() {
            "Decision letter"
        } else {
            "Outcome letter"
        };
        summary.links.push((
            format!("/referrals/{id}/letter"),
            format!("{which} (to print and send)"),
        ));
    }
    summary
}

/// The agency decision, or when it is due while awaited (PANEL-006).
fn decision_row(view: &ReferralView, names: &app::people::Names) -> Option<(String, String)> {
    let r = &view.referral.value.document;
    if let Some(d) = &r.adm_decision {
        return Some((
            "Agency decision".into(),
            format!(
                "{} on {} by {}",
                if d.agreed { "Agreed" } else { "Not agreed" },
                long_date(d.decided_on),
                names.name_and_role(&d.by)
            ),
        ));
    }
    (r.stage == ReferralStage::Adm).then(|| {
        (
            "Agency decision due".into(),
            view.meeting.as_ref().map_or_else(String::new, |m| {
                long_date(domain::permanence::referrals::adm_confirmation_due(
                    m.value.document.date,
                ))
            }),
        )
    })
}

/// The pack checklist, with the forms that add to the pack.
fn pack_part(
    id: &str,
    view: &ReferralView,
    moves: &[ReferralMove],
    notices: &mut Vec<String>,
    names: &app::people::Names,
) -> Part {
    let r = &view.referral.value.document;
    let mut pack = part("pack", "Pack checklist");
    if view.missing.is_empty() {
        pack.paragraphs.push("The pack is complete.".into());
    } else {
        pack.paragraphs.push(format!(
            "The item cannot be listed until {} more papers are in the pack:",
            view.missing.len()
        ));
        pack.items = view
            .missing
            .iter()
            .map(|d| format!("Missing: {}", d.label()))
            .collect();
        if matches!(
            r.stage,
            ReferralStage::Created | ReferralStage::Pack | ReferralStage::Endorsed
        ) {
            notices.push(format!("Pack incomplete: {} missing", view.missing.len()));
        }
    }
    pack.table_headers = vec!["Paper".into(), "Received".into(), "By".into()];
    pack.table_rows = view
        .required
        .iter()
        .map(|d| {
            let got = r.pack.iter().find(|e| e.doc == *d);
            vec![
                cell(d.label()),
                cell(got.map_or("Missing".into(), |e| long_date(e.received))),
                cell(got.map_or(String::new(), |e| names.name(&e.by).to_owned())),
            ]
        })
        .collect();
    let action = format!("/referrals/{id}");
    let hidden = |a: &str| {
        vec![
            ("version", view.referral.version.to_string()),
            ("action", a.to_owned()),
        ]
    };
    for m in moves {
        pack.forms.extend(match m {
            ReferralMove::AttachPaper => attach_form(&action, view, hidden("attach")),
            ReferralMove::FamilyFinding => Some(finding_form(&action, r, hidden("family_finding"))),
            ReferralMove::LocalRationale => Some(rationale_form(&action, r, hidden("rationale"))),
            _ => None,
        });
    }
    pack
}

fn attach_form(action: &str, view: &ReferralView, hidden: Vec<(&str, String)>) -> Option<FormSpec> {
    let attachable: Vec<(String, String)> = view
        .missing
        .iter()
        .filter(|d| {
            !matches!(
                d,
                PackDoc::TeamManagerEndorsement | PackDoc::LtfSuitabilityAssessment
            )
        })
        .map(|d| (d.code().to_owned(), d.label().to_owned()))
        .collect();
    if attachable.is_empty() {
        return None;
    }
    let mut f = button_form("attach", action, "Add the papers to the pack", hidden);
    f.legend = Some("Papers received (tick each one that arrived)".into());
    f.fields = attachable
        .into_iter()
        .map(|(code, label)| field(&format!("paper_{code}"), &label, "checkbox", ""))
        .collect();
    Some(f)
}

fn finding_form(action: &str, r: &Referral, hidden: Vec<(&str, String)>) -> FormSpec {
    let mut f = button_form("finding", action, "Save", hidden);
    f.secondary = true;
    f.legend = Some(if r.needs.family_finding {
        "Family finding is needed: Pack F is in the checklist".into()
    } else {
        "The current carers are the proposed long-term carers".into()
    });
    f.fields.push(field(
        "needed",
        "The child needs a new family found (Pack F to the Permanence Team)",
        "checkbox",
        if r.needs.family_finding { "yes" } else { "" },
    ));
    f
}

fn rationale_form(action: &str, r: &Referral, hidden: Vec<(&str, String)>) -> FormSpec {
    let mut f = button_form("rationale", action, "Save the rationale", hidden);
    f.secondary = true;
    f.fields.push(field(
        "rationale",
        "Local-placement rationale (the carers live outside Leicestershire)",
        "textarea",
        opt(&r.local_rationale),
    ));
    f
}

/// Representations about the outcome (PANEL-016), with the form that logs one.
fn representations_part(id: &str, view: &ReferralView, moves: &[ReferralMove]) -> Part {
    let r = &view.referral.value.document;
    let mut reps = part("representations", "Representations");
    reps.paragraphs.push("The child, a parent or the carer may make representations about the outcome through the complaints procedure or the IRO. The item can be reconsidered only with new information (PANEL-016).".into());
    reps.items = r
        .representations
        .iter()
        .map(|p| {
            format!(
                "{:?} via {}, received {}",
                p.from,
                match p.route {
                    RepresentationRoute::Iro => "the IRO",
                    _ => "the complaints procedure",
                },
                long_date(p.received)
            )
        })
        .collect();
    if moves.contains(&ReferralMove::Representation) {
        let mut f = button_form(
            "representation",
            &format!("/referrals/{id}"),
            "Log the representation",
            vec![
                ("version", view.referral.version.to_string()),
                ("action", "representation".into()),
            ],
        );
        f.secondary = true;
        f.fields.push(select(
            "from",
            "From",
            "carer",
            vec![
                ("child".into(), "The child".into()),
                ("parent".into(), "A parent".into()),
                ("carer".into(), "The carer".into()),
            ],
        ));
        f.fields.push(select(
            "route",
            "Received through",
            "complaints",
            vec![
                (
                    "complaints".into(),
                    "The complaints and representations procedure".into(),
                ),
                ("iro".into(), "The IRO".into()),
            ],
        ));
        f.fields
            .push(field("summary", "What it is about", "textarea", ""));
        reps.forms.push(f);
    }
    reps
}

/// "What happens next": a form for each WF-PERM-PANEL move the user may take.
fn next_part(
    caller: &Caller,
    id: &str,
    view: &ReferralView,
    moves: &[ReferralMove],
) -> Option<Part> {
    let action = format!("/referrals/{id}");
    let hidden = |a: &str| {
        vec![
            ("version", view.referral.version.to_string()),
            ("action", a.to_owned()),
        ]
    };
    let mut next = part("next", "What happens next");
    for m in moves {
        match m {
            ReferralMove::Endorse if awaiting_papers(view) > 0 => next.paragraphs.push(format!(
                "The team manager can endorse the pack once every paper is in ({} still missing).",
                awaiting_papers(view)
            )),
            ReferralMove::Endorse => next.forms.push(button_form(
                "endorse",
                &action,
                "Endorse the pack (quality assured)",
                hidden("endorse"),
            )),
            ReferralMove::List => match list_form(caller, &action, view, hidden("list")) {
                Some(f) => next.forms.push(f),
                None => next.paragraphs.push("There is no meeting whose papers cut-off is still open: arrange one on the Panels page.".into()),
            },
            ReferralMove::RecordOutcome => next.forms.push(outcome_form(&action, view, hidden("outcome"))),
            ReferralMove::AdmDecision => next.forms.push(adm_form(&action, hidden("adm"))),
            ReferralMove::Communicate => next.forms.push(button_form(
                "communicate",
                &action,
                "Record that the child, carer and IRO were told",
                hidden("communicate"),
            )),
            _ => {}
        }
    }
    (!next.forms.is_empty() || !next.paragraphs.is_empty()).then_some(next)
}

/// How many papers the pack still lacks besides the endorsement (ROLE-005:
/// only a complete pack is endorsed).
fn awaiting_papers(view: &ReferralView) -> usize {
    view.missing
        .iter()
        .filter(|d| **d != PackDoc::TeamManagerEndorsement)
        .count()
}

/// Listing for a meeting of the referral's panel whose papers cut-off has
/// not passed (PANEL-011); none when there is no such meeting.
fn list_form(
    caller: &Caller,
    action: &str,
    view: &ReferralView,
    hidden: Vec<(&str, String)>,
) -> Option<FormSpec> {
    let r = &view.referral.value.document;
    let options: Vec<(String, String)> = view
        .open_meetings
        .iter()
        .filter(|m| {
            m.value.document.forum == r.forum
                && view.forum.cutoff_for(m.value.document.date) >= caller.today()
        })
        .map(|m| {
            (
                m.value.id.clone(),
                format!(
                    "{} on {} (cut-off {})",
                    m.value.document.forum.label(),
                    long_date(m.value.document.date),
                    long_date(view.forum.cutoff_for(m.value.document.date))
                ),
            )
        })
        .collect();
    if options.is_empty() {
        return None;
    }
    let mut f = button_form("list", action, "List for this meeting", hidden);
    let first = view.next_listable.clone().unwrap_or_default();
    let mut meeting = select("meeting", "Meeting", &first, options);
    if let Some(m) = view.open_meetings.iter().find(|m| m.value.id == first) {
        meeting.hint = Some(format!(
            "The first meeting it can be listed for is on {}.",
            long_date(m.value.document.date)
        ));
    }
    f.fields.push(meeting);
    Some(f)
}

fn outcome_form(action: &str, view: &ReferralView, hidden: Vec<(&str, String)>) -> FormSpec {
    let r = &view.referral.value.document;
    let mut f = button_form("outcome", action, "Record the outcome", hidden);
    f.fields.push(select(
        "outcome",
        "Outcome",
        "",
        Outcome::for_item(r.item)
            .iter()
            .map(|o| (o.code().to_owned(), o.label().to_owned()))
            .collect(),
    ));
    f.fields.push(field("reasons", "Reasons", "textarea", ""));
    f.fields.push(FieldSpec {
        hint: Some("Only for a deferral: one item per line".into()),
        ..field("further", "Further information needed", "textarea", "")
    });
    f.fields.push(field(
        "further_due",
        "Further information due by",
        "date",
        "",
    ));
    f.fields.push(field(
        "adm_agreed",
        "The agency decision maker was present and agreed",
        "checkbox",
        "",
    ));
    f
}

fn adm_form(action: &str, hidden: Vec<(&str, String)>) -> FormSpec {
    let mut f = button_form("adm", action, "Record the agency decision", hidden);
    f.fields.push(select(
        "agreed",
        "Decision",
        "yes",
        vec![
            ("yes".into(), "Agree the recommendation".into()),
            ("no".into(), "Do not agree".into()),
        ],
    ));
    f.fields.push(field("reasons", "Reasons", "textarea", ""));
    f
}

/// Takes an action on a referral.
pub(crate) async fn referral_post(
    caller: Caller,
    Path(id): Path<String>,
    fields: Fields,
) -> Response {
    let action = match read_action(&fields) {
        Ok(a) => a,
        Err((field, message)) => {
            return show_referral(&caller, &id, vec![FieldError { field, message }], None).await;
        }
    };
    let (label, field) = (action_done(&action), action_field(&action));
    let (rid, version) = (id.clone(), fields.version());
    let saved = caller
        .run(move |c| {
            app::permanence::act_on_referral(
                &c.store,
                c.user(),
                c.clock(),
                &rid,
                version,
                action,
                &c.from,
            )
        })
        .await;
    match saved {
        Ok(_) => show_referral(&caller, &id, Vec::new(), Some(label)).await,
        Err(e) => match caller.form_errors(&e, field) {
            Ok(errors) => show_referral(&caller, &id, errors, None).await,
            Err(page) => page,
        },
    }
}

/// The action a referral's form asks for, or the field whose input is wrong.
fn read_action(fields: &Fields) -> Result<A, (&'static str, String)> {
    Ok(match fields.get("action").as_str() {
        "attach" => {
            let papers: Vec<PackDoc> = PackDoc::ALL
                .into_iter()
                .filter(|d| fields.ticked(&format!("paper_{}", d.code())))
                .collect();
            if papers.is_empty() {
                return Err(("pack", "Tick the papers received".into()));
            }
            A::AttachPapers(papers)
        }
        "rationale" => A::LocalRationale(fields.get("rationale")),
        "ltf_assessment" => super::read_ltf(fields)?,
        "search" => super::read_search(fields)?,
        "family_finding" => A::FamilyFinding(fields.ticked("needed")),
        "representation" => A::Representation {
            from: match fields.get("from").as_str() {
                "child" => Representer::Child,
                "parent" => Representer::Parent,
                _ => Representer::Carer,
            },
            route: if fields.get("route") == "iro" {
                RepresentationRoute::Iro
            } else {
                RepresentationRoute::Complaints
            },
            summary: fields.get("summary"),
        },
        "endorse" => A::Endorse,
        "list" => A::List {
            meeting: fields.get("meeting"),
        },
        "outcome" => A::Outcome(read_outcome(fields)?),
        "adm" => A::AdmDecision {
            agreed: fields.get("agreed") != "no",
            reasons: fields.get("reasons"),
        },
        "communicate" => A::Communicated,
        other => {
            return Err((
                "next",
                format!("\"{other}\" is not something that can be done to a referral"),
            ));
        }
    })
}

fn read_outcome(fields: &Fields) -> Result<ProposedOutcome, (&'static str, String)> {
    let outcome = Outcome::parse(&fields.get("outcome"))
        .ok_or(("outcome-outcome", "Choose the outcome".into()))?;
    let further_information_due = fields
        .date("further_due")
        .map_err(|message| ("outcome-further_due", message))?;
    Ok(ProposedOutcome {
        outcome,
        reasons: fields.get("reasons"),
        further_information: fields
            .get("further")
            .lines()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect(),
        further_information_due,
        adm_agreed: fields.ticked("adm_agreed"),
    })
}

/// What the page says once the action is done.
fn action_done(action: &A) -> String {
    match action {
        A::AttachPaper(d) => format!("{} added to the pack.", d.label()),
        A::AttachPapers(ds) => format!(
            "Added to the pack: {}.",
            ds.iter().map(|d| d.label()).collect::<Vec<_>>().join("; ")
        ),
        A::LocalRationale(_) => "Local-placement rationale saved.".into(),
        A::LtfAssessment(a) => super::ltf_saved(a),
        A::FamilyFindingSearch(s) => format!("Search of {} logged.", long_date(s.on)),
        A::FamilyFinding(true) => "Family finding is needed: Pack F added to the checklist.".into(),
        A::FamilyFinding(false) => "Family finding is not needed.".into(),
        A::Representation { .. } => "Representation logged against the panel item.".into(),
        A::Endorse => "Pack endorsed.".into(),
        A::List { .. } => "Listed for the meeting.".into(),
        A::Outcome(o) => format!("Outcome recorded: {}.", o.outcome.label()),
        A::AdmDecision { .. } => {
            "Agency decision recorded. The decision letter is ready to print and send.".into()
        }
        A::Communicated => "Recorded that the child, carer and IRO were told.".into(),
    }
}

/// The field a refusal of the action is shown against.
fn action_field(action: &A) -> &'static str {
    match action {
        A::AttachPaper(_) | A::AttachPapers(_) => "pack",
        A::LtfAssessment(_) => "ltf-dated",
        A::FamilyFindingSearch(_) => "search-source",
        A::List { .. } => "list-meeting",
        A::Outcome(_) => "outcome-outcome",
        A::AdmDecision { .. } => "adm-reasons",
        A::Representation { .. } => "representation-summary",
        _ => "next",
    }
}

/// Referring a permanent foster match, on the plan page, once the panel
/// found long-term fostering suitable (WF-LTF-MATCH).
pub(crate) fn match_part(caller: &Caller, id: &str, view: &PlanView) -> Option<Part> {
    let referrals: Vec<Referral> = view
        .referrals
        .iter()
        .map(|r| r.value.document.clone())
        .collect();
    check_match_referral(caller.user(), &view.plan.value.document, &referrals).ok()?;
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
    Some(part)
}

/// Refers a permanent foster match to the panel.
pub(crate) async fn match_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let child = child_of(&caller, &id)?;
    let (carer, out_of_area) = (fields.get("carer"), fields.ticked("out_of_area"));
    let result = caller
        .run(move |c| {
            app::permanence::refer_match(
                &c.store,
                c.user(),
                c.clock(),
                &child,
                &carer,
                out_of_area,
                &c.from,
            )
        })
        .await;
    match result {
        Ok(rid) => Ok(Redirect::to(&format!("/referrals/{rid}")).into_response()),
        Err(e) => Ok(plan_after(&caller, &id, "match-carer", Err(e)).await),
    }
}
