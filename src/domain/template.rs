//! Templates until the template issue (#3) lands: one built-in `general` template whose
//! custom fields are checked here on every write.

use crate::{Error, Result};
use serde_json::{Map, Value};

pub const GENERAL: &str = "general";
pub const GENERAL_VERSION: i32 = 1;

/// The custom text fields of `general` and their maximum lengths.
const GENERAL_FIELDS: [(&str, usize); 3] = [("contact_name", 200), ("contact_phone", 40), ("asset_tag", 100)];

/// The custom fields of a template: (key, maximum length in characters).
pub fn fields(template_key: &str) -> Result<&'static [(&'static str, usize)]> {
    require_known(template_key)?;
    Ok(&GENERAL_FIELDS)
}

pub fn require_known(template_key: &str) -> Result<()> {
    if template_key == GENERAL {
        Ok(())
    } else {
        Err(Error::invalid("template.unknown").on_field("template_key").with("value", template_key))
    }
}

/// Checks a whole values object against the template; returns it normalised (nulls dropped).
pub fn validate_values(template_key: &str, values: &Value) -> Result<Value> {
    require_known(template_key)?;
    let Value::Object(map) = values else {
        return Err(Error::invalid("template.values_not_object").on_field("values"));
    };
    let mut clean = Map::new();
    for (key, value) in map {
        if value.is_null() {
            continue;
        }
        validate_value(key, value)?;
        clean.insert(key.clone(), value.clone());
    }
    Ok(Value::Object(clean))
}

fn validate_value(key: &str, value: &Value) -> Result<()> {
    let field = format!("values.{key}");
    let (_, max) = GENERAL_FIELDS
        .iter()
        .find(|(k, _)| *k == key)
        .ok_or_else(|| Error::invalid("template.field_unknown").on_field(&field).with("value", key))?;
    let Value::String(text) = value else {
        return Err(Error::invalid("template.value_not_text").on_field(&field));
    };
    if text.chars().count() > *max {
        return Err(Error::invalid("input.too_long").on_field(&field).with("max", max));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn general_values_are_checked_per_field() {
        let ok = validate_values(GENERAL, &json!({"contact_name": "李雷", "asset_tag": null})).unwrap();
        assert_eq!(ok, json!({"contact_name": "李雷"}));
        assert_eq!(validate_values("nope", &json!({})).unwrap_err().key, "template.unknown");
        assert_eq!(validate_values(GENERAL, &json!([1])).unwrap_err().key, "template.values_not_object");
        let e = validate_values(GENERAL, &json!({"color": "red"})).unwrap_err();
        assert_eq!((e.key.as_str(), e.field.as_deref()), ("template.field_unknown", Some("values.color")));
        assert_eq!(validate_values(GENERAL, &json!({"contact_phone": 5})).unwrap_err().key, "template.value_not_text");
    }
}
