//! A child's health and therapeutic support (chapter 10 section 6): the
//! services the offer names, what each asks before a referral is made, and
//! who may make it: CAMHS consultation bookings (HLTH-002), therapy
//! requests with the options considered, the SDQ and an accredited
//! therapist (HLTH-003 to HLTH-006), post-adoption allocations (HLTH-007),
//! the Coram Adoption Support Gateway (HLTH-008), the specialist therapist
//! for children using abusive behaviour (HLTH-009, HLTH-010), Family
//! Action's post sexual abuse service (HLTH-011), the Youth Offending
//! Service (HLTH-012) and CAMHS signposting (HLTH-013). Kooth is self-help,
//! never referred to (HLTH-001): it is in every information pack.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::leavers::status::age_on;
use crate::roles::Role;

/// HLTH-002: where a consultation booking is sent, and its subject.
pub const CONSULTATION_EMAIL: (&str, &str) =
    ("fpsadmin@leics.gov.uk", "Booking Consultation Session");

/// HLTH-004: the options considered when a therapeutic need is assessed.
pub const THERAPY_OPTIONS: &[(&str, &str)] = &[
    ("community", "Community services"),
    (
        "key_adult",
        "Mentors, pastoral staff, key adults or an ELSA-trained assistant",
    ),
    ("life_story", "Life story work or Words and Pictures"),
    ("adoption_team", "The Adoption Team's therapeutic worker"),
    ("camhs", "CAMHS"),
    ("private", "Another provision (a private provider)"),
];

/// HLTH-013: the CAMHS teams.
pub const CAMHS_TEAMS: &[&str] = &[
    "Crisis Resolution and Home Treatment",
    "Primary Mental Health Team",
    "Young Peoples Team",
    "Learning Disability Team",
    "Eating Disorders Team",
];

/// HLTH-012: the sections of the YOS assessment.
pub const YOS_SECTIONS: &[&str] = &[
    "Issues behind the offending",
    "Strengths",
    "Risk of offending",
    "Risk of harm to others",
    "Safety and wellbeing",
];

/// HLTH-010: what a child who is not a Child in Need is offered instead.
pub const UNIVERSAL_ROUTES: &[&str] = &[
    "School nurse",
    "Mentor",
    "School counsellor",
    "Short intervention by a social worker",
    "Early Help",
];

/// The services a referral goes to.
pub const SERVICES: &[(&str, &str)] = &[
    ("camhs", "CAMHS signposting"),
    ("consultation", "CAMHS therapeutic consultation session"),
    ("therapy", "Therapeutic support (the intervention fund)"),
    ("post_adoption", "Post-adoption allocation"),
    ("gateway", "Coram Adoption Support Gateway"),
    ("coram", "Coram programme for adoptive families"),
    (
        "abusive_behaviour",
        "Specialist therapist (children using abusive behaviour)",
    ),
    ("psa", "Family Action Post Sexual Abuse Service"),
    ("yos", "Youth Offending Service"),
];

/// TRAIN-008: the Coram programmes of the adoption offer.
pub const CORAM_PROGRAMMES: &[(&str, &str)] = &[
    ("stay_and_play", "Monthly stay and play in Shepshed"),
    (
        "parenting_3_9",
        "Parenting Skill Training for children aged 3-9 years",
    ),
    (
        "parenting_adolescence",
        "Parenting Skill Training for children approaching adolescence",
    ),
    ("teens", "Support Group for Teens"),
    ("play_events", "Play Events"),
];

/// The ages (inclusive) of the children a Coram programme is for; `None`
/// for every age. The ages of the adolescence course and the teens' group
/// are configured assumptions (the source names no ages for them).
fn coram_ages(code: &str) -> Option<(u32, u32)> {
    match code {
        "parenting_3_9" => Some((3, 9)),
        "parenting_adolescence" => Some((10, 13)),
        "teens" => Some((13, 17)),
        _ => None,
    }
}

/// TRAIN-008: the Coram programme for a child of `age` when `asked` is for
/// other ages: the first course whose ages hold the child's (a family
/// whose child is 11 asking for the course for ages 3-9 is offered the one
/// for children approaching adolescence).
pub fn coram_programme_for(asked: &str, age: u32) -> Option<&'static str> {
    let fits = |code: &str| coram_ages(code).is_none_or(|(lo, hi)| (lo..=hi).contains(&age));
    if fits(asked) {
        return None;
    }
    CORAM_PROGRAMMES
        .iter()
        .map(|p| p.0)
        .find(|code| coram_ages(code).is_some() && fits(code))
}

/// A referral, booking or signposting, with what it recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    pub service: String,
    pub date: NaiveDate,
    pub by: String,
    /// What the referral recorded, by question, in the form's words.
    pub answers: Vec<(String, String)>,
    /// What the service said or where it was routed.
    pub outcome: String,
    /// HLTH-005: the therapist's accreditation checked, when it was.
    pub verified: Option<NaiveDate>,
    pub paid: Option<NaiveDate>,
}

