//! A child's care journey: the episodes of care, reviews, missing and away
//! episodes, allocated social workers and siblings, kept as one aggregate.
//!
//! The invariants of the SSDA903 return hold whenever a [`CareJourney`]
//! exists: it can only be built through [`CareJourney::build`] or changed
//! through its named transitions, each of which checks the whole journey again
//! and says what changed, so the store can write an audit event that carries
//! no personal data.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::child::{Child, ChildId, Postcode, Urn};
use crate::codes::{
    CategoryOfNeed, CodeList, LegalStatus, MissingType, PlacementProvider, PlacementType,
    ReasonEpisodeCeased, ReasonNewEpisode, ReasonPlacementChange, ReviewParticipation,
    SocialWorkerChangeReason,
};
use crate::deadlines::{Event, EventKind};

mod join;

/// Where and with whom a child lives during an episode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    pub placement_type: PlacementType,
    /// Who provides the placement; none for a temporary placement (T0 to
    /// T4), whose provider the DfE asks to be left blank (rules 178, 213).
    pub provider: Option<PlacementProvider>,
    pub postcode: Option<Postcode>,
    pub urn: Option<Urn>,
}

/// How and when an episode ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EpisodeEnd {
    pub date: NaiveDate,
    pub reason: ReasonEpisodeCeased,
}

/// One episode of care: a period with one legal status and one placement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Episode {
    pub start: NaiveDate,
    pub reason_new_episode: ReasonNewEpisode,
    pub legal_status: LegalStatus,
    pub category_of_need: CategoryOfNeed,
    pub placement: Placement,
    pub end: Option<EpisodeEnd>,
    /// Why the placement changed at the start of this episode, where it did.
    pub reason_placement_change: Option<ReasonPlacementChange>,
    pub home_postcode: Option<Postcode>,
}

impl Episode {
    /// Whether the child is looked after under this episode on a date.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.start <= date && self.end.is_none_or(|e| date <= e.date)
    }
}

/// A review of the child's care plan (a looked-after review chaired by the IRO).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub date: NaiveDate,
    pub participation: ReviewParticipation,
}

/// A time the child was missing, or away from placement without authorisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingEpisode {
    pub kind: MissingType,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

/// A period during which one social worker was allocated to the child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SocialWorkerEpisode {
    /// The worker's identifier in the council's workforce records.
    pub worker_id: String,
    pub start: NaiveDate,
    pub end: Option<(NaiveDate, SocialWorkerChangeReason)>,
    /// The reason recorded on an episode that has not ended: from 2024-25
    /// the return asks for a reason on every episode (SW01bSTG1).
    #[serde(default)]
    pub open_reason: Option<SocialWorkerChangeReason>,
}

/// Everything recorded about one child's time in care.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CareJourney {
    child: Child,
    episodes: Vec<Episode>,
    reviews: Vec<Review>,
    missing: Vec<MissingEpisode>,
    social_workers: Vec<SocialWorkerEpisode>,
    siblings: Vec<ChildId>,
    /// Recorded activities (visits, health assessments, plans ratified ...),
    /// the events the deadline engine counts besides the journey's own.
    activities: Vec<Event>,
}

