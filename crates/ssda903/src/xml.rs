//! The return in its XML form: reading it as a stream, and writing it.
//!
//! # The form, and where its names come from
//!
//! The DfE publishes an XML schema for the return each year with its
//! technical specification; this crate does not ship it. The element names
//! here are those that the open SSDA903 validator (the data-to-insight
//! `csc-validator-be-903`, used by councils on their XML returns) reads and
//! writes, with the table and column names for what that reader leaves
//! open. It is our reading, not a copy of the schema:
//!
//! ```text
//! <EXPSSDA903>                      the return
//!   <CHILD>                         one per child
//!     <HEADER>
//!       CHILDID UPN SEX DOB ETHNIC  the Header table (CHILDID is CHILD)
//!       UASC DUC                    the flag, kept as written (`Return::header_uasc`);
//!                                   UASC 1 or a DUC: a row of the UASC table
//!       MOTHER MC_DOB               the Header table
//!       IN_TOUCH ACTIV ACCOM        the OC3 table's row, if any is given
//!       DATE_INT DATE_MATCH FOSTER_CARE NB_ADOPTR SEX_ADOPTR LS_ADOPTR
//!                                   the AD1 table's row, if any is given
//!       <AREVIEW>     REVIEW REVIEW_CODE                       Reviews
//!       <AMISSING>    MISSING MIS_START MIS_END                Missing
//!       <OC2>         SDQ_SCORE ... INTERVENTION_OFFERED       OC2
//!       <PERMANENCE>  PREV_PERM LA_PERM DATE_PERM              PrevPerm
//!       <AD_PLACED>   DATE_PLACED DATE_PLACED_CEASED REASON_PLACED_CEASED
//!                                                              PlacedAdoption
//!       <SW_EPISODE>  SW_ID SW_DECOM SW_DEC SW_REASON          SWEpisodes
//!     </HEADER>
//!     <EPISODE>       DECOM RNE LS CIN PL PLACE_PROVIDER DEC REC
//!                     REASON_PLACE_CHANGE HOME_POST PL_POST URN Episodes
//!   </CHILD>
//! </EXPSSDA903>
//! ```
//!
//! `PL` is the Episodes table's `PLACE`. The tables' `CHILD`, `DOB` and (in
//! UASC) `SEX` columns come from the child's header. The social worker
//! episodes' element (`SW_EPISODE`) is ours: the open validator predates
//! them. Elements may come in any order within their parent; a namespace
//! prefix is ignored.
//!
//! # Reading
//!
//! [`read_xml`] reads the file as a stream, holding one child at a time.
//! Unknown elements, an element given twice, text where no value belongs and
//! a missing required element (`HEADER`, `CHILDID` and `DOB`; each group's
//! first date or identifier) are reported with the line, column and element
//! path, never guessed; every problem is collected. An optional element left
//! out reads as blank, as the DfE's validators read it. Dates are read as the
//! open validator reads them, `dd/mm/yyyy` as in the tables; a date written
//! as the schema type `xs:date` (`2024-05-01`) is converted to `01/05/2024`.
//! Other values are kept as written: the validation rules judge them, and a
//! row's line is the line of its element.
//!
//! # Writing
//!
//! [`write_xml`] writes every child of the Header table with its rows of the
//! other tables, values as in the tables; the UASC flag as read from XML, or
//! for a return read from CSV, 1 for a child with a UASC row and 0 for one
//! without. A return the form cannot hold is
//! refused, not changed: a row for a child missing from the Header table, a
//! child given twice, a `DOB` (or UASC `SEX`) that differs from the child's
//! header, or two rows of UASC, OC3 or AD1 for one child.

use std::collections::{HashMap, VecDeque};
use std::io::{self, BufReader, Read, Write};

use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event};

use crate::read::ReadError;
use crate::{Return, Row, Table, TableData};

/// The root element.
const ROOT: &str = "EXPSSDA903";

/// A repeated group of elements that is one row of a table.
struct Group {
    element: &'static str,
    table: Table,
    /// (element, column) pairs.
    fields: &'static [(&'static str, &'static str)],
    /// Elements that must be present.
    required: &'static [&'static str],
    /// Whether the group sits in CHILD (else in HEADER).
    in_child: bool,
}

const GROUPS: [Group; 7] = [
    Group {
        element: "EPISODE",
        table: Table::Episodes,
        fields: &[
            ("DECOM", "DECOM"),
            ("RNE", "RNE"),
            ("LS", "LS"),
            ("CIN", "CIN"),
            ("PL", "PLACE"),
            ("PLACE_PROVIDER", "PLACE_PROVIDER"),
            ("DEC", "DEC"),
            ("REC", "REC"),
            ("REASON_PLACE_CHANGE", "REASON_PLACE_CHANGE"),
            ("HOME_POST", "HOME_POST"),
            ("PL_POST", "PL_POST"),
            ("URN", "URN"),
        ],
        required: &["DECOM"],
        in_child: true,
    },
    Group {
        element: "AREVIEW",
        table: Table::Reviews,
        fields: &[("REVIEW", "REVIEW"), ("REVIEW_CODE", "REVIEW_CODE")],
        required: &["REVIEW"],
        in_child: false,
    },
    Group {
        element: "AMISSING",
        table: Table::Missing,
        fields: &[
            ("MISSING", "MISSING"),
            ("MIS_START", "MIS_START"),
            ("MIS_END", "MIS_END"),
        ],
        required: &["MIS_START"],
        in_child: false,
    },
    Group {
        element: "OC2",
        table: Table::Oc2,
        fields: &[
            ("SDQ_SCORE", "SDQ_SCORE"),
            ("SDQ_REASON", "SDQ_REASON"),
            ("CONVICTED", "CONVICTED"),
            ("HEALTH_CHECK", "HEALTH_CHECK"),
            ("IMMUNISATIONS", "IMMUNISATIONS"),
            ("TEETH_CHECK", "TEETH_CHECK"),
            ("HEALTH_ASSESSMENT", "HEALTH_ASSESSMENT"),
            ("SUBSTANCE_MISUSE", "SUBSTANCE_MISUSE"),
            ("INTERVENTION_RECEIVED", "INTERVENTION_RECEIVED"),
            ("INTERVENTION_OFFERED", "INTERVENTION_OFFERED"),
        ],
        required: &[],
        in_child: false,
    },
    Group {
        element: "PERMANENCE",
        table: Table::PrevPerm,
        fields: &[
            ("PREV_PERM", "PREV_PERM"),
            ("LA_PERM", "LA_PERM"),
            ("DATE_PERM", "DATE_PERM"),
        ],
        required: &[],
        in_child: false,
    },
    Group {
        element: "AD_PLACED",
        table: Table::PlacedAdoption,
        fields: &[
            ("DATE_PLACED", "DATE_PLACED"),
            ("DATE_PLACED_CEASED", "DATE_PLACED_CEASED"),
            ("REASON_PLACED_CEASED", "REASON_PLACED_CEASED"),
        ],
        required: &["DATE_PLACED"],
        in_child: false,
    },
    Group {
        element: "SW_EPISODE",
        table: Table::SwEpisodes,
        fields: &[
            ("SW_ID", "SW_ID"),
            ("SW_DECOM", "SW_DECOM"),
            ("SW_DEC", "SW_DEC"),
            ("SW_REASON", "SW_REASON"),
        ],
        required: &["SW_DECOM"],
        in_child: false,
    },
];

