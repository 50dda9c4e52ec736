//! The synthetic council's generator: the route a family takes through care, the placement types and placements made for it, and how many of a family are in care (the draws behind `current_period`).

use super::*;

impl Generator {
    pub(super) fn route(&mut self, eldest_age: u32) -> Route {
        use Route::*;
        let weights: &[(Route, f64)] = match eldest_age {
            0 => &[
                (InterimOrder, 45.0),
                (CareOrder, 15.0),
                (PlacementOrder, 25.0),
                (Accommodated, 15.0),
            ],
            1..=4 => &[
                (InterimOrder, 12.0),
                (CareOrder, 50.0),
                (PlacementOrder, 25.0),
                (Accommodated, 13.0),
            ],
            5..=9 => &[
                (InterimOrder, 8.0),
                (CareOrder, 74.0),
                (PlacementOrder, 6.0),
                (Accommodated, 12.0),
            ],
            10..=15 => &[
                (InterimOrder, 7.0),
                (CareOrder, 82.0),
                (Accommodated, 10.0),
                (Remand, 1.0),
            ],
            _ => &[
                (InterimOrder, 4.0),
                (CareOrder, 82.0),
                (Accommodated, 12.0),
                (Remand, 2.0),
            ],
        };
        self.rng.weighted(weights)
    }

    /// Where a child lives now, given their age and legal route.
    pub(super) fn current_placement_type(
        &mut self,
        age: u32,
        route: Route,
        placed_for_adoption: bool,
    ) -> Pt {
        if placed_for_adoption {
            return self.rng.weighted(&[
                (Pt::AdoptionPlacementOrder, 80.0),
                (Pt::AdoptionPlacementOrderFormerCarer, 20.0),
            ]);
        }
        match (route, age) {
            (Route::Remand, _) => self.rng.weighted(&[
                (Pt::ChildrensHome, 50.0),
                (Pt::SecureChildrensHome, 30.0),
                (Pt::YoungOffenderInstitution, 20.0),
            ]),
            (Route::PlacementOrder, _) => self.rng.weighted(&[
                (Pt::FosterOther, 60.0),
                (Pt::FosterFfa, 25.0),
                (Pt::FosterRelativeOther, 15.0),
            ]),
            (_, 16..) => self.rng.weighted(&[
                (Pt::FosterLongTerm, 22.0),
                (Pt::FosterOther, 14.0),
                (Pt::FosterRelativeLongTerm, 6.0),
                (Pt::FosterRelativeOther, 4.0),
                (Pt::SupportedAccommodation, 36.0),
                (Pt::ChildrensHome, 11.0),
                (Pt::PlacedWithParents, 3.0),
                (Pt::IndependentLiving, 2.0),
                (Pt::ResidentialSchool, 1.0),
                (Pt::NhsHealthTrust, 0.5),
                (Pt::OtherPlacement, 0.5),
            ]),
            _ => self.rng.weighted(&[
                (Pt::FosterLongTerm, 26.0),
                (Pt::FosterOther, 30.0),
                (Pt::FosterRelativeLongTerm, 9.0),
                (Pt::FosterRelativeOther, 10.0),
                (Pt::ChildrensHome, 12.5),
                (Pt::PlacedWithParents, 8.5),
                (Pt::ResidentialSchool, 1.5),
                (Pt::FamilyCentre, 1.0),
                (Pt::ResidentialCareHome, 0.5),
                (Pt::SecureChildrensHome, 0.5),
                (Pt::NhsHealthTrust, 0.5),
            ]),
        }
    }

    /// An earlier placement, before the child's current one.
    pub(super) fn earlier_placement_type(&mut self, age_then: u32) -> Pt {
        if age_then >= 12 {
            self.rng.weighted(&[
                (Pt::FosterOther, 60.0),
                (Pt::ChildrensHome, 25.0),
                (Pt::FosterRelativeOther, 10.0),
                (Pt::TemporaryOtherReason, 5.0),
            ])
        } else {
            self.rng.weighted(&[
                (Pt::FosterOther, 80.0),
                (Pt::FosterRelativeOther, 15.0),
                (Pt::ChildrensHome, 5.0),
            ])
        }
    }

    pub(super) fn placement(&mut self, placement_type: Pt) -> Placement {
        use domain::codes::PlacementGroup as G;
        let provider = match placement_type.group() {
            G::KinshipFoster => Prov::OwnProvision,
            G::Foster => self.rng.weighted(&[
                (Prov::OwnProvision, 54.0),
                (Prov::PrivateProvision, 40.0),
                (Prov::VoluntaryProvision, 6.0),
            ]),
            G::PlacedForAdoption => self.rng.weighted(&[
                (Prov::OwnProvision, 70.0),
                (Prov::OtherLaProvision, 20.0),
                (Prov::VoluntaryProvision, 10.0),
            ]),
            G::PlacedWithParents => Prov::Parent,
            G::Residential | G::Secure | G::IndependentOrSemiIndependent => self.rng.weighted(&[
                (Prov::PrivateProvision, 75.0),
                (Prov::OwnProvision, 15.0),
                (Prov::VoluntaryProvision, 5.0),
                (Prov::OtherLaProvision, 5.0),
            ]),
            G::Temporary | G::Other => Prov::OwnProvision,
        };
        let registered = matches!(placement_type.group(), G::Residential | G::Secure)
            || placement_type == Pt::SupportedAccommodation
            || (placement_type.group() == G::Foster && provider != Prov::OwnProvision);
        let urn = registered.then(|| {
            Urn::parse(&format!("SC{:06}", self.rng.between(100_000, 999_999))).expect("valid URN")
        });
        Placement {
            placement_type,
            provider: Some(provider),
            postcode: (placement_type != Pt::PlacedWithParents).then(|| self.postcode()),
            urn,
        }
    }

