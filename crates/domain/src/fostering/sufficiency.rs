//! Where the council's children in care live, against two duties:
//!
//! - FOST-042, the sufficiency duty (section 22G Children Act 1989): as far
//!   as reasonably practicable, enough accommodation within the council's
//!   own area. The sufficiency figures count the children in care on a day
//!   placed in the county and outside it (600 children with 150 outside:
//!   450 in county, 75%, and 150 out, 25%).
//! - FOST-041, the local placement principle: where appropriate, within 20
//!   miles of home. A placement further than that is flagged "outside 20
//!   miles" and needs its reason (the out-of-area request's, PRIN-013).
//!
//! The location and the distance come from the placement's and the home's
//! postcodes through the ONS directory the SSDA903 return uses; a postcode
//! the directory does not know leaves the child's location unknown.

/// The council's own area, as the ONS directory codes it (Leicestershire).
pub const COUNCIL_AREA: &str = "E10000018";

/// FOST-041: the distance from home within which children are placed where
/// appropriate.
pub const LOCAL_MILES: f64 = 20.0;

/// Where one child in care is placed, as the directory places it.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// In the council's area (`Some(true)`), outside it, or not known.
    pub in_county: Option<bool>,
    /// Miles from the home postcode, where both are known.
    pub miles: Option<f64>,
    /// Why the child is placed where they are, where an out-of-area
    /// request recorded it.
    pub reason: Option<String>,
}

impl Placed {
    /// FOST-041: further than 20 miles from home.
    pub fn outside_local_miles(&self) -> bool {
        self.miles.is_some_and(|m| m > LOCAL_MILES)
    }

    /// FOST-041: flagged, and still without its reason.
    pub fn needs_reason(&self) -> bool {
        self.outside_local_miles() && self.reason.as_deref().is_none_or(|r| r.trim().is_empty())
    }
}

/// FOST-042: the children in care on a day by where they are placed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sufficiency {
    pub in_care: usize,
    pub in_county: usize,
    pub out_of_county: usize,
    /// Placements whose postcode the directory does not know.
    pub unknown: usize,
    /// FOST-041: placed further than 20 miles from home.
    pub outside_local_miles: usize,
}

impl Sufficiency {
    /// The figures of these placements.
    pub fn of(placed: &[Placed]) -> Sufficiency {
        let count = |f: &dyn Fn(&Placed) -> bool| placed.iter().filter(|p| f(p)).count();
        Sufficiency {
            in_care: placed.len(),
            in_county: count(&|p| p.in_county == Some(true)),
            out_of_county: count(&|p| p.in_county == Some(false)),
            unknown: count(&|p| p.in_county.is_none()),
            outside_local_miles: count(&|p| p.outside_local_miles()),
        }
    }

    /// `n` as a whole percentage of the children in care, halves up.
    pub fn share(&self, n: usize) -> u32 {
        if self.in_care == 0 {
            return 0;
        }
        ((n * 200 + self.in_care) / (2 * self.in_care)) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(in_county: bool, miles: f64) -> Placed {
        Placed {
            in_county: Some(in_county),
            miles: Some(miles),
            reason: None,
        }
    }

    #[test]
    fn fost_042_600_children_with_150_outside_are_75_percent_in_county_and_fost_041_27_miles_is_flagged()
     {
        let mut all: Vec<Placed> = (0..450).map(|_| placed(true, 5.0)).collect();
        all.extend((0..150).map(|_| placed(false, 27.0)));
        let s = Sufficiency::of(&all);
        assert_eq!((s.in_county, s.out_of_county, s.unknown), (450, 150, 0));
        assert_eq!((s.share(s.in_county), s.share(s.out_of_county)), (75, 25));
        assert_eq!(s.outside_local_miles, 150);
        let far = placed(false, 27.0);
        assert!(far.needs_reason());
        let explained = Placed {
            reason: Some("To meet a specific assessed need".into()),
            ..far
        };
        assert!(explained.outside_local_miles() && !explained.needs_reason());
        assert!(!placed(true, 20.0).outside_local_miles());
    }
}
