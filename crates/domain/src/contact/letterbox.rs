//! The Letterbox (WF-LETTERBOX, CONT-006 … CONT-011): the letter part of a
//! child's Contact Agreement (`permanence::support::ContactAgreement`,
//! DATA-009), with its terms (who takes part, how often, which way,
//! whether photographs are exchanged), the items exchanged through the
//! coordinator (received, screened, forwarded or held), suspension and
//! withdrawal, and the next exchange it expects.
//!
//! The Letterbox coordinator is the post-order support worker of the
//! Post-Adoption Support Team; the child's social worker (or their team
//! manager) drafts the terms and holds the withdrawal discussion.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::access::User;
use crate::child::ChildId;
use crate::permanence::workflow::{Refusal, State, Transition, Workflow};
use crate::roles::Role::{self, *};
use crate::subjects::SubjectItem;

use super::screener::{Flag, ScreenTerms, screen_letter};

/// The Post-Adoption Support Team, whom a sender whose item is held may
/// ask for help (CONT-011).
pub const SUPPORT_TEAM_PHONE: &str = "0116 3053052";
pub const SUPPORT_TEAM_EMAIL: &str = "Adoptionsupport@leics.gov.uk";

/// The relationships CONT-008 names as taking part without a reason.
pub const RELATIVES: &[&str] = &[
    "birth mother",
    "birth father",
    "mother",
    "father",
    "brother",
    "sister",
    "half-brother",
    "half-sister",
    "grandmother",
    "grandfather",
    "aunt",
    "uncle",
    "cousin",
];

const WORKER: &[Role] = &[SocialWorker, TeamManager];
const COORDINATOR: &[Role] = &[PostOrderSupportWorker];
const EITHER: &[Role] = &[SocialWorker, TeamManager, PostOrderSupportWorker];

/// WF-LETTERBOX, with the suspension a worker may put an agreement under
/// while a concern is looked at.
pub static LETTERBOX: Workflow = Workflow {
    id: "WF-LETTERBOX",
    title: "Letterbox agreement, exchange and withdrawal",
    states: &[
        State {
            code: "signed",
            label: "Agreement signed: coordinator's copy to file",
        },
        State {
            code: "active",
            label: "Active",
        },
        State {
            code: "suspended",
            label: "Suspended",
        },
        State {
            code: "withdrawal_discussion",
            label: "Withdrawal: social worker discussion",
        },
        State {
            code: "informing",
            label: "Withdrawn: the other party to be told",
        },
        State {
            code: "closed",
            label: "Closed - withdrawn",
        },
    ],
    transitions: &[
        Transition {
            name: "activate",
            label: "Record the coordinator's copy filed and start the Letterbox",
            from: &["signed"],
            to: "active",
            roles: COORDINATOR,
        },
        Transition {
            name: "suspend",
            label: "Suspend the Letterbox",
            from: &["active"],
            to: "suspended",
            roles: EITHER,
        },
        Transition {
            name: "resume",
            label: "Resume the Letterbox",
            from: &["suspended"],
            to: "active",
            roles: EITHER,
        },
        Transition {
            name: "request_withdrawal",
            label: "Record a request to withdraw",
            from: &["active", "suspended"],
            to: "withdrawal_discussion",
            roles: WORKER,
        },
        Transition {
            name: "continue",
            label: "Continue the Letterbox (in the child's best interests)",
            from: &["withdrawal_discussion"],
            to: "active",
            roles: WORKER,
        },
        Transition {
            name: "withdraw",
            label: "Record the decision to withdraw permanently",
            from: &["withdrawal_discussion"],
            to: "informing",
            roles: WORKER,
        },
        Transition {
            name: "informed",
            label: "Record the other party told and close",
            from: &["informing"],
            to: "closed",
            roles: EITHER,
        },
    ],
};

/// Which way letters go (CONT-009).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Adoptive parents and birth relatives both send.
    TwoWay,
    /// Only the adoptive parents send.
    OneWay,
}

impl Direction {
    pub fn label(self) -> &'static str {
        match self {
            Direction::TwoWay => "Two-way",
            Direction::OneWay => "One-way: the adoptive parents send",
        }
    }
}

/// Someone who takes part (CONT-008).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub name: String,
    pub relationship: String,
    /// Why continuing written contact helps, for someone not a relative.
    pub reason: String,
}

/// The terms the families and their social workers sign (CONT-009).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Terms {
    pub participants: Vec<Participant>,
    pub exchanges_a_year: u32,
    /// Confirms a frequency above the usual once or twice a year (CONT-006).
    pub above_usual_confirmed: bool,
    pub direction: Option<Direction>,
    pub photographs: bool,
    pub photographs_reason: String,
    /// The adoptive family's surnames and places, kept back from letters.
    pub surnames: Vec<String>,
    pub places: Vec<String>,
    pub signed: Option<NaiveDate>,
}

