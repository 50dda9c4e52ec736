-- Recorded activities (visits, health assessments, plans ratified ...) that
-- the deadline engine counts, and the social workers with their teams.

CREATE TABLE activities (
    child_id TEXT NOT NULL REFERENCES children (id),
    seq BIGINT NOT NULL,
    kind TEXT NOT NULL,
    event_date TEXT NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (child_id, seq)
);

CREATE TABLE workers (
    id TEXT PRIMARY KEY,
    team TEXT NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX workers_by_team ON workers (team);
