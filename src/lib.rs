//! Orderly core: the work-order domain, its store over SQLite and PostgreSQL, and the service
//! API that the desktop shell and the `orderly` CLI both call. No Tauri, no UI: testable headless.

pub mod bench;
pub mod charts;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod service;
pub mod store;

pub use error::{Error, ErrorCode, Result};
