use crate::rules::test_rows::*;
use crate::validate::testing::*;

fn check_131_132_133_care_leaver_codes_must_be_valid() {
    let r = ret(&[&csv_table(
        OC3,
        &[
            "C1,01/01/2005,YES,F1,B1",
            "C2,01/01/2005,YESS,F3,S1",
            "C4,01/01/2005,yes,f1,b1",
            "C3,01/01/2005,,,",
        ],
    )]);
    for code in ["131", "132", "133"] {
        assert_eq!(
            failing_rows(code, &r, None),
            vec![Some(1), Some(3)],
            "rule {code}"
        );
    }
}

#[test]
fn rule_131_care_leaver_codes_must_be_valid() {
    check_131_132_133_care_leaver_codes_must_be_valid();
}

#[test]
fn rule_132_care_leaver_codes_must_be_valid() {
    check_131_132_133_care_leaver_codes_must_be_valid();
}

#[test]
fn rule_133_care_leaver_codes_must_be_valid() {
    check_131_132_133_care_leaver_codes_must_be_valid();
}

#[test]
fn rule_134_no_adoption_data_for_care_leavers() {
    let oc3 = csv_table(OC3, &["C1,01/01/2005,YES,F1,B1", "C2,01/01/2005,,,"]);
    let ad1 = csv_table(
        AD1,
        &[
            "C1,01/01/2005,01/05/2024,,,,,",
            "C2,01/01/2005,01/05/2024,,,,,",
            "C3,01/01/2005,,,,,,",
        ],
    );
    let r = ret(&[&oc3, &ad1]);
    assert_eq!(failing_rows("134", &r, None), vec![Some(0)]);
}

#[test]
fn rule_153_care_leaver_items_all_or_none() {
    let r = ret(&[&csv_table(
        OC3,
        &[
            "C1,01/01/2005,YES,F1,B1",
            "C2,01/01/2005,,,",
            "C3,01/01/2005,YES,,B1",
        ],
    )]);
    assert_eq!(failing_rows("153", &r, None), vec![Some(2)]);
}

#[test]
fn rule_165_mother_status() {
    let header = csv_table(
        HEADER,
        &[
            "C1,F,01/01/2008,WBRI,,0,",
            "C2,F,01/01/2008,WBRI,,,",
            "C3,M,01/01/2008,WBRI,,1,",
            "C4,F,01/01/2008,WBRI,,2,",
            "C5,M,01/01/2008,WBRI,,,",
            "C6,F,01/01/2006,WBRI,,1,",
            "C7,F,01/01/2006,WBRI,,1,",
        ],
    );
    let eps = episodes(&[
        ep("C1", "01/01/2020", "S", "C2", "", ""),
        ep("C2", "01/01/2020", "S", "C2", "", ""),
        ep("C3", "01/01/2020", "S", "C2", "", ""),
        ep("C4", "01/01/2020", "S", "C2", "", ""),
        ep("C5", "01/01/2020", "S", "C2", "", ""),
        ep("C6", "01/01/2020", "S", "C2", "01/01/2023", "E13"),
        ep("C7", "01/01/2020", "S", "C2", "01/01/2023", "E13"),
    ]);
    let oc3 = csv_table(OC3, &["C6,01/01/2006,YES,F1,B1"]);
    let r = ret(&[&header, &eps, &oc3]);
    // Header rows 1 to 3 and 5, then the OC3 row of the child in row 5.
    assert_eq!(
        failing_rows("165", &r, None),
        vec![Some(1), Some(2), Some(3), Some(5), Some(0)]
    );
}

#[test]
fn rule_187_oc2_cohort_has_no_adoption_or_care_leaver_data() {
    let ad1 = csv_table(
        AD1,
        &[
            "C1,01/01/2015,01/05/2024,,,,,",
            "C2,01/01/2015,01/05/2024,,,,,",
            "C1,01/01/2015,,,,,,",
        ],
    );
    let oc3 = csv_table(OC3, &["C2,01/01/2005,YES,F1,B1", "C1,01/01/2005,YES,F1,B1"]);
    let r = ret(&[&cla_episodes(), &ad1, &oc3]);
    // The AD1 row, then the OC3 row.
    assert_eq!(failing_rows("187", &r, None), vec![Some(0), Some(1)]);
}

