//! Adoption matches: the list (`/adoption/matches`, with the interagency
//! position), recording an expression of interest from the matching page
//! (`POST /adoption/matches`), and a match's page
//! (`/adoption/matches/{id}`): where it stands, its papers, the panel and
//! the decision, the placement and what follows, and a form for each step
//! the user may take now, the support plan and the disruption meeting.

use app::adoption::MatchView;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use domain::adoption::matches::{
    AdoptionMatch, Direction, Ffa, Interagency, MATCH, MatchStep, Paper, SupportPlan, net_sold,
};
use domain::child::ChildId;

use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Cell, Chrome, FieldError, FieldSpec, Part, RecordPage, button_form, cell, field, form_date,
    long_date, part, select,
};

/// The net adopter households the council aims to sell a year (ADOPT-053).
const NET_SOLD_TARGET: i64 = 6;

fn page(title: String, caller: &Caller) -> RecordPage {
    RecordPage {
        back: Some((
            "/adoption/matches".into(),
            "Back to adoption matches".into(),
        )),
        caption: Some("Adoption".into()),
        ..RecordPage::new(Chrome::new(title, Some(&caller.signed), "/households"))
    }
}

/// Every match the user may see.
pub(crate) async fn matches_page(caller: Caller) -> Page {
    let list = caller
        .page(|c| app::adoption::adoption_matches(&c.store, c.user()))
        .await?;
    let mut p = part("matches", "Matches");
    p.table_headers = ["Match", "Children", "Adopters", "Stage", "Interest"]
        .map(String::from)
        .to_vec();
    p.table_rows = list
        .iter()
        .map(|r| {
            let m = &r.value.document;
            vec![
                Cell {
                    text: m.id.clone(),
                    href: Some(format!("/adoption/matches/{}", m.id)),
                },
                cell(m.children.join(", ")),
                Cell {
                    text: m.role_id.clone(),
                    href: Some(format!("/adopters/{}", m.role_id)),
                },
                cell(m.stage_label()),
                cell(long_date(m.interest)),
            ]
        })
        .collect();
    if list.is_empty() {
        p.paragraphs.push("No match is recorded yet.".into());
    }
    p.links.push((
        "/adopters/match".into(),
        "Find adopters for a child or sibling group".into(),
    ));
    p.links.push((
        "/adoption/sufficiency".into(),
        "Sufficiency: children waiting against adopters approved".into(),
    ));
    let sections = vec![p, interagency_part(&list)];
    Ok(RecordPage {
        sections,
        back: None,
        ..page("Adoption matches".into(), &caller)
    }
    .respond())
}

/// ADOPT-053: the interagency matches of the financial year to date.
fn interagency_part(list: &[app::adoption::StoredMatch]) -> Part {
    let mut p = part("interagency", "Interagency matches");
    let inter: Vec<&Interagency> = list
        .iter()
        .filter_map(|r| r.value.document.interagency.as_ref())
        .collect();
    let (net, met) = net_sold(&inter, NET_SOLD_TARGET);
    let sold = inter
        .iter()
        .filter(|i| i.direction == Direction::Sold)
        .count();
    p.rows = vec![
        ("Adopter households sold".into(), sold.to_string()),
        (
            "Adopter households bought".into(),
            (inter.len() - sold).to_string(),
        ),
        (
            "Chargeable".into(),
            inter.iter().filter(|i| i.chargeable).count().to_string(),
        ),
        (
            "Net sold".into(),
            format!(
                "{net}: the target of {NET_SOLD_TARGET} is {}",
                if met { "met" } else { "not met" }
            ),
        ),
    ];
    p.rules.push((
        "ADOPT-053".into(),
        "Each interagency match with its direction, counterpart and charge".into(),
    ));
    p
}

/// Records the adopters' expression of interest in the children matched,
/// and opens the match.
pub(crate) async fn interest_post(caller: Caller, fields: Fields) -> Page {
    let role = fields.get("role_id");
    let children: Result<Vec<ChildId>, _> = fields
        .get("child_ids")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(ChildId::parse)
        .collect();
    let date = fields.date("date").ok().flatten();
    let result = caller
        .run(move |c| {
            let children =
                children.map_err(|e| app::AppError::Invalid(format!("children: {e}")))?;
            let date = date.ok_or_else(|| {
                app::AppError::Invalid("enter the date of the expression of interest".into())
            })?;
            app::adoption::record_interest(
                &c.store,
                c.user(),
                c.clock(),
                (&role, &children),
                date,
                &c.from,
            )
        })
        .await;
    match result {
        Ok(id) => Ok(Redirect::to(&format!("/adoption/matches/{id}")).into_response()),
        Err(e) => {
            let errors = caller.form_errors(&e, "interest-role_id")?;
            Ok(RecordPage {
                errors,
                sections: vec![part(
                    "interest",
                    "The expression of interest was not recorded",
                )],
                ..page("Expression of interest".into(), &caller)
            }
            .respond())
        }
    }
}

