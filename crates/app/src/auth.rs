//! Signing in and out: argon2id password hashes, sessions with idle and
//! absolute timeouts, a limit on failed sign-ins, and API tokens.
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
use store::{AuditLog, Session, Store, StoreError, UserRepository};

use crate::AppError;

/// A session ends after this long without a request.
pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);
/// ... and this long after sign-in, whatever happens.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(8);
/// Failed sign-ins in a row before the account is locked for a while.
pub const MAX_FAILED_SIGN_INS: i64 = 5;
/// How long a locked account stays locked.
pub const LOCKOUT: Duration = Duration::minutes(15);
/// The shortest password the service accepts.
pub const MIN_PASSWORD_LENGTH: usize = 12;

/// Why signing in did not work. The message never says whether the
/// username exists.
#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("Enter a correct username and password")]
    WrongCredentials,
    #[error("Too many failed attempts: this account is locked for 15 minutes")]
    Locked,
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

/// Signs a user in from an address, or says why not. Failed attempts are
/// counted and audited; after [`MAX_FAILED_SIGN_INS`] the account is locked
/// for [`LOCKOUT`].
pub fn sign_in(
    store: &Store,
    clock: &dyn Clock,
    username: &str,
    password: &str,
    from: &str,
) -> Result<SignedIn, SignInError> {
    let now = clock.now();
    let stored = store.read(|tx| tx.user(username))?;
    let Some(stored) = stored else {
        // Hash anyway, so the time taken does not say whether the user exists.
        let _ = verify_password(
            password,
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        );
        store.write(|tx| {
            tx.append(&user_event(
                clock,
                "anonymous",
                "sign_in_failed",
                username,
                format!("{{\"from\":\"{from}\"}}"),
            ))
        })?;
        return Err(SignInError::WrongCredentials);
    };
    if stored.locked_until.is_some_and(|until| until > now) {
        store.write(|tx| {
            tx.append(&user_event(
                clock,
                username,
                "sign_in_locked",
                username,
                format!("{{\"from\":\"{from}\"}}"),
            ))
        })?;
        return Err(SignInError::Locked);
    }
    if !verify_password(password, &stored.password_hash) {
        let failures = stored.failed_sign_ins + 1;
        let lock = (failures >= MAX_FAILED_SIGN_INS).then(|| now + LOCKOUT);
        store.write(|tx| {
            tx.record_failed_sign_in(username, lock)?;
            tx.append(&user_event(
                clock,
                username,
                "sign_in_failed",
                username,
                format!("{{\"from\":\"{from}\",\"failures\":{failures}}}"),
            ))
        })?;
        return Err(if lock.is_some() {
            SignInError::Locked
        } else {
            SignInError::WrongCredentials
        });
    }
    let token = new_token();
    let csrf_token = new_token();
    store.write(|tx| {
        tx.reset_failed_sign_ins(username)?;
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
        let user = tx.user(&session.username)?.map(|s| s.user);
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

/// Ends a session.
pub fn sign_out(
    store: &Store,
    clock: &dyn Clock,
    token: &str,
    username: &str,
) -> Result<(), AppError> {
    store.write(|tx| {
        tx.delete_session(&token_hash(token))?;
        tx.append(&user_event(
            clock,
            username,
            "sign_out",
            username,
            "{}".to_owned(),
        ))?;
        Ok(())
    })
}

/// Issues an API token for a user; the token is shown once and stored hashed.
pub fn issue_api_token(
    store: &Store,
    actor: &Actor,
    clock: &dyn Clock,
    username: &str,
    label: &str,
) -> Result<String, AppError> {
    let token = new_token();
    store.write(|tx| {
        if tx.user(username)?.is_none() {
            return Err(AppError::Invalid(format!("there is no user {username}")));
        }
        tx.create_api_token(&token_hash(&token), username, label, clock.now())?;
        tx.append(&user_event(
            clock,
            &actor.user_id,
            "issue_api_token",
            username,
            "{}".to_owned(),
        ))?;
        Ok(())
    })?;
    Ok(token)
}

/// The user an API token belongs to.
pub fn api_user(store: &Store, token: &str) -> Result<Option<User>, AppError> {
    let hash = token_hash(token);
    store.read(|tx| {
        let Some(username) = tx.api_token_user(&hash)? else {
            return Ok(None);
        };
        Ok(tx.user(&username)?.map(|s| s.user))
    })
}
