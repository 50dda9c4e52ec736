//! Reading a return from CSV, with errors that say where and what.
//!
//! Each file is recognised by its set of column headers, as the DfE's
//! validators do, whatever its name. Unknown and missing columns are
//! reported, never guessed; a row with the wrong number of values is
//! reported with its line. Every problem in every file is collected, so one
//! run tells the user everything to fix.

use std::io::Read;
use std::path::Path;

use crate::validate::Trimmed;
use crate::{Return, Table, TableData};

/// Something wrong with an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub file: String,
    /// The 1-based line of the file, if the problem is on one line.
    pub line: Option<u64>,
    /// The table's column (CSV), or the character on the line (XML, whose
    /// problems begin with the element's path: `CHILD/EPISODE/DECOM: ...`).
    pub column: Option<String>,
    pub problem: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": {}", self.problem)
    }
}

impl std::error::Error for ReadError {}

fn error(
    file: &str,
    line: Option<u64>,
    column: Option<&str>,
    problem: impl Into<String>,
) -> ReadError {
    ReadError {
        file: file.to_owned(),
        line,
        column: column.map(str::to_owned),
        problem: problem.into(),
    }
}

/// Reads one CSV file's content. `file` names it in errors.
pub fn read_csv(file: &str, input: impl Read) -> Result<TableData, Vec<ReadError>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(input);
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h
            .iter()
            .map(|c| c.trim_start_matches('\u{feff}').trim().to_ascii_uppercase())
            .collect(),
        Err(e) => {
            return Err(vec![error(
                file,
                Some(1),
                None,
                format!("the header row cannot be read: {e}"),
            )]);
        }
    };
    if headers.iter().all(String::is_empty) {
        return Err(vec![error(
            file,
            Some(1),
            None,
            "the file has no header row",
        )]);
    }
    let table = identify(file, &headers)?;
    // Where each of the table's columns is in this file.
    let positions: Vec<usize> = table
        .columns()
        .iter()
        .map(|c| {
            headers
                .iter()
                .position(|h| h == c)
                .expect("identified tables have every column")
        })
        .collect();
    let mut data = TableData::new(table);
    data.file = file.to_owned();
    let mut errors = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                if record.iter().all(|v| v.trim().is_empty()) {
                    continue;
                }
                if record.len() != headers.len() {
                    errors.push(error(
                        file,
                        Some(line),
                        None,
                        format!(
                            "the row has {} values but the header has {} columns",
                            record.len(),
                            headers.len()
                        ),
                    ));
                    continue;
                }
                // Most values have nothing to trim (`trimmed` sees that from
                // their first and last bytes).
                let values = positions.iter().map(|&i| record[i].trimmed());
                if data.push_at(line, values).is_err() {
                    errors.push(error(
                        file,
                        Some(line),
                        None,
                        "the file is too large: a table can hold up to 4 GiB of text".to_owned(),
                    ));
                    break;
                }
            }
            Err(e) => {
                let line = e.position().map(|p| p.line());
                errors.push(error(
                    file,
                    line,
                    None,
                    format!("the row cannot be read: {}", e.kind_message()),
                ));
                if !matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                    break;
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(data)
    } else {
        Err(errors)
    }
}

trait KindMessage {
    fn kind_message(&self) -> String;
}

impl KindMessage for csv::Error {
    fn kind_message(&self) -> String {
        match self.kind() {
            csv::ErrorKind::Utf8 { .. } => {
                "it is not valid UTF-8 text (save the file as UTF-8 CSV)".to_owned()
            }
            _ => self.to_string(),
        }
    }
}

