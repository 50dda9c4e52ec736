//! The forms of a family's support page, by the part they sit in. Each
//! posts to the page with its name and the record's version.

use app::passport::support::SupportView;
use domain::passport::offer::{BookingKind, CHECKLIST, INFORMATION};
use domain::passport::support::{RequestStage, Requester, Route};

use crate::ui::{FieldSpec, FormSpec, Part, button_form, field, part, select};

/// Each form and the field its errors point to (the first it asks).
pub(crate) const FORMS: &[(&str, &str)] = &[
    ("checklist", "checklist-item_0"),
    ("request", "request-received"),
    ("first_response", "first_response-request"),
    ("allocate", "allocate-request"),
    ("signpost", "signpost-request"),
    ("complete", "complete-request"),
    ("decide", "decide-request"),
    ("asf", "asf-request"),
    ("plan", "plan-wellbeing"),
    ("approve", "approve-sent"),
    ("respond", "respond-on"),
    ("change", "change-on"),
    ("reviewed", "reviewed-on"),
    ("check_in", "check_in-kind"),
    ("book", "book-kind"),
    ("dpst", "dpst-criteria"),
    ("authorise", "authorise-go"),
    ("concern", "concern-about"),
    ("resolve", "resolve-go"),
    ("escalate", "escalate-information"),
    ("benefits", "benefits-child"),
];

fn form(
    view: &SupportView,
    name: &str,
    legend: &str,
    button: &str,
    fields: Vec<FieldSpec>,
) -> FormSpec {
    let id = &view.household.value.id;
    let mut f = button_form(
        name,
        &format!("/households/{id}/support"),
        button,
        vec![
            ("form", name.to_owned()),
            ("version", view.version.to_string()),
        ],
    );
    f.legend = Some(legend.into());
    f.fields = fields;
    f
}

fn options<T: Copy>(
    all: &[T],
    code: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
) -> Vec<(String, String)> {
    let mut out = vec![(String::new(), "Choose".to_owned())];
    out.extend(
        all.iter()
            .map(|&x| (code(x).to_owned(), label(x).to_owned())),
    );
    out
}

fn yes_no(name: &str, label: &str) -> FieldSpec {
    select(
        name,
        label,
        "",
        vec![
            (String::new(), "Choose".into()),
            ("yes".into(), "Yes".into()),
            ("no".into(), "No".into()),
        ],
    )
}

/// The requests a form can act on: those at one of `stages`.
fn requests(view: &SupportView, stages: &[RequestStage]) -> FieldSpec {
    let mut o = vec![(String::new(), "Choose".to_owned())];
    o.extend(
        view.record
            .requests
            .iter()
            .filter(|r| stages.contains(&r.stage))
            .map(|r| (r.number.to_string(), format!("Request {}", r.number))),
    );
    select("request", "Request", "", o)
}

fn text(name: &str, label: &str) -> FieldSpec {
    field(name, label, "text", "")
}

fn date(name: &str, label: &str) -> FieldSpec {
    field(name, label, "date", "")
}

/// The forms of the part `section` of the page.
pub(crate) fn forms_part(view: &SupportView, section: &str) -> Part {
    let mut p = part("stability", "Keeping the placement stable");
    p.forms = match section {
        "stability" => {
            let mut fields: Vec<FieldSpec> = CHECKLIST
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let done = view.record.offer.checklist.contains(&i);
                    field(
                        &format!("item_{i}"),
                        item,
                        "checkbox",
                        if done { "yes" } else { "" },
                    )
                })
                .collect();
            fields.push(date(
                "permanence_on",
                "Permanence confirmed on (only when every step is done)",
            ));
            vec![form(
                view,
                "checklist",
                "Disruption risk-reduction checklist",
                "Save the checklist",
                fields,
            )]
        }
        "requests" => request_forms(view),
        "plan" => plan_forms(view),
        "checkins" => vec![check_in_form(view)],
        _ => offer_forms(view),
    };
    p
}

