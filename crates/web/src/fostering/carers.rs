//! Foster carers' pages: the list of mainstream foster carers with what is
//! next due for each, and a carer's page: their household's `FosterCarer`
//! role from enquiry to approval and after (WF-FOST-APPLICANT,
//! WF-FOST-REVIEW, WF-TRAINING, WF-FOST-EXIT), what each step recorded,
//! the role's deadlines with the step that clears each, and a form for
//! each step the user may take now, carrying what that step needs.

use app::fostering::carers::CarerView;
use axum::extract::Path;
use axum::response::Response;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use domain::fostering::carers::{
    APPROVAL_TYPES, ApprovalTerms, CHANNELS, EX_PARTNER_REFERENCE, EXIT_REASONS, Enquiry, Exit,
    FosterStep, InitialVisit, SPECIALIST_TYPES, STAGE_ONE_PAPERS, next_information_event,
};
use domain::fostering::reviews::{CONTRIBUTORS, Review, Visit, VisitKind};
use domain::fostering::training::{Booking, FEE_LEVELS};

fn fee_level_label(level: u8) -> &'static str {
    FEE_LEVELS
        .iter()
        .find(|(l, _)| *l == level)
        .map_or("", |(_, label)| label)
}

use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Cell, Chrome, FieldError, FieldSpec, FormSpec, Part, RecordPage, button_form, cell, field,
    form_date, long_date, part, select,
};

fn page(title: String, caller: &Caller, back: Option<(String, String)>) -> RecordPage {
    RecordPage {
        chrome: Chrome::new(title, Some(&caller.signed), "/households"),
        back,
        caption: None,
        status: None,
        errors: Vec::new(),
        notices: Vec::new(),
        success: None,
        sections: Vec::new(),
    }
}

fn options(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(c, l)| ((*c).to_owned(), (*l).to_owned()))
        .collect()
}

/// The mainstream foster carers the user may see.
pub(crate) async fn foster_carers(caller: Caller) -> Page {
    let overview = match caller
        .page(|c| app::fostering::carers::carers_overview(&c.store, c.user(), c.clock(), &c.from))
        .await
    {
        Ok(o) => o,
        Err(page) => return Ok(page),
    };
    let lines = &overview.lines;
    let mut list = part("carers", "Foster carers");
    if lines.is_empty() {
        list.paragraphs
            .push("No mainstream foster carers are recorded for you.".into());
    } else {
        list.table_headers = ["Household", "Stage", "Worker", "Next due", "When"]
            .map(String::from)
            .to_vec();
        list.table_rows = lines
            .iter()
            .map(|l| {
                let (what, when) = l.next.as_ref().map_or((String::new(), String::new()), |n| {
                    (
                        format!("{} ({})", n.title, n.rule.unwrap_or("")),
                        format!(
                            "{}: {}",
                            long_date(n.due),
                            domain::worklist::due_in_words(n.days_left).to_lowercase()
                        ),
                    )
                });
                vec![
                    Cell {
                        text: l.name.clone(),
                        href: Some(format!("/fostering/carers/{}", l.role)),
                    },
                    cell({
                        let mut stage = l.stage.clone();
                        if l.chronology_stale {
                            stage.push_str(" (no chronology entry in 12 months)");
                        }
                        if let Some(month) = l.short_break_missed {
                            stage.push_str(&format!(
                                " (no weekend short break in {})",
                                month.format("%B %Y")
                            ));
                        }
                        stage
                    }),
                    cell(l.worker.clone().unwrap_or_default()),
                    cell(what),
                    cell(when),
                ]
            })
            .collect();
    }
    let mut p = page("Foster carers".into(), &caller, None);
    p.caption = Some("Mainstream foster carers (WF-FOST-APPLICANT)".into());
    p.sections = vec![list];
    p.sections
        .extend(super::concerns::overview_parts(&overview));
    Ok(p.respond())
}

