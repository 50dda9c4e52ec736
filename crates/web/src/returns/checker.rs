//! Where a return is checked. Reading a return holds all its tables in
//! memory (a 200 MB Header table takes gigabytes), so `serve` checks it in a
//! child process of its own executable, `permanence 903 validate --format
//! json`, on the uploaded files, and reads the failures it prints one by one
//! into a [`Checked`] summary whose kept failures stay within the reports'
//! budget: the server's memory does not grow with the return. Only where
//! there is no such executable (the web crate's own tests) is the return
//! checked in this process.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::LazyLock;

use serde::de::{DeserializeSeed, Error as _, SeqAccess, Visitor};
use ssda903::validate::{Failure, Given, RULES, Rule};

use super::ReturnFiles;
use crate::ui::FieldError;
use crate::upload::UploadedFile;

/// How the check page checks a return.
#[derive(Clone, Debug)]
pub enum Checker {
    /// In the server's own process (the return's tables in its memory).
    InProcess,
    /// In a child process: the `permanence` executable, and the ONS postcode
    /// directory it is to load (the server's, if it has one).
    Subprocess {
        program: PathBuf,
        postcodes: Option<PathBuf>,
    },
}

/// A rule's failures on the page: how many, its message, the tables and the
/// first children.
pub(super) struct RuleCount {
    pub count: usize,
    pub message: &'static str,
    pub tables: Vec<&'static str>,
    pub children: Vec<String>,
}

/// What checking a return found: the rules run and not run, the failures
/// counted by rule, and the failures themselves while they fit the kept
/// reports' budget (`None` once they do not).
pub(super) struct Checked {
    pub ran: usize,
    pub not_run: Vec<(&'static str, &'static str)>,
    pub by_rule: BTreeMap<&'static str, RuleCount>,
    pub total: usize,
    pub failures: Option<Vec<Failure>>,
    bytes: usize,
}

impl Checked {
    pub(super) fn new(ran: usize, not_run: Vec<(&'static str, &'static str)>) -> Self {
        Self {
            ran,
            not_run,
            by_rule: BTreeMap::new(),
            total: 0,
            failures: Some(Vec::new()),
            bytes: 0,
        }
    }

    /// A validation's report, counted.
    pub(super) fn of(report: ssda903::validate::Report) -> Self {
        let mut checked = Self::new(report.ran, report.not_run);
        for f in report.failures {
            checked.add(f);
        }
        checked
    }

    /// Counts a failure, and keeps it while the failures fit the budget.
    pub(super) fn add(&mut self, f: Failure) {
        self.total += 1;
        let rule = self.by_rule.entry(f.rule).or_insert(RuleCount {
            count: 0,
            message: f.message,
            tables: Vec::new(),
            children: Vec::new(),
        });
        rule.count += 1;
        if !rule.tables.contains(&f.table) {
            rule.tables.push(f.table);
        }
        if let Some(child) = f.child.as_ref().filter(|_| rule.children.len() < 5) {
            rule.children.push(child.clone());
        }
        self.bytes += super::kept::size_of_failure(&f);
        if self.bytes > super::kept::BUDGET {
            self.failures = None;
        }
        if let Some(kept) = &mut self.failures {
            kept.push(f);
        }
    }
}

/// A failure as `903 validate --format json` prints it.
#[derive(serde::Deserialize)]
struct Printed {
    rule: String,
    table: String,
    child: Option<String>,
    row: Option<usize>,
    line: Option<u64>,
    message: String,
}

/// The rules by code and message (a code can have a different message in
/// another year).
static BY_CODE: LazyLock<HashMap<(&'static str, &'static str), &'static Rule>> =
    LazyLock::new(|| RULES.iter().map(|r| ((r.code, r.message), *r)).collect());

impl Printed {
    /// The failure, with its rule's code and message and its table's name
    /// as this build knows them; `None` for a rule or table it does not.
    fn failure(self) -> Option<Failure> {
        let rule = BY_CODE.get(&(self.rule.as_str(), self.message.as_str()))?;
        let table = ssda903::Table::EVERY
            .iter()
            .map(|t| t.name())
            .find(|name| *name == self.table)?;
        Some(Failure {
            rule: rule.code,
            table,
            child: self.child,
            row: self.row,
            line: self.line,
            message: rule.message,
        })
    }
}

/// Reads the printed array of failures into a [`Checked`], one at a time.
struct Counting<'a>(&'a mut Checked);

