//! A child's education record as the Virtual School keeps it: the Personal
//! Education Plans of each term with their careers section (EDU-010,
//! EDU-014), the Pupil Premium Plus it manages (EDU-011), attendance,
//! exclusions, attainment and progress (EDU-012), school moves planned with
//! it (EDU-015), and, for children who were looked after, what their
//! parents told the school and the early-years provider (EDU-005 to
//! EDU-008), the Virtual School's advice (EDU-004) and the SEND Local Offer
//! (EDU-016).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::leavers::status::{age_on, birthday, final_school_year};
use crate::roles::Role;

/// The school terms of an academic year (EDU-010: one PEP review in each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Term {
    Autumn,
    Spring,
    Summer,
}

impl Term {
    pub fn title(self) -> &'static str {
        match self {
            Term::Autumn => "autumn",
            Term::Spring => "spring",
            Term::Summer => "summer",
        }
    }
    /// The term a date falls in (autumn September to December, spring
    /// January to March, summer April to August) and the academic year it
    /// belongs to (by the year it starts).
    pub fn of(date: NaiveDate) -> (i32, Term) {
        match date.month() {
            9..=12 => (date.year(), Term::Autumn),
            1..=3 => (date.year() - 1, Term::Spring),
            _ => (date.year() - 1, Term::Summer),
        }
    }
    /// The last day of the term in an academic year.
    pub fn ends(self, year: i32) -> NaiveDate {
        let (y, m, d) = match self {
            Term::Autumn => (year, 12, 31),
            Term::Spring => (year + 1, 3, 31),
            Term::Summer => (year + 1, 7, 31),
        };
        NaiveDate::from_ymd_opt(y, m, d).expect("a real day")
    }
}

/// The uses the Virtual School allows the Pupil Premium Plus for (EDU-011).
pub const PPP_USES: &[(&str, &str)] = &[
    ("tuition", "Tuition and learning support"),
    ("emotional", "Emotional and behavioural support"),
    ("resources", "Resources and equipment"),
    ("enrichment", "Enrichment and aspiration"),
];

/// EDU-008: the Pupil Premium Plus rate for adopted children, in pence a
/// year, from the date each rate applies.
pub const ADOPTED_PPP_RATES: &[(&str, u64)] = &[("2018-04-01", 230_000)];

/// EDU-008: the January census dates (the school census day).
pub const JANUARY_CENSUS: &[&str] = &["2024-01-18", "2025-01-16", "2026-01-15", "2027-01-21"];

/// EDU-013: the Virtual School's course on barriers to learning and its
/// audience (part of the carer training programme, TRAIN-002).
pub const VS_TRAINING: (&str, &[&str]) = (
    "Virtual School – barriers to learning",
    &[
        "foster carers",
        "connected carers",
        "special guardians",
        "adoptive parents",
    ],
);

/// EDU-012: what the school reports.
pub const SCHOOL_EVENTS: &[(&str, &str)] = &[
    ("attendance", "Attendance below 90%"),
    ("exclusion", "Exclusion"),
    ("attainment", "Attainment"),
    ("progress", "Progress"),
];

/// A Personal Education Plan review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pep {
    pub date: NaiveDate,
    /// EDU-014: the school's careers guidance and the Virtual School's input.
    pub careers: Option<String>,
    pub by: String,
}

/// A Pupil Premium Plus allocation the Virtual School manages (EDU-011).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    pub date: NaiveDate,
    pub pence: u64,
    pub used_for: String,
    pub managed_by: String,
}

/// Something the school reported, and the day the Virtual School was told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolEvent {
    pub date: NaiveDate,
    pub kind: String,
    pub notified: NaiveDate,
}

/// A school move, confirmed only when planned with the Virtual School.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolMove {
    pub date: NaiveDate,
    pub school: String,
    pub consulted: bool,
    pub transition_plan: bool,
}

