//! The forms of the child's adoption pathway as data (one per step), the
//! options of their lists, and reading a posted form into a
//! [`PathwayStep`], naming the field and the problem when it cannot be.

use std::sync::LazyLock;

use chrono::NaiveDate;
use domain::adoption::child_pathway::{
    AssessmentOffer, Cpr, FamilyOptions, Milestone, NewRoute, PathwayStep, Readiness, Tracks,
};
use domain::adoption::family_finding::{
    Activity, AdopterSource, EarlyPermanence, EventKind, FindingStep, PlacedWith, Profile,
    SearchLevel, WaitingReason,
};

use crate::handler::Fields;

/// Which page a form is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Plan,
    FamilyFinding,
}

impl Section {
    pub(crate) fn href(self, child: &str) -> String {
        match self {
            Section::Plan => format!("/children/{child}/adoption"),
            Section::FamilyFinding => format!("/children/{child}/adoption/family-finding"),
        }
    }
    pub(crate) fn title(self) -> &'static str {
        match self {
            Section::Plan => "Adoption pathway",
            Section::FamilyFinding => "Family finding for adoption",
        }
    }
    /// The link to the other page.
    pub(crate) fn other(self, child: &str) -> (String, &'static str) {
        match self {
            Section::Plan => (Section::FamilyFinding.href(child), "Family finding"),
            Section::FamilyFinding => (Section::Plan.href(child), "The adoption pathway"),
        }
    }
}

/// A step's form: its fields (name, label, kind) and the rule it answers.
pub(crate) struct StepForm {
    pub id: &'static str,
    pub section: Section,
    pub legend: &'static str,
    pub button: &'static str,
    pub fields: &'static [(&'static str, &'static str, &'static str)],
    pub rule: &'static str,
}

const fn form(
    id: &'static str,
    section: Section,
    (legend, button): (&'static str, &'static str),
    fields: &'static [(&'static str, &'static str, &'static str)],
    rule: &'static str,
) -> StepForm {
    StepForm {
        id,
        section,
        legend,
        button,
        fields,
        rule,
    }
}

use Section::{FamilyFinding as F, Plan as P};

