//! Family finding for a child with an adoption plan (ADOPT-013 .. 025,
//! RAA-006, RAA-008): the child's profile and who may see it, the searches
//! in their order (in-house, regional, national), the discussions of a
//! waiting child, the monthly family-finding log, the events the child is
//! profiled at, why a child is still waiting, and where the adopters the
//! child was placed with come from. Part of [`super::child_pathway::ChildPathway`].

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::child_pathway::{
    ChildPathway, Finding, Milestone, PathwayError, finding, not_future, refuse,
};

/// A Linkmaker profile's standard: 8 good photographs and a video (ADOPT-022).
pub const PROFILE_PHOTOS: u8 = 8;

/// The child's profile (photos and video held as references elsewhere).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub photos: u8,
    pub video: bool,
    /// Consent to publish the child's profile, recorded by the social worker.
    pub consent: bool,
    pub updated: Option<NaiveDate>,
}

impl Profile {
    /// ADOPT-022: "below standard" without 8 photos and a video.
    pub fn meets_standard(&self) -> bool {
        self.photos >= PROFILE_PHOTOS && self.video
    }
}

/// Where a search for adopters reached (ADOPT-015's cascade).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchLevel {
    InHouse,
    Regional,
    National,
}

impl SearchLevel {
    pub const ALL: [SearchLevel; 3] = [
        SearchLevel::InHouse,
        SearchLevel::Regional,
        SearchLevel::National,
    ];
    pub fn code(self) -> &'static str {
        match self {
            SearchLevel::InHouse => "in_house",
            SearchLevel::Regional => "regional",
            SearchLevel::National => "national",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            SearchLevel::InHouse => "The council's own adopters",
            SearchLevel::Regional => "Adopters in the regional agency",
            SearchLevel::National => "National interagency search",
        }
    }
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }
}

/// Where the adopters a child is placed with come from (RAA-006).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdopterSource {
    OwnCouncil,
    RegionalPartner,
    OtherRaa,
    Vaa,
    OutsideEngland,
}

impl AdopterSource {
    pub const ALL: [AdopterSource; 5] = [
        AdopterSource::OwnCouncil,
        AdopterSource::RegionalPartner,
        AdopterSource::OtherRaa,
        AdopterSource::Vaa,
        AdopterSource::OutsideEngland,
    ];
    pub fn code(self) -> &'static str {
        match self {
            AdopterSource::OwnCouncil => "own_council",
            AdopterSource::RegionalPartner => "regional_partner",
            AdopterSource::OtherRaa => "other_raa",
            AdopterSource::Vaa => "vaa",
            AdopterSource::OutsideEngland => "outside_england",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            AdopterSource::OwnCouncil => "The child's own council",
            AdopterSource::RegionalPartner => "Another council of the regional agency",
            AdopterSource::OtherRaa => "Another regional adoption agency",
            AdopterSource::Vaa => "A voluntary adoption agency",
            AdopterSource::OutsideEngland => "A council outside England",
        }
    }
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }
    /// Within the regional agency (the child's council or a partner).
    pub fn within_region(self) -> bool {
        matches!(
            self,
            AdopterSource::OwnCouncil | AdopterSource::RegionalPartner
        )
    }
}

/// An early permanence (Fostering for Adoption) placement's court
/// jurisdiction and the regional form version used (RAA-008).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlyPermanence {
    pub jurisdiction: String,
    pub form_version: String,
}

/// The adopters a match was made with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacedWith {
    pub source: AdopterSource,
    pub early_permanence: Option<EarlyPermanence>,
}

/// Something done to find a family in a month (ADOPT-020), as codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    ProfileUpdated,
    AdoptersConsidered,
    RegionalMeeting,
    ExchangeEvent,
    Marketing,
    NationalRegister,
}

