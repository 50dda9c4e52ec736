//! The SSDA903 return: the census every English council sends the DfE each
//! year about its children looked after.
//!
//! A [`Return`] holds the return's tables as text, exactly as read or as
//! produced from the records ([`export`]); [`read_dir`] reads a folder of CSV
//! files with errors that name the file, line, column and problem, and
//! [`write_dir`] writes one. [`read_xml`] and [`write_xml`] read (streaming)
//! and write the return's XML form (see [`xml`] for the form and
//! where its names come from). Validation against the DfE's rules comes on
//! top.

pub mod by_child;
mod export;
mod hash;
pub mod import;
pub mod ofsted;
pub mod postcodes;
mod read;
mod rules;
mod tables;
pub mod validate;
pub mod xml;
pub mod years;

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;

pub use export::{Held, export, export_held};
pub use read::{ReadError, read_csv, read_dir, read_files};
pub use tables::Table;
pub use xml::{read_xml, write_xml};

/// A collection year: 1 April to 31 March (`2024-25`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CollectionYear {
    start: i32,
}

impl CollectionYear {
    /// Reads `2024-25` or `2024/25`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("'{text}' is not a collection year; write it as 2024-25");
        let (a, b) = text.trim().split_once(['-', '/']).ok_or_else(bad)?;
        let start: i32 = a.parse().map_err(|_| bad())?;
        let end: i32 = b.parse().map_err(|_| bad())?;
        if end != (start + 1) % 100 {
            return Err(bad());
        }
        if !(years::FIRST..=years::LATEST).contains(&start) {
            let known: Vec<String> = Self::supported().map(|y| y.to_string()).collect();
            return Err(format!(
                "collection year {text} is not supported; use {}",
                known.join(", ")
            ));
        }
        Ok(Self { start })
    }

    /// Every year this crate validates, oldest first.
    pub fn supported() -> impl DoubleEndedIterator<Item = Self> {
        (years::FIRST..=years::LATEST).map(Self::starting)
    }

    /// The year starting on 1 April of `start`.
    pub fn starting(start: i32) -> Self {
        Self { start }
    }

    /// 1 April.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.start, 4, 1).expect("1 April exists")
    }

    /// 31 March.
    pub fn last_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.start + 1, 3, 31).expect("31 March exists")
    }
}

impl fmt::Display for CollectionYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.start, (self.start + 1) % 100)
    }
}

/// One data row of a table, as a view into it: the line of the file it
/// came from (1-based; the header is line 1) and its values in the table's
/// column order.
#[derive(Debug, Clone, Copy)]
pub struct Row<'t> {
    data: &'t TableData,
    index: usize,
}

impl<'t> Row<'t> {
    /// The line of the file.
    pub fn line(&self) -> u64 {
        self.data.lines[self.index]
    }

    /// The 0-based index of the row in its table.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The value in the column at this position ("" where blank).
    pub fn get(&self, position: usize) -> &'t str {
        self.data.get(self.index, position)
    }

    /// The values in column order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &'t str> + use<'t> {
        let (data, index) = (self.data, self.index);
        (0..data.width()).map(move |i| data.get(index, i))
    }
}

/// A table of the return as text.
///
/// Every value of the table is kept in one buffer, row after row, with where
/// each ends: a table of all England (hundreds of thousands of rows) is a
/// few large allocations, which rules read from start to end, rather than a
/// small allocation for every value scattered over the heap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableData {
    pub table: Table,
    /// The file it was read from, or will be written to.
    pub file: String,
    /// Every value, one after another.
    text: String,
    /// Where each value ends in `text`, row by row in column order.
    ends: Vec<u32>,
    /// The line of the file of each row.
    lines: Vec<u64>,
    /// Each date column's values read as dates, when a rule first asks
    /// ([`TableData::date`]); cleared when a row is added.
    dates: DateColumns,
}

/// The dates of a table's columns, each column read once and shared by
/// every rule (rules run on several threads). Not part of the table's value:
/// two tables with the same rows are equal whatever has been read.
#[derive(Default)]
struct DateColumns(OnceLock<Box<[OnceLock<DateColumn>]>>);

/// One column's values read as dates, row by row.
type DateColumn = Box<[Option<NaiveDate>]>;

impl Clone for DateColumns {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl PartialEq for DateColumns {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for DateColumns {}

impl fmt::Debug for DateColumns {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DateColumns")
    }
}

/// A table's text passed what one table can hold (4 GiB).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableTooLarge;

impl TableData {
    /// An empty table.
    pub fn new(table: Table) -> Self {
        Self {
            table,
            file: table.file_name(),
            text: String::new(),
            ends: Vec::new(),
            lines: Vec::new(),
            dates: DateColumns::default(),
        }
    }

