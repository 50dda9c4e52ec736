//! DfE validation rules 100 to 199: mostly codes and dates that must be valid.

use crate::hash::{HashMap, HashSet};
use std::collections::BTreeSet;

use chrono::{Datelike, Months, NaiveDate};
use domain::codes::{
    CategoryOfNeed, CodeList, Ethnicity, LegalStatus, PlacementProvider, PlacementType,
    ReasonEpisodeCeased, ReasonNewEpisode, ReviewParticipation, Sex,
};

use super::placement::{each_placed, short_break};
use crate::Table;
use crate::TableData;
use crate::validate::{Context, Findings, Needs, Rule, SharedSet, Trimmed, blank, date, each_row};
use crate::years::Years;

/// Whether a value is one of a code list's codes.
fn in_list<C: CodeList>(value: &str) -> bool {
    C::ALL.iter().any(|c| c.code() == value.trimmed())
}

/// Whether a value is one of these codes.
fn one_of(value: &str, codes: &[&str]) -> bool {
    codes.contains(&value.trimmed())
}

/// Whether a value is a real `dd/mm/yyyy` date (with a four-digit year).
fn is_date(value: &str) -> bool {
    date(value).is_some()
        && value
            .trimmed()
            .rsplit('/')
            .next()
            .is_some_and(|y| y.len() == 4)
}

/// Whether a value is filled in but is not a real date.
fn bad_date(value: &str) -> bool {
    !blank(value) && !is_date(value)
}

/// The start year of the collection year being validated (2024 for 2024-25).
fn start_year(ctx: &Context<'_>) -> i32 {
    ctx.start().year()
}

