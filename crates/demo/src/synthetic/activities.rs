//! The synthetic council's generator: the casework activities a journey's deadlines ask for, met or missed as a real council would.

use super::*;

impl Generator {
    /// Recorded activities that meet the deadline rules: mostly on time,
    /// sometimes late, now and then not at all, so that worklists and drift
    /// alerts have something true to show. Driven by the rule table itself.
    pub(super) fn activities(&mut self, journey: &CareJourney) -> Vec<Event> {
        let mut out = Vec::new();
        let mut events = journey.events();
        // Special guardianship: a support plan before the order for most, and
        // the case closed some months after it (SG-004 looks for the rest).
        if let Some(order) = events
            .iter()
            .find(|e| e.kind == EventKind::SpecialGuardianshipOrderMade)
            .map(|e| e.date)
        {
            if self.rng.chance(0.85) {
                out.push(Event {
                    kind: EventKind::SupportPlanAgreed,
                    date: order - days(self.rng.between(0, 30)),
                });
            }
            let closed = order + days(self.rng.between(40, 500));
            if closed <= self.as_of {
                out.push(Event {
                    kind: EventKind::CaseClosed,
                    date: closed,
                });
            }
        }
        events.extend(out.iter().copied());
        events.sort();
        let facts = SubjectFacts {
            date_of_birth: Some(journey.child().date_of_birth),
        };
        // Rules are simulated in rounds: the activities one rule's deadlines
        // produce (a plan ratified) can start another rule's (the plan sent out).
        let mut done = vec![false; RULES.len()];
        loop {
            let mut progressed = false;
            for (i, rule) in RULES.iter().enumerate() {
                if done[i]
                    || rule.met_by.from_journey()
                    || !events.iter().any(|e| e.kind == rule.starts)
                {
                    continue;
                }
                done[i] = true;
                progressed = true;
                let new = self.simulate(rule, &events, facts);
                events.extend(new.iter().copied());
                events.sort();
                out.extend(new);
            }
            if !progressed {
                break;
            }
        }
        out
    }

    /// The meeting events of one rule's deadlines for a subject's events.
    pub(super) fn simulate(
        &mut self,
        rule: &DeadlineRule,
        events: &[Event],
        facts: SubjectFacts,
    ) -> Vec<Event> {
        let mut out = Vec::new();
        for trigger in events
            .iter()
            .filter(|e| e.kind == rule.starts && rule.in_force_on(e.date))
        {
            let t = trigger.date;
            let end = rule
                .stands_until(events, t)
                .unwrap_or(self.as_of)
                .min(self.as_of);
            let mut met = |g: &mut Self, due: NaiveDate, lower: NaiveDate| {
                let date = g.meet(due, lower, end)?;
                out.push(Event {
                    kind: rule.met_by,
                    date,
                });
                Some(date)
            };
            match rule.schedule {
                Schedule::Once(period) => {
                    met(self, period.after(t), t);
                }
                Schedule::Fixed(periods) => {
                    let mut lower = t;
                    for period in periods {
                        match met(self, period.after(t), lower) {
                            Some(m) => lower = m + days(1),
                            None => break,
                        }
                    }
                }
                Schedule::Chain { first, then } => {
                    let mut from = t;
                    let mut step = 0;
                    while let Some(period) = chain_period(first, then, step, from, facts) {
                        let lower = if step == 0 { from } else { from + days(1) };
                        match met(self, period.after(from), lower) {
                            Some(m) => from = m,
                            None => break,
                        }
                        step += 1;
                    }
                }
                Schedule::ByOccasionOf { occasion, .. } => {
                    // Plans are ratified at the review the rule names.
                    if let Some(review) = events
                        .iter()
                        .filter(|e| e.kind == EventKind::ReviewHeld && e.date >= t)
                        .nth(occasion - 1)
                    {
                        met(self, review.date, t);
                    }
                }
            }
        }
        out
    }

    /// When a deadline due on `due` was met: usually on time, sometimes
    /// late; a few of those due in the last four months are not met yet,
    /// which is the backlog a worklist shows.
    pub(super) fn meet(
        &mut self,
        due: NaiveDate,
        lower: NaiveDate,
        end: NaiveDate,
    ) -> Option<NaiveDate> {
        let draw = self.rng.unit();
        let date = if draw < 0.88 {
            let early = self.rng.between(0, 7).min((due - lower).num_days().max(0));
            due - days(early)
        } else if draw < 0.97 || due < self.as_of - days(120) {
            due + days(self.rng.between(1, 45))
        } else {
            return None;
        };
        let date = date.max(lower);
        (date <= end).then_some(date)
    }
}
