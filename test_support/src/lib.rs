//! What tests and benchmarks share: a clock that stands still, test
//! databases on both backends, and (from the `demo` crate) the synthetic
//! council generator. Tests only: the binary depends on `demo`, never on this.

pub mod clock;
pub mod db;
pub mod fostering;

pub use clock::FixedClock;
pub use demo::{households_demo, passport_demo, permanence_demo, rng, staff, synthetic, team_demo};