/// A foster carer's page.
pub(crate) async fn carer_page(caller: Caller, Path(id): Path<String>) -> Page {
    Ok(show(&caller, &id, Vec::new(), None).await)
}

async fn show(
    caller: &Caller,
    id: &str,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let rid = id.to_owned();
    let view = match caller
        .page(move |c| {
            app::fostering::carers::open_carer(&c.store, c.user(), c.clock(), &rid, &c.from)
        })
        .await
    {
        Ok(v) => v,
        Err(page) => return page,
    };
    let h = &view.household.value;
    let mut p = page(
        h.name.clone(),
        caller,
        Some((
            format!("/households/{}", h.id),
            "Back to the household".into(),
        )),
    );
    p.caption = Some(format!("Mainstream foster carer {}", view.role.id));
    p.errors = errors;
    p.success = done;
    p.sections = vec![
        summary_part(&view, caller.today()),
        deadlines_part(&view),
        steps_part(caller, &view),
    ];
    p.sections.extend(super::reviews::life_parts(&view));
    p.sections
        .extend(super::concerns::parts(&view, caller.today()));
    p.respond()
}

fn summary_part(view: &CarerView, today: NaiveDate) -> Part {
    let (r, f) = (&view.role, &view.file);
    let mut p = part("summary", "Summary");
    p.rows.push(("Stage".into(), r.stage_label().to_owned()));
    p.rows.push(("Team".into(), r.team.clone()));
    p.rows.push((
        "Supervising or assessing worker".into(),
        r.worker.clone().unwrap_or_else(|| "None allocated".into()),
    ));
    p.rows
        .push(("Enquiry started".into(), long_date(r.started)));
    if r.stage == "enquiry" {
        p.rows.push((
            "Next information event (Find Out About Fostering)".into(),
            long_date(next_information_event(today)),
        ));
    }
    if let Some(e) = &f.enquiry {
        p.rows.push((
            "Reply to the enquiry (2 hours)".into(),
            e.reply_standard().words(),
        ));
    }
    if let Some(v) = &f.initial_visit {
        p.rows.push((
            "Initial visit report (48 hours)".into(),
            v.report_standard().words(),
        ));
    }
    if let Some((on, proceed)) = f.ptad {
        let what = if proceed { "Proceed" } else { "Not proceeding" };
        p.rows
            .push(("PTAD".into(), format!("{what} ({})", long_date(on))));
    }
    if let Some(a) = &f.assessment {
        p.rows.push(("Form F started".into(), long_date(a.started)));
        p.rows
            .push(("Panel date agreed".into(), long_date(a.panel_date)));
        if let Some(done) = a.completed {
            p.rows.push(("Form F completed".into(), long_date(done)));
        }
        if let Some(on) = f.pre_panel {
            p.rows.push(("Pre-panel meeting".into(), long_date(on)));
        }
    }
    if let Some(d) = &f.decision {
        match &d.terms {
            Some(t) => {
                p.rows.push(("Approved".into(), long_date(d.on)));
                p.rows.push(("Terms of approval".into(), t.words()));
                // GEN-007, GEN-009.
                if let Some(k) = t.specialist_label() {
                    p.rows
                        .push(("Specialist foster carer".into(), k.to_owned()));
                }
                p.rows
                    .push(("Recruited through".into(), t.recruitment_route().to_owned()));
                let plan = t.training_plan();
                if !plan.is_empty() {
                    p.rows.push(("Training plan".into(), plan.join(", ")));
                }
                p.rows.push((
                    "Fostering News and Portal invitation".into(),
                    format!("From {}", long_date(d.on)),
                ));
                if let Some(on) = d.support_group_notified {
                    p.rows.push((
                        "Locality support group coordinator told".into(),
                        long_date(on),
                    ));
                }
            }
            None => p.rows.push(("Not approved".into(), long_date(d.on))),
        }
    }
    if let Some(c) = &f.terms_change {
        p.rows.push((
            "Change of terms (long-term – named child)".into(),
            format!(
                "For {}: recommended by the fostering panel on {}, awaiting ADM",
                c.child,
                long_date(c.recommended)
            ),
        ));
    }
    if let Some(level) = f.fee_level {
        p.rows
            .push(("Fee level".into(), fee_level_label(level).into()));
    }
    if let Some(on) = f.on_hold {
        p.rows.push(("On hold since".into(), long_date(on)));
    }
    if let Some(e) = &f.exit {
        p.rows.push((
            "Left".into(),
            format!("{}: {}", long_date(e.on), e.reason_label()),
        ));
    }
    p.links.push((
        format!("/households/{}", view.household.value.id),
        "The household's record".into(),
    ));
    p
}

