//! The legal framework register (PASS-011): the legislation and guidance
//! the passport rests on, so that each rule the council configures can cite
//! it. A configured rule's citations are resolved against the register when
//! it is saved; a citation the register does not hold is saved with a
//! warning, for the person to correct or for the register to be extended.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// PASS-011: the register, as the passport's legal framework names it.
pub const LEGAL_REGISTER: &[&str] = &[
    "The Children Act 1989",
    "Children Act 1989 Guidance and Regulations Volume 2: Care Planning, Placement and Case Review (2015)",
    "The Care Planning and Fostering (Miscellaneous Amendments) Regulations 2015",
    "Children Act 1989 Guidance and Regulations Volume 4: Fostering Services (2010)",
    "The Care Planning, Placement and Case Review and Fostering Services (Miscellaneous Amendments) Regulations 2013",
    "Fostering and Adoption Services: National Minimum Standards (2011)",
    "Children and Social Work Act 2017",
    "Promoting the education of looked after children 2014",
    "Adoption and Children Act 2002",
    "Adoption Support Services Regulations 2005",
    "Children and Families Act 2014",
    "Children (Leaving Care) Act 2000",
];

/// Words that do not tell two entries apart ("The Children Act 1989" is
/// "Children Act 1989").
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| w != "the")
        .collect()
}

/// PASS-011: the register entry a citation names: the same words as the
/// entry (case, punctuation and a leading "The" aside), or the entry's
/// opening words followed by a section or standard ("The Children Act 1989,
/// Section 17").
pub fn resolve_citation(citation: &str) -> Option<&'static str> {
    let cited = words(citation);
    if cited.is_empty() {
        return None;
    }
    LEGAL_REGISTER
        .iter()
        .copied()
        .filter(|entry| {
            let entry = words(entry);
            cited == entry
                || (cited.len() > entry.len()
                    && cited.starts_with(&entry)
                    && matches!(
                        cited[entry.len()].as_str(),
                        "section" | "s" | "standard" | "regulation" | "reg" | "part" | "schedule"
                    ))
        })
        .max_by_key(|entry| entry.len())
}

/// A rule of the passport as the council configures it (a rate, a limit,
/// an age), with the legislation or guidance it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfiguredRule {
    /// The rule's identifier (`PAY-017`).
    pub rule: String,
    /// What is configured, in words ("£450 a year per child").
    pub setting: String,
    /// Each citation as written, with the register entry it resolves to.
    pub citations: Vec<(String, Option<String>)>,
    pub saved: NaiveDate,
    pub saved_by: String,
}

impl ConfiguredRule {
    /// PASS-011: a rule configured on `saved`, its citations resolved
    /// against the register; refused with `field: problem` when the rule,
    /// the setting or every citation is missing. Returns it with a warning
    /// for each citation the register does not hold.
    pub fn configure(
        rule: &str,
        setting: &str,
        citations: &[String],
        (saved, saved_by): (NaiveDate, &str),
    ) -> Result<(ConfiguredRule, Vec<String>), String> {
        let rule = rule.trim().to_uppercase();
        let well_formed = rule.rsplit_once('-').is_some_and(|(prefix, number)| {
            !prefix.is_empty()
                && prefix.chars().all(|c| c.is_ascii_uppercase() || c == '-')
                && !number.is_empty()
                && number.chars().all(|c| c.is_ascii_digit())
        });
        if !well_formed {
            return Err("rule: enter the rule's identifier, like PAY-017".into());
        }
        if setting.trim().is_empty() {
            return Err("setting: enter what is configured".into());
        }
        let citations: Vec<(String, Option<String>)> = citations
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .map(|c| (c.to_owned(), resolve_citation(c).map(str::to_owned)))
            .collect();
        if citations.is_empty() {
            return Err("citations: cite the legislation or guidance the rule rests on".into());
        }
        let warnings = citations
            .iter()
            .filter(|(_, entry)| entry.is_none())
            .map(|(c, _)| format!("\"{c}\" is not in the legal framework register"))
            .collect();
        Ok((
            ConfiguredRule {
                rule,
                setting: setting.trim().to_owned(),
                citations,
                saved,
                saved_by: saved_by.to_owned(),
            },
            warnings,
        ))
    }
}

/// The passport's configured rules, one document for the council: the
/// latest configuration of each rule, with the earlier ones kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassportConfiguration {
    /// Every configuration saved, oldest first.
    pub rules: Vec<ConfiguredRule>,
}

impl PassportConfiguration {
    /// The latest configuration of each rule, in the order rules were first
    /// configured.
    pub fn current(&self) -> Vec<&ConfiguredRule> {
        let mut out: Vec<&ConfiguredRule> = Vec::new();
        for r in &self.rules {
            match out.iter_mut().find(|o| o.rule == r.rule) {
                Some(o) => *o = r,
                None => out.push(r),
            }
        }
        out
    }
}
