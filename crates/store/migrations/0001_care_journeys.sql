-- Children and their care journeys (the SSDA903 tables), and the audit trail.
-- Portable SQL: TEXT and BIGINT only, dates as ISO text (YYYY-MM-DD), instants
-- as RFC 3339 text in UTC. {{auto_id}} becomes each backend's identity column.

CREATE TABLE children (
    id TEXT PRIMARY KEY,
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    sex TEXT NOT NULL,
    date_of_birth TEXT NOT NULL,
    ethnicity TEXT NOT NULL,
    pupil_number TEXT,
    disabled BIGINT NOT NULL,
    uasc BIGINT NOT NULL,
    uasc_ceased TEXT,
    -- A summary of the journey, kept with every save, for lists and search.
    in_care BIGINT NOT NULL,
    period_start TEXT,
    legal_status TEXT,
    placement_type TEXT,
    version BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX children_by_name ON children (family_name, given_name);
CREATE INDEX children_by_date_of_birth ON children (date_of_birth);
CREATE INDEX children_in_care_by_name ON children (in_care, family_name, given_name);

CREATE TABLE episodes (
    child_id TEXT NOT NULL REFERENCES children (id),
    seq BIGINT NOT NULL,
    start_date TEXT NOT NULL,
    reason_new_episode TEXT NOT NULL,
    legal_status TEXT NOT NULL,
    category_of_need TEXT NOT NULL,
    placement_type TEXT NOT NULL,
    placement_provider TEXT NOT NULL,
    placement_postcode TEXT,
    urn TEXT,
    end_date TEXT,
    reason_episode_ceased TEXT,
    reason_placement_change TEXT,
    home_postcode TEXT,
    version BIGINT NOT NULL,
    PRIMARY KEY (child_id, seq)
);

CREATE TABLE reviews (
    child_id TEXT NOT NULL REFERENCES children (id),
    seq BIGINT NOT NULL,
    review_date TEXT NOT NULL,
    participation TEXT NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (child_id, seq)
);

CREATE TABLE missing_episodes (
    child_id TEXT NOT NULL REFERENCES children (id),
    seq BIGINT NOT NULL,
    missing_type TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT,
    version BIGINT NOT NULL,
    PRIMARY KEY (child_id, seq)
);

CREATE TABLE social_worker_episodes (
    child_id TEXT NOT NULL REFERENCES children (id),
    seq BIGINT NOT NULL,
    worker_id TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT,
    change_reason TEXT,
    version BIGINT NOT NULL,
    PRIMARY KEY (child_id, seq)
);

CREATE TABLE siblings (
    child_id TEXT NOT NULL REFERENCES children (id),
    seq BIGINT NOT NULL,
    sibling_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (child_id, seq)
);

CREATE TABLE audit_events (
    id {{auto_id}},
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    record_type TEXT NOT NULL,
    record_id TEXT NOT NULL,
    details TEXT NOT NULL
);
CREATE INDEX audit_events_by_record ON audit_events (record_type, record_id);
CREATE INDEX audit_events_by_actor ON audit_events (actor, at);
