//! The audit events of reads, committed together: a group commit.
//!
//! Every page that shows a child, or a list of children, writes an audit
//! event, and under load a transaction of its own for each (the writer's
//! turn, `BEGIN`, the insert, `COMMIT` and its pages written to the log)
//! costs more than the page. So a read's event is handed, through a bounded
//! channel, to one writer thread per open database, which writes every event
//! waiting at that moment in one transaction and only then answers each
//! sender. [`Store::append_audit`] returns when the transaction holding its
//! event has committed (or with the error that rolled it back): an event is
//! never merely queued, and the page is sent after its audit is stored, as
//! durably as any other commit.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use domain::audit::AuditEvent;

use crate::{AuditLog, Store, StoreError};

/// How many events may wait for the writer (senders beyond wait their turn
/// to send), and how many one transaction takes at most.
const QUEUED: usize = 1024;
const PER_TRANSACTION: usize = 512;

/// An event and where to answer whether its transaction committed.
type Request = (AuditEvent, SyncSender<Result<(), String>>);

/// The sending end of a database's audit writer.
pub(crate) struct AuditWriter(SyncSender<Request>);

impl AuditWriter {
    /// Starts the writer thread for a store (the store it holds shares the
    /// pools, not the writer: when the last of the store's own handles goes,
    /// the channel closes and the thread ends).
    pub(crate) fn start(store: Store) -> Result<Self, StoreError> {
        let (send, receive) = sync_channel::<Request>(QUEUED);
        std::thread::Builder::new()
            .name("audit-writer".into())
            .spawn(move || write_groups(&store, &receive))
            .map_err(|e| StoreError::Database(format!("could not start the audit writer: {e}")))?;
        Ok(Self(send))
    }
}

/// The writer thread: waits for an event, takes every other one already
/// waiting (up to [`PER_TRANSACTION`]), writes them in one transaction and
/// answers each sender; until the channel closes.
fn write_groups(store: &Store, receive: &Receiver<Request>) {
    while let Ok(first) = receive.recv() {
        let mut group = vec![first];
        while group.len() < PER_TRANSACTION {
            match receive.try_recv() {
                Ok(next) => group.push(next),
                Err(_) => break,
            }
        }
        let events: Vec<AuditEvent> = group.iter().map(|(e, _)| e.clone()).collect();
        let outcome = store
            .write(|tx| tx.append_all(&events))
            .map_err(|e| e.to_string());
        for (_, answer) in group {
            // A sender that has gone (it cannot: it waits) needs no answer.
            let _ = answer.send(outcome.clone());
        }
    }
}

impl Store {
    /// Appends the audit event of a read, committed in one transaction with
    /// the other read events appended at the same moment (see the module's
    /// documentation). Returns once that transaction has committed. For an
    /// event that must commit or roll back with a change, append it in the
    /// change's own transaction ([`AuditLog::append`]) instead.
    pub fn append_audit(&self, event: AuditEvent) -> Result<(), StoreError> {
        let stopped = || StoreError::Database("the audit writer has stopped".into());
        let writer = self
            .audit_writer
            .get_or_init(|| AuditWriter::start(self.without_writer()).ok())
            .as_ref()
            .ok_or_else(stopped)?;
        let (answer, answered) = sync_channel(1);
        // Waits for room when the queue is full.
        writer.0.send((event, answer)).map_err(|_| stopped())?;
        answered
            .recv()
            .map_err(|_| stopped())?
            .map_err(StoreError::Database)
    }
}
