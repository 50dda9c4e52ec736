//! The plan's sections as its task list shows them: each section's name,
//! question, the fields its gaps fall on, whether it is asked of the plan,
//! and its status (from what is recorded and the ratification gate's gaps).
//! Their pages' fields and the reading of them back are in `plan_form.rs`.

use domain::permanence::plan::{Gap, Pathway, PermanencePlan};

/// A section of the plan: one page, one question or a few close ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Pathway,
    Route,
    Appraisal,
    Outcomes,
    Steps,
    Support,
    Contact,
    Siblings,
    Identity,
    Wishes,
    Carer,
    Exceptional,
    ReturnToFamily,
}

/// Where a section is, as its tag says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    NotStarted,
    InProgress,
    Completed,
}

impl Status {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "Not yet started",
            Status::InProgress => "In progress",
            Status::Completed => "Completed",
        }
    }
}

impl Section {
    pub(crate) const ALL: [Section; 13] = [
        Section::Pathway,
        Section::Route,
        Section::Appraisal,
        Section::Outcomes,
        Section::Steps,
        Section::Support,
        Section::Contact,
        Section::Siblings,
        Section::Identity,
        Section::Wishes,
        Section::Carer,
        Section::Exceptional,
        Section::ReturnToFamily,
    ];

    pub(crate) fn slug(self) -> &'static str {
        match self {
            Section::Pathway => "pathway",
            Section::Route => "legal-route",
            Section::Appraisal => "appraisal",
            Section::Outcomes => "outcomes",
            Section::Steps => "steps",
            Section::Support => "support",
            Section::Contact => "contact",
            Section::Siblings => "siblings",
            Section::Identity => "identity",
            Section::Wishes => "wishes",
            Section::Carer => "carer",
            Section::Exceptional => "exceptional",
            Section::ReturnToFamily => "return-to-family",
        }
    }

    pub(crate) fn parse(slug: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// The section's name in the task list.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Section::Pathway => "Pathway",
            Section::Route => "Legal route, timeframe and how firm the plan is",
            Section::Appraisal => "Options appraisal",
            Section::Outcomes => "Intended outcomes",
            Section::Steps => "Steps",
            Section::Support => "Support plan",
            Section::Contact => "Contact Agreement",
            Section::Siblings => "Brothers and sisters",
            Section::Identity => "Identity",
            Section::Wishes => "The child's wishes and feelings",
            Section::Carer => "The carer's views",
            Section::Exceptional => "Exceptional needs",
            Section::ReturnToFamily => "Return to family",
        }
    }

    /// The heading of the section's page.
    pub(crate) fn question(self) -> &'static str {
        match self {
            Section::Pathway => "Which pathway is the plan for?",
            Section::Route => "Legal route, timeframe and how firm the plan is",
            Section::Appraisal => "How was each permanence option considered?",
            Section::Outcomes => "What outcomes does the plan intend?",
            Section::Steps => "What steps will achieve the plan?",
            Section::Support => "Support plan",
            Section::Contact => "What is the Contact Agreement's reference?",
            Section::Siblings => "Should the child live with their brothers and sisters?",
            Section::Identity => "How does the plan respect the child's identity?",
            Section::Wishes => "What does the child wish and feel?",
            Section::Carer => "What are the carer's views?",
            Section::Exceptional => "What is the exceptional-needs assessment?",
            Section::ReturnToFamily => {
                "What support is offered for the child's return to their family?"
            }
        }
    }

    /// The ratification gate's fields this section answers.
    fn gap_fields(self) -> &'static [&'static str] {
        match self {
            Section::Pathway => &["pathway"],
            Section::Route => &["legal_route", "timeframe", "firmness", "court", "parallel"],
            Section::Appraisal => &["appraisal"],
            Section::Outcomes => &["objectives"],
            Section::Steps => &["steps"],
            Section::Support => &["support_plan"],
            Section::Contact => &["contact_agreement"],
            Section::Siblings => &["sibling_assessment"],
            Section::Identity => &["identity"],
            Section::Wishes => &["child_voice"],
            Section::Carer => &["carer_views"],
            Section::Exceptional => &["exceptional"],
            Section::ReturnToFamily => &["return_to_family"],
        }
    }

    /// Whether a gap of the ratification gate's, by its field, is this section's.
    pub(crate) fn holds(self, field: &str) -> bool {
        self.gap_fields().contains(&field)
    }

    /// The rules the section answers, for those who want them.
    pub(crate) fn rules(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Section::Pathway => &[
                (
                    "PATH-001",
                    "the pathways and what each does to looked-after status",
                ),
                ("PLAN-008", "what a permanence plan must contain"),
            ],
            Section::Route => &[
                ("PLAN-008", "what a permanence plan must contain"),
                (
                    "PLAN-003",
                    "a plan is not final while an assessment behind it is in progress",
                ),
                ("PLAN-006", "a provisional plan during court proceedings"),
                ("PLAN-007", "a parallel plan with its own timescales"),
            ],
            Section::Appraisal => &[
                (
                    "PRIN-001",
                    "the order in which permanence options are considered",
                ),
                ("DATA-011", "the options appraisal record"),
            ],
            Section::Outcomes => &[
                ("PLAN-008", "what a permanence plan must contain"),
                ("PRIN-019", "the outcome set shared by every pathway"),
            ],
            Section::Steps => &[
                ("PLAN-008", "what a permanence plan must contain"),
                ("TRACK-004", "trajectories in planning and reviews"),
            ],
            Section::Support => &[("PLAN-010", "a support plan for every permanence option")],
            Section::Contact => &[("PRIN-015", "contact with family planned and agreed")],
            Section::Siblings => &[(
                "PRIN-011",
                "sibling relationships considered early, for every pathway",
            )],
            Section::Identity => &[(
                "PRIN-004",
                "identity respected in every permanence decision",
            )],
            Section::Wishes => &[
                ("PRIN-005", "the child's voice and choice"),
                ("DATA-002", "the voice and choice record"),
            ],
            Section::Carer => &[("PRIN-010", "carers are part of the team around the child")],
            Section::Exceptional => &[("PRIN-003", "family-based care is the default")],
            Section::ReturnToFamily => &[(
                "GEN-002",
                "working for the child's return after a family breakdown",
            )],
        }
    }

    /// Whether the section is asked of this plan: brothers and sisters when
    /// the child has any, exceptional needs for a residential plan (or one
    /// that has them recorded), return to family for a child back in care
    /// after a family breakdown (GEN-002: the gate asks for it) or one that
    /// has it recorded.
    pub(crate) fn applies(self, plan: &PermanencePlan, has_siblings: bool, gaps: &[Gap]) -> bool {
        match self {
            Section::ReturnToFamily => {
                plan.return_to_family.is_some() || gaps.iter().any(|g| self.holds(g.field))
            }
            Section::Siblings => has_siblings || plan.sibling_assessment.is_some(),
            Section::Exceptional => {
                plan.pathway == Some(Pathway::Residential) || plan.exceptional.is_some()
            }
            _ => true,
        }
    }

    /// Whether anything of the section is recorded yet.
    fn entered(self, plan: &PermanencePlan) -> bool {
        let some = |s: &Option<String>| s.as_deref().is_some_and(|t| !t.trim().is_empty());
        match self {
            Section::Pathway => plan.pathway.is_some(),
            Section::Route => some(&plan.legal_route) || some(&plan.timeframe),
            Section::Appraisal => !plan.appraisal.is_empty(),
            Section::Outcomes => !plan.objectives.is_empty(),
            Section::Steps => !plan.steps.is_empty(),
            Section::Support => plan.support_plan.is_some(),
            Section::Contact => plan.contact_agreement.is_some(),
            Section::Siblings => plan.sibling_assessment.is_some(),
            Section::Identity => plan.identity.missing().len() < 6,
            Section::Wishes => plan.child_voice.is_some(),
            Section::Carer => some(&plan.carer_views),
            Section::Exceptional => plan.exceptional.is_some(),
            Section::ReturnToFamily => plan.return_to_family.is_some(),
        }
    }

    /// Not yet started when nothing of it is recorded; completed when what
    /// it records leaves none of its gaps that stop ratification.
    pub(crate) fn status(self, plan: &PermanencePlan, gaps: &[Gap]) -> Status {
        let gap = gaps
            .iter()
            .any(|g| g.blocking && self.gap_fields().contains(&g.field));
        let unfinished = match self {
            Section::Route => plan.legal_route.is_none() || plan.timeframe.is_none(),
            Section::Appraisal => plan.pathway.is_none(),
            _ => false,
        };
        if !self.entered(plan) {
            Status::NotStarted
        } else if gap || unfinished {
            Status::InProgress
        } else {
            Status::Completed
        }
    }

    /// The sections with a list to add to, one item at a time.
    pub(crate) fn adds_items(self) -> bool {
        matches!(self, Section::Outcomes | Section::Steps)
    }

    /// The field an error about the section as a whole is shown against.
    pub(crate) fn first_field(self) -> &'static str {
        match self {
            Section::Pathway => "answer-pathway",
            Section::Route => "answer-legal_route",
            Section::Appraisal => "answer-option1",
            Section::Outcomes => "answer-area",
            Section::Steps => "answer-target",
            Section::Support => "answer-support",
            Section::Contact => "answer-contact_agreement",
            Section::Siblings => "answer-siblings",
            Section::Identity => "answer-ethnic_origin",
            Section::Wishes => "answer-wishes",
            Section::Carer => "answer-carer_views",
            Section::Exceptional => "answer-exceptional",
            Section::ReturnToFamily => "answer-support_social_worker",
        }
    }
}
