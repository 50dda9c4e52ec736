//! Signing in and out: argon2id password hashes, sessions with idle and
//! absolute timeouts, back-off after failed sign-ins, API tokens that expire
//! and can be revoked, and accounts a system administrator can deactivate.
//!
//! A sign-in attempt is counted before its password is checked, in one
//! statement ([`UserRepository::claim_sign_in`]), so simultaneous attempts
//! cannot overtake the count. The back-off is held against the account *from
//! that client* (an attacker elsewhere cannot keep a worker out), and against
//! the account from everywhere only after [`ACCOUNT_BACK_OFF`]'s many
//! failures. Every refusal answers alike, after the same work (an argon2
//! check against a dummy hash), so the answer does not tell whether the
//! account exists, is throttled or is deactivated.
//!
//! Tokens are 256 random bits from the operating system, given to the
//! browser (or API client) once; the store keeps only their BLAKE2b hash, so
//! a copy of the database does not let anyone sign in.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use blake2::{Blake2b, Digest, digest::consts::U32};
use chrono::Duration;
use domain::access::User;
use domain::audit::{Actor, AuditEvent};
use domain::time::Clock;
use rand_core::{OsRng, RngCore};
use store::{ApiToken, AuditLog, BackOff, Session, Store, StoreError, UserRepository};

use crate::AppError;

/// A session ends after this long without a request.
pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);
/// ... and this long after sign-in, whatever happens.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(8);
/// Failed sign-ins in a row for an account from one client before that
/// client must wait.
pub const MAX_FAILED_SIGN_INS: i64 = 5;
/// The wait for a client after [`MAX_FAILED_SIGN_INS`]: one minute, then two,
/// four, eight, and fifteen for every further failure.
pub const CLIENT_BACK_OFF: BackOff = BackOff {
    after: MAX_FAILED_SIGN_INS,
    minutes: &[1, 2, 4, 8, 15],
};
/// The wait for everyone after this many failures in a row on one account
/// from anywhere (NIST SP 800-63B's limit of 100), against attempts spread
/// over many addresses.
pub const ACCOUNT_BACK_OFF: BackOff = BackOff {
    after: 100,
    minutes: &[1, 2, 4, 8, 15],
};
/// The longest username the service reads; anything longer is refused
/// before it reaches the database.
pub const MAX_USERNAME_LENGTH: usize = 100;
/// The longest password the service checks (argon2 reads all of it).
pub const MAX_PASSWORD_LENGTH: usize = 1024;
/// How long an API token lasts unless its issuer says otherwise, and the longest it may.
pub const TOKEN_DAYS: i64 = 90;
pub const MAX_TOKEN_DAYS: i64 = 365;
/// The shortest password the service accepts.
pub const MIN_PASSWORD_LENGTH: usize = 12;

/// Why signing in did not work. The message is the same whether the
/// username exists, the password is wrong, the account is deactivated or
/// the client must wait.
#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("Enter a correct username and password")]
    WrongCredentials,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<AppError> for SignInError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Store(s) => SignInError::Store(s),
            other => SignInError::Store(StoreError::Database(other.to_string())),
        }
    }
}

/// A new session: the token for the cookie and the form token for CSRF checks.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub token: String,
    pub csrf_token: String,
    pub user: User,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new random token, as hex.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// The hash under which a token is stored.
pub fn token_hash(token: &str) -> String {
    hex(&Blake2b::<U32>::digest(token.as_bytes()))
}

/// An argon2id hash of a password, with a fresh salt.
pub fn hash_password(password: &str) -> Result<String, AppError> {
    if password.chars().count() < MIN_PASSWORD_LENGTH {
        return Err(AppError::Invalid(format!(
            "the password must be at least {MIN_PASSWORD_LENGTH} characters"
        )));
    }
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Invalid(format!("the password could not be hashed: {e}")))
}

/// A hash of no one's password, checked when there is no password to check,
/// so a refusal takes as long as a wrong password.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password(&new_token()).expect("a 64-character password hashes"))
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

fn user_event(
    clock: &dyn Clock,
    actor: &str,
    action: &str,
    username: &str,
    details: String,
) -> AuditEvent {
    AuditEvent {
        at: clock.now(),
        actor: actor.to_owned(),
        action: action.to_owned(),
        record_type: "user".to_owned(),
        record_id: username.to_owned(),
        details,
    }
}

/// Adds a user with a password (hashed with argon2id).
pub fn add_user(
    store: &Store,
    actor: &Actor,
    clock: &dyn Clock,
    user: &User,
    password: &str,
) -> Result<(), AppError> {
    let hash = hash_password(password)?;
    store.write(|tx| add_user_in(tx, actor, clock, user, &hash))
}

/// Adds a user whose password is already hashed, with its audit event,
/// within the caller's transaction.
pub(crate) fn add_user_in(
    tx: &mut store::Tx<'_>,
    actor: &Actor,
    clock: &dyn Clock,
    user: &User,
    hash: &str,
) -> Result<(), AppError> {
    tx.insert_user(user, hash, clock.now())?;
    crate::people::names_changed();
    let details = format!("{{\"role\":\"{}\"}}", user.role.code());
    tx.append(&user_event(
        clock,
        &actor.user_id,
        "add_user",
        &user.username,
        details,
    ))?;
    Ok(())
}

