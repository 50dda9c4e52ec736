-- Sign-in throttling per account and client, deactivated users, and API
-- tokens that expire and can be revoked.

-- Failed sign-ins in a row for one account from one client address. The
-- attempt is counted before the password is checked, in one statement, so
-- simultaneous attempts cannot overtake the count; the back-off grows from
-- one minute to fifteen and is held only against that client.
CREATE TABLE sign_in_throttle (
    username TEXT NOT NULL REFERENCES users (username),
    client TEXT NOT NULL,
    failures BIGINT NOT NULL,
    locked_until TEXT,
    last_at TEXT NOT NULL,
    PRIMARY KEY (username, client)
);

ALTER TABLE users ADD COLUMN deactivated_at TEXT;

ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
ALTER TABLE api_tokens ADD COLUMN revoked_at TEXT;
