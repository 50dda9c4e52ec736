//! The DfE's validation rules, in files named for what they check, and the
//! helpers several of them share. Each rule is a `Rule` with its code,
//! message, years and check, and has tests named after its code with a
//! passing and a failing case.

mod adoption_details;
mod ages;
mod agrees_with_header;
mod care_leavers;
mod category_of_need;
mod child_details;
mod codes;
mod deprivation_of_liberty;
mod episode_dates;
mod episodes_and_children;
mod health_and_offending;
mod leaving_care;
mod legal_status;
mod missing;
mod mothers;
mod new_episodes;
mod ofsted_registration;
mod placed_for_adoption;
pub(crate) mod placement;
mod placement_changes;
mod placement_location;
mod placement_orders;
mod placement_providers;
mod placement_types;
mod previous_permanence;
mod reporting;
mod reviews;
mod social_workers;
#[cfg(test)]
mod test_rows;
mod uasc;
mod urns;

use crate::validate::Rule;

/// Every group of rules.
pub(crate) static ALL: &[&[Rule]] = &[
    adoption_details::RULES,
    agrees_with_header::RULES,
    care_leavers::RULES,
    category_of_need::RULES,
    child_details::RULES,
    episode_dates::RULES,
    health_and_offending::RULES,
    leaving_care::RULES,
    legal_status::RULES,
    missing::RULES,
    mothers::RULES,
    new_episodes::RULES,
    ofsted_registration::RULES,
    placed_for_adoption::RULES,
    placement_changes::RULES,
    placement_location::RULES,
    placement_orders::RULES,
    placement_providers::RULES,
    placement_types::RULES,
    previous_permanence::RULES,
    reviews::RULES,
    social_workers::RULES,
    uasc::RULES,
    urns::RULES,
    deprivation_of_liberty::RULES,
];