fn deadlines_part(view: &CarerView) -> Part {
    let mut p = part("deadlines", "Deadlines");
    if view.deadlines.is_empty() {
        p.paragraphs.push("Nothing is due.".into());
        return p;
    }
    p.table_headers = ["What", "Rule", "Due", "Days left", "Recorded by"]
        .map(String::from)
        .to_vec();
    p.table_rows = view
        .deadlines
        .iter()
        .map(|i| {
            let clears = domain::deadline_rules::rules_named(i.rule.unwrap_or(""))
                .next()
                .and_then(|rule| view.role.kind.step_recording(rule.met_by))
                .map_or("", |t| t.label);
            vec![
                cell(i.title.clone()),
                cell(i.rule.unwrap_or("")),
                cell(long_date(i.due)),
                cell(i.days_left.to_string()),
                cell(clears),
            ]
        })
        .collect();
    p
}

fn checkbox(name: &str, label: &str) -> FieldSpec {
    field(name, label, "checkbox", "")
}

fn step_form(caller: &Caller, view: &CarerView, name: &str, label: &str) -> FormSpec {
    let mut f = button_form(
        &format!("step-{name}"),
        &format!("/fostering/carers/{}", view.role.id),
        label,
        vec![
            ("version", view.household.version.to_string()),
            ("step", name.to_owned()),
        ],
    );
    let today = form_date(Some(caller.today()));
    let t = |n: &str, l: &str| field(n, l, "text", "");
    f.fields =
        match name {
            "record_enquiry" => vec![
                select(
                    "channel",
                    "How the enquiry arrived",
                    "phone",
                    options(CHANNELS),
                ),
                field("date", "Date received", "date", today.clone()),
                t("time", "Time received (24-hour, for example 10:00)"),
                field("replied", "Date of the first reply", "date", today.clone()),
                t("replied_time", "Time of the first reply"),
            ],
            "visit" => vec![
                field("date", "Date of the visit", "date", today.clone()),
                t("time", "Time of the visit (24-hour, for example 14:00)"),
                field("report", "Date the report was saved", "date", today.clone()),
                t("report_time", "Time the report was saved"),
            ],
            "start_form_f" => {
                let mut v = vec![field(
                    "date",
                    "Date the Form F assessment starts",
                    "date",
                    today.clone(),
                )];
                v.extend(STAGE_ONE_PAPERS.iter().map(|(c, l)| {
                    checkbox(&format!("paper_{c}"), &format!("Stage 1: {l} received"))
                }));
                v.push(checkbox(
                    "previous_partner",
                    "The applicant has a previous partner",
                ));
                v.push(checkbox(
                    &format!("paper_{}", EX_PARTNER_REFERENCE.0),
                    &format!("{} received", EX_PARTNER_REFERENCE.1),
                ));
                v.push(field(
                    "panel_date",
                    "Panel date agreed in the assessment agreement",
                    "date",
                    "",
                ));
                v
            }
            "complete_form_f" => vec![
                field(
                    "date",
                    "Date the Form F was completed",
                    "date",
                    today.clone(),
                ),
                field(
                    "skills_to_foster",
                    "Date Skills to Foster was completed",
                    "date",
                    "",
                ),
                field(
                    "applicant_agreed",
                    "Date the applicant agreed the final Form F",
                    "date",
                    "",
                ),
            ],
            "recommend" => vec![
                field("date", "Date of the panel", "date", today.clone()),
                select(
                    "recommendation",
                    "The panel's recommendation",
                    "approve",
                    options(&[("approve", "Approve"), ("not_approve", "Do not approve")]),
                ),
            ],
            "approve" => vec![
                field("date", "Date of the decision", "date", today.clone()),
                t("age_from", "Youngest age approved"),
                t("age_to", "Oldest age approved"),
                t("children", "Number of children approved"),
                select(
                    "kind",
                    "Type of fostering",
                    "short_term",
                    options(APPROVAL_TYPES),
                ),
                select(
                    "category",
                    "Mainstream or specialist foster carer",
                    "mainstream",
                    options(&[
                        ("mainstream", "Mainstream foster carer"),
                        ("specialist", "Specialist foster carer"),
                    ]),
                ),
                select(
                    "specialist_type",
                    "Kind of specialist foster carer (for a specialist carer)",
                    "",
                    options(&[&[("", "Not a specialist carer")], SPECIALIST_TYPES].concat()),
                ),
            ],
            "review" => {
                let mut v = vec![field("date", "Date of the review", "date", today.clone())];
                v.extend(CONTRIBUTORS.iter().map(|(c, l)| {
                    checkbox(
                        &format!("contrib_{c}"),
                        &format!("Contribution from {}", l.to_lowercase()),
                    )
                }));
                v.push(FieldSpec {
                    hint: Some(
                        "Needed only when no training is recorded since the last review.".into(),
                    ),
                    ..field("override_note", "Manager's override note", "textarea", "")
                });
                v
            }
            "ssw_visit" => vec![
                field("date", "Date of the visit", "date", today.clone()),
                select(
                    "kind",
                    "Kind of visit",
                    "supervision",
                    VisitKind::ALL
                        .iter()
                        .map(|k| (k.code().to_owned(), k.label().to_owned()))
                        .collect(),
                ),
            ],
            "book_training" => vec![
                field("date", "Date booked", "date", today.clone()),
                t("course", "Course"),
                field("course_date", "Date of the course", "date", ""),
                t("hours", "Hours"),
                checkbox(
                    "course_full",
                    "The course is full: put the carer on its waiting list",
                ),
            ],
            "confirm_place" => vec![
                bookings_select(view.file.waitlisted()),
                field("date", "Date the place came free", "date", today.clone()),
            ],
            "record_training" => vec![
                bookings_select(view.file.open_bookings().filter(|(_, b)| !b.waitlisted)),
                select(
                    "attended",
                    "Attendance",
                    "yes",
                    options(&[("yes", "Attended"), ("no", "Did not attend")]),
                ),
                field("date", "Date recorded", "date", today.clone()),
            ],
            "change_fee_level" => vec![
                field("date", "Date of the change", "date", today.clone()),
                select(
                    "level",
                    "Fee level",
                    "",
                    FEE_LEVELS
                        .iter()
                        .map(|(l, label)| (l.to_string(), (*label).to_owned()))
                        .collect(),
                ),
            ],
            "deregister" => vec![
                field("date", "Date the carer leaves", "date", today.clone()),
                select("exit_reason", "Reason for leaving", "", {
                    let mut o = vec![(String::new(), "Choose a reason".to_owned())];
                    o.extend(options(EXIT_REASONS));
                    o
                }),
                checkbox("exit_interview", "An exit interview was offered"),
            ],
            "recommend_terms" => vec![
                field("date", "Date of the panel", "date", today.clone()),
                field(
                    "child",
                    "The child's identifier, for example C00012",
                    "text",
                    "",
                ),
            ],
            "decide_terms" => vec![
                field("date", "Date of the decision", "date", today.clone()),
                select(
                    "decision",
                    "The agency decision",
                    "agree",
                    options(&[("agree", "Change the terms"), ("refuse", "Keep the terms")]),
                ),
            ],
            other => {
                let mut v = vec![field("date", "Date", "date", today.clone())];
                v.extend(super::concerns::step_fields(other).unwrap_or_default());
                v
            }
        };
    f.secondary = matches!(
        name,
        "withdraw" | "not_proceed" | "refuse" | "defer" | "put_on_hold"
    );
    f
}

