//! Matching (issue 19, item 5): for a child or a sibling group, the
//! approved adopters ranked by how their terms of approval fit, each with
//! the reasons for its place and what does not fit; and the reverse, the
//! children waiting ranked for one adopter. Deterministic: the same
//! children and adopters always give the same list, ties broken by how
//! long the adopters have waited and then by their identifier.
//!
//! Ranking is on a number (misfits, spare years, approval date, place in
//! the pool) computed without writing anything; the reasons, as text, are
//! written only for the places a page shows. That keeps a whole council's
//! ranking (1,000 children against 2,000 adopters) within milliseconds.

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

fn mask(needs: &[Need]) -> u8 {
    needs.iter().fold(0, |m, n| {
        m | 1 << Need::ALL.iter().position(|a| a == n).unwrap_or(0)
    })
}

/// A group of children as numbers: their ages, how many, and the needs of
/// any of them.
#[derive(Debug, Clone)]
struct Group {
    ages: Vec<u8>,
    youngest: u8,
    oldest: u8,
    needs: u8,
}

impl Group {
    fn of(children: &[ChildToMatch]) -> Group {
        let ages: Vec<u8> = children.iter().map(|c| c.age).collect();
        Group {
            youngest: ages.iter().copied().min().unwrap_or(0),
            oldest: ages.iter().copied().max().unwrap_or(0),
            needs: children.iter().fold(0, |m, c| m | mask(&c.needs)),
            ages,
        }
    }
}

/// Terms of approval as numbers.
#[derive(Debug, Clone, Copy)]
struct Terms {
    youngest: u8,
    oldest: u8,
    children: u8,
    siblings: bool,
    needs: u8,
}

impl Terms {
    fn of(t: &ApprovalTerms) -> Terms {
        Terms {
            youngest: t.youngest,
            oldest: t.oldest,
            children: t.children,
            siblings: t.siblings,
            needs: mask(&t.needs),
        }
    }
}

/// The first two parts of a place: how many things stand against the
/// match (each child outside the ages, too many children or a sibling
/// group not approved for, each need not approved to meet) and how many
/// years the approved range is wider than the children need.
fn score(g: &Group, t: &Terms) -> (u64, u64) {
    let mut misfits = g
        .ages
        .iter()
        .filter(|&&a| a < t.youngest || a > t.oldest)
        .count() as u64;
    let n = g.ages.len();
    if n > usize::from(t.children) || (n > 1 && !t.siblings) {
        misfits += 1;
    }
    misfits += u64::from((g.needs & !t.needs).count_ones());
    let spare = (t.oldest - t.youngest).saturating_sub(g.oldest.saturating_sub(g.youngest));
    (misfits, u64::from(spare))
}

/// A place as one number, smaller first: misfits, spare years, the
/// approval day, then the place in the pool (which is identifier order).
fn key((misfits, spare): (u64, u64), day: u64, index: usize) -> u64 {
    misfits.min(255) << 56 | spare << 48 | (day & 0xFF_FFFF) << 24 | index as u64
}

/// The `limit` smallest keys, in order.
fn best(mut keys: Vec<u64>, limit: usize) -> Vec<u64> {
    if keys.len() > limit {
        keys.select_nth_unstable(limit);
        keys.truncate(limit);
    }
    keys.sort_unstable();
    keys
}

/// A ranking: how many were ranked, how many fit on every count, and the
/// best places with their reasons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranking<T> {
    pub ranked: usize,
    pub full: usize,
    pub shown: Vec<T>,
}

/// The approved adopters waiting, ready to be ranked for many groups of
/// children (in identifier order, their terms as numbers).
#[derive(Debug, Clone)]
pub struct Pool<'a> {
    adopters: Vec<&'a WaitingAdopters>,
    terms: Vec<Terms>,
    days: Vec<u64>,
}

