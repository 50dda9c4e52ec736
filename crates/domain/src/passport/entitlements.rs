//! What a family is entitled to under the Permanence Passport: from the
//! family's type (adoptive, special guardianship, child arrangements order
//! or a legacy Residence Order, connected-person foster care, long-term
//! foster care), its children and their histories, the dates of the
//! placement and the order, who placed the child and where the family
//! lives, every item of the offer with eligible or not, the reason, the
//! rule that decides it and the dates it starts and ends.
//!
//! Pure: the facts come in as a [`Family`], the answer is a list of
//! [`Entitlement`]s on a date. Nothing here reads a record.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::add_months;
use crate::households::lifecycle::RoleKind;

/// The council whose passport this is.
pub const COUNCIL: &str = "Leicestershire County Council";

/// The area the council serves, as "where the family lives" names it.
pub const COUNTY: &str = "Leicestershire";

/// The kind of family a passport is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FamilyType {
    Adoptive,
    SpecialGuardianship,
    ChildArrangementsOrder,
    /// PASS-007: the legacy form of a child arrangements order.
    ResidenceOrder,
    ConnectedPersonFoster,
    LongTermFoster,
}

/// One of the passport's three offers (PASS-002).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Offer {
    Adoption,
    Connected,
    Fostering,
}

impl Offer {
    /// The offer's name, as the passport calls it.
    pub fn label(self) -> &'static str {
        match self {
            Offer::Adoption => "Adoption Permanence Passport",
            Offer::Connected => "Connected Permanence Offer",
            Offer::Fostering => "Fostering Permanence Offer",
        }
    }

    /// PASS-008: the manager who answers questions about what the offer
    /// holds and how to reach it.
    pub fn queries_to(self) -> &'static str {
        match self {
            Offer::Adoption => "the Team Manager for Adoption",
            Offer::Connected => "the Team Manager for Connected and Kinship Care",
            Offer::Fostering => "the Service Manager for Fostering",
        }
    }
}

impl FamilyType {
    /// Every type.
    pub const ALL: [FamilyType; 6] = [
        FamilyType::Adoptive,
        FamilyType::SpecialGuardianship,
        FamilyType::ChildArrangementsOrder,
        FamilyType::ResidenceOrder,
        FamilyType::ConnectedPersonFoster,
        FamilyType::LongTermFoster,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            FamilyType::Adoptive => "adoptive",
            FamilyType::SpecialGuardianship => "special_guardianship",
            FamilyType::ChildArrangementsOrder => "child_arrangements_order",
            FamilyType::ResidenceOrder => "residence_order",
            FamilyType::ConnectedPersonFoster => "connected_person_foster",
            FamilyType::LongTermFoster => "long_term_foster",
        }
    }

    /// The type in words.
    pub fn label(self) -> &'static str {
        match self {
            FamilyType::Adoptive => "Adoptive family",
            FamilyType::SpecialGuardianship => "Special guardianship order",
            FamilyType::ChildArrangementsOrder => "Child arrangements order",
            FamilyType::ResidenceOrder => "Residence order (made before child arrangements orders)",
            FamilyType::ConnectedPersonFoster => "Connected-person (kinship) foster carers",
            FamilyType::LongTermFoster => "Long-term foster carers",
        }
    }

    /// The type with this code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The family type a household's role makes it, for the roles that
    /// care for a child permanently.
    pub fn of_role(kind: RoleKind) -> Option<FamilyType> {
        match kind {
            RoleKind::Adopter => Some(FamilyType::Adoptive),
            RoleKind::SpecialGuardian => Some(FamilyType::SpecialGuardianship),
            RoleKind::ChildArrangementsOrderHolder => Some(FamilyType::ChildArrangementsOrder),
            RoleKind::ConnectedPersonCarer => Some(FamilyType::ConnectedPersonFoster),
            RoleKind::FosterCarer => Some(FamilyType::LongTermFoster),
            _ => None,
        }
    }

    /// PASS-002: the offers that apply, derived from the legal status and
    /// the carer, never chosen by hand: a connected-person foster carer's
    /// child has both the Connected and the Fostering offers.
    pub fn offers(self) -> &'static [Offer] {
        match self {
            FamilyType::Adoptive => &[Offer::Adoption],
            FamilyType::SpecialGuardianship
            | FamilyType::ChildArrangementsOrder
            | FamilyType::ResidenceOrder => &[Offer::Connected],
            FamilyType::ConnectedPersonFoster => &[Offer::Connected, Offer::Fostering],
            FamilyType::LongTermFoster => &[Offer::Fostering],
        }
    }

    /// PASS-007: the order this family holds, a Residence Order counting
    /// as a child arrangements order.
    pub fn order_category(self) -> Option<FamilyType> {
        match self {
            FamilyType::ResidenceOrder | FamilyType::ChildArrangementsOrder => {
                Some(FamilyType::ChildArrangementsOrder)
            }
            FamilyType::SpecialGuardianship | FamilyType::Adoptive => Some(self),
            _ => None,
        }
    }
}

