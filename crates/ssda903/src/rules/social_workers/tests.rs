use super::*;

use crate::rules::test_rows::*;
use crate::validate::Context;
use crate::validate::RULES;
use crate::validate::testing::*;

/// The rows a rule fails in a given collection year (start year), run
/// through the validator so that the year's version of the rule is used.
fn failing_rows_in(
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
    rows_failing(&ctx, code)
}

/// Whether a rule runs (or is reported as not run) in a year.
fn applies_in(year: i32, code: &str) -> bool {
    RULES
        .iter()
        .any(|r| r.code == code && r.years.contains(year))
}

fn sw(rows: &str) -> String {
    format!("{SW}\n{rows}")
}

fn episodes(rows: &str) -> String {
    format!("{EPISODES}\n{rows}")
}

/// An open episode (looked after on 31 March) for a child.
fn open_episode(child: &str, decom: &str, ls: &str) -> String {
    format!("{child},{decom},S,{ls},N1,U1,PR1,,,,LE1 1,LE2 2,\n")
}

#[test]
fn rules_sw_year_versions() {
    // SW01STG1 in 2023/24 also wants a reason.
    let eps = episodes(&open_episode("C1", "01/04/2023", "C2"));
    let r = ret(&[&eps, &sw("C1,01/01/2015,SW1,01/04/2023,,\n")]);
    assert_eq!(failing_rows_in(2023, "SW01STG1", &r, None), vec![Some(0)]);
    assert!(!applies_in(2024, "SW01STG1"));

    // SW02STG1 from 2025/26: at least 4 characters.
    let r = ret(&[&sw(
        "C1,01/01/2015,SW1,01/01/2025,,\nC2,01/01/2015,SW12,01/01/2025,,\n",
    )]);
    assert_eq!(failing_rows_in(2025, "SW02STG1", &r, None), vec![Some(0)]);
    assert_eq!(failing_rows_in(2024, "SW02STG1", &r, None), vec![]);

    // SW04STG1 / SW05STG1 from 2025/26: unknown parts are no longer valid.
    let r = ret(&[&sw("C1,01/01/2015,SW1,ZZ/05/2024,01/ZZ/2025,\n")]);
    assert_eq!(failing_rows_in(2025, "SW04STG1", &r, None), vec![Some(0)]);
    assert_eq!(failing_rows_in(2025, "SW05STG1", &r, None), vec![Some(0)]);
    assert_eq!(failing_rows_in(2024, "SW04STG1", &r, None), vec![]);
    assert_eq!(failing_rows_in(2024, "SW05STG1", &r, None), vec![]);

    // SW07STG2 in 2023/24: the period starts on 1 April of the year.
    let r = ret(&[&sw(
        "C1,01/01/2015,SW1,01/01/2022,31/03/2023,MANAGE\nC2,01/01/2015,SW1,01/01/2022,01/04/2023,MANAGE\n",
    )]);
    assert_eq!(failing_rows_in(2023, "SW07STG2", &r, None), vec![Some(0)]);

    // SW09STG2 from 2025/26: less than 3 days.
    let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2025,03/05/2025,MANAGE\n")]);
    assert_eq!(failing_rows_in(2025, "SW09STG2", &r, None), vec![Some(0)]);
    assert_eq!(failing_rows_in(2024, "SW09STG2", &r, None), vec![]);

    // SW10STG2 in 2023/24: no exemption for FCONTA.
    let r = ret(&[&sw(
        "C1,01/01/2015,SW1,01/05/2023,10/05/2023,MANAGE\nC1,01/01/2015,SW2,30/05/2023,,FCONTA\n",
    )]);
    assert_eq!(failing_rows_in(2023, "SW10STG2", &r, None), vec![Some(1)]);
    assert_eq!(failing_rows("SW10STG2", &r, None), vec![]);

    // SW13STG1 in 2023/24: a blank reason is never valid.
    let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2023,,\n")]);
    assert_eq!(failing_rows_in(2023, "SW13STG1", &r, None), vec![Some(0)]);
    assert_eq!(failing_rows("SW13STG1", &r, None), vec![]);

    // Rules added or deleted by year.
    // The DfE added SW15STG2 and SW16a-cSTG2 for 2024-25 and withdrew
    // them before the collection: in force in no year.
    for code in [
        "SW11STG2",
        "SW15STG2",
        "SW16aSTG2",
        "SW16bSTG2",
        "SW16cSTG2",
    ] {
        assert!((2023..=2025).all(|y| !applies_in(y, code)), "{code}");
    }
    for code in ["SW10aSTG2", "SW10bSTG2", "SW17STG2", "SW18STG2", "SW19STG2"] {
        assert!(applies_in(2025, code) && !applies_in(2024, code), "{code}");
    }
}

