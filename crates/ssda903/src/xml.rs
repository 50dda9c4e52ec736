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

mod write;

pub use write::write_xml;

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
mod tests;
