-- Each child's next open deadline, kept in the summary with every save (and
-- refreshed when the deadline rules change), so lists need not load journeys.
ALTER TABLE children ADD COLUMN next_deadline_due TEXT;
ALTER TABLE children ADD COLUMN next_deadline_rule TEXT;
ALTER TABLE children ADD COLUMN next_deadline_title TEXT;

CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
