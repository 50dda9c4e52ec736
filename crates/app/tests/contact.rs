//! Contact and children missing from care as people meet them (issue 22),
//! on both backends: a Letterbox signed on C1's Contact Agreement, started
//! by the coordinator, its items screened, forwarded or held, suspended and
//! withdrawn (CONT-006 … CONT-011); C1's missing episodes with their
//! return home interviews, the strategy meeting, the risk and exploitation
//! referrals (MISS-001 … MISS-007).

mod permanence_fixture;
use permanence_fixture::*;

use app::contact::{self as contact, LetterboxAction, MissingEntry, NewItem};
use domain::codes::MissingType;
use domain::contact::letterbox::{Direction, Letterbox, Participant, Side, Terms};
use domain::contact::missing::{Exploitation, Interview, Risk, RiskRating};

const UNSAFE: &str = "Dear Karen,\nWe have moved to LE11 3TU and Sam loves it.\nLove, Sam's mum";

fn coordinator() -> User {
    user(Role::PostOrderSupportWorker, None)
}

fn sw() -> User {
    user(Role::SocialWorker, Some("Blaby"))
}

/// C1's Contact Agreement with `types`, recorded on 2025-06-30.
fn agreement(store: &Store, types: Vec<ContactType>) -> String {
    setup(store);
    let clock = FixedClock::on("2025-06-30");
    let view = perm::open_plan(store, &sw(), &clock, &cid("C1"), HERE).unwrap();
    let input = perm::ContactAgreementInput {
        parties: vec!["Birth mother".into()],
        contact_types: types,
        frequency: "Once a year by letter".into(),
        supervision: Supervision::Supported,
        venue: "Letterbox".into(),
        carer_role: "Writes each year".into(),
        professionals_role: "Coordinator screens".into(),
        family_role: "Writes back".into(),
        review_date: Some(d("2025-09-01")),
    };
    perm::record_contact_agreement(
        store,
        &sw(),
        &clock,
        &cid("C1"),
        view.plan.version,
        input,
        HERE,
    )
    .unwrap()
    .value
    .id
}

fn terms(exchanges: u32) -> Terms {
    Terms {
        participants: vec![Participant {
            name: "Karen".into(),
            relationship: "birth mother".into(),
            reason: String::new(),
        }],
        exchanges_a_year: exchanges,
        direction: Some(Direction::TwoWay),
        surnames: vec!["Hartley".into()],
        signed: Some(d("2025-06-30")),
        ..Terms::default()
    }
}

/// C1's yearly Letterbox, signed and started on 2025-06-30; its identifier
/// and version.
fn active(store: &Store) -> (String, i64) {
    let a = agreement(store, vec![ContactType::Letter]);
    let clock = FixedClock::on("2025-06-30");
    let id = contact::sign_letterbox(store, &sw(), &clock, &cid("C1"), &a, terms(1), HERE).unwrap();
    step(store, &coordinator(), (&id, 1), "activate", "2025-06-30").unwrap();
    (id, 2)
}

fn step(
    store: &Store,
    who: &User,
    (id, v): (&str, i64),
    name: &str,
    on: &str,
) -> Result<String, AppError> {
    let action = LetterboxAction::Step {
        name: name.into(),
        date: d(on),
        who: "The adopters".into(),
        reason: "They asked".into(),
    };
    contact::act_on_letterbox(
        store,
        who,
        &FixedClock::on(on),
        (&cid("C1"), id, v),
        action,
        HERE,
    )
}

fn act(
    store: &Store,
    (id, v): (&str, i64),
    on: &str,
    action: LetterboxAction,
) -> Result<String, AppError> {
    contact::act_on_letterbox(
        store,
        &coordinator(),
        &FixedClock::on(on),
        (&cid("C1"), id, v),
        action,
        HERE,
    )
}

