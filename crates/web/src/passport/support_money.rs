//! The money of a family's support page: a designated manager approves an
//! allocation of the therapeutic intervention fund for a child or a family
//! member (WF-THERAPY-FUND, PAY-017 … PAY-021), and the Post Adoption
//! Support service records an Adoption Support Fund award (PAY-026). Both
//! are agreed sums of the ledger that finance then pays from; they post to
//! the support page like its other forms, by name.

use app::passport::support::SupportView;
use domain::child::ChildId;
use domain::passport::entitlements::FamilyType;
use domain::passport::funds::{SupportOffer, TherapyRequest};
use domain::passport::ledger::LedgerEntry;
use domain::roles::Role;

use crate::handler::{Caller, Fields};
use crate::ui::{FieldSpec, FormSpec, Part, button_form, field, parse_pence, part, pounds, select};

/// The forms of this part.
pub(crate) const MONEY_FORMS: &[&str] = &["therapy", "asf_award"];

/// Who approves the therapeutic fund from this page: a designated manager
/// (PAY-020).
fn approves_therapy(role: Role) -> bool {
    matches!(
        role,
        Role::TeamManager | Role::ServiceManager | Role::HeadOfService
    )
}

/// Who records an Adoption Support Fund award (PAY-026).
fn records_awards(role: Role) -> bool {
    matches!(
        role,
        Role::PostOrderSupportWorker | Role::TeamManager | Role::ServiceManager
    )
}

/// The offer the family's therapeutic fund is approved under.
fn offer_of(view: &SupportView) -> SupportOffer {
    match view.family.as_ref().map(|f| f.family_type) {
        Some(FamilyType::Adoptive) => SupportOffer::Adoption,
        Some(FamilyType::LongTermFoster) => SupportOffer::Fostering,
        _ => SupportOffer::Connected,
    }
}

fn children(view: &SupportView) -> FieldSpec {
    let mut o = vec![(String::new(), "Choose".to_owned())];
    o.extend(
        view.family
            .iter()
            .flat_map(|f| &f.children)
            .map(|c| (c.child_id.clone(), format!("{} ({})", c.name, c.child_id))),
    );
    select("child", "Child", "", o)
}

fn form(view: &SupportView, name: &str, button: &str, fields: Vec<FieldSpec>) -> FormSpec {
    let id = &view.household.value.id;
    let mut f = button_form(
        name,
        &format!("/households/{id}/support"),
        button,
        vec![("form", name.to_owned())],
    );
    f.fields = fields;
    f
}

/// The part with the forms `caller` may use, if any.
pub(crate) fn money_part(view: &SupportView, caller: &Caller) -> Option<Part> {
    let role = caller.user().role;
    let mut p = part("money", "Therapeutic fund and Adoption Support Fund");
    if approves_therapy(role) {
        p.forms.push(form(
            view,
            "therapy",
            "Approve the allocation",
            vec![
                children(view),
                FieldSpec {
                    hint: Some(
                        "A family member's name if the allocation is for them; leave it empty for the child."
                            .into(),
                    ),
                    ..field("person", "Who it is for", "text", "")
                },
                field("provider", "Accredited provider chosen", "text", ""),
                field(
                    "in_house",
                    "The council provides this therapy itself",
                    "checkbox",
                    "",
                ),
                FieldSpec {
                    hint: Some("For a further allocation only, for example 3/2/2026.".into()),
                    ..field(
                        "further_recommended",
                        "Date the therapist recommended further work",
                        "date",
                        "",
                    )
                },
            ],
        ));
    }
    if records_awards(role) {
        p.forms.push(form(
            view,
            "asf_award",
            "Record the award",
            vec![
                children(view),
                FieldSpec {
                    hint: Some(
                        "The value the Fund decided, in pounds, for example 2,500.00".into(),
                    ),
                    ..field("amount", "Award", "text", "")
                },
                field("award_ref", "The Fund's reference", "text", ""),
            ],
        ));
    }
    p.rules = vec![
        (
            "PAY-018".into(),
            "£450 from the therapeutic fund per child or family member".into(),
        ),
        (
            "PAY-020".into(),
            "the Permanence Panel or a designated manager approves the fund".into(),
        ),
        (
            "PAY-026".into(),
            "an Adoption Support Fund award is kept in the Fund's own account".into(),
        ),
    ];
    (!p.forms.is_empty()).then_some(p)
}

/// Records a posted money form: the agreed sum, or what is wrong.
pub(crate) async fn post(
    caller: &Caller,
    view_offer: SupportOffer,
    form: &str,
    fields: &Fields,
) -> Result<String, app::AppError> {
    let child = ChildId::parse(&fields.get("child"))
        .map_err(|_| app::AppError::Invalid("child: choose the child".into()))?;
    let entry: LedgerEntry = if form == "therapy" {
        let person = match fields.get("person") {
            p if p.is_empty() => child.as_str().to_owned(),
            p => p,
        };
        let further_recommended = fields
            .date("further_recommended")
            .map_err(|e| app::AppError::Invalid(format!("further_recommended: {e}")))?;
        let request = TherapyRequest {
            child_id: child,
            person,
            offer: view_offer,
            provider: fields.get("provider"),
            in_house: fields.ticked("in_house"),
            further_recommended,
            panel_minute: None,
        };
        caller
            .run(move |c| {
                app::passport::funds::allocate_therapy(
                    &c.store,
                    (c.user(), c.clock(), &c.from),
                    request,
                )
            })
            .await?
    } else {
        let amount = parse_pence(&fields.get("amount"))
            .filter(|p| *p > 0)
            .ok_or_else(|| {
                app::AppError::Invalid(
                    "amount: enter the award in pounds, for example 2,500.00".into(),
                )
            })?;
        let award_ref = fields.get("award_ref");
        caller
            .run(move |c| {
                app::passport::funds::record_asf_award(
                    &c.store,
                    (c.user(), c.clock(), &c.from),
                    &child,
                    amount,
                    &award_ref,
                )
            })
            .await?
    };
    Ok(format!(
        "{} of {} was agreed for {} (entry {}). Finance can now pay from it.",
        entry.payment_type.label(),
        pounds(entry.amount_pence),
        entry.account.person,
        entry.id
    ))
}

/// The offer of the household's family, for a posted therapy form.
pub(crate) fn offer(view: &SupportView) -> SupportOffer {
    offer_of(view)
}

/// The field a refusal of `form` is shown beside: the one it names.
pub(crate) fn error_field(form: &str, message: &str) -> &'static str {
    let named = message.split_once(':').map_or("", |(f, _)| f);
    match (form, named) {
        ("therapy", "provider") => "therapy-provider",
        ("therapy", _) if message.starts_with("in-house") => "therapy-in_house",
        ("therapy", "further_recommended" | "therapist's recommendation") => {
            "therapy-further_recommended"
        }
        ("therapy", _) => "therapy-child",
        (_, "amount") => "asf_award-amount",
        _ => "asf_award-child",
    }
}
