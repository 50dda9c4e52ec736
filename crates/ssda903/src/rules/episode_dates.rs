//! The dates of episodes of care: valid, in order, within the year, and each following on from the one before.

use crate::Table;
use crate::hash::HashMap;
use crate::rules::ages::bad_date;
use crate::rules::codes::one_of;
use crate::rules::episodes_and_children::children;
use crate::rules::episodes_and_children::earliest_episode;
use crate::rules::episodes_and_children::first_episode;
use crate::rules::episodes_and_children::first_episodes;
use crate::rules::episodes_and_children::latest_episode;
use crate::rules::episodes_and_children::previous_episodes;
use crate::rules::reporting::report_set;
use crate::validate::Needs;
use crate::validate::Rule;
use crate::validate::blank;
use crate::validate::date;
use crate::validate::each_row;
use crate::years::Years;
use chrono::NaiveDate;
use std::collections::BTreeSet;

const ADOPTED: &[&str] = &["E11", "E12"];

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "141",
        message: "Date episode began is not a valid date.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                bad_date(t.value(r, "DECOM"))
            })
        },
    },
    Rule {
        code: "147",
        message: "Date episode ceased is not a valid date.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                bad_date(t.value(r, "DEC"))
            })
        },
    },
    Rule {
        code: "199",
        message: "Episode information shows child has been previously adopted from care. [NOTE: This only tests the current and previous year data loaded into the tool]",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            // When each child's episodes ending in adoption began, this year and
            // (if given) last year.
            let mut adoptions: HashMap<&str, Vec<NaiveDate>> = HashMap::default();
            let last = ctx.previous.and_then(|p| p.table(Table::Episodes));
            for t in std::iter::once(eps).chain(last) {
                for r in 0..t.len() {
                    if !one_of(t.value(r, "REC"), ADOPTED) {
                        continue;
                    }
                    if let Some(d) = t.date(r, "DECOM") {
                        adoptions.entry(t.value(r, "CHILD")).or_default().push(d);
                    }
                }
            }
            each_row(ctx, out, Table::Episodes, |t, r| {
                let began = t.date(r, "DECOM");
                began
                    .zip(adoptions.get(t.value(r, "CHILD")))
                    .is_some_and(|(b, ads)| ads.iter().any(|a| *a < b))
            })
        },
    },
    Rule {
        code: "302",
        message: "First episode starts before child was born.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(header)) = (ctx.table(Table::Episodes), ctx.table(Table::Header))
            else {
                return;
            };
            let dobs = ctx.births();
            let (mut ep_rows, mut hdr_rows) = (BTreeSet::new(), BTreeSet::new());
            for (r, start) in first_episodes(eps) {
                if let Some(&(h, dob)) = dobs.get(eps.value(r, "CHILD"))
                    && dob > start
                {
                    ep_rows.insert(r);
                    hdr_rows.insert(h);
                }
            }
            report_set(out, eps, &ep_rows);
            report_set(out, header, &hdr_rows);
        },
    },
    Rule {
        code: "353",
        message: "No episode submitted can start before 14 October 1991.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let earliest = NaiveDate::from_ymd_opt(1991, 10, 14).expect("a real date");
            each_row(ctx, out, Table::Episodes, |t, r| {
                t.date(r, "DECOM").is_some_and(|d| d < earliest)
            })
        },
    },
    Rule {
        code: "354",
        message: "Date episode ceased must be on or before the end of the current collection year.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // Despite the message, this is the date the episode started.
            let end = ctx.end();
            each_row(ctx, out, Table::Episodes, |t, r| {
                t.date(r, "DECOM").is_some_and(|d| d > end)
            })
        },
    },
    Rule {
        code: "355",
        message: "Episode appears to have lasted for less than 24 hours",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                let (start, end) = (t.value(r, "DECOM"), t.value(r, "DEC"));
                match (date(start), date(end)) {
                    (Some(s), Some(e)) => s == e,
                    _ => !blank(start) && start == end,
                }
            })
        },
    },
    Rule {
        code: "356",
        message: "The date the episode ceased is before the date the same episode started.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                match (t.date(r, "DECOM"), t.date(r, "DEC")) {
                    (Some(s), Some(e)) => e < s,
                    _ => false,
                }
            })
        },
    },
    Rule {
        code: "385",
        message: "Date episode ceased must be on or before the end of the current collection year.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let end = ctx.end();
            each_row(ctx, out, Table::Episodes, |t, r| {
                t.date(r, "DEC").is_some_and(|d| d > end)
            })
        },
    },
    Rule {
        code: "501",
        message: "A new episode has started before the end date of the previous episode.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            // Each child's episodes with a valid start, in start order (file
            // order on a tie). An episode without a start has no place in
            // the sequence: it is neither previous nor next to another.
            let mut bad: Vec<usize> = Vec::new();
            for rows in ctx.rows_by_child(eps).values() {
                let mut dated: Vec<(NaiveDate, usize)> = rows
                    .iter()
                    .filter_map(|&r| Some((eps.date(r, "DECOM")?, r)))
                    .collect();
                dated.sort_unstable();
                for w in dated.windows(2) {
                    let ((_, p), (start, n)) = (w[0], w[1]);
                    if eps.date(p, "DEC").is_some_and(|prev_end| start < prev_end) {
                        bad.push(n);
                    }
                }
            }
            bad.sort_unstable();
            for r in bad {
                out.row(eps, r);
            }
        },
    },
    Rule {
        code: "502",
        message: "Last year's record ended with an open episode. The date on which that episode started does not match the start date of the first episode on this year’s record.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let (Some(eps), Some(prev)) = (ctx.table(Table::Episodes), previous_episodes(ctx))
            else {
                return;
            };
            let mut open_last: HashMap<&str, Vec<Option<NaiveDate>>> = HashMap::default();
            for r in 0..prev.len() {
                if blank(prev.value(r, "DEC")) {
                    open_last
                        .entry(prev.value(r, "CHILD"))
                        .or_default()
                        .push(prev.date(r, "DECOM"));
                }
            }
            let mut bad: Vec<usize> = first_episode(ctx, eps)
                .iter()
                .map(|(&c, &r)| (c, r))
                .filter(|&(c, r)| {
                    let first = eps.date(r, "DECOM");
                    open_last
                        .get(c)
                        .is_some_and(|starts| starts.iter().any(|s| *s != first))
                })
                .map(|(_, r)| r)
                .collect();
            bad.sort_unstable();
            for r in bad {
                out.row(eps, r);
            }
        },
    },
    Rule {
        code: "562",
        message: "Episode commenced before the start of the current collection year but there is a missing continuous episode in the previous year.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let (Some(eps), Some(prev)) = (ctx.table(Table::Episodes), previous_episodes(ctx))
            else {
                return;
            };
            let start = ctx.start();
            let last_starts: HashMap<&str, Option<NaiveDate>> = latest_episode(ctx, prev)
                .iter()
                .map(|(&c, &r)| (c, r))
                .map(|(c, r)| (c, prev.date(r, "DECOM")))
                .collect();
            let first = earliest_episode(eps, |r| eps.date(r, "DECOM").is_some_and(|d| d < start));
            let mut bad: Vec<usize> = first
                .into_iter()
                .filter(|&(c, r)| last_starts.get(c).copied().flatten() != eps.date(r, "DECOM"))
                .map(|(_, r)| r)
                .collect();
            bad.sort_unstable();
            for r in bad {
                out.row(eps, r);
            }
        },
    },
    Rule {
        code: "1012",
        message: "No other data should be returned for OC3 children who had no episodes in the current year",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            let with_eps = children(Some(eps));
            for table in [
                Table::PlacedAdoption,
                Table::Missing,
                Table::Reviews,
                Table::Ad1,
                Table::PrevPerm,
                Table::Oc2,
            ] {
                each_row(ctx, out, table, |t, r| {
                    !with_eps.contains(t.value(r, "CHILD"))
                });
            }
        },
    },
    Rule {
        code: "NoE",
        message: "This child has no episodes loaded for previous year even though child started to be looked after before this current year.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            // An episode that started before the year, of a child with no
            // episode in last year's return.
            let Some(last) = ctx.previous.and_then(|p| p.table(Table::Episodes)) else {
                return;
            };
            let last_children = children(Some(last));
            let start = ctx.start();
            each_row(ctx, out, Table::Episodes, |t, r| {
                t.date(r, "DECOM").is_some_and(|d| d < start)
                    && !last_children.contains(t.value(r, "CHILD"))
            })
        },
    },
];

