//! The layout of the committee report as the RPT- entries of chapter 40
//! describe it: who the report is to and from (RPT-001), the cover
//! report's headings in order with its paragraphs numbered continuously
//! (RPT-002), the "High Level Data" table's rows (RPT-004), the adoption
//! scorecard's change cells (RPT-006), the year-on-year increases of the
//! kinship overview (RPT-008) and the % change of the demand table
//! (RPT-010), the corporate parenting outcomes grid (RPT-012), the Virtual
//! School's appendices (RPT-013), the line-level list of children waiting
//! (RPT-015), and the self-assessment and storyboard the services write
//! (RPT-017, RPT-018). The figures come from the measures; where the
//! records hold nothing for a row the layout says why it is not measured.

use chrono::{Months, NaiveDate};

use crate::codes::{CodeList, LegalStatus, Sex};
use crate::journey::CareJourney;

/// RPT-001: the committee the report goes to.
pub const COMMITTEE: &str = "Children and Families Overview and Scrutiny Committee";

/// RPT-001: whose report a performance report is.
pub const REPORT_OF: &str =
    "Joint report of the Chief Executive and the Director of Children and Family Services";

/// RPT-002: a cover report's headings in order, each with whether every
/// cover report must have it ("where relevant" ones need not).
pub const COVER_HEADINGS: &[(&str, bool)] = &[
    ("Purpose of Report", true),
    ("Policy Framework and Previous Decisions", true),
    ("Background", true),
    ("Summary of Report", true),
    ("Consultation", false),
    ("Resource Implications", true),
    ("Timetable for Decisions", false),
    ("Conclusions", true),
    ("Background Papers", true),
    ("Circulation under the Local Issues Alert Procedure", true),
    ("Equality and Human Rights Implications", true),
    ("Other Relevant Impact Assessments", true),
    ("Appendices", true),
    ("Officers to Contact", true),
];

/// One heading of a cover report with its paragraphs, each with its
/// number (the numbering runs on through the whole cover report).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverSection {
    pub heading: &'static str,
    pub paragraphs: Vec<(usize, String)>,
}

