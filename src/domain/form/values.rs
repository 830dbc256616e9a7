//! An order's values against its template: each value's type, options and limits, and the
//! rules — hidden fields' values are dropped, required ones must be filled, read-only ones
//! must not change. Refusals name the field (`values.region`).

use super::{CascadeNode, FieldDef, FieldKind, FieldRule, RuleCondition, RuleEffect, TemplateDef, MAX_TEXT_CHARS};
use crate::{Error, Result};
use chrono::{DateTime, NaiveDate};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The default limit of a one-line text field.
pub const DEFAULT_TEXT_CHARS: u32 = 500;

/// How the rules leave one field for the values at hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FieldState {
    pub visible: bool,
    pub required: bool,
    pub read_only: bool,
}

fn invalid(key: &str) -> Error {
    Error::invalid(key)
}

/// Whether a value counts as not filled in.
pub fn is_empty(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.is_empty(),
        Some(_) => false,
    }
}

/// Checks one value against its field's type and limits (not the rules).
pub fn check_value(field: &FieldDef, v: &Value) -> Result<()> {
    let bad = || invalid("template.value_invalid").with("type", field.kind.type_key());
    match &field.kind {
        FieldKind::Text { max_chars, pattern } => {
            let s = v.as_str().ok_or_else(bad)?;
            if s.chars().any(|c| c.is_control()) {
                return Err(bad());
            }
            check_len(s, max_chars.unwrap_or(DEFAULT_TEXT_CHARS))?;
            if let Some(p) = pattern {
                let re = regex::Regex::new(&format!("^(?:{p})$")).map_err(|_| bad())?;
                if !re.is_match(s) {
                    return Err(invalid("template.value_pattern_mismatch"));
                }
            }
            Ok(())
        }
        FieldKind::Textarea { max_chars } => {
            let s = v.as_str().ok_or_else(bad)?;
            check_len(s, max_chars.unwrap_or(MAX_TEXT_CHARS))
        }
        FieldKind::Number { min, max, decimals } => {
            let n = v.as_f64().filter(|n| n.is_finite()).ok_or_else(bad)?;
            check_bounds(n, *min, *max)?;
            match decimals {
                Some(d) if !has_decimals(n, *d) => Err(invalid("template.value_too_precise").with("max", d)),
                _ => Ok(()),
            }
        }
        FieldKind::Money { currency, min, max } => {
            let o = v.as_object().ok_or_else(bad)?;
            let amount = o.get("amount").and_then(Value::as_str).ok_or_else(bad)?;
            let n = parse_amount(amount).ok_or_else(bad)?;
            if o.get("currency").and_then(Value::as_str) != Some(currency.as_str()) || o.len() != 2 {
                return Err(invalid("template.value_currency_mismatch").with("value", currency));
            }
            check_bounds(n, *min, *max)
        }
        FieldKind::Date => {
            let s = v.as_str().ok_or_else(bad)?;
            NaiveDate::parse_from_str(s, "%Y-%m-%d").map(|_| ()).map_err(|_| bad())
        }
        FieldKind::Datetime => {
            let s = v.as_str().ok_or_else(bad)?;
            DateTime::parse_from_rfc3339(s).map(|_| ()).map_err(|_| bad())
        }
        FieldKind::Select { options } => {
            let s = v.as_str().ok_or_else(bad)?;
            if options.iter().any(|o| o.value == s) {
                Ok(())
            } else {
                Err(invalid("template.value_not_an_option").with("value", s))
            }
        }
        FieldKind::MultiSelect { options, max_choices } => check_multi(v, options, *max_choices, bad),
        FieldKind::Cascade { levels, tree, allow_partial } => check_path(v, tree, levels.len(), *allow_partial, bad),
        FieldKind::Checkbox => v.as_bool().map(|_| ()).ok_or_else(bad),
        FieldKind::User | FieldKind::Customer => match v.as_str() {
            Some(s) if !s.trim().is_empty() && s.len() <= 64 => Ok(()),
            _ => Err(bad()),
        },
        FieldKind::Attachment { max_bytes, types, max_files } => check_files(v, *max_bytes, types, *max_files, bad),
        FieldKind::Location => check_location(v, bad),
    }
}

fn check_len(s: &str, max: u32) -> Result<()> {
    if s.chars().count() > max as usize {
        return Err(invalid("template.value_too_long").with("max", max));
    }
    Ok(())
}

fn check_bounds(n: f64, min: Option<f64>, max: Option<f64>) -> Result<()> {
    if let Some(lo) = min.filter(|lo| n < *lo) {
        return Err(invalid("template.value_below_min").with("min", lo));
    }
    if let Some(hi) = max.filter(|hi| n > *hi) {
        return Err(invalid("template.value_above_max").with("max", hi));
    }
    Ok(())
}