/// An enquiry to the Virtual School about an adopted child (EDU-004).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Advice {
    pub date: NaiveDate,
    pub from: String,
    /// Logged for advice, or closed with signposting to another area's
    /// Virtual School.
    pub outcome: String,
}

/// A child's education record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EducationRecord {
    pub child_id: String,
    /// EDU-009: the area the child goes to school in.
    pub school_area: Option<String>,
    pub peps: Vec<Pep>,
    pub allocations: Vec<Allocation>,
    pub events: Vec<SchoolEvent>,
    pub moves: Vec<SchoolMove>,
    pub advice: Vec<Advice>,
    /// EDU-016: the child has an Education, Health and Care Plan.
    pub ehcp: bool,
    /// EDU-006: the day the provider was told the child is adopted.
    pub provider_told: Option<NaiveDate>,
    /// EDU-008: the day the school was told the child is adopted.
    pub school_told: Option<NaiveDate>,
    /// EDU-007: the days an admissions support letter was written.
    pub admission_letters: Vec<NaiveDate>,
}

/// A change to the education record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EducationChange {
    Pep {
        date: NaiveDate,
        careers: Option<String>,
    },
    Allocation {
        date: NaiveDate,
        pence: u64,
        used_for: String,
    },
    SchoolEvent {
        date: NaiveDate,
        kind: String,
    },
    SchoolArea {
        area: String,
    },
    SchoolMove {
        date: NaiveDate,
        school: String,
        consulted: bool,
        transition_plan: bool,
    },
    Advice {
        date: NaiveDate,
        from: String,
        lives_in_area: bool,
    },
    Ehcp {
        ehcp: bool,
    },
    Told {
        provider: Option<NaiveDate>,
        school: Option<NaiveDate>,
    },
    AdmissionLetter {
        date: NaiveDate,
    },
}

/// Every change's code and the words of its form.
pub const CHANGES: &[(&str, &str)] = &[
    ("pep", "Record a PEP review"),
    ("allocation", "Record a Pupil Premium Plus allocation"),
    ("event", "Record what the school reported"),
    ("area", "Record where the child goes to school"),
    ("move", "Confirm a school move"),
    ("advice", "Log an enquiry for advice (adopted child)"),
    ("ehcp", "Education, Health and Care Plan"),
    ("told", "Record when the school or provider was told"),
    ("letter", "Write an admissions support letter"),
];

/// The facts of the child the rules read.
#[derive(Debug, Clone, Copy)]
pub struct Pupil {
    pub dob: NaiveDate,
    /// Looked after by the council today.
    pub looked_after: bool,
    /// EDU-003: the day an adoption order ended their care, if one did.
    pub adopted_on: Option<NaiveDate>,
}

fn text(get: &dyn Fn(&str) -> String, name: &str, what: &str) -> Result<String, String> {
    let v = get(name).trim().to_owned();
    if v.is_empty() {
        return Err(format!("{name}: enter {what}"));
    }
    Ok(v)
}

fn date(get: &dyn Fn(&str) -> String, name: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let d = crate::leavers::record::iso_date(get(name).trim())
        .map_err(|_| format!("{name}: enter a real date, for example 2026-03-27"))?;
    if d > today {
        return Err(format!("{name}: the date must be today or in the past"));
    }
    Ok(d)
}

