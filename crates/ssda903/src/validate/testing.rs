use super::*;

/// A return of the given tables, from CSV text with a header row.
pub fn ret(tables: &[&str]) -> Return {
    let mut r = Return::default();
    for (i, csv) in tables.iter().enumerate() {
        let data =
            crate::read_csv(&format!("table{i}.csv"), csv.as_bytes()).expect("test CSV reads");
        r.tables.insert(data.table, data);
    }
    r
}

/// A postcode directory for the rules' tests, the council being
/// E10000018: LE3 8RA in the council; LE1 1FZ in E06000016 (2.9 miles
/// from LE3 8RA); EH1 1RE in Scotland, CF10 3NQ in Wales; KW1 4YT in
/// Scotland, over 350 miles from the others; GY1 1AA with an authority
/// but no upper tier and no grid reference; ZZ9 9ZZ with a grid
/// reference but no authority.
pub fn postcodes() -> PostcodeDirectory {
    use crate::postcodes::Entry;
    let entry = |postcode, authority, grid| Entry {
        postcode,
        authority,
        grid,
    };
    PostcodeDirectory::from_entries(&[
        entry("LE3 8RA", Some("E10000018"), Some((455_024, 306_752))),
        entry("LE1 1FZ", Some("E06000016"), Some((458_990, 304_419))),
        entry("EH1 1RE", Some("SCO"), Some((325_728, 673_590))),
        entry("CF10 3NQ", Some("WAL"), Some((317_989, 177_266))),
        entry("KW1 4YT", Some("SCO"), Some((336_000, 950_000))),
        entry("GY1 1AA", Some(""), None),
        entry("ZZ9 9ZZ", None, Some((400_000, 300_000))),
    ])
}

/// The rows (0-based) a rule fails in a collection year (its start),
/// validated with the test postcode directory ([`postcodes`]); the
/// year's version of the rule is used.
pub fn failing_rows_with_postcodes(
    code: &str,
    start: i32,
    current: &Return,
    previous: Option<&Return>,
) -> Vec<Option<usize>> {
    let dir = postcodes();
    let ctx = Context::new(
        current,
        previous,
        CollectionYear::starting(start),
        "E10000018",
    )
    .with_postcodes(&dir);
    let rule = RULES
        .iter()
        .find(|r| r.code == code && r.years.contains(start))
        .unwrap_or_else(|| panic!("no rule {code} in force in {start}"));
    run_rule(rule, &ctx).into_iter().map(|f| f.row).collect()
}

/// Ofsted's lists for the rules' tests: SC1, a children's home (K2) at
/// CT1 1AA for PR1 or PR2, open; SC2, a home or secure unit (K2, S1) at
/// CT2 2BB for PR3, closed on 31 December 2024.
pub fn providers() -> crate::ofsted::Providers {
    use crate::ofsted::Provider;
    crate::ofsted::Providers::from_entries([
        Provider::new("SC1", "K2", "PR1/PR2", "CT1 1AA", None),
        Provider::new(
            "SC2",
            "K2,S1",
            "PR3",
            "CT2 2BB",
            NaiveDate::from_ymd_opt(2024, 12, 31),
        ),
    ])
}

/// The rows (0-based) a rule fails on a return of a collection year
/// (its start), validated with Ofsted's lists ([`providers`]).
pub fn failing_rows_with_providers(code: &str, start: i32, current: &Return) -> Vec<Option<usize>> {
    let providers = providers();
    let ctx = Context::new(current, None, CollectionYear::starting(start), "E10000018")
        .with_providers(&providers);
    assert!(
        validate(&ctx).not_run.iter().all(|(c, _)| *c != code),
        "{code} did not run with the lists"
    );
    rows_failing(&ctx, code)
}

/// The rows (0-based) a rule fails when the whole return is validated
/// in this context (so that the year's version of the rule is used).
pub fn rows_failing(ctx: &Context<'_>, code: &str) -> Vec<Option<usize>> {
    validate(ctx)
        .failures
        .into_iter()
        .filter(|f| f.rule == code)
        .map(|f| f.row)
        .collect()
}

/// The rows (0-based) a rule fails on a return for 2024-25.
pub fn failing_rows(code: &str, current: &Return, previous: Option<&Return>) -> Vec<Option<usize>> {
    let ctx = Context::new(
        current,
        previous,
        CollectionYear::starting(2024),
        "E10000018",
    );
    let rule = RULES
        .iter()
        .find(|r| r.code == code)
        .unwrap_or_else(|| panic!("no rule {code}"));
    let mut findings = Findings {
        rule,
        failures: Vec::new(),
    };
    (rule.check)(&ctx, &mut findings);
    findings.failures.into_iter().map(|f| f.row).collect()
}
