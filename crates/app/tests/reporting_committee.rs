//! The committee report as a use case on both backends: hand-made
//! children and money, and the report's tables as the RPT-, COST- and
//! NEED- entries lay them out, each figure worked out by hand beside its
//! assertion; what the records cannot give is "Not measured" with why.

use app::reporting::{CommitteeView, committee_report};
use chrono::{Duration, NaiveDate};
use domain::access::User;
use domain::child::{Child, ChildId, PersonName};
use domain::codes::{
    Ethnicity, LegalStatus, PlacementType, ReasonEpisodeCeased, ReasonNewEpisode, Sex,
};
use domain::journey::{CareJourney, Episode, SocialWorkerEpisode};
use domain::passport::ledger::{AccountKey, EntryKind, Fund, LedgerEntry, PaymentType};
use domain::reporting::conventions::Period;
use domain::roles::{Role, Worker};
use store::{AuditFilter, AuditLog, ChildRepository, LedgerRepository, StaffRepository, Store};
use test_support::FixedClock;

mod reporting_fixture;
use reporting_fixture::{d, placed};

const TODAY: &str = "2026-03-31";

fn analyst() -> User {
    User {
        username: "analyst.test".into(),
        display_name: "Alex Analyst".into(),
        role: Role::PerformanceAnalyst,
        team: None,
        worker_id: None,
    }
}

fn person(id: &str, dob: &str, sex: Sex) -> Child {
    Child {
        id: ChildId::parse(id).unwrap(),
        name: PersonName::parse("Robin", "Committee").unwrap(),
        sex,
        date_of_birth: d(dob),
        ethnicity: Ethnicity::WhiteBritish,
        pupil_number: None,
        disabled: false,
        uasc: None,
    }
}

fn insert(store: &Store, child: Child, episodes: Vec<Episode>) {
    let start = episodes[0].start;
    let workers = vec![SocialWorkerEpisode {
        worker_id: "W1".into(),
        start,
        end: None,
        open_reason: None,
    }];
    let journey =
        CareJourney::build(child, episodes, vec![], vec![], workers, vec![], d(TODAY)).unwrap();
    store
        .write(|tx| {
            if tx.workers()?.is_empty() {
                tx.insert_workers(&[Worker {
                    id: "W1".into(),
                    team: "T1".into(),
                }])?;
            }
            tx.insert_journey(
                &journey,
                domain::time::Clock::now(&FixedClock::on(&start.to_string())),
            )
        })
        .unwrap();
}

fn report(store: &Store, period: &str) -> CommitteeView {
    committee_report(
        store,
        &analyst(),
        &FixedClock::on(TODAY),
        Period::parse(period).unwrap(),
        "test",
    )
    .unwrap()
}

/// The row of a table whose first cell is `first`.
fn row<'a>(view: &'a CommitteeView, table: &str, first: &str) -> &'a [String] {
    view.table(table)
        .unwrap_or_else(|| panic!("no table {table}"))
        .rows
        .iter()
        .find(|r| r[0] == first)
        .unwrap_or_else(|| panic!("{table} has no row {first}"))
}

/// A child in care under an interim order from a month after birth, then
/// under a placement order from `order` (dd.mm.yy), not placed for adoption.
fn waiting(store: &Store, id: &str, sex: Sex, age_at_2025_03_31: i32, order: &str) {
    let born = format!("{}-06-15", 2025 - age_at_2025_03_31 - 1);
    let entered = (d(&born) + Duration::days(30)).to_string();
    let order = NaiveDate::parse_from_str(order, "%d.%m.%y")
        .unwrap()
        .to_string();
    insert(
        store,
        person(id, &born, sex),
        vec![
            placed(
                &entered,
                (ReasonNewEpisode::Started, LegalStatus::InterimCareOrder),
                PlacementType::FosterOther,
                Some((&order, ReasonEpisodeCeased::NewEpisodeSameDay)),
            ),
            placed(
                &order,
                (
                    ReasonNewEpisode::LegalStatusChange,
                    LegalStatus::PlacementOrder,
                ),
                PlacementType::FosterOther,
                None,
            ),
        ],
    );
}

