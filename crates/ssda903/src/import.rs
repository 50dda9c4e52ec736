//! Reading a return into care journeys, so a council's records can start
//! from its last return.
//!
//! Each child of the Header table becomes a journey with the episodes,
//! reviews, missing and social-worker episodes the return holds for them.
//! A return holds the collection year only, so a journey may begin part-way
//! through a period of care (its first episode is not `S`). The return
//! carries no names: children are named "Not known" until someone records
//! their names. The rows of AD1, PlacedAdoption, OC2, OC3 and PrevPerm, and
//! the Header's MOTHER and MC_DOB, are kept as stated in the child's
//! [`CensusYear`]; a child with no episode in the year (a care leaver with
//! only OC3 answers) is a [`CareLeaver`].
//!
//! Dates are read as the validator reads them ([`crate::validate::date`]):
//! dd/mm/yyyy with a four-digit year. Whatever `903 validate` passes, this
//! reads.
//!
//! Every problem is collected and reported with the file, line, column and
//! child; the journeys are returned only when there is none.

use std::collections::BTreeMap;

use chrono::Datelike;
use chrono::NaiveDate;
use domain::census::{
    AdoptionDetails, CareLeaver, CareLeaverOutcome, CensusYear, OutcomesInCare, PlacedForAdoption,
    PreviousPermanence,
};
use domain::child::{Child, ChildId, PersonName, Postcode, PupilNumber, UascStatus, Urn};
use domain::codes::{CodeList, Sex};
use domain::journey::{
    CareJourney, Episode, EpisodeEnd, MissingEpisode, Placement, Review, SocialWorkerEpisode,
};

use crate::read::ReadError;
use crate::{CollectionYear, Return, Table, TableData};

/// What an import produced: the journeys, the care leavers held without
/// one, what the year's return states beyond them, and the rows it could
/// not hold.
#[derive(Debug)]
pub struct Imported {
    pub journeys: Vec<CareJourney>,
    /// Children with no episode in the year (care leavers with OC3 answers).
    pub leavers: Vec<CareLeaver>,
    /// Each child's AD1, PlacedAdoption, OC2, OC3, PrevPerm rows and the
    /// Header's MOTHER and MC_DOB: one year for every child of the return.
    pub census: Vec<(ChildId, CensusYear)>,
    /// Tables whose rows the service does not hold yet, with their counts.
    pub not_held: Vec<(Table, usize)>,
}

/// The placeholder name of a child known only from a return.
pub const UNKNOWN_GIVEN: &str = "Not";
pub const UNKNOWN_FAMILY: &str = "known";

struct Cells<'a> {
    data: &'a TableData,
    row: usize,
    errors: &'a mut Vec<ReadError>,
}

impl Cells<'_> {
    fn problem(&mut self, column: &str, message: String) {
        let child = self.data.value(self.row, "CHILD").to_owned();
        self.errors.push(ReadError {
            file: self.data.file.clone(),
            line: Some(self.data.line(self.row)),
            column: Some(column.to_owned()),
            problem: format!("child {child}: {message}"),
        });
    }

    fn text(&self, column: &str) -> &str {
        self.data.value(self.row, column).trim()
    }

    fn date(&mut self, column: &str) -> Option<NaiveDate> {
        let v = self.text(column).to_owned();
        if v.is_empty() {
            self.problem(column, "a date is required here".into());
            return None;
        }
        self.opt_date(column)
    }

    fn opt_date(&mut self, column: &str) -> Option<NaiveDate> {
        let v = self.text(column).to_owned();
        if v.is_empty() {
            return None;
        }
        match crate::validate::date(&v) {
            Some(d) => Some(d),
            None => {
                self.problem(
                    column,
                    format!("\"{v}\" is not a date in the form dd/mm/yyyy"),
                );
                None
            }
        }
    }

    fn code<C: CodeList>(&mut self, column: &str) -> Option<C> {
        let v = self.text(column).to_owned();
        match C::parse_code(&v) {
            Ok(c) => Some(c),
            Err(e) => {
                self.problem(column, e.to_string());
                None
            }
        }
    }

    fn opt_code<C: CodeList>(&mut self, column: &str) -> Option<Option<C>> {
        if self.text(column).is_empty() {
            Some(None)
        } else {
            self.code(column).map(Some)
        }
    }

    fn parsed<T, E: std::fmt::Display>(
        &mut self,
        column: &str,
        parse: impl Fn(&str) -> Result<T, E>,
    ) -> Option<Option<T>> {
        let v = self.text(column).to_owned();
        if v.is_empty() {
            return Some(None);
        }
        match parse(&v) {
            Ok(t) => Some(Some(t)),
            Err(e) => {
                self.problem(column, e.to_string());
                None
            }
        }
    }
}

