//! The synthetic council's generator: a period's reviews, missing episodes and social workers.

use super::*;

impl Generator {
    /// Reviews on the statutory schedule: within 20 working days of entry,
    /// within 3 months of the first, then every 6 months; about 1 in 10 late.
    pub(super) fn reviews(&mut self, d: &mut Draft, start: NaiveDate, end: NaiveDate) {
        let mut due = start + days(28);
        let mut count = 0;
        loop {
            let date = if self.rng.chance(0.9) {
                due - days(self.rng.between(0, 14))
            } else {
                due + days(self.rng.between(1, 45))
            };
            let date = date.max(start);
            if date > end || date > self.as_of {
                break;
            }
            let participation = if age_on(d.child.date_of_birth, date) < 4 {
                Pn::Under4
            } else {
                self.rng.weighted(&[
                    (Pn::AttendsAndSpeaks, 45.0),
                    (Pn::AttendsAdvocateSpeaks, 8.0),
                    (Pn::AttendsNonVerbal, 5.0),
                    (Pn::AttendsSilent, 4.0),
                    (Pn::AdvocateOnly, 10.0),
                    (Pn::FacilitativeMedium, 20.0),
                    (Pn::NotConveyed, 8.0),
                ])
            };
            if d.reviews.last().is_none_or(|r| r.date < date) {
                d.reviews.push(Review {
                    date,
                    participation,
                });
            }
            count += 1;
            due = date
                + if count == 1 {
                    Months::new(3)
                } else {
                    Months::new(6)
                };
        }
    }

    /// Missing and away episodes in the last year, for some older children.
    pub(super) fn missing(&mut self, d: &mut Draft, entry: NaiveDate) {
        let age = age_on(d.child.date_of_birth, self.as_of);
        if age < 11 || !self.rng.chance(0.15) {
            return;
        }
        let from = entry.max(self.as_of - days(365));
        let span = (self.as_of - from).num_days();
        if span < 5 {
            return;
        }
        let n = self.rng.between(1, 7);
        let mut starts: Vec<NaiveDate> = (0..n)
            .map(|_| from + days(self.rng.between(0, span - 4)))
            .collect();
        starts.sort();
        starts.dedup();
        for start in starts {
            let kind = if self.rng.chance(0.7) {
                MissingType::Missing
            } else {
                MissingType::Away
            };
            let end = start + days(self.rng.between(0, 3));
            d.missing.push(MissingEpisode {
                kind,
                start,
                end: Some(end),
            });
        }
    }

    /// Allocated social workers, changing every year or so.
    pub(super) fn social_workers(
        &mut self,
        d: &mut Draft,
        start: NaiveDate,
        end: Option<NaiveDate>,
    ) {
        let last_day = end.unwrap_or(self.as_of);
        let mut from = start;
        loop {
            let worker_id = format!("SW{:05}", self.rng.between(1, self.workers as i64));
            let stay = self.rng.lognormal_with_mean(420.0, 0.6) as i64 + 14;
            let until = from + days(stay);
            if until >= last_day {
                let close = end.map(|e| (e, Swr::ChildCircumstances));
                d.social_workers.push(SocialWorkerEpisode {
                    worker_id,
                    start: from,
                    end: close,
                    open_reason: None,
                });
                break;
            }
            let reason = self.rng.weighted(&[
                (Swr::ManagementDecision, 25.0),
                (Swr::LeftRole, 25.0),
                (Swr::ContractEnded, 8.0),
                (Swr::TeamTransfer, 20.0),
                (Swr::Restructure, 5.0),
                (Swr::Absence, 7.0),
                (Swr::ChildCircumstances, 5.0),
                (Swr::RequestedChange, 3.0),
                (Swr::Other, 2.0),
            ]);
            d.social_workers.push(SocialWorkerEpisode {
                worker_id,
                start: from,
                end: Some((until, reason)),
                open_reason: None,
            });
            from = until;
        }
    }
}
