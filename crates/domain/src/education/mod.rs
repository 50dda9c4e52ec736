//! Education (chapter 10 section 5): the Virtual School's record of a
//! child's education, for children in care and those adopted from care.

pub mod record;
