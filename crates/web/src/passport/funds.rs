//! A fund's balance for one person and one year
//! (`/money/accounts/{fund}/{person}/{year}`): its entries, what each agreed
//! sum has left to pay, and finance's forms paying from one and reversing
//! an entry (a correction is a new entry, never an edit).

use app::passport::ledger::AccountView;
use axum::extract::Path;
use axum::response::Response;
use domain::passport::ledger::{AccountKey, EntryKind, Fund, pounds as signed_pounds, year_label};
use domain::roles::Role;

use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Chrome, FieldError, FieldSpec, RecordPage, button_form, field, parse_pence, part, pounds,
    select,
};

use super::ledger::{ENTRY_HEADERS, account_href, entry_row};

fn key_of(fund: &str, person: &str, year: i32) -> Option<AccountKey> {
    Some(AccountKey {
        fund: Fund::parse(fund)?,
        person: person.to_owned(),
        year,
    })
}

/// The account page.
pub(crate) async fn account_page(
    caller: Caller,
    Path((fund, person, year)): Path<(String, String, i32)>,
) -> Page {
    let Some(key) = key_of(&fund, &person, year) else {
        return Err(caller.message(
            axum::http::StatusCode::NOT_FOUND,
            "Page not found",
            &["There is no such fund."],
        ));
    };
    Ok(show_account(&caller, key, Vec::new(), None).await)
}

async fn show_account(
    caller: &Caller,
    key: AccountKey,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let k = key.clone();
    let view: AccountView = match caller
        .page(move |c| app::passport::ledger::account(&c.store, c.user(), c.clock(), &k, &c.from))
        .await
    {
        Ok(v) => v,
        Err(page) => return page,
    };
    let mut summary = part("summary", "Balance");
    summary.rows = vec![
        ("Fund".into(), key.fund.label().into()),
        ("For".into(), key.person.clone()),
        ("Financial year".into(), year_label(key.year)),
        ("Balance".into(), signed_pounds(view.balance_pence)),
    ];
    summary.rules = vec![(
        "PAY-027".into(),
        "Every payment is an entry with who approved it; the balance never goes below zero".into(),
    )];
    let mut entries = part("entries", "Entries");
    entries.table_headers = ENTRY_HEADERS.map(String::from).to_vec();
    entries.table_rows = view.entries.iter().map(|e| entry_row(e, caller)).collect();
    let mut sections = vec![summary, entries];
    if caller.user().role == Role::FinanceOfficer {
        let unpaid = view.unpaid();
        let mut pay = part("pay", "Pay from an agreed sum");
        if unpaid.is_empty() {
            pay.paragraphs.push("Nothing agreed is left to pay.".into());
        } else {
            let version = ("version", view.version().to_string());
            let mut f = button_form(
                "pay",
                &format!("{}/pay", account_href(&key)),
                "Pay",
                vec![version],
            );
            f.fields = vec![
                select(
                    "credit",
                    "Agreed sum",
                    "",
                    unpaid
                        .iter()
                        .map(|(c, left)| {
                            (c.id.clone(), format!("{}: {} left", c.id, pounds(*left)))
                        })
                        .collect(),
                ),
                FieldSpec {
                    hint: Some("In pounds, for example 185.50".into()),
                    ..field("amount", "Amount", "text", "")
                },
                field("reason", "What it pays for", "text", ""),
            ];
            pay.forms.push(f);
        }
        sections.push(pay);
    }
    if matches!(
        caller.user().role,
        Role::FinanceOfficer | Role::ServiceManager
    ) && !view.entries.is_empty()
    {
        let mut reverse = part("reverse", "Correct an entry");
        reverse.paragraphs.push(
            "An entry is never changed: it is reversed by a new entry, with the reason.".into(),
        );
        let version = ("version", view.version().to_string());
        let mut f = button_form(
            "reverse",
            &format!("{}/reverse", account_href(&key)),
            "Reverse it",
            vec![version],
        );
        f.secondary = true;
        f.fields = vec![
            select(
                "entry",
                "Entry to reverse",
                "",
                // What can still be corrected, the latest first: neither a
                // reversal nor an entry already reversed.
                view.entries
                    .iter()
                    .rev()
                    .filter(|e| {
                        e.kind != EntryKind::Reversal
                            && !view.entries.iter().any(|r| {
                                r.kind == EntryKind::Reversal
                                    && r.against.as_deref() == Some(e.id.as_str())
                            })
                    })
                    .map(|e| {
                        (
                            e.id.clone(),
                            format!("{}: {} {}", e.id, e.kind.label(), pounds(e.amount_pence)),
                        )
                    })
                    .collect(),
            ),
            field("reason", "Reason for the correction", "text", ""),
        ];
        reverse.forms.push(f);
        sections.push(reverse);
    }
    RecordPage {
        back: Some(("/money".into(), "Back to payments and funds".into())),
        caption: Some(format!("{} in {}", key.person, year_label(key.year))),
        errors,
        success: done,
        sections,
        ..RecordPage::new(Chrome::new(
            key.fund.label(),
            Some(&caller.signed),
            "/money",
        ))
    }
    .respond()
}