    /// How many data rows the table has.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether the table has no data rows.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// How many columns each row has.
    fn width(&self) -> usize {
        self.table.columns().len()
    }

    /// A row.
    ///
    /// # Panics
    /// If the table has no such row.
    pub fn row(&self, index: usize) -> Row<'_> {
        assert!(index < self.len(), "row {index} of {} rows", self.len());
        Row { data: self, index }
    }

    /// The rows in file order.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = Row<'_>> + '_ {
        (0..self.len()).map(move |index| Row { data: self, index })
    }

    /// The line of the file a row came from.
    pub fn line(&self, row: usize) -> u64 {
        self.lines[row]
    }

    /// The value in a row at a column position ("" where blank).
    #[inline(always)]
    pub fn get(&self, row: usize, position: usize) -> &str {
        let i = row * self.width() + position;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The value of a column in a row read as a date (`dd/mm/yyyy`, as
    /// [`validate::date`] reads it); `None` when blank or not a date. The
    /// whole column is read the first time it is asked for.
    #[inline]
    pub fn date(&self, row: usize, column: &str) -> Option<NaiveDate> {
        let Some(i) = self.table.column_index(column) else {
            not_a_column(self.table, column)
        };
        let columns = self
            .dates
            .0
            .get_or_init(|| (0..self.width()).map(|_| OnceLock::new()).collect());
        columns[i].get_or_init(|| {
            (0..self.len())
                .map(|r| validate::date(self.get(r, i)))
                .collect()
        })[row]
    }

    /// The value of a column in a row ("" where blank).
    #[inline(always)]
    pub fn value(&self, row: usize, column: &str) -> &str {
        let Some(i) = self.table.column_index(column) else {
            not_a_column(self.table, column)
        };
        self.get(row, i)
    }

    /// Appends a row; its line is the next line of the file.
    ///
    /// # Panics
    /// If the row does not have one value per column, or the table passes
    /// 4 GiB of text (a reader checks with [`TableData::push_at`] first).
    pub fn push(&mut self, values: Vec<String>) {
        let line = self.lines.last().map_or(2, |l| l + 1);
        self.push_at(line, values)
            .expect("a table holds up to 4 GiB of text");
    }

    /// Appends a row that came from this line of its file. Refused, with
    /// the table unchanged, if the table would pass 4 GiB of text.
    ///
    /// # Panics
    /// If the row does not have one value per column.
    pub fn push_at<S: AsRef<str>>(
        &mut self,
        line: u64,
        values: impl IntoIterator<Item = S>,
    ) -> Result<(), TableTooLarge> {
        let (text_before, ends_before) = (self.text.len(), self.ends.len());
        for value in values {
            self.text.push_str(value.as_ref());
            let Ok(end) = u32::try_from(self.text.len()) else {
                self.text.truncate(text_before);
                self.ends.truncate(ends_before);
                return Err(TableTooLarge);
            };
            self.ends.push(end);
        }
        assert_eq!(
            self.ends.len() - ends_before,
            self.width(),
            "a row of {} has one value per column",
            self.table
        );
        self.lines.push(line);
        self.dates = DateColumns::default();
        Ok(())
    }

    /// The table as CSV: a header row, then the rows, lines ending in `\n`.
    pub fn to_csv(&self) -> String {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        writer
            .write_record(self.table.columns())
            .expect("writing to memory");
        for row in self.rows() {
            writer
                .write_record(row.values())
                .expect("writing to memory");
        }
        String::from_utf8(writer.into_inner().expect("writing to memory"))
            .expect("UTF-8 in, UTF-8 out")
    }
}

#[cold]
#[inline(never)]
fn not_a_column(table: Table, column: &str) -> ! {
    panic!("{column} is not a column of {table}")
}

/// A return: each of its tables.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Return {
    pub tables: BTreeMap<Table, TableData>,
    /// The UASC flag the XML form gives each child (`<HEADER><UASC>`), in
    /// the order of the Header table's rows, as written (`1`, `0`, blank or
    /// anything else, for rules 105, 205C and 303 to judge). `None` for the
    /// CSV form, which has no flag: there a child is UASC when it has a row
    /// of the UASC table.
    pub header_uasc: Option<Vec<String>>,
}

impl Return {
    /// A table, if the return has it.
    pub fn table(&self, table: Table) -> Option<&TableData> {
        self.tables.get(&table)
    }
}

/// Writes every table of a return into a folder as `<Table>.csv`, creating the folder.
pub fn write_dir(ret: &Return, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for data in ret.tables.values() {
        std::fs::write(dir.join(data.table.file_name()), data.to_csv())?;
    }
    Ok(())
}

/// A date as the return writes it: `15/12/2025`.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}
