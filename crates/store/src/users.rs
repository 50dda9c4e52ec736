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
    /// When a system administrator deactivated the account; `None` while active.
    pub deactivated_at: Option<Timestamp>,
}

/// An API token as stored (the token itself never is, only its hash). Its
/// `id` is the start of the hash: enough to name it, useless to sign in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: String,
    pub username: String,
    pub label: String,
    pub created_at: Timestamp,
    pub expires_at: Option<Timestamp>,
    pub revoked_at: Option<Timestamp>,
}

/// How many characters of a token's hash name it.
pub const TOKEN_ID_LENGTH: usize = 16;

/// The back-off after failed sign-ins: once the count for an account and a
/// client reaches the first number, each further failure waits the next
/// step's minutes (the last step repeats).
#[derive(Debug, Clone, Copy)]
pub struct BackOff {
    pub after: i64,
    pub minutes: &'static [i64],
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
    /// Every user, with whether they are active.
    fn users(&mut self) -> Result<Vec<(User, bool)>, StoreError>;
    /// Counts a sign-in attempt for an account from a client before its
    /// password is checked, in one statement per counter: `false` when that
    /// client (or, past `account.after` failures from anywhere, everyone) is
    /// in back-off and the password must not be checked.
    fn claim_sign_in(
        &mut self,
        username: &str,
        client: &str,
        now: Timestamp,
        client_back_off: BackOff,
        account_back_off: BackOff,
    ) -> Result<bool, StoreError>;
    /// Clears the counts after a successful sign-in.
    fn clear_sign_in_failures(&mut self, username: &str, client: &str) -> Result<(), StoreError>;
    /// Deactivates (`Some(at)`) or reactivates (`None`) an account; false if there is no such user.
    fn set_deactivated(
        &mut self,
        username: &str,
        at: Option<Timestamp>,
    ) -> Result<bool, StoreError>;
    /// Ends every session of a user; returns how many.
    fn delete_sessions_of(&mut self, username: &str) -> Result<u64, StoreError>;
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
        expires_at: Option<Timestamp>,
    ) -> Result<(), StoreError>;
    /// The token with this hash.
    fn api_token(&mut self, token_hash: &str) -> Result<Option<ApiToken>, StoreError>;
    /// A user's tokens, newest first.
    fn api_tokens(&mut self, username: &str) -> Result<Vec<ApiToken>, StoreError>;
    /// Revokes the token whose id this is; false if there is none (or it was revoked already).
    fn revoke_api_token(&mut self, id: &str, at: Timestamp) -> Result<bool, StoreError>;
    /// Revokes every live token of a user; returns how many.
    fn revoke_api_tokens_of(&mut self, username: &str, at: Timestamp) -> Result<u64, StoreError>;
}

/// A `CASE` giving the new `locked_until` after one more failure: the
/// back-off step for the new count, or the lock as it was (a failure never
/// clears a lock). Parameters from `$first` on are the steps' instants.
fn back_off_case(count: &str, back_off: BackOff, first: usize) -> String {
    let mut case = String::from("CASE");
    for i in (0..back_off.minutes.len()).rev() {
        let at_least = back_off.after + i as i64;
        case.push_str(&format!(" WHEN {count} >= {at_least} THEN ${}", first + i));
    }
    case.push_str(" ELSE locked_until END");
    case
}

fn back_off_params(now: Timestamp, back_off: BackOff) -> Vec<Value> {
    back_off
        .minutes
        .iter()
        .map(|m| instant(now + chrono::Duration::minutes(*m)))
        .collect()
}

fn read_token(r: &Row) -> Result<ApiToken, StoreError> {
    let at = |i| r.opt_text(i)?.map(|_| read_instant(r, i)).transpose();
    Ok(ApiToken {
        id: r.text(0)?.chars().take(TOKEN_ID_LENGTH).collect(),
        username: r.text(1)?.to_owned(),
        label: r.text(2)?.to_owned(),
        created_at: read_instant(r, 3)?,
        expires_at: at(4)?,
        revoked_at: at(5)?,
    })
}