/// A child of the family and what the passport needs of their history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyChild {
    pub child_id: String,
    /// The name the family knows the child by, for the printed passport.
    pub name: String,
    pub date_of_birth: NaiveDate,
    /// The child was looked after by a council before the order (or the
    /// adoption was from care).
    pub previously_looked_after: bool,
    pub adopted_from_overseas: bool,
    /// An education, health and care plan (PAY-023).
    pub ehc_plan: bool,
}

/// Everything the entitlements are decided from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Family {
    pub family_type: FamilyType,
    /// The day the children came to live with the family (placement).
    pub placed: Option<NaiveDate>,
    /// The day the adoption, special guardianship or child arrangements
    /// order was made.
    pub order_made: Option<NaiveDate>,
    /// The council that placed the child (or looked after them before the order).
    pub placing_authority: String,
    /// Whether this council was a party to the proceedings (VISIT-004).
    pub council_was_party: bool,
    /// The council area where the family lives now, when known.
    pub lives_in: Option<String>,
    pub lives_in_england: bool,
    /// The day financial support was decided, when it was (ASSESS-004).
    pub financial_support_decided: Option<NaiveDate>,
    pub children: Vec<FamilyChild>,
}

/// An item of the offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Item {
    AdoptionSupportAssessment,
    FinancialSupportReview,
    SupportAssessment,
    SupportWorkerVisitsAndCalls,
    FamilyActionSupport,
    FosteringAllowance,
    SpecialPayments,
    SettlingInGrant,
    Mileage,
    SupervisingSocialWorker,
    SocialWorkerAndIro,
    PathwayPlan,
    TherapeuticFund,
    AdoptionSupportFund,
    Letterbox,
    BirthRecordsCounselling,
    AdoptionNewsletter,
    CamhsConsultation,
    TrainingAndEvents,
}