/// A child's health support record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthRecord {
    pub child_id: String,
    pub referrals: Vec<Referral>,
}

/// The facts of the child the rules read.
#[derive(Debug, Clone, Copy)]
pub struct Patient {
    pub dob: NaiveDate,
    pub looked_after: bool,
    pub adopted: bool,
    /// The child has an SDQ score recorded (HLTH-006).
    pub sdq: Option<u8>,
}

fn need(get: &dyn Fn(&str) -> String, name: &str, what: &str) -> Result<String, String> {
    let v = get(name).trim().to_owned();
    if v.is_empty() {
        Err(format!("{name}: {what}"))
    } else {
        Ok(v)
    }
}

fn one_of(
    get: &dyn Fn(&str) -> String,
    name: &str,
    allowed: &[&str],
    what: &str,
) -> Result<String, String> {
    let v = get(name);
    if allowed.contains(&v.as_str()) {
        Ok(v)
    } else {
        Err(format!("{name}: choose {what}"))
    }
}

/// HLTH-009: the specialist therapist works with children aged 4 to 17 who
/// live in Leicestershire and are Children in Need after assessment.
pub fn abusive_behaviour_eligible(
    dob: NaiveDate,
    on: NaiveDate,
    in_area: bool,
    child_in_need: bool,
) -> bool {
    (4..=17).contains(&age_on(dob, on)) && in_area && child_in_need
}

/// HLTH-013: the CAMHS teams suggested for a child.
pub fn camhs_teams(
    adopted_or_in_care: bool,
    crisis_needs_physical_care: bool,
) -> Vec<&'static str> {
    CAMHS_TEAMS
        .iter()
        .copied()
        .filter(|t| !(crisis_needs_physical_care && t.starts_with("Crisis")))
        .filter(|t| adopted_or_in_care || *t != "Young Peoples Team")
        .collect()
}

