//! Previous permanence arrangements (the PrevPerm table).

use crate::Table;
use crate::rules::codes::is;
use crate::rules::codes::one_of;
use crate::rules::episodes_and_children::first_episode;
use crate::validate::Needs;
use crate::validate::Rule;
use crate::validate::Trimmed;
use crate::validate::blank;
use crate::validate::each_row;
use crate::years::Years;
use chrono::Months;
use chrono::NaiveDate;

/// A previous permanence date (`dd/mm/yyyy`, where the day or month may be
/// `ZZ` and the year `ZZZZ` when unknown): `None` if not of that form,
/// otherwise the latest date it could be (`None` inside when the year is
/// unknown).
fn permanence_date(value: &str) -> Option<Option<NaiveDate>> {
    let parts: Vec<&str> = value.trimmed().split('/').collect();
    let [d, m, y] = parts[..] else { return None };
    let number = |s: &str, len: usize| -> Option<u32> {
        (s.len() == len && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let day = if d == "ZZ" { None } else { Some(number(d, 2)?) };
    let month = if m == "ZZ" { None } else { Some(number(m, 2)?) };
    let year = if y == "ZZZZ" {
        None
    } else {
        Some(number(y, 4)?)
    };
    let month_ok = month.is_none_or(|m| (1..=12).contains(&m));
    let day_ok = day.is_none_or(|d| (1..=31).contains(&d));
    if !month_ok || !day_ok {
        return None;
    }
    let Some(year) = year else { return Some(None) };
    let year = i32::try_from(year).ok()?;
    let month = month.unwrap_or(12);
    let last_day = NaiveDate::from_ymd_opt(year, month, 1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()?;
    let latest = match day {
        Some(d) => Some(NaiveDate::from_ymd_opt(year, month, d)?),
        None => Some(last_day),
    };
    Some(latest)
}

/// LA codes (and outside England) accepted as where a previous permanence
/// option was arranged.
const LA_PERM_CODES: &[&str] = &[
    "800", "889", "822", "301", "304", "303", "330", "825", "837", "302", "846", "370", "350",
    "890", "867", "380", "305", "801", "351", "873", "823", "895", "896", "381", "909", "202",
    "908", "331", "306", "841", "830", "831", "878", "371", "835", "332", "840", "307", "308",
    "811", "881", "845", "390", "916", "203", "876", "850", "311", "204", "884", "312", "205",
    "313", "805", "919", "310", "309", "420", "921", "206", "207", "886", "810", "382", "314",
    "340", "888", "208", "856", "383", "855", "209", "925", "341", "201", "821", "352", "806",
    "887", "826", "315", "929", "812", "391", "926", "892", "813", "802", "928", "891", "392",
    "316", "815", "353", "931", "879", "836", "851", "874", "807", "354", "317", "870", "318",
    "372", "857", "333", "935", "343", "803", "373", "342", "893", "356", "355", "871", "394",
    "334", "933", "882", "936", "861", "852", "319", "860", "808", "393", "866", "210", "357",
    "894", "883", "880", "358", "211", "937", "869", "320", "359", "865", "384", "335", "336",
    "212", "868", "872", "885", "344", "877", "213", "938", "816", "999", "WAL", "SCO", "NUK",
    "NIR",
];

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "630",
        message: "Information on previous permanence option should be returned.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(pp) = ctx.table(Table::PrevPerm) else {
                return;
            };
            let pp_rows = ctx.rows_by_child(pp);
            each_row(ctx, out, Table::Episodes, |t, r| {
                if !is(t.value(r, "RNE"), "S") || t.date(r, "DECOM").is_none_or(|d| d < ctx.start())
                {
                    return false;
                }
                match pp_rows.get_row(t, r) {
                    None => true,
                    Some(rows) => rows.iter().any(|&p| {
                        let prev = pp.value(p, "PREV_PERM");
                        blank(prev)
                            || (!is(prev, "Z1")
                                && (blank(pp.value(p, "LA_PERM"))
                                    || blank(pp.value(p, "DATE_PERM"))))
                    }),
                }
            });
        },
    },
    Rule {
        code: "631",
        message: "Previous permanence option not a valid value.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::PrevPerm, |t, r| {
                let v = t.value(r, "PREV_PERM");
                !blank(v) && !one_of(v, &["P1", "P2", "P3", "P4", "Z1"])
            })
        },
    },
    Rule {
        code: "632",
        message: "Date of previous permanence order not a valid value. NOTE: This rule may result in false negatives where the period of care started before the current collection year",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(pp)) = (ctx.table(Table::Episodes), ctx.table(Table::PrevPerm))
            else {
                return;
            };
            let first = first_episode(ctx, eps);
            let pp_rows = ctx.rows_by_child(pp);
            let (mut bad_eps, mut bad_pp) = (Vec::new(), Vec::new());
            for (&child, &e) in first {
                let Some(decom) = eps.date(e, "DECOM") else {
                    continue;
                };
                for &p in pp_rows.get(child).into_iter().flatten() {
                    let v = pp.value(p, "DATE_PERM");
                    if blank(v) {
                        continue;
                    }
                    let fails = match permanence_date(v) {
                        None => true,
                        Some(latest) => latest.is_some_and(|d| d >= decom),
                    };
                    if fails {
                        bad_eps.push(e);
                        bad_pp.push(p);
                    }
                }
            }
            for (t, mut rows) in [(eps, bad_eps), (pp, bad_pp)] {
                rows.sort_unstable();
                rows.dedup();
                for r in rows {
                    out.row(t, r);
                }
            }
        },
    },
    Rule {
        code: "633",
        message: "Local authority code where previous permanence option was arranged is not a valid value.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::PrevPerm, |t, r| {
                let v = t.value(r, "LA_PERM");
                !blank(v) && !one_of(v, LA_PERM_CODES)
            })
        },
    },
    Rule {
        code: "634",
        message: "There are entries for previous permanence options, but child has not started to be looked after from 1 April 2016 onwards.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(pp)) = (ctx.table(Table::Episodes), ctx.table(Table::PrevPerm))
            else {
                return;
            };
            let eps_rows = ctx.rows_by_child(eps);
            let (mut bad_eps, mut bad_pp) = (Vec::new(), Vec::new());
            for p in 0..pp.len() {
                if ["PREV_PERM", "DATE_PERM", "LA_PERM"]
                    .iter()
                    .all(|c| blank(pp.value(p, c)))
                {
                    continue;
                }
                let Some(rows) = eps_rows.get_row(pp, p) else {
                    continue;
                };
                let last_start = rows.iter().filter_map(|&e| eps.date(e, "DECOM")).max();
                if last_start.is_some_and(|d| d < ctx.start()) {
                    bad_pp.push(p);
                    bad_eps.extend(rows.iter().copied());
                }
            }
            for (t, mut rows) in [(eps, bad_eps), (pp, bad_pp)] {
                rows.sort_unstable();
                rows.dedup();
                for r in rows {
                    out.row(t, r);
                }
            }
        },
    },
    Rule {
        code: "635",
        message: "There are entries for date of order and local authority code where previous permanence option was arranged but previous permanence code is Z1",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::PrevPerm, |t, r| {
                (!blank(t.value(r, "LA_PERM")) || !blank(t.value(r, "DATE_PERM")))
                    && blank(t.value(r, "PREV_PERM"))
            })
        },
    },
];