impl<'de> DeserializeSeed<'de> for Counting<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Counting<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an array of failures")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(printed) = seq.next_element::<Printed>()? {
            let rule = printed.rule.clone();
            let failure = printed
                .failure()
                .ok_or_else(|| A::Error::custom(format!("an unknown rule or table ({rule})")))?;
            self.0.add(failure);
        }
        Ok(())
    }
}

/// A folder of its own for one check's files, removed when dropped.
struct Folder(PathBuf);

impl Folder {
    fn new() -> std::io::Result<Self> {
        let path = std::env::temp_dir().join(format!(
            "permanence-check-{}-{}",
            std::process::id(),
            app::auth::new_token()
        ));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder.create(&path)?;
        Ok(Self(path))
    }

    /// Puts uploaded files, under their own names, in the subfolder `sub`
    /// (linked, not copied); returns their paths there.
    fn place(&self, sub: &str, files: &[UploadedFile]) -> std::io::Result<Vec<PathBuf>> {
        let dir = self.0.join(sub);
        std::fs::create_dir(&dir)?;
        let mut placed = Vec::new();
        for (n, f) in files.iter().enumerate() {
            let mut name = safe_name(&f.name);
            if placed.iter().any(|p: &PathBuf| p.ends_with(&name)) {
                name = format!("{n}-{name}");
            }
            let path = dir.join(&name);
            if std::fs::hard_link(f.path(), &path).is_err() {
                std::fs::copy(f.path(), &path)?;
            }
            placed.push(path);
        }
        Ok(placed)
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A file name safe to create: the last part of the name the user's
/// computer gave, letters, digits, `.`, `-`, `_` and spaces only, ending in
/// `.csv` unless it is `.xml` or `.xlsx` (the check reads any other file as
/// CSV, as in this process).
fn safe_name(given: &str) -> String {
    let last = given.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut name: String = last
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty() || name.starts_with('.') {
        name.insert_str(0, "file");
    }
    let lower = name.to_ascii_lowercase();
    if ![".csv", ".xml", ".xlsx"].iter().any(|e| lower.ends_with(e)) {
        name.push_str(".csv");
    }
    name
}

/// The problem with the whole upload, against this year's files.
fn trouble(message: String) -> Vec<FieldError> {
    vec![FieldError {
        field: "check-current",
        message,
    }]
}

/// Checks a return in a child process: `program 903 validate` on the files.
pub(super) fn in_child(
    (program, postcodes): (&Path, Option<&Path>),
    files: &ReturnFiles,
    year: ssda903::CollectionYear,
    la: &str,
) -> Result<Checked, Vec<FieldError>> {
    let unsaved = |e: std::io::Error| {
        trouble(format!(
            "The files could not be set out for checking ({e}); try again later"
        ))
    };
    let folder = Folder::new().map_err(unsaved)?;
    folder.place("current", &files.current).map_err(unsaved)?;
    let mut command = Command::new(program);
    command
        .args(["903", "validate"])
        .arg(folder.0.join("current"));
    command.args(["--format", "json", "--year", &year.to_string(), "--la", la]);
    if !files.previous.is_empty() {
        folder.place("previous", &files.previous).map_err(unsaved)?;
        command.arg("--previous").arg(folder.0.join("previous"));
    }
    for path in folder
        .place("providers", &files.provider_lists)
        .map_err(unsaved)?
    {
        command.arg("--providers").arg(path);
    }
    if let Some(p) = postcodes {
        command.arg("--postcodes").arg(p);
    }
    let given = Given {
        previous: !files.previous.is_empty(),
        postcodes: postcodes.is_some(),
        providers: !files.provider_lists.is_empty(),
    };
    let (ran, not_run) = ssda903::validate::plan_for(year, given);
    let mut checked = Checked::new(ran, not_run);
    let stopped = |why: String| {
        trouble(format!(
            "The check stopped before it finished ({why}); try again, or run `permanence 903 validate` on the files"
        ))
    };
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| stopped(format!("the checker could not be started: {e}")))?;
    let stderr = child.stderr.take().expect("standard error is piped");
    let errors = std::thread::spawn(move || first_bytes(stderr, 256 * 1024));
    let stdout = child.stdout.take().expect("standard output is piped");
    let mut reader = std::io::BufReader::with_capacity(1 << 16, stdout);
    let printed = read_failures(&mut reader, &mut checked);
    drop(reader);
    let status = child.wait().map_err(|e| stopped(e.to_string()))?;
    let errors = errors.join().unwrap_or_default();
    match status.code() {
        Some(0 | 1) => printed.map(|()| checked).map_err(stopped),
        Some(2) => Err(read_errors(&errors, &folder.0, files)),
        Some(code) => Err(stopped(format!("the checker exited with {code}"))),
        None => Err(stopped("the checker was stopped by a signal".into())),
    }
}

/// Reads the printed failures, if any were printed.
fn read_failures(
    reader: &mut std::io::BufReader<impl Read>,
    checked: &mut Checked,
) -> Result<(), String> {
    use std::io::BufRead;
    if reader.fill_buf().map_err(|e| e.to_string())?.is_empty() {
        return Err("the checker printed nothing".into());
    }
    let mut json = serde_json::Deserializer::from_reader(reader);
    Counting(checked)
        .deserialize(&mut json)
        .map_err(|e| format!("its output could not be read: {e}"))
}

/// The first `limit` bytes of a stream as text, the rest read and dropped.
fn first_bytes(stream: impl Read, limit: u64) -> String {
    let mut stream = stream;
    let mut text = Vec::new();
    let _ = (&mut stream).take(limit).read_to_end(&mut text);
    let _ = std::io::copy(&mut stream, &mut std::io::sink());
    String::from_utf8_lossy(&text).into_owned()
}

/// The problems the checker found reading the files, one a line, against
/// the field whose files they name, without the check's folder.
fn read_errors(printed: &str, folder: &Path, files: &ReturnFiles) -> Vec<FieldError> {
    let prefix = |sub: &str| format!("{}/", folder.join(sub).display());
    let mut by_field: Vec<(&'static str, Vec<String>)> = Vec::new();
    for line in printed.lines().filter(|l| !l.trim().is_empty()) {
        let names = |files: &[UploadedFile]| files.iter().any(|f| line.starts_with(&f.name));
        let (field, text) = if let Some(rest) = line.strip_prefix(&prefix("providers")) {
            ("check-providers", rest.to_owned())
        } else if let Some(rest) = line.strip_prefix(&prefix("previous")) {
            ("check-previous", rest.to_owned())
        } else if names(&files.previous) && !names(&files.current) {
            ("check-previous", line.to_owned())
        } else {
            ("check-current", line.replace(&prefix("current"), ""))
        };
        let text = text.replace(&folder.display().to_string(), "the upload");
        match by_field.iter_mut().find(|(f, _)| *f == field) {
            Some((_, lines)) => lines.push(text),
            None => by_field.push((field, vec![text])),
        }
    }
    if by_field.is_empty() {
        return trouble("The files could not be read for checking".into());
    }
    by_field
        .into_iter()
        .flat_map(|(field, lines)| super::listed(field, &lines, "more problems with the files"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn security_upload_names_cannot_leave_the_check_folder() {
        assert_eq!(safe_name("../../etc/passwd"), "passwd.csv");
        assert_eq!(safe_name("C:\\returns\\Header.CSV"), "Header.CSV");
        assert_eq!(safe_name(".."), "file...csv");
        assert_eq!(safe_name("return.xml"), "return.xml");
        assert_eq!(safe_name("a;b$(c).csv"), "a_b__c_.csv");
    }

    #[test]
    fn security_printed_failures_are_counted_and_kept_within_the_budget() {
        let rule = RULES[0];
        let one = format!(
            r#"{{"rule":"{}","table":"Header","child":"C1","row":0,"line":2,"message":{}}}"#,
            rule.code,
            serde_json::to_string(rule.message).unwrap()
        );
        let json = format!("[{}]", vec![one; 7].join(","));
        let mut checked = Checked::new(1, Vec::new());
        let mut reader = std::io::BufReader::new(json.as_bytes());
        read_failures(&mut reader, &mut checked).unwrap();
        assert_eq!(checked.total, 7);
        assert_eq!(checked.by_rule[rule.code].count, 7);
        assert_eq!(checked.by_rule[rule.code].message, rule.message);
        assert_eq!(checked.failures.as_ref().map(Vec::len), Some(7));
        // Past the budget the failures are counted, no longer kept.
        let mut many = Checked::new(1, Vec::new());
        let past = super::super::kept::BUDGET / std::mem::size_of::<Failure>() + 1;
        for row in 0..past {
            many.add(Failure {
                rule: rule.code,
                table: "Header",
                child: None,
                row: Some(row),
                line: None,
                message: rule.message,
            });
        }
        assert_eq!(many.total, past);
        assert_eq!(many.by_rule[rule.code].count, past);
        assert!(
            many.failures.is_none(),
            "failures past the budget were kept"
        );
        let unknown = r#"[{"rule":"no such rule","table":"Header","child":null,"row":null,"line":null,"message":"m"}]"#;
        let mut reader = std::io::BufReader::new(unknown.as_bytes());
        assert!(read_failures(&mut reader, &mut Checked::new(0, Vec::new())).is_err());
    }
}
