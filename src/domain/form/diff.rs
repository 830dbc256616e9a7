//! What changed between two versions of a template, for the designer's version history and
//! `orderly template diff`: sections and fields matched by key, rules by position (they have
//! no key), each change naming the properties that differ.
//!
//! Property names are those of the definition's JSON (`labels`, `required`, `max_bytes` …),
//! with two exceptions the designer shows as one thing: a cascade's `tree` is reported as
//! `options`, and a field or section that moved is reported as `position`.

use super::{FieldDef, FieldRule, Section, TemplateDef};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ChangeTarget {
    Template,
    Section,
    Field,
    Rule,
}

/// One difference. `key` is the section's or field's key, the rule's index as text, or empty
/// for the template itself; `detail` lists the properties that differ (empty when added or
/// removed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TemplateChange {
    pub kind: ChangeKind,
    pub target: ChangeTarget,
    pub key: String,
    pub detail: Vec<String>,
}

/// The changes from version `from` to version `to` of the template `key`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TemplateDiff {
    pub key: String,
    pub from: i32,
    pub to: i32,
    pub changes: Vec<TemplateChange>,
}

impl TemplateChange {
    fn new(kind: ChangeKind, target: ChangeTarget, key: &str, detail: Vec<String>) -> TemplateChange {
        TemplateChange { kind, target, key: key.to_string(), detail }
    }
}

/// Every change from `old` to `new`: the template's own properties first, then sections,
/// fields and rules, each in the new version's order with removals last.
pub fn diff(old: &TemplateDef, new: &TemplateDef) -> Vec<TemplateChange> {
    let mut out = Vec::new();
    let mut own = Vec::new();
    differs(&mut own, "names", &old.names, &new.names);
    differs(&mut own, "department_id", &old.department_id, &new.department_id);
    differs(&mut own, "category", &old.category, &new.category);
    differs(&mut own, "default_priority", &old.default_priority, &new.default_priority);
    if !own.is_empty() {
        out.push(TemplateChange::new(ChangeKind::Changed, ChangeTarget::Template, "", own));
    }
    keyed(&mut out, ChangeTarget::Section, &old.sections, &new.sections, |s| &s.key, section_detail);
    keyed(&mut out, ChangeTarget::Field, &old.fields, &new.fields, |f| &f.key, field_detail);
    rules(&mut out, &old.rules, &new.rules);
    out
}

fn differs<T: PartialEq>(detail: &mut Vec<String>, name: &str, old: &T, new: &T) {
    if old != new {
        detail.push(name.to_string());
    }
}

/// Added, changed and removed items matched by key. An item counts as moved when it is not
/// on the longest run of keys both versions keep in the same order, so one field dragged
/// to the top is one move, not a shift of every field it passed.
fn keyed<T>(
    out: &mut Vec<TemplateChange>,
    target: ChangeTarget,
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> &String,
    detail: impl Fn(&T, &T) -> Vec<String>,
) {
    let old_keys: Vec<&String> = old.iter().map(&key).collect();
    let new_keys: Vec<&String> = new.iter().map(&key).collect();
    let kept_old: Vec<&String> = old_keys.iter().copied().filter(|k| new_keys.contains(k)).collect();
    let kept_new: Vec<&String> = new_keys.iter().copied().filter(|k| old_keys.contains(k)).collect();
    let in_order = longest_common_run(&kept_old, &kept_new);
    for item in new {
        let k = key(item);
        match old.iter().find(|o| key(o) == k) {
            None => out.push(TemplateChange::new(ChangeKind::Added, target, k, vec![])),
            Some(before) => {
                let mut d = detail(before, item);
                if !in_order.contains(k) {
                    d.push("position".into());
                }
                if !d.is_empty() {
                    out.push(TemplateChange::new(ChangeKind::Changed, target, k, d));
                }
            }
        }
    }
    for item in old.iter().filter(|o| !new_keys.contains(&key(o))) {
        out.push(TemplateChange::new(ChangeKind::Removed, target, key(item), vec![]));
    }
}

/// The keys of a longest common subsequence of two orders of the same keys.
fn longest_common_run<'a>(a: &[&'a String], b: &[&'a String]) -> HashSet<&'a String> {
    let (n, m) = (a.len(), b.len());
    let mut len = vec![vec![0u16; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            len[i][j] = if a[i] == b[j] { len[i + 1][j + 1] + 1 } else { len[i + 1][j].max(len[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut run) = (0, 0, HashSet::new());
    while i < n && j < m {
        if a[i] == b[j] {
            run.insert(a[i]);
            i += 1;
            j += 1;
        } else if len[i + 1][j] >= len[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    run
}

fn section_detail(old: &Section, new: &Section) -> Vec<String> {
    let mut d = Vec::new();
    differs(&mut d, "names", &old.names, &new.names);
    d
}

fn field_detail(old: &FieldDef, new: &FieldDef) -> Vec<String> {
    let mut d = Vec::new();
    differs(&mut d, "labels", &old.labels, &new.labels);
    differs(&mut d, "help", &old.help, &new.help);
    differs(&mut d, "section", &old.section, &new.section);
    if old.kind.type_key() != new.kind.type_key() {
        d.push("type".into());
    } else {
        d.extend(kind_detail(&old.kind, &new.kind));
    }
    differs(&mut d, "required", &old.required, &new.required);
    differs(&mut d, "default", &old.default, &new.default);
    d
}

/// The type-specific properties (options, limits, pattern …) that differ between two kinds of
/// the same type, read from their JSON so a property added to a type is never missed.
fn kind_detail(old: &super::FieldKind, new: &super::FieldKind) -> Vec<String> {
    let as_map = |k: &super::FieldKind| match serde_json::to_value(k) {
        Ok(Value::Object(m)) => m,
        _ => serde_json::Map::new(),
    };
    let (old, new) = (as_map(old), as_map(new));
    let mut names: Vec<&String> = old.keys().chain(new.keys()).filter(|k| k.as_str() != "type").collect();
    names.sort();
    names.dedup();
    let mut d: Vec<String> = Vec::new();
    for name in names {
        if old.get(name) != new.get(name) {
            let shown = if name == "tree" { "options" } else { name.as_str() };
            if !d.iter().any(|x| x == shown) {
                d.push(shown.to_string());
            }
        }
    }
    d
}

/// Rules have no key: the rule at the same index is the same rule.
fn rules(out: &mut Vec<TemplateChange>, old: &[FieldRule], new: &[FieldRule]) {
    for (i, rule) in new.iter().enumerate() {
        let key = i.to_string();
        match old.get(i) {
            None => out.push(TemplateChange::new(ChangeKind::Added, ChangeTarget::Rule, &key, vec![])),
            Some(before) => {
                let mut d = Vec::new();
                differs(&mut d, "when", &before.when, &rule.when);
                differs(&mut d, "effect", &before.effect, &rule.effect);
                differs(&mut d, "targets", &before.targets, &rule.targets);
                if !d.is_empty() {
                    out.push(TemplateChange::new(ChangeKind::Changed, ChangeTarget::Rule, &key, d));
                }
            }
        }
    }
    for i in new.len()..old.len() {
        out.push(TemplateChange::new(ChangeKind::Removed, ChangeTarget::Rule, &i.to_string(), vec![]));
    }
}

#[cfg(test)]
#[path = "diff_tests.rs"]
mod tests;