/// Why a journey cannot be built or changed. Episodes are numbered from 1 in
/// date order, as a worker would count them on the child's record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JourneyError {
    #[error("date of birth {date_of_birth} is in the future (today is {today})")]
    BirthInFuture {
        date_of_birth: NaiveDate,
        today: NaiveDate,
    },
    #[error("{what} on {date} is in the future (today is {today})")]
    DateInFuture {
        what: &'static str,
        date: NaiveDate,
        today: NaiveDate,
    },
    #[error("a care journey needs at least one episode")]
    NoEpisodes,
    #[error("episode {episode} starts on {start}, before the child was born on {date_of_birth}")]
    EpisodeBeforeBirth {
        episode: usize,
        start: NaiveDate,
        date_of_birth: NaiveDate,
    },
    #[error("episode {episode} ends on {end}, before it starts on {start}")]
    EpisodeEndsBeforeStart {
        episode: usize,
        start: NaiveDate,
        end: NaiveDate,
    },
    #[error(
        "episodes {first} and {second} overlap: episode {first} {first_end}, but episode {second} starts on {second_start}"
    )]
    EpisodesOverlap {
        first: usize,
        second: usize,
        first_end: String,
        second_start: NaiveDate,
    },
    #[error(
        "episode {episode} ended with X1 (a new episode the same day) on {end}, but the next episode starts on {next_start}"
    )]
    GapAfterX1 {
        episode: usize,
        end: NaiveDate,
        next_start: NaiveDate,
    },
    #[error(
        "episode {episode} has reason for new episode {found}, but {expected} (the previous episode {why})"
    )]
    WrongReasonNewEpisode {
        episode: usize,
        found: ReasonNewEpisode,
        expected: &'static str,
        why: &'static str,
    },
    #[error("the last episode ended with X1, which needs a following episode the same day")]
    X1WithoutNextEpisode,
    #[error("the child is not in care: there is no open episode")]
    NotInCare,
    #[error("the child is already in care since {since}")]
    AlreadyInCare { since: NaiveDate },
    #[error("{what} on {date} is before the current episode, which started on {start}")]
    BeforeCurrentEpisode {
        what: &'static str,
        date: NaiveDate,
        start: NaiveDate,
    },
    #[error("{reason} does not end care; record a change of placement or legal status instead")]
    NotAnEndOfCare { reason: ReasonEpisodeCeased },
    #[error("the change on {date} changes neither the legal status nor the placement")]
    NothingChanged { date: NaiveDate },
    #[error("review on {date} is not during a period of care")]
    ReviewOutsideCare { date: NaiveDate },
    #[error("a review on {date} is already recorded")]
    DuplicateReview { date: NaiveDate },
    #[error("{what} {index} ends on {end}, before it starts on {start}")]
    PeriodEndsBeforeStart {
        what: &'static str,
        index: usize,
        start: NaiveDate,
        end: NaiveDate,
    },
    #[error("missing episode {index} starting {start} is not during a period of care")]
    MissingOutsideCare { index: usize, start: NaiveDate },
    #[error("social worker episodes {first} and {second} overlap")]
    SocialWorkersOverlap { first: usize, second: usize },
    #[error("a child cannot be their own sibling")]
    SelfSibling,
    #[error("{what} on {date} is before the child was born")]
    BeforeBirth { what: &'static str, date: NaiveDate },
}

/// What a transition changed, in codes and dates only: the audit record of a
/// change. Names, dates of birth, postcodes and free text never appear here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum JourneyChange {
    EnteredCare {
        episode: usize,
        start: NaiveDate,
        legal_status: &'static str,
        placement_type: &'static str,
        category_of_need: &'static str,
    },
    EpisodeChanged {
        episode: usize,
        date: NaiveDate,
        reason_new_episode: &'static str,
        legal_status: Option<&'static str>,
        placement_type: Option<&'static str>,
        reason_placement_change: Option<&'static str>,
    },
    LeftCare {
        episode: usize,
        date: NaiveDate,
        reason_episode_ceased: &'static str,
    },
    ReviewRecorded {
        date: NaiveDate,
        participation: &'static str,
    },
    ActivityRecorded {
        date: NaiveDate,
        activity: &'static str,
    },
}

/// What starts a new period of care.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Admission {
    pub start: NaiveDate,
    pub legal_status: LegalStatus,
    pub category_of_need: CategoryOfNeed,
    pub placement: Placement,
    pub home_postcode: Option<Postcode>,
}

/// A change of legal status, of placement, or of both, on one date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpisodeChange {
    pub date: NaiveDate,
    pub legal_status: Option<LegalStatus>,
    pub placement: Option<Placement>,
    /// Whether the carers stay the same across a change of placement (RNE U or B).
    pub same_carers: bool,
    pub reason_placement_change: Option<ReasonPlacementChange>,
}

impl CareJourney {
    /// Builds a journey from its parts, putting each list in date order and
    /// checking every invariant against `today`.
    pub fn build(
        child: Child,
        mut episodes: Vec<Episode>,
        mut reviews: Vec<Review>,
        mut missing: Vec<MissingEpisode>,
        mut social_workers: Vec<SocialWorkerEpisode>,
        mut siblings: Vec<ChildId>,
        today: NaiveDate,
    ) -> Result<Self, JourneyError> {
        episodes.sort_by_key(|e| e.start);
        reviews.sort_by_key(|r| r.date);
        missing.sort_by_key(|m| m.start);
        social_workers.sort_by_key(|s| s.start);
        siblings.sort();
        siblings.dedup();
        let journey = Self {
            child,
            episodes,
            reviews,
            missing,
            social_workers,
            siblings,
            activities: Vec::new(),
        };
        journey.check(today)?;
        Ok(journey)
    }