fn has_decimals(n: f64, d: u8) -> bool {
    let scaled = n * 10f64.powi(i32::from(d));
    (scaled - scaled.round()).abs() < 1e-6 * scaled.abs().max(1.0)
}

/// A decimal amount with at most two decimals: `12`, `-3.5`, `1200.00`.
fn parse_amount(s: &str) -> Option<f64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let ok = !whole.is_empty()
        && whole.len() <= 15
        && whole.chars().all(|c| c.is_ascii_digit())
        && frac.len() <= 2
        && frac.chars().all(|c| c.is_ascii_digit())
        && (frac.is_empty() != digits.contains('.'));
    ok.then(|| s.parse::<f64>().ok()).flatten()
}

fn check_multi(v: &Value, options: &[super::Choice], max: Option<u32>, bad: impl Fn() -> Error) -> Result<()> {
    let list = v.as_array().ok_or_else(&bad)?;
    for (i, item) in list.iter().enumerate() {
        let s = item.as_str().ok_or_else(&bad)?;
        if !options.iter().any(|o| o.value == s) {
            return Err(invalid("template.value_not_an_option").with("value", s));
        }
        if list[..i].contains(item) {
            return Err(bad());
        }
    }
    match max {
        Some(m) if list.len() > m as usize => Err(invalid("template.value_too_many_choices").with("max", m)),
        _ => Ok(()),
    }
}

fn check_path(v: &Value, tree: &[CascadeNode], levels: usize, partial: bool, bad: impl Fn() -> Error) -> Result<()> {
    let path = v.as_array().ok_or_else(&bad)?;
    if path.is_empty() || path.len() > levels {
        return Err(bad());
    }
    let mut nodes = tree;
    for step in path {
        let s = step.as_str().ok_or_else(&bad)?;
        let node = nodes
            .iter()
            .find(|n| n.value == s)
            .ok_or_else(|| invalid("template.value_not_an_option").with("value", s))?;
        nodes = &node.children;
    }
    if !nodes.is_empty() && !partial {
        return Err(invalid("template.value_path_incomplete"));
    }
    Ok(())
}

fn mime_allowed(types: &[String], name: &str, mime: &str) -> bool {
    types.is_empty()
        || types.iter().any(|t| {
            if let Some(ext) = t.strip_prefix('.') {
                name.to_ascii_lowercase().ends_with(&format!(".{}", ext.to_ascii_lowercase()))
            } else if let Some(prefix) = t.strip_suffix("/*") {
                mime.split('/').next() == Some(prefix)
            } else {
                t == mime
            }
        })
}

fn check_files(
    v: &Value,
    max_bytes: Option<u64>,
    types: &[String],
    max_files: Option<u32>,
    bad: impl Fn() -> Error,
) -> Result<()> {
    let files = v.as_array().ok_or_else(&bad)?;
    if max_files.is_some_and(|m| files.len() > m as usize) {
        return Err(invalid("template.value_too_many_files").with("max", max_files.unwrap_or_default()));
    }
    for f in files {
        let sha = f.get("sha256").and_then(Value::as_str).unwrap_or_default();
        let name = f.get("name").and_then(Value::as_str).unwrap_or_default();
        let mime = f.get("mime").and_then(Value::as_str).unwrap_or_default();
        let size = f.get("size").and_then(Value::as_u64).ok_or_else(&bad)?;
        if sha.len() != 64 || !sha.chars().all(|c| c.is_ascii_hexdigit()) || name.trim().is_empty() {
            return Err(bad());
        }
        if max_bytes.is_some_and(|m| size > m) {
            return Err(invalid("template.value_file_too_large")
                .with("value", name)
                .with("max", max_bytes.unwrap_or_default()));
        }
        if !mime_allowed(types, name, mime) {
            return Err(invalid("template.value_file_type_refused")
                .with("value", name)
                .with("allowed", types.join(", ")));
        }
    }
    Ok(())
}

fn check_location(v: &Value, bad: impl Fn() -> Error) -> Result<()> {
    let o = v.as_object().ok_or_else(&bad)?;
    let address = o.get("address").map(|a| a.as_str().ok_or_else(&bad)).transpose()?.unwrap_or_default();
    let lat = o.get("lat").filter(|x| !x.is_null()).map(|x| x.as_f64().ok_or_else(&bad)).transpose()?;
    let lon = o.get("lon").filter(|x| !x.is_null()).map(|x| x.as_f64().ok_or_else(&bad)).transpose()?;
    match (lat, lon) {
        (Some(la), Some(lo)) if (-90.0..=90.0).contains(&la) && (-180.0..=180.0).contains(&lo) => Ok(()),
        (None, None) if !address.trim().is_empty() => Ok(()),
        _ => Err(bad()),
    }
}