fn request_forms(view: &SupportView) -> Vec<FormSpec> {
    use RequestStage::*;
    vec![
        form(
            view,
            "request",
            "A request for an assessment of need",
            "Record the request",
            vec![
                date("received", "Received on"),
                select(
                    "requester",
                    "Who asked",
                    "",
                    options(&Requester::ALL, Requester::code, Requester::label),
                ),
                text(
                    "relationship",
                    "Their relationship with the child (a relative or other person)",
                ),
                select(
                    "route",
                    "How the request came",
                    "",
                    options(&Route::ALL, Route::code, Route::label),
                ),
                date(
                    "consent_on",
                    "Date the parents consented (a professional's referral)",
                ),
            ],
        ),
        form(
            view,
            "first_response",
            "First Response outcome",
            "Record the outcome",
            vec![
                requests(view, &[FirstResponse]),
                text(
                    "advice",
                    "Advice given (leave blank if too complex for a community resource)",
                ),
            ],
        ),
        form(
            view,
            "allocate",
            "Allocate for assessment",
            "Allocate",
            vec![
                requests(view, &[Received, WithManager]),
                text("worker", "Social worker (user name)"),
            ],
        ),
        form(
            view,
            "signpost",
            "Advice and signposting",
            "Close with advice",
            vec![
                requests(view, &[NotOurs]),
                text(
                    "advice",
                    "The responsible authority or other service the family was told about",
                ),
            ],
        ),
        form(
            view,
            "complete",
            "Assessment completed",
            "Record the assessment",
            vec![
                requests(view, &[Assessing]),
                date("completed", "Completed on"),
                field("needs", "What the assessment found", "textarea", ""),
                date("outcome_told", "Family told the outcome on"),
                date("report_to_parents", "Report sent to the parents on"),
                date("child_copy_on", "Child's copy sent on"),
                text(
                    "child_copy_reason",
                    "Or why a copy is not appropriate for the child",
                ),
            ],
        ),
        form(
            view,
            "decide",
            "Decision to provide",
            "Record the decision",
            vec![
                requests(view, &[Assessed]),
                yes_no("provide", "Will the council provide the support?"),
                field("reasons", "Reasons", "textarea", ""),
                select(
                    "delivery",
                    "Delivered",
                    "",
                    vec![
                        (String::new(), "Not provided".into()),
                        ("direct".into(), "Directly by the council".into()),
                        (
                            "commissioned".into(),
                            "Commissioned from another agency".into(),
                        ),
                    ],
                ),
                text("provider", "Provider (commissioned)"),
                text("contract", "Contract or framework reference"),
            ],
        ),
        form(
            view,
            "asf",
            "Adoption Support Fund application",
            "Make the application",
            vec![
                requests(view, &[Assessed]),
                text("intervention", "The therapeutic intervention proposed"),
            ],
        ),
    ]
}

fn plan_forms(view: &SupportView) -> Vec<FormSpec> {
    vec![
        form(
            view,
            "plan",
            "Propose a support plan",
            "Propose the plan",
            vec![
                field(
                    "wellbeing",
                    "Emotional wellbeing: the support",
                    "textarea",
                    "",
                ),
                text(
                    "wellbeing_none",
                    "Or why no emotional wellbeing support is needed",
                ),
                field("education", "Education: the support", "textarea", ""),
                text("education_none", "Or why no education support is needed"),
                field("other", "Other support", "textarea", ""),
            ],
        ),
        form(
            view,
            "approve",
            "Approve the plan and send it to the family",
            "Approve and send",
            vec![date("sent", "Sent on (blank: today)")],
        ),
        form(
            view,
            "respond",
            "The family's response",
            "Record the response",
            vec![
                date("on", "Responded on"),
                field("response", "What they said", "textarea", ""),
            ],
        ),
        form(
            view,
            "change",
            "A change of circumstances",
            "Record the change",
            vec![date("on", "Notified on"), text("what", "What changed")],
        ),
        form(
            view,
            "reviewed",
            "The plan's review",
            "Record the review",
            vec![date("on", "Held on")],
        ),
    ]
}

