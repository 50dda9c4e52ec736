//! Matching (issue 19, item 5): for a child or a sibling group, the
//! approved adopters ranked by how their terms of approval fit, each with
//! the reasons for its place and what does not fit. Deterministic: the
//! same children and adopters always give the same list, ties broken by
//! how long the adopters have waited and then by their identifier.

use chrono::NaiveDate;

use super::adopters::{ApprovalTerms, Need};

/// A child to be matched: their age in whole years and their needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildToMatch {
    pub id: String,
    pub age: u8,
    pub needs: Vec<Need>,
}

/// Approved adopters as matching sees them: their role, the terms of their
/// approval and the day they were approved (how long they have waited).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingAdopters {
    pub role_id: String,
    pub approved: NaiveDate,
    pub terms: ApprovalTerms,
}

/// One adopter's place in the list: what fits and what does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fit {
    pub role_id: String,
    pub fits: Vec<String>,
    pub misfits: Vec<String>,
    /// How many years the approved age range is wider than the children's
    /// ages need (a closer range ranks first).
    pub spare_years: u8,
    pub approved: NaiveDate,
}

impl Fit {
    /// Whether nothing about the adopters' approval stands against the match.
    pub fn is_full(&self) -> bool {
        self.misfits.is_empty()
    }
}

/// How the adopters' terms fit the children: the reasons and the misfits.
pub fn fit(children: &[ChildToMatch], adopters: &WaitingAdopters) -> Fit {
    let t = &adopters.terms;
    let mut fits = Vec::new();
    let mut misfits = Vec::new();
    let youngest = children.iter().map(|c| c.age).min().unwrap_or(0);
    let oldest = children.iter().map(|c| c.age).max().unwrap_or(0);
    if youngest >= t.youngest && oldest <= t.oldest {
        fits.push(format!("ages within {} to {}", t.youngest, t.oldest));
    } else {
        for c in children
            .iter()
            .filter(|c| c.age < t.youngest || c.age > t.oldest)
        {
            misfits.push(format!(
                "{} is {}, outside the approved ages {} to {}",
                c.id, c.age, t.youngest, t.oldest
            ));
        }
    }
    let n = children.len();
    if n > usize::from(t.children) {
        misfits.push(format!(
            "approved for {} {}, not {n}",
            t.children,
            if t.children == 1 { "child" } else { "children" }
        ));
    } else if n > 1 && !t.siblings {
        misfits.push("not approved for a sibling group".into());
    } else if n > 1 {
        fits.push(format!(
            "approved for a sibling group of up to {}",
            t.children
        ));
    } else {
        fits.push("approved for one child or more".into());
    }
    let mut needs: Vec<Need> = children
        .iter()
        .flat_map(|c| c.needs.iter().copied())
        .collect();
    needs.sort();
    needs.dedup();
    for need in needs {
        if t.needs.contains(&need) {
            fits.push(format!("can meet {}", need.label().to_lowercase()));
        } else {
            misfits.push(format!(
                "not approved to meet {}",
                need.label().to_lowercase()
            ));
        }
    }
    let spare_years = (t.oldest - t.youngest).saturating_sub(oldest.saturating_sub(youngest));
    Fit {
        role_id: adopters.role_id.clone(),
        fits,
        misfits,
        spare_years,
        approved: adopters.approved,
    }
}

/// Every waiting adopter ranked for the children: fewest misfits first,
/// then the closest age range, then the longest waiting, then by identifier.
pub fn rank(children: &[ChildToMatch], adopters: &[WaitingAdopters]) -> Vec<Fit> {
    let mut out: Vec<Fit> = adopters.iter().map(|a| fit(children, a)).collect();
    out.sort_by(|a, b| {
        (a.misfits.len(), a.spare_years, a.approved, &a.role_id).cmp(&(
            b.misfits.len(),
            b.spare_years,
            b.approved,
            &b.role_id,
        ))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adopters(
        id: &str,
        ages: (u8, u8),
        n: u8,
        needs: Vec<Need>,
        approved: &str,
    ) -> WaitingAdopters {
        WaitingAdopters {
            role_id: id.into(),
            approved: approved.parse().unwrap(),
            terms: ApprovalTerms::new(ages, n, n > 1, needs).unwrap(),
        }
    }

    #[test]
    fn a_sibling_pair_ranks_the_adopters_who_fit_first_with_reasons_and_misfits() {
        let pair = [
            ChildToMatch {
                id: "C1".into(),
                age: 2,
                needs: vec![],
            },
            ChildToMatch {
                id: "C2".into(),
                age: 4,
                needs: vec![Need::Health],
            },
        ];
        let list = rank(
            &pair,
            &[
                adopters("A", (0, 4), 1, vec![Need::Health], "2025-01-01"),
                adopters("B", (0, 8), 2, vec![Need::Health], "2025-03-01"),
                adopters("C", (2, 5), 2, vec![Need::Health], "2025-06-01"),
                adopters("D", (2, 5), 2, vec![Need::Health], "2025-02-01"),
            ],
        );
        let order: Vec<_> = list.iter().map(|f| f.role_id.as_str()).collect();
        assert_eq!(order, ["D", "C", "B", "A"]);
        assert!(list[0].is_full());
        assert_eq!(
            list[0].fits,
            [
                "ages within 2 to 5",
                "approved for a sibling group of up to 2",
                "can meet health needs"
            ]
        );
        assert_eq!(list[3].misfits, ["approved for 1 child, not 2"]);
    }
}