/// Writes one sign-in audit event in a transaction of its own.
fn audit_sign_in(
    store: &Store,
    clock: &dyn Clock,
    action: &str,
    username: &str,
    details: String,
) -> Result<(), StoreError> {
    store.write(|tx| tx.append(&user_event(clock, username, action, username, details)))
}

/// Refuses a sign-in after checking the password against the dummy hash,
/// so the refusal takes as long as a wrong password.
fn refuse(
    store: &Store,
    clock: &dyn Clock,
    action: &str,
    username: &str,
    from: &str,
) -> Result<SignedIn, SignInError> {
    let _ = verify_password("not a password", dummy_hash());
    audit_sign_in(
        store,
        clock,
        action,
        username,
        format!("{{\"from\":\"{from}\"}}"),
    )?;
    Err(SignInError::WrongCredentials)
}

/// Signs a user in from an address (the client's IP address), or says it
/// did not work, the same way whatever the reason. Inputs longer than
/// [`MAX_USERNAME_LENGTH`] or [`MAX_PASSWORD_LENGTH`] are refused before
/// they reach the database, and a username that is no account's is audited
/// as `unknown`, never as typed.
pub fn sign_in(
    store: &Store,
    clock: &dyn Clock,
    username: &str,
    password: &str,
    from: &str,
) -> Result<SignedIn, SignInError> {
    let now = clock.now();
    let from: String = from
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | ':'))
        .take(45)
        .collect();
    if username.chars().count() > MAX_USERNAME_LENGTH || password.len() > MAX_PASSWORD_LENGTH {
        return refuse(store, clock, "sign_in_failed", "unknown", &from);
    }
    let stored = store.read(|tx| tx.user(username))?;
    let Some(stored) = stored else {
        return refuse(store, clock, "sign_in_failed", "unknown", &from);
    };
    if stored.deactivated_at.is_some() {
        return refuse(store, clock, "sign_in_deactivated", username, &from);
    }
    let claimed = store
        .write(|tx| tx.claim_sign_in(username, &from, now, CLIENT_BACK_OFF, ACCOUNT_BACK_OFF))?;
    if !claimed {
        return refuse(store, clock, "sign_in_throttled", username, &from);
    }
    if !verify_password(password, &stored.password_hash) {
        audit_sign_in(
            store,
            clock,
            "sign_in_failed",
            username,
            format!("{{\"from\":\"{from}\"}}"),
        )?;
        return Err(SignInError::WrongCredentials);
    }
    let token = new_token();
    let csrf_token = new_token();
    store.write(|tx| {
        tx.clear_sign_in_failures(username, &from)?;
        tx.create_session(&Session {
            token_hash: token_hash(&token),
            username: username.to_owned(),
            csrf_token: csrf_token.clone(),
            created_at: now,
            last_seen_at: now,
        })?;
        tx.append(&user_event(
            clock,
            username,
            "sign_in",
            username,
            format!("{{\"from\":\"{from}\"}}"),
        ))
    })?;
    Ok(SignedIn {
        token,
        csrf_token,
        user: stored.user,
    })
}

/// The user and form token of a live session, refreshing its idle timer.
/// An expired session is removed and gives `None`.
pub fn session_user(
    store: &Store,
    clock: &dyn Clock,
    token: &str,
) -> Result<Option<(User, String)>, AppError> {
    let hash = token_hash(token);
    let now = clock.now();
    let found = store.read(|tx| {
        let Some(session) = tx.session(&hash)? else {
            return Ok::<_, StoreError>(None);
        };
        let user = tx
            .user(&session.username)?
            .filter(|s| s.deactivated_at.is_none())
            .map(|s| s.user);
        Ok(user.map(|u| (session, u)))
    })?;
    let Some((session, user)) = found else {
        return Ok(None);
    };
    if now - session.last_seen_at > IDLE_TIMEOUT || now - session.created_at > ABSOLUTE_TIMEOUT {
        store.write(|tx| tx.delete_session(&hash))?;
        return Ok(None);
    }
    // Refresh the idle timer at most once a minute, to spare the database a
    // write on every request.
    if now - session.last_seen_at > Duration::minutes(1) {
        store.write(|tx| tx.touch_session(&hash, now))?;
    }
    Ok(Some((user, session.csrf_token)))
}

/// Signs a user out: ends this session and every other session of theirs
/// (a session left open on another computer ends too).
pub fn sign_out(
    store: &Store,
    clock: &dyn Clock,
    token: &str,
    username: &str,
) -> Result<(), AppError> {
    store.write(|tx| {
        tx.delete_session(&token_hash(token))?;
        let others = tx.delete_sessions_of(username)?;
        tx.append(&user_event(
            clock,
            username,
            "sign_out",
            username,
            format!("{{\"other_sessions\":{others}}}"),
        ))?;
        Ok(())
    })
}

