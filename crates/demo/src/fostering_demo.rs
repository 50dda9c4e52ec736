//! The demo council's mainstream foster carers' files: for every household
//! holding a `FosterCarer` role, the particulars its steps would have
//! recorded (the enquiry and its reply, the initial visit's report, some
//! late, the PTAD, the Form F with its agreed panel date, the panel, the
//! decision with its terms), and for approved carers the supervising social
//! worker's visits (some recent, some overdue), reviews and a course
//! booked, taken as steps of the role so their deadlines are real ones.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use domain::access::User;
use domain::deadlines::EventKind;
use domain::fostering::carers::{
    ApprovalTerms, Assessment, Decision, Enquiry, FosterCarerFile, FosterStep, InitialVisit,
    PanelHeard, STAGE_ONE_PAPERS,
};
use domain::fostering::concerns::{Concern, ConcernStep};
use domain::fostering::reviews::{Review, Visit, VisitKind};
use domain::fostering::training::Booking;
use domain::households::household::Household;
use domain::households::lifecycle::{HouseholdRole, RoleKind};
use domain::roles::Role;

const TERMS: &[(u8, u8, u8, &str)] = &[
    (0, 11, 2, "short_term"),
    (5, 17, 1, "long_term"),
    (0, 4, 1, "emergency"),
    (8, 17, 2, "respite"),
    (0, 18, 3, "short_term"),
];

fn at(day: NaiveDate, hour: u32) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).expect("an hour of the day"))
}

fn first(role: &HouseholdRole, kind: EventKind) -> Option<NaiveDate> {
    role.events.iter().find(|e| e.kind == kind).map(|e| e.date)
}

fn ssw() -> User {
    User {
        username: "demo".into(),
        display_name: "Demo".into(),
        role: Role::SupervisingSocialWorker,
        team: None,
        worker_id: None,
    }
}

/// The file of a role as its events say it went.
fn file_of(h: &Household, role: &HouseholdRole, n: usize) -> FosterCarerFile {
    let mut f = FosterCarerFile::new(&h.id, &role.id);
    // Every third enquiry is answered late, every fourth report saved late.
    f.enquiry = Some(Enquiry {
        channel: ["phone", "web", "book_a_chat", "email"][n % 4].into(),
        received: at(role.started, 10),
        replied: at(role.started, if n.is_multiple_of(3) { 14 } else { 11 }),
    });
    let Some(visit) = first(role, EventKind::FosteringInitialVisit) else {
        return f;
    };
    f.initial_visit = Some(InitialVisit {
        visited: at(visit, 10),
        report_saved: at(
            visit + Days::new(if n.is_multiple_of(4) { 3 } else { 1 }),
            9,
        ),
    });
    let started = first(role, EventKind::FosteringAssessmentStarted);
    let approved = first(role, EventKind::FosterCarerApproved);
    match started {
        Some(s) => f.ptad = Some((s.min(visit + Days::new(7)).max(visit), true)),
        None if role.stage == "closed" && approved.is_none() => f.ptad = Some((visit, false)),
        None if role.stage != "initial_visit" && role.stage != "withdrawn" => {
            f.ptad = Some((visit, true))
        }
        None => {}
    }
    let Some(s) = started else { return f };
    let completed = first(role, EventKind::FormFCompleted);
    f.assessment = Some(Assessment {
        started: s,
        papers: STAGE_ONE_PAPERS
            .iter()
            .map(|(c, _)| (*c).to_owned())
            .collect(),
        panel_date: s + Days::new(7 * 18),
        skills_to_foster: completed.map(|c| c - Days::new(30)),
        applicant_agreed: completed.map(|c| c - Days::new(3)),
        completed,
    });
    if let Some(p) = first(role, EventKind::PanelRecommendation) {
        f.panel = Some(PanelHeard {
            on: p,
            recommends_approval: role.stage != "not_approved",
        });
    }
    if let Some(decided) = first(role, EventKind::AgencyDecision) {
        let (from, to, children, kind) = TERMS[n % TERMS.len()];
        let terms = approved
            .map(|_| ApprovalTerms::new(from, to, children, kind).expect("demo terms are valid"));
        f.decision = Some(Decision {
            on: decided,
            panel: f.panel.as_ref().map(|p| p.on),
            fostering_news_from: approved,
            portal_invited: approved,
            support_group_notified: approved,
            terms,
        });
    }
    f.reviews = role
        .events
        .iter()
        .filter(|e| e.kind == EventKind::FosterCarerReviewed)
        .map(|e| Review {
            on: e.date,
            training_hours: 12,
            override_note: String::new(),
            contributions: vec!["carer".into(), "csw".into(), "iro".into()],
        })
        .collect();
    f
}

/// An approved carer's visits and a course, taken as steps of the role: a
/// third visited lately, a third a while ago (overdue), a third not since
/// approval; each with a course booked for three weeks after the booking.
fn supervise(role: &mut HouseholdRole, f: &mut FosterCarerFile, n: usize, as_of: NaiveDate) {
    let last = role.last_step;
    // Every other carer booked seven weeks ago: the course was a month ago
    // and its attendance waits to be recorded (WF-TRAINING); the others
    // book today, after their visits.
    if n.is_multiple_of(2) {
        book(role, f, n, (as_of - Days::new(50)).max(last).min(as_of));
    }
    let visits: &[u64] = match n % 3 {
        0 => &[45, 12],
        1 => &[50],
        _ => &[],
    };
    for ago in visits {
        let on = (as_of - Days::new(*ago)).max(last).min(as_of);
        let kind = if *ago == 12 {
            VisitKind::Unannounced
        } else {
            VisitKind::Supervision
        };
        if role.take(&ssw(), "ssw_visit", on).is_ok() {
            f.apply(FosterStep::Visit(Visit { on, kind }))
                .expect("a demo visit is valid");
        }
    }
    if !n.is_multiple_of(2) {
        book(role, f, n, as_of);
    }
}