/// A payment from a fund for a child, appended to its account.
fn paid(store: &Store, id: &str, fund: Fund, child: &str, (pence, on): (u64, &str)) {
    entry(
        store,
        id,
        fund,
        child,
        (EntryKind::Payment, pence, on),
        None,
    );
}

fn entry(
    store: &Store,
    id: &str,
    fund: Fund,
    child: &str,
    (kind, pence, on): (EntryKind, u64, &str),
    against: Option<&str>,
) {
    let account = AccountKey::new(fund, child, d(on));
    let e = LedgerEntry {
        id: id.into(),
        account: account.clone(),
        child_id: ChildId::parse(child).unwrap(),
        kind,
        payment_type: PaymentType::AdditionalPayment,
        amount_pence: pence,
        on: d(on),
        approved_by: "finance.test".into(),
        approver_role: "Finance officer".into(),
        reason: "Support".into(),
        decision_ref: None,
        against: against.map(str::to_owned),
    };
    store
        .write(|tx| {
            let seq = tx.ledger_account(&account)?.len() as i64 + 1;
            tx.append_ledger_entry(&e, seq)
        })
        .unwrap();
}

test_support::on_both_backends! {
    fn rpt_015_need_009_need_008_the_children_waiting_over_six_months_are_listed_without_names_and_counted_by_sex(db) {
        let store = &db.store;
        // NEED-009's line-level fixture: eleven children with a placement
        // order on or before 30 September 2024, not placed on 31 March 2025.
        let fixture = [
            (Sex::Male, 7, "03.03.22"), (Sex::Male, 6, "08.12.23"), (Sex::Male, 4, "18.05.22"),
            (Sex::Male, 3, "18.05.22"), (Sex::Male, 2, "13.10.23"), (Sex::Male, 4, "08.12.23"),
            (Sex::Female, 2, "28.02.24"), (Sex::Male, 4, "08.03.24"), (Sex::Female, 2, "08.03.24"),
            (Sex::Female, 4, "27.09.23"), (Sex::Male, 2, "27.09.23"),
        ];
        for (i, (sex, age, order)) in fixture.iter().enumerate() {
            waiting(store, &format!("W{:02}", i + 1), *sex, *age, order);
        }
        // A girl whose order (1 December 2024) is under six months old: in
        // the count by sex, not in the list.
        waiting(store, "W12", Sex::Female, 1, "01.12.24");
        let view = report(store, "2024-25");
        let list = view.table("rpt-015").unwrap();
        assert_eq!(list.head, ["Gender", "Age", "Date of Placement Order", "Notes"]);
        assert_eq!(list.rows.len(), 11);
        let count = |g: &str| list.rows.iter().filter(|r| r[0] == g).count();
        assert_eq!((count("Male"), count("Female")), (8, 3));
        for r in &list.rows {
            let order = NaiveDate::parse_from_str(&r[2], "%d.%m.%y").unwrap();
            assert!(order <= d("2024-09-30"), "{r:?}");
            assert!(r.iter().all(|c| !c.contains("Robin") && !c.contains("Committee")), "no names: {r:?}");
        }
        // Oldest order first: the boy aged 7 ordered on 3 March 2022,
        // waiting 1,124 days (3 March 2022 to 31 March 2025).
        assert_eq!(list.rows[0][..3], ["Male", "7 years", "03.03.22"]);
        assert!(list.rows[0][3].starts_with("Waiting 1124 days; placed Foster placement"), "{}", list.rows[0][3]);
        // NEED-008: twelve with an order not placed, 8 boys and 4 girls.
        assert_eq!(view.table("need-008").unwrap().rows[0], ["8", "4", "0", "12"]);
        // The read is audited, with how many children and none named.
        let audits = store.read(|tx| tx.events(&AuditFilter {
            action: Some("view_committee_report".into()),
            ..Default::default()
        })).unwrap();
        assert_eq!(audits.len(), 1);
        assert!(audits[0].details.contains("\"waiting_children\":12"), "{}", audits[0].details);
    }

    fn rpt_004_rpt_010_rpt_022_the_high_level_data_and_demand_tables_count_from_the_records(db) {
        use LegalStatus::*;
        use ReasonNewEpisode::*;
        let store = &db.store;
        let foster = PlacementType::FosterOther;
        // K1 in care since January 2024; K2 admitted in May 2025; K3
        // admitted June 2024, home (E4A) August 2025; K4 admitted September
        // 2024, to a child arrangements order (E41) in October 2025.
        insert(store, person("K1", "2015-01-01", Sex::Male), vec![placed("2024-01-01", (Started, FullCareOrder), foster, None)]);
        insert(store, person("K2", "2015-01-01", Sex::Male), vec![placed("2025-05-01", (Started, FullCareOrder), foster, None)]);
        insert(store, person("K3", "2015-01-01", Sex::Male), vec![placed("2024-06-01", (Started, FullCareOrder), foster, Some(("2025-08-01", ReasonEpisodeCeased::ReturnedHomePlanned)))]);
        insert(store, person("K4", "2015-01-01", Sex::Male), vec![placed("2024-09-01", (Started, FullCareOrder), foster, Some(("2025-10-01", ReasonEpisodeCeased::ChildArrangementsOrder)))]);
        let view = report(store, "2025-26");
        let hld = view.table("rpt-004").unwrap();
        assert_eq!(hld.rows.len(), 11, "RPT-004: eleven indicators");
        assert_eq!(hld.head.len(), 5, "RPT-004: five columns");
        assert_eq!(hld.head[1..3], ["2025-26", "2024-25 end of year"]);
        // In care on 31 March 2026: K1, K2; a year before: K1, K3, K4.
        assert_eq!(row(&view, "rpt-004", "Number of children in care")[1..], ["2", "3", "Not measured", "Not measured"]);
        // Admitted in 2025-26: K2; in 2024-25: K3, K4.
        assert_eq!(row(&view, "rpt-004", "Number of children admitted to care")[1..3], ["1", "2"]);
        // Two discharges in 2025-26: one home (50%), none adopted or by SGO;
        // none the year before.
        assert_eq!(row(&view, "rpt-004", "Returned Home (% of discharges)")[1..3], ["50.0%", "No figure"]);
        assert_eq!(row(&view, "rpt-004", "Adopted (% of discharges)")[1], "0.0%");
        assert_eq!(row(&view, "rpt-004", "Number of UASC in care (excl. former)")[1], "0");
        // No population, no child protection plans: not measured, with why.
        let rate = row(&view, "rpt-004", "Rate of children in care per 10,000");
        assert!(rate[1].starts_with("Not measured: the product holds no figure for the child population"), "{rate:?}");
        assert!(row(&view, "rpt-004", "Number of children subject to a Child Protection Plan")[1].contains("no child protection plans"));
        // RPT-010: children in care 3 → 2 is −33.3%; admitted 2 → 1, −50.0%.
        assert_eq!(row(&view, "rpt-010", "Children in care")[1..], ["3", "2", "\u{2212}33.3%"]);
        assert_eq!(row(&view, "rpt-010", "Children admitted to care")[3], "\u{2212}50.0%");
        assert!(row(&view, "rpt-010", "Referrals to children's social care")[2].starts_with("Not measured: the product holds no contact and referral records"));
        // RPT-022: three years, oldest first.
        let iro: Vec<&str> = view.table("rpt-022").unwrap().rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(iro, ["2023-24", "2024-25", "2025-26"]);
    }

    fn rpt_001_rpt_002_the_report_is_the_joint_report_to_the_committee_with_the_cover_headings_in_order(db) {
        let store = &db.store;
        insert(store, person("K1", "2015-01-01", Sex::Male), vec![placed("2024-01-01", (ReasonNewEpisode::Started, LegalStatus::FullCareOrder), PlacementType::FosterOther, None)]);
        let view = report(store, "2025-26");
        assert_eq!(view.committee, "Children and Families Overview and Scrutiny Committee");
        assert!(view.report_of.starts_with("Joint report of the Chief Executive and the Director"));
        let headings: Vec<&str> = view.cover.iter().map(|c| c.heading).collect();
        assert_eq!(headings, [
            "Purpose of Report", "Policy Framework and Previous Decisions", "Background",
            "Summary of Report", "Resource Implications", "Conclusions", "Background Papers",
            "Circulation under the Local Issues Alert Procedure", "Equality and Human Rights Implications",
            "Other Relevant Impact Assessments", "Appendices", "Officers to Contact",
        ]);
        // Paragraphs numbered continuously: the summary's three are 4 to 6.
        let numbers: Vec<usize> = view.cover.iter().flat_map(|c| c.paragraphs.iter().map(|(n, _)| *n)).collect();
        assert_eq!(numbers, (1..=numbers.len()).collect::<Vec<_>>());
        assert_eq!(view.cover[3].paragraphs.iter().map(|(n, _)| *n).collect::<Vec<_>>(), [4, 5, 6]);
        assert!(view.cover[0].paragraphs[0].1.contains("2025-26 (2025-04-01 to 2026-03-31)"));
        assert!(view.cover[11].paragraphs[0].1.starts_with("Alex Analyst, "));
    }

    fn cost_002_cost_003_cost_004_the_savings_target_and_the_funds_paid_from_the_ledger(db) {
        let store = &db.store;
        let asf = Fund::AdoptionSupportFund;
        // 2025-26: C1 paid £1,000 and £500; C2 £300, reversed; C3 £700;
        // C4 £200 in 2024-25 (another year). Therapeutic: C1 £450.
        paid(store, "E1", asf, "C1", (100_000, "2025-05-01"));
        paid(store, "E2", asf, "C1", (50_000, "2025-09-01"));
        paid(store, "E3", asf, "C2", (30_000, "2025-06-01"));
        entry(store, "E4", asf, "C2", (EntryKind::Reversal, 30_000, "2025-06-10"), Some("E3"));
        paid(store, "E5", asf, "C3", (70_000, "2026-01-15"));
        paid(store, "E6", asf, "C4", (20_000, "2025-03-01"));
        paid(store, "E7", Fund::Therapeutic, "C1", (45_000, "2025-07-01"));
        let view = report(store, "2025-26");
        // £1,000 + £500 + £700 = £2,200 for C1 and C3: £1,100 each.
        assert_eq!(row(&view, "cost-004", "Adoption Support Fund (COST-004)")[1..], ["£2,200.00", "2", "£1,100.00"]);
        assert_eq!(row(&view, "cost-004", "Therapeutic fund (COST-003)")[1..], ["£450.00", "1", "£450.00"]);
        let before = report(store, "2024-25");
        assert_eq!(row(&before, "cost-004", "Adoption Support Fund (COST-004)")[1..], ["£200.00", "1", "£200.00"]);
        // COST-002: the target, with where it is set.
        let target = row(&view, "cost-002", "Council savings the permanence strategy contributes to (target)");
        assert_eq!(target[1..], ["£2,100,000.00", "001 Permanence Strategy, Objectives"]);
    }

    fn rpt_006_the_scorecard_states_each_change_from_the_year_before(db) {
        let store = &db.store;
        // A1: 2023-24 four children, 878, 879, 879 and 879 days (mean
        // 878.75); 2024-25 two, 682 and 683 (682.50): down 196.25 days.
        for (i, (days, moved_in)) in [(878, "2023-06-01"), (879, "2023-06-02"), (879, "2023-06-03"), (879, "2023-06-04"), (682, "2024-06-01"), (683, "2024-06-02")].iter().enumerate() {
            let moved_in = d(moved_in);
            let entered = (moved_in - Duration::days(*days)).to_string();
            let adopted = (moved_in + Duration::days(150)).to_string();
            let moved_in = moved_in.to_string();
            insert(store, person(&format!("A{i}"), "2019-01-01", Sex::Male), vec![
                placed(&entered, (ReasonNewEpisode::Started, LegalStatus::SingleAccommodation), PlacementType::FosterOther, Some((&moved_in, ReasonEpisodeCeased::NewEpisodeSameDay))),
                placed(&moved_in, (ReasonNewEpisode::PlacementChange, LegalStatus::SingleAccommodation), PlacementType::AdoptionWithConsent, Some((&adopted, ReasonEpisodeCeased::AdoptedUnopposed))),
            ]);
        }
        let view = report(store, "2024-25");
        let t = view.table("rpt-006").unwrap();
        assert_eq!(t.head, ["Adoption Score Card", "2023-24", "2024-25", "Commentary"]);
        let a1 = row(&view, "rpt-006", "A1: entering care to moving in with the adoptive family");
        assert_eq!(a1[1..3], ["878.75 days", "682.50 days (decrease of 196.25 days)"]);
        assert_eq!(a1[3], "The mean over 2 children counted in 2024-25.");
        // No placement order: A2 and A20 count no child either year.
        let a2 = row(&view, "rpt-006", "A2: court authority to match");
        assert_eq!(a2[2], "Not measured: no child counted in the year");
    }

    fn rpt_011_rpt_016_rpt_021_the_parts_the_records_cannot_lay_out_say_why(db) {
        let view = report(&db.store, "2025-26");
        let t = view.table("rpt-not-laid-out").unwrap();
        assert_eq!(t.rows.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(), ["RPT-011", "RPT-016", "RPT-021"]);
        assert!(t.rows.iter().all(|r| r[2].starts_with("the product holds no ")));
    }

    fn need_002_the_children_in_care_on_31_march_2019_count_584(db) {
        let store = &db.store;
        let episode = |start: &str, end: Option<&str>| {
            placed(start, (ReasonNewEpisode::Started, LegalStatus::FullCareOrder), PlacementType::FosterOther,
                end.map(|e| (e, ReasonEpisodeCeased::ReturnedHomePlanned)))
        };
        // 584 in care on the day; 10 who went home in February 2019 and 5
        // who came into care in May 2019 are not.
        let journeys: Vec<CareJourney> = (1..=599)
            .map(|i| {
                let e = match i {
                    1..=584 => episode("2018-01-01", None),
                    585..=594 => episode("2018-01-01", Some("2019-02-01")),
                    _ => episode("2019-05-01", None),
                };
                let worker = SocialWorkerEpisode { worker_id: "W1".into(), start: e.start, end: None, open_reason: None };
                CareJourney::build(person(&format!("N{i:03}"), "2010-01-01", Sex::Female), vec![e], vec![], vec![], vec![worker], vec![], d(TODAY)).unwrap()
            })
            .collect();
        store.write(|tx| {
            tx.insert_workers(&[Worker { id: "W1".into(), team: "T1".into() }])?;
            for j in &journeys {
                tx.insert_journey(j, domain::time::Clock::now(&FixedClock::on("2018-01-01")))?;
            }
            Ok::<_, store::StoreError>(())
        }).unwrap();
        let view = report(store, "2018-19");
        assert_eq!(row(&view, "rpt-004", "Number of children in care")[1], "584");
        assert_eq!(row(&view, "rpt-010", "Children in care")[2], "584");
    }

    fn rpt_012_rpt_013_cost_007_cost_008_cost_010_cost_011_need_001_need_014_need_016_each_commitment_and_appendix_has_a_measure_or_says_why_not(db) {
        let store = &db.store;
        insert(store, person("K1", "2015-01-01", Sex::Male), vec![placed("2024-01-01", (ReasonNewEpisode::Started, LegalStatus::FullCareOrder), PlacementType::FosterOther, None)]);
        let view = report(store, "2025-26");
        // RPT-012: within 20 miles has no measure; stability is KPI-CIC-12.
        assert_eq!(row(&view, "rpt-012", "Outcome 3 Placement stability and safe homes")[1], "Be placed within 20 miles of home");
        let grid = &view.table("rpt-012").unwrap().rows;
        let miles = grid.iter().find(|r| r[1] == "Be placed within 20 miles of home").unwrap();
        assert_eq!(miles[2..], ["No measure", "No measure"]);
        let stable = grid.iter().find(|r| r[1] == "Have stable placements").unwrap();
        // K1, in care all year with one placement: 0 of 1 with three or more.
        assert_eq!(stable[2..], ["KPI-CIC-12", "0.0%"]);
        // RPT-013: appendices 1 to 7 with the published titles.
        let appendices: Vec<&str> = view.table("rpt-013").unwrap().rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(appendices, [
            "Appendix 1 Contextual Data", "Appendix 2 Alternative Education", "Appendix 3 PEP Completion",
            "Appendix 4 Use of Pupil Premium", "Appendix 5 Provisional Results",
            "Appendix 6 Suspension dashboard", "Appendix 7 Attendance dashboard",
        ]);
        assert!(row(&view, "rpt-013", "Appendix 7 Attendance dashboard")[1].starts_with("Not measured: "));
        assert!(row(&view, "rpt-013", "Appendix 4 Use of Pupil Premium")[1].starts_with("Pupil Premium Plus"));
        // The cost and needs figures the records cannot give, each with why.
        for (table, rules) in [
            ("cost-not-measured", &["COST-007", "COST-008", "COST-010", "COST-011"][..]),
            ("need-not-measured", &["NEED-001", "NEED-008", "NEED-014", "NEED-016"][..]),
        ] {
            let t = view.table(table).unwrap();
            assert_eq!(t.rows.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(), rules);
            assert!(t.rows.iter().all(|r| r[2].starts_with("the ") || r[2].starts_with("a ")), "{table}");
        }
    }

    fn rpt_008_rpt_017_rpt_018_cost_012_cost_013_need_017_need_018_the_overview_templates_and_context_tables(db) {
        let store = &db.store;
        let view = report(store, "2025-26");
        // RPT-008: three years, Year 1 oldest; none recorded, so no increase.
        let iva = view.table("rpt-008").unwrap();
        assert_eq!(iva.head[1..], ["Year 1 (2023-24)", "Year 2 (2024-25)", "Year 3 (2025-26)"]);
        assert_eq!(iva.rows[0][1..], ["0", "0", "0"]);
        assert_eq!(iva.rows[1][2], "Not applicable: none the year before");
        // RPT-017: one self-assessment a service, exactly three columns.
        let sos: Vec<_> = view.tables.iter().filter(|t| t.id == "rpt-017").collect();
        assert_eq!(sos.len(), 3);
        for t in sos {
            assert_eq!(t.head, ["What are we Worried About?", "What's Working Well?", "What Needs to Happen?"]);
        }
        // RPT-018: the four prompts in order.
        let prompts: Vec<&str> = view.table("rpt-018").unwrap().rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(prompts, ["Where we were", "What we have done", "What difference has this made", "What are our next steps"]);
        // COST-012, COST-013 and NEED-017: context with its source.
        assert_eq!(row(&view, "cost-012", "Leicestershire Music core grant change since 2015-16")[1], "+4.61%");
        assert_eq!(row(&view, "cost-012", "MTFS allocation for SEND capital (2019)")[1], "£22.3m");
        assert_eq!(row(&view, "need-017", "Placement orders granted nationally per year (2017)")[1], "about 4,000");
        // NEED-018: the feedback taxonomy.
        let themes: Vec<&str> = view.table("need-018").unwrap().rows.iter().map(|r| r[1].as_str()).collect();
        assert!(themes.contains(&"budgeting advice") && themes.contains(&"peer mentoring"));
    }
}