/// RPT-002: a cover report from its headings and paragraphs, with the
/// paragraphs numbered continuously; refused, naming the heading, when a
/// required heading is missing, a heading is unknown or out of order.
pub fn cover_report(
    sections: Vec<(&'static str, Vec<String>)>,
) -> Result<Vec<CoverSection>, String> {
    let place = |h: &str| COVER_HEADINGS.iter().position(|(c, _)| *c == h);
    let mut last = None;
    for (heading, _) in &sections {
        let at = place(heading)
            .ok_or_else(|| format!("'{heading}' is not a heading of a cover report (RPT-002)"))?;
        if last.is_some_and(|l| at <= l) {
            return Err(format!(
                "'{heading}' is out of order: cover report headings follow RPT-002's order"
            ));
        }
        last = Some(at);
    }
    if let Some((missing, _)) = COVER_HEADINGS
        .iter()
        .find(|(h, required)| *required && !sections.iter().any(|(s, _)| s == h))
    {
        return Err(format!(
            "The cover report has no heading '{missing}' (RPT-002)"
        ));
    }
    let mut number = 0;
    Ok(sections
        .into_iter()
        .map(|(heading, paragraphs)| CoverSection {
            heading,
            paragraphs: paragraphs
                .into_iter()
                .map(|p| {
                    number += 1;
                    (number, p)
                })
                .collect(),
        })
        .collect())
}

/// Where a row of a report table takes its figure from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowSource {
    /// The figure of the measure with this key.
    Measure(&'static str),
    /// Nothing in the records gives it: why.
    NotMeasured(&'static str),
}

const NO_CP: &str = "the product holds no child protection plans";
const NO_POPULATION: &str =
    "the product holds no figure for the child population, so no rate per 10,000 (NEED-001)";

/// RPT-004: the rows of the "High Level Data" table, in the strategy's order.
pub const HIGH_LEVEL_DATA: &[(&str, RowSource)] = &[
    (
        "Number of children subject to a Child Protection Plan",
        RowSource::NotMeasured(NO_CP),
    ),
    ("CP Plan rate per 10,000", RowSource::NotMeasured(NO_CP)),
    ("Number of children in care", RowSource::Measure("cic-01")),
    (
        "Number of children admitted to care",
        RowSource::Measure("cic-03"),
    ),
    (
        "Rate of children in care per 10,000",
        RowSource::NotMeasured(NO_POPULATION),
    ),
    (
        "Number of UASC in care (excl. former)",
        RowSource::Measure("cic-07"),
    ),
    (
        "Rate per 10 000 UASC",
        RowSource::NotMeasured(NO_POPULATION),
    ),
    (
        "Rate of children discharged from care per 10,000",
        RowSource::NotMeasured(NO_POPULATION),
    ),
    (
        "Adopted (% of discharges)",
        RowSource::Measure("cic-05-adopted"),
    ),
    ("SGO (% of discharges)", RowSource::Measure("cic-05-sgo")),
    (
        "Returned Home (% of discharges)",
        RowSource::Measure("cic-05-home"),
    ),
];

/// RPT-004: why the England and statistical-neighbour columns are empty.
pub const NO_COMPARATORS: &str =
    "the product holds no England or statistical-neighbour figures for the period";

/// Two decimals, as the scorecard prints days.
fn two(v: f64) -> String {
    format!("{:.2}", (v * 100.0).round() / 100.0)
}

/// RPT-006 (2025 format): the cell of the later year of a scorecard row,
/// stating the change from the year before: "682.61 days (decrease of
/// 196.14 days)".
pub fn scorecard_cell(before: Option<f64>, now: Option<f64>) -> String {
    match (before, now) {
        (_, None) => "Not measured: no child counted in the year".to_owned(),
        (None, Some(now)) => format!("{} days", two(now)),
        (Some(before), Some(now)) => {
            let change = (now * 100.0).round() - (before * 100.0).round();
            let words = if change < 0.0 {
                format!("decrease of {} days", two(-change / 100.0))
            } else if change > 0.0 {
                format!("increase of {} days", two(change / 100.0))
            } else {
                "no change".to_owned()
            };
            format!("{} days ({words})", two(now))
        }
    }
}

/// RPT-010: the % change from `before` to `now` to one decimal, with a
/// minus sign for a fall ("−28.6%"); none from nothing.
pub fn percent_change(before: f64, now: f64) -> String {
    if before == 0.0 {
        return "Not applicable: nothing the year before".to_owned();
    }
    let change = (1000.0 * (now - before) / before).round() / 10.0;
    if change < 0.0 {
        format!("\u{2212}{:.1}%", -change)
    } else {
        format!("{change:.1}%")
    }
}

/// RPT-008: the increase from `before` to `now` in whole percent ("39%");
/// none from nothing.
pub fn increase(before: usize, now: usize) -> String {
    if before == 0 {
        return "Not applicable: none the year before".to_owned();
    }
    let change = (100.0 * (now as f64 - before as f64) / before as f64).round();
    if change < 0.0 {
        format!("\u{2212}{:.0}%", -change)
    } else {
        format!("{change:.0}%")
    }
}

/// RPT-012: the five outcomes of the corporate parenting strategy, each
/// commitment with the measure that shows it, or none.
pub const OUTCOMES_GRID: &[(&str, &str, Option<&str>)] = &[
    (
        "Outcome 1 Improved Physical Health",
        "Have their health assessments on time",
        Some("cic-10"),
    ),
    (
        "Outcome 1 Improved Physical Health",
        "Be registered with a dentist and have dental checks",
        Some("cic-11"),
    ),
    (
        "Outcome 1 Improved Physical Health",
        "Have their immunisations up to date",
        None,
    ),
    (
        "Outcome 2 Improved Mental Health",
        "Have their emotional health understood through SDQ results",
        Some("cic-13"),
    ),
    (
        "Outcome 2 Improved Mental Health",
        "Be referred to specialist services in good time",
        None,
    ),
    (
        "Outcome 3 Placement stability and safe homes",
        "Be placed within 20 miles of home",
        None,
    ),
    (
        "Outcome 3 Placement stability and safe homes",
        "Have stable placements",
        Some("cic-12"),
    ),
    (
        "Outcome 3 Placement stability and safe homes",
        "Have timely SGO and CAO decisions",
        None,
    ),
    (
        "Outcome 4 Attainment",
        "Have an aspirational Personal Education Plan",
        Some("vs-01"),
    ),
    (
        "Outcome 4 Attainment",
        "Have their progress monitored by a specialist advisor",
        None,
    ),
    (
        "Outcome 5 Care leavers",
        "Live in safe, suitable accommodation",
        Some("leave-04"),
    ),
    (
        "Outcome 5 Care leavers",
        "Keep in touch with us until 25",
        Some("leave-05"),
    ),
    (
        "Outcome 5 Care leavers",
        "Be able to Stay Put with their carers",
        Some("leave-06"),
    ),
    (
        "Outcome 5 Care leavers",
        "Be in education, employment or training",
        Some("leave-02"),
    ),
];

/// RPT-013: the Virtual School report's appendices with their published
/// titles, each with the measures that fill it, or why none does.
pub const VS_APPENDICES: &[(&str, RowSourceList)] = &[
    (
        "Appendix 1 Contextual Data",
        RowSourceList::Measures(&[
            "vs-10-early-years",
            "vs-10-school-age",
            "vs-10-post-16",
            "vs-09-school-age",
            "vs-09-post-16",
        ]),
    ),
    (
        "Appendix 2 Alternative Education",
        RowSourceList::NotMeasured("the education record holds no alternative provision"),
    ),
    (
        "Appendix 3 PEP Completion",
        RowSourceList::Measures(&["vs-01"]),
    ),
    (
        "Appendix 4 Use of Pupil Premium",
        RowSourceList::Measures(&["cost-005"]),
    ),
    (
        "Appendix 5 Provisional Results",
        RowSourceList::NotMeasured("the education record holds no attainment results"),
    ),
    (
        "Appendix 6 Suspension dashboard",
        RowSourceList::Measures(&["vs-08-exclusions"]),
    ),
    (
        "Appendix 7 Attendance dashboard",
        RowSourceList::NotMeasured("the education record holds no attendance"),
    ),
];

/// The measures an appendix shows, or why it shows none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowSourceList {
    Measures(&'static [&'static str]),
    NotMeasured(&'static str),
}

/// RPT-017: the three columns of a service's Signs of Safety
/// self-assessment, and the services that write one.
pub const SELF_ASSESSMENT_COLUMNS: [&str; 3] = [
    "What are we Worried About?",
    "What's Working Well?",
    "What Needs to Happen?",
];
pub const SELF_ASSESSMENT_SERVICES: [&str; 3] =
    ["CiC and Care Leavers", "Adoption", "Connected Care"];

/// RPT-018: the four prompts of a service storyboard, in order.
pub const STORYBOARD_PROMPTS: [&str; 4] = [
    "Where we were",
    "What we have done",
    "What difference has this made",
    "What are our next steps",
];

/// The parts of the committee papers the records cannot lay out: (rule,
/// part, why).
pub const NOT_LAID_OUT: &[(&str, &str, &str)] = &[
    (
        "RPT-011",
        "Improvement plan (OCIAP) progress",
        "the product holds no improvement plan or Ofsted recommendation records",
    ),
    (
        "RPT-016",
        "Recommendations and progress against last year",
        "the product holds no annual report recommendations with who is responsible and by when",
    ),
    (
        "RPT-021",
        "Department overview",
        "the product holds no department structure of services and their Heads of Service",
    ),
];

/// RPT-015: one child waiting more than six months with a placement
/// order at the year's end, without a name: gender, age, date of the
/// placement order and notes from the records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingLine {
    pub gender: &'static str,
    pub age: String,
    /// The date of the placement order as the report prints it (03.03.22).
    pub placement_order: String,
    pub notes: String,
    /// The order's date, for sorting.
    pub ordered: NaiveDate,
}

