//! The regional adoption agency (`/adoption/agency`): its member councils,
//! board, workstreams, actions and regional family-finding meetings, with
//! the council's liaison meetings and overseas enquiries beside them; and
//! its figures per council (`/adoption/agency/figures`), under the agency's
//! five aims, with the ASGLB extract as CSV (`?format=csv`).

use axum::extract::Query;
use axum::response::Response;
use chrono::{Datelike, NaiveDate};
use domain::adoption::raa::{
    AgencyAction, AgencyStep, BoardDecision, Discussed, Member, RegionalAgency, RegionalMeeting,
    VISION, Workstream,
};

use super::child_pathway::field_error;
use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Cell, Chrome, Datum, FieldError, Part, RecordPage, button_form, cell, export_response, field,
    part, select,
};

/// A form's field: (name, label, kind).
type FieldDef = (&'static str, &'static str, &'static str);

/// The agency page's forms: (id, legend, button, fields).
const FORMS: &[(&str, &str, &str, &[FieldDef])] = &[
    (
        "overseas",
        "Record an enquiry to adopt from overseas",
        "Record",
        &[("date", "Date of the enquiry", "date")],
    ),
    (
        "member",
        "Add or change a member council",
        "Save the member",
        &[
            ("council", "Council", "text"),
            ("joined", "Joined on", "date"),
            ("left", "Arrangement ended on", "date"),
            ("host", "Host council", "checkbox"),
        ],
    ),
    (
        "meeting",
        "Record a child discussed at a regional family-finding meeting",
        "Record",
        &[
            ("meeting_date", "Date of the meeting", "date"),
            ("council", "The child's council", "select"),
            (
                "reference",
                "Child's identifier (own council) or the partner's reference",
                "text",
            ),
            ("match_identified", "Match identified", "checkbox"),
            ("placement_made", "Placement made", "checkbox"),
        ],
    ),
    (
        "board",
        "Record a Management Board decision",
        "Record",
        &[
            ("date", "Date", "date"),
            ("topic", "Subject", "text"),
            (
                "dissenting",
                "Councils dissenting (separated by commas)",
                "text",
            ),
        ],
    ),
    (
        "workstream",
        "Add a workstream",
        "Add",
        &[
            ("workstream", "Workstream", "text"),
            ("lead", "Lead council", "text"),
            ("every_months", "Meets every (months)", "text"),
        ],
    ),
    (
        "action",
        "Add a development action",
        "Add",
        &[
            ("title", "Action", "text"),
            ("owner", "Owner", "text"),
            ("due", "Due", "date"),
        ],
    ),
    (
        "action_done",
        "Mark an action done",
        "Save",
        &[
            ("action", "Action number", "text"),
            ("done", "Done on", "date"),
        ],
    ),
    (
        "liaison",
        "Record a Permanence Team liaison meeting",
        "Record",
        &[("team", "Team", "text"), ("date", "Date", "date")],
    ),
    (
        "target",
        "Set the target of adopter approvals for a financial year (ADOPT-055)",
        "Save the target",
        &[
            ("year", "Year the financial year starts (April)", "text"),
            ("target", "Approvals targeted", "text"),
        ],
    ),
    (
        "offer",
        "Record a newsletter to adopters or an event for them (ADOPT-046)",
        "Record",
        &[
            ("date", "Date", "date"),
            ("title", "Title", "text"),
            (
                "newsletter",
                "A newsletter issue (not an event)",
                "checkbox",
            ),
        ],
    ),
    (
        "link",
        "The support offer's web page",
        "Save",
        &[("link", "Web address", "text")],
    ),
];

static FIELD_IDS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    FORMS
        .iter()
        .flat_map(|(id, _, _, fields)| fields.iter().map(move |(n, _, _)| format!("{id}-{n}")))
        .collect()
});

fn error_id(form: &str, name: &str) -> &'static str {
    let ids: &'static [String] = &FIELD_IDS;
    let wanted = format!("{form}-{name}");
    ids.iter()
        .find(|i| **i == wanted)
        .or_else(|| ids.iter().find(|i| i.starts_with(&format!("{form}-"))))
        .map_or("", String::as_str)
}

