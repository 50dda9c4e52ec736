//! Installs the front-end packages (GOV.UK Frontend, pinned in the
//! workspace's package-lock.json) with `npm ci` when they are missing, and
//! copies the files the service serves into OUT_DIR, so the binary carries
//! them and nothing front-end is committed to the repository.

use std::path::{Path, PathBuf};
use std::process::Command;

const FILES: &[&str] = &[
    "govuk-frontend.min.css",
    "govuk-frontend.min.js",
    "assets/images/favicon.ico",
    "assets/images/favicon.svg",
    "assets/images/govuk-icon-180.png",
];

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let root = manifest
        .ancestors()
        .nth(2)
        .expect("crates/web is two below the root")
        .to_owned();
    println!(
        "cargo:rerun-if-changed={}",
        root.join("package-lock.json").display()
    );
    println!(
        "cargo:rerun-if-changed={}",
        root.join("package.json").display()
    );
    let dist = root.join("node_modules/govuk-frontend/dist/govuk");
    if !FILES.iter().all(|f| dist.join(f).exists()) {
        install(&root);
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("frontend");
    for file in FILES {
        let to = out.join(file);
        std::fs::create_dir_all(to.parent().expect("a file has a folder"))
            .expect("OUT_DIR is writable");
        std::fs::copy(dist.join(file), &to).unwrap_or_else(|e| {
            panic!(
                "copying {} from GOV.UK Frontend: {e}",
                dist.join(file).display()
            )
        });
    }
    let css = out.join("govuk-frontend.min.css");
    let text = std::fs::read_to_string(&css).expect("the stylesheet was just copied");
    std::fs::write(&css, without_gds_transport(&text)).expect("OUT_DIR is writable");
}

/// The stylesheet without the GDS Transport typeface: its licence allows it
/// only on GOV.UK services, so a council's service uses the fallback (Arial)
/// and the browser asks for no font files.
fn without_gds_transport(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("@font-face{") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('}').map_or(rest.len(), |e| at + e + 1);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.replace("GDS Transport,", "")
}

fn install(root: &Path) {
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
        .current_dir(root)
        .status();
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => panic!(
            "`npm ci` in {} failed ({s}); the web application needs GOV.UK Frontend from the npm registry",
            root.display()
        ),
        Err(e) => panic!(
            "could not run `npm ci` in {}: {e}. Install Node.js and npm (the web application needs GOV.UK Frontend from the npm registry), then build again",
            root.display()
        ),
    }
}