/// Every form of the two pages, in page order.
pub(crate) const FORMS: &[StepForm] = &[
    form(
        "readiness",
        P,
        ("Ready for the ADM", "Save"),
        &[
            ("roa", "Review of Arrangements held on", "date"),
            (
                "service_manager_oversight",
                "Service manager oversight of the final care plan",
                "checkbox",
            ),
            ("assessments_concluded", "Assessments concluded", "checkbox"),
            (
                "cpr_quality_assured",
                "CPR quality assured by the team manager",
                "checkbox",
            ),
        ],
        "ADOPT-007",
    ),
    form(
        "milestone",
        P,
        ("Scorecard dates", "Record the date"),
        &[("milestone", "Date of", "select"), ("date", "Date", "date")],
        "ADOPT-010",
    ),
    form(
        "details",
        P,
        ("The child's council and family", "Save"),
        &[
            ("council", "Council the child belongs to", "select"),
            (
                "relinquished",
                "Relinquished by the birth parents",
                "checkbox",
            ),
            (
                "birth_parents",
                "Birth parents recorded (0, 1 or 2)",
                "text",
            ),
            (
                "siblings",
                "Brothers and sisters in the same proceedings",
                "text",
            ),
        ],
        "ADOPT-062",
    ),
    form(
        "family_options",
        P,
        ("Family and connected carers", "Save"),
        &[("family_options", "Family options", "select")],
        "ADOPT-001",
    ),
    form(
        "cdm",
        P,
        ("Children's Decision-Making panel", "Save"),
        &[
            ("cdm_date", "Date proceedings were to be issued", "date"),
            (
                "ffa_considered",
                "Fostering for Adoption considered",
                "checkbox",
            ),
        ],
        "ADOPT-003",
    ),
    form(
        "tracks",
        P,
        ("Twin or triple tracking", "Save"),
        &[
            ("tracks_date", "Date decided", "date"),
            ("parents", "Remain with birth parents", "checkbox"),
            ("wider_family", "Wider family member", "checkbox"),
            ("adoption", "Adoption", "checkbox"),
            (
                "co_allocated",
                "Permanence Team social worker co-allocated on",
                "date",
            ),
        ],
        "ADOPT-004",
    ),
    form(
        "sibling_assessment",
        P,
        ("Together or Apart sibling assessment", "Save"),
        &[("sibling_assessment", "Date of the assessment", "date")],
        "ADOPT-050",
    ),
    form(
        "cpr",
        P,
        ("Child's permanence report", "Save"),
        &[
            ("cpr_date", "Date", "date"),
            (
                "by_permanence_team",
                "Written by the Permanence Team",
                "checkbox",
            ),
            ("is_final", "Final", "checkbox"),
            (
                "staying_in_touch",
                "Has its Staying in Touch section",
                "checkbox",
            ),
        ],
        "ADOPT-006",
    ),
    form(
        "submit",
        P,
        ("Submit the plan to the ADM", "Submit to the ADM"),
        &[("submitted", "Date submitted", "date")],
        "ADOPT-007",
    ),
    form(
        "panel",
        P,
        (
            "Adoption panel's recommendation (relinquished child)",
            "Save",
        ),
        &[("panel_date", "Date of the recommendation", "date")],
        "ADOPT-011",
    ),
    form(
        "bid",
        P,
        ("The ADM's best-interest decision", "Record the decision"),
        &[
            ("bid_date", "Date of the decision", "date"),
            (
                "bid_review",
                "This reviews the earlier decision",
                "checkbox",
            ),
        ],
        "ADOPT-008",
    ),
    form(
        "assessment_offer",
        P,
        (
            "A birth parent's answer to the offer of a support assessment",
            "Record the answer",
        ),
        &[
            ("parent", "Birth parent (1 or 2)", "text"),
            (
                "offer_status",
                "The offer of an assessment of support needs",
                "select",
            ),
        ],
        "ASSESS-007",
    ),
    form(
        "change",
        P,
        ("Change of care plan", "Record the change"),
        &[
            ("change_date", "Date of the decision", "date"),
            ("route", "New permanence route", "select"),
            (
                "parents_leave",
                "Birth parents given leave to apply to revoke on",
                "date",
            ),
        ],
        "ADOPT-026",
    ),
    form(
        "discussion",
        F,
        ("Discussion of a waiting child", "Record the discussion"),
        &[("discussion_date", "Date", "date")],
        "ADOPT-019",
    ),
    form(
        "profile",
        F,
        ("The child's profile", "Save the profile"),
        &[
            ("photos", "Good photographs", "text"),
            ("video", "Has a video", "checkbox"),
            ("consent", "Consent to publish recorded", "checkbox"),
        ],
        "ADOPT-022",
    ),
    form(
        "search",
        F,
        ("Search for adopters", "Record the search"),
        &[
            ("level", "Search", "select"),
            ("search_date", "Date", "date"),
        ],
        "ADOPT-015",
    ),
    form(
        "monthly_log",
        F,
        ("Monthly family-finding update", "Record the update"),
        &[
            ("month", "A day in the month", "date"),
            ("profile_updated", "Profile updated", "checkbox"),
            ("adopters_considered", "Adopters considered", "checkbox"),
            (
                "regional_meeting",
                "Discussed at the regional meeting",
                "checkbox",
            ),
            ("exchange_event", "Profiled at an event", "checkbox"),
            ("marketing", "Child-specific marketing", "checkbox"),
            ("national_register", "National register search", "checkbox"),
        ],
        "ADOPT-020",
    ),
    form(
        "event",
        F,
        ("Family-finding event", "Record the event"),
        &[
            ("event_kind", "Event", "select"),
            ("event_date", "Date", "date"),
            ("event_time", "Time (for a video link, like 09:00)", "text"),
        ],
        "ADOPT-023",
    ),
    form(
        "pause",
        F,
        ("Pause for court proceedings", "Save"),
        &[("paused", "Family finding paused", "checkbox")],
        "ADOPT-013",
    ),
    form(
        "waiting",
        F,
        ("Why the child is still waiting", "Save"),
        &[("waiting_reason", "Reason", "select")],
        "ADOPT-025",
    ),
    form(
        "placed_with",
        F,
        ("Where the adopters come from", "Save"),
        &[
            ("source", "Adopters approved by", "select"),
            (
                "jurisdiction",
                "Early permanence: court jurisdiction",
                "text",
            ),
            (
                "form_version",
                "Early permanence: regional form version",
                "text",
            ),
        ],
        "RAA-006",
    ),
];

