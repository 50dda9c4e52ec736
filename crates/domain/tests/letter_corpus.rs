//! The letter screener (CONT-007) on the corpus of test letters in
//! `tests/letters/corpus.txt`: it passes no unsafe letter, finds every kind
//! of identifying information each holds, and explains each flag. Its
//! precision and recall, by letter and by kind, are printed (run with
//! `--nocapture`) and kept in BENCHMARKS.md.

use std::collections::BTreeSet;

use domain::contact::screener::{FlagKind, ScreenTerms, screen_letter};

struct Letter {
    id: String,
    expect: BTreeSet<FlagKind>,
    terms: ScreenTerms,
    text: String,
}

fn list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

fn corpus() -> Vec<Letter> {
    let text = include_str!("letters/corpus.txt");
    let mut letters: Vec<Letter> = Vec::new();
    for line in text.lines() {
        if let Some(header) = line.strip_prefix("=== ") {
            let mut parts = header.split(" | ");
            let id = parts.next().expect("an id").trim().to_owned();
            let mut letter = Letter {
                id,
                expect: BTreeSet::new(),
                terms: ScreenTerms::default(),
                text: String::new(),
            };
            for part in parts {
                let (key, value) = part.split_once(':').expect("key: value");
                match key.trim() {
                    "expect" => {
                        letter.expect = list(value)
                            .iter()
                            .filter(|k| *k != "clean")
                            .map(|k| FlagKind::parse(k).unwrap_or_else(|| panic!("kind {k}")))
                            .collect();
                    }
                    "surnames" => letter.terms.surnames = list(value),
                    "places" => letter.terms.places = list(value),
                    "photos" => {
                        letter.terms.photographs_agreed = value.trim() == "agreed";
                        letter.terms.photographs_enclosed = value.trim() == "enclosed";
                    }
                    other => panic!("unknown header {other}"),
                }
            }
            letters.push(letter);
        } else if let Some(letter) = letters.last_mut() {
            letter.text.push_str(line);
            letter.text.push('\n');
        }
    }
    letters
}

fn ratio(hit: usize, all: usize) -> f64 {
    if all == 0 {
        1.0
    } else {
        hit as f64 / all as f64
    }
}

#[test]
fn cont_007_the_screener_passes_no_unsafe_letter_of_the_corpus_and_explains_each_flag() {
    let letters = corpus();
    assert!(letters.len() >= 50, "{} letters", letters.len());
    let unsafe_letters = letters.iter().filter(|l| !l.expect.is_empty()).count();
    assert!(unsafe_letters >= 20 && letters.len() - unsafe_letters >= 20);
    let (mut flagged_unsafe, mut flagged_clean, mut missed) = (0, 0, Vec::new());
    let (mut kinds_right, mut kinds_found, mut kinds_expected) = (0, 0, 0);
    let mut false_alarms = Vec::new();
    for l in &letters {
        let flags = screen_letter(&l.text, &l.terms);
        for f in &flags {
            let explained = f.explain();
            assert!(
                explained.contains(&format!("line {}", f.line)) && explained.contains(&f.found),
                "{}: {explained}",
                l.id
            );
        }
        let found: BTreeSet<FlagKind> = flags.iter().map(|f| f.kind).collect();
        kinds_found += found.len();
        kinds_expected += l.expect.len();
        kinds_right += found.intersection(&l.expect).count();
        match (l.expect.is_empty(), found.is_empty()) {
            (false, false) => flagged_unsafe += 1,
            (false, true) => missed.push(l.id.clone()),
            (true, false) => flagged_clean += 1,
            (true, true) => {}
        }
        let lost: Vec<_> = l.expect.difference(&found).collect();
        assert!(lost.is_empty(), "{} lost {lost:?}: {flags:#?}", l.id);
        let extra: Vec<_> = found.difference(&l.expect).collect();
        if !extra.is_empty() {
            false_alarms.push(format!("{} {extra:?}", l.id));
        }
    }
    assert!(missed.is_empty(), "unsafe letters passed: {missed:?}");
    let letter_precision = ratio(flagged_unsafe, flagged_unsafe + flagged_clean);
    let letter_recall = ratio(flagged_unsafe, unsafe_letters);
    let kind_precision = ratio(kinds_right, kinds_found);
    let kind_recall = ratio(kinds_right, kinds_expected);
    println!(
        "letters {} ({unsafe_letters} unsafe): by letter precision {letter_precision:.3} recall {letter_recall:.3}; \
         by kind precision {kind_precision:.3} recall {kind_recall:.3}; false alarms: {false_alarms:?}",
        letters.len()
    );
    assert_eq!(letter_recall, 1.0);
    assert_eq!(kind_recall, 1.0);
    assert!(letter_precision >= 0.85, "{false_alarms:?}");
}