fn receive(text: &str, on: &str) -> LetterboxAction {
    LetterboxAction::Receive(NewItem {
        from: Side::AdoptiveFamily,
        sender: "Sam's parents".into(),
        received: d(on),
        text: text.into(),
        photographs_enclosed: false,
    })
}

fn decide(item: u32, forward: bool, redactions: &str, on: &str) -> LetterboxAction {
    LetterboxAction::Decide {
        item,
        forward,
        reasons: "Read in full".into(),
        redactions: redactions.into(),
        date: d(on),
    }
}

fn open(store: &Store, id: &str) -> Letterbox {
    contact::open_letterbox(
        store,
        &coordinator(),
        &FixedClock::on("2026-01-01"),
        &cid("C1"),
        id,
        HERE,
    )
    .unwrap()
    .value
}

fn lines(store: &Store, on: &str) -> Vec<(Option<&'static str>, String)> {
    let tm = user(Role::TeamManager, Some("Blaby"));
    app::subject_worklist(store, &tm, &FixedClock::on(on), None)
        .unwrap()
        .iter()
        .map(|l| (l.rule, l.title.clone()))
        .collect()
}

fn all_audit_details(store: &Store) -> String {
    store
        .read(|tx| tx.events(&AuditFilter::default()))
        .unwrap()
        .iter()
        .map(|e| e.details.clone())
        .collect::<Vec<_>>()
        .join("\n")
}

