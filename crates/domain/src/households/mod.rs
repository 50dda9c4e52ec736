//! Families and carers as records of their own: people (`person.rs`), the
//! households they live in with their address history, checks and linked
//! children (`household.rs`, `checks.rs`), the roles a household holds over
//! time, each with its lifecycle from the spec's workflows
//! (`lifecycle.rs`), who may see a household (`access.rs`) and its
//! deadlines and worklist lines (`deadlines.rs`).
//!
//! Adoption, fostering, kinship, the passport and complaints build on
//! these: an adopter, a foster carer or a complainant is a person in a
//! household holding a role.

pub mod access;
pub mod checks;
pub mod deadlines;
pub mod household;
pub mod lifecycle;
pub mod person;
mod workflows;
