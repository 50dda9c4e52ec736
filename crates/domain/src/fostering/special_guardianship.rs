//! Special guardianship (and child arrangements order) support on the
//! household's role (WF-SG): the order and the child it names, the support
//! plan that goes with it (reviewed by the SGO panel first, SG-005), the
//! support offered (SG-001, SG-007), and SG-004: the case is not closed
//! without the plan, and an order still without one is a line on the
//! worklist against the household, due 3 months after the order.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::access::User;
use crate::calendar::add_months;
use crate::deadlines::Standing;
use crate::households::household::{Household, LinkKind};
use crate::households::lifecycle::{HouseholdRole, RoleKind};
use crate::permanence::workflow::Refusal;

/// What the support offer holds (SG-001, SG-007, SG-008).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SgService {
    Advice,
    NewslettersAndEvents,
    TherapeuticSupport,
    Training,
    SupportGroup,
}

impl SgService {
    pub const ALL: [SgService; 5] = [
        SgService::Advice,
        SgService::NewslettersAndEvents,
        SgService::TherapeuticSupport,
        SgService::Training,
        SgService::SupportGroup,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SgService::Advice => "advice",
            SgService::NewslettersAndEvents => "newsletters_events",
            SgService::TherapeuticSupport => "therapeutic",
            SgService::Training => "training",
            SgService::SupportGroup => "support_group",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SgService::Advice => "Advice and the six-monthly calls",
            SgService::NewslettersAndEvents => "Newsletters and events",
            SgService::TherapeuticSupport => "Therapeutic support (ASGSF)",
            SgService::Training => "Training for special guardians",
            SgService::SupportGroup => "Kinship support group",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The support plan with the order (SG-004, SG-005).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SgSupportPlan {
    pub agreed: NaiveDate,
    pub panel_reviewed: NaiveDate,
    /// The child's and the carers' needs now and later.
    pub needs: String,
    /// How future issues will be addressed.
    pub future_plan: String,
}

/// Support offered on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SgOffer {
    pub on: NaiveDate,
    pub services: Vec<SgService>,
}

/// TRAIN-011: how a carer asked to join Special Guardianship Orders News
/// (sign-up is on request, by emailing sgosupport@leics.gov.uk).
pub const NEWS_CHANNELS: &[(&str, &str)] = &[
    ("email_request", "Email request to sgosupport@leics.gov.uk"),
    ("phone_request", "Telephone request"),
];

/// TRAIN-011: the carer's subscription to Special Guardianship Orders News.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsSignUp {
    pub on: NaiveDate,
    /// A code of [`NEWS_CHANNELS`].
    pub channel: String,
}

/// KIN-016: the orders means-tested financial support is paid under.
pub const SUPPORT_ORDERS: &[(&str, &str)] = &[
    ("sgo", "Special Guardianship Order"),
    ("cao", "Child Arrangements Order"),
    ("ro", "Residence Order"),
];

/// KIN-016: means-tested financial support paid to an order holder for the
/// child under the order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinancialSupport {
    /// The date it was agreed.
    pub on: NaiveDate,
    /// A code of [`SUPPORT_ORDERS`].
    pub order_type: String,
    /// The date of the means test it follows.
    pub means_tested: NaiveDate,
    /// The weekly amount, in pence.
    pub weekly_pence: i64,
}

/// What a special guardian's role holds beyond its lifecycle.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SgRecord {
    pub child: String,
    pub order: Option<NaiveDate>,
    pub plan: Option<SgSupportPlan>,
    pub offers: Vec<SgOffer>,
    /// TRAIN-011: Special Guardianship Orders News, from the carer's request.
    #[serde(default)]
    pub news: Option<NewsSignUp>,
    /// KIN-016: means-tested financial support under the order.
    #[serde(default)]
    pub financial: Vec<FinancialSupport>,
}

impl SgRecord {
    /// SG-001: whether the order's three-year support window is open on `on`.
    pub fn in_support_window(&self, on: NaiveDate) -> bool {
        self.order
            .is_some_and(|o| on >= o && on < add_months(o, 36))
    }
}

