//! Templates as the store keeps them (issue #3): versions of a [`TemplateDef`], each a draft
//! or published. A published version never changes; publishing a change adds the next
//! version, and an order keeps the version it was made with. The definition itself and its
//! checks live in [`crate::domain::form`].

use crate::domain::form::{FieldKind, TemplateDef};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The template of an order that names none.
pub const GENERAL: &str = "general";

/// Where an order keeps values a conversion had no field for: `values._unmapped` holds them
/// by their old field key, shown beside the form and never checked against the template.
pub const UNMAPPED_KEY: &str = "_unmapped";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TemplateStatus {
    Draft,
    Published,
}

impl TemplateStatus {
    pub fn key(self) -> &'static str {
        match self {
            TemplateStatus::Draft => "draft",
            TemplateStatus::Published => "published",
        }
    }

    pub fn parse(text: &str) -> Result<TemplateStatus> {
        match text {
            "draft" => Ok(TemplateStatus::Draft),
            "published" => Ok(TemplateStatus::Published),
            other => Err(Error::internal(format!("stored template status {other}"))),
        }
    }
}

/// One version of a template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StoredTemplate {
    pub key: String,
    pub version: i32,
    pub status: TemplateStatus,
    pub definition: TemplateDef,
    /// `None` for the built-in library.
    pub created_by: Option<String>,
    pub created_at: i64,
}

/// The choice values of an order's select, multi-select and cascade fields, one pair
/// (field key, value) each: what the order list filters by. A cascade gives every value on
/// its path, so a filter by a province finds its cities' orders too.
pub fn choice_values(def: &TemplateDef, values: &Map<String, Value>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for field in &def.fields {
        let Some(v) = values.get(&field.key) else { continue };
        let texts: Vec<&str> = match (&field.kind, v) {
            (FieldKind::Select { .. }, Value::String(s)) => vec![s.as_str()],
            (FieldKind::MultiSelect { .. } | FieldKind::Cascade { .. }, Value::Array(items)) => {
                items.iter().filter_map(Value::as_str).collect()
            }
            _ => continue,
        };
        for t in texts {
            let pair = (field.key.clone(), t.to_string());
            if !out.contains(&pair) {
                out.push(pair);
            }
        }
    }
    out
}

/// Splits the unmapped values off an order's stored values: (the template's values, unmapped).
pub fn split_unmapped(values: &Value) -> (Map<String, Value>, Option<Value>) {
    let mut map = values.as_object().cloned().unwrap_or_default();
    let unmapped = map.remove(UNMAPPED_KEY);
    (map, unmapped)
}

/// How the form shows one field for the values at hand, and what is wrong with its value.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldView {
    pub key: String,
    pub visible: bool,
    pub required: bool,
    pub read_only: bool,
    /// The refusal a save would meet at this field (type, options, limits, required).
    pub error: Option<Error>,
}

/// What the new-order and edit forms ask as values change: every field's state and error, so
/// the UI keeps no copy of the rules.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FormState {
    pub key: String,
    pub version: i32,
    pub fields: Vec<FieldView>,
    /// Whether a save of these values would pass.
    pub valid: bool,
}

/// Every field's state under the rules and its error, all at once (a save reports the first).
pub fn form_state(t: &StoredTemplate, values: &Map<String, Value>) -> FormState {
    use crate::domain::form::values::{check_value, field_states, is_empty};
    let states = field_states(&t.definition, values);
    let fields: Vec<FieldView> = t
        .definition
        .fields
        .iter()
        .map(|f| {
            let s = states.get(&f.key).copied().unwrap_or_default();
            let at = format!("values.{}", f.key);
            let v = values.get(&f.key).filter(|v| !v.is_null());
            let unchecked = matches!(f.kind, FieldKind::Checkbox) && v == Some(&Value::Bool(false));
            let error = match v {
                _ if !s.visible => None,
                Some(v) => check_value(f, v).err().map(|e| e.on_field(&at)),
                None => None,
            }
            .or_else(|| {
                (s.required && (is_empty(v) || unchecked))
                    .then(|| Error::invalid("template.field_required").on_field(&at))
            });
            FieldView { key: f.key.clone(), visible: s.visible, required: s.required, read_only: s.read_only, error }
        })
        .collect();
    let unknown = values.keys().any(|k| t.definition.field(k).is_none());
    FormState {
        key: t.key.clone(),
        version: t.version,
        valid: !unknown && fields.iter().all(|f| f.error.is_none()),
        fields,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::form::library::library;
    use serde_json::json;

    #[test]
    fn choice_values_cover_selects_multi_selects_and_cascade_paths() {
        let sales = library().into_iter().find(|t| t.key == "sales").unwrap();
        let values = json!({"region": ["cn", "gd", "sz"], "purchased": "yes", "contact_name": "李雷"});
        let pairs = choice_values(&sales, values.as_object().unwrap());
        let keys: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(keys, [("region", "cn"), ("region", "gd"), ("region", "sz"), ("purchased", "yes")]);
        let (own, unmapped) = split_unmapped(&json!({"a": 1, "_unmapped": {"channel": "wechat"}}));
        assert_eq!((own.len(), unmapped), (1, Some(json!({"channel": "wechat"}))));
    }

    #[test]
    fn form_state_follows_the_rules_and_names_each_bad_field() {
        let sales = library().into_iter().find(|t| t.key == "sales").unwrap();
        let t = StoredTemplate {
            key: "sales".into(),
            version: 1,
            status: TemplateStatus::Published,
            definition: sales,
            created_by: None,
            created_at: 0,
        };
        let view = |v: Value| form_state(&t, v.as_object().unwrap());
        let s = view(json!({"purchased": "no", "region": ["cn", "gd"]}));
        let reference = s.fields.iter().find(|f| f.key == "order_reference").unwrap();
        assert!(!reference.visible && reference.error.is_none());
        let region = s.fields.iter().find(|f| f.key == "region").unwrap();
        assert_eq!(region.error.as_ref().unwrap().key, "template.value_path_incomplete");
        assert!(!s.valid);
        let s = view(json!({"purchased": "yes", "region": ["cn", "gd", "sz"]}));
        let reference = s.fields.iter().find(|f| f.key == "order_reference").unwrap();
        assert!(reference.visible && reference.required);
        assert_eq!(reference.error.as_ref().unwrap().field.as_deref(), Some("values.order_reference"));
    }
}