#[cfg(test)]
mod tests {

    use crate::rules::test_rows::*;
    use crate::validate::testing::*;

    const PREVPERM: &str = "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM";

    #[test]
    fn rule_630_previous_permanence_returned_for_new_entrants() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "C2", "U1", "", ""),
                full_ep("B", "01/05/2024", "S", "C2", "U1", "", ""),
                full_ep("C", "01/05/2024", "S", "C2", "U1", "", ""),
            ],
        );
        let pp = table(
            PREVPERM,
            &["A,01/01/2015,Z1,,".into(), "B,01/01/2015,P1,,".into()],
        );
        assert_eq!(
            failing_rows("630", &ret(&[&eps, &pp]), None),
            vec![Some(1), Some(2)]
        );
    }

    #[test]
    fn rule_631_previous_permanence_valid() {
        let pp = table(
            PREVPERM,
            &["A,01/01/2015,Z1,,".into(), "B,01/01/2015,P9,,".into()],
        );
        assert_eq!(failing_rows("631", &ret(&[&pp]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_632_previous_permanence_date_valid_and_before_care() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "C2", "U1", "", ""),
                full_ep("B", "01/05/2024", "S", "C2", "U1", "", ""),
                full_ep("C", "01/05/2024", "S", "C2", "U1", "", ""),
                full_ep("D", "01/05/2024", "S", "C2", "U1", "", ""),
            ],
        );
        let pp = table(
            PREVPERM,
            &[
                "A,01/01/2015,P1,800,ZZ/ZZ/2020".into(),
                "B,01/01/2015,P1,800,ZZ/ZZ/2024".into(),
                "C,01/01/2015,P1,800,13/13/2020".into(),
                "D,01/01/2015,P1,800,ZZ/ZZ/ZZZZ".into(),
            ],
        );
        assert_eq!(
            failing_rows("632", &ret(&[&eps, &pp]), None),
            vec![Some(1), Some(2), Some(1), Some(2)]
        );
    }

    #[test]
    fn rule_633_previous_permanence_la_valid() {
        let pp = table(
            PREVPERM,
            &[
                "A,01/01/2015,P1,800,".into(),
                "B,01/01/2015,P1,123,".into(),
                "C,01/01/2015,P1,SCO,".into(),
            ],
        );
        assert_eq!(failing_rows("633", &ret(&[&pp]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_634_previous_permanence_only_for_recent_entrants() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "C2", "U1", "", ""),
                full_ep("B", "01/05/2015", "S", "C2", "U1", "", ""),
            ],
        );
        let pp = table(
            PREVPERM,
            &["A,01/01/2015,Z1,,".into(), "B,01/01/2015,Z1,,".into()],
        );
        assert_eq!(
            failing_rows("634", &ret(&[&eps, &pp]), None),
            vec![Some(1), Some(1)]
        );
    }

    #[test]
    fn rule_635_previous_permanence_code_with_its_details() {
        let pp = table(
            PREVPERM,
            &[
                "A,01/01/2015,P1,800,01/01/2020".into(),
                "B,01/01/2015,,800,".into(),
            ],
        );
        assert_eq!(failing_rows("635", &ret(&[&pp]), None), vec![Some(1)]);
    }
}