/// What a person records on a special guardian's role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SgEntry {
    Order {
        child: String,
        on: NaiveDate,
    },
    SupportPlan {
        on: NaiveDate,
        panel_reviewed: Option<NaiveDate>,
        needs: String,
        future_plan: String,
    },
    Offer {
        on: NaiveDate,
        services: Vec<SgService>,
    },
    /// TRAIN-011: the carer asked to be sent Special Guardianship Orders News.
    NewsSignUp {
        on: NaiveDate,
        channel: String,
    },
    /// KIN-016: means-tested financial support under the order.
    FinancialSupport {
        on: NaiveDate,
        order_type: String,
        means_tested: Option<NaiveDate>,
        weekly_pence: Option<i64>,
    },
}

fn refuse(why: impl Into<String>) -> Refusal {
    Refusal::NotNow(why.into())
}

/// SG-007: whether the household's address is known and outside the
/// county (a postcode outside the LE area, as the passport reads it).
fn lives_outside_county(h: &Household) -> bool {
    h.addresses
        .last()
        .is_some_and(|a| !a.postcode.trim().to_uppercase().starts_with("LE"))
}

fn is_order_holder(kind: RoleKind) -> bool {
    matches!(
        kind,
        RoleKind::SpecialGuardian | RoleKind::ChildArrangementsOrderHolder
    )
}

/// Whether a step of an order holder's role is taken only with its details.
pub(crate) fn needs_details(kind: RoleKind, step: &str) -> bool {
    is_order_holder(kind)
        && matches!(
            step,
            "record_order"
                | "support_plan"
                | "offer_support"
                | "sign_up_news"
                | "financial_support"
        )
}

/// SG-004: a special guardian's case is not closed without its support
/// plan (the step is refused with why).
pub fn closure_refused(role: &HouseholdRole, step: &str) -> Option<Refusal> {
    let planned = role
        .special_guardianship
        .as_ref()
        .is_some_and(|s| s.plan.is_some());
    (is_order_holder(role.kind) && step == "close" && !planned).then(|| {
        refuse("record the support plan and how future issues will be addressed before closing the case (SG-004)")
    })
}