impl Item {
    /// What the item is, for the family.
    pub fn title(self) -> &'static str {
        match self {
            Item::AdoptionSupportAssessment => "An assessment of your family's support needs",
            Item::FinancialSupportReview => {
                "Review of the financial support agreed before the adoption"
            }
            Item::SupportAssessment => "Advice or an assessment of need through First Response",
            Item::SupportWorkerVisitsAndCalls => "Visits and telephone calls from a support worker",
            Item::FamilyActionSupport => "Family Action Special Guardianship Support",
            Item::FosteringAllowance => "Fostering allowance",
            Item::SpecialPayments => "Birthday, festival and holiday payments",
            Item::SettlingInGrant => "A settling-in grant",
            Item::Mileage => "Mileage claims",
            Item::SupervisingSocialWorker => "A supervising social worker",
            Item::SocialWorkerAndIro => "A social worker and an Independent Reviewing Officer",
            Item::PathwayPlan => "A Pathway Plan for leaving care",
            Item::TherapeuticFund => "The therapeutic intervention fund",
            Item::AdoptionSupportFund => "The Adoption Support Fund",
            Item::Letterbox => "Letterbox contact with the birth family",
            Item::BirthRecordsCounselling => "Birth records counselling",
            Item::AdoptionNewsletter => "The adoption newsletter",
            Item::CamhsConsultation => "CAMHS consultation sessions",
            Item::TrainingAndEvents => "Training, events and support groups",
        }
    }

    /// What the family gets, in a sentence.
    pub fn description(self) -> &'static str {
        match self {
            Item::AdoptionSupportAssessment => {
                "You can ask for a statutory assessment of need whenever you need one; there is no limit on how often."
            }
            Item::FinancialSupportReview => {
                "Financial support decided before the adoption is reviewed by the council that decided it."
            }
            Item::SupportAssessment => {
                "First Response (Children's Duty) gives advice, and where the need is complex a manager considers an assessment by an adoption social worker."
            }
            Item::SupportWorkerVisitsAndCalls => {
                "A support worker visits six weeks after the start, then calls every six months for three years to check the support plan still fits."
            }
            Item::FamilyActionSupport => {
                "Support for special guardians and family and friends carers from Family Action."
            }
            Item::FosteringAllowance => {
                "A fostering allowance from the day the child is placed with you."
            }
            Item::SpecialPayments => {
                "One week's allowance for the child's birthday, for a festival and for a holiday each year."
            }
            Item::SettlingInGrant => {
                "A grant towards what you need when a child first comes to live with you."
            }
            Item::Mileage => "You can claim mileage for journeys you make for the child.",
            Item::SupervisingSocialWorker => {
                "A supervising social worker visits at least monthly and can be phoned at any time."
            }
            Item::SocialWorkerAndIro => {
                "The child keeps a social worker, a Care Plan and an Independent Reviewing Officer who makes sure the plan meets the child's needs; a Children's Rights Officer can help the child have their say."
            }
            Item::PathwayPlan => {
                "From 16 the child has a Pathway Plan for moving on to adult life."
            }
            Item::TherapeuticFund => {
                "£450 a year for each child or family member for therapy from an outside provider, and a further £450 where the therapist recommends more work."
            }
            Item::AdoptionSupportFund => {
                "A national fund for therapy that helps children recover from earlier experiences and bond with their family."
            }
            Item::Letterbox => {
                "Exchanging letters with the child's birth family through the council."
            }
            Item::BirthRecordsCounselling => {
                "Counselling for adopted adults who want to see their birth records."
            }
            Item::AdoptionNewsletter => "News, training and events for adoptive families.",
            Item::CamhsConsultation => {
                "Consultation sessions with child and adolescent mental health workers about the child's wellbeing."
            }
            Item::TrainingAndEvents => {
                "Training courses, family events, newsletters and support groups."
            }
        }
    }
}

/// An item of the offer as it stands for the family (or one child).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entitlement {
    pub item: Item,
    /// The spec rule that decides it.
    pub rule: &'static str,
    pub offer: Offer,
    /// The child it is for, when it is per child.
    pub child: Option<String>,
    pub eligible: bool,
    /// Why, in plain English.
    pub reason: String,
    pub starts: Option<NaiveDate>,
    /// The last day it lasts, when it ends.
    pub ends: Option<NaiveDate>,
}

/// Who is responsible for a family's support on a date, and until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Responsibility {
    pub authority: String,
    /// The rule that decides it (ASSESS-002, -003 or -017).
    pub rule: &'static str,
    /// The last day the placing authority is responsible (the day before
    /// the third anniversary of the order).
    pub placing_until: NaiveDate,
}

/// ASSESS-002, ASSESS-003 (and ASSESS-017 for special guardianship and
/// child arrangements orders): the placing authority is responsible for
/// the three years after the order, wherever the family lives, then the
/// authority where the family lives on the day of the request.
pub fn responsible_authority(family: &Family, order: NaiveDate, on: NaiveDate) -> Responsibility {
    let placing_until = add_months(order, 36).pred_opt().unwrap_or(order);
    let adoption = family.family_type == FamilyType::Adoptive;
    if on <= placing_until {
        Responsibility {
            authority: family.placing_authority.clone(),
            rule: if adoption { "ASSESS-002" } else { "ASSESS-017" },
            placing_until,
        }
    } else {
        Responsibility {
            authority: family
                .lives_in
                .clone()
                .unwrap_or_else(|| "the council where you live".to_owned()),
            rule: if adoption { "ASSESS-003" } else { "ASSESS-017" },
            placing_until,
        }
    }
}