fn opt_date(
    get: &dyn Fn(&str) -> String,
    name: &str,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, String> {
    if get(name).trim().is_empty() {
        Ok(None)
    } else {
        date(get, name, today).map(Some)
    }
}

impl EducationChange {
    /// Reads a change from a form's fields, naming the field at fault.
    pub fn parse(
        code: &str,
        get: &dyn Fn(&str) -> String,
        today: NaiveDate,
    ) -> Result<Self, String> {
        let yes = |n: &str| get(n) == "yes";
        Ok(match code {
            "pep" => EducationChange::Pep {
                date: date(get, "date", today)?,
                careers: Some(get("careers").trim().to_owned()).filter(|c| !c.is_empty()),
            },
            "allocation" => {
                let pence = get("pence")
                    .trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|p| *p > 0)
                    .ok_or("pence: enter the amount in pence, for example 45000")?;
                let used_for = get("used_for");
                if !PPP_USES.iter().any(|(c, _)| *c == used_for) {
                    return Err("used_for: choose what the Pupil Premium Plus is used for".into());
                }
                EducationChange::Allocation {
                    date: date(get, "date", today)?,
                    pence,
                    used_for,
                }
            }
            "event" => {
                let kind = get("kind");
                if !SCHOOL_EVENTS.iter().any(|(c, _)| *c == kind) {
                    return Err("kind: choose what the school reported".into());
                }
                EducationChange::SchoolEvent {
                    date: date(get, "date", today)?,
                    kind,
                }
            }
            "area" => EducationChange::SchoolArea {
                area: text(get, "area", "the area the school is in")?,
            },
            "move" => EducationChange::SchoolMove {
                date: crate::leavers::record::iso_date(get("date").trim())
                    .map_err(|_| "date: enter a real date, for example 2026-03-27")?,
                school: text(get, "school", "the new school")?,
                consulted: yes("consulted"),
                transition_plan: yes("transition_plan"),
            },
            "advice" => EducationChange::Advice {
                date: date(get, "date", today)?,
                from: text(get, "from", "who asked (the school or the parents)")?,
                lives_in_area: yes("in_area"),
            },
            "ehcp" => EducationChange::Ehcp { ehcp: yes("ehcp") },
            "told" => EducationChange::Told {
                provider: opt_date(get, "provider_on", today)?,
                school: opt_date(get, "school_on", today)?,
            },
            "letter" => EducationChange::AdmissionLetter {
                date: date(get, "date", today)?,
            },
            _ => return Err("change: choose what to record".into()),
        })
    }

    pub fn code(&self) -> &'static str {
        match self {
            EducationChange::Pep { .. } => "pep",
            EducationChange::Allocation { .. } => "allocation",
            EducationChange::SchoolEvent { .. } => "event",
            EducationChange::SchoolArea { .. } => "area",
            EducationChange::SchoolMove { .. } => "move",
            EducationChange::Advice { .. } => "advice",
            EducationChange::Ehcp { .. } => "ehcp",
            EducationChange::Told { .. } => "told",
            EducationChange::AdmissionLetter { .. } => "letter",
        }
    }

    /// Who may make a change (by its code): the Virtual School for the
    /// education record, the social worker and team manager for what they
    /// plan with it (school moves, the family's dates, the admissions
    /// letter, the EHCP, an enquiry).
    pub fn may_make(code: &str, role: Role) -> bool {
        let known = CHANGES.iter().any(|(c, _)| *c == code);
        match role {
            Role::VirtualSchool => known,
            Role::SocialWorker | Role::TeamManager | Role::PostOrderSupportWorker => {
                known && !matches!(code, "allocation" | "pep")
            }
            _ => false,
        }
    }
}

