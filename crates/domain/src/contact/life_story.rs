//! Life story work (CONT-001 … CONT-003): the child's life story record,
//! its formats, contents and contributors; the task to start it once the
//! agency decision maker agrees the plan for adoption; and the exception
//! when the adoption order is made before the life story work and the
//! Letter for Life are given.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// CONT-001: the formats life story work takes (PQ-41: "interactive DC"
/// kept as the source says it, in all three offers).
pub const FORMATS: &[(&str, &str)] = &[
    ("book", "Life story book"),
    ("scrapbook", "Scrapbook"),
    ("photo_album", "Photo album"),
    ("interactive_dc", "Interactive DC"),
    ("personal_items", "Personal items collection"),
    ("words_and_pictures", "Words and Pictures"),
];

/// CONT-001: the contents checklist.
pub const CONTENTS: &[(&str, &str)] = &[
    ("significant_events", "Significant events"),
    ("family_descriptions", "Family descriptions"),
    ("place_of_birth", "Place of birth"),
    ("care_history", "Care history"),
];

/// CONT-001: who prepares the work.
pub const CONTRIBUTORS: &[(&str, &str)] = &[
    ("social_worker", "The child's social worker"),
    ("support_worker", "A support worker"),
    ("foster_carer", "The foster carer"),
    (
        "permanent_carer",
        "The permanent carer (adoptive parent or other carer)",
    ),
];

/// The number of contributors a form names.
pub const CONTRIBUTOR_SLOTS: usize = 3;

/// A contributor: their part (a code of [`CONTRIBUTORS`]) and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contributor {
    pub part: String,
    pub name: String,
}

/// A child's life story record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifeStory {
    pub child_id: String,
    /// Codes of [`FORMATS`].
    #[serde(default)]
    pub formats: Vec<String>,
    /// Codes of [`CONTENTS`] the work covers.
    #[serde(default)]
    pub contents: Vec<String>,
    #[serde(default)]
    pub contributors: Vec<Contributor>,
    /// The day the work started (CONT-002).
    pub started: Option<NaiveDate>,
    /// The day the Letter for Life was given (CONT-003).
    pub letter_for_life: Option<NaiveDate>,
    /// The day the life story work was given to the adopters (CONT-003).
    pub given_to_adopters: Option<NaiveDate>,
}

/// The life story work as a form describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Work {
    pub formats: Vec<String>,
    pub contents: Vec<String>,
    pub contributors: Vec<Contributor>,
    pub started: NaiveDate,
}

/// A change to a child's life story record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LifeStoryChange {
    /// CONT-001: the work, its formats, contents and contributors.
    Work(Work),
    /// CONT-003: the Letter for Life given.
    LetterForLife(NaiveDate),
    /// CONT-003: the life story work given to the adopters.
    GivenToAdopters(NaiveDate),
}