fn condition_holds(def: &TemplateDef, c: &RuleCondition, values: &Map<String, Value>) -> bool {
    let v = values.get(c.field());
    match c {
        RuleCondition::IsEmpty { .. } => is_empty(v),
        RuleCondition::NotEmpty { .. } => !is_empty(v),
        RuleCondition::AnyOf { values: wanted, field } => {
            let texts: Vec<String> = match v {
                Some(Value::Array(items)) => items.iter().filter_map(|i| i.as_str().map(String::from)).collect(),
                Some(Value::String(s)) => vec![s.clone()],
                Some(Value::Bool(b)) => vec![b.to_string()],
                Some(Value::Number(n)) => vec![n.to_string()],
                _ => vec![],
            };
            def.field(field).is_some() && texts.iter().any(|t| wanted.contains(t))
        }
    }
}

/// Each field's state under the rules. A field a hidden field's value makes visible stays
/// hidden: the rules are re-read without hidden fields' values until nothing changes.
pub fn field_states(def: &TemplateDef, values: &Map<String, Value>) -> BTreeMap<String, FieldState> {
    let mut seen = values.clone();
    let mut states = BTreeMap::new();
    for _ in 0..=def.fields.len() {
        states = def.fields.iter().map(|f| (f.key.clone(), state_of(def, f, &seen))).collect();
        let before = seen.len();
        seen.retain(|k, _| states.get(k).is_none_or(|s: &FieldState| s.visible));
        if seen.len() == before {
            break;
        }
    }
    states
}

fn state_of(def: &TemplateDef, f: &FieldDef, values: &Map<String, Value>) -> FieldState {
    let holding = |r: &&FieldRule| r.targets.contains(&f.key) && r.when.iter().all(|c| condition_holds(def, c, values));
    let on = |effect: RuleEffect| def.rules.iter().filter(|r| r.effect == effect).filter(holding).count() > 0;
    let shown_only_by_rule = def.rules.iter().any(|r| r.effect == RuleEffect::Show && r.targets.contains(&f.key));
    let visible = (!shown_only_by_rule || on(RuleEffect::Show)) && !on(RuleEffect::Hide);
    FieldState {
        visible,
        required: visible && (f.required || on(RuleEffect::Require)),
        read_only: on(RuleEffect::ReadOnly),
    }
}

/// Checks an order's values against its template and returns them as stored: defaults filled
/// in on create (`previous` is `None`), nulls and hidden fields' values dropped. `previous` is
/// what the order held before an update: read-only fields must keep it.
pub fn validate(
    def: &TemplateDef,
    values: &Value,
    previous: Option<&Map<String, Value>>,
) -> Result<Map<String, Value>> {
    let given = match values {
        Value::Object(m) => m,
        Value::Null => &Map::new(),
        _ => return Err(invalid("template.values_not_object").on_field("values")),
    };
    let mut clean = Map::new();
    for (key, v) in given {
        let field = def
            .field(key)
            .ok_or_else(|| invalid("template.field_unknown").on_field(&format!("values.{key}")).with("value", key))?;
        if v.is_null() {
            continue;
        }
        check_value(field, v).map_err(|e| e.on_field(&format!("values.{key}")))?;
        clean.insert(key.clone(), v.clone());
    }
    if previous.is_none() {
        for f in &def.fields {
            if let (false, Some(d)) = (clean.contains_key(&f.key), &f.default) {
                clean.insert(f.key.clone(), d.clone());
            }
        }
    }
    let states = field_states(def, &clean);
    for f in &def.fields {
        let state = states[&f.key];
        let at = format!("values.{}", f.key);
        let v = clean.get(&f.key);
        if let (true, Some(old)) = (state.read_only, previous) {
            if old.get(&f.key) != v {
                return Err(invalid("template.field_read_only").on_field(&at));
            }
        }
        let unchecked = matches!(f.kind, FieldKind::Checkbox) && v == Some(&Value::Bool(false));
        if state.required && (is_empty(v) || unchecked) {
            return Err(invalid("template.field_required").on_field(&at));
        }
    }
    clean.retain(|k, _| states.get(k).is_some_and(|s| s.visible));
    Ok(clean)
}

#[cfg(test)]
#[path = "values_tests.rs"]
mod tests;
