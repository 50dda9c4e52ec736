//! Tables and rows the rules' tests share.

use crate::CollectionYear;
use crate::Return;
use crate::validate::Context;
use crate::validate::Needs;
use crate::validate::testing::*;
use crate::validate::validate;

pub(super) const HEADER: &str = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB";

pub(super) const EPISODES: &str =
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN";

pub(super) const UASC: &str = "CHILD,SEX,DOB,DUC";

pub(super) const AD1: &str =
    "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR";

pub(super) const PLACED: &str = "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED";

/// A table's CSV: its header, then these rows.
pub(super) fn csv_table(header: &str, rows: &[&str]) -> String {
    let mut s = header.to_owned();
    for r in rows {
        s.push('\n');
        s.push_str(r);
    }
    s.push('\n');
    s
}

/// An episode row from its main fields.
pub(super) fn ep(child: &str, decom: &str, rne: &str, ls: &str, dec: &str, rec: &str) -> String {
    ep_at(child, decom, rne, ls, "U1", "PR1", dec, rec)
}

#[allow(clippy::too_many_arguments)]
pub(super) fn ep_at(
    child: &str,
    decom: &str,
    rne: &str,
    ls: &str,
    place: &str,
    provider: &str,
    dec: &str,
    rec: &str,
) -> String {
    format!("{child},{decom},{rne},{ls},N1,{place},{provider},{dec},{rec},,LE1 1,LE2 2,")
}

pub(super) fn episodes(rows: &[String]) -> String {
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    csv_table(EPISODES, &rows)
}

/// Episodes of children C1 (looked after all year) and C2 (started in the year).
pub(super) fn cla_episodes() -> String {
    episodes(&[
        ep("C1", "01/01/2020", "S", "C2", "", ""),
        ep("C2", "01/06/2024", "S", "C2", "", ""),
    ])
}

pub(super) fn check_143_144_145_episode_codes_must_be_valid() {
    let r = ret(&[&format!(
        "{EPISODES}\nC1,01/04/2024,S,C2,N1,U1,PR1,,,,LE1 1,LE2 2,\nC2,01/04/2024,Q,C9,N9,U1,PR1,,,,LE1 1,LE2 2,\n"
    )]);
    assert_eq!(failing_rows("143", &r, None), vec![Some(1)]);
    assert_eq!(failing_rows("144", &r, None), vec![Some(1)]);
    assert_eq!(failing_rows("145", &r, None), vec![Some(1)]);
}

/// The rows a rule fails in another collection year (its version for that year).
pub(super) fn rows_in(year: i32, code: &str, current: &crate::Return) -> Vec<Option<usize>> {
    let ctx = crate::validate::Context::new(
        current,
        None,
        crate::CollectionYear::starting(year),
        "E10000018",
    );
    rows_failing(&ctx, code)
}

pub(super) const OC2: &str = "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED";

pub(super) const OC3: &str = "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM";

/// The rows a rule fails in a given collection year (for rules whose
/// logic differs by year).
pub(super) fn failing_rows_in_year(code: &str, start: i32, current: &Return) -> Vec<Option<usize>> {
    let ctx = Context::new(current, None, CollectionYear::starting(start), "E10000018");
    rows_failing(&ctx, code)
}

/// Asserts a rule is reported as not run for want of reference data.
pub(super) fn assert_not_run(code: &str, start: i32, current: &Return, need: Needs) {
    let ctx = Context::new(current, None, CollectionYear::starting(start), "E10000018");
    let report = validate(&ctx);
    assert!(report.not_run.iter().any(|(c, _)| *c == code), "{code} ran");
    let rule = crate::validate::RULES
        .iter()
        .find(|r| r.code == code)
        .expect("the rule exists");
    assert_eq!(rule.needs, need);
}

pub(super) fn header_csv(rows: &str) -> String {
    format!("{HEADER}\n{rows}")
}

pub(super) fn episodes_csv(rows: &str) -> String {
    format!("{EPISODES}\n{rows}")
}

/// The rows a rule fails with Ofsted's lists and the test postcode
/// directory: SC7 has premises in the council (LE3 8RA), SC8 in
/// Leicester (LE1 1FZ), SC9 at a postcode the directory does not have.
pub(super) fn failing_rows_with_both(code: &str, start: i32, r: &Return) -> Vec<Option<usize>> {
    use crate::ofsted::{Provider, Providers};
    let providers = Providers::from_entries([
        Provider::new("SC7", "K2,K3", "PR1/PR2", "LE3 8RA", None),
        Provider::new("SC8", "K2,K3", "PR1/PR2", "le11fz", None),
        Provider::new("SC9", "K2,K3", "PR1/PR2", "XX1 1XX", None),
    ]);
    let dir = postcodes();
    let ctx = Context::new(r, None, CollectionYear::starting(start), "E10000018")
        .with_providers(&providers)
        .with_postcodes(&dir);
    assert!(
        validate(&ctx).not_run.iter().all(|(c, _)| *c != code),
        "{code} ran"
    );
    rows_failing(&ctx, code)
}

pub(super) const REVIEWS: &str = "CHILD,DOB,REVIEW,REVIEW_CODE";