impl Activity {
    pub const ALL: [Activity; 6] = [
        Activity::ProfileUpdated,
        Activity::AdoptersConsidered,
        Activity::RegionalMeeting,
        Activity::ExchangeEvent,
        Activity::Marketing,
        Activity::NationalRegister,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Activity::ProfileUpdated => "profile_updated",
            Activity::AdoptersConsidered => "adopters_considered",
            Activity::RegionalMeeting => "regional_meeting",
            Activity::ExchangeEvent => "exchange_event",
            Activity::Marketing => "marketing",
            Activity::NationalRegister => "national_register",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Activity::ProfileUpdated => "Profile updated",
            Activity::AdoptersConsidered => "Adopters considered",
            Activity::RegionalMeeting => "Discussed at the regional meeting",
            Activity::ExchangeEvent => "Profiled at an event",
            Activity::Marketing => "Child-specific marketing",
            Activity::NationalRegister => "National register search",
        }
    }
}

/// A family-finding event the child was profiled at (ADOPT-023).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Discovery,
    GettingToKnowYou,
    RegionalActivityDay,
    Exchange,
}

impl EventKind {
    pub const ALL: [EventKind; 4] = [
        EventKind::Discovery,
        EventKind::GettingToKnowYou,
        EventKind::RegionalActivityDay,
        EventKind::Exchange,
    ];
    pub fn code(self) -> &'static str {
        match self {
            EventKind::Discovery => "discovery",
            EventKind::GettingToKnowYou => "getting_to_know_you",
            EventKind::RegionalActivityDay => "regional_activity_day",
            EventKind::Exchange => "exchange",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            EventKind::Discovery => "Discovery Event (video link)",
            EventKind::GettingToKnowYou => "Getting to Know You event",
            EventKind::RegionalActivityDay => "Regional Activity Day",
            EventKind::Exchange => "Exchange event",
        }
    }
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }
}

/// A Discovery Event's video link is privately viewable for 3 days (ADOPT-023).
pub const DISCOVERY_LINK_DAYS: u64 = 3;

/// Why a child is still waiting (ADOPT-025's notes), as codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WaitingReason {
    AdoptionDisruption,
    HealthUncertainties,
    SiblingGroup,
    ParentRequestingReassessment,
    RevocationApplied,
    StayingWithFosterCarerUnderSgo,
}

impl WaitingReason {
    pub const ALL: [WaitingReason; 6] = [
        WaitingReason::AdoptionDisruption,
        WaitingReason::HealthUncertainties,
        WaitingReason::SiblingGroup,
        WaitingReason::ParentRequestingReassessment,
        WaitingReason::RevocationApplied,
        WaitingReason::StayingWithFosterCarerUnderSgo,
    ];
    pub fn code(self) -> &'static str {
        match self {
            WaitingReason::AdoptionDisruption => "adoption_disruption",
            WaitingReason::HealthUncertainties => "health_uncertainties",
            WaitingReason::SiblingGroup => "sibling_group",
            WaitingReason::ParentRequestingReassessment => "parent_requesting_reassessment",
            WaitingReason::RevocationApplied => "revocation_applied",
            WaitingReason::StayingWithFosterCarerUnderSgo => "staying_with_foster_carer_under_sgo",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            WaitingReason::AdoptionDisruption => "Adoption disruption",
            WaitingReason::HealthUncertainties => "Health uncertainties",
            WaitingReason::SiblingGroup => "Sibling group",
            WaitingReason::ParentRequestingReassessment => "Parent requesting re-assessment",
            WaitingReason::RevocationApplied => "Placement order revocation being applied for",
            WaitingReason::StayingWithFosterCarerUnderSgo => {
                "Remaining with foster carer under SGO"
            }
        }
    }
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }
}

/// A child's family finding.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyFinding {
    /// Formal family finding began (the placement order, ADOPT-013).
    pub active_from: Option<NaiveDate>,
    /// Paused while further court proceedings run.
    pub paused: bool,
    pub profile: Profile,
    pub searches: Vec<(SearchLevel, NaiveDate)>,
    pub discussions: Vec<NaiveDate>,
    /// Each month's update (the month's first day) and what was done.
    pub log: Vec<(NaiveDate, Vec<Activity>)>,
    pub events: Vec<(EventKind, NaiveDateTime)>,
    pub waiting_reason: Option<WaitingReason>,
    pub placed_with: Option<PlacedWith>,
}

