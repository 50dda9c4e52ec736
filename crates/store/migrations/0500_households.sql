-- Households (carers, applicants, birth families) and the people in them,
-- each household a versioned JSON document with the columns lists filter
-- on; and the children linked to each household, for access and the
-- child's side of the link.

CREATE TABLE households (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    team TEXT NOT NULL,
    teams TEXT NOT NULL,
    workers TEXT NOT NULL,
    roles TEXT NOT NULL,
    search TEXT NOT NULL,
    at_panel BIGINT NOT NULL,
    document TEXT NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX households_by_team ON households (team, name);

CREATE TABLE household_children (
    household_id TEXT NOT NULL REFERENCES households (id),
    child_id TEXT NOT NULL,
    link TEXT NOT NULL,
    PRIMARY KEY (household_id, child_id, link)
);
CREATE INDEX household_children_by_child ON household_children (child_id);
