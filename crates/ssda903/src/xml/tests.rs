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
        crate::read_files([("return.xml".to_owned(), std::io::Cursor::new(to_xml(&ret)))]).unwrap();
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