/// Why terms, an item or a step were refused, naming the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LetterboxError {
    #[error("add at least one participant with their relationship to the child")]
    NoParticipant,
    #[error(
        "say why continued written contact with {0} (not a relative) helps the child (CONT-008)"
    )]
    NoReason(String),
    #[error("enter how many exchanges a year, from 1 to 12")]
    Frequency,
    #[error("{0} exchanges a year is above the usual once or twice a year – confirm (CONT-006)")]
    AboveUsual(u32),
    #[error("choose whether the Letterbox is two-way or one-way (CONT-009)")]
    NoDirection,
    #[error("say why photographs will be exchanged: they are not usually (CONT-009)")]
    PhotographsReason,
    #[error("enter the date the agreement was signed")]
    NotSigned,
    #[error("the Contact Agreement does not include letters: add letter contact to it first")]
    NoLetterContact,
    #[error("enter the date the coordinator's copy was filed (CONT-009)")]
    NotFiled,
    #[error("the date cannot be in the future")]
    Future,
    #[error("the date cannot be before the agreement's last step")]
    BeforeLast,
    #[error("give the reason")]
    NoReason2,
    #[error("enter who asked to withdraw")]
    NoRequester,
    #[error("enter the sender")]
    NoSender,
    #[error("enter the letter's text as received")]
    NoText,
    #[error("the Letterbox is one-way: only the adoptive parents send (CONT-009)")]
    OneWay,
    #[error("items are received only while the Letterbox is active or suspended")]
    NotOpen,
    #[error("there is no item {0}")]
    NoItem(u32),
    #[error("item {0} has been decided already")]
    Decided(u32),
    #[error("give the reasons for the decision")]
    NoReasons,
    #[error(
        "the screener flagged {0} things: say what was redacted before it is forwarded (CONT-007)"
    )]
    NoRedactions(usize),
    #[error("item {0} cannot be forwarded before it passes screening (CONT-007)")]
    NotPassed(u32),
    #[error("the Letterbox is suspended: nothing is forwarded until it is resumed")]
    Suspended,
}

/// Who sent an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    AdoptiveFamily,
    BirthFamily,
}

impl Side {
    pub fn label(self) -> &'static str {
        match self {
            Side::AdoptiveFamily => "Adoptive family",
            Side::BirthFamily => "Birth family",
        }
    }
}

/// Where an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    Screening,
    /// Passed (or passed after redaction), to be sent on.
    Passed,
    Forwarded,
    /// Withheld; the sender told, with the support team's contact.
    Held,
}

impl ItemState {
    pub fn label(self) -> &'static str {
        match self {
            ItemState::Screening => "Awaiting the coordinator's check",
            ItemState::Passed => "Passed: to forward",
            ItemState::Forwarded => "Forwarded",
            ItemState::Held => "Held",
        }
    }
}

/// The coordinator's decision on an item (CONT-007).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub forward: bool,
    pub reasons: String,
    /// What was taken out before forwarding (empty when nothing was).
    pub redactions: String,
    pub date: NaiveDate,
}

/// A letter (or card) through the Letterbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub number: u32,
    pub from: Side,
    pub sender: String,
    pub received: NaiveDate,
    /// The text as received: kept on the record, never in a log.
    pub text: String,
    pub photographs_enclosed: bool,
    /// What the screener found on receipt.
    pub flags: Vec<Flag>,
    pub state: ItemState,
    pub decision: Option<Decision>,
    pub forwarded: Option<NaiveDate>,
}

/// A request to withdraw and its outcome (CONT-010).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Withdrawal {
    pub requested_by: String,
    pub reason: String,
    pub requested: NaiveDate,
    pub decided: Option<NaiveDate>,
    pub informed: Option<NaiveDate>,
}

/// A child's Letterbox, built on their Contact Agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letterbox {
    /// The child's identifier, `L` and two digits.
    pub id: String,
    pub child_id: ChildId,
    /// The Contact Agreement (DATA-009) it is the letter part of.
    pub agreement: String,
    pub participants: Vec<Participant>,
    pub exchanges_a_year: u32,
    pub direction: Direction,
    pub photographs: bool,
    pub photographs_reason: String,
    pub surnames: Vec<String>,
    pub places: Vec<String>,
    pub signed: NaiveDate,
    pub copy_filed: Option<NaiveDate>,
    /// The code of its WF-LETTERBOX state.
    pub stage: String,
    pub last_step: NaiveDate,
    pub suspension_reason: Option<String>,
    pub withdrawal: Option<Withdrawal>,
    pub items: Vec<Item>,
}

