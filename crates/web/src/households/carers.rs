//! The "carer without SSW" list (ROLE-003): approved carer households with
//! no supervising social worker allocated, which cannot be listed for a
//! Permanence Panel match until one is.

use crate::handler::{Caller, Page};
use crate::ui::{Cell, Chrome, RecordPage, cell, long_date, part};

/// The approved carers without a supervising social worker.
pub(crate) async fn carers_without_ssw(caller: Caller) -> Page {
    let list = caller
        .page(|c| app::households::carers_without_ssw_list(&c.store, c.user(), c.clock(), &c.from))
        .await?;
    let mut p = part(
        "carers",
        "Approved carers without a supervising social worker",
    );
    if list.is_empty() {
        p.paragraphs
            .push("Every approved carer household has a supervising social worker.".into());
    } else {
        p.paragraphs.push(
            "Allocate a supervising social worker: until then the household cannot be listed for a match."
                .into(),
        );
        p.table_headers = ["Household", "Team", "Approved"].map(String::from).to_vec();
        p.table_rows = list
            .iter()
            .map(|c| {
                vec![
                    Cell {
                        text: c.name.clone(),
                        href: Some(format!("/households/{}", c.household)),
                    },
                    cell(c.team.clone()),
                    cell(long_date(c.approved)),
                ]
            })
            .collect();
    }
    Ok(RecordPage {
        back: Some(("/households".into(), "Back to households".into())),
        caption: Some("Households".into()),
        sections: vec![p],
        ..RecordPage::new(Chrome::new(
            "Carers without a supervising social worker",
            Some(&caller.signed),
            "/households",
        ))
    }
    .respond())
}