/// Makes a referral from a form's fields, for a user of a role, on a day:
/// refused with the field and the problem when the service's rule is not
/// met.
pub fn refer(
    service: &str,
    get: &dyn Fn(&str) -> String,
    (by, role): (&str, Role),
    patient: Patient,
    today: NaiveDate,
) -> Result<Referral, String> {
    let date = crate::leavers::record::iso_date(get("date").trim())
        .map_err(|_| "date: enter a real date, for example 2026-03-27".to_owned())?;
    if date > today {
        return Err("date: the date must be today or in the past".into());
    }
    let mut answers: Vec<(String, String)> = Vec::new();
    let mut put = |q: &str, a: String| answers.push((q.to_owned(), a));
    let outcome = match service {
        // HLTH-002: only social workers book; carers ask theirs.
        "consultation" => {
            if role != Role::SocialWorker {
                return Err("service: consultation sessions are booked by the child's social worker; ask them to book it".into());
            }
            put(
                "Question",
                need(get, "need", "enter what the consultation is about")?,
            );
            format!(
                "Emailed {} with the subject \"{}\"",
                CONSULTATION_EMAIL.0, CONSULTATION_EMAIL.1
            )
        }
        // HLTH-003 to HLTH-006.
        "therapy" => {
            put(
                "Need",
                need(get, "need", "enter the assessed therapeutic need")?,
            );
            let chosen = one_of(
                get,
                "option",
                &THERAPY_OPTIONS.iter().map(|o| o.0).collect::<Vec<_>>(),
                "how the need will be met",
            )?;
            let considered = get("considered");
            if chosen == "private" && considered.trim().is_empty() {
                return Err("considered: record the other options considered before choosing a private provider".into());
            }
            put("Chosen", chosen.clone());
            put("Options considered", considered);
            let age = age_on(patient.dob, date);
            if (3..=16).contains(&age) && patient.sdq.is_some() && get("sdq_considered") != "yes" {
                return Err("sdq_considered: the child's SDQ score must be considered".into());
            }
            if let Some(s) = patient.sdq {
                put("SDQ score", s.to_string());
            }
            if chosen == "private" {
                put(
                    "Therapist",
                    need(
                        get,
                        "therapist",
                        "enter the therapist and their accrediting body and number",
                    )?,
                );
            }
            if patient.looked_after {
                "Under the Fostering Offer (no permanence decision is needed)".to_owned()
            } else {
                "Requested".to_owned()
            }
        }
        // HLTH-007: an early help or fieldwork allocation has the Post
        // Adoption Support Worker's advice.
        "post_adoption" => {
            let team = need(get, "team", "enter the team the case is allocated to")?;
            let adviser = get("adviser");
            if adviser.trim().is_empty() {
                return Err("adviser: link the Post Adoption Support Worker who advises".into());
            }
            put("Team", team);
            put("Post Adoption Support Worker", adviser);
            "Allocated".to_owned()
        }
        // HLTH-008: the clinical advice goes to the social worker and the parent.
        "gateway" => {
            put(
                "Social worker",
                need(
                    get,
                    "social_worker",
                    "name the social worker who receives the clinical advice",
                )?,
            );
            put(
                "Parent",
                need(
                    get,
                    "parent",
                    "name the parent who receives the clinical advice",
                )?,
            );
            "Referred for clinical assessment and advice".to_owned()
        }
        // TRAIN-008: open to adoptive families; a course for other ages is
        // refused naming the one for the child's age.
        "coram" => {
            let asked = one_of(
                get,
                "programme",
                &CORAM_PROGRAMMES.iter().map(|p| p.0).collect::<Vec<_>>(),
                "the Coram programme",
            )?;
            if !patient.adopted {
                return Err("service: the Coram programmes are for adoptive families".into());
            }
            let age = age_on(patient.dob, date);
            let label = |code: &str| {
                CORAM_PROGRAMMES
                    .iter()
                    .find(|p| p.0 == code)
                    .map_or("", |p| p.1)
            };
            if let Some(better) = coram_programme_for(&asked, age) {
                return Err(format!(
                    "programme: the child is {age}: \"{}\" is for their age instead",
                    label(better)
                ));
            }
            put("Programme", label(&asked).to_owned());
            "Booked with Coram".to_owned()
        }
        // HLTH-009, HLTH-010.
        "abusive_behaviour" => {
            let cin = get("child_in_need") == "yes";
            let in_area = get("in_area") == "yes";
            if !cin {
                return Err(format!(
                    "child_in_need: the specialist therapist is for Children in Need; offer universal or targeted help instead ({})",
                    UNIVERSAL_ROUTES.join(", ")
                ));
            }
            if !abusive_behaviour_eligible(patient.dob, date, in_area, cin) {
                return Err("in_area: the specialist therapist works with children aged 4 to 17 who live in Leicestershire".into());
            }
            put(
                "Multi-agency meeting",
                need(
                    get,
                    "meeting",
                    "link the multi-agency meeting that considered the referral",
                )?,
            );
            "Referred".to_owned()
        }
        // HLTH-011.
        "psa" => {
            put(
                "Source",
                one_of(
                    get,
                    "source",
                    &["self", "agency"],
                    "self-referral or another agency",
                )?,
            );
            put(
                "Channel",
                one_of(
                    get,
                    "channel",
                    &["telephone", "in person", "referral form"],
                    "telephone, in person or the referral form",
                )?,
            );
            put(
                "Intervention",
                one_of(
                    get,
                    "intervention",
                    &["group", "individual", "carers' group"],
                    "group, individual or carers' group work",
                )?,
            );
            "Referred to Family Action, 9 Newarke Street, Leicester LE1 5SN (0116 2574979)"
                .to_owned()
        }
        // HLTH-012.
        "yos" => {
            if !(8..=17).contains(&age_on(patient.dob, date)) {
                return Err(
                    "date: the Youth Offending Service works with young people aged 8 to 17".into(),
                );
            }
            put(
                "Reason",
                need(get, "need", "enter what the referral is about")?,
            );
            format!(
                "Referred; the assessment covers: {}",
                YOS_SECTIONS.join("; ")
            )
        }
        // HLTH-013.
        "camhs" => {
            let physical = get("physical") == "yes";
            format!(
                "Teams suggested: {}",
                camhs_teams(patient.adopted || patient.looked_after, physical).join("; ")
            )
        }
        _ => return Err("service: choose a service".into()),
    };
    Ok(Referral {
        service: service.to_owned(),
        date,
        by: by.to_owned(),
        answers,
        outcome,
        verified: None,
        paid: None,
    })
}

impl HealthRecord {
    /// HLTH-005: the therapist's accreditation is checked on a day.
    pub fn verify(&mut self, index: usize, on: NaiveDate) -> Result<(), String> {
        let r = self
            .referrals
            .get_mut(index)
            .ok_or("referral: no such referral")?;
        r.verified = Some(on);
        Ok(())
    }

    /// HLTH-005: a fund payment to a therapist waits for the accreditation.
    pub fn pay(&mut self, index: usize, on: NaiveDate) -> Result<(), String> {
        let r = self
            .referrals
            .get_mut(index)
            .ok_or("referral: no such referral")?;
        if r.service != "therapy" {
            return Err("referral: only therapy is paid from the fund".into());
        }
        if r.verified.is_none() {
            return Err(
                "verified: payment is blocked until the therapist's accreditation is verified"
                    .into(),
            );
        }
        r.paid = Some(on);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn hlth_009_ages_four_to_seventeen_in_area_and_in_need() {
        let on = d("2025-06-01");
        assert!(!abusive_behaviour_eligible(d("2022-01-10"), on, true, true));
        assert!(abusive_behaviour_eligible(d("2013-01-10"), on, true, true));
        assert!(!abusive_behaviour_eligible(d("2007-01-10"), on, true, true));
    }

    #[test]
    fn hlth_013_young_peoples_team_for_adopted_and_no_crisis_team_for_physical_needs() {
        assert!(camhs_teams(true, false).contains(&"Young Peoples Team"));
        assert!(!camhs_teams(true, true).contains(&"Crisis Resolution and Home Treatment"));
    }
}