fn check_date(date: NaiveDate, after: NaiveDate, today: NaiveDate) -> Result<(), LetterboxError> {
    if date > today {
        return Err(LetterboxError::Future);
    }
    if date < after {
        return Err(LetterboxError::BeforeLast);
    }
    Ok(())
}

fn given(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

impl Letterbox {
    /// A Letterbox drafted from signed terms on the Contact Agreement
    /// `agreement`, which must include letters (CONT-006, CONT-008,
    /// CONT-009).
    pub fn sign(
        id: String,
        child_id: ChildId,
        (agreement, has_letters): (String, bool),
        terms: Terms,
        today: NaiveDate,
    ) -> Result<Letterbox, LetterboxError> {
        if !has_letters {
            return Err(LetterboxError::NoLetterContact);
        }
        let participants: Vec<Participant> = terms
            .participants
            .into_iter()
            .filter(|p| !p.name.trim().is_empty())
            .collect();
        if participants.is_empty() {
            return Err(LetterboxError::NoParticipant);
        }
        for p in &participants {
            if p.relationship.trim().is_empty() {
                return Err(LetterboxError::NoParticipant);
            }
            let relative = RELATIVES.contains(&p.relationship.trim().to_lowercase().as_str());
            if !relative && p.reason.trim().is_empty() {
                return Err(LetterboxError::NoReason(p.relationship.trim().to_owned()));
            }
        }
        if !(1..=12).contains(&terms.exchanges_a_year) {
            return Err(LetterboxError::Frequency);
        }
        if terms.exchanges_a_year > 2 && !terms.above_usual_confirmed {
            return Err(LetterboxError::AboveUsual(terms.exchanges_a_year));
        }
        let direction = terms.direction.ok_or(LetterboxError::NoDirection)?;
        if terms.photographs && terms.photographs_reason.trim().is_empty() {
            return Err(LetterboxError::PhotographsReason);
        }
        let signed = terms.signed.ok_or(LetterboxError::NotSigned)?;
        check_date(signed, signed, today)?;
        let words = |v: Vec<String>| v.iter().filter_map(|s| given(s)).collect();
        Ok(Letterbox {
            id,
            child_id,
            agreement,
            participants,
            exchanges_a_year: terms.exchanges_a_year,
            direction,
            photographs: terms.photographs,
            photographs_reason: terms.photographs_reason.trim().to_owned(),
            surnames: words(terms.surnames),
            places: words(terms.places),
            signed,
            copy_filed: None,
            stage: "signed".into(),
            last_step: signed,
            suspension_reason: None,
            withdrawal: None,
            items: Vec::new(),
        })
    }

    /// The state in words.
    pub fn stage_label(&self) -> &str {
        LETTERBOX.label(&self.stage)
    }

    /// The steps `user` may take now.
    pub fn moves(&self, user: &User) -> Vec<&'static Transition> {
        LETTERBOX.available(&self.stage, &[user.role])
    }

    /// Whether `user` checks and forwards items (the coordinator).
    pub fn coordinates(user: &User) -> bool {
        COORDINATOR.contains(&user.role)
    }

    /// Takes the step `name` on `date` as `user`, with the reason or the
    /// requesting party it needs (CONT-009, CONT-010).
    pub fn take(
        &mut self,
        user: &User,
        name: &str,
        date: NaiveDate,
        today: NaiveDate,
        (who, reason): (&str, &str),
    ) -> Result<&str, Refusal> {
        let step = LETTERBOX.take(&self.stage, name, &[user.role])?;
        let refuse = |e: LetterboxError| Refusal::NotNow(e.to_string());
        check_date(date, self.last_step, today).map_err(refuse)?;
        match step.name {
            "activate" => self.copy_filed = Some(date),
            "suspend" => {
                self.suspension_reason =
                    Some(given(reason).ok_or(refuse(LetterboxError::NoReason2))?);
            }
            "resume" => self.suspension_reason = None,
            "request_withdrawal" => {
                let requested_by = given(who).ok_or(refuse(LetterboxError::NoRequester))?;
                let reason = given(reason).ok_or(refuse(LetterboxError::NoReason2))?;
                self.withdrawal = Some(Withdrawal {
                    requested_by,
                    reason,
                    requested: date,
                    decided: None,
                    informed: None,
                });
            }
            "continue" => self.withdrawal = None,
            "withdraw" => {
                if let Some(w) = &mut self.withdrawal {
                    w.decided = Some(date);
                }
            }
            "informed" => {
                if let Some(w) = &mut self.withdrawal {
                    w.informed = Some(date);
                }
            }
            _ => {}
        }
        self.stage = step.to.to_owned();
        self.last_step = date;
        Ok(&self.stage)
    }

    /// What the screener is told of this Letterbox.
    pub fn screen_terms(&self, photographs_enclosed: bool) -> ScreenTerms {
        ScreenTerms {
            surnames: self.surnames.clone(),
            places: self.places.clone(),
            photographs_agreed: self.photographs,
            photographs_enclosed,
        }
    }

    /// Logs an item received and screens it (CONT-007); returns its number.
    pub fn receive(
        &mut self,
        from: Side,
        sender: &str,
        (received, today): (NaiveDate, NaiveDate),
        text: &str,
        photographs_enclosed: bool,
    ) -> Result<u32, LetterboxError> {
        if !matches!(self.stage.as_str(), "active" | "suspended") {
            return Err(LetterboxError::NotOpen);
        }
        if self.direction == Direction::OneWay && from == Side::BirthFamily {
            return Err(LetterboxError::OneWay);
        }
        let sender = given(sender).ok_or(LetterboxError::NoSender)?;
        if text.trim().is_empty() {
            return Err(LetterboxError::NoText);
        }
        check_date(received, self.signed, today)?;
        let number = self.items.len() as u32 + 1;
        let flags = screen_letter(text, &self.screen_terms(photographs_enclosed));
        self.items.push(Item {
            number,
            from,
            sender,
            received,
            text: text.to_owned(),
            photographs_enclosed,
            flags,
            state: ItemState::Screening,
            decision: None,
            forwarded: None,
        });
        Ok(number)
    }

    fn item_mut(&mut self, number: u32) -> Result<&mut Item, LetterboxError> {
        self.items
            .iter_mut()
            .find(|i| i.number == number)
            .ok_or(LetterboxError::NoItem(number))
    }

    /// The coordinator's decision on an item: forward (with what was
    /// redacted, when the screener flagged anything) or hold, with reasons
    /// (CONT-007).
    pub fn decide(
        &mut self,
        number: u32,
        forward: bool,
        (reasons, redactions): (&str, &str),
        (date, today): (NaiveDate, NaiveDate),
    ) -> Result<ItemState, LetterboxError> {
        let item = self.item_mut(number)?;
        if item.state != ItemState::Screening {
            return Err(LetterboxError::Decided(number));
        }
        check_date(date, item.received, today)?;
        let reasons = given(reasons).ok_or(LetterboxError::NoReasons)?;
        let redactions = redactions.trim().to_owned();
        if forward && !item.flags.is_empty() && redactions.is_empty() {
            return Err(LetterboxError::NoRedactions(item.flags.len()));
        }
        item.state = if forward {
            ItemState::Passed
        } else {
            ItemState::Held
        };
        item.decision = Some(Decision {
            forward,
            reasons,
            redactions,
            date,
        });
        Ok(item.state)
    }

    /// Records an item sent on (CONT-007: only once it passed screening).
    pub fn forward(
        &mut self,
        number: u32,
        (date, today): (NaiveDate, NaiveDate),
    ) -> Result<(), LetterboxError> {
        if self.stage == "suspended" {
            return Err(LetterboxError::Suspended);
        }
        let item = self.item_mut(number)?;
        if item.state != ItemState::Passed {
            return Err(LetterboxError::NotPassed(number));
        }
        let decided = item.decision.as_ref().map_or(item.received, |d| d.date);
        check_date(date, decided, today)?;
        item.state = ItemState::Forwarded;
        item.forwarded = Some(date);
        Ok(())
    }

    /// What the sender of a held item is told (CONT-011).
    pub fn held_notice(item: &Item) -> String {
        format!(
            "Your letter received on {} has not been passed on. If you are worried or would like \
             advice about the Letterbox, contact the Post-Adoption Support Team on {} or at {}.",
            item.received.format("%-d %B %Y"),
            SUPPORT_TEAM_PHONE,
            SUPPORT_TEAM_EMAIL
        )
    }

    /// The next exchange the agreement expects (CONT-006): a year divided by
    /// the agreed frequency after the last item forwarded from the adoptive
    /// family, or after the Letterbox started. None unless active.
    pub fn next_exchange(&self) -> Option<NaiveDate> {
        if self.stage != "active" {
            return None;
        }
        let last = self
            .items
            .iter()
            .filter(|i| i.from == Side::AdoptiveFamily)
            .filter_map(|i| i.forwarded)
            .max()
            .or(self.copy_filed)?;
        last.checked_add_months(Months::new(12 / self.exchanges_a_year.max(1)))
    }

    /// Its worklist lines on `as_of` for the child's `team`: the next
    /// exchange (CONT-006), items awaiting the coordinator, and the other
    /// party to be told of a withdrawal (CONT-010).
    pub fn lines(
        &self,
        child_name: &str,
        team: Option<String>,
        as_of: NaiveDate,
    ) -> Vec<SubjectItem> {
        let mut out = Vec::new();
        let at = super::LineOf {
            child_id: &self.child_id,
            child_name,
            record: format!("{}/letterbox/{}", self.child_id, self.id),
            team,
            as_of,
        };
        let mut line = |rule, title: String, due: NaiveDate, responsible| {
            out.push(at.line(rule, title, due, responsible));
        };
        if let Some(due) = self.next_exchange() {
            line(
                "CONT-006",
                "Letterbox exchange due from the adoptive family".into(),
                due,
                PostOrderSupportWorker,
            );
        }
        for item in self.items.iter() {
            match item.state {
                ItemState::Screening => line(
                    "CONT-007",
                    format!(
                        "Check Letterbox item {} before it is passed on",
                        item.number
                    ),
                    item.received,
                    PostOrderSupportWorker,
                ),
                ItemState::Passed => line(
                    "CONT-007",
                    format!("Forward Letterbox item {}", item.number),
                    item.decision.as_ref().map_or(item.received, |d| d.date),
                    PostOrderSupportWorker,
                ),
                _ => {}
            }
        }
        if let (Some(w), "informing") = (&self.withdrawal, self.stage.as_str()) {
            line(
                "CONT-010",
                "Tell the other party the Letterbox is withdrawn".into(),
                w.decided.unwrap_or(w.requested),
                SocialWorker,
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deadlines::Standing;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn user(role: Role) -> User {
        User {
            username: "u".into(),
            display_name: "U".into(),
            role,
            team: None,
            worker_id: None,
        }
    }

    pub(super) fn terms() -> Terms {
        Terms {
            participants: vec![Participant {
                name: "Karen".into(),
                relationship: "birth mother".into(),
                reason: String::new(),
            }],
            exchanges_a_year: 1,
            direction: Some(Direction::TwoWay),
            surnames: vec!["Hartley".into()],
            signed: Some(d("2025-05-14")),
            ..Terms::default()
        }
    }

    fn active() -> Letterbox {
        let mut l = Letterbox::sign(
            "C1-L01".into(),
            "C1".parse().unwrap(),
            ("C1-A01".into(), true),
            terms(),
            d("2025-05-14"),
        )
        .unwrap();
        l.take(
            &user(PostOrderSupportWorker),
            "activate",
            d("2025-05-20"),
            d("2025-05-20"),
            ("", ""),
        )
        .unwrap();
        l
    }

    #[test]
    fn cont_006_a_yearly_letterbox_expects_its_next_exchange_a_year_after_the_last() {
        let mut l = active();
        assert_eq!(l.next_exchange(), Some(d("2026-05-20")));
        let n = l
            .receive(
                Side::AdoptiveFamily,
                "Sam's parents",
                (d("2026-05-01"), d("2026-05-01")),
                "Sam is well.",
                false,
            )
            .unwrap();
        l.decide(
            n,
            true,
            ("nothing identifying", ""),
            (d("2026-05-02"), d("2026-05-02")),
        )
        .unwrap();
        l.forward(n, (d("2026-05-03"), d("2026-05-03"))).unwrap();
        assert_eq!(l.next_exchange(), Some(d("2027-05-03")));
        let lines = l.lines("Sam", None, d("2027-04-25"));
        assert_eq!(
            (lines[0].rule, lines[0].standing),
            (Some("CONT-006"), Standing::DueSoon)
        );
    }

    #[test]
    fn cont_008_a_former_foster_carer_takes_part_only_with_a_reason() {
        let mut t = terms();
        t.participants.push(Participant {
            name: "Jo".into(),
            relationship: "former foster carer".into(),
            reason: String::new(),
        });
        let sign = |t: Terms| {
            Letterbox::sign(
                "x".into(),
                "C1".parse().unwrap(),
                ("a".into(), true),
                t,
                d("2025-05-14"),
            )
        };
        assert_eq!(
            sign(t.clone()).unwrap_err(),
            LetterboxError::NoReason("former foster carer".into())
        );
        t.participants[1].reason = "cared for Sam for three years".into();
        assert!(sign(t).is_ok());
    }
}
