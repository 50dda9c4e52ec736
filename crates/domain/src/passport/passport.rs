//! The Permanence Passport of one family: a document in plain English of
//! what the family is entitled to, who to contact and how to ask, written
//! from the household's record (its roles, linked children and address)
//! and what a worker recorded that the records do not hold (a child's
//! history, who placed the child, the order's date). Every version is
//! kept: a new one is written when what it says changes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::entitlements::{
    COUNCIL, COUNTY, Entitlement, Family, FamilyChild, FamilyType, Offer, entitlements,
    responsible_authority,
};
use crate::deadlines::EventKind;
use crate::households::household::{Household, LinkKind};

/// PASS-010: the contact directory, exactly as the passport gives it,
/// with the offers each entry is printed for (empty: every family).
pub const DIRECTORY: &[(&str, &str, &[Offer])] = &[
    (
        "Post-Adoption Support Team",
        "Telephone 0116 3053052, email Adoptionsupport@leics.gov.uk",
        &[Offer::Adoption],
    ),
    (
        "Special Guardianship and Family and Friends Connected Carer support",
        "Email sgosupport@leics.gov.uk (also to sign up for Special Guardianship Orders News)",
        &[Offer::Connected],
    ),
    (
        "Virtual School (adopted children)",
        "Telephone 0116 3056097",
        &[Offer::Adoption],
    ),
    (
        "CAMHS consultation booking",
        "Email fpsadmin@leics.gov.uk with the subject \"Booking Consultation Session\"",
        &[],
    ),
    (
        "Family Action (Post Sexual Abuse Service)",
        "9 Newarke Street, Leicester, LE1 5SN, telephone 0116 2574979",
        &[],
    ),
    (
        "Youth Offending Service",
        "Email youthoffendingservice@leics.gov.uk, telephone 0116 3050030",
        &[],
    ),
    (
        "First Response (Children's Duty)",
        "The council's referrals team for advice and assessments of need",
        &[Offer::Connected],
    ),
    ("Kooth", "Online support for young people at kooth.com", &[]),
    // TRAIN-013: families help themselves and each other.
    (
        "Adoption support groups",
        "Groups and events where adoptive families share their experience and support each other, and the monthly stay and play with Coram in Shepshed; dates are in the adoption newsletter",
        &[Offer::Adoption],
    ),
    // KIN-108: given to every connected and family and friends carer.
    (
        "Family and Friends Guide for Carers",
        "The guide that explains family and friends care arrangements; ask your worker or email sgosupport@leics.gov.uk for a copy",
        &[Offer::Connected],
    ),
];

/// A child's history as a worker records it for the passport.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildHistory {
    pub child_id: String,
    /// `None`: taken from the records (a child with a care episode here was looked after).
    pub previously_looked_after: Option<bool>,
    pub adopted_from_overseas: bool,
    pub ehc_plan: bool,
}

/// What a worker records for the passport that the records do not hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassportInputs {
    /// `None`: the household's role decides.
    pub family_type: Option<FamilyType>,
    /// `None`: this council placed the child.
    pub placing_authority: Option<String>,
    /// `None`: the council was a party to the proceedings.
    pub council_was_party: Option<bool>,
    /// `None`: judged from the household's postcode.
    pub lives_in: Option<String>,
    /// `None`: taken from the household's role or the child's link.
    pub order_made: Option<NaiveDate>,
    pub financial_support_decided: Option<NaiveDate>,
    pub children: Vec<ChildHistory>,
}

/// Why what a worker recorded for the passport was refused, naming the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PassportError {
    #[error("the order date cannot be in the future")]
    OrderInFuture,
    #[error("the date financial support was decided cannot be in the future")]
    DecisionInFuture,
    #[error("the child {0} is not linked to the household")]
    NotLinked(String),
    #[error("the placing authority's name must be under 100 characters")]
    LongAuthority,
    #[error("a child cannot be adopted from overseas and have been looked after here")]
    OverseasAndLookedAfter,
}

