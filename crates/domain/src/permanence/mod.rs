//! Permanence planning, tracking and panels (chapter 20 of the spec): the
//! permanence plan and its pathway, the panels and the agency decision maker,
//! drift and the IRO's oversight. Every multi-step process is a state machine
//! in [`workflow`]; the timers feed the deadline engine through the events the
//! use cases record.

pub mod achieved;
pub mod assessment;
pub mod breakdown;
pub mod cases;
pub mod file_audit;
pub mod iro_issues;
pub mod order_exit;
pub mod outcomes;
pub mod panels;
pub mod pathways;
pub mod payments;
pub mod placements;
pub mod plan;
pub mod plan_change;
pub mod plan_tasks;
pub mod policy;
pub mod referrals;
pub mod responsibilities;
pub mod return_home;
pub mod reviews;
pub mod safety_plan;
pub mod support;
pub mod team;
pub mod tracking;
pub mod voice;
pub mod workflow;
