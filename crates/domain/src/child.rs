//! A child looked after and the identifiers that come with them, each parsed
//! once at the edge and valid from then on.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::{Ethnicity, Sex, UpnUnknownReason};

/// A value that failed to parse, with the field and the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct InvalidValue {
    pub field: &'static str,
    pub problem: String,
}

impl InvalidValue {
    fn new(field: &'static str, problem: impl Into<String>) -> Self {
        Self {
            field,
            problem: problem.into(),
        }
    }
}

macro_rules! string_newtype {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The value as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidValue;
            fn try_from(v: String) -> Result<Self, InvalidValue> {
                Self::parse(&v)
            }
        }

        impl std::str::FromStr for $name {
            type Err = InvalidValue;
            fn from_str(s: &str) -> Result<Self, InvalidValue> {
                Self::parse(s)
            }
        }
    };
}

string_newtype! {
    /// The council's identifier of a child (CHILD in the SSDA903 return): one to
    /// ten letters and digits, unique within the council and stable for life.
    ChildId
}

impl ChildId {
    pub fn parse(value: &str) -> Result<Self, InvalidValue> {
        let v = value.trim();
        if v.is_empty() || v.len() > 10 || !v.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(InvalidValue::new(
                "child identifier",
                format!("'{v}' must be 1 to 10 letters or digits"),
            ));
        }
        Ok(Self(v.to_owned()))
    }
}

string_newtype! {
    /// A unique pupil number: 13 characters, a check letter, the council's
    /// 3-digit code, a 4-digit school number, a 2-digit year and a 3-character
    /// serial (a letter in the last place marks a temporary UPN).
    Upn
}

/// The letters a UPN may use, in the order of their values (no I, O or S).
const UPN_LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPQRTUVWXYZ";

impl Upn {
    pub fn parse(value: &str) -> Result<Self, InvalidValue> {
        let v = value.trim().to_ascii_uppercase();
        let b = v.as_bytes();
        let bad = |why: &str| InvalidValue::new("unique pupil number", format!("'{v}' {why}"));
        if b.len() != 13 {
            return Err(bad("must be 13 characters"));
        }
        if !b[1..12].iter().all(u8::is_ascii_digit) {
            return Err(bad("must have digits in places 2 to 12"));
        }
        let last = b[12];
        let last_value = if last.is_ascii_digit() {
            u32::from(last - b'0')
        } else {
            UPN_LETTERS
                .iter()
                .position(|&l| l == last)
                .map(|p| p as u32)
                .ok_or_else(|| bad("ends in a character a UPN does not use"))?
        };
        let sum: u32 = b[1..12]
            .iter()
            .enumerate()
            .map(|(i, &d)| u32::from(d - b'0') * (i as u32 + 2))
            .sum::<u32>()
            + last_value * 13;
        let expected = UPN_LETTERS[(sum % 23) as usize];
        if b[0] != expected {
            return Err(bad(&format!(
                "has check letter {} but its digits give {}",
                b[0] as char, expected as char
            )));
        }
        Ok(Self(v))
    }

    /// Builds a valid UPN from its 12 characters after the check letter
    /// (used by the synthetic data generator).
    pub fn with_check_letter(rest: &str) -> Result<Self, InvalidValue> {
        for &letter in UPN_LETTERS {
            let candidate = format!("{}{rest}", letter as char);
            if let Ok(upn) = Self::parse(&candidate) {
                return Ok(upn);
            }
        }
        Err(InvalidValue::new(
            "unique pupil number",
            format!("no check letter makes '{rest}' valid"),
        ))
    }
}

/// A child's unique pupil number, or the DfE's reason it is not recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PupilNumber {
    Known(Upn),
    NotRecorded(UpnUnknownReason),
}

impl PupilNumber {
    /// As written in the return: the UPN, or its UN code.
    pub fn as_return_value(&self) -> &str {
        match self {
            Self::Known(u) => u.as_str(),
            Self::NotRecorded(r) => crate::codes::CodeList::code(*r),
        }
    }

    /// Reads a UPN or a UN code.
    pub fn parse(value: &str) -> Result<Self, InvalidValue> {
        let v = value.trim();
        if v.starts_with("UN") {
            return v
                .parse::<UpnUnknownReason>()
                .map(Self::NotRecorded)
                .map_err(|e| InvalidValue::new("unique pupil number", e.to_string()));
        }
        Upn::parse(v).map(Self::Known)
    }
}

string_newtype! {
    /// A postcode, whole (`LE3 8RA`) or partial as the return holds it (`LE3 8`).
    Postcode
}

