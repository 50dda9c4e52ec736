//! The committee report of a period (RPT-): the period's measures (as the
//! performance page has them) laid out as chapter 40's report layouts
//! describe: the committee and whose report it is (RPT-001), the cover
//! report with its headings in order and paragraphs numbered (RPT-002),
//! and each section's tables: the High Level Data (RPT-004), the adoption
//! scorecard (RPT-006), the children waiting over six months without names
//! (RPT-015) and by sex (NEED-008), the kinship overview (RPT-008), the
//! social care demand table (RPT-010), the IRO's participation trend
//! (RPT-022), the Virtual School's appendices (RPT-013), the funds paid
//! and the savings target (COST-002 to COST-004), the context figures with
//! their source, and the corporate parenting grid, self-assessment and
//! storyboard (RPT-012, RPT-017, RPT-018). A figure the records cannot
//! give is "Not measured" with why, and a part of the papers they cannot
//! lay out says so (RPT-011, RPT-016, RPT-021).

use domain::access::User;
use domain::child::ChildId;
use domain::codes::Sex;
use domain::passport::ledger::{Fund, LedgerEntry, pounds};
use domain::reporting::committee_layout::{
    self as layout, COMMITTEE, CoverSection, HIGH_LEVEL_DATA, NO_COMPARATORS, NOT_LAID_OUT,
    OUTCOMES_GRID, REPORT_OF, RowSource, RowSourceList, SELF_ASSESSMENT_COLUMNS,
    SELF_ASSESSMENT_SERVICES, STORYBOARD_PROMPTS, VS_APPENDICES, WaitingLine,
};
use domain::reporting::conventions::{Direction, Period, Rag};
use domain::reporting::costs_and_context::{
    self as costs, Context, FUNDING_CONTEXT, NATIONAL_CONTEXT, NOT_MEASURED, SAVINGS_TARGET_PENCE,
    SAVINGS_TARGET_SOURCE, VOICE_THEMES,
};
use domain::reporting::measures::{Counted, measure};
use domain::time::Clock;
use store::{ChildRepository, LedgerRepository, Store};

use super::measures::{MeasureRow, PerformanceView, figures, performance};
use crate::AppError;

/// One table of the report, in the section it belongs to.
#[derive(Debug, Clone)]
pub struct ReportTable {
    /// The report section's title ("Adoption"), or "Appendices".
    pub section: &'static str,
    /// The rule it lays out, in links and downloads ("rpt-004").
    pub id: &'static str,
    pub caption: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// What the reader needs to know: what is not measured and why.
    pub notes: Vec<String>,
}

/// The committee report of a period.
#[derive(Debug, Clone)]
pub struct CommitteeView {
    pub performance: PerformanceView,
    /// RPT-001: the committee and whose report it is.
    pub committee: &'static str,
    pub report_of: &'static str,
    /// RPT-002: the cover report.
    pub cover: Vec<CoverSection>,
    pub tables: Vec<ReportTable>,
}

impl CommitteeView {
    /// The table laying out `id`, if the report has one.
    pub fn table(&self, id: &str) -> Option<&ReportTable> {
        self.tables.iter().find(|t| t.id == id)
    }
}

const NOT_MEASURED_CELL: &str = "Not measured";

fn find<'a>(view: &'a PerformanceView, key: &str) -> Option<&'a MeasureRow> {
    view.rows.iter().find(|r| r.measure.key == key)
}

/// A measure's figure of the trend's `i`-th period (oldest first), as shown.
fn cell(view: &PerformanceView, key: &str, i: usize) -> String {
    find(view, key)
        .and_then(|r| {
            let (_, v) = r.trend.get(i)?;
            Some(v.map_or_else(|| "No figure".to_owned(), |v| r.measure.unit.show(v)))
        })
        .unwrap_or_else(|| NOT_MEASURED_CELL.to_owned())
}

