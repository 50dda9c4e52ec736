//! Producing the return from the records.
//!
//! A child is in the return when any episode of care is open on some day of
//! the collection year. Episodes, missing and social-worker episodes that
//! overlap the year are reported; an end that falls after 31 March is left
//! blank, as the episode was still open at the end of the year. Reviews are
//! those held in the year.
//!
//! What a year's return stated beyond the journeys (AD1, PlacedAdoption,
//! OC2, OC3, PrevPerm, the Header's MOTHER and MC_DOB) is written back as
//! stated, for the children the records hold it for ([`Held`]); care
//! leavers held without a journey are in the return of a year that states
//! them. A child with no year of the return held (recorded in the service)
//! has its placed-for-adoption rows derived from its episodes.

use std::collections::HashMap;

use chrono::NaiveDate;
use domain::census::{CareLeaver, CensusYear};
use domain::child::{Child, ChildId};
use domain::codes::{CodeList, Sex};
use domain::journey::CareJourney;

use crate::{CollectionYear, Return, Table, TableData, format_date};

fn overlaps(start: NaiveDate, end: Option<NaiveDate>, year: CollectionYear) -> bool {
    start <= year.last_day() && end.is_none_or(|e| e >= year.first_day())
}

/// An end date as the return reports it: blank if after the year's end.
fn end_in_year(end: Option<NaiveDate>, year: CollectionYear) -> String {
    end.filter(|e| *e <= year.last_day())
        .map(format_date)
        .unwrap_or_default()
}

/// The sex code of the return: M/F/U from 2024-25, 1/2 before.
fn sex_code(sex: Sex, year: CollectionYear) -> String {
    if year >= CollectionYear::starting(2024) {
        sex.code().to_owned()
    } else {
        match sex {
            Sex::Male => "1".into(),
            Sex::Female => "2".into(),
            Sex::Unknown => String::new(),
        }
    }
}

/// What the records hold beyond the journeys, for the return.
#[derive(Debug, Default)]
pub struct Held {
    /// Care leavers held without a journey.
    pub leavers: Vec<CareLeaver>,
    /// Each child's years of the return as stated.
    pub census: HashMap<ChildId, Vec<CensusYear>>,
}

impl Held {
    fn year(&self, id: &ChildId, year: CollectionYear) -> Option<&CensusYear> {
        let start = year.first_day().year();
        self.census.get(id)?.iter().find(|y| y.year == start)
    }
}

use chrono::Datelike;

/// The return for a collection year, produced from every child's journey.
pub fn export(journeys: &[CareJourney], year: CollectionYear) -> Return {
    export_held(journeys, &Held::default(), year)
}

type Add<'a> = dyn FnMut(Table, Vec<String>) + 'a;

/// The Header row of a child and what the year states beyond the journey.
fn header_and_census(
    add: &mut Add<'_>,
    c: &Child,
    census: Option<&CensusYear>,
    year: CollectionYear,
) {
    let id = c.id.as_str().to_owned();
    let dob = format_date(c.date_of_birth);
    add(
        Table::Header,
        vec![
            id.clone(),
            sex_code(c.sex, year),
            dob.clone(),
            c.ethnicity.code().to_owned(),
            c.pupil_number
                .as_ref()
                .map(|p| p.as_return_value().to_owned())
                .unwrap_or_default(),
            census.map(|y| y.mother.clone()).unwrap_or_default(),
            census
                .and_then(|y| y.mother_child_dob)
                .map(format_date)
                .unwrap_or_default(),
        ],
    );
    let Some(y) = census else {
        return;
    };
    let date = |d: Option<NaiveDate>| d.map(format_date).unwrap_or_default();
    let row = |rest: Vec<String>| {
        let mut v = vec![id.clone(), dob.clone()];
        v.extend(rest);
        v
    };
    for o in &y.outcomes {
        add(
            Table::Oc2,
            row(o.answers().iter().map(|(_, a)| (*a).to_owned()).collect()),
        );
    }
    for o in &y.leaving_care {
        add(
            Table::Oc3,
            row(vec![
                o.in_touch.clone(),
                o.activity.clone(),
                o.accommodation.clone(),
            ]),
        );
    }
    for a in &y.adoption {
        add(
            Table::Ad1,
            row(vec![
                date(a.should_be_placed),
                date(a.matched),
                a.foster_care.clone(),
                a.adopters.clone(),
                a.adopters_sex.clone(),
                a.adopters_legal_status.clone(),
            ]),
        );
    }
    for p in &y.placed_for_adoption {
        add(
            Table::PlacedAdoption,
            row(vec![
                date(p.decided),
                date(p.ceased),
                p.reason_ceased.clone(),
            ]),
        );
    }
    for p in &y.previous_permanence {
        add(
            Table::PrevPerm,
            row(vec![p.kind.clone(), p.council.clone(), p.date_text.clone()]),
        );
    }
}

