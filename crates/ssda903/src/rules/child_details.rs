//! The child's details in the Header: sex, date of birth, ethnicity and UPN, this year and against last year.

use crate::Table;
use crate::hash::HashMap;
use crate::hash::HashSet;
use crate::rules::ages::plus_years;
use crate::rules::ages::shift_years;
use crate::rules::codes::in_list;
use crate::rules::codes::is;
use crate::rules::codes::numeric;
use crate::rules::codes::one_of;
use crate::rules::codes::one_of_any_case;
use crate::rules::episodes_and_children::children;
use crate::rules::episodes_and_children::first_rows;
use crate::rules::episodes_and_children::flags;
use crate::rules::episodes_and_children::previous;
use crate::rules::episodes_and_children::uasc_children;
use crate::validate::Context;
use crate::validate::Findings;
use crate::validate::Needs;
use crate::validate::Rule;
use crate::validate::Trimmed;
use crate::validate::blank;
use crate::validate::date;
use crate::validate::each_row;
use crate::years::Years;
use chrono::Datelike;
use chrono::NaiveDate;
use domain::codes::Ethnicity;
use domain::codes::Sex;

/// A UPN: a letter other than I, O or S, then 12 digits or 11 digits and a
/// letter; or one of the codes UN1 to UN5 for an unknown UPN.
fn valid_upn(upn: &str) -> bool {
    if one_of(upn, &["UN1", "UN2", "UN3", "UN4", "UN5"]) {
        return true;
    }
    let b = upn.as_bytes();
    b.len() == 13
        && b[0].is_ascii_uppercase()
        && !matches!(b[0], b'I' | b'O' | b'S')
        && b[1..12].iter().all(u8::is_ascii_digit)
        && (b[12].is_ascii_digit() || b[12].is_ascii_uppercase())
}

/// Reports each Header row of a child also in last year's Header whose
/// value of `column` conflicts with last year's.
fn conflicts_with_last_year(
    ctx: &Context<'_>,
    out: &mut Findings,
    column: &str,
    conflict: fn(&str, &str) -> bool,
) {
    let (Some(now), Some(last)) = (ctx.table(Table::Header), previous(ctx, Table::Header)) else {
        return;
    };
    let last_rows = first_rows(last);
    for r in 0..now.len() {
        if let Some(&l) = last_rows.get(now.value(r, "CHILD"))
            && conflict(now.value(r, column), last.value(l, column))
        {
            out.row(now, r);
        }
    }
}

/// The old sex codes (1 and 2, up to 2023/24) as the new ones (M and F).
fn sex_code(value: &str) -> String {
    match value.trimmed() {
        "1" => "M".to_owned(),
        "2" => "F".to_owned(),
        v => v.to_ascii_uppercase(),
    }
}

const UN_CODES: &[&str] = &["UN1", "UN2", "UN3", "UN4", "UN5"];

/// Whether a UPN changed between last year and this year in a way rule 208
/// does not allow.
fn upn_change_not_allowed(now: &str, last: &str) -> bool {
    let (now, last) = (
        now.trimmed().to_ascii_uppercase(),
        last.trimmed().to_ascii_uppercase(),
    );
    if now == last {
        return false;
    }
    // From unknown (blank or UN1) to a more specific unknown code.
    let to_other_unknown =
        (last.is_empty() || is(&last, "UN1")) && one_of_any_case(&now, &UN_CODES[1..]);
    // From unknown (blank or any UN code) to a known UPN.
    let to_known = (last.is_empty() || one_of_any_case(&last, UN_CODES))
        && !now.is_empty()
        && !one_of_any_case(&now, UN_CODES);
    !to_other_unknown && !to_known
}

