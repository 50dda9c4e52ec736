//! A panel referral's page: its pack checklist and the moves the user may
//! take, the printable outcome letter, and referring a match from the plan.

use axum::Extension;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::access::Permission;
use domain::permanence::referrals::{Outcome, PackDoc, ProposedOutcome};
use domain::permanence::workflow;

use super::*;
use crate::AppState;
use crate::handler::*;
use crate::session::{Signed, client_address};
use crate::ui::*;

/// A referral: its pack checklist and the moves the user may take.
pub(crate) async fn referral_page(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let from = client_address(&req);
    show_referral(&state, &signed, &id, &from, Vec::new(), None).await
}

pub(crate) async fn show_referral(
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
    let (rid, from) = (id.to_owned(), from.to_owned());
    let view = blocking(move || {
        app::permanence::open_referral(&store, &user, clock.as_ref(), &rid, &from)
    })
    .await;
    let view = match view {
        Ok(v) => v,
        Err(e) => {
            return failure(&e, signed).unwrap_or_else(|| {
                message(
                    StatusCode::NOT_FOUND,
                    "Page not found",
                    &[&e.to_string()],
                    Some(signed),
                )
            });
        }
    };
    let r = &view.referral.value.document;
    let action = format!("/referrals/{id}");
    let version = view.referral.version.to_string();
    let role = signed.user.role;
    let mut sections = Vec::new();
    let mut notices: Vec<String> = Vec::new();

    let mut summary = part("summary", "Referral");
    summary.rows = vec![
        ("Child".into(), r.child_id.clone()),
        ("Item".into(), r.item.label().into()),
        ("Panel".into(), r.forum.label().into()),
        ("Stage".into(), workflow::PERM_PANEL.label(&r.stage).into()),
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
    if let Some(d) = &r.adm_decision {
        summary.rows.push((
            "Agency decision".into(),
            format!(
                "{} on {} by {}",
                if d.agreed { "Agreed" } else { "Not agreed" },
                long_date(d.decided_on),
                d.by
            ),
        ));
    } else if r.stage == "adm" {
        summary.rows.push((
            "Agency decision due".into(),
            view.meeting.as_ref().map_or_else(String::new, |m| {
                long_date(domain::permanence::referrals::adm_confirmation_due(
                    m.value.document.date,
                ))
            }),
        ));
    }
    summary.links.push((
        format!("/children/{}/plan", r.child_id),
        "The child's permanence plan".into(),
    ));
    if r.outcome.is_some() {
        summary.links.push((
            format!("/referrals/{id}/letter"),
            "Outcome letter (printable)".into(),
        ));
    }
    sections.push(summary);

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
        if matches!(r.stage.as_str(), "created" | "pack" | "endorsed") {
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
                cell(got.map_or(String::new(), |e| e.by.clone())),
            ]
        })
        .collect();
    let may_work = signed.user.may(Permission::WorkOnPlans);
    // Who may add papers: those WF-PERM-PANEL lets prepare the pack, and the
    // team manager; who decides on family finding: the child's worker, their
    // manager or a family finder (as the use cases check).
    use domain::roles::Role as R;
    let may_prepare = workflow::PERM_PANEL
        .transition("prepare_pack")
        .is_some_and(|t| t.roles.contains(&role))
        || role == R::TeamManager;
    let may_decide_finding = matches!(role, R::SocialWorker | R::TeamManager | R::FamilyFinder);
    if may_work && may_prepare && matches!(r.stage.as_str(), "created" | "pack") {
        let attachable: Vec<(String, String)> = view
            .missing
            .iter()
            .filter(|d| **d != PackDoc::TeamManagerEndorsement)
            .map(|d| (d.code().to_owned(), d.label().to_owned()))
            .collect();
        if !attachable.is_empty() {
            let mut f = button_form(
                "attach",
                &action,
                "Add to the pack",
                vec![("version", version.clone()), ("action", "attach".into())],
            );
            f.fields
                .push(select("paper", "Paper received", "", attachable));
            pack.forms.push(f);
        }
    }
    if may_work && may_decide_finding && matches!(r.stage.as_str(), "created" | "pack") {
        let mut f = button_form(
            "finding",
            &action,
            "Save",
            vec![
                ("version", version.clone()),
                ("action", "family_finding".into()),
            ],
        );
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
        pack.forms.push(f);
    }
    if r.carer_out_of_area && may_work {
        let mut f = button_form(
            "rationale",
            &action,
            "Save the rationale",
            vec![("version", version.clone()), ("action", "rationale".into())],
        );
        f.secondary = true;
        f.fields.push(field(
            "rationale",
            "Local-placement rationale (the carers live outside Leicestershire)",
            "textarea",
            opt(&r.local_rationale),
        ));
        pack.forms.push(f);
    }
    sections.push(pack);

    let mut next = part("next", "What happens next");
    let wf = &workflow::PERM_PANEL;
    let mut moves = wf.available(&r.stage, &[role]);
    // The panel adviser may try to list an item still in preparation: the
    // refusal names the papers missing (PANEL-005).
    if matches!(r.stage.as_str(), "created" | "pack")
        && let Some(list) = wf.transition("list").filter(|t| t.roles.contains(&role))
    {
        moves.push(list);
    }
    for t in moves {
        match t.name {
            "endorse" => next.forms.push(button_form(
                "endorse",
                &action,
                "Endorse the pack (quality assured)",
                vec![("version", version.clone()), ("action", "endorse".into())],
            )),
            "list" => {
                let mut f = button_form(
                    "list",
                    &action,
                    "List for this meeting",
                    vec![("version", version.clone()), ("action", "list".into())],
                );
                let options: Vec<(String, String)> = view
                    .open_meetings
                    .iter()
                    // Meetings whose papers cut-off has not passed (PANEL-011).
                    .filter(|m| {
                        m.value.document.forum == r.forum
                            && view.forum.cutoff_for(m.value.document.date) >= state.clock.today()
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
                    next.paragraphs.push("There is no meeting whose papers cut-off is still open: arrange one on the Panels page.".into());
                } else {
                    f.fields.push(select("meeting", "Meeting", "", options));
                    next.forms.push(f);
                }
            }
            "record_outcome" | "hear" => {
                if next.forms.iter().any(|f| f.id == "outcome") {
                    continue;
                }
                let mut f = button_form(
                    "outcome",
                    &action,
                    "Record the outcome",
                    vec![("version", version.clone()), ("action", "outcome".into())],
                );
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
                next.forms.push(f);
            }
            "adm_decide" => {
                let mut f = button_form(
                    "adm",
                    &action,
                    "Record the agency decision",
                    vec![("version", version.clone()), ("action", "adm".into())],
                );
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
                next.forms.push(f);
            }
            "communicate" => next.forms.push(button_form(
                "communicate",
                &action,
                "Record that the child, carer and IRO were told",
                vec![
                    ("version", version.clone()),
                    ("action", "communicate".into()),
                ],
            )),
            _ => {}
        }
    }
    if r.outcome.is_some_and(|o| o != Outcome::DiscussionOnly) {
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
                        domain::permanence::referrals::RepresentationRoute::Iro => "the IRO",
                        _ => "the complaints procedure",
                    },
                    long_date(p.received)
                )
            })
            .collect();
        if may_work {
            let mut f = button_form(
                "representation",
                &action,
                "Log the representation",
                vec![
                    ("version", version.clone()),
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
        sections.push(reps);
    }
    if r.stage == "outcome"
        && r.adm_decision.is_none()
        && !r.adm_agreed_at_meeting
        && r.outcome != Some(Outcome::Deferred)
    {
        notices.push("The panel's outcome is a recommendation until the agency decision maker confirms it (PANEL-006).".into());
    }
    if !next.forms.is_empty() || !next.paragraphs.is_empty() {
        sections.push(next);
    }
    RecordPage {
        caption: Some(r.item.label().into()),
        status: Some((
            workflow::PERM_PANEL.label(&r.stage).to_owned(),
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
        ..panels_page(format!("Referral {id}"), signed)
    }
    .respond()
}

/// Takes an action on a referral.
pub(crate) async fn referral_post(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    use app::permanence::ReferralAction as A;
    let (form, from) = match read_form(&state, &signed, req).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let version: i64 = form
        .get("version")
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1);
    let get = |k: &str| form.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let err = |field: &'static str, m: String| vec![FieldError { field, message: m }];
    let action = match get("action").as_str() {
        "attach" => match PackDoc::parse(&get("paper")) {
            Some(d) => A::AttachPaper(d),
            None => {
                return show_referral(
                    &state,
                    &signed,
                    &id,
                    &from,
                    err("attach-paper", "Choose the paper received".into()),
                    None,
                )
                .await;
            }
        },
        "rationale" => A::LocalRationale(get("rationale")),
        "family_finding" => A::FamilyFinding(get("needed") == "yes"),
        "representation" => {
            use domain::permanence::referrals::{RepresentationRoute, Representer};
            let from = match get("from").as_str() {
                "child" => Representer::Child,
                "parent" => Representer::Parent,
                _ => Representer::Carer,
            };
            let route = if get("route") == "iro" {
                RepresentationRoute::Iro
            } else {
                RepresentationRoute::Complaints
            };
            A::Representation {
                from,
                route,
                summary: get("summary"),
            }
        }
        "endorse" => A::Endorse,
        "list" => A::List {
            meeting: get("meeting"),
        },
        "outcome" => {
            let Some(outcome) = Outcome::parse(&get("outcome")) else {
                return show_referral(
                    &state,
                    &signed,
                    &id,
                    &from,
                    err("outcome-outcome", "Choose the outcome".into()),
                    None,
                )
                .await;
            };
            let due = get("further_due");
            let further_information_due = if due.is_empty() {
                None
            } else {
                match parse_date(&due) {
                    Some(d) => Some(d),
                    None => {
                        return show_referral(
                            &state,
                            &signed,
                            &id,
                            &from,
                            err(
                                "outcome-further_due",
                                format!("Enter a real date, like 27/3/2026 (\"{due}\" is not one)"),
                            ),
                            None,
                        )
                        .await;
                    }
                }
            };
            A::Outcome(ProposedOutcome {
                outcome,
                reasons: get("reasons"),
                further_information: get("further")
                    .lines()
                    .map(|l| l.trim().to_owned())
                    .filter(|l| !l.is_empty())
                    .collect(),
                further_information_due,
                adm_agreed: get("adm_agreed") == "yes",
            })
        }
        "adm" => A::AdmDecision {
            agreed: get("agreed") != "no",
            reasons: get("reasons"),
        },
        "communicate" => A::Communicated,
        other => {
            return show_referral(
                &state,
                &signed,
                &id,
                &from,
                err(
                    "next",
                    format!("\"{other}\" is not something that can be done to a referral"),
                ),
                None,
            )
            .await;
        }
    };
    let label = match &action {
        A::AttachPaper(d) => format!("{} added to the pack.", d.label()),
        A::LocalRationale(_) => "Local-placement rationale saved.".into(),
        A::FamilyFinding(true) => "Family finding is needed: Pack F added to the checklist.".into(),
        A::FamilyFinding(false) => "Family finding is not needed.".into(),
        A::Representation { .. } => "Representation logged against the panel item.".into(),
        A::Endorse => "Pack endorsed.".into(),
        A::List { .. } => "Listed for the meeting.".into(),
        A::Outcome(o) => format!("Outcome recorded: {}.", o.outcome.label()),
        A::AdmDecision { .. } => "Agency decision recorded.".into(),
        A::Communicated => "Recorded that the child, carer and IRO were told.".into(),
    };
    let field = match &action {
        A::AttachPaper(_) => "attach-paper",
        A::List { .. } => "list-meeting",
        A::Outcome(_) => "outcome-outcome",
        A::AdmDecision { .. } => "adm-reasons",
        A::Representation { .. } => "representation-summary",
        _ => "next",
    };
    let store = state.store.clone();
    let clock = state.clock.clone();
    let user = signed.user.clone();
    let (rid, address) = (id.clone(), from.clone());
    let saved = blocking(move || {
        app::permanence::act_on_referral(
            &store,
            &user,
            clock.as_ref(),
            &rid,
            version,
            action,
            &address,
        )
    })
    .await;
    match saved {
        Ok(_) => show_referral(&state, &signed, &id, &from, Vec::new(), Some(label)).await,
        Err(e) => match failure(&e, &signed) {
            Some(r) => r,
            None => {
                show_referral(&state, &signed, &id, &from, err(field, e.to_string()), None).await
            }
        },
    }
}

/// The outcome letter for a referral, to print.
pub(crate) async fn letter(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let from = client_address(&req);
    let store = state.store.clone();
    let clock = state.clock.clone();
    let user = signed.user.clone();
    let rid = id.clone();
    let view = blocking(move || {
        let v = app::permanence::open_referral(&store, &user, clock.as_ref(), &rid, &from)?;
        let child = domain::child::ChildId::parse(&v.referral.value.document.child_id)
            .map_err(|e| app::AppError::Invalid(e.to_string()))?;
        let journey = store.read(|tx| store::ChildRepository::journey(tx, &child))?;
        Ok::<_, app::AppError>((v, journey))
    })
    .await;
    let (view, journey) = match view {
        Ok(v) => v,
        Err(e) => {
            return failure(&e, &signed).unwrap_or_else(|| {
                message(
                    StatusCode::NOT_FOUND,
                    "Page not found",
                    &[&e.to_string()],
                    Some(&signed),
                )
            });
        }
    };
    let r = &view.referral.value.document;
    let Some(outcome) = r.outcome else {
        return message(
            StatusCode::NOT_FOUND,
            "No outcome yet",
            &["The panel has not recorded an outcome for this item."],
            Some(&signed),
        );
    };
    let name = journey
        .map(|j| j.value.child().name.full())
        .unwrap_or_default();
    let meeting_date = view.meeting.as_ref().map(|m| m.value.document.date);
    let mut paragraphs = vec![
        format!(
            "This letter tells you the outcome of the {} meeting on {} about {name}.",
            r.forum.label(),
            date_text(meeting_date)
        ),
        format!("Item: {}. Outcome: {}.", r.item.label(), outcome.label()),
        format!("Reasons: {}", opt(&r.reasons)),
    ];
    match (&r.adm_decision, r.adm_agreed_at_meeting) {
        (Some(d), _) => paragraphs.push(format!(
            "The agency decision maker {} the panel's recommendation on {}. Reasons: {}",
            if d.agreed { "agreed" } else { "did not agree" },
            long_date(d.decided_on),
            d.reasons
        )),
        (None, true) => paragraphs.push("The agency decision maker was present and agreed the outcome at the meeting.".into()),
        (None, false) => paragraphs.push("This is the panel's recommendation. The agency decision maker will confirm or refuse it in writing.".into()),
    }
    if !r.further_information.is_empty() {
        paragraphs.push(format!(
            "The panel asked for: {} by {}.",
            r.further_information.join("; "),
            date_text(r.further_information_due)
        ));
    }
    paragraphs.push("If you are unhappy with this outcome you can make a representation or complaint, or ask for an advocate: your social worker or the Independent Reviewing Officer can help you do this (PANEL-016, PRIN-009).".into());
    render(
        StatusCode::OK,
        &LetterPage {
            chrome: Chrome::new("Permanence Panel outcome", Some(&signed), "/panels"),
            back: format!("/referrals/{id}"),
            heading: format!("{} outcome", r.forum.label()),
            paragraphs,
            rows: vec![
                ("Child".into(), name),
                ("Referral".into(), id.clone()),
                ("Meeting".into(), date_text(meeting_date)),
            ],
        },
    )
}

/// Refers a permanent foster match to the panel.
pub(crate) async fn match_post(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let (form, from) = match read_form(&state, &signed, req).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let carer = form
        .get("carer")
        .map(|v| v.trim().to_owned())
        .unwrap_or_default();
    let out_of_area = form.get("out_of_area").is_some_and(|v| v == "yes");
    let (store, clock, user, child, address) = (
        state.store.clone(),
        state.clock.clone(),
        signed.user.clone(),
        id.clone(),
        from.clone(),
    );
    let result = blocking(move || {
        app::permanence::refer_match(
            &store,
            &user,
            clock.as_ref(),
            &child,
            &carer,
            out_of_area,
            &address,
        )
    })
    .await;
    match result {
        Ok(rid) => Redirect::to(&format!("/referrals/{rid}")).into_response(),
        Err(e) => plan_after(&state, &signed, &id, &from, "match-carer", Err(e)).await,
    }
}
