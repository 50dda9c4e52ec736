//! Ofsted's lists of registered providers (children's homes and other
//! social care providers), an optional input to validation.
//!
//! Rules 219, 221, 224, 227, 228 and 1008 look each episode's URN up in
//! them: the placement types and provider codes a provider is registered
//! for, its postcode and the date it closed. Ofsted publishes the lists as
//! Excel workbooks: each is read as it comes (every sheet that is a list,
//! its header row found below any title rows), or a sheet saved as CSV; a
//! list is recognised by its columns (as the return's own files are),
//! whatever its name:
//!
//! - the **children's homes list**: `URN`, `Provider Code` (the placement
//!   types), `Provider Placement Code` (the provider codes, `PR1/PR2`),
//!   `Closed Date` and `Setting Postcode` (or `Setting Address Postcode`);
//! - the **social care providers list**, each of its sheets (current and
//!   closed providers): `URN`, `Placement code`, `Placement provider code`,
//!   `Setting postcode` (or `Setting address postcode`) and, on the closed
//!   providers sheet, `Deregistration date`;
//! - the **combined list** Ofsted has also issued: the social care
//!   providers columns plus `Provider type`, covering both.
//!
//! Column names are matched ignoring case; other columns are ignored, as
//! Ofsted's lists carry many. Both lists are needed (or the combined one):
//! with only one, every URN of the other would be reported as unknown.
//!
//! A URN listed more than once (on two sheets, say) is one provider: its
//! codes and postcodes are those of every row, and it is closed only if
//! every row gives a closing date (the latest).

use crate::hash::HashMap;
use std::io::Read;

use chrono::NaiveDate;

use crate::ReadError;
use crate::validate::blank;

/// One registered provider, as the rules use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provider {
    /// Ofsted's unique reference number, trimmed and in upper case.
    pub urn: String,
    /// The placement types (`PLACE`) it is registered for, in upper case.
    pub place_codes: Vec<String>,
    /// The placement provider codes (`PLACE_PROVIDER`) it may be, in upper case.
    pub provider_codes: Vec<String>,
    /// Its setting's postcodes, in upper case without spaces.
    pub postcodes: Vec<String>,
    /// The day it closed (deregistered), if it has.
    pub closed: Option<NaiveDate>,
}

impl Provider {
    /// A provider from the lists' text: codes separated by commas or
    /// slashes (`PR1/PR2`), a postcode written any way.
    pub fn new(
        urn: &str,
        place_codes: &str,
        provider_codes: &str,
        postcode: &str,
        closed: Option<NaiveDate>,
    ) -> Self {
        let postcode = normal_postcode(postcode);
        Self {
            urn: urn.trim().to_ascii_uppercase(),
            place_codes: codes(place_codes),
            provider_codes: codes(provider_codes),
            postcodes: if postcode.is_empty() {
                Vec::new()
            } else {
                vec![postcode]
            },
            closed,
        }
    }

    /// Whether it is registered for a placement type.
    pub fn offers_placement(&self, place: &str) -> bool {
        listed(&self.place_codes, place)
    }

    /// Whether it may be recorded with a placement provider code.
    pub fn is_provider_kind(&self, provider: &str) -> bool {
        listed(&self.provider_codes, provider)
    }

    /// Whether its setting is at a postcode, however spaced or cased.
    pub fn is_at(&self, postcode: &str) -> bool {
        self.postcodes
            .iter()
            .any(|p| same_postcode(p.as_bytes(), postcode.as_bytes()))
    }

    /// Another row of the lists for the same URN: one provider with both.
    fn absorb(&mut self, other: Provider) {
        for code in other.place_codes {
            if !self.place_codes.contains(&code) {
                self.place_codes.push(code);
            }
        }
        for code in other.provider_codes {
            if !self.provider_codes.contains(&code) {
                self.provider_codes.push(code);
            }
        }
        for postcode in other.postcodes {
            if !self.postcodes.contains(&postcode) {
                self.postcodes.push(postcode);
            }
        }
        self.closed = match (self.closed, other.closed) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
    }
}

