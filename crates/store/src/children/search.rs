//! Searching the children held: by name (every word typed, in any order,
//! each part of the given or family name), by identifier or by date of
//! birth, limited to a team or one worker's cases.

use super::{ChildSearch, ChildSummary, SUMMARY, read_summary};
use crate::sql::Value;
use crate::{StoreError, Tx};

/// The words of a name search: "Begum, Mia" is "begum" and "mia".
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

pub(super) fn search(
    tx: &mut Tx<'_>,
    search: &ChildSearch,
    offset: i64,
    limit: i64,
) -> Result<(Vec<ChildSummary>, i64), StoreError> {
    let text = search.text.trim();
    let date = domain::time::parse_uk_date("date", text)
        .or_else(|_| domain::time::parse_iso_date("date", text))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    // Only the conditions the search uses, so the planner can use the
    // indexes (a team's children through the worker index).
    let mut params = Vec::new();
    let mut conditions = Vec::new();
    if !text.is_empty() {
        params.push(Value::from(text.to_ascii_uppercase()));
        params.push(Value::Text(date));
        let mut name = Vec::new();
        for w in words(text) {
            params.push(Value::Text(format!("%{w}%")));
            name.push(format!(
                "lower(c.given_name || ' ' || c.family_name) LIKE ${}",
                params.len()
            ));
        }
        conditions.push(format!(
            "(({}) OR c.id = $1 OR c.date_of_birth = $2)",
            name.join(" AND ")
        ));
    }
    if let Some(team) = &search.team {
        params.push(Value::from(team.as_str()));
        conditions.push(format!(
            "c.worker_id IN (SELECT id FROM workers WHERE team = ${})",
            params.len()
        ));
    }
    if let Some(worker) = &search.worker {
        params.push(Value::from(worker.as_str()));
        conditions.push(format!("c.worker_id = ${}", params.len()));
    }
    if search.in_care_only {
        conditions.push("c.in_care = 1".to_owned());
    }
    let conditions = if conditions.is_empty() {
        "1 = 1".to_owned()
    } else {
        conditions.join(" AND ")
    };
    let total = tx.conn.query(
        &format!("SELECT COUNT(*) FROM children c WHERE {conditions}"),
        &params,
    )?[0]
        .int(0)?;
    let mut page_params = params;
    page_params.push(Value::Int(limit));
    page_params.push(Value::Int(offset));
    let (limit_at, offset_at) = (page_params.len() - 1, page_params.len());
    let rows = tx.conn.query(
        &format!(
            "SELECT {SUMMARY}, w.team, c.worker_id
             FROM children c LEFT JOIN workers w ON w.id = c.worker_id
             WHERE {conditions} ORDER BY {} LIMIT ${limit_at} OFFSET ${offset_at}",
            search.sort.order_by()
        ),
        &page_params,
    )?;
    let found = rows
        .iter()
        .map(|r| {
            Ok(ChildSummary {
                team: r.opt_text(11)?.map(str::to_owned),
                worker: r.opt_text(12)?.map(str::to_owned),
                ..read_summary(r)?
            })
        })
        .collect::<Result<_, StoreError>>()?;
    Ok((found, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_searched_word_by_word_in_any_order() {
        assert_eq!(words("Begum  Mia"), vec!["begum", "mia"]);
        assert_eq!(words("Begum, Mia"), vec!["begum", "mia"]);
    }
}
