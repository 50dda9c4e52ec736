//! FOST-043: the fostering service's recruitment targets, configured per
//! financial year, and the year's approvals against them. Where the
//! service's documents give two targets for a year (2024/25: 14 or 17;
//! 2025/26: 14 with a stretch of 17) both are reported until the conflict
//! is resolved: 13 approvals are 93% of 14 and 76% of 17.

use chrono::{Datelike, NaiveDate};

use super::carers::FosterCarerFile;

/// A scheme recruited to: mainstream or specialist foster carers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Mainstream,
    Specialist,
}

impl Scheme {
    pub fn label(self) -> &'static str {
        match self {
            Scheme::Mainstream => "Mainstream foster carers",
            Scheme::Specialist => "Specialist foster carers",
        }
    }
}

/// The targets of each financial year (by the year it starts in), each
/// scheme's one or two gross approval targets.
pub const TARGETS: &[(i32, Scheme, &[usize])] = &[
    (2019, Scheme::Mainstream, &[25]),
    (2019, Scheme::Specialist, &[4]),
    (2024, Scheme::Mainstream, &[14, 17]),
    (2025, Scheme::Mainstream, &[14, 17]),
    (2025, Scheme::Specialist, &[2]),
];

/// A scheme's approvals in a financial year against its targets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attainment {
    /// The year the financial year starts in (2024 for 2024/25).
    pub year: i32,
    pub scheme: Scheme,
    pub approvals: usize,
    /// Each target with the approvals as a whole percentage of it.
    pub against: Vec<(usize, u32)>,
}

impl Attainment {
    /// The financial year in words: "2024/25".
    pub fn year_words(&self) -> String {
        format!("{}/{:02}", self.year, (self.year + 1) % 100)
    }
}

/// The financial year (by its starting year) a date falls in.
fn financial_year(date: NaiveDate) -> i32 {
    if date.month() >= 4 {
        date.year()
    } else {
        date.year() - 1
    }
}

/// FOST-043: each scheme with a target in the financial year of `as_of`,
/// with the carers approved in that year (gross: those who left since
/// still count) against each of its targets.
pub fn recruitment_attainment<'a>(
    files: impl Iterator<Item = &'a FosterCarerFile>,
    as_of: NaiveDate,
) -> Vec<Attainment> {
    let year = financial_year(as_of);
    let approved: Vec<Scheme> = files
        .filter(|f| f.approved_on().is_some_and(|d| financial_year(d) == year))
        .map(|f| {
            let specialist = f
                .decision
                .as_ref()
                .and_then(|d| d.terms.as_ref())
                .is_some_and(|t| t.specialist.is_some());
            if specialist {
                Scheme::Specialist
            } else {
                Scheme::Mainstream
            }
        })
        .collect();
    TARGETS
        .iter()
        .filter(|(y, _, _)| *y == year)
        .map(|(_, scheme, targets)| {
            let approvals = approved.iter().filter(|s| *s == scheme).count();
            Attainment {
                year,
                scheme: *scheme,
                approvals,
                against: targets
                    .iter()
                    .map(|t| (*t, percent(approvals, *t)))
                    .collect(),
            }
        })
        .collect()
}

/// `n` as a whole percentage of `of`, halves rounded up.
fn percent(n: usize, of: usize) -> u32 {
    if of == 0 {
        return 0;
    }
    ((n * 200 + of) / (2 * of)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fost_043_thirteen_approvals_are_93_percent_of_14_and_76_percent_of_17() {
        assert_eq!((percent(13, 14), percent(13, 17)), (93, 76));
        assert_eq!(percent(1, 2), 50);
        assert_eq!(financial_year("2025-03-31".parse().unwrap()), 2024);
        assert_eq!(financial_year("2025-04-01".parse().unwrap()), 2025);
    }
}
