//! A Staying Put carer's or Supported Lodgings host's young person on the
//! household page (WF-STAYPUT, WF-SL): who lives with the host and until
//! when the arrangement supports them (LEAVE-007, LEAVE-008), and the form
//! recording them (matching a host), posted with the household's other
//! forms (`action=host`).

use app::households::HouseholdView;
use domain::households::lifecycle::{HouseholdRole, RoleKind};

use crate::handler::Caller;
use crate::households::household_form;
use crate::ui::{Part, field, form_date, long_date, part, select};

/// Whether the role may record its young person now: a host approved and
/// not matched, or a Staying Put agreement without its young person.
fn takes_young_person(r: &HouseholdRole) -> bool {
    match r.kind {
        RoleKind::SupportedLodgingsHost => r.stage == "approved",
        RoleKind::StayingPutCarer => r.stage == "agreed" && r.hosting.is_none(),
        _ => false,
    }
}

/// The young people living with the household's hosts, and the form
/// recording one for those who work on households.
pub(crate) fn hosting_part(caller: &Caller, view: &HouseholdView, works: bool) -> Option<Part> {
    let h = &view.household.value;
    let hosts: Vec<&HouseholdRole> = h
        .roles
        .iter()
        .filter(|r| {
            matches!(
                r.kind,
                RoleKind::SupportedLodgingsHost | RoleKind::StayingPutCarer
            )
        })
        .collect();
    if hosts.is_empty() {
        return None;
    }
    let mut p = part("young-person", "Young person living with the host");
    for r in &hosts {
        if let Some(y) = domain::leavers::hosting::support_ends(r).and(r.hosting.as_ref()) {
            p.rows.push((
                format!("{} ({})", r.kind.label(), r.id),
                format!(
                    "Young person {} since {}; supported until {} ({}{})",
                    y.child,
                    long_date(y.from),
                    long_date(y.support_ends()),
                    y.until_age(),
                    if y.in_education { ", in education" } else { "" }
                ),
            ));
        }
    }
    if p.rows.is_empty() {
        p.paragraphs
            .push("No young person is recorded with a host.".into());
    }
    let open: Vec<&&HouseholdRole> = hosts.iter().filter(|r| takes_young_person(r)).collect();
    if works && !open.is_empty() {
        let mut f = household_form(view, "young-person", "host", "Record the young person");
        f.legend = Some("Record the young person living with the host".into());
        f.fields = vec![
            select(
                "role",
                "Role",
                &open[0].id,
                open.iter()
                    .map(|r| (r.id.clone(), format!("{} ({})", r.kind.label(), r.id)))
                    .collect(),
            ),
            field("child", "Young person's identifier", "text", ""),
            select(
                "education",
                "In education or training",
                "no",
                vec![("no".into(), "No".into()), ("yes".into(), "Yes".into())],
            ),
            field("from", "From", "date", form_date(Some(caller.today()))),
        ];
        p.forms.push(f);
    }
    Some(p)
}