/// Issues an API token for an active user, lasting `days` (default
/// [`TOKEN_DAYS`], at most [`MAX_TOKEN_DAYS`]); the token is shown once and
/// stored hashed.
pub fn issue_api_token(
    store: &Store,
    actor: &Actor,
    clock: &dyn Clock,
    username: &str,
    label: &str,
    days: Option<i64>,
) -> Result<String, AppError> {
    let days = days.unwrap_or(TOKEN_DAYS);
    if !(1..=MAX_TOKEN_DAYS).contains(&days) {
        return Err(AppError::Invalid(format!(
            "a token lasts from 1 to {MAX_TOKEN_DAYS} days, not {days}"
        )));
    }
    if label.chars().count() > MAX_USERNAME_LENGTH {
        return Err(AppError::Invalid(format!(
            "the label must be at most {MAX_USERNAME_LENGTH} characters"
        )));
    }
    let token = new_token();
    let now = clock.now();
    store.write(|tx| {
        match tx.user(username)? {
            None => return Err(AppError::Invalid(format!("there is no user {username}"))),
            Some(u) if u.deactivated_at.is_some() => {
                return Err(AppError::Invalid(format!("{username} is deactivated")));
            }
            Some(_) => {}
        }
        let expires = now + Duration::days(days);
        tx.create_api_token(&token_hash(&token), username, label, now, Some(expires))?;
        tx.append(&user_event(
            clock,
            &actor.user_id,
            "issue_api_token",
            username,
            format!("{{\"days\":{days}}}"),
        ))?;
        Ok(())
    })?;
    Ok(token)
}

/// When a token stops working: its own expiry, or [`TOKEN_DAYS`] after it
/// was issued for a token from before tokens expired.
pub fn token_expiry(token: &ApiToken) -> domain::time::Timestamp {
    token
        .expires_at
        .unwrap_or(token.created_at + Duration::days(TOKEN_DAYS))
}

/// The user an API token acts for, if the token is live (not expired, not
/// revoked) and its user active.
pub fn api_user(store: &Store, clock: &dyn Clock, token: &str) -> Result<Option<User>, AppError> {
    let hash = token_hash(token);
    let now = clock.now();
    store.read(|tx| {
        let Some(found) = tx.api_token(&hash)? else {
            return Ok(None);
        };
        if found.revoked_at.is_some() || token_expiry(&found) <= now {
            return Ok(None);
        }
        Ok(tx
            .user(&found.username)?
            .filter(|u| u.deactivated_at.is_none())
            .map(|s| s.user))
    })
}

/// A user's API tokens, newest first (their ids, labels and dates).
pub fn api_tokens(store: &Store, username: &str) -> Result<Vec<ApiToken>, AppError> {
    Ok(store.read(|tx| tx.api_tokens(username))?)
}

/// Revokes an API token by its id (from [`api_tokens`]).
pub fn revoke_api_token(
    store: &Store,
    actor: &Actor,
    clock: &dyn Clock,
    id: &str,
) -> Result<(), AppError> {
    store.write(|tx| {
        if !tx.revoke_api_token(id, clock.now())? {
            return Err(AppError::NotFound(format!(
                "a live API token with id {}",
                id.chars().take(16).collect::<String>()
            )));
        }
        tx.append(&AuditEvent {
            at: clock.now(),
            actor: actor.user_id.clone(),
            action: "revoke_api_token".into(),
            record_type: "api_token".into(),
            record_id: id.to_owned(),
            details: "{}".into(),
        })?;
        Ok(())
    })
}

/// Every user, with whether they are active, for the users page.
pub fn users(store: &Store) -> Result<Vec<(User, bool)>, AppError> {
    Ok(store.read(|tx| tx.users())?)
}

/// Deactivates an account: its sessions end, its API tokens are revoked,
/// and it cannot sign in until reactivated. Nobody deactivates themselves
/// (a service must keep an administrator).
pub fn deactivate_user(
    store: &Store,
    actor: &Actor,
    clock: &dyn Clock,
    username: &str,
) -> Result<(), AppError> {
    if actor.user_id == username {
        return Err(AppError::Invalid(
            "you cannot deactivate your own account".into(),
        ));
    }
    let now = clock.now();
    store.write(|tx| {
        if !tx.set_deactivated(username, Some(now))? {
            return Err(AppError::NotFound(format!("user {username}")));
        }
        let sessions = tx.delete_sessions_of(username)?;
        let tokens = tx.revoke_api_tokens_of(username, now)?;
        tx.append(&user_event(
            clock,
            &actor.user_id,
            "deactivate_user",
            username,
            format!("{{\"sessions\":{sessions},\"tokens\":{tokens}}}"),
        ))?;
        Ok(())
    })
}

/// Lets a deactivated account sign in again (its old tokens stay revoked).
pub fn reactivate_user(
    store: &Store,
    actor: &Actor,
    clock: &dyn Clock,
    username: &str,
) -> Result<(), AppError> {
    store.write(|tx| {
        if !tx.set_deactivated(username, None)? {
            return Err(AppError::NotFound(format!("user {username}")));
        }
        tx.append(&user_event(
            clock,
            &actor.user_id,
            "reactivate_user",
            username,
            "{}".to_owned(),
        ))?;
        Ok(())
    })
}
