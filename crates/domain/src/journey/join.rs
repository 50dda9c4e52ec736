//! One history from several years' returns: a later return's journey
//! joined to the earlier.

use chrono::NaiveDate;

use super::{CareJourney, JourneyError};

impl CareJourney {
    /// This journey joined with the same child's journey read from a later
    /// return, whose collection year starts on `year_start`: one history.
    ///
    /// A return holds what overlaps its year, each row as it stands at the
    /// year's end, so the later return's rows replace this journey's from
    /// where they begin: episodes and social-worker episodes from the
    /// later's first start, reviews from the year's start, missing episodes
    /// that the later return holds again (the same kind and start). The
    /// child's details are the later return's; the name, disability,
    /// siblings and recorded activities are this journey's. The caller
    /// matches the two by identifier and date of birth.
    pub fn join_later(
        &self,
        later: CareJourney,
        year_start: NaiveDate,
        today: NaiveDate,
    ) -> Result<Self, JourneyError> {
        let from = |first: Option<NaiveDate>| first.unwrap_or(year_start).min(year_start);
        let episodes_from = from(later.episodes.first().map(|e| e.start));
        let workers_from = from(later.social_workers.first().map(|s| s.start));
        let mut child = later.child;
        child.name = self.child.name.clone();
        child.disabled = self.child.disabled;
        let episodes = held_then(
            &self.episodes,
            |e, _| e.start < episodes_from,
            later.episodes,
        );
        let reviews = held_then(&self.reviews, |r, _| r.date < year_start, later.reviews);
        let missing = held_then(
            &self.missing,
            |m, later| !later.iter().any(|n| n.kind == m.kind && n.start == m.start),
            later.missing,
        );
        let workers = held_then(
            &self.social_workers,
            |s, _| s.start < workers_from,
            later.social_workers,
        );
        let joined = Self::build(
            child,
            episodes,
            reviews,
            missing,
            workers,
            self.siblings.clone(),
            today,
        )?;
        joined.with_activities(self.activities.clone(), today)
    }
}

/// The rows held that `keep` keeps (seeing the later return's rows), then
/// the later return's.
fn held_then<T: Clone>(held: &[T], keep: impl Fn(&T, &[T]) -> bool, later: Vec<T>) -> Vec<T> {
    let mut out: Vec<T> = held.iter().filter(|x| keep(x, &later)).cloned().collect();
    out.extend(later);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::child::PersonName;
    use crate::codes::{
        CategoryOfNeed, LegalStatus, ReasonEpisodeCeased, ReasonNewEpisode, ReviewParticipation,
    };
    use crate::journey::tests::{child, d, foster};
    use crate::journey::{Episode, EpisodeEnd, Review};

    const TODAY: &str = "2026-11-25";

    fn episode(
        start: &str,
        end: Option<(&str, ReasonEpisodeCeased)>,
        rne: ReasonNewEpisode,
    ) -> Episode {
        Episode {
            start: d(start),
            reason_new_episode: rne,
            legal_status: LegalStatus::InterimCareOrder,
            category_of_need: CategoryOfNeed::AbuseOrNeglect,
            placement: foster(),
            end: end.map(|(e, reason)| EpisodeEnd { date: d(e), reason }),
            reason_placement_change: None,
            home_postcode: None,
        }
    }

    #[test]
    fn a_later_return_joins_the_earlier_into_one_history() {
        // 2022-23: in care from May 2022, the episode open at 31 March.
        let earlier = CareJourney::build(
            child(),
            vec![episode("2022-05-01", None, ReasonNewEpisode::Started)],
            vec![Review {
                date: d("2022-11-01"),
                participation: ReviewParticipation::AttendsAndSpeaks,
            }],
            vec![],
            vec![],
            vec![],
            d(TODAY),
        )
        .unwrap();
        // 2023-24 holds the same episode (now ended with X1) and the next.
        let mut later_child = child();
        later_child.name = PersonName::parse("Not", "known").unwrap();
        let later = CareJourney::build(
            later_child,
            vec![
                episode(
                    "2022-05-01",
                    Some(("2023-09-01", ReasonEpisodeCeased::NewEpisodeSameDay)),
                    ReasonNewEpisode::Started,
                ),
                episode("2023-09-01", None, ReasonNewEpisode::LegalStatusChange),
            ],
            vec![Review {
                date: d("2023-05-01"),
                participation: ReviewParticipation::AttendsAndSpeaks,
            }],
            vec![],
            vec![],
            vec![],
            d(TODAY),
        )
        .unwrap();
        let joined = earlier
            .join_later(later, d("2023-04-01"), d(TODAY))
            .unwrap();
        assert_eq!(joined.episodes().len(), 2);
        assert_eq!(joined.reviews().len(), 2);
        assert_eq!(joined.child().name.full(), "Amy Example");
        assert_eq!(
            joined.episodes()[0].end.map(|e| e.date),
            Some(d("2023-09-01"))
        );
    }
}