/// The default UPNs, which many children may share.
const DEFAULT_UPNS: [&str; 5] = ["UN1", "UN2", "UN3", "UN4", "UN5"];

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "101",
        message: "The child or young person’s reported sex is not valid.",
        years: Years::since(2024),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Header, |t, r| {
                !in_list::<Sex>(t.value(r, "SEX"))
            })
        },
    },
    Rule {
        code: "101",
        message: "Gender code is not valid.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Header, |t, r| {
                !one_of(t.value(r, "SEX"), &["1", "2"])
            })
        },
    },
    Rule {
        code: "102",
        message: "Date of birth is not a valid date.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| each_row(ctx, out, Table::Header, |t, r| t.date(r, "DOB").is_none()),
    },
    Rule {
        code: "103",
        message: "The ethnicity code is either not valid or has not been entered.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Header, |t, r| {
                !in_list::<Ethnicity>(t.value(r, "ETHNIC"))
            })
        },
    },
    Rule {
        code: "168",
        message: "Unique Pupil Number (UPN) is not valid. If unknown, default codes should be UN1, UN2, UN3, UN4 or UN5.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Header, |t, r| {
                let upn = t.value(r, "UPN");
                !blank(upn) && !valid_upn(upn)
            })
        },
    },
    Rule {
        code: "202",
        message: "The gender code conflicts with the gender already recorded for this child.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            conflicts_with_last_year(ctx, out, "SEX", |now, last| sex_code(now) != sex_code(last))
        },
    },
    Rule {
        code: "203",
        message: "Date of birth disagrees with the date of birth already recorded for this child.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            conflicts_with_last_year(ctx, out, "DOB", |now, last| date(now) != date(last))
        },
    },
    Rule {
        code: "204",
        message: "Ethnic origin code disagrees with the ethnic origin already recorded for this child.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            conflicts_with_last_year(ctx, out, "ETHNIC", |now, last| {
                !now.trimmed().eq_ignore_ascii_case(last.trimmed())
            })
        },
    },
    Rule {
        code: "208",
        message: "Unique Pupil Number (UPN) for the current year disagrees with the Unique Pupil Number (UPN) already recorded for this child.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| conflicts_with_last_year(ctx, out, "UPN", upn_change_not_allowed),
    },
    Rule {
        code: "209",
        message: "Child looked after is of school age and should not have an unknown Unique Pupil Number (UPN) code of UN1.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // Aged 4 or more on 31 August of the year before the collection starts.
            let Some(reference) = NaiveDate::from_ymd_opt(ctx.start().year() - 1, 8, 31) else {
                return;
            };
            each_row(ctx, out, Table::Header, |t, r| {
                one_of_any_case(t.value(r, "UPN"), &["UN1"])
                    && t.date(r, "DOB")
                        .is_some_and(|dob| shift_years(dob, 4) <= reference)
            })
        },
    },
    Rule {
        code: "210",
        message: "Children looked after for more than a week at 31 March should not have an unknown Unique Pupil Number (UPN) code of UN4.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(header), Some(episodes)) =
                (ctx.table(Table::Header), ctx.table(Table::Episodes))
            else {
                return;
            };
            let Some(week_before) = NaiveDate::from_ymd_opt(ctx.end().year(), 3, 24) else {
                return;
            };
            let episodes_of = ctx.rows_by_child(episodes);
            let mut failing_episodes = Vec::new();
            for r in 0..header.len() {
                if !one_of_any_case(header.value(r, "UPN"), &["UN4"]) {
                    continue;
                }
                let late: Vec<usize> = episodes_of
                    .get_row(header, r)
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|&e| episodes.date(e, "DECOM").is_some_and(|d| d >= week_before))
                    .collect();
                if !late.is_empty() {
                    out.row(header, r);
                    failing_episodes.extend(late);
                }
            }
            failing_episodes.sort_unstable();
            for e in failing_episodes {
                out.row(episodes, e);
            }
        },
    },
    Rule {
        code: "231",
        message: "We expect that unaccompanied asylum seeking children are generally older young people. Please check the date of birth is correct. If the date of birth is correct then please provide details in a bypass request.",
        years: Years::since(2024),
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(uasc) = uasc_children(ctx.current) else {
                return;
            };
            let eleven_years_before = shift_years(ctx.end(), -11);
            each_row(ctx, out, Table::Header, |t, r| {
                uasc.contains_key(t.value(r, "CHILD"))
                    && t.date(r, "DOB")
                        .is_some_and(|dob| dob > eleven_years_before)
            })
        },
    },
    Rule {
        code: "232",
        message: "Sex of the child/young person has been reported as unknown.",
        years: Years::since(2024),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Header, |t, r| {
                one_of_any_case(t.value(r, "SEX"), &["U"])
            })
        },
    },
    Rule {
        code: "301",
        message: "Date of birth falls after the year ended.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let end = ctx.end();
            each_row(ctx, out, Table::Header, |t, r| {
                t.date(r, "DOB").is_some_and(|d| d > end)
            })
        },
    },
    Rule {
        code: "351",
        message: "Child was over 25 at the start of the current collection year.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let start = ctx.start();
            each_row(ctx, out, Table::Header, |t, r| {
                t.date(r, "DOB")
                    .is_some_and(|dob| start > plus_years(dob, 25))
            })
        },
    },
    Rule {
        code: "442",
        message: "Unique Pupil Number (UPN) field is not completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(episodes) = ctx.table(Table::Episodes) else {
                return;
            };
            // Children with an episode that is not a short break (V3, V4).
            let needing: HashSet<&str> = (0..episodes.len())
                .filter(|&r| !one_of_any_case(episodes.value(r, "LS"), &["V3", "V4"]))
                .map(|r| episodes.value(r, "CHILD"))
                .collect();
            each_row(ctx, out, Table::Header, |t, r| {
                needing.contains(t.value(r, "CHILD")) && blank(t.value(r, "UPN"))
            })
        },
    },
    Rule {
        code: "444",
        message: "Duplicate UPN has been reported",
        years: Years::since(2025),
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(header) = ctx.table(Table::Header) else {
                return;
            };
            let mut count: HashMap<String, usize> = HashMap::default();
            for r in 0..header.len() {
                let upn = header.value(r, "UPN");
                if !blank(upn) && !one_of_any_case(upn, &DEFAULT_UPNS) {
                    *count.entry(upn.to_ascii_uppercase()).or_default() += 1;
                }
            }
            each_row(ctx, out, Table::Header, |t, r| {
                count
                    .get(&t.value(r, "UPN").to_ascii_uppercase())
                    .is_some_and(|&n| n > 1)
            })
        },
    },
    Rule {
        code: "EPI",
        message: "WARNING: Episodes need to be loaded for this child before further validation is possible [NOTE: This refers to the DfE portal - here, all checks that can be performed with only the available data will be.]",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // A child in the Header with neither an episode nor a care
            // leaver's (OC3) row.
            let mut known = children(ctx.table(Table::Episodes));
            known.extend(children(ctx.table(Table::Oc3)));
            each_row(ctx, out, Table::Header, |t, r| {
                !known.contains(t.value(r, "CHILD"))
            })
        },
    },
    Rule {
        code: "105",
        message: "Data entry for Unaccompanied Asylum-Seeking Children (UASC) status of child is invalid or has not been completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // Only the XML form has the flag to judge.
            let (Some(header), Some(_)) = (ctx.table(Table::Header), &ctx.current.header_uasc)
            else {
                return;
            };
            for (r, flag) in flags(ctx.current).into_iter().enumerate() {
                if !numeric(flag).is_some_and(|n| n == 0.0 || n == 1.0) {
                    out.row(header, r);
                }
            }
        },
    },
];

