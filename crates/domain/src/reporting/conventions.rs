//! The conventions every measure follows (chapter 40 section 1): the
//! periods figures are reported for (KPI-CONV-02), polarity and RAG
//! against a target with a tolerance (KPI-CONV-03), and three-year averages
//! weighted by the children in each year (KPI-CONV-04).

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

/// KPI-CONV-02: a reporting period, a financial year (1 April to 31 March)
/// or one of its quarters (Q1 = April to June).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Period {
    /// The calendar year the financial year starts in (2024 for 2024-25).
    pub year: i32,
    /// The quarter (1 to 4), or `None` for the whole year.
    pub quarter: Option<u8>,
}

/// Why a period's label could not be read, in the words the page shows.
pub const PERIOD_PROBLEM: &str =
    "Enter a financial year like 2024-25, or a quarter like 2024-25-q1";

impl Period {
    /// The financial year starting in April of `year`.
    pub fn financial_year(year: i32) -> Self {
        Self {
            year,
            quarter: None,
        }
    }

    /// The financial year a date falls in (April to March).
    pub fn year_of(date: NaiveDate) -> Self {
        Self::financial_year(if date.month() >= 4 {
            date.year()
        } else {
            date.year() - 1
        })
    }

    /// Reads a label: "2024-25", "2024/25", "2024-2025", or a quarter
    /// "2024-25-q1" / "Q1 2024-25". The second year must follow the first.
    pub fn parse(text: &str) -> Result<Self, &'static str> {
        let text = text.trim().to_ascii_lowercase();
        let (year_text, quarter) = if let Some(rest) = text.strip_prefix('q') {
            let (q, y) = rest.split_once(' ').ok_or(PERIOD_PROBLEM)?;
            (y.trim().to_owned(), Some(q.to_owned()))
        } else if let Some((y, q)) = text.rsplit_once("-q") {
            (y.to_owned(), Some(q.to_owned()))
        } else {
            (text.clone(), None)
        };
        let (first, second) = year_text.split_once(['-', '/']).ok_or(PERIOD_PROBLEM)?;
        let first: i32 = first.parse().map_err(|_| PERIOD_PROBLEM)?;
        let second: i32 = second.parse().map_err(|_| PERIOD_PROBLEM)?;
        let follows = match second {
            0..=99 => second == (first + 1) % 100,
            _ => second == first + 1,
        };
        if !(1900..=2200).contains(&first) || !follows {
            return Err(PERIOD_PROBLEM);
        }
        let quarter = match quarter {
            None => None,
            Some(q) => match q.parse::<u8>() {
                Ok(q @ 1..=4) => Some(q),
                _ => return Err(PERIOD_PROBLEM),
            },
        };
        Ok(Self {
            year: first,
            quarter,
        })
    }

    /// The year's label, "2024-25".
    pub fn year_label(&self) -> String {
        format!("{}-{:02}", self.year, (self.year + 1).rem_euclid(100))
    }

    /// The label people read: "2024-25" or "Q1 2024-25".
    pub fn label(&self) -> String {
        match self.quarter {
            None => self.year_label(),
            Some(q) => format!("Q{q} {}", self.year_label()),
        }
    }

    /// The label in a link: "2024-25" or "2024-25-q1" ([`Period::parse`] reads it).
    pub fn code(&self) -> String {
        match self.quarter {
            None => self.year_label(),
            Some(q) => format!("{}-q{q}", self.year_label()),
        }
    }

    /// The first day of the period.
    pub fn start(&self) -> NaiveDate {
        let april = NaiveDate::from_ymd_opt(self.year, 4, 1).expect("1 April exists");
        let quarters = u32::from(self.quarter.map_or(0, |q| q - 1));
        april + Months::new(3 * quarters)
    }

    /// The last day of the period (31 March for a year, 30 June for Q1).
    pub fn end(&self) -> NaiveDate {
        let months = if self.quarter.is_some() { 3 } else { 12 };
        (self.start() + Months::new(months))
            .pred_opt()
            .expect("a day before")
    }

    /// The period of the same length before this one.
    pub fn previous(&self) -> Self {
        match self.quarter {
            None => Self::financial_year(self.year - 1),
            Some(1) => Self {
                year: self.year - 1,
                quarter: Some(4),
            },
            Some(q) => Self {
                year: self.year,
                quarter: Some(q - 1),
            },
        }
    }

    /// The scorecard's "year end" of the financial year (2025 for 2024-25).
    pub fn year_end(&self) -> i32 {
        self.year + 1
    }
}

