//! Matching (`/adopters/match`): the family finder names a child or a
//! sibling group and the needs the group has beyond their records; the
//! page ranks the approved adopters waiting, each with the reasons for its
//! place and what does not fit.

use axum::response::Response;
use domain::adoption::adopters::Need;
use domain::child::ChildId;

use crate::handler::{Caller, Fields, Page};
use crate::ui::{Cell, Chrome, FieldError, FieldSpec, RecordPage, button_form, cell, field, part};

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

/// The matching page's form.
pub(crate) async fn match_page(caller: Caller) -> Page {
    Ok(page(&caller, Vec::new(), vec![form("", &[])]))
}

/// The approved adopters ranked for the children named.
pub(crate) async fn match_post(caller: Caller, fields: Fields) -> Page {
    let children = fields.get("child_ids");
    let needs: Vec<Need> = ASKED
        .into_iter()
        .filter(|n| fields.ticked(n.code()))
        .collect();
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

fn ranked_part(
    children: &[domain::adoption::matching::ChildToMatch],
    ranked: &[domain::adoption::matching::Fit],
) -> crate::ui::Part {
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
        "{} of {} approved adopters fit on every count.",
        ranked.iter().filter(|f| f.is_full()).count(),
        ranked.len()
    ));
    p.table_headers = ["Place", "Adopters", "What fits", "What does not fit"]
        .map(String::from)
        .to_vec();
    p.table_rows = ranked
        .iter()
        .enumerate()
        .map(|(i, f)| {
            vec![
                cell((i + 1).to_string()),
                Cell {
                    text: f.role_id.clone(),
                    href: Some(format!("/adopters/{}", f.role_id)),
                },
                cell(f.fits.join("; ")),
                cell(if f.misfits.is_empty() {
                    "Nothing".to_owned()
                } else {
                    f.misfits.join("; ")
                }),
            ]
        })
        .collect();
    if ranked.is_empty() {
        p.paragraphs
            .push("No adopters are approved and waiting.".into());
    }
    p.rules.push((
        "ADOPT-036".into(),
        "Approved adopters waiting are considered for every child".into(),
    ));
    p
}
