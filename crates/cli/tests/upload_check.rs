//! The SSDA903 check page of a real server (issue 14, finding 6): `serve`
//! checks an uploaded return in a child process of its own executable, so
//! a large return's tables never take the server's memory.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

/// Kills the server when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(database: &str, port: &str) -> (Server, Receiver<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_permanence"))
        .env_remove("DATABASE_URL")
        .env_remove("PERMANENCE_POSTCODES")
        .args(["serve", "--demo", "--demo-children", "30", "--port", port])
        .args(["--database", database])
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
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { break };
                let _ = tx.send(line);
            }
        });
    }
    (Server(child), rx)
}

fn wait_for(rx: &Receiver<String>, what: &str, found: impl Fn(&str) -> bool) {
    let mut seen = Vec::new();
    loop {
        match rx.recv_timeout(Duration::from_secs(120)) {
            Ok(line) if found(&line) => return,
            Ok(line) => seen.push(line),
            Err(_) => panic!("no sign of {what}; the server said:\n{}", seen.join("\n")),
        }
    }
}

/// One HTTP/1.1 request; the whole answer (head and body) as text.
fn request(port: &str, method: &str, path: &str, cookies: &str, body: (&str, &[u8])) -> String {
    let mut stream = TcpStream::connect(format!("127.0.0.1:{port}")).unwrap();
    let (content_type, bytes) = body;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nCookie: {cookies}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        bytes.len()
    )
    .unwrap();
    stream.write_all(bytes).unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

/// The cookies an answer sets, as a `Cookie` header value.
fn cookies(answer: &str) -> String {
    answer
        .lines()
        .take_while(|l| !l.is_empty())
        .filter_map(|l| {
            l.strip_prefix("set-cookie: ")
                .or_else(|| l.strip_prefix("Set-Cookie: "))
        })
        .map(|c| c.split(';').next().unwrap_or_default().to_owned())
        .collect::<Vec<_>>()
        .join("; ")
}

fn csrf_token(page: &str) -> String {
    let at = page
        .find("name=\"csrf_token\" value=\"")
        .expect("a form token")
        + 25;
    page[at..].split('"').next().unwrap().to_owned()
}

fn multipart(token: &str, files: &[(&str, &str)]) -> Vec<u8> {
    let mut body =
        format!("--B\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n");
    for (name, text) in files {
        body.push_str(&format!(
            "--B\r\nContent-Disposition: form-data; name=\"current\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n{text}\r\n"
        ));
    }
    for (field, value) in [("year", "2024-25"), ("la", "E10000018")] {
        body.push_str(&format!(
            "--B\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str("--B--\r\n");
    body.into_bytes()
}

#[test]
fn security_upload_check_runs_out_of_process_and_shows_its_failures_and_read_errors() {
    let dir = std::env::temp_dir().join(format!("permanence_check_serve_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let database = format!("sqlite:{}", dir.join("check.sqlite3").display());
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
        .to_string();
    let (_server, rx) = serve(&database, &port);
    wait_for(&rx, "the server serving", |l| l.contains("is serving"));

    let form = request(&port, "GET", "/sign-in", "", ("text/plain", b""));
    let jar = cookies(&form);
    let sign_in = format!(
        "csrf_token={}&username=performance-analyst.demo&password=permanence-demo&next=/",
        csrf_token(&form)
    );
    let signed = request(
        &port,
        "POST",
        "/sign-in",
        &jar,
        ("application/x-www-form-urlencoded", sign_in.as_bytes()),
    );
    assert!(signed.starts_with("HTTP/1.1 303"), "{signed}");
    let jar = cookies(&signed);
    let page = request(&port, "GET", "/returns/check", &jar, ("text/plain", b""));
    let token = csrf_token(&page);

    let header = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC1,M,01/02/2015,XXXX,UN1,,\n";
    let body = multipart(&token, &[("Header.csv", header)]);
    let report = request(
        &port,
        "POST",
        "/returns/check",
        &jar,
        ("multipart/form-data; boundary=B", &body),
    );
    assert!(report.starts_with("HTTP/1.1 200"), "{report}");
    wait_for(&rx, "the check run in a child process", |l| {
        l.contains("ssda903 check: run in a child process, ") && l.contains(" failures in ")
    });
    // The rule's own cell, not any "103" (a random CSRF token or request id
    // may hold those digits).
    assert!(
        report.contains("<td class=\"govuk-table__cell\">103</td>"),
        "rule 103 (ethnicity) is not reported:\n{report}"
    );
    assert!(report.contains("C1"), "{report}");
    let link = report
        .find("/returns/check/")
        .map(|at| &report[at..])
        .expect("a download link");
    let csv_path = &link[..link.find("/csv").expect("a CSV link") + 4];
    let csv = request(&port, "GET", csv_path, &jar, ("text/plain", b""));
    assert!(csv.contains("103,Header,C1,0,2,"), "{csv}");

    // A file the checker cannot read is named on the page, without the
    // folder the child process read it from.
    let body = multipart(&token, &[("../Header.csv", "CHILD,SEX,DOB\nC1,M\n")]);
    let refused = request(
        &port,
        "POST",
        "/returns/check",
        &jar,
        ("multipart/form-data; boundary=B", &body),
    );
    wait_for(&rx, "the unreadable check", |l| {
        l.contains("problems with the files")
    });
    assert!(refused.contains("Header.csv"), "{refused}");
    assert!(!refused.contains("permanence-check-"), "{refused}");
    assert!(
        !refused.contains("<td class=\"govuk-table__cell\">103</td>"),
        "{refused}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