#[test]
fn rule_344_died_or_returned_home_with_activity_or_accommodation() {
    let r = ret(&[&format!(
        "{OC3}\nC1,01/01/2005,DIED,0,0\nC2,01/01/2005,RHOM,F1,0\nC3,01/01/2005,DIED,0,\nC4,01/01/2005,YES,F1,B1\n"
    )]);
    assert_eq!(failing_rows("344", &r, None), vec![Some(1), Some(2)]);
}

#[test]
fn rule_345_in_touch_but_activity_or_accommodation_zero() {
    let r = ret(&[&format!(
        "{OC3}\nC1,01/01/2005,YES,F1,B1\nC2,01/01/2005,YES,0,B1\nC3,01/01/2005,NO,0,0\n"
    )]);
    assert_eq!(failing_rows("345", &r, None), vec![Some(1)]);
}

#[test]
fn rule_347_foyer_for_a_care_leaver_under_18() {
    let r = ret(&[&format!(
        "{OC3}\nC1,01/04/2006,YES,F1,T1\nC2,02/04/2006,YES,F1,T2\nC3,02/04/2006,YES,F1,B1\n"
    )]);
    assert_eq!(failing_rows("347", &r, None), vec![Some(1)]);
}

#[test]
fn rule_348_care_leaver_reported_as_died_last_year() {
    let last = ret(&[&format!(
        "{OC3}\nC1,01/01/2005,DIED,0,0\nC2,01/01/2005,DIED,0,0\nC3,01/01/2005,YES,F1,B1\n"
    )]);
    let now = ret(&[&format!(
        "{OC3}\nC1,01/01/2005,DIED,0,0\nC2,01/01/2005,YES,F1,B1\nC3,01/01/2005,YES,F1,B1\n"
    )]);
    assert_eq!(
        failing_rows_in(2025, "348", &now, Some(&last)),
        vec![Some(1)]
    );
    // Not a rule before 2025/26.
    assert_eq!(failing_rows_in(2024, "348", &now, Some(&last)), vec![]);
}

#[test]
fn rule_391_care_leaver_data_for_a_child_under_17() {
    let r = ret(&[&format!(
        "{OC3}\nC1,31/03/2008,YES,F1,B1\nC2,01/04/2008,YES,F1,B1\nC3,01/04/2008,,,\n"
    )]);
    assert_eq!(failing_rows("391", &r, None), vec![Some(1)]);
}

#[test]
fn rule_1016_uses_the_18th_birthday_for_18_year_olds() {
    let eps = table(
        EPISODES,
        &[
            full_ep("C1", "08/02/2024", "S", "C2", "U1", "03/05/2024", "E5"),
            full_ep("C2", "08/02/2024", "S", "C2", "U1", "05/06/2024", "E5"),
        ],
    );
    // Both are 18 on 31 March 2025: C1 left before its 18th birthday
    // (after its 17th), C2 after.
    let oc3 = table(
        OC3,
        &[
            "C1,04/06/2006,YES,F2,S2".into(),
            "C2,04/06/2006,YES,F2,S2".into(),
        ],
    );
    assert_eq!(
        failing_rows("1016", &ret(&[&eps, &oc3]), None),
        vec![Some(1)]
    );
}

#[test]
fn rule_628_no_motherhood_details_for_care_leavers_not_looked_after() {
    let eps = table(
        EPISODES,
        &[full_ep("A", "01/05/2024", "S", "C2", "U1", "", "")],
    );
    let oc3 = table(
        OC3,
        &[
            "A,01/01/2006,YES,F1,B1".into(),
            "B,01/01/2006,YES,F1,B1".into(),
        ],
    );
    let h = table(
        HEADER,
        &[
            "A,F,01/01/2006,WBRI,,0,".into(),
            "B,F,01/01/2006,WBRI,,0,".into(),
        ],
    );
    assert_eq!(
        failing_rows("628", &ret(&[&eps, &oc3, &h]), None),
        vec![Some(1)]
    );
}

