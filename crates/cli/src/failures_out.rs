//! The failures of `permanence 903 validate` as JSON or CSV.
//!
//! All England's return can fail half a million times (about 95 MB of
//! JSON), so the JSON is written without a serializer's work for each
//! failure: a rule's code, table and message are the same for many
//! failures in a row, so their JSON is made once and copied. The text is
//! byte for byte what `serde_json` writes for a [`Failure`] (tested).

use std::io::Write;

use ssda903::validate::Failure;

/// Writes failures as JSON objects separated by commas, as `serde_json`
/// writes them in an array, keeping what it can between calls.
#[derive(Default)]
pub struct JsonFailures {
    /// The rule and table of `head`, by address and length (they are
    /// `'static`).
    head_of: Option<[(usize, usize); 2]>,
    /// `{"rule":"...","table":"...","child":`
    head: Vec<u8>,
    /// The message of `tail`, by address and length.
    tail_of: Option<(usize, usize)>,
    /// `,"message":"..."}`
    tail: Vec<u8>,
    /// Whether a failure has been written (the next needs a comma).
    any: bool,
}

impl JsonFailures {
    /// Writes each failure, after a comma if any was written before.
    pub fn write(&mut self, out: &mut impl Write, failures: &[Failure]) -> std::io::Result<()> {
        for f in failures {
            if self.any {
                out.write_all(b",")?;
            }
            self.any = true;
            let key = [at(f.rule), at(f.table)];
            if self.head_of != Some(key) || self.head.is_empty() {
                self.head.clear();
                self.head.extend_from_slice(b"{\"rule\":");
                serde_json::to_writer(&mut self.head, f.rule)?;
                self.head.extend_from_slice(b",\"table\":");
                serde_json::to_writer(&mut self.head, f.table)?;
                self.head.extend_from_slice(b",\"child\":");
                self.head_of = Some(key);
            }
            if self.tail_of != Some(at(f.message)) || self.tail.is_empty() {
                self.tail.clear();
                self.tail.extend_from_slice(b",\"message\":");
                serde_json::to_writer(&mut self.tail, f.message)?;
                self.tail.push(b'}');
                self.tail_of = Some(at(f.message));
            }
            out.write_all(&self.head)?;
            match &f.child {
                Some(child) => string(out, child)?,
                None => out.write_all(b"null")?,
            }
            out.write_all(b",\"row\":")?;
            number(out, f.row.map(|r| r as u64))?;
            out.write_all(b",\"line\":")?;
            number(out, f.line)?;
            out.write_all(&self.tail)?;
        }
        Ok(())
    }
}

/// Where a text is and how long: the same for the same `'static` text.
fn at(s: &'static str) -> (usize, usize) {
    (s.as_ptr() as usize, s.len())
}

/// A JSON string: as it is between quotes when nothing in it needs
/// escaping (a child's identifier nearly always), else as `serde_json`
/// escapes it.
fn string(out: &mut impl Write, s: &str) -> std::io::Result<()> {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.write_all(b"\"")?;
        out.write_all(s.as_bytes())?;
        out.write_all(b"\"")
    } else {
        serde_json::to_writer(out, s).map_err(std::io::Error::other)
    }
}

/// A whole number, or `null`.
fn number(out: &mut impl Write, n: Option<u64>) -> std::io::Result<()> {
    let Some(mut n) = n else {
        return out.write_all(b"null");
    };
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.write_all(&digits[at..])
}

/// The failures as CSV, one line each.
pub fn write_csv(out: &mut impl Write, failures: &[Failure]) -> std::io::Result<()> {
    for f in failures {
        writeln!(
            out,
            "{},{},{},{},{},{}",
            f.rule,
            f.table,
            web::csv_field(f.child.as_deref().unwrap_or("")),
            f.row.map(|r| r.to_string()).unwrap_or_default(),
            f.line.map(|l| l.to_string()).unwrap_or_default(),
            web::csv_field(f.message)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(child: Option<&str>, row: Option<usize>, line: Option<u64>) -> Failure {
        Failure {
            rule: "392c",
            table: "Episodes",
            child: child.map(str::to_owned),
            row,
            line,
            message: "A \"quoted\" message \\ with é and\ta tab",
        }
    }

    #[test]
    fn failures_are_written_as_serde_json_writes_them() {
        let failures = vec![
            failure(Some("123"), Some(0), Some(2)),
            failure(Some("a\"b\\c\u{1}é"), Some(18_446_744), Some(u64::MAX)),
            failure(None, None, None),
            Failure {
                rule: "103",
                table: "Header",
                message: "Another",
                ..failure(Some(""), Some(10), Some(100))
            },
            failure(Some("9"), Some(9), Some(10)),
        ];
        let mut ours = Vec::new();
        let mut writer = JsonFailures::default();
        writer.write(&mut ours, &failures[..2]).expect("to memory");
        writer.write(&mut ours, &[]).expect("to memory");
        writer.write(&mut ours, &failures[2..]).expect("to memory");
        let expected = serde_json::to_string(&failures).expect("serializable");
        assert_eq!(
            format!("[{}]", String::from_utf8(ours).expect("UTF-8")),
            expected
        );
    }
}