/// RPT-015 (NEED-009): the child's line when, on `at`, they are in care
/// under a placement order made more than six months before and not
/// placed for adoption.
pub fn waiting_over_six_months(journey: &CareJourney, at: NaiveDate) -> Option<WaitingLine> {
    let episodes = journey.episodes();
    let i = episodes.iter().rposition(|e| e.covers(at))?;
    let now = &episodes[i];
    let order = |e: &crate::journey::Episode| e.legal_status == LegalStatus::PlacementOrder;
    if !order(now) || now.placement.placement_type.is_placed_for_adoption() {
        return None;
    }
    let since = episodes[..=i]
        .iter()
        .rev()
        .take_while(|e| order(e))
        .last()
        .map_or(now.start, |e| e.start);
    if since > at - Months::new(6) {
        return None;
    }
    let child = journey.child();
    let age = at.years_since(child.date_of_birth).unwrap_or(0);
    let gender = match child.sex {
        Sex::Male => "Male",
        Sex::Female => "Female",
        Sex::Unknown => "Not known",
    };
    Some(WaitingLine {
        gender,
        age: format!("{age} year{}", if age == 1 { "" } else { "s" }),
        placement_order: since.format("%d.%m.%y").to_string(),
        notes: format!(
            "Waiting {} days; placed {} ({})",
            (at - since).num_days(),
            now.placement.placement_type.description(),
            now.placement.placement_type.code()
        ),
        ordered: since,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_required() -> Vec<(&'static str, Vec<String>)> {
        COVER_HEADINGS
            .iter()
            .filter(|(_, required)| *required)
            .map(|(h, _)| (*h, vec![format!("About {h}.")]))
            .collect()
    }

    /// RPT-002's Check: a draft without "Circulation under the Local
    /// Issues Alert Procedure" is refused; the paragraphs run on.
    #[test]
    fn rpt_002_a_cover_report_without_the_local_issues_alert_heading_is_refused() {
        let cover = cover_report(all_required()).unwrap();
        assert_eq!(cover.len(), 12);
        assert_eq!(cover[11].paragraphs[0].0, 12, "numbered continuously");
        let mut without = all_required();
        without.retain(|(h, _)| *h != "Circulation under the Local Issues Alert Procedure");
        assert_eq!(
            cover_report(without),
            Err("The cover report has no heading 'Circulation under the Local Issues Alert Procedure' (RPT-002)".into())
        );
        let mut swapped = all_required();
        swapped.swap(0, 1);
        assert!(cover_report(swapped).unwrap_err().contains("out of order"));
    }

    /// RPT-006's Check: A10 878.75 then 682.61.
    #[test]
    fn rpt_006_the_2025_scorecard_cell_states_the_decrease() {
        assert_eq!(
            scorecard_cell(Some(878.75), Some(682.61)),
            "682.61 days (decrease of 196.14 days)"
        );
        assert_eq!(
            scorecard_cell(Some(300.0), Some(310.5)),
            "310.50 days (increase of 10.50 days)"
        );
    }

    /// RPT-008's Check (IVAs 133, 185, 281: 39%, 52%, 111%) and RPT-010's
    /// (referrals 7,299 then 5,214: −28.6%).
    #[test]
    fn rpt_008_rpt_010_increases_in_whole_percent_and_change_to_one_decimal() {
        assert_eq!(increase(133, 185), "39%");
        assert_eq!(increase(185, 281), "52%");
        assert_eq!(increase(133, 281), "111%");
        assert_eq!(percent_change(7299.0, 5214.0), "\u{2212}28.6%");
        assert_eq!(
            percent_change(0.0, 3.0),
            "Not applicable: nothing the year before"
        );
    }
}
