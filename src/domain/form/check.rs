//! Refuses template definitions that could not be used, naming the offending field:
//! `fields.3.options.1.labels.zh_cn`, `rules.0.when.1.field`, `fields.2.pattern`.

use super::{
    CascadeNode, Choice, FieldDef, FieldKind, FieldRule, RuleCondition, TemplateDef, MAX_ATTACHMENT_BYTES,
    MAX_CASCADE_LEVELS, MAX_TEXT_CHARS,
};
use crate::domain::priority::Priority;
use crate::domain::workflow::Names;
use crate::{Error, Result};
use std::collections::HashSet;

/// Most fields on one template, options on one select, nodes in one cascade tree.
pub const MAX_FIELDS: usize = 200;
pub const MAX_OPTIONS: usize = 1_000;
pub const MAX_CASCADE_NODES: usize = 50_000;

fn check_key(key: &str, field: &str) -> Result<()> {
    let ok = !key.is_empty()
        && key.len() <= 40
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(Error::invalid("template.key_invalid").on_field(field).with("value", key))
    }
}

fn check_names(names: &Names, field: &str, max: usize) -> Result<()> {
    for (lang, text) in [("en", &names.en), ("zh_cn", &names.zh_cn), ("es", &names.es)] {
        if text.trim().is_empty() {
            return Err(Error::invalid("template.label_missing").on_field(&format!("{field}.{lang}")));
        }
        if text.chars().count() > max {
            return Err(Error::invalid("template.label_too_long")
                .on_field(&format!("{field}.{lang}"))
                .with("max", max));
        }
    }
    Ok(())
}

/// Checks the whole definition; the first problem is returned.
pub fn check(def: &TemplateDef) -> Result<()> {
    check_key(&def.key, "key")?;
    check_names(&def.names, "names", 80)?;
    if let Some(p) = &def.default_priority {
        p.parse::<Priority>().map_err(|e| e.on_field("default_priority"))?;
    }
    if def.sections.is_empty() {
        return Err(Error::invalid("template.sections_empty").on_field("sections"));
    }
    for (i, s) in def.sections.iter().enumerate() {
        check_key(&s.key, &format!("sections.{i}.key"))?;
        check_names(&s.names, &format!("sections.{i}.names"), 80)?;
        if def.sections[..i].iter().any(|o| o.key == s.key) {
            return Err(duplicate(&format!("sections.{i}.key"), &s.key));
        }
    }
    if def.fields.len() > MAX_FIELDS {
        return Err(Error::invalid("template.too_many").on_field("fields").with("max", MAX_FIELDS));
    }
    for (i, f) in def.fields.iter().enumerate() {
        let at = format!("fields.{i}");
        check_field(def, f, &at)?;
        if def.fields[..i].iter().any(|o| o.key == f.key) {
            return Err(duplicate(&format!("{at}.key"), &f.key));
        }
    }
    for (i, r) in def.rules.iter().enumerate() {
        check_rule(def, r, &format!("rules.{i}"))?;
    }
    Ok(())
}

fn duplicate(field: &str, value: &str) -> Error {
    Error::invalid("template.key_duplicate").on_field(field).with("value", value)
}

fn check_field(def: &TemplateDef, f: &FieldDef, at: &str) -> Result<()> {
    check_key(&f.key, &format!("{at}.key"))?;
    check_names(&f.labels, &format!("{at}.labels"), 120)?;
    if let Some(help) = &f.help {
        check_names(help, &format!("{at}.help"), 500)?;
    }
    if !def.sections.iter().any(|s| s.key == f.section) {
        return Err(Error::invalid("template.section_unknown")
            .on_field(&format!("{at}.section"))
            .with("value", &f.section));
    }
    check_kind(&f.kind, at)?;
    if let Some(default) = &f.default {
        super::values::check_value(f, default).map_err(|e| e.on_field(&format!("{at}.default")))?;
    }
    Ok(())
}

fn check_range(min: Option<f64>, max: Option<f64>, at: &str) -> Result<()> {
    for (name, v) in [("min", min), ("max", max)] {
        if v.is_some_and(|v| !v.is_finite()) {
            return Err(Error::invalid("template.number_invalid").on_field(&format!("{at}.{name}")));
        }
    }
    match (min, max) {
        (Some(lo), Some(hi)) if lo > hi => {
            Err(Error::invalid("template.range_inverted").on_field(&format!("{at}.max")))
        }
        _ => Ok(()),
    }
}

fn check_kind(kind: &FieldKind, at: &str) -> Result<()> {
    match kind {
        FieldKind::Text { max_chars, pattern } => {
            check_max_chars(*max_chars, at)?;
            if let Some(p) = pattern {
                if let Err(e) = regex::Regex::new(&format!("^(?:{p})$")) {
                    let detail = e.to_string().lines().last().unwrap_or_default().to_string();
                    return Err(Error::invalid("template.pattern_invalid")
                        .on_field(&format!("{at}.pattern"))
                        .with("value", p)
                        .with("detail", detail));
                }
            }
            Ok(())
        }
        FieldKind::Textarea { max_chars } => check_max_chars(*max_chars, at),
        FieldKind::Number { min, max, decimals } => {
            if decimals.is_some_and(|d| d > 9) {
                return Err(Error::invalid("template.decimals_out_of_range").on_field(&format!("{at}.decimals")));
            }
            check_range(*min, *max, at)
        }
        FieldKind::Money { currency, min, max } => {
            if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
                return Err(Error::invalid("template.currency_invalid")
                    .on_field(&format!("{at}.currency"))
                    .with("value", currency));
            }
            check_range(*min, *max, at)
        }
        FieldKind::Select { options } => check_choices(options, at),
        FieldKind::MultiSelect { options, max_choices } => {
            check_choices(options, at)?;
            if *max_choices == Some(0) {
                return Err(Error::invalid("template.number_invalid").on_field(&format!("{at}.max_choices")));
            }
            Ok(())
        }
        FieldKind::Cascade { levels, tree, .. } => check_cascade(levels, tree, at),
        FieldKind::Attachment { max_bytes, max_files, .. } => {
            if max_bytes.is_some_and(|b| b == 0 || b > MAX_ATTACHMENT_BYTES) {
                return Err(Error::invalid("template.attachment_size_out_of_range")
                    .on_field(&format!("{at}.max_bytes"))
                    .with("max", MAX_ATTACHMENT_BYTES));
            }
            if *max_files == Some(0) {
                return Err(Error::invalid("template.number_invalid").on_field(&format!("{at}.max_files")));
            }
            Ok(())
        }
        FieldKind::Date
        | FieldKind::Datetime
        | FieldKind::Checkbox
        | FieldKind::User
        | FieldKind::Customer
        | FieldKind::Location => Ok(()),
    }
}