#[cfg(test)]
mod tests {

    use crate::rules::test_rows::*;
    use crate::validate::testing::*;

    #[test]
    fn rule_101_sex_must_be_m_f_or_u() {
        let r = ret(&[&csv_table(
            HEADER,
            &[
                "C1,M,01/02/2015,WBRI,,,",
                "C2,1,01/02/2015,WBRI,,,",
                "C3,U,01/02/2015,WBRI,,,",
                "C4,,01/02/2015,WBRI,,,",
            ],
        )]);
        assert_eq!(failing_rows("101", &r, None), vec![Some(1), Some(3)]);
    }

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
    fn rule_168_upn_format() {
        let r = ret(&[&csv_table(
            HEADER,
            &[
                "C1,M,01/01/2015,WBRI,E043016488226,,",
                "C2,M,01/01/2015,WBRI,UN3,,",
                "C3,M,01/01/2015,WBRI,,,",
                "C4,M,01/01/2015,WBRI,A12345678901B,,",
                "C5,M,01/01/2015,WBRI,S074885779408,,",
                "C6,M,01/01/2015,WBRI,UN7,,",
                "C7,M,01/01/2015,WBRI,K06014812931,,",
            ],
        )]);
        assert_eq!(
            failing_rows("168", &r, None),
            vec![Some(4), Some(5), Some(6)]
        );
    }

    #[test]
    fn rule_101_gender_was_1_or_2_until_2023_24() {
        let r = ret(&[&csv_table(
            HEADER,
            &["C1,1,01/02/2015,WBRI,,,", "C2,M,01/02/2015,WBRI,,,"],
        )]);
        assert_eq!(rows_in(2023, "101", &r), vec![Some(1)]);
        assert_eq!(rows_in(2024, "101", &r), vec![Some(0)]);
        assert_eq!(rows_in(2025, "101", &r), vec![Some(0)]);
    }

