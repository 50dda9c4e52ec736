//! Health, therapeutic and specialist services (chapter 10 section 6).

pub mod referrals;
