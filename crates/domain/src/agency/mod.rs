//! The agencies' own records, whose deadlines are the service's rather
//! than a child's or a carer's: the adoption and fostering Statements of
//! Purpose, reviewed every year (GOV-029), and the training programme's
//! free online courses, each replaced 12 weeks after it is published
//! (TRAIN-002). A carer's own training (the TSD standards, PATH-021 and
//! KIN-012) is a step of their role in `households`. The training and
//! events programme (`programme.rs`: courses, newsletters, events, surveys,
//! the year-end review of the offer, its actions) is one record beside them.
//! The fostering service's reports, returns, survey and audits are counted
//! against its calendar (`calendar.rs`: FOST-037, FOST-038, FOST-045).

pub mod calendar;
pub mod programme;
pub mod records;