fn value(view: &PerformanceView, key: &str, i: usize) -> Option<f64> {
    find(view, key).and_then(|r| r.trend.get(i)?.1)
}

fn labels(view: &PerformanceView) -> Vec<String> {
    view.rows
        .first()
        .map(|r| r.trend.iter().map(|(p, _)| p.label()).collect())
        .unwrap_or_default()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// RPT-002: the cover report, its paragraphs from the period's figures.
fn cover(view: &PerformanceView, user: &User) -> Result<Vec<CoverSection>, AppError> {
    let period = view.period.label();
    let measured = view.rows.iter().filter(|r| r.value.is_some()).count();
    let rag = |of: Rag| view.rows.iter().filter(|r| r.rag == Some(of)).count();
    let moved = |d: Direction| view.rows.iter().filter(|r| r.direction == Some(d)).count();
    let avoided = cell(view, "cost-01", view.rows[0].trend.len().saturating_sub(1));
    let sections = vec![
        ("Purpose of Report", vec![format!(
            "The purpose of this report is to present the performance of Children and Family Services for {period} ({} to {}), computed from the records as at {}.",
            view.period.start(), view.period.end(), view.as_at
        )]),
        ("Policy Framework and Previous Decisions", vec![
            "The measures are those of the adoption scorecard, the children looked after return (SSDA903) and the council's own targets, as chapter 40 of the service's specification defines them.".to_owned(),
        ]),
        ("Background", vec![
            "Every figure is computed from the records and can be traced to the children, carers or complaints behind it; each measure is shown with the two periods before it.".to_owned(),
        ]),
        ("Summary of Report", vec![
            format!("{measured} of the {} measures have a figure for {period}.", view.rows.len()),
            format!("Against their targets, {} are green, {} amber and {} red.", rag(Rag::Green), rag(Rag::Amber), rag(Rag::Red)),
            format!("{} measures improved on the period before and {} worsened.", moved(Direction::Better), moved(Direction::Worse)),
        ]),
        ("Resource Implications", vec![format!(
            "Children placed with connected carers rather than an independent fostering agency avoided {avoided} of agency cost in the period (COST-001); the costs section shows the funds paid and the savings target."
        )]),
        ("Conclusions", vec![format!("The Committee is asked to note the performance for {period}.")]),
        ("Background Papers", vec!["None.".to_owned()]),
        ("Circulation under the Local Issues Alert Procedure", vec!["None.".to_owned()]),
        ("Equality and Human Rights Implications", vec![
            "There are no equality or human rights implications arising directly from this report; the needs analysis profiles the children by age, sex, ethnicity and disability.".to_owned(),
        ]),
        ("Other Relevant Impact Assessments", vec!["None.".to_owned()]),
        ("Appendices", vec!["The measures of each section, each with its chart and its table, follow the cover report.".to_owned()]),
        ("Officers to Contact", vec![format!(
            "{}, {}. Telephone and email: not recorded in the product.",
            user.display_name, user.role.title()
        )]),
    ];
    layout::cover_report(sections).map_err(AppError::Invalid)
}

/// RPT-004: the High Level Data table.
fn high_level_data(view: &PerformanceView) -> ReportTable {
    let last = view.rows[0].trend.len() - 1;
    let l = labels(view);
    let rows = HIGH_LEVEL_DATA
        .iter()
        .map(|(indicator, source)| {
            let (now, before) = match source {
                RowSource::Measure(key) => (
                    cell(view, key, last),
                    cell(view, key, last.saturating_sub(1)),
                ),
                RowSource::NotMeasured(why) => {
                    (format!("Not measured: {why}"), NOT_MEASURED_CELL.to_owned())
                }
            };
            vec![
                (*indicator).to_owned(),
                now,
                before,
                NOT_MEASURED_CELL.to_owned(),
                NOT_MEASURED_CELL.to_owned(),
            ]
        })
        .collect();
    ReportTable {
        section: "Children in care",
        id: "rpt-004",
        caption: "High Level Data".to_owned(),
        head: vec![
            "Indicator".to_owned(),
            l[last].clone(),
            format!("{} end of year", l[last.saturating_sub(1)]),
            format!("England {}", l[last.saturating_sub(1)]),
            format!("Statistical Neighbours {}", l[last.saturating_sub(1)]),
        ],
        rows,
        notes: vec![format!(
            "England and Statistical Neighbours: not measured: {NO_COMPARATORS}."
        )],
    }
}

/// RPT-006 (2025 format): A1, A2 and A20, the year before and this year
/// with the change.
fn scorecard(view: &PerformanceView) -> ReportTable {
    let last = view.rows[0].trend.len() - 1;
    let l = labels(view);
    let rows = ["adp-01", "adp-02", "adp-03"]
        .iter()
        .map(|key| {
            let (before, now) = (
                value(view, key, last.saturating_sub(1)),
                value(view, key, last),
            );
            let counted = find(view, key).map_or(0, |r| r.numerator);
            vec![
                measure(key).map_or("", |m| m.name).to_owned(),
                before.map_or_else(
                    || "Not measured: no child counted in the year".to_owned(),
                    |b| format!("{b:.2} days"),
                ),
                layout::scorecard_cell(before, now),
                format!("The mean over {counted} children counted in {}.", l[last]),
            ]
        })
        .collect();
    ReportTable {
        section: "Adoption",
        id: "rpt-006",
        caption: "Adoption Score Card".to_owned(),
        head: vec![
            "Adoption Score Card".to_owned(),
            l[last.saturating_sub(1)].clone(),
            l[last].clone(),
            "Commentary".to_owned(),
        ],
        rows,
        notes: vec![format!(
            "Statistical neighbours: not measured: {NO_COMPARATORS}."
        )],
    }
}

/// RPT-015 and NEED-008: the children waiting with a placement order at
/// the period's end: over six months, line by line without names, and all
/// of them by sex.
fn waiting(
    store: &Store,
    view: &PerformanceView,
    waiting: &[ChildId],
) -> Result<Vec<ReportTable>, AppError> {
    let journeys = store.read(|tx| tx.journeys(waiting))?;
    let mut lines: Vec<WaitingLine> = journeys
        .iter()
        .filter_map(|j| layout::waiting_over_six_months(&j.value, view.as_at))
        .collect();
    lines.sort_by(|a, b| (a.ordered, a.gender).cmp(&(b.ordered, b.gender)));
    let by_sex = |sex: Sex| {
        journeys
            .iter()
            .filter(|j| j.value.child().sex == sex)
            .count()
            .to_string()
    };
    Ok(vec![
        ReportTable {
            section: "Adoption",
            id: "rpt-015",
            caption: format!(
                "Children waiting over 6 months with a placement order on {}",
                view.as_at
            ),
            head: strings(&["Gender", "Age", "Date of Placement Order", "Notes"]),
            rows: lines
                .into_iter()
                .map(|l| vec![l.gender.to_owned(), l.age, l.placement_order, l.notes])
                .collect(),
            notes: vec!["No child is named: the list shows gender, age, the date of the placement order and notes from the records.".to_owned()],
        },
        ReportTable {
            section: "Adoption",
            id: "need-008",
            caption: format!("Children with a placement order not placed on {}, by sex", view.as_at),
            head: strings(&["Male", "Female", "Not known", "Total"]),
            rows: vec![vec![
                by_sex(Sex::Male),
                by_sex(Sex::Female),
                by_sex(Sex::Unknown),
                journeys.len().to_string(),
            ]],
            notes: vec![],
        },
    ])
}

/// RPT-008: the kinship overview: three years of positive viability
/// assessments with each year's increase.
fn kinship_overview(view: &PerformanceView) -> ReportTable {
    let l = labels(view);
    let n: Vec<usize> = (0..l.len())
        .map(|i| value(view, "kin-01", i).unwrap_or(0.0) as usize)
        .collect();
    let mut rows = vec![
        std::iter::once("Positive initial viability assessments".to_owned())
            .chain(n.iter().map(usize::to_string))
            .collect::<Vec<_>>(),
    ];
    if n.len() == 3 {
        rows.push(vec![
            "Increase on the year before".to_owned(),
            "-".to_owned(),
            layout::increase(n[0], n[1]),
            layout::increase(n[1], n[2]),
        ]);
        rows.push(vec![
            "Increase on Year 1".to_owned(),
            "-".to_owned(),
            layout::increase(n[0], n[1]),
            layout::increase(n[0], n[2]),
        ]);
    }
    ReportTable {
        section: "Kinship and connected care",
        id: "rpt-008",
        caption: "Initial viability assessments overview".to_owned(),
        head: std::iter::once("Measure".to_owned())
            .chain(l.iter().enumerate().map(|(i, p)| format!("Year {} ({p})", i + 1)))
            .collect(),
        rows,
        notes: vec!["A negative viability assessment records no event, so only positive ones are counted (KPI-KIN-01).".to_owned()],
    }
}

/// RPT-010: Table 1, social care demand, with the % change.
fn demand(view: &PerformanceView) -> ReportTable {
    let last = view.rows[0].trend.len() - 1;
    let l = labels(view);
    let mut rows: Vec<Vec<String>> = [
        ("Children in care", "cic-01"),
        ("Children admitted to care", "cic-03"),
        ("Complaints received (Stage 1)", "cmpl-01-stage-1"),
        ("Stage 2 requests", "cmpl-01-stage-2"),
    ]
    .iter()
    .map(|(name, key)| {
        let (before, now) = (
            value(view, key, last.saturating_sub(1)),
            value(view, key, last),
        );
        vec![
            (*name).to_owned(),
            cell(view, key, last.saturating_sub(1)),
            cell(view, key, last),
            before.zip(now).map_or_else(
                || NOT_MEASURED_CELL.to_owned(),
                |(b, n)| layout::percent_change(b, n),
            ),
        ]
    })
    .collect();
    rows.insert(
        0,
        vec![
            "Referrals to children's social care".to_owned(),
            NOT_MEASURED_CELL.to_owned(),
            "Not measured: the product holds no contact and referral records".to_owned(),
            NOT_MEASURED_CELL.to_owned(),
        ],
    );
    ReportTable {
        section: "Complaints",
        id: "rpt-010",
        caption: "Table 1 Social care demand".to_owned(),
        head: vec![
            "Indicator".to_owned(),
            l[last.saturating_sub(1)].clone(),
            l[last].clone(),
            "% change".to_owned(),
        ],
        rows,
        notes: vec![],
    }
}

/// RPT-022: children contributing to their reviews, oldest year first.
fn iro(view: &PerformanceView) -> ReportTable {
    let l = labels(view);
    ReportTable {
        section: "Children in care",
        id: "rpt-022",
        caption: "IRO annual report: children contributing to their reviews".to_owned(),
        head: strings(&["Period", "Children contributing to their review"]),
        rows: l
            .iter()
            .enumerate()
            .map(|(i, p)| vec![p.clone(), cell(view, "cic-16", i)])
            .collect(),
        notes: vec![],
    }
}

/// RPT-013: the Virtual School report's appendices.
fn virtual_school(view: &PerformanceView) -> ReportTable {
    let last = view.rows[0].trend.len() - 1;
    let rows = VS_APPENDICES
        .iter()
        .map(|(title, source)| {
            let shown = match source {
                RowSourceList::Measures(keys) => keys
                    .iter()
                    .map(|k| {
                        format!(
                            "{}: {}",
                            measure(k).map_or(*k, |m| m.name),
                            cell(view, k, last)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
                RowSourceList::NotMeasured(why) => format!("Not measured: {why}"),
            };
            vec![(*title).to_owned(), shown]
        })
        .collect();
    ReportTable {
        section: "Virtual School",
        id: "rpt-013",
        caption: "Virtual School annual report: appendices".to_owned(),
        head: strings(&["Appendix", "Figures"]),
        rows,
        notes: vec![],
    }
}

fn context_rows(items: &[Context]) -> Vec<Vec<String>> {
    items
        .iter()
        .map(|(a, b, c)| vec![(*a).to_owned(), (*b).to_owned(), (*c).to_owned()])
        .collect()
}

/// COST-002 to COST-004 and the costs not measured.
fn cost_tables(view: &PerformanceView, entries: &[LedgerEntry]) -> Vec<ReportTable> {
    let last = view.rows[0].trend.len() - 1;
    let fund = |name: &str, f: Fund| {
        let d = costs::fund_drawdowns(entries, f, &view.period, view.as_at);
        vec![
            name.to_owned(),
            pounds(d.pence),
            d.families.to_string(),
            d.per_family()
                .map_or_else(|| "No family paid".to_owned(), pounds),
        ]
    };
    vec![
        ReportTable {
            section: "Costs",
            id: "cost-002",
            caption: "Savings".to_owned(),
            head: strings(&["Item", "Amount", "Source"]),
            rows: vec![
                vec![
                    "Council savings the permanence strategy contributes to (target)".to_owned(),
                    pounds(SAVINGS_TARGET_PENCE),
                    SAVINGS_TARGET_SOURCE.to_owned(),
                ],
                vec![
                    format!("Agency cost avoided by connected placements, {}", view.period.label()),
                    cell(view, "cost-01", last),
                    "The records: COST-001".to_owned(),
                ],
            ],
            notes: vec![],
        },
        ReportTable {
            section: "Costs",
            id: "cost-004",
            caption: format!("Funds paid, {}", view.period.label()),
            head: strings(&["Fund", "Paid", "Families", "Average per family"]),
            rows: vec![
                fund("Adoption Support Fund (COST-004)", Fund::AdoptionSupportFund),
                fund("Therapeutic fund (COST-003)", Fund::Therapeutic),
            ],
            notes: vec!["From the money ledger: payments less the reversals of payments; a family counts when it was paid something not taken back.".to_owned()],
        },
        ReportTable {
            section: "Costs",
            id: "cost-012",
            caption: "Funding context".to_owned(),
            head: strings(&["Figure", "Value", "Source"]),
            rows: context_rows(FUNDING_CONTEXT),
            notes: vec!["Context figures from the committee papers, not computed from the records.".to_owned()],
        },
        not_measured("Costs", "cost-not-measured", "COST-"),
    ]
}

fn not_measured(section: &'static str, id: &'static str, prefix: &str) -> ReportTable {
    ReportTable {
        section,
        id,
        caption: "Not measured".to_owned(),
        head: strings(&["Rule", "Figure", "Why it is not measured"]),
        rows: context_rows(
            &NOT_MEASURED
                .iter()
                .filter(|(rule, _, _)| rule.starts_with(prefix))
                .copied()
                .collect::<Vec<_>>(),
        ),
        notes: vec![],
    }
}

fn needs_tables() -> Vec<ReportTable> {
    vec![
        ReportTable {
            section: "Needs analysis",
            id: "need-017",
            caption: "National and regional context".to_owned(),
            head: strings(&["Figure", "Value", "Source"]),
            rows: context_rows(NATIONAL_CONTEXT),
            notes: vec![
                "Context figures from the committee papers, not computed from the records."
                    .to_owned(),
            ],
        },
        ReportTable {
            section: "Needs analysis",
            id: "need-018",
            caption: "What care leavers and carers told us".to_owned(),
            head: strings(&["Who", "Theme"]),
            rows: VOICE_THEMES
                .iter()
                .map(|(who, theme)| vec![(*who).to_owned(), (*theme).to_owned()])
                .collect(),
            notes: vec![],
        },
        not_measured("Needs analysis", "need-not-measured", "NEED-"),
    ]
}

/// RPT-012, RPT-017 and RPT-018: the appendices.
fn appendices(view: &PerformanceView) -> Vec<ReportTable> {
    let last = view.rows[0].trend.len() - 1;
    let mut tables = vec![ReportTable {
        section: "Appendices",
        id: "rpt-012",
        caption: "Corporate parenting outcomes".to_owned(),
        head: vec![
            "Outcome".to_owned(),
            "Children will".to_owned(),
            "Measure".to_owned(),
            view.period.label(),
        ],
        rows: OUTCOMES_GRID
            .iter()
            .map(|(outcome, commitment, key)| {
                let m = key.and_then(measure);
                vec![
                    (*outcome).to_owned(),
                    (*commitment).to_owned(),
                    m.map_or_else(|| "No measure".to_owned(), |m| m.id.to_owned()),
                    key.map_or_else(|| "No measure".to_owned(), |k| cell(view, k, last)),
                ]
            })
            .collect(),
        notes: vec![],
    }];
    let to_write = "For the service to complete: the product holds no self-assessment records.";
    tables.extend(SELF_ASSESSMENT_SERVICES.iter().map(|service| ReportTable {
        section: "Appendices",
        id: "rpt-017",
        caption: format!("Signs of Safety self-assessment: {service}"),
        head: strings(&SELF_ASSESSMENT_COLUMNS),
        rows: vec![],
        notes: vec![to_write.to_owned()],
    }));
    tables.push(ReportTable {
        section: "Appendices",
        id: "rpt-not-laid-out",
        caption: "Parts of the committee papers not laid out from the records".to_owned(),
        head: strings(&["Rule", "Part", "Why"]),
        rows: context_rows(NOT_LAID_OUT),
        notes: vec![],
    });
    tables.push(ReportTable {
        section: "Appendices",
        id: "rpt-018",
        caption: "Service storyboard".to_owned(),
        head: strings(&["Prompt", "The service's account"]),
        rows: STORYBOARD_PROMPTS
            .iter()
            .map(|p| vec![(*p).to_owned(), String::new()])
            .collect(),
        notes: vec![
            "For the service to complete: the product holds no storyboard records.".to_owned(),
        ],
    });
    tables
}

/// The committee report of `period`, for those who see the service's
/// figures; audited as a read of the figures and of the children waiting
/// (how many; none is named).
pub fn committee_report(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    period: Period,
    from: &str,
) -> Result<CommitteeView, AppError> {
    let view = performance(store, user, clock, period, from)?;
    let kept = figures(store, &[period], clock.today())?;
    let waiting_ids: Vec<ChildId> = kept[0]["adp-15"]
        .children
        .iter()
        .filter(|b| b.counted == Counted::Numerator)
        .filter_map(|b| b.who.child().cloned())
        .collect();
    let entries = store.read(|tx| tx.ledger_entries(None))?;
    let mut tables = vec![high_level_data(&view), iro(&view), scorecard(&view)];
    tables.extend(waiting(store, &view, &waiting_ids)?);
    tables.push(kinship_overview(&view));
    tables.push(demand(&view));
    tables.push(virtual_school(&view));
    tables.extend(cost_tables(&view, &entries));
    tables.extend(needs_tables());
    tables.extend(appendices(&view));
    store.append_audit(domain::audit::AuditEvent {
        at: clock.now(),
        actor: user.username.clone(),
        action: "view_committee_report".to_owned(),
        record_type: "performance".to_owned(),
        record_id: period.code(),
        details: serde_json::json!({
            "waiting_children": waiting_ids.len(),
            "named": 0,
            "from": from,
        })
        .to_string(),
    })?;
    Ok(CommitteeView {
        cover: cover(&view, user)?,
        performance: view,
        committee: COMMITTEE,
        report_of: REPORT_OF,
        tables,
    })
}
