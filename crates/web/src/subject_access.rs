//! Subject access (UK GDPR Article 15): everything held about one child,
//! found by name and date of birth or by identifier, as a printable page
//! and as JSON. Finding the child and producing the record are audited.

use app::SubjectRecords;
use askama::Template;
use axum::extract::Query;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::child::ChildId;
use domain::codes::CodeList;
use domain::journey::CareJourney;
use serde::Deserialize;

use crate::children::details;
use crate::handler::*;
use crate::ui::*;

pub(crate) struct Section {
    pub title: &'static str,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Template)]
#[template(path = "subject_access.html")]
pub(crate) struct SubjectAccessPage {
    chrome: Chrome,
    id: String,
    name: String,
    produced: String,
    produced_by: String,
    sections: Vec<Section>,
}

/// The search: by name and date of birth, or by identifier; with errors,
/// or the children found when more than one matches.
#[derive(Template)]
#[template(path = "subject_access_form.html")]
pub(crate) struct SubjectAccessForm {
    chrome: Chrome,
    errors: Vec<FieldError>,
    q: SubjectQuery,
    /// Several children match: (identifier, name, date of birth).
    matches: Vec<(String, String, String)>,
}

impl SubjectAccessForm {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

#[derive(Deserialize, Default, Clone)]
pub(crate) struct SubjectQuery {
    #[serde(default)]
    child: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    day: String,
    #[serde(default)]
    month: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    format: Option<String>,
}

impl SubjectQuery {
    fn by_name(&self) -> bool {
        [&self.name, &self.day, &self.month, &self.year]
            .iter()
            .any(|f| !f.trim().is_empty())
    }

