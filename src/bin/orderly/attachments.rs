//! `orderly attachment …`: store a file for a template's attachment field (the printed
//! reference goes into `--values`), and read a stored file back.

use crate::output::Out;
use clap::Subcommand;
use orderly::domain::user::Actor;
use orderly::service::Orderly;
use orderly::{Error, Result};
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum AttachmentCommand {
    /// Store FILE for an attachment field; prints {"sha256","name","mime","size"} for --values
    Add {
        file: PathBuf,
        #[arg(long)]
        template: String,
        #[arg(long)]
        field: String,
        /// The file's type [default: from its extension]
        #[arg(long)]
        mime: Option<String>,
    },
    /// Write a stored file (by its SHA-256) to FILE
    Get {
        sha256: String,
        #[arg(long)]
        out: PathBuf,
    },
}

/// A MIME type for the extensions people attach most; the field's type limits judge it.
fn mime_of(file: &std::path::Path) -> &'static str {
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "heic" => "image/heic",
        "pdf" => "application/pdf",
        "txt" | "log" => "text/plain",
        "csv" => "text/csv",
        "json" => "application/json",
        "zip" => "application/zip",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}

pub async fn run(orderly: &Orderly, actor: &Actor, cmd: AttachmentCommand, out: &Out) -> Result<()> {
    match cmd {
        AttachmentCommand::Add { file, template, field, mime } => {
            let bytes = std::fs::read(&file)
                .map_err(|_| Error::not_found("import.file_missing").with("value", file.display()))?;
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let mime = mime.unwrap_or_else(|| mime_of(&file).to_string());
            let stored = orderly.store_attachment(actor, &template, &field, &name, &mime, &bytes).await?;
            out.document(&stored);
        }
        AttachmentCommand::Get { sha256, out: path } => {
            let bytes = orderly.read_attachment(actor, &sha256).await?;
            std::fs::write(&path, bytes)
                .map_err(|_| Error::invalid("cli.file_unwritable").on_field("out").with("value", path.display()))?;
            out.done(&path.display().to_string());
        }
    }
    Ok(())
}
