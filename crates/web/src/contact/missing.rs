//! A child's missing episodes (WF-MISSING): the strategy meeting three
//! missing episodes in 90 days call for (MISS-001) at the top, the episodes
//! with their returns and return home interviews (MISS-004), the risk of
//! exploitation (MISS-002, MISS-003) and exploitation referrals with their
//! screening (MISS-007); the forms for those who record them.

use app::contact::MissingEntry;
use axum::extract::Path;
use axum::response::Response;
use domain::child::ChildId;
use domain::codes::{CodeList, MissingType};
use domain::contact::missing::{
    Exploitation, HOTH_CHAIRS, HarmOutsideHome, Interview, MissingRecord, Risk, RiskRating,
    may_record,
};

use super::{child_of, child_page, error_at};
use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    FieldError, FieldSpec, Part, button_form, cell, field, form_date, long_date, part, select,
};

/// A child's missing record.
pub(crate) async fn missing_page(caller: Caller, Path(id): Path<String>) -> Page {
    let child = child_of(&caller, &id)?;
    Ok(show(&caller, child, Vec::new(), None).await)
}

fn interview_words(m: &MissingRecord, number: u32) -> String {
    let Some(e) = m.episodes.iter().find(|e| e.number == number) else {
        return String::new();
    };
    match (&e.interview, e.kind, e.returned) {
        (Some(Interview::Completed(d)), _, _) => format!("Completed {}", long_date(*d)),
        (Some(Interview::NotCompleted { date, reason }), _, _) => {
            format!("Not completed ({}): {reason}", long_date(*date))
        }
        (None, MissingType::Away, _) => "Not needed (away)".into(),
        (None, _, None) => "When the child returns".into(),
        (None, _, Some(r)) => format!(
            "Due by {}",
            long_date(r + chrono::Days::new(domain::contact::missing::INTERVIEW_DAYS))
        ),
    }
}

fn episodes_part(m: &MissingRecord) -> Part {
    let mut p = part("episodes", "Missing and away episodes");
    if m.episodes.is_empty() {
        p.paragraphs.push("No episode is recorded here.".into());
        return p;
    }
    p.table_headers = [
        "Episode",
        "Kind",
        "Started",
        "Returned",
        "Return home interview (MISS-004)",
    ]
    .map(String::from)
    .to_vec();
    p.table_rows = m
        .episodes
        .iter()
        .rev()
        .map(|e| {
            vec![
                cell(e.number.to_string()),
                cell(e.kind.description()),
                cell(long_date(e.started)),
                cell(e.returned.map_or_else(|| "Still missing".into(), long_date)),
                cell(interview_words(m, e.number)),
            ]
        })
        .collect();
    p
}

fn risk_part(m: &MissingRecord) -> Part {
    let mut p = part("risk", "Risk of exploitation and referrals");
    p.rows = vec![(
        "Risk now".into(),
        m.risk().map_or_else(
            || "Not rated".into(),
            |r| format!("{} since {}", r.risk.label(), long_date(r.date)),
        ),
    )];
    if let Some(r) = m.risk().filter(|r| r.risk == Risk::High) {
        p.rows
            .push(("Police officer".into(), r.police_officer.clone()));
        p.rows.push((
            "Child Exploitation social worker".into(),
            r.ce_social_worker.clone(),
        ));
    }
    for s in &m.strategy_meetings {
        p.rows.push(("Strategy meeting held".into(), long_date(*s)));
    }
    for r in &m.referrals {
        let state = match (&r.screened, r.closed) {
            (_, Some(c)) => format!("closed {}", long_date(c)),
            (Some((d, outcome)), None) => format!("screened {}: {outcome}", long_date(*d)),
            (None, None) => "awaiting the screening tool (MISS-007)".into(),
        };
        p.rows.push((
            format!("Referral {}", r.number),
            format!("{}, {}, {state}", r.kind.label(), long_date(r.referred)),
        ));
    }
    for h in &m.harm_outside_home {
        p.rows.push((
            format!("Harm Outside the Home meeting, {}", long_date(h.held)),
            format!(
                "Community Safety Plan: {}. Child Exploitation Team social worker: {}",
                h.safety_plan, h.ce_social_worker
            ),
        ));
    }
    p
}

/// A form posting `entry` with the record's version.
fn entry_form(
    id: &str,
    action: &str,
    button: &str,
    version: i64,
    extra: Vec<(&str, String)>,
) -> crate::ui::FormSpec {
    let mut hidden = vec![
        ("version", version.to_string()),
        ("entry", id.split('-').next().unwrap_or(id).to_owned()),
    ];
    hidden.extend(extra);
    button_form(id, action, button, hidden)
}

