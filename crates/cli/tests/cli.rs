//! The `permanence` binary as a user runs it.

use std::process::{Command, Output};

fn permanence(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_permanence"))
        .args(args)
        .env_remove("DATABASE_URL")
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

struct TempDb(std::path::PathBuf);

impl TempDb {
    fn new(name: &str) -> Self {
        Self(std::env::temp_dir().join(format!(
            "permanence_cli_{}_{name}.sqlite3",
            std::process::id()
        )))
    }
    fn url(&self) -> String {
        format!("sqlite:{}", self.0.display())
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = self.0.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
    }
}

#[test]
fn bank_holidays_print_one_iso_date_a_line() {
    let out = permanence(&["calendar", "bank-holidays", "--year", "2022"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "2022-01-03\n2022-04-15\n2022-04-18\n2022-05-02\n2022-06-02\n2022-06-03\n2022-08-29\n2022-09-19\n2022-12-26\n2022-12-27\n"
    );
}

#[test]
fn working_days_are_added_across_christmas() {
    let out = permanence(&[
        "calendar",
        "add-working-days",
        "--from",
        "2025-12-15",
        "--days",
        "20",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "2026-01-15\n");
}

#[test]
fn a_date_that_does_not_exist_is_refused_with_its_flag_named() {
    let out = permanence(&[
        "calendar",
        "add-working-days",
        "--from",
        "2026-02-30",
        "--days",
        "1",
    ]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--from"), "{}", stderr(&out));
}

#[test]
fn an_unknown_database_url_says_which_forms_work() {
    let out = permanence(&["migrate", "--database", "mysql://me:secret@db/x"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("sqlite:PATH"), "{err}");
    assert!(!err.contains("secret"), "{err}");
}

#[test]
fn the_demo_fills_an_empty_database_once_and_the_deadlines_read_it() {
    let db = TempDb::new("deadlines");
    let url = db.url();
    let demo = permanence(&[
        "demo",
        "--children",
        "60",
        "--as-of",
        "2026-03-31",
        "--database",
        &url,
    ]);
    assert!(demo.status.success(), "{}", stderr(&demo));
    assert!(stderr(&demo).contains("Loaded"), "{}", stderr(&demo));

    // A second load is refused whole, with a reason.
    let again = permanence(&[
        "demo",
        "--children",
        "60",
        "--as-of",
        "2026-03-31",
        "--database",
        &url,
    ]);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("load into an empty database"),
        "{}",
        stderr(&again)
    );

    let json = permanence(&[
        "deadlines",
        "--as-of",
        "2026-03-31",
        "--format",
        "json",
        "--database",
        &url,
    ]);
    assert!(json.status.success(), "{}", stderr(&json));
    let value: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    let items = value["worklist"].as_array().expect("a worklist");
    assert!(!items.is_empty());
    let team = items[0]["team"].as_str().expect("a team").to_owned();

    let csv = permanence(&[
        "deadlines",
        "--as-of",
        "2026-03-31",
        "--format",
        "csv",
        "--team",
        &team,
        "--database",
        &url,
    ]);
    assert!(csv.status.success(), "{}", stderr(&csv));
    let text = stdout(&csv);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("list,case,worker,team,rule,title,due,days_left,standing,responsible,escalate_to")
    );
    assert!(lines.all(|l| l.contains(&format!(",{team},"))), "{text}");

    let table = permanence(&["deadlines", "--as-of", "2026-03-31", "--database", &url]);
    assert!(
        stdout(&table).starts_with("Deadlines on 2026-03-31"),
        "{}",
        stdout(&table)
    );
}

#[test]
fn validating_a_return_prints_json_failures_and_exits_by_outcome() {
    let dir = std::env::temp_dir().join(format!("permanence_cli_903_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("Header.csv"),
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC1,M,01/02/2015,XXXX,UN1,,\n",
    )
    .unwrap();
    let out = permanence(&[
        "903",
        "validate",
        dir.to_str().unwrap(),
        "--year",
        "2024-25",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let failures: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let ethnicity = failures
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "103")
        .expect("rule 103 fails");
    assert_eq!(ethnicity["table"], "Header");
    assert_eq!(ethnicity["child"], "C1");
    assert_eq!(ethnicity["row"], 0);
    assert_eq!(ethnicity["line"], 2);

    std::fs::write(dir.join("Header.csv"), "CHILD,SEX,DOB\nC1,M\n").unwrap();
    let unreadable = permanence(&["903", "validate", dir.to_str().unwrap()]);
    assert_eq!(unreadable.status.code(), Some(2));
    assert!(
        stderr(&unreadable).contains("Header.csv"),
        "{}",
        stderr(&unreadable)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_2026_27_rules_are_listed_and_run_on_the_dolo_table() {
    let listed = stdout(&permanence(&["903", "rules", "--year", "2026-27"]));
    assert!(listed.lines().any(|l| l.starts_with("700\t")), "{listed}");
    assert!(
        !stdout(&permanence(&["903", "rules", "--year", "2025-26"]))
            .lines()
            .any(|l| l.starts_with("700\t"))
    );
    let dir = std::env::temp_dir().join(format!("permanence_cli_903_dolo_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("DoLo.csv"),
        "CHILD,DOB,DOLO_START,DOLO_END\nC1,01/01/2012,1/5/26,\n",
    )
    .unwrap();
    let out = permanence(&[
        "903",
        "validate",
        dir.to_str().unwrap(),
        "--year",
        "2026-27",
        "--format",
        "json",
        "--rules",
        "700",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let failures: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(failures[0]["rule"], "700");
    assert_eq!(failures[0]["table"], "DoLo");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn validate_runs_only_the_rules_named_in_either_case() {
    let dir = std::env::temp_dir().join(format!("permanence_cli_903_rules_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("Header.csv"),
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC1,M,1/1/20,XXXX,UN1,,\n",
    )
    .unwrap();
    let rules_run = |rules: &str| {
        let out = permanence(&[
            "903",
            "validate",
            dir.to_str().unwrap(),
            "--format",
            "json",
            "--rules",
            rules,
        ]);
        let failures: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        let mut codes: Vec<String> = failures
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_owned())
            .collect();
        codes.dedup();
        codes
    };
    // 1/1/20 is no date of birth (102); XXXX no ethnicity (103).
    assert_eq!(rules_run("102,103"), ["102", "103"]);
    assert_eq!(rules_run("102,392A"), ["102"]);
    assert_eq!(rules_run("392a"), Vec::<String>::new());
    let unknown = permanence(&["903", "validate", dir.to_str().unwrap(), "--rules", "999"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("999 is not a rule of 2024-25"),
        "{}",
        stderr(&unknown)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_postcode_directory_that_cannot_be_read_is_exit_code_2_and_none_is_not_run() {
    let dir = std::env::temp_dir().join(format!("permanence_cli_903_pc_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("Episodes.csv"),
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n\
         C1,01/05/2024,S,C2,N1,U1,PR1,,,,LE1 1FZ,LE3 8RA,\n",
    )
    .unwrap();
    let missing = dir.join("no-such-directory.bin");
    let out = permanence(&[
        "903",
        "validate",
        dir.to_str().unwrap(),
        "--postcodes",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("scripts/postcodes-903"),
        "{}",
        stderr(&out)
    );
    let damaged = dir.join("damaged.bin");
    std::fs::write(&damaged, b"PCD903\0\0\x01\0").unwrap();
    let out = permanence(&[
        "903",
        "validate",
        dir.to_str().unwrap(),
        "--postcodes",
        damaged.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("truncated"), "{}", stderr(&out));
    // Run from a folder with no data/ons-postcodes.bin: the rules are not
    // run, and say how to install the directory.
    let out = Command::new(env!("CARGO_BIN_EXE_permanence"))
        .args(["903", "validate", dir.to_str().unwrap()])
        .current_dir(&dir)
        .env_remove("PERMANENCE_POSTCODES")
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(
            "169     not run: needs the ONS postcode directory: build it with scripts/postcodes-903"
        ),
        "{}",
        stdout(&out)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_return_exported_as_xml_is_validated_from_its_folder() {
    let db = TempDb::new("903_xml");
    let url = db.url();
    let demo = permanence(&[
        "demo",
        "--children",
        "40",
        "--as-of",
        "2026-03-31",
        "--database",
        &url,
    ]);
    assert!(demo.status.success(), "{}", stderr(&demo));
    let dir = std::env::temp_dir().join(format!("permanence_cli_903_xml_{}", std::process::id()));
    let export = permanence(&[
        "903",
        "export",
        "--year",
        "2025-26",
        "--format",
        "xml",
        dir.to_str().unwrap(),
        "--database",
        &url,
    ]);
    assert!(export.status.success(), "{}", stderr(&export));
    let xml = std::fs::read_to_string(dir.join("return.xml")).unwrap();
    assert!(xml.contains("<EXPSSDA903>") && xml.contains("<EPISODE>"));
    let out = permanence(&[
        "903",
        "validate",
        dir.to_str().unwrap(),
        "--year",
        "2025-26",
    ]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("rules ran on the 2025-26 return"),
        "{}",
        stdout(&out)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ofsted_provider_lists_run_the_urn_rules_and_unreadable_lists_exit_2() {
    let dir =
        std::env::temp_dir().join(format!("permanence_cli_903_ofsted_{}", std::process::id()));
    let lists = dir.join("lists");
    std::fs::create_dir_all(&lists).unwrap();
    std::fs::write(
        dir.join("Episodes.csv"),
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n\
         C1,01/05/2024,S,C2,N1,K2,PR1,,,,,,SC100001\n\
         C2,01/05/2024,S,C2,N1,K2,PR1,,,,,,SC999999\n",
    )
    .unwrap();
    let homes = lists.join("homes.csv");
    let providers = lists.join("providers.csv");
    std::fs::write(
        &homes,
        "URN,Provider Code,Provider Placement Code,Closed Date,Setting Postcode\nSC100001,K2,PR1/PR2,,CT1 1AA\n",
    )
    .unwrap();
    std::fs::write(
        &providers,
        "URN,Placement code,Placement provider code,Setting postcode\nSC200001,K3,PR4,ME1 1AA\n",
    )
    .unwrap();
    let validate = |extra: &[&str]| {
        let mut args = vec!["903", "validate", dir.to_str().unwrap(), "--format", "json"];
        args.extend_from_slice(extra);
        permanence(&args)
    };
    let rules = |o: &Output| -> Vec<(String, u64)> {
        let failures: serde_json::Value = serde_json::from_str(&stdout(o)).unwrap();
        failures
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "1008")
            .map(|f| {
                (
                    f["child"].as_str().unwrap().to_owned(),
                    f["row"].as_u64().unwrap(),
                )
            })
            .collect()
    };

    // Without the lists, the URN rules are not run.
    let without = validate(&[]);
    assert_eq!(rules(&without), vec![]);
    let table = permanence(&["903", "validate", dir.to_str().unwrap()]);
    assert!(
        stdout(&table).contains("1008     not run: needs Ofsted's provider lists"),
        "{}",
        stdout(&table)
    );

    // With them, the unknown URN is reported.
    let with = validate(&[
        "--providers",
        homes.to_str().unwrap(),
        "--providers",
        providers.to_str().unwrap(),
    ]);
    assert_eq!(with.status.code(), Some(1), "{}", stderr(&with));
    assert_eq!(rules(&with), vec![("C2".to_owned(), 1)]);

    // A list that cannot be read: exit 2, the problem named.
    std::fs::write(
        &homes,
        "URN,Provider Code,Provider Placement Code,Closed Date,Setting Postcode\nSC100001,K2,PR1,32/01/2024,CT1 1AA\n",
    )
    .unwrap();
    let bad = validate(&[
        "--providers",
        homes.to_str().unwrap(),
        "--providers",
        providers.to_str().unwrap(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    // The rules start while the lists are read; none of their failures is
    // written when the lists turn out unreadable.
    assert_eq!(stdout(&bad), "", "nothing written");
    assert!(
        stderr(&bad).contains("homes.csv, line 2, column Closed Date: '32/01/2024' is not a date"),
        "{}",
        stderr(&bad)
    );
    let one = validate(&["--providers", providers.to_str().unwrap()]);
    assert_eq!(one.status.code(), Some(2));
    assert_eq!(stdout(&one), "", "nothing written");
    assert!(
        stderr(&one).contains("the children's homes list is missing"),
        "{}",
        stderr(&one)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn security_f9_the_cli_deactivates_users_and_revokes_tokens() {
    let db = TempDb::new("users");
    let url = db.url();
    let mut add = Command::new(env!("CARGO_BIN_EXE_permanence"))
        .args([
            "user",
            "add",
            "--username",
            "j.smith",
            "--name",
            "Jo Smith",
            "--role",
            "auditor",
            "--database",
            &url,
        ])
        .env_remove("DATABASE_URL")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(add.stdin.as_mut().unwrap(), b"a long enough password\n").unwrap();
    let added = add.wait_with_output().unwrap();
    assert!(added.status.success(), "{}", stderr(&added));
    let token = |days: &str| {
        permanence(&[
            "user",
            "token",
            "--username",
            "j.smith",
            "--days",
            days,
            "--database",
            &url,
        ])
    };
    assert!(
        !token("400").status.success(),
        "a token lasts at most a year"
    );
    let issued = token("7");
    assert!(issued.status.success(), "{}", stderr(&issued));
    let tokens = permanence(&["user", "tokens", "j.smith", "--database", &url]);
    let listed = stdout(&tokens);
    assert!(listed.contains("\tlive"), "{listed}");
    assert!(
        !listed.contains(stdout(&issued).trim()),
        "the token itself is never shown again"
    );
    let id = listed.split('\t').next().unwrap().to_owned();
    let revoked = permanence(&["user", "revoke-token", &id, "--database", &url]);
    assert!(revoked.status.success(), "{}", stderr(&revoked));
    assert!(
        stdout(&permanence(&[
            "user",
            "tokens",
            "j.smith",
            "--database",
            &url
        ]))
        .contains("\trevoked")
    );
    assert!(
        !permanence(&["user", "revoke-token", &id, "--database", &url])
            .status
            .success(),
        "revoked once"
    );
    let off = permanence(&["user", "deactivate", "j.smith", "--database", &url]);
    assert!(off.status.success(), "{}", stderr(&off));
    let refused = token("7");
    assert!(
        stderr(&refused).contains("deactivated"),
        "{}",
        stderr(&refused)
    );
    assert!(
        permanence(&["user", "reactivate", "j.smith", "--database", &url])
            .status
            .success()
    );
    assert!(token("7").status.success());
}

#[test]
fn rpt_003_the_report_command_writes_the_committee_report_and_its_table() {
    let db = TempDb::new("report");
    let url = db.url();
    let demo = permanence(&[
        "demo",
        "--children",
        "60",
        "--as-of",
        "2026-03-31",
        "--database",
        &url,
    ]);
    assert!(demo.status.success(), "{}", stderr(&demo));
    let folder = std::env::temp_dir().join(format!("permanence_report_{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let html = folder.join("report.html");
    let out = permanence(&[
        "report",
        "--period",
        "2025-26",
        "--out",
        html.to_str().unwrap(),
        "--database",
        &url,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("The 2025-26 report is in"),
        "{}",
        stdout(&out)
    );
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(text.contains("Performance report for the committee: 2025-26"));
    assert!(text.contains("1. Children in care"));
    assert!(text.contains("KPI-ADP-01"));
    assert!(text.contains("@media print"));
    let csv = folder.join("report.csv");
    let out = permanence(&[
        "report",
        "--period",
        "2025-26",
        "--format",
        "csv",
        "--out",
        csv.to_str().unwrap(),
        "--database",
        &url,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = std::fs::read_to_string(&csv).unwrap();
    assert!(
        table.contains("KPI-CIC-01,Children in care,2025-26,"),
        "{table}"
    );
    // A period that cannot be read is named.
    let bad = permanence(&["report", "--period", "2025-27", "--database", &url]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("--period"), "{}", stderr(&bad));
    let _ = std::fs::remove_dir_all(&folder);
}