/// The single values of HEADER: (element, table, column). `UASC` is the
/// child's UASC flag, kept in `Return::header_uasc`.
const FLAT: [(&str, Table, &str); 18] = [
    ("CHILDID", Table::Header, "CHILD"),
    ("UPN", Table::Header, "UPN"),
    ("SEX", Table::Header, "SEX"),
    ("DOB", Table::Header, "DOB"),
    ("ETHNIC", Table::Header, "ETHNIC"),
    ("UASC", Table::Uasc, ""),
    ("DUC", Table::Uasc, "DUC"),
    ("MOTHER", Table::Header, "MOTHER"),
    ("MC_DOB", Table::Header, "MC_DOB"),
    ("IN_TOUCH", Table::Oc3, "IN_TOUCH"),
    ("ACTIV", Table::Oc3, "ACTIV"),
    ("ACCOM", Table::Oc3, "ACCOM"),
    ("DATE_INT", Table::Ad1, "DATE_INT"),
    ("DATE_MATCH", Table::Ad1, "DATE_MATCH"),
    ("FOSTER_CARE", Table::Ad1, "FOSTER_CARE"),
    ("NB_ADOPTR", Table::Ad1, "NB_ADOPTR"),
    ("SEX_ADOPTR", Table::Ad1, "SEX_ADOPTR"),
    ("LS_ADOPTR", Table::Ad1, "LS_ADOPTR"),
];

/// The elements whose values are dates.
const DATES: [&str; 15] = [
    "DOB",
    "MC_DOB",
    "DUC",
    "DECOM",
    "DEC",
    "REVIEW",
    "MIS_START",
    "MIS_END",
    "DATE_PERM",
    "DATE_PLACED",
    "DATE_PLACED_CEASED",
    "DATE_INT",
    "DATE_MATCH",
    "SW_DECOM",
    "SW_DEC",
];

/// At most this many problems are reported for one file.
const MAX_ERRORS: usize = 1000;

/// A date as the tables write it: `2024-05-01` (xs:date) becomes
/// `01/05/2024`; anything else is kept for the rules to judge.
fn table_date(value: String) -> String {
    let b = value.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(0..4)
        && digits(5..7)
        && digits(8..10)
    {
        let (y, m, d) = (&value[0..4], &value[5..7], &value[8..10]);
        let valid = chrono::NaiveDate::from_ymd_opt(
            y.parse().unwrap_or(0),
            m.parse().unwrap_or(0),
            d.parse().unwrap_or(0),
        )
        .is_some();
        if valid {
            return format!("{d}/{m}/{y}");
        }
    }
    value
}

/// Counts lines as the bytes pass to the parser, so that a byte offset can
/// be told as a line and column without keeping the file.
struct Lines<R> {
    inner: R,
    read: u64,
    /// Offsets of the newlines read ahead of the parser.
    newlines: VecDeque<u64>,
    line: u64,
    line_start: u64,
}

impl<R: Read> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        for (i, b) in buf[..n].iter().enumerate() {
            if *b == b'\n' {
                self.newlines.push_back(self.read + i as u64);
            }
        }
        self.read += n as u64;
        Ok(n)
    }
}

impl<R> Lines<R> {
    /// The 1-based line and column of a byte. Offsets asked for only grow;
    /// one before the last asked for is told as on the current line.
    fn locate(&mut self, byte: u64) -> (u64, u64) {
        while let Some(&nl) = self.newlines.front() {
            if nl >= byte {
                break;
            }
            self.newlines.pop_front();
            self.line += 1;
            self.line_start = nl + 1;
        }
        (self.line, byte.saturating_sub(self.line_start) + 1)
    }
}

/// Where the parser is inside the document.
enum Frame {
    Root,
    Child,
    Header,
    Group {
        group: usize,
        at: (u64, u64),
    },
    Leaf {
        name: &'static str,
        line: u64,
    },
    /// An unknown element (already reported) and everything in it.
    Unknown,
}

/// A child being read: its header values and its rows, kept until its end.
#[derive(Default)]
struct ChildData {
    at: (u64, u64),
    header_at: Option<(u64, u64)>,
    /// HEADER's single values: element → (value, line).
    flat: HashMap<&'static str, (String, u64)>,
    /// Rows of the groups: (group, line, values in the group's field order).
    rows: Vec<(usize, u64, Vec<String>)>,
}

struct Parser<'f> {
    file: &'f str,
    stack: Vec<(Frame, String)>,
    errors: Vec<ReadError>,
    ret: Return,
    child: ChildData,
    /// The values of the group being read, in its field order.
    group_values: Vec<Option<String>>,
    text: String,
    root_seen: bool,
}

