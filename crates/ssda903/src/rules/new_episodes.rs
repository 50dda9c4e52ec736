//! The reason for each new episode (RNE), against what changed from the episode before.

use crate::Table;
use crate::rules::ages::plus_years;
use crate::rules::codes::in_list;
use crate::rules::codes::is;
use crate::rules::codes::one_of_any_case;
use crate::rules::episodes_and_children::check_with_previous;
use crate::rules::episodes_and_children::differs_from_last_open;
use crate::rules::episodes_and_children::first_episodes;
use crate::rules::episodes_and_children::no_exception;
use crate::rules::reporting::report_set;
use crate::validate::Needs;
use crate::validate::Rule;
use crate::validate::Trimmed;
use crate::validate::blank;
use crate::validate::each_row;
use crate::years::Years;
use domain::codes::CodeList;
use domain::codes::ReasonEpisodeCeased;
use domain::codes::ReasonNewEpisode;
use std::collections::BTreeSet;

/// Whether an episode's reason for ending means the child left care.
fn left_care(rec: &str) -> bool {
    ReasonEpisodeCeased::parse_code(&rec.trimmed().to_ascii_uppercase())
        .is_ok_and(|r| r.ends_care())
}

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "143",
        message: "The reason for new episode code is not a valid code.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                !blank(t.value(r, "RNE")) && !in_list::<ReasonNewEpisode>(t.value(r, "RNE"))
            })
        },
    },
    Rule {
        code: "352",
        message: "Child who started to be looked after was aged 18 or over.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let dobs = ctx.births();
            each_row(ctx, out, Table::Episodes, |t, r| {
                is(t.value(r, "RNE"), "S")
                    && match (t.date(r, "DECOM"), dobs.get(t.value(r, "CHILD"))) {
                        (Some(start), Some(&(_, dob))) => start >= plus_years(dob, 18),
                        _ => false,
                    }
            })
        },
    },
    Rule {
        code: "357",
        message: "If this is the first episode ever for this child, reason for new episode must be S.  Check whether there is an episode immediately preceding this one, which has been left out.  If not the reason for new episode code must be amended to S.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // Only a first episode starting in this year is known to be the
            // child's first ever.
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            let failing: BTreeSet<usize> = first_episodes(eps)
                .into_iter()
                .filter(|&(r, start)| start >= ctx.start() && !is(eps.value(r, "RNE"), "S"))
                .map(|(r, _)| r)
                .collect();
            report_set(out, eps, &failing);
        },
    },
    Rule {
        code: "366",
        message: "A child cannot change placement during the course of an individual short-term respite break.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                is(t.value(r, "LS"), "V3") && !is(t.value(r, "RNE"), "S")
            })
        },
    },
    Rule {
        code: "431",
        message: "The reason for new episode is started to be looked after, but the previous episode ended on the same day.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            check_with_previous(ctx, out, |t, prev, cur| {
                one_of_any_case(t.value(cur, "RNE"), &["S"])
                    && matches!(
                        (t.date(cur, "DECOM"), t.date(prev, "DEC")),
                        (Some(start), Some(end)) if start <= end
                    )
            })
        },
    },
    Rule {
        code: "432",
        message: "The child ceased to be looked after at the end of the previous episode but the reason for the new episode is not started to be looked after.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            check_with_previous(ctx, out, |t, prev, cur| {
                left_care(t.value(prev, "REC")) && !one_of_any_case(t.value(cur, "RNE"), &["S"])
            })
        },
    },
    Rule {
        code: "433",
        message: "The reason for new episode suggests that this is a continuation episode, but the episode does not start on the same day as the last episode finished.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            check_with_previous(ctx, out, |t, prev, cur| {
                one_of_any_case(t.value(cur, "RNE"), &["P", "L", "T", "U", "B"])
                    && match (t.date(prev, "DEC"), t.date(cur, "DECOM")) {
                        (Some(end), Some(start)) => end != start,
                        _ => true,
                    }
            })
        },
    },
    Rule {
        code: "503A",
        message: "The reason for new episode in the first episode does not match open episode at end of last year.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| differs_from_last_open(ctx, out, "RNE", no_exception),
    },
];

#[cfg(test)]
mod tests {

    use crate::rules::test_rows::*;
    use crate::validate::testing::*;

    #[test]
    fn rule_143_episode_codes_must_be_valid() {
        check_143_144_145_episode_codes_must_be_valid();
    }

