//! A family's Permanence Passport, to print and give to the family: the
//! latest version (written again first when what it says changed), or an
//! earlier one by `?version=N`. Printed without the navigation, the links
//! or any rule code: only the document.

use app::passport::passport::PassportView;
use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use domain::passport::passport::{PassportSection, PassportVersion};

use crate::handler::{Caller, Page};
use crate::ui::{Chrome, long_date, render};

/// The passport page.
#[derive(Template)]
#[template(path = "passport.html")]
pub(crate) struct PassportPage {
    pub(crate) chrome: Chrome,
    pub(crate) back: String,
    pub(crate) details: String,
    /// The family's support page (assessments, plan, visits and calls).
    pub(crate) support: String,
    pub(crate) notices: Vec<String>,
    /// Links to every version (not printed).
    pub(crate) versions: Vec<(String, String)>,
    /// "Version 2, written on 7 December 2026".
    pub(crate) edition: String,
    pub(crate) sections: Vec<PassportSection>,
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct VersionQuery {
    #[serde(default)]
    version: Option<u32>,
}

fn edition(v: &PassportVersion) -> String {
    format!("Version {}, written on {}", v.number, long_date(v.made_on))
}

/// The passport of household `id` (its latest version, or `?version=N`).
pub(crate) async fn passport_page(
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<VersionQuery>,
) -> Page {
    let hid = id.clone();
    let view: PassportView = caller
        .page(move |c| {
            app::passport::passport::open_passport(&c.store, c.user(), c.clock(), &hid, &c.from)
        })
        .await?;
    let name = view.household.value.name.clone();
    let versions: Vec<(String, String)> = view
        .record
        .versions
        .iter()
        .rev()
        .map(|v| {
            (
                format!("/households/{id}/passport?version={}", v.number),
                format!("{}: {}", edition(v), v.reason),
            )
        })
        .collect();
    let shown = match q.version {
        Some(n) if Some(n) != view.current().map(|v| v.number) => {
            let hid = id.clone();
            caller
                .page(move |c| {
                    app::passport::passport::passport_version(
                        &c.store,
                        c.user(),
                        c.clock(),
                        &hid,
                        n,
                        &c.from,
                    )
                })
                .await?
                .1
        }
        _ => match view.current() {
            Some(v) => v.clone(),
            None => {
                return Ok(caller.message(
                    StatusCode::OK,
                    "No passport for this household",
                    &[
                        "The passport is written for adoptive families, special guardians, child arrangements order holders and foster carers.",
                        "This household holds none of those roles: record its role, or the family's order, first.",
                    ],
                ));
            }
        },
    };
    let mut notices = Vec::new();
    if Some(shown.number) != view.current().map(|v| v.number) {
        notices.push(format!(
            "This is an earlier version. The family's current passport is version {}.",
            view.record.versions.len()
        ));
    }
    let page = PassportPage {
        chrome: Chrome::new(
            format!("Permanence Passport: {name}"),
            Some(&caller.signed),
            "/households",
        ),
        back: format!("/households/{id}"),
        details: format!("/households/{id}/passport/details"),
        support: format!("/households/{id}/support"),
        notices,
        versions,
        edition: edition(&shown),
        sections: shown.document.sections,
    };
    Ok(render(StatusCode::OK, &page))
}
