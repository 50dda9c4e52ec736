//! A child's placements page: each placement's purpose and introductions
//! (PLAN-014, PRIN-021), placement plan (DATA-003), approval outside
//! Leicestershire (PRIN-013), placement-at-risk flags (TRACK-005), end
//! (PRIN-014) and learning review (PRIN-023), with the forms recording
//! them; and the list of children with too many changes of social worker
//! (PRIN-022); whether a placement is commissioned and the compliance
//! report of commissioned placements' annual service reviews (ROLE-009).

use app::permanence::{PlacementAction, PlacementInput, StoredPlacement};
use axum::extract::Path;
use axum::response::Response;
use chrono::NaiveDate;
use domain::access::Permission;
use domain::codes::{CodeList, ReasonPlacementChange};
use domain::permanence::placements::{
    ONE2ONE_TRAJECTORIES, OUT_OF_AREA_APPROVER, OutOfAreaReason, ParentAndChild, PlacementPurpose,
    service_review_standing,
};
use domain::permanence::tracking::{Action, StrainIndicator};

use super::child_of;
use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Cell, Chrome, FieldError, FieldSpec, FormSpec, Part, RecordPage, button_form, field, form_date,
    long_date, part, select,
};

/// How many actions the risk response form offers at once.
const ACTION_ROWS: usize = 2;

fn radios(name: &str, label: &str, options: Vec<(String, String)>) -> FieldSpec {
    FieldSpec {
        options,
        ..field(name, label, "radios", "")
    }
}

fn date_field(name: &str, label: &str, value: Option<NaiveDate>) -> FieldSpec {
    FieldSpec {
        hint: Some("For example, 18/8/2025.".into()),
        ..field(name, label, "date", form_date(value))
    }
}

/// The child's placements.
pub(crate) async fn placements_page(caller: Caller, Path(id): Path<String>) -> Response {
    show_placements(&caller, &id, Vec::new(), None).await
}

async fn show_placements(
    caller: &Caller,
    id: &str,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let child = match child_of(caller, id) {
        Ok(c) => c,
        Err(page) => return page,
    };
    let files = caller
        .page(move |c| {
            app::permanence::placements_of(&c.store, c.user(), c.clock(), &child, &c.from)
        })
        .await;
    let files = match files {
        Ok(f) => f,
        Err(page) => return page,
    };
    let action = format!("/children/{id}/placement");
    let may = caller.user().may(Permission::WorkOnPlans);
    let mut sections = Vec::new();
    if may {
        sections.push(record_part(&action, files.first()));
    }
    for f in &files {
        sections.push(file_part(caller, &action, f, may));
    }
    if files.is_empty() {
        let mut p = part("none", "Placements");
        p.paragraphs
            .push("No placement has its permanence details recorded yet.".into());
        sections.push(p);
    }
    RecordPage {
        back: Some((format!("/children/{id}"), "Back to the child".into())),
        caption: Some(format!("Child {id}")),
        errors,
        success: done,
        sections,
        ..RecordPage::new(Chrome::new("Placements", Some(&caller.signed), "/"))
    }
    .respond()
}

