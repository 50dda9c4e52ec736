-- The worklist checks, on every request, whether a team's children have
-- changed: how many there are, the sum of their versions and their latest
-- save. This index holds all three by worker, so the check reads a range of
-- the index and no rows (it replaces the index on the worker alone).
CREATE INDEX children_by_worker_stamp ON children (worker_id, version, updated_at);
DROP INDEX children_by_worker;