/// The date a child born on `dob` turns `age` (29 February birthdays fall on 28 February).
fn birthday(dob: NaiveDate, age: u32) -> NaiveDate {
    dob.checked_add_months(Months::new(12 * age))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether SEX records a boy: `M` from 2024-25, `1` before.
fn is_male(ctx: &Context<'_>, sex: &str) -> bool {
    if start_year(ctx) >= 2024 {
        sex == "M"
    } else {
        sex == "1"
    }
}

/// Whether SEX records a girl: `F` from 2024-25, `2` before.
fn is_female(ctx: &Context<'_>, sex: &str) -> bool {
    if start_year(ctx) >= 2024 {
        sex == "F"
    } else {
        sex == "2"
    }
}

/// Whether any of these columns of a row is filled in.
fn any_filled(data: &TableData, row: usize, columns: &[&str]) -> bool {
    columns.iter().any(|c| !blank(data.value(row, c)))
}

/// Whether every one of these columns of a row is filled in.
fn all_filled(data: &TableData, row: usize, columns: &[&str]) -> bool {
    columns.iter().all(|c| !blank(data.value(row, c)))
}

/// The children looked after continuously for the whole collection year, as
/// the DfE defines it for the OC2 cohort: in care at some point in the year,
/// and with no episode in the year that shows otherwise (starting care after
/// 1 April, leaving care before 31 March, or a short-break legal status).
fn continuously_looked_after<'c, 'a>(ctx: &'c Context<'a>) -> &'c HashSet<&'a str> {
    ctx.shared_set(SharedSet::ContinuouslyLookedAfterOc2, || {
        let Some(eps) = ctx.table(Table::Episodes) else {
            return HashSet::default();
        };
        let (start, end) = (ctx.start(), ctx.end());
        let mut in_care = HashSet::default();
        let mut broken = HashSet::default();
        for r in 0..eps.len() {
            let child = eps.value(r, "CHILD");
            let decom = eps.date(r, "DECOM");
            let dec = eps.date(r, "DEC");
            let during_year = decom.is_some_and(|d| d <= end) && dec.is_none_or(|d| d >= start);
            let enters_care =
                eps.value(r, "RNE") == "S" && decom.is_some_and(|d| d > start && d <= end);
            let leaves_care =
                eps.value(r, "REC") != "X1" && dec.is_some_and(|d| d >= start && d < end);
            let short_breaks = one_of(eps.value(r, "LS"), SHORT_BREAKS) && during_year;
            if during_year {
                in_care.insert(child);
            }
            if enters_care || leaves_care || short_breaks {
                broken.insert(child);
            }
        }
        in_care.retain(|c| !broken.contains(c));
        in_care
    })
}

const SHORT_BREAKS: &[&str] = &["V3", "V4"];
const ADOPTED: &[&str] = &["E11", "E12"];
const AD1_ITEMS: &[&str] = &[
    "DATE_INT",
    "DATE_MATCH",
    "FOSTER_CARE",
    "NB_ADOPTR",
    "SEX_ADOPTR",
    "LS_ADOPTR",
];
const OC3_ITEMS: &[&str] = &["IN_TOUCH", "ACTIV", "ACCOM"];
const OC2_ITEMS: &[&str] = &[
    "CONVICTED",
    "HEALTH_CHECK",
    "IMMUNISATIONS",
    "TEETH_CHECK",
    "HEALTH_ASSESSMENT",
    "SUBSTANCE_MISUSE",
    "INTERVENTION_RECEIVED",
    "INTERVENTION_OFFERED",
];
const OC2_REQUIRED: &[&str] = &[
    "IMMUNISATIONS",
    "TEETH_CHECK",
    "HEALTH_ASSESSMENT",
    "SUBSTANCE_MISUSE",
];
const IN_TOUCH: &[&str] = &["YES", "NO", "DIED", "REFU", "NREQ", "RHOM"];
const ACTIVITY: &[&str] = &[
    "F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6", "0",
];
const ACCOMMODATION: &[&str] = &[
    "B1", "B2", "C1", "C2", "D1", "D2", "E1", "E2", "G1", "G2", "H1", "H2", "K1", "K2", "R1", "R2",
    "S2", "T1", "T2", "U1", "U2", "V1", "V2", "W1", "W2", "X2", "Y1", "Y2", "Z1", "Z2", "0",
];
const REASON_PLACED_CEASED: &[&str] = &["RD1", "RD2", "RD3", "RD4"];
const NB_ADOPTR: &[&str] = &["1", "2"];
const SEX_ADOPTR: &[&str] = &["M1", "F1", "MM", "FF", "MF"];
const LS_ADOPTR: &[&str] = &["L0", "L11", "L12", "L2", "L3", "L4"];
const SDQ_REASON: &[&str] = &["SDQ1", "SDQ2", "SDQ3", "SDQ4", "SDQ5"];
const ZERO_ONE: &[&str] = &["0", "1"];
/// Placement types without a provider, to 2024-25.
const NO_PROVIDER_TO_2024: &[&str] = &["T0", "T1", "T2", "T3", "T4", "Z1"];
/// Placement types without a provider, from 2025-26.
const NO_PROVIDER_FROM_2025: &[&str] = &["T0", "T1", "T2", "T3", "Z11", "Z12", "Z13", "Z14"];

/// Whether a placement type is valid in a collection year: K3 is new in
/// 2024-25; 2025-26 drops H5, P2 and Z1 and splits Z1 into Z11 to Z14.
fn valid_placement(year: i32, place: &str) -> bool {
    match year {
        ..=2023 => in_list::<PlacementType>(place) && place != "K3",
        2024 => in_list::<PlacementType>(place),
        _ => {
            (in_list::<PlacementType>(place) && !one_of(place, &["H5", "P2", "Z1"]))
                || one_of(place, &["Z11", "Z12", "Z13", "Z14"])
        }
    }
}

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

/// An SDQ score: a whole number from 0 to 40.
fn valid_sdq_score(score: &str) -> bool {
    score
        .trimmed()
        .parse::<f64>()
        .is_ok_and(|s| s.fract() == 0.0 && (0.0..=40.0).contains(&s))
}

/// Rule 146: the placement type must be valid for the year (or blank).
fn check_placement_type(ctx: &Context<'_>, out: &mut Findings) {
    let year = start_year(ctx);
    each_row(ctx, out, Table::Episodes, |t, r| {
        let place = t.value(r, "PLACE");
        !blank(place) && !valid_placement(year, place)
    })
}

/// Rule 178: a provider, if given, must be valid and not given for
/// placements that have none.
fn check_provider(ctx: &Context<'_>, out: &mut Findings) {
    let none = if start_year(ctx) >= 2025 {
        NO_PROVIDER_FROM_2025
    } else {
        NO_PROVIDER_TO_2024
    };
    each_row(ctx, out, Table::Episodes, |t, r| {
        let provider = t.value(r, "PLACE_PROVIDER");
        !blank(provider)
            && (!in_list::<PlacementProvider>(provider) || one_of(t.value(r, "PLACE"), none))
    })
}

/// Rule 174: a boy cannot have a mother's child's date of birth.
fn check_male_mother(ctx: &Context<'_>, out: &mut Findings) {
    each_row(ctx, out, Table::Header, |t, r| {
        is_male(ctx, t.value(r, "SEX")) && !blank(t.value(r, "MC_DOB"))
    })
}

/// OC2 rows of children looked after continuously (or not) that match a test.
fn oc2_by_cla(
    ctx: &Context<'_>,
    out: &mut Findings,
    continuous: bool,
    fails: impl Fn(&TableData, usize) -> bool,
) {
    if ctx.table(Table::Episodes).is_none() {
        return;
    }
    let cla = continuously_looked_after(ctx);
    each_row(ctx, out, Table::Oc2, |t, r| {
        cla.contains(t.value(r, "CHILD")) == continuous && fails(t, r)
    })
}

/// OC2 rows whose child's age (from OC2's DOB) passes a test, and that match another.
fn oc2_by_age(
    ctx: &Context<'_>,
    out: &mut Findings,
    age: impl Fn(NaiveDate) -> bool,
    fails: impl Fn(&TableData, usize) -> bool,
) {
    each_row(ctx, out, Table::Oc2, |t, r| {
        t.date(r, "DOB").is_some_and(&age) && fails(t, r)
    })
}

fn sdq_given(t: &TableData, r: usize) -> bool {
    any_filled(t, r, &["SDQ_SCORE", "SDQ_REASON"])
}

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
        code: "104",
        message: "Date for Unaccompanied Asylum-Seeking Children (UASC) status ceased is not a valid date.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let start = ctx.start();
            each_row(ctx, out, Table::Uasc, |t, r| {
                let duc = t.value(r, "DUC");
                bad_date(duc) || date(duc).is_some_and(|d| d < start)
            })
        },
    },
    Rule {
        code: "112",
        message: "Date should be placed for adoption is not a valid date.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Ad1, |t, r| {
                bad_date(t.value(r, "DATE_INT"))
            })
        },
    },
    Rule {
        code: "113",
        message: "Date matching child and adopter(s) is not a valid date.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Ad1, |t, r| {
                bad_date(t.value(r, "DATE_MATCH"))
            })
        },
    },
    Rule {
        code: "114",
        message: "Data entry to record the status of former carer(s) of an adopted child is invalid.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Ad1, |t, r| {
                let v = t.value(r, "FOSTER_CARE");
                !blank(v) && !one_of(v, ZERO_ONE)
            })
        },
    },
    Rule {
        code: "115",
        message: "Date of Local Authority's (LA) decision that a child should be placed for adoption is not a valid date.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::PlacedAdoption, |t, r| {
                bad_date(t.value(r, "DATE_PLACED"))
            })
        },
    },
    Rule {
        code: "116",
        message: "Date of Local Authority's (LA) decision that a child should no longer be placed for adoption is not a valid date.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::PlacedAdoption, |t, r| {
                bad_date(t.value(r, "DATE_PLACED_CEASED"))
            })
        },
    },
    Rule {
        code: "117",
        message: "Date of decision that a child should/should no longer be placed for adoption is beyond the current collection year or after the child ceased to be looked after.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(pa)) =
                (ctx.table(Table::Episodes), ctx.table(Table::PlacedAdoption))
            else {
                return;
            };
            let end = ctx.end();
            // Each child's latest episode that does not carry on into another.
            let mut latest: HashMap<&str, (NaiveDate, usize)> = HashMap::default();
            for r in 0..eps.len() {
                if eps.value(r, "REC") == "X1" {
                    continue;
                }
                let Some(decom) = eps.date(r, "DECOM") else {
                    continue;
                };
                let e = latest.entry(eps.value(r, "CHILD")).or_insert((decom, r));
                if decom > e.0 {
                    *e = (decom, r);
                }
            }
            let mut episodes = BTreeSet::new();
            for r in 0..pa.len() {
                let Some(&(_, er)) = latest.get(pa.value(r, "CHILD")) else {
                    continue;
                };
                let ceased = eps.date(er, "DEC");
                let too_late =
                    |v: &str| date(v).is_some_and(|d| d > end || ceased.is_some_and(|c| d > c));
                if too_late(pa.value(r, "DATE_PLACED"))
                    || too_late(pa.value(r, "DATE_PLACED_CEASED"))
                {
                    out.row(pa, r);
                    episodes.insert(er);
                }
            }
            for er in episodes {
                out.row(eps, er);
            }
        },
    },
    Rule {
        code: "118",
        message: "Date of decision that a child should no longer be placed for adoption is before the current collection year or before the date the child started to be looked after.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(pa)) =
                (ctx.table(Table::Episodes), ctx.table(Table::PlacedAdoption))
            else {
                return;
            };
            let start = ctx.start();
            // Each child's earliest episode that is not a short break.
            let mut earliest: HashMap<&str, (NaiveDate, usize)> = HashMap::default();
            for r in 0..eps.len() {
                if one_of(eps.value(r, "LS"), SHORT_BREAKS) {
                    continue;
                }
                let Some(decom) = eps.date(r, "DECOM") else {
                    continue;
                };
                let e = earliest.entry(eps.value(r, "CHILD")).or_insert((decom, r));
                if decom < e.0 {
                    *e = (decom, r);
                }
            }
            let mut episodes = BTreeSet::new();
            for r in 0..pa.len() {
                let Some(&(began, er)) = earliest.get(pa.value(r, "CHILD")) else {
                    continue;
                };
                if pa
                    .date(r, "DATE_PLACED_CEASED")
                    .is_some_and(|d| d < began || d < start)
                {
                    out.row(pa, r);
                    episodes.insert(er);
                }
            }
            for er in episodes {
                out.row(eps, er);
            }
        },
    },
    Rule {
        code: "119",
        message: "If the decision is made that a child should no longer be placed for adoption, then the date of this decision and the reason why this decision was made must be completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::PlacedAdoption, |t, r| {
                blank(t.value(r, "DATE_PLACED_CEASED")) != blank(t.value(r, "REASON_PLACED_CEASED"))
            })
        },
    },
    Rule {
        code: "120",
        message: "The reason for the reversal of the decision that the child should be placed for adoption code is not valid.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::PlacedAdoption, |t, r| {
                let v = t.value(r, "REASON_PLACED_CEASED");
                !blank(v) && !one_of(v, REASON_PLACED_CEASED)
            })
        },
    },
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
        code: "142",
        message: "A new episode has started, but the previous episode has not ended.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            let mut failing = BTreeSet::new();
            for (child, rows) in ctx.rows_by_child(eps) {
                if blank(child) {
                    continue;
                }
                let dated: Vec<(NaiveDate, usize)> = rows
                    .iter()
                    .filter_map(|&r| eps.date(r, "DECOM").map(|d| (d, r)))
                    .collect();
                // The latest episode may still be open; ties go to the later row.
                let Some(&(_, last)) = dated.iter().max_by_key(|(d, r)| (*d, *r)) else {
                    continue;
                };
                for &(_, r) in &dated {
                    if r != last && (blank(eps.value(r, "DEC")) || blank(eps.value(r, "REC"))) {
                        failing.insert(r);
                    }
                }
            }
            for r in failing {
                out.row(eps, r);
            }
        },
    },
    Rule {
        code: "143",
        message: "The reason for new episode code is not a valid code.",
        years: Years::ALWAYS,
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
        years: Years::ALWAYS,
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
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                !in_list::<CategoryOfNeed>(t.value(r, "CIN"))
            })
        },
    },
    Rule {
        code: "146",
        message: "Placement type code is not a valid code.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: check_placement_type,
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
        code: "148",
        message: "Date episode ceased and reason episode ceased must both be coded, or both left blank.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                blank(t.value(r, "DEC")) != blank(t.value(r, "REC"))
            })
        },
    },
    Rule {
        code: "149",
        message: "Reason episode ceased code is not valid.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                let rec = t.value(r, "REC");
                !blank(rec) && !in_list::<ReasonEpisodeCeased>(rec)
            })
        },
    },
    Rule {
        code: "151",
        message: "All data items relating to a childs adoption must be coded or left blank.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Ad1, |t, r| {
                any_filled(t, r, AD1_ITEMS) && !all_filled(t, r, AD1_ITEMS)
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
        code: "157",
        message: "Child is aged 4 years or over at the beginning of the year or 16 years or under at the end of the year and Strengths and Difficulties Questionnaire (SDQ) 1 has been recorded as the reason for no Strengths and Difficulties Questionnaire (SDQ) score.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (start, end) = (ctx.start(), ctx.end());
            oc2_by_cla(ctx, out, true, |t, r| {
                t.date(r, "DOB")
                    .is_some_and(|dob| birthday(dob, 4) <= start && birthday(dob, 16) >= end)
                    && blank(t.value(r, "SDQ_SCORE"))
                    && t.value(r, "SDQ_REASON") == "SDQ1"
            })
        },
    },
    Rule {
        code: "158",
        message: "If a child has been recorded as receiving an intervention for their substance misuse problem, then the additional item on whether an intervention was offered should be left blank.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc2, |t, r| {
                t.value(r, "INTERVENTION_RECEIVED") == "1"
                    && !blank(t.value(r, "INTERVENTION_OFFERED"))
            })
        },
    },
    Rule {
        code: "159",
        message: "If a child has been recorded as not receiving an intervention for their substance misuse problem, then the additional item on whether an intervention was offered should be completed as well.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc2, |t, r| {
                t.value(r, "SUBSTANCE_MISUSE") == "1"
                    && t.value(r, "INTERVENTION_RECEIVED") == "0"
                    && blank(t.value(r, "INTERVENTION_OFFERED"))
            })
        },
    },
    Rule {
        // PL_DISTANCE, derived from the two postcodes, must be from 0 to
        // 999.9 miles, except for children who are or were UASC (this year
        // or last). A distance derived within the UK always is: this guards
        // the derivation.
        code: "164",
        message: "Distance is not valid. Please check a valid postcode has been entered. [NOTE: This check will result in false positives for children formerly UASC not identified as such in loaded data]",
        years: Years::ALWAYS,
        needs: Needs::Postcodes,
        check: |ctx, out| {
            let uasc = super::r300::uasc_this_or_last_year(ctx);
            each_placed(ctx, out, |t, r, p| {
                p.distance.is_some_and(|d| !(0.0..=999.9).contains(&d))
                    && !uasc.contains(t.value(r, "CHILD"))
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
        code: "166",
        message: "Date of review is invalid or blank.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Reviews, |t, r| {
                !is_date(t.value(r, "REVIEW"))
            })
        },
    },
    Rule {
        code: "167",
        message: "Data entry for participation is invalid or blank.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Reviews, |t, r| {
                let (review, code) = (t.value(r, "REVIEW"), t.value(r, "REVIEW_CODE"));
                let ok = if blank(review) {
                    blank(code)
                } else {
                    in_list::<ReviewParticipation>(code)
                };
                !ok
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
        // PL_LA, derived from the placement postcode, is missing outside
        // short breaks (V3, V4): the postcode is blank, unknown, or has no
        // authority.
        code: "169",
        message: "Local Authority (LA) of placement is not valid or is missing. Please check a valid postcode has been entered.",
        years: Years::ALWAYS,
        needs: Needs::Postcodes,
        check: |ctx, out| {
            each_placed(ctx, out, |t, r, p| {
                !short_break(t.value(r, "LS")) && p.la.is_none()
            })
        },
    },
    Rule {
        code: "171",
        message: "Date of birth of mother's child is not a valid date.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Header, |t, r| {
                bad_date(t.value(r, "MC_DOB"))
            })
        },
    },
    Rule {
        code: "174",
        message: "Mother's child date of birth is recorded but sex shows that the child is a male.",
        years: Years::since(2024),
        needs: Needs::Nothing,
        check: check_male_mother,
    },
    Rule {
        code: "174",
        message: "Mother's child date of birth is recorded but gender shows that the child is a male.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: check_male_mother,
    },
    Rule {
        code: "175",
        message: "The number of adopter(s) code is not a valid code.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Ad1, |t, r| {
                let v = t.value(r, "NB_ADOPTR");
                !blank(v) && !one_of(v, NB_ADOPTR)
            })
        },
    },
    Rule {
        code: "176",
        message: "The gender of adopter(s) at the date of adoption code is not a valid code.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Ad1, |t, r| {
                let v = t.value(r, "SEX_ADOPTR");
                !blank(v) && !one_of(v, SEX_ADOPTR)
            })
        },
    },
    Rule {
        code: "177",
        message: "The legal status of adopter(s) code is not a valid code.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Ad1, |t, r| {
                let v = t.value(r, "LS_ADOPTR");
                !blank(v) && !one_of(v, LS_ADOPTR)
            })
        },
    },
    Rule {
        code: "178",
        message: "Placement provider code is not a valid code.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: check_provider,
    },
    Rule {
        // PL_LOCATION, derived from the placement postcode, is missing
        // outside short breaks (V3, V4).
        code: "179",
        message: "Placement location code is not a valid code.",
        years: Years::ALWAYS,
        needs: Needs::Postcodes,
        check: |ctx, out| {
            each_placed(ctx, out, |t, r, p| {
                !short_break(t.value(r, "LS")) && p.location.is_none()
            })
        },
    },
    Rule {
        code: "180",
        message: "Data entry for the strengths and difficulties questionnaire (SDQ) score is invalid.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc2, |t, r| {
                let score = t.value(r, "SDQ_SCORE");
                !blank(score) && !valid_sdq_score(score)
            })
        },
    },
    Rule {
        code: "181",
        message: "Data items relating to children looked after continuously for 12 months should be completed with a 0 or 1.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc2, |t, r| {
                OC2_ITEMS.iter().any(|c| {
                    let v = t.value(r, c);
                    !blank(v) && !one_of(v, ZERO_ONE)
                })
            })
        },
    },
    Rule {
        code: "182",
        message: "Data entries on immunisations, teeth checks, health assessments and substance misuse problem identified should be completed or all OC2 fields should be left blank.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc2, |t, r| {
                !all_filled(t, r, OC2_REQUIRED)
                    && any_filled(
                        t,
                        r,
                        &[
                            "CONVICTED",
                            "HEALTH_CHECK",
                            "INTERVENTION_RECEIVED",
                            "INTERVENTION_OFFERED",
                        ],
                    )
            })
        },
    },
    Rule {
        code: "184",
        message: "Date of decision that a child should be placed for adoption is before the child was born.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(header) = ctx.table(Table::Header) else {
                return;
            };
            let births: HashMap<&str, NaiveDate> = (0..header.len())
                .filter_map(|r| header.date(r, "DOB").map(|d| (header.value(r, "CHILD"), d)))
                .collect();
            each_row(ctx, out, Table::PlacedAdoption, |t, r| {
                let placed = t.date(r, "DATE_PLACED");
                let born = births.get(t.value(r, "CHILD"));
                placed.zip(born).is_some_and(|(p, b)| p < *b)
            })
        },
    },
    Rule {
        code: "185",
        message: "Child has not been looked after continuously for at least 12 months at 31 March but a Strengths and Difficulties (SDQ) score has been completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| oc2_by_cla(ctx, out, false, |t, r| !blank(t.value(r, "SDQ_SCORE"))),
    },
    Rule {
        code: "186",
        message: "Children aged 4 or over at the start of the year and children aged under 17 at the end of the year and who have been looked after for at least 12 months continuously should have a Strengths and Difficulties (SDQ) score completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (start, end) = (ctx.start(), ctx.end());
            oc2_by_cla(ctx, out, true, |t, r| {
                t.date(r, "DOB")
                    .is_some_and(|dob| birthday(dob, 4) <= start && birthday(dob, 17) > end)
                    && !sdq_given(t, r)
            })
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
            let cla = continuously_looked_after(ctx);
            each_row(ctx, out, Table::Ad1, |t, r| {
                cla.contains(t.value(r, "CHILD")) && any_filled(t, r, AD1_ITEMS)
            });
            each_row(ctx, out, Table::Oc3, |t, r| {
                cla.contains(t.value(r, "CHILD")) && any_filled(t, r, OC3_ITEMS)
            });
        },
    },
    Rule {
        code: "188",
        message: "Child is aged under 4 years at the end of the year, but a Strengths and Difficulties (SDQ) score or a reason for no SDQ score has been completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let end = ctx.end();
            oc2_by_age(ctx, out, |dob| birthday(dob, 4) > end, sdq_given)
        },
    },
    Rule {
        code: "189",
        message: "Child is aged 17 years or over at the beginning of the year, but an Strengths and Difficulties (SDQ) score or a reason for no Strengths and Difficulties (SDQ) score has been completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let start = ctx.start();
            oc2_by_age(ctx, out, |dob| birthday(dob, 17) <= start, sdq_given)
        },
    },
    Rule {
        code: "190",
        message: "Child has not been looked after continuously for at least 12 months at 31 March but one or more data items relating to children looked after for 12 months have been completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| oc2_by_cla(ctx, out, false, |t, r| any_filled(t, r, OC2_ITEMS)),
    },
    Rule {
        code: "191",
        message: "Child has been looked after continuously for at least 12 months at 31 March but one or more data items relating to children looked after for 12 months have been left blank.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(oc2)) = (ctx.table(Table::Episodes), ctx.table(Table::Oc2)) else {
                return;
            };
            let cla = continuously_looked_after(ctx);
            each_row(ctx, out, Table::Oc2, |t, r| {
                cla.contains(t.value(r, "CHILD")) && !all_filled(t, r, OC2_REQUIRED)
            });
            // Children of the OC2 cohort with no OC2 row at all: their first episode.
            let in_oc2: HashSet<&str> = (0..oc2.len()).map(|r| oc2.value(r, "CHILD")).collect();
            let mut first: Vec<usize> = ctx
                .rows_by_child(eps)
                .iter()
                .filter(|(child, _)| cla.contains(*child) && !in_oc2.contains(*child))
                .filter_map(|(_, rows)| {
                    rows.iter()
                        .filter_map(|&r| eps.date(r, "DECOM").map(|d| (d, r)))
                        .min()
                        .map(|(_, r)| r)
                })
                .collect();
            first.sort_unstable();
            for r in first {
                out.row(eps, r);
            }
        },
    },
    Rule {
        code: "192",
        message: "Child has been identified as having a substance misuse problem but the additional item on whether an intervention was received has been left blank.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc2, |t, r| {
                t.value(r, "SUBSTANCE_MISUSE") == "1" && blank(t.value(r, "INTERVENTION_RECEIVED"))
            })
        },
    },
    Rule {
        code: "193",
        message: "Child not identified as having a substance misuse problem but at least one of the two additional items on whether an intervention were offered and received have been completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc2, |t, r| {
                let misuse = t.value(r, "SUBSTANCE_MISUSE");
                (blank(misuse) || misuse == "0")
                    && any_filled(t, r, &["INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"])
            })
        },
    },
    Rule {
        code: "196",
        message: "Strengths and Difficulties (SDQ) reason is not a valid code.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc2, |t, r| {
                let v = t.value(r, "SDQ_REASON");
                !blank(v) && !one_of(v, SDQ_REASON)
            })
        },
    },
    Rule {
        code: "197a",
        message: "Reason for no Strengths and Difficulties (SDQ) score is not required if Strengths and Difficulties Questionnaire score is filled in.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc2, |t, r| {
                all_filled(t, r, &["SDQ_SCORE", "SDQ_REASON"])
            })
        },
    },
    Rule {
        code: "197B",
        message: "SDQ score or reason for no SDQ should be reported for 4- or 17-year-olds.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (start, end) = (ctx.start(), ctx.end());
            let in_year = |d: NaiveDate| d >= start && d <= end;
            oc2_by_cla(ctx, out, true, |t, r| {
                t.date(r, "DOB")
                    .is_some_and(|dob| in_year(birthday(dob, 4)) || in_year(birthday(dob, 17)))
                    && !sdq_given(t, r)
            })
        },
    },
    Rule {
        code: "198",
        message: "Child has not been looked after continuously for at least 12 months at 31 March but a reason for no Strengths and Difficulties (SDQ) score has been completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| oc2_by_cla(ctx, out, false, |t, r| !blank(t.value(r, "SDQ_REASON"))),
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
];

