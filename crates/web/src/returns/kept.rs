//! Checked returns' reports, kept in memory for their owner to download for
//! 30 minutes, counted against a budget: when a new report would take the
//! reports past [`BUDGET`] bytes, the oldest go first, and a report larger
//! than the whole budget is not kept (the page says so). So however many
//! returns are checked, the reports never hold more than the budget.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use ssda903::validate::Failure;

/// How long a report is kept.
pub(super) const KEEP_FOR: Duration = Duration::from_secs(30 * 60);

/// The most memory the kept reports may take, in bytes (as estimated by
/// [`size_of_report`]).
pub(super) const BUDGET: usize = 64 * 1024 * 1024;

/// A checked return's report, kept for its owner to download.
struct Kept {
    owner: String,
    made: Instant,
    year: String,
    failures: Vec<Failure>,
    bytes: usize,
}

fn kept() -> &'static Mutex<HashMap<String, Kept>> {
    static KEPT: std::sync::OnceLock<Mutex<HashMap<String, Kept>>> = std::sync::OnceLock::new();
    KEPT.get_or_init(Default::default)
}

/// The memory a report's failures take: each failure and its child's
/// identifier.
pub(super) fn size_of_report(failures: &[Failure]) -> usize {
    failures
        .iter()
        .map(|f| std::mem::size_of::<Failure>() + f.child.as_ref().map_or(0, String::capacity))
        .sum()
}

/// Whether a report can be kept: it is no larger than the whole budget.
pub(super) fn fits(failures: &[Failure]) -> bool {
    size_of_report(failures) <= BUDGET
}

/// Keeps a report for its owner as `id`, letting the oldest go to stay
/// within the budget; a report that does not [`fits`] is not kept.
pub(super) fn keep(id: &str, owner: &str, year: String, failures: Vec<Failure>) {
    let bytes = size_of_report(&failures);
    if bytes > BUDGET {
        return;
    }
    let mut all = kept()
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    all.retain(|_, k| k.made.elapsed() < KEEP_FOR);
    while all.values().map(|k| k.bytes).sum::<usize>() + bytes > BUDGET {
        let Some(oldest) = all
            .iter()
            .min_by_key(|(_, k)| k.made)
            .map(|(id, _)| id.clone())
        else {
            break;
        };
        all.remove(&oldest);
    }
    all.insert(
        id.to_owned(),
        Kept {
            owner: owner.to_owned(),
            made: Instant::now(),
            year,
            failures,
            bytes,
        },
    );
}

/// What looking up a kept report found.
pub(super) enum Found<T> {
    /// The owner's report, as `read` made it.
    Yours(T),
    /// A report of another user.
    Theirs,
    /// No such report (or it has expired or been let go).
    Gone,
}

/// The report kept as `id` for `owner`, read by `read`.
pub(super) fn find<T>(id: &str, owner: &str, read: impl FnOnce(&str, &[Failure]) -> T) -> Found<T> {
    let all = kept()
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    match all.get(id).filter(|k| k.made.elapsed() < KEEP_FOR) {
        Some(k) if k.owner == owner => Found::Yours(read(&k.year, &k.failures)),
        Some(_) => Found::Theirs,
        None => Found::Gone,
    }
}

/// The bytes the kept reports take now.
#[cfg(test)]
fn kept_bytes() -> usize {
    kept()
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .values()
        .map(|k| k.bytes)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failures(n: usize) -> Vec<Failure> {
        (0..n)
            .map(|i| Failure {
                rule: "101",
                table: "Header",
                child: Some(format!("C{i:08}")),
                row: Some(i),
                line: Some(i as u64 + 2),
                message: "m",
            })
            .collect()
    }

    #[test]
    fn security_kept_reports_stay_within_their_budget_the_oldest_going_first() {
        let one = failures(100_000);
        let size = size_of_report(&one);
        let fit = BUDGET / size;
        assert!(fit >= 2, "a report of 100,000 failures is {size} bytes");
        keep("first", "a", "2024-25".into(), one);
        assert!(matches!(find("first", "a", |_, _| ()), Found::Yours(())));
        assert!(matches!(find("first", "b", |_, _| ()), Found::Theirs));
        for n in 0..fit + 3 {
            keep(&format!("r{n}"), "a", "2024-25".into(), failures(100_000));
            assert!(kept_bytes() <= BUDGET, "{} > {BUDGET}", kept_bytes());
        }
        assert!(matches!(find("first", "a", |_, _| ()), Found::Gone));
        let too_big = failures(BUDGET / std::mem::size_of::<Failure>() + 1);
        assert!(!fits(&too_big));
        keep("big", "a", "2024-25".into(), too_big);
        assert!(matches!(find("big", "a", |_, _| ()), Found::Gone));
    }
}
