-- The audit log filters by action, and offers the actions recorded as a
-- list: this index serves both (the list is read one action at a time).
CREATE INDEX audit_events_by_action ON audit_events (action, at);
