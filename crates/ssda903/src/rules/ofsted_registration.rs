//! Placements against Ofsted's lists of registered providers.

use crate::Table;
use crate::ofsted::{Listing, each_placement};
use crate::rules::codes::one_of_any_case;
use crate::rules::episodes_and_children::authority_of;
use crate::validate::Context;
use crate::validate::Findings;
use crate::validate::Needs;
use crate::validate::Rule;
use crate::validate::blank;
use crate::validate::date;
use crate::years::Years;

/// Rule 229: an episode with a URN (not `XXXXXXX`), of a placement type
/// other than `exempt`, provided by the council itself (PR1) must be with a
/// provider in the council's area; one provided by another authority (PR2)
/// with a provider outside it. The provider's authority comes from its
/// postcode in Ofsted's lists, through the postcode directory; a URN the
/// lists do not hold, or a postcode the directory does not, has none (so a
/// PR1 placement there is reported, as the reference does).
fn provider_authority_contradicts(ctx: &Context<'_>, out: &mut Findings, exempt: &[&str]) {
    let (Some(dir), Some(providers), Some(eps)) =
        (ctx.postcodes, ctx.providers(), ctx.table(Table::Episodes))
    else {
        return;
    };
    // Whether each provider is in the council, found once per provider
    // (many episodes share one) rather than once per episode.
    let mut in_council: Vec<Option<bool>> = vec![None; providers.len()];
    for (r, listing) in ctx.listings().iter().enumerate() {
        let provider = match *listing {
            Listing::NoUrn => continue,
            Listing::Unknown => None,
            Listing::Provider(p) => Some(p as usize),
        };
        if one_of_any_case(eps.value(r, "PLACE"), exempt) {
            continue;
        }
        let here = provider.is_some_and(|p| {
            *in_council[p].get_or_insert_with(|| {
                providers
                    .at(p)
                    .postcodes
                    .iter()
                    .any(|pc| authority_of(dir, pc) == Some(ctx.la))
            })
        });
        let by = eps.value(r, "PLACE_PROVIDER");
        if (one_of_any_case(by, &["PR1"]) && !here) || (one_of_any_case(by, &["PR2"]) && here) {
            out.row(eps, r);
        }
    }
}

/// Rule 221: episodes of these placement types (short breaks aside) whose
/// placement postcode is not the setting's postcode of the URN's provider,
/// or whose URN the lists do not hold.
fn urn_not_at_placement_postcode(ctx: &Context<'_>, out: &mut Findings, places: &[&str]) {
    each_placement(ctx, out, |t, r, provider| {
        let postcode = t.value(r, "PL_POST");
        one_of_any_case(t.value(r, "PLACE"), places)
            && !one_of_any_case(t.value(r, "LS"), &["V3", "V4"])
            && !blank(postcode)
            && provider.is_none_or(|p| !p.is_at(postcode))
    })
}

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "219",
        message: "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement type recorded.",
        years: Years::ALWAYS,
        needs: Needs::OfstedProviders,
        check: |ctx, out| {
            each_placement(ctx, out, |t, r, provider| {
                provider.is_none_or(|p| !p.offers_placement(t.value(r, "PLACE")))
            })
        },
    },
    Rule {
        code: "221",
        message: "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement postcode provided.",
        years: Years::to(2023),
        needs: Needs::OfstedProviders,
        check: |ctx, out| urn_not_at_placement_postcode(ctx, out, &["H5", "K1", "K2", "R3", "S1"]),
    },
    Rule {
        code: "221",
        message: "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement postcode provided.",
        years: Years::since(2024),
        needs: Needs::OfstedProviders,
        check: |ctx, out| urn_not_at_placement_postcode(ctx, out, &["K1", "K2", "K3", "R3", "S1"]),
    },
    Rule {
        code: "224",
        message: "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement provider recorded.",
        years: Years::ALWAYS,
        needs: Needs::OfstedProviders,
        check: |ctx, out| {
            each_placement(ctx, out, |t, r, provider| {
                provider.is_none_or(|p| !p.is_provider_kind(t.value(r, "PLACE_PROVIDER")))
            })
        },
    },
    Rule {
        code: "227",
        message: "Ofsted Unique reference number (URN) is not valid for the episode start date.",
        years: Years::ALWAYS,
        needs: Needs::OfstedProviders,
        check: |ctx, out| {
            each_placement(ctx, out, |t, r, provider| {
                match (provider.and_then(|p| p.closed), date(t.value(r, "DECOM"))) {
                    (Some(closed), Some(start)) => start >= closed,
                    _ => false,
                }
            })
        },
    },
    Rule {
        code: "228",
        message: "Ofsted Unique reference number (URN) is not valid for the episode end date [NOTE: may give false positives on open episodes at providers who close during the year]",
        years: Years::ALWAYS,
        needs: Needs::OfstedProviders,
        check: |ctx, out| {
            // An open episode (or one whose end is not a date) must be at a
            // provider still open at the end of the year.
            let year_end = ctx.end();
            each_placement(ctx, out, |t, r, provider| {
                provider
                    .and_then(|p| p.closed)
                    .is_some_and(|closed| date(t.value(r, "DEC")).unwrap_or(year_end) > closed)
            })
        },
    },
    Rule {
        code: "229",
        message: "Placement provider does not match between the placing authority and the local authority code of the provider. [NOTE: The provider's LA code is inferred from the its postcode, and may be inaccurate in some cases.]",
        years: Years::to(2024),
        needs: Needs::PostcodesAndOfstedProviders,
        check: |ctx, out| provider_authority_contradicts(ctx, out, &[]),
    },
    Rule {
        // From 2025-26, placements needing no URN are left out.
        code: "229",
        message: "Placement provider does not match between the placing authority and the local authority code of the provider. [NOTE: The provider's LA code is inferred from the its postcode, and may be inaccurate in some cases.]",
        years: Years::since(2025),
        needs: Needs::PostcodesAndOfstedProviders,
        check: |ctx, out| {
            provider_authority_contradicts(
                ctx,
                out,
                &[
                    "K3", "P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z11", "Z12",
                    "Z13", "Z14",
                ],
            )
        },
    },
    Rule {
        code: "1008",
        message: "Ofsted Unique Reference Number (URN) is not valid.",
        years: Years::ALWAYS,
        needs: Needs::OfstedProviders,
        check: |ctx, out| {
            crate::ofsted::each_placement(ctx, out, |_, _, provider| provider.is_none())
        },
    },
];