/// A course booked on `booked` for three weeks on.
fn book(role: &mut HouseholdRole, f: &mut FosterCarerFile, n: usize, booked: NaiveDate) {
    if role.take(&ssw(), "book_training", booked).is_ok() {
        let booking = Booking {
            booked,
            course: [
                "Safer caring",
                "Therapeutic parenting",
                "Paediatric first aid",
            ][n % 3]
                .into(),
            course_date: booked + Days::new(21),
            hours: 6,
            attended: None,
            // TRAIN-003: every fourth carer waits for a place.
            waitlisted: n % 4 == 2,
        };
        f.apply(FosterStep::Book(booking))
            .expect("a demo booking is valid");
    }
}

/// Some approved carers' troubles (WF-FOST-ALLEGATION, FOST-030,
/// FOST-046), taken as steps of the role on `as_of`; `n` counts the
/// approved carers: every twelfth from the first has an allegation logged
/// (every other one, from the second, referred to the LADO), every twelfth
/// from the third is on hold, every fifth from the second raised a concern.
fn troubles(role: &mut HouseholdRole, f: &mut FosterCarerFile, n: usize, as_of: NaiveDate) {
    let mut take = |role: &mut HouseholdRole, step: ConcernStep| {
        if role.take(&ssw(), step.name(), as_of).is_ok() {
            f.apply(FosterStep::Concern(step))
                .expect("a demo step is valid");
        }
    };
    if n % 5 == 1 {
        let concern = Concern {
            on: as_of,
            raised_by: "carer".into(),
            summary: "Mileage claims paid late".into(),
        };
        take(role, ConcernStep::RaiseConcern(concern));
    }
    match n % 12 {
        0 => {
            take(role, ConcernStep::LogAllegation { on: as_of });
            if (n / 12) % 2 == 1 {
                take(role, ConcernStep::ReferLado { on: as_of });
            }
        }
        2 => take(role, ConcernStep::PutOnHold { on: as_of }),
        _ => {}
    }
}

/// The files of every mainstream foster carer role of `households`, the
/// approved carers' visits and bookings taken as steps of their roles.
pub fn foster_carers(households: &mut [Household], as_of: NaiveDate) -> Vec<FosterCarerFile> {
    let mut files = Vec::new();
    let mut approved = 0;
    for h in households.iter_mut() {
        let n = files.len();
        let Some(i) = h.roles.iter().position(|r| r.kind == RoleKind::FosterCarer) else {
            continue;
        };
        let mut f = file_of(h, &h.roles[i], n);
        let role = &mut h.roles[i];
        // Approved carers, including those whose terms are before the panel,
        // have their troubles; every carer in their approved life (those
        // the households demo left under an allegation or on hold too) is
        // visited and has a course booked: an allegation does not stop
        // supervision or training.
        let open = matches!(
            role.stage.as_str(),
            "approved" | "review_adm" | "terms_panel"
        );
        if open || matches!(role.stage.as_str(), "allegation" | "on_hold") {
            supervise(role, &mut f, n, as_of);
        }
        if open {
            troubles(role, &mut f, approved, as_of);
            approved += 1;
        }
        files.push(f);
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_foster_carer_has_a_file_and_approved_ones_have_terms_visits_and_training() {
        let as_of: NaiveDate = "2026-12-07".parse().unwrap();
        let council =
            crate::synthetic::generate(&crate::synthetic::CouncilSpec::new(2500, 3, as_of));
        let mut hs = crate::households_demo::households(&council.journeys, as_of, 3);
        let files = foster_carers(&mut hs, as_of);
        let roles = hs
            .iter()
            .flat_map(|h| &h.roles)
            .filter(|r| r.kind == RoleKind::FosterCarer)
            .count();
        assert_eq!(files.len(), roles);
        assert!(
            files
                .iter()
                .any(|f| f.decision.as_ref().is_some_and(|d| d.terms.is_some()))
        );
        assert!(files.iter().any(|f| !f.visits.is_empty()));
        assert!(files.iter().any(|f| !f.training.is_empty()));
        assert!(
            files
                .iter()
                .any(|f| f.ptad.is_some_and(|(_, proceed)| !proceed))
        );
        // Carers in every state of their approved life.
        for stage in ["allegation", "on_hold"] {
            assert!(
                hs.iter().flat_map(|h| &h.roles).any(|r| r.stage == stage),
                "{stage}"
            );
        }
        assert!(files.iter().any(|f| f.awaiting_lado()));
        // The carers the households demo put under an allegation are still
        // supervised and trained.
        for h in &hs {
            for r in h
                .roles
                .iter()
                .filter(|r| r.kind == RoleKind::FosterCarer && r.stage == "allegation")
            {
                let f = files.iter().find(|f| f.role == r.id).expect("a file");
                assert!(!f.training.is_empty(), "{}", r.id);
            }
        }
        assert!(files.iter().any(|f| !f.concerns.is_empty()));
    }
}
