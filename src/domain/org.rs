//! The organisation around orders: departments (a tree), customers and their groups, and the
//! service catalog (a tree).

use crate::{Error, Result};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Department {
    pub id: String,
    pub parent_id: Option<String>,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CustomerGroup {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Customer {
    pub id: String,
    pub name: String,
    pub group_id: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CatalogItem {
    pub id: String,
    pub parent_id: Option<String>,
    pub name: String,
}

/// Input for a node of a tree (a department or a catalog item) or a flat record (a group).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewNode {
    pub name: String,
    pub parent_id: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewCustomer {
    pub name: String,
    pub group_id: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}

/// A display name: 1–200 characters after trimming.
pub fn validate_name(name: &str, field: &str) -> Result<String> {
    let name = name.trim();
    let len = name.chars().count();
    if len == 0 {
        return Err(Error::invalid("input.required").on_field(field));
    }
    if len > 200 {
        return Err(Error::invalid("input.too_long").on_field(field).with("max", 200));
    }
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(validate_name("  售后部 ", "name").unwrap(), "售后部");
        assert_eq!(validate_name("   ", "name").unwrap_err().key, "input.required");
        assert_eq!(validate_name(&"x".repeat(201), "name").unwrap_err().key, "input.too_long");
    }
}