/// The date fields that start at today's date.
pub(crate) const TODAY: &[&str] = &[
    "discussion_date",
    "month",
    "search_date",
    "event_date",
    "meeting_date",
    "date",
];

/// Every field's identifier on the page (`form-field`), for an error beside it.
static FIELD_IDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    FORMS
        .iter()
        .flat_map(|f| {
            f.fields
                .iter()
                .map(move |(n, _, _)| format!("{}-{n}", f.id))
        })
        .collect()
});

/// The identifier of a form's field for an error beside it: the named
/// field, or the form's first.
pub(crate) fn error_field(form: &str, name: &str) -> &'static str {
    let ids: &'static [String] = &FIELD_IDS;
    let wanted = format!("{form}-{}", name.trim());
    ids.iter()
        .find(|id| **id == wanted)
        .or_else(|| ids.iter().find(|id| id.starts_with(&format!("{form}-"))))
        .map_or("", String::as_str)
}

fn pairs<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    let mut out = vec![(String::new(), "Select".to_owned())];
    out.extend(
        all.iter()
            .map(|x| (code(*x).to_owned(), label(*x).to_owned())),
    );
    out
}

/// The options of a select field.
pub(crate) fn options(name: &str, councils: &[String]) -> Vec<(String, String)> {
    match name {
        "milestone" => pairs(&Milestone::ALL, Milestone::code, Milestone::label),
        "family_options" => pairs(
            &FamilyOptions::ALL,
            FamilyOptions::code,
            FamilyOptions::label,
        ),
        "route" => pairs(&NewRoute::ALL, NewRoute::code, NewRoute::label),
        "offer_status" => pairs(
            &AssessmentOffer::ALL,
            AssessmentOffer::code,
            AssessmentOffer::label,
        ),
        "level" => pairs(&SearchLevel::ALL, SearchLevel::code, SearchLevel::label),
        "event_kind" => pairs(&EventKind::ALL, EventKind::code, EventKind::label),
        "waiting_reason" => pairs(
            &WaitingReason::ALL,
            WaitingReason::code,
            WaitingReason::label,
        ),
        "source" => pairs(
            &AdopterSource::ALL,
            AdopterSource::code,
            AdopterSource::label,
        ),
        "council" => std::iter::once((String::new(), "Select".to_owned()))
            .chain(councils.iter().map(|c| (c.clone(), c.clone())))
            .collect(),
        _ => Vec::new(),
    }
}

