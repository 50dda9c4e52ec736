//! The binary stopped with `kill -9` in the middle of its writes, on both
//! backends, and what is left afterwards (issue 14): a demo load leaves
//! nothing or everything, and runs again; a killed import never leaves the
//! children without their tracking list once the server has started.

use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use store::{ChildFilter, ChildRepository, PermanenceRepository, Store, UserRepository};

fn binary() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_permanence"));
    c.env_remove("DATABASE_URL")
        .env_remove("PERMANENCE_POSTCODES");
    c
}

/// Starts the binary with its standard error read line by line (the
/// progress bar's `\r` ends a line too) into a channel.
fn spawn(args: &[&str]) -> (Child, Receiver<String>) {
    let mut child = binary()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let (tx, rx) = channel();
    for stream in [
        Box::new(child.stderr.take().unwrap()) as Box<dyn Read + Send>,
        Box::new(child.stdout.take().unwrap()),
    ] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            let mut line = Vec::new();
            for byte in std::io::BufReader::new(stream).bytes() {
                let Ok(b) = byte else { break };
                if b == b'\r' || b == b'\n' {
                    let _ = tx.send(String::from_utf8_lossy(&line).into_owned());
                    line.clear();
                } else {
                    line.push(b);
                }
            }
            let _ = tx.send(String::from_utf8_lossy(&line).into_owned());
        });
    }
    (child, rx)
}

/// Waits (up to two minutes) for a line that `wanted` accepts.
fn wait_for(rx: &Receiver<String>, what: &str, wanted: impl Fn(&str) -> bool) {
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    while std::time::Instant::now() < deadline {
        match rx.recv_timeout(Duration::from_secs(1)) {
            Ok(line) if wanted(&line) => return,
            Ok(_) | Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            Err(_) => panic!("the binary stopped before {what}"),
        }
    }
    panic!("no {what} within two minutes");
}

/// A progress bar's line once every child is written: `Label [###] n/n`.
fn all_written(label: &'static str) -> impl Fn(&str) -> bool {
    move |line| {
        line.starts_with(label)
            && line.rsplit(' ').next().is_some_and(|counts| {
                let mut n = counts.split('/');
                matches!((n.next(), n.next()), (Some(a), Some(b)) if a == b && a != "0")
            })
    }
}

/// Kills the binary `after` its progress bar `label` shows every child
/// written.
fn kill_after(args: &[&str], label: &'static str, after: Duration) {
    let (mut child, rx) = spawn(args);
    wait_for(&rx, "every child written", all_written(label));
    std::thread::sleep(after);
    child.kill().expect("kill -9");
    let _ = child.wait();
}

/// Kills the binary the moment its children can be seen in the database
/// (their transaction has committed), or when it ends.
fn kill_once_committed(args: &[&str], store: &Store) {
    let (mut child, _rx) = spawn(args);
    let deadline = std::time::Instant::now() + Duration::from_secs(300);
    while children(store) == 0 && std::time::Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().expect("kill -9");
    let _ = child.wait();
}

fn children(store: &Store) -> i64 {
    store
        .read(|tx| tx.count_children(ChildFilter::All))
        .unwrap()
}

/// The tracking list holds one row for each child in care.
fn tracking_is_whole(store: &Store) -> bool {
    let in_care = store
        .read(|tx| tx.count_children(ChildFilter::InCare))
        .unwrap();
    let tracked = store.read(|tx| tx.tracking_stamps(None)).unwrap().len();
    usize::try_from(in_care).unwrap() == tracked
}

/// The demo council is whole: children, users and the tracking list.
fn demo_is_whole(store: &Store) -> bool {
    children(store) > 0
        && store
            .read(|tx| tx.user("social-worker.demo"))
            .unwrap()
            .is_some()
        && tracking_is_whole(store)
}

fn demo_args(url: &str) -> Vec<&str> {
    vec![
        "demo",
        "--children",
        "2500",
        "--as-of",
        "2026-03-31",
        "--seed",
        "7",
        "--database",
        url,
    ]
}

test_support::on_both_backends! {
    fn security_a_demo_load_killed_after_its_children_leaves_nothing_and_runs_again(db) {
        kill_after(&demo_args(&db.url), "Loading", Duration::from_millis(150));
        let left = children(&db.store);
        assert!(
            left == 0 || demo_is_whole(&db.store),
            "a killed demo load left {left} children without its users or tracking list"
        );
        if left == 0 {
            let again = binary().args(demo_args(&db.url)).output().unwrap();
            assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
        }
        assert!(demo_is_whole(&db.store));
    }

    fn security_a_killed_import_has_its_tracking_list_once_the_server_starts(db) {
        // A return to import: the demo council's, exported.
        let source = test_support::db::sqlite();
        let demo = binary().args(demo_args(&source.url)).output().unwrap();
        assert!(demo.status.success(), "{}", String::from_utf8_lossy(&demo.stderr));
        let dir = std::env::temp_dir().join(format!("permanence_faults_{}_{}", std::process::id(), db.url.len()));
        let dir_text = dir.to_str().unwrap().to_owned();
        let export = binary()
            .args(["903", "export", "--year", "2025-26", &dir_text, "--database", &source.url])
            .output()
            .unwrap();
        assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
        kill_once_committed(
            &["903", "import", &dir_text, "--year", "2025-26", "--database", &db.url],
            &db.store,
        );
        assert!(children(&db.store) > 0, "the import did not commit its children");
        let _ = std::fs::remove_dir_all(&dir);
        // The server starts on what is left.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port().to_string();
        let (mut server, rx) = spawn(&["serve", "--port", &port, "--database", &db.url]);
        wait_for(&rx, "the server serving", |l| l.contains("is serving"));
        server.kill().unwrap();
        let _ = server.wait();
        assert!(tracking_is_whole(&db.store), "{} children, tracking list not whole", children(&db.store));
        // A list that has lost rows (as an older version's killed import
        // left it) is rebuilt when the server starts.
        let tracked = db.store.read(|tx| tx.tracking_stamps(None)).unwrap();
        db.store
            .write(|tx| tracked.iter().take(10).try_for_each(|t| tx.remove_tracking(&t.child_id)))
            .unwrap();
        assert!(!tracking_is_whole(&db.store));
        let (mut server, rx) = spawn(&["serve", "--port", &port, "--database", &db.url]);
        wait_for(&rx, "the server serving", |l| l.contains("is serving"));
        server.kill().unwrap();
        let _ = server.wait();
        assert!(tracking_is_whole(&db.store), "the server did not rebuild the tracking list at start");
    }
}
