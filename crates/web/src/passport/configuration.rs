//! The passport's configured rules (PASS-011): the legal framework register
//! the passport rests on, each rule the council has configured with the
//! legislation or guidance it cites, and the form saving a rule's
//! configuration; a citation the register does not hold is saved with a
//! warning.

use axum::response::Response;
use domain::passport::legal::LEGAL_REGISTER;

use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Chrome, FieldError, FieldSpec, RecordPage, button_form, cell, field, long_date, part,
};

/// The page.
pub(crate) async fn rules_page(caller: Caller) -> Page {
    Ok(show(&caller, Vec::new(), (None, Vec::new())).await)
}

async fn show(
    caller: &Caller,
    errors: Vec<FieldError>,
    (done, warnings): (Option<String>, Vec<String>),
) -> Response {
    let held = match caller
        .page(|c| app::passport::configuration::passport_configuration(&c.store, c.user()))
        .await
    {
        Ok(held) => held,
        Err(page) => return page,
    };
    let mut rules = part("rules", "Configured rules");
    let current = held.value.current();
    if current.is_empty() {
        rules
            .paragraphs
            .push("No rule of the passport is configured yet.".into());
    } else {
        rules.table_headers = ["Rule", "Setting", "Cites", "Saved"]
            .map(String::from)
            .to_vec();
        rules.table_rows = current
            .iter()
            .map(|r| {
                let cites: Vec<String> = r
                    .citations
                    .iter()
                    .map(|(c, entry)| match entry {
                        Some(e) if e == c => c.clone(),
                        Some(e) => format!("{c} ({e})"),
                        None => format!("{c} (not in the register)"),
                    })
                    .collect();
                vec![
                    cell(r.rule.clone()),
                    cell(r.setting.clone()),
                    cell(cites.join("; ")),
                    cell(format!("{} by {}", long_date(r.saved), r.saved_by)),
                ]
            })
            .collect();
    }
    let mut form = part("configure", "Configure a rule");
    let mut f = button_form(
        "configure",
        "/passport/rules",
        "Save the rule",
        vec![("version", held.version.to_string())],
    );
    f.fields = vec![
        FieldSpec {
            hint: Some("For example, PAY-017.".into()),
            ..field("rule", "Rule", "text", "")
        },
        FieldSpec {
            hint: Some("For example, £450 a year for each child or family member.".into()),
            ..field("setting", "Setting", "text", "")
        },
        FieldSpec {
            hint: Some("One on each line, as the register below names them.".into()),
            ..field(
                "citations",
                "Legislation and guidance it rests on",
                "textarea",
                "",
            )
        },
    ];
    form.forms.push(f);
    let mut register = part("register", "Legal framework register");
    register.items = LEGAL_REGISTER.iter().map(|e| (*e).to_owned()).collect();
    register.rules = vec![(
        "PASS-011".into(),
        "the register of legislation and guidance each rule can cite".into(),
    )];
    let mut p = RecordPage::new(Chrome::new(
        "Passport rules and their legal framework",
        Some(&caller.signed),
        "/agency",
    ));
    p.back = Some(("/agency".into(), "Back to agency records".into()));
    p.errors = errors;
    p.success = done;
    p.notices = warnings;
    p.sections = vec![rules, form, register];
    p.respond()
}

/// Saves a rule's configuration.
pub(crate) async fn rules_post(caller: Caller, fields: Fields) -> Page {
    let (rule, setting, version) = (fields.get("rule"), fields.get("setting"), fields.version());
    let citations: Vec<String> = fields
        .get("citations")
        .lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    let saved = rule.trim().to_uppercase();
    let result = caller
        .run(move |c| {
            app::passport::configuration::configure_rule(
                &c.store,
                (c.user(), c.clock(), &c.from),
                version,
                (&rule, &setting, &citations),
            )
        })
        .await;
    match result {
        Ok(warnings) => {
            let warnings = warnings
                .into_iter()
                .map(|w| {
                    format!(
                        "Warning: {w}. Check the citation or ask for the register to be extended."
                    )
                })
                .collect();
            Ok(show(
                &caller,
                Vec::new(),
                (Some(format!("{saved} was saved.")), warnings),
            )
            .await)
        }
        Err(e) => {
            let field = match e.to_string().split_once(':').map(|(f, _)| f) {
                Some("setting") => "configure-setting",
                Some("citations") => "configure-citations",
                _ => "configure-rule",
            };
            let errors = caller.form_errors(&e, field)?;
            Ok(show(&caller, errors, (None, Vec::new())).await)
        }
    }
}