/// KPI-CONV-03: which direction is better for a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    HigherBetter,
    LowerBetter,
    /// No better direction: the figure is context.
    Context,
}

impl Polarity {
    /// The polarity in words, for the page and the exports.
    pub fn label(self) -> &'static str {
        match self {
            Polarity::HigherBetter => "Higher is better",
            Polarity::LowerBetter => "Lower is better",
            Polarity::Context => "Context (no better direction)",
        }
    }
}

/// KPI-CONV-03: red, amber or green against a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rag {
    Green,
    Amber,
    Red,
}

impl Rag {
    /// The words of the tag (a colour is never the only sign).
    pub fn label(self) -> &'static str {
        match self {
            Rag::Green => "Green: target met",
            Rag::Amber => "Amber: within tolerance",
            Rag::Red => "Red: below target",
        }
    }

    /// The GOV.UK tag colour.
    pub fn colour(self) -> &'static str {
        match self {
            Rag::Green => "green",
            Rag::Amber => "yellow",
            Rag::Red => "red",
        }
    }
}

/// KPI-CONV-03: the tolerance within which a missed target is amber (the
/// sources do not define it; 5 points is the spec's worked example).
pub const TOLERANCE: f64 = 5.0;

/// KPI-CONV-03: a value's RAG against its target: green if met, amber if
/// within `tolerance` of it, red otherwise; none for a context measure.
pub fn rag(value: f64, target: f64, polarity: Polarity, tolerance: f64) -> Option<Rag> {
    let short = match polarity {
        Polarity::HigherBetter => target - value,
        Polarity::LowerBetter => value - target,
        Polarity::Context => return None,
    };
    Some(if short <= 0.0 {
        Rag::Green
    } else if short <= tolerance {
        Rag::Amber
    } else {
        Rag::Red
    })
}

/// How a value moved from the period before, read with its polarity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Better,
    Worse,
    Same,
    /// Moved, on a measure with no better direction.
    Changed,
}

impl Direction {
    /// The direction of travel in words.
    pub fn label(self) -> &'static str {
        match self {
            Direction::Better => "Improved",
            Direction::Worse => "Worsened",
            Direction::Same => "No change",
            Direction::Changed => "Changed (context)",
        }
    }
}

/// KPI-CONV-03: the direction of travel from `previous` to `current`.
pub fn direction(previous: f64, current: f64, polarity: Polarity) -> Direction {
    if (current - previous).abs() < 1e-9 {
        return Direction::Same;
    }
    let up = current > previous;
    match polarity {
        Polarity::Context => Direction::Changed,
        Polarity::HigherBetter if up => Direction::Better,
        Polarity::LowerBetter if !up => Direction::Better,
        _ => Direction::Worse,
    }
}

/// KPI-CONV-04: the mean over every child of several years, from each
/// year's (children, mean): weighted by children, not a mean of means.
/// `None` when no year has a child.
pub fn weighted_mean(years: &[(usize, f64)]) -> Option<f64> {
    let children: usize = years.iter().map(|(n, _)| n).sum();
    (children > 0)
        .then(|| years.iter().map(|(n, mean)| *n as f64 * mean).sum::<f64>() / children as f64)
}