    /// The name and date of birth, or what is wrong with them.
    fn name_and_birth(&self) -> Result<(String, chrono::NaiveDate), Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = self.name.trim().to_owned();
        if name.is_empty() {
            errors.push(FieldError {
                field: "name",
                message: "Enter the child's name".into(),
            });
        }
        let born = match [&self.day, &self.month, &self.year].map(|f| f.trim().parse::<u32>()) {
            _ if [&self.day, &self.month, &self.year]
                .iter()
                .all(|f| f.trim().is_empty()) =>
            {
                Err("Enter the child's date of birth, for example 27 3 2012")
            }
            [Ok(d), Ok(m), Ok(y)] if y >= 1900 => chrono::NaiveDate::from_ymd_opt(y as i32, m, d)
                .ok_or("Date of birth must be a real date, for example 27 3 2012"),
            _ => Err("Date of birth must be a real date, for example 27 3 2012"),
        };
        let born = born.map_err(|message| {
            errors.push(FieldError {
                field: "dob",
                message: message.into(),
            })
        });
        match (errors.is_empty(), born) {
            (true, Ok(born)) => Ok((name, born)),
            _ => Err(errors),
        }
    }
}

/// The search form, or everything held about the child the query names.
pub(crate) async fn subject_access(caller: Caller, Query(q): Query<SubjectQuery>) -> Page {
    let child = q.child.trim().to_owned();
    if !child.is_empty() {
        let id = ChildId::parse(&child)
            .map_err(|_| caller.error_page(&app::AppError::NotFound("child".into())))?;
        return subject_record(&caller, id, q.format.as_deref() == Some("json")).await;
    }
    if !q.by_name() {
        return Ok(search_form(&caller, q, vec![], vec![]));
    }
    let (name, born) = match q.name_and_birth() {
        Ok(found) => found,
        Err(errors) => return Ok(search_form(&caller, q, errors, vec![])),
    };
    let found = caller
        .page(move |c| app::find_subject(&c.store, c.user(), c.clock(), &name, born))
        .await?;
    match found.as_slice() {
        [one] => subject_record(&caller, one.id.clone(), q.format.as_deref() == Some("json")).await,
        [] => {
            let errors = vec![FieldError {
                field: "name",
                message: "No child with that name and date of birth is recorded. Check the spelling and the date, or search by identifier".into(),
            }];
            Ok(search_form(&caller, q, errors, vec![]))
        }
        many => {
            let matches = many
                .iter()
                .map(|c| (c.id.to_string(), c.name.full(), long_date(c.date_of_birth)))
                .collect();
            Ok(search_form(&caller, q, vec![], matches))
        }
    }
}

fn search_form(
    caller: &Caller,
    q: SubjectQuery,
    errors: Vec<FieldError>,
    matches: Vec<(String, String, String)>,
) -> Response {
    let mut chrome = Chrome::new(
        "Subject access",
        Some(&caller.signed),
        "/audit/subject-access",
    );
    chrome.has_errors = !errors.is_empty();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    render(
        status,
        &SubjectAccessForm {
            chrome,
            errors,
            q,
            matches,
        },
    )
}

/// Everything held about one child, as a printable page or JSON.
async fn subject_record(caller: &Caller, id: ChildId, json: bool) -> Page {
    let records = caller
        .page(move |c| app::subject_access(&c.store, c.user(), c.clock(), &id, &c.from))
        .await?;
    let sections = subject_sections(&records, caller.names());
    let now = caller.clock().now();
    let journey = &records.journey;
    if json {
        return Ok(subject_json(&records, &sections, now));
    }
    Ok(render(
        StatusCode::OK,
        &SubjectAccessPage {
            chrome: Chrome::new(
                format!("Subject access: {}", journey.id()),
                Some(&caller.signed),
                "/audit/subject-access",
            ),
            id: journey.id().to_string(),
            name: journey.child().name.full(),
            produced: uk_time(now),
            produced_by: caller.user().display_name.clone(),
            sections,
        },
    ))
}

/// Everything held about a child, section by section, with who has read
/// or changed the records.
pub(crate) fn subject_sections(r: &SubjectRecords, names: &app::people::Names) -> Vec<Section> {
    let mut sections = care_sections(&r.journey, names);
    sections.extend(people_sections(&r.journey, names));
    sections.push(activity_section(r, names));
    sections.push(notes_section(r, names));
    sections.extend(permanence_sections(r, names));
    sections.push(Section {
        title: "Leaving care, education, health, adoption and life story records",
        headers: vec!["Record", "Reference"],
        rows: r
            .documents
            .iter()
            .map(|(kind, id, _)| vec![(*kind).to_owned(), id.clone()])
            .collect(),
    });
    sections.push(Section {
        title: "Who has read or changed this record",
        headers: vec!["When", "Who", "Action", "Record", "Details"],
        rows: r
            .events
            .iter()
            .map(|e| {
                vec![
                    uk_time(e.at),
                    names.name_and_id(&e.actor),
                    action_words(&e.action),
                    format!("{} {}", e.record_type, e.record_id),
                    readable_details(&e.details),
                ]
            })
            .collect(),
    });
    sections
}

/// The child's details, episodes of care and reviews.
fn care_sections(j: &CareJourney, names: &app::people::Names) -> Vec<Section> {
    let c = j.child();
    vec![
        Section {
            title: "Details",
            headers: vec!["Item", "Recorded"],
            rows: std::iter::once(vec!["Name".to_owned(), c.name.full()])
                .chain(
                    details(j, names)
                        .into_iter()
                        .map(|(k, v)| vec![k.to_owned(), v]),
                )
                .collect(),
        },
        Section {
            title: "Episodes of care",
            headers: vec![
                "Start",
                "Reason",
                "Legal status",
                "Placement",
                "Provider",
                "End",
                "Reason ended",
            ],
            rows: j
                .episodes()
                .iter()
                .map(|e| {
                    vec![
                        long_date(e.start),
                        e.reason_new_episode.description().to_owned(),
                        code_text(Some(e.legal_status)),
                        code_text(Some(e.placement.placement_type)),
                        code_text(e.placement.provider),
                        opt_date(e.end.map(|x| x.date)),
                        e.end
                            .map(|x| x.reason.description().to_owned())
                            .unwrap_or_default(),
                    ]
                })
                .collect(),
        },
        Section {
            title: "Reviews",
            headers: vec!["Date", "How the child took part"],
            rows: j
                .reviews()
                .iter()
                .map(|r| vec![long_date(r.date), r.participation.description().to_owned()])
                .collect(),
        },
    ]
}

/// Missing episodes, social workers, siblings and recorded activities.
fn people_sections(j: &CareJourney, names: &app::people::Names) -> Vec<Section> {
    vec![
        Section {
            title: "Missing or away from placement",
            headers: vec!["Kind", "From", "To"],
            rows: j
                .missing()
                .iter()
                .map(|m| {
                    vec![
                        m.kind.description().to_owned(),
                        long_date(m.start),
                        opt_date(m.end),
                    ]
                })
                .collect(),
        },
        Section {
            title: "Allocated social workers",
            headers: vec!["Worker", "From", "To", "Why it changed"],
            rows: j
                .social_workers()
                .iter()
                .map(|s| {
                    vec![
                        names.name_and_id(&s.worker_id),
                        long_date(s.start),
                        opt_date(s.end.map(|e| e.0)),
                        s.end
                            .map(|e| e.1.description().to_owned())
                            .unwrap_or_default(),
                    ]
                })
                .collect(),
        },
        Section {
            title: "Siblings",
            headers: vec!["Identifier"],
            rows: j.siblings().iter().map(|s| vec![s.to_string()]).collect(),
        },
        Section {
            title: "Activities in the care journey",
            headers: vec!["Date", "Activity"],
            rows: j
                .activities()
                .iter()
                .map(|a| vec![long_date(a.date), a.kind.label().to_owned()])
                .collect(),
        },
    ]
}

/// The activities recorded through the forms (visits, assessments, PEPs
/// ...), with what was recorded, by whom, and whether withdrawn.
fn activity_section(r: &SubjectRecords, names: &app::people::Names) -> Section {
    Section {
        title: "Recorded activities",
        headers: vec![
            "Date",
            "Activity",
            "Recorded by",
            "State",
            "What was recorded",
        ],
        rows: r
            .activities
            .iter()
            .map(|(_, a)| {
                vec![
                    long_date(a.date),
                    a.event_kind()
                        .map_or(a.kind.clone(), |k| k.label().to_owned()),
                    format!(
                        "{} on {}",
                        names.name_and_role(&a.recorded_by),
                        long_date(a.recorded_on)
                    ),
                    sentence(a.state.code()),
                    serde_json::to_string(&a.answers)
                        .map(|json| readable_details(&json))
                        .unwrap_or_default(),
                ]
            })
            .collect(),
    }
}

/// The case notes, as they stand, with every earlier version an amendment
/// kept and the reasons for each change.
fn notes_section(r: &SubjectRecords, names: &app::people::Names) -> Section {
    Section {
        title: "Case notes",
        headers: vec![
            "Date",
            "Written by",
            "State",
            "Case note",
            "Changes and earlier versions",
        ],
        rows: r
            .notes
            .iter()
            .map(|(_, n)| {
                let changes = n
                    .changes
                    .iter()
                    .map(|c| {
                        let before = match (c.date_before, &c.text_before) {
                            (Some(d), Some(t)) => format!(" (before: {}: {t})", long_date(d)),
                            _ => String::new(),
                        };
                        format!(
                            "{} by {} on {}, because: {}{before}",
                            sentence(c.what.clone()),
                            names.name_and_role(&c.by),
                            long_date(c.on),
                            c.reason
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                vec![
                    long_date(n.date),
                    format!(
                        "{} on {}",
                        names.name_and_role(&n.by),
                        long_date(n.written_on)
                    ),
                    sentence(n.state.code()),
                    n.text.clone(),
                    changes,
                ]
            })
            .collect(),
    }
}

/// The permanence plan in every version, the panel referrals with their
/// outcomes and letters, changes of plan and IRO issues.
fn permanence_sections(r: &SubjectRecords, names: &app::people::Names) -> Vec<Section> {
    let name = r.journey.child().name.full();
    vec![
        Section {
            title: "Permanence plan, every version",
            headers: vec![
                "Version",
                "Status",
                "Pathway",
                "Created",
                "Ratified",
                "Superseded",
                "Owner",
            ],
            rows: r
                .plans
                .iter()
                .map(|p| {
                    vec![
                        p.plan_version.to_string(),
                        p.lifecycle.label().to_owned(),
                        p.pathway.map_or("Not chosen yet", |w| w.label()).to_owned(),
                        long_date(p.created),
                        opt_date(p.ratified_on),
                        opt_date(p.superseded_on),
                        names.name_and_role(&p.owner),
                    ]
                })
                .collect(),
        },
        Section {
            title: "Panel referrals and outcomes",
            headers: vec!["Referral", "Item", "Panel", "Meeting", "Outcome", "Reasons"],
            rows: r
                .referrals
                .iter()
                .map(|(id, x, meeting)| {
                    vec![
                        id.clone(),
                        x.item.label().to_owned(),
                        x.forum.label().to_owned(),
                        opt_date(*meeting),
                        x.outcome.map_or("Not yet heard", |o| o.label()).to_owned(),
                        opt(&x.reasons),
                    ]
                })
                .collect(),
        },
        Section {
            title: "Panel letters",
            headers: vec!["Referral", "Meeting", "Letter"],
            rows: r
                .referrals
                .iter()
                .filter_map(|(id, x, meeting)| {
                    let outcome = x.outcome?;
                    let letter =
                        crate::permanence::outcome_letter(x, outcome, *meeting, &name, names);
                    Some(vec![id.clone(), opt_date(*meeting), letter.join(" ")])
                })
                .collect(),
        },
        Section {
            title: "Changes of plan",
            headers: vec!["Proposed", "From", "To", "Reasons", "Agreed by"],
            rows: r
                .changes
                .iter()
                .map(|c| {
                    vec![
                        long_date(c.proposed),
                        c.from.label().to_owned(),
                        c.to.label().to_owned(),
                        c.reasons.clone(),
                        c.authorisations
                            .iter()
                            .map(|a| {
                                format!("{} on {}", names.name_and_role(&a.by), long_date(a.on))
                            })
                            .collect::<Vec<_>>()
                            .join("; "),
                    ]
                })
                .collect(),
        },
        Section {
            title: "Issues raised by the Independent Reviewing Officer",
            headers: vec!["Raised", "Issue", "Action required", "Stage", "Resolved"],
            rows: r
                .issues
                .iter()
                .map(|i| {
                    vec![
                        i.stages
                            .first()
                            .map_or(String::new(), |s| long_date(s.raised)),
                        i.issue.clone(),
                        i.action_required.clone(),
                        i.current().stage.label().to_owned(),
                        opt_date(i.resolved),
                    ]
                })
                .collect(),
        },
        Section {
            title: "Support plans",
            headers: vec![
                "Reference",
                "Supports",
                "Status",
                "Services",
                "Carer agreed",
            ],
            rows: r
                .support_plans
                .iter()
                .map(|s| {
                    vec![
                        s.id.clone(),
                        s.pathway.label().to_owned(),
                        s.status().label().to_owned(),
                        s.services
                            .iter()
                            .map(|v| format!("{} by {}", v.service, v.provider_agency))
                            .collect::<Vec<_>>()
                            .join("; "),
                        opt_date(s.carer_agreed),
                    ]
                })
                .collect(),
        },
        Section {
            title: "Placements",
            headers: vec!["Reference", "Began", "Purpose", "Ended"],
            rows: r
                .placements
                .iter()
                .map(|(id, p)| {
                    vec![
                        id.clone(),
                        long_date(p.record.start),
                        p.record
                            .purpose
                            .map_or_else(String::new, |p| p.label().to_owned()),
                        opt_date(p.end.as_ref().map(|e| e.ended)),
                    ]
                })
                .collect(),
        },
        Section {
            title: "Child Decision Making Panel decisions",
            headers: vec![
                "Date",
                "Decision",
                "Options under consideration",
                "Permanence decision",
            ],
            rows: r
                .cdm_decisions
                .iter()
                .map(|d| {
                    vec![
                        long_date(d.decided_on),
                        d.decision.label().to_owned(),
                        d.options_under_consideration
                            .iter()
                            .map(|o| o.label())
                            .collect::<Vec<_>>()
                            .join("; "),
                        opt_date(d.permanence_decided),
                    ]
                })
                .collect(),
        },
        Section {
            title: "Family-finding requests",
            headers: vec!["Requested", "Pack"],
            rows: r
                .family_finding
                .iter()
                .map(|f| vec![long_date(f.opened), f.pack.label().to_owned()])
                .collect(),
        },
        Section {
            title: "Monitoring at reviews",
            headers: vec!["Review", "Outcome progress", "Issues"],
            rows: r
                .review_monitoring
                .iter()
                .map(|m| {
                    vec![
                        long_date(m.held),
                        m.monitoring
                            .outcome_progress
                            .iter()
                            .map(|(a, p)| format!("{}: {}", a.label(), p.label()))
                            .collect::<Vec<_>>()
                            .join("; "),
                        m.monitoring
                            .issues
                            .iter()
                            .map(|i| i.issue.clone())
                            .collect::<Vec<_>>()
                            .join("; "),
                    ]
                })
                .collect(),
        },
        Section {
            title: "Contact Agreements",
            headers: vec!["Reference", "Parties", "Frequency", "Venue", "Review by"],
            rows: r
                .contact_agreements
                .iter()
                .map(|a| {
                    vec![
                        a.id.clone(),
                        a.parties.join("; "),
                        a.frequency.clone(),
                        a.venue.clone(),
                        opt_date(Some(a.review_date)),
                    ]
                })
                .collect(),
        },
        Section {
            title: "Team around the child",
            headers: vec!["Part", "Name", "From", "Until", "Why they left"],
            rows: r
                .team
                .iter()
                .flat_map(|t| &t.members)
                .map(|m| {
                    vec![
                        m.role.label().to_owned(),
                        m.user
                            .as_deref()
                            .map_or_else(|| m.name.clone(), |u| names.name(u).to_owned()),
                        long_date(m.from),
                        opt_date(m.until),
                        m.left_because.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
        },
        Section {
            title: "Letterbox items",
            headers: vec!["Letterbox", "Item", "From", "Received", "State"],
            rows: r
                .letterboxes
                .iter()
                .flat_map(|l| {
                    l.items.iter().map(|i| {
                        vec![
                            l.id.clone(),
                            i.number.to_string(),
                            i.sender.clone(),
                            long_date(i.received),
                            i.state.label().to_owned(),
                        ]
                    })
                })
                .collect(),
        },
        Section {
            title: "Missing and away episodes",
            headers: vec!["Episode", "Started", "Returned"],
            rows: r
                .missing
                .iter()
                .flat_map(|m| {
                    m.episodes.iter().map(|e| {
                        vec![
                            e.number.to_string(),
                            long_date(e.started),
                            opt_date(e.returned),
                        ]
                    })
                })
                .collect(),
        },
        Section {
            title: "Money agreed and paid",
            headers: vec![
                "Entry",
                "Date",
                "Fund",
                "Kind",
                "Amount",
                "Approved by",
                "Why",
            ],
            rows: r
                .money
                .iter()
                .map(|e| {
                    vec![
                        e.id.clone(),
                        long_date(e.on),
                        e.account.fund.label().to_owned(),
                        e.kind.label().to_owned(),
                        crate::ui::pounds(e.amount_pence),
                        format!("{} ({})", names.name(&e.approved_by), e.approver_role),
                        e.reason.clone(),
                    ]
                })
                .collect(),
        },
    ]
}

/// The subject access record as a JSON download: each section's rows as
/// objects keyed by the section's headers, and the permanence records in
/// full.
fn subject_json(
    records: &SubjectRecords,
    sections: &[Section],
    produced: domain::time::Timestamp,
) -> Response {
    let json: serde_json::Value = sections
        .iter()
        .map(|s| {
            let rows: Vec<serde_json::Value> = s
                .rows
                .iter()
                .map(|r| {
                    serde_json::Value::Object(
                        s.headers
                            .iter()
                            .map(|h| h.to_string())
                            .zip(r.iter().map(|v| serde_json::Value::String(v.clone())))
                            .collect(),
                    )
                })
                .collect();
            (s.title.to_owned(), serde_json::Value::Array(rows))
        })
        .collect::<serde_json::Map<_, _>>()
        .into();
    let id = records.journey.id();
    let documents = serde_json::json!({
        "plans": records.plans,
        "referrals": records.referrals.iter().map(|(id, r, _)| serde_json::json!({ "id": id, "referral": r })).collect::<Vec<_>>(),
        "changes_of_plan": records.changes,
        "iro_issues": records.issues,
        "activities": records.activities.iter().map(|(id, a)| serde_json::json!({ "id": id, "activity": a })).collect::<Vec<_>>(),
        "support_plans": records.support_plans,
        "placements": records.placements.iter().map(|(id, p)| serde_json::json!({ "id": id, "placement": p })).collect::<Vec<_>>(),
        "cdm_decisions": records.cdm_decisions,
        "review_monitoring": records.review_monitoring,
        "family_finding": records.family_finding,
        "contact_agreements": records.contact_agreements,
        "case_notes": records.notes.iter().map(|(id, n)| serde_json::json!({ "id": id, "note": n })).collect::<Vec<_>>(),
        "information_shared": records.information_shared,
        "team_around_child": records.team,
        "letterboxes": records.letterboxes,
        "missing": records.missing,
        "money": records.money,
        "child_documents": records.documents.iter().map(|(kind, id, d)| serde_json::json!({ "record": kind, "id": id, "document": d })).collect::<Vec<_>>(),
    });
    (
        [(header::CONTENT_DISPOSITION, format!("attachment; filename=\"subject-access-{id}.json\""))],
        axum::Json(serde_json::json!({ "child": id.as_str(), "produced": produced, "record": json, "documents": documents })),
    )
        .into_response()
}
