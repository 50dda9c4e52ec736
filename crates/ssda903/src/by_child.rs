//! The rows of each table by child, for the rules.
//!
//! The children of a return are numbered once ([`Children`]: one look-up
//! from a CHILD identifier to its number, shared by every table), and a
//! table's rows by child ([`RowsByChild`]) are one array of row numbers,
//! child after child, with where each child's rows start: no map and no
//! allocation for each child. On a return of 560,000 children a map from
//! identifier to a vector of rows took about 90 bytes a child for each table
//! and each order the rules share; this takes 4 bytes a child and 8 a row.

use std::sync::Arc;

use crate::hash::HashMap;
use crate::{Return, TableData};

/// The children of a return, numbered in order of first appearance (tables
/// in order, rows in file order), with each table's rows' child numbers.
#[derive(Debug, Default)]
pub struct Children<'a> {
    ids: Vec<&'a str>,
    numbers: HashMap<&'a str, u32>,
    /// Each table's child number of each row, with the table (by address)
    /// it was numbered from: the rows by child of a table are then built
    /// without looking up an identifier again.
    rows: Vec<(usize, Box<[u32]>)>,
}

impl<'a> Children<'a> {
    /// Numbers every child of every table of a return.
    pub fn of(ret: &'a Return) -> Self {
        let mut out = Children::default();
        for data in ret.tables.values() {
            let mut rows = Vec::with_capacity(data.len());
            each_run(data, |child, start, end| {
                let next = u32::try_from(out.ids.len()).expect("fewer than 4 billion children");
                let n = *out.numbers.entry(child).or_insert(next);
                if n == next {
                    out.ids.push(child);
                }
                rows.extend(std::iter::repeat_n(n, end - start));
            });
            out.rows.push((address(data), rows.into_boxed_slice()));
        }
        out
    }

    /// A child's number.
    fn number(&self, child: &str) -> Option<usize> {
        self.numbers.get(child).map(|&n| n as usize)
    }

    /// The number of a child given as a reference into these children's
    /// identifiers, as [`RowsByChild::iter`] gives them (any table of the
    /// same return): found from where it is, with no look-up.
    fn number_at(&self, child: &&str) -> Option<usize> {
        let size = std::mem::size_of::<&str>();
        let offset = (std::ptr::from_ref(child) as usize).wrapping_sub(self.ids.as_ptr() as usize);
        let n = offset / size;
        (offset.is_multiple_of(size) && n < self.ids.len()).then_some(n)
    }

    /// The child number of each row of `data`, if it is a table these
    /// children were numbered from.
    fn of_rows(&self, data: &TableData) -> Option<&[u32]> {
        self.rows
            .iter()
            .find(|(at, rows)| *at == address(data) && rows.len() == data.len())
            .map(|(_, rows)| &rows[..])
    }

    fn len(&self) -> usize {
        self.ids.len()
    }
}

/// Where a table is in memory: which table of the return it is.
fn address(data: &TableData) -> usize {
    std::ptr::from_ref(data) as usize
}

/// Calls `f(child, start, end)` for each run of rows of one child (a
/// child's rows are usually next to each other: one call for each run rather
/// than for each row).
fn each_run<'a>(data: &'a TableData, mut f: impl FnMut(&'a str, usize, usize)) {
    let i = data
        .table
        .column_index("CHILD")
        .expect("every table has CHILD");
    let n = data.len();
    let mut start = 0;
    while start < n {
        let child = data.get(start, i);
        let end = start
            + 1
            + (start + 1..n)
                .take_while(|&r| data.get(r, i) == child)
                .count();
        f(child, start, end);
        start = end;
    }
}

/// The rows of a table grouped by child: each child's rows in file order
/// (or in an order a rule sorted them into, [`RowsByChild::sort_each`]).
/// Read like a map from CHILD to the child's rows, holding only the
/// children with at least one row.
#[derive(Debug, Clone)]
pub struct RowsByChild<'a> {
    children: Arc<Children<'a>>,
    /// Where each child's rows start in `rows`, by child number, and where
    /// the last ends.
    starts: Vec<u32>,
    rows: Vec<usize>,
    /// How many children have rows.
    len: usize,
}

impl<'a> RowsByChild<'a> {
    /// No rows (a table not supplied).
    pub fn empty() -> Self {
        Self {
            children: Arc::default(),
            starts: vec![0],
            rows: Vec::new(),
            len: 0,
        }
    }

    /// The rows of `data` by child, the children numbered by `children`
    /// (numbered from the return `data` is a table of).
    pub fn new(data: &'a TableData, children: Arc<Children<'a>>) -> Self {
        let numbers = children
            .of_rows(data)
            .expect("a table of the return whose children were numbered");
        let mut starts = vec![0u32; children.len() + 1];
        for &n in numbers {
            starts[n as usize + 1] += 1;
        }
        let len = starts.iter().filter(|&&n| n > 0).count();
        for c in 1..starts.len() {
            starts[c] += starts[c - 1];
        }
        // Each child's rows in file order: fill from each child's start.
        let mut next = starts.clone();
        let mut rows = vec![0usize; data.len()];
        for (r, &n) in numbers.iter().enumerate() {
            let at = &mut next[n as usize];
            rows[*at as usize] = r;
            *at += 1;
        }
        Self {
            children,
            starts,
            rows,
            len,
        }
    }

