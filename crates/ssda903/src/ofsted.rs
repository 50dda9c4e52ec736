//! Ofsted's lists of registered providers (children's homes and other
//! social care providers), an optional input to validation.

/// Ofsted's provider lists as loaded for validation.
#[derive(Debug, Default)]
pub struct Providers {}
