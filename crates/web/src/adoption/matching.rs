//! Matching (`/adopters/match`): the family finder names a child or a
//! sibling group and the needs the group has beyond their records; the
//! page ranks the approved adopters waiting, each with the reasons for its
//! place and what does not fit, and a form recording an expression of
//! interest from one of them. The reverse (`/adopters/{id}/children`) ranks
//! the children waiting for one adopter.

use axum::extract::{Path, Query};
use axum::response::Response;
use domain::adoption::adopters::Need;
use domain::adoption::matching::{ChildToMatch, Fit, GroupFit, Ranking};
use domain::child::ChildId;

use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Cell, Chrome, FieldError, FieldSpec, Part, RecordPage, button_form, cell, field, form_date,
    part, select,
};

/// The needs a family finder may tick for the group (a disability comes
/// from each child's record).
const ASKED: [Need; 3] = [
    Need::Health,
    Need::DevelopmentalUncertainty,
    Need::BirthFamilyContact,
];

fn form(children: &str, needs: &[Need]) -> crate::ui::Part {
    let mut form = button_form("match", "/adopters/match", "Find adopters", Vec::new());
    form.fields = vec![FieldSpec {
        hint: Some("One child, or a sibling group separated by commas.".into()),
        ..field("child_ids", "Children's identifiers", "text", children)
    }];
    for need in ASKED {
        let ticked = if needs.contains(&need) { "yes" } else { "" };
        form.fields.push(field(
            need.code(),
            &format!("The group has {}", need.label().to_lowercase()),
            "checkbox",
            ticked,
        ));
    }
    let mut ask = part("find", "Children to match");
    ask.paragraphs
        .push("A disability is taken from each child's record.".into());
    ask.forms.push(form);
    ask
}

/// The children a match is asked for in the address
/// (`/adopters/match?child_ids=C00012,C00013`).
#[derive(serde::Deserialize, Default)]
pub(crate) struct MatchQuery {
    #[serde(default)]
    child_ids: String,
}

/// The matching page's form, and the ranking when the address names the
/// children.
pub(crate) async fn match_page(caller: Caller, Query(q): Query<MatchQuery>) -> Page {
    if q.child_ids.trim().is_empty() {
        return Ok(page(&caller, Vec::new(), vec![form("", &[])]));
    }
    ranking(caller, q.child_ids.trim().to_owned(), Vec::new()).await
}

/// The approved adopters ranked for the children named.
pub(crate) async fn match_post(caller: Caller, fields: Fields) -> Page {
    let children = fields.get("child_ids");
    let needs: Vec<Need> = ASKED
        .into_iter()
        .filter(|n| fields.ticked(n.code()))
        .collect();
    ranking(caller, children, needs).await
}

async fn ranking(caller: Caller, children: String, needs: Vec<Need>) -> Page {
    let mut sections = vec![form(&children, &needs)];
    let ids: Result<Vec<ChildId>, _> = children
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(ChildId::parse)
        .collect();
    let Ok(ids) = ids else {
        let errors = vec![FieldError {
            field: "match-child_ids",
            message: "Enter children's identifiers separated by commas, for example C00012, C00013"
                .into(),
        }];
        return Ok(page(&caller, errors, sections));
    };
    if ids.is_empty() {
        return Ok(page(&caller, Vec::new(), sections));
    }
    let errors = match caller
        .run(move |c| {
            app::adoption::match_children(&c.store, c.user(), c.clock(), (&ids, &needs), &c.from)
        })
        .await
    {
        Ok((children, ranked)) => {
            sections.push(ranked_part(&children, &ranked));
            sections.extend(interest_part(&caller, &children, &ranked.shown));
            Vec::new()
        }
        Err(e) => caller.form_errors(&e, "match-child_ids")?,
    };
    Ok(page(&caller, errors, sections))
}

fn page(caller: &Caller, errors: Vec<FieldError>, sections: Vec<crate::ui::Part>) -> Response {
    RecordPage {
        back: Some((
            "/households?role=adopter".into(),
            "Back to adopters' households".into(),
        )),
        caption: Some("Adoption".into()),
        errors,
        sections,
        ..RecordPage::new(Chrome::new(
            "Match adopters",
            Some(&caller.signed),
            "/households",
        ))
    }
    .respond()
}