test_support::on_both_backends! {
    fn cont_007_an_item_is_screened_on_receipt_and_forwarded_only_after_it_passes_and_its_text_is_never_audited(db) {
        let (id, v) = active(&db.store);
        // Only the coordinator logs items.
        let err = contact::act_on_letterbox(&db.store, &sw(), &FixedClock::on("2026-04-01"), (&cid("C1"), &id, v), receive(UNSAFE, "2026-04-01"), HERE).unwrap_err();
        assert!(matches!(err, AppError::Forbidden(_)), "{err}");
        let done = act(&db.store, (&id, v), "2026-04-10", receive(UNSAFE, "2026-04-10")).unwrap();
        assert!(done.contains("flagged 2 things to check"), "{done}");
        let item = &open(&db.store, &id).items[0];
        let postcode = item.flags.iter().find(|f| f.found == "LE11 3TU").expect("the postcode flagged");
        assert!(postcode.explain().starts_with("A postcode at line 2, column 18"), "{}", postcode.explain());
        // Not forwarded before it passes screening.
        let err = act(&db.store, (&id, v + 1), "2026-04-10", LetterboxAction::Forward { item: 1, date: d("2026-04-10") }).unwrap_err();
        assert!(err.to_string().contains("before it passes screening (CONT-007)"), "{err}");
        // Flagged: passed only after redaction, said.
        let err = act(&db.store, (&id, v + 1), "2026-04-11", decide(1, true, " ", "2026-04-11")).unwrap_err();
        assert!(err.to_string().contains("say what was redacted"), "{err}");
        act(&db.store, (&id, v + 1), "2026-04-11", decide(1, true, "The postcode, blacked out", "2026-04-11")).unwrap();
        // A stale version is refused.
        let err = act(&db.store, (&id, v + 1), "2026-04-11", LetterboxAction::Forward { item: 1, date: d("2026-04-11") }).unwrap_err();
        assert!(err.to_string().contains("was changed by someone else"), "{err}");
        act(&db.store, (&id, v + 2), "2026-04-11", LetterboxAction::Forward { item: 1, date: d("2026-04-11") }).unwrap();
        assert_eq!(open(&db.store, &id).items[0].forwarded, Some(d("2026-04-11")));
        assert_eq!(audits(&db.store, "WF-LETTERBOX.receive_item"), 1);
        assert_eq!(audits(&db.store, "WF-LETTERBOX.forward_item"), 1);
        let logged = all_audit_details(&db.store);
        assert!(!logged.contains("LE11") && !logged.contains("Sam") && !logged.contains("blacked"), "{logged}");
        // The Letterbox and its items are in the child's subject access record.
        let sar = app::subject_access(&db.store, &user(Role::Auditor, None), &FixedClock::on("2026-04-12"), &cid("C1"), HERE).unwrap();
        assert_eq!(sar.letterboxes.iter().map(|l| l.items.len()).collect::<Vec<_>>(), vec![1]);
    }

    fn cont_011_a_held_item_keeps_its_reasons_and_its_sender_is_given_the_support_teams_contact(db) {
        let (id, v) = active(&db.store);
        act(&db.store, (&id, v), "2026-04-10", receive(UNSAFE, "2026-04-10")).unwrap();
        let err = act(&db.store, (&id, v + 1), "2026-04-11", LetterboxAction::Decide { item: 1, forward: false, reasons: " ".into(), redactions: String::new(), date: d("2026-04-11") }).unwrap_err();
        assert!(err.to_string().contains("give the reasons"), "{err}");
        act(&db.store, (&id, v + 1), "2026-04-11", decide(1, false, "", "2026-04-11")).unwrap();
        let l = open(&db.store, &id);
        assert_eq!(l.items[0].decision.as_ref().map(|d| d.reasons.as_str()), Some("Read in full"));
        let notice = Letterbox::held_notice(&l.items[0]);
        assert!(notice.contains("0116 3053052") && notice.contains("Adoptionsupport@leics.gov.uk"), "{notice}");
        let err = act(&db.store, (&id, v + 2), "2026-04-12", LetterboxAction::Forward { item: 1, date: d("2026-04-12") }).unwrap_err();
        assert!(err.to_string().contains("before it passes screening"), "{err}");
        assert_eq!(audits(&db.store, "WF-LETTERBOX.hold_item"), 1);
    }

    fn cont_009_a_letterbox_is_signed_on_a_contact_agreement_with_letters_and_starts_when_the_coordinator_files_the_copy(db) {
        let faces = agreement(&db.store, vec![ContactType::FaceToFace]);
        let clock = FixedClock::on("2025-06-30");
        let err = contact::sign_letterbox(&db.store, &sw(), &clock, &cid("C1"), &faces, terms(1), HERE).unwrap_err();
        assert!(err.to_string().contains("does not include letters"), "{err}");
        let letters = agreement_again(&db.store);
        let mut photos = terms(1);
        photos.photographs = true;
        let err = contact::sign_letterbox(&db.store, &sw(), &clock, &cid("C1"), &letters, photos, HERE).unwrap_err();
        assert!(err.to_string().contains("say why photographs"), "{err}");
        let mut none = terms(1);
        none.direction = None;
        let err = contact::sign_letterbox(&db.store, &sw(), &clock, &cid("C1"), &letters, none, HERE).unwrap_err();
        assert!(err.to_string().contains("two-way or one-way"), "{err}");
        // The coordinator does not draft; the social worker does.
        let err = contact::sign_letterbox(&db.store, &coordinator(), &clock, &cid("C1"), &letters, terms(1), HERE).unwrap_err();
        assert!(matches!(err, AppError::Forbidden(_)), "{err}");
        let id = contact::sign_letterbox(&db.store, &sw(), &clock, &cid("C1"), &letters, terms(1), HERE).unwrap();
        assert_eq!(open(&db.store, &id).stage_label(), "Agreement signed: coordinator's copy to file");
        // Nothing is received before it starts, and only the coordinator starts it.
        let err = act(&db.store, (&id, 1), "2025-07-01", receive("Hello", "2025-07-01")).unwrap_err();
        assert!(err.to_string().contains("only while the Letterbox is active"), "{err}");
        let err = step(&db.store, &sw(), (&id, 1), "activate", "2025-07-01").unwrap_err();
        assert!(err.to_string().contains("post-order support worker"), "{err}");
        step(&db.store, &coordinator(), (&id, 1), "activate", "2025-07-01").unwrap();
        let l = open(&db.store, &id);
        assert_eq!((l.stage.as_str(), l.copy_filed), ("active", Some(d("2025-07-01"))));
        // A social worker of another team may not see it.
        let other = user(Role::SocialWorker, Some("Melton"));
        let err = contact::open_letterbox(&db.store, &other, &clock, &cid("C1"), &id, HERE).unwrap_err();
        assert!(matches!(err, AppError::Forbidden(_)), "{err}");
    }

    fn cont_006_above_the_usual_frequency_is_confirmed_and_the_next_exchange_comes_onto_the_worklist(db) {
        let a = agreement(&db.store, vec![ContactType::Letter]);
        let clock = FixedClock::on("2025-06-30");
        let err = contact::sign_letterbox(&db.store, &sw(), &clock, &cid("C1"), &a, terms(3), HERE).unwrap_err();
        assert!(err.to_string().contains("above the usual once or twice a year – confirm"), "{err}");
        let mut confirmed = terms(3);
        confirmed.above_usual_confirmed = true;
        let id = contact::sign_letterbox(&db.store, &sw(), &clock, &cid("C1"), &a, confirmed, HERE).unwrap();
        step(&db.store, &coordinator(), (&id, 1), "activate", "2025-06-30").unwrap();
        // Three a year: four months after it started.
        assert_eq!(open(&db.store, &id).next_exchange(), Some(d("2025-10-30")));
        let due = (Some("CONT-006"), "Letterbox exchange due from the adoptive family".to_owned());
        assert!(!lines(&db.store, "2025-10-01").contains(&due));
        assert!(lines(&db.store, "2025-10-20").contains(&due));
    }

    fn cont_010_a_withdrawal_is_discussed_decided_and_closes_when_the_other_party_is_told_and_a_suspended_letterbox_forwards_nothing(db) {
        let (id, v) = active(&db.store);
        act(&db.store, (&id, v), "2025-08-01", receive("Sam is well.", "2025-08-01")).unwrap();
        act(&db.store, (&id, v + 1), "2025-08-01", decide(1, true, "", "2025-08-01")).unwrap();
        step(&db.store, &sw(), (&id, v + 2), "suspend", "2025-08-02").unwrap();
        let err = act(&db.store, (&id, v + 3), "2025-08-03", LetterboxAction::Forward { item: 1, date: d("2025-08-03") }).unwrap_err();
        assert!(err.to_string().contains("suspended"), "{err}");
        step(&db.store, &sw(), (&id, v + 3), "request_withdrawal", "2025-09-01").unwrap();
        assert_eq!(open(&db.store, &id).stage_label(), "Withdrawal: social worker discussion");
        step(&db.store, &sw(), (&id, v + 4), "withdraw", "2025-09-05").unwrap();
        let tell = (Some("CONT-010"), "Tell the other party the Letterbox is withdrawn".to_owned());
        assert!(lines(&db.store, "2025-09-06").contains(&tell));
        step(&db.store, &sw(), (&id, v + 5), "informed", "2025-09-08").unwrap();
        let l = open(&db.store, &id);
        assert_eq!((l.stage.as_str(), l.withdrawal.and_then(|w| w.informed)), ("closed", Some(d("2025-09-08"))));
        assert!(!lines(&db.store, "2025-09-09").contains(&tell));
        assert_eq!(audits(&db.store, "WF-LETTERBOX.informed"), 1);
    }

    fn miss_001_a_third_missing_episode_in_90_days_puts_the_strategy_meeting_on_the_worklist_and_the_record(db) {
        setup(&db.store);
        let mut v = 0;
        for (episode, (start, back)) in [("2025-07-01", "2025-07-02"), ("2025-08-10", "2025-08-10"), ("2025-09-20", "2025-09-21")].into_iter().enumerate() {
            v = missing(&db.store, v, start, MissingEntry::Report { kind: MissingType::Missing, started: d(start) }).unwrap().1;
            v = missing(&db.store, v, back, MissingEntry::Return { episode: episode as u32 + 1, date: d(back) }).unwrap().1;
        }
        let meeting = (Some("MISS-001"), "Strategy meeting: three missing episodes in 90 days".to_owned());
        assert!(lines(&db.store, "2025-09-22").contains(&meeting));
        let alerts = contact::child_alerts(&db.store, &cid("C1")).unwrap();
        assert_eq!(alerts, vec!["Three missing episodes in 90 days: a strategy meeting is due from 20 September 2025 (MISS-001)".to_owned()]);
        // The episodes are on the journey, for the return.
        let j = db.store.read(|tx| tx.journey(&cid("C1"))).unwrap().unwrap().value;
        assert_eq!(j.missing().iter().map(|m| (m.start, m.end)).collect::<Vec<_>>(), vec![
            (d("2025-07-01"), Some(d("2025-07-02"))),
            (d("2025-08-10"), Some(d("2025-08-10"))),
            (d("2025-09-20"), Some(d("2025-09-21"))),
        ]);
        missing(&db.store, v, "2025-09-23", MissingEntry::StrategyMeeting { held: d("2025-09-23") }).unwrap();
        assert!(!lines(&db.store, "2025-09-24").contains(&meeting));
        assert!(contact::child_alerts(&db.store, &cid("C1")).unwrap().is_empty());
        assert_eq!(audits(&db.store, "WF-MISSING.report"), 3);
        let sar = app::subject_access(&db.store, &user(Role::Auditor, None), &FixedClock::on("2025-09-24"), &cid("C1"), HERE).unwrap();
        assert_eq!(sar.missing[0].episodes.len(), 3);
    }

    fn miss_004_the_return_home_interview_is_due_three_days_after_the_return_and_one_not_completed_says_why(db) {
        setup(&db.store);
        let v = missing(&db.store, 0, "2025-07-01", MissingEntry::Report { kind: MissingType::Missing, started: d("2025-07-01") }).unwrap().1;
        // A stale version is refused.
        let err = missing(&db.store, 0, "2025-07-01", MissingEntry::Report { kind: MissingType::Away, started: d("2025-07-01") }).unwrap_err();
        assert!(err.to_string().contains("was changed by someone else"), "{err}");
        let err = missing(&db.store, v, "2025-07-01", MissingEntry::Interview { episode: 1, interview: Interview::Completed(d("2025-07-01")) }).unwrap_err();
        assert!(err.to_string().contains("record the return first"), "{err}");
        let v = missing(&db.store, v, "2025-07-02", MissingEntry::Return { episode: 1, date: d("2025-07-02") }).unwrap().1;
        let interview = (Some("MISS-004"), "Return home interview after missing episode 1".to_owned());
        assert!(lines(&db.store, "2025-07-06").contains(&interview), "overdue after 5 July");
        let none = Interview::NotCompleted { date: d("2025-07-05"), reason: " ".into() };
        let err = missing(&db.store, v, "2025-07-05", MissingEntry::Interview { episode: 1, interview: none }).unwrap_err();
        assert!(err.to_string().contains("say why the interview was not completed"), "{err}");
        let why = Interview::NotCompleted { date: d("2025-07-05"), reason: "Declined to speak to anyone".into() };
        missing(&db.store, v, "2025-07-05", MissingEntry::Interview { episode: 1, interview: why }).unwrap();
        assert!(!lines(&db.store, "2025-07-06").contains(&interview));
        assert!(!all_audit_details(&db.store).contains("Declined"), "no reason in the audit trail");
        // A virtual school officer does not record episodes.
        let err = contact::record_missing(&db.store, &user(Role::VirtualSchool, None), &FixedClock::on("2025-07-06"), (&cid("C1"), v + 1), MissingEntry::StrategyMeeting { held: d("2025-07-06") }, HERE).unwrap_err();
        assert!(matches!(err, AppError::Forbidden(_)), "{err}");
    }

    fn miss_002_a_high_risk_names_a_police_officer_and_a_child_exploitation_social_worker(db) {
        setup(&db.store);
        let high = |police: &str| MissingEntry::Rate(RiskRating { risk: Risk::High, date: d("2025-05-07"), police_officer: police.into(), ce_social_worker: "A CE worker".into(), at_form: false });
        let err = missing(&db.store, 0, "2025-05-07", high(" ")).unwrap_err();
        assert!(err.to_string().contains("both a named police officer and a named Child Exploitation social worker"), "{err}");
        missing(&db.store, 0, "2025-05-07", high("PC Test")).unwrap();
    }

    fn miss_003_a_high_risk_is_lowered_only_by_agreement_at_form(db) {
        setup(&db.store);
        let rate = |risk, at_form| MissingEntry::Rate(RiskRating { risk, date: d("2025-05-21"), police_officer: "PC Test".into(), ce_social_worker: "A CE worker".into(), at_form });
        let v = missing(&db.store, 0, "2025-05-21", rate(Risk::High, false)).unwrap().1;
        let err = missing(&db.store, v, "2025-05-21", rate(Risk::Medium, false)).unwrap_err();
        assert!(err.to_string().contains("lowered only by agreement at FORM"), "{err}");
        let (done, _) = missing(&db.store, v, "2025-05-21", rate(Risk::Medium, true)).unwrap();
        assert_eq!(done, "The risk was rated medium.");
    }

    fn miss_007_an_exploitation_referral_closes_only_after_the_screening_tool(db) {
        setup(&db.store);
        let v = missing(&db.store, 0, "2025-05-01", MissingEntry::Refer { kind: Exploitation::Sexual, date: d("2025-05-01") }).unwrap().1;
        let err = missing(&db.store, v, "2025-05-02", MissingEntry::CloseReferral { referral: 1, date: d("2025-05-02") }).unwrap_err();
        assert!(err.to_string().contains("complete the Child Exploitation Screening tool before closing referral 1"), "{err}");
        let v = missing(&db.store, v, "2025-05-02", MissingEntry::Screen { referral: 1, date: d("2025-05-02"), outcome: "Medium risk".into() }).unwrap().1;
        missing(&db.store, v, "2025-05-03", MissingEntry::CloseReferral { referral: 1, date: d("2025-05-03") }).unwrap();
        assert_eq!(audits(&db.store, "WF-MISSING.close_referral"), 1);
    }
}

/// A second Contact Agreement of C1, with letters (C1 has one already).
fn agreement_again(store: &Store) -> String {
    let clock = FixedClock::on("2025-06-30");
    let view = perm::open_plan(store, &sw(), &clock, &cid("C1"), HERE).unwrap();
    let input = perm::ContactAgreementInput {
        parties: vec!["Grandmother".into()],
        contact_types: vec![ContactType::Letter],
        frequency: "Twice a year".into(),
        supervision: Supervision::Unsupervised,
        venue: "Letterbox".into(),
        carer_role: "Writes".into(),
        professionals_role: "Screens".into(),
        family_role: "Writes back".into(),
        review_date: Some(d("2025-09-01")),
    };
    perm::record_contact_agreement(
        store,
        &sw(),
        &clock,
        &cid("C1"),
        view.plan.version,
        input,
        HERE,
    )
    .unwrap()
    .value
    .id
}

fn missing(
    store: &Store,
    v: i64,
    on: &str,
    entry: MissingEntry,
) -> Result<(String, i64), AppError> {
    contact::record_missing(
        store,
        &sw(),
        &FixedClock::on(on),
        (&cid("C1"), v),
        entry,
        HERE,
    )
}
