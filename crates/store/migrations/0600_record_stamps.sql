-- The worklist checks, on every request, whether the households, the
-- agency's records or the complaints have changed: how many there are and
-- the sum of their versions. These indexes hold both, so the check reads
-- an index and not the documents.
CREATE INDEX households_by_version ON households (version);
CREATE INDEX permanence_records_by_version ON permanence_records (kind, version);
