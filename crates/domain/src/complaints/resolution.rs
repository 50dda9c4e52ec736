//! What a complaint is about and how it ends: the system it belongs to
//! (CMPL-001), the routes out of the procedure (CMPL-002, CMPL-020), the
//! Stage 3 panel (CMPL-008), the Ombudsman (CMPL-009), the outcome, cause,
//! remedies and costs recorded when it closes (CMPL-010, CMPL-011,
//! CMPL-012, CMPL-014, CMPL-015).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::complaint::ComplaintError;

/// What a complaint may be about, as the receiving form asks.
pub const SUBJECTS: &[(&str, &str)] = &[
    ("social_care", "Children's social care services"),
    (
        "adopter_approval",
        "Being refused approval as an adopter (a qualifying determination)",
    ),
    (
        "adoption",
        "The adoption service (an applicant or adopter; the team manager meets first, ADOPT-058)",
    ),
    ("cp_conference", "A child protection conference decision"),
    ("court", "A matter decided, or to be decided, by a court"),
    (
        "other_service",
        "Another council service, for example school transport",
    ),
];

/// CMPL-001: the complaint systems the Complaints Team runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum System {
    /// Children's Social Care (statutory, SI 2006/1738): in the annual report.
    ChildrensStatutory,
    /// Corporate Complaints (non-statutory): reported to the Scrutiny
    /// Commission, never in the children's annual report.
    Corporate,
}

impl System {
    /// CMPL-001: the system a complaint about `subject` belongs to.
    pub fn of(subject: &str) -> System {
        if subject == "other_service" {
            System::Corporate
        } else {
            System::ChildrensStatutory
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            System::ChildrensStatutory => "Children's Social Care (statutory)",
            System::Corporate => "Corporate Complaints (not in the children's annual report)",
        }
    }
}

/// A route out of the statutory procedure (CMPL-002, CMPL-020).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    Corporate,
    LscbAppeal,
    CourtMatter,
    Irm,
}

impl Route {
    pub const ALL: [Route; 4] = [
        Route::Corporate,
        Route::LscbAppeal,
        Route::CourtMatter,
        Route::Irm,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Route::Corporate => "corporate",
            Route::LscbAppeal => "lscb_appeal",
            Route::CourtMatter => "court_matter",
            Route::Irm => "irm",
        }
    }

    pub fn parse(code: &str) -> Option<Route> {
        Route::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Route::Corporate => "Not accepted: a corporate complaint",
            Route::LscbAppeal => "Not accepted: the safeguarding partnership's appeals procedure",
            Route::CourtMatter => "Not accepted: court matter",
            Route::Irm => "Not accepted: the Independent Review Mechanism",
        }
    }

    /// CMPL-002: the letter telling the complainant where the matter goes.
    pub fn letter(self) -> &'static str {
        match self {
            Route::Corporate => {
                "Your complaint is not about children's social care, so it cannot be considered under the Children Act 1989 representations procedure. The Complaints Team has passed it to the council's Corporate Complaints procedure, which will write to you."
            }
            Route::LscbAppeal => {
                "Decisions of a child protection conference are reviewed through the safeguarding partnership's appeals procedure, not the complaints procedure. The Complaints Team has enclosed how to appeal."
            }
            Route::CourtMatter => {
                "Your complaint concerns a matter that has been, or will be, decided by a court, so it cannot be considered under the complaints procedure. You may raise it within the court proceedings."
            }
            Route::Irm => {
                "A decision that you are not suitable to adopt is reviewed by the Independent Review Mechanism (IRM), not the complaints procedure. You may apply to the IRM within 40 working days of the decision."
            }
        }
    }

    /// CMPL-002, CMPL-020: the route a subject suggests, if it is not one
    /// for the statutory procedure.
    pub fn suggested_for(subject: &str) -> Option<Route> {
        match subject {
            "other_service" => Some(Route::Corporate),
            "cp_conference" => Some(Route::LscbAppeal),
            "court" => Some(Route::CourtMatter),
            "adopter_approval" => Some(Route::Irm),
            _ => None,
        }
    }
}

/// CMPL-011: a complaint's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Upheld,
    PartlyUpheld,
    NotUpheld,
    /// The accounts are irreconcilable: reported apart from "not upheld".
    NoFinding,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [
        Outcome::Upheld,
        Outcome::PartlyUpheld,
        Outcome::NotUpheld,
        Outcome::NoFinding,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Outcome::Upheld => "upheld",
            Outcome::PartlyUpheld => "partly_upheld",
            Outcome::NotUpheld => "not_upheld",
            Outcome::NoFinding => "no_finding",
        }
    }

    pub fn parse(code: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Outcome::Upheld => "Fault found: upheld",
            Outcome::PartlyUpheld => "Fault found: partly upheld",
            Outcome::NotUpheld => "Not upheld",
            Outcome::NoFinding => "No finding (accounts irreconcilable)",
        }
    }

    /// Whether fault was found (CMPL-014 asks for a remedy).
    pub fn fault_found(self) -> bool {
        matches!(self, Outcome::Upheld | Outcome::PartlyUpheld)
    }
}

