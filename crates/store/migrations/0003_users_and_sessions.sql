-- People who sign in, their sessions, and their API tokens. Passwords are
-- argon2id hashes; session and API tokens are stored only as hashes.

CREATE TABLE users (
    username TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    team TEXT,
    worker_id TEXT,
    password_hash TEXT NOT NULL,
    failed_sign_ins BIGINT NOT NULL,
    locked_until TEXT,
    version BIGINT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL REFERENCES users (username),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (username);

CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL REFERENCES users (username),
    label TEXT NOT NULL,
    created_at TEXT NOT NULL
);
