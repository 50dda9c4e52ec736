//! FOST-013: the fostering panel sits only when quorate. A recommendation
//! the panel makes on a carer (their approval, or a review it hears) on the
//! day of a Fostering Panel meeting whose attendance is recorded is refused
//! when that attendance is short of the quorum the panel's configuration
//! sets (its chair, an agency decision maker and the members beyond them,
//! PANEL-008): an inquorate panel cannot be opened, so its items wait for
//! the next meeting.

use chrono::NaiveDate;
use domain::permanence::panels::{ForumKind, Meeting, is_quorate};
use store::{PermanenceRepository, RecordKind};

use crate::AppError;

/// Refuses the fostering panel's recommendation on `date` when that day's
/// meeting was recorded without its quorum.
pub(super) fn check_panel_quorate(tx: &mut store::Tx<'_>, date: NaiveDate) -> Result<(), AppError> {
    let id = Meeting::new(ForumKind::FosteringPanel, date).id();
    let Some(meeting) = tx.record::<Meeting>(RecordKind::Meeting, &id)? else {
        return Ok(());
    };
    let attendees = meeting.value.document.attendees;
    if attendees.is_empty() {
        return Ok(());
    }
    let forum = crate::permanence::panel_forum(tx, ForumKind::FosteringPanel)?;
    if is_quorate(&forum, &attendees) {
        return Ok(());
    }
    Err(AppError::Invalid(format!(
        "date: the Fostering Panel of {} was not quorate (it needs its chair, an agency decision maker and {} more {}), so it cannot be opened: list the case at the next panel (FOST-013)",
        date.format("%-d %B %Y"),
        forum.quorum_others,
        if forum.quorum_others == 1 {
            "member"
        } else {
            "members"
        },
    )))
}
