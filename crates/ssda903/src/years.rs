//! The collection years this crate validates, and the years each rule is
//! in force.
//!
//! A rule says the year it came in and, once the DfE withdraws it, the last
//! year it was in force ([`Years`]); a rule the DfE changes is two rules of
//! the same code, the old one ending the year before the new one starts.
//! So a new collection year is [`LATEST`] moved on, plus the rules that
//! change in it. The codes in force each year are those of the DfE's
//! published rules, as the public reference validator's registries carry
//! them (`tests/rules_by_year/` records each year's list).

/// The first collection year this crate validates (its start year: 2023-24).
pub const FIRST: i32 = 2023;

/// The latest collection year this crate validates (its start year).
pub const LATEST: i32 = 2026;

/// The collection years a rule is in force, by their start years, both
/// ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Years {
    /// The year the rule came in (or [`FIRST`], for rules older than it).
    pub came_in: i32,
    /// The last year it was in force; `None` while it is.
    pub last: Option<i32>,
}

impl Years {
    /// In force in every year this crate validates.
    pub const ALWAYS: Years = Years::since(FIRST);

    /// In force from a year on.
    pub const fn since(came_in: i32) -> Self {
        Self {
            came_in,
            last: None,
        }
    }

    /// In force up to and including a year, since before [`FIRST`].
    pub const fn to(last: i32) -> Self {
        Self::span(FIRST, last)
    }

    /// In force from one year to another, both included.
    pub const fn span(came_in: i32, last: i32) -> Self {
        Self {
            came_in,
            last: Some(last),
        }
    }

    /// Whether the rule is in force in the year starting in `year`.
    pub fn contains(self, year: i32) -> bool {
        year >= self.came_in && self.last.is_none_or(|last| year <= last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CollectionYear;
    use crate::validate::in_force;

    #[test]
    fn the_2024_25_list_has_the_dfe_s_305_rules() {
        assert_eq!(in_force(CollectionYear::starting(2024)).count(), 305);
        let codes = |y| in_force(CollectionYear::starting(y)).map(|r| r.code);
        assert!(!codes(2024).any(|c| c == "SW17STG2") && codes(2025).any(|c| c == "SW17STG2"));
    }

    #[test]
    fn no_code_has_two_versions_in_force_in_one_year() {
        for year in CollectionYear::supported() {
            let mut codes: Vec<&str> = in_force(year).map(|r| r.code).collect();
            let n = codes.len();
            codes.sort_unstable();
            codes.dedup();
            assert_eq!(codes.len(), n, "{year}");
        }
    }

    #[test]
    fn years_include_both_ends() {
        let y = Years::span(2024, 2025);
        assert!(!y.contains(2023) && y.contains(2024) && y.contains(2025) && !y.contains(2026));
        assert!(Years::ALWAYS.contains(FIRST) && Years::ALWAYS.contains(LATEST + 1));
        assert!(Years::to(2023).contains(2023) && !Years::to(2023).contains(2024));
    }
}
