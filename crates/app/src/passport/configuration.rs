//! The passport's configured rules and the legal framework register they
//! cite (PASS-011): the service's managers save a rule's configuration with
//! its citations; each citation is resolved against the register, and one
//! the register does not hold is saved with a warning.

use domain::access::{Permission, User};
use domain::audit::AuditEvent;
use domain::passport::legal::{ConfiguredRule, PassportConfiguration};
use domain::time::Clock;
use store::{AuditLog, PermanenceRepository, Record, RecordKind, Store, Versioned};

use crate::AppError;

/// The one configuration document's identifier.
const ID: &str = "passport";

/// The record type the audit events name.
const RECORD: &str = "passport_configuration";

/// The configuration at its version (0 before anything is saved).
pub type StoredConfiguration = Versioned<PassportConfiguration>;

fn may_configure(user: &User) -> Result<(), AppError> {
    if user.may(Permission::KeepAgencyRecords) {
        Ok(())
    } else {
        Err(AppError::Forbidden("configure the passport's rules"))
    }
}

fn held(tx: &mut store::Tx<'_>) -> Result<StoredConfiguration, AppError> {
    Ok(tx
        .record::<PassportConfiguration>(RecordKind::PassportConfiguration, ID)?
        .map_or_else(
            || Versioned {
                value: PassportConfiguration::default(),
                version: 0,
            },
            |r| Versioned {
                value: r.value.document,
                version: r.version,
            },
        ))
}

/// The passport's configuration, for those who keep the agency's records.
pub fn passport_configuration(store: &Store, user: &User) -> Result<StoredConfiguration, AppError> {
    may_configure(user)?;
    store.read(held)
}

/// PASS-011: saves the configuration of `rule` (what is set, and the
/// legislation or guidance cited), on the configuration as seen at
/// `version`; audited with the rule and how many citations resolved.
/// Returns the warnings: each citation the register does not hold.
pub fn configure_rule(
    store: &Store,
    (user, clock, from): (&User, &dyn Clock, &str),
    version: i64,
    (rule, setting, citations): (&str, &str, &[String]),
) -> Result<Vec<String>, AppError> {
    may_configure(user)?;
    let (configured, warnings) =
        ConfiguredRule::configure(rule, setting, citations, (clock.today(), &user.username))
            .map_err(AppError::Invalid)?;
    store.write(|tx| {
        let current = held(tx)?;
        if current.version != version {
            return Err(store::StoreError::Stale {
                record: "the passport's configuration".into(),
                expected: version,
                found: current.version,
            }
            .into());
        }
        let mut doc = current.value;
        let details = serde_json::json!({
            "rule": configured.rule,
            "citations": configured.citations.len(),
            "unresolved": warnings.len(),
            "from": from,
        });
        doc.rules.push(configured);
        let record = Record {
            id: ID.to_owned(),
            child_id: None,
            stage: "kept".into(),
            key_date: Some(clock.today().to_string()),
            document: doc,
        };
        if version == 0 {
            tx.insert_records(RecordKind::PassportConfiguration, &[record])?;
        } else {
            tx.update_record(RecordKind::PassportConfiguration, &record, version)?;
        }
        tx.append(&AuditEvent {
            at: clock.now(),
            actor: user.username.clone(),
            action: "passport.configure_rule".into(),
            record_type: RECORD.into(),
            record_id: ID.into(),
            details: details.to_string(),
        })?;
        Ok(warnings)
    })
}