impl<'a> Pool<'a> {
    /// The pool of `adopters`.
    pub fn new(adopters: &'a [WaitingAdopters]) -> Pool<'a> {
        let mut sorted: Vec<&WaitingAdopters> = adopters.iter().collect();
        sorted.sort_by(|a, b| a.role_id.cmp(&b.role_id));
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
        Pool {
            terms: sorted.iter().map(|a| Terms::of(&a.terms)).collect(),
            days: sorted
                .iter()
                .map(|a| (a.approved - epoch).num_days().clamp(0, 0xFF_FFFF) as u64)
                .collect(),
            adopters: sorted,
        }
    }

    /// The adopters ranked for the children: fewest misfits first, then the
    /// closest age range, then the longest waiting, then by identifier;
    /// the first `limit` with their reasons.
    pub fn rank(&self, children: &[ChildToMatch], limit: usize) -> Ranking<Fit> {
        let g = Group::of(children);
        let keys: Vec<u64> = self
            .terms
            .iter()
            .zip(&self.days)
            .enumerate()
            .map(|(i, (t, &day))| key(score(&g, t), day, i))
            .collect();
        let full = keys.iter().filter(|&&k| k >> 56 == 0).count();
        let ranked = keys.len();
        let shown = best(keys, limit)
            .into_iter()
            .map(|k| fit(children, self.adopters[(k & 0xFF_FFFF) as usize]))
            .collect();
        Ranking {
            ranked,
            full,
            shown,
        }
    }
}

/// A group of children waiting, as the reverse match ranks them for one
/// adopter: each group's fit, with the children it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupFit {
    pub children: Vec<ChildToMatch>,
    pub fit: Fit,
}