    /// Starts the journey of a child entering care for the first time.
    pub fn admit(
        child: Child,
        admission: Admission,
        today: NaiveDate,
    ) -> Result<(Self, JourneyChange), JourneyError> {
        let journey = Self::build(
            child,
            vec![first_episode(admission)],
            vec![],
            vec![],
            vec![],
            vec![],
            today,
        )?;
        let change = journey.entered_care_change();
        Ok((journey, change))
    }

    /// Starts a new period of care for a child who has been in care before.
    pub fn readmit(
        &self,
        admission: Admission,
        today: NaiveDate,
    ) -> Result<(Self, JourneyChange), JourneyError> {
        if let Some(current) = self.current_episode() {
            return Err(JourneyError::AlreadyInCare {
                since: self
                    .period_start(self.episodes.len() - 1)
                    .unwrap_or(current.start),
            });
        }
        let mut next = self.clone();
        next.episodes.push(first_episode(admission));
        next.check(today)?;
        let change = next.entered_care_change();
        Ok((next, change))
    }

    /// Records a change of legal status and/or placement: the current episode
    /// ends with X1 and a new one starts the same day with the right RNE.
    pub fn change_episode(
        &self,
        change: EpisodeChange,
        today: NaiveDate,
    ) -> Result<(Self, JourneyChange), JourneyError> {
        let current = self.current_episode().ok_or(JourneyError::NotInCare)?;
        if change.date < current.start {
            return Err(JourneyError::BeforeCurrentEpisode {
                what: "the change",
                date: change.date,
                start: current.start,
            });
        }
        let legal_status = change.legal_status.filter(|ls| *ls != current.legal_status);
        let placement = change.placement.filter(|p| *p != current.placement);
        let reason_new_episode = match (
            legal_status.is_some(),
            placement.is_some(),
            change.same_carers,
        ) {
            (false, false, _) => return Err(JourneyError::NothingChanged { date: change.date }),
            (true, false, _) => ReasonNewEpisode::LegalStatusChange,
            (false, true, false) => ReasonNewEpisode::PlacementChange,
            (false, true, true) => ReasonNewEpisode::PlacementChangeSameCarer,
            (true, true, false) => ReasonNewEpisode::LegalStatusAndPlacementChange,
            (true, true, true) => ReasonNewEpisode::LegalStatusAndPlacementSameCarer,
        };
        let new_episode = Episode {
            start: change.date,
            reason_new_episode,
            legal_status: legal_status.unwrap_or(current.legal_status),
            category_of_need: current.category_of_need,
            placement: placement
                .clone()
                .unwrap_or_else(|| current.placement.clone()),
            end: None,
            reason_placement_change: placement.as_ref().and(change.reason_placement_change),
            home_postcode: current.home_postcode.clone(),
        };
        let mut next = self.clone();
        next.close_current(change.date, ReasonEpisodeCeased::NewEpisodeSameDay);
        next.episodes.push(new_episode);
        next.check(today)?;
        let audit = JourneyChange::EpisodeChanged {
            episode: next.episodes.len(),
            date: change.date,
            reason_new_episode: reason_new_episode.code(),
            legal_status: legal_status.map(CodeList::code),
            placement_type: placement.as_ref().map(|p| p.placement_type.code()),
            reason_placement_change: next
                .episodes
                .last()
                .and_then(|e| e.reason_placement_change)
                .map(CodeList::code),
        };
        Ok((next, audit))
    }

    /// Ends the current period of care for a reason that ends care (not X1).
    pub fn leave_care(
        &self,
        date: NaiveDate,
        reason: ReasonEpisodeCeased,
        today: NaiveDate,
    ) -> Result<(Self, JourneyChange), JourneyError> {
        if !reason.ends_care() {
            return Err(JourneyError::NotAnEndOfCare { reason });
        }
        self.current_episode().ok_or(JourneyError::NotInCare)?;
        let mut next = self.clone();
        next.close_current(date, reason);
        next.check(today)?;
        let change = JourneyChange::LeftCare {
            episode: next.episodes.len(),
            date,
            reason_episode_ceased: reason.code(),
        };
        Ok((next, change))
    }

