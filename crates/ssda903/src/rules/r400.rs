//! DfE validation rules 400 to 499: mostly how one episode follows another
//! (reason for new episode against what changed), review participation by
//! age, and a few legal-status and identifier checks.

use crate::hash::{HashMap, HashSet};

use chrono::{Months, NaiveDate};
use domain::codes::{CodeList, ReasonEpisodeCeased};

use super::placement::{each_placed, same_rne};
use crate::Table;
use crate::TableData;
use crate::postcodes::Placement;
use crate::validate::{
    Context, Findings, Needs, RowsByChild, Rule, SharedOrder, Trimmed, blank, date, each_row,
};
use crate::years::Years;

/// Whether a value is one of these codes (the return's codes are upper case;
/// a lower-case entry is read as the code it spells, as the DfE's tools do).
fn is(value: &str, codes: &[&str]) -> bool {
    let v = value.trimmed();
    codes.iter().any(|c| v.eq_ignore_ascii_case(c))
}

/// A value as compared between two episodes: case and spaces do not count
/// (`LE1 1AA` and `le11aa` are the same postcode).
fn norm(value: &str) -> impl Iterator<Item = char> + '_ {
    value
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
}

/// Whether two rows of a table hold the same value in a column.
fn same(data: &TableData, a: usize, b: usize, column: &str) -> bool {
    let (a, b) = (data.value(a, column), data.value(b, column));
    a == b || norm(a).eq(norm(b))
}

/// The placement details an episode records: a change in any of them is a
/// change of placement.
const PLACEMENT: [&str; 4] = ["PLACE", "PL_POST", "URN", "PLACE_PROVIDER"];

/// Whether the placement details are the same in both episodes.
fn same_placement(data: &TableData, a: usize, b: usize) -> bool {
    PLACEMENT.iter().all(|c| same(data, a, b, c))
}

/// The date a person born on `dob` turns `years` old (29 February birthdays
/// fall on 28 February in other years).
fn birthday(dob: NaiveDate, years: u32) -> Option<NaiveDate> {
    dob.checked_add_months(Months::new(12 * years))
}

/// Each child's episodes in date order: by start date, then end date, with
/// blank or invalid dates last and ties in file order.
fn episode_runs<'c, 'a>(ctx: &'c Context<'a>, data: &'a TableData) -> &'c RowsByChild<'a> {
    assert!(
        ctx.table(Table::Episodes)
            .is_some_and(|t| std::ptr::eq(t, data)),
        "episode runs are this year's"
    );
    ctx.shared_order(SharedOrder::EpisodesByStartAndEnd, || {
        let key = |r: usize, column: &str| match data.date(r, column) {
            Some(d) => (false, Some(d)),
            None => (true, None),
        };
        let mut runs = ctx.rows_by_child(data).clone();
        for run in runs.values_mut() {
            run.sort_by_key(|&r| (key(r, "DECOM"), key(r, "DEC"), r));
        }
        runs
    })
}

/// Each episode that follows another of the same child, with the one before it.
fn with_previous<'a>(ctx: &Context<'a>, data: &'a TableData) -> Vec<(usize, usize)> {
    episode_runs(ctx, data)
        .values()
        .flat_map(|run| run.windows(2).map(|w| (w[0], w[1])))
        .collect()
}

/// Reports rows in file order, each once.
fn report(out: &mut Findings, data: &TableData, mut rows: Vec<usize>) {
    rows.sort_unstable();
    rows.dedup();
    for row in rows {
        out.row(data, row);
    }
}

/// Reports the episodes that follow another and fail a check against it.
fn check_with_previous(
    ctx: &Context<'_>,
    out: &mut Findings,
    fails: impl Fn(&TableData, usize, usize) -> bool,
) {
    if let Some(data) = ctx.table(Table::Episodes) {
        let rows = with_previous(ctx, data)
            .into_iter()
            .filter(|&(prev, cur)| fails(data, prev, cur))
            .map(|(_, cur)| cur)
            .collect();
        report(out, data, rows);
    }
}

/// Whether an episode's reason for ending means the child left care.
fn left_care(rec: &str) -> bool {
    ReasonEpisodeCeased::parse_code(&rec.trimmed().to_ascii_uppercase())
        .is_ok_and(|r| r.ends_care())
}

