//! The family-finding search log on a referral's page (PATH-019): the
//! searches made while family finding is needed, and the form that logs one.
//! County Council carers are searched before another provider's.

use app::permanence::{ReferralAction, ReferralView};
use domain::permanence::pathways::{CarerSource, Search};
use domain::permanence::referrals::ReferralMove;

use crate::handler::Fields;
use crate::ui::{FieldSpec, Part, button_form, field, long_date, part, select};

fn source_label(s: CarerSource) -> &'static str {
    match s {
        CarerSource::CountyCouncil => "County Council carers",
        CarerSource::OtherProvider => "Another provider's carers",
    }
}

/// The search log of an item that needs family finding, with its form while
/// the pack is in preparation.
pub(crate) fn searches_part(id: &str, view: &ReferralView, moves: &[ReferralMove]) -> Option<Part> {
    let r = &view.referral.value.document;
    if !r.needs.family_finding {
        return None;
    }
    let mut p = part("searches", "Family-finding searches");
    p.paragraphs
        .push("County Council carers are searched first, then another provider's.".into());
    if r.searches.is_empty() {
        p.paragraphs.push("No search logged yet.".into());
    }
    p.items = r
        .searches
        .iter()
        .map(|s| format!("{}: {}", long_date(s.on), source_label(s.source)))
        .collect();
    if moves.contains(&ReferralMove::FamilyFinding) {
        let mut f = button_form(
            "search",
            &format!("/referrals/{id}"),
            "Log the search",
            vec![
                ("version", view.referral.version.to_string()),
                ("action", "search".into()),
            ],
        );
        f.secondary = true;
        f.fields.push(select(
            "source",
            "Whose carers were searched",
            "",
            [CarerSource::CountyCouncil, CarerSource::OtherProvider]
                .into_iter()
                .map(|s| (code(s).to_owned(), source_label(s).to_owned()))
                .collect(),
        ));
        f.fields.push(FieldSpec {
            hint: Some("For example, 27/3/2026".into()),
            ..field("on", "Date of the search", "date", "")
        });
        p.forms.push(f);
    }
    Some(p)
}

fn code(s: CarerSource) -> &'static str {
    match s {
        CarerSource::CountyCouncil => "county_council",
        CarerSource::OtherProvider => "other_provider",
    }
}

/// The search the form sends, or the field whose input is wrong.
pub(crate) fn read_search(fields: &Fields) -> Result<ReferralAction, (&'static str, String)> {
    let source = match fields.get("source").as_str() {
        "county_council" => CarerSource::CountyCouncil,
        "other_provider" => CarerSource::OtherProvider,
        _ => return Err(("search-source", "Choose whose carers were searched".into())),
    };
    let on = fields
        .date("on")
        .map_err(|message| ("search-on", message))?
        .ok_or(("search-on", "Enter the date of the search".to_owned()))?;
    Ok(ReferralAction::FamilyFindingSearch(Search { on, source }))
}