/// Whether a code is in a list of upper-case codes, ignoring case and
/// surrounding spaces in the value.
fn listed(codes: &[String], value: &str) -> bool {
    let v = value.trim();
    !v.is_empty() && codes.iter().any(|c| c.eq_ignore_ascii_case(v))
}

/// Codes as the lists write them: `PR1/PR2`, `K2, H5`.
fn codes(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for code in text.split([',', '/', ';', ' ']).filter(|c| !c.is_empty()) {
        let code = code.to_ascii_uppercase();
        if !out.contains(&code) {
            out.push(code);
        }
    }
    out
}

/// A postcode in upper case without spaces.
fn normal_postcode(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Whether `value` (as written in the return) is the normalised postcode
/// `normal`, comparing without allocating.
fn same_postcode(normal: &[u8], value: &[u8]) -> bool {
    let mut letters = value.iter().filter(|b| !b.is_ascii_whitespace());
    normal
        .iter()
        .all(|n| letters.next().is_some_and(|v| v.eq_ignore_ascii_case(n)))
        && letters.next().is_none()
}

/// Which of Ofsted's lists a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    ChildrensHomes,
    SocialCareProviders,
    /// Both in one: the social care providers columns and `Provider type`.
    Combined,
}

impl List {
    fn name(self) -> &'static str {
        match self {
            List::ChildrensHomes => "the children's homes list",
            List::SocialCareProviders => "the social care providers list",
            List::Combined => "the combined providers list",
        }
    }
}

/// Ofsted's provider lists as loaded for validation, indexed by URN.
#[derive(Debug, Default)]
pub struct Providers {
    providers: Vec<Provider>,
    by_urn: HashMap<String, usize>,
}

impl Providers {
    /// The lists from providers already read (for tests, and callers that
    /// read the lists their own way). Rows with the same URN are one provider.
    pub fn from_entries(entries: impl IntoIterator<Item = Provider>) -> Self {
        let mut providers = Self::default();
        for entry in entries {
            providers.add(entry);
        }
        providers
    }

    fn add(&mut self, entry: Provider) {
        if entry.urn.is_empty() {
            return;
        }
        match self.by_urn.get(&entry.urn) {
            Some(&i) => self.providers[i].absorb(entry),
            None => {
                self.by_urn.insert(entry.urn.clone(), self.providers.len());
                self.providers.push(entry);
            }
        }
    }

    /// Reads the lists, one `(file name, content)` each: the children's
    /// homes list and the social care providers list (any of its sheets),
    /// or the combined list, each as Ofsted publishes it (an Excel
    /// workbook, every sheet of it read) or a sheet saved as CSV. Every problem in every file is
    /// reported, with its file, line and column.
    pub fn read<R: Read>(
        files: impl IntoIterator<Item = (String, R)>,
    ) -> Result<Self, Vec<ReadError>> {
        Self::from_lists(
            files
                .into_iter()
                .map(|(file, input)| {
                    let lists = read_list(&file, input);
                    (file, lists)
                })
                .collect(),
        )
    }

    /// The providers of the lists read from each file, in the files' order,
    /// or every problem found in them.
    fn from_lists(read: Vec<(String, ListsRead)>) -> Result<Self, Vec<ReadError>> {
        let mut providers = Self::default();
        let mut errors = Vec::new();
        let (mut homes, mut others) = (false, false);
        let mut names = Vec::new();
        for (file, lists) in read {
            match lists {
                Ok(lists) => {
                    for (list, entries) in lists {
                        homes |= matches!(list, List::ChildrensHomes | List::Combined);
                        others |= matches!(list, List::SocialCareProviders | List::Combined);
                        for entry in entries {
                            providers.add(entry);
                        }
                    }
                }
                Err(mut e) => errors.append(&mut e),
            }
            names.push(file);
        }
        if errors.is_empty() && !(homes && others) {
            let missing = if homes {
                List::SocialCareProviders
            } else {
                List::ChildrensHomes
            };
            errors.push(ReadError {
                file: names.join(", "),
                line: None,
                column: None,
                problem: format!(
                    "Ofsted's provider lists need both the children's homes list and the social care \
                     providers list (or the combined list): {} is missing, so every URN on it would be \
                     reported as unknown",
                    missing.name()
                ),
            });
        }
        if errors.is_empty() {
            Ok(providers)
        } else {
            Err(errors)
        }
    }