/// Whether an authority name is this council's.
pub fn is_council(authority: &str) -> bool {
    let a = authority.trim().to_lowercase();
    a == COUNCIL.to_lowercase() || a == COUNTY.to_lowercase() || a == "lcc"
}

/// The day before the child's `years`th birthday: the last day of an
/// entitlement "up to the age of" one less.
fn last_day_before_birthday(child: &FamilyChild, years: u32) -> NaiveDate {
    let birthday = add_months(child.date_of_birth, 12 * years);
    birthday.pred_opt().unwrap_or(birthday)
}

struct Builder<'a> {
    family: &'a Family,
    on: NaiveDate,
    out: Vec<Entitlement>,
}

impl Builder<'_> {
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        item: Item,
        rule: &'static str,
        child: Option<&FamilyChild>,
        eligible: bool,
        reason: String,
        (starts, ends): (Option<NaiveDate>, Option<NaiveDate>),
    ) {
        let offer = self.family.family_type.offers()[0];
        let offer = match item {
            Item::SocialWorkerAndIro
            | Item::PathwayPlan
            | Item::SupervisingSocialWorker
            | Item::CamhsConsultation
                if self.family.family_type.offers().contains(&Offer::Fostering) =>
            {
                Offer::Fostering
            }
            _ => offer,
        };
        // Something that has ended is not available now, whatever else holds.
        let ended = ends.is_some_and(|e| e < self.on);
        self.out.push(Entitlement {
            item,
            rule,
            offer,
            child: child.map(|c| c.child_id.clone()),
            eligible: eligible && !ended,
            reason,
            starts,
            ends,
        });
    }
}

/// PASS-001: every item of the offer for the family on `on`, eligible or
/// not, with the reason, the rule and its dates; the family's items first,
/// then each child's.
pub fn entitlements(family: &Family, on: NaiveDate) -> Vec<Entitlement> {
    let mut b = Builder {
        family,
        on,
        out: Vec::new(),
    };
    let t = family.family_type;
    let start = family.order_made.or(family.placed);
    match t {
        FamilyType::Adoptive => adoption_items(&mut b),
        FamilyType::SpecialGuardianship
        | FamilyType::ChildArrangementsOrder
        | FamilyType::ResidenceOrder => order_items(&mut b),
        FamilyType::ConnectedPersonFoster => connected_foster_items(&mut b),
        FamilyType::LongTermFoster => {}
    }
    if t.offers().contains(&Offer::Fostering) {
        b.add(
            Item::SupervisingSocialWorker,
            "PASS-005",
            None,
            true,
            "Every foster carer has a supervising social worker.".into(),
            (family.placed, None),
        );
    }
    b.add(
        Item::TrainingAndEvents,
        "PASS-004",
        None,
        true,
        "Every family in the passport can use the training, events, newsletters and support groups."
            .into(),
        (start, None),
    );
    for child in &family.children {
        child_items(&mut b, child);
    }
    b.out
}