    #[test]
    fn rule_202_sex_must_agree_with_last_year() {
        let last = ret(&[&header_csv(
            "C1,1,01/02/2015,WBRI,,,\nC2,2,01/02/2015,WBRI,,,\nC3,1,01/02/2015,WBRI,,,\n",
        )]);
        let now = ret(&[&header_csv(
            "C1,M,01/02/2015,WBRI,,,\nC2,M,01/02/2015,WBRI,,,\nC4,F,01/02/2015,WBRI,,,\nC3,1,01/02/2015,WBRI,,,\n",
        )]);
        assert_eq!(failing_rows("202", &now, Some(&last)), vec![Some(1)]);
    }

    #[test]
    fn rule_203_date_of_birth_must_agree_with_last_year() {
        let last = ret(&[&header_csv(
            "C1,M,01/02/2015,WBRI,,,\nC2,F,01/02/2015,WBRI,,,\n",
        )]);
        let now = ret(&[&header_csv(
            "C1,M,01/02/2015,WBRI,,,\nC2,F,02/02/2015,WBRI,,,\nC3,F,02/02/2015,WBRI,,,\n",
        )]);
        assert_eq!(failing_rows("203", &now, Some(&last)), vec![Some(1)]);
    }

    #[test]
    fn rule_204_ethnicity_must_agree_with_last_year() {
        let last = ret(&[&header_csv(
            "C1,M,01/02/2015,NOBT,,,\nC2,F,01/02/2015,WBRI,,,\n",
        )]);
        let now = ret(&[&header_csv(
            "C1,M,01/02/2015,nobt,,,\nC2,F,01/02/2015,WIRI,,,\n",
        )]);
        assert_eq!(failing_rows("204", &now, Some(&last)), vec![Some(1)]);
    }

    #[test]
    fn rule_208_upn_changes_must_be_allowed() {
        let last = ret(&[&header_csv(
            "C1,M,01/02/2015,WBRI,UN5,,\nC2,M,01/02/2015,WBRI,X88888888888A,,\nC3,M,01/02/2015,WBRI,UN1,,\nC4,M,01/02/2015,WBRI,UN4,,\nC5,M,01/02/2015,WBRI,,,\nC6,M,01/02/2015,WBRI,UN1,,\n",
        )]);
        let now = ret(&[&header_csv(
            "C1,M,01/02/2015,WBRI,H801200001001,,\nC2,M,01/02/2015,WBRI,A12345678901B,,\nC3,M,01/02/2015,WBRI,UN2,,\nC4,M,01/02/2015,WBRI,UN3,,\nC5,M,01/02/2015,WBRI,UN1,,\nC6,M,01/02/2015,WBRI,,,\n",
        )]);
        assert_eq!(
            failing_rows("208", &now, Some(&last)),
            vec![Some(1), Some(3), Some(4), Some(5)]
        );
    }

    #[test]
    fn rule_209_school_age_children_cannot_have_un1() {
        // For 2024-25 the reference date is 31/08/2023.
        let r = ret(&[&header_csv(
            "C1,M,31/08/2019,WBRI,UN1,,\nC2,M,01/09/2019,WBRI,UN1,,\nC3,M,01/01/2015,WBRI,UN2,,\n",
        )]);
        assert_eq!(failing_rows("209", &r, None), vec![Some(0)]);
    }

    #[test]
    fn rule_210_un4_only_for_children_starting_in_the_last_week() {
        let r = ret(&[
            &header_csv(
                "C1,M,01/02/2015,WBRI,UN4,,\nC2,M,01/02/2015,WBRI,UN4,,\nC3,M,01/02/2015,WBRI,UN3,,\n",
            ),
            &episodes_csv(
                "C1,01/01/2025,S,C2,N1,U1,PR1,,,,,,\nC1,24/03/2025,S,C2,N1,U1,PR1,,,,,,\nC2,23/03/2025,S,C2,N1,U1,PR1,,,,,,\nC3,30/03/2025,S,C2,N1,U1,PR1,,,,,,\n",
            ),
        ]);
        assert_eq!(failing_rows("210", &r, None), vec![Some(0), Some(1)]);
    }