fn label_of(list: &[(&str, &'static str)], code: &str) -> Option<&'static str> {
    list.iter().find(|(c, _)| *c == code).map(|(_, l)| *l)
}

/// The label of a format, a content or a contributor's part.
pub fn label(code: &str) -> &str {
    label_of(FORMATS, code)
        .or_else(|| label_of(CONTENTS, code))
        .or_else(|| label_of(CONTRIBUTORS, code))
        .unwrap_or(code)
}

fn date(get: &dyn Fn(&str) -> String, name: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let text = get(name);
    let d: NaiveDate = text
        .trim()
        .parse()
        .map_err(|_| format!("{name}: enter a real date, for example 3/2/2025"))?;
    if d > today {
        return Err(format!("{name}: the date cannot be in the future"));
    }
    Ok(d)
}

impl Work {
    /// CONT-001: formats only of [`FORMATS`] and at least one; contents
    /// only of [`CONTENTS`]; at least one contributor the child's social
    /// worker or a support worker, each named.
    pub fn check(&self) -> Result<(), String> {
        if self.formats.is_empty() {
            return Err("formats: choose at least one format".into());
        }
        if let Some(f) = self.formats.iter().find(|f| label_of(FORMATS, f).is_none()) {
            return Err(format!(
                "formats: \"{f}\" is not a format of life story work"
            ));
        }
        if let Some(c) = self
            .contents
            .iter()
            .find(|c| label_of(CONTENTS, c).is_none())
        {
            return Err(format!(
                "contents: \"{c}\" is not on the contents checklist"
            ));
        }
        if let Some(c) = self
            .contributors
            .iter()
            .find(|c| label_of(CONTRIBUTORS, &c.part).is_none())
        {
            return Err(format!(
                "contributor_1_part: \"{}\" is not a contributor's part",
                c.part
            ));
        }
        if !self
            .contributors
            .iter()
            .any(|c| c.part == "social_worker" || c.part == "support_worker")
        {
            return Err("contributor_1_part: at least one contributor must be the child's social worker or a support worker (CONT-001)".into());
        }
        Ok(())
    }
}

impl LifeStoryChange {
    /// The form codes, in the page's order.
    pub const CODES: [&'static str; 3] = ["work", "letter", "given"];

    /// The change's code (its form's, and its audit event's).
    pub fn code(&self) -> &'static str {
        match self {
            LifeStoryChange::Work(_) => "work",
            LifeStoryChange::LetterForLife(_) => "letter",
            LifeStoryChange::GivenToAdopters(_) => "given",
        }
    }

    /// Reads the change `code` from a form's named fields: a format or a
    /// content is ticked as `format_<code>` or `content_<code>`, a
    /// contributor is `contributor_<n>_part` and `contributor_<n>_name`.
    /// Refuses with `field: problem`.
    pub fn parse(
        code: &str,
        get: &dyn Fn(&str) -> String,
        today: NaiveDate,
    ) -> Result<LifeStoryChange, String> {
        match code {
            "work" => {
                let ticked = |prefix: &str, list: &[(&str, &str)]| -> Vec<String> {
                    list.iter()
                        .filter(|(c, _)| !get(&format!("{prefix}_{c}")).is_empty())
                        .map(|(c, _)| (*c).to_owned())
                        .collect()
                };
                let mut contributors = Vec::new();
                for n in 1..=CONTRIBUTOR_SLOTS {
                    let part = get(&format!("contributor_{n}_part"));
                    let name = get(&format!("contributor_{n}_name")).trim().to_owned();
                    match (part.is_empty(), name.is_empty()) {
                        (true, true) => {}
                        (false, false) => contributors.push(Contributor { part, name }),
                        (true, false) => {
                            return Err(format!(
                                "contributor_{n}_part: choose the contributor's part"
                            ));
                        }
                        (false, true) => {
                            return Err(format!(
                                "contributor_{n}_name: enter the contributor's name"
                            ));
                        }
                    }
                }
                let work = Work {
                    formats: ticked("format", FORMATS),
                    contents: ticked("content", CONTENTS),
                    contributors,
                    started: date(get, "started", today)?,
                };
                work.check()?;
                Ok(LifeStoryChange::Work(work))
            }
            "letter" => Ok(LifeStoryChange::LetterForLife(date(get, "date", today)?)),
            "given" => Ok(LifeStoryChange::GivenToAdopters(date(get, "date", today)?)),
            other => Err(format!(
                "change: \"{other}\" is not a change of this record"
            )),
        }
    }
}

impl LifeStory {
    /// A child's record before anything is written.
    pub fn new(child_id: &str) -> LifeStory {
        LifeStory {
            child_id: child_id.to_owned(),
            ..LifeStory::default()
        }
    }

    /// Makes the change, checked again (CONT-001).
    pub fn apply(&mut self, change: LifeStoryChange) -> Result<(), String> {
        match change {
            LifeStoryChange::Work(w) => {
                w.check()?;
                self.formats = w.formats;
                self.contents = w.contents;
                self.contributors = w.contributors;
                self.started = Some(w.started);
            }
            LifeStoryChange::LetterForLife(d) => self.letter_for_life = Some(d),
            LifeStoryChange::GivenToAdopters(d) => {
                if self.started.is_none_or(|s| d < s) {
                    return Err(
                        "date: record the life story work, started on or before this date, first"
                            .into(),
                    );
                }
                self.given_to_adopters = Some(d);
            }
        }
        Ok(())
    }

    /// CONT-001: the contents of the checklist the work does not cover yet.
    pub fn contents_missing(&self) -> Vec<&'static str> {
        CONTENTS
            .iter()
            .filter(|(c, _)| !self.contents.iter().any(|x| x == c))
            .map(|(_, l)| *l)
            .collect()
    }
}

/// A line of the life story report, and a task on the social worker's
/// worklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outstanding {
    pub rule: &'static str,
    /// The day it became outstanding: the decision, or the order.
    pub since: NaiveDate,
    pub text: String,
}

/// The task's title on the social worker's worklist (CONT-002).
pub const START_TASK: &str = "Life story work – start";

/// What is outstanding for a child whose adoption plan the agency decision
/// maker agreed on `decided` and whose adoption order was made on `order`:
/// CONT-002, the task to start life story work, from the decision until
/// it starts (no statutory due date); CONT-003, the exception "life story
/// / Letter for Life outstanding at order" when, on the order's day, the
/// Letter for Life or the work given to the adopters is not recorded on or
/// before it.
pub fn outstanding(
    story: Option<&LifeStory>,
    decided: Option<NaiveDate>,
    order: Option<NaiveDate>,
) -> Vec<Outstanding> {
    let mut out = Vec::new();
    let started = story.and_then(|s| s.started);
    if let (Some(d), None) = (decided, started) {
        out.push(Outstanding {
            rule: "CONT-002",
            since: d,
            text: format!("{START_TASK}: for the child's social worker since the agency decision"),
        });
    }
    if let Some(o) = order {
        let by = |x: Option<NaiveDate>| x.is_some_and(|x| x <= o);
        let mut missing = Vec::new();
        if !by(story.and_then(|s| s.given_to_adopters)) {
            missing.push("life story work");
        }
        if !by(story.and_then(|s| s.letter_for_life)) {
            missing.push("Letter for Life");
        }
        if !missing.is_empty() {
            out.push(Outstanding {
                rule: "CONT-003",
                since: o,
                text: format!(
                    "Life story / Letter for Life outstanding at order: {} not given to the adopters by the order",
                    missing.join(" and ")
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn form<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> String + 'a {
        move |n| {
            pairs
                .iter()
                .find(|(k, _)| *k == n)
                .map(|(_, v)| (*v).to_owned())
                .unwrap_or_default()
        }
    }

    #[test]
    fn cont_001_formats_are_limited_and_a_social_or_support_worker_contributes() {
        let today = d("2025-02-03");
        let ok = [
            ("format_book", "yes"),
            ("format_interactive_dc", "yes"),
            ("content_significant_events", "yes"),
            ("contributor_1_part", "foster_carer"),
            ("contributor_1_name", "Ann Carer"),
            ("started", "2025-02-03"),
        ];
        let err = LifeStoryChange::parse("work", &form(&ok), today).unwrap_err();
        assert!(
            err.starts_with("contributor_1_part:") && err.contains("CONT-001"),
            "{err}"
        );
        let mut with_worker = ok.to_vec();
        with_worker.extend([
            ("contributor_2_part", "support_worker"),
            ("contributor_2_name", "Sam Support"),
        ]);
        let LifeStoryChange::Work(w) =
            LifeStoryChange::parse("work", &form(&with_worker), today).unwrap()
        else {
            panic!("a work change");
        };
        assert_eq!(w.formats, ["book", "interactive_dc"]);
        let mut odd = w.clone();
        odd.formats.push("video".into());
        assert!(odd.check().unwrap_err().starts_with("formats:"));
        let labels: Vec<_> = CONTENTS.iter().map(|(_, l)| *l).collect();
        assert_eq!(
            labels,
            [
                "Significant events",
                "Family descriptions",
                "Place of birth",
                "Care history"
            ]
        );
        assert_eq!(FORMATS.len(), 6);
    }

    #[test]
    fn cont_002_cont_003_the_start_task_and_the_exception_at_the_order() {
        let none = outstanding(None, Some(d("2025-02-03")), None);
        assert_eq!(none.len(), 1);
        assert_eq!((none[0].rule, none[0].since), ("CONT-002", d("2025-02-03")));
        let mut s = LifeStory::new("C1");
        s.started = Some(d("2025-02-10"));
        assert!(outstanding(Some(&s), Some(d("2025-02-03")), None).is_empty());
        let at_order = outstanding(Some(&s), Some(d("2025-02-03")), Some(d("2025-06-20")));
        assert_eq!(at_order[0].rule, "CONT-003");
        assert!(
            at_order[0]
                .text
                .contains("life story work and Letter for Life")
        );
        s.given_to_adopters = Some(d("2025-06-01"));
        s.letter_for_life = Some(d("2025-06-21"));
        let late = outstanding(Some(&s), None, Some(d("2025-06-20")));
        assert!(
            late[0].text.contains(": Letter for Life not given"),
            "{}",
            late[0].text
        );
        s.letter_for_life = Some(d("2025-06-20"));
        assert!(outstanding(Some(&s), None, Some(d("2025-06-20"))).is_empty());
    }
}