/// A Header table from `child,sex,dob,mother` lines.
pub(super) fn short_header(rows: &[&str]) -> String {
    let mut s = format!("{HEADER}\n");
    for row in rows {
        let f: Vec<&str> = row.split(',').collect();
        s.push_str(&format!("{},{},{},WBRI,,{},\n", f[0], f[1], f[2], f[3]));
    }
    s
}

/// An Episodes table from `child,decom,rne,ls,place,dec,rec,home,pl` lines.
pub(super) fn short_episodes(rows: &[&str]) -> String {
    let mut s = format!("{EPISODES}\n");
    for row in rows {
        let f: Vec<&str> = row.split(',').collect();
        s.push_str(&format!(
            "{},{},{},{},N1,{},PR1,{},{},,{},{},\n",
            f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]
        ));
    }
    s
}

/// A simple episode: `child,decom,rne,ls,place,dec,rec` with postcodes.
pub(super) fn short_ep(
    child: &str,
    decom: &str,
    rne: &str,
    ls: &str,
    place: &str,
    dec: &str,
    rec: &str,
) -> String {
    format!("{child},{decom},{rne},{ls},{place},{dec},{rec},LE1 1AA,LE2 2BB")
}

pub(super) fn eps(rows: &[String]) -> String {
    let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
    short_episodes(&refs)
}

/// The rows a rule fails in a given collection year (start year), run
/// through the validator so that the year's version of the rule is used.
pub(super) fn failing_rows_in(
    year: i32,
    code: &str,
    current: &crate::Return,
    previous: Option<&crate::Return>,
) -> Vec<Option<usize>> {
    let ctx = Context::new(
        current,
        previous,
        crate::CollectionYear::starting(year),
        "E10000018",
    );
    let postcodes = crate::postcodes::PostcodeDirectory::default();
    rows_failing(&ctx.with_postcodes(&postcodes), code)
}

/// A return of the Episodes table from rows written as
/// `CHILD,DECOM,RNE,LS,PLACE,DEC,REC,PL_POST,URN` (other columns filled in).
pub(super) fn episode_return(rows: &[&str]) -> crate::Return {
    let mut csv = format!("{EPISODES}\n");
    for row in rows {
        let f: Vec<&str> = row.split(',').collect();
        assert_eq!(f.len(), 9, "{row}");
        csv.push_str(&format!(
            "{},{},{},{},N1,{},PR1,{},{},,LE1 1AA,{},{}\n",
            f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]
        ));
    }
    ret(&[&csv])
}

/// An episode row: child, start, RNE, LS, PLACE, end, REC.
pub(super) fn full_ep(
    child: &str,
    decom: &str,
    rne: &str,
    ls: &str,
    place: &str,
    dec: &str,
    rec: &str,
) -> String {
    format!("{child},{decom},{rne},{ls},N1,{place},PR1,{dec},{rec},,LE1 1,LE2 2,")
}

pub(super) fn table(header: &str, rows: &[String]) -> String {
    let mut s = header.to_owned();
    for r in rows {
        s.push('\n');
        s.push_str(r);
    }
    s.push('\n');
    s
}

/// Last year's open episodes, and this year's first, for rules 503A to 503F.
pub(super) fn carried_over(
    field: usize,
    before: &str,
    now_same: &str,
    now_different: &str,
) -> (crate::Return, crate::Return) {
    let row = |child: &str, value: &str, dec: &str| {
        let mut cells: Vec<String> = full_ep(
            child,
            "01/03/2024",
            "S",
            "C2",
            "U1",
            dec,
            if dec.is_empty() { "" } else { "E8" },
        )
        .split(',')
        .map(str::to_owned)
        .collect();
        cells[field] = value.to_owned();
        cells.join(",")
    };
    let prev = ret(&[&table(
        EPISODES,
        &[
            row("A", before, ""),
            row("B", before, ""),
            row("C", before, "01/03/2025"),
        ],
    )]);
    let now = ret(&[&table(
        EPISODES,
        &[
            row("A", now_same, ""),
            row("B", now_different, ""),
            row("C", now_different, ""),
        ],
    )]);
    (now, prev)
}

/// A Header row.
pub(super) fn child(id: &str, dob: &str) -> String {
    format!("{id},F,{dob},WBRI,A123456789012,,")
}

/// An episode row from the fields these rules read.
#[allow(clippy::too_many_arguments)]
pub(super) fn ep_with_postcodes(
    child: &str,
    decom: &str,
    ls: &str,
    place: &str,
    dec: &str,
    rec: &str,
    home: &str,
    placed: &str,
) -> String {
    format!("{child},{decom},S,{ls},N1,{place},PR1,{dec},{rec},,{home},{placed},")
}

pub(super) fn headers(rows: &[String]) -> String {
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    csv_table(HEADER, &rows)
}

pub(super) const SW: &str = "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON";

/// A return as read from the XML form, with these UASC flags.
pub(super) fn xml(tables: &[&str], flags: &[&str]) -> Return {
    let mut r = ret(tables);
    r.header_uasc = Some(flags.iter().map(|f| (*f).to_owned()).collect());
    r
}

pub(super) fn header_of(children: &[&str]) -> String {
    let rows: Vec<String> = children
        .iter()
        .map(|c| format!("{c},F,01/01/2010,WBRI,,,"))
        .collect();
    format!("{HEADER}\n{}\n", rows.join("\n"))
}