#[test]
fn rule_1000_no_care_leaver_data_after_death_in_care() {
    let eps = table(
        EPISODES,
        &[
            full_ep("A", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E2"),
            full_ep("B", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E4A"),
        ],
    );
    let oc3 = table(
        OC3,
        &[
            "A,01/01/2006,YES,F1,B1".into(),
            "B,01/01/2006,YES,F1,B1".into(),
            "C,01/01/2006,YES,F1,B1".into(),
        ],
    );
    let r = ret(&[&eps, &oc3]);
    assert_eq!(failing_rows("1000", &r, None), vec![Some(0)]);
    let prev = ret(&[&table(
        EPISODES,
        &[full_ep(
            "C",
            "01/05/2023",
            "S",
            "C2",
            "U1",
            "01/06/2023",
            "E2",
        )],
    )]);
    assert_eq!(
        failing_rows("1000", &r, Some(&prev)),
        vec![Some(0), Some(2)]
    );
}

#[test]
fn rule_1001_care_leavers_must_be_relevant_children() {
    let header = table(
        HEADER,
        &[
            "A,M,01/01/2007,WBRI,,,".into(),
            "B,M,01/01/2007,WBRI,,,".into(),
            "C,M,01/01/2007,WBRI,,,".into(),
        ],
    );
    // A: looked after from 15 to 17 (enough). B: only 30 days after 14, none after 16. C: adopted.
    let eps = table(
        EPISODES,
        &[
            full_ep("A", "01/01/2023", "S", "C2", "U1", "10/01/2025", "E8"),
            full_ep("B", "01/01/2021", "S", "C2", "U1", "31/01/2021", "E8"),
            full_ep("C", "01/01/2023", "S", "C2", "U1", "10/01/2025", "E11"),
        ],
    );
    let oc3 = table(
        OC3,
        &[
            "A,01/01/2007,YES,F1,B1".into(),
            "B,01/01/2007,YES,F1,B1".into(),
            "C,01/01/2007,YES,F1,B1".into(),
        ],
    );
    let r = ret(&[&header, &eps, &oc3]);
    let prev = ret(&[&table(
        EPISODES,
        &[full_ep("A", "01/01/2023", "S", "C2", "U1", "", "")],
    )]);
    assert_eq!(
        failing_rows("1001", &r, Some(&prev)),
        vec![Some(1), Some(2)]
    );
}

#[test]
fn rule_1002_care_leavers_must_have_had_episodes() {
    let eps = table(
        EPISODES,
        &[full_ep("A", "01/05/2024", "S", "C2", "U1", "", "")],
    );
    let oc3 = table(
        OC3,
        &[
            "A,01/01/2006,YES,F1,B1".into(),
            "B,01/01/2006,YES,F1,B1".into(),
            "C,01/01/2006,YES,F1,B1".into(),
        ],
    );
    let r = ret(&[&eps, &oc3]);
    let prev = ret(&[&table(
        EPISODES,
        &[full_ep("B", "01/05/2023", "S", "C2", "U1", "", "")],
    )]);
    assert_eq!(failing_rows("1002", &r, Some(&prev)), vec![Some(2)]);
}

#[test]
fn rule_1007_no_care_leaver_data_if_looked_after_on_birthday() {
    // A turned 17 on 01/06/2024 while in care; B left before.
    let eps = table(
        EPISODES,
        &[
            full_ep("A", "01/01/2024", "S", "C2", "U1", "", ""),
            full_ep("B", "01/01/2024", "S", "C2", "U1", "01/03/2024", "E8"),
        ],
    );
    let oc3 = table(
        OC3,
        &[
            "A,01/06/2007,YES,F1,B1".into(),
            "B,01/06/2007,YES,F1,B1".into(),
        ],
    );
    let r = ret(&[&eps, &oc3]);
    assert_eq!(failing_rows("1007", &r, None), vec![Some(0)]);
}

#[test]
fn rule_1010_open_episode_last_year_needs_episodes_this_year() {
    let eps = table(
        EPISODES,
        &[full_ep("A", "01/01/2024", "S", "C2", "U1", "", "")],
    );
    let oc3 = table(
        OC3,
        &[
            "A,01/06/2006,YES,F1,B1".into(),
            "B,01/06/2006,YES,F1,B1".into(),
            "C,01/06/2006,YES,F1,B1".into(),
        ],
    );
    let r = ret(&[&eps, &oc3]);
    let prev = ret(&[&table(
        EPISODES,
        &[
            full_ep("A", "01/01/2024", "S", "C2", "U1", "", ""),
            full_ep("B", "01/01/2023", "S", "C2", "U1", "", ""),
            full_ep("C", "01/01/2023", "S", "C2", "U1", "01/02/2024", "E8"),
        ],
    )]);
    assert_eq!(failing_rows("1010", &r, Some(&prev)), vec![Some(1)]);
}

#[test]
fn rule_1011_no_care_leaver_data_after_transfer() {
    let eps = table(
        EPISODES,
        &[
            full_ep("A", "01/01/2024", "S", "C2", "U1", "01/02/2024", "E3"),
            full_ep("B", "01/01/2024", "S", "C2", "U1", "01/02/2024", "E3"),
            full_ep("B", "01/03/2024", "B", "C2", "U1", "", ""),
        ],
    );
    let oc3 = table(
        OC3,
        &[
            "A,01/06/2006,YES,F1,B1".into(),
            "B,01/06/2006,YES,F1,B1".into(),
        ],
    );
    let r = ret(&[&eps, &oc3]);
    assert_eq!(failing_rows("1011", &r, None), vec![Some(0)]);
}

#[test]
fn rule_1016_no_care_leaver_data_if_leaving_care_after_17th_birthday() {
    let eps = table(
        EPISODES,
        &[
            full_ep("A", "01/01/2024", "S", "C2", "U1", "01/08/2024", "E8"),
            full_ep("B", "01/01/2024", "S", "C2", "U1", "01/05/2024", "E8"),
        ],
    );
    let oc3 = table(
        OC3,
        &[
            "A,01/06/2007,YES,F1,B1".into(),
            "B,01/06/2007,YES,F1,B1".into(),
        ],
    );
    let r = ret(&[&eps, &oc3]);
    assert_eq!(failing_rows("1016", &r, None), vec![Some(0)]);
}

#[test]
fn rule_3001_seventeen_in_year_with_former_foster_carers() {
    let header = headers(&[
        child("C1", "15/05/2007"), // 17 on 15/05/2024: in the year
        child("C2", "15/05/2007"),
        child("C3", "15/05/2006"), // 17 the year before
        child("C4", "31/03/2008"), // 17 on 31/03/2025: in the year
        child("C5", "01/04/2008"), // 17 the year after
    ]);
    let oc3 = csv_table(
        OC3,
        &[
            "C1,15/05/2007,YES,F1,z1",
            "C2,15/05/2007,YES,F1,B1",
            "C3,15/05/2006,YES,F1,Z2",
            "C4,31/03/2008,YES,F1,Z2",
            "C5,01/04/2008,YES,F1,Z1",
            "C6,15/05/2007,YES,F1,Z1", // not in the Header
        ],
    );
    let r = ret(&[&header, &oc3]);
    assert_eq!(failing_rows("3001", &r, None), vec![Some(0), Some(3)]);
    // Without a Header there is no date of birth to go by.
    let r = ret(&[&oc3]);
    assert_eq!(failing_rows("3001", &r, None), vec![]);
}