    /// Reads the lists from files (see [`Providers::read`]).
    pub fn read_files(paths: &[impl AsRef<std::path::Path>]) -> Result<Self, Vec<ReadError>> {
        let mut files = Vec::new();
        let mut errors = Vec::new();
        for path in paths {
            let path = path.as_ref();
            let name = path.display().to_string();
            match std::fs::read(path) {
                Ok(bytes) => files.push((name, std::io::Cursor::new(bytes))),
                Err(e) => errors.push(ReadError {
                    file: name,
                    line: None,
                    column: None,
                    problem: format!("cannot be read: {e}"),
                }),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        // Each file on a thread of its own: a workbook's sheets take longer
        // to read than the return they are checked with.
        let read = std::thread::scope(|s| {
            let reading: Vec<_> = files
                .into_iter()
                .map(|(file, input)| {
                    s.spawn(move || {
                        let lists = read_list(&file, input);
                        (file, lists)
                    })
                })
                .collect();
            reading
                .into_iter()
                .map(|r| r.join().expect("reading a list does not panic"))
                .collect()
        });
        Self::from_lists(read)
    }

    /// The provider with a URN, as written in the return (case and
    /// surrounding spaces do not matter).
    pub fn get(&self, urn: &str) -> Option<&Provider> {
        self.position(urn).map(|i| &self.providers[i])
    }

    /// The index of the provider with a URN, for [`Providers::at`].
    pub(crate) fn position(&self, urn: &str) -> Option<usize> {
        match self.by_urn.get(urn) {
            Some(&i) => Some(i),
            // Most URNs are written as listed; only others need tidying.
            None if urn
                .bytes()
                .any(|b| b.is_ascii_lowercase() || b.is_ascii_whitespace()) =>
            {
                self.by_urn.get(&urn.trim().to_ascii_uppercase()).copied()
            }
            None => None,
        }
    }

    /// The provider at an index from [`Providers::position`].
    pub(crate) fn at(&self, i: usize) -> &Provider {
        &self.providers[i]
    }

    /// How many providers the lists hold.
    pub fn len(&self) -> usize {
        self.providers.len()
    }

    /// Whether the lists hold no provider.
    pub fn is_empty(&self) -> bool {
        self.providers.is_empty()
    }
}

/// What an episode's URN finds in the lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Listing {
    /// No URN to look up: blank, or `XXXXXXX` (no URN, as the DfE allows).
    NoUrn,
    /// A URN the lists do not hold.
    Unknown,
    /// The provider at this index ([`Providers::at`]).
    Provider(u32),
}

/// The URN the DfE allows where a placement has none.
pub(crate) const NO_URN: &str = "XXXXXXX";

/// Each episode's URN looked up once, shared by every rule that needs it
/// ([`crate::validate::Context::listings`]).
pub(crate) fn listings(providers: &Providers, episodes: &crate::TableData) -> Vec<Listing> {
    let Some(i) = episodes.table.column_index("URN") else {
        return vec![Listing::NoUrn; episodes.len()];
    };
    episodes
        .rows()
        .map(|row| {
            let urn = row.get(i);
            if blank(urn) || urn.trim().eq_ignore_ascii_case(NO_URN) {
                Listing::NoUrn
            } else {
                match providers.position(urn) {
                    Some(p) => Listing::Provider(p as u32),
                    None => Listing::Unknown,
                }
            }
        })
        .collect()
}

/// Reports each episode with a URN to look up that `fails` with the
/// provider it finds (`None` when the lists do not hold the URN).
pub(crate) fn each_placement(
    ctx: &crate::validate::Context<'_>,
    out: &mut crate::validate::Findings,
    fails: impl Fn(&crate::TableData, usize, Option<&Provider>) -> bool,
) {
    let (Some(providers), Some(data)) = (ctx.providers(), ctx.table(crate::Table::Episodes)) else {
        return;
    };
    for (row, listing) in ctx.listings().iter().enumerate() {
        let provider = match *listing {
            Listing::NoUrn => continue,
            Listing::Unknown => None,
            Listing::Provider(p) => Some(providers.at(p as usize)),
        };
        if fails(data, row, provider) {
            out.row(data, row);
        }
    }
}

/// Where a list keeps what the rules use.
struct Columns {
    urn: usize,
    place: usize,
    provider: usize,
    postcode: usize,
    closed: Option<usize>,
    /// `Provider type`: children's homes among them make the combined list.
    provider_type: Option<usize>,
}

impl Columns {
    /// Which of a header's `width` columns are read.
    fn used(&self, width: usize) -> Vec<bool> {
        let mut used = vec![false; width];
        let read = [self.urn, self.place, self.provider, self.postcode];
        for i in read
            .into_iter()
            .chain(self.closed)
            .chain(self.provider_type)
        {
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
        }
        used
    }
}

/// Which list a file is, by its header, and where its columns are; or
/// what is wrong with the header.
fn layout(headers: &[String]) -> Result<(List, Columns), Vec<String>> {
    let find = |names: &[&str]| {
        names.iter().find_map(|n| {
            headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(n))
        })
    };
    let (list, place, provider, closed, postcodes): (List, &str, &str, &str, &[&str]) =
        if find(&["Provider Placement Code"]).is_some() {
            (
                List::ChildrensHomes,
                "Provider Code",
                "Provider Placement Code",
                "Closed Date",
                &["Setting Postcode", "Setting Address Postcode"],
            )
        } else if find(&["Placement provider code"]).is_some() {
            (
                List::SocialCareProviders,
                "Placement code",
                "Placement provider code",
                "Deregistration date",
                &["Setting postcode", "Setting address postcode"],
            )
        } else {
            return Err(vec![
                "is not one of Ofsted's provider lists: it has no column 'Provider Placement Code' \
                 (the children's homes list) or 'Placement provider code' (the social care \
                 providers list)"
                    .to_owned(),
            ]);
        };
    let mut missing = Vec::new();
    let mut need = |names: &[&str]| {
        find(names).unwrap_or_else(|| {
            missing.push(format!(
                "{} has no column '{}'",
                list.name(),
                names.join("' or '")
            ));
            0
        })
    };
    let columns = Columns {
        urn: need(&["URN"]),
        place: need(&[place]),
        provider: need(&[provider]),
        postcode: need(postcodes),
        // The children's homes list always has it; of the social care
        // providers list, only the closed providers sheet does.
        closed: match list {
            List::ChildrensHomes => Some(need(&[closed])),
            _ => find(&[closed]),
        },
        provider_type: find(&["Provider type"]),
    };
    if missing.is_empty() {
        Ok((list, columns))
    } else {
        Err(missing)
    }
}

