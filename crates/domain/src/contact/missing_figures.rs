//! The quarterly missing figures (MISS-005): episodes and distinct children
//! by sex and by who they are: the council's own looked-after children,
//! children looked after by other authorities and placed here (out-of-area,
//! MISS-008, told to the council by the police), and children missing from
//! home; with missing from care split from missing from home, and the
//! out-of-area share of looked-after episodes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::Sex;
use crate::reporting::conventions::Period;

/// Who a missing child is (MISS-005).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Looked after by the council.
    OwnLac,
    /// Looked after by another authority and placed here (MISS-008).
    OutOfAreaLac,
    /// Not looked after: missing from home.
    NotLookedAfter,
}

impl Category {
    pub const ALL: [Category; 3] = [
        Category::OwnLac,
        Category::OutOfAreaLac,
        Category::NotLookedAfter,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Category::OwnLac => "own_lac",
            Category::OutOfAreaLac => "out_of_area_lac",
            Category::NotLookedAfter => "not_looked_after",
        }
    }

    pub fn parse(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Category::OwnLac => "Leicestershire looked-after children",
            Category::OutOfAreaLac => "Out-of-area looked-after children placed here",
            Category::NotLookedAfter => "Children missing from home (not looked after)",
        }
    }
}

/// Why a notification was refused, naming the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotificationError {
    #[error("enter the police or notification reference")]
    NoReference,
    #[error("select who the child is: out of area or missing from home")]
    NotOurs,
    #[error("name the placing authority of an out-of-area child (MISS-008)")]
    NoAuthority,
    #[error("the date cannot be in the future")]
    Future,
}

/// A missing episode of a child the council does not look after, as the
/// police tell it (no name: a reference, the sex and the dates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    /// `MN` and five digits.
    pub id: String,
    /// The police reference: the same child keeps the same one.
    pub reference: String,
    pub category: Category,
    pub sex: Sex,
    pub started: NaiveDate,
    /// The authority that placed an out-of-area child.
    pub placing_authority: String,
}

impl Notification {
    pub fn new(
        id: String,
        (reference, category, sex): (&str, Category, Sex),
        started: NaiveDate,
        placing_authority: &str,
        today: NaiveDate,
    ) -> Result<Notification, NotificationError> {
        if reference.trim().is_empty() {
            return Err(NotificationError::NoReference);
        }
        if category == Category::OwnLac {
            return Err(NotificationError::NotOurs);
        }
        if category == Category::OutOfAreaLac && placing_authority.trim().is_empty() {
            return Err(NotificationError::NoAuthority);
        }
        if started > today {
            return Err(NotificationError::Future);
        }
        Ok(Notification {
            id,
            reference: reference.trim().to_owned(),
            category,
            sex,
            started,
            placing_authority: placing_authority.trim().to_owned(),
        })
    }
}

/// One missing episode as the figures count it: whose (a child's
/// identifier or a reference), who they are, their sex, when it started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    pub person: String,
    pub category: Category,
    pub sex: Sex,
    pub started: NaiveDate,
}

/// A quarter's figures (MISS-005, MISS-008).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuarterFigures {
    pub period: String,
    /// By category: episodes, then distinct children by sex (male, female,
    /// not known) and in all.
    pub rows: Vec<(Category, usize, [usize; 3], usize)>,
    /// Looked-after episodes (own and out of area): missing from care.
    pub from_care: usize,
    pub from_home: usize,
    /// MISS-008: the out-of-area share of looked-after episodes, in
    /// hundredths of a percent.
    pub out_of_area_share: Option<u32>,
}

/// The figures of `period` from the episodes counted.
pub fn quarter_figures(period: Period, episodes: &[Counted]) -> QuarterFigures {
    let (start, end) = (period.start(), period.end());
    let inside: Vec<&Counted> = episodes
        .iter()
        .filter(|e| e.started >= start && e.started <= end)
        .collect();
    let rows: Vec<(Category, usize, [usize; 3], usize)> = Category::ALL
        .iter()
        .map(|&c| {
            let of: Vec<&&Counted> = inside.iter().filter(|e| e.category == c).collect();
            let mut people: Vec<(&str, Sex)> =
                of.iter().map(|e| (e.person.as_str(), e.sex)).collect();
            people.sort_by_key(|(p, _)| *p);
            people.dedup_by_key(|(p, _)| *p);
            let by = |s: Sex| people.iter().filter(|(_, x)| *x == s).count();
            let sexes = [by(Sex::Male), by(Sex::Female), by(Sex::Unknown)];
            (c, of.len(), sexes, people.len())
        })
        .collect();
    let count = |c: Category| rows.iter().find(|r| r.0 == c).map_or(0, |r| r.1);
    let from_care = count(Category::OwnLac) + count(Category::OutOfAreaLac);
    QuarterFigures {
        period: period.label(),
        from_care,
        from_home: count(Category::NotLookedAfter),
        out_of_area_share: (from_care > 0).then(|| {
            ((count(Category::OutOfAreaLac) * 20_000 + from_care) / (2 * from_care)) as u32
        }),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn miss_008_117_out_of_area_of_265_looked_after_episodes_is_44_2_percent() {
        let day: NaiveDate = "2025-08-01".parse().unwrap();
        let mut all = Vec::new();
        for n in 0..265 {
            all.push(Counted {
                person: format!("P{n}"),
                category: if n < 117 {
                    Category::OutOfAreaLac
                } else {
                    Category::OwnLac
                },
                sex: Sex::Female,
                started: day,
            });
        }
        let q2 = Period {
            year: 2025,
            quarter: Some(2),
        };
        let f = quarter_figures(q2, &all);
        assert_eq!(f.out_of_area_share, Some(4415));
        assert_eq!(crate::complaints::annual::percent_text(4415), "44.2%");
    }
}
