//! DfE validation rules 100 to 199: mostly codes and dates that must be valid.

use domain::codes::{CategoryOfNeed, CodeList, Ethnicity, LegalStatus, ReasonNewEpisode};

#[allow(unused_imports)]
use crate::Table;
#[allow(unused_imports)]
use crate::validate::{ALL_YEARS, Context, Findings, Needs, Rule, blank, by_child, date, each_row};

/// Whether a value is one of a code list's codes.
fn in_list<C: CodeList>(value: &str) -> bool {
    C::ALL.iter().any(|c| c.code() == value.trim())
}

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "102",
        message: "Date of birth is not a valid date.",
        years: ALL_YEARS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Header, |t, r| {
                date(t.value(r, "DOB")).is_none()
            })
        },
    },
    Rule {
        code: "103",
        message: "The ethnicity code is either not valid or has not been entered.",
        years: ALL_YEARS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Header, |t, r| {
                !in_list::<Ethnicity>(t.value(r, "ETHNIC"))
            })
        },
    },
    Rule {
        code: "143",
        message: "The reason for new episode code is not a valid code.",
        years: ALL_YEARS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                !in_list::<ReasonNewEpisode>(t.value(r, "RNE"))
            })
        },
    },
    Rule {
        code: "144",
        message: "The legal status code is not a valid code.",
        years: ALL_YEARS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                !in_list::<LegalStatus>(t.value(r, "LS"))
            })
        },
    },
    Rule {
        code: "145",
        message: "Category of need code is not a valid code.",
        years: ALL_YEARS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                !in_list::<CategoryOfNeed>(t.value(r, "CIN"))
            })
        },
    },
];

#[cfg(test)]
mod tests {
    use crate::validate::testing::*;

    const HEADER: &str = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB";
    const EPISODES: &str = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN";

    #[test]
    fn rule_102_a_date_of_birth_must_be_a_real_date() {
        let r = ret(&[&format!(
            "{HEADER}\nC1,M,01/02/2015,WBRI,,,\nC2,F,31/02/2015,WBRI,,,\n"
        )]);
        assert_eq!(failing_rows("102", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_103_ethnicity_must_be_a_valid_code() {
        let r = ret(&[&format!(
            "{HEADER}\nC1,M,01/02/2015,WBRI,,,\nC2,F,01/02/2015,XXXX,,,\nC3,F,01/02/2015,,,,\n"
        )]);
        assert_eq!(failing_rows("103", &r, None), vec![Some(1), Some(2)]);
    }

    #[test]
    fn rules_143_144_145_episode_codes_must_be_valid() {
        let r = ret(&[&format!(
            "{EPISODES}\nC1,01/04/2024,S,C2,N1,U1,PR1,,,,LE1 1,LE2 2,\nC2,01/04/2024,Q,C9,N9,U1,PR1,,,,LE1 1,LE2 2,\n"
        )]);
        assert_eq!(failing_rows("143", &r, None), vec![Some(1)]);
        assert_eq!(failing_rows("144", &r, None), vec![Some(1)]);
        assert_eq!(failing_rows("145", &r, None), vec![Some(1)]);
    }
}
