//! `permanence user ...`: the people who sign in and their API tokens.

use anyhow::{Context, Result};
use clap::Subcommand;
use domain::audit::Actor;
use store::Store;

#[derive(Debug, Subcommand)]
pub(crate) enum UserCommand {
    /// Add a user. The password is read from standard input (one line).
    Add {
        /// The sign-in name, for example j.smith.
        #[arg(long)]
        username: String,
        /// The name shown in the service.
        #[arg(long)]
        name: String,
        /// The role, for example social_worker, team_manager, auditor.
        #[arg(long, value_parser = parse_role)]
        role: domain::roles::Role,
        /// The team whose children the user works with (social workers and team managers).
        #[arg(long)]
        team: Option<String>,
        /// The user's identifier as an allocated social worker.
        #[arg(long)]
        worker: Option<String>,
    },
    /// Issue an API token for a user (shown once; only its hash is kept).
    Token {
        /// The user the token acts for.
        #[arg(long)]
        username: String,
        /// What the token is for, for example "reporting laptop".
        #[arg(long, default_value = "api")]
        label: String,
        /// How many days the token lasts (1 to 365).
        #[arg(long, default_value_t = app::auth::TOKEN_DAYS)]
        days: i64,
    },
    /// List a user's API tokens: id, label, issued, expires, status.
    Tokens {
        /// The user whose tokens to list.
        username: String,
    },
    /// Revoke an API token by its id (from `permanence user tokens`).
    RevokeToken {
        /// The token's id: the first 16 characters `permanence user tokens` shows.
        id: String,
    },
    /// Deactivate an account: its sessions end, its API tokens are revoked
    /// and it cannot sign in until reactivated.
    Deactivate {
        /// The user to deactivate.
        username: String,
    },
    /// Let a deactivated account sign in again (issue new tokens for it).
    Reactivate {
        /// The user to reactivate.
        username: String,
    },
}

fn parse_role(s: &str) -> Result<domain::roles::Role, String> {
    domain::roles::Role::parse(s).ok_or_else(|| {
        let all: Vec<&str> = domain::roles::Role::ALL.iter().map(|r| r.code()).collect();
        format!("'{s}' is not a role; choose one of: {}", all.join(", "))
    })
}

/// Runs a user command on a migrated store.
pub(crate) fn run(store: &Store, command: UserCommand) -> Result<()> {
    let (cli, clock) = (Actor::new("cli"), app::SystemClock);
    match command {
        UserCommand::Add {
            username,
            name,
            role,
            team,
            worker,
        } => {
            let mut password = String::new();
            std::io::stdin()
                .read_line(&mut password)
                .context("reading the password from standard input")?;
            let user = domain::access::User {
                username,
                display_name: name,
                role,
                team,
                worker_id: worker,
            };
            let password = password.trim_end_matches(['\n', '\r']);
            app::auth::add_user(store, &cli, &clock, &user, password)?;
            println!("Added {} ({})", user.username, user.role.title());
        }
        UserCommand::Token {
            username,
            label,
            days,
        } => {
            let token =
                app::auth::issue_api_token(store, &cli, &clock, &username, &label, Some(days))?;
            println!("{token}");
        }
        UserCommand::Tokens { username } => {
            let now = domain::time::Clock::now(&clock);
            for t in app::auth::api_tokens(store, &username)? {
                let expires = app::auth::token_expiry(&t);
                let status = match t.revoked_at {
                    Some(_) => "revoked",
                    None if expires <= now => "expired",
                    None => "live",
                };
                let day = |t: domain::time::Timestamp| t.format("%Y-%m-%d").to_string();
                let (issued, expires) = (day(t.created_at), day(expires));
                println!("{}\t{}\t{issued}\t{expires}\t{status}", t.id, t.label);
            }
        }
        UserCommand::RevokeToken { id } => {
            app::auth::revoke_api_token(store, &cli, &clock, &id)?;
            println!("Revoked token {id}");
        }
        UserCommand::Deactivate { username } => {
            app::auth::deactivate_user(store, &cli, &clock, &username)?;
            println!(
                "Deactivated {username}: their sessions ended and their API tokens were revoked"
            );
        }
        UserCommand::Reactivate { username } => {
            app::auth::reactivate_user(store, &cli, &clock, &username)?;
            println!("Reactivated {username}");
        }
    }
    Ok(())
}
