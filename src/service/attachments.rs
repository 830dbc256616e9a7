//! Attachments (issue #3): files uploaded for a template's attachment field, kept
//! content-addressed in the files folder and recorded in the store, and the check that an
//! order's values name only stored files, so a forged reference cannot be saved.
//!
//! A file is judged by its field's limits before a byte is written; it is written to a
//! temporary name and renamed, so a crash never leaves a half file under its hash; storing
//! the same content again writes nothing new.

use super::Orderly;
use crate::domain::attachment::{check_upload, content_sha256, file_path, is_sha256, referenced_files, AttachmentRef};
use crate::domain::form::TemplateDef;
use crate::domain::now_millis;
use crate::domain::order::WorkOrder;
use crate::domain::user::Actor;
use crate::store::{attachments as file_store, orders as order_store};
use crate::{Error, Result};
use serde_json::{Map, Value};
use sqlx::AnyConnection;
use std::io::Write;
use std::path::Path;

/// Refuses values that name a file the store does not hold, naming the field.
pub(crate) async fn check_stored(
    conn: &mut AnyConnection,
    def: &TemplateDef,
    values: &Map<String, Value>,
) -> Result<()> {
    for (field, sha) in referenced_files(def, values) {
        if !is_sha256(&sha) || file_store::uploader(conn, &sha).await?.is_none() {
            return Err(Error::invalid("attachment.not_stored")
                .on_field(&format!("values.{field}"))
                .with("value", sha));
        }
    }
    Ok(())
}

/// Records which stored files the order's values name (inside the order's write).
pub(crate) async fn link_files(
    conn: &mut AnyConnection,
    def: &TemplateDef,
    order: &WorkOrder,
    new: bool,
) -> Result<()> {
    let empty = Map::new();
    let files = referenced_files(def, order.values.as_object().unwrap_or(&empty));
    let shas: Vec<&str> = files.iter().map(|(_, sha)| sha.as_str()).collect();
    file_store::put_order_files(conn, &order.id, &shas, new).await
}

/// Writes `bytes` to `path` unless a file is already there: to a temporary name first, synced,
/// then renamed, so the name only ever holds the whole content.
fn write_once(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if path.exists() {
        return Ok(());
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let temp = dir.join(format!(".{}.tmp", crate::domain::new_id()));
    let written = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

impl Orderly {
    fn files_or_refuse(&self) -> Result<&Path> {
        self.files_folder().ok_or_else(|| Error::invalid("attachment.no_folder"))
    }

    /// Stores a file for the attachment field `field_key` of the latest published version of
    /// `template_key`, returning the reference to put in the order's values. The file is
    /// checked against the field's size and type limits before anything is written.
    pub async fn store_attachment(
        &self,
        actor: &Actor,
        template_key: &str,
        field_key: &str,
        name: &str,
        mime: &str,
        bytes: &[u8],
    ) -> Result<AttachmentRef> {
        let template = {
            let mut conn = self.read().await?;
            super::templates::published(&mut conn, template_key, None).await?
        };
        let mut file = check_upload(&template.definition, field_key, name, mime, bytes.len() as u64)?;
        let files = self.files_or_refuse()?;
        file.sha256 = content_sha256(bytes);
        let path = file_path(files, &file.sha256);
        let blocking_path = path.clone();
        let content = bytes.to_vec();
        tokio::task::spawn_blocking(move || write_once(&blocking_path, &content))
            .await
            .map_err(Error::internal)?
            .map_err(|e| Error::internal(format!("writing {}: {e}", path.display())))?;
        let mut tx = self.store.write().await?;
        file_store::put(&mut tx, &file, &actor.user_id, now_millis()).await?;
        tx.commit().await?;
        Ok(file)
    }

    /// A stored file's content. Readable by whoever stored it, by staff who see every order,
    /// and by anyone who may see an order that names it.
    pub async fn read_attachment(&self, actor: &Actor, sha256: &str) -> Result<Vec<u8>> {
        let unknown = || Error::not_found("attachment.unknown").with("value", sha256);
        if !is_sha256(sha256) {
            return Err(unknown());
        }
        let mut conn = self.read().await?;
        let uploader = file_store::uploader(&mut conn, sha256).await?.ok_or_else(unknown)?;
        if !actor.sees_all_orders() && uploader != actor.user_id {
            let mut allowed = false;
            for id in file_store::orders_naming(&mut conn, sha256).await? {
                if order_store::find(&mut conn, &id).await?.is_some_and(|o| actor.can_see(&o.order)) {
                    allowed = true;
                    break;
                }
            }
            actor.require(allowed, "perm.see_order")?;
        }
        drop(conn);
        let path = file_path(self.files_or_refuse()?, sha256);
        let read = tokio::task::spawn_blocking(move || std::fs::read(&path).map_err(|e| (path, e)))
            .await
            .map_err(Error::internal)?;
        read.map_err(|(path, e)| {
            // The row outlived its file (a folder restored without it, say): say which one.
            eprintln!("orderly: attachment {} unreadable: {e}", path.display());
            Error::not_found("attachment.file_missing").with("value", sha256)
        })
    }
}
