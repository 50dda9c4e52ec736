//! Lists: a table of cells with links, filters above it, its pages and its
//! CSV export.

use std::borrow::Cow;

use askama::Template;

use crate::session::url_encode;
use crate::ui::*;

/// A cell's text made safe to open in a spreadsheet: text a spreadsheet
/// would run as a formula (beginning `=`, `+`, `-`, `@`, a tab or a carriage
/// return) gets a leading `'`, so it shows as the text it is. A plain number
/// (`-3`, `2.5`) is left as it is. Every CSV and spreadsheet the service
/// writes passes its cells through here.
pub fn spreadsheet_text(text: &str) -> Cow<'_, str> {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if formula && !is_plain_number(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// An optional minus, digits and at most one decimal point.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty()
        && digits.chars().any(|c| c.is_ascii_digit())
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.matches('.').count() <= 1
}

/// A CSV field, safe to open in a spreadsheet ([`spreadsheet_text`]), quoted
/// when it must be.
pub fn csv_field(field: &str) -> String {
    let field = spreadsheet_text(field);
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.into_owned()
    }
}

pub(crate) struct Cell {
    pub text: String,
    pub href: Option<String>,
}

pub(crate) fn cell(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        href: None,
    }
}

/// The lists whose pages offer their rows as a spreadsheet (XLSX) beside
/// the CSV: their handlers answer `format=xlsx`.
const XLSX_LISTS: &[&str] = &["/tracking", "/audit", "/performance/measure"];

impl TablePage {
    /// The spreadsheet download of the list, for the lists that offer one.
    pub(crate) fn xlsx_href(&self) -> Option<String> {
        self.csv_href
            .as_ref()
            .filter(|_| XLSX_LISTS.contains(&self.action))
            .map(|h| h.replace("format=csv", "format=xlsx"))
    }
}

#[derive(Template)]
#[template(path = "table.html")]
pub(crate) struct TablePage {
    pub(crate) chrome: Chrome,
    pub(crate) intro: Vec<String>,
    /// A bar chart above the list: (label, count, bar width out of 100).
    pub(crate) chart: Vec<(String, usize, u32)>,
    pub(crate) action: &'static str,
    pub(crate) filters: Vec<Filter>,
    pub(crate) csv_href: Option<String>,
    pub(crate) headers: Vec<&'static str>,
    pub(crate) rows: Vec<Vec<Cell>>,
    pub(crate) prev_href: Option<String>,
    pub(crate) next_href: Option<String>,
}

/// A filter above a list: a text box, or a select when it has options.
pub(crate) struct Filter {
    pub name: &'static str,
    pub label: &'static str,
    pub value: String,
    pub options: Vec<(String, String)>,
}

/// The query string of a list's filters, for its page and CSV links.
pub(crate) fn filter_query(filters: &[Filter]) -> String {
    filters
        .iter()
        .filter(|f| !f.value.is_empty())
        .map(|f| format!("{}={}", f.name, url_encode(&f.value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Links to the previous and next pages of a filtered list.
pub(crate) fn page_links(
    action: &str,
    filters: &[Filter],
    page: usize,
    pages: usize,
) -> (Option<String>, Option<String>) {
    let query = filter_query(filters);
    let link = |p: usize| format!("{action}?{query}&page={p}");
    (
        (page > 1).then(|| link(page - 1)),
        (page < pages).then(|| link(page + 1)),
    )
}

pub(crate) const LIST_PAGE: usize = 50;

/// The page of a list to show: the page asked for (kept within the list),
/// how many pages there are, and that page's items.
pub(crate) fn page_of<T>(items: &[T], asked: Option<usize>) -> (usize, usize, &[T]) {
    pages_of(items, asked, LIST_PAGE)
}

/// The page asked for of a list, `size` to a page: (page, pages, its items).
pub(crate) fn pages_of<T>(items: &[T], asked: Option<usize>, size: usize) -> (usize, usize, &[T]) {
    let pages = items.len().div_ceil(size).max(1);
    let page = asked.unwrap_or(1).clamp(1, pages);
    let start = ((page - 1) * size).min(items.len());
    let end = (start + size).min(items.len());
    (page, pages, &items[start..end])
}

/// An option of a filter's select: its value and its label.
pub(crate) fn option(value: &str, label: &str) -> (String, String) {
    (value.to_owned(), label.to_owned())
}

/// The filter by team, for users who see every team: `everyone` labels
/// the choice of no team.
pub(crate) fn team_filter(chosen: &str, teams: &[String], everyone: &str) -> Filter {
    Filter {
        name: "team",
        label: "Team",
        value: chosen.to_owned(),
        options: std::iter::once(option("", everyone))
            .chain(teams.iter().map(|t| option(t, t)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn security_cells_a_spreadsheet_would_run_are_written_as_text() {
        for formula in [
            "=HYPERLINK(\"http://evil.example\")",
            "+1+1",
            "-1+1",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert_eq!(spreadsheet_text(formula), format!("'{formula}"));
        }
        assert_eq!(csv_field("=1,2"), "\"'=1,2\"");
        for plain in ["-3", "2.5", "C1", "", "a=b"] {
            assert_eq!(spreadsheet_text(plain), plain);
        }
    }
}