    pub(super) fn reason_for_move(&mut self) -> Rpc {
        self.rng.weighted(&[
            (Rpc::CarerApprovalChange, 40.0),
            (Rpc::CarerRequestBehaviour, 15.0),
            (Rpc::CarerRequestOther, 10.0),
            (Rpc::LaRequest, 10.0),
            (Rpc::ChildRequest, 5.0),
            (Rpc::StandardsConcern, 3.0),
            (Rpc::Allegation, 2.0),
            (Rpc::ProviderClosed, 3.0),
            (Rpc::ApprovalRemoved, 2.0),
            (Rpc::PlacementChangeOther, 5.0),
            (Rpc::Other, 5.0),
        ])
    }

    /// A family entering care together (a sibling group, or one child);
    /// returns how many children in care it added, at most `room`.
    pub(super) fn family_in_care(&mut self, room: usize) -> usize {
        // Families are drawn, not children: a UASC arrives alone, so the family
        // share is raised by the mean family size (about 1.35) to hit UASC_SHARE.
        let uasc = self.rng.chance(UASC_SHARE * 1.33);
        let size = if uasc || !self.rng.chance(0.256) {
            1
        } else {
            self.rng.weighted(&[(2usize, 70.0), (3, 22.0), (4, 8.0)])
        }
        .min(room);
        let eldest_age = if uasc {
            self.rng
                .weighted(&[(14u32, 4.0), (15, 12.0), (16, 36.0), (17, 48.0)])
        } else {
            let (lo, hi) = self.rng.weighted(AGE_BANDS);
            self.rng.between(i64::from(lo), i64::from(hi)) as u32
        };
        // Siblings are older or younger than the first child drawn, so the
        // group as a whole keeps the age profile of AGE_BANDS.
        let mut ages = vec![eldest_age];
        while ages.len() < size {
            let gap = self.rng.between(1, 3) as u32;
            let (lo, hi) = (
                *ages.iter().min().expect("one age"),
                *ages.iter().max().expect("one age"),
            );
            let older = hi + gap;
            let younger = lo.checked_sub(gap);
            match (self.rng.chance(0.5), younger) {
                (true, _) | (false, None) if older <= 17 => ages.push(older),
                (_, Some(y)) => ages.push(y),
                _ => break,
            }
        }
        let eldest_age = *ages.iter().max().expect("one age");
        let family = (*self.rng.pick(FAMILY)).to_owned();
        let ethnicity = if uasc {
            self.rng.weighted(&[
                (Eth::BlackAfrican, 35.0),
                (Eth::AsianOther, 30.0),
                (Eth::OtherEthnicGroup, 35.0),
            ])
        } else {
            self.rng.weighted(ETHNICITY)
        };
        let dobs: Vec<NaiveDate> = ages
            .iter()
            .map(|&a| self.date_of_birth_for_age(a, self.as_of))
            .collect();
        let youngest_dob = *dobs.iter().max().expect("a family has a child");
        let route = if uasc {
            Route::Accommodated
        } else {
            self.route(eldest_age)
        };
        let max_days = (self.as_of - youngest_dob).num_days().max(0);
        let mut time_in_care = match route {
            Route::InterimOrder => self.rng.between(1, 270),
            Route::CareOrder => 200 + self.rng.lognormal_with_mean(900.0, 0.8) as i64,
            Route::PlacementOrder => self.rng.between(230, 700),
            Route::Accommodated => self.rng.lognormal_with_mean(400.0, 1.0) as i64,
            Route::Remand => self.rng.between(1, 60),
        }
        .min(max_days);
        if uasc {
            let arrived_from = (dobs[0] + Months::new(12 * 14) - youngest_dob).num_days();
            time_in_care = time_in_care.min(max_days - arrived_from.max(0)).max(0);
        }
        let entry = self.as_of - days(time_in_care);
        let home = self.postcode();
        let cin = self.category_of_need(uasc);
        let previous_period = !uasc && self.rng.chance(0.08);
        let mut ids = Vec::new();
        let first_index = self.out.len();
        for dob in dobs {
            let sex = self.sex(uasc);
            let child = self.child(&family, sex, dob, ethnicity, uasc);
            ids.push(child.id.clone());
            let mut draft = Draft::new(child);
            if previous_period {
                self.previous_period(&mut draft, entry, &home, cin);
            }
            self.current_period(&mut draft, entry, route, &home, cin);
            self.push(draft);
        }
        self.link_siblings(first_index, &ids);
        ids.len()
    }
}
