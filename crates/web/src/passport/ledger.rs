//! The ledger's page (`/money`): every account with its balance, every
//! entry with who approved it and why, the discretionary payments waiting
//! to be paid, the form deciding an exempt payment, and the finance export
//! (CSV and XLSX with dates as dates and amounts as numbers).

use app::passport::ledger::LedgerView;
use axum::extract::Query;
use domain::passport::ledger::{AccountKey, LedgerEntry, year_label};

use crate::handler::{Caller, Page};
use crate::ui::{
    Cell, Chrome, Datum, FieldError, RecordPage, cell, export_format, export_response, long_date,
    part, pounds,
};

/// The ledger page's query: `format=csv` or `xlsx` downloads it.
#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct LedgerQuery {
    #[serde(default)]
    format: Option<String>,
}

/// An account's page.
pub(crate) fn account_href(key: &AccountKey) -> String {
    format!(
        "/money/accounts/{}/{}/{}",
        key.fund.code(),
        key.person,
        key.year
    )
}

/// The columns of the finance export.
const HEADERS: [&str; 13] = [
    "Entry",
    "Date",
    "Financial year",
    "Fund",
    "Person",
    "Child",
    "Kind",
    "Payment type",
    "Amount (GBP)",
    "Against entry",
    "Approved by",
    "Approver role",
    "Decision reference",
];

fn export_row(e: &LedgerEntry) -> Vec<Datum> {
    vec![
        Datum::text(&e.id),
        Datum::Date(e.on),
        Datum::text(year_label(e.account.year)),
        Datum::text(e.account.fund.code()),
        Datum::text(&e.account.person),
        Datum::text(e.child_id.as_str()),
        Datum::text(e.kind.label()),
        Datum::text(e.payment_type.code()),
        Datum::Number(e.amount_pence as f64 / 100.0),
        Datum::text(e.against.clone().unwrap_or_default()),
        Datum::text(&e.approved_by),
        Datum::text(&e.approver_role),
        Datum::text(e.decision_ref.clone().unwrap_or_default()),
    ]
}

/// An entry as a row of a table: its date, kind, type, amount, approver
/// and reason.
pub(crate) fn entry_row(e: &LedgerEntry, caller: &Caller) -> Vec<Cell> {
    vec![
        cell(e.id.clone()),
        cell(long_date(e.on)),
        cell(e.kind.label()),
        cell(e.payment_type.label()),
        cell(pounds(e.amount_pence)),
        cell(caller.name(&e.approved_by)),
        cell(match &e.decision_ref {
            Some(d) => format!("{} ({d})", e.reason),
            None => e.reason.clone(),
        }),
    ]
}

/// The headers of [`entry_row`].
pub(crate) const ENTRY_HEADERS: [&str; 7] = [
    "Entry",
    "Date",
    "What",
    "Type",
    "Amount",
    "Approved by",
    "Why",
];

/// The ledger page, or its export.
pub(crate) async fn money_page(caller: Caller, Query(q): Query<LedgerQuery>) -> Page {
    if let Some(format) = export_format(q.format.as_deref()) {
        let view = caller
            .page(|c| app::passport::ledger::ledger(&c.store, c.user(), c.clock(), &c.from))
            .await?;
        let rows: Vec<Vec<Datum>> = view.entries.iter().map(export_row).collect();
        caller.audit_export("money_ledger", rows.len()).await;
        return Ok(export_response(format, "ledger", &HEADERS, &rows));
    }
    Ok(show_money(&caller, Vec::new(), None).await)
}

/// The ledger page with `errors` beside its forms, or what was `done`.
pub(crate) async fn show_money(
    caller: &Caller,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> axum::response::Response {
    let loaded = caller
        .page(|c| {
            let view = app::passport::ledger::ledger(&c.store, c.user(), c.clock(), &c.from)?;
            let waiting =
                app::passport::payments::cases_to_pay(&c.store, (c.user(), c.clock(), &c.from))?;
            Ok((view, waiting))
        })
        .await;
    let (view, waiting) = match loaded {
        Ok(v) => v,
        Err(page) => return page,
    };
    let mut p = RecordPage {
        caption: Some("The ledger, in pounds and pence (PAY-027)".into()),
        errors,
        success: done,
        ..RecordPage::new(Chrome::new(
            "Payments and funds",
            Some(&caller.signed),
            "/money",
        ))
    };
    p.sections.push(accounts_part(&view));
    p.sections
        .push(super::payments::waiting_part(&waiting, caller));
    p.sections.push(super::payments::exempt_part(caller));
    let mut entries = part("entries", "Entries");
    if view.entries.is_empty() {
        entries
            .paragraphs
            .push("No payments are recorded yet.".into());
    } else {
        entries.table_headers = ENTRY_HEADERS.map(String::from).to_vec();
        entries.table_rows = view.entries.iter().map(|e| entry_row(e, caller)).collect();
    }
    entries.links = vec![
        (
            "/money?format=csv".into(),
            "Download the ledger (CSV)".into(),
        ),
        (
            "/money?format=xlsx".into(),
            "Download the ledger (Excel)".into(),
        ),
    ];
    p.sections.push(entries);
    p.respond()
}

fn accounts_part(view: &LedgerView) -> crate::ui::Part {
    let mut accounts = part("accounts", "Balances by fund, person and year");
    if view.balances.is_empty() {
        accounts
            .paragraphs
            .push("No fund has an account yet.".into());
        return accounts;
    }
    accounts.table_headers = ["Fund", "Person", "Year", "Balance"]
        .map(String::from)
        .to_vec();
    accounts.table_rows = view
        .balances
        .iter()
        .map(|(k, b)| {
            vec![
                Cell {
                    text: k.fund.label().into(),
                    href: Some(account_href(k)),
                },
                cell(k.person.clone()),
                cell(year_label(k.year)),
                cell(domain::passport::ledger::pounds(*b)),
            ]
        })
        .collect();
    accounts
}