fn rows(p: &mut Part, headers: &[&str], rows: Vec<Vec<String>>) {
    p.table_headers = headers.iter().map(|h| (*h).to_owned()).collect();
    p.table_rows = rows
        .into_iter()
        .map(|r| r.into_iter().map(cell).collect())
        .collect();
}

fn opt(d: Option<NaiveDate>) -> String {
    d.map_or_else(String::new, |d| d.to_string())
}

fn agency_parts(a: &RegionalAgency, today: NaiveDate) -> Vec<Part> {
    let mut members = part("members", &format!("{}: member councils", a.name));
    members.paragraphs.push(format!(
        "Began on {}. {} keeps its own decisions on adopters and children.",
        a.commenced, a.home
    ));
    members.items = a
        .former_names
        .iter()
        .map(|(until, n)| format!("Until {until}: {n}"))
        .collect();
    rows(
        &mut members,
        &["Council", "Joined", "Ended", "Host"],
        a.members
            .iter()
            .map(|m| {
                vec![
                    m.council.clone(),
                    m.joined.to_string(),
                    opt(m.left),
                    if m.host { "Yes" } else { "No" }.into(),
                ]
            })
            .collect(),
    );
    members.rules = vec![
        ("RAA-001".into(), "Member councils and their dates".into()),
        ("RAA-012".into(), "The agency's earlier names".into()),
    ];
    let mut meetings = part("meetings", "Regional family-finding meetings");
    meetings
        .paragraphs
        .push("Children of partner councils are held by their council's reference only.".into());
    meetings.table_headers = [
        "Date",
        "Council",
        "Child",
        "Match identified",
        "Placement made",
    ]
    .map(String::from)
    .to_vec();
    for m in &a.meetings {
        for d in &m.discussed {
            let child = if d.council == a.home {
                Cell {
                    text: d.reference.clone(),
                    href: Some(format!("/children/{}/adoption/family-finding", d.reference)),
                }
            } else {
                cell(d.reference.clone())
            };
            let yes = |b: bool| cell(if b { "Yes" } else { "No" });
            meetings.table_rows.push(vec![
                cell(m.date.to_string()),
                cell(d.council.clone()),
                child,
                yes(d.match_identified),
                yes(d.placement_made),
            ]);
        }
    }
    meetings.rules = vec![
        ("RAA-005".into(), "Monthly regional family finding".into()),
        (
            "RAA-013".into(),
            "Matches identified and placements made".into(),
        ),
    ];
    let mut board = part("board", "Management Board decisions");
    rows(
        &mut board,
        &["Date", "Subject", "Status"],
        a.board
            .iter()
            .map(|b| vec![b.date.to_string(), b.topic.clone(), b.status().into()])
            .collect(),
    );
    board.rules.push((
        "RAA-003".into(),
        "Decisions need every partner's consent".into(),
    ));
    let mut streams = part("workstreams", "Workstreams");
    rows(
        &mut streams,
        &["Workstream", "Lead", "Meets every"],
        a.workstreams
            .iter()
            .map(|w| {
                vec![
                    w.name.clone(),
                    w.lead.clone(),
                    format!("{} months", w.every_months),
                ]
            })
            .collect(),
    );
    streams.rules.push((
        "RAA-004".into(),
        "Each workstream has a lead and a frequency".into(),
    ));
    let mut actions = part("actions", "Development actions");
    rows(
        &mut actions,
        &["Number", "Action", "Owner", "Due", "Status"],
        a.actions
            .iter()
            .enumerate()
            .map(|(i, x)| {
                let status = match x.done {
                    Some(d) => format!("Done {d}"),
                    None if x.overdue(today) => "Overdue".into(),
                    None => "Open".into(),
                };
                vec![
                    (i + 1).to_string(),
                    x.title.clone(),
                    x.owner.clone(),
                    x.due.to_string(),
                    status,
                ]
            })
            .collect(),
    );
    actions.rules.push((
        "RAA-011".into(),
        "Actions past their date are overdue".into(),
    ));
    let mut council = part("council", "The council's adoption service");
    rows(
        &mut council,
        &["Record", "Team", "Date", "Routed to"],
        a.liaison
            .iter()
            .map(|(t, d)| {
                vec![
                    "Liaison meeting".into(),
                    t.clone(),
                    d.to_string(),
                    String::new(),
                ]
            })
            .chain(a.overseas_enquiries.iter().map(|d| {
                vec![
                    "Overseas adoption enquiry".into(),
                    String::new(),
                    d.to_string(),
                    "Service Manager".into(),
                ]
            }))
            .collect(),
    );
    council.rules = vec![
        ("ADOPT-005".into(), "Monthly liaison meetings".into()),
        (
            "ADOPT-052".into(),
            "Overseas enquiries go to the Service Manager".into(),
        ),
    ];
    let mut support = part("support", "Support offer");
    support.paragraphs.push(format!(
        "Every enquirer's acknowledgement says: {}",
        a.acknowledgement()
    ));
    support.rules.push((
        "RAA-007".into(),
        "The support offer at first contact".into(),
    ));
    vec![
        members,
        meetings,
        board,
        streams,
        actions,
        council,
        offer_part(a, today),
        support,
    ]
}