#[test]
fn rule_sw01stg1_child_looked_after_needs_a_social_worker_episode() {
    let eps = episodes(
        &[
            open_episode("C1", "01/04/2024", "C2"),
            open_episode("C2", "01/04/2024", "C2"),
            open_episode("C3", "01/04/2024", "V3"),
            "C4,01/04/2024,S,C2,N1,U1,PR1,01/05/2024,E11,,LE1 1,LE2 2,\n".into(),
            open_episode("C5", "01/04/2024", "C2"),
        ]
        .concat(),
    );
    let sws = sw("C1,01/01/2015,SW1,01/04/2024,,MANAGE\nC5,01/01/2015,,01/04/2024,,MANAGE\n");
    let r = ret(&[&eps, &sws]);
    // C2 has no episode, C5's lacks an ID; C3 (short breaks), C4 (ceased) pass.
    assert_eq!(
        failing_rows_in(2023, "SW01STG1", &r, None),
        vec![Some(1), Some(4)]
    );
}

#[test]
fn rule_sw01astg1_episodes_before_april_2023_need_an_id_and_start() {
    let r = ret(&[&sw("C1,01/01/2015,,01/01/2024,,\n\
         C2,01/01/2015,SW1,,,MANAGE\n\
         C3,01/01/2015,,01/01/2020,,MANAGE\n\
         C4,01/01/2015,SW1,01/01/2020,,\n")]);
    assert_eq!(failing_rows("SW01aSTG1", &r, None), vec![Some(1), Some(2)]);
}

#[test]
fn rule_sw01bstg1_episodes_from_april_2023_need_an_id_start_and_reason() {
    let r = ret(&[&sw("C1,01/01/2015,,01/01/2024,,MANAGE\n\
         C2,01/01/2015,SW1,,,MANAGE\n\
         C3,01/01/2015,SW1,01/01/2024,,\n\
         C4,01/01/2015,SW1,01/01/2020,,\n\
         C5,01/01/2015,SW1,01/01/2024,,MANAGE\n")]);
    assert_eq!(
        failing_rows("SW01bSTG1", &r, None),
        vec![Some(0), Some(1), Some(2)]
    );
}

#[test]
fn rule_sw02stg1_id_starts_with_sw_or_xx() {
    let r = ret(&[&sw("C1,01/01/2015,SW000,01/01/2024,,\n\
         C2,01/01/2015,XX1,01/01/2024,,\n\
         C3,01/01/2015,AB12,01/01/2024,,\n\
         C4,01/01/2015,,01/01/2024,,\n")]);
    assert_eq!(failing_rows("SW02STG1", &r, None), vec![Some(2), Some(3)]);
    // 2025/26 also wants at least 4 characters.
    assert!(sw_id_invalid("SW1", 4));
    assert!(!sw_id_invalid("SW12", 4));
}

#[test]
fn rule_sw02stg1_id_in_any_case() {
    // xx000 is XX000 to the reference, which upper-cases what it reads.
    let r = ret(&[&sw("C1,01/01/2015,xx000,01/01/2024,,\n\
         C2,01/01/2015,sW12,01/01/2024,,\n\
         C3,01/01/2015,ab12,01/01/2024,,\n")]);
    assert_eq!(failing_rows("SW02STG1", &r, None), vec![Some(2)]);
    // Not split inside a character.
    assert!(sw_id_invalid("éS12", 0));
}

#[test]
fn rule_sw03stg1_id_start_and_reason_are_required() {
    let r = ret(&[&sw("C1,01/01/2015,SW1,01/01/2024,,MANAGE\n\
         C2,01/01/2015,SW1,01/01/2024,01/02/2024,\n\
         C3,01/01/2015,,01/01/2024,,MANAGE\n")]);
    assert_eq!(failing_rows("SW03STG1", &r, None), vec![Some(1), Some(2)]);
}

#[test]
fn rule_sw04stg1_start_date_must_be_valid() {
    let r = ret(&[&sw("C1,01/01/2015,SW1,01/01/2024,,\n\
         C2,01/01/2015,SW1,ZZ/ZZ/ZZZZ,,\n\
         C3,01/01/2015,SW1,zz,,\n\
         C4,01/01/2015,SW1,,,\n\
         C5,01/01/2015,SW1,31/02/2024,,\n")]);
    // A blank start is not a date given ("is not a valid date"), as the
    // reference reads it in every year.
    assert_eq!(failing_rows("SW04STG1", &r, None), vec![Some(2), Some(4)]);
}

