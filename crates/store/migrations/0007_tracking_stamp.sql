-- A stamp that changes whenever a child's tracking facts are rewritten, so
-- a server can keep the parsed facts and re-read only rows that changed.
ALTER TABLE permanence_tracking ADD COLUMN stamp TEXT NOT NULL DEFAULT '';
-- Covering indexes: the stamps of a council or a team are read without
-- touching the facts.
CREATE INDEX permanence_tracking_stamps ON permanence_tracking (child_id, team, stamp);
CREATE INDEX permanence_tracking_team_stamps ON permanence_tracking (team, child_id, stamp);