/// Finance pays from an agreed sum.
pub(crate) async fn pay_post(
    caller: Caller,
    Path((fund, person, year)): Path<(String, String, i32)>,
    fields: Fields,
) -> Page {
    let Some(key) = key_of(&fund, &person, year) else {
        return Err(caller.message(
            axum::http::StatusCode::NOT_FOUND,
            "Page not found",
            &["There is no such fund."],
        ));
    };
    let Some(amount) = parse_pence(&fields.get("amount")) else {
        let errors = vec![FieldError {
            field: "pay-amount",
            message: "Enter the amount in pounds, for example 185.50".into(),
        }];
        return Ok(show_account(&caller, key, errors, None).await);
    };
    let (credit, reason, version) = (fields.get("credit"), fields.get("reason"), fields.version());
    let result = caller
        .run(move |c| {
            let by = (c.user(), c.clock(), c.from.as_str());
            app::passport::ledger::pay(
                &c.store,
                by,
                &credit,
                amount,
                &reason,
                version.max(0) as usize,
            )
        })
        .await;
    respond(&caller, key, result, "pay").await
}

/// Finance or a service manager reverses an entry.
pub(crate) async fn reverse_post(
    caller: Caller,
    Path((fund, person, year)): Path<(String, String, i32)>,
    fields: Fields,
) -> Page {
    let Some(key) = key_of(&fund, &person, year) else {
        return Err(caller.message(
            axum::http::StatusCode::NOT_FOUND,
            "Page not found",
            &["There is no such fund."],
        ));
    };
    let (entry, reason, version) = (fields.get("entry"), fields.get("reason"), fields.version());
    let result = caller
        .run(move |c| {
            let by = (c.user(), c.clock(), c.from.as_str());
            app::passport::ledger::reverse(&c.store, by, &entry, &reason, version.max(0) as usize)
        })
        .await;
    respond(&caller, key, result, "reverse").await
}

async fn respond(
    caller: &Caller,
    key: AccountKey,
    result: Result<domain::passport::ledger::LedgerEntry, app::AppError>,
    form: &'static str,
) -> Page {
    match result {
        Ok(e) => {
            let done = format!(
                "{} {} (entry {}).",
                e.kind.label(),
                pounds(e.amount_pence),
                e.id
            );
            Ok(show_account(caller, key, Vec::new(), Some(done)).await)
        }
        Err(e) => {
            let field = match (form, e.to_string()) {
                ("pay", m) if m.starts_with("reason") => "pay-reason",
                ("pay", _) => "pay-amount",
                (_, m) if m.starts_with("reason") => "reverse-reason",
                _ => "reverse-entry",
            };
            let errors = caller.form_errors(&e, field)?;
            Ok(show_account(caller, key, errors, None).await)
        }
    }
}