/// A choice of the carer's bookings.
fn bookings_select<'a>(bookings: impl Iterator<Item = (usize, &'a Booking)>) -> FieldSpec {
    select(
        "booking",
        "Booking",
        "",
        bookings
            .map(|(i, b)| {
                (
                    i.to_string(),
                    format!("{} on {}", b.course, long_date(b.course_date)),
                )
            })
            .collect(),
    )
}

fn steps_part(caller: &Caller, view: &CarerView) -> Part {
    let mut p = part("steps", "What happens next");
    let works = caller
        .user()
        .may(domain::access::Permission::WorkOnHouseholds);
    for step in view.role.moves(caller.user()).into_iter().filter(|_| works) {
        if step.name == "record_enquiry" && view.file.enquiry.is_some()
            || step.name == "record_training"
                && !view.file.open_bookings().any(|(_, b)| !b.waitlisted)
            || step.name == "confirm_place" && view.file.waitlisted().next().is_none()
            || step.name == "recommend_terms" && view.file.terms_change.is_some()
            || step.name == "decide_terms" && view.file.terms_change.is_none()
            || step.name == "refer_lado" && !view.file.awaiting_lado()
        {
            continue;
        }
        p.forms.push(step_form(caller, view, step.name, step.label));
    }
    if works && app::fostering::carers::may_allocate(caller.user()) {
        let mut f = button_form(
            "allocate",
            &format!("/fostering/carers/{}", view.role.id),
            "Allocate the worker",
            vec![
                ("version", view.household.version.to_string()),
                ("action", "allocate".into()),
            ],
        );
        f.legend = Some("Supervising or assessing social worker".into());
        f.secondary = true;
        f.fields.push(FieldSpec {
            hint: Some(
                "Their identifier, for example SSW001. Leave blank to remove the allocation."
                    .into(),
            ),
            ..field(
                "worker",
                "Worker",
                "text",
                view.role.worker.clone().unwrap_or_default(),
            )
        });
        p.forms.push(f);
    }
    if p.forms.is_empty() {
        p.paragraphs
            .push("There is nothing for you to record for this carer now.".into());
    }
    p
}