#[cfg(test)]
mod tests {
    use crate::validate::testing::*;

    const HEADER: &str = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB";
    const EPISODES: &str = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN";
    const UASC: &str = "CHILD,SEX,DOB,DUC";
    const REVIEWS: &str = "CHILD,DOB,REVIEW,REVIEW_CODE";
    const AD1: &str = "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR";
    const PLACED: &str = "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED";
    const OC2: &str = "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED";
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

    /// An episode row from its main fields.
    fn ep(child: &str, decom: &str, rne: &str, ls: &str, dec: &str, rec: &str) -> String {
        ep_at(child, decom, rne, ls, "U1", "PR1", dec, rec)
    }

    #[allow(clippy::too_many_arguments)]
    fn ep_at(
        child: &str,
        decom: &str,
        rne: &str,
        ls: &str,
        place: &str,
        provider: &str,
        dec: &str,
        rec: &str,
    ) -> String {
        format!("{child},{decom},{rne},{ls},N1,{place},{provider},{dec},{rec},,LE1 1,LE2 2,")
    }

    fn episodes(rows: &[String]) -> String {
        let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
        csv(EPISODES, &rows)
    }

    /// Episodes of children C1 (looked after all year) and C2 (started in the year).
    fn cla_episodes() -> String {
        episodes(&[
            ep("C1", "01/01/2020", "S", "C2", "", ""),
            ep("C2", "01/06/2024", "S", "C2", "", ""),
        ])
    }

