//! The Permanence Passport on both backends: each family's entitlements
//! from its household (role, linked children, address) and what a worker
//! records that the records do not hold; the passport written again when
//! that changes, its versions kept; reads audited, refusals too.

use app::AppError;
use app::households::{self as hh, NewHousehold};
use app::passport::entitlements::record_passport_inputs;
use app::passport::passport::{PassportView, open_passport, passport_version};
use domain::access::User;
use domain::child::{Child, ChildId, PersonName, Postcode};
use domain::codes::{
    CategoryOfNeed, Ethnicity, LegalStatus, PlacementProvider, PlacementType, ReasonNewEpisode, Sex,
};
use domain::households::household::LinkKind;
use domain::households::lifecycle::RoleKind;
use domain::journey::{CareJourney, Episode, Placement, SocialWorkerEpisode};
use domain::passport::entitlements::{Entitlement, Item, Offer};
use domain::passport::passport::{ChildHistory, PassportInputs};
use domain::roles::{Role, Worker};
use domain::time::{Clock, parse_iso_date};
use store::{AuditFilter, AuditLog, ChildRepository, StaffRepository, Store, StoreError};
use test_support::FixedClock;

fn d(s: &str) -> chrono::NaiveDate {
    parse_iso_date("test date", s).unwrap()
}

fn user(role: Role, team: Option<&str>) -> User {
    User {
        username: format!("{}.test", role.code()),
        display_name: role.title().into(),
        role,
        team: team.map(str::to_owned),
        worker_id: None,
    }
}

fn ssw() -> User {
    user(Role::SupervisingSocialWorker, Some("Kinship"))
}

/// Children in care of the Blaby team, each born on the date given.
fn children(store: &Store, born: &[(&str, &str)]) {
    let clock = FixedClock::on("2015-01-02");
    store
        .write(|tx| {
            tx.insert_workers(&[Worker {
                id: "W1".into(),
                team: "Blaby".into(),
            }])?;
            for (id, dob) in born {
                let child = Child {
                    id: ChildId::parse(id).unwrap(),
                    name: PersonName::parse("Ava", "Testcase").unwrap(),
                    sex: Sex::Female,
                    date_of_birth: d(dob),
                    ethnicity: Ethnicity::WhiteBritish,
                    pupil_number: None,
                    disabled: false,
                    uasc: None,
                };
                let start = d(dob).max(d("2004-01-01")) + chrono::Days::new(30);
                let episode = Episode {
                    start,
                    reason_new_episode: ReasonNewEpisode::Started,
                    legal_status: LegalStatus::FullCareOrder,
                    category_of_need: CategoryOfNeed::AbuseOrNeglect,
                    placement: Placement {
                        placement_type: PlacementType::FosterOther,
                        provider: Some(PlacementProvider::OwnProvision),
                        postcode: Some(Postcode::parse("LE3 8RA").unwrap()),
                        urn: None,
                    },
                    end: None,
                    reason_placement_change: None,
                    home_postcode: None,
                };
                let workers = vec![SocialWorkerEpisode {
                    worker_id: "W1".into(),
                    start,
                    end: None,
                    open_reason: None,
                }];
                let journey = CareJourney::build(
                    child,
                    vec![episode],
                    vec![],
                    vec![],
                    workers,
                    vec![],
                    start,
                )
                .unwrap();
                tx.insert_journey(&journey, clock.now())?;
            }
            Ok::<_, StoreError>(())
        })
        .unwrap();
}

fn version(store: &Store, id: &str) -> i64 {
    use store::HouseholdRepository;
    store.read(|tx| tx.household(id)).unwrap().unwrap().version
}

/// A family holding a role of `kind` from `start`, living at `postcode`,
/// with child C1 linked as `link` from `start`.
fn family(store: &Store, kind: RoleKind, start: &str, postcode: &str, link: LinkKind) -> String {
    let clock = FixedClock::on(start);
    let new = NewHousehold {
        name: "The Passport family".into(),
        address: "1 Mill Lane".into(),
        postcode: postcode.into(),
        moved_in: Some(d("2010-01-01")),
        role: Some(kind),
        ..Default::default()
    };
    let id = hh::add_household(store, &ssw(), &clock, new, "test").unwrap();
    let v = version(store, &id);
    hh::link_child(
        store,
        &ssw(),
        &clock,
        (&id, v),
        ("C1", link, d(start)),
        "test",
    )
    .unwrap();
    id
}

