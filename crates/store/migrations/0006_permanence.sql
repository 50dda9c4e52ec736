-- Permanence planning: plans, panel referrals, meetings, forums and IRO
-- issues, each kept as a versioned JSON document with the columns lists
-- filter on; and one tracking row per child for the tracking page.

CREATE TABLE permanence_records (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    child_id TEXT,
    stage TEXT NOT NULL,
    key_date TEXT,
    document TEXT NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (kind, id)
);
CREATE INDEX permanence_records_by_child ON permanence_records (child_id, kind);
CREATE INDEX permanence_records_by_stage ON permanence_records (kind, stage, key_date);

CREATE TABLE permanence_tracking (
    child_id TEXT PRIMARY KEY REFERENCES children (id),
    team TEXT,
    facts TEXT NOT NULL
);
CREATE INDEX permanence_tracking_by_team ON permanence_tracking (team);