/// The forms for those who record: the return of an open episode, the
/// interviews due, a new episode, a strategy meeting, a risk rating and
/// referrals.
fn forms_part(caller: &Caller, m: &MissingRecord, version: i64, action: &str) -> Part {
    let mut p = part("record", "Record");
    let today = form_date(Some(caller.today()));
    let date = |label: &str| field("date", label, "date", today.clone());
    let open = m.episodes.iter().find(|e| e.returned.is_none());
    if let Some(e) = open {
        let mut f = entry_form(
            "return",
            action,
            &format!("Record the return from episode {}", e.number),
            version,
            vec![("episode", e.number.to_string())],
        );
        f.fields.push(date("Date the child returned"));
        p.forms.push(f);
    }
    for e in m
        .episodes
        .iter()
        .filter(|e| e.kind == MissingType::Missing && e.returned.is_some() && e.interview.is_none())
    {
        let mut f = entry_form(
            &format!("interview-{}", e.number),
            action,
            &format!("Record the interview after episode {}", e.number),
            version,
            vec![("episode", e.number.to_string())],
        );
        f.fields = vec![
            select(
                "outcome",
                "Outcome",
                "completed",
                vec![
                    ("completed".into(), "Completed".into()),
                    ("not_completed".into(), "Not completed".into()),
                ],
            ),
            date("Date"),
            field(
                "reason",
                "Why not completed (the child's circumstances)",
                "textarea",
                "",
            ),
        ];
        p.forms.push(f);
    }
    if open.is_none() {
        let mut f = entry_form("report", action, "Record an episode", version, Vec::new());
        f.fields = vec![
            select(
                "kind",
                "Kind",
                "M",
                MissingType::ALL
                    .iter()
                    .map(|k| (k.code().to_owned(), k.description().to_owned()))
                    .collect(),
            ),
            date("Date it started"),
        ];
        p.forms.push(f);
    }
    let mut f = entry_form(
        "strategy",
        action,
        "Record a strategy meeting held",
        version,
        Vec::new(),
    );
    f.fields.push(date("Date held"));
    f.secondary = m.strategy_meeting_due().is_none();
    p.forms.push(f);
    let mut f = entry_form("rate", action, "Record the risk", version, Vec::new());
    f.secondary = true;
    f.fields = vec![
        select(
            "risk",
            "Risk of exploitation",
            "low",
            Risk::ALL
                .iter()
                .map(|r| (r.code().to_owned(), r.label().to_owned()))
                .collect(),
        ),
        date("Date rated"),
        FieldSpec {
            hint: Some("A high risk needs both (MISS-002).".into()),
            ..field(
                "police_officer",
                "Police Child Exploitation officer",
                "text",
                "",
            )
        },
        field(
            "ce_social_worker",
            "Child Exploitation team social worker",
            "text",
            "",
        ),
        field(
            "at_form",
            "Agreed at FORM (needed to lower a high risk, MISS-003)",
            "checkbox",
            "",
        ),
    ];
    p.forms.push(f);
    let mut f = entry_form(
        "refer",
        action,
        "Record an exploitation referral",
        version,
        Vec::new(),
    );
    f.secondary = true;
    f.fields = vec![
        select(
            "kind",
            "Kind",
            "cse",
            [Exploitation::Sexual, Exploitation::Criminal]
                .iter()
                .map(|k| (k.code().to_owned(), k.label().to_owned()))
                .collect(),
        ),
        date("Date referred"),
    ];
    p.forms.push(f);
    p.forms.push(hoth_form(action, version, date("Date held")));
    for r in m.referrals.iter().filter(|r| r.closed.is_none()) {
        let n = r.number.to_string();
        if r.screened.is_none() {
            let mut f = entry_form(
                &format!("screen-{n}"),
                action,
                &format!("Record the screening of referral {n}"),
                version,
                vec![("referral", n.clone())],
            );
            f.fields = vec![
                field("outcome", "Screening outcome", "textarea", ""),
                date("Date completed"),
            ];
            p.forms.push(f);
        }
        let mut f = entry_form(
            &format!("close-{n}"),
            action,
            &format!("Close referral {n}"),
            version,
            vec![("referral", n.clone())],
        );
        f.secondary = true;
        f.fields.push(date("Date closed"));
        p.forms.push(f);
    }
    p
}

/// MISS-006: the form recording a Harm Outside the Home meeting.
fn hoth_form(action: &str, version: i64, date: FieldSpec) -> crate::ui::FormSpec {
    let mut f = entry_form(
        "hoth",
        action,
        "Record a Harm Outside the Home meeting",
        version,
        Vec::new(),
    );
    f.secondary = true;
    f.fields = vec![
        date,
        select(
            "chair",
            "Who chaired it",
            HOTH_CHAIRS[0].0,
            HOTH_CHAIRS
                .iter()
                .map(|(c, l)| ((*c).to_owned(), (*l).to_owned()))
                .collect(),
        ),
        field(
            "safety_plan",
            "Community Safety Plan: the tasks agreed",
            "textarea",
            "",
        ),
        field(
            "ce_social_worker",
            "Child Exploitation Team social worker holding the case",
            "text",
            "",
        ),
    ];
    f
}