fn open(store: &Store, id: &str, on: &str) -> PassportView {
    open_passport(store, &ssw(), &FixedClock::on(on), id, "test").unwrap()
}

fn record(
    store: &Store,
    id: &str,
    on: &str,
    inputs: PassportInputs,
) -> Result<Option<u32>, AppError> {
    let seen = open(store, id, on).version;
    record_passport_inputs(
        store,
        &ssw(),
        &FixedClock::on(on),
        (id, seen),
        inputs,
        "test",
    )
}

fn item(view: &PassportView, item: Item) -> &Entitlement {
    view.entitlements
        .iter()
        .find(|e| e.item == item)
        .unwrap_or_else(|| panic!("{item:?} in {:?}", view.entitlements))
}

fn offered(view: &PassportView, wanted: Item) -> bool {
    view.entitlements.iter().any(|e| e.item == wanted)
}

/// The printed passport's text.
fn printed(view: &PassportView) -> String {
    let doc = &view.current().unwrap().document;
    doc.sections
        .iter()
        .flat_map(|s| {
            std::iter::once(s.heading.clone())
                .chain(s.paragraphs.clone())
                .chain(s.items.clone())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn history(looked_after: Option<bool>, overseas: bool, ehcp: bool) -> Vec<ChildHistory> {
    vec![ChildHistory {
        child_id: "C1".into(),
        previously_looked_after: looked_after,
        adopted_from_overseas: overseas,
        ehc_plan: ehcp,
    }]
}

fn audits(store: &Store, action: &str) -> usize {
    store
        .read(|tx| {
            tx.events(&AuditFilter {
                action: Some(action.into()),
                ..Default::default()
            })
        })
        .unwrap()
        .len()
}

test_support::on_both_backends! {
    fn pass_001_an_sgo_familys_support_lists_connected_items_and_no_adoption_only_items(db) {
        let store = &db.store;
        children(store, &[("C1", "2015-06-01")]);
        let id = family(store, RoleKind::SpecialGuardian, "2024-02-12", "LE3 8RA", LinkKind::SubjectOfOrder);
        let view = open(store, &id, "2025-05-01");
        for wanted in [Item::TherapeuticFund, Item::FamilyActionSupport, Item::SupportWorkerVisitsAndCalls] {
            assert!(offered(&view, wanted), "{wanted:?}");
        }
        for adoption_only in [Item::Letterbox, Item::BirthRecordsCounselling, Item::AdoptionNewsletter] {
            assert!(!offered(&view, adoption_only), "{adoption_only:?}");
        }
        let text = printed(&view);
        assert!(text.contains("Connected Permanence Offer") && !text.contains("Letterbox"), "{text}");
        // Every read of the child's record for the passport is audited, with no name.
        assert_eq!(audits(store, "passport.read_child"), 1);
        assert_eq!(audits(store, "passport.view"), 1);
        let trail = store.read(|tx| tx.events(&AuditFilter::default())).unwrap();
        assert!(trail.iter().all(|e| !e.details.contains("Ava") && !e.details.contains("Passport family")));
    }

    fn pass_002_a_connected_carers_child_has_both_offers_until_the_aunt_is_granted_an_sgo(db) {
        let store = &db.store;
        children(store, &[("C1", "2015-06-01")]);
        let id = family(store, RoleKind::ConnectedPersonCarer, "2025-02-01", "LE3 8RA", LinkKind::PlacedWith);
        let view = open(store, &id, "2025-02-01");
        assert_eq!(view.family.as_ref().unwrap().family_type.offers(), &[Offer::Connected, Offer::Fostering]);
        assert!(offered(&view, Item::SocialWorkerAndIro));
        let clock = FixedClock::on("2025-10-01");
        hh::add_role(store, &ssw(), &clock, (&id, version(store, &id)), (RoleKind::SpecialGuardian, None), "test").unwrap();
        let view = open(store, &id, "2025-10-01");
        assert_eq!(view.family.as_ref().unwrap().family_type.offers(), &[Offer::Connected]);
        assert!(!offered(&view, Item::SocialWorkerAndIro));
        assert_eq!(view.family.as_ref().unwrap().order_made, Some(d("2025-10-01")));
        // The change of order wrote a second version; the first stays.
        assert_eq!(view.record.versions.len(), 2);
        assert!(view.record.versions[1].reason.contains("order or care arrangement"), "{}", view.record.versions[1].reason);
    }

    fn pass_003_an_adopted_child_aged_12_is_eligible_and_at_18_is_not(db) {
        let store = &db.store;
        children(store, &[("C1", "2012-09-01")]);
        let id = family(store, RoleKind::Adopter, "2020-06-01", "LE3 8RA", LinkKind::PlacedWith);
        let placed_elsewhere = PassportInputs {
            placing_authority: Some("Nottinghamshire County Council".into()),
            order_made: Some(d("2021-01-20")),
            ..Default::default()
        };
        record(store, &id, "2025-03-01", placed_elsewhere).unwrap();
        let view = open(store, &id, "2025-03-01");
        let a = item(&view, Item::AdoptionSupportAssessment);
        assert!(a.eligible, "{a:?}");
        assert_eq!(a.ends, Some(d("2030-08-31")));
        let adult = open(store, &id, "2030-09-01");
        let a = item(&adult, Item::AdoptionSupportAssessment);
        assert!(!a.eligible);
        assert!(a.reason.contains("adopted adults") && a.reason.contains("Adoption Support Fund"), "{}", a.reason);
    }

    fn pass_004_an_sgo_family_not_in_proceedings_may_ask_first_response_and_has_no_visit_schedule(db) {
        let store = &db.store;
        children(store, &[("C1", "2015-06-01")]);
        let id = family(store, RoleKind::SpecialGuardian, "2024-02-12", "LE3 8RA", LinkKind::SubjectOfOrder);
        let private = PassportInputs { council_was_party: Some(false), ..Default::default() };
        record(store, &id, "2025-06-02", private).unwrap();
        let view = open(store, &id, "2025-06-02");
        assert!(item(&view, Item::SupportAssessment).eligible);
        let visits = item(&view, Item::SupportWorkerVisitsAndCalls);
        assert!(!visits.eligible && visits.rule == "VISIT-004", "{visits:?}");
        assert!(item(&view, Item::TherapeuticFund).eligible);
        // A family living outside Leicestershire is told to ask where they live.
        let moved = PassportInputs { lives_in: Some("Derbyshire".into()), ..Default::default() };
        record(store, &id, "2025-06-03", moved).unwrap();
        assert!(!item(&open(store, &id, "2025-06-03"), Item::SupportAssessment).eligible);
    }

    fn pass_005_a_connected_carer_on_temporary_approval_gets_the_allowance_and_payments(db) {
        let store = &db.store;
        children(store, &[("C1", "2015-06-01")]);
        let id = family(store, RoleKind::ConnectedPersonCarer, "2025-04-07", "LE3 8RA", LinkKind::PlacedWith);
        let view = open(store, &id, "2025-04-07");
        for (wanted, rule) in [(Item::FosteringAllowance, "PAY-010"), (Item::SpecialPayments, "PAY-011"), (Item::SettlingInGrant, "PAY-001"), (Item::Mileage, "PAY-012")] {
            let e = item(&view, wanted);
            assert!(e.eligible && e.rule == rule && e.starts == Some(d("2025-04-07")), "{e:?}");
        }
        assert!(item(&view, Item::SupervisingSocialWorker).eligible);
        assert!(printed(&view).contains("One week's allowance for the child's birthday"));
    }

    fn pass_006_a_long_term_fostered_childs_offer_has_social_worker_iro_and_a_pathway_plan_from_16(db) {
        let store = &db.store;
        children(store, &[("C1", "2010-03-15")]);
        let id = family(store, RoleKind::FosterCarer, "2023-01-09", "LE3 8RA", LinkKind::PlacedWith);
        let view = open(store, &id, "2025-09-01");
        assert!(item(&view, Item::SocialWorkerAndIro).eligible);
        let pathway = item(&view, Item::PathwayPlan);
        assert!(!pathway.eligible && pathway.starts == Some(d("2026-03-15")), "{pathway:?}");
        assert!(item(&open(store, &id, "2026-03-15"), Item::PathwayPlan).eligible);
        let asf = item(&view, Item::AdoptionSupportFund);
        assert!(!asf.eligible);
    }

    fn pass_007_a_residence_order_counts_as_a_child_arrangements_order(db) {
        let store = &db.store;
        children(store, &[("C1", "2010-03-15")]);
        let id = family(store, RoleKind::ChildArrangementsOrderHolder, "2012-07-10", "LE3 8RA", LinkKind::SubjectOfOrder);
        let ro = PassportInputs {
            family_type: Some(domain::passport::entitlements::FamilyType::ResidenceOrder),
            ..Default::default()
        };
        record(store, &id, "2025-01-15", ro).unwrap();
        let view = open(store, &id, "2025-01-15");
        let t = view.family.as_ref().unwrap().family_type;
        assert_eq!(t.offers(), &[Offer::Connected]);
        assert_eq!(t.order_category(), Some(domain::passport::entitlements::FamilyType::ChildArrangementsOrder));
        assert!(offered(&view, Item::FamilyActionSupport));
    }

    fn pass_008_the_passport_says_whom_to_ask_for_each_offer(db) {
        let store = &db.store;
        children(store, &[("C1", "2015-06-01"), ("C2", "2014-01-01")]);
        let kin = family(store, RoleKind::ConnectedPersonCarer, "2025-03-03", "LE3 8RA", LinkKind::PlacedWith);
        let text = printed(&open(store, &kin, "2025-03-03"));
        assert!(text.contains("the Team Manager for Connected and Kinship Care"), "{text}");
        assert!(text.contains("the Service Manager for Fostering"), "{text}");
        assert!(text.contains("supervising social worker"));
        let adopters = family(store, RoleKind::Adopter, "2025-03-03", "LE3 8RA", LinkKind::PlacedWith);
        let text = printed(&open(store, &adopters, "2025-03-03"));
        assert!(text.contains("the Team Manager for Adoption") && !text.contains("Service Manager for Fostering"), "{text}");
    }

    fn pass_010_the_passport_prints_the_contact_directory_exactly(db) {
        let store = &db.store;
        children(store, &[("C1", "2015-06-01")]);
        let id = family(store, RoleKind::Adopter, "2025-01-06", "LE3 8RA", LinkKind::PlacedWith);
        let text = printed(&open(store, &id, "2025-06-10"));
        for exact in ["0116 3053052", "Adoptionsupport@leics.gov.uk", "9 Newarke Street, Leicester, LE1 5SN", "0116 2574979", "fpsadmin@leics.gov.uk", "Booking Consultation Session", "0116 3056097", "youthoffendingservice@leics.gov.uk", "0116 3050030"] {
            assert!(text.contains(exact), "{exact}");
        }
        assert!(!text.contains("sgosupport@leics.gov.uk"), "the connected offer's address is not an adopter's");
    }

    fn assess_002_the_placing_council_is_responsible_for_three_years_wherever_the_family_lives(db) {
        let store = &db.store;
        children(store, &[("C1", "2015-06-01")]);
        let id = family(store, RoleKind::Adopter, "2022-06-15", "DE1 1AA", LinkKind::PlacedWith);
        let moved = PassportInputs {
            order_made: Some(d("2023-06-15")),
            lives_in: Some("Derbyshire".into()),
            ..Default::default()
        };
        record(store, &id, "2024-01-10", moved).unwrap();
        let a = item(&open(store, &id, "2026-06-14"), Item::AdoptionSupportAssessment).clone();
        assert!(a.eligible && a.rule == "ASSESS-002", "{a:?}");
        let view = open(store, &id, "2026-06-15");
        let a = item(&view, Item::AdoptionSupportAssessment);
        assert!(!a.eligible && a.rule == "ASSESS-003" && a.reason.contains("Derbyshire"), "{a:?}");
    }

    fn assess_003_after_three_years_the_council_where_the_family_lives_is_responsible(db) {
        let store = &db.store;
        children(store, &[("C1", "2015-06-01")]);
        let id = family(store, RoleKind::Adopter, "2019-01-02", "LE3 8RA", LinkKind::PlacedWith);
        let city = PassportInputs {
            placing_authority: Some("Nottingham City Council".into()),
            order_made: Some(d("2019-09-02")),
            ..Default::default()
        };
        record(store, &id, "2025-01-20", city).unwrap();
        let a = item(&open(store, &id, "2025-01-20"), Item::AdoptionSupportAssessment).clone();
        assert!(a.eligible && a.rule == "ASSESS-003", "{a:?}");
    }

    fn assess_004_financial_support_decided_before_the_order_stays_with_the_deciding_council(db) {
        let store = &db.store;
        children(store, &[("C1", "2015-06-01")]);
        let id = family(store, RoleKind::Adopter, "2020-09-01", "CV1 1AA", LinkKind::PlacedWith);
        let inputs = PassportInputs {
            order_made: Some(d("2021-05-10")),
            financial_support_decided: Some(d("2021-03-01")),
            lives_in: Some("Warwickshire".into()),
            ..Default::default()
        };
        record(store, &id, "2025-05-12", inputs).unwrap();
        let view = open(store, &id, "2025-05-12");
        let money = item(&view, Item::FinancialSupportReview);
        assert!(money.eligible && money.reason.contains("Leicestershire County Council"), "{money:?}");
        let a = item(&view, Item::AdoptionSupportAssessment);
        assert!(!a.eligible && a.reason.contains("Warwickshire"), "{a:?}");
    }

    fn assess_005_a_child_placed_by_another_council_is_theirs_until_three_years_after_the_order(db) {
        let store = &db.store;
        children(store, &[("C1", "2015-06-01")]);
        let id = family(store, RoleKind::Adopter, "2023-10-01", "LE3 8RA", LinkKind::PlacedWith);
        let city = PassportInputs {
            placing_authority: Some("Leicester City Council".into()),
            order_made: Some(d("2024-04-04")),
            ..Default::default()
        };
        record(store, &id, "2025-08-01", city).unwrap();
        let view = open(store, &id, "2025-08-01");
        let a = item(&view, Item::AdoptionSupportAssessment);
        assert!(!a.eligible && a.rule == "ASSESS-005" && a.starts == Some(d("2027-04-04")), "{a:?}");
        assert!(printed(&view).contains("Leicester City Council placed Ava and is responsible until 3 April 2027"));
    }

    fn assess_017_an_sgo_familys_former_council_is_responsible_for_three_years(db) {
        let store = &db.store;
        children(store, &[("C1", "2015-06-01")]);
        let id = family(store, RoleKind::SpecialGuardian, "2023-03-01", "NN1 1AA", LinkKind::SubjectOfOrder);
        let moved = PassportInputs { lives_in: Some("West Northamptonshire".into()), ..Default::default() };
        record(store, &id, "2026-02-27", moved).unwrap();
        let text = printed(&open(store, &id, "2026-02-27"));
        assert!(text.contains("Leicestershire County Council is responsible for your support until 28 February 2026"), "{text}");
        let text = printed(&open(store, &id, "2026-04-10"));
        assert!(text.contains("West Northamptonshire is responsible for your support"), "{text}");
    }

    fn pay_022_the_adoption_support_fund_follows_the_childs_history(db) {
        let store = &db.store;
        children(store, &[("C1", "2016-01-01")]);
        let id = family(store, RoleKind::SpecialGuardian, "2022-03-01", "LE3 8RA", LinkKind::SubjectOfOrder);
        assert!(item(&open(store, &id, "2025-03-01"), Item::AdoptionSupportFund).eligible);
        let never = PassportInputs { children: history(Some(false), false, false), ..Default::default() };
        record(store, &id, "2025-03-02", never).unwrap();
        assert!(!item(&open(store, &id, "2025-03-02"), Item::AdoptionSupportFund).eligible);
        let overseas = PassportInputs {
            family_type: Some(domain::passport::entitlements::FamilyType::Adoptive),
            order_made: Some(d("2022-03-01")),
            children: history(Some(false), true, false),
            ..Default::default()
        };
        record(store, &id, "2025-03-03", overseas).unwrap();
        let asf = item(&open(store, &id, "2025-03-03"), Item::AdoptionSupportFund).clone();
        assert!(asf.eligible && asf.reason.contains("from overseas"), "{asf:?}");
    }

    fn pay_023_the_fund_lasts_to_21_or_to_25_with_an_education_health_and_care_plan(db) {
        let store = &db.store;
        children(store, &[("C1", "2004-05-01")]);
        let id = family(store, RoleKind::Adopter, "2008-01-01", "LE3 8RA", LinkKind::PlacedWith);
        record(store, &id, "2026-04-30", PassportInputs { order_made: Some(d("2009-01-01")), ..Default::default() }).unwrap();
        assert!(item(&open(store, &id, "2026-04-30"), Item::AdoptionSupportFund).eligible);
        let late = item(&open(store, &id, "2026-05-01"), Item::AdoptionSupportFund).clone();
        assert!(!late.eligible && late.rule == "PAY-023", "{late:?}");
        let plan = PassportInputs { order_made: Some(d("2009-01-01")), children: history(None, false, true), ..Default::default() };
        record(store, &id, "2026-05-02", plan).unwrap();
        let asf = item(&open(store, &id, "2026-05-02"), Item::AdoptionSupportFund).clone();
        assert!(asf.eligible && asf.ends == Some(d("2030-04-30")), "{asf:?}");
    }

    fn the_passport_tells_the_family_how_to_complain_and_where_to_find_an_advocate(db) {
        let store = &db.store;
        children(store, &[("C1", "2015-06-01")]);
        let id = family(store, RoleKind::FosterCarer, "2025-03-03", "LE3 8RA", LinkKind::PlacedWith);
        let text = printed(&open(store, &id, "2025-03-03"));
        assert!(text.contains("Speak first to a member of staff"), "{text}");
        assert!(text.contains("complaints leaflet") && text.contains("online complaint form") && text.contains("Citizens Advice"), "{text}");
    }

    fn a_move_writes_a_new_version_and_the_old_one_stays_viewable(db) {
        let store = &db.store;
        children(store, &[("C1", "2015-06-01")]);
        let id = family(store, RoleKind::SpecialGuardian, "2024-02-12", "LE3 8RA", LinkKind::SubjectOfOrder);
        let first = open(store, &id, "2025-01-02");
        assert_eq!(first.record.versions.len(), 1);
        // Opening it again on another day changes nothing: no new version.
        assert_eq!(open(store, &id, "2025-01-03").record.versions.len(), 1);
        let clock = FixedClock::on("2025-02-01");
        hh::record_move(store, &ssw(), &clock, (&id, version(store, &id)), ("2 High St", "DE1 1AA", d("2025-02-01")), "test").unwrap();
        let view = open(store, &id, "2025-02-01");
        assert_eq!(view.record.versions.len(), 2);
        assert!(view.record.versions[1].reason.contains("where the family lives"));
        let (_, old) = passport_version(store, &ssw(), &clock, &id, 1, "test").unwrap();
        assert_eq!(old.made_on, d("2025-01-02"));
        assert!(passport_version(store, &ssw(), &clock, &id, 9, "test").is_err());
        assert_eq!(audits(store, "passport.regenerate"), 2);
        assert_eq!(audits(store, "passport.view_version"), 1);
    }

    fn the_familys_details_are_refused_when_stale_wrong_or_not_the_users(db) {
        let store = &db.store;
        children(store, &[("C1", "2015-06-01")]);
        let id = family(store, RoleKind::Adopter, "2024-02-12", "LE3 8RA", LinkKind::PlacedWith);
        let clock = FixedClock::on("2025-01-02");
        let seen = open(store, &id, "2025-01-02").version;
        let stale = record_passport_inputs(store, &ssw(), &clock, (&id, seen + 5), PassportInputs::default(), "test");
        assert!(matches!(stale, Err(AppError::Store(StoreError::Stale { .. }))), "{stale:?}");
        let future = PassportInputs { order_made: Some(d("2026-01-01")), ..Default::default() };
        let wrong = record_passport_inputs(store, &ssw(), &clock, (&id, seen), future, "test");
        assert!(matches!(&wrong, Err(AppError::Invalid(m)) if m.contains("order date")), "{wrong:?}");
        let other = PassportInputs { children: vec![ChildHistory { child_id: "C9".into(), ..Default::default() }], ..Default::default() };
        assert!(matches!(record_passport_inputs(store, &ssw(), &clock, (&id, seen), other, "test"), Err(AppError::Invalid(_))));
        assert_eq!(open(store, &id, "2025-01-02").version, seen, "nothing changed");
        let melton = user(Role::SocialWorker, Some("Melton"));
        assert!(matches!(open_passport(store, &melton, &clock, &id, "test"), Err(AppError::Forbidden(_))));
        // The panel adviser sees a household only while it is before the panel.
        let panel = user(Role::PanelAdviser, None);
        assert!(matches!(record_passport_inputs(store, &panel, &clock, (&id, seen), PassportInputs::default(), "test"), Err(AppError::Forbidden(_))));
        assert_eq!(audits(store, "view_household_denied"), 2, "both refusals audited");
    }
}
