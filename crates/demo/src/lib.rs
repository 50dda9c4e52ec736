//! The demo council: a synthetic council of children in care and their care
//! journeys ([`synthetic`]), with permanence plans, panel referrals and
//! meetings for them ([`permanence_demo`]), all made from a seed. The
//! `permanence` binary loads it for `demo` and `serve --demo`; tests and
//! benchmarks reach it through `test_support`. No real person is in it.

pub mod adoption_child_demo;
pub mod adoption_demo;
pub mod cases_demo;
pub mod contact_demo;
pub mod education_demo;
pub mod fostering_demo;
pub mod households_demo;
mod kinship_demo;
pub mod leavers_demo;
pub mod monday;
pub mod money_demo;
pub mod passport_demo;
pub mod permanence_demo;
pub mod rng;
pub mod service_demo;
pub mod staff;
mod supervision_demo;
pub mod synthetic;
pub mod team_demo;