/// Reads one file of the lists: a workbook (each of its sheets that is a
/// list) or one sheet saved as CSV.
/// The lists one file holds, or its problems.
type ListsRead = Result<Vec<(List, Vec<Provider>)>, Vec<ReadError>>;

fn read_list(file: &str, mut input: impl Read) -> ListsRead {
    let err = |problem: String| ReadError {
        file: file.to_owned(),
        line: None,
        column: None,
        problem,
    };
    let mut bytes = Vec::new();
    if let Err(e) = input.read_to_end(&mut bytes) {
        return Err(vec![err(format!("cannot be read: {e}"))]);
    }
    let lower = file.to_ascii_lowercase();
    // An .xlsx or .ods file is a zip archive; an .xls an OLE compound file.
    if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"\xd0\xcf\x11\xe0")
        || [".xlsx", ".xls", ".xlsm", ".xlsb", ".ods"]
            .iter()
            .any(|e| lower.ends_with(e))
    {
        return read_workbook(file, bytes);
    }
    // Read as bytes: Excel saves "CSV (Comma delimited)" in Windows-1252,
    // and the cells the rules use (URNs, codes, postcodes) are plain ASCII
    // whatever the encoding of the names and addresses beside them.
    let text = |cell: &[u8]| String::from_utf8_lossy(cell).into_owned();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes));
    let headers: Vec<String> = match reader.byte_headers() {
        Ok(h) => h.iter().map(|c| text(c).trim().to_owned()).collect(),
        Err(e) => {
            let mut e = err(format!("the header row cannot be read: {e}"));
            e.line = Some(1);
            return Err(vec![e]);
        }
    };
    let rows = reader.byte_records().map(|record| match record {
        Ok(r) => Ok((
            r.position().map_or(0, |p| p.line()),
            r.iter().map(text).collect(),
        )),
        Err(e) => Err((
            e.position().map(|p| p.line()),
            format!("the row cannot be read: {e}"),
        )),
    });
    list_rows(file, &headers, 1, rows).map(|list| vec![list])
}