/// Every field a step's form has, as the error summary names it.
macro_rules! field_ids {
    ($($step:literal: [$($f:literal),*];)*) => {
        &[$($(concat!("step-", $step, "-", $f),)*)*]
    };
}

static FIELD_IDS: &[&str] = field_ids! {
    "record_enquiry": ["channel", "date", "time", "replied", "replied_time"];
    "visit": ["date", "time", "report", "report_time"];
    "proceed": ["date"];
    "not_proceed": ["date"];
    "start_form_f": ["date", "paper_application", "paper_referees", "paper_dbs", "paper_medical", "paper_local_authority", "previous_partner", "paper_ex_partner", "panel_date"];
    "complete_form_f": ["date", "skills_to_foster", "applicant_agreed"];
    "pre_panel": ["date"];
    "recommend": ["date", "recommendation"];
    "defer": ["date"];
    "approve": ["date", "age_from", "age_to", "children", "kind", "category", "specialist_type"];
    "refuse": ["date"];
    "review": ["date", "contrib_carer", "override_note"];
    "review_decision": ["date"];
    "review_at_panel": ["date"];
    "ssw_visit": ["date", "kind"];
    "complete_tsd": ["date"];
    "book_training": ["date", "course", "course_date", "hours", "course_full"];
    "confirm_place": ["booking", "date"];
    "record_training": ["booking", "attended", "date"];
    "deregister": ["date", "exit_reason", "exit_interview"];
    "withdraw": ["date"];
    "refer_terms": ["date"];
    "recommend_terms": ["date", "child"];
    "decide_terms": ["date", "decision"];
    "log_allegation": ["date"];
    "refer_lado": ["date"];
    "position_of_trust": ["date"];
    "conclude_allegation": ["date", "outcome"];
    "interim_report": ["date"];
    "record_concern": ["date", "raised_by", "summary"];
    "put_on_hold": ["date"];
    "change_fee_level": ["date", "level"];
    "resume": ["date"];
};

