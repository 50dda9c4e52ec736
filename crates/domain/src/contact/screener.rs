//! CONT-007: the Letterbox coordinator checks every item for anything that
//! could identify where a family lives or how to reach them before passing
//! it on. The screener reads a letter and flags what a coordinator must
//! look at: addresses and places, postcodes, schools, the adoptive family's
//! surnames (given, since no rule can know them), phone numbers, email
//! addresses, social media handles and platforms, and photographs where the
//! agreement does not allow them. Each flag says what was found, where (line
//! and column) and why it matters.
//!
//! It is built to pass no unsafe letter: where a word may or may not
//! identify (a platform named, a capitalised word before "Road"), it flags
//! and the coordinator decides. Its precision and recall on the corpus of
//! test letters (`tests/letters/`) are in BENCHMARKS.md.

use serde::{Deserialize, Serialize};

/// What kind of identifying information a flag is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    Address,
    Postcode,
    School,
    Surname,
    Phone,
    Email,
    SocialMedia,
    Photograph,
}

impl FlagKind {
    /// Every kind, in the order a coordinator reads them.
    pub const ALL: [FlagKind; 8] = [
        FlagKind::Address,
        FlagKind::Postcode,
        FlagKind::School,
        FlagKind::Surname,
        FlagKind::Phone,
        FlagKind::Email,
        FlagKind::SocialMedia,
        FlagKind::Photograph,
    ];

    /// Its code (`social_media`), as the corpus names it.
    pub fn code(self) -> &'static str {
        match self {
            FlagKind::Address => "address",
            FlagKind::Postcode => "postcode",
            FlagKind::School => "school",
            FlagKind::Surname => "surname",
            FlagKind::Phone => "phone",
            FlagKind::Email => "email",
            FlagKind::SocialMedia => "social_media",
            FlagKind::Photograph => "photograph",
        }
    }

    /// Reads a code.
    pub fn parse(code: &str) -> Option<FlagKind> {
        FlagKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind in words.
    pub fn label(self) -> &'static str {
        match self {
            FlagKind::Address => "An address or a place",
            FlagKind::Postcode => "A postcode",
            FlagKind::School => "A school",
            FlagKind::Surname => "A surname of the adoptive family",
            FlagKind::Phone => "A phone number",
            FlagKind::Email => "An email address",
            FlagKind::SocialMedia => "Social media",
            FlagKind::Photograph => "A photograph",
        }
    }

    /// Why it matters.
    fn why(self) -> &'static str {
        match self {
            FlagKind::Address => "it could show where the family lives",
            FlagKind::Postcode => "a postcode locates a home to a few streets",
            FlagKind::School => "a school named locates the child",
            FlagKind::Surname => "the adoptive family's surname identifies them",
            FlagKind::Phone => "a phone number allows contact outside the letterbox",
            FlagKind::Email => "an email address allows contact outside the letterbox",
            FlagKind::SocialMedia => {
                "a handle or platform allows unmediated contact (CONT-012, CONT-013)"
            }
            FlagKind::Photograph => "photographs are not agreed for this letterbox (CONT-009)",
        }
    }
}

/// One thing the screener found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    pub kind: FlagKind,
    /// The words found, as written.
    pub found: String,
    /// Line and column (from 1) of its first character.
    pub line: usize,
    pub column: usize,
    /// Byte offsets of the words in the letter.
    pub start: usize,
    pub end: usize,
}

impl Flag {
    /// What was found, where, and why it matters, for the coordinator.
    pub fn explain(&self) -> String {
        format!(
            "{} at line {}, column {}: \u{201c}{}\u{201d}. Check it: {}.",
            self.kind.label(),
            self.line,
            self.column,
            self.found,
            self.kind.why()
        )
    }
}

/// What the screener is told about this letterbox.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScreenTerms {
    /// The adoptive family's surnames (and any other names to keep back).
    pub surnames: Vec<String>,
    /// Places that identify the adoptive family (their town, village or
    /// estate), beyond the addresses any letter may give.
    pub places: Vec<String>,
    /// Whether the agreement allows photographs (CONT-009; default no).
    pub photographs_agreed: bool,
    /// Whether the coordinator found photographs enclosed with the letter.
    pub photographs_enclosed: bool,
}

/// A word of the letter and where it is.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

