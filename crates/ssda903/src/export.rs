//! Producing the return from the records.
//!
//! A child is in the return when any episode of care is open on some day of
//! the collection year. Episodes, missing and social-worker episodes that
//! overlap the year are reported; an end that falls after 31 March is left
//! blank, as the episode was still open at the end of the year. Reviews are
//! those held in the year. The tables whose data the service does not hold
//! yet (OC2, OC3, AD1, PrevPerm) are written with their headers and no rows.

use chrono::NaiveDate;
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

/// The return for a collection year, produced from every child's journey.
pub fn export(journeys: &[CareJourney], year: CollectionYear) -> Return {
    let mut tables: std::collections::BTreeMap<Table, TableData> = Table::ALL
        .into_iter()
        .map(|t| (t, TableData::new(t)))
        .collect();
    let mut add = |table: Table, values: Vec<String>| {
        tables.get_mut(&table).expect("every table").push(values);
    };
    for j in journeys {
        let in_year = j
            .episodes()
            .iter()
            .any(|e| overlaps(e.start, e.end.map(|x| x.date), year));
        if !in_year {
            continue;
        }
        let c = j.child();
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
                String::new(),
                String::new(),
            ],
        );
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
                    e.placement.provider.code().to_owned(),
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
            if e.placement.placement_type.is_placed_for_adoption()
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
        if let Some(uasc) = c.uasc {
            add(
                Table::Uasc,
                vec![
                    id.clone(),
                    sex_code(c.sex, year),
                    dob.clone(),
                    uasc.ceased.map(format_date).unwrap_or_default(),
                ],
            );
        }
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
            add(
                Table::SwEpisodes,
                vec![
                    id.clone(),
                    dob.clone(),
                    s.worker_id.clone(),
                    format_date(s.start),
                    end.map(|e| format_date(e.0)).unwrap_or_default(),
                    end.map(|e| e.1.code().to_owned()).unwrap_or_default(),
                ],
            );
        }
    }
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