/// How many rows of a sheet may stand above its header row (a title, the
/// date the list was made, notes).
const ROWS_ABOVE_THE_HEADER: usize = 20;

/// Reads every sheet of a workbook that is one of the lists: its header row
/// is the first of its first rows that names a list's columns. Sheets that
/// are no list (notes, a contents page) are passed over; a workbook with no
/// list at all is refused.
fn read_workbook(file: &str, bytes: Vec<u8>) -> Result<Vec<(List, Vec<Provider>)>, Vec<ReadError>> {
    use calamine::Reader;
    let err = |problem: String| {
        vec![ReadError {
            file: file.to_owned(),
            line: None,
            column: None,
            problem,
        }]
    };
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| err(format!("cannot be read as a spreadsheet: {e}")))?;
    let mut lists = Vec::new();
    let mut errors = Vec::new();
    for (sheet, range) in book.worksheets() {
        let mut rows = range.rows();
        let mut above = 0;
        let header = rows
            .by_ref()
            .take(ROWS_ABOVE_THE_HEADER)
            .map(|r| r.iter().map(cell_text).collect::<Vec<String>>())
            .find(|h| {
                above += 1;
                layout(h).is_ok()
            });
        let Some(header) = header else {
            continue;
        };
        // Only the columns the rules read are made text (a list has many
        // more: names, addresses, inspection dates); the others are left
        // empty.
        let used = layout(&header).map_or_else(|_| Vec::new(), |(_, c)| c.used(header.len()));
        let header_line = range.start().map_or(0, |(row, _)| u64::from(row)) + above;
        let name = format!("{file}, sheet '{sheet}'");
        let numbered = rows.enumerate().map(|(i, row)| {
            let row = row
                .iter()
                .enumerate()
                .map(|(c, cell)| {
                    if used.get(c).copied().unwrap_or(false) {
                        cell_text(cell)
                    } else {
                        String::new()
                    }
                })
                .collect();
            Ok((header_line + 1 + i as u64, row))
        });
        match list_rows(&name, &header, header_line, numbered) {
            Ok(list) => lists.push(list),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if lists.is_empty() {
        return Err(err(
            "has no sheet that is one of Ofsted's provider lists: none has a column 'Provider \
             Placement Code' (the children's homes list) or 'Placement provider code' (the social \
             care providers list)"
                .to_owned(),
        ));
    }
    Ok(lists)
}

/// A cell of a workbook as the text a sheet saved as CSV would have: whole
/// numbers without a decimal point (a URN may be a number), dates as
/// dd/mm/yyyy.
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::{Data, DataType};
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_owned(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::DateTime(_) => cell.as_date().map(crate::format_date).unwrap_or_default(),
        other => other.to_string(),
    }
}

