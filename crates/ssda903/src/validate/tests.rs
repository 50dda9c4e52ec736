use super::*;

/// Dates read the general way: trimmed, split at `/`, a day and month
/// of one or two digits, a year of four.
fn date_by_parts(value: &str) -> Option<NaiveDate> {
    let v = value.trim();
    let parts: Vec<&str> = v.split('/').collect();
    let [day, month, year] = parts[..] else {
        return None;
    };
    let number = |t: &str, lengths: std::ops::RangeInclusive<usize>| {
        (lengths.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse::<u32>().ok())
            .flatten()
    };
    NaiveDate::from_ymd_opt(
        number(year, 4..=4)? as i32,
        number(month, 1..=2)?,
        number(day, 1..=2)?,
    )
}

#[test]
fn rule_102_a_date_needs_a_four_digit_year() {
    // 1/1/20 is not the year 20: the DfE's form is dd/mm/yyyy.
    for v in [
        "1/1/20",
        "01/01/20",
        "1/1/020",
        "01/01/02020",
        "+1/01/2020",
        "001/01/2020",
    ] {
        assert_eq!(date(v), None, "{v}");
    }
    assert_eq!(date("1/1/2020"), NaiveDate::from_ymd_opt(2020, 1, 1));
    assert_eq!(date(" 01/01/2020 "), NaiveDate::from_ymd_opt(2020, 1, 1));
}

const HEADER: &str = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB";
const MISSING: &str = "CHILD,DOB,MISSING,MIS_START,MIS_END";
const PLACED: &str = "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED";

fn rows(code: &str, tables: &[&str]) -> Vec<Option<usize>> {
    testing::failing_rows(code, &testing::ret(tables), None)
}

#[test]
fn rules_are_chosen_by_code_in_either_case() {
    let year = CollectionYear::starting(2024);
    let named = ["392A".to_owned(), "392a".into(), "sw01astg1".into()];
    assert_eq!(chosen(year, &named), Ok(vec!["392a", "392a", "SW01aSTG1"]));
    assert!(chosen(year, &["SW17STG2".into()]).is_err());
    let header = testing::ret(&[&format!("{HEADER}\nC1,M,1/1/20,WBRI,,,\n")]);
    let ctx = Context::new(&header, None, year, "E10000018").with_only(vec!["102"]);
    let report = validate(&ctx);
    assert_eq!(report.ran, 1);
    assert_eq!(report.failures.len(), 1);
}

#[test]
fn failures_handed_over_rule_by_rule_are_those_validate_reports_in_its_order() {
    let header = format!(
        "{HEADER}\nC1,M,1/1/20,WBRI,,,\nC2,X,01/01/2015,ZZZZ,,,\nC3,F,01/01/2030,WBRI,,,\n"
    );
    let missing = format!("{MISSING}\nC1,01/01/2010,M,1/1/20,\nC2,01/01/2010,,01/01/2009,\n");
    let ret = testing::ret(&[&header, &missing]);
    let ctx = Context::new(&ret, None, CollectionYear::starting(2024), "E10000018");
    let whole = validate(&ctx);
    assert!(whole.failures.len() > 3, "{:?}", whole.failures);
    let (mut each, mut rules) = (Vec::new(), 0);
    let report = validate_each(
        &ctx,
        |rule, found| {
            assert!(found.iter().all(|f| f.rule == rule.code));
            found
        },
        |found| {
            rules += 1;
            each.extend(found);
        },
    );
    assert_eq!(each, whole.failures);
    assert_eq!((rules, report.ran), (whole.ran, whole.ran));
    assert!(report.failures.is_empty());
    assert_eq!(report.not_run, whole.not_run);
}

#[test]
fn rule_102_reports_a_date_of_birth_with_a_two_digit_year() {
    let header =
        format!("{HEADER}\n2476831,M,1/1/20,WBRI,A123456789012,,\n2476832,F,01/01/2015,WBRI,,,\n");
    assert_eq!(rows("102", &[&header]), vec![Some(0)]);
}

#[test]
fn rule_1004_reports_a_missing_start_with_a_two_digit_year() {
    let missing = format!("{MISSING}\nC1,01/01/2010,M,1/1/20,\nC2,01/01/2010,M,01/01/2020,\n");
    assert_eq!(rows("1004", &[&missing]), vec![Some(0)]);
}

#[test]
fn rule_586_does_not_read_1_1_20_as_the_year_20() {
    // Read as the year 20, the start would be before the birth.
    let missing = format!("{MISSING}\nC1,01/01/2010,M,1/1/20,\nC2,01/01/2010,M,01/01/2009,\n");
    assert_eq!(rows("586", &[&missing]), vec![Some(1)]);
}

#[test]
fn rule_351_does_not_read_1_1_20_as_the_year_20() {
    // As the year 20 the child would be over 25.
    let header = format!("{HEADER}\n2476831,M,1/1/20,WBRI,,,\n2476832,M,01/01/1990,WBRI,,,\n");
    assert_eq!(rows("351", &[&header]), vec![Some(1)]);
}

#[test]
fn rule_int14_does_not_read_1_1_20_as_another_date_of_birth() {
    let header = format!("{HEADER}\nC1,M,01/01/2020,WBRI,,,\nC2,M,01/01/2020,WBRI,,,\n");
    let oc2 = "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED\nC1,1/1/20,,,,,,,,,,\nC2,02/01/2020,,,,,,,,,,\n";
    assert_eq!(rows("INT14", &[&header, oc2]), vec![Some(1)]);
}

#[test]
fn rule_578_does_not_read_1_1_20_as_the_year_20() {
    // An episode ending "1/1/20" read as the year 20 would end before
    // the missing episode began.
    let episodes = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n\
             C1,01/04/2024,S,C2,N1,U1,PR1,1/1/20,E13,,,,\n\
             C2,01/04/2024,S,C2,N1,U1,PR1,01/05/2024,E13,,,,\n";
    let missing = format!("{MISSING}\nC1,01/01/2010,M,01/06/2024,\nC2,01/01/2010,M,01/06/2024,\n");
    assert_eq!(rows("578", &[episodes, &missing]), vec![Some(1)]);
}

#[test]
fn rule_184_does_not_read_1_1_20_as_the_year_20() {
    let header = format!("{HEADER}\nC1,M,01/01/2015,WBRI,,,\nC2,M,01/01/2015,WBRI,,,\n");
    let placed = format!("{PLACED}\nC1,01/01/2015,1/1/20,,\nC2,01/01/2015,01/01/2014,,\n");
    assert_eq!(rows("184", &[&header, &placed]), vec![Some(1)]);
}

#[test]
fn dates_and_blanks_read_as_trimming_and_splitting_would() {
    let mut values = vec![
        String::new(),
        " ".into(),
        "\u{a0}".into(),
        "\t01/02/2024 ".into(),
        "+1/02/2024".into(),
        "1/2/2024".into(),
        "01/02/24".into(),
        "01/02/20245".into(),
        "1/1/20".into(),
        "1/1/020".into(),
        "1/1/2024/".into(),
        "0a/02/2024".into(),
        "x".into(),
        "5".into(),
    ];
    for day in 0..=32 {
        for month in 0..=13 {
            for year in ["0000", "0001", "1999", "2024", "2100", "9999", "20", "024"] {
                values.push(format!("{day:02}/{month:02}/{year}"));
                values.push(format!("{day}/{month}/{year}"));
            }
        }
    }
    for v in &values {
        assert_eq!(date(v), date_by_parts(v), "{v:?}");
        assert_eq!(blank(v), v.trim().is_empty(), "{v:?}");
    }
}
