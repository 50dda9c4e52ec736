//! Each collection year's rules stay exactly as they were: the code, the
//! message and what each needs, in order, for every year, compared with the
//! lists in `rules_by_year/` (one file a year). A change to a year's rules
//! is a change to its file, seen in review.

use ssda903::CollectionYear;
use ssda903::validate::in_force;

fn listing(year: CollectionYear) -> String {
    in_force(year)
        .map(|r| format!("{}\t{:?}\t{}\n", r.code, r.needs, r.message))
        .collect()
}

#[test]
fn each_year_s_rule_list_is_the_one_recorded() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules_by_year");
    for year in CollectionYear::supported() {
        let file = dir.join(format!("{year}.tsv"));
        let got = listing(year);
        let want =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(
            got == want,
            "the rules of {year} changed: compare with {}",
            file.display()
        );
    }
}