#[cfg(test)]
mod tests {

    use crate::CollectionYear;
    use crate::rules::test_rows::*;
    use crate::validate::Context;
    use crate::validate::Needs;
    use crate::validate::testing::*;
    use crate::validate::validate;

    #[test]
    fn rule_219_urn_must_match_placement_type() {
        let r = ret(&[&episodes_csv(
            "C1,01/05/2024,S,C2,N1,K2,PR1,,,,,,SC1\nC2,01/05/2024,S,C2,N1,U1,PR1,,,,,,SC1\nC3,01/05/2024,S,C2,N1,K2,PR1,,,,,,SC9\nC4,01/05/2024,S,C2,N1,U1,PR1,,,,,,\nC5,01/05/2024,S,C2,N1,U1,PR1,,,,,,XXXXXXX\nC6,01/05/2024,S,C2,N1,s1,PR3,,,,,,sc2\n",
        )]);
        assert_eq!(
            failing_rows_with_providers("219", 2024, &r),
            vec![Some(1), Some(2)]
        );
        assert_not_run("219", 2024, &r, Needs::OfstedProviders);
    }

    #[test]
    fn rule_221_urn_must_match_placement_postcode() {
        let r = ret(&[&episodes_csv(
            "C1,01/05/2024,S,C2,N1,K2,PR1,,,,,ct1 1aa,SC1\nC2,01/05/2024,S,C2,N1,K2,PR1,,,,,CT9 9ZZ,SC1\nC3,01/05/2024,S,V3,N1,K2,PR1,,,,,CT9 9ZZ,SC1\nC4,01/05/2024,S,C2,N1,U1,PR1,,,,,CT9 9ZZ,SC1\nC5,01/05/2024,S,C2,N1,K2,PR1,,,,,,SC1\nC6,01/05/2024,S,C2,N1,K2,PR1,,,,,CT1 1AA,SC9\nC7,01/05/2024,S,C2,N1,H5,PR1,,,,,CT9 9ZZ,SC1\n",
        )]);
        assert_eq!(
            failing_rows_with_providers("221", 2024, &r),
            vec![Some(1), Some(5)]
        );
        // In 2023-24 the rule covered H5 and not K3.
        assert_eq!(
            failing_rows_with_providers("221", 2023, &r),
            vec![Some(1), Some(5), Some(6)]
        );
        assert_not_run("221", 2024, &r, Needs::OfstedProviders);
    }

    #[test]
    fn rule_224_urn_must_match_placement_provider() {
        let r = ret(&[&episodes_csv(
            "C1,01/05/2024,S,C2,N1,K2,PR1,,,,,,SC1\nC2,01/05/2024,S,C2,N1,K2,PR3,,,,,,SC1\nC3,01/05/2024,S,C2,N1,K2,PR3,,,,,,SC2\nC4,01/05/2024,S,C2,N1,K2,PR1,,,,,,SC9\nC5,01/05/2024,S,C2,N1,K2,PR1,,,,,,\n",
        )]);
        assert_eq!(
            failing_rows_with_providers("224", 2024, &r),
            vec![Some(1), Some(3)]
        );
        assert_not_run("224", 2024, &r, Needs::OfstedProviders);
    }