/// The form recording the current placement's purpose and introductions.
fn record_part(action: &str, latest: Option<&StoredPlacement>) -> Part {
    let open = latest.filter(|f| f.value.document.end.is_none());
    let mut p = part("current", "The current placement");
    let version = open.map_or(0, |f| f.version);
    let mut f = button_form(
        "record",
        action,
        "Save the placement",
        vec![
            ("version", version.to_string()),
            ("action", "record".into()),
        ],
    );
    let r = open.map(|f| &f.value.document.record);
    f.fields.push(FieldSpec {
        value: r
            .and_then(|r| r.purpose)
            .map_or_else(String::new, |p| p.code().to_owned()),
        ..radios(
            "purpose",
            "The placement's purpose within the permanence plan",
            PlacementPurpose::ALL
                .map(|p| (p.code().to_owned(), p.label().to_owned()))
                .to_vec(),
        )
    });
    f.fields.push(date_field(
        "introductions",
        "Date of the introductions or placement-planning meeting",
        r.and_then(|r| r.introductions),
    ));
    f.fields.push(FieldSpec {
        hint: Some("Needed for a planned move without introductions before it began.".into()),
        ..field(
            "participation",
            "How the child took part in choosing the placement",
            "textarea",
            r.and_then(|r| r.child_participation.clone())
                .unwrap_or_default(),
        )
    });
    f.fields.push(FieldSpec {
        hint: Some(
            "Section 22: the child lives with a connected person approved as a foster carer wherever possible. Without this, a placement with other foster carers is flagged (KIN-101).".into(),
        ),
        ..field(
            "section_22",
            "How a connected-person option was considered and, if not used, why",
            "textarea",
            r.and_then(|r| r.section_22.clone()).unwrap_or_default(),
        )
    });
    // GEN-008: a One2One placement has a clear trajectory.
    f.fields.push(FieldSpec {
        value: if r.is_some_and(|r| r.one2one) {
            "yes"
        } else {
            "no"
        }
        .into(),
        ..radios(
            "one2one",
            "Is this a One2One placement with a specialist carer?",
            vec![("no".into(), "No".into()), ("yes".into(), "Yes".into())],
        )
    });
    f.fields.push(FieldSpec {
        value: r.and_then(|r| r.trajectory.clone()).unwrap_or_default(),
        hint: Some("Needed for a One2One placement.".into()),
        ..radios(
            "trajectory",
            "The One2One placement's trajectory",
            ONE2ONE_TRAJECTORIES
                .iter()
                .map(|(c, l)| ((*c).to_owned(), (*l).to_owned()))
                .collect(),
        )
    });
    // GEN-009: a Parent and Child placement links the parent and the assessment.
    let pc = r.and_then(|r| r.parent_and_child.as_ref());
    f.fields.push(FieldSpec {
        value: if pc.is_some() { "yes" } else { "no" }.into(),
        ..radios(
            "parent_and_child",
            "Is this a Parent and Child placement (the parent stays with the child)?",
            vec![("no".into(), "No".into()), ("yes".into(), "Yes".into())],
        )
    });
    f.fields.push(FieldSpec {
        hint: Some("Needed for a Parent and Child placement.".into()),
        ..field(
            "pc_parent",
            "The parent placed with the child",
            "text",
            pc.map(|p| p.parent.clone()).unwrap_or_default(),
        )
    });
    f.fields.push(FieldSpec {
        hint: Some("Needed for a Parent and Child placement.".into()),
        ..field(
            "pc_assessment",
            "The assessment being carried out",
            "text",
            pc.map(|p| p.assessment.clone()).unwrap_or_default(),
        )
    });
    p.forms.push(f);
    p
}