/// Rules 453 and 503G: whether the distance changed between last year's
/// last episode and this year's first: by 0.2 miles or more, or derived now
/// and not then (not the other way round, as the reference reads it: a
/// distance missing now is 392a's to report).
pub(super) fn distance_changed(now: Option<f64>, before: Option<f64>) -> bool {
    match (now, before) {
        (Some(now), Some(before)) => (now - before).abs() >= 0.2,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// The participation codes for a child aged 4 or over at the review.
const AGED_4_OR_OVER: [&str; 7] = ["PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"];

/// The default UPNs, which many children may share.
const DEFAULT_UPNS: [&str; 5] = ["UN1", "UN2", "UN3", "UN4", "UN5"];

/// Rules 452 and 453: each child's first episode this year, continuing
/// (same reason for new episode) last year's last episode, left open,
/// reported when `differs` says the derived placement details disagree.
/// "Open" is as each rule's reference reads it: 452 a blank end date, 453 an
/// end date that is not a date.
fn continues_last_year_but_differs(
    ctx: &Context<'_>,
    out: &mut Findings,
    open: fn(&str) -> bool,
    differs: fn(&Placement<'_>, &Placement<'_>) -> bool,
) {
    let (Some(eps), Some(prev)) = (
        ctx.table(Table::Episodes),
        ctx.previous.and_then(|p| p.table(Table::Episodes)),
    ) else {
        return;
    };
    for &(r, p) in ctx.first_with_last_years() {
        if same_rne(eps, r, prev, p)
            && open(prev.value(p, "DEC"))
            && differs(&ctx.placement(r), &ctx.previous_placement(p))
        {
            out.row(eps, r);
        }
    }
}

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "431",
        message: "The reason for new episode is started to be looked after, but the previous episode ended on the same day.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            check_with_previous(ctx, out, |t, prev, cur| {
                is(t.value(cur, "RNE"), &["S"])
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
                left_care(t.value(prev, "REC")) && !is(t.value(cur, "RNE"), &["S"])
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
                is(t.value(cur, "RNE"), &["P", "L", "T", "U", "B"])
                    && match (t.date(prev, "DEC"), t.date(cur, "DECOM")) {
                        (Some(end), Some(start)) => end != start,
                        _ => true,
                    }
            })
        },
    },
    Rule {
        code: "434",
        message: "Reason for new episode is that child's legal status has changed but not the placement, but this is not reflected in the episode data.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            check_with_previous(ctx, out, |t, prev, cur| {
                is(t.value(cur, "RNE"), &["L"])
                    && (same(t, prev, cur, "LS") || !same_placement(t, prev, cur))
            })
        },
    },
    Rule {
        code: "435",
        message: "Reason for new episode is that child’s placement has changed but not the legal status, but this is not reflected in the episode data recorded.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            check_with_previous(ctx, out, |t, prev, cur| {
                is(t.value(cur, "RNE"), &["P", "T"])
                    && (!same(t, prev, cur, "LS") || same_placement(t, prev, cur))
            })
        },
    },
    Rule {
        code: "436",
        message: "Reason for new episode is that both child’s placement and legal status have changed, but this is not reflected in the episode data.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            check_with_previous(ctx, out, |t, prev, cur| {
                is(t.value(cur, "RNE"), &["B", "U"])
                    && (same(t, prev, cur, "LS") || same_placement(t, prev, cur))
            })
        },
    },
    Rule {
        code: "437",
        message: "Reason episode ceased is child has died or is aged 18 or over but there are further episodes.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            if let Some(data) = ctx.table(Table::Episodes) {
                let rows = episode_runs(ctx, data)
                    .values()
                    .flat_map(|run| run.iter().take(run.len().saturating_sub(1)))
                    .copied()
                    .filter(|&r| {
                        is(data.value(r, "REC"), &["E2", "E15"]) && data.date(r, "DECOM").is_some()
                    })
                    .collect();
                report(out, data, rows);
            }
        },
    },
    Rule {
        code: "440",
        message: "Participation method indicates child was under 4 years old at the time of the review, but date of birth and review date indicates the child was 4 years old or over.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Reviews, |t, r| {
                is(t.value(r, "REVIEW_CODE"), &["PN0"])
                    && matches!(
                        (t.date(r, "DOB").and_then(|d| birthday(d, 4)), t.date(r, "REVIEW")),
                        (Some(fourth), Some(review)) if review >= fourth
                    )
            })
        },
    },
    Rule {
        code: "441",
        message: "Participation method indicates child was 4 years old or over at the time of the review, but the date of birth and review date indicates the child was under 4 years old.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Reviews, |t, r| {
                is(t.value(r, "REVIEW_CODE"), &AGED_4_OR_OVER)
                    && matches!(
                        (t.date(r, "DOB").and_then(|d| birthday(d, 4)), t.date(r, "REVIEW")),
                        (Some(fourth), Some(review)) if review < fourth
                    )
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
                .filter(|&r| !is(episodes.value(r, "LS"), &["V3", "V4"]))
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
                if !blank(upn) && !is(upn, &DEFAULT_UPNS) {
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
        code: "445",
        message: "D1 is not a valid code for episodes starting after December 2005.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| {
            let last = NaiveDate::from_ymd_opt(2005, 12, 31).expect("a real date");
            each_row(ctx, out, Table::Episodes, |t, r| {
                is(t.value(r, "LS"), &["D1"]) && t.date(r, "DECOM").is_some_and(|d| d > last)
            })
        },
    },
    Rule {
        code: "446",
        message: "E1 is not a valid code for episodes starting before December 2005.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let first = NaiveDate::from_ymd_opt(2005, 12, 1).expect("a real date");
            each_row(ctx, out, Table::Episodes, |t, r| {
                is(t.value(r, "LS"), &["E1"]) && t.date(r, "DECOM").is_some_and(|d| d < first)
            })
        },
    },
    Rule {
        code: "451",
        message: "Child is still freed for adoption, but freeing orders could not be applied for since 30 December 2005.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                is(t.value(r, "LS"), &["D1"])
                    && blank(t.value(r, "DEC"))
                    && blank(t.value(r, "REC"))
            })
        },
    },
    Rule {
        // PL_LA of the first episode differs from that of last year's last,
        // open, episode with the same reason for new episode.
        code: "452",
        message: "Contradiction between local authority of placement code in the last episode of the previous year and in the first episode of the current year.",
        years: Years::ALWAYS,
        needs: Needs::PostcodesAndPreviousReturn,
        check: |ctx, out| {
            continues_last_year_but_differs(ctx, out, blank, |now, before| now.la != before.la)
        },
    },
    Rule {
        // PL_DISTANCE of the first episode is 0.2 miles or more from that
        // of last year's last, open, episode with the same reason for new
        // episode, or there is one now and there was none then.
        code: "453",
        message: "Contradiction between placement distance in the last episode of the previous year and in the first episode of the current year.",
        years: Years::ALWAYS,
        needs: Needs::PostcodesAndPreviousReturn,
        check: |ctx, out| {
            continues_last_year_but_differs(
                ctx,
                out,
                |dec| date(dec).is_none(),
                |now, before| distance_changed(now.distance, before.distance),
            )
        },
    },
    Rule {
        // 999.9 miles is the code the return once used for "not known".
        code: "454",
        message: "Placement distance from home is over 350 miles.",
        years: Years::since(2025),
        needs: Needs::Postcodes,
        check: |ctx, out| {
            each_placed(ctx, out, |_, _, p| {
                p.distance.is_some_and(|d| d > 350.0 && d != 999.9)
            })
        },
    },
    Rule {
        code: "460",
        message: "Reason episode ceased is that child stayed with current carers at age 18 (or above), but child is aged under 18.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(header) = ctx.table(Table::Header) else {
                return;
            };
            // The first header row of each child gives the date of birth.
            let mut dob: HashMap<&str, Option<NaiveDate>> = HashMap::default();
            for r in 0..header.len() {
                dob.entry(header.value(r, "CHILD"))
                    .or_insert_with(|| header.date(r, "DOB"));
            }
            each_row(ctx, out, Table::Episodes, |t, r| {
                let eighteenth = dob
                    .get(t.value(r, "CHILD"))
                    .copied()
                    .flatten()
                    .and_then(|d| birthday(d, 18));
                is(t.value(r, "REC"), &["E17"])
                    && matches!(
                        (eighteenth, t.date(r, "DEC")),
                        (Some(adult), Some(end)) if end < adult
                    )
            })
        },
    },
];