async fn show(
    caller: &Caller,
    child: ChildId,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let wanted = child.clone();
    let (m, version) = match caller
        .page(move |c| {
            app::contact::missing_record(&c.store, c.user(), c.clock(), &wanted, &c.from)
        })
        .await
    {
        Ok(found) => found,
        Err(page) => return page,
    };
    let action = format!("/children/{child}/missing");
    let mut p = child_page(caller, &child, "Missing episodes");
    if let Some(due) = m.strategy_meeting_due() {
        p.notices.push(format!(
            "Three missing episodes in 90 days: a strategy meeting is due from {} (MISS-001).",
            long_date(due)
        ));
    }
    p.sections = vec![episodes_part(&m), risk_part(&m)];
    if may_record(caller.user()) {
        p.sections.push(forms_part(caller, &m, version, &action));
    }
    p.errors = errors;
    p.success = done;
    p.respond()
}

/// What a form asks, read from its fields; the field to show an error
/// beside when it cannot be read.
fn entry_of(fields: &Fields) -> Result<MissingEntry, (&'static str, String)> {
    let date = |at: &'static str| match fields.date("date") {
        Ok(Some(d)) => Ok(d),
        _ => Err((at, "Enter the date, for example 27/3/2026".to_owned())),
    };
    let number = |name: &str| fields.get(name).parse::<u32>().unwrap_or(0);
    Ok(match fields.get("entry").as_str() {
        "report" => MissingEntry::Report {
            kind: MissingType::parse_code(&fields.get("kind"))
                .map_err(|_| ("report-kind", "Choose missing or away".to_owned()))?,
            started: date("report-date")?,
        },
        "return" => MissingEntry::Return {
            episode: number("episode"),
            date: date("return-date")?,
        },
        "interview" => {
            let d = date("record")?;
            MissingEntry::Interview {
                episode: number("episode"),
                interview: if fields.get("outcome") == "completed" {
                    Interview::Completed(d)
                } else {
                    Interview::NotCompleted {
                        date: d,
                        reason: fields.get("reason"),
                    }
                },
            }
        }
        "strategy" => MissingEntry::StrategyMeeting {
            held: date("strategy-date")?,
        },
        "rate" => MissingEntry::Rate(RiskRating {
            risk: Risk::parse(&fields.get("risk"))
                .ok_or(("rate-risk", "Choose the risk".to_owned()))?,
            date: date("rate-date")?,
            police_officer: fields.get("police_officer"),
            ce_social_worker: fields.get("ce_social_worker"),
            at_form: fields.ticked("at_form"),
        }),
        "refer" => MissingEntry::Refer {
            kind: Exploitation::parse(&fields.get("kind"))
                .ok_or(("refer-kind", "Choose the kind".to_owned()))?,
            date: date("refer-date")?,
        },
        "screen" => MissingEntry::Screen {
            referral: number("referral"),
            date: date("record")?,
            outcome: fields.get("outcome"),
        },
        "close" => MissingEntry::CloseReferral {
            referral: number("referral"),
            date: date("record")?,
        },
        "hoth" => MissingEntry::HarmOutsideHome(HarmOutsideHome {
            held: date("hoth-date")?,
            chair: fields.get("chair"),
            safety_plan: fields.get("safety_plan"),
            ce_social_worker: fields.get("ce_social_worker"),
        }),
        _ => return Err(("record", "Choose what to record".into())),
    })
}

/// Records an entry on the child's missing record.
pub(crate) async fn missing_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let child = child_of(&caller, &id)?;
    let entry = match entry_of(&fields) {
        Ok(e) => e,
        Err((at, message)) => return Ok(show(&caller, child, error_at(at, message), None).await),
    };
    let at = match &entry {
        MissingEntry::Rate(_) => "rate-risk",
        MissingEntry::Report { .. } => "report-date",
        MissingEntry::HarmOutsideHome(_) => "hoth-safety_plan",
        _ => "record",
    };
    let (wanted, version) = (child.clone(), fields.version());
    match caller
        .run(move |c| {
            app::contact::record_missing(
                &c.store,
                c.user(),
                c.clock(),
                (&wanted, version),
                entry,
                &c.from,
            )
        })
        .await
    {
        Ok((done, _)) => Ok(show(&caller, child, Vec::new(), Some(done)).await),
        Err(e) => {
            let errors = caller.form_errors(&e, at)?;
            Ok(show(&caller, child, errors, None).await)
        }
    }
}
