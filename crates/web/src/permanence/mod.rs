//! The permanence pages, one file per topic with the same names as
//! `domain::permanence` and `app::permanence`: the tracking list
//! (`tracking.rs`), a child's plan page (`plan.rs`; while a draft, its
//! sections (`plan_sections.rs`, their pages' fields in `plan_form.rs`) as a
//! task list with a page a section and the check of the answers,
//! `plan_tasks.rs`, the answers as read in `plan_answers.rs`) with the parts
//! the change of plan (`plan_change.rs`), the approval of exceptional needs
//! (`plan_exceptional.rs`), the options appraisal's sign-off
//! (`appraisal_signoff.rs`), an adoption plan's timescales
//! (`adoption_timescales.rs`), referrals (`referrals.rs`, with the suitability
//! assessment in `ltf_assessment.rs` and the family-finding searches in
//! `family_searches.rs`), IRO issues (`iro_issues.rs`), permanence achieved
//! (`achieved.rs`), the team around the child (`team.rs`) and cases
//! (`cases.rs`) add to it, each case's own page and
//! forms (`cases.rs`, with what each workflow records in `return_home.rs`,
//! `safety_plan.rs`, `order_exit.rs` and `payments.rs`), and the panels area
//! (`panels.rs`): meetings, minutes, configuration and the printable outcome
//! letter (`letters.rs`).
//!
//! A page offers exactly the moves the record's `moves` in domain gives the
//! user; the use case it posts to asks the same record's `check_move`.

mod achieved;
mod adoption_support;
mod adoption_timescales;
mod appraisal_signoff;
mod cases;
mod cdm;
mod family_finding;
mod family_searches;
mod governance;
mod iro_issues;
mod letters;
mod ltf_assessment;
mod order_exit;
mod panels;
mod paper_quality;
mod payments;
mod placements;
mod plan;
mod plan_answers;
mod plan_change;
mod plan_exceptional;
mod plan_form;
mod plan_sections;
mod plan_tasks;
mod referrals;
mod return_home;
mod safety_plan;
mod sharing;
mod support;
mod team;
mod tracking;
mod trajectory;

pub(crate) use achieved::*;
pub(crate) use adoption_support::*;
pub(crate) use adoption_timescales::*;
pub(crate) use appraisal_signoff::*;
pub(crate) use cases::*;
pub(crate) use cdm::*;
pub(crate) use family_finding::*;
pub(crate) use family_searches::*;
pub(crate) use governance::*;
pub(crate) use iro_issues::*;
pub(crate) use letters::*;
pub(crate) use ltf_assessment::*;
pub(crate) use panels::*;
pub(crate) use paper_quality::*;
pub(crate) use placements::*;
pub(crate) use plan::*;
pub(crate) use plan_answers::*;
pub(crate) use plan_change::*;
pub(crate) use plan_exceptional::*;
pub(crate) use plan_sections::*;
pub(crate) use plan_tasks::*;
pub(crate) use referrals::*;
pub(crate) use sharing::*;
pub(crate) use support::*;
pub(crate) use team::*;
pub(crate) use tracking::*;
pub(crate) use trajectory::*;
