//! Limits on signing in, so a flood of attempts cannot exhaust the server.
//!
//! Checking a password runs argon2 with 19 MiB of memory. The checks run
//! a few at a time (one for every two cores); a bounded
//! number wait their turn, and an attempt beyond those is answered at once
//! with 503 and never checked. A client (an IP address; an IPv6 /64) whose
//! attempts keep failing is answered 429 at once for a while: each failure
//! takes a token from its bucket of [`FAILURE_BURST`], and a token comes back
//! every [`FAILURE_REFILL`]. Successful sign-ins take nothing. The table of
//! clients is bounded: when full, clients whose buckets are full again are
//! forgotten, and failing that new clients are answered 503. Refusals are
//! answered after [`REFUSAL_DELAY`], so a flood cannot go faster than its
//! connections' patience.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::{Semaphore, SemaphorePermit};

/// Failed sign-ins a client may make at once before it must wait.
pub const FAILURE_BURST: f64 = 10.0;
/// How long a client waits for each further attempt (unless configured).
pub const FAILURE_REFILL: Duration = Duration::from_secs(6);
/// How long a refused attempt waits for its answer (unless configured) (a tarpit: a flood
/// whose connections wait for their answers slows to one attempt a second
/// per connection, at no cost to the server).
pub const REFUSAL_DELAY: Duration = Duration::from_secs(1);
/// Clients remembered at most.
const MAX_CLIENTS: usize = 100_000;

/// Why an attempt is not checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// This client failed too often: try again after this many seconds.
    Client(u64),
    /// Too many attempts are waiting to be checked: the server is busy.
    Busy,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn refilled(self, now: Instant, refill: Duration) -> f64 {
        let gained = now.duration_since(self.at).as_secs_f64() / refill.as_secs_f64();
        (self.tokens + gained).min(FAILURE_BURST)
    }
}

/// The sign-in limits of one server.
pub struct SignInLimits {
    hashing: Semaphore,
    waiting: AtomicUsize,
    max_waiting: usize,
    clients: Mutex<HashMap<IpAddr, Bucket>>,
    refill: Duration,
    /// How long a refused attempt waits for its answer.
    pub refusal_delay: Duration,
}

/// A turn to check a password; the next attempt's turn comes when it drops.
pub struct Turn<'a>(#[allow(dead_code)] SemaphorePermit<'a>);

impl Default for SignInLimits {
    /// One check at a time for every two cores (so signing in never takes
    /// more than half the processor from people at work), and eight waiting
    /// per core.
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self::new((cores / 2).max(1), 8 * cores)
    }
}

impl SignInLimits {
    /// `checks` passwords checked at once, and at most `waiting` in line.
    pub fn new(checks: usize, waiting: usize) -> Self {
        Self {
            hashing: Semaphore::new(checks.max(1)),
            waiting: AtomicUsize::new(0),
            max_waiting: waiting,
            clients: Mutex::new(HashMap::new()),
            refill: FAILURE_REFILL,
            refusal_delay: REFUSAL_DELAY,
        }
    }

    /// The same limits with a token back every `refill` and refusals
    /// answered after `delay` (tests use a long refill and no delay).
    pub fn pacing(mut self, refill: Duration, delay: Duration) -> Self {
        self.refill = refill;
        self.refusal_delay = delay;
        self
    }

    /// The key a client is counted under: its address, or its /64 for IPv6
    /// (one household or server is given a /64).
    fn key(client: IpAddr) -> IpAddr {
        match client {
            IpAddr::V4(_) => client,
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => IpAddr::V4(v4),
                None => {
                    let bits = u128::from(v6) & !((1u128 << 64) - 1);
                    IpAddr::V6(bits.into())
                }
            },
        }
    }

    /// Whether a client may try now: refused while its bucket is empty.
    pub fn admit(&self, client: Option<IpAddr>) -> Result<(), Refusal> {
        let Some(client) = client else { return Ok(()) };
        let now = Instant::now();
        let clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        match clients.get(&Self::key(client)) {
            Some(bucket) if bucket.refilled(now, self.refill) < 1.0 => {
                let wait = (1.0 - bucket.refilled(now, self.refill)) * self.refill.as_secs_f64();
                Err(Refusal::Client(wait.ceil().max(1.0) as u64))
            }
            _ => Ok(()),
        }
    }

    /// Counts a failed attempt against a client.
    pub fn failed(&self, client: Option<IpAddr>) -> Result<(), Refusal> {
        let Some(client) = client else { return Ok(()) };
        let now = Instant::now();
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        let key = Self::key(client);
        if !clients.contains_key(&key) && clients.len() >= MAX_CLIENTS {
            clients.retain(|_, b| b.refilled(now, self.refill) < FAILURE_BURST);
            if clients.len() >= MAX_CLIENTS {
                return Err(Refusal::Busy);
            }
        }
        let bucket = clients.entry(key).or_insert(Bucket {
            tokens: FAILURE_BURST,
            at: now,
        });
        *bucket = Bucket {
            tokens: (bucket.refilled(now, self.refill) - 1.0).max(0.0),
            at: now,
        };
        Ok(())
    }

    /// Waits for a turn to check a password, or refuses at once when the
    /// line is full.
    pub async fn turn(&self) -> Result<Turn<'_>, Refusal> {
        if let Ok(permit) = self.hashing.try_acquire() {
            return Ok(Turn(permit));
        }
        if self.waiting.fetch_add(1, Ordering::AcqRel) >= self.max_waiting {
            self.waiting.fetch_sub(1, Ordering::AcqRel);
            return Err(Refusal::Busy);
        }
        let permit = self.hashing.acquire().await;
        self.waiting.fetch_sub(1, Ordering::AcqRel);
        permit.map(Turn).map_err(|_| Refusal::Busy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn security_f1_checks_beyond_the_pool_and_its_line_are_refused_at_once() {
        let limits = std::sync::Arc::new(SignInLimits::new(1, 1));
        let first = limits.turn().await.unwrap();
        let waiter = {
            let limits = limits.clone();
            tokio::spawn(async move { limits.turn().await.map(|_| ()) })
        };
        while limits.waiting.load(Ordering::Acquire) == 0 {
            tokio::task::yield_now().await;
        }
        assert_eq!(limits.turn().await.err(), Some(Refusal::Busy));
        drop(first);
        assert_eq!(
            waiter.await.unwrap(),
            Ok(()),
            "the one waiting gets its turn"
        );
    }

    #[test]
    fn security_f1_a_failing_client_waits_and_others_do_not() {
        let limits = SignInLimits::new(1, 1);
        let attacker: IpAddr = "2001:db8::1".parse().unwrap();
        let neighbour: IpAddr = "2001:db8::2".parse().unwrap();
        let other: IpAddr = "198.51.100.1".parse().unwrap();
        for _ in 0..10 {
            assert_eq!(limits.admit(Some(attacker)), Ok(()));
            limits.failed(Some(attacker)).unwrap();
        }
        assert!(matches!(limits.admit(Some(attacker)), Err(Refusal::Client(s)) if s <= 6));
        assert!(
            limits.admit(Some(neighbour)).is_err(),
            "the same /64 is one client"
        );
        assert_eq!(limits.admit(Some(other)), Ok(()));
    }
}