fn adoption_items(b: &mut Builder<'_>) {
    let f = b.family;
    for item in [Item::Letterbox, Item::BirthRecordsCounselling] {
        b.add(
            item,
            "PASS-001",
            None,
            true,
            "Part of the Adoption Permanence Passport.".into(),
            (f.placed, None),
        );
    }
    // TRAIN-006: the adopters are signed up to the quarterly newsletter on
    // the day the adoption order is granted, without asking.
    let (signed_up, why) = match f.order_made {
        Some(_) => (
            true,
            "Sent every quarter; you were signed up on the day of the adoption order.",
        ),
        None => (
            false,
            "You are signed up on the day of the adoption order, without asking.",
        ),
    };
    b.add(
        Item::AdoptionNewsletter,
        "TRAIN-006",
        None,
        signed_up,
        why.into(),
        (f.order_made, None),
    );
    let visits = match f.order_made.or(f.placed) {
        Some(from) => (
            true,
            "Visits and calls run for three years from the adoption order.".to_owned(),
            (Some(from), Some(add_months(from, 36))),
        ),
        None => (
            false,
            "Starts when the child is placed with you.".to_owned(),
            (None, None),
        ),
    };
    b.add(
        Item::SupportWorkerVisitsAndCalls,
        "VISIT-003",
        None,
        visits.0,
        visits.1,
        visits.2,
    );
    if let (Some(decided), Some(order)) = (f.financial_support_decided, f.order_made)
        && decided < order
    {
        b.add(
            Item::FinancialSupportReview,
            "ASSESS-004",
            None,
            true,
            format!(
                "Decided before the adoption, so it stays with {} even after three years.",
                f.placing_authority
            ),
            (Some(decided), None),
        );
    }
}

fn order_items(b: &mut Builder<'_>) {
    let f = b.family;
    let in_county = f.lives_in.as_deref().is_some_and(is_council);
    let reason = if in_county {
        "You live in Leicestershire, so First Response can advise or arrange an assessment."
            .to_owned()
    } else {
        "First Response takes referrals only for families living in Leicestershire; the council where you live can help."
            .to_owned()
    };
    let responsibility = f.order_made.map(|o| responsible_authority(f, o, b.on));
    let dates = responsibility.as_ref().map_or((f.order_made, None), |r| {
        (f.order_made, Some(r.placing_until))
    });
    let extra = responsibility
        .as_ref()
        .filter(|r| b.on <= r.placing_until && !is_council(&r.authority))
        .map(|r| {
            format!(
                " {} is responsible for your support until {}.",
                r.authority,
                r.placing_until.format("%-d %B %Y")
            )
        })
        .unwrap_or_default();
    b.add(
        Item::SupportAssessment,
        "PASS-004",
        None,
        in_county,
        format!("{reason}{extra}"),
        (dates.0, None),
    );
    b.add(
        Item::FamilyActionSupport,
        "PASS-004",
        None,
        true,
        "Part of the Connected Permanence Offer.".into(),
        (f.order_made, None),
    );
    let (eligible, reason, dates) = match (f.council_was_party, f.order_made) {
        (true, Some(order)) => (
            true,
            "The council was a party to the proceedings, so a support worker visits after the order and calls for three years.".to_owned(),
            (Some(order), Some(add_months(order, 36))),
        ),
        (true, None) => (
            false,
            "Starts when the order is made.".to_owned(),
            (None, None),
        ),
        (false, _) => (
            false,
            "Offered only where the council was a party to the court proceedings.".to_owned(),
            (None, None),
        ),
    };
    b.add(
        Item::SupportWorkerVisitsAndCalls,
        "VISIT-004",
        None,
        eligible,
        reason,
        dates,
    );
}

fn connected_foster_items(b: &mut Builder<'_>) {
    let placed = b.family.placed;
    for (item, rule, reason) in [
        (
            Item::FosteringAllowance,
            "PAY-010",
            "Paid to connected carers from the day of placement.",
        ),
        (
            Item::SpecialPayments,
            "PAY-011",
            "Paid to connected carers: one week's allowance each.",
        ),
        (
            Item::SettlingInGrant,
            "PAY-001",
            "Connected carers may apply when a child is placed.",
        ),
        (
            Item::Mileage,
            "PAY-012",
            "Connected carers may claim mileage.",
        ),
    ] {
        b.add(
            item,
            rule,
            None,
            placed.is_some(),
            if placed.is_some() {
                reason.to_owned()
            } else {
                "Starts when a child is placed with you.".to_owned()
            },
            (placed, None),
        );
    }
}