    /// Records a looked-after review held during a period of care.
    pub fn record_review(
        &self,
        review: Review,
        today: NaiveDate,
    ) -> Result<(Self, JourneyChange), JourneyError> {
        if self.reviews.iter().any(|r| r.date == review.date) {
            return Err(JourneyError::DuplicateReview { date: review.date });
        }
        let mut next = self.clone();
        next.reviews.push(review);
        next.reviews.sort_by_key(|r| r.date);
        next.check(today)?;
        let change = JourneyChange::ReviewRecorded {
            date: review.date,
            participation: review.participation.code(),
        };
        Ok((next, change))
    }

    /// The journey with these recorded activities, checked like the rest.
    pub fn with_activities(
        mut self,
        mut activities: Vec<Event>,
        today: NaiveDate,
    ) -> Result<Self, JourneyError> {
        activities.sort();
        self.activities = activities;
        self.check(today)?;
        Ok(self)
    }

    /// Records an activity (a visit, a health assessment, a plan ratified ...).
    pub fn record_activity(
        &self,
        activity: Event,
        today: NaiveDate,
    ) -> Result<(Self, JourneyChange), JourneyError> {
        let mut next = self.clone();
        next.activities.push(activity);
        next.activities.sort();
        next.check(today)?;
        let change = JourneyChange::ActivityRecorded {
            date: activity.date,
            activity: activity.kind.name(),
        };
        Ok((next, change))
    }

    pub fn activities(&self) -> &[Event] {
        &self.activities
    }

    /// Every event of the journey the deadline engine counts, in date order:
    /// those the episodes and reviews imply, and the recorded activities.
    pub fn events(&self) -> Vec<Event> {
        let mut events = Vec::with_capacity(
            self.episodes.len() * 2 + self.reviews.len() + self.activities.len(),
        );
        let mut previous: Option<&Episode> = None;
        for e in &self.episodes {
            let mut push = |kind| {
                events.push(Event {
                    date: e.start,
                    kind,
                })
            };
            let started = e.reason_new_episode == ReasonNewEpisode::Started;
            if started {
                push(EventKind::EnteredCare);
            }
            if started || previous.is_some_and(|p| p.placement != e.placement) {
                use crate::codes::PlacementType as Pt;
                let t = e.placement.placement_type;
                push(
                    if matches!(t, Pt::FosterLongTerm | Pt::FosterRelativeLongTerm) {
                        EventKind::LongTermPlacementStarted
                    } else {
                        EventKind::PlacementStarted
                    },
                );
                if t.is_placed_for_adoption()
                    && !previous
                        .is_some_and(|p| p.placement.placement_type.is_placed_for_adoption())
                {
                    push(EventKind::PlacedForAdoption);
                }
            }
            let was_placement_order =
                !started && previous.is_some_and(|p| p.legal_status == LegalStatus::PlacementOrder);
            if e.legal_status == LegalStatus::PlacementOrder && !was_placement_order {
                push(EventKind::PlacementOrderMade);
            } else if was_placement_order && e.legal_status != LegalStatus::PlacementOrder {
                push(EventKind::OrderRevoked);
            }
            if let Some(end) = e.end.filter(|end| end.reason.ends_care()) {
                use crate::codes::CareExit;
                events.push(Event {
                    date: end.date,
                    kind: EventKind::LeftCare,
                });
                let order = match end.reason.exit() {
                    Some(CareExit::Adoption) => Some(EventKind::AdoptionOrderMade),
                    Some(CareExit::SpecialGuardianship) => {
                        Some(EventKind::SpecialGuardianshipOrderMade)
                    }
                    Some(CareExit::ChildArrangementsOrder) => {
                        Some(EventKind::ChildArrangementsOrderMade)
                    }
                    _ => None,
                };
                if let Some(kind) = order {
                    events.push(Event {
                        date: end.date,
                        kind,
                    });
                }
            }
            previous = Some(e);
        }
        events.extend(self.reviews.iter().map(|r| Event {
            date: r.date,
            kind: EventKind::ReviewHeld,
        }));
        events.extend(self.activities.iter().copied());
        events.sort();
        events
    }