impl Token<'_> {
    fn lower(&self) -> String {
        self.text.to_lowercase()
    }

    fn capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// The word without a possessive (`Smith's` is `smith`).
    fn stem(&self) -> String {
        let l = self.lower().replace('\u{2019}', "'");
        l.strip_suffix("'s").map(str::to_owned).unwrap_or(l)
    }
}

/// The words of `text`: runs of non-space characters, trimmed of the
/// punctuation around them (a leading `@` or `+` is kept).
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                push_trimmed(&mut out, text, s, i);
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn push_trimmed<'a>(out: &mut Vec<Token<'a>>, text: &'a str, s: usize, e: usize) {
    let raw = &text[s..e];
    let keep = |c: char| c.is_alphanumeric() || c == '@' || c == '+';
    let lead = raw.find(keep).unwrap_or(raw.len());
    let trail = raw.rfind(|c: char| c.is_alphanumeric()).map_or(lead, |i| {
        i + raw[i..].chars().next().map_or(1, char::len_utf8)
    });
    if trail > lead {
        out.push(Token {
            start: s + lead,
            end: s + trail,
            text: &text[s + lead..s + trail],
        });
    }
}

/// Line and column (from 1) of byte `at`.
fn position(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Screens a letter: every flag, in the order they appear.
pub fn screen_letter(text: &str, terms: &ScreenTerms) -> Vec<Flag> {
    let words = tokens(text);
    let mut spans: Vec<(FlagKind, usize, usize)> = Vec::new();
    find_contacts(&words, &mut spans);
    find_phones(text, &mut spans);
    find_postcodes(&words, &mut spans);
    find_addresses(&words, terms, &mut spans);
    find_schools(&words, &mut spans);
    find_surnames(&words, terms, &mut spans);
    find_photographs(&words, terms, &mut spans);
    spans.sort_by_key(|&(k, s, e)| (s, e, k));
    spans.dedup();
    // A span inside a wider one of the same kind says nothing more.
    let wider = spans.clone();
    spans.retain(|&(k, s, e)| {
        !wider
            .iter()
            .any(|&(k2, s2, e2)| k2 == k && s2 <= s && e <= e2 && (s2, e2) != (s, e))
    });
    spans
        .into_iter()
        .map(|(kind, start, end)| {
            let (line, column) = position(text, start);
            Flag {
                kind,
                found: if start == end {
                    "(enclosed with the letter)".into()
                } else {
                    text[start..end].to_owned()
                },
                line,
                column,
                start,
                end,
            }
        })
        .collect()
}

/// Platforms whose name in a letter may lead to unmediated contact.
const PLATFORMS: &[&str] = &[
    "facebook",
    "fb",
    "instagram",
    "insta",
    "ig",
    "snapchat",
    "snap",
    "tiktok",
    "tik",
    "whatsapp",
    "twitter",
    "discord",
    "telegram",
    "youtube",
    "roblox",
    "xbox",
    "psn",
    "gamertag",
    "username",
    "messenger",
];

/// Email addresses, `@handles` and platforms named.
fn find_contacts(words: &[Token<'_>], spans: &mut Vec<(FlagKind, usize, usize)>) {
    for w in words {
        let t = w.text;
        if let Some(at) = t.find('@') {
            let (user, host) = (&t[..at], &t[at + 1..]);
            if !user.is_empty() && host.contains('.') && !host.starts_with('.') {
                spans.push((FlagKind::Email, w.start, w.end));
                continue;
            }
            if user.is_empty() && host.len() > 1 {
                spans.push((FlagKind::SocialMedia, w.start, w.end));
                continue;
            }
        }
        if PLATFORMS.contains(&w.stem().as_str()) {
            spans.push((FlagKind::SocialMedia, w.start, w.end));
        }
    }
}

/// Phone numbers: 10 to 13 digits, with spaces, dashes or brackets between,
/// starting 0 or +44.
fn find_phones(text: &str, spans: &mut Vec<(FlagKind, usize, usize)>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let starts = (c.is_ascii_digit() || c == b'+' || c == b'(')
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        let (mut j, mut digits, mut last) = (i, String::new(), i);
        while j < bytes.len() && (bytes[j].is_ascii_digit() || b" -()+.".contains(&bytes[j])) {
            if bytes[j].is_ascii_digit() {
                digits.push(bytes[j] as char);
                last = j;
            }
            if bytes[j] == b' ' && bytes.get(j + 1) == Some(&b' ') {
                break;
            }
            j += 1;
        }
        let national = digits.starts_with('0') || digits.starts_with("44");
        if national && (10..=13).contains(&digits.len()) {
            spans.push((FlagKind::Phone, i, last + 1));
            i = last + 1;
        } else {
            i = j.max(i + 1);
        }
    }
}

/// The outward part of a postcode: one or two letters, a digit, then a
/// letter or digit at most (`LE1`, `LE11`, `W1A`).
fn is_outward(s: &str) -> bool {
    let b = s.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if !(1..=2).contains(&letters) || b.len() <= letters || !b[letters].is_ascii_digit() {
        return false;
    }
    match &b[letters + 1..] {
        [] => true,
        [c] => c.is_ascii_alphanumeric(),
        _ => false,
    }
}

/// The inward part of a postcode: a digit and two letters (`5AB`).
fn is_inward(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 3
        && b[0].is_ascii_digit()
        && b[1].is_ascii_alphabetic()
        && b[2].is_ascii_alphabetic()
}

fn find_postcodes(words: &[Token<'_>], spans: &mut Vec<(FlagKind, usize, usize)>) {
    for (i, w) in words.iter().enumerate() {
        let t = w.text;
        if t.len() >= 5 && t.len() <= 7 && t.is_ascii() {
            let (out, inw) = t.split_at(t.len() - 3);
            if is_outward(out) && is_inward(inw) {
                spans.push((FlagKind::Postcode, w.start, w.end));
                continue;
            }
        }
        if let Some(next) = words.get(i + 1)
            && is_outward(t)
            && is_inward(next.text)
        {
            spans.push((FlagKind::Postcode, w.start, next.end));
        }
    }
}

/// The words that end a street's name.
const STREETS: &[&str] = &[
    "road", "rd", "street", "avenue", "ave", "lane", "close", "drive", "way", "crescent", "grove",
    "place", "court", "gardens", "terrace", "walk", "rise", "mews", "square", "row", "parade",
    "estate", "cottages", "farm", "lodge", "green",
];

/// Street words that are also everyday words: they count only when
/// capitalised, after a capitalised name.
const EVERYDAY_STREETS: &[&str] = &[
    "way", "close", "place", "court", "walk", "rise", "square", "row", "green", "farm", "drive",
];

/// Words that start a sentence or a name-like phrase without naming a place.
const NOT_NAMES: &[&str] = &[
    "i",
    "my",
    "the",
    "a",
    "an",
    "our",
    "your",
    "his",
    "her",
    "their",
    "we",
    "you",
    "it",
    "and",
    "but",
    "so",
    "at",
    "in",
    "on",
    "to",
    "new",
    "big",
    "old",
    "dear",
    "love",
    "from",
    "this",
    "that",
    "one",
    "last",
    "next",
    "mum",
    "dad",
    "nan",
    "nanny",
    "grandad",
    "grandma",
    "he",
    "she",
    "they",
    "when",
    "then",
    "with",
    "for",
    "all",
    "hope",
    "sorry",
    "happy",
    "thank",
    "thanks",
    "hi",
    "hello",
    "lots",
    "best",
    "just",
    "no",
    "yes",
    "every",
    "some",
    "please",
    "primary",
    "secondary",
    "high",
];

fn names_a_place(w: &Token<'_>) -> bool {
    w.capitalised() && !NOT_NAMES.contains(&w.stem().as_str())
}

/// Streets (a number and a street's name, or a name and a street word),
/// flats, the places given as identifying, and "live in/at/near X".
fn find_addresses(
    words: &[Token<'_>],
    terms: &ScreenTerms,
    spans: &mut Vec<(FlagKind, usize, usize)>,
) {
    for (i, w) in words.iter().enumerate() {
        let l = w.stem();
        if STREETS.contains(&l.as_str()) && i > 0 {
            let everyday = EVERYDAY_STREETS.contains(&l.as_str());
            if everyday && !w.capitalised() {
                continue;
            }
            // Back over the street's name to a house number, if any.
            let mut first = i;
            while first > 0 && i - first < 3 && names_a_place(&words[first - 1]) {
                first -= 1;
            }
            let named = first < i;
            let numbered = first > 0 && is_house_number(words[first - 1].text);
            if numbered {
                first -= 1;
            }
            let lower_named = !everyday
                && first == i
                && i >= 2
                && is_house_number(words[i - 2].text)
                && words[i - 1].text.chars().all(char::is_alphabetic);
            if lower_named {
                spans.push((FlagKind::Address, words[i - 2].start, w.end));
            } else if named || (numbered && !everyday) {
                spans.push((FlagKind::Address, words[first].start, w.end));
            }
        }
        if matches!(l.as_str(), "flat" | "apartment" | "no")
            && words.get(i + 1).is_some_and(|n| is_house_number(n.text))
            && l != "no"
        {
            spans.push((FlagKind::Address, w.start, words[i + 1].end));
        }
        if matches!(
            l.as_str(),
            "live" | "lives" | "living" | "moved" | "stay" | "staying"
        ) && let (Some(prep), Some(place)) = (words.get(i + 1), words.get(i + 2))
            && matches!(prep.lower().as_str(), "in" | "at" | "near" | "to" | "on")
            && names_a_place(place)
        {
            spans.push((FlagKind::Address, place.start, place.end));
        }
        if matches_any(w, &terms.places) {
            spans.push((FlagKind::Address, w.start, w.end));
        }
    }
    // Places of more than one word.
    for place in terms.places.iter().filter(|p| p.contains(' ')) {
        let parts: Vec<String> = place.split_whitespace().map(str::to_lowercase).collect();
        for (i, _) in words.iter().enumerate() {
            let here = words
                .get(i..i + parts.len())
                .is_some_and(|ws| ws.iter().zip(&parts).all(|(w, p)| w.stem() == *p));
            if here {
                spans.push((
                    FlagKind::Address,
                    words[i].start,
                    words[i + parts.len() - 1].end,
                ));
            }
        }
    }
}

fn is_house_number(s: &str) -> bool {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    (1..=4).contains(&digits) && s.chars().skip(digits).all(|c| c.is_ascii_alphabetic()) && {
        let rest = s.len() - digits;
        rest <= 1
    }
}

fn matches_any(w: &Token<'_>, names: &[String]) -> bool {
    let stem = w.stem();
    names
        .iter()
        .map(|n| n.trim().to_lowercase())
        .any(|n| !n.is_empty() && !n.contains(' ') && n == stem)
}

/// Words that say a school (or a nursery, a college) is meant.
const SCHOOLS: &[&str] = &[
    "school",
    "skool",
    "scool",
    "schol",
    "shool",
    "academy",
    "primary",
    "college",
    "nursery",
    "infants",
    "juniors",
    "preschool",
    "pre-school",
];

/// A school named: capitalised words before a school word, or "school is
/// called X".
fn find_schools(words: &[Token<'_>], spans: &mut Vec<(FlagKind, usize, usize)>) {
    for (i, w) in words.iter().enumerate() {
        if !SCHOOLS.contains(&w.stem().as_str()) {
            continue;
        }
        let mut first = i;
        while first > 0 && i - first < 4 && names_a_place(&words[first - 1]) {
            first -= 1;
        }
        // "St Mary's", "Church of England": a short capitalised word too.
        if first > 0 && first < i && matches!(words[first - 1].text, "St" | "St." | "Saint") {
            first -= 1;
        }
        if first < i {
            spans.push((FlagKind::School, words[first].start, w.end));
        }
        // "my school is called oakfield", "the school's name is Oakfield".
        let called = words
            .iter()
            .enumerate()
            .skip(i + 1)
            .take(4)
            .find(|(_, n)| matches!(n.lower().as_str(), "called" | "named" | "name"));
        if let Some((c, _)) = called {
            let mut last = c + 1;
            if words.get(last).is_some_and(|n| n.lower() == "is") {
                last += 1;
            }
            if let Some(n) = words.get(last) {
                spans.push((FlagKind::School, w.start, n.end));
            }
        }
    }
}

/// Edit distance of at most one between two words (a letter added, lost
/// or changed), for surnames misspelt.
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let (mut i, mut j, mut edits) = (0, 0, 0);
    while i < short.len() && j < long.len() {
        if short[i] == long[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        if edits > 1 {
            return false;
        }
        if short.len() == long.len() {
            i += 1;
        }
        j += 1;
    }
    edits + (long.len() - j) + (short.len() - i) <= 1
}

/// The adoptive family's surnames, and spellings one letter away from a
/// surname of five letters or more.
fn find_surnames(
    words: &[Token<'_>],
    terms: &ScreenTerms,
    spans: &mut Vec<(FlagKind, usize, usize)>,
) {
    for w in words {
        let stem = w.stem();
        let hit = terms.surnames.iter().any(|s| {
            let s = s.trim().to_lowercase();
            !s.is_empty()
                && (s == stem || (s.chars().count() >= 5 && stem.len() >= 5 && one_edit(&s, &stem)))
        });
        if hit {
            spans.push((FlagKind::Surname, w.start, w.end));
        }
    }
}

/// Photographs mentioned or enclosed when the agreement does not allow them.
fn find_photographs(
    words: &[Token<'_>],
    terms: &ScreenTerms,
    spans: &mut Vec<(FlagKind, usize, usize)>,
) {
    if terms.photographs_agreed {
        return;
    }
    if terms.photographs_enclosed {
        spans.push((FlagKind::Photograph, 0, 0));
    }
    for w in words {
        let l = w.stem();
        if l.starts_with("photo") || l.starts_with("selfie") || matches!(l.as_str(), "pic" | "pics")
        {
            spans.push((FlagKind::Photograph, w.start, w.end));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str, terms: &ScreenTerms) -> Vec<FlagKind> {
        screen_letter(text, terms)
            .into_iter()
            .map(|f| f.kind)
            .collect()
    }

    #[test]
    fn cont_007_each_kind_is_found_and_explained_where_it_is() {
        let terms = ScreenTerms {
            surnames: vec!["Hartley".into()],
            ..ScreenTerms::default()
        };
        let text = "Dear Sam,\nWe moved to 14 Beech Road, LE11 3TU.\nRing 07700 900123 or mail me at jo.b@example.com.\nMy snap is @jojo_b and Mrs Hartly says hi from Oakfield Primary.\nHere is a photo.";
        let flags = screen_letter(text, &terms);
        let got: Vec<_> = flags.iter().map(|f| (f.kind, f.found.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (FlagKind::Address, "14 Beech Road"),
                (FlagKind::Postcode, "LE11 3TU"),
                (FlagKind::Phone, "07700 900123"),
                (FlagKind::Email, "jo.b@example.com"),
                (FlagKind::SocialMedia, "snap"),
                (FlagKind::SocialMedia, "@jojo_b"),
                (FlagKind::Surname, "Hartly"),
                (FlagKind::School, "Oakfield Primary"),
                (FlagKind::Photograph, "photo"),
            ]
        );
        let postcode = &flags[1];
        assert_eq!((postcode.line, postcode.column), (2, 28));
        assert_eq!(
            postcode.explain(),
            "A postcode at line 2, column 28: \u{201c}LE11 3TU\u{201d}. Check it: a postcode locates a home to a few streets."
        );
    }

    #[test]
    fn cont_007_an_everyday_letter_passes() {
        let text = "Dear Emma,\nI hope you are well. Sam is doing really well at school and loves \
                    drawing. We went to the seaside in the summer and built a big sandcastle. \
                    By the way, he has grown so tall!\nWith love, Mum";
        assert!(screen_letter(text, &ScreenTerms::default()).is_empty());
    }

    #[test]
    fn cont_009_photographs_are_flagged_only_where_not_agreed() {
        let text = "I have put a photo of the dog in.";
        let mut terms = ScreenTerms {
            photographs_enclosed: true,
            ..ScreenTerms::default()
        };
        assert_eq!(
            kinds(text, &terms),
            vec![FlagKind::Photograph, FlagKind::Photograph]
        );
        terms.photographs_agreed = true;
        assert!(kinds(text, &terms).is_empty());
    }

    #[test]
    fn surnames_one_letter_away_are_caught_but_short_ones_only_exactly() {
        assert!(one_edit("hartley", "hartly"));
        assert!(one_edit("hartley", "hertley"));
        assert!(!one_edit("hartley", "harley1x"));
        let terms = ScreenTerms {
            surnames: vec!["Lee".into()],
            ..ScreenTerms::default()
        };
        assert!(kinds("We saw a bee and the Lee twins.", &terms) == vec![FlagKind::Surname]);
    }

    #[test]
    fn postcodes_are_found_with_or_without_the_space_and_in_any_case() {
        for p in ["LE1 5AB", "le11 3tu", "LE115AB", "W1A 1AA", "NG10 1LN"] {
            assert_eq!(
                kinds(&format!("It is {p} now"), &ScreenTerms::default()),
                vec![FlagKind::Postcode],
                "{p}"
            );
        }
        assert!(kinds("He is 10 and in Y5 now", &ScreenTerms::default()).is_empty());
    }
}