    #[test]
    fn rule_143_144_145_a_blank_code_is_not_an_invalid_one() {
        // "is not a valid code": a code given that is not valid, in any
        // case (as the reference reads it); a blank one is not a code given.
        let r = ret(&[&format!(
            "{EPISODES}\nC1,01/04/2024,,,,U1,PR1,,,,LE1 1,LE2 2,\nC2,01/04/2024,s,c2,n1,U1,PR1,,,,LE1 1,LE2 2,\nC3,01/04/2024,Q,C9,N9,U1,PR1,,,,LE1 1,LE2 2,\n"
        )]);
        for code in ["143", "144", "145"] {
            assert_eq!(failing_rows(code, &r, None), vec![Some(2)], "{code}");
        }
    }

    #[test]
    fn rule_352_started_to_be_looked_after_at_18_or_over() {
        let r = ret(&[
            &short_header(&["C1,M,01/06/2006,", "C2,F,02/06/2006,"]),
            &eps(&[
                short_ep("C1", "01/06/2024", "S", "V2", "U1", "", ""),
                short_ep("C2", "01/06/2024", "S", "V2", "U1", "", ""),
            ]),
        ]);
        assert_eq!(failing_rows("352", &r, None), vec![Some(0)]);
    }

    #[test]
    fn rule_357_first_episode_must_be_a_new_period_of_care() {
        let r = ret(&[&eps(&[
            short_ep("C1", "01/05/2024", "S", "C2", "U1", "02/06/2024", "X1"),
            short_ep("C1", "02/06/2024", "P", "C2", "U4", "", ""),
            short_ep("C2", "01/05/2024", "P", "C2", "U1", "", ""),
            // First episode before the year: not known to be the first.
            short_ep("C3", "01/05/2020", "P", "C2", "U1", "", ""),
        ])]);
        assert_eq!(failing_rows("357", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_366_respite_episode_must_start_a_new_period() {
        let r = ret(&[&eps(&[
            short_ep("C1", "01/05/2024", "S", "V3", "U6", "03/05/2024", "E13"),
            short_ep("C2", "01/05/2024", "P", "V3", "U6", "03/05/2024", "E13"),
        ])]);
        assert_eq!(failing_rows("366", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_431_started_care_on_the_day_the_previous_episode_ended() {
        let r = episode_return(&[
            "C1,01/04/2024,S,C2,U1,10/05/2024,E4A,LE2 2AA,SC1",
            "C1,11/05/2024,S,C2,U1,,,LE2 2AA,SC1", // next day: passes
            "C2,01/04/2024,S,C2,U1,10/05/2024,E4A,LE2 2AA,SC1",
            "C2,10/05/2024,S,C2,U1,,,LE2 2AA,SC1", // same day: fails
        ]);
        assert_eq!(failing_rows("431", &r, None), vec![Some(3)]);
    }

    #[test]
    fn rule_432_a_new_episode_after_leaving_care_must_start_care() {
        let r = episode_return(&[
            "C1,01/04/2024,S,C2,U1,10/05/2024,E4A,LE2 2AA,SC1",
            "C1,20/06/2024,S,C2,U1,,,LE2 2AA,SC1", // passes
            "C2,01/04/2024,S,C2,U1,10/05/2024,E13,LE2 2AA,SC1",
            "C2,20/06/2024,P,C2,U4,,,LE3 3AA,SC2", // fails
            "C3,01/04/2024,S,C2,U1,10/05/2024,X1,LE2 2AA,SC1",
            "C3,10/05/2024,P,C2,U4,,,LE3 3AA,SC2", // X1: passes
        ]);
        assert_eq!(failing_rows("432", &r, None), vec![Some(3)]);
    }

    #[test]
    fn rule_433_a_continuation_episode_must_start_when_the_last_ended() {
        let r = episode_return(&[
            "C1,01/04/2024,S,C2,U1,10/05/2024,X1,LE2 2AA,SC1",
            "C1,10/05/2024,P,C2,U4,,,LE3 3AA,SC2", // passes
            "C2,01/04/2024,S,C2,U1,10/05/2024,X1,LE2 2AA,SC1",
            "C2,12/05/2024,P,C2,U4,,,LE3 3AA,SC2", // gap: fails
            "C3,01/04/2024,P,C2,U4,,,LE3 3AA,SC2", // first episode: passes
        ]);
        assert_eq!(failing_rows("433", &r, None), vec![Some(3)]);
    }

    #[test]
    fn rule_433_episodes_are_taken_in_date_order() {
        let r = episode_return(&[
            "C1,10/05/2024,B,C2,U4,,,LE3 3AA,SC2",
            "C1,01/04/2024,S,V2,U1,10/05/2024,X1,LE2 2AA,SC1",
        ]);
        assert_eq!(failing_rows("433", &r, None), vec![]);
    }

    #[test]
    fn rule_503a_reason_for_new_episode_carries_over() {
        let (now, prev) = carried_over(2, "S", "S", "P");
        assert_eq!(failing_rows("503A", &now, Some(&prev)), vec![Some(1)]);
    }
}