    pub fn child(&self) -> &Child {
        &self.child
    }
    pub fn id(&self) -> &ChildId {
        &self.child.id
    }
    pub fn episodes(&self) -> &[Episode] {
        &self.episodes
    }
    pub fn reviews(&self) -> &[Review] {
        &self.reviews
    }
    pub fn missing(&self) -> &[MissingEpisode] {
        &self.missing
    }
    pub fn social_workers(&self) -> &[SocialWorkerEpisode] {
        &self.social_workers
    }
    pub fn siblings(&self) -> &[ChildId] {
        &self.siblings
    }

    /// When the child moved in with their current carers: the start of the
    /// run of episodes with the same placement up to the open episode.
    pub fn placed_since(&self) -> Option<NaiveDate> {
        let current = self.current_episode()?;
        let mut since = current.start;
        for e in self.episodes.iter().rev().skip(1) {
            if e.placement != current.placement || e.end.is_some_and(|end| end.date < since) {
                break;
            }
            since = e.start;
        }
        Some(since)
    }

    /// The open episode, if the child is in care now.
    pub fn current_episode(&self) -> Option<&Episode> {
        self.episodes.last().filter(|e| e.end.is_none())
    }

    /// The date the period of care containing episode `index` (0-based) began.
    pub fn period_start(&self, index: usize) -> Option<NaiveDate> {
        self.episodes[..=index]
            .iter()
            .enumerate()
            .rev()
            .find(|(i, e)| *i == 0 || e.reason_new_episode == ReasonNewEpisode::Started)
            .map(|(_, e)| e.start)
    }

    /// Whether the records begin part-way through a period of care (the
    /// first episode held is not the one that started it).
    pub fn begins_part_way(&self) -> bool {
        self.episodes
            .first()
            .is_some_and(|e| e.reason_new_episode != ReasonNewEpisode::Started)
    }

    /// The periods of care: from an S episode to the episode that ends care
    /// (or to now, for the open one), as (start, end) pairs.
    pub fn periods_of_care(&self) -> Vec<(NaiveDate, Option<EpisodeEnd>)> {
        let mut periods = Vec::new();
        for (i, e) in self.episodes.iter().enumerate() {
            if i == 0 || e.reason_new_episode == ReasonNewEpisode::Started {
                periods.push((e.start, None));
            }
            if let (Some(end), Some(last)) = (e.end, periods.last_mut())
                && end.reason.ends_care()
            {
                last.1 = Some(end);
            }
        }
        periods
    }

    /// Whether the child was looked after on a date.
    pub fn in_care_on(&self, date: NaiveDate) -> bool {
        self.episodes.iter().any(|e| e.covers(date))
    }

    fn entered_care_change(&self) -> JourneyChange {
        let e = self
            .episodes
            .last()
            .expect("an admitted journey has an episode");
        JourneyChange::EnteredCare {
            episode: self.episodes.len(),
            start: e.start,
            legal_status: e.legal_status.code(),
            placement_type: e.placement.placement_type.code(),
            category_of_need: e.category_of_need.code(),
        }
    }

    fn close_current(&mut self, date: NaiveDate, reason: ReasonEpisodeCeased) {
        if let Some(e) = self.episodes.last_mut() {
            e.end = Some(EpisodeEnd { date, reason });
        }
    }

    /// Every invariant of the journey; the first broken one is reported.
    fn check(&self, today: NaiveDate) -> Result<(), JourneyError> {
        let dob = self.child.date_of_birth;
        if dob > today {
            return Err(JourneyError::BirthInFuture {
                date_of_birth: dob,
                today,
            });
        }
        if self.episodes.is_empty() {
            return Err(JourneyError::NoEpisodes);
        }
        self.check_episodes(today)?;
        for r in &self.reviews {
            not_in_future("review", r.date, today)?;
            if !self.in_care_on(r.date) {
                return Err(JourneyError::ReviewOutsideCare { date: r.date });
            }
        }
        for (i, m) in self.missing.iter().enumerate() {
            not_in_future("missing episode", m.start, today)?;
            check_period("missing episode", i + 1, m.start, m.end)?;
            if !self.in_care_on(m.start) {
                return Err(JourneyError::MissingOutsideCare {
                    index: i + 1,
                    start: m.start,
                });
            }
        }
        for (i, s) in self.social_workers.iter().enumerate() {
            not_in_future("social worker episode", s.start, today)?;
            check_period("social worker episode", i + 1, s.start, s.end.map(|e| e.0))?;
            if let Some(next) = self.social_workers.get(i + 1)
                && s.end.is_none_or(|(end, _)| end > next.start)
            {
                return Err(JourneyError::SocialWorkersOverlap {
                    first: i + 1,
                    second: i + 2,
                });
            }
        }
        if self.siblings.contains(&self.child.id) {
            return Err(JourneyError::SelfSibling);
        }
        for a in &self.activities {
            not_in_future(a.kind.label(), a.date, today)?;
            if a.date < dob {
                return Err(JourneyError::BeforeBirth {
                    what: a.kind.label(),
                    date: a.date,
                });
            }
        }
        Ok(())
    }