/// The table a header row belongs to, or what is missing and unknown.
fn identify(file: &str, headers: &[String]) -> Result<Table, Vec<ReadError>> {
    let mut errors = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        if headers[..i].contains(h) {
            errors.push(error(file, Some(1), Some(h), "the column appears twice"));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if let Some(table) = Table::with_columns(headers) {
        return Ok(table);
    }
    // The nearest table: the one sharing most columns.
    let (best, shared) = Table::ALL
        .into_iter()
        .map(|t| {
            (
                t,
                t.columns()
                    .iter()
                    .filter(|c| headers.iter().any(|h| h == *c))
                    .count(),
            )
        })
        .max_by_key(|&(t, n)| (n, std::cmp::Reverse(t.columns().len())))
        .expect("there are tables");
    if shared <= 1 {
        return Err(vec![error(
            file,
            Some(1),
            None,
            format!(
                "its columns ({}) match no table of the return",
                headers.join(", ")
            ),
        )]);
    }
    for c in best.columns() {
        if !headers.iter().any(|h| h == c) {
            errors.push(error(
                file,
                Some(1),
                Some(c),
                format!("the {best} table needs this column, and it is missing"),
            ));
        }
    }
    for h in headers {
        if !best.columns().contains(&h.as_str()) {
            errors.push(error(
                file,
                Some(1),
                Some(h),
                format!("this column is not part of the {best} table"),
            ));
        }
    }
    Err(errors)
}

/// Reads every `.csv` file in a folder into a return; or the return in its
/// XML form, from a folder holding one `.xml` file and no `.csv` file, or
/// from a path to an `.xml` file. Files that cannot be read, files that
/// match no table and tables given twice are errors; all of them are
/// reported together.
pub fn read_dir(dir: &Path) -> Result<Return, Vec<ReadError>> {
    let is = |p: &Path, ext: &str| p.extension().is_some_and(|x| x.eq_ignore_ascii_case(ext));
    if dir.is_file() && is(dir, "xml") {
        return crate::xml::read_xml_file(dir);
    }
    let folder = dir.display().to_string();
    let entries = std::fs::read_dir(dir).map_err(|e| {
        vec![error(
            &folder,
            None,
            None,
            format!("the folder cannot be read: {e}"),
        )]
    })?;
    let mut all: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    all.sort();
    let (paths, xml): (Vec<_>, Vec<_>) = all
        .into_iter()
        .filter(|p| is(p, "csv") || is(p, "xml"))
        .partition(|p| is(p, "csv"));
    match (paths.is_empty(), xml.as_slice()) {
        (true, [one]) => return crate::xml::read_xml_file(one),
        (true, []) => {
            return Err(vec![error(
                &folder,
                None,
                None,
                "the folder holds no .csv files (nor one .xml file)",
            )]);
        }
        (true, _) => {
            return Err(vec![error(
                &folder,
                None,
                None,
                format!(
                    "the folder holds {} .xml files; a return in XML is one file",
                    xml.len()
                ),
            )]);
        }
        (false, []) => {}
        (false, _) => {
            return Err(vec![error(
                &folder,
                None,
                None,
                "the folder holds both .csv and .xml files; give the return in one form",
            )]);
        }
    }
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        match std::fs::File::open(&path) {
            Ok(f) => files.push((name, std::io::BufReader::new(f))),
            Err(e) => errors.push(error(
                &name,
                None,
                None,
                format!("the file cannot be opened: {e}"),
            )),
        }
    }
    match read_files(files) {
        Ok(ret) if errors.is_empty() => Ok(ret),
        Ok(_) => Err(errors),
        Err(mut more) => {
            errors.append(&mut more);
            Err(errors)
        }
    }
}