fn child_items(b: &mut Builder<'_>, child: &FamilyChild) {
    let f = b.family;
    let on = b.on;
    let t = f.family_type;
    if t == FamilyType::Adoptive {
        adoption_assessment(b, child);
    }
    if t.offers().contains(&Offer::Fostering) {
        b.add(
            Item::SocialWorkerAndIro,
            "PASS-006",
            Some(child),
            true,
            format!("{} remains looked after.", child.name),
            (f.placed, last_before_18(child)),
        );
        let sixteen = add_months(child.date_of_birth, 16 * 12);
        b.add(
            Item::PathwayPlan,
            "PASS-006",
            Some(child),
            on >= sixteen,
            if on >= sixteen {
                format!("{} is 16 or over.", child.name)
            } else {
                format!("Starts on {}'s 16th birthday.", child.name)
            },
            (Some(sixteen), None),
        );
        b.add(
            Item::CamhsConsultation,
            "PASS-006",
            Some(child),
            true,
            "Part of the Fostering Permanence Offer.".into(),
            (f.placed, None),
        );
    }
    let approver = if t == FamilyType::Adoptive {
        "the Permanence Panel or a designated manager"
    } else {
        "a designated manager"
    };
    b.add(
        Item::TherapeuticFund,
        "PAY-018",
        Some(child),
        true,
        format!("For an assessed need, approved by {approver}; the year runs from 1 April."),
        (f.placed.or(f.order_made), None),
    );
    asf(b, child);
}

fn last_before_18(child: &FamilyChild) -> Option<NaiveDate> {
    Some(last_day_before_birthday(child, 18))
}

/// PASS-003 with ASSESS-002, -003 and -005: the Leicestershire adoption
/// offer, including the statutory assessment, is for adopted children aged
/// 0-17 for whom this council is responsible.
fn adoption_assessment(b: &mut Builder<'_>, child: &FamilyChild) {
    let f = b.family;
    let on = b.on;
    let ends = last_day_before_birthday(child, 18);
    let Some(order) = f.order_made else {
        let ours = is_council(&f.placing_authority);
        b.add(
            Item::AdoptionSupportAssessment,
            "PASS-003",
            Some(child),
            ours,
            if ours {
                "Before the adoption order the council that placed the child supports you.".into()
            } else {
                format!(
                    "Before the adoption order {} supports you.",
                    f.placing_authority
                )
            },
            (f.placed, Some(ends)),
        );
        return;
    };
    let r = responsible_authority(f, order, on);
    let switch = r.placing_until.succ_opt().unwrap_or(r.placing_until);
    let (eligible, rule, reason, starts) = if on > ends {
        (
            false,
            "PASS-003",
            format!(
                "{} is 18 or over: adopted adults' services and the Adoption Support Fund's own age limits apply instead.",
                child.name
            ),
            None,
        )
    } else if is_council(&r.authority) {
        let why = if on <= r.placing_until {
            format!(
                "This council placed {} and is responsible for three years after the order, wherever you live.",
                child.name
            )
        } else {
            "Three years have passed since the order and you live in Leicestershire.".into()
        };
        (true, r.rule, why, Some(order))
    } else if on <= r.placing_until {
        (
            false,
            "ASSESS-005",
            format!(
                "{} placed {} and is responsible until {}; ask them for support. This council is responsible from {} if you still live in Leicestershire.",
                r.authority,
                child.name,
                r.placing_until.format("%-d %B %Y"),
                switch.format("%-d %B %Y"),
            ),
            Some(switch),
        )
    } else {
        (
            false,
            "ASSESS-003",
            format!(
                "Three years have passed since the order, so {} where you live is responsible.",
                r.authority
            ),
            None,
        )
    };
    b.add(
        Item::AdoptionSupportAssessment,
        rule,
        Some(child),
        eligible,
        reason,
        (starts, Some(ends)),
    );
}

