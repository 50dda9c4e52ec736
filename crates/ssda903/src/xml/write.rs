//! Writing a return in its XML form (see the parent module).

use super::*;

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