impl Postcode {
    pub fn parse(value: &str) -> Result<Self, InvalidValue> {
        let v = value.trim().to_ascii_uppercase();
        let compact: String = v.chars().filter(|c| !c.is_whitespace()).collect();
        let ok_chars = compact.chars().all(|c| c.is_ascii_alphanumeric());
        let starts_with_letter = compact
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic());
        if !(2..=7).contains(&compact.len()) || !ok_chars || !starts_with_letter {
            return Err(InvalidValue::new(
                "postcode",
                "is not a UK postcode (for example LE3 8RA, or the partial LE3 8)".to_owned(),
            ));
        }
        let spaced = if compact.len() >= 5 {
            // Whole postcode: the inward code is always the last three characters.
            let (out, inward) = compact.split_at(compact.len() - 3);
            format!("{out} {inward}")
        } else {
            v.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        Ok(Self(spaced))
    }
}

string_newtype! {
    /// Ofsted's unique reference number of a placement provider (`SC123456`,
    /// or seven digits), or `XXXXXXX` where the provider has none.
    Urn
}

impl Urn {
    pub fn parse(value: &str) -> Result<Self, InvalidValue> {
        let v = value.trim().to_ascii_uppercase();
        let ok = v == "XXXXXXX"
            || (v.starts_with("SC") && v.len() == 8 && v[2..].chars().all(|c| c.is_ascii_digit()))
            || ((6..=7).contains(&v.len()) && v.chars().all(|c| c.is_ascii_digit()));
        if ok {
            Ok(Self(v))
        } else {
            Err(InvalidValue::new(
                "provider URN",
                format!(
                    "'{v}' is not an Ofsted URN (SC and six digits, six or seven digits, or XXXXXXX)"
                ),
            ))
        }
    }
}

/// A person's name as the council records it. Never logged, never audited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonName {
    pub given: String,
    pub family: String,
}

impl PersonName {
    pub fn parse(given: &str, family: &str) -> Result<Self, InvalidValue> {
        let clean = |field: &'static str, v: &str| {
            let v = v.trim();
            if v.is_empty() {
                Err(InvalidValue::new(field, "is required".to_owned()))
            } else if v.chars().count() > 100 {
                Err(InvalidValue::new(
                    field,
                    "must be 100 characters or fewer".to_owned(),
                ))
            } else {
                Ok(v.to_owned())
            }
        };
        Ok(Self {
            given: clean("given name", given)?,
            family: clean("family name", family)?,
        })
    }

    /// The name as people read it.
    pub fn full(&self) -> String {
        format!("{} {}", self.given, self.family)
    }
}

/// A child known to the service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Child {
    pub id: ChildId,
    pub name: PersonName,
    pub sex: Sex,
    pub date_of_birth: NaiveDate,
    pub ethnicity: Ethnicity,
    pub pupil_number: Option<PupilNumber>,
    /// Whether the child has a disability (the Equality Act 2010 definition).
    pub disabled: bool,
    /// Set for an unaccompanied asylum-seeking child: the date their UASC
    /// status ceased (their 18th birthday, or an earlier age assessment), if it has.
    pub uasc: Option<UascStatus>,
}

/// Unaccompanied asylum-seeking child status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UascStatus {
    pub ceased: Option<NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn child_identifiers_are_short_and_alphanumeric() {
        assert!(ChildId::parse("C0001234").is_ok());
        assert!(ChildId::parse("").is_err());
        assert!(ChildId::parse("ABCDEFGHIJK").is_err());
        assert_eq!(
            ChildId::parse("A-1").unwrap_err().to_string(),
            "child identifier: 'A-1' must be 1 to 10 letters or digits"
        );
    }

    #[test]
    fn upn_check_letters_are_verified() {
        let upn = Upn::with_check_letter("855123412001").unwrap();
        assert_eq!(upn.as_str().len(), 13);
        assert_eq!(Upn::parse(upn.as_str()).unwrap(), upn);
        // Changing a digit breaks the check letter.
        let mut tampered = upn.as_str().to_owned();
        tampered.replace_range(5..6, if &tampered[5..6] == "9" { "8" } else { "9" });
        assert!(
            Upn::parse(&tampered)
                .unwrap_err()
                .problem
                .contains("check letter")
        );
        // A temporary UPN ends in a letter.
        assert!(Upn::with_check_letter("85512341200A").is_ok());
        assert!(PupilNumber::parse("UN4").is_ok());
        assert!(PupilNumber::parse("UN99").is_err());
    }

    #[test]
    fn postcodes_are_normalised() {
        assert_eq!(Postcode::parse("le38ra").unwrap().as_str(), "LE3 8RA");
        assert_eq!(Postcode::parse("LE3 8").unwrap().as_str(), "LE3 8");
        assert!(Postcode::parse("12345").is_err());
        assert!(Postcode::parse("LE3-8RA").is_err());
    }

    #[test]
    fn urns_follow_ofsted_forms() {
        assert!(Urn::parse("SC123456").is_ok());
        assert!(Urn::parse("1234567").is_ok());
        assert!(Urn::parse("XXXXXXX").is_ok());
        assert!(Urn::parse("SC12").is_err());
    }
}