impl PassportInputs {
    /// Checks what was recorded against the household on `today`.
    pub fn validate(&self, household: &Household, today: NaiveDate) -> Result<(), PassportError> {
        if self.order_made.is_some_and(|d| d > today) {
            return Err(PassportError::OrderInFuture);
        }
        if self.financial_support_decided.is_some_and(|d| d > today) {
            return Err(PassportError::DecisionInFuture);
        }
        let long = |s: &Option<String>| s.as_deref().is_some_and(|a| a.chars().count() > 100);
        if long(&self.placing_authority) || long(&self.lives_in) {
            return Err(PassportError::LongAuthority);
        }
        for c in &self.children {
            if !household.links.iter().any(|l| l.child_id == c.child_id) {
                return Err(PassportError::NotLinked(c.child_id.clone()));
            }
            if c.adopted_from_overseas && c.previously_looked_after == Some(true) {
                return Err(PassportError::OverseasAndLookedAfter);
            }
        }
        Ok(())
    }

    /// The history recorded for a child.
    pub fn history(&self, child_id: &str) -> Option<&ChildHistory> {
        self.children.iter().find(|c| c.child_id == child_id)
    }
}

/// What the records hold of a child linked to the household.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildRecord {
    pub child_id: String,
    pub name: String,
    pub date_of_birth: NaiveDate,
    /// The child has a care episode in this council's records.
    pub was_looked_after: bool,
}

/// The family the passport is written for: the household's latest role
/// that makes it a permanent family (or the type recorded), its children
/// placed with it or subject of its order, their histories, the dates of
/// placement and order and where it lives. `None` for a household that is
/// not such a family.
pub fn family_of(
    household: &Household,
    inputs: &PassportInputs,
    children: &[ChildRecord],
) -> Option<Family> {
    let role = household
        .roles
        .iter()
        .filter(|r| r.is_open() && FamilyType::of_role(r.kind).is_some())
        .max_by_key(|r| r.started);
    let family_type = inputs
        .family_type
        .or_else(|| role.and_then(|r| FamilyType::of_role(r.kind)))?;
    let linked = |kind: LinkKind| {
        household
            .links
            .iter()
            .filter(move |l| l.kind == kind)
            .map(|l| l.from)
    };
    let placed = linked(LinkKind::PlacedWith).min();
    let order_from_role = role.and_then(|r| match FamilyType::of_role(r.kind) {
        Some(FamilyType::Adoptive) => r
            .events
            .iter()
            .find(|e| e.kind == EventKind::AdoptionOrderMade)
            .map(|e| e.date),
        Some(FamilyType::SpecialGuardianship | FamilyType::ChildArrangementsOrder) => {
            Some(r.started)
        }
        _ => None,
    });
    let order_made = inputs
        .order_made
        .or(order_from_role)
        .or_else(|| linked(LinkKind::SubjectOfOrder).min())
        .filter(|_| family_type.order_category().is_some());
    let lives_in = inputs.lives_in.clone().or_else(|| {
        household
            .addresses
            .last()
            .filter(|a| a.postcode.starts_with("LE"))
            .map(|_| COUNTY.to_owned())
    });
    let mut kids: Vec<FamilyChild> = Vec::new();
    for l in &household.links {
        if !matches!(l.kind, LinkKind::PlacedWith | LinkKind::SubjectOfOrder)
            || kids.iter().any(|k| k.child_id == l.child_id)
        {
            continue;
        }
        let Some(record) = children.iter().find(|c| c.child_id == l.child_id) else {
            continue;
        };
        let history = inputs.history(&l.child_id);
        kids.push(FamilyChild {
            child_id: l.child_id.clone(),
            name: record.name.clone(),
            date_of_birth: record.date_of_birth,
            previously_looked_after: history
                .and_then(|h| h.previously_looked_after)
                .unwrap_or(record.was_looked_after),
            adopted_from_overseas: history.is_some_and(|h| h.adopted_from_overseas),
            ehc_plan: history.is_some_and(|h| h.ehc_plan),
        });
    }
    Some(Family {
        family_type,
        placed,
        order_made,
        placing_authority: inputs
            .placing_authority
            .clone()
            .filter(|a| !a.trim().is_empty())
            .unwrap_or_else(|| COUNCIL.to_owned()),
        council_was_party: inputs.council_was_party.unwrap_or(true),
        lives_in,
        lives_in_england: true,
        financial_support_decided: inputs.financial_support_decided,
        children: kids,
    })
}

/// A section of the printed passport.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassportSection {
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub items: Vec<String>,
}

/// The passport as printed: plain English, no rule codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassportDocument {
    pub title: String,
    pub sections: Vec<PassportSection>,
}