#[cfg(test)]
mod tests {
    use super::distance_changed;
    use crate::validate::testing::*;
    use crate::validate::{Needs, RULES};

    const HEADER: &str = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB";
    const EPISODES: &str = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN";
    const REVIEWS: &str = "CHILD,DOB,REVIEW,REVIEW_CODE";

    /// A return of the Episodes table from rows written as
    /// `CHILD,DECOM,RNE,LS,PLACE,DEC,REC,PL_POST,URN` (other columns filled in).
    fn episodes(rows: &[&str]) -> crate::Return {
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

    #[test]
    fn rule_431_started_care_on_the_day_the_previous_episode_ended() {
        let r = episodes(&[
            "C1,01/04/2024,S,C2,U1,10/05/2024,E4A,LE2 2AA,SC1",
            "C1,11/05/2024,S,C2,U1,,,LE2 2AA,SC1", // next day: passes
            "C2,01/04/2024,S,C2,U1,10/05/2024,E4A,LE2 2AA,SC1",
            "C2,10/05/2024,S,C2,U1,,,LE2 2AA,SC1", // same day: fails
        ]);
        assert_eq!(failing_rows("431", &r, None), vec![Some(3)]);
    }

    #[test]
    fn rule_432_a_new_episode_after_leaving_care_must_start_care() {
        let r = episodes(&[
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
        let r = episodes(&[
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
        let r = episodes(&[
            "C1,10/05/2024,B,C2,U4,,,LE3 3AA,SC2",
            "C1,01/04/2024,S,V2,U1,10/05/2024,X1,LE2 2AA,SC1",
        ]);
        assert_eq!(failing_rows("433", &r, None), vec![]);
    }

    #[test]
    fn rule_434_change_of_legal_status_only() {
        let r = episodes(&[
            "C1,01/04/2024,S,V2,U1,10/05/2024,X1,LE2 2AA,SC1",
            "C1,10/05/2024,L,C2,U1,,,le22aa,SC1", // LS changed only: passes
            "C2,01/04/2024,S,V2,U1,10/05/2024,X1,LE2 2AA,SC1",
            "C2,10/05/2024,L,V2,U1,,,LE2 2AA,SC1", // LS the same: fails
            "C3,01/04/2024,S,V2,U1,10/05/2024,X1,LE2 2AA,SC1",
            "C3,10/05/2024,L,C2,U1,,,LE2 2AA,SC9", // URN changed: fails
        ]);
        assert_eq!(failing_rows("434", &r, None), vec![Some(3), Some(5)]);
    }

    #[test]
    fn rule_435_change_of_placement_only() {
        let r = episodes(&[
            "C1,01/04/2024,S,C2,U1,10/05/2024,X1,LE2 2AA,SC1",
            "C1,10/05/2024,P,C2,U4,,,LE3 3AA,SC2", // placement changed: passes
            "C2,01/04/2024,S,C2,U1,10/05/2024,X1,LE2 2AA,SC1",
            "C2,10/05/2024,T,C2,U1,,,LE2 2AA,SC1", // nothing changed: fails
            "C3,01/04/2024,S,V2,U1,10/05/2024,X1,LE2 2AA,SC1",
            "C3,10/05/2024,P,C2,U4,,,LE3 3AA,SC2", // LS changed too: fails
        ]);
        assert_eq!(failing_rows("435", &r, None), vec![Some(3), Some(5)]);
    }

    #[test]
    fn rule_436_change_of_placement_and_legal_status() {
        let r = episodes(&[
            "C1,01/04/2024,S,V2,U1,10/05/2024,X1,LE2 2AA,SC1",
            "C1,10/05/2024,B,C2,U4,,,LE3 3AA,SC2", // both changed: passes
            "C2,01/04/2024,S,V2,U1,10/05/2024,X1,LE2 2AA,SC1",
            "C2,10/05/2024,U,V2,U4,,,LE3 3AA,SC2", // LS the same: fails
            "C3,01/04/2024,S,V2,U1,10/05/2024,X1,LE2 2AA,",
            "C3,10/05/2024,B,C2,U1,,,LE2 2AA,", // placement the same: fails
        ]);
        assert_eq!(failing_rows("436", &r, None), vec![Some(3), Some(5)]);
    }

    #[test]
    fn rule_437_no_episodes_after_death_or_being_found_to_be_adult() {
        let r = episodes(&[
            "C1,01/04/2024,S,C2,U1,10/05/2024,E2,LE2 2AA,SC1", // last episode: passes
            "C2,20/06/2024,S,C2,U1,,,LE2 2AA,SC1",
            "C2,01/04/2024,S,C2,U1,10/05/2024,E15,LE2 2AA,SC1", // a later episode: fails
        ]);
        assert_eq!(failing_rows("437", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_440_pn0_only_under_4() {
        let r = ret(&[&format!(
            "{REVIEWS}\nC1,01/06/2021,31/05/2025,PN0\nC2,01/06/2020,01/06/2024,PN0\nC3,01/06/2019,01/06/2024,PN1\n"
        )]);
        assert_eq!(failing_rows("440", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_441_pn1_to_pn7_only_from_4() {
        let r = ret(&[&format!(
            "{REVIEWS}\nC1,01/06/2020,01/06/2024,PN1\nC2,01/06/2020,31/05/2024,PN7\nC3,01/06/2022,01/06/2024,PN0\nC4,,01/06/2024,PN2\n"
        )]);
        assert_eq!(failing_rows("441", &r, None), vec![Some(1)]);
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
    fn rule_445_d1_not_after_2005() {
        let r = episodes(&[
            "C1,31/12/2005,S,D1,U1,,,LE2 2AA,SC1",
            "C2,01/01/2006,S,D1,U1,,,LE2 2AA,SC1",
            "C3,01/01/2006,S,E1,U1,,,LE2 2AA,SC1",
        ]);
        assert_eq!(failing_rows("445", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_446_e1_not_before_december_2005() {
        let r = episodes(&[
            "C1,01/12/2005,S,E1,U1,,,LE2 2AA,SC1",
            "C2,30/11/2005,S,E1,U1,,,LE2 2AA,SC1",
            "C3,30/11/2005,S,D1,U1,,,LE2 2AA,SC1",
        ]);
        assert_eq!(failing_rows("446", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_451_no_open_freeing_order() {
        let r = episodes(&[
            "C1,01/04/2004,S,D1,U1,10/05/2024,E11,LE2 2AA,SC1",
            "C2,01/04/2004,S,D1,U1,,,LE2 2AA,SC1",
            "C3,01/04/2024,S,C2,U1,,,LE2 2AA,SC1",
        ]);
        assert_eq!(failing_rows("451", &r, None), vec![Some(1)]);
    }

    /// Episodes written as `CHILD,DECOM,RNE,DEC,HOME_POST,PL_POST` (see
    /// `testing::postcodes` for the postcodes).
    fn placed(rows: &[&str]) -> crate::Return {
        let mut csv = format!("{EPISODES}\n");
        for row in rows {
            let f: Vec<&str> = row.split(',').collect();
            assert_eq!(f.len(), 6, "{row}");
            let rec = if f[3].is_empty() { "" } else { "X1" };
            csv.push_str(&format!(
                "{},{},{},C2,N1,U1,PR1,{},{rec},,{},{},\n",
                f[0], f[1], f[2], f[3], f[4], f[5]
            ));
        }
        ret(&[&csv])
    }

    #[test]
    fn rule_452_placement_authority_must_continue_from_last_year() {
        let last = placed(&[
            "C1,01/05/2023,S,,LE1 1FZ,LE3 8RA",
            "C2,01/05/2023,S,,LE1 1FZ,LE3 8RA",
            "C3,01/05/2023,S,01/06/2024,LE1 1FZ,LE3 8RA",
            "C4,01/05/2023,S,,LE1 1FZ,LE3 8RA",
            "C5,01/05/2023,S,,LE1 1FZ,XX1 1XX",
            "C6,01/01/2023,S,01/05/2023,LE1 1FZ,LE1 1FZ",
            "C6,01/05/2023,P,,LE1 1FZ,LE3 8RA",
        ]);
        let now = placed(&[
            "C1,01/05/2023,S,,LE1 1FZ,LE1 1FZ",
            "C2,01/05/2023,S,,LE1 1FZ,le38ra",
            "C3,01/05/2023,S,,LE1 1FZ,LE1 1FZ",
            "C4,01/05/2023,P,,LE1 1FZ,LE1 1FZ",
            "C5,01/05/2023,S,,LE1 1FZ,YY1 1YY",
            "C6,01/06/2024,P,,LE1 1FZ,EH1 1RE",
            "C6,01/05/2023,P,01/06/2024,LE1 1FZ,CF10 3NQ",
        ]);
        for year in [2023, 2024, 2025] {
            assert_eq!(
                failing_rows_with_postcodes("452", year, &now, Some(&last)),
                vec![Some(0), Some(6)]
            );
        }
        let rule = RULES.iter().find(|r| r.code == "452").expect("rule exists");
        assert_eq!(rule.needs, Needs::PostcodesAndPreviousReturn);
    }

    #[test]
    fn rule_453_placement_distance_must_continue_from_last_year() {
        // From LE1 1FZ to LE3 8RA is 2.9 miles; to LE1 1FZ, 0.
        let last = placed(&[
            "C1,01/05/2023,S,,LE1 1FZ,LE3 8RA",
            "C2,01/05/2023,S,,LE1 1FZ,LE3 8RA",
            "C3,01/05/2023,S,,,LE3 8RA",
            "C4,01/05/2023,S,,LE1 1FZ,LE3 8RA",
            "C5,01/05/2023,S,01/06/2024,LE1 1FZ,LE3 8RA",
            "C6,01/05/2023,S,,LE1 1FZ,LE3 8RA",
        ]);
        let now = placed(&[
            "C1,01/05/2023,S,,LE1 1FZ,LE1 1FZ",
            "C2,01/05/2023,S,,LE1 1FZ,LE3 8RA",
            "C3,01/05/2023,S,,LE1 1FZ,LE3 8RA",
            "C4,01/05/2023,S,,,LE3 8RA",
            "C5,01/05/2023,S,,LE1 1FZ,LE1 1FZ",
            "C6,01/05/2023,P,,LE1 1FZ,LE1 1FZ",
        ]);
        for year in [2023, 2024, 2025] {
            assert_eq!(
                failing_rows_with_postcodes("453", year, &now, Some(&last)),
                vec![Some(0), Some(2)]
            );
        }
        assert!(distance_changed(Some(10.3), Some(10.1)));
        assert!(!distance_changed(Some(10.2), Some(10.0)));
    }

    #[test]
    fn rule_454_placement_over_350_miles_from_home() {
        // LE1 1FZ to KW1 4YT is over 400 miles; to EH1 1RE, 244.
        let r = placed(&[
            "C1,01/05/2025,S,,LE1 1FZ,KW1 4YT",
            "C2,01/05/2025,S,,LE1 1FZ,EH1 1RE",
            "C3,01/05/2025,S,,,KW1 4YT",
        ]);
        assert_eq!(
            failing_rows_with_postcodes("454", 2025, &r, None),
            vec![Some(0)]
        );
        let rule = RULES.iter().find(|r| r.code == "454").expect("rule exists");
        assert_eq!(rule.years, crate::years::Years::since(2025));
    }

    #[test]
    fn rule_460_staying_put_only_from_18() {
        let header = format!(
            "{HEADER}\nC1,M,01/06/2006,WBRI,,,\nC2,F,01/06/2006,WBRI,,,\nC3,F,01/06/2006,WBRI,,,\n"
        );
        let eps = format!(
            "{EPISODES}\nC1,01/04/2024,S,C2,N1,U1,PR1,01/06/2024,E17,,LE1 1AA,LE2 2AA,\nC2,01/04/2024,S,C2,N1,U1,PR1,31/05/2024,E17,,LE1 1AA,LE2 2AA,\nC3,01/04/2024,S,C2,N1,U1,PR1,31/05/2024,E8,,LE1 1AA,LE2 2AA,\nC9,01/04/2024,S,C2,N1,U1,PR1,31/05/2024,E17,,LE1 1AA,LE2 2AA,\n"
        );
        let r = ret(&[&header, &eps]);
        assert_eq!(failing_rows("460", &r, None), vec![Some(1)]);
    }
}