fn field_id(step: &str, name: &str) -> &'static str {
    let want = format!("step-{step}-{name}");
    let name = match name {
        "papers" => "paper_referees",
        "reason" => "exit_reason",
        other => other,
    };
    let fallback = format!("step-{step}-{name}");
    FIELD_IDS
        .iter()
        .find(|i| **i == want || **i == fallback)
        .or_else(|| {
            FIELD_IDS
                .iter()
                .find(|i| **i == format!("step-{step}-date"))
        })
        .copied()
        .unwrap_or("steps")
}

/// A form's fields read into the step they record, or the field at fault.
fn read_step(step: &str, fields: &Fields) -> Result<FosterStep, (&'static str, String)> {
    let bad = |name: &str, message: &str| (field_id(step, name), message.to_owned());
    let date = |name: &str| -> Result<Option<NaiveDate>, (&'static str, String)> {
        fields.date(name).map_err(|m| (field_id(step, name), m))
    };
    let on = date("date")?.ok_or_else(|| bad("date", "Enter the date, for example 27 3 2026"))?;
    let at = |day: NaiveDate, name: &str| -> Result<NaiveDateTime, (&'static str, String)> {
        NaiveTime::parse_from_str(&fields.get(name), "%H:%M")
            .map(|t| day.and_time(t))
            .map_err(|_| {
                bad(
                    name,
                    "Enter the time as hours and minutes, for example 14:00",
                )
            })
    };
    let number = |name: &str, what: &str| -> Result<u32, (&'static str, String)> {
        fields
            .get(name)
            .parse()
            .map_err(|_| bad(name, &format!("Enter {what} as a whole number")))
    };
    let small = |name: &str, what: &str| -> Result<u8, (&'static str, String)> {
        u8::try_from(number(name, what)?)
            .map_err(|_| bad(name, &format!("Enter {what} as a whole number")))
    };
    Ok(match step {
        "record_enquiry" => {
            let replied = date("replied")?.unwrap_or(on);
            FosterStep::Enquiry(Enquiry {
                channel: fields.get("channel"),
                received: at(on, "time")?,
                replied: at(replied, "replied_time")?,
            })
        }
        "visit" => {
            let report = date("report")?.unwrap_or(on);
            FosterStep::InitialVisit(InitialVisit {
                visited: at(on, "time")?,
                report_saved: at(report, "report_time")?,
            })
        }
        "start_form_f" => FosterStep::StartFormF {
            on,
            papers: STAGE_ONE_PAPERS
                .iter()
                .chain([&EX_PARTNER_REFERENCE])
                .filter(|(c, _)| fields.ticked(&format!("paper_{c}")))
                .map(|(c, _)| (*c).to_owned())
                .collect(),
            panel_date: date("panel_date")?,
            previous_partner: fields.ticked("previous_partner"),
        },
        "complete_form_f" => FosterStep::CompleteFormF {
            on,
            skills_to_foster: date("skills_to_foster")?,
            applicant_agreed: date("applicant_agreed")?,
        },
        "recommend" => FosterStep::Recommend {
            on,
            approval: fields.get("recommendation") == "approve",
        },
        "approve" => {
            let terms = ApprovalTerms::new(
                small("age_from", "the youngest age")?,
                small("age_to", "the oldest age")?,
                small("children", "the number of children")?,
                &fields.get("kind"),
            )
            .and_then(|t| t.with_category(&fields.get("category"), &fields.get("specialist_type")))
            .map_err(|e| bad(e.field, &e.problem))?;
            FosterStep::Approve { on, terms }
        }
        "review" => FosterStep::Review(Review {
            on,
            training_hours: 0,
            override_note: fields.get("override_note"),
            contributions: CONTRIBUTORS
                .iter()
                .filter(|(c, _)| fields.ticked(&format!("contrib_{c}")))
                .map(|(c, _)| (*c).to_owned())
                .collect(),
        }),
        "ssw_visit" => FosterStep::Visit(Visit {
            on,
            kind: VisitKind::parse(&fields.get("kind"))
                .ok_or_else(|| bad("kind", "Choose the kind of visit"))?,
        }),
        "book_training" => FosterStep::Book(Booking {
            booked: on,
            course: fields.get("course"),
            course_date: date("course_date")?
                .ok_or_else(|| bad("course_date", "Enter the date of the course"))?,
            hours: number("hours", "the course's hours")?,
            attended: None,
            waitlisted: fields.ticked("course_full"),
        }),
        "confirm_place" => FosterStep::ConfirmPlace {
            on,
            booking: fields.get("booking").parse().unwrap_or(0),
        },
        "record_training" => FosterStep::Attendance {
            on,
            booking: fields.get("booking").parse().unwrap_or(0),
            attended: fields.get("attended") == "yes",
        },
        "deregister" => FosterStep::Deregister(Exit {
            on,
            reason: fields.get("exit_reason"),
            exit_interview_offered: fields.ticked("exit_interview"),
        }),
        "change_fee_level" => FosterStep::FeeLevel {
            on,
            level: fields.get("level").parse().unwrap_or(0),
        },
        "recommend_terms" => FosterStep::RecommendTerms {
            on,
            child: fields.get("child"),
        },
        "decide_terms" => FosterStep::DecideTerms {
            on,
            agreed: fields.get("decision") == "agree",
        },
        other => FosterStep::dated(other, on)
            .or_else(|| super::concerns::read_step(other, on, fields))
            .ok_or_else(|| ("steps", "Choose a step to record".to_owned()))?,
    })
}