#[test]
fn rule_sw05stg1_end_date_if_given_must_be_valid() {
    let r = ret(&[&sw("C1,01/01/2015,SW1,01/01/2024,,\n\
         C2,01/01/2015,SW1,01/01/2024,01/ZZ/2024,\n\
         C3,01/01/2015,SW1,01/01/2024,2024-02-01,\n\
         C4,01/01/2015,SW1,01/01/2024,01/02/2024,\n")]);
    assert_eq!(failing_rows("SW05STG1", &r, None), vec![Some(2)]);
}

#[test]
fn rule_sw06stg2_start_date_not_after_the_collection_end() {
    let r = ret(&[&sw("C1,01/01/2015,SW1,31/03/2025,,\n\
         C2,01/01/2015,SW1,01/04/2025,,\n\
         C3,01/01/2015,SW1,,,\n")]);
    assert_eq!(failing_rows("SW06STG2", &r, None), vec![Some(1)]);
}

#[test]
fn rule_sw07stg2_end_date_within_the_reporting_period() {
    let r = ret(&[&sw("C1,01/01/2015,SW1,01/01/2022,01/04/2023,\n\
         C2,01/01/2015,SW1,01/01/2022,31/03/2023,\n\
         C3,01/01/2015,SW1,01/01/2022,31/03/2025,\n\
         C4,01/01/2015,SW1,01/01/2022,01/04/2025,\n\
         C5,01/01/2015,SW1,01/01/2022,,\n")]);
    assert_eq!(failing_rows("SW07STG2", &r, None), vec![Some(1), Some(3)]);
}

#[test]
fn rule_sw08stg2_earlier_episodes_must_have_ended() {
    let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2024,,\n\
         C1,01/01/2015,SW2,01/06/2024,,\n\
         C2,01/01/2015,SW1,01/05/2024,01/06/2024,\n\
         C2,01/01/2015,SW2,01/06/2024,,\n\
         C3,01/01/2015,SW1,01/05/2024,,\n")]);
    assert_eq!(failing_rows("SW08STG2", &r, None), vec![Some(0)]);
}

#[test]
fn rule_sw09stg2_episode_of_less_than_a_day() {
    let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2024,01/05/2024,\n\
         C2,01/01/2015,SW1,01/05/2024,02/05/2024,\n\
         C3,01/01/2015,SW1,,,\n")]);
    assert_eq!(failing_rows("SW09STG2", &r, None), vec![Some(0)]);
    // From 2025/26, less than 3 days.
    assert!(too_short_2025("01/05/2025", "03/05/2025"));
    assert!(!too_short_2025("01/05/2025", "04/05/2025"));
    assert!(!too_short_2025("01/05/2025", ""));
}

#[test]
fn rule_sw10stg2_next_episode_starts_within_7_days_of_the_last_end() {
    let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
         C1,01/01/2015,SW2,17/05/2024,,MANAGE\n\
         C2,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
         C2,01/01/2015,SW2,18/05/2024,,MANAGE\n\
         C3,01/01/2015,SW1,01/05/2024,,MANAGE\n\
         C3,01/01/2015,SW2,18/05/2024,,MANAGE\n\
         C4,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
         C4,01/01/2015,SW2,30/05/2024,,FCONTA\n")]);
    assert_eq!(failing_rows("SW10STG2", &r, None), vec![Some(3), Some(5)]);
}

#[test]
fn rule_sw10astg2_same_check_as_sw10_with_fconta_exempt() {
    let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
         C1,01/01/2015,SW2,30/05/2024,,MANAGE\n\
         C2,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
         C2,01/01/2015,SW2,30/05/2024,,FCONTA\n")]);
    assert_eq!(failing_rows("SW10aSTG2", &r, None), vec![Some(1)]);
}

#[test]
fn rule_sw10bstg2_first_contact_starts_after_the_previous_end() {
    let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
         C1,01/01/2015,SW2,09/05/2024,,FCONTA\n\
         C2,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
         C2,01/01/2015,SW2,11/05/2024,,FCONTA\n\
         C3,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
         C3,01/01/2015,SW2,09/05/2024,,MANAGE\n")]);
    assert_eq!(failing_rows("SW10bSTG2", &r, None), vec![Some(1)]);
}

#[test]
fn rule_sw11astg2_ended_episode_is_followed_within_5_days() {
    let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
         C1,01/01/2015,SW2,15/05/2024,,MANAGE\n\
         C2,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
         C2,01/01/2015,SW2,16/05/2024,,MANAGE\n\
         C3,01/01/2015,SW1,01/05/2024,28/03/2025,MANAGE\n\
         C3,01/01/2015,SW2,,,MANAGE\n")]);
    assert_eq!(failing_rows("SW11aSTG2", &r, None), vec![Some(3)]);
}