/// The providers of one list (a sheet, from CSV or a workbook): its header
/// row (on line `header_line`), then its rows with their lines, or why a
/// row could not be read.
fn list_rows(
    file: &str,
    headers: &[String],
    header_line: u64,
    rows: impl Iterator<Item = Result<(u64, Vec<String>), (Option<u64>, String)>>,
) -> Result<(List, Vec<Provider>), Vec<ReadError>> {
    let err = |line: Option<u64>, column: Option<&str>, problem: String| ReadError {
        file: file.to_owned(),
        line,
        column: column.map(str::to_owned),
        problem,
    };
    let (mut list, columns) = layout(headers).map_err(|problems| {
        problems
            .into_iter()
            .map(|p| err(Some(header_line), None, p))
            .collect::<Vec<_>>()
    })?;
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for row in rows {
        let (line, record) = match row {
            Ok(r) => r,
            Err((line, problem)) => {
                errors.push(err(line, None, problem));
                continue;
            }
        };
        let cell = |i: usize| record.get(i).map_or("", String::as_str);
        if list == List::SocialCareProviders
            && columns.provider_type.is_some_and(|i| {
                let kind = cell(i).to_lowercase();
                kind.contains("children") && kind.contains("home")
            })
        {
            list = List::Combined;
        }
        let urn = cell(columns.urn);
        if blank(urn) {
            // Blank rows (and notes under the table) are not providers.
            continue;
        }
        let closed = match columns.closed {
            None => None,
            Some(i) => match cell(i) {
                c if blank(c) => None,
                c => match list_date(c) {
                    Some(d) => Some(d),
                    None => {
                        errors.push(err(
                            Some(line),
                            Some(&headers[i]),
                            format!("'{c}' is not a date; write it as dd/mm/yyyy"),
                        ));
                        continue;
                    }
                },
            },
        };
        entries.push(Provider::new(
            urn,
            cell(columns.place),
            cell(columns.provider),
            cell(columns.postcode),
            closed,
        ));
    }
    if errors.is_empty() {
        Ok((list, entries))
    } else {
        Err(errors)
    }
}