    #[test]
    fn rule_231_uasc_children_are_expected_to_be_over_11() {
        let r = ret(&[
            &header_csv(
                "C1,M,01/04/2014,WBRI,,,\nC2,M,31/03/2014,WBRI,,,\nC3,M,01/04/2014,WBRI,,,\n",
            ),
            &format!("{UASC}\nC1,M,01/04/2014,\nC2,M,31/03/2014,\n"),
        ]);
        assert_eq!(failing_rows("231", &r, None), vec![Some(0)]);
    }

    #[test]
    fn rule_232_sex_reported_as_unknown() {
        let r = ret(&[&header_csv(
            "C1,U,01/02/2015,WBRI,,,\nC2,M,01/02/2015,WBRI,,,\n",
        )]);
        assert_eq!(failing_rows("232", &r, None), vec![Some(0)]);
    }

    #[test]
    fn rule_301_date_of_birth_after_the_year_ended() {
        let r = ret(&[&short_header(&["C1,M,31/03/2025,", "C2,F,01/04/2025,"])]);
        assert_eq!(failing_rows("301", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_351_over_25_at_the_start_of_the_year() {
        // 25 on 1 April 2024 is not over 25; a day older is. 21 is no limit.
        let r = ret(&[&short_header(&[
            "C1,M,01/04/1999,",
            "C2,F,31/03/1999,",
            "C3,F,31/03/2003,",
        ])]);
        assert_eq!(failing_rows("351", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_442_upn_needed_unless_only_short_breaks() {
        let header = format!(
            "{HEADER}\nC1,M,01/02/2015,WBRI,,,\nC2,F,01/02/2015,WBRI,,,\nC3,F,01/02/2015,WBRI,UN2,,\nC4,F,01/02/2015,WBRI,,,\n"
        );
        let eps = format!(
            "{EPISODES}\nC1,01/04/2024,S,C2,N1,U1,PR1,,,,LE1 1AA,LE2 2AA,\nC1,01/05/2024,L,C1,N1,U1,PR1,,,,LE1 1AA,LE2 2AA,\nC2,01/04/2024,S,V3,N1,U1,PR1,,,,LE1 1AA,LE2 2AA,\nC3,01/04/2024,S,C2,N1,U1,PR1,,,,LE1 1AA,LE2 2AA,\n"
        );
        let r = ret(&[&header, &eps]);
        // C1 fails once; C2 has only short breaks; C3 has a UPN; C4 has no episode.
        assert_eq!(failing_rows("442", &r, None), vec![Some(0)]);
    }

    #[test]
    fn rule_444_upns_must_be_unique() {
        let r = ret(&[&format!(
            "{HEADER}\nC1,M,01/02/2015,WBRI,A123456789012,,\nC2,F,01/02/2015,WBRI,UN1,,\nC3,F,01/02/2015,WBRI,UN1,,\nC4,F,01/02/2015,WBRI,a123456789012,,\nC5,F,01/02/2015,WBRI,B123456789012,,\nC6,F,01/02/2015,WBRI,,,\nC7,F,01/02/2015,WBRI,,,\n"
        )]);
        assert_eq!(failing_rows("444", &r, None), vec![Some(0), Some(3)]);
    }

    #[test]
    fn rule_epi_child_without_episodes() {
        let header = headers(&[
            child("C1", "01/01/2010"),
            child("C2", "01/01/2007"),
            child("C3", "01/01/2010"),
        ]);
        let eps = episodes(&[ep_with_postcodes(
            "C1",
            "01/05/2024",
            "C2",
            "U1",
            "",
            "",
            "",
            "",
        )]);
        let oc3 = csv_table(OC3, &["C2,01/01/2007,YES,F1,B1"]);
        let r = ret(&[&header, &eps, &oc3]);
        assert_eq!(failing_rows("EPI", &r, None), vec![Some(2)]);
        let r = ret(&[&header]);
        assert_eq!(
            failing_rows("EPI", &r, None),
            vec![Some(0), Some(1), Some(2)]
        );
    }

    #[test]
    fn rule_105_the_xml_uasc_flag_is_0_or_1() {
        let h = header_of(&["C1", "C2", "C3", "C4"]);
        let r = xml(&[&h], &["1", "0", "", "Y"]);
        assert_eq!(failing_rows("105", &r, None), vec![Some(2), Some(3)]);
        let good = xml(&[&h], &["1", "0", "0", " 1"]);
        assert_eq!(failing_rows("105", &good, None), vec![]);
        // The CSV form has no flag to judge.
        assert_eq!(failing_rows("105", &ret(&[&h]), None), vec![]);
    }
}