#[test]
fn rule_sw11bstg2_episode_ended_in_the_last_days_is_followed() {
    let eps = episodes(
        &[
            open_episode("C1", "01/04/2024", "C2"),
            open_episode("C2", "01/04/2024", "C2"),
            open_episode("C3", "01/04/2024", "C2"),
        ]
        .concat(),
    );
    let r = ret(&[
        &eps,
        &sw("C1,01/01/2015,SW1,01/05/2024,28/03/2025,MANAGE\n\
             C1,01/01/2015,SW2,29/03/2025,,MANAGE\n\
             C2,01/01/2015,SW1,01/05/2024,28/03/2025,MANAGE\n\
             C3,01/01/2015,SW1,01/05/2024,28/03/2025,MANAGE\n\
             C3,01/01/2015,SW2,,,MANAGE\n"),
    ]);
    assert_eq!(failing_rows("SW11bSTG2", &r, None), vec![Some(2), Some(4)]);
}

#[test]
fn rule_sw12stg2_periods_of_care_are_covered_by_social_worker_episodes() {
    let eps = episodes(
        &[
            open_episode("C1", "01/06/2023", "C2"),
            open_episode("C2", "01/06/2023", "C2"),
            "C3,01/06/2023,S,C2,N1,U1,PR1,01/08/2023,E11,,LE1 1,LE2 2,\n".into(),
            open_episode("C3", "01/01/2025", "C2"),
            "C4,01/06/2023,S,C2,N1,U1,PR1,01/08/2023,E11,,LE1 1,LE2 2,\n".into(),
        ]
        .concat(),
    );
    let r = ret(&[
        &eps,
        &sw("C1,01/01/2015,SW1,01/06/2023,,MANAGE\n\
             C2,01/01/2015,SW1,01/06/2022,01/05/2023,MANAGE\n\
             C3,01/01/2015,SW1,01/01/2025,,MANAGE\n"),
    ]);
    // C2's SW episode ended before care began; C3's first period of care
    // has none. C4 is not looked after on 31 March.
    assert_eq!(failing_rows("SW12STG2", &r, None), vec![Some(1), Some(2)]);
}

#[test]
fn rule_sw12stg2_episode_ending_before_it_starts_needs_no_social_worker() {
    let eps = episodes(
        &[
            "C1,01/10/2024,S,C2,N1,U1,PR1,01/06/2023,X1,,LE1 1,LE2 2,\n".into(),
            open_episode("C1", "01/10/2024", "C2"),
        ]
        .concat(),
    );
    let r = ret(&[&eps, &sw("C1,01/01/2015,SW1,01/10/2024,,MANAGE\n")]);
    assert_eq!(failing_rows("SW12STG2", &r, None), vec![]);
}

#[test]
fn rule_sw13stg1_reason_valid_and_blank_only_on_the_first_episode() {
    let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2024,10/05/2024,\n\
         C1,01/01/2015,SW2,10/05/2024,,\n\
         C2,01/01/2015,SW1,01/05/2023,,\n\
         C3,01/01/2015,SW1,01/05/2022,01/05/2023,\n\
         C3,01/01/2015,SW2,01/05/2023,,MANAGE\n\
         C4,01/01/2015,SW1,01/05/2024,,LAZY\n")]);
    assert_eq!(
        failing_rows("SW13STG1", &r, None),
        vec![Some(1), Some(3), Some(5)]
    );
}

#[test]
fn rule_sw14stg2_only_the_latest_episode_may_be_open() {
    let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2024,,MANAGE\n\
         C1,01/01/2015,SW2,10/05/2024,,MANAGE\n\
         C2,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
         C2,01/01/2015,SW2,10/05/2024,,MANAGE\n")]);
    assert_eq!(failing_rows("SW14STG2", &r, None), vec![Some(0)]);
}

#[test]
fn rule_sw17stg2_latest_episode_is_open() {
    let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
         C1,01/01/2015,SW2,10/05/2024,,MANAGE\n\
         C2,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
         C2,01/01/2015,SW2,10/05/2024,11/06/2024,MANAGE\n")]);
    assert_eq!(failing_rows("SW17STG2", &r, None), vec![Some(3)]);
}

#[test]
fn rule_sw18stg2_end_after_start() {
    let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
         C2,01/01/2015,SW1,10/05/2024,01/05/2024,MANAGE\n\
         C3,01/01/2015,SW1,10/05/2024,,MANAGE\n")]);
    assert_eq!(failing_rows("SW18STG2", &r, None), vec![Some(1)]);
}

#[test]
fn rule_sw19stg2_no_two_episodes_start_the_same_day() {
    let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
         C2,01/01/2015,SW1,01/05/2024,,MANAGE\n\
         C1,01/01/2015,SW2,01/05/2024,,MANAGE\n")]);
    assert_eq!(failing_rows("SW19STG2", &r, None), vec![Some(2)]);
}
