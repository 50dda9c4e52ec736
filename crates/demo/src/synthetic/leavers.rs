//! The synthetic council's generator: the children who left care in the window: a leaver's journey, a simple period and an adopted leaver's.

use super::*;

impl Generator {
    /// A child who left care within the last `window_days`.
    pub(super) fn leaver(&mut self, exit: Exit, window_days: i64) {
        let left = self.as_of - days(self.rng.between(0, window_days - 1));
        let (rec, entry_age, length) = match exit {
            Exit::Adoption => {
                let rec = self.rng.weighted(&[
                    (Rec::AdoptedUnopposed, 25.0),
                    (Rec::AdoptedConsentDispensed, 75.0),
                ]);
                let age = self.rng.weighted(&[
                    (0u32, 45.0),
                    (1, 20.0),
                    (2, 15.0),
                    (3, 10.0),
                    (4, 6.0),
                    (5, 4.0),
                ]);
                (rec, age, 0)
            }
            Exit::SpecialGuardianship => (
                self.rng.weighted(&[
                    (Rec::SgoFormerFosterCarersRelatives, 30.0),
                    (Rec::SgoFormerFosterCarersOther, 10.0),
                    (Rec::SgoOtherCarersRelatives, 50.0),
                    (Rec::SgoOtherCarersOther, 10.0),
                ]),
                self.rng.between(0, 12) as u32,
                self.rng.lognormal_with_mean(600.0, 0.5) as i64,
            ),
            Exit::ChildArrangements => (
                Rec::ChildArrangementsOrder,
                self.rng.between(0, 13) as u32,
                self.rng.lognormal_with_mean(500.0, 0.6) as i64,
            ),
            Exit::ReturnHome => (
                self.rng.weighted(&[
                    (Rec::ReturnedHomePlanned, 75.0),
                    (Rec::ReturnedHomeUnplanned, 12.0),
                    (Rec::LeftToLiveWithParentNoPr, 13.0),
                ]),
                self.rng.between(0, 16) as u32,
                self.rng.lognormal_with_mean(250.0, 1.0) as i64,
            ),
            Exit::Aged18 => (
                self.rng.weighted(&[
                    (Rec::Aged18StayedWithCarers, 18.0),
                    (Rec::IndependentLivingSupported, 60.0),
                    (Rec::IndependentLivingUnsupported, 15.0),
                    (Rec::AdultSocialCare, 7.0),
                ]),
                self.rng.between(8, 17) as u32,
                0,
            ),
            Exit::Other => (
                self.rng.weighted(&[
                    (Rec::TransferredToOtherLa, 20.0),
                    (Rec::RemandEnded, 25.0),
                    (Rec::AgeAssessed18, 5.0),
                    (Rec::MovedAbroad, 5.0),
                    (Rec::Died, 2.0),
                    (Rec::OtherReason, 35.0),
                    (Rec::SentencedToCustody, 8.0),
                ]),
                self.rng.between(10, 17) as u32,
                self.rng.between(5, 200),
            ),
        };
        let uasc = exit == Exit::Aged18 && self.rng.chance(0.12);
        let sex = self.sex(uasc);
        let ethnicity = self.rng.weighted(ETHNICITY);
        let family = (*self.rng.pick(FAMILY)).to_owned();
        let home = self.postcode();
        let cin = self.category_of_need(uasc);
        match exit {
            Exit::Adoption => {
                self.adopted_leaver(left, rec, entry_age, sex, ethnicity, &family, &home, cin)
            }
            Exit::Aged18 => {
                let dob = left - Months::new(12 * 18);
                let entry_age = if uasc {
                    self.rng.between(14, 17) as u32
                } else {
                    entry_age
                };
                let entry = dob + Months::new(12 * entry_age) + days(self.rng.between(0, 300));
                let entry = entry.min(left - days(1));
                let child = self.child(&family, sex, dob, ethnicity, uasc);
                let mut d = Draft::new(child);
                let ls = if uasc || self.rng.chance(0.25) {
                    Ls::SingleAccommodation
                } else {
                    Ls::FullCareOrder
                };
                let pt = self.rng.weighted(&[
                    (Pt::FosterLongTerm, 40.0),
                    (Pt::SupportedAccommodation, 40.0),
                    (Pt::ChildrensHome, 15.0),
                    (Pt::FosterRelativeLongTerm, 5.0),
                ]);
                self.simple_period(&mut d, entry, left, rec, ls, pt, &home, cin);
                self.push(d);
            }
            _ => {
                let entry = left - days(length.max(1));
                let dob_from_age =
                    entry - Months::new(12 * entry_age) - days(self.rng.between(0, 364));
                let child = self.child(&family, sex, dob_from_age, ethnicity, false);
                let mut d = Draft::new(child);
                let (ls, pt) = match exit {
                    Exit::SpecialGuardianship => (
                        Ls::FullCareOrder,
                        if matches!(rec, Rec::SgoFormerFosterCarersRelatives) {
                            Pt::FosterRelativeLongTerm
                        } else {
                            Pt::FosterLongTerm
                        },
                    ),
                    Exit::ChildArrangements => (Ls::FullCareOrder, Pt::FosterRelativeOther),
                    Exit::ReturnHome => (
                        if self.rng.chance(0.6) {
                            Ls::SingleAccommodation
                        } else {
                            Ls::InterimCareOrder
                        },
                        if self.rng.chance(0.3) {
                            Pt::PlacedWithParents
                        } else {
                            Pt::FosterOther
                        },
                    ),
                    _ => (
                        if rec == Rec::RemandEnded {
                            Ls::RemandedToAccommodation
                        } else {
                            Ls::SingleAccommodation
                        },
                        Pt::ChildrensHome,
                    ),
                };
                self.simple_period(&mut d, entry, left, rec, ls, pt, &home, cin);
                self.push(d);
            }
        }
    }