/// A match's page.
pub(crate) async fn adoption_match_page(caller: Caller, Path(id): Path<String>) -> Page {
    Ok(show(&caller, &id, Vec::new()).await)
}

async fn show(caller: &Caller, id: &str, errors: Vec<FieldError>) -> Response {
    let mid = id.to_owned();
    let view = match caller
        .page(move |c| app::adoption::open_match(&c.store, c.user(), c.clock(), &mid, &c.from))
        .await
    {
        Ok(v) => v,
        Err(page) => return page,
    };
    let m = &view.record.value.document;
    let mut sections = vec![summary_part(m, view.quorate), after_part(m)];
    if caller
        .user()
        .may(domain::access::Permission::WorkOnHouseholds)
    {
        sections.push(support_plan_part(&view));
        sections.push(steps_part(caller, &view));
    }
    RecordPage {
        errors,
        status: Some((m.stage_label().to_owned(), "blue")),
        sections,
        ..page(format!("Match {}", m.id), caller)
    }
    .respond()
}

fn yes_no(b: bool) -> &'static str {
    if b { "Yes" } else { "No" }
}

fn summary_part(m: &AdoptionMatch, quorate: Option<bool>) -> Part {
    let mut p = part("summary", "The match");
    p.rows = vec![
        ("Children".into(), m.children.join(", ")),
        ("Adopters".into(), m.role_id.clone()),
        ("Expression of interest".into(), long_date(m.interest)),
        (
            "Stage".into(),
            format!("{} ({})", m.stage_label(), MATCH.id),
        ),
        (
            "Panel papers".into(),
            if m.papers.is_empty() {
                "None yet".into()
            } else {
                m.papers
                    .iter()
                    .map(|p| p.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        ),
    ];
    let mut date_row = |label: &str, d: Option<chrono::NaiveDate>| {
        if let Some(d) = d {
            p.rows.push((label.into(), long_date(d)));
        }
    };
    date_row(
        "CPR to the Adoption Medical Adviser",
        m.cpr_to_medical_adviser,
    );
    date_row("Medical consultation meeting", m.medical_consultation);
    if let Some(i) = &m.interagency {
        p.rows.push((
            "Interagency".into(),
            format!(
                "{} {}, {}",
                match i.direction {
                    Direction::Bought => "Bought from",
                    Direction::Sold => "Sold to",
                },
                i.counterpart,
                if i.chargeable {
                    "chargeable"
                } else {
                    "no charge"
                }
            ),
        ));
    }
    if let Some(mid) = &m.meeting {
        p.links.push((
            format!("/panels/meetings/{mid}"),
            "The adoption panel meeting".into(),
        ));
        p.rows.push((
            "Meeting quorate".into(),
            quorate.map_or("Not known yet", yes_no).into(),
        ));
    }
    if !m.education_commitment.is_empty() {
        p.rows.push((
            "Adopters' commitment to education".into(),
            m.education_commitment.clone(),
        ));
    }
    if let Some(r) = &m.recommendation {
        p.rows.push((
            format!("Panel's recommendation, {}", long_date(r.date)),
            if r.approve {
                "Recommended"
            } else {
                "Not recommended"
            }
            .into(),
        ));
    }
    if let Some(due) = m.decision_due() {
        p.rows.push(("Agency decision due".into(), long_date(due)));
    }
    if let Some(d) = &m.decision {
        p.rows.push((
            format!("Agency decision maker, {}", long_date(d.date)),
            if d.approve {
                "Match approved"
            } else {
                "Match not approved"
            }
            .into(),
        ));
    }
    for (point, date) in &m.feedback {
        p.rows.push((
            format!("Adopters' feedback asked for: {}", point.label()),
            long_date(*date),
        ));
    }
    p.links.push((
        format!("/adopters/{}", m.role_id),
        "The adopters' page".into(),
    ));
    p.rules = vec![
        (
            "ADOPT-037".into(),
            "The CPR reaches the medical adviser before the consultation; the draft introductions plan is in the papers".into(),
        ),
        (
            "ADOPT-033".into(),
            "The ADM decides on the panel's recommendation within 7 working days".into(),
        ),
        (
            "ADOPT-056".into(),
            "The adopters' feedback is asked for after panel and after matching".into(),
        ),
    ];
    p
}

fn after_part(m: &AdoptionMatch) -> Part {
    let mut p = part("placement", "Placement and after");
    if let Some(d) = m.placed {
        p.rows.push(("Placed".into(), long_date(d)));
    }
    if let Some(f) = &m.ffa {
        p.rows.push((
            "Fostering for Adoption".into(),
            match f.adm_approved {
                Some(d) => format!("Approved by the ADM on {}", long_date(d)),
                None => "Dual-approved interagency carers (not for the ADM)".into(),
            },
        ));
    }
    let contacts = m.contacts_due();
    if !contacts.is_empty() {
        p.rows.push((
            "Post-adoption support contacts due".into(),
            contacts
                .iter()
                .map(|d| long_date(*d))
                .collect::<Vec<_>>()
                .join(", "),
        ));
    }
    if let Some(d) = m.ended {
        p.rows.push((
            if m.stage == "disrupted" {
                "Disruption: placement ended".into()
            } else {
                "Ended during introductions (not a disruption)".into()
            },
            long_date(d),
        ));
    }
    if let Some(dm) = &m.disruption_meeting {
        p.rows.push((
            "Disruption meeting (independent chair)".into(),
            match dm.held {
                Some(h) => format!("Held on {}", long_date(h)),
                None => format!("Due by {}", long_date(dm.due)),
            },
        ));
    }
    if let Some(d) = m.order {
        p.rows.push(("Adoption order".into(), long_date(d)));
    }
    if p.rows.is_empty() {
        p.paragraphs.push("The children are not placed yet.".into());
    }
    p.rules = vec![
        (
            "ADOPT-039".into(),
            "A Fostering for Adoption placement by the council's carers needs the ADM's approval".into(),
        ),
        (
            "ADOPT-041".into(),
            "A placement ending before the order is a disruption, met by a meeting with an independent chair".into(),
        ),
        (
            "ADOPT-042".into(),
            "Contact 6 weeks after placement, then every 6 months for 3 years".into(),
        ),
    ];
    p
}

/// The fields a step's form asks for beyond its date.
fn step_fields(step: &str, view: &MatchView) -> Vec<FieldSpec> {
    match step {
        "link" => vec![
            select(
                "direction",
                "Interagency",
                "",
                vec![
                    (String::new(), "Not interagency".into()),
                    (
                        "bought".into(),
                        "Adopters bought from another agency".into(),
                    ),
                    ("sold".into(), "Our adopters sold to another agency".into()),
                ],
            ),
            field(
                "counterpart",
                "Counterpart agency (interagency only)",
                "text",
                "",
            ),
            field(
                "chargeable",
                "The interagency fee is charged",
                "checkbox",
                "",
            ),
        ],
        "to_panel" => {
            let mut out = vec![select(
                "meeting",
                "Adoption panel meeting",
                "",
                view.meetings
                    .iter()
                    .map(|d| (d.to_string(), long_date(*d)))
                    .collect(),
            )];
            out.extend(Paper::ALL.iter().map(|p| {
                let had = view.record.value.document.papers.contains(p);
                field(
                    &format!("paper_{}", p.code()),
                    &format!("In the papers: {}", p.label()),
                    "checkbox",
                    if had { "yes" } else { "" },
                )
            }));
            out.push(field(
                "cpr_to_medical_adviser",
                "Date the CPR went to the Adoption Medical Adviser",
                "date",
                "",
            ));
            out.push(field(
                "medical_consultation",
                "Date of the adopters' medical consultation meeting",
                "date",
                "",
            ));
            out.push(field(
                "education_commitment",
                "Evidence of the adopters' commitment to education (EDU-001)",
                "textarea",
                view.record.value.document.education_commitment.clone(),
            ));
            out
        }
        "recommend" => vec![select(
            "approve",
            "The panel's recommendation",
            "yes",
            vec![
                ("yes".into(), "Recommends the match".into()),
                ("no".into(), "Does not recommend the match".into()),
            ],
        )],
        "place" => vec![
            field("ffa", "A Fostering for Adoption placement", "checkbox", ""),
            field(
                "ffa_adm",
                "Date the ADM approved the FFA placement",
                "date",
                "",
            ),
            field(
                "dual_approved",
                "The carers are interagency adopters dual-approved as foster carers",
                "checkbox",
                "",
            ),
        ],
        _ => Vec::new(),
    }
}

fn steps_part(caller: &Caller, view: &MatchView) -> Part {
    let m = &view.record.value.document;
    let mut p = part("steps", "What happens next");
    let today = form_date(Some(caller.today()));
    for step in m.moves(caller.user().role) {
        let mut f = button_form(
            &format!("step-{}", step.name),
            &format!("/adoption/matches/{}", m.id),
            step.label,
            vec![
                ("version", view.record.version.to_string()),
                ("action", step.name.to_owned()),
            ],
        );
        f.fields = step_fields(step.name, view);
        f.fields.push(field("date", "Date", "date", today.clone()));
        f.secondary = matches!(step.name, "withdraw" | "decline" | "defer");
        p.forms.push(f);
    }
    if m.disruption_meeting
        .as_ref()
        .is_some_and(|d| d.held.is_none())
    {
        let mut f = button_form(
            "disruption",
            &format!("/adoption/matches/{}", m.id),
            "Record the disruption meeting held",
            vec![
                ("version", view.record.version.to_string()),
                ("action", "disruption_meeting".into()),
            ],
        );
        f.fields
            .push(field("date", "Date held", "date", today.clone()));
        p.forms.push(f);
    }
    if p.forms.is_empty() {
        p.paragraphs
            .push("There is nothing for you to record on this match now.".into());
    }
    p
}

fn support_plan_part(view: &MatchView) -> Part {
    let m = &view.record.value.document;
    let s = &m.support_plan;
    let mut p = part("support-plan", "Adoption support plan");
    if let Some(d) = m.support_plan_final {
        p.paragraphs.push(format!("Finalised on {}.", long_date(d)));
    }
    let mut f = button_form(
        "plan",
        &format!("/adoption/matches/{}", m.id),
        "Save the support plan",
        vec![
            ("version", view.record.version.to_string()),
            ("action", "support_plan".into()),
        ],
    );
    f.fields = vec![
        field(
            "child",
            "The child's needs, now and later",
            "textarea",
            s.child.clone(),
        ),
        field(
            "adoptive_family",
            "The adoptive family's needs",
            "textarea",
            s.adoptive_family.clone(),
        ),
        FieldSpec {
            hint: Some(if view.family_has_children {
                "The household has children of its own: this section is needed.".into()
            } else {
                "Only when the family has children by birth or adoption.".into()
            }),
            ..field(
                "existing_children",
                "Children already in the family",
                "textarea",
                s.existing_children.clone(),
            )
        },
        field(
            "birth_parents",
            "The birth parents' needs",
            "textarea",
            s.birth_parents.clone(),
        ),
        field(
            "over_time",
            "Support over time",
            "textarea",
            s.over_time.clone(),
        ),
        field(
            "education",
            "The child's current and future educational needs (EDU-002)",
            "textarea",
            s.education.clone(),
        ),
        field("finalise", "Finalise the plan", "checkbox", ""),
    ];
    p.forms.push(f);
    p.rules.push((
        "ADOPT-038".into(),
        "The plan sets out the needs of the child, the family, its children and the birth parents, and the support over time".into(),
    ));
    p
}

/// What a step's form carried, or the message for its form.
fn step_form(fields: &Fields, step: &str) -> Result<MatchStep, String> {
    let mut form = MatchStep::default();
    match step {
        "link" => {
            let direction = match fields.get("direction").as_str() {
                "bought" => Some(Direction::Bought),
                "sold" => Some(Direction::Sold),
                _ => None,
            };
            form.interagency = direction.map(|direction| Interagency {
                direction,
                counterpart: fields.get("counterpart"),
                chargeable: fields.ticked("chargeable"),
            });
        }
        "to_panel" => {
            let meeting = fields.get("meeting");
            form.meeting = (!meeting.is_empty()).then_some(meeting);
            form.papers = Some(
                Paper::ALL
                    .into_iter()
                    .filter(|p| fields.ticked(&format!("paper_{}", p.code())))
                    .collect(),
            );
            form.cpr_to_medical_adviser = fields.date("cpr_to_medical_adviser")?;
            form.medical_consultation = fields.date("medical_consultation")?;
            form.education_commitment = Some(fields.get("education_commitment"));
        }
        "recommend" => form.approve = Some(fields.get("approve") == "yes"),
        "place" if fields.ticked("ffa") => {
            form.ffa = Some(Ffa {
                adm_approved: fields.date("ffa_adm")?,
                dual_approved_interagency: fields.ticked("dual_approved"),
            });
        }
        _ => {}
    }
    Ok(form)
}

/// The date field of a step's form, where its error shows.
fn error_field(action: &str) -> &'static str {
    MATCH
        .transitions
        .iter()
        .position(|t| t.name == action)
        .map_or("plan-child", |i| STEP_DATES[i])
}

/// Each transition's date field, in the order of `MATCH.transitions`.
const STEP_DATES: [&str; 11] = [
    "step-link-date",
    "step-to_panel-date",
    "step-recommend-date",
    "step-defer-date",
    "step-approve-date",
    "step-decline-date",
    "step-place-date",
    "step-end_introductions-date",
    "step-disrupt-date",
    "step-order-date",
    "step-withdraw-date",
];

/// Takes a step, saves the support plan or records the disruption meeting.
pub(crate) async fn adoption_match_post(
    caller: Caller,
    Path(id): Path<String>,
    fields: Fields,
) -> Page {
    let action = fields.get("action");
    let at = (id.clone(), fields.version());
    let date = fields.date("date");
    let field_id = match action.as_str() {
        "disruption_meeting" => "disruption-date",
        "support_plan" => "plan-child",
        a => error_field(a),
    };
    let result = match action.as_str() {
        "support_plan" => {
            let plan = SupportPlan {
                child: fields.get("child"),
                adoptive_family: fields.get("adoptive_family"),
                existing_children: fields.get("existing_children"),
                birth_parents: fields.get("birth_parents"),
                over_time: fields.get("over_time"),
                education: fields.get("education"),
            };
            let finalise = fields.ticked("finalise").then(|| caller.today());
            caller
                .run(move |c| {
                    app::adoption::save_support_plan(
                        &c.store,
                        c.user(),
                        c.clock(),
                        (&at.0, at.1),
                        plan,
                        finalise,
                        &c.from,
                    )
                })
                .await
        }
        _ => {
            let form = step_form(&fields, &action);
            caller
                .run(move |c| {
                    let date = date
                        .map_err(app::AppError::Invalid)?
                        .ok_or_else(|| app::AppError::Invalid("enter the date".into()))?;
                    if action == "disruption_meeting" {
                        return app::adoption::hold_disruption_meeting(
                            &c.store,
                            c.user(),
                            c.clock(),
                            (&at.0, at.1),
                            date,
                            &c.from,
                        );
                    }
                    let form = form.map_err(app::AppError::Invalid)?;
                    app::adoption::take_match_step(
                        &c.store,
                        c.user(),
                        c.clock(),
                        (&at.0, at.1),
                        (&action, date),
                        form,
                        &c.from,
                    )
                    .map(|_| ())
                })
                .await
        }
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/adoption/matches/{id}")).into_response()),
        Err(e) => {
            let errors = caller.form_errors(&e, field_id)?;
            Ok(show(&caller, &id, errors).await)
        }
    }
}

/// The adoption matches listed at a panel meeting, as its page shows them
/// beside the referrals: each with its stage, the panel's recommendation
/// and when the agency decision is due.
pub(crate) async fn meeting_items(caller: &Caller, meeting: &str) -> Option<Part> {
    let list = caller
        .run(|c| app::adoption::adoption_matches(&c.store, c.user()))
        .await
        .ok()?;
    let items: Vec<&AdoptionMatch> = list
        .iter()
        .map(|r| &r.value.document)
        .filter(|m| m.meeting.as_deref() == Some(meeting))
        .collect();
    if items.is_empty() {
        return None;
    }
    let mut p = part("adoption-items", "Adoption matches");
    p.table_headers = [
        "Match",
        "Children",
        "Stage",
        "Recommendation",
        "Agency decision",
    ]
    .map(String::from)
    .to_vec();
    p.table_rows = items
        .iter()
        .map(|m| {
            vec![
                Cell {
                    text: m.id.clone(),
                    href: Some(format!("/adoption/matches/{}", m.id)),
                },
                cell(m.children.join(", ")),
                cell(m.stage_label()),
                cell(m.recommendation.as_ref().map_or("Not yet", |r| {
                    if r.approve {
                        "Recommended"
                    } else {
                        "Not recommended"
                    }
                })),
                cell(match (&m.decision, m.decision_due()) {
                    (Some(d), _) => format!(
                        "{} on {}",
                        if d.approve {
                            "Approved"
                        } else {
                            "Not approved"
                        },
                        long_date(d.date)
                    ),
                    (None, Some(due)) => format!("Due by {}", long_date(due)),
                    _ => "After the recommendation".into(),
                }),
            ]
        })
        .collect();
    p.rules.push((
        "ADOPT-033".into(),
        "The panel recommends on every match; the ADM decides within 7 working days".into(),
    ));
    Some(p)
}