impl Parser<'_> {
    fn path(&self, name: Option<&str>) -> String {
        let mut parts: Vec<&str> = self.stack.iter().skip(1).map(|(_, n)| n.as_str()).collect();
        if self.stack.is_empty() {
            parts.clear();
        }
        parts.extend(name);
        if parts.is_empty() {
            self.stack
                .first()
                .map_or_else(|| name.unwrap_or(ROOT).to_owned(), |(_, n)| n.clone())
        } else {
            parts.join("/")
        }
    }

    fn report(&mut self, at: (u64, u64), element: String, problem: impl Into<String>) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(ReadError {
                file: self.file.to_owned(),
                line: Some(at.0),
                column: Some(at.1.to_string()),
                problem: format!("{element}: {}", problem.into()),
            });
        }
    }

    fn start(&mut self, name: &str, at: (u64, u64)) {
        let frame = match self.stack.last().map(|(f, _)| f) {
            None if self.root_seen => {
                self.report(
                    at,
                    name.to_owned(),
                    format!("the document has ended (after </{ROOT}>), and the element {name} follows it"),
                );
                Frame::Unknown
            }
            None if name == ROOT => {
                self.root_seen = true;
                Frame::Root
            }
            None => {
                self.root_seen = true;
                self.report(
                    at,
                    name.to_owned(),
                    format!(
                        "the document is a {name}, not an SSDA903 return (its element is {ROOT})"
                    ),
                );
                Frame::Unknown
            }
            Some(Frame::Root) if name == "CHILD" => {
                self.child = ChildData {
                    at,
                    ..ChildData::default()
                };
                Frame::Child
            }
            Some(Frame::Child) if name == "HEADER" => {
                if self.child.header_at.is_some() {
                    self.report(
                        at,
                        self.path(Some(name)),
                        "the child has two HEADER elements",
                    );
                    Frame::Unknown
                } else {
                    self.child.header_at = Some(at);
                    Frame::Header
                }
            }
            Some(parent @ (Frame::Child | Frame::Header))
                if GROUPS
                    .iter()
                    .any(|g| g.element == name && g.in_child == matches!(parent, Frame::Child)) =>
            {
                let group = GROUPS
                    .iter()
                    .position(|g| g.element == name)
                    .expect("found above");
                self.group_values = vec![None; GROUPS[group].fields.len()];
                Frame::Group { group, at }
            }
            Some(Frame::Header) if FLAT.iter().any(|f| f.0 == name) => {
                let name = FLAT.iter().find(|f| f.0 == name).expect("found above").0;
                self.text.clear();
                Frame::Leaf { name, line: at.0 }
            }
            Some(Frame::Group { group, .. })
                if GROUPS[*group].fields.iter().any(|f| f.0 == name) =>
            {
                let name = GROUPS[*group]
                    .fields
                    .iter()
                    .find(|f| f.0 == name)
                    .expect("found above")
                    .0;
                self.text.clear();
                Frame::Leaf { name, line: at.0 }
            }
            Some(Frame::Unknown) => Frame::Unknown,
            Some(Frame::Leaf { name: leaf, .. }) => {
                let leaf = *leaf;
                self.report(
                    at,
                    self.path(Some(name)),
                    format!("{leaf} holds a value, not elements"),
                );
                Frame::Unknown
            }
            Some(_) => {
                let parent = self
                    .stack
                    .last()
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default();
                let problem = match where_it_belongs(name) {
                    Some(place) => {
                        format!("{name} is not an element of {parent}; it belongs in {place}")
                    }
                    None => format!("{name} is not an element of {parent} in the SSDA903 return"),
                };
                self.report(at, self.path(Some(name)), problem);
                Frame::Unknown
            }
        };
        self.stack.push((frame, name.to_owned()));
    }

    fn end(&mut self, at: (u64, u64)) {
        let Some((frame, name)) = self.stack.pop() else {
            return;
        };
        match frame {
            Frame::Leaf { name: leaf, line } => {
                let mut value = std::mem::take(&mut self.text).trim().to_owned();
                if DATES.contains(&leaf) {
                    value = table_date(value);
                }
                match self.stack.last().map(|(f, _)| f) {
                    Some(Frame::Header) => {
                        if self.child.flat.contains_key(leaf) {
                            self.report(
                                at,
                                self.path(Some(&name)),
                                format!("{leaf} appears twice in HEADER"),
                            );
                        } else {
                            self.child.flat.insert(leaf, (value, line));
                        }
                    }
                    Some(&Frame::Group { group, .. }) => {
                        let i = GROUPS[group]
                            .fields
                            .iter()
                            .position(|f| f.0 == leaf)
                            .expect("a field of its group");
                        if self.group_values[i].is_some() {
                            let g = GROUPS[group].element;
                            self.report(
                                at,
                                self.path(Some(&name)),
                                format!("{leaf} appears twice in {g}"),
                            );
                        } else {
                            self.group_values[i] = Some(value);
                        }
                    }
                    _ => {}
                }
            }
            Frame::Group { group, at: start } => {
                let g = &GROUPS[group];
                for (i, (field, _)) in g.fields.iter().enumerate() {
                    if g.required.contains(field) && self.group_values[i].is_none() {
                        let el = self.path(Some(&name));
                        self.report(
                            start,
                            el,
                            format!("{} needs a {field} element, and it is missing", g.element),
                        );
                    }
                }
                let values = std::mem::take(&mut self.group_values)
                    .into_iter()
                    .map(Option::unwrap_or_default)
                    .collect();
                self.child.rows.push((group, start.0, values));
            }
            Frame::Child => self.finish_child(),
            Frame::Root | Frame::Header | Frame::Unknown => {}
        }
    }

    /// The child's rows, now that all of it is read.
    fn finish_child(&mut self) {
        let child = std::mem::take(&mut self.child);
        let Some(header_at) = child.header_at else {
            self.report(child.at, "CHILD".into(), "the child has no HEADER element");
            return;
        };
        let flat = |name: &str| child.flat.get(name).map(|(v, _)| v.as_str());
        let mut missing = false;
        for required in ["CHILDID", "DOB"] {
            if flat(required).is_none() {
                missing = true;
                self.report(
                    header_at,
                    "CHILD/HEADER".into(),
                    format!("HEADER needs a {required} element, and it is missing"),
                );
            }
        }
        if missing {
            return;
        }
        let id = flat("CHILDID").unwrap_or_default().to_owned();
        let dob = flat("DOB").unwrap_or_default().to_owned();
        let sex = flat("SEX").unwrap_or_default().to_owned();
        let from_header = |table: Table, column: &str| -> Option<String> {
            match column {
                "CHILD" => Some(id.clone()),
                "DOB" => Some(dob.clone()),
                "SEX" if table != Table::Header => Some(sex.clone()),
                _ => None,
            }
        };
        // The Header row, and the one-row tables kept as HEADER's values.
        let mut rows: Vec<(Table, u64, Vec<String>)> = Vec::new();
        let header = Table::Header
            .columns()
            .iter()
            .map(|c| {
                let element = FLAT.iter().find(|f| f.1 == Table::Header && f.2 == *c);
                element
                    .and_then(|f| flat(f.0))
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect();
        rows.push((Table::Header, header_at.0, header));
        // The UASC flag is kept as written, for the rules that judge it
        // (105, 205C, 303); the child has a UASC row when the flag is 1 or a
        // date UASC ceased is given.
        let uasc_flag = flat("UASC").unwrap_or_default().to_owned();
        if uasc_flag == "1" || flat("DUC").is_some_and(|v| !v.is_empty()) {
            let line = child
                .flat
                .get("UASC")
                .or_else(|| child.flat.get("DUC"))
                .map_or(header_at.0, |(_, line)| *line);
            let values = Table::Uasc
                .columns()
                .iter()
                .map(|c| {
                    from_header(Table::Uasc, c)
                        .unwrap_or_else(|| flat(c).unwrap_or_default().to_owned())
                })
                .collect();
            rows.push((Table::Uasc, line, values));
        }
        self.ret
            .header_uasc
            .get_or_insert_with(Vec::new)
            .push(uasc_flag);
        for table in [Table::Oc3, Table::Ad1] {
            let own: Vec<&(&str, Table, &str)> = FLAT.iter().filter(|f| f.1 == table).collect();
            let given = own
                .iter()
                .filter_map(|f| child.flat.get(f.0).filter(|(v, _)| !v.is_empty()))
                .map(|(_, line)| *line)
                .min();
            if let Some(line) = given {
                let values = table
                    .columns()
                    .iter()
                    .map(|c| {
                        from_header(table, c)
                            .unwrap_or_else(|| flat(c).unwrap_or_default().to_owned())
                    })
                    .collect();
                rows.push((table, line, values));
            }
        }
        for (group, line, values) in child.rows {
            let g = &GROUPS[group];
            let row = g
                .table
                .columns()
                .iter()
                .map(|c| {
                    from_header(g.table, c).unwrap_or_else(|| {
                        let i = g
                            .fields
                            .iter()
                            .position(|f| f.1 == *c)
                            .expect("every column");
                        values[i].clone()
                    })
                })
                .collect();
            rows.push((g.table, line, row));
        }
        for (table, line, values) in rows {
            let data = self.ret.tables.get_mut(&table).expect("every table");
            if data.push_at(line, values).is_err() {
                self.report(
                    child.at,
                    "CHILD".into(),
                    "the return is too large: a table can hold up to 4 GiB of text",
                );
                return;
            }
        }
    }

    /// Text or CDATA as decoded: its value, or a report that it is not
    /// UTF-8 (`None`).
    fn decoded_text(&mut self, text: Option<String>, at: (u64, u64)) {
        match text {
            Some(text) => self.text(&text, at),
            None => {
                let element = self.path(None);
                self.report(
                    at,
                    element,
                    "the text is not valid UTF-8 (save the file as UTF-8)",
                );
            }
        }
    }

    fn text(&mut self, text: &str, at: (u64, u64)) {
        match self.stack.last().map(|(f, _)| f) {
            Some(Frame::Leaf { .. }) => self.text.push_str(text),
            Some(Frame::Unknown) => {}
            _ if text.trim().is_empty() => {}
            _ => {
                let shown: String = text.trim().chars().take(20).collect();
                self.report(
                    at,
                    self.path(None),
                    format!("the text '{shown}' is outside any value's element"),
                );
            }
        }
    }
}

/// Where an element misplaced belongs, if it is one of the form's.
fn where_it_belongs(name: &str) -> Option<&'static str> {
    if name == "CHILD" {
        return Some(ROOT);
    }
    if name == "HEADER" || GROUPS.iter().any(|g| g.element == name && g.in_child) {
        return Some("CHILD");
    }
    if FLAT.iter().any(|f| f.0 == name) || GROUPS.iter().any(|g| g.element == name) {
        return Some("HEADER");
    }
    GROUPS
        .iter()
        .find(|g| g.fields.iter().any(|f| f.0 == name))
        .map(|g| g.element)
}