/// The UASC row of a child who is or was an unaccompanied asylum seeker.
fn uasc_row(add: &mut Add<'_>, c: &Child, year: CollectionYear) {
    if let Some(uasc) = c.uasc {
        add(
            Table::Uasc,
            vec![
                c.id.as_str().to_owned(),
                sex_code(c.sex, year),
                format_date(c.date_of_birth),
                uasc.ceased.map(format_date).unwrap_or_default(),
            ],
        );
    }
}

/// The return for a collection year, produced from every child's journey
/// and what the records hold beyond them. Children come in the order of
/// `journeys`, each care leaver before the first journey whose child's
/// identifier sorts after theirs.
pub fn export_held(journeys: &[CareJourney], held: &Held, year: CollectionYear) -> Return {
    let mut tables: std::collections::BTreeMap<Table, TableData> = Table::ALL
        .into_iter()
        .map(|t| (t, TableData::new(t)))
        .collect();
    let mut add = |table: Table, values: Vec<String>| {
        tables.get_mut(&table).expect("every table").push(values);
    };
    let mut leavers: Vec<&CareLeaver> = held
        .leavers
        .iter()
        .filter(|l| held.year(l.id(), year).is_some())
        .collect();
    leavers.sort_by(|a, b| a.id().cmp(b.id()));
    let mut leavers = leavers.into_iter().peekable();
    let mut leaver_rows = |add: &mut Add<'_>, before: Option<&ChildId>| {
        while let Some(l) = leavers.next_if(|l| before.is_none_or(|b| l.id() < b)) {
            header_and_census(add, &l.child, held.year(l.id(), year), year);
            uasc_row(add, &l.child, year);
        }
    };
    for j in journeys {
        let in_year = j
            .episodes()
            .iter()
            .any(|e| overlaps(e.start, e.end.map(|x| x.date), year));
        if !in_year {
            continue;
        }
        leaver_rows(&mut add, Some(j.id()));
        let c = j.child();
        let id = c.id.as_str().to_owned();
        let dob = format_date(c.date_of_birth);
        let census = held.year(j.id(), year);
        header_and_census(&mut add, c, census, year);
        for e in j
            .episodes()
            .iter()
            .filter(|e| overlaps(e.start, e.end.map(|x| x.date), year))
        {
            let end = e.end.filter(|x| x.date <= year.last_day());
            add(
                Table::Episodes,
                vec![
                    id.clone(),
                    format_date(e.start),
                    e.reason_new_episode.code().to_owned(),
                    e.legal_status.code().to_owned(),
                    e.category_of_need.code().to_owned(),
                    e.placement.placement_type.code().to_owned(),
                    e.placement
                        .provider
                        .map(|p| p.code().to_owned())
                        .unwrap_or_default(),
                    end.map(|x| format_date(x.date)).unwrap_or_default(),
                    end.map(|x| x.reason.code().to_owned()).unwrap_or_default(),
                    e.reason_placement_change
                        .map(|r| r.code().to_owned())
                        .unwrap_or_default(),
                    e.home_postcode
                        .as_ref()
                        .map(|p| p.as_str().to_owned())
                        .unwrap_or_default(),
                    e.placement
                        .postcode
                        .as_ref()
                        .map(|p| p.as_str().to_owned())
                        .unwrap_or_default(),
                    e.placement
                        .urn
                        .as_ref()
                        .map(|u| u.as_str().to_owned())
                        .unwrap_or_default(),
                ],
            );
            if census.is_none()
                && e.placement.placement_type.is_placed_for_adoption()
                && (year.first_day()..=year.last_day()).contains(&e.start)
            {
                add(
                    Table::PlacedAdoption,
                    vec![
                        id.clone(),
                        dob.clone(),
                        format_date(e.start),
                        String::new(),
                        String::new(),
                    ],
                );
            }
        }
        for r in j
            .reviews()
            .iter()
            .filter(|r| (year.first_day()..=year.last_day()).contains(&r.date))
        {
            add(
                Table::Reviews,
                vec![
                    id.clone(),
                    dob.clone(),
                    format_date(r.date),
                    r.participation.code().to_owned(),
                ],
            );
        }
        uasc_row(&mut add, c, year);
        for m in j
            .missing()
            .iter()
            .filter(|m| overlaps(m.start, m.end, year))
        {
            add(
                Table::Missing,
                vec![
                    id.clone(),
                    dob.clone(),
                    m.kind.code().to_owned(),
                    format_date(m.start),
                    end_in_year(m.end, year),
                ],
            );
        }
        for s in j
            .social_workers()
            .iter()
            .filter(|s| overlaps(s.start, s.end.map(|e| e.0), year))
        {
            let end = s.end.filter(|e| e.0 <= year.last_day());
            let reason = match end {
                Some(e) => Some(e.1),
                None => s.open_reason,
            };
            add(
                Table::SwEpisodes,
                vec![
                    id.clone(),
                    dob.clone(),
                    s.worker_id.clone(),
                    format_date(s.start),
                    end.map(|e| format_date(e.0)).unwrap_or_default(),
                    reason.map(|r| r.code().to_owned()).unwrap_or_default(),
                ],
            );
        }
    }
    leaver_rows(&mut add, None);
    Return {
        tables,
        header_uasc: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use test_support::synthetic::{CouncilSpec, generate};

    fn council() -> Vec<CareJourney> {
        let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
        generate(&CouncilSpec::new(200, 11, as_of)).journeys
    }

    #[test]
    fn the_return_holds_every_child_in_care_during_the_year_and_no_other() {
        let journeys = council();
        let year = CollectionYear::parse("2024-25").unwrap();
        let ret = export(&journeys, year);
        let header = ret.table(Table::Header).unwrap();
        let expected = journeys
            .iter()
            .filter(|j| {
                j.episodes()
                    .iter()
                    .any(|e| overlaps(e.start, e.end.map(|x| x.date), year))
            })
            .count();
        assert_eq!(header.len(), expected);
        // No episode reported starts after the year or ends after it.
        let episodes = ret.table(Table::Episodes).unwrap();
        for i in 0..episodes.len() {
            let start = domain::time::parse_uk_date("DECOM", episodes.value(i, "DECOM")).unwrap();
            assert!(start <= year.last_day());
            let dec = episodes.value(i, "DEC");
            if !dec.is_empty() {
                let end = domain::time::parse_uk_date("DEC", dec).unwrap();
                assert!(end >= year.first_day() && end <= year.last_day());
            }
        }
        assert!(episodes.len() > header.len());
    }

    #[test]
    fn a_written_return_reads_back_and_writes_again_byte_for_byte() {
        let ret = export(&council(), CollectionYear::parse("2024-25").unwrap());
        let dir = std::env::temp_dir().join(format!("permanence_903_{}", std::process::id()));
        crate::write_dir(&ret, &dir).unwrap();
        let back = crate::read_dir(&dir).unwrap();
        let again =
            std::env::temp_dir().join(format!("permanence_903_{}_again", std::process::id()));
        crate::write_dir(&back, &again).unwrap();
        for table in Table::ALL {
            let a = std::fs::read(dir.join(table.file_name())).unwrap();
            let b = std::fs::read(again.join(table.file_name())).unwrap();
            assert_eq!(a, b, "{table}");
        }
        assert_eq!(back.tables.len(), 11);
        let _ = std::fs::remove_dir_all(dir);
        let _ = std::fs::remove_dir_all(again);
    }

    #[test]
    fn sex_is_coded_as_the_year_codes_it() {
        assert_eq!(sex_code(Sex::Female, CollectionYear::starting(2024)), "F");
        assert_eq!(sex_code(Sex::Female, CollectionYear::starting(2023)), "2");
    }

    #[test]
    fn collection_years_are_read_strictly() {
        assert_eq!(
            CollectionYear::parse("2024/25").unwrap().to_string(),
            "2024-25"
        );
        assert!(CollectionYear::parse("2024-26").is_err());
        assert!(
            CollectionYear::parse("2019-20")
                .unwrap_err()
                .contains("not supported")
        );
    }
}
