//! The placement sufficiency page (`/placements/sufficiency`): the children in care today by
//! where they are placed, in the county and outside it (FOST-042, the
//! section 22G duty), and those placed more than 20 miles from home with
//! the reason their out-of-area request gave, or "reason needed"
//! (FOST-041). Where each placement is comes from its postcodes through the
//! ONS postcode directory the SSDA903 check uses; without the directory
//! the page says so and counts every placement as not known. No postcode
//! is shown: a child is named by their identifier only, and only to those
//! who may open their record.

use app::fostering::sufficiency::PlacedChild;
use axum::extract::State;
use domain::fostering::sufficiency::{COUNCIL_AREA, Placed, Sufficiency};
use ssda903::postcodes::PostcodeDirectory;

use crate::AppState;
use crate::handler::{Caller, Page};
use crate::ui::{Cell, Chrome, RecordPage, cell, long_date, part};

/// Where one child is placed, as the directory places their postcodes.
fn placed(child: &PlacedChild, directory: Option<&PostcodeDirectory>) -> Placed {
    let find = |p: &Option<String>| {
        p.as_deref()
            .and_then(|p| directory.and_then(|d| d.lookup(p)))
    };
    let (home, placement) = (find(&child.home_postcode), find(&child.placement_postcode));
    Placed {
        in_county: placement
            .and_then(|f| f.authority)
            .map(|a| a == COUNCIL_AREA),
        miles: match (home.and_then(|f| f.grid), placement.and_then(|f| f.grid)) {
            (Some(h), Some(p)) => Some(ssda903::postcodes::distance_miles(h, p)),
            _ => None,
        },
        reason: child.reason.clone(),
    }
}

/// The children in care today by where they are placed.
pub(crate) async fn sufficiency_page(State(state): State<AppState>, caller: Caller) -> Page {
    let children = caller
        .page(|c| {
            app::fostering::sufficiency::children_placed(&c.store, c.user(), c.clock(), &c.from)
        })
        .await?;
    let directory = state.postcodes.as_deref();
    let all: Vec<(PlacedChild, Placed)> = children
        .into_iter()
        .map(|c| {
            let p = placed(&c, directory);
            (c, p)
        })
        .collect();
    let places: Vec<Placed> = all.iter().map(|(_, p)| p.clone()).collect();
    let s = Sufficiency::of(&places);
    let mut about = part("about", "About these figures");
    about.paragraphs.push(format!(
        "Children in care on {}, by where they are placed. The council must, as far as reasonably practicable, secure enough accommodation in its own area (section 22G, FOST-042); where appropriate children are placed within 20 miles of home (FOST-041).",
        long_date(caller.today())
    ));
    if directory.is_none() {
        about.paragraphs.push(
            "The ONS postcode directory is not installed (scripts/postcodes-903), so where each child is placed is not known."
                .into(),
        );
    }
    let share = |n: usize| format!("{n} ({}%)", s.share(n));
    let mut figures = part("figures", "Where children in care are placed");
    figures.rows = vec![
        ("Children in care".into(), s.in_care.to_string()),
        ("Placed in the county".into(), share(s.in_county)),
        ("Placed outside the county".into(), share(s.out_of_county)),
        ("Placement postcode not known".into(), share(s.unknown)),
        (
            "Placed more than 20 miles from home".into(),
            s.outside_local_miles.to_string(),
        ),
    ];
    let mut far = part("outside-20-miles", "Placed more than 20 miles from home");
    let flagged: Vec<&(PlacedChild, Placed)> = all
        .iter()
        .filter(|(_, p)| p.outside_local_miles())
        .collect();
    if flagged.is_empty() {
        far.paragraphs
            .push("No child is placed more than 20 miles from home.".into());
    } else {
        far.paragraphs.push(
            "Each placement outside 20 miles needs its reason, recorded with the placement's out-of-area request."
                .into(),
        );
        far.table_headers = ["Child", "Miles from home", "Where", "Reason"]
            .map(String::from)
            .to_vec();
        far.table_rows = flagged
            .into_iter()
            .map(|(c, p)| {
                vec![
                    if c.named {
                        Cell {
                            text: c.child.as_str().to_owned(),
                            href: Some(format!("/children/{}", c.child.as_str())),
                        }
                    } else {
                        cell("A child in care")
                    },
                    cell(format!("{:.1}", p.miles.unwrap_or_default())),
                    cell(match p.in_county {
                        Some(true) => "In the county",
                        Some(false) => "Outside the county",
                        None => "Not known",
                    }),
                    cell(if p.needs_reason() {
                        "Reason needed: outside 20 miles".to_owned()
                    } else {
                        p.reason.clone().unwrap_or_default()
                    }),
                ]
            })
            .collect();
    }
    let mut p = RecordPage::new(Chrome::new(
        "Sufficiency: where children in care are placed",
        Some(&caller.signed),
        "/placements/sufficiency",
    ));
    p.sections = vec![about, figures, far];
    Ok(p.respond())
}