fn check_in_form(view: &SupportView) -> FormSpec {
    form(
        view,
        "check_in",
        "Record a visit or call against the plan",
        "Record the contact",
        vec![
            select(
                "kind",
                "Contact",
                "",
                vec![
                    ("call".into(), "Telephone call".into()),
                    ("visit".into(), "Visit".into()),
                ],
            ),
            date("made", "Made on"),
            select(
                "outcome",
                "Outcome",
                "",
                vec![
                    ("completed".into(), "Completed".into()),
                    ("no_contact".into(), "No contact".into()),
                ],
            ),
            text("attempts", "Attempts (no contact)"),
            text("topics", "Services, training and meet-ups offered"),
            text("needs", "Needs raised"),
            text("action", "Action taken"),
            field(
                "assessment_requested",
                "The family asked for an assessment of need",
                "checkbox",
                "",
            ),
            select(
                "plan_appropriate",
                "Is the support plan still appropriate?",
                "",
                vec![("yes".into(), "Yes".into()), ("no".into(), "No".into())],
            ),
            date("next_contact", "Next planned contact (visits)"),
            field(
                "series_complete",
                "The series of visits is complete",
                "checkbox",
                "",
            ),
        ],
    )
}

fn offer_forms(view: &SupportView) -> Vec<FormSpec> {
    let mut children = vec![(String::new(), "The family".to_owned())];
    children.extend(
        view.family
            .iter()
            .flat_map(|f| &f.children)
            .map(|c| (c.child_id.clone(), c.name.clone())),
    );
    let information = INFORMATION
        .iter()
        .map(|(c, l)| ((*c).to_owned(), (*l).to_owned()));
    vec![
        form(
            view,
            "book",
            "Book training, an event, a group or a session",
            "Book",
            vec![
                select(
                    "kind",
                    "What",
                    "",
                    options(&BookingKind::ALL, BookingKind::code, BookingKind::label),
                ),
                text("what", "Name of the course, event, group or session"),
                date("on", "On"),
                select("child", "For", "", children.clone()),
            ],
        ),
        form(
            view,
            "dpst",
            "Refer to the Dedicated Placement Support Team",
            "Refer",
            vec![text("criteria", "The criteria the referral meets")],
        ),
        form(
            view,
            "authorise",
            "Authorise DPST support (Head of Service)",
            "Authorise",
            vec![field(
                "go",
                "I authorise the waiting referral",
                "checkbox",
                "",
            )],
        ),
        form(
            view,
            "concern",
            "A concern about support",
            "Record the concern",
            vec![text("about", "What the concern is about")],
        ),
        form(
            view,
            "resolve",
            "Resolve the concern locally",
            "Resolved",
            vec![field(
                "go",
                "The concern was resolved with the family",
                "checkbox",
                "",
            )],
        ),
        form(
            view,
            "escalate",
            "The family wants to complain",
            "Record the complaint",
            vec![
                select("information", "Information given", "", {
                    let mut o = vec![(String::new(), "Choose".to_owned())];
                    o.extend(information);
                    o
                }),
                yes_no("advocacy", "Was advocacy support offered?"),
                text("complainant", "Complainant's name"),
            ],
        ),
        form(
            view,
            "benefits",
            "Child benefit and tax credits declared by the carer",
            "Record the declaration",
            vec![
                select("child", "Child", "", {
                    let mut o = vec![(String::new(), "Choose".to_owned())];
                    o.extend(children.into_iter().skip(1));
                    o
                }),
                yes_no(
                    "claimed",
                    "Does the carer claim child benefit or tax credits for the child?",
                ),
                date("on", "Declared on"),
            ],
        ),
    ]
}