    fn check_episodes(&self, today: NaiveDate) -> Result<(), JourneyError> {
        let dob = self.child.date_of_birth;
        for (i, e) in self.episodes.iter().enumerate() {
            let n = i + 1;
            if e.start < dob {
                return Err(JourneyError::EpisodeBeforeBirth {
                    episode: n,
                    start: e.start,
                    date_of_birth: dob,
                });
            }
            not_in_future("episode start", e.start, today)?;
            if let Some(end) = e.end {
                if end.date < e.start {
                    return Err(JourneyError::EpisodeEndsBeforeStart {
                        episode: n,
                        start: e.start,
                        end: end.date,
                    });
                }
                not_in_future("episode end", end.date, today)?;
            }
            let previous = i.checked_sub(1).map(|p| &self.episodes[p]);
            check_continuity(n, previous, e)?;
        }
        if let Some(last) = self.episodes.last()
            && last.end.is_some_and(|end| !end.reason.ends_care())
        {
            return Err(JourneyError::X1WithoutNextEpisode);
        }
        Ok(())
    }
}

fn first_episode(admission: Admission) -> Episode {
    Episode {
        start: admission.start,
        reason_new_episode: ReasonNewEpisode::Started,
        legal_status: admission.legal_status,
        category_of_need: admission.category_of_need,
        placement: admission.placement,
        end: None,
        reason_placement_change: None,
        home_postcode: admission.home_postcode,
    }
}

/// An episode follows its predecessor without overlap; after X1 the next
/// episode starts the same day and continues the period, after any other
/// reason the next episode starts a new period (RNE S).
fn check_continuity(n: usize, previous: Option<&Episode>, e: &Episode) -> Result<(), JourneyError> {
    let is_start = e.reason_new_episode == ReasonNewEpisode::Started;
    // The first episode held may continue a period of care that began
    // before the records do (an imported return holds the year's episodes
    // only); its period counts from that episode.
    let Some(prev) = previous else {
        return Ok(());
    };
    let Some(prev_end) = prev.end else {
        return Err(JourneyError::EpisodesOverlap {
            first: n - 1,
            second: n,
            first_end: "is still open".to_owned(),
            second_start: e.start,
        });
    };
    if prev_end.date > e.start {
        return Err(JourneyError::EpisodesOverlap {
            first: n - 1,
            second: n,
            first_end: format!("ends on {}", prev_end.date),
            second_start: e.start,
        });
    }
    if prev_end.reason.ends_care() {
        if !is_start {
            return Err(JourneyError::WrongReasonNewEpisode {
                episode: n,
                found: e.reason_new_episode,
                expected: "it must be S (started to be looked after)",
                why: "ended care",
            });
        }
    } else {
        if prev_end.date != e.start {
            return Err(JourneyError::GapAfterX1 {
                episode: n - 1,
                end: prev_end.date,
                next_start: e.start,
            });
        }
        if is_start {
            return Err(JourneyError::WrongReasonNewEpisode {
                episode: n,
                found: e.reason_new_episode,
                expected: "it must record a change (L, P, T, U or B), not S",
                why: "ended with X1 the same day",
            });
        }
    }
    Ok(())
}

fn not_in_future(
    what: &'static str,
    date: NaiveDate,
    today: NaiveDate,
) -> Result<(), JourneyError> {
    if date > today {
        Err(JourneyError::DateInFuture { what, date, today })
    } else {
        Ok(())
    }
}

fn check_period(
    what: &'static str,
    index: usize,
    start: NaiveDate,
    end: Option<NaiveDate>,
) -> Result<(), JourneyError> {
    match end {
        Some(end) if end < start => Err(JourneyError::PeriodEndsBeforeStart {
            what,
            index,
            start,
            end,
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
