//! Files attached to orders through a template's attachment fields (issue #3): kept
//! content-addressed (by SHA-256) in the app data folder, and referenced from an order's
//! values as `{"sha256", "name", "mime", "size"}`. Pure: which uploads a field accepts, where a
//! file lives under the files folder, and which files an order's values name.

use super::form::values::check_value;
use super::form::{FieldKind, TemplateDef, MAX_ATTACHMENT_BYTES};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// A stored file as an attachment field's value holds it (one item of its list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AttachmentRef {
    pub sha256: String,
    pub name: String,
    pub mime: String,
    pub size: u32,
}

/// The MIME type recorded when the uploader gives none.
pub const UNKNOWN_MIME: &str = "application/octet-stream";

/// The content's SHA-256 as lowercase hex: the file's name in the store.
pub fn content_sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Whether `text` is a SHA-256 as the store names files (64 lowercase hex digits), so a
/// forged reference can never name a path outside the files folder.
pub fn is_sha256(text: &str) -> bool {
    text.len() == 64 && text.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f'))
}

/// Where a file lives: `<files>/<first two hex digits>/<sha256>`, so no folder grows huge.
pub fn file_path(files: &Path, sha256: &str) -> PathBuf {
    files.join(&sha256[..2]).join(sha256)
}

/// Checks an upload against the template field it is for, before anything is written: the
/// field exists and takes files, and the file meets its size and type limits. A refusal of
/// the file names `values.<field>`, as saving an order with it would.
pub fn check_upload(def: &TemplateDef, field_key: &str, name: &str, mime: &str, size: u64) -> Result<AttachmentRef> {
    let field = def
        .field(field_key)
        .ok_or_else(|| Error::invalid("template.field_unknown").on_field("field_key").with("value", field_key))?;
    if !matches!(field.kind, FieldKind::Attachment { .. }) {
        return Err(Error::invalid("attachment.field_not_attachment").on_field("field_key").with("value", field_key));
    }
    let at = format!("values.{field_key}");
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 255 || name.chars().any(|c| c.is_control() || c == '/' || c == '\\') {
        return Err(Error::invalid("attachment.name_invalid").on_field("name").with("value", name));
    }
    let mime = match mime.trim() {
        "" => UNKNOWN_MIME,
        m => m,
    };
    let mime_ok = mime.len() <= 100 && mime.split_once('/').is_some_and(|(a, b)| !a.is_empty() && !b.is_empty());
    if !mime_ok || !mime.chars().all(|c| c.is_ascii_graphic()) {
        return Err(Error::invalid("attachment.mime_invalid").on_field("mime").with("value", mime));
    }
    if size > MAX_ATTACHMENT_BYTES {
        return Err(Error::invalid("template.value_file_too_large")
            .on_field(&at)
            .with("value", name)
            .with("max", MAX_ATTACHMENT_BYTES));
    }
    // The hash is not known yet: a placeholder lets the field's own check judge size and type.
    let probe = AttachmentRef { sha256: "0".repeat(64), name: name.into(), mime: mime.into(), size: size as u32 };
    check_value(field, &json!([probe])).map_err(|e| e.on_field(&at))?;
    Ok(probe)
}

/// The stored files an order's values name, as (field key, sha256): every attachment field's
/// files, then any file kept among the values a conversion had no field for (`_unmapped`).
pub fn referenced_files(def: &TemplateDef, values: &Map<String, Value>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |field: &str, items: &Value| {
        for sha in items.as_array().into_iter().flatten().filter_map(|f| f.get("sha256")?.as_str()) {
            if !out.iter().any(|(_, s)| s == sha) {
                out.push((field.to_string(), sha.to_string()));
            }
        }
    };
    for f in def.fields.iter().filter(|f| matches!(f.kind, FieldKind::Attachment { .. })) {
        if let Some(v) = values.get(&f.key) {
            add(&f.key, v);
        }
    }
    if let Some(Value::Object(unmapped)) = values.get(super::template::UNMAPPED_KEY) {
        for (key, v) in unmapped {
            add(key, v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::form::library::library;

    fn it_repair_with_photos() -> TemplateDef {
        let mut def = library().into_iter().find(|t| t.key == "it_repair").unwrap();
        let mut photos = def.fields[0].clone();
        photos.key = "photos".into();
        photos.kind = FieldKind::Attachment { max_bytes: Some(1000), types: vec!["image/*".into()], max_files: None };
        def.fields.push(photos);
        def
    }

    #[test]
    fn an_upload_is_judged_by_its_field_before_it_is_stored() {
        let def = it_repair_with_photos();
        let ok = check_upload(&def, "photos", " fan.jpg ", "image/jpeg", 1000).unwrap();
        assert_eq!((ok.name.as_str(), ok.size), ("fan.jpg", 1000));
        let refused = |field: &str, name: &str, mime: &str, size: u64| {
            let e = check_upload(&def, field, name, mime, size).unwrap_err();
            (e.key, e.field.unwrap_or_default())
        };
        let on = |key: &str, field: &str| (key.to_string(), field.to_string());
        assert_eq!(
            refused("photos", "fan.jpg", "image/jpeg", 1001),
            on("template.value_file_too_large", "values.photos")
        );
        assert_eq!(
            refused("photos", "log.txt", "text/plain", 10),
            on("template.value_file_type_refused", "values.photos")
        );
        assert_eq!(refused("nothing", "a.jpg", "image/jpeg", 1), on("template.field_unknown", "field_key"));
        let text_field = def.fields[0].key.clone();
        assert_eq!(refused(&text_field, "a.jpg", "image/jpeg", 1), on("attachment.field_not_attachment", "field_key"));
        assert_eq!(refused("photos", "../etc/passwd", "image/jpeg", 1), on("attachment.name_invalid", "name"));
        assert_eq!(refused("photos", "a.jpg", "jpeg", 1), on("attachment.mime_invalid", "mime"));
    }

    #[test]
    fn files_are_named_by_their_content_and_found_in_values() {
        let sha = content_sha256(b"hello");
        assert_eq!(sha, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assert!(is_sha256(&sha) && !is_sha256("../../etc/passwd") && !is_sha256(&sha.to_uppercase()));
        assert_eq!(file_path(Path::new("/f"), &sha), Path::new("/f/2c").join(&sha));
        let def = it_repair_with_photos();
        let file = json!({"sha256": sha, "name": "a.png", "mime": "image/png", "size": 5});
        let values = json!({"photos": [file, file], "_unmapped": {"old_photos": [{"sha256": "ab"}]}});
        let found = referenced_files(&def, values.as_object().unwrap());
        assert_eq!(found, [("photos".to_string(), sha), ("old_photos".to_string(), "ab".to_string())]);
    }
}