fn sex(v: &str, year: CollectionYear) -> Option<Sex> {
    if year >= CollectionYear::starting(2024) {
        Sex::parse_code(v).ok()
    } else {
        match v {
            "1" => Some(Sex::Male),
            "2" => Some(Sex::Female),
            "" => Some(Sex::Unknown),
            _ => None,
        }
    }
}

#[derive(Default)]
struct Parts {
    episodes: Vec<Episode>,
    reviews: Vec<Review>,
    missing: Vec<MissingEpisode>,
    workers: Vec<SocialWorkerEpisode>,
    uasc: Option<UascStatus>,
    census: CensusYear,
}

/// Reads the journeys a return holds for `year`, checked as of `today`.
pub fn journeys(
    ret: &Return,
    year: CollectionYear,
    today: NaiveDate,
) -> Result<Imported, Vec<ReadError>> {
    let mut errors = Vec::new();
    let Some(header) = ret.table(Table::Header) else {
        return Err(vec![ReadError {
            file: "the return".into(),
            line: None,
            column: None,
            problem: "the Header table is required".into(),
        }]);
    };
    let mut parts: BTreeMap<String, Parts> = BTreeMap::new();
    let mut children: Vec<(Child, usize)> = Vec::new();
    for row in 0..header.len() {
        let mut c = Cells {
            data: header,
            row,
            errors: &mut errors,
        };
        let id = match ChildId::parse(c.text("CHILD")) {
            Ok(id) => id,
            Err(e) => {
                c.problem("CHILD", e.to_string());
                continue;
            }
        };
        if parts.contains_key(id.as_str()) {
            c.problem("CHILD", "the child is in the Header table twice".into());
            continue;
        }
        let sex_value = c.text("SEX").to_owned();
        let sex = sex(&sex_value, year);
        if sex.is_none() {
            c.problem(
                "SEX",
                format!("\"{sex_value}\" is not a sex code of {year}"),
            );
        }
        let dob = c.date("DOB");
        let ethnicity = c.code("ETHNIC");
        let upn = c.parsed("UPN", PupilNumber::parse);
        let mother = c.text("MOTHER").to_owned();
        let mc_dob = c.opt_date("MC_DOB");
        let mc_dob_ok = mc_dob.is_some() || c.text("MC_DOB").is_empty();
        if let (Some(sex), Some(date_of_birth), Some(ethnicity), Some(pupil_number), true) =
            (sex, dob, ethnicity, upn, mc_dob_ok)
        {
            let mut census = CensusYear::new(year.first_day().year());
            census.mother = mother;
            census.mother_child_dob = mc_dob;
            parts.insert(
                id.as_str().to_owned(),
                Parts {
                    census,
                    ..Parts::default()
                },
            );
            children.push((
                Child {
                    id,
                    name: PersonName::parse(UNKNOWN_GIVEN, UNKNOWN_FAMILY)
                        .expect("a valid placeholder"),
                    sex,
                    date_of_birth,
                    ethnicity,
                    pupil_number,
                    disabled: false,
                    uasc: None,
                },
                row,
            ));
        }
    }
    read_rows(
        ret,
        Table::Episodes,
        &mut parts,
        &mut errors,
        |c| {
            let start = c.date("DECOM");
            let rne = c.code("RNE");
            let ls = c.code("LS");
            let cin = c.code("CIN");
            let place = c.code("PLACE");
            let provider = c.opt_code("PLACE_PROVIDER");
            let dec = c.opt_date("DEC");
            let rec = c.opt_code("REC");
            let rpc = c.opt_code("REASON_PLACE_CHANGE");
            let home = c.parsed("HOME_POST", Postcode::parse);
            let pl_post = c.parsed("PL_POST", Postcode::parse);
            let urn = c.parsed("URN", Urn::parse);
            let end = match (dec, rec) {
                (Some(date), Some(Some(reason))) => Some(Some(EpisodeEnd { date, reason })),
                (None, Some(None)) => Some(None),
                (Some(_), Some(None)) => {
                    c.problem("REC", "an episode that ends needs its reason (REC)".into());
                    None
                }
                (None, Some(Some(_))) if c.text("DEC").is_empty() => {
                    c.problem(
                        "DEC",
                        "an episode with a reason for ending (REC) needs its end date (DEC)".into(),
                    );
                    None
                }
                _ => None,
            };
            let (
                Some(start),
                Some(rne),
                Some(ls),
                Some(cin),
                Some(place),
                Some(provider),
                Some(end),
                Some(rpc),
                Some(home),
                Some(pl_post),
                Some(urn),
            ) = (
                start, rne, ls, cin, place, provider, end, rpc, home, pl_post, urn,
            )
            else {
                return None;
            };
            Some(Episode {
                start,
                reason_new_episode: rne,
                legal_status: ls,
                category_of_need: cin,
                placement: Placement {
                    placement_type: place,
                    provider,
                    postcode: pl_post,
                    urn,
                },
                end,
                reason_placement_change: rpc,
                home_postcode: home,
            })
        },
        |p, v| p.episodes.push(v),
    );
    read_rows(
        ret,
        Table::Reviews,
        &mut parts,
        &mut errors,
        |c| {
            let (Some(date), Some(participation)) = (c.date("REVIEW"), c.code("REVIEW_CODE"))
            else {
                return None;
            };
            Some(Review {
                date,
                participation,
            })
        },
        |p, v| p.reviews.push(v),
    );
    read_rows(
        ret,
        Table::Missing,
        &mut parts,
        &mut errors,
        |c| {
            let (Some(kind), Some(start), end) = (
                c.code("MISSING"),
                c.date("MIS_START"),
                c.opt_date("MIS_END"),
            ) else {
                return None;
            };
            Some(MissingEpisode { kind, start, end })
        },
        |p, v| p.missing.push(v),
    );
    read_rows(
        ret,
        Table::SwEpisodes,
        &mut parts,
        &mut errors,
        |c| {
            let worker = c.text("SW_ID").to_owned();
            if worker.is_empty() {
                c.problem("SW_ID", "the social worker's identifier is required".into());
                return None;
            }
            let start = c.date("SW_DECOM");
            let end_date = c.opt_date("SW_DEC");
            let reason = c.opt_code("SW_REASON");
            let dec_blank = c.text("SW_DEC").is_empty();
            let (end, open_reason) = match (end_date, reason) {
                (Some(d), Some(Some(r))) => (Some(Some((d, r))), None),
                (None, Some(r)) if dec_blank => (Some(None), r),
                (Some(_), Some(None)) => {
                    c.problem(
                        "SW_REASON",
                        "a social worker episode that ends needs its reason".into(),
                    );
                    (None, None)
                }
                _ => (None, None),
            };
            let (Some(start), Some(end)) = (start, end) else {
                return None;
            };
            Some(SocialWorkerEpisode {
                worker_id: worker,
                start,
                end,
                open_reason,
            })
        },
        |p, v| p.workers.push(v),
    );
    read_rows(
        ret,
        Table::Uasc,
        &mut parts,
        &mut errors,
        |c| {
            let written = !c.text("DUC").is_empty();
            let ceased = c.opt_date("DUC");
            if written && ceased.is_none() {
                return None;
            }
            Some(UascStatus { ceased })
        },
        |p, v| p.uasc = Some(v),
    );
    read_census(ret, &mut parts, &mut errors);
    let mut journeys = Vec::with_capacity(children.len());
    let mut leavers = Vec::new();
    let mut census = Vec::new();
    for (mut child, row) in children {
        let p = parts.remove(child.id.as_str()).unwrap_or_default();
        child.uasc = p.uasc;
        let id = child.id.as_str().to_owned();
        census.push((child.id.clone(), p.census));
        if p.episodes.is_empty() && p.reviews.is_empty() && p.missing.is_empty() {
            // A care leaver (or a child) the return states without an
            // episode this year: held as a record of its own, with any
            // social worker episodes refused as they need a journey.
            if p.workers.is_empty() {
                leavers.push(CareLeaver { child });
                continue;
            }
        }
        match CareJourney::build(
            child,
            p.episodes,
            p.reviews,
            p.missing,
            p.workers,
            Vec::new(),
            today,
        ) {
            Ok(j) => journeys.push(j),
            Err(e) => errors.push(ReadError {
                file: header.file.clone(),
                line: Some(header.line(row)),
                column: None,
                problem: format!("child {id}: {e}"),
            }),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let not_held = [Table::DoLo]
        .into_iter()
        .filter_map(|t| ret.table(t).map(|d| (t, d.len())))
        .filter(|(_, n)| *n > 0)
        .collect();
    Ok(Imported {
        journeys,
        leavers,
        census,
        not_held,
    })
}

/// Reads the tables kept as stated (AD1, PlacedAdoption, OC2, OC3,
/// PrevPerm) into each child's year.
fn read_census(ret: &Return, parts: &mut BTreeMap<String, Parts>, errors: &mut Vec<ReadError>) {
    read_rows(
        ret,
        Table::Ad1,
        parts,
        errors,
        |c| {
            let (int_ok, should_be_placed) = dated(c, "DATE_INT");
            let (match_ok, matched) = dated(c, "DATE_MATCH");
            (int_ok && match_ok).then(|| AdoptionDetails {
                should_be_placed,
                matched,
                foster_care: text(c, "FOSTER_CARE"),
                adopters: text(c, "NB_ADOPTR"),
                adopters_sex: text(c, "SEX_ADOPTR"),
                adopters_legal_status: text(c, "LS_ADOPTR"),
            })
        },
        |p, v| p.census.adoption.push(v),
    );
    read_rows(
        ret,
        Table::PlacedAdoption,
        parts,
        errors,
        |c| {
            let (placed_ok, decided) = dated(c, "DATE_PLACED");
            let (ceased_ok, ceased) = dated(c, "DATE_PLACED_CEASED");
            (placed_ok && ceased_ok).then(|| PlacedForAdoption {
                decided,
                ceased,
                reason_ceased: text(c, "REASON_PLACED_CEASED"),
            })
        },
        |p, v| p.census.placed_for_adoption.push(v),
    );
    read_rows(
        ret,
        Table::Oc2,
        parts,
        errors,
        |c| {
            Some(OutcomesInCare {
                sdq_score: text(c, "SDQ_SCORE"),
                sdq_reason: text(c, "SDQ_REASON"),
                convicted: text(c, "CONVICTED"),
                health_check: text(c, "HEALTH_CHECK"),
                immunisations: text(c, "IMMUNISATIONS"),
                teeth_check: text(c, "TEETH_CHECK"),
                health_assessment: text(c, "HEALTH_ASSESSMENT"),
                substance_misuse: text(c, "SUBSTANCE_MISUSE"),
                intervention_received: text(c, "INTERVENTION_RECEIVED"),
                intervention_offered: text(c, "INTERVENTION_OFFERED"),
            })
        },
        |p, v| p.census.outcomes.push(v),
    );
    read_rows(
        ret,
        Table::Oc3,
        parts,
        errors,
        |c| {
            Some(CareLeaverOutcome {
                in_touch: text(c, "IN_TOUCH"),
                activity: text(c, "ACTIV"),
                accommodation: text(c, "ACCOM"),
            })
        },
        |p, v| p.census.leaving_care.push(v),
    );
    read_rows(
        ret,
        Table::PrevPerm,
        parts,
        errors,
        |c| {
            let date_text = text(c, "DATE_PERM");
            Some(PreviousPermanence {
                kind: text(c, "PREV_PERM"),
                council: text(c, "LA_PERM"),
                date: crate::validate::date(&date_text),
                date_text,
            })
        },
        |p, v| p.census.previous_permanence.push(v),
    );
}

/// A value as the return states it (trimmed).
fn text(c: &Cells<'_>, column: &str) -> String {
    c.text(column).to_owned()
}

/// A column that may hold a date: (whether it reads, the date if any). A
/// value that is neither blank nor a date is reported.
fn dated(c: &mut Cells<'_>, column: &str) -> (bool, Option<NaiveDate>) {
    let blank = c.text(column).is_empty();
    let d = c.opt_date(column);
    (blank || d.is_some(), d)
}

/// Reads each row of a table with `read` and gives what it reads to the
/// row's child with `add`; a row whose child is not in the Header table is
/// reported. A row `read` cannot read (it reports why) is left out.
fn read_rows<T>(
    ret: &Return,
    table: Table,
    parts: &mut BTreeMap<String, Parts>,
    errors: &mut Vec<ReadError>,
    mut read: impl FnMut(&mut Cells<'_>) -> Option<T>,
    add: impl Fn(&mut Parts, T),
) {
    let Some(data) = ret.table(table) else {
        return;
    };
    for row in 0..data.len() {
        let mut c = Cells { data, row, errors };
        let Some(value) = read(&mut c) else {
            continue;
        };
        match parts.get_mut(data.value(row, "CHILD").trim()) {
            Some(p) => add(p, value),
            None => errors.push(ReadError {
                file: data.file.clone(),
                line: Some(data.line(row)),
                column: Some("CHILD".into()),
                problem: format!(
                    "child {} is not in the Header table",
                    data.value(row, "CHILD")
                ),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use test_support::synthetic::{CouncilSpec, generate};

    #[test]
    fn an_exported_return_imports_and_exports_again_byte_for_byte() {
        let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
        let year = CollectionYear::parse("2024-25").unwrap();
        let mut council = generate(&CouncilSpec::new(300, 3, as_of)).journeys;
        council.sort_by(|a, b| a.id().cmp(b.id()));
        let first = crate::export(&council, year);
        let imported = journeys(&first, year, as_of).unwrap();
        assert!(imported.not_held.is_empty());
        let second = crate::export(&imported.journeys, year);
        for table in Table::ALL {
            assert_eq!(
                first.table(table).map(TableData::to_csv),
                second.table(table).map(TableData::to_csv),
                "{table}"
            );
        }
        // Some records begin part-way through a period of care: their first
        // episode held is not the one that started it.
        assert!(imported.journeys.iter().any(|j| {
            j.episodes()
                .first()
                .is_some_and(|e| e.reason_new_episode != domain::codes::ReasonNewEpisode::Started)
        }));
        assert!(
            imported
                .journeys
                .iter()
                .all(|j| j.child().name.full() == "Not known")
        );
    }

    #[test]
    fn every_problem_is_reported_with_its_place_and_nothing_is_imported() {
        let mut ret = Return::default();
        let mut header = TableData::new(Table::Header);
        header.file = "header.csv".into();
        header.push(vec![
            "A1".into(),
            "F".into(),
            "31/02/2015".into(),
            "WBRI".into(),
            String::new(),
            String::new(),
            String::new(),
        ]);
        header.push(vec![
            "A2".into(),
            "F".into(),
            "01/02/2015".into(),
            "WBRI".into(),
            String::new(),
            String::new(),
            String::new(),
        ]);
        ret.tables.insert(Table::Header, header);
        let mut episodes = TableData::new(Table::Episodes);
        episodes.file = "episodes.csv".into();
        let row = |child: &str, place: &str| {
            [
                child,
                "01/05/2024",
                "S",
                "C2",
                "N1",
                place,
                "PR1",
                "",
                "",
                "",
                "",
                "",
                "",
            ]
            .map(str::to_owned)
            .to_vec()
        };
        episodes.push(row("A2", "U6"));
        episodes.push(row("A3", "U6"));
        episodes.push(row("A2", "XX"));
        ret.tables.insert(Table::Episodes, episodes);
        let errors = journeys(
            &ret,
            CollectionYear::parse("2024-25").unwrap(),
            NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(),
        )
        .unwrap_err();
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(
            text.iter()
                .any(|e| e.contains("header.csv") && e.contains("DOB") && e.contains("31/02/2015")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|e| e.contains("episodes.csv")
                    && e.contains("child A3 is not in the Header table")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|e| e.contains("episodes.csv") && e.contains("PLACE")),
            "{text:?}"
        );
    }
}
