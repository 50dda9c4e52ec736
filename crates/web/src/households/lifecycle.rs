//! The household page's roles: each role with its lifecycle's state, team
//! and worker, a button for each step the user may take now (as the
//! role's workflow allows their role), and starting a new role.

use app::households::HouseholdView;
use domain::households::lifecycle::RoleKind;

use super::household::household_form;
use crate::handler::Caller;
use crate::ui::{Part, cell, field, form_date, long_date, part, select};

/// The roles the household holds, with the steps the user may take.
pub(crate) fn roles_part(caller: &Caller, view: &HouseholdView, works: bool) -> Part {
    let h = &view.household.value;
    let mut p = part("roles", "Roles");
    p.table_headers = vec![
        "Role".into(),
        "Stage".into(),
        "Team".into(),
        "Worker".into(),
        "Since".into(),
    ];
    p.table_rows = h
        .roles
        .iter()
        .map(|r| {
            vec![
                cell(r.kind.label()),
                cell(format!("{} ({})", r.stage_label(), r.kind.workflow().id)),
                cell(r.team.clone()),
                cell(r.worker.clone().unwrap_or_default()),
                cell(long_date(r.started)),
            ]
        })
        .collect();
    // An adopter's steps carry more than a date: they are on its own page.
    for r in h.roles.iter().filter(|r| r.kind == RoleKind::Adopter) {
        p.links
            .push((format!("/adopters/{}", r.id), format!("Adopter {}", r.id)));
    }
    if !works {
        return p;
    }
    let mut start = household_form(view, "role", "role", "Start the role");
    start.legend = Some("Start a role".into());
    start.secondary = true;
    start.fields = vec![
        select(
            "kind",
            "Role",
            "",
            RoleKind::ALL
                .iter()
                .map(|k| (k.code().to_owned(), k.label().to_owned()))
                .collect(),
        ),
        field("worker", "Worker's identifier (optional)", "text", ""),
    ];
    p.forms.push(start);
    p.links.push((
        format!("/adopters?household={}", h.id),
        "Record an adoption enquiry".into(),
    ));
    let today = form_date(Some(caller.today()));
    for r in &h.roles {
        if r.kind == RoleKind::Adopter {
            continue;
        }
        // A foster carer's steps carry what each needs: on their own page.
        if r.kind == RoleKind::FosterCarer {
            p.links.push((
                format!("/fostering/carers/{}", r.id),
                format!("Foster carer's page ({})", r.id),
            ));
            continue;
        }
        for step in r.moves(caller.user()) {
            if r.kind.step_recorded_on(step.name).is_some() {
                // Recorded with its details in its own part (kinship, the
                // host's young person).
                continue;
            }
            let mut f = household_form(
                view,
                &format!("step-{}-{}", r.id, step.name),
                "step",
                &format!("{}: {}", r.kind.label(), step.label),
            );
            f.hidden.push(("role".into(), r.id.clone()));
            f.hidden.push(("step".into(), step.name.to_owned()));
            f.fields.push(field("date", "Date", "date", today.clone()));
            f.secondary = step.name == "withdraw";
            p.forms.push(f);
        }
    }
    p
}