type Bad = (&'static str, String);

fn date(f: &Fields, name: &'static str) -> Result<NaiveDate, Bad> {
    match f.date(name) {
        Ok(Some(d)) => Ok(d),
        Ok(None) => Err((name, "Enter the date, for example 27/3/2026".into())),
        Err(e) => Err((name, e)),
    }
}

fn opt_date(f: &Fields, name: &'static str) -> Result<Option<NaiveDate>, Bad> {
    f.date(name).map_err(|e| (name, e))
}

fn chosen<T>(f: &Fields, name: &'static str, parse: fn(&str) -> Option<T>) -> Result<T, Bad> {
    parse(&f.get(name)).ok_or((name, "Select one".into()))
}

fn number(f: &Fields, name: &'static str) -> Result<u8, Bad> {
    let text = f.get(name);
    if text.is_empty() {
        return Ok(0);
    }
    text.parse()
        .map_err(|_| (name, format!("Enter a number (\"{text}\" is not one)")))
}

fn finding(step: FindingStep) -> PathwayStep {
    PathwayStep::FamilyFinding(step)
}

/// The step a posted form records (`by`: the user recording it).
pub(crate) fn step_of(form: &str, f: &Fields, by: String) -> Result<PathwayStep, Bad> {
    Ok(match form {
        "milestone" => {
            PathwayStep::Milestone(chosen(f, "milestone", Milestone::parse)?, date(f, "date")?)
        }
        "details" => PathwayStep::Details {
            council: f.get("council"),
            relinquished: f.ticked("relinquished"),
            birth_parents: number(f, "birth_parents")?,
            siblings: number(f, "siblings")?,
        },
        "family_options" => {
            PathwayStep::FamilyOptions(chosen(f, "family_options", FamilyOptions::parse)?)
        }
        "cdm" => PathwayStep::Cdm {
            date: date(f, "cdm_date")?,
            ffa_considered: f.ticked("ffa_considered"),
        },
        "tracks" => PathwayStep::Tracks(Tracks {
            recorded: Some(date(f, "tracks_date")?),
            parents: f.ticked("parents"),
            wider_family: f.ticked("wider_family"),
            adoption: f.ticked("adoption"),
            co_allocated: opt_date(f, "co_allocated")?,
        }),
        "sibling_assessment" => PathwayStep::SiblingAssessment(date(f, "sibling_assessment")?),
        "cpr" => PathwayStep::Cpr(Cpr {
            date: date(f, "cpr_date")?,
            by_permanence_team: f.ticked("by_permanence_team"),
            is_final: f.ticked("is_final"),
            staying_in_touch: f.ticked("staying_in_touch"),
        }),
        "readiness" => PathwayStep::Readiness(Readiness {
            review_of_arrangements: opt_date(f, "roa")?,
            service_manager_oversight: f.ticked("service_manager_oversight"),
            assessments_concluded: f.ticked("assessments_concluded"),
            cpr_quality_assured: f.ticked("cpr_quality_assured"),
        }),
        "submit" => PathwayStep::SubmitToAdm(date(f, "submitted")?),
        "panel" => PathwayStep::PanelRecommendation(date(f, "panel_date")?),
        "bid" => PathwayStep::BestInterest {
            date: date(f, "bid_date")?,
            review: f.ticked("bid_review"),
            by,
        },
        "assessment_offer" => PathwayStep::AssessmentOffer {
            parent: number(f, "parent")?,
            status: chosen(f, "offer_status", AssessmentOffer::parse)?,
        },
        "change" => PathwayStep::ChangeOfPlan {
            date: date(f, "change_date")?,
            route: chosen(f, "route", NewRoute::parse)?,
            parents_leave_to_revoke: opt_date(f, "parents_leave")?,
        },
        "profile" => finding(FindingStep::Profile(Profile {
            photos: number(f, "photos")?,
            video: f.ticked("video"),
            consent: f.ticked("consent"),
            updated: None,
        })),
        "search" => finding(FindingStep::Search(
            chosen(f, "level", SearchLevel::parse)?,
            date(f, "search_date")?,
        )),
        "discussion" => finding(FindingStep::Discussion(date(f, "discussion_date")?)),
        "monthly_log" => finding(FindingStep::MonthlyLog(
            date(f, "month")?,
            Activity::ALL
                .into_iter()
                .filter(|a| f.ticked(a.code()))
                .collect(),
        )),
        "event" => {
            let day = date(f, "event_date")?;
            let text = f.get("event_time");
            let time = if text.is_empty() {
                chrono::NaiveTime::MIN
            } else {
                chrono::NaiveTime::parse_from_str(&text, "%H:%M").map_err(|_| {
                    (
                        "event_time",
                        format!("Enter a time like 09:00 (\"{text}\" is not one)"),
                    )
                })?
            };
            finding(FindingStep::Event(
                chosen(f, "event_kind", EventKind::parse)?,
                day.and_time(time),
            ))
        }
        "pause" => finding(FindingStep::Pause(f.ticked("paused"))),
        "waiting" => finding(FindingStep::Waiting(chosen(
            f,
            "waiting_reason",
            WaitingReason::parse,
        )?)),
        "placed_with" => {
            let (jurisdiction, form_version) = (f.get("jurisdiction"), f.get("form_version"));
            let early_permanence = (!jurisdiction.is_empty() || !form_version.is_empty())
                .then_some(EarlyPermanence {
                    jurisdiction,
                    form_version,
                });
            finding(FindingStep::PlacedWith(PlacedWith {
                source: chosen(f, "source", AdopterSource::parse)?,
                early_permanence,
            }))
        }
        _ => return Err(("", "The form could not be read".into())),
    })
}