/// The form recording an expression of interest from one of the adopters
/// ranked in the children shown.
fn interest_part(caller: &Caller, children: &[ChildToMatch], shown: &[Fit]) -> Option<Part> {
    let finder = domain::adoption::matches::records_interest(caller.user().role);
    if shown.is_empty() || !finder {
        return None;
    }
    let mut p = part("interest", "Record an expression of interest");
    let ids = children
        .iter()
        .map(|c| c.id.as_str())
        .collect::<Vec<_>>()
        .join(",");
    let mut f = button_form(
        "interest",
        "/adoption/matches",
        "Record the expression of interest",
        vec![("child_ids", ids)],
    );
    f.fields = vec![
        select(
            "role_id",
            "Adopters",
            &shown[0].role_id,
            shown
                .iter()
                .map(|a| (a.role_id.clone(), a.role_id.clone()))
                .collect(),
        ),
        field(
            "date",
            "Date of the expression of interest",
            "date",
            form_date(Some(caller.today())),
        ),
    ];
    p.forms.push(f);
    Some(p)
}

fn ranked_part(children: &[ChildToMatch], ranked: &Ranking<Fit>) -> Part {
    let mut p = part("ranked", "Approved adopters, best fit first");
    p.paragraphs.push(format!(
        "For {}: {}.",
        if children.len() > 1 {
            "the sibling group"
        } else {
            "the child"
        },
        children
            .iter()
            .map(|c| format!("{} aged {}", c.id, c.age))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    p.paragraphs.push(format!(
        "{} of {} approved adopters fit on every count; the best {} are shown.",
        ranked.full,
        ranked.ranked,
        ranked.shown.len()
    ));
    p.table_headers = ["Place", "Adopters", "What fits", "What does not fit"]
        .map(String::from)
        .to_vec();
    p.table_rows = ranked
        .shown
        .iter()
        .enumerate()
        .map(|(i, f)| {
            fit_row(
                i,
                Cell {
                    text: f.role_id.clone(),
                    href: Some(format!("/adopters/{}", f.role_id)),
                },
                f,
            )
        })
        .collect();
    if ranked.shown.is_empty() {
        p.paragraphs
            .push("No adopters are approved and waiting.".into());
    }
    p.rules.push((
        "ADOPT-036".into(),
        "Approved adopters waiting are considered for every child".into(),
    ));
    p
}

/// A place in a ranking: its number, what it is about, what fits and what
/// does not.
fn fit_row(i: usize, what: Cell, f: &Fit) -> Vec<Cell> {
    vec![
        cell((i + 1).to_string()),
        what,
        cell(f.fits.join("; ")),
        cell(if f.misfits.is_empty() {
            "Nothing".to_owned()
        } else {
            f.misfits.join("; ")
        }),
    ]
}

/// The reverse match: the children waiting ranked for one adopter.
pub(crate) async fn children_for_adopter(caller: Caller, Path(role): Path<String>) -> Page {
    let rid = role.clone();
    let (adopters, ranked) = caller
        .page(move |c| app::adoption::match_adopter(&c.store, c.user(), c.clock(), &rid, &c.from))
        .await?;
    let mut p = part("ranked", "Children waiting, best fit first");
    p.paragraphs
        .push(format!("Approved for {}.", adopters.terms.describe()));
    p.paragraphs.push(format!(
        "{} of {} children or sibling groups waiting fit on every count; the best {} are shown.",
        ranked.full,
        ranked.ranked,
        ranked.shown.len()
    ));
    p.table_headers = ["Place", "Children", "What fits", "What does not fit"]
        .map(String::from)
        .to_vec();
    p.table_rows = ranked
        .shown
        .iter()
        .enumerate()
        .map(|(i, g): (usize, &GroupFit)| {
            let who = g
                .children
                .iter()
                .map(|c| format!("{} aged {}", c.id, c.age))
                .collect::<Vec<_>>()
                .join(", ");
            fit_row(i, cell(who), &g.fit)
        })
        .collect();
    if ranked.shown.is_empty() {
        p.paragraphs
            .push("No child is waiting under a placement order.".into());
    }
    p.links
        .push((format!("/adopters/{role}"), "The adopters' page".into()));
    p.rules.push((
        "ADOPT-036".into(),
        "Waiting adopters are considered for every child".into(),
    ));
    Ok(RecordPage {
        back: Some((format!("/adopters/{role}"), "Back to the adopters".into())),
        caption: Some(format!("Adopters {role}")),
        sections: vec![p],
        ..RecordPage::new(Chrome::new(
            "Children for these adopters",
            Some(&caller.signed),
            "/households",
        ))
    }
    .respond())
}