impl EducationRecord {
    /// Makes a change on a day for a pupil.
    pub fn apply(
        &mut self,
        change: EducationChange,
        by: &str,
        pupil: Pupil,
        today: NaiveDate,
    ) -> Result<(), String> {
        match change {
            EducationChange::Pep { date, careers } => {
                // EDU-003: PEPs end with the adoption order.
                if pupil.adopted_on.is_some_and(|a| date >= a) || !pupil.looked_after {
                    return Err(
                        "date: PEPs are for children in care; this child is no longer looked after"
                            .into(),
                    );
                }
                // EDU-014: Year 11's PEP holds a careers section.
                if final_school_year(pupil.dob, date) && careers.is_none() {
                    return Err("careers: a Year 11 PEP cannot be finalised without the careers section (the school's guidance and any Virtual School input)".into());
                }
                self.peps.push(Pep {
                    date,
                    careers,
                    by: by.to_owned(),
                });
                self.peps.sort_by_key(|p| p.date);
            }
            EducationChange::Allocation {
                date,
                pence,
                used_for,
            } => {
                if !pupil.looked_after {
                    return Err("date: the Virtual School manages the Pupil Premium Plus of children in care".into());
                }
                self.allocations.push(Allocation {
                    date,
                    pence,
                    used_for,
                    managed_by: "Virtual School".into(),
                });
            }
            // EDU-012: the Virtual School caseworker is told the same day.
            EducationChange::SchoolEvent { date, kind } => self.events.push(SchoolEvent {
                date,
                kind,
                notified: today,
            }),
            EducationChange::SchoolArea { area } => self.school_area = Some(area),
            EducationChange::SchoolMove {
                date,
                school,
                consulted,
                transition_plan,
            } => {
                // EDU-015: planned with the Virtual School.
                if !consulted {
                    return Err("consulted: the move cannot be confirmed until the Virtual School has been consulted".into());
                }
                if !transition_plan {
                    return Err("transition_plan: the move cannot be confirmed until a school transition plan is recorded".into());
                }
                self.moves.push(SchoolMove {
                    date,
                    school,
                    consulted,
                    transition_plan,
                });
            }
            EducationChange::Advice {
                date,
                from,
                lives_in_area,
            } => {
                // EDU-004: advice for previously looked-after children.
                if pupil.adopted_on.is_none() {
                    return Err(
                        "from: Virtual School advice of this kind is for adopted children".into(),
                    );
                }
                let outcome = if lives_in_area {
                    "Logged for Virtual School advice (0116 3056097)"
                } else {
                    "Closed: signposted to the Virtual School of the area where the child lives"
                };
                self.advice.push(Advice {
                    date,
                    from,
                    outcome: outcome.into(),
                });
            }
            EducationChange::Ehcp { ehcp } => self.ehcp = ehcp,
            EducationChange::Told { provider, school } => {
                if provider.is_some() {
                    self.provider_told = provider;
                }
                if school.is_some() {
                    self.school_told = school;
                }
            }
            EducationChange::AdmissionLetter { date } => {
                if pupil.adopted_on.is_none() {
                    return Err("date: priority admission is for children adopted from care".into());
                }
                self.admission_letters.push(date);
            }
        }
        Ok(())
    }
}

/// EDU-010: the terms of the academic year, ended by a date, without a PEP
/// review on one of `peps` (for a child in care through them).
pub fn missing_pep_terms(peps: &[NaiveDate], year: i32, today: NaiveDate) -> Vec<Term> {
    [Term::Autumn, Term::Spring, Term::Summer]
        .into_iter()
        .filter(|t| t.ends(year) < today)
        .filter(|t| !peps.iter().any(|p| Term::of(*p) == (year, *t)))
        .collect()
}

/// EDU-009: a child in the council's care is on its Virtual School's roll
/// wherever they live or go to school.
pub fn on_virtual_school_roll(pupil: Pupil) -> bool {
    pupil.looked_after
}

/// EDU-005: the free early education place from the second birthday (for a
/// child adopted from care) until they start the three-year-old offer.
pub fn free_place_at_two(pupil: Pupil) -> Option<(NaiveDate, NaiveDate)> {
    pupil.adopted_on?;
    Some((birthday(pupil.dob, 2), birthday(pupil.dob, 3).pred_opt()?))
}

/// EDU-006: the Early Years Pupil Premium window: ages three and four.
pub fn eypp_window(dob: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    Some((birthday(dob, 3), birthday(dob, 5).pred_opt()?))
}