/// Something a family finder records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FindingStep {
    Profile(Profile),
    Pause(bool),
    Search(SearchLevel, NaiveDate),
    Discussion(NaiveDate),
    MonthlyLog(NaiveDate, Vec<Activity>),
    Event(EventKind, NaiveDateTime),
    Waiting(WaitingReason),
    PlacedWith(PlacedWith),
}

/// The first day of a date's month.
pub fn month_of(d: NaiveDate) -> NaiveDate {
    d.with_day(1).expect("every month has a first day")
}

impl FamilyFinding {
    pub(crate) fn order_made(&mut self, date: NaiveDate) {
        self.active_from = Some(date);
    }

    /// ADOPT-013: the profile is anonymous until the placement order, full from it.
    pub fn profile_visibility(&self, today: NaiveDate) -> &'static str {
        match self.active_from {
            Some(d) if d <= today => "full",
            _ => "anonymous",
        }
    }

    /// ADOPT-013: not started, active, or paused.
    pub fn status(&self) -> &'static str {
        match (self.active_from, self.paused) {
            (None, _) => "not started",
            (Some(_), true) => "paused",
            (Some(_), false) => "active",
        }
    }

    /// The date a search level was reached.
    pub fn searched(&self, level: SearchLevel) -> Option<NaiveDate> {
        self.searches
            .iter()
            .find(|(l, _)| *l == level)
            .map(|(_, d)| *d)
    }

    pub(crate) fn apply(
        &mut self,
        step: FindingStep,
        order: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<(), PathwayError> {
        match step {
            FindingStep::Profile(p) => {
                if !p.consent {
                    return Err(refuse(
                        "consent",
                        "record consent before the child's profile is published",
                    ));
                }
                self.profile = Profile {
                    updated: Some(today),
                    ..p
                };
            }
            FindingStep::Pause(paused) => {
                if order.is_none() {
                    return Err(refuse(
                        "paused",
                        "family finding starts with the placement order",
                    ));
                }
                self.paused = paused;
            }
            FindingStep::Search(level, date) => {
                not_future("search_date", date, today)?;
                self.searches.retain(|(l, _)| *l != level);
                self.searches.push((level, date));
            }
            FindingStep::Discussion(date) => {
                not_future("discussion_date", date, today)?;
                self.discussions.push(date);
            }
            FindingStep::MonthlyLog(month, activities) => {
                if activities.is_empty() {
                    return Err(refuse(
                        "activities",
                        "tick what was done to find a family this month",
                    ));
                }
                not_future("month", month, today)?;
                let month = month_of(month);
                self.log.retain(|(m, _)| *m != month);
                self.log.push((month, activities));
                self.log.sort_by_key(|(m, _)| *m);
            }
            FindingStep::Event(kind, at) => {
                not_future("event_date", at.date(), today)?;
                self.events.push((kind, at));
            }
            FindingStep::Waiting(reason) => self.waiting_reason = Some(reason),
            FindingStep::PlacedWith(p) => {
                if let Some(ep) = &p.early_permanence
                    && (ep.jurisdiction.trim().is_empty() || ep.form_version.trim().is_empty())
                {
                    return Err(refuse(
                        "jurisdiction",
                        "an early permanence placement needs its court jurisdiction and the regional form version",
                    ));
                }
                self.placed_with = Some(p);
            }
        }
        Ok(())
    }

    /// ADOPT-015: an interagency match without the in-house and regional
    /// searches' dates is flagged.
    pub fn cascade_followed(&self) -> bool {
        match &self.placed_with {
            Some(p) if !p.source.within_region() => {
                self.searched(SearchLevel::InHouse).is_some()
                    && self.searched(SearchLevel::Regional).is_some()
            }
            _ => true,
        }
    }

    /// ADOPT-019: discussions in the month of `month`.
    pub fn discussions_in(&self, month: NaiveDate) -> usize {
        self.discussions
            .iter()
            .filter(|d| month_of(**d) == month_of(month))
            .count()
    }

    /// ADOPT-020: the months since family finding began, up to the month
    /// before `today`, with no update.
    pub fn missing_updates(&self, today: NaiveDate) -> Vec<NaiveDate> {
        let Some(start) = self.active_from else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut m = month_of(start);
        while m < month_of(today) {
            if !self.log.iter().any(|(l, _)| *l == m) {
                out.push(m);
            }
            m = m + Months::new(1);
        }
        out
    }

    /// ADOPT-023: when a Discovery Event's link stops working.
    pub fn link_expires(at: NaiveDateTime) -> NaiveDateTime {
        at + Days::new(DISCOVERY_LINK_DAYS)
    }

    /// What family finding says about itself on `today`.
    pub(crate) fn findings(&self, pathway: &ChildPathway, today: NaiveDate) -> Vec<Finding> {
        let mut out = vec![finding(
            "ADOPT-013",
            false,
            format!(
                "Family finding {}; profile {}",
                self.status(),
                self.profile_visibility(today)
            ),
        )];
        if self.active_from.is_some() && !self.profile.meets_standard() {
            out.push(finding(
                "ADOPT-022",
                true,
                format!(
                    "Profile below standard ({} photos, {})",
                    self.profile.photos,
                    if self.profile.video {
                        "a video"
                    } else {
                        "no video"
                    }
                ),
            ));
        }
        if !self.cascade_followed() {
            out.push(finding(
                "ADOPT-015",
                true,
                "Interagency match without in-house and regional search dates",
            ));
        }
        if pathway.waiting() {
            let this_month = self.discussions_in(today);
            out.push(finding(
                "ADOPT-019",
                this_month < 2,
                format!("Discussed {this_month} times this month (at least twice)"),
            ));
            for m in self.missing_updates(today) {
                out.push(finding(
                    "ADOPT-020",
                    true,
                    format!("No family-finding update for {}", m.format("%B %Y")),
                ));
            }
            if let Some(since) = waiting_over_six_months(pathway, today) {
                let why = self
                    .waiting_reason
                    .map_or("no reason recorded", WaitingReason::label);
                out.push(finding(
                    "ADOPT-025",
                    true,
                    format!("Waiting more than 6 months since the order of {since}: {why}"),
                ));
            }
        }
        for (kind, at) in &self.events {
            let text = match kind {
                EventKind::Discovery => format!(
                    "{} on {}; link until {}",
                    kind.label(),
                    at.date(),
                    Self::link_expires(*at)
                ),
                _ => format!("{} on {}", kind.label(), at.date()),
            };
            out.push(finding("ADOPT-023", false, text));
        }
        out
    }
}

/// ADOPT-025: the order's date when a child has waited more than six
/// months from it without a placement.
pub fn waiting_over_six_months(pathway: &ChildPathway, today: NaiveDate) -> Option<NaiveDate> {
    let order = pathway.date(Milestone::PlacementOrder)?;
    (pathway.waiting() && order + Months::new(6) < today).then_some(order)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn adopt_020_months_without_an_update_since_the_order() {
        let f = FamilyFinding {
            active_from: Some(d("2025-01-06")),
            log: vec![(d("2025-01-01"), vec![Activity::Marketing])],
            ..Default::default()
        };
        assert_eq!(f.missing_updates(d("2025-03-01")), vec![d("2025-02-01")]);
    }

    #[test]
    fn adopt_023_a_discovery_link_lasts_three_days() {
        let at = d("2025-05-12").and_hms_opt(9, 0, 0).unwrap();
        assert_eq!(
            FamilyFinding::link_expires(at),
            d("2025-05-15").and_hms_opt(9, 0, 0).unwrap()
        );
    }
}
