//! Care leavers (the OC3 table): whether, when and with what codes their information is given around their 17th to 21st birthdays.

use crate::Table;
use crate::TableData;
use crate::hash::HashMap;
use crate::hash::HashSet;
use crate::rules::ages::birthday;
use crate::rules::ages::plus_years;
use crate::rules::ages::start_year;
use crate::rules::codes::AD1_ITEMS;
use crate::rules::codes::SHORT_BREAKS;
use crate::rules::codes::ZERO_ONE;
use crate::rules::codes::all_filled;
use crate::rules::codes::any_filled;
use crate::rules::codes::is;
use crate::rules::codes::is_male;
use crate::rules::codes::one_of;
use crate::rules::codes::one_of_any_case;
use crate::rules::episodes_and_children::children;
use crate::rules::episodes_and_children::continuously_looked_after_oc2;
use crate::rules::episodes_and_children::latest_episode;
use crate::rules::episodes_and_children::oc3_filled;
use crate::rules::episodes_and_children::previous_episodes;
use crate::validate::Context;
use crate::validate::Needs;
use crate::validate::Rule;
use crate::validate::Trimmed;
use crate::validate::blank;
use crate::validate::each_row;
use crate::years::Years;
use chrono::NaiveDate;

/// Whether SEX records a girl: `F` from 2024-25, `2` before.
fn is_female(ctx: &Context<'_>, sex: &str) -> bool {
    if start_year(ctx) >= 2024 {
        is(sex, "F")
    } else {
        sex == "2"
    }
}

const OC3_ITEMS: &[&str] = &["IN_TOUCH", "ACTIV", "ACCOM"];

const IN_TOUCH: &[&str] = &["YES", "NO", "DIED", "REFU", "NREQ", "RHOM"];

const ACTIVITY: &[&str] = &[
    "F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6", "0",
];

const ACCOMMODATION: &[&str] = &[
    "B1", "B2", "C1", "C2", "D1", "D2", "E1", "E2", "G1", "G2", "H1", "H2", "K1", "K2", "R1", "R2",
    "S2", "T1", "T2", "U1", "U2", "V1", "V2", "W1", "W2", "X2", "Y1", "Y2", "Z1", "Z2", "0",
];

/// Dates of birth from the Header, by child.
fn header_dobs(ctx: &Context<'_>) -> HashMap<String, NaiveDate> {
    let mut dobs = HashMap::default();
    if let Some(h) = ctx.table(Table::Header) {
        for r in 0..h.len() {
            if let Some(d) = h.date(r, "DOB") {
                dobs.insert(h.value(r, "CHILD").to_owned(), d);
            }
        }
    }
    dobs
}

/// An episode as the care-leaver rules see it.
#[derive(Clone, Copy)]
struct Span {
    decom: NaiveDate,
    dec: Option<NaiveDate>,
    ls_short_breaks: bool,
    adopted: bool,
}

/// Rule 1001: whether a child's episodes (this year and last) make them a
/// relevant or former relevant child: at least 13 weeks looked after since
/// their 14th birthday, some of it after their 16th, and not adopted.
fn relevant_child(spans: &[Span], dob: NaiveDate, end: NaiveDate) -> bool {
    // One episode per start date, keeping one that has an end date.
    let mut by_start: Vec<Span> = Vec::new();
    for s in spans {
        match by_start.iter_mut().find(|k| k.decom == s.decom) {
            Some(k) if k.dec.is_none() => *k = *s,
            Some(_) => {}
            None => by_start.push(*s),
        }
    }
    by_start.sort_by_key(|s| s.decom);
    let Some(last) = by_start.last().copied() else {
        return false;
    };
    if last.adopted {
        return false;
    }
    let (at14, at16) = (plus_years(dob, 14), plus_years(dob, 16));
    let (mut days14, mut days16) = (0i64, 0i64);
    for (i, s) in by_start.iter().enumerate() {
        if s.ls_short_breaks {
            continue;
        }
        let dec = match s.dec {
            Some(d) => d,
            None if i + 1 == by_start.len() => end,
            None => continue,
        };
        days14 += (dec - s.decom.max(at14)).num_days().max(0);
        days16 += (dec - s.decom.max(at16)).num_days().max(0);
    }
    days14 >= 91 && days16 >= 1
}

/// The birthday (of the given age) that falls in the year ending on `end`.
fn last_birthday_before(dob: NaiveDate, end: NaiveDate) -> Option<NaiveDate> {
    let age = chrono::Datelike::year(&end) - chrono::Datelike::year(&dob);
    let mut b = plus_years(dob, u32::try_from(age).ok()?);
    if b > end {
        b = plus_years(dob, u32::try_from(age - 1).ok()?);
    }
    Some(b)
}

