//! Users, their sessions and API tokens.

use domain::access::User;
use domain::roles::Role;
use domain::time::Timestamp;

use crate::sql::{Row, Value};
use crate::{StoreError, Tx};

/// A user as stored, with what signing in needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredUser {
    pub user: User,
    pub password_hash: String,
    pub failed_sign_ins: i64,
    pub locked_until: Option<Timestamp>,
}

/// A signed-in session. The token itself is never stored, only its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub token_hash: String,
    pub username: String,
    pub csrf_token: String,
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
}

/// Saving and reading users and sessions.
pub trait UserRepository {
    fn insert_user(
        &mut self,
        user: &User,
        password_hash: &str,
        at: Timestamp,
    ) -> Result<(), StoreError>;
    fn user(&mut self, username: &str) -> Result<Option<StoredUser>, StoreError>;
    fn users(&mut self) -> Result<Vec<User>, StoreError>;
    /// Counts a failed sign-in, locking the account until a time if given.
    fn record_failed_sign_in(
        &mut self,
        username: &str,
        locked_until: Option<Timestamp>,
    ) -> Result<(), StoreError>;
    fn reset_failed_sign_ins(&mut self, username: &str) -> Result<(), StoreError>;
    fn create_session(&mut self, session: &Session) -> Result<(), StoreError>;
    fn session(&mut self, token_hash: &str) -> Result<Option<Session>, StoreError>;
    fn touch_session(&mut self, token_hash: &str, at: Timestamp) -> Result<(), StoreError>;
    fn delete_session(&mut self, token_hash: &str) -> Result<(), StoreError>;
    fn create_api_token(
        &mut self,
        token_hash: &str,
        username: &str,
        label: &str,
        at: Timestamp,
    ) -> Result<(), StoreError>;
    /// The user an API token belongs to.
    fn api_token_user(&mut self, token_hash: &str) -> Result<Option<String>, StoreError>;
}

fn instant(at: Timestamp) -> Value {
    Value::Text(at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

fn read_instant(r: &Row, i: usize) -> Result<Timestamp, StoreError> {
    let s = r.text(i)?;
    chrono::DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|_| StoreError::Corrupt(format!("'{s}' is not an RFC 3339 instant")))
}

const USER_COLUMNS: &str = "username, display_name, role, team, worker_id";

fn read_user(r: &Row) -> Result<User, StoreError> {
    let role = r.text(2)?;
    Ok(User {
        username: r.text(0)?.to_owned(),
        display_name: r.text(1)?.to_owned(),
        role: Role::parse(role)
            .ok_or_else(|| StoreError::Corrupt(format!("'{role}' is not a role")))?,
        team: r.opt_text(3)?.map(str::to_owned),
        worker_id: r.opt_text(4)?.map(str::to_owned),
    })
}

fn read_session(r: &Row) -> Result<Session, StoreError> {
    Ok(Session {
        token_hash: r.text(0)?.to_owned(),
        username: r.text(1)?.to_owned(),
        csrf_token: r.text(2)?.to_owned(),
        created_at: read_instant(r, 3)?,
        last_seen_at: read_instant(r, 4)?,
    })
}

impl UserRepository for Tx<'_> {
    fn insert_user(
        &mut self,
        user: &User,
        password_hash: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        if self.user(&user.username)?.is_some() {
            return Err(StoreError::AlreadyExists {
                record: format!("user {}", user.username),
            });
        }
        self.conn.execute(
            "INSERT INTO users (username, display_name, role, team, worker_id, password_hash,
                                failed_sign_ins, locked_until, version, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, 0, NULL, 1, $7)",
            &[
                Value::from(user.username.as_str()),
                Value::from(user.display_name.as_str()),
                Value::from(user.role.code()),
                Value::from(user.team.as_deref()),
                Value::from(user.worker_id.as_deref()),
                Value::from(password_hash),
                instant(at),
            ],
        )?;
        Ok(())
    }

    fn user(&mut self, username: &str) -> Result<Option<StoredUser>, StoreError> {
        let rows = self.conn.query(
            &format!("SELECT {USER_COLUMNS}, password_hash, failed_sign_ins, locked_until FROM users WHERE username = $1"),
            &[Value::from(username)],
        )?;
        rows.first()
            .map(|r| {
                Ok(StoredUser {
                    user: read_user(r)?,
                    password_hash: r.text(5)?.to_owned(),
                    failed_sign_ins: r.int(6)?,
                    locked_until: r.opt_text(7)?.map(|_| read_instant(r, 7)).transpose()?,
                })
            })
            .transpose()
    }

    fn users(&mut self) -> Result<Vec<User>, StoreError> {
        self.conn
            .query(
                &format!("SELECT {USER_COLUMNS} FROM users ORDER BY username"),
                &[],
            )?
            .iter()
            .map(read_user)
            .collect()
    }

    fn record_failed_sign_in(
        &mut self,
        username: &str,
        locked_until: Option<Timestamp>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE users SET failed_sign_ins = failed_sign_ins + 1, locked_until = $2, version = version + 1
             WHERE username = $1",
            &[Value::from(username), locked_until.map_or(Value::Null, instant)],
        )?;
        Ok(())
    }

    fn reset_failed_sign_ins(&mut self, username: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE users SET failed_sign_ins = 0, locked_until = NULL, version = version + 1
             WHERE username = $1 AND (failed_sign_ins <> 0 OR locked_until IS NOT NULL)",
            &[Value::from(username)],
        )?;
        Ok(())
    }

    fn create_session(&mut self, s: &Session) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO sessions (token_hash, username, csrf_token, created_at, last_seen_at)
             VALUES ($1, $2, $3, $4, $5)",
            &[
                Value::from(s.token_hash.as_str()),
                Value::from(s.username.as_str()),
                Value::from(s.csrf_token.as_str()),
                instant(s.created_at),
                instant(s.last_seen_at),
            ],
        )?;
        Ok(())
    }

    fn session(&mut self, token_hash: &str) -> Result<Option<Session>, StoreError> {
        let rows = self.conn.query(
            "SELECT token_hash, username, csrf_token, created_at, last_seen_at FROM sessions WHERE token_hash = $1",
            &[Value::from(token_hash)],
        )?;
        rows.first().map(read_session).transpose()
    }

    fn touch_session(&mut self, token_hash: &str, at: Timestamp) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1",
            &[Value::from(token_hash), instant(at)],
        )?;
        Ok(())
    }

    fn delete_session(&mut self, token_hash: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM sessions WHERE token_hash = $1",
            &[Value::from(token_hash)],
        )?;
        Ok(())
    }

    fn create_api_token(
        &mut self,
        token_hash: &str,
        username: &str,
        label: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO api_tokens (token_hash, username, label, created_at) VALUES ($1, $2, $3, $4)",
            &[Value::from(token_hash), Value::from(username), Value::from(label), instant(at)],
        )?;
        Ok(())
    }

    fn api_token_user(&mut self, token_hash: &str) -> Result<Option<String>, StoreError> {
        let rows = self.conn.query(
            "SELECT username FROM api_tokens WHERE token_hash = $1",
            &[Value::from(token_hash)],
        )?;
        rows.first()
            .map(|r| r.text(0).map(str::to_owned))
            .transpose()
    }
}
