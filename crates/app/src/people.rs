//! People by name: the one way every page, letter, agenda, minute, export
//! and audit view turns a worker's identifier (`SW00007`) or a user's
//! username (`team-manager.demo`) into the name people know them by.
//!
//! Records keep identifiers (names change, identifiers do not); the names
//! are read from the workers and users when shown. They are kept in memory
//! per open database for [`KEPT_FOR`], and forgotten at once when this
//! process adds a user or names a worker, so a page costs a map look-up,
//! not a query. (A user added by another process, the command line, shows
//! by name within [`KEPT_FOR`].)

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use domain::audit::{Actor, AuditEvent};
use domain::time::Clock;
use store::{AuditLog, StaffRepository, Store, UserRepository};

use crate::AppError;

/// How long the names read from a database are kept before being read again.
pub const KEPT_FOR: Duration = Duration::from_secs(30);

/// The names of the people a service's records name, by identifier.
#[derive(Debug, Default, Clone)]
pub struct Names {
    by_id: HashMap<String, Person>,
    /// The usernames of the users holding a role in a team, in order.
    by_role: HashMap<(domain::roles::Role, Option<String>), Vec<String>>,
}

/// A person as the pages name them: their name and, for those who sign
/// in, their role and team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub role: Option<domain::roles::Role>,
    pub team: Option<String>,
}

impl Names {
    /// Names from the workers (identifier, name) and the users; a user
    /// linked to a worker names that worker too when the worker has no name.
    pub fn new(workers: &[(String, String)], users: &[domain::access::User]) -> Self {
        let mut by_id = HashMap::new();
        let mut by_role: HashMap<_, Vec<String>> = HashMap::new();
        for u in users {
            by_role
                .entry((u.role, u.team.clone()))
                .or_default()
                .push(u.username.clone());
            let person = Person {
                name: u.display_name.clone(),
                role: Some(u.role),
                team: u.team.clone(),
            };
            if let Some(worker) = &u.worker_id {
                by_id.insert(worker.clone(), person.clone());
            }
            by_id.insert(u.username.clone(), person);
        }
        for (id, name) in workers {
            let team = by_id.get(id).and_then(|p: &Person| p.team.clone());
            by_id.insert(
                id.clone(),
                Person {
                    name: name.clone(),
                    role: Some(domain::roles::Role::SocialWorker),
                    team,
                },
            );
        }
        for held in by_role.values_mut() {
            held.sort();
        }
        Names { by_id, by_role }
    }

    /// The users who hold a role in a team (a team's managers, to whom its
    /// worklist escalates), by username, in order; none when nobody does.
    pub fn holders(&self, role: domain::roles::Role, team: Option<&str>) -> &[String] {
        self.by_role
            .get(&(role, team.map(str::to_owned)))
            .map_or(&[], Vec::as_slice)
    }

    /// The users who hold a role in any team or none, by username, in order.
    pub fn all_holders(&self, role: domain::roles::Role) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .by_role
            .iter()
            .filter(|((r, _), _)| *r == role)
            .flat_map(|(_, users)| users.iter().map(String::as_str))
            .collect();
        out.sort_unstable();
        out
    }

    /// The person with this identifier or username, if known.
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.by_id.get(id.trim())
    }

    /// The name to show for an identifier or username: the person's name,
    /// or the identifier itself when nobody by it is known (an imported
    /// worker, `demo`, a name typed into a form).
    pub fn name<'a>(&'a self, id: &'a str) -> &'a str {
        self.person(id).map_or(id, |p| p.name.as_str())
    }

    /// The name with the identifier after it, for the audit views, where
    /// which account acted matters as much as who: `Amira Khan
    /// (social-worker.demo)`; the identifier alone when unknown.
    pub fn name_and_id(&self, id: &str) -> String {
        match self.person(id) {
            Some(p) if p.name != id => format!("{} ({id})", p.name),
            _ => id.to_owned(),
        }
    }

    /// The name with the person's role: `Amira Khan, Team manager`.
    pub fn name_and_role(&self, id: &str) -> String {
        match self.person(id) {
            Some(Person {
                name,
                role: Some(role),
                ..
            }) => format!("{name}, {}", role.title()),
            _ => self.name(id).to_owned(),
        }
    }
}

