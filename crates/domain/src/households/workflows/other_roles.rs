//! The lifecycles of the other roles a household holds: special
//! guardianship and child arrangements order support (WF-SG), Staying Put
//! (WF-STAYPUT), Supported Lodgings (WF-SL), a panel member
//! (WF-PANEL-MEMBER) and a birth parent or relative. Re-exported by
//! [`super`].

use super::*;

/// WF-SG: special guardianship (and child arrangements order) support.
pub static SG: Workflow = Workflow {
    id: "WF-SG",
    title: "Special guardianship support",
    states: &[
        s("support_window", "Three-year support window"),
        s("lifelong_advice", "Lifelong advice offer"),
        s("closed", "Closed"),
        s("withdrawn", "Closed - withdrawn"),
    ],
    transitions: &[
        t(
            "record_order",
            "Record the order and the child it names",
            &["support_window"],
            "",
            WORKERS,
        ),
        t(
            "support_plan",
            "Record the support plan with the order",
            &["support_window", "lifelong_advice"],
            "",
            WORKERS,
        ),
        t(
            "offer_support",
            "Record the support offered",
            &["support_window", "lifelong_advice"],
            "",
            WORKERS,
        ),
        t(
            "sign_up_news",
            "Sign the carer up to Special Guardianship Orders News at their request",
            &["support_window", "lifelong_advice"],
            "",
            WORKERS,
        ),
        t(
            "financial_support",
            "Record means-tested financial support under the order",
            &["support_window", "lifelong_advice"],
            "",
            WORKERS,
        ),
        t(
            "call",
            "Record the six-monthly call",
            &["support_window"],
            "",
            WORKERS,
        ),
        t(
            "end_window",
            "End the three-year window",
            &["support_window"],
            "lifelong_advice",
            WORKERS,
        ),
        t(
            "close",
            "Close",
            &["support_window", "lifelong_advice"],
            "closed",
            WORKERS,
        ),
    ],
};

/// WF-STAYPUT: a former foster carer with a care leaver staying on past 18.
pub static STAYPUT: Workflow = Workflow {
    id: "WF-STAYPUT",
    title: "Staying Put",
    states: &[
        s("agreed", "Staying Put agreed"),
        s("ended", "Ended (moved on)"),
        s("withdrawn", "Closed - withdrawn"),
    ],
    transitions: &[
        t(
            "visit",
            "Record the monitoring visit",
            &["agreed"],
            "",
            WORKERS,
        ),
        t(
            "end",
            "Record the arrangement ended",
            &["agreed"],
            "ended",
            WORKERS,
        ),
    ],
};

/// WF-SL: a Supported Lodgings host.
pub static SL: Workflow = Workflow {
    id: "WF-SL",
    title: "Supported Lodgings host",
    states: &[
        s("enquiry", "Enquiry"),
        s("assessment", "Assessment"),
        s("approved", "Approved"),
        s("matched", "Matched with a young person"),
        s("deregistered", "Deregistered"),
        s("private", "Continues privately after 21"),
        s("withdrawn", "Closed - withdrawn"),
    ],
    transitions: &[
        t(
            "assess",
            "Start the assessment",
            &["enquiry"],
            "assessment",
            WORKERS,
        ),
        t(
            "approve",
            "Approve the host",
            &["assessment"],
            "approved",
            WORKERS,
        ),
        t(
            "match",
            "Match with a young person",
            &["approved"],
            "matched",
            WORKERS,
        ),
        t(
            "end_match",
            "End the match",
            &["matched"],
            "approved",
            WORKERS,
        ),
        t(
            "review",
            "Record the annual host review",
            &["approved", "matched"],
            "",
            WORKERS,
        ),
        t(
            "deregister",
            "Deregister",
            &["approved", "matched"],
            "deregistered",
            WORKERS,
        ),
        t(
            "continue_privately",
            "Record the host continues privately",
            &["matched"],
            "private",
            WORKERS,
        ),
        t(
            "withdraw",
            "Close - withdrawn",
            &["enquiry", "assessment"],
            "withdrawn",
            WORKERS,
        ),
    ],
};

/// WF-PANEL-MEMBER: a member of the central list of the adoption or
/// fostering panel, reviewed every year.
pub static PANEL_MEMBER: Workflow = Workflow {
    id: "WF-PANEL-MEMBER",
    title: "Panel member",
    states: &[
        s("appointed", "Appointed"),
        s("left", "Left the central list"),
        s("withdrawn", "Closed - withdrawn"),
    ],
    transitions: &[
        t(
            "review",
            "Record the annual review",
            &["appointed"],
            "",
            PANEL,
        ),
        t(
            "leave",
            "Record leaving the central list",
            &["appointed"],
            "left",
            PANEL,
        ),
    ],
};

/// A birth parent or relative: the spec gives no workflow, only whether
/// they are still involved in a child's life.
pub static BIRTH_FAMILY: Workflow = Workflow {
    id: "BIRTH-FAMILY",
    title: "Birth parent or relative",
    states: &[
        s("involved", "Involved"),
        s("closed", "No longer involved"),
        s("withdrawn", "Closed - withdrawn"),
    ],
    transitions: &[t(
        "close",
        "Record no longer involved",
        &["involved"],
        "closed",
        WORKERS,
    )],
};