fn local_name(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

/// The text of a reference: `&amp;`, `&#233;`.
fn reference(r: &BytesRef<'_>) -> Result<String, String> {
    let name = r
        .decode()
        .map_err(|_| "a reference is not UTF-8 text".to_owned())?;
    match r.resolve_char_ref() {
        Ok(Some(c)) => Ok(c.to_string()),
        Ok(None) => quick_xml::escape::resolve_predefined_entity(&name)
            .map(str::to_owned)
            .ok_or_else(|| format!("&{name}; is not an entity XML knows (use &amp;amp; for &)")),
        Err(_) => Err(format!("&{name}; is not a character")),
    }
}

/// Reads a return in its XML form, streaming. `file` names it in errors;
/// every table of the return is given, empty if the file has no rows for it.
pub fn read_xml(file: &str, input: impl Read) -> Result<Return, Vec<ReadError>> {
    let lines = Lines {
        inner: input,
        read: 0,
        newlines: VecDeque::new(),
        line: 1,
        line_start: 0,
    };
    let mut reader = Reader::from_reader(BufReader::new(lines));
    reader.config_mut().trim_text(false);
    let mut parser = Parser {
        file,
        stack: Vec::new(),
        errors: Vec::new(),
        ret: Return {
            header_uasc: Some(Vec::new()),
            tables: Table::ALL
                .into_iter()
                .map(|t| {
                    let mut data = TableData::new(t);
                    data.file = file.to_owned();
                    (t, data)
                })
                .collect(),
        },
        child: ChildData::default(),
        group_values: Vec::new(),
        text: String::new(),
        root_seen: false,
    };
    let mut buf = Vec::new();
    loop {
        buf.clear();
        // Where the event begins: its '<', or its text's first byte.
        let end = reader.buffer_position();
        let event = reader.read_event_into(&mut buf);
        let locate = |reader: &mut Reader<BufReader<Lines<_>>>, byte: u64| {
            reader.get_mut().get_mut().locate(byte)
        };
        match event {
            Ok(Event::Start(e)) => {
                let name = local_name(&e);
                let at = locate(&mut reader, end);
                parser.start(&name, at);
            }
            Ok(Event::Empty(e)) => {
                let name = local_name(&e);
                let at = locate(&mut reader, end);
                parser.start(&name, at);
                parser.end(at);
            }
            Ok(Event::End(_)) => {
                let at = locate(&mut reader, end);
                parser.end(at);
            }
            Ok(Event::Text(t)) => {
                let text = t.xml10_content().map(|c| c.into_owned()).ok();
                let at = locate(&mut reader, end);
                parser.decoded_text(text, at);
            }
            Ok(Event::CData(t)) => {
                let text = t.decode().map(|c| c.into_owned()).ok();
                let at = locate(&mut reader, end);
                parser.decoded_text(text, at);
            }
            Ok(Event::GeneralRef(r)) => {
                let text = reference(&r);
                let at = locate(&mut reader, end);
                match text {
                    Ok(text) => parser.text(&text, at),
                    Err(problem) => {
                        let element = parser.path(None);
                        parser.report(at, element, problem);
                    }
                }
            }
            Ok(Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_)) => {}
            Ok(Event::Eof) => {
                let at = locate(&mut reader, end);
                if let Some((_, open)) = parser.stack.last() {
                    let open = open.clone();
                    let element = parser.path(None);
                    parser.report(
                        at,
                        element,
                        format!("the file ends inside {open}: it is cut short"),
                    );
                } else if !parser.root_seen {
                    parser.report(
                        at,
                        ROOT.into(),
                        format!(
                            "the file holds no {ROOT} element: it is not an SSDA903 return in XML"
                        ),
                    );
                }
                break;
            }
            Err(e) => {
                let byte = reader.error_position();
                let at = locate(&mut reader, byte);
                let element = parser.path(None);
                parser.report(at, element, format!("the XML cannot be read: {e}"));
                break;
            }
        }
        if parser.errors.len() >= MAX_ERRORS {
            break;
        }
    }
    if parser.errors.len() >= MAX_ERRORS {
        parser.errors.push(ReadError {
            file: file.to_owned(),
            line: None,
            column: None,
            problem: format!("more problems follow; the first {MAX_ERRORS} are shown"),
        });
    }
    if parser.errors.is_empty() {
        Ok(parser.ret)
    } else {
        Err(parser.errors)
    }
}

