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

    fn pay_010_the_fostering_allowance_runs_from_the_day_of_placement_not_the_later_approval(db) {
        let store = &db.store;
        children(store, &[("C1", "2015-06-01")]);
        let id = family(store, RoleKind::ConnectedPersonCarer, "2025-03-05", "LE3 8RA", LinkKind::PlacedWith);
        // Full approval on 2025-06-20 changes nothing: it was paid from the placement.
        let e = item(&open(store, &id, "2025-06-20"), Item::FosteringAllowance).clone();
        assert_eq!((e.eligible, e.rule, e.starts), (true, "PAY-010", Some(d("2025-03-05"))));
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

    fn pass_011_a_configured_rule_cites_the_legal_register_and_an_unknown_citation_is_saved_with_a_warning(db) {
        use app::passport::configuration::{configure_rule, passport_configuration};
        let store = &db.store;
        let clock = FixedClock::on("2025-01-06");
        let manager = user(Role::ServiceManager, None);
        let by = (&manager, &clock as &dyn Clock, "test");
        let cites = |c: &[&str]| c.iter().map(|s| (*s).to_owned()).collect::<Vec<String>>();
        // Only those who keep the agency's records configure the passport.
        let sw = user(Role::SocialWorker, Some("Blaby"));
        assert!(matches!(configure_rule(store, (&sw, &clock, "test"), 0, ("PAY-017", "£450", &cites(&["Children Act 1989"]))), Err(AppError::Forbidden(_))));
        // A citation of the register resolves to its entry: no warning.
        let warnings = configure_rule(store, by, 0, ("pay-017", "£450 a year for each child or family member", &cites(&["Adoption Support Services Regulations 2005", "The Children Act 1989, Section 17"]))).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let held = passport_configuration(store, &manager).unwrap();
        let rule = &held.value.current()[0];
        assert_eq!(rule.rule, "PAY-017");
        assert_eq!(rule.citations[0].1.as_deref(), Some("Adoption Support Services Regulations 2005"));
        assert_eq!(rule.citations[1].1.as_deref(), Some("The Children Act 1989"));
        // One the register does not hold is saved with a warning.
        let warnings = configure_rule(store, by, held.version, ("PAY-018", "A further £450 with approval", &cites(&["Adoption Support Regulations 2009"]))).unwrap();
        assert_eq!(warnings, vec!["\"Adoption Support Regulations 2009\" is not in the legal framework register".to_owned()]);
        let held = passport_configuration(store, &manager).unwrap();
        assert_eq!(held.value.current()[1].citations[0].1, None);
        // Nothing cited, or a stale version: refused, nothing saved.
        let err = configure_rule(store, by, held.version, ("PAY-019", "Approval", &[])).unwrap_err();
        assert!(err.to_string().starts_with("citations:"), "{err}");
        let err = configure_rule(store, by, 1, ("PAY-019", "Approval", &cites(&["Children and Families Act 2014"]))).unwrap_err();
        assert!(err.to_string().contains("changed by someone else"), "{err}");
        assert_eq!(passport_configuration(store, &manager).unwrap().value.rules.len(), 2);
        let saved = store.read(|tx| tx.events(&AuditFilter { action: Some("passport.configure_rule".into()), ..Default::default() })).unwrap();
        assert_eq!(saved.len(), 2);
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

// A family's support: assessments of need, plans, visits and calls, the
// rest of the offer (app::passport::support).
use app::passport::support::{SupportAction as A, SupportView, act_on_support, open_support};
use domain::passport::checkins::{CallOutcome, ContactKind, NewCheckIn};
use domain::passport::offer::{Booking, BookingKind};
use domain::passport::support::{
    Assessment, ChildCopy, Delivery, NewRequest, POST_ADOPTION_SUPPORT, RequestStage, Requester,
    Route, Section,
};

fn tm() -> User {
    user(Role::TeamManager, Some("Kinship"))
}

fn support(store: &Store, id: &str, on: &str) -> SupportView {
    open_support(store, (&ssw(), &FixedClock::on(on), "test"), id).unwrap()
}

fn act(store: &Store, id: &str, who: &User, on: &str, action: A) -> Result<String, AppError> {
    let clock = FixedClock::on(on);
    let seen = support(store, id, on).version;
    act_on_support(store, (who, &clock, "test"), (id, seen), action)
}

fn ask(on: &str, requester: Requester, route: Route) -> A {
    A::Request(new_request(on, requester, route))
}

fn refused(result: Result<String, AppError>, why: &str) {
    assert!(
        matches!(&result, Err(AppError::Invalid(m)) if m.contains(why)),
        "{why}: {result:?}"
    );
}

/// An adoptive family placed on `placed` by this council, the order made on `order`.
fn adopters(store: &Store, placed: &str, order: &str) -> String {
    children(store, &[("C1", "2018-06-01")]);
    let id = family(
        store,
        RoleKind::Adopter,
        placed,
        "LE3 8RA",
        LinkKind::PlacedWith,
    );
    let inputs = PassportInputs {
        order_made: Some(d(order)),
        lives_in: Some("Leicestershire".into()),
        ..Default::default()
    };
    record(store, &id, order, inputs).unwrap();
    id
}

/// Request 1 of the family, allocated to the post-order support worker and assessed.
fn assessed(store: &Store, id: &str) {
    act(
        store,
        id,
        &ssw(),
        "2025-04-01",
        ask("2025-04-01", Requester::AdoptiveParent, Route::SelfReferral),
    )
    .unwrap();
    let allocate = A::Allocate {
        request: 1,
        worker: "post_order_support_worker.test".into(),
    };
    act(store, id, &ssw(), "2025-04-02", allocate).unwrap();
    let assessment = |copy| A::Complete {
        request: 1,
        assessment: Assessment {
            completed: d("2025-04-30"),
            needs: "Family therapy".into(),
            outcome_told: d("2025-05-02"),
            report_to_parents: d("2025-05-02"),
            child_copy: copy,
        },
    };
    refused(
        act(
            store,
            id,
            &ssw(),
            "2025-05-02",
            assessment(ChildCopy::NotAppropriate(String::new())),
        ),
        "not appropriate",
    );
    act(
        store,
        id,
        &ssw(),
        "2025-05-02",
        assessment(ChildCopy::NotAppropriate("She is four".into())),
    )
    .unwrap();
}

fn call(made: &str) -> NewCheckIn {
    NewCheckIn {
        kind: ContactKind::Call,
        made: d(made),
        outcome: CallOutcome::Completed,
        topics: "Summer picnic, training".into(),
        needs: String::new(),
        action: String::new(),
        plan_appropriate: true,
        next_contact: None,
        series_complete: false,
        assessment_requested: false,
    }
}

fn plan(store: &Store, id: &str, on: &str) {
    let plan = A::ProposePlan {
        wellbeing: Section::from_form("Theraplay sessions", ""),
        education: Section::from_form("", "Settled at school"),
        other: String::new(),
    };
    act(store, id, &ssw(), on, plan).unwrap();
}

mod support {
    use super::*;

    test_support::on_both_backends! {
        fn assess_001_a_family_may_ask_again_at_once_assess_006_who_may_ask_and_assess_008_consent(db) {
            let store = &db.store;
            let id = adopters(store, "2024-01-10", "2024-11-01");
            act(store, &id, &ssw(), "2025-02-10", ask("2025-02-10", Requester::AdoptiveParent, Route::SelfReferral)).unwrap();
            // No "too soon": a second request the next day is recorded too.
            act(store, &id, &ssw(), "2025-02-11", ask("2025-02-11", Requester::AdoptiveParent, Route::SelfReferral)).unwrap();
            let view = support(store, &id, "2025-02-11");
            assert_eq!(view.record.requests.len(), 2);
            assert!(view.record.requests[1].routed_to.contains("Permanence Team"), "{:?}", view.record.requests[1]);
            assert_eq!(view.record.requests[1].stage, RequestStage::Received);
            // ASSESS-006: a birth sibling may ask; another person only with the relationship described.
            act(store, &id, &ssw(), "2025-07-07", ask("2025-07-07", Requester::BirthSibling, Route::SelfReferral)).unwrap();
            refused(act(store, &id, &ssw(), "2025-07-07", ask("2025-07-07", Requester::OtherPerson, Route::SelfReferral)), "beneficial relationship");
            let described = A::Request(NewRequest { relationship: "Her former foster carer".into(), ..new_request("2025-07-07", Requester::OtherPerson, Route::SelfReferral) });
            act(store, &id, &ssw(), "2025-07-07", described).unwrap();
            // ASSESS-008: a school's referral needs the parents' consent.
            refused(act(store, &id, &ssw(), "2025-05-12", ask("2025-05-12", Requester::AdoptiveParent, Route::Professional)), "consented");
            let consented = A::Request(NewRequest { consent_on: Some(d("2025-05-09")), ..new_request("2025-05-12", Requester::AdoptiveParent, Route::Professional) });
            act(store, &id, &ssw(), "2025-07-08", consented).unwrap();
            assert_eq!(support(store, &id, "2025-07-08").record.requests.len(), 5);
            assert_eq!(audits(store, "support.request"), 5, "only what was recorded is audited");
        }

        fn assess_009_the_outcome_and_report_go_to_the_family_assess_011_the_decision_to_provide_and_gen_012_its_notice(db) {
            let store = &db.store;
            let id = adopters(store, "2023-01-10", "2023-11-01");
            assessed(store, &id);
            let view = support(store, &id, "2025-05-02");
            assert_eq!(view.record.requests[0].stage, RequestStage::Assessed);
            assert_eq!(view.record.requests[0].assessment.as_ref().unwrap().child_copy, ChildCopy::NotAppropriate("She is four".into()));
            let decide = |provide, reasons: &str, delivery| A::Decide { request: 1, provide, reasons: reasons.into(), delivery };
            // Only a manager decides; a commissioned service names its provider; "no" gives reasons.
            assert!(matches!(act(store, &id, &ssw(), "2025-06-01", decide(false, "No budget", None)), Err(AppError::Invalid(m)) if m.contains("Team Manager")));
            let nameless = Delivery::Commissioned { provider: String::new(), contract: None };
            refused(act(store, &id, &tm(), "2025-06-01", decide(true, "Needed", Some(nameless))), "provider");
            refused(act(store, &id, &tm(), "2025-06-01", decide(false, "", None)), "reasons");
            act(store, &id, &tm(), "2025-06-01", decide(false, "Met by the school's own counsellor", None)).unwrap();
            let decided = support(store, &id, "2025-06-01").record.requests[0].provision.clone().unwrap();
            assert!(!decided.provide);
            assert!(decided.notice.contains("Reasons: Met by the school's own counsellor"), "{}", decided.notice);
            assert!(decided.notice.contains("appeal to the Service Manager for the Fostering and Adoption Service"), "{}", decided.notice);
        }

        fn pay_024_an_asf_application_rests_on_a_completed_assessment_and_pay_025_the_allocated_worker_makes_it(db) {
            let store = &db.store;
            let id = adopters(store, "2023-01-10", "2023-11-01");
            assessed(store, &id);
            let apply = |request, what: &str| A::ApplyToAsf { request, intervention: what.into() };
            act(store, &id, &ssw(), "2025-06-01", ask("2025-06-01", Requester::AdoptiveParent, Route::SelfReferral)).unwrap();
            refused(act(store, &id, &ssw(), "2025-06-02", apply(2, "Theraplay")), "completed assessment");
            let posw = user(Role::PostOrderSupportWorker, Some("Kinship"));
            refused(act(store, &id, &posw, "2025-06-10", apply(1, "")), "intervention");
            refused(act(store, &id, &tm(), "2025-06-12", apply(1, "Theraplay")), "allocated social worker");
            act(store, &id, &posw, "2025-06-12", apply(1, "Dyadic Developmental Psychotherapy")).unwrap();
            let asf = support(store, &id, "2025-06-12").record.requests[0].asf.clone().unwrap();
            assert_eq!(asf.processed_by, POST_ADOPTION_SUPPORT);
            assert_eq!(asf.made, d("2025-06-12"));
        }

        fn assess_010_another_councils_family_closes_only_signposted_and_assess_015_the_route_follows_the_order(db) {
            let store = &db.store;
            children(store, &[("C1", "2018-06-01")]);
            let id = family(store, RoleKind::Adopter, "2023-10-01", "LE3 8RA", LinkKind::PlacedWith);
            let city = PassportInputs { placing_authority: Some("Leicester City Council".into()), order_made: Some(d("2024-04-04")), ..Default::default() };
            record(store, &id, "2025-08-01", city).unwrap();
            act(store, &id, &ssw(), "2025-08-01", ask("2025-08-01", Requester::AdoptiveParent, Route::SelfReferral)).unwrap();
            let r = support(store, &id, "2025-08-01").record.requests[0].clone();
            assert_eq!((r.stage, r.rule.as_str(), r.responsible.as_str()), (RequestStage::NotOurs, "ASSESS-005", "Leicester City Council"));
            refused(act(store, &id, &ssw(), "2025-08-01", A::Signpost { request: 1, advice: " ".into() }), "responsible authority");
            act(store, &id, &ssw(), "2025-08-01", A::Signpost { request: 1, advice: "Leicester City Council's post-adoption team".into() }).unwrap();
            assert_eq!(support(store, &id, "2025-08-01").record.requests[0].stage, RequestStage::Signposted);
            // ASSESS-015: this council's family, order 2022-09-01.
            let ours = family(store, RoleKind::Adopter, "2022-01-10", "LE3 8RA", LinkKind::PlacedWith);
            let order = PassportInputs { order_made: Some(d("2022-09-01")), lives_in: Some("Leicestershire".into()), ..Default::default() };
            record(store, &ours, "2025-08-30", order).unwrap();
            act(store, &ours, &ssw(), "2025-08-31", ask("2025-08-31", Requester::AdoptiveParent, Route::FirstResponse)).unwrap();
            act(store, &ours, &ssw(), "2025-09-01", ask("2025-09-01", Requester::AdoptiveParent, Route::FirstResponse)).unwrap();
            let view = support(store, &ours, "2025-09-01");
            assert!(view.record.requests[0].routed_to.contains("Permanence Team"), "{:?}", view.record.requests[0]);
            assert!(view.record.requests[1].routed_to.contains("fieldwork social work service"), "{:?}", view.record.requests[1]);
        }

        fn assess_016_an_sgo_familys_first_response_call_ends_in_advice_or_goes_to_a_manager(db) {
            let store = &db.store;
            children(store, &[("C1", "2015-06-01")]);
            let id = family(store, RoleKind::SpecialGuardian, "2024-02-12", "LE3 8RA", LinkKind::SubjectOfOrder);
            for on in ["2025-02-17", "2025-02-18"] {
                act(store, &id, &ssw(), on, ask(on, Requester::SpecialGuardian, Route::FirstResponse)).unwrap();
            }
            assert_eq!(support(store, &id, "2025-02-18").record.requests[0].stage, RequestStage::FirstResponse);
            act(store, &id, &ssw(), "2025-02-18", A::FirstResponse { request: 1, advice: Some("Family Action's support group".into()) }).unwrap();
            act(store, &id, &ssw(), "2025-02-18", A::FirstResponse { request: 2, advice: None }).unwrap();
            let view = support(store, &id, "2025-02-18");
            assert_eq!(view.record.requests[0].stage, RequestStage::Advised);
            assert_eq!(view.record.requests[1].stage, RequestStage::WithManager);
            let allocate = || A::Allocate { request: 2, worker: "adoption.sw".into() };
            assert!(act(store, &id, &ssw(), "2025-02-19", allocate()).is_err(), "a manager allocates");
            act(store, &id, &tm(), "2025-02-19", allocate()).unwrap();
            assert_eq!(support(store, &id, "2025-02-19").record.requests[1].stage, RequestStage::Assessing);
        }

        fn pass_009_a_plan_addresses_wellbeing_and_education_and_assess_012_is_final_ten_days_after_it_is_sent(db) {
            let store = &db.store;
            let id = adopters(store, "2024-06-01", "2025-01-10");
            let half = A::ProposePlan { wellbeing: Section::from_form("Theraplay", ""), education: None, other: String::new() };
            refused(act(store, &id, &ssw(), "2025-02-20", half), "education need not addressed");
            plan(store, &id, "2025-02-20");
            assert!(act(store, &id, &ssw(), "2025-03-03", A::ApprovePlan { sent: d("2025-03-03") }).is_err(), "a manager approves");
            act(store, &id, &tm(), "2025-03-03", A::ApprovePlan { sent: d("2025-03-03") }).unwrap();
            let plan = support(store, &id, "2025-03-14").record.plans[0].clone();
            assert_eq!(plan.response_due(), Some(d("2025-03-13")));
            assert_eq!(plan.status(d("2025-03-14")), "Final - no response received");
            // ASSESS-014: a change after the order makes a review due within 4 weeks.
            act(store, &id, &ssw(), "2025-09-15", A::ChangeNotified { on: d("2025-09-15"), what: "A new baby".into() }).unwrap();
            let review = support(store, &id, "2025-09-15").record.plans[0].reviews[0].clone();
            assert_eq!((review.due, review.rule.as_str()), (d("2025-10-13"), "ASSESS-014"));
        }

        fn assess_019_a_call_finding_the_plan_wanting_makes_a_review_due_and_visit_007_a_need_raised_needs_an_action(db) {
            let store = &db.store;
            let id = adopters(store, "2024-05-20", "2024-11-20");
            plan(store, &id, "2024-12-01");
            let need = NewCheckIn { needs: "Escalating behaviour at home".into(), ..call("2025-11-20") };
            let no_action = act(store, &id, &ssw(), "2025-11-20", A::CheckIn(need.clone()));
            refused(no_action, "action taken");
            let asked = NewCheckIn { assessment_requested: true, plan_appropriate: false, ..need };
            let said = act(store, &id, &ssw(), "2025-11-20", A::CheckIn(asked)).unwrap();
            assert!(said.contains("review of the plan is due today"), "{said}");
            let view = support(store, &id, "2025-11-20");
            let request = &view.record.requests[0];
            assert_eq!((request.received, request.requester), (d("2025-11-20"), Requester::AdoptiveParent));
            let review = &view.record.plans[0].reviews[0];
            assert_eq!((review.due, review.rule.as_str()), (d("2025-11-20"), "ASSESS-019"));
            assert_eq!(view.record.check_ins[0].action, "Assessment of need requested");
            // The call met the 18-month call after the placement (VISIT-003);
        // the earlier ones stay overdue.
            assert_eq!(view.record.check_ins[0].due, Some(d("2025-11-20")));
        }

        fn visit_004_no_schedule_unless_the_council_was_a_party_and_visit_002_a_visit_sets_the_next_contact(db) {
            let store = &db.store;
            children(store, &[("C1", "2015-06-01")]);
            let id = family(store, RoleKind::SpecialGuardian, "2025-01-20", "LE3 8RA", LinkKind::SubjectOfOrder);
            let party = |yes| PassportInputs { council_was_party: Some(yes), ..Default::default() };
            record(store, &id, "2025-01-20", party(false)).unwrap();
            let schedule = |on| domain::passport::checkins::schedule(support(store, &id, on).family.as_ref().unwrap());
            assert!(schedule("2025-01-20").is_empty());
            record(store, &id, "2025-01-21", party(true)).unwrap();
            let due = schedule("2025-01-21");
            assert_eq!(due.len(), 7);
            assert_eq!((due[0].due, due[0].rule), (d("2025-03-03"), "VISIT-005"));
            assert_eq!((due[6].due, due[6].rule), (d("2028-01-20"), "VISIT-006"));
            let visit = NewCheckIn { kind: ContactKind::Visit, ..call("2025-03-03") };
            refused(act(store, &id, &ssw(), "2025-03-03", A::CheckIn(visit.clone())), "next planned contact");
            let next = NewCheckIn { next_contact: Some(d("2025-04-14")), ..visit };
            act(store, &id, &ssw(), "2025-03-03", A::CheckIn(next)).unwrap();
            let view = support(store, &id, "2025-03-03");
            assert_eq!(view.record.check_ins[0].due, Some(d("2025-03-03")));
            assert_eq!(view.record.check_ins[0].next_contact, Some(d("2025-04-14")));
        }

        fn visit_011_after_the_36_month_call_the_schedule_is_complete_and_the_family_can_still_ask(db) {
            let store = &db.store;
            let id = adopters(store, "2024-09-16", "2025-06-02");
            let dues = ["2025-03-16", "2025-09-16", "2026-03-16", "2026-09-16", "2027-03-16", "2027-09-16"];
            for on in dues {
                let said = act(store, &id, &ssw(), on, A::CheckIn(call(on))).unwrap();
                assert_eq!(said.contains("schedule is complete"), on == "2027-09-16", "{on}: {said}");
            }
            let view = support(store, &id, "2027-09-16");
            let met: Vec<_> = view.record.check_ins.iter().map(|c| c.due.unwrap().to_string()).collect();
            assert_eq!(met, dues.to_vec(), "each call met the next one counted from the placement");
            act(store, &id, &ssw(), "2028-02-01", ask("2028-02-01", Requester::AdoptiveParent, Route::SelfReferral)).unwrap();
            assert_eq!(support(store, &id, "2028-02-01").record.requests.len(), 1);
        }

        fn gen_001_permanence_is_confirmed_only_with_the_checklist_done_and_gen_003_the_childs_social_worker_refers_to_the_dpst(db) {
            let store = &db.store;
            children(store, &[("C1", "2015-06-01")]);
            let id = family(store, RoleKind::ConnectedPersonCarer, "2025-05-01", "LE3 8RA", LinkKind::PlacedWith);
            let confirm = |items: Vec<usize>, on: Option<&str>| A::Checklist { items, permanence_on: on.map(d) };
            refused(act(store, &id, &ssw(), "2025-06-01", confirm(vec![1, 2, 3, 4, 5], Some("2025-06-01"))), "Full information");
            act(store, &id, &ssw(), "2025-06-02", confirm(vec![0], Some("2025-06-02"))).unwrap_err();
            act(store, &id, &ssw(), "2025-06-02", confirm(vec![0, 1, 2, 3, 4, 5], Some("2025-06-02"))).unwrap();
            assert_eq!(support(store, &id, "2025-06-02").record.offer.permanence_confirmed, Some(d("2025-06-02")));
            // GEN-003: the supervising social worker cannot refer; the child's social worker can.
            let criteria = || A::ReferToDpst { criteria: "Placement at risk of breakdown; return home planned".into() };
            refused(act(store, &id, &ssw(), "2025-06-02", criteria()), "child's social worker");
            let sw = user(Role::SocialWorker, Some("Blaby"));
            act(store, &id, &sw, "2025-06-02", criteria()).unwrap();
            assert!(act(store, &id, &tm(), "2025-06-03", A::AuthoriseDpst).is_err(), "the Head of Service authorises");
            act(store, &id, &user(Role::HeadOfService, None), "2025-06-03", A::AuthoriseDpst).unwrap();
            let dpst = support(store, &id, "2025-06-03").record.offer.dpst[0].clone();
            assert_eq!(dpst.authorised_by.as_deref(), Some("head_of_service.test"));
        }

        fn gen_006_a_life_appreciation_day_is_booked_for_the_child_with_training_and_camhs(db) {
            let store = &db.store;
            let id = adopters(store, "2024-09-16", "2025-06-02");
            let book = |kind, child: Option<&str>| A::Book(Booking { kind, what: "Spring session".into(), on: d("2025-09-12"), child: child.map(str::to_owned), booked_by: String::new() });
            refused(act(store, &id, &ssw(), "2025-09-01", book(BookingKind::LifeAppreciationDay, None)), "child");
            for (kind, child) in [(BookingKind::LifeAppreciationDay, Some("C1")), (BookingKind::Training, None), (BookingKind::CamhsConsultation, Some("C1")), (BookingKind::SpecialistTherapy, Some("C1"))] {
                act(store, &id, &ssw(), "2025-09-01", book(kind, child)).unwrap();
            }
            let bookings = support(store, &id, "2025-09-01").record.offer.bookings;
            assert_eq!(bookings.len(), 4);
            assert_eq!((bookings[0].child.as_deref(), bookings[0].booked_by.as_str()), (Some("C1"), "supervising_social_worker.test"));
        }

        fn gen_010_a_concern_is_resolved_locally_or_becomes_a_complaint_and_gen_011_says_what_the_family_was_given(db) {
            let store = &db.store;
            let id = adopters(store, "2024-09-16", "2025-01-10");
            act(store, &id, &ssw(), "2025-03-03", A::RaiseConcern { about: "A delayed additional payment".into() }).unwrap();
            act(store, &id, &tm(), "2025-03-03", A::ResolveConcern).unwrap();
            act(store, &id, &ssw(), "2025-03-04", A::RaiseConcern { about: "The payment is still late".into() }).unwrap();
            let escalate = |information: &str, advocacy| A::EscalateConcern { information: information.into(), advocacy, complainant: "Sam Carer".into() };
            refused(act(store, &id, &tm(), "2025-03-04", escalate("", Some(true))), "leaflet");
            refused(act(store, &id, &tm(), "2025-03-04", escalate("both", None)), "advocacy");
            let said = act(store, &id, &tm(), "2025-03-04", escalate("both", Some(true))).unwrap();
            assert!(said.contains("Complaint CMP00001"), "{said}");
            let concerns = support(store, &id, "2025-03-04").record.offer.concerns;
            assert_eq!(concerns[0].outcome.as_deref(), Some("Concern - resolved locally"));
            assert_eq!(concerns[1].outcome.as_deref(), Some("Complaint CMP00001"));
            assert_eq!(audits(store, "WF-CMPL.receive"), 1, "the complaint enters the complaints workflow");
            // A stale version is refused and changes nothing.
            let clock = FixedClock::on("2025-03-05");
            let stale = act_on_support(store, (&ssw(), &clock, "test"), (&id, 1), A::RaiseConcern { about: "x".into() });
            assert!(matches!(stale, Err(AppError::Store(StoreError::Stale { .. }))), "{stale:?}");
            let trail = store.read(|tx| tx.events(&AuditFilter::default())).unwrap();
            assert!(trail.iter().all(|e| !e.details.contains("delayed") && !e.details.contains("Sam Carer")), "no free text in the trail");
        }
    }
}

fn new_request(on: &str, requester: Requester, route: Route) -> NewRequest {
    NewRequest {
        received: d(on),
        requester,
        relationship: String::new(),
        route,
        consent_on: None,
    }
}
