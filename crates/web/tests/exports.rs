//! Exports people open (issue 16, item 6), read back as a spreadsheet
//! program reads them: the CSV by a CSV reader (a byte-order mark, ISO
//! dates), the XLSX by `calamine` (dates as dates, numbers as numbers).

mod site;
use site::*;

use calamine::{Data, Reader};

/// The first sheet of an XLSX download, row by row.
fn sheet(bytes: &[u8]) -> Vec<Vec<Data>> {
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("an XLSX file");
    let range = book
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("readable");
    range.rows().map(<[Data]>::to_vec).collect()
}

/// The column of a header row.
fn column(header: &[Data], name: &str) -> usize {
    header
        .iter()
        .position(|h| matches!(h, Data::String(s) if s == name))
        .unwrap_or_else(|| panic!("no column {name}"))
}

test_support::on_both_backends! {
    fn the_children_csv_has_a_byte_order_mark_and_iso_dates_and_the_xlsx_real_dates(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::ServiceManager));
        let page = s.send("GET", "/", &session, None);
        assert!(page.body.contains("as a spreadsheet (XLSX)"));
        let csv = s.send("GET", "/?format=csv", &session, None);
        assert!(csv.bytes.starts_with(b"\xEF\xBB\xBF"), "a UTF-8 byte-order mark");
        let mut reader = csv::Reader::from_reader(&csv.bytes[3..]);
        let headers = reader.headers().unwrap().clone();
        let dob = headers.iter().position(|h| h == "date_of_birth").unwrap();
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert!(!records.is_empty());
        for r in &records {
            domain::time::parse_iso_date("date of birth", &r[dob]).expect("an ISO date");
        }

        let xlsx = s.send("GET", "/?format=xlsx", &session, None);
        assert_eq!(xlsx.status, StatusCode::OK);
        assert_eq!(xlsx.headers[header::CONTENT_TYPE], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        let rows = sheet(&xlsx.bytes);
        let (head, body) = rows.split_first().unwrap();
        let dob_x = column(head, "date_of_birth");
        assert_eq!(body.len(), records.len());
        for (row, record) in body.iter().zip(&records) {
            let Data::DateTime(d) = &row[dob_x] else { panic!("a date cell, not {:?}", row[dob_x]) };
            assert_eq!(d.as_datetime().unwrap().date().format("%Y-%m-%d").to_string(), record[dob]);
        }
        assert_eq!(s.audit("export"), 2, "both downloads audited");
    }

    fn the_tracking_xlsx_holds_days_as_numbers_and_due_dates_as_dates(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::ServiceManager));
        let page = s.send("GET", "/tracking", &session, None);
        let link = page.body.split("href=\"").find(|p| p.starts_with("/tracking?") && p.contains("format=xlsx")).expect("an XLSX link").split('"').next().unwrap().replace("&amp;", "&").replace("&#38;", "&");
        let xlsx = s.send("GET", &link, &session, None);
        assert_eq!(xlsx.headers[header::CONTENT_TYPE], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "{link}: {}", excerpt(&xlsx.body));
        let rows = sheet(&xlsx.bytes);
        let (head, body) = rows.split_first().unwrap();
        let (days, due, left) = (column(head, "Days in care"), column(head, "Due"), column(head, "Days left"));
        assert!(body.iter().any(|r| matches!(r[days], Data::Float(_) | Data::Int(_))), "days in care as numbers");
        assert!(body.iter().all(|r| matches!(r[days], Data::Float(_) | Data::Int(_) | Data::Empty)));
        assert!(body.iter().all(|r| matches!(r[due], Data::DateTime(_) | Data::Empty)), "due dates as dates");
        assert!(body.iter().all(|r| matches!(r[left], Data::Float(_) | Data::Int(_) | Data::Empty)));
        let csv = s.send("GET", &link.replace("format=xlsx", "format=csv"), &session, None);
        let mut reader = csv::Reader::from_reader(&csv.bytes[3..]);
        let dues: Vec<String> = reader.records().map(|r| r.unwrap()[due].to_owned()).collect();
        assert!(dues.iter().all(|d| d.is_empty() || domain::time::parse_iso_date("due", d).is_ok()), "{dues:?}");
    }

    fn the_worklist_exports_due_dates_as_dates_and_days_left_as_numbers_with_children_and_workers_by_name(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::TeamManager));
        let page = s.send("GET", "/worklist", &session, None);
        let link = page.body.split("href=\"").find(|p| p.starts_with("/worklist?") && p.contains("format=xlsx")).expect("an XLSX link").split('"').next().unwrap().replace("&amp;", "&").replace("&#38;", "&");
        let xlsx = s.send("GET", &link, &session, None);
        assert_eq!(xlsx.headers[header::CONTENT_TYPE], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "{link}: {}", excerpt(&xlsx.body));
        let rows = sheet(&xlsx.bytes);
        let (head, body) = rows.split_first().unwrap();
        let (name, due, left) = (column(head, "Name"), column(head, "Due"), column(head, "Days left"));
        assert!(!body.is_empty());
        assert!(body.iter().all(|r| matches!(r[due], Data::DateTime(_))), "due dates as dates");
        assert!(body.iter().all(|r| matches!(r[left], Data::Float(_) | Data::Int(_))), "days left as numbers");
        assert!(body.iter().any(|r| matches!(&r[left], Data::Float(f) if *f < 0.0)), "overdue as a negative number, not text");
        assert!(body.iter().all(|r| matches!(&r[name], Data::String(n) if n.contains(' '))), "children by name");
        let csv = s.send("GET", &link.replace("format=xlsx", "format=csv"), &session, None);
        assert!(csv.bytes.starts_with(b"\xEF\xBB\xBF"), "a UTF-8 byte-order mark");
        let mut reader = csv::Reader::from_reader(&csv.bytes[3..]);
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), body.len());
        for r in &records {
            domain::time::parse_iso_date("due", &r[due]).expect("an ISO date");
            r[left].parse::<i64>().expect("a number of days");
        }
    }

    fn the_audit_log_xlsx_holds_times_as_dates(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::Auditor));
        let page = s.send("GET", "/audit", &session, None);
        assert!(page.body.contains("as a spreadsheet (XLSX)"));
        let xlsx = s.send("GET", "/audit?format=xlsx", &session, None);
        let rows = sheet(&xlsx.bytes);
        let (head, body) = rows.split_first().unwrap();
        let when = column(head, "When (UK time)");
        assert!(!body.is_empty());
        assert!(body.iter().all(|r| matches!(r[when], Data::DateTime(_))), "{:?}", body[0]);
    }
}