fn refuse(problem: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, problem)
}

/// A child's Header row and its rows of the other tables.
type Family<'r> = (Row<'r>, Vec<(Table, Row<'r>)>);

/// Each Header row with the rows of the other tables for its child, in the
/// tables' order; or why the return cannot be written as XML.
fn arrange(ret: &Return) -> io::Result<Vec<Family<'_>>> {
    let header = ret.table(Table::Header);
    let header_rows: Vec<Row<'_>> = header.map_or_else(Vec::new, |h| h.rows().collect());
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(header_rows.len());
    for (i, row) in header_rows.iter().enumerate() {
        if let Some(first) = index.insert(row.get(0), i) {
            return Err(refuse(format!(
                "child {} is given twice in the Header table (lines {} and {})",
                row.get(0),
                header_rows[first].line(),
                row.line()
            )));
        }
    }
    let mut children: Vec<Family<'_>> = header_rows.iter().map(|&r| (r, Vec::new())).collect();
    for data in ret.tables.values().filter(|d| d.table != Table::Header) {
        let table = data.table;
        let dob = table.column_index("DOB");
        let sex = table.column_index("SEX");
        for row in data.rows() {
            let id = row.get(0);
            let Some(&i) = index.get(id) else {
                return Err(refuse(format!(
                    "{}, line {}: child {id} is not in the Header table, and the XML form keeps every row under its child",
                    data.file,
                    row.line()
                )));
            };
            let head = children[i].0;
            for (column, at) in [("DOB", dob), ("SEX", sex)] {
                let Some(at) = at else { continue };
                let own = Table::Header.column_index(column).expect("a Header column");
                if row.get(at) != head.get(own) {
                    return Err(refuse(format!(
                        "{}, line {}: child {id}'s {column} is '{}' here but '{}' in the Header table, and the XML form gives it once",
                        data.file,
                        row.line(),
                        row.get(at),
                        head.get(own)
                    )));
                }
            }
            if matches!(table, Table::Uasc | Table::Oc3 | Table::Ad1)
                && children[i].1.iter().any(|(t, _)| *t == table)
            {
                return Err(refuse(format!(
                    "{}, line {}: child {id} has a second {table} row, and the XML form holds one",
                    data.file,
                    row.line()
                )));
            }
            children[i].1.push((table, row));
        }
    }
    Ok(children)
}

fn leaf(out: &mut impl Write, indent: &str, name: &str, value: &str) -> io::Result<()> {
    if value.is_empty() {
        writeln!(out, "{indent}<{name}/>")
    } else {
        writeln!(
            out,
            "{indent}<{name}>{}</{name}>",
            quick_xml::escape::escape(value)
        )
    }
}

fn value<'r>(table: Table, row: Row<'r>, column: &str) -> &'r str {
    table.column_index(column).map_or("", |i| row.get(i))
}