/// Records `entry` on the household's order-holder role `role_id` as
/// `user` on `today`; returns the role's state.
pub fn record_sg(
    h: &mut Household,
    role_id: &str,
    user: &User,
    entry: SgEntry,
    today: NaiveDate,
) -> Result<String, Refusal> {
    let (date, step) = match &entry {
        SgEntry::Order { on, .. } => (*on, "record_order"),
        SgEntry::SupportPlan { on, .. } => (*on, "support_plan"),
        SgEntry::Offer { on, .. } => (*on, "offer_support"),
        SgEntry::NewsSignUp { on, .. } => (*on, "sign_up_news"),
        SgEntry::FinancialSupport { on, .. } => (*on, "financial_support"),
    };
    if date > today {
        return Err(refuse("the date cannot be in the future"));
    }
    let outside = lives_outside_county(h);
    let role = h.role_mut(role_id).map_err(|e| refuse(e.to_string()))?;
    if !is_order_holder(role.kind) {
        return Err(refuse(
            "this role is not a special guardian's or order holder's",
        ));
    }
    let mut record = role.special_guardianship.clone().unwrap_or_default();
    match &entry {
        SgEntry::Order { child, .. } => {
            if child.trim().is_empty() {
                return Err(refuse("enter the child the order names (their identifier)"));
            }
            if record.order.is_some() {
                return Err(refuse("the order is recorded already"));
            }
        }
        SgEntry::SupportPlan {
            panel_reviewed,
            needs,
            future_plan,
            ..
        } => {
            if record.order.is_none() {
                return Err(refuse("record the order before its support plan"));
            }
            // SG-005: the SGO panel reviews the plan before it is final.
            if panel_reviewed.is_none_or(|p| p > date) {
                return Err(refuse(
                    "enter the date the SGO panel reviewed the plan, on or before the date it was agreed",
                ));
            }
            if needs.trim().is_empty() {
                return Err(refuse("enter the child's and the carers' future needs"));
            }
            if future_plan.trim().is_empty() {
                return Err(refuse("enter how future issues will be addressed"));
            }
        }
        SgEntry::NewsSignUp { channel, .. } => {
            if !NEWS_CHANNELS.iter().any(|(c, _)| c == channel) {
                return Err(refuse("choose how the carer asked for the newsletter"));
            }
            if record.news.is_some() {
                return Err(refuse(
                    "the carer is signed up to Special Guardianship Orders News already",
                ));
            }
        }
        SgEntry::FinancialSupport {
            on,
            order_type,
            means_tested,
            weekly_pence,
        } => {
            if record.order.is_none() {
                return Err(refuse(
                    "record the order before its financial support (KIN-016)",
                ));
            }
            let allowed: &[&str] = if role.kind == RoleKind::SpecialGuardian {
                &["sgo"]
            } else {
                &["cao", "ro"]
            };
            if !allowed.contains(&order_type.as_str()) {
                return Err(refuse(
                    "choose the order the support is paid under: a special guardian's is a Special Guardianship Order, an order holder's a Child Arrangements or Residence Order (KIN-016)",
                ));
            }
            if means_tested.is_none_or(|m| m > *on) {
                return Err(refuse(
                    "enter the date of the means test, on or before the date the support was agreed (KIN-016)",
                ));
            }
            if weekly_pence.is_none_or(|p| p <= 0) {
                return Err(refuse(
                    "enter the weekly amount in pounds, more than £0 (KIN-016)",
                ));
            }
        }
        SgEntry::Offer { services, .. } => {
            if services.is_empty() {
                return Err(refuse("choose at least one service offered"));
            }
            if services.contains(&SgService::TherapeuticSupport) && outside {
                return Err(refuse(
                    "therapeutic support through the ASGSF is for children living permanently in Leicestershire: the household's address is outside it (SG-007)",
                ));
            }
        }
    }
    // An order made before the role was opened here is recorded as it was
    // made; the step itself is taken on the role's last day.
    let step_date = match entry {
        SgEntry::Order { .. } => date.max(role.last_step),
        _ => date,
    };
    role.take(user, step, step_date)?;
    let linked = match entry {
        SgEntry::Order { child, on } => {
            record.child = child.trim().to_owned();
            record.order = Some(on);
            order_made(role, on);
            Some((record.child.clone(), on))
        }
        SgEntry::SupportPlan {
            on,
            panel_reviewed,
            needs,
            future_plan,
        } => {
            record.plan = Some(SgSupportPlan {
                agreed: on,
                panel_reviewed: panel_reviewed.unwrap_or(on),
                needs: needs.trim().to_owned(),
                future_plan: future_plan.trim().to_owned(),
            });
            None
        }
        SgEntry::Offer { on, services } => {
            record.offers.push(SgOffer { on, services });
            None
        }
        SgEntry::NewsSignUp { on, channel } => {
            record.news = Some(NewsSignUp { on, channel });
            None
        }
        SgEntry::FinancialSupport {
            on,
            order_type,
            means_tested,
            weekly_pence,
        } => {
            record.financial.push(FinancialSupport {
                on,
                order_type,
                means_tested: means_tested.unwrap_or(on),
                weekly_pence: weekly_pence.unwrap_or(0),
            });
            None
        }
    };
    role.special_guardianship = Some(record);
    let stage = role.stage.clone();
    if let Some((child, on)) = linked {
        match h.link_child(&child, LinkKind::SubjectOfOrder, on) {
            Ok(()) | Err(crate::households::household::HouseholdError::AlreadyLinked) => {}
            Err(e) => return Err(refuse(e.to_string())),
        }
    }
    Ok(stage)
}

/// SG-002 (VISIT-006, VISIT-005): a special guardianship order recorded
/// on the household's role starts the six-monthly calls and the visit
/// after the order there.
pub(crate) fn order_made(role: &mut HouseholdRole, on: NaiveDate) {
    if role.kind == RoleKind::SpecialGuardian {
        role.events.push(crate::deadlines::Event {
            date: on,
            kind: crate::deadlines::EventKind::SpecialGuardianshipOrderMade,
        });
        role.events.sort_by_key(|e| e.date);
    }
}

/// SG-004 on the worklist: an open order-holder role whose order has no
/// support plan yet, due 3 months after the order: (due, standing).
pub fn sg_004_plan_due(role: &HouseholdRole, as_of: NaiveDate) -> Option<(NaiveDate, Standing)> {
    let sg = role.special_guardianship.as_ref()?;
    if !is_order_holder(role.kind) || !role.is_open() || sg.plan.is_some() {
        return None;
    }
    let due = add_months(sg.order?, 3);
    let standing = if due < as_of {
        Standing::Overdue
    } else if (due - as_of).num_days() <= 28 {
        Standing::DueSoon
    } else {
        Standing::Upcoming
    };
    Some((due, standing))
}