/// PAY-022 and PAY-023: the Adoption Support Fund, for children living in
/// England adopted from care or from overseas, or under a special
/// guardianship order after being looked after; up to 21, or 25 with an
/// education, health and care plan.
fn asf(b: &mut Builder<'_>, child: &FamilyChild) {
    let f = b.family;
    let limit = if child.ehc_plan { 26 } else { 22 };
    let ends = last_day_before_birthday(child, limit);
    let age_note = if child.ehc_plan {
        "up to 25 with an education, health and care plan"
    } else {
        "up to the age of 21"
    };
    let (eligible, reason) = match f.family_type {
        _ if !f.lives_in_england => (false, "Only for children living in England.".to_owned()),
        FamilyType::Adoptive if child.previously_looked_after || child.adopted_from_overseas => (
            true,
            format!(
                "{} was adopted {}; {age_note}.",
                child.name,
                if child.adopted_from_overseas {
                    "from overseas"
                } else {
                    "from care"
                }
            ),
        ),
        FamilyType::SpecialGuardianship if child.previously_looked_after => (
            true,
            format!(
                "{} was looked after before the special guardianship order; {age_note}.",
                child.name
            ),
        ),
        FamilyType::ChildArrangementsOrder | FamilyType::ResidenceOrder
            if child.previously_looked_after =>
        {
            (
                false,
                "To be confirmed by a manager: the fund names adoption and special guardianship."
                    .to_owned(),
            )
        }
        FamilyType::ConnectedPersonFoster | FamilyType::LongTermFoster => (
            false,
            "For adopted children and children under special guardianship orders, not for children who remain looked after.".to_owned(),
        ),
        _ => (
            false,
            format!(
                "Only for children adopted from care or overseas, or who were looked after before the order; {} was not.",
                child.name
            ),
        ),
    };
    let rule = if b.on > ends { "PAY-023" } else { "PAY-022" };
    let reason = if b.on > ends && eligible {
        format!("{} is past the age limit ({age_note}).", child.name)
    } else {
        reason
    };
    b.add(
        Item::AdoptionSupportFund,
        rule,
        Some(child),
        eligible,
        reason,
        (None, Some(ends)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn child(dob: &str) -> FamilyChild {
        FamilyChild {
            child_id: "C1".into(),
            name: "Sam".into(),
            date_of_birth: d(dob),
            previously_looked_after: true,
            adopted_from_overseas: false,
            ehc_plan: false,
        }
    }

    fn family(t: FamilyType, order: &str, placing: &str) -> Family {
        Family {
            family_type: t,
            placed: Some(d(order) - chrono::Days::new(200)),
            order_made: Some(d(order)),
            placing_authority: placing.into(),
            council_was_party: true,
            lives_in: Some(COUNTY.into()),
            lives_in_england: true,
            financial_support_decided: None,
            children: vec![child("2013-01-01")],
        }
    }

    fn find(list: &[Entitlement], item: Item) -> &Entitlement {
        list.iter().find(|e| e.item == item).unwrap()
    }

    #[test]
    fn assess_005_another_authority_placed_less_than_three_years_ago() {
        let f = family(FamilyType::Adoptive, "2024-04-04", "Leicester City Council");
        let e = entitlements(&f, d("2025-08-01"));
        let a = find(&e, Item::AdoptionSupportAssessment);
        assert!(!a.eligible);
        assert_eq!(a.rule, "ASSESS-005");
        assert_eq!(a.starts, Some(d("2027-04-04")));
        assert!(a.reason.contains("until 3 April 2027"), "{}", a.reason);
    }

    #[test]
    fn pay_023_the_fund_ends_at_22_or_26_with_a_plan() {
        let mut f = family(FamilyType::Adoptive, "2010-01-01", COUNCIL);
        f.children = vec![child("2004-05-01")];
        let on = |s| entitlements(&f, d(s));
        assert!(find(&on("2026-04-30"), Item::AdoptionSupportFund).eligible);
        assert!(!find(&on("2026-05-01"), Item::AdoptionSupportFund).eligible);
        f.children[0].ehc_plan = true;
        let e = entitlements(&f, d("2030-04-30"));
        assert!(find(&e, Item::AdoptionSupportFund).eligible);
        assert_eq!(
            find(&e, Item::AdoptionSupportFund).ends,
            Some(d("2030-04-30"))
        );
    }
}