/// One placement: what is recorded and the forms for what comes next.
fn file_part(caller: &Caller, action: &str, stored: &StoredPlacement, may: bool) -> Part {
    let f = &stored.value.document;
    let fid = &stored.value.id;
    let mut p = part(
        &format!("placement-{fid}"),
        &format!("Placement from {}", long_date(f.record.start)),
    );
    let not_recorded = || "Not recorded".to_owned();
    p.rows.push((
        "Purpose".into(),
        f.record
            .purpose
            .map_or_else(not_recorded, |p| p.label().to_owned()),
    ));
    p.rows.push((
        "Introductions".into(),
        f.record.introductions.map_or_else(not_recorded, long_date),
    ));
    if let Some(t) = f.record.trajectory_label().filter(|_| f.record.one2one) {
        p.rows
            .push(("One2One placement: trajectory".into(), t.to_owned()));
    }
    if let Some(pc) = &f.record.parent_and_child {
        p.rows.push((
            "Parent and Child placement".into(),
            format!(
                "{} with the child; assessment: {}",
                pc.parent, pc.assessment
            ),
        ));
    }
    for flag in &f.flags {
        p.rows.push(("Flag".into(), capitalise(flag.label())));
    }
    for (on, voice) in &f.seen {
        p.rows
            .push((format!("Child seen {}", long_date(*on)), voice.clone()));
    }
    p.rows.push((
        "Individual risk assessment".into(),
        match f.risk_assessment {
            Some(on) => long_date(on),
            None => format!(
                "Not recorded: the placement record is incomplete without the {}",
                f.incomplete().join(", ")
            ),
        },
    ));
    p.rows.push((
        "Placement plan".into(),
        match f.placement_plan.as_ref().and_then(|pp| pp.finalised) {
            Some(on) => format!("Finalised {}", long_date(on)),
            None => "Not finalised: the delegated authority is not recorded".into(),
        },
    ));
    if let Some(req) = &f.out_of_area {
        p.rows.push((
            "Outside Leicestershire".into(),
            match req.approved_on {
                Some(on) => format!("Approved {}", long_date(on)),
                None => format!(
                    "Requested {}: {}",
                    long_date(req.requested),
                    req.reason.map_or("no reason given", OutOfAreaReason::label)
                ),
            },
        ));
    }
    for (i, r) in f.risks.iter().enumerate() {
        let outstanding = r.outstanding();
        p.rows.push((
            format!("Placement at risk {}", i + 1),
            format!(
                "{} from {}. {}",
                r.flag.indicator.label(),
                long_date(r.flag.raised),
                if outstanding.is_empty() {
                    "Response in place.".to_owned()
                } else {
                    format!(
                        "Outstanding: {}. Stability meeting due by {}.",
                        outstanding.join(", "),
                        long_date(r.meeting_due)
                    )
                }
            ),
        ));
    }
    if let Some(end) = &f.end {
        p.rows.push((
            "Ended".into(),
            format!(
                "{}, {} ({})",
                long_date(end.ended),
                if end.planned == Some(true) {
                    "planned"
                } else {
                    "unplanned"
                },
                end.reason.map_or("", |r| r.description())
            ),
        ));
    }
    if let Some(l) = &f.learning {
        p.rows.push((
            "Learning review".into(),
            match l.disseminated {
                Some(on) => format!(
                    "Learning shared {} with {}",
                    long_date(on),
                    l.groups.join(", ")
                ),
                None => "Open until the learning is shared".into(),
            },
        ));
    }
    if f.commissioning.commissioned {
        p.rows.push((
            "Commissioned".into(),
            format!(
                "From a provider: last annual service review {}; {}",
                f.commissioning
                    .last_service_review
                    .map_or_else(|| "not recorded".to_owned(), long_date),
                service_review_standing(&f.commissioning, caller.today())
            ),
        ));
    }
    if may {
        p.forms.extend(file_forms(caller, action, stored));
    }
    p
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The forms a placement offers now.
fn file_forms(caller: &Caller, action: &str, stored: &StoredPlacement) -> Vec<FormSpec> {
    let f = &stored.value.document;
    let fid = &stored.value.id;
    let form = |name: &str, button: &str| {
        button_form(
            &format!("{name}-{fid}"),
            action,
            button,
            vec![
                ("version", stored.version.to_string()),
                ("placement", fid.clone()),
                ("action", name.to_owned()),
            ],
        )
    };
    let mut forms = Vec::new();
    if let Some(l) = &f.learning
        && l.is_open()
    {
        let mut d = form("disseminate", "Record the learning shared");
        d.legend = Some("Learning from the breakdown".into());
        d.fields
            .push(field("learning", "The learning", "textarea", ""));
        d.fields.push(date_field("on", "Date it was shared", None));
        d.fields.push(FieldSpec {
            hint: Some("One group a line.".into()),
            ..field("groups", "The groups it was shared with", "textarea", "")
        });
        forms.push(d);
    }
    if f.end.is_some() {
        return forms;
    }
    if f.placement_plan.is_none() {
        let mut d = form("plan", "Finalise the placement plan");
        d.legend = Some("Delegated authority".into());
        d.fields.push(FieldSpec {
            hint: Some("One decision a line.".into()),
            ..field("delegated", "Decisions the carer may take", "textarea", "")
        });
        d.fields.push(FieldSpec {
            hint: Some("One decision a line, with who holds it.".into()),
            ..field("held", "Decisions held by others", "textarea", "")
        });
        forms.push(d);
    }
    match &f.out_of_area {
        None => {
            let mut d = form("out-of-area", "Ask to place outside Leicestershire");
            d.secondary = true;
            d.legend = Some("A placement outside Leicestershire".into());
            d.fields.push(radios(
                "reason",
                "Why",
                OutOfAreaReason::ALL
                    .map(|r| (r.code().to_owned(), r.label().to_owned()))
                    .to_vec(),
            ));
            d.fields.push(field(
                "reason_text",
                "Describe the other reason",
                "textarea",
                "",
            ));
            forms.push(d);
        }
        Some(req) if req.approved_on.is_none() && caller.user().role == OUT_OF_AREA_APPROVER => {
            forms.push(form(
                "approve",
                "Approve the placement outside Leicestershire",
            ));
        }
        Some(_) => {}
    }
    if f.record.purpose == Some(PlacementPurpose::PermanentLongTerm) {
        let mut d = form("risk", "Record the sign of strain");
        d.secondary = true;
        d.legend = Some("A sign the placement is under strain".into());
        d.fields.push(select(
            "indicator",
            "Sign of strain",
            "carer_notice",
            StrainIndicator::ALL
                .map(|s| (s.code().to_owned(), s.label().to_owned()))
                .to_vec(),
        ));
        d.fields
            .push(date_field("recorded", "Date", Some(caller.today())));
        forms.push(d);
    }
    for (i, r) in f.risks.iter().enumerate() {
        if r.outstanding().is_empty() {
            continue;
        }
        let mut d = form(
            "response",
            &format!("Record the response to flag {}", i + 1),
        );
        d.hidden.push(("risk".into(), i.to_string()));
        d.fields.push(date_field(
            "meeting",
            "Date of the placement stability meeting",
            r.flag.stability_meeting,
        ));
        for n in 1..=ACTION_ROWS {
            d.fields.push(field(
                &format!("what_{n}"),
                &format!("Action {n}"),
                "text",
                "",
            ));
            d.fields.push(field(
                &format!("owner_{n}"),
                &format!("Action {n}: owner"),
                "text",
                "",
            ));
            d.fields.push(date_field(
                &format!("due_{n}"),
                &format!("Action {n}: due by"),
                None,
            ));
        }
        forms.push(d);
    }
    if f.risk_assessment.is_none() {
        let mut d = form("risk_assessment", "Record the risk assessment");
        d.legend = Some("The child's individual risk assessment in this placement".into());
        d.fields
            .push(date_field("assessed", "Date of the risk assessment", None));
        forms.push(d);
    }
    let mut d = form("child_seen", "Record the child seen");
    d.legend = Some("The child seen in the placement (respite too)".into());
    d.fields
        .push(date_field("seen_on", "Date the child was seen", None));
    d.fields.push(field(
        "voice",
        "What the child said, and how it shapes the plan",
        "textarea",
        "",
    ));
    forms.push(d);
    let mut d = form("commissioning", "Save the commissioning");
    d.secondary = true;
    d.legend = Some("Commissioning (agency or independent provider)".into());
    let c = &f.commissioning;
    d.fields.push(FieldSpec {
        value: if c.commissioned { "yes" } else { "no" }.into(),
        ..radios(
            "commissioned",
            "Is the placement commissioned from an agency or independent provider?",
            vec![("yes".into(), "Yes".into()), ("no".into(), "No".into())],
        )
    });
    d.fields.push(date_field(
        "last_review",
        "Date of the provider's last annual service review",
        c.last_service_review,
    ));
    forms.push(d);
    let mut d = form("end", "Record the end of the placement");
    d.secondary = true;
    d.legend = Some("The end of the placement".into());
    d.fields.push(date_field("ended", "Date it ended", None));
    let mut reasons = vec![(String::new(), "Choose the move reason".to_owned())];
    reasons.extend(
        ReasonPlacementChange::ALL
            .iter()
            .map(|r| (r.code().to_owned(), r.description().to_owned())),
    );
    d.fields.push(select("reason", "Move reason", "", reasons));
    d.fields.push(radios(
        "planned",
        "Was the end planned, in line with the permanence plan?",
        vec![("yes".into(), "Yes".into()), ("no".into(), "No".into())],
    ));
    forms.push(d);
    forms
}

/// A date field read, or the error naming it.
fn date_of(
    fields: &Fields,
    name: &str,
    target: &'static str,
) -> Result<Option<NaiveDate>, FieldError> {
    fields.date(name).map_err(|message| FieldError {
        field: target,
        message,
    })
}

/// Records the current placement or acts on one.
pub(crate) async fn placements_post(
    caller: Caller,
    Path(id): Path<String>,
    fields: Fields,
) -> Page {
    let child = child_of(&caller, &id)?;
    let version = fields.version();
    let name = fields.get("action");
    let result = if name == "record" {
        let introductions = match date_of(&fields, "introductions", "record-introductions") {
            Ok(d) => d,
            Err(e) => return Ok(show_placements(&caller, &id, vec![e], None).await),
        };
        let input = PlacementInput {
            purpose: PlacementPurpose::ALL
                .into_iter()
                .find(|p| p.code() == fields.get("purpose")),
            introductions,
            participation: fields.get("participation"),
            section_22: fields.get("section_22"),
            one2one: fields.get("one2one") == "yes",
            trajectory: fields.get("trajectory"),
            parent_and_child: (fields.get("parent_and_child") == "yes").then(|| ParentAndChild {
                parent: fields.get("pc_parent"),
                assessment: fields.get("pc_assessment"),
            }),
        };
        caller
            .run(move |c| {
                app::permanence::record_placement(
                    &c.store,
                    c.user(),
                    c.clock(),
                    &child,
                    version,
                    input,
                    &c.from,
                )
            })
            .await
            .map(|_| "The placement is saved.".to_owned())
    } else {
        let action = match read_action(&fields, &name) {
            Ok(a) => a,
            Err(e) => return Ok(show_placements(&caller, &id, vec![e], None).await),
        };
        let fid = fields.get("placement");
        caller
            .run(move |c| {
                app::permanence::act_on_placement(
                    &c.store,
                    c.user(),
                    c.clock(),
                    &fid,
                    version,
                    action,
                    &c.from,
                )
            })
            .await
            .map(|_| "The placement is updated.".to_owned())
    };
    let target = if name == "record" {
        "record-purpose"
    } else {
        "current"
    };
    Ok(match result {
        Ok(done) => show_placements(&caller, &id, Vec::new(), Some(done)).await,
        Err(e) => match caller.form_errors(&e, target) {
            Ok(errors) => show_placements(&caller, &id, errors, None).await,
            Err(page) => page,
        },
    })
}

fn yes_no(answer: &str) -> Option<bool> {
    match answer {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// The action a form posted.
fn read_action(fields: &Fields, name: &str) -> Result<PlacementAction, FieldError> {
    let lines = |n: &str| fields.get(n).lines().map(str::to_owned).collect::<Vec<_>>();
    Ok(match name {
        "plan" => PlacementAction::FinalisePlan {
            delegated: lines("delegated"),
            held_by_others: lines("held"),
        },
        "out-of-area" => PlacementAction::RequestOutOfArea {
            reason: OutOfAreaReason::ALL
                .into_iter()
                .find(|r| r.code() == fields.get("reason")),
            reason_text: fields.get("reason_text"),
        },
        "approve" => PlacementAction::ApproveOutOfArea,
        "risk" => PlacementAction::RaiseRisk {
            indicator: StrainIndicator::ALL
                .into_iter()
                .find(|s| s.code() == fields.get("indicator"))
                .unwrap_or(StrainIndicator::CarerAskedForHelp),
            recorded: date_of(fields, "recorded", "current")?,
        },
        "response" => {
            let mut actions = Vec::new();
            for n in 1..=ACTION_ROWS {
                let what = fields.get(&format!("what_{n}"));
                if what.trim().is_empty() {
                    continue;
                }
                let due = date_of(fields, &format!("due_{n}"), "current")?.ok_or(FieldError {
                    field: "current",
                    message: format!("Enter the date action {n} is due"),
                })?;
                actions.push(Action {
                    what: what.trim().to_owned(),
                    owner: fields.get(&format!("owner_{n}")).trim().to_owned(),
                    due,
                    done: None,
                });
            }
            PlacementAction::RiskResponse {
                index: fields.get("risk").parse().unwrap_or(usize::MAX),
                stability_meeting: date_of(fields, "meeting", "current")?,
                actions,
            }
        }
        "commissioning" => PlacementAction::Commissioning {
            commissioned: yes_no(&fields.get("commissioned")),
            last_review: date_of(fields, "last_review", "current")?,
        },
        "child_seen" => PlacementAction::ChildSeen {
            on: date_of(fields, "seen_on", "current")?,
            voice: fields.get("voice"),
        },
        "risk_assessment" => PlacementAction::RiskAssessment {
            on: date_of(fields, "assessed", "current")?,
        },
        "end" => PlacementAction::End {
            ended: date_of(fields, "ended", "current")?,
            reason: ReasonPlacementChange::parse_code(&fields.get("reason")).ok(),
            planned: yes_no(&fields.get("planned")),
        },
        _ => PlacementAction::Disseminate {
            learning: fields.get("learning"),
            on: date_of(fields, "on", "current")?,
            groups: lines("groups"),
        },
    })
}

/// PRIN-022: the children with more than two changes of social worker in
/// the last 12 months.
pub(crate) async fn worker_changes(caller: Caller) -> Page {
    let list = caller
        .page(|c| app::permanence::worker_change_list(&c.store, c.user(), c.clock(), None, &c.from))
        .await?;
    let mut p = part(
        "changes",
        "Children with more than 2 changes of social worker in 12 months",
    );
    if list.is_empty() {
        p.paragraphs.push(
            "No child has had more than 2 changes of social worker in the last 12 months.".into(),
        );
    } else {
        p.table_headers = vec!["Child".into(), "Changes".into()];
        p.table_rows = list
            .iter()
            .map(|e| {
                vec![
                    Cell {
                        text: e.child_id.to_string(),
                        href: Some(format!("/children/{}", e.child_id)),
                    },
                    crate::ui::cell(e.changes.to_string()),
                ]
            })
            .collect();
    }
    Ok(RecordPage {
        back: Some(("/tracking".into(), "Back to tracking".into())),
        caption: Some("Continuity of social workers".into()),
        sections: vec![p],
        ..RecordPage::new(Chrome::new(
            "Changes of social worker",
            Some(&caller.signed),
            "/tracking",
        ))
    }
    .respond())
}

/// ROLE-009: the compliance report of commissioned placements for the
/// Placements and Commissioning service, overdue annual service reviews
/// first, each linking to the child's placements.
pub(crate) async fn commissioning(caller: Caller) -> Page {
    let list = caller
        .page(|c| app::permanence::commissioning_report(&c.store, c.user(), c.clock(), &c.from))
        .await?;
    let mut p = part("commissioned", "Commissioned placements");
    if list.is_empty() {
        p.paragraphs
            .push("No open placement is recorded as commissioned.".into());
    } else {
        p.table_headers = vec![
            "Child".into(),
            "Placement from".into(),
            "Last annual service review".into(),
            "Standing".into(),
        ];
        p.table_rows = list
            .iter()
            .map(|l| {
                vec![
                    Cell {
                        text: l.child_id.to_string(),
                        href: Some(format!("/children/{}/placement", l.child_id)),
                    },
                    crate::ui::cell(long_date(l.start)),
                    crate::ui::cell(
                        l.last_service_review
                            .map_or_else(|| "Not recorded".to_owned(), long_date),
                    ),
                    crate::ui::cell(capitalise(l.standing)),
                ]
            })
            .collect();
    }
    Ok(RecordPage {
        back: Some(("/tracking".into(), "Back to tracking".into())),
        caption: Some("Placements and Commissioning".into()),
        sections: vec![p],
        ..RecordPage::new(Chrome::new(
            "Commissioned placements",
            Some(&caller.signed),
            "/tracking",
        ))
    }
    .respond())
}
