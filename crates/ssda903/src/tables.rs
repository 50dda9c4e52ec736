//! The tables of the return and their columns, in the DfE's order.

use std::fmt;

/// A table of the SSDA903 return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    Header,
    Episodes,
    Reviews,
    Uasc,
    Oc2,
    Oc3,
    Ad1,
    PlacedAdoption,
    PrevPerm,
    Missing,
    SwEpisodes,
    /// Deprivation of liberty orders (DoLOs), from 2026-27.
    DoLo,
}

impl Table {
    /// The tables of every year's return, in the order the DfE lists them.
    /// (DoLo, only from 2026-27 and only in CSV, is in [`Table::EVERY`].)
    pub const ALL: [Table; 11] = [
        Table::Header,
        Table::Episodes,
        Table::Reviews,
        Table::Uasc,
        Table::Oc2,
        Table::Oc3,
        Table::Ad1,
        Table::PlacedAdoption,
        Table::PrevPerm,
        Table::Missing,
        Table::SwEpisodes,
    ];

    /// Every table of any year, in declaration order.
    pub const EVERY: [Table; 12] = [
        Table::Header,
        Table::Episodes,
        Table::Reviews,
        Table::Uasc,
        Table::Oc2,
        Table::Oc3,
        Table::Ad1,
        Table::PlacedAdoption,
        Table::PrevPerm,
        Table::Missing,
        Table::SwEpisodes,
        Table::DoLo,
    ];

    /// The table's name as the DfE and the validators write it.
    pub fn name(self) -> &'static str {
        match self {
            Table::Header => "Header",
            Table::Episodes => "Episodes",
            Table::Reviews => "Reviews",
            Table::Uasc => "UASC",
            Table::Oc2 => "OC2",
            Table::Oc3 => "OC3",
            Table::Ad1 => "AD1",
            Table::PlacedAdoption => "PlacedAdoption",
            Table::PrevPerm => "PrevPerm",
            Table::Missing => "Missing",
            Table::SwEpisodes => "SWEpisodes",
            Table::DoLo => "DoLo",
        }
    }

    /// The file this table is written to.
    pub fn file_name(self) -> String {
        format!("{}.csv", self.name())
    }

    /// The table's columns, in order.
    pub const fn columns(self) -> &'static [&'static str] {
        match self {
            Table::Header => &["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
            Table::Episodes => &[
                "CHILD",
                "DECOM",
                "RNE",
                "LS",
                "CIN",
                "PLACE",
                "PLACE_PROVIDER",
                "DEC",
                "REC",
                "REASON_PLACE_CHANGE",
                "HOME_POST",
                "PL_POST",
                "URN",
            ],
            Table::Reviews => &["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
            Table::Uasc => &["CHILD", "SEX", "DOB", "DUC"],
            Table::Oc2 => &[
                "CHILD",
                "DOB",
                "SDQ_SCORE",
                "SDQ_REASON",
                "CONVICTED",
                "HEALTH_CHECK",
                "IMMUNISATIONS",
                "TEETH_CHECK",
                "HEALTH_ASSESSMENT",
                "SUBSTANCE_MISUSE",
                "INTERVENTION_RECEIVED",
                "INTERVENTION_OFFERED",
            ],
            Table::Oc3 => &["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
            Table::Ad1 => &[
                "CHILD",
                "DOB",
                "DATE_INT",
                "DATE_MATCH",
                "FOSTER_CARE",
                "NB_ADOPTR",
                "SEX_ADOPTR",
                "LS_ADOPTR",
            ],
            Table::PlacedAdoption => &[
                "CHILD",
                "DOB",
                "DATE_PLACED",
                "DATE_PLACED_CEASED",
                "REASON_PLACED_CEASED",
            ],
            Table::PrevPerm => &["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
            Table::Missing => &["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
            Table::SwEpisodes => &["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"],
            Table::DoLo => &["CHILD", "DOB", "DOLO_START", "DOLO_END"],
        }
    }

    /// The position of a column in the table's rows, if it is one of its
    /// columns. Rules look up millions of cells by column name, so this is a
    /// table lookup on a few bytes of the name and one comparison, not a
    /// search of the column list.
    #[inline(always)]
    pub fn column_index(self, column: &str) -> Option<usize> {
        let slot = COLUMN_SLOTS[self as usize][column_slot(column.as_bytes())];
        let i = usize::from(slot).checked_sub(1)?;
        let name = self.columns()[i];
        // Column names in the rules are usually the very same constant.
        (std::ptr::eq(name, column) || name == column).then_some(i)
    }

    /// The table whose columns are exactly these (in any order), as the
    /// DfE's validators recognise an uploaded file.
    pub fn with_columns(columns: &[String]) -> Option<Table> {
        Table::EVERY.into_iter().find(|t| {
            t.columns().len() == columns.len()
                && t.columns().iter().all(|c| columns.iter().any(|h| h == c))
        })
    }
}

/// Where a column name falls in [`COLUMN_SLOTS`]: from its length and three
/// of its bytes, chosen so that no two columns of a table share a slot
/// (checked when the crate compiles).
const fn column_slot(name: &[u8]) -> usize {
    let n = name.len();
    if n == 0 {
        return 0;
    }
    (n * 3 + name[0] as usize * 4 + name[n - 1] as usize + name[n / 2] as usize * 17) % SLOTS
}

const SLOTS: usize = 32;

/// For each table (in declaration order), each slot's column position plus
/// one (0: no column there).
static COLUMN_SLOTS: [[u8; SLOTS]; Table::EVERY.len()] = {
    let mut slots = [[0u8; SLOTS]; Table::EVERY.len()];
    let mut t = 0;
    while t < Table::EVERY.len() {
        let table = Table::EVERY[t];
        assert!(table as usize == t, "Table::EVERY is in declaration order");
        let columns = table.columns();
        let mut c = 0;
        while c < columns.len() {
            let slot = column_slot(columns[c].as_bytes());
            assert!(slots[t][slot] == 0, "two columns of a table share a slot");
            slots[t][slot] = c as u8 + 1;
            c += 1;
        }
        t += 1;
    }
    slots
};

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_is_found_where_it_is_and_nothing_else_is() {
        for table in Table::EVERY {
            for (i, column) in table.columns().iter().enumerate() {
                assert_eq!(table.column_index(column), Some(i), "{table} {column}");
            }
            for other in Table::EVERY.iter().flat_map(|t| t.columns()) {
                if !table.columns().contains(other) {
                    assert_eq!(table.column_index(other), None, "{table} {other}");
                }
            }
            for junk in ["", "C", "CHILDREN", "child", "DOB ", "X_Y_Z"] {
                assert_eq!(table.column_index(junk), None, "{table} {junk:?}");
            }
        }
    }
}