/// Reads named CSV files (an upload, a folder), or one `.xml` file of the
/// return's XML form, into a return. Files that
/// match no table and tables given twice are errors; all of them are
/// reported together.
pub fn read_files<R: Read>(
    files: impl IntoIterator<Item = (String, R)>,
) -> Result<Return, Vec<ReadError>> {
    let mut ret = Return::default();
    let mut errors = Vec::new();
    let mut any = false;
    for (name, input) in files {
        any = true;
        let read = if name.to_ascii_lowercase().ends_with(".xml") {
            crate::xml::read_xml(&name, input).map(|r| r.tables.into_values().collect())
        } else {
            read_csv(&name, input).map(|data| vec![data])
        };
        match read {
            Ok(tables) => {
                for data in tables {
                    add(&mut ret, &mut errors, &name, data);
                }
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !any {
        errors.push(error(
            "the return",
            None,
            None,
            "no .csv files (nor an .xml file) were given",
        ));
    }
    if errors.is_empty() {
        Ok(ret)
    } else {
        Err(errors)
    }
}

/// Adds a table read from a file, unless the return has it already.
fn add(ret: &mut Return, errors: &mut Vec<ReadError>, name: &str, data: TableData) {
    if let Some(first) = ret.tables.get(&data.table) {
        errors.push(error(
            name,
            None,
            None,
            format!(
                "the {} table is given twice (also in {})",
                data.table, first.file
            ),
        ));
    } else {
        ret.tables.insert(data.table, data);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_table_is_recognised_by_its_columns_in_any_order() {
        let csv = "REVIEW_CODE,child,DOB,REVIEW\nPN1,C1,01/02/2015,03/04/2024\n";
        let data = read_csv("reviews.csv", csv.as_bytes()).unwrap();
        assert_eq!(data.table, Table::Reviews);
        assert_eq!(data.value(0, "CHILD"), "C1");
        assert_eq!(data.value(0, "REVIEW_CODE"), "PN1");
        assert_eq!(data.line(0), 2);
    }

    #[test]
    fn missing_and_unknown_columns_are_reported_not_guessed() {
        let csv = "CHILD,DOB,REVIEW,REVIEW_CODES\nC1,01/02/2015,03/04/2024,PN1\n";
        let errors = read_csv("reviews.csv", csv.as_bytes()).unwrap_err();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            vec![
                "reviews.csv, line 1, column REVIEW_CODE: the Reviews table needs this column, and it is missing",
                "reviews.csv, line 1, column REVIEW_CODES: this column is not part of the Reviews table",
            ]
        );
    }

    #[test]
    fn a_row_with_the_wrong_number_of_values_names_its_line() {
        let csv = "CHILD,DOB,REVIEW,REVIEW_CODE\nC1,01/02/2015,03/04/2024,PN1\nC2,01/02/2015\n";
        let errors = read_csv("Reviews.csv", csv.as_bytes()).unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "Reviews.csv, line 3: the row has 2 values but the header has 4 columns"
        );
    }

    #[test]
    fn a_file_of_another_kind_is_named_as_such() {
        let errors = read_csv("notes.csv", "name,age\nA,3\n".as_bytes()).unwrap_err();
        assert!(
            errors[0].problem.contains("match no table of the return"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn text_that_is_not_utf8_is_reported_with_its_line() {
        let mut bytes = b"CHILD,DOB,REVIEW,REVIEW_CODE\nC1,01/02/2015,03/04/2024,PN1\n".to_vec();
        bytes.extend_from_slice(b"C\xff2,01/02/2015,03/04/2024,PN1\n");
        let errors = read_csv("Reviews.csv", bytes.as_slice()).unwrap_err();
        assert_eq!(errors[0].line, Some(3));
        assert!(errors[0].problem.contains("UTF-8"));
    }

    proptest! {
        /// The reader never panics, whatever bytes it is given.
        #[test]
        fn reading_any_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let _ = read_csv("fuzz.csv", bytes.as_slice());
        }

        /// Nor whatever text in a known table's shape.
        #[test]
        fn reading_any_rows_of_a_known_table_never_panics(rows in proptest::collection::vec("[A-Z0-9,\"/ \n\r]{0,60}", 0..40)) {
            let text = format!("CHILD,DOB,REVIEW,REVIEW_CODE\n{}", rows.join("\n"));
            let _ = read_csv("fuzz.csv", text.as_bytes());
        }
    }
}
