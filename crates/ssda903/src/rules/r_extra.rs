//! DfE validation rules other ranges left out: 3001, 392d, 406, 407, 408,
//! 411, 420, 426, NoE and EPI.

use crate::hash::{HashMap, HashSet};
use std::collections::BTreeSet;

use chrono::{Months, NaiveDate};

use super::placement::{each_placed, short_break};
use crate::Table;
use crate::TableData;
use crate::postcodes::{Location, Placement};
use crate::validate::{Needs, Rule, blank, each_row};
use crate::years::Years;

/// Legal statuses of children looked after under a series of short breaks.
const SHORT_BREAKS: &[&str] = &["V3", "V4"];
/// Reasons an episode ceased for a special guardianship order.
const SPECIAL_GUARDIANSHIP: &[&str] = &["E45", "E46", "E47", "E48"];
/// Placements for adoption with a placement order (A5, A6 to 2024-25).
const PLACED_FOR_ADOPTION: &[&str] = &["A5", "A6"];
/// Care leavers' accommodation with former foster carers.
const WITH_FORMER_FOSTER_CARERS: &[&str] = &["Z1", "Z2"];

/// The date a child born on `dob` turns `age` (29 February birthdays fall on 28 February).
fn birthday(dob: NaiveDate, age: u32) -> NaiveDate {
    dob.checked_add_months(Months::new(12 * age))
        .unwrap_or(NaiveDate::MAX)
}

/// Each child's dates of birth from a table with CHILD and DOB.
fn births(data: &TableData) -> HashMap<&str, Vec<NaiveDate>> {
    let mut dobs: HashMap<&str, Vec<NaiveDate>> = HashMap::default();
    for r in 0..data.len() {
        if let Some(dob) = data.date(r, "DOB") {
            dobs.entry(data.value(r, "CHILD")).or_default().push(dob);
        }
    }
    dobs
}

/// The children of a table (by CHILD).
fn children(data: Option<&TableData>) -> HashSet<&str> {
    data.map(|d| (0..d.len()).map(|r| d.value(r, "CHILD")).collect())
        .unwrap_or_default()
}