/// The reverse match: the groups of children waiting ranked for one
/// adopter, fewest misfits first, then the closest age range, then by the
/// first child's identifier; the first `limit` with their reasons.
pub fn rank_children(
    adopters: &WaitingAdopters,
    groups: &[Vec<ChildToMatch>],
    limit: usize,
) -> Ranking<GroupFit> {
    let t = Terms::of(&adopters.terms);
    let mut order: Vec<usize> = (0..groups.len()).collect();
    let first = |i: &usize| groups[*i].first().map(|c| c.id.clone()).unwrap_or_default();
    order.sort_by_key(first);
    let keys: Vec<u64> = order
        .iter()
        .enumerate()
        .map(|(place, &i)| key(score(&Group::of(&groups[i]), &t), 0, place))
        .collect();
    let full = keys.iter().filter(|&&k| k >> 56 == 0).count();
    let ranked = keys.len();
    let shown = best(keys, limit)
        .into_iter()
        .map(|k| {
            let children = groups[order[(k & 0xFF_FFFF) as usize]].clone();
            GroupFit {
                fit: fit(&children, adopters),
                children,
            }
        })
        .collect();
    Ranking {
        ranked,
        full,
        shown,
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
        let pool = [
            adopters("A", (0, 4), 1, vec![Need::Health], "2025-01-01"),
            adopters("B", (0, 8), 2, vec![Need::Health], "2025-03-01"),
            adopters("C", (2, 5), 2, vec![Need::Health], "2025-06-01"),
            adopters("D", (2, 5), 2, vec![Need::Health], "2025-02-01"),
        ];
        let ranking = Pool::new(&pool).rank(&pair, 10);
        assert_eq!((ranking.ranked, ranking.full), (4, 3));
        let list = ranking.shown;
        let order: Vec<_> = list.iter().map(|f| f.role_id.as_str()).collect();
        assert_eq!(order, ["D", "C", "B", "A"]);
        assert!(list[0].misfits.is_empty());
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

    #[test]
    fn the_reverse_match_ranks_the_groups_waiting_for_one_adopter() {
        let child = |id: &str, age, needs: Vec<Need>| ChildToMatch {
            id: id.into(),
            age,
            needs,
        };
        let groups = vec![
            vec![child("C3", 9, vec![])],
            vec![child("C1", 1, vec![]), child("C2", 3, vec![Need::Health])],
            vec![child("C4", 2, vec![Need::Disability])],
            vec![child("C5", 3, vec![])],
        ];
        let a = adopters("A", (0, 4), 2, vec![Need::Health], "2025-01-01");
        let r = rank_children(&a, &groups, 3);
        assert_eq!((r.ranked, r.full), (4, 2));
        let order: Vec<_> = r.shown.iter().map(|g| g.children[0].id.as_str()).collect();
        // The pair spans more of the range (2 spare years) than C5 (4); one
        // misfit each for C3 and C4, then by identifier.
        assert_eq!(order, ["C1", "C5", "C3"]);
        assert_eq!(
            r.shown[2].fit.misfits,
            ["C3 is 9, outside the approved ages 0 to 4"]
        );
    }

    /// A small deterministic generator, as the benchmark's.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) % n
        }
    }

    /// The ranking before the numeric key: every adopter's reasons written
    /// as text, then sorted by misfits, spare years, approval and identifier.
    fn ranked_by_text(children: &[ChildToMatch], pool: &[WaitingAdopters]) -> Vec<Fit> {
        let mut all: Vec<Fit> = pool.iter().map(|a| fit(children, a)).collect();
        all.sort_by(|a, b| {
            (a.misfits.len(), a.spare_years, a.approved, &a.role_id).cmp(&(
                b.misfits.len(),
                b.spare_years,
                b.approved,
                &b.role_id,
            ))
        });
        all
    }

    #[test]
    fn the_numeric_key_ranks_as_the_reasons_as_text_did_on_the_benchmarks_data() {
        let mut rng = Lcg(2026);
        let approved: NaiveDate = "2025-01-01".parse().unwrap();
        let pool: Vec<WaitingAdopters> = (0..400)
            .map(|i| {
                let youngest = rng.below(5) as u8;
                let oldest = youngest + rng.below(8) as u8;
                let children = 1 + rng.below(3) as u8;
                let needs = Need::ALL
                    .into_iter()
                    .filter(|_| rng.below(2) == 0)
                    .collect();
                WaitingAdopters {
                    role_id: format!("H{:05}-R1", (i * 7919) % 400),
                    approved: approved + chrono::Days::new(rng.below(700)),
                    terms: ApprovalTerms::new((youngest, oldest), children, children > 1, needs)
                        .unwrap(),
                }
            })
            .collect();
        let mut groups: Vec<Vec<ChildToMatch>> = Vec::new();
        let mut made = 0;
        while made < 200 {
            let size = 1 + rng.below(3) as usize;
            groups.push(
                (0..size)
                    .map(|k| ChildToMatch {
                        id: format!("C{:05}", made + k),
                        age: rng.below(12) as u8,
                        needs: Need::ALL
                            .into_iter()
                            .filter(|_| rng.below(4) == 0)
                            .collect(),
                    })
                    .collect(),
            );
            made += size;
        }
        let numeric = Pool::new(&pool);
        for group in &groups {
            let old = ranked_by_text(group, &pool);
            let new = numeric.rank(group, 50);
            assert_eq!(new.ranked, old.len());
            assert_eq!(
                new.full,
                old.iter().filter(|f| f.misfits.is_empty()).count()
            );
            assert_eq!(new.shown, old[..50].to_vec());
        }
        // The reverse: every group for one adopter, as the text ranked them.
        for a in pool.iter().take(40) {
            let mut old: Vec<(Fit, String)> = groups
                .iter()
                .map(|g| (fit(g, a), g[0].id.clone()))
                .collect();
            old.sort_by(|x, y| {
                (x.0.misfits.len(), x.0.spare_years, &x.1).cmp(&(
                    y.0.misfits.len(),
                    y.0.spare_years,
                    &y.1,
                ))
            });
            let new = rank_children(a, &groups, 50);
            let firsts: Vec<&str> = new
                .shown
                .iter()
                .map(|g| g.children[0].id.as_str())
                .collect();
            let expected: Vec<&str> = old[..50].iter().map(|(_, id)| id.as_str()).collect();
            assert_eq!(firsts, expected);
        }
    }
}