const TOKEN_COLUMNS: &str = "token_hash, username, label, created_at, expires_at, revoked_at";

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
            &format!("SELECT {USER_COLUMNS}, password_hash, failed_sign_ins, locked_until, deactivated_at FROM users WHERE username = $1"),
            &[Value::from(username)],
        )?;
        rows.first()
            .map(|r| {
                Ok(StoredUser {
                    user: read_user(r)?,
                    password_hash: r.text(5)?.to_owned(),
                    failed_sign_ins: r.int(6)?,
                    locked_until: r.opt_text(7)?.map(|_| read_instant(r, 7)).transpose()?,
                    deactivated_at: r.opt_text(8)?.map(|_| read_instant(r, 8)).transpose()?,
                })
            })
            .transpose()
    }

    fn users(&mut self) -> Result<Vec<(User, bool)>, StoreError> {
        self.conn
            .query(
                &format!("SELECT {USER_COLUMNS}, deactivated_at FROM users ORDER BY username"),
                &[],
            )?
            .iter()
            .map(|r| Ok((read_user(r)?, r.opt_text(5)?.is_none())))
            .collect()
    }

    fn claim_sign_in(
        &mut self,
        username: &str,
        client: &str,
        now: Timestamp,
        client_back_off: BackOff,
        account_back_off: BackOff,
    ) -> Result<bool, StoreError> {
        // A quiet day forgets a client's failures.
        self.conn.execute(
            "DELETE FROM sign_in_throttle WHERE username = $1 AND last_at < $2
               AND (locked_until IS NULL OR locked_until < $2)",
            &[
                Value::from(username),
                instant(now - chrono::Duration::days(1)),
            ],
        )?;
        let mut params = vec![Value::from(username), Value::from(client), instant(now)];
        params.extend(back_off_params(now, client_back_off));
        let claimed = self.conn.query(
            &format!(
                "INSERT INTO sign_in_throttle (username, client, failures, locked_until, last_at)
                 VALUES ($1, $2, 1, NULL, $3)
                 ON CONFLICT (username, client) DO UPDATE SET
                   failures = sign_in_throttle.failures + 1,
                   locked_until = {},
                   last_at = $3
                 WHERE sign_in_throttle.locked_until IS NULL OR sign_in_throttle.locked_until <= $3
                 RETURNING failures",
                back_off_case("sign_in_throttle.failures + 1", client_back_off, 4)
                    .replace("ELSE locked_until", "ELSE sign_in_throttle.locked_until")
            ),
            &params,
        )?;
        if claimed.is_empty() {
            return Ok(false);
        }
        let mut params = vec![Value::from(username), instant(now)];
        params.extend(back_off_params(now, account_back_off));
        let claimed = self.conn.query(
            &format!(
                "UPDATE users SET failed_sign_ins = failed_sign_ins + 1, locked_until = {}
                 WHERE username = $1 AND (locked_until IS NULL OR locked_until <= $2)
                 RETURNING failed_sign_ins",
                back_off_case("failed_sign_ins + 1", account_back_off, 3)
            ),
            &params,
        )?;
        Ok(!claimed.is_empty())
    }

    fn clear_sign_in_failures(&mut self, username: &str, client: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM sign_in_throttle WHERE username = $1 AND client = $2",
            &[Value::from(username), Value::from(client)],
        )?;
        self.conn.execute(
            "UPDATE users SET failed_sign_ins = 0, locked_until = NULL
             WHERE username = $1 AND (failed_sign_ins <> 0 OR locked_until IS NOT NULL)",
            &[Value::from(username)],
        )?;
        Ok(())
    }

    fn set_deactivated(
        &mut self,
        username: &str,
        at: Option<Timestamp>,
    ) -> Result<bool, StoreError> {
        let changed = self.conn.execute(
            "UPDATE users SET deactivated_at = $2, version = version + 1 WHERE username = $1",
            &[Value::from(username), at.map_or(Value::Null, instant)],
        )?;
        Ok(changed > 0)
    }

    fn delete_sessions_of(&mut self, username: &str) -> Result<u64, StoreError> {
        self.conn.execute(
            "DELETE FROM sessions WHERE username = $1",
            &[Value::from(username)],
        )
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
        expires_at: Option<Timestamp>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO api_tokens (token_hash, username, label, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
            &[
                Value::from(token_hash),
                Value::from(username),
                Value::from(label),
                instant(at),
                expires_at.map_or(Value::Null, instant),
            ],
        )?;
        Ok(())
    }

    fn api_token(&mut self, token_hash: &str) -> Result<Option<ApiToken>, StoreError> {
        let rows = self.conn.query(
            &format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = $1"),
            &[Value::from(token_hash)],
        )?;
        rows.first().map(read_token).transpose()
    }

    fn api_tokens(&mut self, username: &str) -> Result<Vec<ApiToken>, StoreError> {
        self.conn
            .query(
                &format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE username = $1 ORDER BY created_at DESC, token_hash"),
                &[Value::from(username)],
            )?
            .iter()
            .map(read_token)
            .collect()
    }

    fn revoke_api_token(&mut self, id: &str, at: Timestamp) -> Result<bool, StoreError> {
        if id.len() != TOKEN_ID_LENGTH || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(false);
        }
        let changed = self.conn.execute(
            "UPDATE api_tokens SET revoked_at = $2 WHERE substr(token_hash, 1, 16) = $1 AND revoked_at IS NULL",
            &[Value::from(id.to_ascii_lowercase()), instant(at)],
        )?;
        Ok(changed > 0)
    }

    fn revoke_api_tokens_of(&mut self, username: &str, at: Timestamp) -> Result<u64, StoreError> {
        self.conn.execute(
            "UPDATE api_tokens SET revoked_at = $2 WHERE username = $1 AND revoked_at IS NULL",
            &[Value::from(username), instant(at)],
        )
    }
}
