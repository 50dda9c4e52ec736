//! Permanence pages: the tracking list, a child's permanence plan, panel
//! referrals with their pack checklist, panel meetings, and the printable
//! outcome letter and minutes.

mod cases;
mod iro_issues;
mod panels;
mod plan;
mod plan_change;
mod referrals;
mod tracking;

pub(crate) use cases::*;
pub(crate) use iro_issues::*;
pub(crate) use panels::*;
pub(crate) use plan::*;
pub(crate) use plan_change::*;
pub(crate) use referrals::*;
pub(crate) use tracking::*;

// ---------------------------------------------------------------- tracking

// ---------------------------------------------------------------- the plan

// ---------------------------------------------------------------- referrals

// ---------------------------------------------------------------- meetings
