//! The built-in template library (issue #3), fully translated, shipped inside the binary from
//! `templates/library/*.json`; admins clone and adapt them. And conversion: an order's values
//! carried from one template to another through a field mapping.

use super::{FieldKind, TemplateDef};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

const FILES: [(&str, &str); 8] = [
    ("general", include_str!("../../../templates/library/general.json")),
    ("product_requirement", include_str!("../../../templates/library/product_requirement.json")),
    ("sales", include_str!("../../../templates/library/sales.json")),
    ("customer_service", include_str!("../../../templates/library/customer_service.json")),
    ("after_sales", include_str!("../../../templates/library/after_sales.json")),
    ("it_repair", include_str!("../../../templates/library/it_repair.json")),
    ("inspection", include_str!("../../../templates/library/inspection.json")),
    ("preventive_maintenance", include_str!("../../../templates/library/preventive_maintenance.json")),
];

/// Every built-in template, in library order.
pub fn library() -> Vec<TemplateDef> {
    FILES
        .iter()
        .map(|(key, text)| serde_json::from_str(text).unwrap_or_else(|e| panic!("templates/library/{key}.json: {e}")))
        .collect()
}

/// How one template's values become another's: fields with the same key map themselves unless
/// listed; `fields` maps a source key to a target key; `options` maps, per source field, a
/// source option value to a target option value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldMapping {
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    #[serde(default)]
    pub options: BTreeMap<String, BTreeMap<String, String>>,
}

/// The outcome of converting values: what the target template receives, and what had nowhere
/// to go (kept on the order, visible, under the source field's key).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Converted {
    pub values: Map<String, Value>,
    pub unmapped: Map<String, Value>,
}

/// The built-in mapping from customer service to after-sales: the shared keys map themselves.
pub fn customer_service_to_after_sales() -> FieldMapping {
    FieldMapping {
        from: "customer_service".into(),
        to: "after_sales".into(),
        fields: BTreeMap::from([("answer".into(), "solution".into())]),
        options: BTreeMap::new(),
    }
}

impl FieldMapping {
    /// Refuses a mapping naming fields that do not exist or joining fields of different types.
    pub fn check(&self, from: &TemplateDef, to: &TemplateDef) -> Result<()> {
        for (source, target) in &self.fields {
            let at = format!("fields.{source}");
            let s = from.field(source).ok_or_else(|| unknown(&at, source))?;
            let t = to.field(target).ok_or_else(|| unknown(&at, target))?;
            if s.kind.type_key() != t.kind.type_key() {
                return Err(Error::invalid("template.mapping_type_mismatch")
                    .on_field(&at)
                    .with("value", source)
                    .with("target", target));
            }
        }
        for (source, values) in &self.options {
            let at = format!("options.{source}");
            from.field(source).ok_or_else(|| unknown(&at, source))?;
            let target = to.field(self.fields.get(source).unwrap_or(source)).ok_or_else(|| unknown(&at, source))?;
            let allowed: Vec<&str> = match &target.kind {
                FieldKind::Select { options } | FieldKind::MultiSelect { options, .. } => {
                    options.iter().map(|o| o.value.as_str()).collect()
                }
                _ => vec![],
            };
            if let Some(bad) = values.values().find(|v| !allowed.contains(&v.as_str())) {
                return Err(Error::invalid("template.value_not_an_option").on_field(&at).with("value", bad));
            }
        }
        Ok(())
    }

    /// Carries `values` across: mapped fields get their (option-mapped) value, the rest is
    /// returned as unmapped. The caller validates the result against the target template.
    pub fn convert(&self, to: &TemplateDef, values: &Map<String, Value>) -> Converted {
        let mut out = Converted { values: Map::new(), unmapped: Map::new() };
        for (key, value) in values {
            match self.carry(to, key, value) {
                Some((target, mapped)) => drop(out.values.insert(target, mapped)),
                None => drop(out.unmapped.insert(key.clone(), value.clone())),
            }
        }
        out
    }