/// Records a step of the foster carer's role.
pub(crate) async fn carer_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    if fields.get("action") == "allocate" {
        let (rid, version, worker) = (id.clone(), fields.version(), fields.get("worker"));
        let done = caller
            .run(move |c| {
                app::fostering::carers::allocate_worker(
                    &c.store,
                    c.user(),
                    c.clock(),
                    (&rid, version),
                    &worker,
                    &c.from,
                )
            })
            .await;
        return Ok(match done {
            Ok(_) => show(&caller, &id, Vec::new(), Some("Worker allocated.".into())).await,
            Err(e) => {
                let mut errors = caller.form_errors(&e, "allocate-worker")?;
                for err in &mut errors {
                    err.message = err.message.trim_start_matches("worker: ").to_owned();
                }
                show(&caller, &id, errors, None).await
            }
        });
    }
    let step = fields.get("step");
    let taken = match read_step(&step, &fields) {
        Ok(s) => s,
        Err((field, message)) => {
            return Ok(show(&caller, &id, vec![FieldError { field, message }], None).await);
        }
    };
    let (rid, version) = (id.clone(), fields.version());
    match caller
        .run(move |c| {
            app::fostering::carers::record_carer_step(
                &c.store,
                c.user(),
                c.clock(),
                (&rid, version),
                taken,
                &c.from,
            )
        })
        .await
    {
        Ok(_) => {
            let page = show(&caller, &id, Vec::new(), Some("Recorded.".into())).await;
            Ok(crate::households::after_step(&caller, page, "Recorded."))
        }
        Err(e) => {
            let message = e.to_string();
            // A refusal of what the step carried names its field first.
            let (field, problem) = match message.split_once(": ") {
                Some((f, rest)) if !f.contains(' ') => (field_id(&step, f), rest.to_owned()),
                _ => (field_id(&step, "date"), message.clone()),
            };
            let mut errors = caller.form_errors(&e, field)?;
            for err in &mut errors {
                err.message = problem.clone();
            }
            Ok(show(&caller, &id, errors, None).await)
        }
    }
}