fn check_max_chars(max_chars: Option<u32>, at: &str) -> Result<()> {
    if max_chars.is_some_and(|m| m == 0 || m > MAX_TEXT_CHARS) {
        return Err(Error::invalid("template.max_chars_out_of_range")
            .on_field(&format!("{at}.max_chars"))
            .with("max", MAX_TEXT_CHARS));
    }
    Ok(())
}

fn check_choices(options: &[Choice], at: &str) -> Result<()> {
    if options.is_empty() {
        return Err(Error::invalid("template.options_empty").on_field(&format!("{at}.options")));
    }
    if options.len() > MAX_OPTIONS {
        return Err(Error::invalid("template.too_many").on_field(&format!("{at}.options")).with("max", MAX_OPTIONS));
    }
    let mut seen = HashSet::new();
    for (i, o) in options.iter().enumerate() {
        let here = format!("{at}.options.{i}");
        check_option_value(&o.value, &format!("{here}.value"))?;
        check_names(&o.labels, &format!("{here}.labels"), 120)?;
        if !seen.insert(o.value.as_str()) {
            return Err(duplicate(&format!("{here}.value"), &o.value));
        }
    }
    Ok(())
}

fn check_option_value(value: &str, field: &str) -> Result<()> {
    if value.trim().is_empty() || value.chars().count() > 100 || value.trim() != value {
        return Err(Error::invalid("template.option_value_invalid").on_field(field).with("value", value));
    }
    Ok(())
}

fn check_cascade(levels: &[Names], tree: &[CascadeNode], at: &str) -> Result<()> {
    if levels.is_empty() || levels.len() > MAX_CASCADE_LEVELS {
        return Err(Error::invalid("template.cascade_levels_out_of_range")
            .on_field(&format!("{at}.levels"))
            .with("max", MAX_CASCADE_LEVELS));
    }
    for (i, l) in levels.iter().enumerate() {
        check_names(l, &format!("{at}.levels.{i}"), 60)?;
    }
    if tree.is_empty() {
        return Err(Error::invalid("template.options_empty").on_field(&format!("{at}.tree")));
    }
    let mut count = 0;
    check_nodes(tree, 0, levels.len(), &format!("{at}.tree"), &mut count)
}

fn check_nodes(nodes: &[CascadeNode], depth: usize, levels: usize, at: &str, count: &mut usize) -> Result<()> {
    let mut seen = HashSet::new();
    for (i, n) in nodes.iter().enumerate() {
        let here = format!("{at}.{i}");
        *count += 1;
        if *count > MAX_CASCADE_NODES {
            return Err(Error::invalid("template.too_many").on_field(&here).with("max", MAX_CASCADE_NODES));
        }
        check_option_value(&n.value, &format!("{here}.value"))?;
        check_names(&n.labels, &format!("{here}.labels"), 120)?;
        if !seen.insert(n.value.as_str()) {
            return Err(duplicate(&format!("{here}.value"), &n.value));
        }
        if !n.children.is_empty() {
            if depth + 1 >= levels {
                return Err(Error::invalid("template.cascade_too_deep")
                    .on_field(&format!("{here}.children"))
                    .with("max", levels));
            }
            check_nodes(&n.children, depth + 1, levels, &format!("{here}.children"), count)?;
        }
    }
    Ok(())
}

fn check_rule(def: &TemplateDef, rule: &FieldRule, at: &str) -> Result<()> {
    if rule.when.is_empty() {
        return Err(Error::invalid("template.rule_conditions_empty").on_field(&format!("{at}.when")));
    }
    if rule.targets.is_empty() {
        return Err(Error::invalid("template.rule_targets_empty").on_field(&format!("{at}.targets")));
    }
    for (i, c) in rule.when.iter().enumerate() {
        let field = format!("{at}.when.{i}.field");
        if def.field(c.field()).is_none() {
            return Err(Error::invalid("template.rule_field_unknown").on_field(&field).with("value", c.field()));
        }
        if let RuleCondition::AnyOf { values, .. } = c {
            if values.is_empty() {
                return Err(Error::invalid("template.options_empty").on_field(&format!("{at}.when.{i}.values")));
            }
        }
    }
    for (i, t) in rule.targets.iter().enumerate() {
        let field = format!("{at}.targets.{i}");
        if def.field(t).is_none() {
            return Err(Error::invalid("template.rule_field_unknown").on_field(&field).with("value", t));
        }
        if rule.when.iter().any(|c| c.field() == t) {
            return Err(Error::invalid("template.rule_targets_itself").on_field(&field).with("value", t));
        }
    }
    Ok(())
}
