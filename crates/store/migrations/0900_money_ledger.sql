-- The money ledger: one row per entry, never updated or deleted (a
-- correction is a reversing entry). An account is a fund, a person and a
-- financial year; each entry takes the account's next sequence number, so
-- two people posting to one account at once cannot both succeed and the
-- balance check one of them made cannot be overtaken.
CREATE TABLE money_ledger (
    fund TEXT NOT NULL,
    person TEXT NOT NULL,
    year BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    id TEXT NOT NULL UNIQUE,
    child_id TEXT NOT NULL,
    on_date TEXT NOT NULL,
    document TEXT NOT NULL,
    PRIMARY KEY (fund, person, year, seq)
);
CREATE INDEX money_ledger_by_child ON money_ledger (child_id, on_date);
CREATE INDEX money_ledger_by_date ON money_ledger (on_date, id);