    /// Where one value of the source field `key` goes: the target field the mapping names (the
    /// same key otherwise) with the value's options renamed, or none when the target has no such
    /// field or the value does not fit it (it is then kept aside as unmapped).
    pub fn carry(&self, to: &TemplateDef, key: &str, value: &Value) -> Option<(String, Value)> {
        let target = self.fields.get(key).map_or(key, String::as_str);
        let field = to.field(target)?;
        let map_one = |v: &Value| match (v.as_str(), self.options.get(key)) {
            (Some(s), Some(m)) => m.get(s).map(|t| Value::String(t.clone())).unwrap_or_else(|| v.clone()),
            _ => v.clone(),
        };
        let mapped = match value {
            Value::Array(items) if matches!(field.kind, FieldKind::MultiSelect { .. }) => {
                Value::Array(items.iter().map(map_one).collect())
            }
            other => map_one(other),
        };
        super::values::check_value(field, &mapped).is_ok().then(|| (target.to_string(), mapped))
    }
}

fn unknown(at: &str, key: &str) -> Error {
    Error::invalid("template.field_unknown").on_field(at).with("value", key)
}

#[cfg(test)]
mod tests {
    use super::super::check::check;
    use super::super::values::validate;
    use super::*;
    use serde_json::json;

    fn get(key: &str) -> TemplateDef {
        library().into_iter().find(|t| t.key == key).unwrap()
    }

    #[test]
    fn every_built_in_template_is_valid_and_has_the_fields_the_issue_names() {
        let all = library();
        for (t, (file, _)) in all.iter().zip(FILES) {
            assert_eq!(t.key, file);
            check(t).unwrap_or_else(|e| panic!("{}: {e:?}", t.key));
        }
        let kind = |t: &str, f: &str| get(t).field(f).map(|f| f.kind.type_key()).unwrap_or("missing");
        assert_eq!(
            (kind("product_requirement", "background"), kind("product_requirement", "implementation")),
            ("text", "text")
        );
        assert_eq!((kind("sales", "region"), kind("sales", "purchased")), ("cascade", "select"));
        assert_eq!(
            (kind("it_repair", "device"), kind("it_repair", "fault_type"), kind("it_repair", "location")),
            ("text", "select", "location")
        );
        assert_eq!(kind("inspection", "checklist"), "multi_select");
        assert_eq!(
            (kind("preventive_maintenance", "asset"), kind("preventive_maintenance", "interval")),
            ("text", "select")
        );
        if let FieldKind::Cascade { levels, .. } = &get("sales").field("region").unwrap().kind {
            assert_eq!(levels.iter().map(|l| l.zh_cn.as_str()).collect::<Vec<_>>(), ["国家", "省份", "城市"]);
        }
    }

    #[test]
    fn a_customer_service_order_becomes_after_sales_keeping_what_has_no_place() {
        let (cs, after) = (get("customer_service"), get("after_sales"));
        let mapping = customer_service_to_after_sales();
        mapping.check(&cs, &after).unwrap();
        let values = validate(
            &cs,
            &json!({"contact_name": "王芳", "channel": "wechat", "product": "空调 KFR-35", "serial_number": "SN123", "answer": "已安排上门"}),
            None,
        )
        .unwrap();
        let converted = mapping.convert(&after, &values);
        assert_eq!(converted.values["contact_name"], "王芳");
        assert_eq!(converted.values["solution"], "已安排上门");
        assert_eq!(converted.unmapped.keys().collect::<Vec<_>>(), ["channel"], "the channel has no after-sales field");
        // After-sales needs a fault description the customer-service order did not have.
        let mut target = serde_json::Value::Object(converted.values.clone());
        assert_eq!(validate(&after, &target, None).unwrap_err().field.as_deref(), Some("values.fault"));
        target["fault"] = json!("不制冷");
        assert!(validate(&after, &target, None).is_ok());
    }

    #[test]
    fn mappings_with_unknown_fields_mismatched_types_or_options_are_refused() {
        let (cs, after) = (get("customer_service"), get("after_sales"));
        let mut m = customer_service_to_after_sales();
        m.fields.insert("nothing".into(), "fault".into());
        assert_eq!(m.check(&cs, &after).unwrap_err().field.as_deref(), Some("fields.nothing"));
        let mut m = customer_service_to_after_sales();
        m.fields.insert("purchase_date".into(), "fault".into());
        assert_eq!(m.check(&cs, &after).unwrap_err().key, "template.mapping_type_mismatch");
        let mut m = FieldMapping { from: "sales".into(), to: "sales".into(), ..Default::default() };
        m.options.insert("purchased".into(), BTreeMap::from([("yes".into(), "si".into())]));
        assert_eq!(m.check(&get("sales"), &get("sales")).unwrap_err().key, "template.value_not_an_option");
    }
}