fn long(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

fn section(heading: &str, paragraphs: Vec<String>, items: Vec<String>) -> PassportSection {
    PassportSection {
        heading: heading.to_owned(),
        paragraphs,
        items,
    }
}

fn dates_text(e: &Entitlement) -> String {
    match (e.starts, e.ends) {
        (Some(s), Some(t)) => format!(" From {} until {}.", long(s), long(t)),
        (None, Some(t)) => format!(" Until {}.", long(t)),
        _ => String::new(),
    }
}

fn for_whom(family: &Family, e: &Entitlement) -> String {
    e.child
        .as_ref()
        .and_then(|id| family.children.iter().find(|c| &c.child_id == id))
        .map(|c| format!("For {}: ", c.name))
        .unwrap_or_default()
}

/// Writes the passport of the family called `name` on `on`: what they
/// are entitled to (PASS-001), their offers (PASS-002), how to ask
/// (PASS-008), who to contact (PASS-010) and what to do if they are
/// unhappy (GEN-010, GEN-011).
pub fn write_passport(name: &str, family: &Family, on: NaiveDate) -> PassportDocument {
    let list = entitlements(family, on);
    let offers = family.family_type.offers();
    let offer_names: Vec<&str> = offers.iter().map(|o| o.label()).collect();
    let about = section(
        "About this passport",
        vec![
            format!(
                "This is your Permanence Passport from {COUNCIL}. It sets out the support you are entitled to and the extra support the council offers, under the {}.",
                offer_names.join(" and the ")
            ),
            format!(
                "It was written on {}. When your family's circumstances change it is written again, and earlier versions are kept.",
                long(on)
            ),
        ],
        Vec::new(),
    );
    let mut you = vec![family.family_type.label().to_owned()];
    for c in &family.children {
        you.push(format!("{}, born {}", c.name, long(c.date_of_birth)));
    }
    if let Some(p) = family.placed {
        you.push(format!("Living with you since {}", long(p)));
    }
    if let Some(o) = family.order_made {
        you.push(format!("Order made on {}", long(o)));
        let r = responsible_authority(family, o, on);
        if on <= r.placing_until {
            you.push(format!(
                "{} is responsible for your support until {}; after that, the council where you live",
                r.authority,
                long(r.placing_until)
            ));
        } else {
            you.push(format!("{} is responsible for your support", r.authority));
        }
    }
    you.push(match &family.lives_in {
        Some(area) => format!("You live in {area}"),
        None => "Where you live is not recorded: tell your social worker".to_owned(),
    });
    let (yes, no): (Vec<&Entitlement>, Vec<&Entitlement>) = list.iter().partition(|e| e.eligible);
    let entitled = section(
        "What you are entitled to",
        Vec::new(),
        yes.iter()
            .map(|e| {
                format!(
                    "{}{}: {}{}",
                    for_whom(family, e),
                    e.item.title(),
                    e.item.description(),
                    dates_text(e)
                )
            })
            .collect(),
    );
    let not_now = section(
        "Not available to you now, and why",
        if no.is_empty() {
            vec!["Everything in your offer is available to you.".into()]
        } else {
            Vec::new()
        },
        no.iter()
            .map(|e| format!("{}{}: {}", for_whom(family, e), e.item.title(), e.reason))
            .collect(),
    );
    let worker = if offers.contains(&Offer::Fostering) {
        "your supervising social worker or the child's social worker"
    } else if offers.contains(&Offer::Adoption) {
        "your adoption social worker"
    } else {
        "the child's social worker, or First Response if you live in Leicestershire"
    };
    let managers: Vec<&str> = offers.iter().map(|o| o.queries_to()).collect();
    let ask = section(
        "How to ask for support",
        vec![
            format!("Ask {worker}: they will help you reach the support in this passport."),
            format!(
                "If you have a question about what is available or how to get it, ask {}.",
                managers.join(" or ")
            ),
        ],
        Vec::new(),
    );
    let contacts = section(
        "Who to contact",
        Vec::new(),
        DIRECTORY
            .iter()
            .filter(|(_, _, for_offers)| {
                for_offers.is_empty() || for_offers.iter().any(|o| offers.contains(o))
            })
            .map(|(who, how, _)| format!("{who}: {how}"))
            .collect(),
    );
    let unhappy = section(
        "If you are unhappy with your support",
        vec![
            "Speak first to a member of staff in the service: they will try to put things right.".into(),
            "If you still want to complain, ask Business Services for a complaints leaflet or use the council's online complaint form. Friends or advocates such as Citizens Advice can support you, and the council will help you find them.".into(),
        ],
        Vec::new(),
    );
    PassportDocument {
        title: format!("Permanence Passport: {name}"),
        sections: vec![
            about,
            section("Your family", Vec::new(), you),
            entitled,
            not_now,
            ask,
            contacts,
            unhappy,
        ],
    }
}

/// One version of a family's passport.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassportVersion {
    pub number: u32,
    pub made_on: NaiveDate,
    /// What changed since the version before.
    pub reason: String,
    pub family: Family,
    pub document: PassportDocument,
}

