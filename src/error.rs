//! The one core error: a closed [`ErrorCode`] the UI and the CLI switch on, a stable message
//! key with parameters (translated by [`crate::i18n`] for the CLI and by i18next in the UI),
//! and the field it concerns. Internal causes are logged, never shown.

use serde::Serialize;
use std::collections::BTreeMap;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What kind of refusal this is. Closed: adding a variant is an API change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The input breaks a rule; nothing was written.
    InvalidInput,
    /// The order changed since the caller read it (stale `version`).
    Conflict,
    /// The actor may not do this.
    Forbidden,
    /// No such order, user or record.
    NotFound,
    /// Nobody is signed in, or the credentials are wrong.
    Unauthenticated,
    /// A fault of ours (store unreachable, bug); details are in the log.
    Internal,
}

impl ErrorCode {
    /// The CLI's exit code for this refusal (documented in the README).
    pub fn exit_code(self) -> i32 {
        match self {
            ErrorCode::InvalidInput => 2,
            ErrorCode::Conflict => 3,
            ErrorCode::Forbidden => 4,
            ErrorCode::Unauthenticated => 4,
            ErrorCode::NotFound => 5,
            ErrorCode::Internal => 1,
        }
    }
}

/// A refusal with everything needed to explain it in any language.
#[derive(Debug, Clone, Serialize, thiserror::Error)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[error("{code:?}: {key} {params:?}")]
#[serde(rename = "AppError")] // `Error` would shadow JavaScript's Error in the generated bindings
pub struct Error {
    pub code: ErrorCode,
    /// Message key in the catalogue, e.g. `order.priority_invalid`.
    pub key: String,
    /// Values interpolated into the message (`{value}`, `{field}` …).
    pub params: BTreeMap<String, String>,
    /// The input field the error concerns, when there is one.
    pub field: Option<String>,
}

impl Error {
    pub fn new(code: ErrorCode, key: &str) -> Self {
        Error { code, key: key.to_string(), params: BTreeMap::new(), field: None }
    }
    pub fn invalid(key: &str) -> Self {
        Self::new(ErrorCode::InvalidInput, key)
    }
    pub fn forbidden(key: &str) -> Self {
        Self::new(ErrorCode::Forbidden, key)
    }
    pub fn not_found(key: &str) -> Self {
        Self::new(ErrorCode::NotFound, key)
    }
    pub fn conflict(key: &str) -> Self {
        Self::new(ErrorCode::Conflict, key)
    }
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        eprintln!("orderly: internal error: {cause}");
        Self::new(ErrorCode::Internal, "internal")
    }
    pub fn with(mut self, name: &str, value: impl ToString) -> Self {
        self.params.insert(name.to_string(), value.to_string());
        self
    }
    pub fn on_field(mut self, field: &str) -> Self {
        self.field = Some(field.to_string());
        self.params.insert("field".into(), field.to_string());
        self
    }
    /// Names the field inside a part of a larger input: `policies[2]` + `P3.resolution_minutes`.
    pub fn within(self, prefix: &str) -> Self {
        let field = match &self.field {
            Some(f) => format!("{prefix}.{f}"),
            None => prefix.to_string(),
        };
        self.on_field(&field)
    }
    /// The message in `lang` (`en`, `zh-CN`, `es`; anything else falls back to English).
    pub fn message(&self, lang: &str) -> String {
        crate::i18n::message(lang, &self.key, &self.params)
    }
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e {
            if db.is_unique_violation() {
                return Error::conflict("store.duplicate");
            }
            if db.is_foreign_key_violation() {
                return Error::invalid("store.reference_missing");
            }
        }
        Error::internal(e)
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::invalid("input.malformed_json").with("detail", e)
    }
}