/// EDU-008: the January census at which the child first counts for the
/// Pupil Premium Plus (the first on or after the day the school was told),
/// with the rate in force then.
pub fn counted_at_census(told: NaiveDate) -> Option<(NaiveDate, u64)> {
    let census = JANUARY_CENSUS
        .iter()
        .filter_map(|c| c.parse::<NaiveDate>().ok())
        .find(|c| told <= *c)?;
    let rate = ADOPTED_PPP_RATES
        .iter()
        .filter(|(from, _)| from.parse::<NaiveDate>().is_ok_and(|f| f <= census))
        .map(|(_, p)| *p)
        .next_back()?;
    Some((census, rate))
}

/// EDU-007: the admissions support letter's words.
pub fn admission_letter(adopted_on: NaiveDate) -> String {
    format!(
        "This child was adopted from care by an adoption order made on {}. Children adopted from care are entitled to priority admission to the school of their adoptive parents' choice; the adoption order is the evidence of this.",
        adopted_on.format("%-d %B %Y")
    )
}

/// What the family's information pack lists for the child (HLTH-001,
/// EDU-005, EDU-016): the name and the link.
pub fn information_pack(
    record: &EducationRecord,
    pupil: Pupil,
    today: NaiveDate,
) -> Vec<(&'static str, &'static str)> {
    let mut pack = vec![(
        "Kooth: free, self-access online counselling and emotional wellbeing support",
        "https://www.kooth.com",
    )];
    if free_place_at_two(pupil).is_some_and(|(_, to)| today <= to) {
        pack.push((
            "Help Paying for Childcare: the free early education place at two",
            "https://www.gov.uk/help-with-childcare-costs/free-childcare-2-year-olds",
        ));
    }
    if record.ehcp {
        pack.push((
            "Leicestershire's SEND Local Offer",
            "https://www.leicestershire.gov.uk/education-and-children/special-educational-needs-and-disability",
        ));
    }
    pack
}

/// What the Virtual School should act on for a pupil on a date; `recorded`
/// are the PEP reviews the casework form recorded, beside the record's own.
pub fn prompts(
    record: &EducationRecord,
    pupil: Pupil,
    recorded: &[NaiveDate],
    today: NaiveDate,
) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if pupil.looked_after {
        let (year, _) = Term::of(today);
        let mut peps: Vec<NaiveDate> = record.peps.iter().map(|p| p.date).collect();
        peps.extend_from_slice(recorded);
        for y in [year - 1, year] {
            for t in missing_pep_terms(&peps, y, today) {
                if t.ends(y) >= today - chrono::Days::new(365) {
                    out.push((
                        "EDU-010",
                        format!(
                            "PEP review missing – {} term {}/{}",
                            t.title(),
                            y,
                            (y + 1) % 100
                        ),
                    ));
                }
            }
        }
    }
    if pupil.adopted_on.is_some()
        && let Some((from, to)) = eypp_window(pupil.dob)
        && today >= from
        && today <= to
        && !record.provider_told.is_some_and(|d| d >= from && d <= to)
    {
        out.push(("EDU-006", "Early Years Pupil Premium: the parents have not told the provider the child is adopted".into()));
    }
    if pupil.adopted_on.is_some() && age_on(pupil.dob, today) >= 4 && record.school_told.is_none() {
        out.push((
            "EDU-008",
            "Pupil Premium Plus: the parents have not told the school the child is adopted".into(),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn edu_006_the_eypp_window_is_ages_three_and_four() {
        assert_eq!(
            eypp_window(d("2021-09-01")),
            Some((d("2024-09-01"), d("2026-08-31")))
        );
    }

    #[test]
    fn edu_008_told_before_the_census_counts_at_the_rate() {
        assert_eq!(
            counted_at_census(d("2025-01-10")),
            Some((d("2025-01-16"), 230_000))
        );
        assert_eq!(
            counted_at_census(d("2025-01-20")),
            Some((d("2026-01-15"), 230_000))
        );
    }

    #[test]
    fn edu_010_summer_term_missing() {
        let peps = [d("2025-10-08"), d("2026-02-11")];
        assert_eq!(
            missing_pep_terms(&peps, 2025, d("2026-08-01")),
            vec![Term::Summer]
        );
    }
}