    fn range(&self, number: usize) -> &[usize] {
        &self.rows[self.starts[number] as usize..self.starts[number + 1] as usize]
    }

    /// A child's rows, if the child has any. The child is its identifier,
    /// or a reference to one as [`RowsByChild::iter`] of any table of the
    /// same return gives it (then found without a look-up).
    #[inline]
    pub fn get(&self, child: impl ChildKey) -> Option<&[usize]> {
        let rows = self.range(child.number_in(&self.children)?);
        (!rows.is_empty()).then_some(rows)
    }

    /// Whether the child has rows.
    #[inline]
    pub fn contains_key(&self, child: impl ChildKey) -> bool {
        self.get(child).is_some()
    }

    /// The rows of the child of row `row` of `data` (as `get` with the
    /// row's CHILD): for a table of the same return, from the child
    /// numbers of its rows, without a look-up.
    #[inline]
    pub fn get_row(&self, data: &TableData, row: usize) -> Option<&[usize]> {
        let n = match self.children.of_rows(data) {
            Some(numbers) => numbers[row] as usize,
            None => self.children.number(data.value(row, "CHILD"))?,
        };
        let rows = self.range(n);
        (!rows.is_empty()).then_some(rows)
    }

    /// How many children have rows.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no child has rows.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Each child with rows and the child's rows, in order of the children's
    /// numbers.
    pub fn iter(&self) -> impl Iterator<Item = (&&'a str, &[usize])> + '_ {
        self.children
            .ids
            .iter()
            .enumerate()
            .map(|(n, child)| (child, self.range(n)))
            .filter(|(_, rows)| !rows.is_empty())
    }

    /// Each child's rows.
    pub fn values(&self) -> impl Iterator<Item = &[usize]> + '_ {
        self.iter().map(|(_, rows)| rows)
    }

    /// Each child with rows.
    pub fn keys(&self) -> impl Iterator<Item = &&'a str> + '_ {
        self.iter().map(|(child, _)| child)
    }

    /// The same rows with each child's rows sorted by `key` (a stable sort:
    /// ties keep their order).
    #[must_use]
    pub fn sorted_by_key<K: Ord>(&self, mut key: impl FnMut(usize) -> K) -> Self {
        let mut out = self.clone();
        out.sort_each(|rows| rows.sort_by_key(|&r| key(r)));
        out
    }

    /// Applies `f` to each child's rows, in place (to reorder them).
    pub fn sort_each(&mut self, mut f: impl FnMut(&mut [usize])) {
        for n in 0..self.starts.len() - 1 {
            let (start, end) = (self.starts[n] as usize, self.starts[n + 1] as usize);
            if end > start {
                f(&mut self.rows[start..end]);
            }
        }
    }
}

/// How a child is named to [`RowsByChild::get`]: by its identifier, or by
/// a reference to one that [`RowsByChild::iter`] gave.
pub trait ChildKey {
    /// The child's number among `children`, if it is one of them.
    fn number_in(&self, children: &Children<'_>) -> Option<usize>;
}

impl ChildKey for &str {
    #[inline]
    fn number_in(&self, children: &Children<'_>) -> Option<usize> {
        children.number(self)
    }
}

impl ChildKey for &&str {
    #[inline]
    fn number_in(&self, children: &Children<'_>) -> Option<usize> {
        match children.number_at(self) {
            Some(n) => Some(n),
            None => children.number(self),
        }
    }
}

impl ChildKey for &String {
    #[inline]
    fn number_in(&self, children: &Children<'_>) -> Option<usize> {
        children.number(self)
    }
}

impl<'r, 'a> IntoIterator for &'r RowsByChild<'a> {
    type Item = (&'r &'a str, &'r [usize]);
    type IntoIter = Box<dyn Iterator<Item = Self::Item> + 'r>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_by_child_are_each_childs_rows_in_file_order() {
        let ret = crate::validate::testing::ret(&[
            "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nB,1,,,,,\nA,2,,,,,\n",
            "CHILD,DOB,REVIEW,REVIEW_CODE\nA,,1,\nA,,2,\nC,,3,\nA,,4,\nB,,5,\n",
        ]);
        let children = Arc::new(Children::of(&ret));
        let reviews = RowsByChild::new(ret.table(crate::Table::Reviews).unwrap(), children.clone());
        assert_eq!(reviews.get("A"), Some(&[0, 1, 3][..]));
        assert_eq!(reviews.get("B"), Some(&[4][..]));
        assert_eq!(reviews.get("C"), Some(&[2][..]));
        assert_eq!(reviews.get("D"), None);
        assert_eq!(reviews.len(), 3);
        let header = RowsByChild::new(ret.table(crate::Table::Header).unwrap(), children);
        assert_eq!(header.get("C"), None, "a child of another table only");
        assert!(!header.contains_key("C"));
        assert_eq!(header.len(), 2);
        let all: Vec<(&str, Vec<usize>)> = reviews.iter().map(|(c, r)| (*c, r.to_vec())).collect();
        assert_eq!(all, [("B", vec![4]), ("A", vec![0, 1, 3]), ("C", vec![2])]);
        let backwards = reviews.sorted_by_key(std::cmp::Reverse);
        assert_eq!(backwards.get("A"), Some(&[3, 1, 0][..]));
        assert_eq!(
            reviews.get("A"),
            Some(&[0, 1, 3][..]),
            "the original is unchanged"
        );
    }
}