/// ADOPT-046: the newsletters and events of this calendar year and the last.
fn offer_part(a: &RegionalAgency, today: NaiveDate) -> Part {
    let mut p = part("offer", "Newsletters and events for adopters");
    let year = today.year();
    rows(
        &mut p,
        &["Year", "Events", "Newsletters", "The year's offer"],
        [year - 1, year]
            .into_iter()
            .map(|y| {
                let (events, newsletters, met) = a.offer_in(y);
                let said = match (met, y == year) {
                    (true, _) => "Made".to_owned(),
                    (false, true) => "Not yet made".to_owned(),
                    (false, false) => "Not made".to_owned(),
                };
                vec![
                    y.to_string(),
                    events.to_string(),
                    newsletters.to_string(),
                    said,
                ]
            })
            .collect(),
    );
    p.rules.push((
        "ADOPT-046".into(),
        "Two events and four newsletters a year".into(),
    ));
    p
}

fn forms_part(
    caller: &Caller,
    a: &RegionalAgency,
    (version, today): (i64, NaiveDate),
) -> Vec<Part> {
    FORMS
        .iter()
        .filter(|(id, ..)| app::adoption::may_keep_agency(caller.user(), *id == "meeting"))
        .map(|(id, legend, button, fields)| {
            let mut p = part(&format!("record-{id}"), legend);
            let mut f = button_form(
                id,
                "/adoption/agency",
                button,
                vec![("form", (*id).to_owned()), ("version", version.to_string())],
            );
            f.fields = fields
                .iter()
                .map(|(name, label, kind)| match *kind {
                    "select" => select(
                        name,
                        label,
                        "",
                        a.members
                            .iter()
                            .map(|m| (m.council.clone(), m.council.clone()))
                            .collect(),
                    ),
                    kind => field(
                        name,
                        label,
                        kind,
                        super::child_pathway::initial(name, today),
                    ),
                })
                .collect();
            p.forms.push(f);
            p
        })
        .collect()
}

async fn show(caller: &Caller, errors: Vec<FieldError>, done: Option<String>) -> Response {
    let held = match caller
        .page(|c| app::adoption::regional_agency(&c.store, c.user()))
        .await
    {
        Ok(a) => a,
        Err(page) => return page,
    };
    let mut sections = agency_parts(&held.value, caller.today());
    let mut figures = part("figures-link", "Figures");
    figures.links.push((
        "/adoption/agency/figures".into(),
        "The agency's figures per council".into(),
    ));
    sections.insert(0, figures);
    sections.extend(forms_part(
        caller,
        &held.value,
        (held.version, caller.today()),
    ));
    RecordPage {
        caption: Some("Adoption".into()),
        errors,
        success: done,
        sections,
        ..RecordPage::new(Chrome::new(
            "Regional adoption agency",
            Some(&caller.signed),
            "/adoption/agency",
        ))
    }
    .respond()
}