/// Writes a return in its XML form. A return the form cannot hold is
/// refused (an error of kind `InvalidInput`) before anything is written.
pub fn write_xml(ret: &Return, out: impl Write) -> io::Result<()> {
    let children = arrange(ret)?;
    let mut out = io::BufWriter::new(out);
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(out, "<{ROOT}>")?;
    for (head, rows) in &children {
        let of = |table: Table| {
            rows.iter()
                .filter(move |(t, _)| *t == table)
                .map(|&(_, r)| r)
        };
        writeln!(out, "  <CHILD>")?;
        writeln!(out, "    <HEADER>")?;
        let flat = |out: &mut io::BufWriter<_>, table: Table, row: Row<'_>| -> io::Result<()> {
            for (element, _, column) in FLAT.iter().filter(|f| f.1 == table && !f.2.is_empty()) {
                leaf(out, "      ", element, value(table, row, column))?;
            }
            Ok(())
        };
        for (element, column) in [
            ("CHILDID", "CHILD"),
            ("UPN", "UPN"),
            ("SEX", "SEX"),
            ("DOB", "DOB"),
            ("ETHNIC", "ETHNIC"),
        ] {
            leaf(
                &mut out,
                "      ",
                element,
                value(Table::Header, *head, column),
            )?;
        }
        // The flag as read from XML; from CSV, 1 for a child with a UASC
        // row and 0 for one without.
        let uasc = of(Table::Uasc).next();
        let flag = match &ret.header_uasc {
            Some(flags) => flags.get(head.index()).map_or("", String::as_str),
            None if uasc.is_some() => "1",
            None => "0",
        };
        leaf(&mut out, "      ", "UASC", flag)?;
        if let Some(row) = uasc {
            leaf(&mut out, "      ", "DUC", value(Table::Uasc, row, "DUC"))?;
        }
        leaf(
            &mut out,
            "      ",
            "MOTHER",
            value(Table::Header, *head, "MOTHER"),
        )?;
        leaf(
            &mut out,
            "      ",
            "MC_DOB",
            value(Table::Header, *head, "MC_DOB"),
        )?;
        for table in [Table::Oc3, Table::Ad1] {
            if let Some(row) = of(table).next() {
                flat(&mut out, table, row)?;
            }
        }
        let group =
            |out: &mut io::BufWriter<_>, g: &Group, row: Row<'_>, indent: &str| -> io::Result<()> {
                writeln!(out, "{indent}<{}>", g.element)?;
                let inner = format!("{indent}  ");
                for (element, column) in g.fields {
                    leaf(out, &inner, element, value(g.table, row, column))?;
                }
                writeln!(out, "{indent}</{}>", g.element)
            };
        for g in GROUPS.iter().filter(|g| !g.in_child) {
            for row in of(g.table) {
                group(&mut out, g, row, "      ")?;
            }
        }
        writeln!(out, "    </HEADER>")?;
        for g in GROUPS.iter().filter(|g| g.in_child) {
            for row in of(g.table) {
                group(&mut out, g, row, "    ")?;
            }
        }
        writeln!(out, "  </CHILD>")?;
    }
    writeln!(out, "</{ROOT}>")?;
    out.flush()
}

/// Reads a return in its XML form from a file path.
pub(crate) fn read_xml_file(path: &std::path::Path) -> Result<Return, Vec<ReadError>> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let file = std::fs::File::open(path).map_err(|e| {
        vec![ReadError {
            file: name.clone(),
            line: None,
            column: None,
            problem: format!("the file cannot be opened: {e}"),
        }]
    })?;
    read_xml(&name, file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CollectionYear, export};
    use chrono::NaiveDate;
    use proptest::prelude::*;
    use test_support::synthetic::{CouncilSpec, generate};

    fn exported(year: i32) -> Return {
        let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
        let journeys = generate(&CouncilSpec::new(150, 7, as_of)).journeys;
        export(&journeys, CollectionYear::starting(year))
    }

    fn to_xml(ret: &Return) -> Vec<u8> {
        let mut out = Vec::new();
        write_xml(ret, &mut out).unwrap();
        out
    }

    fn messages(errors: &[ReadError]) -> Vec<String> {
        errors.iter().map(ToString::to_string).collect()
    }

    /// A child in the open validator's shape, with every part of the form.
    const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<EXPSSDA903>
  <CHILD>
    <HEADER>
      <CHILDID>C1</CHILDID><UPN>A123456789012</UPN><SEX>F</SEX>
      <DOB>2012-03-02</DOB><ETHNIC>WBRI</ETHNIC>
      <UASC>1</UASC><DUC>01/05/2030</DUC>
      <AREVIEW><REVIEW>28/01/2025</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>
      <AREVIEW><REVIEW>28/07/2025</REVIEW><REVIEW_CODE>PN3</REVIEW_CODE></AREVIEW>
      <MOTHER/><MC_DOB/>
      <OC2><SDQ_SCORE>18</SDQ_SCORE><CONVICTED>0</CONVICTED></OC2>
      <IN_TOUCH>YES</IN_TOUCH><ACTIV>F2</ACTIV><ACCOM>S</ACCOM>
      <DATE_INT>01/06/2024</DATE_INT><DATE_MATCH>01/07/2024</DATE_MATCH>
      <PERMANENCE><PREV_PERM>Z1</PREV_PERM><LA_PERM/><DATE_PERM/></PERMANENCE>
      <AD_PLACED><DATE_PLACED>01/08/2024</DATE_PLACED></AD_PLACED>
      <AMISSING><MISSING>M</MISSING><MIS_START>03/09/2024</MIS_START><MIS_END/></AMISSING>
      <SW_EPISODE><SW_ID>SW1</SW_ID><SW_DECOM>01/04/2024</SW_DECOM></SW_EPISODE>
    </HEADER>
    <EPISODE>
      <DECOM>2024-04-01</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U1</PL>
      <PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC/><REC/><REASON_PLACE_CHANGE/>
      <HOME_POST>AB1 2CD</HOME_POST><PL_POST>AB3 4EF</PL_POST><URN>SC&amp;1</URN>
    </EPISODE>
  </CHILD>
  <CHILD>
    <HEADER><CHILDID>C2</CHILDID><SEX>M</SEX><DOB>01/01/2010</DOB><UASC/></HEADER>
  </CHILD>