#[cfg(test)]
mod tests {

    use crate::rules::test_rows::*;

    use crate::validate::testing::*;

    fn check_141_147_episode_dates_must_be_valid() {
        let r = ret(&[&episodes(&[
            ep("C1", "01/04/2024", "S", "C2", "01/05/2024", "E11"),
            ep("C2", "31/04/2024", "S", "C2", "01/05/24", "E11"),
            ep("C3", "", "S", "C2", "", ""),
        ])]);
        assert_eq!(failing_rows("141", &r, None), vec![Some(1)]);
        assert_eq!(failing_rows("147", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_141_episode_dates_must_be_valid() {
        check_141_147_episode_dates_must_be_valid();
    }

    #[test]
    fn rule_147_episode_dates_must_be_valid() {
        check_141_147_episode_dates_must_be_valid();
    }

    #[test]
    fn rule_199_no_episode_after_an_adoption() {
        let current = episodes(&[
            ep("C1", "01/04/2024", "S", "C2", "01/05/2024", "E11"),
            ep("C1", "01/06/2024", "S", "C2", "", ""),
            ep("C2", "01/06/2024", "S", "C2", "", ""),
            ep("C3", "01/06/2024", "S", "C2", "", ""),
        ]);
        let last = episodes(&[
            ep("C2", "01/04/2020", "S", "C2", "01/05/2022", "E12"),
            ep("C3", "01/04/2020", "S", "C2", "01/05/2022", "E13"),
        ]);
        let r = ret(&[&current]);
        let previous = ret(&[&last]);
        assert_eq!(failing_rows("199", &r, None), vec![Some(1)]);
        assert_eq!(
            failing_rows("199", &r, Some(&previous)),
            vec![Some(1), Some(2)]
        );
    }

    #[test]
    fn rule_302_first_episode_before_birth() {
        let r = ret(&[
            &short_header(&["C1,M,01/05/2024,", "C2,F,01/01/2020,"]),
            &eps(&[
                short_ep("C1", "01/06/2024", "P", "C2", "U1", "", ""),
                short_ep("C1", "01/04/2024", "S", "C2", "U1", "01/06/2024", "X1"),
                short_ep("C2", "01/04/2024", "S", "C2", "U1", "", ""),
            ]),
        ]);
        // Episode row 1 (C1's first), then Header row 0.
        assert_eq!(failing_rows("302", &r, None), vec![Some(1), Some(0)]);
    }

    #[test]
    fn rule_353_episode_before_14_october_1991() {
        let r = ret(&[&eps(&[
            short_ep("C1", "14/10/1991", "S", "C2", "U1", "", ""),
            short_ep("C2", "13/10/1991", "S", "C2", "U1", "", ""),
        ])]);
        assert_eq!(failing_rows("353", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_354_episode_starts_after_the_year_ends() {
        let r = ret(&[&eps(&[
            short_ep("C1", "31/03/2025", "S", "C2", "U1", "", ""),
            short_ep("C2", "01/04/2025", "S", "C2", "U1", "", ""),
        ])]);
        assert_eq!(failing_rows("354", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_355_episode_of_less_than_a_day() {
        let r = ret(&[&eps(&[
            short_ep("C1", "01/05/2024", "S", "C2", "U1", "02/05/2024", "X1"),
            short_ep("C2", "01/05/2024", "S", "C2", "U1", "01/05/2024", "E13"),
            short_ep("C3", "01/05/2024", "S", "C2", "U1", "", ""),
        ])]);
        assert_eq!(failing_rows("355", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_356_ceased_before_it_started() {
        let r = ret(&[&eps(&[
            short_ep("C1", "01/05/2024", "S", "C2", "U1", "02/05/2024", "X1"),
            short_ep("C2", "01/05/2024", "S", "C2", "U1", "30/04/2024", "E13"),
        ])]);
        assert_eq!(failing_rows("356", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_385_episode_ceased_after_the_year_ended() {
        let r = ret(&[&eps(&[
            short_ep("C1", "01/05/2024", "S", "C2", "U1", "31/03/2025", "E13"),
            short_ep("C2", "01/05/2024", "S", "C2", "U1", "01/04/2025", "E13"),
        ])]);
        assert_eq!(failing_rows("385", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_501_episode_starts_after_previous_ends() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "C2", "U1", "10/05/2024", "X1"),
                full_ep("A", "08/05/2024", "P", "C2", "U1", "", ""),
                full_ep("B", "01/05/2024", "S", "C2", "U1", "10/05/2024", "X1"),
                full_ep("B", "10/05/2024", "P", "C2", "U1", "", ""),
            ],
        );
        assert_eq!(failing_rows("501", &ret(&[&eps]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_501_episode_without_a_start_is_not_in_the_sequence() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "C2", "U1", "10/05/2024", "X1"),
                full_ep("A", "", "P", "C2", "U1", "20/06/2024", "X1"),
                full_ep("A", "20/06/2024", "P", "C2", "U1", "", ""),
                full_ep("B", "01/05/2024", "S", "C2", "U1", "10/06/2024", "X1"),
                full_ep("B", "", "P", "C2", "U1", "20/06/2024", "X1"),
                full_ep("B", "01/06/2024", "P", "C2", "U1", "", ""),
            ],
        );
        // A's undated episode does not make its first one start too early;
        // B's dated episodes still overlap each other.
        assert_eq!(failing_rows("501", &ret(&[&eps]), None), vec![Some(5)]);
    }

    #[test]
    fn rule_502_first_episode_matches_last_years_open_episode() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2023", "S", "C2", "U1", "", ""),
                full_ep("B", "02/05/2023", "S", "C2", "U1", "", ""),
            ],
        );
        let prev = ret(&[&table(
            EPISODES,
            &[
                full_ep("A", "01/05/2023", "S", "C2", "U1", "", ""),
                full_ep("B", "01/05/2023", "S", "C2", "U1", "", ""),
            ],
        )]);
        assert_eq!(
            failing_rows("502", &ret(&[&eps]), Some(&prev)),
            vec![Some(1)]
        );
    }

    #[test]
    fn rule_562_episode_open_at_year_start_was_in_last_years_return() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/03/2024", "S", "C2", "U1", "", ""),
                full_ep("B", "01/03/2024", "S", "C2", "U1", "", ""),
                full_ep("C", "01/05/2024", "S", "C2", "U1", "", ""),
            ],
        );
        let prev = ret(&[&table(
            EPISODES,
            &[
                full_ep("A", "01/03/2024", "S", "C2", "U1", "", ""),
                full_ep("B", "01/02/2024", "S", "C2", "U1", "", ""),
            ],
        )]);
        assert_eq!(
            failing_rows("562", &ret(&[&eps]), Some(&prev)),
            vec![Some(1)]
        );
    }

    #[test]
    fn rule_1012_no_other_data_for_children_without_episodes() {
        let eps = table(
            EPISODES,
            &[full_ep("A", "01/01/2024", "S", "C2", "U1", "", "")],
        );
        let rev = table(
            REVIEWS,
            &[
                "A,01/01/2010,01/02/2024,PN1".into(),
                "B,01/01/2010,01/02/2024,PN1".into(),
            ],
        );
        let r = ret(&[&eps, &rev]);
        assert_eq!(failing_rows("1012", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_noe_started_before_the_year_without_last_years_episodes() {
        let r = ret(&[&episodes(&[
            ep_with_postcodes("C1", "01/03/2024", "C2", "U1", "", "", "", ""),
            ep_with_postcodes("C2", "01/03/2024", "C2", "U1", "", "", "", ""),
            ep_with_postcodes("C3", "01/04/2024", "C2", "U1", "", "", "", ""),
        ])]);
        let last = ret(&[&episodes(&[ep_with_postcodes(
            "C2",
            "01/03/2024",
            "C2",
            "U1",
            "",
            "",
            "",
            "",
        )])]);
        assert_eq!(failing_rows("NoE", &r, Some(&last)), vec![Some(0)]);
        // Nothing to compare with without last year's episodes.
        assert_eq!(failing_rows("NoE", &r, None), vec![]);
        let rule = crate::validate::RULES
            .iter()
            .find(|r| r.code == "NoE")
            .unwrap();
        assert_eq!(rule.needs, crate::validate::Needs::PreviousReturn);
    }
}
