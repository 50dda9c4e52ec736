//! What tests, benchmarks and the demo share: a clock that stands still, test
//! databases on both backends, and the synthetic council generator.

pub mod clock;
pub mod db;
pub mod permanence_demo;
pub mod rng;
pub mod synthetic;

pub use clock::FixedClock;