/// A date as the lists give it: `31/03/2024`, `2024-03-31`, either with a
/// time of day after it.
fn list_date(text: &str) -> Option<NaiveDate> {
    let day = text.trim().split([' ', 'T']).next()?;
    crate::validate::date(day).or_else(|| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOMES: &str = "URN,Provider Name,Local Authority,Provider Code,Provider Placement Code,Closed Date,Setting Postcode\n\
        SC100001,Oak House,Kent,K2,PR1/PR2,,CT1 1AA\n\
        SC100002,Elm House,Kent,\"K2,S1\",PR3,31/12/2024,ct2 2bb\n";
    const PROVIDERS: &str = "URN,Provider type,Placement code,Placement provider code,Setting postcode\n\
        SC200001,Supported accommodation,K3,PR4,me1 1aa\n";
    const COMBINED: &str = "URN,Provider type,Placement code,Placement provider code,Setting postcode\n\
        SC200001,Supported accommodation,K3,PR4,me1 1aa\n\
        SC100001,Children's home,K2,PR1,CT1 1AA\n";
    const CLOSED: &str = "urn,placement code,placement provider code,deregistration date,setting postcode\n\
        SC200002,H5,PR5,2024-06-30 00:00:00,ME2 2BB\n";

    fn read(files: &[(&str, &str)]) -> Result<Providers, Vec<ReadError>> {
        Providers::read(files.iter().map(|(n, c)| (n.to_string(), c.as_bytes())))
    }

    #[test]
    fn both_lists_are_read_and_looked_up_by_urn() {
        let p = read(&[
            ("homes.csv", HOMES),
            ("scp.csv", PROVIDERS),
            ("closed.csv", CLOSED),
        ])
        .expect("the lists read");
        assert_eq!(p.len(), 4);
        let oak = p.get("SC100001").expect("listed");
        assert!(oak.offers_placement("K2") && !oak.offers_placement("K3"));
        assert!(oak.is_provider_kind("pr2") && !oak.is_provider_kind("PR3"));
        assert!(oak.is_at("ct1 1aa") && oak.is_at("CT11AA") && !oak.is_at("CT1 1AB"));
        assert_eq!(
            p.get(" sc100002 ").map(|e| e.closed),
            Some(NaiveDate::from_ymd_opt(2024, 12, 31))
        );
        assert!(p.get("SC100002").expect("listed").offers_placement("S1"));
        assert_eq!(
            p.get("SC200002").and_then(|e| e.closed),
            NaiveDate::from_ymd_opt(2024, 6, 30)
        );
        assert!(p.get("SC999999").is_none());
    }

    #[test]
    fn the_combined_list_is_enough_on_its_own() {
        assert!(read(&[("combined.csv", COMBINED)]).is_ok());
        assert!(read(&[("scp.csv", PROVIDERS)]).is_err());
    }

    #[test]
    fn a_list_saved_by_excel_in_windows_1252_reads() {
        // "Children\x92s home", with Windows-1252's curly apostrophe.
        let mut combined =
            b"URN,Provider type,Placement code,Placement provider code,Setting postcode\n\
            SC100001,Children\x92s home,K2,PR1,CT1 1AA\n"
                .to_vec();
        combined.splice(0..0, b"\xef\xbb\xbf".iter().copied());
        let p = Providers::read([("combined.csv".to_owned(), combined.as_slice())])
            .expect("the list reads");
        assert!(p.get("SC100001").is_some_and(|e| e.offers_placement("K2")));
    }

    #[test]
    fn one_list_alone_is_refused() {
        let e = read(&[("homes.csv", HOMES)]).expect_err("the other list is missing");
        assert!(
            e[0].problem
                .contains("the social care providers list is missing"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn problems_name_the_file_line_and_column() {
        let bad = HOMES.replace("31/12/2024", "31/13/2024");
        let e = read(&[("homes.csv", &bad), ("closed.csv", CLOSED)]).expect_err("a bad date");
        assert_eq!(
            e[0].to_string(),
            "homes.csv, line 3, column Closed Date: '31/13/2024' is not a date; write it as dd/mm/yyyy"
        );
        let no_postcode = HOMES.replace("Setting Postcode", "Postcode");
        let e =
            read(&[("homes.csv", &no_postcode), ("closed.csv", CLOSED)]).expect_err("no postcode");
        assert_eq!(
            e[0].to_string(),
            "homes.csv, line 1: the children's homes list has no column 'Setting Postcode' or 'Setting Address Postcode'"
        );
        let e = read(&[("Header.csv", "CHILD,SEX\n")]).expect_err("not a list");
        assert!(
            e[0].problem
                .starts_with("is not one of Ofsted's provider lists")
        );
        let e = read(&[("homes.xlsx", "PK\u{3}\u{4}")]).expect_err("a damaged workbook");
        assert!(
            e[0].problem.starts_with("cannot be read as a spreadsheet"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn ofsted_s_workbooks_are_read_as_they_come() {
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
        let p = Providers::read_files(&[
            data.join("ofsted-childrens-homes.xlsx"),
            data.join("ofsted-social-care-providers.xlsx"),
        ])
        .expect("both workbooks read");
        // The notes sheet and the title rows above the table are passed
        // over; a date cell is a date; a URN that is a number reads as one.
        assert_eq!(p.len(), 5);
        let elm = p.get("SC100002").expect("listed");
        assert_eq!(elm.closed, NaiveDate::from_ymd_opt(2024, 12, 31));
        assert!(elm.offers_placement("S1") && elm.is_at("CT2 2BB"));
        assert!(p.get("1234567").is_some());
        assert_eq!(
            p.get("SC200002").expect("closed sheet").closed,
            NaiveDate::from_ymd_opt(2024, 6, 30)
        );
        // A workbook with no list in it is refused, by name.
        let e = Providers::read_files(&[data.join("ofsted-childrens-homes.xlsx")])
            .expect_err("one list alone");
        assert!(
            e[0].problem.contains("social care providers list"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn a_urn_on_two_rows_is_one_provider() {
        let closed = NaiveDate::from_ymd_opt(2024, 1, 1);
        let p = Providers::from_entries([
            Provider::new("SC1", "K2", "PR1", "AB1 1AA", closed),
            Provider::new("sc1", "S1", "PR2", "AB1 1AB", None),
        ]);
        let one = p.get("SC1").expect("listed");
        assert!(one.offers_placement("S1") && one.offers_placement("K2"));
        assert!(one.is_at("AB11AB") && one.is_at("AB1 1AA"));
        assert_eq!(one.closed, None);
    }
}
