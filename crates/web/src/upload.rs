//! Multipart uploads (an SSDA903 return's files) read without holding them
//! in memory: the form's token is checked first, from the first field, and
//! nothing more is read unless it is the session's; each file is then
//! streamed to a temporary file of its own (readable by this user only),
//! which is removed when the upload is dropped.
//!
//! The forms put `csrf_token` before their files (`templates/record.html`),
//! as browsers send fields in the order of the form.

use std::collections::HashMap;
use std::io::{BufReader, Write};
use std::path::PathBuf;

use axum::extract::Multipart;
use axum::extract::multipart::{Field, MultipartError};

/// The most a text field (not a file) may hold.
const FIELD_LIMIT: usize = 64 * 1024;

/// Why an upload was not read.
#[derive(Debug)]
pub(crate) enum UploadError {
    /// The first field was not the session's form token.
    OutOfDate,
    /// The upload could not be read (the message says why).
    Unreadable(String),
}

/// An uploaded file, on disk until dropped.
pub(crate) struct UploadedFile {
    /// The name the user's computer gave it.
    pub name: String,
    path: PathBuf,
}

impl UploadedFile {
    /// Opens the file to read.
    pub(crate) fn open(&self) -> std::io::Result<BufReader<std::fs::File>> {
        Ok(BufReader::with_capacity(
            256 * 1024,
            std::fs::File::open(&self.path)?,
        ))
    }
}

impl Drop for UploadedFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// An upload: its files by field name and its other fields.
#[derive(Default)]
pub(crate) struct Upload {
    files: HashMap<String, Vec<UploadedFile>>,
    fields: HashMap<String, String>,
}

impl Upload {
    /// The files sent in a field (none if it was left empty).
    pub(crate) fn files(&mut self, field: &str) -> Vec<UploadedFile> {
        self.files.remove(field).unwrap_or_default()
    }

    /// A text field, trimmed; empty when absent.
    pub(crate) fn field(&self, name: &str) -> String {
        self.fields.get(name).cloned().unwrap_or_default()
    }
}

fn unreadable(e: MultipartError) -> UploadError {
    UploadError::Unreadable(format!("The upload could not be read: {e}"))
}

/// Reads an upload whose first field must be `csrf_token` equal to
/// `expected`; refused before any file is read otherwise.
pub(crate) async fn read_upload(
    mut form: Multipart,
    expected: &str,
) -> Result<Upload, UploadError> {
    let first = form.next_field().await.map_err(unreadable)?;
    let token = match first {
        Some(f) if f.name() == Some("csrf_token") && f.file_name().is_none() => text(f).await?,
        _ => return Err(UploadError::OutOfDate),
    };
    if !crate::session::same_token(&token, expected) {
        return Err(UploadError::OutOfDate);
    }
    let mut upload = Upload::default();
    while let Some(part) = form.next_field().await.map_err(unreadable)? {
        let name = part.name().unwrap_or_default().to_owned();
        match part.file_name().map(str::to_owned) {
            Some(file) if !file.is_empty() => {
                let saved = save(part, file).await?;
                upload.files.entry(name).or_default().push(saved);
            }
            Some(_) => {
                // A file field left empty: read past it.
                save(part, String::new()).await?;
            }
            None => {
                let value = text(part).await?;
                upload.fields.insert(name, value);
            }
        }
    }
    Ok(upload)
}

/// A text field's value, refused beyond [`FIELD_LIMIT`].
async fn text(mut field: Field<'_>) -> Result<String, UploadError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
        if bytes.len() + chunk.len() > FIELD_LIMIT {
            return Err(UploadError::Unreadable(
                "The upload could not be read: a text field is too long".into(),
            ));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(String::from_utf8_lossy(&bytes).trim().to_owned())
}

/// Streams a file field to a new temporary file, chunk by chunk.
async fn save(mut field: Field<'_>, name: String) -> Result<UploadedFile, UploadError> {
    let (file, path) = temporary_file().map_err(|e| {
        UploadError::Unreadable(format!(
            "The upload could not be saved for checking ({e}); try again later"
        ))
    })?;
    let saved = UploadedFile { name, path };
    let mut out = std::io::BufWriter::with_capacity(256 * 1024, file);
    while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
        out.write_all(&chunk).map_err(|e| {
            UploadError::Unreadable(format!("The upload could not be saved for checking: {e}"))
        })?;
    }
    out.flush().map_err(|e| {
        UploadError::Unreadable(format!("The upload could not be saved for checking: {e}"))
    })?;
    Ok(saved)
}

/// A new, empty file in the system's temporary folder that only this user
/// may read, with a name nobody can guess.
fn temporary_file() -> std::io::Result<(std::fs::File, PathBuf)> {
    let dir = std::env::temp_dir();
    let path = dir.join(format!(
        "permanence-upload-{}-{}",
        std::process::id(),
        app::auth::new_token()
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    Ok((options.open(&path)?, path))
}

/// Removes the upload files a server stopped in the middle of a check left
/// behind (they hold a return's personal data): those of processes no
/// longer running, or, where processes cannot be looked up, older than a
/// day. Run at start; returns how many were removed.
pub fn remove_stale_uploads() -> usize {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return 0;
    };
    let proc = std::path::Path::new("/proc");
    let stale = |entry: &std::fs::DirEntry| {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix("permanence-upload-"))
            .and_then(|rest| rest.split('-').next())
        else {
            return false;
        };
        if proc.join("self").exists() {
            !proc.join(pid).exists()
        } else {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 24 * 60 * 60)
        }
    };
    entries
        .filter_map(Result::ok)
        .filter(stale)
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn security_upload_files_left_by_a_stopped_server_are_removed_at_start() {
        let dir = std::env::temp_dir();
        let left = dir.join("permanence-upload-999999999-lefttest");
        std::fs::write(&left, "CHILD\n").unwrap();
        let (_, ours) = temporary_file().unwrap();
        assert!(remove_stale_uploads() >= 1);
        assert!(!left.exists(), "a file of a stopped server was left");
        assert!(ours.exists(), "a file of this server was removed");
        std::fs::remove_file(ours).unwrap();
    }
}