    /// One period of care in one placement, from entry to leaving.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn simple_period(
        &mut self,
        d: &mut Draft,
        entry: NaiveDate,
        left: NaiveDate,
        rec: Rec,
        ls: Ls,
        pt: Pt,
        home: &Postcode,
        cin: Cin,
    ) {
        let placement = self.placement(pt);
        d.episodes.push(Episode {
            start: entry,
            reason_new_episode: Rne::Started,
            legal_status: ls,
            category_of_need: cin,
            placement,
            end: Some(EpisodeEnd {
                date: left,
                reason: rec,
            }),
            reason_placement_change: None,
            home_postcode: Some(home.clone()),
        });
        self.reviews(d, entry, left);
        self.social_workers(d, entry, Some(left));
    }

    /// A child adopted: interim order and foster care, a placement order,
    /// placement with adopters and, months later, the adoption order.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn adopted_leaver(
        &mut self,
        adopted: NaiveDate,
        rec: Rec,
        entry_age: u32,
        sex: Sex,
        ethnicity: Eth,
        family: &str,
        home: &Postcode,
        cin: Cin,
    ) {
        let to_placement =
            self.rng
                .lognormal_with_mean(ENTRY_TO_ADOPTIVE_PLACEMENT_DAYS, 0.3) as i64;
        let placement_to_order = self.rng.between(84, 300);
        let placed = adopted - days(placement_to_order);
        let entry = placed - days(to_placement.max(60));
        let order_to_match = (self
            .rng
            .lognormal_with_mean(PLACEMENT_ORDER_TO_MATCH_DAYS, 0.45)
            as i64)
            .min(to_placement - 40)
            .max(1);
        let placement_order =
            placed - days(order_to_match + self.rng.between(7, 30).min(order_to_match));
        let placement_order = placement_order.max(entry + days(1));
        let dob = entry - Months::new(12 * entry_age) - days(self.rng.between(0, 300));
        let child = self.child(family, sex, dob, ethnicity, false);
        let mut d = Draft::new(child);
        let foster = self.rng.weighted(&[
            (Pt::FosterOther, 75.0),
            (Pt::FosterFfa, 15.0),
            (Pt::FosterRelativeOther, 10.0),
        ]);
        let foster = self.placement(foster);
        let adopters_type = if foster.placement_type == Pt::FosterFfa {
            Pt::AdoptionPlacementOrderFormerCarer
        } else {
            Pt::AdoptionPlacementOrder
        };
        let adopters = self.placement(adopters_type);
        let end = |date, reason| Some(EpisodeEnd { date, reason });
        d.episodes = vec![
            Episode {
                start: entry,
                reason_new_episode: Rne::Started,
                legal_status: Ls::InterimCareOrder,
                category_of_need: cin,
                placement: foster.clone(),
                end: end(placement_order, Rec::NewEpisodeSameDay),
                reason_placement_change: None,
                home_postcode: Some(home.clone()),
            },
            Episode {
                start: placement_order,
                reason_new_episode: Rne::LegalStatusChange,
                legal_status: Ls::PlacementOrder,
                category_of_need: cin,
                placement: foster,
                end: end(placed, Rec::NewEpisodeSameDay),
                reason_placement_change: None,
                home_postcode: Some(home.clone()),
            },
            Episode {
                start: placed,
                reason_new_episode: if adopters_type == Pt::AdoptionPlacementOrderFormerCarer {
                    Rne::PlacementChangeSameCarer
                } else {
                    Rne::PlacementChange
                },
                legal_status: Ls::PlacementOrder,
                category_of_need: cin,
                placement: adopters,
                end: end(adopted, rec),
                reason_placement_change: Some(Rpc::CarerApprovalChange),
                home_postcode: Some(home.clone()),
            },
        ];
        self.reviews(&mut d, entry, adopted);
        self.social_workers(&mut d, entry, Some(adopted));
        self.push(d);
    }
}