    #[test]
    fn rule_227_urn_must_be_open_when_the_episode_starts() {
        // SC2 closed on 31/12/2024.
        let r = ret(&[&episodes_csv(
            "C1,30/12/2024,S,C2,N1,K2,PR3,,,,,,SC2\nC2,31/12/2024,S,C2,N1,K2,PR3,,,,,,SC2\nC3,01/01/2025,S,C2,N1,K2,PR1,,,,,,SC1\nC4,01/01/2025,S,C2,N1,K2,PR1,,,,,,SC9\n",
        )]);
        assert_eq!(failing_rows_with_providers("227", 2024, &r), vec![Some(1)]);
        assert_not_run("227", 2024, &r, Needs::OfstedProviders);
    }

    #[test]
    fn rule_228_urn_must_be_open_when_the_episode_ends() {
        // SC2 closed on 31/12/2024; an open episode must be at a provider
        // open on 31 March.
        let r = ret(&[&episodes_csv(
            "C1,01/05/2024,S,C2,N1,K2,PR3,31/12/2024,E11,,,,SC2\nC2,01/05/2024,S,C2,N1,K2,PR3,01/01/2025,E11,,,,SC2\nC3,01/05/2024,S,C2,N1,K2,PR3,,,,,,SC2\nC4,01/05/2024,S,C2,N1,K2,PR1,,,,,,SC1\n",
        )]);
        assert_eq!(
            failing_rows_with_providers("228", 2024, &r),
            vec![Some(1), Some(2)]
        );
        assert_not_run("228", 2024, &r, Needs::OfstedProviders);
    }

    #[test]
    fn rule_229_provider_authority_agrees_with_who_provides() {
        // Not run with the lists alone.
        let r = ret(&[&episodes_csv("C1,01/05/2024,S,C2,N1,K2,PR1,,,,,,SC2\n")]);
        let providers = providers();
        let ctx = Context::new(&r, None, CollectionYear::starting(2024), "E10000018")
            .with_providers(&providers);
        assert!(validate(&ctx).not_run.iter().any(|(c, _)| *c == "229"));
        assert_not_run("229", 2024, &r, Needs::PostcodesAndOfstedProviders);
        // The council's own provision (PR1) at SC7 in its area passes, at
        // SC8 in Leicester or SC9 (unknown authority) or an unknown URN
        // fails; another authority's (PR2) fails at SC7 only; XXXXXXX and
        // blank URNs are not looked at; K3 is exempt from 2025-26.
        let rows = |y: i32| {
            ret(&[&episodes_csv(&format!(
                "C1,01/05/{y},S,C2,N1,K2,PR1,,,,LE1 1FZ,LE3 8RA,SC7\n\
                 C2,01/05/{y},S,C2,N1,K2,PR1,,,,LE1 1FZ,LE3 8RA,SC8\n\
                 C3,01/05/{y},S,C2,N1,K2,PR1,,,,LE1 1FZ,LE3 8RA,SC9\n\
                 C4,01/05/{y},S,C2,N1,K2,PR1,,,,LE1 1FZ,LE3 8RA,SC404\n\
                 C5,01/05/{y},S,C2,N1,K2,PR2,,,,LE1 1FZ,LE3 8RA,SC7\n\
                 C6,01/05/{y},S,C2,N1,K2,PR2,,,,LE1 1FZ,LE3 8RA,SC8\n\
                 C7,01/05/{y},S,C2,N1,K2,PR1,,,,LE1 1FZ,LE3 8RA,XXXXXXX\n\
                 C8,01/05/{y},S,C2,N1,K3,PR1,,,,LE1 1FZ,LE3 8RA,SC8\n"
            ))])
        };
        for year in [2023, 2024] {
            assert_eq!(
                failing_rows_with_both("229", year, &rows(year)),
                vec![Some(1), Some(2), Some(3), Some(4), Some(7)]
            );
        }
        assert_eq!(
            failing_rows_with_both("229", 2025, &rows(2025)),
            vec![Some(1), Some(2), Some(3), Some(4)]
        );
    }

    #[test]
    fn rule_1008_urn_must_be_on_ofsteds_lists() {
        let r = ret(&[&format!(
            "{EPISODES}\nA,01/01/2024,S,C2,N1,K2,PR1,,,,,,SC1\nB,01/01/2024,S,C2,N1,K2,PR1,,,,,,SC9\nC,01/01/2024,S,C2,N1,A3,PR1,,,,,,XXXXXXX\nD,01/01/2024,S,C2,N1,U1,PR1,,,,,,\nE,01/01/2024,S,C2,N1,K2,PR1,,,,,, sc1\n"
        )]);
        assert_eq!(failing_rows_with_providers("1008", 2024, &r), vec![Some(1)]);
        // Without the lists it is not run (and so reports nothing).
        assert_eq!(failing_rows("1008", &r, None), vec![]);
        let ctx = crate::validate::Context::new(
            &r,
            None,
            crate::CollectionYear::starting(2024),
            "E10000018",
        );
        assert!(
            crate::validate::validate(&ctx)
                .not_run
                .iter()
                .any(|(c, _)| *c == "1008")
        );
    }
}
