//! Permanence planning, tracking and panels (chapter 20 of the spec): the
//! permanence plan and its pathway, the panels and the agency decision maker,
//! drift and the IRO's oversight. Every multi-step process is a state machine
//! in [`workflow`]; the timers feed the deadline engine through the events the
//! use cases record.

pub mod panels;
pub mod pathways;
pub mod payments;
pub mod plan;
pub mod recording;
pub mod referrals;
pub mod responsibilities;
pub mod tracking;
pub mod workflow;