</EXPSSDA903>
"#;

    #[test]
    fn every_part_of_the_form_lands_in_its_table() {
        let ret = read_xml("return.xml", SAMPLE.as_bytes()).unwrap();
        let t = |table| ret.table(table).unwrap();
        let header = t(Table::Header);
        assert_eq!(header.len(), 2);
        assert_eq!(
            header.row(0).values().collect::<Vec<_>>(),
            ["C1", "F", "02/03/2012", "WBRI", "A123456789012", "", ""]
        );
        assert_eq!(header.line(0), 4);
        assert_eq!(header.file, "return.xml");
        assert_eq!(
            t(Table::Uasc).row(0).values().collect::<Vec<_>>(),
            ["C1", "F", "02/03/2012", "01/05/2030"]
        );
        assert_eq!(t(Table::Uasc).len(), 1);
        let reviews = t(Table::Reviews);
        assert_eq!(reviews.len(), 2);
        assert_eq!(reviews.value(1, "REVIEW_CODE"), "PN3");
        assert_eq!(reviews.value(1, "DOB"), "02/03/2012");
        assert_eq!(reviews.line(1), 9);
        assert_eq!(t(Table::Oc2).value(0, "SDQ_SCORE"), "18");
        assert_eq!(t(Table::Oc2).value(0, "SDQ_REASON"), "");
        assert_eq!(
            t(Table::Oc3).row(0).values().collect::<Vec<_>>(),
            ["C1", "02/03/2012", "YES", "F2", "S"]
        );
        assert_eq!(t(Table::Ad1).value(0, "DATE_MATCH"), "01/07/2024");
        assert_eq!(t(Table::Ad1).value(0, "NB_ADOPTR"), "");
        assert_eq!(t(Table::PrevPerm).value(0, "PREV_PERM"), "Z1");
        assert_eq!(
            t(Table::PlacedAdoption).value(0, "DATE_PLACED"),
            "01/08/2024"
        );
        assert_eq!(t(Table::Missing).value(0, "MIS_START"), "03/09/2024");
        assert_eq!(t(Table::SwEpisodes).value(0, "SW_ID"), "SW1");
        let episodes = t(Table::Episodes);
        assert_eq!(episodes.value(0, "CHILD"), "C1");
        assert_eq!(episodes.value(0, "DECOM"), "01/04/2024");
        assert_eq!(episodes.value(0, "PLACE"), "U1");
        assert_eq!(episodes.value(0, "URN"), "SC&1");
        assert_eq!(episodes.line(0), 19);
        assert_eq!(ret.tables.len(), 11);
    }

    #[test]
    fn a_return_written_as_xml_reads_back_as_the_same_tables() {
        for year in [2023, 2024, 2025] {
            let ret = exported(year);
            let back = read_xml("return.xml", to_xml(&ret).as_slice()).unwrap();
            for table in Table::ALL {
                let values = |r: &Return| -> Vec<Vec<String>> {
                    r.table(table)
                        .unwrap()
                        .rows()
                        .map(|r| r.values().map(str::to_owned).collect())
                        .collect()
                };
                assert_eq!(values(&back), values(&ret), "{year} {table}");
            }
            assert!(!back.table(Table::Episodes).unwrap().is_empty());
            // And writing it again gives the same document.
            assert_eq!(to_xml(&back), to_xml(&ret), "{year}");
        }
    }

    #[test]
    fn a_folder_holding_one_xml_file_is_read_as_the_return() {
        let ret = exported(2024);
        let dir = std::env::temp_dir().join(format!("permanence_903_xml_{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("return.xml"), to_xml(&ret)).unwrap();
        let back = crate::read_dir(&dir).unwrap();
        assert_eq!(back.tables.len(), 11);
        let by_path = crate::read_dir(&dir.join("return.xml")).unwrap();
        assert_eq!(by_path, back);
        std::fs::write(dir.join("Header.csv"), "CHILD\n").unwrap();
        let mixed = crate::read_dir(&dir).unwrap_err();
        assert!(
            mixed[0].problem.contains("both .csv and .xml"),
            "{}",
            mixed[0]
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn an_uploaded_xml_file_is_read_among_named_files() {
        let ret = exported(2024);
        let back =
            crate::read_files([("return.xml".to_owned(), std::io::Cursor::new(to_xml(&ret)))])
                .unwrap();
        assert_eq!(back.tables.len(), 11);
    }

    #[test]
    fn unknown_misplaced_and_missing_elements_are_reported_where_they_are() {
        let xml = "<EXPSSDA903>\n<CHILD>\n<HEADER><CHILDID>C1</CHILDID><DOB>01/01/2010</DOB>\n<FAVOURITE>blue</FAVOURITE>\n<DECOM>01/04/2024</DECOM></HEADER>\n<EPISODE><RNE>S</RNE></EPISODE>\n</CHILD>\n<CHILD><HEADER><DOB>01/01/2011</DOB></HEADER></CHILD>\n</EXPSSDA903>\n";
        let errors = read_xml("r.xml", xml.as_bytes()).unwrap_err();
        assert_eq!(
            messages(&errors),
            [
                "r.xml, line 4, column 1: CHILD/HEADER/FAVOURITE: FAVOURITE is not an element of HEADER in the SSDA903 return",
                "r.xml, line 5, column 1: CHILD/HEADER/DECOM: DECOM is not an element of HEADER; it belongs in EPISODE",
                "r.xml, line 6, column 1: CHILD/EPISODE: EPISODE needs a DECOM element, and it is missing",
                "r.xml, line 8, column 8: CHILD/HEADER: HEADER needs a CHILDID element, and it is missing",
            ]
        );
    }

    #[test]
    fn an_element_twice_and_text_out_of_place_are_reported() {
        let xml = "<EXPSSDA903><CHILD><HEADER><CHILDID>C1</CHILDID><CHILDID>C2</CHILDID><DOB>01/01/2010</DOB>stray<UASC>Y</UASC></HEADER></CHILD></EXPSSDA903>";
        let errors = messages(&read_xml("r.xml", xml.as_bytes()).unwrap_err());
        // A UASC flag other than 0 or 1 is read as written, for rule 105.
        assert_eq!(errors.len(), 2, "{errors:#?}");
        assert!(
            errors[0].contains("CHILDID appears twice in HEADER"),
            "{}",
            errors[0]
        );
        assert!(
            errors[1].contains("the text 'stray' is outside"),
            "{}",
            errors[1]
        );
    }

    #[test]
    fn the_uasc_flag_is_kept_as_written_and_a_date_ceased_without_it_keeps_its_row() {
        let xml = "<EXPSSDA903>\
            <CHILD><HEADER><CHILDID>C1</CHILDID><DOB>01/01/2010</DOB><UASC>Y</UASC></HEADER></CHILD>\
            <CHILD><HEADER><CHILDID>C2</CHILDID><DOB>01/01/2010</DOB><UASC>0</UASC><DUC>01/05/2024</DUC></HEADER></CHILD>\
            <CHILD><HEADER><CHILDID>C3</CHILDID><DOB>01/01/2010</DOB><UASC>1</UASC><DUC/></HEADER></CHILD>\
            </EXPSSDA903>";
        let ret = read_xml("r.xml", xml.as_bytes()).unwrap();
        assert_eq!(
            ret.header_uasc,
            Some(vec!["Y".into(), "0".into(), "1".into()])
        );
        let uasc = ret.table(Table::Uasc).unwrap();
        let children: Vec<&str> = (0..uasc.len()).map(|r| uasc.value(r, "CHILD")).collect();
        assert_eq!(children, ["C2", "C3"]);
        // Written back as read, flags and all.
        let mut once = Vec::new();
        write_xml(&ret, &mut once).unwrap();
        let back = read_xml("r.xml", once.as_slice()).unwrap();
        assert_eq!(back.header_uasc, ret.header_uasc);
        let mut twice = Vec::new();
        write_xml(&back, &mut twice).unwrap();
        assert_eq!(
            String::from_utf8(twice).unwrap(),
            String::from_utf8(once).unwrap()
        );
    }

    #[test]
    fn broken_xml_is_reported_with_its_line() {
        let xml =
            "<EXPSSDA903>\n<CHILD>\n<HEADER><CHILDID>C1</DOB></HEADER>\n</CHILD>\n</EXPSSDA903>\n";
        let errors = read_xml("r.xml", xml.as_bytes()).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(3));
        assert!(
            errors[0].problem.contains("cannot be read"),
            "{}",
            errors[0]
        );
        let cut = read_xml("r.xml", "<EXPSSDA903>\n<CHILD>".as_bytes()).unwrap_err();
        assert!(cut[0].problem.contains("ends inside CHILD"), "{}", cut[0]);
        let other = read_xml("r.xml", "<Message/>".as_bytes()).unwrap_err();
        assert!(
            other[0].problem.contains("not an SSDA903 return"),
            "{}",
            other[0]
        );
        let empty = read_xml("r.xml", "".as_bytes()).unwrap_err();
        assert!(
            empty[0].problem.contains("holds no EXPSSDA903"),
            "{}",
            empty[0]
        );
        let bytes = b"<EXPSSDA903><CHILD><HEADER><CHILDID>C\xff1</CHILDID>".as_slice();
        let latin = read_xml("r.xml", bytes).unwrap_err();
        assert!(latin[0].problem.contains("UTF-8"), "{}", latin[0]);
    }

    #[test]
    fn a_return_the_form_cannot_hold_is_refused_not_changed() {
        let mut ret = exported(2024);
        let reviews = ret.tables.get_mut(&Table::Reviews).unwrap();
        reviews.push(vec![
            "NOBODY".into(),
            "01/01/2010".into(),
            "01/05/2024".into(),
            "PN1".into(),
        ]);
        let e = write_xml(&ret, Vec::new()).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
        assert!(
            e.to_string().contains("NOBODY is not in the Header table"),
            "{e}"
        );

        let mut ret = exported(2024);
        let header: Vec<String> = ret.tables[&Table::Header]
            .row(0)
            .values()
            .map(str::to_owned)
            .collect();
        let uasc = ret.tables.get_mut(&Table::Uasc).unwrap();
        uasc.push(vec![
            header[0].clone(),
            header[1].clone(),
            "02/02/2002".into(),
            String::new(),
        ]);
        let e = write_xml(&ret, Vec::new()).unwrap_err();
        assert!(e.to_string().contains("DOB is '02/02/2002' here"), "{e}");
    }

    #[test]
    fn dates_of_the_schema_type_become_the_tables_dates() {
        assert_eq!(table_date("2024-05-01".into()), "01/05/2024");
        assert_eq!(table_date("2024-02-30".into()), "2024-02-30");
        assert_eq!(table_date("01/05/2024".into()), "01/05/2024");
        assert_eq!(table_date("2024-5-1".into()), "2024-5-1");
    }

    /// A small valid document to mutate.
    fn valid() -> Vec<u8> {
        SAMPLE.as_bytes().to_vec()
    }

    proptest! {
        /// The reader never panics, whatever bytes it is given.
        #[test]
        fn reading_any_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let _ = read_xml("fuzz.xml", bytes.as_slice());
        }

        /// Nor a valid document with bytes cut, replaced, inserted or moved.
        #[test]
        fn reading_a_mutated_return_never_panics(
            edits in proptest::collection::vec((0usize..4, any::<usize>(), any::<usize>(), proptest::collection::vec(any::<u8>(), 0..8)), 1..8)
        ) {
            let mut doc = valid();
            for (kind, a, b, bytes) in edits {
                let n = doc.len().max(1);
                let (i, j) = (a % n, b % n);
                let (lo, hi) = (i.min(j).min(doc.len()), i.max(j).min(doc.len()));
                match kind {
                    0 => { doc.drain(lo..hi.min(lo + 40)); }
                    1 => { doc.splice(lo..lo, bytes); }
                    2 => {
                        for (k, byte) in bytes.into_iter().enumerate() {
                            if let Some(x) = doc.get_mut(lo + k) { *x = byte; }
                        }
                    }
                    _ => {
                        let piece: Vec<u8> = doc[lo..hi.min(lo + 60)].to_vec();
                        let at = j.min(doc.len());
                        doc.splice(at..at, piece);
                    }
                }
            }
            let _ = read_xml("fuzz.xml", doc.as_slice());
        }

        /// Nor any text made of the form's own pieces.
        #[test]
        fn reading_any_arrangement_of_the_forms_tags_never_panics(
            parts in proptest::collection::vec(prop_oneof![
                Just("<CHILD>"), Just("</CHILD>"), Just("<HEADER>"), Just("</HEADER>"),
                Just("<EPISODE>"), Just("</EPISODE>"), Just("<CHILDID>C1</CHILDID>"),
                Just("<DOB>2010-01-01</DOB>"), Just("<DECOM/>"), Just("<UASC>1</UASC>"),
                Just("<AREVIEW>"), Just("</AREVIEW>"), Just("&amp;"), Just("&#0;"), Just("&bogus;"),
                Just("text"), Just("<![CDATA[x]]>"), Just("<!-- c -->"), Just("\n"),
            ], 0..40)
        ) {
            let doc = format!("<EXPSSDA903>{}</EXPSSDA903>", parts.concat());
            let _ = read_xml("fuzz.xml", doc.as_bytes());
        }
    }
}