/// A postcode for comparison: without spaces, in capitals.
fn normalised_postcode(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Rule 411: the placement is IN the council's area, yet its authority is
/// not the council.
fn location_disagrees(p: &Placement<'_>, la: &str) -> bool {
    p.location == Some(Location::In) && p.la != Some(la)
}

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "3001",
        message: "Where care leavers information is being returned for a young person around their 17th birthday, the accommodation cannot be with their former foster carer(s).",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // Care leavers who turn 17 during the year (date of birth from the
            // Header) cannot be living with their former foster carers.
            let Some(header) = ctx.table(Table::Header) else {
                return;
            };
            let dobs = births(header);
            let (start, end) = (ctx.start(), ctx.end());
            each_row(ctx, out, Table::Oc3, |t, r| {
                let accom = t.value(r, "ACCOM").to_uppercase();
                WITH_FORMER_FOSTER_CARERS.contains(&accom.as_str())
                    && dobs.get(t.value(r, "CHILD")).is_some_and(|ds| {
                        ds.iter().any(|&d| (start..=end).contains(&birthday(d, 17)))
                    })
            })
        },
    },
    Rule {
        code: "392d",
        message: "Home and placement postcodes should not be same unless the placement type is P1.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // Both postcodes given and the same (ignoring spaces and case),
            // outside placements with parents (P1).
            each_row(ctx, out, Table::Episodes, |t, r| {
                let (home, placed) = (t.value(r, "HOME_POST"), t.value(r, "PL_POST"));
                t.value(r, "PLACE") != "P1"
                    && !blank(home)
                    && !blank(placed)
                    && normalised_postcode(home) == normalised_postcode(placed)
            })
        },
    },
    Rule {
        // A child who is or was UASC (in this year's or last year's UASC
        // table) has no PL_DISTANCE: it is derived whenever both postcodes
        // are known.
        code: "406",
        message: "Child is Unaccompanied Asylum-Seeking Child (UASC) or was formerly UASC. Distance should be blank. [NOTE: This check will result in false negatives for children formerly UASC not identified as such in loaded data]",
        years: Years::ALWAYS,
        needs: Needs::Postcodes,
        check: |ctx, out| {
            // UASC this year or last: in either year's UASC table.
            let mut uasc = children(ctx.table(Table::Uasc));
            uasc.extend(children(ctx.previous.and_then(|p| p.table(Table::Uasc))));
            each_placed(ctx, out, |t, r, p| {
                p.distance.is_some() && uasc.contains(t.value(r, "CHILD"))
            })
        },
    },
    Rule {
        code: "407",
        message: "Reason episode ceased is Special Guardianship Order, but child has reached age 18.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // An episode ending in a special guardianship order after the
            // child's 18th birthday; the episode and the child's Header row
            // are reported.
            let (Some(eps), Some(header)) = (ctx.table(Table::Episodes), ctx.table(Table::Header))
            else {
                return;
            };
            let mut header_rows: BTreeSet<usize> = BTreeSet::new();
            let header_by_child = ctx.rows_by_child(header);
            for r in 0..eps.len() {
                if !SPECIAL_GUARDIANSHIP.contains(&eps.value(r, "REC")) {
                    continue;
                }
                let Some(dec) = eps.date(r, "DEC") else {
                    continue;
                };
                let adult: Vec<usize> = header_by_child
                    .get(eps.value(r, "CHILD"))
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|&h| header.date(h, "DOB").is_some_and(|d| birthday(d, 18) < dec))
                    .collect();
                if !adult.is_empty() {
                    out.row(eps, r);
                    header_rows.extend(adult);
                }
            }
            for h in header_rows {
                out.row(header, h);
            }
        },
    },
    Rule {
        code: "408",
        message: "Child is placed for adoption with a placement order, but no placement order has been recorded.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // Placed for adoption with a placement order (A5, A6) needs the
            // legal status of a placement order (E1).
            each_row(ctx, out, Table::Episodes, |t, r| {
                PLACED_FOR_ADOPTION.contains(&t.value(r, "PLACE")) && t.value(r, "LS") != "E1"
            })
        },
    },
    Rule {
        // PL_LOCATION IN, yet PL_LA not the council. Derived together from
        // the placement postcode they always agree; the check guards the
        // derivation.
        code: "411",
        message: "Placement location code disagrees with LA of placement.",
        years: Years::ALWAYS,
        needs: Needs::Postcodes,
        check: |ctx, out| each_placed(ctx, out, |_, _, p| location_disagrees(&p, ctx.la)),
    },
    Rule {
        // PL_LA, derived from the placement postcode, is given for a short
        // break (V3, V4).
        code: "420",
        message: "LA of placement completed but child is looked after under legal status V3 or V4.",
        years: Years::ALWAYS,
        needs: Needs::Postcodes,
        check: |ctx, out| {
            each_placed(ctx, out, |t, r, p| {
                short_break(t.value(r, "LS")) && p.la.is_some()
            })
        },
    },
    Rule {
        code: "426",
        message: "A child receiving respite care cannot be recorded under a legal status of V3 and V4 in the same year.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // Every V3 and V4 episode of a child who has both.
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            let mut rows: Vec<usize> = Vec::new();
            for child_rows in ctx.rows_by_child(eps).values() {
                let has = |ls: &str| child_rows.iter().any(|&r| eps.value(r, "LS") == ls);
                if has("V3") && has("V4") {
                    rows.extend(
                        child_rows
                            .iter()
                            .filter(|&&r| SHORT_BREAKS.contains(&eps.value(r, "LS"))),
                    );
                }
            }
            rows.sort_unstable();
            for r in rows {
                out.row(eps, r);
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
];

#[cfg(test)]
mod tests {
    use super::location_disagrees;
    use crate::postcodes::{Location, Placement};
    use crate::validate::testing::*;

    const HEADER: &str = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB";
    const EPISODES: &str = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN";
    const UASC: &str = "CHILD,SEX,DOB,DUC";
    const OC3: &str = "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM";

    /// A table's CSV: its header, then these rows.
    fn csv(header: &str, rows: &[&str]) -> String {
        let mut s = header.to_owned();
        for r in rows {
            s.push('\n');
            s.push_str(r);
        }
        s.push('\n');
        s
    }

    /// A Header row.
    fn child(id: &str, dob: &str) -> String {
        format!("{id},F,{dob},WBRI,A123456789012,,")
    }

    /// An episode row from the fields these rules read.
    #[allow(clippy::too_many_arguments)]
    fn ep(
        child: &str,
        decom: &str,
        ls: &str,
        place: &str,
        dec: &str,
        rec: &str,
        home: &str,
        placed: &str,
    ) -> String {
        format!("{child},{decom},S,{ls},N1,{place},PR1,{dec},{rec},,{home},{placed},")
    }

    fn episodes(rows: &[String]) -> String {
        let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
        csv(EPISODES, &rows)
    }

    fn headers(rows: &[String]) -> String {
        let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
        csv(HEADER, &rows)
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
        let oc3 = csv(
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

    #[test]
    fn rule_392d_same_home_and_placement_postcode() {
        let r = ret(&[&episodes(&[
            ep("C1", "01/05/2024", "C2", "U1", "", "", "BN20 1", "bn201"),
            ep("C2", "01/05/2024", "C2", "P1", "", "", "BN20 1", "BN20 1"),
            ep("C3", "01/05/2024", "C2", "U1", "", "", "BN20 1", "BN21 1"),
            ep("C4", "01/05/2024", "C2", "U1", "", "", "", ""),
        ])]);
        assert_eq!(failing_rows("392d", &r, None), vec![Some(0)]);
    }

    #[test]
    fn rule_406_uasc_with_a_distance() {
        let eps = episodes(&[
            ep("C1", "01/05/2024", "C2", "U1", "", "", "LE1 1FZ", "LE3 8RA"),
            ep("C1", "01/06/2024", "C2", "U1", "", "", "", ""),
            ep("C2", "01/05/2024", "C2", "U1", "", "", "LE1 1FZ", "LE3 8RA"),
            ep("C3", "01/05/2024", "C2", "U1", "", "", "LE1 1FZ", "LE3 8RA"),
            ep("C4", "01/05/2024", "C2", "U1", "", "", "LE1 1FZ", "XX1 1XX"),
        ]);
        let uasc = csv(UASC, &["C1,F,01/01/2010,", "C4,F,01/01/2010,"]);
        let last_uasc = csv(UASC, &["C3,M,01/01/2010,01/01/2024"]);
        let r = ret(&[&eps, &uasc]);
        let last = ret(&[&last_uasc]);
        for year in [2023, 2024, 2025] {
            assert_eq!(
                failing_rows_with_postcodes("406", year, &r, Some(&last)),
                vec![Some(0), Some(3)]
            );
            assert_eq!(
                failing_rows_with_postcodes("406", year, &r, None),
                vec![Some(0)]
            );
        }
    }

    #[test]
    fn rule_407_special_guardianship_after_18() {
        let header = headers(&[
            child("C1", "01/05/2006"),
            child("C2", "01/05/2006"),
            child("C3", "01/05/2006"),
        ]);
        let eps = episodes(&[
            // 18 on 01/05/2024: ceased the day after.
            ep("C1", "01/01/2020", "C2", "U1", "02/05/2024", "E45", "", ""),
            // Ceased on the 18th birthday.
            ep("C2", "01/01/2020", "C2", "U1", "01/05/2024", "E48", "", ""),
            // Not a special guardianship order.
            ep("C3", "01/01/2020", "C2", "U1", "02/05/2024", "E11", "", ""),
        ]);
        let r = ret(&[&header, &eps]);
        // The episode, then the child's Header row.
        assert_eq!(failing_rows("407", &r, None), vec![Some(0), Some(0)]);
        let r = ret(&[&eps]);
        assert_eq!(failing_rows("407", &r, None), vec![]);
    }

    #[test]
    fn rule_408_placed_for_adoption_without_placement_order() {
        let r = ret(&[&episodes(&[
            ep("C1", "01/05/2024", "C2", "A5", "", "", "", ""),
            ep("C2", "01/05/2024", "E1", "A6", "", "", "", ""),
            ep("C3", "01/05/2024", "C2", "A3", "", "", "", ""),
            ep("C4", "01/05/2024", "D1", "A6", "", "", "", ""),
        ])]);
        assert_eq!(failing_rows("408", &r, None), vec![Some(0), Some(3)]);
    }

    #[test]
    fn rule_411_location_in_only_in_the_council() {
        // Derived from the directory, location and authority agree.
        let r = ret(&[&episodes(&[
            ep("C1", "01/05/2024", "C2", "U1", "", "", "LE1 1FZ", "LE3 8RA"),
            ep("C2", "01/05/2024", "C2", "U1", "", "", "LE1 1FZ", "LE1 1FZ"),
            ep("C3", "01/05/2024", "C2", "U1", "", "", "LE1 1FZ", "GY1 1AA"),
            ep("C4", "01/05/2024", "C2", "U1", "", "", "LE1 1FZ", "XX1 1XX"),
        ])]);
        for year in [2023, 2024, 2025] {
            assert_eq!(failing_rows_with_postcodes("411", year, &r, None), vec![]);
        }
        // Were they to disagree, the check says so.
        let placed = |la, location| Placement {
            la,
            location,
            ..Placement::NONE
        };
        assert!(location_disagrees(
            &placed(Some("E06000016"), Some(Location::In)),
            "E10000018"
        ));
        assert!(location_disagrees(
            &placed(None, Some(Location::In)),
            "E10000018"
        ));
        assert!(!location_disagrees(
            &placed(Some("E10000018"), Some(Location::In)),
            "E10000018"
        ));
        assert!(!location_disagrees(
            &placed(Some("E10000018"), Some(Location::Out)),
            "E10000018"
        ));
    }

    #[test]
    fn rule_420_short_breaks_with_a_placement_la() {
        let r = ret(&[&episodes(&[
            ep("C1", "01/05/2024", "V3", "U1", "", "", "", "LE3 8RA"),
            ep("C2", "01/05/2024", "V4", "U1", "", "", "", ""),
            ep("C3", "01/05/2024", "C2", "U1", "", "", "", "LE3 8RA"),
            ep("C4", "01/05/2024", "v4", "U1", "", "", "", "EH1 1RE"),
            ep("C5", "01/05/2024", "V4", "U1", "", "", "", "XX1 1XX"),
        ])]);
        for year in [2023, 2024, 2025] {
            assert_eq!(
                failing_rows_with_postcodes("420", year, &r, None),
                vec![Some(0), Some(3)]
            );
        }
    }

    #[test]
    fn rule_426_v3_and_v4_in_the_same_year() {
        let r = ret(&[&episodes(&[
            ep("C1", "01/05/2024", "V3", "U1", "02/05/2024", "E8", "", ""),
            ep("C2", "01/05/2024", "V3", "U1", "02/05/2024", "E8", "", ""),
            ep("C1", "01/06/2024", "C2", "U1", "02/06/2024", "E8", "", ""),
            ep("C1", "01/07/2024", "V4", "U1", "", "", "", ""),
            ep("C2", "01/07/2024", "V3", "U1", "", "", "", ""),
        ])]);
        assert_eq!(failing_rows("426", &r, None), vec![Some(0), Some(3)]);
    }

    #[test]
    fn rule_noe_started_before_the_year_without_last_years_episodes() {
        let r = ret(&[&episodes(&[
            ep("C1", "01/03/2024", "C2", "U1", "", "", "", ""),
            ep("C2", "01/03/2024", "C2", "U1", "", "", "", ""),
            ep("C3", "01/04/2024", "C2", "U1", "", "", "", ""),
        ])]);
        let last = ret(&[&episodes(&[ep(
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

    #[test]
    fn rule_epi_child_without_episodes() {
        let header = headers(&[
            child("C1", "01/01/2010"),
            child("C2", "01/01/2007"),
            child("C3", "01/01/2010"),
        ]);
        let eps = episodes(&[ep("C1", "01/05/2024", "C2", "U1", "", "", "", "")]);
        let oc3 = csv(OC3, &["C2,01/01/2007,YES,F1,B1"]);
        let r = ret(&[&header, &eps, &oc3]);
        assert_eq!(failing_rows("EPI", &r, None), vec![Some(2)]);
        let r = ret(&[&header]);
        assert_eq!(
            failing_rows("EPI", &r, None),
            vec![Some(0), Some(1), Some(2)]
        );
    }
}
