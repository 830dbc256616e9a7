use super::*;
use crate::domain::form::library::library;
use crate::domain::form::{Choice, FieldKind, RuleEffect};
use crate::domain::workflow::Names;

fn sales() -> TemplateDef {
    library().into_iter().find(|t| t.key == "sales").unwrap()
}

fn change(kind: ChangeKind, target: ChangeTarget, key: &str, detail: &[&str]) -> TemplateChange {
    TemplateChange { kind, target, key: key.into(), detail: detail.iter().map(|d| d.to_string()).collect() }
}

fn field<'a>(def: &'a mut TemplateDef, key: &str) -> &'a mut FieldDef {
    def.fields.iter_mut().find(|f| f.key == key).unwrap()
}

#[test]
fn the_same_definition_has_no_changes() {
    assert!(diff(&sales(), &sales()).is_empty());
}

#[test]
fn each_kind_of_edit_is_named_with_the_properties_it_touched() {
    use ChangeKind::*;
    use ChangeTarget::*;
    let old = sales();
    let mut new = sales();
    new.default_priority = Some("P2".into());
    new.names.es = "Ventas y pedidos".into();
    new.sections[3].names.en = "Closure".into();
    let phone = field(&mut new, "contact_phone");
    phone.labels.zh_cn = "手机".into();
    phone.required = true;
    if let FieldKind::Text { pattern, .. } = &mut phone.kind {
        *pattern = None;
    }
    if let FieldKind::Cascade { tree, .. } = &mut field(&mut new, "region").kind {
        tree[0].children[0].labels.en = "Guangdong Province".into();
    }
    if let FieldKind::Select { options } = &mut field(&mut new, "purchased").kind {
        options.push(Choice { value: "maybe".into(), labels: Names::new("Maybe", "也许", "Quizá") });
    }
    field(&mut new, "contact_name").kind = FieldKind::Textarea { max_chars: None };
    new.fields.retain(|f| f.key != "order_reference");
    let mut budget = new.fields[0].clone();
    budget.key = "budget".into();
    budget.kind = FieldKind::Number { min: Some(0.0), max: None, decimals: Some(2) };
    new.fields.push(budget);
    new.rules[0].effect = RuleEffect::Hide;
    new.rules[0].targets = vec!["budget".into()];
    assert_eq!(
        diff(&old, &new),
        [
            change(Changed, Template, "", &["names", "default_priority"]),
            change(Changed, Section, "closing", &["names"]),
            change(Changed, Field, "contact_name", &["type"]),
            change(Changed, Field, "contact_phone", &["labels", "pattern", "required"]),
            change(Changed, Field, "region", &["options"]),
            change(Changed, Field, "purchased", &["options"]),
            change(Added, Field, "budget", &[]),
            change(Removed, Field, "order_reference", &[]),
            change(Changed, Rule, "0", &["effect", "targets"]),
        ]
    );
}

#[test]
fn one_field_dragged_to_the_top_is_one_move() {
    let old = sales();
    let mut new = sales();
    let moved = new.fields.remove(3);
    new.fields.insert(0, moved);
    assert_eq!(diff(&old, &new), [change(ChangeKind::Changed, ChangeTarget::Field, "purchased", &["position"])]);
}

#[test]
fn rules_are_matched_by_position() {
    let old = sales();
    let mut new = sales();
    let mut second = new.rules[0].clone();
    second.effect = RuleEffect::ReadOnly;
    new.rules.push(second);
    assert_eq!(diff(&old, &new), [change(ChangeKind::Added, ChangeTarget::Rule, "2", &[])]);
    assert_eq!(diff(&new, &old), [change(ChangeKind::Removed, ChangeTarget::Rule, "2", &[])]);
}