/// A value rounded to one decimal place, as the reports print it.
pub fn one_decimal(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn kpi_conv_02_financial_years_and_quarters_run_from_april_and_read_every_label() {
        let y = Period::parse("2024-25").unwrap();
        assert_eq!((y.start(), y.end()), (d("2024-04-01"), d("2025-03-31")));
        assert_eq!(
            Period::parse("2018/19").unwrap(),
            Period::financial_year(2018)
        );
        assert_eq!(Period::parse("2024-2025").unwrap(), y);
        assert_eq!(y.year_end(), 2025, "scorecard 'year end 2025'");
        let q1 = Period::parse("2019-20-q1").unwrap();
        assert_eq!((q1.start(), q1.end()), (d("2019-04-01"), d("2019-06-30")));
        assert_eq!(q1.label(), "Q1 2019-20");
        assert_eq!(Period::parse("Q1 2019-20").unwrap(), q1);
        assert_eq!(q1.previous().code(), "2018-19-q4");
        assert_eq!(q1.previous().end(), d("2019-03-31"));
        let q4 = Period::parse("2019-20-q4").unwrap();
        assert_eq!((q4.start(), q4.end()), (d("2020-01-01"), d("2020-03-31")));
        assert_eq!(y.previous().label(), "2023-24");
        assert_eq!(Period::financial_year(1999).label(), "1999-00");
        assert_eq!(Period::year_of(d("2025-03-31")), y);
        assert_eq!(Period::year_of(d("2025-04-01")).label(), "2025-26");
        for bad in ["2024", "2024-26", "2024-25-q5", "twenty"] {
            assert_eq!(Period::parse(bad), Err(PERIOD_PROBLEM), "{bad}");
        }
    }

    #[test]
    fn kpi_conv_03_health_assessments_at_78_8_against_95_with_5_points_tolerance_are_red() {
        let h = Polarity::HigherBetter;
        assert_eq!(rag(78.8, 95.0, h, TOLERANCE), Some(Rag::Red));
        assert_eq!(rag(91.0, 95.0, h, TOLERANCE), Some(Rag::Amber));
        assert_eq!(rag(86.8, 70.0, h, TOLERANCE), Some(Rag::Green));
        assert_eq!(rag(78.6, 100.0, h, TOLERANCE), Some(Rag::Red));
        assert_eq!(
            rag(7.0, 10.0, Polarity::LowerBetter, TOLERANCE),
            Some(Rag::Green)
        );
        assert_eq!(
            rag(16.0, 10.0, Polarity::LowerBetter, TOLERANCE),
            Some(Rag::Red)
        );
        assert_eq!(rag(5.0, 1.0, Polarity::Context, TOLERANCE), None);
        // KPI-CIC-12: 7.7% after 9.4%, lower is better: an improvement.
        assert_eq!(
            direction(9.4, 7.7, Polarity::LowerBetter),
            Direction::Better
        );
        assert_eq!(
            direction(95.0, 75.7, Polarity::HigherBetter),
            Direction::Worse
        );
        assert_eq!(
            direction(555.0, 584.0, Polarity::Context),
            Direction::Changed
        );
    }

    #[test]
    fn kpi_conv_04_three_year_averages_are_weighted_by_children() {
        let a1 = weighted_mean(&[(46, 493.5), (34, 368.8), (26, 329.9)]).unwrap();
        assert_eq!(one_decimal(a1), 413.4);
        let a2 = weighted_mean(&[(45, 187.8), (31, 147.0), (26, 135.2)]).unwrap();
        assert_eq!(one_decimal(a2), 162.0);
        // Not the unweighted mean of the yearly means (397.4).
        assert_ne!(one_decimal(a1), 397.4);
        assert_eq!(weighted_mean(&[(0, 10.0)]), None);
    }
}

/// RPT-020: a recruitment funnel in words, each stage with its conversion
/// from the one before rounded to a whole percent: "410 requests for
/// information → 46 initial visits (11% conversion) → 19 Stage 1 starts
/// (41%) → 12 approvals (63%)". A stage after none shows no conversion.
pub fn funnel(stages: &[(&str, usize)]) -> String {
    stages
        .iter()
        .enumerate()
        .map(
            |(i, (what, n))| match i.checked_sub(1).map(|p| stages[p].1) {
                None => format!("{n} {what}"),
                Some(0) => format!("{n} {what}"),
                Some(before) => {
                    let percent = (100.0 * *n as f64 / before as f64).round();
                    let words = if i == 1 { " conversion" } else { "" };
                    format!("{n} {what} ({percent:.0}%{words})")
                }
            },
        )
        .collect::<Vec<_>>()
        .join(" → ")
}

#[cfg(test)]
mod funnel_tests {
    use super::funnel;

    /// RPT-020's Check: 410 requests for information and 46 initial visits
    /// show "11% conversion".
    #[test]
    fn rpt_020_the_funnel_shows_each_stages_conversion_in_whole_percent() {
        let text = funnel(&[
            ("requests for information", 410),
            ("initial visits", 46),
            ("Stage 1 starts", 19),
            ("approvals", 12),
        ]);
        assert_eq!(
            text,
            "410 requests for information → 46 initial visits (11% conversion) → 19 Stage 1 starts (41%) → 12 approvals (63%)"
        );
        assert_eq!(
            funnel(&[("enquiries", 0), ("visits", 0)]),
            "0 enquiries → 0 visits"
        );
    }
}