/// A family's passport: what was recorded for it and every version written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassportRecord {
    pub household_id: String,
    pub inputs: PassportInputs,
    /// Oldest first.
    pub versions: Vec<PassportVersion>,
}

/// What changed between two families, in words.
pub fn changes(old: &Family, new: &Family) -> Vec<&'static str> {
    let mut out = Vec::new();
    if old.family_type != new.family_type {
        out.push("the family's order or care arrangement");
    }
    if old.children.len() != new.children.len()
        || old
            .children
            .iter()
            .zip(&new.children)
            .any(|(a, b)| a.child_id != b.child_id)
    {
        out.push("the children");
    } else if old.children != new.children {
        out.push("a child's history");
    }
    if (old.placed, old.order_made) != (new.placed, new.order_made) {
        out.push("the dates of placement or order");
    }
    if old.lives_in != new.lives_in {
        out.push("where the family lives");
    }
    if (
        &old.placing_authority,
        old.council_was_party,
        old.financial_support_decided,
    ) != (
        &new.placing_authority,
        new.council_was_party,
        new.financial_support_decided,
    ) {
        out.push("who placed the child or decided support");
    }
    out
}

impl PassportRecord {
    /// The latest version.
    pub fn current(&self) -> Option<&PassportVersion> {
        self.versions.last()
    }

    /// Keeps `document` as a new version when it says something the
    /// latest does not; returns its number when it did.
    pub fn refresh(
        &mut self,
        family: Family,
        document: PassportDocument,
        on: NaiveDate,
    ) -> Option<u32> {
        let reason = match self.current() {
            None => "First version".to_owned(),
            Some(v) if v.document.sections[1..] == document.sections[1..] => return None,
            Some(v) => {
                let what = changes(&v.family, &family);
                if what.is_empty() {
                    "Entitlements changed with time (an age limit or a date reached)".to_owned()
                } else {
                    format!("Circumstances changed: {}", what.join(", "))
                }
            }
        };
        let number = self.versions.len() as u32 + 1;
        self.versions.push(PassportVersion {
            number,
            made_on: on,
            reason,
            family,
            document,
        });
        Some(number)
    }

    /// The version with this number.
    pub fn version(&self, number: u32) -> Option<&PassportVersion> {
        self.versions.iter().find(|v| v.number == number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passport::entitlements::FamilyChild;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn family() -> Family {
        Family {
            family_type: FamilyType::SpecialGuardianship,
            placed: None,
            order_made: Some(d("2024-02-12")),
            placing_authority: COUNCIL.into(),
            council_was_party: true,
            lives_in: Some(COUNTY.into()),
            lives_in_england: true,
            financial_support_decided: None,
            children: vec![FamilyChild {
                child_id: "C1".into(),
                name: "Ava".into(),
                date_of_birth: d("2015-06-01"),
                previously_looked_after: true,
                adopted_from_overseas: false,
                ehc_plan: false,
            }],
        }
    }

    #[test]
    fn the_printed_passport_has_no_rule_codes_and_a_new_version_only_on_change() {
        let f = family();
        let doc = write_passport("The Okafor family", &f, d("2025-06-02"));
        let text = serde_json::to_string(&doc).unwrap();
        for code in ["PASS-", "ASSESS-", "PAY-", "VISIT-", "GEN-"] {
            assert!(!text.contains(code), "{code} in {text}");
        }
        assert!(text.contains("sgosupport@leics.gov.uk"));
        let mut record = PassportRecord::default();
        assert_eq!(
            record.refresh(f.clone(), doc.clone(), d("2025-06-02")),
            Some(1)
        );
        let again = write_passport("The Okafor family", &f, d("2025-06-03"));
        assert_eq!(record.refresh(f.clone(), again, d("2025-06-03")), None);
        let mut moved = f;
        moved.lives_in = Some("Derbyshire".into());
        let doc = write_passport("The Okafor family", &moved, d("2025-07-01"));
        assert_eq!(record.refresh(moved, doc, d("2025-07-01")), Some(2));
        assert!(record.versions[1].reason.contains("where the family lives"));
    }
}