/// Age in whole years on a date.
fn age_on(dob: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = chrono::Datelike::year(&on) - chrono::Datelike::year(&dob);
    if age > 0 && plus_years(dob, age as u32) > on {
        age -= 1;
    }
    age
}

/// Care leavers' accommodation with former foster carers.
const WITH_FORMER_FOSTER_CARERS: &[&str] = &["Z1", "Z2"];

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

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "131",
        message: "Data entry for being in touch after leaving care is invalid.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc3, |t, r| {
                !one_of(t.value(r, "IN_TOUCH"), IN_TOUCH)
            })
        },
    },
    Rule {
        code: "132",
        message: "Data entry for activity after leaving care is invalid.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc3, |t, r| {
                !one_of(t.value(r, "ACTIV"), ACTIVITY)
            })
        },
    },
    Rule {
        code: "133",
        message: "Data entry for accommodation after leaving care is invalid. If reporting on a childs accommodation after leaving care the data entry must be valid",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc3, |t, r| {
                !one_of(t.value(r, "ACCOM"), ACCOMMODATION)
            })
        },
    },
    Rule {
        code: "134",
        message: "Data on adoption should not be entered for the OC3 cohort.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(oc3) = ctx.table(Table::Oc3) else {
                return;
            };
            let care_leavers: HashSet<&str> = (0..oc3.len())
                .filter(|&r| any_filled(oc3, r, OC3_ITEMS))
                .map(|r| oc3.value(r, "CHILD"))
                .collect();
            each_row(ctx, out, Table::Ad1, |t, r| {
                care_leavers.contains(t.value(r, "CHILD")) && any_filled(t, r, AD1_ITEMS)
            })
        },
    },
    Rule {
        code: "153",
        message: "All data items relating to a child's activity or accommodation after leaving care must be coded or left blank.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc3, |t, r| {
                any_filled(t, r, OC3_ITEMS) && !all_filled(t, r, OC3_ITEMS)
            })
        },
    },
    Rule {
        code: "165",
        message: "Data entry for mother status is invalid.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(header), Some(eps)) = (ctx.table(Table::Header), ctx.table(Table::Episodes))
            else {
                return;
            };
            let (start, end) = (ctx.start(), ctx.end());
            // Children with an episode other than short breaks, and whether
            // any such episode falls in the year (open episodes run to 31 March).
            let mut in_year: HashMap<&str, bool> = HashMap::default();
            for r in 0..eps.len() {
                if one_of(eps.value(r, "LS"), SHORT_BREAKS) {
                    continue;
                }
                let ceased = eps.date(r, "DEC").unwrap_or(end);
                let during = eps.date(r, "DECOM").is_some_and(|d| d <= end) && ceased >= start;
                *in_year.entry(eps.value(r, "CHILD")).or_default() |= during;
            }
            let oc3 = ctx.table(Table::Oc3);
            let oc3_rows = ctx.by_child(Table::Oc3);
            let care_leaver = |child: &str| {
                oc3.zip(oc3_rows.get(child))
                    .is_some_and(|(t, rows)| rows.iter().any(|&r| any_filled(t, r, OC3_ITEMS)))
            };
            for r in 0..header.len() {
                let child = header.value(r, "CHILD");
                let Some(&in_year) = in_year.get(child) else {
                    continue;
                };
                let mother = header.value(r, "MOTHER");
                let sex = header.value(r, "SEX");
                let given = !blank(mother);
                let female = is_female(ctx, sex);
                // Given: it must be 0 or 1, and not for a boy, nor for a girl
                // who is only a care leaver. Not given: only if not in care this year.
                let bad = if given {
                    !one_of(mother, ZERO_ONE)
                        || is_male(ctx, sex)
                        || (female && !in_year && care_leaver(child))
                } else {
                    female && in_year
                };
                if bad {
                    out.row(header, r);
                    if let (Some(t), Some(rows)) = (oc3, oc3_rows.get(child)) {
                        for &o in rows {
                            out.row(t, o);
                        }
                    }
                }
            }
        },
    },
    Rule {
        code: "187",
        message: "Child cannot be looked after continuously for 12 months at 31 March (OC2) and have any of adoption or care leavers returns completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            if ctx.table(Table::Episodes).is_none() {
                return;
            }
            let cla = continuously_looked_after_oc2(ctx);
            each_row(ctx, out, Table::Ad1, |t, r| {
                cla.contains(t.value(r, "CHILD")) && any_filled(t, r, AD1_ITEMS)
            });
            each_row(ctx, out, Table::Oc3, |t, r| {
                cla.contains(t.value(r, "CHILD")) && any_filled(t, r, OC3_ITEMS)
            });
        },
    },
    Rule {
        code: "344",
        message: "The record shows the young person has died or returned home to live with parent(s) or someone with parental responsibility for a continuous period of 6 months or more, but activity and/or accommodation on leaving care have been completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc3, |t, r| {
                one_of_any_case(t.value(r, "IN_TOUCH"), &["DIED", "RHOM"])
                    && (t.value(r, "ACTIV") != "0" || t.value(r, "ACCOM") != "0")
            })
        },
    },
    Rule {
        code: "345",
        message: "The data collection record shows the local authority is in touch with this young person, but activity and/or accommodation data items are zero.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc3, |t, r| {
                is(t.value(r, "IN_TOUCH"), "YES")
                    && (t.value(r, "ACTIV") == "0" || t.value(r, "ACCOM") == "0")
            })
        },
    },
    Rule {
        code: "347",
        message: "Care leavers aged under 18 years, can not be accommodated in a Foyer.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // Foyers are accommodation codes T1 and T2; the age is taken at
            // the start of the collection year.
            let start = ctx.start();
            each_row(ctx, out, Table::Oc3, |t, r| {
                t.value(r, "ACCOM")
                    .trimmed()
                    .to_ascii_uppercase()
                    .starts_with('T')
                    && t.date(r, "DOB")
                        .is_some_and(|dob| start < plus_years(dob, 18))
            })
        },
    },
    Rule {
        code: "348",
        message: "Care leaver has previously been reported as having died.",
        years: Years::since(2025),
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let Some(last) = ctx.previous.and_then(|p| p.table(Table::Oc3)) else {
                return;
            };
            let last_rows = ctx.rows_by_child(last);
            each_row(ctx, out, Table::Oc3, |t, r| {
                let died_before = last_rows
                    .get_row(t, r)
                    .into_iter()
                    .flatten()
                    .any(|&l| is(last.value(l, "IN_TOUCH"), "DIED"));
                died_before && !is(t.value(r, "IN_TOUCH"), "DIED")
            })
        },
    },
    Rule {
        code: "391",
        message: "Young person was not 17, 18, 19, 20 or 21 during the current collection year.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // Under 17 at the end of the year, yet care leaver data given.
            let end = ctx.end();
            each_row(ctx, out, Table::Oc3, |t, r| {
                t.date(r, "DOB")
                    .is_some_and(|dob| plus_years(dob, 17) > end)
                    && ["IN_TOUCH", "ACTIV", "ACCOM"]
                        .iter()
                        .any(|c| !blank(t.value(r, c)))
            })
        },
    },
    Rule {
        code: "628",
        message: "Motherhood details are not required for care leavers who have not been looked after during the year.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(oc3)) = (ctx.table(Table::Episodes), ctx.table(Table::Oc3)) else {
                return;
            };
            let with_eps = children(Some(eps));
            let leavers: HashSet<&str> = (0..oc3.len())
                .filter(|&r| oc3_filled(oc3, r))
                .map(|r| oc3.value(r, "CHILD"))
                .collect();
            each_row(ctx, out, Table::Header, |t, r| {
                let c = t.value(r, "CHILD");
                !with_eps.contains(c) && leavers.contains(c) && !blank(t.value(r, "MOTHER"))
            })
        },
    },
    Rule {
        code: "1000",
        message: "This child is recorded as having died in care and therefore should not have the care leaver information completed. [NOTE: This only tests the current and previous year data loaded into the tool]",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let mut died: HashSet<&str> = HashSet::default();
            for t in [ctx.table(Table::Episodes), previous_episodes(ctx)]
                .into_iter()
                .flatten()
            {
                for r in 0..t.len() {
                    if is(t.value(r, "REC"), "E2") {
                        died.insert(t.value(r, "CHILD"));
                    }
                }
            }
            each_row(ctx, out, Table::Oc3, |t, r| {
                died.contains(t.value(r, "CHILD"))
            })
        },
    },
    Rule {
        code: "1001",
        message: "The episodes recorded for this young person suggest they are not a relevant or a former relevant child and therefore should not have care leaver information completed. [NOTE: This tool can only test the current and previous year data loaded into the tool - this check may generate false positives if a child had episodes prior to last year's collection.]",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let (Some(oc3), Some(eps), Some(prev)) = (
                ctx.table(Table::Oc3),
                ctx.table(Table::Episodes),
                previous_episodes(ctx),
            ) else {
                return;
            };
            let dobs = header_dobs(ctx);
            // Only care leavers' episodes are needed: each OC3 child's, this
            // year's then last year's, in file order, from the shared index.
            let years = [
                (eps, ctx.rows_by_child(eps)),
                (prev, ctx.rows_by_child(prev)),
            ];
            let mut spans: Vec<Span> = Vec::new();
            for r in 0..oc3.len() {
                let child = oc3.value(r, "CHILD");
                // Only children whose age is known and who are under 20,
                // for whom two years of episodes can show it.
                let Some(&dob) = dobs.get(child) else {
                    continue;
                };
                if plus_years(dob, 20) <= ctx.end() {
                    continue;
                }
                spans.clear();
                for (t, by_child) in years {
                    for &e in by_child.get(child).unwrap_or_default() {
                        if let Some(decom) = t.date(e, "DECOM") {
                            spans.push(Span {
                                decom,
                                dec: t.date(e, "DEC"),
                                ls_short_breaks: one_of(t.value(e, "LS"), &["V3", "V4"]),
                                adopted: one_of(t.value(e, "REC"), &["E11", "E12"]),
                            });
                        }
                    }
                }
                if !relevant_child(&spans, dob, ctx.end()) {
                    out.row(oc3, r);
                }
            }
        },
    },
    Rule {
        code: "1002",
        message: "This child has no previous episodes of care, therefore should not have care leaver information recorded. [NOTE: This tool can only test the current and previous year data loaded into the tool - this check may generate false positives if a child had episodes prior to last year's collection.]",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let Some(prev) = previous_episodes(ctx) else {
                return;
            };
            let now = children(ctx.table(Table::Episodes));
            let before = children(Some(prev));
            each_row(ctx, out, Table::Oc3, |t, r| {
                let c = t.value(r, "CHILD");
                !now.contains(c) && !before.contains(c)
            })
        },
    },
    Rule {
        code: "1007",
        message: "Care leaver information is not required for 17- or 18-year olds who are still looked after [on their 17th or 18th birthday.]",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(oc3), Some(eps)) = (ctx.table(Table::Oc3), ctx.table(Table::Episodes)) else {
                return;
            };
            let groups = ctx.rows_by_child(eps);
            for r in 0..oc3.len() {
                let Some(dob) = oc3.date(r, "DOB") else {
                    continue;
                };
                if !oc3_filled(oc3, r) || !(17..19).contains(&age_on(dob, ctx.end())) {
                    continue;
                }
                let Some(bday) = last_birthday_before(dob, ctx.end()) else {
                    continue;
                };
                let in_care = groups.get_row(oc3, r).is_some_and(|rows| {
                    rows.iter().any(|&e| {
                        eps.date(e, "DECOM").is_some_and(|d| d <= bday)
                            && eps.date(e, "DEC").is_none_or(|d| d > bday)
                    })
                });
                if in_care {
                    out.row(oc3, r);
                }
            }
        },
    },
    Rule {
        code: "1010",
        message: "This child has no episodes loaded for current year even though there was an open episode of care at the end of the previous year, and care leaver data has been entered.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let Some(prev) = previous_episodes(ctx) else {
                return;
            };
            let open_last: HashSet<&str> = latest_episode(ctx, prev)
                .iter()
                .map(|(&c, &r)| (c, r))
                .filter(|&(_, r)| blank(prev.value(r, "DEC")))
                .map(|(c, _)| c)
                .collect();
            let now = children(ctx.table(Table::Episodes));
            each_row(ctx, out, Table::Oc3, |t, r| {
                let c = t.value(r, "CHILD");
                open_last.contains(c) && !now.contains(c)
            })
        },
    },
    Rule {
        code: "1011",
        message: "This child is recorded as having his/her care transferred to another local authority for the final episode and therefore should not have the care leaver information completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            let transferred: HashSet<&str> = latest_episode(ctx, eps)
                .iter()
                .map(|(&c, &r)| (c, r))
                .filter(|&(_, r)| is(eps.value(r, "REC"), "E3"))
                .map(|(c, _)| c)
                .collect();
            each_row(ctx, out, Table::Oc3, |t, r| {
                transferred.contains(t.value(r, "CHILD")) && oc3_filled(t, r)
            })
        },
    },
    Rule {
        code: "1016",
        message: "Care leaver information is not required for 17- or 18-year olds who cease to be looked after, after their birthday.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(oc3), Some(eps)) = (ctx.table(Table::Oc3), ctx.table(Table::Episodes)) else {
                return;
            };
            let groups = ctx.rows_by_child(eps);
            for r in 0..oc3.len() {
                let Some(dob) = oc3.date(r, "DOB") else {
                    continue;
                };
                let age = age_on(dob, ctx.end());
                if !oc3_filled(oc3, r) || !(17..19).contains(&age) {
                    continue;
                }
                // The birthday of the age the child is at the end of the
                // year: the 17th for 17-year-olds, the 18th for 18-year-olds.
                let birthday = plus_years(dob, age as u32);
                let left_after = groups.get_row(oc3, r).is_some_and(|rows| {
                    rows.iter()
                        .any(|&e| eps.date(e, "DEC").is_some_and(|d| d >= birthday))
                });
                if left_after {
                    out.row(oc3, r);
                }
            }
        },
    },
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
];

#[cfg(test)]
mod tests;