    /// An OC2 row: the SDQ fields, then the 8 flags as CSV text.
    fn oc2(child: &str, dob: &str, score: &str, reason: &str, flags: &str) -> String {
        format!("{child},{dob},{score},{reason},{flags}")
    }

    fn oc2_table(rows: &[String]) -> String {
        let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
        csv(OC2, &rows)
    }

    const BLANK_FLAGS: &str = ",,,,,,,";
    const FULL_FLAGS: &str = "0,1,1,1,1,0,,";

    #[test]
    fn rule_101_sex_must_be_m_f_or_u() {
        let r = ret(&[&csv(
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
    fn rule_104_uasc_ceased_date_must_be_valid_and_in_the_year() {
        let r = ret(&[&csv(
            UASC,
            &[
                "C1,M,01/02/2010,01/05/2024",
                "C2,M,01/02/2010,",
                "C3,M,01/02/2010,31/13/2024",
                "C4,M,01/02/2010,31/03/2024",
            ],
        )]);
        assert_eq!(failing_rows("104", &r, None), vec![Some(2), Some(3)]);
    }

    #[test]
    fn rule_112_adoption_dates_must_be_valid_when_given() {
        check_112_113_adoption_dates_must_be_valid_when_given();
    }

    #[test]
    fn rule_113_adoption_dates_must_be_valid_when_given() {
        check_112_113_adoption_dates_must_be_valid_when_given();
    }

    fn check_112_113_adoption_dates_must_be_valid_when_given() {
        let r = ret(&[&csv(
            AD1,
            &[
                "C1,01/01/2020,01/05/2024,01/06/2024,0,1,M1,L0",
                "C2,01/01/2020,,,,,,",
                "C3,01/01/2020,32/05/2024,01/06/24,0,1,M1,L0",
            ],
        )]);
        assert_eq!(failing_rows("112", &r, None), vec![Some(2)]);
        assert_eq!(failing_rows("113", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_114_adoption_codes_must_be_valid_when_given() {
        check_114_175_176_177_adoption_codes_must_be_valid_when_given();
    }

    #[test]
    fn rule_175_adoption_codes_must_be_valid_when_given() {
        check_114_175_176_177_adoption_codes_must_be_valid_when_given();
    }

    #[test]
    fn rule_176_adoption_codes_must_be_valid_when_given() {
        check_114_175_176_177_adoption_codes_must_be_valid_when_given();
    }

    #[test]
    fn rule_177_adoption_codes_must_be_valid_when_given() {
        check_114_175_176_177_adoption_codes_must_be_valid_when_given();
    }

    fn check_114_175_176_177_adoption_codes_must_be_valid_when_given() {
        let r = ret(&[&csv(
            AD1,
            &[
                "C1,01/01/2020,01/05/2024,01/06/2024,1,2,MF,L11",
                "C2,01/01/2020,,,,,,",
                "C3,01/01/2020,01/05/2024,01/06/2024,2,3,m1,L1",
            ],
        )]);
        for code in ["114", "175", "176", "177"] {
            assert_eq!(failing_rows(code, &r, None), vec![Some(2)], "rule {code}");
        }
    }

    #[test]
    fn rule_114_former_carer_status_is_0_or_1() {
        let r = ret(&[&csv(AD1, &["C1,01/01/2020,,,0,,,", "C2,01/01/2020,,,Y,,,"])]);
        assert_eq!(failing_rows("114", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_175_number_of_adopters_is_1_or_2() {
        let r = ret(&[&csv(AD1, &["C1,01/01/2020,,,,1,,", "C2,01/01/2020,,,,0,,"])]);
        assert_eq!(failing_rows("175", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_176_sex_of_adopters_must_be_valid() {
        let r = ret(&[&csv(
            AD1,
            &["C1,01/01/2020,,,,,FF,", "C2,01/01/2020,,,,,F2,"],
        )]);
        assert_eq!(failing_rows("176", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_177_legal_status_of_adopters_must_be_valid() {
        let r = ret(&[&csv(
            AD1,
            &["C1,01/01/2020,,,,,,L4", "C2,01/01/2020,,,,,,L5"],
        )]);
        assert_eq!(failing_rows("177", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_115_placed_for_adoption_dates_must_be_valid_when_given() {
        check_115_116_placed_for_adoption_dates_must_be_valid_when_given();
    }

    #[test]
    fn rule_116_placed_for_adoption_dates_must_be_valid_when_given() {
        check_115_116_placed_for_adoption_dates_must_be_valid_when_given();
    }

    fn check_115_116_placed_for_adoption_dates_must_be_valid_when_given() {
        let r = ret(&[&csv(
            PLACED,
            &[
                "C1,01/01/2020,01/05/2024,,",
                "C2,01/01/2020,1/5/24,30/02/2024,RD1",
                "C3,01/01/2020,,,",
            ],
        )]);
        assert_eq!(failing_rows("115", &r, None), vec![Some(1)]);
        assert_eq!(failing_rows("116", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_117_placed_for_adoption_dates_not_after_the_year_or_care_ended() {
        let eps = episodes(&[
            ep("C1", "01/01/2023", "S", "C2", "01/06/2024", "E11"),
            ep("C2", "01/01/2023", "S", "C2", "", ""),
            ep("C3", "01/01/2023", "S", "C2", "01/06/2024", "E11"),
        ]);
        let pa = csv(
            PLACED,
            &[
                "C1,01/01/2020,01/05/2024,,",
                "C2,01/01/2020,01/05/2025,,",
                "C3,01/01/2020,01/05/2024,02/06/2024,RD1",
            ],
        );
        let r = ret(&[&eps, &pa]);
        // The placed-for-adoption rows, then the episodes.
        assert_eq!(
            failing_rows("117", &r, None),
            vec![Some(1), Some(2), Some(1), Some(2)]
        );
    }

    #[test]
    fn rule_118_placement_reversal_not_before_the_year_or_care_began() {
        let eps = episodes(&[
            ep("C1", "01/01/2023", "S", "C2", "", ""),
            ep("C2", "01/06/2024", "S", "C2", "", ""),
            ep("C3", "01/01/2023", "S", "C2", "", ""),
            ep("C4", "01/01/2023", "S", "V3", "", ""),
            ep("C4", "01/07/2024", "S", "C2", "", ""),
        ]);
        let pa = csv(
            PLACED,
            &[
                "C1,01/01/2020,01/01/2023,01/05/2024,RD1",
                "C2,01/01/2020,01/06/2024,01/05/2024,RD1",
                "C3,01/01/2020,01/01/2023,01/03/2024,RD1",
                "C4,01/01/2020,01/01/2023,01/06/2024,RD1",
            ],
        );
        let r = ret(&[&eps, &pa]);
        assert_eq!(
            failing_rows("118", &r, None),
            vec![Some(1), Some(2), Some(3), Some(1), Some(2), Some(4)]
        );
    }

    #[test]
    fn rule_119_reason_placement_reversed() {
        check_119_120_reason_placement_reversed();
    }

    #[test]
    fn rule_120_reason_placement_reversed() {
        check_119_120_reason_placement_reversed();
    }

    fn check_119_120_reason_placement_reversed() {
        let r = ret(&[&csv(
            PLACED,
            &[
                "C1,01/01/2020,01/01/2023,01/05/2024,RD1",
                "C2,01/01/2020,01/01/2023,01/05/2024,",
                "C3,01/01/2020,01/01/2023,,RD5",
            ],
        )]);
        assert_eq!(failing_rows("119", &r, None), vec![Some(1), Some(2)]);
        assert_eq!(failing_rows("120", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_120_reason_placement_reversed_must_be_valid() {
        let r = ret(&[&csv(
            PLACED,
            &[
                "C1,01/01/2020,,,RD4",
                "C2,01/01/2020,,,rd1",
                "C3,01/01/2020,,,",
            ],
        )]);
        assert_eq!(failing_rows("120", &r, None), vec![Some(1)]);
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

    fn check_131_132_133_care_leaver_codes_must_be_valid() {
        let r = ret(&[&csv(
            OC3,
            &[
                "C1,01/01/2005,YES,F1,B1",
                "C2,01/01/2005,yes,F3,S1",
                "C3,01/01/2005,,,",
            ],
        )]);
        for code in ["131", "132", "133"] {
            assert_eq!(
                failing_rows(code, &r, None),
                vec![Some(1), Some(2)],
                "rule {code}"
            );
        }
    }

    #[test]
    fn rule_134_no_adoption_data_for_care_leavers() {
        let oc3 = csv(OC3, &["C1,01/01/2005,YES,F1,B1", "C2,01/01/2005,,,"]);
        let ad1 = csv(
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
    fn rule_141_episode_dates_must_be_valid() {
        check_141_147_episode_dates_must_be_valid();
    }

    #[test]
    fn rule_147_episode_dates_must_be_valid() {
        check_141_147_episode_dates_must_be_valid();
    }

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
    fn rule_142_every_episode_but_the_last_must_have_ended() {
        let r = ret(&[&episodes(&[
            ep("C1", "01/04/2024", "S", "C2", "01/05/2024", "X1"),
            ep("C1", "01/05/2024", "P", "C2", "", ""),
            ep("C2", "01/04/2024", "S", "C2", "", ""),
            ep("C2", "01/05/2024", "P", "C2", "", ""),
            ep("C3", "01/06/2024", "S", "C2", "", ""),
            ep("C3", "01/04/2024", "S", "C2", "01/06/2024", ""),
        ])]);
        assert_eq!(failing_rows("142", &r, None), vec![Some(2), Some(5)]);
    }

    #[test]
    fn rule_143_episode_codes_must_be_valid() {
        check_143_144_145_episode_codes_must_be_valid();
    }

    #[test]
    fn rule_144_episode_codes_must_be_valid() {
        check_143_144_145_episode_codes_must_be_valid();
    }

    #[test]
    fn rule_145_episode_codes_must_be_valid() {
        check_143_144_145_episode_codes_must_be_valid();
    }

    fn check_143_144_145_episode_codes_must_be_valid() {
        let r = ret(&[&format!(
            "{EPISODES}\nC1,01/04/2024,S,C2,N1,U1,PR1,,,,LE1 1,LE2 2,\nC2,01/04/2024,Q,C9,N9,U1,PR1,,,,LE1 1,LE2 2,\n"
        )]);
        assert_eq!(failing_rows("143", &r, None), vec![Some(1)]);
        assert_eq!(failing_rows("144", &r, None), vec![Some(1)]);
        assert_eq!(failing_rows("145", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_146_placement_type_must_be_valid_for_the_year() {
        let r = ret(&[&episodes(&[
            ep_at("C1", "01/04/2024", "S", "C2", "K3", "PR4", "", ""),
            ep_at("C2", "01/04/2024", "S", "C2", "Z1", "", "", ""),
            ep_at("C3", "01/04/2024", "S", "C2", "Z11", "", "", ""),
            ep_at("C4", "01/04/2024", "S", "C2", "u1", "PR1", "", ""),
            ep_at("C5", "01/04/2024", "S", "C2", "", "PR1", "", ""),
        ])]);
        assert_eq!(failing_rows("146", &r, None), vec![Some(2), Some(3)]);
    }

    #[test]
    fn rule_146_changes_with_the_year() {
        use super::valid_placement;
        assert!(!valid_placement(2023, "K3"));
        assert!(valid_placement(2024, "K3") && valid_placement(2024, "H5"));
        assert!(!valid_placement(2025, "H5") && !valid_placement(2025, "Z1"));
        assert!(valid_placement(2025, "Z12") && valid_placement(2025, "K3"));
    }

    #[test]
    fn rule_148_date_and_reason_ceased_go_together() {
        let r = ret(&[&episodes(&[
            ep("C1", "01/04/2024", "S", "C2", "01/05/2024", "E11"),
            ep("C2", "01/04/2024", "S", "C2", "01/05/2024", ""),
            ep("C3", "01/04/2024", "S", "C2", "", "X1"),
            ep("C4", "01/04/2024", "S", "C2", "", ""),
        ])]);
        assert_eq!(failing_rows("148", &r, None), vec![Some(1), Some(2)]);
    }

    #[test]
    fn rule_149_reason_ceased_must_be_valid() {
        let r = ret(&[&episodes(&[
            ep("C1", "01/04/2024", "S", "C2", "01/05/2024", "E4A"),
            ep("C2", "01/04/2024", "S", "C2", "01/05/2024", "E43"),
            ep("C3", "01/04/2024", "S", "C2", "", ""),
        ])]);
        assert_eq!(failing_rows("149", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_151_adoption_items_all_or_none() {
        let r = ret(&[&csv(
            AD1,
            &[
                "C1,01/01/2020,01/05/2024,01/06/2024,0,1,M1,L0",
                "C2,01/01/2020,,,,,,",
                "C3,01/01/2020,01/05/2024,,0,1,M1,L0",
            ],
        )]);
        assert_eq!(failing_rows("151", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_153_care_leaver_items_all_or_none() {
        let r = ret(&[&csv(
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
    fn continuously_looked_after_follows_the_dfe_definition() {
        let r = ret(&[&episodes(&[
            ep("A", "01/01/2020", "S", "C2", "", ""),
            ep("B", "01/01/2020", "S", "C2", "31/12/2024", "X1"),
            ep("B", "31/12/2024", "P", "C2", "", ""),
            ep("C", "01/06/2024", "S", "C2", "", ""),
            ep("D", "01/01/2020", "S", "C2", "01/06/2024", "E11"),
            ep("E", "01/01/2020", "S", "V3", "", ""),
            ep("F", "01/01/2020", "S", "C2", "31/03/2025", "E13"),
            ep("G", "01/01/2020", "S", "C2", "01/03/2024", "E13"),
        ])]);
        let ctx = crate::validate::Context::new(
            &r,
            None,
            crate::CollectionYear::starting(2024),
            "E10000018",
        );
        let mut cla: Vec<&str> = super::continuously_looked_after(&ctx)
            .iter()
            .copied()
            .collect();
        cla.sort_unstable();
        assert_eq!(cla, vec!["A", "B", "F"]);
    }

    #[test]
    fn rule_157_sdq1_is_for_children_under_4_or_over_16() {
        let oc2 = oc2_table(&[
            oc2("C1", "01/01/2015", "", "SDQ1", FULL_FLAGS),
            oc2("C1", "01/01/2015", "", "SDQ2", FULL_FLAGS),
            oc2("C1", "01/01/2023", "", "SDQ1", FULL_FLAGS),
            oc2("C2", "01/01/2015", "", "SDQ1", BLANK_FLAGS),
        ]);
        let r = ret(&[&cla_episodes(), &oc2]);
        assert_eq!(failing_rows("157", &r, None), vec![Some(0)]);
    }

    #[test]
    fn rule_158_no_offer_when_intervention_received() {
        let r = ret(&[&oc2_table(&[
            oc2("C1", "01/01/2015", "", "", "0,1,1,1,1,1,1,"),
            oc2("C2", "01/01/2015", "", "", "0,1,1,1,1,1,1,0"),
        ])]);
        assert_eq!(failing_rows("158", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_159_offer_needed_when_intervention_not_received() {
        let r = ret(&[&oc2_table(&[
            oc2("C1", "01/01/2015", "", "", "0,1,1,1,1,1,0,1"),
            oc2("C2", "01/01/2015", "", "", "0,1,1,1,1,1,0,"),
        ])]);
        assert_eq!(failing_rows("159", &r, None), vec![Some(1)]);
    }

    /// An episode of a child with a legal status and the home and
    /// placement postcodes (see `testing::postcodes`).
    fn placed(child: &str, ls: &str, home: &str, placed: &str) -> String {
        format!("{child},01/04/2024,S,{ls},N1,U1,PR1,,,,{home},{placed},")
    }

    #[test]
    fn rule_164_distance_must_be_0_to_999_9_miles() {
        // Every distance derived within the UK is in range: the rule passes
        // on real and unknown postcodes alike.
        let r = ret(&[&episodes(&[
            placed("C1", "C2", "LE1 1FZ", "LE3 8RA"),
            placed("C2", "C2", "LE1 1FZ", "KW1 4YT"),
            placed("C3", "C2", "XX1 1XX", "LE3 8RA"),
        ])]);
        for year in [2023, 2024, 2025] {
            assert_eq!(failing_rows_with_postcodes("164", year, &r, None), vec![]);
        }
        // Out of range (a grid reference far beyond the UK): reported,
        // except for a child who was UASC.
        let far = crate::postcodes::PostcodeDirectory::from_entries(&[
            crate::postcodes::Entry {
                postcode: "LE1 1FZ",
                authority: Some("E06000016"),
                grid: Some((0, 0)),
            },
            crate::postcodes::Entry {
                postcode: "ZE1 0AA",
                authority: Some("SCO"),
                grid: Some((1_000_000, 2_000_000)),
            },
        ]);
        let r = ret(&[
            &episodes(&[
                placed("C1", "C2", "LE1 1FZ", "ZE1 0AA"),
                placed("C2", "C2", "LE1 1FZ", "ZE1 0AA"),
            ]),
            &csv(UASC, &["C2,M,01/01/2008,01/01/2024"]),
        ]);
        let ctx = crate::validate::Context::new(
            &r,
            None,
            crate::CollectionYear::starting(2024),
            "E10000018",
        )
        .with_postcodes(&far);
        let rule = crate::validate::RULES
            .iter()
            .find(|r| r.code == "164")
            .unwrap();
        let rows: Vec<_> = crate::validate::run_rule(rule, &ctx)
            .into_iter()
            .map(|f| f.row)
            .collect();
        assert_eq!(rows, vec![Some(0)]);
    }

    #[test]
    fn rule_169_placement_authority_must_be_derivable() {
        let r = ret(&[&episodes(&[
            placed("C1", "C2", "LE1 1FZ", "LE3 8RA"),
            placed("C2", "C2", "LE1 1FZ", "EH1 1RE"),
            placed("C3", "C2", "LE1 1FZ", "XX1 1XX"),
            placed("C4", "C2", "LE1 1FZ", ""),
            placed("C5", "C2", "LE1 1FZ", "ZZ9 9ZZ"),
            placed("C6", "C2", "LE1 1FZ", "GY1 1AA"),
            placed("C7", "V3", "", ""),
        ])]);
        for year in [2023, 2024, 2025] {
            assert_eq!(
                failing_rows_with_postcodes("169", year, &r, None),
                vec![Some(2), Some(3), Some(4), Some(5)]
            );
        }
    }

    #[test]
    fn rule_179_placement_location_must_be_derivable() {
        // The Channel Islands' postcode has an authority, so a location
        // (OUT), though no upper-tier code.
        let r = ret(&[&episodes(&[
            placed("C1", "C2", "LE1 1FZ", "LE3 8RA"),
            placed("C2", "C2", "LE1 1FZ", "LE1 1FZ"),
            placed("C3", "C2", "LE1 1FZ", "XX1 1XX"),
            placed("C4", "C2", "LE1 1FZ", ""),
            placed("C5", "C2", "LE1 1FZ", "ZZ9 9ZZ"),
            placed("C6", "C2", "LE1 1FZ", "GY1 1AA"),
            placed("C7", "V4", "", ""),
        ])]);
        for year in [2023, 2024, 2025] {
            assert_eq!(
                failing_rows_with_postcodes("179", year, &r, None),
                vec![Some(2), Some(3), Some(4)]
            );
        }
    }

    #[test]
    fn rule_165_mother_status() {
        let header = csv(
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
        let oc3 = csv(OC3, &["C6,01/01/2006,YES,F1,B1"]);
        let r = ret(&[&header, &eps, &oc3]);
        // Header rows 1 to 3 and 5, then the OC3 row of the child in row 5.
        assert_eq!(
            failing_rows("165", &r, None),
            vec![Some(1), Some(2), Some(3), Some(5), Some(0)]
        );
    }

    #[test]
    fn rule_166_review_date_and_participation() {
        check_166_167_review_date_and_participation();
    }

    #[test]
    fn rule_167_review_date_and_participation() {
        check_166_167_review_date_and_participation();
    }

    fn check_166_167_review_date_and_participation() {
        let r = ret(&[&csv(
            REVIEWS,
            &[
                "C1,01/01/2015,01/05/2024,PN1",
                "C2,01/01/2015,,",
                "C3,01/01/2015,01/05/2024,",
                "C4,01/01/2015,31/04/2024,PN9",
            ],
        )]);
        assert_eq!(failing_rows("166", &r, None), vec![Some(1), Some(3)]);
        assert_eq!(failing_rows("167", &r, None), vec![Some(2), Some(3)]);
    }

    #[test]
    fn rule_168_upn_format() {
        let r = ret(&[&csv(
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
    fn rule_171_mothers_child() {
        check_171_174_mothers_child();
    }

    #[test]
    fn rule_174_mothers_child() {
        check_171_174_mothers_child();
    }

    fn check_171_174_mothers_child() {
        let r = ret(&[&csv(
            HEADER,
            &[
                "C1,F,01/01/2006,WBRI,,1,01/01/2024",
                "C2,F,01/01/2006,WBRI,,1,31/02/2024",
                "C3,M,01/01/2006,WBRI,,,01/01/2024",
                "C4,M,01/01/2006,WBRI,,,",
            ],
        )]);
        assert_eq!(failing_rows("171", &r, None), vec![Some(1)]);
        assert_eq!(failing_rows("174", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_178_placement_provider() {
        let r = ret(&[&episodes(&[
            ep_at("C1", "01/04/2024", "S", "C2", "U1", "PR1", "", ""),
            ep_at("C2", "01/04/2024", "S", "C2", "T1", "", "", ""),
            ep_at("C3", "01/04/2024", "S", "C2", "T1", "PR1", "", ""),
            ep_at("C4", "01/04/2024", "S", "C2", "U1", "PR9", "", ""),
            ep_at("C5", "01/04/2024", "S", "C2", "Z1", "PR1", "", ""),
        ])]);
        assert_eq!(
            failing_rows("178", &r, None),
            vec![Some(2), Some(3), Some(4)]
        );
    }

    #[test]
    fn rule_180_sdq_score_is_0_to_40() {
        let r = ret(&[&oc2_table(&[
            oc2("C1", "01/01/2015", "40", "", BLANK_FLAGS),
            oc2("C2", "01/01/2015", "41", "", BLANK_FLAGS),
            oc2("C3", "01/01/2015", "39.5", "", BLANK_FLAGS),
            oc2("C4", "01/01/2015", "", "", BLANK_FLAGS),
            oc2("C5", "01/01/2015", "XX", "", BLANK_FLAGS),
        ])]);
        assert_eq!(
            failing_rows("180", &r, None),
            vec![Some(1), Some(2), Some(4)]
        );
    }

    #[test]
    fn rule_181_oc2_items_are_0_or_1() {
        let r = ret(&[&oc2_table(&[
            oc2("C1", "01/01/2015", "", "", FULL_FLAGS),
            oc2("C2", "01/01/2015", "", "", "0,1,2,1,1,0,,"),
            oc2("C3", "01/01/2015", "", "", BLANK_FLAGS),
        ])]);
        assert_eq!(failing_rows("181", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_182_oc2_health_items_complete_or_all_blank() {
        let r = ret(&[&oc2_table(&[
            oc2("C1", "01/01/2015", "", "", FULL_FLAGS),
            oc2("C2", "01/01/2015", "", "", BLANK_FLAGS),
            oc2("C3", "01/01/2015", "", "", "0,1,,1,1,0,,"),
            oc2("C4", "01/01/2015", "", "", ",,1,1,1,,,"),
        ])]);
        assert_eq!(failing_rows("182", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_184_placed_for_adoption_not_before_birth() {
        let header = csv(
            HEADER,
            &["C1,M,01/01/2020,WBRI,,,", "C2,M,01/01/2020,WBRI,,,"],
        );
        let pa = csv(
            PLACED,
            &[
                "C1,01/01/2020,01/01/2020,,",
                "C2,01/01/2020,31/12/2019,,",
                "C3,01/01/2020,31/12/2019,,",
            ],
        );
        let r = ret(&[&header, &pa]);
        assert_eq!(failing_rows("184", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_185_sdq_score_only_for_the_oc2_cohort() {
        let oc2 = oc2_table(&[
            oc2("C1", "01/01/2015", "10", "", FULL_FLAGS),
            oc2("C2", "01/01/2015", "10", "", BLANK_FLAGS),
            oc2("C3", "01/01/2015", "", "", BLANK_FLAGS),
        ]);
        let r = ret(&[&cla_episodes(), &oc2]);
        assert_eq!(failing_rows("185", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_186_sdq_needed_for_ages_4_to_16() {
        let oc2 = oc2_table(&[
            oc2("C1", "01/01/2015", "10", "", FULL_FLAGS),
            oc2("C1", "01/01/2015", "", "SDQ2", FULL_FLAGS),
            oc2("C1", "01/01/2015", "", "", FULL_FLAGS),
            oc2("C1", "01/01/2022", "", "", FULL_FLAGS),
            oc2("C2", "01/01/2015", "", "", BLANK_FLAGS),
        ]);
        let r = ret(&[&cla_episodes(), &oc2]);
        assert_eq!(failing_rows("186", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_187_oc2_cohort_has_no_adoption_or_care_leaver_data() {
        let ad1 = csv(
            AD1,
            &[
                "C1,01/01/2015,01/05/2024,,,,,",
                "C2,01/01/2015,01/05/2024,,,,,",
                "C1,01/01/2015,,,,,,",
            ],
        );
        let oc3 = csv(OC3, &["C2,01/01/2005,YES,F1,B1", "C1,01/01/2005,YES,F1,B1"]);
        let r = ret(&[&cla_episodes(), &ad1, &oc3]);
        // The AD1 row, then the OC3 row.
        assert_eq!(failing_rows("187", &r, None), vec![Some(0), Some(1)]);
    }

    #[test]
    fn rule_188_no_sdq_under_4_or_over_16() {
        check_188_189_no_sdq_under_4_or_over_16();
    }

    #[test]
    fn rule_189_no_sdq_under_4_or_over_16() {
        check_188_189_no_sdq_under_4_or_over_16();
    }

    fn check_188_189_no_sdq_under_4_or_over_16() {
        let r = ret(&[&oc2_table(&[
            oc2("C1", "01/01/2015", "10", "", BLANK_FLAGS),
            oc2("C2", "01/04/2021", "10", "", BLANK_FLAGS),
            oc2("C3", "01/04/2021", "", "", BLANK_FLAGS),
            oc2("C4", "01/04/2007", "", "SDQ1", BLANK_FLAGS),
            oc2("C5", "02/04/2007", "", "SDQ1", BLANK_FLAGS),
        ])]);
        assert_eq!(failing_rows("188", &r, None), vec![Some(1)]);
        assert_eq!(failing_rows("189", &r, None), vec![Some(3)]);
    }

    #[test]
    fn rule_190_oc2_items_follow_the_cohort() {
        check_190_191_oc2_items_follow_the_cohort();
    }

    #[test]
    fn rule_191_oc2_items_follow_the_cohort() {
        check_190_191_oc2_items_follow_the_cohort();
    }

    fn check_190_191_oc2_items_follow_the_cohort() {
        let eps = episodes(&[
            ep("C1", "01/01/2020", "S", "C2", "", ""),
            ep("C2", "01/06/2024", "S", "C2", "", ""),
            ep("C3", "01/01/2021", "S", "C2", "01/01/2022", "X1"),
            ep("C3", "01/01/2022", "P", "C2", "", ""),
        ]);
        let oc2 = oc2_table(&[
            oc2("C1", "01/01/2015", "10", "", FULL_FLAGS),
            oc2("C1", "01/01/2015", "10", "", "0,1,,1,1,0,,"),
            oc2("C2", "01/01/2015", "", "", FULL_FLAGS),
            oc2("C2", "01/01/2015", "", "", BLANK_FLAGS),
        ]);
        let r = ret(&[&eps, &oc2]);
        assert_eq!(failing_rows("190", &r, None), vec![Some(2)]);
        // OC2 row 1, then the first episode of C3, who has no OC2 row.
        assert_eq!(failing_rows("191", &r, None), vec![Some(1), Some(2)]);
    }

    #[test]
    fn rule_192_substance_misuse_interventions() {
        check_192_193_substance_misuse_interventions();
    }

    #[test]
    fn rule_193_substance_misuse_interventions() {
        check_192_193_substance_misuse_interventions();
    }

    fn check_192_193_substance_misuse_interventions() {
        let r = ret(&[&oc2_table(&[
            oc2("C1", "01/01/2015", "", "", "0,1,1,1,1,1,1,"),
            oc2("C2", "01/01/2015", "", "", "0,1,1,1,1,1,,"),
            oc2("C3", "01/01/2015", "", "", "0,1,1,1,1,0,,"),
            oc2("C4", "01/01/2015", "", "", "0,1,1,1,1,0,,0"),
            oc2("C5", "01/01/2015", "", "", "0,1,1,1,1,,1,"),
        ])]);
        assert_eq!(failing_rows("192", &r, None), vec![Some(1)]);
        assert_eq!(failing_rows("193", &r, None), vec![Some(3), Some(4)]);
    }

    #[test]
    fn rule_196_sdq_reason() {
        check_196_197a_sdq_reason();
    }

    #[test]
    fn rule_197a_sdq_reason() {
        check_196_197a_sdq_reason();
    }

    fn check_196_197a_sdq_reason() {
        let r = ret(&[&oc2_table(&[
            oc2("C1", "01/01/2015", "", "SDQ5", BLANK_FLAGS),
            oc2("C2", "01/01/2015", "", "SDQ6", BLANK_FLAGS),
            oc2("C3", "01/01/2015", "12", "SDQ1", BLANK_FLAGS),
            oc2("C4", "01/01/2015", "12", "", BLANK_FLAGS),
        ])]);
        assert_eq!(failing_rows("196", &r, None), vec![Some(1)]);
        assert_eq!(failing_rows("197a", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_197b_sdq_for_children_turning_4_or_17() {
        let oc2 = oc2_table(&[
            oc2("C1", "01/06/2020", "", "", FULL_FLAGS),
            oc2("C1", "01/06/2007", "", "", FULL_FLAGS),
            oc2("C1", "01/06/2020", "", "SDQ1", FULL_FLAGS),
            oc2("C1", "01/06/2015", "", "", FULL_FLAGS),
            oc2("C2", "01/06/2020", "", "", BLANK_FLAGS),
        ]);
        let r = ret(&[&cla_episodes(), &oc2]);
        assert_eq!(failing_rows("197B", &r, None), vec![Some(0), Some(1)]);
    }

    #[test]
    fn rule_198_sdq_reason_only_for_the_oc2_cohort() {
        let oc2 = oc2_table(&[
            oc2("C1", "01/01/2015", "", "SDQ2", FULL_FLAGS),
            oc2("C2", "01/01/2015", "", "SDQ2", BLANK_FLAGS),
        ]);
        let r = ret(&[&cla_episodes(), &oc2]);
        assert_eq!(failing_rows("198", &r, None), vec![Some(1)]);
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
    /// The rows a rule fails in another collection year (its version for that year).
    fn rows_in(year: i32, code: &str, current: &crate::Return) -> Vec<Option<usize>> {
        let ctx = crate::validate::Context::new(
            current,
            None,
            crate::CollectionYear::starting(year),
            "E10000018",
        );
        rows_failing(&ctx, code)
    }

    #[test]
    fn rule_101_gender_was_1_or_2_until_2023_24() {
        let r = ret(&[&csv(
            HEADER,
            &["C1,1,01/02/2015,WBRI,,,", "C2,M,01/02/2015,WBRI,,,"],
        )]);
        assert_eq!(rows_in(2023, "101", &r), vec![Some(1)]);
        assert_eq!(rows_in(2024, "101", &r), vec![Some(0)]);
        assert_eq!(rows_in(2025, "101", &r), vec![Some(0)]);
    }

    #[test]
    fn rule_174_boys_were_coded_1_until_2023_24() {
        let r = ret(&[&csv(
            HEADER,
            &[
                "C1,1,01/01/2006,WBRI,,,01/01/2024",
                "C2,M,01/01/2006,WBRI,,,01/01/2024",
                "C3,2,01/01/2006,WBRI,,1,01/01/2024",
            ],
        )]);
        assert_eq!(rows_in(2023, "174", &r), vec![Some(0)]);
        assert_eq!(rows_in(2024, "174", &r), vec![Some(1)]);
    }

    #[test]
    fn rule_146_k3_from_2024_25_and_z1_split_in_2025_26() {
        let r = ret(&[&episodes(&[
            ep_at("C1", "01/04/2024", "S", "C2", "K3", "PR4", "", ""),
            ep_at("C2", "01/04/2024", "S", "C2", "Z1", "", "", ""),
            ep_at("C3", "01/04/2024", "S", "C2", "Z13", "", "", ""),
            ep_at("C4", "01/04/2024", "S", "C2", "U4", "PR1", "", ""),
        ])]);
        assert_eq!(rows_in(2023, "146", &r), vec![Some(0), Some(2)]);
        assert_eq!(rows_in(2025, "146", &r), vec![Some(1)]);
    }

    #[test]
    fn rule_178_t4_has_a_provider_from_2025_26() {
        let r = ret(&[&episodes(&[
            ep_at("C1", "01/04/2024", "S", "C2", "T4", "PR1", "", ""),
            ep_at("C2", "01/04/2024", "S", "C2", "Z11", "PR1", "", ""),
            ep_at("C3", "01/04/2024", "S", "C2", "U1", "PR1", "", ""),
        ])]);
        assert_eq!(rows_in(2024, "178", &r), vec![Some(0)]);
        assert_eq!(rows_in(2025, "178", &r), vec![Some(1)]);
    }
}
