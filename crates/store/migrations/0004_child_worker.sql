-- The child's allocated social worker, kept in the summary for team lists.
ALTER TABLE children ADD COLUMN worker_id TEXT;
CREATE INDEX children_by_worker ON children (worker_id);