/// The agency's page.
pub(crate) async fn agency_page(caller: Caller) -> Page {
    Ok(show(&caller, Vec::new(), None).await)
}

type Bad = (&'static str, String);

fn date(f: &Fields, name: &'static str) -> Result<NaiveDate, Bad> {
    match f.date(name) {
        Ok(Some(d)) => Ok(d),
        Ok(None) => Err((name, "Enter the date, for example 27/3/2026".into())),
        Err(e) => Err((name, e)),
    }
}

fn number<T: std::str::FromStr>(f: &Fields, name: &'static str) -> Result<T, Bad> {
    let text = f.get(name);
    text.parse()
        .map_err(|_| (name, format!("Enter a number (\"{text}\" is not one)")))
}

fn step_of(form: &str, f: &Fields) -> Result<AgencyStep, Bad> {
    Ok(match form {
        "member" => AgencyStep::Member(Member {
            council: f.get("council"),
            joined: date(f, "joined")?,
            left: f.date("left").map_err(|e| ("left", e))?,
            host: f.ticked("host"),
        }),
        "meeting" => AgencyStep::Meeting(RegionalMeeting {
            date: date(f, "meeting_date")?,
            discussed: vec![Discussed {
                council: f.get("council"),
                reference: f.get("reference"),
                match_identified: f.ticked("match_identified"),
                placement_made: f.ticked("placement_made"),
            }],
        }),
        "board" => AgencyStep::Board(BoardDecision {
            date: date(f, "date")?,
            topic: f.get("topic"),
            dissenting: f
                .get("dissenting")
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        }),
        "workstream" => AgencyStep::Workstream(Workstream {
            name: f.get("workstream"),
            lead: f.get("lead"),
            every_months: number(f, "every_months")?,
        }),
        "action" => AgencyStep::Action(AgencyAction {
            title: f.get("title"),
            owner: f.get("owner"),
            due: date(f, "due")?,
            done: None,
        }),
        "action_done" => AgencyStep::ActionDone(
            number::<usize>(f, "action")?.saturating_sub(1),
            date(f, "done")?,
        ),
        "liaison" => AgencyStep::Liaison(f.get("team"), date(f, "date")?),
        "overseas" => AgencyStep::OverseasEnquiry(date(f, "date")?),
        "link" => AgencyStep::SupportOfferLink(f.get("link")),
        "target" => AgencyStep::ApprovalTarget(number(f, "year")?, number(f, "target")?),
        "offer" => AgencyStep::Offer(domain::adoption::raa::AdopterOffer {
            date: date(f, "date")?,
            newsletter: f.ticked("newsletter"),
            title: f.get("title"),
        }),
        _ => return Err(("", "The form could not be read".into())),
    })
}

/// Records a step on the agency's record.
pub(crate) async fn agency_post(caller: Caller, fields: Fields) -> Page {
    let form = fields.get("form");
    let step = match step_of(&form, &fields) {
        Ok(s) => s,
        Err((name, message)) => {
            return Ok(show(
                &caller,
                vec![FieldError {
                    field: error_id(&form, name),
                    message,
                }],
                None,
            )
            .await);
        }
    };
    let version = fields.version();
    match caller
        .run(move |c| {
            app::adoption::record_agency_step(&c.store, c.user(), c.clock(), version, step, &c.from)
        })
        .await
    {
        Ok(_) => Ok(show(&caller, Vec::new(), Some("Recorded.".into())).await),
        Err(e) => {
            let mut error = field_error(&caller, &e, "")?;
            let name = e
                .to_string()
                .split_once(": ")
                .map(|(n, _)| n.to_owned())
                .unwrap_or_default();
            error.field = error_id(&form, &name);
            Ok(show(&caller, vec![error], None).await)
        }
    }
}

/// The figures page's period and format.
#[derive(serde::Deserialize, Default)]
pub(crate) struct FiguresQuery {
    from: Option<String>,
    to: Option<String>,
    format: Option<String>,
}

fn figure_rows(f: &app::adoption::AgencyFigures) -> [Part; 5] {
    let mut parts = VISION.map(|h| part(&h.to_lowercase().replace([' ', ',', '-'], "_"), h));
    let heads: Vec<String> = std::iter::once("Measure".to_owned())
        .chain(f.councils.iter().map(|c| c.council.clone()))
        .collect();
    let line = |name: &str,
                get: &dyn Fn(&domain::adoption::raa_figures::CouncilFigures) -> String|
     -> Vec<Cell> {
        std::iter::once(cell(name))
            .chain(f.councils.iter().map(|c| cell(get(c))))
            .collect()
    };
    parts[0].table_headers = heads.clone();
    parts[0]
        .table_rows
        .push(line("Children placed", &|c| c.placed.to_string()));
    for (i, s) in domain::adoption::family_finding::AdopterSource::ALL
        .iter()
        .enumerate()
    {
        parts[0]
            .table_rows
            .push(line(s.label(), &|c| c.by_source[i].1.to_string()));
    }
    parts[0].rules.push((
        "ADOPT-062".into(),
        "Counted by the council placing the child".into(),
    ));
    parts[1].table_headers = heads.clone();
    parts[1]
        .table_rows
        .push(line("Matches identified at regional meetings", &|c| {
            c.matches_identified.to_string()
        }));
    parts[1]
        .table_rows
        .push(line("Placements made from them", &|c| {
            c.placements_made.to_string()
        }));
    parts[1]
        .rules
        .push(("RAA-013".into(), "Two distinct measures".into()));
    parts[2].table_headers = heads.clone();
    parts[2]
        .table_rows
        .push(line("Best-interest decisions", &|c| {
            c.decisions.to_string()
        }));
    parts[2]
        .table_rows
        .push(line("Decided, awaiting the placement order", &|c| {
            c.awaiting_order.to_string()
        }));
    parts[2]
        .table_rows
        .push(line("With an order, not placed", &|c| {
            c.unplaced_with_order.to_string()
        }));
    parts[2]
        .table_rows
        .push(line("Linked", &|c| c.linked.to_string()));
    parts[2]
        .table_rows
        .push(line("Revocation in progress", &|c| {
            c.revocation.to_string()
        }));
    parts[2]
        .table_rows
        .push(line("Actively family finding", &|c| {
            c.actively_finding.to_string()
        }));
    parts[2].rules = vec![
        (
            "ADOPT-008".into(),
            "Decisions and those awaiting an order".into(),
        ),
        (
            "ADOPT-026".into(),
            "Revocations apart from active family finding".into(),
        ),
    ];
    if !f.liaison_missing.is_empty() {
        parts[2].paragraphs.push(format!(
            "No liaison meeting this month: {}.",
            f.liaison_missing.join(", ")
        ));
    }
    parts[3].paragraphs.push(f.agency.acknowledgement());
    parts[4].table_headers = heads;
    parts[4]
        .table_rows
        .push(line("Placed within the regional agency", &|c| {
            c.within_region_pct()
                .map_or("No placements".into(), |p| format!("{p}%"))
        }));
    parts[4].links.push((
        format!(
            "/adoption/agency/figures?from={}&to={}&format=csv",
            f.period.0, f.period.1
        ),
        "Download the ASGLB extract (CSV)".into(),
    ));
    parts[4].rules = vec![
        ("RAA-006".into(), "Share placed within the region".into()),
        (
            "RAA-010".into(),
            "The extract holds adoption and special guardianship".into(),
        ),
        (
            "RAA-014".into(),
            "The report's headings are the agency's aims".into(),
        ),
    ];
    parts
}

/// ADOPT-055: approvals in the financial year against its target.
fn recruitment_part(r: &app::adoption::Recruitment) -> Part {
    let mut p = part("recruitment", "Adopter recruitment");
    p.rows = vec![
        (
            "Financial year".into(),
            format!("April {} to March {}", r.year, r.year + 1),
        ),
        (
            "Target of adopter approvals".into(),
            r.target.map_or("No target set".into(), |t| t.to_string()),
        ),
        ("Adopters approved".into(), r.approvals.to_string()),
        (
            "Attainment".into(),
            r.attainment
                .map_or("No target set".into(), |a| format!("{a}%")),
        ),
    ];
    p.rules.push((
        "ADOPT-055".into(),
        "Approvals against the year's target".into(),
    ));
    p
}

fn list_parts(f: &app::adoption::AgencyFigures) -> Vec<Part> {
    f.lists
        .iter()
        .map(|(list, children)| {
            let mut p = part(list.rule(), list.title());
            p.table_headers = [
                "Child",
                "Council",
                "Gender",
                "Age",
                "Placement order",
                "Notes",
            ]
            .map(String::from)
            .to_vec();
            p.table_rows = children
                .iter()
                .map(|c| {
                    vec![
                        Cell {
                            text: c.child_id.clone(),
                            href: Some(format!("/children/{}/adoption", c.child_id)),
                        },
                        cell(c.council.clone()),
                        cell(c.sex.clone()),
                        cell(c.age.to_string()),
                        cell(opt(c.placement_order)),
                        cell(c.note.clone()),
                    ]
                })
                .collect();
            if children.is_empty() {
                p.paragraphs.push("No children.".into());
            }
            p.rules.push((list.rule().into(), list.title().into()));
            p
        })
        .collect()
}

/// The agency's figures per council for a period (a year to today unless asked).
pub(crate) async fn figures_page(caller: Caller, Query(q): Query<FiguresQuery>) -> Page {
    let today = caller.today();
    let parse = |s: &Option<String>| s.as_deref().and_then(crate::ui::parse_date);
    let to = parse(&q.to).unwrap_or(today);
    let from = parse(&q.from).unwrap_or(to - chrono::Months::new(12));
    let figures = caller
        .page(move |c| {
            app::adoption::agency_figures(&c.store, c.user(), c.clock(), (from, to), &c.from)
        })
        .await?;
    if q.format.as_deref() == Some("csv") {
        let rows: Vec<Vec<Datum>> = figures
            .asglb
            .iter()
            .map(|r| {
                vec![
                    Datum::text(r.child_id.clone()),
                    Datum::text(r.council.clone()),
                    Datum::text(r.record),
                    Datum::date(r.decision),
                    Datum::date(r.placement_order),
                    Datum::date(r.placed),
                    Datum::date(r.order),
                ]
            })
            .collect();
        caller.audit_export("asglb_extract", rows.len()).await;
        let headers = [
            "Child",
            "Council",
            "Record",
            "Best-interest decision",
            "Placement order",
            "Placed",
            "Order",
        ];
        return Ok(export_response("csv", "asglb", &headers, &rows));
    }
    let mut period = part("period", "Period");
    period.paragraphs.push(format!("From {from} to {to}."));
    for years_back in 0..3 {
        let end_year = to.year() - years_back - i32::from(to.month() < 4);
        let (start, end) = (
            NaiveDate::from_ymd_opt(end_year, 4, 1),
            NaiveDate::from_ymd_opt(end_year + 1, 3, 31),
        );
        if let (Some(start), Some(end)) = (start, end) {
            period.links.push((
                format!("/adoption/agency/figures?from={start}&to={end}"),
                format!("April {end_year} to March {}", end_year + 1),
            ));
        }
    }
    let mut sections = vec![period];
    sections.extend(figure_rows(&figures));
    sections.push(recruitment_part(&figures.recruitment));
    sections.extend(list_parts(&figures));
    Ok(RecordPage {
        back: Some((
            "/adoption/agency".into(),
            "Back to the regional adoption agency".into(),
        )),
        caption: Some(figures.agency.name_on(to).to_owned()),
        sections,
        ..RecordPage::new(Chrome::new(
            "Regional adoption agency figures",
            Some(&caller.signed),
            "/adoption/agency",
        ))
    }
    .respond())
}
