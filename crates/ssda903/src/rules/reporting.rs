//! Reporting the rows a rule found, each once and in order.

use crate::TableData;
use crate::validate::Findings;
use std::collections::BTreeSet;

/// Reports rows of a table, each once, in file order.
pub(super) fn report_set(out: &mut Findings, data: &TableData, rows: &BTreeSet<usize>) {
    for &r in rows {
        out.row(data, r);
    }
}

/// Reports rows in file order, each once.
pub(super) fn report(out: &mut Findings, data: &TableData, mut rows: Vec<usize>) {
    rows.sort_unstable();
    rows.dedup();
    for row in rows {
        out.row(data, row);
    }
}