/// CMPL-012: the principal causes of complaint.
pub const CAUSES: &[(&str, &str)] = &[
    (
        "decision",
        "Disputed decision making or professional judgement",
    ),
    ("delay", "Delay"),
    ("assessment", "Quality or detail of single assessments"),
    ("contact", "Lack of timely contact with parents"),
    ("dispatch", "Delays dispatching assessments or information"),
    ("workers", "Difficulty contacting allocated workers"),
    ("other", "Another cause"),
];

/// The label of a cause code.
pub fn cause_label(code: &str) -> &str {
    CAUSES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, l)| l)
}

/// CMPL-010, CMPL-015: what a complaint cost, by type, in pence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Costs {
    pub stage_two: i64,
    pub stage_three: i64,
    pub mediation: i64,
    pub financial_redress: i64,
}

impl Costs {
    /// The cost lines of the annual report: label and pence.
    pub fn lines(&self) -> [(&'static str, i64); 4] {
        [
            ("Stage 2 investigations", self.stage_two),
            ("Stage 3 review panels", self.stage_three),
            ("Mediation", self.mediation),
            ("Financial redress", self.financial_redress),
        ]
    }

    /// Adds another complaint's costs, each rounded for reporting.
    pub fn add_reported(&mut self, other: &Costs) {
        self.stage_two += reporting_pence(other.stage_two);
        self.stage_three += reporting_pence(other.stage_three);
        self.mediation += reporting_pence(other.mediation);
        self.financial_redress += reporting_pence(other.financial_redress);
    }
}

/// CMPL-015: a cost as reported: rounded up to the nearest £10.
pub fn reporting_pence(pence: i64) -> i64 {
    if pence <= 0 {
        return 0;
    }
    (pence + 999) / 1000 * 1000
}

/// What the closing step records (CMPL-011, CMPL-012, CMPL-014, CMPL-015).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closing {
    pub outcome: Option<Outcome>,
    /// A code of [`CAUSES`].
    pub cause: String,
    /// The individual redress (an apology, the overdue work done).
    pub redress: String,
    /// The wider learning action (training, a policy review, resources).
    pub wider_action: String,
    pub costs: Costs,
    #[serde(default)]
    pub closed: Option<NaiveDate>,
}

impl Closing {
    /// Refuses a closing without an outcome, a cause, or (fault found) a
    /// remedy; a complaint must already know who made it (CMPL-012).
    pub fn check(&self, complainant_is: &str) -> Result<Outcome, ComplaintError> {
        let outcome = self.outcome.ok_or(ComplaintError::NoOutcome)?;
        if !CAUSES.iter().any(|(c, _)| *c == self.cause) {
            return Err(ComplaintError::NoCause);
        }
        if complainant_is.trim().is_empty() {
            return Err(ComplaintError::NoComplainantType);
        }
        if outcome.fault_found()
            && self.redress.trim().is_empty()
            && self.wider_action.trim().is_empty()
        {
            return Err(ComplaintError::NoRemedy);
        }
        Ok(outcome)
    }

    /// Whether a wider learning action was recorded (CMPL-014's share).
    pub fn has_wider_action(&self) -> bool {
        !self.wider_action.trim().is_empty()
    }
}

/// CMPL-008: how many external members a Stage 3 panel has.
pub const PANEL_MEMBERS: usize = 3;

/// CMPL-009: what the Ombudsman decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OmbudsmanDecision {
    OutsideJurisdiction,
    NotUpheld,
    FaultWithInjustice,
}

impl OmbudsmanDecision {
    pub const ALL: [OmbudsmanDecision; 3] = [
        OmbudsmanDecision::OutsideJurisdiction,
        OmbudsmanDecision::NotUpheld,
        OmbudsmanDecision::FaultWithInjustice,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OmbudsmanDecision::OutsideJurisdiction => "outside_jurisdiction",
            OmbudsmanDecision::NotUpheld => "not_upheld",
            OmbudsmanDecision::FaultWithInjustice => "fault_with_injustice",
        }
    }

    pub fn parse(code: &str) -> Option<OmbudsmanDecision> {
        OmbudsmanDecision::ALL
            .into_iter()
            .find(|o| o.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            OmbudsmanDecision::OutsideJurisdiction => "Outside jurisdiction or not pursued",
            OmbudsmanDecision::NotUpheld => "Not upheld after investigation",
            OmbudsmanDecision::FaultWithInjustice => "Fault with injustice",
        }
    }
}

/// CMPL-009: the warning an early referral carries.
pub const EARLY_REFERRAL: &str = "Early referral: the Ombudsman may return it, as it expects every stage of the statutory procedure to be completed once it has started";

/// A referral to the Local Government and Social Care Ombudsman (CMPL-009).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ombudsman {
    pub referred: NaiveDate,
    /// Referred before the Stage 2 adjudication.
    pub early: bool,
    pub decision: Option<OmbudsmanDecision>,
    /// The remedy (an apology, a payment, a procedure review).
    pub remedy: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmpl_015_a_cost_is_reported_rounded_up_to_the_nearest_ten_pounds() {
        assert_eq!(reporting_pence(123_450), 124_000);
        assert_eq!(reporting_pence(124_000), 124_000);
        assert_eq!(reporting_pence(0), 0);
    }

    #[test]
    fn cmpl_001_school_transport_is_a_corporate_complaint() {
        assert_eq!(System::of("other_service"), System::Corporate);
        assert_eq!(Route::suggested_for("adopter_approval"), Some(Route::Irm));
    }
}
