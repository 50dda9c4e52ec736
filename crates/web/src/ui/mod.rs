//! The page-building toolkit every page uses: the layout's chrome and
//! message pages (`page.rs`), record pages described as data with their forms
//! (`record.rs`), lists with filters, pages and CSV (`table.rs`), and dates and
//! words as pages show and read them (`text.rs`). Handlers build pages from
//! these; the templates under `templates/` render them.

mod export;
mod page;
mod record;
mod table;
mod text;

pub(crate) use export::*;
pub(crate) use page::*;
pub(crate) use record::*;
pub(crate) use table::*;
pub(crate) use text::*;

pub use table::{csv_field, spreadsheet_text};