struct Kept {
    at: Instant,
    generation: u64,
    names: Arc<Names>,
}

/// Bumped whenever this process changes a name, so every kept copy goes.
static GENERATION: AtomicU64 = AtomicU64::new(0);

fn kept() -> &'static Mutex<HashMap<u64, Kept>> {
    static KEPT: std::sync::OnceLock<Mutex<HashMap<u64, Kept>>> = std::sync::OnceLock::new();
    KEPT.get_or_init(Default::default)
}

/// Forgets every kept copy of the names (a user was added, a worker named).
pub(crate) fn names_changed() {
    GENERATION.fetch_add(1, Ordering::Relaxed);
}

/// The names of everyone the records may name: kept for [`KEPT_FOR`], read
/// again after that or after a change. Reading staff names is not a read
/// of anyone's record, so it is not audited.
pub fn names(store: &Store) -> Result<Arc<Names>, AppError> {
    let generation = GENERATION.load(Ordering::Relaxed);
    if let Some(names) = kept_names(store) {
        return Ok(names);
    }
    let (workers, users) = store.read(|tx| Ok::<_, AppError>((tx.worker_names()?, tx.users()?)))?;
    let users: Vec<_> = users.into_iter().map(|(u, _)| u).collect();
    let names = Arc::new(Names::new(&workers, &users));
    kept()
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(
            store.id(),
            Kept {
                at: Instant::now(),
                generation,
                names: names.clone(),
            },
        );
    Ok(names)
}

/// The names kept in memory for this database, if they are fresh: no
/// query, so an async handler may ask without leaving its worker thread.
pub fn kept_names(store: &Store) -> Option<Arc<Names>> {
    let generation = GENERATION.load(Ordering::Relaxed);
    kept()
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&store.id())
        .filter(|k| k.generation == generation && k.at.elapsed() < KEPT_FOR)
        .map(|k| k.names.clone())
}

/// Gives social workers their names, as (identifier, name), in one
/// transaction with its audit event (how many were named, never the names).
pub fn name_workers(
    store: &Store,
    actor: &Actor,
    clock: &dyn Clock,
    names: &[(String, String)],
) -> Result<u64, AppError> {
    let found = store.write(|tx| {
        let found = tx.name_workers(names)?;
        tx.append(&AuditEvent {
            at: clock.now(),
            actor: actor.user_id.clone(),
            action: "name_workers".to_owned(),
            record_type: "workers".to_owned(),
            record_id: String::new(),
            details: format!("{{\"named\":{found}}}"),
        })?;
        Ok::<_, AppError>(found)
    })?;
    names_changed();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::access::User;
    use domain::roles::Role;

    fn user(username: &str, name: &str, role: Role, worker: Option<&str>) -> User {
        User {
            username: username.into(),
            display_name: name.into(),
            role,
            team: Some("Melton".into()),
            worker_id: worker.map(Into::into),
        }
    }

    #[test]
    fn a_worker_and_a_user_are_shown_by_name_and_strangers_by_identifier() {
        let names = Names::new(
            &[("SW00007".into(), "Grace Okafor".into())],
            &[
                user("tm.demo", "Tom Hughes", Role::TeamManager, None),
                user("sw.demo", "Amira Khan", Role::SocialWorker, Some("SW00001")),
            ],
        );
        assert_eq!(names.name("SW00007"), "Grace Okafor");
        assert_eq!(names.name("tm.demo"), "Tom Hughes");
        assert_eq!(names.name("SW00001"), "Amira Khan", "the user's worker");
        assert_eq!(names.name("SW09999"), "SW09999");
        assert_eq!(names.name_and_id("tm.demo"), "Tom Hughes (tm.demo)");
        assert_eq!(names.name_and_id("demo"), "demo");
        assert_eq!(names.name_and_role("tm.demo"), "Tom Hughes, Team manager");
        assert_eq!(names.name_and_role("someone"), "someone");
        assert_eq!(
            names.holders(Role::TeamManager, Some("Melton")),
            ["tm.demo"]
        );
        assert!(names.holders(Role::TeamManager, Some("Oadby")).is_empty());
    }
}
